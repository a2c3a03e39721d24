"""The held-out ("fresh") tag-evaluation sources of the real corpus: extractors and separation.

The extractors in ``scripts/real_corpus/sources.py`` read fetched repository snapshots with
``git``; here they run on a tiny repository built in a temporary directory, so the test is
offline. Also checked: the held-out sources stay out of the main build (``build.MAIN``) and
``benchmarks/bench_tags_real.py`` reads them only with ``--split fresh``.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts" / "real_corpus"))
sys.path.insert(0, str(ROOT / "benchmarks"))

import bench_tags_real  # noqa: E402
import build  # noqa: E402
import sources  # noqa: E402

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="needs the git binary")

DA_POST = """---
title: Ny kollega
tags: [job]
---
Så er jeg startet i mit nye job som udvikler. Det er en stor arbejdsplads, og jeg har allerede
mødt mange søde kolleger. Vi skal bygge en ny løsning til kommunen, og jeg glæder mig meget.

READMORE

Mere om det senere, når jeg har fundet ud af, hvor kaffemaskinen står.
"""
EN_POST = """---
title: New role
---
I am happy to share that I start a new role as head coach next month. It has been a long process
and I want to thank everyone at the club for the support over the past years.
"""
ZH_POST = """---
title: CV
---
麦斯大卫森 专业的丹麦足球教练 欧洲足联A级别执照教练 中国上海总监兼足球学院总监兼主教练 团队管理 and the
English words of the title only.
"""
NEWS = [
    {
        "date": "29. december, 2024",
        "html": "<p>Det nye album er færdigtrykt, og vi er i fuld gang med at finde et sted at holde releasekoncert.</p>",
    },
    {
        "date": "29. december, 2024",
        "html": "<p>Vi har også fået en ny trommeslager i bandet, og han er allerede i studiet med os.</p>",
    },
    {"date": "1. maj, 2020", "html": "<p>Kort.</p>"},
]


def _git(repo: Path, *args: str) -> str:
    return subprocess.run(
        ["git", "-C", str(repo), *args], check=True, capture_output=True, text=True
    ).stdout.strip()


def _commit_files(root: Path, files: dict[str, str | bytes], name: str = "someone+archive") -> str:
    """Commit ``files`` (text or bytes) to a new repository ``<root>/<name>/repo``; its commit."""
    repo = root / name / "repo"
    for path, content in files.items():
        (repo / path).parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            (repo / path).write_bytes(content)
        else:
            (repo / path).write_text(content, encoding="utf-8")
    _git(repo.parent, "init", "-q", str(repo))
    _git(repo, "add", "-A")
    _git(repo, "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", "files")
    return _git(repo, "rev-parse", "HEAD")


@pytest.fixture()
def mirror(tmp_path: Path) -> tuple[Path, str]:
    """A mirror with one repository ``someone/site`` holding posts in three languages."""
    files = {
        "_posts/2020-01-01-ny-kollega.md": DA_POST,
        "_posts/2021-01-01-new-role.md": EN_POST,
        "_posts/2013-04-09-cv.md": ZH_POST,
        "_posts/2022-01-01-keyword-page.md": DA_POST.replace("Ny kollega", "Andet indlæg").replace(
            "kaffemaskinen", "printeren"
        ),
        "_posts/notes.txt": "ikke en post, men en tekstfil med mange danske ord i sig selv",
        "data/nyheder.json": json.dumps(NEWS, ensure_ascii=False),
    }
    return tmp_path, _commit_files(tmp_path, files, "someone+site")


def _src(commit: str, **kw: object) -> dict[str, object]:
    return {"id": "fresh_test_da", "repo": "someone/site", "commit": commit, "paths": ["_posts/"], **kw}


def test_md_posts_keeps_only_the_language_and_cleans_markdown(mirror: tuple[Path, str]) -> None:
    root, commit = mirror
    recs = sources.x_fresh_md_posts(
        root, _src(commit), lang="da", genre="blog_person", author_type="person", drop=r"(?m)^READMORE\s*$"
    )
    keys = sorted(r["id"] for r in recs)
    assert keys == [
        "fresh_test_da:_posts/2020-01-01-ny-kollega",
        "fresh_test_da:_posts/2022-01-01-keyword-page",
    ]
    text = recs[0]["text"]
    assert text.startswith("Så er jeg startet i mit nye job")
    assert "title:" not in text and "READMORE" not in text
    assert {r["genre"] for r in recs} == {"blog_person"} and {r["author_type"] for r in recs} == {"person"}
    assert len({r["author"] for r in recs}) == 1
    assert recs[0]["_loc"] == {
        "repo": "someone/site",
        "commit": commit,
        "path": "_posts/2020-01-01-ny-kollega.md",
    }


def test_md_posts_skip_and_other_language(mirror: tuple[Path, str]) -> None:
    root, commit = mirror
    da = sources.x_fresh_md_posts(
        root, _src(commit), lang="da", genre="blog_person", author_type="person", skip=r"^_posts/2022-"
    )
    assert [r["id"] for r in da] == ["fresh_test_da:_posts/2020-01-01-ny-kollega"]
    en = sources.x_fresh_md_posts(root, _src(commit), lang="en", genre="blog_person", author_type="person")
    # the Chinese CV has a few English words: the stop-word guesser alone would call it English
    assert [r["id"] for r in en] == ["fresh_test_da:_posts/2021-01-01-new-role"]


def test_author_key_groups_sources(mirror: tuple[Path, str]) -> None:
    root, commit = mirror
    a = sources.x_fresh_md_posts(
        root, _src(commit, author_key="x"), lang="da", genre="g", author_type="person"
    )
    b = sources.x_fresh_md_posts(root, _src(commit), lang="da", genre="g", author_type="person")
    assert a[0]["author"] != b[0]["author"]
    assert a[0]["author"] == sources.author_id("site", "x")


def test_mostly_latin() -> None:
    assert sources.mostly_latin("Det nye album er færdigtrykt.")
    assert sources.mostly_latin("")
    assert not sources.mostly_latin(ZH_POST)


def test_news_json_extractor(mirror: tuple[Path, str]) -> None:
    root, commit = mirror
    src = {
        "id": "fresh_news_test_da",
        "repo": "someone/site",
        "commit": commit,
        "paths": ["data/nyheder.json"],
    }
    recs = sources.x_fresh_mortenskouandersen(root, src)
    # two items on the same date get distinct keys; the too-short item is dropped
    assert [r["id"] for r in recs] == [
        "fresh_news_test_da:29-december-2024",
        "fresh_news_test_da:29-december-2024-2",
    ]
    assert recs[0]["text"].startswith("Det nye album") and "<p>" not in recs[0]["text"]
    assert recs[1]["_loc"]["key"] == "29-december-2024-2"


def test_heldout_sources_are_built_apart() -> None:
    held = {s["id"] for s in sources.SOURCES if s.get("heldout") == "tags"}
    assert held and held == {s["id"] for s in build.HELDOUT}
    assert not held & {s["id"] for s in build.MAIN}
    assert held == set(bench_tags_real.FRESH_SOURCES)
    assert all(not s["redistributable"] for s in build.HELDOUT)
    held2 = {s["id"] for s in sources.SOURCES if s.get("heldout") == "tags2"}
    assert held2 and held2 == {s["id"] for s in build.HELDOUT2}
    assert not held2 & ({s["id"] for s in build.MAIN} | held)
    assert held2 == set(bench_tags_real.FRESH2_SOURCES)
    held3 = {s["id"] for s in sources.SOURCES if s.get("heldout") == "tags3"}
    assert held3 and held3 == {s["id"] for s in build.HELDOUT3}
    assert not held3 & ({s["id"] for s in build.MAIN} | held | held2)
    assert held3 == set(bench_tags_real.FRESH3_SOURCES)
    assert all(not s["redistributable"] for s in build.HELDOUT3)
    held4 = {s["id"] for s in sources.SOURCES if s.get("heldout") == "tags4"}
    assert held4 and held4 == {s["id"] for s in build.HELDOUT4}
    assert not held4 & ({s["id"] for s in build.MAIN} | held | held2 | held3)
    assert held4 == set(bench_tags_real.FRESH4_SOURCES)
    assert all(not s["redistributable"] for s in build.HELDOUT4)
    assert all(s["id"].startswith("fresh4_") for s in build.HELDOUT4)
    held5 = {s["id"] for s in sources.SOURCES if s.get("heldout") == "tags5"}
    assert held5 and held5 == {s["id"] for s in build.HELDOUT5}
    assert not held5 & ({s["id"] for s in build.MAIN} | held | held2 | held3 | held4)
    assert held5 == set(bench_tags_real.FRESH5_SOURCES)
    assert all(not s["redistributable"] for s in build.HELDOUT5)
    assert all(s["id"].startswith("fresh5_") for s in build.HELDOUT5)
    assert {s.get("heldout") for s in sources.SOURCES} == {None, "tags", "tags2", "tags3", "tags4", "tags5"}


def test_select_heldout_fresh2_drops_main_and_fresh_texts() -> None:
    order = [{"id": "c"}]
    before = {
        "m": [_rec("m:1", "Vi har ansat en ny kollega!")],
        "f": [_rec("f:1", "Et helt nyt indlæg.")],
    }
    held = {
        "c": [_rec("c:1", "et helt nyt indlæg"), _rec("c:2", "Vi har ansat en ny kollega"), _rec("c:3", "y")]
    }
    out = build.select_heldout(held, before, order=order)
    assert [r["id"] for r in out["c"]] == ["c:3"]


def _rec(rid: str, text: str, lang: str = "da") -> dict[str, object]:
    return {"id": rid, "lang": lang, "text": text}


def test_select_heldout_drops_main_and_repeated_texts(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(build, "HELDOUT", [{"id": "a"}, {"id": "b"}])
    main = {"m": [_rec("m:1", "Vi har ansat en ny kollega!")]}
    held = {
        "a": [
            _rec("a:1", "vi har ansat en NY kollega"),
            _rec("a:2", "Et helt nyt indlæg."),
            _rec("a:3", "x", "en"),
        ],
        "b": [_rec("b:1", "Et helt nyt indlæg"), _rec("b:2", "x", "da")],
    }
    out = build.select_heldout(held, main)
    assert [r["id"] for r in out["a"]] == ["a:2", "a:3"]
    assert [r["id"] for r in out["b"]] == ["b:2"]


def test_bench_reads_fresh_only_with_split_fresh(tmp_path: Path) -> None:
    rows = [
        {
            "id": "fresh_blog_xoc_da:p1",
            "source": "fresh_blog_xoc_da",
            "lang": "da",
            "genre": "blog_person",
            "text": "a",
        },
        {
            "id": "blog_krejac_da:p2",
            "source": "blog_krejac_da",
            "lang": "da",
            "genre": "blog_person",
            "text": "b",
        },
        {
            "id": "fresh_blog_substancelab_da:p3",
            "source": "fresh_blog_substancelab_da",
            "lang": "da",
            "genre": "blog_org",
            "text": "c",
        },
    ]
    (tmp_path / "da").mkdir()
    (tmp_path / "da" / "x.jsonl").write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    fresh = bench_tags_real.load_texts(tmp_path, bench_tags_real.FRESH_GENRES, "fresh")
    assert [t["id"] for t in fresh] == ["fresh_blog_xoc_da:p1", "fresh_blog_substancelab_da:p3"]
    every = bench_tags_real.load_texts(tmp_path, bench_tags_real.FRESH_GENRES, "all")
    assert [t["id"] for t in every] == ["blog_krejac_da:p2"]
    both = {
        t["id"]
        for s in ("dev", "test")
        for t in bench_tags_real.load_texts(tmp_path, bench_tags_real.GENRES, s)
    }
    assert both == {"blog_krejac_da:p2"}


SHARES = (
    "Date,ShareLink,ShareCommentary,SharedUrl,MediaUrl,Visibility\n"
    "2025-01-02 10:00:00,https://www.linkedin.com/feed/update/urn%3Ali%3Ashare%3A111,"
    '"I am happy to share that I start a new role as engineering manager next month.\n""""\n'
    'Thanks to everyone who helped along the way.",,,MEMBER_NETWORK\n'
    "2025-01-03 10:00:00,https://www.linkedin.com/feed/update/urn%3Ali%3Ashare%3A222,"
    "Estoy muy contento de compartir que empiezo un nuevo trabajo el mes que viene.,,,MEMBER_NETWORK\n"
)


