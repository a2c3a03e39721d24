"""Language identification for short, noisy posts: Danish and English, and the languages
that must never be mistaken for them (Norwegian, Swedish, German and other European ones).

Evidence is counted over word tokens (hashtag bodies count half): each frequent function word
scores for every language that uses it, shared words split their weight, and letters or
spellings specific to a language add to it. Norwegian and Danish share most function words;
their own forms (``av``/``af``, ``meg``/``mig``, ``etter``/``efter``, ``kj``/``gj``, …) decide.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache

import regex

from .._regex import LazyPattern
from ..errors import UnsupportedLanguageError
from ..langs import DEFAULT, LANGUAGES, SUPPORTED, lang_hint, listing, unsupported
from ..yamlsrc import package_files

_LETTER_CUES: dict[str, tuple[tuple[str, float], ...]] = {
    "æ": (("da", 0.6), ("nb", 0.6)),
    "ø": (("da", 0.6), ("nb", 0.6)),
    "å": (("da", 0.4), ("nb", 0.4), ("sv", 0.4)),
    "ä": (("sv", 1.0), ("de", 1.0), ("fi", 1.0)),
    "ö": (("sv", 1.0), ("de", 1.0), ("fi", 1.0)),
    "ü": (("de", 1.5),),
    "ß": (("de", 2.0),),
    "ñ": (("es", 2.0),),
    "ã": (("pt", 2.0),),
    "õ": (("pt", 2.0),),
    "ç": (("fr", 1.0), ("pt", 1.0)),
    "è": (("fr", 1.0), ("it", 1.0)),
    "ê": (("fr", 1.5), ("pt", 1.0)),
    "ł": (("pl", 2.0),),
    "ś": (("pl", 2.0),),
    "ż": (("pl", 2.0),),
    "ą": (("pl", 2.0),),
    "ę": (("pl", 2.0),),
}
# Languages identification tells apart from the supported ones, in the order that breaks ties.
_OTHERS = ("nb", "sv", "de", "nl", "fr", "es", "it", "pt", "fi", "pl")
_ORDER = (*SUPPORTED, *(code for code in _OTHERS if code not in SUPPORTED))
_RANK = {code: -i for i, code in enumerate(_ORDER)}  # ties go to the earlier; -99 to any other
# Spellings specific to one language: "øj" is Danish (Norwegian writes "øy").
_SPELLING_CUES: tuple[tuple[str, str, float], ...] = (("øj", "da", 0.5),)
# Spellings that Norwegian has and Danish does not (gjøre, gjennom, kjempe, øy, -sjon). Plain
# "kj"/"gj" are not enough: Danish has "kjole", "gjorde", "gjort" and surnames such as Kjær.
# (compiled on first use: only a text with one of these letter pairs needs it)
_NB_SPELLING = LazyPattern(r"øy|sjon(?:en|er|ene)?\b|\bgjø|gjen|\bkjemp|\bkjenn|\bkjøp|\bikkje\b")
_BEYOND_LATIN = regex.compile(r"[^\x00-\u036f]")
# (compiled on first use: only a text mostly beyond the Latin letters needs them)
_SCRIPTS = (
    ("cyrillic", LazyPattern(r"\p{Cyrillic}")),
    ("greek", LazyPattern(r"\p{Greek}")),
    ("arabic", LazyPattern(r"\p{Arabic}")),
    ("hebrew", LazyPattern(r"\p{Hebrew}")),
    ("cjk", LazyPattern(r"[\p{Han}\p{Hiragana}\p{Katakana}\p{Hangul}]")),
    ("devanagari", LazyPattern(r"\p{Devanagari}")),
    ("thai", LazyPattern(r"\p{Thai}")),
)


@dataclass(frozen=True)
class LanguageGuess:
    """The outcome of detection: the language, the score of every candidate, and why."""

    lang: str
    scores: dict[str, float]
    reason: str

    @property
    def confidence(self) -> float:
        """Share of the evidence that went to the chosen language (0 when there was none)."""
        total = sum(self.scores.values())
        return round(self.scores.get(self.lang, 0.0) / total, 3) if total else 0.0


@lru_cache(maxsize=1)
def _weights() -> dict[str, tuple[tuple[str, float], ...]]:
    """Function word -> ``(language, weight)`` of every language that uses it (shared words
    split their weight)."""
    raw = json.loads((package_files("postcraft.analysis") / "data" / "langid.json").read_text("utf-8"))
    langs_of: dict[str, list[str]] = {}
    for lang, words in raw.items():
        for w in words:
            langs_of.setdefault(w, []).append(lang)
    return {w: tuple((lang, 1.0 / len(ls)) for lang in ls) for w, ls in langs_of.items()}


def guess(words: list[str], hashtag_words: list[str] | None = None) -> LanguageGuess:
    """Guess the language from lower-cased word forms.

    >>> guess("jeg har lige været på arbejde".split()).lang
    'da'
    >>> guess("i just got back from work".split()).lang
    'en'
    """
    weights_get = _weights().get
    scores: dict[str, float] = {}
    get = scores.get
    # Most words are no function word: filter(None, map(...)) skips them without a Python step.
    # (A weight times 1.0 is the weight: running words add theirs as they are.)
    for entry in filter(None, map(weights_get, words)):
        for lang, wt in entry:
            scores[lang] = get(lang, 0.0) + wt
    if hashtag_words:
        for entry in filter(None, map(weights_get, hashtag_words)):
            for lang, wt in entry:
                scores[lang] = get(lang, 0.0) + wt * 0.5
    joined = " ".join(words)
    if not joined.isascii():  # every letter cue and spelling below is a non-ASCII letter or digraph
        for ch, cues in _LETTER_CUES.items():
            if ch in joined:  # (cheaper than counting a letter that is not there)
                n = min(joined.count(ch), 5)
                for lang, wt in cues:
                    scores[lang] = get(lang, 0.0) + wt * n
        for spelling, lang, wt in _SPELLING_CUES:
            n = joined.count(spelling)
            if n:
                scores[lang] = get(lang, 0.0) + wt * n
    if "øy" in joined or "sjon" in joined or "gj" in joined or "kj" in joined or "ikkje" in joined:
        nb_spell = len(_NB_SPELLING.findall(joined))
        if nb_spell:
            scores["nb"] = scores.get("nb", 0.0) + 0.75 * nb_spell
    scores = {k: round(v, 3) for k, v in scores.items() if v > 0}
    if not scores:
        return LanguageGuess(DEFAULT, {}, f"no language evidence; defaulting to {LANGUAGES[DEFAULT].name}")
    rank = _RANK
    best = max(scores, key=lambda k: (scores[k], rank.get(k, -99)))
    return LanguageGuess(best, scores, "function words and spelling")


def detect(words: list[str], hashtag_words: list[str], raw_text: str) -> LanguageGuess:
    """Detect the language of a post and refuse anything that is not supported."""
    # Only text with many code points beyond Latin letters and their marks can be in another script.
    beyond = len(_BEYOND_LATIN.findall(raw_text)) if not raw_text.isascii() else 0
    # (The letters of the text's head are as many as twice those code points in most posts, with
    # an emoji or a quotation mark: then the whole text has enough Latin letters not to count.)
    few = bool(beyond) and sum(map(str.isalpha, raw_text[: 8 * beyond + 64])) < 2 * beyond
    letters = sum(map(str.isalpha, raw_text)) if few else 0
    if letters and beyond > letters / 2:
        for name, pattern in _SCRIPTS:
            if len(pattern.findall(raw_text)) > letters / 2:
                raise UnsupportedLanguageError(
                    name,
                    f"postcraft supports {listing(codes=True)}, but this text is "
                    f"written mostly in {name} script. Pass {lang_hint()} to force one.",
                )
    result = guess(words, hashtag_words)
    if result.lang in SUPPORTED and result.scores:
        return result
    if hashtag_words and not guess(words).scores:
        return _hashtags_only(hashtag_words)
    if result.lang not in SUPPORTED:
        raise unsupported(result.lang)
    return result


def _hashtags_only(hashtag_words: list[str]) -> LanguageGuess:
    """A text whose running words say nothing about its language (only hashtags, emoji, names):
    it is never refused as another language. The hashtag bodies are read as words, letters
    such as ``ø`` included, and the supported language with the most evidence is the guess; its
    low ``confidence`` (and the reason) say how little there was to go on.

    >>> g = detect([], ["grønomstilling", "ledelse", "trivsel"], "#GrønOmstilling #Ledelse #Trivsel")
    >>> g.lang, g.confidence < 1
    ('da', True)
    >>> detect([], list("abcde"), "#a #b #c #d #e").lang in SUPPORTED
    True
    """
    tags = guess(hashtag_words)
    supported = {k: v for k, v in tags.scores.items() if k in SUPPORTED}
    if not supported:
        return LanguageGuess(
            DEFAULT,
            tags.scores,
            f"only hashtags, too little to tell the language; defaulting to {LANGUAGES[DEFAULT].name}",
        )
    best = max(supported, key=lambda k: (supported[k], -SUPPORTED.index(k)))
    return LanguageGuess(best, tags.scores, "only hashtags: the closest supported language (low confidence)")
