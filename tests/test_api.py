"""The public API stays callable whatever submodules are imported."""

from __future__ import annotations

import subprocess
import sys


def test_functions_named_like_submodules_are_not_shadowed() -> None:
    code = (
        "import postcraft, importlib\n"
        "for m in ('postcraft.review', 'postcraft.cli', 'postcraft.tone', 'postcraft.analysis'):\n"
        "    importlib.import_module(m)\n"
        "assert callable(postcraft.review), postcraft.review\n"
        "print('ok')\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert proc.stdout.strip() == "ok", proc.stderr


def test_public_names_resolve() -> None:
    import postcraft

    for name in postcraft.__all__:
        assert getattr(postcraft, name) is not None, name
