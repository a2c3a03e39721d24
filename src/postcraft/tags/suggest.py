"""Who and what a draft should tag, and why: :func:`suggest` over one :class:`Analysis`.

Rules that keep suggestions clear of engagement bait (LinkedIn down-ranks "tagging people
for attention"): a person is suggested only when the draft names them, or when they are an
in-house expert on what the draft is about (at most three, ranked); people who have not
agreed to be tagged are never suggested; a name that fits several people is reported, not
guessed; hashtags come from the draft's topics, never repeat one already there and never
take the post over the guidelines' limit (3 by default) counting those already present.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from functools import lru_cache
from operator import itemgetter
from typing import TYPE_CHECKING, Any, Literal

from .. import yamlsrc as _yaml
from .._regex import LazyPattern
from ..analysis import Analysis
from ..analysis.lemmas import lemma as _lemma
from ..langs import DEFAULT, lookup
from .aboutness import event_notice, refine
from .compiled import HOW_SCORE, CompiledRoster, _compile, context_words, name_words, strict_name_words
from .roster import _ORG_URN, _PAGE, Company, Roster, load_roster
from .vocab import PhraseIndex, TermStart, TopicIndex, WordPattern, fold, tag_key

if TYPE_CHECKING:
    from ..rules import Guidelines

SuggestionKind = Literal["person", "company", "expert", "hashtag"]

DEFAULT_MAX_HASHTAGS = 3
MAX_EXPERTS = 3
# A concept found n times scores 1 - DECAY**n: once 0.40, twice 0.64, three times 0.78.
DECAY = 0.6
MIN_HASHTAG_SCORE = 0.4
MIN_EXPERT_SCORE = 0.4
EXPERT_TAG_SCORE = 0.64
ORG_TAG_BONUS = 0.1
# Only the draft's main topics count: a concept (or an expert's topics together) must be found
# at least this share as often as the draft's most frequent concept. A passing mention of wind
# turbines in an anniversary post does not make the post about renewable energy.
EXPERT_MAIN_TOPIC = 0.5
HASHTAG_MAIN_TOPIC = 1 / 3
# A post of at most this many sentences is all opening: any of its words is prominent.
LEAD_ALL = 3

_CAMEL = LazyPattern(r"\p{Lu}+(?!\p{Ll})|\p{Lu}?\p{Ll}+|\p{N}+")
_URN_IN_MENTION = LazyPattern(r"\((urn:li:(?:person|organization):[A-Za-z0-9_-]+)\)$")
_SENTENCE_END = frozenset(".!?:…;•·–—-*>")


@dataclass(frozen=True)
class Suggestion:
    """One suggested tag.

    ``target`` is the display name (the roster's name) or, for a hashtag, the tag with its
    ``#``. ``start``/``end`` are the code-point span of the name in the draft (without a
    genitive ending: "Mette" in "Mettes"), ``None`` for experts and hashtags that the draft
    does not contain. ``action`` is ``"tag"`` for people and companies, ``"tag"`` or
    ``"ask_for_feedback"`` for experts and ``"add"`` for hashtags.
    """

    kind: SuggestionKind
    target: str
    urn: str | None
    start: int | None
    end: int | None
    score: float
    reason: str
    action: str = "tag"

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict."""
        return {
            "kind": self.kind,
            "target": self.target,
            "urn": self.urn,
            "start": self.start,
            "end": self.end,
            "score": self.score,
            "reason": self.reason,
            "action": self.action,
        }


@dataclass(frozen=True)
class NameNote:
    """A name in the draft that is not suggested: ``"ambiguous"`` (fits several people) or
    ``"no_consent"`` (the person has not agreed to be tagged).

    ``candidates`` lists, for an ambiguous name, the people it may be who agreed to be tagged.
    """

    kind: Literal["ambiguous", "no_consent"]
    text: str
    start: int
    end: int
    candidates: tuple[str, ...]
    reason: str

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict."""
        return {
            "kind": self.kind,
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "candidates": list(self.candidates),
            "reason": self.reason,
        }


@dataclass(frozen=True, eq=False)
class TagSuggestions:
    """Everything :func:`suggest` found for one draft.

    ``people``, ``companies``, ``experts`` and ``hashtags`` are tuples of :class:`Suggestion`;
    ``ambiguous`` holds names that fit several people and ``withheld`` people who are named
    but have not agreed to be tagged (both :class:`NameNote`).
    """

    people: tuple[Suggestion, ...] = ()
    companies: tuple[Suggestion, ...] = ()
    experts: tuple[Suggestion, ...] = ()
    hashtags: tuple[Suggestion, ...] = ()
    ambiguous: tuple[NameNote, ...] = ()
    withheld: tuple[NameNote, ...] = ()
    lang: str = DEFAULT
    analysis: Analysis | None = field(default=None, repr=False, compare=False)

    def all(self) -> tuple[Suggestion, ...]:
        """Every suggestion: people, companies, experts, then hashtags."""
        return self.people + self.companies + self.experts + self.hashtags

    def __bool__(self) -> bool:
        return bool(self.all() or self.ambiguous or self.withheld)

    def _repr_html_(self) -> str:
        from ..formats.html import tags_html

        return tags_html(self)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict; spans also carry line, column and UTF-16 offsets."""

        def one(s: Suggestion | NameNote) -> dict[str, Any]:
            d = s.to_dict()
            if self.analysis is not None and s.start is not None and s.end is not None:
                p = self.analysis.position(s.start)
                d["line"], d["column"] = p.line, p.column
                d["utf16_start"], d["utf16_end"] = p.utf16, self.analysis.utf16_offset(s.end)
            return d

        return {
            "lang": self.lang,
            "people": [one(s) for s in self.people],
            "companies": [one(s) for s in self.companies],
            "experts": [one(s) for s in self.experts],
            "hashtags": [one(s) for s in self.hashtags],
            "ambiguous": [one(n) for n in self.ambiguous],
            "withheld": [one(n) for n in self.withheld],
        }


