"""``proximity``: two things that must not stand close together (a figure near "forecast")."""

from __future__ import annotations

from collections.abc import Iterator
from typing import ClassVar

from ...yamlsrc import LineDict, line_of
from ..base import BuildEnv, Context, Hit, Rule, RuleInfo
from ..matching import Matcher


class ProximityRule(Rule):
    """Flags a match of ``a`` that has a match of ``b`` in the same ``sentence`` (default),
    the same ``paragraph``, or within a number of characters. The span covers both.
    ``unless`` (optional): a matcher that, found in the same window, cancels the hit (e.g.
    "than expected", "over budget": a past result compared with a plan, not a forecast).
    ``also`` (optional): a matcher, or a list of matchers, each of which must be found in the
    same window too (a forecast figure counts when the sentence is about "our" revenue or
    growth, not the economy's or an industry's).
    Placeholders: ``{match}`` (the whole span), ``{a}``, ``{b}``.
    """

    kind = "proximity"
    keys: ClassVar[tuple[str, ...]] = ("a", "b", "within", "unless", "also")
    placeholders = frozenset({"match", "a", "b"})
    first: Matcher
    second: Matcher
    within: str | int
    unless: Matcher | None
    also: tuple[Matcher, ...]

    @classmethod
    def build(cls, spec: LineDict, info: RuleInfo, env: BuildEnv) -> Rule:
        rule = cls(info)
        rule.first = env.matcher(
            env.require(spec, "a"), what=f"'a' of rule {info.id!r}", line=line_of(spec, "a")
        )
        rule.second = env.matcher(
            env.require(spec, "b"), what=f"'b' of rule {info.id!r}", line=line_of(spec, "b")
        )
        within = spec.get("within", "sentence")
        if not (within in ("sentence", "paragraph") or (isinstance(within, int) and within > 0)):
            raise env.error(
                f"'within' of rule {info.id!r} must be sentence, paragraph or a number of characters",
                line_of(spec, "within"),
            )
        rule.within = within
        rule.unless = None
        if "unless" in spec:
            rule.unless = env.matcher(
                spec["unless"], what=f"'unless' of rule {info.id!r}", line=line_of(spec, "unless")
            )
        also = spec.get("also", [])
        # one matcher (a mapping, or a list of terms) or a list of matchers (mappings)
        specs = also if isinstance(also, list) and all(isinstance(x, dict) for x in also) and also else [also]
        rule.also = tuple(
            env.matcher(x, what=f"'also' of rule {info.id!r}", line=line_of(spec, "also")) for x in specs if x
        )
        return rule

    def run(self, ctx: Context) -> Iterator[Hit]:
        aa = ctx.matches(self.first)
        if not aa:
            return
        bb = ctx.matches(self.second)
        if not bb:
            return
        text = ctx.text
        cancel = ctx.matches(self.unless) if self.unless is not None else []
        needed = [ctx.matches(m) for m in self.also]
        if any(not got for got in needed):
            return
        used_until = -1
        for a in aa:
            if a.start < used_until:
                continue
            lo, hi = self._window(ctx, a.start, a.end)
            if any(lo <= c.start < hi for c in cancel):
                continue
            if not all(any(lo <= x.start < hi for x in got) for got in needed):
                continue
            for b in bb:
                if b.start >= lo and b.end <= hi and (b.start, b.end) != (a.start, a.end):
                    start, end = min(a.start, b.start), max(a.end, b.end)
                    yield Hit(
                        start,
                        end,
                        {"match": text[start:end], "a": text[a.start : a.end], "b": text[b.start : b.end]},
                    )
                    used_until = hi
                    break

    def _window(self, ctx: Context, start: int, end: int) -> tuple[int, int]:
        w = self.within
        if isinstance(w, int):
            return start - w, end + w
        spans = ctx.analysis.sentences if w == "sentence" else ctx.analysis.paragraphs
        for sp in spans:
            if sp.start <= start < sp.end:
                return sp.start, sp.end
        return start, end
