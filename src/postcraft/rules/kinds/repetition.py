"""``repetition``: the same word twice in a row ("the the", "og og")."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import islice
from operator import eq
from typing import ClassVar

from ...yamlsrc import LineDict, check_keys, line_of
from ..base import BuildEnv, Context, Hit, Rule, RuleInfo
from ..matching import LANGS


class RepetitionRule(Rule):
    """Flags a word repeated with only spaces between (not across a line break). The fix
    removes the second copy. Three or more in a row ("Sky Sky Sky", "very very very") are
    intentional and not flagged. ``exceptions`` lists words where doubling is correct
    ("that that", "had had"), as a list or per language ``{da: […], en: […]}``.
    Placeholders: ``{match}`` (the doubled word), ``{replacement}``.
    """

    kind = "repetition"
    keys: ClassVar[tuple[str, ...]] = ("exceptions",)
    placeholders = frozenset({"match", "replacement"})
    exceptions: dict[str, frozenset[str]]

    @classmethod
    def build(cls, spec: LineDict, info: RuleInfo, env: BuildEnv) -> Rule:
        rule = cls(info)
        exc = spec.get("exceptions", [])
        if isinstance(exc, list):
            exc = {lang: exc for lang in LANGS}
        if not isinstance(exc, dict):
            raise env.error(
                f"'exceptions' of rule {info.id!r} must be a list of words", line_of(spec, "exceptions")
            )
        check_keys(exc, LANGS, what=f"'exceptions' of rule {info.id!r}", path=env.path)
        rule.exceptions = {}
        for lang, words in exc.items():
            if not isinstance(words, list) or not all(isinstance(w, str) for w in words):
                raise env.error(
                    f"'exceptions' of rule {info.id!r} must be a list of words", line_of(exc, lang)
                )
            rule.exceptions[lang] = frozenset(w.lower() for w in words)
        rule.exceptions["*"] = frozenset().union(*rule.exceptions.values())
        return rule

    def run(self, ctx: Context) -> Iterator[Hit]:
        text = ctx.text
        toks = ctx.tokens
        skip = self.exceptions.get(ctx.lang, frozenset()) | self.exceptions.get("*", frozenset())
        lowers = ctx.column(4)
        if not any(map(eq, lowers, islice(lowers, 1, None))):  # in C: usually nothing is doubled
            return

        def doubled(i: int) -> bool:
            """Tokens i and i + 1 are the same word with only spaces between."""
            if i < 0 or i + 1 >= len(toks) or lowers[i] != lowers[i + 1]:
                return False
            a, b = toks[i], toks[i + 1]
            if a[3] != "word" or b[3] != "word":
                return False
            gap = text[a[2] : b[1]]
            return bool(gap) and not gap.strip() and "\n" not in gap and "\r" not in gap

        same = [i for i, (x, y) in enumerate(zip(lowers, lowers[1:], strict=False)) if x == y]
        for i in same:
            a, b = toks[i], toks[i + 1]
            # (text, start, end, kind, lower, lemma)
            if b[4] in skip or not doubled(i):
                continue
            if doubled(i - 1) or doubled(i + 1):  # three or more in a row: said on purpose
                continue
            if a[0] != b[0]:
                # "Hvordan kommer I i gang?": the pronoun I and the preposition i are two words
                if len(a[0]) == 1 and a[0].isupper():
                    continue
                # "The the": probably doubled, but the case differs, so ask before deleting
                yield Hit(a[2], b[2], {"match": b[0], "replacement": ""}, ("",), applicability="unsafe")
                continue
            yield Hit(a[2], b[2], {"match": b[0], "replacement": ""}, ("",), applicability="safe")
