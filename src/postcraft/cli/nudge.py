"""``postcraft nudge``: an internal message asking an amplification group to read a post and
respond genuinely (see docs/amplification.md)."""

from __future__ import annotations

import argparse
from typing import Any

from ..io import read_input
from .common import add_file, add_format, add_guidelines, add_lang, add_roster, write, write_json


def register(sub: Any) -> None:
    """Add ``postcraft nudge``."""
    p = sub.add_parser(
        "nudge",
        help="a message for Teams/Slack/e-mail asking your group to read and respond to a post",
        description="Write an internal nudge to the colleagues who agreed to engage with each other's "
        "posts: what the post says, the question it asks, whom it thanks, and the agreement to respond "
        "only genuinely (never likes to boost the algorithm).",
    )
    add_file(p)
    p.add_argument(
        "--group",
        required=True,
        help="a group name (from the roster's 'amplification' lists, or from --groups), "
        "or the people's names separated by commas",
    )
    p.add_argument(
        "--groups",
        metavar="FILE",
        default=None,
        help="read the groups from this file instead of the roster (YAML: groups: {name: [people]})",
    )
    add_roster(
        p, help="roster file (YAML or CSV): its amplification groups; only people with consent are addressed"
    )
    add_guidelines(p, help="guideline file (YAML): its like/tag 'agreement:' phrases what to do")
    p.add_argument("--author", default=None, help="who wrote the post (named in the message, never nudged)")
    add_lang(p, help="the message's language (default: the post's)")
    add_format(p)
    p.set_defaults(func=_cmd_nudge)


def _cmd_nudge(args: argparse.Namespace) -> int:
    from ..advocacy import nudge, roster_groups

    group: str | list[str] = args.group.strip()
    if args.groups is None and group not in roster_groups(args.roster):
        group = [x.strip() for x in args.group.split(",") if x.strip()]
    n = nudge(
        read_input(args.file),
        group=group,
        groups=args.groups,
        roster=args.roster,
        author=args.author,
        lang=args.lang,
        guidelines=args.guidelines,
    )
    if args.format == "json":
        write_json(n)
    else:
        write(n.text + "\n")
    return 0
