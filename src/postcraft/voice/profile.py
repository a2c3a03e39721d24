"""A person's voice learned from their own posts: :func:`learn` → :class:`VoiceProfile`.

Each post is measured once (:func:`measure`) on its :class:`~postcraft.analysis.Analysis`:
sentence length, length, how it opens, pronoun use (the tone lexicon's word lists), emoji,
questions, exclamations, line breaks, hashtags, word length, the rates of the language's small
words, and the lemmas it uses. The profile keeps, per feature, the mean and spread over the
person's posts, how often each opener occurs, the favourite words (lemmas used in many posts,
no stop-words, no topic words that pile up in a single post, no names) and the average rates of
the small words. It is plain JSON (:meth:`VoiceProfile.save`, :func:`load`), versioned by
``format``; nothing is pickled.

>>> p = learn(["Hvad gør man, når alt går i stå? Jeg tog en gåtur.",
...            "Hvorfor er mandage så lange? Jeg aner det ikke."], lang="da")
>>> p.posts, p.openers["question"]
(2, 2)
"""

from __future__ import annotations

import json
import math
import os
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from ..analysis import Analysis, analyze
from ..errors import ConfigError, InputError

FORMAT = "postcraft-voice/1"

#: The numeric features, in the order they are stored.
FEATURES: tuple[str, ...] = (
    "sentence_length",
    "length",
    "questions",
    "exclamations",
    "emoji",
    "hashtags",
    "first_singular",
    "first_plural",
    "second_person",
    "line_breaks",
    "word_length",
)
OPENERS: tuple[str, ...] = (
    "question",
    "announcement",
    "first_person",
    "we",
    "you",
    "emoji",
    "number",
    "statement",
)
_PRONOUNS = ("first_singular", "first_plural", "second_person")
MAX_FAVOURITES = 12
#: Line-break habits are measured on posts of at least this many sentences.
MIN_SENTENCES_FOR_LINES = 3


@lru_cache(maxsize=1)
def data() -> dict[str, Any]:
    """The voice data file (stop-words, opener names, difference messages)."""
    from ..yamlsrc import load_yaml

    text = (resources.files("postcraft.voice") / "data" / "voice.yaml").read_text("utf-8")
    loaded: dict[str, Any] = load_yaml(text, "voice.yaml")
    return loaded


@lru_cache(maxsize=4)
def stopwords(lang: str) -> frozenset[str]:
    """The small words of ``lang`` (lower case)."""
    return frozenset(str(w).lower() for w in data()["stopwords"].get(lang, ()))


@lru_cache(maxsize=4)
def _small_words(lang: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(str(w).lower() for w in data()["stopwords"].get(lang, ())))


@dataclass(frozen=True)
class Measure:
    """One post measured: the numeric ``features``, its ``opener``, the ``small`` word rates
    (per word) and the ``lemmas`` it uses (content words, with counts)."""

    lang: str
    features: dict[str, float]
    opener: str
    small: dict[str, float]
    lemmas: dict[str, int]
    words: int
    sentences: int = 0


def _opener(a: Analysis) -> str:
    from ..tone.features import lexicon

    toks = a.tokens
    if not toks:
        return "statement"
    if toks[0].kind == "emoji":
        return "emoji"
    first = a.sentences[0] if a.sentences else None
    sent = toks[first.first : first.last] if first is not None else toks
    if first is not None and a.text[first.start : first.end].rstrip().endswith("?"):
        return "question"
    lex = lexicon(a.lang)
    lemmas = [t.lemma for t in sent if t.kind == "word"]
    for i, lem in enumerate(lemmas):
        if lex.words.get(lem) == "announcement":
            return "announcement"
        for phrase, cat in lex.phrases.get(lem, ()):
            if cat == "announcement" and tuple(lemmas[i : i + len(phrase)]) == phrase:
                return "announcement"
    head = next((t for t in sent if t.kind in ("word", "number")), None)
    if head is None:
        return "statement"
    if head.kind == "number":
        return "number"
    head_cat = lex.forms.get(head.lower) or lex.words.get(head.lemma) or lex.words.get(head.lower) or ""
    return {"first_singular": "first_person", "first_plural": "we", "second_person": "you"}.get(
        head_cat, "statement"
    )


