"""The results of :func:`postcraft.insights`: small frozen dataclasses with ``to_dict()``.

Every number comes with its uncertainty: rates with exact Poisson intervals, shares with Wilson
intervals, engagement comparisons (within each person) with intervals from a bootstrap over
people, trends with Student-t intervals.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from importlib import import_module
from typing import TYPE_CHECKING, Any

from ..errors import MissingDependencyError
from ..formats.csvtext import spreadsheet_safe
from ..formats.labels import Note
from ..langs import DEFAULT, SUPPORTED
from .stats import Interval

if TYPE_CHECKING:
    from .history import History


def _plain(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Interval | Note):
        return value.to_dict()
    if hasattr(value, "to_dict") and callable(value.to_dict):
        return value.to_dict()
    if isinstance(value, tuple | list):
        return [_plain(v) for v in value]
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    return value


class _ToDict:
    """``to_dict()`` for a dataclass whose fields are JSON values, dates, intervals or results."""

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict (dates as ISO text)."""
        return {f.name: _plain(getattr(self, f.name)) for f in fields(self)}  # type: ignore[arg-type]


@dataclass(frozen=True)
class PostFacts(_ToDict):
    """What the insights know about one post: its outcomes and what its review found.

    ``tone`` is the review's tone label, ``length`` the LinkedIn length, ``fold`` one of
    ``visible`` (no "…see more"), ``hook_before_fold`` or ``hook_cut`` (first sentence cut by
    the mobile fold), ``findings`` the number of warning- and error-level findings and ``rules``
    their rule ids. ``reviewed`` is false when the post could not be reviewed (``error`` says
    why, e.g. a language other than Danish and English). ``rate`` is engagement per impression,
    or ``None``.
    """

    line: int
    date: dt.date
    author: str
    team: str | None
    leader: bool | None
    reviewed: bool
    lang: str | None = None
    tone: str | None = None
    personal: float | None = None
    length: int | None = None
    length_band: str | None = None
    fold: str | None = None
    hashtags: int | None = None
    hashtag_band: str | None = None
    findings: int | None = None
    findings_band: str | None = None
    rules: tuple[str, ...] = ()
    template: str | None = None
    purpose: str | None = None
    impressions: int | None = None
    engagement: int | None = None
    clicks: int | None = None
    error: str | None = None

    @property
    def rate(self) -> float | None:
        """Engagement per impression, when both are known and impressions are positive."""
        if self.engagement is None or not self.impressions:
            return None
        return self.engagement / self.impressions


@dataclass(frozen=True)
class Cadence(_ToDict):
    """How often a person, a team or the whole organisation posts.

    ``weeks`` counts calendar weeks (Monday to Sunday) from the week of the first post to the
    week of ``now``; ``per_week`` is posts per such week with an exact Poisson interval.
    ``current_streak`` is the run of consecutive weeks with a post that ends this week (or last
    week, when this week has no post yet); ``longest_streak`` the longest run. ``quiet`` is true
    when the last post is more than ``quiet_weeks`` weeks before ``now``. ``best_month`` is the
    month (``YYYY-MM``) with the most posts.
    """

    name: str
    kind: str
    posts: int
    people: int
    first_post: dt.date
    last_post: dt.date
    weeks: int
    per_week: float
    per_week_interval: Interval
    current_streak: int
    longest_streak: int
    weeks_since_last: int
    quiet: bool
    best_month: str | None = None
    best_month_posts: int = 0
    team: str | None = None
    role: str | None = None
    leader: bool | None = None
    active_people: int = 0


@dataclass(frozen=True)
class TeamLead(_ToDict):
    """Leaders go first, in one team: the first post of one of its leaders and of one of its
    other members; ``leaders_first`` is ``None`` when the team lacks one or the other."""

    team: str
    first_leader_post: dt.date | None
    first_employee_post: dt.date | None
    leaders_first: bool | None
    posts: int = 0
    leader_posts: int = 0
    share: float | None = None
    share_interval: Interval | None = None


