"""The insights computations: review every post once, then cadence, leaders, what works and
progress to celebrate. See ``docs/insights.md`` for the definitions and the statistics."""

from __future__ import annotations

import calendar
import datetime as dt
import math
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING, Any

import yaml

from .._progress import progress
from ..errors import InputError, PostcraftError, UnsupportedLanguageError
from ..formats.labels import Note
from .history import Author, History, Post
from .model import (
    Cadence,
    Effect,
    Expert,
    FirstPost,
    GroupRate,
    Insights,
    Leaders,
    Milestone,
    Month,
    Overlap,
    Participation,
    PostFacts,
    TeamLead,
    TeamProgress,
    Trend,
)
from .stats import (
    TEST_AT,
    Interval,
    adjust_within,
    clustered_rate,
    holm,
    linear_trend,
    poisson_rate,
    stream_seed,
    wilson,
    winsorise_within,
    within_person,
)

if TYPE_CHECKING:
    from ..pipeline import Review

#: Reviews one post's text (the pipeline's ``review`` with the caller's guidelines and model).
Reviewer = Callable[[str], "Review"]


_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

#: Histories with at least this many posts draw a progress bar while the posts are reviewed
#: (on a terminal only; never when piped, in CI or with POSTCRAFT_NO_PROGRESS set).
PROGRESS_FROM = 100


@dataclass(frozen=True)
class Settings:
    """The knobs of one insights run (all have documented defaults in :func:`insights`)."""

    now: dt.date
    seed: int
    resamples: int
    level: float
    min_posts: int
    quiet_weeks: int
    recent_weeks: int
    min_people: int = 10


@lru_cache(maxsize=1)
def config() -> dict[str, Any]:
    """``data/insights.yaml``: bands, leader words and milestones."""
    raw = (resources.files("postcraft.insights") / "data" / "insights.yaml").read_text("utf-8")
    doc: dict[str, Any] = yaml.load(raw, Loader=_Loader)  # noqa: S506 - a safe loader
    return doc


def band(value: int, bands: Sequence[Sequence[Any]]) -> str:
    """The label of the band ``value`` falls in (bands are ``[label, lowest]``, ascending)."""
    label = str(bands[0][0])
    for name, low in bands:
        if value >= int(low):
            label = str(name)
    return label


def week_of(d: dt.date) -> int:
    """A Monday-based week number (date(1, 1, 1) was a Monday)."""
    return (d.toordinal() - 1) // 7


def week_start(week: int) -> dt.date:
    """The Monday of week number ``week``."""
    return dt.date.fromordinal(week * 7 + 1)


def month_of(d: dt.date) -> str:
    """``YYYY-MM``."""
    return f"{d.year:04d}-{d.month:02d}"


