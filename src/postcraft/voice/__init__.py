"""A personal voice: learn how one person writes from their own past posts, then tell them
whether a draft "sounds like you" and which few habits it departs from.

:func:`learn` builds a :class:`VoiceProfile` (plain, versioned JSON: :meth:`VoiceProfile.save`,
:func:`load`; never pickled); :func:`compare` scores a draft against it (:class:`VoiceMatch`);
``postcraft.review(text, voice=profile)`` adds the match to the review. See ``docs/voice.md``.

>>> me = learn(["I spent the morning on the ward. I learned more than in a month of meetings.",
...             "I asked three nurses what slows them down. I did not expect the answer."], lang="en")
>>> m = compare("We are proud to announce the launch of our new digital care platform.", me)
>>> [d.feature for d in m.differences][:1]
['first_plural']
>>> compare("I sat with the night shift. I learned what a handover costs them.", me).score > m.score
True
"""

from __future__ import annotations

from .match import VoiceDifference, VoiceMatch, compare, compare_measure
from .profile import FORMAT, Measure, Stat, VoiceProfile, from_measures, learn, load, measure

__all__ = [
    "FORMAT",
    "Measure",
    "Stat",
    "VoiceDifference",
    "VoiceMatch",
    "VoiceProfile",
    "compare",
    "compare_measure",
    "from_measures",
    "learn",
    "load",
    "measure",
]
