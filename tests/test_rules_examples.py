"""One generic test runs every example of every rule in the built-in packs.

A rule without examples fails here, and so does a rule that applies to a language without a
triggering and a passing example in that language.
"""

from __future__ import annotations

import pytest

from postcraft.rules.examples import BUILTIN_PACKS, _run, pack_examples
from postcraft.rules.guidelines import pack_specs

RULES = [(pack, str(s["id"])) for pack in BUILTIN_PACKS for s in pack_specs(pack)[1]]
EXAMPLES = [
    pytest.param(pack, e, id=f"{e.rule}-{e.expect}-{e.lang}-{i}")
    for pack in BUILTIN_PACKS
    for rid, exs in pack_examples(pack).items()
    for i, e in enumerate(exs)
]


@pytest.mark.parametrize(("pack", "rid"), RULES, ids=[r for _, r in RULES])
def test_every_rule_has_examples_in_each_of_its_languages(pack: str, rid: str) -> None:
    spec = next(s for s in pack_specs(pack)[1] if s["id"] == rid)
    langs = spec.get("lang", ["da", "en"])
    exs = pack_examples(pack)[rid]
    for lang in langs:
        for expect in ("trigger", "pass"):
            assert any(e.lang == lang and e.expect == expect for e in exs), (
                f"{rid} needs at least one '{expect}' example in {lang}"
            )


@pytest.mark.parametrize(("pack", "example"), EXAMPLES)
def test_example(pack: str, example: object) -> None:
    (result,) = _run([example], {"extends": [pack]})  # type: ignore[list-item]
    assert result.ok, result.describe()
