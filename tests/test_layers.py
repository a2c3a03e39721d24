"""Imports point one way: faces → pipeline → capabilities → formats → analysis → base.

Every import of a postcraft module is counted, at module level or inside a function; only
imports under ``if TYPE_CHECKING:`` (type hints, never run) are left out. A module may import
its own package, any package in a lower layer, and a capability listed below it in
``CAPABILITIES``; nothing may import upwards, and no two packages may import each other.
"""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

import pytest

from conftest import ROOT

SRC = ROOT / "src" / "postcraft"

#: Top to bottom. A unit is a subpackage or a top-level module of postcraft.
LAYERS: list[tuple[str, tuple[str, ...]]] = [
    ("api", ("__init__",)),
    ("faces", ("cli", "lsp", "integrations")),
    ("pipeline", ("compare", "batch", "pipeline", "config")),
    ("capabilities", ("programme", "advocacy", "insights", "templates", "tags", "voice", "rules", "tone")),
    ("formats", ("formats",)),
    ("analysis", ("analysis",)),
    ("base", ("registry", "io", "yamlsrc", "_progress", "langs", "errors", "_version", "_regex")),
]
#: Within a layer a unit may use the ones after it (faces: the command line starts the language
#: server; capabilities: insights reads rosters and templates, tags reads guideline settings),
#: never the ones before.


def _unit(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def _rank(unit: str) -> tuple[int, int]:
    for i, (_, units) in enumerate(LAYERS):
        if unit in units:
            return i, units.index(unit)
    raise AssertionError(f"postcraft.{unit} is in no layer: add it to LAYERS in {__file__}")


def _module_name(path: Path, root: Path) -> str:
    rel = path.relative_to(root.parent).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _type_checking_lines(tree: ast.AST) -> set[int]:
    lines: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If):
            test = node.test
            name = test.attr if isinstance(test, ast.Attribute) else getattr(test, "id", "")
            if name in ("TYPE_CHECKING", "_TYPE_CHECKING"):
                for child in node.body:
                    for sub in ast.walk(child):
                        if hasattr(sub, "lineno"):
                            lines.add(sub.lineno)
    return lines


def _resolve(dotted: str, parent: str, root: Path) -> str:
    """``from parent import name``: the submodule ``parent.name`` if there is one, else ``parent``."""
    rel = Path(*dotted.split(".")[1:])
    return dotted if (root / rel).is_dir() or (root / rel).with_suffix(".py").exists() else parent


def imports(root: Path = SRC) -> dict[str, set[str]]:
    """Module → the postcraft modules it imports at run time."""
    out: dict[str, set[str]] = defaultdict(set)
    for path in root.rglob("*.py"):
        module = _module_name(path, root)
        package = module if path.name == "__init__.py" else module.rpartition(".")[0]
        tree = ast.parse(path.read_text("utf-8"))
        skip = _type_checking_lines(tree)
        for node in ast.walk(tree):
            if getattr(node, "lineno", None) in skip:
                continue
            if isinstance(node, ast.ImportFrom):
                if node.level:
                    base = package.split(".")[: len(package.split(".")) - node.level + 1]
                    target = ".".join(base + ([node.module] if node.module else []))
                else:
                    target = node.module or ""
                names = [_resolve(f"{target}.{a.name}", target, root) for a in node.names]
            elif isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            else:
                continue
            for name in names:
                if name == "postcraft" or name.startswith("postcraft."):
                    out[module].add(name)
    return out


def test_every_package_has_a_layer() -> None:
    for path in SRC.iterdir():
        if path.name.startswith(".") or path.name in ("py.typed", "__pycache__"):
            continue
        if path.is_dir() or path.suffix == ".py":
            _rank(path.stem if path.suffix else path.name)


def upward(root: Path = SRC) -> list[str]:
    """Every import that points up or sideways."""
    wrong = []
    for module, targets in sorted(imports(root).items()):
        src = _unit(module)
        for target in sorted(targets):
            dst = _unit(target)
            if dst == src or target == "postcraft" and src == "__init__":
                continue
            if _rank(dst) <= _rank(src):
                wrong.append(f"{module} imports {target}")
    return wrong


def test_imports_point_down() -> None:
    wrong = upward()
    assert not wrong, "imports that point up or sideways:\n" + "\n".join(wrong)


def test_no_import_cycle_between_packages() -> None:
    graph: dict[str, set[str]] = defaultdict(set)
    for module, targets in imports().items():
        for target in targets:
            a, b = _unit(module), _unit(target)
            if a != b:
                graph[a].add(b)

    def reaches(start: str, goal: str, seen: set[str]) -> bool:
        for nxt in graph.get(start, ()):
            if nxt == goal or (nxt not in seen and (seen.add(nxt) or reaches(nxt, goal, seen))):
                return True
        return False

    cycles = sorted(f"{a} ↔ {b}" for a in graph for b in graph[a] if reaches(b, a, set()))
    assert not cycles, cycles


@pytest.mark.parametrize(
    "package", ["tone", "rules", "tags", "templates", "insights", "analysis", "voice", "advocacy"]
)
def test_capabilities_hold_no_command_line_or_presentation(package: str) -> None:
    folder = SRC / package
    assert not (folder / "cli.py").exists()
    for path in folder.rglob("*.py"):
        text = path.read_text("utf-8")
        for word in ("argparse", "sys.stdout", "<div", "<svg"):
            assert word not in text, (
                f"{path.relative_to(SRC)} holds {word!r}: that belongs in cli/ or formats/"
            )


def test_the_check_sees_upward_imports_even_inside_functions(tmp_path: Path) -> None:
    root = tmp_path / "postcraft"
    (root / "tone").mkdir(parents=True)
    (root / "tone" / "__init__.py").write_text("from ..analysis import analyze\n")
    (root / "tone" / "late.py").write_text("def f():\n    from ..pipeline import review\n")
    (root / "tone" / "typed.py").write_text(
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from ..pipeline import Review\n"
    )
    assert upward(root) == ["postcraft.tone.late imports postcraft.pipeline"]
