"""Celebration: ready-to-send shout-outs for a month's milestones and an ambassador of the month.

It reads what :func:`postcraft.insights` computed (first posts, the 10th/25th/50th … post of a
person, a team and the organisation, leaders who went first) and adds weekly streaks and best
months, then writes each in Danish or English (texts in ``advocacy/data/celebrate.yaml``).

Consent: a shout-out that names a person is ``public`` only when that person has
``consent: true`` in the roster; otherwise it is an ``internal`` message to the person alone.
Without a roster nobody is known to have agreed, so every shout-out naming a person is internal.

The ambassador of the month is chosen by a published score, not by likes: a point per post (at
most ``post_cap``), a point per week of the month with a post, and ``engaging_bonus`` points for
a post that started a conversation (in the top quarter of the month's posts by comments per
impression — or by the engagement measure the history has — with at least one response and no
engagement bait). Ties go to more weeks, then to fewer posts overall (newer voices first).

>>> from postcraft.advocacy.celebrate import streak_reached
>>> import datetime as dt
>>> streak_reached([dt.date(2025, 3, 3) + dt.timedelta(weeks=i) for i in range(5)], 4)
datetime.date(2025, 3, 24)
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..errors import InputError
from ..langs import normalize_lang, resolve
from ._words import data, date_words, first_name, month_words, texts

if TYPE_CHECKING:
    from ..insights import Insights, PostFacts

EXCERPT = 60


@dataclass(frozen=True)
class Shoutout:
    """One shout-out: its ``kind`` (``first_post``, ``person_milestone``, ``streak``,
    ``leader_first``, ``team_milestone``, ``organisation_milestone``, ``team_best_month``,
    ``organisation_best_month``), the ``text`` to send, its ``audience`` (``public``: may be
    shared with colleagues; ``internal``: a message to the person alone), whom it is about and
    when it happened."""

    kind: str
    text: str
    audience: str
    date: dt.date
    name: str | None = None
    team: str | None = None
    number: int | None = None

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict."""
        return {
            "kind": self.kind,
            "text": self.text,
            "audience": self.audience,
            "date": self.date.isoformat(),
            "name": self.name,
            "team": self.team,
            "number": self.number,
        }


@dataclass(frozen=True)
class Candidate:
    """Someone who posted in the month, with the parts of the ambassador score."""

    name: str
    posts: int
    weeks: int
    engaging: bool
    score: int
    total_posts: int
    consent: bool

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict."""
        return {
            "name": self.name,
            "posts": self.posts,
            "weeks": self.weeks,
            "engaging": self.engaging,
            "score": self.score,
            "total_posts": self.total_posts,
            "consent": self.consent,
        }


@dataclass(frozen=True)
class Ambassador:
    """The ambassador of the month: who, the ``text`` (``public``, or ``internal`` without
    consent), their posts and weeks, and the post that started a conversation (if any)."""

    name: str
    text: str
    audience: str
    posts: int
    weeks: int
    month_weeks: int
    score: int
    post_date: dt.date | None = None
    post_line: int | None = None
    post_excerpt: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict."""
        return {
            "name": self.name,
            "text": self.text,
            "audience": self.audience,
            "posts": self.posts,
            "weeks": self.weeks,
            "month_weeks": self.month_weeks,
            "score": self.score,
            "post_date": self.post_date.isoformat() if self.post_date else None,
            "post_line": self.post_line,
            "post_excerpt": self.post_excerpt,
        }


