"""The tone features' fast paths (words no lexicon table knows; phrases turned down on their
second word) give exactly what the full per-word tests give."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from postcraft.analysis import analyze
from postcraft.tone import features

ROOT = Path(__file__).resolve().parents[1]


class _Everything:
    """A set that holds every word: no word takes the fast path."""

    def __contains__(self, item: object) -> bool:
        return True


class _AlwaysTry(dict[str, Any]):
    """No second word rules a phrase out: every candidate is tried."""

    def __getitem__(self, key: str) -> None:
        return None


def _full(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(features, "_lookup_keys", lambda lang: (_Everything(), _Everything()))
    monkeypatch.setattr(features, "_phrase_seconds", lambda lang: _AlwaysTry())


def _as_data(f: features.Features) -> Any:
    return (f.style, f.style_tokens, sorted(f.category.items()), f.words, f.where)


def _corpus_sample(n: int = 300) -> list[tuple[str, str]]:
    out = []
    for path in sorted((ROOT / "corpora" / "tone").glob("*/*.jsonl")):
        for line in path.read_text("utf-8").splitlines()[: n // 4]:
            row = json.loads(line)
            out.append((row["lang"], row["text"]))
    return out


def test_fast_paths_equal_the_full_tests_on_corpus_posts(monkeypatch: pytest.MonkeyPatch) -> None:
    posts = _corpus_sample()
    assert len(posts) > 100
    fast = [_as_data(features.extract(analyze(t, lang=lang))) for lang, t in posts]
    _full(monkeypatch)
    full = [_as_data(features.extract(analyze(t, lang=lang))) for lang, t in posts]
    assert fast == full


_WORDS = [
    "I",
    "i",
    "går",
    "we",
    "our",
    "the",
    "other",
    "day",
    "Learn",
    "more",
    "jeg",
    "vi",
    "det",
    "er",
    "har",
    "Acme",
    "announced",
    "said",
    "CEO",
    "virksomheden",
    "præsenterer",
    "I'm",
    "don't",
    "implementeringsstrategien",
    "organisation",
    "you",
    "dig",
    "Hej",
    "Tak",
    "læs",
    "mere",
    "!",
    "?",
    ".",
    "\n",
    "🎉",
    "#AI",
    "@Anna",
    "https://x.dk",
    "æøå",
    "morges",
    "we're",
    "-",
    "AD",
]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(_WORDS), min_size=1, max_size=40), st.sampled_from(["da", "en"]))
def test_fast_paths_equal_the_full_tests_on_word_salad(words: list[str], lang: str) -> None:
    text = " ".join(words)
    fast = _as_data(features.extract(analyze(text, lang=lang)))
    with pytest.MonkeyPatch.context() as mp:
        _full(mp)
        full = _as_data(features.extract(analyze(text, lang=lang)))
    assert fast == full
