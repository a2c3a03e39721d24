"""One pass over a draft: language, tokens, lemmas, entities, sentences, fold, readability."""

from .core import Analysis, Position, analyze, normalize_lang
from .structure import Fold, Sentence, Span
from .tokens import Token

__all__ = ["Analysis", "Fold", "Position", "Sentence", "Span", "Token", "analyze", "normalize_lang"]
