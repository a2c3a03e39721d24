"""Safe fixes (with Hypothesis), inline markers, atomic file fixing and the check/fix CLI."""

from __future__ import annotations

import argparse
import json
import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import ROOT
from postcraft import check
from postcraft.analysis import analyze
from postcraft.cli import check as rules_cli
from postcraft.errors import InputError, PostcraftError
from postcraft.pipeline import fix_file
from postcraft.rules import Finding, apply_fixes, make_finding, plan_fixes, strip_markers
from postcraft.rules.finding import APPLICABILITIES, Applicability, TextPositions
from postcraft.rules.markers import parse_markers

# -- apply_fixes ----------------------------------------------------------------------------------


def test_apply_fixes_on_real_findings() -> None:
    text = "Det var en en god dag 🎉 #grønomstilling\nSynergi er vigtigt"
    g = {
        "extends": ["linkedin"],
        "rules": [
            {
                "id": "t.s",
                "kind": "substitution",
                "swap": {"synergi": "samarbejde"},
                "message": "{replacement}",
            }
        ],
    }
    fixed = apply_fixes(text, check(text, guidelines=g, lang="da"))
    assert fixed == "Det var en god dag 🎉 #GrønOmstilling\nSamarbejde er vigtigt"
    assert [f.rule for f in check(fixed, guidelines=g, lang="da") if f.applicability == "safe"] == []


def test_unsafe_and_overlapping_fixes_are_skipped() -> None:
    text = "abcdef"
    pos = TextPositions(text)
    f1 = make_finding(pos, "t.a", "warning", "", 1, 4, ["X"], applicability="safe")
    f2 = make_finding(pos, "t.b", "warning", "", 3, 5, ["Y"], applicability="safe")  # overlaps f1: later wins
    f3 = make_finding(pos, "t.c", "warning", "", 0, 1, ["Z"], applicability="unsafe")
    f4 = make_finding(pos, "t.d", "warning", "", 5, 6, [], applicability="safe")  # no replacement
    f5 = make_finding(pos, "t.e", "warning", "", 5, 6, ["W"], applicability="display")
    assert f4.applicability is None
    assert apply_fixes(text, [f1, f2, f3, f4, f5]) == "abcYf"
    assert [f.rule for f in plan_fixes(text, [f1, f2, f3, f4, f5])] == ["t.b"]


def _finding(start: int, end: int, rep: str, applicability: Applicability) -> Finding:
    return Finding("t.x", "warning", "", start, end, 1, 1, 1, 1, start, end, (rep,), "", applicability)


PIECES = list("ab æøå ÆØÅ#@.\n🎉") + [
    "👋🏽",
    "the the",
    " #grønomstilling",
    " og og ",
    " THIS IS HUGE ",
    "(x)",
]
TEXTS = st.lists(st.sampled_from(PIECES), max_size=25).map("".join)


@st.composite
def text_and_findings(draw: st.DrawFn) -> tuple[str, list[Finding]]:
    text = draw(TEXTS)
    n = len(text)
    fs = []
    for _ in range(draw(st.integers(0, 6))):
        a = draw(st.integers(0, n))
        b = draw(st.integers(a, n))
        fs.append(_finding(a, b, draw(st.text(max_size=5)), draw(st.sampled_from(APPLICABILITIES))))
    return text, fs


@given(text_and_findings())
@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
def test_fixes_never_touch_text_outside_the_fixed_spans(case: tuple[str, list[Finding]]) -> None:
    text, findings = case
    plan = plan_fixes(text, findings)
    # chosen fixes are safe and do not overlap
    spans = sorted((f.start, f.end) for f in plan)
    assert all(f.applicability == "safe" for f in plan)
    assert all(a[1] <= b[0] and a[0] < b[0] for a, b in zip(spans, spans[1:], strict=False))
    # the result is the original with exactly those spans replaced, everything else unchanged
    out = apply_fixes(text, findings)
    expected, pos = [], 0
    for f in sorted(plan, key=lambda f: f.start):
        expected.append(text[pos : f.start])
        expected.append(f.replacements[0])
        pos = f.end
    expected.append(text[pos:])
    assert out == "".join(expected)


