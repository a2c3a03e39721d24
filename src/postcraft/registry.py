"""Extension points: what installed packages add to postcraft, read in one place.

An organisation adds its own rules, tone models, templates, rule kinds and output formats
without forking postcraft by installing a package that declares entry points (see
``docs/plugins.md``):

========================  ================================================================
group                     the entry point loads to …
========================  ================================================================
``postcraft.rules``       a folder of YAML rule packs (one pack per ``<name>.yaml`` file)
``postcraft.models``      one tone model: a JSON file, or its data as a dict
``postcraft.templates``   a folder of templates (checked by :mod:`postcraft.templates`)
``postcraft.kinds``       one rule kind: a :class:`~postcraft.rules.base.Rule` subclass
``postcraft.formats``     one output format: a function ``(review) -> str``
========================  ================================================================

For the first three, an entry point may load to the thing itself (a path, an
``importlib.resources`` Traversable, a dict for a model), to a module (its package folder),
or to a callable without arguments that returns one of those. Kinds and formats load to the
class or the function itself.

Every group is read through :func:`load`, once per process (:func:`clear_cache` forgets it).
**A broken plugin never stops postcraft**: an entry point that raises on import, loads to the
wrong kind of object, clashes with another plugin's name or holds bad data is recorded as a
:class:`PluginProblem`, reported once (a :class:`~postcraft.errors.PostcraftWarning`; the
command line prints it as one line, the language server shows it as a message) and skipped.
Everything else keeps working. Only a request for the broken thing itself (``extends: [acme]``,
``tone_model: acme-da``, ``--format acme``) fails, with a :class:`PluginError` that names the
distribution and what to do. :func:`problems` lists what was skipped.

This module is a base module: the capabilities pass their own checks to :func:`load`.

>>> sorted(rule_packs()) == sorted(rule_packs())   # plugin packs by name (none installed here)
True
"""

from __future__ import annotations

import os
import re
import threading
import warnings
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any

from .errors import ConfigError, PostcraftError, PostcraftWarning

if TYPE_CHECKING:  # importlib.resources is imported when a plugin is read, not on every run
    from importlib.resources.abc import Traversable

    ModelSource = Traversable | Path | Mapping[str, Any]

#: Entry-point group of rule packs.
RULES_GROUP = "postcraft.rules"
#: Entry-point group of tone models.
MODELS_GROUP = "postcraft.models"
#: Entry-point group of template packs (checked by :mod:`postcraft.templates.registry`).
TEMPLATES_GROUP = "postcraft.templates"
#: Entry-point group of rule kinds (checked by :mod:`postcraft.rules.kinds`).
KINDS_GROUP = "postcraft.kinds"
#: Entry-point group of output formats (checked by :mod:`postcraft.formats`).
FORMATS_GROUP = "postcraft.formats"
GROUPS = (RULES_GROUP, MODELS_GROUP, TEMPLATES_GROUP, KINDS_GROUP, FORMATS_GROUP)
#: Groups whose entry points load to code (a class, a function), never called or resolved.
_CODE_GROUPS = (KINDS_GROUP, FORMATS_GROUP)

#: The packs that ship with postcraft; a plugin pack may not take their names.
BUILTIN_PACKS = ("linkedin", "disclosure", "readability", "confidentiality", "voice")

#: A pack, model, kind or format name: lower-case letters, digits, ``-`` and ``_``, starting
#: with a letter.
NAME_RE = re.compile(r"[a-z][a-z0-9_-]{0,63}")
PACK_SUFFIXES = (".yaml", ".yml")


def __getattr__(name: str) -> Any:
    if name == "ModelSource":  # what a tone-model entry point gives: Traversable | Path | Mapping[str, Any]
        from importlib.resources.abc import Traversable

        value = Traversable | Path | Mapping[str, Any]
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


class PluginError(ConfigError):
    """An installed plugin is broken and something asked for it by name (``extends: [acme]``,
    ``tone_model: acme-da``, ``--format acme``). ``dist`` names the distribution
    (``"name version"``) and ``entry_point`` the entry point (``"name = value"``)."""

    def __init__(
        self, message: str, *, dist: str, entry_point: str, path: str | None = None, line: int | None = None
    ) -> None:
        self.dist = dist
        self.entry_point = entry_point
        super().__init__(message, path=path, line=line)


