"""Training and cross-source evaluation of the built-in voice models (needs the ``train`` extra).

The built-in models are trained on several *sources*: the team's graded corpus
(``corpora/tone``, one source) and every source of the real corpus (``corpora/real``: real posts,
bios, tweets, job ads, press releases, blogs, comments, with an author type for all and two blind
raters' grades for a sample). Labels: a rated text's target is the raters' mean grade mapped to
``(5 - grade) / 4``; a team post's grade the same way; any other real text's target is its author
type (person 1, organisation 0). No source may dominate: a source's texts together weigh at most
:data:`SOURCE_CAP` texts, except that a rated text weighs at least the language's ``rated_weight`` (the
raters' grades are the one target that grades degrees within a voice).

The model is a logistic regression over the style features only (no words), with the sign of
each voice marker fixed in advance (:data:`~postcraft.tone.features.STYLE_SIGN`) and an L2
penalty; Platt calibration of the out-of-source logits of the rated texts against the raters'
verdicts (mean grade below 3 personal, above 3 corporate; both verdicts weigh the same), or of
every target when there are too few rated texts. :func:`cross_source` gives honest figures:
every source is predicted by a model that never saw it (its texts, its rated texts' grades, and
its say in the regularisation and the calibration are all left out).
"""

from __future__ import annotations

import json
import math
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from .._progress import progress
from ..analysis import analyze
from .features import STYLE_KIND, STYLE_NAMES, STYLE_SIGN, Features, extract
from .model import CLIP, CORPORATE_BELOW, PERSONAL_AT, ToneModel
from .train import verdict_rows

#: A source's texts together weigh at most this many texts.
SOURCE_CAP = 400.0
#: The team corpus counts as this many texts (it is graded and LinkedIn-like).
TEAM_WEIGHT = 600.0
C_GRID = (0.3, 3.0, 30.0)
TEAM = "team"
#: A text the blind raters graded weighs at least this much in training (its source's cap aside)
#: unless the language's lexicon says otherwise (``rated_weight`` in tone/data/lexicon.yaml: 30 for
#: English, where the raters' grades, what the Spearman and the calibration are measured against,
#: gained from it; see models/README.md).
DEFAULT_RATED_WEIGHT = 3.0
#: Calibrate on the raters' verdicts (out-of-source logits of the rated texts) instead of all targets.
CALIBRATE_ON_RATED = True
BALANCE_RATED = True
#: Rated texts of each verdict needed to calibrate on the raters (else: on every target).
MIN_RATED = 20


def borrow_from(lang: str) -> str:
    """The language whose texts ``lang``'s model also learns from ("" for none; lexicon data)."""
    from .features import lexicon

    return lexicon(lang).borrow_from


def rated_weight(lang: str) -> float:
    """How much a rated text weighs at least in ``lang``'s model (lexicon data)."""
    from .features import lexicon

    return lexicon(lang).rated_weight


@dataclass(frozen=True)
class Text:
    """One training or evaluation text with whatever labels it has."""

    id: str
    text: str
    lang: str
    source: str
    genre: str
    group: str  # sources that share an author share a group
    author_type: str = ""  # person / organisation ("" for the team corpus)
    grade: float | None = None  # the team's grade or the raters' mean grade, 1 personal … 5 corporate
    rated: bool = False  # grade comes from the blind raters
    calibrates: bool = True  # a rated text that also calibrates the model (see TRAINING_SETS)


def load_team(folder: str | Path, lang: str) -> list[Text]:
    out = []
    for path in sorted(Path(folder).rglob("*.jsonl")):
        for line in path.read_text("utf-8").splitlines():
            if line.strip():
                r = json.loads(line)
                if r["lang"] == lang:
                    genre = "team_company" if r.get("source") == "company_page" else "team_person"
                    out.append(Text(r["id"], r["text"], lang, TEAM, genre, TEAM, "", float(r["grade"])))
    return out


