"""The ``postcraft`` command line. It presents results; it decides nothing.

Exit codes: 0 no error-level finding; 1 at least one; 2 bad usage or unreadable input.
A warning (:class:`~postcraft.errors.PostcraftWarning`, e.g. a broken plugin that was skipped)
is one ``postcraft: …`` line on standard error; it does not change the exit code.
"""

from __future__ import annotations

import argparse
import sys
import warnings
from collections.abc import Callable, Sequence
from importlib import import_module
from typing import Any

from .._version import __version__
from ..errors import PostcraftError, PostcraftWarning
from ..langs import SUPPORTED, listing, resolve
from .common import add_ui_lang, pause_gc, resume_gc, ui_lang

# One module per command: each defines ``register(subparsers) -> None`` and sets ``func`` on
# its parser with ``set_defaults(func=...)``; func(args) returns the exit code.
COMMAND_MODULES: tuple[str, ...] = (
    "postcraft.cli.review",
    "postcraft.cli.tone",
    "postcraft.cli.check",
    "postcraft.cli.config",
    "postcraft.cli.tags",
    "postcraft.cli.templates",
    "postcraft.cli.lsp",
    "postcraft.cli.insights",
    "postcraft.cli.onboard",
    "postcraft.cli.plan",
    "postcraft.cli.guide",
    "postcraft.cli.voice",
    "postcraft.cli.nudge",
    "postcraft.cli.coach",
    "postcraft.cli.celebrate",
)

# The commands each module registers (a test keeps this in step with ``register``): a command
# line that names one builds only that command's parser, so ``postcraft review`` does not import
# the other fourteen commands and what they present.
COMMANDS: dict[str, str] = {
    "review": "postcraft.cli.review",
    "train": "postcraft.cli.tone",
    "tone": "postcraft.cli.tone",
    "check": "postcraft.cli.check",
    "fix": "postcraft.cli.check",
    "config": "postcraft.cli.config",
    "tags": "postcraft.cli.tags",
    "roster": "postcraft.cli.tags",
    "templates": "postcraft.cli.templates",
    "draft": "postcraft.cli.templates",
    "lsp": "postcraft.cli.lsp",
    "insights": "postcraft.cli.insights",
    "onboard": "postcraft.cli.onboard",
    "plan": "postcraft.cli.plan",
    "guide": "postcraft.cli.guide",
    "voice": "postcraft.cli.voice",
    "nudge": "postcraft.cli.nudge",
    "coach": "postcraft.cli.coach",
    "celebrate": "postcraft.cli.celebrate",
}


def _named_command(argv: Sequence[str] | None) -> str | None:
    """The module of the command ``argv`` names (the first word that is not an option), if any."""
    args = list(sys.argv[1:] if argv is None else argv)
    k = 0
    while k < len(args):
        arg = args[k]
        if arg == "--":
            return None
        if arg.startswith("-"):
            k += 2 if arg == "--ui-lang" else 1
            continue
        module = COMMANDS.get(arg)
        return module if module in COMMAND_MODULES else None
    return None


def build_parser(argv: Sequence[str] | None = None, *, only_named: bool = False) -> argparse.ArgumentParser:
    """The command-line parser; with ``only_named``, only the command ``argv`` names is registered
    (all of them when it names none, e.g. for ``postcraft --help``)."""
    parser = argparse.ArgumentParser(
        prog="postcraft",
        description=f"Review LinkedIn drafts for employee advocacy, in {listing()}.",
    )
    parser.add_argument("--version", action="version", version=f"postcraft {__version__}")
    add_ui_lang(parser, default=None)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    named = _named_command(argv) if only_named else None
    for name in (named,) if named else COMMAND_MODULES:
        import_module(name).register(sub)
    for command in dict.fromkeys(sub.choices.values()):  # an alias is the same parser
        add_ui_lang(command)
    return parser


