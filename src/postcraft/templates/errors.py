"""Errors raised by the template library. All are :class:`~postcraft.PostcraftError` subclasses."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from ..errors import ConfigError, InputError

if TYPE_CHECKING:
    from .model import Field


class UnknownTemplateError(InputError):
    """No template has the id that was asked for. ``suggestions`` holds close ids."""

    def __init__(self, template_id: str, suggestions: Sequence[str] = ()) -> None:
        self.template_id = template_id
        self.suggestions = tuple(suggestions)
        hint = f" Did you mean {', '.join(repr(s) for s in self.suggestions)}?" if self.suggestions else ""
        super().__init__(
            f"no template has the id {template_id!r}.{hint} "
            "List them with `postcraft templates` or postcraft.templates()."
        )


class FieldError(InputError):
    """Fields given to :func:`~postcraft.render` are missing, unknown or not text.

    ``fields`` holds every :class:`~postcraft.templates.Field` the template has, so a caller
    can show them; the message lists them with their descriptions.
    """

    def __init__(
        self, template_id: str, problems: Sequence[str], fields: Sequence[Field], missing: Sequence[str] = ()
    ) -> None:
        self.template_id = template_id
        self.problems = tuple(problems)
        self.fields = tuple(fields)
        #: The required fields without a value (also in ``problems``), for a caller that words
        #: the message itself (the command line, in the user's language).
        self.missing = tuple(missing)
        lines = [f"template {template_id!r}: " + "; ".join(self.problems) + "."]
        lines.append("Its fields are:" if self.fields else "It has no fields.")
        for f in self.fields:
            need = "required" if f.required else f"optional, default {f.default!r}"
            lines.append(f"  {f.name} ({need}): {f.description} Example: {f.example!r}")
        super().__init__("\n".join(lines))


class TemplateSecurityError(ConfigError):
    """A template tried something templates may not do.

    Reaching Python internals, including or importing other files, macros, or producing
    more output than a post can hold. ``path`` and ``line`` say where, when known.
    """


class TemplateRenderError(ConfigError):
    """A template failed while it was being rendered (``path`` and ``line`` say where)."""
