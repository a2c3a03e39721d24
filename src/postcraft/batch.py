"""Many reviews at once: :func:`review_many` streams results in input order, optionally over
several processes. Every worker loads models lazily on first use, so the same code runs
unchanged inside Dask, Spark or any process pool (see docs/scale.md).

With ``n_process`` > 1 this process reviews every ``n_process``-th batch itself and the
other batches go to ``n_process - 1`` worker processes this module starts (forked on Linux when
no other thread runs, so they share the loaded models; spawned elsewhere) and watches itself (not a :class:`multiprocessing.pool.Pool`, which waits forever for a worker that was
killed): a worker that dies (``SIGKILL``, the out-of-memory killer) is noticed within
:data:`POLL_SECONDS`, its batch is run once more in a fresh worker, and if it dies again its
texts are reported as a :class:`~postcraft.errors.WorkerError`. Nothing waits without a bound
on a process that is gone.
"""

from __future__ import annotations

import gc
import multiprocessing
import pickle
import sys
import traceback
from collections import deque
from collections.abc import Iterable, Iterator
from itertools import islice
from multiprocessing.connection import Connection, wait
from typing import Any

from ._progress import progress as _progress
from .errors import InputError, PostcraftError, WorkerError
from .pipeline import Review, review

#: How long (seconds) the parent waits for any worker before looking again at which are alive.
POLL_SECONDS = 0.5
#: texts this process reviews between two looks at what the workers sent
POLL_EVERY = 8
#: batches a worker holds at once (one being reviewed, one waiting)
PREFETCH = 2
#: How many times a batch is sent to a worker before its texts are reported as lost.
MAX_ATTEMPTS = 2
#: Exit code of a worker that found itself started from an unguarded main script.
_NO_MAIN_GUARD = 87
_GUARD_MESSAGE = (
    "review_many(n_process>1) was called while a worker process was starting: the script that "
    'calls it has no `if __name__ == "__main__":` guard. Worker processes are started with '
    "'spawn', which runs the main script again; put the script's top-level code under "
    '`if __name__ == "__main__":` (or use n_process=1)'
)


def _review_one(text: str, options: dict[str, Any], keep_errors: bool = False) -> Review | PostcraftError:
    if not keep_errors:
        return review(text, **options)
    try:
        return review(text, **options)
    except PostcraftError as exc:
        return exc


def _portable(exc: BaseException) -> BaseException:
    """``exc`` itself when it survives pickling, else a RuntimeError that names it; the
    worker's traceback is added as a note either way."""
    exc.add_note("in a review_many worker process:\n" + "".join(traceback.format_exception(exc)))
    try:
        pickle.loads(pickle.dumps(exc))
    except Exception:
        plain = RuntimeError(f"{type(exc).__name__}: {exc}")
        for note in getattr(exc, "__notes__", ()):
            plain.add_note(note)
        return plain
    return exc


def _review_batch(texts: list[str], options: dict[str, Any], keep: bool) -> list[Any]:
    """Reviews of ``texts`` in order; an error takes its text's place. The batch stops at the
    first error that will be raised (any error unless ``keep``, else one that is not a
    PostcraftError), so nothing after it is computed for nothing."""
    out: list[Any] = []
    for text in texts:
        if not _review_into(out, text, options, keep):
            break
    return out


def _review_into(out: list[Any], text: str, options: dict[str, Any], keep: bool) -> bool:
    """Append the review of ``text`` (or its error) to ``out``; False when the batch stops there."""
    try:
        out.append(review(text, **options))
    except PostcraftError as exc:
        out.append(exc)
        return keep
    except Exception as exc:
        out.append(_portable(exc))
        return False
    return True


def _worker(conn: Connection, options: dict[str, Any], keep: bool) -> None:
    """A worker process: say it is ready, then review each batch sent until ``None`` arrives.
    Its analyses travel lean (:func:`postcraft.analysis.core.ship_lean`): the parent, the
    same postcraft, rebuilds the tokens from the text should anyone read them."""
    from .analysis.core import ship_lean

    ship_lean()
    conn.send("ready")
    while True:
        try:
            job = conn.recv()
        except EOFError:  # the parent went away
            return
        if job is None:
            return
        batch_id, texts = job
        conn.send((batch_id, _review_batch(texts, options, keep)))


def _check_not_bootstrapping() -> None:
    """In a spawned worker that is still importing the main script, stop that worker with
    :data:`_NO_MAIN_GUARD` (the parent then raises a clear error) instead of starting more."""
    if getattr(multiprocessing.current_process(), "_inheriting", False):
        print("postcraft: " + _GUARD_MESSAGE, file=sys.stderr)
        raise SystemExit(_NO_MAIN_GUARD)


