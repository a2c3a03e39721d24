"""Term matching shared by every rule kind: words and phrases on lemmas, hashtags, mentions,
numbers with units, and user regular expressions (with a timeout).

A rule's terms are tokenised and lemmatised once, at load time, with the same tokenizer and
lemma tables as the draft, so "synergi" matches "synergierne" and "leverage synergies" matches
"leveraging synergies". All word matchers of a guideline set share one index and one pass over
the tokens of a draft.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple

import regex

from .._regex import LazyPattern
from ..analysis.lemmas import lemma as _lemma
from ..analysis.tokens import Token, tokenize
from ..errors import ConfigError
from ..langs import SUPPORTED
from ..yamlsrc import LineDict, LineList, check_keys, line_of
from .prefilter import anchored, cached_needs, starts

#: The rule kinds' name for :data:`postcraft.langs.SUPPORTED` (the same tuple, not a list of its own).
LANGS = SUPPORTED
_SKIP_KINDS = frozenset({"punct", "symbol", "emoji"})


class Match(NamedTuple):
    """One match of a matcher: ``[start, end)`` in the text, the term it matched (as written in
    the rule), whether the text is exactly the term (ignoring case), and the token range."""

    start: int
    end: int
    term: str
    exact: bool
    first: int
    last: int


class Phrase(NamedTuple):
    """A compiled term: match mode, one key per token, the term and its lower-case tokens."""

    mode: str
    keys: tuple[str, ...]
    term: str
    lowers: tuple[str, ...]


@dataclass(frozen=True)
class NumberSpec:
    """Numbers that count as amounts: a unit after (``%``, ``kr``, ``mio``) or before (``$``)."""

    after: frozenset[str]
    before: frozenset[str]


@dataclass(eq=False)
class Matcher:
    """What one rule (or one side of a rule) looks for. Build with :func:`build_matcher`."""

    id: int
    phrases: dict[str, list[Phrase]] = field(default_factory=dict)
    #: (regex, source, lang, prefilter): ``prefilter`` holds case-folded strings of which every
    #: match contains one (:func:`.prefilter.needs`), or ``None`` (also for a pattern anchored at
    #: the start, :func:`.prefilter.anchored`, which is cheaper to run than to prefilter)
    patterns: list[tuple[Any, str, str | None, tuple[str, ...] | None]] = field(default_factory=list)
    numbers: NumberSpec | None = None
    #: amounts from ``figures_from`` lists: (the item as written, its readings)
    figures: list[tuple[str, frozenset[Any]]] = field(default_factory=list)
    #: seconds one pattern may take on one draft; ``None`` for the built-in packs' patterns, which
    #: are postcraft's own (tested, linear) and must give the same findings however loaded the
    #: machine is: the regex module's timeout counts wall time, threads waiting included
    timeout: float | None = 0.05
    label: str = ""

    @property
    def empty(self) -> bool:
        """True when the matcher can never match (e.g. an organisation list that is not filled)."""
        return (
            not any(self.phrases.values()) and not self.patterns and self.numbers is None and not self.figures
        )


def _norm(tok_kind: str, s: str) -> str:
    if tok_kind == "number" and " " in s:
        return s.replace(" ", "")
    return s


def mention_key(tok: Token) -> str:
    """``@name`` without spaces for both ``@Name`` and LinkedIn's ``@[Name](urn:li:…)``."""
    low = tok.lower
    if low.startswith("@[") and "](" in low:
        name = low[2 : low.index("](")]
        return "@" + name.replace(" ", "")
    return low


def mention_urn(tok: Token) -> str | None:
    """The ``urn:li:…`` of a little-text mention, if it has one."""
    low = tok.lower
    k = low.find("](urn:")
    return low[k + 2 : -1] if k >= 0 and low.endswith(")") else None


def token_key(tok: Token, mode: str) -> str:
    """The key a token is looked up by in ``mode``."""
    if tok.kind == "mention":
        return mention_key(tok) if mode != "text" else tok.text
    if mode == "lemma":
        return _norm(tok.kind, tok.lemma)
    if mode == "lower":
        return _norm(tok.kind, tok.lower)
    return tok.text


