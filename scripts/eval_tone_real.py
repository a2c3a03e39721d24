"""How the tone model does on real public text that nobody on the team wrote.

Reads the real corpus (``corpora/real/texts``, and the sets training reads too,
``postcraft.tone.voicefit.TRAINING_SETS``; rebuild the non-redistributable sources first, see
``corpora/real/README.md``) and the blind ratings (``corpora/real/rating/ratings-<lang>-<rater>.jsonl``
with the keys ``rating/key-<lang>.jsonl``), scores every text with the shipped model (or
``--model``), and prints per language, per source and per genre:

- ROC-AUC of the corporate score against the author type (organisation vs person),
- Spearman correlation of the score with the raters' mean grade (1 personal … 5 corporate),
- the expected calibration error of P(personal) against the raters' verdict (mean grade < 3 is
  personal, > 3 corporate, = 3 left out),
- the histogram of scores, the raters' agreement, and
- how often ``voice.corporate`` warns on texts by persons that the raters judged personal.

    python scripts/eval_tone_real.py                 # cross-source: each source predicted by a model that never saw it
    python scripts/eval_tone_real.py --shipped       # the shipped model as it is (in-sample for the sources it was trained on)
    python scripts/eval_tone_real.py --json out.json # and every number as JSON
    python scripts/eval_tone_real.py --heldout corpora/real/fresh2 --lang en   # shipped model on sources training never read

Cross-source (the default, needs the ``train`` extra): the built-in training recipe
(:mod:`postcraft.tone.voicefit`: team corpus + real corpus, Danish also borrowing the English texts)
is refitted once per source group with that group left out -- its texts, its rated sample (the
raters' grades are training targets and the calibration data of the other groups' models), and
its say in choosing the regularisation and the calibration -- and scores only that group. The
team corpus is one of the groups. The warning rate runs the real ``voice.corporate`` rule on the
cross-source score.
"""

from __future__ import annotations

import argparse
import json
import math
import statistics
import sys
from collections import defaultdict
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
REAL = ROOT / "corpora" / "real"


def load_texts(lang: str, root: Path = REAL) -> list[dict[str, Any]]:
    """Every text of a language, once per id (a few exports repeat a post under one id)."""
    out: dict[str, dict[str, Any]] = {}
    for path in sorted((root / "texts" / lang).glob("*.jsonl")):
        for line in path.read_text("utf-8").split("\n"):
            if line.strip():
                t = json.loads(line)
                out.setdefault(t["id"], t)
    return list(out.values())


def load_ratings(lang: str, root: Path = REAL) -> dict[str, dict[str, int]]:
    """id -> {rater: grade} (unsure ratings count as given)."""
    key_path = root / "rating" / f"key-{lang}.jsonl"
    if not key_path.exists():
        return {}
    lines = [x for x in key_path.read_text("utf-8").split("\n") if x.strip()]
    key = {r["rid"]: r["id"] for r in map(json.loads, lines)}
    out: dict[str, dict[str, int]] = defaultdict(dict)
    for path in sorted((root / "rating").glob(f"ratings-{lang}-*.jsonl")):
        rater = path.stem.rsplit("-", 1)[1]
        for line in path.read_text("utf-8").split("\n"):
            if line.strip():
                r = json.loads(line)
                out[key[r["rid"]]][rater] = int(r["grade"])
    return dict(out)


def auc(scores: Sequence[float], positive: Sequence[bool]) -> float | None:
    """ROC-AUC by the rank-sum formula (ties count half)."""
    pos = [s for s, p in zip(scores, positive, strict=True) if p]
    neg = [s for s, p in zip(scores, positive, strict=True) if not p]
    if not pos or not neg:
        return None
    ranked = sorted((s, i) for i, s in enumerate(list(pos) + list(neg)))
    ranks = [0.0] * len(ranked)
    i = 0
    while i < len(ranked):
        j = i
        while j + 1 < len(ranked) and ranked[j + 1][0] == ranked[i][0]:
            j += 1
        for k in range(i, j + 1):
            ranks[ranked[k][1]] = (i + j) / 2 + 1
        i = j + 1
    r_pos = sum(ranks[: len(pos)])
    return (r_pos - len(pos) * (len(pos) + 1) / 2) / (len(pos) * len(neg))


def _ranks(xs: Sequence[float]) -> list[float]:
    order = sorted(range(len(xs)), key=lambda i: xs[i])
    out = [0.0] * len(xs)
    i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and xs[order[j + 1]] == xs[order[i]]:
            j += 1
        for k in range(i, j + 1):
            out[order[k]] = (i + j) / 2
        i = j + 1
    return out


