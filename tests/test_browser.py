"""A review's HTML as a person sees it: rendered by headless Chromium (Debian's ``chromium`` package).

The page is the review's HTML plus, for the test only, a small script that reports what the
browser laid out (rendered text, computed styles, sizes) into the DOM, which ``--dump-dom``
prints. Skipped where /usr/bin/chromium is absent; CI installs it.

Regenerate the screenshot in the docs with ``POSTCRAFT_UPDATE_SCREENSHOT=1 pytest tests/test_browser.py``.
"""

from __future__ import annotations

import html
import json
import os
import re
import shutil
import struct
import subprocess
from pathlib import Path
from typing import Any

import pytest

import postcraft
from conftest import EXAMPLES, ROOT
from postcraft.compare import compare
from postcraft.formats.html import review_html
from postcraft.pipeline import Review

CHROMIUM = Path("/usr/bin/chromium")
SCREENSHOT = ROOT / "docs" / "img" / "review.png"

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(),
    reason="headless browser test needs Debian's chromium at /usr/bin/chromium (apt-get install chromium)",
)

HOSTILE = (
    "Vi er stolte af at kunne præsentere vores nye løsning 🚀 <script>window.__pwned = 1</script> "
    '<img src=x onerror="window.__pwned = 2"> <b>fed</b> &amp; æøå\n\n'
    "Tak til Mette og Anders for det store arbejde. Læs mere på https://contoso.example/nyhed og del gerne "
    "med dit netværk, for det her er en rigtig god nyhed for hele branchen og for alle vores kunder!\n\n"
    "#grønomstilling #energi #innovation #job #karriere"
)

DOCS_DRAFT = (
    "We are thrilled to announce that Contoso has launched Fjord Analytics, a best-in-class solution to "
    "leverage synergies across the value chain 🚀\n\n"
    "I spent the last six months on this with Priya and Anders, and honestly I learned more about our "
    "customers than in the five years before.\n\n"
    "Learn more: https://contoso.example/launch\n\n"
    "#innovation #data #cloud #ai #analytics"
)

# Reports what the browser rendered into <pre id="report">; runs after the review's HTML.
PROBE = """
<pre id="report"></pre>
<script>
(function () {
  var box = document.querySelector('[data-postcraft="text"]');
  var markers = document.querySelectorAll('[data-postcraft="text"] [data-postcraft="fold"]');
  var folds = Array.prototype.map.call(markers, function (el) {
    var r = el.getBoundingClientRect();
    return {which: el.getAttribute('data-fold'), text: el.innerText, visible: r.width > 0 && r.height > 0};
  });
  var underlined = Array.prototype.map.call(document.querySelectorAll('[data-findings]'), function (el) {
    var styles = [], node = el.firstElementChild;
    while (node) { var cs = getComputedStyle(node);
      if (cs.borderBottomStyle !== 'none') styles.push(cs.borderBottomStyle + ' ' + cs.borderBottomColor);
      node = node.firstElementChild; }
    return {findings: el.getAttribute('data-findings'), title: el.getAttribute('title'), lines: styles}; });
  var report = {
    pwned: window.__pwned || 0,
    scripts: document.getElementsByTagName('script').length,
    images: document.getElementsByTagName('img').length,
    text: box ? box.innerText : null,
    bodyText: document.body.innerText,
    boxColor: box ? getComputedStyle(box).color : null,
    boxHeight: box ? box.getBoundingClientRect().height : 0,
    folds: folds,
    underlined: underlined,
    gauge: (function () { var g = document.querySelector('[data-postcraft="gauge"]');
      return g ? {width: g.getBoundingClientRect().width, value: g.getAttribute('data-personal')} : null; })()
  };
  document.getElementById('report').textContent = JSON.stringify(report);
})();
</script>
"""


def chromium(*args: str, tmp: Path) -> subprocess.CompletedProcess[str]:
    cmd = [
        str(CHROMIUM),
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
        "--hide-scrollbars",
        f"--user-data-dir={tmp / 'profile'}",
        *args,
    ]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=120, check=True)


def page(body: str, *, dark: bool = False) -> str:
    theme = "background:#1e1e1e;color:rgb(212, 212, 212)" if dark else "background:#fff;color:rgb(31, 35, 40)"
    return f'<!doctype html><html><head><meta charset="utf-8"></head><body style="{theme};margin:16px">{body}'


