"""JSON for JavaScript clients: every span of a review also in UTF-16 units, the schema shipped in
the package, and a public namespace that holds only the public API."""

from __future__ import annotations

import json
import types
from typing import Any

import postcraft
from conftest import EXAMPLES, ROOT

TEXT = (
    "Jeg har lige haft min første uge som elev 🎉 på Rigshospitalet, og jeg er træt men glad 👋🏽.\n"
    "Tak til Mette for hjælpen 💪 – hvad gjorde jeres første uge god? Æbler, øl og ål 😅\n\n"
    + "Jeg lærte noget nyt hver dag, og jeg glæder mig til næste uge 🚀. " * 4
    + "\n\n#grønomstilling #førstedag"
)


def _u16(text: str, start: int, end: int) -> str:
    """What JavaScript's ``text.slice(start, end)`` gives, in Python."""
    return text.encode("utf-16-le", "surrogatepass")[2 * start : 2 * end].decode("utf-16-le")


def _spans(d: dict[str, Any]) -> list[tuple[str, int, int, int, int]]:
    """Every (where, start, end, utf16_start, utf16_end) in a review's JSON."""
    out = []
    fold = d["fold"]
    for k in ("desktop", "mobile"):
        out.append((f"fold.{k}", 0, fold[k], 0, fold[f"utf16_{k}"]))
    for drv in d["tone"]["drivers"]:
        assert len(drv["spans"]) == len(drv["utf16_spans"])
        for (s, e), (us, ue) in zip(drv["spans"], drv["utf16_spans"], strict=True):
            out.append((f"driver {drv['category']}", s, e, us, ue))
    for f in d["findings"]:
        out.append((f"finding {f['rule']}", f["start"], f["end"], f["utf16_start"], f["utf16_end"]))
    for group, items in d["tags"].items():
        if isinstance(items, list):
            for item in items:
                if item.get("start") is not None:
                    out.append(
                        (f"tags.{group}", item["start"], item["end"], item["utf16_start"], item["utf16_end"])
                    )
    return out


def test_every_span_slices_the_same_text_in_utf16() -> None:
    r = postcraft.review(TEXT, roster=EXAMPLES / "roster.yaml", guidelines=EXAMPLES / "guidelines.yaml")
    d = json.loads(json.dumps(r.to_dict(), ensure_ascii=False))
    spans = _spans(d)
    kinds = {where.split()[0].split(".")[0] for where, *_ in spans}
    # The test means something only if the review has spans of every kind past an emoji.
    assert {"fold", "driver", "finding", "tags"} <= kinds, kinds
    assert any(s != us for _, s, _, us, _ in spans), "no span lies after an astral character"
    for where, s, e, us, ue in spans:
        assert _u16(TEXT, us, ue) == TEXT[s:e], where


def test_driver_utf16_spans_only_with_a_converter() -> None:
    tone = postcraft.score_tone(TEXT)
    assert all("utf16_spans" not in d for d in tone.to_dict()["drivers"])


def test_schema_ships_in_the_package_and_docs_hold_the_same() -> None:
    shipped = postcraft.schema()
    assert shipped == json.loads((ROOT / "docs" / "schema" / "review.schema.json").read_text("utf-8"))
    assert shipped["properties"]["schema_version"]["const"] == postcraft.SCHEMA_VERSION == "2.2"
    assert shipped["$id"].endswith(":" + postcraft.SCHEMA_VERSION)
    shipped["title"] = "changed"
    assert postcraft.schema()["title"] != "changed"  # a fresh dict each time
    assert f"**{postcraft.SCHEMA_VERSION}**" in (ROOT / "docs" / "json.md").read_text("utf-8")


def test_the_public_namespace_is_the_public_api() -> None:
    assert dir(postcraft) == sorted(postcraft.__all__)
    assert len(set(postcraft.__all__)) == len(postcraft.__all__)
    for name in postcraft.__all__:
        assert getattr(postcraft, name) is not None, name
    stray = [
        k
        for k, v in vars(postcraft).items()
        if not k.startswith("_")
        and k not in postcraft.__all__
        # submodules appear as attributes once imported (postcraft.errors, postcraft.pipeline)
        and not (isinstance(v, types.ModuleType) and v.__name__ == f"postcraft.{k}")
    ]
    assert stray == []