def test_linkedin_export_from_zip(tmp_path: Path) -> None:
    """Shares.csv read from inside a committed export archive; other languages dropped."""
    import io
    import zipfile

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("Shares.csv", SHARES)
    commit = _commit_files(tmp_path, {"export.zip": buf.getvalue()}, "someone+site")
    src = {
        "id": "fresh2_li_test_en",
        "repo": "someone/site",
        "commit": commit,
        "paths": ["export.zip"],
        "member": "Shares.csv",
        "lang": "en",
    }
    recs = sources.x_fresh2_linkedin_export(tmp_path, src)
    assert [r["id"] for r in recs] == ["fresh2_li_test_en:111"]
    assert recs[0]["genre"] == "linkedin_person" and recs[0]["author_type"] == "person"
    assert recs[0]["text"].startswith("I am happy to share") and '"' not in recs[0]["text"]
    assert recs[0]["_loc"] == {
        "repo": "someone/site",
        "commit": commit,
        "path": "export.zip",
        "member": "Shares.csv",
        "row": 0,
    }


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        (
            [
                ("fresh2_li_adrianmoreno_en:1", "linkedin_person"),
                ("fresh_blog_kevinsimper_en:2", "blog_person"),
                ("li_sanand0_en:3", "linkedin_person"),
            ],
            {
                "fresh": ["fresh_blog_kevinsimper_en:2"],
                "fresh2": ["fresh2_li_adrianmoreno_en:1"],
                "all": ["li_sanand0_en:3"],
            },
        ),
        (
            [
                ("fresh3_tweets_smithjd_en:1", "tweet_person"),
                ("fresh2_li_adrianmoreno_en:2", "linkedin_person"),
                ("li_sanand0_en:3", "linkedin_person"),
            ],
            {
                "fresh2": ["fresh2_li_adrianmoreno_en:2"],
                "fresh3": ["fresh3_tweets_smithjd_en:1"],
                "all": ["li_sanand0_en:3"],
            },
        ),
        (
            [
                ("fresh4_tweets_leefallin_en:1", "tweet_person"),
                ("fresh3_tweets_smithjd_en:2", "tweet_person"),
                ("li_sanand0_en:3", "linkedin_person"),
            ],
            {
                "fresh3": ["fresh3_tweets_smithjd_en:2"],
                "fresh4": ["fresh4_tweets_leefallin_en:1"],
                "all": ["li_sanand0_en:3"],
            },
        ),
        (
            [
                ("fresh5_blog_namshi_en:1", "blog_org"),
                ("fresh4_tweets_leefallin_en:2", "tweet_person"),
                ("li_sanand0_en:3", "linkedin_person"),
            ],
            {
                "fresh4": ["fresh4_tweets_leefallin_en:2"],
                "fresh5": ["fresh5_blog_namshi_en:1"],
                "all": ["li_sanand0_en:3"],
            },
        ),
    ],
)
def test_bench_reads_each_held_out_set_only_with_its_split(
    tmp_path: Path, rows: list[tuple[str, str]], expected: dict[str, list[str]]
) -> None:
    texts = [{"id": i, "lang": "en", "genre": g, "text": i[-1]} for i, g in rows]
    (tmp_path / "en").mkdir()
    (tmp_path / "en" / "x.jsonl").write_text("\n".join(json.dumps(r) for r in texts), encoding="utf-8")
    genres = bench_tags_real.FRESH_GENRES
    ids = {s: [t["id"] for t in bench_tags_real.load_texts(tmp_path, genres, s)] for s in expected}
    assert ids == expected


