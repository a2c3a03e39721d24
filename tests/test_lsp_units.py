"""The language server's parts without the protocol: positions, configuration, features."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from postcraft.lsp.config import Resolver, editor_settings
from postcraft.lsp.textindex import LineIndex

pytest.importorskip("lsprotocol", reason="the language server needs the 'lsp' extra (pygls)")

TEXT_CHARS = st.sampled_from(list("aæøåÆ #\n\r 👋🏻🎉\u2028é") + ["\r\n"])


def utf16_len(s: str) -> int:
    return len(s.encode("utf-16-le")) // 2


def lsp_lines(text: str) -> list[str]:
    """Lines as LSP counts them: only \\r\\n, \\r and \\n end a line."""
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


@given(st.lists(TEXT_CHARS, max_size=40).map("".join), st.data())
def test_position_round_trip_utf16(text: str, data: st.DataObject) -> None:
    ix = LineIndex(text)
    offset = data.draw(st.integers(0, len(text)))
    line, char = ix.position(offset)
    assert 0 <= line < ix.line_count == len(lsp_lines(text))
    start = ix.starts[line]
    if not (offset > 0 and text[offset - 1] == "\r" and text[offset : offset + 1] == "\n"):
        assert char == utf16_len(text[start:offset])
        assert ix.offset(line, char) == offset


@pytest.mark.parametrize(("encoding", "expected"), [("utf-16", 4), ("utf-32", 3), ("utf-8", 7)])
def test_encodings(encoding: str, expected: int) -> None:
    text = "x\nÆ👋 b"  # code point 5 = "b" on line 1, after Æ, 👋 and a space
    ix = LineIndex(text, encoding)
    assert ix.position(5) == (1, expected)
    assert ix.offset(1, expected) == 5


def test_positions_follow_lsp_line_breaks_not_unicode_ones() -> None:
    text = "Hej\u2028med\r\ndig\rså"
    ix = LineIndex(text)
    assert ix.line_count == 3
    assert ix.position(text.index("med")) == (0, 4)  # U+2028 does not end an LSP line
    assert ix.position(text.index("dig")) == (1, 0)
    assert ix.position(text.index("så")) == (2, 0)
    assert ix.position(text.index("\n")) == (0, 7)  # between \r and \n: end of line 0
    assert ix.offset(0, 99) == text.index("\r")  # past the end of a line: its end
    assert ix.offset(9, 0) == len(text)
    assert ix.offset(0, 2) == 2
    ix2 = LineIndex("a👋b")
    assert ix2.offset(0, 2) == 1  # inside the surrogate pair: rounds down


def test_editor_settings_accept_camel_case_and_nesting() -> None:
    assert editor_settings({"postcraft": {"toneDiagnostic": False, "languages": ["markdown"]}}) == {
        "tone_diagnostic": False,
        "languages": ["markdown"],
    }
    assert editor_settings({"debounce_ms": 80}) == {"debounce_ms": 80}
    assert editor_settings(None) == {} and editor_settings([1]) == {}


def test_postcraft_yaml_as_workspace_file(tmp_path: Path) -> None:
    (tmp_path / "postcraft.yaml").write_text(
        "guidelines: org/guidelines.yaml\nroster: org/people.csv\nlang: da\ndebounce_ms: 90\n"
        "languages: [markdown]\ndisable: [readability]\ntags: false\n",
        "utf-8",
    )
    (tmp_path / "org").mkdir()
    (tmp_path / "org" / "guidelines.yaml").write_text(
        "organisation: {name: Acme}\nmax_hashtags: 2\n", "utf-8"
    )
    (tmp_path / "org" / "people.csv").write_text("name,consent\nMette Hansen,yes\n", "utf-8")
    r = Resolver([str(tmp_path)], {"postcraft": {"debounceMs": 500, "toneHints": False}})
    cfg = r.resolve(str(tmp_path / "a" / "b" / "post.md"))
    assert cfg.problems == ()
    assert cfg.config_file == str(tmp_path / "postcraft.yaml")
    assert cfg.guidelines.organisation.name == "Acme" and cfg.guidelines.max_hashtags == 2
    assert [p.name for p in cfg.roster.people] == ["Mette Hansen"]
    assert (cfg.lang, cfg.debounce_ms, cfg.languages, cfg.disable, cfg.tags) == (
        "da",
        90,
        ("markdown",),
        ("readability",),
        False,
    )
    assert cfg.tone_hints is False  # from the editor, which postcraft.yaml does not override


def test_postcraft_yaml_as_guideline_file(tmp_path: Path) -> None:
    (tmp_path / "postcraft.yml").write_text("organisation:\n  name: Contoso\n  programme: agreed\n", "utf-8")
    cfg = Resolver([str(tmp_path)]).resolve(str(tmp_path / "post.txt"))
    assert cfg.problems == () and cfg.guidelines.organisation.programme == "agreed"


def test_postcraft_yaml_mistakes_have_lines(tmp_path: Path) -> None:
    cfg_file = tmp_path / "postcraft.yaml"
    cfg_file.write_text("guidelines: nowhere.yaml\nrules: []\ndebounce: 20\nlang: de\n", "utf-8")
    cfg = Resolver([str(tmp_path)]).resolve(str(tmp_path / "post.txt"))
    by_line = {p.line: p for p in cfg.problems if p.path == str(cfg_file)}
    assert "no such guideline file" in by_line[1].message
    assert "'rules' is a guideline key" in by_line[2].message
    assert "did you mean 'debounce_ms'" in by_line[3].message
    assert "'lang' is da, en or auto" in by_line[4].message
    assert any(p.path is None and "built-in guidelines only" in p.message for p in cfg.problems)
    assert cfg.guidelines.organisation.name is None  # fell back to the built-in guidelines

    cfg_file.write_text("guidelines: [unclosed\n", "utf-8")
    (p,) = Resolver([str(tmp_path)]).resolve(str(tmp_path / "post.txt")).problems
    assert p.path == str(cfg_file) and p.line is not None and "not valid YAML" in p.message


def test_guideline_error_is_reported_in_the_guideline_file(tmp_path: Path) -> None:
    guide = tmp_path / "g.yaml"
    guide.write_text("organisation:\n  name: Acme\n  programme: sometimes\n", "utf-8")
    r = Resolver([str(tmp_path)], {"guidelines": "g.yaml"})
    cfg = r.resolve(str(tmp_path / "post.txt"))
    (in_file,) = [p for p in cfg.problems if p.path is not None]
    assert in_file.path == str(guide.resolve()) and in_file.line == 3
    assert "programme" in in_file.message and not in_file.message.startswith(str(guide))


def test_editor_setting_mistakes_go_on_the_draft(tmp_path: Path) -> None:
    r = Resolver([str(tmp_path)], {"debounceMs": -1, "tags": "yes", "colour": "blue", "disable": ["nope"]})
    cfg = r.resolve(str(tmp_path / "post.txt"))
    msgs = [p.message for p in cfg.problems]
    assert all(p.path is None for p in cfg.problems)
    assert any("debounce_ms" in m for m in msgs) and any("'tags' is true or false" in m for m in msgs)
    assert any("unknown postcraft setting 'colour'" in m for m in msgs)
    assert any("'disable' names 'nope'" in m for m in msgs)
    assert cfg.debounce_ms == 150 and cfg.tags is True and cfg.disable == ()


def test_nearest_postcraft_yaml_stops_at_the_workspace_folder(tmp_path: Path) -> None:
    (tmp_path / "postcraft.yaml").write_text("lang: en\n", "utf-8")
    ws = tmp_path / "ws"
    (ws / "team").mkdir(parents=True)
    (ws / "team" / "postcraft.yaml").write_text("lang: da\n", "utf-8")
    r = Resolver([str(ws)])
    assert r.resolve(str(ws / "team" / "x" / "post.txt")).lang == "da"
    assert r.resolve(str(ws / "post.txt")).lang is None  # the one above the workspace is not used
    assert r.resolve(None).lang is None


def test_tone_model_setting_keeps_builtin_for_the_other_language(tmp_path: Path) -> None:
    from postcraft.tone import builtin_model

    builtin_model("da").save(tmp_path / "da.json")
    r = Resolver([str(tmp_path)], {"toneModel": "da.json"})
    cfg = r.resolve(str(tmp_path / "post.txt"))
    assert cfg.problems == () and set(cfg.tone_model) == {"da"}
    assert r.resolve(str(tmp_path / "post.txt")).tone_model is cfg.tone_model  # cached until it changes
    from postcraft.lsp.engine import review_document

    rv = review_document("I spent the morning with the new apprentices and learned a lot.", cfg)
    assert rv.tone is not None and rv.tone.lang == "en"


def test_features_without_a_server() -> None:
    from lsprotocol import types as lsp

    from postcraft.lsp.engine import review_document
    from postcraft.lsp.features import EditMaker, code_actions, diagnostics, help_url, hover

    cfg = Resolver().resolve(None)
    text = "Æ 👋\n\nVi er stolte af at kunne præsentere vores nye løsning 🎉 #grønomstilling"
    rv = review_document(text, cfg, version=7)
    diags = diagnostics(rv)
    codes = [d.code for d in diags]
    assert "linkedin.hashtags.camelcase" in codes and "voice.boilerplate" in codes and "tone" in codes
    assert any(str(c).startswith("tone.") for c in codes)  # a corporate-sounding word as a hint
    whole = lsp.Range(start=lsp.Position(line=0, character=0), end=lsp.Position(line=2, character=99))
    acts = code_actions(rv, whole, EditMaker("file:///x.txt", 7, False))
    titles = [a.title for a in acts]
    assert "Erstat med »#GrønOmstilling«" in titles and any(t.startswith("Ret alle sikre") for t in titles)
    assert code_actions(rv, whole, EditMaker("file:///x.txt", 7, False), only=["refactor"]) == []
    h = hover(rv, 0, 0)
    assert h is not None and "Tone:" in h.contents.value  # type: ignore[union-attr]
    assert "voice.corporate" in h.contents.value  # type: ignore[union-attr]  # the finding's help too
    h1 = hover(rv, 1, 0)  # the empty line 2: only the whole-post finding's help
    assert h1 is not None and "Tone:" not in h1.contents.value  # type: ignore[union-attr]
    assert "voice.corporate" in h1.contents.value  # type: ignore[union-attr]
    plain = review_document("Jeg var glad i dag.\n\nTak for i dag.", cfg)
    assert hover(plain, 1, 0) is None  # nothing there
    assert help_url("Se https://x.example/a».") == "https://x.example/a"
