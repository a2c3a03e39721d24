"""Lines and sentences as the one-loop versions they replaced found them (a reference copy),
on generated text: abbreviations, ordinals, bullets, hashtag blocks, links, closing quotes,
every kind of line break."""

from __future__ import annotations

import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from postcraft.analysis import analyze
from postcraft.analysis import structure as S
from postcraft.analysis.structure import Sentence, Span
from postcraft.analysis.tokens import Token

_NEWLINE = regex.compile(r"\r\n|\r|\n")
_MAY_BREAK = frozenset({"punct", "emoji", "symbol", "hashtag"})


def reference_lines(text: str) -> list[Span]:
    out: list[Span] = []
    pos = 0
    for m in _NEWLINE.finditer(text):
        out.append(Span(pos, m.start()))
        pos = m.end()
    out.append(Span(pos, len(text)))
    return out


def _line_break(text: str, start: int, end: int) -> bool:
    return _NEWLINE.search(text, start, end) is not None


def reference_sentences(text: str, tokens: list[Token]) -> list[Sentence]:
    out: list[Sentence] = []
    n = len(tokens)
    first = 0
    i = 0
    while i < n:
        tok = tokens[i]
        end_here = False
        if tok.kind == "punct" and tok.text[0] in ".!?…":
            end_here = True
            if tok.text == "." and i > 0:
                prev = tokens[i - 1]
                if prev.end == tok.start and (
                    prev.lower in S.ABBREVIATIONS
                    or (prev.kind == "number" and i + 1 < n and tokens[i + 1].text[:1].islower())
                ):
                    end_here = False
        if not end_here and i + 1 < n and (tokens[i + 1].kind in _MAY_BREAK or tok.kind == "url"):
            end_here = S._breaks_before(tokens, i + 1, tok)
        if not end_here and i + 1 < n:
            end_here = _line_break(text, tok.end, tokens[i + 1].start)
        if end_here or i == n - 1:
            last = i + 1
            while (
                last < n
                and tokens[last].text in {'"', "”", "’", ")", "»", "'"}
                and not _line_break(text, tokens[last - 1].end, tokens[last].start)
            ):
                last += 1
            out.append(Sentence(tokens[first].start, tokens[last - 1].end, first, last))
            first = last
            i = last
            continue
        i += 1
    return out


PIECES = st.sampled_from(
    [" ", " ", "  ", "\n", "\r\n", "\r", "\n\n", " \n ", "\t", "\u2028"]
    + ["Hej", "mål", "Vi", "ca", "fx", "kl", "f.eks", "nr", "3", "12", "2024", "a", "B"]
    + [".", ".", "!", "?", "…", "...", ",", ":", '"', "”", "’", ")", "»", "'", "(", "-"]
    + ["•", "▪", "✅", "👉", "🚀", "→", "🎉", "#Ledelse", "#Trivsel", "#1", "@mette"]
    + ["https://x.dk/a", "www.firma.dk", "hr@firma.dk", "firma.dk", "©"]
)
TEXTS = st.lists(PIECES, max_size=50).map("".join)


@settings(max_examples=1500, deadline=None)
@given(TEXTS)
def test_sentences_and_lines_equal_the_one_loop_versions(text: str) -> None:
    a = analyze(text, lang="da")
    assert list(a.sentences) == reference_sentences(text, list(a.tokens))
    assert S.lines(text) == reference_lines(text)
    assert [type(s) for s in a.sentences] == [Sentence] * len(a.sentences)


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.sampled_from(list('ab3 .!?\n\r"”)#•👉')), max_size=80))
def test_sentences_equal_the_one_loop_version_on_any_mix(text: str) -> None:
    a = analyze(text, lang="en")
    assert list(a.sentences) == reference_sentences(text, list(a.tokens))
