"""Planted-problem evaluation: how many planted problems do the default checks catch?

    python benchmarks/bench_planted.py             # the table
    python benchmarks/bench_planted.py --verbose   # plus one line per draft (what fired, what was missed)
    python benchmarks/bench_planted.py --json      # every number as JSON on stdout
    python benchmarks/bench_planted.py --org-files # drafts with a `guidelines:` checked with it

Runs ``postcraft.check(text, lang=draft.lang)`` at default settings (built-in packs, no
organisation file) on every draft of ``corpora/planted/{da,en}.yaml`` (see the README there).

A problem draft counts as *caught* when a finding of severity error, warning or suggestion

* overlaps the draft's ``problem`` span (the one occurrence of the ``problem`` substring), and
* has a rule id under one of the kind's ``relevant`` prefixes in ``corpora/planted/kinds.yaml``
  (and none of its ``exclude`` prefixes).

Whole-post kinds (``problem: null``: too long, wall of text, corporate voice) need only a relevant
finding anywhere. The *loose* column drops the rule-id condition for span kinds: any finding
overlapping the span counts (the looser reading of the brief). Findings about the whole post
(readability, tone) overlap every span, so the loose number overstates what a reader would see as
"caught"; it is printed to show how much. Rules that overlap a span without being mapped to its kind
are listed under ``unmapped`` (``--verbose``, ``--json``): a new rule for a kind shows up there until
its id is added to kinds.yaml.

A clean control counts as a false alarm when it gets any finding; the table splits controls with
an error or warning from controls with suggestions only.

``--org-files`` checks each draft that carries a ``guidelines:`` mapping (the organisation file
its writer's employer would have: organisation, products, lists) with it, and the rest at
defaults: what the needs_org_file drafts need to be caught.

Nothing is asserted; the script always exits 0 unless the suite files are broken.
"""

from __future__ import annotations

import argparse
import datetime as _dt
import json
import subprocess
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
SUITE = ROOT / "corpora" / "planted"
LANGS = ("da", "en")
SEVERITIES = frozenset({"error", "warning", "suggestion"})


def load_suite(suite: Path = SUITE) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """Return (kinds, drafts) from kinds.yaml and {da,en}.yaml."""
    kinds = yaml.safe_load((suite / "kinds.yaml").read_text(encoding="utf-8"))["kinds"]
    drafts: list[dict[str, Any]] = []
    for lang in LANGS:
        doc = yaml.safe_load((suite / f"{lang}.yaml").read_text(encoding="utf-8"))
        drafts.extend(doc["drafts"])
    return kinds, drafts


def _matches(rule: str, prefixes: list[str]) -> bool:
    return any(rule == p or rule.startswith(p + ".") for p in prefixes)


def _overlaps(f_start: int, f_end: int, start: int, end: int) -> bool:
    if f_start == f_end:  # an empty finding marks a point
        return start <= f_start <= end
    return f_start < end and start < f_end


def evaluate(draft: dict[str, Any], kinds: dict[str, Any], findings: list[Any]) -> dict[str, Any]:
    """Score one draft's findings. Returns a JSON-ready record."""
    fs = [f for f in findings if f.severity in SEVERITIES]
    rules = sorted({f.rule for f in fs})
    rec: dict[str, Any] = {
        "id": draft["id"],
        "lang": draft["lang"],
        "kind": draft["kind"],
        "needs_org_file": bool(draft.get("needs_org_file")),
        "rules": rules,
    }
    if draft["kind"] == "control":
        rec["false_alarm"] = bool(fs)
        rec["false_alarm_error_warning"] = any(f.severity in ("error", "warning") for f in fs)
        return rec
    spec = kinds[draft["kind"]]
    relevant = list(spec.get("relevant") or [])
    exclude = list(spec.get("exclude") or [])

    def is_relevant(rule: str) -> bool:
        return _matches(rule, relevant) and not _matches(rule, exclude)

    problem = draft.get("problem")
    if problem is None:
        hits = [f for f in fs if is_relevant(f.rule)]
        rec["caught"] = bool(hits)
        rec["caught_loose"] = bool(hits)
        rec["by"] = sorted({f.rule for f in hits})
        rec["unmapped"] = []
        return rec
    start = draft["text"].index(problem)
    end = start + len(problem)
    over = [f for f in fs if _overlaps(f.start, f.end, start, end)]
    hits = [f for f in over if is_relevant(f.rule)]
    rec["span"] = [start, end]
    rec["caught"] = bool(hits)
    rec["caught_loose"] = bool(over)
    rec["by"] = sorted({f.rule for f in hits})
    rec["unmapped"] = sorted({f.rule for f in over if not is_relevant(f.rule)})
    return rec


