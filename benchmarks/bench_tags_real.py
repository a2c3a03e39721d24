"""Tag suggestions on real public posts: how many, and a blind-judging sample for precision.

    python benchmarks/bench_tags_real.py --texts /work/main/corpora/real/texts            # counts, DEV half
    python benchmarks/bench_tags_real.py --split dev --sample out/dev                     # every DEV suggestion
    python benchmarks/bench_tags_real.py --split test --sample out/test -n 300            # seeded TEST sample
    python benchmarks/bench_tags_real.py --split fresh --sample out/fresh -n 250          # held-out FRESH set
    python benchmarks/bench_tags_real.py --split fresh2 --sample out/fresh2 -n 250        # second held-out set
    python benchmarks/bench_tags_real.py --split fresh3 --sample out/fresh3 -n 250        # third held-out set
    python benchmarks/bench_tags_real.py --split fresh4 --sample out/fresh4 -n 250        # fourth held-out set
    python benchmarks/bench_tags_real.py --split fresh5 --sample out/fresh5 -n 250        # fifth held-out set
    python benchmarks/bench_tags_real.py --judge out/test judge-A.jsonl judge-B.jsonl    # precision per kind

Runs ``postcraft.suggest_tags(text, roster=examples/roster.yaml, lang=…)`` over the posts of
``corpora/real/texts/<lang>/*.jsonl`` (``--texts``; most of those files are gitignored and exist
only where ``scripts/real_corpus/rebuild.py`` has been run) whose genre is one an employee, a
leader or an organisation's page would post on LinkedIn: ``linkedin_person``, ``blog_person``,
``tweet_person``, ``linkedin_org`` and ``news_org`` (``--genre`` to change). ``news_org`` is the
Danish organisations' own news (clubs, associations, a ministry): what their LinkedIn page would
post, as Visa's page does in ``linkedin_org``; without it Danish has only 158 blog posts against
English's 663 posts. Left out: job ads (a recruiter's template, not a post), profile bios and
comments (not posts) and the English press releases (a state attorney general's legal notices).

The posts are split by a fixed hash of their id into a DEV half (for tuning) and a TEST half
(only for blind judges): ``--split dev|test|all``. Tune on DEV only.

``--split fresh`` is a third, held-out set: the posts of the sources marked ``heldout: "tags"``
in ``corpora/real/sources.yaml`` (``FRESH_SOURCES`` below), which ``scripts/real_corpus/build.py``
writes to ``corpora/real/fresh/texts/<lang>/`` (``rebuild.py`` rebuilds them from their ids), apart
from the main corpus, so DEV/TEST never contain them (``--fresh-texts`` to read them elsewhere).
They were added after the TEST half had been read for tuning, to give an honest figure: nobody
tunes on them or reads their judges' notes to change the mechanisms; once that happens they
are no longer held out and need replacing.

``--split fresh2`` is the second held-out set, built the same way from the sources marked
``heldout: "tags2"`` (``FRESH2_SOURCES``) into ``corpora/real/fresh2/texts/<lang>/``
(``--fresh2-texts``), apart from the main corpus and from fresh. Same rules: do not tune on it.

``--split fresh3`` is the third held-out set (``heldout: "tags3"``, ``FRESH3_SOURCES``), read from
``corpora/real/fresh3/texts/<lang>/`` (``--fresh3-texts``), apart from the main corpus, fresh and
fresh2. Same rules: do not tune on it.

``--split fresh4`` is the fourth held-out set (``heldout: "tags4"``, ``FRESH4_SOURCES``), read from
``corpora/real/fresh4/texts/<lang>/`` (``--fresh4-texts``), apart from the main corpus and the first
three held-out sets. Same rules: do not tune on it.

``--split fresh5`` is the fifth held-out set (``heldout: "tags5"``, ``FRESH5_SOURCES``), read from
``corpora/real/fresh5/texts/<lang>/`` (``--fresh5-texts``), apart from the main corpus and the first
four held-out sets. Same rules: do not tune on it.

``--sample DIR`` writes ``sample.jsonl`` with ``{sid, lang, text, kind, suggestion, reason}`` —
the post, the kind (hashtag, expert, person, company), the suggested hashtag or roster name and
the reason shown to the writer, **no score and no internal ids** — and ``key.jsonl`` mapping
``sid`` to the text id, split, kind, language, score and action. With ``-n N`` at most N
suggestions, a seeded sample stratified by kind × language (each stratum gets its share, small
strata all of theirs); without ``-n`` every suggestion of the split.

A judge writes one line ``{"sid": "...", "good": true|false}`` per item (``useful`` is read
too). ``--judge DIR FILE…`` prints precision (good / judged) per kind and language, the mean
over judges, and the judges' agreement (share of items two judges answer alike, and Cohen's κ).

``--rescore DIR`` reruns the split and compares it with verdicts kept in DIR (``judge*.jsonl``,
by ``sid`` with DIR's ``key.jsonl``, or by ``id`` and ``suggestion``): how many judged
suggestions are kept and dropped, precision on the judged items before and after (mean over
judges), how many judged-good suggestions are lost (the recall cost) and how many suggestions
are new (not judged: judge them before quoting a precision). ``--show-new`` lists those.

Nothing is asserted; this is a measurement.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import sys
import time
from collections import Counter, defaultdict
from itertools import combinations
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
TEXTS = ROOT / "corpora" / "real" / "texts"
ROSTER = ROOT / "examples" / "roster.yaml"
GENRES = ("linkedin_person", "blog_person", "tweet_person", "linkedin_org", "news_org")
FRESH_TEXTS = ROOT / "corpora" / "real" / "fresh" / "texts"
FRESH_SOURCES = (
    "fresh_blog_kevinsimper_da",
    "fresh_blog_kevinsimper_en",
    "fresh_news_copenhagenjs_en",
    "fresh_blog_mikkel1997_da",
    "fresh_blog_mortenskouandersen_da",
    "fresh_blog_xoc_da",
    "fresh_blog_larsolesen_da",
    "fresh_blog_teambuilder_da",
    "fresh_blog_msdahl_da",
    "fresh_blog_madsdavidsen_da",
    "fresh_blog_madsdavidsen_en",
    "fresh_news_soeborggruppe_da",
    "fresh_blog_substancelab_da",
)
# The fresh set also holds a company blog (blog_org): what a company page would post.
FRESH_GENRES = (*GENRES, "blog_org")
FRESH2_TEXTS = ROOT / "corpora" / "real" / "fresh2" / "texts"
FRESH2_SOURCES = (
    "fresh2_li_adrianmoreno_en",
    "fresh2_li_apk0703_en",
    "fresh2_li_harvadli_en",
    "fresh2_blog_praqma_en",
    "fresh2_blog_omichelsen_en",
    "fresh2_blog_andri_en",
    "fresh2_blog_improvedk_en",
)
FRESH3_TEXTS = ROOT / "corpora" / "real" / "fresh3" / "texts"
FRESH3_SOURCES = (
    "fresh3_tweets_smithjd_en",
    "fresh3_tweets_andreruffert_en",
    "fresh3_tweets_06b_en",
    "fresh3_toots_dealingwith_en",
    "fresh3_blog_hawksworx_en",
    "fresh3_blog_norseghost_en",
    "fresh3_blog_praktikrapport_da",
    "fresh3_news_kalle_da",
    "fresh3_blog_aloha_da",
    "fresh3_blog_tportfolio_da",
)
FRESH4_TEXTS = ROOT / "corpora" / "real" / "fresh4" / "texts"
FRESH4_SOURCES = (
    "fresh4_tweets_ianinsheffield_en",
    "fresh4_tweets_leefallin_en",
    "fresh4_tweets_jaforbes_en",
    "fresh4_news_matfagraad_da",
)
FRESH5_TEXTS = ROOT / "corpora" / "real" / "fresh5" / "texts"
FRESH5_SOURCES = (
    "fresh5_blog_savaslabs_en",
    "fresh5_blog_thoughtram_en",
    "fresh5_blog_namshi_en",
    "fresh5_blog_spacebetween_en",
    "fresh5_tweets_johnnyscript_en",
)
HELDOUT_SPLITS = {
    "fresh": FRESH_SOURCES,
    "fresh2": FRESH2_SOURCES,
    "fresh3": FRESH3_SOURCES,
    "fresh4": FRESH4_SOURCES,
    "fresh5": FRESH5_SOURCES,
}
#: each held-out set's texts folder and how ``--help`` names it
HELDOUT_TEXTS = {
    "fresh": (FRESH_TEXTS, "the first held-out set's"),
    "fresh2": (FRESH2_TEXTS, "the second held-out set's"),
    "fresh3": (FRESH3_TEXTS, "the third held-out set's"),
    "fresh4": (FRESH4_TEXTS, "the fourth held-out set's"),
    "fresh5": (FRESH5_TEXTS, "the fifth held-out set's"),
}
KINDS = ("hashtag", "expert", "person", "company")
_PLURAL = {"hashtag": "hashtags", "expert": "experts", "person": "people", "company": "companies"}


def split_of(text_id: str) -> str:
    """``"dev"`` or ``"test"``: a fixed hash of the text id, about half each.

    >>> split_of("li_sanand0_en:3"), split_of("blog_krejac_da:2011-11-02-trafikuheld")
    ('test', 'dev')
    """
    return "dev" if hashlib.sha256(text_id.encode("utf-8")).digest()[0] % 2 == 0 else "test"


def load_texts(root: Path, genres: tuple[str, ...], split: str) -> list[dict[str, Any]]:
    """The posts of ``genres`` in ``split`` found under ``root``.

    ``dev``, ``test`` or ``all``: the main corpus without the held-out sources; ``fresh``,
    ``fresh2``, ``fresh3``, ``fresh4`` or ``fresh5``: only that held-out set's sources (every post of them, no hash split)."""
    out: list[dict[str, Any]] = []
    seen: set[str] = set()
    for path in sorted(root.glob("*/*.jsonl")):
        with path.open(encoding="utf-8") as fh:
            for line in fh:
                if not line.strip():
                    continue
                t = json.loads(line)
                if t.get("genre") not in genres or not t.get("text", "").strip():
                    continue
                src = t.get("source", t["id"].split(":", 1)[0])
                if split in HELDOUT_SPLITS:
                    if src not in HELDOUT_SPLITS[split]:
                        continue
                elif any(src in held for held in HELDOUT_SPLITS.values()):
                    continue
                if split in ("dev", "test") and split_of(t["id"]) != split:
                    continue
                if t["id"] in seen:  # a few exports hold the same post more than once
                    continue
                seen.add(t["id"])
                out.append(t)
    return out


