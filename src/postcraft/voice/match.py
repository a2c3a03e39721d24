"""How close a draft is to a person's :class:`~postcraft.voice.VoiceProfile`: :func:`compare`.

The score (0–1) averages four parts, weighted by :data:`WEIGHTS`: the numeric habits (each
feature's distance from the person's mean in units of their usual spread, floored so that a
person who always writes the same way is not punished for tiny changes), the opener (how often
the person opens this way), the small words (cosine of their rates: the classic stylometric
signal) and the favourite words. The differences are the few habits the draft departs from most,
each a sentence in the draft's language.

>>> from postcraft.voice import learn
>>> me = learn(["Hvad lærte jeg i dag? At spørge før jeg svarer.",
...             "Hvorfor holder vi møder om møder? Jeg forstår det ikke helt.",
...             "Hvem har prøvet at lave vagtplan i hånden? Jeg har, i går."], lang="da")
>>> m = compare("Vi er stolte af at kunne præsentere vores nye strategi for kundeoplevelsen.", me)
>>> [d.feature for d in m.differences]
['questions', 'opener', 'word_length']
>>> print(m.differences[1].message)
Du åbner som regel med et spørgsmål; dette udkast åbner med en sætning fra en pressemeddelelse.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ..analysis import Analysis, analyze
from ..langs import resolve
from .profile import FEATURES, MIN_SENTENCES_FOR_LINES, OPENERS, Measure, VoiceProfile, data, measure

#: Weights of the parts of the score.
WEIGHTS: Mapping[str, float] = {"habits": 0.45, "opener": 0.1, "small_words": 0.35, "favourites": 0.1}

#: Drafts of this many words give the word-based parts their full weight.
EVIDENCE_WORDS = 50

#: Smallest spread per feature (a person whose posts all have 2 emoji still varies a little).
FLOORS: Mapping[str, float] = {
    "sentence_length": 3.0,
    "length": 0.5,  # on a log scale
    "questions": 0.12,
    "exclamations": 0.12,
    "emoji": 0.75,
    "hashtags": 0.75,
    "first_singular": 0.012,
    "first_plural": 0.012,
    "second_person": 0.012,
    "line_breaks": 0.15,
    "word_length": 0.25,
}
#: A habit is reported as a difference from this many spreads on.
REPORT_AT = 1.5
_SHARES = ("questions", "exclamations")


@dataclass(frozen=True)
class VoiceDifference:
    """One way a draft departs from a person's voice: the ``feature``, a ``message`` in the
    draft's language, the person's ``usual`` value and ``this`` draft's (as shown), and how
    far off it is (``strength``, in spreads)."""

    feature: str
    message: str
    usual: str
    this: str
    strength: float

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict."""
        return {
            "feature": self.feature,
            "message": self.message,
            "usual": self.usual,
            "this": self.this,
            "strength": round(self.strength, 2),
        }


