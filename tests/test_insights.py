"""Insights on generated histories with known effects: a planted effect is found, no effect is
claimed where there is none, and cadence, leaders, milestones, trends and every output are right."""

from __future__ import annotations

import datetime as dt
import json
import math
import random
import re
from functools import cache
from pathlib import Path
from typing import Any

import pytest

import postcraft
from conftest import EXAMPLES
from postcraft import insights
from postcraft.errors import InputError, PostcraftError
from postcraft.insights import Insights, MissingDependencyError, load_history
from postcraft.insights.compute import Settings, what_works
from postcraft.insights.model import PostFacts

PERSONAL = [
    "Jeg tog fejl i sidste uge, og det har jeg lært meget af.",
    "I dag lærte jeg noget, jeg burde have vidst for længe siden.",
    "Min kollega stillede mig et spørgsmål i går, som jeg stadig tænker på.",
    "I got it wrong last week, and I learned a lot from it.",
    "Honestly, this was not my best week, but I am proud of my team.",
    "A colleague asked me a question yesterday that I cannot stop thinking about.",
]
CORPORATE = [
    "Vi er stolte af at kunne præsentere vores nye innovative løsning. Læs mere på firma.dk",
    "Kystlys A/S styrker samarbejdet med Nordvest Universitet. Aftalen understøtter vores ambition om at "
    "være førende inden for grøn energi.",
    "We are proud to announce our new service agreement. Learn more at example.com",
    "Kystlys strengthens its partnership with Nordvest University. The agreement supports our ambition to "
    "lead in green energy.",
]
AUTHORS = [f"Person {i}" for i in range(12)]
CAUSAL = re.compile(
    r"\b(causes?|caused|increases?|increased|boosts?|drives?|leads? to|results? in|because of|improves?|"
    r"øger|forøger|skyldes|fører til|forbedrer|på grund af)\b",
    re.IGNORECASE,
)


@cache
def tone_of(text: str) -> str:
    return postcraft.score_tone(text).label


def make_rows(seed: int, n: int = 300, effect: float = 1.0, impressions: bool = True) -> list[dict[str, Any]]:
    """A history whose engagement rate is ``effect`` times higher for posts postcraft scores as
    personal (planted on the measured tone), with over-dispersed noise like real posts."""
    rng = random.Random(seed)
    start = dt.date(2025, 1, 6)
    rows = []
    for i in range(n):
        bank = PERSONAL if rng.random() < 0.5 else CORPORATE
        text = " ".join(rng.sample(bank, 2))
        imp = max(30, round(800 * math.exp(rng.gauss(0, 0.6))))
        rate = 0.03 * math.exp(rng.gauss(0, 0.35) - 0.35**2 / 2)
        if tone_of(text) == "personal":
            rate *= effect
        mu = imp * rate
        eng = (
            max(0, round(rng.gauss(mu, math.sqrt(mu))))
            if mu > 30
            else sum(rng.random() < rate for _ in range(imp))
        )
        row: dict[str, Any] = {
            "Date": (start + dt.timedelta(days=rng.randrange(180))).isoformat(),
            "Author": rng.choice(AUTHORS),
            "Text": text,
            "Reactions": eng,
            "Post link": f"urn:li:activity:{seed}{i:05d}",
        }
        if impressions:
            row["Impressions"] = imp
        rows.append(row)
    return rows


def run(rows: list[dict[str, Any]], **kw: Any) -> Insights:
    return insights(load_history(rows), show_progress=False, **kw)


# -- what works: planted effects are found, absent ones are not claimed -------------------------------
def test_a_planted_2x_effect_of_personal_tone_is_found() -> None:
    ins = run(make_rows(1, 400, effect=2.0))
    e = ins.effect("tone", "personal")
    assert e is not None and e.finding and e.warning is None
    assert e.ratio is not None and e.ratio_interval is not None
    assert e.ratio_interval.low > 1 and e.ratio_interval.contains(2.0)
    assert e.p_adjusted < 0.05 and e in ins.findings
    assert ins.basis == "impressions"
    sentence = e.sentence("en")
    assert re.match(
        r"Posts that sounded personal had (1\.[89]\d|2\.[01]\d)× the engagement of the same people's other posts",
        sentence,
    )
    assert not CAUSAL.search(sentence) and not CAUSAL.search(e.sentence("da"))


