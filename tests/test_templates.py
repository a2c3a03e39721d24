"""Draft templates: the public API, variants and seeds, fields, sources (folder, env, entry points)."""

from __future__ import annotations

import hashlib
import importlib
import os
import textwrap
import warnings
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import postcraft
from postcraft.errors import ConfigError, InputError, PostcraftError, UnsupportedLanguageError
from postcraft.templates import (
    ROLES,
    Draft,
    Field,
    FieldError,
    Template,
    UnknownTemplateError,
    clear_cache,
    get_template,
    list_templates,
    load_folder,
    render,
)
from postcraft.templates.fileformat import parse_template

THANKS = {
    "colleague": "Priya",
    "what_they_did": "stayed late to rerun the failed data migration with me",
    "what_it_meant": "our customers never noticed a thing",
}


@pytest.fixture(autouse=True)
def _fresh(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.delenv("POSTCRAFT_TEMPLATES", raising=False)
    clear_cache()
    yield
    clear_cache()


def write_template(
    folder: Path, tid: str, body: str, *, fields: str = "", lang: str = "en", **meta: str
) -> Path:
    head = {
        "roles": "[employee]",
        "purpose": "greeting",
        "title": "Say hello",
        "description": "A short hello.",
        **meta,
    }
    lines = ["---", f"id: {tid}", f"lang: {lang}"] + [f"{k}: {v}" for k, v in head.items()]
    lines.append("fields:" + ("" if fields.strip() else " []"))
    text = "\n".join(lines) + "\n" + textwrap.dedent(fields) + "---\n" + textwrap.dedent(body)
    path = folder / f"{tid}.j2"
    path.write_text(text, encoding="utf-8")
    return path


WHO = """\
  - name: who
    description: Whom you greet.
    example: Sam
"""


# -- listing ---------------------------------------------------------------------------------------
def test_list_templates_filters() -> None:
    everything = list_templates()
    assert [t.id for t in everything] == sorted(t.id for t in everything)
    da = list_templates(lang="da")
    assert da and all(t.lang == "da" for t in da)
    assert [t.id for t in list_templates(lang="DA-dk")] == [t.id for t in da]
    leaders = list_templates(role="top_leader")
    assert leaders and all("top_leader" in t.roles for t in leaders)
    assert len(leaders) < len(everything)
    assert [t.id for t in list_templates(lang="en", purpose="thanks")] == ["thank-colleague.en"]
    assert list_templates(purpose="no_such_purpose") == []


def test_list_templates_rejects_unknown_role_and_language() -> None:
    with pytest.raises(InputError, match="unknown role 'ceo'; roles are top_leader"):
        list_templates(role="ceo")
    with pytest.raises(UnsupportedLanguageError):
        list_templates(lang="de")


def test_template_metadata_and_to_dict() -> None:
    t = get_template("thank-colleague.en")
    assert isinstance(t, Template)
    assert (t.id, t.lang, t.purpose, t.source) == ("thank-colleague.en", "en", "thanks", "builtin")
    assert set(t.roles) == set(ROLES)
    assert all(isinstance(f, Field) for f in t.fields)
    assert t.get_field("colleague").required and not t.get_field("hashtags").required
    d = t.to_dict()
    assert d["id"] == "thank-colleague.en" and d["variants"] == t.variants >= 2
    assert d["fields"][0] == {
        "name": "colleague",
        "description": t.fields[0].description,
        "example": "Priya",
        "required": True,
        "default": None,
    }
    with pytest.raises(FieldError, match="it has no field 'nope'"):
        t.get_field("nope")
    with pytest.raises(AttributeError):
        t.id = "x"  # type: ignore[misc]


def test_unknown_template_suggests_close_ids() -> None:
    with pytest.raises(UnknownTemplateError) as info:
        get_template("thank-colleague")
    assert info.value.suggestions[:2] == ("thank-colleague.da", "thank-colleague.en")
    assert "Did you mean 'thank-colleague.da'" in str(info.value)
    with pytest.raises(UnknownTemplateError, match="event-recap.en"):
        render("event-recap.eng")
    assert isinstance(info.value, PostcraftError)


# -- rendering, variants and seeds ------------------------------------------------------------------
def test_render_returns_a_draft() -> None:
    d = render("thank-colleague.en", variant=1, **THANKS)
    assert isinstance(d, Draft)
    assert d.variant == 1 and d.template.id == "thank-colleague.en" and d.lang == "en"
    assert d.fields == {**THANKS, "hashtags": "teamwork"}  # the default is used and reported
    assert d.text.startswith("I want to thank someone in public")
    assert "Priya stayed late to rerun the failed data migration with me." in d.text
    assert d.text.endswith("#Teamwork")
    data = d.to_dict()
    assert data["text"] == d.text and data["variant"] == 1 and data["template"]["id"] == "thank-colleague.en"
    with pytest.raises(AttributeError):
        d.text = "x"  # type: ignore[misc]


def test_variants_are_different_phrasings() -> None:
    t = get_template("thank-colleague.en")
    texts = [render(t.id, variant=v, **THANKS).text for v in range(t.variants)]
    assert len(set(texts)) == t.variants
    assert len({x.splitlines()[0] for x in texts}) == t.variants


@pytest.mark.parametrize("bad", [-1, 3, 99])
def test_variant_out_of_range_is_an_error(bad: int) -> None:
    with pytest.raises(InputError, match=r"has 3 variants, numbered 0 to 2; variant=-?\d+ does not exist"):
        render("thank-colleague.en", variant=bad, **THANKS)


def test_variant_must_be_an_int() -> None:
    with pytest.raises(InputError, match="whole number"):
        render("thank-colleague.en", variant=True, **THANKS)
    with pytest.raises(InputError, match="whole number"):
        render("thank-colleague.en", variant="1", **THANKS)  # type: ignore[arg-type]


def test_seed_is_deterministic_and_spreads() -> None:
    t = get_template("thank-colleague.en")
    first = [render(t.id, seed=s, **THANKS).variant for s in range(60)]
    assert first == [render(t.id, seed=s, **THANKS).variant for s in range(60)]
    assert set(first) == set(range(t.variants))
    by_name = render(t.id, seed="priya@example.com", **THANKS)
    assert by_name.variant == render(t.id, seed="priya@example.com", **THANKS).variant
    with pytest.raises(InputError, match="not both"):
        render(t.id, variant=1, seed=3, **THANKS)
    with pytest.raises(InputError, match="seed must be"):
        render(t.id, seed=1.5, **THANKS)  # type: ignore[arg-type]


def test_seed_is_stable_across_versions() -> None:
    # blake2b of "<id>\0<seed>", so the pick never depends on Python's hash() or random module.
    t = parse_template(
        "---\nid: hello.en\nlang: en\nroles: [employee]\npurpose: greeting\ntitle: Hi\n"
        "description: Hi.\nfields: []\n---\nA\n--- variant ---\nB\n--- variant ---\nC\n--- variant ---\nD",
        path="hello.en.j2",
    )

    def documented(seed: object) -> int:
        digest = hashlib.blake2b(f"hello.en\x00{seed}".encode(), digest_size=8).digest()
        return int.from_bytes(digest, "big") % 4

    seeds: list[int | str] = [*range(8), "anna", "bo", "cai"]
    assert [t.pick_variant(seed=s) for s in seeds] == [documented(s) for s in seeds]
    assert [t.pick_variant(seed=s) for s in seeds] == [3, 0, 2, 3, 0, 0, 2, 2, 2, 1, 3]  # pinned


# -- fields ----------------------------------------------------------------------------------------
def test_missing_and_unknown_fields_name_every_field_with_its_description() -> None:
    t = get_template("thank-colleague.en")
    with pytest.raises(FieldError) as info:
        render(t.id, colleague="Priya", colour="blue")
    msg = str(info.value)
    assert "unknown field colour" in msg
    assert "missing required fields what_they_did, what_it_meant" in msg
    for f in t.fields:
        assert f"{f.name} (" in msg and f.description in msg
    assert "hashtags (optional, default 'teamwork')" in msg
    assert info.value.fields == t.fields and info.value.template_id == t.id
    assert isinstance(info.value, PostcraftError)


def test_field_values_are_text() -> None:
    with pytest.raises(FieldError, match="field colleague must be text, not list"):
        render("thank-colleague.en", **{**THANKS, "colleague": ["Priya"]})
    with pytest.raises(FieldError, match="must be text, not bool"):
        render("thank-colleague.en", **{**THANKS, "colleague": True})
    d = render("milestone.en", **{**get_template("milestone.en").example_fields(), "milestone": 1000})
    assert d.fields["milestone"] == "1000" and "1000" in d.text


def test_blank_required_field_counts_as_missing_and_values_are_stripped() -> None:
    with pytest.raises(FieldError, match="missing required field colleague"):
        render("thank-colleague.en", **{**THANKS, "colleague": "   "})
    d = render("thank-colleague.en", **{**THANKS, "colleague": "  Priya \n"})
    assert d.fields["colleague"] == "Priya"


def test_field_value_longer_than_a_post_is_refused() -> None:
    with pytest.raises(FieldError, match="3001 characters; a whole post holds 3000"):
        render("thank-colleague.en", **{**THANKS, "what_it_meant": "x" * 3001})


def test_field_values_are_data_not_template_code() -> None:
    d = render("thank-colleague.en", **{**THANKS, "colleague": "{{ 7 * 7 }} {% if 1 %}x{% endif %}"})
    assert "{{ 7 * 7 }} {% if 1 %}x{% endif %}, this one's for you." in d.text


def test_optional_fields_vanish_cleanly() -> None:
    t = get_template("project-launch.en")
    required = {f.name: f.example for f in t.fields if f.required}
    for v in range(t.variants):
        text = render(t.id, variant=v, **required).text
        assert "\n\n\n" not in text and not text.endswith("\n")
        assert all(line == line.rstrip() for line in text.splitlines())
        assert "Amal" not in text and "#" not in text


def test_draft_review_uses_the_template_language(monkeypatch: pytest.MonkeyPatch) -> None:
    review_module = importlib.import_module("postcraft.pipeline")
    seen: dict[str, Any] = {}

    def fake_review(text: str, **kwargs: Any) -> str:
        seen.update(kwargs, text=text)
        return "reviewed"

    monkeypatch.setattr(review_module, "review", fake_review)
    d = postcraft.render("thank-colleague.da", **get_template("thank-colleague.da").example_fields())
    assert d.review(guidelines="g.yaml") == "reviewed"
    assert seen == {"text": d.text, "lang": "da", "guidelines": "g.yaml"}


def test_draft_review_returns_a_real_review() -> None:
    d = postcraft.render("event-recap.da", **get_template("event-recap.da").example_fields())
    r = d.review()
    assert r.lang == "da" and r.text == d.text


def test_a_draft_rendered_without_the_pipeline_says_how_to_review_it() -> None:
    d = render("event-recap.da", **get_template("event-recap.da").example_fields())
    with pytest.raises(PostcraftError, match=r"postcraft\.render"):
        d.review()


# -- organisation folders ----------------------------------------------------------------------------
def test_folder_templates_are_added_and_can_replace_builtins(tmp_path: Path) -> None:
    write_template(tmp_path, "hello.en", "Hi {{ who }}, I'm new here!\n", fields=WHO)
    write_template(
        tmp_path,
        "thank-colleague.en",
        "Thanks, {{ colleague }}!\n",
        fields="  - name: colleague\n    description: Who.\n    example: Ann\n",
        purpose="thanks",
    )
    ids = {t.id for t in list_templates(folder=tmp_path)}
    assert "hello.en" in ids and "thank-colleague.da" in ids
    mine = get_template("thank-colleague.en", folder=str(tmp_path))
    assert mine.source == "folder" and mine.path == str(tmp_path / "thank-colleague.en.j2")
    assert render("thank-colleague.en", folder=tmp_path, colleague="Bo").text == "Thanks, Bo!"
    assert get_template("thank-colleague.en").source == "builtin"  # only when asked for
    assert render("hello.en", folder=[tmp_path], who="Ada").text == "Hi Ada, I'm new here!"


def test_folder_is_reread_when_a_file_changes(tmp_path: Path) -> None:
    path = write_template(tmp_path, "hello.en", "Hi {{ who }}.\n", fields=WHO)
    assert render("hello.en", folder=tmp_path, who="A").text == "Hi A."
    write_template(tmp_path, "hello.en", "Hello there, {{ who }}.\n", fields=WHO)
    st = path.stat()
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 5_000_000_000))
    assert render("hello.en", folder=tmp_path, who="A").text == "Hello there, A."
    write_template(tmp_path, "bye.en", "Bye {{ who }}.\n", fields=WHO)
    assert "bye.en" in {t.id for t in list_templates(folder=tmp_path)}


