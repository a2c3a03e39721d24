"""The no-organisation notice: a review without the organisation's file says, in one line and in
the draft's language, that disclosure and confidentiality only look for cues, and how to fix it."""

from __future__ import annotations

from pathlib import Path

import pytest

import postcraft
from postcraft.cli import main
from postcraft.formats.text import review_report

DA = "Jeg er stolt af mit hold, som i dag lancerede vores nye app."
EN = "I'm proud of my team, who launched our new app today."


@pytest.mark.parametrize(
    ("text", "lang", "words"), [(DA, "da", "organisationens fil"), (EN, "en", "organisation's file")]
)
def test_review_without_organisation_has_the_notice(text: str, lang: str, words: str) -> None:
    r = postcraft.review(text, lang=lang)
    (n,) = r.notices
    assert n.code == "no_organisation" and words in n.message
    assert "\n" not in n.message and "--guidelines" in n.message
    assert r.to_dict()["notices"] == [{"code": "no_organisation", "message": n.message}]


@pytest.mark.parametrize(
    "guidelines",
    [
        {"organisation": {"name": "Contoso"}},
        {"organisation": {"products": ["Contoso Cloud"]}},
        {"lists": {"unreleased_figures": ["$48.2M"]}},
        {"lists": {"internal_projects": ["Falcon"]}},
    ],
)
def test_any_organisation_data_silences_it(guidelines: dict[str, object]) -> None:
    r = postcraft.review(EN, lang="en", guidelines=guidelines)
    assert r.notices == () and r.to_dict()["notices"] == []


def test_no_notice_when_those_checks_do_not_run() -> None:
    assert postcraft.review(EN, lang="en", disable=["disclosure", "confidentiality"]).notices == ()
    assert postcraft.review(EN, lang="en", guidelines={"extends": ["linkedin"]}).notices == ()
    # one of the two still running is enough
    assert postcraft.review(EN, lang="en", disable=iter(["disclosure"])).notices != ()


def test_text_report_shows_it_once() -> None:
    r = postcraft.review(DA, lang="da")
    report = review_report(r)
    assert report.count(r.notices[0].message) == 1
    assert "Bemærk: " + r.notices[0].message in report
    assert "Note: " in review_report(postcraft.review(EN, lang="en"))


def test_cli_review_prints_it(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    draft = tmp_path / "post.txt"
    draft.write_text(EN, "utf-8")
    main(["review", str(draft)])
    out = capsys.readouterr().out
    assert "Note: Without the organisation's file" in out
    org = tmp_path / "g.yaml"
    org.write_text("organisation: {name: Contoso}\n", "utf-8")
    main(["review", str(draft), "--guidelines", str(org)])
    assert "organisation's file" not in capsys.readouterr().out
