"""``postcraft review``: tone, guideline findings and tag suggestions for drafts."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, Any

from ..errors import InputError
from ..formats import FORMATS, formatter, ui
from ..pipeline import fix_file, review
from . import files
from .common import add_disable, add_guidelines, add_lang, add_roster, say, ui_lang
from .files import MULTI_FORMATS, add_files, add_run_options

if TYPE_CHECKING:
    from ..config import DocConfig


def register(subparsers: Any) -> None:
    """Add ``postcraft review``."""
    p = subparsers.add_parser(
        "review",
        help="review drafts (tone, guideline findings, tags)",
        description="Review drafts (files, folders, globs or standard input): how personal each sounds "
        "and why, what breaks the guidelines (built-in packs and your file) with safe fixes, and whom "
        "and what to tag. The nearest postcraft.yaml (or [tool.postcraft] in pyproject.toml) applies; "
        "the options below override it. Ends with a summary line; exits 1 when a finding reaches "
        "--fail-on (default: error), 2 when a draft or the configuration cannot be read.",
    )
    add_files(p)
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
    add_disable(p)
    add_run_options(p)
    p.add_argument(
        "--fix",
        action="store_true",
        help="apply the safe fixes to each FILE first (atomically; the original is kept if anything fails)",
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
    per_review = args.format not in ("text", "json", *MULTI_FORMATS)
    if per_review and not files.single(args):
        raise InputError(f"--format {args.format} writes one review: give one FILE")
    if args.fix:
        _fix(args)

    def work(text: str, cfg: DocConfig, markdown: bool) -> tuple[tuple[Any, ...], Any]:
        result = review(
            text,
            lang=cfg.lang,
            guidelines=cfg.guidelines,
            roster=cfg.roster,
            tone_model=cfg.tone_model,
            disable=cfg.disable,
            voice=args.voice,
            markdown=markdown,
        )
        return tuple(result.findings), result

    results, failed = files.run(args, work)
    if per_review:
        for r in results:
            if r.error is None:
                out = fmt(r.review)
                if not isinstance(out, str):
                    raise InputError(f"the format {args.format!r} returned {type(out).__name__}, not text")
                sys.stdout.write(out)
        return files.exit_code(results, failed)
    many = not files.single(args) or len(results) > 1

    def text_report(r: files.FileResult) -> str:
        from ..formats.report import finding_lines
        from ..formats.text import review_report

        if args.quiet:
            lines = finding_lines(r.name, r.findings, details=False, lang=ui_lang(args, args.lang))
            return "".join(line + "\n" for line in lines)
        # the report's words in --ui-lang, else the draft's language
        return (f"==> {r.name} <==\n" if many else "") + review_report(r.review, ui_lang(args, r.review.lang))

    files.write_report(args, results, with_review=True, text_report=text_report)
    return files.exit_code(results, failed)


def _fix(args: argparse.Namespace) -> None:
    """``--fix``: apply the safe fixes to every named file, with its configuration."""
    configs = files.Configs(args)
    for d in files.expand(args, configs):
        if d.path is None:
            raise InputError(say(args, "cli.review_fix_needs_file"))
        cfg = configs.for_path(d.path)
        applied = fix_file(d.path, cfg.guidelines, cfg.lang, cfg.disable, unsafe=args.unsafe_fixes)
        fixes = ui.count(ui_lang(args), applied, "fix")
        print(say(args, "cli.fixes_applied", file=d.name, fixes=fixes), file=sys.stderr)
