"""The postcraft language server (pygls): live diagnostics, fixes, tag actions and tone hovers.

Start it with ``postcraft lsp`` (or ``python -m postcraft.lsp``); it talks LSP over stdio.
Documents whose language id is in the ``languages`` setting (default: plaintext, text and markdown)
are reviewed when opened and, after each change, once the typing has paused for
``debounce_ms`` (default 150 ms). See ``docs/plugins.md`` for the settings and a VS Code
client.
"""

from __future__ import annotations

import asyncio
import gc
import inspect
import logging
import sys
import warnings
from collections.abc import Callable
from dataclasses import dataclass, replace
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


@dataclass
class _Doc:
    """What the server keeps per open document."""

    review: DocReview | None = None
    config: DocConfig | None = None
    timer: asyncio.TimerHandle | None = None
    published: bool = False


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
        asyncio.get_running_loop().call_soon(self._warm_up)
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
        self._announce_plugin_problems()
        gc.collect()
        gc.freeze()

    def on_shutdown(self, params: Any = None) -> None:
        for doc in self.docs.values():
            if doc.timer is not None:
                doc.timer.cancel()
                doc.timer = None

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

    def review(self, uri: str, *, publish_config: bool = True) -> DocReview | None:
        """Review the current text of ``uri`` and publish its diagnostics."""
        doc = self.docs.setdefault(uri, _Doc())
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
            md = text_doc.language_id == "markdown"  # Markdown: code and link targets are not prose
            rv = review_document(
                text_doc.source, cfg, version=text_doc.version, encoding=self.encoding, markdown=md
            )
            doc.review = rv
            diags = diagnostics(rv)
            log.debug("reviewed %s v%s in %.1f ms", uri, text_doc.version, rv.elapsed_ms)
        except Exception as exc:  # never let one draft take the server down
            log.exception("review of %s failed", uri)
            doc.review = None
            diags = [
                lsp.Diagnostic(
                    range=lsp.Range(
                        start=lsp.Position(line=0, character=0), end=lsp.Position(line=0, character=0)
                    ),
                    message=f"postcraft could not review this draft: {type(exc).__name__}: {exc}",
                    source="postcraft",
                    code="postcraft.internal",
                    severity=lsp.DiagnosticSeverity.Error,
                )
            ]
            text_doc = None
        self.text_document_publish_diagnostics(
            lsp.PublishDiagnosticsParams(
                uri=uri, diagnostics=diags, version=text_doc.version if text_doc is not None else None
            )
        )
        doc.published = True
        if publish_config:
            self._publish_config_problems()
        self._announce_plugin_problems()
        return doc.review

    def current(self, uri: str) -> DocReview | None:
        """The review of the document's current text (reviewing now if a change is pending)."""
        doc = self.docs.get(uri)
        if doc is None:
            return None
        text_doc = self.workspace.get_text_document(uri)
        if doc.review is None or doc.review.text != text_doc.source or doc.timer is not None:
            if doc.timer is not None:
                doc.timer.cancel()
                doc.timer = None
            return self.review(uri)
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
    def on_code_action(self, params: lsp.CodeActionParams) -> list[lsp.CodeAction] | None:
        uri = params.text_document.uri
        rv = self.current(uri)
        if rv is None:
            return None
        make = EditMaker(uri, rv.version, self.document_changes)
        return code_actions(rv, params.range, make, params.context.only) or None

    def on_hover(self, params: lsp.HoverParams) -> lsp.Hover | None:
        rv = self.current(params.text_document.uri)
        if rv is None:
            return None
        return hover(rv, params.position.line, params.position.character)


def _handler(method: Callable[..., Any]) -> Callable[..., Any]:
    """A plain function calling a bound method (pygls sets attributes on handlers)."""
    if inspect.iscoroutinefunction(method):

        async def run_async(*args: Any) -> Any:
            return await method(*args)

        return run_async

    def run(*args: Any) -> Any:
        return method(*args)

    return run


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
    server.start_io()
    # LSP: exit code 0 after a shutdown request, 1 when the client exited without one
    return 0 if getattr(server.protocol, "_shutdown", False) else 1
