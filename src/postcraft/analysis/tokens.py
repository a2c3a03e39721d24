"""Tokenisation: one regular-expression pass that keeps exact code-point offsets.

LinkedIn entities (hashtags, @-mentions, URLs, e-mail addresses, emoji) are single tokens
of their own kind, never split into words.

A post written in Latin letters, ASCII and General Punctuation, or with emoji and symbols too,
is scanned by the standard library's ``re`` (faster than ``regex``) with :data:`_LATIN` or
:data:`_FAST`, the same pattern as :data:`_PATTERN` with each Unicode property spelled out for
that alphabet (``tests/test_tokens_fast.py`` checks every character of both).

(No ``from __future__ import annotations`` here: :class:`Token`'s annotations stay objects, so
tools that read the signature of the generated ``Token.__new__``, which lives in no module, can
show ``kind`` without having to resolve the name ``TokenKind``.)
"""

import re
from operator import indexOf, itemgetter
from typing import Any, Literal, NamedTuple

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


_TLD = r"(?:com|dk|org|net|io|eu|se|no|de|uk|co|gov|edu|info|ly|ai|app|dev|nu|me|biz)"

# Entities that start like a word (e-mail addresses, bare domains, dotted abbreviations) are
# tried only where a word is followed by one of "@._%+" and then by something other than white
# space (None of them can continue past a trigger followed by white space or by the end of the
# text, which is how most sentences end): trying them at every word would triple the cost of
# tokenising. The scan marks such a word (kind _TRIGGERED) with a look-ahead. Compiled when first
# needed: many drafts never do.
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
_TRIGGER_AHEAD = r"(?=[@._%+][^ \t\r\n])"


def _alternatives(c: dict[str, Any]) -> str:
    """The token pattern from its character classes ``c``: the alternatives in order of
    precedence, each ending in an empty group named after its kind (``Match.lastindex`` tells
    the kind). Each alternative starts with a character or a class, never with a group: both
    engines then skip an alternative whose first character cannot match without entering it."""
    word = f"{c['wc']}+(?:['’\\-]{c['wc']}+)*"
    emoji = rf"{c['ep']}(?:\uFE0F|\uFE0E)?{c['emod']}?[\U000E0020-\U000E007F]*"
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
            rf"{c['ri']}{{2}}(?P<emoji_flag>)",
            r"[#*0-9]\uFE0F?\u20E3(?P<emoji_keycap>)",
            rf"{emoji}(?:\u200D(?:{emoji}))*(?P<emoji>)",
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
    "ep": r"\p{Extended_Pictographic}",
    "emod": r"\p{Emoji_Modifier}",
    "ri": r"\p{Regional_Indicator}",
    "p": r"[\p{P}]",
}
# (compiled on first use, about 3 ms: Latin-script and most other posts are read by _LATIN or _FAST)
_PATTERN = LazyPattern(_alternatives(_CLASSES), regex.V0)

# Most posts are written in the Latin alphabet: everything up to U+024F (ASCII, Latin-1, Latin
# Extended-A and -B: no combining marks) and the General Punctuation block without its spaces,
# invisible and bidirectional formatting characters (U+2010-U+2027, U+2030-U+205E). Over it, \w is
# exactly [\p{L}\p{M}\p{N}_]; \p{N} is 0-9 ² ³ ¹ ¼ ½ ¾; \s (Unicode White_Space, as regex reads
# it, while re's \s also takes U+001C-U+001F) is the eight characters of _WS; the only
# Extended_Pictographic characters are © ® ‼ ⁉, and nothing can join them into a longer emoji.
_OUTSIDE_LATIN = re.compile("[^\x00-\u024f\u2010-\u2027\u2030-\u205e]")
_WS = r"\t\n\x0b\x0c\r \x85\xa0"
_LATIN_N = r"0-9\xb2\xb3\xb9\xbc-\xbe"
_LATIN_P = (
    r"!-#%-*,-/:;?@\[-\]_{}\xa1\xa7\xab\xb6\xb7\xbb\xbf\u2010-\u2027\u2030-\u2043\u2045-\u2051\u2053-\u205e"
)
_LATIN_CLASSES: dict[str, Any] = {
    "wc": r"[^\W_]",
    "wc_": r"\w",
    "wc_dot": r"[\w.-]",
    "lm": rf"[^\W_{_LATIN_N}]",
    "n": f"[{_LATIN_N}]",
    "ws": f"[{_WS}]",
    "not_ws": f"[^{_WS}]",
    "url": f'[^{_WS}<>"]',
    "before_hash": r"[\w#&]",
    "not_after_at": r"(?<![^\W_]@)(?<!@@)",
    "ep": r"[\xa9\xae\u203c\u2049]",
    "emod": r"[\U0001f3fb-\U0001f3ff]",
    "ri": r"[\U0001f1e6-\U0001f1ff]",
    "p": f"[{_LATIN_P}]",
}

