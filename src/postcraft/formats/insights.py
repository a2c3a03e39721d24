"""The insights report as an ordered list of sections, in Danish or English: the one source of
the plain-text report (:mod:`postcraft.formats.text.insights`) and the HTML view
(:mod:`postcraft.formats.html.insights`, which adds the charts where a :class:`Chart` stands).

Effects are described, never explained: "posts that sounded personal had 2.1× the engagement
of the other posts", never "a personal tone increases engagement".
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..langs import DEFAULT, SUPPORTED, resolve
from .labels import has, number, percent, text

if TYPE_CHECKING:
    from ..insights.model import Effect, Insights


# -- words ------------------------------------------------------------------------------------
def group_label(dimension: str, group: str, lang: str) -> str:
    """A group's name for display (template ids and purposes are shown as they are)."""
    key = f"group.{dimension}.{group}"
    return text(lang, key) if has(lang, key) else group


def dimension_label(dimension: str, lang: str) -> str:
    """A dimension's name for display."""
    return text(lang, "dimension." + dimension)


def rate_text(value: float | None, basis: str | None, lang: str) -> str:
    """An engagement rate: a percentage per impression, or engagements per post."""
    if basis == "impressions":
        return percent(value, lang, 2)
    return text(lang, "effect.per_post", value=number(value, lang, 1))


def plain_rate(value: float | None, basis: str | None, lang: str) -> str:
    """A rate without its unit, for an interval's ends: ``3.10 %`` or ``1.2``."""
    if basis == "impressions":
        return percent(value, lang, 2)
    return number(value, lang, 1)


def signed(value: float | None, lang: str, digits: int) -> str:
    """``+1.2`` / ``−1.2`` (a real minus sign) / ``0.0``."""
    s = number(value, lang, digits)
    return "+" + s if value is not None and value > 0 else s.replace("-", "−")


def ci_label(level: float, lang: str) -> str:
    """``95 % CI`` / ``95 %-KI``."""
    return text(lang, "ci", level=number(level * 100, lang, 0))


def subject_label(dimension: str, group: str, lang: str) -> str:
    """The compared posts as the subject of a sentence ("Posts that sounded personal")."""
    key = f"subject.{dimension}.{group}"
    if has(lang, key):
        return text(lang, key)
    if has(lang, f"subject.{dimension}"):
        return text(lang, f"subject.{dimension}", group=group)
    return f"{dimension} = {group}"


def rest_label(dimension: str, lang: str) -> str:
    """What the compared posts are set against ("posts with at most 3 hashtags")."""
    key = "rest." + dimension
    return text(lang, key) if has(lang, key) else text(lang, "rest.other")


def effect_sentence(e: Effect, lang: str = DEFAULT, level: float | None = None) -> str:
    """One within-person comparison as a sentence with its ratio, interval and who stands behind
    it, in descriptive words.

    >>> from postcraft.insights.model import Effect
    >>> from postcraft.insights.stats import Interval
    >>> e = Effect("tone", "personal", "impressions", 786, 1020, 41, 45, 38, 1700, 0.031, 0.024, 1.42,
    ...            Interval(1.21, 1.66), 0.0001, 0.0005, True, None)
    >>> print(effect_sentence(e, "en"))
    Posts that sounded personal had 1.42× the engagement of the same people's other posts (95 % CI 1.21–1.66; 786 posts by 41 people against 1,020 posts by 45 people; 38 people wrote both).
    """
    lvl = level if level is not None else (e.ratio_interval.level if e.ratio_interval else 0.95)
    ci = e.ratio_interval
    values = {
        "subject": subject_label(e.dimension, e.group, lang),
        "rest": rest_label(e.dimension, lang),
        "ci": ci_label(lvl, lang),
        "low": number(ci.low if ci else None, lang, 2),
        "high": number(ci.high if ci else None, lang, 2),
        "n": resolve(lang).number(float(e.n), 0),
        "rest_n": resolve(lang).number(float(e.rest_n), 0),
        "people": e.people,
        "rest_people": e.rest_people,
        "both": e.both,
    }
    if e.ratio is None or ci is None:
        return text(lang, "effect.within_no_ratio", **values)
    ratio = text(lang, "effect.times", ratio=number(e.ratio, lang, 2))
    return text(lang, "effect.within", ratio=ratio, **values)


