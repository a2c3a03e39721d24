"""A safe YAML loader that remembers line numbers, for error messages that say where.

Mappings load as :class:`LineDict` (a plain ``dict`` that also knows the 1-based line of
itself and of each key) and sequences as :class:`LineList`. Only ``yaml.SafeLoader``
constructors are used, so loading a file cannot run code. Duplicate keys are errors.
"""

from __future__ import annotations

from typing import Any

import yaml

from ..errors import ConfigError


class LineDict(dict[str, Any]):
    """A dict that knows the line it starts on and the line of each key (1-based)."""

    line: int | None = None
    key_lines: dict[str, int]

    def line_of(self, key: str) -> int | None:
        """The line of ``key``, or of the mapping itself when the key is absent."""
        return getattr(self, "key_lines", {}).get(key, self.line)


class LineList(list[Any]):
    """A list that knows the line it starts on and the line of each item (1-based)."""

    line: int | None = None
    item_lines: list[int]

    def line_of(self, index: int) -> int | None:
        """The line of item ``index``."""
        lines = getattr(self, "item_lines", [])
        return lines[index] if index < len(lines) else self.line


# libyaml's parser when PyYAML was built with it (several times faster); same safe constructors.
_Base: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _LineLoader(_Base):  # type: ignore[misc]
    """A safe loader that builds :class:`LineDict`/:class:`LineList` and rejects duplicate keys."""


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> LineDict:
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
                f"the key {key!r} appears twice (first on line {out.key_lines[key]}); keep one of them",
                path=getattr(loader, "_postcraft_path", None),
                line=line,
            )
        out[key] = loader.construct_object(value_node, deep=True)
        out.key_lines[key] = line
    return out


def _construct_sequence(loader: _LineLoader, node: yaml.SequenceNode) -> LineList:
    out = LineList(loader.construct_object(child, deep=True) for child in node.value)
    out.line = node.start_mark.line + 1
    out.item_lines = [child.start_mark.line + 1 for child in node.value]
    return out


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence)


def load(text: str, path: str | None = None) -> Any:
    """Parse YAML ``text`` safely; syntax errors become :class:`ConfigError` with the line.

    >>> d = load("people:\\n  - name: Mette Hansen\\n")
    >>> d.line_of("people"), d["people"].line_of(0)
    (1, 2)
    """
    loader = _LineLoader(text)
    loader._postcraft_path = path
    try:
        return loader.get_single_data()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        problem = exc.problem or "invalid YAML"
        raise ConfigError(
            f"this is not valid YAML ({problem}); check the indentation and quote values that "
            f"contain ':' or '#'",
            path=path,
            line=line,
        ) from None
    except yaml.YAMLError as exc:
        raise ConfigError(f"this is not valid YAML ({exc})", path=path) from None
    finally:
        loader.dispose()
