"""The ``postcraft`` command line. It presents results; it decides nothing.

Exit codes: 0 no error-level finding; 1 at least one; 2 bad usage or unreadable input.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from importlib import import_module
from pathlib import Path
from typing import Any

from . import __version__
from .errors import InputError, PostcraftError

# Modules that add sub-commands: each defines ``register(subparsers) -> None`` and sets
# ``func`` on its parser with ``set_defaults(func=...)``; func(args) returns the exit code.
COMMAND_MODULES: tuple[str, ...] = (
    "postcraft.tone.cli",
    "postcraft.rules.cli",
    "postcraft.tags.cli",
    "postcraft.templates.cli",
    "postcraft.lsp.cli",
    "postcraft.insights.cli",
)


def read_input(name: str) -> str:
    """Read a draft from a file or ``-`` (standard input) as UTF-8; raise InputError otherwise."""
    try:
        data = sys.stdin.buffer.read() if name == "-" else Path(name).read_bytes()
    except FileNotFoundError:
        raise InputError(f"{name}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{name}: is a directory, not a draft file") from None
    except OSError as exc:
        raise InputError(f"{name}: cannot read ({exc.strerror})") from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(
            f"{name}: not valid UTF-8 (byte {exc.start}); save the draft as UTF-8 and try again"
        ) from None


def _cmd_review(args: argparse.Namespace) -> int:
    from .review import review

    if args.fix:
        if args.file == "-":
            raise InputError("--fix rewrites a file in place; give a file name, not -")
        from .rules import fix_file

        read_input(args.file)  # a clear error for a missing or non-UTF-8 file
        applied = fix_file(args.file, args.guidelines, args.lang)
        print(f"{args.file}: {applied} fix{'es' if applied != 1 else ''} applied", file=sys.stderr)
    text = read_input(args.file)
    result = review(text, lang=args.lang, guidelines=args.guidelines, roster=args.roster)
    if args.format == "json":
        json.dump(result.to_dict(), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        sys.stdout.write(format_text(result))
    return 1 if result.has_errors else 0


def format_text(result: Any) -> str:
    """A readable, plain-text report of a review."""
    a = result.analysis
    out = [
        f"Language: {a.lang}   length: {a.linkedin_length}/3000   "
        f"fold: {'after ' + str(a.fold.desktop) + ' characters' if a.is_folded else 'whole post visible'}"
        f"   LIX: {a.lix}" + (f"   Flesch: {a.flesch}" if a.flesch is not None else "")
    ]
    if result.tone is not None:
        out.append(f"Tone: {result.tone.label} (personal {result.tone.personal:.2f})")
        for d in result.tone.drivers:
            words = f" {d.text!r}" if d.text else ""
            hint = f" — {d.hint}" if d.hint else ""
            out.append(f"  {d.direction:>9}  {d.category}:{words}{hint}")
    for f in result.findings:
        pos = a.position(f.start)
        out.append(f"{pos.line}:{pos.column}  {f.severity:<10} {f.rule}  {f.message}")
        if f.replacements:
            out.append(f"      fix: {' | '.join(f.replacements)}")
    if result.tags is not None:
        for s in result.tags.all():
            out.append(f"Tag {s.kind}: {s.target} — {s.reason}")
    return "\n".join(out) + "\n"


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="postcraft",
        description="Review LinkedIn drafts for employee advocacy, in Danish and English.",
    )
    parser.add_argument("--version", action="version", version=f"postcraft {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    p = sub.add_parser("review", help="review a draft (tone, guideline findings, tags)")
    p.add_argument("file", metavar="FILE", help="draft file (UTF-8), or - for standard input")
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.add_argument("--lang", choices=("da", "en"), default=None, help="skip language detection")
    p.add_argument("--guidelines", metavar="FILE", default=None, help="guideline file (YAML)")
    p.add_argument("--roster", metavar="FILE", default=None, help="roster file (YAML or CSV)")
    p.add_argument(
        "--fix",
        action="store_true",
        help="apply the safe fixes to FILE first (atomically; the original is kept if anything fails)",
    )
    p.set_defaults(func=_cmd_review)
    for name in COMMAND_MODULES:
        import_module(name).register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``postcraft`` console script."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse exits 2 on bad usage, 0 on --help/--version
        return int(exc.code or 0)
    func: Callable[[argparse.Namespace], int] | None = getattr(args, "func", None)
    if func is None:
        parser.print_help(sys.stderr)
        return 2
    try:
        return func(args)
    except PostcraftError as exc:
        print(f"postcraft: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
