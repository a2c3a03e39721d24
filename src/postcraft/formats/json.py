"""JSON: any result's ``to_dict()``, written as UTF-8 JSON (``schema_version`` on reviews; see
``docs/json.md``).

>>> import postcraft
>>> dumps(postcraft.score_tone("I fixed the build today and learned a lot.")).startswith("{")
True
"""

from __future__ import annotations

import json
import math
from functools import cache
from importlib import resources
from typing import Any

from ..errors import PostcraftError


def dumps(result: Any) -> str:
    """``result.to_dict()`` (or a plain value) as indented JSON with a final line break.

    Non-ASCII text stays readable (``ensure_ascii=False``). A NaN or infinite number (which
    JSON cannot carry; Python would print ``NaN``, which no JSON parser reads) raises a
    :class:`~postcraft.PostcraftError` naming where it is, instead of printing invalid JSON.

    >>> dumps({"personal": float("nan")})
    Traceback (most recent call last):
    postcraft.errors.PostcraftError: cannot write JSON: personal is nan, which JSON cannot hold
    """
    data = result.to_dict() if hasattr(result, "to_dict") else result
    try:
        return json.dumps(data, ensure_ascii=False, indent=2, allow_nan=False) + "\n"
    except ValueError:
        where, value = _first_bad_number(data, "")
        raise PostcraftError(
            f"cannot write JSON: {where or 'the value'} is {value}, which JSON cannot hold"
        ) from None


def _first_bad_number(data: Any, where: str) -> tuple[str, Any]:
    if isinstance(data, float) and not math.isfinite(data):
        return where, data
    items: Any = ()
    if isinstance(data, dict):
        items = ((f"{where}.{k}" if where else str(k), v) for k, v in data.items())
    elif isinstance(data, (list, tuple)):
        items = ((f"{where}[{i}]", v) for i, v in enumerate(data))
    for w, v in items:
        found = _first_bad_number(v, w)
        if found[0] or (isinstance(found[1], float) and not math.isfinite(found[1])):
            return found
    return "", None


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
