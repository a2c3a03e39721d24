"""``substitution``: say Y instead of X, with replacements that keep the writer's casing."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, ClassVar

import regex

from ...yamlsrc import LineDict, check_keys, line_of
from ..base import BuildEnv, Context, Hit, Rule, RuleInfo
from ..matching import LANGS, Matcher
from .existence import sub_spec

_OPTS = ("lemma", "ignorecase", "whole_word")


def match_case(original: str, replacement: str) -> str:
    """Give ``replacement`` the casing of ``original`` (UPPER, Capitalised or as written).

    >>> match_case("Synergi", "samarbejde"), match_case("ASAP", "as soon as possible")
    ('Samarbejde', 'AS SOON AS POSSIBLE')
    """
    letters = [ch for ch in original if ch.isalpha()]
    if len(letters) > 1 and all(ch.isupper() for ch in letters):
        return replacement.upper()
    if letters and original[:1].isupper() and replacement[:1].islower():
        return replacement[:1].upper() + replacement[1:]
    return replacement


class SubstitutionRule(Rule):
    """Flags each term and proposes its replacement(s).

    Data: ``swap: {term: replacement}`` (a replacement may be a list, best first), or per
    language ``swap: {da: {…}, en: {…}}``; options ``lemma``, ``ignorecase``, ``whole_word``.
    The fix is safe only where the draft has the term exactly (any case); for an inflected
    form ("synergierne" for "synergi") it is unsafe (offered, applied only on request).
    A replacement that contains its own term (``swap: {team: team team}``) is refused at
    load: the fixed text would be flagged again and each fix would grow it.
    Placeholders: ``{match}``, ``{replacement}``.
    """

    kind = "substitution"
    keys: ClassVar[tuple[str, ...]] = ("swap",) + _OPTS
    placeholders = frozenset({"match", "replacement"})
    matcher: Matcher
    swaps: dict[tuple[str, str], tuple[str, ...]]

    @classmethod
    def build(cls, spec: LineDict, info: RuleInfo, env: BuildEnv) -> Rule:
        rule = cls(info)
        swap = env.require(spec, "swap")
        line = line_of(spec, "swap")
        if not isinstance(swap, dict) or not swap:
            raise env.error(
                f"'swap' of rule {info.id!r} must map terms to replacements, e.g. "
                "swap: {synergi: samarbejde}",
                line,
            )
        per_lang: dict[str, dict[str, Any]] = {}
        if set(swap) <= set(LANGS) and all(isinstance(v, dict) for v in swap.values()):
            check_keys(swap, LANGS, what=f"'swap' of rule {info.id!r}", path=env.path)
            per_lang = {lang: swap[lang] for lang in LANGS if lang in swap}
        else:
            per_lang = {lang: swap for lang in LANGS}
        rule.swaps = {}
        whole = spec.get("whole_word", True) is not False
        terms: dict[str, list[str]] = {}
        for lang, table in per_lang.items():
            for term, rep in table.items():
                reps = [rep] if isinstance(rep, str) else rep
                if not isinstance(reps, list) or not reps or not all(isinstance(r, str) for r in reps):
                    raise env.error(
                        f"the replacement for {term!r} in rule {info.id!r} must be text or a list of texts",
                        line_of(table, term),
                    )
                for expanded in env.matchers.expand(str(term), line_of(table, term)):
                    for r in reps:
                        if _contains(r, expanded, whole):
                            raise env.error(
                                f"the replacement {r!r} for {expanded!r} in rule {info.id!r} contains "
                                "the term itself, so the fixed text would be flagged again (and each "
                                "fix would add another copy); use a replacement without the term, or "
                                "an 'existence' rule with a help text",
                                line_of(table, term),
                            )
                    rule.swaps[(lang, expanded.lower())] = tuple(reps)
                    terms.setdefault(lang, []).append(expanded)
        mspec = sub_spec(spec, _OPTS)
        mspec["terms"] = terms
        rule.matcher = env.matcher(mspec, what=f"rule {info.id!r}", line=spec.line)
        return rule

    def run(self, ctx: Context) -> Iterator[Hit]:
        for m in ctx.matches(self.matcher):
            original = ctx.text[m.start : m.end]
            # with whole_word: false the match comes from one pattern over every term: look the
            # replacement up by the text it matched
            reps = self.swaps.get((ctx.lang, m.term.lower())) or self.swaps.get(
                (ctx.lang, original.lower()), ()
            )
            cased = tuple(match_case(original, r) for r in reps)
            yield Hit(
                m.start,
                m.end,
                {"match": original, "replacement": cased[0] if cased else ""},
                cased,
                applicability="safe" if m.exact else "unsafe",
            )


def _contains(replacement: str, term: str, whole: bool) -> bool:
    """Whether ``replacement`` contains ``term`` (any case; as a whole word when ``whole``).

    >>> _contains("team team", "team", True), _contains("teamwork", "team", True)
    (True, False)
    """
    if not term.strip():
        return False
    esc = regex.escape(term)
    pattern = rf"(?<!\w){esc}(?!\w)" if whole else esc
    return regex.search(pattern, replacement, regex.IGNORECASE) is not None
