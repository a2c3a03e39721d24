"""``tone``: the draft reads as corporate (uses the tone score when the caller passes one)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import ClassVar

from .base import BuildEnv, Context, Hit, Rule, RuleInfo
from .yamlsrc import LineDict, line_of


class ToneRule(Rule):
    """Flags the post when the tone label is one of ``labels`` (default ``[corporate]``) or its
    ``personal`` score is below ``min_personal``. Skipped when no tone score is given.
    The tone object needs ``.label`` (``personal``/``mixed``/``corporate``) and ``.personal`` (0–1).
    Placeholders: ``{label}``, ``{personal}`` (two decimals), ``{match}``.
    """

    kind = "tone"
    keys: ClassVar[tuple[str, ...]] = ("labels", "min_personal")
    placeholders = frozenset({"label", "personal", "match"})
    labels: frozenset[str]
    min_personal: float | None

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
        rule.min_personal = env.number(spec, "min_personal")
        return rule

    def run(self, ctx: Context) -> Iterator[Hit]:
        tone = ctx.tone
        if tone is None:
            return
        label = str(getattr(tone, "label", ""))
        personal = float(getattr(tone, "personal", 1.0))
        if label in self.labels or (self.min_personal is not None and personal < self.min_personal):
            start, end = ctx.content
            yield Hit(start, end, {"label": label, "personal": f"{personal:.2f}", "match": ""})