# --------------------------------------------------------------------------------------------


def messages(lang: str) -> dict[str, str]:
    """The reason templates of ``lang`` (from ``data/messages.yaml``, else its fallback language's)."""
    return lookup(_messages(), lang)  # a language without reasons gets its fallback's


@lru_cache(maxsize=1)
def _messages() -> dict[str, dict[str, str]]:
    doc = _yaml.load_data("postcraft.tags", "data/messages.yaml", "messages.yaml")
    return {str(code): {str(k): str(v) for k, v in table.items()} for code, table in doc.items()}


def _join(items: list[str], word: str) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + f" {word} " + items[-1]


def _is_linebreak_gap(gap: str) -> bool:
    """White space with at most one line break (a name may wrap, a paragraph may not split it)."""
    if not gap or not gap.isspace():
        return False
    breaks = gap.count("\n") + gap.count("\r") - gap.count("\r\n")
    return breaks <= 1 and not any(c in gap for c in "\u2028\u2029\x85")


class _Found:
    __slots__ = ("score", "start", "end", "how", "token", "written")

    def __init__(self, score: float, start: int, end: int, how: str, token: str, written: str) -> None:
        self.score = score
        self.start = start
        self.end = end
        self.how = how
        self.token = token
        self.written = written


def _guideline_org(guidelines: Guidelines) -> tuple[str | None, tuple[str, ...], str | None] | None:
    org = guidelines.organisation
    name = org.name if org.name and org.name.strip() else None
    aliases = tuple(a for a in org.aliases if a.strip())
    if name is None and not aliases:
        return None
    return name, aliases, org.page


#: Guards the check-then-clear-then-add on ``CompiledRoster.extra``: a compiled roster is
#: cached and shared by every thread that suggests tags with it.
_EXTRA_LOCK = threading.Lock()


def _with_org(
    comp: CompiledRoster, roster: Roster, org: tuple[str | None, tuple[str, ...], str | None]
) -> CompiledRoster:
    """The roster's tables with the guidelines' organisation as the employer (cached)."""
    cached = comp.extra.get(org)
    if cached is not None:
        return cached
    name, aliases, page = org
    forms = {fold(f) for f in (name, *aliases) if f}
    companies = list(roster.companies)
    match = next(
        (j for j, c in enumerate(companies) if forms & {fold(f) for f in (c.name, *c.aliases)}), None
    )
    if match is not None:
        c = companies[match]
        extra_aliases = tuple(
            a for a in (name, *aliases) if a and fold(a) not in {fold(x) for x in (c.name, *c.aliases)}
        )
        urn = c.urn or (page if page and _ORG_URN.fullmatch(page) else None)
        companies[match] = Company(c.name, c.aliases + extra_aliases, urn, c.page, True)
        companies = [
            x if k == match or not x.employer else Company(x.name, x.aliases, x.urn, x.page, False)
            for k, x in enumerate(companies)
        ]
    else:
        display = name or aliases[0]
        urn = page if page and _ORG_URN.fullmatch(page) else None
        url = page if page and _PAGE.fullmatch(page) else None
        rest = tuple(a for a in aliases if a != display)
        companies = [Company(x.name, x.aliases, x.urn, x.page, False) for x in companies]
        companies.append(Company(display, rest, urn, url, True))
    new = _compile(roster.people, tuple(companies), roster.hashtags)
    with _EXTRA_LOCK:
        if len(comp.extra) > 16:
            comp.extra.clear()
        comp.extra[org] = new
    return new


