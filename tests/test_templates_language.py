"""The built-in templates read as written by a native speaker on realistic input, not only on their examples.

Every variant of every built-in template is rendered with several kinds of organisation (a
municipality, a region, hospitals, a university, an agency, a company) and with a person and a
team as the one thanked or named. What is checked is grammar a Danish reader notices at once:
the preposition before the organisation ("i Aarhus Kommune", "på Rigshospitalet", never "hos
Aarhus Kommune"), "I/jer" to a team instead of "du/dig", a named person at most twice, Danish
quotation marks, and field help that is not cut off.
"""

from __future__ import annotations

import re

import pytest

from postcraft.templates import Template, list_templates, render
from postcraft.templates.sandbox import at_org, is_team

BUILTIN = [t for t in list_templates() if t.source == "builtin"]
DANISH = [t for t in BUILTIN if t.lang == "da"]

# organisation → the preposition a Dane writes before it
ORGS_DA = {
    "Aarhus Kommune": "i",
    "Region Midtjylland": "i",
    "Skattestyrelsen": "i",
    "Rigshospitalet": "på",
    "Aarhus Universitetshospital": "på",
    "Aarhus Universitet": "på",
    "Novo Nordisk": "hos",
}
PREPOSITIONS = {"da": {"i", "på", "hos"}, "en": {"at", "in", "for", "hos", "i", "på"}}

# a person and a team for each field that names people, per language
PEOPLE = {
    "da": {"person": "Ingeborg", "team": "Nattevagten på afdeling B", "pair": "Ingeborg og Malik"},
    "en": {"person": "Ingeborg", "team": "the night shift on ward B", "pair": "Ingeborg and Malik"},
}
NAME_FIELDS = ("colleague", "name", "who_made_it", "who_helped")

SECOND_PERSON_DA = re.compile(r"\b(du|dig|din|dit|dine)\b", re.IGNORECASE)
PLURAL_YOU_DA = re.compile(r"\b(I|jer|jeres)\b")  # capital I: 'i' the preposition is lower-case mid-sentence
LEFTOVER = re.compile(r"\{\{|\}\}|\{%|%\}|\{#|#\}")

# Calques a Danish communications consultant found in the old templates (issue 17).
CALQUES = (
    "her er mit bifald",
    "sammenligne noter",
    "hang ved hos",
    "det kom ud af",
    "forklaret det væk",
    "denne uge lærte mig",
    "over middagen",
    "den, jeg håber søger",
    "sig hej til",
    # the blind copy-editor review of the rewritten templates
    "lader ingen som om,",
    "gør det hele værd",
    "gjorde en reel forskel",
    "det gjorde en forskel",
    "lyder det som dig",
    "hvorfor jeg selv er glad for at være her?",
    "den fejlede",
    "ville du lægge til",
    "fra min stol",
    "fejrer fremskridt",
    "gå forbi i stilhed",
    "holde mig oppe",
    "her er den.",
    "det, jeg lærte:",
    "min konklusion:",
    "vi nåede ikke hertil, fordi",
    "et job, jeg selv ville søge",
    "direktør hos",
    "lede hos",
    "forklarer man en strategi til",
    # the second copy-editor review of the rendered variants
    "kundemøder på video",
    "adgangskode til en mail.",
    "virkeligheden sagde",
    "hvorfor? fordi",
    "ude i verden",
    "på den hårde måde",
    "det her er ikke et jobopslag",
    "bliver vundet eller tabt",
    "i én, før sommerferien",
    "et eksempel:",
    "sådan så det ud i praksis:",
    "det, jeg tager med mig:",
    "et eksempel fra mit eget arbejde:",
    "den behøver din ikke",
    "men det her er grunden til",
    "opslag om lanceringer viser",
    "mest kedelige",
    "bag om ",
    "før dem, der",
    "onboarding",
    "tage om?",
    "kunden sagde det ligeud",
    "fortalte kunden mig",
    # the third copy-editor review of the rendered variants
    "når fra marts kan",
    "mærke en forskel",
    "for mig bliver den konkret",
    "viste sig at være meget større end det",
    "jeg fik et godt eksempel.",
    "der er min kollega",
    "vi andre har allerede opdaget",
    "jeg nogensinde har smagt",
    "planche, hvad jeg",
    "helt roligt fik jeg",
    "det, folk vil lægge mærke til:",
    "det, jeg selv sætter pris på:",
    "kaffepauserne bliver ikke de samme",
    "en lille del af det",
    "det slog mig for alvor",
    "afsted",
    "aflyste en af dagene",
    "jeg ved allerede nu, at du",
    "sagt tak som fortjent",
    "store arrangementer tager meget energi",
    "ville du hænge op?",
    "mange hos ",
    "det gælder også mig som",
)


