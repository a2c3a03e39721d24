"""The one analysis pass every capability shares: :func:`analyze` → :class:`Analysis`."""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any, NamedTuple

from ..errors import InputError
from ..langs import LANGUAGES, normalize_lang
from . import langid, readability, structure
from .lemmas import lemma as _lemma
from .structure import Fold, Sentence, Span
from .tokens import Token, TokenKind, tokenize


class Position(NamedTuple):
    """Where a code-point offset falls, in the units different tools use.

    ``line`` and ``column`` are 1-based and count code points (as people and most linters
    do); ``utf16`` is the 0-based absolute offset in UTF-16 code units (JavaScript, LSP,
    LanguageTool); an LSP ``Position`` is ``(line - 1, utf16_column)``.
    """

    offset: int
    line: int
    column: int
    utf16: int
    utf16_column: int


@dataclass(frozen=True, eq=False)
class Analysis:
    """Everything postcraft knows about one text after a single pass.

    All spans are ``[start, end)`` code-point offsets into :attr:`text`, the original,
    unmodified input. Build one with :func:`analyze`.

    >>> a = analyze("Jeg er så stolt af mit team 🎉 #Teamwork")
    >>> a.lang, [t.text for t in a.hashtags], [t.text for t in a.emoji]
    ('da', ['#Teamwork'], ['🎉'])
    """

    text: str
    lang: str
    tokens: tuple[Token, ...]
    lines: tuple[Span, ...]
    paragraphs: tuple[Span, ...]
    sentences: tuple[Sentence, ...]
    fold: Fold
    lang_scores: dict[str, float] = field(default_factory=dict)
    lang_reason: str = ""
    #: The text as given when it differs from :attr:`text`: a Markdown draft, whose code,
    #: link targets, HTML and front matter :attr:`text` blanks out (same length, same lines).
    source: str | None = None

    @property
    def original(self) -> str:
        """The text as given (for a Markdown draft, with its code and links; see ``source``)."""
        return self.text if self.source is None else self.source

    # -- entities --------------------------------------------------------------------------
    @cached_property
    def _by_kind(self) -> dict[str, tuple[Token, ...]]:
        # One pass groups the tokens of every kind (each property below reads its group).
        groups: dict[str, list[Token]] = {}
        for t in self.tokens:
            group = groups.get(t[3])
            if group is None:
                groups[t[3]] = [t]
            else:
                group.append(t)
        return {kind: tuple(group) for kind, group in groups.items()}

    def _kind(self, kind: str) -> tuple[Token, ...]:
        return self._by_kind.get(kind, ())

    @cached_property
    def words(self) -> tuple[Token, ...]:
        """Word tokens (not numbers, hashtags, mentions, URLs, e-mails, emoji or punctuation)."""
        return self._kind("word")

    @cached_property
    def hashtags(self) -> tuple[Token, ...]:
        """``#hashtag`` tokens, including their ``#``."""
        return self._kind("hashtag")

    @cached_property
    def mentions(self) -> tuple[Token, ...]:
        """``@mention`` tokens (``@name`` or LinkedIn's ``@[Name](urn:li:…)``)."""
        return self._kind("mention")

    @cached_property
    def urls(self) -> tuple[Token, ...]:
        """Links, with or without ``http(s)://``."""
        return self._kind("url")

    @cached_property
    def emails(self) -> tuple[Token, ...]:
        """E-mail addresses."""
        return self._kind("email")

    @cached_property
    def emoji(self) -> tuple[Token, ...]:
        """Emoji; a ZWJ sequence, flag, keycap or skin-tone variant is one token."""
        return self._kind("emoji")

    @cached_property
    def numbers(self) -> tuple[Token, ...]:
        """Numbers, including decimals (``3,5``), times and percentages (``12 %``)."""
        return self._kind("number")

    # -- sizes -----------------------------------------------------------------------------
    @property
    def length(self) -> int:
        """Length in code points."""
        return len(self.text)

    @cached_property
    def linkedin_length(self) -> int:
        """The length LinkedIn's 3,000-character limit is checked against, as postcraft counts it.

        UTF-16 code units (what a browser's ``String.length`` counts: most emoji count 2),
        with every line break counted as one character and leading and trailing white space
        left out, since LinkedIn trims it. This errs on the safe side of the limit.
        """
        body = self.text.strip()
        body = body.replace("\r\n", "\n")
        # Stripping white space and CRLF removes no astral code points: count them in the text.
        return len(body) + len(self._astral)

    @cached_property
    def is_folded(self) -> bool:
        """True when the desktop feed hides part of the post behind "…see more"."""
        return self.fold.desktop < len(self.text)

    # -- readability -----------------------------------------------------------------------
    @cached_property
    def lix(self) -> float:
        """LIX readability (both languages): < 25 very easy … ≥ 55 very hard."""
        by_kind = self._by_kind
        words = by_kind.get("word", ()) + by_kind.get("number", ())
        # Only a token of more than six code points can have more than six letters.
        long_words = sum(
            1 for t in words if len(t[0]) > 6 and (t[0].isalpha() or sum(map(str.isalpha, t[0])) > 6)
        )
        return readability.lix(len(words), self._word_sentences, long_words)

    @cached_property
    def flesch(self) -> float | None:
        """Flesch Reading Ease for English posts (``None`` for Danish, where it is not valid)."""
        if not LANGUAGES[self.lang].flesch:
            return None
        words = self.words
        cache = _SYLLABLES
        syl = 0
        for t in words:
            n = cache.get(t[0])
            if n is None:
                n = readability.syllables_en(t[0])
                if len(cache) < _CACHE_MAX:
                    cache[t[0]] = n
            syl += n
        return readability.flesch(len(words), self._word_sentences, syl)

    @cached_property
    def _word_sentences(self) -> int:
        """Sentences that hold a word or a number (a block of hashtags, a bare link or a line of
        emoji is not a sentence for readability)."""
        tokens = self.tokens
        count = 0
        for s in self.sentences:
            for t in tokens[s[2] : s[3]]:  # most sentences start with a word: a short look
                kind = t[3]
                if kind == "word" or kind == "number":
                    count += 1
                    break
        return count

    # -- positions -------------------------------------------------------------------------
    @cached_property
    def _line_starts(self) -> list[int]:
        return [s.start for s in self.lines]

    @cached_property
    def _astral(self) -> list[int]:
        text = self.original  # blanked Markdown keeps code points, not UTF-16 units
        # Most posts are ASCII or have no code point beyond the BMP: then UTF-16 has as many
        # units as the text has code points (lone surrogates count one unit, as they should).
        if text.isascii() or len(text.encode("utf-16-le", "surrogatepass")) == 2 * len(text):
            return []
        return [m.start() for m in _ASTRAL.finditer(text)]

    def utf16_offset(self, offset: int) -> int:
        """The UTF-16 code-unit offset of a code-point offset."""
        return offset + bisect_left(self._astral, offset)

    def position(self, offset: int) -> Position:
        """Line, column and UTF-16 offsets of a code-point ``offset`` (0 ≤ offset ≤ len(text)).

        >>> analyze("Hej 👋\\nÆble og pære").position(8)
        Position(offset=8, line=2, column=3, utf16=9, utf16_column=2)
        """
        if not 0 <= offset <= len(self.text):
            raise InputError(f"offset {offset} is outside the text (0..{len(self.text)})")
        idx = max(0, bisect_right(self._line_starts, offset) - 1)
        line_start = self._line_starts[idx]
        u = self.utf16_offset(offset)
        return Position(offset, idx + 1, offset - line_start + 1, u, u - self.utf16_offset(line_start))

    def sentence_of(self, offset: int) -> Sentence | None:
        """The sentence that contains ``offset``, if any."""
        starts = [s.start for s in self.sentences]
        k = bisect_right(starts, offset) - 1
        if k >= 0 and self.sentences[k].start <= offset < self.sentences[k].end:
            return self.sentences[k]
        return None

    if not TYPE_CHECKING:  # (mypy would accept any attribute name on a class with __getattr__)

        def __getattr__(self, name: str) -> Any:
            # Only an analysis rebuilt by _unpickle_analysis lacks these until first use.
            if name in _COLUMN_FIELDS and "_columns" in self.__dict__:
                _from_columns(self)
                return self.__dict__[name]
            raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")

    def __reduce__(self) -> tuple[Any, ...]:
        # Pickled column by column: tuples of str and int pickle in C, while NamedTuples go one
        # by one through a Python-level __getnewargs__ (a Review pickles ~4x faster this way,
        # which is what review_many's workers and Dask or Spark spend on shipping results).
        if _SHIP_LEAN:  # what a review's to_dict() reads, so that the receiver need not analyse again
            self.linkedin_length, self.lix, self.flesch, self._astral, self._line_starts  # noqa: B018
        cached = {k: v for k, v in self.__dict__.items() if k in _SCALAR_CACHES}
        columns = self.__dict__.get("_columns")
        if _SHIP_LEAN:
            columns = (None, None, None, None)  # the receiver analyses the text again on first use
        elif columns is None or columns[0] is None:
            columns = tuple(tuple(zip(*getattr(self, name), strict=True)) for name in _COLUMN_FIELDS)
        return (
            _unpickle_analysis,
            (
                type(self),
                self.text,
                self.lang,
                *columns,
                tuple(self.fold),
                self.lang_scores,
                self.lang_reason,
                cached,
                self.source,
            ),
        )

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready summary (tokens included)."""
        return {
            "lang": self.lang,
            "length": self.length,
            "linkedin_length": self.linkedin_length,
            "fold": {"desktop": self.fold.desktop, "mobile": self.fold.mobile},
            "lix": self.lix,
            "flesch": self.flesch,
            "tokens": [
                {"text": t.text, "start": t.start, "end": t.end, "kind": t.kind, "lemma": t.lemma}
                for t in self.tokens
            ],
            "sentences": [[s.start, s.end] for s in self.sentences],
            "paragraphs": [[p.start, p.end] for p in self.paragraphs],
        }


#: Set in review_many's worker processes only (see :func:`ship_lean`): an Analysis then
#: pickles without its tokens, lines, paragraphs and sentences, which the receiving process
#: (the same postcraft, the same languages) rebuilds from the text and language on first use.
_SHIP_LEAN = False


def ship_lean() -> None:
    """Make this process pickle each :class:`Analysis` as its text, language and computed
    scalars only; for a worker whose results go to a process running the same postcraft.
    The scalars a review's ``to_dict()`` reads are computed first, so that reading it never
    analyses the text again (:func:`_from_columns` does it when tokens are read)."""
    global _SHIP_LEAN
    _SHIP_LEAN = True


# Lazily computed values that hold no tokens: kept when an Analysis is pickled (the others
# are recomputed on demand).
_SCALAR_CACHES = frozenset(
    {"lix", "flesch", "_word_sentences", "linkedin_length", "is_folded", "_astral", "_line_starts"}
)


def _unpickle_analysis(
    cls: type[Analysis],
    text: str,
    lang: str,
    tokens: tuple[tuple[Any, ...], ...],
    lines: tuple[tuple[int, ...], ...],
    paragraphs: tuple[tuple[int, ...], ...],
    sentences: tuple[tuple[int, ...], ...],
    fold: tuple[int, int],
    lang_scores: dict[str, float],
    lang_reason: str,
    cached: dict[str, Any],
    source: str | None = None,
) -> Analysis:
    """Rebuild an :class:`Analysis` from :meth:`Analysis.__reduce__`'s columns."""
    # The tokens, lines, paragraphs and sentences are rebuilt from their columns on first use
    # (``Analysis.__getattr__``): a program that reads only the findings, the tone and the
    # tags of what review_many's workers send back never pays for building ~200 NamedTuples.
    analysis = object.__new__(cls)
    analysis.__dict__.update(
        text=text,
        lang=lang,
        fold=Fold(*fold),
        lang_scores=lang_scores,
        lang_reason=lang_reason,
        source=source,
        _columns=(tokens, lines, paragraphs, sentences),
    )
    analysis.__dict__.update(cached)
    return analysis


