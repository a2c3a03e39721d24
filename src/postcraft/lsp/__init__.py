"""postcraft's language server: live guideline diagnostics, fixes, tag actions and tone hovers
for drafts in any LSP editor (VS Code, Neovim, Emacs, …). See ``docs/plugins.md``.

Needs the ``lsp`` extra (``pip install 'postcraft[lsp]'``, which brings pygls). Importing
this package imports nothing heavy (the ``postcraft`` CLI imports it to add ``postcraft lsp``);
:func:`main` imports pygls.
"""

from __future__ import annotations

import argparse
from typing import Any

#: Milliseconds to wait after a change before reviewing (``--debounce``, ``debounce_ms``).
from ..config import DEFAULT_DEBOUNCE_MS, MAX_DEBOUNCE_MS

__all__ = [
    "DEFAULT_DEBOUNCE_MS",
    "MAX_DEBOUNCE_MS",
    "DocConfig",
    "LineIndex",
    "Problem",
    "Resolver",
    "add_options",
    "main",
    "run",
]


def main(argv: list[str] | None = None, *, debounce_ms: int | None = None) -> int:
    """Run the language server over stdio (blocks until the client says ``exit``)."""
    try:
        from .server import main as _main
    except ImportError as exc:
        from ..errors import PostcraftError

        raise PostcraftError(
            f"the language server needs pygls ({exc.name or exc}): pip install 'postcraft[lsp]'"
        ) from None
    return _main(argv, debounce_ms=DEFAULT_DEBOUNCE_MS if debounce_ms is None else debounce_ms)


def add_options(p: argparse.ArgumentParser) -> None:
    """The server's command-line options: ``--stdio`` and ``--debounce MS``."""
    p.add_argument("--stdio", action="store_true", help="talk over stdio (the default and only transport)")
    p.add_argument(
        "--debounce",
        metavar="MS",
        type=int,
        default=DEFAULT_DEBOUNCE_MS,
        help=f"wait this many milliseconds after a change before reviewing (default {DEFAULT_DEBOUNCE_MS}); "
        "the 'debounce_ms' setting overrides it",
    )


def run(args: argparse.Namespace) -> int:
    """Check the parsed options and run the server; returns the exit code."""
    from ..errors import InputError

    if not 0 <= args.debounce <= MAX_DEBOUNCE_MS:
        raise InputError(
            f"--debounce must be between 0 and {MAX_DEBOUNCE_MS} milliseconds, not {args.debounce}"
        )
    return main(debounce_ms=args.debounce)


def __getattr__(name: str) -> Any:
    if name in ("DocConfig", "Problem", "Resolver"):
        from . import config

        return getattr(config, name)
    if name == "LineIndex":
        from .textindex import LineIndex

        return LineIndex
    raise AttributeError(f"module 'postcraft.lsp' has no attribute {name!r}")
