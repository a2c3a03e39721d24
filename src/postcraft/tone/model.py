"""Tone models stored as plain data (JSON), loaded without pickle, scored without scikit-learn.

A model is a linear logit over the features of :mod:`postcraft.tone.features`, followed by
Platt calibration: ``personal = sigmoid(a · (intercept + Σ wᵢ·xᵢ) + b)``. Because the model is
linear, each feature's contribution ``a · wᵢ · xᵢ`` is exact and the contributions add up to
the calibrated logit; the explanations use exactly these numbers.
"""

from __future__ import annotations

import json
import math
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from types import MappingProxyType
from typing import Any

from ..analysis import Analysis
from ..errors import ConfigError, InputError, MissingLanguageDataError
from ..io import cached_file
from .features import STYLE_NAMES, extract

FORMAT = "postcraft-tone/2"

# Labels from the calibrated probability of a personal voice (documented in docs/tone.md).
PERSONAL_AT = 0.6
CORPORATE_BELOW = 0.4
#: Fewer words than this (hashtags, links and emoji do not count) is too little to judge: the
#: score is pulled towards 0.5 and marked ``confidence="low"`` (no voice warning).
MIN_WORDS = 6
#: Scaled style values are clipped to ±CLIP (a rate in a three-word text is not ten times the signal).
CLIP = 4.0


def _freeze(value: Any) -> Any:
    """A read-only copy of JSON-like data: mappings become ``MappingProxyType``, lists tuples."""
    if isinstance(value, Mapping):
        return MappingProxyType({str(k): _freeze(v) for k, v in value.items()})
    if isinstance(value, (list, tuple)):
        return tuple(_freeze(v) for v in value)
    return value


def _thaw(value: Any) -> Any:
    """JSON data again (dicts and lists) from what :func:`_freeze` returned."""
    if isinstance(value, Mapping):
        return {k: _thaw(v) for k, v in value.items()}
    if isinstance(value, tuple):
        return [_thaw(v) for v in value]
    return value


