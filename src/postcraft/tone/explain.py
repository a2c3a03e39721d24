"""Turn exact feature contributions into a few human reasons (drivers) with spans and hints."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from typing import Any

from ..analysis import Analysis
from .features import STYLE_CATEGORY, STYLE_NAMES, Features

MAX_DRIVERS = 5
MAX_SPANS = 6


@lru_cache(maxsize=1)
def hints() -> dict[str, dict[str, dict[str, str]]]:
    """Hints by category, direction and language (data file ``tone/data/hints.yaml``)."""
    import yaml

    data: dict[str, dict[str, dict[str, str]]] = yaml.safe_load(
        (resources.files("postcraft.tone") / "data" / "hints.yaml").read_text("utf-8")
    )
    return data


def category_totals(
    feats: Features, contrib: dict[str, float], style_c: list[float]
) -> tuple[dict[str, float], dict[int, float]]:
    """Sum contributions by explanation category, and by token.

    A sparse feature's contribution is shared equally by the tokens it came from and goes to
    each token's category; a style feature's goes to its own category and, shared equally, to
    the tokens behind it. Totals over all categories equal the sum of all contributions.
    """
    by_cat: dict[str, float] = {}
    by_tok: dict[int, float] = {}
    for key, c in contrib.items():
        idx = feats.where[key]
        share = c / len(idx)
        for i in idx:
            cat = feats.category.get(i, "word_choice")
            by_cat[cat] = by_cat.get(cat, 0.0) + share
            by_tok[i] = by_tok.get(i, 0.0) + share
    for name, c in zip(STYLE_NAMES, style_c, strict=True):
        cat = STYLE_CATEGORY[name]
        by_cat[cat] = by_cat.get(cat, 0.0) + c
        idx = feats.style_tokens.get(name, [])
        for i in idx:
            by_tok[i] = by_tok.get(i, 0.0) + c / len(idx)
    return by_cat, by_tok


def explain(
    analysis: Analysis, feats: Features, contrib: dict[str, float], style_c: list[float], logit: float
) -> tuple[Any, ...]:
    """The strongest categories as :class:`~postcraft.tone.model.Driver` objects."""
    from .model import Driver

    by_cat, by_tok = category_totals(feats, contrib, style_c)
    tokens = analysis.tokens
    ranked = sorted(by_cat.items(), key=lambda kv: -abs(kv[1]))
    table = hints()
    out = []
    cat_of = feats.category
    tokens_by_cat: dict[str, list[int]] = {}
    for i in by_tok:
        tokens_by_cat.setdefault(cat_of.get(i, "word_choice"), []).append(i)
    for cat, weight in ranked[:MAX_DRIVERS]:
        if abs(weight) < 0.05:
            break
        direction = "personal" if weight > 0 else "corporate"
        # The tokens of this category that push the same way, strongest first.
        idx = [i for i in tokens_by_cat.get(cat, ()) if (by_tok[i] > 0) == (weight > 0)]
        idx.sort(key=lambda i: -abs(by_tok[i]))
        chosen = sorted(idx[:MAX_SPANS])
        spans = tuple((tokens[i].start, tokens[i].end) for i in chosen)
        text = " … ".join(tokens[i].text for i in chosen)
        hint = table.get(cat, {}).get(direction, {}).get(analysis.lang, "")
        out.append(Driver(cat, direction, round(weight, 4), spans, text, hint))
    return tuple(out)
