"""docs/examples/review.ipynb runs top to bottom in a fresh kernel, offline, and shows rich output."""

from __future__ import annotations

import importlib.util
from typing import Any

import pytest

from conftest import ROOT

nbformat = pytest.importorskip("nbformat", reason="the notebook test needs nbformat (dev extra)")
nbclient = pytest.importorskip("nbclient", reason="the notebook test needs nbclient (dev extra)")
pytest.importorskip("ipykernel", reason="the notebook test needs ipykernel (dev extra)")

import postcraft  # noqa: E402
from notebooks import assert_stored_clean, by_tag, execute, html_of, stdout_of  # noqa: E402
from postcraft.tags import TagSuggestions  # noqa: E402
from postcraft.templates import Draft  # noqa: E402
from postcraft.tone import ToneScore  # noqa: E402

NOTEBOOK = ROOT / "docs" / "examples" / "review.ipynb"


@pytest.fixture(scope="module")
def executed(tmp_path_factory: pytest.TempPathFactory) -> Any:
    return execute(NOTEBOOK, tmp_path_factory, timeout=180, env={})


def test_the_notebook_is_stored_clean_and_valid() -> None:
    assert_stored_clean(NOTEBOOK)


def test_the_notebook_runs_top_to_bottom(executed: Any) -> None:
    cells = by_tag(executed)
    code = [c for c in executed.cells if c.cell_type == "code"]
    assert not [o for c in code for o in c.outputs if o.output_type == "error"]
    assert postcraft.__version__ in cells["setup"].outputs[0]["data"]["text/plain"]
    assert f'"schema_version": "{postcraft.SCHEMA_VERSION}"' in stdout_of(cells["json"])
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
