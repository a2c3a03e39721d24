"""Shared by every test: the repository's folders (import them: ``from conftest import ROOT``)."""

from __future__ import annotations

from pathlib import Path

#: The repository root.
ROOT = Path(__file__).resolve().parents[1]
#: The example drafts, histories, rosters and guidelines users are pointed to.
EXAMPLES = ROOT / "examples"
#: Test data files.
TEST_DATA = ROOT / "tests" / "data"
