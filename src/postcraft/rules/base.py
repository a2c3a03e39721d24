"""The one small interface every rule kind implements, and the per-check context they read.

A rule is built once from data (``build``) and then, for each draft, turns the shared
:class:`Context` into :class:`Hit` objects (``run``). The engine turns hits into
:class:`~postcraft.rules.Finding` objects: message in the post's language, severity, help,
positions.
"""

from __future__ import annotations

import re
import string
from abc import ABC, abstractmethod
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from operator import itemgetter
from typing import Any, ClassVar

from ..analysis import Analysis
from ..analysis.tokens import Token
from ..errors import ConfigError
from ..langs import SUPPORTED, per_lang_example
from ..yamlsrc import LineDict, line_of
from .finding import APPLICABILITIES, SEVERITIES, Applicability, Severity
from .matching import (
    DEFAULT_BUDGET_MS,
    Match,
    Matcher,
    MatcherBuilder,
    RegexBudget,
    TermIndex,
    figure_matches,
    number_matches,
    run_patterns,
)

COMMON_KEYS = (
    "id",
    "kind",
    "severity",
    "message",
    "help",
    "lang",
    "applicability",
    "when",
    "examples",
    "description",
)
#: The key and values before schema 2.0 (``fix: safe|manual``) → what to write now.
OLD_FIX_VALUES = {"safe": "safe", "manual": "unsafe"}
WHEN_KEYS = ("programme", "organisation", "api")
PROGRAMMES = ("agreed", "encouraged", "voluntary")


@dataclass(frozen=True)
class Hit:
    """What a rule found: a span, values for the message, replacements, and how applicable
    their fix is (the finding gets the less applicable of this and the rule's ``applicability``)."""

    start: int
    end: int
    params: Mapping[str, Any] = field(default_factory=dict)
    replacements: tuple[str, ...] = ()
    applicability: Applicability = "unsafe"


@dataclass(frozen=True, eq=False)
class RuleInfo:
    """The data every rule has, whatever its kind."""

    id: str
    kind: str
    severity: Severity
    messages: Mapping[str, str]
    help: Mapping[str, str]
    langs: frozenset[str]
    applicability: Applicability
    when: Mapping[str, Any]
    examples: Any
    description: str
    path: str | None
    line: int | None
    pack: str | None


class Rule(ABC):
    """Base class of the rule kinds (one module each)."""

    kind: ClassVar[str]
    keys: ClassVar[tuple[str, ...]] = ()
    placeholders: ClassVar[frozenset[str]] = frozenset({"match"})

    def __init__(self, info: RuleInfo) -> None:
        self.info = info

    @property
    def id(self) -> str:
        """The dotted rule id."""
        return self.info.id

    @classmethod
    @abstractmethod
    def build(cls, spec: LineDict, info: RuleInfo, env: BuildEnv) -> Rule:
        """Build the rule from its (validated common part and) kind-specific data."""

    @abstractmethod
    def run(self, ctx: Context) -> Iterable[Hit]:
        """Find the rule's hits in one draft."""

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.id}>"


class BuildEnv:
    """What a rule needs while it is built: the file, lists, settings and a matcher builder."""

    def __init__(self, path: str | None, matchers: MatcherBuilder, settings: Mapping[str, Any]) -> None:
        self.path = path
        self.matchers = matchers
        self.settings = settings

    def error(self, message: str, line: int | None) -> ConfigError:
        """A :class:`ConfigError` at ``line`` of the file being read."""
        return ConfigError(message, path=self.path, line=line)

    def number(
        self, spec: LineDict, key: str, *, default: float | None = None, settings_ok: bool = False
    ) -> float | None:
        """A number at ``spec[key]`` (or, when ``settings_ok``, the name of a numeric setting)."""
        if key not in spec:
            return default
        value = spec[key]
        if settings_ok and isinstance(value, str):
            if value not in self.settings:
                raise self.error(
                    f"'{key}' of rule {spec.get('id')!r} names the setting {value!r}, which does not "
                    f"exist; write a number or one of: {', '.join(sorted(self.settings))}",
                    line_of(spec, key),
                )
            value = self.settings[value]
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise self.error(
                f"'{key}' of rule {spec.get('id')!r} must be a number, not {value!r}", line_of(spec, key)
            )
        return float(value)

    def choice(self, spec: LineDict, key: str, choices: tuple[str, ...], default: str | None = None) -> str:
        """A value from ``choices`` at ``spec[key]``."""
        value = spec.get(key, default)
        if value not in choices:
            raise self.error(
                f"'{key}' of rule {spec.get('id')!r} must be one of {', '.join(choices)}, not {value!r}",
                line_of(spec, key),
            )
        assert isinstance(value, str)
        return value

    def require(self, spec: LineDict, key: str) -> Any:
        """``spec[key]``, or a ConfigError saying the key is missing."""
        if key not in spec:
            raise self.error(f"rule {spec.get('id')!r} of kind {spec.get('kind')!r} needs '{key}'", spec.line)
        return spec[key]

    def matcher(self, spec: Any, *, what: str, line: int | None) -> Matcher:
        """Build a term matcher (see :mod:`postcraft.rules.matching`)."""
        return self.matchers.build(spec, what=what, line=line)


