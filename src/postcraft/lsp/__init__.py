"""postcraft's language server: live guideline diagnostics, fixes, tag actions and tone hovers
for drafts in any LSP editor (VS Code, Neovim, Emacs, …). See ``docs/plugins.md``.

Needs the ``lsp`` extra (``pip install 'postcraft[lsp]'``, which brings pygls). Importing
this package imports nothing heavy (the ``postcraft`` CLI imports it to add ``postcraft lsp``);
:func:`main` imports pygls.
"""

from __future__ import annotations

from typing import Any

#: Milliseconds to wait after a change before reviewing (``--debounce``, ``debounce_ms``).
DEFAULT_DEBOUNCE_MS = 150
MAX_DEBOUNCE_MS = 10_000

__all__ = ["DEFAULT_DEBOUNCE_MS", "MAX_DEBOUNCE_MS", "DocConfig", "LineIndex", "Problem", "Resolver", "main"]


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


def __getattr__(name: str) -> Any:
    if name in ("DocConfig", "Problem", "Resolver"):
        from . import config

        return getattr(config, name)
    if name == "LineIndex":
        from .textindex import LineIndex

        return LineIndex
    raise AttributeError(f"module 'postcraft.lsp' has no attribute {name!r}")
