"""postcraft fix / review --fix never lose text: changed, linked, read-only drafts."""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Any

import pytest

from postcraft import cli, pipeline
from postcraft.cli import check as cli_check

DRAFT = "Go #employeeadvocacy\n"
FIXED = "Go #EmployeeAdvocacy\n"
ADDED = "A line I added while the fix ran.\n"


def _run(*argv: str) -> int:
    return cli.main([*argv, "--lang", "en"])


@pytest.fixture(params=["fix", "review --fix"])
def command(request: Any, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    return ["fix"] if request.param == "fix" else ["review", "--fix"]


def _append_during(monkeypatch: pytest.MonkeyPatch, path: Path) -> None:
    """Append to ``path`` while the fixes are being computed, as an editor saving would."""
    for module in (pipeline, cli_check):
        original = module.fix_text

        def fix_and_append(*args: Any, _original: Any = original, **kwargs: Any) -> Any:
            with open(path, "a", encoding="utf-8") as fh:
                fh.write(ADDED)
            return _original(*args, **kwargs)

        monkeypatch.setattr(module, "fix_text", fix_and_append)


def test_text_added_while_fixing_is_not_lost(
    tmp_path: Path, command: list[str], monkeypatch: pytest.MonkeyPatch, capsys: Any
) -> None:
    draft = tmp_path / "draft.txt"
    draft.write_text(DRAFT, "utf-8")
    _append_during(monkeypatch, draft)
    assert _run(*command, str(draft)) == 2
    assert draft.read_text("utf-8") == DRAFT + ADDED
    assert "changed since it was read; nothing written" in capsys.readouterr().err


def test_a_symlinked_draft_is_fixed_through_the_link(tmp_path: Path, command: list[str]) -> None:
    real = tmp_path / "real.txt"
    real.write_text(DRAFT, "utf-8")
    link = tmp_path / "link.txt"
    link.symlink_to(real)
    assert _run(*command, str(link)) == 0
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert real.read_text("utf-8") == FIXED


def test_a_hard_linked_draft_is_refused_and_both_names_keep_the_same_text(
    tmp_path: Path, command: list[str], capsys: Any
) -> None:
    a = tmp_path / "a.txt"
    a.write_text(DRAFT, "utf-8")
    b = tmp_path / "b.txt"
    os.link(a, b)
    assert _run(*command, str(a)) == 2
    assert "2 hard links" in capsys.readouterr().err
    assert a.read_text("utf-8") == b.read_text("utf-8") == DRAFT
    assert os.stat(a).st_ino == os.stat(b).st_ino


def test_a_read_only_draft_is_refused_with_nothing_written(
    tmp_path: Path, command: list[str], capsys: Any
) -> None:
    draft = tmp_path / "draft.txt"
    draft.write_text(DRAFT, "utf-8")
    draft.chmod(0o444)
    assert _run(*command, str(draft)) == 2
    assert draft.read_text("utf-8") == DRAFT
    assert stat.S_IMODE(draft.stat().st_mode) == 0o444
    assert "read-only; nothing written" in capsys.readouterr().err


def test_a_draft_in_a_read_only_folder_gets_one_clear_line(
    tmp_path: Path, command: list[str], capsys: Any
) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    draft = folder / "draft.txt"
    draft.write_text(DRAFT, "utf-8")
    folder.chmod(0o555)
    try:
        assert _run(*command, str(draft)) == 2
        err = capsys.readouterr().err
    finally:
        folder.chmod(0o755)
    assert draft.read_text("utf-8") == DRAFT
    assert "Traceback" not in err and "read-only" in err
    assert [p.name for p in folder.iterdir()] == ["draft.txt"]  # no temporary file left


def test_fix_file_api_refuses_a_changed_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import postcraft

    draft = tmp_path / "draft.txt"
    draft.write_text(DRAFT, "utf-8")
    _append_during(monkeypatch, draft)
    with pytest.raises(postcraft.InputError, match="changed since it was read"):
        pipeline.fix_file(draft, lang="en")
    assert draft.read_text("utf-8") == DRAFT + ADDED
