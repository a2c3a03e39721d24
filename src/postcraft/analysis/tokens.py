"""Tokenisation: one regular-expression pass that keeps exact code-point offsets.

LinkedIn entities (hashtags, @-mentions, URLs, e-mail addresses, emoji) are single tokens
of their own kind, never split into words.

Most posts are written in Latin letters, ASCII and the General Punctuation block: such a text is
scanned by the standard library's ``re`` (faster than ``regex``) with :data:`_FAST`, the same
pattern as :data:`_PATTERN` with each Unicode property spelled out for that alphabet
(``tests/test_tokens_fast.py`` checks every character of it).

(No ``from __future__ import annotations`` here: :class:`Token`'s annotations stay objects, so
tools that read the signature of the generated ``Token.__new__``, which lives in no module, can
show ``kind`` without having to resolve the name ``TokenKind``.)
"""

import re
from operator import indexOf, itemgetter
from typing import Any, Literal, NamedTuple

import regex

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
_TLD = r"(?:com|dk|org|net|io|eu|se|no|de|uk|co|gov|edu|info|ly|ai|app|dev|nu|me|biz)"

# Entities that start like a word (e-mail addresses, bare domains, dotted abbreviations) are
# tried only where a word is followed by one of "@._%+" and then by something other than white
# space (None of them can continue past a trigger followed by white space or by the end of the
# text, which is how most sentences end): trying them at every word would triple the cost of
# tokenising. The scan marks such a word (kind _TRIGGERED) with a look-ahead.
_SPECIAL = regex.compile(
    r"""
    (?P<email>[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,})
  | (?P<url2>(?:[\p{L}\p{N}-]+\.)+"""
    + _TLD
    + r"""(?![\p{L}\p{N}])(?:/[^\s<>"]*)?)
  | (?P<abbr>\p{L}{1,4}\.(?:\p{L}{1,4}\.)+)
    """,
    regex.VERBOSE | regex.V0,
)
_TRIGGER_AHEAD = r"(?=[@._%+][^ \t\r\n])"


def _alternatives(c: dict[str, Any]) -> str:
    """The token pattern from its character classes ``c``: the alternatives in order of
    precedence, each ending in an empty group named after its kind (``Match.lastindex`` tells
    the kind). Each alternative starts with a character or a class, never with a group: both
    engines then skip an alternative whose first character cannot match without entering it."""
    word = f"{c['wc']}+(?:['’\\-]{c['wc']}+)*"
    return "|".join(
        [
            r"@\[[^\]\n]{1,200}\]\(urn:li:(?:person|organization):[A-Za-z0-9_-]+\)(?P<mention>)",
            rf"https?://{c['url']}+(?P<url>)",
            rf"www\.{c['url']}+(?P<url_www>)",
            rf"{c['n']}+(?:[.,:/]{c['n']}+)*(?:{c['ws']}?%)?(?!{c['lm']})(?P<number>)",
            rf"{word}(?P<word>)(?P<word_triggered>{_TRIGGER_AHEAD})?",
            r"[!?]+(?P<punct>)",
            r"\.{2,}(?P<punct_dots>)",
            r"""[,.:;()"'»«”“‘’\-–—](?P<punct_one>)""",
            # (?<!X)# as #(?<!X#): the same test, made after the first character
            rf"\#(?<!{c['before_hash']}\#){c['wc_']}*{c['lm']}{c['wc_']}*(?P<hashtag>)",
            rf"@{c['not_after_at']}{c['wc_']}{c['wc_dot']}*(?<![.-])(?P<mention2>)",
            *[f"{alt}(?P<emoji{i}>)" for i, alt in enumerate(c["emoji"])],
            rf"{c['p']}(?P<punct2>)",
            rf"{c['not_ws']}(?P<symbol>)",
        ]
    )


_CLASSES: dict[str, Any] = {
    "wc": r"[\p{L}\p{M}\p{N}]",
    "wc_": r"[\p{L}\p{M}\p{N}_]",
    "wc_dot": r"[\p{L}\p{M}\p{N}_.-]",
    "lm": r"[\p{L}\p{M}]",
    "n": r"\p{N}",
    "ws": r"\s",
    "not_ws": r"[^\s]",
    "url": r"""[^\s<>"]""",
    "before_hash": r"[\p{L}\p{N}#&_]",
    "not_after_at": r"(?<![\p{L}\p{N}@]@)",
    "emoji": [
        r"\p{Regional_Indicator}{2}",
        r"[#*0-9]\uFE0F?\u20E3",
        rf"{_EMOJI_ONE}(?:\u200D{_EMOJI_ONE})*",
    ],
    "p": r"[\p{P}]",
}
_PATTERN = regex.compile(_alternatives(_CLASSES), regex.V0)

