"""YAML that remembers where things were: mappings and lists carry their line numbers.

Shared by every config reader (guidelines, packs, rosters, vocabularies).

Guideline files and the built-in packs are read with :func:`load_yaml`, a ``yaml.SafeLoader``
subclass that builds :class:`LineDict` and :class:`LineList` objects, so every validation error
can say ``file:line: what is wrong — what to write instead``. Duplicate keys are errors.

The YAML data files that ship with postcraft and are read on every review (the rule packs, the
tag vocabularies, the tone lexicon …; :data:`PRECOMPILED`) are read with :func:`load_data`
from a JSON twin beside each (``<name>.yaml.json``, written by ``scripts/precompile_data.py``)
that holds the same data and line numbers, and the fingerprint of the YAML it was made from: a
twin that is missing or out of step is ignored and the YAML is read instead, so an edited YAML
file is never shadowed. JSON parses about ten times faster than YAML, and a cold command line
then does not import PyYAML at all (``tests/test_precompiled.py`` keeps the twins in step).
"""

from __future__ import annotations

import json
import pkgutil
import sys
import zlib
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from importlib import import_module
from importlib.machinery import SourceFileLoader, SourcelessFileLoader
from typing import TYPE_CHECKING, Any

from .errors import ConfigError

if TYPE_CHECKING:
    import yaml


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


_LOADER: Any = None


def _loader_class() -> Any:
    """The safe loader (libyaml's when available: ~5x faster) that records line numbers and
    refuses duplicate keys; PyYAML is imported on the first call."""
    global _LOADER
    if _LOADER is None:
        import yaml

        base: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

        class _Loader(base):  # type: ignore[misc]
            path: str | None = None

        _Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
        _Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence)
        _LOADER = _Loader
    return _LOADER


def _construct_mapping(loader: Any, node: yaml.MappingNode) -> LineDict:
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


def _construct_sequence(loader: Any, node: yaml.SequenceNode) -> LineList:
    out = LineList(loader.construct_object(child, deep=True) for child in node.value)
    out.line = node.start_mark.line + 1
    out.item_lines = [child.start_mark.line + 1 for child in node.value]
    return out


def load_yaml(text: str, path: str | None = None) -> Any:
    """Parse YAML safely; syntax errors become :class:`ConfigError` with the line.

    >>> d = load_yaml("a: 1\\nb:\\n  - x\\n")
    >>> d.line_of("b"), d["b"].line_of(0)
    (2, 3)
    """
    import yaml

    loader = _loader_class()(text)
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
            import difflib

            close = difflib.get_close_matches(key, allowed, n=1)
            hint = f"did you mean {close[0]!r}? " if close else ""
            raise ConfigError(
                f"unknown key {key!r} in {what}; {hint}allowed keys are: {', '.join(sorted(allowed))}",
                path=path,
                line=line_of(mapping, key),
            )


# -- the built-in data files, read from their precompiled JSON twins ----------------------------

#: The YAML data files of postcraft read through :func:`load_data`, as (package, resource):
#: each has a JSON twin ``<resource>.json`` (``python scripts/precompile_data.py`` writes them).
PRECOMPILED: tuple[tuple[str, str], ...] = (
    ("postcraft.rules", "packs/linkedin.yaml"),
    ("postcraft.rules", "packs/disclosure.yaml"),
    ("postcraft.rules", "packs/readability.yaml"),
    ("postcraft.rules", "packs/confidentiality.yaml"),
    ("postcraft.rules", "packs/voice.yaml"),
    ("postcraft.rules", "data/messages.yaml"),
    ("postcraft.tags", "data/hashtags.da.yaml"),
    ("postcraft.tags", "data/hashtags.en.yaml"),
    ("postcraft.tags", "data/messages.yaml"),
    ("postcraft.tags", "data/name_words.yaml"),
    ("postcraft.tone", "data/lexicon.yaml"),
    ("postcraft.tone", "data/hints.yaml"),
)
#: The version of the twins' layout; a twin of another version is ignored.
TWIN_FORMAT = 1


def package_files(package: str) -> Any:
    """``importlib.resources.files(package)``: for a package in a folder (what ``pip install``
    gives) the same :class:`pathlib.Path` of its folder, found without importing
    :mod:`importlib.resources` (with ``zipfile`` and ``tempfile``: about 5 ms of a cold command
    line); for any other package (in a zip file …) what ``importlib.resources.files`` gives."""
    module = sys.modules.get(package) or import_module(package)
    spec = module.__spec__
    loader = spec.loader if spec is not None else None
    if (
        spec is not None
        and spec.submodule_search_locations is not None
        and isinstance(loader, (SourceFileLoader, SourcelessFileLoader))
    ):
        from pathlib import Path

        return Path(loader.path).parent
    from importlib import resources

    return resources.files(package)


@contextmanager
def as_file(resource: Any) -> Iterator[Any]:
    """``importlib.resources.as_file(resource)``: a file-system path to a data file, itself for
    a :class:`pathlib.Path` (see :func:`package_files`)."""
    from pathlib import Path

    if isinstance(resource, Path):
        yield resource
        return
    from importlib import resources

    with resources.as_file(resource) as path:
        yield path


