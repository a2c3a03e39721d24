"""Markdown drafts: code, link targets, HTML and front matter are not prose; offsets stay on the
original text; the command line and the language server read ``.md``/``markdown`` as Markdown and
``text``/``plaintext`` as plain text."""

from __future__ import annotations

import io
import json
from contextlib import redirect_stdout
from pathlib import Path
from typing import Any

import pytest

import postcraft
from postcraft.analysis.markdown import prose
from postcraft.cli import main
from postcraft.lsp.config import Resolver
from postcraft.lsp.engine import review_document
from test_lsp import client_factory  # noqa: F401 (the fixture, used below)

DRAFT = """---
title: Første uge
tags: [onboarding]
---
# Min første uge 🎉

Jeg har lært `git rebase --interactive` og læst [guiden](https://intra.example/guide_(v2) "Guide") \
<!-- husk billede --> om vores #onboarding. Hvad gjorde jeres første uge god?

```python
print("REPETITION REPETITION 🎉")  # #hashtag #another #third #fourth
print("REPETITION REPETITION")
```

    indented code #more #tags #here #always

<div class="note">SKJULT HTML #html</div>

<!-- postcraft: disable linkedin.hashtags -->
[ref]: https://example.com/#reference
Tak til alle 💪 #FørsteDag
"""


def test_prose_keeps_length_lines_and_prose() -> None:
    p = prose(DRAFT)
    assert len(p) == len(DRAFT)
    assert [i for i, c in enumerate(p) if c in "\r\n"] == [i for i, c in enumerate(DRAFT) if c in "\r\n"]
    for kept in (
        "# Min første uge 🎉",
        "Jeg har lært",
        "[guiden]",
        "om vores #onboarding",
        "Tak til alle 💪 #FørsteDag",
        "<!-- postcraft: disable linkedin.hashtags -->",
    ):
        assert kept in p, kept
    for gone in (
        "title:",
        "git rebase",
        "intra.example",
        "husk billede",
        "REPETITION",
        "#hashtag",
        "indented",
        "SKJULT",
        "example.com/#reference",
    ):
        assert gone not in p, gone
    # every character is either kept as it was or blanked
    assert all(a == b or a == " " for a, b in zip(p, DRAFT, strict=True))


def test_plain_text_is_untouched() -> None:
    text = "Jeg lærte noget i dag 🎉\n\n#Læring"
    assert prose(text) is text
    assert postcraft.analyze(text, markdown=True).source is None


def test_markdown_review_ignores_code_and_slices_the_original() -> None:
    plain = postcraft.review(DRAFT)
    md = postcraft.review(DRAFT, markdown=True)
    assert md.text == DRAFT and md.analysis.original == DRAFT and md.analysis.text != DRAFT
    # read as plain text, the code block repeats a word and its hashtags drive suggestions
    plain_rules = {f.rule for f in plain.findings}
    md_rules = {f.rule for f in md.findings}
    assert "linkedin.repetition" in plain_rules and "linkedin.repetition" not in md_rules
    assert not any("REPETITION" in DRAFT[f.start : f.end] for f in md.findings)
    for f in md.findings:
        assert f.start < f.end <= len(DRAFT)
        # UTF-16 offsets count the emoji inside the (blanked) code block too
        units = DRAFT.encode("utf-16-le", "surrogatepass")
        assert units[2 * f.utf16_start : 2 * f.utf16_end].decode("utf-16-le") == DRAFT[f.start : f.end]
    assert md.tone is not None
    for d in md.tone.drivers:
        for s, e in d.spans:
            assert "REPETITION" not in DRAFT[s:e] and "git" not in DRAFT[s:e]
    html = md._repr_html_()
    assert "REPETITION" in html  # the original text is shown, code and all


def test_markdown_review_pickles_with_its_source() -> None:
    import pickle

    md = postcraft.review(DRAFT, markdown=True)
    back = pickle.loads(pickle.dumps(md.analysis))
    assert back.source == DRAFT and back.text == md.analysis.text
    assert back.position(len(DRAFT)) == md.analysis.position(len(DRAFT))


def test_cli_reads_md_files_as_markdown(tmp_path: Path) -> None:
    def findings(name: str) -> set[str]:
        path = tmp_path / name
        path.write_text(DRAFT, "utf-8")
        out = io.StringIO()
        with redirect_stdout(out):
            main(["review", str(path), "--format", "json"])
        return {f["rule"] for f in json.loads(out.getvalue())["findings"]}

    assert "linkedin.repetition" in findings("draft.txt")
    assert "linkedin.repetition" not in findings("draft.md")


def test_fix_file_leaves_code_in_markdown_alone(tmp_path: Path) -> None:
    path = tmp_path / "draft.md"
    text = "Go #employeeadvocacy\n\n```\nsee #employeeadvocacy\n```\n"
    path.write_text(text, "utf-8")
    assert postcraft.pipeline.fix_file(path, lang="en") == 1
    assert path.read_text("utf-8") == text.replace("Go #employeeadvocacy", "Go #EmployeeAdvocacy")


def test_lsp_engine_and_default_languages() -> None:
    cfg = Resolver().resolve(None)
    assert {"plaintext", "text", "markdown"} <= set(cfg.languages)
    rv = review_document(DRAFT, cfg, markdown=True)
    assert not any("REPETITION" in DRAFT[f.start : f.end] for f in rv.findings)
    assert "linkedin.repetition" in {f.rule for f in review_document(DRAFT, cfg).findings}


@pytest.mark.parametrize("language", ["text", "plaintext", "markdown"])
def test_lsp_server_reviews_text_and_markdown(client_factory: Any, tmp_path: Path, language: str) -> None:  # noqa: F811
    c = client_factory(cwd=tmp_path)
    c.initialize(tmp_path)
    uri = (tmp_path / "draft.txt").as_uri()
    c.open(uri, DRAFT, language=language)
    _, diags = c.diagnostics(uri, version=1)
    codes = {d["code"] for d in diags}
    assert diags, f"no diagnostics for languageId {language!r}"
    assert ("linkedin.repetition" in codes) == (language != "markdown")
    c.close()
