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
    FirstPost,
    GroupRate,
    Insights,
    Leaders,
    Milestone,
    Month,
    Overlap,
    PostFacts,
    TeamLead,
    Trend,
)
from .stats import (
    Interval,
    bootstrap_p,
    bootstrap_sums,
    holm,
    linear_trend,
    percentile_interval,
    poisson_rate,
    stream_seed,
    wilson,
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
        quiet=silent_days > settings.quiet_weeks * 7,
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


# -- what works ---------------------------------------------------------------------------------
@dataclass
class _Boot:
    n: int
    engagement: int
    exposure: float
    e: list[float]
    m: list[float]


def _boot(rows: Sequence[PostFacts], basis: str, settings: Settings, *parts: str) -> _Boot:
    e = [float(r.engagement or 0) for r in rows]
    m = [float(r.impressions or 0) if basis == "impressions" else 1.0 for r in rows]
    be, bm = bootstrap_sums(e, m, resamples=settings.resamples, seed=stream_seed(settings.seed, *parts))
    return _Boot(len(rows), int(sum(e)), sum(m), be, bm)


def _rates(e: Sequence[float], m: Sequence[float]) -> list[float]:
    return [x / y if y > 0 else math.nan for x, y in zip(e, m, strict=True)]


def _finite(values: Sequence[float]) -> list[float]:
    return [v for v in values if math.isfinite(v)]


def dimensions(
    facts: Sequence[PostFacts], has_template: bool
) -> list[tuple[str, Callable[[PostFacts], str], list[str]]]:
    """Each "what works" dimension: its name, how a post's group is found, the display order."""
    cfg = config()
    dims: list[tuple[str, Callable[[PostFacts], str], list[str]]] = [
        ("tone", lambda f: f.tone or "unknown", list(cfg["tone_bands"])),
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
        ("length", lambda f: f.length_band or "unknown", [str(b[0]) for b in cfg["length_bands"]]),
        ("fold", lambda f: f.fold or "unknown", list(cfg["fold_bands"])),
        ("hashtags", lambda f: f.hashtag_band or "unknown", [str(b[0]) for b in cfg["hashtag_bands"]]),
        ("findings", lambda f: f.findings_band or "unknown", list(cfg["findings_bands"])),
    ]
    return dims


def what_works(
    facts: Sequence[PostFacts], basis: str, settings: Settings, *, has_template: bool = False
) -> tuple[list[GroupRate], list[Effect]]:
    """Engagement rate per group of every dimension, and each group against the rest.

    Each group is resampled on its own (a stratified bootstrap); "the rest" of a replicate is
    the sum of the other groups' replicates. Binary dimensions get one comparison, larger ones
    one per group. Holm's method adjusts the p-values of all comparisons with enough posts.
    """
    level = settings.level
    alpha = 1 - level
    groups: list[GroupRate] = []
    raw: list[dict[str, Any]] = []
    for dim, key, order in dimensions(facts, has_template):
        members: dict[str, list[PostFacts]] = defaultdict(list)
        for f in facts:
            group = key(f)
            if group:
                members[group].append(f)
        present = [g for g in order if g in members] + sorted(g for g in members if g not in order)
        boots = {g: _boot(members[g], basis, settings, dim, g) for g in present}
        for g in present:
            b = boots[g]
            groups.append(
                GroupRate(
                    dimension=dim,
                    group=g,
                    n=b.n,
                    engagement=b.engagement,
                    impressions=int(b.exposure) if basis == "impressions" else None,
                    rate=b.engagement / b.exposure if b.exposure else 0.0,
                    interval=percentile_interval(_finite(_rates(b.e, b.m)), level) if b.n > 1 else None,
                )
            )
        if len(present) < 2:
            continue
        total_e = [sum(vals) for vals in zip(*(boots[g].e for g in present), strict=True)]
        total_m = [sum(vals) for vals in zip(*(boots[g].m for g in present), strict=True)]
        all_n = sum(boots[g].n for g in present)
        all_e = sum(boots[g].engagement for g in present)
        all_m = sum(boots[g].exposure for g in present)
        compared = present[:1] if len(present) == 2 else present
        for g in compared:
            b = boots[g]
            rest_n = all_n - b.n
            rest_e, rest_m = all_e - b.engagement, all_m - b.exposure
            rate = b.engagement / b.exposure if b.exposure else 0.0
            rest_rate = rest_e / rest_m if rest_m else 0.0
            rg = _rates(b.e, b.m)
            rr = _rates(
                [t - x for t, x in zip(total_e, b.e, strict=True)],
                [t - x for t, x in zip(total_m, b.m, strict=True)],
            )
            diffs = [x - y for x, y in zip(rg, rr, strict=True)]
            ratios = [x / y if y > 0 else math.inf for x, y in zip(rg, rr, strict=True)]
            raw.append(
                {
                    "dimension": dim,
                    "group": g,
                    "n": b.n,
                    "rest_n": rest_n,
                    "rate": rate,
                    "rest_rate": rest_rate,
                    "difference": rate - rest_rate,
                    "difference_interval": percentile_interval(diffs, level),
                    "ratio": rate / rest_rate if rest_rate > 0 else None,
                    "ratio_interval": percentile_interval(ratios, level),
                    "p": bootstrap_p(diffs, rate - rest_rate, df=min(b.n, rest_n) - 1),
                    "small": b.n < settings.min_posts or rest_n < settings.min_posts,
                }
            )
    tested = [i for i, r in enumerate(raw) if not r["small"]]
    qs = holm([raw[i]["p"] for i in tested])
    qmap = dict(zip(tested, qs, strict=True))
    effects: list[Effect] = []
    for i, r in enumerate(raw):
        ci: Interval | None = r["difference_interval"]
        excludes = ci is not None and not ci.contains(0.0)
        q = qmap.get(i)
        if r["small"]:
            warning: str | None = "small_sample"
        elif not excludes:
            warning = "includes_zero"
        elif q is None or q >= alpha:
            warning = "multiple_comparisons"
        else:
            warning = None
        effects.append(
            Effect(
                dimension=r["dimension"],
                group=r["group"],
                basis=basis,
                n=r["n"],
                rest_n=r["rest_n"],
                rate=r["rate"],
                rest_rate=r["rest_rate"],
                difference=r["difference"],
                difference_interval=ci,
                ratio=r["ratio"],
                ratio_interval=r["ratio_interval"],
                p=r["p"],
                p_adjusted=q if q is not None else 1.0,
                finding=warning is None,
                warning=warning,
            )
        )
    return groups, effects


def find_overlaps(
    facts: Sequence[PostFacts], found: Sequence[Effect], has_template: bool, threshold: float = 0.85
) -> list[Overlap]:
    """Pairs of findings whose groups are largely the same posts (or each other's complement)."""
    if len(found) < 2 or not facts:
        return []
    keys = {dim: key for dim, key, _order in dimensions(facts, has_template)}
    member = {(e.dimension, e.group): [keys[e.dimension](f) == e.group for f in facts] for e in found}
    out: list[Overlap] = []
    n = len(facts)
    for i, a in enumerate(found):
        for b in found[i + 1 :]:
            if a.dimension == b.dimension:
                continue
            ma, mb = member[(a.dimension, a.group)], member[(b.dimension, b.group)]
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
    """Posts per calendar month and, where outcomes exist, the month's engagement rate."""
    if not facts:
        return []
    months = _months_between(facts[0].date, settings.now)
    counts = Counter(month_of(f.date) for f in facts)
    by_month: dict[str, list[PostFacts]] = defaultdict(list)
    for f in eligible:
        by_month[month_of(f.date)].append(f)
    out: list[Month] = []
    for m in months:
        rows = by_month.get(m, [])
        rate = interval = None
        if basis is not None and rows:
            b = _boot(rows, basis, settings, "month", m)
            rate = b.engagement / b.exposure if b.exposure else None
            interval = (
                percentile_interval(_finite(_rates(b.e, b.m)), settings.level) if len(rows) > 1 else None
            )
        out.append(Month(m, counts.get(m, 0), rate, len(rows), interval, _month_complete(m, settings.now)))
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
    settings = Settings(now, seed, resamples, level, min_posts, quiet_weeks, recent_weeks)
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
        notes.append(Note("no_impressions", {}))
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
            notes.append(Note("too_few_for_effects", {"n": len(eligible), "min": min_posts}))
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
    from .stats import _numpy

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
            "bootstrap": "numpy" if _numpy() is not None else "python",
            "comparisons": sum(1 for e in effects if e.warning != "small_sample"),
        },
    )