def compile_term(term: str, lang: str, mode: str) -> Phrase | None:
    """Tokenise and (in ``lemma`` mode) lemmatise a term; ``None`` when it has no tokens.

    >>> compile_term("Leverage synergies", "en", "lemma").keys
    ('leverage', 'synergy')
    """
    if term.lower().startswith("urn:li:"):  # a company page or person: matches @[Name](urn:…)
        low = term.strip().lower()
        return Phrase(mode, (low,), term, (low,))
    raw = tokenize(term)
    if not raw:
        return None
    keys: list[str] = []
    lowers: list[str] = []
    for text, _s, _e, kind in raw:
        low = text.lower()
        lowers.append(_norm(kind, low))
        if kind == "mention":
            keys.append(low.replace(" ", "") if mode != "text" else text)
        elif mode == "lemma":
            keys.append(_lemma(low, lang) if kind == "word" else _norm(kind, low))
        elif mode == "lower":
            keys.append(_norm(kind, low))
        else:
            keys.append(text)
    return Phrase(mode, tuple(keys), term, tuple(lowers))


class TermIndex:
    """All phrase matchers of a guideline set, indexed by their first key, per language."""

    def __init__(self, matchers: Iterable[Matcher]) -> None:
        self.tables: dict[str, dict[str, dict[str, list[tuple[int, Phrase]]]]] = {
            lang: {} for lang in SUPPORTED
        }
        # every phrase also by its words run together ("contosocloud"): a hashtag (#ContosoCloud)
        # or a mention (@[Contoso Cloud](urn:…)) of the same words is a match too
        self.joined: dict[str, dict[str, list[tuple[int, Phrase]]]] = {lang: {} for lang in SUPPORTED}
        for m in matchers:
            for lang, phrases in m.phrases.items():
                for ph in phrases:
                    table = self.tables[lang].setdefault(ph.mode, {})
                    table.setdefault(ph.keys[0], []).append((m.id, ph))
                    joined = "".join(ph.lowers).lstrip("#@")
                    if joined and ph.mode != "text":
                        self.joined[lang].setdefault(joined, []).append((m.id, ph))
        # per table, the keys of the second words of the phrases that start with a key, when
        # none of them is one word: a token whose next word is none of them starts no phrase
        self.seconds: dict[str, dict[str, dict[str, frozenset[str]]]] = {
            lang: {
                mode: {
                    key: frozenset(ph.keys[1] for _, ph in entries)
                    for key, entries in table.items()
                    if all(len(ph.keys) > 1 for _, ph in entries)
                }
                for mode, table in modes.items()
            }
            for lang, modes in self.tables.items()
        }

    def scan(
        self,
        tokens: Sequence[Token],
        lang: str,
        indices: Callable[[str], list[int]] | None = None,
        column: Callable[[int], list[str]] | None = None,
    ) -> dict[int, list[Match]]:
        """One pass over ``tokens``: every phrase match, leftmost-longest per matcher.

        ``indices(kind)`` gives the token indices of a kind (:meth:`Context.indices`).
        """
        tables = self.tables.get(lang, {})
        found: dict[int, list[Match]] = {}
        if not tables:
            return found
        if indices is None:

            def indices(kind: str) -> list[int]:
                return [i for i, t in enumerate(tokens) if t[3] == kind]

        t_lemma = tables.get("lemma")
        t_lower = tables.get("lower")
        t_text = tables.get("text")
        try_ = self._try
        seconds = self.seconds.get(lang, {})
        n = len(tokens)
        # Most tokens start no phrase: test membership in C and visit only the hits.
        for col, mode, table in ((5, "lemma", t_lemma), (4, "lower", t_lower), (0, "text", t_text)):
            if not table:
                continue
            values = column(col) if column is not None else [t[col] for t in tokens]
            if table.keys().isdisjoint(values):
                continue
            nexts = seconds.get(mode, {})
            for i, key in enumerate(values):
                if key in table:
                    kind = tokens[i][3]
                    if kind in _SKIP_KINDS or kind == "mention":
                        continue
                    after = nexts.get(key)
                    if after is not None:  # phrases of two or more words only ("the best")
                        if i + 1 >= n:
                            continue
                        nt = tokens[i + 1]
                        if nt[col] not in after and (nt[3] == "word" or nt[3] == "punct"):
                            continue  # what _try would find: the second word is none of theirs
                    try_(table[key], tokens, i, found)
        for i in indices("number"):
            tok = tokens[i]
            if " " in tok[4]:
                key = tok[4].replace(" ", "")
                for table in (t_lemma, t_lower):
                    if table:
                        try_(table.get(key), tokens, i, found)
        joined = self.joined.get(lang, {})
        for i in indices("mention"):
            tok = tokens[i]
            cands = [mention_key(tok)]
            urn = mention_urn(tok)
            if urn:
                cands.append(urn)
            for table in (t_lemma, t_lower):
                if table:
                    for key in cands:
                        try_(table.get(key), tokens, i, found)
            if t_text:
                try_(t_text.get(tok[0]), tokens, i, found)
            for jkey in (cands[0][1:], urn or ""):
                for mid, ph in joined.get(jkey, ()):
                    found.setdefault(mid, []).append(Match(tok[1], tok[2], ph.term, False, i, i + 1))
        if joined:
            for i in indices("hashtag"):
                tok = tokens[i]
                for mid, ph in joined.get(tok[4][1:], ()):
                    found.setdefault(mid, []).append(Match(tok[1], tok[2], ph.term, False, i, i + 1))
        for mid, ms in found.items():
            if len(ms) > 1:
                found[mid] = _leftmost_longest(ms)
        return found

    @staticmethod
    def _try(
        entries: list[tuple[int, Phrase]] | None,
        tokens: Sequence[Token],
        i: int,
        found: dict[int, list[Match]],
    ) -> None:
        if not entries:
            return
        n = len(tokens)
        for mid, ph in entries:
            keys = ph.keys
            k = len(keys)
            if k > 1:
                if i + k > n:
                    continue
                col = 5 if ph.mode == "lemma" else (4 if ph.mode == "lower" else 0)
                ok = True
                for j in range(1, k):
                    tk = tokens[i + j]
                    key = tk[col]
                    if key != keys[j]:
                        kind = tk[3]
                        if kind == "word" or kind == "punct" or token_key(tk, ph.mode) != keys[j]:
                            ok = False
                            break
                if not ok:
                    continue
            last = i + k - 1
            lowers = ph.lowers
            exact = True
            for j in range(k):
                tk = tokens[i + j]
                low = tk[4]
                if low != lowers[j] and _norm(tk[3], low) != lowers[j]:
                    exact = False
                    break
            found.setdefault(mid, []).append(
                Match(tokens[i][1], tokens[last][2], ph.term, exact, i, last + 1)
            )


