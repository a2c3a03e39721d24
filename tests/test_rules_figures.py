"""confidentiality.figures: an organisation's unreleased figures found by value, however a
draft writes them, in both languages; never a different number."""

from __future__ import annotations

import pytest

from postcraft import check
from postcraft.rules.figures import find_amounts, matches, readings


def figure_spans(text: str, figures: list[str], lang: str) -> list[str]:
    g = {"lists": {"unreleased_figures": figures}}
    return [
        text[f.start : f.end]
        for f in check(text, guidelines=g, lang=lang)
        if f.rule == "confidentiality.figures"
    ]


@pytest.mark.parametrize(
    "written",
    ["$48.2M", "$48.2 million", "48.2M USD", "USD 48.2m", "48.2 million dollars", "$48,200,000", "$48.20M"],
)
def test_english_dollar_figure_found_however_written(written: str) -> None:
    assert figure_spans(f"Revenue closed at {written} this year.", ["$48.2M"], "en") == [written]


@pytest.mark.parametrize(
    "written",
    [
        "412 mio. kr.",
        "412 mio.",
        "412 millioner kroner",
        "412 mio. kroner",
        "kr. 412 mio.",
        "DKK 412 mio",
        "412.000.000 kr.",
    ],
)
def test_danish_kroner_figure_found_however_written(written: str) -> None:
    assert figure_spans(f"Omsætningen landede på {written} i år.", ["412 mio. kr."], "da") == [written]


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Vi har nu 4120 kunder.", "da"),
        ("Vi voksede 41,2 mio. kr.", "da"),
        ("Vi har 412 medarbejdere og 412 kr. i kassen.", "da"),
        ("4.120 mio. kr. er målet.", "da"),
        ("We serve 4120 customers.", "en"),
        ("Revenue was $41.2M.", "en"),
        ("We hired 412 people.", "en"),
        ("Revenue was 412 million euros.", "en"),  # the listed figure is in kroner
    ],
)
def test_a_different_number_is_not_the_figure(text: str, lang: str) -> None:
    assert figure_spans(text, ["412 mio. kr."], lang) == []
    assert figure_spans(text, ["$48.2M"], lang) == []


def test_separators_follow_the_draft_language() -> None:
    # Danish 1.234,5 and English 1,234.5 are the same amount
    assert figure_spans("Vi solgte for 1.234,5 mio. kr.", ["1,234.5 million DKK"], "da") == [
        "1.234,5 mio. kr."
    ]
    assert figure_spans("We sold DKK 1,234.5m.", ["1.234,5 mio. kr."], "en") == ["DKK 1,234.5m"]
    # a comma decimal in an English draft is still read as a decimal ("41,2" is not 412)
    assert [str(f.amount.value) for f in find_amounts("up 41,2 percent", "en")] == ["41.2"]


def test_scale_words_are_per_language() -> None:
    # "billion" is 10^12 in Danish and 10^9 in English
    (da,) = find_amounts("2 billioner kroner", "da")
    (en,) = find_amounts("2 billion dollars", "en")
    assert da.amount.value == 2 * 10**12 and en.amount.value == 2 * 10**9


def test_percentages_match_percentages_only() -> None:
    assert figure_spans("Vi voksede 12,5 procent.", ["12,5 %"], "da") == ["12,5 procent"]
    assert figure_spans("We grew 18 percent.", ["18%"], "en") == ["18 percent"]
    assert figure_spans("We are 18 people now.", ["18%"], "en") == []


def test_currency_must_agree_when_both_name_one() -> None:
    assert not matches(readings("$48.2M"), find_amounts("48,2 mio. kr.", "da")[0])
    assert matches(readings("48.2M"), find_amounts("48,2 mio. kr.", "da")[0])


def test_items_that_are_not_amounts_match_as_words() -> None:
    assert readings("Q3 revenue") == frozenset()
    assert figure_spans("Our Q3 revenue is great.", ["Q3 revenue"], "en") == ["Q3 revenue"]


def test_three_zero_decimals_are_a_thousands_group() -> None:
    # "48.000" is 48 thousand in any language's text, never 48
    assert {str(a.value) for a in readings("48.000")} == {"48000"}
    assert figure_spans("We just passed 48 paying users.", ["48.000"], "en") == []
    assert figure_spans("Vi har netop rundet 48.000 betalende brugere.", ["48.000"], "da") == ["48.000"]
    assert figure_spans("We just passed 48,000 paying users.", ["48.000"], "en") == ["48,000"]
