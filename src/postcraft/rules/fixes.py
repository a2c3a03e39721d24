"""Apply the fixes of findings, from the end of the text backwards, never overlapping.

Only ``safe`` fixes are applied unless ``unsafe=True`` asks for the ``unsafe`` ones too;
``display`` replacements are never applied (see :class:`~postcraft.rules.Finding`).
"""

from __future__ import annotations

from collections.abc import Iterable

from .finding import Finding


def applies(f: Finding, *, unsafe: bool = False) -> bool:
    """Whether :func:`apply_fixes` may apply ``f``'s first replacement (``safe``, or also
    ``unsafe`` with ``unsafe=True``; never ``display`` or a finding without replacement)."""
    return bool(f.replacements) and (f.applicability == "safe" or (unsafe and f.applicability == "unsafe"))


def plan_fixes(text: str, findings: Iterable[Finding], *, unsafe: bool = False) -> list[Finding]:
    """The findings whose fix :func:`apply_fixes` applies, last first: safe ones (and, with
    ``unsafe=True``, unsafe ones) with a replacement and a span inside ``text``; of
    overlapping ones the later one wins."""
    cands = [f for f in findings if applies(f, unsafe=unsafe) and 0 <= f.start <= f.end <= len(text)]
    cands.sort(key=lambda f: (f.start, f.end), reverse=True)
    chosen: list[Finding] = []
    limit = len(text) + 1
    for f in cands:
        if f.end > limit or f.start >= limit:
            continue
        chosen.append(f)
        limit = f.start
    return chosen


def apply_fixes(text: str, findings: Iterable[Finding], *, unsafe: bool = False) -> str:
    """Apply the first replacement of every finding whose ``applicability`` is ``"safe"``
    (CamelCase hashtags, substitutions of the exact term, escaping, doubled words); with
    ``unsafe=True`` also the ``"unsafe"`` ones (which may change the meaning, e.g. putting
    "Reklame" first). ``"display"`` replacements are never applied. Overlapping fixes are
    skipped, so text outside the fixed spans is never changed.

    >>> from postcraft import check
    >>> apply_fixes("Go #employeeadvocacy", check("Go #employeeadvocacy", lang="en"))
    'Go #EmployeeAdvocacy'
    """
    out = text
    for f in plan_fixes(text, findings, unsafe=unsafe):
        out = out[: f.start] + f.replacements[0] + out[f.end :]
    return out
