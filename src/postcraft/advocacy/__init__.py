"""Employee advocacy beyond one post: amplification nudges for groups of colleagues who agreed
to engage with each other's posts (:func:`nudge`). Computes texts; presents nothing.

>>> nudge("Hvad ville I gøre anderledes?", group=[], roster={"people": []}).question
'Hvad ville I gøre anderledes?'
"""

from __future__ import annotations

from .amplify import Nudge, load_groups, nudge, roster_groups

__all__ = ["Nudge", "load_groups", "nudge", "roster_groups"]
