"""Inline markers in drafts kept in files: switch rules off for a passage.

Markers are HTML comments, which never belong in a published post; :func:`strip_markers`
removes them (a marker alone on its line takes the line with it)::

    <!-- postcraft: disable linkedin.hashtags -->   rules (id prefixes) off from here …
    <!-- postcraft: enable -->                      … to here (or the end of the text)
    <!-- postcraft-disable-next-line linkedin.shouting -->  only the next line

Without ids, ``disable`` switches every rule off. ``enable`` with ids ends only those.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

import regex

MARKER = regex.compile(
    r"<!--[ \t]*postcraft(?:[ \t]*:[ \t]*|-)(?P<verb>[a-z-]+)(?P<ids>[^>\n]*?)[ \t]*-->", regex.IGNORECASE
)
VERBS = ("disable", "enable", "disable-next-line")


@dataclass(frozen=True)
class Region:
    """A passage ``[start, end)`` of the original text where rules with these id prefixes
    are off (``ids == ()`` means all rules)."""

    start: int
    end: int
    ids: tuple[str, ...]

    def covers(self, rule: str, offset: int) -> bool:
        """True when a finding of ``rule`` starting at ``offset`` is switched off here."""
        if not self.start <= offset < self.end:
            return False
        return not self.ids or any(rule == p or rule.startswith(p + ".") for p in self.ids)


@dataclass(frozen=True)
class Marked:
    """A draft with its markers taken out: the clean text, how to map offsets back, the
    switched-off regions and any markers postcraft could not read (``(start, end, verb)``)."""

    clean: str
    segments: tuple[tuple[int, int, int], ...]  # (clean_start, original_start, length)
    regions: tuple[Region, ...]
    bad: tuple[tuple[int, int, str], ...]

    def to_original(self, offset: int, *, end: bool = False) -> int:
        """Map an offset in the clean text to the original text."""
        starts = [s[0] for s in self.segments]
        k = bisect_right(starts, offset) - 1
        if end and k > 0 and offset == self.segments[k][0]:
            k -= 1  # an end at a segment boundary stays before the removed marker
        k = max(k, 0)
        cs, os_, length = self.segments[k]
        return os_ + min(offset - cs, length)


def has_markers(text: str) -> bool:
    """Cheap test: could ``text`` contain a marker?"""
    return "<!--" in text and MARKER.search(text) is not None


def _removal(text: str, start: int, end: int) -> tuple[int, int]:
    """Extend a marker to its whole line when nothing else stands on that line."""
    ls = text.rfind("\n", 0, start) + 1
    le = text.find("\n", end)
    le_stop = len(text) if le < 0 else le
    if text[ls:start].strip() or text[end:le_stop].strip():
        return start, end
    if le >= 0:
        return ls, le + 1
    if ls > 0:  # last line: remove the preceding line break instead
        back = ls - 1
        if back > 0 and text[back - 1] == "\r":
            back -= 1
        return back, le_stop
    return ls, le_stop


def parse_markers(text: str) -> Marked:
    """Find the markers of ``text``; see the module docstring for the syntax."""
    cuts: list[tuple[int, int]] = []
    regions: list[Region] = []
    bad: list[tuple[int, int, str]] = []
    open_: dict[str, int] = {}
    all_open: int | None = None
    for m in MARKER.finditer(text):
        verb = m.group("verb").lower()
        ids = tuple(x for x in regex.split(r"[\s,]+", m.group("ids").strip()) if x)
        if verb not in VERBS:
            bad.append((m.start(), m.end(), verb))
            continue
        cuts.append(_removal(text, m.start(), m.end()))
        if verb == "disable-next-line":
            nl = text.find("\n", m.end())
            if nl >= 0:
                nxt = text.find("\n", nl + 1)
                regions.append(Region(nl + 1, len(text) if nxt < 0 else nxt, ids))
        elif verb == "disable":
            if not ids:
                if all_open is None:
                    all_open = m.end()
            for i in ids:
                open_.setdefault(i, m.end())
        else:
            if not ids:
                if all_open is not None:
                    regions.append(Region(all_open, m.start(), ()))
                    all_open = None
                for i, s in open_.items():
                    regions.append(Region(s, m.start(), (i,)))
                open_.clear()
            for i in ids:
                if i in open_:
                    regions.append(Region(open_.pop(i), m.start(), (i,)))
    if all_open is not None:
        regions.append(Region(all_open, len(text), ()))
    for i, s in open_.items():
        regions.append(Region(s, len(text), (i,)))
    segments: list[tuple[int, int, int]] = []
    pieces: list[str] = []
    pos = 0
    clean_pos = 0
    for a, b in sorted(cuts):
        if a < pos:
            a = pos
        if a > pos:
            segments.append((clean_pos, pos, a - pos))
            pieces.append(text[pos:a])
            clean_pos += a - pos
        pos = max(pos, b)
    segments.append((clean_pos, pos, len(text) - pos))
    pieces.append(text[pos:])
    return Marked("".join(pieces), tuple(segments), tuple(regions), tuple(bad))


def strip_markers(text: str) -> str:
    """The draft as it will be published: every marker removed.

    >>> strip_markers("Hej!\\n<!-- postcraft: disable linkedin -->\\n#a #b #c #d\\n"
    ...               "<!-- postcraft: enable -->")
    'Hej!\\n#a #b #c #d'
    """
    if "<!--" not in text:
        return text
    return parse_markers(text).clean
