"""Build ``src/postcraft/rules/data/words.marisa``: every lemma of the Danish and English lemma
tables plus ``words_extra.txt``, the word list that splits hashtags into words.

    python scripts/build_word_list.py
"""

from __future__ import annotations

from pathlib import Path

import marisa_trie

from postcraft.analysis.lemmas import _trie
from postcraft.langs import SUPPORTED

DATA = Path(__file__).resolve().parents[1] / "src" / "postcraft" / "rules" / "data"


def build() -> None:
    """Write ``words.marisa`` from the lemma tables and ``words_extra.txt``."""
    words: set[str] = set()
    for lang in SUPPORTED:
        for key in _trie(lang).iterkeys():
            lem = key.split("\x00", 1)[1]
            if lem.isalpha():
                words.add(lem)
    for line in (DATA / "words_extra.txt").read_text("utf-8").splitlines():
        w = line.split("#", 1)[0].strip().lower()
        if w:
            words.add(w)
    marisa_trie.Trie(sorted(words)).save(str(DATA / "words.marisa"))
    print(len(words), "words")


if __name__ == "__main__":
    build()
