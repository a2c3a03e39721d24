"""Amounts as values: matching an organisation's unreleased figures however a draft writes them.

An organisation lists "$48.2M" or "412 mio. kr." under ``unreleased_figures``; a draft writes
"$48.2 million", "48.2M USD", "412 millioner kroner" or "kr. 412 mio.". Both sides are read as
an :class:`Amount` (a value with its scale applied, a currency, whether it is a percentage) and
compared by value, so "412" never matches "4120" or "41,2".

Numbers are read with the language's separators (:class:`postcraft.langs.Language`: ``1.234,5``
in Danish, ``1,234.5`` in English); scale and currency words are data
(``rules/data/figures.yaml``), per language ("billion" is 10⁹ in English, 10¹² in Danish). A
draft's amounts are read in the draft's language (a number that is not valid there, like
"41,2" in English, in the others'); a listed figure in every language it is valid in.

>>> [str(a.value) for a in readings("412 mio. kr.")]
['412000000']
>>> [m.text for m in find_amounts("Vi landede på 412 millioner kroner og 4120 kunder.", "da")]
['412 millioner kroner', '4120']
>>> matches(readings("$48.2M"), find_amounts("Revenue hit 48.2 million dollars.", "en")[0])
True
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any, NamedTuple

import regex

from ..langs import SUPPORTED, get
from ..yamlsrc import load_yaml, package_files

__all__ = ["Amount", "Found", "find_amounts", "matches", "readings"]

_SPACES = "\u00a0\u202f\u2009"


@dataclass(frozen=True)
class Amount:
    """One reading of an amount: ``value`` with its scale applied, ``currency`` (ISO code or
    ``None``), and whether it is a percentage."""

    value: Decimal
    currency: str | None = None
    percent: bool = False


class Found(NamedTuple):
    """An amount in a draft: ``[start, end)``, the text, and its reading."""

    start: int
    end: int
    text: str
    amount: Amount


class _Words(NamedTuple):
    scales: dict[str, Decimal]
    currencies: dict[str, str]
    percent: frozenset[str]


@functools.cache
def _raw() -> Any:
    return load_yaml((package_files("postcraft.rules") / "data" / "figures.yaml").read_text("utf-8"))


@functools.cache
def _data() -> dict[str, _Words]:
    raw = _raw()
    out: dict[str, _Words] = {}
    for lang in SUPPORTED:
        spec = raw.get(lang, {})
        scales = {_key(w): Decimal(str(k)) for k, ws in spec.get("scales", {}).items() for w in ws}
        currencies = {_key(w): str(code) for code, ws in spec.get("currencies", {}).items() for w in ws}
        out[lang] = _Words(scales, currencies, frozenset(_key(w) for w in spec.get("percent", [])))
    return out


def _key(word: Any) -> str:
    return " ".join(str(word).casefold().rstrip(".").split())


def _alternation(words: set[str]) -> str:
    parts = []
    for w in sorted(words, key=len, reverse=True):
        body = regex.escape(w.rstrip(".")).replace(r"\ ", r"\s+")
        if not w[:1].isalnum():  # a symbol ("$", "%") needs no boundary
            parts.append(body)
        elif w.endswith("."):  # "mio." takes its dot or ends at a non-letter
            parts.append(body + r"(?:\.|(?![\p{L}\p{N}]))")
        else:  # "m" never takes a dot: "$4m." ends before the full stop
            parts.append(body + r"(?![\p{L}\p{N}])")
    return "|".join(parts)


def _written(group: str) -> set[str]:
    """The written forms of one group of words in every language, dots as in the data."""
    out: set[str] = set()
    for lang in SUPPORTED:
        value = _raw().get(lang, {}).get(group, {})
        for ws in value.values() if isinstance(value, dict) else [value]:
            out.update(" ".join(str(w).casefold().split()) for w in ws)
    return out


@functools.cache
def _pattern() -> Any:
    cur = _alternation(_written("currencies"))
    scale = _alternation(_written("scales"))
    pct = _alternation(_written("percent"))
    number = r"\d{1,3}(?:[.,\u00a0\u202f\u2009]\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?"
    return regex.compile(
        rf"(?:(?<![\p{{L}}\p{{N}}])(?P<cb>{cur})[ \u00a0]?)?"
        rf"(?<![\p{{L}}\p{{N}}]|\p{{N}}[.,])(?P<num>{number})(?!\p{{N}}|[.,]\p{{N}})"
        rf"(?:[ \u00a0]?(?P<pct>{pct})|(?:[ \u00a0]?(?P<scale>{scale}))?(?:[ \u00a0]?(?P<ca>{cur}))?)",
        regex.IGNORECASE | regex.V0,
    )


def _number(s: str, lang: str) -> Decimal | None:
    """``s`` read with ``lang``'s separators, or ``None`` when it is not a number there."""
    language = get(lang)
    dec, thou = language.decimal, language.thousands
    for sp in _SPACES:
        s = s.replace(sp, thou)
    head, sep, frac = s.partition(dec)
    if sep and not frac.isdigit():
        return None
    if sep and frac == "000" and thou not in head:
        return None  # "48.000" in English is the Danish 48 thousand, not 48 with three zero decimals
    groups = head.split(thou)
    if len(groups) > 1 and (not 1 <= len(groups[0]) <= 3 or any(len(g) != 3 for g in groups[1:])):
        return None
    digits = "".join(groups)
    if not digits.isdigit():
        return None
    try:
        return Decimal(digits + ("." + frac if sep else ""))
    except InvalidOperation:  # pragma: no cover - digits only
        return None