def posts_by(n: int, people: int, lang: str) -> str:
    """``786 posts by 41 people``."""
    return text(lang, "posts_by", n=resolve(lang).number(float(n), 0), people=people)


def _range(low: str, high: str) -> str:
    return f"{low}–{high}"


# -- the section model ------------------------------------------------------------------------
@dataclass(frozen=True)
class Cell:
    """A table cell with more than text: ``marks`` (``"leader"``, ``"quiet"``) are badges in
    HTML (the text report stars leaders); ``tone`` (``"higher"``, ``"lower"``, ``"muted"``)
    colours it in HTML."""

    text: str
    marks: tuple[str, ...] = ()
    tone: str = ""


@dataclass(frozen=True)
class Para:
    """A paragraph. ``style``: ``""``, ``"muted"``, ``"caveat"`` (muted, italic), ``"fine"``
    (muted, small print) or ``"warning"`` (stands out); ``indent``: it belongs to the list or
    table above it."""

    text: str
    style: str = ""
    indent: bool = False


@dataclass(frozen=True)
class Items:
    """A bulleted list (each item marked ``data-postcraft=kind`` in HTML) under ``intro``.
    ``fold``: a long list, cut after :data:`FOLD_AFTER` items in text and folded in HTML."""

    kind: str
    items: tuple[str, ...]
    intro: str = ""
    fold: bool = False


@dataclass(frozen=True)
class Table:
    """A table under ``caption`` with ``headers``; ``numeric`` columns are right-aligned.
    ``fold``: folded under its caption in HTML."""

    kind: str
    caption: str
    headers: tuple[str, ...]
    rows: tuple[tuple[str | Cell, ...], ...]
    numeric: tuple[int, ...] = ()
    fold: bool = False


@dataclass(frozen=True)
class Chart:
    """Where a chart goes in HTML (the text report has none): ``weekly``, ``leaders``,
    ``patterns`` (every within-person comparison on one scale) or ``team_months``."""

    kind: str
    dimension: str = ""


Block = Para | Items | Table | Chart


@dataclass(frozen=True)
class Section:
    """One part of the report: ``key`` (``cadence``, ``quiet``, ``experts``, ``leaders``,
    ``progress``, ``patterns``, ``celebrate``, ``data``), its heading and its blocks in order."""

    key: str
    heading: str
    blocks: tuple[Block, ...]


@dataclass(frozen=True)
class Report:
    """The whole report in ``lang``: a title, lines that introduce it, and the sections."""

    lang: str
    title: str
    intro: tuple[str, ...]
    sections: tuple[Section, ...]


#: A folded list shows this many items in text.
FOLD_AFTER = 20


def report(ins: Insights, lang: str = DEFAULT, *, max_people: int = 15) -> Report:
    """The insights in ``lang`` as a title, an introduction and eight sections; at most
    ``max_people`` people are listed (the rest are counted).

    >>> from postcraft import insights
    >>> rows = [{"Date": f"2025-03-{d:02d}", "Author": "Ole Dam", "Text": f"Jeg lærte noget i uge {d}."}
    ...         for d in (3, 10, 17)]
    >>> rep = report(insights(rows, now="2025-05-01", show_progress=False), "da")
    >>> [s.key for s in rep.sections]
    ['cadence', 'quiet', 'experts', 'leaders', 'progress', 'patterns', 'celebrate', 'data']
    >>> rep.sections[1].blocks[0].items
    ('Ole Dam: seneste opslag 2025-03-17 (for 6 uger siden), 3 opslag i alt',)
    """
    lang = lang if lang in SUPPORTED else DEFAULT
    level = float(ins.settings.get("level", 0.95))
    ci = ci_label(level, lang)
    org = ins.organisation
    intro = []
    if ins.history.source:
        intro.append(text(lang, "source", source=ins.history.source))
    teams = text(lang, "summary.teams", n=len(ins.teams)) if ins.teams else ""
    intro.append(
        text(
            lang,
            "summary",
            posts=org.posts,
            people=org.people,
            teams=teams,
            start=ins.start.isoformat(),
            end=ins.end.isoformat(),
            now=ins.now.isoformat(),
        )
    )
    if ins.basis == "posts":
        intro.append(text(lang, "intro.no_impressions"))
    parts = [
        ("cadence", _cadence(ins, lang, ci, max_people)),
        ("quiet", _quiet(ins, lang)),
        ("experts", _experts(ins, lang)),
        ("leaders", _leaders(ins, lang, ci)),
        ("progress", _progress(ins, lang, ci)),
        ("patterns", _patterns(ins, lang, ci, level)),
        ("celebrate", _celebrate(ins, lang, ci)),
        ("data", _data(ins, lang, level)),
    ]
    sections = tuple(Section(key, text(lang, "section." + key), tuple(blocks)) for key, blocks in parts)
    return Report(lang, text(lang, "title"), tuple(intro), sections)


