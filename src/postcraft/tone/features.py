"""Tone features computed from the shared :class:`~postcraft.analysis.Analysis`.

The built-in models measure **voice, not topic**: who is speaking and how. They see only the
*style* features below, each a rate, count or flag of word classes from ``tone/data/lexicon.yaml``
(pronouns by form, Danish "I"/"i" by position, experience and opinion markers, hedges,
contractions, emoji, exclamations, questions, calls to action, announcement and press-release
structure, quotes attributed to others, the organisation in the third person, hashtags, links,
nominal style) plus three length measures. No open-vocabulary word is a feature, so topic words
(markets, health, a company name) cannot decide the score.

Every style feature except the three length measures is zero when its words are absent, and
records the tokens behind it, so an explanation can always point at the words.

*Sparse* n-grams (word lemmas ``w:``, lemma pairs ``b:``, endings ``x:``) are still computed for
organisation models trained on an organisation's own posts (``postcraft train tone --out-model``);
the built-in models give them no weight.

The same code builds features for training and for scoring, so they cannot drift apart.
"""

from __future__ import annotations

import math
import os
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from ..analysis import Analysis
from ..langs import require

#: Style features: (name, explanation category, kind). Kinds: ``rate`` (per word), ``log``
#: (log(1 + count)), ``flag`` (0/1), ``size`` (length measures: always present, never a driver).
STYLE_SPEC: tuple[tuple[str, str, str], ...] = (
    ("first_singular", "pronouns", "rate"),
    ("first_plural", "pronouns", "rate"),
    ("plural_without_self", "pronouns", "rate"),
    ("opens_first_person", "pronouns", "flag"),
    ("opens_first_plural", "pronouns", "flag"),
    ("second_person", "address", "rate"),
    ("address_without_self", "address", "rate"),
    ("mental_verbs", "narrative", "rate"),
    ("hedges", "narrative", "log"),
    ("experience", "narrative", "log"),
    ("informal", "informality", "rate"),
    ("contractions", "informality", "rate"),
    ("emoji", "emoji", "log"),
    ("exclamations", "emoji", "log"),
    ("questions", "questions", "log"),
    ("announcement", "announcement", "log"),
    ("call_to_action", "call_to_action", "log"),
    ("imperative_opening", "call_to_action", "log"),
    ("corporate_vocabulary", "corporate_vocabulary", "rate"),
    ("nominal", "nominal_style", "rate"),
    ("long_words", "nominal_style", "rate"),
    ("official_quotes", "quotes", "log"),
    ("self_reference", "names", "log"),
    ("headline", "headline", "flag"),
    ("sign_off", "signature", "flag"),
    ("mentions", "mentions", "log"),
    ("hashtags", "hashtags", "log"),
    ("links", "links", "log"),
    ("link_at_end", "links", "flag"),
    ("figures", "figures", "rate"),
    ("word_length", "structure", "size"),
    ("sentence_length", "structure", "size"),
    ("length", "structure", "size"),
)
STYLE_NAMES: tuple[str, ...] = tuple(n for n, _, _ in STYLE_SPEC)
STYLE_CATEGORY: dict[str, str] = {n: c for n, c, _ in STYLE_SPEC}
STYLE_KIND: dict[str, str] = {n: k for n, _, k in STYLE_SPEC}

#: The sign a built-in model's weight may take (+1 personal, -1 corporate, 0 either): prior
#: knowledge of which way a voice marker points, enforced in training so that a hint always agrees
#: with the direction of its driver and a quirk of one source cannot flip a marker.
STYLE_SIGN: dict[str, int] = {
    "first_singular": 1,
    "first_plural": -1,
    "plural_without_self": -1,
    "opens_first_person": 1,
    "opens_first_plural": -1,
    "second_person": 0,
    "address_without_self": -1,
    "mental_verbs": 1,
    "hedges": 1,
    "experience": 1,
    "informal": 1,
    "contractions": 1,
    "emoji": 0,
    "exclamations": 0,
    "questions": 0,
    "announcement": -1,
    "call_to_action": -1,
    "imperative_opening": -1,
    "corporate_vocabulary": -1,
    "nominal": -1,
    "long_words": -1,
    "official_quotes": -1,
    "self_reference": -1,
    "headline": -1,
    "sign_off": -1,
    "mentions": 0,
    "hashtags": -1,
    "links": -1,
    "link_at_end": -1,
    "figures": -1,
    "word_length": 0,
    "sentence_length": 0,
    "length": 0,
}

