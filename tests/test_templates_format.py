"""The template file format: front matter, variants, and ConfigErrors that say where and what to write."""

from __future__ import annotations

from pathlib import Path

import pytest

from postcraft.errors import ConfigError
from postcraft.templates import load_folder
from postcraft.templates.fileformat import MAX_FILE_BYTES, parse_template, read_template

GOOD = """\
---
id: hello.en
lang: en
roles: [employee, new_employee]
purpose: greeting
title: Say hello
description: A short hello to your network.
fields:
  - name: who
    description: Whom you greet.
    example: Sam
  - name: mood
    description: How you feel.
    example: happy
    default: glad
---
Hi {{ who }}, I'm {{ mood }}!
--- variant ---
Hello {{ who }}.
  --- VARIANT ---
{% if mood != 'glad' %}Feeling {{ mood }}.
{% endif %}Hey {{ who }}.
"""


def test_a_good_file() -> None:
    t = parse_template(GOOD, path="hello.en.j2", file_name="hello.en.j2", source="folder")
    assert (t.id, t.lang, t.roles, t.purpose, t.variants) == (
        "hello.en",
        "en",
        ("employee", "new_employee"),
        "greeting",
        3,
    )
    assert [b.line for b in t.bodies] == [17, 19, 21]
    who, mood = t.fields
    assert who.required and who.default is None
    assert not mood.required and mood.default == "glad"
    assert [t.render(variant=v, who="Ada").text for v in range(3)] == [
        "Hi Ada, I'm glad!",
        "Hello Ada.",
        "Hey Ada.",
    ]
    assert t.render(variant=2, who="Ada", mood="tired").text == "Feeling tired.\nHey Ada."


def test_crlf_bom_and_a_leading_marker_are_fine() -> None:
    text = GOOD.replace("---\nHi {{", "---\n--- variant ---\nHi {{").replace("\n", "\r\n")
    t = read_template(b"\xef\xbb\xbf" + text.encode(), path="hello.en.j2")
    assert t.variants == 3 and t.render(who="Bo").text == "Hi Bo, I'm glad!"


def test_optional_field_without_default_is_empty() -> None:
    text = GOOD.replace("    default: glad", "    required: false")
    t = parse_template(text, path="x")
    assert t.fields[1].default == "" and t.render(who="A").text == "Hi A, I'm !"


def bad(old: str, new: str, *more: str) -> str:
    text = GOOD
    pairs = [(old, new), *zip(more[::2], more[1::2], strict=True)]
    for a, b in pairs:
        assert a in text
        text = text.replace(a, b)
    return text