@dataclass(frozen=True)
class Leaders(_ToDict):
    """Leaders' share of the posts (Wilson interval) and whether leaders posted before the
    others, overall and per team. ``known`` is false when no author has a role; posts by
    authors without a role count as not a leader's (``unknown_role_posts`` says how many)."""

    known: bool
    posts: int
    leader_posts: int
    share: float | None
    share_interval: Interval | None
    leaders_posting: int
    people_posting: int
    unknown_role_posts: int
    first_leader_post: dt.date | None
    first_employee_post: dt.date | None
    leaders_first: bool | None
    teams: tuple[TeamLead, ...] = ()
    teams_compared: int = 0
    teams_led_first: int = 0
    teams_interval: Interval | None = None


@dataclass(frozen=True)
class GroupRate(_ToDict):
    """The engagement of one group of posts (e.g. tone ``personal``), as it happened: ``n`` posts
    by ``people`` people, their summed engagement and impressions, ``rate`` (all engagement over
    all impressions, or per post) and an interval from the spread between the people (posts by
    one person are not independent). Descriptive: a group written mostly by people with a large
    audience has a high rate whatever its posts are like — :class:`Effect` compares within people."""

    dimension: str
    group: str
    n: int
    engagement: int
    impressions: int | None
    rate: float
    interval: Interval | None
    people: int = 0


@dataclass(frozen=True)
class Effect(_ToDict):
    """The one comparison of a dimension: posts in ``group`` against the rest of the dimension,
    *within each person*.

    ``ratio`` is how many times the engagement per impression (per post without impressions) of
    a person's posts in the group is that of the same person's other posts — a typical post, on
    the log scale, with viral posts pulled in — averaged over the ``both`` people who wrote posts
    on both sides (``both_posts`` posts), weekdays taken out; ``ratio_interval`` comes from a
    bootstrap that resamples people (Student's t, ``both`` − 1 degrees of freedom); ``p`` is the
    p-value of "no difference" from a within-person permutation test and ``p_adjusted`` its Holm
    adjustment over the report's comparisons with enough data. ``n``/``people`` and ``rest_n``/``rest_people`` are the posts and distinct authors on
    each side; ``rate``/``rest_rate`` the pooled, unadjusted rates (descriptive only).

    ``finding`` is true only with at least ``min_posts`` posts on each side, ``min_people``
    people writing both, and ``p_adjusted`` < 1 − level. Otherwise ``warning`` says why not:
    ``small_sample``, ``includes_zero`` (the interval includes no difference) or
    ``multiple_comparisons``. A pattern, not a cause: the posts may differ in other ways too.
    """

    dimension: str
    group: str
    basis: str
    n: int
    rest_n: int
    people: int
    rest_people: int
    both: int
    both_posts: int
    rate: float
    rest_rate: float
    ratio: float | None
    ratio_interval: Interval | None
    p: float
    p_adjusted: float
    finding: bool
    warning: str | None

    @property
    def direction(self) -> str:
        """``higher`` or ``lower`` (the estimate's side of no difference)."""
        return "higher" if (self.ratio or 1.0) >= 1 else "lower"

    def sentence(self, lang: str = DEFAULT) -> str:
        """The effect in words, without causal wording, in ``lang``."""
        from ..formats.insights import effect_sentence

        return effect_sentence(self, lang)


@dataclass(frozen=True)
class Overlap(_ToDict):
    """Two findings that concern largely the same posts: ``agreement`` is the share of posts
    that are on the same side of both (in or out of both, or in one exactly when out of the
    other). At 0.85 and above they are reported, as they may be one pattern seen twice."""

    dimension: str
    group: str
    other_dimension: str
    other_group: str
    agreement: float


@dataclass(frozen=True)
class FirstPost(_ToDict):
    """Someone's first post in the history; ``recent`` when it falls in the last weeks."""

    name: str
    team: str | None
    date: dt.date
    line: int
    recent: bool


@dataclass(frozen=True)
class Milestone(_ToDict):
    """The ``number``-th post of a person, a team or the organisation (``kind``)."""

    kind: str
    name: str
    number: int
    date: dt.date
    line: int
    recent: bool


