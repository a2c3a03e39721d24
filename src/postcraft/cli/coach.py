"""``postcraft coach``: pair internal experts with beginners, by topic and language
(see docs/amplification.md#experts-as-coaches)."""

from __future__ import annotations

import argparse
from typing import Any

from ..errors import InputError
from ..langs import SUPPORTED, from_locale
from .common import add_format, add_roster, write, write_json


def register(sub: Any) -> None:
    """Add ``postcraft coach``."""
    p = sub.add_parser(
        "coach",
        help="pair the roster's experts with beginners as coaches, by topic and language",
        description="Pair each beginner (a roster person who is not an expert) with an internal expert "
        "who shares their topics and a language; with a post history, people with the fewest posts "
        "come first and each pair says whether the beginner has posted since a date.",
    )
    add_roster(p)
    p.add_argument("--history", metavar="FILE", default=None, help="post history (CSV, XLSX, JSON)")
    p.add_argument(
        "--since",
        metavar="YYYY-MM-DD",
        default=None,
        help="'posted since' date (default: 4 weeks before the newest post)",
    )
    p.add_argument(
        "--lang", choices=SUPPORTED, default=None, help="the reasons' language (default: your locale's)"
    )
    add_format(p, ("text", "json", "md"))
    p.set_defaults(func=_cmd_coach)


def _cmd_coach(args: argparse.Namespace) -> int:
    from ..advocacy import pair_experts

    if args.roster is None:
        raise InputError("postcraft coach needs --roster FILE (see docs/roster.md)")
    c = pair_experts(args.roster, args.history, lang=args.lang or from_locale(), since=args.since)
    if args.format == "json":
        write_json(c)
    elif args.format == "md":
        from ..formats.advocacy import coaching_md

        write(coaching_md(c))
    else:
        from ..formats.advocacy import coaching_text

        write(coaching_text(c))
    return 0
