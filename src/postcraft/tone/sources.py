"""Tone models by name or path: the plugin models of installed packages (entry points
``postcraft.models``, found by :mod:`postcraft.registry`), model files, and per-language choices.

>>> resolve_tone_model(None) is None
True
"""

from __future__ import annotations

import json
import os
import threading
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from .. import registry
from ..errors import ConfigError
from .model import ToneModel, load_model

_lock = threading.Lock()
#: name → (the source it was loaded from, the model or the error it raised); a source read
#: anew (after :func:`postcraft.registry.clear_cache`) is loaded anew. A broken model is not
#: read again on every request (the language server asks on every keystroke).
_loaded: dict[str, tuple[object, ToneModel | ConfigError]] = {}


def load_tone_model(name: str) -> ToneModel:
    """Load the plugin tone model ``name`` (e.g. ``"acme-da"``), once per process.

    Raises :class:`~postcraft.registry.PluginError` when the model's plugin is broken (it is
    then also reported once, see :func:`postcraft.registry.problems`) and
    :class:`ConfigError` when no installed plugin provides ``name``.

    >>> load_tone_model("no-such-model")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    postcraft.errors.ConfigError: no installed plugin provides the tone model 'no-such-model'...
    """
    hit = registry.tone_model_entry(name)
    cached = _loaded.get(name)
    if cached is not None and hit is not None and cached[0] is hit[0]:
        if isinstance(cached[1], ConfigError):
            raise cached[1]
        return cached[1]
    if hit is None:
        problem = registry.problem(registry.MODELS_GROUP, name)
        if problem is not None:
            raise problem.error(f"the tone model {name!r} was asked for")
        names = ", ".join(sorted(registry.tone_models())) or "none is installed"
        raise ConfigError(
            f"no installed plugin provides the tone model {name!r} (plugin models: {names}); "
            "give a model file path or install the plugin"
        )
    src, entry = hit
    try:
        try:
            if isinstance(src, Mapping):
                model = ToneModel.from_dict(dict(src), source=f"plugin model {name}")
            else:
                data = json.loads(src.read_text("utf-8"))
                if not isinstance(data, dict):
                    raise ConfigError("a tone model file holds a JSON object", path=str(src))
                model = ToneModel.from_dict(data, source=str(src))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise registry.broken(
                entry, f"its tone model {name!r} cannot be read ({exc})", str(src)
            ) from None
        except ConfigError as exc:
            raise registry.broken(
                entry,
                f"its tone model {name!r} is not valid: {exc}",
                None if isinstance(src, Mapping) else str(src),
            ) from None
    except ConfigError as exc:
        with _lock:
            _loaded[name] = (src, exc)
        raise
    with _lock:
        _loaded[name] = (src, model)
    return model


def resolve_tone_model(spec: Any, *, base: str | os.PathLike[str] | None = None) -> Any:
    """Turn a tone-model setting into what :func:`postcraft.tone.score_analysis` takes.

    ``spec`` is ``None`` (built-in), a plugin model name (``"acme-da"``), a path to a model
    JSON file (relative paths are taken from ``base``), a model dict (``{"format": …}``), or
    ``{"da": …, "en": …}`` with any of those per language.

    >>> resolve_tone_model(None) is None
    True
    """
    if spec is None:
        return None
    if isinstance(spec, Mapping):
        if "format" in spec:
            return spec
        return {str(k): resolve_tone_model(v, base=base) for k, v in spec.items()}
    if isinstance(spec, str) and registry.NAME_RE.fullmatch(spec) and spec in registry.tone_models():
        return load_tone_model(spec)
    path = Path(os.fspath(spec)).expanduser()
    if base is not None and not path.is_absolute():
        path = Path(base) / path
    if isinstance(spec, str) and not path.exists() and registry.NAME_RE.fullmatch(spec):
        return load_tone_model(spec)  # raises: neither a file nor a plugin model
    return load_model(path)
