"""A plan as CSV (one row per slot, a header row, UTF-8), for spreadsheets.

>>> import datetime as dt
>>> from postcraft.programme import plan
>>> p = plan({"people": [{"name": "Sofie Lund", "level": "top_leader"}]}, weeks=1, start=dt.date(2025, 4, 14), lang="da")
>>> plan_csv(p).splitlines()[0]
'week,date,person,level,number,template,purpose,lang,topic,why'
"""

from __future__ import annotations

import csv
import io
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..programme.planning import Plan

COLUMNS = ("week", "date", "person", "level", "number", "template", "purpose", "lang", "topic", "why")


def plan_csv(plan: Plan) -> str:
    """Comma-separated, quoted where needed, ``\\r\\n`` line ends (RFC 4180)."""
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(COLUMNS)
    for s in plan.slots:
        d = s.to_dict()
        w.writerow(["" if d[c] is None else d[c] for c in COLUMNS])
    return buf.getvalue()
