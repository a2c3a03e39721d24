"""Plain-text views of reviews, findings, tone scores, tag suggestions, templates and comparisons:
the command line's reports and the ``repr()`` shown in a terminal."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from ...langs import resolve
from .. import ui
from ..report import MAX_LENGTH, finding_lines, severity_counts

if TYPE_CHECKING:
    from ...compare import Comparison
    from ...pipeline import Review
    from ...tags import Roster, TagSuggestions
    from ...templates import Template
    from ...tone import ToneScore


def _said(lang: str, group: str, code: str) -> str:
    """A code (``error``, ``personal``, ``hashtag``) in the reader's words, else the code."""
    key = f"{group}.{code}"
    return ui.text(lang, key) if ui.has(lang, key) else code


def review_report(result: Review, lang: str | None = None) -> str:
    """The command line's readable report of a review; headings and labels in ``lang`` (default:
    the draft's language), numbers written the reader's way.

    >>> import postcraft
    >>> print(review_report(postcraft.review("Jeg lærte meget i dag.", lang="da")).splitlines()[0])
    Sprog: da   længde: 22/3.000   »…se mere«: hele opslaget vises   LIX: 5,0
    """
    a = result.analysis
    ui_lang = lang or a.lang
    fold = (
        ui.text(ui_lang, "review.fold_after", n=a.fold.desktop)
        if a.is_folded
        else ui.text(ui_lang, "review.no_fold")
    )
    head = ui.text(
        ui_lang,
        "review.head",
        language=a.lang,
        length=a.linkedin_length,
        max=MAX_LENGTH,
        fold=fold,
        lix=a.lix,
    )
    if a.flesch is not None:
        head += ui.text(ui_lang, "review.flesch", flesch=a.flesch)
    out = [head]
    if result.tone is not None:
        label = _said(ui_lang, "tone", result.tone.label)
        out.append(ui.text(ui_lang, "review.tone", label=label, personal=result.tone.personal))
        for d in result.tone.drivers:
            words = f" {d.text!r}" if d.text else ""
            hint = f" – {d.hint}" if d.hint else ""
            out.append(f"  {_said(ui_lang, 'tone', d.direction):>9}  {d.category}:{words}{hint}")
    for f in result.findings:
        pos = a.position(f.start)
        out.append(
            f"{pos.line}:{pos.column}  {_said(ui_lang, 'severity', f.severity):<10} {f.rule}  {f.message}"
        )
        if f.replacements:
            out.append(f"      {ui.text(ui_lang, 'fix.safe')}: {' | '.join(f.replacements)}")
        if getattr(f, "help", ""):
            out.append(f"      {ui.text(ui_lang, 'help')}: {f.help}")
    if result.tags is not None:
        for s in result.tags.all():
            kind = _said(ui_lang, "tag", s.kind)
            out.append(ui.text(ui_lang, "review.tag", kind=kind, target=s.target, reason=s.reason))
    if result.voice is not None:
        out.append(voice_lines(result.voice, ui_lang))
    out.extend(f"{ui.text(ui_lang, 'review.notice')}: {n.message}" for n in result.notices)
    return "\n".join(out) + "\n"


def voice_lines(match: Any, lang: str) -> str:
    """The "sounds like you" section of a report: the score, then one line per difference."""
    from ..html.base import label

    head = label(
        lang, "voice.score", label=match.label_text, score=round(100 * match.score), posts=match.posts
    )
    lines = [f"{label(lang, 'voice')} {head}"]
    lines += [f"  - {d.message}" for d in match.differences]
    return "\n".join(lines)


def findings_summary(findings: Sequence[Any], lang: str | None = None) -> str:
    """``"3 findings: 1 error, 2 warnings, 0 suggestions"`` in ``lang``.

    >>> findings_summary([], "da")
    '0 fund: 0 fejl, 0 advarsler, 0 forslag'
    """
    counts = severity_counts(findings)
    return ui.text(
        lang,
        "findings.summary",
        findings=ui.count(lang, len(findings), "finding"),
        errors=ui.count(lang, counts["error"], "error"),
        warnings=ui.count(lang, counts["warning"], "warning"),
        suggestions=ui.count(lang, counts["suggestion"], "suggestion"),
    )


def findings_report(name: str, findings: Sequence[Any], lang: str | None = None) -> str:
    """Findings as ``FILE:line:column: severity rule message`` lines, with fixes and help, and a
    summary; labels in ``lang`` (the fix labels say what ``postcraft fix`` applies: ``fix``, only
    with ``--unsafe-fixes``, or only shown)."""
    out = finding_lines(name, findings, lang=lang)
    out.append(findings_summary(findings, lang))
    return "\n".join(out) + "\n"


def tone_report(score: ToneScore, lang: str | None = None) -> str:
    """A tone score with its drivers and hints; labels and numbers in ``lang`` (default: the
    score's language)."""
    ui_lang = lang or getattr(score, "lang", None)
    number = resolve(ui_lang).formatted
    out = [
        ui.text(
            ui_lang, "tone.head", label=_said(ui_lang or "", "tone", score.label), personal=score.personal
        )
    ]
    if getattr(score, "confidence", "normal") == "low":
        out[0] += ui.text(ui_lang, "tone.low_confidence")
    for d in score.drivers:
        direction = _said(ui_lang or "", "tone", d.direction)
        out.append(f"  {direction:>9}  {d.category:<22} {number(d.weight, '+.2f')}  {d.text!r}")
        if d.hint:
            out.append(f"             {d.hint}")
    return "\n".join(out) + "\n"


