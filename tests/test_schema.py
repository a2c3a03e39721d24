"""docs/schema/review.schema.json describes Review.to_dict() exactly: real reviews validate, drift fails."""

from __future__ import annotations

import copy
import io
import json
from contextlib import redirect_stdout
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

import postcraft
from conftest import EXAMPLES, ROOT
from postcraft.cli import main
from postcraft.pipeline import SCHEMA_VERSION, Review

SCHEMA = json.loads((ROOT / "docs" / "schema" / "review.schema.json").read_text("utf-8"))
GUIDELINES = EXAMPLES / "guidelines.yaml"
ROSTER = EXAMPLES / "roster.yaml"
VALIDATOR = Draft202012Validator(SCHEMA, format_checker=Draft202012Validator.FORMAT_CHECKER)

DRAFTS = {
    "da-personal": (EXAMPLES / "post-da.txt").read_text("utf-8"),
    "en-personal": (EXAMPLES / "post-en.txt").read_text("utf-8"),
    "da-corporate": (
        "Vi er stolte af at kunne præsentere vores nye innovative løsning, som vil revolutionere markedet "
        "for grøn energi 🚀. Læs mere på https://contoso.example/nyhed og del gerne med dit netværk!\n\n"
        "Tak til Mette og Anders for det store arbejde med Projekt Ørn.\n\n"
        "#grønomstilling #energi #innovation #job #karriere"
    ),
    "en-corporate": (
        "We are thrilled to announce that Contoso has launched Fjord Analytics, a best-in-class solution "
        "to leverage synergies across the value chain. Learn more: https://contoso.example/launch\n"
        "Thanks to Priya Raman and Anders for making it happen 🎉 #innovation #data #cloud #ai"
    ),
    "da-emoji-lines": "Første dag 👋🏽 på jobbet!\r\nJeg glæder mig – og ja, jeg er nervøs 😅\n\n\n#NytJob",
    "en-mention": (
        "Huge thanks to @[Priya Raman](urn:li:person:Pr1yaR4m4n) for the review 🙏 #SoftwareEngineering"
    ),
    "da-expert": (
        "Jeg har brugt ugen på at planlægge vores næste havvindprojekt, og projektledelse på havvind er "
        "sværere end jeg troede. Hvordan gør I?"  # experts only when asked for (issue 14)
    ),
    "en-expert": (
        "I moved our build to the cloud this month. Software engineering is mostly patience, it turns out."
    ),
    "da-long": ("Jeg har lært noget i dag. " * 140).strip(),
}


def full_review(text: str, *, lang: str | None = None, guidelines: Any = None, roster: Any = None) -> Review:
    """A review with every capability: tone, findings and tags."""
    r = postcraft.review(text, lang=lang, guidelines=guidelines, roster=roster)
    assert (r.tone is not None) == bool(text.strip()) and r.tags is not None  # no tone for a blank text
    return r


def errors(data: Any) -> list[str]:
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in VALIDATOR.iter_errors(data)]


def check_consistency(data: dict[str, Any], text: str) -> None:
    """What the schema cannot say: spans lie inside the text and agree with each other."""
    n = len(text)
    assert data["length"] == n
    assert 0 <= data["fold"]["mobile"] <= data["fold"]["desktop"] <= n
    u16 = [0]
    for ch in text:
        u16.append(u16[-1] + (2 if ord(ch) > 0xFFFF else 1))
    for f in data["findings"]:
        assert 0 <= f["start"] <= f["end"] <= n, f
        assert (f["utf16_start"], f["utf16_end"]) == (u16[f["start"]], u16[f["end"]]), f
        assert (f["line"], f["column"]) <= (f["end_line"], f["end_column"]), f
    if data["tone"] is not None:
        for d in data["tone"]["drivers"]:
            assert d["text"] == " … ".join(text[s:e] for s, e in d["spans"])
    if data["tags"] is not None:
        for group in ("people", "companies", "experts", "hashtags", "ambiguous", "withheld"):
            for s in data["tags"][group]:
                if s["start"] is not None:
                    assert 0 <= s["start"] <= s["end"] <= n
                    assert (s["utf16_start"], s["utf16_end"]) == (u16[s["start"]], u16[s["end"]])


