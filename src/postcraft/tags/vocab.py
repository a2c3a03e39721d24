"""Topic vocabularies: the built-in hashtag concepts per language, compiled into look-up tables.

A *concept* is one topic (``recruitment``, ``cybersecurity`` …) with a CamelCase hashtag and a
list of *terms* per language. Terms are written in their dictionary form; a word of a draft
matches when its lemma or its own lower-case form equals a term's word (so a term is never
turned into another word by the lemma table: "AI" stays "ai"); a multi-word term
(``kunstig intelligens``) matches consecutive words; a term ending in ``*`` may also begin
a compound (``rekruttering*`` matches ``rekrutteringsprocessen``) and a term starting with
``*`` may end one (``*sikkerhed`` matches ``cybersikkerheden``).
The data lives in ``data/hashtags.<lang>.yaml``.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, NamedTuple

from .. import yamlsrc as _yaml
from ..analysis.lemmas import lemma as _lemma
from ..analysis.tokens import tokenize
from ..errors import ConfigError, MissingLanguageDataError
from ..langs import LANGUAGES

# Inflectional endings tried when a compound's head is inflected and not in the lemma table
# ("cybersikkerheden" → "cybersikkerhed"); each language's module lists them.
_ENDINGS = {code: lang.noun_endings for code, lang in LANGUAGES.items()}
_LINKING = ("s", "e", "-")
_MIN_REST = 3  # a compound's other part has at least this many letters
_MODIFIER_REST = 10  # a compound whose second part is this long is about that part
_CACHE_LIMIT = 50_000


def fold(s: str) -> str:
    """Lower-case and NFC-normalise, as the analysis does for ``Token.lower``."""
    low = s.lower()
    if not low.isascii():
        low = unicodedata.normalize("NFC", low)
    return low


def words_of(phrase: str, lang: str) -> tuple[tuple[str, str], ...]:
    """``(lower, lemma)`` of each word of ``phrase`` in ``lang`` (punctuation dropped).

    >>> words_of("Kunstige intelligenser", "da")
    (('kunstige', 'kunstig'), ('intelligenser', 'intelligens'))
    """
    out = []
    for t in tokenize(phrase):
        if t[3] in ("word", "number"):
            low = fold(t[0])
            out.append((low, _lemma(low, lang)))
    return tuple(out)


def tag_key(tag: str) -> str:
    """A comparison key for hashtags: no '#', lower case, æ/ø/å spelled out, no '_'.

    >>> tag_key("#GrønOmstilling") == tag_key("#gronomstilling") or tag_key("#GrønOmstilling")
    'groenomstilling'
    """
    s = fold(tag.lstrip("#")).replace("_", "")
    for a, b in (("æ", "ae"), ("ø", "oe"), ("å", "aa"), ("ä", "ae"), ("ö", "oe"), ("ü", "ue")):
        s = s.replace(a, b)
    return unicodedata.normalize("NFKD", s).encode("ascii", "ignore").decode() or s


class Domain(NamedTuple):
    """Another domain of life whose words give some concepts another sense: in a post with at
    least ``least`` distinct ``words`` of it ("fodbold", "kamp", "spillere"), the concepts in
    ``blocks`` (recruitment, mentoring, leadership …) are not topics: a transfer is not #Hiring,
    a football coach not #Mentorship."""

    name: str
    words: frozenset[str]
    least: int
    blocks: frozenset[str]
    #: word starts and ends ("fodbold*", "*klubben"): a word of the domain too
    prefixes: tuple[str, ...] = ()
    suffixes: tuple[str, ...] = ()


class TermStart(NamedTuple):
    """A term of a concept that starts at a word: ``rest`` are the lemmas that must follow.

    A ``weak`` term has another common sense ("code" in "QR code", "container" in a Docker
    post, "ansatte" in "hun ansatte mig"): it counts only beside a term of the same concept
    that is not weak.
    """

    rest: tuple[str, ...]
    concept: str
    weak: bool = False


class WordPattern(NamedTuple):
    """One word of a fixed expression: alternative forms, each matching a word's form or lemma
    exactly, or, written with a final ``*``, as the start of its form ("knæk*")."""

    exact: frozenset[str]
    prefixes: tuple[str, ...]

    def matches(self, lower: str, lemma: str) -> bool:
        """True when a word with this form and lemma is one of the alternatives."""
        return lower in self.exact or lemma in self.exact or lower.startswith(self.prefixes)