def _describe_death(exitcode: int | None) -> str:
    if exitcode is not None and exitcode < 0:
        import signal

        try:
            name = signal.Signals(-exitcode).name
        except ValueError:
            name = f"signal {-exitcode}"
        hint = " (the out-of-memory killer sends SIGKILL)" if name == "SIGKILL" else ""
        return f"was killed by {name}{hint}"
    return f"exited with code {exitcode}"


def _start_method() -> str:
    """``fork`` where it is safe and cheap (Linux, no other thread running): the workers
    inherit the loaded models and never import the main script; ``spawn`` elsewhere."""
    import threading

    if sys.platform.startswith("linux") and threading.active_count() == 1:
        return "fork"
    return "spawn"


def _warm(options: dict[str, Any]) -> None:
    """Load what every review needs (packs, roster, tone models) before workers are forked,
    so that they share it; an error is left to the reviews, which raise it in its turn."""
    from .langs import SUPPORTED

    for code in SUPPORTED:
        try:
            review("postcraft", **{**options, "lang": code})
        except Exception:  # noqa: BLE001 - the same error comes back from the text it concerns
            return


class _Workers:
    """The worker processes of one :func:`review_many` call and the batches they hold."""

    def __init__(self, n: int, options: dict[str, Any], keep: bool) -> None:
        method = _start_method()
        if method == "fork":
            _warm(options)
        self.ctx: Any = multiprocessing.get_context(method)
        self.options = options
        self.keep = keep
        self.n = n
        self.procs: list[Any] = []
        self.conns: dict[Any, Connection] = {}
        self.ready: dict[Any, bool] = {}
        #: the batches sent to each worker and not yet returned, oldest first
        self.holding: dict[Any, deque[int]] = {}

    def start_one(self) -> None:
        parent, child = self.ctx.Pipe()
        proc = self.ctx.Process(
            target=_worker, args=(child, self.options, self.keep), daemon=True, name="postcraft-review"
        )
        if self.ctx.get_start_method() == "fork":
            # what is loaded now stays out of the children's garbage collections (fewer copied pages)
            gc.freeze()
            try:
                proc.start()
            finally:
                gc.unfreeze()
        else:
            proc.start()
        child.close()
        self.procs.append(proc)
        self.conns[proc] = parent
        self.ready[proc] = False
        self.holding[proc] = deque()

    def forget(self, proc: Any) -> None:
        self.procs.remove(proc)
        self.conns.pop(proc).close()
        del self.ready[proc], self.holding[proc]
        proc.join(timeout=1)

    def idle(self) -> list[Any]:
        """Workers that can take a batch: each holds up to :data:`PREFETCH`, so it has the next
        one at hand when it sends its results and never waits for this process."""
        return [p for p in self.procs if self.ready[p] and len(self.holding[p]) < PREFETCH]

    def all_busy(self) -> bool:
        """Every worker has started and holds a batch (none would take one now)."""
        return all(self.ready[p] and self.holding[p] for p in self.procs)

    def close(self) -> bool:
        """Stop the workers; True when one of them ended before it started because the main
        script has no ``if __name__ == "__main__":`` guard (:data:`_NO_MAIN_GUARD`)."""
        for proc in self.procs:
            try:
                self.conns[proc].send(None)
            except (OSError, ValueError):
                pass
        for proc in self.procs:
            proc.join(timeout=2)
            if proc.is_alive():
                proc.kill()
                proc.join(timeout=2)
        unguarded = any(not self.ready[p] and p.exitcode == _NO_MAIN_GUARD for p in self.procs)
        for conn in self.conns.values():
            conn.close()
        self.procs.clear()
        self.conns.clear()
        return unguarded


