"""Extension points: rule packs, tone models and template packs from installed packages.

An organisation adds its own rules, tone models and templates without forking postcraft by
installing a package that declares entry points (see ``docs/plugins.md``):

========================  ================================================================
group                     the entry point loads to …
========================  ================================================================
``postcraft.rules``       a folder of YAML rule packs (one pack per ``<name>.yaml`` file)
``postcraft.models``      one tone model: a JSON file, or its data as a dict
``postcraft.templates``   a folder of templates (read by :mod:`postcraft.templates` itself)
========================  ================================================================

An entry point may load to the thing itself (a path, an ``importlib.resources`` Traversable,
a dict for a model), to a module (its package folder), or to a callable without arguments
that returns one of those. Entry points are read once per process (:func:`clear_cache`
forgets them). A broken plugin raises :class:`PluginError`, which names the distribution to
fix or uninstall.

>>> sorted(rule_packs()) == sorted(rule_packs())   # plugin packs by name (none installed here)
True
"""

from __future__ import annotations

import os
import re
import threading
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import metadata, resources
from importlib.resources.abc import Traversable
from pathlib import Path
from types import ModuleType
from typing import Any

from .errors import ConfigError

#: Entry-point group of rule packs.
RULES_GROUP = "postcraft.rules"
#: Entry-point group of tone models.
MODELS_GROUP = "postcraft.models"
#: Entry-point group of template packs (loaded by :mod:`postcraft.templates.registry`).
TEMPLATES_GROUP = "postcraft.templates"
GROUPS = (RULES_GROUP, MODELS_GROUP, TEMPLATES_GROUP)

#: The packs that ship with postcraft; a plugin pack may not take their names.
BUILTIN_PACKS = ("linkedin", "disclosure", "readability", "confidentiality", "voice")

#: A pack or model name: lower-case letters, digits, ``-`` and ``_``, starting with a letter.
NAME_RE = re.compile(r"[a-z][a-z0-9_-]{0,63}")
PACK_SUFFIXES = (".yaml", ".yml")

ModelSource = Traversable | Path | Mapping[str, Any]


