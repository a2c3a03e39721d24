"""Markdown documents a programme lead can share: the plan and the guideline document.

>>> import datetime as dt
>>> from postcraft.programme import plan
>>> p = plan({"people": [{"name": "Sofie Lund", "level": "top_leader"}]}, weeks=1, start=dt.date(2025, 4, 14), lang="da")
>>> plan_md(p).splitlines()[0]
'# Opslagsplan'
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .labels_programme import iso_week, word

if TYPE_CHECKING:
    from ..programme.document import Guide
    from ..programme.planning import Plan


def _cell(text: object) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def day_name(lang: str, day: object) -> str:
    """``tirsdag 15.04`` / ``Tuesday 15.04``."""
    return f"{word(lang, f'day.{day.weekday()}')} {day:%d.%m}"  # type: ignore[attr-defined]


def plan_md(plan: Plan) -> str:
    """The plan week by week, as Markdown tables, then holidays and notes."""
    lang = plan.lang
    out = [
        f"# {word(lang, 'plan.title')}",
        "",
        word(
            lang,
            "plan.subtitle",
            weeks=plan.weeks,
            start=plan.start.isoformat(),
            people=len(plan.people),
            posts=len(plan.slots),
        ),
        "",
    ]
    for monday in plan.week_starts():
        out.append(
            f"## {word(lang, 'plan.week', number=iso_week(monday))} ({word(lang, 'plan.week_of', date=monday.isoformat())})"
        )
        out.append("")
        slots = plan.in_week(monday)
        if not slots:
            out += [word(lang, "plan.nothing"), ""]
            continue
        keys = ("plan.date", "plan.person", "plan.level", "plan.template", "plan.topic", "plan.why")
        out.append("| " + " | ".join(word(lang, k) for k in keys) + " |")
        out.append("|" + "---|" * len(keys))
        for s in slots:
            out.append(
                "| "
                + " | ".join(
                    _cell(x)
                    for x in (
                        day_name(lang, s.date),
                        s.person,
                        word(lang, f"level.{s.level}"),
                        f"`{s.template}`",
                        s.topic or "",
                        s.why,
                    )
                )
                + " |"
            )
        out.append("")
    if plan.holidays:
        out += [f"## {word(lang, 'plan.holidays')}", ""]
        for h in plan.holidays:
            where = word(lang, f"plan.calendar_{h.calendar}")
            out.append(f"- {day_name(lang, h.date)}: {h.name} ({where})")
        out.append("")
    if plan.notes:
        out += [f"## {word(lang, 'plan.notes')}", ""] + [f"- {n}" for n in plan.notes] + [""]
    return "\n".join(out)


def guide_md(guide: Guide) -> str:
    """The guideline document as Markdown: sections, do/don't items with examples, contacts, sources."""
    lang = guide.lang
    out = [f"# {guide.title}", ""]
    if guide.intro:
        out += [guide.intro, ""]
    for sec in guide.sections:
        out += [f"## {sec.title}", ""]
        for p in sec.paragraphs:
            out += [p, ""]
        for item in sec.items:
            mark = {"do": "✅ ", "dont": "⛔ "}.get(item.kind, "")
            out.append(f"- {mark}{item.text}")
            for ex in item.good:
                out.append(f"  - {word(lang, 'guide.example_good')}: “{ex}”")
            for ex in item.bad:
                out.append(f"  - {word(lang, 'guide.example_bad')}: “{ex}”")
        if sec.items:
            out.append("")
        for c in sec.contacts:
            out.append(f"- **{c.topic_label}**: {contact_line(c, lang)}")
        if sec.contacts:
            out.append("")
        for src in sec.sources:
            out.append(f"- {word(lang, 'guide.source')}: [{src.title}]({src.url})")
        if sec.sources:
            out.append("")
    if guide.path:
        out += ["---", "", f"*{word(lang, 'guide.generated', path=guide.path)}*", ""]
    return "\n".join(out)


def contact_line(c: object, lang: str) -> str:
    """``Anna Berg, anna@…, #some (hours: …)`` — the parts a contact has."""
    parts = [getattr(c, "name", None), getattr(c, "email", None)]
    channel = getattr(c, "channel", None)
    if channel:
        parts.append(f"{word(lang, 'guide.channel')} {channel}")
    hours = getattr(c, "hours", None)
    if hours:
        parts.append(f"{word(lang, 'guide.hours')} {hours}")
    return ", ".join(str(p) for p in parts if p)
