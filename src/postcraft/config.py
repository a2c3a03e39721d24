"""One configuration for every face: what a draft is checked with, and where each value came from.

The command line (``postcraft review``, ``check``, ``config``) and the language server resolve
a draft's settings here, so a draft gets the same findings in the editor and in a terminal.
Sources, from lowest to highest precedence, merged key by key:

1. the editor's settings (language server only: ``initializationOptions`` and
   ``workspace/didChangeConfiguration``, flat or under a ``"postcraft"`` key; ``camelCase``
   names are accepted too);
2. the nearest configuration file, looking upward from the draft's folder (in the language
   server: up to the workspace folder that holds the draft). In each folder the first of
   ``postcraft.yaml``, ``postcraft.yml``, ``.postcraft.yaml``, ``.postcraft.yml`` wins, then a
   ``pyproject.toml`` with a ``[tool.postcraft]`` table (a ``pyproject.toml`` without one is
   passed by). A YAML file is either a *workspace file* (any key of :data:`WORKSPACE_ONLY`) or a
   *guideline file itself* (only guideline keys such as ``organisation``, ``extends``, ``rules``);
   ``[tool.postcraft]`` is always a workspace table (``tone-model`` and ``tone_model`` both work);
3. overrides (the command line's flags: ``--guidelines``, ``--roster``, ``--lang``, ``--disable``,
   ``--fail-on``, ``--tone-model``).

Relative paths count from the folder of the file that names them (editor settings: the
workspace folder; command-line flags: the current folder). Nothing here raises for a user's
mistake: every mistake becomes a :class:`Problem` with the file and line to show it on, and the
draft is checked with what could be loaded (the built-in guidelines when the organisation's
cannot be). The command line turns an error-level problem into exit code 2.

>>> cfg = Resolver().resolve(None)
>>> cfg.lang, cfg.fail_on, cfg.include
(None, 'error', ('*.txt', '*.md'))
"""

from __future__ import annotations

import os
import re
import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from .errors import ConfigError, PostcraftError
from .io import cached_file
from .langs import SUPPORTED

#: Configuration file names, in the order they are looked for in each folder.
CONFIG_NAMES = ("postcraft.yaml", "postcraft.yml", ".postcraft.yaml", ".postcraft.yml")
PYPROJECT = "pyproject.toml"
#: Keys that make postcraft.yaml a workspace file rather than a guideline file.
WORKSPACE_ONLY = (
    "guidelines",
    "roster",
    "tone_model",
    "lang",
    "languages",
    "debounce_ms",
    "tone_diagnostic",
    "tone_hints",
    "tags",
    "include",
    "exclude",
    "fail_on",
)
WORKSPACE_KEYS = (*WORKSPACE_ONLY, "disable")
DEFAULT_LANGUAGES = ("plaintext", "text", "markdown")
#: The draft files a folder holds (file-name patterns), unless ``include`` says otherwise.
DEFAULT_INCLUDE = ("*.txt", "*.md")
#: Worst finding severity that still exits 0 is one below this; ``never`` always exits 0.
FAIL_ON = ("error", "warning", "suggestion", "never")
#: Milliseconds the language server waits after a change before reviewing.
DEFAULT_DEBOUNCE_MS = 150
MAX_DEBOUNCE_MS = 10_000

ProblemSeverity = Literal["error", "warning"]


@dataclass(frozen=True)
class Problem:
    """A configuration mistake: ``path`` is the file to show it on (``None``: the editor's
    settings or the command line, shown on the draft), ``line`` is 1-based or ``None``."""

    message: str
    path: str | None = None
    line: int | None = None
    severity: ProblemSeverity = "error"

    def describe(self) -> str:
        """``path:line: message`` (or just the message)."""
        if self.path is None:
            return self.message
        return f"{self.path}:{self.line}: {self.message}" if self.line else f"{self.path}: {self.message}"


@dataclass(frozen=True)
class Origin:
    """Where a setting was made: in ``path`` at ``line`` (``None``: the editor or the command
    line, as ``source`` says), and the folder its relative paths count from."""

    path: str | None
    line: int | None
    base: str | None
    source: str = "editor"

    def describe(self) -> str:
        """``postcraft.yaml:3``, ``pyproject.toml [tool.postcraft]``, ``command line`` …"""
        if self.path is None:
            return self.source
        where = f"{self.path}:{self.line}" if self.line else self.path
        if Path(self.path).name == PYPROJECT:
            where += " [tool.postcraft]"
        return where + " + command line" if self.source.endswith("+ command line") else where


