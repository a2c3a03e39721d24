"""The checks' shortcuts give what the plain paths give (issue 19): the term scan's test of a
phrase's second word, on random drafts made of the built-in packs' own phrase words."""

from __future__ import annotations

import copy

from hypothesis import given, settings
from hypothesis import strategies as st

from postcraft.analysis import analyze
from postcraft.rules import load_guidelines

_G = load_guidelines(None)
_GLUE = [" ", " ", "  ", ", ", ". ", "\n", " - ", "! ", " #", " @", " 12 ", "'"]


def _words(lang: str) -> list[str]:
    out: set[str] = {"the", "our", "best", "vi", "har", "en", "1.000", "#AI", "@Mette"}
    for entries in _G.index.tables[lang].values():
        for key_entries in entries.values():
            for _, ph in key_entries:
                out.update(ph.lowers)
                out.add(ph.term)
    return sorted(w for w in out if w.strip())


_WORDS = {lang: _words(lang) for lang in ("da", "en")}


@st.composite
def drafts(draw: st.DrawFn) -> tuple[str, str]:
    lang = draw(st.sampled_from(["da", "en"]))
    words = draw(st.lists(st.sampled_from(_WORDS[lang]), min_size=1, max_size=25))
    glue = draw(st.lists(st.sampled_from(_GLUE), min_size=len(words), max_size=len(words)))
    return lang, "".join(w + g for w, g in zip(words, glue, strict=True))


_PLAIN = copy.copy(_G.index)
_PLAIN.seconds = {}  # no second-word test: every token that starts a phrase goes to _try


@settings(max_examples=300, deadline=None)
@given(drafts())
def test_scan_with_the_second_word_test_equals_the_plain_scan(draft: tuple[str, str]) -> None:
    lang, text = draft
    a = analyze(text, lang=lang)
    assert _G.index.scan(a.tokens, lang) == _PLAIN.scan(a.tokens, lang)


def test_the_second_word_test_is_used() -> None:
    assert any(_G.index.seconds[lang]["lemma"] for lang in ("da", "en"))
    a = analyze("We are the best in class and the best team.", lang="en")
    assert _G.index.scan(a.tokens, "en") == _PLAIN.scan(a.tokens, "en")


def test_a_second_word_that_is_a_mention_still_matches() -> None:
    # a mention is looked up by its name, without spaces (@[Mette Hansen](urn:…) as
    # @mettehansen): the second-word test must leave such tokens to _try.
    g = load_guidelines(
        {
            "extends": [],
            "rules": [
                {"id": "a.big", "kind": "existence", "terms": ["tak @MetteHansen"], "message": "{match}"}
            ],
        }
    )
    plain = copy.copy(g.index)
    plain.seconds = {}
    for text in ("Stor tak @[Mette Hansen](urn:li:person:1) for i dag.", "Tak @MetteHansen!"):
        a = analyze(text, lang="da")
        got = g.index.scan(a.tokens, "da")
        assert got == plain.scan(a.tokens, "da")
        assert got, text
