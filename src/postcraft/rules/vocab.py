"""Known words for splitting hashtags into CamelCase (``#employeeadvocacy`` → ``#EmployeeAdvocacy``).

A word is known when it is an inflected form in the analysis lemma tables (any language),
or a lemma there, or in ``data/words_extra.txt`` (common words the tables leave out because
they do not inflect, such as "health"). The lemma set is shipped as ``data/words.marisa``,
built once by a developer with ``python -m postcraft.rules.vocab``.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any, NamedTuple

from ..analysis.lemmas import _trie
from ..langs import SUPPORTED
from ..yamlsrc import open_trie, package_files


@lru_cache(maxsize=1)
def _vocab() -> Any:
    return open_trie(package_files("postcraft.rules") / "data" / "words.marisa")


def _word_file(name: str) -> list[str]:
    """The words of a data file: separated by spaces or lines, ``#`` starts a comment."""
    text = (package_files("postcraft.rules") / "data" / name).read_text("utf-8")
    return [w.lower() for line in text.splitlines() for w in line.split("#", 1)[0].split()]


@lru_cache(maxsize=1)
def _extra_words() -> frozenset[str]:
    """Every word of ``words_extra.txt`` (read at run time, so additions need no rebuild)."""
    return frozenset(_word_file("words_extra.txt"))


@lru_cache(maxsize=1)
def _suffixes() -> frozenset[str]:
    """Endings that are never a piece of their own (``data/suffixes.txt``)."""
    return frozenset(_word_file("suffixes.txt"))


@lru_cache(maxsize=1)
def _adjectives() -> frozenset[str]:
    text = (package_files("postcraft.rules") / "data" / "adjectives.txt").read_text("utf-8")
    words = (line.split("#", 1)[0].strip().lower() for line in text.splitlines())
    return frozenset(w for w in words if w)


@lru_cache(maxsize=8192)
def known(word: str) -> bool:
    """True when ``word`` (lower case) is a word postcraft knows in any supported language.

    >>> known("advocacy"), known("synergierne"), known("xqzt")
    (True, True, False)
    """
    if word in _vocab() or word in _extra_words():
        return True
    return any(_trie(lang).keys(word + "\x00") for lang in SUPPORTED)


@lru_cache(maxsize=8192)
def known_in(word: str, lang: str) -> bool:
    """True when ``word`` (lower case) inflects like a word of ``lang``: it, or it plus one of the
    language's noun endings, is a form in that language's lemma table.

    >>> [known_in(w, code) for w, code in (("chain", "en"), ("udvikling", "en"), ("udvikling", "da"))]
    [True, False, True]
    """
    from ..langs import resolve

    trie = _trie(lang)
    if trie.keys(word + "\x00"):
        return True
    return any(trie.keys(word + end + "\x00") for end in resolve(lang).noun_endings)


class Split(NamedTuple):
    """How a lower-case hashtag body splits into words: the pieces, and whether the split is
    certain enough to apply without asking (``confident``)."""

    parts: tuple[str, ...]
    confident: bool

    def camel(self) -> str:
        """The CamelCase spelling (without '#').

        >>> Split(("grøn", "omstilling"), True).camel()
        'GrønOmstilling'
        """
        return "".join(p.upper() if p in ACRONYMS else p[:1].upper() + p[1:] for p in self.parts)


#: Pieces written in capitals in a CamelCase hashtag (#UXDesign, #HRTech).
ACRONYMS = frozenset(
    {"ai", "hr", "esg", "ux", "ui", "ceo", "cto", "cfo", "kpi", "okr", "csr", "seo", "saas", "b2b"}
)


def _adjective(piece: str) -> bool:
    if piece in _adjectives():
        return True
    return len(piece) >= 5 and piece.endswith(("isk", "lig", "ig", "sk")) and known(piece)


@lru_cache(maxsize=4096)
def split_words(body: str) -> Split | None:
    """Where a reader would put word breaks in a lower-case hashtag body, or ``None`` (one word,
    or unknown). The one word-splitting function for rules and tag suggestions.

    - A known single word (``podcast``, ``facebook``) is never split.
    - Words that are all English split at every word (``employeeadvocacy`` → Employee Advocacy).
    - A Danish compound is one word (``skolebyggeri``, ``telemedicin``, ``softwareudvikling``),
      except after an adjective that stands on its own (``grønomstilling`` → Grøn Omstilling,
      ``psykiskarbejdsmiljø`` → Psykisk Arbejdsmiljø).
    - ``confident`` is False when a piece is three letters or fewer (``pod`` + ``cast``):
      offer the split, but do not apply it unasked.

    >>> split_words("employeeadvocacy")
    Split(parts=('employee', 'advocacy'), confident=True)
    >>> split_words("grønomstilling").camel(), split_words("psykiskarbejdsmiljø").camel()
    ('GrønOmstilling', 'PsykiskArbejdsmiljø')
    >>> [split_words(w) for w in ("podcast", "facebook", "skolebyggeri", "telemedicin")]
    [None, None, None, None]
    """
    if len(body) < 6 or not body.isalpha() or known(body):
        return None
    # an adjective + a (compound) noun: split once, after the adjective
    for cut in range(len(body) - 3, 2, -1):
        head, rest = body[:cut], body[cut:]
        if _adjective(head) and rest not in _suffixes() and (known(rest) or segment(rest) is not None):
            return Split((head, rest), head in _adjectives() or len(head) >= 5)
    parts = segment(body)
    if parts is None:
        return None
    from ..langs import LANGUAGES

    closed = [c for c, lg in LANGUAGES.items() if lg.closed_compounds]
    open_ = [c for c, lg in LANGUAGES.items() if not lg.closed_compounds]
    english = all(
        (p in _extra_words() and not any(known_in(p, c) for c in closed))
        or any(known_in(p, c) for c in open_)
        or p in _short_words()
        for p in parts
    )
    if not english:
        return None  # a compound in the other language: one word, as its readers write it
    return Split(parts, all(len(p) >= 4 for p in parts))


@lru_cache(maxsize=1)
def _short_words() -> frozenset[str]:
    """Words of three letters or fewer allowed as pieces: only those listed in ``words_extra.txt``
    (the lemma tables know "lak", "ers", "ton", which no reader sees in "lakers" or "dayton")."""
    return frozenset(w for w in _extra_words() if len(w) <= 3)


def _piece_ok(piece: str, last: bool) -> bool:
    if piece.isdigit():
        return last
    if piece in _suffixes():
        return False
    if len(piece) <= 3:
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
