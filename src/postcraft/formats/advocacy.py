"""Coaching pairs and a month's celebration as plain text and Markdown (words in
``data/advocacy.json``). Reads the results' fields; imports no capability at run time.

>>> label("da", "coach.title"), label("en", "coach.since", date="2025-10-01")
('Sparringspar', 'Posted since 2025-10-01')
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, Any

from ..langs import lookup

if TYPE_CHECKING:
    from ..advocacy.celebrate import Celebration
    from ..advocacy.coach import Coaching


@cache
def _table() -> dict[str, dict[str, str]]:
    data: dict[str, dict[str, str]] = json.loads(
        (resources.files("postcraft.formats") / "data" / "advocacy.json").read_text("utf-8")
    )
    return data


def label(lang: str, key: str, **values: Any) -> str:
    """One label in ``lang`` (English when missing), formatted with ``values``."""
    text = lookup({code: t[key] for code, t in _table().items() if key in t}, lang)
    return text.format(**values) if values else text


def _cell(text: Any) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def coaching_text(c: Coaching) -> str:
    """One paragraph per pair: expert → beginner, the reason, whether they posted since."""
    out = [label(c.lang, "coach.title"), ""]
    for p in c.pairs:
        out.append(f"{p.expert} → {p.beginner}")
        out.append(f"  {p.reason}")
        if p.posted_since is not None and c.since is not None:
            yes = label(c.lang, "coach.yes" if p.posted_since else "coach.no")
            out.append(f"  {label(c.lang, 'coach.since', date=c.since.isoformat())}: {yes}")
        out.append("")
    if c.unpaired:
        out.append(label(c.lang, "coach.unpaired"))
        out += [f"  {name}: {why}" for name, why in c.unpaired]
        out.append("")
    return "\n".join(out).rstrip("\n") + "\n"


def coaching_md(c: Coaching) -> str:
    """The pairs as a Markdown table."""
    keys = ["coach.expert", "coach.beginner", "coach.why"]
    head = [label(c.lang, k) for k in keys]
    with_history = c.since is not None
    if with_history:
        assert c.since is not None
        head += [label(c.lang, "coach.posts"), label(c.lang, "coach.since", date=c.since.isoformat())]
    out = [f"# {label(c.lang, 'coach.title')}", "", "| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for p in c.pairs:
        row = [p.expert, p.beginner, p.reason]
        if with_history:
            row += [str(p.posts), label(c.lang, "coach.yes" if p.posted_since else "coach.no")]
        out.append("| " + " | ".join(_cell(x) for x in row) + " |")
    if c.unpaired:
        out += ["", f"## {label(c.lang, 'coach.unpaired')}", ""]
        out += [f"- **{_cell(name)}**: {why}" for name, why in c.unpaired]
    return "\n".join(out) + "\n"


def _month(c: Celebration) -> str:
    return c.month_name or c.month


def celebration_text(c: Celebration) -> str:
    """The shout-outs to share, the personal messages, the ambassador and how they were chosen."""
    lang = c.lang
    out = [label(lang, "celebrate.title", month=_month(c)), ""]
    if not c.shoutouts and c.ambassador is None:
        return "\n".join([*out, label(lang, "celebrate.nothing")]) + "\n"
    if not c.consent_known:
        out += [label(lang, "celebrate.no_roster"), ""]
    for key, items in (("celebrate.public", c.public), ("celebrate.internal", c.internal)):
        if items:
            out += [f"{label(lang, key)}:", ""]
            for s in items:
                who = f" → {s.name}" if s.audience == "internal" and s.name else ""
                out += [f"- {s.text}{who}"]
            out.append("")
    if c.ambassador is not None:
        a = c.ambassador
        heading = label(lang, "celebrate.ambassador")
        if a.audience == "internal":
            heading += f" ({label(lang, 'celebrate.internal')}) → {a.name}"
        out += [f"{heading}:", "", a.text, "", f"{label(lang, 'celebrate.how')}:", "", c.method, ""]
    return "\n".join(out).rstrip("\n") + "\n"


def celebration_md(c: Celebration) -> str:
    """The celebration as Markdown, with every candidate's score."""
    lang = c.lang
    out = [f"# {label(lang, 'celebrate.title', month=_month(c))}", ""]
    if not c.shoutouts and c.ambassador is None:
        return "\n".join([*out, label(lang, "celebrate.nothing")]) + "\n"
    if not c.consent_known:
        out += [f"> {label(lang, 'celebrate.no_roster')}", ""]
    for key, items in (("celebrate.public", c.public), ("celebrate.internal", c.internal)):
        if items:
            out += [f"## {label(lang, key)}", ""]
            out += [
                f"- {s.text}" + (f" *(→ {s.name})*" if s.audience == "internal" and s.name else "")
                for s in items
            ]
            out.append("")
    if c.ambassador is not None:
        a = c.ambassador
        note = f" *({label(lang, 'celebrate.internal')} → {a.name})*" if a.audience == "internal" else ""
        out += [f"## {label(lang, 'celebrate.ambassador')}", "", a.text + note, ""]
        out += [f"### {label(lang, 'celebrate.how')}", "", c.method, ""]
        keys = [
            "celebrate.name",
            "celebrate.posts",
            "celebrate.weeks",
            "celebrate.engaging",
            "celebrate.score",
        ]
        out += ["| " + " | ".join(label(lang, k) for k in keys) + " |", "|" + "---|" * len(keys)]
        hidden = sum(1 for cand in c.candidates if not cand.consent)
        for cand in (x for x in c.candidates if x.consent):
            yes = label(lang, "coach.yes" if cand.engaging else "coach.no")
            out.append(f"| {_cell(cand.name)} | {cand.posts} | {cand.weeks} | {yes} | {cand.score} |")
        if hidden:
            out += ["", label(lang, "celebrate.hidden", n=hidden)]
    return "\n".join(out).rstrip("\n") + "\n"