def measure(post: str | Analysis, lang: str | None = None) -> Measure:
    """Measure one post.

    >>> m = measure("I asked my team a question today. Why do we still print the rota?", lang="en")
    >>> m.opener, m.features["questions"], m.features["sentence_length"]
    ('first_person', 0.5, 7.0)
    """
    from ..tone.features import lexicon

    a = post if isinstance(post, Analysis) else analyze(post, lang=lang)
    lex = lexicon(a.lang)
    words = [t for t in a.tokens if t.kind == "word"]
    n = max(1, len(words))
    counts: Counter[str] = Counter()
    for t in words:
        cat = lex.forms.get(t.lower) or lex.words.get(t.lemma) or lex.words.get(t.lower)
        if cat in _PRONOUNS:
            counts[cat] += 1
    sentence_lengths: list[int] = []
    questions = exclamations = 0
    for s in a.sentences:
        k = sum(1 for t in a.tokens[s.first : s.last] if t.kind in ("word", "number"))
        if not k:
            continue
        sentence_lengths.append(k)
        end = a.text[s.start : s.end].rstrip()
        questions += end.endswith("?")
        exclamations += end.endswith("!")
    n_sent = max(1, len(sentence_lengths))
    lines = sum(1 for span in a.lines if a.text[span.start : span.end].strip())
    features = {
        "sentence_length": sum(sentence_lengths) / n_sent,
        "length": float(len(words)),
        "questions": questions / n_sent,
        "exclamations": exclamations / n_sent,
        "emoji": float(len(a.emoji)),
        "hashtags": float(len(a.hashtags)),
        "first_singular": counts["first_singular"] / n,
        "first_plural": counts["first_plural"] / n,
        "second_person": counts["second_person"] / n,
        "line_breaks": min(lines, n_sent) / n_sent,
        "word_length": sum(len(t.text) for t in words) / n,
    }
    stop = stopwords(a.lang)
    lower = Counter(t.lower for t in words)
    small = {w: lower[w] / n for w in _small_words(a.lang) if lower[w]}
    starts = {s.first for s in a.sentences}
    lemmas: Counter[str] = Counter()
    for i, t in enumerate(a.tokens):
        if t.kind != "word" or len(t.lemma) < 3 or not t.lemma.isalpha() or t.lemma in stop:
            continue
        if t.lower in stop or (t.text[:1].isupper() and i not in starts):
            continue  # a name, or a word in a title
        lemmas[t.lemma] += 1
    return Measure(a.lang, features, _opener(a), small, dict(lemmas), len(words), len(sentence_lengths))


@dataclass(frozen=True)
class Stat:
    """Mean and standard deviation of one feature over a person's posts."""

    mean: float
    std: float

    def to_dict(self) -> dict[str, float]:
        """JSON-ready dict."""
        return {"mean": round(self.mean, 6), "std": round(self.std, 6)}


@dataclass(frozen=True)
class VoiceProfile:
    """How one person writes, learned from ``posts`` of their own. Plain data; see
    :func:`learn`, :meth:`save` and :func:`load`."""

    posts: int
    langs: Mapping[str, int]
    features: Mapping[str, Stat]
    openers: Mapping[str, int]
    favourites: Mapping[str, tuple[str, ...]]
    small_words: Mapping[str, Mapping[str, float]]
    name: str = ""
    meta: Mapping[str, Any] = field(default_factory=dict)

    @property
    def usual_opener(self) -> str:
        """The opener the person uses most (ties: the order of :data:`OPENERS`)."""
        return max(OPENERS, key=lambda k: (self.openers.get(k, 0), -OPENERS.index(k)))

    def to_dict(self) -> dict[str, Any]:
        """The JSON form (``format`` carries the version)."""
        return {
            "format": FORMAT,
            "name": self.name,
            "posts": self.posts,
            "langs": dict(self.langs),
            "features": {k: self.features[k].to_dict() for k in FEATURES if k in self.features},
            "openers": {k: self.openers[k] for k in OPENERS if self.openers.get(k)},
            "favourites": {k: list(v) for k, v in self.favourites.items()},
            "small_words": {k: {w: round(r, 6) for w, r in v.items()} for k, v in self.small_words.items()},
            "meta": dict(self.meta),
        }

    def save(self, path: str | os.PathLike[str]) -> None:
        """Write the profile as JSON (UTF-8), atomically."""
        from ..io import write_atomic

        text = json.dumps(self.to_dict(), ensure_ascii=False, indent=1, sort_keys=False) + "\n"
        write_atomic(path, text.encode("utf-8"))

    @classmethod
    def from_dict(cls, raw: Mapping[str, Any], *, source: str = "voice profile") -> VoiceProfile:
        """Build a profile from its JSON form; a wrong or newer ``format`` is a ConfigError."""
        if not isinstance(raw, Mapping) or raw.get("format") != FORMAT:
            got = raw.get("format") if isinstance(raw, Mapping) else type(raw).__name__
            raise ConfigError(
                f"{source}: not a postcraft voice profile (format {got!r}, expected {FORMAT!r})"
            )
        try:
            return cls(
                posts=int(raw["posts"]),
                langs={str(k): int(v) for k, v in raw.get("langs", {}).items()},
                features={
                    k: Stat(float(v["mean"]), float(v["std"]))
                    for k, v in raw["features"].items()
                    if k in FEATURES
                },
                openers={str(k): int(v) for k, v in raw.get("openers", {}).items()},
                favourites={str(k): tuple(map(str, v)) for k, v in raw.get("favourites", {}).items()},
                small_words={
                    str(k): {str(w): float(r) for w, r in v.items()}
                    for k, v in raw.get("small_words", {}).items()
                },
                name=str(raw.get("name", "")),
                meta=dict(raw.get("meta", {})),
            )
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise ConfigError(f"{source}: broken voice profile ({exc})") from None


