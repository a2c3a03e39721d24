"""``postcraft lsp``: run the language server over stdio."""

from __future__ import annotations

from typing import Any

from ..lsp import add_options, run


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
    add_options(p)
    p.set_defaults(func=run)
