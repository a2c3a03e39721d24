"""The default checks on real public text: how often each rule fires, and a blind-judging sample.

    python benchmarks/bench_rules_real.py                       # counts per rule (all texts present)
    python benchmarks/bench_rules_real.py --sample out/ -n 300  # + out/sample.jsonl and out/key.jsonl
    python benchmarks/bench_rules_real.py --judge out/ judged.jsonl [more.jsonl …]   # precision per rule

    # what our users write, warnings and errors plus named suggestions, from another checkout's texts
    python benchmarks/bench_rules_real.py --texts /work/main/corpora/real/texts \
        --genre linkedin_person --genre blog_person --genre tweet_person --genre linkedin_org \
        --sample out/ --severity warning --severity error --rule confidentiality.forecast --per-rule 40 -n 0

Runs ``postcraft.check(text, lang=…)`` (built-in packs, no organisation file) over
``corpora/real/texts/<lang>/*.jsonl`` (many of those files are gitignored: they exist only where
``scripts/real_corpus/rebuild.py`` has been run; the redistributable ones are committed).

``--sample DIR`` writes a seeded, stratified sample of findings (at most ``--per-rule`` per rule,
``-n`` in all) for blind judging: ``sample.jsonl`` holds ``{sid, lang, text, span, flagged,
message}`` — the post, the flagged span (code-point offsets and the flagged text) and the message,
**no rule id and no severity**; ``key.jsonl`` maps ``sid`` to the rule id, severity and text id.
A judge writes one line ``{"sid": "...", "useful": true|false}`` per sampled finding.
``--genre`` keeps only texts of those genres (the text's ``genre``, else its source's in
``corpora/real/sources.yaml``); ``--severity`` and ``--rule`` choose which findings may be sampled
(findings of a rule named with ``--rule`` or of one of the severities; neither: all). ``-n 0``
keeps every sampled finding. ``--texts`` reads the texts from another folder (they are gitignored,
so a worktree may have none).
``--judge DIR FILE…`` joins judge files with the key and prints precision per rule
(useful / judged), with every judge's lines counted (several judges: the mean over judges).

Nothing is asserted; this is a measurement.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
TEXTS = ROOT / "corpora" / "real" / "texts"
SOURCES = ROOT / "corpora" / "real" / "sources.yaml"
SEVERITIES = ("error", "warning", "suggestion")


def source_genres(path: Path = SOURCES) -> dict[str, str]:
    """Each source's genre from ``sources.yaml`` (its most common one), for texts without ``genre``."""
    if not path.exists():
        return {}
    from postcraft.yamlsrc import load_yaml

    data = load_yaml(path.read_text("utf-8")) or {}
    out: dict[str, str] = {}
    for src in data.get("sources", []):
        genres = src.get("genres") or {}
        if genres:
            out[str(src["source_id"])] = max(genres, key=lambda g: genres[g])
    return out


def load_texts(
    root: Path = TEXTS, sources: list[str] | None = None, genres: list[str] | None = None
) -> list[dict[str, Any]]:
    """Every text of the real corpus present on this machine (``[]`` when none are), optionally
    only those of some sources (file stems) or genres."""
    fallback = source_genres() if genres else {}
    out: list[dict[str, Any]] = []
    for path in sorted(root.glob("*/*.jsonl")):
        if sources and path.stem not in sources:
            continue
        with path.open(encoding="utf-8") as fh:
            for line in fh:
                if line.strip():
                    t = json.loads(line)
                    if genres and (t.get("genre") or fallback.get(path.stem)) not in genres:
                        continue
                    out.append(t)
    return out


def run(texts: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], float]:
    """All findings of the default checks (``severity`` in error/warning/suggestion)."""
    import postcraft

    found: list[dict[str, Any]] = []
    t0 = time.perf_counter()
    for t in texts:
        for f in postcraft.check(t["text"], lang=t["lang"]):
            if f.severity not in SEVERITIES:
                continue
            found.append(
                {
                    "id": t["id"],
                    "lang": t["lang"],
                    "source": t["source"],
                    "genre": t.get("genre"),
                    "rule": f.rule,
                    "severity": f.severity,
                    "start": f.start,
                    "end": f.end,
                    "message": f.message,
                }
            )
    return found, time.perf_counter() - t0


