"""The statistics of the insights: special functions against SciPy, intervals, the bootstrap, the
within-person comparison, and the multiple-comparison adjustments (docstring examples:
test_doctests.py)."""

from __future__ import annotations

import math
import random

import pytest

from postcraft.insights import stats


def test_special_functions_match_scipy() -> None:
    sp = pytest.importorskip("scipy.special")
    st = pytest.importorskip("scipy.stats")
    rng = random.Random(1)
    for _ in range(300):
        a, x = rng.uniform(0.1, 400), rng.uniform(0, 800)
        assert stats.gamma_p(a, x) == pytest.approx(float(sp.gammainc(a, x)), abs=1e-11)
        a, b, y = rng.uniform(0.1, 80), rng.uniform(0.1, 80), rng.random()
        assert stats.beta_i(a, b, y) == pytest.approx(float(sp.betainc(a, b, y)), abs=1e-11)
    for df in (1, 2, 4, 9, 30, 200):
        for q in (0.9, 0.975, 0.995):
            assert stats.t_ppf(q, df) == pytest.approx(float(st.t.ppf(q, df)), rel=1e-8)
    for k in (0, 1, 3, 17, 250):
        lo, hi = stats.poisson_rate(k, 10.0)
        exp_lo = 0.0 if k == 0 else float(st.chi2.ppf(0.025, 2 * k)) / 20
        assert (lo, hi) == pytest.approx((exp_lo, float(st.chi2.ppf(0.975, 2 * k + 2)) / 20), rel=1e-9)


def test_wilson_and_poisson_edges() -> None:
    assert stats.wilson(0, 0) == (0.0, 1.0)
    lo, hi = stats.wilson(0, 20)
    assert lo == 0.0 and 0.1 < hi < 0.2
    lo, hi = stats.wilson(20, 20)
    assert hi == 1.0 and 0.8 < lo < 0.9
    assert stats.poisson_rate(3, 0) == (0.0, math.inf)


def test_linear_trend_matches_scipy() -> None:
    st = pytest.importorskip("scipy.stats")
    ys = [3, 5, 4, 8, 9, 7, 12, 11, 14]
    t = stats.linear_trend(ys)
    ref = st.linregress(range(len(ys)), ys)
    half = float(st.t.ppf(0.975, len(ys) - 2)) * ref.stderr
    assert t.slope == pytest.approx(ref.slope)
    assert t.interval is not None
    assert (t.interval.low, t.interval.high) == pytest.approx((ref.slope - half, ref.slope + half))
    assert stats.linear_trend([1, 2]).interval is None
    assert stats.linear_trend([]).n == 0


def test_bootstrap_is_seeded_and_its_interval_covers_the_truth() -> None:
    rng = random.Random(3)
    e = [float(rng.randint(0, 40)) for _ in range(200)]
    m = [float(rng.randint(200, 2000)) for _ in range(200)]
    a = stats.bootstrap_sums(e, m, resamples=1500, seed=11)
    b = stats.bootstrap_sums(e, m, resamples=1500, seed=11)
    c = stats.bootstrap_sums(e, m, resamples=1500, seed=12)
    assert a == b and a != c
    rates = [x / y for x, y in zip(*a, strict=True)]
    ci = stats.percentile_interval(rates)
    assert ci is not None and ci.contains(sum(e) / sum(m))
    # the normal-theory standard error of a ratio of sums, for comparison
    r = sum(e) / sum(m)
    mean_m = sum(m) / len(m)
    se = math.sqrt(sum((x - r * y) ** 2 for x, y in zip(e, m, strict=True)) / (len(e) - 1) / len(e)) / mean_m
    assert ci.high - ci.low == pytest.approx(2 * 1.96 * se, rel=0.15)
    rate, cr = stats.clustered_rate(e, m)
    assert rate == pytest.approx(r) and cr is not None
    assert cr.high - cr.low == pytest.approx(ci.high - ci.low, rel=0.15)


