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

import typing as _typing
from importlib import import_module as _import_module
from types import ModuleType as _ModuleType
from typing import Any as _Any

from . import insights as _insights_package
from . import templates as _templates_package
from ._version import __version__
from .errors import ConfigError, InputError, PostcraftError, UnsupportedLanguageError
from .insights import load_history
from .pipeline import SCHEMA_VERSION, Review, check, render, review


class _CallablePackage(_ModuleType):
    """A subpackage that is also a public function: ``postcraft.templates(lang="da")`` lists
    templates and ``postcraft.insights(history)`` computes insights, while
    ``import postcraft.insights.compute`` and ``postcraft.templates.render`` still reach the
    package. ``inspect.signature`` shows the function's parameters (through ``__signature__``;
    not ``__wrapped__``, which would make ``inspect.getsource`` and pdoc read the function's
    source in place of the package's)."""

    _function: _Any

    def __call__(self, *args: _Any, **kwargs: _Any) -> _Any:
        return self._function(*args, **kwargs)

    @property
    def __signature__(self) -> _Any:
        import inspect

        return inspect.signature(self._function)


def _make_callable(package: _ModuleType, function: _Any) -> None:
    package.__class__ = _CallablePackage
    setattr(package, "_function", function)  # noqa: B010 (a module attribute mypy cannot see)


if _typing.TYPE_CHECKING:
    from .pipeline import insights
    from .templates import list_templates as templates
else:
    from . import pipeline as _pipeline

    _make_callable(_templates_package, _templates_package.list_templates)
    _make_callable(_insights_package, _pipeline.insights)
    templates = _templates_package
    insights = _insights_package


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
    "schema": "postcraft.formats.json",
    "MissingDependencyError": "postcraft.errors",
    "Insights": "postcraft.insights",
    "History": "postcraft.insights",
    "compare": "postcraft.compare",
    "nudge": "postcraft.advocacy",
    "Nudge": "postcraft.advocacy",
    "pair_experts": "postcraft.advocacy",
    "Coaching": "postcraft.advocacy",
    "celebrate": "postcraft.pipeline",
    "Celebration": "postcraft.advocacy",
    "Comparison": "postcraft.compare",
    "plan": "postcraft.programme",
    "Plan": "postcraft.programme",
    "guide": "postcraft.programme",
    "Guide": "postcraft.programme",
    "Draft": "postcraft.templates",
    "Field": "postcraft.templates",
    "Template": "postcraft.templates",
}

#: Subpackages reached as attributes on first use.
_SUBPACKAGES = ("voice", "advocacy")

if _typing.TYPE_CHECKING:
    from . import voice
    from .advocacy import Celebration, Coaching, Nudge, nudge, pair_experts
    from .analysis import Analysis, Position, Token, analyze
    from .batch import review_many
    from .compare import Comparison, compare
    from .errors import MissingDependencyError
    from .formats.json import schema
    from .insights import History, Insights
    from .pipeline import celebrate
    from .programme import Guide, Plan, guide, plan
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
    from .templates import Draft, Field, Template
    from .tone import Driver, ToneModel, ToneScore, load_model, score_tone

__all__ = [
    "Analysis",
    "Celebration",
    "Coaching",
    "Comparison",
    "ConfigError",
    "Draft",
    "Driver",
    "Field",
    "Finding",
    "Guide",
    "Guidelines",
    "History",
    "Insights",
    "NameNote",
    "Plan",
    "Nudge",
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
    "guide",
    "plan",
    "nudge",
    "pair_experts",
    "celebrate",
    "render",
    "review_many",
    "schema",
    "suggest_tags",
    "templates",
    "to_copy_text",
    "to_little_text",
    "InputError",
    "MissingDependencyError",
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
    "voice",
]


def __getattr__(name: str) -> _Any:
    if name in _SUBPACKAGES:  # postcraft.voice.learn(...) without importing postcraft.voice first
        value = _import_module(f"postcraft.{name}")
        globals()[name] = value
        return value
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'postcraft' has no attribute {name!r}")
    value = getattr(_import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