def parse_info(spec: Any, *, path: str | None, pack: str | None, placeholders: frozenset[str]) -> RuleInfo:
    """Validate the keys every rule shares and return its :class:`RuleInfo`."""
    line = getattr(spec, "line", None)
    if not isinstance(spec, dict):
        raise ConfigError(
            "each rule must be a mapping with at least 'id', 'kind' and 'message'", path=path, line=line
        )
    rid = spec.get("id")
    if not isinstance(rid, str) or not _valid_id(rid):
        raise ConfigError(
            f"rule id {rid!r} is not valid; write a dotted lower-case id such as 'acme.jargon.synergy' "
            "(letters, digits, '-' and '_', parts separated by '.')",
            path=path,
            line=line_of(spec, "id") if "id" in spec else line,
        )
    sev = spec.get("severity", "warning")
    if sev not in SEVERITIES:
        raise ConfigError(
            f"severity of rule {rid!r} must be one of error, warning, suggestion, not {sev!r}",
            path=path,
            line=line_of(spec, "severity"),
        )
    langs = spec.get("lang", list(SUPPORTED))
    if isinstance(langs, str):
        langs = [langs]
    if not isinstance(langs, list) or not langs or any(x not in SUPPORTED for x in langs):
        raise ConfigError(
            f"'lang' of rule {rid!r} must be {', '.join(SUPPORTED)} or a list of them, not {langs!r}",
            path=path,
            line=line_of(spec, "lang"),
        )
    messages = _per_lang(spec.get("message"), "message", rid, path, line_of(spec, "message"), langs, True)
    for msg in messages.values():
        _check_placeholders(msg, placeholders, rid, path, line_of(spec, "message"))
    help_ = _per_lang(spec.get("help", ""), "help", rid, path, line_of(spec, "help"), langs, False)
    applicability = _applicability(spec, rid, path)
    when = spec.get("when", {})
    if not isinstance(when, dict):
        raise ConfigError(
            f"'when' of rule {rid!r} must be a mapping, e.g. when: {{programme: [agreed]}}",
            path=path,
            line=line_of(spec, "when"),
        )
    from ..yamlsrc import check_keys

    check_keys(when, WHEN_KEYS, what=f"'when' of rule {rid!r}", path=path)
    if "programme" in when:
        progs = when["programme"]
        if isinstance(progs, str):
            progs = [progs]
        if not isinstance(progs, list) or any(p not in PROGRAMMES for p in progs):
            raise ConfigError(
                f"'when.programme' of rule {rid!r} must list some of {', '.join(PROGRAMMES)}",
                path=path,
                line=line_of(when, "programme"),
            )
    for key in ("organisation", "api"):
        if key in when and not isinstance(when[key], bool):
            raise ConfigError(
                f"'when.{key}' of rule {rid!r} must be true or false", path=path, line=line_of(when, key)
            )
    desc = spec.get("description", "")
    if not isinstance(desc, str):
        raise ConfigError(
            f"'description' of rule {rid!r} must be text", path=path, line=line_of(spec, "description")
        )
    return RuleInfo(
        id=rid,
        kind=str(spec.get("kind")),
        severity=sev,
        messages=messages,
        help=help_,
        langs=frozenset(langs),
        applicability=applicability,
        when=dict(when),
        examples=spec.get("examples"),
        description=desc,
        path=path,
        line=line,
        pack=pack,
    )


_APPLICABILITY_HELP = (
    "'safe' (postcraft may apply the first replacement without asking), 'unsafe' (the fix may "
    "change the meaning: offered in editors, applied only with --unsafe-fixes) or 'display' "
    "(replacements are only shown)"
)


def reject_old_keys(spec: Any, path: str | None) -> None:
    """A :class:`ConfigError` at its line for a key that was renamed: ``fix: safe|manual``
    (before postcraft 2.0) is now ``applicability: safe|unsafe|display``."""
    if not isinstance(spec, dict) or "fix" not in spec:
        return
    old = spec["fix"]
    new = OLD_FIX_VALUES.get(old) if isinstance(old, str) else None
    instead = (
        f"write 'applicability: {new}' instead of 'fix: {old}'"
        if new
        else "write 'applicability:' instead ('fix: safe' became 'safe', 'fix: manual' became 'unsafe')"
    )
    raise ConfigError(
        f"rule {spec.get('id')!r}: the key 'fix' was renamed in postcraft 2.0; {instead}. "
        f"Applicability is {_APPLICABILITY_HELP}.",
        path=path,
        line=line_of(spec, "fix"),
    )