def _leftmost_longest(ms: list[Match]) -> list[Match]:
    ms.sort(key=lambda m: (m.start, -m.end))
    out: list[Match] = []
    limit = -1
    for m in ms:
        if m.start >= limit:
            out.append(m)
            limit = m.end
    return out


#: The most time one user pattern may take on one draft (``regex_timeout_ms`` is capped here).
MAX_PATTERN_MS = 1000
#: The default and the largest total time all patterns may take in one check (``regex_budget_ms``).
DEFAULT_BUDGET_MS = 250
MAX_BUDGET_MS = 5000


class RegexBudget:
    """The time left for regular expressions in one check, shared by all matchers.

    >>> b = RegexBudget(0.25)
    >>> b.left, b.skipped
    (0.25, 0)
    """

    def __init__(self, seconds: float) -> None:
        self.total = seconds
        self.left = seconds
        #: patterns that did not run (or were stopped) because the budget ran out
        self.skipped = 0

    @property
    def exhausted(self) -> bool:
        """True once the budget is spent."""
        return self.left <= 0


def run_patterns(
    m: Matcher, text: str, lang: str, budget: RegexBudget | None = None, folded: str | None = None
) -> tuple[list[Match], str | None]:
    """Run a matcher's regular expressions (those for ``lang`` and for every language) over
    ``text``. Returns the matches and, when a pattern ran out of its own time, the pattern
    that did (its matches are dropped). With a ``budget``, each pattern's time is taken from
    it; once it is spent, the remaining patterns are skipped and counted in ``budget.skipped``.
    A pattern whose prefilter strings are all absent from ``folded`` (``text.casefold()``) cannot
    match and is not run.
    """
    out: list[Match] = []
    if folded is None:
        folded = text.casefold()
    has = folded.__contains__
    todo = [p for p in m.patterns if (p[2] is None or p[2] == lang) and (p[3] is None or any(map(has, p[3])))]
    if m.timeout is None:  # the built-in packs' own patterns: no timeout, not charged to the budget
        for pattern, source, _, _ in todo:
            out.extend(
                Match(mo.start(), mo.end(), source, True, -1, -1)
                for mo in pattern.finditer(text)
                if mo.end() > mo.start()
            )
        return out, None
    for k, (pattern, source, _, _) in enumerate(todo):
        limit = m.timeout
        if budget is not None:
            if budget.exhausted:
                budget.skipped += len(todo) - k
                break
            limit = min(limit, budget.left)
        t0 = time.perf_counter()
        try:
            for mo in pattern.finditer(text, timeout=limit):
                if mo.end() > mo.start():
                    out.append(Match(mo.start(), mo.end(), source, True, -1, -1))
        except TimeoutError:
            out = [x for x in out if x.term != source]
            if budget is not None:
                budget.left -= time.perf_counter() - t0
                if limit < m.timeout:  # stopped by the budget, not by its own limit
                    budget.left = 0.0
                    budget.skipped += len(todo) - k
                    break
            return out, source
        if budget is not None:
            budget.left -= time.perf_counter() - t0
    return out, None


