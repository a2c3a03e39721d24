"""The patterns' literal prefilters: a pattern is skipped only on a text it cannot match."""

from __future__ import annotations

import pickle

import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from postcraft.rules.guidelines import load_guidelines
from postcraft.rules.matching import Matcher, StartPattern
from postcraft.rules.prefilter import anchored, needs, starts

FLAGS = regex.V0 | regex.IGNORECASE


def _matchers(rule: object) -> list[Matcher]:
    out: list[Matcher] = []
    for value in vars(rule).values():
        for v in value if isinstance(value, tuple) else (value,):
            if isinstance(v, Matcher):
                out.append(v)
    return out


def _pack_patterns() -> list[str]:
    g = load_guidelines(None)
    return sorted({p[1] for rule in g.rules for m in _matchers(rule) for p in m.patterns})


PACK_PATTERNS = _pack_patterns()


def test_reads_what_a_match_must_contain() -> None:
    assert needs(r"\b(?:comment|kommentér) ['\"][\p{L}]+") == ("comment", "kommentér")
    assert needs(r"\bnot (?:been )?(?:public|published) yet\b") == ("public", "published")
    assert needs(r"(?:foo|bar)baz") == ("baz",)  # the longest shortest string wins
    assert needs(r"\b(?i:we signed) (?:a |)deal") == ("we signed",)
    assert needs(r"colou?r") == ("colo",)
    assert needs(r"ab+c") == ("ab",)
    assert needs(r"Straße") == ("strasse",)  # compared case-folded
    assert needs(r"x\.y\-z") == ("x.y-z",)
    assert needs(r"\A[^\n]{0,160}?\K\b(?:håber|hope) ") == ("håber", "hope")


def test_gives_none_when_unsure_or_useless() -> None:
    for p in (
        r"(a|b*)c",  # a branch that needs nothing
        r"(?:new |)customer?",  # the group can be empty; "customer" is cut to "custome"
        r"\d+%",
        r"(\w+) \1",  # a back-reference
        r"(?x) a b c",  # verbose mode
        r"\x41BC",
        r"a|",
        r"[abc]+",
        r"x{2}",  # one character is not worth checking for
        r"(?P<n>ab)(?P=n)",
        r"a)b",
    ):
        got = needs(p)
        assert got is None or p == r"(?:new |)customer?", (p, got)
    assert needs(r"(?:new |)customer?") == ("custome",)


def test_most_pack_patterns_have_a_prefilter() -> None:
    have = [p for p in PACK_PATTERNS if needs(p) is not None]
    assert len(have) >= len(PACK_PATTERNS) * 3 // 4, (len(have), len(PACK_PATTERNS))


def _pieces() -> list[str]:
    out = [" ", "\n", "'", "“", "”", "?", "!", "🔥", "👇", "#", ".", ",", "Å", "æ", "ß", "SS", "İ"]
    for p in PACK_PATTERNS:
        for s in needs(p) or ():
            out.extend((s, s.upper(), s.title(), s[:-1]))
    out += [
        "comment",
        "skriv",
        "ja",
        "guide",
        "below",
        "i kommentarerne",
        "agree",
        "enig",
        "Projekt",
        "Søbygaard",
    ]
    return out


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_pieces()), max_size=14), st.sampled_from(PACK_PATTERNS))
def test_a_skipped_pattern_never_matches(parts: list[str], pattern: str) -> None:
    text = "".join(parts)
    want = needs(pattern)
    if want is not None and not any(s in text.casefold() for s in want):
        assert regex.search(pattern, text, FLAGS) is None, (pattern, text)


def test_rule_examples_pass_their_prefilters() -> None:
    g = load_guidelines(None)
    seen = 0
    for rule in g.rules:
        examples = rule.info.examples or {}
        texts = [t for side in examples.values() for ts in side.values() for t in ts]
        for m in _matchers(rule):
            for p in m.patterns:
                for t in texts:
                    if p[0].search(t) and p[3] is not None:
                        seen += 1
                        assert any(s in t.casefold() for s in p[3]), (rule.info.id, p[1], t)
    assert seen >= 20


