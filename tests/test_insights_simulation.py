"""The simulation of scripts/insights_simulation.py, small: organisations with person effects,
confounded habits and viral posts. Under no effect few histories claim a pattern; planted
within-person effects (personal ×1.5, at most three hashtags ×1.3) are found at about their size,
per impression and per post, and the intervals cover them. The full run (200 histories per
scenario) is in docs/insights.md."""

from __future__ import annotations

import sys

import pytest

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
