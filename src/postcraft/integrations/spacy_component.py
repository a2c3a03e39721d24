"""The ``"postcraft"`` spaCy pipeline component (needs the ``spacy`` extra: ``spacy>=3.7``).

Installed postcraft registers it by the ``spacy_factories`` entry point, so no import is needed::

    nlp = spacy.blank("da")                      # or any pipeline, trained or not
    nlp.add_pipe("postcraft", config={"roster": "examples/roster.yaml"})
    doc = nlp(text)
    doc._.postcraft                              # the postcraft Review
    doc.spans["postcraft_findings"]              # one span per finding, label = rule id
    doc.spans["postcraft_tone"]                  # the words behind each tone driver

Spans are character spans of the review aligned to spaCy's tokens with
``alignment_mode="expand"`` (a finding inside a token covers the whole token; a finding with
no width, such as "the post is too long" at its end, has no span). The review itself runs on
``doc.text`` with postcraft's own analysis (see :func:`postcraft.analyze`, which also accepts a
``Doc``). The component keeps no state between documents and is safe in ``nlp.pipe``.

>>> import spacy
>>> nlp = spacy.blank("da")
>>> _ = nlp.add_pipe("postcraft")
>>> doc = nlp("Stor dag i dag 🎉 #grønomstilling")
>>> [(s.text, s.label_) for s in doc.spans["postcraft_findings"]]
[('#grønomstilling', 'linkedin.hashtags.camelcase')]
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span

from ..langs import SUPPORTED
from ..pipeline import Review, review

__all__ = ["FINDINGS_KEY", "TONE_KEY", "PostcraftComponent", "make_component"]

#: ``doc.spans`` keys.
FINDINGS_KEY = "postcraft_findings"
TONE_KEY = "postcraft_tone"

if not Doc.has_extension("postcraft"):
    Doc.set_extension("postcraft", default=None)


class PostcraftComponent:
    """Reviews each ``Doc``: sets ``doc._.postcraft`` and the span groups
    ``postcraft_findings`` (label: the rule id) and ``postcraft_tone`` (label:
    ``"<direction>:<category>"``, e.g. ``"personal:pronouns"``)."""

    def __init__(
        self,
        nlp_lang: str | None,
        *,
        lang: str | None = None,
        guidelines: str | None = None,
        roster: str | None = None,
        tone_model: str | None = None,
        disable: Sequence[str] = (),
        markdown: bool = False,
    ) -> None:
        # A pipeline of a language postcraft knows fixes the language; others detect it.
        self.lang = lang if lang is not None else (nlp_lang if nlp_lang in SUPPORTED else None)
        self.options: dict[str, Any] = {
            "guidelines": guidelines,
            "roster": roster,
            "tone_model": tone_model,
            "disable": tuple(disable),
            "markdown": markdown,
        }

    def __call__(self, doc: Doc) -> Doc:
        r: Review = review(doc.text, lang=self.lang, **self.options)
        doc._.postcraft = r
        found = []
        for f in r.findings:
            span = _span(doc, f.start, f.end, f.rule)
            if span is not None:
                found.append(span)
        doc.spans[FINDINGS_KEY] = found
        tone = []
        if r.tone is not None:
            for d in r.tone.drivers:
                for s, e in d.spans:
                    span = _span(doc, s, e, f"{d.direction}:{d.category}")
                    if span is not None:
                        tone.append(span)
        doc.spans[TONE_KEY] = tone
        return doc


def _span(doc: Doc, start: int, end: int, label: str) -> Span | None:
    if end <= start:
        return None
    span: Span | None = doc.char_span(start, end, label=label, alignment_mode="expand")
    return span


@Language.factory(
    "postcraft",
    default_config={
        "lang": None,
        "guidelines": None,
        "roster": None,
        "tone_model": None,
        "disable": [],
        "markdown": False,
    },
)
def make_component(
    nlp: Language,
    name: str,
    lang: str | None,
    guidelines: str | None,
    roster: str | None,
    tone_model: str | None,
    disable: list[str],
    markdown: bool,
) -> PostcraftComponent:
    """spaCy's factory for ``nlp.add_pipe("postcraft", config={...})``: ``lang`` (default: the
    pipeline's language if postcraft supports it, else detected per text), ``guidelines``,
    ``roster`` and ``tone_model`` (file paths), ``disable`` (rule id prefixes), ``markdown``."""
    return PostcraftComponent(
        nlp.lang,
        lang=lang,
        guidelines=guidelines,
        roster=roster,
        tone_model=tone_model,
        disable=disable,
        markdown=markdown,
    )
