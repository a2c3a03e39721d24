"""The runnable examples in the docstrings of postcraft.display are tested here."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = [
    "postcraft.display",
    "postcraft.display._html",
    "postcraft.display.review",
    "postcraft.display.templates",
    "postcraft.display.compare",
]


@pytest.mark.parametrize("name", MODULES)
def test_doctests(name: str) -> None:
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0, f"{name} has no runnable example"
    assert result.failed == 0