class PhraseIndex:
    """Phrases of :class:`WordPattern` words, found by one of their words (the first, or with
    ``by_last`` the last): a dict look-up and one ``startswith`` per word of a draft.

    >>> ix = PhraseIndex((tuple(word_pattern(w) for w in "knæk* kode".split()),))
    >>> len(ix.candidates("knækkede", "knække")), ix.candidates("kode", "kode")
    (1, ())
    """

    __slots__ = ("by_exact", "by_prefix", "prefixes", "keys", "words", "word_prefixes", "longest")

    def __init__(self, phrases: tuple[tuple[WordPattern, ...], ...], by_last: bool = False) -> None:
        self.by_exact: dict[str, list[tuple[WordPattern, ...]]] = {}
        self.by_prefix: dict[str, list[tuple[WordPattern, ...]]] = {}
        for ph in phrases:
            key = ph[-1] if by_last else ph[0]
            for form in key.exact:
                self.by_exact.setdefault(form, []).append(ph)
            for pre in key.prefixes:
                self.by_prefix.setdefault(pre, []).append(ph)
        self.prefixes = tuple(self.by_prefix)
        self.keys = frozenset(self.by_exact)
        #: the forms and prefixes of every word of every phrase (a word matching none of them
        #: is in no phrase), and the most words a phrase has
        self.words = frozenset(form for ph in phrases for p in ph for form in p.exact)
        self.word_prefixes = tuple(dict.fromkeys(pre for ph in phrases for p in ph for pre in p.prefixes))
        self.longest = max((len(ph) for ph in phrases), default=0)

    def starts(self, toks: Any) -> list[int]:
        """Indices of the words of ``toks`` that can begin (or end) one of the phrases."""
        keys, pre = self.keys, self.prefixes
        if pre:
            return [
                k
                for k, t in enumerate(toks)
                if t[3] == "word" and (t[4] in keys or t[5] in keys or t[4].startswith(pre))
            ]
        return [k for k, t in enumerate(toks) if t[3] == "word" and (t[4] in keys or t[5] in keys)]

    def candidates(self, lower: str, lemma: str) -> tuple[tuple[WordPattern, ...], ...]:
        """The phrases whose key word a word with this form and lemma can be."""
        ex = self.by_exact
        a = ex.get(lower)
        b = ex.get(lemma) if lemma != lower else None
        pre = self.prefixes and lower.startswith(self.prefixes)
        if not (a or b or pre):
            return ()
        found = [*(a or ()), *(b or ())]
        if pre:
            found += [ph for p, phs in self.by_prefix.items() if lower.startswith(p) for ph in phs]
        return tuple(dict.fromkeys(found))

    def __bool__(self) -> bool:
        return bool(self.by_exact or self.by_prefix)


def word_pattern(word: str) -> WordPattern:
    """``"tage|tog|knæk*"`` → a :class:`WordPattern`.

    >>> word_pattern("tage|tog|knæk*").matches("knækkede", "knække")
    True
    """
    alts = [fold(a) for a in word.split("|") if a.strip("*")]
    return WordPattern(
        frozenset(a for a in alts if not a.endswith("*")), tuple(a[:-1] for a in alts if a.endswith("*"))
    )


@dataclass(frozen=True)
class Concept:
    """One topic in one language: its hashtag (may be ``None``) and a label for reasons."""

    id: str
    tag: str | None
    label: str


