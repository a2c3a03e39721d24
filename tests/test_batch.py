"""review_many: errors raised in order, or yielded in place with errors='yield', across processes."""

from __future__ import annotations

import pytest

import postcraft

TEXTS = [
    "Tak for i dag, alle sammen! Jeg har lært meget.",
    "Wir freuen uns sehr, heute unser neues Team in Hamburg vorzustellen!",
    "Thanks for today, everyone. I learned a lot.",
]


def test_errors_raise_when_their_turn_comes() -> None:
    it = postcraft.review_many(TEXTS, show_progress=False)
    assert next(it).lang == "da"
    with pytest.raises(postcraft.UnsupportedLanguageError):
        next(it)


@pytest.mark.parametrize("n_process", [1, 2])
def test_errors_yielded_in_place(n_process: int) -> None:
    out = list(
        postcraft.review_many(TEXTS, n_process=n_process, batch_size=1, errors="yield", show_progress=False)
    )
    assert out[0].lang == "da" and out[2].lang == "en"
    assert isinstance(out[1], postcraft.UnsupportedLanguageError) and out[1].lang == "de"
    assert "German" in str(out[1])


def test_bad_arguments() -> None:
    with pytest.raises(postcraft.InputError, match=r"errors='ignore'.*'raise'.*'yield'"):
        list(postcraft.review_many(TEXTS, errors="ignore"))
    with pytest.raises(postcraft.InputError, match=r"n_process=0.*1 or more.*-1"):
        list(postcraft.review_many(TEXTS, n_process=0))
    with pytest.raises(postcraft.InputError, match=r"batch_size=0.*1 or more"):
        list(postcraft.review_many(TEXTS, batch_size=0))
