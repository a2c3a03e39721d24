"""``tone``: the draft reads as corporate (uses the tone score when the caller passes one)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import ClassVar

from ...yamlsrc import LineDict, line_of
from ..base import BuildEnv, Context, Hit, Rule, RuleInfo


class ToneRule(Rule):
    """Flags the post when the tone label is one of ``labels`` (default ``[corporate]``) and the
    ``personal`` score is below ``personal_below`` and at least ``personal_from`` (both optional),
    so clear cases can be warnings and borderline ones suggestions. Skipped when no tone score
    is given, and when the score's ``confidence`` is ``"low"`` (a text too short to judge). The tone object needs ``.label`` (``personal``/``mixed``/``corporate``) and
    ``.personal`` (0–1). Placeholders: ``{label}``, ``{personal}`` (two decimals), ``{match}``.
    """

    kind = "tone"
    keys: ClassVar[tuple[str, ...]] = ("labels", "personal_below", "personal_from")
    placeholders = frozenset({"label", "personal", "match"})
    labels: frozenset[str]
    below: float | None
    from_: float | None

    @classmethod
    def build(cls, spec: LineDict, info: RuleInfo, env: BuildEnv) -> Rule:
        rule = cls(info)
        labels = spec.get("labels", ["corporate"])
        if not isinstance(labels, list) or any(x not in ("personal", "mixed", "corporate") for x in labels):
            raise env.error(
                f"'labels' of rule {info.id!r} must list some of personal, mixed, corporate",
                line_of(spec, "labels"),
            )
        rule.labels = frozenset(labels)
        rule.below = env.number(spec, "personal_below")
        rule.from_ = env.number(spec, "personal_from")
        return rule

    def run(self, ctx: Context) -> Iterator[Hit]:
        tone = ctx.tone
        if tone is None:
            return
        if getattr(tone, "confidence", "normal") == "low":
            return  # too short or bare to judge the voice
        label = str(getattr(tone, "label", ""))
        personal = float(getattr(tone, "personal", 1.0))
        if label not in self.labels:
            return
        if (self.below is not None and personal >= self.below) or (
            self.from_ is not None and personal < self.from_
        ):
            return
        start, end = ctx.content
        yield Hit(start, end, {"label": label, "personal": round(personal, 2), "match": ""})