def suggest(
    analysis: Analysis,
    roster: Roster | None = None,
    guidelines: Guidelines | None = None,
) -> TagSuggestions:
    """Suggest people, company pages, experts and hashtags for an analysed draft.

    ``guidelines`` (optional, loaded :class:`~postcraft.rules.Guidelines`) give ``max_hashtags``
    and the ``organisation`` (``name``, ``aliases``, ``page``), which is treated as the
    employer's company page.

    >>> from postcraft.analysis import analyze
    >>> from postcraft.tags import load_roster
    >>> roster = load_roster({"people": [{"name": "Mette Hansen", "consent": True,
    ...                                   "urn": "urn:li:person:abc123"}]})
    >>> s = suggest(analyze("Tak til Mettes team for en god rekrutteringsproces."), roster)
    >>> [(p.target, p.start, p.end) for p in s.people]
    [('Mette Hansen', 8, 13)]
    >>> [h.target for h in s.hashtags]
    ['#Rekruttering']
    """
    if not isinstance(roster, Roster):
        roster = load_roster(roster)
    comp = roster.compiled
    if guidelines is not None:
        org = _guideline_org(guidelines)
        if org is not None:
            comp = _with_org(comp, roster, org)
    lang = analysis.lang
    msgs = messages(lang)
    text = analysis.text
    toks = analysis.tokens
    n = len(toks)

    # -- names: one pass over the tokens ---------------------------------------------------
    # A comprehension finds the few tokens that can start a name (C-speed set look-ups); only
    # those are examined further.
    names = comp.names
    found: dict[int, _Found] = {}
    tagged: set[int] = set()
    ambiguous: list[tuple[tuple[int, ...], int, int, str]] = []
    covered: set[int] = set()
    if comp.urns and analysis.mentions:
        for t in analysis.mentions:
            m = _URN_IN_MENTION.search(t.text) if t.text.startswith("@[") else None
            if m is not None and m.group(1) in comp.urns:
                tagged.add(comp.urns[m.group(1)])
    starts = [i for i, t in enumerate(toks) if t[4] in names] if names else []
    pending: list[tuple[int, int, int, int, str, str]] = []
    resume = 0
    for i in starts:
        if i < resume:
            continue
        t = toks[i]
        hit = _match(names[t.lower], toks, i, n, text)
        if hit is None:
            continue
        e, j = hit
        first = t.text[0]
        if e.single and not _plausible_single(e, toks, i, text, lang, first == "@"):
            continue
        start = t.start
        last = toks[j]
        end = last.end
        if e.genitive or (e.rest and last.lower != e.rest[-1]):
            end -= 2 if last.lower.endswith(("'s", "’s")) else 1
        written = text[start + (1 if first == "@" else 0) : end]
        covered.update(range(i, j + 1))
        if len(e.targets) == 1 and e.hows[0] == "first" and first != "@":
            # A first name alone: the colleague only with evidence (checked below).
            pending.append((e.targets[0], i, start, end, text[end : last.end], written))
        elif len(e.targets) == 1:
            tgt = e.targets[0]
            how = e.hows[0]
            score = HOW_SCORE[how] - (0.05 if end != last.end else 0.0)
            old = found.get(tgt)
            if old is None or score > old.score:
                found[tgt] = _Found(score, start, end, how, text[end : last.end], written)
        else:
            ambiguous.append((e.targets, start, end, written))
        resume = j + 1

    if pending:
        employer_here = any(t < 0 and comp.companies[-1 - t].employer for t in (*found, *tagged))
        for tgt, i, start, end, token, written in pending:
            if tgt in found or tgt in tagged:
                continue  # "Emil Sørensen … Tillykke, Emil": the person already named in full
            # Someone who has not agreed gets the "leave it untagged" note without this check:
            # the note tags nobody.
            if not comp.people[tgt].consent or _colleague_context(
                analysis, i, lang, employer_here, comp.topics[lang]
            ):
                score = HOW_SCORE["first"] - (0.05 if token else 0.0)
                found[tgt] = _Found(score, start, end, "first", token, written)

    people_out: list[Suggestion] = []
    company_out: list[Suggestion] = []
    withheld: list[NameNote] = []
    for tgt, f in sorted(found.items(), key=lambda kv: kv[1].start):
        if tgt in tagged:
            continue
        if tgt >= 0:
            p = comp.people[tgt]
            if not p.consent:
                withheld.append(
                    NameNote(
                        "no_consent", f.written, f.start, f.end, (), msgs["withheld"].format(name=p.name)
                    )
                )
                continue
            shown = f.written + f.token
            key = "how_alias" if f.how == "full" and f.token else "how_" + f.how
            how = msgs[key].format(written=f.written, shown=shown)
            reason = msgs["person"].format(name=p.name, how=how)
            if p.urn is None:
                reason += msgs["no_urn"]
            people_out.append(Suggestion("person", p.name, p.urn, f.start, f.end, round(f.score, 3), reason))
        else:
            c = comp.companies[-1 - tgt]
            reason = msgs["employer" if c.employer else "company"].format(name=c.name)
            if c.urn is None:
                reason += msgs["no_urn_company"]
            company_out.append(
                Suggestion("company", c.name, c.urn, f.start, f.end, round(f.score, 3), reason)
            )

    notes: list[NameNote] = []
    seen_ambiguous: set[str] = set()
    for targets, start, end, written in ambiguous:
        if any(t in found or t in tagged for t in targets):
            continue  # "Anders Holm … Anders": the short form refers to the one already named
        key = fold(written)
        if key in seen_ambiguous:
            continue
        seen_ambiguous.add(key)
        cands = [comp.people[t].name for t in targets if t >= 0 and comp.people[t].consent]
        cands += [comp.companies[-1 - t].name for t in targets if t < 0]
        if not cands:
            continue
        reason = msgs["ambiguous"].format(written=written, candidates=_join(cands, msgs["and"]))
        notes.append(NameNote("ambiguous", written, start, end, tuple(cands), reason))

    # -- topics: one pass over the words -----------------------------------------------------
    idx = comp.topics[lang]
    hits, present, present_concepts = topic_hits(analysis, idx, covered)
    # Every mention counts towards how many topics the post touches (an expert's topic must be
    # most of them); then the mentions that do not make the post about a topic are dropped.
    mass = sum(rec[0] for rec in hits.values())
    refine(analysis, idx, hits)

    # -- is the post about the organisation's own work? ------------------------------------
    # The employer's page named or tagged, or one of the organisation's hashtags already used.
    # Only then are the organisation's own hashtags offered: a post about another company (its
    # job ad, its news) must not carry them.
    employer_named = any(t < 0 and comp.companies[-1 - t].employer for t in (*found, *tagged)) or any(
        ot.key in present for ot in comp.org_tags
    )

    need = needed(len(analysis.sentences))
    top = max((rec[0] for rec in hits.values()), default=0)

    # -- experts -------------------------------------------------------------------------------
    # Only for a post that is clearly about the expert's topic (evidence beyond one passing word,
    # see expert_evident) and that asks for that expertise: it asks the readers (tag the expert
    # so they can answer), or it tells about the organisation's own work (ask the expert to read
    # it first). Not for a post in which the author only states their job or tells of a past
    # event: such words are a role frame or weak terms, and do not count.
    expert_out: list[Suggestion] = []
    if comp.experts and hits and not event_notice(hits):
        ranked: list[tuple[float, str, int, list[str]]] = []
        strongest = max(rec[0] for rec in hits.values())
        total = max(mass, sum(rec[0] for rec in hits.values()))
        named = set(found) | tagged | {t for targets, *_ in ambiguous for t in targets}
        # Only an expert with a topic among the hits can count (the others would count 0).
        by_concept = comp.expert_concepts
        candidates = {pi for cid in hits if cid in by_concept for pi in by_concept[cid]}
        for pi in [pi for pi in comp.experts if pi in candidates] if candidates else ():
            if pi in named:
                continue
            mapping = comp.experts[pi]
            p = comp.people[pi]
            if p.languages and lang not in p.languages:
                continue
            count = 0
            topics: list[str] = []
            for cid, topic in mapping.items():
                rec = hits.get(cid)
                if rec is not None and evident(rec, need, rec[0] == top):
                    count += rec[0]
                    # The topic in the post's language: the concept's label, else as the roster
                    # writes it (a topic of its own, in no built-in vocabulary).
                    concept = idx.concepts.get(cid)
                    shown = concept.label if concept is not None and not cid.startswith("topic:") else topic
                    if shown not in topics:
                        topics.append(shown)
            if not count or count < strongest:
                continue  # the expert's topics must be what the post is mainly about
            others = max((r[0] for c, r in hits.items() if c not in mapping), default=0)
            if count <= others or 2 * count < total:
                continue  # one example among several topics ("cloud, data, security and hiring")
            score = min(1.0, 1 - DECAY**count + 0.05 * (len(topics) - 1))
            if score >= MIN_EXPERT_SCORE:
                ranked.append((score, p.name, pi, topics))
        # Whether the post asks for the expertise is read only when someone qualifies.
        question = own_work = False
        if ranked:
            question = _asks_readers(analysis, idx)
            asks = (
                not question
                and bool(idx.ask_index)
                and _phrase_count(
                    analysis, idx.ask_index, analysis.paragraphs[-1].start if analysis.paragraphs else 0
                )
                > 0
            )  # a call for input closes the post: "Any tips?", "Del gerne jeres erfaringer"
            question = question or asks
            own_work = employer_named or _speaks_as_organisation(analysis, idx)
            if not (question or own_work):
                ranked = []
        ranked.sort(key=lambda r: (-r[0], r[1]))
        limit = MAX_EXPERTS
        for score, name, pi, topics in ranked[:limit]:
            p = comp.people[pi]
            role = ", ".join(x for x in (p.role, p.team) if x)
            role = f" ({role})" if role else ""
            action = "tag" if question and score >= EXPERT_TAG_SCORE else "ask_for_feedback"
            if action == "ask_for_feedback" and not own_work:
                continue  # a question about a topic the expert does not answer well enough
            key = ("expert_ask" if asks else "expert_tag") if action == "tag" else "expert_feedback"
            reason = msgs[key].format(name=name, role=role, topics=_join(topics, msgs["and"]))
            expert_out.append(Suggestion("expert", name, p.urn, None, None, round(score, 3), reason, action))

    # -- hashtags ------------------------------------------------------------------------------
    hashtag_out: list[Suggestion] = []
    slots = (DEFAULT_MAX_HASHTAGS if guidelines is None else min(30, guidelines.max_hashtags)) - len(present)
    if slots > 0 and hits:
        offers: dict[str, tuple[float, int, str, str]] = {}

        def offer(tag: str, score: float, pos: int, reason: str) -> None:
            key = tag_key(tag)
            if key in present:
                return
            old = offers.get(key)
            if old is None or (score, -pos) > (old[0], -old[1]):
                offers[key] = (score, pos, tag, reason)

        strongest = max(rec[0] for rec in hits.values())
        for cid, rec in hits.items():
            count, pos, words = rec[0], rec[1], rec[2]
            if (
                cid in present_concepts
                or count < HASHTAG_MAIN_TOPIC * strongest
                or not evident(rec, need, count == top)
            ):
                continue
            score = 1 - DECAY**count
            if score < MIN_HASHTAG_SCORE:
                continue
            concept = idx.concepts.get(cid)
            label = concept.label if concept is not None else cid
            quoted = ", ".join(words)
            bare = (
                "_bare" if [w.casefold() for w in words] == [label.casefold()] else ""
            )  # not "onboarding (onboarding)"
            for ot in comp.org_tags if employer_named else ():
                if cid in ot.concepts and (not ot.languages or lang in ot.languages):
                    offer(
                        ot.tag,
                        min(1.0, score + ORG_TAG_BONUS),
                        pos,
                        msgs["org_hashtag" + bare].format(label=label, words=quoted),
                    )
            if concept is not None and concept.tag is not None:
                offer(concept.tag, score, pos, msgs["hashtag" + bare].format(label=label, words=quoted))
        best = sorted(offers.values(), key=lambda c: (-c[0], c[1]))[:slots]
        hashtag_out = [
            Suggestion("hashtag", tag, None, None, None, round(s, 3), r, "add") for s, _, tag, r in best
        ]

    return TagSuggestions(
        people=tuple(people_out),
        companies=tuple(company_out),
        experts=tuple(expert_out),
        hashtags=tuple(hashtag_out),
        ambiguous=tuple(notes),
        withheld=tuple(withheld),
        lang=lang,
        analysis=analysis,
    )


