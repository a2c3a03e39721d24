"""Tone scoring: calibrated probability, labels, exact drivers with spans, plain-data models."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import postcraft
from postcraft.analysis import analyze
from postcraft.tone import builtin_model, load_model, score_analysis, score_tone
from postcraft.tone.explain import category_totals
from postcraft.tone.model import ToneModel

PERSONAL = {
    "da": "Jeg var ærligt talt nervøs i morges. Første dag som afdelingsleder, og jeg kendte kun to af mine nye kolleger. "
    "Men hold nu op, hvor blev jeg taget godt imod. Tak, alle sammen – jeg glæder mig vildt til det her. "
    "Hvordan var jeres første dag som leder?",
    "en": "I was honestly nervous this morning. First day as a team lead, and I only knew two of my new colleagues. "
    "But wow, what a welcome. Thank you all – I can't wait to get going. What was your first day as a manager like?",
}
CORPORATE = {
    "da": "Vi er stolte af at kunne præsentere vores nye innovative platform, der skaber værdi for vores kunder og "
    "styrker vores position på markedet. Læs mere på www.nordtech.dk #Innovation #Vækst #Digitalisering",
    "en": "We are proud to announce the launch of our innovative platform, delivering seamless value to our customers "
    "and strengthening our market position. Learn more at www.nordtech.com #Innovation #Growth #Digital",
}


@pytest.mark.parametrize("lang", ["da", "en"])
def test_personal_and_corporate_examples(lang: str) -> None:
    p = score_tone(PERSONAL[lang])
    c = score_tone(CORPORATE[lang])
    assert p.label == "personal" and p.personal >= 0.6
    assert c.label == "corporate" and c.personal < 0.4
    assert 0.0 <= c.personal <= p.personal <= 1.0


@pytest.mark.parametrize("lang", ["da", "en"])
def test_drivers_have_spans_that_slice_to_their_words(lang: str) -> None:
    for text in (PERSONAL[lang], CORPORATE[lang]):
        score = score_tone(text)
        assert 1 <= len(score.drivers) <= 5
        for d in score.drivers:
            assert d.direction in ("personal", "corporate")
            assert (d.weight > 0) == (d.direction == "personal")
            assert d.text == " … ".join(text[s:e] for s, e in d.spans)
            for s, e in d.spans:
                assert 0 <= s < e <= len(text)


def test_corporate_drivers_name_the_right_words_and_hint_in_the_post_language() -> None:
    score = score_tone(CORPORATE["da"])
    cats = {d.category: d for d in score.drivers}
    assert "pronouns" in cats and "Vi" in cats["pronouns"].text
    assert all(d.hint for d in score.drivers if d.direction == "corporate")
    assert "jeg" in cats["pronouns"].hint  # the Danish hint


def test_contributions_add_up_exactly_to_the_logit() -> None:
    model = builtin_model("en")
    a = analyze(CORPORATE["en"])
    logit, contrib, style_c, feats = model.contributions(a)
    a_, b_ = model.calibration
    by_cat, _ = category_totals(feats, contrib, style_c)
    assert math.isclose(sum(by_cat.values()) + a_ * model.intercept + b_, logit, abs_tol=1e-9)
    score = model.score(a)
    assert math.isclose(score.personal, 1 / (1 + math.exp(-logit)), abs_tol=1e-4)


def test_other_languages_refused() -> None:
    with pytest.raises(postcraft.UnsupportedLanguageError):
        score_tone("Wir freuen uns sehr, heute unser neues Team in Hamburg vorzustellen!")


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=400), st.sampled_from(["da", "en"]))
def test_any_text_scores_within_bounds(text: str, lang: str) -> None:
    if not text.strip():
        with pytest.raises(postcraft.InputError):
            score_tone(text, lang=lang)
        return
    s = score_tone(text, lang=lang)
    assert 0.0 <= s.personal <= 1.0 and s.label in ("personal", "mixed", "corporate")
    for d in s.drivers:
        assert d.text == " … ".join(text[a:b] for a, b in d.spans)


def test_shipped_models_are_plain_json_without_pickle() -> None:
    folder = Path(postcraft.tone.__file__).parent / "models"
    for lang in ("da", "en"):
        raw = (folder / f"tone-{lang}.json").read_bytes()
        data = json.loads(raw)
        assert data["format"] == "postcraft-tone/2" and data["lang"] == lang
        assert b"\x80\x04" not in raw[:2]  # not a pickle stream


def test_save_and_load_round_trip(tmp_path: Path) -> None:
    model = builtin_model("da")
    path = tmp_path / "m.json"
    model.save(path)
    again = load_model(path)
    text = PERSONAL["da"]
    assert score_tone(text, model=again).personal == score_tone(text).personal


def test_model_for_the_wrong_language_is_a_clear_error() -> None:
    with pytest.raises(postcraft.PostcraftError, match="for 'en'"):
        score_analysis(analyze(PERSONAL["da"]), model=builtin_model("en"))


def test_bad_model_file_is_a_config_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "something-else"}', "utf-8")
    with pytest.raises(postcraft.ConfigError, match="bad.json"):
        load_model(bad)
    with pytest.raises(postcraft.ConfigError):
        load_model(tmp_path / "missing.json")


def test_training_and_adapting_an_organisation_model(tmp_path: Path) -> None:
    pytest.importorskip("sklearn")
    from postcraft.tone.train import LabelledPost, fit

    posts = []
    for i in range(30):
        posts.append(
            LabelledPost(
                f"Jeg tænkte på min første uge i team {i}, og jeg lærte meget af mine kolleger.",
                1,
                "da",
                author=f"p{i % 10}",
            )
        )
        posts.append(
            LabelledPost(
                f"Vores koncern leverer værdiskabende løsninger til kunder i region {i}. Læs mere.",
                5,
                "da",
                author=f"c{i % 10}",
            )
        )
    own, info = fit(posts, "da", seed=0)
    assert info["cv_auc"] > 0.9
    adapted, _ = fit(posts, "da", seed=0, base=builtin_model("da"))
    for model in (own, adapted):
        assert isinstance(model, ToneModel)
        p = model.score(analyze("Jeg lærte meget af mine kolleger i dag.", lang="da")).personal
        c = model.score(
            analyze("Vores koncern leverer værdiskabende løsninger. Læs mere.", lang="da")
        ).personal
        assert p > c
        model.save(tmp_path / "org.json")
        assert load_model(tmp_path / "org.json").weights == model.weights


def test_review_includes_the_tone() -> None:
    r = postcraft.review(PERSONAL["en"])
    assert r.tone is not None and r.tone.label == "personal"
    assert r.to_dict()["tone"]["label"] == "personal"


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("I learned more about our customers. Learn more: example.com", ["Learn", "more"]),
        ("Jeg læste mere om det i går. Læs mere på firma.dk", ["Læs", "mere"]),
    ],
)
def test_calls_to_action_match_the_imperative_not_the_narrative(text: str, words: list[str]) -> None:
    from postcraft.tone.features import extract

    a = analyze(text)
    feats = extract(a)
    assert [a.tokens[i].text for i in feats.style_tokens["call_to_action"]] == words


def test_calibration_rows_are_the_raters_verdicts_both_voices_weighing_the_same() -> None:
    np = pytest.importorskip("numpy")
    from postcraft.tone import voicefit as vf

    def text(i: int, grade: float | None, rated: bool) -> vf.Text:
        return vf.Text(f"t{i}", "x", "en", "s", "g", "s", "person", grade, rated)

    # three rated personal texts, one rated corporate, one rated 3 (half of each), one unrated
    texts = [text(0, 1.0, True), text(1, 2.0, True), text(2, 1.5, True), text(3, 5.0, True)]
    texts += [text(4, 3.0, True), text(5, None, False)]
    idx, _, _ = vf._targets(texts)
    z = np.arange(len(idx), dtype=float)
    zr, yr, wr = vf._rated_rows(texts, idx, z)
    assert len(zr) == 6  # the unrated text is left out, the grade-3 text is two rows
    assert sorted(yr.tolist()) == [0.0, 0.0, 1.0, 1.0, 1.0, 1.0]
    assert wr[yr == 1].sum() == pytest.approx(wr[yr == 0].sum())
    # each text's logit is its own (its first row's)
    first = {int(i): float(z[r]) for r, i in reversed(list(enumerate(idx)))}
    assert set(zr.tolist()) == {first[i] for i in range(5)}
