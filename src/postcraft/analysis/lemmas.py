"""Case-insensitive lemma look-up from the shipped tables (see scripts/build_lexicons.py).

The tables are memory-mapped marisa tries: opening one costs well under a millisecond and a
look-up about a microsecond, so nothing slows ``import postcraft`` or the first review.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache
from typing import Any

from ..errors import MissingLanguageDataError
from ..langs import LANGUAGES
from ..yamlsrc import open_trie, package_files


@lru_cache(maxsize=8)
def _trie(lang: str) -> Any:
    """The lemma trie of ``lang``, opened once (memory-mapped, read-only)."""
    data = package_files("postcraft.analysis") / "data" / f"{lang}_lemmas.marisa"
    if not data.is_file():
        raise MissingLanguageDataError(lang, f"analysis/data/{lang}_lemmas.marisa")
    return open_trie(data)


# Common forms the source tables get wrong for LinkedIn prose (each language's module says which).
_OVERRIDES: dict[str, Mapping[str, str]] = {code: lang.lemma_overrides for code, lang in LANGUAGES.items()}


@lru_cache(maxsize=65536)
def lemma(lower: str, lang: str) -> str:
    """The lemma of a lower-case word form in ``lang`` (a code of :data:`~postcraft.langs.SUPPORTED`).

    Unknown forms are their own lemma. Hyphenated compounds take the lemma of their last
    part (``"it-medarbejderne"`` → ``"it-medarbejder"``).

    >>> lemma("synergierne", "da")
    'synergi'
    >>> lemma("went", "en")
    'go'
    """
    overrides = _OVERRIDES.get(lang, {})
    trie = _trie(lang)
    while True:  # a loop, not recursion: a word may end in any number of "'s"
        fixed = overrides.get(lower)
        if fixed is not None:
            return fixed
        found = trie.keys(lower + "\x00")
        if found:
            return str(found[0]).split("\x00", 1)[1]
        if "-" in lower:
            head, _, tail = lower.rpartition("-")
            if tail:
                return head + "-" + lemma(tail, lang)  # the tail has no "-": one level at most
        if lower.endswith(("'s", "’s")) and len(lower) > 2:
            lower = lower[:-2]
            continue
        return lower