def topic_hits(
    analysis: Analysis, idx: TopicIndex, skip: set[int] | frozenset[int] = frozenset()
) -> tuple[dict[str, list[Any]], set[str], set[str]]:
    """Which concepts the draft is about: ``{concept: [count, first offset, words, last index,
    strong count, in the lead, mentions]}`` (mentions: ``(first, last, weak)`` token spans), plus the keys of the hashtags already in the draft and the
    concepts those cover.

    Each word counts once per concept, and the words after the first of a matched phrase are
    not looked up again ("user research" is about UX, not research); words in ``skip`` (token
    indices of names) are not counted at all, nor are the words of a fixed expression ("knække
    koden") or a term right after a role frame ("jeg er projektleder": the author's job, not the
    topic). *Strong* counts the terms that are not weak; *lead* says a term stands in the
    draft's opening (its first sentence, or all of a post of two sentences or fewer). Hashtags
    already present count as strong evidence in the lead.
    """
    text = analysis.text
    toks = analysis.tokens
    n = len(toks)
    lookup = idx.lookup
    hits: dict[str, list[Any]] = {}
    cache = idx.cache
    # Words whose lemma or own form starts a term (compound splitting is paid once per distinct
    # word, in lookup): "AI" has the lemma "have" in the English table, but the form "ai";
    # "coding" has the lemma "code" (weak) and the form "coding" (strong).
    starts = [
        k
        for k, t in enumerate(toks)
        if t[3] == "word"
        and (
            (cache[t[5]] if t[5] in cache else lookup(t[5]))
            or (t[4] != t[5] and (cache[t[4]] if t[4] in cache else lookup(t[4])))
        )
    ]
    if not starts and not analysis.hashtags:
        return {}, set(), set()
    idioms = idx.idiom_index if idx.idiom_index else None
    idiom_words, idiom_prefixes = (
        (idioms.words, idioms.word_prefixes) if idioms is not None else (frozenset(), ())
    )
    # Negations and hoping frames are looked for only right before a term that counts (the
    # same words a scan of the whole draft would find; see _after_phrase_at).
    negations = idx.negation_index if idx.negation_index else None
    not_negating = idx.not_negating
    hoping = idx.not_after_index
    # The forms that can end a role frame: a quick test before looking at the words before a term.
    frame_keys = idx.frame_index.keys if not idx.frame_index.prefixes else None
    if frame_keys is None and idx.frame_index:
        frame_keys = frozenset(t[4] for t in toks if idx.frame_index.candidates(t[4], t[5]))
    lead_end = _lead_end(analysis)
    claimed = -1  # words up to this index belong to a phrase already matched ("user research")
    for k in starts:
        if k in skip or k <= claimed:
            continue
        t = toks[k]
        # (the cheap tests of _in_idiom and _is_name first, without a call: most words fail them)
        if (
            idioms is not None
            and (
                t[4] in idiom_words
                or t[5] in idiom_words
                or (idiom_prefixes and t[4].startswith(idiom_prefixes))
            )
            and _in_idiom(toks, idioms, k)
        ):
            continue
        found = cache[t.lemma] if t.lemma in cache else lookup(t.lemma)
        if t.lower != t.lemma:
            found = _merge(found, lookup(t.lower))
        if t[0][:1].isupper() and not t[0].isupper() and _is_name(toks, k, text, idx):
            continue  # "Cloudflare", "AI-Denmark": a name, not the topic
        if (
            frame_keys
            and k
            and (toks[k - 1][4] in frame_keys or (k > 1 and toks[k - 2][4] in frame_keys))
            and _after_frame(toks, k, idx.frame_index, text)
        ):
            continue  # "jeg er projektleder", "as a developer": the author's role
        negated: bool | None = None  # whether word k is negated, read at the first term that asks
        for h in found:
            if h.rest and (
                k + 1 >= n
                or (toks[k + 1][5] != h.rest[0] and toks[k + 1][4] != h.rest[0])
                or not _phrase_at(toks, k, h.rest, text)
            ):
                continue  # (the next word tested here first: most multi-word terms fail on it)
            if (pix := hoping.get(h.concept)) is not None and _after_phrase_at(toks, pix, text, 3, k):
                continue  # "looking for a new job": hoped for, not so
            if negated is None:
                negated = negations is not None and _after_phrase_at(
                    toks, negations, text, 1, k, not_negating
                )
            if negated and not (
                (harms := idx.harms.get(h.concept)) and (t.lower in harms or t.lemma in harms)
            ):
                continue  # "no AI slop"; but "ingen arbejdsulykker" is still about safety
            verbs = idx.verbs.get(h.concept)
            if verbs and (t.lower in verbs or t.lemma in verbs) and _verb_context(toks, k, text, idx):
                continue  # "regeringen iværksætter en indsats": the verb, not the topic
            end_k = k + len(h.rest)
            if end_k > claimed and h.rest:
                claimed = end_k
            rec = hits.get(h.concept)
            lead = t.start < lead_end
            if rec is None:
                hits[h.concept] = [
                    1,
                    t.start,
                    [text[t.start : toks[end_k].end]],
                    end_k,
                    int(not h.weak),
                    lead,
                    [(k, end_k, h.weak)],
                ]
                continue
            if k <= rec[3]:
                # inside a phrase already counted for this concept; a strong term there makes
                # the mention strong
                if not h.weak and rec[4] == 0:
                    rec[4] = 1
                continue
            rec[0] += 1
            rec[6].append((k, end_k, h.weak))
            rec[3] = end_k
            rec[4] += not h.weak
            rec[5] = rec[5] or lead
            if len(rec[2]) < 3:
                w = text[t.start : toks[end_k].end]
                if fold(w) not in {fold(x) for x in rec[2]}:
                    rec[2].append(w)

    if idx.other_senses and hits:
        # "container" in a post that also says "docker": the weak terms are another sense.
        senses = [(cid, words) for cid, words in idx.other_senses.items() if cid in hits]
        if senses:
            forms = set(map(itemgetter(4), toks))
            forms.update(map(itemgetter(5), toks))
            for cid, words in senses:
                if words & forms:
                    rec = hits[cid]
                    if rec[4]:
                        rec[0] = rec[4]
                        rec[6] = [sp for sp in rec[6] if not sp[2]]
                    else:
                        del hits[cid]

    present: set[str] = set()
    present_concepts: set[str] = set()
    for t in analysis.hashtags:
        present.add(tag_key(t.text))
        for cid in _hashtag_concepts(t.text, analysis.lang, lookup):
            present_concepts.add(cid)
            rec = hits.get(cid)
            if rec is None:
                hits[cid] = [1, t.start, [t.text], -1, 1, True, []]
            else:
                rec[0] += 1
                rec[4] += 1
                rec[5] = True
    return hits, present, present_concepts


