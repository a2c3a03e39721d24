"""review_many: errors raised in order, or yielded in place with errors='yield', across processes."""

from __future__ import annotations

import time

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


def test_the_parent_reads_ahead_before_it_waits(monkeypatch: pytest.MonkeyPatch) -> None:
    """After yielding finished batches the parent reads the next ones before it waits: it never
    waits while there is room to read more texts (each such wait left this process, and often
    the worker too, idle for up to 0.5 s)."""
    from postcraft import batch

    idle_waits: list[tuple[int, int]] = []
    receive = batch._Run.receive

    def watched(self: batch._Run, timeout: float) -> None:
        if timeout and not self.exhausted and self.next_new - self.next_out < self.window:
            idle_waits.append((self.next_out, self.next_new))  # room to read, yet it waits
        receive(self, timeout)

    review_mine = batch._Run.review_mine

    def slow_parent(self: batch._Run, bid: int) -> None:  # the worker finishes first, every time
        review_mine(self, bid)
        time.sleep(0.05)

    monkeypatch.setattr(batch._Run, "receive", watched)
    monkeypatch.setattr(batch._Run, "review_mine", slow_parent)
    texts = [f"Dag {i}: jeg lærte noget nyt om vagtplaner i dag." for i in range(60)]
    out = list(postcraft.review_many(texts, n_process=2, batch_size=2, show_progress=False))
    assert [r.text for r in out] == texts
    assert idle_waits == []
