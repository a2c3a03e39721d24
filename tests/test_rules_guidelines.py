"""Guideline files: loading, strict validation with file and line, settings, help, regex safety."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from conftest import ROOT
from postcraft import check
from postcraft.errors import ConfigError, InputError
from postcraft.rules import load_guidelines
from postcraft.rules.examples import run_file_examples
from postcraft.rules.guidelines import BUILTIN_PACKS, pack_specs

EXAMPLE = ROOT / "examples" / "guidelines.yaml"


def write(tmp_path: Path, text: str) -> Path:
    p = tmp_path / "guidelines.yaml"
    p.write_text(text, encoding="utf-8")
    return p


def error_of(tmp_path: Path, text: str) -> ConfigError:
    with pytest.raises(ConfigError) as info:
        load_guidelines(write(tmp_path, text))
    return info.value


# -- the example file -------------------------------------------------------------------------------


def test_example_file_loads_with_all_settings() -> None:
    g = load_guidelines(EXAMPLE)
    o = g.organisation
    assert o.name == "Contoso" and o.programme == "agreed" and "Contoso Cloud" in o.products
    assert o.page == "urn:li:organization:2414183" and "Contoso A/S" in o.aliases
    assert g.max_hashtags == 3 and g.help.startswith("Spørgsmål") and g.path == str(EXAMPLE)
    assert "linkedin.exclamations" not in g.rule_ids and "contoso.jargon" in g.rule_ids
    assert "disclosure.ad-label" in g.rule_ids
    sev = {r.id: r.info.severity for r in g.rules}
    assert sev["linkedin.links.body"] == "warning" and sev["confidentiality.forecast"] == "warning"


def test_example_file_rules_pass_their_examples() -> None:
    results = run_file_examples(EXAMPLE)
    assert len(results) >= 8
    assert [r.describe() for r in results if not r.ok] == []


def test_help_precedence() -> None:
    g = load_guidelines(EXAMPLE)
    text = "Vi er bedre end Globex, og #spon"
    fs = {f.rule: f.help for f in check(text, guidelines=g, lang="da")}
    assert fs["contoso.competitors"] == "Kommunikation: anna@contoso.example"  # the rule's own help
    # the file's help stands beside the pack's (never instead of it), then the contact for the
    # rule's topic (disclosure → legal)
    own = "Forbrugerombudsmanden og FTC: forkortelser som #spon og #ee er ikke tydelige nok."
    assert (
        fs["disclosure.unclear-tag"]
        == f"{own} · {g.help} · Jura: Jens Lund, jura@contoso.example, hverdage 10–14"
    )
    builtin = {f.rule: f.help for f in check(text, lang="da")}
    assert all(h for h in builtin.values())


def test_loading_is_cached_per_file_and_reloaded_when_changed(tmp_path: Path) -> None:
    p = write(tmp_path, "max_hashtags: 2\n")
    g1 = load_guidelines(p)
    assert load_guidelines(p) is g1
    assert load_guidelines(None) is load_guidelines(None)
    time.sleep(0.01)
    p.write_text("max_hashtags: 4\n", encoding="utf-8")
    assert load_guidelines(p).max_hashtags == 4


def test_builtin_packs_are_read_once() -> None:
    assert pack_specs("linkedin") is pack_specs("linkedin")
    assert load_guidelines(None).packs == BUILTIN_PACKS


def test_empty_file_means_builtin_packs(tmp_path: Path) -> None:
    g = load_guidelines(write(tmp_path, "# nothing yet\n"))
    assert g.packs == BUILTIN_PACKS


# -- errors with file and line ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "line", "fragment"),
    [
        ("version: 1\nmax_hashtag: 3\n", 2, "did you mean 'max_hashtags'"),
        ("organisation:\n  name: X\n  programme: sometimes\n", 3, "agreed, encouraged, voluntary"),
        ("organisation:\n  nmae: X\n", 2, "did you mean 'name'"),
        ("extends: [linkedin, linkdin]\n", 1, "not a built-in or installed pack"),
        ("disable:\n  - linkedin.hashtag\n", 2, "did you mean"),
        ("severity:\n  linkedin.length: fatal\n", 2, "error, warning or suggestion"),
        ("rules:\n  - id: a.b\n    kind: existance\n    message: x\n", 3, "needs 'kind'"),
        (
            "rules:\n  - id: a.b\n    kind: existence\n    terms: [x]\n    mesage: x\n",
            5,
            "did you mean 'message'",
        ),
        ("rules:\n  - id: a.b\n    kind: existence\n    terms: [x]\n", 2, "needs a 'message'"),
        ("rules:\n  - id: A B\n    kind: existence\n    terms: [x]\n    message: x\n", 2, "not valid"),
        ("rules:\n  - id: a.b\n    kind: existence\n    terms: [x]\n    message: '{count}'\n", 5, "{match}"),
        (
            "rules:\n  - id: a.b\n    kind: existence\n    patterns: ['(unclosed']\n    message: x\n",
            4,
            "escape",
        ),
        (
            "rules:\n  - id: a.b\n    kind: existence\n    terms_from: nope\n    message: x\n",
            4,
            "not defined",
        ),
        (
            "rules:\n  - id: linkedin.length\n    kind: existence\n    terms: [x]\n    message: x\n",
            2,
            "already used by the built-in pack 'linkedin'",
        ),
        (
            "rules:\n  - id: a.b\n    kind: existence\n    lang: da\n    terms: [x]\n    message: {en: x}\n",
            6,
            "no da text",
        ),
        (
            "rules:\n  - id: a.b\n    kind: occurrence\n    count: hashtags\n    max: lots\n    message: x\n",
            5,
            "names the setting",
        ),
        ("lists:\n  products: [x]\n", 2, "filled from 'organisation'"),
        ("api: maybe\n", 1, "true"),
        ("max_hashtags: 3\nmax_hashtags: 4\n", 2, "appears twice"),
        ("rules:\n  - id: a.b\n   kind: existence\n", 3, "not valid YAML"),
    ],
)
def test_errors_name_file_line_and_the_fix(tmp_path: Path, text: str, line: int, fragment: str) -> None:
    err = error_of(tmp_path, text)
    assert err.path == str(tmp_path / "guidelines.yaml")
    assert err.line == line, str(err)
    assert fragment in str(err)
    assert str(err).startswith(f"{err.path}:{line}: ")


def test_missing_file_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such guideline file"):
        load_guidelines(tmp_path / "nope.yaml")


def test_dict_guidelines_validate_too() -> None:
    with pytest.raises(ConfigError, match="unknown key 'colour'"):
        load_guidelines({"colour": "blue"})


# -- regex safety -----------------------------------------------------------------------------------


def test_catastrophic_user_regex_is_stopped(tmp_path: Path) -> None:
    p = write(
        tmp_path,
        (
            "extends: []\nregex_timeout_ms: 20\nrules:\n  - id: a.slow\n    kind: existence\n"
            "    patterns: ['(x+x+)+y']\n    message: slow\n"
        ),
    )
    t0 = time.perf_counter()
    fs = check("x" * 5000, guidelines=p, lang="en")
    assert time.perf_counter() - t0 < 2.0
    assert [f.rule for f in fs] == ["postcraft.regex-timeout"]
    assert "(x+x+)+y" in fs[0].message


def test_user_regex_works() -> None:
    g = {
        "extends": [],
        "rules": [
            {"id": "a.case", "kind": "existence", "patterns": [r"\bKS-\d{4}\b"], "message": "case {match}"}
        ],
    }
    (f,) = check("Sag KS-1234 er lukket.", guidelines=g, lang="da")
    assert f.message == "case KS-1234"


def test_patterns_per_language_run_on_drafts_in_that_language_only() -> None:
    g = {
        "extends": [],
        "rules": [
            {
                "id": "a.sag",
                "kind": "existence",
                "patterns": {"da": [r"\bsag (?:nr\.? )?\d{4}\b"], "en": [r"\bcase (?:no\.? )?\d{4}\b"]},
                "message": {"da": "sag {match}", "en": "case {match}"},
            }
        ],
    }
    (f,) = check("Sag nr. 1234 er lukket, og case 5678 også.", guidelines=g, lang="da")
    assert (f.message, f.start, f.end) == ("sag Sag nr. 1234", 0, 12)
    (f,) = check("Case no. 5678 is closed, and so is sag 1234.", guidelines=g, lang="en")
    assert f.message == "case Case no. 5678"
    # a language without patterns of its own gets none
    g["rules"][0]["patterns"] = {"en": [r"\bcase \d{4}\b"]}
    assert check("Sag 1234 og case 5678 er lukket.", guidelines=g, lang="da") == []


@pytest.mark.parametrize(
    ("patterns", "line", "fragment"),
    [
        ("{de: ['x']}", 6, "de"),
        ("{da: 'x'}", 6, "list of regular expressions"),
        ("{da: ['(unclosed']}", 6, "does not compile"),
    ],
)
def test_patterns_per_language_errors_name_the_line(
    tmp_path: Path, patterns: str, line: int, fragment: str
) -> None:
    text = (
        f"extends: []\nrules:\n  - id: a.x\n    kind: existence\n    message: x\n    patterns: {patterns}\n"
    )
    err = error_of(tmp_path, text)
    assert fragment in str(err)
    assert err.line == line


# -- organisation settings --------------------------------------------------------------------------


def test_page_must_be_urn_or_url() -> None:
    with pytest.raises(ConfigError, match="URN"):
        load_guidelines({"organisation": {"name": "X", "page": "contoso"}})
    g = load_guidelines({"organisation": {"name": "X", "page": "https://www.linkedin.com/company/x"}})
    assert g.organisation.page == "https://www.linkedin.com/company/x"


def test_company_page_mention_counts_as_employer() -> None:
    g = {"organisation": {"name": "Contoso", "page": "urn:li:organization:42", "programme": "agreed"}}
    text = "Stolt af @[Vores firma](urn:li:organization:42) i dag."
    # naming the employer (no product) is a question about the label, not an error
    assert "disclosure.ad-label.employer" in [f.rule for f in check(text, guidelines=g, lang="da")]
    for other in (
        "Stolt af @Contoso i dag.",
        "Stolt af #Contoso i dag.",
        "Stolt af @[Contoso](urn:li:organization:7) i dag.",
    ):
        assert "disclosure.ad-label.employer" in [f.rule for f in check(other, guidelines=g, lang="da")], (
            other
        )


def test_docs_show_the_example_file_unchanged() -> None:
    docs = (ROOT / "docs" / "guidelines.md").read_text(encoding="utf-8")
    assert "```yaml\n" + EXAMPLE.read_text(encoding="utf-8") + "```\n" in docs


def test_product_promotion_is_an_error_a_mention_of_the_employer_a_suggestion() -> None:
    g = {"organisation": {"name": "Contoso", "products": ["Contoso Cloud"], "programme": "agreed"}}
    culture = "Det bedste ved at være leder hos Contoso er de mennesker, jeg arbejder med."
    assert [
        (f.rule, f.severity)
        for f in check(culture, guidelines=g, lang="da")
        if f.rule.startswith("disclosure")
    ] == [("disclosure.ad-label.employer", "suggestion")]
    product = "Jeg er stolt af, at Contoso Cloud nu kan bruges af alle kommuner."
    sev = {f.rule: f.severity for f in check(product, guidelines=g, lang="da")}
    assert sev.get("disclosure.ad-label") == "error" and "disclosure.ad-label.employer" not in sev
