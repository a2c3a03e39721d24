"""Reading drafts and writing them back: UTF-8 with or without a byte-order mark, clear errors,
atomic replacement; and :func:`cached_file`, the one cache of files loaded until they change.

>>> import os, tempfile
>>> folder = tempfile.mkdtemp()
>>> path = os.path.join(folder, "draft.txt")
>>> write_atomic(path, "Hej 👋\\n".encode("utf-8"))
>>> read_draft(path)
('', 'Hej 👋\\n')
"""

from __future__ import annotations

import os
import stat
import sys
import tempfile
import threading
from collections import OrderedDict
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar, cast

from .errors import InputError

BOM = "\ufeff"
T = TypeVar("T")

#: How many loaded files :func:`cached_file` keeps (the least recently used go first).
FILE_CACHE_SIZE = 32
#: Guards ``_FILES``, which every thread that loads a guideline or roster file reads and changes.
_FILES_LOCK = threading.Lock()
_FILES: OrderedDict[tuple[Any, str, int, int], Any] = OrderedDict()


def cached_file(path: str | os.PathLike[str], loader: Callable[[str | os.PathLike[str]], T]) -> T:
    """``loader(path)``, remembered until the file changes: the key is ``loader``, the resolved
    path, its modification time (ns) and its size, so pass a module-level function (a new
    lambda each call would never hit). At most :data:`FILE_CACHE_SIZE` values are kept.
    Thread-safe; two threads that miss at once may both load, and the later result is kept.
    An :class:`OSError` from looking at the file (``FileNotFoundError`` …) is the caller's to
    word; ``loader``'s errors pass through and nothing is cached.

    >>> import os, tempfile
    >>> path = os.path.join(tempfile.mkdtemp(), "names.txt")
    >>> with open(path, "w") as fh:
    ...     _ = fh.write("Ole")
    >>> def read(p): return open(p).read().split()
    >>> cached_file(path, read) is cached_file(path, read)
    True
    >>> with open(path, "w") as fh:
    ...     _ = fh.write("Ole Mette")
    >>> cached_file(path, read)
    ['Ole', 'Mette']
    """
    st = os.stat(path)
    key = (loader, str(Path(path).resolve()), st.st_mtime_ns, st.st_size)
    with _FILES_LOCK:
        if key in _FILES:
            _FILES.move_to_end(key)
            return cast(T, _FILES[key])
    value = loader(path)
    with _FILES_LOCK:
        _FILES[key] = value
        while len(_FILES) > FILE_CACHE_SIZE:
            _FILES.popitem(last=False)
    return value


def clear_file_cache() -> None:
    """Forget every file :func:`cached_file` remembers."""
    with _FILES_LOCK:
        _FILES.clear()


def read_input(name: str | os.PathLike[str]) -> str:
    """A draft from a file or ``-`` (standard input) as text, without a byte-order mark.

    Raises :class:`~postcraft.InputError` for a missing file, a folder, an unreadable file or
    bytes that are not UTF-8.
    """
    return read_draft(name)[1]


def read_draft(name: str | os.PathLike[str]) -> tuple[str, str]:
    """``(bom, text)`` of a draft file or ``-``: ``bom`` is ``"\\ufeff"`` when the file starts
    with a UTF-8 byte-order mark (so it can be written back the same way), else ``""``."""
    label = str(name)
    try:
        data = sys.stdin.buffer.read() if label == "-" else Path(name).read_bytes()
    except FileNotFoundError:
        raise InputError(f"{label}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{label}: is a directory, not a draft file") from None
    except OSError as exc:
        raise InputError(f"{label}: cannot read ({exc.strerror})") from None
    bom = BOM if data.startswith(BOM.encode("utf-8")) else ""
    try:
        return bom, data[len(bom.encode("utf-8")) :].decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(
            f"{label}: not valid UTF-8 (byte {exc.start + len(bom.encode('utf-8'))}); "
            "save the draft as UTF-8 and try again"
        ) from None


def write_atomic(path: str | os.PathLike[str], data: bytes) -> None:
    """Replace ``path`` with ``data`` atomically (a temporary file in the same folder, then
    ``os.replace``), keeping the file's permissions; on any failure the original file is left as
    it was."""
    path = Path(path)
    folder = path.resolve().parent
    fd, tmp = tempfile.mkstemp(dir=folder, prefix="." + path.name + ".", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        try:
            os.chmod(tmp, stat.S_IMODE(os.stat(path).st_mode))
        except OSError:
            pass
        os.replace(tmp, path)
    except BaseException as exc:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        if isinstance(exc, OSError):
            raise InputError(
                f"{path}: could not write the fixed draft ({exc.strerror}); the original is unchanged"
            ) from None
        raise
