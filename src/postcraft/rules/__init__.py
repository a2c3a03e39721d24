"""Guideline checks: rules as data, built-in packs, exact findings and safe fixes.

>>> from postcraft.rules import check, apply_fixes
>>> text = "Stor dag i dag 🎉 #grønomstilling"
>>> [(f.rule, f.replacements) for f in check(text)]
[('linkedin.hashtags.camelcase', ['#GrønOmstilling'])]
>>> apply_fixes(text, check(text))
'Stor dag i dag 🎉 #GrønOmstilling'
"""

from __future__ import annotations

from .engine import check, check_analysis
from .finding import Finding, make_finding
from .fixes import apply_fixes, fix_file, plan_fixes
from .guidelines import BUILTIN_PACKS, Guidelines, Organisation, load_guidelines
from .markers import strip_markers

__all__ = [
    "BUILTIN_PACKS",
    "Finding",
    "Guidelines",
    "Organisation",
    "apply_fixes",
    "check",
    "check_analysis",
    "fix_file",
    "load_guidelines",
    "make_finding",
    "plan_fixes",
    "strip_markers",
]
