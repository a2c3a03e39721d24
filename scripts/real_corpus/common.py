"""Shared helpers for the real-text corpus: reading fetched snapshots, cleaning, records.

Nothing here is copied from the fetched repositories; the snapshots are only read as data
(``git --git-dir DIR show COMMIT:PATH``)."""

from __future__ import annotations

import csv
import hashlib
import html
import io
import json
import re
import subprocess
import unicodedata
from pathlib import Path

csv.field_size_limit(1 << 30)

MAX_CHARS = 3000  # LinkedIn's limit: longer texts become excerpts
EXCERPT_CHARS = 1500  # target length of an excerpt (cut at a paragraph boundary)
MIN_CHARS = 30


# ---------------------------------------------------------------- snapshots
def git_dir(mirror: Path, repo: str) -> Path:
    d = Path(mirror) / repo.replace("/", "+") / "repo"
    return d / ".git" if (d / ".git").is_dir() else d


def git_show(mirror: Path, repo: str, commit: str, path: str) -> bytes:
    return subprocess.run(
        ["git", "--git-dir", str(git_dir(mirror, repo)), "show", f"{commit}:{path}"],
        check=True,
        capture_output=True,
    ).stdout


def git_ls(mirror: Path, repo: str, commit: str, prefix: str = "") -> list[str]:
    out = subprocess.run(
        ["git", "--git-dir", str(git_dir(mirror, repo)), "ls-tree", "-r", "--name-only", commit],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.splitlines()
    return [p for p in out if p.startswith(prefix)]


def git_text(mirror, repo, commit, path) -> str:
    raw = git_show(mirror, repo, commit, path)
    for enc in ("utf-8-sig", "cp1252", "latin-1"):
        try:
            return raw.decode(enc)
        except UnicodeDecodeError:
            continue
    return raw.decode("utf-8", "replace")


def read_csv(text: str, **kw) -> list[dict]:
    return list(csv.DictReader(io.StringIO(text), **kw))


# ---------------------------------------------------------------- cleaning
_TAG_BLOCK = re.compile(r"<(script|style|head|nav|footer)[^>]*>.*?</\1>", re.S | re.I)
_BR = re.compile(r"<\s*br\s*/?\s*>", re.I)
_BLOCK_END = re.compile(r"</\s*(p|div|h[1-6]|li|ul|ol|blockquote|tr|table|section|article)\s*>", re.I)
_LI = re.compile(r"<\s*li[^>]*>", re.I)
_TAG = re.compile(r"<[^>]+>")
_COMMENT = re.compile(r"<!--.*?-->", re.S)


def strip_html(s: str) -> str:
    s = _COMMENT.sub("", s)
    s = _TAG_BLOCK.sub("", s)
    s = _BR.sub("\n", s)
    s = _LI.sub("\n- ", s)
    s = _BLOCK_END.sub("\n\n", s)
    s = _TAG.sub("", s)
    return html.unescape(s)


_FRONT = re.compile(r"\A---\s*\n.*?\n---\s*\n", re.S)
_TOML_FRONT = re.compile(r"\A\+\+\+\s*\n.*?\n\+\+\+\s*\n", re.S)
_CODE = re.compile(r"```.*?```", re.S)
_IMG = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_REFLINK = re.compile(r"\[([^\]]+)\]\[[^\]]*\]")
_REFDEF = re.compile(r"^\s*\[[^\]]+\]:\s*\S+.*$", re.M)
_LIQUID = re.compile(r"\{%.*?%\}|\{\{.*?\}\}", re.S)
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s*", re.M)
_EMPH = re.compile(r"(\*\*|__)(.+?)\1")
_EM1 = re.compile(r"(?<![\w*])\*(?!\s)([^*\n]+?)\*(?![\w*])")
_QUOTE = re.compile(r"^\s*>\s?", re.M)
_HR = re.compile(r"^\s*([-*_]\s*){3,}$", re.M)
_INLINE_CODE = re.compile(r"`([^`]*)`")


def split_front_matter(s: str) -> tuple[str, str]:
    m = _FRONT.match(s) or _TOML_FRONT.match(s)
    if m:
        return m.group(0), s[m.end() :]
    return "", s


def strip_markdown(s: str) -> str:
    _, s = split_front_matter(s)
    s = _CODE.sub("", s)
    s = _LIQUID.sub("", s)
    s = strip_html(s)
    s = _IMG.sub("", s)
    s = _LINK.sub(r"\1", s)
    s = _REFLINK.sub(r"\1", s)
    s = _REFDEF.sub("", s)
    s = _HEADING.sub("", s)
    s = _EMPH.sub(r"\2", s)
    s = _EM1.sub(r"\1", s)
    s = _QUOTE.sub("", s)
    s = _HR.sub("", s)
    s = _INLINE_CODE.sub(r"\1", s)
    return s


def normalise_ws(s: str) -> str:
    s = s.replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ")
    lines = [re.sub(r"[ \t]+", " ", ln).strip() for ln in s.split("\n")]
    s = "\n".join(lines)
    s = re.sub(r"\n{3,}", "\n\n", s)
    return s.strip()


def make_excerpt(s: str) -> tuple[str, bool]:
    """Keep texts <= MAX_CHARS whole; otherwise take leading paragraphs up to ~EXCERPT_CHARS."""
    if len(s) <= MAX_CHARS:
        return s, False
    paras = s.split("\n\n")
    out = []
    n = 0
    for p in paras:
        if out and n + len(p) + 2 > EXCERPT_CHARS:
            break
        out.append(p)
        n += len(p) + 2
    text = "\n\n".join(out)
    if len(text) > MAX_CHARS:  # one giant paragraph: cut at a line, then a sentence boundary
        lines, acc = text.split("\n"), []
        for ln in lines:
            if acc and sum(len(a) + 1 for a in acc) + len(ln) > EXCERPT_CHARS:
                break
            acc.append(ln)
        text = "\n".join(acc)
        if len(text) > MAX_CHARS:
            cut = text[:EXCERPT_CHARS]
            m = max(cut.rfind(". "), cut.rfind("! "), cut.rfind("? "))
            text = cut[: m + 1] if m > 200 else cut
    return text.strip(), True


_URL = re.compile(r"https?://\S+|www\.\S+")
_MENTION = re.compile(r"@\w+")


def is_junk(s: str) -> bool:
    """Too short, a bare link, or a retweet line."""
    if len(s) < MIN_CHARS:
        return True
    if re.match(r"^\s*RT\s+@\w+", s):
        return True
    rest = _MENTION.sub("", _URL.sub("", s))
    rest = re.sub(r"#\w+", "", rest)
    if len(re.sub(r"\W+", "", rest)) < 15:
        return True
    return False


def norm_key(s: str) -> str:
    s = unicodedata.normalize("NFKC", s).lower()
    s = _URL.sub("", s)
    s = re.sub(r"[\W_]+", " ", s)
    return s.strip()


def author_id(*parts: str) -> str:
    """A stable, non-identifying author id (hash of source-qualified handle)."""
    return hashlib.sha1("|".join(parts).encode("utf-8")).hexdigest()[:12]


def record(
    source: str,
    key: str,
    lang: str,
    genre: str,
    author_type: str,
    author: str,
    text: str,
    locator: dict,
    excerpt: bool = False,
) -> dict:
    return {
        "id": f"{source}:{key}",
        "lang": lang,
        "source": source,
        "genre": genre,
        "author_type": author_type,
        "author": author,
        "text": text,
        "excerpt": excerpt,
        "_loc": locator,
    }


def finish(text: str, clean: str = "plain") -> tuple[str, bool] | None:
    """Clean, excerpt, and filter one raw text; None if it should be dropped."""
    if clean == "html":
        text = strip_html(text)
    elif clean == "md":
        text = strip_markdown(text)
    else:
        text = html.unescape(text)
    text = normalise_ws(text)
    if is_junk(text):
        return None
    text, exc = make_excerpt(text)
    if is_junk(text):
        return None
    return text, exc


def write_jsonl(path: Path, rows) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")


def read_jsonl(path: Path) -> list[dict]:
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]