def _months_between(first: dt.date, last: dt.date) -> list[str]:
    out = []
    y, m = first.year, first.month
    while (y, m) <= (last.year, last.month):
        out.append(f"{y:04d}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def _month_complete(month: str, now: dt.date) -> bool:
    y, m = int(month[:4]), int(month[5:])
    return dt.date(y, m, calendar.monthrange(y, m)[1]) <= now


# -- reviewing ------------------------------------------------------------------------------------
def review_posts(
    history: History,
    posts: Sequence[Post],
    *,
    review: Reviewer,
    show_progress: bool | None = None,
) -> list[PostFacts]:
    """Review each post once with ``review`` (identical texts share one review) and keep what
    the insights need."""
    cfg = config()
    length_bands = cfg["length_bands"]
    hashtag_bands = cfg["hashtag_bands"]
    purposes = _template_purposes({p.template for p in posts if p.template})
    cache: dict[str, dict[str, Any]] = {}
    items: Iterable[Post] = posts
    if show_progress or (show_progress is None and len(posts) >= PROGRESS_FROM):
        items = progress(posts, total=len(posts), label="reviewing posts")
    out: list[PostFacts] = []
    for post in items:
        author = history.author_of(post)
        facts = cache.get(post.text)
        if facts is None:
            try:
                r = review(post.text)
            except UnsupportedLanguageError as exc:
                facts = {"reviewed": False, "error": f"language:{exc.lang}"}
            except PostcraftError as exc:
                facts = {"reviewed": False, "error": f"{type(exc).__name__}: {exc}"}
            else:
                a = r.analysis
                flagged = [f for f in r.findings if f.severity in ("warning", "error")]
                facts = {
                    "reviewed": True,
                    "lang": a.lang,
                    "tone": r.tone.label if r.tone is not None else None,
                    "personal": r.tone.personal if r.tone is not None else None,
                    "length": a.linkedin_length,
                    "length_band": band(a.linkedin_length, length_bands),
                    "fold": fold_status(a),
                    "hashtags": len(a.hashtags),
                    "hashtag_band": band(len(a.hashtags), hashtag_bands),
                    "findings": len(flagged),
                    "findings_band": "with_findings" if flagged else "without_findings",
                    "rules": tuple(sorted({f.rule for f in flagged})),
                }
            cache[post.text] = facts
        out.append(
            PostFacts(
                line=post.line,
                date=post.date,
                author=author.name,
                team=author.team,
                leader=author.leader,
                template=post.template,
                purpose=post.purpose or purposes.get(post.template or ""),
                impressions=post.impressions,
                engagement=post.engagement,
                clicks=post.clicks,
                **facts,
            )
        )
    return out


def fold_status(a: Any) -> str:
    """``visible`` when "…see more" does not cut the post on mobile; ``hook_before_fold`` when
    the first sentence (with words in it) ends before the cut; ``hook_cut`` otherwise — the same
    test as the ``linkedin.hook`` rule."""
    cut = a.fold.mobile
    if cut >= len(a.text) or not a.text[cut:].strip():
        return "visible"
    if not a.sentences:
        return "hook_cut"
    words_before = any(t.kind == "word" and t.end <= cut for t in a.tokens[:60])
    return "hook_before_fold" if words_before and a.sentences[0].end <= cut else "hook_cut"


def _template_purposes(ids: set[str | None]) -> dict[str, str]:
    """The purpose of each known template id (unknown ids have none)."""
    wanted = {i for i in ids if i}
    if not wanted:
        return {}
    from ..templates import list_templates

    try:
        known = {t.id: t.purpose for t in list_templates()}
    except PostcraftError:  # a broken organisation folder must not stop the insights
        return {}
    return {i: known[i] for i in wanted if i in known}


# -- cadence ------------------------------------------------------------------------------------
def cadence(
    name: str,
    kind: str,
    dates: Sequence[dt.date],
    settings: Settings,
    *,
    people: int = 1,
    active_people: int = 0,
    team: str | None = None,
    role: str | None = None,
    leader: bool | None = None,
) -> Cadence:
    """Posts per week (exact Poisson interval), streaks, silence and best month of a set of dates."""
    now = settings.now
    first, last = min(dates), max(dates)
    weeks = sorted({week_of(d) for d in dates})
    span = week_of(now) - week_of(first) + 1
    longest = run = 0
    prev: int | None = None
    for w in weeks:
        run = run + 1 if prev is not None and w == prev + 1 else 1
        longest = max(longest, run)
        prev = w
    have = set(weeks)
    cw = week_of(now)
    start = cw if cw in have else (cw - 1 if cw - 1 in have else None)
    current = 0
    if start is not None:
        while start - current in have:
            current += 1
    lo, hi = poisson_rate(len(dates), span, settings.level)
    months = Counter(month_of(d) for d in dates)
    best = max(months.items(), key=lambda kv: (kv[1], kv[0])) if months else None
    silent_days = (now - last).days
    return Cadence(
        name=name,
        kind=kind,
        posts=len(dates),
        people=people,
        first_post=first,
        last_post=last,
        weeks=span,
        per_week=len(dates) / span,
        per_week_interval=Interval(lo, hi, settings.level),
        current_streak=current,
        longest_streak=longest,
        weeks_since_last=silent_days // 7,
        quiet=silent_days >= settings.quiet_weeks * 7,
        best_month=best[0] if best else None,
        best_month_posts=best[1] if best else 0,
        team=team,
        role=role,
        leader=leader,
        active_people=active_people,
    )


# -- leaders ------------------------------------------------------------------------------------
def leaders(facts: Sequence[PostFacts], authors: Sequence[Author], level: float) -> Leaders:
    """Leaders' share of posts and whether leaders went first, overall and per team."""
    known = any(a.leader is not None for a in authors)
    total = len(facts)
    lead = [f for f in facts if f.leader]
    rest = [f for f in facts if not f.leader]
    share = len(lead) / total if total and known else None
    interval = Interval(*wilson(len(lead), total, level), level) if total and known else None
    first_leader = min((f.date for f in lead), default=None)
    first_other = min((f.date for f in rest), default=None)
    first = first_leader <= first_other if first_leader and first_other else None
    by_team: dict[str, list[PostFacts]] = defaultdict(list)
    for f in facts:
        if f.team:
            by_team[f.team].append(f)
    teams: list[TeamLead] = []
    for team, posts in sorted(by_team.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        tl = [f.date for f in posts if f.leader]
        te = [f.date for f in posts if not f.leader]
        fl, fe = (min(tl) if tl else None), (min(te) if te else None)
        teams.append(
            TeamLead(
                team=team,
                first_leader_post=fl,
                first_employee_post=fe,
                leaders_first=(fl <= fe) if fl and fe else None,
                posts=len(posts),
                leader_posts=len(tl),
                share=len(tl) / len(posts) if known else None,
                share_interval=Interval(*wilson(len(tl), len(posts), level), level) if known else None,
            )
        )
    compared = [t for t in teams if t.leaders_first is not None]
    led = sum(1 for t in compared if t.leaders_first)
    return Leaders(
        known=known,
        posts=total,
        leader_posts=len(lead),
        share=share,
        share_interval=interval,
        leaders_posting=len({f.author for f in lead}),
        people_posting=len({f.author for f in facts}),
        unknown_role_posts=sum(1 for f in facts if f.leader is None),
        first_leader_post=first_leader if known else None,
        first_employee_post=first_other if known else None,
        leaders_first=first if known else None,
        teams=tuple(teams),
        teams_compared=len(compared),
        teams_led_first=led,
        teams_interval=Interval(*wilson(led, len(compared), level), level) if compared else None,
    )


# -- patterns in engagement --------------------------------------------------------------------
#: The one comparison tested per dimension: this group against the rest of the dimension
#: (``any`` for templates: posts written from any template against the others). Purposes are
#: shown, not tested: they have no natural reference.
CONTRASTS: dict[str, str] = {
    "tone": "personal",
    "template": "any",
    "length": "long",
    "fold": "hook_cut",
    "hashtags": "many",
    "findings": "with_findings",
}

#: Values a dimension gives when the review could not tell; such posts sit out its comparison.
UNKNOWN = "unknown"


def outcome_value(f: PostFacts, basis: str) -> float:
    """The value compared within each person: the log of engagement per impression (or per post
    without impressions), with half an engagement added so posts without any still count."""
    e = float(f.engagement or 0) + 0.5
    if basis == "impressions":
        return math.log(e / max(1.0, float(f.impressions or 0)))
    return math.log(e)


def dimensions(
    facts: Sequence[PostFacts], has_template: bool
) -> list[tuple[str, Callable[[PostFacts], str], list[str]]]:
    """Each dimension: its name, how a post's group is found, the display order."""
    cfg = config()
    dims: list[tuple[str, Callable[[PostFacts], str], list[str]]] = [
        ("tone", lambda f: f.tone or UNKNOWN, list(cfg["tone_bands"])),
    ]
    if has_template:
        counts = Counter(f.template for f in facts if f.template)
        order = [t for t, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))] + ["no_template"]
        dims.append(("template", lambda f: f.template or "no_template", order))
    if any(f.purpose for f in facts):
        # purposes are compared among the posts that have one: when they come from the
        # templates, "no purpose" would only repeat "no template"
        counts = Counter(f.purpose for f in facts if f.purpose)
        order = [t for t, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]
        dims.append(("purpose", lambda f: f.purpose or "", order))
    dims += [
        ("length", lambda f: f.length_band or UNKNOWN, [str(b[0]) for b in cfg["length_bands"]]),
        ("fold", lambda f: f.fold or UNKNOWN, list(cfg["fold_bands"])),
        ("hashtags", lambda f: f.hashtag_band or UNKNOWN, [str(b[0]) for b in cfg["hashtag_bands"]]),
        ("findings", lambda f: f.findings_band or UNKNOWN, list(cfg["findings_bands"])),
    ]
    return dims


