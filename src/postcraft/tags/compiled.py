"""Look-up tables compiled from a roster once, when it is loaded.

* a name index: first token of every name, alias, nickname and (unambiguous) first name →
  the ways a name can continue from there, including Danish/English genitives and ``@name``;
* topic indexes per language: the built-in vocabulary extended with the roster's own topics;
* which concepts each expert and each organisation hashtag belongs to.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Any, NamedTuple

from .. import yamlsrc as _yaml
from ..analysis.tokens import tokenize
from ..langs import SUPPORTED
from .vocab import TopicIndex, builtin, fold, tag_key, words_of

if TYPE_CHECKING:
    from .roster import Company, OrgHashtag, Person, Roster

# How a name was matched, best first; the score of a person/company suggestion.
HOW_SCORE = {"full": 1.0, "alias": 0.95, "nickname": 0.9, "first": 0.8}


class NameEntry(NamedTuple):
    """One way a name can be written, keyed in the index by its first token.

    ``targets`` are people (``i >= 0``) or companies (``-1 - j``); more than one target means
    the written name is ambiguous. ``hows`` says, per target, which kind of name it is.
    """

    rest: tuple[str, ...]
    spaced: tuple[bool, ...]
    last_forms: frozenset[str]
    targets: tuple[int, ...]
    hows: tuple[str, ...]
    genitive: bool
    upper: bool
    single: bool


@dataclass(frozen=True)
class OrgTag:
    """An organisation hashtag with the concepts it belongs to."""

    tag: str
    key: str
    concepts: frozenset[str]
    languages: tuple[str, ...]


@dataclass(eq=False)
class CompiledRoster:
    """Everything :func:`postcraft.tags.suggest` needs, precomputed."""

    people: tuple[Person, ...]
    companies: tuple[Company, ...]
    names: dict[str, tuple[NameEntry, ...]]
    urns: dict[str, int]
    topics: dict[str, TopicIndex]
    # expert index -> {concept id: roster topic as written}
    experts: dict[int, dict[str, str]]
    org_tags: tuple[OrgTag, ...]
    employer: int | None
    extra: dict[tuple[object, ...], CompiledRoster] = field(default_factory=dict)
    #: concept id -> the experts with that topic, in the order of ``experts``
    expert_concepts: dict[str, tuple[int, ...]] = field(init=False)

    def __post_init__(self) -> None:
        by_concept: dict[str, list[int]] = {}
        for pi, mapping in self.experts.items():
            for cid in mapping:
                by_concept.setdefault(cid, []).append(pi)
        self.expert_concepts = {cid: tuple(pis) for cid, pis in by_concept.items()}


def _genitives(tok: str) -> tuple[str, ...]:
    out = [tok + "'s", tok + "’s"]
    if not tok.endswith(("s", "x", "z")):
        out.append(tok + "s")
    return tuple(out)


def _name_tokens(name: str) -> tuple[tuple[str, ...], tuple[bool, ...], bool]:
    """Lower-case tokens of a name, whether white space precedes each, and if it is capitalised."""
    toks = [t for t in tokenize(name) if t[3] != "emoji"]
    lowers = tuple(fold(t[0]) for t in toks)
    spaced = tuple(toks[k][1] > toks[k - 1][2] for k in range(1, len(toks)))
    upper = bool(toks) and toks[0][0][:1].isupper()
    return lowers, spaced, upper


def compile_roster(roster: Roster) -> CompiledRoster:
    """Compile ``roster`` (called by ``Roster.__post_init__``)."""
    return _compile(roster.people, roster.companies, roster.hashtags)


def _compile(
    people: tuple[Person, ...],
    companies: tuple[Company, ...],
    hashtags: tuple[OrgHashtag, ...],
) -> CompiledRoster:
    # variant (tokens) -> {target: how}; spaced/upper per variant.
    variants: dict[tuple[str, ...], dict[int, str]] = {}
    shape: dict[tuple[str, ...], tuple[tuple[bool, ...], bool]] = {}

    def add(name: str, target: int, how: str) -> None:
        toks, spaced, upper = _name_tokens(name)
        if not toks:
            return
        slot = variants.setdefault(toks, {})
        old = slot.get(target)
        if old is None or HOW_SCORE[how] > HOW_SCORE[old]:
            slot[target] = how
        prev = shape.get(toks)
        shape[toks] = (spaced, upper and (prev[1] if prev else True))

    for i, p in enumerate(people):
        add(p.name, i, "full")
        words = p.name.split()
        if len(words) >= 3:
            add(f"{words[0]} {words[-1]}", i, "full")
        if len(words) >= 2:
            add(words[0], i, "first")
        for a in p.aliases:
            add(a, i, "alias")
        for a in p.nicknames:
            add(a, i, "nickname")
    for j, c in enumerate(companies):
        add(c.name, -1 - j, "full")
        for a in c.aliases:
            add(a, -1 - j, "alias")

    # A written form that fits several targets (two people called Anders, a nickname that is
    # someone else's first name) keeps all of them: that is an ambiguity to report, not guess.
    index: dict[str, list[NameEntry]] = {}
    exact_singles = {toks[0] for toks in variants if len(toks) == 1}
    for toks, targets in variants.items():
        ordered = sorted(targets.items(), key=lambda kv: (-HOW_SCORE[kv[1]], kv[0]))
        tgt = tuple(t for t, _ in ordered)
        hows = tuple(h for _, h in ordered)
        spaced, upper = shape[toks]
        single = len(toks) == 1
        last_forms = frozenset(_genitives(toks[-1])) if not single else frozenset()
        entry = NameEntry(toks[1:], spaced, last_forms, tgt, hows, False, upper, single)
        for key in (toks[0], "@" + toks[0]):
            index.setdefault(key, []).append(entry)
        if single:
            gen = entry._replace(genitive=True)
            for form in _genitives(toks[0]):
                if form not in exact_singles:
                    index.setdefault(form, []).append(gen)
    names = {k: tuple(sorted(v, key=lambda e: -len(e.rest))) for k, v in index.items()}

    urns: dict[str, int] = {}
    for i, p in enumerate(people):
        if p.urn:
            urns[p.urn] = i
    for j, c in enumerate(companies):
        if c.urn:
            urns[c.urn] = -1 - j

    topics, experts, org_tags = _compile_topics(people, hashtags)
    employer = next((-1 - j for j, c in enumerate(companies) if c.employer), None)
    return CompiledRoster(
        people=people,
        companies=companies,
        names=names,
        urns=urns,
        topics=topics,
        experts=experts,
        org_tags=org_tags,
        employer=employer,
    )


class BuiltinTopics(dict[str, TopicIndex]):
    """``{lang: builtin(lang)}`` for every supported language, each vocabulary loaded when it
    is first looked up with ``[lang]``: an English draft never loads the Danish one (3.5 ms of
    a cold ``postcraft review``). ``get``, ``in`` and iteration see the loaded ones only."""

    def __missing__(self, lang: str) -> TopicIndex:
        if lang not in SUPPORTED:
            raise KeyError(lang)
        idx = self[lang] = builtin(lang)
        return idx


def _compile_topics(
    people: tuple[Person, ...], hashtags: tuple[OrgHashtag, ...]
) -> tuple[dict[str, TopicIndex], dict[int, dict[str, str]], tuple[OrgTag, ...]]:
    base = BuiltinTopics()
    custom: dict[str, tuple[str, str]] = {}  # custom concept id -> (label, phrase)

    def resolve(topic: str) -> tuple[str, ...]:
        linked: list[str] = []
        for lang in SUPPORTED:
            linked.extend(base[lang].concepts_for(topic))
        if linked:
            return tuple(dict.fromkeys(linked))
        cid = "topic:" + tag_key(topic)
        custom.setdefault(cid, (topic, topic.lstrip("#")))
        return (cid,)

    experts: dict[int, dict[str, str]] = {}
    for i, p in enumerate(people):
        if not (p.expert and p.consent and p.topics):
            continue
        mapping: dict[str, str] = {}
        for topic in p.topics:
            for cid in resolve(topic):
                mapping.setdefault(cid, topic)
        experts[i] = mapping
    org_tags: list[OrgTag] = []
    for h in hashtags:
        concepts: list[str] = []
        for topic in h.topics:
            concepts.extend(resolve(topic))
        org_tags.append(OrgTag(h.tag, tag_key(h.tag), frozenset(concepts), h.languages))

    if not custom:
        return base, experts, tuple(org_tags)
    topics: dict[str, TopicIndex] = {}
    from .vocab import Concept

    for lang in SUPPORTED:
        idx = base[lang].copy()
        for cid, (label, phrase) in custom.items():
            idx.concepts[cid] = Concept(cid, None, label)
            if words_of(phrase, lang):
                idx.add_term(phrase, cid)
        idx.freeze()
        topics[lang] = idx
    return topics, experts, tuple(org_tags)


@lru_cache(maxsize=1)
def _name_words_doc() -> Any:
    """``data/name_words.yaml``, read once for the three tables below (treat it as read-only)."""
    return _yaml.load_data("postcraft.tags", "data/name_words.yaml", "name_words.yaml")


@lru_cache(maxsize=8)
def name_words(lang: str) -> tuple[frozenset[str], frozenset[str]]:
    """First names that are also ordinary words in ``lang`` ("Per", "Bo", "Mark", "Will"), and
    the words that, right after such a name at the start of a sentence, show it is a name."""
    doc = _name_words_doc()
    return (
        frozenset(fold(str(w)) for w in doc["words"].get(lang) or ()),
        frozenset(fold(str(w)) for w in doc["followers"].get(lang) or ()),
    )


@lru_cache(maxsize=8)
def strict_name_words(lang: str) -> tuple[frozenset[str], frozenset[str]]:
    """Words that are never a one-word name in ``lang`` ("Jeg"), and words written with a
    capital anywhere ("May"), which need a follower after them to count as a name.

    >>> never, capitalised = strict_name_words("en")
    >>> "i" in never, "may" in capitalised
    (True, True)
    """
    doc = _name_words_doc()
    return (
        frozenset(fold(str(w)) for w in (doc.get("function_words") or {}).get(lang) or ()),
        frozenset(fold(str(w)) for w in (doc.get("capitalised") or {}).get(lang) or ()),
    )


@lru_cache(maxsize=8)
def context_words(lang: str) -> tuple[frozenset[str], frozenset[str]]:
    """Work words that show a first name alone means the colleague ("projektet", "the team"),
    and family words that show it does not ("søn", "grandmother"), in ``lang``.

    >>> work, family = context_words("en")
    >>> "team" in work, "grandmother" in family
    (True, True)
    """
    doc = _name_words_doc()
    return (
        frozenset(fold(str(w)) for w in (doc.get("work_context") or {}).get(lang) or ()),
        frozenset(fold(str(w)) for w in (doc.get("family") or {}).get(lang) or ()),
    )