class _Run:
    """One parallel :func:`review_many` run: this process reviews every ``n``-th batch itself
    (handing out work every :data:`POLL_EVERY` texts); ``n - 1`` workers review the rest, and
    a worker with nothing left to do takes this process's latest batch not yet begun, and once
    every text is read this process takes the workers' latest batch not yet sent (and a worker
    holds one batch at a time), so neither side waits for the other at the end."""

    def __init__(self, texts: Iterable[str], n: int, size: int, options: dict[str, Any], keep: bool) -> None:
        self.source = iter(texts)
        self.n = n
        self.size = size
        self.options = options
        self.keep = keep
        self.batches: dict[int, list[str]] = {}  # read, not yet yielded
        self.attempts: dict[int, int] = {}
        self.done: dict[int, list[Any]] = {}
        self.retry: deque[int] = deque()
        self.for_workers: deque[int] = deque()
        self.for_me: deque[int] = deque()
        self.next_new = 0  # id of the next batch to read from ``texts``
        self.next_out = 0  # id of the next batch to yield
        self.exhausted = False
        self.window = 4 * n  # batches read ahead of the one being yielded, bounding memory
        self.pool = _Workers(n - 1, options, keep)

    def read_ahead(self) -> None:
        while not self.exhausted and self.next_new - self.next_out < self.window:
            chunk = list(islice(self.source, self.size))
            if not chunk:
                self.exhausted = True
                return
            bid = self.next_new
            self.next_new += 1
            self.batches[bid] = chunk
            self.attempts[bid] = 0
            (self.for_me if bid % self.n == 0 else self.for_workers).append(bid)

    def hand_out(self) -> None:
        pool = self.pool
        self.read_ahead()
        # once every text is read, a worker gets one batch at a time: a second one waiting in its
        # pipe could no longer be taken back, and this process would sit idle at the end
        limit = 1 if self.exhausted else PREFETCH
        for proc in pool.idle():
            while len(pool.holding[proc]) < limit:
                if self.retry:
                    bid = self.retry.popleft()
                elif self.for_workers:
                    bid = self.for_workers.popleft()
                elif self.for_me:  # an idle worker takes this process's latest batch not yet begun
                    bid = self.for_me.pop()
                else:
                    return
                self.attempts[bid] += 1
                pool.holding[proc].append(bid)
                try:
                    pool.conns[proc].send((bid, self.batches[bid]))
                except OSError:
                    break  # the worker just died: its sentinel fires and its batches are retried

    def receive(self, timeout: float) -> None:
        """Take what the workers sent, waiting at most ``timeout`` seconds for something."""
        pool = self.pool
        if not pool.procs:
            raise WorkerError("review_many: no worker process is left")  # pragma: no cover
        by_handle: dict[Any, Any] = {}
        for proc in pool.procs:
            by_handle[pool.conns[proc]] = proc
            by_handle[proc.sentinel] = proc
        woken = {by_handle[h] for h in wait(list(by_handle), timeout=timeout)}
        for proc in [p for p in pool.procs if p in woken]:
            conn = pool.conns[proc]
            try:
                while conn.poll():
                    message = conn.recv()
                    if message == "ready":
                        pool.ready[proc] = True
                    else:
                        bid, results = message
                        pool.holding[proc].popleft()
                        self.done[bid] = results
            except (EOFError, OSError):
                pass  # the worker is gone; its sentinel says so
            if not proc.is_alive():
                _lost_worker(pool, proc, self.batches, self.attempts, self.done, self.retry, self.keep)
        self.hand_out()

    def review_mine(self, bid: int) -> None:
        """Review one of this process's batches, keeping the workers fed between texts."""
        out: list[Any] = []
        for text in self.batches[bid]:
            if not _review_into(out, text, self.options, self.keep):
                break
            if len(out) % POLL_EVERY == 0:
                self.receive(0)
        self.done[bid] = out

    def results(self) -> Iterator[Any]:
        pool = self.pool
        try:
            for _ in range(self.n - 1):
                pool.start_one()
            while True:
                self.read_ahead()
                self.hand_out()
                while self.next_out in self.done:  # yield what is finished, in order
                    results = self.done.pop(self.next_out)
                    del self.batches[self.next_out], self.attempts[self.next_out]
                    self.next_out += 1
                    for r in results:
                        if isinstance(r, BaseException) and not (self.keep and isinstance(r, PostcraftError)):
                            raise r
                        yield r
                if self.exhausted and self.next_out == self.next_new:
                    # this process may have reviewed everything itself before a spawned worker,
                    # re-running a script without a main guard, stopped: the script still hears of it
                    if pool.close():
                        raise WorkerError(_GUARD_MESSAGE)
                    return
                if self.for_me:
                    self.review_mine(self.for_me.popleft())
                elif self.exhausted and self.for_workers and self.pool.all_busy():
                    # the end, every worker busy: rather than wait, review their latest batch not sent
                    self.review_mine(self.for_workers.pop())
                elif not self.exhausted and self.next_new - self.next_out < self.window:
                    continue  # what was yielded made room: read the next batches before waiting
                else:
                    self.receive(POLL_SECONDS)
        finally:
            pool.close()


