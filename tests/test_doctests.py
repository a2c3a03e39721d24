"""Every runnable example in the docstrings of every postcraft module is run here, in one place."""

from __future__ import annotations

import doctest
import importlib

import pytest

#: Modules that must carry runnable examples (every module's examples run, these must have some).
WITH_EXAMPLES = [
    "postcraft",
    "postcraft.analysis.core",
    "postcraft.analysis.lemmas",
    "postcraft.analysis.langid",
    "postcraft.analysis.readability",
    "postcraft.tone",
    "postcraft.tone.features",
    "postcraft.tone.model",
    "postcraft.pipeline",
    "postcraft.batch",
    "postcraft.yamlsrc",
    "postcraft.io",
    "postcraft.langs",
    "postcraft.formats",
    "postcraft.formats.json",
    "postcraft.formats.html",
    "postcraft.formats.html.base",
    "postcraft.formats.html.review",
    "postcraft.formats.html.templates",
    "postcraft.compare",
    "postcraft.rules",
    "postcraft.rules.finding",
    "postcraft.rules.matching",
    "postcraft.rules.guidelines",
    "postcraft.rules.engine",
    "postcraft.rules.fixes",
    "postcraft.rules.markers",
    "postcraft.rules.kinds.substitution",
    "postcraft.rules.vocab",
    "postcraft.insights",
    "postcraft.insights.stats",
    "postcraft.insights.history",
    "postcraft.insights._values",
    "postcraft.formats.labels",
    "postcraft.formats.insights",
    "postcraft.formats.text.insights",
    "postcraft.formats.html.insights",
    "postcraft.insights.model",
]


def _all_modules() -> list[str]:
    import pkgutil

    import postcraft

    names = ["postcraft"]
    for info in pkgutil.walk_packages(postcraft.__path__, "postcraft."):
        if info.name.endswith("__main__"):
            continue
        names.append(info.name)
    return sorted(names)


MODULES = _all_modules()


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name: str) -> None:
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    if name in WITH_EXAMPLES:
        assert result.attempted > 0, f"{name} has no runnable example"
    assert result.failed == 0, f"{result.failed} of {result.attempted} examples failed in {name}"
