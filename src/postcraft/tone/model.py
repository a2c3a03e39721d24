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
from functools import lru_cache, partial
from pathlib import Path
from types import MappingProxyType
from typing import Any

from ..analysis import Analysis
from ..errors import ConfigError, InputError, MissingLanguageDataError
from ..io import cached_file, read_limited
from ..yamlsrc import package_files
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
#: Largest tone model file read, in bytes (the built-in ones are about 0.5 MB).
MAX_MODEL_BYTES = 32 * 1_048_576


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
        """Build a model from its JSON data, checking it: the format, every field's type and
        shape, that every number is finite (no NaN or infinity), that the style vectors have one
        number per style feature and the thresholds are ordered. A ConfigError names
        ``source`` and what is wrong.

        >>> ToneModel.from_dict({"format": FORMAT, "lang": "en", "intercept": float("nan")})
        Traceback (most recent call last):
        postcraft.errors.ConfigError: <dict>: intercept: must be a finite number, not nan
        """
        if not isinstance(data, Mapping):
            raise ConfigError(f"a tone model is a JSON object, not {type(data).__name__}", path=source)
        if data.get("format") != FORMAT:
            raise ConfigError(
                f"not a postcraft tone model (format {data.get('format')!r}, expected {FORMAT!r})",
                path=source,
            )

        def fail(where: str, what: str) -> ConfigError:
            return ConfigError(f"{where}: {what}", path=source)

        def section(value: Any, where: str) -> Mapping[str, Any]:
            if not isinstance(value, Mapping):
                raise fail(where, f"must be an object, not {_kind(value)}")
            return value

        def get(mapping: Mapping[str, Any], key: str, where: str) -> Any:
            if key not in mapping:
                raise fail(where + key, "missing")
            return mapping[key]

        def number(value: Any, where: str) -> float:
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                raise fail(where, f"must be a number, not {_kind(value)}")
            x = float(value)
            if not math.isfinite(x):
                raise fail(where, f"must be a finite number, not {value!r}")
            return x

        def vector(value: Any, where: str) -> tuple[float, ...]:
            if not isinstance(value, (list, tuple)):
                raise fail(where, f"must be a list of numbers, not {_kind(value)}")
            if len(value) != len(STYLE_NAMES):
                raise fail(where, f"has {len(value)} numbers; the style features are {len(STYLE_NAMES)}")
            return tuple(number(x, f"{where}[{i}]") for i, x in enumerate(value))

        lang = get(data, "lang", "")
        if not isinstance(lang, str) or not lang:
            raise fail("lang", f"must be a language code (a str), not {lang!r}")
        intercept = number(get(data, "intercept", ""), "intercept")
        raw_weights = section(get(data, "weights", ""), "weights")
        weights = {}
        for key, value in raw_weights.items():
            if not isinstance(key, str):
                raise fail("weights", f"feature names must be strings, not {_kind(key)}")
            weights[key] = number(value, f"weights[{key!r}]")
        style = section(get(data, "style", ""), "style")
        names = get(style, "names", "style.")
        if not isinstance(names, (list, tuple)) or list(names) != list(STYLE_NAMES):
            raise ConfigError(
                "the model was trained with other style features than this postcraft version has; "
                "retrain it with `postcraft train tone`",
                path=source,
            )
        mean = vector(get(style, "mean", "style."), "style.mean")
        std = vector(get(style, "std", "style."), "style.std")
        if any(x < 0 for x in std):
            raise fail("style.std", "standard deviations cannot be negative")
        style_weights = vector(get(style, "weights", "style."), "style.weights")
        cal = section(get(data, "calibration", ""), "calibration")
        a = number(get(cal, "a", "calibration."), "calibration.a")
        b = number(get(cal, "b", "calibration."), "calibration.b")
        th = section(get(data, "thresholds", ""), "thresholds")
        lo = number(get(th, "corporate_below", "thresholds."), "thresholds.corporate_below")
        hi = number(get(th, "personal_at", "thresholds."), "thresholds.personal_at")
        for value, name in ((lo, "corporate_below"), (hi, "personal_at")):
            if not 0.0 <= value <= 1.0:
                raise fail(f"thresholds.{name}", f"is a probability between 0 and 1, not {value}")
        if lo > hi:
            raise fail(
                "thresholds",
                f"corporate_below ({lo}) is above personal_at ({hi}); the corporate range must end "
                "where the personal one starts or below it",
            )
        meta = data.get("meta", {})
        if meta is None:
            meta = {}
        section(meta, "meta")
        return cls(
            lang=lang,
            intercept=intercept,
            weights=weights,
            style_mean=mean,
            style_std=std,
            style_weights=style_weights,
            calibration=(a, b),
            thresholds=(lo, hi),
            meta=meta,
        )

    def contributions(self, analysis: Analysis) -> tuple[float, dict[str, float], list[float], Any]:
        """Calibrated logit, per-feature contributions, per-style contributions and the features."""
        weights = self.weights
        feats = extract(analysis, ngrams=bool(weights))  # no n-gram weights: no n-grams to count
        a, b = self.calibration
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
        return ToneScore(
            personal=round(p, 4),
            label=label,
            drivers=partial(explain, analysis, feats, contrib, style_c, logit),
            logit=round(logit, 4),
            lang=self.lang,
            confidence=confidence,
        )


