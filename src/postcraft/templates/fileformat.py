"""Read one template file: YAML front matter, then one or more variants.

The format (see ``docs/templates.md``)::

    ---
    id: thank-colleague.en
    lang: en
    roles: [employee, middle_manager]
    purpose: thanks
    title: Thank a colleague
    description: Say thank you in public for something concrete.
    fields:
      - name: colleague
        description: First name of the person you thank.
        example: Priya
    ---
    First variant, Jinja2 text using {{ colleague }}.
    --- variant ---
    Second variant.

Every problem raises :class:`~postcraft.errors.ConfigError` with the file and line.
"""

from __future__ import annotations

import keyword
import re
from typing import Any

import yaml

from ..errors import ConfigError
from ..langs import SUPPORTED
from .model import ROLES, Body, Field, Template

#: Largest template file read, in bytes.
MAX_FILE_BYTES = 200_000
#: The line that separates variants (surrounding spaces allowed, any letter case).
VARIANT_MARKER = "--- variant ---"

_MARKER_RE = re.compile(r"^[ \t]*---[ \t]*variant[ \t]*---[ \t]*$", re.IGNORECASE)
_ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*\.(" + "|".join(SUPPORTED) + ")$")
_PURPOSE_RE = re.compile(r"^[a-z][a-z0-9_]*$")
_NAME_RE = re.compile(r"^[a-z][a-z0-9_]*$")
_RESERVED = frozenset(
    {"variant", "seed", "folder", "template_id", "range", "dict", "loop", "self", "true", "false", "none"}
    | {"and", "or", "not", "in", "is", "if", "else"}
) | frozenset(keyword.kwlist)
_TOP_KEYS = ("id", "lang", "roles", "purpose", "title", "description", "fields")
_FIELD_KEYS = ("name", "description", "example", "required", "default")


class _LineDict(dict[Any, Any]):
    """A YAML mapping that remembers the (file) line of itself and of each key."""

    line: int = 0
    key_lines: dict[Any, int]


_SafeLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # C parser when built


class _LineLoader(_SafeLoader):  # type: ignore[valid-type,misc]
    """``yaml.SafeLoader`` whose mappings are :class:`_LineDict` and reject duplicate keys."""

    first_line = 1


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> _LineDict:
    loader.flatten_mapping(node)
    key_lines: dict[Any, int] = {}
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=True)
        line = key_node.start_mark.line + loader.first_line
        if key in key_lines:
            raise ConfigError(
                f"{key!r} is given twice (first on line {key_lines[key]}); keep one",
                path=str(loader.name),
                line=line,
            )
        key_lines[key] = line
    result = _LineDict(loader.construct_mapping(node, deep=True))
    result.line = node.start_mark.line + loader.first_line
    result.key_lines = key_lines
    return result


_LineLoader.add_constructor("tag:yaml.org,2002:map", _construct_mapping)


def _load_yaml(text: str, path: str, first_line: int) -> Any:
    loader = _LineLoader(text)
    loader.name = path
    loader.first_line = first_line
    try:
        return loader.get_single_data()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + first_line if mark is not None else None
        problem = exc.problem or str(exc)
        if exc.context and exc.context_mark is not None and exc.context_mark.line + first_line != line:
            problem += f" ({exc.context} that starts on line {exc.context_mark.line + first_line})"
        raise ConfigError(f"front matter is not valid YAML: {problem}", path=path, line=line) from None
    except yaml.YAMLError as exc:
        raise ConfigError(f"front matter is not valid YAML: {exc}", path=path, line=first_line) from None
    finally:
        loader.dispose()


def _text(value: Any, what: str, path: str, line: int, *, one_line: bool = True, empty: bool = False) -> str:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        raise ConfigError(f"{what} must be text, not {type(value).__name__}; quote it", path=path, line=line)
    text: str = value.strip()
    if not text and not empty:
        raise ConfigError(f"{what} is empty; write one", path=path, line=line)
    if one_line and "\n" in text:
        raise ConfigError(f"{what} must be one line", path=path, line=line)
    return text


