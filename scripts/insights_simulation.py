#!/usr/bin/env python
"""Measure postcraft.insights: how often "patterns in engagement" claims something that is not
there, how often it finds what is, how large it says it is, and whether its intervals cover the
truth; and how fast the whole thing runs.

    python scripts/insights_simulation.py claims [--histories 200] [--posts 1000] [--jobs 2]
    python scripts/insights_simulation.py methods [--histories 200]   # candidate methods, z only
    python scripts/insights_simulation.py multiplicity [--histories 200]   # Holm and its rivals
    python scripts/insights_simulation.py speed       # a 2,000+ post history, end to end

``claims`` simulates organisations independently of the method being measured (no reviews; post
facts are drawn directly):

* 30–300 people; each with their own audience (median impressions, log-normal across people),
  their own engagement rate (log-normal), their own activity (a few people write most posts)
  and their own writing habits: the chance that a post sounds personal, has four or more
  hashtags, is long, has its hook cut by "…see more", has guideline findings;
* impressions vary by weekday (weekends lower) and post; engagement is negative-binomial around
  impressions × rate; 1 % of posts go viral (5–30× the impressions, 3× the rate);
* ``confounded``: the people with the largest expected engagement are also the ones who write
  personally and use few hashtags (leaders, influencers), so pooled rates differ by habit even
  with no effect of any habit;
* ``planted``: within every person, posts that sound personal have 1.5× the engagement rate and
  posts with at most three hashtags 1.3× (so "four or more" has 1/1.3 = 0.77×); nothing else.

Each history is analysed with impressions and, separately, without them (engagement per post). A
*false claim* is a finding on a dimension where nothing was planted; *found* is a finding on a
planted dimension in the right direction; *coverage* is the share of intervals containing the
true within-person ratio (1 on null dimensions). The numbers in docs/insights.md come from this.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import math
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT / "src") not in sys.path:
    sys.path.insert(0, str(ROOT / "src"))

#: planted within-person ratios of the compared group against the rest, per dimension
PLANTED = {"tone": 1.5, "hashtags": 1 / 1.3}
SCENARIOS = (
    ("null", False, False),
    ("null, confounded", False, True),
    ("planted", True, False),
    ("planted, confounded", True, True),
)


def _logistic(x: float) -> float:
    return 1 / (1 + math.exp(-x))


def _negbin(r: random.Random, mean: float, size: float) -> int:
    """A negative-binomial draw (gamma–Poisson mixture) with variance mean + mean²/size."""
    lam = r.gammavariate(size, mean / size) if mean > 0 else 0.0
    if lam < 30:  # Knuth
        limit, k, p = math.exp(-lam), 0, 1.0
        while True:
            p *= r.random()
            if p <= limit:
                return k
            k += 1
    return max(0, round(r.gauss(lam, math.sqrt(lam))))


def organisation(seed: int, posts: int, *, planted: bool, confounded: bool) -> list[Any]:
    """One simulated history as post facts."""
    from postcraft.insights.model import PostFacts

    r = random.Random(seed)
    n_people = r.randint(30, 300)
    people = []
    for j in range(n_people):
        reach = 800 * math.exp(r.gauss(0, 0.9))
        rate = 0.02 * math.exp(r.gauss(0, 0.5))
        people.append({"name": f"p{j}", "reach": reach, "rate": rate, "activity": math.exp(r.gauss(0, 1.1))})
    # how much engagement a person's posts get, standardised across the organisation
    logs = [math.log(p["reach"] * p["rate"]) for p in people]
    mu, sd = statistics.fmean(logs), statistics.pstdev(logs) or 1.0
    strength = 1.5 if confounded else 0.0
    for p, lg in zip(people, logs, strict=True):
        z = (lg - mu) / sd
        # habits vary by person in every scenario; with confounding they follow engagement
        p["personal"] = _logistic(r.gauss(0, 1.2) + strength * z)
        p["many_tags"] = _logistic(r.gauss(-1.0, 1.2) - strength * z)
        p["long"] = _logistic(r.gauss(-1.2, 1.0) + 0.8 * strength * z)
        p["hook_cut"] = _logistic(r.gauss(-1.0, 1.0) - 0.8 * strength * z)
        p["findings"] = _logistic(r.gauss(-0.5, 1.0) - 0.8 * strength * z)
        p["dispersion"] = math.exp(r.gauss(1.5, 0.4))  # negative-binomial size
    weights = [p["activity"] for p in people]
    start = dt.date(2025, 1, 6)
    weekday = (1.0, 1.15, 1.15, 1.1, 0.9, 0.55, 0.5)
    out = []
    for i in range(posts):
        p = r.choices(people, weights)[0]
        day = start + dt.timedelta(days=r.randrange(364))
        personal = r.random() < p["personal"]
        tone = "personal" if personal else ("mixed" if r.random() < 0.3 else "corporate")
        many = r.random() < p["many_tags"]
        tags = r.randint(4, 8) if many else r.choice((0, 0, 1, 2, 3))
        long_ = r.random() < p["long"]
        hook_cut = r.random() < p["hook_cut"]
        flagged = r.random() < p["findings"]
        impressions = p["reach"] * weekday[day.weekday()] * math.exp(r.gauss(0, 0.5))
        rate = p["rate"] * math.exp(r.gauss(0, 0.3))
        if planted:
            rate *= (1.5 if personal else 1.0) * (1.0 if many else 1.3)
        if r.random() < 0.01:  # viral
            impressions *= r.uniform(5, 30)
            rate *= 3
        imp = max(1, round(impressions))
        eng = _negbin(r, imp * min(rate, 0.5), p["dispersion"])
        out.append(
            PostFacts(
                line=i + 2,
                date=day,
                author=p["name"],
                team=None,
                leader=None,
                reviewed=True,
                tone=tone,
                length_band="long" if long_ else r.choice(("short", "medium")),
                fold="hook_cut" if hook_cut else r.choice(("visible", "hook_before_fold")),
                hashtags=tags,
                hashtag_band="many" if many else ("none" if tags == 0 else "few"),
                findings_band="with_findings" if flagged else "without_findings",
                impressions=imp,
                engagement=eng,
            )
        )
    out.sort(key=lambda f: f.date)
    return out


def one(job: tuple[int, int, bool, bool, int]) -> list[dict[str, Any]]:
    """Analyse one simulated history with and without impressions."""
    from dataclasses import replace

    from postcraft.insights.compute import Settings, what_works

    seed, posts, planted, confounded, resamples = job
    facts = organisation(seed, posts, planted=planted, confounded=confounded)
    settings = Settings(dt.date(2026, 1, 5), seed, resamples, 0.95, 20, 4, 4, 10)
    rows = []
    for basis in ("impressions", "posts"):
        data = facts if basis == "impressions" else [replace(f, impressions=None) for f in facts]
        _groups, effects = what_works(data, basis, settings)
        rows.append(
            {
                "basis": basis,
                "people": len({f.author for f in facts}),
                "effects": [
                    (e.dimension, e.finding, e.ratio, e.ratio_interval, e.warning, e.both, fdr)
                    for e, fdr in zip(effects, fdr_findings(effects), strict=True)
                ],
            }
        )
    return rows


def fdr_findings(effects: Sequence[Any], alpha: float = 0.05) -> list[bool]:
    """What the same comparisons would find with Benjamini–Hochberg (a false-discovery rate)
    in place of Holm's adjustment (a family-wise error rate): the alternative measured beside
    the shipped method, from the same p-values and intervals."""
    from postcraft.insights.stats import benjamini_hochberg

    tested = [i for i, e in enumerate(effects) if e.warning != "small_sample"]
    qs = dict(zip(tested, benjamini_hochberg([effects[i].p for i in tested]), strict=True))
    out = []
    for i, e in enumerate(effects):
        ci = e.ratio_interval
        out.append(
            i in qs and e.p < alpha and qs[i] < alpha and ci is not None and not (ci.low <= 1.0 <= ci.high)
        )
    return out


def summarise(
    results: Sequence[list[dict[str, Any]]], planted: bool, rule: str = "holm"
) -> dict[str, dict[str, Any]]:
    """The table's row per basis; ``rule`` "holm" counts what postcraft reports, "fdr" what
    Benjamini–Hochberg would have found (:func:`fdr_findings`)."""
    out: dict[str, dict[str, Any]] = {}
    for basis in ("impressions", "posts"):
        hist = [next(x for x in res if x["basis"] == basis) for res in results]
        false_claim = 0
        found: dict[str, int] = {d: 0 for d in PLANTED}
        ratios: dict[str, list[float]] = {d: [] for d in PLANTED}
        covered = total = 0
        null_covered = null_total = 0
        tested = 0
        for h in hist:
            wrong = False
            for dim, holm_finding, ratio, ci, warning, _both, fdr_finding in h["effects"]:
                finding = fdr_finding if rule == "fdr" else holm_finding
                truth = PLANTED.get(dim, 1.0) if planted else 1.0
                tested += warning != "small_sample"
                if truth == 1.0:
                    wrong |= finding
                    if ci is not None:
                        null_total += 1
                        null_covered += ci.low <= 1.0 <= ci.high
                    continue
                if ratio is not None:
                    ratios[dim].append(ratio)
                if finding and ((ratio or 1.0) > 1) == (truth > 1):
                    found[dim] += 1
                if ci is not None:
                    total += 1
                    covered += ci.low <= truth <= ci.high
            false_claim += wrong
        n = len(hist)
        row: dict[str, Any] = {
            "histories": n,
            "comparisons per history": round(tested / n, 1),
            "false claim": false_claim / n,
            "null coverage": null_covered / null_total if null_total else math.nan,
        }
        if planted:
            for dim, truth in PLANTED.items():
                row[f"{dim} found"] = found[dim] / n
                row[f"{dim} median ratio (truth {truth:.2f})"] = (
                    statistics.median(ratios[dim]) if ratios[dim] else math.nan
                )
            row["planted coverage"] = covered / total if total else math.nan
        out[basis] = row
    return out


def run_all(fn: Any, work: Sequence[Any], jobs: int) -> list[Any]:
    """``fn`` over ``work`` in order, in ``jobs`` processes when more than one."""
    if jobs <= 1:
        return [fn(w) for w in work]
    with ProcessPoolExecutor(jobs) as pool:
        return list(pool.map(fn, work, chunksize=max(1, len(work) // (4 * jobs))))


def claims(
    histories: int, posts: int, resamples: int, jobs: int, seed0: int = 0
) -> list[tuple[str, dict[str, dict[str, Any]]]]:
    """Every scenario: ``histories`` simulated organisations with ``posts`` posts each."""
    table = []
    for name, planted, confounded in SCENARIOS:
        work = [(seed0 + s, posts, planted, confounded, resamples) for s in range(histories)]
        results = run_all(one, work, jobs)
        table.append((name, summarise(results, planted)))
        table.append((f"{name} [fdr]", summarise(results, planted, "fdr")))
    return table


def print_table(table: Sequence[tuple[str, dict[str, dict[str, Any]]]]) -> None:
    for name, by_basis in table:
        for basis, row in by_basis.items():
            cells = "; ".join(
                f"{k} {v:.1%}"
                if isinstance(v, float) and ("found" in k or "claim" in k or "coverage" in k)
                else f"{k} {v:.2f}"
                if isinstance(v, float)
                else f"{k} {v}"
                for k, v in row.items()
            )
            print(f"{name:26s} | per {basis:11s} | {cells}")


# -- methods: which value transform and weighting find the most, quickly -----------------------
def _perm_z(rows: Sequence[tuple[Sequence[float], Sequence[bool]]], weights: Sequence[float]) -> float:
    """The within-person permutation z-score of a (weighted) group-minus-rest sum: exact mean and
    variance over relabellings within each person, as in ``stats.within_person``."""
    observed = variance = 0.0
    for (values, labels), w in zip(rows, weights, strict=True):
        a, n = sum(labels), len(values)
        if not a or a == n:
            continue
        mean = sum(values) / n
        observed += w * (sum(v for v, s in zip(values, labels, strict=True) if s) - a * mean)
        variance += w * w * a * (n - a) / (n * (n - 1)) * sum((v - mean) ** 2 for v in values)
    return observed / math.sqrt(variance) if variance > 0 else 0.0


def _aligned_normal_scores(people: Sequence[Sequence[float]]) -> list[list[float]]:
    """Aligned ranks: values less their person's median, ranked over everyone, as normal scores."""
    from statistics import NormalDist

    from postcraft.insights.stats import median

    flat = sorted((v - median(vals), j, i) for j, vals in enumerate(people) for i, v in enumerate(vals))
    out = [list(vals) for vals in people]
    inv, n, k = NormalDist().inv_cdf, len(flat), 0
    while k < n:
        last = k
        while last + 1 < n and flat[last + 1][0] == flat[k][0]:
            last += 1
        for t in range(k, last + 1):
            out[flat[t][1]][flat[t][2]] = inv(((k + last) / 2 + 1) / (n + 1))
        k = last + 1
    return out