@dataclass(frozen=True, eq=False)
class DocConfig:
    """Everything needed to review one draft, loaded and checked.

    ``guidelines`` is a loaded :class:`~postcraft.rules.Guidelines`, ``roster`` a loaded
    :class:`~postcraft.tags.Roster`, ``tone_model`` what :func:`postcraft.tone.score_analysis`
    takes (``None`` for the built-in models). ``sources`` maps every key that was set to its
    raw value and :class:`Origin` (what ``postcraft config`` prints).
    """

    guidelines: Any
    roster: Any
    tone_model: Any = None
    lang: str | None = None
    disable: tuple[str, ...] = ()
    languages: tuple[str, ...] = DEFAULT_LANGUAGES
    debounce_ms: int = DEFAULT_DEBOUNCE_MS
    tone_diagnostic: bool = True
    tone_hints: bool = True
    tags: bool = True
    include: tuple[str, ...] = DEFAULT_INCLUDE
    exclude: tuple[str, ...] = ()
    fail_on: str = "error"
    config_file: str | None = None
    problems: tuple[Problem, ...] = field(default_factory=tuple)
    sources: Mapping[str, tuple[Any, Origin]] = field(default_factory=dict)

    @property
    def errors(self) -> tuple[Problem, ...]:
        """The problems of severity ``error``."""
        return tuple(p for p in self.problems if p.severity == "error")


_CAMEL = re.compile(r"(?<=[a-z0-9])([A-Z])")


def _snake(key: str) -> str:
    return _CAMEL.sub(lambda m: "_" + m.group(1).lower(), key).replace("-", "_")


def editor_settings(raw: Any) -> dict[str, Any]:
    """The postcraft part of what an editor sent: ``{"postcraft": {...}}`` or a flat dict,
    keys in snake_case.

    >>> editor_settings({"postcraft": {"toneModel": "acme-da", "debounceMs": 80}})
    {'tone_model': 'acme-da', 'debounce_ms': 80}
    """
    if not isinstance(raw, Mapping):
        return {}
    inner = raw.get("postcraft")
    if isinstance(inner, Mapping):
        raw = inner
    return {_snake(str(k)): v for k, v in raw.items() if v is not None}


@dataclass(frozen=True)
class _ConfigFile:
    path: str
    data: dict[str, Any]
    lines: dict[str, int]
    is_guidelines: bool
    problems: tuple[Problem, ...]


def _read_workspace_file(source: str | os.PathLike[str]) -> _ConfigFile:
    """A postcraft.yaml (or .postcraft.yaml …): a workspace file or a guideline file."""
    from .yamlsrc import load_yaml

    path = Path(source)
    name = str(path)
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError:
        return _ConfigFile(
            name, {}, {}, False, (Problem("not valid UTF-8; save the file as UTF-8", name, 1),)
        )
    except OSError as exc:
        return _ConfigFile(name, {}, {}, False, (Problem(f"cannot read ({exc.strerror})", name, None),))
    try:
        data = load_yaml(text, name)
    except ConfigError as exc:
        msg = str(exc)
        prefix = f"{name}:{exc.line}: " if exc.line is not None else f"{name}: "
        msg = msg[len(prefix) :] if msg.startswith(prefix) else msg
        return _ConfigFile(name, {}, {}, False, (Problem(msg, name, exc.line),))
    if data is None:
        return _ConfigFile(name, {}, {}, True, ())
    if not isinstance(data, dict):
        return _ConfigFile(
            name,
            {},
            {},
            False,
            (
                Problem(
                    f"{path.name} must be a mapping, e.g. 'guidelines: guidelines.yaml' on its own line",
                    name,
                    1,
                ),
            ),
        )
    lines = dict(getattr(data, "key_lines", {}))
    data = {str(k): v for k, v in data.items()}
    if not any(k in data for k in WORKSPACE_ONLY):
        return _ConfigFile(name, data, lines, True, ())
    return _workspace_table(name, data, lines, path.name)


