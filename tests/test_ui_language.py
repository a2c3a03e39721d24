"""postcraft's own words in the user's language (issue 17): Danish numbers in Danish output,
count words with the right plural in both languages, ``--ui-lang`` and its defaults, and
command-line messages that name flags, not Python arguments."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import postcraft
from postcraft.cli import main
from postcraft.formats import ui
from postcraft.formats.text import findings_report, review_report, tone_report
from postcraft.formats.text.review import findings_summary
from postcraft.langs import SUPPORTED, from_locale, get
from postcraft.tone import score_tone

# a decimal point: a dot between digits that is not a thousands separator (exactly three digits)
DECIMAL_POINT = re.compile(r"\d\.(?!\d{3}(?!\d))\d")

DA_CORPORATE = (
    "Vi er stolte af at kunne præsentere vores nye løsning, der skaber værdi for kunderne og "
    "samarbejdspartnerne i hele organisationen gennem implementeringen af strategiske initiativer. "
) * 20  # long (over 3.000 characters), corporate, hard to read: lengths, LIX and the tone score in messages

DA_ROWS = [
    {
        "Date": f"2025-03-{d:02d}",
        "Author": "Ole Dam",
        "Text": f"Jeg lærte noget nyt i uge {d}, og det glæder mig.",
    }
    for d in (3, 10, 17)
] + [{"Date": "2025-03-05", "Author": "Mette Holm", "Text": "Jeg har været på kursus i dag og lært meget."}]


def _without(text: str, draft: str) -> str:
    """The report without the draft's own words (only postcraft's numbers are checked)."""
    return text.replace(draft, "")


def test_decimal_point_pattern_tells_decimals_from_thousands() -> None:
    assert DECIMAL_POINT.search("LIX 52.3") and DECIMAL_POINT.search("personlig: 0.00")
    assert not DECIMAL_POINT.search("3.000 tegn") and not DECIMAL_POINT.search("LIX 52,3")
    assert DECIMAL_POINT.search("1.2345")


def test_danish_review_report_writes_danish_numbers() -> None:
    result = postcraft.review(DA_CORPORATE, lang="da")
    report = review_report(result)
    assert report.startswith("Sprog: da   længde: 3.6")  # thousands dot
    assert "personlig 0,0" in report and re.search(r"LIX: \d+,\d", report)
    assert not DECIMAL_POINT.search(report), report
    assert {"linkedin.length", "readability.lix.very-hard", "voice.corporate"} <= {
        f.rule for f in result.findings
    }
    for f in result.findings:  # the messages: lengths, LIX and the tone score
        assert not DECIMAL_POINT.search(f.message), f.message
    length = next(f for f in result.findings if f.rule == "linkedin.length")
    assert "3.000" in length.message and not re.search(r"\d,\d{3}\b", length.message)


def test_danish_check_and_tone_reports_write_danish_numbers() -> None:
    findings = postcraft.check(DA_CORPORATE, lang="da")
    report = findings_report("opslag.txt", findings, "da")
    assert not DECIMAL_POINT.search(report), report
    assert re.search(r"\d+ fund: \d+ fejl, \d+ advars(el|ler)\b", report)
    tone = tone_report(score_tone(DA_CORPORATE, lang="da"))
    assert tone.startswith("virksomhedsagtig (personlig 0,")
    assert re.search(r"[-+]\d+,\d\d", tone) and not DECIMAL_POINT.search(_without(tone, DA_CORPORATE)), tone


def test_danish_insights_report_writes_danish_numbers() -> None:
    report = postcraft.insights(DA_ROWS, now="2025-05-01", show_progress=False).report("da")
    assert "Uger i træk med opslag" in report and "uge(r)" not in report and "forfatter(e)" not in report
    assert re.search(r"\d,\d", report)
    assert not DECIMAL_POINT.search(report), [
        line for line in report.splitlines() if DECIMAL_POINT.search(line)
    ]


def test_english_output_keeps_english_numbers() -> None:
    result = postcraft.review(DA_CORPORATE.replace("Vi er", "We are"), lang="en")
    assert "3,000" in next(f.message for f in result.findings if f.rule == "linkedin.length")
    assert re.search(r"LIX: \d+\.\d", review_report(postcraft.review(DA_CORPORATE, lang="da"), "en"))


# -- plurals --------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("lang", "n", "noun", "expected"),
    [
        ("en", 1, "error", "1 error"),
        ("en", 0, "error", "0 errors"),
        ("en", 2, "warning", "2 warnings"),
        ("en", 1, "suggestion", "1 suggestion"),
        ("en", 1, "fix", "1 fix"),
        ("en", 3, "fix", "3 fixes"),
        ("en", 1234, "finding", "1,234 findings"),
        ("da", 1, "warning", "1 advarsel"),
        ("da", 2, "warning", "2 advarsler"),
        ("da", 1, "fix", "1 rettelse"),
        ("da", 5, "fix", "5 rettelser"),
        ("da", 2, "error", "2 fejl"),
        ("da", 1234, "finding", "1.234 fund"),
    ],
)
def test_count_words(lang: str, n: int, noun: str, expected: str) -> None:
    assert ui.count(lang, n, noun) == expected


def test_every_count_word_has_both_forms_in_every_language() -> None:
    table = ui._table()
    for lang in SUPPORTED:
        for key, forms in table[lang].items():
            if key.startswith("count."):
                assert isinstance(forms, list) and len(forms) == 2 and all(forms), (lang, key)
    assert {k for k in table["da"] if k.startswith("count.")} == {
        k for k in table["en"] if k.startswith("count.")
    }


def test_summaries_say_one_error_not_one_errors() -> None:
    findings = [f for f in postcraft.check("I am so happy happy today. #a #b #c #d #e #f #g #h", lang="en")]
    one_each = [next(f for f in findings if f.severity == "warning")]
    assert findings_summary(one_each, "en") == "1 finding: 0 errors, 1 warning, 0 suggestions"
    assert findings_summary(one_each, "da") == "1 fund: 0 fejl, 1 advarsel, 0 forslag"
    summary = postcraft.review("I fixed the build today and learned a lot. Thank you!", lang="en")
    assert not re.search(r"\b1 (errors|warnings|suggestions|findings)\b", repr(summary))


def test_rule_messages_use_count_words() -> None:
    text = "🎉" * 1499 + "abc"  # 3,001 UTF-16 units: one over
    (f,) = [f for f in postcraft.check(text, lang="en") if f.rule == "linkedin.length"]
    assert "at least 1 character." in f.message and not re.search(r"(?<![\d,.])1 characters", f.message)


def test_language_formatted_and_plural() -> None:
    da, en = get("da"), get("en")
    assert (da.formatted(0.125, ".2f"), en.formatted(0.125, ".2f")) == ("0,12", "0.12")
    assert (da.formatted(1234567), en.formatted(1234567)) == ("1.234.567", "1,234,567")
    assert (da.plural(1, ("uge", "uger")), da.plural(2, ("uge", "uger"))) == ("uge", "uger")


# -- --ui-lang and its defaults ---------------------------------------------------------------------
def _draft(tmp_path: Path, text: str) -> str:
    p = tmp_path / "draft.txt"
    p.write_text(text, encoding="utf-8")
    return str(p)


@pytest.fixture
def english_locale(monkeypatch: pytest.MonkeyPatch) -> None:
    for key in ("LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(key, raising=False)
    monkeypatch.setenv("LANG", "en_GB.UTF-8")


def test_review_report_headings_follow_the_draft_unless_ui_lang(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], english_locale: None
) -> None:
    path = _draft(tmp_path, "Jeg lærte meget på kurset i dag, og jeg glæder mig til at bruge det.")
    main(["review", path])
    assert capsys.readouterr().out.startswith("Sprog: da")
    main(["review", path, "--ui-lang", "en"])
    assert capsys.readouterr().out.startswith("Language: da")
    main(["--ui-lang", "en", "review", path])  # before the command, too
    assert capsys.readouterr().out.startswith("Language: da")


def test_ui_lang_defaults_to_the_locale(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _draft(tmp_path, "I learned a lot at the course today and I look forward to using it.")
    for key in ("LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(key, raising=False)
    monkeypatch.setenv("LANG", "da_DK.UTF-8")
    assert from_locale() == "da"
    main(["check", path])
    assert re.search(r"\d+ fil, \d+ med fund: ", capsys.readouterr().out)
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    main(["check", path])
    assert re.search(r"\d+ files?, \d+ with findings: ", capsys.readouterr().out)
    monkeypatch.setenv("LANG", "da_DK.UTF-8")
    main(["check", path, "--ui-lang", "en"])
    assert re.search(r"\d+ files?, \d+ with findings: ", capsys.readouterr().out)


def test_every_command_takes_ui_lang() -> None:
    from postcraft.cli import build_parser

    parser = build_parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    for name, command in sub.choices.items():  # type: ignore[union-attr]
        assert any(a.dest == "ui_lang" for a in command._actions), name


def test_fixes_applied_in_the_users_language(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _draft(tmp_path, "Jeg er glad i dag #grønomstilling")
    main(["fix", path, "--ui-lang", "da"])
    assert capsys.readouterr().err.strip() == f"{path}: 1 rettelse udført"
    path = _draft(tmp_path, "I am happy today #greenenergy #employeeadvocacy")
    main(["fix", path, "--ui-lang", "en"])
    assert capsys.readouterr().err.strip() == f"{path}: 2 fixes applied"


# -- command-line messages name flags ---------------------------------------------------------------
@pytest.mark.parametrize(
    ("ui_lang", "words"), [("en", "Use --lang da or --lang en"), ("da", "Brug --lang da eller --lang en")]
)
def test_unsupported_language_names_the_flag(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], ui_lang: str, words: str
) -> None:
    path = _draft(tmp_path, "Das ist ein deutscher Text über die Arbeit und das Leben in der Firma heute.")
    assert main(["review", path, "--ui-lang", ui_lang]) == 2
    err = capsys.readouterr().err
    assert words in err and "lang='" not in err and "Pass " not in err


@pytest.mark.parametrize(
    ("ui_lang", "words"),
    [
        ("en", "no value for the required fields role, team, organisation and background"),
        ("da", "der mangler en værdi i felterne role, team, organisation og background"),
    ],
)
def test_missing_template_fields_in_the_users_language(
    capsys: pytest.CaptureFixture[str], ui_lang: str, words: str
) -> None:
    assert main(["draft", "welcome-colleague.da", "--set", "name=Sofie", "--ui-lang", ui_lang]) == 2
    err = capsys.readouterr().err
    assert words in err and "--set" in err and "missing required" not in err.replace(words, "")


def test_cli_usage_errors_in_danish(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--ui-lang", "da"]) == 2
    assert "angiv en FIL med udkastet" in capsys.readouterr().err
    assert main(["draft", "welcome-colleague.da", "--set", "novalue", "--ui-lang", "da"]) == 2
    assert "--set kræver FELT=VÆRDI" in capsys.readouterr().err
