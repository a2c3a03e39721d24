"""Insights as self-contained HTML: inline styles and inline SVG charts only — no script, no
font, no external resource — so it works offline in notebooks and exported pages, on light and
dark themes (text and axes use ``currentColor``). All user text is escaped.

Charts: posts per week (bars, with a 4-week average line), engagement by group with interval
whiskers (one chart per "what works" dimension), and leaders' share of posts per team.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import TYPE_CHECKING

from ...langs import DEFAULT, SUPPORTED
from ..labels import number, percent, text
from ..text.insights import (
    ci_label,
    dimension_label,
    effect_sentence,
    group_label,
    rate_text,
    warning_short,
)
from .base import BORDER, CELL, MUTED, SUBTLE_BG, badge, esc, root, section

if TYPE_CHECKING:
    import datetime as dt

    from ...insights.model import Effect, GroupRate, Insights, Leaders

BLUE = "#0969da"
GREEN = "#1a7f37"
RED = "#d1242f"
GREY = "#6e7781"
ORANGE = "#bc4c00"
FONT = "font-family:system-ui,-apple-system,'Segoe UI',Roboto,Arial,sans-serif"
_MAX_PEOPLE = 30


def nice_ticks(value: float, target: int = 5) -> list[float]:
    """Axis ticks from 0 to at least ``value``: a step of 1, 2 or 5 × 10^k, about ``target`` steps.

    >>> nice_ticks(21), nice_ticks(0.034), nice_ticks(0)
    ([0.0, 5.0, 10.0, 15.0, 20.0, 25.0], [0.0, 0.01, 0.02, 0.03, 0.04], [0.0, 0.25, 0.5, 0.75, 1.0])
    """
    if value <= 0 or not math.isfinite(value):
        return [0.0, 0.25, 0.5, 0.75, 1.0]
    raw = value / target
    exp = math.floor(math.log10(raw))
    step = next(m * 10.0**exp for m in (1, 2, 5, 10) if m * 10.0**exp >= raw * (1 - 1e-12))
    count = math.ceil(value / step - 1e-9)
    return [float(f"{i * step:.12g}") for i in range(count + 1)]


def nice_max(value: float) -> float:
    """The top of the axis :func:`nice_ticks` draws for ``value``.

    >>> nice_max(7), nice_max(0.034), nice_max(0)
    (8.0, 0.04, 1.0)
    """
    return nice_ticks(value)[-1]


def _svg(width: int, height: int, title: str, desc: str, body: str, kind: str) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" data-postcraft="chart-{esc(kind)}" role="img" '
        f'viewBox="0 0 {width} {height}" width="100%" style="max-width:{width}px;height:auto;display:block;'
        f'color:inherit;{FONT}">'
        f"<title>{esc(title)}</title><desc>{esc(desc)}</desc>{body}</svg>"
    )


def _text(x: float, y: float, s: str, *, anchor: str = "start", size: int = 11, extra: str = "") -> str:
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" fill="currentColor" text-anchor="{anchor}"{extra}>'
        f"{esc(s)}</text>"
    )


# -- charts -------------------------------------------------------------------------------------
def weekly_chart(weekly: Sequence[tuple[dt.date, int]], lang: str, now: dt.date) -> str:
    """Bars of posts per week with a trailing 4-week average line."""
    width, height = 680, 200
    left, right, top, bottom = 36, 10, 12, 34
    pw, ph = width - left - right, height - top - bottom
    n = max(1, len(weekly))
    ticks = nice_ticks(max((c for _w, c in weekly), default=0))
    top_value = ticks[-1]
    step = pw / n
    bar = max(1.0, step * 0.8)
    parts: list[str] = []
    for i, v in enumerate(ticks):
        y = top + ph - ph * v / top_value
        parts.append(
            f'<line x1="{left}" x2="{width - right}" y1="{y:.1f}" y2="{y:.1f}" stroke="currentColor" '
            f'stroke-opacity="{0.35 if i == 0 else 0.12}"/>'
        )
        parts.append(_text(left - 4, y + 4, number(v, lang, 0 if v == int(v) else 1), anchor="end", size=10))
    last_label_x = -1e9
    last_month = ""
    for i, (week, count) in enumerate(weekly):
        x = left + i * step + (step - bar) / 2
        h = ph * count / top_value
        tip = f"{week.isoformat()}: {count}"
        parts.append(
            f'<rect x="{x:.1f}" y="{top + ph - h:.1f}" width="{bar:.1f}" height="{h:.1f}" fill="{BLUE}" '
            f'fill-opacity="0.75"><title>{esc(tip)}</title></rect>'
        )
        month = week.strftime("%Y-%m")
        if month != last_month:
            last_month = month
            lx = left + i * step
            if lx - last_label_x >= 48:  # room for "2025-03" without overlapping the previous label
                parts.append(_text(lx, height - bottom + 14, month, size=10))
                last_label_x = lx
    if len(weekly) >= 4:
        pts = []
        for i in range(3, len(weekly)):
            avg = sum(c for _w, c in weekly[i - 3 : i + 1]) / 4
            pts.append(f"{left + i * step + step / 2:.1f},{top + ph - ph * avg / top_value:.1f}")
        parts.append(f'<polyline points="{" ".join(pts)}" fill="none" stroke="{ORANGE}" stroke-width="2"/>')
    start = weekly[0][0].isoformat() if weekly else now.isoformat()
    title = text(lang, "chart.weekly")
    desc = text(lang, "chart.weekly_desc", start=start, now=now.isoformat())
    parts.append(_text(left, height - 4, desc, size=10, extra=f' style="{MUTED}"'))
    return _svg(width, height, title, desc, "".join(parts), "weekly")


def rate_chart(
    groups: Sequence[GroupRate],
    effects: Sequence[Effect],
    overall: float,
    basis: str,
    dimension: str,
    lang: str,
    level: float,
) -> str:
    """One row per group: the engagement (dot) and its interval (whisker); a dashed line marks
    all posts. Groups that stand out are green (higher) or red (lower)."""
    label_w = 210
    width, row = 680, 26
    top, bottom = 10, 34
    height = top + bottom + row * len(groups)
    left, right = label_w, 70
    pw = width - left - right
    hi = max([g.interval.high if g.interval else g.rate for g in groups] + [overall, 0.0])
    ticks = nice_ticks(hi)
    scale_max = ticks[-1]
    pct = basis == "impressions"

    def x(v: float) -> float:
        return left + pw * max(0.0, min(v, scale_max)) / scale_max

    def fmt(v: float) -> str:
        return percent(v, lang, 1 if scale_max >= 0.02 else 2) if pct else number(v, lang, 1)

    parts: list[str] = []
    for i, v in enumerate(ticks):
        parts.append(
            f'<line x1="{x(v):.1f}" x2="{x(v):.1f}" y1="{top}" y2="{height - bottom:.1f}" '
            f'stroke="currentColor" stroke-opacity="{0.35 if i == 0 else 0.12}"/>'
        )
        parts.append(_text(x(v), height - bottom + 14, fmt(v), anchor="middle", size=10))
    by_group = {e.group: e for e in effects}
    for i, g in enumerate(groups):
        y = top + row * i + row / 2
        e = by_group.get(g.group)
        color = BLUE
        if e is not None and e.finding:
            color = GREEN if e.difference > 0 else RED
        label = f"{group_label(dimension, g.group, lang)} (n={g.n})"
        parts.append(_text(left - 8, y + 4, label if len(label) <= 34 else label[:33] + "…", anchor="end"))
        tip = f"{group_label(dimension, g.group, lang)}: {rate_text(g.rate, basis, lang)}"
        if g.interval is not None:
            lo, hi_ = x(g.interval.low), x(g.interval.high)
            tip += f" ({ci_label(level, lang)} {fmt(g.interval.low)}–{fmt(g.interval.high)})"
            parts.append(
                f'<line x1="{lo:.1f}" x2="{hi_:.1f}" y1="{y:.1f}" y2="{y:.1f}" stroke="{color}" stroke-width="2"/>'
            )
            for xx in (lo, hi_):
                parts.append(
                    f'<line x1="{xx:.1f}" x2="{xx:.1f}" y1="{y - 5:.1f}" y2="{y + 5:.1f}" stroke="{color}" '
                    f'stroke-width="2"/>'
                )
        parts.append(
            f'<circle cx="{x(g.rate):.1f}" cy="{y:.1f}" r="5" fill="{color}"><title>{esc(tip)}</title></circle>'
        )
        if e is not None and e.ratio is not None:
            parts.append(
                _text(
                    width - right + 6,
                    y + 4,
                    f"{number(e.ratio, lang, 2)}×",
                    size=10,
                    extra=f' style="{"" if e.finding else MUTED}"',
                )
            )
    xo = x(overall)
    parts.append(
        f'<line x1="{xo:.1f}" x2="{xo:.1f}" y1="{top - 4}" y2="{height - bottom + 2:.1f}" '
        f'stroke="{GREY}" stroke-dasharray="4 3"/>'
    )
    title = text(lang, "chart.rates", dimension=dimension_label(dimension, lang))
    desc = text(lang, "chart.rates_desc", ci=ci_label(level, lang))
    parts.append(_text(4, height - 4, desc, size=10, extra=f' style="{MUTED}"'))
    return _svg(width, height, title, desc, "".join(parts), "rates-" + dimension)


def leaders_chart(leaders: Leaders, lang: str, level: float) -> str:
    """Leaders' share of posts for the organisation and each team, with Wilson whiskers."""
    rows: list[tuple[str, float, float, float, int]] = []
    if leaders.share is not None and leaders.share_interval is not None:
        rows.append(
            (
                text(lang, "chart.all"),
                leaders.share,
                leaders.share_interval.low,
                leaders.share_interval.high,
                leaders.posts,
            )
        )
    for t in leaders.teams:
        if t.share is not None and t.share_interval is not None:
            rows.append((t.team, t.share, t.share_interval.low, t.share_interval.high, t.posts))
    label_w, width, row, top, bottom, right = 170, 680, 24, 10, 34, 20
    height = top + bottom + row * len(rows)
    pw = width - label_w - right

    def x(v: float) -> float:
        return label_w + pw * v

    parts: list[str] = []
    for i in range(5):
        v = i / 4
        parts.append(
            f'<line x1="{x(v):.1f}" x2="{x(v):.1f}" y1="{top}" y2="{height - bottom}" stroke="currentColor" '
            f'stroke-opacity="{0.35 if i == 0 else 0.12}"/>'
        )
        parts.append(_text(x(v), height - bottom + 14, percent(v, lang, 0), anchor="middle", size=10))
    for i, (name, share, lo, hi, n) in enumerate(rows):
        y = top + row * i
        label = f"{name} (n={n})"
        parts.append(
            _text(
                label_w - 8,
                y + row / 2 + 4,
                label if len(label) <= 28 else label[:27] + "…",
                anchor="end",
                extra=' font-weight="600"' if i == 0 else "",
            )
        )
        tip = f"{name}: {percent(share, lang, 0)} ({ci_label(level, lang)} {percent(lo, lang, 0)}–{percent(hi, lang, 0)})"
        parts.append(
            f'<rect x="{label_w}" y="{y + 5:.1f}" width="{pw * share:.1f}" height="{row - 10}" fill="{BLUE}" '
            f'fill-opacity="{0.85 if i == 0 else 0.6}"><title>{esc(tip)}</title></rect>'
        )
        cy = y + row / 2
        parts.append(
            f'<line x1="{x(lo):.1f}" x2="{x(hi):.1f}" y1="{cy:.1f}" y2="{cy:.1f}" stroke="currentColor" '
            f'stroke-width="1.5"/>'
        )
        for xx in (x(lo), x(hi)):
            parts.append(
                f'<line x1="{xx:.1f}" x2="{xx:.1f}" y1="{cy - 4:.1f}" y2="{cy + 4:.1f}" stroke="currentColor" '
                f'stroke-width="1.5"/>'
            )
    title = text(lang, "chart.leaders")
    desc = text(lang, "chart.leaders_desc", ci=ci_label(level, lang))
    parts.append(_text(4, height - 4, desc, size=10, extra=f' style="{MUTED}"'))
    return _svg(width, height, title, desc, "".join(parts), "leaders")


