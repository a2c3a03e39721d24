"""Turn a draft plus the accepted suggestions into text LinkedIn can take.

* :func:`to_copy_text` – for pasting into LinkedIn's composer. Pasted text cannot carry
  mentions, so each name to tag gets an ``@`` in front of it as a reminder to re-pick the
  person or page there; accepted hashtags are appended.
* :func:`to_little_text` – the Posts API's "little text": mentions become
  ``@[Name](urn:li:person:…)`` / ``@[Name](urn:li:organization:…)``, hashtags ``#Tag``, and
  every reserved character ``\\ | { } @ [ ] ( ) < > # * _ ~`` elsewhere is backslash-escaped,
  because LinkedIn silently cuts a post at the first unescaped one.

Experts accepted with ``action == "tag"`` are not named in the draft; they go on a line of
their own before the hashtags. Experts to ask for feedback are not tags and are ignored.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from .._regex import LazyPattern
from ..analysis.tokens import tokenize
from ..errors import InputError
from .suggest import Suggestion
from .vocab import tag_key

_RESERVED = LazyPattern(r"[\\|{}@\[\]()<>#*_~]")


def escape_little_text(s: str) -> str:
    """Backslash-escape the characters the little text format reserves.

    >>> print(escape_little_text("Q&A (kl. 10) #1 @home_office"))
    Q&A \\(kl. 10\\) \\#1 \\@home\\_office
    """
    result: str = _RESERVED.sub(lambda m: "\\" + m.group(), s)
    return result


def to_copy_text(text: str, accepted: Iterable[Suggestion], *, mark: str = "@") -> str:
    """The draft ready to paste into LinkedIn, with ``mark`` before each name to tag.

    >>> from postcraft.tags import Suggestion
    >>> s = [Suggestion("person", "Mette Hansen", "urn:li:person:abc", 4, 9, 1.0, ""),
    ...      Suggestion("hashtag", "#Rekruttering", None, None, None, 0.6, "", "add")]
    >>> print(to_copy_text("Tak Mette for hjælpen!", s))
    Tak @Mette for hjælpen!
    <BLANKLINE>
    #Rekruttering
    """

    def inline(s: Suggestion, written: str) -> str:
        return written if written.startswith("@") or not mark else mark + written

    def mention(s: Suggestion) -> str | None:
        return mark + s.target

    return _render(text, accepted, inline, mention, lambda seg: seg, lambda seg: seg)


def to_little_text(text: str, accepted: Iterable[Suggestion]) -> str:
    """The draft in the Posts API's little text format, with the accepted tags as mentions.

    People keep the words the draft uses for them (``@[Mette](urn:li:person:…)``);
    company pages use the page name from the roster, which LinkedIn matches. A person or
    page without a URN stays plain text.

    >>> from postcraft.tags import Suggestion
    >>> s = [Suggestion("person", "Mette Hansen", "urn:li:person:abc", 4, 9, 1.0, ""),
    ...      Suggestion("hashtag", "#Rekruttering", None, None, None, 0.6, "", "add")]
    >>> print(to_little_text("Tak Mette (HR) for hjælpen!", s))
    Tak @[Mette](urn:li:person:abc) \\(HR\\) for hjælpen!
    <BLANKLINE>
    #Rekruttering
    """

    def inline(s: Suggestion, written: str) -> str:
        if s.urn is None:
            return escape_little_text(written)
        name = s.target if s.kind == "company" else written.lstrip("@")
        return f"@[{escape_little_text(name)}]({s.urn})"

    def mention(s: Suggestion) -> str | None:
        if s.urn is None:
            return None
        return f"@[{escape_little_text(s.target)}]({s.urn})"

    return _render(text, accepted, inline, mention, _escape_keeping_entities, _escape_hashtag_line)


def _escape_keeping_entities(seg: str) -> str:
    """Escape a stretch of the draft, keeping its hashtags and little-text mentions working."""
    out: list[str] = []
    pos = 0
    for tok, start, end, kind in tokenize(seg):
        # A hashtag must start with a letter or digit after "#" ("#_a" would read as "#\\_a");
        # otherwise it is escaped as plain text so no bare reserved character cuts the post.
        if (kind == "hashtag" and tok[1:2].isalnum()) or (kind == "mention" and tok.startswith("@[")):
            out.append(escape_little_text(seg[pos:start]))
            out.append("#" + escape_little_text(tok[1:]) if kind == "hashtag" else tok)
            pos = end
    out.append(escape_little_text(seg[pos:]))
    return "".join(out)


def _escape_hashtag_line(seg: str) -> str:
    return _escape_keeping_entities(seg)


def _trailing_hashtag_line(text: str) -> tuple[int, int] | None:
    """The span of the last non-blank line when it holds only hashtags."""
    end = len(text.rstrip())
    if end == 0:
        return None
    start = max(text.rfind("\n", 0, end), text.rfind("\r", 0, end)) + 1
    toks = tokenize(text[start:end])
    if toks and all(t[3] == "hashtag" for t in toks):
        return start, end
    return None


def _render(
    text: str,
    accepted: Iterable[Suggestion],
    inline: Callable[[Suggestion, str], str],
    mention: Callable[[Suggestion], str | None],
    plain: Callable[[str], str],
    tagline: Callable[[str], str],
) -> str:
    spans: list[Suggestion] = []
    mentions: list[str] = []
    tags: list[str] = []
    present = {tag_key(t[0]) for t in tokenize(text) if t[3] == "hashtag"}
    seen: set[tuple[str, str, int | None]] = set()
    for s in accepted:
        if not isinstance(s, Suggestion):
            raise InputError(f"accepted suggestions must be Suggestion objects, not {type(s).__name__}")
        key = (s.kind, s.target, s.start)
        if key in seen:
            continue
        seen.add(key)
        if s.kind == "hashtag":
            k = tag_key(s.target)
            if k not in present:
                present.add(k)
                tags.append(s.target if s.target.startswith("#") else "#" + s.target)
        elif s.kind == "expert" and s.action != "tag":
            continue
        elif s.start is not None and s.end is not None:
            if not 0 <= s.start < s.end <= len(text):
                raise InputError(
                    f"the suggestion for {s.target} spans {s.start}..{s.end}, outside this text "
                    f"(0..{len(text)}); was it made for another draft?"
                )
            spans.append(s)
        else:
            m = mention(s)
            if m is not None and m not in mentions:
                mentions.append(m)
    spans.sort(key=lambda s: s.start or 0)
    for a, b in zip(spans, spans[1:], strict=False):
        assert a.end is not None and b.start is not None
        if b.start < a.end:
            raise InputError(f"the suggestions for {a.target} and {b.target} overlap; accept only one")

    def body(lo: int, hi: int) -> str:
        out: list[str] = []
        pos = lo
        for s in spans:
            assert s.start is not None and s.end is not None
            if s.start < lo or s.end > hi:
                continue
            out.append(plain(text[pos : s.start]))
            out.append(inline(s, text[s.start : s.end]))
            pos = s.end
        out.append(plain(text[pos:hi]))
        return "".join(out)

    if not mentions and not tags:
        return body(0, len(text))
    trailing = _trailing_hashtag_line(text)
    if trailing is not None and not any((s.end or 0) > trailing[0] for s in spans):
        ls, le = trailing
        head = body(0, ls)
        if mentions:
            head = head.rstrip() + "\n\n" + " ".join(mentions) + "\n\n"
        line = tagline(text[ls:le])
        if tags:
            line += " " + " ".join(tags)
        return head + line + plain(text[le:]).rstrip() + ("\n" if text.endswith("\n") else "")
    out = body(0, len(text)).rstrip()
    if mentions:
        out += "\n\n" + " ".join(mentions)
    if tags:
        out += "\n\n" + " ".join(tags)
    return out + ("\n" if text.endswith("\n") else "")