def load_ratings(real: Path, lang: str) -> dict[str, float]:
    """id -> the raters' mean grade."""
    key_path = real / "rating" / f"key-{lang}.jsonl"
    if not key_path.exists():
        return {}
    key = {
        r["rid"]: r["id"] for r in map(json.loads, filter(str.strip, key_path.read_text("utf-8").split("\n")))
    }
    grades: dict[str, list[int]] = defaultdict(list)
    for path in sorted((real / "rating").glob(f"ratings-{lang}-*.jsonl")):
        for line in path.read_text("utf-8").split("\n"):
            if line.strip():
                r = json.loads(line)
                grades[key[r["rid"]]].append(int(r["grade"]))
    return {k: sum(v) / len(v) for k, v in grades.items()}


#: Sets of real text kept apart from the real corpus (``<real>/<set>/texts`` and ``<set>/rating``)
#: that training reads too: the first held-out set ("fresh") once its held-out figures were taken.
#: Its rated texts are training targets but do not calibrate the model. Later sets (fresh2) stay
#: held out.
TRAINING_SETS = ("fresh",)


def load_real(folder: str | Path, lang: str, *, sets: Sequence[str] = TRAINING_SETS) -> list[Text]:
    """The real corpus of ``lang`` (``texts/<lang>/*.jsonl``), once per id, with the raters' grades,
    and the texts of the ``sets`` under it that are present (see :data:`TRAINING_SETS`)."""
    real = Path(folder)
    extra = [
        replace(t, calibrates=False)
        for name in sets
        if (real / name / "texts" / lang).is_dir()
        for t in load_real(real / name, lang, sets=())
    ]
    ratings = load_ratings(real, lang)
    rows: dict[str, dict[str, Any]] = {}
    for path in sorted((real / "texts" / lang).glob("*.jsonl")):
        for line in path.read_text("utf-8").split("\n"):
            if line.strip():
                r = json.loads(line)
                rows.setdefault(r["id"], r)
    # sources that share an author are one group (one association's two sites)
    authors: dict[str, set[str]] = defaultdict(set)
    for r in rows.values():
        authors[r["author"]].add(r["source"])
    group = {s: s for r in rows.values() for s in [r["source"]]}
    for srcs in authors.values():
        if len(srcs) > 1:
            name = "+".join(sorted(srcs))
            for s in srcs:
                group[s] = name
    out = []
    for r in rows.values():
        g = ratings.get(r["id"])
        out.append(
            Text(
                r["id"],
                r["text"],
                lang,
                r["source"],
                r["genre"],
                group[r["source"]],
                r["author_type"],
                g,
                g is not None,
            )
        )
    return out + extra


def featurize(texts: Sequence[Text], label: str = "features") -> list[Features]:
    return [extract(analyze(t.text, lang=t.lang)) for t in progress(texts, label=label)]


def _targets(texts: Sequence[Text], rated_min: float = DEFAULT_RATED_WEIGHT) -> tuple[Any, Any, Any]:
    """Row indices, targets (P(personal)) and weights (a rated text at least ``rated_min``)."""
    import numpy as np

    count: dict[str, int] = defaultdict(int)
    for t in texts:
        count[t.source] += 1
    idx, y, w = [], [], []
    for i, t in enumerate(texts):
        cap = TEAM_WEIGHT if t.source == TEAM else SOURCE_CAP
        base = min(1.0, cap / count[t.source])
        if t.rated:
            base = max(base, rated_min)
        if t.grade is not None:
            target = (5.0 - t.grade) / 4.0
        else:
            target = 1.0 if t.author_type == "person" else 0.0
        # a soft target is two rows: personal with weight target, corporate with weight 1 - target
        if target > 0:
            idx.append(i)
            y.append(1)
            w.append(base * target)
        if target < 1:
            idx.append(i)
            y.append(0)
            w.append(base * (1 - target))
    ya, wa = np.array(y, dtype=float), np.array(w)
    # both voices weigh the same in total (the real corpus is mostly one or the other per language)
    pos, neg = wa[ya == 1].sum(), wa[ya == 0].sum()
    if pos > 0 and neg > 0:
        wa = np.where(ya == 1, wa * (pos + neg) / (2 * pos), wa * (pos + neg) / (2 * neg))
    return np.array(idx), ya, wa