@dataclass(frozen=True)
class Month(_ToDict):
    """One calendar month (``YYYY-MM``): posts, ``people`` who posted and, where outcomes exist,
    the engagement rate of the posts with outcomes (``rate_n`` of them) and its interval (from
    the spread between people). ``complete`` is false for the month of ``now`` until its last day."""

    month: str
    posts: int
    rate: float | None = None
    rate_n: int = 0
    rate_interval: Interval | None = None
    complete: bool = True
    people: int = 0


@dataclass(frozen=True)
class Participation(_ToDict):
    """How many of a team's (or the organisation's) people have posted: ``headcount`` from the
    roster (``None`` without one), ``posted`` ever and ``active`` in the last ``quiet_weeks``
    weeks, and ``share`` = posted / headcount with a Wilson interval. Against a headcount only
    authors found in the roster count."""

    name: str
    headcount: int | None
    posted: int
    active: int
    share: float | None = None
    share_interval: Interval | None = None


@dataclass(frozen=True)
class TeamProgress(_ToDict):
    """One team over time: participation, and posts and posting people per calendar month
    (the last month may be incomplete)."""

    team: str
    participation: Participation
    months: tuple[Month, ...]


@dataclass(frozen=True)
class Expert(_ToDict):
    """A roster expert (``expert: true``) to invite to write or comment on their ``topics``:
    ``status`` is ``not_started``, ``quiet`` or ``active``."""

    name: str
    team: str | None
    topics: tuple[str, ...]
    posts: int
    last_post: dt.date | None
    status: str


@dataclass(frozen=True)
class Trend(_ToDict):
    """The slope of monthly posts over complete months (posts per month, per month) with a
    Student-t interval; ``direction`` is ``rising`` or ``falling`` when the interval excludes
    zero, ``flat`` when it does not, ``too_short`` with fewer than three complete months."""

    name: str
    kind: str
    months: tuple[tuple[str, int], ...]
    slope: float | None
    interval: Interval | None
    direction: str


