"""Hostile guideline files: message templates, regex time, substitution tables (issue 20, part B)."""

from __future__ import annotations

from pathlib import Path

import pytest

from postcraft import check
from postcraft.errors import ConfigError
from postcraft.pipeline import fix_text
from postcraft.rules import load_guidelines


def _load_file(tmp_path: Path, message: str) -> ConfigError:
    p = tmp_path / "postcraft.yaml"
    p.write_text(
        "extends: []\nrules:\n  - id: a.b\n    kind: existence\n    terms: [synergi]\n"
        f"    message: '{message}'\n",
        encoding="utf-8",
    )
    with pytest.raises(ConfigError) as info:
        load_guidelines(p)
    return info.value


# -- message templates ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "message",
    [
        "{match:>999999999}",  # ~1 GB string per finding
        "{match:d}",  # ValueError at check time
        "{match[99]}",  # IndexError at check time
        "{match.x}",  # AttributeError at check time
        "{match.__class__.__mro__}",  # class internals in the finding
        "{match!r}",
        "{match!s:^40}",
    ],
)
def test_message_with_spec_conversion_attribute_or_index_is_refused_at_load(
    tmp_path: Path, message: str
) -> None:
    err = _load_file(tmp_path, message)
    assert err.line == 6
    assert str(err.path).endswith("postcraft.yaml")
    assert "{match}" in str(err)  # says what to write


def test_plain_placeholders_and_literal_braces_still_work() -> None:
    g = {
        "extends": [],
        "rules": [
            {"id": "a.b", "kind": "existence", "terms": ["synergi"], "message": "{{x}} {match}"},
        ],
    }
    (f,) = check("Mere synergi.", guidelines=g, lang="da")
    assert f.message == "{x} synergi"


# -- regex time -------------------------------------------------------------------------------------


def _slow_rules(n: int, timeout_ms: int, budget_ms: int | None = None) -> dict[str, object]:
    g: dict[str, object] = {
        "extends": [],
        "regex_timeout_ms": timeout_ms,
        "rules": [
            {"id": f"a.slow{i}", "kind": "existence", "patterns": [f"(x+x+)+y{i}"], "message": "slow"}
            for i in range(n)
        ],
    }
    if budget_ms is not None:
        g["regex_budget_ms"] = budget_ms
    return g


# every slow pattern's literal ("y0", "y1", …) is in the text, so no prefilter skips it
SLOW_TEXT = "x" * 5000 + "\n" + " ".join(f"y{i}" for i in range(100))


def test_many_catastrophic_patterns_share_one_budget_per_check() -> None:
    fs = check(SLOW_TEXT, guidelines=_slow_rules(100, 50, 250), lang="en")
    rules = [f.rule for f in fs]
    assert rules.count("postcraft.regex-budget") == 1
    # 250 ms at 50 ms a pattern: about five ran out of their own time, the rest were skipped
    assert rules.count("postcraft.regex-timeout") <= 6
    (budget,) = [f for f in fs if f.rule == "postcraft.regex-budget"]
    assert "250 ms" in budget.message and "9" in budget.message


def test_patterns_after_the_budget_are_skipped_but_fast_ones_before_it_run() -> None:
    g = _slow_rules(3, 100, 100)
    g["rules"].insert(  # type: ignore[attr-defined]
        0, {"id": "a.fast", "kind": "existence", "patterns": ["x{3}"], "message": "fast"}
    )
    fs = check(SLOW_TEXT, guidelines=g, lang="en")
    rules = {f.rule for f in fs}
    assert "a.fast" in rules and "postcraft.regex-budget" in rules


@pytest.mark.parametrize("key,value", [("regex_timeout_ms", 10_000), ("regex_budget_ms", 60_000)])
def test_regex_limits_are_capped_at_load(key: str, value: int) -> None:
    with pytest.raises(ConfigError, match=key):
        load_guidelines({"extends": [], key: value})


def test_regex_budget_is_configurable() -> None:
    assert load_guidelines({"extends": [], "regex_budget_ms": 1000}).regex_budget == 1.0


# -- substitution -----------------------------------------------------------------------------------


def test_substitution_without_whole_word_keeps_each_terms_replacement() -> None:
    g = {
        "extends": [],
        "rules": [
            {
                "id": "a.swap",
                "kind": "substitution",
                "swap": {"synergi": "samarbejde", "leverage": "bruge"},
                "whole_word": False,
                "message": "{match} → {replacement}",
            }
        ],
    }
    fixed, _ = fix_text("skriv synergi ikke LEVERAGE", guidelines=g, lang="da")
    assert fixed == "skriv samarbejde ikke BRUGE"


def test_replacement_containing_its_own_term_is_refused_at_load(tmp_path: Path) -> None:
    p = tmp_path / "postcraft.yaml"
    p.write_text(
        "extends: []\nrules:\n  - id: a.swap\n    kind: substitution\n    message: x\n"
        "    swap:\n      synergi: samarbejde\n      team: team team\n",
        encoding="utf-8",
    )
    with pytest.raises(ConfigError, match="contains the term itself") as info:
        load_guidelines(p)
    assert info.value.line == 8


def test_replacement_with_the_term_inside_a_longer_word_is_fine() -> None:
    g = {
        "extends": [],
        "rules": [{"id": "a.s", "kind": "substitution", "swap": {"team": "teamwork"}, "message": "x"}],
    }
    fixed, _ = fix_text("godt team", guidelines=g, lang="da")
    assert fixed == "godt teamwork"
