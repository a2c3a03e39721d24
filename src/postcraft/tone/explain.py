"""Turn exact feature contributions into a few human reasons (drivers) with spans and hints.

A driver is a category (pronouns, announcement, …) whose features push the score one way, with
the words behind them. Only words that are present can be a reason: a category whose push has no
words in the text (the length measures, an organisation model's n-gram weights spread over no
tokens) adds to the score but is never shown as a driver.
"""

from __future__ import annotations

import os
from functools import lru_cache
from typing import Any

from ..analysis import Analysis
from ..langs import fallbacks
from .features import STYLE_CATEGORY, STYLE_NAMES, Features

MAX_DRIVERS = 5
MAX_SPANS = 6
#: The smallest push (in logit units) worth a driver.
MIN_WEIGHT = 0.05


@lru_cache(maxsize=1)
def hints() -> dict[str, dict[str, dict[str, str]]]:
    """Hints by category, direction and language (data file ``tone/data/hints.yaml``)."""
    from ..yamlsrc import load_data  # its JSON twin, else libyaml

    path = os.path.join(os.path.dirname(__file__), "data", "hints.yaml")
    data: dict[str, dict[str, dict[str, str]]] = load_data("postcraft.tone", "data/hints.yaml", path)
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
) -> tuple[dict[str, float], dict[int, float], dict[str, dict[int, float]]]:
    """:func:`category_totals`, and per category the tokens with their share of it."""
    by_cat: dict[str, float] = {}
    by_tok: dict[int, float] = {}
    tok_in_cat: dict[str, dict[int, float]] = {}
    where = feats.where
    cat_of = feats.category.get
    for key, c in contrib.items():
        idx = where[key]
        share = c / len(idx)
        for i in idx:
            cat = cat_of(i, "word_choice")
            by_cat[cat] = by_cat.get(cat, 0.0) + share
            by_tok[i] = by_tok.get(i, 0.0) + share
            group = tok_in_cat.setdefault(cat, {})
            group[i] = group.get(i, 0.0) + share
    for name, c in zip(STYLE_NAMES, style_c, strict=True):
        if not c:
            continue
        cat = STYLE_CATEGORY[name]
        by_cat[cat] = by_cat.get(cat, 0.0) + c
        idx = feats.style_tokens.get(name, [])
        group = tok_in_cat.setdefault(cat, {})
        for i in idx:
            by_tok[i] = by_tok.get(i, 0.0) + c / len(idx)
            group[i] = group.get(i, 0.0) + c / len(idx)
    return by_cat, by_tok, tok_in_cat


def explain(
    analysis: Analysis, feats: Features, contrib: dict[str, float], style_c: list[float], logit: float
) -> tuple[Any, ...]:
    """The strongest categories that point at words as :class:`~postcraft.tone.model.Driver` objects."""
    from .model import Driver

    _, _, tok_in_cat = _totals(feats, contrib, style_c)
    tokens = analysis.tokens
    table = hints()
    candidates = []
    for cat, toks in tok_in_cat.items():
        # the words of this category push both ways at most when an organisation model's n-grams
        # are involved; the driver is the net push of the words present
        weight = sum(toks.values())
        if abs(weight) < MIN_WEIGHT:
            continue
        idx = [i for i, c in toks.items() if (c > 0) == (weight > 0) and c != 0]
        if idx:
            candidates.append((cat, weight, idx))
    candidates.sort(key=lambda x: -abs(x[1]))
    out = []
    for cat, weight, idx in candidates[:MAX_DRIVERS]:
        direction = "personal" if weight > 0 else "corporate"
        toks = tok_in_cat[cat]
        idx.sort(key=lambda i: -abs(toks[i]))
        chosen = sorted(idx[:MAX_SPANS])
        spans = tuple((tokens[i].start, tokens[i].end) for i in chosen)
        text = " … ".join(tokens[i].text for i in chosen)
        by_lang = table.get(cat, {}).get(direction, {})
        hint = next((by_lang[code] for code in fallbacks(analysis.lang) if code in by_lang), "")
        out.append(Driver(cat, direction, round(weight, 4), spans, text, hint))
    return tuple(out)
