"""Every ```python block in README.md and docs/*.md runs as written, in a fresh namespace with the
repository root as the working directory. A block written as an interactive session (its first
line starts with ``>>>``) runs as a doctest, so its shown output is checked too. A block that is
deliberately a fragment says so with ```python no-run (keep them few). Blocks still broken are listed in BROKEN and fail strictly:
fixing one makes its xfail an error until it is taken off the list."""

from __future__ import annotations

import doctest
import os
import re
import textwrap

import pytest

from conftest import ROOT

FILES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
#: A fenced block, also one indented under a list item (its lines are dedented before running).
_BLOCK = re.compile(r"^([ \t]*)```python([^\n]*)\n(.*?)^\1```", re.S | re.M)


def _blocks() -> list[tuple[str, str, str]]:
    """``(where, info, code)`` per block; ``where`` is ``file#N``, the N-th Python block of the
    file (stable when text around the blocks changes)."""
    out = []
    for path in FILES:
        text = path.read_text("utf-8")
        for n, m in enumerate(_BLOCK.finditer(text), 1):
            where = f"{path.relative_to(ROOT).as_posix()}#{n}"
            out.append((where, m.group(2).strip(), textwrap.dedent(m.group(3))))
    return out


BLOCKS = _blocks()

#: Blocks that do not run yet, as ``file#N`` (each fails strictly; fixing one means removing it).
BROKEN: set[str] = set()


@pytest.mark.parametrize(
    ("where", "info", "code"),
    [
        pytest.param(*b, id=b[0], marks=[pytest.mark.xfail(strict=True)] if b[0] in BROKEN else [])
        for b in BLOCKS
        if "no-run" not in b[1].split()
    ],
)
def test_python_block_runs_as_written(
    where: str, info: str, code: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    if code.lstrip().startswith(">>>"):
        test = doctest.DocTestParser().get_doctest(code, {"__name__": "__docs__"}, where, where, 0)
        runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
        runner.run(test)
        result = runner.summarize(verbose=False)
        assert result.attempted > 0 and result.failed == 0, f"{result.failed} examples failed"
        return
    exec(compile(code, where, "exec"), {"__name__": "__docs__"})


def test_broken_list_names_real_blocks() -> None:
    assert BROKEN <= {b[0] for b in BLOCKS}
    assert os.path.isdir(ROOT / "examples")
