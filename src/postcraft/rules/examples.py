"""Run the examples every rule carries: texts that must trigger it and texts that must not.

Each rule's ``examples`` look like::

    examples:
      guidelines: {organisation: {name: Contoso, programme: agreed}}   # optional settings
      trigger:
        da: ["…", {text: "…", repeat: 40, tone: corporate}, {text: "…", colleagues: [Mette Hansen]}]
        en: ["…"]
      pass:
        da: ["…"]
        en: ["…"]

``colleagues`` stand in for the roster colleagues who agreed to be tagged (what a review with a
roster passes to the rules). The built-in packs are tested with :func:`run_pack_examples`; an organisation can test the
rules of its own file with :func:`run_file_examples` (``postcraft check --test-guidelines``).
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from ..analysis import analyze
from ..errors import ConfigError
from ..langs import SUPPORTED, per_lang_example
from ..registry import BUILTIN_PACKS
from ..yamlsrc import LineDict, load_yaml
from .engine import check_analysis
from .guidelines import compile_guidelines, pack_specs


@dataclass(frozen=True)
class Tone:
    """A stand-in tone score for examples (``tone: corporate`` in an example)."""

    label: str
    personal: float


_TONES = {"personal": 0.85, "mixed": 0.5, "corporate": 0.15}


@dataclass(frozen=True)
class Example:
    """One example of one rule."""

    rule: str
    expect: str  # "trigger" or "pass"
    lang: str
    text: str
    settings: Mapping[str, Any]
    tone: Tone | None
    line: int | None
    colleagues: tuple[str, ...] = ()


@dataclass(frozen=True)
class ExampleResult:
    """The outcome of one example: ``ok`` and the rule ids that fired."""

    example: Example
    ok: bool
    fired: tuple[str, ...]

    def describe(self) -> str:
        """One line for a report."""
        e = self.example
        verb = "should trigger" if e.expect == "trigger" else "should not trigger"
        return f"{e.rule} ({e.lang}) {verb}: {e.text[:70]!r} — fired: {', '.join(self.fired) or 'nothing'}"


def iter_examples(spec: Mapping[str, Any], path: str | None = None) -> Iterator[Example]:
    """The examples of one rule (raises ConfigError when they are malformed)."""
    rid = str(spec.get("id"))
    ex = spec.get("examples")
    line = getattr(spec, "line", None)
    if not isinstance(ex, dict):
        return
    settings = ex.get("guidelines", {})
    for expect in ("trigger", "pass"):
        block = ex.get(expect, {})
        if isinstance(block, list):
            block = (
                {lang: block for lang in spec.get("lang", SUPPORTED)}
                if not isinstance(spec.get("lang"), str)
                else {spec["lang"]: block}
            )
        if not isinstance(block, dict):
            raise ConfigError(
                f"examples.{expect} of rule {rid!r} must be a list or {per_lang_example('[…]')}",
                path=path,
                line=line,
            )
        for lang, items in block.items():
            if lang not in SUPPORTED or not isinstance(items, list):
                raise ConfigError(
                    f"examples.{expect} of rule {rid!r} must map {'/'.join(SUPPORTED)} to lists",
                    path=path,
                    line=line,
                )
            for k, item in enumerate(items):
                iline = items.line_of(k) if hasattr(items, "line_of") else line
                tone: Tone | None = None
                colleagues: tuple[str, ...] = ()
                if isinstance(item, str):
                    text = item
                elif isinstance(item, dict) and isinstance(item.get("text"), str):
                    text = item["text"] * int(item.get("repeat", 1))
                    t = item.get("tone")
                    if isinstance(t, str):
                        tone = Tone(t, _TONES.get(t, 0.5))
                    elif isinstance(t, dict):
                        tone = Tone(str(t.get("label")), float(t.get("personal", 0.5)))
                    c = item.get("colleagues", [])
                    if not isinstance(c, list):
                        raise ConfigError(
                            f"'colleagues' of an example of rule {rid!r} must be a list of names",
                            path=path,
                            line=iline,
                        )
                    colleagues = tuple(str(x) for x in c)
                else:
                    raise ConfigError(
                        f"an example of rule {rid!r} must be text or {{text: …}}", path=path, line=iline
                    )
                yield Example(rid, expect, lang, text, settings, tone, iline, colleagues)


def _run(examples: list[Example], base: Mapping[str, Any]) -> list[ExampleResult]:
    cache: dict[int, Any] = {}
    out: list[ExampleResult] = []
    for e in examples:
        key = id(e.settings)
        g = cache.get(key)
        if g is None:
            data = LineDict(base)
            data.update(e.settings)
            g = cache[key] = compile_guidelines(data, None)
        found = check_analysis(analyze(e.text, lang=e.lang), g, tone=e.tone, colleagues=e.colleagues)
        fired = tuple(sorted({f.rule for f in found}))
        hit = e.rule in fired
        out.append(ExampleResult(e, hit if e.expect == "trigger" else not hit, fired))
    return out


def pack_examples(pack: str) -> dict[str, list[Example]]:
    """Every rule id of a built-in pack with its examples (an empty list when it has none)."""
    path, specs = pack_specs(pack)
    return {str(s["id"]): list(iter_examples(s, path)) for s in specs}


def run_pack_examples(pack: str) -> list[ExampleResult]:
    """Run the examples of a built-in pack, each rule with its pack alone plus its settings."""
    examples = [e for exs in pack_examples(pack).values() for e in exs]
    return _run(examples, {"extends": [pack]})


def run_file_examples(path: str | os.PathLike[str]) -> list[ExampleResult]:
    """Run the examples of the organisation's own rules in a guideline file."""
    text = open(path, encoding="utf-8-sig").read()
    data = load_yaml(text, str(path)) or LineDict()
    compile_guidelines(data, str(path))  # validate first
    examples = [e for s in data.get("rules", []) for e in iter_examples(s, str(path))]
    return _run(examples, data)


__all__ = [
    "BUILTIN_PACKS",
    "Example",
    "ExampleResult",
    "pack_examples",
    "run_file_examples",
    "run_pack_examples",
]