def _kind(value: Any) -> str:
    """What a JSON value is, for messages."""
    return {dict: "an object", list: "a list", str: "a string", bool: "true/false", type(None): "null"}.get(
        type(value), type(value).__name__
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


class ToneScore:
    """How personal a draft sounds.

    ``personal`` is a calibrated probability in [0, 1] that a reader would take the post for a
    person's own voice; ``label`` is ``"personal"`` (≥ 0.6), ``"mixed"`` or ``"corporate"``
    (< 0.4); ``drivers`` are at most five reasons, strongest first. ``confidence`` is ``"low"``
    when the text is too short or bare to judge (fewer than six words; hashtags, links and emoji
    do not count): the score is then pulled towards 0.5 and the ``voice`` rules stay quiet.

    Immutable. ``drivers`` may be given as a tuple or as a function that returns them: it is
    then called the first time they are read (a score whose drivers nobody reads never builds
    them), and the result kept. Equality, hashing, pickling and ``to_dict()`` see the drivers.

    >>> s = ToneScore(0.7, "personal", lambda: (), 0.85, "en")
    >>> s.drivers, s == ToneScore(0.7, "personal", (), 0.85, "en")
    ((), True)
    """

    __slots__ = ("personal", "label", "logit", "lang", "confidence", "_drivers", "_explain")
    personal: float
    label: str
    logit: float
    lang: str
    confidence: str
    _drivers: tuple[Driver, ...] | None
    _explain: Callable[[], tuple[Driver, ...]] | None

    def __init__(
        self,
        personal: float,
        label: str,
        drivers: tuple[Driver, ...] | Callable[[], tuple[Driver, ...]],
        logit: float,
        lang: str,
        confidence: str = "normal",
    ) -> None:
        set_ = object.__setattr__
        set_(self, "personal", personal)
        set_(self, "label", label)
        set_(self, "logit", logit)
        set_(self, "lang", lang)
        set_(self, "confidence", confidence)
        if callable(drivers):
            set_(self, "_drivers", None)
            set_(self, "_explain", drivers)
        else:
            set_(self, "_drivers", tuple(drivers))
            set_(self, "_explain", None)

    @property
    def drivers(self) -> tuple[Driver, ...]:
        """At most five reasons, strongest first (built on first use)."""
        # read the function before the drivers, set the drivers before dropping the function:
        # a thread that finds the function gone finds the drivers set
        explain = self._explain
        found: tuple[Driver, ...] | None = self._drivers
        if found is None:
            found = tuple(explain())  # type: ignore[misc]  # None only once the drivers are set
            object.__setattr__(self, "_drivers", found)
            object.__setattr__(self, "_explain", None)
        return found

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"cannot assign to field {name!r}: a ToneScore is immutable")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"cannot delete field {name!r}: a ToneScore is immutable")

    def _key(self) -> tuple[Any, ...]:
        return (self.personal, self.label, self.drivers, self.logit, self.lang, self.confidence)

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def __repr__(self) -> str:
        return (
            f"ToneScore(personal={self.personal!r}, label={self.label!r}, drivers={self.drivers!r}, "
            f"logit={self.logit!r}, lang={self.lang!r}, confidence={self.confidence!r})"
        )

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        # the drivers travel built (a function building them does not pickle)
        return (type(self), (self.personal, self.label, self.drivers, self.logit, self.lang, self.confidence))

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


def _no_constant(name: str) -> float:
    raise ValueError(f"{name} is not a number a tone model may hold (JSON has no NaN or infinity)")


def _read_model(source: str | os.PathLike[str]) -> ToneModel:
    path = Path(source)
    try:
        raw = read_limited(path, MAX_MODEL_BYTES, what="tone model file")
    except InputError as exc:
        reason = str(exc).removeprefix(f"{path}: ")
        raise ConfigError(f"cannot read the tone model: {reason}", path=str(path)) from None
    try:
        data = json.loads(raw.decode("utf-8"), parse_constant=_no_constant)
    except (UnicodeDecodeError, json.JSONDecodeError, ValueError, RecursionError) as exc:
        raise ConfigError(f"cannot read the tone model: {exc}", path=str(path)) from None
    return ToneModel.from_dict(data, source=str(path))


@lru_cache(maxsize=8)
def builtin_model(lang: str) -> ToneModel:
    """The shipped model of ``lang`` (loaded once per process)."""
    ref = package_files("postcraft.tone") / "models" / f"tone-{lang}.json"
    if not ref.is_file():
        raise MissingLanguageDataError(lang, f"tone/models/tone-{lang}.json")
    return ToneModel.from_dict(json.loads(ref.read_text("utf-8")), source=str(ref))