def in_focus(dimension: str, group: str) -> Callable[[str], bool | None]:
    """Whether a post's group (of ``dimension``) is inside the contrast's focus group, outside
    it, or (``None``) not compared at all (unknown values, and posts without a purpose)."""
    focus = CONTRASTS[dimension]

    def test(g: str) -> bool | None:
        if not g or g == UNKNOWN:
            return None
        if dimension == "template" and focus == "any":
            return g != "no_template"
        return g == focus

    return test


def _by_person(rows: Sequence[PostFacts], basis: str) -> tuple[list[float], list[float]]:
    e: dict[str, float] = defaultdict(float)
    m: dict[str, float] = defaultdict(float)
    for r in rows:
        e[r.author] += float(r.engagement or 0)
        m[r.author] += float(r.impressions or 0) if basis == "impressions" else 1.0
    return list(e.values()), [m[k] for k in e]


def group_rate(rows: Sequence[PostFacts], basis: str, level: float, dimension: str, group: str) -> GroupRate:
    """All of a group's engagement over all its impressions (or posts), with an interval from
    the spread between the people who wrote them (posts by one person are not independent)."""
    e, m = _by_person(rows, basis)
    rate, interval = clustered_rate(e, m, level)
    return GroupRate(
        dimension=dimension,
        group=group,
        n=len(rows),
        engagement=int(sum(e)),
        impressions=int(sum(m)) if basis == "impressions" else None,
        rate=rate,
        interval=interval,
        people=len(e),
    )


