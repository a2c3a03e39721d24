"""``escape``: characters LinkedIn's API ("little text") reserves must be backslash-escaped."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, ClassVar

import regex

from ...yamlsrc import LineDict, line_of
from ..base import BuildEnv, Context, Hit, Rule, RuleInfo

DEFAULT = "\\|{}@[]()<>#*_~"


class EscapeRule(Rule):
    """Flags each reserved character (``characters``, default ``\\ | { } @ [ ] ( ) < > # * _ ~``)
    that is not escaped with a backslash, outside hashtags, links and ``@[Name](urn:li:…)``
    mentions, which the API reads as entities. The safe fix adds the backslash.
    Posted through the API unescaped, the post is silently cut at the first one.
    Placeholders: ``{match}``, ``{replacement}``.
    """

    kind = "escape"
    keys: ClassVar[tuple[str, ...]] = ("characters",)
    placeholders = frozenset({"match", "replacement"})
    pattern: Any

    @classmethod
    def build(cls, spec: LineDict, info: RuleInfo, env: BuildEnv) -> Rule:
        rule = cls(info)
        chars = spec.get("characters", DEFAULT)
        if not isinstance(chars, str) or not chars:
            raise env.error(
                f"'characters' of rule {info.id!r} must be a string of characters",
                line_of(spec, "characters"),
            )
        rule.pattern = regex.compile(r"\\[" + regex.escape(chars) + r"]|[" + regex.escape(chars) + "]")
        return rule

    def run(self, ctx: Context) -> Iterator[Hit]:
        text = ctx.text
        protected = [
            (t.start, t.end)
            for t in ctx.tokens
            if t.kind == "hashtag" or t.kind == "url" or (t.kind == "mention" and t.text.startswith("@["))
        ]
        k = 0
        for m in self.pattern.finditer(text):
            if m.end() - m.start() == 2:  # already escaped
                continue
            pos = m.start()
            while k < len(protected) and protected[k][1] <= pos:
                k += 1
            if k < len(protected) and protected[k][0] <= pos < protected[k][1]:
                continue
            ch = text[pos]
            yield Hit(
                pos, pos + 1, {"match": ch, "replacement": "\\" + ch}, ("\\" + ch,), applicability="safe"
            )
