"""The analysis pass: exact offsets, entities, structure, fold, readability."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import postcraft
from postcraft.analysis import analyze

# Text made of the characters that break offset arithmetic.
TRICKY = st.lists(
    st.sampled_from(
        list("abc ÆØÅæøå.!?#@-_\n\r\t,")
        + [
            "\r\n",
            "👍",
            "👍🏽",
            "👨‍👩‍👧",
            "🇩🇰",
            "e\u0301",
            "1️⃣",
            "\u200d",
            "\ufe0f",
            "https://x.dk/a?b=1",
            "ß",
            "𝐁",
        ]
    ),
    max_size=80,
).map("".join)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300))
def test_analyze_never_raises_except_postcraft_errors(text: str) -> None:
    try:
        a = analyze(text)
    except postcraft.PostcraftError:
        return
    for tok in a.tokens:
        assert text[tok.start : tok.end] == tok.text


@settings(max_examples=300, deadline=None)
@given(TRICKY, st.sampled_from(["da", "en"]))
def test_every_span_slices_the_original(text: str, lang: str) -> None:
    a = analyze(text, lang=lang)
    prev_end = 0
    for tok in a.tokens:
        assert 0 <= tok.start < tok.end <= len(text)
        assert text[tok.start : tok.end] == tok.text
        assert tok.start >= prev_end, "tokens overlap"
        assert not tok.text.isspace()
        prev_end = tok.end
    for span in (*a.lines, *a.paragraphs):
        assert 0 <= span.start <= span.end <= len(text)
    for s in a.sentences:
        assert a.tokens[s.first].start == s.start and a.tokens[s.last - 1].end == s.end
    assert 0 <= a.fold.mobile <= a.fold.desktop <= len(text)


@settings(max_examples=200, deadline=None)
@given(TRICKY)
def test_positions_agree_with_utf16_and_lines(text: str) -> None:
    a = analyze(text, lang="da")
    for offset in range(len(text) + 1):
        p = a.position(offset)
        assert p.utf16 == len(text[:offset].encode("utf-16-le")) // 2
        assert 1 <= p.line <= len(a.lines)
        line = a.lines[p.line - 1]
        assert line.start + p.column - 1 == offset or offset > line.end


@settings(max_examples=50, deadline=None)
@given(st.text(min_size=1, max_size=20_000))
def test_large_inputs_do_not_crash(text: str) -> None:
    a = analyze(text * 3, lang="en")
    assert a.length == len(text) * 3


def test_entities_are_single_tokens() -> None:
    text = "Hej @Mette_Hansen 👋🏽 se https://firma.dk/job?id=3. Skriv til job@firma.dk #GrønOmstilling 👨‍👩‍👧 🇩🇰"
    a = analyze(text, lang="da")
    kinds = {t.text: t.kind for t in a.tokens}
    assert kinds["@Mette_Hansen"] == "mention"
    assert kinds["👋🏽"] == "emoji"
    assert kinds["https://firma.dk/job?id=3"] == "url"
    assert kinds["job@firma.dk"] == "email"
    assert kinds["#GrønOmstilling"] == "hashtag"
    assert kinds["👨‍👩‍👧"] == "emoji"
    assert kinds["🇩🇰"] == "emoji"
    assert [t.text for t in a.emoji] == ["👋🏽", "👨‍👩‍👧", "🇩🇰"]


def test_little_text_mention_is_one_token() -> None:
    a = analyze("Tak til @[Mette Hansen](urn:li:person:AbC123) for i dag", lang="da")
    assert [t.text for t in a.mentions] == ["@[Mette Hansen](urn:li:person:AbC123)"]


def test_bare_domain_is_a_url_but_abbreviations_are_words() -> None:
    a = analyze("Læs mere på firma.dk, bl.a. om f.eks. løn.", lang="da")
    assert [t.text for t in a.urls] == ["firma.dk"]
    assert "bl.a." in [t.text for t in a.words]
    assert len(a.sentences) == 1


def test_lemmas_are_case_insensitive_danish() -> None:
    a = analyze("Virksomhederne elsker synergierne. Medarbejderne gik hjem.", lang="da")
    lemmas = [t.lemma for t in a.words]
    assert lemmas[:4] == ["virksomhed", "elske", "synergi", "medarbejder"]
    assert "gå" in lemmas


def test_lemmas_english() -> None:
    a = analyze("The teams went home and were happier", lang="en")
    assert [t.lemma for t in a.words] == ["the", "team", "go", "home", "and", "be", "happy"]


def test_numbers_and_percentages() -> None:
    a = analyze("Vi forventer 12,5 % vækst og 3.000 kr. i 2027", lang="da")
    assert [t.text for t in a.numbers] == ["12,5 %", "3.000", "2027"]


def test_sentences_and_paragraphs_with_crlf() -> None:
    text = "Første linje. Anden sætning!\r\n\r\nNyt afsnit? Ja.\r\nSidste linje"
    a = analyze(text, lang="da")
    assert [text[s.start : s.end] for s in a.sentences] == [
        "Første linje.",
        "Anden sætning!",
        "Nyt afsnit?",
        "Ja.",
        "Sidste linje",
    ]
    assert [text[p.start : p.end] for p in a.paragraphs] == [
        "Første linje. Anden sætning!",
        "Nyt afsnit? Ja.\r\nSidste linje",
    ]
    assert len(a.lines) == 4


def test_combining_characters_stay_in_the_word() -> None:
    text = "Cafe\u0301en er åben"
    a = analyze(text, lang="da")
    assert a.words[0].text == "Cafe\u0301en"


def test_fold_short_post_is_fully_visible() -> None:
    a = analyze("Kort opslag.", lang="da")
    assert not a.is_folded and a.fold.desktop == len(a.text)


def test_fold_cuts_after_three_lines_or_two_when_third_is_blank() -> None:
    text = "Linje et\nLinje to\nLinje tre\nLinje fire"
    a = analyze(text, lang="da")
    assert text[: a.fold.desktop] == "Linje et\nLinje to\nLinje tre"
    text2 = "Linje et\nLinje to\n\nLinje fire"
    a2 = analyze(text2, lang="da")
    assert text2[: a2.fold.desktop] == "Linje et\nLinje to"


def test_fold_cuts_long_first_paragraph_at_a_word_boundary() -> None:
    text = ("ord " * 100).strip()
    a = analyze(text, lang="da")
    assert a.fold.desktop <= 210 and a.fold.mobile <= 140
    assert a.fold.mobile < a.fold.desktop
    assert text[a.fold.desktop - 1] != " " and text[a.fold.desktop] == " "


def test_linkedin_length_counts_utf16_and_trims() -> None:
    a = analyze("  Hej 👍\r\nDav  ", lang="da")
    assert a.linkedin_length == len("Hej 👍\nDav") + 1


def test_readability() -> None:
    en = analyze("The cat sat on the mat. It was happy.", lang="en")
    assert en.flesch is not None and en.flesch > 90
    da = analyze(
        "Implementeringen af organisationsforandringerne kræver fokuserede medarbejderinvolveringer."
    )
    assert da.flesch is None and da.lix > 55


def test_position_line_column_utf16() -> None:
    a = analyze("Hej 👋\nÆble og pære", lang="da")
    p = a.position(8)
    assert (p.line, p.column, p.utf16, p.utf16_column) == (2, 3, 9, 2)


@pytest.mark.parametrize("bad", [None, 3, b"bytes"])
def test_non_string_input_is_a_postcraft_error(bad: object) -> None:
    with pytest.raises(postcraft.PostcraftError):
        analyze(bad)  # type: ignore[arg-type]


def test_analyze_sets_the_fields_the_dataclass_constructor_would() -> None:
    # analyze() fills the frozen dataclass's __dict__ itself (cheaper than its __init__): that
    # is only the same while Analysis has no __post_init__ and no field it would compute.
    import dataclasses

    from postcraft.analysis import Analysis

    assert not hasattr(Analysis, "__post_init__")
    for text, kwargs in (
        ("Hej med dig 👋 #Team\r\n\r\nVi ses i morgen. https://x.dk", {}),
        ("# Titel\n\nJeg er glad for `x`", {"markdown": True}),
    ):
        a = analyze(text, **kwargs)  # type: ignore[arg-type]
        fields = {f.name: getattr(a, f.name) for f in dataclasses.fields(Analysis)}
        b = Analysis(**fields)
        assert a.__dict__ == b.__dict__ and a.to_dict() == b.to_dict()


def test_lemma_of_a_word_with_many_possessive_endings_does_not_recurse() -> None:
    # found by the fuzz test: lemma() once recursed per trailing "'s" and overflowed the stack
    from postcraft.analysis.lemmas import lemma

    assert lemma("company" + "'s" * 3000, "en") == "company"
    assert lemma("it-firma" + "’s" * 3000, "da") == lemma("it-firma", "da")
    assert lemma("went's", "en") == "go"