def _applicability(spec: Mapping[str, Any], rid: str, path: str | None) -> Applicability:
    """The rule's ``applicability`` (default ``safe``: as far as its kind allows)."""
    reject_old_keys(spec, path)
    value = spec.get("applicability", "safe")
    for known in APPLICABILITIES:
        if value == known:
            return known
    raise ConfigError(
        f"'applicability' of rule {rid!r} must be {_APPLICABILITY_HELP}, not {value!r}",
        path=path,
        line=line_of(spec, "applicability"),
    )


def _valid_id(rid: str) -> bool:
    parts = rid.split(".")
    return all(p and all(ch.isascii() and (ch.isalnum() or ch in "-_") for ch in p) for p in parts) and (
        rid == rid.lower()
    )


def _per_lang(
    value: Any, key: str, rid: str, path: str | None, line: int | None, langs: list[str], required: bool
) -> dict[str, str]:
    if value is None and required:
        raise ConfigError(
            f"rule {rid!r} needs a '{key}', either one text or one per language: {key}: "
            + per_lang_example("'…'"),
            path=path,
            line=line,
        )
    if isinstance(value, str):
        return {lang: value for lang in SUPPORTED}
    if isinstance(value, dict):
        from ..yamlsrc import check_keys

        check_keys(value, SUPPORTED, what=f"the {key} of rule {rid!r}", path=path)
        out = {k: v for k, v in value.items() if isinstance(v, str)}
        if len(out) != len(value):
            raise ConfigError(f"each {key} of rule {rid!r} must be text", path=path, line=line)
        missing = [lang for lang in langs if lang not in out]
        if missing and required:
            raise ConfigError(
                f"the {key} of rule {rid!r} has no {'/'.join(missing)} text, but the rule applies to "
                f"{'/'.join(langs)} posts; add {missing[0]}: '…' (or limit the rule with lang: …)",
                path=path,
                line=line,
            )
        for lang in missing:  # help: fall back to the other language
            out[lang] = next(iter(out.values()), "")
        return out
    raise ConfigError(f"the {key} of rule {rid!r} must be text or {per_lang_example()}", path=path, line=line)


def _check_placeholders(
    msg: str, allowed: frozenset[str], rid: str, path: str | None, line: int | None
) -> None:
    """A message may use only plain ``{name}`` fields of its kind's placeholders.

    Format specs (``{match:>9}``), conversions (``{match!r}``), attribute and index access
    (``{match.x}``, ``{match[0]}``) are refused at load: they would fail or blow up (a width of
    a billion characters) when a finding is made, or show Python internals.
    """
    available = ", ".join("{" + a + "}" for a in sorted(allowed)) or "none"
    try:
        parsed = list(string.Formatter().parse(msg))
    except ValueError as exc:
        raise ConfigError(
            f"the message of rule {rid!r} has a broken placeholder ({exc}); write {{{{ and }}}} for "
            "literal braces",
            path=path,
            line=line,
        ) from None
    for _, name, spec, conv in parsed:
        if name is None:
            continue
        written = "{" + name + (f"!{conv}" if conv else "") + (f":{spec}" if spec else "") + "}"
        if not name.isidentifier():
            base = name.split(".")[0].split("[")[0]
            hint = f"write {{{base}}}" if base in allowed else f"available: {available}"
            raise ConfigError(
                f"the message of rule {rid!r} uses {written}; placeholders are plain names without "
                f"'.', '[' or spaces ({hint}; write {{{{ and }}}} for literal braces)",
                path=path,
                line=line,
            )
        if name not in allowed:
            raise ConfigError(
                f"the message of rule {rid!r} uses {written}, which this kind of rule does not fill; "
                f"available: {available}",
                path=path,
                line=line,
            )
        if conv or (spec and not _COUNT_WORDS.fullmatch(spec)):
            raise ConfigError(
                f"the message of rule {rid!r} uses {written}; placeholders take no format spec or "
                f"conversion except decimals ({{{name}:.2f}}) or count words ({{{name}:word|words}}): "
                f"write {{{name}}}",
                path=path,
                line=line,
            )


#: The format specs a message may use: a count's singular and plural word (``{over:tegn|tegn}``)
#: and a number's decimals (``{personal:.2f}``, ``{share:.0%}``); no widths, fills or conversions.
_COUNT_WORDS = re.compile(r"[^\W\d_][\w' -]{0,40}\|[^\W\d_][\w' -]{0,40}|,?(?:\.\d)?[f%]?")