def _workspace_table(name: str, data: dict[str, Any], lines: dict[str, int], label: str) -> _ConfigFile:
    problems: list[Problem] = []
    from .rules.guidelines import TOP_KEYS

    for key in list(data):
        if key in WORKSPACE_KEYS:
            continue
        if key in TOP_KEYS:
            msg = (
                f"{key!r} is a guideline key, but this {label} names its guidelines with "
                f"'guidelines'; move {key!r} into that guideline file (or under 'guidelines' as a mapping)"
            )
        else:
            import difflib

            close = difflib.get_close_matches(key, WORKSPACE_KEYS, n=1)
            hint = f"did you mean {close[0]!r}? " if close else ""
            msg = f"unknown key {key!r}; {hint}{label} takes {', '.join(WORKSPACE_KEYS)}"
        problems.append(Problem(msg, name, lines.get(key)))
        del data[key]
    return _ConfigFile(name, data, lines, False, tuple(problems))


_TABLE = re.compile(r"^\s*\[\s*tool\s*\.\s*postcraft\s*\]\s*(#.*)?$")
_HEADER = re.compile(r"^\s*\[")
_KEY = re.compile(r"^\s*([A-Za-z0-9_-]+)\s*=")


# ``[tool.postcraft]``, ``[tool."postcraft"]``, dotted ``tool.postcraft.x = …`` or a ``[tool]``
# table / ``tool = {…}`` that may hold it
_MAY_HAVE_TABLE = re.compile(r'tool\s*\.\s*["\']?postcraft|^\s*\[\s*tool\s*\]|^\s*tool\s*=', re.M)


def _read_pyproject(source: str | os.PathLike[str]) -> _ConfigFile | None:
    """``[tool.postcraft]`` of a pyproject.toml, or ``None`` when it has none."""
    path = Path(source)
    name = str(path)
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return None  # not ours to complain about: other tools read this file too
    # most pyproject.toml files have no postcraft table: skip parsing them (a cold command line
    # run inside a Python project would otherwise pay for importing and running tomllib)
    if "postcraft" not in text or not _MAY_HAVE_TABLE.search(text):
        return None
    import tomllib

    try:
        doc = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        m = re.search(r"line (\d+)", str(exc))
        return _ConfigFile(
            name, {}, {}, False, (Problem(f"not valid TOML: {exc}", name, int(m.group(1)) if m else None),)
        )
    tool = doc.get("tool")
    table = tool.get("postcraft") if isinstance(tool, dict) else None
    if table is None:
        return None
    if not isinstance(table, dict):
        return _ConfigFile(name, {}, {}, False, (Problem("[tool.postcraft] must be a table", name, None),))
    lines: dict[str, int] = {}
    inside = False
    for number, line in enumerate(text.splitlines(), 1):
        if _HEADER.match(line):
            inside = bool(_TABLE.match(line))
            continue
        m = _KEY.match(line) if inside else None
        if m is not None:
            lines.setdefault(_snake(m.group(1)), number)
    data = {_snake(str(k)): v for k, v in table.items()}
    return _workspace_table(name, data, lines, "[tool.postcraft]")


def _pyproject(path: Path) -> _ConfigFile | None:
    try:
        return cached_file(path, _read_pyproject)
    except OSError:
        return None


def find_config(
    doc_path: str | os.PathLike[str] | None, stop: str | os.PathLike[str] | None = None
) -> Path | None:
    """The configuration file that applies to the draft at ``doc_path``: the nearest one from
    its folder upward (to ``stop`` when given, else to the file system's root).

    >>> find_config(None) is None
    True
    """
    if doc_path is None:
        if stop is None:
            return None
        folder = Path(stop)
    else:
        folder = Path(os.path.abspath(doc_path)).parent
    end = Path(os.path.abspath(stop)) if stop is not None else None
    while True:
        for name in CONFIG_NAMES:
            candidate = folder / name
            if candidate.is_file():
                return candidate
        candidate = folder / PYPROJECT
        if candidate.is_file() and _pyproject(candidate) is not None:
            return candidate
        if folder == end or folder.parent == folder:
            return None
        folder = folder.parent


