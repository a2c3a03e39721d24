"""``postcraft insights``: a report on an organisation's post history, in Danish or English."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from ..errors import InputError
from .common import add_format, add_guidelines, add_lang, add_roster


def register(subparsers: Any) -> None:
    """Add the ``insights`` sub-command to the ``postcraft`` parser."""
    p = subparsers.add_parser(
        "insights",
        help="insights from a post history: cadence, what works, what to celebrate",
        description="Read a post history (CSV, XLSX, JSON or JSON lines, e.g. a LinkedIn or advocacy "
        "platform export) and report who posts how often, who has gone quiet, whether leaders go "
        "first, which kinds of posts had more engagement (with confidence intervals), and progress "
        "to celebrate. Column names are recognised in English and Danish; see docs/insights.md.",
    )
    p.add_argument("history", metavar="HISTORY", help="history file (.csv, .xlsx, .json, .jsonl)")
    add_roster(p, help="roster file (YAML or CSV): roles and teams")
    add_lang(p, help="report language (default: most posts')")
    add_format(p, ("text", "json", "html"))
    p.add_argument(
        "--mapping", metavar="FILE", default=None, help="column mapping (YAML), e.g. 'date: Publiceret'"
    )
    p.add_argument(
        "--encoding", metavar="NAME", default=None, help="text encoding of a CSV file, e.g. cp1252"
    )
    p.add_argument(
        "--skip-bad-rows",
        action="store_true",
        help="skip (and list) rows with bad dates or counts and repeated posts instead of stopping",
    )
    p.add_argument(
        "--now",
        metavar="YYYY-MM-DD",
        default=None,
        help="look at the history as of this day (default: the newest post's day)",
    )
    p.add_argument(
        "--quiet-weeks", type=int, default=4, metavar="N", help="silent this many weeks = gone quiet (4)"
    )
    p.add_argument("--recent-weeks", type=int, default=4, metavar="N", help="celebrate the last N weeks (4)")
    p.add_argument(
        "--min-posts", type=int, default=20, metavar="N", help="fewest posts per side of a comparison (20)"
    )
    p.add_argument("--seed", type=int, default=0, help="bootstrap seed (0)")
    p.add_argument("--resamples", type=int, default=2000, metavar="N", help="bootstrap resamples (2000)")
    add_guidelines(p, help="guideline file (YAML) for the reviews")
    p.add_argument(
        "--output", "-o", metavar="FILE", default=None, help="write to FILE instead of standard output"
    )
    p.set_defaults(func=_cmd_insights)


def _cmd_insights(args: argparse.Namespace) -> int:
    from ..formats.html.insights import page
    from ..formats.json import dumps
    from ..insights import load_history
    from ..pipeline import insights

    history = load_history(
        args.history,
        mapping=args.mapping,
        roster=args.roster,
        errors="skip" if args.skip_bad_rows else "raise",
        encoding=args.encoding,
    )
    result = insights(
        history,
        now=args.now,
        seed=args.seed,
        resamples=args.resamples,
        min_posts=args.min_posts,
        quiet_weeks=args.quiet_weeks,
        recent_weeks=args.recent_weeks,
        guidelines=args.guidelines,
    )
    lang = args.lang or result.lang
    if args.format == "json":
        out = dumps(result)
    elif args.format == "html":
        out = page(result.html(lang), lang)
    else:
        out = result.report(lang)
    if args.output:
        try:
            Path(args.output).write_text(out, encoding="utf-8")
        except OSError as exc:
            raise InputError(f"{args.output}: cannot write ({exc.strerror})") from None
    else:
        sys.stdout.write(out)
    return 0
