"""The tokenizer's scans give the same tokens as the one-pattern tokenizer they replaced.

``tokenize`` reads a text of Latin letters, ASCII and General Punctuation (:data:`tokens._LATIN`),
or with symbols and emoji too (:data:`tokens._FAST`), with the standard library's ``re``, any
other with ``regex`` (:data:`tokens._PATTERN`), and re-reads links and words followed by
``@._%+`` afterwards. Below: the character classes of the ``re`` scans against ``regex``'s
Unicode properties for every character of their alphabets, and the scans against a copy of the
earlier tokenizer (one pattern, one loop) on generated text.
"""

from __future__ import annotations

import re

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from postcraft.analysis import analyze
from postcraft.analysis import tokens as T

ALPHABET = [chr(c) for c in range(0x110000) if T._OUTSIDE_FAST.match(chr(c)) is None]
LATIN = [chr(c) for c in range(0x110000) if T._OUTSIDE_LATIN.match(chr(c)) is None]


def test_the_fast_alphabets() -> None:
    assert len(LATIN) == 0x250 + (0x2028 - 0x2010) + (0x205F - 0x2030)
    assert set(LATIN) - set(ALPHABET) == {"_"}
    blocks = (0x250 - 1) + (0x2028 - 0x2010) + (0x205F - 0x2030) + (0x2C00 - 0x2190) + (0x1FB00 - 0x1F000)
    assert len(ALPHABET) == blocks + 4  # and U+200D, U+20E3, U+FE0E, U+FE0F
    assert {
        "æ",
        "ø",
        "å",
        "Æ",
        "é",
        "ü",
        "ß",
        "’",
        "–",
        "…",
        "•",
        "→",
        "✅",
        "🎉",
        "🇩",
        "🏽",
        "\u200d",
        "\ufe0f",
    } <= set(ALPHABET)
    # no "_" (re's \w has it where [\p{L}\p{M}\p{N}] has not), no other mark, space or tag
    for ch in "_\u0301\u202f\u2028\u200b\U000e0067™中":
        assert ch not in ALPHABET


@pytest.mark.parametrize("name", ["latin", "fast"])
def test_every_class_of_the_fast_scans_equals_its_unicode_property_on_their_alphabet(name: str) -> None:
    alphabet, classes = (LATIN, T._LATIN_CLASSES) if name == "latin" else (ALPHABET, T._FAST_CLASSES)
    keys = set(classes) - {"not_after_at"}
    assert keys == set(T._CLASSES) - {"not_after_at"}
    assert len(keys) == 13
    for key in sorted(keys):
        fast = re.compile(classes[key])
        slow = regex.compile(T._CLASSES[key], regex.V0)
        differ = [c for c in alphabet if (fast.fullmatch(c) is None) != (slow.fullmatch(c) is None)]
        assert differ == [], (key, differ[:10])
    # the look-behind after "@"
    fast_at = re.compile("@" + classes["not_after_at"])
    slow_at = regex.compile("@" + T._CLASSES["not_after_at"], regex.V0)
    for c in alphabet:
        assert (fast_at.match(c + "@", 1) is None) == (slow_at.match(c + "@", 1) is None), c


# -- the tokenizer before the two scans: one pattern, one loop (the reference) ------------------
_REF_EMOJI_ONE = r"(?:\p{Extended_Pictographic}(?:\uFE0F|\uFE0E)?\p{Emoji_Modifier}?[\U000E0020-\U000E007F]*)"
_REF_EMOJI = (
    rf"(?:\p{{Regional_Indicator}}{{2}}|[#*0-9]\uFE0F?\u20E3|{_REF_EMOJI_ONE}(?:\u200D{_REF_EMOJI_ONE})*)"
)
_REF_WC = r"[\p{L}\p{M}\p{N}]"
_REF = regex.compile(
    r"(?P<mention>@\[[^\]\n]{1,200}\]\(urn:li:(?:person|organization):[A-Za-z0-9_-]+\))"
    r"|(?P<url>(?:https?://|www\.)[^\s<>\"]+)"
    r"|(?P<number>\p{N}+(?:[.,:/]\p{N}+)*(?:\s?%)?(?![\p{L}\p{M}]))"
    rf"|(?P<word>{_REF_WC}+(?:['’\-]{_REF_WC}+)*)"
    r"""|(?P<punct>[!?]+|\.{2,}|[,.:;()"'»«”“‘’\-–—])"""
    r"|(?P<hashtag>(?<![\p{L}\p{N}#&_])\#[\p{L}\p{M}\p{N}_]*[\p{L}\p{M}][\p{L}\p{M}\p{N}_]*)"
    r"|(?P<mention2>(?<![\p{L}\p{N}@])@[\p{L}\p{M}\p{N}_][\p{L}\p{M}\p{N}_.-]*(?<![.-]))"
    rf"|(?P<emoji>{_REF_EMOJI})"
    r"|(?P<punct2>[\p{P}])"
    r"|(?P<symbol>[^\s])",
    regex.V0,
)
_REF_KIND = {"mention2": "mention", "url2": "url", "abbr": "word", "punct2": "punct"}