class Resolver:
    """Finds and loads the configuration of each draft; caches what it loads.

    ``folders`` are the workspace folders (paths; the search for a configuration file stops at
    the one that holds the draft); ``settings`` the editor's settings (lowest precedence);
    ``overrides`` the command line's settings (highest precedence; relative paths count from
    the current folder).
    """

    def __init__(
        self,
        folders: Sequence[str] = (),
        settings: Any = None,
        default_debounce_ms: int = DEFAULT_DEBOUNCE_MS,
        *,
        overrides: Mapping[str, Any] | None = None,
    ) -> None:
        self.folders = [os.path.abspath(f) for f in folders]
        self.settings = editor_settings(settings)
        self.overrides = {k: v for k, v in (overrides or {}).items() if v is not None}
        self.default_debounce_ms = default_debounce_ms
        # guards the two caches below, which the server's worker threads share
        self._lock = threading.Lock()
        self._models: dict[Any, Any] = {}
        self._inline: dict[str, Any] = {}

    # -- finding the configuration file ----------------------------------------------------
    def workspace_folder(self, doc_path: str | None) -> str | None:
        """The workspace folder that holds ``doc_path`` (the deepest one), if any."""
        if doc_path is None:
            return self.folders[0] if self.folders else None
        doc_path = os.path.abspath(doc_path)
        best: str | None = None
        for f in self.folders:
            try:
                inside = os.path.commonpath([f, doc_path]) == f
            except ValueError:
                inside = False
            if inside and (best is None or len(f) > len(best)):
                best = f
        return best

    def find_config(self, doc_path: str | None) -> Path | None:
        """The nearest configuration file from the draft's folder upward: to the workspace
        folder that holds it, else to the file system's root."""
        return find_config(doc_path, self.workspace_folder(doc_path))

    def _config_file(self, path: Path) -> _ConfigFile:
        if path.name == PYPROJECT:
            got = _pyproject(path)
            return got if got is not None else _ConfigFile(str(path), {}, {}, False, ())
        try:
            return cached_file(path, _read_workspace_file)
        except OSError:
            return _read_workspace_file(path)  # gone or unreadable: the reader says so

    # -- resolving -------------------------------------------------------------------------
    def resolve(self, doc_path: str | None) -> DocConfig:
        """The configuration for the draft at ``doc_path`` (``None`` for an unsaved draft or
        standard input: then only the editor's settings and the overrides apply, and in the
        language server the workspace folder's configuration file)."""
        root = self.workspace_folder(doc_path)
        editor_origin = Origin(None, None, root, "editor")
        merged: dict[str, tuple[Any, Origin]] = {k: (v, editor_origin) for k, v in self.settings.items()}
        problems: list[Problem] = []
        for key in list(merged):
            if key not in WORKSPACE_KEYS:
                problems.append(
                    Problem(
                        f"unknown postcraft setting {key!r} in the editor's settings; known: "
                        f"{', '.join(WORKSPACE_KEYS)}",
                        None,
                        None,
                        "warning",
                    )
                )
                del merged[key]
        cfg_path = self.find_config(doc_path)
        if cfg_path is not None:
            wf = self._config_file(cfg_path)
            problems.extend(wf.problems)
            base = str(cfg_path.parent)
            if wf.is_guidelines:
                merged["guidelines"] = (str(cfg_path), Origin(wf.path, None, base, "file"))
            else:
                for key, value in wf.data.items():
                    merged[key] = (value, Origin(wf.path, wf.lines.get(key), base, "file"))
        cli_origin = Origin(None, None, os.getcwd(), "command line")
        for key, value in self.overrides.items():
            if key == "disable" and key in merged:  # --disable adds to the configuration's list
                before, origin = merged[key]
                items = [before] if isinstance(before, str) else before
                if isinstance(items, list):
                    extra = [value] if isinstance(value, str) else list(value)
                    merged[key] = (
                        [*items, *extra],
                        Origin(origin.path, origin.line, origin.base, f"{origin.source} + command line"),
                    )
                    continue
            merged[key] = (value, cli_origin)
        return self._build(merged, problems, str(cfg_path) if cfg_path is not None else None)

    def _build(
        self, merged: dict[str, tuple[Any, Origin]], problems: list[Problem], config_file: str | None
    ) -> DocConfig:
        from .rules import load_guidelines
        from .tags import load_roster

        def err(msg: str, origin: Origin, severity: ProblemSeverity = "error") -> None:
            where = ""
            if origin.path is None:
                where = "command line: " if origin.source == "command line" else "postcraft setting: "
            problems.append(Problem(where + msg, origin.path, origin.line, severity))

        # editor behaviour ----------------------------------------------------------------
        languages = DEFAULT_LANGUAGES
        if "languages" in merged:
            value, origin = merged["languages"]
            if isinstance(value, str):
                value = [value]
            if isinstance(value, list) and value and all(isinstance(x, str) and x for x in value):
                languages = tuple(value)
            else:
                err("'languages' lists the editor language ids to check, e.g. [plaintext, markdown]", origin)
        debounce = self.default_debounce_ms
        if "debounce_ms" in merged:
            value, origin = merged["debounce_ms"]
            if (
                isinstance(value, (int, float))
                and not isinstance(value, bool)
                and 0 <= value <= MAX_DEBOUNCE_MS
            ):
                debounce = int(value)
            else:
                err(
                    f"'debounce_ms' is a number of milliseconds from 0 to {MAX_DEBOUNCE_MS}, e.g. 150", origin
                )
        flags: dict[str, bool] = {"tone_diagnostic": True, "tone_hints": True, "tags": True}
        for key in flags:
            if key in merged:
                value, origin = merged[key]
                if isinstance(value, bool):
                    flags[key] = value
                else:
                    err(f"{key!r} is true or false", origin)
        lang: str | None = None
        if "lang" in merged:
            value, origin = merged["lang"]
            if value in SUPPORTED:
                lang = value
            elif value not in (None, "auto"):
                err(f"'lang' is {', '.join(SUPPORTED)} or auto (detect), not {value!r}", origin)

        # guidelines ----------------------------------------------------------------------
        guidelines = None
        if "guidelines" in merged:
            value, origin = merged["guidelines"]
            try:
                if isinstance(value, str):
                    guidelines = load_guidelines(_path(value, origin.base))
                elif isinstance(value, Mapping):
                    guidelines = self._inline_guidelines(value, origin)
                else:
                    err(
                        "'guidelines' is the path of a guideline file (YAML) or the guidelines as a mapping",
                        origin,
                    )
            except PostcraftError as exc:
                self._error(exc, origin, problems, "guidelines")
                p = problems[-1]
                where = f" ({Path(p.path).name}{':' + str(p.line) if p.line else ''})" if p.path else ""
                problems.append(
                    Problem(
                        f"the guidelines could not be loaded{where}: {p.message}. This draft is checked "
                        "against the built-in guidelines only until that is fixed",
                        None,
                        None,
                        "warning",
                    )
                )
        if guidelines is None:
            try:
                guidelines = load_guidelines(None)
            except PostcraftError as exc:  # a broken plugin pack: the built-in packs still work
                problems.append(Problem(f"{exc}; checking against the built-in packs only", None, None))
                from .rules import BUILTIN_PACKS

                guidelines = load_guidelines({"extends": list(BUILTIN_PACKS)})

        disable: tuple[str, ...] = ()
        if "disable" in merged:
            value, origin = merged["disable"]
            items = [value] if isinstance(value, str) else value
            if isinstance(items, list) and all(isinstance(x, str) for x in items):
                known = guidelines.known_ids
                good = []
                for p in items:
                    if p == "postcraft" or any(r == p or r.startswith(p + ".") for r in known):
                        good.append(p)
                    else:
                        err(f"'disable' names {p!r}, but no rule has that id or id prefix", origin, "warning")
                disable = tuple(good)
            else:
                err("'disable' lists rule ids or id prefixes, e.g. [readability, linkedin.links]", origin)

        # roster --------------------------------------------------------------------------
        roster = None
        if "roster" in merged:
            value, origin = merged["roster"]
            try:
                if isinstance(value, str):
                    roster = load_roster(_path(value, origin.base))
                elif isinstance(value, Mapping):
                    roster = load_roster(value)
                else:
                    err(
                        "'roster' is the path of a roster file (.yaml or .csv) or the roster as a mapping",
                        origin,
                    )
            except PostcraftError as exc:
                self._error(exc, origin, problems, "roster")
        if roster is None:
            roster = load_roster(None)

        # tone model ----------------------------------------------------------------------
        tone_model = None
        if "tone_model" in merged:
            value, origin = merged["tone_model"]
            try:
                tone_model = self._tone_model(value, origin)
            except PostcraftError as exc:
                self._error(exc, origin, problems, "tone_model")
        # the command line: which files a folder holds, and when to exit 1 ----------------
        patterns: dict[str, tuple[str, ...]] = {"include": DEFAULT_INCLUDE, "exclude": ()}
        for key in patterns:
            if key in merged:
                value, origin = merged[key]
                items = [value] if isinstance(value, str) else value
                if isinstance(items, list) and all(isinstance(x, str) and x for x in items):
                    patterns[key] = tuple(items)
                else:
                    err(f"{key!r} lists file-name patterns, e.g. ['*.txt', '*.md', 'drafts/*.rst']", origin)
        fail_on = "error"
        if "fail_on" in merged:
            value, origin = merged["fail_on"]
            if value in FAIL_ON:
                fail_on = value
            else:
                err(f"'fail_on' is {', '.join(FAIL_ON)}, not {value!r}", origin)
        return DocConfig(
            guidelines=guidelines,
            roster=roster,
            tone_model=tone_model,
            lang=lang,
            disable=disable,
            languages=languages,
            debounce_ms=debounce,
            tone_diagnostic=flags["tone_diagnostic"],
            tone_hints=flags["tone_hints"],
            tags=flags["tags"],
            include=patterns["include"],
            exclude=patterns["exclude"],
            fail_on=fail_on,
            config_file=config_file,
            problems=tuple(problems),
            sources=dict(merged),
        )

    def _error(self, exc: PostcraftError, origin: Origin, problems: list[Problem], key: str) -> None:
        from .registry import PluginError

        path = getattr(exc, "path", None)
        line = getattr(exc, "line", None)
        in_file = path is not None and not str(path).startswith("<") and Path(str(path)).is_file()
        if in_file and not isinstance(exc, PluginError):
            # the mistake is inside the named file: show it there, without the "path:line: " prefix
            msg = str(exc)
            prefix = f"{path}:{line}: " if line is not None else f"{path}: "
            if msg.startswith(prefix):
                msg = msg[len(prefix) :]
            problems.append(Problem(msg, str(Path(str(path)).resolve()), line))
        elif origin.path is not None:
            problems.append(Problem(f"{key}: {exc}", origin.path, origin.line))
        elif origin.source == "command line":
            problems.append(Problem(str(exc), None, None))
        else:
            problems.append(Problem(f"postcraft setting {key!r}: {exc}", None, None))

    def _inline_guidelines(self, value: Mapping[str, Any], origin: Origin) -> Any:
        import json

        from .rules import load_guidelines

        key = json.dumps(value, sort_keys=True, default=str)
        with self._lock:
            hit = self._inline.get(key)
        if hit is None:
            hit = load_guidelines(value)
            with self._lock:
                if len(self._inline) > 16:
                    self._inline.clear()
                self._inline[key] = hit
        return hit

    def _tone_model(self, value: Any, origin: Origin) -> Any:
        from .tone import ToneModel
        from .tone.sources import resolve_tone_model

        sig: Any = None
        if isinstance(value, str):
            p = _path(value, origin.base)
            try:
                st = p.stat()
                sig = (str(p), st.st_mtime_ns, st.st_size)
            except OSError:
                sig = ("name", value)
        elif isinstance(value, Mapping) and "format" not in value:
            parts: list[tuple[Any, ...]] = []
            for k, v in sorted(value.items()):
                if not isinstance(v, str):
                    parts = []
                    break
                p = _path(v, origin.base)
                try:
                    st = p.stat()
                    parts.append((k, str(p), st.st_mtime_ns, st.st_size))
                except OSError:
                    parts.append((k, "name", v))
            sig = tuple(parts) or None
        if sig is not None:
            with self._lock:
                hit = self._models.get(sig)
            if hit is not None:
                return hit
        model = resolve_tone_model(value, base=origin.base)
        if isinstance(model, ToneModel):
            model = {model.lang: model}  # other languages keep the built-in model
        if sig is not None:
            with self._lock:
                if len(self._models) > 16:
                    self._models.clear()
                self._models[sig] = model
        return model


def _path(value: str, base: str | None) -> Path:
    p = Path(value).expanduser()
    if not p.is_absolute() and base is not None:
        p = Path(base) / p
    return p