@dataclass(eq=False)
class TopicIndex:
    """Compiled look-up from a word's lemma to the concepts whose terms start there.

    ``lookup`` is memoised per lemma, so compound splitting is paid once per distinct word.
    """

    lang: str
    concepts: dict[str, Concept] = field(default_factory=dict)
    first: dict[str, list[TermStart]] = field(default_factory=dict)
    prefix: dict[str, list[str]] = field(default_factory=dict)
    suffix: dict[str, list[str]] = field(default_factory=dict)
    #: ``(affix, concept)`` pairs whose compound part is a weak term
    weak_affixes: set[tuple[str, str]] = field(default_factory=set)
    #: concept -> words that show its weak terms are used in another sense ("docker" for "container")
    other_senses: dict[str, frozenset[str]] = field(default_factory=dict)
    #: fixed expressions whose words are never topic evidence ("knække koden", "QR code")
    idioms: tuple[tuple[WordPattern, ...], ...] = ()
    #: words just before a cue that make it a statement of the author's role ("jeg er", "as a")
    role_frames: tuple[tuple[WordPattern, ...], ...] = ()
    #: phrases that ask the readers for input or help ("any tips", "del gerne jeres erfaringer")
    asks: tuple[tuple[WordPattern, ...], ...] = ()
    #: first-person plural words ("vi", "vores"; "we", "our"): the organisation speaking
    we_words: frozenset[str] = frozenset()
    #: first-person singular words ("jeg", "min"; "I", "my")
    i_words: frozenset[str] = frozenset()
    #: words for the reader ("du", "jer"; "you", "your")
    you_words: frozenset[str] = frozenset()
    #: words for the reader only as written, with their capital, not starting a sentence
    #: (Danish "I", the plural you; "i" is "in")
    you_cased: frozenset[str] = frozenset()
    #: words that negate the one or two words after them ("no AI slop", "ikke", "uden")
    negations: tuple[tuple[WordPattern, ...], ...] = ()
    #: words right after a negation that make it no negation of what follows ("not only")
    not_negating: frozenset[str] = frozenset()
    #: concept -> phrases that make a term right after them something hoped for, not so
    #: ("looking for a new job", "søger nyt job")
    not_after: dict[str, tuple[tuple[WordPattern, ...], ...]] = field(default_factory=dict)
    #: concept -> terms that name a harm: negated, still the topic ("ingen arbejdsulykker")
    harms: dict[str, frozenset[str]] = field(default_factory=dict)
    #: concept -> term words that are also verb forms ("iværksætter", "nurse")
    verbs: dict[str, frozenset[str]] = field(default_factory=dict)
    #: words before a verb form that show it is the verb ("vi iværksætter", "to nurse")
    verb_before: frozenset[str] = frozenset()
    #: words after a verb form that show it is the verb ("iværksætter en indsats")
    verb_after: frozenset[str] = frozenset()
    #: other domains in which some concepts' words mean something else (a football club's
    #: "recruitment" and "coach", a scout group's "ledere"): see :class:`Domain`
    domains: tuple[Domain, ...] = ()
    #: endings that are no compound head: "fabrik|erede" is the verb "fabrikere", not a factory
    not_heads: frozenset[str] = frozenset()
    #: capitalised words that make the term before them part of an event's name ("Google Cloud
    #: Next", "AI Summit"): the name of an event is no evidence of the term's topic
    event_names: frozenset[str] = frozenset()
    #: broad concepts (research, marketing, AI …) need mentions in two sentences at least
    broad: frozenset[str] = frozenset()
    #: concepts whose weak terms are never enough alone, however often (a tool is not the topic:
    #: "GitHub" without open-source words is no #OpenSource)
    specific: frozenset[str] = frozenset()
    _frozen: dict[str, tuple[TermStart, ...]] = field(default_factory=dict)
    _cache: dict[str, tuple[TermStart, ...]] = field(default_factory=dict)
    _tags: dict[str, list[str]] = field(default_factory=dict)
    _prefix_lengths: tuple[int, ...] = ()
    _suffix_lengths: tuple[int, ...] = ()
    idiom_index: PhraseIndex = field(default_factory=lambda: PhraseIndex(()))
    frame_index: PhraseIndex = field(default_factory=lambda: PhraseIndex(()))
    ask_index: PhraseIndex = field(default_factory=lambda: PhraseIndex(()))
    negation_index: PhraseIndex = field(default_factory=lambda: PhraseIndex(()))
    not_after_index: dict[str, PhraseIndex] = field(default_factory=dict)

    def add_term(self, term: str, concept: str, weak: bool = False) -> None:
        """Add one term (a lemma phrase; ``x*``/``*x`` for compound parts) for ``concept``;
        a ``weak`` term counts only beside a term of the concept that is not weak."""
        term = term.strip()
        if term.endswith("*") and " " not in term:
            _append(self.prefix, fold(term[:-1]), concept)
            if weak:
                self.weak_affixes.add(("<" + fold(term[:-1]), concept))
        elif term.startswith("*") and " " not in term:
            _append(self.suffix, fold(term[1:]), concept)
            if weak:
                self.weak_affixes.add((">" + fold(term[1:]), concept))
        # the lower-case forms of words_of(), without the lemmas it would look up and drop here
        words = tuple(fold(t[0]) for t in tokenize(term.strip("*")) if t[3] in ("word", "number"))
        if words:
            rest = words[1:]
            hit = TermStart(rest, concept, weak)
            lst = self.first.setdefault(words[0], [])
            strong, weak_hit = TermStart(rest, concept, False), TermStart(rest, concept, True)
            if strong in lst:
                return  # a strong term stays strong
            if weak_hit in lst:
                if weak:
                    return
                lst.remove(weak_hit)
            lst.append(hit)

    def freeze(self) -> None:
        """Finish building: sort multi-word terms first and precompute the single-word table."""
        self._frozen = {k: tuple(sorted(v, key=lambda h: -len(h.rest))) for k, v in self.first.items()}
        self._cache = {}
        self._tags = {}
        for cid, c in self.concepts.items():
            if c.tag is not None:
                _append(self._tags, tag_key(c.tag), cid)
        self._prefix_lengths = tuple(sorted({len(k) for k in self.prefix}, reverse=True))
        self._suffix_lengths = tuple(sorted({len(k) for k in self.suffix}, reverse=True))
        self.idiom_index = PhraseIndex(self.idioms)
        self.frame_index = PhraseIndex(self.role_frames, by_last=True)
        self.ask_index = PhraseIndex(self.asks)
        self.negation_index = PhraseIndex(self.negations, by_last=True)
        self.not_after_index = {c: PhraseIndex(p, by_last=True) for c, p in self.not_after.items()}

    @property
    def cache(self) -> dict[str, tuple[TermStart, ...]]:
        """The memo of :meth:`lookup` (read it directly in hot loops; fill it through lookup).

        It is bounded: when it has grown past 50,000 words it starts afresh, between drafts.
        """
        if len(self._cache) > _CACHE_LIMIT:
            self._cache = {}
        return self._cache

    def lookup(self, lemma: str) -> tuple[TermStart, ...]:
        """The terms that can start at a word with this form (exact or as part of a compound)."""
        hits = self._cache.get(lemma)
        if hits is None:
            exact = self._frozen.get(lemma, ())
            parts = tuple(h for h in self._compound(lemma) if h not in exact)
            hits = exact + parts if parts else exact
            self._cache[lemma] = hits
        return hits

    def _compound(self, word: str) -> tuple[TermStart, ...]:
        found: list[tuple[str, bool]] = []
        weak = self.weak_affixes
        n = len(word)
        for k in self._prefix_lengths:
            if k + _MIN_REST > n:
                continue
            ids = self.prefix.get(word[:k])
            if ids:
                rest = word[k:]
                if rest in self.not_heads:
                    continue  # "fabrikerede": a derived word, not a compound of "fabrik"
                if rest[0] in _LINKING and len(rest) > _MIN_REST:
                    rest = rest[1:]
                if len(rest) >= _MIN_REST:
                    # A long second part is a thing of its own that the term only describes
                    # ("forskerskatteordningen", "trivselsundersøgelse"): weak evidence.
                    modifier = len(rest) >= _MODIFIER_REST
                    found.extend((c, modifier or ("<" + word[:k], c) in weak) for c in ids)
                    break
        if self._suffix_lengths:
            forms = [word] + [word[: -len(e)] for e in _ENDINGS.get(self.lang, ()) if word.endswith(e)]
            for form in forms:
                m = len(form)
                for k in self._suffix_lengths:
                    if k + 2 > m:
                        continue
                    ids = self.suffix.get(form[m - k :])
                    if ids:
                        found.extend((c, (">" + form[m - k :], c) in weak) for c in ids)
                        break
                else:
                    continue
                break
        if "-" in word:
            # A hyphenated compound is about what its parts are about ("ransomware-angreb").
            for part in word.split("-"):
                if len(part) >= 2 and part != word:
                    found.extend((h.concept, h.weak) for h in self._frozen.get(part, ()) if not h.rest)
                    found.extend((h.concept, h.weak) for h in self._compound(part))
        best: dict[str, bool] = {}
        for c, w in found:  # a concept found as a strong part is strong
            best[c] = best.get(c, True) and w
        return tuple(TermStart((), c, w) for c, w in best.items())

    def concepts_for(self, phrase: str) -> tuple[str, ...]:
        """Concepts a whole topic phrase names (for linking roster topics to concepts).

        >>> builtin("da").concepts_for("Rekruttering")
        ('recruitment',)
        """
        words = words_of(phrase.lstrip("#"), self.lang)
        if not words:
            return ()
        out: list[str] = []
        for form in dict.fromkeys(words[0]):
            for h in self.lookup(form):
                if len(h.rest) == len(words) - 1 and all(
                    r in w for r, w in zip(h.rest, words[1:], strict=True)
                ):
                    out.append(h.concept)
        out.extend(self._tags.get(tag_key(phrase), ()))
        return tuple(dict.fromkeys(out))

    def copy(self) -> TopicIndex:
        """An unfrozen copy to extend with a roster's own topics."""
        new = TopicIndex(self.lang, dict(self.concepts))
        new.first = {k: list(v) for k, v in self.first.items()}
        new.prefix = {k: list(v) for k, v in self.prefix.items()}
        new.suffix = {k: list(v) for k, v in self.suffix.items()}
        new.weak_affixes = set(self.weak_affixes)
        new.other_senses = dict(self.other_senses)
        new.idioms, new.role_frames, new.asks = self.idioms, self.role_frames, self.asks
        new.we_words, new.i_words, new.you_words = self.we_words, self.i_words, self.you_words
        new.you_cased, new.negations, new.not_negating = self.you_cased, self.negations, self.not_negating
        new.not_after, new.verbs, new.harms = dict(self.not_after), dict(self.verbs), dict(self.harms)
        new.verb_before, new.verb_after = self.verb_before, self.verb_after
        new.domains, new.not_heads = self.domains, self.not_heads
        new.event_names, new.broad, new.specific = self.event_names, self.broad, self.specific
        return new