def test_subfolders_are_searched_and_duplicates_refused(tmp_path: Path) -> None:
    (tmp_path / "team" / "deep").mkdir(parents=True)
    write_template(tmp_path / "team" / "deep", "hello.en", "Hi {{ who }}.\n", fields=WHO)
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "broken.en.j2").write_text("not a template")
    assert [t.id for t in load_folder(tmp_path)] == ["hello.en"]
    write_template(tmp_path / "team", "hello.en", "Hey {{ who }}.\n", fields=WHO)
    with pytest.raises(ConfigError, match="template id 'hello.en' is defined twice"):
        load_folder(tmp_path)


def test_missing_folder_is_a_config_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="no such folder"):
        list_templates(folder=tmp_path / "nope")


def test_env_var_adds_folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir()
    b.mkdir()
    write_template(a, "hello.en", "Hi {{ who }}.\n", fields=WHO)
    write_template(b, "bye.en", "Bye {{ who }}.\n", fields=WHO)
    monkeypatch.setenv("POSTCRAFT_TEMPLATES", f"{a}{os.pathsep}{b}")
    ids = {t.id for t in list_templates()}
    assert {"hello.en", "bye.en"} <= ids
    # the folder= argument comes last, so it wins over the environment
    c = tmp_path / "c"
    c.mkdir()
    write_template(c, "hello.en", "Howdy {{ who }}.\n", fields=WHO)
    assert render("hello.en", folder=c, who="Al").text == "Howdy Al."


