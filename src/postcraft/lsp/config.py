"""Where the language server gets guidelines, roster and tone model for a draft: the shared
resolver of :mod:`postcraft.config`, so the editor and ``postcraft check`` agree.

Two sources, merged key by key (see ``docs/plugins.md``): the editor's settings, then the
nearest ``postcraft.yaml`` (``.postcraft.yaml``, or ``[tool.postcraft]`` in ``pyproject.toml``)
from the draft's folder up to the workspace folder that holds it, which overrides them.

>>> Resolver().resolve(None).debounce_ms
150
"""

from __future__ import annotations

from ..config import (
    CONFIG_NAMES,
    DEFAULT_LANGUAGES,
    WORKSPACE_KEYS,
    WORKSPACE_ONLY,
    DocConfig,
    Origin,
    Problem,
    ProblemSeverity,
    Resolver,
    editor_settings,
)

__all__ = [
    "CONFIG_NAMES",
    "DEFAULT_LANGUAGES",
    "WORKSPACE_KEYS",
    "WORKSPACE_ONLY",
    "DocConfig",
    "Origin",
    "Problem",
    "ProblemSeverity",
    "Resolver",
    "editor_settings",
]
