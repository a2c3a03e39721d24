"""The one place a :class:`Review` is assembled: one analysis, then the tone, the guideline
checks and the tag suggestions on it. The API, the command line, the language server, batches,
comparisons and insights all call :func:`review` (or :func:`check`) here.

>>> r = review("Jeg har lige haft min første uge som elev på Rigshospitalet, og jeg er træt men glad.")
>>> r.lang, r.tone.label
('da', 'personal')
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import partial
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import datetime as dt
    import os

    from .advocacy import Celebration
    from .analysis import Analysis
    from .insights import History, Insights
    from .rules import Finding
    from .rules.notices import Notice
    from .tags import TagSuggestions
    from .templates import Draft
    from .tone import ToneScore
    from .voice import VoiceMatch

SCHEMA_VERSION = "2.2"

#: File name endings read as Markdown (``review(..., markdown=True)``) by the command line and
#: :func:`fix_file`; the language server uses the editor's ``languageId`` (``markdown``).
MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdown", ".mkd")


def is_markdown(name: str | os.PathLike[str] | None) -> bool:
    """True when a file name says Markdown.

    >>> is_markdown("post.md"), is_markdown("post.txt"), is_markdown(None)
    (True, False, False)
    """
    return name is not None and str(name).lower().endswith(MARKDOWN_SUFFIXES)


@dataclass(frozen=True, eq=False)
class Review:
    """The review of one draft: its language, tone, guideline findings and tag suggestions.

    ``to_dict()`` is the stable JSON wire format (see ``docs/json.md``), versioned by
    ``schema_version``. ``tone`` is ``None`` when the tone was not scored (the ``voice`` rules
    disabled in :func:`check`), ``tags`` when no suggestions were asked for. ``notices`` are
    lines about the review itself (:mod:`postcraft.rules.notices`): ``no_organisation`` when
    the disclosure and confidentiality checks run without the organisation's file.
    """

    analysis: Analysis
    tone: ToneScore | None = None
    findings: tuple[Finding, ...] = ()
    tags: TagSuggestions | None = None
    voice: VoiceMatch | None = None
    notices: tuple[Notice, ...] = ()

    @property
    def text(self) -> str:
        """The reviewed text, unmodified (for Markdown, with the code and links the checks skipped)."""
        return self.analysis.original

    @property
    def lang(self) -> str:
        """The draft's language code (``"da"`` or ``"en"``)."""
        return self.analysis.lang

    @property
    def has_errors(self) -> bool:
        """True when any finding has severity ``"error"``."""
        return any(f.severity == "error" for f in self.findings)

    def _repr_html_(self) -> str:
        from .formats.html import review_html

        return review_html(self)

    def __repr__(self) -> str:
        from .formats.text import review_text

        return review_text(self)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict, carrying ``"schema_version"``."""
        a = self.analysis
        return {
            "schema_version": SCHEMA_VERSION,
            "lang": a.lang,
            "length": a.length,
            "linkedin_length": a.linkedin_length,
            "fold": {
                "desktop": a.fold.desktop,
                "mobile": a.fold.mobile,
                "utf16_desktop": a.utf16_offset(a.fold.desktop),
                "utf16_mobile": a.utf16_offset(a.fold.mobile),
            },
            "readability": {"lix": a.lix, "flesch": a.flesch},
            "tone": self.tone.to_dict(a.utf16_offset) if self.tone is not None else None,
            "findings": [f.to_dict() for f in self.findings],
            "tags": self.tags.to_dict() if self.tags is not None else None,
            "voice": self.voice.to_dict() if self.voice is not None else None,
            "notices": [n.to_dict() for n in self.notices],
        }


def assemble(
    analysis: Analysis,
    *,
    guidelines: Any = None,
    roster: Any = None,
    tone_model: Any = None,
    disable: Iterable[str] = (),
    tone: bool = True,
    tags: bool = True,
    voice: Any = None,
) -> Review:
    """Run the capabilities over one analysis and assemble the :class:`Review`.

    ``tone=False`` skips the tone score (and with it the ``voice`` rules), ``tags=False`` the
    tag suggestions. ``voice`` (a :class:`~postcraft.voice.VoiceProfile` or its JSON file)
    adds how close the draft is to that person's voice. The names (and aliases) of the roster's
    people with ``consent: true`` reach the rules: tagging them is not engagement bait (unless
    the guidelines' ``agreement`` says ``tag_colleagues: false``). Every face reviews through
    this function.
    """
    from .rules import check_analysis, load_guidelines
    from .rules.notices import notices
    from .tags import load_roster, suggest
    from .tone import score_analysis

    g = load_guidelines(guidelines)
    disable = tuple(disable)
    people = load_roster(roster)
    score = score_analysis(analysis, model=tone_model) if tone and analysis.text.strip() else None
    # colleagues who agreed to be tagged: naming them is not a call for tags (unless_colleague)
    agreed: tuple[str, ...] = ()
    if g.agreement is None or g.agreement.tag_colleagues:
        agreed = people.consenting_names
    findings = check_analysis(analysis, g, disable=disable, tone=score, colleagues=agreed)
    suggestions = suggest(analysis, people, g) if tags else None
    match = None
    if voice is not None:
        from .voice import compare, load

        match = compare(analysis, load(voice))
    return Review(
        analysis=analysis,
        tone=score,
        findings=tuple(findings),
        tags=suggestions,
        voice=match,
        notices=notices(g, analysis.lang, disable),
    )


def _check_text(text: object, lang: object) -> None:
    """One clear InputError for a text that is not a ``str`` or a ``lang`` that is not one."""
    from .errors import InputError

    is_doc = hasattr(text, "vocab") and isinstance(getattr(text, "text", None), str)  # a spaCy Doc
    if not isinstance(text, str) and not is_doc:
        raise InputError(f"the text to review must be a str (or a spaCy Doc), not {type(text).__name__}")
    if lang is not None:
        from .langs import normalize_lang

        normalize_lang(lang)  # a lang that is not a str is an InputError there


def review(
    text: str,
    *,
    lang: str | None = None,
    guidelines: Any = None,
    roster: Any = None,
    tone_model: Any = None,
    disable: Iterable[str] = (),
    voice: Any = None,
    markdown: bool = False,
) -> Review:
    """Review a draft: one analysis, then the tone, the guideline checks and the tag
    suggestions on it.

    ``guidelines`` and ``roster`` are paths to YAML (roster: or CSV) files, dicts of the same
    structure, or loaded objects; files are cached until they change. ``tone_model`` replaces
    the built-in tone model (a ToneModel, a model file, or ``{"da": …, "en": …}``), e.g. one
    trained on the organisation's own posts. ``disable`` switches rules off by id prefix.
    ``voice`` (a :class:`~postcraft.voice.VoiceProfile` or its JSON file, see
    :func:`postcraft.voice.learn`) adds the "sounds like you" section (``Review.voice``).
    ``markdown=True`` reads the draft as Markdown: code blocks, inline code, link targets, HTML
    and front matter are not checked, while every span still refers to ``text``.
    ``text`` may also be a spaCy ``Doc`` (its text is reviewed).

    >>> r = review("I spent today with our new apprentices. They asked better questions than I did.")
    >>> r.lang, len(r.findings)
    ('en', 0)
    """
    from .analysis import analyze

    _check_text(text, lang)
    return assemble(
        analyze(text, lang=lang, markdown=markdown),
        guidelines=guidelines,
        roster=roster,
        tone_model=tone_model,
        disable=disable,
        voice=voice,
    )


def check(
    text: str,
    *,
    guidelines: Any = None,
    lang: str | None = None,
    disable: Iterable[str] = (),
    tone_model: Any = None,
    markdown: bool = False,
) -> list[Finding]:
    """Check a draft against guidelines (default: the built-in packs ``linkedin``,
    ``disclosure``, ``readability``, ``confidentiality`` and ``voice``).

    Returns findings sorted by position; each has a dotted ``rule`` id, a ``severity``
    (``"error"``, ``"warning"``, ``"suggestion"``), a ``message`` in the post's language,
    ``[start, end)`` code points, line/column and UTF-16 offsets, ``replacements``, ``help`` and
    the fix's ``applicability`` (``"safe"``, ``"unsafe"``, ``"display"`` or ``None``).
    The ``voice`` pack uses the tone score, computed here unless ``voice`` is disabled.

    >>> [(f.rule, f.severity) for f in check("Stor dag i dag 🎉 #grønomstilling")]
    [('linkedin.hashtags.camelcase', 'suggestion')]
    """
    from .analysis import analyze

    _check_text(text, lang)
    disabled = tuple(disable)
    r = assemble(
        analyze(text, lang=lang, markdown=markdown),
        guidelines=guidelines,
        tone_model=tone_model,
        disable=disabled,
        tone="voice" not in disabled,
        tags=False,
    )
    return list(r.findings)


def fix_text(
    text: str,
    guidelines: Any = None,
    lang: str | None = None,
    disable: Iterable[str] = (),
    *,
    unsafe: bool = False,
    markdown: bool = False,
) -> tuple[str, list[Finding]]:
    """Check ``text`` and apply its safe fixes (with ``unsafe=True`` also the unsafe ones):
    ``(fixed text, the findings that were fixed)``.

    >>> fix_text("Go #employeeadvocacy", lang="en")[0]
    'Go #EmployeeAdvocacy'
    """
    from .rules import apply_fixes, plan_fixes

    found = check(text, guidelines=guidelines, lang=lang, disable=disable, markdown=markdown)
    plan = plan_fixes(text, found, unsafe=unsafe)
    return apply_fixes(text, plan, unsafe=unsafe), plan


def fix_file(
    path: str | os.PathLike[str],
    guidelines: Any = None,
    lang: str | None = None,
    disable: Iterable[str] = (),
    *,
    unsafe: bool = False,
    markdown: bool | None = None,
) -> int:
    """Apply the safe fixes (with ``unsafe=True`` also the unsafe ones) to a draft file in
    place, atomically; returns how many were applied.

    The file is written only when something changed; a UTF-8 byte-order mark and line endings
    are kept. Inline markers stay in the file. ``markdown`` (default: by the file name, see
    :func:`is_markdown`) leaves code, link targets and HTML alone.
    Nothing is written, and an
    :class:`~postcraft.InputError` says why, when the file changed while it was being fixed,
    is read-only, sits in a read-only folder or has several hard links
    (:func:`postcraft.io.write_fixed`); a symbolic link is followed and stays a link.
    """
    from .io import read_draft, write_fixed

    bom, text = read_draft(path)
    md = is_markdown(path) if markdown is None else markdown
    fixed, plan = fix_text(text, guidelines, lang, disable, unsafe=unsafe, markdown=md)
    if plan and fixed != text:
        write_fixed(path, (bom + fixed).encode("utf-8"), (bom + text).encode("utf-8"))
    return len(plan)


def render(
    template_id: str,
    *,
    variant: int = 0,
    seed: int | str | None = None,
    folder: Any = None,
    **fields: object,
) -> Draft:
    """Render a template into a :class:`~postcraft.Draft` whose ``review()`` reviews it here.

    >>> d = render("learned-this-week.en", variant=1, topic="pricing", lesson="Customers "
    ...            "read the invoice before they read the contract.", context="three customer calls")
    >>> d.review().lang
    'en'
    """
    from .templates import render as render_template

    draft = render_template(template_id, variant=variant, seed=seed, folder=folder, **fields)
    return replace(draft, reviewer=review)


def insights(
    history: History | str | os.PathLike[str] | Iterable[Any],
    roster: Any = None,
    *,
    now: dt.date | dt.datetime | str | None = None,
    seed: int = 0,
    resamples: int = 2000,
    level: float = 0.95,
    min_posts: int = 20,
    quiet_weeks: int = 4,
    recent_weeks: int = 4,
    mapping: Any = None,
    guidelines: Any = None,
    tone_model: Any = None,
    show_progress: bool | None = None,
) -> Insights:
    """What a post history shows, each number with its uncertainty (see
    the package :mod:`postcraft.insights`); every post is reviewed once with :func:`review`,
    with ``guidelines`` and ``tone_model``."""
    from .insights import compute_insights

    return compute_insights(
        history,
        roster,
        review=partial(review, guidelines=guidelines, tone_model=tone_model),
        now=now,
        seed=seed,
        resamples=resamples,
        level=level,
        min_posts=min_posts,
        quiet_weeks=quiet_weeks,
        recent_weeks=recent_weeks,
        mapping=mapping,
        show_progress=show_progress,
    )


def celebrate(
    history: History | str | os.PathLike[str] | Iterable[Any],
    roster: Any = None,
    *,
    month: str | None = None,
    lang: str | None = None,
    guidelines: Any = None,
    tone_model: Any = None,
    show_progress: bool | None = None,
) -> Celebration:
    """Shout-outs and the ambassador of the month for ``month`` (``YYYY-MM``; default: the
    newest post's month) of a post history, consent from ``roster`` respected (see
    :mod:`postcraft.advocacy.celebrate`); every post is reviewed with :func:`review`."""
    from .advocacy.celebrate import celebrate as _celebrate

    return _celebrate(
        history,
        roster,
        month=month,
        lang=lang,
        review=partial(review, guidelines=guidelines, tone_model=tone_model),
        show_progress=show_progress,
    )
