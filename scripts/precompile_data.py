"""Write the JSON twins of postcraft's built-in YAML data files (``postcraft.yamlsrc.PRECOMPILED``),
and the table of the built-in rule packs' pattern prefilters (``rules/data/prefilters.json``).

A twin (``<name>.yaml.json`` beside the YAML) holds the same data and line numbers as the YAML,
and the fingerprint of the YAML text it was made from; :func:`postcraft.yamlsrc.load_data` reads
it in place of the YAML while that fingerprint matches (JSON parses about ten times faster, and
the command line then need not import PyYAML). Run it after editing one of those YAML files:

    python scripts/precompile_data.py           # write the twins that are missing or out of step
    python scripts/precompile_data.py --check   # exit 1 when one is (tests/test_precompiled.py does too)

A YAML file edited without running this still works: its twin is out of step and ignored. The
prefilter table is likewise ignored when ``rules/prefilter.py`` has changed since it was written,
and a pattern it does not hold is read as before (:func:`postcraft.rules.prefilter.cached_needs`).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src"
sys.path.insert(0, str(SRC))

from postcraft.yamlsrc import PRECOMPILED, precompile  # noqa: E402


def builtin_patterns() -> list[str]:
    """Every pattern whose prefilter the built-in packs ask for (with no organisation file)."""
    from postcraft.rules import prefilter
    from postcraft.rules.guidelines import compile_guidelines
    from postcraft.yamlsrc import LineDict

    seen: list[str] = []
    real = prefilter.needs

    def record(pattern: str) -> tuple[str, ...] | None:
        seen.append(pattern)
        return real(pattern)

    prefilter.needs = record  # type: ignore[assignment]
    prefilter._table.cache_clear()
    try:
        saved, prefilter.TABLE = prefilter.TABLE, "data/no-such-table.json"
        try:
            compile_guidelines(LineDict(), None)
        finally:
            prefilter.TABLE = saved
    finally:
        prefilter.needs = real
        prefilter._table.cache_clear()
    return seen


def prefilter_table() -> tuple[Path, str]:
    from postcraft.rules.prefilter import TABLE, make_table

    return SRC / "postcraft" / "rules" / TABLE, make_table(builtin_patterns())


def twin_path(package: str, resource: str) -> Path:
    return SRC.joinpath(*package.split("."), *resource.split("/")).with_name(
        resource.split("/")[-1] + ".json"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--check", action="store_true", help="write nothing; exit 1 when a twin is out of step"
    )
    args = parser.parse_args(argv)
    stale = []
    for package, resource in PRECOMPILED:
        yaml_path = SRC.joinpath(*package.split("."), *resource.split("/"))
        path = twin_path(package, resource)
        text = precompile(yaml_path.read_bytes(), f"<postcraft>/{resource}")
        if path.exists() and path.read_text("utf-8") == text:
            continue
        stale.append(path.relative_to(SRC.parent))
        if not args.check:
            path.write_text(text, "utf-8")
    path, text = prefilter_table()
    if not path.exists() or path.read_text("utf-8") != text:
        stale.append(path.relative_to(SRC.parent))
        if not args.check:
            path.write_text(text, "utf-8")
    verb = "out of step" if args.check else "written"
    for path in stale:
        print(f"{verb}: {path}")
    return 1 if args.check and stale else 0


if __name__ == "__main__":
    sys.exit(main())
