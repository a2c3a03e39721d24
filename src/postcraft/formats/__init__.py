"""Every presentation of a result, one module per format: ``text``, ``json``, ``html``.

Formats are found by name in :data:`FORMATS` (a registry line each). A format is a function
``(result) -> str`` for a review; the command line's ``--format`` takes these names. Adding a
format is one module here and one line in :data:`FORMATS`; an installed plugin adds one through
the entry-point group ``postcraft.formats`` (the entry point's name is the format's name, and it
loads to the function). Plugins are only read when a name that is not built in is asked for,
or when every name is listed.

>>> import postcraft
>>> render(postcraft.review("I fixed the build today and learned a lot."), "json")[:1]
'{'
"""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module
from typing import Any

from ..errors import InputError

#: Format name → ``"module:function"`` turning a Review into text.
FORMATS: dict[str, str] = {
    "text": "postcraft.formats.text:review_report",
    "json": "postcraft.formats.json:dumps",
    "html": "postcraft.formats.html:review_html",
    "jsonl": "postcraft.formats.jsonl:dumps",
    "sarif": "postcraft.formats.sarif:dumps",
    "github": "postcraft.formats.github:dumps",
}


def _check_format(entry: Any, obj: Any) -> list[tuple[str, Callable[[Any], str]]]:
    from .. import registry

    if not registry.NAME_RE.fullmatch(entry.name):
        raise registry.Broken(
            f"the format name {entry.name!r} must be lower-case letters, digits, '-' or '_'"
        )
    if entry.name in FORMATS:
        raise registry.Broken(f"its output format {entry.name!r} has the name of a built-in format")
    if not callable(obj) or isinstance(obj, type):
        raise registry.Broken(
            f"its entry point must load to a function (review) -> str, not {type(obj).__name__}"
        )
    return [(entry.name, obj)]


def _plugins() -> dict[str, tuple[Any, Any]]:
    from .. import registry

    return registry.load(registry.FORMATS_GROUP, _check_format, what="output format")


def names() -> tuple[str, ...]:
    """Every format name: the built-in ones, then those of installed plugins."""
    return tuple(FORMATS) + tuple(sorted(_plugins()))


def formatter(name: str) -> Callable[[Any], str]:
    """The function of a format name (a built-in format, or one from an installed plugin)."""
    target = FORMATS.get(name)
    if target is not None:
        module, _, attr = target.partition(":")
        func: Callable[[Any], str] = getattr(import_module(module), attr)
        return func
    hit = _plugins().get(name)
    if hit is not None:
        plugin: Callable[[Any], str] = hit[0]
        return plugin
    from .. import registry

    problem = registry.problem(registry.FORMATS_GROUP, name)
    if problem is not None:
        raise problem.error(f"the output format {name!r} was asked for")
    raise InputError(f"unknown format {name!r}; choose one of: {', '.join(names())}")


def render(result: Any, name: str) -> str:
    """A review (or another result the format knows) in the format ``name``."""
    out = formatter(name)(result)
    if not isinstance(out, str):
        raise InputError(f"the format {name!r} returned {type(out).__name__}, not text")
    return out
