"""Rebuild the texts of non-redistributable sources from the fetched snapshots.

    python scripts/real_corpus/rebuild.py --mirror /work/.mirror --out corpora/real/texts

Reads corpora/real/ids/<lang>/<source>.jsonl (the committed ids and locators), re-runs the same
extractor and cleaning as build.py on the snapshot at the recorded commit, and writes
<out>/<lang>/<source>.jsonl with exactly the listed ids. Each repository must have been fetched
first (the search tool's fetch puts it at <mirror>/<owner>+<name>/repo).

The held-out tag-evaluation sources (corpora/real/fresh/ids, ``heldout`` in sources.py) are rebuilt
the same way into corpora/real/fresh/texts (``--fresh-ids``, ``--fresh-out``), and the second
held-out set (corpora/real/fresh2/ids, ``heldout="tags2"``) into corpora/real/fresh2/texts
(``--fresh2-ids``, ``--fresh2-out``), and the third (corpora/real/fresh3/ids, ``heldout="tags3"``) into
corpora/real/fresh3/texts (``--fresh3-ids``, ``--fresh3-out``), and the fourth (corpora/real/fresh4/ids,
``heldout="tags4"``) into corpora/real/fresh4/texts (``--fresh4-ids``, ``--fresh4-out``), and the fifth
(corpora/real/fresh5/ids, ``heldout="tags5"``) into corpora/real/fresh5/texts (``--fresh5-ids``,
``--fresh5-out``)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from build import HELDOUT_SETS, PUBLIC_FIELDS  # noqa: E402
from common import read_jsonl, write_jsonl  # noqa: E402
from sources import SOURCES  # noqa: E402


def main(argv=None):
    here = Path(__file__).resolve().parents[2] / "corpora" / "real"
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--mirror", type=Path, default=Path("/work/.mirror"))
    ap.add_argument("--out", type=Path, default=here / "texts")
    ap.add_argument("--ids", type=Path, default=here / "ids")
    for _, folder, _ in HELDOUT_SETS:
        ap.add_argument(f"--{folder}-ids", type=Path, default=here / folder / "ids")
        ap.add_argument(f"--{folder}-out", type=Path, default=here / folder / "texts")
    a = ap.parse_args(argv)
    by_id = {s["id"]: s for s in SOURCES}
    missing = 0
    jobs = [(f, a.out) for f in sorted(a.ids.glob("*/*.jsonl"))]
    for _, folder, _ in HELDOUT_SETS:
        ids, out = getattr(a, f"{folder}_ids"), getattr(a, f"{folder}_out")
        jobs += [(f, out) for f in sorted(ids.glob("*/*.jsonl"))]
    for f, out in jobs:
        sid, lang = f.stem, f.parent.name
        want = [r["id"] for r in read_jsonl(f)]
        src = by_id[sid]
        try:
            recs = {r["id"]: r for r in src["extract"](a.mirror, src)}
        except Exception as e:
            print(f"!! {sid}: cannot read snapshot of {src['repo']} ({e}); fetch it first")
            missing += len(want)
            continue
        rows = [{k: recs[i][k] for k in PUBLIC_FIELDS} for i in want if i in recs]
        missing += len(want) - len(rows)
        write_jsonl(out / lang / f"{sid}.jsonl", rows)
        print(f"{lang}/{sid}: {len(rows)}/{len(want)}")
    if missing:
        print(f"{missing} texts could not be rebuilt")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
