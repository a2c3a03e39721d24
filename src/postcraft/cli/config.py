"""``postcraft config``: what configuration applies to a draft, and where each value comes from."""

from __future__ import annotations

import argparse
import os
from pathlib import Path
from typing import Any

from ..config import WORKSPACE_KEYS, DocConfig, Resolver
from .common import add_disable, add_format, add_guidelines, add_lang, add_roster, write, write_json
from .files import add_run_options, overrides

#: Keys whose values are paths, shown resolved against the folder they count from.
PATH_KEYS = ("guidelines", "roster", "tone_model")
_DEFAULTS = {
    "guidelines": "built-in packs",
    "roster": "none",
    "tone_model": "built-in",
    "lang": "auto",
}


def register(subparsers: Any) -> None:
    """Add ``postcraft config``."""
    p = subparsers.add_parser(
        "config",
        help="show the configuration that applies to a draft, and where each value comes from",
        description="Show what 'postcraft review' and 'postcraft check' (and the language server) use "
        "for FILE: the configuration file found upward from its folder (postcraft.yaml, .postcraft.yaml, "
        "or [tool.postcraft] in pyproject.toml), each setting with the file and line it comes from, and "
        "the mistakes in it. FILE need not exist (default: a draft in the current folder). Options "
        "override the file, as they do for review and check. Exits 2 when the configuration has an error.",
    )
    p.add_argument(
        "file", metavar="FILE", nargs="?", default=None, help="a draft path (default: ./draft.txt)"
    )
    add_guidelines(p)
    add_roster(p)
    add_lang(p)
    add_disable(p)
    add_run_options(p)
    add_format(p)
    p.set_defaults(func=cmd_config)


def _value(key: str, cfg: DocConfig) -> Any:
    if key in cfg.sources:
        raw, origin = cfg.sources[key]
        if key in PATH_KEYS and isinstance(raw, str) and origin.base is not None:
            p = Path(raw).expanduser()
            if not p.is_absolute() and (p.suffix or os.sep in raw or "/" in raw):
                return str(Path(origin.base) / p)
        if key not in ("guidelines", "roster", "tone_model"):
            return _effective(key, cfg)
        return raw
    return _DEFAULTS.get(key, _effective(key, cfg))


def _effective(key: str, cfg: DocConfig) -> Any:
    value = getattr(cfg, key, None)
    return list(value) if isinstance(value, tuple) else value


def describe(path: str, cfg: DocConfig) -> dict[str, Any]:
    """The configuration of the draft at ``path`` as data: file, settings with sources, problems."""
    settings = {}
    for key in WORKSPACE_KEYS:
        origin = cfg.sources[key][1].describe() if key in cfg.sources else "default"
        settings[key] = {"value": _value(key, cfg), "source": origin}
    return {
        "file": path,
        "config_file": cfg.config_file,
        "settings": settings,
        "problems": [
            {"severity": p.severity, "message": p.message, "path": p.path, "line": p.line}
            for p in cfg.problems
        ],
    }


def cmd_config(args: argparse.Namespace) -> int:
    """``postcraft config``."""
    path = os.path.abspath(args.file or "draft.txt")
    cfg = Resolver(overrides=overrides(args)).resolve(path)
    data = describe(args.file or "draft.txt", cfg)
    if args.format == "json":
        write_json(data)
    else:
        out = [f"draft: {data['file']}", f"configuration file: {cfg.config_file or 'none (defaults)'}"]
        width = max(len(k) for k in WORKSPACE_KEYS)
        for key, s in data["settings"].items():
            value = s["value"]
            shown = (
                ", ".join(map(str, value))
                if isinstance(value, list)
                else str(value).lower()
                if isinstance(value, bool)
                else str(value)
            )
            out.append(f"  {key:<{width}}  {shown or '(none)':<40}  {s['source']}")
        for p in cfg.problems:
            out.append(f"{p.severity}: {p.describe()}")
        write("\n".join(out) + "\n")
    return 2 if cfg.errors else 0
