"""The languages postcraft supports, and per-language data found by language code.

Adding a language is this module's :data:`SUPPORTED` plus its data files (lemmas, tone model,
packs' messages, templates, labels): every module asks here which languages exist.

>>> SUPPORTED
('da', 'en')
>>> normalize_lang("da-DK"), name("da")
('da', 'Danish')
"""

from __future__ import annotations

from .errors import UnsupportedLanguageError

#: Language codes postcraft checks, in a fixed order.
SUPPORTED: tuple[str, ...] = ("da", "en")

#: The fallback for messages and labels missing in a language.
DEFAULT = "en"

_NAMES = {"da": "Danish", "en": "English"}


def normalize_lang(lang: object) -> str:
    """``"da"``, ``"DA"``, ``"da-DK"``, ``"da_DK"`` → ``"da"``; other languages raise
    :class:`~postcraft.UnsupportedLanguageError`."""
    code = str(lang).strip().lower().replace("_", "-").split("-")[0]
    if code not in SUPPORTED:
        raise UnsupportedLanguageError(code)
    return code


def name(code: str) -> str:
    """The English name of a supported language."""
    return _NAMES[code]


def pick(table: dict[str, str], lang: str | None) -> str:
    """The entry of ``table`` for ``lang``, else the :data:`DEFAULT` language's, else ``""``.

    >>> pick({"da": "Hej", "en": "Hi"}, "da"), pick({"en": "Hi"}, "da")
    ('Hej', 'Hi')
    """
    return table.get(lang or DEFAULT) or table.get(DEFAULT, "")
