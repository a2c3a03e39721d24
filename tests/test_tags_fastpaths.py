"""The tag stage's local look-ups give what the whole-draft scans they replace give (issue 19):
random drafts built from the words the signal phrases are made of, in both languages."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from postcraft.analysis import analyze
from postcraft.tags.suggest import _after_phrase, _after_phrase_at
from postcraft.tags.vocab import PhraseIndex, builtin

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
def drafts(draw: st.DrawFn) -> tuple[str, str]:
    lang = draw(st.sampled_from(["da", "en"]))
    words = draw(st.lists(st.sampled_from(_VOCAB[lang]), min_size=1, max_size=30))
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