def methods_one(job: tuple[int, int, bool, bool]) -> dict[tuple[str, str], dict[str, float]]:
    """One history's permutation z-scores per dimension under each candidate method."""
    from postcraft.insights import stats
    from postcraft.insights.compute import CONTRASTS, dimensions, in_focus, outcome_value

    seed, posts, planted, confounded = job
    facts = organisation(seed, posts, planted=planted, confounded=confounded)
    dims = [(d, key, in_focus(d, CONTRASTS[d])) for d, key, _order in dimensions(facts, False)]
    by_person: dict[str, list[Any]] = {}
    for f in facts:
        by_person.setdefault(f.author, []).append(f)
    people = list(by_person.values())
    labels = {d: [[bool(test(key(f))) for f in fs] for fs in people] for d, key, test in dims}
    out: dict[tuple[str, str], dict[str, float]] = {}
    for basis in ("impressions", "posts"):
        raw = [[outcome_value(f, basis) for f in fs] for fs in people]
        wd = stats.adjust_within(raw, [[f.date.weekday() for f in fs] for fs in people])
        cut = stats.winsorise_within(wd, stats.TEST_AT)
        spread = []
        for vals in cut:  # each person's own variance, shrunk to everyone's
            m = sum(vals) / len(vals)
            spread.append((sum((v - m) ** 2 for v in vals), len(vals) - 1))
        pooled = sum(s for s, _ in spread) / max(1, sum(d for _, d in spread))
        variants = {
            "log rate, cut at 4 SD (before)": (stats.winsorise_within(raw), None),
            "+ weekdays out": (stats.winsorise_within(wd), None),
            "+ weekdays out, test cut at 2 SD (now)": (cut, None),
            "+ weekdays out, aligned rank scores": (_aligned_normal_scores(wd), None),
            "+ weekdays out, cut at 2 SD, 1/variance weights": (
                cut,
                [(5 + d) / (5 * pooled + s) for s, d in spread],
            ),
        }
        for name, (values, weights) in variants.items():
            w = weights or [1.0] * len(people)
            out[(basis, name)] = {
                d: _perm_z([(values[j], labels[d][j]) for j in range(len(people))], w) for d, _k, _t in dims
            }
    return out