def needed(n_sentences: int) -> int:
    """How many mentions make a topic of a draft of ``n_sentences`` sentences: one in a post
    of up to five sentences (a specific word in a short post is its topic), two up to 12,
    three up to 30, four beyond (two mentions in a long blog post are still passing ones)."""
    return 1 if n_sentences <= 5 else 2 + (n_sentences > 12) + (n_sentences > 30)


def evident(rec: list[Any], need: int, main: bool) -> bool:
    """Enough evidence that a concept is a topic of the draft, not a passing word: a term that
    is not weak, and ``need`` mentions (or two, one of them in the opening); or, with weak terms
    only ("hire", "data", "container"), two more mentions than ``need`` when the concept is the
    draft's main topic (``main``)."""
    if rec[4] >= 1:
        return bool(rec[0] >= max(2, need) or (rec[5] and (rec[0] >= 2 or need == 1)))
    return main and rec[0] >= need + 2


def _merge(a: tuple[TermStart, ...], b: tuple[TermStart, ...]) -> tuple[TermStart, ...]:
    """The terms of a word's lemma and of its form; a term found strong in either is strong."""
    if not b:
        return a
    if not a:
        return b
    out = list(a)
    for h in b:
        strong, weak = h._replace(weak=False), h._replace(weak=True)
        if strong in out:
            continue
        if weak in out:
            if not h.weak:
                out[out.index(weak)] = h
            continue
        out.append(h)
    return tuple(out)