def test_the_planted_effect_is_found_per_post_without_impressions() -> None:
    ins = run(make_rows(2, 400, effect=2.0, impressions=False))
    assert ins.basis == "posts"
    assert "no_impressions" in [n.code for n in ins.notes]
    e = ins.effect("tone", "personal")
    assert e is not None and e.finding
    assert "WARNING: the history has no impressions" in ins.report("en")
    assert "ADVARSEL: historikken har ingen visninger" in ins.report("da")
    assert "Warning: no impressions" in ins.report("en").splitlines()[2]


def test_no_effect_is_claimed_where_there_is_none() -> None:
    claimed = []
    tone_ci_has_zero = 0
    for seed in range(10, 16):
        ins = run(make_rows(seed, 300, effect=1.0))
        claimed.append([(e.dimension, e.group) for e in ins.findings])
        e = ins.effect("tone", "personal")
        assert e is not None and e.ratio_interval is not None
        tone_ci_has_zero += e.ratio_interval.contains(1.0)
        for eff in ins.effects:
            if not eff.finding:
                assert eff.warning in ("small_sample", "includes_zero", "multiple_comparisons")
    assert sum(1 for c in claimed if c) <= 1, claimed
    assert tone_ci_has_zero >= 5


def _facts(seed: int, n: int) -> list[PostFacts]:
    rng = random.Random(seed)
    out = []
    for i in range(n):
        imp = max(20, round(900 * math.exp(rng.gauss(0, 0.6))))
        rate = 0.03 * math.exp(rng.gauss(0, 0.35) - 0.35**2 / 2)
        mu = imp * rate
        eng = (
            max(0, round(rng.gauss(mu, math.sqrt(mu))))
            if mu > 30
            else sum(rng.random() < rate for _ in range(imp))
        )
        out.append(
            PostFacts(
                line=i + 2,
                date=dt.date(2025, 1, 1),
                author=f"p{i % 15}",
                team=None,
                leader=None,
                reviewed=True,
                tone=rng.choices(["personal", "mixed", "corporate"], [0.45, 0.2, 0.35])[0],
                length_band=rng.choice(["short", "medium", "long"]),
                fold=rng.choice(["visible", "hook_before_fold", "hook_cut"]),
                hashtag_band=rng.choice(["none", "few", "many"]),
                findings_band=rng.choice(["with_findings", "without_findings"]),
                impressions=imp,
                engagement=eng,
            )  # fmt: skip
        )
    return out


def test_the_false_claim_rate_is_sane_over_many_null_histories() -> None:
    """40 null histories, one comparison per dimension (5 each): intervals exclude no difference
    about 5 % of the time, and after Holm's adjustment few histories claim anything."""
    settings = Settings(dt.date(2025, 7, 1), 0, 1000, 0.95, 20, 4, 4)
    comparisons = excluding = with_claim = 0
    for seed in range(40):
        _groups, effects = what_works(_facts(seed, 150), "impressions", settings)
        comparisons += len(effects)
        excluding += sum(1 for e in effects if e.ratio_interval and not e.ratio_interval.contains(1.0))
        with_claim += any(e.finding for e in effects)
    assert comparisons == 40 * 5
    assert 0.02 <= excluding / comparisons <= 0.09
    assert with_claim <= 4


def test_small_groups_get_a_small_sample_warning_and_never_a_finding() -> None:
    rows = make_rows(3, 60, effect=3.0)
    ins = run(rows, min_posts=40)
    assert ins.effects and all(e.warning == "small_sample" and not e.finding for e in ins.effects)
    assert "too_few_for_effects" in [n.code for n in ins.notes]
    assert "— too few" in ins.report("en")


def test_the_same_seed_gives_the_same_intervals_and_another_seed_other_ones() -> None:
    rows = make_rows(4, 200, effect=1.5)
    a, b, c = run(rows, seed=5), run(rows, seed=5), run(rows, seed=6)
    ea, eb, ec = (x.effect("tone", "personal") for x in (a, b, c))
    assert ea is not None and eb is not None and ec is not None
    assert ea.ratio_interval == eb.ratio_interval
    assert ea.ratio_interval != ec.ratio_interval
    assert ea.ratio == ec.ratio and ea.p == ec.p  # the estimate and its test do not depend on the seed


