"""The JSON twins of the built-in YAML data files (``postcraft.yamlsrc.load_data``): in step with
the YAML, read as the very same data and line numbers, and ignored when out of step."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import ROOT
from postcraft import yamlsrc
from postcraft.yamlsrc import PRECOMPILED, LineDict, LineList, load_data, load_yaml, package_data, precompile

SRC = ROOT / "src"


def _twin(package: str, resource: str) -> Path:
    return SRC.joinpath(*package.split("."), *resource.split("/")).with_name(
        resource.split("/")[-1] + ".json"
    )


@pytest.mark.parametrize(("package", "resource"), PRECOMPILED)
def test_every_twin_is_in_step_with_its_yaml(package: str, resource: str) -> None:
    twin = _twin(package, resource)
    assert twin.exists(), f"{twin} is missing: run python scripts/precompile_data.py"
    expected = precompile(package_data(package, resource))
    assert twin.read_text("utf-8") == expected, (
        f"{twin} is out of step: run python scripts/precompile_data.py"
    )


@pytest.mark.parametrize(("package", "resource"), PRECOMPILED)
def test_a_twin_reads_as_the_yaml_does(package: str, resource: str) -> None:
    text = package_data(package, resource).decode("utf-8")
    from_yaml = load_yaml(text, "p")
    from_twin = load_data(package, resource, "p")
    assert yamlsrc._same(from_twin, from_yaml)  # types, values, order and every line number
    assert isinstance(from_twin, LineDict)
    plain = load_data(package, resource, lines=False)
    assert yamlsrc._same(plain, yaml.safe_load(text)) and type(plain) is dict


def test_same_sees_a_different_line_number() -> None:
    a, b = load_yaml("a:\n  - x\n"), load_yaml("a:\n\n  - x\n")
    assert a == b and not yamlsrc._same(a, b)
    assert not yamlsrc._same(load_yaml("a: 1"), load_yaml("a: true")) and not yamlsrc._same(
        {"a": 1}, load_yaml("a: 1")
    )


def test_lines_survive_the_round_trip() -> None:
    text = "top:\n  - a\n  - {b: 1, c: [x, y]}\n  -\n    - deep\nother: 2.5\n"
    data = load_yaml(text)
    twin = json.loads(precompile(text.encode()))
    back = yamlsrc._with_lines(twin["data"], twin["lines"])
    assert yamlsrc._same(back, data)
    assert back["top"][1].line_of("c") == 3 and back["top"].line_of(2) == 5 and back["top"][2] == ["deep"]
    assert isinstance(back["top"][2], LineList) and back["top"][2].line == 5


def test_yaml_that_json_cannot_hold_is_refused() -> None:
    with pytest.raises(ValueError, match="JSON cannot hold"):
        precompile(b"when: 2025-01-01\n")
    with pytest.raises(ValueError, match="JSON cannot hold"):
        precompile(b"x: .nan\n")


def _package(tmp_path: Path, yaml_text: str, twin: str | None) -> str:
    name = f"twin_pkg_{abs(hash((yaml_text, twin, str(tmp_path))))}"
    pkg = tmp_path / name
    (pkg / "data").mkdir(parents=True)
    (pkg / "__init__.py").write_text("")
    (pkg / "data" / "x.yaml").write_text(yaml_text, "utf-8")
    if twin is not None:
        (pkg / "data" / "x.yaml.json").write_text(twin, "utf-8")
    sys.path.insert(0, str(tmp_path))
    return name


def test_a_twin_out_of_step_or_missing_is_ignored(tmp_path: Path) -> None:
    try:
        stale = _package(tmp_path, "a: new\n", precompile(b"a: old\n"))
        assert load_data(stale, "data/x.yaml") == {"a": "new"}
        missing = _package(tmp_path, "a: only yaml\n", None)
        assert load_data(missing, "data/x.yaml") == {"a": "only yaml"}
        broken = _package(tmp_path, "a: 1\n", "{not json")
        assert load_data(broken, "data/x.yaml", lines=False) == {"a": 1}
        other_format = json.loads(precompile(b"a: 1\n"))
        other_format["format"] = 99
        other_format["data"] = {"a": 2}
        assert load_data(_package(tmp_path, "a: 1\n", json.dumps(other_format)), "data/x.yaml") == {"a": 1}
        good = _package(tmp_path, "a: 1\n", precompile(b"a: 1\n"))
        assert load_data(good, "data/x.yaml").line_of("a") == 1
        with pytest.raises(FileNotFoundError):
            load_data(good, "data/absent.yaml")
    finally:
        sys.path.remove(str(tmp_path))


def test_a_yaml_error_still_names_the_file_and_line(tmp_path: Path) -> None:
    from postcraft.errors import ConfigError

    try:
        bad = _package(tmp_path, "a: [1\n", None)
        with pytest.raises(ConfigError) as info:
            load_data(bad, "data/x.yaml", "x.yaml")
        assert info.value.path == "x.yaml"
    finally:
        sys.path.remove(str(tmp_path))


def test_script_check_passes() -> None:
    proc = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "precompile_data.py"), "--check"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