def _cadence(ins: Insights, lang: str, ci: str, max_people: int) -> list[Block]:
    org = ins.organisation
    out: list[Block] = [
        Para(
            text(
                lang,
                "cadence.org",
                per_week=number(org.per_week, lang),
                ci=ci,
                low=number(org.per_week_interval.low, lang),
                high=number(org.per_week_interval.high, lang),
                weeks=org.weeks,
                active=org.active_people,
                people=org.people,
                quiet=ins.settings.get("quiet_weeks", 4),
            )
        ),
        Para(text(lang, "cadence.streak", current=org.current_streak, longest=org.longest_streak)),
        Chart("weekly"),
    ]
    trends = {t.name: t for t in ins.trends if t.kind == "team"}
    part = {t.team: t.participation for t in ins.team_progress}
    if ins.participation is not None:
        out.append(_participation(ins, lang, ci))
    if ins.teams:
        rows: list[tuple[str | Cell, ...]] = []
        for t in ins.teams:
            tr = trends.get(t.name)
            pt = part.get(t.name)
            headcount = f"{pt.posted}/{pt.headcount}" if pt is not None and pt.headcount else str(t.people)
            rows.append(
                (
                    t.name,
                    str(t.posts),
                    number(t.per_week, lang),
                    _range(number(t.per_week_interval.low, lang), number(t.per_week_interval.high, lang)),
                    headcount,
                    str(t.active_people),
                    f"{t.current_streak}/{t.longest_streak}",
                    text(lang, "trend." + tr.direction) if tr else "",
                )
            )
        people_col = "col.headcount" if any(p.headcount for p in part.values()) else "col.people"
        out.append(
            Table(
                "teams",
                text(lang, "cadence.teams"),
                _headers(
                    f"col.team col.posts col.per_week ci {people_col} col.active col.streak col.trend",
                    lang,
                    ci,
                ),
                tuple(rows),
                (1, 2, 3, 4, 5, 6),
            )
        )
    people: list[tuple[str | Cell, ...]] = []
    for c in ins.people[:max_people]:
        marks = tuple(m for m, on in (("leader", c.leader), ("quiet", c.quiet)) if on)
        people.append(
            (
                Cell(c.name, marks),
                c.team or "",
                str(c.posts),
                number(c.per_week, lang),
                _range(number(c.per_week_interval.low, lang), number(c.per_week_interval.high, lang)),
                f"{c.current_streak}/{c.longest_streak}",
                c.last_post.isoformat(),
            )
        )
    cols = "col.name col.team col.posts col.per_week ci col.streak col.last_post"
    out.append(
        Table(
            "people", text(lang, "cadence.people"), _headers(cols, lang, ci), tuple(people), (2, 3, 4, 5, 6)
        )
    )
    if len(ins.people) > max_people:
        out.append(
            Para(
                text(lang, "cadence.more_people_plain", n=len(ins.people) - max_people), "muted", indent=True
            )
        )
    return out


def _headers(keys: str, lang: str, ci: str) -> tuple[str, ...]:
    """Column headers from label keys (``ci``: the interval column)."""
    return tuple(ci if k == "ci" else text(lang, k) for k in keys.split())


#: The quiet list shows this many people (those who went quiet most recently); the rest are counted.
QUIET_SHOWN = 10