def test_cap_per_source_is_deterministic_and_blind_to_text() -> None:
    recs = {"s": [_rec(f"s:{i}", f"tekst {i}") for i in range(10)], "t": [_rec("t:1", "x")]}
    out = build.cap_per_source(recs, 3)
    assert len(out["s"]) == 3 and [r["id"] for r in out["t"]] == ["t:1"]
    again = build.cap_per_source({"s": [{**r, "text": "changed"} for r in recs["s"]]}, 3)
    assert [r["id"] for r in again["s"]] == [r["id"] for r in out["s"]]


def test_twitter_archive_drops_retweets_and_replies_to_others(tmp_path: Path) -> None:
    tweets = [
        {
            "tweet": {
                "id_str": "1",
                "full_text": "I am giving a talk about data pipelines at the meetup next week.",
            }
        },
        {
            "tweet": {
                "id_str": "2",
                "full_text": "RT @other: a retweet of somebody else that should never be kept.",
            }
        },
        {
            "tweet": {
                "id_str": "3",
                "full_text": "@other thanks, that is a very kind thing to say about the talk.",
                "in_reply_to_screen_name": "other",
            }
        },
        {
            "tweet": {
                "id_str": "4",
                "full_text": "And the slides and the recording of the talk are online now for everyone.",
                "in_reply_to_screen_name": "Me",
            }
        },
    ]
    commit = _commit_files(tmp_path, {"data/tweets.js": "window.YTD.tweets.part0 = " + json.dumps(tweets)})
    src = {
        "id": "fresh3_tw_test_en",
        "repo": "someone/archive",
        "commit": commit,
        "paths": ["data/tweets.js"],
        "lang": "en",
        "handle": "me",
    }
    recs = sources.x_fresh3_twitter_archive(tmp_path, src)
    assert [r["id"] for r in recs] == ["fresh3_tw_test_en:1", "fresh3_tw_test_en:4"]
    assert {r["genre"] for r in recs} == {"tweet_person"}


