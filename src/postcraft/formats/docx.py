"""The guideline document as a Word file (.docx), with python-docx (the ``docs`` extra), loaded
only when a .docx is asked for."""

from __future__ import annotations

import io
from typing import TYPE_CHECKING, Any

from ..errors import MissingDependencyError
from .labels_programme import word
from .markdown import contact_line

if TYPE_CHECKING:
    from ..programme.document import Guide


def _docx() -> Any:
    try:
        import docx
    except ImportError:
        raise MissingDependencyError(
            "writing .docx needs python-docx: pip install 'postcraft[docs]'"
        ) from None
    return docx


def guide_docx(guide: Guide) -> bytes:
    """The document as the bytes of a .docx file: a title, a heading per section, bullets for
    do's and don'ts with their examples, the contacts and the sources."""
    docx = _docx()
    doc = docx.Document()
    doc.core_properties.title = guide.title
    doc.core_properties.language = guide.lang
    doc.add_heading(guide.title, level=0)
    if guide.intro:
        doc.add_paragraph(guide.intro)
    lang = guide.lang
    for sec in guide.sections:
        doc.add_heading(sec.title, level=1)
        for p in sec.paragraphs:
            doc.add_paragraph(p)
        for item in sec.items:
            mark = {"do": "✓ ", "dont": "✗ "}.get(item.kind, "")
            doc.add_paragraph(mark + item.text, style="List Bullet")
            for ex in item.good:
                doc.add_paragraph(f"{word(lang, 'guide.example_good')}: “{ex}”", style="List Bullet 2")
            for ex in item.bad:
                doc.add_paragraph(f"{word(lang, 'guide.example_bad')}: “{ex}”", style="List Bullet 2")
        for c in sec.contacts:
            para = doc.add_paragraph(style="List Bullet")
            para.add_run(f"{c.topic_label}: ").bold = True
            para.add_run(contact_line(c, lang))
        for s in sec.sources:
            doc.add_paragraph(f"{word(lang, 'guide.source')}: {s.title} – {s.url}", style="List Bullet")
    if guide.path:
        doc.add_paragraph().add_run(word(lang, "guide.generated", path=guide.path)).italic = True
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()
