"""The postcraft language server (pygls): live diagnostics, fixes, tag actions and tone hovers.

Start it with ``postcraft lsp`` (or ``python -m postcraft.lsp``); it talks LSP over stdio.
Documents whose language id is in the ``languages`` setting (default: plaintext, text and markdown)
are reviewed when opened and, after each change, once the typing has paused for
``debounce_ms`` (default 150 ms). Reviews run on a worker thread, one at a time, so the
server keeps answering while a draft is checked; a review of a version the editor has since
replaced is dropped. A document over :data:`MAX_CHARS` characters is not reviewed (one
diagnostic says so), and at most :data:`MAX_DIAGNOSTICS` diagnostics are published per
document. See ``docs/plugins.md`` for the settings and a VS Code client.
"""

from __future__ import annotations

import asyncio
import gc
import inspect
import json
import logging
import sys
import warnings
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from lsprotocol import types as lsp
from pygls.lsp.server import LanguageServer
from pygls.uris import from_fs_path, to_fs_path

from .._version import __version__
from ..errors import PostcraftWarning
from ..langs import SUPPORTED
from . import DEFAULT_DEBOUNCE_MS
from .config import DocConfig, Problem, Resolver
from .engine import DocReview, review_document
from .features import EditMaker, code_actions, diagnostics, hover, messages, problem_diagnostic
from .textindex import ENCODINGS, UTF16

log = logging.getLogger("postcraft.lsp")

WATCH_GLOB = "**/*.{yaml,yml,csv,json}"
#: Documents longer than this (in characters) are not reviewed: a LinkedIn post holds 3,000.
MAX_CHARS = 100_000
#: The most diagnostics published for one document (the rest are summarised in one more).
MAX_DIAGNOSTICS = 500


@dataclass
class _Doc:
    """What the server keeps per open document."""

    review: DocReview | None = None
    config: DocConfig | None = None
    timer: asyncio.TimerHandle | None = None
    published: bool = False
    #: notice codes already shown for this document (each once while it is open)
    noticed: set[str] = field(default_factory=set)
    #: the review running or queued on the worker thread, and the version it is for
    pending: asyncio.Future[Any] | None = None


