"""The plan and the guideline document as HTML: a fragment for notebooks (``plan_html``,
``guide_html``) and a whole page to share (``page``). Inline styles only, no script, every
user text escaped.

>>> import datetime as dt
>>> from postcraft.programme import plan
>>> p = plan({"people": [{"name": "Sofie <b>Lund</b>", "level": "top_leader"}]}, weeks=1, start=dt.date(2025, 4, 14))
>>> h = plan_html(p)
>>> h.startswith('<div class="postcraft" data-postcraft="plan"'), "<b>Lund" in h
(True, False)
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..labels_programme import iso_week, word
from ..markdown import contact_line, day_name
from .base import BORDER, CELL, MUTED, SUBTLE_BG, badge, esc, root, section

if TYPE_CHECKING:
    from ...programme.document import Guide
    from ...programme.planning import Plan

LEVEL_COLOR = {
    "top_leader": "#8250df",
    "middle_manager": "#0969da",
    "internal_expert": "#1a7f37",
    "employee": "#9a6700",
    "new_employee": "#bf3989",
}
GOOD_COLOR = "#1a7f37"
BAD_COLOR = "#d1242f"


def plan_html(plan: Plan) -> str:
    """The plan as a week-by-week table, holidays and notes below."""
    lang = plan.lang
    parts = [
        f'<div style="font-size:1.25em;font-weight:700">{esc(word(lang, "plan.title"))}</div>',
        f'<div style="{MUTED}">'
        + esc(
            word(lang, "plan.subtitle", weeks=plan.weeks, start=plan.start.isoformat(),
                 people=len(plan.people), posts=len(plan.slots))
        )
        + "</div>",
    ]  # fmt: skip
    head = "".join(
        f'<th style="{CELL}">{esc(word(lang, k))}</th>'
        for k in ("plan.date", "plan.person", "plan.template", "plan.topic", "plan.why")
    )
    rows: list[str] = []
    for monday in plan.week_starts():
        title = f"{word(lang, 'plan.week', number=iso_week(monday))} · {word(lang, 'plan.week_of', date=monday.isoformat())}"
        rows.append(
            f'<tr data-week="{monday.isoformat()}"><td colspan="5" style="{CELL};background:{SUBTLE_BG};'
            f'font-weight:600">{esc(title)}</td></tr>'
        )
        slots = plan.in_week(monday)
        if not slots:
            rows.append(
                f'<tr><td colspan="5" style="{CELL};{MUTED}">{esc(word(lang, "plan.nothing"))}</td></tr>'
            )
        for s in slots:
            level = badge(word(lang, f"level.{s.level}"), LEVEL_COLOR.get(s.level, "#6e7781"))
            first = (
                f' <span style="{MUTED}">({esc(word(lang, "plan.first", n=s.number))})</span>'
                if s.first
                else ""
            )
            rows.append(
                f'<tr data-postcraft="slot" data-person="{esc(s.person)}">'
                f'<td style="{CELL};white-space:nowrap">{esc(day_name(lang, s.date))}</td>'
                f'<td style="{CELL}"><b>{esc(s.person)}</b><br>{level}</td>'
                f'<td style="{CELL}"><code>{esc(s.template)}</code>{first}</td>'
                f'<td style="{CELL}">{esc(s.topic or "")}</td>'
                f'<td style="{CELL}">{esc(s.why)}</td></tr>'
            )
    parts.append(
        f'<table style="border-collapse:collapse;margin:0.6em 0;width:100%"><thead><tr>{head}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table>"
    )
    if plan.holidays:
        items = "".join(
            f"<li>{esc(day_name(lang, h.date))}: {esc(h.name)} "
            f'<span style="{MUTED}">({esc(word(lang, f"plan.calendar_{h.calendar}"))})</span></li>'
            for h in plan.holidays
        )
        parts.append(section(word(lang, "plan.holidays")) + f'<ul data-postcraft="holidays">{items}</ul>')
    if plan.notes:
        parts.append(
            section(word(lang, "plan.notes"))
            + "<ul>"
            + "".join(f"<li>{esc(n)}</li>" for n in plan.notes)
            + "</ul>"
        )
    return root("plan", "".join(parts), lang, wide=True)


def guide_html(guide: Guide) -> str:
    """The guideline document: sections, do's and don'ts with examples, contacts, sources."""
    lang = guide.lang
    parts = [f'<div style="font-size:1.5em;font-weight:700;margin:0.2em 0">{esc(guide.title)}</div>']
    if guide.intro:
        parts.append(f"<p>{esc(guide.intro)}</p>")
    for sec in guide.sections:
        body = [f'<div style="font-size:1.15em;font-weight:700;margin:1em 0 0.3em">{esc(sec.title)}</div>']
        body += [f"<p>{esc(p)}</p>" for p in sec.paragraphs]
        if sec.items:
            lis = []
            for item in sec.items:
                mark = {"do": badge("✓", GOOD_COLOR), "dont": badge("✗", BAD_COLOR)}.get(item.kind, "")
                examples = "".join(
                    f'<div style="margin-left:1.4em;{MUTED}">{esc(word(lang, "guide.example_good"))}: '
                    f'<q style="border-left:3px solid {GOOD_COLOR};padding-left:0.3em">{esc(ex)}</q></div>'
                    for ex in item.good
                ) + "".join(
                    f'<div style="margin-left:1.4em;{MUTED}">{esc(word(lang, "guide.example_bad"))}: '
                    f'<q style="border-left:3px solid {BAD_COLOR};padding-left:0.3em">{esc(ex)}</q></div>'
                    for ex in item.bad
                )
                lis.append(
                    f'<li style="margin:0.35em 0;list-style:none">{mark} {esc(item.text)}{examples}</li>'
                )
            body.append(f'<ul style="padding-left:0.4em">{"".join(lis)}</ul>')
        if sec.contacts:
            cards = "".join(
                f'<div data-postcraft="contact" style="border:1px solid {BORDER};border-radius:6px;padding:0.4em 0.7em;'
                f'margin:0.3em 0;background:{SUBTLE_BG}"><b>{esc(c.topic_label)}</b>: {esc(contact_line(c, lang))}</div>'
                for c in sec.contacts
            )
            body.append(cards)
        if sec.sources:
            srcs = "".join(
                f'<li>{esc(word(lang, "guide.source"))}: <a href="{esc(s.url)}">{esc(s.title)}</a></li>'
                for s in sec.sources
            )
            body.append(f'<ul style="{MUTED};font-size:0.9em">{srcs}</ul>')
        parts.append(f'<section data-section="{esc(sec.id)}">{"".join(body)}</section>')
    if guide.path:
        parts.append(
            f'<p style="{MUTED};font-size:0.85em">{esc(word(lang, "guide.generated", path=guide.path))}</p>'
        )
    return root("guide", "".join(parts), lang)


def page(fragment: str, title: str, lang: str) -> str:
    """A whole HTML page around a fragment, to save and share."""
    return (
        f'<!doctype html>\n<html lang="{esc(lang)}"><head><meta charset="utf-8">'
        f'<meta name="viewport" content="width=device-width,initial-scale=1"><title>{esc(title)}</title></head>'
        f'<body style="margin:24px;background:#fff;color:#1f2328">{fragment}</body></html>\n'
    )
