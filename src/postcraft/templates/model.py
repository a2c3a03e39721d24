"""The template library's result types: :class:`Field`, :class:`Template` and :class:`Draft`.

This module imports nothing heavy; Jinja2 is loaded the first time a template is rendered.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, NamedTuple

from ..errors import InputError, PostcraftError
from .errors import FieldError

if TYPE_CHECKING:
    from ..pipeline import Review

#: The roles a template can be written for, in the order the method introduces them.
ROLES: tuple[str, ...] = ("top_leader", "middle_manager", "employee", "internal_expert", "new_employee")

#: Longest value a single field may hold, in code points (LinkedIn's limit for a whole post).
MAX_FIELD_CHARS = 3000


@dataclass(frozen=True)
class Field:
    """One blank in a template: ``name`` to pass to :func:`~postcraft.render`, what to write in it.

    ``required`` fields must be given; optional ones fall back to ``default`` (text, may be empty).

    >>> f = Field("colleague", "Who you thank, by first name.", "Mette")
    >>> f.required, f.to_dict()["example"]
    (True, 'Mette')
    """

    name: str
    description: str
    example: str
    required: bool = True
    default: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict."""
        return {
            "name": self.name,
            "description": self.description,
            "example": self.example,
            "required": self.required,
            "default": self.default,
        }


class Body(NamedTuple):
    """The Jinja source of one variant and the 1-based line of the file it starts on."""

    source: str
    line: int