class Broken(Exception):
    """Raised by a check given to :func:`load`: the plugin's object or data is wrong.
    The message is the cause (``"its entry point must load to …"``)."""

    def __init__(self, cause: str, path: str | None = None) -> None:
        self.path = path
        super().__init__(cause)


@dataclass(frozen=True)
class PluginEntry:
    """One installed entry point in a postcraft group.

    >>> e = PluginEntry("postcraft.rules", "acme", "acme_postcraft:rules", "acme-postcraft", "1.0")
    >>> e.to_dict()["dist"]
    'acme-postcraft'
    """

    group: str
    name: str
    value: str
    dist: str
    version: str

    @property
    def dist_version(self) -> str:
        """``"acme-postcraft 1.0"`` (the name alone when the version is unknown)."""
        return f"{self.dist} {self.version}" if self.version else self.dist

    @property
    def entry_point(self) -> str:
        """``"acme = acme_postcraft:rules"``."""
        return f"{self.name} = {self.value}"

    @property
    def label(self) -> str:
        """How messages name it: ``the plugin 'acme-postcraft 1.0' (entry point …)``."""
        return f"the plugin {self.dist_version!r} (entry point '{self.entry_point}' in group {self.group!r})"

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict."""
        return {
            "group": self.group,
            "name": self.name,
            "value": self.value,
            "dist": self.dist,
            "version": self.version,
        }


@dataclass(frozen=True)
class PluginProblem:
    """A plugin (or one pack, model, … of it) that was skipped because it is broken.

    ``item`` is the name of what was skipped (a pack, model, kind or format name; the entry
    point's name when the whole entry point failed); ``fix`` says what the user can do.

    >>> e = PluginEntry("postcraft.rules", "acme", "acme_pc:packs", "acme-pc", "1.0")
    >>> p = PluginProblem(e, "acme", "ImportError: boom", "Reinstall it, or uninstall it (pip uninstall acme-pc).")
    >>> p.message
    "plugin 'acme-pc 1.0' (entry point 'acme = acme_pc:packs' in group 'postcraft.rules') is broken and was skipped: ImportError: boom. Reinstall it, or uninstall it (pip uninstall acme-pc)."
    """

    entry: PluginEntry
    item: str
    cause: str
    fix: str
    path: str | None = None

    @property
    def dist(self) -> str:
        """``"acme-postcraft 0.1.0"``: the distribution and its version."""
        return self.entry.dist_version

    @property
    def entry_point(self) -> str:
        """``"acme = acme_postcraft:rule_packs"``."""
        return self.entry.entry_point

    @property
    def group(self) -> str:
        """The entry-point group."""
        return self.entry.group

    @property
    def message(self) -> str:
        """One line: which plugin, that it was skipped, why, and what to do."""
        return (
            f"plugin {self.dist!r} (entry point '{self.entry_point}' in group {self.group!r}) is broken "
            f"and was skipped: {self.cause}. {self.fix}"
        )

    def __str__(self) -> str:
        return self.message

    def error(self, request: str = "", *, path: str | None = None, line: int | None = None) -> PluginError:
        """The error for a request of this broken thing: ``request`` says what asked for it,
        ``path`` and ``line`` where (default: the plugin's file, if known)."""
        prefix = f"{request}, but " if request else ""
        return PluginError(
            f"{prefix}{self.entry.label} is broken: {self.cause}. {self.fix}",
            dist=self.entry.dist,
            entry_point=self.entry_point,
            path=path if path is not None else self.path if line is None else None,
            line=line if path is not None else None,
        )

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict."""
        return {
            **self.entry.to_dict(),
            "entry_point": self.entry_point,
            "item": self.item,
            "cause": self.cause,
            "fix": self.fix,
            "path": self.path,
        }


_lock = threading.RLock()
_eps: dict[str, list[tuple[PluginEntry, Any]]] | None = None
_loaded: dict[str, dict[str, tuple[Any, PluginEntry]]] = {}
_problems: dict[tuple[str, str, str, str, str], PluginProblem] = {}
_generation = 0


def clear_cache() -> None:
    """Forget the entry points read so far and the problems found (call after installing or
    removing a plugin); broken plugins are reported again when they are next read."""
    global _eps, _generation
    with _lock:
        _eps = None
        _loaded.clear()
        _problems.clear()
        _generation += 1


def generation() -> int:
    """A number that changes with each :func:`clear_cache` (for caches built on plugins)."""
    return _generation


def _may_have_plugins() -> bool:
    """False only when no distribution on ``sys.path`` declares an entry point in a postcraft
    group: the ``entry_points.txt`` files are read directly, which costs a few milliseconds
    where importing :mod:`importlib.metadata` and asking it costs 15–20 (a cold command line
    pays that on every run). Anything this scan cannot see through (a zip on the path, a
    finder with its own distributions) counts as a maybe."""
    import sys

    for finder in sys.meta_path:
        if hasattr(finder, "find_distributions") and getattr(finder, "__name__", "") != "PathFinder":
            return True
    for entry in sys.path:
        folder = entry or "."
        if not os.path.isdir(folder):
            if os.path.exists(folder):
                return True  # a zip file or an egg: let importlib.metadata read it
            continue
        try:
            with os.scandir(folder) as items:
                names = [d.path for d in items if d.name.endswith((".dist-info", ".egg-info"))]
        except OSError:
            continue
        for path in names:
            try:
                with open(os.path.join(path, "entry_points.txt"), "rb") as fh:
                    if b"[postcraft." in fh.read():
                        return True
            except OSError:
                continue
    return False


def _entry_points() -> dict[str, list[tuple[PluginEntry, Any]]]:
    global _eps
    with _lock:
        if _eps is None:
            found: dict[str, list[tuple[PluginEntry, Any]]] = {g: [] for g in GROUPS}
            if not _may_have_plugins():
                _eps = found
                return _eps
            from importlib import metadata

            seen: set[tuple[str, str, str]] = set()
            all_eps = metadata.entry_points()
            for group in GROUPS:
                for ep in all_eps.select(group=group):
                    dist = getattr(ep, "dist", None)
                    dname = "(unknown distribution)"
                    version = ""
                    if dist is not None:
                        dname = dist.metadata["Name"] or dist.name
                        version = dist.version
                    key = (group, ep.name, ep.value)
                    if key in seen:  # the same distribution seen twice on sys.path
                        continue
                    seen.add(key)
                    found[group].append((PluginEntry(group, ep.name, ep.value, dname, version), ep))
                found[group].sort(key=lambda pair: (pair[0].name, pair[0].dist))
            _eps = found
        return _eps


def installed(group: str | None = None) -> list[PluginEntry]:
    """The installed entry points in postcraft's groups (or in one ``group``), sorted by name.

    >>> all(e.group in GROUPS for e in installed())
    True
    """
    eps = _entry_points()
    groups = GROUPS if group is None else (group,)
    return [entry for g in groups for entry, _ in eps.get(g, [])]


# -- problems -----------------------------------------------------------------------------------


def _fix_authors(entry: PluginEntry) -> str:
    return (
        f"Ask its authors for a fixed version of {entry.dist!r}, or uninstall it (pip uninstall {entry.dist})"
    )


def _fix_install(entry: PluginEntry) -> str:
    return f"Reinstall or update {entry.dist!r}, or uninstall it (pip uninstall {entry.dist})"


def report(
    entry: PluginEntry,
    cause: str,
    *,
    item: str | None = None,
    path: str | None = None,
    fix: str | None = None,
) -> PluginProblem:
    """Record that ``item`` of the plugin ``entry`` (the whole entry point when ``None``) is
    broken and skipped; warn about it the first time (a :class:`PostcraftWarning`).

    Capabilities call this for what only they can check (a pack's YAML, a model's data)."""
    cause = cause.rstrip(". ")
    problem = PluginProblem(
        entry, item if item is not None else entry.name, cause, fix or _fix_authors(entry), path
    )
    key = (entry.group, entry.name, entry.value, problem.item, cause)
    with _lock:
        known = _problems.get(key)
        if known is not None:
            return known
        _problems[key] = problem
    warnings.warn(PostcraftWarning(problem.message), stacklevel=2)
    return problem


def problems(group: str | None = None) -> list[PluginProblem]:
    """The broken plugins found so far (in the groups read so far), in the order found.

    >>> problems()
    []
    """
    with _lock:
        return [p for p in _problems.values() if group is None or p.group == group]


def problem(group: str, item: str) -> PluginProblem | None:
    """The problem that made the plugin pack/model/kind/format ``item`` of ``group`` unusable."""
    with _lock:
        for p in _problems.values():
            if p.group == group and p.item == item:
                return p
    return None


# -- loading ------------------------------------------------------------------------------------


def _resolve(entry: PluginEntry, ep: Any) -> Any:
    """Import the entry point; for data groups call a factory and turn a module into its folder."""
    from importlib import resources
    from importlib.resources.abc import Traversable

    try:
        obj = ep.load()
        if (
            entry.group not in _CODE_GROUPS
            and callable(obj)
            and not isinstance(obj, (str, os.PathLike, Traversable, Mapping, ModuleType, type))
        ):
            obj = obj()
    except Exception as exc:
        raise _LoadFailed(f"it could not be loaded: {type(exc).__name__}: {exc}") from None
    if isinstance(obj, ModuleType) and entry.group not in _CODE_GROUPS:
        try:
            return resources.files(obj)
        except (TypeError, ValueError) as exc:
            raise Broken(f"its module {obj.__name__!r} is not a package folder ({exc})") from None
    return obj


class _LoadFailed(Exception):
    pass


Check = Callable[[PluginEntry, Any], Iterable[tuple[str, Any]]]


def load(group: str, check: Check, *, what: str) -> dict[str, tuple[Any, PluginEntry]]:
    """Every usable item of the plugins in ``group``: name → (item, the entry point), read once.

    ``check(entry, obj)`` gets what an entry point loaded to and returns its items as
    ``(name, item)`` pairs; it raises :class:`Broken` (or any error) for a broken entry point
    and may :func:`report` single bad items and leave them out. A failure is recorded as a
    :class:`PluginProblem` and skipped, as is a name that an earlier plugin already provides
    (``what`` names the items in that message, e.g. ``"rule pack"``).
    """
    with _lock:
        hit = _loaded.get(group)
        if hit is not None:
            return hit
        out: dict[str, tuple[Any, PluginEntry]] = {}
        for entry, ep in _entry_points().get(group, []):
            try:
                items = list(check(entry, _resolve(entry, ep)))
            except _LoadFailed as exc:
                report(entry, str(exc), fix=_fix_install(entry))
                continue
            except Broken as exc:
                report(entry, str(exc), path=exc.path)
                continue
            except PostcraftError as exc:
                report(entry, str(exc), path=getattr(exc, "path", None))
                continue
            except Exception as exc:
                report(entry, f"{type(exc).__name__}: {exc}")
                continue
            for name, item in items:
                if name in out:
                    other = out[name][1]
                    report(
                        entry,
                        f"its {what} {name!r} is also provided by {other.label}; two installed "
                        "plugins cannot share a name",
                        item=name,
                    )
                    continue
                out[name] = (item, entry)
        _loaded[group] = out
        return out


def _as_traversable(obj: Any) -> Traversable | None:
    from importlib.resources.abc import Traversable

    if isinstance(obj, (str, os.PathLike)):
        return Path(os.fspath(obj))
    if isinstance(obj, Traversable):
        return obj
    return None


# -- rule packs ---------------------------------------------------------------------------------


def _pack_files(folder: Traversable) -> list[Traversable]:
    if folder.is_file():
        return [folder] if folder.name.endswith(PACK_SUFFIXES) else []
    if not folder.is_dir():
        raise Broken(f"it names the rule pack folder {str(folder)!r}, which does not exist", str(folder))
    try:
        children = sorted(folder.iterdir(), key=lambda c: c.name)
    except OSError as exc:
        raise Broken(f"its rule pack folder cannot be read ({exc})", str(folder)) from None
    return [
        c for c in children if c.is_file() and c.name.endswith(PACK_SUFFIXES) and not c.name.startswith(".")
    ]


def _check_packs(entry: PluginEntry, obj: Any) -> list[tuple[str, Traversable]]:
    folder = _as_traversable(obj)
    if folder is None:
        raise Broken(
            "its entry point must load to a folder of YAML rule packs (a path, a Traversable, a "
            f"package, or a function returning one), not {type(obj).__name__}"
        )
    files = _pack_files(folder)
    if not files:
        raise Broken(f"its rule pack folder {str(folder)!r} holds no .yaml pack", str(folder))
    out: list[tuple[str, Traversable]] = []
    for file in files:
        name = file.name.rsplit(".", 1)[0]
        if not NAME_RE.fullmatch(name):
            report(
                entry,
                f"the pack file {file.name!r} must be named <pack>.yaml with a pack name of "
                "lower-case letters, digits, '-' or '_' (e.g. acme.yaml)",
                item=name,
                path=str(file),
            )
        elif name in BUILTIN_PACKS:
            report(
                entry,
                f"its pack {name!r} has the name of a built-in pack; rename the file (e.g. acme-{name}.yaml)",
                item=name,
                path=str(file),
            )
        else:
            out.append((name, file))
    return out


def _read_packs() -> dict[str, tuple[Any, PluginEntry]]:
    return load(RULES_GROUP, _check_packs, what="rule pack")


def rule_packs() -> dict[str, Traversable]:
    """Rule packs from installed plugins (group ``postcraft.rules``): pack name → its YAML file.

    A pack's name is its file name without ``.yaml``; the file has the same format as the
    built-in packs (``pack: <name>``, ``description``, ``rules`` whose ids start with
    ``<name>.``). Broken plugins are left out (see :func:`problems`); the packs' YAML is
    checked by :mod:`postcraft.rules`.

    >>> isinstance(rule_packs(), dict)
    True
    """
    return {name: file for name, (file, _) in _read_packs().items()}


def rule_pack(name: str) -> Traversable | None:
    """The YAML file of the installed plugin pack ``name``, or ``None`` if no plugin has it.

    This is what the guideline loader calls for a name in ``extends`` that is not a built-in
    pack; the file's text is read with ``.read_text("utf-8")``.

    >>> rule_pack("no-such-pack") is None
    True
    """
    hit = _read_packs().get(name)
    return hit[0] if hit is not None else None


def rule_pack_origin(name: str) -> PluginEntry | None:
    """Which installed plugin provides the pack ``name`` (for messages), or ``None``."""
    hit = _read_packs().get(name)
    return hit[1] if hit is not None else None


# -- tone models --------------------------------------------------------------------------------


def _check_model(entry: PluginEntry, obj: Any) -> list[tuple[str, ModelSource]]:
    if not NAME_RE.fullmatch(entry.name):
        raise Broken(
            f"the model name {entry.name!r} must be lower-case letters, digits, '-' or '_' (e.g. acme-da)"
        )
    src: ModelSource | None = obj if isinstance(obj, Mapping) else _as_traversable(obj)
    if src is None:
        raise Broken(
            "its entry point must load to a tone model: a JSON file path, a Traversable, a dict "
            f"of model data, or a function returning one, not {type(obj).__name__}"
        )
    return [(entry.name, src)]


def _read_models() -> dict[str, tuple[Any, PluginEntry]]:
    return load(MODELS_GROUP, _check_model, what="tone model")


def tone_models() -> dict[str, ModelSource]:
    """Tone models from installed plugins (group ``postcraft.models``): name → JSON file or data.

    Load one with :func:`postcraft.tone.sources.load_tone_model`.

    >>> isinstance(tone_models(), dict)
    True
    """
    return {name: src for name, (src, _) in _read_models().items()}


def tone_model_entry(name: str) -> tuple[ModelSource, PluginEntry] | None:
    """The source of the plugin tone model ``name`` and the entry point that provides it."""
    hit = _read_models().get(name)
    return (hit[0], hit[1]) if hit is not None else None


def broken(entry: PluginEntry, what: str, path: str | None = None) -> PluginError:
    """Report ``what`` as a problem of ``entry`` and return the :class:`PluginError` for a
    request of it (its item is the entry point's name)."""
    return report(entry, what, path=path).error()
