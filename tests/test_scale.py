"""Scale: review_many equals review one by one (1 and 2 processes), results and models survive
pickling, the Dask path works for real on a local cluster, the docs' pandas/Spark functions
work, and review is thread-safe (8 threads against a serial run, warm and cold)."""

from __future__ import annotations

import json
import os
import pickle
import re
import subprocess
import sys
import threading
import zlib
from collections.abc import Callable, Iterator
from functools import partial
from pathlib import Path
from typing import Any

import pytest

import postcraft
from conftest import ROOT
from postcraft.errors import UnsupportedLanguageError

ROSTER = ROOT / "tests" / "data" / "tags" / "roster.yaml"

# Hand-written drafts that exercise every part of a review: emoji and æøå, CRLF, mentions,
# links, hashtags, names from the roster, announcement boilerplate, questions.
EXTRA = [
    "Jeg er så stolt af mit team 🎉 Tak til Mette Hansen og Anders Holm for en vild uge! #Teamwork",
    "Vi er stolte af at kunne præsentere vores nye innovative løsning. Læs mere på https://kystlys.dk/nyt",
    "I spent the morning with our new apprentices 👩‍🔧 and honestly, I learned more than they did.\r\n\r\n"
    "What did your first week teach you?",
    "We are thrilled to announce our world-class, cutting-edge platform!!! Learn more: www.example.com "
    "#Innovation #Leadership #Growth #Future #Tech #AI",
    "Sidste nattevagt 🌙 på den gamle afdeling. Tak @[Sara Lind](urn:li:person:7YNOWNSXTG) for hjælpen.",
    "Kort.",
]


def _corpus(n_per_lang: int) -> list[str]:
    """A fixed, mixed sample of the tone corpus (crc32 order, languages interleaved)."""
    by_lang: dict[str, list[str]] = {}
    for path in sorted((ROOT / "corpora" / "tone").glob("*/*.jsonl")):
        for line in path.read_text("utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                if 100 <= len(row["text"]) <= 3000:
                    by_lang.setdefault(row["lang"], []).append(row["text"])
    out: list[str] = []
    picked = {k: sorted(v, key=lambda t: zlib.crc32(t.encode()))[:n_per_lang] for k, v in by_lang.items()}
    for i in range(n_per_lang):
        for lang in sorted(picked):
            if i < len(picked[lang]):
                out.append(picked[lang][i])
    return out


POSTS = _corpus(20) + EXTRA


def _dicts(reviews: Any) -> list[dict[str, Any]]:
    return [r.to_dict() for r in reviews]


@pytest.fixture(scope="module")
def serial() -> list[dict[str, Any]]:
    return [postcraft.review(t, roster=str(ROSTER)).to_dict() for t in POSTS]


# -- review_many ---------------------------------------------------------------------------
def test_review_many_one_process_equals_review(serial: list[dict[str, Any]]) -> None:
    got = postcraft.review_many(POSTS, roster=str(ROSTER), show_progress=False)
    assert isinstance(got, Iterator)
    assert _dicts(got) == serial


def test_review_many_two_processes_equals_review(serial: list[dict[str, Any]]) -> None:
    # A generator (no len) and small batches, so several batches go to each worker.
    texts = (t for t in POSTS)
    got = postcraft.review_many(texts, n_process=2, batch_size=5, roster=str(ROSTER), show_progress=False)
    assert _dicts(got) == serial


def test_review_many_two_processes_raises_in_turn() -> None:
    texts = ["Tak for i dag, alle sammen!", "Thanks for today, everyone!", "Привет, как дела у всех сегодня?"]
    it = postcraft.review_many(texts, n_process=2, batch_size=1, show_progress=False)
    assert [next(it).lang, next(it).lang] == ["da", "en"]
    with pytest.raises(UnsupportedLanguageError):
        next(it)


# -- pickling ------------------------------------------------------------------------------
def _roundtrip(obj: Any) -> Any:
    return pickle.loads(pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL))


