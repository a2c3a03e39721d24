"""JSON: any result's ``to_dict()``, written as UTF-8 JSON (``schema_version`` on reviews; see
``docs/json.md``).

>>> import postcraft
>>> dumps(postcraft.score_tone("I fixed the build today and learned a lot.")).startswith("{")
True
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any


def dumps(result: Any) -> str:
    """``result.to_dict()`` (or a plain value) as indented JSON with a final line break.

    Non-ASCII text stays readable (``ensure_ascii=False``).
    """
    data = result.to_dict() if hasattr(result, "to_dict") else result
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


@cache
def _schema_text() -> str:
    return (resources.files("postcraft.formats") / "data" / "review.schema.json").read_text("utf-8")


def schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of ``Review.to_dict()``, as shipped in the package
    (a fresh dict on every call; ``docs/schema/review.schema.json`` is a copy).

    >>> import postcraft
    >>> schema()["properties"]["schema_version"]["const"] == postcraft.SCHEMA_VERSION
    True
    """
    data: dict[str, Any] = json.loads(_schema_text())
    return data
