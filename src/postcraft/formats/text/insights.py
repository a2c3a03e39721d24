"""The plain-text insights report, in Danish or English, and the words shared with the HTML.

Effects are described, never explained: "posts that sounded personal had 2.1× the engagement
of the other posts", never "a personal tone increases engagement".
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING

from ...langs import DEFAULT, SUPPORTED
from ..labels import has, number, percent, text

if TYPE_CHECKING:
    from ...insights.model import Effect, Insights

_WIDTH = 100
_MAX_PEOPLE = 15


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


def difference_text(value: float | None, basis: str | None, lang: str) -> str:
    """A difference of rates: percentage points, or engagements per post."""
    if basis == "impressions":
        v = None if value is None else value * 100
        return text(lang, "effect.pp", value=_signed(v, lang, 2))
    return text(lang, "effect.per_post", value=_signed(value, lang, 1))


def _signed(value: float | None, lang: str, digits: int) -> str:
    s = number(value, lang, digits)
    return "+" + s if value is not None and value > 0 else s.replace("-", "−")


def _bound(value: float | None, basis: str | None, lang: str) -> str:
    if basis == "impressions":
        return _signed(None if value is None else value * 100, lang, 2)
    return _signed(value, lang, 1)


def ci_label(level: float, lang: str) -> str:
    """``95 % CI`` / ``95 %-KI``."""
    return text(lang, "ci", level=number(level * 100, lang, 0))


def effect_sentence(e: Effect, lang: str = DEFAULT, level: float | None = None) -> str:
    """One effect as a sentence with its numbers and interval, in descriptive words.

    >>> from postcraft.insights.model import Effect
    >>> from postcraft.insights.stats import Interval
    >>> e = Effect("tone", "personal", "impressions", 120, 380, 0.062, 0.031, 0.031,
    ...            Interval(0.024, 0.038), 2.0, Interval(1.7, 2.4), 0.001, 0.004, True, None)
    >>> print(effect_sentence(e, "en"))
    Posts that sounded personal had 2.0× the engagement of the other posts: 6.20 % against 3.10 % (difference +3.10 percentage points, 95 % CI +2.40 to +3.80; 120 against 380 posts).
    """
    lvl = level if level is not None else (e.difference_interval.level if e.difference_interval else 0.95)
    key = f"subject.{e.dimension}.{e.group}"
    if has(lang, key):
        subject = text(lang, key)
    elif has(lang, f"subject.{e.dimension}"):
        subject = text(lang, f"subject.{e.dimension}", group=e.group)
    else:
        subject = f"{e.dimension} = {e.group}"
    ci = e.difference_interval
    values = {
        "subject": subject,
        "rate": rate_text(e.rate, e.basis, lang),
        "rest_rate": rate_text(e.rest_rate, e.basis, lang),
        "difference": difference_text(e.difference, e.basis, lang),
        "ci": ci_label(lvl, lang),
        "low": _bound(ci.low if ci else None, e.basis, lang),
        "high": _bound(ci.high if ci else None, e.basis, lang),
        "n": e.n,
        "rest_n": e.rest_n,
        "rest": text(lang, "rest." + e.dimension) if has(lang, "rest." + e.dimension) else text(lang, "rest"),
    }
    if e.ratio is None:
        return text(lang, "effect.sentence_no_ratio", **values)
    ratio = text(lang, "effect.ratio", ratio=number(e.ratio, lang, 1))
    return text(lang, "effect.sentence", ratio=ratio, **values)


def warning_short(e: Effect, lang: str) -> str:
    """A word or two for a table: stands out, cannot tell, may be chance, too few posts."""
    return text(lang, "short." + (e.warning or "finding"))


def legend(ins: Insights, lang: str) -> str:
    """What the short words of the tables mean."""
    level = float(ins.settings.get("level", 0.95))
    return text(
        lang,
        "what_works.legend",
        ci=ci_label(level, lang),
        k=ins.settings.get("comparisons", 0),
        alpha=number(1 - level, lang, 2),
        min=ins.settings.get("min_posts", 20),
    )


def warning_text(e: Effect, ins: Insights, lang: str) -> str:
    """Why an effect is not a finding (or that it is one)."""
    if e.warning is None:
        return text(lang, "warning.finding")
    return text(
        lang,
        "warning." + e.warning,
        min=ins.settings.get("min_posts", 20),
        k=ins.settings.get("comparisons", 0),
        q=number(e.p_adjusted, lang, 3),
    )


def _date(d: dt.date | None) -> str:
    return d.isoformat() if d else "–"


def _table(rows: Sequence[Sequence[str]], indent: str = "  ") -> list[str]:
    if not rows:
        return []
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    out = []
    for r in rows:
        cells = [
            c.ljust(w) if i == 0 or i == 1 else c.rjust(w)
            for i, (c, w) in enumerate(zip(r, widths, strict=True))
        ]
        out.append((indent + "  ".join(cells)).rstrip())
    return out


def _cut(s: str, n: int = 28) -> str:
    return s if len(s) <= n else s[: n - 1] + "…"


def _interval(low: float | None, high: float | None, lang: str, digits: int = 1) -> str:
    return f"{number(low, lang, digits)}–{number(high, lang, digits)}"


def text_report(ins: Insights, lang: str = DEFAULT) -> str:
    """The whole report as plain text (about 100 columns wide)."""
    lang = lang if lang in SUPPORTED else DEFAULT
    L = text
    level = float(ins.settings.get("level", 0.95))
    ci = ci_label(level, lang)
    org = ins.organisation
    out: list[str] = [L(lang, "title")]
    if ins.history.source:
        out.append(L(lang, "source", source=ins.history.source))
    teams = L(lang, "summary.teams", n=len(ins.teams)) if ins.teams else ""
    out.append(
        L(
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

    # cadence
    out += ["", L(lang, "section.cadence").upper()]
    out.append(
        _wrap(
            L(
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
        )
    )
    out.append(L(lang, "cadence.streak", current=org.current_streak, longest=org.longest_streak))
    trends = {t.name: t for t in ins.trends if t.kind == "team"}
    if ins.teams:
        out += ["", L(lang, "cadence.teams") + ":"]
        rows = [
            [
                L(lang, "col.team"),
                "",
                L(lang, "col.posts"),
                L(lang, "col.per_week"),
                ci,
                L(lang, "col.people"),
                L(lang, "col.active"),
                L(lang, "col.streak"),
                L(lang, "col.trend"),
            ]
        ]
        for t in ins.teams:
            tr = trends.get(t.name)
            rows.append(
                [
                    _cut(t.name),
                    "",
                    str(t.posts),
                    number(t.per_week, lang),
                    _interval(t.per_week_interval.low, t.per_week_interval.high, lang),
                    str(t.people),
                    str(t.active_people),
                    f"{t.current_streak}/{t.longest_streak}",
                    L(lang, "trend." + tr.direction) if tr else "",
                ]
            )
        out += _table(rows)
    out += ["", L(lang, "cadence.people") + ":"]
    rows = [
        [
            L(lang, "col.name"),
            L(lang, "col.team"),
            L(lang, "col.posts"),
            L(lang, "col.per_week"),
            ci,
            L(lang, "col.streak"),
            L(lang, "col.last_post"),
        ]
    ]
    for c in ins.people[:_MAX_PEOPLE]:
        mark = " *" if c.leader else ""
        rows.append(
            [
                _cut(c.name + mark),
                _cut(c.team or "", 18),
                str(c.posts),
                number(c.per_week, lang),
                _interval(c.per_week_interval.low, c.per_week_interval.high, lang),
                f"{c.current_streak}/{c.longest_streak}",
                c.last_post.isoformat(),
            ]
        )
    out += _table(rows)
    if ins.leaders.known:
        out.append("  * " + L(lang, "html.leader"))
    if len(ins.people) > _MAX_PEOPLE:
        out.append("  " + L(lang, "cadence.more_people", n=len(ins.people) - _MAX_PEOPLE))

    # quiet
    out += ["", L(lang, "section.quiet").upper()]
    quiet = ins.quiet
    if not quiet:
        out.append(L(lang, "quiet.none", quiet=ins.settings.get("quiet_weeks", 4)))
    for c in quiet:
        out.append(
            "  • "
            + L(
                lang,
                "quiet.person",
                name=c.name,
                team=f" ({c.team})" if c.team else "",
                last=c.last_post.isoformat(),
                weeks=c.weeks_since_last,
                posts=c.posts,
            )
        )
    if ins.not_started:
        out.append(_wrap(L(lang, "quiet.not_started", names=", ".join(ins.not_started)), "  "))

    # leaders
    out += ["", L(lang, "section.leaders").upper()]
    ld = ins.leaders
    if not ld.known:
        out.append(L(lang, "leaders.unknown"))
    else:
        assert ld.share_interval is not None
        out.append(
            _wrap(
                L(
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
        )
        key = {True: "leaders.first_yes", False: "leaders.first_no", None: "leaders.first_unknown"}[
            ld.leaders_first
        ]
        out.append(
            _wrap(L(lang, key, leader=_date(ld.first_leader_post), other=_date(ld.first_employee_post)))
        )
        if ld.teams_compared and ld.teams_interval is not None:
            out.append(
                L(
                    lang,
                    "leaders.teams",
                    led=ld.teams_led_first,
                    compared=ld.teams_compared,
                    ci=ci,
                    low=percent(ld.teams_interval.low, lang, 0),
                    high=percent(ld.teams_interval.high, lang, 0),
                )
            )
        if ld.teams:
            rows = [
                [
                    L(lang, "col.team"),
                    "",
                    L(lang, "col.posts"),
                    L(lang, "col.leader_share"),
                    ci,
                    L(lang, "col.leaders_first"),
                ]
            ]
            for tl in ld.teams:
                first = {True: L(lang, "yes"), False: L(lang, "no"), None: "–"}[tl.leaders_first]
                si = tl.share_interval
                rows.append(
                    [
                        _cut(tl.team),
                        "",
                        str(tl.posts),
                        percent(tl.share, lang, 0),
                        f"{percent(si.low, lang, 0)}–{percent(si.high, lang, 0)}" if si else "–",
                        first,
                    ]
                )
            out += _table(rows)

    # what works
    out += ["", L(lang, "section.what_works").upper()]
    if ins.basis is None or not ins.groups:
        why = next(
            (n.message(lang) for n in ins.notes if n.code in ("no_outcomes", "too_few_for_effects")), ""
        )
        out.append(_wrap(L(lang, "what_works.none", why=why or "–")))
    else:
        out.append(L(lang, "basis." + ins.basis))
        found = ins.findings
        if found:
            out.append(L(lang, "what_works.findings"))
            for f in found:
                out.append(_wrap(effect_sentence(f, lang, level), "  • ", "    "))
        else:
            out.append(_wrap(L(lang, "what_works.no_findings", k=ins.settings.get("comparisons", 0))))
        for o in ins.overlaps:
            out.append(
                _wrap(
                    L(
                        lang,
                        "what_works.overlap",
                        a=group_label(o.dimension, o.group, lang),
                        b=group_label(o.other_dimension, o.other_group, lang),
                        share=percent(o.agreement, lang, 0),
                    )
                )
            )
        out.append(_wrap(L(lang, "what_works.caveat")))
        for dim in dict.fromkeys(g.dimension for g in ins.groups):
            out += ["", L(lang, "what_works.table", dimension=dimension_label(dim, lang)) + ":"]
            rows = [
                [
                    L(lang, "col.group"),
                    "",
                    L(lang, "col.n"),
                    L(lang, "col.rate"),
                    ci,
                    L(lang, "col.vs_rest"),
                    "",
                ]
            ]
            for g in (g for g in ins.groups if g.dimension == dim):
                e = ins.effect(dim, g.group)
                gi = g.interval
                vs = ""
                note = ""
                if e is not None:
                    ri = e.ratio_interval
                    vs = (
                        f"{number(e.ratio, lang, 2)}× ({number(ri.low, lang, 2)}–{number(ri.high, lang, 2)})"
                        if e.ratio is not None and ri is not None
                        else "–"
                    )
                    note = warning_short(e, lang)
                rows.append(
                    [
                        _cut(group_label(dim, g.group, lang), 32),
                        "",
                        str(g.n),
                        rate_text(g.rate, ins.basis, lang),
                        f"{_plain_rate(gi.low if gi else None, ins.basis, lang)}–"
                        f"{_plain_rate(gi.high if gi else None, ins.basis, lang)}",
                        vs,
                        note,
                    ]
                )
            out += _table(rows)

        out += ["", _wrap(legend(ins, lang))]

    # celebrate
    out += ["", L(lang, "section.celebrate").upper()]
    weeks = ins.settings.get("recent_weeks", 4)
    recent_first = [f for f in ins.first_posts if f.recent]
    if recent_first:
        out.append(
            _wrap(
                L(
                    lang,
                    "celebrate.first_posts",
                    weeks=weeks,
                    names=", ".join(f"{f.name} ({f.date.isoformat()})" for f in recent_first),
                )
            )
        )
    else:
        out.append(L(lang, "celebrate.no_first_posts", weeks=weeks, n=len(ins.first_posts)))
    recent = [m for m in ins.milestones if m.recent]
    if recent:
        out.append(L(lang, "celebrate.milestones", weeks=weeks))
        for m in recent:
            out.append(
                "  • "
                + L(
                    lang,
                    "celebrate.milestone." + m.kind,
                    name=m.name,
                    number=m.number,
                    date=m.date.isoformat(),
                )
            )
    else:
        out.append(L(lang, "celebrate.no_milestones", weeks=weeks))
    if ins.milestones:
        out.append(L(lang, "celebrate.milestones_total", n=len(ins.milestones), start=ins.start.isoformat()))
    if ins.best_month is not None:
        out.append(L(lang, "celebrate.best_month", month=ins.best_month.month, posts=ins.best_month.posts))
    brm = ins.best_rate_month
    if brm is not None and brm.rate_interval is not None:
        out.append(
            L(
                lang,
                "celebrate.best_rate_month",
                month=brm.month,
                rate=rate_text(brm.rate, ins.basis, lang),
                ci=ci,
                low=_plain_rate(brm.rate_interval.low, ins.basis, lang),
                high=_plain_rate(brm.rate_interval.high, ins.basis, lang),
                n=brm.rate_n,
            )
        )
    if ins.trends:
        out.append(L(lang, "celebrate.trends"))
    for tr in ins.trends:
        name = L(lang, "trend.organisation") if tr.kind == "organisation" else tr.name
        if tr.slope is None or tr.interval is None:
            out.append(
                "  "
                + L(
                    lang,
                    "trend.line_short",
                    name=name,
                    direction=L(lang, "trend." + tr.direction),
                    months=len(tr.months),
                )
            )
        else:
            out.append(
                _wrap(
                    L(
                        lang,
                        "trend.line",
                        name=name,
                        slope=_signed(tr.slope, lang, 1),
                        ci=ci,
                        low=_signed(tr.interval.low, lang, 1),
                        high=_signed(tr.interval.high, lang, 1),
                        months=len(tr.months),
                        direction=L(lang, "trend." + tr.direction),
                    ),
                    "  ",
                    "    ",
                )
            )

    # data
    out += ["", L(lang, "section.data").upper()]
    h = ins.history
    out.append(
        _wrap(L(lang, "data.columns", columns=", ".join(f"{k} ← '{v}'" for k, v in h.columns.items())))
    )
    if h.unused_columns:
        out.append(_wrap(L(lang, "data.unused", columns=", ".join(f"'{c}'" for c in h.unused_columns))))
    if h.skipped:
        out.append(L(lang, "data.skipped", n=len(h.skipped)))
        unit = L(lang, "data.unit." + h.unit)
        for s in h.skipped[:20]:
            out.append(
                _wrap(
                    L(lang, "data.skipped_row", unit=unit, line=s.line, reason=s.message(lang)),
                    "  • ",
                    "    ",
                )
            )
        if len(h.skipped) > 20:
            out.append("  " + L(lang, "and_more", n=len(h.skipped) - 20).strip())
    else:
        out.append(L(lang, "data.nothing_skipped"))
    if ins.notes:
        out.append(L(lang, "data.notes"))
    for n in ins.notes:
        out.append(_wrap(n.message(lang), "  • ", "    "))
    out.append(
        _wrap(
            L(
                lang,
                "data.method",
                resamples=number(ins.settings.get("resamples", 0), lang, 0),
                seed=ins.settings.get("seed", 0),
                min=ins.settings.get("min_posts", 20),
                alpha=number(1 - level, lang, 2),
            )
        )
    )
    return "\n".join(out) + "\n"


def _plain_rate(value: float | None, basis: str | None, lang: str) -> str:
    if basis == "impressions":
        return percent(value, lang, 2)
    return number(value, lang, 1)


def _wrap(s: str, first: str = "", rest: str = "  ") -> str:
    import textwrap

    return textwrap.fill(
        s,
        _WIDTH,
        initial_indent=first,
        subsequent_indent=rest or first,
        break_long_words=False,
        break_on_hyphens=False,
    )