class PluginError(ConfigError):
    """An installed plugin is broken: it cannot be imported, loads to the wrong kind of
    object, or clashes with another plugin. ``dist`` names the distribution (``"name version"``)
    and ``entry_point`` the entry point (``"name = value"``)."""

    def __init__(self, message: str, *, dist: str, entry_point: str, path: str | None = None) -> None:
        self.dist = dist
        self.entry_point = entry_point
        super().__init__(message, path=path)


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
    def label(self) -> str:
        """How error messages name it: ``the plugin 'acme-postcraft 1.0' (entry point …)``."""
        return (
            f"the plugin {self.dist + ' ' + self.version if self.version else self.dist!r} "
            f"(entry point '{self.name} = {self.value}' in group {self.group!r})"
        )

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict."""
        return {
            "group": self.group,
            "name": self.name,
            "value": self.value,
            "dist": self.dist,
            "version": self.version,
        }


_lock = threading.RLock()
_eps: dict[str, list[tuple[PluginEntry, metadata.EntryPoint]]] | None = None
_packs: dict[str, tuple[Traversable, PluginEntry]] | None = None
_models: dict[str, tuple[ModelSource, PluginEntry]] | None = None


def clear_cache() -> None:
    """Forget the entry points read so far (call after installing or removing a plugin)."""
    global _eps, _packs, _models
    with _lock:
        _eps = None
        _packs = None
        _models = None


def _entry_points() -> dict[str, list[tuple[PluginEntry, metadata.EntryPoint]]]:
    global _eps
    with _lock:
        if _eps is None:
            found: dict[str, list[tuple[PluginEntry, metadata.EntryPoint]]] = {g: [] for g in GROUPS}
            seen: set[tuple[str, str, str]] = set()
            all_eps = metadata.entry_points()
            for group in GROUPS:
                for ep in all_eps.select(group=group):
                    dist = ep.dist
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


def _load(entry: PluginEntry, ep: metadata.EntryPoint) -> Any:
    try:
        obj = ep.load()
        if callable(obj) and not isinstance(obj, (str, os.PathLike, Traversable, Mapping, ModuleType, type)):
            obj = obj()
    except Exception as exc:
        raise PluginError(
            f"{entry.label} could not be loaded: {type(exc).__name__}: {exc}. "
            f"Reinstall or update {entry.dist!r}, or uninstall it (pip uninstall {entry.dist}).",
            dist=entry.dist,
            entry_point=f"{entry.name} = {entry.value}",
        ) from None
    if isinstance(obj, ModuleType):
        try:
            return resources.files(obj)
        except (TypeError, ValueError) as exc:
            raise _bad(entry, f"its module {obj.__name__!r} is not a package folder ({exc})") from None
    return obj


def _bad(entry: PluginEntry, what: str, path: str | None = None) -> PluginError:
    return PluginError(
        f"{entry.label} is broken: {what}. Ask its authors for a fixed version of {entry.dist!r}, "
        f"or uninstall it (pip uninstall {entry.dist}).",
        dist=entry.dist,
        entry_point=f"{entry.name} = {entry.value}",
        path=path,
    )


def _as_traversable(obj: Any) -> Traversable | None:
    if isinstance(obj, (str, os.PathLike)):
        return Path(os.fspath(obj))
    if isinstance(obj, Traversable):
        return obj
    return None


# -- rule packs ---------------------------------------------------------------------------------


def _pack_files(folder: Traversable, entry: PluginEntry) -> list[Traversable]:
    if folder.is_file():
        return [folder] if folder.name.endswith(PACK_SUFFIXES) else []
    if not folder.is_dir():
        raise _bad(entry, f"it names the rule pack folder {str(folder)!r}, which does not exist", str(folder))
    try:
        children = sorted(folder.iterdir(), key=lambda c: c.name)
    except OSError as exc:
        raise _bad(entry, f"its rule pack folder cannot be read ({exc})", str(folder)) from None
    return [
        c for c in children if c.is_file() and c.name.endswith(PACK_SUFFIXES) and not c.name.startswith(".")
    ]


def _read_packs() -> dict[str, tuple[Traversable, PluginEntry]]:
    global _packs
    with _lock:
        if _packs is None:
            packs: dict[str, tuple[Traversable, PluginEntry]] = {}
            for entry, ep in _entry_points()[RULES_GROUP]:
                folder = _as_traversable(_load(entry, ep))
                if folder is None:
                    raise _bad(
                        entry,
                        "its entry point must load to a folder of YAML rule packs (a path, a "
                        "Traversable, a package, or a function returning one)",
                    )
                files = _pack_files(folder, entry)
                if not files:
                    raise _bad(
                        entry, f"its rule pack folder {str(folder)!r} holds no .yaml pack", str(folder)
                    )
                for file in files:
                    name = file.name.rsplit(".", 1)[0]
                    if not NAME_RE.fullmatch(name):
                        raise _bad(
                            entry,
                            f"the pack file {file.name!r} must be named <pack>.yaml with "
                            "a pack name of lower-case letters, digits, '-' or '_' "
                            "(e.g. acme.yaml)",
                            str(file),
                        )
                    if name in BUILTIN_PACKS:
                        raise _bad(
                            entry,
                            f"its pack {name!r} has the name of a built-in pack; rename "
                            f"the file (e.g. acme-{name}.yaml)",
                            str(file),
                        )
                    if name in packs:
                        other = packs[name][1]
                        raise _bad(
                            entry,
                            f"its pack {name!r} is also provided by {other.label}; "
                            "two installed plugins cannot share a pack name",
                            str(file),
                        )
                    packs[name] = (file, entry)
            _packs = packs
        return _packs


def rule_packs() -> dict[str, Traversable]:
    """Rule packs from installed plugins (group ``postcraft.rules``): pack name → its YAML file.

    A pack's name is its file name without ``.yaml``; the file has the same format as the
    built-in packs (``pack: <name>``, ``description``, ``rules`` whose ids start with
    ``<name>.``). Raises :class:`PluginError` for a broken plugin or a name clash.

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


def _read_models() -> dict[str, tuple[ModelSource, PluginEntry]]:
    global _models
    with _lock:
        if _models is None:
            models: dict[str, tuple[ModelSource, PluginEntry]] = {}
            for entry, ep in _entry_points()[MODELS_GROUP]:
                if not NAME_RE.fullmatch(entry.name):
                    raise _bad(
                        entry,
                        f"the model name {entry.name!r} must be lower-case letters, "
                        "digits, '-' or '_' (e.g. acme-da)",
                    )
                obj = _load(entry, ep)
                src: ModelSource | None = obj if isinstance(obj, Mapping) else _as_traversable(obj)
                if src is None:
                    raise _bad(
                        entry,
                        "its entry point must load to a tone model: a JSON file path, a "
                        "Traversable, a dict of model data, or a function returning one",
                    )
                if entry.name in models:
                    other = models[entry.name][1]
                    raise _bad(entry, f"the model name {entry.name!r} is also used by {other.label}")
                models[entry.name] = (src, entry)
            _models = models
        return _models


def tone_models() -> dict[str, ModelSource]:
    """Tone models from installed plugins (group ``postcraft.models``): name → JSON file or data.

    Load one with :func:`postcraft.tone.sources.load_tone_model`.

    >>> isinstance(tone_models(), dict)
    True
    """
    return {name: src for name, (src, _) in _read_models().items()}


def tone_model_entry(name: str) -> tuple[ModelSource, PluginEntry] | None:
    """The source of the plugin tone model ``name`` and the entry point that provides it."""
    return _read_models().get(name)


def broken(entry: PluginEntry, what: str, path: str | None = None) -> PluginError:
    """The :class:`PluginError` for a plugin whose entry point loaded but whose content is bad."""
    return _bad(entry, what, path)