def _quiet(ins: Insights, lang: str) -> list[Block]:
    out: list[Block] = []
    quiet_weeks = ins.settings.get("quiet_weeks", 4)
    if not ins.quiet:
        out.append(Para(text(lang, "quiet.none", quiet=quiet_weeks)))
    else:
        recent_first = sorted(ins.quiet, key=lambda c: (c.weeks_since_last, -c.posts, c.name))
        items = tuple(
            text(
                lang,
                "quiet.person2",
                name=c.name,
                team=f" ({c.team})" if c.team else "",
                last=c.last_post.isoformat(),
                weeks=c.weeks_since_last,
                posts=c.posts,
            )
            for c in recent_first[:QUIET_SHOWN]
        )
        intro = text(lang, "quiet.intro", n=len(ins.quiet), quiet=quiet_weeks) if len(ins.quiet) > 1 else ""
        out.append(Items("quiet", items, intro))
        if len(ins.quiet) > QUIET_SHOWN:
            out.append(Para(text(lang, "quiet.more", n=len(ins.quiet) - QUIET_SHOWN), "muted", indent=True))
    if ins.not_started:
        out.append(
            Para(text(lang, "quiet.not_started", names=", ".join(ins.not_started)), "muted", indent=True)
        )
    return out


def _participation(ins: Insights, lang: str, ci: str) -> Para:
    p = ins.participation
    assert p is not None
    if p.headcount and p.share_interval is not None:
        return Para(
            text(
                lang,
                "participation.org",
                posted=p.posted,
                headcount=p.headcount,
                share=percent(p.share, lang, 0),
                ci=ci,
                low=percent(p.share_interval.low, lang, 0),
                high=percent(p.share_interval.high, lang, 0),
                active=p.active,
                quiet=ins.settings.get("quiet_weeks", 4),
            )
        )
    return Para(text(lang, "participation.none", posted=p.posted), "muted")


def _experts(ins: Insights, lang: str) -> list[Block]:
    if ins.history.roster is None:
        return [Para(text(lang, "experts.no_roster"), "muted")]
    if not ins.experts:
        return [Para(text(lang, "experts.none"), "muted")]
    items = []
    for x in ins.experts:
        last = x.last_post.isoformat() if x.last_post else "–"
        items.append(
            text(
                lang,
                "experts.person",
                name=x.name,
                team=f" ({x.team})" if x.team else "",
                topics=", ".join(x.topics) if x.topics else "–",
                status=text(lang, "experts.status." + x.status, posts=x.posts, last=last),
            )
        )
    return [Items("expert", tuple(items), text(lang, "experts.intro"), fold=len(items) > FOLD_AFTER)]


def _progress(ins: Insights, lang: str, ci: str) -> list[Block]:
    out: list[Block] = []
    if ins.team_progress:
        out.append(Chart("team_months"))
        complete = {m.month: m.complete for m in ins.team_progress[0].months}
        months = list(complete)[-6:]
        rows: list[tuple[str | Cell, ...]] = []
        for t in ins.team_progress:
            shown = {m.month: m for m in t.months}
            rows.append(
                (
                    t.team,
                    *(
                        Cell(
                            f"{shown[m].posts} ({shown[m].people})", tone="" if shown[m].complete else "muted"
                        )
                        for m in months
                    ),
                )
            )
        headers = (
            text(lang, "col.team"),
            *(m if complete[m] else text(lang, "month.so_far", month=m) for m in months),
        )
        out.append(
            Table(
                "team-months",
                text(lang, "chart.team_months"),
                headers,
                tuple(rows),
                tuple(range(1, len(headers))),
            )
        )
    rows = []
    for tr in ins.trends:
        name = text(lang, "trend.organisation") if tr.kind == "organisation" else tr.name
        iv = tr.interval
        rows.append(
            (
                name,
                str(len(tr.months)),
                signed(tr.slope, lang, 1) if tr.slope is not None else "–",
                _range(signed(iv.low, lang, 1), signed(iv.high, lang, 1)) if iv else "–",
                text(lang, "trend." + tr.direction),
            )
        )
    if rows:
        out.append(
            Table(
                "trends",
                text(lang, "trend.table"),
                _headers("col.team col.months col.slope ci col.direction", lang, ci),
                tuple(rows),
                (1, 2, 3),
            )
        )
    return out


def _date(d: dt.date | None) -> str:
    return d.isoformat() if d else "–"


