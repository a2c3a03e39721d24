"""A :class:`~postcraft.lsp.engine.DocReview` as LSP diagnostics, code actions and hovers.

Diagnostic codes: the rule id for a guideline finding (``linkedin.hashtags.camelcase``);
``tone`` for the tone of the whole draft (line 1); ``tone.<category>`` for a word that makes
the draft sound corporate; ``tags.person``/``tags.company``/``tags.hashtag``/``tags.expert``
for tag suggestions and ``tags.ambiguous``/``tags.withheld`` for names that are not;
``postcraft.config`` for a configuration problem; ``postcraft.language`` for a draft in a
language postcraft does not check.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING, Any

import yaml
from lsprotocol import types as lsp

from ..langs import DEFAULT, fallbacks, resolve
from .config import Problem
from .engine import DocReview
from .textindex import LineIndex

if TYPE_CHECKING:
    from ..rules import Finding

SOURCE = "postcraft"
SEVERITY = {
    "error": lsp.DiagnosticSeverity.Error,
    "warning": lsp.DiagnosticSeverity.Warning,
    "suggestion": lsp.DiagnosticSeverity.Information,
}
FIX_ALL_KIND = "source.fixAll.postcraft"
_URL = re.compile(r"https?://[^\s<>\"'»”)]+")


def messages(lang: str) -> dict[str, Any]:
    """The server's own texts in ``lang`` (data file ``lsp/data/messages.yaml``; a text missing in
    ``lang`` comes from its fallback language).

    >>> messages("da")["tone_labels"]["personal"]
    'personlig'
    """
    return _merged(lang)


@lru_cache(maxsize=16)
def _merged(lang: str | None) -> dict[str, Any]:
    merged: dict[str, Any] = {}
    for code in reversed(fallbacks(lang)):
        merged.update(_messages().get(code) or {})
    return merged


@lru_cache(maxsize=1)
def _messages() -> dict[str, dict[str, Any]]:
    data: dict[str, dict[str, Any]] = yaml.safe_load(
        (resources.files("postcraft.lsp") / "data" / "messages.yaml").read_text("utf-8")
    )
    return data


def help_url(help_text: str) -> str | None:
    """The first http(s) URL in a finding's help, for the diagnostic's ``codeDescription``.

    >>> help_url("See https://intranet.acme.example/style."), help_url("Ask comms@acme.dk")
    ('https://intranet.acme.example/style', None)
    """
    m = _URL.search(help_text)
    return m.group(0).rstrip(".,;:") if m else None


def _range(index: LineIndex, start: int, end: int) -> lsp.Range:
    (l1, c1), (l2, c2) = index.range(start, end)
    return lsp.Range(start=lsp.Position(line=l1, character=c1), end=lsp.Position(line=l2, character=c2))


def _line_range(index: LineIndex, line: int) -> lsp.Range:
    """The whole of ``line`` (0-based), or line 1 when the text has fewer lines."""
    line = max(0, min(line, index.line_count - 1))
    return _range(index, index.starts[line], index.line_end(line))


def _pct(p: float, lang: str | None = None) -> str:
    return resolve(lang).percent(p)


def _anchor(review: DocReview) -> tuple[int, int]:
    """Where suggestions without a span (hashtags, experts) are shown: the last non-blank line."""
    index = review.index
    for line in range(index.line_count - 1, -1, -1):
        s, e = index.starts[line], index.line_end(line)
        if review.text[s:e].strip():
            return s, e
    return 0, index.line_end(0)


# -- diagnostics ---------------------------------------------------------------------------------


def diagnostics(review: DocReview) -> list[lsp.Diagnostic]:
    """Every diagnostic of a draft: configuration problems, findings, tone, tag suggestions."""
    index = review.index
    cfg = review.config
    out: list[lsp.Diagnostic] = []
    for p in cfg.problems:
        if p.path is None:
            out.append(
                lsp.Diagnostic(
                    range=_line_range(index, 0),
                    message=p.message,
                    source=SOURCE,
                    code="postcraft.config",
                    severity=lsp.DiagnosticSeverity.Error
                    if p.severity == "error"
                    else lsp.DiagnosticSeverity.Warning,
                )
            )
    if review.error is not None:
        msg = messages(DEFAULT)["unsupported"].format(error=review.error)
        out.append(
            lsp.Diagnostic(
                range=_line_range(index, 0),
                message=msg,
                source=SOURCE,
                code="postcraft.language",
                severity=lsp.DiagnosticSeverity.Information,
            )
        )
        return out
    m = messages(review.lang)
    out.extend(finding_diagnostic(index, f) for f in review.findings)
    tone = review.tone
    if tone is not None:
        if cfg.tone_diagnostic:
            out.append(
                lsp.Diagnostic(
                    range=_line_range(index, 0),
                    message=tone_summary(review),
                    source=SOURCE,
                    code="tone",
                    severity=lsp.DiagnosticSeverity.Information,
                )
            )
        if cfg.tone_hints:
            for d in tone.drivers:
                if d.direction != "corporate" or not d.hint:
                    continue
                msg = m["tone_hint_diagnostic"].format(
                    category=m["categories"].get(d.category, d.category), hint=d.hint
                )
                for ds, de in d.spans:
                    out.append(
                        lsp.Diagnostic(
                            range=_range(index, ds, de),
                            message=msg,
                            source=SOURCE,
                            code=f"tone.{d.category}",
                            severity=lsp.DiagnosticSeverity.Hint,
                        )
                    )
    tags = review.tags
    if tags is not None:
        for s in (*tags.people, *tags.companies):
            if s.start is not None and s.end is not None:
                out.append(
                    lsp.Diagnostic(
                        range=_range(index, s.start, s.end),
                        message=s.reason,
                        source=SOURCE,
                        code=f"tags.{s.kind}",
                        severity=lsp.DiagnosticSeverity.Hint,
                    )
                )
        a_start, a_end = _anchor(review)
        anchor = _range(index, a_start, a_end)
        for s in tags.hashtags:
            out.append(
                lsp.Diagnostic(
                    range=anchor,
                    message=m["suggest_hashtag"].format(tag=s.target, reason=s.reason),
                    source=SOURCE,
                    code="tags.hashtag",
                    severity=lsp.DiagnosticSeverity.Hint,
                )
            )
        for s in tags.experts:
            rng = _range(index, s.start, s.end) if s.start is not None and s.end is not None else anchor
            out.append(
                lsp.Diagnostic(
                    range=rng,
                    message=m["suggest_expert"].format(target=s.target, reason=s.reason),
                    source=SOURCE,
                    code="tags.expert",
                    severity=lsp.DiagnosticSeverity.Hint,
                )
            )
        for note in (*tags.ambiguous, *tags.withheld):
            out.append(
                lsp.Diagnostic(
                    range=_range(index, note.start, note.end),
                    message=note.reason,
                    source=SOURCE,
                    code=f"tags.{note.kind}",
                    severity=lsp.DiagnosticSeverity.Hint,
                )
            )
    return out


def finding_diagnostic(index: LineIndex, f: Finding) -> lsp.Diagnostic:
    """A guideline finding as a diagnostic: code = rule id, severity mapped (suggestion →
    information), ``codeDescription.href`` = the first URL in the finding's help."""
    url = help_url(f.help) if f.help else None
    return lsp.Diagnostic(
        range=_range(index, f.start, f.end),
        message=f.message,
        severity=SEVERITY.get(f.severity, lsp.DiagnosticSeverity.Warning),
        code=f.rule,
        code_description=lsp.CodeDescription(href=url) if url else None,
        source=SOURCE,
    )


