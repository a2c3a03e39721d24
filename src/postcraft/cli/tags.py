"""``postcraft tags`` and ``postcraft roster``: tag suggestions and roster checks on the command line."""

from __future__ import annotations

import argparse
from typing import Any

from ..errors import InputError
from ..io import read_input
from .common import add_file, add_format, add_guidelines, add_lang, add_roster, write, write_json

KINDS = ("people", "companies", "experts", "hashtags")


def register(subparsers: Any) -> None:
    """Add the ``tags`` and ``roster`` sub-commands to the ``postcraft`` parser."""
    p = subparsers.add_parser(
        "tags",
        help="suggest who and what a draft should tag, and why",
        description="Suggest colleagues, experts, company pages and hashtags for a draft. "
        "--format copy/little prints the draft with the accepted suggestions applied "
        "(copy-ready text, or the Posts API's little text).",
    )
    add_file(p)
    add_roster(p)
    add_guidelines(p)
    add_lang(p)
    add_format(p, ("text", "json", "copy", "little"))
    p.add_argument(
        "--accept",
        default="people,companies,hashtags",
        metavar="KINDS",
        help="for copy/little: which suggestions to apply, from people, companies, experts, "
        "hashtags (default: people,companies,hashtags; experts only when their action is 'tag')",
    )
    p.set_defaults(func=_cmd_tags)

    r = subparsers.add_parser(
        "roster",
        help="check a roster file and summarise it",
        description="Check a roster file (YAML or CSV): every mistake is reported with its line.",
    )
    r.add_argument("file", metavar="FILE", help="roster file (.yaml, .yml or .csv)")
    add_format(r)
    r.set_defaults(func=_cmd_roster)


def _accepted_kinds(value: str) -> tuple[str, ...]:
    kinds = tuple(k.strip() for k in value.split(",") if k.strip())
    bad = [k for k in kinds if k not in KINDS]
    if bad:
        raise InputError(f"--accept: unknown kind {bad[0]!r}; use {', '.join(KINDS)}")
    return kinds


def _cmd_tags(args: argparse.Namespace) -> int:
    from ..tags import suggest_tags, to_copy_text, to_little_text

    kinds = _accepted_kinds(args.accept)
    text = read_input(args.file)
    result = suggest_tags(text, roster=args.roster, guidelines=args.guidelines, lang=args.lang)
    if args.format == "json":
        write_json(result)
    elif args.format in ("copy", "little"):
        accepted = [s for kind in kinds for s in getattr(result, kind)]
        render = to_copy_text if args.format == "copy" else to_little_text
        body = render(text, accepted)
        write(body if body.endswith("\n") else body + "\n")
    else:
        from ..formats.text import tags_report

        write(tags_report(result))
    return 0


def _cmd_roster(args: argparse.Namespace) -> int:
    from ..tags import load_roster

    roster = load_roster(args.file)
    if args.format == "json":
        write_json(roster)
    else:
        from ..formats.text import roster_report

        write(roster_report(args.file, roster))
    return 0
