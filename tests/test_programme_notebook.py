"""docs/examples/programme.ipynb runs top to bottom in a fresh kernel, offline, and shows a plan,
a guide, a nudge, coaching pairs and a celebration."""

from __future__ import annotations

from typing import Any

import pytest

from conftest import ROOT

nbformat = pytest.importorskip("nbformat", reason="the notebook test needs nbformat (dev extra)")
nbclient = pytest.importorskip("nbclient", reason="the notebook test needs nbclient (dev extra)")
pytest.importorskip("ipykernel", reason="the notebook test needs ipykernel (dev extra)")

from notebooks import assert_stored_clean, by_tag, execute, html_of, stdout_of  # noqa: E402

NOTEBOOK = ROOT / "docs" / "examples" / "programme.ipynb"


def markdown_of(cell: Any) -> str:
    return "".join(o["data"]["text/markdown"] for o in cell.outputs if "text/markdown" in o.get("data", {}))


@pytest.fixture(scope="module")
def executed(tmp_path_factory: pytest.TempPathFactory) -> Any:
    return execute(NOTEBOOK, tmp_path_factory, timeout=300, env={"POSTCRAFT_NO_PROGRESS": "1"})


def test_the_notebook_is_stored_clean_and_valid() -> None:
    assert_stored_clean(NOTEBOOK)


def test_the_notebook_shows_the_whole_method(executed: Any) -> None:
    cells = by_tag(executed)
    code = [c for c in executed.cells if c.cell_type == "code"]
    assert not [o for c in code for o in c.outputs if o.output_type == "error"]
    assert "Lars Jensen" in html_of(cells["plan"])  # the top leader goes first
    assert "'agreement'" in stdout_of(cells["guide"]) and 'data-postcraft="guide"' in html_of(cells["guide"])
    nudge = stdout_of(cells["nudge"])
    assert nudge.startswith("Hej Mette Hansen og Anders Holm") and "Det har vi aftalt i gruppen:" in nudge
    assert "withheld: ('Lars Jensen',)" in nudge
    coach = markdown_of(cells["coach"])
    assert coach.startswith("# Coaching pairs") and "| Anders Krogh | Anders Holm |" in coach
    party = markdown_of(cells["celebrate"])
    assert party.startswith("# Fejring, oktober 2025") and "## Månedens ambassadør" in party
    assert stdout_of(cells["ambassador"]).startswith("Månedens ambassadør i oktober 2025 er ")