def test_posts_that_cannot_be_reviewed_are_left_out_of_what_works_and_said() -> None:
    rows = make_rows(5, 60)
    rows.append(
        {
            "Date": "2025-03-03",
            "Author": "Hans",
            "Text": "Ich habe heute etwas Neues über Windkraft "
            "gelernt, und das möchte ich gerne mit euch teilen.",
            "Reactions": 3,
            "Impressions": 100,
        }
    )
    ins = run(rows)
    bad = [f for f in ins.facts if not f.reviewed]
    assert len(bad) == 1 and bad[0].error == "language:de"
    note = next(n for n in ins.notes if n.code == "not_reviewed")
    assert note.values["languages"] == ["de"] and note.values["lines"] == [61]
    assert ins.organisation.posts == 61  # still counted for cadence


def test_long_histories_review_with_a_progress_bar(monkeypatch: pytest.MonkeyPatch) -> None:
    import postcraft.insights.compute as compute

    calls: list[tuple[int | None, str]] = []

    def recording(items: Any, *, total: int | None = None, label: str = "", stream: Any = None) -> Any:
        calls.append((total, label))
        return iter(items)

    monkeypatch.setattr(compute, "progress", recording)
    rows = make_rows(8, compute.PROGRESS_FROM)
    insights(load_history(rows))
    assert calls == [(compute.PROGRESS_FROM, "reviewing posts")]
    insights(load_history(rows[:10]))
    insights(load_history(rows), show_progress=False)
    assert len(calls) == 1
    insights(load_history(rows[:10]), show_progress=True)
    assert calls[-1] == (10, "reviewing posts")


# -- cadence, leaders, celebrate ----------------------------------------------------------------------
def _day(week: int, weekday: int = 1) -> str:
    return (
        dt.date(2025, 1, 6) + dt.timedelta(weeks=week, days=weekday)
    ).isoformat()  # 2025-01-06 is a Monday


ROSTER = {
    "people": [
        {"name": "Karen Lund", "role": "Administrerende direktør", "team": "Ledelse"},
        {"name": "Mette Hansen", "role": "HR-chef", "team": "HR"},
        {"name": "Sofie Berg", "role": "HR-partner", "team": "HR"},
        {"name": "Ole Dam", "role": "Servicetekniker", "team": "Drift"},
        {"name": "Viktor Sand", "role": "Servicetekniker", "team": "Drift"},
    ]
}