class PostcraftServer(LanguageServer):
    """A :class:`pygls.lsp.server.LanguageServer` that reviews drafts with postcraft."""

    def __init__(self, debounce_ms: int = DEFAULT_DEBOUNCE_MS) -> None:
        super().__init__("postcraft", __version__, text_document_sync_kind=lsp.TextDocumentSyncKind.Full)
        self.resolver = Resolver(default_debounce_ms=debounce_ms)
        self.docs: dict[str, _Doc] = {}
        self.config_published: dict[str, list[tuple[str, int | None, str]]] = {}
        self.document_changes = False
        self.encoding = UTF16
        #: broken plugins already shown to the user (each is shown once per process)
        self.announced: set[str] = set()
        #: reviews run here, one at a time, off the event loop
        self.reviewer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="postcraft-review")
        #: reviews whose result was dropped because a newer version had arrived
        self.stale_dropped = 0
        self._register()

    # -- setup --------------------------------------------------------------------------------
    def _register(self) -> None:
        self.feature(lsp.INITIALIZE)(_handler(self.on_initialize))
        self.feature(lsp.INITIALIZED)(_handler(self.on_initialized))
        self.feature(lsp.SHUTDOWN)(_handler(self.on_shutdown))
        self.feature(lsp.TEXT_DOCUMENT_DID_OPEN)(_handler(self.on_open))
        self.feature(lsp.TEXT_DOCUMENT_DID_CHANGE)(_handler(self.on_change))
        self.feature(lsp.TEXT_DOCUMENT_DID_SAVE, lsp.SaveOptions(include_text=False))(_handler(self.on_save))
        self.feature(lsp.TEXT_DOCUMENT_DID_CLOSE)(_handler(self.on_close))
        self.feature(lsp.WORKSPACE_DID_CHANGE_CONFIGURATION)(_handler(self.on_configuration))
        self.feature(lsp.WORKSPACE_DID_CHANGE_WATCHED_FILES)(_handler(self.on_watched_files))
        self.feature(lsp.WORKSPACE_DID_CHANGE_WORKSPACE_FOLDERS)(_handler(self.on_folders))
        self.feature(lsp.TEXT_DOCUMENT_HOVER)(_handler(self.on_hover))
        self.feature(
            lsp.TEXT_DOCUMENT_CODE_ACTION,
            lsp.CodeActionOptions(
                code_action_kinds=[lsp.CodeActionKind.QuickFix, lsp.CodeActionKind.SourceFixAll]
            ),
        )(_handler(self.on_code_action))

    def on_initialize(self, params: lsp.InitializeParams) -> None:
        folders: list[str] = []
        for f in params.workspace_folders or []:
            p = to_fs_path(f.uri)
            if p:
                folders.append(p)
        if not folders:
            root = to_fs_path(params.root_uri) if params.root_uri else params.root_path
            if root:
                folders.append(root)
        self.resolver.folders = [str(Path(f)) for f in folders]
        self.resolver.settings = _settings(params.initialization_options)
        caps = params.capabilities
        ws = caps.workspace
        self.document_changes = bool(ws and ws.workspace_edit and ws.workspace_edit.document_changes)
        enc = str(self.workspace.position_encoding or UTF16)
        self.encoding = enc if enc in ENCODINGS else UTF16

    async def on_initialized(self, params: lsp.InitializedParams) -> None:
        loop = asyncio.get_running_loop()
        warm = loop.run_in_executor(self.reviewer, self._warm_up)
        warm.add_done_callback(lambda _f: self._announce_plugin_problems())
        caps = self.client_capabilities.workspace
        if caps and caps.did_change_watched_files and caps.did_change_watched_files.dynamic_registration:
            reg = lsp.Registration(
                id="postcraft-config-files",
                method=lsp.WORKSPACE_DID_CHANGE_WATCHED_FILES,
                register_options=lsp.DidChangeWatchedFilesRegistrationOptions(
                    watchers=[lsp.FileSystemWatcher(glob_pattern=WATCH_GLOB)]
                ),
            )
            try:
                await self.client_register_capability_async(lsp.RegistrationParams(registrations=[reg]))
            except Exception as exc:  # a client may refuse; reviews still re-check files on each run
                log.info("file watcher not registered: %s", exc)
        if caps and caps.configuration and not self.resolver.settings:
            await self._pull_configuration()

    def _warm_up(self) -> None:
        """Load the lexicons, tone models and guidelines before the first draft arrives, then
        move everything loaded out of the garbage collector's way (fewer pauses while typing)."""
        try:
            cfg = self.resolver.resolve(None)
            for lang in SUPPORTED:
                review_document(messages(lang)["warm_up"], replace(cfg, lang=lang), encoding=self.encoding)
        except Exception as exc:  # a broken configuration shows up on the first draft instead
            log.info("warm-up failed: %s", exc)
        gc.collect()
        gc.freeze()

    def on_shutdown(self, params: Any = None) -> None:
        for doc in self.docs.values():
            if doc.timer is not None:
                doc.timer.cancel()
                doc.timer = None
            if doc.pending is not None:
                doc.pending.cancel()
        self.reviewer.shutdown(wait=False, cancel_futures=True)

    async def _pull_configuration(self) -> None:
        try:
            result = await self.workspace_configuration_async(
                lsp.ConfigurationParams(items=[lsp.ConfigurationItem(section="postcraft")])
            )
        except Exception as exc:
            log.info("workspace/configuration failed: %s", exc)
            return
        if result and isinstance(result[0], dict):
            self.resolver.settings = _settings(result[0])
            self.review_all()

    # -- documents ----------------------------------------------------------------------------
    def on_open(self, params: lsp.DidOpenTextDocumentParams) -> None:
        self.docs[params.text_document.uri] = _Doc()
        self.review(params.text_document.uri)

    def on_change(self, params: lsp.DidChangeTextDocumentParams) -> None:
        uri = params.text_document.uri
        doc = self.docs.setdefault(uri, _Doc())
        if doc.timer is not None:
            doc.timer.cancel()
        delay = (
            doc.config.debounce_ms if doc.config is not None else self.resolver.default_debounce_ms
        ) / 1000
        doc.timer = asyncio.get_running_loop().call_later(delay, self._fire, uri)

    def _fire(self, uri: str) -> None:
        doc = self.docs.get(uri)
        if doc is not None:
            doc.timer = None
            self.review(uri)

    def on_save(self, params: lsp.DidSaveTextDocumentParams) -> None:
        # a saved guideline, roster or postcraft.yaml changes what every draft is checked with
        self.review_all()

    def on_close(self, params: lsp.DidCloseTextDocumentParams) -> None:
        uri = params.text_document.uri
        doc = self.docs.pop(uri, None)
        if doc is not None:
            if doc.timer is not None:
                doc.timer.cancel()
            if doc.pending is not None:
                doc.pending.cancel()
            if doc.published:
                self.text_document_publish_diagnostics(lsp.PublishDiagnosticsParams(uri=uri, diagnostics=[]))
        self._publish_config_problems()

    def on_configuration(self, params: lsp.DidChangeConfigurationParams) -> None:
        settings = params.settings
        if isinstance(settings, dict) and settings:
            self.resolver.settings = _settings(settings)
            self.review_all()
        else:
            caps = self.client_capabilities.workspace
            if caps and caps.configuration:
                asyncio.get_running_loop().create_task(self._pull_configuration())
            else:
                self.review_all()

    def on_watched_files(self, params: lsp.DidChangeWatchedFilesParams) -> None:
        self.review_all()

    def on_folders(self, params: lsp.DidChangeWorkspaceFoldersParams) -> None:
        folders = set(self.resolver.folders)
        for f in params.event.removed:
            p = to_fs_path(f.uri)
            if p:
                folders.discard(str(Path(p)))
        for f in params.event.added:
            p = to_fs_path(f.uri)
            if p:
                folders.add(str(Path(p)))
        self.resolver.folders = sorted(folders)
        self.review_all()

    # -- reviewing ----------------------------------------------------------------------------
    def review_all(self) -> None:
        """Review every open draft now (after a configuration change)."""
        for uri in list(self.docs):
            doc = self.docs[uri]
            if doc.timer is not None:
                doc.timer.cancel()
                doc.timer = None
            self.review(uri, publish_config=False)
        self._publish_config_problems()

    def review(self, uri: str, *, publish_config: bool = True) -> asyncio.Future[Any] | None:
        """Start reviewing the current text of ``uri`` on the worker thread; its diagnostics are
        published when it is done, unless a newer version has been scheduled by then. Returns
        the future of the :class:`DocReview` (``None`` when the document is not reviewed)."""
        doc = self.docs.setdefault(uri, _Doc())
        if doc.pending is not None:  # a queued review of an older version never starts
            doc.pending.cancel()
            doc.pending = None
        try:
            text_doc = self.workspace.get_text_document(uri)
            path = to_fs_path(uri) if uri.startswith("file:") else None
            cfg = self.resolver.resolve(path)
            doc.config = cfg
            if text_doc.language_id is not None and text_doc.language_id not in cfg.languages:
                doc.review = None
                if doc.published:
                    self.text_document_publish_diagnostics(
                        lsp.PublishDiagnosticsParams(uri=uri, diagnostics=[])
                    )
                    doc.published = False
                return None
            text, version = text_doc.source, text_doc.version
            md = text_doc.language_id == "markdown"  # Markdown: code and link targets are not prose
            if len(text) > MAX_CHARS:
                doc.review = None
                msg = messages(cfg.lang or "")["too_long"].format(
                    chars=f"{len(text):,}", limit=f"{MAX_CHARS:,}"
                )
                self._publish(uri, [_whole_doc_diagnostic(msg, lsp.DiagnosticSeverity.Information)], version)
                if publish_config:
                    self._publish_config_problems()
                return None
        except Exception as exc:  # never let one draft take the server down
            self._failed(uri, exc)
            return None
        encoding = self.encoding
        fut = asyncio.get_running_loop().run_in_executor(
            self.reviewer, _review_and_diagnose, text, cfg, version, encoding, md
        )
        doc.pending = fut
        fut.add_done_callback(lambda f: self._reviewed(uri, doc, f, publish_config))
        return fut

    def _reviewed(self, uri: str, doc: _Doc, fut: asyncio.Future[Any], publish_config: bool) -> None:
        """Publish a finished review, unless it is stale (the document changed or closed)."""
        if fut.cancelled():
            return
        if self.docs.get(uri) is not doc or doc.pending is not fut:
            self.stale_dropped += 1
            return
        doc.pending = None
        exc = fut.exception()
        if exc is not None:
            self._failed(uri, exc)
            return
        rv, diags = fut.result()
        doc.review = rv
        log.debug("reviewed %s v%s in %.1f ms", uri, rv.version, rv.elapsed_ms)
        self._publish(uri, diags, rv.version)
        if publish_config:
            self._publish_config_problems()
        self._announce_plugin_problems()
        self._show_notices(doc, rv)

    def _show_notices(self, doc: _Doc, rv: DocReview) -> None:
        """Each notice of a document's review (``no_organisation``) once while it is open, as
        an information message: it is about the configuration, not a place in the text, so it
        is not a diagnostic that would sit on the first line of every draft and in the
        Problems list on every review."""
        for n in rv.notices:
            if n.code in doc.noticed:
                continue
            doc.noticed.add(n.code)
            self.window_show_message(
                lsp.ShowMessageParams(type=lsp.MessageType.Info, message=f"postcraft: {n.message}")
            )

    def _failed(self, uri: str, exc: BaseException) -> None:
        log.error("review of %s failed", uri, exc_info=exc)
        doc = self.docs.get(uri)
        if doc is not None:
            doc.review = None
        msg = f"postcraft could not review this draft: {type(exc).__name__}: {exc}"
        self._publish(
            uri, [_whole_doc_diagnostic(msg, lsp.DiagnosticSeverity.Error, "postcraft.internal")], None
        )

    def _publish(self, uri: str, diags: list[lsp.Diagnostic], version: int | None) -> None:
        self.text_document_publish_diagnostics(
            lsp.PublishDiagnosticsParams(uri=uri, diagnostics=diags, version=version)
        )
        doc = self.docs.get(uri)
        if doc is not None:
            doc.published = True

    async def current(self, uri: str) -> DocReview | None:
        """The review of the document's current text (reviewing now if a change is pending)."""
        doc = self.docs.get(uri)
        if doc is None:
            return None
        text_doc = self.workspace.get_text_document(uri)
        for _ in range(3):  # the text may change again while we wait
            if doc.timer is not None:
                doc.timer.cancel()
                doc.timer = None
                self.review(uri)
            if doc.review is not None and doc.review.text == text_doc.source and doc.pending is None:
                return doc.review
            fut = doc.pending if doc.pending is not None else self.review(uri)
            if fut is None:
                return None
            try:
                got: tuple[DocReview, list[lsp.Diagnostic]] = await asyncio.shield(fut)
            except asyncio.CancelledError:
                if fut.cancelled():
                    continue  # superseded by a newer version: wait for that one
                raise  # the request itself was cancelled
            except Exception:
                return None
            rv = got[0]
            text_doc = self.workspace.get_text_document(uri)
            if rv.text == text_doc.source:
                return rv
        return doc.review

    def _announce_plugin_problems(self) -> None:
        """Show each broken plugin once, as a warning message: it was skipped, drafts are
        still reviewed with everything else (see :func:`postcraft.registry.problems`)."""
        from .. import registry

        for p in registry.problems():
            if p.message in self.announced:
                continue
            self.announced.add(p.message)
            log.warning("%s", p.message)
            self.window_show_message(
                lsp.ShowMessageParams(type=lsp.MessageType.Warning, message=f"postcraft: {p.message}")
            )

    def _publish_config_problems(self) -> None:
        """Show configuration problems on the files they are in; clear the ones now fixed."""
        by_path: dict[str, list[Problem]] = {}
        for doc in self.docs.values():
            if doc.config is None:
                continue
            for p in doc.config.problems:
                if p.path is not None:
                    lst = by_path.setdefault(str(Path(p.path).resolve()), [])
                    if p not in lst:
                        lst.append(p)
        current: dict[str, list[tuple[str, int | None, str]]] = {}
        for path, probs in by_path.items():
            uri = from_fs_path(path) or path
            current[uri] = [(p.message, p.line, p.severity) for p in probs]
            if self.config_published.get(uri) == current[uri]:
                continue
            text = self._file_text(uri, path)
            self.text_document_publish_diagnostics(
                lsp.PublishDiagnosticsParams(
                    uri=uri, diagnostics=[problem_diagnostic(p, text, self.encoding) for p in probs]
                )
            )
        for uri in self.config_published:
            if uri not in current:
                self.text_document_publish_diagnostics(lsp.PublishDiagnosticsParams(uri=uri, diagnostics=[]))
        self.config_published = current

    def _file_text(self, uri: str, path: str) -> str | None:
        if uri in self.workspace.text_documents:
            return self.workspace.get_text_document(uri).source
        try:
            return Path(path).read_bytes().decode("utf-8-sig", "replace")
        except OSError:
            return None

    # -- requests -----------------------------------------------------------------------------
    async def on_code_action(self, params: lsp.CodeActionParams) -> list[lsp.CodeAction] | None:
        uri = params.text_document.uri
        rv = await self.current(uri)
        if rv is None:
            return None
        make = EditMaker(uri, rv.version, self.document_changes)
        return code_actions(rv, params.range, make, params.context.only) or None

    async def on_hover(self, params: lsp.HoverParams) -> lsp.Hover | None:
        rv = await self.current(params.text_document.uri)
        if rv is None:
            return None
        return hover(rv, params.position.line, params.position.character)