def rendered(tmp: Path, body: str, *, dark: bool = False) -> dict[str, Any]:
    path = tmp / ("dark.html" if dark else "light.html")
    path.write_text(page(body, dark=dark) + PROBE + "</body></html>", "utf-8")
    dom = chromium("--dump-dom", path.as_uri(), tmp=tmp).stdout
    m = re.search(r'<pre id="report">(.*?)</pre>', dom, re.S)
    assert m, dom[-2000:]
    report: dict[str, Any] = json.loads(html.unescape(m.group(1)))
    return report


def full_review(text: str) -> Review:
    r = postcraft.review(
        text, guidelines=str(EXAMPLES / "guidelines.yaml"), roster=str(EXAMPLES / "roster.yaml")
    )
    assert r.tone is not None and r.tags is not None
    return r


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


@pytest.fixture(scope="module")
def hostile() -> Review:
    return full_review(HOSTILE)


def test_the_page_shows_the_draft_as_text_and_runs_nothing(hostile: Review, tmp_path: Path) -> None:
    report = rendered(tmp_path, review_html(hostile))
    assert report["pwned"] == 0
    assert report["scripts"] == 1  # the probe's own, nothing from the draft
    assert report["images"] == 0
    text = report["text"]
    assert "<script>window.__pwned = 1</script>" in text
    assert '<img src=x onerror="window.__pwned = 2">' in text
    assert "<b>fed</b> &amp; æøå" in text
    for word in ("Vi er stolte", "Tak til Mette", "#grønomstilling", "🚀"):
        assert word in text
    assert report["boxHeight"] > 100


def test_the_fold_markers_are_visible(hostile: Review, tmp_path: Path) -> None:
    report = rendered(tmp_path, review_html(hostile))
    assert report["folds"], "no fold marker on the page"
    assert all(f["visible"] for f in report["folds"])
    assert any("…se mere" in f["text"] for f in report["folds"])


def test_findings_are_underlined_and_explained_on_hover(hostile: Review, tmp_path: Path) -> None:
    report = rendered(tmp_path, review_html(hostile))
    underlined = report["underlined"]
    assert underlined and all(u["lines"] for u in underlined)
    styles = {line.split(" ")[0] for u in underlined for line in u["lines"]}
    severities = {f.severity for f in hostile.findings if f.end - f.start < len(hostile.text) // 2}
    expected = {{"error": "solid", "warning": "dashed", "suggestion": "dotted"}[s] for s in severities}
    assert expected <= styles
    titles = "\n".join(u["title"] for u in underlined)
    assert "linkedin.hashtags.camelcase" in titles
    for f in hostile.findings:
        assert f.message in report["bodyText"]
    assert report["gauge"]["width"] > 50


@pytest.mark.parametrize("dark", [False, True])
def test_the_text_takes_the_theme_colour(hostile: Review, tmp_path: Path, dark: bool) -> None:
    report = rendered(tmp_path, review_html(hostile), dark=dark)
    assert report["boxColor"] == ("rgb(212, 212, 212)" if dark else "rgb(31, 35, 40)")


def test_a_comparison_renders_side_by_side(tmp_path: Path) -> None:
    c = compare(
        {
            "before": "We are proud to announce our new solution. Learn more at contoso.example",
            "after": "I spent three months on this project and I am proud of my team.",
        }
    )
    report = rendered(tmp_path, c._repr_html_())
    assert "before" in report["bodyText"] and "after" in report["bodyText"]
    assert "I spent three months" in report["bodyText"]


def test_screenshot(tmp_path: Path) -> None:
    r = full_review(DOCS_DRAFT)
    path = tmp_path / "review.html"
    path.write_text(page(review_html(r)) + "</body></html>", "utf-8")
    shot = tmp_path / "review.png"
    chromium("--window-size=1000,1560", f"--screenshot={shot}", path.as_uri(), tmp=tmp_path)
    assert png_size(shot) == (1000, 1560)
    assert shot.stat().st_size > 30_000  # a blank or unstyled page compresses far smaller
    if os.environ.get("POSTCRAFT_UPDATE_SCREENSHOT"):
        SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(shot, SCREENSHOT)
