"""``postcraft templates`` and ``postcraft draft``, run through the real ``postcraft`` entry point."""

from __future__ import annotations

import argparse
import importlib
import json
import subprocess
import sys
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import pytest

from postcraft.cli.templates import parse_sets, register
from postcraft.errors import InputError
from postcraft.templates import clear_cache, get_template, render

cli = importlib.import_module("postcraft.cli")

THANKS = [
    "--set",
    "colleague=Priya",
    "--set",
    "what_they_did=stayed late to rerun the failed data migration with me",
    "--set",
    "what_it_meant=our customers never noticed a thing",
]


@pytest.fixture(autouse=True)
def _wired(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cli, "COMMAND_MODULES", ("postcraft.cli.templates",))
    monkeypatch.delenv("POSTCRAFT_TEMPLATES", raising=False)
    clear_cache()


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_register_adds_both_commands() -> None:
    parser = argparse.ArgumentParser(prog="postcraft")
    register(parser.add_subparsers(dest="command"))
    args = parser.parse_args(["draft", "x.en", "--set", "a=1", "--set", "b=2", "--variant", "2", "--review"])
    assert (args.template_id, args.fields, args.variant, args.review, args.format) == (
        "x.en",
        ["a=1", "b=2"],
        2,
        True,
        "text",
    )
    assert callable(args.func)
    args = parser.parse_args(["templates", "--lang", "da", "--role", "employee", "--format", "json"])
    assert (args.lang, args.role, args.purpose) == ("da", "employee", None)


def test_templates_text(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "templates", "--lang", "en", "--role", "top_leader")
    assert code == 0
    assert "leader-why-linkedin.en  (en · top_leader, middle_manager · why_linkedin · 3 variants)" in out
    assert "fields: organisation*, my_role*, reason*, example_story*, invitation, hashtags" in out
    assert ".da" not in out and "behind-the-scenes" not in out


def test_templates_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "templates", "--lang", "da", "--purpose", "thanks", "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert [d["id"] for d in data] == ["thank-colleague.da"]
    assert data[0] == get_template("thank-colleague.da").to_dict()


def test_templates_with_no_match_lists_purposes(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "templates", "--purpose", "nope")
    assert code == 0 and out.startswith(
        "No template matches. Purposes: advice_newcomers, ask_network, behind_the_scenes"
    )


def test_templates_bad_role_is_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "templates", "--role", "ceo")
    assert code == 2 and "invalid choice: 'ceo'" in err


def test_draft_prints_the_same_text_as_the_api(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "draft", "thank-colleague.en", *THANKS, "--variant", "2")
    assert code == 0 and err == ""
    fields = dict(item.split("=", 1) for item in THANKS[1::2])
    assert out == render("thank-colleague.en", variant=2, **fields).text + "\n"


def test_draft_seed_and_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys, "draft", "thank-colleague.en", *THANKS, "--seed", "priya@example.com", "--format", "json"
    )
    assert code == 0
    data = json.loads(out)
    fields = dict(item.split("=", 1) for item in THANKS[1::2])
    expected = render("thank-colleague.en", seed="priya@example.com", **fields)
    assert data["draft"] == expected.to_dict() and "review" not in data
    code, out, _ = run(capsys, "draft", "thank-colleague.en", *THANKS, "--seed", "7", "--format", "json")
    assert json.loads(out)["draft"]["variant"] == render("thank-colleague.en", seed=7, **fields).variant


def test_draft_examples_fill_the_rest(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "draft", "event-recap.da", "--examples", "--set", "event=Roskilde Festival")
    assert code == 0 and out.startswith("Hjemme igen fra Roskilde Festival")


def test_draft_missing_fields_lists_them(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "draft", "thank-colleague.en", "--set", "colleague=Priya", "--ui-lang", "en")
    assert code == 2 and out == ""
    assert "no value for the required fields what_they_did and what_it_meant" in err
    assert "what_they_did (required): What they did, in the past tense" in err


