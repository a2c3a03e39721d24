"""The tag stage's local look-ups give what the whole-draft scans they replace give (issue 19):
random drafts built from the words the signal phrases are made of, in both languages."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from postcraft.analysis import analyze
from postcraft.tags.suggest import _after_phrase_at, _idiom_from, _in_idiom, _words_match
from postcraft.tags.vocab import PhraseIndex, builtin

# -- the whole-draft scans that the local look-ups replaced, kept here as their reference --------


def _idiom_tokens(toks: Any, index: PhraseIndex) -> set[int]:
    """Token indices of the fixed expressions in the draft. The words of an expression follow
    each other with at most two other words between them, within one sentence."""
    out: set[int] = set()
    n = len(toks)
    cands = index.candidates
    for k in index.starts(toks):
        t = toks[k]
        for idiom in cands(t[4], t[5]):
            got = _idiom_from(toks, idiom, k, n)
            if got is not None:
                out.update(got)
    return out


def _after_phrase(
    toks: Any, index: PhraseIndex, text: str, reach: int, breakers: frozenset[str] = frozenset()
) -> set[int]:
    """Indices of the (at most ``reach``) words right after each phrase of ``index``, within
    the sentence (no punctuation between): the words a negation ("no", "ikke") or a hoping
    frame ("looking for") is about. A word of ``breakers`` right after the phrase ("not only")
    makes it no such phrase."""
    out: set[int] = set()
    n = len(toks)
    for last in index.starts(toks):
        t = toks[last]
        for ph in index.candidates(t[4], t[5]):
            first = last - len(ph) + 1
            if first < 0 or not _words_match(toks, list(range(first, last + 1)), ph):
                continue
            if not all(text[toks[j - 1][2] : toks[j][1]].isspace() for j in range(first + 1, last + 1)):
                continue
            j = last + 1
            if j < n and toks[j][3] == "word" and toks[j][4] in breakers:
                break
            while j < n and j <= last + reach:
                if toks[j][3] != "word" or not text[toks[j - 1][2] : toks[j][1]].isspace():
                    break
                out.add(j)
                j += 1
            break
    return out


_GLUE = [" ", " ", " ", "  ", ", ", ". ", "\n", " - ", "! "]


def _vocabulary(lang: str) -> list[str]:
    """Words of the negations, hoping frames and idioms, their breakers, a few terms and fillers."""
    idx = builtin(lang)
    words: set[str] = set(idx.not_negating)
    for phrases in (idx.negations, idx.idioms, *idx.not_after.values()):
        for ph in phrases:
            for p in ph:
                words.update(p.exact)
                words.update(pre + "ede" for pre in p.prefixes)
    words.update(sorted(k for k in idx.first if " " not in k)[:40])
    words.update(["job", "AI", "data", "team", "the", "og", "en", "ny", "stilling"])
    return sorted(words)


_VOCAB = {lang: _vocabulary(lang) for lang in ("da", "en")}


@st.composite
def _idiom(draw: st.DrawFn, lang: str) -> list[str]:
    """The words of one fixed expression, with up to three other words between them."""
    ph = draw(st.sampled_from(builtin(lang).idioms))
    out: list[str] = []
    for p in ph:
        if out:
            out += draw(st.lists(st.sampled_from(_VOCAB[lang]), max_size=3))
        out.append(draw(st.sampled_from(sorted(p.exact) + [pre + "ede" for pre in p.prefixes])))
    return out


@st.composite
def drafts(draw: st.DrawFn) -> tuple[str, str]:
    lang = draw(st.sampled_from(["da", "en"]))
    parts = draw(
        st.lists(st.one_of(st.sampled_from(_VOCAB[lang]).map(lambda w: [w]), _idiom(lang)), max_size=12)
    )
    words = [w for part in parts for w in part] or ["AI"]
    glue = draw(st.lists(st.sampled_from(_GLUE), min_size=len(words), max_size=len(words)))
    return lang, "".join(w + g for w, g in zip(words, glue, strict=True))


def _indexes(lang: str) -> list[tuple[PhraseIndex, int, frozenset[str]]]:
    idx = builtin(lang)
    out = [(idx.negation_index, 1, idx.not_negating)]
    out += [(pix, 3, frozenset()) for pix in idx.not_after_index.values()]
    return out


@settings(max_examples=300, deadline=None)
@given(drafts())
def test_after_phrase_at_equals_the_whole_scan(draft: tuple[str, str]) -> None:
    lang, text = draft
    a = analyze(text, lang=lang)
    toks = a.tokens
    for index, reach, breakers in _indexes(lang):
        whole = _after_phrase(toks, index, a.text, reach, breakers)
        local = {k for k in range(len(toks)) if _after_phrase_at(toks, index, a.text, reach, k, breakers)}
        assert local == whole


@settings(max_examples=300, deadline=None)
@given(drafts())
def test_in_idiom_equals_the_whole_scan(draft: tuple[str, str]) -> None:
    lang, text = draft
    a = analyze(text, lang=lang)
    index = builtin(lang).idiom_index
    whole = _idiom_tokens(a.tokens, index)
    assert {k for k in range(len(a.tokens)) if _in_idiom(a.tokens, index, k)} == whole


def test_idiom_read_locally() -> None:
    a = analyze("Efter tre måneder har vi endelig knækket den svære kode til onboarding.", lang="da")
    index = builtin("da").idiom_index
    kode = next(i for i, t in enumerate(a.tokens) if t.text == "kode")
    assert kode in _idiom_tokens(a.tokens, index)
    assert _in_idiom(a.tokens, index, kode)
    assert not _in_idiom(a.tokens, index, kode + 2)  # "onboarding"
    # the farthest an expression reaches: two words between each of its words
    a = analyze("Vi tog igen hele produktionen lige nu ned i weekenden.", lang="da")
    ned = next(i for i, t in enumerate(a.tokens) if t.text == "ned")
    assert ned in _idiom_tokens(a.tokens, index)
    assert _in_idiom(a.tokens, index, ned)


@pytest.mark.parametrize(
    ("text", "lang", "word", "negated"),
    [
        ("We have no AI strategy yet.", "en", "AI", True),
        ("Not only AI but people.", "en", "AI", False),  # "not only": a breaker
        ("Vi bruger ikke AI til det.", "da", "AI", True),
        ("Vi bruger AI, ikke til alt.", "da", "AI", False),
    ],
)
def test_negation_read_locally(text: str, lang: str, word: str, negated: bool) -> None:
    a = analyze(text, lang=lang)
    idx = builtin(lang)
    k = next(i for i, t in enumerate(a.tokens) if t.text == word)
    got = _after_phrase_at(a.tokens, idx.negation_index, a.text, 1, k, idx.not_negating)
    assert got is negated
    assert (k in _after_phrase(a.tokens, idx.negation_index, a.text, 1, idx.not_negating)) is negated
