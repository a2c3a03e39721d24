"""postcraft benchmarks: one command, one table.

    python benchmarks/run.py [--repeat N] [--posts N]

Reports import time, cold CLI time for one post, and per-post times (median, p95) and
throughput of each capability on realistic drafts of 1–3,000 characters in both languages
(the tone corpus in corpora/tone/). Targets live in benchmarks/README.md; nothing here asserts.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def load_posts(limit: int) -> list[tuple[str, str]]:
    posts: list[tuple[str, str]] = []
    for path in sorted((ROOT / "corpora" / "tone").glob("*/*.jsonl")):
        for line in path.read_text("utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                posts.append((row["lang"], row["text"]))
    if not posts:
        posts = [(p.stem[-2:], p.read_text("utf-8")) for p in sorted((ROOT / "examples").glob("post-??.txt"))]
        posts = [p for p in posts if p[0] in ("da", "en")]
    # Interleave languages deterministically and keep the size realistic.
    posts.sort(key=lambda p: (hash(p[1]) % 9973, p[1]))
    return posts[:limit]


def timed_process(cmd: list[str], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        subprocess.run(cmd, check=False, capture_output=True)
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def per_post(fn: Callable[[str, str], object], posts: list[tuple[str, str]]) -> tuple[float, float, float]:
    for lang, text in posts[:20]:  # warm-up: load models and caches
        fn(lang, text)
    times = []
    for lang, text in posts:
        t = time.perf_counter()
        fn(lang, text)
        times.append(time.perf_counter() - t)
    times.sort()
    med = statistics.median(times)
    p95 = times[int(0.95 * (len(times) - 1))]
    return med * 1e3, p95 * 1e3, len(times) / sum(times)


def peak_rss_mb() -> float:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=7, help="runs of each cold-start measurement")
    parser.add_argument("--posts", type=int, default=2000, help="posts in the per-post measurements")
    args = parser.parse_args()
    py = sys.executable
    rows: list[tuple[str, str]] = []

    imp = timed_process([py, "-c", "import postcraft"], args.repeat)
    base = timed_process([py, "-c", "pass"], args.repeat)
    rows.append(("import postcraft (process − bare python)", f"{(imp - base) * 1e3:.1f} ms"))
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False, encoding="utf-8") as fh:
        fh.write((ROOT / "examples" / "post-da.txt").read_text("utf-8"))
    cli = timed_process([py, "-m", "postcraft.cli", "review", fh.name], args.repeat)
    os.unlink(fh.name)
    rows.append(("cold `postcraft review post.txt`", f"{cli * 1e3:.0f} ms"))

    import postcraft

    posts = load_posts(args.posts)
    sizes = sorted(len(t) for _, t in posts)
    rows.append(("posts", f"{len(posts)} (da {sum(p[0] == 'da' for p in posts)}, "
                 f"{sizes[0]}–{sizes[-1]} chars, median {statistics.median(sizes):.0f})"))
    capabilities: list[tuple[str, Callable[[str, str], object]]] = [
        ("analyze", lambda lang, t: postcraft.analyze(t, lang=lang)),
    ]
    for name in ("score_tone", "check", "suggest_tags"):
        fn = getattr(postcraft, name, None) if name in dir(postcraft) else None
        if fn is not None:
            capabilities.append((name, lambda lang, t, fn=fn: fn(t, lang=lang)))
    capabilities.append(("review", lambda lang, t: postcraft.review(t, lang=lang)))
    for name, fn in capabilities:
        med, p95, rate = per_post(fn, posts)
        rows.append((f"{name} per post", f"median {med:.3f} ms, p95 {p95:.3f} ms, {rate:,.0f} posts/s"))
    rows.append(("peak RSS", f"{peak_rss_mb():.0f} MB"))

    print(f"postcraft {postcraft.__version__} on Python {platform.python_version()}, "
          f"{platform.machine()}, {os.cpu_count()} cores")
    width = max(len(r[0]) for r in rows)
    for k, v in rows:
        print(f"{k:<{width}}  {v}")


if __name__ == "__main__":
    main()