def _git_commit() -> str:
    try:
        out = subprocess.run(
            ["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"],
            capture_output=True,
            text=True,
            timeout=5,
            check=True,
        )
        dirty = subprocess.run(["git", "-C", str(ROOT), "diff", "--quiet", "HEAD"], timeout=5).returncode
        return out.stdout.strip() + ("+dirty" if dirty else "")
    except (OSError, subprocess.SubprocessError):
        return "unknown"


def _ratio(records: list[dict[str, Any]], key: str = "caught") -> dict[str, Any]:
    n = len(records)
    k = sum(1 for r in records if r[key])
    return {"caught": k, "n": n, "recall": round(k / n, 3) if n else None}


def run(suite: Path = SUITE, org_files: bool = False) -> dict[str, Any]:
    """Check every draft and return all numbers (what --json prints); ``org_files``: a draft
    with a ``guidelines`` mapping is checked with it."""
    import postcraft

    kinds, drafts = load_suite(suite)
    t0 = time.perf_counter()
    records = []
    for d in drafts:
        guidelines = d.get("guidelines") if org_files else None
        findings = postcraft.check(d["text"], lang=d["lang"], guidelines=guidelines)
        records.append(evaluate(d, kinds, findings))
    seconds = time.perf_counter() - t0

    problems = [r for r in records if r["kind"] != "control"]
    controls = [r for r in records if r["kind"] == "control"]
    per_kind: dict[str, dict[str, Any]] = {}
    for kind in kinds:
        row: dict[str, Any] = {}
        for lang in (*LANGS, "all"):
            rs = [r for r in problems if r["kind"] == kind and (lang == "all" or r["lang"] == lang)]
            row[lang] = _ratio(rs)
            row[lang]["loose"] = _ratio(rs, "caught_loose")["caught"]
        row["whole_post"] = bool(kinds[kind].get("whole_post"))
        row["needs_org_file"] = sum(1 for r in problems if r["kind"] == kind and r["needs_org_file"])
        per_kind[kind] = row

    overall: dict[str, Any] = {}
    for lang in (*LANGS, "all"):
        rs = [r for r in problems if lang == "all" or r["lang"] == lang]
        no_org = [r for r in rs if not r["needs_org_file"]]
        cs = [r for r in controls if lang == "all" or r["lang"] == lang]
        overall[lang] = {
            "recall": _ratio(rs),
            "recall_loose": _ratio(rs, "caught_loose"),
            "recall_without_org_file_drafts": _ratio(no_org),
            "controls": len(cs),
            "false_alarms_any": sum(1 for r in cs if r["false_alarm"]),
            "false_alarms_error_warning": sum(1 for r in cs if r["false_alarm_error_warning"]),
            "false_alarm_rules": dict(Counter(rule for r in cs for rule in r["rules"]).most_common()),
        }
    unmapped: dict[str, Counter[str]] = defaultdict(Counter)
    for r in problems:
        for rule in r.get("unmapped", []):
            unmapped[r["kind"]][rule] += 1

    return {
        "date": _dt.date.today().isoformat(),
        "commit": _git_commit(),
        "postcraft": getattr(postcraft, "__version__", "?"),
        "settings": "postcraft.check(text, lang=draft lang), built-in packs, "
        + (
            "the draft's organisation file where it has one (--org-files)"
            if org_files
            else "no organisation file"
        ),
        "drafts": len(records),
        "problem_drafts": len(problems),
        "control_drafts": len(controls),
        "seconds": round(seconds, 2),
        "per_kind": per_kind,
        "overall": overall,
        "unmapped": {k: dict(v) for k, v in sorted(unmapped.items())},
        "records": records,
    }


