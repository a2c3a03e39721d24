"""Plain-text views of reviews, findings, tone scores, tag suggestions, templates and comparisons:
the command line's reports and the ``repr()`` shown in a terminal."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from ..html.base import MAX_LENGTH, severity_counts

if TYPE_CHECKING:
    from ...compare import Comparison
    from ...pipeline import Review
    from ...tags import Roster, TagSuggestions
    from ...templates import Template
    from ...tone import ToneScore


def review_report(result: Review) -> str:
    """The command line's readable report of a review."""
    a = result.analysis
    out = [
        f"Language: {a.lang}   length: {a.linkedin_length}/{MAX_LENGTH}   "
        f"fold: {'after ' + str(a.fold.desktop) + ' characters' if a.is_folded else 'whole post visible'}"
        f"   LIX: {a.lix}" + (f"   Flesch: {a.flesch}" if a.flesch is not None else "")
    ]
    if result.tone is not None:
        out.append(f"Tone: {result.tone.label} (personal {result.tone.personal:.2f})")
        for d in result.tone.drivers:
            words = f" {d.text!r}" if d.text else ""
            hint = f" — {d.hint}" if d.hint else ""
            out.append(f"  {d.direction:>9}  {d.category}:{words}{hint}")
    for f in result.findings:
        pos = a.position(f.start)
        out.append(f"{pos.line}:{pos.column}  {f.severity:<10} {f.rule}  {f.message}")
        if f.replacements:
            out.append(f"      fix: {' | '.join(f.replacements)}")
        if getattr(f, "help", ""):
            out.append(f"      help: {f.help}")
    if result.tags is not None:
        for s in result.tags.all():
            out.append(f"Tag {s.kind}: {s.target} — {s.reason}")
    if result.voice is not None:
        out.append(voice_lines(result.voice, a.lang))
    return "\n".join(out) + "\n"


#: How ``postcraft check`` labels replacements: applied by ``postcraft fix``, applied only with
#: ``--unsafe-fixes``, or only shown.
_FIX_LABEL = {"safe": "fix", "unsafe": "unsafe fix", "display": "suggested"}


def voice_lines(match: Any, lang: str) -> str:
    """The "sounds like you" section of a report: the score, then one line per difference."""
    from ..html.base import label

    head = label(
        lang, "voice.score", label=match.label_text, score=round(100 * match.score), posts=match.posts
    )
    lines = [f"{label(lang, 'voice')} {head}"]
    lines += [f"  - {d.message}" for d in match.differences]
    return "\n".join(lines)


def findings_report(name: str, findings: Sequence[Any]) -> str:
    """Findings as ``FILE:line:column: severity rule message`` lines, with fixes and help."""
    out: list[str] = []
    for f in findings:
        out.append(f"{name}:{f.line}:{f.column}: {f.severity:<10} {f.rule}  {f.message}")
        if f.replacements:
            label = _FIX_LABEL.get(f.applicability, "suggested")
            shown = " | ".join(
                repr(r) if (not r or r != r.strip() or "\n" in r) else r for r in f.replacements
            )
            out.append(f"    {label}: {shown}")
        if f.help:
            out.append(f"    help: {f.help}")
    counts = severity_counts(findings)
    out.append(
        f"{len(findings)} finding{'s' if len(findings) != 1 else ''}: {counts['error']} errors, "
        f"{counts['warning']} warnings, {counts['suggestion']} suggestions"
    )
    return "\n".join(out) + "\n"


def tone_report(score: ToneScore) -> str:
    """A tone score with its drivers and hints."""
    out = [f"{score.label} (personal {score.personal:.2f})"]
    if getattr(score, "confidence", "normal") == "low":
        out[0] += " – low confidence: too short to judge the voice"
    for d in score.drivers:
        out.append(f"  {d.direction:>9}  {d.category:<22} {d.weight:+.2f}  {d.text!r}")
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
        lines.append("No tags to suggest.")
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
    found = ", ".join(f"{counts[s]} {s}{'s' if counts[s] != 1 else ''}" for s in counts if counts[s])
    head = [f"{a.lang}", f"{a.linkedin_length}/{MAX_LENGTH} chars"]
    if tone is not None:
        head.append(f"tone {tone.label} {tone.personal:.2f}")
    head.append(found if total else "0 findings")
    if review.tags is not None:
        n = len(review.tags.all())
        head.append(f"{n} tag suggestion{'s' if n != 1 else ''}")
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
    lines = [f"Comparison of {len(c)} draft{'s' if len(c) != 1 else ''}"]
    for row in c.rows():
        tone = f"{row['tone']} {row['personal']:.2f}" if row["tone"] is not None else "tone -"
        lines.append(
            f"  {row['label']:<{width}}  {tone:<15} {row['errors']}E {row['warnings']}W "
            f"{row['suggestions']}S  {row['length']:>4} chars  {row['rules']}"
        )
    return "\n".join(lines)
