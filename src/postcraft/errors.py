"""The one exception family of postcraft.

Every error postcraft raises on purpose is a :class:`PostcraftError`; catch that one
class to handle them all. Messages say what is wrong, where, and what to do.
"""

from __future__ import annotations

from typing import Any


class PostcraftError(Exception):
    """Base class of every error postcraft raises on purpose.

    Errors survive pickling with their message and attributes (``lang``, ``path``, ``line``,
    …), so an error raised in a worker process reaches the caller intact.
    """

    def __reduce__(self) -> Any:
        return (_rebuild, (type(self), self.args, dict(self.__dict__)))


class UnsupportedLanguageError(PostcraftError):
    """The text is in a language postcraft does not support (:data:`postcraft.langs.SUPPORTED`).

    ``lang`` is the language code postcraft saw (``"de"``, ``"sv"``, ``"nb"``, …) or a
    script name such as ``"cyrillic"`` when it could only tell the writing system.
    """

    def __init__(self, lang: str, message: str | None = None) -> None:
        self.lang = lang
        super().__init__(message or f"postcraft does not support {language_name(lang)} ({lang!r}).")


class MissingLanguageDataError(PostcraftError, LookupError):
    """A supported language lacks a data file, or a section of a shared one, that postcraft
    needs (see :data:`postcraft.langs.DATA_REQUIRED`). ``lang`` is the language code and ``what``
    the data file (relative to the ``postcraft`` package, ``file: section`` for a section)."""

    def __init__(self, lang: str, what: str) -> None:
        self.lang = lang
        self.what = what
        super().__init__(
            f"postcraft has no {what} for language {lang!r}: add it (see postcraft.langs.DATA_REQUIRED)"
        )


class ConfigError(PostcraftError):
    """A configuration file (guidelines, roster, template) is wrong.

    ``path`` and ``line`` (1-based, may be ``None``) say where.
    """

    def __init__(self, message: str, *, path: str | None = None, line: int | None = None) -> None:
        self.path = path
        self.line = line
        where = ""
        if path is not None:
            where = f"{path}:{line}: " if line is not None else f"{path}: "
        super().__init__(where + message)


class InputError(PostcraftError):
    """Input that cannot be read (a missing file, bytes that are not UTF-8, a bad argument)."""


class WorkerError(PostcraftError):
    """A worker process of :func:`postcraft.review_many` died (killed, out of memory) or could
    not start; the message says which texts were lost and what to do."""


class MissingDependencyError(PostcraftError):
    """An optional dependency (such as pandas or openpyxl) is needed for this call but is not
    installed; the message says which extra to install."""


#: Languages that language identification knows but postcraft does not check (the supported
#: ones are named in their :mod:`postcraft.langs` module).
_NAMES = {
    "nb": "Norwegian",
    "sv": "Swedish",
    "de": "German",
    "nl": "Dutch",
    "fr": "French",
    "es": "Spanish",
    "it": "Italian",
    "pt": "Portuguese",
    "fi": "Finnish",
    "pl": "Polish",
}


def _rebuild(cls: type[PostcraftError], args: tuple[Any, ...], state: dict[str, Any]) -> PostcraftError:
    err = cls.__new__(cls, *args)
    err.args = args
    err.__dict__.update(state)
    return err


def language_name(code: str) -> str:
    """The English name of a language code postcraft can identify but does not support, or the
    code itself (:func:`postcraft.langs.language_name` covers every code)."""
    return _NAMES.get(code, code)


class PostcraftWarning(UserWarning):
    """Something postcraft skipped so the rest could work, such as a broken plugin. Filter it
    like any warning: ``warnings.simplefilter("ignore", PostcraftWarning)`` (or ``"error"``)."""
