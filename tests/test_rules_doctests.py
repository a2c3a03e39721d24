"""The runnable examples in the docstrings of postcraft.rules are tested here."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = [
    "postcraft.rules",
    "postcraft.rules.finding",
    "postcraft.yamlsrc",
    "postcraft.rules.matching",
    "postcraft.rules.guidelines",
    "postcraft.rules.engine",
    "postcraft.rules.fixes",
    "postcraft.rules.markers",
    "postcraft.rules.substitution",
    "postcraft.rules.vocab",
]


@pytest.mark.parametrize("name", MODULES)
def test_doctests(name: str) -> None:
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0, f"{name} has no runnable example"
    assert result.failed == 0
