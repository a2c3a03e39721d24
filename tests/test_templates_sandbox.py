"""Hostile templates are refused with a clear PostcraftError, at load or while rendering, and fast."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from postcraft.errors import ConfigError, PostcraftError
from postcraft.templates import Template, TemplateRenderError, TemplateSecurityError, load_folder
from postcraft.templates.fileformat import parse_template
from postcraft.templates.sandbox import MAX_OUTPUT_CHARS, clause, hashtag, hashtags, question, sentence


def make(body: str, *fields: str) -> Template:
    decl = "".join(f"  - name: {f}\n    description: A field.\n    example: x\n" for f in fields)
    text = (
        "---\nid: evil.en\nlang: en\nroles: [employee]\npurpose: test\ntitle: T\ndescription: D.\n"
        f"fields:{'' if fields else ' []'}\n{decl}---\n{body}"
    )
    return parse_template(text, path="evil.en.j2")


def first_body_line(fields: int) -> int:
    return 10 + 3 * fields  # 8 meta lines, the closing '---', then the body


# -- refused at load -------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("body", "what"),
    [
        ("{{ ''.__class__.__mro__ }}", "'__class__', '__mro__'"),
        ("{{ ''['__class__'] }}", "'__class__'"),
        ("{{ cycler.__init__.__globals__ }}", "'__globals__', '__init__'"),
        ("{{ x._private }}", "'_private'"),
        ("{% include '/etc/passwd' %}", "'include'"),
        ("{% import 'x.j2' as x %}", "'import'"),
        ("{% from 'x.j2' import y %}", "'from … import'"),
        ("{% extends '/etc/passwd' %}", "'extends'"),
        ("{% macro f(s) %}{{ f(s ~ s) }}{% endmacro %}{{ f('x') }}", "macros"),
        ("{% block b %}{{ self.b() }}{% endblock %}", "'block'"),
        ("{% filter upper %}x{% endfilter %}", "'filter' blocks"),
        ("{% set s %}x{% endset %}{{ s }}", "block 'set'"),
        ("{% for a in [[1]] recursive %}{{ loop(a) }}{% endfor %}", "recursive loops"),
    ],
)
def test_dangerous_constructs_are_refused_at_load(body: str, what: str) -> None:
    with pytest.raises(TemplateSecurityError) as info:
        make("Hello.\n" + body + "\n{{ x }}", "x")
    assert what in str(info.value)
    assert info.value.path == "evil.en.j2" and info.value.line == first_body_line(1) + 1
    assert isinstance(info.value, PostcraftError)


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("{{ lipsum(10**6) }}", "uses lipsum, which is not among its fields"),
        ("{{ namespace(s='x') }}", "uses namespace"),
        ("{{ self }}", "uses self"),
        ("{{ config }} {{ request }}", "uses config, request, which are not among its fields"),
        ("{{ ''|attr('__class__') }}", "templates have no filter 'attr'"),
        ("{{ 'x'|center(10**9) }}", "templates have no filter 'center'"),
        ("{{ 'x'|format('%0999999999d', 1) }}", "templates have no filter 'format'"),
        ("{{ [1]|random }}", "templates have no filter 'random'"),
        ("{{ 'x'|_pc_size }}", "templates have no filter '_pc_size'"),
        ("{{ x is sameas y }}", "uses y"),
    ],
)
def test_unavailable_names_and_filters_are_config_errors(body: str, message: str) -> None:
    with pytest.raises(ConfigError, match=message) as info:
        make("{{ x }}\n" + body, "x")
    assert info.value.line == first_body_line(1) + 1


# -- refused while rendering -----------------------------------------------------------------------
RUNTIME = [
    ("{{ 'x' * 10**9 }}", "'*' would build more than"),
    ("{{ [1, 2] * 10**9 }}", "'*' would build more than"),
    ("{{ 2 ** 100000 }}", "'**' would build a number over"),
    ("{% set n = 10**100 %}{{ n * n * n * n }}", "'*' would build a number over"),
    ("{% for i in range(10**9) %}x{% endfor %}", "range() of 1,000,000,000 numbers"),
    ("{% for i in range(1000) %}{% for j in range(1000) %}{% endfor %}{% endfor %}", "loops ran more than"),
    ("{% for c in 'y' * 9000 %}{% for d in 'y' * 9000 %}{% endfor %}{% endfor %}", "loops ran more than"),
    ("{% for i in range(1000) %}xxxxxxxxxxxxxxxxxxxxxxxxxxx{% endfor %}", "the draft grew past"),
    ("{% set s = 'x' * 6000 %}{{ s ~ s }}", "a text of 12,000 characters"),
    ("{% set s = 'x' * 6000 %}{% set s = s + s %}{{ s }}", "a text of 12,000 characters"),
    ("{{ ('abc' * 1000)|replace('', 'bbbb') }}", "replace() would build more than"),
    ("{{ ('x' * 900)|list|join('y' * 20) }}", "join() would build more than"),
    ("{{ ('x' * 9000)|list }}", "a list of 9,000 items is longer than templates may build"),
    ("{{ range(1000)|map('string')|join('y' * 50) }}", "join() would build more than"),
    ("{{ '%s' % x }}", "'%' string formatting is not available"),
    ("{{ 'x'.ljust(10**9) }}", "calling 'ljust' is not allowed"),
    ("{{ '{:>999999999}'.format(1) }}", "calling 'format' is not allowed"),
    ("{{ 'x'.join(['a'] * 10) }}", "calling 'join' is not allowed"),
    ("{{ 'x'.zfill(10**9) }}", "calling 'zfill' is not allowed"),
    ("{{ dict(a=1).update(b=2) }}", "access to attribute 'update' of 'dict' object is unsafe"),
    ("{{ [1].append(2) }}", "access to attribute 'append' of 'list' object is unsafe"),
    ("{{ dict.mro() }}", "access to attribute 'mro' of 'type' object is unsafe"),
    ("{{ range.__call__ }}", None),  # refused at load already (starts with '_')
]


@pytest.mark.parametrize(("body", "message"), RUNTIME)
def test_runaway_or_unsafe_rendering_is_stopped(body: str, message: str | None) -> None:
    started = time.perf_counter()
    with pytest.raises(TemplateSecurityError) as info:
        make("{{ x }}\n" + body, "x").render(x="a")
    assert time.perf_counter() - started < 2.0
    if message is not None:
        assert message in str(info.value)
        if "grew past" in message:  # counted outside the template, so no line to blame
            assert info.value.line is None
        else:
            assert info.value.line == first_body_line(1) + 1, str(info.value)
        assert "template 'evil.en' variant 0 was stopped" in str(info.value)


def test_internal_attribute_through_a_field_value_is_refused_at_render() -> None:
    # The name comes from data, so only the run-time sandbox can see it.
    t = make("{{ word[key] }}", "word", "key")
    with pytest.raises(TemplateRenderError, match="has no attribute '1'"):
        t.render(word="hello", key="1")  # text keys on text: undefined, and undefined is strict
    assert t.render(word="hello", key="upper").text.startswith("<built-in method upper")
    with pytest.raises(
        TemplateSecurityError, match="access to attribute '__class__' of 'str' object is unsafe"
    ):
        t.render(word="hello", key="__class__")
    with pytest.raises(TemplateSecurityError, match="unsafe"):
        t.render(word="hello", key="__init__")


def test_literal_output_over_the_cap_is_stopped() -> None:
    t = make("{{ x }}" + "y" * (MAX_OUTPUT_CHARS + 1), "x")
    with pytest.raises(TemplateSecurityError, match="the draft grew past 10,000 characters"):
        t.render(x="a")


def test_deeply_nested_templates_are_refused() -> None:
    with pytest.raises(TemplateSecurityError, match="nested too deeply"):
        make("{{ x }}{{ " + "(" * 5000 + "1" + ")" * 5000 + " }}", "x")
    t = make("{{ x }}" + "{% if 1 %}" * 120 + "{% endif %}" * 120, "x")
    with pytest.raises(TemplateSecurityError, match="nested too deeply"):
        t.render(x="a")


def test_load_folder_compiles_every_variant(tmp_path: Path) -> None:
    (tmp_path / "deep.en.j2").write_text(
        "---\nid: deep.en\nlang: en\nroles: [employee]\npurpose: test\ntitle: T\ndescription: D.\n"
        "fields: []\n---\nok\n--- variant ---\n" + "{% if 1 %}" * 120 + "{% endif %}" * 120,
        encoding="utf-8",
    )
    with pytest.raises(TemplateSecurityError, match="nested too deeply") as info:
        load_folder(tmp_path)
    assert info.value.line == 12


def test_other_runtime_errors_are_render_errors_with_a_line() -> None:
    t = make("{{ x }}\nline two\n{{ 1 / 0 }}", "x")
    with pytest.raises(TemplateRenderError) as info:
        t.render(x="a")
    assert "ZeroDivisionError" in str(info.value) and info.value.line == first_body_line(1) + 2
    t = make("{{ x }}\n{{ x.missing_attribute }}", "x")
    with pytest.raises(TemplateRenderError, match="has no attribute 'missing_attribute'"):
        t.render(x="a")


def test_safe_template_features_still_work() -> None:
    body = (
        "{% set parts = words.split(',') %}"
        "{% for p in parts if p.strip() %}{{ loop.index }}. {{ p.strip()|capfirst }}\n{% endfor %}"
        "{{ words|replace(',', ';')|upper|truncate(9, True, '') }} {{ range(3)|sum }} {{ 2 ** 10 }}"
        " {{ parts|length }} {{ words|wordcount }} {{ 'ab' * 3 }} {{ {'a': 1}.get('a') }}"
        " {{ words.startswith('red') }} {{ 7 % 3 }} {{ (words if false)|default('-', true) }}"
    )
    t = make(body, "words")
    text = t.render(words="red, green,blue").text
    assert text.split("\n")[:3] == ["1. Red", "2. Green", "3. Blue"]
    assert text.split("\n")[3] == "RED; GREE 3 1024 3 3 ababab 1 True 1 -"


# -- helper filters ----------------------------------------------------------------------------------
def test_text_filters() -> None:
    assert hashtag("employee advocacy") == "#EmployeeAdvocacy"
    assert hashtag("grøn omstilling") == "#GrønOmstilling"
    assert hashtag("AI act") == "#AIAct" and hashtag("it-sikkerhed") == "#ItSikkerhed"
    assert hashtag(" ,. ") == "" and hashtag("#Ledelse") == "#Ledelse"
    assert hashtags("a, b, c, d") == "#A #B #C" and hashtags("x, X, #x") == "#X"
    assert hashtags("#Ledelse #Arbejdsliv") == "#Ledelse #Arbejdsliv" and hashtags("") == ""
    assert hashtags("a, b, c", 1) == "#A"
    assert sentence("hej med dig") == "Hej med dig." and sentence("Whoa!") == "Whoa!"
    assert sentence("æble") == "Æble." and sentence("  ") == ""
    assert clause("done.") == "done" and clause("wait...") == "wait..." and clause("why?") == "why?"
    assert question("how. ") == "How?" and question("hvorfor??") == "Hvorfor?" and question("") == ""
