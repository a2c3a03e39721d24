"""Amplification nudges and the engagement-bait rule's exception for credited colleagues."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import postcraft
from postcraft.cli import main
from postcraft.errors import InputError

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
ROSTER = str(EXAMPLES / "roster.yaml")
GROUPS = str(EXAMPLES / "groups.yaml")
POST_DA = (
    "Vi har lige sat den første fundamentsinspektion med drone i drift på Horns Rev.\n\n"
    "Tak til Anders Krogh, der fik idéen og holdt fast i den.\n\n"
    "Hvad ville I bruge droner til i jeres arbejde?"
)


def test_nudge_names_the_point_the_question_and_the_thanked_colleague() -> None:
    n = postcraft.nudge(POST_DA, group="havvind", groups=GROUPS, roster=ROSTER, author="Camilla Frost")
    assert n.lang == "da" and n.recipients == ("Anders Krogh", "Mette Hansen")  # the author is not nudged
    assert n.question == "Hvad ville I bruge droner til i jeres arbejde?"
    assert n.thanked == ("Anders Krogh",)
    assert n.point.startswith("Vi har lige sat den første")
    assert "svar kun, hvis du har noget at tilføje" in n.text


@pytest.mark.parametrize("lang", ["da", "en"])
def test_a_nudge_is_not_an_engagement_pod(lang: str) -> None:
    n = postcraft.nudge(POST_DA, group=["Mette Hansen", "Anders Holm"], roster=ROSTER, lang=lang)
    text = n.text.lower()
    # it asks for genuine responses and tells people not to like for reach
    assert ("algoritmen" in text and "lad være med at like" in text) or (
        "algorithm" in text and "don't like it just to boost" in text
    )
    for bait in (
        "like og del",
        "like and share",
        "husk at like",
        "remember to like",
        "skriv ja",
        "comment yes",
    ):
        assert bait not in text
    assert all(f.rule != "linkedin.engagement-bait" for f in postcraft.check(n.text, lang=lang))


def test_only_people_who_agreed_are_addressed() -> None:
    n = postcraft.nudge(POST_DA, group="ledere", groups=GROUPS, roster=ROSTER)
    assert "Lars Jensen" in n.withheld and "Lars Jensen" not in n.text
    with pytest.raises(InputError, match="not in the roster"):
        postcraft.nudge(POST_DA, group=["Nobody Here"], roster=ROSTER)
    with pytest.raises(InputError, match="no amplification group 'x'"):
        postcraft.nudge(POST_DA, group="x", groups=GROUPS, roster=ROSTER)


def test_nudge_command(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    post = tmp_path / "post.txt"
    post.write_text(POST_DA, "utf-8")
    assert main(["nudge", str(post), "--group", "havvind", "--groups", GROUPS, "--roster", ROSTER]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Hej Anders Krogh, Mette Hansen og Camilla Frost")
    code = main(
        [
            "nudge",
            str(post),
            "--group",
            "Mette Hansen",
            "--roster",
            ROSTER,
            "--lang",
            "en",
            "--format",
            "json",
        ]
    )
    data = json.loads(capsys.readouterr().out)
    assert code == 0 and data["recipients"] == ["Mette Hansen"] and data["thanked"] == ["Anders Krogh"]
    assert main(["nudge", str(post), "--group", "nope", "--groups", GROUPS, "--roster", ROSTER]) == 2


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        ("Tag en kollega, der har gjort en forskel for dig i år.", True),
        ("Tag en kollega, der fortjener en tak.", True),  # no one named: still a call for tags
        ("Jeg må lige tag en kollega, der fortjener en kæmpe tak: @Mette Hansen byggede modellen.", False),
        ("Tag a colleague who made your year.", True),
        ("I want to tag a colleague who deserves the credit: @Sara Jones built the whole model.", False),
        ("Tag a colleague who deserves the credit. @Sara Jones, you know it.", True),  # other sentence
    ],
)
def test_tagging_a_named_colleague_for_a_reason_is_not_bait(text: str, flagged: bool) -> None:
    rules = [f.rule for f in postcraft.check(text)]
    assert ("linkedin.engagement-bait" in rules) is flagged
