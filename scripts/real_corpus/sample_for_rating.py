"""Draw the blind-rating samples (seeded, stratified).

    python scripts/real_corpus/sample_for_rating.py [--n 450] [--seed 20261206]

For each language, texts are grouped into strata (source, genre, author_type); the n slots are
shared out as evenly as the strata allow (a stratum smaller than its share gives the rest to the
others), texts are drawn at random within a stratum, and the sample is shuffled. Writes
  corpora/real/rating/sample-<lang>.jsonl  {"rid", "text"} only (gitignored: contains texts that
                                           may not be redistributed; regenerate after rebuild.py)
  corpora/real/rating/key-<lang>.jsonl     {"rid", "id"} (committed)
Needs every source's texts present (run rebuild.py first in a fresh clone)."""

from __future__ import annotations

import argparse
import random
import sys
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import read_jsonl, write_jsonl  # noqa: E402


def allocate(sizes: dict, n: int) -> dict:
    alloc = {k: 0 for k in sizes}
    left = min(n, sum(sizes.values()))
    open_ = [k for k in sizes if sizes[k] > 0]
    while left > 0 and open_:
        share = max(1, left // len(open_))
        for k in list(open_):
            take = min(share, sizes[k] - alloc[k], left)
            alloc[k] += take
            left -= take
            if alloc[k] >= sizes[k]:
                open_.remove(k)
            if left == 0:
                break
    return alloc


def main(argv=None):
    root = Path(__file__).resolve().parents[2] / "corpora" / "real"
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--texts", type=Path, default=root / "texts")
    ap.add_argument("--ids", type=Path, default=root / "ids")
    ap.add_argument("--out", type=Path, default=root / "rating")
    ap.add_argument("--n", type=int, default=450)
    ap.add_argument("--seed", type=int, default=20261206)
    a = ap.parse_args(argv)
    for lang_dir in sorted(p for p in a.texts.iterdir() if p.is_dir()):
        lang = lang_dir.name
        have = {f.stem for f in lang_dir.glob("*.jsonl")}
        need = {f.stem for f in (a.ids / lang).glob("*.jsonl")} if (a.ids / lang).exists() else set()
        if need - have:
            sys.exit(f"texts missing for {sorted(need - have)}; run rebuild.py first")
        rows = []
        for f in sorted(lang_dir.glob("*.jsonl")):
            rows += read_jsonl(f)
        strata = defaultdict(list)
        for r in rows:
            strata[(r["source"], r["genre"], r["author_type"])].append(r)
        rng = random.Random(f"{a.seed}-{lang}")
        alloc = allocate({k: len(v) for k, v in sorted(strata.items())}, a.n)
        picked = []
        for k in sorted(strata):
            v = sorted(strata[k], key=lambda r: r["id"])
            picked += rng.sample(v, alloc[k])
        rng.shuffle(picked)
        sample, key = [], []
        for i, r in enumerate(picked, 1):
            rid = f"{lang}-{i:04d}"
            sample.append({"rid": rid, "text": r["text"]})
            key.append({"rid": rid, "id": r["id"]})
        write_jsonl(a.out / f"sample-{lang}.jsonl", sample)
        write_jsonl(a.out / f"key-{lang}.jsonl", key)
        print(f"{lang}: {len(sample)} texts from {sum(1 for k in alloc if alloc[k])} strata")


if __name__ == "__main__":
    main()