def figure_matches(m: Matcher, text: str, lang: str) -> list[Match]:
    """The amounts in ``text`` that are one of ``m``'s figures by value (:mod:`.figures`):
    a listed "412 mio. kr." is found as "412 millioner kroner" or "kr. 412 mio.", never as "4120"."""
    if not m.figures:
        return []
    # .figures (and decimal) only for an organisation that lists figures
    from .figures import find_amounts
    from .figures import matches as figure_matches_one

    out: list[Match] = []
    for found in find_amounts(text, lang):
        for term, amounts in m.figures:
            if figure_matches_one(amounts, found):
                out.append(Match(found.start, found.end, term, found.text == term, -1, -1))
                break
    return out


def number_matches(m: Matcher, tokens: Sequence[Token]) -> list[Match]:
    """Amounts: number tokens with a unit after them (or inside, like ``12 %``) or a currency before."""
    spec = m.numbers
    out: list[Match] = []
    if spec is None:
        return out
    n = len(tokens)
    for i, tok in enumerate(tokens):
        if tok.kind != "number":
            # "5m", "40k": a number glued to a unit is tokenised as a word
            if tok.kind == "word" and tok.text[:1].isdigit():
                j = 0
                while j < len(tok.lower) and (tok.lower[j].isdigit() or tok.lower[j] in ".,"):
                    j += 1
                if tok.lower[j:] in spec.after:
                    out.append(Match(tok.start, tok.end, tok.text, True, i, i + 1))
            continue
        start, end, first, last = tok.start, tok.end, i, i + 1
        hit = tok.lower.endswith("%") and "%" in spec.after
        if i + 1 < n and tokens[i + 1].lower in spec.after and tokens[i + 1].start - tok.end <= 1:
            hit = True
            end, last = tokens[i + 1].end, i + 2
        if i > 0 and tokens[i - 1].lower in spec.before and tok.start - tokens[i - 1].end <= 1:
            hit = True
            start, first = tokens[i - 1].start, i - 1
        if hit:
            out.append(Match(start, end, tok.text, True, first, last))
    return out


# -- building matchers from rule data -----------------------------------------------------------

MATCHER_KEYS = (
    "terms",
    "terms_from",
    "figures_from",
    "patterns",
    "numbers",
    "lemma",
    "ignorecase",
    "whole_word",
)


