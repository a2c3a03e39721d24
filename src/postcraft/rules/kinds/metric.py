"""``metric``: lengths and readability — the post, each sentence, paragraph or line."""

from __future__ import annotations

from collections.abc import Iterator
from typing import ClassVar

from ...analysis.readability import lix_band
from ..base import BuildEnv, Context, Hit, Rule, RuleInfo
from .occurrence import _fmt

DOCUMENT = ("linkedin_length", "characters", "words", "sentences", "paragraphs", "lix", "flesch")
UNITS = ("sentence_words", "paragraph_characters", "line_characters")


class MetricRule(Rule):
    """Compares a measure with ``max`` (flag when above) and/or ``min`` (flag when below).

    ``metric`` is one of: ``linkedin_length`` (UTF-16 units, as LinkedIn counts), ``characters``,
    ``words``, ``sentences``, ``paragraphs``, ``lix``, ``flesch`` (English only) for the whole post,
    or ``sentence_words``, ``paragraph_characters``, ``line_characters`` for each unit.
    ``min_words`` skips posts shorter than that (LIX and Flesch mean little on a few words).
    ``until`` stops a ``max`` rule above that value, so bands can be separate rules
    (LIX 45–54.9 "hard" as a suggestion, ≥ 55 "very hard" as a warning).
    Placeholders: ``{value}``, ``{max}``, ``{min}``, ``{over}``, ``{band}``, ``{match}``.
    """

    kind = "metric"
    keys: ClassVar[tuple[str, ...]] = ("metric", "max", "min", "min_words", "until")
    placeholders = frozenset({"value", "max", "min", "over", "band", "match"})
    metric: str
    max: float | None
    min: float | None
    min_words: float
    until: float | None

    @classmethod
    def build(cls, spec: object, info: RuleInfo, env: BuildEnv) -> Rule:
        from ...yamlsrc import LineDict

        assert isinstance(spec, LineDict)
        rule = cls(info)
        rule.metric = env.choice(spec, "metric", DOCUMENT + UNITS)
        rule.max = env.number(spec, "max", settings_ok=True)
        rule.min = env.number(spec, "min", settings_ok=True)
        rule.min_words = env.number(spec, "min_words", default=0) or 0.0
        rule.until = env.number(spec, "until")
        if rule.max is None and rule.min is None:
            raise env.error(f"rule {info.id!r} (metric) needs 'max' or 'min'", spec.line)
        return rule

    def _breaks(self, value: float) -> bool:
        if self.until is not None and value > self.until:
            return False
        return (self.max is not None and value > self.max) or (self.min is not None and value < self.min)

    def _params(self, value: float, match: str) -> dict[str, object]:
        over = value - self.max if self.max is not None and value > self.max else 0
        return {
            "value": _fmt(round(value, 1)),
            "max": _fmt(self.max),
            "min": _fmt(self.min),
            "over": _fmt(round(over, 1)),
            "band": lix_band(value),
            "match": match,
        }

    def run(self, ctx: Context) -> Iterator[Hit]:
        a = ctx.analysis
        text = ctx.text
        metric = self.metric
        if self.min_words and ctx.count("word") < self.min_words:
            return
        if metric in UNITS:
            yield from self._units(ctx)
            return
        value: float
        if (
            metric in ("linkedin_length", "characters")
            and self.min is None
            and self.max is not None
            and 2 * len(text) <= self.max
        ):
            return  # a code point is at most two UTF-16 units: the limit cannot be reached
        if metric == "linkedin_length":
            value = a.linkedin_length
        elif metric == "characters":
            value = ctx.content[1] - ctx.content[0]
        elif metric == "words":
            value = ctx.count("word")
        elif metric == "sentences":
            value = len(a.sentences)
        elif metric == "paragraphs":
            value = len(a.paragraphs)
        elif metric == "lix":
            value = a.lix
        else:
            fl = a.flesch
            if fl is None:
                return
            value = fl
        if not self._breaks(value):
            return
        start, end = ctx.content
        if metric in ("linkedin_length", "characters") and self.max is not None:
            start = _offset_after(text, start, end, int(self.max), metric == "linkedin_length")
        yield Hit(start, end, self._params(value, text[start:end]))

    def _units(self, ctx: Context) -> Iterator[Hit]:
        a = ctx.analysis
        text = ctx.text
        # A plain "more than max" rule: only the units above max can break it, so the others
        # are passed over without a call each (min/until rules test each unit).
        limit = self.max if self.min is None and self.until is None else None
        if self.metric == "sentence_words":
            counts = ctx.sentence_words
            if limit is not None and (not counts or max(counts) <= limit):
                return
            for s, n in zip(a.sentences, counts, strict=True):
                if self._breaks(n):
                    yield Hit(s.start, s.end, self._params(n, text[s.start : s.end]))
            return
        units = a.paragraphs if self.metric == "paragraph_characters" else a.lines
        spans = units if limit is None else [sp for sp in units if sp.end - sp.start > limit]
        for sp in spans:
            n = sp.end - sp.start
            if n and self._breaks(n) and _is_prose(text, sp.start, sp.end):
                yield Hit(sp.start, sp.end, self._params(n, text[sp.start : sp.end]))


def _is_prose(text: str, start: int, end: int) -> bool:
    """A line or paragraph that is mostly letters: a Markdown table's separator row
    (``|:----|:----|``), a rule of dashes or a row of symbols is not a paragraph to split up."""
    chunk = text[start:end]
    visible = len(chunk) - sum(1 for ch in chunk if ch.isspace())
    return 4 * sum(1 for ch in chunk if ch.isalpha()) >= visible


def _offset_after(text: str, start: int, end: int, limit: int, utf16: bool) -> int:
    """The code-point offset where the text from ``start`` passes ``limit`` characters."""
    count = 0
    i = start
    while i < end:
        ch = text[i]
        if ch == "\r" and i + 1 < end and text[i + 1] == "\n":
            i += 1
        count += 2 if utf16 and ord(ch) > 0xFFFF else 1
        if count > limit:
            return i
        i += 1
    return start
