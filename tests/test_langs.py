"""Languages come from ``postcraft.langs`` only: no module hard-codes a language code, and a new
language is one module in ``src/postcraft/langs/`` plus data (``DATA_REQUIRED``/``DATA_OPTIONAL``).

The fake-language tests copy the package, add ``langs/sv.py`` (Swedish, with no data at all) and
run postcraft from the copy in a subprocess: what fails must be exactly the required data; once
that data exists (here: copies of the English files), every feature works in Swedish.
"""

from __future__ import annotations

import ast
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from postcraft import langs
from postcraft.errors import UnsupportedLanguageError
from postcraft.langs import SUPPORTED, normalize_lang

SRC = Path(__file__).resolve().parents[1] / "src" / "postcraft"

# -- (a) no language codes in code -----------------------------------------------------------

#: (file, top-level name) → why a language code may be written there. Keep this short.
ALLOWED = {
    ("analysis/langid.py", "_LETTER_CUES"): "identification weighs the letters of ~12 languages, "
    "supported or not: it must recognise the languages it refuses",
    ("analysis/langid.py", "_SPELLING_CUES"): "as _LETTER_CUES: spellings that tell languages apart",
    ("templates/sandbox.py", "_AT_ORG_LANG"): "the at_org filter's documented default: the built-in "
    "Danish templates call it without lang",
}

_CODES = "|".join(SUPPORTED)
#: A code alone, a quoted code inside a text ("lang must be 'da'"), or two codes joined
#: ("da/en", "da, en", "da|en", "da or en").
_SUSPECT = re.compile(
    rf"^(?:{_CODES})$|['\"](?:{_CODES})['\"]|\b(?:{_CODES})\s*(?:\||/|,|\band\b|\bor\b)\s*(?:{_CODES})\b"
)


def _docstrings(tree: ast.AST) -> set[int]:
    """Documentation strings: bare string statements (docstrings and attribute docs)."""
    return {
        id(node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Expr)
        and isinstance(node.value, ast.Constant)
        and isinstance(node.value.value, str)
    }