@dataclass(frozen=True)
class ToneModel:
    """A loaded tone model for one language. Build with :func:`load_model` or by training.

    Immutable: ``weights`` and ``meta`` are read-only mappings (copies of what was passed in),
    the style vectors tuples; a model is hashable.

    >>> m = builtin_model("en")
    >>> m.weights["w:i"] = 1.0
    Traceback (most recent call last):
    TypeError: 'mappingproxy' object does not support item assignment
    >>> hash(m) == hash(builtin_model("en"))
    True
    """

    lang: str
    intercept: float
    weights: Mapping[str, float]
    style_mean: tuple[float, ...]
    style_std: tuple[float, ...]
    style_weights: tuple[float, ...]
    calibration: tuple[float, float] = (1.0, 0.0)
    thresholds: tuple[float, float] = (CORPORATE_BELOW, PERSONAL_AT)
    meta: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}))

    def __post_init__(self) -> None:
        setattr_ = object.__setattr__
        setattr_(self, "weights", MappingProxyType(dict(self.weights)))
        setattr_(self, "meta", _freeze(self.meta))
        for name in ("style_mean", "style_std", "style_weights", "calibration", "thresholds"):
            setattr_(self, name, tuple(getattr(self, name)))

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        # Read-only mappings do not pickle; the plain data does, and is frozen again on load.
        return (
            type(self),
            (
                self.lang,
                self.intercept,
                dict(self.weights),
                self.style_mean,
                self.style_std,
                self.style_weights,
                self.calibration,
                self.thresholds,
                _thaw(self.meta),
            ),
        )

    def __hash__(self) -> int:
        # Cheap and consistent with ==: equal models agree on all of these.
        return hash(
            (
                self.lang,
                self.intercept,
                len(self.weights),
                self.style_mean,
                self.style_std,
                self.style_weights,
                self.calibration,
                self.thresholds,
            )
        )

    def to_dict(self) -> dict[str, Any]:
        """The JSON data the model is stored as."""
        return {
            "format": FORMAT,
            "lang": self.lang,
            "intercept": self.intercept,
            "calibration": {"a": self.calibration[0], "b": self.calibration[1]},
            "thresholds": {"corporate_below": self.thresholds[0], "personal_at": self.thresholds[1]},
            "style": {
                "names": list(STYLE_NAMES),
                "mean": list(self.style_mean),
                "std": list(self.style_std),
                "weights": list(self.style_weights),
            },
            "weights": dict(self.weights),
            "meta": _thaw(self.meta),
        }

    def save(self, path: str | Path) -> None:
        """Write the model as JSON (atomically)."""
        target = Path(path)
        tmp = target.with_suffix(target.suffix + ".tmp")
        tmp.write_text(json.dumps(self.to_dict(), ensure_ascii=False, sort_keys=True), "utf-8")
        tmp.replace(target)

    @classmethod
    def from_dict(cls, data: dict[str, Any], *, source: str = "<dict>") -> ToneModel:
        """Build a model from its JSON data, checking the format."""
        if data.get("format") != FORMAT:
            raise ConfigError(
                f"not a postcraft tone model (format {data.get('format')!r}, expected {FORMAT!r})",
                path=source,
            )
        try:
            style = data["style"]
            if list(style["names"]) != list(STYLE_NAMES):
                raise ConfigError(
                    "the model was trained with other style features than this postcraft version has; "
                    "retrain it with `postcraft train tone`",
                    path=source,
                )
            return cls(
                lang=str(data["lang"]),
                intercept=float(data["intercept"]),
                weights={str(k): float(v) for k, v in data["weights"].items()},
                style_mean=tuple(float(x) for x in style["mean"]),
                style_std=tuple(float(x) for x in style["std"]),
                style_weights=tuple(float(x) for x in style["weights"]),
                calibration=(float(data["calibration"]["a"]), float(data["calibration"]["b"])),
                thresholds=(
                    float(data["thresholds"]["corporate_below"]),
                    float(data["thresholds"]["personal_at"]),
                ),
                meta=data.get("meta", {}),
            )
        except (KeyError, TypeError, ValueError) as exc:
            raise ConfigError(f"tone model is missing or has a bad field: {exc}", path=source) from None

    def contributions(self, analysis: Analysis) -> tuple[float, dict[str, float], list[float], Any]:
        """Calibrated logit, per-feature contributions, per-style contributions and the features."""
        feats = extract(analysis)
        a, b = self.calibration
        weights = self.weights
        contrib: dict[str, float] = {}
        z = self.intercept
        for key, value in feats.sparse.items():
            wt = weights.get(key)
            if wt is not None:
                c = wt * value
                contrib[key] = a * c
                z += c
        style_c: list[float] = []
        for x, mean, std, wt in zip(
            feats.style, self.style_mean, self.style_std, self.style_weights, strict=True
        ):
            c = wt * (max(-CLIP, min(CLIP, (x - mean) / std)) if std else 0.0)
            style_c.append(a * c)
            z += c
        return a * z + b, contrib, style_c, feats

    def score(self, analysis: Analysis) -> ToneScore:
        """Score an analysed text (its language must be the model's)."""
        from .explain import explain

        if analysis.lang != self.lang:
            raise ConfigError(
                f"this tone model is for {self.lang!r} but the text is {analysis.lang!r}; "
                f"pass a {analysis.lang!r} model or lang={self.lang!r}"
            )
        if not analysis.text.strip():
            raise InputError("the text is empty: there is no voice to score")
        logit, contrib, style_c, feats = self.contributions(analysis)
        confidence = "normal"
        if feats.words < MIN_WORDS:
            # too short or too bare to judge: shrink every contribution towards 0.5
            shrink = (feats.words / MIN_WORDS) ** 2
            logit *= shrink
            contrib = {k: v * shrink for k, v in contrib.items()}
            style_c = [v * shrink for v in style_c]
            confidence = "low"
        p = _sigmoid(logit)
        lo, hi = self.thresholds
        label = "personal" if p >= hi else "corporate" if p < lo else "mixed"
        drivers = explain(analysis, feats, contrib, style_c, logit)
        return ToneScore(
            personal=round(p, 4),
            label=label,
            drivers=drivers,
            logit=round(logit, 4),
            lang=self.lang,
            confidence=confidence,
        )