@dataclass(frozen=True)
class Celebration:
    """A month's celebration (:func:`postcraft.celebrate`): ``shoutouts`` in date order, the
    ``ambassador`` (``None`` in a month without posts), every ``candidates``' score, the
    ``method`` in words, whether a ``roster`` gave consent (``consent_known``), and the month
    as words (``month_name``: "oktober 2025")."""

    month: str
    lang: str
    shoutouts: tuple[Shoutout, ...]
    ambassador: Ambassador | None
    candidates: tuple[Candidate, ...]
    method: str
    consent_known: bool
    month_name: str = ""

    @property
    def public(self) -> tuple[Shoutout, ...]:
        """The shout-outs that may be shared with colleagues."""
        return tuple(s for s in self.shoutouts if s.audience == "public")

    @property
    def internal(self) -> tuple[Shoutout, ...]:
        """The shout-outs to send to the person alone (no consent to be named)."""
        return tuple(s for s in self.shoutouts if s.audience == "internal")

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict."""
        return {
            "month": self.month,
            "month_name": self.month_name,
            "lang": self.lang,
            "consent_known": self.consent_known,
            "shoutouts": [s.to_dict() for s in self.shoutouts],
            "ambassador": self.ambassador.to_dict() if self.ambassador else None,
            "candidates": [c.to_dict() for c in self.candidates],
            "method": self.method,
        }

    def text(self) -> str:
        """Plain text: the shout-outs, the ambassador and how they were chosen."""
        from ..formats.advocacy import celebration_text

        return celebration_text(self)

    def _repr_markdown_(self) -> str:
        from ..formats.advocacy import celebration_md

        return celebration_md(self)


def month_bounds(month: str) -> tuple[dt.date, dt.date]:
    """The first and last day of a ``YYYY-MM`` month (an :class:`InputError` otherwise)."""
    try:
        year, number = (int(x) for x in month.split("-"))
        last = calendar.monthrange(year, number)[1]
        return dt.date(year, number, 1), dt.date(year, number, last)
    except (ValueError, calendar.IllegalMonthError):
        raise InputError(f"month={month!r} is not a month; write it as YYYY-MM") from None


def _monday(d: dt.date) -> dt.date:
    return d - dt.timedelta(days=d.weekday())


def streak_reached(dates: Sequence[dt.date], weeks: int) -> dt.date | None:
    """The date of the post with which a run of ``weeks`` consecutive weeks (Monday to Sunday)
    with a post was first reached, or ``None``."""
    run = 0
    previous: dt.date | None = None
    for d in sorted(dates):
        monday = _monday(d)
        if monday == previous:
            continue
        run = run + 1 if previous is not None and (monday - previous).days == 7 else 1
        previous = monday
        if run == weeks:
            return d
    return None


def _capital(text: str) -> str:
    """A message starts with a capital letter, also when it opens with a month ("oktober …")."""
    return text[:1].upper() + text[1:]


def _excerpt(text: str) -> str:
    first = " ".join(text.split())
    return first if len(first) <= EXCERPT else first[: EXCERPT - 1].rsplit(" ", 1)[0] + "…"


def celebrate_insights(ins: Insights, *, month: str, lang: str) -> Celebration:
    """The celebration of ``month`` (``YYYY-MM``) from insights computed up to its last day."""
    lang = normalize_lang(lang)
    start, end = month_bounds(month)
    t = texts("celebrate.yaml", lang)
    cfg = data("celebrate.yaml")
    month_text = month_words(month, lang)
    people = {a.name: a.person for a in ins.history.authors}
    roster = ins.history.roster
    consent_known = roster is not None

    def consent(name: str) -> bool:
        person = people.get(name)
        return bool(person is not None and person.consent)

    out: list[Shoutout] = []

    def personal(kind: str, name: str, when: dt.date, **values: Any) -> None:
        ok = consent(name)
        words = {"name": name, "first": first_name(name), **values}
        if ok:
            text = str(t["public"][kind]).format(**words)
        else:
            text = str(t["internal"][kind]).format(**words) + " " + str(t["internal_note"])
        out.append(
            Shoutout(
                kind,
                text,
                "public" if ok else "internal",
                when,
                name,
                values.get("team"),
                values.get("number") or values.get("weeks"),
            )
        )

    def in_month(d: dt.date | None) -> bool:
        return d is not None and start <= d <= end

    facts = [f for f in ins.facts if f.date <= end]
    for fp in ins.first_posts:
        if in_month(fp.date):
            personal("first_post", fp.name, fp.date)
    for m in ins.milestones:
        if not in_month(m.date):
            continue
        if m.kind == "person":
            personal("person_milestone", m.name, m.date, number=m.number)
        else:
            kind = f"{m.kind}_milestone"
            text = str(t["public"][kind]).format(team=m.name, number=m.number)
            out.append(Shoutout(kind, text, "public", m.date, None, m.name or None, m.number))
    # weekly streaks: the longest mark reached this month
    by_author: dict[str, list[dt.date]] = defaultdict(list)
    for f in facts:
        by_author[f.author].append(f.date)
    for name, dates in sorted(by_author.items()):
        reached = [(w, streak_reached(dates, w)) for w in (int(x) for x in cfg["streaks"])]
        hits = [(w, d) for w, d in reached if in_month(d)]
        if hits:
            weeks, when = hits[-1]
            assert when is not None
            personal("streak", name, when, weeks=weeks)
    # leaders first: a leader's post opened a team that had no post by anyone else yet
    for lead in ins.leaders.teams:
        if in_month(lead.first_leader_post) and (
            lead.first_employee_post is None or lead.first_leader_post <= lead.first_employee_post  # type: ignore[operator]
        ):
            first = next(f for f in facts if f.team == lead.team and f.leader)
            personal("leader_first", first.author, first.date, team=lead.team)
    # best months: more posts than in any earlier month (a team's, the organisation's)
    out += _best_months(facts, month, start, t, month_text)
    out.sort(key=lambda s: (s.date, s.kind, s.name or "", s.team or ""))

    in_range = [f for f in facts if start <= f.date]
    candidates, ambassador = _ambassador(ins, in_range, facts, start, end, cfg, t, lang, month_text, consent)
    measure = _measure(ins, in_range)
    method = str(t["method"]).format(
        month=month_text, cap=cfg["post_cap"], bonus=cfg["engaging_bonus"], measure=t[measure]
    )
    return Celebration(
        month, lang, tuple(out), ambassador, tuple(candidates), method, consent_known, month_text
    )


def _best_months(
    facts: Sequence[PostFacts], month: str, start: dt.date, t: Any, month_text: str
) -> list[Shoutout]:
    out: list[Shoutout] = []
    groups: dict[str | None, list[PostFacts]] = defaultdict(list)
    for f in facts:
        groups[None].append(f)
        if f.team:
            groups[f.team].append(f)
    for team, rows in groups.items():
        counts = Counter(f"{f.date:%Y-%m}" for f in rows)
        earlier = [n for m, n in counts.items() if m < month]
        now = counts.get(month, 0)
        if now and earlier and now > max(earlier):
            last = max(f.date for f in rows if f.date >= start)
            kind = "organisation_best_month" if team is None else "team_best_month"
            text = _capital(str(t["public"][kind]).format(team=team, month=month_text, posts=now))
            out.append(Shoutout(kind, text, "public", last, None, team, now))
    return out


def _measure(ins: Insights, rows: Sequence[PostFacts]) -> str:
    posts = {p.line: p for p in ins.history.posts}
    has_comments = any(posts[f.line].comments is not None for f in rows if f.line in posts)
    has_impressions = any(f.impressions for f in rows)
    if has_comments:
        return "measure_comments" if has_impressions else "measure_comments_posts"
    return "measure_rate" if has_impressions else "measure_engagement"


def _ambassador(
    ins: Insights,
    rows: Sequence[PostFacts],
    facts: Sequence[PostFacts],
    start: dt.date,
    end: dt.date,
    cfg: Any,
    t: Any,
    lang: str,
    month_text: str,
    consent: Any,
) -> tuple[list[Candidate], Ambassador | None]:
    if not rows:
        return [], None
    posts = {p.line: p for p in ins.history.posts}
    measure = _measure(ins, rows)
    bad = {str(r) for r in cfg["not_genuine"]}

    def value(f: PostFacts) -> float | None:
        p = posts.get(f.line)
        if p is None or any(r in bad for r in f.rules):
            return None
        if measure.startswith("measure_comments"):
            if p.comments is None or p.comments < 1:
                return None
            return (
                p.comments / f.impressions
                if measure == "measure_comments" and f.impressions
                else float(p.comments)
            )
        if not f.engagement:
            return None
        return f.rate if measure == "measure_rate" else float(f.engagement)

    scored = sorted((v, f.line) for f in rows if (v := value(f)) is not None)
    cut = len(rows) - max(1, round(len(rows) * float(cfg["engaging_share"])))
    top = {line for v, line in scored if v >= scored[max(0, cut)][0]} if scored else set()
    month_weeks = len({_monday(start + dt.timedelta(days=i)) for i in range((end - start).days + 1)})
    total = Counter(f.author for f in facts)
    mine: dict[str, list[PostFacts]] = defaultdict(list)
    for f in rows:
        mine[f.author].append(f)
    candidates: list[Candidate] = []
    for name, own in mine.items():
        weeks = len({_monday(f.date) for f in own})
        engaging = any(f.line in top for f in own)
        score = min(len(own), int(cfg["post_cap"])) + weeks + (int(cfg["engaging_bonus"]) if engaging else 0)
        candidates.append(Candidate(name, len(own), weeks, engaging, score, total[name], consent(name)))
    candidates.sort(key=lambda c: (-c.score, -c.weeks, c.total_posts, c.name))
    best = candidates[0]
    chosen = [f for f in mine[best.name] if f.line in top]
    post = max(chosen, key=lambda f: (value(f) or 0.0, f.date)) if chosen else None
    words: dict[str, Any] = {
        "name": best.name,
        "first": first_name(best.name),
        "month": month_text,
        "posts": best.posts,
        "weeks": best.weeks,
        "month_weeks": month_weeks,
        "post": "",
    }
    excerpt = None
    if post is not None:
        p = posts[post.line]
        excerpt = _excerpt(p.text)
        key = "post_comments" if measure.startswith("measure_comments") else "post_rate"
        words["post"] = str(t["ambassador"][key]).format(
            date=date_words(post.date, lang),
            excerpt=excerpt,
            comments=p.comments,
            rate=resolve(lang).percent(post.rate or 0.0, 1),
        )
    audience = "public" if best.consent else "internal"
    text = str(t["ambassador"][audience]).format(**words)
    if audience == "internal":
        text += " " + str(t["internal_note"])
    return candidates, Ambassador(
        best.name,
        text,
        audience,
        best.posts,
        best.weeks,
        month_weeks,
        best.score,
        post.date if post else None,
        post.line if post else None,
        excerpt,
    )


def celebrate(
    history: Any,
    roster: Any = None,
    *,
    month: str | None = None,
    lang: str | None = None,
    review: Any,
    show_progress: bool | None = None,
) -> Celebration:
    """The celebration of ``month`` (``YYYY-MM``; default: the month of the newest post) in a
    post ``history`` (a :class:`~postcraft.insights.History` or anything
    :func:`postcraft.load_history` reads), with consent from ``roster``, in ``lang`` (default:
    the language most posts are written in). Insights are computed up to the month's last day
    with ``review`` (:func:`postcraft.celebrate` passes the pipeline's)."""
    from ..insights import History, compute_insights, load_history

    h = history if isinstance(history, History) else load_history(history, roster=roster)
    if roster is not None and isinstance(history, History):
        h = h.with_roster(roster)
    if month is None:
        if not h.posts:
            raise InputError("the history has no posts to celebrate")
        month = f"{max(p.date for p in h.posts):%Y-%m}"
    _, end = month_bounds(month)
    ins = compute_insights(h, review=review, now=end, resamples=200, show_progress=show_progress)
    return celebrate_insights(ins, month=month, lang=lang or ins.lang)
