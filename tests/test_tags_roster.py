"""Roster loading: YAML, CSV and dicts, validation with file and line, caching."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from conftest import EXAMPLES, TEST_DATA
from postcraft.errors import ConfigError
from postcraft.tags import Roster, load_roster

DATA = TEST_DATA / "tags"


def write(tmp_path: Path, name: str, text: str) -> Path:
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


def test_example_rosters_load_and_agree() -> None:
    y = load_roster(EXAMPLES / "roster.yaml")
    c = load_roster(EXAMPLES / "roster.csv")
    assert y.to_dict() == c.to_dict()
    assert y.employer is not None and y.employer.urn is not None
    assert any(p.expert for p in y.people)
    assert any(not p.consent for p in y.people)


def test_evaluation_roster_has_fifty_people() -> None:
    r = load_roster(DATA / "roster.yaml")
    assert len(r.people) >= 50
    assert r.source is not None and r.source.endswith("roster.yaml")


def test_none_is_an_empty_roster() -> None:
    r = load_roster(None)
    assert r.people == () and r.companies == () and r.hashtags == ()
    assert load_roster(r) is r


def test_dict_round_trip() -> None:
    r = load_roster(DATA / "roster.yaml")
    again = load_roster(r.to_dict())
    assert again.to_dict() == r.to_dict()


def test_defaults_consent_false_expert_false() -> None:
    r = load_roster({"people": [{"name": "Mette Hansen"}]})
    assert r.people[0].consent is False
    assert r.people[0].expert is False


def test_single_text_is_a_one_item_list() -> None:
    r = load_roster({"people": [{"name": "Mette Hansen", "topics": "rekruttering"}]})
    assert r.people[0].topics == ("rekruttering",)


def test_comma_separated_text_is_not_silently_one_topic() -> None:
    with pytest.raises(ConfigError, match=r"must be a list; write \[rekruttering, onboarding\]"):
        load_roster({"people": [{"name": "Mette Hansen", "topics": "rekruttering, onboarding"}]})


def test_unknown_top_level_key_names_the_line(tmp_path: Path) -> None:
    p = write(tmp_path, "r.yaml", "people: []\npeple:\n  - name: X\n")
    with pytest.raises(ConfigError) as exc:
        load_roster(p)
    assert exc.value.path == str(p)
    assert exc.value.line == 2
    assert "did you mean 'people'" in str(exc.value)


def test_unknown_person_key_names_its_line(tmp_path: Path) -> None:
    p = write(
        tmp_path,
        "r.yaml",
        "people:\n  - name: Mette Hansen\n    consent: true\n    linkedin: https://x\n",
    )
    with pytest.raises(ConfigError) as exc:
        load_roster(p)
    assert exc.value.line == 4
    assert "unknown key 'linkedin'" in str(exc.value)
    assert "Mette Hansen" in str(exc.value)


def test_missing_name(tmp_path: Path) -> None:
    p = write(tmp_path, "r.yaml", "people:\n  - consent: true\n")
    with pytest.raises(ConfigError, match="'name' is missing") as exc:
        load_roster(p)
    assert exc.value.line == 2


@pytest.mark.parametrize(
    ("entry", "needle"),
    [
        ({"name": "A B", "urn": "urn:li:member:123"}, "write it as urn:li:person:<id>"),
        ({"name": "A B", "profile": "https://example.com/a"}, "https://www.linkedin.com/in/<name>"),
        ({"name": "A B", "consent": "ja"}, "'consent' must be true or false"),
        ({"name": "A B", "languages": ["de"]}, "write 'da' and/or 'en'"),
        ({"name": "A B", "aliases": [""]}, "non-empty text"),
    ],
)
def test_person_value_errors_say_what_to_write(entry: dict[str, object], needle: str) -> None:
    with pytest.raises(ConfigError, match=needle.replace("(", r"\(").replace(")", r"\)")):
        load_roster({"people": [entry]})


def test_company_urn_hint() -> None:
    with pytest.raises(ConfigError, match="urn:li:organization:42"):
        load_roster({"companies": [{"name": "Kystlys", "urn": "urn:li:company:42"}]})


def test_hashtag_must_be_linkable() -> None:
    with pytest.raises(ConfigError, match="'#LifeAtKystlys'"):
        load_roster({"hashtags": [{"tag": "#life at kystlys", "topics": ["kultur"]}]})


def test_hashtag_without_hash_gets_one() -> None:
    r = load_roster({"hashtags": [{"tag": "LifeAtKystlys", "topics": ["kultur"]}]})
    assert r.hashtags[0].tag == "#LifeAtKystlys"


def test_hashtag_needs_topics() -> None:
    with pytest.raises(ConfigError, match="'topics' is missing"):
        load_roster({"hashtags": [{"tag": "#LifeAtKystlys"}]})


def test_duplicate_urn_and_two_employers() -> None:
    with pytest.raises(ConfigError, match="each URN belongs to one entry"):
        load_roster(
            {
                "people": [
                    {"name": "A B", "urn": "urn:li:person:x1"},
                    {"name": "C D", "urn": "urn:li:person:x1"},
                ]
            }
        )
    with pytest.raises(ConfigError, match="only one company"):
        load_roster({"companies": [{"name": "A", "employer": True}, {"name": "B", "employer": True}]})


def test_duplicate_yaml_key_is_an_error(tmp_path: Path) -> None:
    p = write(tmp_path, "r.yaml", "people:\n  - name: A B\n    name: C D\n")
    with pytest.raises(ConfigError, match="appears twice") as exc:
        load_roster(p)
    assert exc.value.line == 3


def test_invalid_yaml_names_the_line(tmp_path: Path) -> None:
    p = write(tmp_path, "r.yaml", "people:\n  - name: A B\n   consent: [true\n")
    with pytest.raises(ConfigError, match="not valid YAML") as exc:
        load_roster(p)
    assert exc.value.line is not None and exc.value.line >= 2


def test_yaml_that_is_not_a_mapping(tmp_path: Path) -> None:
    p = write(tmp_path, "r.yaml", "- name: A B\n")
    with pytest.raises(ConfigError, match="a roster file is a mapping"):
        load_roster(p)


def test_empty_yaml_is_an_empty_roster(tmp_path: Path) -> None:
    assert load_roster(write(tmp_path, "r.yaml", "# nothing yet\n")).people == ()


def test_file_errors(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="no such roster file"):
        load_roster(tmp_path / "missing.yaml")
    with pytest.raises(ConfigError, match=r"must end in \.yaml"):
        load_roster(write(tmp_path, "r.txt", "people: []"))
    bad = tmp_path / "r.yaml"
    bad.write_bytes(b"people:\n  - name: M\xf8ller\n")
    with pytest.raises(ConfigError, match="not valid UTF-8") as exc:
        load_roster(bad)
    assert exc.value.line == 2
    with pytest.raises(ConfigError, match="not int"):
        load_roster(42)  # type: ignore[arg-type]


def test_loading_is_cached_until_the_file_changes(tmp_path: Path) -> None:
    p = write(tmp_path, "r.yaml", "people:\n  - name: Mette Hansen\n")
    first = load_roster(p)
    assert load_roster(str(p)) is first
    time.sleep(0.01)
    p.write_text("people:\n  - name: Mette Hansen\n  - name: Lars Jensen\n", encoding="utf-8")
    os.utime(p, ns=(time.time_ns(), time.time_ns() + 10_000_000))
    second = load_roster(p)
    assert second is not first
    assert len(second.people) == 2


# -- CSV ----------------------------------------------------------------------------------------


def test_csv_with_kinds_lists_and_booleans(tmp_path: Path) -> None:
    p = write(
        tmp_path,
        "r.csv",
        "kind,name,aliases,urn,topics,languages,expert,consent,employer,tag\n"
        "person,Mette Hansen,Mette H.;Mette,urn:li:person:mh1,rekruttering;onboarding,da;en,yes,ja,,\n"
        'person,"Hansen, Lars",,,,,,nej,,\n'
        "company,Kystlys A/S,Kystlys,urn:li:organization:1,,,,,yes,\n"
        "hashtag,,,,kultur;trivsel,da,,,,#LifeAtKystlys\n",
    )
    r = load_roster(p)
    mette = r.people[0]
    assert mette.aliases == ("Mette H.", "Mette")
    assert mette.topics == ("rekruttering", "onboarding")
    assert mette.languages == ("da", "en")
    assert mette.expert and mette.consent
    assert r.people[1].name == "Hansen, Lars" and not r.people[1].consent
    assert r.employer is not None and r.employer.name == "Kystlys A/S"
    assert r.hashtags[0].tag == "#LifeAtKystlys" and r.hashtags[0].topics == ("kultur", "trivsel")


def test_csv_semicolon_delimited_uses_commas_for_lists(tmp_path: Path) -> None:
    p = write(tmp_path, "r.csv", "name;topics;consent\nMette Hansen;rekruttering, onboarding;x\n")
    r = load_roster(p)
    assert r.people[0].topics == ("rekruttering", "onboarding")
    assert r.people[0].consent


def test_csv_unknown_column(tmp_path: Path) -> None:
    p = write(tmp_path, "r.csv", "name,concent\nMette Hansen,yes\n")
    with pytest.raises(ConfigError, match="did you mean 'consent'") as exc:
        load_roster(p)
    assert exc.value.line == 1


def test_csv_row_errors_name_the_row(tmp_path: Path) -> None:
    p = write(tmp_path, "r.csv", "name,consent\nMette Hansen,yes\nLars Jensen,maybe\n")
    with pytest.raises(ConfigError, match="write yes or no") as exc:
        load_roster(p)
    assert exc.value.line == 3
    p = write(tmp_path, "r2.csv", "kind,name,tag\nperson,Mette Hansen,#Foo\n")
    with pytest.raises(ConfigError, match="does not apply to a person") as exc:
        load_roster(p)
    assert exc.value.line == 2
    p = write(tmp_path, "r3.csv", "kind,name\nrobot,R2\n")
    with pytest.raises(ConfigError, match="not one of person, company, hashtag"):
        load_roster(p)
    p = write(tmp_path, "r4.csv", "name,urn\nMette Hansen,urn:li:person:a\n\nLars Jensen,urn:li:person:a\n")
    with pytest.raises(ConfigError, match="each URN belongs to one entry") as exc:
        load_roster(p)
    assert exc.value.line == 4


def test_roster_compiles_on_construction() -> None:
    r = Roster()
    assert r.compiled.names == {}
