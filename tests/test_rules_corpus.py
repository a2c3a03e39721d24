"""False positives: clearly personal posts (grades 1–2 of the tone corpus) must rarely get an
error or warning from the built-in packs. The hashtag limit is counted apart: a personal post
with five hashtags does break the default guideline of at most three."""

from __future__ import annotations

import json

import pytest

from conftest import ROOT
from postcraft.analysis import analyze
from postcraft.rules import check_analysis

CORPUS = ROOT / "corpora" / "tone"


def personal_posts(lang: str) -> list[dict[str, object]]:
    rows = []
    for f in sorted((CORPUS / lang).glob("*.jsonl")):
        for line in f.read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                if row.get("grade") in (1, 2) and isinstance(row.get("text"), str):
                    rows.append(row)
    return rows


@pytest.mark.parametrize("lang", ["da", "en"])
def test_false_positive_rate_on_personal_posts(lang: str) -> None:
    rows = personal_posts(lang)
    if len(rows) < 50:
        pytest.skip(f"only {len(rows)} grade-1/2 {lang} posts in corpora/tone")
    flagged, flagged_other = [], []
    for row in rows:
        fs = check_analysis(analyze(str(row["text"]), lang=lang))
        bad = [f for f in fs if f.severity in ("error", "warning")]
        if bad:
            flagged.append(row.get("id"))
        if [f for f in bad if f.rule != "linkedin.hashtags.count"]:
            flagged_other.append((row.get("id"), [f.rule for f in bad]))
    assert len(flagged) / len(rows) <= 0.05, flagged
    assert len(flagged_other) / len(rows) <= 0.01, flagged_other


@pytest.mark.parametrize("lang", ["da", "en"])
def test_false_positive_rate_with_the_tone_score(lang: str) -> None:
    tone = pytest.importorskip("postcraft.tone")
    rows = personal_posts(lang)
    if len(rows) < 50:
        pytest.skip(f"only {len(rows)} grade-1/2 {lang} posts in corpora/tone")
    flagged = []
    for row in rows:
        a = analyze(str(row["text"]), lang=lang)
        fs = check_analysis(a, tone=tone.score_analysis(a))
        if [f for f in fs if f.severity in ("error", "warning")]:
            flagged.append(row.get("id"))
    assert len(flagged) / len(rows) <= 0.06, flagged