def what_works(
    facts: Sequence[PostFacts], basis: str, settings: Settings, *, has_template: bool = False
) -> tuple[list[GroupRate], list[Effect]]:
    """Engagement per group of every dimension (descriptive), and one comparison per dimension
    (:data:`CONTRASTS`) made *within each person*.

    Each post's value is its log engagement rate (:func:`outcome_value`), less the weekday's
    effect estimated within people (:func:`~postcraft.insights.stats.adjust_within`; weekend posts
    reach fewer people), pulled in to at most :data:`~postcraft.insights.stats.WINSOR_AT` robust
    standard deviations from its author's median (viral posts). The comparison is
    :func:`~postcraft.insights.stats.within_person`: a fixed effect per person, so that people who
    write differently *and* reach a different audience do not make a pattern; its interval comes
    from a bootstrap that resamples people, its p-value from a within-person permutation test on
    the same values cut harder, at :data:`~postcraft.insights.stats.TEST_AT` (a Huber-type score:
    viral posts and posts without engagement weigh less). Holm's method adjusts the p-values of
    the comparisons with enough posts and people.
    """
    level = settings.level
    alpha = 1 - level
    groups: list[GroupRate] = []
    raw: list[dict[str, Any]] = []
    positions: dict[str, list[int]] = defaultdict(list)
    for k, f in enumerate(facts):
        positions[f.author].append(k)
    adjusted = adjust_within(
        [[outcome_value(facts[k], basis) for k in ks] for ks in positions.values()],
        [[facts[k].date.weekday() for k in ks] for ks in positions.values()],
    )
    value: dict[int, float] = {}
    score: dict[int, float] = {}
    for ks, vals, cut in zip(
        positions.values(), winsorise_within(adjusted), winsorise_within(adjusted, TEST_AT), strict=True
    ):
        value.update(zip(ks, vals, strict=True))
        score.update(zip(ks, cut, strict=True))
    for dim, key, order in dimensions(facts, has_template):
        members: dict[str, list[PostFacts]] = defaultdict(list)
        for f in facts:
            g = key(f)
            if g:
                members[g].append(f)
        present = [g for g in order if g in members] + sorted(g for g in members if g not in order)
        for g in present:
            groups.append(group_rate(members[g], basis, level, dim, g))
        if dim not in CONTRASTS or len(present) < 2:
            continue
        test = in_focus(dim, CONTRASTS[dim])
        inside: dict[str, list[float]] = defaultdict(list)
        outside: dict[str, list[float]] = defaultdict(list)
        test_in: dict[str, list[float]] = defaultdict(list)
        test_out: dict[str, list[float]] = defaultdict(list)
        rows_in: list[PostFacts] = []
        rows_out: list[PostFacts] = []
        for k, f in enumerate(facts):
            side = test(key(f))
            if side is None:
                continue
            (inside if side else outside)[f.author].append(value[k])
            (test_in if side else test_out)[f.author].append(score[k])
            (rows_in if side else rows_out).append(f)
        if not rows_in or not rows_out:
            continue
        both = [a for a in inside if a in outside]
        wp = within_person(
            [(inside[a], outside[a]) for a in sorted(inside) if a in outside],
            resamples=settings.resamples,
            seed=stream_seed(settings.seed, "within", dim),
            level=level,
            test=[(test_in[a], test_out[a]) for a in sorted(inside) if a in outside],
        )
        r_in = group_rate(rows_in, basis, level, dim, CONTRASTS[dim])
        r_out = group_rate(rows_out, basis, level, dim, "rest")
        small = (
            wp is None
            or len(rows_in) < settings.min_posts
            or len(rows_out) < settings.min_posts
            or len(both) < settings.min_people
        )
        raw.append(
            {
                "dimension": dim,
                "group": CONTRASTS[dim],
                "basis": basis,
                "n": len(rows_in),
                "rest_n": len(rows_out),
                "people": r_in.people,
                "rest_people": r_out.people,
                "both": len(both),
                "both_posts": sum(len(inside[a]) + len(outside[a]) for a in both),
                "rate": r_in.rate,
                "rest_rate": r_out.rate,
                "ratio": wp.ratio if wp else None,
                "ratio_interval": (
                    Interval(math.exp(wp.interval.low), math.exp(wp.interval.high), level)
                    if wp and wp.interval
                    else None
                ),
                "p": wp.p if wp else 1.0,
                "small": small,
            }
        )
    tested = [i for i, r in enumerate(raw) if not r["small"]]
    qs = holm([raw[i]["p"] for i in tested])
    qmap = dict(zip(tested, qs, strict=True))
    effects: list[Effect] = []
    for i, r in enumerate(raw):
        q = qmap.get(i)
        small = r.pop("small")
        if small:
            warning: str | None = "small_sample"
        elif r["p"] >= alpha or not _excludes_one(r["ratio_interval"]):
            warning = "includes_zero"
        elif q is None or q >= alpha:
            warning = "multiple_comparisons"
        else:
            warning = None
        effects.append(
            Effect(**r, p_adjusted=q if q is not None else 1.0, finding=warning is None, warning=warning)
        )
    return groups, effects


