"""The public API stays callable whatever submodules are imported."""

from __future__ import annotations

import subprocess
import sys


def test_functions_named_like_submodules_are_not_shadowed() -> None:
    code = (
        "import postcraft, importlib\n"
        "for m in ('postcraft.pipeline', 'postcraft.cli', 'postcraft.tone', 'postcraft.analysis'):\n"
        "    importlib.import_module(m)\n"
        "assert callable(postcraft.review), postcraft.review\n"
        "print('ok')\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert proc.stdout.strip() == "ok", proc.stderr


def test_public_names_resolve() -> None:
    import postcraft

    for name in postcraft.__all__:
        assert getattr(postcraft, name) is not None, name


def test_dotted_imports_of_subpackages_named_like_functions() -> None:
    code = (
        "import postcraft\n"
        "import postcraft.insights.compute as c\n"
        "import postcraft.templates.registry as r\n"
        "from postcraft.pipeline import Review\n"
        "assert callable(postcraft.insights) and callable(postcraft.templates) and callable(postcraft.review)\n"
        "assert postcraft.review('Tak for i dag, alle sammen!').lang == 'da'\n"
        "assert len(postcraft.templates(lang='en')) >= 12\n"
        "import inspect; assert 'guidelines' in inspect.signature(postcraft.review).parameters\n"
        "print('ok')\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert proc.stdout.strip() == "ok", proc.stderr


def test_errors_survive_pickling_with_their_attributes() -> None:
    import pickle

    from postcraft.errors import ConfigError, UnsupportedLanguageError
    from postcraft.registry import PluginError
    from postcraft.templates.errors import FieldError, UnknownTemplateError

    errors = [
        UnsupportedLanguageError("de"),
        ConfigError("bad key", path="g.yaml", line=3),
        PluginError("broken", dist="acme-postcraft", entry_point="acme"),
        UnknownTemplateError("nope.da", ["thank-colleague.da"]),
        FieldError("thank-colleague.da", ["missing field 'who'"], []),
    ]
    for err in errors:
        again = pickle.loads(pickle.dumps(err))
        assert type(again) is type(err) and str(again) == str(err)
        assert again.__dict__ == err.__dict__
