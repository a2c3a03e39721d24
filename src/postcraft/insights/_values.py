"""Dates and counts as exports write them: ISO, LinkedIn's month-first ``03/14/2025``, Danish
``14-03-2025`` / ``14.03.2025`` / ``14. marts 2025``, English ``14 March 2025`` / ``Mar 14, 2025``,
Excel dates and serial numbers, Unix time; counts with thousands separators (``1,234``,
``1.234``, ``1 234``).

>>> DateReader().parse("2025-03-14T09:30:00Z")
datetime.datetime(2025, 3, 14, 9, 30)
>>> DateReader(dayfirst=True).parse("14.03.2025")
datetime.datetime(2025, 3, 14, 0, 0)
>>> DateReader().parse("5. marts 2025")
datetime.datetime(2025, 3, 5, 0, 0)
>>> parse_count("1.234")
1234
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import regex

_NUMERIC = regex.compile(
    r"(\d{1,4})([./-])(\d{1,2})\2(\d{2,4})"
    r"(?:(?:\s+|T|,\s*|\s+kl\.?\s*)(\d{1,2})[:.](\d{2})(?:[:.](\d{2}))?(?:\.\d+)?\s*([AaPp]\.?[Mm]\.?)?)?"
    r"\s*(?:Z|UTC|GMT|[+-]\d{2}:?\d{2})?"
)
_MONTHS = {
    "jan": 1, "january": 1, "januar": 1,
    "feb": 2, "february": 2, "februar": 2,
    "mar": 3, "march": 3, "marts": 3,
    "apr": 4, "april": 4,
    "may": 5, "maj": 5,
    "jun": 6, "june": 6, "juni": 6,
    "jul": 7, "july": 7, "juli": 7,
    "aug": 8, "august": 8,
    "sep": 9, "sept": 9, "september": 9,
    "oct": 10, "october": 10, "okt": 10, "oktober": 10,
    "nov": 11, "november": 11,
    "dec": 12, "december": 12,
}  # fmt: skip
_TIME = r"(?:(?:\s+|,\s*|\s+kl\.?\s*|\s+at\s+)(\d{1,2})[:.](\d{2})(?:[:.](\d{2}))?\s*([AaPp]\.?[Mm]\.?)?)?"
_DAY_MONTH = regex.compile(
    r"(?:\p{L}+\.?,?\s+)?(\d{1,2})\.?\s+(\p{L}+)\.?,?\s+(\d{4})" + _TIME + r"\s*(?:Z|UTC|GMT)?",
    regex.IGNORECASE,
)
_MONTH_DAY = regex.compile(
    r"(?:\p{L}+\.?,?\s+)?(\p{L}+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})" + _TIME + r"\s*(?:Z|UTC|GMT)?",
    regex.IGNORECASE,
)


class DateError(ValueError):
    """A value that is not a date; the message says what was expected."""


@dataclass
class DateReader:
    """Parses the dates of one column. ``date_format`` (strptime) wins when given; otherwise
    ``dayfirst`` decides ``03/04/2025`` (``None``: month first for ``/``, day first for ``.``
    and ``-``, as :meth:`decide` sets it from the column's unambiguous values)."""

    date_format: str | None = None
    dayfirst: bool | None = None

    def decide(self, values: Iterable[Any]) -> str | None:
        """Look at every value of the column: a first number above 12 means day first, a
        second above 12 month first. Returns a note code when the order had to be assumed."""
        if self.date_format is not None or self.dayfirst is not None:
            return None
        day_first = month_first = ambiguous = False
        sep = ""
        for v in values:
            if not isinstance(v, str):
                continue
            m = _NUMERIC.fullmatch(v.strip())
            if m is None or len(m.group(1)) == 4:
                continue
            a, b = int(m.group(1)), int(m.group(3))
            sep = sep or m.group(2)
            if a > 12 >= b:
                day_first = True
            elif b > 12 >= a:
                month_first = True
            elif a <= 12 and b <= 12 and a != b:
                ambiguous = True
        if day_first and month_first:
            # inconsistent: leave it to the separators, and let the bad values fail with their line
            self.dayfirst = sep != "/"
            return None
        if day_first or month_first:
            self.dayfirst = day_first
            return None
        self.dayfirst = sep != "/"
        if ambiguous:
            return "dates_assumed_day_first" if self.dayfirst else "dates_assumed_month_first"
        return None

    def parse(self, value: Any) -> dt.datetime:
        """One value as a naive datetime (wall-clock time as written; a time zone is dropped)."""
        if isinstance(value, dt.datetime):
            return value.replace(tzinfo=None)
        if isinstance(value, dt.date):
            return dt.datetime(value.year, value.month, value.day)
        if isinstance(value, bool):
            raise DateError("true/false is not a date")
        if isinstance(value, int | float):
            return _from_number(float(value))
        if value is None:
            raise DateError("the date is empty")
        text = str(value).strip()
        if not text:
            raise DateError("the date is empty")
        if self.date_format is not None:
            try:
                return dt.datetime.strptime(text, self.date_format).replace(tzinfo=None)
            except ValueError:
                raise DateError(f"does not match the date format {self.date_format!r}") from None
        try:
            return dt.datetime.fromisoformat(text.replace(" UTC", "+00:00")).replace(tzinfo=None)
        except ValueError:
            pass
        m = _NUMERIC.fullmatch(text)
        if m is not None:
            a, sep, b, c = m.group(1), m.group(2), m.group(3), m.group(4)
            if len(a) == 4:
                y, mo, d = int(a), int(b), int(c)
            else:
                first = self.dayfirst if self.dayfirst is not None else sep != "/"
                d, mo = (int(a), int(b)) if first else (int(b), int(a))
                y = int(c) + (2000 if len(c) == 2 else 0)
            return _build(y, mo, d, m.group(5), m.group(6), m.group(7), m.group(8))
        m = _DAY_MONTH.fullmatch(text)
        if m is not None and m.group(2).lower() in _MONTHS:
            return _build(int(m.group(3)), _MONTHS[m.group(2).lower()], int(m.group(1)), *m.groups()[3:7])
        m = _MONTH_DAY.fullmatch(text)
        if m is not None and m.group(1).lower() in _MONTHS:
            return _build(int(m.group(3)), _MONTHS[m.group(1).lower()], int(m.group(2)), *m.groups()[3:7])
        try:
            number = float(text)
        except ValueError:
            raise DateError("is not a date") from None
        return _from_number(number)


def _build(
    y: int, mo: int, d: int, hh: str | None, mm: str | None, ss: str | None, ampm: str | None
) -> dt.datetime:
    hour = int(hh) if hh else 0
    if ampm:
        p = ampm.lower().replace(".", "")
        if hour > 12:
            raise DateError("has an hour above 12 with AM/PM")
        hour = hour % 12 + (12 if p == "pm" else 0)
    try:
        return dt.datetime(y, mo, d, hour, int(mm) if mm else 0, int(ss) if ss else 0)
    except ValueError as exc:
        raise DateError(f"is not a real date ({exc})") from None


def _from_number(v: float) -> dt.datetime:
    if not math.isfinite(v):
        raise DateError("is not a date")
    try:
        if v >= 1e11:  # Unix time in milliseconds
            return dt.datetime(1970, 1, 1) + dt.timedelta(milliseconds=v)
        if v >= 1e8:  # Unix time in seconds
            return dt.datetime(1970, 1, 1) + dt.timedelta(seconds=v)
    except (OverflowError, ValueError):  # past the year 9999
        raise DateError("is a number too large to be a date") from None
    if 20_000 <= v <= 80_000:  # an Excel serial date (1900 system): 1954–2119
        return dt.datetime(1899, 12, 30) + dt.timedelta(days=v)
    raise DateError("is a number, not a date")


_THOUSANDS = regex.compile(r"\d{1,3}(?:([.,\u00a0\u202f ' ])\d{3})+")


#: The largest count taken as real (a quadrillion: more than any post's impressions).
MAX_COUNT = 10**15


class CountError(ValueError):
    """A value that is not a whole count."""


def parse_count(value: Any) -> int | None:
    """A non-negative whole count, or ``None`` for an empty cell (``""``, ``-``, ``n/a``).

    >>> parse_count("1,234"), parse_count(" 12 "), parse_count(""), parse_count(7.0)
    (1234, 12, None, 7)
    """
    if value is None:
        return None
    if isinstance(value, bool):
        raise CountError("true/false is not a count")
    if isinstance(value, int):
        n = value
    elif isinstance(value, float):
        if math.isnan(value):
            return None
        if not value.is_integer():
            raise CountError("is not a whole number")
        n = int(value)
    else:
        text = str(value).strip()
        if text.lower() in ("", "-", "–", "n/a", "na", "none", "null"):
            return None
        if len(text) > 40:  # int() refuses more than 4300 digits; no count has 40
            raise CountError("is too large to be a count" if text.isdigit() else "is not a number")
        if text.isdigit():
            n = int(text)
        elif _THOUSANDS.fullmatch(text):
            n = int(regex.sub(r"\D", "", text))
        else:
            try:
                f = float(text.replace(",", "."))
            except ValueError:
                raise CountError("is not a number") from None
            if not f.is_integer():
                raise CountError("is not a whole number")
            n = int(f)
    if n < 0:
        raise CountError("is negative")
    if n > MAX_COUNT:
        raise CountError("is too large to be a count")
    return n