@dataclass(frozen=True)
class VoiceMatch:
    """The "sounds like you" part of a review: ``score`` (0–1), ``label`` (``close``,
    ``near``, ``far``), a readable ``label_text``, the ``differences`` that matter most, the
    part scores and how many posts the profile was learned from."""

    score: float
    label: str
    label_text: str
    differences: tuple[VoiceDifference, ...]
    parts: Mapping[str, float]
    posts: int
    name: str = ""

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict (the ``voice`` member of a review's JSON)."""
        return {
            "score": round(self.score, 3),
            "label": self.label,
            "label_text": self.label_text,
            "profile_posts": self.posts,
            "name": self.name,
            "parts": {k: round(v, 3) for k, v in self.parts.items()},
            "differences": [d.to_dict() for d in self.differences],
        }


def _z(feature: str, value: float, profile: VoiceProfile) -> float:
    stat = profile.features[feature]
    floor = FLOORS[feature]
    if feature == "length":  # lengths vary by ratios: compare on a log scale
        return (math.log1p(value) - math.log1p(stat.mean)) / math.hypot(stat.std / (1.0 + stat.mean), floor)
    return (value - stat.mean) / math.hypot(stat.std, floor)


def _cosine(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    dot = sum(v * b.get(k, 0.0) for k, v in a.items())
    na = math.sqrt(sum(v * v for v in a.values()))
    nb = math.sqrt(sum(v * v for v in b.values()))
    return dot / (na * nb) if na and nb else 0.0


def _opener_share(kind: str, profile: VoiceProfile) -> float:
    total = sum(profile.openers.values())
    return (profile.openers.get(kind, 0) + 0.5) / (total + 0.5 * len(OPENERS))


def _fmt(feature: str, value: float, lang: str) -> str:
    if feature in _SHARES:
        return resolve(lang).percent(value)
    if feature in ("sentence_length", "length"):
        return str(round(value))
    language = resolve(lang)
    return language.number(value, 1 if round(value, 1) != round(value) else 0)


def _differences(m: Measure, profile: VoiceProfile, zs: Mapping[str, float]) -> list[VoiceDifference]:
    lang = m.lang
    messages: Mapping[str, str] = data()["differences"][lang]
    out: list[VoiceDifference] = []
    for f in FEATURES:
        z = zs[f]
        if abs(z) < REPORT_AT:
            continue
        key = f"{f}.{'more' if z > 0 else 'less'}"
        if key not in messages:
            continue
        usual = profile.features[f].mean
        this = m.features[f]
        if f in _SHARES + ("first_singular", "first_plural", "second_person") and z < 0 and this > 0:
            continue  # "less" messages say "none"/"hardly": only when the draft has none
        u, t = _fmt(f, usual, lang), _fmt(f, this, lang)
        if u == t:
            continue
        out.append(VoiceDifference(f, messages[key].format(usual=u, this=t), u, t, abs(z)))
    usual_opener = profile.usual_opener
    share_usual = _opener_share(usual_opener, profile)
    if m.opener != usual_opener and share_usual >= 0.35 and _opener_share(m.opener, profile) <= 0.15:
        names: Mapping[str, str] = data()["openers"][lang]
        u, t = names[usual_opener], names[m.opener]
        msg = messages["opener"].format(usual=u, this=t)
        out.append(VoiceDifference("opener", msg, u, t, 3.0 + 6 * (share_usual - 0.35)))
    favourites = profile.favourites.get(lang, ())
    if len(favourites) >= 5 and m.words >= 60 and not set(favourites) & set(m.lemmas):
        u = ", ".join(favourites[:4])
        out.append(VoiceDifference("favourites", messages["favourites"].format(usual=u, this=""), u, "", 1.5))
    out.sort(key=lambda d: -d.strength)
    return out


def compare(
    text: str | Analysis, profile: VoiceProfile, *, lang: str | None = None, max_differences: int = 3
) -> VoiceMatch:
    """Score how close ``text`` is to ``profile`` and name the few differences that matter."""
    a = text if isinstance(text, Analysis) else analyze(text, lang=lang)
    return compare_measure(measure(a), profile, max_differences=max_differences)


def compare_measure(m: Measure, profile: VoiceProfile, *, max_differences: int = 3) -> VoiceMatch:
    """:func:`compare` on a post already measured (:func:`~postcraft.voice.measure`)."""
    zs = {f: _z(f, m.features[f], profile) for f in FEATURES}
    if m.sentences < MIN_SENTENCES_FOR_LINES:
        zs["line_breaks"] = 0.0
    habits = sum(math.exp(-0.5 * min(z * z, 50.0)) for z in zs.values()) / len(zs)
    opener = _opener_share(m.opener, profile) / _opener_share(profile.usual_opener, profile)
    small = _cosine(m.small, profile.small_words.get(m.lang, {}))
    favs = profile.favourites.get(m.lang, ())
    used = sum(1 for w in favs if w in m.lemmas)
    expected = max(1.0, min(len(favs), m.words / 25))
    favourites = min(1.0, used / expected) if favs else 0.0
    parts = {"habits": habits, "opener": opener, "small_words": small, "favourites": favourites}
    # Word-based parts say little about a short draft or a profile with few favourites: they
    # weigh by how much evidence there is (full weight from EVIDENCE_WORDS words, 6 favourites).
    evidence = min(1.0, m.words / EVIDENCE_WORDS)
    weights = dict(WEIGHTS)
    weights["small_words"] *= evidence
    weights["favourites"] *= evidence * min(1.0, len(favs) / 6)
    total = sum(weights.values())
    score = sum(weights[k] * v for k, v in parts.items()) / total if total else 0.0
    label = "close" if score >= 0.7 else "near" if score >= 0.5 else "far"
    return VoiceMatch(
        score=score,
        label=label,
        label_text=str(data()["labels"][m.lang][label]),
        differences=tuple(_differences(m, profile, zs)[:max_differences]),
        parts=parts,
        posts=profile.posts,
        name=profile.name,
    )
