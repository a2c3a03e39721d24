"""Insights from an organisation's post history: who posts how often, what works, what to celebrate.

>>> import postcraft
>>> from postcraft.insights import compute_insights, load_history
>>> rows = [
...     {"Date": f"2025-03-{d:02d}", "Author": "Mette Hansen", "Impressions": 900, "Reactions": 30,
...      "Text": f"Jeg lærte noget nyt på dag {d} i projektet, og det vil jeg gerne dele med jer."}
...     for d in range(3, 29, 7)
... ]
>>> result = compute_insights(load_history(rows), review=postcraft.review, show_progress=False)
>>> result.organisation.posts, result.people[0].longest_streak, result.basis
(4, 4, 'impressions')

:func:`load_history` reads CSV, XLSX (with openpyxl), JSON and JSON lines with a documented
column mapping (``docs/insights.md``); :func:`compute_insights` reviews every post once with
the ``review`` it is given (:func:`postcraft.insights` gives it the pipeline's) and computes the insights, each with its uncertainty. The result is
shown with charts in a notebook, as a report with ``Insights.report("da")``, as JSON with
``to_dict()`` and as pandas tables with ``to_dataframes()``.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Mapping
from importlib import import_module
from typing import TYPE_CHECKING, Any, Literal

from ..errors import InputError

if TYPE_CHECKING:
    import datetime as dt

    from ..formats.labels import Note
    from .history import Author, History, HistoryError, MissingDependencyError, Post, SkippedRow
    from .model import (
        Cadence,
        Effect,
        FirstPost,
        GroupRate,
        Insights,
        Leaders,
        Milestone,
        Month,
        Overlap,
        PostFacts,
        TeamLead,
        Trend,
    )
    from .stats import Interval

# name -> module that defines it; imported on first use (PEP 562), so that importing
# postcraft.insights costs about a millisecond.
_LAZY = {
    "Author": ".history",
    "History": ".history",
    "HistoryError": ".history",
    "MissingDependencyError": ".history",
    "Post": ".history",
    "SkippedRow": ".history",
    "Cadence": ".model",
    "Effect": ".model",
    "FirstPost": ".model",
    "GroupRate": ".model",
    "Insights": ".model",
    "Leaders": ".model",
    "Milestone": ".model",
    "Month": ".model",
    "Overlap": ".model",
    "PostFacts": ".model",
    "TeamLead": ".model",
    "Trend": ".model",
    "Note": "..formats.labels",
    "Interval": ".stats",
}

__all__ = [
    "Author",
    "Cadence",
    "Effect",
    "FirstPost",
    "GroupRate",
    "History",
    "HistoryError",
    "Insights",
    "Interval",
    "Leaders",
    "Milestone",
    "MissingDependencyError",
    "Month",
    "Note",
    "Overlap",
    "Post",
    "PostFacts",
    "SkippedRow",
    "TeamLead",
    "Trend",
    "compute_insights",
    "load_history",
]


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'postcraft.insights' has no attribute {name!r}")
    value = getattr(import_module(module, __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))


def load_history(
    source: str | os.PathLike[str] | Iterable[Mapping[str, Any]] | Any,
    *,
    mapping: Mapping[str, Any] | str | os.PathLike[str] | None = None,
    roster: Any = None,
    format: str | None = None,
    errors: Literal["raise", "skip"] = "raise",
    encoding: str | None = None,
) -> History:
    """Load a post history: a CSV, XLSX (needs openpyxl), JSON or JSON-lines file, a list of
    dicts, or a pandas DataFrame. See :func:`postcraft.insights.history.load_history`, which
    this calls, for every option, and ``docs/insights.md`` for the column mapping.

    >>> h = load_history([{"Date": "2025-03-03", "Author": "Mette Hansen", "Text": "Tak for i dag!"}])
    >>> len(h), h.columns["text"]
    (1, 'Text')
    """
    from .history import load_history as _load

    return _load(source, mapping=mapping, roster=roster, format=format, errors=errors, encoding=encoding)


def compute_insights(
    history: History | str | os.PathLike[str] | Iterable[Mapping[str, Any]],
    roster: Any = None,
    *,
    now: dt.date | dt.datetime | str | None = None,
    seed: int = 0,
    resamples: int = 2000,
    level: float = 0.95,
    min_posts: int = 20,
    quiet_weeks: int = 4,
    recent_weeks: int = 4,
    mapping: Mapping[str, Any] | str | os.PathLike[str] | None = None,
    review: Callable[[str], Any],
    show_progress: bool | None = None,
) -> Insights:
    """What a post history shows, each number with its uncertainty.

    ``history`` is a :class:`History` (from :func:`load_history`) or anything
    :func:`load_history` reads (then ``mapping`` is used). ``roster`` (a path, dict or Roster)
    re-matches the authors, giving roles and teams.

    * **Cadence** per person, team and organisation: posts per week (exact Poisson interval),
      current and longest weekly streak, and who has gone quiet (posted before, nothing in the
      last ``quiet_weeks`` weeks); leaders' share of posts (Wilson interval) and whether leaders
      posted before the others.
    * **What works**: engagement (reactions + comments + reposts) per impression, or per post
      when there are no impressions, by tone, template, purpose, length, hook and fold, hashtag
      count and guideline findings; one comparison per dimension made within each person
      (weekdays taken out, viral posts pulled in), its ``level`` interval from ``resamples``
      seeded bootstrap replicates of people, its p-value from a within-person permutation test,
      a small-sample warning below ``min_posts`` posts a side or 10 people who wrote both,
      and Holm adjustment over all comparisons. Descriptive, not causal.
    * **Progress**: first posts, milestones (10th, 25th, 50th … post), best month, and the slope
      of monthly posts with its interval.

    ``now`` (a date or ``YYYY-MM-DD``) defaults to the newest post's date, so a file always
    gives the same result; pass ``datetime.date.today()`` to look at it as of today. Every post
    is reviewed once with ``review`` (:func:`postcraft.insights` passes the pipeline's review with
    its ``guidelines`` and ``tone_model``); a progress bar is drawn on a terminal for long histories (``show_progress``).
    """
    from .history import History

    if not isinstance(history, History):
        history = load_history(history, mapping=mapping, roster=roster)
    elif roster is not None:
        history = history.with_roster(roster)
    if resamples < 100:
        raise InputError("resamples must be at least 100 (2,000 is the default)")
    if not 0.5 < level < 1:
        raise InputError("level is a confidence level such as 0.95")
    if min_posts < 2 or quiet_weeks < 1 or recent_weeks < 1:
        raise InputError("min_posts must be at least 2, quiet_weeks and recent_weeks at least 1")
    from .compute import compute

    return compute(
        history,
        now=_as_date(now),
        seed=seed,
        resamples=resamples,
        level=level,
        min_posts=min_posts,
        quiet_weeks=quiet_weeks,
        recent_weeks=recent_weeks,
        review=review,
        show_progress=show_progress,
    )


def _as_date(value: dt.date | dt.datetime | str | None) -> dt.date | None:
    import datetime as dt  # here: importing the package (as ``import postcraft`` does) stays cheap

    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError:
        raise InputError(f"now={value!r} is not a date; write it as YYYY-MM-DD") from None