def test_results_survive_pickling() -> None:
    text = (
        "Vi er stolte af at kunne præsentere vores nye innovative løsning!!! Tak til Mette Hansen 🎉 "
        "Læs mere på https://kystlys.dk #a #b #c #d #e #f"
    )
    review = postcraft.review(text, roster=str(ROSTER))
    assert review.findings and review.tone.drivers and review.tags.to_dict()
    back = _roundtrip(review)
    assert type(back) is postcraft.Review
    assert back.to_dict() == review.to_dict()
    assert back.analysis.position(10) == review.analysis.position(10)

    tone = _roundtrip(review.tone)
    assert type(tone) is postcraft.ToneScore and tone == review.tone

    for finding in review.findings:
        again = _roundtrip(finding)
        assert type(again) is postcraft.Finding and again == finding and again.to_dict() == finding.to_dict()

    tags = _roundtrip(review.tags)
    assert type(tags) is postcraft.TagSuggestions and tags.to_dict() == review.tags.to_dict()


@pytest.mark.parametrize("text", ["", "Kort.", EXTRA[0], EXTRA[2], EXTRA[4], POSTS[0]])
def test_analysis_survives_pickling(text: str) -> None:
    from postcraft.analysis import Fold, Sentence, Span, Token

    a = postcraft.analyze(text, lang="da")
    a.lix, a.flesch, a.linkedin_length, a.position(len(text))  # lazily computed parts, cached
    b = _roundtrip(a)
    assert type(b) is postcraft.Analysis
    assert b.tokens == a.tokens and all(type(t) is Token for t in b.tokens)
    assert b.lines == a.lines and b.paragraphs == a.paragraphs and all(type(s) is Span for s in b.lines)
    assert b.sentences == a.sentences and all(type(s) is Sentence for s in b.sentences)
    assert b.fold == a.fold and type(b.fold) is Fold
    assert (b.lang, b.lang_scores, b.lang_reason) == (a.lang, a.lang_scores, a.lang_reason)
    assert b.to_dict() == a.to_dict()
    assert (b.words, b.hashtags, b.mentions, b.urls, b.emoji) == (
        a.words,
        a.hashtags,
        a.mentions,
        a.urls,
        a.emoji,
    )
    assert [b.position(o) for o in range(len(text) + 1)] == [a.position(o) for o in range(len(text) + 1)]


