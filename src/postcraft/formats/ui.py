"""postcraft's own words in the reader's language (``data/ui.json``): the headings and labels of
the text reports, the command line's messages, and count words with their plural forms.

Numbers in a label are written the reader's way (``3.640`` and ``0,12`` in Danish), and
``{n:one|other}`` writes a count with its word. A label missing in a language comes from its
fallback (English).

>>> text("da", "review.fold_after", n=140), count("en", 1, "error"), count("da", 1234, "warning")
('efter 140 tegn', '1 error', '1.234 advarsler')
"""

from __future__ import annotations

import json
from functools import lru_cache
from typing import Any

from ..langs import fallbacks, localized, resolve
from ..yamlsrc import package_files

__all__ = ["count", "has", "text", "word"]


@lru_cache(maxsize=1)
def _table() -> dict[str, dict[str, Any]]:
    data: dict[str, dict[str, Any]] = json.loads(
        (package_files("postcraft.formats") / "data" / "ui.json").read_text("utf-8")
    )
    return data


def _raw(lang: str | None, key: str) -> Any:
    table = _table()
    for code in fallbacks(lang):
        if key in table.get(code, {}):
            return table[code][key]
    raise KeyError(f"no label {key!r} in formats/data/ui.json")


def has(lang: str | None, key: str) -> bool:
    """True when ``key`` has a label in ``lang`` or its fallbacks."""
    try:
        _raw(lang, key)
    except KeyError:
        return False
    return True


def text(lang: str | None, key: str, **values: Any) -> str:
    """The label ``key`` in ``lang``, filled with ``values`` (numbers written the reader's way)."""
    raw = str(_raw(lang, key))
    return raw.format_map(localized(values, lang)) if values else raw


def word(lang: str | None, n: float, noun: str) -> str:
    """The form of the count word ``noun`` for ``n``, without the number: ``"fejl"``, ``"advarsler"``."""
    forms = _raw(lang, "count." + noun)
    return resolve(lang).plural(n, forms)


def count(lang: str | None, n: float, noun: str) -> str:
    """``n`` with its count word: ``"1 error"``, ``"2 errors"``, ``"3 advarsler"``."""
    return f"{resolve(lang).formatted(n)} {word(lang, n, noun)}"