_COLUMN_FIELDS = ("tokens", "lines", "paragraphs", "sentences")


def _from_columns(analysis: Analysis) -> None:
    """Build an unpickled analysis's tuples from the columns :meth:`Analysis.__reduce__` sent."""
    columns = analysis.__dict__.get("_columns")
    if columns is None:  # another thread was first
        return
    if columns[0] is None:  # shipped lean: analyse the text again (the same tokens, see ship_lean)
        tokens, lines, paras, sents = _tokens_and_structure(analysis.text, analysis.lang)
        built = {"tokens": tokens, "lines": lines, "paragraphs": paras, "sentences": sents}
    else:
        new = tuple.__new__
        built = {
            name: tuple([new(kind, t) for t in zip(*column, strict=True)])
            for name, kind, column in zip(_COLUMN_FIELDS, (Token, Span, Span, Sentence), columns, strict=True)
        }
    analysis.__dict__.update(built)
    analysis.__dict__.pop("_columns", None)


def analyze(text: str | Any, *, lang: str | None = None, markdown: bool = False) -> Analysis:
    """Analyse ``text`` once: language, tokens with lemmas, sentences, paragraphs, fold.

    ``lang`` (``"da"`` or ``"en"``) skips detection. Other languages raise
    :class:`~postcraft.UnsupportedLanguageError`. ``markdown=True`` reads the text as Markdown:
    code, link targets, HTML and front matter are blanked out of :attr:`Analysis.text` (same
    length, so every span still slices the original, kept in :attr:`Analysis.source`). A spaCy
    ``Doc`` is accepted too (its ``text`` is analysed; see :mod:`postcraft.integrations`).

    >>> a = analyze("Vi har ansat 3 nye kollegaer i afdelingen. Velkommen!")
    >>> a.lang, [t.lemma for t in a.words][:4]
    ('da', ['vi', 'have', 'ansætte', 'ny'])
    """
    if not isinstance(text, str):
        doc_text = getattr(text, "text", None) if hasattr(text, "vocab") else None
        if not isinstance(doc_text, str):  # a spaCy Doc (duck-typed: spaCy is not imported here)
            raise InputError(f"analyze() needs a str, not {type(text).__name__}")
        text = doc_text
    source = None
    if markdown:
        from .markdown import prose

        blanked = prose(text)
        source, text = (text, blanked) if blanked != text else (None, text)
    raw = tokenize(text)
    fold_get = _FOLDED.get
    fold = _fold_case
    if lang is None:
        words = [fold_get(s) or fold(s) for s, _, _, kind in raw if kind == "word"]
        tags = (
            [(fold_get(s) or fold(s))[1:] for s, _, _, kind in raw if kind == "hashtag"]
            if "#" in text
            else []
        )
        guess = langid.detect(words, tags, text)
        code, scores, reason = guess.lang, guess.scores, guess.reason
    else:
        code, scores, reason = normalize_lang(lang), {}, "given by the caller"
    tokens, lines, paras, sents = _tokens_and_structure(text, code, raw)
    # What Analysis(...) does (a frozen dataclass without __post_init__: it sets each field with
    # object.__setattr__), at a fifth of the cost.
    analysis = object.__new__(Analysis)
    analysis.__dict__.update(
        text=text,
        lang=code,
        tokens=tokens,
        lines=lines,
        paragraphs=paras,
        sentences=sents,
        fold=structure.fold(text, lines),
        lang_scores=scores,
        lang_reason=reason,
        source=source,
    )
    return analysis


