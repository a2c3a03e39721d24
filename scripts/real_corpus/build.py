"""Build corpora/real from fetched snapshots.

    python scripts/real_corpus/build.py --mirror /work/.mirror --out corpora/real

Runs every extractor in sources.py, deduplicates by normalised text (within a language, first
source in sources.py order wins), caps any single author at 5% of its language, and writes
  texts/<lang>/<source>.jsonl   (all sources; non-redistributable ones are gitignored)
  ids/<lang>/<source>.jsonl     (non-redistributable sources: ids + locators only)
  sources.yaml                  (provenance, licence, counts)

Sources marked ``heldout`` in sources.py (the fresh tag-evaluation set, issue 14) are built
apart so that the main corpus stays exactly as it was: they are deduplicated against the kept
main texts and among themselves, get no per-author cap, and go to fresh/texts and fresh/ids; their
provenance is appended to sources.yaml after the main sources, with ``heldout: "tags"``.

The second held-out set (``heldout="tags2"``, fresh2) is built after both, deduplicated against
the kept main texts, the kept fresh texts and among itself (so neither the main corpus nor fresh
changes), and goes to fresh2/texts and fresh2/ids; its provenance follows fresh's in sources.yaml.

The third held-out set (``heldout="tags3"``, fresh3) is built last, deduplicated against the kept
main, fresh and fresh2 texts and among itself, and capped at its HELDOUT_SETS cap of texts per source (the
kept subset chosen by a hash of the id, as for the main corpus's author cap, so one large Twitter
archive cannot swamp the set); it goes to fresh3/texts and fresh3/ids, provenance after fresh2's.

The fourth held-out set (``heldout="tags4"``, fresh4) is built after fresh3 the same way:
deduplicated against the kept main, fresh, fresh2 and fresh3 texts and among itself, capped at
its HELDOUT_SETS cap of texts per source (chosen by a hash of the id), into fresh4/texts and fresh4/ids;
provenance after fresh3's.

The fifth held-out set (``heldout="tags5"``, fresh5) is built after fresh4 the same way:
deduplicated against the kept main, fresh, fresh2, fresh3 and fresh4 texts and among itself,
capped at its HELDOUT_SETS cap of texts per source (chosen by a hash of the id), into fresh5/texts and
fresh5/ids; provenance after fresh4's.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import norm_key, write_jsonl  # noqa: E402
from sources import SOURCES  # noqa: E402

AUTHOR_SHARE = 0.05
MIN_CAP = 50  # with very few authors (Danish) a pure 5% cap would leave almost nothing
PUBLIC_FIELDS = ["id", "lang", "source", "genre", "author_type", "author", "text", "excerpt"]
ID_FIELDS = ["id", "lang", "genre", "author_type", "author"]


def stable_rank(rid: str) -> str:
    return hashlib.sha1(rid.encode()).hexdigest()


MAIN = [s for s in SOURCES if not s.get("heldout")]
#: the held-out sets in the order they are built: (``heldout`` value, folder under the corpus
#: root for their texts and ids, texts kept per source or ``None`` for all)
HELDOUT_SETS = (
    ("tags", "fresh", None),
    ("tags2", "fresh2", None),
    ("tags3", "fresh3", 250),
    ("tags4", "fresh4", 200),
    ("tags5", "fresh5", 150),
)
HELDOUT_DIRS = {tag: folder for tag, folder, _ in HELDOUT_SETS}
HELDOUT, HELDOUT2, HELDOUT3, HELDOUT4, HELDOUT5 = (
    [s for s in SOURCES if s.get("heldout") == tag] for tag, _, _ in HELDOUT_SETS
)
HELDOUT_GROUPS = (HELDOUT, HELDOUT2, HELDOUT3, HELDOUT4, HELDOUT5)


def extract_all(
    mirror: Path, only: set[str] | None = None, log=print, sources: list[dict] | None = None
) -> dict[str, list[dict]]:
    out = {}
    for src in MAIN if sources is None else sources:
        if only is not None and src["id"] not in only:
            continue
        try:
            recs = src["extract"](mirror, src)
        except Exception as e:  # a missing snapshot should not stop the rest
            log(f"!! {src['id']}: {type(e).__name__}: {e}")
            recs = []
        log(f"{src['id']}: {len(recs)} extracted")
        out[src["id"]] = recs
    return out


def select(per_source: dict[str, list[dict]]) -> dict[str, list[dict]]:
    """Dedup per language and apply the per-author cap; deterministic."""
    by_lang = defaultdict(list)
    for sid in [s["id"] for s in MAIN if s["id"] in per_source]:
        for r in per_source[sid]:
            by_lang[r["lang"]].append(r)
    kept_ids = set()
    for recs in by_lang.values():
        seen, uniq = set(), []
        for r in recs:
            k = norm_key(r["text"])
            if k in seen:
                continue
            seen.add(k)
            uniq.append(r)
        by_author = defaultdict(list)
        for r in uniq:
            by_author[(r["source"], r["author"])].append(r)
        # cap = 5% of the capped total; iterate to a fixed point
        cap = max(len(uniq), MIN_CAP)
        for _ in range(50):
            total = sum(min(len(v), cap) for v in by_author.values())
            new = max(MIN_CAP, int(AUTHOR_SHARE * total))
            if new == cap:
                break
            cap = new
        for v in by_author.values():
            v.sort(key=lambda r: stable_rank(r["id"]))
            kept_ids.update(r["id"] for r in v[:cap])
    return {sid: [r for r in recs if r["id"] in kept_ids] for sid, recs in per_source.items()}


def select_heldout(
    per_source: dict[str, list[dict]], main: dict[str, list[dict]], order: list[dict] | None = None
) -> dict[str, list[dict]]:
    """Held-out sources: drop texts already in ``main`` (the kept texts of the sets built before)
    or earlier in the held-out list ``order`` (default: the fresh sources), by normalised text per
    language; no author cap. Deterministic."""
    seen = {(r["lang"], norm_key(r["text"])) for recs in main.values() for r in recs}
    out = {}
    for sid in [s["id"] for s in (HELDOUT if order is None else order) if s["id"] in per_source]:
        kept = []
        for r in per_source[sid]:
            k = (r["lang"], norm_key(r["text"]))
            if k in seen:
                continue
            seen.add(k)
            kept.append(r)
        out[sid] = kept
    return out


def cap_per_source(selected: dict[str, list[dict]], cap: int) -> dict[str, list[dict]]:
    """At most ``cap`` texts per source, the ones with the lowest hash of their id (deterministic,
    blind to the text); order within a source kept."""
    out = {}
    for sid, recs in selected.items():
        keep = {r["id"] for r in sorted(recs, key=lambda r: stable_rank(r["id"]))[:cap]}
        out[sid] = [r for r in recs if r["id"] in keep]
    return out


def write_ids(out: Path, selected: dict[str, list[dict]]) -> None:
    redis = {s["id"]: s["redistributable"] for s in SOURCES}
    for sid, recs in selected.items():
        if redis[sid] or not recs:
            continue
        for lang in sorted({r["lang"] for r in recs}):
            rows = [{**{k: r[k] for k in ID_FIELDS}, **r["_loc"]} for r in recs if r["lang"] == lang]
            write_jsonl(out / "ids" / lang / f"{sid}.jsonl", rows)


def write_texts(out: Path, selected: dict[str, list[dict]], only: set[str] | None = None) -> None:
    for sid, recs in selected.items():
        if only is not None and sid not in only:
            continue
        for lang in sorted({r["lang"] for r in recs}):
            rows = [{k: r[k] for k in PUBLIC_FIELDS} for r in recs if r["lang"] == lang]
            write_jsonl(out / "texts" / lang / f"{sid}.jsonl", rows)


def yaml_scalar(v) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (int, float)):
        return str(v)
    if v is None:
        return "null"
    return json.dumps(str(v), ensure_ascii=False)


def write_sources_yaml(out: Path, selected: dict[str, list[dict]]) -> None:
    lines = ["# Generated by scripts/real_corpus/build.py - provenance and counts per source.", "sources:"]
    for src in MAIN + [s for group in HELDOUT_GROUPS for s in group]:
        recs = selected.get(src["id"], [])
        if not recs:
            continue
        langs = sorted({r["lang"] for r in recs})
        lines.append(f"  - source_id: {src['id']}")
        lines.append(f"    repository: {yaml_scalar(src['repo'])}")
        lines.append(f"    commit: {yaml_scalar(src['commit'])}")
        lines.append("    paths: [" + ", ".join(yaml_scalar(p) for p in src["paths"]) + "]")
        lines.append(f"    licence: {yaml_scalar(src['licence'])}")
        lines.append(f"    redistributable: {yaml_scalar(src['redistributable'])}")
        lines.append(f"    language: {yaml_scalar(','.join(langs))}")
        g = Counter(r["genre"] for r in recs)
        lines.append("    genres: {" + ", ".join(f"{k}: {v}" for k, v in sorted(g.items())) + "}")
        a = Counter(r["author_type"] for r in recs)
        lines.append("    author_types: {" + ", ".join(f"{k}: {v}" for k, v in sorted(a.items())) + "}")
        lines.append(f"    author_type_rule: {yaml_scalar(src['author_rule'])}")
        lines.append(f"    count: {len(recs)}")
        lines.append(f"    excerpts: {sum(r['excerpt'] for r in recs)}")
        lines.append(f"    distinct_authors: {len({r['author'] for r in recs})}")
        lines.append(f"    notes: {yaml_scalar(src.get('notes', ''))}")
        if src.get("heldout"):
            lines.append(f"    heldout: {yaml_scalar(src['heldout'])}")
            lines.append(f"    texts_under: {yaml_scalar(HELDOUT_DIRS[src['heldout']] + '/')}")
    (out / "sources.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--mirror", type=Path, default=Path("/work/.mirror"))
    ap.add_argument("--out", type=Path, default=Path("corpora/real"))
    a = ap.parse_args(argv)
    per_source = extract_all(a.mirror)
    selected = select(per_source)
    # each held-out set deduplicated against everything kept before it, then capped
    kept = dict(selected)
    sets = []
    for (_, folder, cap), group in zip(HELDOUT_SETS, HELDOUT_GROUPS, strict=True):
        chosen = select_heldout(extract_all(a.mirror, sources=group), kept, order=group)
        if cap is not None:
            chosen = cap_per_source(chosen, cap)
        sets.append((folder, chosen))
        kept.update(chosen)
    out = a.out
    # clear generated files of known sources
    for d in ("", *(folder for _, folder, _ in HELDOUT_SETS)):
        for kind in ("texts", "ids"):
            for f in (out / d / kind).glob("*/*.jsonl"):
                f.unlink()
    write_texts(out, selected)
    write_ids(out, selected)
    for folder, chosen in sets:
        write_texts(out / folder, chosen)
        write_ids(out / folder, chosen)
    write_sources_yaml(out, kept)
    # .gitignore for texts that may not be redistributed
    ign = [
        "# Generated by scripts/real_corpus/build.py.",
        "# Texts of sources whose licence does not allow redistribution (or is unknown):",
        "# rebuild them locally with scripts/real_corpus/rebuild.py from the fetched snapshots.",
    ]
    for group in (MAIN, *HELDOUT_GROUPS):
        for s in group:
            if not s["redistributable"]:
                under = HELDOUT_DIRS.get(s.get("heldout") or "", "")
                ign.append(f"{under + '/' if under else ''}texts/*/{s['id']}.jsonl")
    ign += [
        "# rating samples that contain such texts are regenerable by sample_for_rating.py",
        "rating/sample-*.jsonl",
    ]
    (out / ".gitignore").write_text("\n".join(ign) + "\n", encoding="utf-8")
    c = Counter((r["lang"], r["source"]) for recs in kept.values() for r in recs)
    for k, v in sorted(c.items()):
        print(k, v)


if __name__ == "__main__":
    main()
