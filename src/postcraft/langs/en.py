"""English: the fallback language, in which every message and label exists."""

from __future__ import annotations

from ._language import Language


def org_preposition(name: str) -> str:
    """*at* before any organisation."""
    return "at"


LANGUAGE = Language(
    code="en",
    name="English",
    native="English",
    decimal=".",
    thousands=",",
    fallback=None,
    org_preposition=org_preposition,
    prepositions=frozenset({"at", "in", "with", "for", "under"}),
    flesch=True,
    lemma_overrides={"data": "data", "news": "news", "us": "we", "proud": "proud"},
    noun_endings=("es", "s", "'s"),
)
