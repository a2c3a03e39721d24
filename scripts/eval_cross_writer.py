"""Cross-writer evaluation of the tone model: train on the posts of two corpus writers, test
on the third (the corpus has three writers per language: A, B and H, the hard cases). A model
that learned one writer's quirks fails here, which is closer to posts written elsewhere than
a random split.

    python scripts/eval_cross_writer.py
"""

from __future__ import annotations

import json
from pathlib import Path

from postcraft.tone.train import evaluate, fit, load_corpus

ROOT = Path(__file__).resolve().parents[1] / "corpora" / "tone"


def main() -> None:
    results = {}
    for lang in ("da", "en"):
        posts = load_corpus(ROOT, lang=lang)
        for writer in ("A", "B", "H"):
            prefix = f"{lang}{writer}-"
            test = [p for p in posts if p.id.startswith(prefix)]
            train = [p for p in posts if not p.id.startswith(prefix)]
            model, _ = fit(train, lang, seed=0)
            m = evaluate(model, test)
            m.pop("reliability")
            results[f"{lang} test={writer}"] = m
            print(lang, writer, m, flush=True)
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
