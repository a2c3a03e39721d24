"""Is the draft *about* a topic, or does it only mention it? Checks on the topics found by
:func:`~postcraft.tags.suggest.topic_hits`, applied before hashtags and experts are chosen.

Issue 14's held-out judging found suggestions for words in another domain's sense (a football
club's "recruitment", "coach" and "sustainable model"; a scout group's "ledere"), for the name
of an event ("Google Cloud Next"), and for a topic named once in a bio line or one paragraph of
a long post about something else. :func:`refine` drops those topics:

* **another domain** (``signals: domains:``): a post with enough distinct words of a domain
  (sport, scouting, a club or association) loses the concepts whose words mean something else
  there;
* **an event's name**: a term right before a capitalised event word ("Cloud Next", "AI Summit")
  is part of the event's name, no evidence of its topic; nor is a term joined to another word
  by an underscore, part of a code identifier ("AWS_SECRET_ACCESS_KEY");
* **a tool is not the topic** (``specific: true``): the concept's weak words are never enough
  alone, however often ("GitHub" without open-source words), unless two different ones stand in
  one sentence ("fra ansøgning til ansættelse", "velkommen til 14 nye kolleger");
* **broad concepts** (``broad: true``: research, marketing, AI, innovation …) need two pieces of
  evidence — two sentences that mention them, or two different words ("ChatGPT … AI") — in a
  post of more than three sentences;
* **an event notice** (a meetup or conference named in the opening): the topics of the talks
  it lists are its programme, not its topic; only topics named in its opening or (when it has
  several paragraphs) its first paragraph stay, and no expert is suggested. Another event named
  later is no topic either (a meetup notice that raffles a conference ticket is not
  #Conference), and for an event concept a weak word in the first paragraph ("call for
  speakers") is not enough;
* **one paragraph**: in a long post (three or more paragraphs, more than 12 sentences), a topic
  whose mentions all stand in one paragraph after the first two that holds less than a quarter
  of the post is a passing mention (a bio at the end, one example, one aside).
"""

from __future__ import annotations

from bisect import bisect_right
from typing import Any

from ..analysis import Analysis
from .vocab import TopicIndex

#: concepts of events: a post that announces one in its opening is a notice, not a call for
#: expertise on the talks it lists
EVENT_CONCEPTS = ("events", "meetup")
#: a post of at most this many sentences may name a broad topic once
SHORT_POST = 3
#: a post of this many paragraphs and more than SPREAD_SENTENCES sentences is long: a topic
#: must not live in one paragraph other than the first that holds less than 1/SPREAD_SHARE of it
SPREAD_PARAGRAPHS = 3
SPREAD_SENTENCES = 12
SPREAD_SHARE = 4


def event_notice(hits: dict[str, list[Any]]) -> bool:
    """True when the draft announces an event (a meetup, a conference) in its opening: the talks
    it lists are the event's programme, so no expert is suggested for their topics."""
    return any(c in hits and hits[c][5] for c in EVENT_CONCEPTS)


def weak_pairs(toks: Any, firsts: list[int], spans: list[tuple[int, int, bool]]) -> int:
    """How many sentences hold two different weak words of one concept ("sagt velkommen til 14
    nye kolleger", "fra ansøgning til ansættelse"): together they are specific evidence."""
    words: dict[int, set[str]] = {}
    for a, _, weak in spans:
        if weak:
            words.setdefault(bisect_right(firsts, a) - 1, set()).add(toks[a][5])
    return sum(len(w) >= 2 for w in words.values())


def blocked_by_domain(analysis: Analysis, idx: TopicIndex) -> frozenset[str]:
    """Concepts that the draft's domain gives another sense (``signals: domains:``): a post with
    at least ``least`` distinct words of a domain loses its ``blocks``.

    >>> from postcraft.analysis import analyze
    >>> from postcraft.tags.vocab import builtin
    >>> sorted(blocked_by_domain(analyze("Fodboldklubben har hentet en ny angriber til "
    ...     "Superligaen.", lang="da"), builtin("da")))[:3]
    ['career', 'education', 'green_transition']
    """
    if not idx.domains:
        return frozenset()
    lemma_of = {t[4]: t[5] for t in analysis.tokens if t[3] == "word"}
    lemmas = set(lemma_of.values())
    out: set[str] = set()
    for d in idx.domains:
        # distinct words by lemma: "club" and "clubs" are one
        found = {lemma_of[w] for w in d.words.intersection(lemma_of)} | (d.words & lemmas)
        if len(found) < d.least and (d.prefixes or d.suffixes):
            found |= {
                lemma
                for low, lemma in lemma_of.items()
                if (d.prefixes and low.startswith(d.prefixes)) or (d.suffixes and low.endswith(d.suffixes))
            }
        if len(found) >= d.least:
            out |= d.blocks
    return frozenset(out)


