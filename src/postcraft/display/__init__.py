"""See a review at a glance: rich HTML for notebooks and plain text for terminals.

Every function returns self-contained HTML: inline styles only, no script, font or external
resource, so it works offline in JupyterLab, VS Code notebooks and exported HTML, on light and
dark themes. All user text is escaped.

>>> import postcraft
>>> from postcraft.display import review_html, compare
>>> r = postcraft.review("Jeg har lige haft min første uge som elev, og jeg er træt men glad.")
>>> review_html(r).startswith('<div class="postcraft" data-postcraft="review"')
True
>>> c = compare(["We are proud to announce our new solution.", "I spent a week on this and learned a lot."])
>>> c.labels
('draft 1', 'draft 2')

The lead wires these into ``_repr_html_`` of :class:`~postcraft.Review`, ``ToneScore``,
``TagSuggestions``, ``Draft`` and ``Template``; see ``docs/quickstart.md``.
"""

from __future__ import annotations

from .compare import Comparison, MissingDependencyError, compare, comparison_html, comparison_text
from .review import review_html, review_text, tags_html, tone_html
from .templates import draft_html, template_html, templates_html

__all__ = [
    "Comparison",
    "MissingDependencyError",
    "compare",
    "comparison_html",
    "comparison_text",
    "draft_html",
    "review_html",
    "review_text",
    "tags_html",
    "template_html",
    "templates_html",
    "tone_html",
]
