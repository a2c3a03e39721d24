"""A personal voice: learn, save/load, compare, the review section and the commands."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import postcraft
from postcraft.cli import main
from postcraft.errors import ConfigError, InputError
from postcraft.voice import FORMAT, compare, learn, load

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
SCHEMA = Path(__file__).resolve().parents[1] / "docs" / "schema" / "review.schema.json"

# One person who opens with questions, writes short sentences from "I" and never uses emoji.
ASKER_EN = [
    "Why do we still print the rota? I asked my team today. Nobody knew.",
    "What makes a good handover? I think it is the questions you ask. I learned that on nights.",
    "Who taught you to say no? I had to learn it late. It still feels odd.",
    "How many meetings could be a message? I counted mine this week. Too many.",
    "Have you ever changed your mind in a meeting? I did on Tuesday. It felt good.",
    "What did your first week teach you? Mine taught me to listen. I talked too much.",
    "When did you last thank a porter? I did today. He looked surprised.",
    "Why is the simplest fix the hardest to agree on? I wonder about it every week.",
    "Where do good ideas come from at work? For me it is the coffee queue. I mean it.",
    "Is a checklist boring? I used to think so. Then one saved a patient.",
    "What would you stop doing tomorrow? I would stop the Friday report. Nobody reads it.",
]
HELD_OUT = "Do you write down what went well? I started last month. It changed my Mondays."
PRESS = (
    "We are proud to announce the launch of our new integrated digital platform for patient "
    "flow optimisation, delivering significant efficiency gains across all departments. "
    "#Innovation #DigitalHealth #Leadership"
)
ASKER_DA = [
    "Hvorfor printer vi stadig vagtplanen? Jeg spurgte holdet i dag. Ingen vidste det.",
    "Hvad gør en god overlevering? Jeg tror, det er spørgsmålene. Det lærte jeg om natten.",
    "Hvem lærte dig at sige nej? Jeg lærte det sent. Det føles stadig mærkeligt.",
    "Hvor mange møder kunne have været en besked? Jeg talte mine i denne uge. For mange.",
    "Har du skiftet mening midt i et møde? Det gjorde jeg i tirsdags. Det var befriende.",
    "Hvad lærte din første uge dig? Min lærte mig at lytte. Jeg talte for meget.",
    "Hvornår takkede du sidst en portør? Jeg gjorde det i dag. Han så overrasket ud.",
    "Hvorfor er den enkleste løsning den sværeste at blive enige om? Jeg undrer mig hver uge.",
    "Hvor kommer gode idéer fra? For mig er det køen ved kaffemaskinen. Helt ærligt.",
    "Er en tjekliste kedelig? Det troede jeg engang. Så reddede en en patient.",
]
PRESS_DA = (
    "Vi er stolte af at kunne præsentere lanceringen af vores nye integrerede digitale platform "
    "til optimering af patientforløb med betydelige effektiviseringsgevinster. #Innovation #Sundhed"
)


def test_a_held_out_post_sounds_more_like_its_author_than_a_press_release() -> None:
    me = learn(ASKER_EN)
    own, press = compare(HELD_OUT, me), compare(PRESS, me)
    assert own.score > press.score + 0.2
    assert own.label in ("close", "near") and press.label == "far"
    features = [d.feature for d in press.differences]
    assert "opener" in features and len(features) <= 3
    opener = next(d for d in press.differences if d.feature == "opener")
    assert opener.message == "You usually open with a question; this opens with a press-release sentence."


def test_differences_are_in_the_drafts_language() -> None:
    me = learn(ASKER_DA)
    m = compare(PRESS_DA, me)
    assert m.label_text == "lyder ikke som dig"
    messages = " ".join(d.message for d in m.differences)
    assert "Du åbner som regel med et spørgsmål" in messages
    assert "you" not in messages.lower().split()


def test_profile_round_trips_as_plain_versioned_json(tmp_path: Path) -> None:
    me = learn(ASKER_EN, name="Asker")
    path = tmp_path / "me.json"
    me.save(path)
    raw = json.loads(path.read_text("utf-8"))
    assert raw["format"] == FORMAT and raw["posts"] == len(ASKER_EN) and raw["openers"]["question"] == 11
    again = load(path)
    assert again.to_dict() == me.to_dict()
    assert compare(HELD_OUT, again).score == pytest.approx(compare(HELD_OUT, me).score)


def test_a_wrong_format_or_broken_file_is_refused(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"format": "postcraft-voice/99", "posts": 1}), "utf-8")
    with pytest.raises(ConfigError, match="expected 'postcraft-voice/1'"):
        load(bad)
    bad.write_text("not json", "utf-8")
    with pytest.raises(ConfigError):
        load(bad)
    with pytest.raises(InputError):
        learn(["", "  "])


def test_favourite_words_leave_out_stop_words_and_names() -> None:
    posts = [f"Jeg elsker kaffe om morgenen, og Mette siger altid noget klogt. Dag {i}." for i in range(8)]
    me = learn(posts, lang="da")
    fav = me.favourites["da"]
    assert "kaffe" in fav and "morgen" in fav
    assert "mette" not in fav and "og" not in fav and "jeg" not in fav


def test_review_with_voice_adds_the_section_and_matches_the_schema() -> None:
    me = learn(ASKER_EN)
    r = postcraft.review(PRESS, voice=me)
    assert r.voice is not None and r.voice.label == "far"
    data = r.to_dict()
    assert data["voice"]["differences"] and data["schema_version"] == postcraft.SCHEMA_VERSION
    assert postcraft.review(PRESS).to_dict()["voice"] is None
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(SCHEMA.read_text("utf-8"))
    jsonschema.validate(data, schema)
    jsonschema.validate(postcraft.review(PRESS).to_dict(), schema)
    assert "Sounds like you?" in r._repr_html_() and "voice: far" in repr(r)


def test_voice_commands_on_the_example_history(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "karen.json"
    assert (
        main(["voice", "learn", str(EXAMPLES / "history.csv"), "--author", "Karen Lund", "-o", str(out)]) == 0
    )
    profile = load(out)
    assert profile.name == "Karen Lund" and profile.posts >= 10
    capsys.readouterr()
    main(["review", str(EXAMPLES / "post-da.txt"), "--voice", str(out), "--format", "json"])
    data = json.loads(capsys.readouterr().out)
    assert 0 <= data["voice"]["score"] <= 1 and data["voice"]["profile_posts"] == profile.posts
    main(["review", str(EXAMPLES / "post-da.txt"), "--voice", str(out)])
    assert "Lyder det som dig?" in capsys.readouterr().out
    assert main(["voice", "show", str(out)]) == 0
    assert "Karen Lund" in capsys.readouterr().out
    code = main(["voice", "learn", str(EXAMPLES / "history.csv"), "--author", "Nobody", "-o", str(out)])
    assert code == 2 and "no posts by 'Nobody'" in capsys.readouterr().err


def test_voice_learn_reads_a_folder_of_posts(tmp_path: Path) -> None:
    folder = tmp_path / "posts"
    folder.mkdir()
    for i, text in enumerate(ASKER_DA):
        (folder / f"{i:02}.txt").write_text(text, "utf-8")
    (folder / "notes.bin").write_bytes(b"\x00\xff")  # not a post: ignored
    out = tmp_path / "me.json"
    assert main(["voice", "learn", str(folder), "-o", str(out)]) == 0
    assert load(out).posts == len(ASKER_DA) and load(out).usual_opener == "question"
