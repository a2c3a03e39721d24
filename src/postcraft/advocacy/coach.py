"""Experts as coaches: pair the roster's internal experts with beginners, by topic and language.

A beginner is a roster person who is not an expert (``expert: true``). With a post history,
people with the fewest posts come first (no posts before one post, an older last post before a
newer one), and each pair says how much the beginner has posted and whether they have posted
since a date. Each pair carries its reason in the chosen language (texts in
``advocacy/data/coach.yaml``).

How a coach is chosen, beginner by beginner: only experts who write in a language the beginner
writes in (a person without ``languages`` writes in any); among them the one who shares the most
topics, then the same team, then one who has room (fewer than ``ceil(beginners / experts)``
people to help), then the one with the fewest, then roster order. Beginners whom some expert
fits by topic or team choose first, so a fit is not lost to a beginner any expert could help. The pairing is an internal list for whoever runs the programme: it names people to each
other, never in public, so it includes people without ``consent: true``.

>>> roster = {"people": [
...     {"name": "Anders Krogh", "expert": True, "topics": ["havvind"], "languages": ["da"]},
...     {"name": "Emil Sørensen", "topics": ["havvind", "el"], "languages": ["da"]}]}
>>> c = pair_experts(roster, lang="en")
>>> c.pairs[0].expert, c.pairs[0].beginner, c.pairs[0].topics
('Anders Krogh', 'Emil Sørensen', ('havvind',))
>>> print(c.pairs[0].reason)
Anders knows havvind inside out – and it's one of the topics Emil wants to write about. Both write in Danish.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ..errors import InputError
from ..langs import DEFAULT, normalize_lang, resolve
from ._words import date_words, first_name, language_words, texts

SINCE_WEEKS = 4


@dataclass(frozen=True)
class Pair:
    """An expert coaching a beginner: the ``topics`` and ``languages`` they share, the ``team``
    when it is the same, and the ``reason`` in words. With a history: the beginner's ``posts``,
    ``last_post`` and ``posted_since`` (a post on or after :attr:`Coaching.since`)."""

    expert: str
    beginner: str
    topics: tuple[str, ...]
    languages: tuple[str, ...]
    team: str | None
    reason: str
    posts: int | None = None
    last_post: dt.date | None = None
    posted_since: bool | None = None

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict (dates as ISO text)."""
        return {
            "expert": self.expert,
            "beginner": self.beginner,
            "topics": list(self.topics),
            "languages": list(self.languages),
            "team": self.team,
            "reason": self.reason,
            "posts": self.posts,
            "last_post": self.last_post.isoformat() if self.last_post else None,
            "posted_since": self.posted_since,
        }


