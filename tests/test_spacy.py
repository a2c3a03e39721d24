"""The "postcraft" spaCy component (blank pipelines, offline) and analyze()/review() of a Doc."""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

spacy = pytest.importorskip("spacy")

import postcraft  # noqa: E402
from conftest import EXAMPLES, ROOT  # noqa: E402
from postcraft.langs import SUPPORTED  # noqa: E402

DRAFTS = {
    lang: (EXAMPLES / f"post-{lang}.txt").read_text("utf-8") + "\n\nTak 🎉 til @Mette #grønomstilling"
    for lang in SUPPORTED
}


@pytest.fixture(scope="module", autouse=True)
def registered() -> None:
    # Installed postcraft registers the factory by entry point (tested in a subprocess below);
    # here the module is imported directly so the test does not depend on how it was installed.
    import postcraft.integrations.spacy_component  # noqa: F401


@pytest.mark.parametrize("lang", SUPPORTED)
def test_component_sets_the_review_and_span_groups(lang: str) -> None:
    nlp = spacy.blank(lang)
    nlp.add_pipe("postcraft", config={"roster": str(EXAMPLES / "roster.yaml")})
    text = DRAFTS[lang]
    doc = nlp(text)
    r = doc._.postcraft
    assert isinstance(r, postcraft.Review) and r.text == text and r.lang == lang
    assert r.to_dict() == postcraft.review(text, lang=lang, roster=EXAMPLES / "roster.yaml").to_dict()
    findings = doc.spans["postcraft_findings"]
    assert {s.label_ for s in findings} == {f.rule for f in r.findings if f.end > f.start}
    for s in findings:
        # aligned outwards to whole tokens: the span covers the finding
        (f,) = [
            f for f in r.findings if f.rule == s.label_ and s.start_char <= f.start and f.end <= s.end_char
        ]
        assert text[f.start : f.end] in s.text
    tone = doc.spans["postcraft_tone"]
    assert r.tone is not None
    want = sum(len(d.spans) for d in r.tone.drivers)
    assert len(tone) == want > 0
    assert all(s.label_.split(":")[0] in ("personal", "corporate") for s in tone)


def test_analyze_and_review_accept_a_doc() -> None:
    nlp = spacy.blank(SUPPORTED[0])
    doc = nlp(DRAFTS[SUPPORTED[0]])
    assert postcraft.analyze(doc).to_dict() == postcraft.analyze(doc.text).to_dict()
    assert postcraft.review(doc).to_dict() == postcraft.review(doc.text).to_dict()
    with pytest.raises(postcraft.InputError):
        postcraft.analyze(doc.vocab)  # has .vocab but no text


def test_config_lang_disable_and_markdown_and_pipe() -> None:
    other = [code for code in ("xx", "de") if code not in SUPPORTED][0]
    nlp = spacy.blank(other)  # a language postcraft does not know: detected per text
    nlp.add_pipe("postcraft", config={"disable": ["linkedin.hashtags"], "markdown": True})
    docs = list(nlp.pipe([DRAFTS[code] + "\n\n```\n#kode\n```" for code in SUPPORTED]))
    assert [d._.postcraft.lang for d in docs] == list(SUPPORTED)
    for d in docs:
        assert not any(s.label_.startswith("linkedin.hashtags") for s in d.spans["postcraft_findings"])
        assert d._.postcraft.analysis.source == d.text


def test_import_postcraft_does_not_import_spacy() -> None:
    code = "import sys, postcraft; postcraft.review('Hej med dig'); print('spacy' in sys.modules)"
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "PYTHONPATH": str(ROOT / "src")},
    )
    assert out.stdout.strip() == "False"


def test_the_entry_point_registers_the_factory(tmp_path: Path) -> None:
    """``nlp.add_pipe("postcraft")`` with nothing imported, as an installed postcraft does it: the
    entry point declared in pyproject.toml, written to a .dist-info as an installer would."""
    eps = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]["entry-points"]
    assert eps["spacy_factories"] == {"postcraft": "postcraft.integrations.spacy_component:make_component"}
    info = tmp_path / "postcraft_spacy_probe-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(
        "Metadata-Version: 2.1\nName: postcraft-spacy-probe\nVersion: 1.0\n", "utf-8"
    )
    lines = ["[spacy_factories]"] + [f"{k} = {v}" for k, v in eps["spacy_factories"].items()]
    (info / "entry_points.txt").write_text("\n".join(lines) + "\n", "utf-8")
    code = (
        "import sys, spacy\n"
        "nlp = spacy.blank(sys.argv[1]); nlp.add_pipe('postcraft')\n"
        "doc = nlp('Stor dag i dag 🎉 #grønomstilling')\n"
        "print(doc._.postcraft.lang, [s.label_ for s in doc.spans['postcraft_findings']])\n"
    )
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(tmp_path), str(ROOT / "src")])}
    out = subprocess.run(
        [sys.executable, "-c", code, SUPPORTED[0]], capture_output=True, text=True, env=env, check=False
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == f"{SUPPORTED[0]} ['linkedin.hashtags.camelcase']"