def _leaders(ins: Insights, lang: str, ci: str) -> list[Block]:
    ld = ins.leaders
    if not ld.known or ld.share_interval is None:
        return [Para(text(lang, "leaders.unknown"))]
    out: list[Block] = [
        Para(
            text(
                lang,
                "leaders.share",
                share=percent(ld.share, lang, 0),
                ci=ci,
                low=percent(ld.share_interval.low, lang, 0),
                high=percent(ld.share_interval.high, lang, 0),
                leader_posts=ld.leader_posts,
                posts=ld.posts,
                leaders=ld.leaders_posting,
                people=ld.people_posting,
            )
        )
    ]
    key = {True: "leaders.first_yes", False: "leaders.first_no", None: "leaders.first_unknown"}[
        ld.leaders_first
    ]
    out.append(Para(text(lang, key, leader=_date(ld.first_leader_post), other=_date(ld.first_employee_post))))
    if ld.teams_compared and ld.teams_interval is not None:
        out.append(
            Para(
                text(
                    lang,
                    "leaders.teams",
                    led=ld.teams_led_first,
                    compared=ld.teams_compared,
                    ci=ci,
                    low=percent(ld.teams_interval.low, lang, 0),
                    high=percent(ld.teams_interval.high, lang, 0),
                )
            )
        )
    out.append(Chart("leaders"))
    if ld.teams:
        rows: list[tuple[str | Cell, ...]] = []
        for tl in ld.teams:
            si = tl.share_interval
            rows.append(
                (
                    tl.team,
                    str(tl.posts),
                    percent(tl.share, lang, 0),
                    _range(percent(si.low, lang, 0), percent(si.high, lang, 0)) if si else "–",
                    {True: text(lang, "yes"), False: text(lang, "no"), None: "–"}[tl.leaders_first],
                )
            )
        cols = "col.team col.posts col.leader_share ci col.leaders_first"
        out.append(
            Table(
                "leader-teams",
                text(lang, "cadence.teams"),
                _headers(cols, lang, ci),
                tuple(rows),
                (1, 2, 3),
                fold=True,
            )
        )
    return out


def _patterns(ins: Insights, lang: str, ci: str, level: float) -> list[Block]:
    out: list[Block] = []
    if ins.basis == "posts":
        out.append(Para(text(lang, "patterns.no_impressions"), "warning"))
    if ins.basis is None or not ins.groups:
        why = next(
            (n.message(lang) for n in ins.notes if n.code in ("no_outcomes", "too_few_for_effects")), ""
        )
        return [*out, Para(text(lang, "patterns.none", why=why or "–"))]
    basis = ins.basis
    out.append(Para(text(lang, "patterns.basis." + basis), "muted"))
    tested = sum(1 for e in ins.effects if e.warning != "small_sample")
    if ins.findings:
        sentences = tuple(effect_sentence(f, lang, level) for f in ins.findings)
        out.append(Items("finding", sentences, text(lang, "patterns.findings")))
    else:
        out.append(Para(text(lang, "patterns.no_findings", k=tested)))
    for o in ins.overlaps:
        a = group_label(o.dimension, o.group, lang)
        b = group_label(o.other_dimension, o.other_group, lang)
        out.append(Para(text(lang, "patterns.overlap", a=a, b=b, share=percent(o.agreement, lang, 0))))
    out.append(Para(text(lang, "patterns.caveat"), "caveat"))
    if ins.effects:
        out.append(Chart("patterns"))
    min_posts = int(ins.settings.get("min_posts", 20))
    cols = "col.group col.posts_by col.all_rate ci"
    for dim in dict.fromkeys(g.dimension for g in ins.groups):
        e = ins.effect(dim)
        rows: list[tuple[str | Cell, ...]] = []
        for g in (g for g in ins.groups if g.dimension == dim):
            gi = g.interval
            small = g.n < min_posts
            rows.append(
                (
                    group_label(dim, g.group, lang),
                    Cell(posts_by(g.n, g.people, lang), tone="muted" if small else ""),
                    Cell(rate_text(g.rate, basis, lang), tone="muted" if small else ""),
                    _range(plain_rate(gi.low, basis, lang), plain_rate(gi.high, basis, lang))
                    if gi and not small
                    else text(lang, "patterns.too_few_group")
                    if small
                    else "–",
                )
            )
        caption = text(lang, "patterns.table", dimension=dimension_label(dim, lang))
        out.append(Table("groups", caption, _headers(cols, lang, ci), tuple(rows), (1, 2, 3), fold=True))
        if e is not None:
            label = text(lang, "short." + _short(e.warning))
            out.append(Para(f"{effect_sentence(e, lang, level)} — {label}", "muted", indent=True))
    legend = text(
        lang,
        "patterns.legend",
        ci=ci,
        k=tested,
        alpha=number(1 - level, lang, 2),
        min=min_posts,
        min_people=ins.settings.get("min_people", 10),
    )
    out.append(Para(legend, "muted"))
    return out


