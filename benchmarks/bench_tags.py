"""Precision and speed of postcraft's tagging suggestions.

Runs :func:`postcraft.tags.suggest` over hand-labelled drafts (``tests/data/tags/drafts*.yaml``)
with a 52-person fictional roster (``tests/data/tags/roster.yaml``) and reports:

* precision per kind (people, companies, experts, hashtags) and overall: the share of
  suggestions the labels accept;
* recall where the draft decides the answer: named people and companies, ambiguous names,
  named people who have not agreed to be tagged;
* time per post of ``suggest()`` after the roster is loaded (the analysis is done beforehand,
  as ``review()`` shares it), with a cold and a warm word cache, and of ``suggest_tags()``
  including the analysis, for reference.

Usage::

    python benchmarks/bench_tags.py                 # all drafts files
    python benchmarks/bench_tags.py --file tests/data/tags/drafts.yaml -v
    python benchmarks/bench_tags.py --json
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data" / "tags"
KINDS = ("people", "companies", "experts", "hashtags")


def load_drafts(paths: list[Path]) -> list[dict[str, Any]]:
    drafts: list[dict[str, Any]] = []
    for path in paths:
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
        for d in doc["drafts"]:
            d["file"] = path.name
            drafts.append(d)
    return drafts


def evaluate(drafts: list[dict[str, Any]], roster: Any, verbose: bool = False) -> dict[str, Any]:
    from postcraft.analysis import analyze
    from postcraft.tags import suggest

    counts: dict[str, dict[str, int]] = {}

    def add(group: str, key: str, n: int = 1) -> None:
        counts.setdefault(group, {"tp": 0, "fp": 0, "fn": 0})[key] += n

    per_lang: dict[str, dict[str, int]] = {}
    problems: list[str] = []
    # Experts and hashtags: the labels list every acceptable choice, so recall is read two ways:
    # the share of drafts with acceptable choices that get at least one of them, and the share
    # of all acceptable choices suggested (a lower bound: nobody should add all of them).
    reach: dict[str, dict[str, int]] = {
        k: {"drafts": 0, "hit": 0, "labelled": 0, "found": 0} for k in ("experts", "hashtags")
    }
    for d in drafts:
        exp = d.get("expect") or {}
        s = suggest(analyze(d["text"], lang=d["lang"]), roster)
        got = {
            "people": [x.target for x in s.people],
            "companies": [x.target for x in s.companies],
            "experts": [x.target for x in s.experts],
            "hashtags": [x.target for x in s.hashtags],
        }
        lang_counts = per_lang.setdefault(d["lang"], {"tp": 0, "fp": 0})
        for kind in KINDS:
            ok = set(exp.get(kind) or [])
            for g in got[kind]:
                right = g in ok
                add(kind, "tp" if right else "fp")
                add("all", "tp" if right else "fp")
                lang_counts["tp" if right else "fp"] += 1
                if not right:
                    problems.append(f"{d['id']}: wrong {kind[:-1] if kind != 'people' else 'person'} {g!r}")
            if kind in reach and ok:
                r = reach[kind]
                r["drafts"] += 1
                r["labelled"] += len(ok)
                r["found"] += len(ok & set(got[kind]))
                r["hit"] += bool(ok & set(got[kind]))
            if kind in ("people", "companies"):
                missed = ok - set(got[kind])
                add(kind, "fn", len(missed))
                problems.extend(f"{d['id']}: missed {kind} {m!r}" for m in sorted(missed))
        for kind, notes, attr in (("ambiguous", s.ambiguous, "text"), ("withheld", s.withheld, None)):
            want = set(exp.get(kind) or [])
            have = set()
            for note in notes:
                if attr == "text":
                    have.add(note.text)
                else:
                    have.add(note.reason.split(" er nævnt")[0].split(" is named")[0])
            add(kind, "tp", len(have & want))
            add(kind, "fp", len(have - want))
            add(kind, "fn", len(want - have))
            problems.extend(f"{d['id']}: unexpected {kind} {x!r}" for x in sorted(have - want))
            problems.extend(f"{d['id']}: missed {kind} {x!r}" for x in sorted(want - have))
        if verbose:
            print(f"{d['id']:<36} " + "  ".join(f"{k}={got[k]}" for k in KINDS if got[k]))
    result: dict[str, Any] = {"drafts": len(drafts), "by_lang": {}, "kinds": {}}
    for lang, c in sorted(per_lang.items()):
        n = sum(1 for d in drafts if d["lang"] == lang)
        total = c["tp"] + c["fp"]
        result["by_lang"][lang] = {
            "drafts": n,
            "suggestions": total,
            "precision": round(c["tp"] / total, 3) if total else None,
        }
    for group, c in counts.items():
        tp, fp, fn = c["tp"], c["fp"], c["fn"]
        result["kinds"][group] = {
            "suggested": tp + fp,
            "correct": tp,
            "precision": round(tp / (tp + fp), 3) if tp + fp else None,
            "recall": round(tp / (tp + fn), 3)
            if group not in ("all", "experts", "hashtags") and tp + fn
            else None,
        }
    for kind, r in reach.items():
        k = result["kinds"].setdefault(
            kind, {"suggested": 0, "correct": 0, "precision": None, "recall": None}
        )
        k["drafts_with_one_right"] = f"{r['hit']}/{r['drafts']}"
        k["share_of_acceptable"] = round(r["found"] / r["labelled"], 3) if r["labelled"] else None
    result["problems"] = problems
    return result


def timing(drafts: list[dict[str, Any]], roster_path: Path, repeat: int = 200) -> dict[str, Any]:
    from postcraft.analysis import analyze
    from postcraft.tags import load_roster, suggest, suggest_tags
    from postcraft.tags import roster as roster_module

    load_roster(None)
    t0 = time.perf_counter()
    roster = roster_module._load_source(roster_path)  # a real load (no file cache): read, validate, compile
    load_ms = (time.perf_counter() - t0) * 1000
    analyses = [analyze(d["text"], lang=d["lang"]) for d in drafts]

    # Cold: a roster compiled afresh, so every distinct word goes through compound splitting once.
    from postcraft.tags.roster import Roster

    fresh = Roster(roster.people, roster.companies, roster.hashtags)
    for lang in ("da", "en"):
        idx = fresh.compiled.topics[lang]
        idx._cache = {}
    t0 = time.perf_counter()
    for a in analyses:
        suggest(a, fresh)
    cold_us = (time.perf_counter() - t0) / len(analyses) * 1e6

    per_post: list[float] = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        for a in analyses:
            suggest(a, roster)
        per_post.append((time.perf_counter() - t0) / len(analyses) * 1e6)

    texts = [(d["text"], d["lang"]) for d in drafts]
    full: list[float] = []
    for _ in range(max(1, repeat // 10)):
        t0 = time.perf_counter()
        for text, lang in texts:
            suggest_tags(text, roster=roster, lang=lang)
        full.append((time.perf_counter() - t0) / len(texts) * 1e6)
    # A post at LinkedIn's 3,000-character limit, made of the Danish drafts.
    long_text = "\n\n".join(d["text"] for d in drafts if d["lang"] == "da")[:3000]
    long_a = analyze(long_text, lang="da")
    suggest(long_a, roster)
    long_best = float("inf")
    for _ in range(max(3, repeat // 20)):
        t0 = time.perf_counter()
        for _ in range(20):
            suggest(long_a, roster)
        long_best = min(long_best, (time.perf_counter() - t0) / 20 * 1e6)
    words = statistics.mean(len(a.tokens) for a in analyses)
    return {
        "roster_people": len(roster.people),
        "roster_load_ms": round(load_ms, 2),
        "mean_tokens_per_post": round(words, 1),
        "suggest_us_per_post_cold": round(cold_us, 1),
        "suggest_us_per_post_median": round(statistics.median(per_post), 1),
        "suggest_us_per_post_best": round(min(per_post), 1),
        "suggest_tags_us_per_post_median_incl_analysis": round(statistics.median(full), 1),
        "long_post_tokens": len(long_a.tokens),
        "long_post_suggest_us_best": round(long_best, 1),
        "load_average_1min": round(os.getloadavg()[0], 2),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--file", action="append", type=Path, help="drafts file(s); default: all")
    parser.add_argument("--roster", type=Path, default=DATA / "roster.yaml")
    parser.add_argument("--repeat", type=int, default=200)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT / "src"))
    from postcraft.tags import load_roster

    files = args.file or sorted(DATA.glob("drafts*.yaml"))
    report: dict[str, Any] = {}
    roster = load_roster(args.roster)
    for path in files:
        report[path.name] = evaluate(load_drafts([path]), roster, args.verbose)
    if len(files) > 1:
        report["all files"] = evaluate(load_drafts(files), roster)
    report["timing"] = timing(load_drafts(files), args.roster, args.repeat)
    if args.json:
        json.dump(report, sys.stdout, ensure_ascii=False, indent=2)
        print()
        return 0
    for name, r in report.items():
        if name == "timing":
            continue
        print(f"\n== {name}: {r['drafts']} drafts")
        for lang, lr in r["by_lang"].items():
            print(
                f"   {lang}: {lr['drafts']} drafts, {lr['suggestions']} suggestions, "
                f"precision {lr['precision']}"
            )
        print(
            f"   {'kind':<10} {'suggested':>9} {'correct':>8} {'precision':>10} {'recall':>7}"
            f" {'drafts w/ one right':>20} {'share of acceptable':>20}"
        )
        for kind in ("people", "companies", "experts", "hashtags", "all", "ambiguous", "withheld"):
            k = r["kinds"].get(kind)
            if k is None:
                continue
            print(
                f"   {kind:<10} {k['suggested']:>9} {k['correct']:>8} {str(k['precision']):>10} "
                f"{str(k['recall']) if k['recall'] is not None else '-':>7}"
                f" {k.get('drafts_with_one_right', '-'):>20} {str(k.get('share_of_acceptable', '-')):>20}"
            )
        if args.verbose or len(files) == 1:
            for p in r["problems"]:
                print("   ·", p)
    print("\n== timing (roster of", report["timing"]["roster_people"], "people)")
    for k, v in report["timing"].items():
        print(f"   {k}: {v}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