class Scaler:
    """Style scaling: counts and rates divided by their spread (absent stays 0, so an absent
    marker never contributes); the length measures centred as well."""

    def __init__(self, x: Any) -> None:
        import numpy as np

        std = x.std(axis=0)
        self.std = np.where(std > 1e-9, std, 1.0)
        self.mean = np.array(
            [x[:, j].mean() if STYLE_KIND[n] == "size" else 0.0 for j, n in enumerate(STYLE_NAMES)]
        )

    def __call__(self, x: Any) -> Any:
        import numpy as np

        return np.clip((x - self.mean) / self.std, -CLIP, CLIP)


def _bounds() -> list[tuple[float | None, float | None]]:
    out: list[tuple[float | None, float | None]] = [(None, None)]  # intercept
    for n in STYLE_NAMES:
        s = STYLE_SIGN[n]
        out.append((0.0, None) if s > 0 else (None, 0.0) if s < 0 else (None, None))
    return out


def fit_lr(x: Any, y: Any, w: Any, c: float) -> Any:
    """Weighted L2 logistic regression with sign bounds; returns [intercept, weights…]."""
    import numpy as np
    from scipy.optimize import minimize

    xa = np.hstack([np.ones((x.shape[0], 1)), x])
    wsum = w.sum()

    def loss(beta: Any) -> tuple[float, Any]:
        z = xa @ beta
        p = 1.0 / (1.0 + np.exp(-z))
        ll = -(w * (y * np.log(p + 1e-12) + (1 - y) * np.log(1 - p + 1e-12))).sum() / wsum
        reg = 0.5 / (c * wsum) * (beta[1:] ** 2).sum() * 100.0
        grad = xa.T @ (w * (p - y)) / wsum
        grad[1:] += beta[1:] / (c * wsum) * 100.0
        return ll + reg, grad

    res = minimize(loss, np.zeros(xa.shape[1]), jac=True, method="L-BFGS-B", bounds=_bounds())
    return res.x


def platt(z: Any, y: Any, w: Any) -> tuple[float, float]:
    import numpy as np
    from scipy.optimize import minimize

    def loss(ab: Any) -> tuple[float, Any]:
        p = 1.0 / (1.0 + np.exp(-(ab[0] * z + ab[1])))
        ll = -(w * (y * np.log(p + 1e-12) + (1 - y) * np.log(1 - p + 1e-12))).sum()
        g = w * (p - y)
        return ll, np.array([(g * z).sum(), g.sum()])

    res = minimize(loss, np.array([1.0, 0.0]), jac=True, method="L-BFGS-B")
    return float(res.x[0]), float(res.x[1])


def _logloss(z: Any, y: Any, w: Any) -> float:
    import numpy as np

    p = 1.0 / (1.0 + np.exp(-z))
    return float(-(w * (y * np.log(p + 1e-12) + (1 - y) * np.log(1 - p + 1e-12))).sum() / w.sum())


def _oof(x: Any, texts: Sequence[Text], c: float, rated_min: float = DEFAULT_RATED_WEIGHT) -> Any:
    """Leave-one-group-out logits for every row of ``_targets(texts, rated_min)`` (scaling
    fitted per fold)."""
    import numpy as np

    idx, y, w = _targets(texts, rated_min)
    groups = np.array([texts[i].group for i in idx])
    z = np.zeros(len(idx))
    for g in sorted(set(groups)):
        te = groups == g
        tr = ~te
        sc = Scaler(x[np.unique(idx[tr])])
        beta = fit_lr(sc(x[idx[tr]]), y[tr], w[tr], c)
        z[te] = beta[0] + sc(x[idx[te]]) @ beta[1:]
    return z


def _rated_rows(texts: Sequence[Text], idx: Any, z: Any) -> tuple[Any, Any, Any]:
    """Logits, verdicts and weights of the rated texts for calibration: the raters' mean grade
    below 3 is personal, above 3 corporate, 3 half of each; every rated text weighs 1."""
    import numpy as np

    first: dict[int, float] = {}
    for row, i in enumerate(idx):
        first.setdefault(int(i), float(z[row]))
    zs, ys, ws = [], [], []
    for i, zi in first.items():
        t = texts[i]
        if not t.rated or t.grade is None or not t.calibrates:
            continue
        for target, weight in verdict_rows(t.grade):
            zs.append(zi)
            ys.append(float(target))
            ws.append(weight)
    ya, wa = np.array(ys), np.array(ws)
    # both verdicts weigh the same, so the held-out sources' mix of voices cannot move the intercept
    pos, neg = wa[ya == 1].sum(), wa[ya == 0].sum()
    if BALANCE_RATED and pos > 0 and neg > 0:
        wa = np.where(ya == 1, wa * (pos + neg) / (2 * pos), wa * (pos + neg) / (2 * neg))
    return np.array(zs), ya, wa


