"""Read a post history file into rows of cells, each with the line (or sheet row) it came from.

CSV (any of ``,``, ``;``, tab or ``|`` as delimiter; UTF-8 with or without BOM, UTF-16 with
BOM, or a named encoding), XLSX (openpyxl, optional), JSON (a list of objects, or an object
with one list of objects such as ``{"posts": [...]}``) and JSON lines.
"""

from __future__ import annotations

import csv
import importlib
import io
import json
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import ConfigError, MissingDependencyError

FORMATS = ("csv", "xlsx", "json", "jsonl")
_SUFFIX = {
    ".csv": "csv",
    ".tsv": "csv",
    ".txt": "csv",
    ".xlsx": "xlsx",
    ".xlsm": "xlsx",
    ".json": "json",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
}


class HistoryError(ConfigError):
    """A post history file cannot be read as it is: the file, the line and what to change."""


@dataclass
class Sheet:
    """Rows of cells from one table: ``rows`` are ``(line, cells)``; for JSON, ``header`` is
    given (the keys in order of first appearance) and cells follow it."""

    source: str
    format: str
    rows: list[tuple[int, list[Any]]]
    header: list[str] | None = None
    unit: str = "line"
    sheet: str | None = None
    skipped: list[tuple[int, str, dict[str, Any]]] = field(default_factory=list)


def detect_format(path: Path, data: bytes, format: str | None) -> str:
    """The file format: given, from the suffix, or from the first bytes."""
    if format is not None:
        fmt = format.lower().lstrip(".")
        fmt = {"xls": "xls", "ndjson": "jsonl", "tsv": "csv"}.get(fmt, fmt)
        if fmt not in FORMATS:
            raise HistoryError(f"format {format!r} is not one of {', '.join(FORMATS)}", path=str(path))
        return fmt
    suffix = path.suffix.lower()
    if suffix == ".xls":
        raise HistoryError(
            "old Excel files (.xls) cannot be read; open it in Excel and save it as .xlsx or CSV UTF-8",
            path=str(path),
        )
    if suffix in _SUFFIX:
        return _SUFFIX[suffix]
    if data[:4] == b"PK\x03\x04":
        return "xlsx"
    head = data[:64].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head[:1] == b"[":
        return "json"
    if head[:1] == b"{":
        # JSON lines when the first line is a whole object on its own, else one JSON document
        first = data.lstrip(b"\xef\xbb\xbf \t\r\n").split(b"\n", 1)[0]
        try:
            json.loads(first)
        except ValueError:
            return "json"
        return "jsonl" if data.strip().count(b"\n") else "json"
    return "csv"


def decode(data: bytes, name: str, encoding: str | None) -> str:
    """Bytes to text: UTF-16/UTF-8 by their BOM, else UTF-8, else the given ``encoding``."""
    if encoding is not None:
        try:
            return data.decode(encoding)
        except LookupError:
            raise HistoryError(f"unknown encoding {encoding!r}; try utf-8 or cp1252", path=name) from None
        except UnicodeDecodeError as exc:
            line = data[: exc.start].count(b"\n") + 1
            raise HistoryError(
                f"this file is not valid {encoding} (byte {exc.start}); check the encoding it was saved in",
                path=name,
                line=line,
            ) from None
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise HistoryError(
                f"the file starts like UTF-16 but is not valid UTF-16 ({exc.reason})", path=name
            ) from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise HistoryError(
            f"the file is not UTF-8 (first bad byte {data[exc.start]:#04x} at byte {exc.start}). Save it as "
            f"'CSV UTF-8' in Excel, or give the encoding it is in: encoding='cp1252' (Excel's Danish "
            f"'CSV (semikolonsepareret)' uses Windows-1252; on the command line: --encoding cp1252)",
            path=name,
            line=line,
        ) from None


def read_csv(text: str, name: str, delimiter: str | None) -> Sheet:
    """Rows of a CSV text with the line each row starts on."""
    if delimiter is None:
        delimiter = _sniff_delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows: list[tuple[int, list[Any]]] = []
    prev = 0
    try:
        for row in reader:
            rows.append((prev + 1, list(row)))
            prev = reader.line_num
    except csv.Error as exc:
        raise HistoryError(f"this is not valid CSV ({exc})", path=name, line=reader.line_num) from None
    return Sheet(source=name, format="csv", rows=rows)


