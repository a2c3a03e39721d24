"""Tagging suggestions: which colleagues, experts and company pages a draft should tag, which
hashtags it should carry, and why – without engagement bait. See ``docs/tags.md``.

>>> s = suggest_tags("Vi søger en ny kollega til vores HR-team. Ansøgningsfristen er fredag.")
>>> [h.target for h in s.hashtags]
['#Rekruttering']
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from ..analysis import analyze
from .linkedin import escape_little_text, to_copy_text, to_little_text
from .roster import Company, OrgHashtag, Person, Roster, load_roster
from .suggest import NameNote, Suggestion, TagSuggestions, suggest

if TYPE_CHECKING:
    from ..rules import Guidelines

__all__ = [
    "Company",
    "NameNote",
    "OrgHashtag",
    "Person",
    "Roster",
    "Suggestion",
    "TagSuggestions",
    "escape_little_text",
    "load_roster",
    "suggest",
    "suggest_tags",
    "to_copy_text",
    "to_little_text",
]


def suggest_tags(
    text: str,
    *,
    roster: Roster | str | os.PathLike[str] | Mapping[str, Any] | None = None,
    guidelines: Guidelines | str | os.PathLike[str] | Mapping[str, Any] | None = None,
    lang: str | None = None,
) -> TagSuggestions:
    """Analyse ``text`` and suggest who and what to tag.

    ``roster`` is a :class:`Roster`, a path to a YAML/CSV roster (cached until the file
    changes) or a dict; ``guidelines`` (a ``Guidelines`` object, or a path or dict for
    ``postcraft.rules.guidelines.load_guidelines``) may give ``max_hashtags`` and the
    ``organisation``; ``lang`` (``"da"``/``"en"``) skips language detection.

    >>> roster = {"people": [{"name": "Priya Raman", "consent": True, "urn": "urn:li:person:pr1"}]}
    >>> s = suggest_tags("My colleague Priya stayed late with me to fix it.", roster=roster)
    >>> [(p.target, p.urn) for p in s.people]
    [('Priya Raman', 'urn:li:person:pr1')]
    """
    g = None
    if guidelines is not None:
        from ..rules.guidelines import load_guidelines

        g = load_guidelines(guidelines)
    return suggest(analyze(text, lang=lang), load_roster(roster), g)
