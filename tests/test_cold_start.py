"""What a cold ``postcraft review`` leaves for later: the built-in packs' patterns are compiled
when first run, and behave exactly as when compiled at load time."""

from __future__ import annotations

import pickle
from pathlib import Path
from typing import Any

import pytest
import regex

from conftest import ROOT
from postcraft.errors import ConfigError
from postcraft.rules import load_guidelines
from postcraft.rules.guidelines import compile_guidelines
from postcraft.rules.matching import LazyPattern, Matcher


def _matchers(g: object) -> list[Matcher]:
    seen: dict[int, Matcher] = {}
    for rule in g.rules:  # type: ignore[attr-defined]
        for value in vars(rule).values():
            for m in value if isinstance(value, (list, tuple)) else (value,):
                if isinstance(m, Matcher):
                    seen[id(m)] = m
    return list(seen.values())


def test_every_builtin_pattern_compiles_and_is_compiled_lazily() -> None:
    patterns = [p for m in _matchers(load_guidelines(None)) for p in m.patterns]
    assert len(patterns) >= 15
    for compiled, source, _, _ in patterns:
        assert isinstance(compiled, LazyPattern) and compiled.pattern == source
        eager = regex.compile(source, compiled._flags)
        assert compiled.compiled().pattern == eager.pattern and compiled.flags == eager.flags


def test_a_lazy_pattern_finds_what_the_compiled_one_does() -> None:
    lazy = LazyPattern(r"\b(?:comment|type)\s+(?:below|yes)\b", regex.V0 | regex.IGNORECASE)
    text = "Comment below! Or type yes. Or comment  BELOW."
    eager = regex.compile(lazy.pattern, regex.V0 | regex.IGNORECASE)
    assert [m.span() for m in lazy.finditer(text)] == [m.span() for m in eager.finditer(text)]
    assert [m.span() for m in lazy.finditer(text, timeout=1.0)] == [m.span() for m in eager.finditer(text)]
    again = pickle.loads(pickle.dumps(lazy))
    assert again.pattern == lazy.pattern and again.flags == lazy.flags
    assert [m.span() for m in again.finditer(text)] == [m.span() for m in eager.finditer(text)]
    assert lazy.search(text).span() == eager.search(text).span() and lazy.groups == eager.groups
    assert "finditer" in vars(lazy)  # kept once read
    fresh = pickle.loads(pickle.dumps(lazy))  # a copy is compiled again when used
    assert fresh._compiled is None and "finditer" not in vars(fresh)
    unused = LazyPattern("(unclosed")  # compiled only when used
    with pytest.raises(regex.error):
        unused.search("x")


def test_an_organisations_bad_pattern_still_fails_when_loaded() -> None:
    data = {
        "rules": [
            {
                "id": "acme.bad",
                "kind": "existence",
                "patterns": ["(unclosed"],
                "message": "x",
                "severity": "warning",
            }
        ]
    }
    with pytest.raises(ConfigError, match="does not compile"):
        compile_guidelines(data, None)


def test_the_prefilter_table_is_in_step_and_gives_what_needs_gives() -> None:
    import importlib.util
    import json

    from postcraft.rules import prefilter
    from postcraft.yamlsrc import package_data

    spec = importlib.util.spec_from_file_location("precompile_data", ROOT / "scripts" / "precompile_data.py")
    assert spec is not None and spec.loader is not None
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    path, text = script.prefilter_table()
    assert path.read_text("utf-8") == text, "run python scripts/precompile_data.py"
    table = json.loads(package_data("postcraft.rules", prefilter.TABLE))["needs"]
    assert len(table) >= 20
    prefilter._table.cache_clear()
    for pattern, expected in table.items():
        assert prefilter.cached_needs(pattern) == prefilter.needs(pattern)
        assert prefilter.needs(pattern) == (tuple(expected) if expected is not None else None)
    assert prefilter._table(), "the table is in use"


def test_a_prefilter_table_from_other_code_is_ignored(monkeypatch: pytest.MonkeyPatch) -> None:
    from postcraft.rules import prefilter

    pattern = next(iter(prefilter._table()))
    monkeypatch.setattr(prefilter, "table_key", lambda: {"code": "0:00000000", "unicode": "0"})
    prefilter._table.cache_clear()
    try:
        assert prefilter._table() == {}
        assert prefilter.cached_needs(pattern) == prefilter.needs(pattern)
        assert prefilter.cached_needs("(?:synergy|leverage) now") == ("synergy", "leverage")
    finally:
        monkeypatch.undo()
        prefilter._table.cache_clear()


