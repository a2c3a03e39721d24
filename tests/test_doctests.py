"""The docstring examples of the analysis, tone, review and batch modules run and hold."""

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
]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name: str) -> None:
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert result.failed == 0, f"{result.failed} of {result.attempted} examples failed in {name}"
