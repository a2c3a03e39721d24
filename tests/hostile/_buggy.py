"""A tone model with a bug (for review_many tests): it divides by zero on any text holding "BUG"."""

from __future__ import annotations

from typing import Any

from postcraft.tone.model import ToneModel, builtin_model


class BuggyModel(ToneModel):
    def score(self, analysis: Any) -> Any:
        if "BUG" in analysis.text:
            return 1 / 0
        return super().score(analysis)


def buggy(lang: str) -> BuggyModel:
    m = builtin_model(lang)
    return BuggyModel(*m.__reduce__()[1])