def _read(mo: Any, lang: str, order: tuple[str, ...]) -> Amount | None:
    """The amount of a match of :func:`_pattern`, reading numbers in ``lang`` and words in
    ``order`` (the first language that knows a word decides its meaning)."""
    value = _number(mo.group("num"), lang)
    if value is None:
        return None
    data = _data()

    def lookup(word: str | None, table: str) -> Any:
        if not word:
            return None
        key = _key(word)
        for code in order:
            got = getattr(data[code], table).get(key)
            if got is not None:
                return got
        return None

    if mo.group("pct"):
        return Amount(value, None, True)
    scale = lookup(mo.group("scale"), "scales")
    if scale is not None:
        value *= scale
    cb, ca = lookup(mo.group("cb"), "currencies"), lookup(mo.group("ca"), "currencies")
    if cb and ca and cb != ca:
        return None
    return Amount(value, cb or ca, False)


def readings(term: str) -> frozenset[Amount]:
    """Every reading of a listed figure, one per language it is a valid amount in; empty when
    the term is not one amount (then it is matched as words).

    >>> sorted(str(a.value) for a in readings("1,234"))
    ['1.234', '1234']
    >>> readings("Q3 revenue")
    frozenset()
    """
    text = " ".join(term.split())
    out: set[Amount] = set()
    for lang in SUPPORTED:
        mo = _pattern().fullmatch(text)
        if mo is None:
            continue
        order = (lang, *(c for c in SUPPORTED if c != lang))
        got = _read(mo, lang, order)
        if got is not None:
            out.add(got)
    return frozenset(out)


def find_amounts(text: str, lang: str) -> list[Found]:
    """Every amount in ``text``, read in ``lang`` (a number invalid there: in the others)."""
    order = (lang, *(c for c in SUPPORTED if c != lang))
    out: list[Found] = []
    for mo in _pattern().finditer(text):
        amount = None
        for code in order:
            amount = _read(mo, code, order)
            if amount is not None:
                break
        if amount is not None:
            out.append(Found(mo.start(), mo.end(), mo.group(), amount))
    return out


def matches(figure: frozenset[Amount], found: Found) -> bool:
    """Whether an amount in a draft is one of a figure's readings: the same value, both or
    neither a percentage, and the same currency when both name one (a listed "412 mio. kr."
    is found in "412 mio."; "$48.2M" is not found in "48,2 mio. kr.")."""
    a = found.amount
    return any(
        f.value == a.value
        and f.percent == a.percent
        and (not f.currency or not a.currency or f.currency == a.currency)
        for f in figure
    )
