"""``existence``: words, phrases or patterns that should not appear (matched on lemmas)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import ClassVar

from ...yamlsrc import LineDict
from ..base import BuildEnv, Context, Hit, Rule, RuleInfo
from ..matching import MATCHER_KEYS, Matcher


def sub_spec(spec: LineDict, keys: tuple[str, ...]) -> LineDict:
    """The part of ``spec`` with ``keys``, keeping line numbers."""
    out = LineDict({k: v for k, v in spec.items() if k in keys})
    out.line = spec.line
    out.key_lines = {k: v for k, v in getattr(spec, "key_lines", {}).items() if k in keys}
    return out


class ExistenceRule(Rule):
    """Flags every match of its terms.

    Data: ``terms`` (list, or ``{da: […], en: […]}``), ``terms_from`` (list names such as
    ``products`` or your own ``lists:``), ``patterns`` (regular expressions), ``numbers``,
    and the options ``lemma`` (default true), ``ignorecase`` (true), ``whole_word`` (true).
    ``outside_trailing_hashtags: true`` ignores matches in the closing block of hashtags.
    Message placeholder: ``{match}``.
    """

    kind = "existence"
    keys: ClassVar[tuple[str, ...]] = MATCHER_KEYS + ("outside_trailing_hashtags",)
    matcher: Matcher
    outside_tags: bool

    @classmethod
    def build(cls, spec: LineDict, info: RuleInfo, env: BuildEnv) -> Rule:
        rule = cls(info)
        if not any(k in spec for k in ("terms", "terms_from", "patterns", "numbers")):
            raise env.error(
                f"rule {info.id!r} (existence) needs 'terms', 'terms_from', 'patterns' or 'numbers'",
                spec.line,
            )
        rule.matcher = env.matcher(sub_spec(spec, MATCHER_KEYS), what=f"rule {info.id!r}", line=spec.line)
        flag = spec.get("outside_trailing_hashtags", False)
        if not isinstance(flag, bool):
            raise env.error(
                f"'outside_trailing_hashtags' of rule {info.id!r} must be true or false",
                spec.line_of("outside_trailing_hashtags"),
            )
        rule.outside_tags = flag
        return rule

    def run(self, ctx: Context) -> Iterator[Hit]:
        limit = ctx.trailing_tags_start if self.outside_tags else len(ctx.text)
        for m in ctx.matches(self.matcher):
            if m.start < limit:
                yield Hit(m.start, m.end, {"match": ctx.text[m.start : m.end]})
