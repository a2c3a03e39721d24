"""Where templates come from, and in which order they override each other.

1. the built-in library (``postcraft/templates/builtin/{da,en}/``);
2. template packs installed as packages, through the entry-point group ``postcraft.templates``
   (sorted by entry-point name; read by :mod:`postcraft.registry`, a broken pack is skipped);
3. folders named in the environment variable ``POSTCRAFT_TEMPLATES`` (``os.pathsep``-separated);
4. the ``folder=`` argument (one folder or a list).

A template from a later source replaces one with the same id from an earlier source, so an
organisation can adapt a built-in template by copying it into its folder. Within one
source, an id may occur once.

Built-in templates and entry-point packs are read once per process; folders are re-read when
a ``.j2`` file in them is added, removed or changed. :func:`clear_cache` forgets everything.
"""

from __future__ import annotations

import difflib
import os
import threading
from collections.abc import Iterable, Iterator, Sequence
from importlib.resources.abc import Traversable
from itertools import islice
from pathlib import Path
from typing import Any

from .. import langs
from ..errors import ConfigError, InputError, UnsupportedLanguageError
from .errors import UnknownTemplateError
from .model import ROLES, Template

#: The entry-point group template packs register under (read by :mod:`postcraft.registry`).
ENTRY_POINT_GROUP = "postcraft.templates"
#: Environment variable naming extra template folders.
ENV_VAR = "POSTCRAFT_TEMPLATES"
#: How deep sub-folders of a template folder are searched.
MAX_DEPTH = 6
#: Most files and folders looked at under one template folder: a folder with more is not a
#: folder of templates (``POSTCRAFT_TEMPLATES=/``, a home folder), and is refused rather than
#: walked.
MAX_ENTRIES = 5_000

FolderLike = str | os.PathLike[str] | Traversable
Folders = FolderLike | Sequence[FolderLike] | None

_lock = threading.RLock()
_builtin: list[Template] | None = None
_packs: tuple[int, list[Template]] | None = None
_folders: dict[str, tuple[object, list[Template]]] = {}


def clear_cache() -> None:
    """Forget every loaded template (built-in, packs and folders); they are read again on next use.

    Installed packs are read again too (this forgets every plugin read so far:
    :func:`postcraft.registry.clear_cache`)."""
    global _builtin, _packs
    from .. import registry

    with _lock:
        _builtin = None
        _packs = None
        _folders.clear()
    registry.clear_cache()


def _as_folder(obj: Any, what: str) -> Traversable:
    if isinstance(obj, (str, os.PathLike)):
        return Path(os.fspath(obj)).expanduser()
    if isinstance(obj, Traversable):
        return obj
    raise ConfigError(
        f"{what} must be a folder path or an importlib.resources Traversable, not {type(obj).__name__}"
    )


class _Count:
    __slots__ = ("n",)

    def __init__(self) -> None:
        self.n = 0


def _walk(
    folder: Traversable, depth: int = 0, count: _Count | None = None, root: Any = None
) -> Iterator[Traversable]:
    """The ``*.j2`` files under ``folder``, by name, at most :data:`MAX_DEPTH` folders down;
    a ConfigError once more than :data:`MAX_ENTRIES` entries were seen."""
    count = count if count is not None else _Count()
    root = folder if root is None else root
    try:
        listing = list(islice(folder.iterdir(), MAX_ENTRIES - count.n + 1))
    except OSError as exc:
        raise ConfigError(f"cannot read the template folder ({exc})", path=str(folder)) from None
    count.n += len(listing)
    if count.n > MAX_ENTRIES:
        raise ConfigError(
            f"holds more than {MAX_ENTRIES:,} files and folders, so it is not read as a template "
            f"folder; point {ENV_VAR} or folder= at a folder of .j2 templates",
            path=str(root),
        )
    for child in sorted(listing, key=lambda c: c.name):
        if child.name.startswith("."):
            continue
        try:
            is_dir = child.is_dir()
        except OSError:
            continue
        if is_dir:
            if depth < MAX_DEPTH:
                yield from _walk(child, depth + 1, count, root)
        elif child.name.endswith(".j2"):
            yield child


def _read_file(file: Traversable) -> bytes:
    """A template file's bytes, at most one past :data:`~.fileformat.MAX_FILE_BYTES`: a FIFO,
    a device or a link to one is refused at once instead of read."""
    from ..io import read_limited
    from .fileformat import MAX_FILE_BYTES

    if isinstance(file, Path):
        try:
            return read_limited(file, MAX_FILE_BYTES, what="template file")
        except InputError as exc:
            raise ConfigError(str(exc).removeprefix(f"{file}: "), path=str(file)) from None
    try:
        return file.read_bytes()
    except OSError as exc:
        raise ConfigError(f"cannot read ({exc})", path=str(file)) from None


def read_folder(folder: FolderLike, *, source: str = "folder", check_bodies: bool = True) -> list[Template]:
    """Read and check every ``*.j2`` template under ``folder`` (sub-folders included).

    Not cached; :func:`list_templates` with ``folder=`` caches. Raises ConfigError on the
    first bad file, or when two files define the same id. ``check_bodies=False`` reads the
    metadata only; the Jinja checks then run when a variant is first rendered.

    >>> from pathlib import Path
    >>> len(read_folder(Path(__file__).parent / "builtin" / "en")) >= 12
    True
    """
    root = _as_folder(folder, "a template folder")
    if not root.is_dir():
        raise ConfigError("not a folder of templates (no such folder)", path=str(root))
    from .fileformat import read_template

    seen: dict[str, str] = {}
    out: list[Template] = []
    for file in _walk(root):
        data = _read_file(file)
        t = read_template(data, path=str(file), file_name=file.name, source=source, check_bodies=check_bodies)
        if t.id in seen:
            raise ConfigError(f"template id {t.id!r} is defined twice, also in {seen[t.id]}", path=str(file))
        seen[t.id] = str(file)
        out.append(t)
    return out


