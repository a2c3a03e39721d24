"""The roster: colleagues, company pages and the organisation's hashtags (YAML, CSV or a dict).

See ``docs/roster.md`` for the file format. :func:`load_roster` validates everything, says
which file and line is wrong and what to write instead, and compiles the look-up tables
:func:`postcraft.tags.suggest` needs, so a suggestion pass costs microseconds.
"""

from __future__ import annotations

import io
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

import regex

from .. import yamlsrc as _yaml
from .._regex import LazyPattern
from ..errors import ConfigError
from ..io import cached_file
from ..langs import SUPPORTED

if TYPE_CHECKING:
    from .compiled import CompiledRoster

#: A person's place in the programme, in the order the method brings people in ("leaders go
#: first"); the same names as the template roles. ``manager`` and ``expert`` are accepted as
#: short forms of ``middle_manager`` and ``internal_expert``.
LEVELS: tuple[str, ...] = ("top_leader", "middle_manager", "employee", "internal_expert", "new_employee")
LEVEL_ALIASES = {"manager": "middle_manager", "expert": "internal_expert", "leader": "top_leader"}
#: At most this many tone words and topics in a profile (the method asks for a few: 3–5 topics).
MAX_TONE_WORDS = 5
MAX_PROFILE_TOPICS = 5

_PERSON_URN = LazyPattern(r"urn:li:person:[A-Za-z0-9_-]+")
_ORG_URN = LazyPattern(r"urn:li:organization:[0-9]+")
_HASHTAG = LazyPattern(r"#?\p{L}[\p{L}\p{M}\p{N}]*")
_PROFILE = LazyPattern(r"(?:https?://)?(?:[a-z]{2,3}\.)?linkedin\.com/in/[^\s/?#]+/?", regex.IGNORECASE)
_PAGE = LazyPattern(
    r"(?:https?://)?(?:[a-z]{2,3}\.)?linkedin\.com/(?:company|showcase|school)/[^\s/?#]+/?", regex.IGNORECASE
)


@dataclass(frozen=True)
class Person:
    """A colleague who may be tagged, and their profile in the advocacy programme.

    Only people with ``consent=True`` are ever suggested; ``expert=True`` people are also
    suggested (for feedback or a tag) when a draft is about one of their ``topics``.

    The profile (all optional): ``purpose`` (why I post), ``tone`` (a few tone words),
    ``topics`` (3–5; for an expert also their areas of expertise), ``level`` (one of
    :data:`LEVELS`; when absent, programme tools guess it from ``role`` and ``expert``),
    ``amplification`` (the groups whose posts the person likes, comments and shares).

    >>> p = Person("Mette Hansen", level="top_leader", purpose="vise hvem vi er", tone=("varm",))
    >>> p.is_profiled, p.to_dict()["level"]
    (True, 'top_leader')
    """

    name: str
    aliases: tuple[str, ...] = ()
    nicknames: tuple[str, ...] = ()
    urn: str | None = None
    profile: str | None = None
    role: str | None = None
    team: str | None = None
    topics: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()
    expert: bool = False
    consent: bool = False
    purpose: str | None = None
    tone: tuple[str, ...] = ()
    level: str | None = None
    amplification: tuple[str, ...] = ()

    @property
    def is_profiled(self) -> bool:
        """True when the person has a purpose or a level (has been through onboarding)."""
        return bool(self.purpose or self.level)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict in the roster-file format."""
        return {
            "name": self.name,
            "aliases": list(self.aliases),
            "nicknames": list(self.nicknames),
            "urn": self.urn,
            "profile": self.profile,
            "role": self.role,
            "team": self.team,
            "topics": list(self.topics),
            "languages": list(self.languages),
            "expert": self.expert,
            "consent": self.consent,
            "purpose": self.purpose,
            "tone": list(self.tone),
            "level": self.level,
            "amplification": list(self.amplification),
        }


@dataclass(frozen=True)
class Company:
    """A LinkedIn company page; ``employer=True`` marks the organisation's own page."""

    name: str
    aliases: tuple[str, ...] = ()
    urn: str | None = None
    page: str | None = None
    employer: bool = False

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict in the roster-file format."""
        return {
            "name": self.name,
            "aliases": list(self.aliases),
            "urn": self.urn,
            "page": self.page,
            "employer": self.employer,
        }


@dataclass(frozen=True)
class OrgHashtag:
    """One of the organisation's own hashtags and the topics it belongs to."""

    tag: str
    topics: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict in the roster-file format."""
        return {"tag": self.tag, "topics": list(self.topics), "languages": list(self.languages)}


@dataclass(frozen=True, eq=False)
class Roster:
    """Who and what can be tagged. Build one with :func:`load_roster` (or directly).

    Look-up tables are compiled when the roster is created.

    >>> r = Roster(people=(Person("Mette Hansen", consent=True),))
    >>> [p.name for p in r.people]
    ['Mette Hansen']
    """

    people: tuple[Person, ...] = ()
    companies: tuple[Company, ...] = ()
    hashtags: tuple[OrgHashtag, ...] = ()
    source: str | None = None
    compiled: CompiledRoster = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        from .compiled import compile_roster

        object.__setattr__(self, "compiled", compile_roster(self))

    @cached_property
    def consenting_names(self) -> tuple[str, ...]:
        """The names and aliases of the people who agreed to be tagged (``consent: true``).

        >>> Roster(people=(Person("Mette Hansen", consent=True, aliases=("Mette H",)),)).consenting_names
        ('Mette Hansen', 'Mette H')
        """
        return tuple(n for p in self.people if p.consent for n in (p.name, *p.aliases))

    @property
    def employer(self) -> Company | None:
        """The company page marked ``employer: true``, if any."""
        return next((c for c in self.companies if c.employer), None)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict in the roster-file format (``load_roster(r.to_dict())`` round-trips)."""
        return {
            "people": [p.to_dict() for p in self.people],
            "companies": [c.to_dict() for c in self.companies],
            "hashtags": [h.to_dict() for h in self.hashtags],
        }


