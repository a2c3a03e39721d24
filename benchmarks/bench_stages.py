"""CPU time per post of a review's checks and tags stages, on fresh analyses, and of the whole
review: medians per round over the tone corpus (the posts ``run.py`` uses), then the median
over the rounds.

Each round analyses every post again from a new string object (an analysis caches what its
properties compute, so a measurement on analyses reused from an earlier round would leave out
work a review does), scores its tone and then times ``check_analysis`` and ``suggest`` on it
with ``time.thread_time``, in the order ``review()`` runs them. With ``--review`` each round
also times ``postcraft.review`` per post. Word caches are warm (one pass before the rounds),
as in a long-running service.

Usage::

    python benchmarks/bench_stages.py                 # 5 rounds
    python benchmarks/bench_stages.py --rounds 7 --review
    PYTHONPATH=other/src python benchmarks/bench_stages.py   # the same for another checkout
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from run import DEFAULT_ROSTER, load_corpus  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=5, help="passes over the corpus (default 5)")
    parser.add_argument("--review", action="store_true", help="also time postcraft.review per post")
    parser.add_argument("--roster", type=Path, default=DEFAULT_ROSTER, help="roster for tags and reviews")
    args = parser.parse_args(argv)

    import postcraft
    from postcraft.analysis import analyze
    from postcraft.rules import check_analysis, load_guidelines
    from postcraft.tags import load_roster, suggest
    from postcraft.tone import score_analysis

    texts = [t for _, t in load_corpus()]
    roster = load_roster(args.roster)
    g = load_guidelines(None)
    clock = time.thread_time
    for text in texts:  # warm the word caches (lemmas, compounds, syllables)
        a = analyze(text)
        check_analysis(a, g, tone=score_analysis(a))
        suggest(a, roster, g)
        postcraft.review(text, roster=roster)

    rows: dict[str, list[float]] = {"checks": [], "tags": [], "review": []}
    for _ in range(args.rounds):
        checks: list[float] = []
        tags: list[float] = []
        for text in texts:
            a = analyze("".join(list(text)))
            tone = score_analysis(a)
            _ = tone.drivers
            t0 = clock()
            check_analysis(a, g, tone=tone)
            t1 = clock()
            suggest(a, roster, g)
            t2 = clock()
            checks.append(t1 - t0)
            tags.append(t2 - t1)
        rows["checks"].append(statistics.median(checks) * 1e3)
        rows["tags"].append(statistics.median(tags) * 1e3)
        if args.review:
            reviews: list[float] = []
            for text in texts:
                fresh = "".join(list(text))
                t0 = clock()
                postcraft.review(fresh, roster=roster)
                reviews.append(clock() - t0)
            rows["review"].append(statistics.median(reviews) * 1e3)
    print(f"postcraft from {Path(postcraft.__file__).parent} · {len(texts)} posts · {args.rounds} rounds")
    for name, values in rows.items():
        if values:
            each = " ".join(f"{v:.3f}" for v in values)
            print(f"{name:7s} median CPU per post {statistics.median(values):.3f} ms  (rounds: {each})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
