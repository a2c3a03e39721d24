"""A comparison of drafts as HTML: the drafts in columns, their rows aligned."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from ...langs import DEFAULT
from .base import CELL, MUTED, badge, esc, label, root
from .review import (
    _severity_badges,
    drivers_list,
    findings_list,
    gauge,
    review_text_block,
    tags_body,
)

if TYPE_CHECKING:
    from ...compare import Comparison


def _ui_lang(c: Comparison) -> str:
    langs = {r.analysis.lang for r in c.reviews}
    return langs.pop() if len(langs) == 1 else DEFAULT


def comparison_html(c: Comparison) -> str:
    """The drafts in columns, their rows aligned: tone gauge, counts, text, findings, tone drivers
    and tags."""
    lang = _ui_lang(c)
    n = max(1, len(c))
    col = CELL

    def row(name: str, cells: Iterable[str]) -> str:
        head_style = f"{CELL};{MUTED};font-weight:600;font-size:0.85em;white-space:nowrap"
        head = f'<th style="{head_style}">{esc(name)}</th>'
        tds = "".join(f'<td style="{col}">{x}</td>' for x in cells)
        return f"<tr>{head}{tds}</tr>"

    heads = "".join(
        f'<th style="{col};font-weight:600" data-postcraft="compare-label">{esc(lab)}</th>'
        for lab in c.labels
    )
    rows = [f'<tr><th style="{CELL}"></th>{heads}</tr>']
    reviews = c.reviews
    rows.append(
        row(
            label(lang, "tone"),
            (
                gauge(r.tone.personal, r.tone.label, r.analysis.lang) if r.tone is not None else ""
                for r in reviews
            ),
        )
    )
    rows.append(
        row(
            label(lang, "findings"),
            (
                (_severity_badges(r.findings, r.analysis.lang) or badge("0", "#57606a"))
                + f'<div style="{MUTED};font-size:0.85em">{r.analysis.linkedin_length:,}/3,000 '
                f"{esc(label(r.analysis.lang, 'characters'))} · LIX {r.analysis.lix:g}</div>"
                for r in reviews
            ),
        )
    )
    rows.append(row(label(lang, "text"), (review_text_block(r) for r in reviews)))
    rows.append(row("", (findings_list(r.findings, r.analysis.lang, compact=True) for r in reviews)))
    rows.append(
        row(
            label(lang, "drivers"),
            (
                drivers_list(r.tone.drivers, r.analysis.lang, heading=False) if r.tone is not None else ""
                for r in reviews
            ),
        )
    )
    if any(r.tags is not None for r in reviews):
        rows.append(row(label(lang, "tags"), (tags_body(r.tags, r.analysis.lang) for r in reviews)))
    # equal columns, each at least 22em wide (the page scrolls sideways past that)
    cols = '<col style="width:7em">' + f'<col style="width:calc((100% - 7em) / {n})">' * n
    table = (
        f'<div style="overflow-x:auto"><table style="border-collapse:collapse;table-layout:fixed;width:100%;'
        f'min-width:{7 + 22 * n}em"><colgroup>{cols}</colgroup>{"".join(rows)}</table></div>'
    )
    return root("compare", table, lang, wide=True)