def spearman(a: Sequence[float], b: Sequence[float]) -> float | None:
    if len(a) < 3:
        return None
    ra, rb = _ranks(a), _ranks(b)
    ma, mb = statistics.fmean(ra), statistics.fmean(rb)
    cov = sum((x - ma) * (y - mb) for x, y in zip(ra, rb, strict=True))
    va = math.sqrt(sum((x - ma) ** 2 for x in ra))
    vb = math.sqrt(sum((y - mb) ** 2 for y in rb))
    return cov / (va * vb) if va and vb else None


def ece(probs: Sequence[float], outcomes: Sequence[bool], bins: int = 10) -> float | None:
    """Expected calibration error of P(personal) against the observed personal share."""
    if not probs:
        return None
    total = 0.0
    for b in range(bins):
        lo, hi = b / bins, (b + 1) / bins
        idx = [i for i, p in enumerate(probs) if lo <= p < hi or (b == bins - 1 and p == 1.0)]
        if idx:
            conf = statistics.fmean(probs[i] for i in idx)
            acc = statistics.fmean(1.0 if outcomes[i] else 0.0 for i in idx)
            total += len(idx) / len(probs) * abs(conf - acc)
    return total


def weighted_kappa(a: Sequence[int], b: Sequence[int], k: int = 5) -> float | None:
    """Quadratic weighted Cohen's kappa of two raters' 1..k grades."""
    n = len(a)
    if n == 0:
        return None
    obs = [[0.0] * k for _ in range(k)]
    for x, y in zip(a, b, strict=True):
        obs[x - 1][y - 1] += 1
    ra = [sum(row) for row in obs]
    rb = [sum(obs[i][j] for i in range(k)) for j in range(k)]
    num = den = 0.0
    for i in range(k):
        for j in range(k):
            w = (i - j) ** 2 / (k - 1) ** 2
            num += w * obs[i][j]
            den += w * ra[i] * rb[j] / n
    return 1 - num / den if den else None


def histogram(scores: Iterable[float], bins: int = 10) -> list[int]:
    counts = [0] * bins
    for s in scores:
        counts[min(bins - 1, int(s * bins))] += 1
    return counts


def _fmt(x: float | None, digits: int = 3) -> str:
    return "–" if x is None else f"{x:.{digits}f}"


def cross_source_scores(lang: str) -> dict[str, Any]:
    """id -> a ToneScore whose ``personal`` comes from a model that never saw the text's source."""
    import numpy as np

    from postcraft.tone import voicefit as vf
    from postcraft.tone.model import MIN_WORDS, ToneScore

    def load(lg: str) -> tuple[list[Any], Any]:
        texts = vf.load_team(ROOT / "corpora" / "tone", lg) + vf.load_real(REAL, lg)
        return texts, vf.style_matrix(vf.featurize(texts, f"features {lg}"))

    texts, x = load(lang)
    extra: list[Any] = []
    x_extra = None
    if vf.borrow_from(lang):
        other, x_extra = load(vf.borrow_from(lang))
        extra = vf.as_extra(other, vf.borrow_from(lang))
    p = vf.cross_source(texts, x, lang, extra=extra, x_extra=x_extra)
    out: dict[str, Any] = {}
    for t, row in zip(texts, x, strict=True):
        words = int(round(math.expm1(row[-1])))
        pp = p[t.id]
        if words < MIN_WORDS:  # the same shrinking as ToneModel.score
            z = math.log(max(pp, 1e-9) / max(1 - pp, 1e-9)) * (words / MIN_WORDS) ** 2
            pp = 1 / (1 + math.exp(-z))
        label = "personal" if pp >= 0.6 else "corporate" if pp < 0.4 else "mixed"
        logit = math.log(max(pp, 1e-9) / max(1 - pp, 1e-9))
        conf = "low" if words < MIN_WORDS else "normal"
        out[t.id] = ToneScore(round(pp, 4), label, (), logit, lang, confidence=conf)
    del np
    return out


