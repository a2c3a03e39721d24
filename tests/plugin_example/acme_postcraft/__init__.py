"""Acme's postcraft plugin: house rules (pack ``acme``) and a Danish tone model (``acme-da``).

postcraft finds both through the entry points declared in ``pyproject.toml``.
"""

from __future__ import annotations

from importlib import resources
from importlib.resources.abc import Traversable


def rule_packs() -> Traversable:
    """The folder of Acme's rule packs (one pack per ``<name>.yaml``)."""
    return resources.files(__name__) / "rules"


def tone_model_da() -> Traversable:
    """Acme's Danish tone model (a postcraft tone model JSON file)."""
    return resources.files(__name__) / "models" / "acme-da.json"
