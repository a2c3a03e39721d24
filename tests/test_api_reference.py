"""The API reference builds with pdoc (in the ``dev`` extra) with every warning an error: each
public signature's type annotations resolve, so the reference shows types, not unresolved names."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path


def test_pdoc_builds_the_reference_without_warnings(tmp_path: Path) -> None:
    # A separate interpreter: pdoc imports every documented module and keeps global state.
    proc = subprocess.run(
        [sys.executable, "-W", "error", "-m", "pdoc", "postcraft", "-o", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert "Warn" not in proc.stderr, proc.stderr[-3000:]
    top = (tmp_path / "postcraft.html").read_text("utf-8")
    # the public names are documented on the package's page
    for name in ("review", "check", "Review", "Token", "PostcraftError"):
        assert f'id="{name}"' in top, name
    # the annotations that used to be unresolvable now show their types
    assert "Literal" in top  # Token.kind: TokenKind
    templates = (tmp_path / "postcraft" / "templates.html").read_text("utf-8")
    assert "Traversable" in templates  # folder: Folders


def test_callable_packages_keep_their_own_source_and_the_function_signature() -> None:
    # pdoc reads a module's source (TYPE_CHECKING imports, variable comments) with
    # inspect.getsource, which follows __wrapped__: a callable package must not set it.
    import inspect

    import postcraft

    for package in (postcraft.templates, postcraft.insights):
        assert not hasattr(package, "__wrapped__")
        assert inspect.getsource(package).startswith('"""'), package.__name__
    assert "lang" in inspect.signature(postcraft.templates).parameters
    assert "history" in inspect.signature(postcraft.insights).parameters