# Lexicon classes whose words a token can belong to (first match wins, in this order).
_WORD_CLASSES = (
    "first_singular",
    "first_plural",
    "second_person",
    "mental_verbs",
    "hedges",
    "experience",
    "informal",
    "announcement",
    "call_to_action",
    "corporate_vocabulary",
)
_PHRASE_CLASSES = ("hedges", "experience", "announcement", "call_to_action")


@dataclass(frozen=True)
class Lexicon:
    """Per-language word classes (see ``tone/data/lexicon.yaml``)."""

    lang: str
    forms: dict[str, str]  # lower-case form -> class (pronouns)
    words: dict[str, str]  # lemma or lower-case form -> class
    phrases: dict[str, tuple[tuple[tuple[str, ...], str], ...]]  # first word -> (words, class), longest first
    imperatives: frozenset[str]
    quote_verbs: frozenset[str]
    org_nouns: frozenset[str]
    org_verbs: frozenset[str]
    not_names: frozenset[str]  # sentence-initial words that are no organisation's name ("It offers")
    plural_you_verbs: frozenset[str]
    suffixes: tuple[str, ...]
    long_word: int
    contractions: bool = False  # English-style clitics ("I'm", "don't", "it's")
    capital_i_is_you: bool = False  # Danish "I" (you, plural) vs the preposition "i"
    org_noun_articles: frozenset[str] = frozenset()  # "the company"; empty: the noun alone counts
    generic_we: frozenset[str] = frozenset()  # "vi andre", "we humans": a "we" of people, not an organisation
    borrow_from: str = ""  # training only
    rated_weight: float = 3.0  # training only: a rated text weighs at least this much


def _lower_list(spec: dict[str, Any], key: str) -> frozenset[str]:
    return frozenset(str(x).lower() for x in spec.get(key, []) or [])


@lru_cache(maxsize=4)
def lexicon(lang: str) -> Lexicon:
    """The built-in lexicon of ``lang`` (loaded once)."""
    from ..yamlsrc import load_data  # its JSON twin, else libyaml

    path = os.path.join(os.path.dirname(__file__), "data", "lexicon.yaml")
    raw = load_data("postcraft.tone", "data/lexicon.yaml", path)
    spec: dict[str, Any] = require(raw, lang, f"tone/data/lexicon.yaml: {lang}")
    forms: dict[str, str] = {}
    words: dict[str, str] = {}
    phrases: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    for cat in _WORD_CLASSES:
        body = spec.get(cat) or {}
        for w in body.get("forms", []):
            forms.setdefault(str(w).lower(), cat)
        for w in body.get("words", []):
            # the word as listed: a token matches it by its form or its lemma ("solutions" ->
            # "solution"); a listed inflected form does not bring in its lemma's other forms
            # ("leading" is not "led", "førende" not "før", "nope" not "no")
            words.setdefault(str(w).lower(), cat)
        for p in body.get("phrases", []):
            seq = tuple(str(p).lower().split())
            phrases.setdefault(seq[0], []).append((seq, cat))
    return Lexicon(
        lang=lang,
        forms=forms,
        words=words,
        phrases={k: tuple(sorted(v, key=lambda x: -len(x[0]))) for k, v in phrases.items()},
        imperatives=_lower_list(spec, "imperatives"),
        quote_verbs=_lower_list(spec, "quote_verbs"),
        org_nouns=_lower_list(spec, "org_nouns"),
        org_verbs=_lower_list(spec, "org_verbs"),
        not_names=_lower_list(spec, "not_names"),
        plural_you_verbs=_lower_list(spec, "second_plural_verbs"),
        suffixes=tuple(sorted(spec["nominal_suffixes"], key=len, reverse=True)),
        long_word=int(spec.get("long_word", 13)),
        contractions=bool(spec.get("contractions", False)),
        capital_i_is_you=bool(spec.get("capital_i_is_you", False)),
        org_noun_articles=_lower_list(spec, "org_noun_articles"),
        generic_we=_lower_list(spec, "generic_we_next"),
        borrow_from=str(spec.get("borrow_from", "")),
        rated_weight=float(spec.get("rated_weight", 3.0)),
    )