# Posts with emoji and symbols: the Latin alphabet but "_", and U+2190-U+2BFF (arrows, technical symbols, enclosed alphanumerics,
# shapes, dingbats) and U+1F000-U+1FAFF (emoji), with the zero-width joiner, the variation
# selectors U+FE0E and U+FE0F and the keycap U+20E3 that join emoji.
_OUTSIDE_FAST = re.compile(
    "[^\x00-\x5e\x60-\u024f\u2010-\u2027\u2030-\u205e\u200d\u20e3\u2190-\u2bff\ufe0e\ufe0f"
    "\U0001f000-\U0001faff]"
)
# Over that alphabet, \w is exactly [\p{L}\p{N}] ("_" is not in it), its only marks (\p{M}) are
# the three emoji joiners below, and \s is _WS; the other properties are spelled out.
_MARKS = r"\u20e3\ufe0e\ufe0f"
_N = r"\x30-\x39\xb2\xb3\xb9\xbc-\xbe\u2460-\u249b\u24ea-\u24ff\u2776-\u2793\U0001f100-\U0001f10c"
_P = (
    r"\x21-\x23\x25-\x2a\x2c-\x2f\x3a\x3b\x3f\x40\x5b-\x5d\x7b\x7d\xa1\xa7\xab\xb6\xb7\xbb\xbf"
    r"\u2010-\u2027\u2030-\u2043\u2045-\u2051\u2053-\u205e\u2308-\u230b\u2329\u232a"
    r"\u2768-\u2775\u27c5\u27c6\u27e6-\u27ef\u2983-\u2998\u29d8-\u29db\u29fc\u29fd"
)
# Extended_Pictographic: the listed characters of the BMP, and U+1F000-U+1FAFF but _NOT_EP (a
# class of many ranges beyond the BMP is slow to test against every character: re runs
# through them one by one, so the ranges are only looked at behind an emoji).
_EP_BMP = (
    r"\xa9\xae\u203c\u2049\u2194-\u2199\u21a9\u21aa\u231a\u231b\u2328\u23cf\u23e9-\u23f3"
    r"\u23f8-\u23fa\u24c2\u25aa\u25ab\u25b6\u25c0\u25fb-\u25fe\u2600-\u2604\u260e\u2611\u2614"
    r"\u2615\u2618\u261d\u2620\u2622\u2623\u2626\u262a\u262e\u262f\u2638-\u263a\u2640\u2642"
    r"\u2648-\u2653\u265f\u2660\u2663\u2665\u2666\u2668\u267b\u267e\u267f\u2692-\u2697\u2699"
    r"\u269b\u269c\u26a0\u26a1\u26a7\u26aa\u26ab\u26b0\u26b1\u26bd\u26be\u26c4\u26c5\u26c8"
    r"\u26ce\u26cf\u26d1\u26d3\u26d4\u26e9\u26ea\u26f0-\u26f5\u26f7-\u26fa\u26fd\u2702\u2705"
    r"\u2708-\u270d\u270f\u2712\u2714\u2716\u271d\u2721\u2728\u2733\u2734\u2744\u2747\u274c"
    r"\u274e\u2753-\u2755\u2757\u2763\u2764\u2795-\u2797\u27a1\u27b0\u27bf\u2934\u2935"
    r"\u2b05-\u2b07\u2b1b\u2b1c\u2b50\u2b55"
)
_NOT_EP = (
    r"\U0001f000-\U0001f003\U0001f005-\U0001f02b\U0001f030-\U0001f093\U0001f0a0-\U0001f0ae"
    r"\U0001f0b1-\U0001f0bf\U0001f0c1-\U0001f0ce\U0001f0d1-\U0001f0f5\U0001f100-\U0001f16f"
    r"\U0001f172-\U0001f17d\U0001f180-\U0001f18d\U0001f18f\U0001f190\U0001f19b-\U0001f1ae"
    r"\U0001f1e6-\U0001f200\U0001f210-\U0001f219\U0001f21b-\U0001f22e\U0001f230\U0001f231"
    r"\U0001f23b\U0001f240-\U0001f248\U0001f260-\U0001f265\U0001f322\U0001f323\U0001f394"
    r"\U0001f395\U0001f398\U0001f39c\U0001f39d\U0001f3f1\U0001f3f2\U0001f3f6"
    r"\U0001f3fb-\U0001f3ff\U0001f4fe\U0001f53e-\U0001f548\U0001f54f\U0001f568-\U0001f56e"
    r"\U0001f571\U0001f572\U0001f57b-\U0001f586\U0001f588\U0001f589\U0001f58e\U0001f58f"
    r"\U0001f591-\U0001f594\U0001f597-\U0001f5a3\U0001f5a6\U0001f5a7\U0001f5a9-\U0001f5b0"
    r"\U0001f5b3-\U0001f5bb\U0001f5bd-\U0001f5c1\U0001f5c5-\U0001f5d0\U0001f5d4-\U0001f5db"
    r"\U0001f5df\U0001f5e0\U0001f5e2\U0001f5e4-\U0001f5e7\U0001f5e9-\U0001f5ee"
    r"\U0001f5f0-\U0001f5f2\U0001f5f4-\U0001f5f9\U0001f650-\U0001f67f\U0001f6c6-\U0001f6ca"
    r"\U0001f6d3\U0001f6d4\U0001f6e6-\U0001f6e8\U0001f6ea\U0001f6f1\U0001f6f2"
    r"\U0001f700-\U0001f7db\U0001f7f1-\U0001f80b\U0001f810-\U0001f847\U0001f850-\U0001f859"
    r"\U0001f860-\U0001f887\U0001f890-\U0001f8ad\U0001f8b0-\U0001f8bb\U0001f8c0\U0001f8c1"
    r"\U0001f8d0-\U0001f8d8\U0001f900-\U0001f90b\U0001f93b\U0001f946\U0001fa00-\U0001fa57"
    r"\U0001fa60-\U0001fa6d"
)
_FAST_CLASSES: dict[str, Any] = {
    "wc": rf"[\w{_MARKS}]",
    "wc_": rf"[\w{_MARKS}]",
    "wc_dot": rf"[\w{_MARKS}.-]",
    "lm": rf"(?:[^\W_{_N}]|[{_MARKS}])",
    "n": f"[{_N}]",
    "ws": f"[{_WS}]",
    "not_ws": f"[^{_WS}]",
    "url": f'[^{_WS}<>"]',
    "before_hash": r"[\w#&]",
    "not_after_at": r"(?<![^\W_]@)(?<!@@)",
    "ep": rf"[{_EP_BMP}\U0001f000-\U0001faff](?<![{_NOT_EP}])",
    "emod": r"[\U0001f3fb-\U0001f3ff]",
    "ri": r"[\U0001f1e6-\U0001f1ff]",
    "p": f"[{_P}]",
}
# (Compiled on first use: a few milliseconds, which a process that never sees such a text saves.)
_FAST: re.Pattern[str] | None = None
_LATIN: re.Pattern[str] | None = None


