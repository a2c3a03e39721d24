"""Lines, paragraphs, sentences and the "…see more" fold, as code-point spans."""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

import regex

from .tokens import Token


class Span(NamedTuple):
    """A ``[start, end)`` code-point span into the original text."""

    start: int
    end: int


class Sentence(NamedTuple):
    """A sentence: its span and the range of token indices it holds (``first``..``last`` exclusive)."""

    start: int
    end: int
    first: int
    last: int


class Fold(NamedTuple):
    """Where LinkedIn's feed cuts the post with "…see more" (code-point offsets).

    ``desktop`` and ``mobile`` equal ``len(text)`` when the whole post is visible.
    """

    desktop: int
    mobile: int


# Lines end at \n, \r\n and \r only, as in LSP and most editors (docs/json.md, "Offsets");
# U+2028, U+2029 and U+0085 are white space inside a line.
_NEWLINE = regex.compile(r"\r\n|\r|\n")
_BLANK = regex.compile(r"[^\S\r\n]*")

# Abbreviations after which a full stop does not end a sentence.
ABBREVIATIONS = frozenset(
    "ca cf dvs etc evt f fx hhv inkl jf kl kr mht mr mrs ms dr nr osv pga pr prof st stk vs ift iflg "
    "mio mia mill jan feb mar apr aug sep sept okt oct nov dec no tlf tel ph vol fig e g i".split()
)


def lines(text: str) -> list[Span]:
    """Spans of the lines (without their line break). CRLF counts as one break."""
    new = tuple.__new__  # what Span(...) does, without its Python-level __new__
    out: list[Span] = []
    pos = 0
    if "\r" not in text:
        for line in text.split("\n"):
            end = pos + len(line)
            out.append(new(Span, (pos, end)))
            pos = end + 1
        return out
    for m in _NEWLINE.finditer(text):
        start, end = m.span()
        out.append(new(Span, (pos, start)))
        pos = end
    out.append(new(Span, (pos, len(text))))
    return out


def is_blank(text: str, span: Span) -> bool:
    """True when the line holds only white space."""
    start, end = span
    if start >= end:
        return True
    if not text[start].isspace():  # every character _BLANK accepts is isspace()
        return False
    return _BLANK.fullmatch(text, start, end) is not None


def paragraphs(text: str, line_spans: list[Span]) -> list[Span]:
    """Runs of non-blank lines, separated by blank lines, with their white space trimmed."""
    out: list[Span] = []
    start: int | None = None
    end = 0
    for span in line_spans:
        if is_blank(text, span):
            if start is not None:
                out.append(Span(start, end))
                start = None
            continue
        if start is None:
            start = span.start
        end = span.end
    if start is not None:
        out.append(Span(start, end))
    return [_trim(text, s) for s in out]


def _trim(text: str, span: Span) -> Span:
    start, end = span
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Span(start, end)


def sentences(text: str, tokens: list[Token]) -> list[Sentence]:
    """Sentences over the tokens: they end at ``. ! ? …`` (not after a known abbreviation or
    an ordinal such as ``1.``), at line breaks, at paragraph ends, before a bullet (``•``, ``▪``,
    ``✅``, ``👉`` … within a line), after a link followed by a capital or a bullet, and before a
    block of two or more hashtags (so a list on one line is several sentences, and the tags
    at the end are not part of the last sentence).

    >>> from postcraft.analysis import analyze
    >>> t = "Tre mål: • Flere lærlinge • Mindre papir #Ledelse #Trivsel"
    >>> [t[s.start:s.end] for s in analyze(t, lang="da").sentences]
    ['Tre mål:', '• Flere lærlinge', '• Mindre papir', '#Ledelse #Trivsel']
    """
    n = len(tokens)
    if not n:
        return []
    out: list[Sentence] = []
    search = _NEWLINE.search
    may_break = _MAY_BREAK
    bullets = _BULLETS
    first = 0
    # Each token with the next: most are words followed by a word or by a comma or a full stop
    # after no white space or one space, where only a line break in the gap can end a sentence.
    for i, tok, nxt in zip(range(n), tokens, tokens[1:], strict=False):
        if i < first:  # a closing quote or bracket the sentence before took
            continue
        kind = tok[3]
        if kind == "url" or (kind == "punct" and tok[0][0] in ".!?…"):
            plain = False
        else:  # nothing but a bullet, a hashtag block or a line break can end the sentence here
            next_kind = nxt[3]
            plain = next_kind not in may_break or (next_kind == "punct" and nxt[0][0] not in bullets)
        if plain:
            a = tok[2]
            b = nxt[1]
            if b - a < 2 and (a == b or text[a] == " "):
                continue
            if search(text, a, b) is None:
                continue
        elif not _ends_at(text, tokens, i, tok, nxt):
            continue
        first = _close(text, tokens, first, i, out)
    if first < n:  # the last token ends the last sentence
        _close(text, tokens, first, n - 1, out)
    return out


