"""A plan as an iCalendar file (RFC 5545): one all-day ``VEVENT`` per slot.

Lines end in CRLF, are folded at 75 octets (never inside a UTF-8 character) and text values
escape backslash, semicolon, comma and line breaks.

>>> escape_text("a,b;c\\\\d\\ne")
'a\\\\,b\\\\;c\\\\\\\\d\\\\ne'
>>> fold("SUMMARY:" + "x" * 80).split("\\r\\n")[1]
' xxxxxxxxxxxxx'
"""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import TYPE_CHECKING

from .._version import __version__
from .labels_programme import word

if TYPE_CHECKING:
    from ..programme.planning import Plan

CRLF = "\r\n"


def escape_text(value: str) -> str:
    """A TEXT value (RFC 5545 §3.3.11): ``\\`` ``;`` ``,`` escaped, line breaks as ``\\n``."""
    out = value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return out.replace("\r\n", "\\n").replace("\r", "\\n").replace("\n", "\\n")


def fold(line: str) -> str:
    """Fold a content line into lines of at most 75 octets (RFC 5545 §3.1), continuation lines
    starting with one space; a UTF-8 character is never split."""
    out: list[str] = []
    current = ""
    size = 0
    limit = 75
    for ch in line:
        n = len(ch.encode("utf-8"))
        if size + n > limit:
            out.append(current)
            current, size, limit = " ", 1, 75
        current += ch
        size += n
    out.append(current)
    return CRLF.join(out)


def _uid(*parts: str) -> str:
    digest = hashlib.sha1("\x00".join(parts).encode("utf-8")).hexdigest()[:24]  # noqa: S324 (an id)
    return f"{digest}@postcraft"


def plan_ics(plan: Plan, *, stamp: dt.datetime | None = None) -> str:
    """The plan as an iCalendar text (CRLF line ends). ``stamp`` is the DTSTAMP (default now, UTC).

    >>> import datetime as dt
    >>> from postcraft.programme import plan
    >>> p = plan({"people": [{"name": "Sofie Lund", "level": "top_leader"}]}, weeks=1,
    ...          start=dt.date(2025, 4, 14))
    >>> text = plan_ics(p, stamp=dt.datetime(2025, 1, 1, tzinfo=dt.timezone.utc))
    >>> [ln for ln in text.split("\\r\\n") if ln.startswith(("DTSTART", "DTSTAMP"))]
    ['DTSTAMP:20250101T000000Z', 'DTSTART;VALUE=DATE:20250415']
    """
    when = (stamp or dt.datetime.now(dt.UTC)).astimezone(dt.UTC)
    lang = plan.lang
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:-//postcraft//postcraft {__version__}//{lang.upper()}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "X-WR-CALNAME:" + escape_text(word(lang, "plan.calendar")),
    ]
    for s in plan.slots:
        summary = f"{s.person}: {s.template}"
        if s.topic:
            summary += f" ({s.topic})"
        description = "\n".join(
            [s.why]
            + ([word(lang, "plan.first", n=s.number)] if s.first else [])
            + [word(lang, "plan.draft", template=s.template)]
        )
        lines += [
            "BEGIN:VEVENT",
            "UID:" + _uid(s.person, s.template, str(s.number), s.week.isoformat()),
            "DTSTAMP:" + when.strftime("%Y%m%dT%H%M%SZ"),
            "DTSTART;VALUE=DATE:" + s.date.strftime("%Y%m%d"),
            "DTEND;VALUE=DATE:" + (s.date + dt.timedelta(days=1)).strftime("%Y%m%d"),
            "SUMMARY:" + escape_text(summary),
            "DESCRIPTION:" + escape_text(description),
            "CATEGORIES:" + escape_text(word(lang, f"level.{s.level}")),
            "TRANSP:TRANSPARENT",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + CRLF for line in lines)