def _sniff_delimiter(text: str) -> str:
    sample = text[:65536]
    try:
        return csv.Sniffer().sniff(sample, delimiters=",;\t|").delimiter
    except csv.Error:
        first = next((ln for ln in sample.splitlines() if ln.strip()), "")
        counts = {d: first.count(d) for d in (",", ";", "\t", "|")}
        best = max(counts, key=lambda d: counts[d])
        return best if counts[best] else ","


#: The most cells read from one XLSX sheet (a million posts with 20 columns).
MAX_XLSX_CELLS = 20_000_000


def read_xlsx(path: Path, name: str, sheet: str | None, wanted: Any) -> Sheet:
    """Rows of an XLSX sheet with their row numbers.

    ``sheet`` names the sheet; without it, the first sheet whose header ``wanted(cells)``
    accepts is read (LinkedIn's exports put the posts on a later sheet than the summary).
    """
    try:
        # imported by name: openpyxl is optional, and its type stubs may not be installed
        openpyxl: Any = importlib.import_module("openpyxl")
    except ImportError:
        raise MissingDependencyError(
            "reading .xlsx needs openpyxl, which is not installed; install it with "
            "pip install 'postcraft[xlsx]' (or pip install openpyxl), or save the sheet as CSV UTF-8"
        ) from None
    import zipfile

    try:
        wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise HistoryError(f"cannot read this as an .xlsx workbook ({exc})", path=name) from None
    try:
        names = list(wb.sheetnames)
        if sheet is not None:
            if sheet not in names:
                raise HistoryError(
                    f"the workbook has no sheet {sheet!r}; its sheets are {', '.join(map(repr, names))}",
                    path=name,
                )
            candidates = [sheet]
        else:
            candidates = names
        first: Sheet | None = None
        for sn in candidates:
            ws = wb[sn]
            # the sheet's <dimension> may be stale (rows past it would be dropped) or huge
            # (A1:XFD1048576 would pad every row to 16,384 cells and add a million empty rows):
            # read the rows the sheet really has
            ws.reset_dimensions()
            rows: list[tuple[int, list[Any]]] = []
            cells = 0
            for number, values in enumerate(ws.iter_rows(values_only=True), 1):
                row = list(values)
                while row and row[-1] is None:
                    row.pop()
                cells += max(len(row), 1)  # an empty row costs memory too
                if cells > MAX_XLSX_CELLS:
                    raise HistoryError(
                        f"the sheet {sn!r} has more than {MAX_XLSX_CELLS:,} cells (up to row {number}); "
                        "a post history needs one row per post and a few columns: delete the unused "
                        "rows and columns, or save the posts as CSV",
                        path=name,
                    )
                if row:  # rows missing from the file come back empty: they are not kept
                    rows.append((number, row))
            result = Sheet(source=name, format="xlsx", rows=rows, unit="row", sheet=sn)
            if first is None:
                first = result
            if sheet is not None or wanted(rows):
                return result
        assert first is not None
        return first
    finally:
        wb.close()


def read_json(text: str, name: str, lines: bool) -> Sheet:
    """Records of a JSON array (or ``{"<key>": [...]}``) or of JSON lines, as rows under a
    header made of every key in order of first appearance."""
    records: list[tuple[int, Any]] = []
    if lines:
        for number, line in enumerate(text.splitlines(), 1):
            if not line.strip():
                continue
            try:
                records.append((number, json.loads(line)))
            except json.JSONDecodeError as exc:
                raise HistoryError(
                    f"this line is not valid JSON ({exc.msg})", path=name, line=number
                ) from None
            except (RecursionError, ValueError) as exc:
                raise HistoryError(_json_limit(exc), path=name, line=number) from None
    else:
        records = _json_items(text, name)
    header, rows, skipped = _mapping_rows(records)
    return Sheet(source=name, format="jsonl" if lines else "json", rows=rows, header=header, skipped=skipped)


