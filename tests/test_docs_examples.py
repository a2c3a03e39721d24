"""Every ```python block in README.md and docs/*.md runs as written, in a fresh namespace with the
repository root as the working directory. A block that is deliberately a fragment says so with
```python no-run (keep them few). Blocks still broken are listed in BROKEN and fail strictly:
fixing one makes its xfail an error until it is taken off the list."""

from __future__ import annotations

import os
import re

import pytest

from conftest import ROOT

FILES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
_BLOCK = re.compile(r"^```python([^\n]*)\n(.*?)^```", re.S | re.M)


def _blocks() -> list[tuple[str, str, str]]:
    out = []
    for path in FILES:
        text = path.read_text("utf-8")
        for m in _BLOCK.finditer(text):
            line = text[: m.start()].count("\n") + 1
            out.append((f"{path.relative_to(ROOT).as_posix()}:{line}", m.group(1).strip(), m.group(2)))
    return out


BLOCKS = _blocks()

#: Blocks that do not run yet (issue 18, part B: left to do), by file and first line.
BROKEN = {
    "docs/amplification.md:21",
    "docs/guidelines.md:10",
    "docs/guidelines.md:443",
    "docs/insights.md:14",
    "docs/json.md:274",
    "docs/plugins.md:327",
    "docs/programme.md:8",
    "docs/roster.md:6",
    "docs/scale.md:41",
    "docs/scale.md:185",
    "docs/scale.md:219",
    "docs/tags.md:8",
    "docs/tone.md:6",
    "docs/tone.md:82",
    "docs/voice.md:7",
}


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
    exec(compile(code, where, "exec"), {"__name__": "__docs__"})


def test_broken_list_names_real_blocks() -> None:
    assert BROKEN <= {b[0] for b in BLOCKS}
    assert os.path.isdir(ROOT / "examples")
