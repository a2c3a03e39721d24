"""The rule kinds: ``kind:`` in a rule → the class that implements it.

Each module in this package holds one kind: a :class:`~postcraft.rules.base.Rule` subclass with
a ``kind`` name, ``build`` (from the rule's YAML data) and ``run`` (hits on an analysis). Adding
a kind is adding a file here. Installed plugins add kinds through the ``postcraft.kinds``
entry-point group: the entry point's name is the kind's name and it loads to the class (see
``docs/plugins.md``). :data:`KINDS` holds the built-in kinds; :func:`all_kinds` adds the
plugins' kinds (a plugin kind that is broken or takes a built-in name is reported and skipped).

>>> sorted(KINDS)[:4]
['capitalization', 'conditional', 'escape', 'existence']
>>> set(KINDS) <= set(all_kinds())
True
"""

from __future__ import annotations

import inspect
import pkgutil
import threading
from importlib import import_module
from typing import Any

from ... import registry
from ..base import Rule


def _builtin_kinds() -> dict[str, type[Rule]]:
    found: dict[str, type[Rule]] = {}
    for info in pkgutil.iter_modules(__path__):
        module = import_module(f"{__name__}.{info.name}")
        for value in vars(module).values():
            if isinstance(value, type) and issubclass(value, Rule) and value.__module__ == module.__name__:
                kind = value.__dict__.get("kind")
                if isinstance(kind, str) and kind:
                    found[kind] = value
    return found


KINDS: dict[str, type[Rule]] = _builtin_kinds()


_lock = threading.Lock()
_merged: tuple[int, dict[str, type[Rule]]] | None = None


def _check_kind(entry: registry.PluginEntry, obj: Any) -> list[tuple[str, type[Rule]]]:
    if not (isinstance(obj, type) and issubclass(obj, Rule)):
        raise registry.Broken(
            "its entry point must load to a rule kind: a subclass of postcraft.rules.base.Rule, "
            f"not {type(obj).__name__}"
        )
    kind = getattr(obj, "kind", None)
    if kind != entry.name:
        raise registry.Broken(
            f"its class {obj.__name__} must say kind = {entry.name!r} (the entry point's name), not {kind!r}"
        )
    if not registry.NAME_RE.fullmatch(entry.name):
        raise registry.Broken(f"the kind name {entry.name!r} must be lower-case letters, digits, '-' or '_'")
    if entry.name in KINDS:
        raise registry.Broken(f"its rule kind {entry.name!r} has the name of a built-in kind")
    if inspect.isabstract(obj):
        missing = ", ".join(sorted(getattr(obj, "__abstractmethods__", ())))
        raise registry.Broken(f"its class {obj.__name__} does not implement {missing}")
    return [(entry.name, obj)]


def all_kinds() -> dict[str, type[Rule]]:
    """The built-in kinds and those of installed plugins (group ``postcraft.kinds``)."""
    global _merged
    gen = registry.generation()
    with _lock:
        if _merged is None or _merged[0] != gen:
            plugins = registry.load(registry.KINDS_GROUP, _check_kind, what="rule kind")
            _merged = (gen, {**KINDS, **{name: cls for name, (cls, _) in plugins.items()}})
        return _merged[1]