# The fast path's alphabet: everything up to U+024F (ASCII, Latin-1, Latin Extended-A and -B:
# no combining marks) and the General Punctuation block without its spaces, invisible and
# bidirectional formatting characters (U+2010-U+2027, U+2030-U+205E).
_OUTSIDE_FAST = re.compile("[^\x00-\u024f\u2010-\u2027\u2030-\u205e]")
# Over that alphabet: \w is exactly [\p{L}\p{M}\p{N}_]; \p{N} is 0-9 ² ³ ¹ ¼ ½ ¾; \s (Unicode
# White_Space, as regex reads it, while re's \s also takes U+001C-U+001F) is the six below;
# the only Extended_Pictographic characters are © ® ‼ ⁉, and none of an emoji's joiners,
# selectors, modifiers or tags is in it, so an emoji is one of those four on its own.
_WS = r"\t\n\x0b\x0c\r \x85\xa0"
_N = r"0-9\xb2\xb3\xb9\xbc-\xbe"
_FAST_CLASSES: dict[str, Any] = {
    "wc": r"[^\W_]",
    "wc_": r"\w",
    "wc_dot": r"[\w.-]",
    "lm": rf"[^\W_{_N}]",
    "n": f"[{_N}]",
    "ws": f"[{_WS}]",
    "not_ws": f"[^{_WS}]",
    "url": f'[^{_WS}<>"]',
    "before_hash": r"[\w#&]",
    "not_after_at": r"(?<![^\W_]@)(?<!@@)",
    "emoji": ["[\xa9\xae\u203c\u2049]"],
    "p": (
        r"[!-#%-*,-/:;?@\[-\]_{}\xa1\xa7\xab\xb6\xb7\xbb\xbf"
        "\u2010-\u2027\u2030-\u2043\u2045-\u2051\u2053-\u205e]"
    ),
}
_FAST = re.compile(_alternatives(_FAST_CLASSES))

_TRIGGERED = "word+"  # the kind of a word followed by a trigger, until _fix_up reads it
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
    "word_triggered": "word",
    "url_www": "url",
    "punct_dots": "punct",
    "punct_one": "punct",
    "emoji0": "emoji",
    "emoji1": "emoji",
    "emoji2": "emoji",
    "punct": "punct",
    "punct2": "punct",
    "symbol": "symbol",
}
_URL_TRAIL = ".,;:!?)]}»\"'’”"


# Token kind by the index of the group that matched last (``Match.lastindex``): the empty
# group that ends each alternative, or the look-ahead that marks a word followed by a trigger.
def _kinds_at(pattern: re.Pattern[str] | regex.Pattern[str]) -> tuple[str | None, ...]:
    names = sorted(pattern.groupindex.items(), key=lambda kv: kv[1])
    return (None,) + tuple(_TRIGGERED if name == "word_triggered" else _KIND[name] for name, _ in names)


_KIND_AT = _kinds_at(_PATTERN)
_FAST_KIND_AT = _kinds_at(_FAST)
# A word followed by a trigger, or a link ("https://", "www."): only then can _fix_up have
# anything to do.
_TRIGGER = re.compile(r"[@._%+][^ \t\r\n]")
_kind_of = itemgetter(3)


def tokenize(text: str) -> list[tuple[str, int, int, TokenKind]]:
    """Split ``text`` into ``(text, start, end, kind)`` tuples, whitespace dropped."""
    if _OUTSIDE_FAST.search(text) is None:
        return _scan(text, _FAST, _FAST_KIND_AT)
    return _scan(text, _PATTERN, _KIND_AT)


def _scan(
    text: str, pattern: re.Pattern[str] | regex.Pattern[str], kind_at: tuple[str | None, ...]
) -> list[tuple[str, int, int, TokenKind]]:
    """The tokens of ``text`` by ``pattern`` (:data:`_FAST` or :data:`_PATTERN`, the same tokens)."""
    out: list[tuple[str, int, int, TokenKind]] = [
        (m[0], m.start(), m.end(), kind_at[m.lastindex])  # type: ignore[misc,index]
        for m in pattern.finditer(text)
    ]
    if _TRIGGER.search(text) is not None or "://" in text or "www." in text:
        first = len(out)
        for kind in (_TRIGGERED, "url"):
            try:
                first = min(first, indexOf(map(_kind_of, out), kind))
            except ValueError:
                pass
        if first < len(out):
            out[first:] = _fix_up(text, out, first)
    return out


def _fix_up(
    text: str, scanned: list[tuple[str, int, int, TokenKind]], first: int
) -> list[tuple[str, int, int, TokenKind]]:
    """The tokens from ``scanned[first]`` on, with links trimmed and the entities that start
    like a word (e-mail addresses, bare domains, abbreviations) made tokens of their own."""
    out: list[tuple[str, int, int, TokenKind]] = []
    append = out.append
    skip_until = 0
    for i in range(first, len(scanned)):
        tok = scanned[i]
        _, start, end, kind = tok
        if start < skip_until:
            continue
        if kind == _TRIGGERED:
            if start == 0 or text[start - 1] not in "@.":
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
            append((tok[0], start, end, "word"))
        elif kind == "url":
            scanned_end = end
            end = _trim_url(text, start, end)
            append((text[start:end], start, end, "url"))
            if end < scanned_end:
                skip_until = scanned_end
                for m2 in _PATTERN.finditer(text, end, scanned_end):
                    g2 = m2.lastgroup
                    assert g2 is not None
                    append((m2.group(), m2.start(), m2.end(), _KIND[g2]))
        else:
            append(tok)
    return out


def _trim_url(text: str, start: int, end: int) -> int:
    """Trailing punctuation belongs to the sentence, not to the link; keep a closing bracket
    when the link itself opened one."""
    while end > start + 1 and text[end - 1] in _URL_TRAIL:
        if text[end - 1] == ")" and text.count("(", start, end) >= text.count(")", start, end):
            break
        end -= 1
    return end
