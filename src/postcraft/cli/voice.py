"""``postcraft voice learn`` and ``postcraft voice show``: a person's voice profile from their
own posts (see docs/voice.md); ``postcraft review --voice me.json`` uses it."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..io import read_input
from .common import add_format, add_lang, write, write_json

#: Files read as one post each (a folder is searched for these).
POST_SUFFIXES = (".txt", ".md")
#: Files read as a post history (one post per row; ``--author`` picks the person).
HISTORY_SUFFIXES = (".csv", ".xlsx", ".json", ".jsonl")


def register(sub: Any) -> None:
    """Add ``postcraft voice``."""
    p = sub.add_parser(
        "voice",
        help="learn your voice from your own posts (voice learn, voice show)",
        description="Voice profiles: learn how you write from your own posts, and show a profile. "
        "Use the profile with 'postcraft review --voice FILE'.",
    )
    vsub = p.add_subparsers(dest="what", metavar="WHAT")
    learn = vsub.add_parser(
        "learn",
        help="learn a voice profile from posts",
        description="Learn how you write (sentence length, openers, pronouns, emoji, questions, "
        "favourite words, line breaks, hashtags) from your own past posts: text files (one post "
        "each), folders of them, or a post history (CSV, XLSX, JSON; use --author). Writes plain JSON.",
    )
    learn.add_argument("posts", metavar="POSTS", nargs="+", help="post files, folders, or a history file")
    learn.add_argument("-o", "--output", metavar="FILE", required=True, help="the profile to write (JSON)")
    learn.add_argument("--author", default=None, help="in a history file: only this author's posts")
    learn.add_argument("--name", default="", help="a name stored in the profile")
    add_lang(learn, help="the posts' language (default: detected per post)")
    learn.set_defaults(func=_cmd_learn)
    show = vsub.add_parser(
        "show",
        help="show a voice profile",
        description="Show what a voice profile learned about how you write.",
    )
    show.add_argument("profile", metavar="FILE", help="a profile from 'postcraft voice learn'")
    add_format(show)
    show.set_defaults(func=_cmd_show)
    p.set_defaults(func=lambda args: (p.print_help(sys.stderr), 2)[1])


def read_posts(sources: list[str], author: str | None = None) -> list[str]:
    """The texts of the posts in ``sources`` (files, folders, history files)."""
    texts: list[str] = []
    for name in sources:
        path = Path(name)
        if path.is_dir():
            files = sorted(f for f in path.rglob("*") if f.is_file() and f.suffix.lower() in POST_SUFFIXES)
            texts.extend(read_input(f) for f in files)
        elif path.suffix.lower() in HISTORY_SUFFIXES:
            from ..insights import load_history

            posts = load_history(path, errors="skip").posts
            if author is not None:
                posts = tuple(p for p in posts if p.author.casefold() == author.casefold())
                if not posts:
                    raise InputError(f"{path}: no posts by {author!r}")
            texts.extend(p.text for p in posts)
        else:
            texts.append(read_input(name))
    texts = [t for t in texts if t.strip()]
    if not texts:
        raise InputError("no posts found in " + ", ".join(sources))
    return texts


def _cmd_learn(args: argparse.Namespace) -> int:
    from ..voice import learn

    texts = read_posts(args.posts, args.author)
    profile = learn(texts, lang=args.lang, name=args.name or args.author or "")
    try:
        profile.save(args.output)
    except OSError as exc:
        raise InputError(f"{args.output}: cannot write ({exc.strerror})") from None
    hint = "" if profile.posts >= 10 else " (fewer than 10 posts: the profile is rough)"
    print(f"wrote {args.output}: a voice profile from {profile.posts} posts{hint}", file=sys.stderr)
    return 0


def _cmd_show(args: argparse.Namespace) -> int:
    from ..voice import load

    profile = load(args.profile)
    if args.format == "json":
        write_json(profile)
        return 0
    lines = [f"Voice profile{' of ' + profile.name if profile.name else ''}: {profile.posts} posts"]
    lines.append("  languages: " + ", ".join(f"{k} {v}" for k, v in profile.langs.items()))
    lines.append(f"  usual opener: {profile.usual_opener}")
    for f, st in profile.features.items():
        lines.append(f"  {f:<16} {st.mean:8.3f} ± {st.std:.3f}")
    for lang, words in profile.favourites.items():
        lines.append(f"  favourite words ({lang}): {', '.join(words) or '—'}")
    write("\n".join(lines) + "\n")
    return 0
