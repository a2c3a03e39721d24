"""Shared helpers of the notebook tests: run a notebook offline in a fresh kernel, read its cells."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest


def execute(
    path: Path, tmp_path_factory: pytest.TempPathFactory, *, timeout: int, env: dict[str, str]
) -> Any:
    """Execute the notebook at ``path`` top to bottom (raises CellExecutionError naming a failing cell)."""
    import nbclient
    import nbformat

    nb = nbformat.read(path, as_version=4)
    mp = pytest.MonkeyPatch()
    mp.setenv("JUPYTER_RUNTIME_DIR", str(tmp_path_factory.mktemp("jupyter-runtime")))
    mp.setenv("JUPYTER_PLATFORM_DIRS", "1")
    for key, value in env.items():
        mp.setenv(key, value)
    try:
        client = nbclient.NotebookClient(
            nb, timeout=timeout, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}}
        )
        client.execute()
    finally:
        mp.undo()
    return nb


def assert_stored_clean(path: Path) -> None:
    """The notebook is valid, stored without outputs, and names the python3 kernel."""
    import nbformat

    nb = nbformat.read(path, as_version=4)
    nbformat.validate(nb)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert code and all(not c.outputs and c.execution_count is None for c in code)
    assert nb.metadata["kernelspec"]["name"] == "python3"


def by_tag(nb: Any) -> dict[str, Any]:
    return {c.metadata["tags"][0]: c for c in nb.cells if c.cell_type == "code" and c.metadata.get("tags")}


def html_of(cell: Any) -> str:
    return "".join(o["data"]["text/html"] for o in cell.outputs if "text/html" in o.get("data", {}))


def plain_of(cell: Any) -> str:
    return "".join(o["data"]["text/plain"] for o in cell.outputs if "text/plain" in o.get("data", {}))


def stdout_of(cell: Any) -> str:
    return "".join(
        o.get("text", "") for o in cell.outputs if o.output_type == "stream" and o.name == "stdout"
    )