# --------------------------------------------------------------------------------------------
# loading


_EMPTY: Roster | None = None


def load_roster(source: str | os.PathLike[str] | Mapping[str, Any] | Roster | None) -> Roster:
    """Load and validate a roster from a YAML or CSV file, a dict, or nothing.

    ``None`` gives an empty roster (hashtags still come from the built-in vocabulary). A
    file is re-read only when it changes (:func:`postcraft.io.cached_file`). Mistakes raise :class:`~postcraft.ConfigError`
    with the file, the line and what to write instead; unknown keys are mistakes.

    >>> r = load_roster({"people": [{"name": "Mette Hansen", "consent": True, "topics": ["rekruttering"]}]})
    >>> r.people[0].name, r.people[0].topics
    ('Mette Hansen', ('rekruttering',))
    >>> load_roster({"peple": []})  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    postcraft.errors.ConfigError: roster: unknown key 'peple' (did you mean 'people'?); ...
    """
    global _EMPTY
    if source is None:
        if _EMPTY is None:
            _EMPTY = Roster()
        return _EMPTY
    if isinstance(source, Roster):
        return source
    if isinstance(source, Mapping):
        return _from_mapping(source, path=None)
    if not isinstance(source, str | os.PathLike):
        raise ConfigError(
            f"a roster is a path to a .yaml/.csv file, a dict or a Roster, not {type(source).__name__}"
        )
    try:
        return cached_file(source, _load_source)
    except FileNotFoundError:
        raise ConfigError("no such roster file; check the path", path=str(source)) from None
    except OSError as exc:
        raise ConfigError(f"cannot read the roster file ({exc.strerror})", path=str(source)) from None


def _load_source(source: str | os.PathLike[str]) -> Roster:
    return _load_file(Path(source), str(source))


def _load_file(path: Path, name: str) -> Roster:
    suffix = path.suffix.lower()
    if suffix not in (".yaml", ".yml", ".csv"):
        raise ConfigError("a roster file must end in .yaml, .yml or .csv", path=name)
    try:
        data = path.read_bytes()
    except IsADirectoryError:
        raise ConfigError("this is a directory; give the roster file itself", path=name) from None
    except OSError as exc:
        raise ConfigError(f"cannot read the roster file ({exc.strerror})", path=name) from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise ConfigError("not valid UTF-8; save the roster as UTF-8", path=name, line=line) from None
    if suffix == ".csv":
        return _from_csv(text, name)
    doc = _yaml.load_yaml(text, name)
    if doc is None:
        return Roster(source=name)
    if not isinstance(doc, Mapping):
        raise ConfigError(
            "a roster file is a mapping with 'people:', 'companies:' and 'hashtags:' lists",
            path=name,
            line=getattr(doc, "line", 1),
        )
    return _from_mapping(doc, path=name)


