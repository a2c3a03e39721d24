"""``postcraft onboard NAME --roster R``: ask a person for their purpose, tone and topics (or take
them as flags), write their roster entry, and propose their first three posts."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..langs import SUPPORTED, from_locale
from .common import write


def prompt(question: str) -> str:
    """Ask one question on the terminal (tests replace this function to feed answers)."""
    return input(question + "\n> ")


def register(subparsers: Any) -> None:
    """Add the ``onboard`` sub-command."""
    p = subparsers.add_parser(
        "onboard",
        help="walk a person through their profile (purpose, tone, topics) and propose three first posts",
        description="Ask a person why they post, how they want to sound and what about; write their "
        "roster entry (the rest of the file is kept) and propose their first three posts. Every answer "
        "can be given as a flag instead, for scripts.",
    )
    p.add_argument("name", metavar="NAME", help="the person's full name, as in the roster")
    p.add_argument("--roster", metavar="FILE", required=True, help="roster file (YAML); created if missing")
    p.add_argument(
        "--lang", choices=SUPPORTED, default=None, help="language of the questions (default: your locale's)"
    )
    p.add_argument("--purpose", default=None, help="why I post")
    p.add_argument("--tone", action="append", default=None, metavar="WORD", help="a tone word (repeat)")
    p.add_argument("--topic", action="append", default=None, metavar="TOPIC", help="a topic (repeat; 3–5)")
    p.add_argument(
        "--level", default=None, help="top_leader, middle_manager, employee, internal_expert, new_employee"
    )
    p.add_argument("--role", default=None, help="job title")
    p.add_argument("--team", default=None, help="team or department")
    p.add_argument("--language", action="append", default=None, choices=SUPPORTED, dest="languages",
                   help="a language the person posts in (repeat)")  # fmt: skip
    p.add_argument(
        "--amplification",
        action="append",
        default=None,
        metavar="GROUP",
        help="an amplification group (repeat)",
    )
    p.add_argument("--no-input", action="store_true", help="ask nothing; use only the flags")
    p.set_defaults(func=_cmd_onboard)


def _cmd_onboard(args: argparse.Namespace) -> int:
    from ..io import write_atomic
    from ..programme.onboarding import check_topics, message, parse_answer, questions, update_roster_text
    from ..programme.planning import ideas
    from ..tags.roster import load_roster

    lang = args.lang or from_locale()
    path = Path(args.roster)
    if path.suffix.lower() not in (".yaml", ".yml"):
        raise InputError("onboard writes YAML rosters; convert a CSV roster to YAML first")
    text = path.read_text("utf-8-sig") if path.exists() else ""
    current = load_roster(path) if text.strip() else None
    person = (
        next((p for p in current.people if p.name.casefold() == args.name.casefold()), None)
        if current
        else None
    )
    given: dict[str, Any] = {
        "purpose": args.purpose,
        "tone": args.tone,
        "topics": args.topic,
        "level": args.level,
        "role": args.role,
        "team": args.team,
        "languages": args.languages,
        "amplification": args.amplification,
    }
    interactive = not args.no_input
    if interactive:
        write(message(lang, "intro", name=args.name) + "\n")
    for q in questions(lang):
        if given.get(q.key) is not None or not interactive:
            continue
        have = getattr(person, q.key, None) if person is not None else None
        shown = ", ".join(have) if isinstance(have, tuple) else (have or "")
        while True:
            answer = prompt(q.text + (f" [{shown}]" if shown else ""))
            if not answer.strip():
                break
            try:
                value = parse_answer(q, answer)
                if q.key == "topics":
                    check_topics(value, lang)
            except InputError as exc:
                print(str(exc), file=sys.stderr)
                continue
            given[q.key] = value
            break
    check_topics(given["topics"], lang)
    new_text = update_roster_text(text, person.name if person else args.name, given)
    # validate the whole file before it replaces the old one
    from ..tags.roster import _from_mapping
    from ..yamlsrc import load_yaml

    roster = _from_mapping(load_yaml(new_text, str(path)), path=str(path))
    write_atomic(path, new_text.encode("utf-8"))
    write(message(lang, "saved", path=str(path)) + "\n\n" + message(lang, "first_posts") + "\n")
    me = next(p for p in roster.people if p.name.casefold() == args.name.casefold())
    for n, idea in enumerate(ideas(me, lang), start=1):
        write(f"{n}. {idea.template}" + (f" – {idea.topic}" if idea.topic else "") + f"\n   {idea.why}\n")
        write("   " + message(lang, "draft", template=idea.template) + "\n")
    return 0