def tone_summary(review: DocReview) -> str:
    """One line: the tone label, the personal score and the strongest drivers."""
    tone = review.tone
    assert tone is not None
    m = messages(review.lang)
    text: str = m["tone_summary"].format(
        label=m["tone_labels"].get(tone.label, tone.label), personal=_pct(tone.personal, review.lang)
    )
    shown = [d for d in tone.drivers if d.category][:3]
    if shown:
        parts = []
        for d in shown:
            part = m["tone_driver_short"].format(
                category=m["categories"].get(d.category, d.category),
                direction=m["tone_labels"].get(d.direction, d.direction),
            )
            parts.append(part + (f" ({d.text})" if d.text else ""))
        text += " " + m["tone_strongest"].format(drivers="; ".join(parts))
    return text


def problem_diagnostic(problem: Problem, file_text: str | None, encoding: str) -> lsp.Diagnostic:
    """A configuration problem as a diagnostic on the file it is in (its whole line)."""
    index = LineIndex(file_text or "", encoding)
    line = (problem.line or 1) - 1
    return lsp.Diagnostic(
        range=_line_range(index, line),
        message=problem.message,
        source=SOURCE,
        code="postcraft.config",
        severity=lsp.DiagnosticSeverity.Error
        if problem.severity == "error"
        else lsp.DiagnosticSeverity.Warning,
    )