def _lead_end(analysis: Analysis) -> int:
    """Where the draft's opening ends: after its first sentence (and the second, when the first
    is a greeting or a heading of fewer than four words); a draft of at most two sentences is
    all opening."""
    sents = analysis.sentences
    if len(sents) <= LEAD_ALL:
        return len(analysis.text)
    toks = analysis.tokens
    first = sents[0]
    words = sum(1 for t in toks[first.first : first.last] if t[3] == "word")
    return sents[1].end if words < 4 else first.end


def _words_match(toks: Any, ks: list[int], patterns: tuple[WordPattern, ...], lemma: bool = True) -> bool:
    return all(
        toks[k][3] == "word" and p.matches(toks[k][4], toks[k][5] if lemma else toks[k][4])
        for k, p in zip(ks, patterns, strict=True)
    )


def _idiom_from(toks: Any, idiom: tuple[WordPattern, ...], k: int, n: int) -> list[int] | None:
    """The token indices of ``idiom`` when it starts at word ``k`` (its first word matched)."""
    got = [k]
    j = k
    for p in idiom[1:]:
        gap = 0
        j += 1
        while j < n and toks[j][3] == "word" and not p.matches(toks[j][4], toks[j][5]) and gap < 2:
            gap += 1
            j += 1
        if j >= n or toks[j][3] != "word" or not p.matches(toks[j][4], toks[j][5]):
            return None
        got.append(j)
    return got


def _in_idiom(toks: Any, index: PhraseIndex, k: int) -> bool:
    """True when word ``k`` belongs to a fixed expression of the draft (the words of an
    expression follow each other with at most two other words between them, within one
    sentence; ``tests/test_tags_fastpaths.py`` keeps the whole-draft scan as the reference).
    Only a word that is one of the expressions' words can be, and only an expression starting
    at most three tokens per word before it can reach it."""
    t = toks[k]
    words, wpre = index.words, index.word_prefixes
    if not (t[4] in words or t[5] in words or (wpre and t[4].startswith(wpre))):
        return False
    keys, prefixes = index.keys, index.prefixes
    n = len(toks)
    for s in range(max(0, k - 3 * (index.longest - 1)), k + 1):
        ts = toks[s]
        if ts[3] != "word" or not (
            ts[4] in keys or ts[5] in keys or (prefixes and ts[4].startswith(prefixes))
        ):
            continue
        for idiom in index.candidates(ts[4], ts[5]):
            got = _idiom_from(toks, idiom, s, n)
            if got is not None and k in got:
                return True
    return False


def _after_frame(toks: Any, k: int, index: PhraseIndex, text: str) -> bool:
    """True when the words right before token ``k`` (at most one word between) are a role frame."""
    for between in (0, 1):
        last = k - 1 - between
        if last < 0:
            return False
        t = toks[last]
        if t[3] != "word" or not text[t[2] : toks[last + 1][1]].isspace():
            return False
        for frame in index.candidates(t[4], t[5]):
            first = last - len(frame) + 1
            if first < 0:
                continue
            f = toks[first]
            if f[3] != "word" or not frame[0].matches(f[4], f[5]):
                continue  # (the frame's first word, tested first: "jeg", "arbejder" mostly fail)
            ks = list(range(first, last + 1))
            if all(text[toks[j - 1][2] : toks[j][1]].isspace() for j in ks[1:]) and _words_match(
                toks, ks, frame
            ):
                return True
    return False


