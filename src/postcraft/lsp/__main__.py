"""``python -m postcraft.lsp [--stdio] [--debounce MS]``: run the language server over stdio."""

from __future__ import annotations

import argparse
import sys

from ..errors import PostcraftError
from . import add_options
from . import run as run_server


def run(argv: list[str] | None = None) -> int:
    """Parse the ``postcraft lsp`` options and run the server; returns the exit code."""
    parser = argparse.ArgumentParser(prog="python -m postcraft.lsp")
    add_options(parser)
    args = parser.parse_args(sys.argv[1:] if argv is None else argv)
    try:
        code: int = run_server(args)
    except PostcraftError as exc:
        print(f"postcraft: {exc}", file=sys.stderr)
        return 2
    return code


if __name__ == "__main__":
    sys.exit(run())
