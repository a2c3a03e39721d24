"""Measure the guideline checks: speed of all built-in packs, and false positives on clean posts.

    python benchmarks/bench_rules.py            # both
    python benchmarks/bench_rules.py speed      # median time of check_analysis on a 1,300-character post
    python benchmarks/bench_rules.py fp [-v]    # error/warning rate on grade-1/2 posts of corpora/tone

Speed: the analysis is built outside the timed region, but fresh for every run (its lazily
computed parts, LIX and Flesch included, are paid inside it, as in a real review).
"""

from __future__ import annotations

import glob
import json
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

from postcraft.analysis import analyze
from postcraft.rules import check_analysis, load_guidelines

ROOT = Path(__file__).resolve().parents[1]

POST = (
    "Sidste uge lavede jeg en fejl, som jeg stadig tænker over.\n\n"
    "Jeg sendte en opdatering ud en fredag eftermiddag, fordi jeg ikke ville skuffe en kunde. "
    "Den ødelagde deres fakturering i to timer. Min kollega Priya blev og hjalp mig med at rette den, "
    "og hun sagde ikke én gang »hvad sagde jeg«.\n\n"
    "Det, jeg lærte: at sige »mandag« er også en måde at holde et løfte på. Og at de bedste kolleger "
    "er dem, der står ved siden af dig, når det brænder, i stedet for at pege fingre bagefter.\n\n"
    "Vi har siden lavet en enkel regel i teamet: ingen udgivelser efter kl. 14 om fredagen, medmindre "
    "to personer har kigget på ændringen og er til stede resten af dagen. Det lyder bureaukratisk, "
    "men det har allerede reddet os to gange. 🙏\n\n"
    "Jeg har også lært noget om mig selv. Jeg siger for ofte ja, fordi jeg gerne vil være den, der "
    "løser problemet. Men et ærligt »ikke i dag« er bedre end et halvt ja, der ender i en nat med "
    "fejlfinding.\n\n"
    "Bagefter skrev jeg en kort opsummering til kunden. Ingen undskyldninger, bare hvad der skete, hvad vi "
    "gjorde, og hvad vi gør anderledes nu. De svarede inden for en time og takkede for ærligheden. "
    "Det betød mere for mig end noget andet den uge.\n\n"
    "Har du selv sendt noget ud, som du ville ønske, du havde ventet med? Og hvad lærte du af det?\n\n"
    "#Softwareudvikling #Læring"
)


def speed(runs: int = 3000) -> None:
    text = POST
    assert 1250 <= len(text) <= 1350, len(text)
    g = load_guidelines(None)
    times: list[float] = []
    warm = analyze(text)
    check_analysis(warm, g)
    analyses = [analyze(text) for _ in range(runs)]
    for a in analyses:
        t0 = time.perf_counter()
        check_analysis(a, g)
        times.append(time.perf_counter() - t0)
    hot = []
    for _ in range(runs):
        t0 = time.perf_counter()
        check_analysis(warm, g)
        hot.append(time.perf_counter() - t0)
    t0 = time.perf_counter()
    for _ in range(300):
        analyze(text)
    an = (time.perf_counter() - t0) / 300
    print(f"post: {len(text)} characters, {len(g.rules)} rules in {len(g.packs)} packs")
    print(
        f"check_analysis, fresh analysis: median {statistics.median(times) * 1000:.3f} ms, "
        f"p90 {sorted(times)[int(runs * 0.9)] * 1000:.3f} ms ({runs} runs)"
    )
    print(f"check_analysis, same analysis (lazy parts cached): median {statistics.median(hot) * 1000:.3f} ms")
    print(f"for reference, analyze(): {an * 1000:.3f} ms")


def _tone_scorer():  # type: ignore[no-untyped-def]
    try:
        from postcraft.tone import score_analysis
    except ImportError:  # the tone model is not there: the voice rules are skipped
        return None
    return score_analysis


def false_positives(verbose: bool = False) -> None:
    g = load_guidelines(None)
    scorer = _tone_scorer()
    print(f"tone score: {'used (voice pack active)' if scorer else 'not available (voice pack skipped)'}")
    rows = []
    for f in sorted(glob.glob(str(ROOT / "corpora" / "tone" / "*" / "*.jsonl"))):
        for line in open(f, encoding="utf-8"):
            if line.strip():
                rows.append(json.loads(line))
    for lang in ("da", "en"):
        for grades in ((1, 2), (3,), (4, 5)):
            sel = [r for r in rows if r.get("lang") == lang and r.get("grade") in grades]
            if not sel:
                continue
            flagged = 0
            by_rule: Counter[str] = Counter()
            sugg: Counter[str] = Counter()
            for r in sel:
                a = analyze(r["text"], lang=lang)
                fs = check_analysis(a, g, tone=scorer(a) if scorer else None)
                bad = [f for f in fs if f.severity in ("error", "warning")]
                for f in fs:
                    (by_rule if f.severity != "suggestion" else sugg)[f.rule] += 1
                if bad:
                    flagged += 1
                    if verbose and grades == (1, 2):
                        print(f"  {r.get('id')}: " + "; ".join(f"{f.rule}: {f.message}" for f in bad))
            print(
                f"{lang} grades {','.join(map(str, grades))}: {len(sel)} posts, "
                f"{flagged} with an error/warning "
                f"({100 * flagged / len(sel):.1f} %)  errors/warnings by rule: {dict(by_rule)}  "
                f"suggestions: {dict(sugg)}"
            )


if __name__ == "__main__":
    args = sys.argv[1:]
    if not args or args[0] == "speed":
        speed()
    if not args or args[0] == "fp":
        false_positives("-v" in args)