# -- entry points ------------------------------------------------------------------------------------
class FakeEntryPoint:
    def __init__(self, name: str, obj: Any) -> None:
        self.name, self.value, self._obj = name, f"fakepack:{name}", obj

    def load(self) -> Any:
        if isinstance(self._obj, Exception):
            raise self._obj
        return self._obj


class FakeEntryPoints(list[FakeEntryPoint]):
    def select(self, *, group: str) -> list[FakeEntryPoint]:
        return list(self) if group == "postcraft.templates" else []


def use_entry_points(monkeypatch: pytest.MonkeyPatch, *eps: FakeEntryPoint) -> None:
    def fake() -> FakeEntryPoints:
        return FakeEntryPoints(eps)

    monkeypatch.setattr("importlib.metadata.entry_points", fake)
    monkeypatch.setattr("postcraft.registry._may_have_plugins", lambda: True)
    clear_cache()


def test_entry_point_returning_a_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_template(tmp_path, "hello.en", "Hi {{ who }}.\n", fields=WHO)
    use_entry_points(monkeypatch, FakeEntryPoint("acme", str(tmp_path)))
    t = get_template("hello.en")
    assert t.source == "entry point acme"
    assert render("hello.en", who="Jo").text == "Hi Jo."
    assert "thank-colleague.en" in {x.id for x in list_templates()}


