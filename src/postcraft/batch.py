"""Many reviews at once: :func:`review_many` streams results in input order, optionally over
several processes. Every worker loads models lazily on first use, so the same code runs
unchanged inside Dask, Spark or any process pool (see docs/scale.md)."""

from __future__ import annotations

import multiprocessing
from collections.abc import Iterable, Iterator
from functools import partial
from typing import Any

from ._progress import progress as _progress
from .errors import InputError, PostcraftError
from .pipeline import Review, review


def _review_one(text: str, options: dict[str, Any], keep_errors: bool = False) -> Review | PostcraftError:
    if not keep_errors:
        return review(text, **options)
    try:
        return review(text, **options)
    except PostcraftError as exc:
        return exc


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
    :class:`~postcraft.PostcraftError` when its turn comes, as ``review`` would; with
    ``errors="yield"`` the error is yielded in its place and the batch goes on. A bad
    ``n_process``, ``batch_size`` or ``errors`` raises :class:`~postcraft.InputError`.

    >>> [r.lang for r in review_many(["Tak for i dag, alle sammen!", "Thanks for today, everyone!"])]
    ['da', 'en']
    """
    options = {"lang": lang, "guidelines": guidelines, "roster": roster, "tone_model": tone_model}
    if total is None and hasattr(texts, "__len__"):
        total = len(texts)  # type: ignore[arg-type]
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
    ctx = multiprocessing.get_context("spawn")
    with ctx.Pool(n_process) as pool:
        yield from wrap(
            pool.imap(partial(_review_one, options=options, keep_errors=keep), texts, chunksize=batch_size)
        )