def builtin_templates() -> list[Template]:
    """The built-in library (read once)."""
    global _builtin
    with _lock:
        if _builtin is None:
            # The built-in bodies are checked by the test suite and again before each is compiled,
            # so listing them needs no Jinja2 at all.
            from importlib import resources

            root = resources.files("postcraft.templates") / "builtin"
            _builtin = read_folder(root, source="builtin", check_bodies=False)
        return _builtin


def _check_pack(entry: Any, obj: Any) -> list[tuple[str, list[Template]]]:
    from .. import registry

    if not isinstance(obj, (str, os.PathLike, Traversable)):
        raise registry.Broken(
            "its entry point must load to a folder of templates (a path, a Traversable, a package, "
            f"or a function returning one), not {type(obj).__name__}"
        )
    return [
        (entry.name, read_folder(_as_folder(obj, "a template folder"), source=f"entry point {entry.name}"))
    ]


def pack_templates() -> list[Template]:
    """Templates from installed packs (entry-point group ``postcraft.templates``), read once.

    Each entry point loads to a folder path, a Traversable, a package, or a callable returning
    one. A pack that cannot be loaded or holds a bad template is reported once and skipped
    (see :func:`postcraft.registry.problems`); the other packs are used.
    """
    global _packs
    from .. import registry

    with _lock:
        if _packs is None or _packs[0] != registry.generation():
            packs = registry.load(registry.TEMPLATES_GROUP, _check_pack, what="template pack")
            _packs = (registry.generation(), [t for name in sorted(packs) for t in packs[name][0]])
        return _packs[1]


def _signature(folder: Traversable) -> object:
    if isinstance(folder, Path):
        stats = []
        for file in _walk(folder):
            assert isinstance(file, Path)
            try:
                st = file.stat()
            except OSError:
                continue
            stats.append((str(file), st.st_mtime_ns, st.st_size))
        return tuple(stats)
    return None  # a package resource does not change while the process runs


def folder_templates(folder: FolderLike) -> list[Template]:
    """Templates of one organisation folder, cached until its files change."""
    root = _as_folder(folder, "folder")
    key = str(root.resolve()) if isinstance(root, Path) else f"{type(root).__name__}:{root}"
    if isinstance(root, Path) and not root.is_dir():
        raise ConfigError("not a folder of templates (no such folder)", path=str(root))
    sig = _signature(root)
    with _lock:
        cached = _folders.get(key)
        if cached is not None and cached[0] == sig:
            return cached[1]
    templates = read_folder(root)
    with _lock:
        _folders[key] = (sig, templates)
    return templates


def folder_list(folder: Folders) -> list[FolderLike]:
    """``folder`` as a list: ``None`` → ``[]``, one folder → ``[folder]``."""
    if folder is None:
        return []
    if isinstance(folder, (str, os.PathLike, Traversable)):
        return [folder]
    return list(folder)


def env_folders() -> list[FolderLike]:
    """The folders named in ``POSTCRAFT_TEMPLATES`` (``os.pathsep``-separated)."""
    return [p for p in os.environ.get(ENV_VAR, "").split(os.pathsep) if p.strip()]


def all_templates(folder: Folders = None) -> dict[str, Template]:
    """Every available template by id, later sources overriding earlier ones (see module docs)."""
    merged: dict[str, Template] = {}
    sources: Iterable[list[Template]] = [builtin_templates(), pack_templates()]
    for group in [*sources, *(folder_templates(f) for f in [*env_folders(), *folder_list(folder)])]:
        for t in group:
            merged[t.id] = t
    return merged


def _template_lang(lang: str) -> str:
    """:func:`postcraft.langs.normalize_lang`, with a message about templates."""
    try:
        return langs.normalize_lang(lang)
    except UnsupportedLanguageError as exc:
        raise UnsupportedLanguageError(
            exc.lang, f"templates exist in {langs.listing(codes=True)}, not {lang!r}"
        ) from None


def list_templates(
    *, lang: str | None = None, role: str | None = None, purpose: str | None = None, folder: Folders = None
) -> list[Template]:
    """Templates matching every filter given, sorted by id (see the package docs)."""
    code = _template_lang(lang) if lang is not None else None
    if role is not None and role not in ROLES:
        raise InputError(f"unknown role {role!r}; roles are {', '.join(ROLES)}")
    found = [
        t
        for t in all_templates(folder).values()
        if (code is None or t.lang == code)
        and (role is None or role in t.roles)
        and (purpose is None or t.purpose == purpose)
    ]
    return sorted(found, key=lambda t: t.id)


def get_template(template_id: str, *, folder: Folders = None) -> Template:
    """The template with this id; :class:`UnknownTemplateError` (with close ids) otherwise."""
    templates = all_templates(folder)
    found = templates.get(template_id)
    if found is not None:
        return found
    ids = sorted(templates)
    near = [i for i in ids if i.rsplit(".", 1)[0] == str(template_id)]
    near += [i for i in difflib.get_close_matches(str(template_id), ids, n=3, cutoff=0.6) if i not in near]
    raise UnknownTemplateError(str(template_id), near[:4])
