"""Run a Python script in a fresh interpreter against the postcraft under test, with a time limit."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import postcraft

SRC = str(Path(postcraft.__file__).resolve().parents[1])


def run_script(
    tmp: Path, source: str, *, timeout: float = 90, name: str = "script.py"
) -> subprocess.CompletedProcess[str]:
    """Write ``source`` to ``tmp/name`` and run it; a script that outlives ``timeout`` fails the test
    (it is killed, with its children)."""
    script = tmp / name
    script.write_text(textwrap.dedent(source), "utf-8")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([SRC, str(tmp)])}
    proc = subprocess.Popen(
        [sys.executable, str(script)],
        cwd=tmp,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    try:
        out, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, 9)
        out, err = proc.communicate()
        raise AssertionError(f"the script still ran after {timeout} s (a hang):\n{err[-2000:]}") from None
    return subprocess.CompletedProcess(proc.args, proc.returncode, out, err)


def run_cli(
    tmp: Path, *argv: str, timeout: float = 30, env: dict[str, str] | None = None, memory_mb: int = 1024
) -> subprocess.CompletedProcess[str]:
    """``postcraft ARGV`` in ``tmp`` with its address space capped at ``memory_mb`` (so a version
    that reads without a bound fails fast instead of eating the machine's memory)."""
    import resource

    def cap() -> None:
        limit = memory_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))

    full_env = {**os.environ, "PYTHONPATH": SRC, **(env or {})}
    code = "import sys; from postcraft.cli import main; sys.exit(main(sys.argv[1:]))"
    proc = subprocess.Popen(
        [sys.executable, "-c", code, *argv],
        cwd=tmp,
        env=full_env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
        preexec_fn=cap,
    )
    try:
        out, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, 9)
        out, err = proc.communicate()
        raise AssertionError(f"postcraft {' '.join(argv)} still ran after {timeout} s (a hang)") from None
    return subprocess.CompletedProcess(proc.args, proc.returncode, out, err)