class MatcherBuilder:
    """Builds :class:`Matcher` objects from rule data, expanding organisation lists.

    With ``lazy`` (the built-in packs), the rules' own ``patterns`` are compiled when first run
    (:class:`LazyPattern`); else each is compiled here, so a bad one is a
    :class:`~postcraft.errors.ConfigError` with its line when the guidelines load."""

    def __init__(
        self,
        lists: Mapping[str, Sequence[str]],
        path: str | None,
        timeout: float | None,
        *,
        lazy: bool = False,
    ) -> None:
        self.lists = lists
        self.path = path
        self.timeout = timeout
        self.lazy = lazy
        self.built: list[Matcher] = []

    def build(self, spec: Any, *, what: str, line: int | None) -> Matcher:
        """``spec`` is a list of terms, or a mapping with the keys in :data:`MATCHER_KEYS`."""
        if isinstance(spec, list):
            spec = LineDict(terms=spec)
            spec.line = line
            spec.key_lines = {"terms": line or 0}
        if not isinstance(spec, dict):
            raise ConfigError(
                f"{what} must be a list of terms or a mapping with 'terms', 'terms_from' or 'patterns'",
                path=self.path,
                line=line,
            )
        check_keys(spec, MATCHER_KEYS, what=what, path=self.path)
        m = Matcher(id=len(self.built), timeout=self.timeout, label=what)
        self.built.append(m)
        use_lemma = _bool(spec, "lemma", True, what, self.path)
        ignorecase = _bool(spec, "ignorecase", True, what, self.path)
        whole = _bool(spec, "whole_word", True, what, self.path)
        mode = "text" if not ignorecase else ("lemma" if use_lemma else "lower")
        per_lang: dict[str, list[str]] = {lang: [] for lang in SUPPORTED}
        if "terms" in spec:
            for lang, terms in _terms_by_lang(spec["terms"], what, self.path, line_of(spec, "terms")):
                per_lang[lang].extend(terms)
        for key in ("terms_from", "figures_from"):
            if key not in spec:
                continue
            names = spec[key]
            if isinstance(names, str):
                names = [names]
            if not isinstance(names, list) or not all(isinstance(x, str) for x in names):
                raise ConfigError(
                    f"'{key}' in {what} must be a list name or a list of list names",
                    path=self.path,
                    line=line_of(spec, key),
                )
            for name in names:
                if name not in self.lists:
                    raise ConfigError(
                        f"'{key}' in {what} names the list {name!r}, which is not defined; "
                        f"define it under 'lists:' or use one of: {', '.join(sorted(self.lists))}",
                        path=self.path,
                        line=line_of(spec, key),
                    )
                for item in self.lists[name]:
                    # figures_from: an item that is one amount ("$48.2M") is matched by value,
                    # anything else ("Q3 revenue") as words
                    amounts = _readings(item) if key == "figures_from" else frozenset()
                    if amounts:
                        m.figures.append((item, amounts))
                    else:
                        for lang in SUPPORTED:
                            per_lang[lang].append(item)
        flags = regex.V0 | (regex.IGNORECASE if ignorecase else 0)
        for lang, terms in per_lang.items():
            expanded = [t for term in terms for t in self.expand(term, line_of(spec, "terms"))]
            if whole:
                phrases = []
                for term in dict.fromkeys(expanded):
                    ph = compile_term(term, lang, mode)
                    if ph is not None:
                        phrases.append(ph)
                if phrases:
                    m.phrases[lang] = phrases
            elif expanded:
                alt = "|".join(regex.escape(t) for t in sorted(set(expanded), key=len, reverse=True))
                m.patterns.append((LazyPattern(alt, flags), alt, lang, cached_needs(alt)))
        if "patterns" in spec:
            for only, pats in _patterns_by_lang(spec["patterns"], what, self.path, line_of(spec, "patterns")):
                for k, p in enumerate(pats):
                    if self.lazy:
                        first = starts(p)
                        compiled: Any = (
                            LazyPattern(p, flags) if first is None else StartPattern(p, flags, first)
                        )
                    else:
                        compiled = compile_user_regex(p, flags, self.path, line_of(pats, k))
                    m.patterns.append((compiled, p, only, None if anchored(p) else cached_needs(p)))
        if "numbers" in spec:
            m.numbers = _numbers(spec["numbers"], what, self.path, line_of(spec, "numbers"))
        return m

    def expand(self, term: str, line: int | None = None) -> list[str]:
        """Expand ``{list}`` placeholders (``"I work at {employer}"``) over a list's items.

        A placeholder whose list is empty drops the term: the rule then simply cannot match it.
        ``{employer_tag}`` gives the name without spaces, for hashtags (``#{employer_tag}Employee``).
        """
        if "{" not in term:
            return [term]
        k = term.index("{")
        j = term.find("}", k)
        if j < 0:
            return [term]
        name = term[k + 1 : j]
        tag = name.endswith("_tag")
        base = name[:-4] if tag else name
        if base not in self.lists:
            raise ConfigError(
                f"the term {term!r} uses the placeholder {{{name}}}, which names no list; "
                f"use one of: {', '.join('{' + n + '}' for n in sorted(self.lists))}",
                path=self.path,
                line=line,
            )
        out: list[str] = []
        for item in self.lists[base]:
            value = "".join(ch for ch in item if ch.isalnum()) if tag else item
            out.extend(self.expand(term[:k] + value + term[j + 1 :], line))
        return out


class StartPattern(LazyPattern):
    """A :class:`LazyPattern` anchored at the start of the text whose every match begins with
    one of ``first`` (:func:`.prefilter.starts`): on a text that begins with another ASCII letter
    or digit, :meth:`finditer` finds nothing without compiling the pattern (most drafts do not
    open with a greeting, and compiling one costs a cold command line 1–2 ms)."""

    def __init__(self, pattern: str, flags: int, first: frozenset[str]) -> None:
        super().__init__(pattern, flags)
        self.first = first

    def finditer(self, text: str, *args: Any, **kwargs: Any) -> Any:
        """The compiled pattern's ``finditer``, or no matches when ``text`` cannot have any."""
        c = text[:1]
        if c.isascii() and c.isalnum() and c.lower() not in self.first:
            return iter(())
        return self.compiled().finditer(text, *args, **kwargs)

    def __reduce__(self) -> tuple[Any, ...]:
        return (StartPattern, (self.pattern, self._flags, self.first))

    def __repr__(self) -> str:
        return f"StartPattern({self.pattern!r}, {self._flags!r}, {sorted(self.first)!r})"


