"""The guideline document: an organisation's guideline file as something a person reads.

What we do and don't (the active rules, their messages and their examples), disclosure in
plain words with the public sources, what is confidential, the like/tag agreement and where to
get help. The words are data (``data/guide.yaml``); presentation is in ``postcraft.formats``
(Markdown, HTML, .docx).

>>> g = guide({"organisation": {"name": "Contoso", "programme": "agreed"}}, lang="da")
>>> g.title, [s.id for s in g.sections][:3]
('Sådan skriver vi på LinkedIn hos Contoso', ['do', 'dont', 'disclosure'])
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from ..errors import InputError
from ..langs import DEFAULT, SUPPORTED, lookup
from ..yamlsrc import load_yaml


@dataclass(frozen=True)
class Item:
    """One line of the document: ``kind`` is ``do``, ``dont`` or ``info``; ``good``/``bad``
    are example posts (a rule's pass and trigger examples)."""

    text: str
    kind: str = "info"
    good: tuple[str, ...] = ()
    bad: tuple[str, ...] = ()
    rule: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict."""
        return {
            "text": self.text,
            "kind": self.kind,
            "good": list(self.good),
            "bad": list(self.bad),
            "rule": self.rule,
        }


@dataclass(frozen=True)
class Source:
    """A public source the document cites."""

    title: str
    url: str

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict."""
        return {"title": self.title, "url": self.url}


@dataclass(frozen=True)
class HelpContact:
    """A help contact as the document shows it (topic in the document's language)."""

    topic: str
    topic_label: str
    name: str | None = None
    email: str | None = None
    channel: str | None = None
    hours: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict."""
        return {
            "topic": self.topic,
            "topic_label": self.topic_label,
            "name": self.name,
            "email": self.email,
            "channel": self.channel,
            "hours": self.hours,
        }


@dataclass(frozen=True)
class Section:
    """A section: paragraphs, items, contacts and sources, any of which may be empty."""

    id: str
    title: str
    paragraphs: tuple[str, ...] = ()
    items: tuple[Item, ...] = ()
    contacts: tuple[HelpContact, ...] = ()
    sources: tuple[Source, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict."""
        return {
            "id": self.id,
            "title": self.title,
            "paragraphs": list(self.paragraphs),
            "items": [i.to_dict() for i in self.items],
            "contacts": [c.to_dict() for c in self.contacts],
            "sources": [s.to_dict() for s in self.sources],
        }


@dataclass(frozen=True)
class Guide:
    """The guideline document in one language."""

    lang: str
    title: str
    intro: str
    sections: tuple[Section, ...]
    path: str | None = None

    def section(self, section_id: str) -> Section | None:
        """The section with ``section_id`` (``do``, ``dont``, ``disclosure``, ``confidentiality``,
        ``agreement``, ``help``), if the document has it."""
        return next((s for s in self.sections if s.id == section_id), None)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict."""
        return {
            "lang": self.lang,
            "title": self.title,
            "intro": self.intro,
            "path": self.path,
            "sections": [s.to_dict() for s in self.sections],
        }

    def _repr_html_(self) -> str:
        from ..formats.html.programme import guide_html

        return guide_html(self)


@cache
def _words() -> dict[str, Any]:
    text = (resources.files("postcraft.programme") / "data" / "guide.yaml").read_text("utf-8")
    data: dict[str, Any] = load_yaml(text, "<postcraft>/programme/data/guide.yaml")
    return data


def _examples(examples: Any, which: str, lang: str) -> tuple[str, ...]:
    """The first short example post of ``which`` (``pass``/``trigger``) in ``lang``, if any."""
    if not isinstance(examples, Mapping):
        return ()
    part = examples.get(which)
    if isinstance(part, Mapping):
        part = part.get(lang)
    if isinstance(part, str):
        part = [part]
    for x in part or ():
        if isinstance(x, Mapping) and set(x) <= {"text", "tone"}:
            x = x.get("text")
        if isinstance(x, str) and len(x) <= 200:
            return (x,)
    return ()


def _plain(message: str) -> str:
    """A rule message without its placeholders' quotes left empty."""
    for a, b in (("»{match}«", "…"), ("“{match}”", "…"), ("{match}", "…"), ("{replacement}", "…")):
        message = message.replace(a, b)
    import re

    return re.sub(r"\{[a-z_]+\}", "…", message)


def guide(guidelines: Any = None, lang: str = DEFAULT) -> Guide:
    """The guideline document for ``guidelines`` (a path, dict, Guidelines or ``None`` for the
    built-in packs) in ``lang``.

    Rules the organisation wrote itself come first in "what we don't do", each with its message
    and one example that triggers it and one that passes; the built-in packs' rules follow with
    the severity error first.
    """
    from ..rules import load_guidelines

    if lang not in SUPPORTED:
        raise InputError(f"lang must be one of {', '.join(SUPPORTED)}, not {lang!r}")
    g = load_guidelines(guidelines)
    w = _words()
    org = g.organisation.name or str(lookup(w["us"], lang))
    fmt: dict[str, str] = {"org": org}
    title = str(w["title"][lang]).format(**fmt)
    sections: list[Section] = []

    dos: list[Item] = []
    donts: list[Item] = []
    active = {r.id: r for r in g.rules}
    for rid, spec in w["builtin"].items():
        rule = active.get(rid)
        if rule is None:
            continue
        text = str(spec[lang]).format(max_hashtags=g.max_hashtags)
        good = _examples(rule.info.examples, "pass", lang)
        bad = _examples(rule.info.examples, "trigger", lang) if spec["kind"] == "dont" else ()
        (dos if spec["kind"] == "do" else donts).append(Item(text, str(spec["kind"]), good, bad, rid))
    for rule in g.rules:
        if rule.info.pack is not None or (rule.info.langs and lang not in rule.info.langs):
            continue
        own_words = _plain(rule.info.messages.get(lang, ""))
        # the description is written once (usually in English); the message is in each language
        message = (
            rule.info.description
            if rule.info.description and (lang == DEFAULT or not own_words)
            else own_words
        )
        if not message:
            continue
        item = Item(
            message,
            "dont",
            _examples(rule.info.examples, "pass", lang),
            _examples(rule.info.examples, "trigger", lang),
            rule.id,
        )
        donts.insert(
            sum(1 for i in donts if i.rule and i.rule in active and active[i.rule].info.pack is None), item
        )
    if dos:
        sections.append(Section("do", str(w["sections"]["do"][lang]), items=tuple(dos)))
    if donts:
        sections.append(Section("dont", str(w["sections"]["dont"][lang]), items=tuple(donts)))

    d = w["disclosure"]
    paragraphs = d["agreed" if g.organisation.programme == "agreed" else "other"][lang]
    sections.append(
        Section(
            "disclosure",
            str(w["sections"]["disclosure"][lang]).format(**fmt),
            paragraphs=tuple(str(p).format(**fmt) for p in paragraphs),
            sources=tuple(Source(str(s["title"]), str(s["url"])) for s in d["sources"]),
        )
    )

    c = w["confidentiality"]
    conf_items = tuple(
        Item(f"{label[lang]}: {', '.join(g.lists.get(name, ()))}", "dont")
        for name, label in c["lists"].items()
        if g.lists.get(name)
    )
    if conf_items:
        sections.append(
            Section(
                "confidentiality",
                str(w["sections"]["confidentiality"][lang]),
                paragraphs=(str(c["intro"][lang]),),
                items=conf_items,
            )  # fmt: skip
        )

    a = g.agreement
    if a is not None:
        aw = w["agreement"]
        paras: list[str] = []
        if a.groups:
            paras.append(str(aw["groups"][lang]).format(groups=", ".join(a.groups)))
        items: list[Item] = []
        if a.like:
            items.append(Item(str(aw["like"][lang]), "do"))
        if a.comment.get(lang):
            items.append(Item(a.comment[lang], "do"))
        items.append(Item(str(aw["share" if a.share else "no_share"][lang]), "do"))
        items.append(
            Item(str(aw["tag" if a.tag_colleagues else "no_tag"][lang]), "do" if a.tag_colleagues else "dont")
        )
        if a.note.get(lang):
            paras.append(a.note[lang])
        sections.append(
            Section("agreement", str(w["sections"]["agreement"][lang]), tuple(paras), tuple(items))
        )

    contacts = tuple(
        HelpContact(x.topic, x.label(lang), x.name, x.email, x.channel, x.hours) for x in g.contacts
    )
    help_paras = (g.help,) if g.help else ()
    if contacts or help_paras:
        sections.append(Section("help", str(w["sections"]["help"][lang]), help_paras, contacts=contacts))
    return Guide(lang, title, str(w["intro"][lang]), tuple(sections), g.path)
