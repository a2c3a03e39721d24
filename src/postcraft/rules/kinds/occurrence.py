"""``occurrence``: too many (or too few) hashtags, mentions, links, emoji, exclamation marks, …"""

from __future__ import annotations

from collections.abc import Iterator
from typing import ClassVar

from ...yamlsrc import LineDict, line_of
from ..base import BuildEnv, Context, Hit, Rule, RuleInfo
from ..matching import MATCHER_KEYS, Matcher
from .existence import sub_spec

ITEMS = ("hashtags", "mentions", "links", "emails", "emoji", "numbers", "exclamations", "questions", "terms")
_KIND = {
    "hashtags": "hashtag",
    "mentions": "mention",
    "links": "url",
    "emails": "email",
    "emoji": "emoji",
    "numbers": "number",
}


class OccurrenceRule(Rule):
    """Counts items and flags the ones past ``max`` (or the post, when fewer than ``min``).

    Data: ``count`` (one of hashtags, mentions, links, emails, emoji, numbers, exclamations,
    questions, terms — with the matcher keys for ``terms``), ``max`` and/or ``min`` (a number,
    or the name of a setting such as ``max_hashtags``), ``consecutive: true`` to count the
    longest run of items standing together (only spaces and punctuation between them),
    ``outside_trailing_hashtags: true`` to count only before the closing block of hashtags,
    ``up_to`` (a number or setting) to stay silent above it, where a stricter rule takes over,
    and ``fires_above`` (a number or setting, at least ``max``) to stay silent up to it while the
    span and ``{max}`` still count from ``max`` (6–7 hashtags a suggestion, 8 or more a warning
    that marks the hashtags after the fifth).
    Placeholders: ``{count}``, ``{max}``, ``{min}``, ``{match}``.
    """

    kind = "occurrence"
    keys: ClassVar[tuple[str, ...]] = (
        "count",
        "max",
        "min",
        "consecutive",
        "outside_trailing_hashtags",
        "up_to",
        "fires_above",
    ) + MATCHER_KEYS
    placeholders = frozenset({"count", "max", "min", "match"})
    what: str
    max: float | None
    min: float | None
    up_to: float | None
    fires_above: float | None
    consecutive: bool
    outside_tags: bool
    matcher: Matcher | None

    @classmethod
    def build(cls, spec: LineDict, info: RuleInfo, env: BuildEnv) -> Rule:
        rule = cls(info)
        rule.what = env.choice(spec, "count", ITEMS)
        rule.max = env.number(spec, "max", settings_ok=True)
        rule.min = env.number(spec, "min", settings_ok=True)
        rule.up_to = env.number(spec, "up_to", settings_ok=True)
        rule.fires_above = env.number(spec, "fires_above", settings_ok=True)
        if rule.fires_above is not None and rule.max is None:
            raise env.error(
                f"rule {info.id!r} (occurrence): 'fires_above' needs 'max'", line_of(spec, "fires_above")
            )
        if rule.max is None and rule.min is None:
            raise env.error(f"rule {info.id!r} (occurrence) needs 'max' or 'min'", spec.line)
        for key in ("consecutive", "outside_trailing_hashtags"):
            if not isinstance(spec.get(key, False), bool):
                raise env.error(f"'{key}' of rule {info.id!r} must be true or false", line_of(spec, key))
        rule.consecutive = bool(spec.get("consecutive", False))
        rule.outside_tags = bool(spec.get("outside_trailing_hashtags", False))
        rule.matcher = None
        if rule.what == "terms":
            rule.matcher = env.matcher(sub_spec(spec, MATCHER_KEYS), what=f"rule {info.id!r}", line=spec.line)
        return rule

    def _items(self, ctx: Context) -> list[tuple[int, int]]:
        if self.what in _KIND:
            return [(t.start, t.end) for t in ctx.of_kind(_KIND[self.what])]
        if self.what in ("exclamations", "questions"):
            mark = "!" if self.what == "exclamations" else "?"
            out = []
            for t in ctx.of_kind("punct"):
                for k, ch in enumerate(t.text):
                    if ch == mark:
                        out.append((t.start + k, t.start + k + 1))
            return out
        assert self.matcher is not None
        return [(m.start, m.end) for m in ctx.matches(self.matcher)]

    def _quick_count(self, ctx: Context) -> int | None:
        """The count without building the items, when that is cheap (None: not cheap)."""
        if self.consecutive or self.outside_tags:
            return None
        if self.what in _KIND:
            return ctx.count(_KIND[self.what])
        if self.what in ("exclamations", "questions") and self.min is None:
            # counts marks inside links too: an upper bound, good enough to rule out "too many"
            return ctx.text.count("!" if self.what == "exclamations" else "?")
        return None

    def run(self, ctx: Context) -> Iterator[Hit]:
        quick = self._quick_count(ctx)
        top = self.max if self.fires_above is None or self.max is None else max(self.max, self.fires_above)
        if quick is not None and (top is None or quick <= top) and (self.min is None or quick >= self.min):
            return
        items = self._items(ctx)
        if self.outside_tags:
            limit = ctx.trailing_tags_start
            items = [it for it in items if it[0] < limit]
        if self.consecutive:
            items = self._longest_run(ctx, items)
        n = len(items)
        if self.up_to is not None and n > self.up_to:
            return
        if top is not None and self.max is not None and self.max < n <= top:
            return
        params = {"count": n, "max": _fmt(self.max), "min": _fmt(self.min)}
        if self.max is not None and n > self.max and self.max == 0:
            for start, end in items:
                yield Hit(start, end, {**params, "match": ctx.text[start:end]})
        elif self.max is not None and n > self.max:
            k = int(self.max)
            start, end = items[k][0], items[-1][1]
            yield Hit(start, end, {**params, "match": ctx.text[start:end]})
        elif self.min is not None and n < self.min:
            start, end = ctx.content
            yield Hit(start, end, {**params, "match": ""})

    @staticmethod
    def _longest_run(ctx: Context, items: list[tuple[int, int]]) -> list[tuple[int, int]]:
        best: list[tuple[int, int]] = []
        run: list[tuple[int, int]] = []
        text = ctx.text
        for it in items:
            if run:
                gap = text[run[-1][1] : it[0]]
                if any(ch.isalnum() for ch in gap):
                    run = []
            run.append(it)
            if len(run) > len(best):
                best = list(run)
        return best


def _fmt(x: float | None) -> float | str:
    """A limit or measure for a message: a number (the engine writes it in the reader's way)."""
    if x is None:
        return ""
    return int(x) if float(x).is_integer() else x
