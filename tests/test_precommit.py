"""The pre-commit hook (``.pre-commit-hooks.yaml``) run by ``pre-commit try-repo`` on a
temporary git repository: pre-commit installs postcraft from this checkout into its own
environment (pip, with PyPI reachable for the dependencies) and runs ``postcraft check`` on the
staged drafts. About 30 s the first time; skipped when pre-commit or git is not installed."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT

PRE_COMMIT = shutil.which("pre-commit") or str(Path(sys.executable).with_name("pre-commit"))


@pytest.mark.skipif(
    not Path(PRE_COMMIT).exists() or shutil.which("git") is None or not (ROOT / ".git").exists(),
    reason="needs pre-commit (dev extra), git and a git checkout of postcraft",
)
def test_hook_runs_postcraft_check_on_staged_drafts(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    repo.mkdir()
    env = {
        **os.environ,
        "PRE_COMMIT_HOME": str(tmp_path / "cache"),
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.com",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.com",
    }
    env.pop("PYTHONPATH", None)  # the hook must run the postcraft pre-commit installed

    def git(*args: str) -> None:
        subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True)

    git("init", "-q", ".")
    (repo / "ok.txt").write_text("Stor dag i dag på værkstedet 🎉 #grønomstilling\n", "utf-8")
    (repo / "long.md").write_text("Ord. " * 700, "utf-8")  # over LinkedIn's limit: an error
    (repo / "notes.rst").write_text("Ord. " * 700, "utf-8")  # not a draft by the hook's pattern
    git("add", ".")

    def hook(*files: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [PRE_COMMIT, "try-repo", str(ROOT), "postcraft", "--files", *files],
            cwd=repo,
            env=env,
            capture_output=True,
            text=True,
            timeout=600,
        )

    ok = hook("ok.txt", "notes.rst")
    assert ok.returncode == 0, ok.stdout + ok.stderr
    assert "Passed" in ok.stdout
    bad = hook("ok.txt", "long.md", "notes.rst")
    assert bad.returncode == 1, bad.stdout + bad.stderr
    assert "long.md:1:" in bad.stdout and "linkedin.length" in bad.stdout
    assert "notes.rst" not in bad.stdout  # filtered out by `files:`
    assert "2 files, 2 with findings: 1 error" in bad.stdout