def _people(rng: random.Random, effect: float, n_people: int = 40) -> list[tuple[list[float], list[float]]]:
    """Per person a level of their own (audience) and posts inside/outside a group; the group's
    share rises with the person's level (confounding), its effect within a person is ``effect``."""
    rows = []
    for _ in range(n_people):
        level = rng.gauss(0, 1.0)
        share = 1 / (1 + math.exp(-2 * level))
        inside: list[float] = []
        outside: list[float] = []
        for _ in range(rng.randint(3, 30)):
            if rng.random() < share:
                inside.append(level + math.log(effect) + rng.gauss(0, 0.5))
            else:
                outside.append(level + rng.gauss(0, 0.5))
        rows.append((inside, outside))
    return rows


def test_within_person_ignores_who_writes_what_and_finds_a_planted_effect() -> None:
    rng = random.Random(8)
    null_p, covered = [], 0
    for _ in range(60):
        rows = _people(rng, 1.0)
        pooled_in = [v for i, _o in rows for v in i]
        pooled_out = [v for _i, o in rows for v in o]
        # pooled, the group looks far better: the people who write it have the larger audience
        assert sum(pooled_in) / len(pooled_in) - sum(pooled_out) / len(pooled_out) > 0.3
        w = stats.within_person(rows, resamples=300, seed=1)
        assert w is not None
        null_p.append(w.p)
        covered += w.interval is not None and w.interval.contains(0.0)
    assert sum(p < 0.05 for p in null_p) <= 6  # about 5 % of 60
    assert covered >= 52
    found = covered = 0
    for _ in range(30):
        w = stats.within_person(_people(rng, 1.4), resamples=300, seed=2)
        assert w is not None and w.interval is not None
        found += w.p < 0.05
        covered += w.interval.contains(math.log(1.4))
    assert found >= 27 and covered >= 26


def test_within_person_needs_people_on_both_sides() -> None:
    assert stats.within_person([([1.0], [0.0]), ([2.0], []), ([], [1.0])], resamples=100, seed=0) is None
    w = stats.within_person([([1.0], [0.0]), ([2.0], [1.0]), ([0.5], [-0.5])], resamples=100, seed=0)
    assert w is not None and w.people == 3 and w.ratio == pytest.approx(math.e)


def test_the_weekday_adjustment_removes_a_shared_weekday_effect_within_people() -> None:
    rng = random.Random(3)
    weekday = (0.0, 0.1, 0.1, 0.05, -0.1, -0.6, -0.7)
    vals: list[list[float]] = []
    days: list[list[int]] = []
    for _ in range(80):
        level = rng.gauss(0, 1.0)
        ds = [rng.randrange(7) for _ in range(rng.randint(1, 15))]
        days.append(ds)
        vals.append([level + weekday[d] + rng.gauss(0, 0.2) for d in ds])
    out = stats.adjust_within(vals, days)
    # what is left of a weekend post's disadvantage, inside each person: next to nothing
    gaps = []
    for vs, ds in zip(out, days, strict=True):
        weekend = [v for v, d in zip(vs, ds, strict=True) if d >= 5]
        week = [v for v, d in zip(vs, ds, strict=True) if d < 5]
        if weekend and week:
            gaps.append(sum(weekend) / len(weekend) - sum(week) / len(week))
    assert abs(sum(gaps) / len(gaps)) < 0.05
    # people keep their own level: the adjustment takes out weekdays, not people
    raw_means = [sum(v) / len(v) for v in vals]
    new_means = [sum(v) / len(v) for v in out]
    shifts = [a - b for a, b in zip(new_means, raw_means, strict=True)]
    assert max(abs(x) for x in shifts) < 0.7
    assert abs(sum(new_means) / len(new_means) - sum(raw_means) / len(raw_means)) < 0.3
    # one person, or one post per person: nothing to estimate from
    assert stats.adjust_within([[1.0]], [[5]]) == [[1.0]]