# --------------------------------------------------------------------------------------------
# validation shared by YAML, CSV and dicts

_TOP_KEYS = ("people", "companies", "hashtags", "version")
_PERSON_KEYS = (
    "name", "aliases", "nicknames", "urn", "profile", "role", "team",
    "topics", "languages", "expert", "consent",
    "purpose", "tone", "level", "amplification",
)  # fmt: skip
_COMPANY_KEYS = ("name", "aliases", "urn", "page", "employer")
_HASHTAG_KEYS = ("tag", "topics", "languages")


class _Where:
    """Where a value came from, for error messages."""

    def __init__(self, path: str | None, line: int | None, what: str) -> None:
        self.path = path
        self.line = line
        self.what = what

    def error(self, message: str, line: int | None = None) -> ConfigError:
        where = self.path if self.path is not None else "roster"
        if self.path is None:
            return ConfigError(f"{where}: {self.what}: {message}" if self.what else f"{where}: {message}")
        return ConfigError(
            f"{self.what}: {message}" if self.what else message,
            path=self.path,
            line=line if line is not None else self.line,
        )


def _line(obj: Any, key: str | int) -> int | None:
    fn = getattr(obj, "line_of", None)
    if fn is None:
        return None
    result: int | None = fn(key)
    return result


def _unknown_key(key: str, allowed: Iterable[str]) -> str:
    import difflib  # here and below: only for a message, not on every run

    allowed = sorted(allowed)
    close = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
    hint = f" (did you mean {close[0]!r}?)" if close else ""
    return f"unknown key {key!r}{hint}; allowed keys: {', '.join(allowed)}"


def _from_mapping(doc: Mapping[str, Any], path: str | None) -> Roster:
    top = _Where(path, getattr(doc, "line", None), "")
    for key in doc:
        if key not in _TOP_KEYS:
            raise top.error(_unknown_key(str(key), _TOP_KEYS), _line(doc, key))
    version = doc.get("version", 1)
    if version != 1:
        raise top.error(f"version {version!r} is not supported; write 'version: 1'", _line(doc, "version"))
    people = tuple(
        _person(item, _Where(path, ln, f"people[{i}]")) for i, item, ln in _items(doc, "people", top)
    )
    companies = tuple(
        _company(item, _Where(path, ln, f"companies[{i}]")) for i, item, ln in _items(doc, "companies", top)
    )
    hashtags = tuple(
        _hashtag(item, _Where(path, ln, f"hashtags[{i}]")) for i, item, ln in _items(doc, "hashtags", top)
    )
    _check_unique(people, companies, hashtags, doc, top)
    return Roster(people=people, companies=companies, hashtags=hashtags, source=path)


def _items(doc: Mapping[str, Any], key: str, top: _Where) -> list[tuple[int, Any, int | None]]:
    value = doc.get(key)
    if value is None:
        return []
    if not isinstance(value, list):
        raise top.error(f"'{key}' must be a list (items starting with '- ')", _line(doc, key))
    return [(i, item, _line(value, i)) for i, item in enumerate(value)]


def _mapping(item: Any, where: _Where, allowed: tuple[str, ...]) -> Mapping[str, Any]:
    if not isinstance(item, Mapping):
        raise where.error(f"each entry is a mapping with keys such as {', '.join(allowed[:3])}")
    label = item.get("name") or item.get("tag")
    if isinstance(label, str) and label.strip():
        where.what = f"{where.what} ({' '.join(label.split())})"
    for key in item:
        if key not in allowed:
            raise where.error(_unknown_key(str(key), allowed), _line(item, key))
    return item


def _text(item: Mapping[str, Any], key: str, where: _Where, required: bool = False) -> str | None:
    value = item.get(key)
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            raise where.error(f"'{key}' is missing; write e.g. '{key}: Mette Hansen'", _line(item, key))
        return None
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise where.error(f"'{key}' must be text", _line(item, key))
    return " ".join(str(value).split())


