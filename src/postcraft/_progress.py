"""A small progress bar for long work: shown on a terminal, quiet when piped or in CI."""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Iterable, Iterator
from typing import TextIO, TypeVar

T = TypeVar("T")


def enabled(stream: TextIO | None = None) -> bool:
    """True when progress should be drawn: a terminal, not CI, not POSTCRAFT_NO_PROGRESS."""
    s = stream or sys.stderr
    if os.environ.get("CI") or os.environ.get("POSTCRAFT_NO_PROGRESS"):
        return False
    try:
        return s.isatty()
    except (AttributeError, ValueError):
        return False


def progress(
    items: Iterable[T], *, total: int | None = None, label: str = "", stream: TextIO | None = None
) -> Iterator[T]:
    """Yield ``items`` while drawing ``label [#####     ] 12/40 3.1/s`` on a terminal."""
    s = stream or sys.stderr
    if not enabled(s):
        yield from items
        return
    if total is None:
        try:
            total = len(items)  # type: ignore[arg-type]
        except TypeError:
            total = None
    start = time.monotonic()
    last = 0.0
    n = 0
    for n, item in enumerate(items, 1):
        yield item
        now = time.monotonic()
        if now - last > 0.1 or n == total:
            last = now
            rate = n / max(now - start, 1e-9)
            if total:
                filled = int(30 * n / total)
                bar = "#" * filled + " " * (30 - filled)
                s.write(f"\r{label} [{bar}] {n}/{total} {rate:,.1f}/s")
            else:
                s.write(f"\r{label} {n} {rate:,.1f}/s")
            s.flush()
    s.write("\n")
    s.flush()
