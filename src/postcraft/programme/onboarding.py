"""Onboarding one person: the questions (in Danish or English, ``data/onboarding.yaml``), their
answers turned into a roster entry, and the roster file updated without touching the rest of it.

The roster file keeps every line outside the person's entry as it was (comments included); the
person's own entry is written anew in the file's style (``  - name: …`` with two-space keys), so
comments inside that one entry are not kept. The result is validated before it is written.

>>> text = "# our roster\\npeople:\\n  - name: Mette Hansen  # HR\\n    consent: true\\n"
>>> print(update_roster_text(text, "Emil Sørensen", {"purpose": "Vise faget", "topics": ["el", "service", "lærlinge"]}))
# our roster
people:
  - name: Mette Hansen  # HR
    consent: true
  - name: Emil Sørensen
    topics: [el, service, lærlinge]
    purpose: Vise faget
<BLANKLINE>
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import yaml

from ..errors import ConfigError, InputError
from ..langs import DEFAULT, SUPPORTED, listing
from ..yamlsrc import LineDict, line_of, load_yaml

#: The order keys are written in a person's entry.
KEY_ORDER = (
    "name", "aliases", "nicknames", "urn", "profile", "role", "team", "level", "topics", "languages",
    "expert", "consent", "purpose", "tone", "amplification",
)  # fmt: skip


@dataclass(frozen=True)
class Question:
    """One onboarding question: the roster key it fills, its kind and its text."""

    key: str
    kind: str
    text: str


@cache
def _data() -> dict[str, Any]:
    text = (resources.files("postcraft.programme") / "data" / "onboarding.yaml").read_text("utf-8")
    data: dict[str, Any] = load_yaml(text, "<postcraft>/programme/data/onboarding.yaml")
    return data


def questions(lang: str = DEFAULT) -> tuple[Question, ...]:
    """The questions in ``lang``.

    >>> [q.key for q in questions("en")][:3]
    ['purpose', 'tone', 'topics']
    """
    return tuple(Question(str(q["key"]), str(q["kind"]), str(q[lang])) for q in _data()["questions"])


def message(lang: str, key: str, **values: Any) -> str:
    """One of the onboarding messages in ``lang``."""
    return str(_data()["messages"][key][lang]).format(**values)


def parse_answer(question: Question, answer: str) -> Any:
    """An answer as the roster value: text, a list (comma-separated), a level, languages.

    >>> parse_answer(Question("tone", "list", ""), " varm, direkte ,")
    ['varm', 'direkte']
    """
    answer = " ".join(answer.split())
    if question.kind == "list":
        return [x.strip() for x in re.split(r"[,;]", answer) if x.strip()]
    if question.kind == "langs":
        langs = [x.strip().lower() for x in re.split(r"[,;\s]+", answer) if x.strip()]
        bad = [x for x in langs if x not in SUPPORTED]
        if bad:
            raise InputError(f"languages are {listing(codes=True)}, not {', '.join(bad)}")
        return langs
    return answer


def check_topics(topics: Any, lang: str) -> None:
    """Onboarding asks for 3–5 topics; anything else is an :class:`InputError`."""
    if topics is not None and not 3 <= len(topics) <= 5:
        raise InputError(message(lang, "topics_count", n=len(topics)))


def _plain(value: Any) -> Any:
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    return value


def _scalar(value: Any) -> str:
    out = yaml.safe_dump(_plain(value), allow_unicode=True, default_flow_style=True, width=10_000)
    return out.removesuffix("\n...\n").strip()


def entry_lines(entry: Mapping[str, Any]) -> list[str]:
    """A person's entry as YAML lines in the roster's style (empty values left out)."""
    keys = [k for k in KEY_ORDER if k in entry] + [k for k in entry if k not in KEY_ORDER]
    lines: list[str] = []
    for key in keys:
        value = entry[key]
        if value is None or value == [] or value == "" or (key in ("expert", "consent") and value is False):
            continue
        lines.append(("  - " if not lines else "    ") + f"{key}: {_scalar(value)}")
    return lines


def update_roster_text(text: str, name: str, answers: Mapping[str, Any]) -> str:
    """``text`` (a roster YAML file) with ``name``'s entry merged with ``answers`` (keys of
    ``KEY_ORDER``; ``None`` leaves a key as it was), or a new entry added to ``people:``."""
    doc = load_yaml(text) if text.strip() else None
    if doc is None:
        doc = LineDict()
    if not isinstance(doc, dict):
        raise ConfigError("the roster file must be a mapping with 'people:'")
    lines = text.splitlines()
    people = doc.get("people")
    entry: dict[str, Any] = {"name": name}
    index = None
    if isinstance(people, list):
        for i, item in enumerate(people):
            if (
                isinstance(item, dict)
                and " ".join(str(item.get("name", "")).split()).casefold() == name.casefold()
            ):
                index = i
                entry = {k: v for k, v in item.items()}
    entry.update({k: v for k, v in answers.items() if v is not None})
    block = entry_lines(entry)
    if isinstance(people, list) and people:
        starts = [line_of(people, i) or 1 for i in range(len(people))]
        if index is not None:
            first = starts[index] - 1
            end = starts[index + 1] - 1 if index + 1 < len(starts) else _block_end(lines, first)
            end = _trim_back(lines, first, end)
            lines[first:end] = block
        else:
            last = starts[-1] - 1
            end = _trim_back(lines, last, _block_end(lines, last))
            lines[end:end] = block
    elif "people" in doc:
        at = (line_of(doc, "people") or 1) - 1
        lines[at] = "people:"
        lines[at + 1 : at + 1] = block
    else:
        lines += ([""] if lines and lines[-1].strip() else []) + ["people:"] + block
    return "\n".join(lines) + "\n"


def _block_end(lines: list[str], first: int) -> int:
    """The index after the list item starting at ``first``: the next line at the item's indent or less."""
    indent = len(lines[first]) - len(lines[first].lstrip())
    i = first + 1
    while i < len(lines):
        s = lines[i]
        if s.strip() and not s.lstrip().startswith("#") and len(s) - len(s.lstrip()) <= indent:
            break
        i += 1
    return i


def _trim_back(lines: list[str], first: int, end: int) -> int:
    """Leave blank and comment lines that precede the next item where they are."""
    while end > first + 1 and (not lines[end - 1].strip() or lines[end - 1].lstrip().startswith("#")):
        end -= 1
    return end
