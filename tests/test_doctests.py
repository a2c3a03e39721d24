"""Every runnable example in the docstrings of these modules is run here, in one place."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = [
    "postcraft",
    "postcraft.analysis.core",
    "postcraft.analysis.lemmas",
    "postcraft.analysis.langid",
    "postcraft.analysis.readability",
    "postcraft.tone",
    "postcraft.tone.features",
    "postcraft.tone.model",
    "postcraft.review",
    "postcraft.batch",
    "postcraft.yamlsrc",
    "postcraft.display",
    "postcraft.display._html",
    "postcraft.display.review",
    "postcraft.display.templates",
    "postcraft.display.compare",
    "postcraft.rules",
    "postcraft.rules.finding",
    "postcraft.rules.matching",
    "postcraft.rules.guidelines",
    "postcraft.rules.engine",
    "postcraft.rules.fixes",
    "postcraft.rules.markers",
    "postcraft.rules.substitution",
    "postcraft.rules.vocab",
    "postcraft.insights",
    "postcraft.insights.stats",
    "postcraft.insights.history",
    "postcraft.insights._values",
    "postcraft.insights._labels",
    "postcraft.insights.report",
    "postcraft.insights.html",
    "postcraft.insights.model",
]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name: str) -> None:
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0, f"{name} has no runnable example"
    assert result.failed == 0, f"{result.failed} of {result.attempted} examples failed in {name}"
