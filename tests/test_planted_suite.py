"""The planted-problem suite (corpora/planted) is well formed, and its benchmark runs.

No recall target is asserted: the suite measures what the default rules catch today
(`python benchmarks/bench_planted.py`), and today's rules are expected to miss much.
"""

from __future__ import annotations

import importlib.util
import json
import re
from collections import Counter

import pytest
import yaml

from conftest import ROOT

SUITE = ROOT / "corpora" / "planted"
LANGS = ("da", "en")
KEYS = {"id", "lang", "kind", "problem", "needs_org_file", "note", "text", "guidelines"}
HASHTAG = re.compile(r"(?<![\w/])#\w+")


def _bench():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("bench_planted", ROOT / "benchmarks" / "bench_planted.py")
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


@pytest.fixture(scope="module")
def kinds() -> dict:
    doc = yaml.safe_load((SUITE / "kinds.yaml").read_text(encoding="utf-8"))
    return doc["kinds"]


@pytest.fixture(scope="module")
def drafts() -> dict[str, list[dict]]:
    out = {}
    for lang in LANGS:
        doc = yaml.safe_load((SUITE / f"{lang}.yaml").read_text(encoding="utf-8"))
        assert doc["lang"] == lang
        out[lang] = doc["drafts"]
    return out


def test_kinds_are_well_formed(kinds: dict) -> None:
    assert len(kinds) >= 17
    for name, spec in kinds.items():
        assert spec["description"], name
        assert isinstance(spec["whole_post"], bool), name
        assert spec["relevant"] and all(isinstance(p, str) and p for p in spec["relevant"]), name
        assert set(spec) <= {"description", "whole_post", "relevant", "exclude"}, name


def test_entries_have_the_fields(drafts: dict[str, list[dict]]) -> None:
    for lang, ds in drafts.items():
        for d in ds:
            assert set(d) - {"guidelines"} == KEYS - {"guidelines"}, (d.get("id"), set(d) ^ KEYS)
            assert d["lang"] == lang, d["id"]
            assert isinstance(d["needs_org_file"], bool), d["id"]
            # a draft only an organisation file can catch carries that file, and only such a draft
            assert ("guidelines" in d) == d["needs_org_file"], d["id"]
            if "guidelines" in d:
                from postcraft.rules import load_guidelines

                assert load_guidelines(d["guidelines"]).organisation.name, d["id"]
            assert isinstance(d["note"], str) and d["note"].strip(), d["id"]
            assert isinstance(d["text"], str) and d["text"] == d["text"].strip(), d["id"]


def test_ids_unique(drafts: dict[str, list[dict]]) -> None:
    ids = [d["id"] for ds in drafts.values() for d in ds]
    dup = [i for i, n in Counter(ids).items() if n > 1]
    assert not dup, dup


def test_problem_occurs_exactly_once(drafts: dict[str, list[dict]], kinds: dict) -> None:
    for ds in drafts.values():
        for d in ds:
            if d["kind"] == "control":
                assert d["problem"] is None and not d["needs_org_file"], d["id"]
                continue
            assert d["kind"] in kinds, (d["id"], d["kind"])
            if kinds[d["kind"]]["whole_post"]:
                assert d["problem"] is None, d["id"]
            else:
                assert isinstance(d["problem"], str) and d["problem"], d["id"]
                assert d["text"].count(d["problem"]) == 1, d["id"]


def test_every_kind_covered_in_both_languages(drafts: dict[str, list[dict]], kinds: dict) -> None:
    for lang in LANGS:
        counts = Counter(d["kind"] for d in drafts[lang])
        for kind in kinds:
            assert counts[kind] >= 2, (lang, kind, counts[kind])
        assert sum(n for k, n in counts.items() if k != "control") >= 36, lang
        assert counts["control"] >= 8, lang


def test_planted_whole_post_problems_are_really_there(drafts: dict[str, list[dict]]) -> None:
    """Ground truth that does not depend on postcraft: the length and wall drafts are what they say,
    and no other draft is over the limit or crowded with hashtags (one problem per draft)."""
    for ds in drafts.values():
        for d in ds:
            utf16 = len(d["text"].encode("utf-16-le")) // 2
            tags = HASHTAG.findall(d["text"])
            if d["kind"] == "too_long":
                assert utf16 > 3000, d["id"]
            else:
                assert utf16 <= 3000, d["id"]
            if d["kind"] == "wall_of_text":
                assert "\n" not in d["text"] and len(d["text"]) > 700, d["id"]
            if d["kind"] == "too_many_hashtags":
                assert len(tags) >= 6, d["id"]
            else:
                assert len(tags) <= 3, (d["id"], tags)


def test_benchmark_runs_and_reports(drafts: dict[str, list[dict]], kinds: dict) -> None:
    bench = _bench()
    res = bench.run()
    n_all = sum(len(ds) for ds in drafts.values())
    n_controls = sum(1 for ds in drafts.values() for d in ds if d["kind"] == "control")
    assert res["drafts"] == n_all and len(res["records"]) == n_all
    assert res["control_drafts"] == n_controls
    assert set(res["per_kind"]) == set(kinds)
    for row in res["per_kind"].values():
        for lang in (*LANGS, "all"):
            assert row[lang]["n"] >= (2 if lang != "all" else 4)
            assert 0.0 <= row[lang]["recall"] <= 1.0
            assert row[lang]["caught"] <= row[lang]["loose"] <= row[lang]["n"]
    for lang in (*LANGS, "all"):
        o = res["overall"][lang]
        assert 0.0 <= o["recall"]["recall"] <= 1.0
        assert o["recall_without_org_file_drafts"]["n"] < o["recall"]["n"]
        assert 0 <= o["false_alarms_error_warning"] <= o["false_alarms_any"] <= o["controls"]
    table = bench.format_table(res)
    assert "recall" in table and "false alarms" in table


def test_benchmark_json_output(capsys: pytest.CaptureFixture[str]) -> None:
    bench = _bench()
    assert bench.main(["--json"]) == 0
    res = json.loads(capsys.readouterr().out)
    assert {"per_kind", "overall", "records", "commit", "date"} <= set(res)