def test_entry_point_returning_a_traversable_inside_a_zip(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    src = tmp_path / "src"
    src.mkdir()
    write_template(src, "hej.da", "Hej {{ who }}, jeg er ny her.\n", fields=WHO, lang="da")
    archive = tmp_path / "pack.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.write(src / "hej.da.j2", "pack/templates/hej.da.j2")
    traversable = zipfile.Path(archive, "pack/templates/")
    use_entry_points(monkeypatch, FakeEntryPoint("zipped", lambda: traversable))
    assert render("hej.da", who="Mette").text == "Hej Mette, jeg er ny her."
    assert get_template("hej.da").source == "entry point zipped"


def test_entry_point_that_fails_is_named_and_skipped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from postcraft import registry
    from postcraft.errors import PostcraftWarning

    write_template(tmp_path, "hello.en", "Hi {{ who }}.\n", fields=WHO)
    use_entry_points(
        monkeypatch,
        FakeEntryPoint("broken", ImportError("no module named fakepack")),
        FakeEntryPoint("good", str(tmp_path)),
        FakeEntryPoint("odd", 42),
    )
    with pytest.warns(PostcraftWarning) as caught:
        ids = {t.id for t in list_templates()}
    assert "hello.en" in ids and "thank-colleague.en" in ids  # the healthy pack and the built-ins
    messages = sorted(str(w.message) for w in caught)
    assert len(messages) == 2
    assert "entry point 'broken = fakepack:broken'" in messages[0]
    assert "could not be loaded: ImportError: no module named fakepack" in messages[0]
    assert "must load to a folder of templates" in messages[1] and "not int" in messages[1]
    assert [p.item for p in registry.problems("postcraft.templates")] == ["broken", "odd"]
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # reported once: no warning the second time
        list_templates(lang="en")
    assert len(registry.problems()) == 2


def test_entry_points_are_read_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls = []

    def folder() -> str:
        calls.append(1)
        return str(tmp_path)

    write_template(tmp_path, "hello.en", "Hi {{ who }}.\n", fields=WHO)
    use_entry_points(monkeypatch, FakeEntryPoint("acme", folder))
    list_templates()
    list_templates(lang="en")
    assert len(calls) == 1


# -- properties ------------------------------------------------------------------------------------
BUILTIN_IDS = sorted(t.id for t in list_templates())
VALUE = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=200)


@settings(max_examples=150, deadline=None)
@given(tid=st.sampled_from(BUILTIN_IDS), data=st.data(), seed=st.one_of(st.integers(), st.text(max_size=30)))
def test_any_text_values_render_tidily_or_raise_a_field_error(
    tid: str, data: st.DataObject, seed: int | str
) -> None:
    t = get_template(tid)
    values = {f.name: data.draw(VALUE, label=f.name) for f in t.fields}
    try:
        d = render(tid, seed=seed, **values)
    except FieldError as exc:
        blank = [f.name for f in t.fields if f.required and not values[f.name].strip()]
        assert blank and all(name in str(exc) for name in blank)
        return
    assert 0 <= d.variant < t.variants
    assert d.text == d.text.strip() and "\n\n\n" not in d.text.replace("\r\n", "\n")
    assert all(line == line.rstrip() for line in d.text.split("\n"))
    for f in t.fields:
        if f.required:
            assert d.fields[f.name] == values[f.name].replace("\r\n", "\n").replace("\r", "\n").strip()
