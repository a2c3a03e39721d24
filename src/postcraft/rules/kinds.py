"""The registry of rule kinds: ``kind:`` in a rule → the class that implements it."""

from __future__ import annotations

from .base import Rule
from .capitalization import CapitalizationRule
from .conditional import ConditionalRule
from .escape import EscapeRule
from .existence import ExistenceRule
from .hook import HookRule
from .metric import MetricRule
from .occurrence import OccurrenceRule
from .position import PositionRule
from .proximity import ProximityRule
from .repetition import RepetitionRule
from .substitution import SubstitutionRule
from .tone import ToneRule

KINDS: dict[str, type[Rule]] = {
    cls.kind: cls
    for cls in (
        ExistenceRule,
        SubstitutionRule,
        OccurrenceRule,
        MetricRule,
        ConditionalRule,
        PositionRule,
        CapitalizationRule,
        RepetitionRule,
        ProximityRule,
        ToneRule,
        HookRule,
        EscapeRule,
    )
}
