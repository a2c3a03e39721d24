"""Build the lemma tables shipped in ``src/postcraft/analysis/data/``.

Source: the lookup tables of ``spacy-lookups-data`` (MIT licence; the English table derives
from WordNet 3.0, © Princeton University, used under the WordNet licence). Only forms whose
lower-cased lemma differs from the lower-cased form are kept, keyed in lower case so lookups
are case-insensitive (spaCy's own lookup is case-sensitive: "Virksomhederne" stays unlemmatised).

Run once by a developer (not at install or run time):

    pip install spacy-lookups-data marisa-trie
    python scripts/build_lexicons.py
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import marisa_trie
import spacy_lookups_data

OUT = Path(__file__).resolve().parents[1] / "src" / "postcraft" / "analysis" / "data"


def build(lang: str) -> None:
    data_dir = Path(spacy_lookups_data.__file__).parent / "data"
    table = json.load(gzip.open(data_dir / f"{lang}_lemma_lookup.json.gz", "rt", encoding="utf-8"))
    pairs: dict[str, str] = {}
    for form, lemma in table.items():
        f, lem = form.lower(), lemma.lower()
        if f != lem and "\x00" not in f + lem:
            # Prefer the entry of the lower-case form itself when both cases exist.
            if f not in pairs or form == f:
                pairs[f] = lem
    trie = marisa_trie.Trie([f + "\x00" + lem for f, lem in pairs.items()])
    OUT.mkdir(parents=True, exist_ok=True)
    trie.save(str(OUT / f"{lang}_lemmas.marisa"))
    print(lang, len(pairs), "forms")


if __name__ == "__main__":
    for code in ("da", "en"):
        build(code)