# -- the page -----------------------------------------------------------------------------------
def _p(content: str, style: str = "") -> str:
    return f'<p style="margin:0.3em 0;{style}">{content}</p>'


def _table(
    headers: Sequence[str], rows: Sequence[Sequence[str]], kind: str, numeric: Sequence[int] = ()
) -> str:
    """A table; ``rows`` hold HTML that is already escaped."""
    head = "".join(
        f'<th style="{CELL};font-weight:600;white-space:nowrap{";text-align:right" if i in numeric else ""}">{esc(h)}</th>'
        for i, h in enumerate(headers)
    )
    body = "".join(
        f'<tr data-postcraft="{esc(kind)}-row">'
        + "".join(
            f'<td style="{CELL}{";text-align:right;white-space:nowrap" if i in numeric else ""}">{c}</td>'
            for i, c in enumerate(r)
        )
        + "</tr>"
        for r in rows
    )
    return (
        f'<div style="overflow-x:auto"><table data-postcraft="{esc(kind)}" style="border-collapse:collapse;'
        f'margin:0.4em 0;font-size:13px"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div>'
    )


def _interval(lo: float | None, hi: float | None, lang: str, digits: int = 1) -> str:
    return f"{number(lo, lang, digits)}–{number(hi, lang, digits)}"


