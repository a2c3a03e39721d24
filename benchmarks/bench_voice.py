"""Does a held-out post sound more like its author than other people's posts do?

    python benchmarks/bench_voice.py                                   # corpora/real/texts
    python benchmarks/bench_voice.py --corpus /path/to/corpora/real/texts --json out.json

For every author with at least ``--min-posts`` texts in the real corpus (``corpora/real/``; its
README lists the sources; Twitter bios are left out: one short bio per account is not a voice),
``--folds`` posts are held out one at a time (seeded). For each, a :class:`VoiceProfile` is learned
from the author's other posts (at most ``--max-train``, seeded), and the held-out post's score is
compared with the scores of ``--others`` posts by other authors *of the same language* against
the same profile. A case is won when the held-out post scores higher (a tie counts half).

Printed: the share of cases won (the figure in docs/voice.md; target ≥ 80 %), the same per
author, and a stricter figure: how often the held-out post scores highest against its own
author's profile among all same-language authors' profiles (attribution, top-1).

The texts of most sources are not redistributable; rebuild them first
(``python scripts/real_corpus/rebuild.py --mirror … --out corpora/real/texts``). When the corpus
is absent the script says so and exits 0.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import zlib
from collections import defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from postcraft.voice import Measure, compare_measure, from_measures, measure  # noqa: E402

SKIP_GENRES = frozenset({"profile_bio"})


def load_corpus(folder: Path) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    for path in sorted(folder.glob("*/*.jsonl")):
        with path.open(encoding="utf-8") as fh:
            for line in fh:
                if line.strip():
                    row = json.loads(line)
                    if row.get("genre") not in SKIP_GENRES and row.get("text", "").strip():
                        rows.append(row)
    return rows


def run(
    rows: list[dict[str, Any]],
    *,
    seed: int = 0,
    min_posts: int = 10,
    folds: int = 10,
    others: int = 30,
    max_train: int = 80,
) -> dict[str, Any]:
    by_author: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        by_author[(row["lang"], f"{row['source']}/{row['author']}")].append(row)
    for texts in by_author.values():  # a fixed order, independent of file order and hash seeds
        texts.sort(key=lambda r: zlib.crc32(r["id"].encode("utf-8")))
    cache: dict[str, Measure] = {}

    def m(row: dict[str, Any]) -> Measure:
        got = cache.get(row["id"])
        if got is None:
            got = cache[row["id"]] = measure(row["text"], lang=row["lang"])
        return got

    authors = sorted(k for k, v in by_author.items() if len(v) >= min_posts)
    rng = random.Random(seed)
    full = {k: from_measures([m(r) for r in by_author[k][:max_train]]) for k in authors}
    per_author: dict[str, dict[str, Any]] = {}
    won = total = top1 = held_total = gwon = gtotal = 0.0
    for key in authors:
        lang, name = key
        texts = by_author[key]
        held = rng.sample(range(len(texts)), min(folds, len(texts)))
        pool = [r for k, v in by_author.items() if k[0] == lang and k != key for r in v]
        genre = texts[0].get("genre")
        same_genre = [r for r in pool if r.get("genre") == genre]
        rivals = [k for k in authors if k[0] == lang and k != key]
        a_won = a_total = a_top = g_won = g_total = 0.0
        for i in held:
            rest = [texts[j] for j in range(len(texts)) if j != i]
            train = rng.sample(rest, min(max_train, len(rest)))
            profile = from_measures([m(r) for r in train])
            own = compare_measure(m(texts[i]), profile).score
            for other in rng.sample(pool, min(others, len(pool))):
                s = compare_measure(m(other), profile).score
                a_won += 1.0 if own > s else 0.5 if own == s else 0.0
                a_total += 1
            for other in rng.sample(same_genre, min(others, len(same_genre))):
                s = compare_measure(m(other), profile).score
                g_won += 1.0 if own > s else 0.5 if own == s else 0.0
                g_total += 1
            best_rival = max((compare_measure(m(texts[i]), full[r]).score for r in rivals), default=-1.0)
            a_top += own > best_rival
        per_author[f"{lang} {name}"] = {
            "posts": len(texts),
            "held_out": len(held),
            "cases": int(a_total),
            "won": a_won / a_total if a_total else None,
            "attribution_top1": a_top / len(held) if held else None,
            "genre": genre,
            "same_genre_cases": int(g_total),
            "same_genre_won": g_won / g_total if g_total else None,
        }
        won += a_won
        total += a_total
        gwon += g_won
        gtotal += g_total
        top1 += a_top
        held_total += len(held)
    return {
        "authors": len(authors),
        "cases": int(total),
        "share_won": won / total if total else None,
        "attribution_top1": top1 / held_total if held_total else None,
        "same_genre_cases": int(gtotal),
        "same_genre_won": gwon / gtotal if gtotal else None,
        "texts": len(rows),
        "per_author": per_author,
        "settings": {
            "seed": seed,
            "min_posts": min_posts,
            "folds": folds,
            "others": others,
            "max_train": max_train,
        },
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument(
        "--corpus", default=str(ROOT / "corpora" / "real" / "texts"), help="folder of <lang>/<source>.jsonl"
    )
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--min-posts", type=int, default=10)
    ap.add_argument("--folds", type=int, default=20, help="held-out posts per author")
    ap.add_argument("--others", type=int, default=30, help="posts by other authors per held-out post")
    ap.add_argument("--max-train", type=int, default=80, help="most posts a profile is learned from")
    ap.add_argument("--json", default=None, help="also write the results as JSON")
    ap.add_argument("--ablation", action="store_true", help="also score each part of the voice score alone")
    args = ap.parse_args(argv)
    folder = Path(args.corpus)
    rows = load_corpus(folder) if folder.is_dir() else []
    if not rows:
        print(f"skipped: no real-corpus texts under {folder} (rebuild them; see corpora/real/README.md)")
        return 0
    params = {
        "seed": args.seed,
        "min_posts": args.min_posts,
        "folds": args.folds,
        "others": args.others,
        "max_train": args.max_train,
    }
    r = run(rows, **params)
    print(
        f"voice: {r['authors']} authors with ≥ {args.min_posts} posts, {r['cases']} cases: "
        f"held-out post closer to its author's profile than another author's post in "
        f"{100 * r['share_won']:.1f} % of cases (target ≥ 80 %); "
        f"attribution top-1 {100 * r['attribution_top1']:.1f} %"
    )
    print(
        f"harder: against other authors of the same genre only ({r['same_genre_cases']} cases): "
        f"{100 * r['same_genre_won']:.1f} %"
    )
    print(f"{'author':<40} {'genre':<16} {'posts':>5} {'won':>7} {'top-1':>7} {'same genre':>10}")
    for name, a in r["per_author"].items():
        g = "—" if a["same_genre_won"] is None else f"{100 * a['same_genre_won']:.1f}%"
        print(
            f"{name:<40} {a['genre'] or '':<16} {a['posts']:>5} {100 * a['won']:>6.1f}% "
            f"{100 * a['attribution_top1']:>6.1f}% {g:>10}"
        )
    if args.ablation:
        from postcraft.voice import match

        saved = dict(match.WEIGHTS)
        for part in saved:
            match.WEIGHTS = {k: (1.0 if k == part else 0.0) for k in saved}
            a = run(rows, **params)
            print(
                f"  {part} alone: {100 * a['share_won']:.1f} % (same genre {100 * a['same_genre_won']:.1f} %)"
            )
        match.WEIGHTS = saved
    if args.json:
        Path(args.json).write_text(json.dumps(r, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
