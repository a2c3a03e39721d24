"""``conditional``: if the draft has A, it must also have B (optionally near A)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import ClassVar

from ...yamlsrc import LineDict, line_of
from ..base import BuildEnv, Context, Hit, Rule, RuleInfo
from ..matching import Match, Matcher


class ConditionalRule(Rule):
    """Flags each match of ``if`` that has no match of ``require`` close enough.

    Data: ``if`` and ``require`` (each a term list or a matcher mapping), ``within`` (``text``,
    ``paragraph``, ``sentence`` or a number of characters; default ``text``), ``opening_counts``
    (a required match in the opening — before the mobile "…see more" fold — counts for the whole
    post; default true), ``outside_trailing_hashtags`` (required matches in the closing block of
    hashtags do not count; default true), ``report`` (``first`` or ``all``).
    Placeholder: ``{match}``.
    """

    kind = "conditional"
    keys: ClassVar[tuple[str, ...]] = (
        "if",
        "require",
        "within",
        "opening_counts",
        "outside_trailing_hashtags",
        "report",
    )
    trigger: Matcher
    required: Matcher
    within: str | int
    opening_counts: bool
    outside_tags: bool
    report_all: bool

    @classmethod
    def build(cls, spec: LineDict, info: RuleInfo, env: BuildEnv) -> Rule:
        rule = cls(info)
        rule.trigger = env.matcher(
            env.require(spec, "if"), what=f"'if' of rule {info.id!r}", line=line_of(spec, "if")
        )
        rule.required = env.matcher(
            env.require(spec, "require"), what=f"'require' of rule {info.id!r}", line=line_of(spec, "require")
        )
        within = spec.get("within", "text")
        if not (within in ("text", "paragraph", "sentence") or (isinstance(within, int) and within > 0)):
            raise env.error(
                f"'within' of rule {info.id!r} must be text, paragraph, sentence or a number of "
                f"characters, not {within!r}",
                line_of(spec, "within"),
            )
        rule.within = within
        for key in ("opening_counts", "outside_trailing_hashtags"):
            if not isinstance(spec.get(key, True), bool):
                raise env.error(f"'{key}' of rule {info.id!r} must be true or false", line_of(spec, key))
        rule.opening_counts = bool(spec.get("opening_counts", True))
        rule.outside_tags = bool(spec.get("outside_trailing_hashtags", True))
        rule.report_all = env.choice(spec, "report", ("first", "all"), "first") == "all"
        return rule

    def run(self, ctx: Context) -> Iterator[Hit]:
        triggers = ctx.matches(self.trigger)
        if not triggers:
            return
        required = ctx.matches(self.required)
        if self.outside_tags:
            limit = ctx.trailing_tags_start
            required = [r for r in required if r.start < limit]
        if required and self.opening_counts:
            fold = ctx.analysis.fold.mobile
            if any(r.start < fold for r in required):
                return
        for t in triggers:
            if not any(self._near(ctx, t, r) for r in required):
                yield Hit(t.start, t.end, {"match": ctx.text[t.start : t.end]})
                if not self.report_all:
                    return

    def _near(self, ctx: Context, t: Match, r: Match) -> bool:
        w = self.within
        if w == "text":
            return True
        if isinstance(w, int):
            return r.start - w <= t.end and t.start - w <= r.end
        spans = ctx.analysis.sentences if w == "sentence" else ctx.analysis.paragraphs
        for sp in spans:
            if sp.start <= t.start < sp.end:
                return sp.start <= r.start < sp.end
        return False
