"""The tone model as a scikit-learn estimator (needs the ``train`` extra: scikit-learn, SciPy).

:class:`ToneClassifier` learns from texts and labels with the same training as
``postcraft`` 's own models (:func:`postcraft.tone.train.fit`: grouped cross-validation of the
regularisation, Platt calibration), so it fits in a ``Pipeline``, ``GridSearchCV`` or
``cross_val_score``; :meth:`ToneClassifier.to_model` exports the plain-data
:class:`~postcraft.ToneModel` that :func:`postcraft.score_tone` and :func:`postcraft.review` take.

>>> from postcraft.tone.estimator import ToneClassifier
>>> ToneClassifier(lang="da").get_params()["lang"]
'da'
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from sklearn.base import BaseEstimator, ClassifierMixin

from ..analysis import analyze
from ..errors import InputError
from ..langs import DEFAULT
from .model import ToneModel
from .train import GRADES, LabelledPost
from .train import fit as fit_model

__all__ = ["ToneClassifier"]


class ToneClassifier(ClassifierMixin, BaseEstimator):  # type: ignore[misc]
    """Personal ↔ corporate voice as a scikit-learn classifier over raw texts.

    ``X`` is a sequence of texts (a list, a 1-d array, a pandas Series: one post per item, not a
    2-d feature matrix); ``y`` is either grades 1 (clearly personal) … 5 (clearly corporate),
    where 3 counts as half of each (integers all within 1–5 are read as grades), or two labels —
    the one named ``personal`` (default: the label ``"personal"`` if present, else the larger of
    the two, so ``1``/``True`` mean personal) against the other. With grades, ``classes_`` is ``["corporate", "personal"]`` and that is what
    :meth:`predict` returns.

    Parameters: ``lang`` (the posts' language; ``None`` detects it from the training texts, by
    majority), ``c_grid`` (regularisation strengths tried by grouped cross-validation inside
    ``fit``), ``min_df`` (a word must occur in this many posts), ``folds``, ``seed``, and
    ``adapt`` (start from the built-in model of the language, so a small corpus adapts it
    instead of replacing it). ``fit(X, y, groups=…)`` takes authors as groups, so no author is in
    both a training and a validation fold (default: every post its own group).

    Fitting needs at least 20 posts with both classes present.
    """

    def __init__(
        self,
        lang: str | None = None,
        *,
        c_grid: Sequence[float] = (0.3, 1.0, 3.0, 10.0),
        min_df: int = 2,
        folds: int = 5,
        seed: int = 0,
        adapt: bool = False,
        personal: Any = None,
    ) -> None:
        self.lang = lang
        self.c_grid = c_grid
        self.min_df = min_df
        self.folds = folds
        self.seed = seed
        self.adapt = adapt
        self.personal = personal

    def __sklearn_tags__(self) -> Any:
        tags = super().__sklearn_tags__()
        tags.input_tags.two_d_array = False
        tags.input_tags.string = True
        tags.target_tags.required = True
        tags.classifier_tags.multi_class = False
        tags.non_deterministic = False
        return tags

    # -- fitting -----------------------------------------------------------------------------
    def fit(self, X: Iterable[str], y: Iterable[Any], groups: Iterable[Any] | None = None) -> ToneClassifier:
        """Train on texts ``X`` with labels or grades ``y``; returns ``self``."""
        import numpy as np

        texts = _texts(X)
        labels = list(y.tolist() if hasattr(y, "tolist") else y)
        if len(labels) != len(texts):
            raise InputError(f"X has {len(texts)} texts but y has {len(labels)} labels")
        grades, classes, personal = _grades(labels, self.personal)
        lang = self.lang or _majority_lang(texts)
        authors = [str(g) for g in groups] if groups is not None else [f"post{i}" for i in range(len(texts))]
        if len(authors) != len(texts):
            raise InputError(f"X has {len(texts)} texts but groups has {len(authors)} entries")
        posts = [
            LabelledPost(text=t, grade=g, lang=lang, author=a, id=f"post{i}")
            for i, (t, g, a) in enumerate(zip(texts, grades, authors, strict=True))
        ]
        base = None
        if self.adapt:
            from .model import builtin_model

            base = builtin_model(lang)
        model, info = fit_model(
            posts,
            lang,
            seed=self.seed,
            c_grid=tuple(self.c_grid),
            min_df=self.min_df,
            folds=self.folds,
            base=base,
        )
        self.model_ = model
        self.lang_ = lang
        self.classes_ = np.asarray(classes)
        self.personal_index_ = classes.index(personal)
        self.cv_auc_ = float(info["cv_auc"])
        self.C_ = float(info["C"])
        return self

    # -- predicting --------------------------------------------------------------------------
    def personal_probability(self, X: Iterable[str]) -> Any:
        """The calibrated probability that each text sounds personal (1-d array)."""
        import numpy as np

        model = self._fitted()
        return np.asarray([model.score(analyze(t, lang=self.lang_)).personal for t in _texts(X)], dtype=float)

    def predict_proba(self, X: Iterable[str]) -> Any:
        """Probabilities per class, columns in the order of ``classes_``."""
        import numpy as np

        p = self.personal_probability(X)
        out = np.empty((len(p), 2))
        out[:, self.personal_index_] = p
        out[:, 1 - self.personal_index_] = 1.0 - p
        return out

    def decision_function(self, X: Iterable[str]) -> Any:
        """Log-odds of ``classes_[1]`` (what ROC AUC scoring uses)."""
        import numpy as np

        p = np.clip(self.predict_proba(X)[:, 1], 1e-12, 1 - 1e-12)
        return np.log(p / (1 - p))

    def predict(self, X: Iterable[str]) -> Any:
        """The more probable class of each text (personal when its probability is ≥ 0.5)."""
        import numpy as np

        p = self.personal_probability(X)
        personal = self.classes_[self.personal_index_]
        other = self.classes_[1 - self.personal_index_]
        return np.where(p >= 0.5, personal, other)

    def to_model(self) -> ToneModel:
        """The fitted plain-data :class:`~postcraft.ToneModel` (for ``score_tone(model=…)``,
        ``review(tone_model=…)``; ``.save(path)`` writes its JSON)."""
        return self._fitted()

    def _fitted(self) -> ToneModel:
        model: ToneModel | None = getattr(self, "model_", None)
        if model is None:
            from sklearn.exceptions import NotFittedError

            raise NotFittedError(f"This {type(self).__name__} instance is not fitted yet; call fit first.")
        return model


def _texts(X: Any) -> list[str]:
    if isinstance(X, str):
        raise InputError("X is one string; give a sequence of texts (one post per item)")
    values = X.tolist() if hasattr(X, "tolist") else list(X)
    out: list[str] = []
    for v in values:
        if isinstance(v, list | tuple) and len(v) == 1:  # a one-column 2-d array
            v = v[0]
        if not isinstance(v, str):
            raise InputError(f"X must hold texts (str), not {type(v).__name__}")
        out.append(v)
    return out


def _grades(labels: list[Any], personal: Any) -> tuple[list[int], list[Any], Any]:
    """Grades 1–5 for training, ``classes_`` and the personal class.

    Integers all within 1–5 are grades (unless ``personal`` names one of them); otherwise
    there must be two labels, ``personal`` (or ``"personal"``, or the larger one) the personal one.
    """
    distinct = sorted(set(labels)) if _sortable(labels) else sorted(set(labels), key=repr)
    is_grade = [isinstance(v, int | float) and not isinstance(v, bool) and v in GRADES for v in labels]
    if all(is_grade) and personal is None:
        return [int(v) for v in labels], ["corporate", "personal"], "personal"
    if len(distinct) == 2 and (personal is None or personal in distinct):
        chosen = (
            personal if personal is not None else ("personal" if "personal" in distinct else distinct[-1])
        )
        return [GRADES[0] if v == chosen else GRADES[-1] for v in labels], distinct, chosen
    raise InputError(
        f"y has the labels {distinct[:6]}: give two labels (name the personal one with personal=…) "
        "or grades 1 (personal) … 5 (corporate)"
    )


def _sortable(values: list[Any]) -> bool:
    try:
        sorted(set(values))
    except TypeError:
        return False
    return True


def _majority_lang(texts: list[str]) -> str:
    from collections import Counter

    from ..errors import UnsupportedLanguageError

    counts: Counter[str] = Counter()
    for t in texts:
        try:
            counts[analyze(t).lang] += 1
        except UnsupportedLanguageError:
            continue
    return counts.most_common(1)[0][0] if counts else DEFAULT