def _cell(c: dict[str, Any]) -> str:
    if not c["n"]:
        return "-"
    return f"{c['caught']}/{c['n']}"


def format_table(res: dict[str, Any]) -> str:
    lines = [
        f"planted-problem suite · {res['date']} · commit {res['commit']} · "
        f"{res['problem_drafts']} problem drafts + {res['control_drafts']} controls · "
        f"check() {res['seconds']:.1f} s",
        "settings: " + res["settings"],
        "",
    ]
    head = f"{'kind':<32} {'da':>6} {'en':>6} {'all':>6} {'recall':>7} {'loose':>6}  org"
    lines += [head, "-" * len(head)]
    for kind, row in res["per_kind"].items():
        a = row["all"]
        rec = f"{a['recall']:.0%}" if a["n"] else "-"
        loose = f"{a['loose']}/{a['n']}"
        name = kind + (" *" if row["whole_post"] else "")
        org = str(row["needs_org_file"]) if row["needs_org_file"] else ""
        lines.append(
            f"{name:<32} {_cell(row['da']):>6} {_cell(row['en']):>6} {_cell(a):>6} {rec:>7} {loose:>6}  {org}"
        )
    lines.append("-" * len(head))
    for lang in (*LANGS, "all"):
        o = res["overall"][lang]
        r, rl, rn = o["recall"], o["recall_loose"], o["recall_without_org_file_drafts"]
        lines.append(
            f"{lang:<4} recall {r['caught']}/{r['n']} = {r['recall']:.1%}"
            f" · without needs_org_file drafts {rn['caught']}/{rn['n']} = {rn['recall']:.1%}"
            f" · loose {rl['caught']}/{rl['n']} = {rl['recall']:.1%}"
            f" · false alarms on {o['controls']} controls: {o['false_alarms_any']} any,"
            f" {o['false_alarms_error_warning']} error/warning"
        )
    fa = res["overall"]["all"]["false_alarm_rules"]
    if fa:
        lines.append("rules firing on controls: " + ", ".join(f"{k} ×{v}" for k, v in fa.items()))
    lines += [
        "",
        "* whole-post kind (problem: null): a relevant finding anywhere counts.",
        "recall: a finding with a relevant rule id (kinds.yaml) overlaps the problem span;",
        "loose: any finding overlaps it (whole-post readability/tone findings overlap every span);",
        "org: drafts of the kind that only an organisation guideline file can catch.",
    ]
    return "\n".join(lines)


def format_verbose(res: dict[str, Any]) -> str:
    lines = ["", "per draft (✓ caught, ~ loose only, ✗ missed; controls: ! finding, · clean):"]
    for r in res["records"]:
        if r["kind"] == "control":
            mark = "!" if r["false_alarm"] else "·"
            lines.append(f"  {mark} {r['id']:<22} {', '.join(r['rules'])}")
            continue
        mark = "✓" if r["caught"] else ("~" if r["caught_loose"] else "✗")
        by = ", ".join(r["by"]) or "-"
        extra = f"  unmapped: {', '.join(r['unmapped'])}" if r.get("unmapped") else ""
        lines.append(f"  {mark} {r['id']:<22} by {by}{extra}")
    if res["unmapped"]:
        lines.append("")
        lines.append("rules overlapping a planted span but not mapped to its kind:")
        for kind, rules in res["unmapped"].items():
            lines.append(f"  {kind}: " + ", ".join(f"{k} ×{v}" for k, v in rules.items()))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--json", action="store_true", help="print every number as JSON")
    ap.add_argument("--verbose", "-v", action="store_true", help="one line per draft")
    ap.add_argument("--org-files", action="store_true", help="check drafts with their `guidelines:` mapping")
    args = ap.parse_args(argv)
    res = run(org_files=args.org_files)
    if args.json:
        json.dump(res, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return 0
    print(format_table(res))
    if args.verbose:
        print(format_verbose(res))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
