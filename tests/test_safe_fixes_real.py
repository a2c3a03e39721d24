"""Property over real public text: applying every safe fix changes only the flagged spans.

Runs the default checks on the real corpus (``corpora/real/texts``, and the held-out sets in
``corpora/real/fresh/texts`` and ``corpora/real/fresh2/texts``; the redistributable sources are committed, the rest are present only
where they were rebuilt — skipped when absent), applies
every ``safe`` fix, re-tokenises, and checks that every token outside the fixed spans is the
same token, in the same place relative to the edits, with the same kind.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import postcraft
from postcraft.analysis.tokens import tokenize

REAL = Path(__file__).resolve().parents[1] / "corpora" / "real"
TEXTS = REAL / "texts"
FRESH = REAL / "fresh" / "texts"
FRESH2 = REAL / "fresh2" / "texts"
COMMITTED = ("humanizr_bios_en", "news_traeskibetbetty_da", "news_khiftribune_da")
PER_SOURCE = 400


def _texts() -> list[dict[str, str]]:
    out: list[dict[str, str]] = []
    for path in [
        *sorted(TEXTS.glob("*/*.jsonl")),
        *sorted(FRESH.glob("*/*.jsonl")),
        *sorted(FRESH2.glob("*/*.jsonl")),
    ]:
        rows = [json.loads(x) for x in path.read_text(encoding="utf-8").split("\n") if x.strip()]
        out.extend(rows[:PER_SOURCE])
    return out


TEXTS_PRESENT = _texts()


@pytest.mark.skipif(not TEXTS_PRESENT, reason="no real corpus texts on this machine")
def test_committed_sources_are_present() -> None:
    present = {t["source"] for t in TEXTS_PRESENT}
    assert set(COMMITTED) <= present


@pytest.mark.skipif(not TEXTS_PRESENT, reason="no real corpus texts on this machine")
def test_safe_fixes_change_only_the_flagged_spans() -> None:
    fixed_posts = 0
    for row in TEXTS_PRESENT:
        text = row["text"]
        edits = sorted(
            (f.start, f.end, f.replacements[0])
            for f in postcraft.check(text, lang=row["lang"])
            if f.applicability == "safe" and f.replacements
        )
        # non-overlapping, left to right (as a fixer applies them)
        chosen: list[tuple[int, int, str]] = []
        for e in edits:
            if not chosen or e[0] >= chosen[-1][1]:
                chosen.append(e)
        if not chosen:
            continue
        fixed_posts += 1
        pieces, pos, shift, new_spans = [], 0, 0, []
        for start, end, rep in chosen:
            pieces.append(text[pos:start])
            new_spans.append((start + shift, start + shift + len(rep)))
            pieces.append(rep)
            shift += len(rep) - (end - start)
            pos = end
        pieces.append(text[pos:])
        new = "".join(pieces)

        def outside(
            toks: list[tuple[str, int, int, str]], spans: list[tuple[int, int]]
        ) -> list[tuple[str, str]]:
            # tokens that touch no edited span (a token next to an edit may merge with it)
            return [(t[0], t[3]) for t in toks if all(t[2] < a - 1 or t[1] > b + 1 for a, b in spans)]

        old_spans = [(s, e) for s, e, _ in chosen]
        before = outside(tokenize(text), old_spans)
        after = outside(tokenize(new), new_spans)
        assert before == after, (row["id"], chosen)
    assert fixed_posts > 0  # the property was exercised