def run(texts: list[dict[str, Any]], roster: Path) -> tuple[list[dict[str, Any]], float]:
    """Every suggestion for every text, as flat records."""
    import postcraft

    found: list[dict[str, Any]] = []
    t0 = time.perf_counter()
    for t in texts:
        s = postcraft.suggest_tags(t["text"], roster=roster, lang=t["lang"])
        for x in s.all():
            found.append(
                {
                    "id": t["id"],
                    "lang": t["lang"],
                    "genre": t.get("genre"),
                    "kind": x.kind,
                    "suggestion": x.target,
                    "reason": x.reason,
                    "score": x.score,
                    "action": x.action,
                }
            )
    return found, time.perf_counter() - t0


def counts(texts: list[dict[str, Any]], found: list[dict[str, Any]]) -> str:
    """Posts per language and genre, suggestions per kind and language, most frequent targets."""
    lines = []
    n_lang = Counter(t["lang"] for t in texts)
    n_genre = Counter(f"{t['lang']}/{t.get('genre')}" for t in texts)
    lines.append(f"{len(texts)} posts: " + ", ".join(f"{g} {n}" for g, n in sorted(n_genre.items())))
    per = Counter((f["kind"], f["lang"]) for f in found)
    with_any = Counter(t["lang"] for t in texts if any(f["id"] == t["id"] for f in found))
    lines.append(f"\n{'kind':10}" + "".join(f"{lang:>8}" for lang in sorted(n_lang)) + f"{'all':>8}")
    for kind in KINDS:
        row = [per[(kind, lang)] for lang in sorted(n_lang)]
        lines.append(f"{kind:10}" + "".join(f"{n:>8}" for n in row) + f"{sum(row):>8}")
    lines.append(
        f"{'posts w/ any':10}"
        + "".join(f"{with_any[lang]:>8}" for lang in sorted(n_lang))
        + f"{sum(with_any.values()):>8}"
    )
    top = Counter((f["kind"], f["suggestion"]) for f in found).most_common(15)
    lines.append("\nmost frequent: " + ", ".join(f"{s} ({n})" for (_, s), n in top))
    return "\n".join(lines)


