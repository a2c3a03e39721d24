"""Assemble one :class:`Review` of a draft from the shared analysis and every capability."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .analysis import Analysis

SCHEMA_VERSION = "1.0"


@dataclass(frozen=True, eq=False)
class Review:
    """The review of one draft: its language, tone, guideline findings and tag suggestions.

    ``to_dict()`` is the stable JSON wire format (see ``docs/json.md``), versioned by
    ``schema_version``.
    """

    analysis: Analysis
    tone: Any = None
    findings: tuple[Any, ...] = ()
    tags: Any = None

    @property
    def text(self) -> str:
        """The reviewed text, unmodified."""
        return self.analysis.text

    @property
    def lang(self) -> str:
        """``"da"`` or ``"en"``."""
        return self.analysis.lang

    @property
    def has_errors(self) -> bool:
        """True when any finding has severity ``"error"``."""
        return any(f.severity == "error" for f in self.findings)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict, carrying ``"schema_version"``."""
        a = self.analysis
        return {
            "schema_version": SCHEMA_VERSION,
            "lang": a.lang,
            "length": a.length,
            "linkedin_length": a.linkedin_length,
            "fold": {"desktop": a.fold.desktop, "mobile": a.fold.mobile},
            "readability": {"lix": a.lix, "flesch": a.flesch},
            "tone": self.tone.to_dict() if self.tone is not None else None,
            "findings": [f.to_dict() for f in self.findings],
            "tags": self.tags.to_dict() if self.tags is not None else None,
        }


def review(
    text: str,
    *,
    lang: str | None = None,
    guidelines: Any = None,
    roster: Any = None,
    tone_model: Any = None,
) -> Review:
    """Review a draft: one analysis, then every capability on it.

    ``tone_model`` replaces the built-in tone model (a ToneModel, a model file, or
    ``{"da": …, "en": …}``), e.g. one trained on the organisation's own posts.

    >>> r = review("Jeg har lige haft min første uge som elev på Rigshospitalet, og jeg er træt men glad.")
    >>> r.lang
    'da'
    """
    from .analysis import analyze
    from .tone import score_analysis

    analysis = analyze(text, lang=lang)
    tone = score_analysis(analysis, model=tone_model)
    return Review(analysis=analysis, tone=tone)
