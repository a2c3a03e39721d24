"""The plain-text insights report (about 100 columns wide): the sections of
:func:`postcraft.formats.insights.report` as text; charts are left out."""

from __future__ import annotations

import textwrap
from typing import TYPE_CHECKING

from ...langs import DEFAULT
from ..insights import FOLD_AFTER, Cell, Chart, Items, Para, Table, report
from ..labels import text

if TYPE_CHECKING:
    from ...insights.model import Insights

_WIDTH = 100
_MAX_PEOPLE = 15


def text_report(ins: Insights, lang: str = DEFAULT) -> str:
    """The whole report as plain text.

    >>> from postcraft import insights
    >>> rows = [{"Date": f"2025-03-{d:02d}", "Author": "Ole Dam", "Text": f"I learned a thing in week {d}."}
    ...         for d in (3, 10, 17)]
    >>> print(text_report(insights(rows, now="2025-05-01", show_progress=False), "en"))  # doctest: +ELLIPSIS
    postcraft insights
    3 posts by 1 person, 2025-03-03 to 2025-03-17 (as of 2025-05-01).
    ...
    GONE QUIET: OFFER ONE-TO-ONE SPARRING
      • Ole Dam: last post 2025-03-17 (6 weeks ago), 3 posts in all
    ...
    """
    rep = report(ins, lang, max_people=_MAX_PEOPLE)
    out = [rep.title, *rep.intro]
    for section in rep.sections:
        out += ["", section.heading.upper()]
        after_table = False
        for block in section.blocks:
            if isinstance(block, Para):
                if after_table and not block.indent:
                    out.append("")
                out.append(_wrap(block.text, "  ") if block.indent else _wrap(block.text))
            elif isinstance(block, Items):
                out += _items(block, lang)
            elif isinstance(block, Table):
                out += ["", block.caption + ":", *_table(block)]
                if any(isinstance(c, Cell) and "leader" in c.marks for r in block.rows for c in r):
                    out.append("  * " + text(lang, "html.leader"))
            else:
                assert isinstance(block, Chart)
            after_table = isinstance(block, Table)
    return "\n".join(out) + "\n"


def _items(block: Items, lang: str) -> list[str]:
    out = [_wrap(block.intro)] if block.intro else []
    shown = block.items[:FOLD_AFTER] if block.fold else block.items
    out += [_wrap(item, "  • ", "    ") for item in shown]
    if len(block.items) > len(shown):
        out.append("  " + text(lang, "and_more", n=len(block.items) - len(shown)).strip())
    return out


def _cell(c: str | Cell) -> str:
    if isinstance(c, str):
        return c
    return c.text + (" *" if "leader" in c.marks else "")


def _cut(s: str, n: int) -> str:
    return s if len(s) <= n else s[: n - 1] + "…"


def _table(t: Table, indent: str = "  ") -> list[str]:
    """Columns before the first numeric one are left-aligned (and cut short), the rest right."""
    first_numeric = min(t.numeric, default=len(t.headers))
    rows = [list(t.headers)] + [
        [_cut(_cell(c), 32 if i == 0 else 18) if i < first_numeric else _cell(c) for i, c in enumerate(r)]
        for r in t.rows
    ]
    widths = [max(len(r[i]) for r in rows) for i in range(len(t.headers))]
    out = []
    for r in rows:
        cells = [
            c.ljust(w) if i < first_numeric else c.rjust(w)
            for i, (c, w) in enumerate(zip(r, widths, strict=True))
        ]
        out.append((indent + "  ".join(cells)).rstrip())
    return out


def _wrap(s: str, first: str = "", rest: str = "  ") -> str:
    return textwrap.fill(
        s,
        _WIDTH,
        initial_indent=first,
        subsequent_indent=rest,
        break_long_words=False,
        break_on_hyphens=False,
    )
