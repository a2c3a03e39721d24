"""The language server under hostile input, driven as a subprocess (issue 20, part B): huge
documents, floods of findings, negative positions, wrong Content-Length headers. Every wait
is bounded; nothing here asserts a speed, only that answers come and in which order."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("pygls", reason="the language server needs the 'lsp' extra (pygls)")

from test_lsp import LspClient  # noqa: E402  (tests/ is on sys.path: tests/conftest.py)

WAIT = 20.0


@pytest.fixture
def client(tmp_path: Path) -> Iterator[LspClient]:
    c = LspClient(cwd=tmp_path)
    c.initialize(tmp_path)
    yield c
    c.kill()


def _raw_request(c: LspClient, method: str, params: Any, length_delta: int = 0) -> int:
    """Send a request whose Content-Length is off by ``length_delta``; returns its id."""
    c._next_id += 1
    rid = c._next_id
    body = json.dumps({"jsonrpc": "2.0", "id": rid, "method": method, "params": params}).encode()
    assert c.proc.stdin is not None
    with c._write_lock:
        c.proc.stdin.write(b"Content-Length: %d\r\n\r\n" % (len(body) + length_delta) + body)
        c.proc.stdin.flush()
    return rid


def _response(c: LspClient, rid: int, timeout: float = 5.0) -> dict[str, Any] | None:
    deadline = time.monotonic() + timeout
    with c._cond:
        while rid not in c._responses and time.monotonic() < deadline:
            c._cond.wait(0.1)
        return c._responses.pop(rid, None)


def test_document_over_the_size_cap_gets_one_diagnostic_and_no_review(
    client: LspClient, tmp_path: Path
) -> None:
    uri = (tmp_path / "huge.txt").as_uri()
    text = "Vi skaber synergi i teamet og leverer værdi. " * 70_000  # ~3 MB
    client.open(uri, text)
    _, diags = client.diagnostics(uri, version=1)
    assert len(diags) == 1
    assert diags[0]["code"] == "postcraft.limit" and "100,000" in diags[0]["message"]


def test_diagnostics_per_document_are_capped(client: LspClient, tmp_path: Path) -> None:
    uri = (tmp_path / "many.txt").as_uri()
    client.open(uri, "Jeg elsker #grønomstilling. " * 1000)  # 1,000+ findings, under the size cap
    _, diags = client.diagnostics(uri, version=1)
    assert len(diags) == 500
    assert diags[-1]["code"] == "postcraft.limit" and "500" in diags[-1]["message"]


def test_hover_on_another_document_is_answered_while_a_big_one_is_reviewed(
    client: LspClient, tmp_path: Path
) -> None:
    small = (tmp_path / "small.txt").as_uri()
    client.open(small, "Jeg er glad for mit nye job.")
    client.diagnostics(small, version=1)
    big = (tmp_path / "big.txt").as_uri()
    n = len(client.notifications)
    client.open(big, "Vi skaber synergi i teamet og leverer værdi til kunderne hver dag. " * 1400)  # 95 KB
    hover = client.request(
        "textDocument/hover", {"textDocument": {"uri": small}, "position": {"line": 0, "character": 4}}
    )
    answered = len(client.notifications)
    assert hover is not None
    # the big document's diagnostics came after the hover was answered: the review did not
    # hold up the event loop
    i, _ = client.diagnostics(big, version=1, after=n)
    assert i >= answered


def test_code_action_with_negative_positions_is_answered(client: LspClient, tmp_path: Path) -> None:
    uri = (tmp_path / "a.txt").as_uri()
    client.open(uri, "Stor dag 🎉 #grønomstilling")
    client.diagnostics(uri, version=1)
    params = {
        "textDocument": {"uri": uri},
        "range": {"start": {"line": -1, "character": -5}, "end": {"line": 0, "character": 30}},
        "context": {"diagnostics": []},
    }
    msg = _response(client, _raw_request(client, "textDocument/codeAction", params))
    assert msg is not None and "result" in msg
    titles = [a["title"] for a in msg["result"] or []]
    assert any("#GrønOmstilling" in t for t in titles)


@pytest.mark.parametrize("delta", [+50, -10, +100_000])
def test_a_wrong_content_length_does_not_stall_the_requests_after_it(
    client: LspClient, tmp_path: Path, delta: int
) -> None:
    uri = (tmp_path / "a.txt").as_uri()
    client.open(uri, "Stor dag 🎉 #grønomstilling")
    client.diagnostics(uri, version=1)
    hover = {"textDocument": {"uri": uri}, "position": {"line": 0, "character": 5}}
    bad = _raw_request(client, "textDocument/hover", hover, delta)
    good = _raw_request(client, "textDocument/hover", hover)
    assert _response(client, good) is not None  # within 5 s, not after a 60 s client timeout
    assert _response(client, bad, 1.0) is not None  # the mis-framed one is read and answered too
    assert client.close() == 0


@pytest.mark.parametrize("sep", ["\u2028", "\u2029", "\u0085"])
def test_unicode_line_separators_are_not_line_breaks_in_findings_or_lsp(sep: str) -> None:
    from postcraft import analyze, check
    from postcraft.lsp.textindex import LineIndex

    text = f"Stor dag 🎉{sep}Vi kører #grønomstilling\nog igen #grønomstilling"
    index = LineIndex(text)
    a = analyze(text, lang="da")
    fs = [f for f in check(text, lang="da") if f.rule == "linkedin.hashtags.camelcase"]
    assert len(fs) == 2
    for f in fs:
        line, character = index.position(f.start)
        pos = a.position(f.start)
        assert (f.line - 1, pos.utf16_column) == (line, character)
    assert [f.line for f in fs] == [1, 2]