def _review_and_diagnose(
    text: str, cfg: DocConfig, version: int | None, encoding: str, markdown: bool = False
) -> tuple[DocReview, list[lsp.Diagnostic]]:
    """The review and its diagnostics (capped at :data:`MAX_DIAGNOSTICS`); runs on the worker."""
    rv = review_document(text, cfg, version=version, encoding=encoding, markdown=markdown)
    diags = diagnostics(rv)
    if len(diags) > MAX_DIAGNOSTICS:
        more = len(diags) - MAX_DIAGNOSTICS + 1
        msg = messages(rv.lang)["too_many"].format(count=f"{more:,}", limit=f"{MAX_DIAGNOSTICS:,}")
        diags = diags[: MAX_DIAGNOSTICS - 1] + [
            _whole_doc_diagnostic(msg, lsp.DiagnosticSeverity.Information)
        ]
    return rv, diags


def _whole_doc_diagnostic(
    message: str, severity: lsp.DiagnosticSeverity, code: str = "postcraft.limit"
) -> lsp.Diagnostic:
    start = lsp.Position(line=0, character=0)
    return lsp.Diagnostic(
        range=lsp.Range(start=start, end=start),
        message=message,
        source="postcraft",
        code=code,
        severity=severity,
    )


def _handler(method: Callable[..., Any]) -> Callable[..., Any]:
    """A plain function calling a bound method (pygls sets attributes on handlers)."""
    if inspect.iscoroutinefunction(method):

        async def run_async(*args: Any) -> Any:
            return await method(*args)

        return run_async

    def run(*args: Any) -> Any:
        return method(*args)

    return run