def _json_items(text: str, name: str) -> list[tuple[int, Any]]:
    """The items of the top-level list with the line each starts on."""
    decoder = json.JSONDecoder()
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        raise HistoryError(f"this is not valid JSON ({exc.msg})", path=name, line=exc.lineno) from None
    except (RecursionError, ValueError) as exc:
        raise HistoryError(_json_limit(exc), path=name) from None
    if isinstance(doc, Mapping):
        lists = [(k, v) for k, v in doc.items() if isinstance(v, list)]
        if len(lists) != 1:
            raise HistoryError(
                "a JSON history is a list of posts, or an object with one list of posts such as "
                '{"posts": [...]}',
                path=name,
                line=1,
            )
        key = lists[0][0]
        start = _find_list_start(text, decoder, key)
    elif isinstance(doc, list):
        start = text.index("[")
    else:
        raise HistoryError("a JSON history is a list of posts (objects)", path=name, line=1)
    out: list[tuple[int, Any]] = []
    pos = start + 1
    n = len(text)
    ws = " \t\r\n"
    while pos < n:
        while pos < n and text[pos] in ws:
            pos += 1
        if pos < n and text[pos] == "]":
            break
        if pos < n and text[pos] == ",":
            pos += 1
            continue
        item, end = decoder.raw_decode(text, pos)
        out.append((text.count("\n", 0, pos) + 1, item))
        pos = end
    return out


def _json_limit(exc: BaseException) -> str:
    """What to say about JSON that parses in principle but is past Python's limits."""
    if isinstance(exc, RecursionError):
        return (
            "this JSON is nested too deeply to read (lists or objects inside each other thousands "
            "of levels deep); a post history is a list of flat objects"
        )
    return f"this JSON has a value Python cannot read ({exc}); a count has at most 15 digits"


def _find_list_start(text: str, decoder: json.JSONDecoder, key: str) -> int:
    """The offset of the ``[`` that starts the value of ``key`` in a top-level object."""
    pos = text.index("{") + 1
    n = len(text)
    while pos < n:
        while pos < n and text[pos] in " \t\r\n,":
            pos += 1
        k, pos = decoder.raw_decode(text, pos)
        while text[pos] in " \t\r\n:":
            pos += 1
        if k == key:
            return pos
        _, pos = decoder.raw_decode(text, pos)
    raise ValueError(key)  # pragma: no cover - json.loads found the key


def read_records(records: Iterable[Mapping[str, Any]], name: str) -> Sheet:
    """In-memory rows (dicts, e.g. ``DataFrame.to_dict("records")``), numbered from 1."""
    header, rows, skipped = _mapping_rows(enumerate(records, 1))
    return Sheet(source=name, format="records", rows=rows, header=header, unit="row", skipped=skipped)


def _mapping_rows(
    numbered: Iterable[tuple[int, Any]],
) -> tuple[list[str], list[tuple[int, list[Any]]], list[tuple[int, str, dict[str, Any]]]]:
    """Numbered mappings as a table: the header (keys in order of first appearance), the rows,
    and the items that are not mappings (skipped, with why)."""
    header: list[str] = []
    seen: set[str] = set()
    good: list[tuple[int, Mapping[str, Any]]] = []
    skipped: list[tuple[int, str, dict[str, Any]]] = []
    for number, item in numbered:
        if not isinstance(item, Mapping):
            skipped.append((number, "not_an_object", {"kind": type(item).__name__}))
            continue
        good.append((number, item))
        for key in item:
            if str(key) not in seen:
                seen.add(str(key))
                header.append(str(key))
    rows = [(number, [item.get(k) for k in header]) for number, item in good]
    return header, rows, skipped


def read_bytes(path: str | os.PathLike[str]) -> tuple[Path, bytes]:
    """The bytes of a history file, with clear errors for missing files and directories."""
    p = Path(path)
    name = str(path)
    try:
        return p, p.read_bytes()
    except FileNotFoundError:
        raise HistoryError("no such file; check the path", path=name) from None
    except IsADirectoryError:
        raise HistoryError("this is a directory; give the history file itself", path=name) from None
    except OSError as exc:
        raise HistoryError(f"cannot read the file ({exc.strerror})", path=name) from None