def _excludes_one(ci: Interval | None) -> bool:
    return ci is not None and not ci.contains(1.0)


def find_overlaps(
    facts: Sequence[PostFacts], found: Sequence[Effect], has_template: bool, threshold: float = 0.85
) -> list[Overlap]:
    """Pairs of findings whose groups are largely the same posts (or each other's complement)."""
    if len(found) < 2 or not facts:
        return []
    keys = {dim: key for dim, key, _order in dimensions(facts, has_template)}
    member = {
        e.dimension: [bool(in_focus(e.dimension, e.group)(keys[e.dimension](f))) for f in facts]
        for e in found
    }
    out: list[Overlap] = []
    n = len(facts)
    for i, a in enumerate(found):
        for b in found[i + 1 :]:
            ma, mb = member[a.dimension], member[b.dimension]
            same = sum(1 for x, y in zip(ma, mb, strict=True) if x == y)
            agreement = max(same, n - same) / n
            if agreement >= threshold:
                out.append(Overlap(a.dimension, a.group, b.dimension, b.group, agreement))
    return out


# -- celebrate ----------------------------------------------------------------------------------
def milestones(facts: Sequence[PostFacts], settings: Settings) -> tuple[list[FirstPost], list[Milestone]]:
    """Everyone's first post, and the Nth posts of people, teams and the organisation."""
    cfg = config()["milestones"]
    recent_from = settings.now - dt.timedelta(weeks=settings.recent_weeks)
    firsts: dict[str, PostFacts] = {}
    count: Counter[tuple[str, str]] = Counter()
    found: list[Milestone] = []
    marks = {k: set(int(x) for x in v) for k, v in cfg.items()}
    for f in facts:  # facts are in date order
        firsts.setdefault(f.author, f)
        keys = [("person", f.author), ("organisation", "")]
        if f.team:
            keys.append(("team", f.team))
        for kind, name in keys:
            count[(kind, name)] += 1
            n = count[(kind, name)]
            if n in marks[kind]:
                found.append(Milestone(kind, name, n, f.date, f.line, f.date > recent_from))
    first_posts = [
        FirstPost(name, f.team, f.date, f.line, f.date > recent_from)
        for name, f in sorted(firsts.items(), key=lambda kv: (kv[1].date, kv[0]))
    ]
    found.sort(key=lambda m: (m.date, m.kind, m.name, m.number))
    return first_posts, found


