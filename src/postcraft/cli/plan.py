"""``postcraft plan``: a posting plan for a roster (leaders first, public holidays respected)."""

from __future__ import annotations

import argparse
import datetime as dt
from typing import Any

from ..errors import InputError
from ..langs import SUPPORTED, from_locale
from .common import add_roster, write

FORMATS = ("text", "ics", "csv", "md", "html", "json")


def register(subparsers: Any) -> None:
    """Add the ``plan`` sub-command."""
    p = subparsers.add_parser(
        "plan",
        help="plan who posts which template in which week (ICS, CSV, Markdown, HTML)",
        description="A posting plan for everyone in the roster: leaders go first, each post fits the "
        "person's level, purpose, topics and language, and no post falls on a public holiday.",
    )
    add_roster(p)
    p.add_argument("--weeks", type=int, default=8, help="how many weeks (default 8)")
    p.add_argument(
        "--start", default=None, metavar="YYYY-MM-DD", help="first day (default: the coming Monday)"
    )
    p.add_argument(
        "--lang", choices=SUPPORTED, default=None, help="the plan's language (default: your locale's)"
    )
    p.add_argument(
        "--person", action="append", default=None, metavar="NAME", help="only these people (repeat)"
    )
    p.add_argument("--format", choices=FORMATS, default="text", help="output format")
    p.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        default=None,
        help="write to FILE (atomically) instead of standard output",
    )
    p.set_defaults(func=_cmd_plan)


def render_plan(plan: Any, fmt: str) -> str:
    """The plan in one of :data:`FORMATS`."""
    if fmt == "ics":
        from ..formats.ics import plan_ics

        return plan_ics(plan)
    if fmt == "csv":
        from ..formats.csvtext import plan_csv

        return plan_csv(plan)
    if fmt == "md":
        from ..formats.markdown import plan_md

        return plan_md(plan)
    if fmt == "html":
        from ..formats.html.programme import page, plan_html
        from ..formats.labels_programme import word

        return page(plan_html(plan), word(plan.lang, "plan.title"), plan.lang)
    if fmt == "json":
        from ..formats.json import dumps

        return dumps(plan)
    from ..formats.text.programme import plan_text

    return plan_text(plan)


def output(text: str | bytes, path: str | None) -> None:
    """Write to ``path`` atomically, or text to standard output."""
    if path is None:
        if isinstance(text, bytes):
            raise InputError("this format is binary; give -o FILE")
        write(text)
        return
    from ..io import write_atomic

    write_atomic(path, text.encode("utf-8") if isinstance(text, str) else text)


def _cmd_plan(args: argparse.Namespace) -> int:
    from ..programme.planning import plan

    if args.roster is None:
        raise InputError("postcraft plan needs --roster FILE (see docs/roster.md)")
    start: dt.date | None = None
    if args.start:
        try:
            start = dt.date.fromisoformat(args.start)
        except ValueError:
            raise InputError(f"--start must be a date written YYYY-MM-DD, not {args.start!r}") from None
    result = plan(
        args.roster, weeks=args.weeks, start=start, lang=(args.lang or from_locale()), people=args.person
    )
    # ICS and CSV keep their CRLF line ends: write bytes so nothing translates them
    text = render_plan(result, args.format)
    output(text.encode("utf-8") if args.output and args.format in ("ics", "csv") else text, args.output)
    return 0
