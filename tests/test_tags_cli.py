"""The ``tags`` and ``roster`` sub-commands (registered by postcraft.cli.tags)."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import pytest

from conftest import EXAMPLES
from postcraft.cli import tags as cli
from postcraft.errors import ConfigError, InputError


def run(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="postcraft")
    cli.register(parser.add_subparsers(dest="command"))
    args = parser.parse_args(argv)
    result: int = args.func(args)
    return result


@pytest.fixture
def draft(tmp_path: Path) -> Path:
    p = tmp_path / "draft.txt"
    p.write_text(
        "Tak til Mettes team (HR) og Kystlys for rekrutteringen! Anders hjalp også.\n\nHvad gør I?\n",
        encoding="utf-8",
    )
    return p


def test_tags_text(draft: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["tags", str(draft), "--roster", str(EXAMPLES / "roster.yaml")]) == 0
    out = capsys.readouterr().out
    assert "1:9     person   Mette Hansen" in out
    assert "company  Kystlys A/S" in out
    assert "note     'Anders'" in out


def test_tags_json(draft: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["tags", str(draft), "--roster", str(EXAMPLES / "roster.csv"), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["people"][0]["target"] == "Mette Hansen"
    assert data["ambiguous"][0]["candidates"] == ["Anders Holm", "Anders Krogh"]


def test_tags_little_and_copy(draft: Path, capsys: pytest.CaptureFixture[str]) -> None:
    roster = str(EXAMPLES / "roster.yaml")
    assert run(["tags", str(draft), "--roster", roster, "--format", "little"]) == 0
    little = capsys.readouterr().out
    assert little.startswith("Tak til @[Mette](urn:li:person:Ab3xK9mQ2z)s team \\(HR\\) og @[Kystlys A/S]")
    assert run(["tags", str(draft), "--roster", roster, "--format", "copy", "--accept", "people"]) == 0
    copy = capsys.readouterr().out
    assert copy.startswith("Tak til @Mettes team (HR) og Kystlys for")
    assert "#" not in copy


def test_tags_errors(draft: Path) -> None:
    with pytest.raises(InputError, match="unknown kind 'foo'"):
        run(["tags", str(draft), "--accept", "foo"])
    with pytest.raises(ConfigError, match="no such roster file"):
        run(["tags", str(draft), "--roster", str(draft.parent / "nope.yaml")])


def test_roster_check(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert run(["roster", str(EXAMPLES / "roster.yaml")]) == 0
    out = capsys.readouterr().out
    assert "people: 7 (6 agreed to be tagged, 1 not)" in out
    assert "employer: Kystlys A/S" in out
    assert "no URN" in out and "Camilla Frost" in out
    bad = tmp_path / "bad.yaml"
    bad.write_text("people:\n  - name: A B\n    consnt: true\n", encoding="utf-8")
    with pytest.raises(ConfigError) as exc:
        run(["roster", str(bad)])
    assert exc.value.line == 3 and "did you mean 'consent'" in str(exc.value)
    assert run(["roster", str(EXAMPLES / "roster.csv"), "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["companies"][0]["name"] == "Kystlys A/S"