def _sigmoid(z: float) -> float:
    if z >= 0:
        return 1.0 / (1.0 + math.exp(-z))
    e = math.exp(z)
    return e / (1.0 + e)


@dataclass(frozen=True)
class Driver:
    """One reason behind a tone score.

    ``category`` (e.g. ``"pronouns"``, ``"announcement"``, ``"nominal_style"``), ``direction``
    (``"personal"`` or ``"corporate"``), ``weight`` (its share of the calibrated logit, signed:
    positive pushes personal), ``spans`` (``[start, end)`` code points of the words behind it,
    possibly empty for an absence such as "no first person"), ``text`` (those words, joined
    by " … "), and ``hint`` (how to sound more personal, in the post's language).
    """

    category: str
    direction: str
    weight: float
    spans: tuple[tuple[int, int], ...]
    text: str
    hint: str

    def to_dict(self, utf16: Callable[[int], int] | None = None) -> dict[str, Any]:
        """JSON-ready dict; with ``utf16`` (code-point offset → UTF-16 offset, e.g.
        ``Analysis.utf16_offset``) also ``utf16_spans``."""
        d = {
            "category": self.category,
            "direction": self.direction,
            "weight": self.weight,
            "spans": [list(s) for s in self.spans],
            "text": self.text,
            "hint": self.hint,
        }
        if utf16 is not None:
            d["utf16_spans"] = [[utf16(s), utf16(e)] for s, e in self.spans]
        return d


@dataclass(frozen=True)
class ToneScore:
    """How personal a draft sounds.

    ``personal`` is a calibrated probability in [0, 1] that a reader would take the post for a
    person's own voice; ``label`` is ``"personal"`` (≥ 0.6), ``"mixed"`` or ``"corporate"``
    (< 0.4); ``drivers`` are at most five reasons, strongest first. ``confidence`` is ``"low"``
    when the text is too short or bare to judge (fewer than six words; hashtags, links and emoji
    do not count): the score is then pulled towards 0.5 and the ``voice`` rules stay quiet.
    """

    personal: float
    label: str
    drivers: tuple[Driver, ...]
    logit: float
    lang: str
    confidence: str = "normal"

    def _repr_html_(self) -> str:
        from ..formats.html import tone_html

        return tone_html(self)

    def to_dict(self, utf16: Callable[[int], int] | None = None) -> dict[str, Any]:
        """JSON-ready dict (``utf16``: see :meth:`Driver.to_dict`)."""
        return {
            "personal": self.personal,
            "label": self.label,
            "logit": self.logit,
            "confidence": self.confidence,
            "drivers": [d.to_dict(utf16) for d in self.drivers],
        }


def load_model(source: str | Path | dict[str, Any]) -> ToneModel:
    """Load a tone model from a JSON file (cached until it changes) or a dict (never pickle).

    >>> m = builtin_model("en")
    >>> m.lang
    'en'
    """
    if isinstance(source, dict):
        return ToneModel.from_dict(source)
    path = Path(source)
    try:
        return cached_file(path, _read_model)
    except FileNotFoundError:
        raise ConfigError("tone model file not found", path=str(path)) from None
    except OSError as exc:
        raise ConfigError(f"cannot read the tone model: {exc}", path=str(path)) from None


def _read_model(source: str | os.PathLike[str]) -> ToneModel:
    path = Path(source)
    try:
        data = json.loads(path.read_text("utf-8"))
    except FileNotFoundError:
        raise ConfigError("tone model file not found", path=str(path)) from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ConfigError(f"cannot read the tone model: {exc}", path=str(path)) from None
    return ToneModel.from_dict(data, source=str(path))


@lru_cache(maxsize=8)
def builtin_model(lang: str) -> ToneModel:
    """The shipped model of ``lang`` (loaded once per process)."""
    ref = resources.files("postcraft.tone") / "models" / f"tone-{lang}.json"
    if not ref.is_file():
        raise MissingLanguageDataError(lang, f"tone/models/tone-{lang}.json")
    return ToneModel.from_dict(json.loads(ref.read_text("utf-8")), source=str(ref))
