"""docs/examples/insights.ipynb runs top to bottom in a fresh kernel, offline, and shows the
insights with their charts."""

from __future__ import annotations

from typing import Any

import pytest

from conftest import ROOT

nbformat = pytest.importorskip("nbformat", reason="the notebook test needs nbformat (dev extra)")
nbclient = pytest.importorskip("nbclient", reason="the notebook test needs nbclient (dev extra)")
pytest.importorskip("ipykernel", reason="the notebook test needs ipykernel (dev extra)")

from notebooks import assert_stored_clean, by_tag, execute, html_of, plain_of, stdout_of  # noqa: E402

NOTEBOOK = ROOT / "docs" / "examples" / "insights.ipynb"


@pytest.fixture(scope="module")
def executed(tmp_path_factory: pytest.TempPathFactory) -> Any:
    return execute(NOTEBOOK, tmp_path_factory, timeout=300, env={"POSTCRAFT_NO_PROGRESS": "1"})


def test_the_notebook_is_stored_clean_and_valid() -> None:
    assert_stored_clean(NOTEBOOK)


def test_the_notebook_runs_and_shows_the_insights_with_charts(executed: Any) -> None:
    cells = by_tag(executed)
    assert not [
        o for c in executed.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"
    ]
    loaded = stdout_of(cells["load"])
    assert "<History from ../../examples/history.csv:" in loaded and "no post text" in loaded
    page = html_of(cells["insights"])
    assert 'data-postcraft="insights"' in page
    for chart in ("chart-weekly", "chart-leaders", "chart-patterns", "chart-team-months"):
        assert f'data-postcraft="{chart}"' in page
    assert "<script" not in page.lower()
    assert "Posts that sounded personal had" in stdout_of(cells["findings"])
    assert "Ole Dam" in stdout_of(cells["quiet"]) and "Viktor Sand" in stdout_of(cells["quiet"])
    assert "first post: Ida Kragh" in stdout_of(cells["celebrate"])
    assert 'lang="da"' in html_of(cells["danish"]) and "Mønstre i engagement" in html_of(cells["danish"])
    assert "LEDERNE GÅR FORREST" in stdout_of(cells["report"])
    assert "Mette Hansen" in plain_of(cells["mapping"]) and "2025, 4, 3" not in plain_of(cells["mapping"])
    assert "'2025-04-03'" in plain_of(cells["mapping"])


def test_the_dataframe_cell_shows_a_table_or_says_what_is_missing(executed: Any) -> None:
    cell = by_tag(executed)["dataframe"]
    shown = html_of(cell) or plain_of(cell) or stdout_of(cell)
    assert "ratio_interval_low" in shown or "pip install 'postcraft[pandas]'" in shown
