"""Danish."""

from __future__ import annotations

from ._language import Language

# Prepositions before an organisation's name, by the head word of the name (the last word, else
# the first: "Aarhus Kommune", "Region Midtjylland", "Styrelsen for …"). A compound counts by its
# end: "Skattestyrelsen" → i, "Aarhus Universitetshospital" → på. Anything else: hos.
_ORG_I = (
    "kommune kommunen region regionen regioner styrelse styrelsen ministerium ministeriet forsvar forsvaret "
    "politi politiet direktorat direktoratet tilsyn tilsynet forvaltning forvaltningen folketing "
    "folketinget børnehave børnehaven vuggestue vuggestuen dagtilbud dagtilbuddet "
    "municipality ministry agency"
).split()
_ORG_PAA = (
    "hospital hospitalet sygehus sygehuset universitet universitetet skole skolen gymnasium gymnasiet "
    "seminarium seminariet akademi akademiet institut instituttet plejecenter plejecentret plejecenteret "
    "plejehjem plejehjemmet bibliotek biblioteket museum museet teater teatret rådhus rådhuset "
    "klinik klinikken klinikkerne "
    "university school college"
).split()
_LEGAL_FORMS = frozenset({"a/s", "aps", "i/s", "p/s", "k/s", "amba", "a.m.b.a.", "fmba", "smba", "ivs"})


def org_preposition(name: str) -> str:
    """*i* for municipalities, regions, ministries, agencies (``-styrelsen``), the police and the
    armed forces; *på* for hospitals, schools, universities, libraries and museums; *hos* for
    everything else (companies)."""
    words = [w for w in str(name).split() if w.casefold() not in _LEGAL_FORMS]
    heads = [w.casefold().strip(".,;:()»«\"'") for w in (words[-1:] + words[:1])]
    for head in heads:
        if head.endswith(tuple(_ORG_I)):
            return "i"
        if head.endswith(tuple(_ORG_PAA)):
            return "på"
    return "hos"


LANGUAGE = Language(
    code="da",
    name="Danish",
    native="dansk",
    decimal=",",
    thousands=".",
    fallback="en",
    org_preposition=org_preposition,
    prepositions=frozenset({"i", "på", "hos", "ved", "for", "under"}),
    # "når" (when) and "før" (before) are not forms of "nå" (reach) and "føre" (lead), as the tables say
    lemma_overrides={
        "læs": "læse",
        "data": "data",
        "hold": "hold",
        "synes": "synes",
        "syntes": "synes",
        "når": "når",
        "før": "før",
    },
    closed_compounds=True,
    noun_endings=("erne", "ene", "ens", "ets", "en", "et", "er", "ne", "e", "s"),
    and_word="og",
    percent_sign=" %",
)