def _field(raw: Any, path: str, line: int) -> Field:
    if not isinstance(raw, _LineDict):
        raise ConfigError(
            "each entry under 'fields:' must be a mapping like "
            "'- name: colleague' with description and example",
            path=path,
            line=line,
        )
    at = raw.key_lines
    for key in raw:
        if key not in _FIELD_KEYS:
            raise ConfigError(
                f"unknown field key {key!r}; a field has {', '.join(_FIELD_KEYS)}", path=path, line=at[key]
            )
    for key in ("name", "description", "example"):
        if key not in raw:
            raise ConfigError(f"this field has no {key!r}; add one", path=path, line=raw.line)
    name = raw["name"]
    if not isinstance(name, str) or not _NAME_RE.match(name) or name in _RESERVED:
        raise ConfigError(
            f"field name {name!r} is not usable: write lower-case letters, digits and '_', starting with a "
            f"letter, and not one of {', '.join(sorted(_RESERVED - frozenset(keyword.kwlist)))}",
            path=path,
            line=at["name"],
        )
    description = _text(raw["description"], f"the description of field {name!r}", path, at["description"])
    example = _text(raw["example"], f"the example of field {name!r}", path, at["example"], one_line=False)
    required = raw.get("required")
    if required is not None and not isinstance(required, bool):
        raise ConfigError(
            f"'required' of field {name!r} must be true or false", path=path, line=at["required"]
        )
    default: str | None = None
    if "default" in raw:
        if required:
            raise ConfigError(
                f"field {name!r} has a default, so it is optional: drop 'required: true'",
                path=path,
                line=at["required"],
            )
        default = _text(
            raw["default"], f"the default of field {name!r}", path, at["default"], one_line=False, empty=True
        )
        required = False
    elif required is False:
        default = ""
    return Field(
        name=name, description=description, example=example, required=required is not False, default=default
    )


def split_front_matter(text: str, path: str) -> tuple[str, list[Body]]:
    """Split a file's text into its YAML front matter and its variant bodies."""
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        raise ConfigError(
            "a template file starts with a line '---', then its YAML front matter", path=path, line=1
        )
    end = next((i for i in range(1, len(lines)) if lines[i].strip() == "---"), None)
    if end is None:
        raise ConfigError("the front matter is never closed: add a line '---' after it", path=path, line=1)
    yaml_text = "\n".join(lines[1:end])
    # (first file line of the segment, its text, line of the marker before it)
    segments: list[tuple[int, str, int | None]] = []
    chunk: list[str] = []
    start: int = end + 1
    marker: int | None = None
    for i in range(end + 1, len(lines)):
        if _MARKER_RE.match(lines[i]):
            segments.append((start + 1, "\n".join(chunk), marker))
            chunk, start, marker = [], i + 1, i + 1
        else:
            chunk.append(lines[i])
    segments.append((start + 1, "\n".join(chunk), marker))
    bodies: list[Body] = []
    for k, (line, body, after) in enumerate(segments):
        if body.strip():
            bodies.append(Body(body, line))
        elif k == 0 and len(segments) > 1:
            continue  # the body may open with a marker
        elif after is None:
            raise ConfigError("the template has no text after its front matter", path=path, line=end + 1)
        else:
            raise ConfigError(
                f"the variant after this '{VARIANT_MARKER}' line is empty; write text or remove the line",
                path=path,
                line=after,
            )
    return yaml_text, bodies