def tags_report(result: TagSuggestions) -> str:
    """Tag suggestions, one a line with where, what and why; then the names left out."""
    a = result.analysis
    lines: list[str] = []
    for s in result.all():
        where = ""
        if s.start is not None and a is not None:
            pos = a.position(s.start)
            where = f"{pos.line}:{pos.column}"
        action = f" [{s.action}]" if s.kind == "expert" else ""
        lines.append(f"{where:<7} {s.kind:<8} {s.target}{action}  ({s.score:.2f})  {s.reason}")
    for n in result.ambiguous + result.withheld:
        where = ""
        if a is not None:
            npos = a.position(n.start)
            where = f"{npos.line}:{npos.column}"
        lines.append(f"{where:<7} {'note':<8} {n.text!r}  {n.reason}")
    if not lines:
        lines.append(ui.text(getattr(a, "lang", None), "tags.none"))
    return "\n".join(lines) + "\n"


def roster_report(name: str, roster: Roster) -> str:
    """A checked roster in a few lines: people, consent, experts, company pages, hashtags."""
    people = roster.people
    agreed = sum(p.consent for p in people)
    experts = [p for p in people if p.expert and p.consent]
    no_urn = [p.name for p in people if p.consent and p.urn is None]
    employer = roster.employer
    lines = [
        f"{name}: OK",
        f"  people: {len(people)} ({agreed} agreed to be tagged, {len(people) - agreed} not)",
        f"  experts who can be suggested: {len(experts)}",
        f"  company pages: {len(roster.companies)}"
        + (f" (employer: {employer.name})" if employer is not None else " (no 'employer: true')"),
        f"  organisation hashtags: {', '.join(h.tag for h in roster.hashtags) or 'none'}",
    ]
    if no_urn:
        lines.append(f"  no URN (tag by hand; not in little text): {', '.join(no_urn)}")
    return "\n".join(lines) + "\n"


def template_line(t: Template) -> str:
    """One template: id, language, roles, purpose, variants, title and fields."""
    fields = ", ".join(f.name + ("*" if f.required else "") for f in t.fields) or "none"
    return (
        f"{t.id}  ({t.lang} · {', '.join(t.roles)} · {t.purpose} · {t.variants} variants)\n"
        f"    {t.title}: {t.description}\n"
        f"    fields: {fields}\n"
    )


def _clip(text: str, width: int) -> str:
    one = " ".join(text.split())
    return one if len(one) <= width else one[: width - 1] + "…"


def review_text(review: Review, *, max_findings: int = 8) -> str:
    """A compact plain-text summary of a review, for ``repr()`` in a terminal.

    >>> import postcraft
    >>> summary = review_text(postcraft.review("I fixed the build today and learned a lot."))
    >>> summary.startswith("Review(en, 42/3000 chars, tone personal ")
    True
    """
    a = review.analysis
    tone = review.tone
    counts = severity_counts(review.findings)
    total = sum(counts.values())
    found = ", ".join(ui.count(None, counts[s], s) for s in counts if counts[s])
    head = [f"{a.lang}", f"{a.linkedin_length}/{MAX_LENGTH} chars"]
    if tone is not None:
        head.append(f"tone {tone.label} {tone.personal:.2f}")
    head.append(found if total else "0 findings")
    if review.tags is not None:
        n = len(review.tags.all())
        head.append(ui.count(None, n, "tag_suggestion"))
    lines = [f"Review({', '.join(head)})"]
    fold = f"folds after {a.fold.desktop} (desktop) / {a.fold.mobile} (mobile)" if a.is_folded else "no fold"
    lines.append(f"  text: {_clip(a.original, 60)!r} ({fold})")
    for f in review.findings[:max_findings]:
        lines.append(f"  {f'{f.line}:{f.column}':<7} {f.severity:<10} {f.rule}  {_clip(str(f.message), 70)}")
    if len(review.findings) > max_findings:
        lines.append(f"  … {len(review.findings) - max_findings} more findings")
    if tone is not None:
        for d in tone.drivers[:3]:
            words = f" {_clip(d.text, 30)!r}" if d.text else ""
            lines.append(f"  tone {'+' if d.direction == 'personal' else '-'} {d.category}{words}")
    if review.tags is not None:
        targets = [s.target for s in review.tags.all()]
        if targets:
            lines.append(f"  tags: {_clip(', '.join(targets), 70)}")
    if review.voice is not None:
        v = review.voice
        lines.append(f"  voice: {v.label} {v.score:.2f}" + "".join(f"; {d.feature}" for d in v.differences))
    return "\n".join(lines)


def comparison_text(c: Comparison) -> str:
    """A plain-text table of the comparison, one line per draft."""
    width = max(len(x) for x in c.labels)
    lines = [f"Comparison of {ui.count(None, len(c), 'draft')}"]
    for row in c.rows():
        tone = f"{row['tone']} {row['personal']:.2f}" if row["tone"] is not None else "tone -"
        lines.append(
            f"  {row['label']:<{width}}  {tone:<15} {row['errors']}E {row['warnings']}W "
            f"{row['suggestions']}S  {row['length']:>4} chars  {row['rules']}"
        )
    return "\n".join(lines)
