"""The programme profile in the roster: purpose, tone, level, amplification — validated with file:line."""

from __future__ import annotations

from pathlib import Path

import pytest

from postcraft.errors import ConfigError
from postcraft.tags.roster import load_roster

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def _file(tmp_path: Path, text: str) -> Path:
    p = tmp_path / "roster.yaml"
    p.write_text(text, encoding="utf-8")
    return p


def test_example_roster_has_profiles() -> None:
    r = load_roster(EXAMPLES / "roster.yaml")
    lars = next(p for p in r.people if p.name == "Lars Jensen")
    assert (
        lars.level == "top_leader" and lars.tone == ("rolig", "ærlig") and lars.amplification == ("ledere",)
    )
    assert lars.purpose == "Forklare vores økonomi i et sprog alle forstår"
    emil = next(p for p in r.people if p.name == "Emil Sørensen")
    assert emil.level == "employee" and emil.purpose is None and not emil.tone
    assert load_roster(r.to_dict()).to_dict() == r.to_dict()


def test_level_short_forms_and_mistakes(tmp_path: Path) -> None:
    r = load_roster({"people": [{"name": "A B", "level": "Manager"}, {"name": "C D", "level": "expert"}]})
    assert [p.level for p in r.people] == ["middle_manager", "internal_expert"]
    bad = _file(tmp_path, "people:\n  - name: A B\n    level: top_leder\n")
    with pytest.raises(ConfigError) as exc:
        load_roster(bad)
    assert exc.value.line == 3 and "did you mean 'top_leader'" in str(exc.value)


def test_too_many_tone_words_and_bad_types(tmp_path: Path) -> None:
    bad = _file(tmp_path, "people:\n  - name: A B\n    purpose: x\n    tone: [a, b, c, d, e, f]\n")
    with pytest.raises(ConfigError) as exc:
        load_roster(bad)
    assert exc.value.line == 4 and "at most 5" in str(exc.value)
    bad = _file(tmp_path, "people:\n  - name: A B\n    amplification: {a: 1}\n")
    with pytest.raises(ConfigError) as exc:
        load_roster(bad)
    assert exc.value.line == 3 and "'amplification' must be a list" in str(exc.value)
    bad = _file(tmp_path, "people:\n  - name: A B\n    purpose: [x]\n")
    with pytest.raises(ConfigError, match="'purpose' must be text"):
        load_roster(bad)