def parse_template(
    text: str, *, path: str, file_name: str | None = None, source: str = "folder", check_bodies: bool = True
) -> Template:
    """Parse and check the text of one template file; ``file_name`` must then be ``<id>.j2``.

    >>> t = parse_template('''---
    ... id: hello.en
    ... lang: en
    ... roles: [employee]
    ... purpose: greeting
    ... title: Say hello
    ... description: A one-line hello.
    ... fields:
    ...   - name: who
    ...     description: Whom you greet.
    ...     example: Sam
    ... ---
    ... Hi {{ who }}!
    ... --- variant ---
    ... Hello, {{ who }}.''', path="hello.en.j2")
    >>> t.id, t.variants, t.render(variant=1, who="Ada").text
    ('hello.en', 2, 'Hello, Ada.')
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    yaml_text, bodies = split_front_matter(text, path)
    meta = _load_yaml(yaml_text, path, first_line=2)
    if not isinstance(meta, _LineDict):
        raise ConfigError("the front matter must be a YAML mapping (key: value lines)", path=path, line=2)
    at = meta.key_lines
    for key in meta:
        if key not in _TOP_KEYS:
            raise ConfigError(
                f"unknown key {key!r}; the front matter has {', '.join(_TOP_KEYS)}", path=path, line=at[key]
            )
    for key in _TOP_KEYS:
        if key not in meta:
            raise ConfigError(f"the front matter has no {key!r}; add it", path=path, line=2)

    lang = meta["lang"]
    if lang not in SUPPORTED:
        codes = " or ".join(repr(code) for code in SUPPORTED)
        raise ConfigError(f"lang must be {codes}, not {lang!r}", path=path, line=at["lang"])
    tid = meta["id"]
    if not isinstance(tid, str) or not _ID_RE.match(tid):
        raise ConfigError(
            f"id {tid!r} is not valid: write lower-case words joined by '-' and end with the language, "
            f"e.g. 'thank-colleague.{lang}'",
            path=path,
            line=at["id"],
        )
    if not tid.endswith("." + lang):
        raise ConfigError(f"id {tid!r} must end in '.{lang}' (its lang)", path=path, line=at["id"])
    if file_name is not None and file_name != tid + ".j2":
        raise ConfigError(
            f"the file of template {tid!r} must be named {tid + '.j2'!r}, not {file_name!r}",
            path=path,
            line=at["id"],
        )
    roles = meta["roles"]
    if isinstance(roles, str):
        roles = [roles]
    if not isinstance(roles, list) or not roles:
        raise ConfigError(
            f"roles must be a list such as [employee]; roles are {', '.join(ROLES)}",
            path=path,
            line=at["roles"],
        )
    for role in roles:
        if role not in ROLES:
            raise ConfigError(
                f"unknown role {role!r}; roles are {', '.join(ROLES)}", path=path, line=at["roles"]
            )
    if len(set(roles)) != len(roles):
        raise ConfigError("a role is listed twice", path=path, line=at["roles"])
    purpose = meta["purpose"]
    if not isinstance(purpose, str) or not _PURPOSE_RE.match(purpose):
        raise ConfigError(
            f"purpose {purpose!r} is not valid: write lower-case words joined by '_', e.g. 'thanks'",
            path=path,
            line=at["purpose"],
        )
    title = _text(meta["title"], "title", path, at["title"])
    description = _text(meta["description"], "description", path, at["description"])

    raw_fields = meta["fields"] if meta["fields"] is not None else []
    if not isinstance(raw_fields, list):
        raise ConfigError(
            "'fields:' must be a list of fields (lines starting with '- name:')", path=path, line=at["fields"]
        )
    fields: list[Field] = []
    field_lines: dict[str, int] = {}
    for raw in raw_fields:
        line = raw.line if isinstance(raw, _LineDict) else at["fields"]
        f = _field(raw, path, line)
        if f.name in field_lines:
            raise ConfigError(
                f"field {f.name!r} is declared twice (first on line {field_lines[f.name]})",
                path=path,
                line=line,
            )
        field_lines[f.name] = line
        fields.append(f)

    if check_bodies:  # always done again before a variant is compiled; here to report early
        from .sandbox import check_body, used_names

        used: set[str] = set()
        for body in bodies:
            used |= used_names(check_body(body.source, fields=field_lines, path=path, line=body.line))
        for name, line in field_lines.items():
            if name not in used:
                raise ConfigError(
                    f"field {name!r} is declared but no variant uses it; use it or remove it",
                    path=path,
                    line=line,
                )
    return Template(
        id=tid,
        lang=lang,
        roles=tuple(roles),
        purpose=purpose,
        title=title,
        description=description,
        fields=tuple(fields),
        variants=len(bodies),
        source=source,
        path=path,
        bodies=tuple(bodies),
    )


def read_template(
    data: bytes, *, path: str, file_name: str | None = None, source: str = "folder", check_bodies: bool = True
) -> Template:
    """Decode (UTF-8) and parse the bytes of a template file."""
    if len(data) > MAX_FILE_BYTES:
        raise ConfigError(
            f"the file is {len(data):,} bytes; a template file may be at most {MAX_FILE_BYTES:,}", path=path
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ConfigError(f"not valid UTF-8 (byte {exc.start}); save the file as UTF-8", path=path) from None
    return parse_template(text, path=path, file_name=file_name, source=source, check_bodies=check_bodies)