_HEADER = b"Content-Length:"


class Reframer:
    """Reads LSP messages from a byte stream and hands them on, correctly framed, to pygls.

    pygls trusts ``Content-Length``: one too large swallows the next messages while it waits
    for bytes that never come (each request then times out in the client), one too small
    leaves the rest of the body to be read as headers. Here a body ends at the declared
    length when that is a complete JSON value; otherwise, as soon as what has arrived is a
    complete JSON object, or where the next ``Content-Length:`` header starts (a body that is
    still not JSON there is dropped, with a log line). Requests with negative positions
    (``"line": -1``) are clamped to 0, so they are answered instead of failing validation.
    """

    def __init__(self, raw: Any) -> None:
        self.raw = raw
        self.buf = b""
        self.out: list[bytes] = []

    # -- the interface pygls reads through --------------------------------------------------
    def readline(self) -> bytes:
        if not self.out:
            body = self._next_body()
            if body is None:
                return b""
            self.out = [b"Content-Length: %d\r\n" % len(body), b"\r\n", body]
        return self.out.pop(0)

    def read(self, n: int) -> bytes:
        return self.out.pop(0) if self.out else b""

    # -- framing ------------------------------------------------------------------------------
    def _fill(self) -> bool:
        read1 = getattr(self.raw, "read1", None)
        chunk = read1(65536) if read1 is not None else self.raw.read(1)
        if not chunk:
            return False
        self.buf += chunk
        return True

    def _next_body(self) -> bytes | None:
        while True:
            # headers: up to a blank line
            while b"\r\n\r\n" not in self.buf:
                if not self._fill():
                    return None
            head, _, rest = self.buf.partition(b"\r\n\r\n")
            length: int | None = None
            for line in head.split(b"\r\n"):
                name, _, value = line.partition(b":")
                if name.strip().lower() == b"content-length":
                    try:
                        length = int(value.strip())
                    except ValueError:
                        length = None
            self.buf = rest
            body = self._body(length)
            if body is None:
                return None
            if body:
                return body

    def _body(self, length: int | None) -> bytes | None:
        while True:
            buf = self.buf
            if length is not None and 0 <= length <= len(buf):
                doc = _json(buf[:length])
                if doc is not None:
                    self.buf = buf[length:]
                    return _clamped(buf[:length], doc)
            stripped = buf.rstrip()
            if stripped.endswith(b"}"):
                doc = _json(stripped)
                if doc is not None:
                    self.buf = b""
                    return _clamped(stripped, doc)
            at = buf.find(_HEADER)
            if at >= 0:
                doc = _json(buf[:at])
                self.buf = buf[at:]
                if doc is not None:
                    return _clamped(buf[:at].rstrip(), doc)
                log.warning("dropped %d bytes that were not a JSON-RPC message", at)
                return b""
            if not self._fill():
                return None


