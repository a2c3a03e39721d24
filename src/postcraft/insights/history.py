"""Load an organisation's post history (CSV, XLSX, JSON) into a :class:`History`.

Column names of LinkedIn's exports and of advocacy platforms are recognised out of the box,
in English and Danish (``data/columns.yaml``; the table is in ``docs/insights.md``); a user
mapping names any other column. Authors are matched to the roster by name or alias. Every row
becomes a post or a :class:`SkippedRow` saying why; nothing is dropped silently.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import difflib
import os
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import regex
import yaml

from ..errors import ConfigError, MissingDependencyError
from ..formats.labels import Note
from ..langs import DEFAULT
from . import _read
from ._read import HistoryError
from ._values import CountError, DateError, DateReader, parse_count

if TYPE_CHECKING:
    from ..tags.roster import Person, Roster

__all__ = [
    "Author",
    "History",
    "HistoryError",
    "MissingDependencyError",
    "Post",
    "SkippedRow",
    "default_columns",
    "is_leader",
    "load_history",
]

Errors = Literal["raise", "skip"]
COUNT_FIELDS = ("impressions", "reactions", "comments", "reposts", "clicks", "engagement")
OPTIONS = ("date_format", "dayfirst", "sheet", "encoding", "delimiter")
_HEADER_SCAN = 20

_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


# -- results ------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Post:
    """One published post. ``line`` is where it is in the file (the line of a CSV or JSON-lines
    file, the row of a sheet, the item of a JSON list); counts are ``None`` when the file has
    no such column or the cell is empty."""

    line: int
    date: dt.date
    author: str
    text: str
    time: dt.time | None = None
    impressions: int | None = None
    reactions: int | None = None
    comments: int | None = None
    reposts: int | None = None
    clicks: int | None = None
    engagement_total: int | None = None
    template: str | None = None
    purpose: str | None = None
    post_id: str | None = None
    role: str | None = None
    team: str | None = None

    @property
    def engagement(self) -> int | None:
        """Reactions + comments + reposts (the ones the file has), else the file's total
        engagement column, else ``None``."""
        parts = [v for v in (self.reactions, self.comments, self.reposts) if v is not None]
        if parts:
            return sum(parts)
        return self.engagement_total

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict (dates as ISO text)."""
        d = dataclasses.asdict(self)
        d["date"] = self.date.isoformat()
        d["time"] = self.time.isoformat() if self.time is not None else None
        d["engagement"] = self.engagement
        return d


@dataclass(frozen=True)
class SkippedRow:
    """A row that did not become a post: where, why (``code``), and details (``values``)."""

    line: int
    code: str
    values: Mapping[str, Any] = field(default_factory=dict, hash=False)

    @property
    def reason(self) -> str:
        """Why, in English (:data:`~postcraft.langs.DEFAULT`)."""
        return Note(self.code, self.values).message(DEFAULT)

    def message(self, lang: str | None = DEFAULT) -> str:
        """Why, in ``lang``."""
        return Note(self.code, self.values).message(lang)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict."""
        return {"line": self.line, "code": self.code, "values": dict(self.values), "reason": self.reason}


@dataclass(frozen=True)
class Author:
    """Someone who posted: ``name`` (the roster's name when matched, else as the history writes
    it), every ``spellings`` the history uses for them (a name and an alias of one roster person
    are one author), how many posts, the roster ``person`` (or ``None``), and the
    ``role``/``team`` from the roster or else from the history's own columns. ``leader`` is
    ``None`` when no role is known."""

    name: str
    posts: int
    person: Person | None = None
    role: str | None = None
    team: str | None = None
    leader: bool | None = None
    spellings: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict."""
        return {
            "name": self.name,
            "spellings": list(self.spellings),
            "posts": self.posts,
            "roster_name": self.person.name if self.person is not None else None,
            "role": self.role,
            "team": self.team,
            "leader": self.leader,
        }