def _compiled(name: str) -> re.Pattern[str]:
    pattern = re.compile(_alternatives(_LATIN_CLASSES if name == "_LATIN" else _FAST_CLASSES))
    globals()[name] = pattern
    return pattern


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
    "emoji_flag": "emoji",
    "emoji_keycap": "emoji",
    "punct": "punct",
    "punct2": "punct",
    "symbol": "symbol",
}
_URL_TRAIL = ".,;:!?)]}»\"'’”"


# Token kind by the index of the group that matched last (``Match.lastindex``): the empty
# group that ends each alternative, or the look-ahead that marks a word followed by a trigger.
# Every group of the patterns is named, so the groups' numbers follow the order of their names in
# the pattern's text (tests/test_tokens_fast.py checks it against each compiled pattern's groupindex).
def _kinds_at(source: str) -> tuple[str | None, ...]:
    names = re.findall(r"\(\?P<(\w+)>", source)
    return (None,) + tuple(_TRIGGERED if name == "word_triggered" else _KIND[name] for name in names)


_KIND_AT = _kinds_at(_alternatives(_CLASSES))  # (the same for _LATIN and _FAST: the same alternatives)
# A word followed by a trigger, or a link ("https://", "www."): only then can _fix_up have
# anything to do.
_TRIGGER = re.compile(r"[@._%+][^ \t\r\n]")
_kind_of = itemgetter(3)


def tokenize(text: str) -> list[tuple[str, int, int, TokenKind]]:
    """Split ``text`` into ``(text, start, end, kind)`` tuples, whitespace dropped."""
    if _OUTSIDE_LATIN.search(text) is None:
        return _scan(text, _LATIN or _compiled("_LATIN"))
    if _OUTSIDE_FAST.search(text) is None:
        return _scan(text, _FAST or _compiled("_FAST"))
    return _scan(text, _PATTERN)


def _scan(text: str, pattern: re.Pattern[str] | regex.Pattern[str]) -> list[tuple[str, int, int, TokenKind]]:
    """The tokens of ``text`` by ``pattern`` (:data:`_PATTERN`, or :data:`_LATIN` or :data:`_FAST`
    over their alphabets: the same tokens)."""
    kind_at = _KIND_AT
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