def _append(d: dict[str, list[str]], key: str, value: str) -> None:
    lst = d.setdefault(key, [])
    if value not in lst:
        lst.append(value)


@lru_cache(maxsize=8)
def builtin(lang: str) -> TopicIndex:
    """The built-in vocabulary of ``lang``, loaded once and shared (read-only)."""
    return _load_builtin(lang)


def _load_builtin(lang: str) -> TopicIndex:
    name = f"hashtags.{lang}.yaml"
    try:
        doc = _yaml.load_data("postcraft.tags", f"data/{name}", name)
    except FileNotFoundError:
        raise MissingLanguageDataError(lang, f"tags/data/{name}") from None
    idx = TopicIndex(lang)
    broad: set[str] = set()
    specific: set[str] = set()
    concepts = doc.get("concepts") if isinstance(doc, dict) else None
    if not isinstance(concepts, dict):
        raise ConfigError("expected 'concepts:' with one entry per concept id", path=name, line=1)
    for cid, entry in concepts.items():
        line = concepts.line_of(cid) if isinstance(concepts, _yaml.LineDict) else None
        if not isinstance(entry, dict) or not isinstance(entry.get("terms"), list):
            raise ConfigError(f"concept {cid!r} needs 'terms:' (a list)", path=name, line=line)
        unknown = set(entry) - {
            "tag",
            "label",
            "terms",
            "weak",
            "other_senses",
            "verbs",
            "not_after",
            "harms",
            "broad",
            "specific",
        }
        if unknown:
            raise ConfigError(f"concept {cid!r}: unknown keys {sorted(unknown)}", path=name, line=line)
        tag = entry.get("tag")
        if tag is not None and (not isinstance(tag, str) or not tag.startswith("#")):
            raise ConfigError(f"concept {cid!r}: 'tag' must start with '#'", path=name, line=line)
        label = str(entry.get("label") or (tag or cid).lstrip("#"))
        if entry.get("broad"):
            broad.add(str(cid))
        if entry.get("specific"):
            specific.add(str(cid))
        idx.concepts[str(cid)] = Concept(str(cid), tag, label)
        for term in _terms(entry["terms"], name, line):
            idx.add_term(term, str(cid))
        weak = entry.get("weak") or []
        if not isinstance(weak, list):
            raise ConfigError(f"concept {cid!r}: 'weak' must be a list of terms", path=name, line=line)
        for term in _terms(weak, name, line):
            idx.add_term(term, str(cid), weak=True)
        others = entry.get("other_senses") or []
        if not isinstance(others, list):
            raise ConfigError(
                f"concept {cid!r}: 'other_senses' must be a list of words", path=name, line=line
            )
        if others:
            idx.other_senses[str(cid)] = frozenset(fold(str(w)) for w in others)
        verbs = entry.get("verbs") or []
        not_after = entry.get("not_after") or []
        if not isinstance(verbs, list) or not isinstance(not_after, list):
            raise ConfigError(f"concept {cid!r}: 'verbs' and 'not_after' must be lists", path=name, line=line)
        if verbs:
            idx.verbs[str(cid)] = frozenset(fold(str(w)) for w in verbs)
        harms = entry.get("harms") or []
        if not isinstance(harms, list):
            raise ConfigError(f"concept {cid!r}: 'harms' must be a list", path=name, line=line)
        if harms:
            idx.harms[str(cid)] = frozenset(fold(str(w)) for w in harms)
        if not_after:
            idx.not_after[str(cid)] = tuple(
                tuple(word_pattern(w) for w in p.split()) for p in _terms(not_after, name, line)
            )
        if tag is not None:
            # The hashtag itself, written as a word ("AI", "ESG"), is evidence too (as weak as
            # the same word in the list: "data").
            idx.add_term(tag[1:], str(cid), weak=fold(tag[1:]) in {fold(str(w)).strip("*") for w in weak})
    signals = doc.get("signals") or {}
    if not isinstance(signals, dict):
        raise ConfigError("'signals:' must be a mapping", path=name, line=1)
    unknown = set(signals) - {
        "idioms", "role_frames", "asks", "we", "i", "you", "negations", "not_negating",
        "verb_before", "verb_after", "domains", "not_heads", "event_names",
    }  # fmt: skip
    if unknown:
        raise ConfigError(f"signals: unknown keys {sorted(unknown)}", path=name, line=1)

    def phrases(key: str) -> tuple[tuple[WordPattern, ...], ...]:
        return tuple(
            tuple(word_pattern(w) for w in str(p).split()) for p in _terms(signals.get(key) or [], name, 1)
        )

    idx.idioms = phrases("idioms")
    idx.role_frames = phrases("role_frames")
    idx.asks = phrases("asks")
    idx.we_words = frozenset(fold(str(w)) for w in signals.get("we") or ())
    idx.i_words = frozenset(fold(str(w)) for w in signals.get("i") or ())
    you = [str(w) for w in signals.get("you") or ()]
    idx.you_words = frozenset(fold(w) for w in you if w == fold(w))
    idx.you_cased = frozenset(w for w in you if w != fold(w))
    idx.negations = phrases("negations")
    idx.not_negating = frozenset(fold(str(w)) for w in signals.get("not_negating") or ())
    idx.verb_before = frozenset(fold(str(w)) for w in signals.get("verb_before") or ())
    idx.verb_after = frozenset(fold(str(w)) for w in signals.get("verb_after") or ())
    idx.domains = _domains(signals.get("domains") or {}, name)
    idx.not_heads = frozenset(fold(str(w)) for w in signals.get("not_heads") or ())
    idx.event_names = frozenset(fold(str(w)) for w in signals.get("event_names") or ())
    idx.broad = frozenset(broad)
    idx.specific = frozenset(specific)
    idx.freeze()
    return idx


