"""ToneClassifier: the tone model as a scikit-learn estimator over raw texts."""

from __future__ import annotations

import pickle

import numpy as np
import pytest

pytest.importorskip("sklearn")

from sklearn.base import clone  # noqa: E402
from sklearn.exceptions import NotFittedError  # noqa: E402
from sklearn.model_selection import GridSearchCV, cross_val_score  # noqa: E402
from sklearn.pipeline import Pipeline  # noqa: E402
from sklearn.preprocessing import FunctionTransformer  # noqa: E402
from sklearn.utils import estimator_checks as ec  # noqa: E402

import postcraft  # noqa: E402
from conftest import ROOT  # noqa: E402
from postcraft.errors import InputError, PostcraftError  # noqa: E402
from postcraft.tone.estimator import ToneClassifier  # noqa: E402
from postcraft.tone.train import load_corpus  # noqa: E402

FAST = {"c_grid": (1.0,), "folds": 3}


@pytest.fixture(scope="module")
def corpus() -> tuple[list[str], list[int], list[str]]:
    posts = load_corpus(ROOT / "corpora" / "tone" / "da")
    rng = np.random.default_rng(0)
    chosen = [posts[i] for i in sorted(rng.choice(len(posts), 240, replace=False))]
    return [p.text for p in chosen], [p.grade for p in chosen], [p.author or p.id for p in chosen]


def _binary(grades: list[int], texts: list[str]) -> tuple[list[str], list[str]]:
    keep = [i for i, g in enumerate(grades) if g != 3]
    return [texts[i] for i in keep], ["personal" if grades[i] <= 2 else "corporate" for i in keep]


#: The checks of sklearn.utils.estimator_checks that apply to an estimator whose input is texts:
#: they construct, clone, inspect and set parameters, and call an unfitted estimator. The rest
#: feed numeric 2-d arrays (random floats, NaN, sparse matrices), which are not posts; with the
#: tags input_tags.string=True and two_d_array=False, check_estimator itself skips them (it warns
#: SkipTestWarning and runs only check_estimator_cloneable). What those checks test — fit
#: returns self, pickling, idempotent fits, one class refused, clone — is tested below on texts.
APPLICABLE = [
    "check_estimator_cloneable",
    "check_estimator_repr",
    "check_no_attributes_set_in_init",
    "check_parameters_default_constructible",
    "check_get_params_invariance",
    "check_set_params",
    "check_do_not_raise_errors_in_init_or_set_params",
    "check_estimators_unfitted",
    "check_mixin_order",
    "check_valid_tag_types",
    "check_estimator_tags_renamed",
]


@pytest.mark.parametrize("check", APPLICABLE)
def test_applicable_sklearn_checks(check: str) -> None:
    getattr(ec, check)("ToneClassifier", ToneClassifier(lang="da"))


def test_check_estimator_knows_the_input_is_text() -> None:
    with pytest.warns(ec.SkipTestWarning, match="string=True"):
        results = ec.check_estimator(ToneClassifier(lang="da"), on_fail=None)
    assert [r["status"] for r in results if r["status"] != "skipped"] == ["passed"]


def test_fit_predict_proba_and_export(corpus: tuple[list[str], list[int], list[str]]) -> None:
    texts, grades, authors = corpus
    X, y = _binary(grades, texts)
    clf = ToneClassifier(lang="da", **FAST)
    assert clf.fit(X, y, groups=[a for a, g in zip(authors, grades, strict=True) if g != 3]) is clf
    assert list(clf.classes_) == ["corporate", "personal"]
    proba = clf.predict_proba(X[:20])
    assert proba.shape == (20, 2) and np.allclose(proba.sum(axis=1), 1.0)
    assert clf.score(X, y) > 0.85
    pred = clf.predict(X[:20])
    assert list(pred) == [clf.classes_[i] for i in proba.argmax(axis=1)]
    model = clf.to_model()
    assert isinstance(model, postcraft.ToneModel) and model.lang == "da"
    for text, p in zip(X[:5], proba[:5, 1], strict=True):
        assert postcraft.score_tone(text, model=model).personal == pytest.approx(p)
    # the exported model is plain data: its JSON loads back to the same scores
    again = postcraft.load_model(model.to_dict())
    assert postcraft.score_tone(X[0], model=again).personal == pytest.approx(proba[0, 1])
    back = pickle.loads(pickle.dumps(clf))
    assert np.allclose(back.predict_proba(X[:5]), proba[:5])


def test_labels_grades_and_the_personal_class(corpus: tuple[list[str], list[int], list[str]]) -> None:
    texts, grades, _ = corpus
    by_grade = ToneClassifier(lang="da", **FAST).fit(texts, grades)
    assert list(by_grade.classes_) == ["corporate", "personal"]
    X, y = _binary(grades, texts)
    ints = [1 if v == "personal" else 0 for v in y]
    by_int = ToneClassifier(lang="da", **FAST).fit(X, ints)
    assert list(by_int.classes_) == [0, 1] and by_int.personal_index_ == 1
    flipped = ToneClassifier(lang="da", personal=0, **FAST).fit(X, [1 - v for v in ints])
    assert np.allclose(flipped.predict_proba(X[:5])[:, 0], by_int.predict_proba(X[:5])[:, 1])
    # detection picks the language when none is given
    assert ToneClassifier(**FAST).fit(X, y).lang_ == "da"


def test_bad_input_is_refused(corpus: tuple[list[str], list[int], list[str]]) -> None:
    texts, grades, _ = corpus
    with pytest.raises(NotFittedError):
        ToneClassifier().predict(["Hej"])
    with pytest.raises(InputError, match="two labels"):
        ToneClassifier(lang="da").fit(texts[:30], ["a"] * 30)
    with pytest.raises(InputError, match="texts"):
        ToneClassifier(lang="da").fit(np.zeros((30, 2)), [1, 5] * 15)
    with pytest.raises(InputError, match="one string"):
        ToneClassifier(lang="da").fit("Hej", [1])
    with pytest.raises(PostcraftError, match="at least 20"):
        ToneClassifier(lang="da").fit(texts[:10], grades[:10])


def test_pipeline_grid_search_and_cross_validation(corpus: tuple[list[str], list[int], list[str]]) -> None:
    texts, grades, _ = corpus
    X, y = _binary(grades, texts)
    pipe = Pipeline(
        [
            ("clean", FunctionTransformer(lambda xs: [x.strip() for x in xs])),
            ("tone", ToneClassifier(lang="da")),
        ]
    )
    search = GridSearchCV(
        pipe, {"tone__min_df": [1, 3], "tone__c_grid": [(1.0,)], "tone__folds": [2]}, cv=2, scoring="roc_auc"
    )
    search.fit(X, y)
    assert search.best_params_["tone__min_df"] in (1, 3)
    assert search.best_score_ > 0.85
    best = search.best_estimator_.named_steps["tone"]
    assert best.to_model().meta["min_df"] == search.best_params_["tone__min_df"]
    scores = cross_val_score(clone(ToneClassifier(lang="da", **FAST)), X, y, cv=2, scoring="accuracy")
    assert scores.min() > 0.8
