"""Draft templates: good first drafts for leaders, managers, employees and experts, in Danish and English.

List them with :func:`list_templates` (``postcraft.templates()``), render one with
:func:`render` (``postcraft.render()``)::

    >>> from postcraft.templates import list_templates, render
    >>> [t.id for t in list_templates(lang="en", purpose="thanks")]
    ['thank-colleague.en']
    >>> t = list_templates(lang="en", purpose="thanks")[0]
    >>> draft = render(t.id, seed="priya@example.com", **t.example_fields())
    >>> draft.text.count("#") <= 3
    True

Templates are Jinja2 text rendered in a sandbox (see :mod:`postcraft.templates.sandbox`);
organisations add their own from a folder (``folder=`` or ``POSTCRAFT_TEMPLATES``) and
packages through the entry-point group ``postcraft.templates``. The file format is in
``docs/templates.md``. This module stays light: the result types (:mod:`.model`) load on
first use, Jinja2 and YAML when a template is first read or rendered, so ``import postcraft``
(which makes this package callable) pays for none of them.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from .errors import FieldError, TemplateRenderError, TemplateSecurityError, UnknownTemplateError

if TYPE_CHECKING:
    from .model import ROLES, Draft, Field, Template, TemplateList
    from .registry import Folders

#: Names of :mod:`.model`, imported on first use (PEP 562).
_LAZY = ("ROLES", "Draft", "Field", "Template", "TemplateList")


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        value = getattr(import_module(".model", __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "ROLES",
    "Draft",
    "Field",
    "FieldError",
    "Template",
    "TemplateList",
    "TemplateRenderError",
    "TemplateSecurityError",
    "UnknownTemplateError",
    "clear_cache",
    "get_template",
    "list_templates",
    "load_folder",
    "render",
]


def list_templates(
    *,
    lang: str | None = None,
    role: str | None = None,
    purpose: str | None = None,
    folder: Folders = None,
) -> TemplateList:
    """The templates matching every filter given, sorted by id (a list that shows as a table
    in a notebook).

    ``lang``: ``"da"`` or ``"en"``; ``role``: one of :data:`ROLES`; ``purpose``: e.g.
    ``"thanks"``; ``folder``: an organisation's template folder (or a list of them), added
    to the built-in library, installed packs and ``POSTCRAFT_TEMPLATES``. A template in a
    folder replaces a built-in one with the same id.

    >>> sorted({t.lang for t in list_templates()})
    ['da', 'en']
    >>> all("top_leader" in t.roles for t in list_templates(role="top_leader"))
    True
    """
    from .model import TemplateList
    from .registry import list_templates as _list

    return TemplateList(_list(lang=lang, role=role, purpose=purpose, folder=folder))


def get_template(template_id: str, *, folder: Folders = None) -> Template:
    """The template with id ``template_id`` (e.g. ``"event-recap.da"``).

    Raises :class:`UnknownTemplateError`, suggesting close ids, when there is none.

    >>> get_template("event-recap.da").lang
    'da'
    """
    from .registry import get_template as _get

    return _get(template_id, folder=folder)


def render(
    template_id: str,
    *,
    variant: int = 0,
    seed: int | str | None = None,
    folder: Folders = None,
    **fields: object,
) -> Draft:
    """Render a template into a :class:`Draft`.

    ``variant`` picks phrasing ``0 … variants-1`` (anything else raises); ``seed`` (a number
    or text such as a colleague's e-mail) picks one deterministically instead, so colleagues
    using the same template get different copy. Field values are text; a missing required
    field or an unknown field raises :class:`FieldError`, which lists every field with its
    description.

    >>> d = render("learned-this-week.en", variant=1, topic="pricing", lesson="Customers "
    ...            "read the invoice before they read the contract.", context="three customer calls")
    >>> d.variant, d.template.id, d.text.splitlines()[0] != ""
    (1, 'learned-this-week.en', True)
    """
    return get_template(template_id, folder=folder).render(variant=variant, seed=seed, **fields)


def load_folder(folder: Folders) -> list[Template]:
    """Read and check the templates in a folder (or a list of folders), without merging them in.

    Use it to validate an organisation's folder: every variant is also compiled, so every
    problem a template can have before it meets its field values raises
    :class:`~postcraft.errors.ConfigError` here, with the file and line.

    >>> from pathlib import Path
    >>> len(load_folder(Path(__file__).parent / "builtin" / "da")) >= 12
    True
    """
    from .registry import folder_list, read_folder
    from .sandbox import compile_body

    out: list[Template] = []
    for item in folder_list(folder):
        out.extend(read_folder(item))
    for t in out:
        for index in range(t.variants):
            compile_body(t, index)
    return out


def clear_cache() -> None:
    """Forget loaded templates, so files are read again (built-in, packs and folders)."""
    from .registry import clear_cache as _clear

    _clear()
