"""``existence``: words, phrases or patterns that should not appear (matched on lemmas)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import ClassVar

from ...yamlsrc import LineDict
from ..base import BuildEnv, Context, Hit, Rule, RuleInfo
from ..matching import MATCHER_KEYS, Matcher


def sub_spec(spec: LineDict, keys: tuple[str, ...]) -> LineDict:
    """The part of ``spec`` with ``keys``, keeping line numbers."""
    out = LineDict({k: v for k, v in spec.items() if k in keys})
    out.line = spec.line
    out.key_lines = {k: v for k, v in getattr(spec, "key_lines", {}).items() if k in keys}
    return out


class ExistenceRule(Rule):
    """Flags every match of its terms.

    Data: ``terms`` (list, or ``{da: […], en: […]}``), ``terms_from`` (list names such as
    ``products`` or your own ``lists:``), ``patterns`` (regular expressions), ``numbers``,
    ``figures_from`` (list names whose items are amounts, matched by value however written:
    "$48.2M" as "$48.2 million" or "48.2M USD", "412 mio. kr." as "412 millioner kroner"),
    and the options ``lemma`` (default true), ``ignorecase`` (true), ``whole_word`` (true).
    ``outside_trailing_hashtags: true`` ignores matches in the closing block of hashtags.
    ``unless_credit: {da: [tak, …], en: [thank, …]}`` ignores a match whose sentence tags a
    specific person (an @-mention) and gives a reason (one of the words, matched on lemmas):
    naming a colleague to thank or credit them is not a call for tags.
    ``unless_colleague: true`` ignores a match whose sentence names a colleague who agreed to be
    tagged (``consent: true`` in the roster the review was given, full name or alias): the
    writer is tagging that colleague, not asking readers for tags.
    Message placeholder: ``{match}``.
    """

    kind = "existence"
    keys: ClassVar[tuple[str, ...]] = MATCHER_KEYS + (
        "outside_trailing_hashtags",
        "unless_credit",
        "unless_colleague",
    )
    matcher: Matcher
    outside_tags: bool
    credit: dict[str, frozenset[str]]
    colleague: bool

    @classmethod
    def build(cls, spec: LineDict, info: RuleInfo, env: BuildEnv) -> Rule:
        rule = cls(info)
        if not any(k in spec for k in ("terms", "terms_from", "figures_from", "patterns", "numbers")):
            raise env.error(
                f"rule {info.id!r} (existence) needs 'terms', 'terms_from', 'figures_from', 'patterns' or 'numbers'",
                spec.line,
            )
        rule.matcher = env.matcher(sub_spec(spec, MATCHER_KEYS), what=f"rule {info.id!r}", line=spec.line)
        flag = spec.get("outside_trailing_hashtags", False)
        if not isinstance(flag, bool):
            raise env.error(
                f"'outside_trailing_hashtags' of rule {info.id!r} must be true or false",
                spec.line_of("outside_trailing_hashtags"),
            )
        rule.outside_tags = flag
        colleague = spec.get("unless_colleague", False)
        if not isinstance(colleague, bool):
            raise env.error(
                f"'unless_colleague' of rule {info.id!r} must be true or false",
                spec.line_of("unless_colleague"),
            )
        rule.colleague = colleague
        credit = spec.get("unless_credit", {})
        if not isinstance(credit, dict) or not all(isinstance(v, list) for v in credit.values()):
            raise env.error(
                f"'unless_credit' of rule {info.id!r} must map languages to lists of words",
                spec.line_of("unless_credit"),
            )
        from ...analysis.lemmas import lemma

        rule.credit = {
            str(lang): frozenset(lemma(str(w).lower(), str(lang)) for w in words)
            | {str(w).lower() for w in words}
            for lang, words in credit.items()
        }
        return rule

    def _credits(self, ctx: Context, start: int) -> bool:
        words = self.credit.get(ctx.lang)
        sentence = ctx.analysis.sentence_of(start) if words else None
        if sentence is None or words is None:
            return False
        toks = ctx.tokens[sentence.first : sentence.last]
        return any(t.kind == "mention" for t in toks) and any(
            t.kind == "word" and (t.lemma in words or t.lower in words) for t in toks
        )

    def _names_colleague(self, ctx: Context, start: int) -> bool:
        sentence = ctx.analysis.sentence_of(start) if ctx.colleagues else None
        if sentence is None:
            return False
        chunk = " ".join(ctx.text[sentence.start : sentence.end].split()).casefold()
        return any(re.search(rf"(?<!\w){re.escape(name)}(?!\w)", chunk) for name in ctx.colleagues)

    def run(self, ctx: Context) -> Iterator[Hit]:
        limit = ctx.trailing_tags_start if self.outside_tags else len(ctx.text)
        for m in ctx.matches(self.matcher):
            if m.start >= limit or (self.credit and self._credits(ctx, m.start)):
                continue
            if self.colleague and self._names_colleague(ctx, m.start):
                continue
            yield Hit(m.start, m.end, {"match": ctx.text[m.start : m.end]})
