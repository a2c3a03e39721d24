"""Rich (HTML) views of rendered drafts, single templates and template listings."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from ...langs import DEFAULT
from .base import CELL, MUTED, TEXT_STYLE, FoldMark, badge, esc, label, marked_text, root, section

if TYPE_CHECKING:
    from ...templates import Draft, Template


def _ui_lang(langs: Iterable[str]) -> str:
    found = set(langs)
    return found.pop() if len(found) == 1 else DEFAULT


def draft_html(draft: Draft) -> str:
    """The rich view of a rendered draft: the template it came from, the variant, the text with
    the "…see more" fold marked, and the field values used.

    >>> from postcraft.templates import get_template
    >>> t = get_template("thank-colleague.en")
    >>> "thank-colleague.en" in draft_html(t.render(**t.example_fields()))
    True
    """
    from ...analysis import analyze

    t = draft.template
    lang = t.lang
    a = analyze(draft.text, lang=lang)
    head = (
        f'<div style="display:flex;flex-wrap:wrap;gap:0.2em 0.6em;align-items:baseline">'
        f'<span style="font-weight:600">{esc(t.title)}</span>'
        f'<code style="font-size:0.88em">{esc(t.id)}</code>'
        f'<span style="{MUTED};font-size:0.9em">{esc(label(lang, "variant", n=draft.variant, of=t.variants))}'
        f" · {a.linkedin_length:,}/3,000 {esc(label(lang, 'characters'))}</span></div>"
    )
    body = marked_text(draft.text, (), FoldMark(a.fold.desktop, a.fold.mobile), lang)
    text = f'<div data-postcraft="text" lang="{esc(lang)}" style="{TEXT_STYLE}">{body}</div>'
    rows = "".join(
        f'<tr><td style="{CELL};font-weight:600"><code>{esc(name)}</code></td>'
        f'<td style="{CELL};white-space:pre-wrap">{esc(value)}</td></tr>'
        for name, value in draft.fields.items()
    )
    table = f'<table style="border-collapse:collapse">{rows}</table>'
    fields = section(label(lang, "fields")) + table if rows else ""
    return root("draft", head + text + fields, lang)


def _fields_cell(t: Template) -> str:
    return ", ".join(
        f"<code>{esc(f.name)}</code>" + ("" if f.required else f'<span style="{MUTED}">?</span>')
        for f in t.fields
    )


def template_html(template: Template) -> str:
    """The rich view of one template: what it is for, its roles and variants, and every field
    with its description, whether it is required and an example.

    >>> from postcraft.templates import get_template
    >>> "colleague" in template_html(get_template("thank-colleague.en"))
    True
    """
    t = template
    lang = t.lang
    roles = " ".join(badge(r.replace("_", " "), "#57606a") for r in t.roles)
    head = (
        f'<div style="display:flex;flex-wrap:wrap;gap:0.2em 0.6em;align-items:baseline">'
        f'<span style="font-weight:600">{esc(t.title)}</span>'
        f'<code style="font-size:0.88em">{esc(t.id)}</code>'
        f'<span style="{MUTED};font-size:0.9em">{esc(label(lang, "purpose"))}: {esc(t.purpose)} · '
        f"{t.variants} {esc(label(lang, 'variants'))}</span> {roles}</div>"
        f"<div>{esc(t.description)}</div>"
    )
    rows = "".join(
        f'<tr><td style="{CELL}"><code>{esc(f.name)}</code></td>'
        f'<td style="{CELL}">{esc(label(lang, "required" if f.required else "optional"))}</td>'
        f'<td style="{CELL}">{esc(f.description)}'
        f'<div style="{MUTED};font-size:0.9em">{esc(label(lang, "example"))}: {esc(f.example)}</div>'
        "</td></tr>"
        for f in t.fields
    )
    fields = section(label(lang, "fields")) + f'<table style="border-collapse:collapse">{rows}</table>'
    return root("template", head + fields, lang)


def templates_html(templates: Iterable[Template]) -> str:
    """A table of templates: id, language, purpose, roles, title and description, fields
    (``?`` marks optional ones) and the number of variants.

    >>> from postcraft.templates import list_templates
    >>> html = templates_html(list_templates(lang="da"))
    >>> html.count('data-postcraft="template-row"') == len(list_templates(lang="da"))
    True
    """
    items = list(templates)
    lang = _ui_lang(t.lang for t in items)
    heads = ("id", "language", "purpose", "roles", "title", "fields", "variants")
    head = "".join(f'<th style="{CELL};font-weight:600">{esc(label(lang, h))}</th>' for h in heads)
    rows = "".join(
        f'<tr data-postcraft="template-row" data-id="{esc(t.id)}">'
        f'<td style="{CELL};white-space:nowrap"><code>{esc(t.id)}</code></td>'
        f'<td style="{CELL}">{esc(t.lang)}</td>'
        f'<td style="{CELL}">{esc(t.purpose)}</td>'
        f'<td style="{CELL}">{esc(", ".join(r.replace("_", " ") for r in t.roles))}</td>'
        f'<td style="{CELL}"><span style="font-weight:600">{esc(t.title)}</span>'
        f'<div style="{MUTED};font-size:0.9em">{esc(t.description)}</div></td>'
        f'<td style="{CELL}">{_fields_cell(t)}</td>'
        f'<td style="{CELL};text-align:right">{t.variants}</td></tr>'
        for t in items
    )
    title = section(f"{label(lang, 'templates')} ({len(items)})")
    table = (
        f'<table style="border-collapse:collapse"><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>'
    )
    return root("templates", title + table, lang)
