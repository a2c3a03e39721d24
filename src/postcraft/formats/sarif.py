"""SARIF 2.1.0 (the OASIS Static Analysis Results Interchange Format): what GitHub code
scanning, Azure DevOps and many editors import. One run; one result per finding, with its
rule, level, message, region and, for safe and unsafe fixes, the fix.

Columns count Unicode code points (``columnKind: unicodeCodePoints``), as the findings do; a
region's ``endColumn`` is the column just after it. Severities map to levels: ``error`` →
``error``, ``warning`` → ``warning``, ``suggestion`` → ``note``. A file that could not be
checked becomes a tool notification and makes the invocation unsuccessful.

>>> import json, postcraft
>>> log = json.loads(dumps(postcraft.review("Stor dag i dag 🎉 #grønomstilling")))
>>> log["version"], log["runs"][0]["results"][0]["ruleId"]
('2.1.0', 'linkedin.hashtags.camelcase')
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import PurePath
from typing import Any
from urllib.parse import quote

from .._version import __version__
from .report import FileResult

SCHEMA_URI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
LEVELS = {"error": "error", "warning": "warning", "suggestion": "note"}
INFORMATION_URI = "https://pypi.org/project/postcraft/"


def uri(name: str) -> str:
    """A file name as a SARIF URI: absolute paths as ``file:`` URIs, relative ones as
    percent-encoded relative references with ``/``.

    >>> uri("drafts/uge 12.txt"), uri("/tmp/a.txt")
    ('drafts/uge%2012.txt', 'file:///tmp/a.txt')
    """
    p = PurePath(name)
    if p.is_absolute():
        return "file://" + quote(p.as_posix() if p.as_posix().startswith("/") else "/" + p.as_posix())
    return quote(p.as_posix())


def _region(f: Any) -> dict[str, Any]:
    return {
        "startLine": f.line,
        "startColumn": f.column,
        "endLine": f.end_line,
        "endColumn": f.end_column,
        "charOffset": f.start,
        "charLength": f.end - f.start,
    }


def _result(f: Any, artifact: dict[str, Any], rule_index: int) -> dict[str, Any]:
    out: dict[str, Any] = {
        "ruleId": f.rule,
        "ruleIndex": rule_index,
        "level": LEVELS.get(str(f.severity), "note"),
        "message": {"text": f.message},
        "locations": [{"physicalLocation": {"artifactLocation": artifact, "region": _region(f)}}],
    }
    if f.replacements and f.applicability in ("safe", "unsafe"):
        out["fixes"] = [
            {
                "description": {
                    "text": f"{'safe' if f.applicability == 'safe' else 'unsafe'} fix: {f.replacements[0]}"
                },
                "artifactChanges": [
                    {
                        "artifactLocation": artifact,
                        "replacements": [
                            {"deletedRegion": _region(f), "insertedContent": {"text": f.replacements[0]}}
                        ],
                    }
                ],
            }
        ]
    if f.applicability is not None:
        out["properties"] = {"applicability": f.applicability}
    return out


def sarif_log(files: Sequence[FileResult]) -> dict[str, Any]:
    """The SARIF log (as data) of a run over ``files``."""
    rules: list[dict[str, Any]] = []
    index: dict[str, int] = {}
    results: list[dict[str, Any]] = []
    artifacts: list[dict[str, Any]] = []
    notifications: list[dict[str, Any]] = []
    for i, fr in enumerate(files):
        location = {"uri": uri(fr.name)}
        artifacts.append({"location": location})
        artifact = {**location, "index": i}
        if fr.error is not None:
            notifications.append(
                {
                    "level": "error",
                    "message": {"text": fr.error},
                    "locations": [{"physicalLocation": {"artifactLocation": artifact}}],
                }
            )
            continue
        for f in fr.findings:
            if f.rule not in index:
                index[f.rule] = len(rules)
                rule: dict[str, Any] = {
                    "id": f.rule,
                    "shortDescription": {"text": f.rule},
                    "defaultConfiguration": {"level": LEVELS.get(str(f.severity), "note")},
                }
                if f.help:
                    rule["help"] = {"text": f.help}
                rules.append(rule)
            results.append(_result(f, artifact, index[f.rule]))
    invocation: dict[str, Any] = {"executionSuccessful": not notifications}
    if notifications:
        invocation["toolExecutionNotifications"] = notifications
    return {
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "postcraft",
                        "version": __version__,
                        "informationUri": INFORMATION_URI,
                        "rules": rules,
                    }
                },
                "invocations": [invocation],
                "artifacts": artifacts,
                "columnKind": "unicodeCodePoints",
                "results": results,
            }
        ],
    }


def dumps_files(files: Sequence[FileResult]) -> str:
    """The SARIF log of a run over ``files`` as indented JSON."""
    return json.dumps(sarif_log(files), ensure_ascii=False, indent=2) + "\n"


class _One:
    def __init__(self, review: Any, name: str) -> None:
        self.name = name
        self.review = review
        self.error: str | None = None
        self.findings: Sequence[Any] = tuple(review.findings)


def dumps(review: Any, name: str = "draft.txt") -> str:
    """One review as a SARIF log, its file called ``name``."""
    return dumps_files([_One(review, name)])
