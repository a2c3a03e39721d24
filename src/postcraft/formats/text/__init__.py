"""Plain-text presentations: the command line's reports and ``repr()`` in a terminal."""

from __future__ import annotations

from .review import (
    comparison_text,
    findings_report,
    review_report,
    review_text,
    roster_report,
    tags_report,
    template_line,
    tone_report,
)

__all__ = [
    "comparison_text",
    "findings_report",
    "review_report",
    "review_text",
    "roster_report",
    "tags_report",
    "template_line",
    "tone_report",
]
