"""``postcraft check`` and ``postcraft fix``: guideline findings and safe fixes from the command line.

Exit codes (as for every postcraft command): 0 no error-level finding, 1 at least one, 2 bad
usage, unreadable input or a broken guideline file.
"""

from __future__ import annotations

import argparse
import difflib
import json
import sys
from collections.abc import Sequence
from typing import Any

from ..errors import InputError
from .finding import Finding


def _disable_list(values: Sequence[str] | None) -> list[str]:
    out: list[str] = []
    for v in values or ():
        out.extend(x.strip() for x in v.split(",") if x.strip())
    return out


def register(subparsers: Any) -> None:
    """Add the ``check`` and ``fix`` sub-commands to the ``postcraft`` parser."""
    p = subparsers.add_parser(
        "check",
        help="check a draft against guidelines (built-in packs and your guideline file)",
        description="Check a draft against the built-in packs and, with --guidelines, "
        "your organisation's file.",
    )
    p.add_argument("file", metavar="FILE", nargs="?", help="draft file (UTF-8), or - for standard input")
    p.add_argument("--guidelines", metavar="F", default=None, help="guideline file (YAML)")
    p.add_argument("--lang", choices=("da", "en"), default=None, help="skip language detection")
    p.add_argument(
        "--disable",
        metavar="ID",
        action="append",
        default=None,
        help="switch rules off by id or id prefix (repeat, or separate with commas)",
    )
    p.add_argument("--format", choices=("text", "json"), default="text")
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
        "to a draft file in place. The file is replaced atomically; on any error the original is kept.",
    )
    f.add_argument("file", metavar="FILE", help="draft file (UTF-8)")
    f.add_argument("--guidelines", metavar="F", default=None, help="guideline file (YAML)")
    f.add_argument("--lang", choices=("da", "en"), default=None, help="skip language detection")
    f.add_argument("--dry-run", action="store_true", help="show the changes as a diff; write nothing")
    f.set_defaults(func=cmd_fix)


def format_findings(name: str, findings: Sequence[Finding]) -> str:
    """Findings as ``FILE:line:column: severity rule message`` lines, with fixes and help."""
    out: list[str] = []
    for f in findings:
        out.append(f"{name}:{f.line}:{f.column}: {f.severity:<10} {f.rule}  {f.message}")
        if f.replacements:
            label = "fix" if f.safe_fix else "suggested"
            shown = " | ".join(
                repr(r) if (not r or r != r.strip() or "\n" in r) else r for r in f.replacements
            )
            out.append(f"    {label}: {shown}")
        if f.help:
            out.append(f"    help: {f.help}")
    counts = {s: sum(1 for f in findings if f.severity == s) for s in ("error", "warning", "suggestion")}
    out.append(
        f"{len(findings)} finding{'s' if len(findings) != 1 else ''}: {counts['error']} errors, "
        f"{counts['warning']} warnings, {counts['suggestion']} suggestions"
    )
    return "\n".join(out) + "\n"


def cmd_check(args: argparse.Namespace) -> int:
    """``postcraft check``."""
    from ..cli import read_input
    from .engine import check
    from .guidelines import load_guidelines

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
    findings = check(text, guidelines=g, lang=args.lang, disable=_disable_list(args.disable))
    if args.format == "json":
        json.dump(
            {"file": args.file, "findings": [f.to_dict() for f in findings]},
            sys.stdout,
            ensure_ascii=False,
            indent=2,
        )
        sys.stdout.write("\n")
    else:
        sys.stdout.write(format_findings("<stdin>" if args.file == "-" else args.file, findings))
    return 1 if any(f.severity == "error" for f in findings) else 0


def _test_guidelines(path: str | None) -> int:
    from .examples import run_file_examples

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
    from pathlib import Path

    from .fixes import _read, fix_text, write_atomic

    path = Path(args.file)
    if args.file == "-":
        raise InputError("fix rewrites a file; give a FILE, not -")
    bom, text = _read(path)
    fixed, plan = fix_text(text, args.guidelines, args.lang)
    if args.dry_run:
        diff = difflib.unified_diff(
            text.splitlines(keepends=True),
            fixed.splitlines(keepends=True),
            fromfile=str(path),
            tofile=f"{path} (fixed)",
        )
        sys.stdout.writelines(diff)
        print(
            f"{len(plan)} fix{'es' if len(plan) != 1 else ''} would be applied; nothing written",
            file=sys.stderr,
        )
        return 0
    if plan and fixed != text:
        write_atomic(path, bom + fixed.encode("utf-8"))
    print(f"{path}: {len(plan)} fix{'es' if len(plan) != 1 else ''} applied", file=sys.stderr)
    return 0