def test_mastodon_outbox_keeps_public_own_posts(tmp_path: Path) -> None:
    actor = "https://example.social/users/me"
    public = "https://www.w3.org/ns/activitystreams#Public"

    def create(i: str, content: str, to: list[str], reply: str | None = None) -> dict[str, object]:
        obj = {"id": f"{actor}/statuses/{i}", "content": content, "to": to, "cc": [], "inReplyTo": reply}
        return {"type": "Create", "actor": actor, "object": obj}

    items = [
        create(
            "1",
            "<p>Spent the day refactoring the billing service with the team, good progress.</p>",
            [public],
        ),
        create(
            "2",
            "<p>A followers-only post that must stay out of the corpus entirely.</p>",
            [actor + "/followers"],
        ),
        create(
            "3",
            "<p>A reply to somebody else's post, which is conversation, not a post.</p>",
            [public],
            "https://x/1",
        ),
        {"type": "Announce", "actor": actor, "object": "https://x/2"},
    ]
    commit = _commit_files(tmp_path, {"outbox.json": json.dumps({"orderedItems": items})})
    src = {
        "id": "fresh3_toot_test_en",
        "repo": "someone/archive",
        "commit": commit,
        "paths": ["outbox.json"],
        "lang": "en",
    }
    recs = sources.x_fresh3_mastodon_outbox(tmp_path, src)
    assert [r["id"] for r in recs] == ["fresh3_toot_test_en:1"]
    assert "<p>" not in recs[0]["text"]