@dataclass(frozen=True, eq=False)
class History:
    """Posts (sorted by date), the rows skipped and why, the column of each field, the authors
    with their roster match, and notes about how the file was read.

    >>> h = load_history([{"Date": "2025-03-03", "Author": "Mette Hansen", "Text": "Tak for i dag!"}])
    >>> len(h), h.posts[0].author, h.columns["date"]
    (1, 'Mette Hansen', 'Date')
    """

    posts: tuple[Post, ...]
    skipped: tuple[SkippedRow, ...] = ()
    columns: Mapping[str, str] = field(default_factory=dict)
    unused_columns: tuple[str, ...] = ()
    authors: tuple[Author, ...] = ()
    roster: Roster | None = None
    source: str | None = None
    format: str = "records"
    unit: str = "line"
    notes: tuple[Note, ...] = ()

    def __post_init__(self) -> None:
        lookup = {_key(s): a for a in self.authors for s in (a.spellings or (a.name,))}
        object.__setattr__(self, "_lookup", lookup)

    def __len__(self) -> int:
        return len(self.posts)

    def author_of(self, post: Post) -> Author:
        """The :class:`Author` of a post (its roster identity when matched)."""
        found: Author | None = self._lookup.get(_key(post.author))  # type: ignore[attr-defined]
        if found is None:  # a post that is not from this history
            return Author(post.author, 0, None, post.role, post.team, is_leader(post.role), (post.author,))
        return found

    @property
    def unmatched_authors(self) -> tuple[str, ...]:
        """Authors not found in the roster (empty when there is no roster)."""
        if self.roster is None:
            return ()
        return tuple(a.name for a in self.authors if a.person is None)

    def author(self, name: str) -> Author | None:
        """The author called ``name`` (any spelling the history uses, or the roster name; any case)."""
        key = _key(name)
        found: Author | None = self._lookup.get(key)  # type: ignore[attr-defined]
        return found or next((a for a in self.authors if _key(a.name) == key), None)

    def with_roster(self, roster: Any) -> History:
        """The same history with authors matched to another roster (a path, dict or Roster)."""
        from ..tags.roster import load_roster

        r = load_roster(roster) if roster is not None else None
        authors, notes = _match_authors(self.posts, r)
        kept = tuple(n for n in self.notes if not n.code.startswith("author_"))
        return dataclasses.replace(self, roster=r, authors=authors, notes=kept + notes)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict."""
        return {
            "source": self.source,
            "format": self.format,
            "columns": dict(self.columns),
            "unused_columns": list(self.unused_columns),
            "posts": [p.to_dict() for p in self.posts],
            "skipped": [s.to_dict() for s in self.skipped],
            "authors": [a.to_dict() for a in self.authors],
            "unmatched_authors": list(self.unmatched_authors),
            "notes": [n.to_dict() for n in self.notes],
        }

    def __repr__(self) -> str:
        where = f" from {self.source}" if self.source else ""
        return f"<History{where}: {len(self.posts)} posts, {len(self.skipped)} rows skipped>"


# -- the default column mapping ---------------------------------------------------------------
@dataclass(frozen=True)
class _FieldSpec:
    name: str
    description: str
    names: tuple[str, ...]


@lru_cache(maxsize=1)
def _spec() -> tuple[tuple[str, ...], dict[str, _FieldSpec]]:
    raw = (resources.files("postcraft.insights") / "data" / "columns.yaml").read_text("utf-8")
    doc = yaml.load(raw, Loader=_Loader)  # noqa: S506 - a safe loader (CSafeLoader/SafeLoader)
    fields = {
        name: _FieldSpec(name, str(v["description"]), tuple(normalize(n) for n in v["names"]))
        for name, v in doc["fields"].items()
    }
    return tuple(doc["required"]), fields


def default_columns() -> dict[str, list[str]]:
    """The default mapping: each field and the (normalised) column names it recognises.

    >>> "visninger" in default_columns()["impressions"]
    True
    """
    return {name: list(s.names) for name, s in _spec()[1].items()}


def normalize(header: object) -> str:
    """A header as compared: case-folded, NFC, non-alphanumeric runs as one space.

    >>> normalize("Post_Publish-Date "), normalize("Slået op af")
    ('post publish date', 'slået op af')
    """
    s = unicodedata.normalize("NFC", str(header)).casefold()
    return " ".join(regex.sub(r"[^\p{L}\p{N}]+", " ", s).split())


# -- user mappings ------------------------------------------------------------------------------
@dataclass
class _Mapping:
    fields: dict[str, tuple[str, ...] | None]
    options: dict[str, Any]
    path: str | None
    lines: dict[str, int]


def _load_mapping(mapping: Any) -> _Mapping:
    fields_spec = _spec()[1]
    if mapping is None:
        return _Mapping({}, {}, None, {})
    path: str | None = None
    lines: dict[str, int] = {}
    if isinstance(mapping, str | os.PathLike):
        path = str(mapping)
        try:
            raw = Path(mapping).read_text("utf-8-sig")
        except FileNotFoundError:
            raise ConfigError("no such mapping file; check the path", path=path) from None
        except (OSError, UnicodeDecodeError) as exc:
            raise ConfigError(f"cannot read the mapping file ({exc})", path=path) from None
        from ..yamlsrc import line_of, load_yaml

        doc = load_yaml(raw, path)
        if doc is None:
            doc = {}
        if isinstance(doc, Mapping):
            for k in doc:
                lines[str(k)] = line_of(doc, str(k)) or 0
            if isinstance(doc.get("columns"), Mapping):
                for k in doc["columns"]:
                    lines[str(k)] = line_of(doc["columns"], str(k)) or 0
    else:
        doc = mapping
    if isinstance(doc, Mapping) and isinstance(doc.get("columns"), Mapping):
        # {"columns": {field: column}, "date_format": ...}: the fields may sit under "columns"
        doc = {**{k: v for k, v in doc.items() if k != "columns"}, **doc["columns"]}
    if not isinstance(doc, Mapping):
        raise ConfigError(
            "a column mapping is a mapping of field to column name, e.g. {'date': 'Publiceret', "
            "'text': 'Opslag'}",
            path=path,
        )
    fields: dict[str, tuple[str, ...] | None] = {}
    options: dict[str, Any] = {}
    allowed = sorted(list(fields_spec) + list(OPTIONS))
    for key, value in doc.items():
        k = str(key)
        where = lines.get(k) or None
        if k in OPTIONS:
            options[k] = _option(k, value, path, where)
            continue
        if k not in fields_spec:
            close = difflib.get_close_matches(k, allowed, n=1, cutoff=0.6)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            raise ConfigError(
                f"unknown field {k!r} in the column mapping{hint}; fields: {', '.join(allowed)}",
                path=path,
                line=where,
            )
        if value is None:
            fields[k] = None
        elif isinstance(value, str) and value.strip():
            fields[k] = (value,)
        elif isinstance(value, list) and value and all(isinstance(v, str) and v.strip() for v in value):
            fields[k] = tuple(value)
        else:
            raise ConfigError(
                f"the mapping of {k!r} must be a column name (or a list of names, or null to ignore "
                f"the field), e.g. {k}: My column",
                path=path,
                line=where,
            )
    return _Mapping(fields, options, path, lines)


def _option(key: str, value: Any, path: str | None, line: int | None) -> Any:
    if key == "dayfirst":
        if not isinstance(value, bool):
            raise ConfigError("'dayfirst' must be true or false", path=path, line=line)
        return value
    if not isinstance(value, str) or not value:
        raise ConfigError(f"{key!r} must be text", path=path, line=line)
    if key == "date_format":
        try:
            dt.datetime(2025, 3, 14, 9, 30).strftime(value)
        except ValueError:
            raise ConfigError(
                f"{value!r} is not a date format; write e.g. '%d/%m/%Y'", path=path, line=line
            ) from None
        if "%" not in value:
            raise ConfigError(f"{value!r} is not a date format; write e.g. '%d/%m/%Y'", path=path, line=line)
    if key == "delimiter" and len(value) != 1:
        raise ConfigError("'delimiter' is one character, e.g. ';'", path=path, line=line)
    return value


# -- matching columns ---------------------------------------------------------------------------
def _match_columns(header: Sequence[Any], user: _Mapping) -> tuple[dict[str, int], list[str]]:
    """Field -> column index; raises for user-mapped columns that are not there."""
    norm = [normalize(h) if h is not None else "" for h in header]
    taken: set[int] = set()
    out: dict[str, int] = {}
    required, specs = _spec()
    order = [f for f in user.fields] + [f for f in required if f not in user.fields]
    order += [f for f in specs if f not in order]
    missing_user: list[str] = []
    for f in order:
        if f in user.fields:
            names = user.fields[f]
            if names is None:
                continue
            wanted = [normalize(n) for n in names]
        else:
            wanted = list(specs[f].names)
        for w in wanted:
            idx = next((i for i, h in enumerate(norm) if h == w and i not in taken), None)
            if idx is not None:
                out[f] = idx
                taken.add(idx)
                break
        else:
            if f in user.fields:
                missing_user.append(f)
    return out, missing_user


def _header_found(cells: Sequence[Any], user: _Mapping) -> bool:
    found, _ = _match_columns(_as_header(cells), user)
    return all(f in found for f in _spec()[0] if user.fields.get(f, ()) is not None)


def _as_header(cells: Sequence[Any]) -> list[str]:
    return ["" if c is None else str(c).strip() for c in cells]


def _missing_columns_error(
    sheet: _read.Sheet, header: Sequence[str], line: int | None, found: Mapping[str, int], user: _Mapping
) -> HistoryError:
    required, specs = _spec()
    missing = [f for f in required if f not in found]
    shown = [h for h in header if h]
    cols = ", ".join(repr(h) for h in shown) if shown else "(none)"
    parts = []
    for f in missing:
        names = _display_names(f)
        shown = names if len(names) <= 8 else [*names[:5], "…", *names[-2:]]  # English first, Danish last
        examples = ", ".join(n if n == "…" else repr(n) for n in shown)
        parts.append(f"'{f}' ({specs[f].description}; recognised names: {examples})")
    fix = ", ".join(f"'{f}': '<your column>'" for f in missing)
    where = f" in sheet {sheet.sheet!r}" if sheet.sheet else ""
    return HistoryError(
        f"no column{'s' if len(missing) > 1 else ''} for {' and '.join(parts)}. Columns found{where}: {cols}. "
        f"Name the column{'s' if len(missing) > 1 else ''} in a mapping: mapping={{{fix}}} "
        f"(or a --mapping file with lines like '{missing[0]}: <your column>')",
        path=sheet.source,
        line=line,
    )


@lru_cache(maxsize=1)
def _display_names_table() -> dict[str, list[str]]:
    raw = (resources.files("postcraft.insights") / "data" / "columns.yaml").read_text("utf-8")
    doc = yaml.load(raw, Loader=_Loader)  # noqa: S506 - safe loader
    return {k: [str(n).capitalize() for n in v["names"]] for k, v in doc["fields"].items()}


def _display_names(f: str) -> list[str]:
    return _display_names_table()[f]


# -- loading ------------------------------------------------------------------------------------
def load_history(
    source: str | os.PathLike[str] | Iterable[Mapping[str, Any]] | Any,
    *,
    mapping: Mapping[str, Any] | str | os.PathLike[str] | None = None,
    roster: Any = None,
    format: str | None = None,
    errors: Errors = "raise",
    encoding: str | None = None,
) -> History:
    """Load a post history: a CSV, XLSX (needs openpyxl), JSON or JSON-lines file, a list of
    dicts, or a pandas DataFrame.

    ``mapping`` names columns the defaults do not recognise (``{"date": "Publiceret"}``; a
    field mapped to ``None`` is ignored) and may set ``date_format`` (``"%d/%m/%Y"``),
    ``dayfirst``, ``sheet``, ``encoding`` and ``delimiter``; it may also be the path of a YAML
    file with the same keys. ``roster`` (a path, dict or Roster) gives authors their role and
    team. ``format`` overrides the file suffix (``csv``, ``xlsx``, ``json``, ``jsonl``).

    Missing required columns (date, author, text) raise :class:`HistoryError` naming the
    columns found and what to map. A bad date, a bad count, a row with too many cells and a
    repeated post raise it with the file and line (``errors="raise"``), or become
    :class:`SkippedRow` entries (``errors="skip"``). Rows without text or author and empty rows
    are always skipped and listed in ``History.skipped``.

    >>> h = load_history([
    ...     {"Dato": "03-03-2025", "Forfatter": "Mette", "Tekst": "Første opslag", "Visninger": "1.204"},
    ...     {"Dato": "10-03-2025", "Forfatter": "Mette", "Tekst": ""},
    ... ])
    >>> h.posts[0].date, h.posts[0].impressions, [s.code for s in h.skipped]
    (datetime.date(2025, 3, 3), 1204, ['no_text'])
    """
    if errors not in ("raise", "skip"):
        raise ValueError("errors must be 'raise' or 'skip'")
    user = _load_mapping(mapping)
    enc = encoding or user.options.get("encoding")
    sheet = _read_source(source, user, format, enc)
    return _build(sheet, user, roster, errors)


def _read_source(source: Any, user: _Mapping, format: str | None, encoding: str | None) -> _read.Sheet:
    if isinstance(source, str | os.PathLike):
        path, data = _read.read_bytes(source)
        name = str(source)
        fmt = _read.detect_format(path, data, format)
        if fmt != "xlsx" and not data.strip(b"\xef\xbb\xbf\xff\xfe \t\r\n\x00"):
            raise HistoryError(
                "the file is empty; a history has a header row and one row per post", path=name
            )
        if fmt == "xlsx":
            return _read.read_xlsx(
                path, name, user.options.get("sheet"), lambda rows: _scan_header(rows, user)
            )
        text = _read.decode(data, name, encoding)
        if fmt == "csv":
            return _read.read_csv(text, name, user.options.get("delimiter"))
        return _read.read_json(text, name, lines=fmt == "jsonl")
    if hasattr(source, "to_dict") and hasattr(source, "columns"):  # a pandas DataFrame
        records = source.to_dict("records")
        return _read.read_records(records, "DataFrame")
    if isinstance(source, bytes | bytearray):
        raise HistoryError("give a path or rows, not bytes", path="history")
    if isinstance(source, Iterable):
        return _read.read_records(source, "records")
    raise HistoryError(
        f"a history is a path to a CSV/XLSX/JSON file, a list of dicts or a DataFrame, not {type(source).__name__}",
        path="history",
    )


def _scan_header(rows: Sequence[tuple[int, list[Any]]], user: _Mapping) -> int | None:
    for i, (_line, cells) in enumerate(rows[:_HEADER_SCAN]):
        if any(c not in (None, "") for c in cells) and _header_found(cells, user):
            return i
    return None


def _empty(cells: Sequence[Any]) -> bool:
    return all(c is None or (isinstance(c, str) and not c.strip()) for c in cells)


def _build(sheet: _read.Sheet, user: _Mapping, roster: Any, errors: Errors) -> History:
    skipped: list[SkippedRow] = [SkippedRow(ln, code, vals) for ln, code, vals in sheet.skipped]
    notes: list[Note] = []
    if sheet.header is not None:
        header = _as_header(sheet.header)
        header_line: int | None = None
        data_rows = sheet.rows
        if not data_rows and not header:
            raise HistoryError("there are no posts in this history", path=sheet.source)
    else:
        nonempty = [(i, r) for i, r in enumerate(sheet.rows) if not _empty(r[1])]
        if not nonempty:
            raise HistoryError(
                "the file is empty; a history has a header row and one row per post", path=sheet.source
            )
        at = _scan_header(sheet.rows, user)
        if at is None:
            # report against the row that looks most like a header
            best = max(
                (r for _i, r in nonempty[:_HEADER_SCAN]),
                key=lambda r: len(_match_columns(_as_header(r[1]), user)[0]),
            )
            found, missing_user = _match_columns(_as_header(best[1]), user)
            if missing_user:
                raise _user_column_error(sheet, _as_header(best[1]), best[0], missing_user, user)
            raise _missing_columns_error(sheet, _as_header(best[1]), best[0], found, user)
        header_line, cells = sheet.rows[at]
        header = _as_header(cells)
        for ln, row in sheet.rows[:at]:
            if not _empty(row):
                skipped.append(SkippedRow(ln, "before_header", {"header_line": header_line}))
        data_rows = sheet.rows[at + 1 :]
    found, missing_user = _match_columns(header, user)
    if missing_user:
        raise _user_column_error(sheet, header, header_line, missing_user, user)
    required = _spec()[0]
    if any(f not in found for f in required):
        raise _missing_columns_error(sheet, header, header_line, found, user)
    columns = {f: header[i] for f, i in sorted(found.items(), key=lambda kv: kv[1])}
    used = set(found.values())
    unused = tuple(h for i, h in enumerate(header) if h and i not in used)
    if not data_rows or all(_empty(r) for _ln, r in data_rows):
        raise HistoryError("the file has a header but no posts", path=sheet.source, line=header_line)

    reader = DateReader(date_format=user.options.get("date_format"), dayfirst=user.options.get("dayfirst"))
    di = found["date"]
    assumed = reader.decide(r[di] for _ln, r in data_rows if di < len(r))
    if assumed:
        notes.append(Note(assumed, {"column": columns["date"]}))

    unit = "row" if sheet.format in ("xlsx", "records") else "line"
    posts: list[Post] = []
    seen: dict[tuple[Any, ...], int] = {}
    width = len(header)
    for line, row in data_rows:
        if _empty(row):
            skipped.append(SkippedRow(line, "empty_row"))
            continue
        try:
            if len(row) > width and not _empty(row[width:]):
                used_cells = len(row)
                while used_cells > width and _empty(row[used_cells - 1 : used_cells]):
                    used_cells -= 1
                raise _RowProblem("too_many_cells", {"cells": used_cells, "header": width})
            post = _post(line, row, found, reader, columns)
        except _RowProblem as problem:
            if problem.always_skip or errors == "skip":
                skipped.append(SkippedRow(line, problem.code, problem.values))
                continue
            raise HistoryError(
                Note(problem.code, problem.values).message(DEFAULT) + _RAISE_HINT.get(problem.code, ""),
                path=_where(sheet),
                line=line,
            ) from None
        key = _dup_key(post)
        first = seen.get(key)
        if first is not None:
            code = "duplicate_id" if post.post_id else "duplicate"
            if errors == "skip":
                skipped.append(SkippedRow(line, code, {"first": first}))
                continue
            raise HistoryError(
                Note(code, {"first": first}).message(DEFAULT)
                + "; remove one of the rows, or pass errors='skip' (--skip-bad-rows) to skip repeats",
                path=_where(sheet),
                line=line,
            )
        seen[key] = line
        posts.append(post)
    posts.sort(key=lambda p: (p.date, p.time or dt.time(0), p.line))
    r = None
    if roster is not None:
        from ..tags.roster import load_roster

        r = load_roster(roster)
    authors, author_notes = _match_authors(posts, r)
    notes.extend(author_notes)
    if "text" in found and columns.get("text") and normalize(columns["text"]) == "post title":
        notes.append(Note("text_from_title", {"column": columns["text"]}))
    return History(
        posts=tuple(posts),
        skipped=tuple(sorted(skipped, key=lambda s: s.line)),
        columns=columns,
        unused_columns=unused,
        authors=authors,
        roster=r,
        source=sheet.source if sheet.format != "records" else None,
        format=sheet.format,
        unit=unit,
        notes=tuple(notes),
    )


_RAISE_HINT = {
    "bad_date": "; fix the cell, set date_format in the mapping (e.g. '%d/%m/%Y'), or pass errors='skip' "
    "(--skip-bad-rows) to skip such rows",
    "bad_count": "; fix the cell, or pass errors='skip' (--skip-bad-rows) to skip such rows",
    "too_many_cells": "; put cells that contain the delimiter in double quotes, or pass errors='skip' "
    "(--skip-bad-rows)",
}


def _where(sheet: _read.Sheet) -> str:
    """The file, and the sheet of a workbook: ``history.xlsx[All posts]``."""
    return f"{sheet.source}[{sheet.sheet}]" if sheet.sheet else sheet.source


def _user_column_error(
    sheet: _read.Sheet, header: Sequence[str], line: int | None, missing: Sequence[str], user: _Mapping
) -> ConfigError:
    f = missing[0]
    names = user.fields[f] or ()
    shown = [h for h in header if h]
    close = difflib.get_close_matches(names[0], shown, n=1, cutoff=0.5) if names else []
    hint = f" (did you mean {close[0]!r}?)" if close else ""
    return ConfigError(
        f"the mapping names the column {' or '.join(map(repr, names))} for {f!r}, but {sheet.source} has no "
        f"such column{hint}. Columns found: {', '.join(map(repr, shown)) or '(none)'}",
        path=user.path,
        line=user.lines.get(f) if user.path else None,
    )


class _RowProblem(Exception):
    def __init__(self, code: str, values: dict[str, Any], always_skip: bool = False) -> None:
        super().__init__(code)
        self.code = code
        self.values = values
        self.always_skip = always_skip


def _cell(row: Sequence[Any], found: Mapping[str, int], f: str) -> Any:
    i = found.get(f)
    if i is None or i >= len(row):
        return None
    return row[i]


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, float) and value != value:  # NaN from pandas
        return None
    s = str(value).strip()
    return s or None


def _post(
    line: int, row: Sequence[Any], found: Mapping[str, int], reader: DateReader, columns: Mapping[str, str]
) -> Post:
    text = _text(_cell(row, found, "text"))
    author = _text(_cell(row, found, "author"))
    raw_date = _cell(row, found, "date")
    try:
        when = reader.parse(raw_date)
    except DateError as exc:
        shown = "" if raw_date is None else str(raw_date)
        if not shown.strip():
            raise _RowProblem("bad_date_empty", {"column": columns["date"]}) from None
        raise _RowProblem(
            "bad_date", {"value": shown[:60], "column": columns["date"], "why": str(exc)}
        ) from None
    if text is None:
        raise _RowProblem("no_text", {"column": columns["text"]}, always_skip=True)
    if author is None:
        raise _RowProblem("no_author", {"column": columns["author"]}, always_skip=True)
    counts: dict[str, int | None] = {}
    for f in COUNT_FIELDS:
        if f not in found:
            continue
        value = _cell(row, found, f)
        try:
            counts[f] = parse_count(value)
        except CountError as exc:
            raise _RowProblem(
                "bad_count", {"value": str(value)[:40], "column": columns[f], "why": str(exc)}
            ) from None
    has_time = isinstance(raw_date, dt.datetime) or when.time() != dt.time(0)
    return Post(
        line=line,
        date=when.date(),
        time=when.time() if has_time else None,
        author=" ".join(author.split()),
        text=text,
        impressions=counts.get("impressions"),
        reactions=counts.get("reactions"),
        comments=counts.get("comments"),
        reposts=counts.get("reposts"),
        clicks=counts.get("clicks"),
        engagement_total=counts.get("engagement"),
        template=_text(_cell(row, found, "template")),
        purpose=_text(_cell(row, found, "purpose")),
        post_id=_text(_cell(row, found, "id")),
        role=_text(_cell(row, found, "role")),
        team=_text(_cell(row, found, "team")),
    )


def _dup_key(post: Post) -> tuple[Any, ...]:
    if post.post_id:
        return ("id", post.post_id)
    return ("post", _key(post.author), post.date, " ".join(post.text.split()))


# -- authors and the roster ---------------------------------------------------------------------
def _key(name: str) -> str:
    return " ".join(unicodedata.normalize("NFC", name).casefold().split())


@lru_cache(maxsize=1)
def _leader_rules() -> tuple[frozenset[str], tuple[str, ...], frozenset[str], tuple[str, ...]]:
    raw = (resources.files("postcraft.insights") / "data" / "insights.yaml").read_text("utf-8")
    doc = yaml.load(raw, Loader=_Loader)  # noqa: S506 - safe loader
    return (
        frozenset(str(r).casefold() for r in doc["leader_roles"]),
        tuple(str(w).casefold() for w in doc["leader_words"]),
        frozenset(str(w).casefold() for w in doc["leader_acronyms"]),
        tuple(str(w).casefold() for w in doc["not_leader_words"]),
    )


def is_leader(role: str | None) -> bool | None:
    """Whether a role is a leader's: ``top_leader``/``middle_manager``, or a title containing
    leader, leder, manager, chef, direktør, director, head of … or an acronym such as CEO.
    ``None`` when there is no role.

    >>> is_leader("HR-chef"), is_leader("CEO"), is_leader("Chefkonsulent"), is_leader("Udvikler")
    (True, True, False, False)
    >>> is_leader("Projektleder"), is_leader("Key Account Manager"), is_leader("Sales Manager")
    (False, False, True)
    """
    if role is None or not role.strip():
        return None
    roles, words, acronyms, exclusions = _leader_rules()
    r = role.casefold().strip()
    if r in roles:
        return True
    if any(x in r for x in exclusions):
        return False
    if any(w in r for w in words):
        return True
    tokens = set(regex.findall(r"\p{L}+", r))
    return bool(tokens & acronyms)


def _match_authors(
    posts: Sequence[Post], roster: Roster | None
) -> tuple[tuple[Author, ...], tuple[Note, ...]]:
    index: dict[str, list[Person]] = {}
    if roster is not None:
        for person in roster.people:
            for n in (person.name, *person.aliases):
                lst = index.setdefault(_key(n), [])
                if person not in lst:
                    lst.append(person)
    counts: Counter[str] = Counter()
    spelling: dict[str, str] = {}
    roles: dict[str, Counter[str]] = {}
    teams: dict[str, Counter[str]] = {}
    for p in posts:
        k = _key(p.author)
        counts[k] += 1
        spelling.setdefault(k, p.author)
        if p.role:
            roles.setdefault(k, Counter())[p.role] += 1
        if p.team:
            teams.setdefault(k, Counter())[p.team] += 1
    # one identity per roster person (a name and an alias are one author), else per spelling
    groups: dict[str, list[str]] = {}
    person_of: dict[str, Person | None] = {}
    ambiguous: list[str] = []
    for k in counts:
        matches = index.get(k, [])
        match = matches[0] if len(matches) == 1 else None
        if len(matches) > 1:
            ambiguous.append(spelling[k])
        ident = "person:" + match.name if match is not None else "name:" + k
        groups.setdefault(ident, []).append(k)
        person_of[ident] = match
    authors: list[Author] = []
    notes: list[Note] = []
    for ident, keys in groups.items():
        who = person_of[ident]
        n_posts = sum(counts[k] for k in keys)
        role_counts: Counter[str] = sum((roles.get(k, Counter()) for k in keys), Counter())
        team_counts: Counter[str] = sum((teams.get(k, Counter()) for k in keys), Counter())
        role = (who.role if who is not None else None) or _most_common(role_counts)
        team = (who.team if who is not None else None) or _most_common(team_counts)
        names = tuple(spelling[k] for k in keys)
        name = who.name if who is not None else names[0]
        authors.append(Author(name, n_posts, who, role, team, is_leader(role), names))
        if len(names) > 1:
            notes.append(Note("author_spellings", {"person": name, "names": list(names)}))
    authors.sort(key=lambda a: (-a.posts, _key(a.name)))
    if roster is not None:
        unmatched = [a.name for a in authors if a.person is None]
        if unmatched:
            notes.insert(0, Note("author_unmatched", {"n": len(unmatched), "names": unmatched}))
        if ambiguous:
            notes.append(Note("author_ambiguous", {"names": ambiguous}))
    return tuple(authors), tuple(notes)


def _most_common(c: Counter[str] | None) -> str | None:
    if not c:
        return None
    return c.most_common(1)[0][0]


__all__ += ["HistoryError", "MissingDependencyError"]
