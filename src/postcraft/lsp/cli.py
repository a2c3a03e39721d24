"""``postcraft lsp``: run the language server over stdio."""

from __future__ import annotations

import argparse
from typing import Any

from ..errors import InputError
from . import DEFAULT_DEBOUNCE_MS, MAX_DEBOUNCE_MS


def register(subparsers: Any) -> None:
    """Add ``postcraft lsp [--stdio] [--debounce MS]``."""
    p = subparsers.add_parser(
        "lsp",
        help="run the language server (LSP over stdio) for editors",
        description=(
            "Run postcraft's language server over standard input/output: live diagnostics for drafts, "
            "quick fixes, tag suggestions and tone hovers. Needs the 'lsp' extra: "
            "pip install 'postcraft[lsp]'. "
            "Settings come from postcraft.yaml in the workspace and from the editor (see docs/plugins.md)."
        ),
    )
    p.add_argument("--stdio", action="store_true", help="talk over stdio (the default and only transport)")
    p.add_argument(
        "--debounce",
        metavar="MS",
        type=int,
        default=DEFAULT_DEBOUNCE_MS,
        help=f"wait this many milliseconds after a change before reviewing (default {DEFAULT_DEBOUNCE_MS}); "
        "the 'debounce_ms' setting overrides it",
    )
    p.set_defaults(func=_cmd_lsp)


def _cmd_lsp(args: argparse.Namespace) -> int:
    if not 0 <= args.debounce <= MAX_DEBOUNCE_MS:
        raise InputError(
            f"--debounce must be between 0 and {MAX_DEBOUNCE_MS} milliseconds, not {args.debounce}"
        )
    from . import main

    return main(debounce_ms=args.debounce)