@dataclass(frozen=True)
class Features:
    """Features of one text.

    ``sparse`` maps an n-gram feature to its value and ``where`` to the token indices it came
    from; ``style`` holds the raw style values (scaled by the model) and ``style_tokens`` the
    token indices behind each; ``category`` gives each word token's explanation category;
    ``words`` is the number of words.
    """

    sparse: dict[str, float]
    where: dict[str, list[int]]
    style: tuple[float, ...]
    style_tokens: dict[str, list[int]]
    category: dict[int, str]
    words: int = 0


_QUOTE_CHARS = frozenset('"“”»«„')
_EN_S_CONTRACTION = frozenset("it that he she there what here let who where how".split())
_EN_CONTRACTION_ENDS = ("n't", "n’t", "'re", "’re", "'m", "’m", "'ll", "’ll", "'ve", "’ve", "'d", "’d")
_THIRD_PERSON = frozenset("he she han hun they de".split())
_OTHER_KINDS: dict[str, str] = {
    "emoji": "emoji",
    "hashtag": "hashtags",
    "url": "links",
    "email": "links",
    "mention": "mentions",
    "number": "figures",
}


def _is_contraction(low: str, lex: Lexicon) -> bool:
    if not lex.contractions or ("'" not in low and "’" not in low):
        return False
    if low.endswith(_EN_CONTRACTION_ENDS):
        return True
    return low[-2:] in ("'s", "’s") and low[:-2] in _EN_S_CONTRACTION


@lru_cache(maxsize=4)
def _lookup_keys(lang: str) -> tuple[frozenset[str], frozenset[str]]:
    """The word forms and the lemmas that :func:`extract` looks up in ``lang``'s lexicon: a word
    whose form and lemma are neither (and that is not long, suffixed or a contraction) adds
    nothing but its count, and the loop passes it by without the dozen look-ups."""
    lex = lexicon(lang)
    lems = frozenset(lex.phrases) | frozenset(lex.words)
    lows = (
        lems
        | frozenset(lex.forms)
        | lex.imperatives
        | lex.quote_verbs
        | lex.org_nouns
        | lex.org_verbs
        | ({"i"} if lex.capital_i_is_you else frozenset())
    )
    return frozenset(lows), lems


@lru_cache(maxsize=4)
def _phrase_seconds(lang: str) -> dict[str, frozenset[str] | None]:
    """For each first word of ``lang``'s phrases, the second words they go on with (``None``
    when one of them is a single word, which no next word can rule out)."""
    return {
        key: None if any(len(seq) < 2 for seq, _ in cands) else frozenset(seq[1] for seq, _ in cands)
        for key, cands in lexicon(lang).phrases.items()
    }


def _capitalised(text: str) -> bool:
    return text[:1].isupper()