def fit_voice(texts: Sequence[Text], x: Any, lang: str, *, meta: dict[str, Any] | None = None) -> ToneModel:
    """Fit a voice model on ``texts`` (style matrix ``x``): ``C`` by leave-one-source-out
    log-loss, Platt calibration on the leave-one-source-out logits, then a refit on all."""

    weight = rated_weight(lang)
    idx, y, w = _targets(texts, weight)
    scores = {}
    oofs = {}
    for c in C_GRID:
        oofs[c] = _oof(x, texts, c, weight)
        scores[c] = _logloss(oofs[c], y, w)
    c_best = min(C_GRID, key=lambda c: scores[c])
    zr, yr, wr = _rated_rows(texts, idx, oofs[c_best])
    on_rated = bool(CALIBRATE_ON_RATED and (yr == 1).sum() >= MIN_RATED and (yr == 0).sum() >= MIN_RATED)
    if on_rated:
        a, b = platt(zr, yr, wr)
    else:  # too few rated texts of one verdict: calibrate on every target
        a, b = platt(oofs[c_best], y, w)
    sc = Scaler(x)
    beta = fit_lr(sc(x[idx]), y, w, c_best)
    return ToneModel(
        lang=lang,
        intercept=float(beta[0]),
        weights={},
        style_mean=tuple(float(v) for v in sc.mean),
        style_std=tuple(float(v) for v in sc.std),
        style_weights=tuple(round(float(v), 6) for v in beta[1:]),
        calibration=(a, b),
        thresholds=(CORPORATE_BELOW, PERSONAL_AT),
        meta={
            "C": c_best,
            "oos_logloss": {str(k): round(v, 4) for k, v in scores.items()},
            "calibrated_on": "rated texts" if on_rated else "all targets",
            **(meta or {}),
        },
    )


def style_matrix(feats: Sequence[Features]) -> Any:
    import numpy as np

    return np.array([f.style for f in feats], dtype=float)


def cross_source(
    texts: Sequence[Text], x: Any, lang: str, *, extra: Sequence[Text] = (), x_extra: Any = None
) -> dict[str, float]:
    """id -> P(personal) from a model that never saw the text's source group (nor chose its
    regularisation or calibration with it). ``extra`` texts (the other language's) are always
    in training and never predicted."""
    import numpy as np

    out: dict[str, float] = {}
    groups = sorted({t.group for t in texts})
    for g in progress(groups, label=f"cross-source {lang}"):
        tr = [i for i, t in enumerate(texts) if t.group != g]
        te = [i for i, t in enumerate(texts) if t.group == g]
        xtr = x[tr] if not extra else np.vstack([x[tr], x_extra])
        model = fit_voice([texts[i] for i in tr] + list(extra), xtr, lang)
        sc_mean = np.array(model.style_mean)
        sc_std = np.array(model.style_std)
        wts = np.array(model.style_weights)
        a, b = model.calibration
        z = model.intercept + np.clip((x[te] - sc_mean) / sc_std, -CLIP, CLIP) @ wts
        for i, zi in zip(te, z, strict=True):
            out[texts[i].id] = 1.0 / (1.0 + math.exp(-(a * zi + b)))
    return out


def as_extra(texts: Sequence[Text], lang: str) -> list[Text]:
    """Another language's texts as extra training texts, their sources kept apart."""
    return [
        Text(
            t.id,
            t.text,
            t.lang,
            f"{lang}:{t.source}",
            t.genre,
            f"{lang}:{t.group}",
            t.author_type,
            t.grade,
            t.rated,
            t.calibrates,
        )
        for t in texts
    ]