@dataclass(frozen=True, eq=False)
class Insights:
    """What an organisation's post history shows: cadence, what works and what to celebrate.

    Build it with :func:`postcraft.insights`. Shown as HTML with charts in a notebook;
    :meth:`report` writes a plain-text report in Danish or English; :meth:`to_dict` is JSON;
    :meth:`to_dataframe` / :meth:`to_dataframes` give pandas tables.

    >>> from postcraft import insights
    >>> rows = [{"Dato": f"2025-03-{d:02d}", "Forfatter": "Ole Dam", "Tekst": f"Jeg lærte noget i uge {d}."}
    ...         for d in (3, 10, 17)]
    >>> result = insights(rows, now="2025-05-01", show_progress=False)
    >>> [c.name for c in result.quiet], result.report("da").splitlines()[0]
    (['Ole Dam'], 'postcraft-indsigt')
    """

    history: History = field(repr=False)
    now: dt.date
    start: dt.date
    end: dt.date
    basis: str | None
    organisation: Cadence
    people: tuple[Cadence, ...]
    teams: tuple[Cadence, ...]
    not_started: tuple[str, ...]
    leaders: Leaders
    groups: tuple[GroupRate, ...]
    effects: tuple[Effect, ...]
    overlaps: tuple[Overlap, ...]
    first_posts: tuple[FirstPost, ...]
    milestones: tuple[Milestone, ...]
    best_month: Month | None
    best_rate_month: Month | None
    trends: tuple[Trend, ...]
    weekly: tuple[tuple[dt.date, int], ...]
    monthly: tuple[Month, ...]
    participation: Participation | None = None
    team_progress: tuple[TeamProgress, ...] = ()
    experts: tuple[Expert, ...] = ()
    facts: tuple[PostFacts, ...] = field(repr=False, default=())
    notes: tuple[Note, ...] = ()
    settings: Mapping[str, Any] = field(default_factory=dict)

    @property
    def quiet(self) -> tuple[Cadence, ...]:
        """People who posted before but not in the last ``quiet_weeks`` weeks, longest silence
        first: the people to offer one-to-one sparring."""
        return tuple(sorted((c for c in self.people if c.quiet), key=lambda c: (-c.weeks_since_last, c.name)))

    @property
    def findings(self) -> tuple[Effect, ...]:
        """The comparisons that hold up (see :class:`Effect`), largest difference either way first."""
        return tuple(
            sorted((e for e in self.effects if e.finding), key=lambda e: -abs(math.log(e.ratio or 1.0)))
        )

    def effect(self, dimension: str, group: str | None = None) -> Effect | None:
        """The comparison of a dimension, e.g. ``effect("tone")``; with ``group``, only when it is
        that dimension's group (``effect("tone", "personal")``)."""
        return next((e for e in self.effects if e.dimension == dimension and group in (None, e.group)), None)

    def report(self, lang: str | None = None) -> str:
        """A readable plain-text report in ``lang`` (a code of :data:`~postcraft.langs.SUPPORTED`;
        default: the language most posts are written in)."""
        from ..formats.text.insights import text_report

        return text_report(self, lang or self.lang)

    @property
    def lang(self) -> str:
        """The language most of the reviewed posts are in (:data:`~postcraft.langs.DEFAULT` on a tie
        or when none was reviewed)."""
        counts = {code: sum(1 for f in self.facts if f.lang == code) for code in SUPPORTED}
        return max(SUPPORTED, key=lambda code: (counts[code], code == DEFAULT, -SUPPORTED.index(code)))

    def html(self, lang: str | None = None) -> str:
        """Self-contained HTML with inline SVG charts (no script, no external resource)."""
        from ..formats.html.insights import insights_html

        return insights_html(self, lang or self.lang)

    def _repr_html_(self) -> str:
        return self.html()

    def __repr__(self) -> str:
        return (
            f"<Insights {self.start}–{self.end}: {self.organisation.posts} posts by "
            f"{len(self.people)} people, {len(self.findings)} findings>"
        )

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict of every result (the posts' facts included; the history summarised)."""
        h = self.history
        return {
            "now": self.now.isoformat(),
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
            "basis": self.basis,
            "settings": dict(self.settings),
            "history": {
                "source": h.source,
                "format": h.format,
                "posts": len(h.posts),
                "columns": dict(h.columns),
                "skipped": [s.to_dict() for s in h.skipped],
                "unmatched_authors": list(h.unmatched_authors),
            },
            "organisation": self.organisation.to_dict(),
            "people": [c.to_dict() for c in self.people],
            "teams": [c.to_dict() for c in self.teams],
            "quiet": [c.name for c in self.quiet],
            "not_started": list(self.not_started),
            "leaders": self.leaders.to_dict(),
            "groups": [g.to_dict() for g in self.groups],
            "effects": [e.to_dict() for e in self.effects],
            "overlaps": [o.to_dict() for o in self.overlaps],
            "findings": [
                {"dimension": e.dimension, "group": e.group, "sentence": e.sentence(DEFAULT)}
                for e in self.findings
            ],
            "first_posts": [f.to_dict() for f in self.first_posts],
            "milestones": [m.to_dict() for m in self.milestones],
            "best_month": self.best_month.to_dict() if self.best_month else None,
            "best_rate_month": self.best_rate_month.to_dict() if self.best_rate_month else None,
            "trends": [t.to_dict() for t in self.trends],
            "weekly": [[w.isoformat(), n] for w, n in self.weekly],
            "monthly": [m.to_dict() for m in self.monthly],
            "participation": self.participation.to_dict() if self.participation else None,
            "team_progress": [t.to_dict() for t in self.team_progress],
            "experts": [x.to_dict() for x in self.experts],
            "posts": [f.to_dict() for f in self.facts],
            "notes": [n.to_dict() for n in self.notes],
        }

    # -- pandas ----------------------------------------------------------------------------------
    def to_dataframe(self) -> Any:
        """One row per post: date, author, team, outcomes and what the review found.

        Needs pandas (``pip install 'postcraft[pandas]'``); raises
        :class:`MissingDependencyError` without it.
        """
        return self.to_dataframes()["posts"]

    def to_dataframes(self) -> dict[str, Any]:
        """Every table as a ``pandas.DataFrame``: ``posts``, ``people``, ``teams``, ``effects``,
        ``groups``, ``milestones``, ``first_posts``, ``monthly``, ``weekly``, ``trends``,
        ``leaders_by_team``, ``team_monthly``, ``participation``, ``experts``.

        Needs pandas; raises :class:`MissingDependencyError` without it.
        """
        try:
            # imported by name: pandas is optional, and its type stubs may not be installed
            pd: Any = import_module("pandas")
        except ImportError:
            raise MissingDependencyError(
                "Insights.to_dataframe() needs pandas, which is not installed; install it with: "
                "pip install 'postcraft[pandas]' (or pip install pandas). Insights.to_dict() gives "
                "the same data as plain dicts."
            ) from None

        def frame(rows: list[dict[str, Any]], columns: list[str]) -> Any:
            # text from a history ("=HYPERLINK(…)" as an author) must not run as a formula
            # when the frame is saved with to_csv/to_excel
            rows = [{k: spreadsheet_safe(v) for k, v in r.items()} for r in rows]
            return pd.DataFrame(rows, columns=columns) if not rows else pd.DataFrame(rows)

        def flat(obj: Any, extra: dict[str, Any] | None = None) -> dict[str, Any]:
            row: dict[str, Any] = {}
            for f in fields(obj):
                v = getattr(obj, f.name)
                if isinstance(v, Interval):
                    row[f.name + "_low"] = v.low
                    row[f.name + "_high"] = v.high
                elif v is None and f.name.endswith("interval"):
                    row[f.name + "_low"] = None
                    row[f.name + "_high"] = None
                elif isinstance(v, tuple):
                    row[f.name] = ", ".join(map(str, v)) if all(isinstance(x, str) for x in v) else list(v)
                else:
                    row[f.name] = v
            row.update(extra or {})
            return row

        posts = [flat(f, {"rate": f.rate}) for f in self.facts]
        out = {
            "posts": frame(posts, [f.name for f in fields(PostFacts)] + ["rate"]),
            "people": frame([flat(c) for c in self.people], [f.name for f in fields(Cadence)]),
            "teams": frame([flat(c) for c in self.teams], [f.name for f in fields(Cadence)]),
            "effects": frame(
                [flat(e, {"sentence": e.sentence(DEFAULT)}) for e in self.effects],
                [f.name for f in fields(Effect)],
            ),
            "groups": frame([flat(g) for g in self.groups], [f.name for f in fields(GroupRate)]),
            "milestones": frame([flat(m) for m in self.milestones], [f.name for f in fields(Milestone)]),
            "first_posts": frame([flat(m) for m in self.first_posts], [f.name for f in fields(FirstPost)]),
            "monthly": frame([flat(m) for m in self.monthly], [f.name for f in fields(Month)]),
            "weekly": pd.DataFrame(
                [{"week": w, "posts": n} for w, n in self.weekly], columns=["week", "posts"]
            ),
            "trends": frame(
                [flat(t, {"complete_months": len(t.months)}) for t in self.trends],
                [f.name for f in fields(Trend)] + ["complete_months"],
            ),
            "team_monthly": pd.DataFrame(
                [{"team": t.team, **flat(m)} for t in self.team_progress for m in t.months],
                columns=["team", "month", "posts", "people", "complete"],
            )
            if not self.team_progress
            else pd.DataFrame([{"team": t.team, **flat(m)} for t in self.team_progress for m in t.months]),
            "participation": frame(
                [flat(p) for p in ([self.participation] if self.participation else [])]
                + [flat(t.participation) for t in self.team_progress],
                [f.name for f in fields(Participation)],
            ),
            "experts": frame([flat(x) for x in self.experts], [f.name for f in fields(Expert)]),
            "leaders_by_team": frame(
                [flat(t) for t in self.leaders.teams], [f.name for f in fields(TeamLead)]
            ),
        }
        for name in ("posts",):
            df = out[name]
            if len(df):
                df["date"] = pd.to_datetime(df["date"])
        return out
