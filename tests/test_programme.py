"""The programme side: holidays, the plan and its exports, onboarding, the guideline document."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import zipfile
from pathlib import Path

import pytest

import postcraft
from postcraft.cli import main as run
from postcraft.errors import ConfigError, InputError
from postcraft.formats.ics import escape_text, fold, plan_ics
from postcraft.programme import easter, holidays, is_holiday
from postcraft.programme.planning import ideas, level_of
from postcraft.tags.roster import Person, load_roster

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
ROSTER = EXAMPLES / "roster.yaml"
GUIDELINES = EXAMPLES / "guidelines.yaml"
START = dt.date(2025, 4, 14)  # the week before Easter Monday 2025


# -- holidays -------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("year", "expected"),
    [
        (1961, (4, 2)),
        (2000, (4, 23)),
        (2008, (3, 23)),
        (2011, (4, 24)),
        (2019, (4, 21)),
        (2024, (3, 31)),
        (2285, (3, 22)),
    ],
)
def test_easter(year: int, expected: tuple[int, int]) -> None:
    assert easter(year) == dt.date(year, *expected)


def test_danish_holidays_2024_and_store_bededag() -> None:
    days = {h.id: h.date for h in holidays(2024, "da")}
    assert days["skaertorsdag"] == dt.date(2024, 3, 28) and days["anden-pinsedag"] == dt.date(2024, 5, 20)
    assert days["kristi-himmelfartsdag"] == dt.date(2024, 5, 9) and days["grundlovsdag"] == dt.date(
        2024, 6, 5
    )
    assert "store-bededag" not in days  # abolished from 2024
    assert is_holiday(dt.date(2023, 5, 5), "da") is not None  # but there in 2023
    assert is_holiday(dt.date(2024, 12, 24), "da").de_facto  # type: ignore[union-attr]


def test_uk_bank_holidays_with_substitutes_and_one_offs() -> None:
    assert [h.date for h in holidays(2022, "en")] == [
        dt.date(2022, 1, 3), dt.date(2022, 4, 15), dt.date(2022, 4, 18), dt.date(2022, 5, 2),
        dt.date(2022, 6, 2), dt.date(2022, 6, 3), dt.date(2022, 8, 29), dt.date(2022, 9, 19),
        dt.date(2022, 12, 26), dt.date(2022, 12, 27),
    ]  # fmt: skip
    assert [h.date for h in holidays(2020, "en")][3] == dt.date(2020, 5, 8)  # VE day move
    assert {h.date for h in holidays(2021, "en")} >= {dt.date(2021, 12, 27), dt.date(2021, 12, 28)}


# -- levels and ideas -----------------------------------------------------------------------------
def test_level_explicit_then_heuristic() -> None:
    assert level_of(Person("A", role="CEO")) == "top_leader"
    assert level_of(Person("A", role="Teamleder")) == "middle_manager"
    assert level_of(Person("A", role="Chefkonsulent")) == "employee"
    assert level_of(Person("A", role="CEO", level="employee")) == "employee"


def test_a_leaders_first_three_posts() -> None:
    lars = next(p for p in load_roster(ROSTER).people if p.name == "Lars Jensen")
    assert [i.template for i in ideas(lars, "en")] == [
        "leader-why-linkedin.en",
        "thank-colleague.en",
        "mistake-lesson.en",
    ]
    # a purpose about showing the work picks behind-the-scenes over thanks for a manager's second post
    mette = next(p for p in load_roster(ROSTER).people if p.name == "Mette Hansen")
    assert [i.purpose for i in ideas(mette, "da")] == ["why_linkedin", "behind_the_scenes", "mistake_lesson"]


# -- the plan -------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def plan() -> postcraft.Plan:
    return postcraft.plan(str(ROSTER), weeks=8, start=START, lang="da")


def test_plan_leaders_go_first(plan: postcraft.Plan) -> None:
    first_week = plan.in_week(START)
    assert [s.person for s in first_week] == ["Lars Jensen"]
    assert first_week[0].template == "leader-why-linkedin.da"
    levels = [s.level for s in plan.slots]
    first_at = {lv: levels.index(lv) for lv in set(levels)}
    assert first_at["top_leader"] < first_at["middle_manager"] < first_at["employee"]
    emil = [s for s in plan.slots if s.person == "Emil Sørensen"]
    assert emil[0].week == START + dt.timedelta(weeks=2)


def test_plan_one_post_per_person_per_week_and_no_holidays(plan: postcraft.Plan) -> None:
    seen = set()
    for s in plan.slots:
        assert (s.person, s.week) not in seen
        seen.add((s.person, s.week))
        assert s.week <= s.date < s.week + dt.timedelta(days=5)
        assert is_holiday(s.date, s.lang) is None, s
    # Easter Monday 21 April 2025 is a holiday: the leader's second post moves to Tuesday
    assert all(s.date != dt.date(2025, 4, 21) for s in plan.slots)
    assert "2. påskedag" in [h.name for h in plan.holidays]


def test_plan_fits_language_and_topics(plan: postcraft.Plan) -> None:
    priya = [s for s in plan.slots if s.person == "Priya Raman"]
    assert priya and all(s.lang == "en" and s.template.endswith(".en") for s in priya)
    assert {s.topic for s in priya} <= {"software engineering", "cloud"}
    assert all(postcraft.templates(lang=s.lang, purpose=s.purpose) for s in plan.slots)
    assert json.loads(json.dumps(plan.to_dict()))["slots"][0]["person"] == "Lars Jensen"


def test_plan_refuses_bad_input() -> None:
    with pytest.raises(InputError, match="weeks"):
        postcraft.plan(str(ROSTER), weeks=0)
    with pytest.raises(InputError, match="not in the roster"):
        postcraft.plan(str(ROSTER), people=["Nobody Here"])


# -- ICS ------------------------------------------------------------------------------------------
def test_ics_escaping_and_folding() -> None:
    assert escape_text("a,b;c\\d\ne") == "a\\,b\\;c\\\\d\\ne"
    line = "DESCRIPTION:" + "æ" * 60
    folded = fold(line)
    parts = folded.split("\r\n")
    assert all(len(p.encode("utf-8")) <= 75 for p in parts)
    assert all(p.startswith(" ") for p in parts[1:])
    assert "".join([parts[0]] + [p[1:] for p in parts[1:]]) == line  # unfolding restores it
    parts[0].encode("utf-8").decode("utf-8")  # no character was split


def test_ics_calendar(plan: postcraft.Plan) -> None:
    stamp = dt.datetime(2025, 1, 2, 3, 4, 5, tzinfo=dt.UTC)
    text = plan_ics(plan, stamp=stamp)
    assert text.startswith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:")
    assert text.endswith("END:VCALENDAR\r\n")
    assert "\n" not in text.replace("\r\n", "")  # every line ends in CRLF
    raw = text.encode("utf-8").split(b"\r\n")
    assert max(len(x) for x in raw) <= 75
    unfolded = text.replace("\r\n ", "").split("\r\n")
    events = text.count("BEGIN:VEVENT")
    assert events == len(plan.slots) == text.count("END:VEVENT")
    uids = [ln for ln in unfolded if ln.startswith("UID:")]
    assert len(set(uids)) == events
    assert unfolded.count("DTSTAMP:20250102T030405Z") == events
    assert "DTSTART;VALUE=DATE:20250415" in unfolded
    desc = next(ln for ln in unfolded if ln.startswith("DESCRIPTION:"))
    assert "\\n" in desc and "\\," in desc  # line breaks and commas escaped


# -- CLI: plan ------------------------------------------------------------------------------------
def test_cli_plan_formats(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    base = ["plan", "--roster", str(ROSTER), "--weeks", "8", "--start", "2025-04-14", "--lang", "da"]
    assert run(base) == 0
    out = capsys.readouterr().out
    assert "Uge 16" in out and "Lars Jensen" in out and "leader-why-linkedin.da" in out
    ics = tmp_path / "plan.ics"
    assert run(base + ["--format", "ics", "-o", str(ics)]) == 0
    assert ics.read_bytes().count(b"\r\nBEGIN:VEVENT\r\n") > 10
    assert run(base + ["--format", "csv", "--lang", "en"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert rows[0]["person"] == "Lars Jensen" and rows[0]["template"] == "leader-why-linkedin.en"
    assert run(base + ["--format", "md"]) == 0
    md = capsys.readouterr().out
    assert md.startswith("# Opslagsplan") and "| Lars Jensen |" in md and "2. påskedag" in md
    html_file = tmp_path / "plan.html"
    assert run(base + ["--format", "html", "-o", str(html_file)]) == 0
    assert 'data-postcraft="plan"' in html_file.read_text("utf-8")
    assert run(["plan", "--roster", str(ROSTER), "--start", "14-04-2025"]) == 2


# -- CLI: onboard ---------------------------------------------------------------------------------
def test_cli_onboard_interactive(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    roster = tmp_path / "roster.yaml"
    roster.write_text(ROSTER.read_text("utf-8"), "utf-8")
    answers = iter(
        ["Vise hvad en elektriker laver", "rolig, jordnær", "el, service", "el, service, lærlinge"]
    )
    asked: list[str] = []

    def fake(question: str) -> str:
        asked.append(question)
        return next(answers, "")

    monkeypatch.setattr("postcraft.cli.onboard.prompt", fake)
    assert run(["onboard", "Emil Sørensen", "--roster", str(roster), "--lang", "da"]) == 0
    assert asked[0].startswith("Hvorfor vil du skrive") and asked[2] == asked[3]  # 2 topics: asked again
    emil = next(p for p in load_roster(roster).people if p.name == "Emil Sørensen")
    assert emil.purpose == "Vise hvad en elektriker laver" and emil.tone == ("rolig", "jordnær")
    assert emil.topics == ("el", "service", "lærlinge") and emil.urn == "urn:li:person:Em1lS0r3ns"
    text = roster.read_text("utf-8")
    assert "# Example roster for postcraft" in text and "# two Anders" in text  # the rest is kept
    out = capsys.readouterr().out
    assert "Dine første tre opslag" in out and out.count("postcraft draft ") == 3


def test_cli_onboard_flags_and_validation(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    roster = tmp_path / "new.yaml"
    args = ["onboard", "Sofie Lund", "--roster", str(roster), "--lang", "en", "--no-input",
            "--purpose", "Show why our work matters", "--tone", "warm", "--level", "top_leader",
            "--topic", "energy", "--topic", "people", "--topic", "leadership", "--language", "en"]  # fmt: skip
    assert run(args) == 0
    sofie = load_roster(roster).people[0]
    assert sofie.level == "top_leader" and sofie.languages == ("en",)
    assert "1. leader-why-linkedin.en" in capsys.readouterr().out
    assert run(args[:-6] + ["--topic", "only one"]) == 2  # 3–5 topics
    before = roster.read_bytes()
    bad = args[:9] + ["--level", "boss", "--topic", "a", "--topic", "b", "--topic", "c"]
    assert run(bad) == 2  # the new file is validated before it is written
    assert "'level' 'boss' is not a level" in capsys.readouterr().err
    assert roster.read_bytes() == before


# -- the guide ------------------------------------------------------------------------------------
@pytest.mark.parametrize("lang", ["da", "en"])
def test_guide_sections(lang: str) -> None:
    g = postcraft.guide(str(GUIDELINES), lang=lang)
    ids = [s.id for s in g.sections]
    assert ids == ["do", "dont", "disclosure", "confidentiality", "agreement", "help"]
    dont = g.section("dont")
    assert dont is not None and dont.items[0].rule == "contoso.jargon" and dont.items[0].bad
    disclosure = g.section("disclosure")
    assert disclosure is not None and "Reklame" in " ".join(disclosure.paragraphs)
    assert any("255.5" in s.title for s in disclosure.sources) and any(
        "2005/29" in s.title for s in disclosure.sources
    )
    helps = g.section("help")
    assert helps is not None and [c.topic for c in helps.contacts] == [
        "communications",
        "legal",
        "confidentiality",
        "hr",
    ]
    assert helps.contacts[1].topic_label == ("Jura" if lang == "da" else "Legal")


def test_guide_without_agreement_explains_disclosure_otherwise() -> None:
    g = postcraft.guide({"organisation": {"name": "Acme", "programme": "voluntary"}}, lang="en")
    assert "I work at Acme" in " ".join(g.section("disclosure").paragraphs)  # type: ignore[union-attr]
    assert g.section("agreement") is None and g.section("help") is None


@pytest.mark.parametrize("lang", ["da", "en"])
def test_cli_guide_md_html_docx(lang: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    base = ["guide", "--guidelines", str(GUIDELINES), "--lang", lang]
    assert run(base + ["--format", "md"]) == 0
    md = capsys.readouterr().out
    assert md.startswith("# ") and "jura@contoso.example" in md and "Falcon" in md
    page = tmp_path / "guide.html"
    assert run(base + ["--format", "html", "-o", str(page)]) == 0
    html = page.read_text("utf-8")
    assert html.startswith("<!doctype html>") and 'data-postcraft="contact"' in html
    docx_file = tmp_path / "guide.docx"
    assert run(base + ["--format", "docx", "-o", str(docx_file)]) == 0
    with zipfile.ZipFile(docx_file) as z:
        body = z.read("word/document.xml").decode("utf-8")
    assert "jura@contoso.example" in body and "Contoso" in body
    assert run(base + ["--format", "docx"]) == 2  # binary: needs -o


# -- guideline file: contacts and agreement --------------------------------------------------------
def test_help_contacts_are_validated(tmp_path: Path) -> None:
    bad = tmp_path / "g.yaml"
    bad.write_text("help:\n  contacts:\n    - topic: legl\n      name: Jens\n", "utf-8")
    with pytest.raises(ConfigError) as exc:
        postcraft.load_guidelines(bad)
    assert exc.value.line == 3 and "did you mean 'legal'" in str(exc.value)
    bad.write_text("help:\n  contacts:\n    - topic: legal\n      email: not-an-address\n", "utf-8")
    with pytest.raises(ConfigError, match="not an e-mail address") as exc:
        postcraft.load_guidelines(bad)
    assert exc.value.line == 4
    bad.write_text("agreement:\n  like: yes please\n", "utf-8")
    with pytest.raises(ConfigError, match="agreement.like") as exc:
        postcraft.load_guidelines(bad)
    assert exc.value.line == 2


def test_contacts_show_next_to_findings() -> None:
    from postcraft.formats.html import review_html
    from postcraft.formats.text import review_report

    r = postcraft.review("Vi arbejder på Falcon, og det bliver stort.", guidelines=str(GUIDELINES), lang="da")
    f = next(f for f in r.findings if f.rule == "confidentiality.projects")
    assert "Fortrolighed: Sikkerhed og compliance, compliance@contoso.example, #fortroligt" in f.help
    assert "compliance@contoso.example" in review_report(r)
    assert "compliance@contoso.example" in review_html(r)