def _cadence_rows() -> list[dict[str, Any]]:
    rows = []
    # Sofie: weeks 0, 1, 2, then 4, 5, 6, 7 (now is in week 7): current streak 4, longest 4
    for w in (0, 1, 2, 4, 5, 6, 7):
        rows.append({"Date": _day(w, 2), "Author": "Sofie Berg", "Text": f"Sofie uge {w}: jeg lærte noget."})
    # Mette (leader of HR) posts first, in week 0 on Monday
    for w in (0, 3, 6):
        rows.append({"Date": _day(w, 0), "Author": "Mette Hansen", "Text": f"Mette uge {w}: jeg er stolt."})
    # Ole: weeks 0 and 1 only -> quiet by week 7
    for w in (0, 1):
        rows.append({"Date": _day(w, 3), "Author": "Ole Dam", "Text": f"Ole uge {w}: jeg tog fejl."})
    # Karen (CEO) posts 12 times in week 6-7, reaching her 10th post
    for i in range(12):
        rows.append(
            {"Date": _day(6 + i // 6, i % 6), "Author": "Karen Lund", "Text": f"Karen {i}: jeg takker."}
        )
    return rows


def test_cadence_streaks_quiet_and_rates() -> None:
    ins = insights(load_history(_cadence_rows(), roster=ROSTER), show_progress=False)
    assert ins.now == dt.date.fromisoformat(_day(7, 5))  # the newest post
    sofie = next(c for c in ins.people if c.name == "Sofie Berg")
    assert (sofie.posts, sofie.weeks, sofie.current_streak, sofie.longest_streak) == (7, 8, 4, 4)
    assert sofie.per_week == pytest.approx(7 / 8)
    assert sofie.per_week_interval.low < 7 / 8 < sofie.per_week_interval.high
    assert not sofie.quiet
    ole = next(c for c in ins.people if c.name == "Ole Dam")
    assert ole.quiet and ole.current_streak == 0 and ole.longest_streak == 2 and ole.weeks_since_last == 6
    assert [c.name for c in ins.quiet] == ["Ole Dam"]
    assert ins.not_started == ("Viktor Sand",)
    hr = next(t for t in ins.teams if t.name == "HR")
    assert (hr.posts, hr.people, hr.active_people) == (10, 2, 2)
    assert ins.organisation.posts == len(_cadence_rows())


def test_leaders_share_and_leaders_go_first() -> None:
    ins = insights(load_history(_cadence_rows(), roster=ROSTER), show_progress=False)
    ld = ins.leaders
    assert ld.known and ld.leader_posts == 15 and ld.posts == 24
    assert ld.share == pytest.approx(15 / 24)
    assert ld.share_interval is not None and ld.share_interval.contains(15 / 24)
    assert ld.leaders_first is True and ld.first_leader_post == dt.date(2025, 1, 6)
    hr = next(t for t in ld.teams if t.team == "HR")
    assert hr.leaders_first is True and hr.leader_posts == 3
    assert (ld.teams_compared, ld.teams_led_first) == (1, 1)  # only HR has both a leader and others
    without_roles = insights(load_history(_cadence_rows()), show_progress=False)
    assert not without_roles.leaders.known and "no_roles" in [n.code for n in without_roles.notes]


def test_first_posts_milestones_and_best_month() -> None:
    ins = insights(load_history(_cadence_rows(), roster=ROSTER), show_progress=False, recent_weeks=2)
    firsts = {f.name: f for f in ins.first_posts}
    assert firsts["Karen Lund"].recent and not firsts["Sofie Berg"].recent
    stones = [(m.kind, m.name, m.number) for m in ins.milestones]
    assert ("person", "Karen Lund", 10) in stones and ("team", "HR", 10) in stones
    assert ("person", "Sofie Berg", 10) not in stones
    karen10 = next(m for m in ins.milestones if m.name == "Karen Lund")
    assert karen10.recent and karen10.date == dt.date.fromisoformat(_day(7, 3))
    assert ins.best_month is not None and ins.best_month.month == "2025-02"


def test_a_rising_team_trend_has_an_interval_above_zero() -> None:
    rows = []
    for month in range(1, 9):
        for k in range(month * 3):
            rows.append(
                {
                    "Date": f"2025-{month:02d}-{1 + k % 27:02d}",
                    "Author": f"P{k % 5}",
                    "Text": f"Opslag {month}-{k}: jeg lærte noget.",
                }
            )
    ins = insights(load_history(rows), show_progress=False, now="2025-09-15")
    org = ins.trends[0]
    assert org.kind == "organisation" and org.direction == "rising"
    assert org.slope == pytest.approx(3.0) and org.interval is not None and org.interval.low > 0
    assert len(org.months) == 8  # September is not complete on the 15th
    flat = insights(load_history([r for r in rows if r["Date"] < "2025-03"]), show_progress=False)
    assert flat.trends[0].direction == "too_short"


def test_now_in_the_past_leaves_later_posts_out_and_says_so() -> None:
    ins = insights(load_history(_cadence_rows()), show_progress=False, now=_day(3))
    assert "future_posts" in [n.code for n in ins.notes]
    assert ins.end <= dt.date.fromisoformat(_day(3))
    with pytest.raises(InputError, match="every post in the history is after"):
        insights(load_history(_cadence_rows()), show_progress=False, now="2024-01-01")
    with pytest.raises(InputError, match="is not a date"):
        insights(load_history(_cadence_rows()), show_progress=False, now="soon")


def test_an_empty_history_is_an_error_that_says_why() -> None:
    h = load_history([{"Date": "2025-01-01", "Author": "A", "Text": ""}])
    with pytest.raises(InputError, match="no posts to look at .1 row skipped; first: row 1: no post text"):
        insights(h, show_progress=False)


# -- outputs --------------------------------------------------------------------------------------
HOSTILE = '<img src=x onerror="alert(1)"> Æ & <b>'


@pytest.fixture(scope="module")
def rich() -> Insights:
    rows = make_rows(7, 300, effect=2.0)
    for r in rows:
        r["Title"], r["Team"] = "Udvikler", "Platform"
    for r in rows[:40]:
        r["Author"] = HOSTILE
        r["Title"], r["Team"] = "CEO", "<script>alert(2)</script>"
    return insights(load_history(rows, roster=ROSTER), show_progress=False)


def test_to_dict_is_json(rich: Insights) -> None:
    d = rich.to_dict()
    text = json.dumps(d, ensure_ascii=False, allow_nan=False)
    assert d["basis"] == "impressions" and d["settings"]["resamples"] == 2000
    assert any(f["dimension"] == "tone" for f in d["findings"])
    assert len(d["posts"]) == 300 and "tone" in d["posts"][0]
    assert HOSTILE in json.loads(text)["people"][0]["name"] or any(p["name"] == HOSTILE for p in d["people"])


def test_dataframes(rich: Insights) -> None:
    pytest.importorskip("pandas")
    frames = rich.to_dataframes()
    assert set(frames) == {
        "posts",
        "people",
        "teams",
        "effects",
        "groups",
        "milestones",
        "first_posts",
        "monthly",
        "weekly",
        "trends",
        "leaders_by_team",
        "team_monthly",
        "participation",
        "experts",
    }
    posts = rich.to_dataframe()
    assert len(posts) == 300 and {"tone", "rate", "engagement", "impressions", "date"} <= set(posts.columns)
    eff = frames["effects"]
    assert {"ratio_interval_low", "ratio_interval_high", "both", "sentence", "finding"} <= set(eff.columns)


def test_dataframes_without_pandas_say_how_to_install(
    rich: Insights, monkeypatch: pytest.MonkeyPatch
) -> None:
    import postcraft.insights.model as model

    def missing(name: str) -> Any:
        raise ImportError(name)

    monkeypatch.setattr(model, "import_module", missing)
    with pytest.raises(MissingDependencyError, match=r"pip install 'postcraft\[pandas\]'"):
        rich.to_dataframe()


@pytest.mark.parametrize("lang", ["en", "da"])
def test_the_report_reads_in_both_languages_without_causal_words(rich: Insights, lang: str) -> None:
    report = rich.report(lang)
    heads = {
        "en": [
            "CADENCE",
            "GONE QUIET",
            "LEADERS GO FIRST",
            "PATTERNS IN ENGAGEMENT",
            "PROGRESS TO CELEBRATE",
            "ABOUT THE DATA",
        ],
        "da": [
            "RYTME",
            "BLEVET STILLE",
            "LEDERNE GÅR FORREST",
            "MØNSTRE I ENGAGEMENT",
            "FREMSKRIDT AT FEJRE",
            "OM DATA",
        ],
    }
    for head in heads[lang]:
        assert head in report
    assert not CAUSAL.search(report), CAUSAL.search(report)
    first = {"en": "Posts that sounded personal had", "da": "Opslag, der lød personlige, havde"}[lang]
    assert first in report
    assert all(len(line) <= 130 for line in report.splitlines() if not line.startswith("  ")), (
        "wrap long lines"
    )


def test_html_is_self_contained_escaped_and_has_the_charts(rich: Insights) -> None:
    page = rich._repr_html_()
    assert page.startswith('<div class="postcraft" data-postcraft="insights"')
    lowered = page.lower()
    assert "<script" not in lowered and "<img" not in lowered and "<b>" not in page
    assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in page
    assert "&lt;script&gt;alert(2)&lt;/script&gt;" in page
    assert "javascript:" not in lowered and "url(" not in lowered and "@import" not in lowered
    assert not re.search(r'\b(src|href)\s*=\s*"', page)
    assert set(re.findall(r"https?://[^\s\"'<]+", page)) <= {"http://www.w3.org/2000/svg"}
    for chart in ("chart-weekly", "chart-patterns", "chart-leaders", "chart-team-months"):
        assert f'data-postcraft="{chart}"' in page
    assert page.count("<svg") == page.count("</svg>") == 4
    assert 'data-postcraft="finding"' in page
    assert rich.html("da").count('lang="da"') == 1


@pytest.mark.parametrize("lang", ["en", "da"])
def test_text_and_html_show_the_same_sections(rich: Insights, lang: str) -> None:
    import html

    from postcraft.formats.insights import Items, Para, Table, report

    words = " ".join(rich.report(lang).split())
    page = html.unescape(rich.html(lang))
    for sec in report(rich, lang).sections:
        assert sec.heading.upper() in words and sec.heading in page
        for block in sec.blocks:
            shown: list[str] = []
            if isinstance(block, Para):
                shown = [block.text]
            elif isinstance(block, Items):
                shown = [block.intro, *block.items]
            elif isinstance(block, Table):
                shown = [block.caption, *block.headers]
            for s in shown:
                assert " ".join(s.split()) in words and s in page, s


def test_html_and_report_without_outcomes_or_roles() -> None:
    rows = [{"Date": _day(w), "Author": "A", "Text": f"Uge {w}: jeg lærte noget."} for w in range(6)]
    ins = insights(load_history(rows), show_progress=False)
    assert ins.basis is None and not ins.effects and not ins.groups
    assert "no_outcomes" in [n.code for n in ins.notes]
    assert "No patterns in engagement to show" in ins.report("en")
    page = ins.html("en")
    assert "chart-patterns" not in page and "chart-leaders" not in page and "chart-weekly" in page


# -- the example and the command line -------------------------------------------------------------
@pytest.fixture(scope="module")
def example() -> Insights:
    return insights(EXAMPLES / "history.csv", EXAMPLES / "history-roster.yaml", show_progress=False)


def test_the_example_history_shows_its_planted_effects(example: Insights) -> None:
    tone = example.effect("tone", "personal")
    hook = example.effect("fold")
    assert tone is not None and tone.finding and tone.ratio is not None and tone.ratio > 1.2
    assert hook is not None and hook.group == "hook_cut" and hook.finding
    assert hook.ratio is not None and hook.ratio < 0.85  # planted: 0.75 for a cut hook
    assert {"Ole Dam", "Sofie Berg"} <= {c.name for c in example.quiet}
    assert example.not_started == ("Viktor Sand",)
    assert any(f.name == "Ida Kragh" and f.recent for f in example.first_posts)
    assert example.leaders.leaders_first is True
    assert example.trends[0].direction == "rising"
    assert example.history.unmatched_authors == ("Maja Thorsen",)


def _cli(monkeypatch: pytest.MonkeyPatch, argv: list[str]) -> int:
    from postcraft import cli

    if "postcraft.cli.insights" not in cli.COMMAND_MODULES:
        monkeypatch.setattr(cli, "COMMAND_MODULES", (*cli.COMMAND_MODULES, "postcraft.cli.insights"))
    return cli.main(argv)


def test_cli_text_json_and_html(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    history = str(EXAMPLES / "history.csv")
    roster = str(EXAMPLES / "history-roster.yaml")
    assert (
        _cli(monkeypatch, ["insights", history, "--roster", roster, "--lang", "da", "--resamples", "500"])
        == 0
    )
    out = capsys.readouterr().out
    assert out.startswith("postcraft-indsigt\n") and "MØNSTRE I ENGAGEMENT" in out and "Ole Dam" in out
    assert _cli(monkeypatch, ["insights", history, "--format", "json", "--resamples", "500"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["history"]["posts"] > 400 and data["settings"]["resamples"] == 500
    page = tmp_path / "insights.html"
    assert (
        _cli(monkeypatch, ["insights", history, "--format", "html", "-o", str(page), "--resamples", "500"])
        == 0
    )
    html = page.read_text("utf-8")
    assert html.startswith("<!doctype html>") and "<svg" in html and "<script" not in html


def test_cli_errors_exit_2_with_file_and_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("Date,Author,Text\n2025-03-03,A,Hej med jer\nsoon,B,Hej igen\n", encoding="utf-8")
    assert _cli(monkeypatch, ["insights", str(bad)]) == 2
    assert f"postcraft: {bad}:3: 'soon' in column 'Date' is not a date" in capsys.readouterr().err
    assert (
        _cli(monkeypatch, ["insights", str(bad), "--skip-bad-rows", "--resamples", "200", "--lang", "en"])
        == 0
    )
    assert "line 3: 'soon' in column 'Date' is not a date" in capsys.readouterr().out
    nocols = tmp_path / "nocols.csv"
    nocols.write_text("When,Who\n2025-03-03,A\n", encoding="utf-8")
    assert _cli(monkeypatch, ["insights", str(nocols)]) == 2
    err = capsys.readouterr().err
    assert "Columns found: 'When', 'Who'" in err and "--mapping" in err
    mapping = tmp_path / "m.yaml"
    mapping.write_text("date: When\nauthor: Who\ntext: Who\n", encoding="utf-8")
    assert _cli(monkeypatch, ["insights", str(nocols), "--mapping", str(mapping)]) == 2
    assert "has no such column" in capsys.readouterr().err  # one column cannot serve two fields


def test_errors_are_postcraft_errors() -> None:
    from postcraft.insights import HistoryError

    assert issubclass(HistoryError, PostcraftError) and issubclass(MissingDependencyError, PostcraftError)


def test_importing_the_package_is_cheap() -> None:
    import subprocess
    import sys

    code = (
        "import sys, postcraft.insights as pi; "
        "print(sorted(m for m in ('postcraft.insights.history', 'postcraft.insights.model', "
        "'postcraft.insights.compute', 'yaml', 'numpy', 'pandas', 'openpyxl') if m in sys.modules)); "
        "print(pi.Insights.__name__)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    first, second = out.splitlines()
    assert "postcraft.insights.history" not in first and "numpy" not in first and "pandas" not in first
    assert second == "Insights"


# -- issue 21: what a manager needs next ------------------------------------------------------------
def test_someone_silent_exactly_quiet_weeks_is_quiet_not_active() -> None:
    rows = [
        {"Date": "2025-03-03", "Author": "A", "Text": "Jeg lærte noget i dag."},
        {"Date": "2025-03-31", "Author": "B", "Text": "Jeg takker mit team."},
    ]
    ins = insights(load_history(rows), show_progress=False)  # now = 2025-03-31: A silent 28 days
    a = next(c for c in ins.people if c.name == "A")
    assert a.quiet and a.active_people == 0
    assert ins.organisation.active_people == 1 and [c.name for c in ins.quiet] == ["A"]


@pytest.mark.parametrize(
    ("role", "leader"),
    [
        ("Projektleder", False),
        ("Project Manager", False),
        ("Key Account Manager", False),
        ("Office Manager", False),
        ("Sales Manager", True),
        ("HR-chef", True),
        ("Afdelingsleder", True),
    ],
)
def test_who_counts_as_a_leader(role: str, leader: bool) -> None:
    from postcraft.insights.history import is_leader

    assert is_leader(role) is leader


def test_one_comparison_per_dimension_with_the_people_behind_it(rich: Insights) -> None:
    dims = [e.dimension for e in rich.effects]
    assert len(dims) == len(set(dims))  # no mirrored "personal up" / "corporate down"
    tone = rich.effect("tone")
    assert tone is not None and tone.group == "personal"
    assert tone.people >= tone.both >= 10 and tone.rest_people >= tone.both
    assert f"{tone.n} posts by {tone.people} people" in tone.sentence("en")
    assert rich.settings["bootstrap"] == "python"


def test_the_report_tells_a_manager_what_to_do_next() -> None:
    roster = {
        "people": [
            {"name": "Karen Lund", "role": "CEO", "team": "Ledelse"},
            {"name": "Mette Hansen", "role": "HR-chef", "team": "HR"},
            {"name": "Sofie Berg", "role": "HR-partner", "team": "HR", "expert": True, "topics": ["trivsel"]},
            {"name": "Ole Dam", "role": "Servicetekniker", "team": "Drift"},
            {"name": "Viktor Sand", "role": "Tekniker", "team": "Drift", "expert": True, "topics": ["vind"]},
        ]
    }
    ins = insights(load_history(_cadence_rows(), roster=roster), show_progress=False)
    assert ins.participation is not None
    assert (ins.participation.headcount, ins.participation.posted) == (5, 4)
    drift = next(t for t in ins.team_progress if t.team == "Drift")
    assert (drift.participation.headcount, drift.participation.posted) == (2, 1)
    assert sum(m.posts for m in drift.months) == 2
    assert [(x.name, x.status) for x in ins.experts] == [
        ("Viktor Sand", "not_started"),
        ("Sofie Berg", "active"),
    ]
    report = ins.report("en")
    assert "4 of the 5 people in the roster have posted" in report
    assert "Viktor Sand (Drift): vind — has not posted yet" in report
    assert "to_dict" not in report and "to_dataframes" not in report
    assert "TEAMS OVER TIME" in report and "EXPERTS TO INVITE" in report
    page = ins.html("en")
    assert 'data-postcraft="chart-team-months"' in page
    assert "this week so far" in page  # now is a Saturday: the last week is not complete