def _fields(t: Template, **over: str) -> dict[str, str]:
    names = {f.name for f in t.fields}
    values = t.example_fields()
    if "org_preposition" in names:
        values["org_preposition"] = ""  # let postcraft choose
    values.update({k: v for k, v in over.items() if k in names})
    return values


def _renders(t: Template, **over: str) -> list[str]:
    return [render(t.id, variant=v, **_fields(t, **over)).text for v in range(t.variants)]


def _body(text: str) -> tuple[str, str]:
    """The post without its hashtag line, split into (everything before the last paragraph, last)."""
    paragraphs = [p for p in text.split("\n\n") if not p.startswith("#")]
    return "\n\n".join(paragraphs[:-1]), paragraphs[-1]


def _has(t: Template, name: str) -> bool:
    return any(f.name == name for f in t.fields)


def _clean(text: str) -> None:
    assert not LEFTOVER.search(text), "template syntax left in the draft"
    assert "  " not in text and " ." not in text and " ," not in text and "\n\n\n" not in text
    assert ".." not in text and ",." not in text and "?." not in text


# -- the organisation's preposition ------------------------------------------------------------------
@pytest.mark.parametrize("org", list(ORGS_DA))
@pytest.mark.parametrize("t", [t for t in BUILTIN if _has(t, "organisation")], ids=lambda t: t.id)
def test_organisation_gets_the_right_preposition(t: Template, org: str) -> None:
    expected = ORGS_DA[org] if t.lang == "da" else "at"
    texts = _renders(t, organisation=org)
    for text in texts:
        _clean(text)
        assert org in text
        for m in re.finditer(r"(\w+) " + re.escape(org), text):
            before = m.group(1)
            assert before == expected or before not in PREPOSITIONS[t.lang], (
                f"'{before} {org}' in {t.id}; a native speaker writes '{expected} {org}'"
            )
    assert any(f"{expected} {org}" in text for text in texts), f"no variant says '{expected} {org}'"


@pytest.mark.parametrize("t", [t for t in BUILTIN if _has(t, "org_preposition")], ids=lambda t: t.id)
def test_org_preposition_field_overrides_the_guess(t: Template) -> None:
    word = "i" if t.lang == "da" else "for"
    texts = _renders(t, organisation="Novo Nordisk", org_preposition=word)
    assert any(f"{word} Novo Nordisk" in text for text in texts)
    assert not any(re.search(r"\b(hos|at) Novo Nordisk", text) for text in texts)


def test_every_danish_template_with_an_organisation_lets_the_writer_choose_the_preposition() -> None:
    for t in (t for t in DANISH if _has(t, "organisation")):
        if _has(t, "org_preposition"):
            continue
        # without the field, a preposition written in the name is kept (and not doubled)
        texts = _renders(t, organisation="i Novo Nordisk")
        assert any("i Novo Nordisk" in text for text in texts), t.id
        assert not any(re.search(r"\b(hos|på|i) i Novo", text) for text in texts), t.id


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        *ORGS_DA.items(),
        ("Københavns Kommune", "i"),
        ("Region Hovedstaden", "i"),
        ("Styrelsen for Dataforsyning og Infrastruktur", "i"),
        ("Erhvervsministeriet", "i"),
        ("Forsvaret", "i"),
        ("Østjyllands Politi", "i"),
        ("Hvidovre Hospital", "på"),
        ("Aalborg Sygehus", "på"),
        ("Aarhus Katedralskole", "på"),
        ("Viborg Gymnasium", "på"),
        ("Syddansk Universitet", "på"),
        ("Danske Regioner", "i"),
        ("Tandlægeklinikken", "på"),
        ("Danske Bank", "hos"),
        ("Novo Nordisk A/S", "hos"),
    ],
)
def test_at_org_guesses_like_a_dane(name: str, expected: str) -> None:
    assert at_org(name) == f"{expected} {name}"


def test_at_org_explicit_choices_and_english() -> None:
    assert at_org("Novo Nordisk", "i") == "i Novo Nordisk"
    assert at_org("Rigshospitalet", " ") == "på Rigshospitalet"  # blank means: guess
    assert at_org("på Novo Nordisk") == "på Novo Nordisk"
    assert at_org("Aarhus Kommune", lang="en") == "at Aarhus Kommune"
    assert at_org("Aarhus Kommune", "in", lang="en") == "in Aarhus Kommune"
    assert at_org("") == ""


