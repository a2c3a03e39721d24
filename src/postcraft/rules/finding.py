"""A guideline finding: which rule, how serious, where (in every unit tools use), and a fix."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Literal, Protocol

from ..analysis import Position
from ..analysis.structure import lines as _lines

Severity = Literal["error", "warning", "suggestion"]
SEVERITIES: tuple[Severity, ...] = ("error", "warning", "suggestion")

Applicability = Literal["safe", "unsafe", "display"]
#: Most to least applicable (as in ruff): ``safe`` fixes may be applied without asking,
#: ``unsafe`` ones (which may change the meaning) only on request, ``display`` ones never.
APPLICABILITIES: tuple[Applicability, ...] = ("safe", "unsafe", "display")


def least_applicable(*values: Applicability) -> Applicability:
    """The least applicable of ``values`` (``safe`` > ``unsafe`` > ``display``).

    >>> least_applicable("safe", "unsafe"), least_applicable("display", "safe")
    ('unsafe', 'display')
    """
    return max(values, key=APPLICABILITIES.index)


class Positions(Protocol):
    """Anything that turns a code-point offset into a :class:`~postcraft.Position` (an Analysis)."""

    def position(self, offset: int) -> Position: ...


@dataclass(frozen=True)
class Finding:
    """One place where a draft breaks a guideline.

    ``start``/``end`` are ``[start, end)`` code-point offsets into the checked text;
    ``line``/``column``/``end_line``/``end_column`` are 1-based and count code points;
    ``utf16_start``/``utf16_end`` are 0-based absolute UTF-16 offsets (JavaScript, LSP).
    ``replacements`` are candidate texts for the span, best first (a tuple: a finding is
    immutable and hashable). ``applicability`` says what tools may do with them: ``"safe"``
    (:func:`~postcraft.rules.apply_fixes` applies the first one without asking), ``"unsafe"``
    (it may change the meaning: offered as a quick fix, applied only on request),
    ``"display"`` (shown as a suggestion, never applied); ``None`` when there is no replacement.

    >>> from postcraft import check
    >>> f = check("Vi elsker synergierne 🙂", disable=["linkedin", "voice"],
    ...           guidelines={"rules": [{"id": "acme.synergi", "kind": "existence", "terms": ["synergi"],
    ...                                   "message": "Undgå '{match}'."}]})[0]
    >>> f.rule, f.message, (f.start, f.end), (f.line, f.column)
    ('acme.synergi', "Undgå 'synergierne'.", (10, 21), (1, 11))
    """

    rule: str
    severity: Severity
    message: str
    start: int
    end: int
    line: int
    column: int
    end_line: int
    end_column: int
    utf16_start: int
    utf16_end: int
    replacements: tuple[str, ...] = ()
    help: str = ""
    applicability: Applicability | None = None

    def __post_init__(self) -> None:
        if not isinstance(self.replacements, tuple):  # any iterable of texts → a tuple
            object.__setattr__(self, "replacements", tuple(self.replacements))

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict with every field."""
        return {
            "rule": self.rule,
            "severity": self.severity,
            "message": self.message,
            "start": self.start,
            "end": self.end,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "utf16_start": self.utf16_start,
            "utf16_end": self.utf16_end,
            "replacements": list(self.replacements),
            "help": self.help,
            "applicability": self.applicability,
        }


def make_finding(
    where: Positions,
    rule: str,
    severity: Severity,
    message: str,
    start: int,
    end: int,
    replacements: Iterable[str] | None = (),
    help: str = "",
    applicability: Applicability | None = "unsafe",
) -> Finding:
    """Build a :class:`Finding`, computing line/column and UTF-16 offsets with ``where.position``.

    ``replacements`` may be any iterable of texts (kept as a tuple). ``applicability`` applies
    only when there is a replacement (default ``"unsafe"``: offered, applied only on request);
    without one the finding's applicability is ``None``.
    """
    reps = tuple(replacements) if replacements is not None else ()
    if applicability is not None and applicability not in APPLICABILITIES:
        raise ValueError(f"applicability must be one of {', '.join(APPLICABILITIES)} or None")
    a = where.position(start)
    b = where.position(end)
    return Finding(
        rule=rule,
        severity=severity,
        message=message,
        start=start,
        end=end,
        line=a.line,
        column=a.column,
        end_line=b.line,
        end_column=b.column,
        utf16_start=a.utf16,
        utf16_end=b.utf16,
        replacements=reps,
        help=help,
        applicability=(applicability or "unsafe") if reps else None,
    )


class TextPositions:
    """:meth:`Analysis.position` for a text that was not analysed (used to map findings back
    to a draft that still holds inline markers). Same lines and UTF-16 rules as the Analysis.

    >>> TextPositions("Hej 👋\\nÆble").position(8)
    Position(offset=8, line=2, column=3, utf16=9, utf16_column=2)
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self._starts = [s.start for s in _lines(text)]
        self._astral = [i for i, ch in enumerate(text) if ord(ch) > 0xFFFF]

    def _u16(self, offset: int) -> int:
        return offset + bisect_left(self._astral, offset)

    def position(self, offset: int) -> Position:
        """Line, column and UTF-16 offsets of a code-point offset."""
        offset = max(0, min(offset, len(self.text)))
        idx = max(0, bisect_right(self._starts, offset) - 1)
        start = self._starts[idx]
        u = self._u16(offset)
        return Position(offset, idx + 1, offset - start + 1, u, u - self._u16(start))
