"""The languages postcraft supports: one module per language, found by scanning this package.

Each module here whose name does not start with ``_`` (``da.py``, ``en.py``) defines
``LANGUAGE``, a :class:`Language` with what the *code* needs to know (names, number separators,
the fallback language, prepositions before an organisation, lemma fixes, …). A language's
*words* are data files found by its code; :data:`DATA_REQUIRED` and :data:`DATA_OPTIONAL` list
them. Every other module asks here which languages exist, so adding a language is one module
here plus its data files (see docs/architecture.md, "Languages").

>>> SUPPORTED
('da', 'en')
>>> normalize_lang("da-DK"), name("da"), get("da").number(1234.5, 1)
('da', 'Danish', '1.234,5')
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Mapping
from types import MappingProxyType
from typing import Any, TypeVar

from ..errors import InputError, MissingLanguageDataError, UnsupportedLanguageError
from ..errors import language_name as _identified_name
from ._language import Language

__all__ = [
    "DATA_OPTIONAL",
    "DATA_REQUIRED",
    "DEFAULT",
    "LANGUAGES",
    "SUPPORTED",
    "Language",
    "fallbacks",
    "get",
    "lang_hint",
    "language_name",
    "listing",
    "localized",
    "lookup",
    "name",
    "normalize_lang",
    "per_lang_example",
    "pick",
    "require",
    "resolve",
    "unsupported",
]

V = TypeVar("V")


def _discover() -> dict[str, Language]:
    found: dict[str, Language] = {}
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda i: i.name):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{__name__}.{info.name}")
        lang = getattr(module, "LANGUAGE", None)
        if not isinstance(lang, Language) or lang.code != info.name:
            raise ImportError(f"{module.__name__} must define LANGUAGE = Language(code={info.name!r}, …)")
        found[lang.code] = lang
    roots = [lang.code for lang in found.values() if lang.fallback is None]
    if len(roots) != 1:
        raise ImportError(f"exactly one language must have fallback=None, not {roots}")
    for lang in found.values():
        if lang.fallback is not None and lang.fallback not in found:
            raise ImportError(f"the fallback of {lang.code!r} is {lang.fallback!r}, which is not a language")
    return found


#: Every supported language by code.
LANGUAGES: Mapping[str, Language] = MappingProxyType(_discover())

#: Language codes postcraft checks, in a fixed (alphabetical) order.
SUPPORTED: tuple[str, ...] = tuple(LANGUAGES)

#: The language every message and label exists in; the end of every fallback chain, the
#: language of JSON messages and logs, and the guess when a text has no language evidence.
DEFAULT: str = next(lang.code for lang in LANGUAGES.values() if lang.fallback is None)

#: The data a language must have, relative to ``src/postcraft`` (``{code}`` is the language code;
#: ``file: key`` is a section of a shared file). Without one of them postcraft raises
#: :class:`~postcraft.errors.MissingLanguageDataError` naming it (the rule packs: a
#: :class:`~postcraft.ConfigError` naming the pack and rule). ``tests/test_langs.py`` checks this
#: by adding a language that has none of them.
DATA_REQUIRED: tuple[str, ...] = (
    "analysis/data/{code}_lemmas.marisa",
    "tone/models/tone-{code}.json",
    "tone/data/lexicon.yaml: {code}",
    "tags/data/hashtags.{code}.yaml",
    "rules/packs/*.yaml: message.{code} of every rule (or a rule's lang: list leaves {code} out)",
)

#: Data a language should have; without it texts come from the language's fallback (English),
#: or the feature has nothing to offer in that language.
DATA_OPTIONAL: tuple[str, ...] = (
    "analysis/data/langid.json: {code}",  # without it, detection never picks the language: pass lang=
    "tone/data/hints.yaml: {code} of every hint",
    "tags/data/messages.yaml: {code}",
    "tags/data/name_words.yaml: words.{code}, followers.{code}, function_words.{code}, capitalised.{code}",
    "rules/data/messages.yaml: {code}",
    "lsp/data/messages.yaml: {code}",
    "formats/html/data/labels.json: {code}, and lang.{code} in every language",
    "formats/data/insights.json: {code}",
    "templates/builtin/{code}/*.{code}.j2",
)


def normalize_lang(lang: object) -> str:
    """``"da"``, ``"DA"``, ``"da-DK"``, ``"da_DK"`` → ``"da"``; other languages raise
    :class:`~postcraft.UnsupportedLanguageError`; a ``lang`` that is not a str, InputError."""
    if not isinstance(lang, str):
        raise InputError(f"lang must be a language code such as {DEFAULT!r} (a str) or None, not {lang!r}")
    code = str(lang).strip().lower().replace("_", "-").split("-")[0]
    if code not in LANGUAGES:
        raise unsupported(code)
    return code


def get(lang: object) -> Language:
    """The :class:`Language` of a code (normalised as by :func:`normalize_lang`, which raises)."""
    return LANGUAGES[normalize_lang(lang)]


def resolve(lang: str | None) -> Language:
    """The :class:`Language` of a supported code, else :data:`DEFAULT`'s (for display)."""
    return LANGUAGES.get(lang or DEFAULT) or LANGUAGES[DEFAULT]


def from_locale(environ: Mapping[str, str] | None = None) -> str:
    """The supported language of the user's locale (``LC_ALL``, ``LC_MESSAGES``, ``LANG``, as
    POSIX orders them), else :data:`DEFAULT`.

    >>> from_locale({"LANG": "da_DK.UTF-8"}), from_locale({"LANG": "C.UTF-8"})
    ('da', 'en')
    """
    import os

    env = os.environ if environ is None else environ
    for key in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(key, "")
        if value:
            code = value.split(".")[0].replace("_", "-").split("-")[0].lower()
            return code if code in LANGUAGES else DEFAULT
    return DEFAULT


