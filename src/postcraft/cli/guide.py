"""``postcraft guide``: the organisation's guidelines as a document people read (md, html, docx)."""

from __future__ import annotations

import argparse
from typing import Any

from ..langs import SUPPORTED, from_locale
from .common import add_guidelines
from .plan import output


def register(subparsers: Any) -> None:
    """Add the ``guide`` sub-command."""
    p = subparsers.add_parser(
        "guide",
        help="render the guideline file as a document: do's and don'ts, disclosure, help contacts",
        description="Turn a guideline file into the document colleagues read: what we do and don't "
        "(with examples), disclosure in plain words, what is confidential, the like/tag agreement and "
        "where to get help.",
    )
    add_guidelines(p)
    p.add_argument(
        "--lang", choices=SUPPORTED, default=None, help="the document's language (default: your locale's)"
    )
    p.add_argument("--format", choices=("md", "html", "docx", "json"), default="md", help="output format")
    p.add_argument(
        "-o", "--output", metavar="FILE", default=None, help="write to FILE (atomically); needed for docx"
    )
    p.set_defaults(func=_cmd_guide)


def _cmd_guide(args: argparse.Namespace) -> int:
    from ..programme.document import guide

    doc = guide(args.guidelines, lang=(args.lang or from_locale()))
    data: str | bytes
    if args.format == "docx":
        from ..formats.docx import guide_docx

        data = guide_docx(doc)
    elif args.format == "html":
        from ..formats.html.programme import guide_html, page

        data = page(guide_html(doc), doc.title, doc.lang)
    elif args.format == "json":
        from ..formats.json import dumps

        data = dumps(doc)
    else:
        from ..formats.markdown import guide_md

        data = guide_md(doc)
    output(data, args.output)
    return 0
