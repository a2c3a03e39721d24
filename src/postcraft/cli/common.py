"""Options shared by the ``postcraft`` commands, declared once, and small helpers for printing."""

from __future__ import annotations

import argparse
import gc
import sys
from collections.abc import Sequence
from typing import Any

from ..langs import SUPPORTED, from_locale

# A command that reviews drafts first loads what every draft shares (rule packs, vocabularies,
# models: most of the objects of a run), and the cyclic garbage collector would walk those
# again and again meanwhile to free nothing: about 7 of a cold ``postcraft review``'s 120 ms.
# ``main`` pauses it for such a command until the second draft (a one-draft run ends first).
_gc_paused = False


def pause_gc() -> None:
    """Switch the cyclic garbage collector off until :func:`resume_gc` (if it was on)."""
    global _gc_paused
    if gc.isenabled():
        gc.disable()
        _gc_paused = True


def resume_gc() -> None:
    """Switch the garbage collector on again if :func:`pause_gc` switched it off."""
    global _gc_paused
    if _gc_paused:
        _gc_paused = False
        gc.enable()


def add_file(p: argparse.ArgumentParser, *, optional: bool = False, stdin: bool = True) -> None:
    """The draft ``FILE`` argument (``-`` for standard input when ``stdin``)."""
    help = "draft file (UTF-8), or - for standard input" if stdin else "draft file (UTF-8)"
    p.add_argument("file", metavar="FILE", nargs="?" if optional else None, help=help)


def add_lang(p: argparse.ArgumentParser, help: str = "skip language detection") -> None:
    """``--lang`` with the supported languages."""
    p.add_argument("--lang", choices=SUPPORTED, default=None, help=help)


def add_format(p: argparse.ArgumentParser, choices: Sequence[str] = ("text", "json")) -> None:
    """``--format`` with ``choices`` (the first is the default)."""
    p.add_argument("--format", choices=tuple(choices), default=choices[0], help="output format")


def add_guidelines(p: argparse.ArgumentParser, help: str = "guideline file (YAML)") -> None:
    """``--guidelines FILE``."""
    p.add_argument("--guidelines", metavar="FILE", default=None, help=help)


def add_roster(p: argparse.ArgumentParser, help: str = "roster file (YAML or CSV)") -> None:
    """``--roster FILE``."""
    p.add_argument("--roster", metavar="FILE", default=None, help=help)


def add_disable(p: argparse.ArgumentParser) -> None:
    """``--disable ID`` (repeatable, or comma-separated)."""
    p.add_argument(
        "--disable",
        metavar="ID",
        action="append",
        default=None,
        help="switch rules off by id or id prefix (repeat, or separate with commas)",
    )


def disable_list(values: Sequence[str] | None) -> list[str]:
    """``["a,b", "c"]`` → ``["a", "b", "c"]``."""
    out: list[str] = []
    for v in values or ():
        out.extend(x.strip() for x in v.split(",") if x.strip())
    return out


def write(text: str) -> None:
    """Write ``text`` to standard output."""
    sys.stdout.write(text)


def write_json(result: Any) -> None:
    """Write a result (``to_dict()``) or plain data as JSON to standard output."""
    from ..formats.json import dumps

    sys.stdout.write(dumps(result))


def add_ui_lang(p: argparse.ArgumentParser, *, default: object = argparse.SUPPRESS) -> None:
    """``--ui-lang`` (every command): the language of postcraft's own words, not of the draft."""
    from ..formats import ui

    p.add_argument(
        "--ui-lang",
        choices=SUPPORTED,
        default=default,
        metavar="LANG",
        help=ui.text(from_locale(), "cli.ui_lang_help") + f" ({', '.join(SUPPORTED)})",
    )


def ui_lang(args: argparse.Namespace, draft: str | None = None) -> str:
    """The language of postcraft's own words: ``--ui-lang``, else the draft's language (a review's
    report), else the locale (``LC_ALL``, ``LC_MESSAGES``, ``LANG``)."""
    return getattr(args, "ui_lang", None) or draft or from_locale()


def say(args: argparse.Namespace, key: str, **values: Any) -> str:
    """The command line's message ``key`` (``formats/data/ui.json``) in the user's language."""
    from ..formats import ui

    return ui.text(ui_lang(args), key, **values)
