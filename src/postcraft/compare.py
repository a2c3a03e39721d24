"""Several reviewed drafts side by side: :func:`compare` reviews them (through the pipeline) and
returns a :class:`Comparison`, shown as HTML in a notebook, as rows for pandas, as text in a
terminal.

>>> c = compare(["We are proud to announce our new solution.", "I spent a week on this and learned a lot."])
>>> c.labels
('draft 1', 'draft 2')
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from importlib import import_module
from typing import Any

from .errors import MissingDependencyError, PostcraftError
from .formats.html.base import severity_counts
from .pipeline import Review, review
from .templates import Draft

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
        from .formats.html import comparison_html

        return comparison_html(self)

    def __repr__(self) -> str:
        from .formats.text import comparison_text

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
    if isinstance(item, Review):
        return item
    if isinstance(item, Draft):
        return review(item.text, **{**options, "lang": item.lang})
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
    counts = severity_counts(r.findings)
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
