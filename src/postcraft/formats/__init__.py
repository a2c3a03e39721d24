"""Every presentation of a result, one module per format: ``text``, ``json``, ``html``.

Formats are found by name in :data:`FORMATS` (a registry line each). A format is a function
``(result) -> str`` for a review; the command line's ``--format`` choices come from here.

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
}


def names() -> tuple[str, ...]:
    """Every format name."""
    return tuple(FORMATS)


def formatter(name: str) -> Callable[[Any], str]:
    """The function of a format name."""
    target = FORMATS.get(name)
    if target is None:
        raise InputError(f"unknown format {name!r}; choose one of: {', '.join(names())}")
    module, _, attr = target.partition(":")
    func: Callable[[Any], str] = getattr(import_module(module), attr)
    return func


def render(result: Any, name: str) -> str:
    """A review (or another result the format knows) in the format ``name``."""
    return formatter(name)(result)
