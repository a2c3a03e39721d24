"""Employee advocacy beyond one post: amplification nudges for groups of colleagues who agreed
to engage with each other's posts (:func:`nudge`), experts paired with beginners as coaches
(:func:`pair_experts`), and a month's shout-outs and ambassador (:func:`celebrate`, which
:func:`postcraft.celebrate` calls with the pipeline's review). Computes texts; presents nothing.

>>> nudge("Hvad ville I gøre anderledes?", group=[], roster={"people": []}).question
'Hvad ville I gøre anderledes?'
"""

from __future__ import annotations

from .amplify import Nudge, load_groups, nudge, roster_groups
from .celebrate import Ambassador, Candidate, Celebration, Shoutout, celebrate, celebrate_insights
from .coach import Coaching, Pair, pair_experts

__all__ = [
    "Ambassador",
    "Candidate",
    "Celebration",
    "Coaching",
    "Nudge",
    "Pair",
    "Shoutout",
    "celebrate",
    "celebrate_insights",
    "load_groups",
    "nudge",
    "pair_experts",
    "roster_groups",
]
