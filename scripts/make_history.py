#!/usr/bin/env python
"""Write the fictional example post history ``examples/history.csv`` (Kystlys A/S), seeded.

    python scripts/make_history.py            # the committed file (seed 7)
    python scripts/make_history.py --seed 3 --out /tmp/other.csv

People, phrases and the planted effects are in ``scripts/make_history.yaml``. Posts are written
from phrase banks (personal or corporate, Danish or English, a hook that fits before the fold
or one that runs past it, 0–5 hashtags) or rendered from postcraft's built-in templates. Each
post is reviewed with postcraft, and its engagement is drawn from a rate that depends on what
the review measured (tone, hook and fold, hashtag count), so the example's "what works" has
real, known effects to find:

* posts that sound personal: 1.5× the base rate (mixed 1.15×);
* first sentence cut by "…see more": 0.75×;
* 4 or more hashtags: 0.85×;
* leaders reach 1.6× more people (impressions, not the rate).

The file looks like an advocacy platform's export: "Post publish date", "Posted by",
"Post text", "Impressions", "Reactions", "Comments", "Reposts", "Clicks", "Template",
"Post link"; a few image-only posts have no text, and one person writes under an alias.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import math
import random
import sys
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
HEADER = [
    "Post publish date", "Posted by", "Post text", "Impressions", "Reactions", "Comments", "Reposts",
    "Clicks", "Template", "Post link",
]  # fmt: skip


def camel(topic: str) -> str:
    """``grøn omstilling`` -> ``#GrønOmstilling``."""
    return "#" + "".join(w[:1].upper() + w[1:] for w in topic.split())


def binomial(rng: random.Random, n: int, p: float) -> int:
    """A binomial draw (normal approximation for large n, exact below)."""
    p = min(max(p, 0.0), 1.0)
    if n * p * (1 - p) > 25:
        return max(0, min(n, round(rng.gauss(n * p, math.sqrt(n * p * (1 - p))))))
    return sum(1 for _ in range(n) if rng.random() < p)


def free_post(rng: random.Random, bank: dict[str, Any], topics: list[str], style: dict[str, Any]) -> str:
    """A post from the phrase bank: personal or corporate, short to long, 0–5 hashtags."""
    personal = rng.random() < style["personal_share"]
    kind = "personal" if personal else "corporate"
    long_hook = rng.random() < style["long_hook_share"]
    hook = rng.choice(bank[f"{kind}_long_hooks"] if long_hook else bank[f"{kind}_hooks"])
    if long_hook:
        hook += "."
    body = list(bank[f"{kind}_body"])
    rng.shuffle(body)
    size = rng.choices(["short", "medium", "long"], weights=[0.45, 0.4, 0.15])[0]
    n = {"short": rng.randint(1, 3), "medium": rng.randint(4, 6), "long": len(body)}[size]
    chosen = body[:n]
    paragraphs = [hook]
    step = 2 if size != "short" else 3
    for i in range(0, len(chosen), step):
        paragraphs.append(" ".join(chosen[i : i + step]))
    close = rng.choice(bank[f"{kind}_close"])
    if close:
        paragraphs.append(close)
    counts = style["hashtags"]
    k = rng.choices(list(counts), weights=list(counts.values()))[0]
    tags = rng.sample(topics, k=min(int(k), len(topics)))
    if tags:
        paragraphs.append(" ".join(camel(t) for t in tags))
    return "\n\n".join(paragraphs)


def template_post(
    rng: random.Random, lang: str, author: str, when: dt.datetime, cfg: dict[str, Any]
) -> tuple[str, str]:
    """A post rendered from one of postcraft's built-in templates; returns (text, template id)."""
    from postcraft.templates import list_templates, render

    t = rng.choice(list_templates(lang=lang))
    fields: dict[str, Any] = dict(t.example_fields())
    for name, values in cfg["template_fields"].items():
        if name in fields:
            fields[name] = rng.choice(values)
    if "hashtags" in fields:
        k = rng.choice([0, 1, 2, 3])
        fields["hashtags"] = ", ".join(rng.sample(cfg["topics"][lang], k=k))
    draft = render(t.id, seed=f"{author}|{when.isoformat()}", **fields)
    return draft.text, t.id


