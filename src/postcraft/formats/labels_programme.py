"""The words of the plan and guide documents (``data/programme.json``), in Danish and English.

>>> word("da", "plan.title"), word("en", "level.top_leader")
('Opslagsplan', 'top leader')
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

from ..langs import localized, lookup


@cache
def _table() -> dict[str, dict[str, str]]:
    data: dict[str, dict[str, str]] = json.loads(
        (resources.files("postcraft.formats") / "data" / "programme.json").read_text("utf-8")
    )
    return data


def word(lang: str, key: str, **values: Any) -> str:
    """One label in ``lang`` (English when missing), formatted with ``values``."""
    table = _table()
    text = lookup({code: t[key] for code, t in table.items() if key in t}, lang)
    # numbers the reader's way (not grouped: a value may be a year); {n:one|other} count words
    return text.format_map(localized(values, lang, group=False)) if values else text


def iso_week(day: Any) -> int:
    """The ISO week number of a date (Danish "uge 16")."""
    return int(day.isocalendar()[1])