def evaluate(
    lang: str, model: str | None, shipped: bool = False, heldout: Path | None = None
) -> dict[str, Any]:
    import postcraft
    from postcraft.errors import PostcraftError

    texts = load_texts(lang, heldout or REAL)
    ratings = load_ratings(lang, heldout or REAL)
    if heldout is None:  # the sets that training reads too are sources like the others
        from postcraft.tone.voicefit import TRAINING_SETS

        for name in TRAINING_SETS:
            texts += load_texts(lang, REAL / name)
            ratings.update(load_ratings(lang, REAL / name))
    by_id_all = {t["id"] for t in texts}
    team_grade = {}
    for path in sorted((ROOT / "corpora" / "tone" / lang).glob("*.jsonl")):
        for line in path.read_text("utf-8").split("\n"):
            if line.strip():
                r = json.loads(line)
                team_grade[r["id"]] = r["grade"]
    rows: list[dict[str, Any]] = []
    failed = 0
    oos = None if shipped or model or heldout else cross_source_scores(lang)
    for t in texts:
        try:
            s = oos[t["id"]] if oos is not None else postcraft.score_tone(t["text"], lang=lang, model=model)
        except (PostcraftError, KeyError):
            failed += 1
            continue
        row = {**{k: t[k] for k in ("id", "source", "genre", "author_type")}, "personal": s.personal}
        grades = ratings.get(t["id"])
        if grades:
            row["grades"] = grades
            row["mean_grade"] = statistics.fmean(grades.values())
        rows.append(row)

    def block(sel: list[dict[str, Any]]) -> dict[str, Any]:
        corp = [1 - r["personal"] for r in sel]
        org = [r["author_type"] == "organisation" for r in sel]
        rated = [r for r in sel if "mean_grade" in r]
        decided = [r for r in rated if r["mean_grade"] != 3]
        # a group of one voice: AUC against every text of the other voice in the language
        other = None
        if sel and (all(org) or not any(org)):
            kind = "person" if all(org) else "organisation"
            rest = [r for r in rows if r["author_type"] == kind]
            both = list(sel) + rest
            other = auc([1 - r["personal"] for r in both], [r["author_type"] == "organisation" for r in both])
        return {
            "n": len(sel),
            "organisation": sum(org),
            "mean_personal": statistics.fmean(r["personal"] for r in sel) if sel else None,
            "auc_author_type": auc(corp, org),
            "auc_vs_other_voice": other,
            "rated": len(rated),
            "spearman_raters": spearman([1 - r["personal"] for r in rated], [r["mean_grade"] for r in rated]),
            "ece_raters": ece([r["personal"] for r in decided], [r["mean_grade"] < 3 for r in decided]),
            "histogram": histogram(r["personal"] for r in sel),
        }

    out: dict[str, Any] = {
        "lang": lang,
        "mode": f"held out: {heldout}" if heldout else "shipped" if oos is None else "cross-source",
        "texts": len(texts),
        "not_scored": failed,
        "all": block(rows),
        # every text's P(personal), so that any subset can be re-scored from the JSON
        "scores": {r["id"]: r["personal"] for r in rows},
    }
    if oos is not None:
        team = [t for t in oos if t not in by_id_all and t in team_grade]
        decided = [t for t in team if team_grade[t] != 3]
        out["team_corpus"] = {
            "n": len(team),
            "auc_grades": auc([oos[t].personal for t in decided], [team_grade[t] < 3 for t in decided]),
            "spearman_grades": spearman([1 - oos[t].personal for t in team], [team_grade[t] for t in team]),
        }
    for key in ("source", "genre"):
        groups: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for r in rows:
            groups[r[key]].append(r)
        out[key] = {g: block(sel) for g, sel in sorted(groups.items())}
    raters = sorted({rt for g in ratings.values() for rt in g})
    if len(raters) >= 2:
        a, b = raters[:2]
        both = [g for g in ratings.values() if a in g and b in g]
        ga, gb = [g[a] for g in both], [g[b] for g in both]
        out["agreement"] = {
            "raters": [a, b],
            "n": len(both),
            "exact": statistics.fmean(x == y for x, y in zip(ga, gb, strict=True)) if both else None,
            "within_1": statistics.fmean(abs(x - y) <= 1 for x, y in zip(ga, gb, strict=True))
            if both
            else None,
            "spearman": spearman(ga, gb),
            "weighted_kappa": weighted_kappa(ga, gb),
        }
    by_id = {t["id"]: t["text"] for t in texts}
    flagged: dict[str, bool] = {}

    def corporate(tid: str) -> bool:
        """Whether ``voice.corporate`` speaks on a text (each text checked once)."""
        if tid not in flagged:
            if oos is not None:
                from postcraft.analysis import analyze
                from postcraft.rules import check_analysis, load_guidelines

                found = check_analysis(analyze(by_id[tid], lang=lang), load_guidelines(None), tone=oos[tid])
            else:
                found = postcraft.check(by_id[tid], lang=lang, tone_model=model)
            flagged[tid] = any(f.rule == "voice.corporate" for f in found)
        return flagged[tid]

    # false warnings: persons' texts that the raters judged personal (mean grade <= 2)
    personal_by_person = [r for r in rows if r["author_type"] == "person" and r.get("mean_grade", 9) <= 2]
    warned = sum(corporate(r["id"]) for r in personal_by_person)
    out["voice_false_warnings"] = {"n": len(personal_by_person), "warned": warned}
    if heldout:  # and how often voice.corporate speaks on each author type's texts, rated or not
        counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
        for r in rows:
            counts[r["author_type"]][0] += 1
            counts[r["author_type"]][1] += corporate(r["id"])
        out["voice_warnings_by_author"] = {k: {"n": n, "warned": w} for k, (n, w) in sorted(counts.items())}
    return out


