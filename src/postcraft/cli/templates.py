"""``postcraft templates`` and ``postcraft draft``: list templates and render a first draft.

Nothing heavy is imported until a command runs, so registering these commands costs nothing
for the rest of the CLI.
"""

from __future__ import annotations

import argparse
from typing import Any

from ..errors import InputError
from ..formats.ui import text
from ..templates.model import ROLES
from .common import add_format, add_lang, ui_lang, write, write_json


def register(subparsers: Any) -> None:
    """Add the ``templates`` and ``draft`` sub-commands to the ``postcraft`` parser."""
    p = subparsers.add_parser(
        "templates",
        help="list draft templates (filter by language, role, purpose)",
        description="List the draft templates: built-in, from installed packs, POSTCRAFT_TEMPLATES "
        "and --folder.",
    )
    add_lang(p, help="only templates in this language")
    p.add_argument("--role", choices=ROLES, default=None, help="only templates for this role")
    p.add_argument("--purpose", default=None, help="e.g. thanks, event_recap, job_opening")
    p.add_argument("--folder", action="append", metavar="DIR", help="your organisation's template folder")
    add_format(p)
    p.set_defaults(func=_cmd_templates)

    d = subparsers.add_parser(
        "draft",
        help="render a template into a first draft",
        description="Render a template into a first draft. Values are text: --set name=value. "
        "Run without --set to see the template's fields.",
    )
    d.add_argument("template_id", metavar="TEMPLATE_ID", help="e.g. thank-colleague.en")
    d.add_argument(
        "--set",
        dest="fields",
        action="append",
        default=[],
        metavar="FIELD=VALUE",
        help="a field's value (repeat for each field)",
    )
    d.add_argument("--examples", action="store_true", help="fill fields you do not --set with their examples")
    pick = d.add_mutually_exclusive_group()
    pick.add_argument("--variant", type=int, default=0, metavar="N", help="phrasing number, from 0")
    pick.add_argument("--seed", default=None, metavar="SEED", help="pick a phrasing from a number or a name")
    d.add_argument("--review", action="store_true", help="review the draft too (exit 1 on error findings)")
    d.add_argument("--folder", action="append", metavar="DIR", help="your organisation's template folder")
    add_format(d)
    d.set_defaults(func=_cmd_draft)


def _cmd_templates(args: argparse.Namespace) -> int:
    from ..formats.text import template_line
    from ..templates import list_templates

    found = list_templates(lang=args.lang, role=args.role, purpose=args.purpose, folder=args.folder)
    if args.format == "json":
        write_json([t.to_dict() for t in found])
        return 0
    if not found:
        purposes = sorted({t.purpose for t in list_templates(folder=args.folder)})
        write("No template matches. Purposes: " + ", ".join(purposes) + "\n")
        return 0
    write("\n".join(template_line(t) for t in found))
    write("* required field. Render one with: postcraft draft TEMPLATE_ID --set field=value …\n")
    return 0


def parse_sets(items: list[str], lang: str | None = None) -> dict[str, str]:
    """``["a=1", "b=x=y"]`` → ``{"a": "1", "b": "x=y"}``; ``\\n`` in a value becomes a line break."""
    out: dict[str, str] = {}
    for item in items:
        name, sep, value = item.partition("=")
        name = name.strip()
        if not sep or not name:
            raise InputError(text(lang, "cli.set_needs_value", item=repr(item)))
        if name in out:
            raise InputError(text(lang, "cli.set_twice", name=name))
        out[name] = value.replace("\\n", "\n")
    return out


def _cmd_draft(args: argparse.Namespace) -> int:
    from ..templates import get_template

    template = get_template(args.template_id, folder=args.folder)
    given: dict[str, str] = parse_sets(args.fields, ui_lang(args))
    if args.examples:
        given = {**template.example_fields(), **given}
    seed: int | str | None = args.seed
    if isinstance(seed, str) and seed.lstrip("-").isdigit():
        seed = int(seed)
    draft = template.render(variant=args.variant, seed=seed, **given)

    result = None
    if args.review:
        from ..pipeline import review

        result = review(draft.text, lang=draft.lang)
    if args.format == "json":
        data: dict[str, Any] = {"draft": draft.to_dict()}
        if result is not None:
            data["review"] = result.to_dict()
        write_json(data)
    else:
        write(draft.text + "\n")
        if result is not None:
            from ..formats.text import review_report

            write("\n--- review ---\n" + review_report(result, ui_lang(args, result.analysis.lang)))
    return 1 if result is not None and result.has_errors else 0
