"""The simulation of scripts/insights_simulation.py, small: organisations with person effects,
confounded habits and viral posts. Under no effect few histories claim a pattern; planted
within-person effects (personal ×1.5, at most three hashtags ×1.3) are found at about their size,
per impression and per post, and the intervals cover them. The full run (200 histories per
scenario) is in docs/insights.md."""

from __future__ import annotations

import sys

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import ROOT

sys.path.insert(0, str(ROOT / "scripts"))
import insights_simulation as sim  # noqa: E402


@pytest.mark.slow
def test_the_simulation_holds_the_false_claim_rate_and_finds_planted_effects() -> None:
    # measured over 200 histories per scenario: 2.5-7.5 % false claims; the pooled comparison
    # before claimed a pattern in 46 % (per impression) and 93 % (per post) of confounded nulls.
    # 5 of 24 leaves room for chance at the measured rates and still fails at the old ones.
    # (These 24 histories are the same in every scenario, so one unlucky history counts in each.)
    table = dict(sim.claims(histories=24, posts=1000, resamples=300, jobs=1, seed0=500))
    for scenario in ("null", "null, confounded"):
        for basis in ("impressions", "posts"):
            row = table[scenario][basis]
            assert row["false claim"] <= 5 / 24, (scenario, basis, row)
            assert row["null coverage"] >= 0.85, (scenario, basis, row)
    for scenario in ("planted", "planted, confounded"):
        row = table[scenario]["impressions"]
        assert row["false claim"] <= 5 / 24, (scenario, row)
        assert row["tone found"] >= 0.9 and row["hashtags found"] >= 0.75, (scenario, row)
        assert 1.35 <= row["tone median ratio (truth 1.50)"] <= 1.65, (scenario, row)
        assert 0.70 <= row["hashtags median ratio (truth 0.77)"] <= 0.85, (scenario, row)
        assert row["planted coverage"] >= 0.85, (scenario, row)
        posts = table[scenario]["posts"]
        assert posts["tone found"] >= 0.85, (scenario, posts)
        # per post the ×1.3 difference is the hard one: 76.5-84 % over 200 histories; on these 24,
        # 75-79 % now against 54-71 % for the comparison without weekdays and the test's harder cut
        assert posts["hashtags found"] >= 0.7, (scenario, posts)
        assert 0.70 <= posts["hashtags median ratio (truth 0.77)"] <= 0.85, (scenario, posts)
        assert posts["false claim"] <= 5 / 24 and posts["planted coverage"] >= 0.85, (scenario, posts)


def _closed_simes(p: list[float]) -> list[float]:
    """Hommel by brute force: each hypothesis's adjusted p-value is the largest Simes p-value of
    any set of hypotheses containing it."""
    from itertools import combinations

    n = len(p)
    out = []
    for i in range(n):
        worst = 0.0
        for size in range(1, n + 1):
            for subset in combinations(range(n), size):
                if i in subset:
                    ps = sorted(p[j] for j in subset)
                    worst = max(worst, min(size * q / (k + 1) for k, q in enumerate(ps)))
        out.append(min(1.0, worst))
    return out


@given(st.lists(st.floats(0.0, 1.0), min_size=1, max_size=5))
def test_hommel_is_closed_testing_with_simes(p: list[float]) -> None:
    from postcraft.insights.stats import holm

    got = sim.hommel(p)
    assert got == pytest.approx(_closed_simes(p), abs=1e-12)
    # Hommel is never less powerful than Hochberg, nor Hochberg than Holm
    hoch = sim.hochberg(p)
    assert all(a <= b + 1e-12 for a, b in zip(got, hoch, strict=True))
    assert all(a <= b + 1e-12 for a, b in zip(hoch, holm(p), strict=True))


def test_max_z_with_independent_tests_is_close_to_sidak() -> None:
    z = [3.0, 0.5, -0.2]
    identity = [[float(i == j) for j in range(3)] for i in range(3)]
    got = sim.max_t(z, identity, 20000, 1)
    from statistics import NormalDist

    p = 2 * NormalDist().cdf(-3.0)
    assert got[0] == pytest.approx(1 - (1 - p) ** 3, abs=0.002)
    # with the three tests perfectly correlated the largest |z| is one test: no adjustment
    same = [[1.0] * 3 for _ in range(3)]
    assert sim.max_t(z, same, 20000, 1)[0] == pytest.approx(p, abs=0.002)
