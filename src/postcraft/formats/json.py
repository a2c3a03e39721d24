"""JSON: any result's ``to_dict()``, written as UTF-8 JSON (``schema_version`` on reviews; see
``docs/json.md``).

>>> import postcraft
>>> dumps(postcraft.score_tone("I fixed the build today and learned a lot.")).startswith("{")
True
"""

from __future__ import annotations

import json
from typing import Any


def dumps(result: Any) -> str:
    """``result.to_dict()`` (or a plain value) as indented JSON with a final line break.

    Non-ASCII text stays readable (``ensure_ascii=False``).
    """
    data = result.to_dict() if hasattr(result, "to_dict") else result
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
