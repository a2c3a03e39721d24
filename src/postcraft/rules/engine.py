"""Run a guideline set over an :class:`~postcraft.Analysis` and return sorted findings."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from ..analysis import Analysis, analyze
from ..errors import InputError
from ..langs import localized, pick
from ..yamlsrc import load_data
from .base import Context, Rule
from .finding import Finding, Positions, least_applicable, make_finding
from .guidelines import Guidelines, load_guidelines

if TYPE_CHECKING:
    from .markers import Marked


@lru_cache(maxsize=1)
def _messages() -> dict[str, dict[str, str]]:
    data: dict[str, dict[str, str]] = load_data("postcraft.rules", "data/messages.yaml", lines=False)
    return data


def message(lang: str, key: str, **values: Any) -> str:
    """postcraft's own finding text ``key`` in ``lang`` (``data/messages.yaml``), filled in.

    >>> message("da", "regex_timeout", label="x", pattern="'a+'")[:40]
    'Et mønster i retningslinjerne (x) tog fo'
    """
    table = _messages()
    return pick({code: texts.get(key, "") for code, texts in table.items()}, lang).format_map(
        localized(values, lang)
    )


def active_rules(g: Guidelines, disable: Iterable[str]) -> tuple[Rule, ...]:
    """The rules of ``g`` that run when the rule id prefixes in ``disable`` are switched off."""
    prefixes = tuple(disable)
    if not prefixes:
        return g.rules
    for p in prefixes:
        if not any(r == p or r.startswith(p + ".") for r in g.known_ids) and p not in ("postcraft",):
            import difflib  # only for the message

            close = difflib.get_close_matches(p, sorted(g.known_ids), n=1)
            hint = f"; did you mean {close[0]!r}?" if close else ""
            raise InputError(f"cannot disable {p!r}: no rule has that id or id prefix{hint}")
    return tuple(r for r in g.rules if not any(r.id == p or r.id.startswith(p + ".") for p in prefixes))


def run_rules(
    analysis: Analysis,
    g: Guidelines,
    rules: Iterable[Rule],
    tone: object | None = None,
    where: Positions | None = None,
    colleagues: frozenset[str] = frozenset(),
) -> list[Finding]:
    """Run ``rules`` over ``analysis``; positions are computed with ``where`` (default: the analysis)."""
    lang = analysis.lang
    ctx = Context(analysis, g.index, g.settings, tone, colleagues, g.regex_budget)
    pos = where or analysis
    out: list[Finding] = []
    for rule in rules:
        info = rule.info
        if lang not in info.langs:
            continue
        template = info.messages.get(lang, "")
        for hit in rule.run(ctx):
            params = localized(hit.params, lang)
            out.append(
                make_finding(
                    pos,
                    info.id,
                    info.severity,
                    template.format_map(params),
                    hit.start,
                    hit.end,
                    hit.replacements,
                    g.help_for(rule, lang),
                    least_applicable(hit.applicability, info.applicability),
                )
            )
    for m, pattern in ctx.timeouts:
        start, end = ctx.content
        msg = message(lang, "regex_timeout", label=m.label, pattern=repr(pattern))
        out.append(make_finding(pos, "postcraft.regex-timeout", "warning", msg, start, end, help=g.help))
    budget = ctx.regex_budget
    if budget.skipped:
        start, end = ctx.content
        msg = message(lang, "regex_budget", ms=round(budget.total * 1000), skipped=budget.skipped)
        out.append(make_finding(pos, "postcraft.regex-budget", "warning", msg, start, end, help=g.help))
    return out


def check_analysis(
    analysis: Analysis,
    guidelines: Guidelines | str | Mapping[str, Any] | None = None,
    *,
    disable: Iterable[str] = (),
    tone: object | None = None,
    colleagues: Iterable[str] = (),
) -> list[Finding]:
    """Check an analysed draft against guidelines (default: the built-in packs).

    ``disable`` switches rules off by id or id prefix (``"linkedin"`` → every ``linkedin.*``).
    ``tone`` is a tone score (``.label``, ``.personal``) for the ``voice`` pack; without it
    the voice rule is skipped. ``colleagues`` are the names of roster colleagues who agreed to
    be tagged (rules with ``unless_colleague`` read them). Inline markers in the text (see :mod:`postcraft.rules.markers`)
    are honoured; spans always refer to ``analysis.text``. Sorted by (start, end, rule).

    >>> from postcraft.analysis import analyze
    >>> [f.rule for f in check_analysis(analyze("Hej #a #b #c #d #e #f #g #h", lang="da"))]
    ['linkedin.hashtags.count']
    """
    g = load_guidelines(guidelines)
    rules = active_rules(g, disable)
    agreed = _name_keys(tuple(colleagues))
    if "<!--" in analysis.text and _has_markers(analysis.text):  # .markers only for such a draft
        from .markers import parse_markers

        marked = parse_markers(analysis.text)
        clean = analyze(marked.clean, lang=analysis.lang)
        findings = _remap(run_rules(clean, g, rules, tone, colleagues=agreed), marked, analysis)
    else:
        findings = run_rules(analysis, g, rules, tone, colleagues=agreed)
    findings.sort(key=lambda f: (f.start, f.end, f.rule))
    return findings


def _has_markers(text: str) -> bool:
    from .markers import has_markers

    return has_markers(text)


@lru_cache(maxsize=64)
def _name_keys(names: tuple[str, ...]) -> frozenset[str]:
    """Names as the rules compare them: spaces collapsed, case folded (cached: a roster's names
    reach every review)."""
    return frozenset(" ".join(n.split()).casefold() for n in names if n.strip())


def _remap(findings: list[Finding], marked: Marked, original: Positions) -> list[Finding]:
    out: list[Finding] = []
    for f in findings:
        start = marked.to_original(f.start)
        end = max(start, marked.to_original(f.end, end=True))
        if any(r.covers(f.rule, start) for r in marked.regions):
            continue
        out.append(
            make_finding(
                original, f.rule, f.severity, f.message, start, end, f.replacements, f.help, f.applicability
            )
        )
    for start, end, verb in marked.bad:
        out.append(
            make_finding(
                original,
                "postcraft.marker",
                "warning",
                f"Unknown postcraft marker '{verb}'; write 'disable', 'enable' or 'disable-next-line'. "
                "It would be published as it is.",
                start,
                end,
            )
        )
    return out
