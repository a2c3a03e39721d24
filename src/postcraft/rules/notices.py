"""Notices: what a review says about itself rather than about the draft (one line each).

Today there is one: without the organisation's file, the disclosure and confidentiality
checks cannot know the employer, its products, its customers, its codenames or its unreleased
figures, so they only look for cues ("Project Falcon", "før årsrapporten"); the review says so
once, with how to configure it.

>>> from postcraft.rules import load_guidelines
>>> [n.code for n in notices(load_guidelines(None), "en")]
['no_organisation']
>>> notices(load_guidelines({"organisation": {"name": "Contoso"}}), "en")
()
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from .engine import active_rules, message

if TYPE_CHECKING:
    from .guidelines import Guidelines

#: The packs whose checks need the organisation's file to do more than look for cues.
ORGANISATION_PACKS = ("disclosure", "confidentiality")
#: The lists that make them exact (besides the organisation's name, aliases and products).
ORGANISATION_LISTS = ("internal_projects", "private_customers", "unreleased_figures")


@dataclass(frozen=True)
class Notice:
    """One line a review says about how it was made: ``code`` (stable, for programs) and
    ``message`` (in the draft's language)."""

    code: str
    message: str

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict: ``{"code": …, "message": …}``."""
        return {"code": self.code, "message": self.message}


def unconfigured(g: Guidelines) -> bool:
    """True when the guidelines name no organisation (no name, aliases or products) and fill
    none of the confidential lists: the organisation's file is missing."""
    org = g.organisation
    if org.name or org.aliases or org.products:
        return False
    return not any(g.lists.get(name) for name in ORGANISATION_LISTS)


def notices(g: Guidelines, lang: str, disable: Iterable[str] = ()) -> tuple[Notice, ...]:
    """The notices of a review of a draft in ``lang`` with ``g`` (``disable``: rule id prefixes
    switched off, as in the check). ``no_organisation`` when a disclosure or confidentiality
    rule runs and the organisation's file is missing."""
    return _notices(g, lang, tuple(disable))


@lru_cache(maxsize=8)  # few guidelines are live at once; an old one is let go
def _notices(g: Guidelines, lang: str, disable: tuple[str, ...]) -> tuple[Notice, ...]:
    # the same for every draft reviewed with the same guidelines: computed once
    running = {r.id.split(".", 1)[0] for r in active_rules(g, disable)}
    if unconfigured(g) and running.intersection(ORGANISATION_PACKS):
        return (Notice("no_organisation", message(lang, "no_organisation")),)
    return ()