def _lost_worker(
    pool: _Workers,
    proc: Any,
    batches: dict[int, list[str]],
    attempts: dict[int, int],
    done: dict[int, list[Any]],
    retry: deque[int],
    keep: bool,
) -> None:
    """A worker ended: retry the batch it was reviewing once, or report its texts; the batches
    it held unopened go back to the front of the queue uncounted; start a replacement."""
    was_ready = pool.ready[proc]
    held = list(pool.holding[proc])
    bid = held[0] if held else None  # the oldest: the one it was reviewing
    for waiting in reversed(held[1:]):
        attempts[waiting] -= 1
        retry.appendleft(waiting)
    exitcode = proc.exitcode
    pool.forget(proc)
    if not was_ready:
        if exitcode == _NO_MAIN_GUARD:
            raise WorkerError(_GUARD_MESSAGE)
        raise WorkerError(
            f"review_many: a worker process {_describe_death(exitcode)} before it started; "
            "see its message above, or use n_process=1"
        )
    if bid is not None:
        if attempts[bid] < MAX_ATTEMPTS:
            retry.append(bid)
        else:
            err = WorkerError(
                f"review_many: a worker process {_describe_death(exitcode)} while reviewing batch {bid} "
                f"({len(batches[bid])} texts), twice; those texts were not reviewed"
            )
            done[bid] = [err] * len(batches[bid]) if keep else [err]
    pool.start_one()


def review_many(
    texts: Iterable[str],
    *,
    n_process: int = 1,
    batch_size: int = 64,
    lang: str | None = None,
    guidelines: Any = None,
    roster: Any = None,
    tone_model: Any = None,
    show_progress: bool | None = None,
    total: int | None = None,
    errors: str = "raise",
) -> Iterator[Any]:
    """Review many drafts, yielding one :class:`~postcraft.Review` per text, in input order.

    ``n_process`` > 1 spreads the work over that many processes (``-1``: one per core), sending
    ``batch_size`` texts to a worker at a time; results are identical to calling
    :func:`~postcraft.review` one by one. ``guidelines``, ``roster`` and ``tone_model`` are
    passed to every review (paths, dicts or loaded objects; all are picklable). A progress
    bar is drawn on a terminal (``show_progress=None``), never when piped or in CI.

    A text that cannot be reviewed (an unsupported language, say) raises its
    :class:`~postcraft.PostcraftError` when its turn comes, after every result before it, as
    ``review`` would; with ``errors="yield"`` the error is yielded in its place and the batch
    goes on. Any other exception (a bug) is raised in its turn in both modes. A bad
    ``n_process``, ``batch_size`` or ``errors`` raises :class:`~postcraft.InputError`.

    With ``n_process`` > 1, a worker process that dies (killed, out of memory) has its batch
    run once more; if that dies too, its texts get a :class:`~postcraft.errors.WorkerError`
    (raised, or yielded per text with ``errors="yield"``). This process reviews every
    ``n_process``-th batch itself; the workers are forked on Linux when no other thread runs
    (after the models are loaded, which they then share) and spawned elsewhere. Spawning runs
    the main script again: a script without an ``if __name__ == "__main__":`` guard then gets
    a ``WorkerError`` saying so, never a loop.

    >>> [r.lang for r in review_many(["Tak for i dag, alle sammen!", "Thanks for today, everyone!"])]
    ['da', 'en']
    """
    options = {"lang": lang, "guidelines": guidelines, "roster": roster, "tone_model": tone_model}
    if total is None and hasattr(texts, "__len__"):
        total = len(texts)  # type: ignore[arg-type]
    if not isinstance(n_process, int) or isinstance(n_process, bool):
        raise InputError(f"review_many(n_process={n_process!r}): pass a whole number of processes")
    if not isinstance(batch_size, int) or isinstance(batch_size, bool):
        raise InputError(f"review_many(batch_size={batch_size!r}): pass a whole number of texts")
    if n_process == -1:
        n_process = multiprocessing.cpu_count()
    if n_process < 1:
        raise InputError(
            f"review_many(n_process={n_process!r}): pass a number of processes of 1 or more, or -1 for one per core"
        )
    if batch_size < 1:
        raise InputError(
            f"review_many(batch_size={batch_size!r}): pass a number of texts of 1 or more (default 64)"
        )
    if errors not in ("raise", "yield"):
        raise InputError(f"review_many(errors={errors!r}): pass 'raise' (the default) or 'yield'")
    keep = errors == "yield"
    if show_progress is False:

        def wrap(it: Iterable[Any]) -> Iterator[Any]:
            return iter(it)
    else:

        def wrap(it: Iterable[Any]) -> Iterator[Any]:
            return _progress(it, total=total, label="reviewing")

    if n_process == 1:
        yield from wrap(_review_one(t, options, keep) for t in texts)
        return
    _check_not_bootstrapping()
    yield from wrap(_Run(texts, n_process, batch_size, options, keep).results())
