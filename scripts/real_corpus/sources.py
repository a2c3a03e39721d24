"""One small extractor per source. Each returns a list of records (see common.record).

A source entry says where the text lives (repository, commit, paths), its licence, whether
the text may be redistributed, and how the author type was derived. Extractors only read data
files from the fetched snapshots; no code from those repositories is used."""
from __future__ import annotations

import json
import re
from pathlib import Path

from common import (author_id, finish, git_ls, git_show, git_text, read_csv, record)
from langdetect_lite import guess, is_lang

SOURCES: list[dict] = []


def source(**meta):
    def deco(fn):
        meta["extract"] = fn
        SOURCES.append(meta)
        return fn
    return deco


# ------------------------------------------------------------------ helpers
_MOJI = re.compile(r"[\xc2-\xf4][\x80-\xbf]{1,3}")


def fix_mojibake(s: str) -> str:
    """Undo UTF-8 text that was decoded as Latin-1 (e.g. 'â\x80\x94' -> '—')."""
    def one(m):
        try:
            return m.group(0).encode("latin-1").decode("utf-8")
        except (UnicodeEncodeError, UnicodeDecodeError):
            return m.group(0)
    return _MOJI.sub(one, s)


def linkedin_commentary(s: str) -> str:
    """LinkedIn data exports wrap each line of a post in quotes ("" for an empty line)."""
    lines = s.replace("\r\n", "\n").split("\n")
    out = []
    last = len(lines) - 1
    for i, ln in enumerate(lines):
        if i > 0 and ln.startswith('"'):
            ln = ln[1:]
        if i < last and ln.endswith('"'):
            ln = ln[:-1]
        out.append(ln)
    return "\n".join(out)


def _linkedin_export(mirror, src, lang="en"):
    recs = []
    text = git_text(mirror, src["repo"], src["commit"], src["paths"][0])
    rows = read_csv(text)
    auth = author_id("linkedin", src["repo"])
    for i, row in enumerate(rows):
        raw = row.get("ShareCommentary") or ""
        got = finish(linkedin_commentary(raw))
        if not got:
            continue
        t, exc = got
        if not is_lang(t, lang):
            continue
        key = (row.get("ShareLink") or "").rsplit("%3A", 1)[-1] or str(i)
        recs.append(record(src["id"], key, lang, "linkedin_person", "person", auth, t,
                           {"repo": src["repo"], "commit": src["commit"], "path": src["paths"][0], "row": i}, exc))
    return recs


def _li_source(sid, repo, commit, path, licence, redistributable, notes=""):
    @source(id=sid, repo=repo, commit=commit, paths=[path], licence=licence,
            redistributable=redistributable, lang="en", genres=["linkedin_person"],
            author_rule="LinkedIn personal data export (Shares.csv) of the repository owner: every post is by that one person.",
            notes=notes or "Personal LinkedIn data export committed by its owner; one author.")
    def _x(mirror, src):
        return _linkedin_export(mirror, src)
    return _x


# ------------------------------------------------------------------ English
@source(id="humanizr_bios_en", repo="tweetpie/twitter-account-classification",
        commit="34856d0e8d5652605fff2227bf3dc328f927050f",
        paths=["datasets/humanizr_balanced.csv", "datasets/humanizr_unbalanced.csv"],
        licence="Apache-2.0", redistributable=True, lang="en", genres=["profile_bio"],
        author_rule="Account label from the Humanizr data set (McCorriston et al. 2015), hand-annotated individual vs organization; individual->person, organization->organisation.",
        notes="Twitter profile descriptions (bios), not posts: one text per account. Only English-looking bios kept.")
def x_humanizr(mirror, src):
    recs, seen = [], set()
    for p in src["paths"]:
        for row in read_csv(git_text(mirror, src["repo"], src["commit"], p)):
            uid = row.get("id")
            if uid in seen:
                continue
            seen.add(uid)
            lab = row.get("label")
            at = {"individual": "person", "organization": "organisation"}.get(lab)
            if not at:
                continue
            got = finish(row.get("bio") or "")
            if not got:
                continue
            t, exc = got
            if not is_lang(t, "en", short_ok=True):
                continue
            recs.append(record(src["id"], uid, "en", "profile_bio", at, author_id("twitter", uid), t,
                               {"repo": src["repo"], "commit": src["commit"], "path": p, "key": uid}, exc))
    return recs