def print_report(res: dict[str, Any]) -> None:
    lang = res["lang"]
    a = res["all"]
    print(
        f"\n## {lang} ({res['mode']}): {res['texts']} texts ({res['not_scored']} not scored), {a['rated']} rated"
    )
    print(
        "| group | n | org | mean P(personal) | AUC vs author type | AUC vs the other voice¹ | rated "
        "| Spearman vs raters | ECE vs raters |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")

    def line(name: str, b: dict[str, Any]) -> None:
        print(
            f"| {name} | {b['n']} | {b['organisation']} | {_fmt(b['mean_personal'], 2)} | "
            f"{_fmt(b['auc_author_type'])} | {_fmt(b['auc_vs_other_voice'])} | {b['rated']} | "
            f"{_fmt(b['spearman_raters'])} | {_fmt(b['ece_raters'])} |"
        )

    line("**all**", a)
    for key in ("genre", "source"):
        for g, b in res[key].items():
            line(f"{key}: {g}", b)
    print(
        "\n¹ for a group of one voice only: its texts against every text of the other voice in the language"
    )
    print(f"score histogram (P(personal) in tenths, 0.0–0.1 … 0.9–1.0): {a['histogram']}")
    if "agreement" in res:
        ag = res["agreement"]
        print(
            f"raters {ag['raters'][0]} and {ag['raters'][1]} on {ag['n']} texts: exact {_fmt(ag['exact'], 2)}, "
            f"within one grade {_fmt(ag['within_1'], 2)}, Spearman {_fmt(ag['spearman'])}, "
            f"quadratic weighted kappa {_fmt(ag['weighted_kappa'])}"
        )
    if "team_corpus" in res:
        tc = res["team_corpus"]
        print(
            f"team corpus as a held-out source ({tc['n']} posts): AUC grades 1-2 vs 4-5 {_fmt(tc['auc_grades'])}, "
            f"Spearman vs grade {_fmt(tc['spearman_grades'])}"
        )
    for kind, c in res.get("voice_warnings_by_author", {}).items():
        print(
            f"voice.corporate on {kind}s' texts: {c['warned']} of {c['n']} ({_fmt(100 * c['warned'] / c['n'], 1)} %)"
        )
    fw = res["voice_false_warnings"]
    rate = fw["warned"] / fw["n"] if fw["n"] else None
    print(
        f"voice.corporate on persons' texts rated personal (mean grade <= 2): {fw['warned']} of {fw['n']}"
        f" ({_fmt(rate * 100 if rate is not None else None, 1)} %)"
    )


def main(argv: Sequence[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--lang", action="append", choices=("da", "en"), help="default: both")
    p.add_argument("--model", default=None, help="a tone model file or {'da':…} (default: shipped)")
    p.add_argument(
        "--shipped", action="store_true", help="score with the shipped model instead of cross-source"
    )
    p.add_argument(
        "--heldout",
        type=Path,
        default=None,
        metavar="DIR",
        help="score the shipped (or --model) model on a held-out set's DIR/texts/<lang> instead "
        "(corpora/real/fresh2: sources that training never read), with DIR/rating's blind ratings",
    )
    p.add_argument("--json", default=None, metavar="FILE", help="write every number as JSON")
    args = p.parse_args(argv)
    results = [evaluate(lang, args.model, args.shipped, args.heldout) for lang in (args.lang or ["da", "en"])]
    for res in results:
        print_report(res)
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2, ensure_ascii=False), "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
