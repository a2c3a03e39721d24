"""Loading post histories: formats, the column mapping, dates and counts, errors with file and
line, skipped rows, duplicates, encodings and matching authors to the roster."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from conftest import EXAMPLES, ROOT
from postcraft.errors import ConfigError, PostcraftError
from postcraft.insights import HistoryError, load_history
from postcraft.insights.history import default_columns, is_leader, normalize

TEXT_DA = "Jeg lærte noget nyt i dag om havvind 🌊 og æøå."
TEXT_EN = "I learned something new today about offshore wind."


def write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path


# -- formats --------------------------------------------------------------------------------------
def test_csv_with_linkedin_style_headers(tmp_path: Path) -> None:
    f = write(
        tmp_path / "h.csv",
        "Post publish date,Posted by,Post text,Impressions,Likes,Comments,Shares,Clicks,Post link\n"
        f'2025-03-03 09:15,Mette Hansen,"{TEXT_DA}",1204,31,4,2,9,https://x/1\n'
        f'2025-03-05,Priya Raman,"{TEXT_EN}\nSecond line, with a comma.","1,530",40,,1,3,https://x/2\n',
    )
    h = load_history(f)
    assert h.format == "csv" and len(h) == 2 and not h.skipped
    assert h.columns == {
        "date": "Post publish date",
        "author": "Posted by",
        "text": "Post text",
        "impressions": "Impressions",
        "reactions": "Likes",
        "comments": "Comments",
        "reposts": "Shares",
        "clicks": "Clicks",
        "id": "Post link",
    }
    p0, p1 = h.posts
    assert (p0.date, p0.time, p0.impressions, p0.engagement) == (
        dt.date(2025, 3, 3),
        dt.time(9, 15),
        1204,
        37,
    )
    assert p0.text == TEXT_DA  # æøå and emoji survive
    assert p1.text.endswith("Second line, with a comma.")
    assert (p1.impressions, p1.comments, p1.engagement, p1.time) == (1530, None, 41, None)


def test_danish_headers_semicolons_and_day_first_dates(tmp_path: Path) -> None:
    f = write(
        tmp_path / "h.csv",
        "Dato;Forfatter;Tekst;Visninger;Reaktioner;Kommentarer;Delinger;Klik\n"
        f"14-03-2025;Mette Hansen;{TEXT_DA};1.204;31;4;2;9\n"
        f"03.04.2025;Mette Hansen;Endnu et opslag;980;12;0;0;1\n",
    )
    h = load_history(f)
    assert [p.date for p in h.posts] == [dt.date(2025, 3, 14), dt.date(2025, 4, 3)]
    assert h.posts[0].impressions == 1204
    assert set(h.columns) == {
        "date",
        "author",
        "text",
        "impressions",
        "reactions",
        "comments",
        "reposts",
        "clicks",
    }
    assert not h.notes  # 14-03 settles the order: no assumption to report


def test_month_first_dates_like_linkedin_exports_and_the_note_when_assumed(tmp_path: Path) -> None:
    f = write(tmp_path / "us.csv", f"Date,Author,Text\n03/14/2025,A,{TEXT_EN}\n04/02/2025,A,Other\n")
    assert [p.date for p in load_history(f).posts] == [dt.date(2025, 3, 14), dt.date(2025, 4, 2)]
    amb = write(tmp_path / "amb.csv", f"Date,Author,Text\n03/04/2025,A,{TEXT_EN}\n")
    h = load_history(amb)
    assert h.posts[0].date == dt.date(2025, 3, 4)
    assert [n.code for n in h.notes] == ["dates_assumed_month_first"]
    assert "month first" in h.notes[0].message("en") and "måneden først" in h.notes[0].message("da")
    h2 = load_history(amb, mapping={"dayfirst": True})
    assert h2.posts[0].date == dt.date(2025, 4, 3) and not h2.notes
    h3 = load_history(amb, mapping={"date_format": "%d/%m/%Y"})
    assert h3.posts[0].date == dt.date(2025, 4, 3)


@pytest.mark.parametrize(
    "value, expected",
    [
        ("2025-03-14", dt.date(2025, 3, 14)),
        ("2025-03-14T09:30:00Z", dt.date(2025, 3, 14)),
        ("2025-03-14T23:30:00+02:00", dt.date(2025, 3, 14)),  # wall-clock day as written
        ("14. marts 2025", dt.date(2025, 3, 14)),
        ("14 March 2025", dt.date(2025, 3, 14)),
        ("Mar 14, 2025", dt.date(2025, 3, 14)),
        ("fredag 14. marts 2025 kl. 09.30", dt.date(2025, 3, 14)),
        ("3/14/2025 9:30 PM", dt.date(2025, 3, 14)),
        (1741944600, dt.date(2025, 3, 14)),  # Unix seconds (JSON)
        (1741944600000, dt.date(2025, 3, 14)),  # Unix milliseconds
        (45730, dt.date(2025, 3, 14)),  # an Excel serial number
    ],
)
def test_date_forms(value: Any, expected: dt.date) -> None:
    h = load_history([{"Date": value, "Author": "A", "Text": TEXT_EN}])
    assert h.posts[0].date == expected


def test_json_list_object_and_json_lines_keep_line_numbers(tmp_path: Path) -> None:
    rows = [
        {"date": "2025-03-03", "author": "A", "text": TEXT_EN, "impressions": 100, "reactions": 5},
        {"date": "2025-03-04", "author": "B", "text": TEXT_DA, "impressions": 200, "reactions": 9},
    ]
    arr = write(tmp_path / "h.json", json.dumps(rows, indent=2, ensure_ascii=False))
    assert [p.line for p in load_history(arr).posts] == [2, 9]
    obj = write(tmp_path / "h2.json", json.dumps({"exported": "2025-03-05", "posts": rows}, indent=1))
    assert len(load_history(obj)) == 2
    lines = write(tmp_path / "h.jsonl", "\n".join(json.dumps(r) for r in rows) + "\n")
    h = load_history(lines)
    assert h.format == "jsonl" and [p.line for p in h.posts] == [1, 2]
    nosuffix = write(tmp_path / "export", "\n".join(json.dumps(r) for r in rows) + "\n")
    assert load_history(nosuffix).format == "jsonl"
    bad = write(tmp_path / "bad.jsonl", json.dumps(rows[0]) + "\n{oops\n")
    with pytest.raises(HistoryError, match=r"bad\.jsonl:2: this line is not valid JSON"):
        load_history(bad)
    mixed = write(tmp_path / "m.json", json.dumps([rows[0], "not a post", rows[1]], indent=1))
    h = load_history(mixed)
    assert len(h) == 2 and [(s.code, s.values["kind"]) for s in h.skipped] == [("not_an_object", "str")]


def test_records_and_dataframes() -> None:
    pd = pytest.importorskip("pandas")
    df = pd.DataFrame(
        {
            "Created date": pd.to_datetime(["2025-03-03 10:00", "2025-03-10 11:00"]),
            "Author": ["A", "B"],
            "Commentary": [TEXT_EN, TEXT_DA],
            "Impressions": [100, float("nan")],
        }
    )
    h = load_history(df)
    assert h.format == "records" and h.unit == "row"
    assert [p.impressions for p in h.posts] == [100, None]
    assert h.posts[1].time == dt.time(11, 0)


def test_xlsx_finds_the_posts_sheet_and_its_header_below_a_title(tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl", reason="the XLSX path needs openpyxl (the 'xlsx' extra)")
    wb = openpyxl.Workbook()
    summary = wb.active
    summary.title = "Metrics"
    summary.append(["Date", "Impressions (organic)"])
    summary.append([dt.date(2025, 3, 3), 5000])
    posts = wb.create_sheet("All posts")
    posts.append(["All posts data for Kystlys A/S, exported 2025-03-31"])
    posts.append([])
    posts.append(
        [
            "Post title",
            "Post link",
            "Posted by",
            "Created date",
            "Impressions",
            "Likes",
            "Comments",
            "Reposts",
        ]
    )
    posts.append([TEXT_DA, "https://x/1", "Mette Hansen", dt.datetime(2025, 3, 3, 9, 0), 1200, 30, 2, 1])
    posts.append([TEXT_EN, "https://x/2", "Priya Raman", "03/05/2025", 900, 12, 0, 0])
    posts.append(["Third", "https://x/3", "Priya Raman", "not a date", 900, 12, 0, 0])
    f = tmp_path / "export.xlsx"
    wb.save(f)
    with pytest.raises(HistoryError) as exc:
        load_history(f)
    assert "export.xlsx[All posts]:6:" in str(exc.value) and "'not a date'" in str(exc.value)
    h = load_history(f, errors="skip")
    assert h.format == "xlsx" and h.unit == "row"
    assert [(p.line, p.date) for p in h.posts] == [(4, dt.date(2025, 3, 3)), (5, dt.date(2025, 3, 5))]
    assert [(s.line, s.code) for s in h.skipped] == [(1, "before_header"), (6, "bad_date")]
    assert h.columns["text"] == "Post title"
    assert "text_from_title" in [n.code for n in h.notes]
    assert load_history(f, mapping={"sheet": "All posts"}, errors="skip").posts[0].author == "Mette Hansen"
    with pytest.raises(HistoryError, match="no sheet 'Posts'; its sheets are 'Metrics', 'All posts'"):
        load_history(f, mapping={"sheet": "Posts"})


def test_xlsx_without_openpyxl_says_how_to_install(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import builtins

    real = builtins.__import__

    def fake(name: str, *args: Any, **kwargs: Any) -> Any:
        if name == "openpyxl":
            raise ImportError(name)
        return real(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", fake)
    import importlib

    monkeypatch.setattr(importlib, "import_module", lambda name, *a: fake(name))
    f = write(tmp_path / "h.xlsx", "PK\x03\x04 not really")
    with pytest.raises(PostcraftError, match=r"pip install 'postcraft\[xlsx\]'"):
        load_history(f)


# -- the mapping ----------------------------------------------------------------------------------
def test_user_mapping_overrides_and_ignores(tmp_path: Path) -> None:
    f = write(
        tmp_path / "h.csv",
        f"Publiceret,Medarbejder navn,Opslag,Text,Visninger\n2025-03-03,A,{TEXT_DA},other text,100\n",
    )
    h = load_history(f, mapping={"date": "Publiceret", "author": "Medarbejder navn", "text": "Opslag"})
    assert h.posts[0].text == TEXT_DA and h.columns["author"] == "Medarbejder navn"
    assert "Text" in h.unused_columns
    h2 = load_history(f, mapping={"date": "Publiceret", "author": "Medarbejder navn", "impressions": None})
    assert h2.posts[0].impressions is None and "impressions" not in h2.columns
    mapping = write(
        tmp_path / "m.yaml", "columns:\n  date: Publiceret\n  author: [Forfatter, Medarbejder navn]\n"
    )
    assert load_history(f, mapping=mapping).columns["author"] == "Medarbejder navn"


def test_mapping_mistakes_are_config_errors_with_lines(tmp_path: Path) -> None:
    f = write(tmp_path / "h.csv", f"Date,Author,Text\n2025-03-03,A,{TEXT_EN}\n")
    m = write(tmp_path / "m.yaml", "date: Date\nauthro: Author\n")
    with pytest.raises(ConfigError) as exc:
        load_history(f, mapping=m)
    assert "m.yaml:2:" in str(exc.value) and "did you mean 'author'?" in str(exc.value)
    with pytest.raises(ConfigError, match=r"has no such column \(did you mean 'Date'\?\)"):
        load_history(f, mapping={"date": "Dates"})
    with pytest.raises(ConfigError, match="is not a date format"):
        load_history(f, mapping={"date_format": "dd/mm/yyyy"})
    with pytest.raises(ConfigError, match="must be a column name"):
        load_history(f, mapping={"date": 3})


def test_default_mapping_names_are_unique_and_normalised() -> None:
    cols = default_columns()
    seen: dict[str, str] = {}
    for field, names in cols.items():
        for n in names:
            assert n == normalize(n)
            assert n not in seen, f"{n!r} is listed for both {seen.get(n)} and {field}"
            seen[n] = field
    for header in (
        "Date",
        "Created date",
        "Post publish date",
        "Dato",
        "Impressions",
        "Visninger",
        "Reactions",
        "Likes",
        "Reaktioner",
        "Comments",
        "Kommentarer",
        "Reposts",
        "Shares",
        "Delinger",
        "Clicks",
        "Klik",
        "Author",
        "Posted by",
        "Forfatter",
        "Post text",
        "Commentary",
        "Text",
        "Tekst",
    ):
        assert normalize(header) in seen, header


# -- errors ---------------------------------------------------------------------------------------
def test_missing_required_columns_name_the_columns_found_and_what_to_map(tmp_path: Path) -> None:
    f = write(tmp_path / "h.csv", "When,Who,Impressions\n2025-03-03,A,100\n")
    with pytest.raises(HistoryError) as exc:
        load_history(f)
    msg = str(exc.value)
    assert msg.startswith(f"{f}:1: no columns for 'date'")
    assert "'author'" in msg and "'text'" in msg
    assert "Columns found: 'When', 'Who', 'Impressions'" in msg
    assert "mapping={'date': '<your column>', 'author': '<your column>', 'text': '<your column>'}" in msg
    assert "Post publish date" in msg and "Dato" in msg


def test_bad_dates_and_counts_give_file_and_line(tmp_path: Path) -> None:
    f = write(
        tmp_path / "h.csv",
        f'Date,Author,Text,Impressions\n2025-03-03,A,"{TEXT_EN}\nover two lines",100\n'
        f"next tuesday,B,{TEXT_EN},100\n2025-03-05,C,{TEXT_EN},lots\n2025-03-06,D,{TEXT_EN},\n",
    )
    with pytest.raises(HistoryError) as exc:
        load_history(f)
    assert str(exc.value).startswith(f"{f}:4: 'next tuesday' in column 'Date' is not a date")
    assert "date_format" in str(exc.value) and "errors='skip'" in str(exc.value)
    h = load_history(f, errors="skip")
    assert [(s.line, s.code) for s in h.skipped] == [(4, "bad_date"), (5, "bad_count")]
    assert "'lots' in column 'Impressions' is not a number" == h.skipped[1].reason
    assert [p.author for p in h.posts] == ["A", "D"] and h.posts[1].impressions is None
    empty_date = write(tmp_path / "e.csv", f"Date,Author,Text\n,A,{TEXT_EN}\n")
    with pytest.raises(HistoryError, match=r"e\.csv:2: the date in column 'Date' is empty"):
        load_history(empty_date)
    impossible = write(tmp_path / "i.csv", f"Date,Author,Text\n2025-02-30,A,{TEXT_EN}\n")
    with pytest.raises(HistoryError, match=r"i\.csv:2: '2025-02-30'"):
        load_history(impossible)


def test_duplicates_raise_or_are_skipped_and_reported(tmp_path: Path) -> None:
    f = write(
        tmp_path / "h.csv",
        f"Date,Author,Text\n2025-03-03,A,{TEXT_EN}\n2025-03-04,A,{TEXT_EN}\n2025-03-03,a ,  {TEXT_EN}\n",
    )
    with pytest.raises(HistoryError) as exc:
        load_history(f)
    assert str(exc.value).startswith(f"{f}:4: repeats the post on line 2 (same author, date and text)")
    h = load_history(f, errors="skip")
    assert len(h) == 2 and [(s.line, s.code, s.values["first"]) for s in h.skipped] == [(4, "duplicate", 2)]
    by_id = write(
        tmp_path / "id.csv", f"Date,Author,Text,Post link\n2025-03-03,A,{TEXT_EN},u1\n2025-03-09,B,x,u1\n"
    )
    with pytest.raises(HistoryError, match="same post link or id"):
        load_history(by_id)


def test_empty_files_header_only_and_nothing_silently_dropped(tmp_path: Path) -> None:
    with pytest.raises(HistoryError, match="the file is empty"):
        load_history(write(tmp_path / "e.csv", ""))
    with pytest.raises(HistoryError, match="the file is empty"):
        load_history(write(tmp_path / "e2.csv", "\ufeff\n\n"))
    with pytest.raises(HistoryError, match="has a header but no posts"):
        load_history(write(tmp_path / "h.csv", "Date,Author,Text\n"))
    with pytest.raises(HistoryError, match="no such file"):
        load_history(tmp_path / "missing.csv")
    f = write(
        tmp_path / "gaps.csv",
        f"Date,Author,Text\n2025-03-03,A,{TEXT_EN}\n,,\n2025-03-04,B,\n2025-03-05,,{TEXT_EN}\n"
        f'2025-03-06,C,{TEXT_EN},extra,"cells"\n',
    )
    with pytest.raises(HistoryError, match=r"gaps\.csv:6: this row has 5 cells but the header has 3"):
        load_history(f)
    h = load_history(f, errors="skip")
    assert len(h) == 1
    assert [(s.line, s.code) for s in h.skipped] == [
        (3, "empty_row"),
        (4, "no_text"),
        (5, "no_author"),
        (6, "too_many_cells"),
    ]
    assert len(h) + len(h.skipped) == 5  # every data row is a post or a skipped row


def test_encodings(tmp_path: Path) -> None:
    text = f"Dato;Forfatter;Tekst\n03-03-2025;Søren Ærø;Første opslag på Ø\n04-03-2025;Åse;{TEXT_EN}\n"
    cp = write(tmp_path / "excel.csv", text, "cp1252")
    with pytest.raises(HistoryError) as exc:
        load_history(cp)
    assert str(exc.value).startswith(f"{cp}:2: the file is not UTF-8")
    assert "encoding='cp1252'" in str(exc.value) and "CSV UTF-8" in str(exc.value)
    h = load_history(cp, encoding="cp1252")
    assert h.posts[0].author == "Søren Ærø"
    assert load_history(cp, mapping={"encoding": "cp1252"}).posts[1].author == "Åse"
    u16 = write(tmp_path / "u16.csv", "\ufeff" + text.replace(";", "\t"), "utf-16-le")
    assert load_history(u16).posts[0].text == "Første opslag på Ø"
    bom = write(tmp_path / "bom.csv", "\ufeff" + text)
    assert load_history(bom).columns["date"] == "Dato"
    with pytest.raises(HistoryError, match="unknown encoding"):
        load_history(cp, encoding="klingon")


# -- authors and the roster -----------------------------------------------------------------------
ROSTER = {
    "people": [
        {"name": "Mette Hansen", "aliases": ["Mette H."], "role": "HR-chef", "team": "HR"},
        {"name": "Priya Raman", "role": "Staff engineer", "team": "Platform"},
        {"name": "Line Kjær", "role": "Chefkonsulent", "team": "Havvind"},
        {"name": "Anders Holm", "aliases": ["Anders"], "role": "Teamleder", "team": "Drift"},
        {"name": "Anders Krogh", "aliases": ["Anders"], "role": "Projektleder", "team": "Havvind"},
    ]
}


def test_authors_match_the_roster_by_name_or_alias_case_insensitively() -> None:
    rows = [
        {"Date": "2025-03-03", "Author": "mette hansen", "Text": "a"},
        {"Date": "2025-03-04", "Author": "Mette H.", "Text": "b"},
        {"Date": "2025-03-05", "Author": "PRIYA  RAMAN", "Text": "c"},
        {"Date": "2025-03-06", "Author": "Jonas Vinther", "Text": "d"},
        {"Date": "2025-03-07", "Author": "Anders", "Text": "e"},
        {"Date": "2025-03-08", "Author": "Line Kjær", "Text": "f"},
    ]
    h = load_history(rows, roster=ROSTER)
    mette = h.author("Mette H.")
    assert mette is not None and mette.name == "Mette Hansen" and mette.posts == 2
    assert set(mette.spellings) == {"mette hansen", "Mette H."}
    assert (mette.role, mette.team, mette.leader) == ("HR-chef", "HR", True)
    assert h.author_of(h.posts[2]).name == "Priya Raman"
    assert h.author_of(h.posts[5]).leader is False  # "Chefkonsulent" leads no one
    assert h.unmatched_authors == ("Anders", "Jonas Vinther")
    codes = [n.code for n in h.notes]
    assert "author_unmatched" in codes and "author_ambiguous" in codes and "author_spellings" in codes
    assert load_history(rows).unmatched_authors == ()  # no roster, nothing to be unmatched against


def test_role_and_team_columns_serve_when_there_is_no_roster() -> None:
    rows = [
        {"Date": "2025-03-03", "Author": "A", "Text": "a", "Title": "CEO", "Department": "Ledelse"},
        {"Date": "2025-03-04", "Author": "B", "Text": "b", "Title": "Udvikler", "Department": "Platform"},
    ]
    h = load_history(rows)
    a, b = (h.author_of(p) for p in h.posts)
    assert (a.role, a.team, a.leader) == ("CEO", "Ledelse", True)
    assert (b.leader, b.team) == (False, "Platform")


@pytest.mark.parametrize(
    "role, leader",
    [
        ("top_leader", True), ("middle_manager", True), ("CEO", True), ("Adm. direktør", True),
        ("HR-chef", True), ("Teamleder", True), ("Engineering Manager", True), ("Head of Sales", True),
        ("VP Engineering", True), ("Chefkonsulent", False), ("Udvikler", False), ("employee", False),
        ("Staff engineer", False), (None, None), ("  ", None),
    ],
)  # fmt: skip
def test_is_leader(role: str | None, leader: bool | None) -> None:
    assert is_leader(role) is leader


def test_the_example_history_loads_with_its_roster() -> None:
    h = load_history(EXAMPLES / "history.csv", roster=EXAMPLES / "history-roster.yaml")
    assert len(h) > 400
    assert {s.code for s in h.skipped} == {"no_text"}
    assert h.unmatched_authors == ("Maja Thorsen",)
    assert h.columns["template"] == "Template"
    assert repr(h).startswith("<History from ") and "rows skipped" in repr(h)
    d = h.to_dict()
    json.dumps(d)
    assert d["posts"][0]["date"] == h.posts[0].date.isoformat()


def test_the_docs_list_every_recognised_column_name() -> None:
    doc = (ROOT / "docs" / "insights.md").read_text("utf-8")
    rows: dict[str, str] = {}
    for line in doc.splitlines():
        if line.startswith("| `"):
            rows.setdefault(line.split("|")[1].strip(), line)  # the column table comes first
    for field, names in default_columns().items():
        row = rows.get(f"`{field}`")
        assert row is not None, f"docs/insights.md has no row for {field!r}"
        cells = [c.strip() for c in row.split("|")]
        assert cells[-2] == ", ".join(f"`{n}`" for n in names), (
            f"the docs' names for {field!r} are out of date"
        )
