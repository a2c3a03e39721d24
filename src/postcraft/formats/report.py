"""Reports over many draft files: finding lines that carry the file name, the summary line and
the JSON document of a run of ``postcraft check`` or ``postcraft review``.

A *file result* is anything with ``name`` (the file as reported), ``findings`` (a sequence of
findings), ``review`` (a Review or ``None``) and ``error`` (why the file could not be checked,
or ``None``); the command line passes its own small dataclass.

>>> from types import SimpleNamespace as F
>>> files = [F(name="a.txt", findings=(F(severity="error"), F(severity="suggestion")), review=None, error=None),
...          F(name="b.txt", findings=(), review=None, error=None)]
>>> summary_line(summarise(files))
'2 files, 1 with findings: 1 error, 0 warnings, 1 suggestion'
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, Protocol

from . import ui

SEVERITIES: tuple[str, ...] = ("error", "warning", "suggestion")
#: LinkedIn's limit for a post, in characters (as it counts them).
MAX_LENGTH = 3000


def severity_counts(findings: Iterable[Any]) -> dict[str, int]:
    """How many findings there are of each severity, every severity present (0 if none)."""
    counts = dict.fromkeys(SEVERITIES, 0)
    for f in findings:
        sev = str(f.severity)
        counts[sev] = counts.get(sev, 0) + 1
    return counts


class FileResult(Protocol):
    """What the report functions read from one file's result."""

    @property
    def name(self) -> str: ...
    @property
    def findings(self) -> Sequence[Any]: ...
    @property
    def review(self) -> Any: ...
    @property
    def error(self) -> str | None: ...


def summarise(files: Iterable[FileResult]) -> dict[str, Any]:
    """``{"files", "files_with_findings", "files_not_checked", "findings": {severity: n}}``."""
    files = list(files)
    return {
        "files": len(files),
        "files_with_findings": sum(1 for f in files if f.findings),
        "files_not_checked": sum(1 for f in files if f.error is not None),
        "findings": severity_counts(finding for f in files for finding in f.findings),
    }


def summary_line(summary: dict[str, Any], lang: str | None = None) -> str:
    """``3 files, 2 with findings: 1 error, 4 warnings, 2 suggestions`` (and how many files
    could not be checked, when any), in ``lang``."""
    counts = summary["findings"]
    line = ui.text(
        lang,
        "summary.files",
        files=ui.count(lang, summary["files"], "file"),
        with_findings=summary["files_with_findings"],
        errors=ui.count(lang, counts.get("error", 0), "error"),
        warnings=ui.count(lang, counts.get("warning", 0), "warning"),
        suggestions=ui.count(lang, counts.get("suggestion", 0), "suggestion"),
    )
    if summary.get("files_not_checked"):
        line += ui.text(lang, "summary.not_checked", n=summary["files_not_checked"])
    return line


def finding_lines(
    name: str, findings: Iterable[Any], *, details: bool = True, lang: str | None = None
) -> list[str]:
    """``FILE:line:column: severity rule message`` lines; with ``details`` each is followed by
    its replacements (labelled by what ``postcraft fix`` does with them) and help, in ``lang``."""
    out: list[str] = []
    for f in findings:
        severity = ui.text(lang, "severity." + str(f.severity))
        out.append(f"{name}:{f.line}:{f.column}: {severity:<10} {f.rule}  {f.message}")
        if not details:
            continue
        if f.replacements:
            key = "fix." + (f.applicability if f.applicability in ("safe", "unsafe") else "display")
            shown = " | ".join(
                repr(r) if (not r or r != r.strip() or "\n" in r) else r for r in f.replacements
            )
            out.append(f"    {ui.text(lang, key)}: {shown}")
        if f.help:
            out.append(f"    {ui.text(lang, 'help')}: {f.help}")
    return out


def file_record(result: FileResult, *, with_review: bool) -> dict[str, Any]:
    """One file as JSON: ``{"file", "findings"}`` (check), ``{"file", "review"}`` (review), or
    ``{"file", "error"}`` when it could not be checked."""
    if result.error is not None:
        return {"file": result.name, "error": result.error}
    if with_review and result.review is not None:
        return {"file": result.name, "review": result.review.to_dict()}
    return {"file": result.name, "findings": [f.to_dict() for f in result.findings]}


def files_document(files: Sequence[FileResult], *, with_review: bool) -> dict[str, Any]:
    """The JSON document of a run over several files: ``{"files": [...], "summary": {...}}``."""
    return {
        "files": [file_record(f, with_review=with_review) for f in files],
        "summary": summarise(files),
    }
