"""``position``: something must come first (or last) in the post."""

from __future__ import annotations

from collections.abc import Iterator
from typing import ClassVar

from ...langs import per_lang_example
from ...yamlsrc import LineDict, check_keys, line_of
from ..base import BuildEnv, Context, Hit, Rule, RuleInfo
from ..matching import LANGS, Matcher

_SKIP = ("punct", "emoji", "symbol")


class PositionRule(Rule):
    """Requires a match of ``require`` at the ``start`` or ``end`` of the post.

    Only punctuation, emoji and symbols may stand before it (after it, for ``end``). With
    ``if``, the rule applies only to drafts that match ``if`` (and, with ``unless``, that do not
    match ``unless``). ``insert`` (text, or
    ``{da: …, en: …}``) is offered as a replacement that puts the required text first.
    Placeholders: ``{match}``, ``{insert}``.
    """

    kind = "position"
    keys: ClassVar[tuple[str, ...]] = ("if", "unless", "require", "at", "insert")
    placeholders = frozenset({"match", "insert"})
    trigger: Matcher | None
    cancel: Matcher | None
    required: Matcher
    at: str
    insert: dict[str, str]

    @classmethod
    def build(cls, spec: LineDict, info: RuleInfo, env: BuildEnv) -> Rule:
        rule = cls(info)
        rule.trigger = None
        if "if" in spec:
            rule.trigger = env.matcher(spec["if"], what=f"'if' of rule {info.id!r}", line=line_of(spec, "if"))
        rule.cancel = None
        if "unless" in spec:
            rule.cancel = env.matcher(
                spec["unless"], what=f"'unless' of rule {info.id!r}", line=line_of(spec, "unless")
            )
        rule.required = env.matcher(
            env.require(spec, "require"), what=f"'require' of rule {info.id!r}", line=line_of(spec, "require")
        )
        rule.at = env.choice(spec, "at", ("start", "end"), "start")
        ins = spec.get("insert", "")
        if isinstance(ins, str):
            rule.insert = {lang: ins for lang in LANGS}
        elif isinstance(ins, dict) and all(isinstance(v, str) for v in ins.values()):
            check_keys(ins, LANGS, what=f"'insert' of rule {info.id!r}", path=env.path)
            rule.insert = dict(ins)
        else:
            raise env.error(
                f"'insert' of rule {info.id!r} must be text or {per_lang_example()}", line_of(spec, "insert")
            )
        return rule

    def run(self, ctx: Context) -> Iterator[Hit]:
        if self.trigger is not None and not ctx.matches(self.trigger):
            return
        if self.cancel is not None and ctx.matches(self.cancel):
            return  # a stricter sibling rule covers these drafts
        toks = ctx.tokens
        order = range(len(toks)) if self.at == "start" else range(len(toks) - 1, -1, -1)
        edge = next((i for i in order if toks[i].kind not in _SKIP), None)
        if edge is None:
            return
        found = ctx.matches(self.required)
        for m in found:
            if (self.at == "start" and m.first == edge) or (self.at == "end" and m.last - 1 == edge):
                return
            if m.first < 0 and (toks[edge].start <= m.start < toks[edge].end):
                return
        insert = self.insert.get(ctx.lang, "")
        if found:
            m = found[0]
            yield Hit(m.start, m.end, {"match": ctx.text[m.start : m.end], "insert": insert})
            return
        start, end = ctx.first_line
        reps: tuple[str, ...] = ()
        if insert and self.at == "start":
            reps = (insert + "\n\n" + ctx.text[start:end],)
        yield Hit(start, end, {"match": ctx.text[start:end], "insert": insert}, reps)
