"""``postcraft check`` and ``postcraft fix``: guideline findings and safe fixes from the command line.

Exit codes (as for every postcraft command): 0 no finding at or above ``--fail-on`` (default:
no error-level finding), 1 at least one, 2 bad usage, unreadable input or a broken
configuration or guideline file.
"""

from __future__ import annotations

import argparse
import difflib
import sys
from typing import TYPE_CHECKING, Any

from ..errors import InputError
from ..formats import ui
from ..formats.report import finding_lines
from ..io import read_draft, write_fixed
from ..pipeline import check, fix_text, is_markdown
from . import files
from .common import add_disable, add_file, add_format, add_guidelines, add_lang, disable_list, say, ui_lang
from .files import add_files, add_run_options

if TYPE_CHECKING:
    from ..config import DocConfig

CHECK_FORMATS = ("text", "json", "jsonl", "sarif", "github")


def register(subparsers: Any) -> None:
    """Add the ``check`` and ``fix`` sub-commands to the ``postcraft`` parser."""
    p = subparsers.add_parser(
        "check",
        help="check drafts against guidelines (built-in packs and your guideline file)",
        description="Check drafts (files, folders, globs or standard input) against the built-in packs "
        "and your organisation's guidelines: the nearest postcraft.yaml (or [tool.postcraft] in "
        "pyproject.toml) applies, and the options below override it. Prints one line per finding with "
        "the file name and a summary line; exits 1 when a finding reaches --fail-on (default: error), "
        "2 when a draft or the configuration cannot be read.",
    )
    add_files(p)
    add_guidelines(p)
    add_lang(p)
    add_disable(p)
    add_format(p, CHECK_FORMATS)
    add_run_options(p)
    p.add_argument("--list-rules", action="store_true", help="list the rules that would run, and exit")
    p.add_argument(
        "--test-guidelines",
        action="store_true",
        help="run the examples of the rules in --guidelines and report the ones that fail",
    )
    p.set_defaults(func=cmd_check)

    f = subparsers.add_parser(
        "fix",
        help="apply the safe fixes to a draft file (atomically)",
        description="Apply the safe fixes (CamelCase hashtags, exact substitutions, escaping, doubled words) "
        "to a draft file in place; with --unsafe-fixes also the unsafe ones. The file is replaced "
        "atomically; on any error the original is kept. Nothing is written (exit 2) when the file changed "
        "while it was being fixed, is read-only or in a read-only folder, or has several hard links; "
        "a symbolic link is followed and stays a link.",
    )
    add_file(f, stdin=False)
    add_guidelines(f)
    add_lang(f)
    add_disable(f)
    f.add_argument("--dry-run", action="store_true", help="show the changes as a diff; write nothing")
    f.add_argument(
        "--unsafe-fixes",
        action="store_true",
        help="also apply the unsafe fixes (which may change the meaning, e.g. inflected substitutions "
        "or putting 'Reklame' first); suggestions that are only shown are never applied",
    )
    f.set_defaults(func=cmd_fix)


def cmd_check(args: argparse.Namespace) -> int:
    """``postcraft check``."""
    if args.test_guidelines:
        return _test_guidelines(args)
    if args.list_rules:
        from ..rules import load_guidelines

        g = load_guidelines(args.guidelines)
        for r in g.rules:
            print(f"{r.id:<36} {r.info.severity:<10} {r.info.kind:<14} {'/'.join(sorted(r.info.langs))}")
        return 0

    def work(text: str, cfg: DocConfig, markdown: bool) -> tuple[tuple[Any, ...], Any]:
        findings = check(
            text,
            guidelines=cfg.guidelines,
            lang=cfg.lang,
            disable=cfg.disable,
            tone_model=cfg.tone_model,
            markdown=markdown,
        )
        return tuple(findings), None

    results, failed = files.run(args, work)

    def text_report(r: files.FileResult) -> str:
        lines = finding_lines(r.name, r.findings, details=not args.quiet, lang=ui_lang(args, args.lang))
        return "".join(line + "\n" for line in lines)

    files.write_report(args, results, with_review=False, text_report=text_report)
    return files.exit_code(results, failed)


def _test_guidelines(args: argparse.Namespace) -> int:
    from ..rules.examples import run_file_examples

    path: str | None = args.guidelines
    if path is None:
        raise InputError(say(args, "cli.test_guidelines_needs"))
    results = run_file_examples(path)
    failed = [r for r in results if not r.ok]
    for r in failed:
        print("FAIL " + r.describe())
    lang = ui_lang(args)
    print(
        say(args, "cli.examples_failed", examples=ui.count(lang, len(results), "example"), failed=len(failed))
    )
    return 1 if failed else 0


def cmd_fix(args: argparse.Namespace) -> int:
    """``postcraft fix``."""
    path = args.file
    if path == "-":
        raise InputError(say(args, "cli.fix_needs_file"))
    bom, text = read_draft(path)
    fixed, plan = fix_text(
        text,
        args.guidelines,
        args.lang,
        disable_list(args.disable),
        unsafe=args.unsafe_fixes,
        markdown=is_markdown(path),
    )
    if args.dry_run:
        diff = difflib.unified_diff(
            text.splitlines(keepends=True),
            fixed.splitlines(keepends=True),
            fromfile=path,
            tofile=f"{path} (fixed)",
        )
        sys.stdout.writelines(diff)
        print(
            say(args, "cli.fixes_dry_run", fixes=ui.count(ui_lang(args), len(plan), "fix")), file=sys.stderr
        )
        return 0
    if plan and fixed != text:
        write_fixed(path, (bom + fixed).encode("utf-8"), (bom + text).encode("utf-8"))
    print(
        say(args, "cli.fixes_applied", file=path, fixes=ui.count(ui_lang(args), len(plan), "fix")),
        file=sys.stderr,
    )
    return 0
