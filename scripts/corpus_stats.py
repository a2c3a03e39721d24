"""Print the counts of the tone corpus as Markdown tables (for corpora/tone/README.md).

python scripts/corpus_stats.py
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1] / "corpora" / "tone"


def main() -> None:
    rows = [
        json.loads(line)
        for p in sorted(ROOT.rglob("*.jsonl"))
        for line in p.read_text("utf-8").splitlines()
        if line.strip()
    ]
    for field in ("grade", "length", "source", "case", "sector", "role"):
        counts = {
            lang: Counter(str(r.get(field, "")) for r in rows if r["lang"] == lang) for lang in ("da", "en")
        }
        keys = sorted(
            set(counts["da"]) | set(counts["en"]), key=lambda k: (-(counts["da"][k] + counts["en"][k]), k)
        )
        print(f"\n| {field} | da | en |\n|---|---:|---:|")
        for k in keys[:25]:
            print(f"| {k or '(none)'} | {counts['da'][k]} | {counts['en'][k]} |")
        if len(keys) > 25:
            print(f"| … {len(keys) - 25} more | | |")
    for lang in ("da", "en"):
        sub = [r for r in rows if r["lang"] == lang]
        chars = sorted(len(r["text"]) for r in sub)
        authors = len({r["author"] for r in sub})
        print(
            f"\n{lang}: {len(sub)} posts, {authors} authors, length {chars[0]}–{chars[-1]} characters, "
            f"median {chars[len(chars) // 2]}"
        )


if __name__ == "__main__":
    main()