# -- code actions --------------------------------------------------------------------------------


def _overlaps(index: LineIndex, rng: lsp.Range, start: int, end: int) -> bool:
    a = index.offset(rng.start.line, rng.start.character)
    b = index.offset(rng.end.line, rng.end.character)
    return start <= b and a <= end


def _minimal_edit(index: LineIndex, old: str, new: str) -> lsp.TextEdit:
    """One edit that turns ``old`` into ``new`` (common prefix and suffix kept)."""
    p = 0
    n = min(len(old), len(new))
    while p < n and old[p] == new[p]:
        p += 1
    s = 0
    while s < n - p and old[len(old) - 1 - s] == new[len(new) - 1 - s]:
        s += 1
    return lsp.TextEdit(range=_range(index, p, len(old) - s), new_text=new[p : len(new) - s])


class EditMaker:
    """Builds a WorkspaceEdit for one document, versioned when the client supports it."""

    def __init__(self, uri: str, version: int | None, document_changes: bool) -> None:
        self.uri = uri
        self.version = version
        self.document_changes = document_changes

    def __call__(self, edits: Sequence[lsp.TextEdit]) -> lsp.WorkspaceEdit:
        if self.document_changes:
            doc = lsp.OptionalVersionedTextDocumentIdentifier(uri=self.uri, version=self.version)
            return lsp.WorkspaceEdit(
                document_changes=[lsp.TextDocumentEdit(text_document=doc, edits=list(edits))]
            )
        return lsp.WorkspaceEdit(changes={self.uri: list(edits)})


def code_actions(
    review: DocReview, rng: lsp.Range, make_edit: EditMaker, only: Iterable[str] | None = None
) -> list[lsp.CodeAction]:
    """Quick fixes for the findings and tag suggestions at ``rng``, and a fix-all source action."""
    from ..rules import plan_fixes

    wanted = list(only) if only else None

    def allowed(kind: str) -> bool:
        return wanted is None or any(kind == w or kind.startswith(w + ".") for w in wanted)

    out: list[lsp.CodeAction] = []
    if review.error is not None:
        return out
    index = review.index
    text = review.text
    m = messages(review.lang)
    if allowed(lsp.CodeActionKind.QuickFix):
        for f in review.findings:
            # Safe and unsafe fixes are offered (unsafe ones say so); display-only ones never.
            if f.applicability not in ("safe", "unsafe") or not f.replacements:
                continue
            if not _overlaps(index, rng, f.start, f.end):
                continue
            for k, rep in enumerate(f.replacements):
                title = (
                    m["replace"].format(replacement=rep)
                    if rep
                    else m["remove"].format(match=text[f.start : f.end])
                )
                if f.applicability == "unsafe":
                    title = m["unsafe_fix"].format(title=title)
                out.append(
                    lsp.CodeAction(
                        title=title,
                        kind=lsp.CodeActionKind.QuickFix,
                        diagnostics=[finding_diagnostic(index, f)],
                        is_preferred=(k == 0 and f.applicability == "safe") or None,
                        edit=make_edit([lsp.TextEdit(range=_range(index, f.start, f.end), new_text=rep)]),
                    )
                )
        out.extend(_tag_actions(review, rng, make_edit))
    if allowed(FIX_ALL_KIND):
        planned = plan_fixes(text, review.findings)  # safe fixes only
        if planned:
            edits = [
                lsp.TextEdit(range=_range(index, f.start, f.end), new_text=f.replacements[0])
                for f in reversed(planned)
            ]
            out.append(
                lsp.CodeAction(
                    title=m["fix_all"].format(count=len(planned)), kind=FIX_ALL_KIND, edit=make_edit(edits)
                )
            )
    return out