@pytest.mark.parametrize("markdown", [False, True])
def test_lean_analysis_rebuilds_the_same_tokens(markdown: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    """review_many's workers pickle an Analysis lean (text, language, scalars); the receiver
    analyses the text again on first use and gets the very same tokens and structure."""
    from postcraft.analysis import core

    texts = [*POSTS, "", "Kort.", "Æblegrød 🍎🇩🇰 på *tirsdag*\n\n```\ncode 👩🏽‍💻\n```\n#ÆØÅ @Ærø"]
    full = [postcraft.review(t, lang="da" if i % 2 else None, markdown=markdown) for i, t in enumerate(texts)]
    monkeypatch.setattr(core, "_SHIP_LEAN", True)
    blobs = [pickle.dumps(r, protocol=pickle.HIGHEST_PROTOCOL) for r in full]
    monkeypatch.setattr(core, "_SHIP_LEAN", False)
    for review, blob in zip(full, blobs, strict=True):
        back = pickle.loads(blob)
        a, b = review.analysis, back.analysis
        assert "_columns" in b.__dict__ and "tokens" not in b.__dict__
        assert back.to_dict() == review.to_dict()
        assert "_columns" in b.__dict__, "to_dict() analysed the text again"
        assert (b.tokens, b.lines, b.paragraphs, b.sentences) == (
            a.tokens,
            a.lines,
            a.paragraphs,
            a.sentences,
        )
        assert (b.text, b.original, b.lang, b.lang_scores, b.fold) == (
            a.text,
            a.original,
            a.lang,
            a.lang_scores,
            a.fold,
        )
        assert b.to_dict() == a.to_dict() and back.tone == review.tone
        # pickled again (not lean), it is still the same
        assert pickle.loads(pickle.dumps(b)).to_dict() == a.to_dict()


def test_tone_model_survives_pickling() -> None:
    from postcraft.tone import builtin_model

    for lang, text in (
        ("da", "Jeg synes, det var en fed dag på arbejdet!"),
        ("en", "We are proud to announce it."),
    ):
        model = builtin_model(lang)
        back = _roundtrip(model)
        assert type(back) is postcraft.ToneModel and back == model
        a = postcraft.analyze(text, lang=lang)
        assert back.score(a) == model.score(a)
        assert back.contributions(a)[0] == model.contributions(a)[0]


# -- Dask, for real ------------------------------------------------------------------------
@pytest.fixture(scope="module")
def dask_client() -> Iterator[Any]:
    pytest.importorskip(
        "dask", reason="dask is not installed: pip install 'dask[distributed]' (the dask extra)"
    )
    distributed = pytest.importorskip(
        "dask.distributed", reason="dask.distributed is not installed: pip install 'dask[distributed]'"
    )
    cluster = distributed.LocalCluster(
        n_workers=2,
        processes=True,
        threads_per_worker=1,
        dashboard_address=None,
        host="127.0.0.1",
    )
    client = distributed.Client(cluster)
    try:
        yield client
    finally:
        client.close()
        cluster.close()


def test_dask_bag_equals_serial(dask_client: Any, serial: list[dict[str, Any]]) -> None:
    import dask.bag as db

    bag = db.from_sequence(POSTS, npartitions=4)  # type: ignore[no-untyped-call]
    # Review objects travel back from the worker processes (pickled); compare their JSON.
    reviews = bag.map(partial(postcraft.review, roster=str(ROSTER))).compute()
    assert _dicts(reviews) == serial
    # The work ran in the cluster's worker processes, not here.
    assert len(dask_client.scheduler_info()["workers"]) == 2
    pids = set(bag.map(lambda _: os.getpid()).compute())
    assert pids and os.getpid() not in pids


def test_dask_dataframe_map_partitions(dask_client: Any, serial: list[dict[str, Any]]) -> None:
    pytest.importorskip("pandas", reason="pandas is not installed")
    dd = pytest.importorskip(
        "dask.dataframe", reason="dask.dataframe needs pandas and pyarrow: pip install 'dask[dataframe]'"
    )
    import pandas as pd  # type: ignore[import-untyped]

    ns = _doc_namespace("review_frame")
    review_frame: Callable[..., Any] = ns["review_frame"]
    df = pd.DataFrame({"id": [f"p{i}" for i in range(len(POSTS))], "text": POSTS})
    ddf = dd.from_pandas(df, npartitions=3)
    out = ddf.map_partitions(review_frame, roster=str(ROSTER), meta=ns["REVIEW_COLUMNS"]).compute()
    assert list(out["id"]) == list(df["id"])
    assert [json.loads(s) for s in out["review"]] == serial
    assert list(out["label"]) == [d["tone"]["label"] for d in serial]


def _doc_block(containing: str) -> str:
    doc = (ROOT / "docs" / "scale.md").read_text("utf-8")
    found: list[str] = [b for b in re.findall(r"```python\n(.*?)```", doc, re.S) if containing in b]
    assert len(found) == 1, containing
    return found[0]


def _doc_ids() -> list[str]:
    """The ids _run_doc_program gives POSTS, in order."""
    half = len(POSTS) // 2
    return [f"p0-{i}" for i in range(half)] + [f"p1-{i}" for i in range(len(POSTS) - half)]


def _run_doc_program(code: str, tmp_path: Path) -> None:
    """Run a whole Dask program of docs/scale.md on two JSON-lines files of posts, with the
    cluster of this test suite (2 workers on loopback, no dashboard) instead of the doc's 4."""
    doc_cluster = "LocalCluster(n_workers=4, processes=True, threads_per_worker=1)"
    assert doc_cluster in code
    code = code.replace(
        doc_cluster,
        "LocalCluster(n_workers=2, processes=True, threads_per_worker=1, dashboard_address=None, "
        "host='127.0.0.1')",
    )
    half = len(POSTS) // 2  # two input files, as a glob would find them
    for k, part in enumerate((POSTS[:half], POSTS[half:])):
        lines = [json.dumps({"id": f"p{k}-{i}", "text": t}, ensure_ascii=False) for i, t in enumerate(part)]
        (tmp_path / f"posts-{k}.jsonl").write_text("\n".join(lines) + "\n", "utf-8")
    (tmp_path / "roster.yaml").write_bytes(ROSTER.read_bytes())
    (tmp_path / "program.py").write_text(code, "utf-8")
    proc = subprocess.run(
        [sys.executable, "program.py"], cwd=tmp_path, capture_output=True, text=True, timeout=300
    )
    assert proc.returncode == 0, proc.stderr[-3000:]


def test_docs_dask_bag_program(dask_client: Any, serial: list[dict[str, Any]], tmp_path: Path) -> None:
    _run_doc_program(_doc_block("import dask.bag as db"), tmp_path)
    got = {}
    for path in sorted((tmp_path / "reviews").glob("*.jsonl")):
        for line in path.read_text("utf-8").splitlines():
            row = json.loads(line)
            got[row.pop("id")] = row
    assert [got[i] for i in _doc_ids()] == serial


def test_docs_dask_dataframe_program(dask_client: Any, tmp_path: Path) -> None:
    pd = pytest.importorskip("pandas", reason="pandas is not installed")
    pytest.importorskip(
        "dask.dataframe", reason="dask.dataframe needs pandas and pyarrow: pip install 'dask[dataframe]'"
    )
    code = _doc_block("def review_frame") + "\n" + _doc_block("dd.read_json")
    _run_doc_program(code, tmp_path)
    frame = pd.read_parquet(tmp_path / "reviews").sort_values("id")
    texts = dict(zip(_doc_ids(), POSTS, strict=True))
    assert sorted(frame["id"]) == sorted(texts)
    for post_id, review in zip(frame["id"], frame["review"], strict=True):
        assert json.loads(review) == postcraft.review(texts[post_id], roster=str(ROSTER)).to_dict()


# -- the functions docs/scale.md gives for pandas and Spark --------------------------------
def _doc_namespace(*names: str) -> dict[str, Any]:
    """Run the code blocks of docs/scale.md marked ``<!-- tested: NAME -->``, in this order."""
    doc = (ROOT / "docs" / "scale.md").read_text("utf-8")
    blocks = dict(re.findall(r"<!-- tested: (\w+) -->\n```python\n(.*?)```", doc, re.S))
    ns: dict[str, Any] = {"__name__": "scale_doc"}
    for name in names:
        exec(compile(blocks[name], f"docs/scale.md:{name}", "exec"), ns)
    return ns


def test_docs_review_frame_and_spark_batches() -> None:
    pd = pytest.importorskip("pandas", reason="pandas is not installed")
    ns = _doc_namespace("review_frame", "review_batches")
    df = pd.DataFrame({"id": [f"p{i}" for i in range(len(POSTS))], "text": POSTS})
    batches = [df.iloc[:10], df.iloc[10:25], df.iloc[25:]]
    out = list(ns["review_batches"](iter(batches)))
    assert [len(b) for b in out] == [len(b) for b in batches]
    frame = pd.concat(out)
    assert list(frame.columns) == list(ns["REVIEW_COLUMNS"])
    assert [json.loads(s) for s in frame["review"]] == [postcraft.review(t).to_dict() for t in POSTS]
    assert frame["errors"].dtype == "int64" and frame["personal"].dtype == "float64"


# -- threads -------------------------------------------------------------------------------
def _review_in_threads(texts: list[str], n_threads: int) -> list[list[dict[str, Any]]]:
    """Each thread reviews every text (in its own rotated order), all starting together."""
    start = threading.Barrier(n_threads)
    results: list[list[dict[str, Any]]] = [[] for _ in range(n_threads)]
    errors: list[BaseException] = []

    def work(k: int) -> None:
        order = list(range(len(texts)))
        order = order[k * 7 % len(order) :] + order[: k * 7 % len(order)]
        got: dict[int, dict[str, Any]] = {}
        try:
            start.wait()
            for i in order:
                got[i] = postcraft.review(texts[i], roster=str(ROSTER)).to_dict()
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        results[k] = [got[i] for i in sorted(got)]

    threads = [threading.Thread(target=work, args=(k,)) for k in range(n_threads)]
    old = sys.getswitchinterval()
    sys.setswitchinterval(1e-5)  # switch threads often, to give races a chance
    try:
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    finally:
        sys.setswitchinterval(old)
    assert not errors, errors
    return results


def test_review_from_eight_threads_equals_serial(serial: list[dict[str, Any]]) -> None:
    for got in _review_in_threads(POSTS, 8):
        assert got == serial


COLD_THREADS = """
import json, sys
sys.path.insert(0, {tests!r})
import test_scale
print(json.dumps(test_scale._review_in_threads(test_scale.POSTS, 8), ensure_ascii=False))
"""


def test_review_from_eight_threads_cold_start(serial: list[dict[str, Any]]) -> None:
    """Eight threads hit a fresh process at once: every model, pack, roster and cache loads
    under contention."""
    code = COLD_THREADS.format(tests=str(ROOT / "tests"))
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr[-3000:]
    for got in json.loads(proc.stdout):
        assert got == serial
