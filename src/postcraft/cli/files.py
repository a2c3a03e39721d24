"""Many drafts per run: turning ``FILE``/folder/glob arguments into draft files, each with the
configuration that applies to it, and writing the report of a run in every format.

A folder is searched recursively for the files its configuration's ``include`` patterns name
(default ``*.txt`` and ``*.md``), skipping hidden files and folders, ``node_modules``,
``venv``/``.venv`` and ``__pycache__``, and whatever ``exclude`` names. A file named on the
command line is checked whatever its name. A glob (``'drafts/**/*.txt'``) is expanded here, so
it works without a shell. ``-`` is standard input, reported as ``--stdin-filename`` (whose
configuration then applies) or ``<stdin>``.
"""

from __future__ import annotations

import argparse
import glob
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from fnmatch import fnmatch
from pathlib import Path
from typing import Any

from ..config import FAIL_ON, DocConfig, Resolver
from ..errors import ConfigError, InputError, PostcraftError
from ..io import read_input
from ..pipeline import is_markdown
from .common import resume_gc, say, ui_lang

#: Folders never searched (besides every hidden folder).
SKIP_DIRS = frozenset({"node_modules", "venv", "__pycache__", "site-packages"})
STDIN_NAME = "<stdin>"
MULTI_FORMATS = ("jsonl", "sarif", "github")
_RANK = {sev: i for i, sev in enumerate(FAIL_ON)}  # error 0, warning 1, suggestion 2, never 3


@dataclass(frozen=True, eq=False)
class Draft:
    """One draft of a run: ``path`` (``None``: standard input), ``name`` as reported."""

    path: str | None
    name: str


@dataclass(frozen=True, eq=False)
class FileResult:
    """What one draft gave: its findings (and review), or why it could not be checked."""

    name: str
    findings: tuple[Any, ...] = ()
    review: Any = None
    error: str | None = None
    fail_on: str = "error"

    @property
    def fails(self) -> bool:
        """True when a finding is at least as serious as ``fail_on``."""
        if self.fail_on == "never":
            return False
        limit = _RANK[self.fail_on]
        return any(_RANK.get(str(f.severity), 9) <= limit for f in self.findings)


def add_files(p: argparse.ArgumentParser) -> None:
    """``FILE …`` (files, folders, globs, ``-``) and ``--stdin-filename NAME``."""
    p.add_argument(
        "files",
        metavar="FILE",
        nargs="*",
        help="draft files, folders (searched for *.txt and *.md, or the config's 'include') or globs; "
        "- (or nothing, with --stdin-filename) reads standard input",
    )
    p.add_argument(
        "--stdin-filename",
        metavar="NAME",
        default=None,
        help="read the draft from standard input, report it as NAME and use NAME's configuration",
    )


def add_run_options(p: argparse.ArgumentParser) -> None:
    """``--fail-on``, ``--quiet`` and ``--tone-model``."""
    p.add_argument(
        "--fail-on",
        choices=FAIL_ON,
        default=None,
        help="exit 1 when a finding is at least this serious (default: error, or the config's 'fail_on'); "
        "never: always exit 0 when the drafts could be checked",
    )
    p.add_argument(
        "-q",
        "--quiet",
        action="store_true",
        help="text format: print only the finding lines and the summary (no tone, tags, fixes or help)",
    )
    p.add_argument(
        "--tone-model", metavar="FILE", default=None, help="tone model (JSON file or plugin model name)"
    )


def overrides(args: argparse.Namespace) -> dict[str, Any]:
    """The configuration the command line's flags set (``None``: not given)."""
    from .common import disable_list

    disable = disable_list(getattr(args, "disable", None))
    return {
        "guidelines": getattr(args, "guidelines", None),
        "roster": getattr(args, "roster", None),
        "lang": getattr(args, "lang", None),
        "tone_model": getattr(args, "tone_model", None),
        "fail_on": getattr(args, "fail_on", None),
        "disable": disable or None,
    }


class Configs:
    """The configuration of each draft, resolved once per configuration file."""

    def __init__(self, args: argparse.Namespace) -> None:
        self.resolver = Resolver(overrides=overrides(args))
        self._by_file: dict[str | None, DocConfig] = {}

    def for_path(self, path: str | None) -> DocConfig:
        """The configuration of the draft at ``path`` (``None``: standard input, no file)."""
        found = self.resolver.find_config(path) if path is not None else None
        key = str(found) if found is not None else None
        cfg = self._by_file.get(key)
        if cfg is None:
            cfg = self.resolver.resolve(path)
            for p in cfg.problems:
                if p.severity == "error":
                    raise ConfigError(p.message, path=p.path, line=p.line)
            for p in cfg.problems:
                print(f"postcraft: warning: {p.describe()}", file=sys.stderr)
            self._by_file[key] = cfg
        return cfg


def _excluded(path: Path, cfg: DocConfig) -> bool:
    if not cfg.exclude:
        return False
    base = Path(cfg.config_file).parent if cfg.config_file else Path.cwd()
    try:
        rel = path.resolve().relative_to(base.resolve()).as_posix()
    except ValueError:
        rel = path.as_posix()
    return any(
        fnmatch(path.name, pat) or fnmatch(rel, pat) or fnmatch(rel, pat + "/*") for pat in cfg.exclude
    )