def _tag_actions(review: DocReview, rng: lsp.Range, make_edit: EditMaker) -> list[lsp.CodeAction]:
    from ..tags import to_copy_text

    tags = review.tags
    if tags is None:
        return []
    index = review.index
    text = review.text
    m = messages(review.lang)
    out: list[lsp.CodeAction] = []
    for s in (*tags.people, *tags.companies):
        if s.start is None or s.end is None or not _overlaps(index, rng, s.start, s.end):
            continue
        if text[s.start : s.start + 1] == "@" or (s.start > 0 and text[s.start - 1] == "@"):
            continue
        out.append(
            lsp.CodeAction(
                title=m["tag_person"].format(target=s.target, written=text[s.start : s.end]),
                kind=lsp.CodeActionKind.QuickFix,
                edit=make_edit([lsp.TextEdit(range=_range(index, s.start, s.start), new_text="@")]),
            )
        )
    a_start, a_end = _anchor(review)
    at_anchor = _overlaps(index, rng, a_start, a_end)
    for s in tags.experts:
        here = (
            _overlaps(index, rng, s.start, s.end) if s.start is not None and s.end is not None else at_anchor
        )
        if s.action != "tag" or not here:
            continue
        new = to_copy_text(text, [s])
        if new != text:
            out.append(
                lsp.CodeAction(
                    title=m["tag_expert"].format(target=s.target),
                    kind=lsp.CodeActionKind.QuickFix,
                    edit=make_edit([_minimal_edit(index, text, new)]),
                )
            )
    if at_anchor and tags.hashtags:
        for s in tags.hashtags:
            new = to_copy_text(text, [s])
            if new != text:
                out.append(
                    lsp.CodeAction(
                        title=m["add_hashtag"].format(tag=s.target),
                        kind=lsp.CodeActionKind.QuickFix,
                        edit=make_edit([_minimal_edit(index, text, new)]),
                    )
                )
        if len(tags.hashtags) > 1:
            new = to_copy_text(text, list(tags.hashtags))
            out.append(
                lsp.CodeAction(
                    title=m["add_all_hashtags"].format(tags=" ".join(s.target for s in tags.hashtags)),
                    kind=lsp.CodeActionKind.QuickFix,
                    edit=make_edit([_minimal_edit(index, text, new)]),
                )
            )
    return out


# -- hover ---------------------------------------------------------------------------------------


def hover(review: DocReview, line: int, character: int) -> lsp.Hover | None:
    """What is under the cursor: tone drivers (category, direction, hint), the help of a
    finding, and on line 1 the tone of the whole draft."""
    if review.error is not None or review.analysis is None:
        return None
    index = review.index
    offset = index.offset(line, character)
    m = messages(review.lang)
    parts: list[str] = []
    span: tuple[int, int] | None = None
    tone = review.tone
    driver_found = False
    if tone is not None:
        for d in tone.drivers:
            for s, e in d.spans:
                if s <= offset < e or (offset == e and s < e and offset == len(review.text)):
                    cat = m["categories"].get(d.category, d.category)
                    title = m["hover_driver_title"].format(
                        category=cat,
                        direction=m["directions"].get(d.direction, d.direction),
                        weight=resolve(review.lang).formatted(d.weight, "+.2f"),
                    )
                    body = [title]
                    if d.text:
                        body.append(m["hover_driver_words"].format(words=d.text))
                    if d.hint:
                        body.append(d.hint)
                    parts.append("\n\n".join(body))
                    span = (s, e) if span is None else (min(span[0], s), max(span[1], e))
                    driver_found = True
                    break
    for f in review.findings:
        if f.start <= offset < f.end and f.help and help_url(f.help) != f.help.strip():
            sev = m["severities"].get(f.severity, f.severity)
            parts.append(m["hover_finding"].format(rule=f.rule, severity=sev) + "\n\n" + f.help)
            span = (f.start, f.end) if span is None else (min(span[0], f.start), max(span[1], f.end))
    if tone is not None and line == 0 and not driver_found:
        parts.insert(0, tone_markdown(review))
        first = (0, index.line_end(0))
        span = first if span is None else (min(span[0], first[0]), max(span[1], first[1]))
    if not parts:
        return None
    assert span is not None
    return lsp.Hover(
        contents=lsp.MarkupContent(kind=lsp.MarkupKind.Markdown, value="\n\n---\n\n".join(parts)),
        range=_range(index, span[0], span[1]),
    )


def tone_markdown(review: DocReview) -> str:
    """The tone of the draft with every driver, as Markdown."""
    tone = review.tone
    assert tone is not None
    m = messages(review.lang)
    lines = [
        m["hover_tone_title"].format(
            label=m["tone_labels"].get(tone.label, tone.label), personal=_pct(tone.personal, review.lang)
        )
    ]
    for d in tone.drivers:
        cat = m["categories"].get(d.category, d.category)
        item = f"- *{cat}*: {m['directions'].get(d.direction, d.direction)}"
        if d.text:
            item += f" – {d.text}"
        if d.hint:
            item += f". {d.hint}"
        lines.append(item)
    return "\n".join(lines)
