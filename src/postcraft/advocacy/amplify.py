"""Amplification nudges: after a post, an internal message (Teams, Slack, e-mail) to the group of
colleagues who agreed to engage with each other's posts, naming what there is to respond to —
the post's point, a question it asks, a colleague it thanks — and asking for genuine responses
only. It is not an engagement pod: it never asks for likes to please the algorithm.

Groups come from the roster: each person lists the groups they agreed to take part in
(``amplification: [ledere, eksperter]``), so a group is everyone who lists its name. A separate
groups file (``groups: {name: [person, …]}``) or a list of names still works, e.g. for a CSV
roster. Only roster people with ``consent: true`` are addressed (the others are listed as
withheld). With guidelines that have an ``agreement:`` section, the nudge says what the group
agreed (like, comment, share, tag) in the agreement's own words.

>>> roster = {"people": [{"name": "Mette Hansen", "consent": True},
...                      {"name": "Anders Holm", "consent": True},
...                      {"name": "Lars Jensen", "consent": False}]}
>>> n = nudge("I changed how we plan shifts this week. Thanks to Anders Holm for the idea. "
...           "What would you try first?", group=["Mette Hansen", "Anders Holm", "Lars Jensen"],
...           roster=roster, author="Karen Lund")
>>> n.recipients, n.withheld, n.thanked
(('Mette Hansen', 'Anders Holm'), ('Lars Jensen',), ('Anders Holm',))
>>> print(n.text.splitlines()[0])
Hi Mette Hansen and Anders Holm
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from ..analysis import Analysis, analyze
from ..errors import ConfigError, InputError
from ..langs import resolve

MAX_POINT = 160


@lru_cache(maxsize=1)
def _data() -> dict[str, Any]:
    from ..yamlsrc import load_yaml

    text = (resources.files("postcraft.advocacy") / "data" / "nudges.yaml").read_text("utf-8")
    loaded: dict[str, Any] = load_yaml(text, "nudges.yaml")
    return loaded


@dataclass(frozen=True)
class Nudge:
    """An amplification nudge: the ``text`` to send, whom to (``recipients``, who agreed),
    who was left out (``withheld``: in the group without consent), and what it points to."""

    lang: str
    text: str
    recipients: tuple[str, ...]
    withheld: tuple[str, ...]
    point: str
    question: str | None
    thanked: tuple[str, ...]
    group: str | None = None
    agreement: bool = False

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict."""
        return {
            "lang": self.lang,
            "text": self.text,
            "recipients": list(self.recipients),
            "withheld": list(self.withheld),
            "point": self.point,
            "question": self.question,
            "thanked": list(self.thanked),
            "group": self.group,
            "agreement": self.agreement,
        }


def load_groups(source: str | os.PathLike[str] | Mapping[str, Any]) -> dict[str, tuple[str, ...]]:
    """Amplification groups from a YAML file or dict: ``groups: {name: [person, …]}``."""
    from ..yamlsrc import load_yaml

    if isinstance(source, Mapping):
        raw: Any = source
    else:
        path = Path(source)
        try:
            raw = load_yaml(path.read_text("utf-8"), str(path))
        except OSError as exc:
            raise InputError(f"{path}: cannot read ({exc.strerror})") from None
    groups = raw.get("groups") if isinstance(raw, Mapping) else None
    if not isinstance(groups, Mapping) or not all(isinstance(v, list) for v in groups.values()):
        raise ConfigError("a groups file needs 'groups:' mapping each group name to a list of people")
    return {str(k): tuple(str(x) for x in v) for k, v in groups.items()}


def roster_groups(roster: Any) -> dict[str, tuple[str, ...]]:
    """Amplification groups from the roster: each group name any person lists in
    ``amplification``, with everyone who lists it (in roster order).

    >>> roster_groups({"people": [{"name": "Mette Hansen", "amplification": ["ledere", "hr"]},
    ...                           {"name": "Anders Holm", "amplification": ["ledere"]}]})
    {'ledere': ('Mette Hansen', 'Anders Holm'), 'hr': ('Mette Hansen',)}
    """
    from ..tags import load_roster

    out: dict[str, list[str]] = {}
    for person in load_roster(roster).people:
        for name in person.amplification:
            out.setdefault(name, []).append(person.name)
    return {k: tuple(v) for k, v in out.items()}


def _join(names: Sequence[str], lang: str) -> str:
    return resolve(lang).join(names)


