"""review_many over several processes: dead workers, errors in order, unguarded scripts."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

import postcraft

from ._run import run_script

GOOD = ["Tak for i dag, alle sammen! Jeg har lært meget.", "Thanks for today, everyone. I learned a lot."]
GERMAN = "Wir freuen uns sehr, heute unser neues Team in Hamburg vorzustellen!"

# A text whose unpickling kills the worker process that receives it, as the OOM killer would.
BOMB = """
import os, signal


def _explode(text):
    os.kill(os.getpid(), signal.SIGKILL)
    return text


class Bomb(str):
    def __reduce__(self):
        return (_explode, (str(self),))
"""


def test_a_worker_killed_from_outside_does_not_hang_and_results_match_review(tmp_path: Path) -> None:
    result = run_script(
        tmp_path,
        """
        import multiprocessing, os, signal
        import postcraft

        if __name__ == "__main__":
            texts = [f"{t} Dag {i}. " * 40 for i in range(20) for t in GOOD_TEXTS]  # slow enough to be busy
            out = []
            for r in postcraft.review_many(texts, n_process=2, batch_size=3, show_progress=False):
                if len(out) == 1:  # kill one worker while the others are busy
                    victim = multiprocessing.active_children()[0]
                    os.kill(victim.pid, signal.SIGKILL)
                out.append(r)
            same = [r.to_dict() for r in out] == [postcraft.review(t).to_dict() for t in texts]
            print("OK" if same and len(out) == len(texts) else "DIFFERENT")
        """.replace("GOOD_TEXTS", repr(GOOD)),
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "OK"


def test_a_batch_that_kills_its_worker_twice_is_reported_for_its_texts(tmp_path: Path) -> None:
    (tmp_path / "bomb.py").write_text(BOMB, "utf-8")
    result = run_script(
        tmp_path,
        """
        import postcraft
        from bomb import Bomb

        if __name__ == "__main__":
            texts = GOOD_TEXTS * 4
            texts[3] = Bomb(texts[3])  # batch 1: a worker's (this process reviews batches 0, 2, …)
            out = list(postcraft.review_many(texts, n_process=2, batch_size=2, errors="yield", show_progress=False))
            kinds = ["W" if type(r).__name__ == "WorkerError" else "R" for r in out]
            print("".join(kinds))
            got = []
            try:
                for r in postcraft.review_many(texts, n_process=2, batch_size=2, show_progress=False):
                    got.append(r)
            except postcraft.PostcraftError as exc:
                print(len(got), type(exc).__name__ == "WorkerError" and "killed by SIGKILL" in str(exc))
        """.replace("GOOD_TEXTS", repr(GOOD)),
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.split()
    assert lines[0] == "RRWWRRRR"  # the batch of texts 2 and 3, nothing else
    assert lines[1:] == ["2", "True"]  # everything before the lost batch, then the error


def test_raise_mode_yields_every_finished_review_before_the_error_in_order() -> None:
    texts = [*GOOD * 5, GERMAN, *GOOD]
    got = []
    with pytest.raises(postcraft.UnsupportedLanguageError):
        for r in postcraft.review_many(texts, n_process=2, show_progress=False):
            got.append(r)
    assert [r.to_dict() for r in got] == [postcraft.review(t).to_dict() for t in texts[:10]]


def test_yield_mode_yields_every_review_before_a_bug_then_raises_the_bug() -> None:
    from ._buggy import buggy

    texts = [GOOD[1], GOOD[1], "BUG " + GOOD[1], GOOD[1]]
    model = buggy("en")
    for n in (1, 2):
        got = []
        with pytest.raises(ZeroDivisionError):
            for r in postcraft.review_many(
                texts, n_process=n, errors="yield", tone_model=model, show_progress=False
            ):
                got.append(r)
        assert [r.to_dict() for r in got] == [postcraft.review(t).to_dict() for t in texts[:2]], n


def test_yield_mode_turns_a_non_text_into_an_input_error_in_its_place() -> None:
    texts: list[object] = [GOOD[0], GOOD[1], 5, GOOD[0]]
    for n in (1, 2):
        out = list(postcraft.review_many(texts, n_process=n, errors="yield", show_progress=False))  # type: ignore[arg-type]
        assert [type(r).__name__ for r in out] == ["Review", "Review", "InputError", "Review"]


def test_a_script_without_a_main_guard_gets_a_clear_error_not_a_loop(tmp_path: Path) -> None:
    # A thread running makes forking unsafe, so the workers are spawned, which imports the
    # main script again.
    result = run_script(
        tmp_path,
        """
        import threading, time
        import postcraft

        threading.Thread(target=time.sleep, args=(30,), daemon=True).start()
        print(len(list(postcraft.review_many(GOOD_TEXTS, n_process=2, show_progress=False))))
        """.replace("GOOD_TEXTS", repr(GOOD)),
        timeout=60,
    )
    assert result.returncode != 0
    assert 'if __name__ == "__main__":' in result.stderr
    assert "WorkerError" in result.stderr


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="workers are forked on Linux only")
def test_a_script_without_a_main_guard_just_works_where_workers_are_forked(tmp_path: Path) -> None:
    result = run_script(
        tmp_path,
        """
        import postcraft

        texts = GOOD_TEXTS * 50
        out = [r.to_dict() for r in postcraft.review_many(texts, n_process=2, batch_size=4, show_progress=False)]
        print(out == [postcraft.review(t).to_dict() for t in texts])
        """.replace("GOOD_TEXTS", repr(GOOD)),
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "True"


def test_spawned_workers_give_the_same_results(monkeypatch: pytest.MonkeyPatch) -> None:
    from postcraft import batch

    monkeypatch.setattr(batch, "_start_method", lambda: "spawn")
    texts = [*GOOD * 6, GERMAN, *GOOD]
    out = list(postcraft.review_many(texts, n_process=3, batch_size=2, errors="yield", show_progress=False))
    expected: list[object] = []
    for t in texts:
        try:
            expected.append(postcraft.review(t).to_dict())
        except postcraft.PostcraftError as exc:
            expected.append(type(exc).__name__)
    got = [r.to_dict() if isinstance(r, postcraft.Review) else type(r).__name__ for r in out]
    assert got == expected