#: The commands that review drafts through :func:`postcraft.cli.files.run`, which runs the
#: garbage collector again from the second draft on (see :func:`postcraft.cli.common.pause_gc`).
PAUSE_GC: tuple[str, ...] = ("postcraft.cli.review", "postcraft.cli.check")


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``postcraft`` console script."""
    if _named_command(argv) in PAUSE_GC:
        pause_gc()
    try:
        return _main(argv)
    finally:
        # A caller that passes ``argv`` goes on (a test, a program): its collector runs again.
        # The console script (no ``argv``) exits now: switching it on would only make it walk
        # every object once more on the way out (about 5 ms).
        if argv is not None:
            resume_gc()


def console() -> int:
    """The ``postcraft`` console script and ``python -m postcraft.cli``: :func:`main` with the
    process's own arguments, and then, after ``review`` or ``check``, the end of the process.

    Such a process holds the rule packs, vocabularies and models by then, and the usual ending
    frees every object one by one after a last garbage collection: about 16 ms of a cold
    ``postcraft review`` of 115 ms, with nothing to show for it. So once standard output and
    error are flushed, the process ends at once (``os._exit``) with the exit code. It ends the
    usual way when anything may still need that ending: another thread runs, an ``atexit``
    function is registered (coverage, logging …) or flushing failed (a closed pipe is then
    reported as before)."""
    code = main()
    if _named_command(None) in PAUSE_GC:
        _end_now(code)
    return code


def _end_now(code: int) -> None:
    import atexit
    import os
    import threading

    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except Exception:  # the usual ending says what went wrong
        return
    registered = getattr(atexit, "_ncallbacks", None)
    if registered is None or registered() or threading.active_count() > 1:
        return
    os._exit(code)


def _main(argv: Sequence[str] | None) -> int:
    parser = build_parser(argv, only_named=True)
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse exits 2 on bad usage, 0 on --help/--version
        return int(exc.code or 0)
    func: Callable[[argparse.Namespace], int] | None = getattr(args, "func", None)
    if func is None:
        parser.print_help(sys.stderr)
        return 2
    try:
        with warnings.catch_warnings():
            warnings.showwarning = _show_warning(warnings.showwarning)
            return func(args)
    except PostcraftError as exc:
        print(f"postcraft: {reworded(exc, ui_lang(args))}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0


def reworded(exc: PostcraftError, lang: str) -> str:
    """An error from the library as the command line says it, in ``lang``: flags (``--lang da``),
    not Python arguments (``lang='da'``); a template's missing fields by name, with the fields' help.

    >>> from postcraft.errors import UnsupportedLanguageError
    >>> reworded(UnsupportedLanguageError("de"), "en")
    'postcraft supports da and en, but this text looks like German (de). Use --lang da or --lang en if that is wrong.'
    """
    from ..errors import UnsupportedLanguageError
    from ..formats import ui
    from ..templates.errors import FieldError

    language = resolve(lang)
    flags = f" {ui.text(lang, 'or')} ".join(f"--lang {code}" for code in SUPPORTED)
    if isinstance(exc, UnsupportedLanguageError):
        return ui.text(
            lang,
            "cli.unsupported",
            languages=language.join(list(SUPPORTED)),
            language=_english_name(exc.lang),
            code=exc.lang,
            flags=flags,
        )
    if isinstance(exc, FieldError):
        template = repr(exc.template_id)
        others = [p for p in exc.problems if not p.startswith("missing required field")]
        lines = []
        if exc.missing:
            n = len(exc.missing)
            lines.append(
                ui.text(
                    lang,
                    "cli.missing_fields",
                    template=template,
                    field_word=ui.word(lang, n, "field_definite"),
                    names=language.join(list(exc.missing)),
                    them=ui.word(lang, n, "it"),
                )
            )
        if others:
            lines.append(ui.text(lang, "cli.field_problems", template=template, problems="; ".join(others)))
        lines.append(ui.text(lang, "cli.fields_head" if exc.fields else "cli.no_fields"))
        for f in exc.fields:
            key = (
                "cli.field_required"
                if f.required
                else "cli.field_optional"
                if f.default
                else "cli.field_optional_empty"
            )
            lines.append(
                ui.text(
                    lang,
                    key,
                    name=f.name,
                    description=f.description,
                    example=f.example,
                    default=f.default,
                )
            )
        return "\n".join(lines)
    return str(exc)


def _english_name(code: str) -> str:
    from ..langs import language_name

    return language_name(code)


def _show_warning(previous: Callable[..., None]) -> Callable[..., None]:
    """Show a :class:`PostcraftWarning` as one line on standard error, others as before."""

    def show(
        message: Warning | str,
        category: type[Warning],
        filename: str,
        lineno: int,
        file: Any = None,
        line: str | None = None,
    ) -> None:
        if issubclass(category, PostcraftWarning):
            print(f"postcraft: {message}", file=sys.stderr)
        else:
            previous(message, category, filename, lineno, file, line)

    return show


if __name__ == "__main__":
    sys.exit(console())