def _domains(doc: object, name: str) -> tuple[Domain, ...]:
    """``signals: domains:`` → :class:`Domain` entries (``words``, ``least``, ``blocks``)."""
    if not isinstance(doc, dict):
        raise ConfigError("'signals: domains:' must be a mapping of domain names", path=name, line=1)
    out = []
    for dname, d in doc.items():
        if (
            not isinstance(d, dict)
            or not isinstance(d.get("words"), list)
            or not isinstance(d.get("blocks"), list)
        ):
            raise ConfigError(f"domain {dname!r} needs 'words:' and 'blocks:' (lists)", path=name, line=1)
        least = d.get("least", 2)
        if not isinstance(least, int) or least < 1:
            raise ConfigError(f"domain {dname!r}: 'least' must be a positive number", path=name, line=1)
        words = [fold(str(w)) for w in d["words"]]
        out.append(
            Domain(
                str(dname),
                frozenset(w for w in words if "*" not in w),
                least,
                frozenset(str(c) for c in d["blocks"]),
                tuple(w[:-1] for w in words if w.endswith("*") and not w.startswith("*")),
                tuple(w[1:] for w in words if w.startswith("*") and not w.endswith("*")),
            )
        )
    return tuple(out)


def _terms(terms: Iterable[object], name: str, line: int | None) -> Iterable[str]:
    for t in terms:
        if not isinstance(t, str) or not t.strip("* "):
            raise ConfigError(f"every term must be non-empty text, not {t!r}", path=name, line=line)
        yield t
