"""``postcraft celebrate``: a month's shout-outs and ambassador of the month from a post history
(see docs/amplification.md#celebration)."""

from __future__ import annotations

import argparse
from typing import Any

from ..langs import SUPPORTED
from .common import add_format, add_guidelines, add_roster, write, write_json


def register(sub: Any) -> None:
    """Add ``postcraft celebrate``."""
    p = sub.add_parser(
        "celebrate",
        help="ready-to-send shout-outs and the ambassador of the month from a post history",
        description="Shout-outs for a month's first posts, milestones, streaks and best months, and the "
        "ambassador of the month (posts, weeks, a post that started a conversation; not a ranking by "
        "likes). People without consent in the roster get a personal message instead of a public one.",
    )
    p.add_argument("history", metavar="HISTORY", help="post history (CSV, XLSX, JSON)")
    add_roster(p, help="roster file (YAML or CSV): roles, teams and who agreed to be named")
    p.add_argument("--month", metavar="YYYY-MM", default=None, help="the month (default: the newest post's)")
    p.add_argument(
        "--lang", choices=SUPPORTED, default=None, help="the texts' language (default: most posts' language)"
    )
    add_guidelines(p, help="guideline file (YAML) the posts are reviewed with")
    add_format(p, ("text", "json", "md"))
    p.set_defaults(func=_cmd_celebrate)


def _cmd_celebrate(args: argparse.Namespace) -> int:
    from ..pipeline import celebrate

    c = celebrate(args.history, args.roster, month=args.month, lang=args.lang, guidelines=args.guidelines)
    if args.format == "json":
        write_json(c)
    elif args.format == "md":
        from ..formats.advocacy import celebration_md

        write(celebration_md(c))
    else:
        from ..formats.advocacy import celebration_text

        write(celebration_text(c))
    return 0
