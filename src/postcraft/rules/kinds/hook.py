"""``hook``: the opening must work on its own before LinkedIn's "…see more"."""

from __future__ import annotations

from collections.abc import Iterator
from typing import ClassVar

from ...yamlsrc import LineDict
from ..base import BuildEnv, Context, Hit, Rule, RuleInfo


class HookRule(Rule):
    """Flags a post that is cut by the fold (``mobile`` by default, or ``desktop``) when no
    complete sentence is visible before the cut, or when only hashtags, mentions, links or
    emoji stand there. A post that is fully visible never triggers.
    Placeholders: ``{match}`` (the visible part), ``{fold}`` (its length).
    """

    kind = "hook"
    keys: ClassVar[tuple[str, ...]] = ("fold",)
    placeholders = frozenset({"match", "fold"})
    fold: str

    @classmethod
    def build(cls, spec: LineDict, info: RuleInfo, env: BuildEnv) -> Rule:
        rule = cls(info)
        rule.fold = env.choice(spec, "fold", ("mobile", "desktop"), "mobile")
        return rule

    def run(self, ctx: Context) -> Iterator[Hit]:
        a = ctx.analysis
        cut = a.fold.mobile if self.fold == "mobile" else a.fold.desktop
        start, end = ctx.content
        if cut >= end or not a.sentences:
            return
        words_before = any(t.kind == "word" and t.end <= cut for t in ctx.tokens[:60])
        first = a.sentences[0]
        if words_before and first.end <= cut:
            return
        visible = ctx.text[start:cut]
        yield Hit(start, max(cut, start + 1), {"match": visible, "fold": cut - start})
