"""postcraft's language server: live guideline diagnostics, fixes, tag actions and tone hovers
for drafts in any LSP editor (VS Code, Neovim, Emacs, …). See ``docs/plugins.md``.

Needs the ``lsp`` extra (``pip install 'postcraft[lsp]'``, which brings pygls). Importing
this package does not import pygls; :func:`main` does.
"""

from __future__ import annotations

from .config import DocConfig, Problem, Resolver
from .textindex import LineIndex

__all__ = ["DocConfig", "LineIndex", "Problem", "Resolver", "main"]


def main(argv: list[str] | None = None, *, debounce_ms: int | None = None) -> int:
    """Run the language server over stdio (blocks until the client says ``exit``)."""
    try:
        from .server import main as _main
    except ImportError as exc:
        from ..errors import PostcraftError

        raise PostcraftError(
            f"the language server needs pygls ({exc.name or exc}): pip install 'postcraft[lsp]'"
        ) from None
    from .config import DEFAULT_DEBOUNCE_MS

    return _main(argv, debounce_ms=DEFAULT_DEBOUNCE_MS if debounce_ms is None else debounce_ms)