def _top_name(stmt: ast.stmt) -> str:
    if isinstance(stmt, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
        return stmt.name
    targets = stmt.targets if isinstance(stmt, ast.Assign) else [getattr(stmt, "target", None)]
    names = [t.id for t in targets if isinstance(t, ast.Name)]
    return names[0] if names else f"<line {stmt.lineno}>"


def language_literals(root: Path = SRC) -> dict[tuple[str, str], list[str]]:
    """(file, top-level name) → the suspicious strings in it, outside ``langs/`` and docstrings."""
    found: dict[tuple[str, str], list[str]] = {}
    for path in sorted(root.rglob("*.py")):
        rel = path.relative_to(root).as_posix()
        if rel.startswith("langs/"):
            continue
        tree = ast.parse(path.read_text("utf-8"))
        docs = _docstrings(tree)
        for stmt in tree.body:
            for node in ast.walk(stmt):
                if (
                    isinstance(node, ast.Constant)
                    and isinstance(node.value, str)
                    and id(node) not in docs
                    and _SUSPECT.search(node.value)
                ):
                    found.setdefault((rel, _top_name(stmt)), []).append(f"line {node.lineno}: {node.value!r}")
    return found


def test_no_language_code_is_written_outside_langs() -> None:
    found = language_literals()
    unexpected = {f"{f}::{name}": hits for (f, name), hits in found.items() if (f, name) not in ALLOWED}
    assert not unexpected, (
        "ask postcraft.langs (SUPPORTED, DEFAULT, LANGUAGES, pick, lookup, …) instead of writing "
        f"language codes: {json.dumps(unexpected, indent=1, ensure_ascii=False)}"
    )
    stale = [key for key in ALLOWED if key not in found]
    assert not stale, f"allow-list entries with nothing to allow any more; remove them: {stale}"


def test_the_scan_catches_what_it_should() -> None:
    for text in (
        "da",
        "lang must be 'da' or 'en'",
        "must map da/en to lists",
        r"\.(da|en)$",
        "da, en or auto",
    ):
        assert _SUSPECT.search(text), text
    for text in ("data", "Danish", "then", "Odense", "en dag", "da-DK is Danish"):
        assert not _SUSPECT.search(text), text


# -- (c) normalize_lang ----------------------------------------------------------------------


@pytest.mark.parametrize("given", ["da", "DA", " da ", "da-DK", "da_DK", "da-dk"])
def test_normalize_lang_accepts_spellings_of_a_supported_code(given: str) -> None:
    assert normalize_lang(given) == "da"


@pytest.mark.parametrize("given", ["sv", "sv-SE", "nb", "", "dansk"])
def test_normalize_lang_refuses_other_languages(given: str) -> None:
    with pytest.raises(UnsupportedLanguageError) as err:
        normalize_lang(given)
    assert err.value.lang == given.lower().replace("_", "-").split("-")[0]
    assert "postcraft supports Danish ('da') and English ('en')" in str(err.value)
    assert "Pass lang='da' or lang='en'" in str(err.value)


def test_the_registry() -> None:
    assert SUPPORTED == ("da", "en") and langs.DEFAULT == "en"
    assert langs.get("da-DK").name == "Danish" and langs.get("en").native == "English"
    assert langs.fallbacks("da") == ("da", "en") and langs.fallbacks("xx") == ("xx", "en")
    assert (
        langs.pick({"da": "", "en": "Hi"}, "da") == "Hi" and langs.lookup({"da": "", "en": "Hi"}, "da") == ""
    )
    assert [langs.get(c).number(1234567.25, 2) for c in SUPPORTED] == ["1.234.567,25", "1,234,567.25"]
    assert langs.listing() == "Danish and English"


def test_every_supported_language_has_all_its_data() -> None:
    def section(rel: str) -> object:
        text = (SRC / rel).read_text("utf-8")
        return json.loads(text) if rel.endswith(".json") else yaml.safe_load(text)

    for code in SUPPORTED:
        assert (SRC / "analysis" / "data" / f"{code}_lemmas.marisa").is_file()
        assert (SRC / "tone" / "models" / f"tone-{code}.json").is_file()
        assert (SRC / "tags" / "data" / f"hashtags.{code}.yaml").is_file()
        assert any((SRC / "templates" / "builtin" / code).glob(f"*.{code}.j2"))
        for rel in (
            "tone/data/lexicon.yaml",
            "tags/data/messages.yaml",
            "rules/data/messages.yaml",
            "lsp/data/messages.yaml",
            "formats/html/data/labels.json",
            "formats/data/insights.json",
            "analysis/data/langid.json",
        ):
            data = section(rel)
            assert isinstance(data, dict) and code in data, f"{rel} has no {code!r} section"
        for other in SUPPORTED:
            assert f"lang.{code}" in section("formats/html/data/labels.json")[other]  # type: ignore[index]


# -- (b) a fake third language ---------------------------------------------------------------

SWEDISH = '''"""Swedish: a stand-in made by tests/test_langs.py."""

from ._language import Language


def org_preposition(name: str) -> str:
    return "på"


LANGUAGE = Language(
    code="sv", name="Swedish", native="svenska", decimal=",", thousands="\\u00a0", fallback="en",
    org_preposition=org_preposition, prepositions=frozenset({"på", "hos", "i"}),
)
'''
SV_TEXT = "Jag är glad över mitt nya jobb. Vi har byggt något fint tillsammans och jag har lärt mig mycket!"


@pytest.fixture(scope="module")
def swedish_tree(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the package with ``langs/sv.py`` added and no Swedish data."""
    root = tmp_path_factory.mktemp("sv") / "src"
    shutil.copytree(SRC, root / "postcraft", ignore=shutil.ignore_patterns("__pycache__"))
    (root / "postcraft" / "langs" / "sv.py").write_text(SWEDISH, "utf-8")
    return root


def _run(root: Path, code: str) -> object:
    env = {**os.environ, "PYTHONPATH": str(root), "POSTCRAFT_TEMPLATES": ""}
    proc = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=300, env=env, cwd=root
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    return json.loads(proc.stdout.strip().splitlines()[-1])


def _probe_script(with_data: bool) -> str:
    return f"""
import json
import postcraft
from postcraft import langs
from postcraft.errors import ConfigError, MissingLanguageDataError

out = {{"supported": list(langs.SUPPORTED), "file": postcraft.__file__, "failures": []}}
probes = {{
    "analyze": lambda: [t.lemma for t in postcraft.analyze({SV_TEXT!r}, lang="sv").words],
    "tone model": lambda: __import__("postcraft.tone.model", fromlist=["x"]).builtin_model("sv"),
    "tone lexicon": lambda: __import__("postcraft.tone.features", fromlist=["x"]).lexicon("sv"),
    "hashtags": lambda: __import__("postcraft.tags.vocab", fromlist=["x"]).builtin("sv"),
    "rules": lambda: postcraft.check("Jeg er glad for mit nye job.", lang="da"),
}}
for label, probe in probes.items():
    try:
        probe()
    except MissingLanguageDataError as exc:
        out["failures"].append([label, "missing", exc.lang, exc.what])
    except ConfigError as exc:
        out["failures"].append([label, "config", str(exc)])
    except Exception as exc:
        out["failures"].append([label, "CODE", type(exc).__name__, str(exc)])
if {with_data!r}:
    from postcraft.cli import main
    from postcraft.formats.labels import number
    from postcraft.lsp.features import messages
    r = postcraft.review({SV_TEXT!r}, lang="sv")
    auto = postcraft.review({SV_TEXT!r})
    out["review"] = [r.analysis.lang, r.tone.label, len(r.findings), auto.analysis.lang]
    out["html"] = 'lang="sv"' in r._repr_html_()
    out["json"] = r.to_dict()["lang"]
    out["number"] = number(1234.5, "sv")
    out["lsp"] = messages("sv") == messages("en")
    out["templates"] = [t.id for t in postcraft.templates(lang="sv")]
    out["others"] = [postcraft.review("Jeg er glad for mit nye job.").analysis.lang,
                     postcraft.review("I am happy with my new job.").analysis.lang]
    with open("draft.txt", "w", encoding="utf-8") as f:
        f.write({SV_TEXT!r})
    out["cli"] = main(["check", "--lang", "sv", "draft.txt"])
print(json.dumps(out))
"""


def test_a_new_language_is_one_module(swedish_tree: Path) -> None:
    out = _run(
        swedish_tree,
        "import json, postcraft\nfrom postcraft import langs\n"
        "from postcraft.cli import build_parser\n"
        "from postcraft.templates.fileformat import _ID_RE\n"
        "args = build_parser().parse_args(['check', '--lang', 'sv', 'x.txt'])\n"
        "print(json.dumps([list(langs.SUPPORTED), langs.normalize_lang('sv-SE'), args.lang,"
        " bool(_ID_RE.match('thank-colleague.sv')), langs.listing(), langs.fallbacks('sv')]))",
    )
    assert out == [
        ["da", "en", "sv"],
        "sv",
        "sv",
        True,
        "Danish, English and Swedish",
        ["sv", "en"],
    ]


def test_without_its_data_only_the_required_data_is_missing(swedish_tree: Path) -> None:
    out = _run(swedish_tree, _probe_script(with_data=False))
    assert isinstance(out, dict) and out["file"].startswith(str(swedish_tree))
    failures = out["failures"]
    assert not [f for f in failures if f[1] == "CODE"], failures
    missing = {f[3] for f in failures if f[1] == "missing"}
    packs = [f[2] for f in failures if f[1] == "config"]
    assert len(packs) == 1 and "rules/packs/" in packs[0] and "has no sv text" in packs[0], packs
    required = {entry.format(code="sv") for entry in langs.DATA_REQUIRED}
    assert missing | {next(e for e in required if e.startswith("rules/packs/"))} == required


def _add_swedish_data(root: Path) -> None:
    """The required data, as copies of the English (what a translator would replace)."""
    pkg = root / "postcraft"
    shutil.copy(pkg / "analysis/data/en_lemmas.marisa", pkg / "analysis/data/sv_lemmas.marisa")
    model = json.loads((pkg / "tone/models/tone-en.json").read_text("utf-8"))
    model["lang"] = "sv"
    (pkg / "tone/models/tone-sv.json").write_text(json.dumps(model), "utf-8")
    shutil.copy(pkg / "tags/data/hashtags.en.yaml", pkg / "tags/data/hashtags.sv.yaml")
    lexicon = pkg / "tone/data/lexicon.yaml"
    doc = yaml.safe_load(lexicon.read_text("utf-8"))
    doc["sv"] = doc["en"]
    lexicon.write_text(yaml.safe_dump(doc, allow_unicode=True), "utf-8")
    for pack in (pkg / "rules/packs").glob("*.yaml"):
        doc = yaml.safe_load(pack.read_text("utf-8"))
        for rule in doc["rules"]:
            if isinstance(rule.get("message"), dict):
                rule["message"]["sv"] = rule["message"]["en"]
        pack.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), "utf-8")


def test_with_the_required_data_everything_works(swedish_tree: Path) -> None:
    _add_swedish_data(swedish_tree)
    out = _run(swedish_tree, _probe_script(with_data=True))
    assert isinstance(out, dict)
    assert out["failures"] == []
    lang, label, _, detected = out["review"]
    assert lang == "sv" and label in ("personal", "mixed", "corporate") and detected == "sv"
    assert out["html"] is True and out["json"] == "sv"
    assert out["number"] == "1\u00a0234,5"
    assert out["lsp"] is True  # no Swedish server texts: the English ones
    assert out["templates"] == []  # no Swedish templates yet: none listed
    assert out["others"] == ["da", "en"]
    assert out["cli"] in (0, 1)