def _clip(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= MAX_POINT else text[: MAX_POINT - 1].rsplit(" ", 1)[0] + "…"


def _sentences(a: Analysis) -> list[str]:
    return [a.text[s.start : s.end].strip() for s in a.sentences if a.text[s.start : s.end].strip()]


def nudge(
    text: str | Analysis,
    *,
    group: Sequence[str] | str,
    roster: Any,
    groups: Any = None,
    author: str | None = None,
    lang: str | None = None,
    guidelines: Any = None,
) -> Nudge:
    """The nudge for a published post ``text`` to ``group`` (a group name, or a list of names),
    in ``lang`` (default: the post's). A group name is looked up in ``groups`` (a groups file or
    dict) when given, else in the roster's ``amplification`` lists (:func:`roster_groups`). The
    author is never nudged. ``guidelines`` with an ``agreement:`` section that covers the group
    (it lists the group, lists no groups, or — for a list of names — every recipient is in one of
    its groups) phrase what to do in the agreement's words."""
    from ..tags import load_roster

    a = text if isinstance(text, Analysis) else analyze(text)  # the post's own language
    out_lang = lang or a.lang
    t: Mapping[str, str] = _data()[out_lang]
    loaded = load_roster(roster)
    group_name: str | None = None
    if isinstance(group, str):
        known = load_groups(groups) if groups is not None else roster_groups(loaded)
        where = "the groups file" if groups is not None else "the roster's amplification lists"
        if group not in known:
            raise InputError(
                f"no amplification group {group!r} in {where}"
                + (f"; groups: {', '.join(known)}" if known else "")
            )
        members: Sequence[str] = known[group]
        group_name = group
    else:
        members = group
    people = {p.name.casefold(): p for p in loaded.people}
    recipients: list[str] = []
    withheld: list[str] = []
    for name in members:
        person = people.get(name.casefold())
        if person is None:
            raise InputError(f"{name!r} is in the group but not in the roster")
        if author is not None and person.name.casefold() == author.casefold():
            continue
        (recipients if person.consent else withheld).append(person.name)
    sentences = _sentences(a)
    point = _clip(sentences[0]) if sentences else ""
    questions = [s for s in sentences if s.endswith("?")]
    question = _clip(questions[-1]) if questions else None
    words = {str(w) for w in _data()["thanks_words"][a.lang]}
    thanked: list[str] = []
    for s in a.sentences:
        toks = a.tokens[s.first : s.last]
        if any(tok.kind == "word" and (tok.lemma in words or tok.lower in words) for tok in toks):
            chunk = a.text[s.start : s.end].casefold()
            thanked += [p.name for k, p in people.items() if k in chunk and p.name not in thanked]
    lines = [t["greeting"].format(names=_join(recipients, out_lang)) if recipients else t["greeting_all"], ""]
    lines.append(
        t["posted"].format(author=author, point=point)
        if author
        else t["posted_anonymous"].format(point=point)
    )
    if question:
        lines.append(t["question"].format(question=question))
    if thanked:
        lines.append(
            t["thanks"].format(thanked=_join(thanked, out_lang), thanked_first=thanked[0].split()[0])
        )
    agreed = _agreement_lines(guidelines, group_name, recipients, people, out_lang)
    lines += ["", *agreed] if agreed else ["", t["guidance"]]
    return Nudge(
        lang=out_lang,
        text="\n".join(lines),
        recipients=tuple(recipients),
        withheld=tuple(withheld),
        point=point,
        question=question,
        thanked=tuple(thanked),
        group=group_name,
        agreement=bool(agreed),
    )


def _agreement_lines(
    guidelines: Any, group: str | None, recipients: Sequence[str], people: Mapping[str, Any], lang: str
) -> list[str]:
    """What the group agreed, in the agreement's words; ``[]`` when no agreement covers it."""
    if guidelines is None:
        return []
    from ..rules import load_guidelines

    a = load_guidelines(guidelines).agreement
    if a is None:
        return []
    if a.groups:
        if group is not None:
            covered = group in a.groups
        else:
            covered = bool(recipients) and all(
                set(people[n.casefold()].amplification) & set(a.groups) for n in recipients
            )
        if not covered:
            return []
    t: Mapping[str, str] = _data()[lang]
    items = [
        t["agreement_like"] if a.like else t["agreement_no_like"],
        a.comment.get(lang) or t["agreement_comment"],
        t["agreement_share"] if a.share else t["agreement_no_share"],
        t["agreement_tag"] if a.tag_colleagues else t["agreement_no_tag"],
    ]
    lines = [t["agreement_intro"], *(f"- {x}" for x in items)]
    if a.note.get(lang):
        lines.append(a.note[lang])
    return [*lines, "", t["guidance_agreed"]]
