"""One review of one draft for the editor: analysis, tone, findings and tags, computed once.

Everything the server answers (diagnostics, code actions, hover) is derived from a
:class:`DocReview`, so a code action always matches the diagnostics the editor shows.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..errors import UnsupportedLanguageError
from ..langs import DEFAULT
from .config import DocConfig
from .textindex import UTF16, LineIndex

if TYPE_CHECKING:
    from ..analysis import Analysis
    from ..rules import Finding
    from ..rules.notices import Notice
    from ..tags import TagSuggestions
    from ..tone import ToneScore


@dataclass(frozen=True, eq=False)
class DocReview:
    """The review of one version of a draft.

    ``error`` is set (and the rest empty) when the draft is in a language postcraft does not
    check. ``elapsed_ms`` is the time the review took.
    """

    text: str
    version: int | None
    index: LineIndex
    config: DocConfig
    analysis: Analysis | None = None
    tone: ToneScore | None = None
    findings: tuple[Finding, ...] = ()
    tags: TagSuggestions | None = None
    error: str | None = None
    elapsed_ms: float = 0.0
    #: lines about the review itself (``no_organisation``): the server shows each once per document
    notices: tuple[Notice, ...] = ()

    @property
    def lang(self) -> str:
        """The draft's language (:data:`~postcraft.langs.DEFAULT` when it could not be told)."""
        return self.analysis.lang if self.analysis is not None else DEFAULT


def review_document(
    text: str,
    config: DocConfig,
    *,
    version: int | None = None,
    encoding: str = UTF16,
    markdown: bool = False,
) -> DocReview:
    """Review a draft with a resolved configuration (``markdown``: the editor's language id is
    ``markdown``, so code, link targets and HTML are not checked).

    >>> from postcraft.lsp.config import Resolver
    >>> r = review_document("Stor dag 🎉 #grønomstilling", Resolver().resolve(None))
    >>> [(f.rule, f.replacements) for f in r.findings]
    [('linkedin.hashtags.camelcase', ('#GrønOmstilling',))]
    """
    from ..analysis import analyze
    from ..pipeline import assemble

    t0 = time.perf_counter()
    index = LineIndex(text, encoding)
    try:
        analysis = analyze(text, lang=config.lang, markdown=markdown)
    except UnsupportedLanguageError as exc:
        return DocReview(
            text, version, index, config, error=str(exc), elapsed_ms=(time.perf_counter() - t0) * 1000
        )
    r = assemble(
        analysis,
        guidelines=config.guidelines,
        roster=config.roster,
        tone_model=config.tone_model,
        disable=config.disable,
        tone=bool(text.strip()),
        tags=config.tags,
    )
    return DocReview(
        text,
        version,
        index,
        config,
        analysis,
        r.tone,
        r.findings,
        r.tags,
        elapsed_ms=(time.perf_counter() - t0) * 1000,
        notices=r.notices,
    )