def generate(seed: int) -> list[list[str]]:
    """Every row of the history (header first)."""
    import postcraft
    from postcraft.insights.compute import band, config, fold_status

    cfg = yaml.safe_load((ROOT / "scripts" / "make_history.yaml").read_text("utf-8"))
    rng = random.Random(seed)
    start = dt.date.fromisoformat(str(cfg["period"]["start"]))
    weeks = int(cfg["period"]["weeks"])
    eff = cfg["effects"]
    style = cfg["style"]
    leaders = set(cfg["leaders"])
    hashtag_bands = config()["hashtag_bands"]
    posts: list[tuple[dt.datetime, list[str]]] = []
    used_ids: set[int] = set()
    for w in range(weeks):
        for person in cfg["people"]:
            if not person["start"] <= w < person.get("stop", weeks + 1):
                continue
            n = (1 if rng.random() < person["rate"] else 0) + (
                1 if rng.random() < person["rate"] * 0.15 else 0
            )
            for _ in range(n):
                day = start + dt.timedelta(days=w * 7 + rng.randint(0, 4))
                when = dt.datetime(day.year, day.month, day.day, rng.randint(7, 16), rng.randint(0, 59))
                lang = "en" if rng.random() < person["english"] else "da"
                name = person["name"]
                shown = (
                    person["alias"] if "alias" in person and rng.random() < person["alias_share"] else name
                )
                if rng.random() < style["template_share"]:
                    text, template = template_post(rng, lang, name, when, cfg)
                else:
                    text = free_post(rng, cfg["phrases"][lang], cfg["topics"][lang], style)
                    template = ""
                review = postcraft.review(text, lang=lang)
                a = review.analysis
                rate = eff["base_rate"]
                rate *= eff["tone"][review.tone.label]
                rate *= eff["fold"][fold_status(a)]
                rate *= eff["hashtags"][band(len(a.hashtags), hashtag_bands)]
                rate *= math.exp(rng.gauss(0, eff["noise"]) - eff["noise"] ** 2 / 2)
                reach = person["reach"] * (eff["leader_reach"] if name in leaders else 1.0)
                impressions = max(20, round(reach * math.exp(rng.gauss(0, eff["reach_noise"]))))
                reactions = binomial(rng, impressions, rate * 0.8)
                comments = binomial(rng, impressions, rate * 0.15)
                reposts = binomial(rng, impressions, rate * 0.05)
                clicks = binomial(rng, impressions, 0.008)
                activity = rng.randrange(7_200_000_000_000_000_000, 7_400_000_000_000_000_000)
                while activity in used_ids:
                    activity += 1
                used_ids.add(activity)
                link = f"https://www.linkedin.com/feed/update/urn:li:activity:{activity}/"
                row = [when.strftime("%Y-%m-%d %H:%M"), shown, text, str(impressions), str(reactions),
                       str(comments), str(reposts), str(clicks), template, link]  # fmt: skip
                posts.append((when, row))
    posts.sort(key=lambda p: p[0])
    rows = [row for _when, row in posts]
    for _ in range(int(style["no_text_rows"])):  # image-only posts: the export has no text
        i = rng.randrange(len(rows))
        src = rows[i]
        activity = rng.randrange(7_400_000_000_000_000_000, 7_500_000_000_000_000_000)
        image = [
            src[0],
            src[1],
            "",
            src[3],
            src[4],
            "0",
            "0",
            "0",
            "",
            f"https://www.linkedin.com/feed/update/urn:li:activity:{activity}/",
        ]
        rows.insert(i + 1, image)
    return [HEADER, *rows]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--out", type=Path, default=ROOT / "examples" / "history.csv")
    args = parser.parse_args(argv)
    rows = generate(args.seed)
    with args.out.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh, lineterminator="\n").writerows(rows)
    print(f"{args.out}: {len(rows) - 1} rows", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
