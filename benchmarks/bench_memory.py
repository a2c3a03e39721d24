"""Memory under a stream of new words: RSS after many reviews that each bring unseen word forms.

    python benchmarks/bench_memory.py                 # 50,000 reviews, RSS every 10,000
    python benchmarks/bench_memory.py -n 20000 --every 5000

Every draft is a Danish or English sentence with six made-up words of 4–14 letters (seeded, so
every run sees the same stream) and a made-up name and number: the word caches (case folding,
syllables, lemmas, tone word info, compound splitting) see new keys on every review, which is
what a long-running service sees over months. The caches are bounded; RSS must level off.
Target (issue 19): ≤ 250 MB after 50,000 reviews. Nothing is asserted; this is a measurement.
"""

from __future__ import annotations

import argparse
import random
import resource
import sys
import time
from collections.abc import Iterator

TARGET_MB = 250
LETTERS = "abcdefghijklmnopqrstuvwxyzæøå"
FRAMES = {
    "da": "Jeg har i dag arbejdet med {0} og {1}, og {2} hjalp os med {3}. Tak til {name} for {4} og {5}! Vi nåede {num} %.",
    "en": "Today I worked on {0} and {1}, and {2} helped us with {3}. Thanks to {name} for {4} and {5}! We reached {num}%.",
}


def rss_mb() -> float:
    """Current resident set size in MB (Linux: /proc; elsewhere the peak)."""
    try:
        with open("/proc/self/statm") as f:
            pages = int(f.read().split()[1])
        return pages * resource.getpagesize() / 1e6
    except OSError:
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def drafts(n: int, seed: int) -> Iterator[tuple[str, str]]:
    rng = random.Random(seed)

    def word() -> str:
        return "".join(rng.choice(LETTERS) for _ in range(rng.randint(4, 14)))

    for i in range(n):
        lang = "da" if i % 2 else "en"
        words = [word() for _ in range(6)]
        name = word().title() + " " + word().title()
        yield FRAMES[lang].format(*words, name=name, num=rng.randint(1, 999)), lang


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("-n", type=int, default=50_000, help="reviews (default 50,000)")
    ap.add_argument("--every", type=int, default=10_000, help="print RSS every this many reviews")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--roster", default="tests/data/tags/roster.yaml")
    args = ap.parse_args(argv)

    import postcraft

    roster = postcraft.load_roster(args.roster)
    postcraft.review("warm-up", roster=roster, lang="en")
    print(f"after import and first review: {rss_mb():.0f} MB", flush=True)
    t0 = time.perf_counter()
    last = 0.0
    for i, (text, lang) in enumerate(drafts(args.n, args.seed), 1):
        postcraft.review(text, roster=roster, lang=lang)
        if i % args.every == 0 or i == args.n:
            last = rss_mb()
            print(f"{i:>7,} reviews: {last:.0f} MB  ({time.perf_counter() - t0:.0f} s)", flush=True)
    verdict = "ok" if last <= TARGET_MB else "MISSED"
    print(f"RSS after {args.n:,} reviews of new words: {last:.0f} MB (target ≤ {TARGET_MB} MB) {verdict}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