class Context:
    """Everything a rule reads about one draft; shared work is done once and cached."""

    def __init__(
        self,
        analysis: Analysis,
        index: TermIndex,
        settings: Mapping[str, Any],
        tone: object | None = None,
        colleagues: frozenset[str] = frozenset(),
        regex_budget: float = DEFAULT_BUDGET_MS / 1000,
    ) -> None:
        self.analysis = analysis
        #: casefolded names (and aliases) of roster colleagues who agreed to be tagged
        self.colleagues = colleagues
        self.text = analysis.text
        self.lang = analysis.lang
        self.tokens: tuple[Token, ...] = analysis.tokens
        self.tone = tone
        self.settings = settings
        self._index = index
        self._scanned: dict[int, list[Match]] | None = None
        self._extra: dict[int, list[Match]] = {}
        self.timeouts: list[tuple[Matcher, str]] = []
        #: the time left for regular expressions in this check (``regex_budget_ms``)
        self.regex_budget = RegexBudget(regex_budget)
        self._indices: dict[str, list[int]] = {}
        self._columns: dict[int, list[str]] = {}

    def matches(self, m: Matcher) -> list[Match]:
        """All matches of ``m`` in the draft, sorted by start."""
        if self._scanned is None:
            self._scanned = self._index.scan(self.tokens, self.lang, self.indices, self.column)
        found = self._scanned.get(m.id, [])
        if not m.patterns and m.numbers is None and not m.figures:
            return found
        extra = self._extra.get(m.id)
        if extra is None:
            extra = list(found)
            if m.patterns:
                got, timed_out = run_patterns(m, self.text, self.lang, self.regex_budget, self.folded)
                extra.extend(got)
                if timed_out is not None:
                    self.timeouts.append((m, timed_out))
            if m.numbers is not None:
                extra.extend(number_matches(m, self.tokens))
            if m.figures:
                extra.extend(figure_matches(m, self.text, self.lang))
            extra.sort(key=lambda x: (x.start, -x.end))
            self._extra[m.id] = extra
        return extra

    @cached_property
    def folded(self) -> str:
        """The draft case-folded once, for the patterns' prefilters."""
        return self.text.casefold()

    @cached_property
    def kinds(self) -> list[str]:
        """The kind of every token (a plain list, so counting and slicing run in C)."""
        return self.column(3)

    def indices(self, kind: str) -> list[int]:
        """Indices of the tokens of one kind (cached)."""
        got = self._indices.get(kind)
        if got is None:
            kinds = self.kinds
            n = kinds.count(kind)
            if n > 24:
                got = [i for i, k in enumerate(kinds) if k == kind]
            else:  # few: let list.index (C) find them
                got = []
                i = -1
                for _ in range(n):
                    i = kinds.index(kind, i + 1)
                    got.append(i)
            self._indices[kind] = got
        return got

    @cached_property
    def sentence_words(self) -> list[int]:
        """Words and numbers in each sentence of ``analysis.sentences``."""
        kinds = self.kinds
        out = []
        for s in self.analysis.sentences:
            span = kinds[s.first : s.last]
            out.append(span.count("word") + span.count("number"))
        return out

    def column(self, col: int) -> list[str]:
        """One field of every token (0 text, 3 kind, 4 lower, 5 lemma), cached."""
        got = self._columns.get(col)
        if got is None:
            got = self._columns[col] = list(map(itemgetter(col), self.tokens))
        return got

    def count(self, kind: str) -> int:
        """How many tokens of one kind."""
        return self.kinds.count(kind)

    def of_kind(self, kind: str) -> list[Token]:
        """Tokens of one kind."""
        toks = self.tokens
        return [toks[i] for i in self.indices(kind)]

    @cached_property
    def content(self) -> tuple[int, int]:
        """The span of the text without leading and trailing white space."""
        text = self.text
        stripped = text.lstrip()
        start = len(text) - len(stripped)
        end = start + len(stripped.rstrip())
        return start, end

    @cached_property
    def first_line(self) -> tuple[int, int]:
        """The span of the first non-blank line."""
        for span in self.analysis.lines:
            if self.text[span.start : span.end].strip():
                return span.start, span.end
        return self.content

    @cached_property
    def trailing_tags_start(self) -> int:
        """Where the trailing block of hashtags begins (``len(text)`` when there is none).

        The block is the run of hashtags (with emoji and punctuation between them) that ends
        the post, when it starts on a line of its own or holds at least three hashtags.
        """
        toks = self.tokens
        i = len(toks)
        n_tags = 0
        while i > 0 and toks[i - 1].kind in ("hashtag", "punct", "emoji", "symbol"):
            i -= 1
            if toks[i].kind == "hashtag":
                n_tags += 1
        while i < len(toks) and toks[i].kind != "hashtag":
            i += 1
        if n_tags == 0 or i >= len(toks):
            return len(self.text)
        start = toks[i].start
        line_start = self.text.rfind("\n", 0, start) + 1
        if n_tags >= 3 or not self.text[line_start:start].strip():
            return start
        return len(self.text)