def _list(item: Mapping[str, Any], key: str, where: _Where) -> tuple[str, ...]:
    value = item.get(key)
    if value is None:
        return ()
    if isinstance(value, str):
        if "," in value or ";" in value:
            raise where.error(
                f"'{key}' must be a list; write [{', '.join(_split(value))}]",
                _line(item, key),
            )
        value = [value]
    if not isinstance(value, list):
        raise where.error(f"'{key}' must be a list of texts, e.g. [a, b]", _line(item, key))
    out: list[str] = []
    for v in value:
        if isinstance(v, bool) or not isinstance(v, str | int | float) or not str(v).strip():
            raise where.error(f"every item of '{key}' must be non-empty text", _line(item, key))
        s = " ".join(str(v).split())
        if s not in out:
            out.append(s)
    return tuple(out)


def _split(value: str) -> list[str]:
    return [v.strip() for v in value.replace(";", ",").split(",") if v.strip()]


def _bool(item: Mapping[str, Any], key: str, where: _Where, default: bool = False) -> bool:
    value = item.get(key, default)
    if value is None:
        return default
    if not isinstance(value, bool):
        raise where.error(f"'{key}' must be true or false, not {value!r}", _line(item, key))
    return value


def _languages(item: Mapping[str, Any], where: _Where) -> tuple[str, ...]:
    langs = tuple(v.lower() for v in _list(item, "languages", where))
    for code in langs:
        if code not in SUPPORTED:
            write = " and/or ".join(repr(c) for c in SUPPORTED)
            raise where.error(f"language {code!r} is not supported; write {write}", _line(item, "languages"))
    return langs


def _person(item: Any, where: _Where) -> Person:
    m = _mapping(item, where, _PERSON_KEYS)
    name = _text(m, "name", where, required=True)
    assert name is not None
    urn = _text(m, "urn", where)
    if urn is not None and not _PERSON_URN.fullmatch(urn):
        raise where.error(
            f"'urn' {urn!r} is not a person URN; write it as urn:li:person:<id>, or leave it out "
            f"and give 'profile' (the https://www.linkedin.com/in/… address) instead",
            _line(m, "urn"),
        )
    profile = _text(m, "profile", where)
    if profile is not None and not _PROFILE.fullmatch(profile):
        raise where.error(
            f"'profile' {profile!r} is not a LinkedIn profile address; write "
            f"https://www.linkedin.com/in/<name>",
            _line(m, "profile"),
        )
    return Person(
        name=name,
        aliases=_list(m, "aliases", where),
        nicknames=_list(m, "nicknames", where),
        urn=urn,
        profile=profile,
        role=_text(m, "role", where),
        team=_text(m, "team", where),
        topics=_list(m, "topics", where),
        languages=_languages(m, where),
        expert=_bool(m, "expert", where),
        consent=_bool(m, "consent", where),
        purpose=_text(m, "purpose", where),
        tone=_capped(m, "tone", where, MAX_TONE_WORDS, "tone words", "warm, curious, direct"),
        level=_level(m, where),
        amplification=_list(m, "amplification", where),
    )


def _capped(
    item: Mapping[str, Any], key: str, where: _Where, most: int, what: str, example: str
) -> tuple[str, ...]:
    values = _list(item, key, where)
    if len(values) > most:
        raise where.error(
            f"'{key}' has {len(values)} {what}; keep at most {most}, e.g. [{example}]", _line(item, key)
        )
    return values


def _level(item: Mapping[str, Any], where: _Where) -> str | None:
    value = _text(item, "level", where)
    if value is None:
        return None
    key = value.lower().replace("-", "_").replace(" ", "_")
    key = LEVEL_ALIASES.get(key, key)
    if key not in LEVELS:
        import difflib

        close = difflib.get_close_matches(key, LEVELS, n=1, cutoff=0.6)
        hint = f" (did you mean {close[0]!r}?)" if close else ""
        raise where.error(
            f"'level' {value!r} is not a level{hint}; write one of {', '.join(LEVELS)}", _line(item, "level")
        )
    return key


