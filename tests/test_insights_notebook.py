"""docs/examples/insights.ipynb runs top to bottom in a fresh kernel, offline, and shows the
insights with their charts."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

nbformat = pytest.importorskip("nbformat", reason="the notebook test needs nbformat (dev extra)")
nbclient = pytest.importorskip("nbclient", reason="the notebook test needs nbclient (dev extra)")
pytest.importorskip("ipykernel", reason="the notebook test needs ipykernel (dev extra)")

NOTEBOOK = Path(__file__).resolve().parents[1] / "docs" / "examples" / "insights.ipynb"


def by_tag(nb: Any) -> dict[str, Any]:
    return {c.metadata["tags"][0]: c for c in nb.cells if c.cell_type == "code" and c.metadata.get("tags")}


def html_of(cell: Any) -> str:
    return "".join(o["data"]["text/html"] for o in cell.outputs if "text/html" in o.get("data", {}))


def plain_of(cell: Any) -> str:
    return "".join(o["data"]["text/plain"] for o in cell.outputs if "text/plain" in o.get("data", {}))


def stdout_of(cell: Any) -> str:
    return "".join(
        o.get("text", "") for o in cell.outputs if o.output_type == "stream" and o.name == "stdout"
    )


@pytest.fixture(scope="module")
def executed(tmp_path_factory: pytest.TempPathFactory) -> Any:
    nb = nbformat.read(NOTEBOOK, as_version=4)
    runtime = tmp_path_factory.mktemp("jupyter-runtime")
    mp = pytest.MonkeyPatch()
    mp.setenv("JUPYTER_RUNTIME_DIR", str(runtime))
    mp.setenv("JUPYTER_PLATFORM_DIRS", "1")
    mp.setenv("POSTCRAFT_NO_PROGRESS", "1")
    try:
        client = nbclient.NotebookClient(
            nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(NOTEBOOK.parent)}}
        )
        client.execute()  # raises CellExecutionError, naming the cell, if any cell fails
    finally:
        mp.undo()
    return nb


def test_the_notebook_is_stored_clean_and_valid() -> None:
    nb = nbformat.read(NOTEBOOK, as_version=4)
    nbformat.validate(nb)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert code and all(not c.outputs and c.execution_count is None for c in code)
    assert nb.metadata["kernelspec"]["name"] == "python3"


def test_the_notebook_runs_and_shows_the_insights_with_charts(executed: Any) -> None:
    cells = by_tag(executed)
    assert not [
        o for c in executed.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"
    ]
    loaded = stdout_of(cells["load"])
    assert "<History from ../../examples/history.csv:" in loaded and "no post text" in loaded
    page = html_of(cells["insights"])
    assert 'data-postcraft="insights"' in page
    for chart in ("chart-weekly", "chart-leaders", "chart-rates-tone"):
        assert f'data-postcraft="{chart}"' in page
    assert "<script" not in page.lower()
    assert "Posts that sounded personal had" in stdout_of(cells["findings"])
    assert "Ole Dam" in stdout_of(cells["quiet"]) and "Viktor Sand" in stdout_of(cells["quiet"])
    assert "first post: Ida Kragh" in stdout_of(cells["celebrate"])
    assert 'lang="da"' in html_of(cells["danish"]) and "Hvad virker" in html_of(cells["danish"])
    assert "LEDERNE GÅR FORREST" in stdout_of(cells["report"])
    assert "Mette Hansen" in plain_of(cells["mapping"]) and "2025, 4, 3" not in plain_of(cells["mapping"])
    assert "'2025-04-03'" in plain_of(cells["mapping"])


def test_the_dataframe_cell_shows_a_table_or_says_what_is_missing(executed: Any) -> None:
    cell = by_tag(executed)["dataframe"]
    shown = html_of(cell) or plain_of(cell) or stdout_of(cell)
    assert "ratio_interval_low" in shown or "pip install 'postcraft[pandas]'" in shown