def open_trie(resource: Any) -> Any:
    """A ``marisa_trie.Trie`` from a data file (a :func:`package_files` path): memory-mapped
    when the file is in a folder (opening the 2.5 MB Danish lemma table then costs 0.1 instead
    of 1.5 ms; a look-up reads the pages it touches), else read into memory (a file extracted
    from a zip is deleted again)."""
    from pathlib import Path

    import marisa_trie

    trie = marisa_trie.Trie()
    if isinstance(resource, Path):
        trie.mmap(str(resource))
    else:
        with as_file(resource) as path:
            trie.load(str(path))
    return trie


def package_data(package: str, resource: str) -> bytes:
    """The bytes of a data file shipped in ``package`` (``resource`` is ``/``-separated and
    relative to the package's folder), through the package's loader (a folder or a zip file).
    Cheaper to import than :mod:`importlib.resources`. Raises :class:`OSError` when it is not there."""
    data = pkgutil.get_data(package, resource)
    if data is None:  # a loader that cannot read data files
        raise FileNotFoundError(f"{package}: {resource}")
    return data


def fingerprint(raw: bytes) -> str:
    """What a twin records of the YAML it was made from: its size and CRC-32."""
    return f"{len(raw)}:{zlib.crc32(raw):08x}"


def load_data(package: str, resource: str, path: str | None = None, *, lines: bool = True) -> Any:
    """A YAML data file shipped in ``package``, as ``load_yaml(text, path)`` reads it (with
    ``lines=False``: as ``yaml.safe_load(text)`` does, plain dicts and lists), from its JSON twin
    when the twin was made from this very YAML text, else from the YAML itself.

    >>> d = load_data("postcraft.tone", "data/hints.yaml", "hints.yaml")
    >>> d == load_yaml(package_data("postcraft.tone", "data/hints.yaml").decode("utf-8"))
    True
    >>> d.line_of(next(iter(d)))  # the line of the first key, as in the YAML
    3
    """
    raw = package_data(package, resource)
    try:
        twin = json.loads(package_data(package, resource + ".json"))
    except (OSError, ValueError):
        twin = None
    if (
        isinstance(twin, dict)
        and twin.get("format") == TWIN_FORMAT
        and twin.get("source") == fingerprint(raw)
        and "data" in twin
        and "lines" in twin
    ):
        return _with_lines(twin["data"], twin["lines"]) if lines else twin["data"]
    text = raw.decode("utf-8")
    if lines:
        return load_yaml(text, path)
    import yaml

    return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))  # noqa: S506 - a safe loader


def _with_lines(data: Any, lines: Any) -> Any:
    """Rebuild the :class:`LineDict` and :class:`LineList` objects of a twin's ``data`` from its
    ``lines`` (see :func:`_lines_of`)."""
    if not lines:
        return data
    line, own, kids = lines
    if isinstance(data, dict):
        if kids:
            out = LineDict()
            for (key, value), sub in zip(data.items(), kids, strict=True):
                out[key] = _with_lines(value, sub) if sub else value
        else:  # every value is a scalar
            out = LineDict(data)
        out.line = line
        out.key_lines = dict(zip(data, own, strict=True))
        return out
    if kids:
        seq = LineList(_with_lines(v, sub) if sub else v for v, sub in zip(data, kids, strict=True))
    else:
        seq = LineList(data)
    seq.line = line
    seq.item_lines = list(own)
    return seq


def _lines_of(value: Any) -> Any:
    """The line numbers of a loaded YAML value, in a shape that follows it: ``0`` for a scalar,
    ``[line, key_lines or item_lines, kids]`` for a mapping or a sequence, where ``kids`` is
    ``0`` when every value or item is a scalar, else the same for each of them."""
    if isinstance(value, LineDict):
        kids = [_lines_of(v) for v in value.values()]
        return [value.line, [value.key_lines[k] for k in value], kids if any(kids) else 0]
    if isinstance(value, LineList):
        kids = [_lines_of(v) for v in value]
        return [value.line, list(value.item_lines), kids if any(kids) else 0]
    return 0


def _same(a: Any, b: Any) -> bool:
    """Equal, of the same types all the way down, with the same line numbers."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return (
            list(a) == list(b)
            and getattr(a, "line", None) == getattr(b, "line", None)
            and getattr(a, "key_lines", None) == getattr(b, "key_lines", None)
            and all(_same(a[k], b[k]) for k in a)
        )
    if isinstance(a, list):
        return (
            len(a) == len(b)
            and getattr(a, "line", None) == getattr(b, "line", None)
            and getattr(a, "item_lines", None) == getattr(b, "item_lines", None)
            and all(_same(x, y) for x, y in zip(a, b, strict=True))
        )
    return bool(a == b) or (a != a and b != b)  # NaN


def precompile(raw: bytes, path: str | None = None) -> str:
    """The JSON twin of a YAML file's bytes. Raises :class:`ValueError` when JSON cannot hold
    the data exactly (a date, a set, a key that is not text, a float that is not finite)."""
    data = load_yaml(raw.decode("utf-8"), path)
    twin = {"format": TWIN_FORMAT, "source": fingerprint(raw), "data": data, "lines": _lines_of(data)}
    try:
        text = json.dumps(twin, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    except (TypeError, ValueError) as exc:  # a date, a set, NaN …
        raise ValueError(f"{path}: JSON cannot hold this YAML's data ({exc})") from None
    back = json.loads(text)
    if not _same(_with_lines(back["data"], back["lines"]), data):
        raise ValueError(f"{path}: JSON cannot hold this YAML's data exactly")
    return text + "\n"
