"""Tone: how personal or corporate a draft sounds, why, and how to sound more like yourself.

>>> from postcraft.tone import score_tone
>>> s = score_tone("I spent the morning with our new apprentices and honestly, I learned more than they did.")
>>> s.label
'personal'
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..analysis import Analysis, analyze
from .model import Driver, ToneModel, ToneScore, builtin_model, load_model

ModelArg = ToneModel | str | Path | dict[str, Any] | None

__all__ = ["Driver", "ToneModel", "ToneScore", "builtin_model", "load_model", "score_analysis", "score_tone"]


def _resolve(model: ModelArg, lang: str) -> ToneModel:
    if model is None:
        return builtin_model(lang)
    if isinstance(model, ToneModel):
        return model
    if isinstance(model, dict) and "format" not in model:
        # {"da": model_or_path, "en": ...}
        chosen = model.get(lang)
        return _resolve(chosen, lang)
    return load_model(model)


def score_analysis(analysis: Analysis, *, model: ModelArg = None) -> ToneScore:
    """Score an :class:`~postcraft.analysis.Analysis` with the built-in or a given model."""
    return _resolve(model, analysis.lang).score(analysis)


def score_tone(text: str, *, lang: str | None = None, model: ModelArg = None) -> ToneScore:
    """Score how personal ``text`` sounds: a calibrated ``personal`` probability, a ``label``
    (``"personal"``, ``"mixed"``, ``"corporate"``) and up to five ``drivers`` with spans and hints.

    ``model`` may be a :class:`ToneModel`, a path to a model file, or ``{"da": …, "en": …}``;
    by default the shipped model of the text's language is used. Languages other than Danish
    and English raise :class:`~postcraft.UnsupportedLanguageError`.

    >>> score_tone("Vi er stolte af at kunne præsentere vores nye innovative løsning. Læs mere på firma.dk").label
    'corporate'
    """
    return score_analysis(analyze(text, lang=lang), model=model)