@dataclass(frozen=True)
class Coaching:
    """Coaching pairs (:func:`pair_experts`): ``pairs`` in the order beginners were served,
    ``unpaired`` beginners (with the reason: no expert writes their language), the ``experts``,
    and ``since`` (the date ``posted_since`` is measured from; ``None`` without a history)."""

    lang: str
    pairs: tuple[Pair, ...]
    unpaired: tuple[tuple[str, str], ...]
    experts: tuple[str, ...]
    since: dt.date | None = None

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict."""
        return {
            "lang": self.lang,
            "since": self.since.isoformat() if self.since else None,
            "experts": list(self.experts),
            "pairs": [p.to_dict() for p in self.pairs],
            "unpaired": [{"beginner": n, "reason": r} for n, r in self.unpaired],
        }

    def text(self) -> str:
        """Plain text: one paragraph per pair."""
        from ..formats.advocacy import coaching_text

        return coaching_text(self)

    def _repr_markdown_(self) -> str:
        from ..formats.advocacy import coaching_md

        return coaching_md(self)


def _shared_topics(expert: Sequence[str], beginner: Sequence[str]) -> tuple[str, ...]:
    """The expert's topics that are also the beginner's (case-insensitive; one may contain the
    other: "havvind" and "havvind i Nordsøen")."""
    theirs = [b.casefold() for b in beginner]
    return tuple(t for t in expert if any(t.casefold() in b or b in t.casefold() for b in theirs))


def _history_facts(history: Any, roster: Any) -> tuple[dict[str, list[dt.date]], dt.date | None]:
    from ..insights import History, load_history

    h = history if isinstance(history, History) else load_history(history, roster=roster)
    dates: dict[str, list[dt.date]] = {}
    for p in h.posts:
        dates.setdefault(p.author.casefold(), []).append(p.date)
    newest = max((p.date for p in h.posts), default=None)
    return dates, newest


def pair_experts(
    roster: Any,
    history: Any = None,
    *,
    lang: str = DEFAULT,
    since: dt.date | str | None = None,
) -> Coaching:
    """Pair the roster's experts with its beginners (see the module's description).

    ``roster`` is a path, dict or Roster; ``history`` (optional) anything
    :func:`postcraft.load_history` reads — then beginners with the fewest posts come first and
    each pair says whether the beginner has posted since ``since`` (a date or ``YYYY-MM-DD``;
    default: four weeks before the history's newest post). ``lang`` is the reasons' language.
    """
    from ..tags import load_roster

    lang = normalize_lang(lang)
    t = texts("coach.yaml", lang)
    people = load_roster(roster).people
    experts = [p for p in people if p.expert]
    beginners = [p for p in people if not p.expert]
    if not experts:
        raise InputError("the roster has no experts (expert: true) to coach anyone")
    dates: dict[str, list[dt.date]] | None = None
    start: dt.date | None = None
    if history is not None:
        dates, newest = _history_facts(history, roster)
        if since is not None:
            try:
                start = since if isinstance(since, dt.date) else dt.date.fromisoformat(str(since))
            except ValueError:
                raise InputError(f"since={since!r} is not a date; write it as YYYY-MM-DD") from None
        elif newest is not None:
            start = newest - dt.timedelta(weeks=SINCE_WEEKS)

        def own(p: Any) -> list[dt.date]:
            assert dates is not None
            return sorted(d for n in (p.name, *p.aliases) for d in dates.get(n.casefold(), []))

        order = {p.name: i for i, p in enumerate(beginners)}
        beginners.sort(key=lambda p: (len(own(p)), max(own(p), default=dt.date.min), order[p.name]))
    share = math.ceil(len(beginners) / len(experts)) if beginners else 0
    load = {e.name: 0 for e in experts}
    rank = {e.name: i for i, e in enumerate(experts)}

    def fits(b: Any) -> list[Any]:
        return [
            e for e in experts if not b.languages or not e.languages or set(b.languages) & set(e.languages)
        ]

    def fit(b: Any, e: Any) -> tuple[int, bool]:
        return len(_shared_topics(e.topics, b.topics)), bool(b.team and e.team == b.team)

    # beginners whom some expert fits by topic or team choose first, in priority order; the rest
    # then go to whoever has room
    matched = [b for b in beginners if any(fit(b, e) != (0, False) for e in fits(b))]
    chosen: dict[str, Any] = {}
    for b in matched + [b for b in beginners if b not in matched]:
        candidates = fits(b)
        if not candidates:
            continue
        best = min(
            candidates,
            key=lambda e: (
                -fit(b, e)[0],
                not fit(b, e)[1],
                load[e.name] >= share,
                load[e.name],
                rank[e.name],
            ),
        )
        load[best.name] += 1
        chosen[b.name] = best
    pairs: list[Pair] = []
    unpaired: list[tuple[str, str]] = []
    for b in beginners:
        best = chosen.get(b.name)
        if best is None:
            names = resolve(lang).join([language_words(c, lang) for c in b.languages])
            unpaired.append((b.name, str(t["no_language"]).format(languages=names)))
            continue
        topics = _shared_topics(best.topics, b.topics)
        codes = tuple(c for c in b.languages if c in best.languages) if b.languages and best.languages else ()
        team = b.team if b.team and best.team == b.team else None
        same = first_name(best.name) == first_name(b.name)  # two Anders: say which
        words = {
            "expert": best.name if same else first_name(best.name),
            "beginner": b.name if same else first_name(b.name),
        }
        parts: list[str] = []
        if topics:
            key = "topic_one" if len(topics) == 1 else "topic_many"
            parts.append(str(t[key]).format(topics=resolve(lang).join(list(topics)), **words))
        if team:
            parts.append(str(t["team"]).format(team=team, **words))
        if not topics and not team:
            parts.append(str(t["no_topic" if b.topics else "no_topics_yet"]).format(**words))
        if codes:
            names = resolve(lang).join([language_words(c, lang) for c in codes])
            parts.append(str(t["language"]).format(languages=names, **words))
        posts = last = posted = None
        if dates is not None:
            mine = own(b)
            posts, last = len(mine), (mine[-1] if mine else None)
            posted = bool(start and last and last >= start)
            if not mine:
                parts.append(str(t["posts_none"]).format(**words))
            else:
                key = "posts_one" if posts == 1 else "posts_many"
                parts.append(str(t[key]).format(n=posts, date=date_words(mine[-1], lang), **words))
        pairs.append(Pair(best.name, b.name, topics, codes, team, " ".join(parts), posts, last, posted))
    return Coaching(lang, tuple(pairs), tuple(unpaired), tuple(e.name for e in experts), start)