def in_event_name(toks: Any, end: int, text: str, idx: TopicIndex) -> bool:
    """True when the term ending at token ``end`` is followed, on the same line, by a capitalised
    event word ("Google Cloud Next", "AI Summit", "Data Days")."""
    if not idx.event_names or end + 1 >= len(toks):
        return False
    nt = toks[end + 1]
    gap = text[toks[end][2] : nt[1]]
    return nt[3] == "word" and nt[0][:1].isupper() and gap == " " and (nt[4] in idx.event_names)


def in_identifier(toks: Any, first: int, last: int, text: str) -> bool:
    """True when the term is joined to another word by an underscore: part of a code identifier
    ("AWS_SECRET_ACCESS_KEY", "ai_model_path"), no evidence of its topic. Markdown emphasis
    ("_continuous delivery_") is not an identifier."""
    a, b = toks[first][1], toks[last][2]
    return (text[a - 1 : a] == "_" and text[max(0, a - 2) : a][:1].isalnum()) or (
        text[b : b + 1] == "_" and text[b + 1 : b + 2].isalnum()
    )


def refine(analysis: Analysis, idx: TopicIndex, hits: dict[str, list[Any]]) -> None:
    """Drop from ``hits`` (in place) the topics the draft only mentions (see the module's
    docstring) and count the rest by sentence. A record's seventh field lists the token spans
    ``(first, last, weak)`` of its mentions; a hashtag already in the draft has none and stays."""
    if not hits:
        return
    blockable = any(c in d.blocks for d in idx.domains for c in hits)
    blocked = blocked_by_domain(analysis, idx) if blockable else frozenset()
    sents = analysis.sentences
    firsts = [s.first for s in sents]
    paras = analysis.paragraphs
    pstarts = [p.start for p in paras]
    toks = analysis.tokens
    text = analysis.text
    long_post = len(paras) >= SPREAD_PARAGRAPHS and len(sents) > SPREAD_SENTENCES
    for cid in list(hits):
        rec = hits[cid]
        spans = rec[6]
        if cid in blocked:
            del hits[cid]
            continue
        if not spans:
            continue  # only the draft's own hashtag
        if cid in idx.specific and not rec[4]:
            paired = weak_pairs(toks, firsts, spans)
            if not paired:
                del hits[cid]  # weak words only: "GitHub" is a tool, not #OpenSource
                continue
            rec[4] = paired  # "fra ansøgning til ansættelse": two weak words make one specific
        spans = [
            sp
            for sp in spans
            if not in_event_name(toks, sp[1], text, idx) and not in_identifier(toks, sp[0], sp[1], text)
        ]
        if not spans:
            del hits[cid]
            continue
        in_sents = {bisect_right(firsts, a) - 1 for a, *_ in spans}
        tag_mentions = max(0, rec[0] - len(rec[6]))  # hashtags already in the draft
        rec[0] = len(spans) + tag_mentions
        if cid in idx.broad and len(in_sents) < 2 and len(rec[2]) < 2 and not tag_mentions:
            if len(sents) > SHORT_POST:
                del hits[cid]
                continue
        if long_post and not tag_mentions:
            in_paras = {bisect_right(pstarts, toks[a][1]) - 1 for a, *_ in spans}
            if len(in_paras) == 1 and min(in_paras) > 1:  # not the first two paragraphs
                p = paras[in_paras.pop()]
                if (p.end - p.start) * SPREAD_SHARE < len(text):
                    del hits[cid]  # one paragraph of a long post about something else
    if event_notice(hits):
        # The talks a notice lists are its programme; the event's own theme is in its opening
        # (its first sentence, or its first paragraph when it has several). Another event named
        # later (a meetup that raffles a conference ticket) is no topic either, and a "call for
        # speakers" in the first paragraph is the notice's own business, not a conference.
        head = paras[0].end if len(paras) > 1 else 0
        for cid in [
            c
            for c, rec in hits.items()
            if not rec[5]
            and rec[6]
            and not any(toks[a][1] < head and not (weak and c in EVENT_CONCEPTS) for a, _, weak in rec[6])
        ]:
            del hits[cid]