_li_source("li_sanand0_en", "sanand0/linkedin", "cafd391d0357c494d1b17f68f11666c58294097a", "Shares.csv",
           "none found (no LICENSE file)", False)
_li_source("li_boriskehr_en", "boriskehr76/ask-boris", "77c46b5c6602d9cb24a385c0cca9c30235bb71c3", "Shares.csv", "none found (no LICENSE file)", False)
_li_source("li_sstellamary_en", "SStellaMary/LinkedIn-Analysis", "f4147dbd1c89ced21a0570a824e4b8c93f575131", "Shares.csv", "none found (no LICENSE file)", False)
_li_source("li_femi10_en", "Femi10/Linkedin-Data-Visualization", "fec71eee77b64330737bc33a29b06318b4360293", "Shares.csv", "none found (no LICENSE file)", False)


@source(id="yum_tweets_en", repo="EconText/Cheap-Talk", commit="a85a7d82000033a86453832eb9aba2a1474b6336",
        paths=["data/yum_tweets_10_years.csv"], licence="none found (no LICENSE file)", redistributable=False,
        lang="en", genres=["tweet_org"],
        author_rule="Tweets collected from the corporate account @yumbrands (Yum! Brands); quoted/retweeted tweets of other accounts dropped.",
        notes="One corporate author; capped by the per-author limit.")
def x_yum(mirror, src):
    recs = []
    rows = read_csv(git_text(mirror, src["repo"], src["commit"], src["paths"][0]))
    for i, row in enumerate(rows):
        if row.get("is_quoted_tweet") != "False" or row.get("is_retweeted_tweet") != "False":
            continue
        user = row.get("username") or ""
        if user.lower() != "yumbrands":
            continue
        got = finish(row.get("text") or "")
        if not got:
            continue
        t, exc = got
        if not is_lang(t, "en", short_ok=True):
            continue
        recs.append(record(src["id"], row.get("tweet_id") or str(i), "en", "tweet_org", "organisation",
                           author_id("twitter", user.lower()), t,
                           {"repo": src["repo"], "commit": src["commit"], "path": src["paths"][0], "row": i}, exc))
    return recs


@source(id="mn_ag_press_en", repo="jwcanaday/News_Server", commit="d2b5add38af79e5476ac1e265ee7d6e0e7e9e714",
        paths=["historical_scraper/html_cache/*.asp"], licence="none found (no LICENSE file); texts are Minnesota Attorney General press releases (state government, not US-federal public domain)",
        redistributable=False, lang="en", genres=["press_release"],
        author_rule="Press releases of the Office of the Minnesota Attorney General: organisation.",
        notes="Cached HTML pages; main <div id=content> taken; long ones excerpted.")
def x_mnag(mirror, src):
    recs = []
    auth = author_id("org", "mn-attorney-general")
    for p in sorted(git_ls(mirror, src["repo"], src["commit"], "historical_scraper/html_cache/")):
        if not p.endswith(".asp"):
            continue
        h = fix_mojibake(git_text(mirror, src["repo"], src["commit"], p))
        m = re.search(r'<div id="content">(.*?)(<p>&nbsp;</p>\s*</div>|<footer|<div id="footer)', h, re.S)
        if not m:
            continue
        body = m.group(1)
        body = re.sub(r"<p><strong>Press Release</strong></p>", "", body)
        body = re.sub(r"<h1>.*?</h1>", "", body, flags=re.S)
        body = re.sub(r"\A\s*(<[^>]+>\s*)*Press Release(\s*</[^>]+>)*", "", body)
        got = finish(body, "html")
        if not got:
            continue
        t, exc = got
        key = p.rsplit("/", 1)[-1].removesuffix(".asp").removeprefix("_Office_Communications_")
        recs.append(record(src["id"], key, "en", "press_release", "organisation", auth, t,
                           {"repo": src["repo"], "commit": src["commit"], "path": p}, exc))
    return recs