def monthly(
    facts: Sequence[PostFacts], eligible: Sequence[PostFacts], basis: str | None, settings: Settings
) -> list[Month]:
    """Posts and people posting per calendar month and, where outcomes exist, the month's
    engagement rate with an interval from the spread between the people who posted."""
    if not facts:
        return []
    months = _months_between(facts[0].date, settings.now)
    counts = Counter(month_of(f.date) for f in facts)
    people: dict[str, set[str]] = defaultdict(set)
    for f in facts:
        people[month_of(f.date)].add(f.author)
    by_month: dict[str, list[PostFacts]] = defaultdict(list)
    for f in eligible:
        by_month[month_of(f.date)].append(f)
    out: list[Month] = []
    for m in months:
        rows = by_month.get(m, [])
        rate = interval = None
        if basis is not None and rows:
            e, x = _by_person(rows, basis)
            rate, interval = clustered_rate(e, x, settings.level)
        out.append(
            Month(
                m,
                counts.get(m, 0),
                rate,
                len(rows),
                interval,
                _month_complete(m, settings.now),
                people=len(people.get(m, ())),
            )
        )
    return out


def team_progress(
    facts: Sequence[PostFacts], history: History, settings: Settings
) -> tuple[Participation, list[TeamProgress]]:
    """Each team's posts and posting people per month, and participation against the roster's
    headcount (``None`` without a roster) for the organisation and each team."""
    active_from = settings.now - dt.timedelta(weeks=settings.quiet_weeks)
    roster = history.roster
    headcount: Counter[str] = Counter()
    if roster is not None:
        for p in roster.people:
            if p.team:
                headcount[p.team] += 1
    in_roster = {a.name for a in history.authors if a.person is not None}
    by_team: dict[str, list[PostFacts]] = defaultdict(list)
    for f in facts:
        if f.team:
            by_team[f.team].append(f)
    months = _months_between(facts[0].date, settings.now) if facts else []

    def part(name: str, rows: Sequence[PostFacts], count: int | None) -> Participation:
        # against a headcount, only people in the roster count (the others are not in it)
        pool = [f for f in rows if f.author in in_roster] if count is not None else list(rows)
        posted = len({f.author for f in pool})
        active = len({f.author for f in pool if f.date > active_from})
        share = interval = None
        if count:
            share = min(1.0, posted / count)
            interval = Interval(*wilson(min(posted, count), count, settings.level), settings.level)
        return Participation(name, count, posted, active, share, interval)

    org = part("organisation", facts, len(roster.people) if roster is not None else None)
    teams: list[TeamProgress] = []
    names = sorted(set(by_team) | set(headcount), key=lambda t: (-len(by_team.get(t, [])), t))
    for team in names:
        rows = by_team.get(team, [])
        counts = Counter(month_of(f.date) for f in rows)
        people: dict[str, set[str]] = defaultdict(set)
        for f in rows:
            people[month_of(f.date)].add(f.author)
        series = tuple(
            Month(
                m, counts.get(m, 0), complete=_month_complete(m, settings.now), people=len(people.get(m, ()))
            )
            for m in months
        )
        teams.append(TeamProgress(team, part(team, rows, headcount.get(team) if roster else None), series))
    return org, teams


def expert_candidates(history: History, facts: Sequence[PostFacts], settings: Settings) -> list[Expert]:
    """The roster's experts (``expert: true``) with their topics and how much they have posted:
    people to invite to write, or to ask for a comment, on their topics. Those who have not
    posted come first, then those gone quiet, then the fewest posts."""
    if history.roster is None:
        return []
    by_name = {a.person.name: a.name for a in history.authors if a.person is not None}
    posts: dict[str, list[dt.date]] = defaultdict(list)
    for f in facts:
        posts[f.author].append(f.date)
    out: list[Expert] = []
    for p in history.roster.people:
        if not p.expert:
            continue
        dates = posts.get(by_name.get(p.name, ""), [])
        last = max(dates) if dates else None
        if last is None:
            status = "not_started"
        elif (settings.now - last).days >= settings.quiet_weeks * 7:
            status = "quiet"
        else:
            status = "active"
        out.append(Expert(p.name, p.team, tuple(p.topics), len(dates), last, status))
    rank = {"not_started": 0, "quiet": 1, "active": 2}
    out.sort(key=lambda x: (rank[x.status], x.posts, x.name))
    return out