@given(TEXTS)
@settings(max_examples=150, deadline=None)
def test_real_fixes_keep_everything_else(text: str) -> None:
    findings = check(text, lang="da")
    plan = plan_fixes(text, findings)
    out = apply_fixes(text, findings)
    # walk the untouched pieces: they appear in order in the result
    pos, cursor = 0, 0
    for f in sorted(plan, key=lambda f: f.start):
        piece = text[pos : f.start]
        assert out[cursor : cursor + len(piece)] == piece
        cursor += len(piece) + len(f.replacements[0])
        pos = f.end
    assert out[cursor:] == text[pos:]


# -- markers -------------------------------------------------------------------------------------------

MARKED = (
    "Tak for i dag! 🎉\n"
    "<!-- postcraft: disable linkedin.hashtags -->\n"
    "#Tak #Team #Fællesskab #Aarhus\n"
    "<!-- postcraft: enable -->\n"
    "<!-- postcraft-disable-next-line linkedin.shouting -->\n"
    "DET VAR EN FANTASTISK DAG\n"
    "OG DET BLEV BEDRE OG BEDRE"
)


def test_strip_markers_gives_the_published_text() -> None:
    assert strip_markers(MARKED) == (
        "Tak for i dag! 🎉\n#Tak #Team #Fællesskab #Aarhus\n"
        "DET VAR EN FANTASTISK DAG\nOG DET BLEV BEDRE OG BEDRE"
    )
    assert strip_markers("Inline <!-- postcraft: disable --> marker") == "Inline  marker"
    assert strip_markers("no markers") == "no markers"


def test_markers_switch_rules_off_for_a_passage_only() -> None:
    org = {"organisation": {"name": "Contoso"}}  # hashtags.many runs only with an organisation file
    fs = check(MARKED, lang="da", guidelines=org)
    rules = [f.rule for f in fs]
    assert "linkedin.hashtags.many" not in rules and "linkedin.hashtags.count" not in rules
    shouting = [f for f in fs if f.rule == "linkedin.shouting"]
    assert [MARKED[f.start : f.end] for f in shouting] == ["OG DET BLEV BEDRE OG BEDRE"]
    # positions refer to the text with the markers
    (f,) = shouting
    assert (f.line, f.column) == (7, 1)
    unmarked = check(strip_markers(MARKED), lang="da", guidelines=org)
    assert "linkedin.hashtags.many" in [u.rule for u in unmarked]  # four hashtags: a suggestion


def test_marker_without_ids_and_unknown_marker() -> None:
    text = "<!-- postcraft: disable -->\nTHIS IS HUGE #a #b #c #d #e #f\n<!-- postcraft: disabel x -->"
    fs = check(text, lang="en")
    assert [f.rule for f in fs] == ["postcraft.marker"]
    assert text[fs[0].start : fs[0].end].startswith("<!--")


def test_marker_offsets_map_back() -> None:
    text = "A <!-- postcraft: enable --> the the end"
    m = parse_markers(text)
    assert m.clean == "A  the the end"
    fs = check(text, lang="en")
    (f,) = [f for f in fs if f.rule == "linkedin.repetition"]
    assert text[f.start : f.end] == " the"
    assert apply_fixes(text, fs) == "A <!-- postcraft: enable --> the end"


def test_check_analysis_handles_markers_in_the_analysis_text() -> None:
    from postcraft.rules import check_analysis

    a = analyze(MARKED, lang="da")
    assert "linkedin.hashtags.count" not in [f.rule for f in check_analysis(a)]


# -- fix_file and CLI ----------------------------------------------------------------------------------


def test_fix_file_atomic_keeps_bom_and_line_endings(tmp_path: Path) -> None:
    p = tmp_path / "draft.txt"
    p.write_bytes(b"\xef\xbb\xbfHej med med dig\r\n#gr\xc3\xb8nomstilling\r\n")
    os.chmod(p, 0o640)
    assert fix_file(p) == 2
    assert p.read_bytes() == "\ufeffHej med dig\r\n#GrønOmstilling\r\n".encode()
    assert oct(p.stat().st_mode & 0o777) == "0o640"
    assert fix_file(p) == 0
    assert [x.name for x in tmp_path.iterdir()] == ["draft.txt"]


