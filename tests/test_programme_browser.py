"""The plan's and the guide's HTML pages as a person sees them, in headless Chromium.

Skipped where /usr/bin/chromium is absent (CI installs it). Regenerate the screenshots in the
docs with ``POSTCRAFT_UPDATE_SCREENSHOT=1 pytest tests/test_programme_browser.py``.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
from pathlib import Path

import pytest

import postcraft
from postcraft.formats.html.programme import guide_html, page, plan_html
from test_browser import CHROMIUM, chromium, png_size

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium at /usr/bin/chromium")

PROBE = """<pre id="report"></pre><script>
(function () {
  var root = document.querySelector('.postcraft');
  var r = root.getBoundingClientRect();
  document.getElementById('report').textContent = JSON.stringify({
    kind: root.getAttribute('data-postcraft'), width: r.width, height: r.height,
    text: document.body.innerText,
    sections: document.querySelectorAll('section').length,
    contacts: document.querySelectorAll('[data-postcraft="contact"]').length,
    slots: document.querySelectorAll('[data-postcraft="slot"]').length,
    scripts: document.getElementsByTagName('script').length});
})();
</script>"""


def rendered(tmp: Path, html_page: str) -> dict[str, object]:
    path = tmp / "page.html"
    path.write_text(html_page.replace("</body>", PROBE + "</body>"), "utf-8")
    dom = chromium("--dump-dom", path.as_uri(), tmp=tmp).stdout
    m = re.search(r'<pre id="report">(.*?)</pre>', dom, re.S)
    assert m, dom[-2000:]
    import html

    data: dict[str, object] = json.loads(html.unescape(m.group(1)))
    return data


def shoot(tmp: Path, html_page: str, name: str, size: str) -> None:
    path = tmp / f"{name}.html"
    path.write_text(html_page, "utf-8")
    shot = tmp / f"{name}.png"
    chromium(f"--window-size={size}", f"--screenshot={shot}", path.as_uri(), tmp=tmp)
    assert png_size(shot) == tuple(int(x) for x in size.split(","))
    assert shot.stat().st_size > 30_000  # a blank or unstyled page compresses far smaller
    if os.environ.get("POSTCRAFT_UPDATE_SCREENSHOT"):
        shutil.copyfile(shot, ROOT / "docs" / "img" / f"{name}.png")


@pytest.mark.parametrize("lang", ["da", "en"])
def test_guide_renders(tmp_path: Path, lang: str) -> None:
    g = postcraft.guide(str(EXAMPLES / "guidelines.yaml"), lang=lang)
    report = rendered(tmp_path, page(guide_html(g), g.title, lang))
    assert report["kind"] == "guide" and report["sections"] == 6 and report["contacts"] == 4
    assert report["scripts"] == 1  # only the probe
    text = str(report["text"])
    assert g.title in text and "jura@contoso.example" in text and "255.5" in text
    assert 300 < float(report["height"])  # type: ignore[arg-type]


def test_plan_renders(tmp_path: Path) -> None:
    p = postcraft.plan(str(EXAMPLES / "roster.yaml"), weeks=8, start=dt.date(2025, 4, 14), lang="da")
    report = rendered(tmp_path, page(plan_html(p), "Opslagsplan", "da"))
    assert report["kind"] == "plan" and report["slots"] == len(p.slots)
    assert "Lars Jensen" in str(report["text"]) and "2. påskedag" in str(report["text"])


def test_screenshots(tmp_path: Path) -> None:
    g = postcraft.guide(str(EXAMPLES / "guidelines.yaml"), lang="da")
    shoot(tmp_path, page(guide_html(g), g.title, "da"), "guide", "1000,1800")
    p = postcraft.plan(str(EXAMPLES / "roster.yaml"), weeks=4, start=dt.date(2025, 4, 14), lang="da")
    shoot(tmp_path, page(plan_html(p), "Opslagsplan", "da"), "plan", "1100,1300")