def extract(analysis: Analysis, *, ngrams: bool = True) -> Features:
    """Compute the tone features of an analysed text.

    ``ngrams=False`` leaves the sparse n-grams out (``sparse`` and ``where`` empty): a model
    without n-gram weights (the built-in ones) gives them nothing, so scoring skips them.

    >>> from postcraft.analysis import analyze
    >>> f = extract(analyze("Jeg synes det var en fed dag!", lang="da"))
    >>> f.style[STYLE_NAMES.index("first_singular")] > 0, f.style_tokens["hedges"]
    (True, [0, 1])
    """
    lex = lexicon(analysis.lang)
    tokens = analysis.tokens
    n_tok = len(tokens)
    st: dict[str, list[int]] = {name: [] for name in STYLE_NAMES}
    category: dict[int, str] = {}
    where: dict[str, list[int]] = {}

    # First word of every sentence, and the sentence each token starts from.
    sentence_first: dict[int, int] = {}  # first word index -> sentence index
    first_word_of: list[int] = [-1] * n_tok
    for s in analysis.sentences:
        first = next((j for j in range(s.first, s.last) if tokens[j].kind == "word"), -1)
        if first >= 0:
            sentence_first[first] = s.first
        first_word_of[s.first : s.last] = [first] * (s.last - s.first)
    has_quote_marks = not _QUOTE_CHARS.isdisjoint(analysis.text)

    def next_word(i: int) -> Any:
        return tokens[i + 1] if i + 1 < n_tok and tokens[i + 1].kind == "word" else None

    def prev_word(i: int) -> Any:
        return tokens[i - 1] if i > 0 and tokens[i - 1].kind == "word" else None

    n_words = 0
    word_chars = 0
    covered = -1
    prev_lem: str | None = None
    # the lexicon's tables as locals: this loop runs once per token of every draft
    forms, phrases, words, suffixes = lex.forms, lex.phrases, lex.words, lex.suffixes
    long_word, imperatives, quote_verbs = lex.long_word, lex.imperatives, lex.quote_verbs
    org_nouns, org_verbs = lex.org_nouns, lex.org_verbs
    contractions = lex.contractions
    capital_i = lex.capital_i_is_you
    generic_we = lex.generic_we
    plain_low, plain_lem = _lookup_keys(analysis.lang)
    phrase_seconds = _phrase_seconds(analysis.lang)
    for i, tok in enumerate(tokens):
        text, _, _, kind, low, lem = tok
        if kind != "word":
            prev_lem = None
            if kind == "punct":
                if "?" in text:
                    st["questions"].append(i)
                if "!" in text:
                    st["exclamations"].append(i)
            else:
                target = _OTHER_KINDS.get(kind)
                if target is not None:
                    st[target].append(i)
            continue
        n_words += 1
        word_chars += len(text)
        if ngrams:  # n-grams (organisation models only)
            for key in _ngram_keys(lem, low):
                where.setdefault(key, []).append(i)
            if prev_lem is not None:
                bucket = where.setdefault(f"b:{prev_lem} {lem}", [])
                bucket.append(i - 1)
                bucket.append(i)
            prev_lem = lem
        if (
            low not in plain_low
            and lem not in plain_lem
            and len(low) < long_word
            and (len(low) <= 6 or not low.endswith(suffixes))
            and "'" not in low
            and "’" not in low
        ):
            continue  # no table knows the word and it is neither long nor suffixed: nothing below records it

        cls = forms.get(low)
        if low == "i" and capital_i:
            # the Danish preposition "i"; "I" (you, plural) when capitalised mid-sentence or
            # opening a sentence before a verb ("I har ret", not "I går" or "I dag")
            nxt = next_word(i)
            starts = i in sentence_first
            cls = (
                "second_person"
                if text == "I" and (not starts or (nxt is not None and nxt.lower in lex.plural_you_verbs))
                else None
            )
        if cls is not None:
            if cls == "first_plural" and generic_we:
                nxt = next_word(i)
                if nxt is not None and nxt.lower in generic_we:
                    cls = None  # "vi andre", "we humans": people in general, not an organisation
            if cls is not None:
                st[cls].append(i)
                category[i] = STYLE_CATEGORY[cls]
        if contractions and ("'" in low or "’" in low) and _is_contraction(low, lex):
            st["contractions"].append(i)
            category.setdefault(i, "informality")
        if i > covered:
            for key in (low, lem):
                cands = phrases.get(key)
                if not cands:
                    continue
                # most phrases start with a common word ("the", "i", "det"): their second word,
                # tested first, turns most of them down without trying each
                seconds = phrase_seconds[key]
                if seconds is not None:
                    nxt = next_word(i)
                    if nxt is None or (nxt.lower not in seconds and nxt.lemma not in seconds):
                        continue
                for seq, pcat in cands:
                    # calls to action are imperatives: "Learn more" is one, "I learned more" not
                    exact = pcat == "call_to_action"
                    if exact and (key != low or (i > 0 and tokens[i - 1].lower in forms)):
                        continue
                    idx = _match_phrase(tokens, i, seq, exact)
                    if idx:
                        st[pcat].extend(idx)
                        for j in idx:
                            category.setdefault(j, STYLE_CATEGORY[pcat])
                        covered = idx[-1]
                        break
                if i <= covered:
                    break
        if cls is None and i > covered:
            wcat = words.get(lem) or words.get(low)
            if wcat == "call_to_action" and words.get(low) != wcat:
                wcat = None  # a call to action as written ("apply"), not any form of it ("applied")
            if wcat is not None and wcat not in ("first_singular", "first_plural", "second_person"):
                st[wcat].append(i)
                category[i] = STYLE_CATEGORY[wcat]
        if len(low) > 6 and low.endswith(suffixes) and i not in category:
            st["nominal"].append(i)
            category[i] = "nominal_style"
        if len(low) >= long_word and "-" not in low:
            st["long_words"].append(i)
            category.setdefault(i, "nominal_style")
        if i in sentence_first and low in imperatives and cls is None:
            nxt = next_word(i)
            # "Get …", "Læs mere"; not "See you" / "Tak" (a following pronoun "I"/"jeg" is narration)
            if nxt is None or forms.get(nxt.lower) not in ("first_singular",):
                st["imperative_opening"].append(i)
                category[i] = "call_to_action"
        if low in quote_verbs and i not in sentence_first:  # "Added support for …" opens a changelog line
            p, nx = prev_word(i), next_word(i)
            if not (p is not None and forms.get(p.lower) == "first_singular") and (
                has_quote_marks
                or any(
                    w is not None and ((_capitalised(w.text) and w.lower != "i") or w.lower in _THIRD_PERSON)
                    for w in (p, nx)
                )
            ):
                st["official_quotes"].append(i)
                category[i] = "quotes"
        if low in org_nouns:
            p = prev_word(i)
            arts = lex.org_noun_articles
            if not arts or (p is not None and p.lower in arts):
                idx = [i - 1, i] if arts else [i]
                st["self_reference"].extend(idx)
                for j in idx:
                    category[j] = "names"
        elif low in org_verbs:
            # "Acme Corp announced …", "Skatteministeriet præsenterer …": a capitalised subject that
            # opens the sentence, right before the verb
            first = first_word_of[i]
            if 0 <= first < i and i - first <= 6:
                span = range(first, i)
                if all(
                    tokens[j].kind == "word"
                    and _capitalised(tokens[j].text)
                    and tokens[j].lower not in forms
                    and tokens[j].lower not in lex.not_names
                    for j in span
                ):
                    st["self_reference"].extend([*span, i])
                    for j in [*span, i]:
                        category[j] = "names"
    # link at the end: the last token that is not a hashtag or punctuation is a link
    for j in range(n_tok - 1, -1, -1):
        k = tokens[j].kind
        if k in ("hashtag", "punct", "emoji", "symbol"):
            continue
        if k in ("url", "email"):
            st["link_at_end"].append(j)
        elif k == "word":
            _sign_off(tokens, j, forms, st["sign_off"])
        break
    _headline(analysis.text, tokens, forms, n_words, st["headline"])
    # the first words: "I …", "We …"
    first_words = [j for j in range(min(n_tok, 8)) if tokens[j].kind == "word"][:3]
    fs = [j for j in first_words if j in st["first_singular"]]
    if fs:
        st["opens_first_person"].append(fs[0])
    if first_words and first_words[0] in st["first_plural"]:
        st["opens_first_plural"].append(first_words[0])
    if not st["first_singular"]:
        st["plural_without_self"] = list(st["first_plural"])
        st["address_without_self"] = list(st["second_person"])

    # Sublinear term frequency (1 + log count), each group (w, b, x) L2-normalised.
    sparse = _sparse(where)
    w = max(1, n_words)
    style: list[float] = []
    for name, _, how in STYLE_SPEC:
        idx = st[name]
        if how == "rate":
            style.append(len(idx) / w)
        elif how == "flag":
            style.append(1.0 if idx else 0.0)
        elif how == "log":
            if name in ("announcement", "call_to_action", "hedges", "experience", "self_reference"):
                count = _phrase_count(idx)
            elif name == "exclamations":
                count = sum(tokens[j].text.count("!") for j in idx)
            else:
                count = len(idx)
            style.append(math.log1p(count))
        elif name == "word_length":
            style.append(word_chars / w)
        elif name == "sentence_length":
            style.append(n_words / max(1, len(analysis.sentences)))
        else:
            style.append(math.log1p(n_words))
    for name in STYLE_NAMES:
        if st[name]:
            st[name] = sorted(set(st[name]))
    return Features(sparse, where, tuple(style), st, category, n_words)


