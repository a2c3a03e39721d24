"""Issue 15: findings and tone models are immutable and hashable; one fix applicability
(``safe``/``unsafe``/``display``, as in ruff) replaces ``safe_fix`` and ``fix: safe|manual``."""

from __future__ import annotations

import argparse
import dataclasses
import pickle
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from postcraft import check
from postcraft.cli import check as rules_cli
from postcraft.errors import ConfigError, PostcraftError
from postcraft.pipeline import fix_text
from postcraft.rules import Finding, apply_fixes, load_guidelines, make_finding, plan_fixes
from postcraft.rules.finding import APPLICABILITIES, TextPositions, least_applicable

TEXT = "Hej med dig, vi ses i morgen 🎉"
POS = TextPositions(TEXT)

# -- immutable, hashable findings -------------------------------------------------------------------

REPS = st.lists(st.text(max_size=6), max_size=3)
CONTAINERS = st.sampled_from([list, tuple, iter, lambda xs: (x for x in xs)])


@given(
    reps=REPS,
    container=CONTAINERS,
    applicability=st.sampled_from([*APPLICABILITIES, None]),
    span=st.tuples(st.integers(0, len(TEXT)), st.integers(0, len(TEXT))).map(sorted),
)
@settings(max_examples=200)
def test_a_finding_is_hashable_and_cannot_be_mutated(
    reps: list[str], container: Any, applicability: Any, span: list[int]
) -> None:
    start, end = span
    f = make_finding(POS, "t.x", "warning", "m", start, end, container(reps), "", applicability)
    twin = make_finding(POS, "t.x", "warning", "m", start, end, tuple(reps), "", applicability)
    assert isinstance(f.replacements, tuple) and f.replacements == tuple(reps)
    assert f == twin and hash(f) == hash(twin) and len({f, twin}) == 1
    # no replacement, no applicability; with one, always one of the three
    assert (f.applicability is None) == (not reps)
    if reps:
        assert f.applicability == (applicability or "unsafe")
    with pytest.raises(AttributeError):
        f.replacements.append("x")  # type: ignore[attr-defined]
    with pytest.raises(dataclasses.FrozenInstanceError):
        f.replacements = ("x",)  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        f.applicability = "safe"  # type: ignore[misc]
    assert f.to_dict()["replacements"] == list(reps)
    assert f.to_dict()["applicability"] == f.applicability
    assert "safe_fix" not in f.to_dict()


@pytest.mark.parametrize(
    "replacements",
    [["a", "b"], ("a", "b"), iter(["a", "b"]), {"a": 1, "b": 2}],
    ids=["list", "tuple", "iterator", "dict-keys"],
)
def test_finding_stores_any_iterable_as_a_tuple(replacements: Any) -> None:
    f = make_finding(POS, "t.x", "warning", "m", 0, 3, replacements)
    assert f.replacements == ("a", "b")
    direct = Finding("t.x", "warning", "m", 0, 3, 1, 1, 1, 4, 0, 3, ["a", "b"])  # type: ignore[arg-type]
    assert direct.replacements == ("a", "b") and hash(direct) == hash(dataclasses.replace(direct))


def test_real_findings_are_hashable() -> None:
    fs = check("Vi elsker synergierne 🙂 og og #grønomstilling", lang="da")
    assert fs and len(set(fs)) == len(fs)
    assert {f: f.rule for f in fs}


def test_bad_applicability_is_refused() -> None:
    with pytest.raises(ValueError, match="applicability"):
        make_finding(POS, "t.x", "warning", "m", 0, 1, ["x"], "", "manual")  # type: ignore[arg-type]


def test_least_applicable() -> None:
    assert least_applicable("safe") == "safe"
    assert least_applicable("safe", "unsafe") == "unsafe"
    assert least_applicable("unsafe", "display", "safe") == "display"


# -- apply_fixes: safe always, unsafe on request, display never ---------------------------------------


def _f(rule: str, start: int, end: int, rep: str, applicability: Any) -> Finding:
    return make_finding(POS, rule, "warning", "", start, end, [rep], "", applicability)


FIXES = [
    _f("t.safe", 0, 3, "Hejsa", "safe"),
    _f("t.unsafe", 4, 7, "MED", "unsafe"),
    _f("t.display", 8, 11, "jer", "display"),
    make_finding(POS, "t.none", "warning", "", 13, 15),
]