def test_the_permutation_test_can_see_other_values_than_the_estimate() -> None:
    rows = _people(random.Random(2), 1.3)
    plain = stats.within_person(rows, resamples=200, seed=1)
    same = stats.within_person(rows, resamples=200, seed=1, test=rows)
    assert plain == same
    # scores for the test cut hard (here: signs only); the estimate and interval stay those of
    # the values themselves
    signs = [([math.copysign(1.0, v) for v in i], [math.copysign(1.0, v) for v in o]) for i, o in rows]
    cut = stats.within_person(rows, resamples=200, seed=1, test=signs)
    assert plain is not None and cut is not None
    assert cut.log_ratio == plain.log_ratio and cut.interval == plain.interval
    assert cut.p != plain.p


def test_the_permutation_p_holds_its_level_on_heavy_tailed_values() -> None:
    """Skewed values (a few viral posts, many posts without engagement), cut at TEST_AT like
    postcraft does, no difference: p < 0.05 about 5 % of the time, p < 0.01 about 1 %."""
    rng = random.Random(11)
    ps = []
    for _ in range(300):
        people = []
        for _ in range(rng.randint(12, 60)):
            level = rng.gauss(0, 1)
            n = rng.randint(2, 25)
            share = rng.uniform(0.05, 0.6)
            values = [
                level
                + (rng.uniform(2, 4) if rng.random() < 0.02 else 0.0)
                + math.log(rng.expovariate(1.0) + 0.1)
                for _ in range(n)
            ]
            people.append((values, [rng.random() < share for _ in range(n)]))
        cut = stats.winsorise_within([v for v, _ in people], stats.TEST_AT)
        rows = [
            (
                [v for v, s in zip(vs, lab, strict=True) if s],
                [v for v, s in zip(vs, lab, strict=True) if not s],
            )
            for vs, (_v, lab) in zip(cut, people, strict=True)
        ]
        w = stats.within_person(rows, resamples=200, seed=1)
        if w is not None:
            ps.append(w.p)
    assert len(ps) >= 290
    assert 0.02 <= sum(p < 0.05 for p in ps) / len(ps) <= 0.085
    assert sum(p < 0.01 for p in ps) / len(ps) <= 0.025


def test_winsorising_pulls_in_a_viral_post_and_leaves_the_rest() -> None:
    vals = [[0.0, 0.2, -0.2, 0.1, -0.1, 6.0], [3.0, 3.1, 2.9]]
    out = stats.winsorise_within(vals)
    assert out[0][:5] == vals[0][:5] and out[1] == vals[1]
    assert 0.3 < out[0][5] < 1.5


def test_the_random_path_does_not_depend_on_numpy(monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    rows = _people(random.Random(1), 1.2)
    with_numpy = stats.within_person(rows, resamples=200, seed=4)
    monkeypatch.setitem(sys.modules, "numpy", None)  # importing numpy now fails
    without = stats.within_person(rows, resamples=200, seed=4)
    assert with_numpy == without


def test_stream_seeds_are_stable_and_distinct() -> None:
    assert stats.stream_seed(0, "tone", "personal") == stats.stream_seed(0, "tone", "personal")
    assert stats.stream_seed(0, "tone", "personal") != stats.stream_seed(0, "tone", "mixed")
    assert stats.stream_seed(0, "tone", "personal") != stats.stream_seed(1, "tone", "personal")
    assert stats.stream_seed(0, "ab", "c") != stats.stream_seed(0, "a", "bc")


def test_adjustments() -> None:
    ps = [0.001, 0.02, 0.03, 0.5]
    assert stats.holm(ps) == pytest.approx([0.004, 0.06, 0.06, 0.5])
    assert stats.benjamini_hochberg(ps) == pytest.approx([0.004, 0.04, 0.04, 0.5])
    assert stats.holm([]) == [] and stats.benjamini_hochberg([]) == []


def test_bootstrap_p_agrees_with_the_interval() -> None:
    rng = random.Random(5)
    for shift in (0.0, 0.5, 2.0, 4.0):
        diffs = [rng.gauss(shift, 1.0) for _ in range(2000)]
        ci = stats.percentile_interval(diffs)
        p = stats.bootstrap_p(diffs, shift)
        assert ci is not None
        assert (p < 0.05) == (not ci.contains(0.0)) or abs(p - 0.05) < 0.02
