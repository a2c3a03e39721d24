"""Hostile rosters: broken CSV quoting, first names that are ordinary words (issue 20, part B)."""

from __future__ import annotations

from pathlib import Path

import pytest

from postcraft.analysis import analyze
from postcraft.errors import ConfigError
from postcraft.tags import load_roster, suggest


def test_csv_with_an_unterminated_quote_is_an_error_at_its_line(tmp_path: Path) -> None:
    p = tmp_path / "roster.csv"
    p.write_text('name,consent\nOle Berg,yes\n"Mette Hansen,yes\nAnna Lund,yes\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="never closed") as info:
        load_roster(p)
    assert info.value.line == 3


def test_csv_cell_running_over_lines_is_an_error(tmp_path: Path) -> None:
    p = tmp_path / "roster.csv"
    p.write_text('name,consent\n"Mette\nHansen",yes\nOle Berg,yes\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="runs over lines 2–3") as info:
        load_roster(p)
    assert info.value.line == 2


def test_csv_quotes_inside_an_unquoted_cell_still_read(tmp_path: Path) -> None:
    p = tmp_path / "roster.csv"
    p.write_text('name,consent\nAnna "AJ" Lund,yes\n', encoding="utf-8")
    assert [x.name for x in load_roster(p).people] == ['Anna "AJ" Lund']


ROSTER = {
    "people": [
        {"name": "May Lund", "consent": True},
        {"name": "Jeg Hansen", "consent": True},
        {"name": "Per Holm", "consent": True},
    ]
}


def _people(text: str, lang: str) -> list[str]:
    return [s.target for s in suggest(analyze(text, lang=lang), ROSTER).people]


@pytest.mark.parametrize(
    "text,lang",
    [
        ("Sales will rise in May this year.", "en"),
        ("We launch on May 5.", "en"),
        ("Jeg har lært meget i år.", "da"),
        ("Det var en god dag. Jeg tror på det.", "da"),
    ],
)
def test_ordinary_words_are_not_tagged_as_first_names(text: str, lang: str) -> None:
    assert _people(text, lang) == []


@pytest.mark.parametrize(
    "text,lang,who",
    [
        ("May and I built it for the team.", "en", "May Lund"),
        ("Thanks to @May Lund for the slides.", "en", "May Lund"),
        ("Tak til Per for hjælpen med projektet.", "da", "Per Holm"),
        ("Jeg Hansen har bygget det.", "da", "Jeg Hansen"),
    ],
)
def test_first_names_with_evidence_are_still_tagged(text: str, lang: str, who: str) -> None:
    assert _people(text, lang) == [who]
