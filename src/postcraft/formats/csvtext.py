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

#: A cell starting with one of these is run as a formula by Excel, LibreOffice and Sheets.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value: object) -> object:
    """``value``, with text that a spreadsheet would run as a formula made inert by a leading
    ``'`` (OWASP's advice for CSV injection); other values unchanged.

    >>> print(spreadsheet_safe('=HYPERLINK("http://x","y")'))
    '=HYPERLINK("http://x","y")
    >>> spreadsheet_safe("Mette"), spreadsheet_safe(-3)
    ('Mette', -3)
    """
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


COLUMNS = ("week", "date", "person", "level", "number", "template", "purpose", "lang", "topic", "why")


def plan_csv(plan: Plan) -> str:
    """Comma-separated, quoted where needed, ``\\r\\n`` line ends (RFC 4180)."""
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(COLUMNS)
    for s in plan.slots:
        d = s.to_dict()
        w.writerow(["" if d[c] is None else spreadsheet_safe(d[c]) for c in COLUMNS])
    return buf.getvalue()