NO_FIELDS_LIST = GOOD.split("fields:")[0] + "fields: nope\n---\n" + GOOD.split("---\n")[2]


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("Hello", 1, "starts with a line '---'"),
        ("---\nid: x\n", 1, "front matter is never closed"),
        (
            bad("lang: en\n", "lang: [en\n"),
            4,
            "did not find expected ',' or ']' (while parsing a flow sequence that starts on line 3)",
        ),
        (
            bad("title: Say hello\n", "title: Say hello\ntitel: Hi\n"),
            7,
            "unknown key 'titel'; the front matter has id, lang",
        ),
        (bad("title: Say hello\n", ""), 2, "the front matter has no 'title'"),
        (bad("purpose: greeting\n", "purpose: greeting\npurpose: again\n"), 6, "'purpose' is given twice"),
        (bad("id: hello.en", "id: Hello World"), 2, "write lower-case words joined by '-'"),
        (bad("id: hello.en", "id: hello.da"), 2, "must end in '.en'"),
        (bad("lang: en", "lang: de"), 3, "lang must be 'da' or 'en', not 'de'"),
        (
            bad("roles: [employee, new_employee]", "roles: [employee, intern]"),
            4,
            "unknown role 'intern'; roles are",
        ),
        (bad("roles: [employee, new_employee]", "roles: []"), 4, "roles must be a list"),
        (bad("purpose: greeting", "purpose: Greeting Card"), 5, "purpose 'Greeting Card' is not valid"),
        (bad("title: Say hello", "title: [1]"), 6, "title must be text, not list; quote it"),
        (bad("title: Say hello", "title: ''"), 6, "title is empty"),
        (NO_FIELDS_LIST, 8, "'fields:' must be a list"),
        (bad("  - name: who\n", "  - name: class\n"), 9, "field name 'class' is not usable"),
        (bad("  - name: who\n", "  - name: seed\n"), 9, "field name 'seed' is not usable"),
        (bad("    example: Sam\n", ""), 9, "this field has no 'example'"),
        (bad("    example: Sam\n", "    example: Sam\n    kind: text\n"), 12, "unknown field key 'kind'"),
        (bad("    default: glad\n", "    default: glad\n    required: true\n"), 16, "drop 'required: true'"),
        (
            bad("    example: happy\n", "    example: happy\n    required: maybe\n"),
            15,
            "must be true or false",
        ),
        (bad("  - name: mood\n", "  - name: who\n"), 12, "field 'who' is declared twice (first on line 9)"),
        (
            bad("{{ mood }}!", "!", "{% if mood != 'glad' %}Feeling {{ mood }}.\n{% endif %}", ""),
            12,
            "field 'mood' is declared but no variant uses it",
        ),
        (
            bad("Hello {{ who }}.", "Hello {{ whom }}."),
            19,
            "uses whom, which is not among its fields (mood, who)",
        ),
        (bad("Hello {{ who }}.", "Hello {{ who|shout }}."), 19, "templates have no filter 'shout'"),
        (
            bad("Hello {{ who }}.", "Hello {% if who %}{{ who }}."),
            19,
            "template syntax error: Unexpected end",
        ),
        (bad("Hello {{ who }}.", "Hello\n\n{{ who }."), 21, "template syntax error"),
        (bad("Hello {{ who }}.\n", ""), 18, "the variant after this '--- variant ---' line is empty"),
        (GOOD + "--- variant ---\n\n", 23, "the variant after this '--- variant ---' line is empty"),
        (GOOD.split("Hi {{")[0], 16, "no text after its front matter"),
    ],
)
def test_errors_say_where(text: str, line: int, message: str) -> None:
    with pytest.raises(ConfigError) as info:
        parse_template(text, path="t/hello.en.j2")
    assert message in str(info.value)
    assert info.value.path == "t/hello.en.j2" and info.value.line == line, str(info.value)
    assert str(info.value).startswith(f"t/hello.en.j2:{line}: ")


def test_file_name_must_match_the_id() -> None:
    with pytest.raises(ConfigError, match="must be named 'hello.en.j2', not 'hi.j2'") as info:
        parse_template(GOOD, path="hi.j2", file_name="hi.j2")
    assert info.value.line == 2


def test_bytes_that_are_not_utf8_or_too_many(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="not valid UTF-8"):
        read_template(GOOD.encode("latin-1") + b"\xff", path="x")
    with pytest.raises(ConfigError, match="a template file may be at most"):
        read_template(b"x" * (MAX_FILE_BYTES + 1), path="x")


def test_load_folder_reports_the_file(tmp_path: Path) -> None:
    (tmp_path / "hello.en.j2").write_text(bad("lang: en", "lang: fr"), encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        load_folder(tmp_path)
    assert info.value.path == str(tmp_path / "hello.en.j2") and info.value.line == 3


def test_builtin_files_follow_the_format() -> None:
    from postcraft.templates import fileformat

    root = Path(fileformat.__file__).parent / "builtin"
    files = sorted(root.rglob("*.j2"))
    assert len(files) >= 24
    for f in files:
        t = read_template(f.read_bytes(), path=str(f), file_name=f.name)
        assert f.parent.name == t.lang