def trend(name: str, kind: str, dates: Sequence[dt.date], settings: Settings) -> Trend:
    """Slope of posts per complete month from the first post's month on."""
    months = [m for m in _months_between(min(dates), settings.now) if _month_complete(m, settings.now)]
    counts = Counter(month_of(d) for d in dates)
    series = tuple((m, counts.get(m, 0)) for m in months)
    if len(series) < 3:
        return Trend(name, kind, series, None, None, "too_short")
    t = linear_trend([float(c) for _m, c in series], settings.level)
    ci = t.interval
    if ci is None:
        direction = "flat"
    elif ci.low > 0:
        direction = "rising"
    elif ci.high < 0:
        direction = "falling"
    else:
        direction = "flat"
    return Trend(name, kind, series, t.slope, ci, direction)


# -- everything ---------------------------------------------------------------------------------
def compute(
    history: History,
    *,
    now: dt.date | None,
    seed: int,
    resamples: int,
    level: float,
    min_posts: int,
    quiet_weeks: int,
    recent_weeks: int,
    review: Reviewer,
    min_people: int = 10,
    show_progress: bool | None = None,
) -> Insights:
    """Run every insight on a loaded history (see :func:`postcraft.insights.compute_insights`)."""
    if not history.posts:
        skipped = len(history.skipped)
        raise InputError(
            f"the history has no posts to look at ({skipped} row{'s' if skipped != 1 else ''} skipped"
            + (
                f"; first: {history.unit} {history.skipped[0].line}: {history.skipped[0].reason}"
                if skipped
                else ""
            )
            + ")"
        )
    end = max(p.date for p in history.posts)
    now = now or end
    settings = Settings(now, seed, resamples, level, min_posts, quiet_weeks, recent_weeks, min_people)
    notes: list[Note] = list(history.notes)
    posts = [p for p in history.posts if p.date <= now]
    if len(posts) < len(history.posts):
        notes.append(Note("future_posts", {"n": len(history.posts) - len(posts), "now": now.isoformat()}))
    if not posts:
        raise InputError(f"every post in the history is after {now.isoformat()}; give a later now=")
    facts = review_posts(history, posts, review=review, show_progress=show_progress)

    # cadence
    by_author: dict[str, list[PostFacts]] = defaultdict(list)
    by_team: dict[str, list[PostFacts]] = defaultdict(list)
    for f in facts:
        by_author[f.author].append(f)
        if f.team:
            by_team[f.team].append(f)
    authors = {a.name: a for a in history.authors}
    active_from = now - dt.timedelta(weeks=quiet_weeks)
    people = [
        cadence(
            name,
            "person",
            [f.date for f in rows],
            settings,
            team=authors[name].team if name in authors else rows[0].team,
            role=authors[name].role if name in authors else None,
            leader=rows[0].leader,
            active_people=1 if rows[-1].date > active_from else 0,
        )
        for name, rows in by_author.items()
    ]
    people.sort(key=lambda c: (-c.posts, c.name))
    teams = [
        cadence(
            team,
            "team",
            [f.date for f in rows],
            settings,
            people=len({f.author for f in rows}),
            active_people=len({f.author for f in rows if f.date > active_from}),
        )
        for team, rows in by_team.items()
    ]
    teams.sort(key=lambda c: (-c.posts, c.name))
    organisation = cadence(
        "organisation",
        "organisation",
        [f.date for f in facts],
        settings,
        people=len(by_author),
        active_people=len({f.author for f in facts if f.date > active_from}),
    )
    not_started: tuple[str, ...] = ()
    if history.roster is not None:
        posted = {a.person.name for a in history.authors if a.person is not None}
        not_started = tuple(p.name for p in history.roster.people if p.name not in posted)
    no_team = sum(1 for f in facts if not f.team)
    if by_team and no_team:
        notes.append(Note("no_team", {"n": no_team}))

    # leaders
    lead = leaders(facts, list(history.authors), level)
    if not lead.known:
        notes.append(Note("no_roles", {}))
    elif lead.unknown_role_posts:
        names = sorted({f.author for f in facts if f.leader is None})
        notes.append(Note("unknown_roles", {"n": lead.unknown_role_posts, "names": names}))

    # what works
    not_reviewed = [f for f in facts if not f.reviewed]
    if not_reviewed:
        reasons = Counter(
            (f.error or "").split(":", 1)[-1] if (f.error or "").startswith("language:") else "other"
            for f in not_reviewed
        )
        notes.append(
            Note(
                "not_reviewed",
                {
                    "n": len(not_reviewed),
                    "lines": [f.line for f in not_reviewed],
                    "languages": sorted(k for k in reasons if k != "other"),
                },
            )
        )
    with_outcome = [f for f in facts if f.reviewed and f.engagement is not None]
    basis: str | None
    if "impressions" in history.columns and any(f.impressions for f in with_outcome):
        basis = "impressions"
        eligible = [f for f in with_outcome if f.impressions]
        left = len(with_outcome) - len(eligible)
        if left:
            notes.append(Note("partial_impressions", {"n": left}))
    elif with_outcome:
        basis = "posts"
        eligible = with_outcome
        notes.append(Note("no_impressions", {"n": len(eligible)}))
    else:
        basis = None
        eligible = []
        notes.append(Note("no_outcomes", {}))
    missing_outcome = sum(1 for f in facts if f.reviewed and f.engagement is None)
    if with_outcome and missing_outcome:
        notes.append(Note("missing_outcomes", {"n": missing_outcome}))
    groups: list[GroupRate] = []
    effects: list[Effect] = []
    if basis is not None and len(eligible) >= 2:
        groups, effects = what_works(eligible, basis, settings, has_template="template" in history.columns)
        if all(e.warning == "small_sample" for e in effects):
            notes.append(
                Note("too_few_for_effects", {"n": len(eligible), "min": min_posts, "people": min_people})
            )
    overlaps = find_overlaps(eligible, [e for e in effects if e.finding], "template" in history.columns)

    # celebrate
    first_posts, stones = milestones(facts, settings)
    months = monthly(facts, eligible, basis, settings)
    best = max(months, key=lambda m: (m.posts, m.month)) if months else None
    rated = [m for m in months if m.rate is not None and m.rate_n >= max(2, min_posts // 2)]
    best_rate = max(rated, key=lambda m: (m.rate or 0.0, m.month)) if rated else None
    trends = [trend("organisation", "organisation", [f.date for f in facts], settings)]
    trends += [trend(t.name, "team", [f.date for f in by_team[t.name]], settings) for t in teams]
    first_week = week_of(facts[0].date)
    weekly_counts = Counter(week_of(f.date) for f in facts)
    weekly = tuple((week_start(w), weekly_counts.get(w, 0)) for w in range(first_week, week_of(now) + 1))
    participation, progress_by_team = team_progress(facts, history, settings)
    experts = expert_candidates(history, facts, settings)

    return Insights(
        history=history,
        now=now,
        start=facts[0].date,
        end=facts[-1].date,
        basis=basis,
        organisation=organisation,
        people=tuple(people),
        teams=tuple(teams),
        not_started=not_started,
        leaders=lead,
        groups=tuple(groups),
        effects=tuple(effects),
        overlaps=tuple(overlaps),
        first_posts=tuple(first_posts),
        milestones=tuple(stones),
        best_month=best,
        best_rate_month=best_rate,
        trends=tuple(trends),
        weekly=weekly,
        monthly=tuple(months),
        participation=participation,
        team_progress=tuple(progress_by_team),
        experts=tuple(experts),
        facts=tuple(facts),
        notes=tuple(notes),
        settings={
            "now": now.isoformat(),
            "seed": seed,
            "resamples": resamples,
            "level": level,
            "min_posts": min_posts,
            "quiet_weeks": quiet_weeks,
            "recent_weeks": recent_weeks,
            "min_people": min_people,
            "bootstrap": "python",
            "method": "within_person",
            "comparisons": sum(1 for e in effects if e.warning != "small_sample"),
        },
    )
