"""JSON Lines: one compact JSON object per line, for ``jq``, log shippers and line-by-line
readers. A review is one line; a run of the command line over files is one line per file
(``{"file": …, "findings": […]}`` from ``check``, ``{"file": …, "review": {…}}`` from
``review``, ``{"file": …, "error": …}`` for a file that could not be checked).

>>> import postcraft
>>> dumps(postcraft.review("I fixed the build today and learned a lot.")).count("\\n")
1
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any


def line(data: Any) -> str:
    """``data`` (or its ``to_dict()``) as one line of compact JSON, with its line break."""
    if hasattr(data, "to_dict"):
        data = data.to_dict()
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n"


def dumps(result: Any) -> str:
    """A review (or any result with ``to_dict()``) as one JSON line."""
    return line(result)


def lines(records: Iterable[Any]) -> str:
    """Several records, one a line."""
    return "".join(line(r) for r in records)