def methods(histories: int, posts: int, jobs: int, seed0: int = 0) -> None:
    """Print, per scenario, basis and method: histories with a false claim, and how often the
    planted differences are found, with Holm and with Benjamini–Hochberg (normal p-values of the
    permutation z; no bootstrap, so it runs in a minute)."""
    from statistics import NormalDist

    from postcraft.insights.stats import benjamini_hochberg, holm

    tail = NormalDist().cdf
    for name, planted, confounded in SCENARIOS:
        work = [(seed0 + s, posts, planted, confounded) for s in range(histories)]
        results = run_all(methods_one, work, jobs)
        for key in results[0]:
            cells = []
            for rule, adjust in (("holm", holm), ("fdr", benjamini_hochberg)):
                wrong = 0
                found = dict.fromkeys(PLANTED, 0)
                for res in results:
                    zs = res[key]
                    qs = dict(zip(zs, adjust([2 * tail(-abs(z)) for z in zs.values()]), strict=True))
                    wrong += any(q < 0.05 for d, q in qs.items() if not (planted and d in PLANTED))
                    for d in PLANTED:
                        found[d] += planted and qs[d] < 0.05
                cell = f"{rule}: false claim {wrong / histories:.1%}"
                if planted:
                    cell += "".join(f", {d} found {found[d] / histories:.1%}" for d in PLANTED)
                cells.append(cell)
            mean_z = (
                "; mean |z| "
                + ", ".join(f"{d} {sum(abs(r[key][d]) for r in results) / histories:.2f}" for d in PLANTED)
                if planted
                else ""
            )
            print(f"{name:20s} | per {key[0]:11s} | {key[1]:48s} | {' | '.join(cells)}{mean_z}")