def reference_tokenize(text: str) -> list[tuple[str, int, int, str]]:
    out: list[tuple[str, int, int, str]] = []
    skip_until = 0
    n = len(text)
    for m in _REF.finditer(text):
        start, end = m.span()
        if start < skip_until:
            continue
        g = m.lastgroup
        assert g is not None
        if g == "word":
            if (
                end + 1 < n
                and text[end] in "@._%+"
                and text[end + 1] not in " \t\r\n"
                and (start == 0 or text[start - 1] not in "@.")
            ):
                sm = T._SPECIAL.match(text, start)
                if sm is not None and sm.end() > end:
                    sg = sm.lastgroup
                    assert sg is not None
                    start, end = sm.span()
                    if sg == "url2":
                        end = T._trim_url(text, start, end)
                    out.append((text[start:end], start, end, _REF_KIND.get(sg, sg)))
                    skip_until = end
                    continue
            out.append((text[start:end], start, end, "word"))
        elif g == "url":
            end = T._trim_url(text, start, end)
            out.append((text[start:end], start, end, "url"))
            if end < m.end():
                skip_until = m.end()
                for m2 in _REF.finditer(text, end, m.end()):
                    g2 = m2.lastgroup
                    assert g2 is not None
                    out.append((m2.group(), m2.start(), m2.end(), _REF_KIND.get(g2, g2)))
        else:
            out.append((text[start:end], start, end, _REF_KIND.get(g, g)))
    return out


# Pieces that exercise every alternative and its neighbours: entities, æøå, decomposed letters,
# emoji sequences, the white space regex and re disagree on, triggers, digits of other scripts.
PIECES = st.sampled_from(
    list("abchwæøåÆØÅéßÿĳ019²½ .,;:!?…’'\"()-–—_@#&%+*/<>[]\n\r\t\x0b\x0c\x1c\x85\xa0©®‼⁉•")
    + ["\r\n", "http://", "https://", "www.", "x.dk", "a@b.dk", "f.eks.", "kl.", "3,5 %", "12D"]
    + ["@[Mette Hansen](urn:li:person:abc-1)", "#Grøn", "#1", "@mette", "(se https://x.dk/a_(b)).", "..."]
    + [
        "👍",
        "👍🏽",
        "👨‍👩‍👧",
        "🇩🇰",
        "e\u0301",
        "1️⃣",
        "#️⃣",
        "\u200d",
        "\ufe0f",
        "\u202f",
        "\u2028",
        "𝐁",
        "٣",
        "中文",
        "①",
        "⌈x⌉",
        "❤️",
        "☀️",
        "👩🏽‍💻",
        "🏳️‍🌈",
        "🅰",
        "🄂",
        "↔",
        "*️⃣",
        "🀄",
        "🀀",
        "a\u20e3",
    ]
)
TEXTS = st.lists(PIECES, max_size=60).map("".join)
FAST_TEXTS = TEXTS.filter(lambda t: T._OUTSIDE_FAST.search(t) is None)


@settings(max_examples=1500, deadline=None)
@given(TEXTS)
def test_tokenize_equals_the_one_pattern_tokenizer(text: str) -> None:
    tokens = T.tokenize(text)
    assert tokens == reference_tokenize(text)
    pos = 0
    for tok, start, end, _ in tokens:  # [start, end) code points, in order, never overlapping
        assert pos <= start < end and text[start:end] == tok
        pos = end


@settings(max_examples=1500, deadline=None)
@given(FAST_TEXTS)
def test_the_scans_agree_on_their_alphabets(text: str) -> None:
    slow = T._scan(text, T._PATTERN)
    assert T._scan(text, T._compiled("_FAST")) == slow
    if T._OUTSIDE_LATIN.search(text) is None:
        assert T._scan(text, T._compiled("_LATIN")) == slow


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200))
def test_tokenize_equals_the_one_pattern_tokenizer_on_any_text(text: str) -> None:
    assert T.tokenize(text) == reference_tokenize(text)


def test_examples_with_emoji_and_danish_letters() -> None:
    text = "Tak, Søren & Åse 🙏🏽! Mød os på www.firma.dk/job, skriv til hr@firma.dk 👨‍👩‍👧 #GrønOmstilling"
    assert T.tokenize(text) == reference_tokenize(text)
    got = [(t.text, t.start, t.end, t.kind) for t in analyze(text).tokens]
    assert ("Søren", 5, 10, "word") in got and ("Åse", 13, 16, "word") in got
    assert ("🙏🏽", 17, 19, "emoji") in got and ("👨‍👩‍👧", 71, 76, "emoji") in got
    assert ("www.firma.dk/job", 31, 47, "url") in got and ("hr@firma.dk", 59, 70, "email") in got
    assert got[-1] == ("#GrønOmstilling", 77, 92, "hashtag")
    assert all(text[s:e] == t for t, s, e, _ in got)


def test_kinds_by_group_number_match_every_compiled_pattern() -> None:
    # _KIND_AT is read from the pattern's text (so that the slow pattern need not be compiled at
    # import); each compiled pattern must number its groups the same way
    for pattern in (
        T._PATTERN.compiled(),
        T._LATIN or T._compiled("_LATIN"),
        T._FAST or T._compiled("_FAST"),
    ):
        names = [name for name, _ in sorted(pattern.groupindex.items(), key=lambda kv: kv[1])]
        assert pattern.groups == len(names)  # every group is named
        kinds = tuple(T._TRIGGERED if n == "word_triggered" else T._KIND[n] for n in names)
        assert T._KIND_AT == (None, *kinds)
