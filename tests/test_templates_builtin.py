"""The built-in template library: coverage of the method, and every variant reads as a personal post."""

from __future__ import annotations

import re
from collections import defaultdict

import pytest

from postcraft.analysis import analyze
from postcraft.templates import ROLES, Template, get_template, list_templates, render

# The method in the issue, one purpose per kind of post.
PURPOSES = {
    "why_linkedin",  # a leader explains why the organisation starts on LinkedIn and invites colleagues
    "learned_this_week",
    "behind_the_scenes",
    "milestone",
    "thanks",
    "ask_network",
    "event_recap",
    "expert_tip",
    "welcome",
    "job_opening",
    "mistake_lesson",
    "project_launch",
    "strategy",  # leaders: our strategy in my own words
    "front_line",  # leaders: what I learned from the front line this week
    "changed_mind",  # leaders: a decision I changed my mind on
    "customer_story",  # leaders: a customer story that stuck with me
    "getting_started",  # experts: how I got started on LinkedIn
    "advice_newcomers",  # experts: three things I'd tell a new colleague
}

BUILTIN = [t for t in list_templates() if t.source == "builtin"]
CASES = [pytest.param(t, v, id=f"{t.id}-{v}") for t in BUILTIN for v in range(t.variants)]

BOILERPLATE = re.compile(
    r"proud to (announce|share|present)|pleased to|excited to (announce|share)|thrilled|"
    r"stolte? (af at|over at) (kunne )?(præsentere|annoncere|meddele)|glæde(r os| mig) at kunne|"
    r"læs mere|read more|learn more|click here|klik her|link in bio",
    re.IGNORECASE,
)
FIRST_PERSON = {
    "en": re.compile(r"\b(I|I'm|I've|I'd|I'll|me|my)\b"),
    "da": re.compile(r"\b(jeg|mig|min|mit|mine)\b", re.I),
}


def test_library_covers_the_method_in_both_languages() -> None:
    by_lang: dict[str, set[str]] = defaultdict(set)
    for t in BUILTIN:
        by_lang[t.lang].add(t.purpose)
    assert by_lang["da"] == PURPOSES and by_lang["en"] == PURPOSES
    assert sum(t.lang == "da" for t in BUILTIN) >= 12 and sum(t.lang == "en" for t in BUILTIN) >= 12
    assert get_template("leader-why-linkedin.da").roles[0] == "top_leader"


def test_every_role_has_templates_in_both_languages() -> None:
    for lang in ("da", "en"):
        for role in ROLES:
            assert list_templates(lang=lang, role=role), (lang, role)


def test_languages_pair_up_with_the_same_fields() -> None:
    """Each Danish template has an English twin with the same id stem and field names."""
    for t in (t for t in BUILTIN if t.lang == "da"):
        twin = get_template(t.id[:-3] + ".en")
        assert twin.purpose == t.purpose and set(twin.roles) == set(t.roles)
        assert [f.name for f in twin.fields] == [f.name for f in t.fields]
        assert [f.required for f in twin.fields] == [f.required for f in t.fields]


@pytest.mark.parametrize("t", BUILTIN, ids=lambda t: t.id)
def test_metadata_is_complete(t: Template) -> None:
    assert t.variants >= 2
    assert t.title and t.description and len(t.description) < 200
    assert all(f.description and f.example for f in t.fields)
    assert t.fields[-1].name == "hashtags" and not t.fields[-1].required


@pytest.mark.parametrize(("t", "variant"), CASES)
def test_every_variant_reads_as_a_personal_post(t: Template, variant: int) -> None:
    text = render(t.id, variant=variant, **t.example_fields()).text
    a = analyze(text)
    assert a.lang == t.lang, "the language detector must agree: Danish written natively"
    assert a.linkedin_length < 3000
    lines = text.split("\n")
    hook = lines[0]
    assert hook.strip() and len(hook) <= 140, "a hook in the first line, before the fold"
    assert a.fold.desktop >= len(hook), "the hook is not cut by '…see more'"
    assert len(a.paragraphs) >= 3 and "\n\n" in text, "short paragraphs with line breaks"
    assert all(len(p) < 400 for p in text.split("\n\n")), "no wall of text"
    assert not re.search(r"\b[A-ZÆØÅ]{3,}\b", text), "no SHOUTING"
    assert len(a.hashtags) <= 3
    assert all(re.fullmatch(r"#[A-ZÆØÅ][\wæøåÆØÅ]*", h.text) for h in a.hashtags), "CamelCase hashtags"
    if a.hashtags:
        assert lines[-1].startswith("#"), "hashtags at the end, not in the sentences"
    assert not a.urls and not a.emails and not a.mentions, "no links, e-mails or @-tags in the body"
    assert not BOILERPLATE.search(text)
    assert len(FIRST_PERSON[t.lang].findall(text)) >= 2, "written in the first person"
    assert "  " not in text and " ." not in text and " ," not in text and ".." not in text
    assert "{" not in text and "}" not in text


@pytest.mark.parametrize("t", BUILTIN, ids=lambda t: t.id)
def test_variants_differ(t: Template) -> None:
    texts = [render(t.id, variant=v, **t.example_fields()).text for v in range(t.variants)]
    assert len({x.split("\n")[0] for x in texts}) == t.variants, "each variant has its own hook"
    for i, x in enumerate(texts):
        for y in texts[i + 1 :]:
            shared = set(x.split("\n")) & set(y.split("\n"))
            shared -= {""} | {line for line in shared if line.startswith("#") or len(line) < 20}
            fixed = {line for line in shared if not any(v in line for v in t.example_fields().values())}
            assert not fixed, f"variants share a whole line of template text: {fixed}"


@pytest.mark.parametrize(("t", "variant"), CASES)
def test_required_fields_only_still_render_cleanly(t: Template, variant: int) -> None:
    required = {f.name: f.example for f in t.fields if f.required}
    text = render(t.id, variant=variant, **required).text
    assert "\n\n\n" not in text and text == text.strip()
    assert all(line == line.rstrip() for line in text.split("\n"))
    assert "  " not in text and " ." not in text


@pytest.mark.parametrize(("t", "variant"), CASES)
def test_every_variant_passes_the_rule_packs_and_sounds_personal(t: Template, variant: int) -> None:
    from postcraft import check
    from postcraft.tone import score_tone

    text = render(t.id, variant=variant, **t.example_fields()).text
    tone = score_tone(text, lang=t.lang)
    assert tone.label == "personal", (tone.personal, [(d.category, d.text) for d in tone.drivers])
    findings = [f for f in check(text, lang=t.lang) if f.severity in ("error", "warning")]
    assert not findings, [(f.rule, f.message) for f in findings]
    # and with an organisation whose employees are merely encouraged to post:
    org = t.example_fields().get("organisation", "Northwind")
    guidelines = {"organisation": {"name": org, "programme": "encouraged"}}
    findings = [
        f for f in check(text, lang=t.lang, guidelines=guidelines) if f.severity in ("error", "warning")
    ]
    assert not findings, [(f.rule, f.message) for f in findings]