@source(id="twcs_sample_en", repo="arslanmit/chatbotAnalyticsLab", commit="78d5896d0b7c46c54673ba6633b8ea2e143ef46f",
        paths=["Dataset/CustomerSupportOnTwitter/sample.csv"],
        licence="CC-BY-NC-SA-4.0 (Kaggle 'Customer Support on Twitter', thoughtvector); excerpt republished in this repository",
        redistributable=False, lang="en", genres=["tweet_person", "tweet_org"],
        author_rule="TWCS 'inbound' flag: inbound=True tweets are customers (person), inbound=False are brand support accounts (organisation, e.g. AppleSupport).",
        notes="Small 93-row excerpt of TWCS; customer author ids are anonymised numbers in the original data.")
def x_twcs(mirror, src):
    recs = []
    rows = read_csv(git_text(mirror, src["repo"], src["commit"], src["paths"][0]))
    for i, row in enumerate(rows):
        inbound = row.get("inbound") == "True"
        got = finish(row.get("text") or "")
        if not got:
            continue
        t, exc = got
        if not is_lang(t, "en", short_ok=True):
            continue
        genre, at = ("tweet_person", "person") if inbound else ("tweet_org", "organisation")
        recs.append(record(src["id"], row.get("tweet_id") or str(i), "en", genre, at,
                           author_id("twitter", row.get("author_id") or str(i)), t,
                           {"repo": src["repo"], "commit": src["commit"], "path": src["paths"][0], "row": i}, exc))
    return recs


# ------------------------------------------------------------------ Danish
def _md_posts(mirror, src, lang, genre, author_type, author_key):
    """Markdown posts under src['paths'] prefixes; one author per repository."""
    recs = []
    auth = author_id("site", author_key)
    for pre in src["paths"]:
        for p in sorted(git_ls(mirror, src["repo"], src["commit"], pre.rstrip("*"))):
            if not p.endswith((".md", ".markdown")):
                continue
            got = finish(git_text(mirror, src["repo"], src["commit"], p), "md")
            if not got:
                continue
            t, exc = got
            if guess(t)[0] != lang:
                continue
            key = p.rsplit("/", 1)[-1].rsplit(".", 1)[0]
            recs.append(record(src["id"], key, lang, genre, author_type, auth, t,
                               {"repo": src["repo"], "commit": src["commit"], "path": p}, exc))
    return recs


def _blog_source(sid, repo, commit, prefixes, licence, redistributable, lang="da",
                 genre="blog_person", author_type="person", notes=""):
    rule = ("Personal blog/portfolio site of one named individual (repository owner); every post by that person."
            if author_type == "person" else
            "News/blog section of an organisation's or association's website: organisation.")

    @source(id=sid, repo=repo, commit=commit, paths=prefixes, licence=licence,
            redistributable=redistributable, lang=lang, genres=[genre], author_rule=rule, notes=notes)
    def _x(mirror, src):
        return _md_posts(mirror, src, lang, genre, author_type, repo)
    return _x


_blog_source("blog_olavlinddam_da", "olavlinddam/olavlinddam.github.io", "ad0bf2c4cbcebb5f2054f10cd5b213c357e1983e",
             ["_posts/"], "MIT file present but it is the Jekyll theme's (Chirpy); post content licence not stated", False,
             notes="Danish student developer blog (datamatiker); posts about projects and study reflections.")
_blog_source("blog_kdetlevsen_da", "KristianDetlevsen/portfolio", "86d5944bc19a8fca54510818505684c979222772",
             ["_posts/"], "none found (no LICENSE file)", False,
             notes="Danish personal portfolio blog.")
_blog_source("blog_krejac_da", "krejac/k.jcbsn.dk", "1805140b6ceba5127da9af3400b5e02e0fb66f82",
             ["_posts/"], "'Solipsistisk offentlig licens' (a tongue-in-cheek Danish licence text; not a recognised open licence)", False,
             notes="Danish personal blog (family, running, work), 2012 onwards.")
_blog_source("blog_netsi1964_da", "netsi1964/observationer-fra-virkeligheden-a4157", "15682b4a267f1fe94a152ae2855a1620330afaed",
             ["src/pages/posts/"], "LICENSE.md of the site template; post content licence not stated", False,
             notes="Danish personal reflection blog; only a handful of posts.")
