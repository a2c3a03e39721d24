"""The rule kinds: ``kind:`` in a rule → the class that implements it.

Each module in this package holds one kind: a :class:`~postcraft.rules.base.Rule` subclass with
a ``kind`` name, ``build`` (from the rule's YAML data) and ``run`` (hits on an analysis). Adding
a kind is adding a file here; installed plugins add kinds through the ``postcraft.kinds``
entry-point group.

>>> sorted(KINDS)[:4]
['capitalization', 'conditional', 'escape', 'existence']
"""

from __future__ import annotations

import pkgutil
from importlib import import_module

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
