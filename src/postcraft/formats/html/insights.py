"""Insights as self-contained HTML: inline styles and inline SVG charts only — no script, no
font, no external resource — so it works offline in notebooks and exported pages, on light and
dark themes (text and axes use ``currentColor``). All user text is escaped.

Charts: posts per week (bars, with a 4-week average line; the current, incomplete week pale),
every within-person engagement comparison on one logarithmic scale, posts per month per team
(same scale for every team), and leaders' share of posts per team.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import TYPE_CHECKING

from ...langs import DEFAULT
from ..insights import (
    Cell,
    Chart,
    Items,
    Para,
    Table,
    ci_label,
    effect_sentence,
    group_label,
    report,
)
from ..labels import number, percent, text
from .base import BORDER, CELL, MUTED, SUBTLE_BG, badge, esc, root, section

if TYPE_CHECKING:
    import datetime as dt

    from ...insights.model import Effect, Insights, Leaders, TeamProgress

BLUE = "#0969da"
GREEN = "#1a7f37"
RED = "#d1242f"
GREY = "#6e7781"
ORANGE = "#bc4c00"
FONT = "font-family:system-ui,-apple-system,'Segoe UI',Roboto,Arial,sans-serif"


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
        partial = i == len(weekly) - 1 and (now - week).days < 6
        if partial:
            tip += f" ({text(lang, 'chart.incomplete')})"
        outline = f' stroke="{BLUE}" stroke-dasharray="2 2"' if partial else ""
        parts.append(
            f'<rect x="{x:.1f}" y="{top + ph - h:.1f}" width="{bar:.1f}" height="{h:.1f}" fill="{BLUE}" '
            f'fill-opacity="{0.3 if partial else 0.75}"{outline}><title>{esc(tip)}</title></rect>'
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
    desc = text(lang, "chart.weekly_desc2", start=start, now=now.isoformat())
    parts.append(_text(left, height - 4, desc, size=10, extra=f' style="{MUTED}"'))
    return _svg(width, height, title, desc, "".join(parts), "weekly")


def patterns_chart(effects: Sequence[Effect], lang: str, level: float) -> str:
    """Every within-person comparison on one logarithmic scale: the ratio (dot) and its interval
    (whisker) against a line at 1× (no difference). Patterns that hold up are green (higher) or
    red (lower); the others grey; comparisons with too few posts or people hollow."""
    label_w = 250
    width, row = 680, 26
    top, bottom = 10, 34
    height = top + bottom + row * max(1, len(effects))
    left, right = label_w, 20
    pw = width - left - right
    ends = [1.0]
    for e in effects:
        if e.ratio_interval is not None:
            ends += [e.ratio_interval.low, e.ratio_interval.high]
        elif e.ratio is not None:
            ends.append(e.ratio)
    span = max(abs(math.log(v)) for v in ends if v > 0)
    ticks = (0.25, 0.33, 0.5, 0.67, 0.8, 1.0, 1.25, 1.5, 2.0, 3.0, 4.0)
    limit = next(
        (math.log(t) for t in (1.25, 1.5, 2.0, 3.0, 4.0) if math.log(t) >= span * 1.05), math.log(4.0)
    )

    def x(v: float) -> float:
        lv = max(-limit, min(limit, math.log(v))) if v > 0 else -limit
        return left + pw * (lv + limit) / (2 * limit)

    parts: list[str] = []
    for t in ticks:
        if abs(math.log(t)) > limit + 1e-9:
            continue
        dash = ' stroke-dasharray="4 3"' if t == 1.0 else ""
        parts.append(
            f'<line x1="{x(t):.1f}" x2="{x(t):.1f}" y1="{top}" y2="{height - bottom:.1f}" '
            f'stroke="currentColor" stroke-opacity="{0.5 if t == 1.0 else 0.12}"{dash}/>'
        )
        parts.append(
            _text(
                x(t), height - bottom + 14, f"{number(t, lang, 2 if t < 1 else 1)}×", anchor="middle", size=10
            )
        )
    for i, e in enumerate(effects):
        y = top + row * i + row / 2
        color = GREY
        if e.finding:
            color = GREEN if e.direction == "higher" else RED
        label = f"{group_label(e.dimension, e.group, lang)} ({e.both})"
        parts.append(_text(left - 8, y + 4, label if len(label) <= 40 else label[:39] + "…", anchor="end"))
        if e.ratio is None:
            continue
        tip = effect_sentence(e, lang, level)
        ci = e.ratio_interval
        if ci is not None:
            lo, hi = x(ci.low), x(ci.high)
            parts.append(
                f'<line x1="{lo:.1f}" x2="{hi:.1f}" y1="{y:.1f}" y2="{y:.1f}" stroke="{color}" stroke-width="2"/>'
            )
            for xx in (lo, hi):
                parts.append(
                    f'<line x1="{xx:.1f}" x2="{xx:.1f}" y1="{y - 5:.1f}" y2="{y + 5:.1f}" stroke="{color}" '
                    f'stroke-width="2"/>'
                )
        hollow = e.warning == "small_sample"
        fill = "none" if hollow else color
        parts.append(
            f'<circle cx="{x(e.ratio):.1f}" cy="{y:.1f}" r="5" fill="{fill}" stroke="{color}" stroke-width="2">'
            f"<title>{esc(tip)}</title></circle>"
        )
    title = text(lang, "chart.patterns")
    desc = text(lang, "chart.patterns_desc", ci=ci_label(level, lang))
    parts.append(
        _text(
            4, height - 4, desc if len(desc) < 120 else desc[:119] + "…", size=10, extra=f' style="{MUTED}"'
        )
    )
    return _svg(width, height, title, desc, "".join(parts), "patterns")


def team_months_chart(progress: Sequence[TeamProgress], lang: str) -> str:
    """Small bar charts of posts per month, one row per team, all on the same scale; the figure
    above a bar is the number of people who posted; an incomplete month is pale."""
    label_w, width, row, top, bottom, right = 150, 680, 46, 10, 30, 10
    months = list(progress[0].months) if progress else []
    n = max(1, len(months))
    height = top + bottom + row * len(progress)
    pw = width - label_w - right
    step = pw / n
    bar = max(1.0, step * 0.75)
    peak = max((m.posts for t in progress for m in t.months), default=0) or 1
    parts: list[str] = []
    for i, t in enumerate(progress):
        y0 = top + row * i
        base = y0 + row - 6
        parts.append(
            _text(label_w - 8, base - 8, t.team if len(t.team) <= 22 else t.team[:21] + "…", anchor="end")
        )
        parts.append(
            f'<line x1="{label_w}" x2="{width - right}" y1="{base:.1f}" y2="{base:.1f}" stroke="currentColor" '
            f'stroke-opacity="0.3"/>'
        )
        for k, m in enumerate(t.months):
            h = (row - 20) * m.posts / peak
            xx = label_w + k * step + (step - bar) / 2
            tip = f"{t.team} {m.month}: {m.posts} ({m.people})"
            parts.append(
                f'<rect x="{xx:.1f}" y="{base - h:.1f}" width="{bar:.1f}" height="{h:.1f}" fill="{BLUE}" '
                f'fill-opacity="{0.75 if m.complete else 0.3}"><title>{esc(tip)}</title></rect>'
            )
            if m.people and step >= 14:
                parts.append(_text(xx + bar / 2, base - h - 2, str(m.people), anchor="middle", size=9))
    last_x = -1e9
    for k, m in enumerate(months):
        lx = label_w + k * step
        if lx - last_x >= 48:
            parts.append(_text(lx, height - bottom + 14, m.month, size=10))
            last_x = lx
    title = text(lang, "chart.team_months")
    desc = text(lang, "chart.team_months_desc")
    parts.append(_text(4, height - 4, desc, size=10, extra=f' style="{MUTED}"'))
    return _svg(width, height, title, desc, "".join(parts), "team-months")


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
_UL = '<ul style="margin:0.3em 0;padding-left:1.4em">'
_PARA_STYLE = {
    "": "",
    "muted": MUTED,
    "caveat": MUTED + ";font-style:italic",
    "fine": MUTED + ";font-size:0.9em",
    "warning": f"color:{ORANGE};font-weight:600;border-left:3px solid {ORANGE};padding-left:0.5em",
}
_TONE = {"higher": GREEN, "lower": RED}
_MARKS = {"leader": ("html.leader", GREY), "quiet": ("html.quiet", ORANGE)}
_ICONS = {"milestone": "🎉 "}
_MAX_PEOPLE = 30


def _p(content: str, style: str = "") -> str:
    return f'<p style="margin:0.3em 0;{style}">{content}</p>'


def _caption(caption: str) -> str:
    return f'<div style="font-weight:600;margin-top:0.6em">{esc(caption)}</div>'


def _cell(c: str | Cell, lang: str) -> str:
    if isinstance(c, str):
        return esc(c)
    if c.tone in _TONE:
        return badge(c.text, _TONE[c.tone])
    html = f'<span style="{MUTED}">{esc(c.text)}</span>' if c.tone == "muted" else esc(c.text)
    return html + "".join(" " + badge(text(lang, _MARKS[m][0]), _MARKS[m][1]) for m in c.marks)


def _table(t: Table, lang: str) -> str:
    head = "".join(
        f'<th style="{CELL};font-weight:600;white-space:nowrap{";text-align:right" if i in t.numeric else ""}">'
        f"{esc(h)}</th>"
        for i, h in enumerate(t.headers)
    )
    body = "".join(
        f'<tr data-postcraft="{esc(t.kind)}-row">'
        + "".join(
            f'<td style="{CELL}{";text-align:right;white-space:nowrap" if i in t.numeric else ""}">'
            f"{_cell(c, lang)}</td>"
            for i, c in enumerate(r)
        )
        + "</tr>"
        for r in t.rows
    )
    table = (
        f'<div style="overflow-x:auto"><table data-postcraft="{esc(t.kind)}" style="border-collapse:collapse;'
        f'margin:0.4em 0;font-size:13px"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div>'
    )
    return _fold(t.caption, table) if t.fold else _caption(t.caption) + table


def _fold(summary: str, content: str) -> str:
    return (
        f'<details style="margin:0.4em 0"><summary style="cursor:pointer">{esc(summary)}</summary>'
        f"{content}</details>"
    )


def _items(block: Items) -> str:
    icon = _ICONS.get(block.kind, "")
    items = "".join(
        f'<li data-postcraft="{esc(block.kind)}" style="margin:0.2em 0">{icon}{esc(item)}</li>'
        for item in block.items
    )
    if block.fold:
        return _fold(block.intro, _UL + items + "</ul>")
    return (f"<div>{esc(block.intro)}</div>" if block.intro else "") + _UL + items + "</ul>"


def _chart(chart: Chart, ins: Insights, lang: str, level: float) -> str:
    if chart.kind == "weekly":
        return weekly_chart(ins.weekly, lang, ins.now)
    if chart.kind == "leaders":
        return leaders_chart(ins.leaders, lang, level)
    if chart.kind == "team_months":
        return team_months_chart(ins.team_progress, lang)
    return _caption(text(lang, "chart.patterns")) + patterns_chart(ins.effects, lang, level)


def insights_html(ins: Insights, lang: str = DEFAULT) -> str:
    """The whole insights display as one self-contained HTML fragment: the sections of
    :func:`postcraft.formats.insights.report` with the charts."""
    rep = report(ins, lang, max_people=_MAX_PEOPLE)
    level = float(ins.settings.get("level", 0.95))
    out = [f'<div style="font-size:1.15em;font-weight:700">{esc(rep.title)}</div>']
    out += [_p(esc(line), MUTED) for line in rep.intro]
    for sec in rep.sections:
        out.append(section(sec.heading))
        for block in sec.blocks:
            if isinstance(block, Para):
                out.append(_p(esc(block.text), _PARA_STYLE[block.style]))
            elif isinstance(block, Items):
                out.append(_items(block))
            elif isinstance(block, Table):
                out.append(_table(block, lang))
            else:
                out.append(_chart(block, ins, lang, level))
    body = "".join(out)
    return root(
        "insights",
        f'<div style="border:1px solid {BORDER};border-radius:6px;padding:0.6em 0.9em;'
        f'background:{SUBTLE_BG}">{body}</div>',
        rep.lang,
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
