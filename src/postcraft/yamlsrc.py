"""YAML that remembers where things were: mappings and lists carry their line numbers.

Shared by every config reader (guidelines, packs, rosters, vocabularies).

Guideline files and the built-in packs are read with :func:`load_yaml`, a ``yaml.SafeLoader``
subclass that builds :class:`LineDict` and :class:`LineList` objects, so every validation error
can say ``file:line: what is wrong — what to write instead``. Duplicate keys are errors.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping
from typing import Any

import yaml

from .errors import ConfigError


class LineDict(dict[str, Any]):
    """A mapping from a YAML file, with ``line`` (1-based) and ``key_lines`` per key."""

    line: int | None = None
    key_lines: dict[str, int]

    def line_of(self, key: str) -> int | None:
        """The line of ``key`` (or of the mapping itself when the key is absent)."""
        return getattr(self, "key_lines", {}).get(key, self.line)


class LineList(list[Any]):
    """A sequence from a YAML file, with ``line`` (1-based) and ``item_lines`` per item."""

    line: int | None = None
    item_lines: list[int]

    def line_of(self, index: int) -> int | None:
        """The line of item ``index``."""
        lines = getattr(self, "item_lines", [])
        return lines[index] if 0 <= index < len(lines) else self.line


_BASE: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when available: ~5x faster


class _Loader(_BASE):  # type: ignore[misc]
    """Safe loader (libyaml's when available) that records line numbers and refuses duplicate keys."""

    path: str | None = None


def _construct_mapping(loader: _Loader, node: yaml.MappingNode) -> LineDict:
    loader.flatten_mapping(node)
    out = LineDict()
    out.line = node.start_mark.line + 1
    out.key_lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        line = key_node.start_mark.line + 1
        if not isinstance(key, str):
            key = str(key)
        if key in out:
            raise ConfigError(
                f"the key {key!r} appears twice in the same mapping (first on line {out.key_lines[key]}); "
                "keep one of them",
                path=loader.path,
                line=line,
            )
        out[key] = loader.construct_object(value_node, deep=True)
        out.key_lines[key] = line
    return out


def _construct_sequence(loader: _Loader, node: yaml.SequenceNode) -> LineList:
    out = LineList(loader.construct_object(child, deep=True) for child in node.value)
    out.line = node.start_mark.line + 1
    out.item_lines = [child.start_mark.line + 1 for child in node.value]
    return out


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence)


def load_yaml(text: str, path: str | None = None) -> Any:
    """Parse YAML safely; syntax errors become :class:`ConfigError` with the line.

    >>> d = load_yaml("a: 1\\nb:\\n  - x\\n")
    >>> d.line_of("b"), d["b"].line_of(0)
    (2, 3)
    """
    loader = _Loader(text)
    loader.path = path
    try:
        return loader.get_single_data()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        problem = exc.problem or "invalid YAML"
        raise ConfigError(
            f"this is not valid YAML ({problem}); check the indentation and quote values that "
            "contain ': ' or start with '#', '@', '*' or '&'",
            path=path,
            line=line,
        ) from None
    except yaml.YAMLError as exc:
        raise ConfigError(f"this is not valid YAML ({exc})", path=path) from None
    finally:
        loader.dispose()


def line_of(container: Any, key: str | int) -> int | None:
    """The line of ``key`` in a :class:`LineDict`/:class:`LineList` (``None`` for plain data)."""
    if isinstance(container, LineDict) and isinstance(key, str):
        return container.line_of(key)
    if isinstance(container, LineList) and isinstance(key, int):
        return container.line_of(key)
    return getattr(container, "line", None)


def check_keys(mapping: Mapping[str, Any], allowed: Iterable[str], *, what: str, path: str | None) -> None:
    """Raise :class:`ConfigError` for the first key of ``mapping`` that is not ``allowed``."""
    allowed = tuple(allowed)
    for key in mapping:
        if key not in allowed:
            close = difflib.get_close_matches(key, allowed, n=1)
            hint = f"did you mean {close[0]!r}? " if close else ""
            raise ConfigError(
                f"unknown key {key!r} in {what}; {hint}allowed keys are: {', '.join(sorted(allowed))}",
                path=path,
                line=line_of(mapping, key),
            )