def name(code: str) -> str:
    """The English name of a supported language."""
    return LANGUAGES[code].name


def language_name(code: str) -> str:
    """The English name of any language code postcraft can identify, or the code itself."""
    lang = LANGUAGES.get(code)
    return lang.name if lang is not None else _identified_name(code)


def fallbacks(lang: str | None) -> tuple[str, ...]:
    """Where texts in ``lang`` are looked up, in order: ``lang``, its fallbacks, :data:`DEFAULT`.

    >>> fallbacks("da"), fallbacks(None)
    (('da', 'en'), ('en',))
    """
    chain: list[str] = []
    code: str | None = lang or DEFAULT
    while code is not None and code not in chain:
        chain.append(code)
        known = LANGUAGES.get(code)
        code = known.fallback if known is not None else DEFAULT
    return tuple(chain)


def lookup(table: Mapping[str, V], lang: str | None) -> V:
    """The part of a per-language ``table`` for ``lang``, or for the first of its
    :func:`fallbacks` the table has (a ``KeyError`` when it has none of them)."""
    for code in fallbacks(lang):
        if code in table:
            return table[code]
    raise KeyError(lang)


def pick(table: Mapping[str, str], lang: str | None) -> str:
    """The first non-empty entry of ``table`` along ``lang``'s :func:`fallbacks`, else ``""``.

    >>> pick({"da": "Hej", "en": "Hi"}, "da"), pick({"en": "Hi"}, "da")
    ('Hej', 'Hi')
    """
    for code in fallbacks(lang):
        if table.get(code):
            return table[code]
    return ""


def require(table: Mapping[str, V], lang: str, what: str) -> V:
    """``table[lang]`` for data every language must have; else a
    :class:`~postcraft.errors.MissingLanguageDataError` naming ``what`` (e.g.
    ``"tone/data/lexicon.yaml: sv"``)."""
    if lang not in table:
        raise MissingLanguageDataError(lang, what)
    return table[lang]


def _joined(items: list[str], word: str) -> str:
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} {word} {items[-1]}"


def listing(*, codes: bool = False) -> str:
    """The supported languages in words, for messages and help texts.

    >>> listing(), listing(codes=True)
    ('Danish and English', "Danish ('da') and English ('en')")
    """
    return _joined(
        [f"{lang.name} ({lang.code!r})" if codes else lang.name for lang in LANGUAGES.values()], "and"
    )


def per_lang_example(value: str = "…") -> str:
    """How a per-language setting is written in YAML, for error messages.

    >>> per_lang_example("'…'")
    "{da: '…', en: '…'}"
    """
    return "{" + ", ".join(f"{code}: {value}" for code in SUPPORTED) + "}"


def lang_hint() -> str:
    """How to force a language: ``lang='da' or lang='en'``."""
    return _joined([f"lang={code!r}" for code in SUPPORTED], "or")


def unsupported(code: str) -> UnsupportedLanguageError:
    """The error for a text or setting in a language postcraft does not support."""
    return UnsupportedLanguageError(
        code,
        f"postcraft supports {listing(codes=True)}, but this text looks like {language_name(code)} "
        f"({code!r}). Pass {lang_hint()} if that is wrong.",
    )


class _Values(dict[str, Any]):
    """Message values; a placeholder without a value is left empty."""

    def __missing__(self, key: str) -> str:
        return ""


class _Number:
    """A number in a message, written with the reader's separators (``{value}`` → ``3.640`` in
    Danish, ``{personal:.2f}`` → ``0,08``)."""

    __slots__ = ("group", "language", "value")

    def __init__(self, value: float, language: Language, group: bool = True) -> None:
        self.value = value
        self.language = language
        self.group = group

    def __format__(self, spec: str) -> str:
        if "|" in spec:  # {over:character|characters}: the number and its count word
            return f"{self} {self.language.plural(self.value, spec.split('|'))}"
        return self.language.formatted(self.value, spec or ("," if self.group else ""))

    def __str__(self) -> str:
        return self.language.formatted(self.value, "," if self.group else "")


class _Text(str):
    """A text value in a message: a spec only numbers use (count words ``{match:word|words}``,
    decimals ``{match:.2f}``) leaves the text as it is instead of failing."""

    __slots__ = ()

    def __format__(self, spec: str) -> str:
        if "|" in spec or spec.endswith(("f", "%")) or spec.startswith((".", ",")):
            return str(self)
        return super().__format__(spec)


def localized(values: Mapping[str, Any], lang: str | None, *, group: bool = True) -> dict[str, Any]:
    """Message values with every number wrapped to be written in ``lang``'s way (``group``:
    thousands separated; off for values that may be line numbers or seeds). A format spec
    ``{n:one|other}`` writes the number and its count word.

    >>> "{value} / {personal:.2f}".format_map(localized({"value": 3640, "personal": 0.08}, "da"))
    '3.640 / 0,08'
    >>> "Cut {over:character|characters}.".format_map(localized({"over": 1}, "en"))
    'Cut 1 character.'
    """
    language = resolve(lang)
    return _Values(
        {
            k: _Number(v, language, group)
            if isinstance(v, int | float) and not isinstance(v, bool)
            else _Text(v)
            if isinstance(v, str)
            else v
            for k, v in values.items()
        }
    )
