"""The plan for a terminal: week by week, one line per post.

>>> import datetime as dt
>>> from postcraft.programme import plan
>>> p = plan({"people": [{"name": "Sofie Lund", "level": "top_leader"}]}, weeks=1, start=dt.date(2025, 4, 14), lang="en")
>>> print(plan_text(p).splitlines()[2])
Week 16 (week of 2025-04-14)
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..labels_programme import iso_week, word
from ..markdown import day_name

if TYPE_CHECKING:
    from ...programme.planning import Plan


def plan_text(plan: Plan) -> str:
    """Readable plain text."""
    lang = plan.lang
    out = [
        word(lang, "plan.title") + ": "
        + word(lang, "plan.subtitle", weeks=plan.weeks, start=plan.start.isoformat(),
               people=len(plan.people), posts=len(plan.slots)),
        "",
    ]  # fmt: skip
    for monday in plan.week_starts():
        out.append(
            f"{word(lang, 'plan.week', number=iso_week(monday))} ({word(lang, 'plan.week_of', date=monday.isoformat())})"
        )
        slots = plan.in_week(monday)
        if not slots:
            out.append("  " + word(lang, "plan.nothing"))
        for s in slots:
            topic = f" – {s.topic}" if s.topic else ""
            out.append(f"  {day_name(lang, s.date):<16} {s.person:<20} {s.template}{topic}")
            out.append(f"  {'':<16} {'':<20} {s.why}")
        out.append("")
    if plan.holidays:
        out.append(word(lang, "plan.holidays") + ":")
        for h in plan.holidays:
            out.append(f"  {day_name(lang, h.date)}: {h.name} ({word(lang, f'plan.calendar_{h.calendar}')})")
    for n in plan.notes:
        out.append("! " + n)
    return "\n".join(out).rstrip() + "\n"