def sample(
    texts: list[dict[str, Any]], found: list[dict[str, Any]], n: int | None, seed: int, split: str
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The blind items (no scores, no ids) and their key; stratified by kind × language when ``n``."""
    rng = random.Random(seed)
    text_of = {t["id"]: t["text"] for t in texts}
    picked = list(found)
    if n is not None and len(found) > n:
        strata: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
        for f in found:
            strata[(f["kind"], f["lang"])].append(f)
        quota = {k: 0 for k in strata}
        left = n
        # Fill strata evenly, round by round: a small stratum is taken whole, the rest share.
        while left > 0:
            open_ = [k for k in sorted(strata) if quota[k] < len(strata[k])]
            if not open_:
                break
            share = max(1, left // len(open_))
            for k in open_:
                take = min(share, len(strata[k]) - quota[k], left)
                quota[k] += take
                left -= take
                if left == 0:
                    break
        picked = [f for k in sorted(strata) for f in rng.sample(strata[k], quota[k])]
    rng.shuffle(picked)
    items, key = [], []
    for i, f in enumerate(picked):
        sid = f"t{i:04d}"
        items.append(
            {
                "sid": sid,
                "lang": f["lang"],
                "text": text_of[f["id"]],
                "kind": f["kind"],
                "suggestion": f["suggestion"],
                "reason": f["reason"],
            }
        )
        key.append(
            {
                "sid": sid,
                "id": f["id"],
                "split": split,
                "kind": f["kind"],
                "lang": f["lang"],
                "genre": f["genre"],
                "suggestion": f["suggestion"],
                "score": f["score"],
                "action": f["action"],
            }
        )
    return items, key


def _verdict(line: dict[str, Any]) -> bool | None:
    v = line.get("good", line.get("useful"))
    return None if v is None else bool(v)


def precision(key: list[dict[str, Any]], judges: list[list[dict[str, Any]]]) -> str:
    """Precision per kind, per language and per kind × language (mean over judges), and agreement.

    A judge line names its item by ``sid``, or by ``id`` (the text) and ``suggestion``: such
    keyed verdicts (the DEV judgements kept in ``benchmarks/data/``) carry over to a new run.
    """
    meta = {k["sid"]: k for k in key}
    by_item = {(k["id"], k["suggestion"]): k["sid"] for k in key}
    groups: dict[tuple[str, str], list[float]] = defaultdict(list)
    judged: Counter[tuple[str, str]] = Counter()
    verdicts: list[dict[str, bool]] = []
    for lines in judges:
        mine: dict[str, bool] = {}
        good: Counter[tuple[str, str]] = Counter()
        seen: Counter[tuple[str, str]] = Counter()
        for j in lines:
            if "sid" not in j and "id" in j:
                j = {**j, "sid": by_item.get((j["id"], j.get("suggestion")), "")}
            k = meta.get(j.get("sid", ""))
            v = _verdict(j)
            if k is None or v is None:
                continue
            mine[j["sid"]] = v
            for g in ((k["kind"], k["lang"]), (k["kind"], "all"), ("all", k["lang"]), ("all", "all")):
                seen[g] += 1
                good[g] += v
        verdicts.append(mine)
        missing = len(meta) - len(mine)
        if missing:
            print(f"judge {len(verdicts)}: {missing} of {len(meta)} items not judged", file=sys.stderr)
        for g in seen:
            groups[g].append(good[g] / seen[g])
            judged[g] += seen[g]
    langs = sorted({k["lang"] for k in key})
    cols = [*langs, "all"]
    out = [f"precision (good / judged, mean over {len(judges)} judge(s); items judged in brackets)"]
    out.append(f"{'kind':10}" + "".join(f"{c:>16}" for c in cols))
    for kind in (*KINDS, "all"):
        cells = []
        for c in cols:
            g = (kind, c)
            if g in groups:
                p = sum(groups[g]) / len(groups[g])
                cells.append(f"{p:>9.2f} [{judged[g] // max(1, len(groups[g])):>4}]")
            else:
                cells.append(f"{'-':>16}")
        if any(c.strip() != "-" for c in cells):
            out.append(f"{kind:10}" + "".join(f"{c:>16}" for c in cells))
    for a, b in combinations(range(len(verdicts)), 2):
        common = sorted(set(verdicts[a]) & set(verdicts[b]))
        if not common:
            continue
        agree = sum(verdicts[a][s] == verdicts[b][s] for s in common) / len(common)
        pa = sum(verdicts[a][s] for s in common) / len(common)
        pb = sum(verdicts[b][s] for s in common) / len(common)
        pe = pa * pb + (1 - pa) * (1 - pb)
        kappa = (agree - pe) / (1 - pe) if pe < 1 else 1.0
        out.append(
            f"judges {a + 1} and {b + 1}: {len(common)} common items, agreement {agree:.0%}, κ {kappa:.2f}"
        )
    return "\n".join(out)


def rescore(found: list[dict[str, Any]], folder: Path, show_new: bool = False) -> str:
    """Judged suggestions kept and dropped by this run, precision before and after, recall cost."""
    key_path = folder / "key.jsonl"
    by_sid = {k["sid"]: k for k in _read_jsonl(key_path)} if key_path.exists() else {}
    judges: list[dict[tuple[str, str], bool]] = []
    kinds: dict[tuple[str, str], str] = {}
    for path in sorted(folder.glob("judge*.jsonl")):
        mine: dict[tuple[str, str], bool] = {}
        for j in _read_jsonl(path):
            k = by_sid.get(j.get("sid", ""), j)
            v = _verdict(j)
            if v is None or "id" not in k:
                continue
            item = (k["id"], k["suggestion"])
            mine[item] = v
            kinds[item] = k.get("kind") or ("hashtag" if item[1].startswith("#") else "expert")
        if mine:  # a file whose verdicts the key does not know (another round's sids) is no judge here
            judges.append(mine)
    now = {(f["id"], f["suggestion"]): f["kind"] for f in found}
    judged = set(kinds)
    out = [f"{len(judges)} judge file(s) in {folder}; {len(judged)} judged suggestions"]
    out.append(
        f"{'kind':10}{'judged':>8}{'kept':>6}{'dropped':>9}{'P before':>10}{'P after':>9}"
        f"{'good lost':>11}{'bad dropped':>13}{'new':>5}"
    )

    def p(items: set[tuple[str, str]]) -> tuple[float, float, float]:
        if not items:
            return float("nan"), 0.0, 0.0
        per = [sum(j[i] for i in items if i in j) / max(1, sum(i in j for i in items)) for j in judges]
        good = [sum(j.get(i, False) for i in items) for j in judges]
        bad = [sum(i in j and not j[i] for i in items) for j in judges]
        return sum(per) / len(per), sum(good) / len(good), sum(bad) / len(bad)

    for kind in (*KINDS, "all"):
        mine_items = {i for i in judged if kind in ("all", kinds[i])}
        if not mine_items and kind != "all":
            continue
        kept = {i for i in mine_items if i in now}
        dropped = mine_items - kept
        new = [i for i, k in now.items() if i not in judged and kind in ("all", k)]
        before, after = p(mine_items)[0], p(kept)[0]
        lost, bad_dropped = p(dropped)[1], p(dropped)[2]
        out.append(
            f"{kind:10}{len(mine_items):>8}{len(kept):>6}{len(dropped):>9}{before:>10.2f}"
            f"{after:>9.2f}{lost:>11.1f}{bad_dropped:>13.1f}{len(new):>5}"
        )
    if show_new:
        for i in sorted(now):
            if i not in judged:
                out.append(f"new: {i[0]} {i[1]}")
        for i in sorted(judged - set(now)):
            votes = "".join("+" if j.get(i) else "-" for j in judges if i in j)
            out.append(f"dropped ({votes}): {i[0]} {i[1]}")
    return "\n".join(out)


def _read_jsonl(path: Path) -> list[dict[str, Any]]:
    return [json.loads(x) for x in path.read_text(encoding="utf-8").split("\n") if x.strip()]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--texts", type=Path, default=TEXTS, help=f"corpus root (default {TEXTS})")
    ap.add_argument("--roster", type=Path, default=ROSTER, help="roster (default examples/roster.yaml)")
    ap.add_argument(
        "--genre", action="append", help=f"genres to use (repeatable; default {', '.join(GENRES)})"
    )
    ap.add_argument("--split", choices=("dev", "test", "all", *HELDOUT_SPLITS), default="dev")
    for split, (texts, which) in HELDOUT_TEXTS.items():
        ap.add_argument(f"--{split}-texts", type=Path, default=texts, help=f"{which} texts (default {texts})")
    ap.add_argument("--sample", type=Path, metavar="DIR", help="write sample.jsonl and key.jsonl here")
    ap.add_argument("-n", type=int, default=None, help="sample at most N, stratified (default: all)")
    ap.add_argument("--seed", type=int, default=14)
    ap.add_argument("--rescore", type=Path, metavar="DIR", help="compare with the verdicts in DIR")
    ap.add_argument(
        "--show-new", action="store_true", help="with --rescore: list new and dropped suggestions"
    )
    ap.add_argument("--judge", nargs="+", metavar="PATH", help="DIR (with key.jsonl) then judge files")
    args = ap.parse_args(argv)

    if args.judge:
        key = _read_jsonl(Path(args.judge[0]) / "key.jsonl")
        judges = [_read_jsonl(Path(p)) for p in args.judge[1:]]
        print(precision(key, judges))
        return 0

    root = getattr(args, f"{args.split}_texts") if args.split in HELDOUT_TEXTS else args.texts
    default = FRESH_GENRES if args.split in HELDOUT_SPLITS else GENRES
    texts = load_texts(root, tuple(args.genre or default), args.split)
    if not texts:
        print(f"no posts under {root} (run scripts/real_corpus/rebuild.py)", file=sys.stderr)
        return 0
    found, seconds = run(texts, args.roster)
    print(f"split {args.split}: " + counts(texts, found))
    print(f"\n{len(found)} suggestions in {seconds:.1f} s")
    if args.rescore:
        print(rescore(found, args.rescore, args.show_new))
    if args.sample:
        items, key = sample(texts, found, args.n, args.seed, args.split)
        args.sample.mkdir(parents=True, exist_ok=True)
        for name, rows in (("sample.jsonl", items), ("key.jsonl", key)):
            with (args.sample / name).open("w", encoding="utf-8") as fh:
                for r in rows:
                    fh.write(json.dumps(r, ensure_ascii=False) + "\n")
        per = Counter((k["kind"], k["lang"]) for k in key)
        print(
            f"wrote {len(items)} items to {args.sample}/sample.jsonl (+ key.jsonl): "
            + ", ".join(f"{k}/{lang} {n}" for (k, lang), n in sorted(per.items()))
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