def _json(body: bytes) -> Any:
    """``body`` parsed, or ``None`` when it is not one complete JSON object."""
    if not body.strip():
        return None
    try:
        doc = json.loads(body)
    except (ValueError, RecursionError):
        return None
    return doc if isinstance(doc, dict) else None


def _clamped(body: bytes, doc: dict[str, Any]) -> bytes:
    """``body``, with negative ``line``/``character`` values in a request's params set to 0."""
    if "params" not in doc or b"-" not in body:
        return body
    changed = False

    def walk(node: Any) -> None:
        nonlocal changed
        if isinstance(node, dict):
            for key, value in node.items():
                if key in ("line", "character") and isinstance(value, int) and value < 0:
                    node[key] = 0
                    changed = True
                else:
                    walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(doc["params"])
    return json.dumps(doc, ensure_ascii=False).encode("utf-8") if changed else body


def _settings(raw: Any) -> dict[str, Any]:
    from .config import editor_settings

    return editor_settings(raw)


def main(argv: list[str] | None = None, *, debounce_ms: int = DEFAULT_DEBOUNCE_MS) -> int:
    """Run the server over stdio until the client says ``exit``; returns the exit code."""
    logging.basicConfig(
        stream=sys.stderr, level=logging.WARNING, format="postcraft-lsp %(levelname)s: %(message)s"
    )
    # a broken plugin is shown to the user as a window/showMessage (and logged), not as a
    # Python warning on stderr
    warnings.simplefilter("ignore", PostcraftWarning)
    server = PostcraftServer(debounce_ms=debounce_ms)
    server.start_io(stdin=Reframer(sys.stdin.buffer))  # type: ignore[arg-type]
    # LSP: exit code 0 after a shutdown request, 1 when the client exited without one
    return 0 if getattr(server.protocol, "_shutdown", False) else 1