def test_schema_is_valid_2020_12() -> None:
    Draft202012Validator.check_schema(SCHEMA)
    assert SCHEMA["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def test_schema_version_matches_the_code() -> None:
    assert SCHEMA["properties"]["schema_version"]["const"] == SCHEMA_VERSION
    assert SCHEMA["$id"].endswith(":" + SCHEMA_VERSION)


def test_top_level_keys_match_to_dict() -> None:
    data = postcraft.review(DRAFTS["en-personal"]).to_dict()
    assert set(SCHEMA["properties"]) == set(data)
    assert set(SCHEMA["required"]) == set(data)


@pytest.mark.parametrize("name", sorted(DRAFTS))
def test_real_reviews_validate(name: str) -> None:
    text = DRAFTS[name]
    data = full_review(text).to_dict()
    assert errors(data) == []
    check_consistency(data, text)


@pytest.mark.parametrize("name", sorted(DRAFTS))
def test_reviews_with_guidelines_and_roster_validate(name: str) -> None:
    text = DRAFTS[name]
    data = full_review(text, guidelines=str(GUIDELINES), roster=str(ROSTER)).to_dict()
    assert errors(data) == []
    check_consistency(data, text)


def test_the_examples_cover_every_part_of_the_schema() -> None:
    """The drafts above exercise findings, driver spans, every kind of tag and both note kinds,
    so the tests above do check those parts of the schema."""
    seen: set[str] = set()
    for text in DRAFTS.values():
        d = full_review(text, guidelines=str(GUIDELINES), roster=str(ROSTER)).to_dict()
        if d["findings"]:
            seen.add("findings")
        if any(f["replacements"] for f in d["findings"]):
            seen.add("replacements")
        if d["tone"] and any(dr["spans"] for dr in d["tone"]["drivers"]):
            seen.add("driver spans")
        for group in ("people", "companies", "experts", "hashtags", "ambiguous"):
            if d["tags"][group]:
                seen.add(group)
        if d["readability"]["flesch"] is None:
            seen.add("flesch null")
    want = {
        "findings",
        "replacements",
        "driver spans",
        "people",
        "companies",
        "experts",
        "hashtags",
        "ambiguous",
        "flesch null",
    }
    assert want <= seen, want - seen


def test_review_without_tone_or_tags_validates() -> None:
    r = postcraft.review("Jeg har lige fået nyt job, og jeg glæder mig.")
    bare = Review(analysis=r.analysis)
    assert errors(bare.to_dict()) == []


@pytest.mark.parametrize("name", ["post-da.txt", "post-en.txt"])
def test_cli_json_is_exactly_to_dict(name: str) -> None:
    path = EXAMPLES / name
    out = io.StringIO()
    with redirect_stdout(out):
        main(
            [
                "review",
                str(path),
                "--format",
                "json",
                "--guidelines",
                str(GUIDELINES),
                "--roster",
                str(ROSTER),
            ]
        )
    data = json.loads(out.getvalue())
    assert errors(data) == []
    text = path.read_text("utf-8")
    expected = postcraft.review(text, guidelines=str(GUIDELINES), roster=str(ROSTER)).to_dict()
    assert data == json.loads(json.dumps(expected))


# -- drift is caught -----------------------------------------------------------------------------
@pytest.fixture(scope="module")
def sample() -> dict[str, Any]:
    data = full_review(DRAFTS["da-corporate"], guidelines=str(GUIDELINES), roster=str(ROSTER)).to_dict()
    assert data["findings"] and data["tone"]["drivers"] and data["tags"]["people"]
    return data


@pytest.mark.parametrize(
    "path",
    [
        (),
        ("fold",),
        ("readability",),
        ("tone",),
        ("tone", "drivers", 0),
        ("findings", 0),
        ("tags",),
        ("tags", "people", 0),
    ],
)
def test_an_unknown_field_is_rejected(sample: dict[str, Any], path: tuple[Any, ...]) -> None:
    data = copy.deepcopy(sample)
    target = data
    for key in path:
        target = target[key]
    target["surprise"] = 1
    assert errors(data)


@pytest.mark.parametrize(
    "path, value",
    [
        (("schema_version",), "1.0"),
        (("lang",), "sv"),
        (("findings", 0, "applicability"), "manual"),
        (("findings", 0, "applicability"), True),
        (("findings", 0, "severity"), "info"),
        (("findings", 0, "rule"), "Not A Rule"),
        (("findings", 0, "start"), -1),
        (("findings", 0, "line"), 0),
        (("tone", "personal"), 1.5),
        (("tone", "label"), "neutral"),
        (("tone", "drivers", 0, "direction"), "up"),
        (("tone", "drivers", 0, "spans"), [[1, 2, 3]]),
        (("tags", "people", 0, "urn"), "https://linkedin.example/in/x"),
        (("tags", "people", 0, "kind"), "hashtag"),
        (("tags", "people", 0, "action"), "add"),
        (("readability", "flesch"), "n/a"),
    ],
)
def test_a_wrong_value_is_rejected(sample: dict[str, Any], path: tuple[Any, ...], value: Any) -> None:
    data = copy.deepcopy(sample)
    target = data
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    assert errors(data)


@pytest.mark.parametrize("key", ["findings", "tone", "tags", "fold", "schema_version"])
def test_a_missing_field_is_rejected(sample: dict[str, Any], key: str) -> None:
    data = copy.deepcopy(sample)
    del data[key]
    assert errors(data)


def test_a_located_suggestion_must_carry_its_position(sample: dict[str, Any]) -> None:
    data = copy.deepcopy(sample)
    del data["tags"]["people"][0]["utf16_start"]
    assert errors(data)
    hashtag = {
        "kind": "hashtag",
        "target": "#Job",
        "urn": None,
        "start": None,
        "end": None,
        "score": 0.5,
        "reason": "x",
        "action": "add",
        "line": 1,
    }
    data = copy.deepcopy(sample)
    data["tags"]["hashtags"] = [hashtag]
    assert errors(data)
    del hashtag["line"]
    assert errors(data) == []


# -- any text ------------------------------------------------------------------------------------
PIECES = list("abcæøå ÆØÅ#@.!?,\n\r\t-–:🎉") + [
    "👋🏽",
    " Jeg ",
    " vi ",
    " I ",
    "Mette",
    "Anders",
    "https://x.dk",
]
TEXT = st.lists(st.sampled_from(PIECES), max_size=60).map("".join)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=TEXT, lang=st.sampled_from(["da", "en"]))
def test_any_text_gives_a_valid_review(text: str, lang: str) -> None:
    data = full_review(text, lang=lang, roster=str(ROSTER)).to_dict()
    assert errors(data) == []
    check_consistency(data, text)


def test_the_example_in_the_json_guide_validates() -> None:
    import re

    doc = (ROOT / "docs" / "json.md").read_text("utf-8")
    blocks = re.findall(r"```(\w+)\n(.*?)```", doc, re.S)
    text = next(body for kind, body in blocks if kind == "text").rstrip("\n")
    data = json.loads(next(body for kind, body in blocks if kind == "json"))
    assert errors(data) == []
    check_consistency(data, text)
    # the same draft still gives the same findings and tags (tone numbers may move with the model)
    fresh = full_review(text, roster=str(ROSTER)).to_dict()
    assert fresh["findings"] == data["findings"]
    assert fresh["tags"] == data["tags"]