def test_anchored_patterns_run_without_a_prefilter() -> None:
    # An anchored pattern is tried at one position: cheaper than looking for its strings.
    assert anchored(r"\A[\s\p{So}\p{Sk}]*(?:hej|hejsa|hi)\b")
    assert anchored(r"\A[\s\p{So}]*(?:lidt|et par) (?:tanker|ord)")
    assert anchored(r"\Ahej\b")
    # a run that may hold letters, a lazy or bounded reach, a negated class, no anchor: not so
    for p in (
        r"\A[^\n]{0,160}?\K\b(?:håber|hope)",
        r"\A[\s\p{L}]*(?:hej)",
        r"\A[^a]*(?:hej)",
        r"\A[\s]*?(?:hej)",
        r"\A.*hej",
        r"\A[\s\w]*hej",
        r"\b(?:hej|hi)",
        r"^hej",
    ):
        assert not anchored(p), p
    g = load_guidelines(None)
    prefilters = {p[1]: p[3] for rule in g.rules for m in _matchers(rule) for p in m.patterns}
    anchored_ones = [p for p in PACK_PATTERNS if anchored(p)]
    assert anchored_ones  # the hook rules' greetings and fillers
    assert all(prefilters[p] is None for p in anchored_ones)
    assert all(prefilters[p] == needs(p) for p in PACK_PATTERNS if not anchored(p))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_pieces()), max_size=10), st.sampled_from(PACK_PATTERNS))
def test_anchored_patterns_match_only_at_the_start(parts: list[str], pattern: str) -> None:
    if anchored(pattern):
        text = "".join(parts)
        assert all(m.start() == 0 for m in regex.finditer(pattern, "\n" + text, FLAGS)), (pattern, text)
        assert all(m.start() == 0 for m in regex.finditer(pattern, text + "\n" + text, FLAGS)), (
            pattern,
            text,
        )


def test_reads_the_letters_an_anchored_match_begins_with() -> None:
    assert starts(r"\A[\s\p{So}]*(?:hi|Hello|good (?:morning|day))\b") == frozenset("gh")
    assert starts(r"\A[\s]*(?:(?:well, )?it's|ok)") == frozenset("iwo")
    assert starts(r"\Ahej") == frozenset("h")
    for p in (
        r"\A[\s]*(?:hi|\d+)",  # a branch that begins with a class
        r"\A[\s]*(?:h)*",  # may begin with anything that follows: nothing
        r"\A[\s]*(?:hi|)",
        r"\A[\s]*(?=hi)hi",
        r"\A[\s]*h{0,2}i",
        r"\A[\s]*(?:é|hi)",  # not an ASCII letter
        r"\Ahej|hi",  # the second alternative is not anchored
        r"\b(?:hi)",
        r"\A[^\n]{0,160}?\K\bhope",
    ):
        assert starts(p) is None, p
    assert [p for p in PACK_PATTERNS if starts(p)]  # the greetings and fillers


@settings(max_examples=400, deadline=None)
@given(
    st.sampled_from(
        [*"aAbdDeEgGhHiIjJkKlLmnNqrRsStTwWzZ09 \n🔥\u212aſ", "Hi", "hello", "Hej", "Kære alle", "good"]
        + ["Happy Monday", "Some thoughts", "lidt tanker", "It's Monday again", "Well, it's friday"]
    ),
    st.lists(st.sampled_from([*_pieces(), "morning", "all", " network", " on a Monday"]), max_size=10),
    st.sampled_from([p for p in PACK_PATTERNS if starts(p)]),
)
def test_a_start_pattern_skips_only_texts_it_cannot_match(first: str, parts: list[str], pattern: str) -> None:
    text = first + "".join(parts)
    lazy = StartPattern(pattern, FLAGS, starts(pattern) or frozenset())
    want = [m.span() for m in regex.finditer(pattern, text, FLAGS)]
    assert [m.span() for m in lazy.finditer(text)] == want, (pattern, text)
    c = first[0]
    if c.isascii() and c.isalnum() and c.lower() not in lazy.first:
        assert lazy._compiled is None and want == []
    again = pickle.loads(pickle.dumps(lazy))
    assert again.first == lazy.first and [m.span() for m in again.finditer(text)] == want