def _after_phrase_at(
    toks: Any, index: PhraseIndex, text: str, reach: int, k: int, breakers: frozenset[str] = frozenset()
) -> bool:
    """True when ``k`` is one of the (at most ``reach``) words right after a phrase of ``index``
    within its sentence (a negation such as "no"/"ikke", or a hoping frame such as "looking
    for"; a word of ``breakers`` right after the phrase, as in "not only", makes it none;
    ``tests/test_tags_fastpaths.py`` keeps the whole-draft scan as the reference): only the
    ``reach`` words before ``k`` can end such a phrase, so only they are looked at."""
    keys, prefixes = index.keys, index.prefixes
    n = len(toks)
    for last in range(max(0, k - reach), k):
        t = toks[last]
        if t[3] != "word" or not (t[4] in keys or t[5] in keys or (prefixes and t[4].startswith(prefixes))):
            continue
        for ph in index.candidates(t[4], t[5]):
            first = last - len(ph) + 1
            if first < 0 or not _words_match(toks, list(range(first, last + 1)), ph):
                continue
            if not all(text[toks[j - 1][2] : toks[j][1]].isspace() for j in range(first + 1, last + 1)):
                continue
            j = last + 1
            if j < n and toks[j][3] == "word" and toks[j][4] in breakers:
                break
            # the phrase reaches k when every word from the one after it up to k follows on
            if all(
                toks[j][3] == "word" and text[toks[j - 1][2] : toks[j][1]].isspace()
                for j in range(last + 1, k + 1)
            ):
                return True
            break
    return False


def _is_name(toks: Any, k: int, text: str, idx: TopicIndex) -> bool:
    """True when word ``k`` is a proper name or a brand, which is no evidence of a topic its
    parts name: written CamelCase ("DataRobot"), a hyphenated compound whose head is
    capitalised ("AI-Denmark", "Recruit-Hub"), or capitalised in mid-sentence and neither a
    known word of the supported languages nor itself a term ("Cloudflare", "Læringsfabrikken").
    Acronyms ("AI", "ESG") and terms written as names ("ChatGPT") still count."""
    w = toks[k][0]
    if not w[:1].isupper() or w.isupper():
        return False
    if "-" in w:
        parts = w.split("-")
        if any(p[:1].isupper() and not p.isupper() for p in parts[1:]):
            return True
    if toks[k][4] in idx.first or toks[k][5] in idx.first:
        return False  # a term itself ("Cloud", "ChatGPT")
    if any(a.islower() and b.isupper() for a, b in zip(w, w[1:], strict=False)):
        return True
    if "-" in w or _starts_sentence(toks, k, text):
        return False
    from ..rules.vocab import known

    return not known(toks[k][4])


def _verb_context(toks: Any, k: int, text: str, idx: TopicIndex) -> bool:
    """True when word ``k`` stands as a verb: a subject pronoun, auxiliary or infinitive marker
    right before it ("vi iværksætter", "to nurse"), or an article or determiner right after it
    ("iværksætter en indsats", "nursing a cold")."""
    if k and toks[k - 1][3] == "word" and toks[k - 1][4] in idx.verb_before:
        return True
    return k + 1 < len(toks) and toks[k + 1][3] == "word" and toks[k + 1][4] in idx.verb_after


def _phrase_count(analysis: Analysis, index: PhraseIndex, since: int = 0) -> int:
    """How many times any phrase of ``index`` occurs from offset ``since`` on (consecutive
    words, as written: "help me" is not "helped me")."""
    toks = analysis.tokens
    n = len(toks)
    count = 0
    for k in index.starts(toks):
        t = toks[k]
        if t.start < since:
            continue
        for ph in index.candidates(t[4], t[4]):
            if k + len(ph) <= n and _words_match(toks, list(range(k, k + len(ph))), ph, lemma=False):
                count += 1
                break
    return count


def _phrase_at(toks: Any, k: int, rest: tuple[str, ...], text: str) -> bool:
    """True when the words after token ``k`` are ``rest`` (by lemma or form), separated by space."""
    if k + len(rest) >= len(toks):
        return False
    for off, r in enumerate(rest, 1):
        nt = toks[k + off]
        if (
            nt.kind != "word"
            or (nt.lemma != r and nt.lower != r)
            or not text[toks[k + off - 1].end : nt.start].isspace()
        ):
            return False
    return True


def _speaks_as_organisation(analysis: Analysis, idx: TopicIndex) -> bool:
    """True when the draft speaks for a team or organisation ("vi har åbnet", "our team"): at
    least two first-person plural words, and more of them than first-person singular ones."""
    if not idx.we_words:
        return False
    we = i = 0
    for t in analysis.tokens:
        if t[3] == "word":
            if t[4] in idx.we_words:
                we += 1
            elif t[4] in idx.i_words:
                i += 1
    return we >= 1 and we > i