def test_md_by_author_gives_one_author_per_named_writer(tmp_path: Path) -> None:
    post = "---\ntitle: Dag {n}\nauthor: {a}\n---\nI dag var vi ude at se på vulkaner, og bagefter spiste vi is på stranden med hele familien.\n"
    files = {
        "_posts/2022-07-01-a.md": post.format(n=1, a="Henrik"),
        "_posts/2022-07-02-b.md": post.format(n=2, a="Inge").replace("vulkaner", "bjergene"),
        "_posts/2022-07-03-c.md": post.format(n=3, a="Henrik").replace("vulkaner", "hvaler"),
        "_posts/2022-07-04-d.md": "---\ntitle: Uden forfatter\n---\nDette indlæg har ingen forfatter i front matter og skal springes over.\n",
    }
    commit = _commit_files(tmp_path, files)
    src = {
        "id": "fresh3_fam_test_da",
        "repo": "someone/archive",
        "commit": commit,
        "paths": ["_posts/"],
        "lang": "da",
    }
    recs = sources.x_fresh3_md_by_author(tmp_path, src)
    assert [r["id"].rsplit("/", 1)[-1] for r in recs] == ["2022-07-01-a", "2022-07-02-b", "2022-07-03-c"]
    assert recs[0]["author"] == recs[2]["author"] != recs[1]["author"]
    assert not recs[0]["text"].startswith("---")


def test_fresh5_code_heavy_posts_are_measured_and_code_is_dropped() -> None:
    prose = "We are happy to welcome Ann to the team. She joins us from a design studio.\n\n"
    fenced = "---\ntitle: x\n---\n" + prose + "```js\n" + "var a = 1;\n" * 40 + "```\n"
    indented = "---\ntitle: x\n---\n" + prose + "".join(f"    line {i} = {i};\n" for i in range(40))
    listed = "---\ntitle: x\n---\n" + prose + "- an item\n    continued item text\n"
    liquid = prose + "{% highlight ruby %}\nputs 1\n{% endhighlight %}\n" + prose * 30
    assert sources.fresh5_code_share(fenced) > sources.FRESH5_CODE_SHARE
    assert sources.fresh5_code_share(indented) > sources.FRESH5_CODE_SHARE
    assert sources.fresh5_code_share(listed) == 0
    assert sources.fresh5_code_share(liquid) < sources.FRESH5_CODE_SHARE
    assert "puts 1" not in sources.fresh5_drop_code(liquid)
    assert "line 3" not in sources.fresh5_drop_code(indented)
    assert "continued item text" in sources.fresh5_drop_code(listed)
