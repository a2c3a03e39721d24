"""docs/examples/review.ipynb runs top to bottom in a fresh kernel, offline, and shows rich output."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import Any

import pytest

nbformat = pytest.importorskip("nbformat", reason="the notebook test needs nbformat (dev extra)")
nbclient = pytest.importorskip("nbclient", reason="the notebook test needs nbclient (dev extra)")
pytest.importorskip("ipykernel", reason="the notebook test needs ipykernel (dev extra)")

import postcraft  # noqa: E402
from postcraft.tags import TagSuggestions  # noqa: E402
from postcraft.templates import Draft  # noqa: E402
from postcraft.tone import ToneScore  # noqa: E402

NOTEBOOK = Path(__file__).resolve().parents[1] / "docs" / "examples" / "review.ipynb"


def by_tag(nb: Any) -> dict[str, Any]:
    return {c.metadata["tags"][0]: c for c in nb.cells if c.cell_type == "code" and c.metadata.get("tags")}


def html_of(cell: Any) -> str:
    return "".join(o["data"]["text/html"] for o in cell.outputs if "text/html" in o.get("data", {}))


def stdout_of(cell: Any) -> str:
    streams = [o for o in cell.outputs if o.output_type == "stream" and o.name == "stdout"]
    return "".join(o.get("text", "") for o in streams)


@pytest.fixture(scope="module")
def executed(tmp_path_factory: pytest.TempPathFactory) -> Any:
    nb = nbformat.read(NOTEBOOK, as_version=4)
    runtime = tmp_path_factory.mktemp("jupyter-runtime")
    mp = pytest.MonkeyPatch()
    mp.setenv("JUPYTER_RUNTIME_DIR", str(runtime))
    mp.setenv("JUPYTER_PLATFORM_DIRS", "1")
    try:
        client = nbclient.NotebookClient(
            nb, timeout=180, kernel_name="python3", resources={"metadata": {"path": str(NOTEBOOK.parent)}}
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


def test_the_notebook_runs_top_to_bottom(executed: Any) -> None:
    cells = by_tag(executed)
    code = [c for c in executed.cells if c.cell_type == "code"]
    assert not [o for c in code for o in c.outputs if o.output_type == "error"]
    assert postcraft.__version__ in cells["setup"].outputs[0]["data"]["text/plain"]
    assert '"schema_version": "1.0"' in stdout_of(cells["json"])
    assert "corporate_vocabulary" in stdout_of(cells["drivers"])


def test_the_comparisons_and_listings_are_rich(executed: Any) -> None:
    cells = by_tag(executed)
    compared = html_of(cells["compare"])
    assert 'data-postcraft="compare"' in compared
    assert compared.count('data-postcraft="compare-label"') == 2
    assert "thank-colleague.en #0" in compared and "thank-colleague.en #1" in compared
    before_after = html_of(cells["before-after"])
    assert ">before</th>" in before_after and ">after</th>" in before_after
    frame = cells["dataframe"]
    table = html_of(frame) or "".join(o["data"]["text/plain"] for o in frame.outputs)
    if importlib.util.find_spec("pandas") is None:
        assert "pip install 'postcraft[pandas]'" in table
    else:
        assert "<table" in table and "personal" in table and "warnings" in table
    assert html_of(cells["templates"]).count('data-postcraft="template-row"') >= 12


def test_the_review_shows_findings(executed: Any) -> None:
    printed = stdout_of(by_tag(executed)["findings"])
    assert "voice.corporate" in printed and "linkedin.hashtags.count" in printed


@pytest.mark.parametrize(
    "tag, cls, marker",
    [
        ("review", postcraft.Review, 'data-postcraft="review"'),
        ("tone", ToneScore, 'data-postcraft="tone"'),
        ("tags", TagSuggestions, 'data-postcraft="tags"'),
        ("draft", Draft, 'data-postcraft="draft"'),
    ],
)
def test_the_last_value_of_a_cell_shows_rich(executed: Any, tag: str, cls: type, marker: str) -> None:
    if not hasattr(cls, "_repr_html_"):
        pytest.skip(f"{cls.__name__}._repr_html_ is not wired yet (the lead adds it)")
    assert marker in html_of(by_tag(executed)[tag])
