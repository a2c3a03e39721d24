"""Assemble one :class:`Review` of a draft from the shared analysis and every capability."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .analysis import Analysis
    from .rules import Finding

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

    def _repr_html_(self) -> str:
        from .display import review_html

        return review_html(self)

    def __repr__(self) -> str:
        from .display import review_text

        return review_text(self)

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
    disable: Iterable[str] = (),
) -> Review:
    """Review a draft: one analysis, then the tone, the guideline checks and the tag
    suggestions on it.

    ``guidelines`` and ``roster`` are paths to YAML (roster: or CSV) files, dicts of the same
    structure, or loaded objects; files are cached until they change. ``tone_model`` replaces
    the built-in tone model (a ToneModel, a model file, or ``{"da": …, "en": …}``), e.g. one
    trained on the organisation's own posts. ``disable`` switches rules off by id prefix.

    >>> r = review("Jeg har lige haft min første uge som elev på Rigshospitalet, og jeg er træt men glad.")
    >>> r.lang, r.tone.label
    ('da', 'personal')
    """
    from .analysis import analyze
    from .rules import check_analysis, load_guidelines
    from .tags import load_roster, suggest
    from .tone import score_analysis

    g = load_guidelines(guidelines)
    people = load_roster(roster)
    analysis = analyze(text, lang=lang)
    tone = score_analysis(analysis, model=tone_model)
    findings = check_analysis(analysis, g, disable=disable, tone=tone)
    tags = suggest(analysis, people, g)
    return Review(analysis=analysis, tone=tone, findings=tuple(findings), tags=tags)


def check(
    text: str,
    *,
    guidelines: Any = None,
    lang: str | None = None,
    disable: Iterable[str] = (),
    tone_model: Any = None,
) -> list[Finding]:
    """Check a draft against guidelines (default: the built-in packs ``linkedin``,
    ``disclosure``, ``readability``, ``confidentiality`` and ``voice``).

    Returns findings sorted by position; each has a dotted ``rule`` id, a ``severity``
    (``"error"``, ``"warning"``, ``"suggestion"``), a ``message`` in the post's language,
    ``[start, end)`` code points, line/column and UTF-16 offsets, ``replacements`` and ``help``.
    The ``voice`` pack uses the tone score, computed here unless ``voice`` is disabled.

    >>> [(f.rule, f.severity) for f in check("Stor dag i dag 🎉 #grønomstilling")]
    [('linkedin.hashtags.camelcase', 'suggestion')]
    """
    from .analysis import analyze
    from .rules import check_analysis, load_guidelines
    from .tone import score_analysis

    g = load_guidelines(guidelines)
    disabled = tuple(disable)
    analysis = analyze(text, lang=lang)
    tone = None if "voice" in disabled else score_analysis(analysis, model=tone_model)
    return check_analysis(analysis, g, disable=disabled, tone=tone)
