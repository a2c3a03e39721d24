"""Readability that works offline: LIX (Danish and English) and Flesch Reading Ease (English).

textstat's English syllable counts need an NLTK download at run time, which fails offline, so
syllables are counted here with a vowel-group heuristic (the method textstat itself used
before it switched to the CMU dictionary). LIX needs no syllables.
"""

from __future__ import annotations

import regex

_VOWELS = regex.compile(r"[aeiouy]+")

# LIX bands commonly quoted for Danish texts.
LIX_BANDS = ((25, "very easy"), (35, "easy"), (45, "medium"), (55, "hard"), (10_000, "very hard"))


def lix(n_words: int, n_sentences: int, n_long: int) -> float:
    """LIX = words per sentence + 100 × share of words longer than six letters.

    >>> lix(10, 2, 3)
    35.0
    """
    if n_words == 0:
        return 0.0
    return round(n_words / max(1, n_sentences) + 100.0 * n_long / n_words, 1)


def lix_band(value: float) -> str:
    """The conventional name of a LIX value's band ("easy", "medium", …)."""
    for limit, name in LIX_BANDS:
        if value < limit:
            return name
    return "very hard"


def syllables_en(word: str) -> int:
    """Approximate English syllable count (vowel groups, silent final e, -le, -ed).

    >>> [syllables_en(w) for w in ("cat", "make", "table", "wanted", "readability")]
    [1, 1, 2, 2, 5]
    """
    w = word.lower().strip("'’")
    if not w:
        return 0
    if len(w) <= 3:
        return 1
    count = len(_VOWELS.findall(w))
    if w.endswith("e") and not w.endswith(("le", "ee", "ye")) and count > 1:
        count -= 1
    elif w.endswith("le") and len(w) > 2 and w[-3] not in "aeiouy" and count == 1:
        count += 1
    if w.endswith("ed") and count > 1 and not w.endswith(("ted", "ded")):
        count -= 1
    return max(1, count)


def flesch(n_words: int, n_sentences: int, n_syllables: int) -> float:
    """Flesch Reading Ease (English constants). Higher is easier; 60–70 is plain English.

    >>> flesch(12, 1, 15)
    88.9
    """
    if n_words == 0:
        return 0.0
    return round(206.835 - 1.015 * (n_words / max(1, n_sentences)) - 84.6 * (n_syllables / n_words), 1)