# -- multiplicity: which family-wise adjustment finds the most ---------------------------------
def hochberg(pvalues: Sequence[float]) -> list[float]:
    """Hochberg's step-up adjusted p-values (family-wise, valid for independent or positively
    dependent tests).

    >>> [round(q, 3) for q in hochberg([0.01, 0.04, 0.03, 0.2])]
    [0.04, 0.08, 0.08, 0.2]
    """
    order = sorted(range(len(pvalues)), key=lambda i: -pvalues[i])
    out = [0.0] * len(pvalues)
    running = 1.0
    for rank, i in enumerate(order):  # rank 0 is the largest p-value
        running = min(running, (rank + 1) * pvalues[i])
        out[i] = min(1.0, running)
    return out


def hommel(pvalues: Sequence[float]) -> list[float]:
    """Hommel's adjusted p-values (closed testing with Simes' test; as R's ``p.adjust``).

    >>> [round(q, 3) for q in hommel([0.01, 0.04, 0.03, 0.2])]
    [0.04, 0.08, 0.06, 0.2]
    """
    n = len(pvalues)
    order = sorted(range(n), key=lambda i: pvalues[i])
    ps = [pvalues[i] for i in order]
    q = [min(n * ps[k] / (k + 1) for k in range(n))] * n
    adjusted = list(q)
    for m in range(n - 1, 1, -1):
        first = n - m + 1
        q1 = min(m * ps[k] / (k - first + 2) for k in range(first, n))
        q = [min(m * ps[k], q1) for k in range(first)] + [0.0] * (n - first)
        for k in range(first, n):
            q[k] = q[first - 1]
        adjusted = [max(a, b) for a, b in zip(adjusted, q, strict=True)]
    out = [0.0] * n
    for rank, i in enumerate(order):
        out[i] = min(1.0, max(adjusted[rank], ps[rank]))
    return out


