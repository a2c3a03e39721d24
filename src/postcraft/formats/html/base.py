"""HTML building blocks shared by every HTML view: escaping, labels, colours, the marked-up text.

Everything here produces self-contained HTML: inline ``style`` attributes only, no ``<style>``
element (notebook sanitisers and exported pages keep attributes more reliably), no script, no
font and no external resource. Colours work on light and dark notebook themes: text colour is
inherited, highlights are translucent and badges are solid with white text.
"""

from __future__ import annotations

import html
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from ...langs import DEFAULT, lookup

# defined with the plain-text reports (which need no HTML), used here too
from ..report import MAX_LENGTH as MAX_LENGTH
from ..report import SEVERITIES as SEVERITIES
from ..report import severity_counts as severity_counts

# -- colours (readable on white and on dark grey backgrounds) ---------------------------------
SEVERITY_RANK = {s: i for i, s in enumerate(SEVERITIES)}


SEVERITY_COLOR = {"error": "#d1242f", "warning": "#b35900", "suggestion": "#0969da"}
SEVERITY_LINE = {
    # underline colour, line style and its distance below the text: nested spans of different
    # severities draw their lines at different depths, so overlapping findings stay visible.
    "error": ("#e5484d", "solid", 1),
    "warning": ("#e8890c", "dashed", 4),
    "suggestion": ("#3b82f6", "dotted", 7),
}
DIRECTION_BG = {"personal": "rgba(46,160,67,0.24)", "corporate": "rgba(163,113,247,0.30)"}
DIRECTION_COLOR = {"personal": "#1a7f37", "corporate": "#8250df"}
FOLD_COLOR = "#6e7781"
BORDER = "rgba(128,128,128,0.35)"
SUBTLE_BG = "rgba(128,128,128,0.08)"
ROOT_STYLE = (
    "font-family:system-ui,-apple-system,'Segoe UI',Roboto,'Helvetica Neue',Arial,sans-serif;"
    "font-size:14px;line-height:1.5;color:inherit;margin:0.25em 0"
)
TEXT_STYLE = (
    "white-space:pre-wrap;overflow-wrap:anywhere;line-height:2;font-size:15px;padding:0.6em 0.9em;"
    f"border:1px solid {BORDER};border-radius:6px;background:{SUBTLE_BG};margin:0.5em 0"
)
SECTION_STYLE = "font-weight:600;margin:0.9em 0 0.3em 0"
MUTED = "opacity:0.72"
CELL = f"text-align:left;vertical-align:top;padding:0.3em 0.6em;border-bottom:1px solid {BORDER}"


def esc(value: object) -> str:
    """Escape any value for HTML text or a double-quoted attribute.

    >>> esc('<script>alert("x")</script>')
    '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;'
    """
    return html.escape(str(value), quote=True)


@lru_cache(maxsize=1)
def _all_labels() -> dict[str, dict[str, str]]:
    data: dict[str, dict[str, str]] = json.loads(
        (resources.files("postcraft.formats.html") / "data" / "labels.json").read_text("utf-8")
    )
    return data


def labels(lang: str | None) -> Mapping[str, str]:
    """The user-interface words in ``lang`` (a language without labels gives its fallback's).

    >>> labels("da")["findings"]
    'Fund'
    """
    table = _all_labels()
    return lookup(table, lang)


def label(lang: str | None, key: str, **values: object) -> str:
    """One label, formatted; an unknown key falls back to English, then to the key's last part."""
    text = labels(lang).get(key) or labels(DEFAULT).get(key) or key.rsplit(".", 1)[-1].replace("_", " ")
    return text.format(**values) if values else text


def badge(text: str, color: str, *, title: str | None = None, attrs: str = "") -> str:
    """A small solid badge with white text (readable on any background); ``text`` is escaped."""
    t = f' title="{esc(title)}"' if title else ""
    return (
        f'<span{t}{attrs} style="display:inline-block;background:{color};color:#fff;border-radius:3px;'
        f'padding:0 0.4em;font-size:0.82em;line-height:1.5;font-weight:600;white-space:nowrap">'
        f"{esc(text)}</span>"
    )


def section(title: str) -> str:
    """A section heading (a ``div``: notebook themes restyle ``h1``–``h6`` unpredictably)."""
    return f'<div style="{SECTION_STYLE}">{esc(title)}</div>'


def root(kind: str, body: str, lang: str | None = None, *, wide: bool = False) -> str:
    """Wrap a display in its root element, marked ``data-postcraft`` for tests and tools."""
    la = f' lang="{esc(lang)}"' if lang else ""
    style = ROOT_STYLE + (";max-width:none" if wide else ";max-width:60em")
    return f'<div class="postcraft" data-postcraft="{esc(kind)}"{la} style="{style}">{body}</div>'


def severity_line_style(severity: str) -> str:
    """The underline of one severity (unknown severities look like suggestions)."""
    color, style, depth = SEVERITY_LINE.get(severity, SEVERITY_LINE["suggestion"])
    return f"border-bottom:2px {style} {color};padding-bottom:{depth}px"


def severity_sample(severity: str, text: str) -> str:
    """A legend sample: ``text`` underlined the way findings of ``severity`` are."""
    return f'<span style="{severity_line_style(severity)}">{esc(text)}</span>'


def direction_sample(direction: str, text: str) -> str:
    """A legend sample: ``text`` highlighted the way tone drivers of ``direction`` are."""
    return (
        f'<span style="background:{DIRECTION_BG.get(direction, SUBTLE_BG)};border-radius:2px;'
        f'padding:0 2px">{esc(text)}</span>'
    )


