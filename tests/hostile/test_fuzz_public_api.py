"""Hypothesis over every public function: any Unicode (lone surrogates too), up to 100,000
characters; nothing but a PostcraftError may come out, and every span lies inside the text.

The default runs take seconds; the 100k-character run is marked ``slow``."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import postcraft
from postcraft import PostcraftError

# Everything Unicode has, lone surrogates included, weighted towards what posts hold.
ANY_CHAR = st.characters(codec=None, categories=None)
POSTY = st.sampled_from(
    list("aæøåeé #@\n\t.,!?:;-–—'\"()[]{}")
    + ["#", "@", "👋", "🏽", "\u200d", "\ufeff", "\u0301", "ß", "İ", "\r"]
)
TEXT = st.text(st.one_of(ANY_CHAR, POSTY), max_size=400) | st.lists(
    st.sampled_from(
        [
            "#employeeadvocacy",
            "#GrønOmstilling",
            "jeg",
            "the",
            "Reklame",
            "#ad",
            "@Mette",
            "Hansen",
            "vi vi",
            "I I",
            "https://example.com/x?y=1",
            "3.000",
            "KPI",
            "!!!",
            "🎉",
            "\n\n",
            " ",
            "obrigado",
            "und",
            "och",
        ]
    ),
    max_size=80,
).map(" ".join)
FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _spans_inside(review: Any, text: str) -> None:
    n = len(text)
    for f in review.findings:
        assert 0 <= f.start <= f.end <= n, f
    if review.tone is not None:
        for d in review.tone.drivers:
            for a, b in d.spans:
                assert 0 <= a <= b <= n, d
    for tok in review.analysis.tokens:
        assert 0 <= tok.start <= tok.end <= n and text[tok.start : tok.end] == tok.text


def _each_function(text: str) -> int:
    """Every function on ``text``, detected and with each supported language forced; how many
    calls returned a result (not an error)."""
    ok = 0
    for lang in (None, *postcraft.langs.SUPPORTED):
        for call in (
            lambda lang=lang: postcraft.analyze(text, lang=lang),
            lambda lang=lang: _spans_inside(postcraft.review(text, lang=lang), text),
            lambda lang=lang: [
                0 <= f.start <= f.end <= len(text) or pytest.fail(str(f))
                for f in postcraft.check(text, lang=lang)
            ],
            lambda lang=lang: postcraft.score_tone(text, lang=lang),
            lambda lang=lang: postcraft.suggest_tags(text, lang=lang),
            lambda lang=lang: postcraft.apply_fixes(text, postcraft.check(text, lang=lang), unsafe=True),
        ):
            try:
                call()
                ok += 1
            except PostcraftError:
                pass
    return ok


@FAST
@given(TEXT)
def test_public_functions_raise_only_postcraft_errors_and_keep_spans_inside(text: str) -> None:
    assert _each_function(text) >= 6  # with a language forced, the functions run (not only raise)


@FAST
@given(TEXT, st.sampled_from([None, "da", "en", "de", "", "EN", "xx"]))
def test_review_with_any_lang_string_raises_only_postcraft_errors(text: str, lang: str | None) -> None:
    try:
        _spans_inside(postcraft.review(text, lang=lang), text)
    except PostcraftError:
        pass


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(TEXT, max_size=5))
def test_review_many_in_one_process_matches_review(texts: list[str]) -> None:
    out = list(postcraft.review_many(texts, errors="yield", show_progress=False))
    assert len(out) == len(texts)
    for text, got in zip(texts, out, strict=True):
        try:
            want: Any = postcraft.review(text).to_dict()
        except PostcraftError as exc:
            want = type(exc)
        assert (got.to_dict() if isinstance(got, postcraft.Review) else type(got)) == want


_TEMPLATES = sorted(t.id for t in postcraft.templates.list_templates())


@FAST
@given(st.sampled_from(_TEMPLATES), st.data())
def test_render_with_any_field_text_raises_only_postcraft_errors(template_id: str, data: Any) -> None:
    template = postcraft.templates.get_template(template_id)
    fields = {f.name: data.draw(TEXT, label=f.name) for f in template.fields}
    try:
        draft = postcraft.render(template_id, **fields)
    except PostcraftError:
        return
    assert isinstance(draft.text, str)


@pytest.mark.slow
@settings(
    max_examples=6, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large]
)
@given(
    st.text(st.one_of(ANY_CHAR, POSTY), min_size=1, max_size=300),
    st.sampled_from([100_000, 60_000]) | st.integers(1, 100_000),
)
def test_texts_up_to_100k_characters(piece: str, length: int) -> None:
    text = (piece * (length // len(piece) + 1))[:length]
    assert _each_function(text) >= 6


ANY_VALUE = st.one_of(
    st.none(),
    st.integers(),
    st.floats(),
    st.binary(max_size=8),
    st.lists(st.text(max_size=3), max_size=2),
    st.text(max_size=8),
    st.booleans(),
)


@FAST
@given(st.one_of(TEXT, ANY_VALUE), ANY_VALUE)
def test_any_argument_values_give_postcraft_errors_and_a_wrong_type_says_so(text: Any, lang: Any) -> None:
    for name in ("analyze", "review", "check", "score_tone", "suggest_tags"):
        try:
            getattr(postcraft, name)(text, lang=lang)
        except PostcraftError as exc:
            if lang is not None and not isinstance(lang, str):
                assert isinstance(exc, postcraft.InputError), (name, lang, exc)
                assert "lang must be a language code" in str(exc) or "str" in str(exc)