_SIGN_MARKS = frozenset("-–—^*")


def _sign_off(tokens: tuple[Any, ...], j: int, forms: dict[str, str], out: list[int]) -> None:
    """A service agent's signature closing the text ("… for you. -AD", "^MM", "Thanks – Mike"):
    one or two capitalised words (not pronouns) right after a dash or caret. ``j`` is the last
    word; records the signature's words."""
    i = j
    if i > 0 and tokens[i - 1].kind == "word" and tokens[i - 1].end == tokens[i].start - 1:
        i -= 1  # "– Anna B"
    if i == 0 or tokens[i - 1].text not in _SIGN_MARKS:
        return
    if all(tokens[k].text[:1].isupper() and tokens[k].lower not in forms for k in range(i, j + 1)):
        out.extend(range(i, j + 1))


def _headline(
    text: str, tokens: tuple[Any, ...], forms: dict[str, str], n_words: int, out: list[int]
) -> None:
    """The text opens with a title line (press release, newsroom item): a first line of two to
    fifteen words that ends in a letter or digit (no punctuation), a blank line, then a body of at
    least five words. Records the title's words; a first line in the first person singular is no title."""
    nl = text.find("\n")
    if nl < 0:
        return
    first = text[:nl].rstrip()
    if not first or not first[-1].isalnum():
        return
    rest = text[nl + 1 :]
    blank = rest.find("\n")
    if blank < 0 or rest[:blank].strip():
        return
    idx: list[int] = []
    for k, t in enumerate(tokens):
        if t.start >= nl:
            break
        if t.kind == "word":
            if forms.get(t.lower) == "first_singular" or len(idx) == 15:
                return
            idx.append(k)
    if len(idx) >= 2 and n_words - len(idx) >= 5:
        out.extend(idx)