def test_draft_unknown_template_and_bad_variant(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "draft", "thanks.en")
    assert code == 2 and "no template has the id 'thanks.en'" in err
    code, _, err = run(capsys, "draft", "thank-colleague.en", *THANKS, "--variant", "5")
    assert code == 2 and "has 3 variants" in err
    code, _, err = run(capsys, "draft", "thank-colleague.en", "--variant", "1", "--seed", "2")
    assert code == 2 and "not allowed with argument" in err


def test_parse_sets() -> None:
    assert parse_sets(["a=1", "b=x=y", "c=line one\\nline two", "d="]) == {
        "a": "1",
        "b": "x=y",
        "c": "line one\nline two",
        "d": "",
    }
    with pytest.raises(InputError, match="FIELD=VALUE"):
        parse_sets(["novalue"])
    with pytest.raises(InputError, match="given twice"):
        parse_sets(["a=1", "a=2"])


def test_draft_review_text(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "draft", "thank-colleague.da", "--examples", "--review")
    text = render("thank-colleague.da", **get_template("thank-colleague.da").example_fields()).text
    assert out.startswith(text + "\n\n--- review ---\nSprog: da")  # a Danish draft's report is in Danish
    assert code == 0


def test_draft_review_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "draft", "milestone.en", "--examples", "--review", "--format", "json")
    data = json.loads(out)
    assert data["review"]["lang"] == "en" and data["draft"]["template"]["id"] == "milestone.en"
    assert code == 0


@dataclass(frozen=True)
class FakeFinding:
    rule: str = "linkedin.length"
    severity: str = "error"
    message: str = "Too long."
    start: int = 0
    end: int = 1
    replacements: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {"rule": self.rule, "severity": self.severity}


def test_draft_review_exits_1_on_error_findings(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    review_module = importlib.import_module("postcraft.pipeline")
    real = review_module.review

    def with_error(text: str, **kwargs: Any) -> Any:
        return replace(real(text, **kwargs), findings=(FakeFinding(),))

    monkeypatch.setattr(review_module, "review", with_error)
    code, out, _ = run(capsys, "draft", "milestone.en", "--examples", "--review")
    assert code == 1 and "error      linkedin.length  Too long." in out
    code, out, _ = run(capsys, "draft", "milestone.en", "--examples")
    assert code == 0


def test_draft_from_an_organisation_folder(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    (tmp_path / "hej.da.j2").write_text(
        "---\nid: hej.da\nlang: da\nroles: [employee]\npurpose: greeting\ntitle: Hej\ndescription: Hej.\n"
        "fields:\n  - name: who\n    description: Hvem.\n    example: Bo\n"
        "---\nHej {{ who }}, jeg er ny her.\n",
        encoding="utf-8",
    )
    code, out, _ = run(capsys, "draft", "hej.da", "--folder", str(tmp_path), "--set", "who=Åse")
    assert code == 0 and out == "Hej Åse, jeg er ny her.\n"
    code, out, _ = run(capsys, "templates", "--folder", str(tmp_path), "--purpose", "greeting")
    assert out.startswith("hej.da  (da · employee · greeting · 1 variants)")


def test_bad_template_file_exits_2_with_file_and_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    (tmp_path / "x.en.j2").write_text(
        "---\nid: x.en\nlang: fr\nroles: [employee]\npurpose: p\ntitle: T\ndescription: D.\n"
        "fields: []\n---\nHi\n",
        encoding="utf-8",
    )
    code, _, err = run(capsys, "templates", "--folder", str(tmp_path))
    assert code == 2 and f"{tmp_path / 'x.en.j2'}:3: lang must be 'da' or 'en'" in err


def test_registering_the_commands_imports_nothing_heavy() -> None:
    code = (
        "import sys, argparse\n"
        "from postcraft.cli.templates import register\n"
        "register(argparse.ArgumentParser().add_subparsers())\n"
        "names = ('jinja2', 'yaml', 'postcraft.templates.sandbox', 'postcraft.analysis')\n"
        "heavy = [m for m in names if m in sys.modules]\n"
        "print(heavy)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
