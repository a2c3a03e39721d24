#!/usr/bin/env python
"""Measure postcraft.insights: the false-claim rate and power of "what works", and its speed.

    python scripts/insights_simulation.py claims [--runs 200]   # null and planted effects
    python scripts/insights_simulation.py speed                 # a 2,000+ post history, end to end

``claims`` runs the what-works statistics on synthetic post facts (no reviews): log-normal
impressions, over-dispersed engagement, random tone/length/fold/hashtag/finding groups (13
comparisons per history), and counts how often intervals exclude zero and how often a history
claims a finding, with no effect and with a planted effect on personal posts.

``speed`` writes four generated example histories (scripts/make_history.py, seeds 7–10) into one
file with every text made unique, then times loading, the insights and the outputs. The numbers in
docs/insights.md come from these two commands.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import math
import random
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]


def facts(seed: int, n: int, effect: float = 1.0, dispersion: float = 0.35) -> list[Any]:
    from postcraft.insights.model import PostFacts

    r = random.Random(seed)
    out = []
    for i in range(n):
        tone = r.choices(["personal", "mixed", "corporate"], [0.45, 0.2, 0.35])[0]
        imp = max(20, round(900 * math.exp(r.gauss(0, 0.6))))
        rate = (
            0.03
            * math.exp(r.gauss(0, dispersion) - dispersion**2 / 2)
            * (effect if tone == "personal" else 1.0)
        )
        mu = imp * rate
        eng = (
            max(0, round(r.gauss(mu, math.sqrt(mu))))
            if mu > 30
            else sum(r.random() < rate for _ in range(imp))
        )
        out.append(
            PostFacts(
                line=i + 2,
                date=dt.date(2025, 1, 1),
                author=f"p{i % 15}",
                team=None,
                leader=None,
                reviewed=True,
                tone=tone,
                length_band=r.choice(["short", "medium", "long"]),
                fold=r.choice(["visible", "hook_before_fold", "hook_cut"]),
                hashtag_band=r.choice(["none", "few", "many"]),
                findings_band=r.choice(["with_findings", "without_findings"]),
                impressions=imp,
                engagement=eng,
            )  # fmt: skip
        )
    return out


def claims(runs: int, effect: float, n: int) -> dict[str, float]:
    from postcraft.insights.compute import Settings, what_works

    settings = Settings(dt.date(2025, 7, 1), 0, 2000, 0.95, 20, 4, 4)
    comparisons = excluding = false_claim = found = 0
    for seed in range(runs):
        _groups, effects = what_works(facts(seed, n, effect), "impressions", settings)
        comparisons += len(effects)
        excluding += sum(
            1 for e in effects if e.difference_interval and not e.difference_interval.contains(0)
        )
        wrong = [e for e in effects if e.finding and (effect == 1.0 or e.dimension != "tone")]
        false_claim += bool(wrong)
        found += any(e.dimension == "tone" and e.group == "personal" and e.finding for e in effects)
    return {
        "histories": runs,
        "posts": n,
        "effect": effect,
        "intervals_excluding_zero": round(excluding / comparisons, 4),
        "histories_with_a_false_claim": round(false_claim / runs, 4),
        "planted_effect_found": round(found / runs, 4) if effect != 1.0 else float("nan"),
    }


def speed() -> None:
    sys.path.insert(0, str(ROOT / "scripts"))
    import make_history

    rows: list[list[str]] = []
    header: list[str] = []
    for k, seed in enumerate((7, 8, 9, 10)):
        generated = make_history.generate(seed)
        header = generated[0]
        for r in generated[1:]:
            if not r[2]:
                continue
            r = list(r)
            r[1] = f"{r[1]} {k}" if k else r[1]
            r[2] = r[2] + f"\n\n(nr. {len(rows)})"
            r[9] = r[9].rstrip("/") + f"{k}/"
            rows.append(r)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "big.csv"
        path.write_text(out.getvalue(), encoding="utf-8")
        for mode in ("numpy", "python"):
            import postcraft.insights.compute as compute
            from postcraft.insights import insights, load_history, stats

            original = stats._numpy
            if mode == "python":
                stats._numpy = lambda: None
            timings: dict[str, float] = {}
            review_posts, what_works = compute.review_posts, compute.what_works

            def timed(name: str, fn: Any, timings: dict[str, float] = timings) -> Any:
                def run(*a: Any, **kw: Any) -> Any:
                    start = time.perf_counter()
                    try:
                        return fn(*a, **kw)
                    finally:
                        timings[name] = time.perf_counter() - start

                return run

            compute.review_posts = timed("review", review_posts)
            compute.what_works = timed("what_works", what_works)
            try:
                t0 = time.perf_counter()
                history = load_history(path)
                t1 = time.perf_counter()
                result = insights(history, show_progress=False)
                t2 = time.perf_counter()
                result.report("da"), result.html("da"), result.to_dict()
                t3 = time.perf_counter()
            finally:
                compute.review_posts, compute.what_works = review_posts, what_works
                stats._numpy = original
            print(
                f"{mode}: {len(history)} posts; load {t1 - t0:.2f} s; insights {t2 - t1:.2f} s "
                f"(reviewing {timings['review']:.2f} s = {timings['review'] / len(history) * 1000:.2f} ms/post, "
                f"what works {timings['what_works']:.2f} s); report + HTML + JSON {t3 - t2:.2f} s"
            )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("what", choices=("claims", "speed"))
    parser.add_argument("--runs", type=int, default=200)
    args = parser.parse_args(argv)
    if args.what == "speed":
        speed()
        return 0
    for effect, n, runs in ((1.0, 300, args.runs), (1.0, 120, args.runs * 2), (2.0, 300, args.runs // 2),
                            (1.3, 300, args.runs // 2), (1.3, 1000, args.runs // 4)):  # fmt: skip
        print(claims(runs, effect, n))
    return 0


if __name__ == "__main__":
    sys.exit(main())