def test_fix_file_keeps_the_original_when_writing_fails(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    p = tmp_path / "draft.txt"
    p.write_text("Hej med med dig", encoding="utf-8")

    def boom(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", boom)
    with pytest.raises(InputError, match="original is unchanged"):
        fix_file(p)
    assert p.read_text(encoding="utf-8") == "Hej med med dig"
    assert [x.name for x in tmp_path.iterdir()] == ["draft.txt"]


def run_cli(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="postcraft")
    rules_cli.register(parser.add_subparsers())
    args = parser.parse_args(argv)
    try:
        return int(args.func(args))
    except PostcraftError:
        return 2


def test_cli_check_text_and_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    p = tmp_path / "d.txt"
    p.write_text("Jeg er så glad glad i dag #a #b #c #d #e #f #g #h", encoding="utf-8")
    assert run_cli(["check", str(p), "--lang", "da"]) == 0
    out = capsys.readouterr().out
    # a Danish draft (--lang da) gets Danish report words
    assert (
        f"{p}:1:" in out
        and "linkedin.hashtags.count" in out
        and "1 fil, 1 med fund: 0 fejl, 1 advarsel, 1 forslag" in out  # the doubled word is a suggestion
    )
    assert (
        run_cli(["check", str(p), "--lang", "da", "--format", "json", "--disable", "linkedin.hashtags"]) == 0
    )
    data = json.loads(capsys.readouterr().out)
    assert [f["rule"] for f in data["findings"]] == ["linkedin.repetition"]
    long = tmp_path / "long.txt"
    long.write_text("Ord. " * 700, encoding="utf-8")
    assert run_cli(["check", str(long), "--lang", "da"]) == 1  # an error-level finding


def test_cli_fix_dry_run_and_write(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    p = tmp_path / "d.txt"
    p.write_text("Godt gået #employeeadvocacy\n", encoding="utf-8")
    assert run_cli(["fix", str(p), "--dry-run", "--lang", "en"]) == 0
    captured = capsys.readouterr()
    assert "+Godt gået #EmployeeAdvocacy" in captured.out and "would be applied" in captured.err
    assert p.read_text(encoding="utf-8") == "Godt gået #employeeadvocacy\n"
    assert run_cli(["fix", str(p), "--lang", "en"]) == 0
    assert p.read_text(encoding="utf-8") == "Godt gået #EmployeeAdvocacy\n"


def test_cli_guideline_errors_and_listing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "g.yaml"
    bad.write_text("max_hashtag: 2\n", encoding="utf-8")
    d = tmp_path / "d.txt"
    d.write_text("Hej", encoding="utf-8")
    assert run_cli(["check", str(d), "--guidelines", str(bad)]) == 2
    root = ROOT
    assert run_cli(["check", "--guidelines", str(root / "examples" / "guidelines.yaml"), "--list-rules"]) == 0
    assert "contoso.jargon" in capsys.readouterr().out
    assert (
        run_cli(["check", "--guidelines", str(root / "examples" / "guidelines.yaml"), "--test-guidelines"])
        == 0
    )
    assert ", 0 failed" in capsys.readouterr().out


MARKERS = [
    "<!-- postcraft: disable -->",
    "<!-- postcraft: enable -->",
    "<!-- postcraft: disable linkedin -->",
    "<!-- postcraft-disable-next-line linkedin.shouting -->",
    "\r\n",
    "\n",
]


@given(st.lists(st.sampled_from(PIECES + MARKERS), max_size=30).map("".join), st.sampled_from(["da", "en"]))
@settings(max_examples=200, deadline=None)
def test_spans_and_positions_are_always_consistent(text: str, lang: str) -> None:
    g = {"organisation": {"name": "Contoso", "products": ["Fjord"], "programme": "agreed"}, "api": True}
    fs = check(text, guidelines=g, lang=lang)
    pos = TextPositions(text)
    assert fs == sorted(fs, key=lambda f: (f.start, f.end, f.rule))
    for f in fs:
        assert 0 <= f.start <= f.end <= len(text)
        a, b = pos.position(f.start), pos.position(f.end)
        assert (f.line, f.column, f.utf16_start) == (a.line, a.column, a.utf16)
        assert (f.end_line, f.end_column, f.utf16_end) == (b.line, b.column, b.utf16)
        assert f.message
    # a fixed text is the original outside the fixed spans (checked above); fixing never raises
    apply_fixes(text, fs)
    assert (
        "<!--" not in strip_markers(text)
        or "postcraft" not in strip_markers(text).lower()
        or any(f.rule == "postcraft.marker" for f in fs)
    )


def test_empty_and_blank_texts() -> None:
    for text in ("", "   ", "\n\n", "🎉"):
        assert [f for f in check(text, lang="da") if f.severity != "suggestion"] == []