def _short(warning: str | None) -> str:
    return {None: "clear", "small_sample": "too_few"}.get(warning, warning or "clear")


def _celebrate(ins: Insights, lang: str, ci: str) -> list[Block]:
    out: list[Block] = []
    weeks = ins.settings.get("recent_weeks", 4)
    recent_first = [f for f in ins.first_posts if f.recent]
    if recent_first:
        names = ", ".join(f"{f.name} ({f.date.isoformat()})" for f in recent_first)
        out.append(Para(text(lang, "celebrate.first_posts", weeks=weeks, names=names)))
    else:
        out.append(Para(text(lang, "celebrate.no_first_posts", weeks=weeks, n=len(ins.first_posts))))
    recent = [m for m in ins.milestones if m.recent]
    if recent:
        items = tuple(
            text(lang, "celebrate.milestone." + m.kind, name=m.name, number=m.number, date=m.date.isoformat())
            for m in recent
        )
        out.append(Items("milestone", items, text(lang, "celebrate.milestones", weeks=weeks)))
    else:
        out.append(Para(text(lang, "celebrate.no_milestones", weeks=weeks)))
    if ins.milestones:
        total = text(lang, "celebrate.milestones_total", n=len(ins.milestones), start=ins.start.isoformat())
        out.append(Para(total, "muted"))
    if ins.best_month is not None:
        out.append(
            Para(text(lang, "celebrate.best_month", month=ins.best_month.month, posts=ins.best_month.posts))
        )
    brm = ins.best_rate_month
    if brm is not None and brm.rate_interval is not None and ins.basis is not None:
        out.append(
            Para(
                text(
                    lang,
                    "celebrate.best_rate_month",
                    month=brm.month,
                    rate=rate_text(brm.rate, ins.basis, lang),
                    ci=ci,
                    low=plain_rate(brm.rate_interval.low, ins.basis, lang),
                    high=plain_rate(brm.rate_interval.high, ins.basis, lang),
                    n=brm.rate_n,
                )
            )
        )
    return out


def _data(ins: Insights, lang: str, level: float) -> list[Block]:
    h = ins.history
    columns = ", ".join(f"{k} ← '{v}'" for k, v in h.columns.items())
    out: list[Block] = [Para(text(lang, "data.columns", columns=columns), "muted")]
    if h.unused_columns:
        unused = ", ".join(f"'{c}'" for c in h.unused_columns)
        out.append(Para(text(lang, "data.unused", columns=unused), "muted"))
    if h.skipped:
        unit = text(lang, "data.unit." + h.unit)
        rows = tuple(
            text(lang, "data.skipped_row", unit=unit, line=s.line, reason=s.message(lang)) for s in h.skipped
        )
        out.append(Items("skipped", rows, text(lang, "data.skipped", n=len(h.skipped)), fold=True))
    else:
        out.append(Para(text(lang, "data.nothing_skipped"), "muted"))
    if ins.notes:
        out.append(Items("note", tuple(n.message(lang) for n in ins.notes), text(lang, "data.notes")))
    resamples = resolve(lang).number(float(ins.settings.get("resamples", 0)), 0)
    method = text(
        lang,
        "data.method2",
        resamples=resamples,
        seed=ins.settings.get("seed", 0),
        min=ins.settings.get("min_posts", 20),
        min_people=ins.settings.get("min_people", 10),
        alpha=number(1 - level, lang, 2),
    )
    out.append(Para(method, "fine"))
    return out