def _company(item: Any, where: _Where) -> Company:
    m = _mapping(item, where, _COMPANY_KEYS)
    name = _text(m, "name", where, required=True)
    assert name is not None
    urn = _text(m, "urn", where)
    if urn is not None and not _ORG_URN.fullmatch(urn):
        hint = ""
        if urn.startswith("urn:li:company:"):
            hint = f" (the Posts API wants urn:li:organization:{urn.rsplit(':', 1)[1]})"
        raise where.error(
            f"'urn' {urn!r} is not an organisation URN; write urn:li:organization:<number>{hint}",
            _line(m, "urn"),
        )
    page = _text(m, "page", where)
    if page is not None and not _PAGE.fullmatch(page):
        raise where.error(
            f"'page' {page!r} is not a LinkedIn page address; write https://www.linkedin.com/company/<name>",
            _line(m, "page"),
        )
    return Company(
        name=name,
        aliases=_list(m, "aliases", where),
        urn=urn,
        page=page,
        employer=_bool(m, "employer", where),
    )


def _hashtag(item: Any, where: _Where) -> OrgHashtag:
    m = _mapping(item, where, _HASHTAG_KEYS)
    tag = _text(m, "tag", where)
    if tag is None:
        raise where.error(
            "'tag' is missing; write e.g. 'tag: \"#LifeAtKystlys\"' (quote it: # starts a comment)"
        )
    if not _HASHTAG.fullmatch(tag):
        camel = "#" + "".join(w[:1].upper() + w[1:] for w in regex.split(r"[^\p{L}\p{N}]+", tag) if w)
        raise where.error(
            f"{tag!r} is not a hashtag LinkedIn can link; use letters and digits only, "
            f"in CamelCase: {camel!r}",
            _line(m, "tag"),
        )
    if not tag.startswith("#"):
        tag = "#" + tag
    topics = _list(m, "topics", where)
    if not topics:
        raise where.error(
            "'topics' is missing; list the topics the hashtag belongs to, e.g. [kultur, trivsel]"
        )
    return OrgHashtag(tag=tag, topics=topics, languages=_languages(m, where))


def _check_unique(
    people: tuple[Person, ...],
    companies: tuple[Company, ...],
    hashtags: tuple[OrgHashtag, ...],
    doc: Mapping[str, Any],
    top: _Where,
) -> None:
    seen: dict[str, str] = {}
    groups: tuple[tuple[str, tuple[Person | Company, ...]], ...] = (
        ("people", people),
        ("companies", companies),
    )
    for kind, entries in groups:
        lst = doc.get(kind) or []
        for i, e in enumerate(entries):
            if e.urn is None:
                continue
            if e.urn in seen:
                raise top.error(
                    f"{e.name}: the URN {e.urn} is also given for {seen[e.urn]}; "
                    f"each URN belongs to one entry",
                    _line(lst, i),
                )
            seen[e.urn] = e.name
    employers = [c.name for c in companies if c.employer]
    if len(employers) > 1:
        raise top.error(
            f"only one company can be 'employer: true' (found {', '.join(employers)})",
            _line(doc, "companies"),
        )
    tags: set[str] = set()
    lst = doc.get("hashtags") or []
    for i, h in enumerate(hashtags):
        key = h.tag.lower()
        if key in tags:
            raise top.error(f"the hashtag {h.tag} is listed twice; merge the entries", _line(lst, i))
        tags.add(key)


# --------------------------------------------------------------------------------------------
# CSV

_CSV_COLUMNS = ("kind",) + tuple(dict.fromkeys(_PERSON_KEYS + _COMPANY_KEYS + _HASHTAG_KEYS))
_CSV_KINDS = {"person": _PERSON_KEYS, "company": _COMPANY_KEYS, "hashtag": _HASHTAG_KEYS}
_CSV_LISTS = {"aliases", "nicknames", "topics", "languages", "tone", "amplification"}
_CSV_BOOLS = {"expert", "consent", "employer"}
_TRUE = {"true", "yes", "ja", "y", "j", "1", "x"}
_FALSE = {"false", "no", "nej", "n", "0", ""}