@dataclass(frozen=True, eq=False)
class Template:
    """A draft template: metadata plus ``variants`` phrasings of the same post.

    ``id`` ends in the language (``"thank-colleague.en"``); ``source`` says where it came
    from (``"builtin"``, ``"entry point <name>"`` or ``"folder"``) and ``path`` which file.

    >>> from postcraft.templates import list_templates
    >>> t = [t for t in list_templates(lang="en") if t.id == "thank-colleague.en"][0]
    >>> t.lang, t.purpose, t.variants >= 2
    ('en', 'thanks', True)
    """

    id: str
    lang: str
    roles: tuple[str, ...]
    purpose: str
    title: str
    description: str
    fields: tuple[Field, ...]
    variants: int
    source: str = "folder"
    path: str = ""
    bodies: tuple[Body, ...] = field(default=(), repr=False)
    _compiled: dict[int, Any] = field(default_factory=dict, init=False, repr=False, compare=False)

    def get_field(self, name: str) -> Field:
        """The field called ``name``; raises :class:`FieldError` listing the fields otherwise."""
        for f in self.fields:
            if f.name == name:
                return f
        raise FieldError(self.id, [f"it has no field {name!r}"], self.fields)

    def example_fields(self) -> dict[str, str]:
        """Every field's example value, ready for ``render(**t.example_fields())``."""
        return {f.name: f.example for f in self.fields}

    def pick_variant(self, variant: int = 0, seed: int | str | None = None) -> int:
        """The variant index ``render`` uses.

        ``variant`` must be in ``range(variants)``. A ``seed`` (int or text, e.g. a
        colleague's e-mail) picks one deterministically, the same on every machine and
        Python version; different templates pick independently for the same seed.
        """
        if isinstance(variant, bool) or not isinstance(variant, int):
            raise InputError(f"variant must be a whole number, not {type(variant).__name__}")
        if seed is not None:
            if variant != 0:
                raise InputError("give either variant= or seed=, not both")
            if isinstance(seed, bool) or not isinstance(seed, (int, str)):
                raise InputError(f"seed must be a whole number or text, not {type(seed).__name__}")
            digest = hashlib.blake2b(f"{self.id}\x00{seed}".encode(), digest_size=8).digest()
            return int.from_bytes(digest, "big") % self.variants
        if not 0 <= variant < self.variants:
            raise InputError(
                f"template {self.id!r} has {self.variants} variants, numbered 0 to {self.variants - 1}; "
                f"variant={variant} does not exist. Use seed= to pick one from any number."
            )
        return variant

    def resolve_fields(self, given: Mapping[str, object]) -> dict[str, str]:
        """Check ``given`` against :attr:`fields`; return every field's value as text.

        Values are stripped; an empty or ``None`` value counts as not given. Raises
        :class:`FieldError` naming every problem at once, and listing the fields.
        """
        known = {f.name: f for f in self.fields}
        problems: list[str] = []
        unknown = [name for name in given if name not in known]
        if unknown:
            problems.append("unknown field" + ("s " if len(unknown) > 1 else " ") + ", ".join(unknown))
        values: dict[str, str] = {}
        missing: list[str] = []
        for f in self.fields:
            value = given.get(f.name)
            text = ""
            if value is not None:
                if isinstance(value, bool) or not isinstance(value, (str, int, float)):
                    problems.append(f"field {f.name} must be text, not {type(value).__name__}")
                    continue
                text = str(value).replace("\r\n", "\n").replace("\r", "\n").strip()
                if len(text) > MAX_FIELD_CHARS:
                    problems.append(
                        f"field {f.name} is {len(text)} characters; a whole post holds {MAX_FIELD_CHARS}"
                    )
                    continue
            if not text:
                if f.required:
                    missing.append(f.name)
                    continue
                text = f.default or ""
            values[f.name] = text
        if missing:
            problems.append(
                "missing required field" + ("s " if len(missing) > 1 else " ") + ", ".join(missing)
            )
        if problems:
            raise FieldError(self.id, problems, self.fields, missing)
        return values

    def render(self, *, variant: int = 0, seed: int | str | None = None, **fields: object) -> Draft:
        """Render this template; see :func:`postcraft.templates.render`."""
        index = self.pick_variant(variant, seed)
        values = self.resolve_fields(fields)
        from .sandbox import render_body

        text = render_body(self, index, values)
        return Draft(text=text, template=self, variant=index, fields=values)

    def _repr_html_(self) -> str:
        from ..formats.html import template_html

        return template_html(self)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict of the metadata (not the Jinja source)."""
        return {
            "id": self.id,
            "lang": self.lang,
            "roles": list(self.roles),
            "purpose": self.purpose,
            "title": self.title,
            "description": self.description,
            "fields": [f.to_dict() for f in self.fields],
            "variants": self.variants,
            "source": self.source,
        }


@dataclass(frozen=True, eq=False)
class Draft:
    """A rendered first draft: ``text`` to make your own, the ``template`` and ``variant`` used.

    ``fields`` holds every field's value as used (defaults included).

    >>> from postcraft.templates import render
    >>> d = render("thank-colleague.en", seed=7, **{"colleague": "Priya", "what_they_did":
    ...     "stayed late to rerun the failed data migration with me", "what_it_meant":
    ...     "our customers never noticed a thing"})
    >>> d.template.lang, "Priya" in d.text
    ('en', True)
    """

    text: str
    template: Template
    variant: int
    fields: dict[str, str]
    reviewer: Callable[..., Review] | None = field(default=None, repr=False, compare=False)

    @property
    def lang(self) -> str:
        """The draft's language (the template's)."""
        return self.template.lang

    def review(self, **kwargs: Any) -> Review:
        """Review the draft in the template's language with its ``reviewer``:
        :func:`postcraft.review` for drafts from :func:`postcraft.render`.

        Keyword arguments (``guidelines=``, ``roster=``) are passed on.
        """
        if self.reviewer is None:
            raise PostcraftError(
                "this draft has no reviewer; render it with postcraft.render(...) "
                "or review its text with postcraft.review(draft.text, lang=draft.lang)"
            )
        return self.reviewer(self.text, lang=self.template.lang, **kwargs)

    def _repr_html_(self) -> str:
        from ..formats.html import draft_html

        return draft_html(self)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict: the text, the variant, the fields and the template's metadata."""
        return {
            "text": self.text,
            "lang": self.template.lang,
            "variant": self.variant,
            "fields": dict(self.fields),
            "template": self.template.to_dict(),
        }


class TemplateList(list[Template]):
    """A list of templates that shows as a table in a notebook."""

    def _repr_html_(self) -> str:
        from ..formats.html import templates_html

        return templates_html(self)