def _tokens_and_structure(
    text: str, code: str, raw: list[tuple[str, int, int, TokenKind]] | None = None
) -> tuple[tuple[Token, ...], tuple[Span, ...], tuple[Span, ...], tuple[Sentence, ...]]:
    """The tokens (with lemmas in language ``code``), lines, paragraphs and sentences of
    ``text``: everything of an analysis that depends on nothing but the text and its language."""
    if raw is None:
        raw = tokenize(text)
    fold_get = _FOLDED.get
    fold = _fold_case
    lemma_get = _lemma_cache(code).get
    new = tuple.__new__  # what Token(...) does, without its Python-level __new__
    # One pass: each token's case-folded form (a cached look-up), then its lemma.
    tokens: tuple[Token, ...] = tuple(
        [
            new(
                Token,
                (
                    s,
                    start,
                    end,
                    kind,
                    (lw := fold_get(s) or fold(s)),
                    (lemma_get(lw) or _lemma_of(lw, code)) if kind == "word" else lw,
                ),
            )
            for s, start, end, kind in raw
        ]
    )
    line_spans = structure.lines(text)
    paras = structure.paragraphs(text, line_spans)
    sents = structure.sentences(text, list(tokens))
    return tokens, tuple(line_spans), tuple(paras), tuple(sents)


# Per-process caches of pure functions of a word form (dict look-ups are cheaper than calls;
# CPython's dict operations are atomic, so threads can share them).
_CACHE_MAX = 200_000
_FOLDED: dict[str, str] = {}
_LEMMAS: dict[str, dict[str, str]] = {}
_SYLLABLES: dict[str, int] = {}
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


def _fold_case(s: str) -> str:
    low = s.lower()
    if not low.isascii():
        low = unicodedata.normalize("NFC", low)
    if len(_FOLDED) < _CACHE_MAX:
        _FOLDED[s] = low
    return low


def _lemma_cache(lang: str) -> dict[str, str]:
    cache = _LEMMAS.get(lang)
    if cache is None:
        cache = _LEMMAS.setdefault(lang, {})
    return cache


def _lemma_of(lower: str, lang: str) -> str:
    lem = _lemma(lower, lang)
    cache = _lemma_cache(lang)
    if len(cache) < _CACHE_MAX:
        cache[lower] = lem
    return lem