def _ends_at(text: str, tokens: list[Token], i: int, tok: Token, nxt: Token) -> bool:
    """True when a sentence ends after ``tok`` (``tokens[i]``), followed by ``nxt``."""
    if tok[3] == "punct" and tok[0][0] in ".!?…":
        if tok[0] != "." or i == 0:
            return True
        prev = tokens[i - 1]
        if not (
            prev[2] == tok[1]
            and (prev[4] in ABBREVIATIONS or (prev[3] == "number" and _next_is_lower(tokens, i)))
        ):
            return True
    if (nxt[3] in _MAY_BREAK or tok[3] == "url") and _breaks_before(tokens, i + 1, tok):
        return True
    # A line break in the gap before the next token (most gaps are empty or one space).
    a = tok[2]
    gap = nxt[1] - a
    return (gap > 1 or (gap == 1 and text[a] != " ")) and _NEWLINE.search(text, a, a + gap) is not None


def _close(text: str, tokens: list[Token], first: int, i: int, out: list[Sentence]) -> int:
    """Append the sentence that ends with ``tokens[i]`` (and the closing quotes and brackets
    that follow it on the same line); return where the next one starts."""
    n = len(tokens)
    last = i + 1
    while (
        last < n
        and tokens[last][0] in _CLOSERS
        and not _line_break(text, tokens[last - 1][2], tokens[last][1])
    ):
        last += 1
    out.append(tuple.__new__(Sentence, (tokens[first][1], tokens[last - 1][2], first, last)))
    return last


_CLOSERS = frozenset({'"', "”", "’", ")", "»", "'"})
#: the kinds of token before which :func:`_breaks_before` can end a sentence (after a URL: any)
_MAY_BREAK = frozenset({"punct", "emoji", "symbol", "hashtag"})
_BULLETS = frozenset("•▪◦‣●■►▶→➡✅✔☑✓👉🔹🔸📌⭐🚀💡")


def _breaks_before(tokens: list[Token], j: int, prev: Token) -> bool:
    """True when a sentence ends before ``tokens[j]`` although no punctuation or line break says so."""
    nxt = tokens[j]
    head = nxt[0][:1]
    if head in _BULLETS and nxt[3] in ("punct", "emoji", "symbol"):
        return True
    if prev[3] == "url" and (head.isupper() or head in _BULLETS):
        return True
    return (
        nxt[3] == "hashtag" and prev[3] != "hashtag" and j + 1 < len(tokens) and tokens[j + 1][3] == "hashtag"
    )


def _next_is_lower(tokens: list[Token], i: int) -> bool:
    return i + 1 < len(tokens) and tokens[i + 1].text[:1].islower()


def _line_break(text: str, start: int, end: int) -> bool:
    """True when the gap ``text[start:end]`` between two tokens holds a line break."""
    if end - start == 1 and text[start] == " ":
        return False
    return _NEWLINE.search(text, start, end) is not None


# LinkedIn shows three rendered lines (two when the third is blank), about 210 characters on
# desktop and 140 on mobile. We model a rendered line as this many characters wide.
DESKTOP_CHARS, DESKTOP_WIDTH = 210, 70
MOBILE_CHARS, MOBILE_WIDTH = 140, 47


def fold(text: str, line_spans: Sequence[Span]) -> Fold:
    """Estimate where "…see more" cuts the post on desktop and on mobile."""
    return Fold(
        _fold_at(text, line_spans, DESKTOP_CHARS, DESKTOP_WIDTH),
        _fold_at(text, line_spans, MOBILE_CHARS, MOBILE_WIDTH),
    )


def _fold_at(text: str, line_spans: Sequence[Span], max_chars: int, width: int) -> int:
    # Leading and trailing blank lines are not rendered.
    first = 0  # an index, not pop(0): a draft of a million blank lines must stay linear
    while first < len(line_spans) and is_blank(text, line_spans[first]):
        first += 1
    spans = list(line_spans[first:])
    while spans and is_blank(text, spans[-1]):
        spans.pop()
    if not spans:
        return len(text)
    visible_end = spans[-1].end
    rendered = 0
    cut = visible_end
    for idx, span in enumerate(spans):
        if rendered == 2 and is_blank(text, span):
            cut = spans[idx - 1].end
            break
        length = span.end - span.start
        needed = max(1, -(-length // width))
        if rendered + needed >= 3:
            room = (3 - rendered) * width
            cut = span.start + min(length, room)
            break
        rendered += needed
    else:
        cut = visible_end
    start = spans[0].start
    if cut - start > max_chars:
        cut = start + max_chars
    if cut >= visible_end:
        return len(text)
    # The feed cuts at a word boundary.
    back = cut
    while back > start and not text[back - 1].isspace() and not text[back].isspace():
        back -= 1
    if back > start:
        cut = back
    while cut > start and text[cut - 1].isspace():
        cut -= 1
    return cut
