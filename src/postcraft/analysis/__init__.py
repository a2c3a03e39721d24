"""One pass over a draft: language, tokens, lemmas, entities, sentences, fold, readability."""

from ..langs import normalize_lang
from .core import Analysis, Position, analyze
from .structure import Fold, Sentence, Span
from .tokens import Token

__all__ = ["Analysis", "Fold", "Position", "Sentence", "Span", "Token", "analyze", "normalize_lang"]
