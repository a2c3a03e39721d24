"""Slow templates, poisoned tone models, NaN in JSON, bare hashtags and wrong argument types."""

from __future__ import annotations

import json
import math
import time
from pathlib import Path
from typing import Any

import pytest

import postcraft
from postcraft.formats.json import dumps
from postcraft.templates.errors import TemplateRenderError
from postcraft.tone.model import ToneModel, builtin_model

from ._run import run_cli

SLOW = """---
id: slow.en
lang: en
roles: [employee]
purpose: share_learning
title: Slow
description: Inside every size and loop limit, and slow.
fields:
  - name: topic
    description: Topic.
    example: pricing
---
Hello {{ topic }}.
{% for i in range(100) %}{% for j in range(100) %}{% if (range(1000)|map('string')|list|sort|unique|list|length) > 5000 %}x{% endif %}{% endfor %}{% endfor %}
"""


def test_a_slow_template_inside_every_limit_is_stopped_within_about_a_second(tmp_path: Path) -> None:
    (tmp_path / "slow.en.j2").write_text(SLOW, "utf-8")
    postcraft.templates.list_templates(folder=tmp_path)  # compile outside the clock
    start = time.monotonic()
    with pytest.raises(TemplateRenderError, match=r"longer than 1 s"):
        postcraft.render("slow.en", folder=tmp_path, topic="x")
    assert time.monotonic() - start < 10  # 46 s without the time limit; reported, not tuned


def _model_dict(**change: Any) -> dict[str, Any]:
    data = builtin_model("en").to_dict()
    for dotted, value in change.items():
        *parents, last = dotted.split("__")
        target = data
        for p in parents:
            target = target[p]
        target[last] = value
    return data


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"intercept": math.nan}, "intercept: must be a finite number"),
        ({"calibration__a": math.inf}, "calibration.a: must be a finite number"),
        ({"style__mean": [0.0]}, "style.mean: has 1 numbers"),
        ({"style__std": "wide"}, "style.std: must be a list of numbers"),
        ({"weights": [1, 2]}, "weights: must be an object"),
        ({"weights": {"w:i": "much"}}, "weights['w:i']: must be a number"),
        ({"calibration": None}, "calibration: must be an object"),
        ({"thresholds__corporate_below": 0.9}, "corporate_below (0.9) is above personal_at"),
        ({"thresholds__personal_at": 7}, "personal_at: is a probability"),
        ({"lang": 5}, "lang: must be a language code"),
    ],
)
def test_a_broken_tone_model_is_refused_naming_the_file_and_the_field(
    tmp_path: Path, change: dict[str, Any], message: str
) -> None:
    path = tmp_path / "model.json"
    path.write_text(json.dumps(_model_dict(**change)), "utf-8")  # NaN written as JSON's NaN token
    with pytest.raises(postcraft.ConfigError) as err:
        ToneModel.from_dict(_model_dict(**change), source=str(path))
    assert message in str(err.value) and str(path) in str(err.value)
    with pytest.raises(postcraft.ConfigError, match=str(path)):
        postcraft.tone.load_model(path)


def test_tone_with_a_nan_model_never_prints_invalid_json(tmp_path: Path) -> None:
    path = tmp_path / "nan.json"
    path.write_text(json.dumps(_model_dict(intercept=math.nan)), "utf-8")
    draft = tmp_path / "d.txt"
    draft.write_text("Thanks for today, everyone. I learned a lot.", "utf-8")
    result = run_cli(tmp_path, "tone", str(draft), "--model", str(path), "--format", "json")
    assert result.returncode == 2 and "NaN" not in result.stdout
    assert "nan.json" in result.stderr


def test_json_output_refuses_nan_instead_of_writing_invalid_json() -> None:
    with pytest.raises(postcraft.PostcraftError, match=r"tone\.personal is nan"):
        dumps({"tone": {"personal": math.nan}})


@pytest.mark.parametrize("text", ["#GrønOmstilling #Ledelse #Trivsel", "#a #b #c #d #e", "#Wir #freuen #uns"])
def test_hashtag_only_text_is_never_refused_as_another_language(text: str) -> None:
    a = postcraft.analyze(text)
    assert a.lang in postcraft.langs.SUPPORTED
    assert "only hashtags" in a.lang_reason
    postcraft.review(text)  # and it reviews


def test_danish_hashtags_are_guessed_danish() -> None:
    assert postcraft.analyze("#GrønOmstilling #Ledelse #Trivsel").lang == "da"


@pytest.mark.parametrize("call", ["review", "check"])
def test_a_language_that_is_not_a_string_is_one_clear_input_error(call: str) -> None:
    with pytest.raises(postcraft.InputError, match="lang must be a language code"):
        getattr(postcraft, call)("Thanks for today, everyone.", lang=5)
    with pytest.raises(postcraft.InputError, match="must be a str"):
        getattr(postcraft, call)(b"Thanks")
