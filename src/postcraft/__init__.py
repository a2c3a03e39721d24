"""postcraft: write LinkedIn posts for employee advocacy in your own voice.

Danish and English. One call reviews a draft::

    >>> import postcraft
    >>> r = postcraft.review("I spent today with our new apprentices. They asked better questions than I did.")
    >>> r.lang
    'en'

The public API is small: :func:`analyze`, :func:`review`, :func:`review_many`, :func:`insights`,
:func:`score_tone`, :func:`check`, :func:`apply_fixes`, :func:`suggest_tags`,
:func:`templates`, :func:`render`, and the error family rooted in :class:`PostcraftError`. Heavy modules load lazily on first use, so
``import postcraft`` stays cheap.
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from importlib import import_module
from typing import TYPE_CHECKING, Any

from .errors import ConfigError, InputError, PostcraftError, UnsupportedLanguageError
from .insights import load_history
from .review import SCHEMA_VERSION, Review, check
from .templates import Draft, Field, Template, render


class _FunctionAndPackage:
    """A public function that shares its name with a subpackage (``review``, ``templates``,
    ``insights``). Calling it calls the function; attributes are the subpackage's, so neither
    ``import postcraft.insights.compute as c`` nor importing a submodule later can break it."""

    def __init__(self, func: Callable[..., Any], package: str) -> None:
        functools.update_wrapper(self, func)
        self._package = package

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        return self.__wrapped__(*args, **kwargs)

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):
            raise AttributeError(name)
        return getattr(sys.modules.get(self._package) or import_module(self._package), name)

    def __repr__(self) -> str:
        return f"<function postcraft.{self.__name__}>"


if TYPE_CHECKING:
    from .insights import insights
    from .review import review
    from .templates import list_templates as templates
else:
    from .insights import insights as _insights
    from .review import review as _review
    from .templates import list_templates as _templates

    review = _FunctionAndPackage(_review, "postcraft.review")
    templates = _FunctionAndPackage(_templates, "postcraft.templates")
    insights = _FunctionAndPackage(_insights, "postcraft.insights")

__version__ = "0.1.0"

# name -> module that defines it; imported on first attribute access (PEP 562).
_LAZY = {
    "analyze": "postcraft.analysis",
    "Analysis": "postcraft.analysis",
    "Token": "postcraft.analysis",
    "Position": "postcraft.analysis",
    "score_tone": "postcraft.tone",
    "ToneScore": "postcraft.tone",
    "ToneModel": "postcraft.tone",
    "Driver": "postcraft.tone",
    "load_model": "postcraft.tone",
    "Finding": "postcraft.rules",
    "Guidelines": "postcraft.rules",
    "load_guidelines": "postcraft.rules",
    "apply_fixes": "postcraft.rules",
    "suggest_tags": "postcraft.tags",
    "TagSuggestions": "postcraft.tags",
    "Suggestion": "postcraft.tags",
    "Roster": "postcraft.tags",
    "load_roster": "postcraft.tags",
    "to_copy_text": "postcraft.tags",
    "to_little_text": "postcraft.tags",
    "escape_little_text": "postcraft.tags",
    "NameNote": "postcraft.tags",
    "review_many": "postcraft.batch",
    "Insights": "postcraft.insights",
    "History": "postcraft.insights",
    "compare": "postcraft.display",
    "Comparison": "postcraft.display",
}

if TYPE_CHECKING:
    from .analysis import Analysis, Position, Token, analyze
    from .batch import review_many
    from .display import Comparison, compare
    from .insights import History, Insights
    from .rules import Finding, Guidelines, apply_fixes, load_guidelines
    from .tags import (
        NameNote,
        Roster,
        Suggestion,
        TagSuggestions,
        escape_little_text,
        load_roster,
        suggest_tags,
        to_copy_text,
        to_little_text,
    )
    from .tone import Driver, ToneModel, ToneScore, load_model, score_tone

__all__ = [
    "Analysis",
    "Comparison",
    "ConfigError",
    "Draft",
    "Driver",
    "Field",
    "Finding",
    "Guidelines",
    "History",
    "Insights",
    "NameNote",
    "Roster",
    "Suggestion",
    "TagSuggestions",
    "Template",
    "apply_fixes",
    "check",
    "compare",
    "escape_little_text",
    "insights",
    "load_guidelines",
    "load_history",
    "load_roster",
    "render",
    "review_many",
    "suggest_tags",
    "templates",
    "to_copy_text",
    "to_little_text",
    "InputError",
    "Position",
    "PostcraftError",
    "Review",
    "SCHEMA_VERSION",
    "Token",
    "ToneModel",
    "ToneScore",
    "UnsupportedLanguageError",
    "__version__",
    "analyze",
    "load_model",
    "review",
    "score_tone",
]


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'postcraft' has no attribute {name!r}")
    value = getattr(import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