def insights_html(ins: Insights, lang: str = DEFAULT) -> str:
    """The whole insights display as one self-contained HTML fragment."""
    lang = lang if lang in SUPPORTED else DEFAULT
    L = text
    level = float(ins.settings.get("level", 0.95))
    ci = ci_label(level, lang)
    org = ins.organisation
    out: list[str] = []
    teams = L(lang, "summary.teams", n=len(ins.teams)) if ins.teams else ""
    out.append(f'<div style="font-size:1.15em;font-weight:700">{esc(L(lang, "title"))}</div>')
    summary = L(
        lang,
        "summary",
        posts=org.posts,
        people=org.people,
        teams=teams,
        start=ins.start.isoformat(),
        end=ins.end.isoformat(),
        now=ins.now.isoformat(),
    )
    source = f" · {esc(ins.history.source)}" if ins.history.source else ""
    out.append(_p(esc(summary) + source, MUTED))

    # cadence
    out.append(section(L(lang, "section.cadence")))
    out.append(
        _p(
            esc(
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
            + " "
            + esc(L(lang, "cadence.streak", current=org.current_streak, longest=org.longest_streak))
        )
    )
    out.append(weekly_chart(ins.weekly, lang, ins.now))
    trends = {t.name: t for t in ins.trends if t.kind == "team"}
    if ins.teams:
        rows = []
        for t in ins.teams:
            tr = trends.get(t.name)
            rows.append(
                [
                    esc(t.name),
                    str(t.posts),
                    esc(number(t.per_week, lang)),
                    esc(_interval(t.per_week_interval.low, t.per_week_interval.high, lang)),
                    str(t.people),
                    str(t.active_people),
                    f"{t.current_streak}/{t.longest_streak}",
                    esc(L(lang, "trend." + tr.direction)) if tr else "",
                ]
            )
        out.append(
            _table(
                [
                    L(lang, "col.team"),
                    L(lang, "col.posts"),
                    L(lang, "col.per_week"),
                    ci,
                    L(lang, "col.people"),
                    L(lang, "col.active"),
                    L(lang, "col.streak"),
                    L(lang, "col.trend"),
                ],
                rows,
                "teams",
                numeric=(1, 2, 3, 4, 5, 6),
            )
        )
    rows = []
    for c in ins.people[:_MAX_PEOPLE]:
        marks = ""
        if c.leader:
            marks += " " + badge(L(lang, "html.leader"), GREY)
        if c.quiet:
            marks += " " + badge(L(lang, "html.quiet"), ORANGE)
        rows.append(
            [
                esc(c.name) + marks,
                esc(c.team or ""),
                str(c.posts),
                esc(number(c.per_week, lang)),
                esc(_interval(c.per_week_interval.low, c.per_week_interval.high, lang)),
                f"{c.current_streak}/{c.longest_streak}",
                esc(c.last_post.isoformat()),
            ]
        )
    out.append(
        _table(
            [
                L(lang, "col.name"),
                L(lang, "col.team"),
                L(lang, "col.posts"),
                L(lang, "col.per_week"),
                ci,
                L(lang, "col.streak"),
                L(lang, "col.last_post"),
            ],
            rows,
            "people",
            numeric=(2, 3, 4, 5, 6),
        )
    )
    if len(ins.people) > _MAX_PEOPLE:
        out.append(_p(esc(L(lang, "cadence.more_people", n=len(ins.people) - _MAX_PEOPLE)), MUTED))

    # quiet
    out.append(section(L(lang, "section.quiet")))
    quiet = ins.quiet
    if not quiet:
        out.append(_p(esc(L(lang, "quiet.none", quiet=ins.settings.get("quiet_weeks", 4)))))
    else:
        items = "".join(
            f'<li data-postcraft="quiet">{esc(L(lang, "quiet.person", name=c.name, team=f" ({c.team})" if c.team else "", last=c.last_post.isoformat(), weeks=c.weeks_since_last, posts=c.posts))}</li>'  # noqa: E501
            for c in quiet
        )
        out.append(f'<ul style="margin:0.3em 0;padding-left:1.4em">{items}</ul>')
    if ins.not_started:
        out.append(_p(esc(L(lang, "quiet.not_started", names=", ".join(ins.not_started))), MUTED))

    # leaders
    out.append(section(L(lang, "section.leaders")))
    ld = ins.leaders
    if not ld.known or ld.share_interval is None:
        out.append(_p(esc(L(lang, "leaders.unknown"))))
    else:
        out.append(
            _p(
                esc(
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
        )
        key = {True: "leaders.first_yes", False: "leaders.first_no", None: "leaders.first_unknown"}[
            ld.leaders_first
        ]
        first = L(
            lang,
            key,
            leader=ld.first_leader_post.isoformat() if ld.first_leader_post else "–",
            other=ld.first_employee_post.isoformat() if ld.first_employee_post else "–",
        )
        if ld.teams_compared and ld.teams_interval is not None:
            first += " " + L(
                lang,
                "leaders.teams",
                led=ld.teams_led_first,
                compared=ld.teams_compared,
                ci=ci,
                low=percent(ld.teams_interval.low, lang, 0),
                high=percent(ld.teams_interval.high, lang, 0),
            )
        out.append(_p(esc(first)))
        out.append(leaders_chart(ld, lang, level))

    # what works
    out.append(section(L(lang, "section.what_works")))
    if ins.basis is None or not ins.groups:
        why = next(
            (n.message(lang) for n in ins.notes if n.code in ("no_outcomes", "too_few_for_effects")), "–"
        )
        out.append(_p(esc(L(lang, "what_works.none", why=why))))
    else:
        out.append(_p(esc(L(lang, "basis." + ins.basis)), MUTED))
        found = ins.findings
        if found:
            items = "".join(
                f'<li data-postcraft="finding" style="margin:0.2em 0">{esc(effect_sentence(e, lang, level))}</li>'
                for e in found
            )
            out.append(
                f'<div style="font-weight:600;margin-top:0.4em">{esc(L(lang, "html.findings"))}</div>'
                f'<ul style="margin:0.3em 0;padding-left:1.4em">{items}</ul>'
            )
        else:
            out.append(_p(esc(L(lang, "what_works.no_findings", k=ins.settings.get("comparisons", 0)))))
        for o in ins.overlaps:
            out.append(
                _p(
                    esc(
                        L(
                            lang,
                            "what_works.overlap",
                            a=group_label(o.dimension, o.group, lang),
                            b=group_label(o.other_dimension, o.other_group, lang),
                            share=percent(o.agreement, lang, 0),
                        )
                    )
                )
            )
        out.append(_p(esc(L(lang, "what_works.caveat")), MUTED + ";font-style:italic"))
        eligible = [
            f
            for f in ins.facts
            if f.reviewed and f.engagement is not None and (ins.basis != "impressions" or f.impressions)
        ]
        total_e = sum(f.engagement or 0 for f in eligible)
        total_m = sum((f.impressions or 0) if ins.basis == "impressions" else 1 for f in eligible)
        overall = total_e / total_m if total_m else 0.0
        for dim in dict.fromkeys(g.dimension for g in ins.groups):
            gs = [g for g in ins.groups if g.dimension == dim]
            if len(gs) < 2:
                continue
            es = [e for e in ins.effects if e.dimension == dim]
            out.append(
                f'<div style="font-weight:600;margin-top:0.6em">'
                f"{esc(L(lang, 'chart.rates', dimension=dimension_label(dim, lang)))}</div>"
            )
            out.append(rate_chart(gs, es, overall, ins.basis, dim, lang, level))
        rows = []
        for g in ins.groups:
            e = ins.effect(g.dimension, g.group)
            gi = g.interval
            vs = note = ""
            if e is not None:
                ri = e.ratio_interval
                vs = (
                    f"{number(e.ratio, lang, 2)}× ({number(ri.low, lang, 2)}–{number(ri.high, lang, 2)})"
                    if e.ratio is not None and ri is not None
                    else "–"
                )
                note = warning_short(e, lang)
                if e.finding:
                    note = badge(note, GREEN if e.difference > 0 else RED)
                else:
                    note = f'<span style="{MUTED}">{esc(note)}</span>'
            rng = ""
            if gi is not None:
                rng = (
                    f"{rate_text(gi.low, ins.basis, lang)}–{rate_text(gi.high, ins.basis, lang)}"
                    if ins.basis == "impressions"
                    else _interval(gi.low, gi.high, lang)
                )
            rows.append(
                [
                    esc(dimension_label(g.dimension, lang)),
                    esc(group_label(g.dimension, g.group, lang)),
                    str(g.n),
                    esc(rate_text(g.rate, ins.basis, lang)),
                    esc(rng),
                    esc(vs),
                    note,
                ]
            )
        out.append(
            f'<details style="margin:0.4em 0"><summary style="cursor:pointer">{esc(L(lang, "html.all_groups"))}'
            f"</summary>"
        )
        out.append(
            _table(
                [
                    "",
                    L(lang, "col.group"),
                    L(lang, "col.n"),
                    L(lang, "col.rate"),
                    ci,
                    L(lang, "col.vs_rest"),
                    "",
                ],
                rows,
                "groups",
                numeric=(2, 3, 4, 5),
            )
        )
        out.append("</details>")

    # celebrate
    out.append(section(L(lang, "section.celebrate")))
    weeks = ins.settings.get("recent_weeks", 4)
    recent_first = [f for f in ins.first_posts if f.recent]
    if recent_first:
        out.append(
            _p(
                esc(
                    L(
                        lang,
                        "celebrate.first_posts",
                        weeks=weeks,
                        names=", ".join(f"{f.name} ({f.date.isoformat()})" for f in recent_first),
                    )
                )
            )
        )
    else:
        out.append(_p(esc(L(lang, "celebrate.no_first_posts", weeks=weeks, n=len(ins.first_posts)))))
    recent = [m for m in ins.milestones if m.recent]
    if recent:
        items = "".join(
            f'<li data-postcraft="milestone">🎉 {esc(L(lang, "celebrate.milestone." + m.kind, name=m.name, number=m.number, date=m.date.isoformat()))}</li>'  # noqa: E501
            for m in recent
        )
        out.append(
            f"<div>{esc(L(lang, 'celebrate.milestones', weeks=weeks))}</div>"
            f'<ul style="margin:0.3em 0;padding-left:1.4em">{items}</ul>'
        )
    else:
        out.append(_p(esc(L(lang, "celebrate.no_milestones", weeks=weeks))))
    if ins.milestones:
        out.append(
            _p(
                esc(
                    L(lang, "celebrate.milestones_total", n=len(ins.milestones), start=ins.start.isoformat())
                ),
                MUTED,
            )
        )
    if ins.best_month is not None:
        out.append(
            _p(esc(L(lang, "celebrate.best_month", month=ins.best_month.month, posts=ins.best_month.posts)))
        )
    brm = ins.best_rate_month
    if brm is not None and brm.rate_interval is not None and ins.basis is not None:
        out.append(
            _p(
                esc(
                    L(
                        lang,
                        "celebrate.best_rate_month",
                        month=brm.month,
                        rate=rate_text(brm.rate, ins.basis, lang),
                        ci=ci,
                        low=rate_text(brm.rate_interval.low, ins.basis, lang),
                        high=rate_text(brm.rate_interval.high, ins.basis, lang),
                        n=brm.rate_n,
                    )
                )
            )
        )
    rows = []
    for tr in ins.trends:
        name = L(lang, "trend.organisation") if tr.kind == "organisation" else tr.name
        slope = number(tr.slope, lang, 1) if tr.slope is not None else "–"
        rng = _interval(tr.interval.low, tr.interval.high, lang) if tr.interval is not None else "–"
        rows.append(
            [esc(name), str(len(tr.months)), esc(slope), esc(rng), esc(L(lang, "trend." + tr.direction))]
        )
    out.append(_p(esc(L(lang, "celebrate.trends"))))
    out.append(
        _table(
            [L(lang, "col.team"), L(lang, "col.month"), L(lang, "col.trend"), ci, ""],
            rows,
            "trends",
            numeric=(1, 2, 3),
        )
    )

    # data
    out.append(section(L(lang, "section.data")))
    h = ins.history
    out.append(
        _p(
            esc(L(lang, "data.columns", columns=", ".join(f"{k} ← '{v}'" for k, v in h.columns.items()))),
            MUTED,
        )
    )
    if h.unused_columns:
        out.append(
            _p(esc(L(lang, "data.unused", columns=", ".join(f"'{c}'" for c in h.unused_columns))), MUTED)
        )
    if h.skipped:
        unit = L(lang, "data.unit." + h.unit)
        items = "".join(
            f'<li data-postcraft="skipped">{esc(L(lang, "data.skipped_row", unit=unit, line=s.line, reason=s.message(lang)))}</li>'  # noqa: E501
            for s in h.skipped
        )
        out.append(
            f'<details><summary style="cursor:pointer">{esc(L(lang, "data.skipped", n=len(h.skipped)))}</summary>'
            f'<ul style="margin:0.3em 0;padding-left:1.4em">{items}</ul></details>'
        )
    else:
        out.append(_p(esc(L(lang, "data.nothing_skipped")), MUTED))
    if ins.notes:
        items = "".join(f'<li data-postcraft="note">{esc(n.message(lang))}</li>' for n in ins.notes)
        out.append(f'<ul style="margin:0.3em 0;padding-left:1.4em;{MUTED}">{items}</ul>')
    resamples = number(ins.settings.get("resamples", 0), lang, 0)
    out.append(
        _p(
            esc(
                L(
                    lang,
                    "data.method",
                    resamples=resamples,
                    seed=ins.settings.get("seed", 0),
                    min=ins.settings.get("min_posts", 20),
                    alpha=number(1 - level, lang, 2),
                )
            ),
            MUTED + ";font-size:0.9em",
        )
    )
    body = "".join(out)
    return root(
        "insights",
        f'<div style="border:1px solid {BORDER};border-radius:6px;padding:0.6em 0.9em;'
        f'background:{SUBTLE_BG}">{body}</div>',
        lang,
        wide=True,
    )


def page(fragment: str, lang: str) -> str:
    """A whole, self-contained HTML page around the insights fragment."""
    title = text(lang, "title")
    return (
        f'<!doctype html>\n<html lang="{lang}"><head><meta charset="utf-8">'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{title}</title></head><body>{fragment}</body></html>\n"
    )
