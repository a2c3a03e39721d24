"""Regular expressions compiled when first used (:class:`LazyPattern`).

Compiling with the ``regex`` module is slow (its parser is written in Python: about 0.5 ms for a
typical pattern), so a pattern that a run may never need (most of the built-in rule packs'
patterns, which their prefilters skip, and module-level patterns for rosters, mentions and the
like) is kept as a :class:`LazyPattern` and compiled on first use.
"""

from __future__ import annotations

from typing import Any

import regex

__all__ = ["LazyPattern"]


class LazyPattern:
    """A regular expression compiled when it is first used; otherwise it is the compiled
    pattern (``finditer``, ``search``, ``pattern`` …; each attribute, once read, is kept on this
    object, so a later use costs what it costs on the compiled pattern). The built-in packs'
    patterns (checked by the tests), the escaped term alternations (which always compile) and
    module-level patterns that a plain review does not need are kept like this: compiling with
    the ``regex`` module is slow (about 0.5 ms a pattern), and a draft's prefilters
    (:func:`postcraft.rules.prefilter.needs`) skip most of the packs' patterns, so most are
    never run."""

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self.pattern = pattern
        self._flags = flags
        self._compiled: Any = None

    def compiled(self) -> Any:
        """The compiled pattern (compiled on the first call)."""
        c = self._compiled
        if c is None:
            c = self._compiled = regex.compile(self.pattern, self._flags)
        return c

    def __getattr__(self, name: str) -> Any:  # finditer, search, flags …: the compiled pattern's
        if name.startswith("_"):
            raise AttributeError(name)
        value = getattr(self.compiled(), name)
        self.__dict__[name] = value
        return value

    def __reduce__(self) -> tuple[Any, ...]:
        return (LazyPattern, (self.pattern, self._flags))

    def __repr__(self) -> str:
        return f"LazyPattern({self.pattern!r}, {self._flags!r})"