def _walk(folder: Path, configs: Configs) -> Iterator[Path]:
    for root, dirs, names in os.walk(folder):
        here = Path(root)
        dirs[:] = sorted(
            d
            for d in dirs
            if not d.startswith(".")
            and d not in SKIP_DIRS
            and not _excluded(here / d, configs.for_path(str(here / d / "_")))
        )
        for name in sorted(names):
            if name.startswith("."):
                continue
            path = here / name
            cfg = configs.for_path(str(path))
            if any(fnmatch(name, pat) for pat in cfg.include) and not _excluded(path, cfg):
                yield path


def _display(path: Path) -> str:
    return os.path.normpath(str(path))


def expand(args: argparse.Namespace, configs: Configs) -> list[Draft]:
    """The drafts the arguments name, in order, each once."""
    names: Sequence[str] = args.files
    stdin_name = args.stdin_filename
    if not names:
        if stdin_name is None:
            raise InputError(say(args, "cli.need_files"))
        names = ["-"]
    out: list[Draft] = []
    seen: set[str] = set()

    def add(path: Path) -> None:
        key = os.path.realpath(path)
        if key not in seen:
            seen.add(key)
            out.append(Draft(str(path), _display(path)))

    for name in names:
        if name == "-":
            if any(d.path is None for d in out):
                raise InputError("standard input (-) can be read once")
            out.append(Draft(None, stdin_name or STDIN_NAME))
            continue
        p = Path(name)
        if p.is_dir():
            for f in _walk(p, configs):
                add(f)
        elif p.exists():
            add(p)
        elif glob.has_magic(name):
            hits = sorted(glob.glob(name, recursive=True))
            if not hits:
                raise InputError(f"{name}: no file matches")
            for h in hits:
                hp = Path(h)
                if hp.is_dir():
                    for f in _walk(hp, configs):
                        add(f)
                elif not hp.name.startswith("."):
                    add(hp)
        else:
            raise InputError(f"{name}: no such file")
    if stdin_name is not None and not any(d.path is None for d in out):
        raise InputError("--stdin-filename reads standard input: give - or no FILE")
    return out


def single(args: argparse.Namespace) -> bool:
    """True when the run is about one named draft (one FILE that is a file, or standard
    input): then ``--format json`` writes that draft's object as before, not a list."""
    if not args.files:
        return True
    if len(args.files) != 1:
        return False
    return args.files[0] == "-" or Path(args.files[0]).is_file()


def run(
    args: argparse.Namespace,
    work: Callable[[str, DocConfig, bool], tuple[tuple[Any, ...], Any]],
) -> tuple[list[FileResult], bool]:
    """Check every draft: ``work(text, config, markdown) -> (findings, review or None)``, where
    ``markdown`` says the draft is Markdown (by its file name, or ``--stdin-filename``). Returns
    the results and whether one could not be checked (each such draft is one line on stderr)."""
    configs = Configs(args)
    drafts = expand(args, configs)
    results: list[FileResult] = []
    failed = False
    for k, d in enumerate(drafts):
        if k == 1:
            resume_gc()  # the shared tables are loaded: collect as usual from the second draft on
        cfg = configs.for_path(d.path if d.path is not None else _stdin_path(args))
        try:
            text = read_input(d.path if d.path is not None else "-")
            findings, review = work(text, cfg, is_markdown(d.path or args.stdin_filename or d.name))
        except ConfigError:
            raise
        except PostcraftError as exc:
            from . import reworded

            msg = reworded(exc, ui_lang(args))
            shown = msg if msg.startswith(d.name) else f"{d.name}: {msg}"
            print(f"postcraft: {shown}", file=sys.stderr)
            results.append(FileResult(d.name, error=msg, fail_on=cfg.fail_on))
            failed = True
            continue
        results.append(FileResult(d.name, tuple(findings), review, None, cfg.fail_on))
    return results, failed


def _stdin_path(args: argparse.Namespace) -> str | None:
    name = args.stdin_filename
    return os.path.abspath(name) if name else None


def exit_code(results: Sequence[FileResult], failed: bool) -> int:
    """2 when a draft could not be checked, 1 when a finding reaches ``--fail-on``, else 0."""
    if failed:
        return 2
    return 1 if any(r.fails for r in results) else 0


def write_report(
    args: argparse.Namespace,
    results: Sequence[FileResult],
    *,
    with_review: bool,
    text_report: Callable[[FileResult], str],
) -> None:
    """Write the run's report in ``args.format`` to standard output."""
    from ..formats import report  # each format's module only when it is the one asked for

    fmt = args.format
    out = sys.stdout
    if fmt == "sarif":
        from ..formats import sarif

        out.write(sarif.dumps_files(results))
    elif fmt == "github":
        from ..formats import github

        out.write(github.dumps_files(results))
        out.write(report.summary_line(report.summarise(results), ui_lang(args, args.lang)) + "\n")
    elif fmt == "jsonl":
        from ..formats import jsonl

        out.write(jsonl.lines(report.file_record(r, with_review=with_review) for r in results))
    elif fmt == "json":
        from ..formats.json import dumps

        if single(args) and len(results) == 1 and results[0].error is None:
            r = results[0]
            out.write(
                dumps(
                    r.review
                    if with_review
                    else {"file": r.name, "findings": [f.to_dict() for f in r.findings]}
                )
            )
        else:
            out.write(dumps(report.files_document(results, with_review=with_review)))
    else:
        for r in results:
            if r.error is None:
                out.write(text_report(r))
        out.write(report.summary_line(report.summarise(results), ui_lang(args, args.lang)) + "\n")
