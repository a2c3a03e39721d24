"""The language server, driven for real: a subprocess speaking LSP JSON-RPC over stdio.

The client below frames messages with Content-Length headers, answers the server's own
requests (client/registerCapability, workspace/configuration) and records every
notification with the time it arrived. No part of the protocol is mocked.
"""

from __future__ import annotations

import json
import os
import queue
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("pygls", reason="the language server needs the 'lsp' extra (pygls)")

from postcraft import check, review  # noqa: E402
from postcraft.analysis import analyze  # noqa: E402
from postcraft.langs import resolve  # noqa: E402
from postcraft.tone import score_tone  # noqa: E402

TIMEOUT = 20.0


class LspClient:
    """A minimal LSP client over a subprocess's stdio."""

    def __init__(
        self,
        args: list[str] | None = None,
        cwd: Path | None = None,
        env: dict[str, str] | None = None,
        configuration: Any = None,
        module: str = "postcraft.lsp",
    ) -> None:
        cmd = [sys.executable, "-m", module, *(args or [])]
        self.proc = subprocess.Popen(
            cmd,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            cwd=cwd,
            env={**os.environ, **(env or {})},
        )
        self.configuration = configuration
        self._next_id = 0
        self._write_lock = threading.Lock()
        self._responses: dict[int, Any] = {}
        self._cond = threading.Condition()
        self.notifications: list[tuple[float, str, Any]] = []
        self.server_requests: list[tuple[str, Any]] = []
        self._events: queue.Queue[None] = queue.Queue()
        self._stderr: list[bytes] = []
        threading.Thread(target=self._read, daemon=True).start()
        threading.Thread(target=self._read_stderr, daemon=True).start()

    # -- wire ------------------------------------------------------------------------------
    def _write(self, msg: dict[str, Any]) -> None:
        body = json.dumps(msg, ensure_ascii=False).encode("utf-8")
        assert self.proc.stdin is not None
        with self._write_lock:
            self.proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
            self.proc.stdin.flush()

    def _read(self) -> None:
        out = self.proc.stdout
        assert out is not None
        while True:
            length = None
            while True:
                line = out.readline()
                if not line:
                    with self._cond:
                        self._cond.notify_all()
                    return
                line = line.strip()
                if not line:
                    break
                name, _, value = line.partition(b":")
                if name.strip().lower() == b"content-length":
                    length = int(value)
            assert length is not None, "a message without Content-Length"
            msg = json.loads(out.read(length).decode("utf-8"))
            now = time.perf_counter()
            if "id" in msg and "method" in msg:  # a request from the server
                self.server_requests.append((msg["method"], msg.get("params")))
                result: Any = None
                if msg["method"] == "workspace/configuration":
                    result = [self.configuration for _ in msg["params"]["items"]]
                self._write({"jsonrpc": "2.0", "id": msg["id"], "result": result})
            elif "id" in msg:
                with self._cond:
                    self._responses[msg["id"]] = msg
                    self._cond.notify_all()
            else:
                with self._cond:
                    self.notifications.append((now, msg["method"], msg.get("params")))
                    self._cond.notify_all()

    def _read_stderr(self) -> None:
        assert self.proc.stderr is not None
        for line in self.proc.stderr:
            self._stderr.append(line)

    @property
    def stderr(self) -> str:
        return b"".join(self._stderr).decode("utf-8", "replace")

    # -- protocol --------------------------------------------------------------------------
    def request(self, method: str, params: Any = None, timeout: float = TIMEOUT) -> Any:
        self._next_id += 1
        rid = self._next_id
        self._write({"jsonrpc": "2.0", "id": rid, "method": method, "params": params})
        deadline = time.monotonic() + timeout
        with self._cond:
            while rid not in self._responses:
                left = deadline - time.monotonic()
                if left <= 0 or self.proc.poll() is not None:
                    raise AssertionError(f"no response to {method}; server stderr:\n{self.stderr}")
                self._cond.wait(left)
            msg = self._responses.pop(rid)
        assert "error" not in msg, msg["error"]
        return msg.get("result")

    def notify(self, method: str, params: Any = None) -> float:
        self._write({"jsonrpc": "2.0", "method": method, "params": params})
        return time.perf_counter()

    def wait_for(
        self,
        method: str,
        pred: Callable[[Any], bool] = lambda p: True,
        *,
        after: int = 0,
        timeout: float = TIMEOUT,
    ) -> tuple[int, float, Any]:
        """The first notification ``method`` at index ≥ ``after`` whose params satisfy ``pred``."""
        deadline = time.monotonic() + timeout
        with self._cond:
            while True:
                for i in range(after, len(self.notifications)):
                    t, m, p = self.notifications[i]
                    if m == method and pred(p):
                        return i, t, p
                left = deadline - time.monotonic()
                if left <= 0 or self.proc.poll() is not None:
                    raise AssertionError(
                        f"no {method} arrived; got {[m for _, m, _ in self.notifications]}; "
                        f"stderr:\n{self.stderr}"
                    )
                self._cond.wait(left)

    def diagnostics(self, uri: str, *, version: int | None = None, after: int = 0) -> tuple[int, list[Any]]:
        def ok(p: Any) -> bool:
            return bool(p["uri"] == uri and (version is None or p.get("version") == version))

        i, _, p = self.wait_for("textDocument/publishDiagnostics", ok, after=after)
        return i, p["diagnostics"]

    def initialize(self, root: Path | None, options: Any = None, capabilities: Any = None) -> Any:
        caps = capabilities or {
            "workspace": {
                "workspaceEdit": {"documentChanges": True},
                "didChangeWatchedFiles": {"dynamicRegistration": True},
                "configuration": False,
            },
            "textDocument": {"hover": {"contentFormat": ["markdown", "plaintext"]}},
        }
        result = self.request(
            "initialize",
            {
                "processId": os.getpid(),
                "rootUri": root.as_uri() if root else None,
                "workspaceFolders": [{"uri": root.as_uri(), "name": root.name}] if root else None,
                "capabilities": caps,
                "initializationOptions": options,
            },
        )
        self.notify("initialized", {})
        return result

    def open(self, uri: str, text: str, language: str = "plaintext", version: int = 1) -> None:
        self.notify(
            "textDocument/didOpen",
            {"textDocument": {"uri": uri, "languageId": language, "version": version, "text": text}},
        )

    def change(self, uri: str, text: str, version: int) -> float:
        return self.notify(
            "textDocument/didChange",
            {"textDocument": {"uri": uri, "version": version}, "contentChanges": [{"text": text}]},
        )

    def close(self) -> int:
        """shutdown + exit; returns the server's exit code."""
        if self.proc.poll() is None:
            self.request("shutdown")
            self.notify("exit")
            try:
                return self.proc.wait(timeout=TIMEOUT)
            finally:
                if self.proc.poll() is None:
                    self.proc.kill()
        return self.proc.returncode

    def kill(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(timeout=TIMEOUT)


# -- independent position arithmetic (not postcraft's) ------------------------------------------


def lsp_pos(text: str, offset: int) -> dict[str, int]:
    """LSP position (UTF-16) of a code-point offset, computed the plain way."""
    before = text[:offset]
    line = before.count("\n")
    col_text = before[before.rfind("\n") + 1 :]
    return {"line": line, "character": len(col_text.encode("utf-16-le")) // 2}


def cp_offset(text: str, pos: dict[str, int]) -> int:
    """Code-point offset of an LSP position (UTF-16), computed the plain way."""
    lines = text.split("\n")
    start = sum(len(x) + 1 for x in lines[: pos["line"]])
    units = pos["character"]
    line = lines[pos["line"]]
    k = 0
    while k < len(line) and units > 0:
        units -= 2 if ord(line[k]) > 0xFFFF else 1
        k += 1
    return start + k


def apply_edits(text: str, edits: list[dict[str, Any]]) -> str:
    spans = [
        (cp_offset(text, e["range"]["start"]), cp_offset(text, e["range"]["end"]), e["newText"])
        for e in edits
    ]
    for s, e, new in sorted(spans, reverse=True):
        text = text[:s] + new + text[e:]
    return text


def edits_of(action: dict[str, Any], uri: str) -> list[dict[str, Any]]:
    edit = action["edit"]
    if "documentChanges" in edit:
        (doc,) = [d for d in edit["documentChanges"] if d["textDocument"]["uri"] == uri]
        return list(doc["edits"])
    return list(edit["changes"][uri])


@pytest.fixture
def client_factory(tmp_path: Path) -> Any:
    clients: list[LspClient] = []

    def make(**kwargs: Any) -> LspClient:
        c = LspClient(**kwargs)
        clients.append(c)
        return c

    yield make
    for c in clients:
        c.kill()


# -- drafts -------------------------------------------------------------------------------------

DA_DRAFT = (
    "Første dag 🎉 på kontoret i Århus – jeg er spændt! 👩🏽‍💻\n"
    "Tak til holdet for en varm velkomst, især på kaffemaskinen ☕️.\n"
    "Jeg glæder mig til at lære mere om grøn energi 🌱 #grønomstilling"
)
EN_DRAFT = (
    "Day one 🚀 at the Århus office – I'm nervous but happy! Ærligt talt: hyggeligt.\n\n"
    "I spent the morning with the team 🙌 and learned how the plant works.\n"
    "What did your first day look like? 🌍 #employeeadvocacy"
)


def camelcase(diags: list[Any]) -> list[Any]:
    return [d for d in diags if d.get("code") == "linkedin.hashtags.camelcase"]


@pytest.mark.parametrize(
    ("lang", "draft", "fixed_tag"),
    [
        ("da", DA_DRAFT, "#GrønOmstilling"),
        ("en", EN_DRAFT, "#EmployeeAdvocacy"),
    ],
    ids=["da", "en"],
)
def test_session_diagnostics_fix_hover(
    client_factory: Any, tmp_path: Path, lang: str, draft: str, fixed_tag: str
) -> None:
    expected = [f for f in check(draft) if f.rule == "linkedin.hashtags.camelcase"]
    assert expected and analyze(draft).lang == lang  # the draft really has the finding, in that language
    finding = expected[0]
    assert sum(1 for ch in draft[: finding.start] if ord(ch) > 0xFFFF) >= 2  # emoji before it: UTF-16 matters

    c = client_factory(cwd=tmp_path)
    init = c.initialize(tmp_path)
    caps = init["capabilities"]
    assert caps["codeActionProvider"] and caps["hoverProvider"]
    assert init["serverInfo"]["name"] == "postcraft"
    uri = (tmp_path / f"draft-{lang}.txt").as_uri()
    c.open(uri, draft)
    i, diags = c.diagnostics(uri, version=1)

    # the finding, with UTF-16 positions, rule id as code, severity mapped, source postcraft
    (d,) = camelcase(diags)
    assert d["range"] == {"start": lsp_pos(draft, finding.start), "end": lsp_pos(draft, finding.end)}
    assert d["range"]["start"]["character"] != draft.split("\n")[d["range"]["start"]["line"]].index("#")
    assert d["source"] == "postcraft" and d["severity"] == 3  # suggestion → Information
    assert d["message"] == finding.message
    # every finding of the library is there, nothing else under a rule id
    tone = score_tone(draft)
    rule_diags = [x for x in diags if not x["code"].startswith(("tone", "tags", "postcraft."))]
    assert sorted(x["code"] for x in rule_diags) == sorted(f.rule for f in check(draft))
    # the tone as an information diagnostic on line 1
    (tone_d,) = [x for x in diags if x["code"] == "tone"]
    assert tone_d["range"]["start"]["line"] == 0 and tone_d["severity"] == 3
    assert resolve(lang).percent(tone.personal) in tone_d["message"]  # "98 %" in Danish, "98%" in English

    # code action: the fix edit replaces exactly the hashtag
    actions = c.request(
        "textDocument/codeAction",
        {
            "textDocument": {"uri": uri},
            "range": d["range"],
            "context": {"diagnostics": [d]},
        },
    )
    fixes = [a for a in actions if a.get("diagnostics") and a["diagnostics"][0]["code"] == d["code"]]
    assert fixes and fixes[0]["kind"] == "quickfix" and fixes[0]["isPreferred"] is True
    assert fixes[0]["edit"]["documentChanges"][0]["textDocument"] == {"uri": uri, "version": 1}
    fixed = apply_edits(draft, edits_of(fixes[0], uri))
    assert fixed == draft[: finding.start] + fixed_tag + draft[finding.end :]

    # didChange with the fixed text: new diagnostics, without the finding
    c.change(uri, fixed, 2)
    _, diags2 = c.diagnostics(uri, version=2, after=i + 1)
    assert camelcase(diags2) == []
    assert any(x["code"] == "tone" for x in diags2)
    # no organisation file: one information message per document (not one per review), in the
    # draft's language, and no diagnostic for it
    notices = [
        p for _, m, p in c.notifications if m == "window/showMessage" and "organisation" in p["message"]
    ]
    assert len(notices) == 1 and notices[0]["type"] == 3
    assert notices[0]["message"] == "postcraft: " + review(draft).notices[0].message

    # hover on a tone driver's words shows its category, direction and hint
    tone2 = score_tone(fixed)
    driver = next(dr for dr in tone2.drivers if dr.spans and dr.hint)
    s, e = driver.spans[0]
    h = c.request("textDocument/hover", {"textDocument": {"uri": uri}, "position": lsp_pos(fixed, s)})
    assert h is not None and h["contents"]["kind"] == "markdown"
    assert driver.hint in h["contents"]["value"]
    assert h["range"]["start"] == lsp_pos(fixed, s) and h["range"]["end"] == lsp_pos(fixed, e)
    from postcraft.lsp.features import messages

    m = messages(lang)
    assert m["categories"][driver.category] in h["contents"]["value"]
    assert m["directions"][driver.direction] in h["contents"]["value"]

    assert c.close() == 0


def test_fix_all_and_positions_after_astral_on_same_line(client_factory: Any, tmp_path: Path) -> None:
    draft = "Æøå 👋🏻 #grønomstilling og 🎉 #bæredygtigudvikling\nHilsen fra 🇩🇰 #danskdesign"
    planned = [f for f in check(draft) if f.applicability == "safe"]
    assert len(planned) >= 3
    c = client_factory(cwd=tmp_path)
    c.initialize(tmp_path, capabilities={"workspace": {}})  # no documentChanges: plain 'changes'
    uri = (tmp_path / "post.txt").as_uri()
    c.open(uri, draft)
    _, diags = c.diagnostics(uri, version=1)
    for f in planned:
        assert any(
            x["code"] == f.rule
            and x["range"]["start"] == lsp_pos(draft, f.start)
            and x["range"]["end"] == lsp_pos(draft, f.end)
            for x in diags
        )
    actions = c.request(
        "textDocument/codeAction",
        {
            "textDocument": {"uri": uri},
            "range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}},
            "context": {"diagnostics": [], "only": ["source.fixAll"]},
        },
    )
    assert [a["kind"] for a in actions] == ["source.fixAll.postcraft"]
    from postcraft.rules import apply_fixes

    assert apply_edits(draft, edits_of(actions[0], uri)) == apply_fixes(draft, check(draft))
    assert c.close() == 0


def test_debounce_coalesces_changes(client_factory: Any, tmp_path: Path) -> None:
    c = client_factory(cwd=tmp_path, args=["--debounce", "300"])
    c.initialize(tmp_path)
    uri = (tmp_path / "post.txt").as_uri()
    base = "Jeg har lige haft min første uge som elev på Rigshospitalet 🎉"
    c.open(uri, base)
    i, _ = c.diagnostics(uri, version=1)
    t_first = c.change(uri, base + " og", 2)
    c.change(uri, base + " og jeg", 3)
    c.change(uri, base + " og jeg er glad #grønomstilling", 4)
    j, t_pub, params = c.wait_for("textDocument/publishDiagnostics", lambda p: p["uri"] == uri, after=i + 1)
    assert params["version"] == 4  # versions 2 and 3 were never reviewed
    assert camelcase(params["diagnostics"])
    assert t_pub - t_first >= 0.28  # it waited for the pause
    time.sleep(0.4)
    assert [
        p["version"]
        for _, m, p in c.notifications[j + 1 :]
        if m == "textDocument/publishDiagnostics" and p["uri"] == uri
    ] == []
    assert c.close() == 0


def test_workspace_config_tags_and_org_rules(client_factory: Any, tmp_path: Path) -> None:
    (tmp_path / "postcraft.yaml").write_text(
        "# workspace settings for postcraft\nguidelines: rules/acme.yaml\nroster: people.yaml\nlang: da\n",
        "utf-8",
    )
    (tmp_path / "rules").mkdir()
    (tmp_path / "rules" / "acme.yaml").write_text(
        "organisation: {name: Acme}\n"
        "help: https://intranet.acme.example/stil\n"
        "rules:\n"
        "  - id: acme.synergi\n"
        "    kind: substitution\n"
        "    swap: {synergi: samarbejde}\n"
        '    message: {da: "Skriv »{replacement}«.", en: "Write “{replacement}”."}\n',
        "utf-8",
    )
    (tmp_path / "people.yaml").write_text(
        "people:\n"
        "  - {name: Mette Hansen, consent: true, urn: 'urn:li:person:mh1', topics: [rekruttering]}\n",
        "utf-8",
    )
    draft = "Tak til Mette 🙏 for hjælpen med rekrutteringen – hvilken synergi! 💚 æøå"
    c = client_factory(cwd=tmp_path)
    c.initialize(tmp_path)
    sub = tmp_path / "drafts"
    sub.mkdir()
    uri = (sub / "tak.txt").as_uri()  # postcraft.yaml is found from a sub-folder
    c.open(uri, draft)
    _, diags = c.diagnostics(uri, version=1)
    (syn,) = [d for d in diags if d["code"] == "acme.synergi"]
    start = draft.index("synergi")
    assert syn["range"]["start"] == lsp_pos(draft, start)
    assert syn["codeDescription"] == {"href": "https://intranet.acme.example/stil"}
    (person,) = [d for d in diags if d["code"] == "tags.person"]
    assert person["range"]["start"] == lsp_pos(draft, draft.index("Mette"))
    hashtags = [d for d in diags if d["code"] == "tags.hashtag"]
    assert hashtags  # recruiting → a suggested hashtag
    # the organisation is configured: no notice about its missing file
    assert not [
        p for _, m, p in c.notifications if m == "window/showMessage" and "organisation" in p["message"]
    ]

    # accept the tag suggestion: an '@' goes in front of the name
    actions = c.request(
        "textDocument/codeAction",
        {
            "textDocument": {"uri": uri},
            "range": person["range"],
            "context": {"diagnostics": [person]},
        },
    )
    (tag,) = [a for a in actions if "Mette Hansen" in a["title"]]
    assert apply_edits(draft, edits_of(tag, uri)) == draft.replace("Mette", "@Mette")
    # accept a hashtag suggestion (offered on the last line)
    actions = c.request(
        "textDocument/codeAction",
        {
            "textDocument": {"uri": uri},
            "range": hashtags[0]["range"],
            "context": {"diagnostics": hashtags},
        },
    )
    add = [a for a in actions if a["title"].startswith("Tilføj #")]
    assert add
    new = apply_edits(draft, edits_of(add[0], uri))
    assert new.startswith(draft) and new.rstrip().endswith(add[0]["title"].split()[-1])
    # the org rule's fix
    actions = c.request(
        "textDocument/codeAction",
        {
            "textDocument": {"uri": uri},
            "range": syn["range"],
            "context": {"diagnostics": [syn]},
        },
    )
    fix = next(a for a in actions if a["title"] == "Erstat med »samarbejde«")
    assert apply_edits(draft, edits_of(fix, uri)) == draft.replace("synergi", "samarbejde")
    assert c.close() == 0


def test_broken_guideline_file_is_a_diagnostic_on_that_file(client_factory: Any, tmp_path: Path) -> None:
    guide = tmp_path / "guidelines.yaml"
    (tmp_path / "postcraft.yaml").write_text("guidelines: guidelines.yaml\n", "utf-8")
    guide.write_text("organisation:\n  name: Acme\nmax_hashtags: 2\nrulez: []\n", "utf-8")
    c = client_factory(cwd=tmp_path)
    c.initialize(tmp_path)
    uri = (tmp_path / "post.txt").as_uri()
    draft = "Godt nyt 🎉 #grønomstilling"
    c.open(uri, draft)
    i, diags = c.diagnostics(uri, version=1)
    # the draft is still checked (built-in guidelines) and says why its own guidelines are missing
    assert camelcase(diags)
    (warn,) = [d for d in diags if d["code"] == "postcraft.config"]
    assert "guidelines.yaml:4" in warn["message"] and warn["severity"] == 2
    _, gdiags = c.diagnostics(guide.resolve().as_uri())
    (g,) = gdiags
    assert g["range"]["start"] == {"line": 3, "character": 0} and g["range"]["end"]["character"] == len(
        "rulez: []"
    )
    assert "rulez" in g["message"] and g["severity"] == 1 and g["code"] == "postcraft.config"

    # fix the file; the watcher notification makes the server re-read it and clear the diagnostic
    guide.write_text("organisation:\n  name: Acme\nmax_hashtags: 2\nrules: []\n", "utf-8")
    n = len(c.notifications)
    c.notify("workspace/didChangeWatchedFiles", {"changes": [{"uri": guide.as_uri(), "type": 2}]})
    _, gdiags = c.diagnostics(guide.resolve().as_uri(), after=n)
    assert gdiags == []
    _, diags = c.diagnostics(uri, after=n)
    assert not [d for d in diags if d["code"] == "postcraft.config"]
    assert any(
        r["method"] == "client/registerCapability" for r in [{"method": m} for m, _ in c.server_requests]
    )
    assert c.close() == 0


def test_client_settings_languages_and_configuration_change(client_factory: Any, tmp_path: Path) -> None:
    options = {
        "postcraft": {
            "languages": ["plaintext"],
            "toneDiagnostic": False,
            "guidelines": {
                "rules": [
                    {
                        "id": "acme.kestrel",
                        "kind": "existence",
                        "terms": ["Kestrel"],
                        "severity": "error",
                        "message": "Kodenavnet »{match}« er internt.",
                    }
                ]
            },
        }
    }
    c = client_factory(cwd=tmp_path)
    c.initialize(tmp_path, options=options)
    md = (tmp_path / "notes.md").as_uri()
    txt = (tmp_path / "post.txt").as_uri()
    c.open(md, "# Noter\n\nKestrel 🎉 #grønomstilling", language="markdown")
    c.open(txt, "Første uge 👋 med Kestrel-holdet i Åbenrå. Jeg lærer meget om Kestrel.")
    i, diags = c.diagnostics(txt, version=1)
    assert not any(p["uri"] == md for _, m, p in c.notifications if m == "textDocument/publishDiagnostics")
    (k,) = [d for d in diags if d["code"] == "acme.kestrel"]
    assert k["severity"] == 1 and not any(d["code"] == "tone" for d in diags)

    # the editor changes its settings: markdown too, tone diagnostic back, Kestrel rule disabled
    c.notify(
        "workspace/didChangeConfiguration",
        {
            "settings": {
                "postcraft": {
                    **options["postcraft"],
                    "languages": ["plaintext", "markdown"],
                    "toneDiagnostic": True,
                    "disable": ["acme.kestrel"],
                }
            }
        },
    )
    _, diags = c.diagnostics(txt, after=i + 1)
    assert not any(d["code"] == "acme.kestrel" for d in diags) and any(d["code"] == "tone" for d in diags)
    _, mdiags = c.diagnostics(md, after=i + 1)
    assert camelcase(mdiags)
    assert c.close() == 0


def test_configuration_pulled_when_the_client_supports_it(client_factory: Any, tmp_path: Path) -> None:
    c = client_factory(cwd=tmp_path, configuration={"disable": ["linkedin.hashtags"]})
    c.initialize(tmp_path, capabilities={"workspace": {"configuration": True}})
    uri = (tmp_path / "post.txt").as_uri()
    deadline = time.monotonic() + TIMEOUT
    while not any(m == "workspace/configuration" for m, _ in c.server_requests):
        assert time.monotonic() < deadline
        time.sleep(0.01)
    c.open(uri, "Godt nyt 🎉 #grønomstilling")
    _, diags = c.diagnostics(uri, version=1)
    assert not camelcase(diags)
    assert c.close() == 0


def test_unsupported_language_and_utf32(client_factory: Any, tmp_path: Path) -> None:
    c = client_factory(cwd=tmp_path)
    result = c.initialize(tmp_path, capabilities={"general": {"positionEncodings": ["utf-32", "utf-16"]}})
    assert result["capabilities"]["positionEncoding"] == "utf-32"
    de = (tmp_path / "de.txt").as_uri()
    c.open(
        de,
        "Heute war ein wunderbarer Tag mit meinen Kollegen in der neuen Abteilung, "
        "und wir haben viel gelernt.",
    )
    _, diags = c.diagnostics(de, version=1)
    assert [d["code"] for d in diags] == ["postcraft.language"]
    uri = (tmp_path / "post.txt").as_uri()
    draft = "Æ 👋🏻 🎉 #grønomstilling"
    c.open(uri, draft)
    _, diags = c.diagnostics(uri, version=1)
    (d,) = camelcase(diags)
    assert d["range"]["start"] == {"line": 0, "character": draft.index("#")}  # code points
    assert c.close() == 0


def test_exit_without_shutdown_is_exit_code_1(client_factory: Any, tmp_path: Path) -> None:
    c = client_factory(cwd=tmp_path)
    c.initialize(tmp_path)
    c.notify("exit")
    assert c.proc.wait(timeout=TIMEOUT) == 1


def test_cli_rejects_bad_debounce() -> None:
    r = subprocess.run(
        [sys.executable, "-m", "postcraft.lsp", "--debounce", "-5"],
        capture_output=True,
        text=True,
        timeout=60,
        stdin=subprocess.DEVNULL,
    )
    assert r.returncode == 2 and "--debounce" in r.stderr


def test_cli_register_adds_lsp_command() -> None:
    import argparse

    from postcraft.cli.lsp import register

    parser = argparse.ArgumentParser(prog="postcraft")
    register(parser.add_subparsers(dest="command"))
    args = parser.parse_args(["lsp", "--stdio", "--debounce", "80"])
    assert (args.command, args.stdio, args.debounce, callable(args.func)) == ("lsp", True, 80, True)
    assert parser.parse_args(["lsp"]).debounce == 150


def test_console_script_runs_the_server(client_factory: Any, tmp_path: Path) -> None:
    """`postcraft lsp` through the main CLI (once the lead lists postcraft.cli.lsp in COMMAND_MODULES)."""
    from postcraft import cli

    if "postcraft.cli.lsp" not in cli.COMMAND_MODULES:
        pytest.skip("postcraft.cli.lsp is not in postcraft.cli.COMMAND_MODULES yet")
    c = client_factory(cwd=tmp_path, module="postcraft.cli", args=["lsp", "--stdio", "--debounce", "50"])
    c.initialize(tmp_path)
    uri = (tmp_path / "post.txt").as_uri()
    c.open(uri, "Hej 👋 #grønomstilling")
    _, diags = c.diagnostics(uri, version=1)
    assert camelcase(diags)
    assert c.close() == 0