# -- marked text -------------------------------------------------------------------------------
@dataclass(frozen=True)
class Mark:
    """A span to mark in a text: a finding (``level`` = severity) or a tone driver
    (``level`` = direction). ``number`` links a finding to its entry in the list below the text."""

    start: int
    end: int
    kind: str  # "finding" or "driver"
    level: str
    title: str
    number: int | None = None


@dataclass(frozen=True)
class FoldMark:
    """Where the feed cuts the post: ``desktop`` and ``mobile`` code-point offsets."""

    desktop: int
    mobile: int


def fold_marker(lang: str | None, which: str, *, sample: bool = False) -> str:
    """The inline "…see more" marker (``which`` is ``desktop``, ``mobile`` or ``both``);
    ``sample=True`` gives the legend's copy, which is not marked as a fold."""
    data = "" if sample else f'data-postcraft="fold" data-fold="{esc(which)}" '
    return (
        f'<span {data}style="display:inline-block;'
        f"border:1px dashed {FOLD_COLOR};color:inherit;border-radius:3px;padding:0 0.35em;margin:0 0.2em;"
        f'font-size:0.78em;line-height:1.4;white-space:nowrap;opacity:0.85">'
        f"✂ {esc(label(lang, 'fold.' + which))}</span>"
    )


def finding_number(number: int, severity: str, title: str) -> str:
    """The small numbered marker placed where a finding ends."""
    color = SEVERITY_COLOR.get(severity, SEVERITY_COLOR["suggestion"])
    return (
        f'<sup data-postcraft="finding-ref" title="{esc(title)}" style="color:{color};font-weight:700;'
        f'font-size:0.7em;margin:0 1px;user-select:none">[{number}]</sup>'
    )


def marked_text(
    text: str,
    marks: Sequence[Mark] = (),
    fold: FoldMark | None = None,
    lang: str | None = None,
) -> str:
    """``text``, escaped, with every mark applied and the fold shown.

    The text is split at every span boundary, so overlapping and nested spans render
    correctly: each piece is wrapped once per severity that covers it (each severity draws its
    underline at its own depth) and highlighted by the tone driver that covers it; its tooltip
    lists everything that covers it. Text after the desktop fold is dimmed.

    >>> m = [Mark(0, 5, "finding", "error", "e"), Mark(3, 8, "finding", "warning", "w")]
    >>> html = marked_text("Hello <b>!", m)
    >>> html.count('data-findings="'), "&lt;b" in html, "<b>" in html
    (3, True, False)
    """
    n = len(text)
    clamped = [(max(0, min(m.start, n)), max(0, min(max(m.end, m.start), n)), m) for m in marks]
    bounds = {0, n}
    for s, e, _ in clamped:
        bounds.add(s)
        bounds.add(e)
    folded = fold is not None and fold.desktop < n
    if fold is not None and folded:
        bounds.add(max(0, min(fold.desktop, n)))
        bounds.add(max(0, min(fold.mobile, n)))
    points = sorted(bounds)
    # markers that sit at an offset: finding numbers where findings end, then the fold
    at: dict[int, list[str]] = {}
    for _s, e, m in clamped:
        if m.kind == "finding" and m.number is not None:
            at.setdefault(e, []).append(finding_number(m.number, m.level, m.title))
    if fold is not None and folded:
        d, mo = max(0, min(fold.desktop, n)), max(0, min(fold.mobile, n))
        if d == mo:
            at.setdefault(d, []).append(fold_marker(lang, "both"))
        else:
            at.setdefault(mo, []).append(fold_marker(lang, "mobile"))
            at.setdefault(d, []).append(fold_marker(lang, "desktop"))
    out: list[str] = []
    for i, a in enumerate(points):
        out.extend(at.get(a, ()))
        if i + 1 == len(points):
            break
        b = points[i + 1]
        if a == b:
            continue
        covering = [m for s, e, m in clamped if s <= a and e >= b and s < e]
        out.append(_piece(text[a:b], covering, dim=folded and fold is not None and a >= fold.desktop))
    return "".join(out)


def _piece(chunk: str, covering: Iterable[Mark], *, dim: bool) -> str:
    marks = list(covering)
    inner = esc(chunk)
    if not marks and not dim:
        return inner
    drivers = [m for m in marks if m.kind == "driver"]
    findings = sorted((m for m in marks if m.kind == "finding"), key=lambda m: SEVERITY_RANK.get(m.level, 9))
    style = []
    if drivers:
        style.append(f"background:{DIRECTION_BG.get(drivers[0].level, SUBTLE_BG)};border-radius:2px")
    if dim:
        style.append(MUTED)
    if style:
        inner = f'<span style="{";".join(style)}">{inner}</span>'
    for sev in sorted({m.level for m in findings}, key=lambda s: -SEVERITY_RANK.get(s, 9)):
        inner = f'<span style="{severity_line_style(sev)}">{inner}</span>'
    if not marks:
        return inner
    title = "\n".join(m.title for m in findings + drivers)
    numbers = " ".join(str(m.number) for m in findings if m.number is not None)
    data = f' data-findings="{numbers}"' if findings else ""
    if drivers:
        data += f' data-tone="{esc(drivers[0].level)}"'
    return f'<span title="{esc(title)}"{data}>{inner}</span>'
