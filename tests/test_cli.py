"""The command line: output formats and exit codes (0 ok, 1 error finding, 2 bad usage/input)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import EXAMPLES
from postcraft.cli import main


def run(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "postcraft.cli", *args], input=stdin, capture_output=True, timeout=60
    )


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--version"]) == 0
    assert "postcraft" in capsys.readouterr().out


@pytest.mark.parametrize("name", ["post-da.txt", "post-en.txt"])
def test_review_json_is_a_review(name: str, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["review", str(EXAMPLES / name), "--format", "json"])
    data = json.loads(capsys.readouterr().out)
    assert data["schema_version"] and data["lang"] == name[5:7]
    assert code == (1 if any(f["severity"] == "error" for f in data["findings"]) else 0)


def test_review_text_format(capsys: pytest.CaptureFixture[str]) -> None:
    main(["review", str(EXAMPLES / "post-en.txt")])
    assert "Language: en" in capsys.readouterr().out


def test_german_draft_exits_2_with_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["review", str(EXAMPLES / "post-de.txt")]) == 2
    err = capsys.readouterr().err.strip()
    assert "German" in err and "\n" not in err and "Traceback" not in err


def test_missing_file_exits_2(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert main(["review", str(tmp_path / "nope.txt")]) == 2
    assert "no such file" in capsys.readouterr().err


def test_invalid_utf8_exits_2(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"Hej \xff\xfe med dig")
    assert main(["review", str(bad)]) == 2
    err = capsys.readouterr().err
    assert "UTF-8" in err and "Traceback" not in err


def test_bad_usage_exits_2() -> None:
    assert main(["review"]) == 2
    assert main(["review", "x.txt", "--format", "xml"]) == 2
    assert main([]) == 2


def test_stdin_in_a_real_process() -> None:
    proc = run("review", "-", "--format", "json", stdin="Jeg elsker mit arbejde på skolen.".encode())
    assert proc.returncode in (0, 1), proc.stderr
    assert json.loads(proc.stdout)["lang"] == "da"


def test_unreadable_input_in_a_real_process_has_no_traceback() -> None:
    proc = run("review", "-", stdin=b"\xc3\x28 invalid")
    assert proc.returncode == 2
    assert b"Traceback" not in proc.stderr and proc.stderr.count(b"\n") == 1


def test_exit_1_when_an_error_finding_exists(tmp_path: Path) -> None:
    long_post = tmp_path / "long.txt"
    long_post.write_text(("Jeg skriver et meget langt opslag om min arbejdsdag. " * 80).strip(), "utf-8")
    proc = run("review", str(long_post), "--format", "json")
    data = json.loads(proc.stdout)
    errors = [f for f in data["findings"] if f["severity"] == "error"]
    if not errors:
        pytest.skip("no error-level rule is wired into review yet")
    assert proc.returncode == 1


def test_review_fix_rewrites_the_file_and_reviews_the_result(tmp_path: Path) -> None:
    draft = tmp_path / "draft.txt"
    draft.write_text("Stor dag i dag på værkstedet, jeg er glad 🎉 #grønomstilling", "utf-8")
    proc = run("review", str(draft), "--fix", "--format", "json")
    assert proc.returncode == 0, proc.stderr
    assert draft.read_text("utf-8").endswith("#GrønOmstilling")
    assert b"1 fix applied" in proc.stderr
    rules = [f["rule"] for f in json.loads(proc.stdout)["findings"]]
    assert "linkedin.hashtags.camelcase" not in rules


def test_review_fix_needs_a_file() -> None:
    proc = run("review", "-", "--fix", stdin=b"Hej")
    assert proc.returncode == 2 and b"give a file name" in proc.stderr
