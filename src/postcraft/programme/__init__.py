"""The programme side of employee advocacy: who posts what when, and the guideline document.

:func:`plan` makes a posting plan from a roster (leaders first, public holidays respected);
:func:`ideas` proposes a person's next posts; :func:`guide` turns a guideline file into a
document people read; :mod:`~postcraft.programme.onboarding` asks a person for their profile
and writes it to the roster. Everything loads lazily.

>>> from postcraft.programme import easter
>>> easter(2026).isoformat()
'2026-04-05'
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .holidays import Holiday, easter, holidays, is_holiday

if TYPE_CHECKING:
    from .document import Guide, guide
    from .planning import Plan, PostIdea, Slot, ideas, level_of, plan

__all__ = [
    "Guide",
    "Holiday",
    "Plan",
    "PostIdea",
    "Slot",
    "easter",
    "guide",
    "holidays",
    "ideas",
    "is_holiday",
    "level_of",
    "plan",
]

_LAZY = {
    "Plan": "planning",
    "PostIdea": "planning",
    "Slot": "planning",
    "ideas": "planning",
    "level_of": "planning",
    "plan": "planning",
    "Guide": "document",
    "guide": "document",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'postcraft.programme' has no attribute {name!r}")
    from importlib import import_module

    value = getattr(import_module(f"postcraft.programme.{module}"), name)
    globals()[name] = value
    return value
