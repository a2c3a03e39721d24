"""Apply the safe fixes of findings, from the end of the text backwards, never overlapping."""

from __future__ import annotations

from collections.abc import Iterable

from .finding import Finding


def plan_fixes(text: str, findings: Iterable[Finding]) -> list[Finding]:
    """The findings whose fix :func:`apply_fixes` applies, last first: safe ones with a
    replacement and a span inside ``text``; of overlapping ones the later one wins."""
    cands = [f for f in findings if f.safe_fix and f.replacements and 0 <= f.start <= f.end <= len(text)]
    cands.sort(key=lambda f: (f.start, f.end), reverse=True)
    chosen: list[Finding] = []
    limit = len(text) + 1
    for f in cands:
        if f.end > limit or f.start >= limit:
            continue
        chosen.append(f)
        limit = f.start
    return chosen


def apply_fixes(text: str, findings: Iterable[Finding]) -> str:
    """Apply the first replacement of every finding marked ``safe_fix`` (CamelCase hashtags,
    substitutions of the exact term, escaping, doubled words). Overlapping fixes are skipped,
    so text outside the fixed spans is never changed.

    >>> from postcraft import check
    >>> apply_fixes("Go #employeeadvocacy", check("Go #employeeadvocacy", lang="en"))
    'Go #EmployeeAdvocacy'
    """
    out = text
    for f in plan_fixes(text, findings):
        out = out[: f.start] + f.replacements[0] + out[f.end :]
    return out