@pytest.mark.parametrize(
    "kwargs, expected, applied",
    [
        ({}, "Hejsa med dig, vi ses i morgen 🎉", ["t.safe"]),
        ({"unsafe": False}, "Hejsa med dig, vi ses i morgen 🎉", ["t.safe"]),
        ({"unsafe": True}, "Hejsa MED dig, vi ses i morgen 🎉", ["t.unsafe", "t.safe"]),
    ],
)
def test_apply_fixes_applies_safe_and_unsafe_only_on_request(
    kwargs: dict[str, bool], expected: str, applied: list[str]
) -> None:
    assert apply_fixes(TEXT, FIXES, **kwargs) == expected
    assert [f.rule for f in plan_fixes(TEXT, FIXES, **kwargs)] == applied


GUIDE = {
    "rules": [
        {"id": "t.s", "kind": "substitution", "swap": {"synergi": "samarbejde"}, "message": "{replacement}"},
        {
            "id": "t.shown",
            "kind": "substitution",
            "applicability": "display",
            "swap": {"leverage": "use"},
            "message": "{replacement}",
        },
    ],
}


def test_real_unsafe_fix_only_on_request() -> None:
    text = "Synergi er godt, synergierne er bedre."
    fs = check(text, guidelines=GUIDE, lang="da", disable=["linkedin", "voice", "readability"])
    assert [(f.replacements, f.applicability) for f in fs] == [
        (("Samarbejde",), "safe"),
        (("samarbejde",), "unsafe"),  # an inflected form: the replacement may not fit
    ]
    assert apply_fixes(text, fs) == "Samarbejde er godt, synergierne er bedre."
    assert apply_fixes(text, fs, unsafe=True) == "Samarbejde er godt, samarbejde er bedre."
    fixed, plan = fix_text(text, GUIDE, "da", unsafe=True)
    assert fixed == "Samarbejde er godt, samarbejde er bedre." and len(plan) == 2


def test_a_display_rule_is_never_applied() -> None:
    text = "We leverage data."
    (f,) = check(text, guidelines=GUIDE, lang="en", disable=["linkedin", "voice", "readability"])
    assert f.replacements == ("use",) and f.applicability == "display"  # capped by the rule
    assert apply_fixes(text, [f]) == apply_fixes(text, [f], unsafe=True) == text


def run_cli(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="postcraft")
    rules_cli.register(parser.add_subparsers())
    args = parser.parse_args(argv)
    try:
        return int(args.func(args))
    except PostcraftError:
        return 2


def test_cli_fix_unsafe_fixes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import yaml

    g = tmp_path / "g.yaml"
    g.write_text(yaml.safe_dump(GUIDE), encoding="utf-8")
    p = tmp_path / "d.txt"
    p.write_text("Synergierne er gode.\n", encoding="utf-8")
    base = ["fix", str(p), "--lang", "da", "--guidelines", str(g)]
    assert run_cli(base) == 0
    assert p.read_text(encoding="utf-8") == "Synergierne er gode.\n"  # unsafe: not without asking
    assert "0 fixes applied" in capsys.readouterr().err
    assert run_cli([*base, "--unsafe-fixes"]) == 0
    assert p.read_text(encoding="utf-8") == "Samarbejde er gode.\n"
    assert "1 fix applied" in capsys.readouterr().err


def test_check_report_labels_fixes_by_applicability(capsys: pytest.CaptureFixture[str]) -> None:
    from postcraft.formats.text import findings_report

    out = findings_report("d.txt", FIXES)
    assert "    fix: Hejsa" in out and "    unsafe fix: MED" in out and "    suggested: jer" in out


# -- guideline files: applicability, and the old fix: key ------------------------------------------------

OLD = """\
rules:
  - id: acme.jargon
    kind: substitution
    swap: {{synergi: samarbejde}}
    message: "Skriv {{replacement}}"
    {key}: {value}
"""


@pytest.mark.parametrize(
    "key, value, says",
    [
        ("fix", "manual", "write 'applicability: unsafe' instead of 'fix: manual'"),
        ("fix", "safe", "write 'applicability: safe' instead of 'fix: safe'"),
        ("fix", "maybe", "renamed"),
        ("applicability", "manual", "'applicability' of rule 'acme.jargon' must be"),
        ("applicability", "true", "'applicability' of rule 'acme.jargon' must be"),
    ],
)
def test_old_or_bad_fix_key_is_a_config_error_with_file_and_line(
    tmp_path: Path, key: str, value: str, says: str
) -> None:
    path = tmp_path / "guidelines.yaml"
    path.write_text(OLD.format(key=key, value=value), encoding="utf-8")
    with pytest.raises(ConfigError) as err:
        load_guidelines(str(path))
    assert err.value.path == str(path) and err.value.line == 6
    assert str(err.value).startswith(f"{path}:6: ") and says in str(err.value)


