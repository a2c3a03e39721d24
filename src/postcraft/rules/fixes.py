"""Apply the safe fixes of findings, from the end of the text backwards, never overlapping."""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from ..errors import InputError
from .finding import Finding


def plan_fixes(text: str, findings: Iterable[Finding]) -> list[Finding]:
    """The findings whose fix :func:`apply_fixes` applies, last first: safe ones with a
    replacement and a span inside ``text``; of overlapping ones the later one wins."""
    cands = [f for f in findings if f.safe_fix and f.replacements and 0 <= f.start <= f.end <= len(text)]
    cands.sort(key=lambda f: (f.start, f.end), reverse=True)
    chosen: list[Finding] = []
    limit = len(text) + 1
    for f in cands:
        if f.end > limit or f.start >= limit:
            continue
        chosen.append(f)
        limit = f.start
    return chosen


def apply_fixes(text: str, findings: Iterable[Finding]) -> str:
    """Apply the first replacement of every finding marked ``safe_fix`` (CamelCase hashtags,
    substitutions of the exact term, escaping, doubled words). Overlapping fixes are skipped,
    so text outside the fixed spans is never changed.

    >>> from postcraft.rules import check
    >>> apply_fixes("Go #employeeadvocacy", check("Go #employeeadvocacy", lang="en"))
    'Go #EmployeeAdvocacy'
    """
    out = text
    for f in plan_fixes(text, findings):
        out = out[: f.start] + f.replacements[0] + out[f.end :]
    return out


def _read(path: Path) -> tuple[bytes, str]:
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a directory, not a draft file") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror})") from None
    bom = b"\xef\xbb\xbf" if data.startswith(b"\xef\xbb\xbf") else b""
    try:
        return bom, data[len(bom) :].decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(f"{path}: not valid UTF-8 (byte {exc.start}); save the draft as UTF-8") from None


def write_atomic(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` atomically (temporary file in the same folder, then
    ``os.replace``); on any failure the original file is left as it was."""
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


def fix_text(
    text: str, guidelines: Any = None, lang: str | None = None, disable: Iterable[str] = ()
) -> tuple[str, list[Finding]]:
    """Check ``text`` and apply its safe fixes: (fixed text, the findings that were fixed)."""
    from .engine import check

    findings = check(text, guidelines=guidelines, lang=lang, disable=disable)
    plan = plan_fixes(text, findings)
    return apply_fixes(text, plan), plan


def fix_file(
    path: str | os.PathLike[str],
    guidelines: str | os.PathLike[str] | Mapping[str, Any] | None = None,
    lang: str | None = None,
) -> int:
    """Apply the safe fixes to a draft file in place, atomically; returns how many were applied.

    The file is written only when something changed; a UTF-8 byte-order mark and line endings
    are kept. Inline markers stay in the file.
    """
    p = Path(path)
    bom, text = _read(p)
    fixed, plan = fix_text(text, guidelines, lang)
    if plan and fixed != text:
        write_atomic(p, bom + fixed.encode("utf-8"))
    return len(plan)
