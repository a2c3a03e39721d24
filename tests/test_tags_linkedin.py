"""LinkedIn-ready output: copy-ready text and the Posts API's little text format."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from postcraft.errors import InputError
from postcraft.tags import (
    Suggestion,
    escape_little_text,
    load_roster,
    suggest_tags,
    to_copy_text,
    to_little_text,
)

RESERVED = set("\\|{}@[]()<>#*_~")

ROSTER = load_roster(
    {
        "people": [
            {"name": "Mette Hansen", "urn": "urn:li:person:mh1", "consent": True},
            {"name": "Emma Clarke", "urn": "urn:li:person:ec_1", "consent": True},
            {"name": "Camilla Frost", "nicknames": ["Milla"], "consent": True},
            {
                "name": "Sara Lind",
                "urn": "urn:li:person:sl1",
                "consent": True,
                "expert": True,
                "topics": ["AI"],
            },
            {"name": "Grace Liu", "consent": True, "expert": True, "topics": ["AI"]},
        ],
        "companies": [
            {"name": "Kystlys A/S", "aliases": ["Kystlys"], "urn": "urn:li:organization:90210417"},
        ],
    }
)


def unescape_check(little: str) -> str:
    """Parse little text strictly; return the plain text it renders, or fail on a bare reserved char."""
    out: list[str] = []
    i = 0
    while i < len(little):
        c = little[i]
        if c == "\\":
            assert i + 1 < len(little) and little[i + 1] in RESERVED, f"stray backslash at {i}"
            out.append(little[i + 1])
            i += 2
        elif c == "@" and little.startswith("@[", i):
            close = little.index("](urn:li:", i)
            end = little.index(")", close + 2)
            out.append(unescape_check(little[i + 2 : close]))
            i = end + 1
        elif c == "#" and i + 1 < len(little) and little[i + 1].isalnum():
            out.append("#")
            i += 1
        else:
            assert c not in RESERVED, f"unescaped {c!r} at {i} in {little!r}"
            out.append(c)
            i += 1
    return "".join(out)


def test_escape_every_reserved_character() -> None:
    assert escape_little_text("\\|{}@[]()<>#*_~") == "".join("\\" + c for c in "\\|{}@[]()<>#*_~")
    assert escape_little_text("æøå 🎉 & % $") == "æøå 🎉 & % $"


def test_little_text_mentions_and_hashtags() -> None:
    text = "Tak til Mettes team (HR) og Kystlys for en god rekrutteringsproces!"
    s = suggest_tags(text, roster=ROSTER)
    little = to_little_text(text, s.all())
    assert little.startswith("Tak til @[Mette](urn:li:person:mh1)s team \\(HR\\) og ")
    assert "@[Kystlys A/S](urn:li:organization:90210417)" in little  # the page name, as LinkedIn needs
    assert little.endswith("\n\n#Rekruttering")
    unescape_check(little)


def test_copy_text_marks_names_to_repick() -> None:
    text = "Tak til Mette og @Emma for hjælpen med rekrutteringen i teamet."
    s = suggest_tags(text, roster=ROSTER)
    copy = to_copy_text(text, s.all())
    assert copy.startswith("Tak til @Mette og @Emma for")  # no second '@' before @Emma
    assert copy.endswith("#Rekruttering")
    assert to_copy_text(text, s.people, mark="") == text


def test_only_accepted_suggestions_are_applied() -> None:
    text = "Tak til Mette og Emma fra teamet."
    s = suggest_tags(text, roster=ROSTER)
    emma = [p for p in s.people if p.target == "Emma Clarke"]
    assert to_little_text(text, emma) == "Tak til Mette og @[Emma](urn:li:person:ec_1) fra teamet."
    assert to_little_text(text, []) == text
    assert to_copy_text(text, []) == text


def test_person_without_urn_stays_plain() -> None:
    text = "Thanks Milla (again)!"
    s = suggest_tags(text, roster=ROSTER)
    assert to_little_text(text, s.people) == "Thanks Milla \\(again\\)!"
    assert to_copy_text(text, s.people) == "Thanks @Milla (again)!"


def test_existing_hashtags_and_mentions_keep_working() -> None:
    text = "Fejl_rettet (igen) af @[Ole Berg](urn:li:person:ob1) #AI #Team_Work\n"
    little = to_little_text(text, [])
    assert little == "Fejl\\_rettet \\(igen\\) af @[Ole Berg](urn:li:person:ob1) #AI #Team\\_Work\n"
    assert unescape_check(little) == "Fejl_rettet (igen) af Ole Berg #AI #Team_Work\n"


def test_new_hashtags_join_a_trailing_hashtag_line() -> None:
    text = "Vi har brugt kunstig intelligens og AI i et år.\n\n#Innovation\n"
    s = suggest_tags(text, lang="da")
    assert [h.target for h in s.hashtags] == ["#KunstigIntelligens"]
    assert (
        to_copy_text(text, s.hashtags)
        == "Vi har brugt kunstig intelligens og AI i et år.\n\n#Innovation #KunstigIntelligens\n"
    )
    assert to_little_text(text, s.hashtags).endswith("#Innovation #KunstigIntelligens\n")


def test_hashtag_already_in_text_is_not_added_twice() -> None:
    h = Suggestion("hashtag", "#Rekruttering", None, None, None, 0.6, "", "add")
    assert to_copy_text("Vi ansætter.\n\n#rekruttering", [h]) == "Vi ansætter.\n\n#rekruttering"


def test_expert_tag_goes_on_its_own_line_before_the_hashtags() -> None:
    text = "Vi har testet en sprogmodel og kunstig intelligens i et år.\n\nHvad er jeres erfaringer med AI?"
    s = suggest_tags(text, roster=ROSTER)
    sara = next(e for e in s.experts if e.target == "Sara Lind")
    assert sara.action == "tag"
    little = to_little_text(text, s.all())
    # Grace Liu has no URN, so only Sara can be mentioned through the API.
    assert "\n\n@[Sara Lind](urn:li:person:sl1)\n\n#KunstigIntelligens" in little
    copy = to_copy_text(text, s.all())
    assert copy.split("\n\n")[-2] == "@Grace Liu @Sara Lind"
    # An expert without a URN cannot be mentioned through the API.
    grace = Suggestion("expert", "Grace Liu", None, None, None, 0.7, "", "tag")
    assert "Grace" not in to_little_text(text, [grace])
    assert to_copy_text(text, [grace]).endswith("\n\n@Grace Liu")


def test_feedback_experts_are_not_tags() -> None:
    e = Suggestion("expert", "Sara Lind", "urn:li:person:sl1", None, None, 0.5, "", "ask_for_feedback")
    assert to_little_text("Hej.", [e]) == "Hej."


def test_bad_spans_are_errors() -> None:
    a = Suggestion("person", "Mette Hansen", "urn:li:person:mh1", 0, 5, 1.0, "")
    b = Suggestion("person", "Emma Clarke", "urn:li:person:ec1", 3, 8, 1.0, "")
    with pytest.raises(InputError, match="overlap"):
        to_little_text("Mette Emma", [a, b])
    far = Suggestion("person", "Mette Hansen", "urn:li:person:mh1", 40, 45, 1.0, "")
    with pytest.raises(InputError, match="another draft"):
        to_copy_text("Kort tekst.", [far])
    with pytest.raises(InputError, match="Suggestion objects"):
        to_copy_text("x", ["#AI"])  # type: ignore[list-item]


def test_emoji_and_crlf_text() -> None:
    text = "🎉 Tak til Mette for mødet!\r\nGod weekend 😊"
    s = suggest_tags(text, roster=ROSTER)
    little = to_little_text(text, s.all())
    assert little == "🎉 Tak til @[Mette](urn:li:person:mh1) for mødet!\r\nGod weekend 😊"


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(list("abcæøå ABC\n#@_*~<>()[]{}|\\.,!?🎉") + ["Mette", "Kystlys", "AI", " #AI"]),
        max_size=40,
    ).map("".join)
)
def test_little_text_never_leaves_a_reserved_character_bare(text: str) -> None:
    s = suggest_tags(text, roster=ROSTER, lang="da")
    little = to_little_text(text, s.all())
    rendered = unescape_check(little)
    if not s.all():
        assert rendered == text or "@[" in text
