"""Known words for splitting hashtags into CamelCase (``#employeeadvocacy`` → ``#EmployeeAdvocacy``).

A word is known when it is an inflected form in the analysis lemma tables (any language),
or a lemma there, or in ``data/words_extra.txt`` (common words the tables leave out because
they do not inflect, such as "health"). The lemma set is shipped as ``data/words.marisa``,
built once by a developer with ``python -m postcraft.rules.vocab``.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from typing import Any

from ..analysis.lemmas import _trie
from ..langs import SUPPORTED


@lru_cache(maxsize=1)
def _vocab() -> Any:
    import marisa_trie

    trie = marisa_trie.Trie()
    data = resources.files("postcraft.rules") / "data" / "words.marisa"
    with resources.as_file(data) as path:
        trie.load(str(path))
    return trie


@lru_cache(maxsize=8192)
def known(word: str) -> bool:
    """True when ``word`` (lower case) is a word postcraft knows in any supported language.

    >>> known("advocacy"), known("synergierne"), known("xqzt")
    (True, True, False)
    """
    if word in _vocab():
        return True
    return any(_trie(lang).keys(word + "\x00") for lang in SUPPORTED)


@lru_cache(maxsize=1)
def _short_words() -> frozenset[str]:
    """One- and two-letter words allowed as pieces: only those listed in ``words_extra.txt``."""
    text = (resources.files("postcraft.rules") / "data" / "words_extra.txt").read_text("utf-8")
    words = (line.split("#", 1)[0].strip().lower() for line in text.splitlines())
    return frozenset(w for w in words if w and len(w) <= 2)


def _piece_ok(piece: str, last: bool) -> bool:
    if piece.isdigit():
        return last
    if len(piece) <= 2:
        return piece in _short_words()
    return known(piece)


@lru_cache(maxsize=4096)
def segment(body: str) -> tuple[str, ...] | None:
    """Split a lower-case hashtag body into the fewest known words, or ``None`` when that is
    impossible or ambiguous (two different splits with as few words).

    >>> segment("employeeadvocacy")
    ('employee', 'advocacy')
    >>> segment("leadership") is None  # one word: nothing to split
    True
    """
    n = len(body)
    if n < 4 or n > 60:
        return None
    # best[i] = (pieces, number of distinct best splits) for body[:i]
    best: list[tuple[int, int, int]] = [(0, 1, 0)] + [(10**6, 0, 0)] * n
    for end in range(1, n + 1):
        for start in range(max(0, end - 30), end):
            pieces, ways, _ = best[start]
            if pieces >= 10**6 or not _piece_ok(body[start:end], end == n):
                continue
            cand = pieces + 1
            cur = best[end]
            if cand < cur[0]:
                best[end] = (cand, ways, start)
            elif cand == cur[0]:
                best[end] = (cur[0], cur[1] + ways, cur[2])
    pieces, ways, _ = best[n]
    if pieces < 2 or pieces >= 10**6 or ways != 1:
        return None
    out: list[str] = []
    end = n
    while end > 0:
        start = best[end][2]
        out.append(body[start:end])
        end = start
    return tuple(reversed(out))
