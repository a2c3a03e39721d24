"""``postcraft tags`` and ``postcraft roster``: tag suggestions and roster checks on the command line."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

KINDS = ("people", "companies", "experts", "hashtags")


def register(subparsers: Any) -> None:
    """Add the ``tags`` and ``roster`` sub-commands to the ``postcraft`` parser."""
    p = subparsers.add_parser(
        "tags",
        help="suggest who and what a draft should tag, and why",
        description="Suggest colleagues, experts, company pages and hashtags for a draft. "
        "--format copy/little prints the draft with the accepted suggestions applied "
        "(copy-ready text, or the Posts API's little text).",
    )
    p.add_argument("file", metavar="FILE", help="draft file (UTF-8), or - for standard input")
    p.add_argument("--roster", metavar="FILE", default=None, help="roster file (YAML or CSV)")
    p.add_argument("--guidelines", metavar="FILE", default=None, help="guideline file (YAML)")
    p.add_argument("--lang", choices=("da", "en"), default=None, help="skip language detection")
    p.add_argument("--format", choices=("text", "json", "copy", "little"), default="text")
    p.add_argument(
        "--accept",
        default="people,companies,hashtags",
        metavar="KINDS",
        help="for copy/little: which suggestions to apply, from people, companies, experts, "
        "hashtags (default: people,companies,hashtags; experts only when their action is 'tag')",
    )
    p.set_defaults(func=_cmd_tags)

    r = subparsers.add_parser(
        "roster",
        help="check a roster file and summarise it",
        description="Check a roster file (YAML or CSV): every mistake is reported with its line.",
    )
    r.add_argument("file", metavar="FILE", help="roster file (.yaml, .yml or .csv)")
    r.add_argument("--format", choices=("text", "json"), default="text")
    r.set_defaults(func=_cmd_roster)


def _accepted_kinds(value: str) -> tuple[str, ...]:
    from ..errors import InputError

    kinds = tuple(k.strip() for k in value.split(",") if k.strip())
    bad = [k for k in kinds if k not in KINDS]
    if bad:
        raise InputError(f"--accept: unknown kind {bad[0]!r}; use {', '.join(KINDS)}")
    return kinds


def _cmd_tags(args: argparse.Namespace) -> int:
    from ..cli import read_input
    from . import suggest_tags, to_copy_text, to_little_text

    kinds = _accepted_kinds(args.accept)
    text = read_input(args.file)
    guidelines = None
    if args.guidelines is not None:
        from ..rules.guidelines import load_guidelines

        guidelines = load_guidelines(args.guidelines)
    result = suggest_tags(text, roster=args.roster, guidelines=guidelines, lang=args.lang)
    out = sys.stdout
    if args.format == "json":
        json.dump(result.to_dict(), out, ensure_ascii=False, indent=2)
        out.write("\n")
        return 0
    if args.format in ("copy", "little"):
        accepted = [s for kind in kinds for s in getattr(result, kind)]
        render = to_copy_text if args.format == "copy" else to_little_text
        body = render(text, accepted)
        out.write(body if body.endswith("\n") else body + "\n")
        return 0
    a = result.analysis
    lines: list[str] = []
    for s in result.all():
        where = ""
        if s.start is not None and a is not None:
            pos = a.position(s.start)
            where = f"{pos.line}:{pos.column}"
        action = f" [{s.action}]" if s.kind == "expert" else ""
        lines.append(f"{where:<7} {s.kind:<8} {s.target}{action}  ({s.score:.2f})  {s.reason}")
    for n in result.ambiguous + result.withheld:
        where = ""
        if a is not None:
            npos = a.position(n.start)
            where = f"{npos.line}:{npos.column}"
        lines.append(f"{where:<7} {'note':<8} {n.text!r}  {n.reason}")
    if not lines:
        lines.append("No tags to suggest.")
    out.write("\n".join(lines) + "\n")
    return 0


def _cmd_roster(args: argparse.Namespace) -> int:
    from . import load_roster

    roster = load_roster(args.file)
    if args.format == "json":
        json.dump(roster.to_dict(), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return 0
    people = roster.people
    agreed = sum(p.consent for p in people)
    experts = [p for p in people if p.expert and p.consent]
    no_urn = [p.name for p in people if p.consent and p.urn is None]
    employer = roster.employer
    lines = [
        f"{args.file}: OK",
        f"  people: {len(people)} ({agreed} agreed to be tagged, {len(people) - agreed} not)",
        f"  experts who can be suggested: {len(experts)}",
        f"  company pages: {len(roster.companies)}"
        + (f" (employer: {employer.name})" if employer is not None else " (no 'employer: true')"),
        f"  organisation hashtags: {', '.join(h.tag for h in roster.hashtags) or 'none'}",
    ]
    if no_urn:
        lines.append(f"  no URN (tag by hand; not in little text): {', '.join(no_urn)}")
    sys.stdout.write("\n".join(lines) + "\n")
    return 0