def test_review_pauses_the_collector_for_the_first_draft_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import gc

    from postcraft import pipeline
    from postcraft.cli import main

    for name in ("a.txt", "b.txt", "c.txt"):
        (tmp_path / name).write_text("I spent today with our new apprentices.\n", "utf-8")
    seen: list[bool] = []
    real = pipeline.review

    def spy(*args: Any, **kwargs: Any) -> Any:
        seen.append(gc.isenabled())
        return real(*args, **kwargs)

    monkeypatch.setattr("postcraft.cli.review.review", spy)
    assert gc.isenabled()
    main(["review", str(tmp_path / "a.txt"), str(tmp_path / "b.txt"), str(tmp_path / "c.txt"), "--quiet"])
    assert seen == [False, True, True]
    assert gc.isenabled(), "a caller that passes argv gets its collector back"
    seen.clear()
    main(["templates", "--lang", "en"])  # not a reviewing command: nothing paused
    assert gc.isenabled()


def test_a_failing_review_gives_the_collector_back(tmp_path: Path) -> None:
    import gc

    from postcraft.cli import main

    assert main(["review", str(tmp_path / "missing.txt")]) == 2
    assert gc.isenabled()


#: What a cold ``postcraft review`` of a plain draft (no organisation file, no roster, text
#: output) has no use for, and so does not import: each of these cost it time before.
NOT_ON_THE_REVIEW_PATH = (
    "yaml",  # the built-in data is read from its JSON twins
    "importlib.metadata",  # no plugin is installed here
    "importlib.resources",  # built-in data is found without it
    "tempfile",
    "decimal",  # rules.figures: only for an organisation's figures
    "difflib",  # only for messages about mistakes
    "csv",  # only for a CSV roster
    "postcraft.rules.figures",
    "postcraft.rules.markers",  # only for a draft with a marker
    "postcraft.templates.model",
    "postcraft.formats.html",
    "postcraft.formats.json",
)


def test_a_cold_review_imports_only_what_it_uses(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    draft = tmp_path / "post.txt"
    draft.write_text("I spent today with our new apprentices. #GreenTransition @Mette Hansen\n", "utf-8")
    code = (
        "import sys, io\nfrom postcraft.cli import main\nout = sys.stdout; sys.stdout = io.StringIO()\n"
        "main(['review', sys.argv[1]])\nsys.stdout = out\n"
        f"print(sorted(m for m in {NOT_ON_THE_REVIEW_PATH!r} if m in sys.modules))\n"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    proc = subprocess.run(
        [sys.executable, "-c", code, str(draft)], capture_output=True, text=True, env=env, timeout=120
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "[]"


def _run(code: str, *args: str) -> Any:
    import os
    import subprocess
    import sys

    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    return subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, env=env, timeout=120
    )


def test_the_console_script_ends_with_mains_output_and_exit_code(tmp_path: Path) -> None:
    import contextlib
    import io

    from postcraft.cli import main

    draft = tmp_path / "post.txt"
    draft.write_text("Stor dag i dag 🎉 #grønomstilling\n", "utf-8")  # one suggestion
    for argv in (
        ["review", str(draft)],
        ["check", str(draft), "--fail-on", "suggestion"],
        ["review", str(draft), "--format", "json"],
    ):
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            expected = main(argv)
        got = _run(
            "import sys; from postcraft.cli import console; sys.exit(console())",
            *argv,
        )
        assert (got.returncode, got.stdout) == (expected, out.getvalue()), got.stderr
    assert expected == 0 and main(["check", str(draft), "--fail-on", "suggestion"]) == 1


def test_the_console_script_ends_the_usual_way_when_something_waits_for_it(tmp_path: Path) -> None:
    draft = tmp_path / "post.txt"
    draft.write_text("I spent today with our new apprentices.\n", "utf-8")
    with_atexit = (
        "import atexit, sys\natexit.register(lambda: print('atexit ran', file=sys.stderr))\n"
        "from postcraft.cli import console\nsys.exit(console())\n"
    )
    got = _run(with_atexit, "review", str(draft))
    assert got.returncode == 0 and "atexit ran" in got.stderr and "Language: en" in got.stdout
    with_thread = (
        "import sys, threading, time\n"
        "threading.Thread(target=lambda: (time.sleep(0.3), print('thread done', file=sys.stderr))).start()\n"
        "from postcraft.cli import console\nsys.exit(console())\n"
    )
    got = _run(with_thread, "review", str(draft))
    assert got.returncode == 0 and "thread done" in got.stderr
