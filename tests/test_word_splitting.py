"""The one word-splitting function (rules and tags), "#1" is not a hashtag, and triple
repetitions are intentional: misfires found on real posts."""

from __future__ import annotations

import pytest

from postcraft import check
from postcraft.analysis import analyze
from postcraft.rules.vocab import segment, split_words


@pytest.mark.parametrize(
    ("body", "parts"),
    [
        ("lakers", None),  # not lak + ers
        ("perfection", None),  # not perfect + ion
        ("fameless", None),  # not fame + less
        ("motherhood", None),  # not mother + hood
        ("important", None),  # not import + ant
        ("dayton", None),  # not day + ton
        ("googlesheets", ("google", "sheets")),  # not go + ogle + sheets
        ("onlinecourse", ("online", "course")),  # not on + line + course
        ("indieartist", ("indie", "artist")),  # not in + die + artist
        ("employeeadvocacy", ("employee", "advocacy")),
        ("newjob", ("new", "job")),
        ("futureofwork", ("future", "of", "work")),
        ("mentalhealth", ("mental", "health")),
    ],
)
def test_real_post_hashtags_split_as_a_reader_would(body: str, parts: tuple[str, ...] | None) -> None:
    got = split_words(body)
    assert (got.parts if got else None) == parts


def test_danish_compounds_stay_whole_and_adjectives_split() -> None:
    assert split_words("skolebyggeri") is None and split_words("telemedicin") is None
    assert split_words("grønomstilling").camel() == "GrønOmstilling"  # type: ignore[union-attr]


def test_a_suffix_or_an_unlisted_three_letter_piece_is_no_word_break() -> None:
    assert segment("lakers") is None and segment("perfection") is None


@pytest.mark.parametrize(
    ("text", "bad"),
    [
        ("Go #lakers tonight", "#LakErs"),
        ("Love #googlesheets", "#GoOgleSheets"),
        ("Chasing #perfection", "#PerfectIon"),
    ],
)
def test_camelcase_never_offers_the_misread_spelling(text: str, bad: str) -> None:
    offered = [r for f in check(text, lang="en") for r in f.replacements]
    assert bad not in offered


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("We are #1 in Denmark and #2 in Sweden, on the #10 list.", "en"),
        ("Vi er #1 i Danmark og #2 i Sverige, på #10-listen.", "da"),
    ],
)
def test_numbers_after_a_hash_are_not_hashtags(text: str, lang: str) -> None:
    a = analyze(text, lang=lang)
    assert a.hashtags == ()
    assert not [f for f in check(text, lang=lang) if f.rule.startswith("linkedin.hashtags")]
    # a tag with a letter still is one
    assert [t.text for t in analyze("We hit #1Million users #hiring", lang="en").hashtags] == [
        "#1Million",
        "#hiring",
    ]


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Sky Sky Sky is the song of the summer.", "en"),
        ("I was very very very tired after the launch.", "en"),
        ("Det var en lang lang lang dag på kontoret.", "da"),
        ("Tak tak tak til jer alle.", "da"),
    ],
)
def test_three_in_a_row_is_intentional(text: str, lang: str) -> None:
    assert [f for f in check(text, lang=lang) if f.rule == "linkedin.repetition"] == []


def test_two_in_a_row_is_still_a_doubled_word() -> None:
    (f,) = [
        f for f in check("I am so happy with the the new job.", lang="en") if f.rule == "linkedin.repetition"
    ]
    assert f.replacements == ("",)
    assert [f.rule for f in check("Det var en lang lang dag.", lang="da") if f.rule == "linkedin.repetition"]
