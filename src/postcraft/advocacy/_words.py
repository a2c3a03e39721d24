"""The advocacy package's data files and the words its texts share (dates, months, languages).

>>> date_words(__import__("datetime").date(2025, 10, 3), "da"), month_words("2025-10", "en")
('3. oktober 2025', 'October 2025')
"""

from __future__ import annotations

import datetime as dt
from functools import cache
from importlib import resources
from typing import Any

from ..langs import lookup, name


@cache
def data(file: str) -> dict[str, Any]:
    """``advocacy/data/<file>`` (YAML), loaded once."""
    from ..yamlsrc import load_yaml

    text = (resources.files("postcraft.advocacy") / "data" / file).read_text("utf-8")
    loaded: dict[str, Any] = load_yaml(text, f"<postcraft>/advocacy/data/{file}")
    return loaded


def texts(file: str, lang: str) -> dict[str, Any]:
    """The ``lang`` section of a data file (its fallback language's when it has none)."""
    table: dict[str, Any] = lookup(data(file), lang)
    return table


def date_words(day: dt.date, lang: str) -> str:
    """A date as people write it in ``lang``."""
    w = texts("words.yaml", lang)
    return str(w["date"]).format(day=day.day, month=w["months"][day.month - 1], year=day.year)


def month_words(month: str, lang: str) -> str:
    """A ``YYYY-MM`` month as people write it in ``lang``."""
    w = texts("words.yaml", lang)
    year, number = (int(x) for x in month.split("-"))
    return str(w["month"]).format(month=w["months"][number - 1], year=year)


def language_words(code: str, lang: str) -> str:
    """The name of language ``code`` in ``lang`` (its English name when the data has none)."""
    return str(texts("words.yaml", lang).get("languages", {}).get(code) or name(code))


def first_name(full: str) -> str:
    """The first word of a name."""
    return full.split()[0] if full.split() else full