def _ngram_keys(lem: str, low: str) -> tuple[str, ...]:
    keys = ["w:" + lem]
    if len(low) >= 5:
        for k in (3, 4):
            if len(low) > k + 1:
                keys.append("x:" + low[-k:])
    return tuple(keys)


def _sparse(where: dict[str, list[int]]) -> dict[str, float]:
    names = list(where)
    values: list[float] = []
    norms: dict[str, float] = {"w": 0.0, "b": 0.0, "x": 0.0}
    for key in names:
        c = len(where[key])
        if key[0] == "b":
            c >>= 1
        v = 1.0 if c == 1 else 1.0 + math.log(c)
        values.append(v)
        norms[key[0]] += v * v
    for g in norms:
        norms[g] = math.sqrt(norms[g]) or 1.0
    return {key: v / norms[key[0]] for key, v in zip(names, values, strict=True)}


def _phrase_count(indices: list[int]) -> int:
    """Number of separate matches among token indices (consecutive indices are one phrase)."""
    if not indices:
        return 0
    s = sorted(set(indices))
    return 1 + sum(1 for a, b in zip(s, s[1:], strict=False) if b != a + 1)


def _match_phrase(tokens: tuple[Any, ...], i: int, phrase: tuple[str, ...], exact: bool = False) -> list[int]:
    """Token indices of ``phrase`` starting at word ``i`` (each word matching on its lower-case
    form or lemma), skipping nothing; [] if no match."""
    idx = [i]
    j = i
    for want in phrase[1:]:
        j += 1
        if j >= len(tokens) or tokens[j].kind != "word":
            return []
        tok = tokens[j]
        if tok.lower != want and (exact or tok.lemma != want):
            return []
        idx.append(j)
    return idx
