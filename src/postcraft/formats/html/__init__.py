"""See a review at a glance: rich HTML for notebooks.

Every function returns self-contained HTML: inline styles only, no script, font or external
resource, so it works offline in JupyterLab, VS Code notebooks and exported HTML, on light and
dark themes. All user text is escaped.

>>> import postcraft
>>> from postcraft.formats.html import review_html
>>> r = postcraft.review("Jeg har lige haft min første uge som elev, og jeg er træt men glad.")
>>> review_html(r).startswith('<div class="postcraft" data-postcraft="review"')
True

These are the ``_repr_html_`` of :class:`~postcraft.Review`, ``ToneScore``,
``TagSuggestions``, ``Draft``, ``Template``, ``Comparison`` and ``Insights``; see
``docs/quickstart.md``.
"""

from __future__ import annotations

from .compare import comparison_html
from .review import review_html, tags_html, tone_html
from .templates import draft_html, template_html, templates_html

__all__ = [
    "comparison_html",
    "draft_html",
    "review_html",
    "tags_html",
    "template_html",
    "templates_html",
    "tone_html",
]
