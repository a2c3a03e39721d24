"""Turn exact feature contributions into a few human reasons (drivers) with spans and hints."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from typing import Any

from ..analysis import Analysis
from ..langs import fallbacks
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
    by_cat, by_tok, _ = _totals(feats, contrib, style_c)
    return by_cat, by_tok


def _totals(
    feats: Features, contrib: dict[str, float], style_c: list[float]
) -> tuple[dict[str, float], dict[int, float], dict[str, list[int]]]:
    """:func:`category_totals`, and the tokens that got a share grouped by their own category
    (in the order they first got one)."""
    by_cat: dict[str, float] = {}
    by_tok: dict[int, float] = {}
    tokens_by_cat: dict[str, list[int]] = {}
    where = feats.where
    cat_of = feats.category.get
    cat_get = by_cat.get
    tok_get = by_tok.get
    for key, c in contrib.items():
        idx = where[key]
        share = c / len(idx)
        for i in idx:
            cat = cat_of(i, "word_choice")
            by_cat[cat] = cat_get(cat, 0.0) + share
            prev = tok_get(i)
            if prev is None:
                by_tok[i] = 0.0 + share
                group = tokens_by_cat.get(cat)
                if group is None:
                    tokens_by_cat[cat] = [i]
                else:
                    group.append(i)
            else:
                by_tok[i] = prev + share
    style_tokens = feats.style_tokens
    for name, c in zip(STYLE_NAMES, style_c, strict=True):
        cat = STYLE_CATEGORY[name]
        by_cat[cat] = cat_get(cat, 0.0) + c
        idx = style_tokens.get(name, [])
        for i in idx:
            prev = tok_get(i)
            if prev is None:
                by_tok[i] = 0.0 + c / len(idx)
                tcat = cat_of(i, "word_choice")
                group = tokens_by_cat.get(tcat)
                if group is None:
                    tokens_by_cat[tcat] = [i]
                else:
                    group.append(i)
            else:
                by_tok[i] = prev + c / len(idx)
    return by_cat, by_tok, tokens_by_cat


def explain(
    analysis: Analysis, feats: Features, contrib: dict[str, float], style_c: list[float], logit: float
) -> tuple[Any, ...]:
    """The strongest categories as :class:`~postcraft.tone.model.Driver` objects."""
    from .model import Driver

    by_cat, by_tok, tokens_by_cat = _totals(feats, contrib, style_c)
    tokens = analysis.tokens
    ranked = sorted(by_cat.items(), key=lambda kv: -abs(kv[1]))
    table = hints()
    out = []
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
        by_lang = table.get(cat, {}).get(direction, {})
        hint = next((by_lang[code] for code in fallbacks(analysis.lang) if code in by_lang), "")
        out.append(Driver(cat, direction, round(weight, 4), spans, text, hint))
    return tuple(out)
