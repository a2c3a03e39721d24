"""Print the counts behind corpora/real/README.md from the jsonl files.

    python scripts/real_corpus/stats.py [--texts corpora/real/texts] [--ids corpora/real/ids]

Counts come from texts/ when a source's texts are present, else from its ids/ file (so the
table is reproducible from a fresh clone, where non-redistributable texts are absent)."""

from __future__ import annotations

import argparse
import statistics
import sys
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import read_jsonl  # noqa: E402


def load(texts: Path, ids: Path) -> list[dict]:
    rows, seen = [], set()
    for f in sorted(texts.glob("*/*.jsonl")):
        rows += read_jsonl(f)
        seen.add((f.parent.name, f.stem))
    for f in sorted(ids.glob("*/*.jsonl")):
        if (f.parent.name, f.stem) not in seen:
            for r in read_jsonl(f):
                r.setdefault("source", f.stem)
                rows.append(r)
    return rows


def main(argv=None):
    root = Path(__file__).resolve().parents[2] / "corpora" / "real"
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--texts", type=Path, default=root / "texts")
    ap.add_argument("--ids", type=Path, default=root / "ids")
    a = ap.parse_args(argv)
    rows = load(a.texts, a.ids)
    for lang in sorted({r["lang"] for r in rows}):
        rs = [r for r in rows if r["lang"] == lang]
        print(f"\n## {lang}: {len(rs)} texts, {len({r['author'] for r in rs})} distinct authors")
        print("\n| genre | author_type | texts | authors |\n|---|---|---:|---:|")
        g = defaultdict(list)
        for r in rs:
            g[(r["genre"], r["author_type"])].append(r)
        for (genre, at), v in sorted(g.items()):
            print(f"| {genre} | {at} | {len(v)} | {len({r['author'] for r in v})} |")
        at = Counter(r["author_type"] for r in rs)
        print("\nauthor_type totals: " + ", ".join(f"{k} {v}" for k, v in sorted(at.items())))
        print("\n| source | texts | authors | excerpts |\n|---|---:|---:|---:|")
        s = defaultdict(list)
        for r in rs:
            s[r["source"]].append(r)
        for k, v in sorted(s.items()):
            exc = sum(1 for r in v if r.get("excerpt")) if "text" in v[0] else "n/a"
            print(f"| {k} | {len(v)} | {len({r['author'] for r in v})} | {exc} |")
        top = Counter(r["author"] for r in rs).most_common(3)
        print("\nlargest authors: " + ", ".join(f"{a_} {n} ({100 * n / len(rs):.1f}%)" for a_, n in top))
        lens = [len(r["text"]) for r in rs if "text" in r]
        if lens:
            q = statistics.quantiles(lens, n=10)
            print(
                f"\nlength (chars) of {len(lens)} texts present: min {min(lens)}, p10 {q[0]:.0f}, "
                f"median {statistics.median(lens):.0f}, p90 {q[-1]:.0f}, max {max(lens)}"
            )
            bins = [(30, 100), (100, 280), (280, 1000), (1000, 3001)]
            print(
                "length bins: "
                + ", ".join(f"{lo}-{hi - 1}: {sum(lo <= n < hi for n in lens)}" for lo, hi in bins)
            )


if __name__ == "__main__":
    main()
