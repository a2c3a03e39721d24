"""Danish and UK (England and Wales) public holidays, computed for any year from rules shipped as
data (``data/holidays.yaml``): fixed dates, days counted from Easter, the n-th weekday of a month,
weekend substitutes, one-off moves. Nothing is fetched.

>>> import datetime as dt
>>> easter(2024), easter(2025)
(datetime.date(2024, 3, 31), datetime.date(2025, 4, 20))
>>> [h.name for h in holidays(2024, "da")][:3]
['Nytårsdag', 'Skærtorsdag', 'Langfredag']
>>> is_holiday(dt.date(2023, 5, 5), "da").name, is_holiday(dt.date(2024, 4, 26), "da")
('Store bededag', None)
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from ..errors import InputError
from ..langs import lookup
from ..yamlsrc import load_yaml


@dataclass(frozen=True)
class Holiday:
    """One public holiday on one date; ``name`` in the language asked for.

    ``half``: a half day (Danish grundlovsdag); ``de_facto``: not a holiday by law but most
    workplaces close (Danish juleaftensdag). Plans avoid every one of them.
    """

    date: dt.date
    id: str
    name: str
    calendar: str
    half: bool = False
    de_facto: bool = False

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict."""
        return {
            "date": self.date.isoformat(),
            "id": self.id,
            "name": self.name,
            "calendar": self.calendar,
            "half": self.half,
            "de_facto": self.de_facto,
        }


def easter(year: int) -> dt.date:
    """Easter Sunday in the Gregorian calendar (the anonymous Gregorian algorithm, Meeus/Jones/Butcher).

    >>> easter(2000), easter(2038)
    (datetime.date(2000, 4, 23), datetime.date(2038, 4, 25))
    """
    a = year % 19
    b, c = divmod(year, 100)
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    ell = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * ell) // 451
    month, day = divmod(h + ell - 7 * m + 114, 31)
    return dt.date(year, month, day + 1)


@cache
def _rules() -> dict[str, list[Any]]:
    path = "<postcraft>/programme/data/holidays.yaml"
    data: dict[str, list[Any]] = load_yaml(
        (resources.files("postcraft.programme") / "data" / "holidays.yaml").read_text("utf-8"), path
    )
    return data


def _nth_weekday(year: int, month: int, weekday: int, nth: int) -> dt.date:
    if nth > 0:
        first = dt.date(year, month, 1)
        return first + dt.timedelta(days=(weekday - first.weekday()) % 7 + 7 * (nth - 1))
    last = dt.date(year + (month == 12), month % 12 + 1, 1) - dt.timedelta(days=1)
    return last - dt.timedelta(days=(last.weekday() - weekday) % 7)


def _mmdd(year: int, text: str) -> dt.date:
    month, day = (int(x) for x in str(text).split("-"))
    return dt.date(year, month, day)


@cache
def _year(year: int, calendar: str, lang: str) -> tuple[Holiday, ...]:
    if calendar not in _rules():
        raise InputError(f"there is no holiday calendar {calendar!r}; choose {' or '.join(sorted(_rules()))}")
    out: list[Holiday] = []
    taken: set[dt.date] = set()
    for rule in _rules()[calendar]:
        if not rule.get("since", year) <= year <= rule.get("until", year):
            continue
        moved = rule.get("moved", {})  # YAML keys are read as text
        if str(year) in moved:
            day = _mmdd(year, moved[str(year)])
        elif "date" in rule:
            day = _mmdd(year, rule["date"])
        elif "easter" in rule:
            day = easter(year) + dt.timedelta(days=int(rule["easter"]))
        else:
            w = rule["weekday"]
            day = _nth_weekday(year, int(w["month"]), int(w["weekday"]), int(w["nth"]))
        if rule.get("substitute"):
            while day.weekday() >= 5 or day in taken:
                day += dt.timedelta(days=1)
        taken.add(day)
        out.append(
            Holiday(
                date=day,
                id=str(rule["id"]),
                name=str(lookup(rule["name"], lang)),
                calendar=calendar,
                half=bool(rule.get("half", False)),
                de_facto=bool(rule.get("de_facto", False)),
            )
        )
    return tuple(sorted(out, key=lambda h: h.date))


def holidays(year: int, calendar: str, lang: str | None = None) -> tuple[Holiday, ...]:
    """The public holidays of ``year`` in ``calendar`` (``"da"`` or ``"en"``), by date, named in
    ``lang`` (default: the calendar's own language).

    >>> [(h.date.isoformat(), h.name) for h in holidays(2021, "en")][-2:]
    [('2021-12-27', 'Christmas Day'), ('2021-12-28', 'Boxing Day')]
    """
    return _year(year, calendar, lang or calendar)


def between(start: dt.date, end: dt.date, calendar: str, lang: str | None = None) -> tuple[Holiday, ...]:
    """Every holiday from ``start`` to ``end`` (both included)."""
    return tuple(
        h
        for year in range(start.year, end.year + 1)
        for h in holidays(year, calendar, lang)
        if start <= h.date <= end
    )


def is_holiday(day: dt.date, calendar: str, lang: str | None = None) -> Holiday | None:
    """The holiday on ``day`` in ``calendar``, or ``None``."""
    return next((h for h in holidays(day.year, calendar, lang) if h.date == day), None)
