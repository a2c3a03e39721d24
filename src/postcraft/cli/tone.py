"""``postcraft train tone`` and ``postcraft tone``: train, adapt and use tone models."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from ..errors import InputError, PostcraftError
from ..io import read_input
from ..langs import SUPPORTED
from .common import add_format, add_lang, ui_lang, write, write_json

ROOT_HINT = "corpora/tone"


def register(sub: Any) -> None:
    train = sub.add_parser(
        "train",
        help="train models (tone)",
        description="Train models from labelled data: 'postcraft train tone'.",
    )
    tsub = train.add_subparsers(dest="what", metavar="WHAT")
    t = tsub.add_parser(
        "tone",
        help="train a tone model from labelled posts (needs the 'train' extra)",
        description=(
            f"Train tone models. Without --out-model: train the built-in {' and '.join(SUPPORTED)} models from a corpus folder, "
            "evaluate on held-out sectors and write models and reports. With --out-model: train (or, with --adapt, "
            "adapt the built-in model to) an organisation's own labelled posts of one language."
        ),
    )
    t.add_argument(
        "--corpus", default=ROOT_HINT, help="folder or .jsonl file of labelled posts (text, grade 1-5, lang)"
    )
    t.add_argument(
        "--real",
        default="corpora/real",
        help="the real corpus (texts/<lang>/*.jsonl and rating/) for the built-in models; '' for none",
    )
    t.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    add_lang(t, help="train one language (default: every supported language)")
    t.add_argument(
        "--out", default=None, help="folder for the built-in models (default: the package's models folder)"
    )
    t.add_argument("--report", default="models", help="folder for evaluation reports and charts")
    t.add_argument("--out-model", default=None, help="write one organisation model to this JSON file")
    t.add_argument(
        "--adapt", action="store_true", help="adapt the built-in model instead of training from scratch"
    )
    t.set_defaults(func=_cmd_train)
    train.set_defaults(func=lambda args: (train.print_help(sys.stderr), 2)[1])

    s = sub.add_parser(
        "tone",
        help="score how personal a draft sounds",
        description="Score how personal (rather than corporate) a draft sounds, from 0 to 1, with the "
        "words and habits that drive the score and a hint for each.",
    )
    s.add_argument("file", help="draft file (UTF-8) or -")
    add_lang(s)
    s.add_argument(
        "--tone-model",
        "--model",
        dest="model",
        default=None,
        help="a tone model JSON file or plugin model name (default: built-in)",
    )
    add_format(s)
    s.set_defaults(func=_cmd_tone)


def _require_training_libs() -> None:
    try:
        import numpy  # noqa: F401
        import scipy  # noqa: F401
        import sklearn  # noqa: F401
    except ImportError:
        raise PostcraftError("training needs scikit-learn: pip install 'postcraft[train]'") from None


def _cmd_train(args: argparse.Namespace) -> int:
    _require_training_libs()
    from ..tone import train as tr
    from ..tone.model import builtin_model

    if args.out_model:
        if not args.lang:
            raise InputError("--out-model trains one language: add --lang " + " or --lang ".join(SUPPORTED))
        posts = tr.load_corpus(args.corpus, lang=args.lang)
        base = builtin_model(args.lang) if args.adapt else None
        model, info = tr.fit(posts, args.lang, seed=args.seed, base=base)
        model.save(args.out_model)
        print(
            f"wrote {args.out_model}: {len(posts)} posts, cross-validated ROC-AUC {info['cv_auc']:.3f}, C={info['C']}"
        )
        return 0
    out = Path(args.out) if args.out else tr.MODELS_DIR
    langs = (args.lang,) if args.lang else SUPPORTED
    reports = tr.train_builtin(
        args.corpus, out, seed=args.seed, langs=langs, report_dir=args.report, real=args.real or None
    )
    for lang, r in reports.items():
        print(
            f"{lang}: {r['texts']} texts from {len(r['sources'])} sources (+{r['borrowed_texts']} borrowed); "
            f"C={r['meta']['C']}. Cross-source figures: python scripts/eval_tone_real.py"
        )
    return 0


def _cmd_tone(args: argparse.Namespace) -> int:
    from ..formats.text import tone_report
    from ..tone import score_tone

    s = score_tone(read_input(args.file), lang=args.lang, model=args.model)
    if args.format == "json":
        write_json(s)
    else:
        write(tone_report(s, ui_lang(args, s.lang)))
    return 0