def counts(texts: list[dict[str, Any]], found: list[dict[str, Any]]) -> str:
    """A table: per rule, findings and the share of texts it fires on, per genre family."""
    n_by_genre = Counter(str(t.get("genre")) for t in texts)
    by_rule: dict[str, Counter[str]] = defaultdict(Counter)
    texts_by_rule: dict[str, set[str]] = defaultdict(set)
    sev: dict[str, str] = {}
    for f in found:
        by_rule[f["rule"]][str(f["genre"])] += 1
        texts_by_rule[f["rule"]].add(f["id"])
        sev[f["rule"]] = f["severity"]
    lines = [f"{len(texts)} texts ({', '.join(f'{g} {n}' for g, n in n_by_genre.most_common())})", ""]
    lines.append(f"{'rule':44} {'sev':10} {'findings':>8} {'texts':>6}  top genres")
    for rule in sorted(by_rule, key=lambda r: -sum(by_rule[r].values())):
        tops = ", ".join(f"{g} {n}" for g, n in by_rule[rule].most_common(3))
        lines.append(
            f"{rule:44} {sev[rule]:10} {sum(by_rule[rule].values()):>8} {len(texts_by_rule[rule]):>6}  {tops}"
        )
    return "\n".join(lines)


def sample(
    texts: list[dict[str, Any]],
    found: list[dict[str, Any]],
    n: int,
    per_rule: int,
    seed: int,
    severities: list[str] | None = None,
    rules: list[str] | None = None,
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """A blind sample (no rule ids) and its key: at most ``per_rule`` findings per rule, ``n`` in
    all (``0``: no limit). With ``severities`` or ``rules``, only findings of those severities or
    of those rules are sampled."""
    rng = random.Random(seed)
    text_of = {t["id"]: t["text"] for t in texts}
    by_rule: dict[str, list[dict[str, Any]]] = defaultdict(list)
    seen: set[tuple[str, str, int, int]] = set()
    for f in found:
        if (
            (severities or rules)
            and f["severity"] not in (severities or ())
            and f["rule"] not in (rules or ())
        ):
            continue
        # the same post shared several times (the corpus has exports with repeated shares) is
        # one finding to judge, not thirty
        same = (f["rule"], text_of.get(f["id"], f["id"]), f["start"], f["end"])
        if same in seen:
            continue
        seen.add(same)
        by_rule[f["rule"]].append(f)
    picked: list[dict[str, Any]] = []
    for rule in sorted(by_rule):
        fs = by_rule[rule]
        picked.extend(rng.sample(fs, min(per_rule, len(fs))))
    rng.shuffle(picked)
    if n > 0:
        picked = picked[:n]
    items, key = [], []
    for i, f in enumerate(picked):
        sid = f"s{i:04d}"
        text = text_of[f["id"]]
        items.append(
            {
                "sid": sid,
                "lang": f["lang"],
                "text": text,
                "span": [f["start"], f["end"]],
                "flagged": text[f["start"] : f["end"]],
                "message": f["message"],
            }
        )
        key.append({"sid": sid, "rule": f["rule"], "severity": f["severity"], "id": f["id"]})
    return items, key


def precision(key: list[dict[str, Any]], judges: list[list[dict[str, Any]]]) -> str:
    """Precision per rule from judge files (useful / judged; the mean over judges)."""
    rule_of = {k["sid"]: k["rule"] for k in key}
    per_rule: dict[str, list[float]] = defaultdict(list)
    n_judged: Counter[str] = Counter()
    for lines in judges:
        useful: Counter[str] = Counter()
        judged: Counter[str] = Counter()
        for j in lines:
            rule = rule_of.get(j["sid"])
            if rule is None:
                continue
            judged[rule] += 1
            useful[rule] += bool(j["useful"])
        for rule in judged:
            per_rule[rule].append(useful[rule] / judged[rule])
            n_judged[rule] += judged[rule]
    out = [f"{'rule':44} {'judged':>6} {'precision':>9}"]
    for rule in sorted(per_rule, key=lambda r: sum(per_rule[r]) / len(per_rule[r])):
        p = sum(per_rule[rule]) / len(per_rule[rule])
        out.append(f"{rule:44} {n_judged[rule]:>6} {p:>9.0%}")
    return "\n".join(out)


def rejudge(folder: Path, judges: list[list[dict[str, Any]]]) -> str:
    """Precision per rule of the judged findings that the current checks still produce: each
    unique judged finding (rule, post, span) is checked again; one that no longer fires is
    counted apart, the judgements of the rest are kept."""
    import postcraft

    items = {x["sid"]: x for x in _read_jsonl(folder / "sample.jsonl")}
    rule_of = {k["sid"]: k["rule"] for k in _read_jsonl(folder / "key.jsonl")}
    verdicts = [{j["sid"]: bool(j["useful"]) for j in lines} for lines in judges]
    seen: set[tuple[str, str, int, int]] = set()
    still: Counter[str] = Counter()
    useful: Counter[str] = Counter()
    gone: Counter[str] = Counter()
    for sid, item in items.items():
        rule = rule_of[sid]
        same = (rule, item["text"], *item["span"])
        if same in seen:
            continue
        seen.add(same)
        fired = any(
            f.rule == rule and [f.start, f.end] == item["span"]
            for f in postcraft.check(item["text"], lang=item["lang"])
        )
        if not fired:
            gone[rule] += 1
            continue
        still[rule] += 1
        useful[rule] += sum(v[sid] for v in verdicts if sid in v)
    out = [f"{'rule':44} {'still fire':>10} {'precision':>9} {'no longer':>9}"]
    for rule in sorted(set(still) | set(gone)):
        n = still[rule]
        p = f"{useful[rule] / (n * len(verdicts)):.0%}" if n else "-"
        out.append(f"{rule:44} {n:>10} {p:>9} {gone[rule]:>9}")
    return "\n".join(out)


def _read_jsonl(path: Path) -> list[dict[str, Any]]:
    return [json.loads(x) for x in path.read_text(encoding="utf-8").split("\n") if x.strip()]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--source", action="append", help="only these sources (file stems); repeatable")
    ap.add_argument(
        "--genre", action="append", help="only texts of these genres (linkedin_person, …); repeatable"
    )
    ap.add_argument(
        "--texts", type=Path, default=TEXTS, help=f"folder of <lang>/*.jsonl texts (default {TEXTS})"
    )
    ap.add_argument(
        "--severity", action="append", choices=SEVERITIES, help="sample findings of this severity; repeatable"
    )
    ap.add_argument(
        "--rule", action="append", help="also sample findings of this rule (any severity); repeatable"
    )
    ap.add_argument("--sample", type=Path, metavar="DIR", help="write sample.jsonl and key.jsonl here")
    ap.add_argument("-n", type=int, default=300, help="sample size (default 300; 0: no limit)")
    ap.add_argument("--per-rule", type=int, default=25, help="at most this many per rule (default 25)")
    ap.add_argument("--seed", type=int, default=14)
    ap.add_argument("--judge", nargs="+", metavar="PATH", help="DIR (with key.jsonl) then judge files")
    ap.add_argument(
        "--rejudge",
        nargs="+",
        metavar="PATH",
        help="DIR (with sample.jsonl and key.jsonl) then judge files: precision of the judged "
        "findings the current checks still produce (unique findings)",
    )
    args = ap.parse_args(argv)

    if args.rejudge:
        print(rejudge(Path(args.rejudge[0]), [_read_jsonl(Path(p)) for p in args.rejudge[1:]]))
        return 0

    if args.judge:
        key = _read_jsonl(Path(args.judge[0]) / "key.jsonl")
        judges = [_read_jsonl(Path(p)) for p in args.judge[1:]]
        print(precision(key, judges))
        return 0

    texts = load_texts(args.texts, sources=args.source, genres=args.genre)
    if not texts:
        print(f"no texts in {args.texts} (run scripts/real_corpus/rebuild.py)", file=sys.stderr)
        return 0
    found, seconds = run(texts)
    print(counts(texts, found))
    print(f"\n{len(found)} findings in {seconds:.1f} s")
    if args.sample:
        items, key = sample(texts, found, args.n, args.per_rule, args.seed, args.severity, args.rule)
        args.sample.mkdir(parents=True, exist_ok=True)
        for name, rows in (("sample.jsonl", items), ("key.jsonl", key)):
            with (args.sample / name).open("w", encoding="utf-8") as fh:
                for r in rows:
                    fh.write(json.dumps(r, ensure_ascii=False) + "\n")
        per_rule = Counter(k["rule"] for k in key)
        print(f"wrote {len(items)} sampled findings to {args.sample}/sample.jsonl (+ key.jsonl)")
        for rule, k in sorted(per_rule.items()):
            print(f"  {rule:44} {k:>4}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
