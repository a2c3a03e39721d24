"""Hostile histories: XLSX dimensions, huge numbers and dates, deep JSON, formula text
(issue 20, part B)."""

from __future__ import annotations

import json
import re
import zipfile
from pathlib import Path
from typing import Any

import pytest

from postcraft.insights.history import HistoryError, load_history

openpyxl: Any = pytest.importorskip("openpyxl")


def _xlsx(path: Path, dimension: str, rows: int = 5, far_cell: str | None = None) -> Path:
    """A sheet of ``rows`` posts whose <dimension> says ``dimension`` (and one cell at ``far_cell``)."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["date", "author", "text", "impressions"])
    for i in range(rows):
        ws.append([f"2025-03-0{i + 1}", "Mette", f"Opslag {i}", 100 + i])
    if far_cell is not None:
        ws[far_cell] = "x"
    tmp = path.with_suffix(".tmp.xlsx")
    wb.save(tmp)
    with zipfile.ZipFile(tmp) as zin, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename.startswith("xl/worksheets/sheet"):
                data = re.sub(rb'<dimension ref="[^"]*"/>', f'<dimension ref="{dimension}"/>'.encode(), data)
            zout.writestr(item, data)
    return path


def test_xlsx_rows_past_a_stale_dimension_are_read(tmp_path: Path) -> None:
    h = load_history(_xlsx(tmp_path / "h.xlsx", "A1:D2"))
    assert [p.text for p in h.posts] == [f"Opslag {i}" for i in range(5)]


def test_xlsx_declaring_the_whole_sheet_reads_only_its_rows(tmp_path: Path) -> None:
    # before: every row padded to 16,384 cells up to row 1,048,576 (29 s, 5.9 GB, MemoryError)
    p = _xlsx(tmp_path / "h.xlsx", "A1:XFD1048576", far_cell="XFD1048576")
    assert p.stat().st_size < 10_000
    h = load_history(p, errors="skip")
    assert len(h.posts) == 5
    assert [(s.line, s.code) for s in h.skipped] == [(1_048_576, "too_many_cells")]


def test_xlsx_with_too_many_cells_is_a_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from postcraft.insights import _read

    monkeypatch.setattr(_read, "MAX_XLSX_CELLS", 20)
    with pytest.raises(HistoryError, match="more than 20 cells"):
        load_history(_xlsx(tmp_path / "h.xlsx", "A1:D6"))


def _write(tmp_path: Path, name: str, text: str) -> Path:
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


def test_count_with_5000_digits_is_a_bad_count_not_a_traceback(tmp_path: Path) -> None:
    p = _write(
        tmp_path,
        "h.csv",
        "date,author,text,impressions\n2025-03-03,M,Hej," + "9" * 5000 + "\n2025-03-04,O,Hi,5\n",
    )
    with pytest.raises(HistoryError, match="too large to be a count"):
        load_history(p)
    h = load_history(p, errors="skip")
    assert [p.text for p in h.posts] == ["Hi"]
    assert [(s.line, s.code) for s in h.skipped] == [(2, "bad_count")]


def test_date_of_1e20_is_a_bad_date_not_a_traceback(tmp_path: Path) -> None:
    rows = [{"date": 1e20, "author": "M", "text": "x"}, {"date": "2025-03-03", "author": "O", "text": "y"}]
    p = _write(tmp_path, "h.json", json.dumps(rows))
    with pytest.raises(HistoryError, match="too large to be a date"):
        load_history(p)
    h = load_history(p, errors="skip")
    assert [s.code for s in h.skipped] == ["bad_date"] and len(h.posts) == 1


@pytest.mark.parametrize("name", ["h.json", "h.jsonl"])
def test_json_nested_100k_deep_is_one_clear_error(tmp_path: Path, name: str) -> None:
    item = '{"date":"2025-03-03","author":"M","text":"x","extra":' + "[" * 100_000 + "]" * 100_000 + "}"
    p = _write(tmp_path, name, item if name.endswith("l") else "[" + item + "]")
    for errors in ("raise", "skip"):
        with pytest.raises(HistoryError, match="nested too deeply"):
            load_history(p, errors=errors)  # type: ignore[arg-type]


def test_json_integer_with_5000_digits_is_one_clear_error(tmp_path: Path) -> None:
    p = _write(
        tmp_path, "h.json", '[{"date":"2025-03-03","author":"M","text":"x","impressions":' + "9" * 5000 + "}]"
    )
    with pytest.raises(HistoryError, match="cannot read"):
        load_history(p, errors="skip")


def test_formula_text_is_inert_in_dataframes_for_spreadsheets() -> None:
    pytest.importorskip("pandas")
    from postcraft.pipeline import insights

    formula = '=HYPERLINK("http://evil.example","klik")'
    h = load_history(
        [
            {"date": "2025-03-03", "author": formula, "text": "Første opslag om vores team.", "team": "+cmd"},
            {"date": "2025-03-10", "author": "Ole", "text": "Andet opslag."},
        ]
    )
    df = insights(h, resamples=100).to_dataframes()["posts"]
    assert "'" + formula in set(df["author"])
    assert formula not in set(df["author"])
    assert "'+cmd" in set(df["team"])
    assert "Ole" in set(df["author"])


def test_plan_csv_makes_formula_text_inert() -> None:
    import datetime as dt

    from postcraft.formats.csvtext import plan_csv
    from postcraft.programme import plan

    p = plan(
        {"people": [{"name": "=cmd|' /C calc'!A0", "level": "top_leader"}]},
        weeks=1,
        start=dt.date(2025, 4, 14),
        lang="da",
    )
    body = plan_csv(p)
    assert "'=cmd" in body and ",=cmd" not in body
