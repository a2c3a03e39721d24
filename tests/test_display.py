"""postcraft.display: self-contained, escaped HTML; overlapping spans; fold; tags; drafts; compare."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from html.parser import HTMLParser
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import postcraft
from conftest import EXAMPLES, ROOT
from postcraft.compare import Comparison, compare
from postcraft.errors import MissingDependencyError, PostcraftError
from postcraft.formats.html import (
    draft_html,
    review_html,
    tags_html,
    template_html,
    templates_html,
    tone_html,
)
from postcraft.formats.html.base import SEVERITY_LINE, FoldMark, Mark, labels, marked_text
from postcraft.formats.text import review_text
from postcraft.pipeline import Review
from postcraft.rules import Finding, make_finding

GUIDELINES = str(EXAMPLES / "guidelines.yaml")
ROSTER = str(EXAMPLES / "roster.yaml")

HOSTILE = (
    'Vi er stolte af at kunne præsentere vores nye løsning 🚀 <script>alert("x")</script> '
    '<img src=x onerror="alert(1)"> " onmouseover="alert(2)\n\n'
    "Tak til Mette og Anders for det store arbejde. Læs mere på https://contoso.example/nyhed og del gerne "
    "med dit netværk, for det her er en rigtig god nyhed for hele branchen og for alle vores kunder!\n\n"
    "#grønomstilling #energi #innovation #job #karriere"
)

# Everything a display may contain: no script, style, link, img, iframe, form or object.
ALLOWED_TAGS = {
    "div",
    "span",
    "sup",
    "ol",
    "ul",
    "li",
    "code",
    "table",
    "thead",
    "tbody",
    "tr",
    "td",
    "th",
    "b",
    "colgroup",
    "col",
}


def full_review(text: str, *, guidelines: Any = None, roster: Any = None) -> Review:
    """A review with every capability: tone, findings and tags."""
    r = postcraft.review(text, guidelines=guidelines, roster=roster)
    assert r.tone is not None and r.tags is not None
    return r


class Page(HTMLParser):
    """Parses a display: every tag and attribute, and the text of the draft box with, for each
    character, the severities underlining it and the tone direction highlighting it."""

    SKIP = {"finding-ref", "fold", "whole-post"}

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.stack: list[tuple[str, dict[str, str | None]]] = []
        self.text = ""  # the draft box's text, markers left out
        self.chars: list[tuple[frozenset[str], str | None]] = []
        self.markers: list[tuple[str, int, str]] = []  # (kind, offset in self.text, its text)
        self.all_text = ""
        self.feed(html)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        self.tags.append((tag, a))
        self.stack.append((tag, a))
        if a.get("data-postcraft") in self.SKIP:
            self.markers.append((str(a.get("data-postcraft")), len(self.text), str(a.get("data-fold", ""))))

    def handle_endtag(self, tag: str) -> None:
        while self.stack:
            t, _ = self.stack.pop()
            if t == tag:
                break

    def handle_data(self, data: str) -> None:
        self.all_text += data
        kinds = [a.get("data-postcraft") for _, a in self.stack]
        if "text" not in kinds or any(k in self.SKIP for k in kinds):
            return
        sev: set[str] = set()
        direction = None
        for _, a in self.stack:
            style = a.get("style") or ""
            for name, (color, line, _depth) in SEVERITY_LINE.items():
                if f"border-bottom:2px {line} {color}" in style:
                    sev.add(name)
            if "rgba(46,160,67" in style:
                direction = "personal"
            if "rgba(163,113,247" in style:
                direction = "corporate"
        self.text += data
        self.chars.extend([(frozenset(sev), direction)] * len(data))


def assert_self_contained(html: str) -> Page:
    page = Page(html)
    for tag, attrs in page.tags:
        assert tag in ALLOWED_TAGS, tag
        for name, value in attrs.items():
            assert not name.startswith("on"), (tag, name)
            assert name not in {"src", "href", "srcset", "action", "formaction"}, (tag, name)
            assert "url(" not in (value or "") and "@import" not in (value or ""), (tag, name, value)
    lowered = html.lower()
    for bad in ("<script", "<style", "<link", "<img", "<iframe", "javascript:"):
        assert bad not in lowered, bad
    return page


# -- the review -----------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def hostile() -> Review:
    r = full_review(HOSTILE, guidelines=GUIDELINES, roster=ROSTER)
    assert r.findings and r.tone is not None and r.tags is not None
    return r


def test_review_html_is_self_contained_and_escaped(hostile: Review) -> None:
    html = review_html(hostile)
    page = assert_self_contained(html)
    assert page.text == HOSTILE  # the draft, character for character, as text
    assert '<script>alert("x")</script>' in page.all_text
    assert "&lt;script&gt;" in html and "&lt;img src=x onerror=" in html


def test_every_finding_is_listed_with_rule_and_message(hostile: Review) -> None:
    page = Page(review_html(hostile))
    listed = [a for t, a in page.tags if a.get("data-postcraft") == "finding"]
    assert [a["data-rule"] for a in listed] == [f.rule for f in hostile.findings]
    assert [a["data-severity"] for a in listed] == [f.severity for f in hostile.findings]
    for f in hostile.findings:
        assert f.message in page.all_text


def test_findings_are_underlined_by_severity_and_drivers_highlighted(hostile: Review) -> None:
    from postcraft.formats.html.review import is_whole_post

    page = Page(review_html(hostile))
    text = hostile.text
    for i in range(len(text)):
        want = {
            f.severity
            for f in hostile.findings
            if f.start <= i < f.end and not is_whole_post(f.start, f.end, text)
        }
        assert page.chars[i][0] == want, (i, text[i])
    assert hostile.tone is not None
    for d in hostile.tone.drivers:
        for s, e in d.spans:
            assert all(page.chars[i][1] == d.direction for i in range(s, e)), d


def test_hover_titles_carry_message_rule_and_hint(hostile: Review) -> None:
    page = Page(review_html(hostile))
    titles = "\n".join(str(a.get("title")) for _, a in page.tags if a.get("title"))
    local = [f for f in hostile.findings if f.end - f.start < len(hostile.text) // 2]
    assert local
    for f in local:
        assert f"{f.rule}: {f.message}" in titles
    assert hostile.tone is not None
    for d in hostile.tone.drivers:
        if d.spans and d.hint:
            assert d.hint in titles


def test_whole_post_findings_are_listed_not_underlined() -> None:
    text = "Jeg elsker mit arbejde.\nDet gør jeg virkelig."
    r = postcraft.review(text)
    whole = make_finding(r.analysis, "acme.voice", "warning", "Hele opslaget …", 0, len(text))
    word = make_finding(r.analysis, "acme.word", "error", "Ordet", 4, 10)
    page = Page(review_html(Review(r.analysis, r.tone, (whole, word))))
    assert [m[0] for m in page.markers[:1]] == ["whole-post"]
    assert {c for c, _ in page.chars[4:10]} == {frozenset({"error"})}
    assert {c for c, _ in page.chars[:4]} == {frozenset()}
    assert "[1]" in page.all_text and "[2]" in page.all_text


def test_the_fold_is_marked_where_see_more_cuts() -> None:
    text = (
        "Jeg har lige afsluttet min første måned som afdelingsleder, og jeg har lært mere end jeg havde "
        "forventet om at lytte, om at vente og om at lade være med at løse alle problemer selv, selv når "
        "det er fristende at gøre det, fordi man tror, at det går hurtigere.\n\nHvad gjorde I?"
    )
    r = postcraft.review(text)
    fold = r.analysis.fold
    assert fold.mobile < fold.desktop < len(text)
    page = Page(review_html(r))
    folds = [(off, which) for kind, off, which in page.markers if kind == "fold"]
    assert folds == [(fold.mobile, "mobile"), (fold.desktop, "desktop")]
    assert "…se mere (mobil)" in page.all_text and "…se mere (computer)" in page.all_text


def test_one_fold_marker_when_desktop_and_mobile_cut_at_the_same_place(hostile: Review) -> None:
    fold = hostile.analysis.fold
    assert fold.mobile == fold.desktop < len(hostile.text)
    page = Page(review_html(hostile))
    assert [(off, which) for kind, off, which in page.markers if kind == "fold"] == [(fold.desktop, "both")]
    assert "…se mere (computer og mobil)" in page.all_text


def test_no_fold_marker_when_the_whole_post_is_visible() -> None:
    r = postcraft.review("I fixed the build today 🎉")
    page = Page(review_html(r))
    assert not [m for m in page.markers if m[0] == "fold"]
    assert "whole post visible" in page.all_text


def test_the_gauge_shows_the_score(hostile: Review) -> None:
    page = Page(review_html(hostile))
    gauges = [a for _, a in page.tags if a.get("data-postcraft") == "gauge"]
    assert hostile.tone is not None
    assert len(gauges) == 1 and float(str(gauges[0]["data-personal"])) == pytest.approx(hostile.tone.personal)
    assert f"{round(hostile.tone.personal * 100)} % personlig" in page.all_text


def test_tags_are_shown_with_reasons(hostile: Review) -> None:
    assert hostile.tags is not None
    html = review_html(hostile)
    page = assert_self_contained(html)
    for s in hostile.tags.all():
        assert s.target in page.all_text and s.reason in page.all_text
    for n in hostile.tags.ambiguous:
        assert n.reason in page.all_text
        assert all(c in page.all_text for c in n.candidates)
    assert tags_html(hostile.tags).count('data-postcraft="tag"') == len(hostile.tags.all())


def test_english_labels_for_an_english_post() -> None:
    r = full_review((EXAMPLES / "post-en.txt").read_text("utf-8"), roster=ROSTER)
    page = Page(review_html(r))
    assert "Findings" in page.all_text and "Tag suggestions" in page.all_text
    assert "Priya Raman" in page.all_text


def test_a_review_without_tone_findings_or_tags() -> None:
    r = postcraft.review("Jeg har fået nyt job.")
    bare = Review(r.analysis)
    page = assert_self_contained(review_html(bare))
    assert page.text == "Jeg har fået nyt job."
    assert "Ingen fund." in page.all_text and "Tags blev ikke tjekket." in page.all_text
    assert 'data-postcraft="gauge"' not in review_html(bare)


def test_an_empty_draft() -> None:
    r = postcraft.review("", lang="en")
    assert "(empty)" in Page(review_html(r)).all_text
    assert review_text(r).startswith("Review(en, 0/3000 chars")


def test_emoji_and_astral_spans_line_up() -> None:
    text = "Hej 👋🏽 Æblegrød 🎉 og ørred\n#GrønOmstilling"
    r = postcraft.review(text, lang="da")
    f1 = make_finding(r.analysis, "acme.a", "warning", "a", 4, 6)  # the waving hand with skin tone
    f2 = make_finding(r.analysis, "acme.b", "suggestion", "b", 5, 16)  # overlaps f1, covers Æblegrød
    page = Page(review_html(Review(r.analysis, None, (f1, f2))))
    assert page.text == text
    assert page.chars[4][0] == {"warning"} and page.chars[5][0] == {"warning", "suggestion"}
    assert page.chars[6][0] == {"suggestion"} and page.chars[16][0] == frozenset()


# -- overlapping spans, any shape ---------------------------------------------------------------
@st.composite
def text_and_marks(draw: st.DrawFn) -> tuple[str, list[Mark], FoldMark | None]:
    text = draw(st.text(alphabet=st.sampled_from(list("ab <>&\"'\næø") + ["🎉"]), max_size=40))
    n = len(text)
    marks = []
    for i in range(draw(st.integers(0, 6))):
        s = draw(st.integers(0, n))
        e = draw(st.integers(s, n))
        if draw(st.booleans()):
            severity = draw(st.sampled_from(["error", "warning", "suggestion"]))
            marks.append(Mark(s, e, "finding", severity, "t", i))
        else:
            marks.append(Mark(s, e, "driver", draw(st.sampled_from(["personal", "corporate"])), "d"))
    fold = None
    if draw(st.booleans()):
        d = draw(st.integers(0, n))
        fold = FoldMark(d, draw(st.integers(0, d)))
    return text, marks, fold


@settings(max_examples=300, deadline=None)
@given(text_and_marks())
def test_marked_text_splits_at_every_boundary(case: tuple[str, list[Mark], FoldMark | None]) -> None:
    text, marks, fold = case
    html = marked_text(text, marks, fold, "en")
    page = Page(f'<div data-postcraft="text">{html}</div>')
    assert page.text == text
    for i in range(len(text)):
        want = {m.level for m in marks if m.kind == "finding" and m.start <= i < m.end}
        assert page.chars[i][0] == want
        drivers = [m.level for m in marks if m.kind == "driver" and m.start <= i < m.end]
        assert page.chars[i][1] == (drivers[0] if drivers else None)
    refs = sorted(off for kind, off, _ in page.markers if kind == "finding-ref")
    assert refs == sorted(m.end for m in marks if m.kind == "finding")
    folds = [off for kind, off, _ in page.markers if kind == "fold"]
    if fold is not None and fold.desktop < len(text):
        assert folds == sorted({fold.mobile, fold.desktop})
    else:
        assert folds == []


# -- tone, tags, drafts, templates -----------------------------------------------------------------
def test_tone_html_with_and_without_text() -> None:
    from postcraft.tone import score_tone

    text = "Vi er stolte af at kunne præsentere vores nye løsning <b>. Læs mere på firma.dk"
    tone = score_tone(text)
    with_text = assert_self_contained(tone_html(tone, text))
    assert with_text.text == text
    assert any(direction == "corporate" for _, direction in with_text.chars)
    without = assert_self_contained(tone_html(tone))
    assert without.text == ""
    for d in tone.drivers:
        if d.hint:
            assert d.hint in without.all_text


def test_tags_html_shows_notes_for_ambiguous_and_withheld_names() -> None:
    from postcraft.tags import suggest_tags

    roster = {
        "people": [
            {"name": "Anders Holm", "consent": True},
            {"name": "Anders Krogh", "consent": True},
            {"name": "Sofie Berg", "consent": False},
        ]
    }
    tags = suggest_tags("Tak til Anders og Sofie <3 for hjælpen i dag.", roster=roster)
    assert tags.ambiguous and tags.withheld
    page = assert_self_contained(tags_html(tags))
    assert "Ikke foreslået (flertydigt navn)" in page.all_text
    assert "Ikke foreslået (intet samtykke)" in page.all_text
    assert "Anders Holm" in page.all_text and "Anders Krogh" in page.all_text


def test_draft_html_shows_template_fields_and_fold() -> None:
    from postcraft.templates import get_template

    t = get_template("thank-colleague.en")
    fields = t.example_fields()
    first = next(iter(fields))
    fields[first] = fields[first] + " <script>x</script>"
    draft = t.render(variant=1, **fields)
    page = assert_self_contained(draft_html(draft))
    assert page.text == draft.text
    assert t.id in page.all_text and t.title in page.all_text and "variant=1 · " in page.all_text
    assert "<script>x</script>" in page.all_text


def test_template_and_template_listing() -> None:
    from postcraft.templates import get_template, list_templates

    everything = list_templates()
    page = assert_self_contained(templates_html(everything))
    rows = [a for _, a in page.tags if a.get("data-postcraft") == "template-row"]
    assert [a["data-id"] for a in rows] == [t.id for t in everything]
    assert f"Templates ({len(everything)})" in page.all_text
    danish = list_templates(lang="da")
    assert "Skabeloner" in Page(templates_html(danish)).all_text
    t = get_template("thank-colleague.en")
    one = assert_self_contained(template_html(t))
    for f in t.fields:
        assert f.name in one.all_text and f.description in one.all_text


# -- plain text -------------------------------------------------------------------------------------
def test_review_text_summarises(hostile: Review) -> None:
    out = review_text(hostile)
    lines = out.splitlines()
    assert lines[0].startswith("Review(da, ") and "tone corporate" in lines[0]
    n_err = sum(f.severity == "error" for f in hostile.findings)
    if n_err:
        assert f"{n_err} error" in lines[0]
    assert "folds after" in lines[1]
    shown = [f for f in hostile.findings][:8]
    for f in shown:
        assert f"{f'{f.line}:{f.column}':<7} {f.severity:<10} {f.rule}" in out
    assert hostile.tags is not None and hostile.tags.all()[0].target in out
    assert "\n" not in review_text(Review(hostile.analysis)).splitlines()[0]


def test_review_text_limits_long_lists() -> None:
    r = postcraft.review("Jeg skriver et opslag om mit arbejde i dag.")
    fs = tuple(make_finding(r.analysis, "acme.x", "suggestion", f"m{i}", 0, 3) for i in range(12))
    out = review_text(Review(r.analysis, r.tone, fs), max_findings=5)
    assert "… 7 more findings" in out and out.count("acme.x") == 5


# -- compare ----------------------------------------------------------------------------------------
def test_compare_two_template_variants() -> None:
    from postcraft.templates import get_template

    t = get_template("thank-colleague.en")
    drafts = [t.render(variant=v, **t.example_fields()) for v in range(2)]
    c = compare(drafts, roster=ROSTER)
    assert isinstance(c, Comparison) and len(c) == 2
    assert c.labels == ("thank-colleague.en #0", "thank-colleague.en #1")
    rows = c.rows()
    assert [r["variant"] for r in rows] == [0, 1] and {r["template"] for r in rows} == {t.id}
    assert [r["text"] for r in rows] == [d.text for d in drafts]
    json.dumps(rows)  # JSON-ready
    html = c._repr_html_()
    page = assert_self_contained(html)
    assert len([a for _, a in page.tags if a.get("data-postcraft") == "compare-label"]) == 2
    boxes = [a for _, a in page.tags if a.get("data-postcraft") == "text"]
    assert len(boxes) == 2
    assert drafts[0].text.split("\n")[0] in page.all_text and drafts[1].text.split("\n")[0] in page.all_text
    assert "Comparison of 2 drafts" in repr(c)


def test_compare_texts_reviews_and_a_mapping() -> None:
    before = "Vi er stolte af at kunne præsentere vores nye løsning. Læs mere på firma.dk #innovation"
    after = "Jeg har brugt tre måneder på det her projekt, og jeg er stolt af mit team."
    c = compare({"før": before, "efter": postcraft.review(after)})
    assert c.labels == ("før", "efter")
    assert [r["tone"] for r in c.rows()] == ["corporate", "personal"]
    assert ">Fund</th>" in c._repr_html_()  # both posts are Danish: so are the labels
    c2 = compare([before, before], labels=["a", "a"])
    assert c2.labels == ("a", "a (2)")


def test_compare_errors() -> None:
    with pytest.raises(PostcraftError, match="at least one"):
        compare([])
    with pytest.raises(PostcraftError, match="2 drafts but 1 labels"):
        compare(["Jeg er glad.", "I am happy."], labels=["x"])
    with pytest.raises(PostcraftError, match="not int"):
        compare([42])


def test_to_dataframe_with_pandas() -> None:
    pd = pytest.importorskip("pandas")
    c = compare({"a": "I learned a lot this week.", "b": "We are proud to announce our new solution."})
    df = c.to_dataframe()
    assert isinstance(df, pd.DataFrame)
    assert list(df.index) == ["a", "b"]
    assert df.loc["b", "tone"] == "corporate" and df.loc["a", "lang"] == "en"
    want = {"personal", "errors", "warnings", "suggestions", "rules", "length", "lix", "text"}
    assert want <= set(df.columns)


def test_to_dataframe_without_pandas_says_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    c = compare(["I learned a lot this week."])
    monkeypatch.setitem(sys.modules, "pandas", None)  # makes `import pandas` raise ImportError
    with pytest.raises(MissingDependencyError, match=r"pip install 'postcraft\[pandas\]'"):
        c.to_dataframe()
    assert issubclass(MissingDependencyError, PostcraftError)


# -- data, wiring, cost -----------------------------------------------------------------------------
def test_labels_exist_in_both_languages() -> None:
    import yaml

    assert set(labels("da")) == set(labels("en"))
    hints = yaml.safe_load((ROOT / "src/postcraft/tone/data/hints.yaml").read_text("utf-8"))
    for cat in hints:
        assert f"category.{cat}" in labels("en"), cat
    for key in (
        "severity.error",
        "severity.warning",
        "severity.suggestion",
        "kind.person",
        "kind.company",
        "kind.expert",
        "kind.hashtag",
        "action.tag",
        "action.ask_for_feedback",
        "action.add",
    ):
        assert labels("da")[key] and labels("en")[key]


@pytest.mark.parametrize(
    "make, func",
    [
        ("review", review_html),
        ("tone", None),
        ("tags", tags_html),
        ("draft", draft_html),
    ],
)
def test_rich_display_is_wired(make: str, func: Any) -> None:
    from postcraft.tags import suggest_tags
    from postcraft.templates import get_template
    from postcraft.tone import score_tone

    text = "Jeg har lært meget af mine kolleger i dag. #Læring"
    t = get_template("thank-colleague.en")
    obj = {
        "review": lambda: postcraft.review(text),
        "tone": lambda: score_tone(text),
        "tags": lambda: suggest_tags(text),
        "draft": lambda: t.render(**t.example_fields()),
    }[make]()
    if not hasattr(type(obj), "_repr_html_"):
        pytest.skip(f"{type(obj).__name__}._repr_html_ is not wired yet (the lead adds it)")
    html = obj._repr_html_()
    assert_self_contained(html)
    if func is not None:
        assert html == func(obj)
    else:
        assert 'data-postcraft="gauge"' in html


def test_importing_display_stays_light() -> None:
    code = (
        "import sys, postcraft.formats.html; "
        "print(sorted(m for m in ('pandas', 'jinja2', 'yaml', 'jsonschema', 'numpy') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True)
    assert out.stdout.strip() == "[]"


def test_rendering_is_fast(hostile: Review) -> None:
    review_html(hostile)  # labels loaded
    n = 50
    t0 = time.perf_counter()
    for _ in range(n):
        review_html(hostile)
    per = (time.perf_counter() - t0) / n
    assert per < 0.02, f"review_html took {per * 1000:.1f} ms"


def test_finding_type_is_the_rules_one(hostile: Review) -> None:
    assert all(isinstance(f, Finding) for f in hostile.findings)
