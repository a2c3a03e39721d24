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
import threading
from collections import OrderedDict
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar, cast

from .errors import InputError

BOM = "\ufeff"
T = TypeVar("T")

#: Largest draft read, in bytes (128 KiB). A LinkedIn post holds at most 3,000 characters
#: (12 kB of UTF-8 at most) and an article about 110,000, so any real draft fits, while the
#: worst accepted draft still reviews in about a second and a few hundred MB (measured:
#: docs/guidelines.md). ``-`` and files alike are read only up to this size plus one byte;
#: a longer draft is refused with an InputError.
MAX_DRAFT_BYTES = 131_072
#: Largest configuration file read (guideline, tone model), in bytes (8 MiB).
MAX_CONFIG_BYTES = 8 * 1_048_576

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


def read_limited(name: str | os.PathLike[str], limit: int, *, what: str = "file") -> bytes:
    """The bytes of a regular file (or ``-``, standard input), at most ``limit`` of them.

    Reads at most ``limit + 1`` bytes, so ``/dev/zero`` or an endless pipe costs nothing; refuses
    anything that is not a regular file (a FIFO, a device, a folder) before opening it, so
    nothing waits for a writer. Raises :class:`~postcraft.InputError` naming ``name``.

    >>> read_limited("/dev/zero", 10)
    Traceback (most recent call last):
    postcraft.errors.InputError: /dev/zero: not a regular file (a character device); give a file
    """
    label = str(name)
    try:
        if label == "-":
            data = sys.stdin.buffer.read(limit + 1)
        else:
            st = os.stat(name)
            if stat.S_ISDIR(st.st_mode):
                raise InputError(f"{label}: is a directory, not a {what}")
            if not stat.S_ISREG(st.st_mode):
                raise InputError(f"{label}: not a regular file ({_kind(st.st_mode)}); give a {what}")
            if st.st_size > limit:
                raise InputError(_too_big(label, what, limit))
            # O_NONBLOCK: should the path have been swapped for a FIFO since the check, open
            # does not wait for a writer
            fd = os.open(name, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
            with os.fdopen(fd, "rb") as fh:
                if not stat.S_ISREG(os.fstat(fh.fileno()).st_mode):
                    raise InputError(f"{label}: not a regular file; give a {what}")
                data = fh.read(limit + 1)
    except FileNotFoundError:
        raise InputError(f"{label}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{label}: is a directory, not a {what}") from None
    except OSError as exc:
        raise InputError(f"{label}: cannot read ({exc.strerror})") from None
    if len(data) > limit:
        raise InputError(_too_big(label, what, limit))
    return data


def _kind(mode: int) -> str:
    for test, name in (
        (stat.S_ISFIFO, "a named pipe"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
        (stat.S_ISSOCK, "a socket"),
    ):
        if test(mode):
            return name
    return "not a file"


def _too_big(label: str, what: str, limit: int) -> str:
    return f"{label}: larger than {limit:,} bytes, the most postcraft reads for a {what}"


def read_draft(name: str | os.PathLike[str]) -> tuple[str, str]:
    """``(bom, text)`` of a draft file or ``-``: ``bom`` is ``"\\ufeff"`` when the file starts
    with a UTF-8 byte-order mark (so it can be written back the same way), else ``""``.

    At most :data:`MAX_DRAFT_BYTES` are read; a longer draft, a FIFO or a device is refused
    with :class:`~postcraft.InputError`."""
    label = str(name)
    data = read_limited(name, MAX_DRAFT_BYTES, what="draft file")
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
    it was and an :class:`~postcraft.InputError` says why in one line."""
    import tempfile  # here, not at the top: a review that writes nothing does not import it

    path = Path(path)
    folder = path.resolve().parent
    tmp: str | None = None
    try:
        fd, tmp = tempfile.mkstemp(dir=folder, prefix="." + path.name + ".", suffix=".tmp")
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
        if tmp is not None:
            try:
                os.unlink(tmp)
            except OSError:
                pass
        if isinstance(exc, OSError):
            raise InputError(
                f"{path}: could not write the fixed draft ({exc.strerror}); the original is unchanged"
            ) from None
        raise


def write_fixed(path: str | os.PathLike[str], data: bytes, original: bytes) -> None:
    """Write a fixed draft back over ``path``, which was read as ``original``; or refuse with an
    :class:`~postcraft.InputError` (one line, nothing written) when that would lose something:

    - the file changed since it was read (its bytes are compared again right before the
      replacement: text someone added meanwhile is never overwritten);
    - it is read-only (no write permission bit, even for root), or its folder is;
    - it has several hard links: an atomic replacement would split them (the other names
      would keep the old text), so postcraft refuses rather than writing in place
      non-atomically; fix a copy, or use ``--dry-run`` and apply the diff.

    A symbolic link is followed: the file it points to is replaced and the link stays.

    >>> import os, tempfile
    >>> path = os.path.join(tempfile.mkdtemp(), "draft.txt")
    >>> write_atomic(path, b"old")
    >>> write_fixed(path, b"new", b"old"); open(path).read()
    'new'
    >>> write_fixed(path, b"newer", b"old")
    Traceback (most recent call last):
    postcraft.errors.InputError: ...: changed since it was read; nothing written (run the fix again)
    """
    label = str(path)
    real = Path(os.path.realpath(path))
    try:
        st = os.stat(real)
        folder_st = os.stat(real.parent)
    except FileNotFoundError:
        raise InputError(f"{label}: removed since it was read; nothing written") from None
    except OSError as exc:
        raise InputError(f"{label}: cannot check the file ({exc.strerror}); nothing written") from None
    if not stat.S_ISREG(st.st_mode):
        raise InputError(f"{label}: no longer a regular file; nothing written")
    if not st.st_mode & 0o222 or not os.access(real, os.W_OK):
        raise InputError(f"{label}: the file is read-only; nothing written")
    if not folder_st.st_mode & 0o222 or not os.access(real.parent, os.W_OK | os.X_OK):
        raise InputError(
            f"{label}: its folder {real.parent} is read-only, so the file cannot be replaced; nothing written"
        )
    if st.st_nlink > 1:
        raise InputError(
            f"{label}: the file has {st.st_nlink} hard links and replacing it would split them; "
            "nothing written (fix a copy, or use --dry-run and apply the diff)"
        )
    try:
        current = read_limited(real, max(len(original), MAX_DRAFT_BYTES), what="draft file")
    except InputError:
        current = None
    if current != original:
        raise InputError(f"{label}: changed since it was read; nothing written (run the fix again)")
    write_atomic(real, data)
