"""Markdown drafts: blank out what is not prose, keeping every offset.

A draft written in Markdown holds text that is not part of the post's prose: fenced and indented
code blocks, inline code, link and image targets, HTML (comments other than postcraft's inline
markers, tags), reference definitions and YAML/TOML front matter. :func:`prose` replaces each of
their characters with a space (line breaks stay), so the result has the same length and the same
lines as the original: every span computed on it slices the original text. The block structure
comes from a CommonMark parser (``markdown-it-py``); inside a paragraph or heading, inline code,
link targets and inline HTML are found with CommonMark's own delimiters (backtick runs,
``](…)``, ``<…>``).

>>> text = "See `pip install x` and [the docs](https://example.com/docs)."
>>> blanked = prose(text)
>>> len(blanked) == len(text), blanked.split()
(True, ['See', 'and', '[the', 'docs]', '.'])
>>> prose("Hi\\n```python\\nprint(1)\\n```\\nBye") == "Hi\\n" + " " * 9 + "\\n" + " " * 8 + "\\n   \\nBye"
True
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

__all__ = ["prose"]

_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n|$)")
_FRONT_OPEN = re.compile(r"\A(?:\ufeff)?(---|\+\+\+)[ \t]*(?:\r\n|\r|\n)")
_CODE_SPAN = re.compile(r"(?<![`\\])(`+)(?!`)(.+?)(?<!`)\1(?!`)", re.S)
_LINK_TARGET = re.compile(
    r"(?<=\])(\((?:<[^>\n]*>|[^()\s]*(?:\([^()\s]*\)[^()\s]*)*)"
    r"(?:\s+(?:\"[^\"]*\"|'[^']*'|\([^()]*\)))?\s*\)|\[[^\]\n]*\])"
)
_COMMENT = re.compile(r"<!--.*?-->", re.S)
_MARKER = re.compile(r"<!--[ \t]*postcraft\b", re.I)
_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>")
_AUTOLINK = re.compile(r"<[A-Za-z][A-Za-z0-9+.-]{1,31}:[^<>\s]*>")


@cache
def _parser() -> Any:
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark").enable("table")


def _front_matter_end(text: str) -> int:
    """Where YAML (``---``) or TOML (``+++``) front matter ends (0 when there is none)."""
    m = _FRONT_OPEN.match(text)
    if m is None:
        return 0
    fence = m.group(1)
    closers = (fence, "...") if fence == "---" else (fence,)
    pos = m.end()
    for line in _LINE.finditer(text, pos):
        if line.group().rstrip("\r\n").rstrip() in closers:
            return line.end()
        if line.end() >= len(text):
            break
    return 0


def prose(text: str) -> str:
    """``text`` with everything that is not Markdown prose replaced by spaces (line breaks kept):
    same length, same lines, so offsets into it are offsets into ``text``."""
    if not text:
        return text
    masked = bytearray(len(text))  # 1 = not prose
    front = _front_matter_end(text)
    masked[:front] = b"\x01" * front
    body = text[:front].translate(_BLANK) + text[front:] if front else text
    lines = [(m.start(), m.end()) for m in _LINE.finditer(body) if m.end() > m.start()] or [(0, 0)]

    def span(first: int, last: int) -> tuple[int, int]:
        last = min(last, len(lines))
        return (lines[first][0], lines[last - 1][1]) if first < last else (0, 0)

    covered = bytearray(len(lines))
    for tok in _parser().parse(body):
        if tok.map is None or tok.nesting == -1:
            continue
        first, last = tok.map
        if tok.type in ("fence", "code_block"):
            s, e = span(first, last)
            masked[s:e] = b"\x01" * (e - s)
        elif tok.type == "html_block":
            s, e = span(first, last)
            masked[s:e] = b"\x01" * (e - s)
            for m in _COMMENT.finditer(body, s, e):
                if _MARKER.match(m.group()):
                    masked[m.start() : m.end()] = bytes(m.end() - m.start())
        elif tok.type == "inline":
            s, e = span(first, last)
            _mask_inline(body, s, e, masked)
        covered[first:last] = b"\x01" * (min(last, len(lines)) - first)
    # Lines no block claims hold reference definitions ("[id]: https://…") or nothing.
    for i, (s, e) in enumerate(lines):
        if not covered[i] and not body[s:e].isspace():
            masked[s:e] = b"\x01" * (e - s)
    if not any(masked):
        return text
    return "".join(ch if not hide or ch in "\r\n" else " " for ch, hide in zip(text, masked, strict=True))


def _mask_inline(text: str, start: int, end: int, masked: bytearray) -> None:
    region = text[start:end]
    work = list(region)

    def hide(s: int, e: int) -> None:
        masked[start + s : start + e] = b"\x01" * (e - s)
        work[s:e] = " " * (e - s)

    for m in _CODE_SPAN.finditer(region):
        hide(m.start(), m.end())
    current = "".join(work)
    for m in _COMMENT.finditer(current):
        if not _MARKER.match(m.group()):
            hide(m.start(), m.end())
    current = "".join(work)
    for m in _AUTOLINK.finditer(current):  # <https://…> is shown as its target: keep it, hide < >
        hide(m.start(), m.start() + 1)
        hide(m.end() - 1, m.end())
    current = "".join(work)
    for m in _TAG.finditer(current):
        hide(m.start(), m.end())
    current = "".join(work)
    for m in _LINK_TARGET.finditer(current):
        hide(m.start(), m.end())


class _Blank(dict[int, str]):
    """``str.translate`` table: every character but a line break becomes a space."""

    def __missing__(self, key: int) -> str:
        return chr(key) if key in (10, 13) else " "


_BLANK = _Blank()