def _readings(item: str) -> frozenset[Any]:
    """:func:`.figures.readings` (.figures and decimal load only for an organisation's figures)."""
    from .figures import readings

    return readings(item)


def compile_user_regex(p: str, flags: int, path: str | None, line: int | None) -> Any:
    """Compile a user regular expression; a bad one is a :class:`ConfigError` with the line."""
    try:
        return regex.compile(p, flags)
    except regex.error as exc:
        raise ConfigError(
            f"the regular expression {p!r} does not compile ({exc}); escape special characters "
            r"such as ( ) [ ] . + * ? with a backslash, e.g. '\(' for a literal '('",
            path=path,
            line=line,
        ) from None


def _bool(spec: Mapping[str, Any], key: str, default: bool, what: str, path: str | None) -> bool:
    value = spec.get(key, default)
    if not isinstance(value, bool):
        raise ConfigError(
            f"'{key}' in {what} must be true or false, not {value!r}", path=path, line=line_of(spec, key)
        )
    return value


def _terms_by_lang(value: Any, what: str, path: str | None, line: int | None) -> list[tuple[str, list[str]]]:
    def strings(v: Any, ln: int | None) -> list[str]:
        if isinstance(v, str):
            return [v]
        if isinstance(v, list) and all(isinstance(x, (str, int, float)) for x in v):
            return [str(x) for x in v]
        raise ConfigError(f"terms in {what} must be a list of words or phrases (strings)", path=path, line=ln)

    if isinstance(value, dict):
        check_keys(value, SUPPORTED, what=f"the terms of {what}", path=path)
        return [(lang, strings(value[lang], line_of(value, lang))) for lang in SUPPORTED if lang in value]
    terms = strings(value, line)
    return [(lang, terms) for lang in SUPPORTED]


def _patterns_by_lang(
    value: Any, what: str, path: str | None, line: int | None
) -> list[tuple[str | None, list[str]]]:
    """``patterns``: a list of regular expressions for every language (``None``), or a mapping
    from language codes to such lists, each run only on drafts in its language."""

    def patterns(v: Any, ln: int | None) -> list[str]:
        if isinstance(v, list) and all(isinstance(x, str) for x in v):
            return v
        raise ConfigError(
            f"'patterns' in {what} must be a list of regular expressions (quote them in YAML), "
            f"or a mapping from language ({', '.join(SUPPORTED)}) to such lists",
            path=path,
            line=ln,
        )

    if isinstance(value, dict):
        check_keys(value, SUPPORTED, what=f"the patterns of {what}", path=path)
        return [(lang, patterns(value[lang], line_of(value, lang))) for lang in SUPPORTED if lang in value]
    return [(None, patterns(value, line))]


def _numbers(value: Any, what: str, path: str | None, line: int | None) -> NumberSpec:
    if not isinstance(value, dict):
        raise ConfigError(
            f"'numbers' in {what} must be a mapping with 'after' and/or 'before' unit lists, "
            "e.g. numbers: {after: ['%', kr, mio], before: ['$', '€']}",
            path=path,
            line=line,
        )
    check_keys(value, ("after", "before"), what=f"'numbers' in {what}", path=path)
    out: dict[str, frozenset[str]] = {}
    for key in ("after", "before"):
        items = value.get(key, [])
        if not isinstance(items, list) or not all(isinstance(x, str) for x in items):
            raise ConfigError(
                f"'numbers.{key}' in {what} must be a list of units", path=path, line=line_of(value, key)
            )
        out[key] = frozenset(x.lower() for x in items)
    return NumberSpec(after=out["after"], before=out["before"])


__all__ = [
    "LANGS",
    "LineList",
    "Match",
    "LazyPattern",
    "Matcher",
    "MatcherBuilder",
    "NumberSpec",
    "Phrase",
    "TermIndex",
    "compile_term",
    "figure_matches",
    "number_matches",
    "run_patterns",
    "RegexBudget",
]
