"""Guideline checks: rules as data, built-in packs, exact findings and safe fixes.

>>> from postcraft import check
>>> from postcraft.rules import apply_fixes
>>> text = "Stor dag i dag 🎉 #grønomstilling"
>>> [(f.rule, f.replacements) for f in check(text)]
[('linkedin.hashtags.camelcase', ('#GrønOmstilling',))]
>>> apply_fixes(text, check(text))
'Stor dag i dag 🎉 #GrønOmstilling'
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..registry import BUILTIN_PACKS
from .engine import check_analysis
from .finding import Finding, make_finding
from .fixes import apply_fixes, plan_fixes
from .guidelines import Guidelines, Organisation, load_guidelines

if TYPE_CHECKING:
    from .markers import strip_markers


def __getattr__(name: str) -> Any:
    if name == "strip_markers":  # .markers loads when a draft has a marker, or on this first use
        from .markers import strip_markers

        globals()[name] = strip_markers
        return strip_markers
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "BUILTIN_PACKS",
    "Finding",
    "Guidelines",
    "Organisation",
    "apply_fixes",
    "check_analysis",
    "load_guidelines",
    "make_finding",
    "plan_fixes",
    "strip_markers",
]