def load(source: str | os.PathLike[str] | Mapping[str, Any] | VoiceProfile) -> VoiceProfile:
    """Load a profile from a JSON file (or its dict); a profile is returned as it is."""
    if isinstance(source, VoiceProfile):
        return source
    if isinstance(source, Mapping):
        return VoiceProfile.from_dict(source)
    path = Path(source)
    try:
        raw = json.loads(path.read_text("utf-8"))
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror})") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ConfigError(f"{path}: not JSON ({exc})") from None
    return VoiceProfile.from_dict(raw, source=str(path))


def _favourites(measures: list[Measure]) -> tuple[str, ...]:
    df: Counter[str] = Counter()
    total: Counter[str] = Counter()
    for m in measures:
        df.update(m.lemmas.keys())
        total.update(m.lemmas)
    need = max(2, math.ceil(0.15 * len(measures)))
    scored = []
    for lemma, d in df.items():
        if d < need:
            continue
        burst = total[lemma] / d  # topic words pile up inside the posts about that topic
        if burst > 2.5:
            continue
        scored.append((d / len(measures) / burst, lemma))
    scored.sort(key=lambda x: (-x[0], x[1]))
    return tuple(w for _, w in scored[:MAX_FAVOURITES])


def learn(posts: Iterable[str | Analysis], *, lang: str | None = None, name: str = "") -> VoiceProfile:
    """Learn a :class:`VoiceProfile` from a person's own posts (texts or analyses, in Danish,
    English or both). At least one post is needed; ten or more make a useful profile.

    >>> p = learn(["I started on Monday. I still get lost in the building!",
    ...            "I learned more from one customer call than from a week of slides."], lang="en")
    >>> p.langs, p.usual_opener
    ({'en': 2}, 'first_person')
    """
    measures = [measure(p, lang) for p in posts if (p.text if isinstance(p, Analysis) else p).strip()]
    return from_measures(measures, name=name)


def from_measures(measures: list[Measure], *, name: str = "") -> VoiceProfile:
    """:func:`learn` on posts already measured (:func:`measure`), e.g. to learn many profiles
    from one corpus without measuring a post twice."""
    if not measures:
        raise InputError("a voice profile needs at least one post with text")
    n = len(measures)
    features: dict[str, Stat] = {}
    for f in FEATURES:
        values = [m.features[f] for m in measures]
        if f == "line_breaks":  # line habits show only in posts of a few sentences
            values = [m.features[f] for m in measures if m.sentences >= MIN_SENTENCES_FOR_LINES] or values
        mean = sum(values) / n
        var = sum((v - mean) ** 2 for v in values) / (n - 1) if n > 1 else 0.0
        features[f] = Stat(mean, math.sqrt(var))
    langs = Counter(m.lang for m in measures)
    favourites: dict[str, tuple[str, ...]] = {}
    small: dict[str, dict[str, float]] = {}
    for lg in sorted(langs):
        ms = [m for m in measures if m.lang == lg]
        favourites[lg] = _favourites(ms)
        rates: Counter[str] = Counter()
        for m in ms:
            rates.update(m.small)
        small[lg] = {w: rates[w] / len(ms) for w in _small_words(lg) if rates[w]}
    return VoiceProfile(
        posts=n,
        langs=dict(sorted(langs.items())),
        features=features,
        openers=dict(Counter(m.opener for m in measures)),
        favourites=favourites,
        small_words=small,
        name=name,
    )
