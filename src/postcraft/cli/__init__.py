"""The ``postcraft`` command line. It presents results; it decides nothing.

Exit codes: 0 no error-level finding; 1 at least one; 2 bad usage or unreadable input.
A warning (:class:`~postcraft.errors.PostcraftWarning`, e.g. a broken plugin that was skipped)
is one ``postcraft: …`` line on standard error; it does not change the exit code.
"""

from __future__ import annotations

import argparse
import sys
import warnings
from collections.abc import Callable, Sequence
from importlib import import_module
from typing import Any

from .._version import __version__
from ..errors import PostcraftError, PostcraftWarning
from ..langs import listing

# One module per command: each defines ``register(subparsers) -> None`` and sets ``func`` on
# its parser with ``set_defaults(func=...)``; func(args) returns the exit code.
COMMAND_MODULES: tuple[str, ...] = (
    "postcraft.cli.review",
    "postcraft.cli.tone",
    "postcraft.cli.check",
    "postcraft.cli.config",
    "postcraft.cli.tags",
    "postcraft.cli.templates",
    "postcraft.cli.lsp",
    "postcraft.cli.insights",
    "postcraft.cli.onboard",
    "postcraft.cli.plan",
    "postcraft.cli.guide",
    "postcraft.cli.voice",
    "postcraft.cli.nudge",
    "postcraft.cli.coach",
    "postcraft.cli.celebrate",
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="postcraft",
        description=f"Review LinkedIn drafts for employee advocacy, in {listing()}.",
    )
    parser.add_argument("--version", action="version", version=f"postcraft {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
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
        with warnings.catch_warnings():
            warnings.showwarning = _show_warning(warnings.showwarning)
            return func(args)
    except PostcraftError as exc:
        print(f"postcraft: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0


def _show_warning(previous: Callable[..., None]) -> Callable[..., None]:
    """Show a :class:`PostcraftWarning` as one line on standard error, others as before."""

    def show(
        message: Warning | str,
        category: type[Warning],
        filename: str,
        lineno: int,
        file: Any = None,
        line: str | None = None,
    ) -> None:
        if issubclass(category, PostcraftWarning):
            print(f"postcraft: {message}", file=sys.stderr)
        else:
            previous(message, category, filename, lineno, file, line)

    return show


if __name__ == "__main__":
    sys.exit(main())