def test_applicability_in_a_guideline_file(tmp_path: Path) -> None:
    path = tmp_path / "guidelines.yaml"
    path.write_text(OLD.format(key="applicability", value="unsafe"), encoding="utf-8")
    g = load_guidelines(str(path))
    (rule,) = [r for r in g.rules if r.id == "acme.jargon"]
    assert rule.info.applicability == "unsafe"
    (f,) = check("Synergi er godt.", guidelines=g, lang="da", disable=["linkedin", "voice", "readability"])
    assert f.applicability == "unsafe"  # the kind would say safe; the rule caps it


def test_builtin_packs_no_longer_use_the_fix_key() -> None:
    root = Path(__file__).resolve().parents[1]
    files = [
        *(root / "src" / "postcraft" / "rules" / "packs").glob("*.yaml"),
        root / "examples" / "guidelines.yaml",
    ]
    for path in files:
        assert "\n    fix:" not in path.read_text(encoding="utf-8"), path


# -- the language server: safe and unsafe quick fixes, fix-all safe only -----------------------------------


def test_code_actions_follow_applicability() -> None:
    from lsprotocol import types as lsp

    from postcraft.lsp.config import Resolver
    from postcraft.lsp.engine import review_document
    from postcraft.lsp.features import FIX_ALL_KIND, EditMaker, code_actions

    rv = review_document(TEXT, Resolver().resolve(None))
    rv = dataclasses.replace(rv, findings=tuple(FIXES), tags=None)
    whole = lsp.Range(start=lsp.Position(line=0, character=0), end=lsp.Position(line=0, character=99))
    acts = code_actions(rv, whole, EditMaker("file:///x.txt", 1, False))
    quick = [a for a in acts if a.kind == lsp.CodeActionKind.QuickFix]
    assert [(a.title, a.is_preferred) for a in quick] == [
        ("Erstat med »Hejsa«", True),
        ("Erstat med »MED« (usikker: kan ændre betydningen)", None),
    ]  # the display-only one is not offered
    (fix_all,) = [a for a in acts if a.kind == FIX_ALL_KIND]
    assert fix_all.edit is not None and fix_all.edit.changes is not None
    assert [e.new_text for e in fix_all.edit.changes["file:///x.txt"]] == ["Hejsa"]  # safe only


# -- tone models and the other results --------------------------------------------------------------------


def test_tone_model_is_immutable_hashable_and_picklable() -> None:
    from postcraft.tone import builtin_model
    from postcraft.tone.model import ToneModel

    m = builtin_model("da")
    with pytest.raises(TypeError):
        m.weights["w:jeg"] = 9.0  # type: ignore[index]
    with pytest.raises(TypeError):
        m.meta["posts"] = 1  # type: ignore[index]
    with pytest.raises(dataclasses.FrozenInstanceError):
        m.intercept = 0.0  # type: ignore[misc]
    heldout = m.meta["heldout"]
    with pytest.raises(TypeError):
        heldout["ece"] = 0.0
    again = ToneModel.from_dict(m.to_dict())
    assert again == m and hash(again) == hash(m) and len({m, again}) == 1
    assert pickle.loads(pickle.dumps(m)) == m
    # what was passed in is copied, so changing it later does not change the model
    weights = dict(m.weights)
    copy = dataclasses.replace(m, weights=weights)
    weights["w:probe"] = 9.0
    assert "w:probe" not in copy.weights and "w:probe" not in m.weights
    d = m.to_dict()
    assert type(d["weights"]) is dict and type(d["meta"]) is dict and type(d["meta"]["heldout"]) is dict


def test_results_are_hashable_value_objects() -> None:
    from postcraft import review
    from postcraft.tags import load_roster, suggest

    r = review("Jeg har lige haft min første uge som elev, og jeg er træt men glad. #førstedag")
    assert r.tone is not None
    hash(r.tone)
    for d in r.tone.drivers:
        hash(d)
        assert isinstance(d.spans, tuple) and all(isinstance(s, tuple) for s in d.spans)
    roster = load_roster({"people": [{"name": "Mette Hansen", "consent": True}]})
    s = suggest(r.analysis, roster)
    hash(s)
    for field in dataclasses.fields(s):
        value = getattr(s, field.name)
        assert not isinstance(value, (list, dict, set)), field.name
    for one in s.all():
        hash(one)
