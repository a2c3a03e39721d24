"""HTML views of a :class:`~postcraft.Review`, a tone score and tag suggestions."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from .base import (
    BORDER,
    CELL,
    DIRECTION_COLOR,
    MAX_LENGTH,
    MUTED,
    SEVERITIES,
    SEVERITY_COLOR,
    SEVERITY_RANK,
    TEXT_STYLE,
    FoldMark,
    Mark,
    badge,
    direction_sample,
    esc,
    finding_number,
    fold_marker,
    label,
    marked_text,
    root,
    section,
    severity_counts,
    severity_sample,
)

if TYPE_CHECKING:
    from ...pipeline import Review
    from ...tags import TagSuggestions
    from ...tone import Driver, ToneScore

# Where the tone labels change (the built-in models' thresholds, see docs/tone.md).
CORPORATE_BELOW = 0.4
PERSONAL_AT = 0.6


# -- pieces -------------------------------------------------------------------------------------
def finding_title(f: Any, lang: str | None) -> str:
    """The tooltip of a finding: severity, rule id, message, help and fixes."""
    lines = [f"{label(lang, 'severity.' + str(f.severity))} · {f.rule}: {f.message}"]
    if getattr(f, "help", ""):
        lines.append(str(f.help))
    if getattr(f, "replacements", None):
        lines.append(f"{label(lang, 'fix')}: " + " | ".join(str(r) for r in f.replacements))
    return "\n".join(lines)


def driver_title(d: Driver, lang: str | None) -> str:
    """The tooltip of a tone driver: direction, category and hint."""
    where = label(lang, "tone." + d.direction)
    head = f"{label(lang, 'tone')} → {where} · {label(lang, 'category.' + d.category)}"
    return head + (f": {d.hint}" if d.hint else "")


def finding_marks(findings: Sequence[Any], lang: str | None) -> list[Mark]:
    """One numbered mark per finding (numbers start at 1, in the order given)."""
    return [
        Mark(int(f.start), int(f.end), "finding", str(f.severity), finding_title(f, lang), i)
        for i, f in enumerate(findings, 1)
    ]


def driver_marks(drivers: Iterable[Driver], lang: str | None) -> list[Mark]:
    """One mark per span of every tone driver."""
    return [
        Mark(int(s), int(e), "driver", d.direction, driver_title(d, lang))
        for d in drivers
        for s, e in d.spans
    ]


def gauge(personal: float, tone_label: str, lang: str | None) -> str:
    """A corporate ↔ personal gauge with the score marked and the label thresholds ticked.

    >>> "62 %" in gauge(0.62, "personal", "en")
    True
    """
    p = max(0.0, min(1.0, float(personal)))
    pct = round(p * 100)
    value = esc(label(lang, "gauge.value", percent=pct))
    color = DIRECTION_COLOR.get(tone_label, "#6e7781")
    ticks = "".join(
        f'<div style="position:absolute;left:{t * 100:.0f}%;top:0;bottom:0;width:1px;'
        f'background:{BORDER}"></div>'
        for t in (CORPORATE_BELOW, PERSONAL_AT)
    )
    bar = (
        f'<div data-postcraft="gauge" data-personal="{p:.4f}" role="meter" aria-valuemin="0" '
        f'aria-valuemax="1" aria-valuenow="{p:.4f}" aria-label="{value}" '
        'style="position:relative;flex:1 1 auto;height:10px;border-radius:5px;min-width:8em;'
        "background:linear-gradient(90deg,rgba(163,113,247,0.55),rgba(128,128,128,0.25) 50%,"
        'rgba(46,160,67,0.55))">'
        f"{ticks}"
        f'<div style="position:absolute;left:calc({p * 100:.1f}% - 2px);top:-4px;width:4px;height:18px;'
        'border-radius:2px;background:currentColor"></div></div>'
    )
    return (
        '<div style="display:flex;align-items:center;gap:0.6em;margin:0.4em 0;flex-wrap:wrap">'
        f'<span style="font-weight:600">{esc(label(lang, "tone"))}</span>'
        f"{badge(label(lang, 'tone.' + tone_label), color)}"
        f'<span style="{MUTED};font-size:0.85em">{esc(label(lang, "gauge.left"))}</span>'
        f"{bar}"
        f'<span style="{MUTED};font-size:0.85em">{esc(label(lang, "gauge.right"))}</span>'
        f'<span style="font-variant-numeric:tabular-nums">{value}</span>'
        "</div>"
    )


def drivers_list(drivers: Sequence[Driver], lang: str | None, *, heading: bool = True) -> str:
    """The tone drivers, strongest first, each with its words, weight and hint."""
    if not drivers:
        return ""
    items = []
    for d in drivers:
        arrow = "▲" if d.direction == "personal" else "▼"
        words = f" {direction_sample(d.direction, d.text)}" if d.text else ""
        hint = f'<div style="{MUTED};font-size:0.92em">{esc(d.hint)}</div>' if d.hint else ""
        items.append(
            f'<li data-postcraft="driver" data-direction="{esc(d.direction)}" style="margin:0.2em 0">'
            f'<span style="color:{DIRECTION_COLOR.get(d.direction, "inherit")};font-weight:700" '
            f'title="{esc(label(lang, "tone." + d.direction))}">{arrow}</span> '
            f'<span style="font-weight:600">{esc(label(lang, "category." + d.category))}</span>'
            f'<span style="{MUTED};font-size:0.85em;font-variant-numeric:tabular-nums"> '
            f"({d.weight:+.2f})</span>{words}{hint}</li>"
        )
    head = f'<div style="{MUTED};font-size:0.9em">{esc(label(lang, "drivers"))}</div>' if heading else ""
    return f'{head}<ul style="margin:0.2em 0;padding-left:1.4em;list-style:none">{"".join(items)}</ul>'


def findings_list(findings: Sequence[Any], lang: str | None, *, compact: bool = False) -> str:
    """The findings as a numbered list (numbers match the markers in the text)."""
    if not findings:
        return f'<div style="{MUTED}">{esc(label(lang, "findings.none"))}</div>'
    # A help text shared by several findings (e.g. the guidelines' contact) is shown once, below.
    helps = Counter(str(f.help) for f in findings if getattr(f, "help", ""))
    shared = [h for h, n in helps.items() if n > 1]
    items = []
    for f in findings:
        sev = str(f.severity)
        color = SEVERITY_COLOR.get(sev, SEVERITY_COLOR["suggestion"])
        where = label(lang, "at", line=getattr(f, "line", "?"), column=getattr(f, "column", "?"))
        fix = ""
        if getattr(f, "replacements", None):
            alts = " | ".join(f"<code>{esc(r)}</code>" for r in f.replacements)
            fix = f'<div style="font-size:0.92em">{esc(label(lang, "fix"))}: {alts}</div>'
        helptext = ""
        if getattr(f, "help", "") and not compact and f.help not in shared:
            helptext = f'<div style="{MUTED};font-size:0.92em">{esc(f.help)}</div>'
        items.append(
            f'<li data-postcraft="finding" data-rule="{esc(f.rule)}" data-severity="{esc(sev)}" '
            f'style="margin:0.25em 0">'
            f"{badge(label(lang, 'severity.' + sev), color)} "
            f'<code style="font-size:0.88em">{esc(f.rule)}</code> '
            f'<span style="{MUTED};font-size:0.85em">{esc(where)}</span>'
            f"<div>{esc(f.message)}</div>{fix}{helptext}</li>"
        )
    notes = "".join(
        f'<div style="{MUTED};font-size:0.92em;margin-left:0.4em">{esc(label(lang, "help"))}: {esc(h)}</div>'
        for h in shared
        if not compact
    )
    return f'<ol style="margin:0.2em 0;padding-left:1.8em">{"".join(items)}</ol>{notes}'


def _suggestion_items(tags: TagSuggestions, lang: str | None) -> list[str]:
    items = []
    for s in tags.all():
        urn = f' <code style="{MUTED};font-size:0.8em">{esc(s.urn)}</code>' if s.urn else ""
        items.append(
            f'<tr data-postcraft="tag" data-kind="{esc(s.kind)}">'
            f'<td style="{CELL}">{esc(label(lang, "kind." + s.kind))}</td>'
            f'<td style="{CELL};font-weight:600;white-space:nowrap">{esc(s.target)}{urn}</td>'
            f'<td style="{CELL};white-space:nowrap">{esc(label(lang, "action." + s.action))}</td>'
            f'<td style="{CELL}">{esc(s.reason)}</td>'
            f'<td style="{CELL};font-variant-numeric:tabular-nums">{s.score:.2f}</td></tr>'
        )
    return items


def _notes(notes: Sequence[Any], title: str, lang: str | None) -> str:
    if not notes:
        return ""
    items = []
    for n in notes:
        cands = ""
        if getattr(n, "candidates", ()):
            cands = f" — {esc(label(lang, 'candidates'))}: " + ", ".join(esc(c) for c in n.candidates)
        items.append(
            f'<li data-postcraft="tag-note" data-kind="{esc(n.kind)}"><span style="font-weight:600">'
            f'{esc(n.text)}</span>{cands}<div style="{MUTED};font-size:0.92em">{esc(n.reason)}</div></li>'
        )
    return (
        f'<div style="{MUTED};font-size:0.9em;margin-top:0.4em">{esc(title)}</div>'
        f'<ul style="margin:0.2em 0;padding-left:1.4em">{"".join(items)}</ul>'
    )


def tags_body(tags: TagSuggestions | None, lang: str | None) -> str:
    """The tag suggestions (a table with reasons) and the names not suggested, or a short note."""
    if tags is None:
        return f'<div style="{MUTED}">{esc(label(lang, "tags.not_run"))}</div>'
    rows = _suggestion_items(tags, lang)
    out = []
    if rows:
        out.append(f'<table style="border-collapse:collapse;margin:0.2em 0">{"".join(rows)}</table>')
    out.append(_notes(getattr(tags, "ambiguous", ()), label(lang, "tags.ambiguous"), lang))
    out.append(_notes(getattr(tags, "withheld", ()), label(lang, "tags.withheld"), lang))
    body = "".join(out)
    return body or f'<div style="{MUTED}">{esc(label(lang, "tags.none"))}</div>'


def summary_line(review: Review) -> str:
    """Language, LinkedIn length, fold, readability and finding counts as one line of badges."""
    a = review.analysis
    lang = a.lang
    over = a.linkedin_length > MAX_LENGTH
    length = (
        f'<span style="{"color:#d1242f;font-weight:700" if over else ""}">'
        f"{a.linkedin_length:,}/{MAX_LENGTH:,}</span> {esc(label(lang, 'characters'))}"
    )
    fold = (
        label(lang, "fold.after", desktop=a.fold.desktop, mobile=a.fold.mobile)
        if a.is_folded
        else label(lang, "fold.none")
    )
    read = f"LIX {a.lix:g}" + (f" · Flesch {a.flesch:g}" if a.flesch is not None else "")
    counts = _severity_badges(review.findings, lang)
    parts = [
        f"<span>{esc(label(lang, 'language'))}: <b>{esc(label(lang, 'lang.' + lang))}</b></span>",
        f"<span>{esc(label(lang, 'length'))}: {length}</span>",
        f"<span>{esc(label(lang, 'fold'))}: {esc(fold)}</span>",
        f"<span>{esc(label(lang, 'readability'))}: {esc(read)}</span>",
    ]
    if counts:
        parts.append(counts)
    sep = f'<span style="{MUTED}"> · </span>'
    return f'<div style="font-size:0.9em;display:flex;flex-wrap:wrap;gap:0.1em 0.2em">{sep.join(parts)}</div>'


def _severity_badges(findings: Sequence[Any], lang: str | None) -> str:
    counts = severity_counts(findings)
    return " ".join(
        badge(
            f"{counts[s]} {label(lang, ('severity.' if counts[s] == 1 else 'severities.') + s)}",
            SEVERITY_COLOR[s],
            attrs=f' data-count="{s}"',
        )
        for s in SEVERITIES
        if counts[s]
    )


def legend(lang: str | None, *, findings: bool, drivers: bool, folded: bool) -> str:
    """What the underlines, highlights and markers in the text mean."""
    parts = []
    if findings:
        parts += [severity_sample(s, label(lang, "severity." + s)) for s in SEVERITIES]
    if drivers:
        parts += [direction_sample(d, label(lang, "legend." + d)) for d in ("personal", "corporate")]
    if folded:
        parts.append(fold_marker(lang, "desktop", sample=True))
    if not parts:
        return ""
    return (
        f'<div data-postcraft="legend" style="font-size:0.85em;line-height:2;display:flex;flex-wrap:wrap;'
        f'gap:0.2em 1em;align-items:baseline"><span style="{MUTED}">{esc(label(lang, "legend"))}:</span>'
        f"{''.join(parts)}</div>"
    )


def is_whole_post(start: int, end: int, text: str) -> bool:
    """True when ``[start, end)`` covers every non-blank character of a non-blank ``text``
    (a finding about the post as a whole, such as its voice or its length).

    >>> is_whole_post(0, 9, "  Hej med\\n"), is_whole_post(2, 5, "  Hej med\\n")
    (True, False)
    """
    body = text.strip()
    if not body:
        return False
    first = len(text) - len(text.lstrip())
    last = len(text.rstrip())
    return start <= first and end >= last


def review_text_block(review: Review, *, drivers: bool = True) -> str:
    """The draft with findings underlined, tone drivers highlighted and the fold marked.

    Findings about the whole post are not underlined (they would hide the others): they are
    listed, numbered, at the top of the box, whose left edge takes the most severe one's colour.
    """
    a = review.analysis
    lang = a.lang
    text = a.original
    marks = finding_marks(review.findings, lang)
    whole = [m for m in marks if is_whole_post(m.start, m.end, text)]
    marks = [m for m in marks if m not in whole]
    if drivers and review.tone is not None:
        marks += driver_marks(review.tone.drivers, lang)
    body = marked_text(text, marks, FoldMark(a.fold.desktop, a.fold.mobile), lang)
    if not text:
        body = f'<span style="{MUTED}">{esc(label(lang, "empty"))}</span>'
    style = TEXT_STYLE
    if whole:
        worst = min(whole, key=lambda m: SEVERITY_RANK.get(m.level, 9)).level
        color = SEVERITY_COLOR.get(worst, SEVERITY_COLOR["suggestion"])
        refs = "".join(finding_number(m.number or 0, m.level, m.title) for m in whole)
        body = (
            f'<div data-postcraft="whole-post" style="font-size:0.82em;line-height:1.6;white-space:normal">'
            f'{refs} <span style="{MUTED}">{esc(label(lang, "whole_post"))}</span></div>{body}'
        )
        style += f";border-left:4px solid {color}"
    return f'<div data-postcraft="text" lang="{esc(lang)}" style="{style}">{body}</div>'


# -- public -------------------------------------------------------------------------------------
def review_html(review: Review) -> str:
    """The rich view of a review: summary, tone gauge, the draft with every finding underlined by
    severity and tone drivers highlighted (hover for message, rule id and hint), the "…see more"
    fold, the numbered findings, the tone drivers and the tag suggestions with reasons.

    Self-contained HTML (inline styles, no script); all user text is escaped.

    >>> import postcraft
    >>> html = review_html(postcraft.review("Jeg <3 min nye arbejdsplads! <script>alert(1)</script>"))
    >>> "<script>" in html, "&lt;script&gt;" in html
    (False, True)
    """
    a = review.analysis
    lang = a.lang
    tone = review.tone
    parts = [summary_line(review)]
    if tone is not None:
        parts.append(gauge(tone.personal, tone.label, lang))
    parts.append(review_text_block(review))
    parts.append(
        legend(
            lang,
            findings=bool(review.findings),
            drivers=tone is not None and any(d.spans for d in tone.drivers),
            folded=a.is_folded,
        )
    )
    parts.append(section(label(lang, "findings")))
    parts.append(findings_list(review.findings, lang))
    if tone is not None and tone.drivers:
        parts.append(section(label(lang, "tone")))
        parts.append(drivers_list(tone.drivers, lang))
    parts.append(section(label(lang, "tags")))
    parts.append(tags_body(review.tags, lang))
    if review.voice is not None:
        parts.append(section(label(lang, "voice")))
        parts.append(voice_body(review.voice, lang))
    return root("review", "".join(parts), lang)


def voice_body(match: Any, lang: str | None) -> str:
    """The "sounds like you" section: the score and the differences that matter, escaped."""
    head = label(
        lang, "voice.score", label=match.label_text, score=round(100 * match.score), posts=match.posts
    )
    items = "".join(f"<li>{esc(d.message)}</li>" for d in match.differences)
    return f"<div>{esc(head)}</div>" + (f"<ul>{items}</ul>" if items else "")


def tone_html(tone: ToneScore, text: str | None = None) -> str:
    """The rich view of a tone score: the gauge, the drivers and, when ``text`` (the scored
    draft) is given, the draft with the drivers' words highlighted.

    >>> from postcraft.tone import score_tone
    >>> text = "Vi er stolte af at kunne præsentere vores nye løsning. Læs mere på firma.dk"
    >>> 'data-postcraft="gauge"' in tone_html(score_tone(text), text)
    True
    """
    lang = tone.lang
    parts = [gauge(tone.personal, tone.label, lang)]
    if text is not None:
        body = marked_text(text, driver_marks(tone.drivers, lang), None, lang)
        parts.append(f'<div data-postcraft="text" lang="{esc(lang)}" style="{TEXT_STYLE}">{body}</div>')
        if any(d.spans for d in tone.drivers):
            parts.append(legend(lang, findings=False, drivers=True, folded=False))
    parts.append(drivers_list(tone.drivers, lang))
    return root("tone", "".join(parts), lang)


def tags_html(tags: TagSuggestions) -> str:
    """The rich view of tag suggestions: who and what to tag, the action and the reason, and the
    names that were not suggested (ambiguous, or without consent).

    >>> from postcraft.tags import suggest_tags
    >>> "#Rekruttering" in tags_html(suggest_tags("Vi søger en ny kollega til vores HR-team."))
    True
    """
    lang = tags.lang
    return root("tags", section(label(lang, "tags")) + tags_body(tags, lang), lang)
