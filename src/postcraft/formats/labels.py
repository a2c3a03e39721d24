"""Words of the insights report per language (``data/insights.json``), number formats,
and :class:`Note`: a message with a code and values, written out in any language."""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

from ..langs import DEFAULT, fallbacks, localized, resolve


@lru_cache(maxsize=1)
def _table() -> dict[str, dict[str, str]]:
    data: dict[str, dict[str, str]] = json.loads(
        (resources.files("postcraft.formats") / "data" / "insights.json").read_text("utf-8")
    )
    return data


def text(lang: str | None, key: str, **values: Any) -> str:
    """The label ``key`` in ``lang`` (its fallback, English, when missing), formatted with ``values``.

    >>> text("da", "section.cadence")
    'Rytme'
    """
    table = _table()
    raw = next((table[code][key] for code in fallbacks(lang) if key in table.get(code, {})), None)
    if raw is None:
        raise KeyError(f"no label {key!r}")
    # numbers the reader's way (not grouped: a value may be a line number or a seed); {n:one|other}
    return raw.format_map(localized(values, lang, group=False)) if values else raw


def has(lang: str | None, key: str) -> bool:
    """True when ``key`` has a label (in ``lang`` or its fallbacks)."""
    table = _table()
    return any(key in table.get(code, {}) for code in fallbacks(lang))


def number(value: float | None, lang: str | None, digits: int = 1) -> str:
    """``value`` with ``digits`` decimals: ``1,234.5`` in English, ``1.234,5`` in Danish.

    >>> number(1234.56, "da"), number(1234.56, "en"), number(None, "en")
    ('1.234,6', '1,234.6', '–')
    """
    if value is None or (isinstance(value, float) and not math.isfinite(value)):
        return "–"
    return resolve(lang).number(value, digits)


def percent(value: float | None, lang: str | None, digits: int = 1) -> str:
    """A share or rate as a percentage: ``3.4 %`` / ``3,4 %``."""
    if value is None or not math.isfinite(value):
        return "–"
    return f"{number(value * 100, lang, digits)} %"


@dataclass(frozen=True)
class Note:
    """Something the reader should know about the data or a result (``code``, e.g.
    ``"partial_impressions"``, with ``values``); :meth:`message` writes it in a language."""

    code: str
    values: Mapping[str, Any] = field(default_factory=dict, hash=False)

    def message(self, lang: str | None = DEFAULT) -> str:
        """The note as a sentence in ``lang``."""
        vals = {k: _fmt(v, lang) for k, v in self.values.items()}
        return text(lang, "note." + self.code, **vals)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict with the message in :data:`~postcraft.langs.DEFAULT` (English)."""
        return {"code": self.code, "values": dict(self.values), "message": self.message(DEFAULT)}


def _fmt(value: Any, lang: str | None) -> Any:
    if isinstance(value, list | tuple):
        shown = [str(v) for v in value[:8]]
        more = len(value) - len(shown)
        joined = ", ".join(shown)
        return joined + (text(lang, "and_more", n=more) if more > 0 else "")
    if isinstance(value, float):
        return number(value, lang)
    return value