# -- a person or a team -----------------------------------------------------------------------------
def test_is_team() -> None:
    people = [
        "Mette",
        "Karen",
        "Priya",
        "Jens Peter",
        "Sofie Holm",
        "Anders And",
        "Mette fra IT-afdelingen",
        "the CFO",
    ]
    teams = [
        "Nattevagten på afdeling B",
        "Mette og Jonas",
        "Priya and Sam",
        "Mette, Jonas",
        "hele lageret",
        "Sygeplejerskerne på B4",
        "The night shift",
        "Team Ørn",
        "IT-afdelingen",
        "Kvalitetsholdet",
    ]
    assert [is_team(p) for p in people] == [False] * len(people)
    assert [is_team(t) for t in teams] == [True] * len(teams)
    assert is_team("Kvalitetsholdet", "nej") is False and is_team("Mette", "ja") is True


@pytest.mark.parametrize("who", ["team", "pair"])
@pytest.mark.parametrize("t", [t for t in DANISH if _has(t, "colleague")], ids=lambda t: t.id)
def test_danish_thanks_to_a_team_say_i_and_jer(t: Template, who: str) -> None:
    team = PEOPLE["da"][who]
    for v, (person_text, team_text) in enumerate(
        zip(_renders(t, colleague=PEOPLE["da"]["person"]), _renders(t, colleague=team), strict=True)
    ):
        person_body, _ = _body(person_text)
        team_body, _ = _body(team_text)
        # only the closing question may turn to the reader as 'du'; everything before it is about the team
        assert not SECOND_PERSON_DA.search(team_body), (v, SECOND_PERSON_DA.findall(team_body), team_text)
        if SECOND_PERSON_DA.search(person_body):
            assert PLURAL_YOU_DA.search(team_body), (v, team_text)
        assert not re.search(r"\bjer(es)?\b", person_body), (v, person_text)
        assert f"Tak, {team}" not in team_text, "'Tak, <team>' – write 'Tak til …' or 'Tak skal I have'"


@pytest.mark.parametrize(
    "t", [t for t in BUILTIN if t.lang == "en" and _has(t, "colleague")], ids=lambda t: t.id
)
def test_english_thanks_to_a_team_do_not_address_it_like_a_name(t: Template) -> None:
    team = PEOPLE["en"]["team"]
    for text in _renders(t, colleague=team):
        _clean(text)
        assert not re.search(r"(Thank you|Thanks), " + re.escape(team), text, re.IGNORECASE), text
        assert "the kind of colleague who" not in text


# -- names -------------------------------------------------------------------------------------------
@pytest.mark.parametrize("who", ["person", "team", "pair"])
@pytest.mark.parametrize(
    "t", [t for t in BUILTIN if any(_has(t, f) for f in NAME_FIELDS)], ids=lambda t: t.id
)
def test_a_named_person_or_team_appears_at_most_twice(t: Template, who: str) -> None:
    value = PEOPLE[t.lang][who]
    for field in (f for f in NAME_FIELDS if _has(t, f)):
        if field == "name" and who != "person":
            continue  # a new colleague is one person
        for v, text in enumerate(_renders(t, **{field: value})):
            _clean(text)
            n = text.casefold().count(value.casefold())
            assert 1 <= n <= 2 or (n == 0 and field == "who_helped"), (field, v, n, text)


# -- field help and Danish typography --------------------------------------------------------------
@pytest.mark.parametrize("t", BUILTIN, ids=lambda t: t.id)
def test_field_descriptions_are_whole(t: Template) -> None:
    for f in t.fields:
        d = f.description
        assert d.endswith((".", "?", "!", ")", "»", "«")), f"{f.name}: description looks cut off: {d!r}"
        assert d.count("(") == d.count(")") and d.count("»") == d.count("«") and d.count('"') % 2 == 0, d
        if f.name == "hashtags":
            assert "#CamelCase" in d, f"{t.id}: the hashtags help is cut off: {d!r}"


@pytest.mark.parametrize("t", DANISH, ids=lambda t: t.id)
def test_danish_uses_danish_quotation_marks(t: Template) -> None:
    texts = _renders(t) + [f.description for f in t.fields] + [t.title, t.description]
    for text in texts:
        assert not re.search(r"[\"“”„]", text), f"use »…« in Danish: {text!r}"
        assert text.count("»") == text.count("«"), text


@pytest.mark.parametrize("t", DANISH, ids=lambda t: t.id)
def test_danish_has_none_of_the_calques_from_the_review(t: Template) -> None:
    for text in _renders(t):
        low = text.casefold()
        assert not [c for c in CALQUES if c in low], text


@pytest.mark.parametrize("t", DANISH, ids=lambda t: t.id)
def test_danish_leaves_the_new_colleague_her_name_not_a_label(t: Template) -> None:
    for text in _renders(t):
        assert "vores nye kollega " not in text.casefold(), text
        assert text.casefold().count("hjem") <= 2, text


def test_danish_learning_posts_invite_a_concrete_example() -> None:
    t = next(t for t in DANISH if t.purpose == "learned_this_week")
    assert _has(t, "example")
    for text in _renders(t):
        assert t.example_fields()["example"] in text
