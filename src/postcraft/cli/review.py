"""``postcraft review``: tone, guideline findings and tag suggestions for a draft."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from ..errors import InputError
from ..formats import FORMATS, formatter, ui
from ..io import read_input
from ..pipeline import fix_file, review
from .common import add_file, add_guidelines, add_lang, add_roster, say, ui_lang, write


def register(subparsers: Any) -> None:
    """Add ``postcraft review``."""
    p = subparsers.add_parser(
        "review",
        help="review a draft (tone, guideline findings, tags)",
        description="Review a draft: how personal it sounds and why, what breaks the guidelines "
        "(built-in packs and your file) with safe fixes, and whom and what to tag.",
    )
    add_file(p)
    # no argparse choices: a plugin may add a format, and its entry points are only read when
    # a name that is not built in is asked for
    p.add_argument(
        "--format",
        default="text",
        metavar="FORMAT",
        help=f"output format: {', '.join(FORMATS)}, or one an installed plugin adds (default: text)",
    )
    add_lang(p)
    add_guidelines(p)
    add_roster(p)
    p.add_argument(
        "--fix",
        action="store_true",
        help="apply the safe fixes to FILE first (atomically; the original is kept if anything fails)",
    )
    p.add_argument("--unsafe-fixes", action="store_true", help="with --fix: also apply the unsafe fixes")
    p.add_argument(
        "--voice",
        metavar="FILE",
        default=None,
        help="your voice profile (JSON from 'postcraft voice learn'): add how much the draft sounds like you",
    )
    p.set_defaults(func=_cmd_review)


def _cmd_review(args: argparse.Namespace) -> int:
    fmt = formatter(args.format)  # an unknown or broken format fails before anything is done
    if args.fix:
        if args.file == "-":
            raise InputError(say(args, "cli.review_fix_needs_file"))
        applied = fix_file(args.file, args.guidelines, args.lang, unsafe=args.unsafe_fixes)
        fixes = ui.count(ui_lang(args), applied, "fix")
        print(say(args, "cli.fixes_applied", file=args.file, fixes=fixes), file=sys.stderr)
    text = read_input(args.file)
    result = review(text, lang=args.lang, guidelines=args.guidelines, roster=args.roster, voice=args.voice)
    if args.format == "text":  # the report's words in --ui-lang, else the draft's language
        from ..formats.text import review_report

        out = review_report(result, ui_lang(args, result.analysis.lang))
    else:
        out = fmt(result)
    if not isinstance(out, str):
        raise InputError(f"the format {args.format!r} returned {type(out).__name__}, not text")
    write(out)
    return 1 if result.has_errors else 0