def max_t(z: Sequence[float], corr: Sequence[Sequence[float]], draws: int, seed: int) -> list[float]:
    """Step-down max-|z| adjusted p-values (Westfall–Young) for jointly normal z-scores with the
    correlation ``corr``, from ``draws`` Monte Carlo vectors: uses the tests' correlation, which
    Holm ignores."""
    n = len(z)
    chol = [[0.0] * n for _ in range(n)]
    for i in range(n):
        for j in range(i + 1):
            s = corr[i][j] - sum(chol[i][k] * chol[j][k] for k in range(j))
            chol[i][j] = math.sqrt(max(s, 1e-12)) if i == j else s / chol[j][j]
    rnd = random.Random(seed)
    sims = []
    for _ in range(draws):
        e = [rnd.gauss(0, 1) for _ in range(n)]
        sims.append([abs(sum(chol[i][k] * e[k] for k in range(i + 1))) for i in range(n)])
    order = sorted(range(n), key=lambda i: -abs(z[i]))
    out = [0.0] * n
    running = 0.0
    for rank, i in enumerate(order):
        rest = order[rank:]
        beyond = sum(1 for s in sims if max(s[k] for k in rest) >= abs(z[i]))
        running = max(running, (beyond + 1) / (draws + 1))
        out[i] = running
    return out


def multiplicity_one(
    job: tuple[int, int, bool, bool],
) -> dict[str, tuple[list[str], list[float], list[list[float]]]]:
    """One history's permutation z-scores per dimension (the shipped test values) and their
    correlation over joint relabellings within people, per basis."""
    from postcraft.insights import stats
    from postcraft.insights.compute import CONTRASTS, dimensions, in_focus, outcome_value

    seed, posts, planted, confounded = job
    facts = organisation(seed, posts, planted=planted, confounded=confounded)
    dims = [(d, key, in_focus(d, CONTRASTS[d])) for d, key, _order in dimensions(facts, False)]
    names = [d for d, _k, _t in dims]
    by_person: dict[str, list[Any]] = {}
    for f in facts:
        by_person.setdefault(f.author, []).append(f)
    people = list(by_person.values())
    labels = {d: [[bool(test(key(f))) for f in fs] for fs in people] for d, key, test in dims}
    out = {}
    for basis in ("impressions", "posts"):
        raw = [[outcome_value(f, basis) for f in fs] for fs in people]
        wd = stats.adjust_within(raw, [[f.date.weekday() for f in fs] for fs in people])
        values = stats.winsorise_within(wd, stats.TEST_AT)
        sums = dict.fromkeys(names, 0.0)
        cov = {(a, b): 0.0 for a in names for b in names}
        for j, vals in enumerate(values):
            n = len(vals)
            if n < 2:
                continue
            m = sum(vals) / n
            s2 = sum((v - m) ** 2 for v in vals) / (n - 1)
            centred = {}
            for d in names:
                share = sum(labels[d][j]) / n
                centred[d] = [x - share for x in labels[d][j]]
                sums[d] += sum(c * v for c, v in zip(centred[d], vals, strict=True))
            for a in names:
                for b in names:
                    cov[(a, b)] += s2 * sum(x * y for x, y in zip(centred[a], centred[b], strict=True))
        sd = {d: math.sqrt(cov[(d, d)]) for d in names}
        z = [sums[d] / sd[d] if sd[d] > 0 else 0.0 for d in names]
        corr = [
            [cov[(a, b)] / (sd[a] * sd[b]) if sd[a] > 0 and sd[b] > 0 else float(a == b) for b in names]
            for a in names
        ]
        out[basis] = (names, z, corr)
    return out


