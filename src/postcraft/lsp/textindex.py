"""Code-point offsets ↔ LSP positions.

postcraft's spans are code points over the text; LSP positions are ``(line, character)``
where lines end at ``\\n``, ``\\r\\n`` or ``\\r`` only (not at U+2028/U+2029/U+0085; postcraft's
own ``line``/``column`` count the same breaks) and ``character`` counts UTF-16 code units unless the
client and server agreed on ``utf-8`` or ``utf-32``. This module does the conversion in
both directions, for any of the three encodings.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

UTF16 = "utf-16"
UTF8 = "utf-8"
UTF32 = "utf-32"
ENCODINGS = (UTF16, UTF8, UTF32)

_BREAK = re.compile(r"\r\n|\r|\n")


class LineIndex:
    """Line starts and astral characters of one text, for fast position conversion.

    >>> ix = LineIndex("Hej 👋\\nÆble og pære")
    >>> ix.position(8)              # code point 8 = "b" in "Æble": line 1, UTF-16 column 2
    (1, 2)
    >>> ix.position(5)              # after the emoji (two UTF-16 units)
    (0, 6)
    >>> ix.offset(0, 6), ix.offset(1, 2)
    (5, 8)
    >>> LineIndex("a👋b", "utf-32").position(2), LineIndex("æb", "utf-8").position(1)
    ((0, 2), (0, 2))
    """

    __slots__ = ("_astral", "encoding", "starts", "text")

    def __init__(self, text: str, encoding: str = UTF16) -> None:
        if encoding not in ENCODINGS:
            raise ValueError(f"unknown position encoding {encoding!r}; use one of {', '.join(ENCODINGS)}")
        self.text = text
        self.encoding = encoding
        self.starts = [0] + [m.end() for m in _BREAK.finditer(text)]
        self._astral = [i for i, ch in enumerate(text) if ord(ch) > 0xFFFF] if encoding == UTF16 else []

    @property
    def line_count(self) -> int:
        """Number of lines (a text ending in a line break has an empty last line)."""
        return len(self.starts)

    def line_end(self, line: int) -> int:
        """Code-point offset of the end of ``line`` (0-based), line break excluded."""
        if line + 1 < len(self.starts):
            nxt = self.starts[line + 1]
            return nxt - 2 if self.text.startswith("\r\n", nxt - 2) else nxt - 1
        return len(self.text)

    def _units(self, start: int, end: int) -> int:
        if self.encoding == UTF32:
            return end - start
        if self.encoding == UTF16:
            return end - start + bisect_left(self._astral, end) - bisect_left(self._astral, start)
        return len(self.text[start:end].encode("utf-8", "surrogatepass"))

    def position(self, offset: int) -> tuple[int, int]:
        """``(line, character)`` of a code-point ``offset`` (clamped to the text)."""
        offset = max(0, min(offset, len(self.text)))
        line = bisect_right(self.starts, offset) - 1
        start = self.starts[line]
        # an offset between \r and \n belongs at the end of the line
        end = self.line_end(line)
        return line, self._units(start, min(offset, end))

    def offset(self, line: int, character: int) -> int:
        """Code-point offset of an LSP position. Past the end of a line means its end; past the
        last line means the end of the text; inside a surrogate pair or UTF-8 sequence rounds down."""
        if line < 0:
            return 0
        if line >= len(self.starts):
            return len(self.text)
        start = self.starts[line]
        end = self.line_end(line)
        if character <= 0:
            return start
        if self.encoding == UTF32:
            return min(start + character, end)
        units = 0
        pos = start
        text = self.text
        while pos < end:
            cp = ord(text[pos])
            if self.encoding == UTF16:
                w = 2 if cp > 0xFFFF else 1
            else:
                w = 1 if cp < 0x80 else 2 if cp < 0x800 else 3 if cp < 0x10000 else 4
            if units + w > character:
                break
            units += w
            pos += 1
        return pos

    def range(self, start: int, end: int) -> tuple[tuple[int, int], tuple[int, int]]:
        """LSP start and end positions of the code-point span ``[start, end)``."""
        return self.position(start), self.position(end)
