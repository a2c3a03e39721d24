"""Tone features computed from the shared :class:`~postcraft.analysis.Analysis`.

Two kinds, both interpretable and both traced back to tokens so explanations have spans:

* **sparse** n-grams: word lemmas (``w:``), lemma bigrams (``b:``) and word endings (``x:``),
  sublinear term frequency, each group L2-normalised;
* **style** rates (after Biber 1988's involved vs informational features and Pavlick & Tetreault
  2016 on formality): pronouns, mental verbs, informality, announcement phrases,
  calls to action, corporate vocabulary, nominal style, questions, exclamations, emoji,
  hashtags, links, figures, names in the third person, word and sentence length.

The same code builds features for training and for scoring, so they cannot drift apart.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from ..analysis import Analysis
from ..analysis.lemmas import lemma as lemma_of
from ..langs import require

STYLE_NAMES: tuple[str, ...] = (
    "first_singular",
    "first_plural",
    "second_person",
    "mental_verbs",
    "informal",
    "announcement",
    "call_to_action",
    "corporate_vocabulary",
    "nominal",
    "questions",
    "exclamations",
    "emoji",
    "hashtags",
    "links",
    "mentions",
    "figures",
    "names",
    "word_length",
    "sentence_length",
    "length",
    "opens_first_person",
)

# Which explanation category each style feature and token class belongs to.
STYLE_CATEGORY: dict[str, str] = {
    "first_singular": "pronouns",
    "first_plural": "pronouns",
    "second_person": "pronouns",
    "opens_first_person": "pronouns",
    "mental_verbs": "narrative",
    "informal": "informality",
    "exclamations": "informality",
    "emoji": "informality",
    "announcement": "announcement",
    "call_to_action": "call_to_action",
    "corporate_vocabulary": "corporate_vocabulary",
    "nominal": "nominal_style",
    "word_length": "nominal_style",
    "questions": "questions",
    "hashtags": "hashtags",
    "links": "links",
    "mentions": "names",
    "figures": "figures",
    "names": "names",
    "sentence_length": "structure",
    "length": "structure",
}
_LEX_CATEGORY = {
    "first_singular": "pronouns",
    "first_plural": "pronouns",
    "second_person": "pronouns",
    "mental_verbs": "narrative",
    "informal": "informality",
    "announcement": "announcement",
    "call_to_action": "call_to_action",
    "corporate_vocabulary": "corporate_vocabulary",
}


@dataclass(frozen=True)
class Lexicon:
    """Per-language word lists (lemmas) and phrases (lemma tuples) of the style categories."""

    lang: str
    words: dict[str, str]  # lemma -> lexicon category
    # first lemma -> (phrase, category, exact): lemmas, or surface forms when ``exact`` (calls to
    # action are imperatives: "Learn more" is one, "I learned more" is not)
    phrases: dict[str, tuple[tuple[tuple[str, ...], str, bool], ...]]
    suffixes: tuple[str, ...]


@lru_cache(maxsize=4)
def lexicon(lang: str) -> Lexicon:
    """The built-in lexicon of ``lang`` (loaded once)."""
    import yaml

    raw = yaml.safe_load((resources.files("postcraft.tone") / "data" / "lexicon.yaml").read_text("utf-8"))
    spec: dict[str, Any] = require(raw, lang, f"tone/data/lexicon.yaml: {lang}")
    words: dict[str, str] = {}
    phrases: dict[str, list[tuple[tuple[str, ...], str, bool]]] = {}
    for cat, body in spec.items():
        if cat == "nominal_suffixes":
            continue
        for w in body.get("words", []):
            words.setdefault(lemma_of(str(w).lower(), lang), cat)
            words.setdefault(str(w).lower(), cat)
        for p in body.get("phrases", []):
            lemmas = tuple(lemma_of(x, lang) for x in str(p).lower().split())
            exact = cat == "call_to_action"
            words_ = tuple(str(p).lower().split()) if exact else lemmas
            phrases.setdefault(lemmas[0], []).append((words_, cat, exact))
    return Lexicon(
        lang=lang,
        words=words,
        phrases={k: tuple(sorted(v, key=lambda x: -len(x[0]))) for k, v in phrases.items()},
        suffixes=tuple(sorted(spec["nominal_suffixes"], key=len, reverse=True)),
    )


@dataclass(frozen=True)
class Features:
    """Features of one text.

    ``sparse`` maps a feature name to its value; ``where`` maps it to the token indices it
    came from. ``style`` holds the raw style values (standardised by the model) and
    ``style_tokens`` the token indices behind each. ``category`` gives each token's
    explanation category.
    """

    sparse: dict[str, float]
    where: dict[str, list[int]]
    style: tuple[float, ...]
    style_tokens: dict[str, list[int]]
    category: dict[int, str]


def extract(analysis: Analysis) -> Features:
    """Compute the tone features of an analysed text.

    >>> from postcraft.analysis import analyze
    >>> f = extract(analyze("Jeg synes det var en fed dag!", lang="da"))
    >>> f.style[0] > 0, "w:synes" in f.sparse
    (True, True)
    """
    # One pass over the tokens. Per distinct word form, everything that does not depend on
    # its position (n-gram keys, lexicon category, nominal suffix, phrases) comes from a cache.
    lex = lexicon(analysis.lang)
    tokens = analysis.tokens
    where: dict[str, list[int]] = {}
    category: dict[int, str] = {}
    style_tokens: dict[str, list[int]] = {name: [] for name in STYLE_NAMES}
    info_cache, fs_words = _lang_cache(lex)
    info_get = info_cache.get
    where_get = where.get
    nominal_tokens = style_tokens["nominal"]
    name_tokens = style_tokens["names"]

    n_words = 0
    word_chars = 0
    prev_lem: str | None = None
    covered = -1  # the last token index claimed by a phrase match
    sentence_starts = {s.first for s in analysis.sentences}
    for i, tok in enumerate(tokens):
        text, _, _, kind, low, lem = tok
        if kind == "word":
            n_words += 1
            word_chars += len(text)
            info = info_get((lem, low))
            if info is None:
                info = _word_info(lex, lem, low)
                if len(info_cache) < 200_000:
                    info_cache[(lem, low)] = info
            keys, cat, nominal, phrases = info
            for key in keys:
                w_idx = where_get(key)
                if w_idx is None:
                    where[key] = [i]
                else:
                    w_idx.append(i)
            if prev_lem is not None:
                bkey = f"b:{prev_lem} {lem}"
                w_idx = where_get(bkey)
                if w_idx is None:
                    where[bkey] = [i - 1, i]
                else:
                    w_idx.append(i - 1)
                    w_idx.append(i)
            prev_lem = lem
            if i <= covered:
                pass  # already part of a phrase that started earlier
            elif cat is not None:
                style_tokens[cat].append(i)
                category[i] = _LEX_CATEGORY[cat]
            elif nominal:
                nominal_tokens.append(i)
                category[i] = "nominal_style"
            elif i not in sentence_starts and text[:1].isupper() and not text.isupper():
                name_tokens.append(i)
                category[i] = "names"
            else:
                category[i] = "word_choice"
            if phrases:
                for phrase, pcat, exact in phrases:
                    idx = _match_phrase(tokens, i, phrase, exact)
                    if idx:
                        style_tokens[pcat].extend(idx)
                        label = _LEX_CATEGORY[pcat]
                        for j in idx:
                            category[j] = label
                        if idx[-1] > covered:
                            covered = idx[-1]
                        break
        else:
            prev_lem = None
            if kind == "punct":
                if "?" in text:
                    style_tokens["questions"].append(i)
                    category[i] = "questions"
                if "!" in text:
                    style_tokens["exclamations"].append(i)
                    category[i] = "informality"
            else:
                target = _OTHER_KINDS.get(kind)
                if target is not None:
                    style_tokens[target[0]].append(i)
                    category[i] = target[1]

    # Sublinear term frequency (1 + log count), each group (w, b, x) L2-normalised. A word
    # n-gram occurs once per index in ``where``; a bigram holds two indices per occurrence.
    names = list(where)
    values: list[float] = []
    norms: dict[str, float] = {"w": 0.0, "b": 0.0, "x": 0.0}
    log = math.log
    for key in names:
        c = len(where[key])
        if key[0] == "b":
            c >>= 1
        v = 1.0 if c == 1 else 1.0 + log(c)
        values.append(v)
        norms[key[0]] += v * v
    for g in norms:
        norms[g] = math.sqrt(norms[g]) or 1.0
    sparse = {key: v / norms[key[0]] for key, v in zip(names, values, strict=True)}

    w = max(1, n_words)
    first_words = [t.lemma for t in tokens[:6] if t.kind == "word"][:3]
    style = (
        len(style_tokens["first_singular"]) / w,
        len(style_tokens["first_plural"]) / w,
        len(style_tokens["second_person"]) / w,
        len(style_tokens["mental_verbs"]) / w,
        len(style_tokens["informal"]) / w,
        math.log1p(_phrase_count(style_tokens["announcement"])),
        math.log1p(_phrase_count(style_tokens["call_to_action"])),
        len(style_tokens["corporate_vocabulary"]) / w,
        len(style_tokens["nominal"]) / w,
        math.log1p(len(style_tokens["questions"])),
        math.log1p(sum(tokens[i].text.count("!") for i in style_tokens["exclamations"])),
        math.log1p(len(style_tokens["emoji"])),
        math.log1p(len(style_tokens["hashtags"])),
        math.log1p(len(style_tokens["links"])),
        math.log1p(len(style_tokens["mentions"])),
        len(style_tokens["figures"]) / w,
        len(style_tokens["names"]) / w,
        word_chars / w,
        n_words / max(1, len(analysis.sentences)),
        math.log1p(n_words),
        1.0 if any(x in fs_words for x in first_words) else 0.0,
    )
    return Features(sparse, where, style, style_tokens, category)


# Token kinds other than words and punctuation: (style feature, explanation category).
_OTHER_KINDS: dict[str, tuple[str, str]] = {
    "emoji": ("emoji", "informality"),
    "hashtag": ("hashtags", "hashtags"),
    "url": ("links", "links"),
    "email": ("links", "links"),
    "mention": ("mentions", "names"),
    "number": ("figures", "figures"),
}

_Phrases = tuple[tuple[tuple[str, ...], str, bool], ...]
_WordInfo = tuple[tuple[str, ...], str | None, bool, _Phrases | None]
_LANG_CACHES: dict[str, tuple[dict[tuple[str, str], _WordInfo], frozenset[str]]] = {}


def _lang_cache(lex: Lexicon) -> tuple[dict[tuple[str, str], _WordInfo], frozenset[str]]:
    """Per language: the word-info cache and the first-person-singular words of the lexicon."""
    cached = _LANG_CACHES.get(lex.lang)
    if cached is None:
        fs_words = frozenset(x for x, c in lex.words.items() if c == "first_singular")
        cached = _LANG_CACHES.setdefault(lex.lang, ({}, fs_words))
    return cached


def _word_info(lex: Lexicon, lem: str, low: str) -> _WordInfo:
    """The n-gram keys of one word (lemma and endings), its lexicon category, whether it
    looks like a nominalisation, and the lexicon phrases that start with its lemma."""
    keys = ["w:" + lem]
    if len(low) >= 5:
        for k in (3, 4):
            if len(low) > k + 1:
                keys.append("x:" + low[-k:])
    cat = lex.words.get(lem) or lex.words.get(low)
    nominal = len(low) > 6 and low.endswith(lex.suffixes)
    return tuple(keys), cat, nominal, lex.phrases.get(lem)


def _phrase_count(indices: list[int]) -> int:
    """Number of separate matches among token indices (consecutive indices are one phrase)."""
    if not indices:
        return 0
    s = sorted(set(indices))
    return 1 + sum(1 for a, b in zip(s, s[1:], strict=False) if b != a + 1)


def _match_phrase(tokens: tuple[Any, ...], i: int, phrase: tuple[str, ...], exact: bool = False) -> list[int]:
    """Token indices of ``phrase`` starting at word ``i``, skipping nothing; [] if no match.

    Words match on lemma or lower-case form; with ``exact``, on the lower-case form only."""
    if exact and tokens[i].lower != phrase[0]:
        return []
    idx = [i]
    j = i
    for want in phrase[1:]:
        j += 1
        if j >= len(tokens) or tokens[j].kind != "word":
            return []
        tok = tokens[j]
        if tok.lower != want and (exact or tok.lemma != want):
            return []
        idx.append(j)
    return idx
