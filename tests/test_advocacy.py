"""Amplification nudges and the engagement-bait rule's exception for credited colleagues."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

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


# -- groups from the roster, the like/tag agreement ----------------------------------------------
GUIDELINES = str(EXAMPLES / "guidelines.yaml")


def test_groups_come_from_the_roster_amplification_lists() -> None:
    from postcraft.advocacy import roster_groups

    groups = roster_groups(ROSTER)
    assert groups["ledere"] == ("Mette Hansen", "Anders Holm", "Camilla Frost", "Lars Jensen")
    n = postcraft.nudge(POST_DA, group="ledere", roster=ROSTER, author="Camilla Frost")
    assert n.group == "ledere" and n.recipients == ("Mette Hansen", "Anders Holm")
    assert n.withheld == ("Lars Jensen",) and not n.agreement
    with pytest.raises(InputError, match="roster's amplification lists"):
        postcraft.nudge(POST_DA, group="havvind", roster=ROSTER)  # only in the groups file


@pytest.mark.parametrize("lang", ["da", "en"])
def test_the_agreement_phrases_what_to_do(lang: str) -> None:
    n = postcraft.nudge(POST_DA, group="ledere", roster=ROSTER, guidelines=GUIDELINES, lang=lang)
    assert n.agreement
    comment = {"da": "Skriv en kommentar med en konkret tilføjelse", "en": "Comment with something concrete"}
    note = {"da": "Ingen er forpligtet", "en": "Nobody has to"}
    assert comment[lang] in n.text and note[lang] in n.text  # the file's own words
    assert all(f.rule != "linkedin.engagement-bait" for f in postcraft.check(n.text, lang=lang))
    # a group the agreement does not list gets the default guidance
    other = postcraft.nudge(POST_DA, group="havvind", groups=GROUPS, roster=ROSTER, guidelines=GUIDELINES)
    assert not other.agreement and "svar kun, hvis du har noget at tilføje" in other.text


def test_nudge_command_reads_roster_groups(capsys: pytest.CaptureFixture[str]) -> None:
    post = str(EXAMPLES / "post-da.txt")
    args = [
        "nudge",
        post,
        "--group",
        "ledere",
        "--roster",
        ROSTER,
        "--guidelines",
        GUIDELINES,
        "--format",
        "json",
    ]
    assert main(args) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["group"] == "ledere" and data["agreement"] is True
    assert "Lars Jensen" in data["withheld"] and "Lars Jensen" not in data["text"]


# -- tagging a colleague who agreed ---------------------------------------------------------------
TAG_EN = "Let me tag a colleague who knows this far better than I do: @Priya Raman, what would you add?"
TAG_DA = "Jeg må lige tag en kollega, der ved mere om økonomi end mig: @Lars Jensen, hvad siger du?"


def test_tagging_a_colleague_who_agreed_is_not_bait() -> None:
    bait = "linkedin.engagement-bait"
    assert bait in {f.rule for f in postcraft.review(TAG_EN).findings}  # no roster: nobody agreed
    assert bait not in {f.rule for f in postcraft.review(TAG_EN, roster=ROSTER).findings}
    # Lars Jensen has not agreed to be tagged (consent: false)
    assert bait in {f.rule for f in postcraft.review(TAG_DA, roster=ROSTER).findings}
    # the agreement may say tagging colleagues is not welcome
    g = {"agreement": {"tag_colleagues": False}}
    assert bait in {f.rule for f in postcraft.review(TAG_EN, roster=ROSTER, guidelines=g).findings}


# -- coaching ------------------------------------------------------------------------------------
HISTORY = str(EXAMPLES / "history.csv")
HISTORY_ROSTER = str(EXAMPLES / "history-roster.yaml")


def test_experts_are_paired_with_beginners_by_topic_and_language() -> None:
    c = postcraft.pair_experts(ROSTER, lang="da")
    pairs = {p.beginner: p for p in c.pairs}
    assert set(pairs) == {"Anders Holm", "Lars Jensen", "Emil Sørensen"}  # everyone not an expert
    assert set(c.experts) == {"Mette Hansen", "Anders Krogh", "Priya Raman", "Camilla Frost"}
    holm = pairs["Anders Holm"]
    assert holm.expert == "Anders Krogh" and holm.topics == ("projektledelse",)
    # two people called Anders: the reason says which
    assert holm.reason.startswith("Anders Krogh kender projektledelse") and "Anders Holm" in holm.reason
    assert "Begge skriver på dansk." in holm.reason
    assert all(p.posts is None and p.posted_since is None for p in c.pairs)
    en = postcraft.pair_experts(ROSTER, lang="en")
    assert "Both write in Danish." in {p.beginner: p for p in en.pairs}["Anders Holm"].reason
    # one beginner per expert while another has room
    assert len({p.expert for p in c.pairs}) == 3


def test_coaching_with_a_history_serves_the_fewest_posts_first() -> None:
    c = postcraft.pair_experts(ROSTER, HISTORY, lang="en", since="2025-11-01")
    assert [p.beginner for p in c.pairs] == ["Emil Sørensen", "Lars Jensen", "Anders Holm"]
    emil, lars, holm = c.pairs
    assert (emil.posts, emil.last_post, emil.posted_since) == (0, None, False)
    assert "Emil hasn't posted yet." in emil.reason
    assert lars.posts == 12 and lars.posted_since is False
    assert holm.posts == 22 and holm.posted_since is True
    import datetime as dt

    assert c.since == dt.date(2025, 11, 1) and holm.last_post is not None and holm.last_post >= c.since


def test_a_beginner_whose_language_no_expert_writes_is_unpaired() -> None:
    roster = {
        "people": [
            {"name": "Priya Raman", "expert": True, "languages": ["en"], "topics": ["cloud"]},
            {"name": "Ole Dam", "languages": ["da"]},
        ]
    }
    c = postcraft.pair_experts(roster, lang="da")
    assert not c.pairs and c.unpaired == (("Ole Dam", "Ingen af eksperterne skriver på dansk."),)
    with pytest.raises(InputError, match="no experts"):
        postcraft.pair_experts({"people": [{"name": "Ole Dam"}]})


@pytest.mark.parametrize("fmt", ["text", "json", "md"])
def test_coach_command(fmt: str, capsys: pytest.CaptureFixture[str]) -> None:
    args = ["coach", "--roster", ROSTER, "--history", HISTORY, "--lang", "da", "--format", fmt]
    assert main(args) == 0
    out = capsys.readouterr().out
    if fmt == "json":
        data = json.loads(out)
        assert data["pairs"][0]["beginner"] == "Emil Sørensen" and data["since"] == "2025-10-31"
    elif fmt == "md":
        assert out.startswith("# Sparringspar") and "| Anders Krogh | Anders Holm |" in out
    else:
        assert "Anders Krogh → Anders Holm" in out and "Har skrevet siden 2025-10-31: ja" in out
    assert main(["coach"]) == 2  # --roster is required


# -- celebration ---------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def october() -> dict[str, Any]:
    return {
        lang: postcraft.celebrate(HISTORY, HISTORY_ROSTER, month="2025-10", lang=lang)
        for lang in ("da", "en")
    }


def test_the_month_s_milestones_become_shout_outs(october: dict[str, Any]) -> None:
    c = october["da"]
    kinds = {(s.kind, s.name or s.team, s.number) for s in c.shoutouts}
    assert ("person_milestone", "Camilla Frost", 50) in kinds
    assert ("person_milestone", "Anders Krogh", 25) in kinds
    assert ("team_milestone", "Platform", 100) in kinds
    assert ("organisation_milestone", None, 500) in kinds
    assert ("organisation_best_month", None, 51) in kinds
    assert all("2025-10-01" <= s.date.isoformat() <= "2025-10-31" for s in c.shoutouts)
    assert "Oktober 2025 blev vores bedste måned indtil nu med 51 opslag. Tak for det." in [
        s.text for s in c.shoutouts
    ]
    en = {s.kind: s.text for s in october["en"].shoutouts}
    assert (
        en["organisation_best_month"] == "October 2025 was our best month so far, with 51 posts. Thank you."
    )


def test_nobody_is_named_without_consent(october: dict[str, Any]) -> None:
    c = october["da"]
    # Maja Thorsen (first post in October) is not in the roster: a personal message, not a shout-out
    maja = [s for s in c.shoutouts if s.name == "Maja Thorsen"]
    assert [s.kind for s in maja] == ["first_post"] and maja[0].audience == "internal"
    assert maja[0].text.startswith("Hej Maja") and "Thorsen" not in maja[0].text
    public = " ".join(s.text for s in c.public)
    assert "Maja" not in public and "Lars Jensen" not in public
    # without a roster nobody is known to have agreed
    bare = postcraft.celebrate(HISTORY, month="2025-10", lang="en")
    assert not bare.consent_known and all(s.audience == "internal" for s in bare.shoutouts if s.name)
    assert bare.ambassador is not None and bare.ambassador.audience == "internal"


def test_the_ambassador_is_chosen_by_a_published_score_not_likes(october: dict[str, Any]) -> None:
    c = october["da"]
    a = c.ambassador
    assert a is not None and a.audience == "public"
    best = c.candidates[0]
    assert a.name == best.name and a.score == best.score
    assert best.score == min(best.posts, 4) + best.weeks + (2 if best.engaging else 0)
    assert [x.score for x in c.candidates] == sorted((x.score for x in c.candidates), reverse=True)
    assert a.post_excerpt and a.post_excerpt.rstrip("…") in a.text.replace("»", "").replace("«", "")
    assert "Det er ikke en rangliste over likes." in c.method
    # the post with the most reactions is not what decides
    from postcraft.insights import load_history

    posts = [p for p in load_history(HISTORY).posts if f"{p.date:%Y-%m}" == "2025-10"]
    most_liked = max(posts, key=lambda p: p.reactions or 0)
    assert most_liked.line != a.post_line or best.engaging


@pytest.mark.parametrize("lang", ["da", "en"])
def test_celebration_texts_are_not_bait(lang: str, october: dict[str, Any]) -> None:
    c = october[lang]
    texts = [s.text for s in c.shoutouts] + [c.ambassador.text]
    for text in texts:
        assert not [f.rule for f in postcraft.check(text, lang=lang) if f.rule == "linkedin.engagement-bait"]
        assert "!!" not in text


@pytest.mark.parametrize("fmt", ["text", "json", "md"])
def test_celebrate_command(fmt: str, capsys: pytest.CaptureFixture[str]) -> None:
    args = ["celebrate", HISTORY, "--roster", HISTORY_ROSTER, "--lang", "da", "--month", "2025-10"]
    assert main([*args, "--format", fmt]) == 0
    out = capsys.readouterr().out
    if fmt == "json":
        data = json.loads(out)
        assert data["month"] == "2025-10" and data["ambassador"]["audience"] == "public"
        assert {s["audience"] for s in data["shoutouts"]} == {"public", "internal"}
    elif fmt == "md":
        assert out.startswith("# Fejring, oktober 2025") and "## Månedens ambassadør" in out
        assert "| Maja Thorsen |" not in out and "ikke har sagt ja" in out
    else:
        assert "Hilsner, der kan deles:" in out and "Personlige beskeder" in out
    assert main(["celebrate", HISTORY, "--month", "2025-13"]) == 2


def test_streaks_and_the_default_month() -> None:
    import datetime as dt

    from postcraft.advocacy.celebrate import streak_reached

    weeks = [dt.date(2025, 3, 3) + dt.timedelta(weeks=i) for i in range(9)]
    assert streak_reached(weeks, 8) == dt.date(2025, 4, 21)
    assert streak_reached(weeks[:3] + weeks[4:], 4) == dt.date(2025, 4, 21)  # a gap starts over
    c = postcraft.celebrate(HISTORY, HISTORY_ROSTER, lang="en")
    assert c.month == "2025-11"  # the newest post's month
    assert ("streak", "Line Kjær", 4) in {(s.kind, s.name, s.number) for s in c.shoutouts}