def _asks_readers(analysis: Analysis, idx: TopicIndex | None = None) -> bool:
    """True when the post closes by asking the readers a question (the usual "What do you
    think?"): one of its last two sentences with words ends in a question mark outside quotes
    and, when the language lists its words for the reader (``you``; Danish "I" only with its
    capital), speaks to them. "Who cares?", "Hvorfor tager det så lang tid i …?" and a question
    the author goes on to answer ("Do you know why? Most teams …") are the author's own."""
    if "?" not in analysis.text or not analysis.sentences:
        return False
    you = idx.you_words if idx is not None else frozenset()
    cased = idx.you_cased if idx is not None else frozenset()
    toks = analysis.tokens
    text = analysis.text
    with_words = [s for s in analysis.sentences if any(t[3] == "word" for t in toks[s.first : s.last])]
    for s in with_words[-2:]:
        words = toks[s.first : s.last]
        qs = [t for t in words if t.kind == "punct" and "?" in t.text]
        if not qs:
            continue
        last_q = qs[-1]
        if any(t[3] == "word" and t.start > last_q.start for t in words):
            continue  # "Why? Because …": the question does not close the sentence
        before = text[s.start : last_q.start]
        if sum(before.count(q) for q in '"“”»«') % 2:
            continue  # inside a quotation: someone else's question
        if not (you or cased):
            return True
        for k in range(s.first, s.last):
            t = toks[k]
            if t[3] != "word" or t.start > last_q.start:
                continue
            if t[4] in you or (t.text in cased and not _starts_sentence(toks, k, text)):
                return True
    return False


def _match(entries: Any, toks: Any, i: int, n: int, text: str) -> tuple[Any, int] | None:
    """The longest entry that matches the tokens from ``i``, and the index of its last token."""
    for e in entries:
        if e.upper:
            c = toks[i].text[0]
            if not (c.isupper() or c == "@"):
                continue
        j = i
        ok = True
        last_pos = len(e.rest) - 1
        for pos, r in enumerate(e.rest):
            j += 1
            if j >= n:
                ok = False
                break
            nt = toks[j]
            gap = text[toks[j - 1].end : nt.start]
            if e.spaced[pos]:
                if not _is_linebreak_gap(gap):
                    ok = False
                    break
            elif gap:
                ok = False
                break
            if nt.lower != r and not (pos == last_pos and nt.lower in e.last_forms):
                ok = False
                break
        if ok:
            return e, j
    return None


def _plausible_single(e: Any, toks: Any, i: int, text: str, lang: str, at: bool) -> bool:
    """Guards for one-word names: not a sentence-initial common word ("Per uge …"), not a
    function word ("Jeg har …"), not a capitalised common word without a follower ("rise in
    May") and not the first name of someone else whose surname follows ("Mette Frederiksen")."""
    if at:
        return True
    t = toks[i]
    if i + 1 < len(toks):
        nt = toks[i + 1]
        gap = text[t.end : nt.start]
        if nt.kind == "word" and nt.text[0].isupper() and gap and gap.isspace() and "\n" not in gap:
            return False
    base = t.lower
    if e.genitive:
        base = base[:-2] if base.endswith(("'s", "’s")) else base[:-1]
    words, followers = name_words(lang)
    never, capitalised = strict_name_words(lang)
    if base in never:
        return False
    if base in capitalised or (base in words and _starts_sentence(toks, i, text)):
        nxt = toks[i + 1] if i + 1 < len(toks) else None
        return nxt is not None and nxt.lower in followers and "\n" not in text[t.end : nxt.start]
    return True


def _colleague_context(
    analysis: Analysis, i: int, lang: str, employer_named: bool, idx: TopicIndex | None = None
) -> bool:
    """True when a first name alone (token ``i``) is evidently about a colleague: no family word
    in its sentence ("Emil pegede på sin farfar", "my son Emil"), and the employer named in the
    post, or a work word or a term of the topic vocabulary (work topics: "rekrutteringen") in its
    sentence or the one before or after ("Tak til Emil for indsatsen på projektet", "Thanks to
    Priya … with the team")."""
    work, family = context_words(lang)
    toks = analysis.tokens
    sents = analysis.sentences
    at = next((n for n, s in enumerate(sents) if s.first <= i < s.last), None)
    if at is None:
        return employer_named

    def words(n: int) -> set[str]:
        s = sents[n]
        return {w for t in toks[s.first : s.last] if t[3] == "word" for w in (t[4], t[5])}

    if words(at) & family:
        return False
    if employer_named:
        return True
    near = [n for n in (at - 1, at, at + 1) if 0 <= n < len(sents)]
    if any(words(n) & work for n in near):
        return True
    # A specific term only: a weak one ("kultur", "skole", "data") is no work context.
    return idx is not None and any(
        any(not h.rest and not h.weak for h in idx.lookup(w)) for n in near for w in words(n)
    )


def _starts_sentence(toks: Any, i: int, text: str) -> bool:
    if i == 0:
        return True
    prev = toks[i - 1]
    if "\n" in text[prev.end : toks[i].start]:
        return True
    return prev.kind in ("punct", "symbol", "emoji") and any(c in _SENTENCE_END for c in prev.text)


def _hashtag_concepts(tag: str, lang: str, lookup: Any) -> list[str]:
    """Concepts an existing hashtag stands for: its whole body, then its CamelCase words."""
    body = fold(tag.lstrip("#"))
    out = [h.concept for form in {body, _lemma(body, lang)} for h in lookup(form) if not h.rest]
    parts = [fold(p) for p in _CAMEL.findall(tag)]
    if len(parts) > 1:
        forms = [(p, _lemma(p, lang)) for p in parts]
        for k, pair in enumerate(forms):
            for form in set(pair):
                for h in lookup(form):
                    nxt = forms[k + 1 : k + 1 + len(h.rest)]
                    if len(nxt) == len(h.rest) and all(r in f for r, f in zip(h.rest, nxt, strict=True)):
                        out.append(h.concept)
    return list(dict.fromkeys(out))
