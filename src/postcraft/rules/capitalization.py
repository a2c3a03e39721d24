"""``capitalization``: SHOUTING in capitals, and hashtags that are not in CamelCase."""

from __future__ import annotations

from collections.abc import Iterator
from typing import ClassVar

from .base import BuildEnv, Context, Hit, Rule, RuleInfo
from .yamlsrc import LineDict


class CapitalizationRule(Rule):
    """Two checks, chosen with ``style``:

    - ``camelcase`` (hashtags): an all-lower-case hashtag made of several known words gets
      the CamelCase spelling as a safe fix (``#employeeadvocacy`` → ``#EmployeeAdvocacy``);
      screen readers read it word by word, and LinkedIn hashtags ignore case, so nothing breaks.
      Hashtags that are one word, or whose split is unknown or ambiguous, are left alone.
    - ``shouting`` (words): ``min_run`` or more words in capitals in a row, at least one of them
      ``min_letters`` letters long (acronyms such as "CEO" or "NHS" alone are fine).

    Placeholders: ``{match}``, ``{replacement}``.
    """

    kind = "capitalization"
    keys: ClassVar[tuple[str, ...]] = ("style", "min_run", "min_letters")
    placeholders = frozenset({"match", "replacement"})
    style: str
    min_run: int
    min_letters: int

    @classmethod
    def build(cls, spec: LineDict, info: RuleInfo, env: BuildEnv) -> Rule:
        rule = cls(info)
        rule.style = env.choice(spec, "style", ("camelcase", "shouting"))
        rule.min_run = int(env.number(spec, "min_run", default=3) or 3)
        rule.min_letters = int(env.number(spec, "min_letters", default=4) or 4)
        return rule

    def run(self, ctx: Context) -> Iterator[Hit]:
        if self.style == "camelcase":
            yield from self._camel(ctx)
        else:
            yield from self._shouting(ctx)

    def _camel(self, ctx: Context) -> Iterator[Hit]:
        from .vocab import segment

        for t in ctx.of_kind("hashtag"):
            body = t.text[1:]
            if not body.islower() or len(body) < 6 or "_" in body:
                continue
            parts = segment(body)
            if parts is None:
                continue
            camel = "#" + "".join(p[:1].upper() + p[1:] for p in parts)
            yield Hit(t.start, t.end, {"match": t.text, "replacement": camel}, (camel,), safe=True)

    def _shouting(self, ctx: Context) -> Iterator[Hit]:
        text = ctx.text
        run: list[tuple[int, int]] = []
        longest = 0

        def flush() -> Iterator[Hit]:
            if len(run) >= self.min_run and longest >= self.min_letters:
                start, end = run[0][0], run[-1][1]
                original = text[start:end]
                fixed = original.lower()
                if _sentence_start(text, start):
                    fixed = fixed[:1].upper() + fixed[1:]
                yield Hit(start, end, {"match": original, "replacement": fixed}, (fixed,))

        for t in ctx.tokens:
            if t.kind == "word":
                letters = sum(1 for ch in t.text if ch.isalpha())
                if t.text.isupper() and letters >= 1:
                    if run and "\n" in text[run[-1][1] : t.start]:
                        yield from flush()
                        run, longest = [], 0
                    if letters >= 2 or run:
                        run.append((t.start, t.end))
                        longest = max(longest, letters)
                    continue
                yield from flush()
                run, longest = [], 0
            elif t.kind in ("punct", "emoji", "symbol", "number") and t.text not in ".!?…":
                continue
            else:
                yield from flush()
                run, longest = [], 0
        yield from flush()


def _sentence_start(text: str, offset: int) -> bool:
    before = text[:offset].rstrip(" \t\"'“”‘’(")
    return not before or before[-1] in ".!?…\n:"
