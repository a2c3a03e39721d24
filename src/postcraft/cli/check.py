"""``postcraft check`` and ``postcraft fix``: guideline findings and safe fixes from the command line.

Exit codes (as for every postcraft command): 0 no error-level finding, 1 at least one, 2 bad
usage, unreadable input or a broken guideline file.
"""

from __future__ import annotations

import argparse
import difflib
import sys
from typing import Any

from ..errors import InputError
from ..formats.text import findings_report
from ..io import read_draft, read_input, write_fixed
from ..pipeline import check, fix_text
from .common import add_disable, add_file, add_format, add_guidelines, add_lang, disable_list, write_json


def register(subparsers: Any) -> None:
    """Add the ``check`` and ``fix`` sub-commands to the ``postcraft`` parser."""
    p = subparsers.add_parser(
        "check",
        help="check a draft against guidelines (built-in packs and your guideline file)",
        description="Check a draft against the built-in packs and, with --guidelines, "
        "your organisation's file.",
    )
    add_file(p, optional=True)
    add_guidelines(p)
    add_lang(p)
    add_disable(p)
    add_format(p)
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
    from ..rules import load_guidelines

    g = load_guidelines(args.guidelines)
    if args.test_guidelines:
        return _test_guidelines(args.guidelines)
    if args.list_rules:
        for r in g.rules:
            print(f"{r.id:<36} {r.info.severity:<10} {r.info.kind:<14} {'/'.join(sorted(r.info.langs))}")
        return 0
    if args.file is None:
        raise InputError("give a draft FILE (or - for standard input)")
    text = read_input(args.file)
    findings = check(text, guidelines=g, lang=args.lang, disable=disable_list(args.disable))
    if args.format == "json":
        write_json({"file": args.file, "findings": [f.to_dict() for f in findings]})
    else:
        sys.stdout.write(findings_report("<stdin>" if args.file == "-" else args.file, findings))
    return 1 if any(f.severity == "error" for f in findings) else 0


def _test_guidelines(path: str | None) -> int:
    from ..rules.examples import run_file_examples

    if path is None:
        raise InputError("--test-guidelines needs --guidelines FILE")
    results = run_file_examples(path)
    failed = [r for r in results if not r.ok]
    for r in failed:
        print("FAIL " + r.describe())
    print(f"{len(results)} examples, {len(failed)} failed")
    return 1 if failed else 0


def cmd_fix(args: argparse.Namespace) -> int:
    """``postcraft fix``."""
    path = args.file
    if path == "-":
        raise InputError("fix rewrites a file; give a FILE, not -")
    bom, text = read_draft(path)
    fixed, plan = fix_text(
        text, args.guidelines, args.lang, disable_list(args.disable), unsafe=args.unsafe_fixes
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
            f"{len(plan)} fix{'es' if len(plan) != 1 else ''} would be applied; nothing written",
            file=sys.stderr,
        )
        return 0
    if plan and fixed != text:
        write_fixed(path, (bom + fixed).encode("utf-8"), (bom + text).encode("utf-8"))
    print(f"{path}: {len(plan)} fix{'es' if len(plan) != 1 else ''} applied", file=sys.stderr)
    return 0
