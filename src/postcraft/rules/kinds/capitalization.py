"""``capitalization``: SHOUTING in capitals, and hashtags that are not in CamelCase."""

from __future__ import annotations

from collections.abc import Iterator
from typing import ClassVar

from ..._regex import LazyPattern
from ...yamlsrc import LineDict
from ..base import BuildEnv, Context, Hit, Rule, RuleInfo


class CapitalizationRule(Rule):
    """Two checks, chosen with ``style``:

    - ``camelcase`` (hashtags): an all-lower-case hashtag made of several words gets the
      CamelCase spelling (``#employeeadvocacy`` → ``#EmployeeAdvocacy``), split by
      :func:`postcraft.rules.vocab.split_words` (Danish compounds are one word: ``#skolebyggeri``
      is left alone); the fix is safe only when the split is confident, else ``unsafe``;
      screen readers read it word by word, and LinkedIn hashtags ignore case, so nothing breaks.
      Capitals in quotation marks (a sign, a banner: "DO NOT TOUCH") are quotes, not shouting.
      Hashtags that are one word, or whose split is unknown or ambiguous, are left alone.
    - ``shouting`` (words): ``min_run`` or more words in capitals in a row, at least one of them
      ``min_letters`` letters long, most of them ordinary words (acronyms such as "CEO" or "NHS",
      and runs of them or of organisation names, "NASA JPL ESA", are fine).

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
        from ..vocab import split_words

        for t in ctx.of_kind("hashtag"):
            body = t.text[1:]
            if not body.islower() or len(body) < 6 or "_" in body:
                continue
            split = split_words(body)
            if split is None:
                continue
            camel = "#" + split.camel()
            yield Hit(
                t.start,
                t.end,
                {"match": t.text, "replacement": camel},
                (camel,),
                applicability="safe" if split.confident else "unsafe",
            )

    def _shouting(self, ctx: Context) -> Iterator[Hit]:
        text = ctx.text
        for m in _CAPS_RUN.finditer(text):
            words = _CAPS_WORD.findall(m.group())
            letters = [sum(1 for ch in w if ch.isalpha()) for w in words]
            if sum(1 for n in letters if n >= 2) < self.min_run or max(letters) < self.min_letters:
                continue
            if not _ordinary_words(words):
                continue  # acronyms and names ("NASA JPL ESA", "FIDA KENYA FEMNET"), not shouting
            start, end = m.span()
            if _quoted(text, start, end):
                continue
            original = m.group()
            fixed = original.lower()
            if _sentence_start(text, start):
                fixed = fixed[:1].upper() + fixed[1:]
            yield Hit(start, end, {"match": original, "replacement": fixed}, (fixed,))


_UWORD = r"\p{Lu}[\p{Lu}\p{M}]*(?:['’\-]\p{Lu}[\p{Lu}\p{M}]*)*"
# capitals words separated by spaces and light punctuation on one line, not touching lower case
_CAPS_RUN = LazyPattern(
    rf"(?<![\p{{L}}\p{{M}}\p{{N}}])(?:{_UWORD})(?:[ \t,;:&/–—-]+(?:{_UWORD}))+(?![\p{{L}}\p{{M}}\p{{N}}])"
)
_CAPS_WORD = LazyPattern(_UWORD)


_OPEN = "\"“„«»‘'"
_CLOSE = "\"”“»«’'"


def _quoted(text: str, start: int, end: int) -> bool:
    """True when the capitals are a quotation (a sign, a banner): quote marks right around them."""
    before = text[max(0, start - 2) : start].strip()
    after = text[end : end + 3].strip(" .!?,")
    return bool(before) and before[-1] in _OPEN and bool(after) and after[0] in _CLOSE


def _ordinary_words(words: list[str]) -> bool:
    """True when most of the words in capitals are ordinary words (at least two of them), as in
    shouting ("THIS IS HUGE"); runs of acronyms and organisation names are not.

    >>> _ordinary_words(["THIS", "IS", "HUGE"]), _ordinary_words(["NASA", "JPL", "ESA"])
    (True, False)
    """
    from ..vocab import known

    n = sum(1 for w in words if known(w.lower()))
    return n >= 2 and 2 * n > len(words)


def _sentence_start(text: str, offset: int) -> bool:
    before = text[:offset].rstrip(" \t\"'“”‘’(")
    return not before or before[-1] in ".!?…\n:"
