"""Side-by-side comparison of drafts: HTML in a notebook, rows for pandas, plain text in a terminal."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from importlib import import_module
from typing import TYPE_CHECKING, Any

from ..errors import PostcraftError
from ._html import CELL, MUTED, badge, esc, label, root
from .review import (
    _counts,
    _severity_badges,
    drivers_list,
    findings_list,
    gauge,
    review_text_block,
    tags_body,
)

if TYPE_CHECKING:
    from ..review import Review


class MissingDependencyError(PostcraftError):
    """An optional dependency (such as pandas) is needed for this call but not installed."""


DraftLike = Any  # str | postcraft.templates.Draft | postcraft.Review


@dataclass(frozen=True, eq=False)
class Comparison:
    """Several reviewed drafts, side by side.

    ``labels`` name the drafts (unique), ``reviews`` are their :class:`~postcraft.Review`\\ s and
    ``sources`` what was passed in (text, a rendered ``Draft`` or a ``Review``). Shown as HTML
    in a notebook; :meth:`to_dataframe` gives one row per draft; :meth:`rows` the same as dicts.
    """

    labels: tuple[str, ...]
    reviews: tuple[Review, ...]
    sources: tuple[Any, ...]

    def __len__(self) -> int:
        return len(self.reviews)

    def rows(self) -> list[dict[str, Any]]:
        """One flat, JSON-ready dict per draft (the columns of :meth:`to_dataframe`)."""
        triples = zip(self.labels, self.reviews, self.sources, strict=True)
        return [_row(lab, r, src) for lab, r, src in triples]

    def to_dataframe(self) -> Any:
        """A ``pandas.DataFrame``, one row per draft, indexed by label.

        Needs pandas (``pip install 'postcraft[pandas]'``); raises
        :class:`MissingDependencyError` without it.
        """
        try:
            # imported by name: pandas is optional, and its type stubs may not be installed
            pd: Any = import_module("pandas")
        except ImportError:
            raise MissingDependencyError(
                "Comparison.to_dataframe() needs pandas, which is not installed; "
                "install it with: pip install 'postcraft[pandas]' (or pip install pandas). "
                "Comparison.rows() gives the same data as plain dicts."
            ) from None
        return pd.DataFrame(self.rows()).set_index("label")

    def _repr_html_(self) -> str:
        return comparison_html(self)

    def __repr__(self) -> str:
        return comparison_text(self)


def _label_of(item: Any, index: int) -> str:
    template = getattr(item, "template", None)
    if template is not None and hasattr(item, "variant"):
        return f"{template.id} #{item.variant}"
    return f"draft {index}"


def _unique(labels: Sequence[str]) -> tuple[str, ...]:
    seen: dict[str, int] = {}
    out = []
    for lab in labels:
        n = seen.get(lab, 0) + 1
        seen[lab] = n
        out.append(lab if n == 1 else f"{lab} ({n})")
    return tuple(out)


def _review_of(item: Any, options: dict[str, Any]) -> Review:
    from ..review import Review, review
    from ..templates.model import Draft

    if isinstance(item, Review):
        return item
    if isinstance(item, Draft):
        return item.review(**{k: v for k, v in options.items() if k != "lang"})
    if isinstance(item, str):
        return review(item, **options)
    raise PostcraftError(
        f"compare() takes draft texts, rendered Drafts or Reviews, not {type(item).__name__}"
    )


def compare(
    drafts: Iterable[DraftLike] | Mapping[str, DraftLike],
    *,
    labels: Sequence[str] | None = None,
    lang: str | None = None,
    guidelines: Any = None,
    roster: Any = None,
    tone_model: Any = None,
) -> Comparison:
    """Review several drafts and put them side by side.

    ``drafts`` holds texts, rendered templates (``postcraft.render(...)``) or reviews, or maps
    labels to them. Texts are reviewed with ``lang``, ``guidelines``, ``roster`` and
    ``tone_model``; a rendered draft is reviewed in its template's language. ``labels`` names
    the drafts (default: the mapping's keys, ``"<template id> #<variant>"`` or ``"draft N"``).

    >>> c = compare({"before": "Vi er stolte af at kunne præsentere vores nye løsning. Læs mere på firma.dk",
    ...              "after": "Jeg har brugt tre måneder på det her projekt, og jeg er stolt af mit team."})
    >>> [r["tone"] for r in c.rows()]
    ['corporate', 'personal']
    """
    if isinstance(drafts, Mapping):
        items = list(drafts.values())
        names = [str(k) for k in drafts]
    else:
        items = list(drafts)
        names = [_label_of(item, i) for i, item in enumerate(items, 1)]
    if labels is not None:
        if len(labels) != len(items):
            raise PostcraftError(f"compare() got {len(items)} drafts but {len(labels)} labels")
        names = [str(x) for x in labels]
    if not items:
        raise PostcraftError("compare() needs at least one draft")
    options = {"lang": lang, "guidelines": guidelines, "roster": roster, "tone_model": tone_model}
    reviews = tuple(_review_of(item, options) for item in items)
    return Comparison(labels=_unique(names), reviews=reviews, sources=tuple(items))


def _row(lab: str, r: Review, source: Any) -> dict[str, Any]:
    a = r.analysis
    counts = _counts(r.findings)
    tone = r.tone
    tags = r.tags
    template = getattr(source, "template", None)
    return {
        "label": lab,
        "lang": a.lang,
        "tone": tone.label if tone is not None else None,
        "personal": tone.personal if tone is not None else None,
        "errors": counts["error"],
        "warnings": counts["warning"],
        "suggestions": counts["suggestion"],
        "rules": ", ".join(sorted({str(f.rule) for f in r.findings})),
        "drivers": ", ".join(
            f"{'+' if d.direction == 'personal' else '-'}{d.category}" for d in (tone.drivers if tone else ())
        ),
        "length": a.linkedin_length,
        "folded": a.is_folded,
        "fold_desktop": a.fold.desktop,
        "fold_mobile": a.fold.mobile,
        "lix": a.lix,
        "flesch": a.flesch,
        "tags": ", ".join(s.target for s in tags.all()) if tags is not None else None,
        "template": template.id if template is not None else None,
        "variant": getattr(source, "variant", None) if template is not None else None,
        "text": a.text,
    }


def _ui_lang(c: Comparison) -> str:
    langs = {r.analysis.lang for r in c.reviews}
    return langs.pop() if len(langs) == 1 else "en"


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


def comparison_text(c: Comparison) -> str:
    """A plain-text table of the comparison, one line per draft."""
    width = max(len(x) for x in c.labels)
    lines = [f"Comparison of {len(c)} draft{'s' if len(c) != 1 else ''}"]
    for row in c.rows():
        tone = f"{row['tone']} {row['personal']:.2f}" if row["tone"] is not None else "tone -"
        lines.append(
            f"  {row['label']:<{width}}  {tone:<15} {row['errors']}E {row['warnings']}W "
            f"{row['suggestions']}S  {row['length']:>4} chars  {row['rules']}"
        )
    return "\n".join(lines)
