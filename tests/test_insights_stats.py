"""The statistics of the insights: special functions against SciPy, intervals, the bootstrap with
and without numpy, and the multiple-comparison adjustments (docstring examples: test_doctests.py)."""

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


@pytest.mark.parametrize("use_numpy", [False, True])
def test_bootstrap_is_seeded_and_its_interval_covers_the_truth(use_numpy: bool) -> None:
    if use_numpy:
        pytest.importorskip("numpy")
    rng = random.Random(3)
    e = [float(rng.randint(0, 40)) for _ in range(200)]
    m = [float(rng.randint(200, 2000)) for _ in range(200)]
    a = stats.bootstrap_sums(e, m, resamples=1500, seed=11, use_numpy=use_numpy)
    b = stats.bootstrap_sums(e, m, resamples=1500, seed=11, use_numpy=use_numpy)
    c = stats.bootstrap_sums(e, m, resamples=1500, seed=12, use_numpy=use_numpy)
    assert a == b and a != c
    rates = [x / y for x, y in zip(*a, strict=True)]
    ci = stats.percentile_interval(rates)
    assert ci is not None and ci.contains(sum(e) / sum(m))
    # the normal-theory standard error of a ratio of sums, for comparison
    r = sum(e) / sum(m)
    mean_m = sum(m) / len(m)
    se = math.sqrt(sum((x - r * y) ** 2 for x, y in zip(e, m, strict=True)) / (len(e) - 1) / len(e)) / mean_m
    assert ci.high - ci.low == pytest.approx(2 * 1.96 * se, rel=0.15)


def test_numpy_and_python_bootstraps_agree_in_distribution() -> None:
    pytest.importorskip("numpy")
    e = [float(i % 7) for i in range(150)]
    m = [1.0] * 150
    py = stats.percentile_interval(
        [
            x / y
            for x, y in zip(*stats.bootstrap_sums(e, m, resamples=4000, seed=1, use_numpy=False), strict=True)
        ]
    )
    nu = stats.percentile_interval(
        [
            x / y
            for x, y in zip(*stats.bootstrap_sums(e, m, resamples=4000, seed=1, use_numpy=True), strict=True)
        ]
    )
    assert py is not None and nu is not None
    assert py.low == pytest.approx(nu.low, abs=0.05) and py.high == pytest.approx(nu.high, abs=0.05)


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