def _from_csv(text: str, path: str) -> Roster:
    import csv
    import difflib

    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    list_seps = "|,;".replace(delimiter, "")
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        header = next(reader)
    except StopIteration:
        return Roster(source=path)
    columns = [h.strip().lower() for h in header]
    for col in columns:
        if col not in _CSV_COLUMNS:
            close = difflib.get_close_matches(col, _CSV_COLUMNS, n=1, cutoff=0.6)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            raise ConfigError(
                f"unknown column {col!r}{hint}; allowed columns: {', '.join(_CSV_COLUMNS)}", path=path, line=1
            )
    if len(set(columns)) != len(columns):
        dup = next(c for c in columns if columns.count(c) > 1)
        raise ConfigError(f"the column {dup!r} appears twice; keep one", path=path, line=1)
    people: list[Person] = []
    companies: list[Company] = []
    hashtags: list[OrgHashtag] = []
    lines: dict[str, list[int]] = {"people": [], "companies": [], "hashtags": []}
    prev_line = reader.line_num
    try:
        for row in reader:
            line = prev_line + 1
            prev_line = reader.line_num
            if not any(cell.strip() for cell in row):
                continue
            broken = next((i for i, cell in enumerate(row) if "\n" in cell or "\r" in cell), None)
            if broken is not None:
                col = columns[broken] if broken < len(columns) else f"#{broken + 1}"
                raise ConfigError(
                    f"the {col!r} cell of this row runs over lines {line}–{reader.line_num}: a quote "
                    '(") is probably not closed; close it, or remove the line break from the cell',
                    path=path,
                    line=line,
                )
            if len(row) > len(columns):
                raise ConfigError(
                    f"this row has {len(row)} cells but the header has {len(columns)}; quote cells that "
                    f"contain '{delimiter}'",
                    path=path,
                    line=line,
                )
            cells = {c: row[i].strip() if i < len(row) else "" for i, c in enumerate(columns)}
            kind = (cells.pop("kind", "") or "person").lower()
            if kind not in _CSV_KINDS:
                raise ConfigError(
                    f"kind {kind!r} is not one of person, company, hashtag", path=path, line=line
                )
            allowed = _CSV_KINDS[kind]
            item = _Row(line)
            for col, value in cells.items():
                if not value:
                    continue
                if col not in allowed:
                    raise ConfigError(
                        f"the column {col!r} does not apply to a {kind}; leave it empty on this row",
                        path=path,
                        line=line,
                    )
                if col in _CSV_LISTS:
                    parts = regex.split("[" + regex.escape(list_seps) + "]", value)
                    item[col] = [p.strip() for p in parts if p.strip()]
                elif col in _CSV_BOOLS:
                    low = value.lower()
                    if low not in _TRUE | _FALSE:
                        raise ConfigError(f"{col!r} is {value!r}; write yes or no", path=path, line=line)
                    item[col] = low in _TRUE
                else:
                    item[col] = value
            where = _Where(path, line, f"{kind} row")
            if kind == "person":
                people.append(_person(item, where))
                lines["people"].append(line)
            elif kind == "company":
                companies.append(_company(item, where))
                lines["companies"].append(line)
            else:
                hashtags.append(_hashtag(item, where))
                lines["hashtags"].append(line)
    except csv.Error as exc:
        if "end of data" in str(exc):  # a quote opened on the row after prev_line and never closed
            raise ConfigError(
                'a quote (") opened on this line is never closed, so the rest of the file would be '
                "read as one cell; close the quote",
                path=path,
                line=prev_line + 1,
            ) from None
        raise ConfigError(f"this is not valid CSV ({exc})", path=path, line=reader.line_num) from None
    doc = _Row(1)
    for key, entries in lines.items():
        lst = _yaml.LineList(entries)
        lst.line = 1
        lst.item_lines = entries
        doc[key] = lst
    ppl, cos, tags = tuple(people), tuple(companies), tuple(hashtags)
    _check_unique(ppl, cos, tags, doc, _Where(path, 1, ""))
    return Roster(people=ppl, companies=cos, hashtags=tags, source=path)


class _Row(dict[str, Any]):
    """A CSV row as a mapping whose every key is on the same line."""

    def __init__(self, line: int) -> None:
        super().__init__()
        self.line = line

    def line_of(self, key: str | int) -> int:
        return self.line
