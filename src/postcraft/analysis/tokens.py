"""Tokenisation: one regular-expression pass that keeps exact code-point offsets.

LinkedIn entities (hashtags, @-mentions, URLs, e-mail addresses, emoji) are single tokens
of their own kind, never split into words.

(No ``from __future__ import annotations`` here: :class:`Token`'s annotations stay objects, so
tools that read the signature of the generated ``Token.__new__``, which lives in no module, can
show ``kind`` without having to resolve the name ``TokenKind``.)
"""

from typing import Literal, NamedTuple

import regex

from .._regex import LazyPattern

TokenKind = Literal["word", "number", "hashtag", "mention", "url", "email", "emoji", "punct", "symbol"]


class Token(NamedTuple):
    """One token. ``text == original[start:end]`` always holds (code points, end exclusive).

    ``lower`` is the case-folded text used for look-ups; ``lemma`` is the dictionary form
    (lower case) for words, and ``lower`` for every other kind.
    """

    text: str
    start: int
    end: int
    kind: TokenKind
    lower: str
    lemma: str

    @property
    def is_word(self) -> bool:
        """True for words (letters, possibly with digits, apostrophes and hyphens)."""
        return self.kind == "word"


_EMOJI_ONE = r"(?:\p{Extended_Pictographic}(?:\uFE0F|\uFE0E)?\p{Emoji_Modifier}?[\U000E0020-\U000E007F]*)"
_EMOJI = (
    r"(?:\p{Regional_Indicator}{2}"
    r"|[#*0-9]\uFE0F?\u20E3"
    rf"|{_EMOJI_ONE}(?:\u200D{_EMOJI_ONE})*)"
)
_WORDCHAR = r"[\p{L}\p{M}\p{N}]"
_TLD = r"(?:com|dk|org|net|io|eu|se|no|de|uk|co|gov|edu|info|ly|ai|app|dev|nu|me|biz)"

# Entities that start like a word (e-mail addresses, bare domains, dotted abbreviations) are
# tried only where a word is followed by one of _SPECIAL_TRIGGER: trying them at every word
# would triple the cost of tokenising. Compiled when first needed: many drafts never do.
_SPECIAL = LazyPattern(
    r"""
    (?P<email>[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,})
  | (?P<url2>(?:[\p{L}\p{N}-]+\.)+"""
    + _TLD
    + r"""(?![\p{L}\p{N}])(?:/[^\s<>"]*)?)
  | (?P<abbr>\p{L}{1,4}\.(?:\p{L}{1,4}\.)+)
    """,
    regex.VERBOSE | regex.V0,
)
_SPECIAL_TRIGGER = frozenset("@._%+")
# None of _SPECIAL's entities can continue past a trigger followed by white space (or by the end
# of the text), which is how most sentences end: no need to try them there.
_SPECIAL_NEVER_AFTER = frozenset(" \t\r\n")

_PATTERN = regex.compile(
    r"""
    (?P<mention>@\[[^\]\n]{1,200}\]\(urn:li:(?:person|organization):[A-Za-z0-9_-]+\))
  | (?P<url>(?:https?://|www\.)[^\s<>"]+)
  | (?P<number>\p{N}+(?:[.,:/]\p{N}+)*(?:\s?%)?(?![\p{L}\p{M}]))
  | (?P<word>"""
    + _WORDCHAR
    + r"""+(?:['’\-]"""
    + _WORDCHAR
    + r"""+)*)
  | (?P<punct>[!?]+|\.{2,}|[,.:;()"'»«”“‘’\-–—])
  | (?P<hashtag>(?<![\p{L}\p{N}#&_])\#[\p{L}\p{M}\p{N}_]*[\p{L}\p{M}][\p{L}\p{M}\p{N}_]*)
  | (?P<mention2>(?<![\p{L}\p{N}@])@[\p{L}\p{M}\p{N}_][\p{L}\p{M}\p{N}_.-]*(?<![.-]))
  | (?P<emoji>"""
    + _EMOJI
    + r""")
  | (?P<punct2>[\p{P}])
  | (?P<symbol>[^\s])
    """,
    regex.VERBOSE | regex.V0,
)

_KIND: dict[str, TokenKind] = {
    "mention": "mention",
    "mention2": "mention",
    "url": "url",
    "url2": "url",
    "email": "email",
    "hashtag": "hashtag",
    "emoji": "emoji",
    "abbr": "word",
    "number": "number",
    "word": "word",
    "punct": "punct",
    "punct2": "punct",
    "symbol": "symbol",
}
_URL_TRAIL = ".,;:!?)]}»\"'’”"


# Token kind by the index of the alternative that matched (``Match.lastindex``; every group
# of _PATTERN is a top-level alternative).
_KIND_AT: tuple[TokenKind | None, ...] = (None,) + tuple(
    _KIND[name] for name, _ in sorted(_PATTERN.groupindex.items(), key=lambda kv: kv[1])
)
_WORD_AT = _PATTERN.groupindex["word"]
_URL_AT = _PATTERN.groupindex["url"]


def tokenize(text: str) -> list[tuple[str, int, int, TokenKind]]:
    """Split ``text`` into ``(text, start, end, kind)`` tuples, whitespace dropped."""
    out: list[tuple[str, int, int, TokenKind]] = []
    append = out.append
    skip_until = 0
    n = len(text)
    kind_at = _KIND_AT
    trigger = _SPECIAL_TRIGGER
    for m in _PATTERN.finditer(text):
        start, end = m.span()
        if start < skip_until:
            continue
        at = m.lastindex
        if at == _WORD_AT:
            if (
                end + 1 < n
                and text[end] in trigger
                and text[end + 1] not in _SPECIAL_NEVER_AFTER
                and (start == 0 or text[start - 1] not in "@.")
            ):
                sm = _SPECIAL.match(text, start)
                if sm is not None and sm.end() > end:
                    g = sm.lastgroup
                    assert g is not None
                    start, end = sm.span()
                    if g == "url2":
                        end = _trim_url(text, start, end)
                    append((text[start:end], start, end, _KIND[g]))
                    skip_until = end
                    continue
            append((text[start:end], start, end, "word"))
        elif at == _URL_AT:
            end = _trim_url(text, start, end)
            append((text[start:end], start, end, "url"))
            if end < m.end():
                skip_until = m.end()
                for m2 in _PATTERN.finditer(text, end, m.end()):
                    g2 = m2.lastgroup
                    assert g2 is not None
                    append((m2.group(), m2.start(), m2.end(), _KIND[g2]))
        else:
            assert at is not None
            kind = kind_at[at]
            assert kind is not None
            append((text[start:end], start, end, kind))
    return out


def _trim_url(text: str, start: int, end: int) -> int:
    """Trailing punctuation belongs to the sentence, not to the link; keep a closing bracket
    when the link itself opened one."""
    while end > start + 1 and text[end - 1] in _URL_TRAIL:
        if text[end - 1] == ")" and text.count("(", start, end) >= text.count(")", start, end):
            break
        end -= 1
    return end
