"""postcraft inside other tools' pipelines.

* :mod:`postcraft.integrations.spacy_component` — the ``"postcraft"`` spaCy pipeline component
  (``nlp.add_pipe("postcraft")``, registered by the ``spacy_factories`` entry point; needs the
  ``spacy`` extra): ``doc._.postcraft`` is the :class:`~postcraft.Review`, findings and tone
  drivers are span groups.
* The scikit-learn estimator is :class:`postcraft.tone.estimator.ToneClassifier` (``train`` extra).

Importing this package imports neither spaCy nor scikit-learn.
"""