def multiplicity(histories: int, posts: int, jobs: int, seed0: int = 0) -> None:
    """Print, per scenario and basis, false claims and planted differences found with Holm (what
    postcraft ships), Hochberg, Hommel, a step-down max-|z| that uses the tests' correlation (all
    four control the family-wise error) and Benjamini–Hochberg (a false-discovery rate), from
    the shipped test's normal p-values (no bootstrap, no interval condition)."""
    from statistics import NormalDist

    from postcraft.insights.stats import benjamini_hochberg, holm

    tail = NormalDist().cdf
    for name, planted, confounded in SCENARIOS:
        work = [(seed0 + s, posts, planted, confounded) for s in range(histories)]
        results = run_all(multiplicity_one, work, jobs)
        for basis in ("impressions", "posts"):
            counts: dict[str, list[int]] = {}
            corr_sum = 0.0
            for k, res in enumerate(results):
                names, z, corr = res[basis]
                pairs = [(i, j) for i in range(len(names)) for j in range(i)]
                corr_sum += max((abs(corr[i][j]) for i, j in pairs), default=0.0)
                p = [2 * tail(-abs(v)) for v in z]
                rules = {
                    "holm": holm(p),
                    "hochberg": hochberg(p),
                    "hommel": hommel(p),
                    "max-|z|": max_t(z, corr, 4000, seed0 + k),
                    "fdr": benjamini_hochberg(p),
                }
                for rule, qs in rules.items():
                    q = dict(zip(names, qs, strict=True))
                    c = counts.setdefault(rule, [0] + [0] * len(PLANTED))
                    c[0] += any(q[d] < 0.05 for d in names if not (planted and d in PLANTED))
                    for t, d in enumerate(PLANTED):
                        c[t + 1] += planted and q[d] < 0.05
            cells = []
            for rule, c in counts.items():
                cell = f"{rule}: false claim {c[0] / histories:.1%}"
                if planted:
                    cell += "".join(f", {d} {c[t + 1] / histories:.1%}" for t, d in enumerate(PLANTED))
                cells.append(cell)
            print(
                f"{name:20s} | per {basis:11s} | {' | '.join(cells)} | "
                f"mean largest |correlation| {corr_sum / histories:.3f}"
            )


def speed() -> None:
    sys.path.insert(0, str(ROOT / "scripts"))
    import make_history

    import postcraft.insights.compute as compute
    from postcraft import insights, load_history

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
        timings: dict[str, float] = {}
        review_posts, what_works = compute.review_posts, compute.what_works

        def timed(name: str, fn: Any) -> Any:
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
        print(
            f"{len(history)} posts; load {t1 - t0:.2f} s; insights {t2 - t1:.2f} s "
            f"(reviewing {timings['review']:.2f} s = {timings['review'] / len(history) * 1000:.2f} ms/post, "
            f"patterns {timings['what_works']:.2f} s); report + HTML + JSON {t3 - t2:.2f} s"
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("what", choices=("claims", "methods", "multiplicity", "speed"))
    parser.add_argument("--histories", type=int, default=200, help="per scenario (default 200)")
    parser.add_argument("--posts", type=int, default=1000, help="posts per history (default 1000)")
    parser.add_argument("--resamples", type=int, default=1000, help="bootstrap replicates (default 1000)")
    parser.add_argument("--jobs", type=int, default=1, help="processes (default 1)")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    if args.what == "speed":
        speed()
        return 0
    if args.what in ("methods", "multiplicity"):
        t0 = time.perf_counter()
        (methods if args.what == "methods" else multiplicity)(
            args.histories, args.posts, args.jobs, args.seed
        )
        print(f"({time.perf_counter() - t0:.0f} s)")
        return 0
    t0 = time.perf_counter()
    print_table(claims(args.histories, args.posts, args.resamples, args.jobs, args.seed))
    print(f"({time.perf_counter() - t0:.0f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
