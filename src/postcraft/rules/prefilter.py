"""Literal prefilters for regular expressions: skip a pattern on a text it cannot match.

Most patterns in the rule packs start with an alternation of words (``\\b(?:comment|type|drop)``)
that the regex engine tries at every position of every draft. :func:`needs` reads a pattern and
returns strings of which every match must contain at least one (case-folded); when the
case-folded draft holds none of them, the pattern cannot match and is not run. The reading is
conservative: anything it does not understand (back-references, verbose mode, ``\\x`` escapes)
gives ``None``, "no prefilter", and the pattern always runs.

>>> needs(r"\\b(?:comment|kommentér) ['\\"][\\p{L}]+")
('comment', 'kommentér')
>>> needs(r"\\bnot (?:been )?(?:public|published) yet\\b")
('public', 'published')
>>> needs(r"(a|b*)c") is None
True
"""

from __future__ import annotations

import json
import re
import unicodedata
from functools import lru_cache
from typing import NamedTuple

from ..yamlsrc import fingerprint, package_data

# escapes that match nothing (zero-width) and escapes that match one unknown character
_ZERO_WIDTH = frozenset("bBAZzGKm")
_CLASSES = frozenset("dDwWsShHvVX")
_UNKNOWN = None  # an atom that consumes text we cannot name


class _Atom(NamedTuple):
    """One element of a sequence: a literal character, a group's needs, or something else."""

    char: str | None  # a literal character, case-folded (one or more code points)
    group: tuple[str, ...] | None  # what a group needs (None: nothing known)
    zero_width: bool
    required: bool  # matched at least once
    single: bool  # matched exactly once


class _Unsupported(Exception):
    """The pattern uses syntax this reader does not follow; no prefilter."""


class _Reader:
    def __init__(self, pattern: str) -> None:
        self.p = pattern
        self.i = 0

    def alternation(self) -> tuple[str, ...] | None:
        """Read branches up to ``)`` or the end; every branch must need something."""
        branches = [self.sequence()]
        while self.i < len(self.p) and self.p[self.i] == "|":
            self.i += 1
            branches.append(self.sequence())
        if any(b is None for b in branches):
            return None
        return tuple(dict.fromkeys(s for b in branches if b for s in b))

    def sequence(self) -> tuple[str, ...] | None:
        candidates: list[tuple[str, ...]] = []
        run = ""
        while self.i < len(self.p) and self.p[self.i] not in "|)":
            atom = self.atom()
            if atom.zero_width:
                continue
            if atom.char is not None and atom.required:
                run += atom.char
                if atom.single:
                    continue
            if run:
                candidates.append((run,))
                run = ""
            if atom.group is not None and atom.required:
                candidates.append(atom.group)
        if run:
            candidates.append((run,))
        if not candidates:
            return None
        # the most selective: the longest shortest string, then the fewest strings
        return max(candidates, key=lambda c: (min(len(s) for s in c), -len(c)))

    def atom(self) -> _Atom:
        p, i = self.p, self.i
        c = p[i]
        char: str | None = None
        group: tuple[str, ...] | None = None
        zero = False
        if c == "\\":
            if i + 1 >= len(p):
                raise _Unsupported
            e = p[i + 1]
            self.i = i + 2
            if e in _ZERO_WIDTH:
                zero = True
            elif e in _CLASSES:
                pass
            elif e in "pP":
                if self.i < len(p) and p[self.i] == "{":
                    end = p.find("}", self.i)
                    if end < 0:
                        raise _Unsupported
                    self.i = end + 1
                else:
                    self.i += 1
            elif e == "n":
                char = "\n"
            elif e == "t":
                char = "\t"
            elif e.isascii() and e.isalnum():
                raise _Unsupported  # \x.., \u...., back-references, \N{…}
            else:
                char = e.casefold()
        elif c == "[":
            self.i = self._class_end(i)
        elif c == "(":
            group, zero = self._group()
        elif c in "^$":
            self.i = i + 1
            zero = True
        elif c == ".":
            self.i = i + 1
        elif c in "*+?{":
            raise _Unsupported  # a quantifier with nothing before it
        else:
            self.i = i + 1
            char = c.casefold()
        lo, hi = self._quantifier()  # a character may fold to two ("ß" to "ss"): still one atom
        return _Atom(char, group, zero, lo >= 1, lo == hi == 1)

    def _class_end(self, i: int) -> int:
        j = i + 1
        if j < len(self.p) and self.p[j] == "^":
            j += 1
        if j < len(self.p) and self.p[j] == "]":
            j += 1
        while j < len(self.p) and self.p[j] != "]":
            if self.p[j] == "[":
                raise _Unsupported  # nested sets (V1)
            j += 2 if self.p[j] == "\\" else 1
        if j >= len(self.p):
            raise _Unsupported
        return j + 1

    def _group(self) -> tuple[tuple[str, ...] | None, bool]:
        p = self.p
        self.i += 1
        zero = False
        if p.startswith("?", self.i):
            rest = p[self.i + 1 :]
            if rest.startswith((":", ">")):
                self.i += 2
            elif rest.startswith(("=", "!", "<=", "<!")):
                zero = True
                self.i += 2 if rest[0] in "=!" else 3
            elif rest.startswith(("P<", "<")):
                end = p.find(">", self.i)
                if end < 0:
                    raise _Unsupported
                self.i = end + 1
            else:  # inline flags: (?i:…) scoped; (?i) global; verbose mode is not followed
                k = self.i + 1
                while k < len(p) and (p[k].isalpha() or p[k] == "-"):
                    k += 1
                flags = p[self.i + 1 : k]
                if not flags or "x" in flags or k >= len(p) or p[k] not in ":)":
                    raise _Unsupported
                if p[k] == ")":
                    self.i = k + 1
                    return None, True
                self.i = k + 1
        inner = self.alternation()
        if self.i >= len(p) or p[self.i] != ")":
            raise _Unsupported
        self.i += 1
        return (None if zero else inner), zero

    def _quantifier(self) -> tuple[int, float]:
        p = self.p
        if self.i >= len(p):
            return 1, 1
        c = p[self.i]
        if c in "?*+":
            self.i += 1
            lo, hi = {"?": (0, 1), "*": (0, float("inf")), "+": (1, float("inf"))}[c]
        elif c == "{":
            end = p.find("}", self.i)
            body = p[self.i + 1 : end] if end > 0 else ""
            lo_s, _, hi_s = body.partition(",")
            if not lo_s.strip().isdigit() and lo_s.strip() != "":
                return 1, 1  # a literal "{"
            self.i = end + 1
            lo = int(lo_s or 0)
            hi = float(hi_s) if hi_s.strip() else (float("inf") if "," in body else lo)
        else:
            return 1, 1
        if self.i < len(p) and p[self.i] in "?+":  # lazy or possessive
            self.i += 1
        return lo, hi


#: the body of a ``[…]`` class (not negated) that matches no letter or digit: white space,
#: symbol, separator and punctuation categories, and literal characters that are neither
_NON_WORD_CLASS = re.compile(r"(?:\\[stn]|\\p\{[SZP][a-z]?\}|[^\w\\\[\]\-&|~^])+")


def anchored(pattern: str) -> bool:
    """True when ``pattern`` can match only at the start of the text, after a run of white
    space and symbols (``\\A``, then at most one class such as ``[\\s\\p{So}]*``, then a group
    or a literal): the engine tries it at one position, which costs less than looking for its
    needed strings in the whole draft, so such a pattern is run without a prefilter.

    >>> anchored(r"\\A[\\s\\p{So}\\p{Sk}]*(?:hej|hi)\\b"), anchored(r"\\A[^\\n]{0,160}?\\bhope")
    (True, False)
    """
    if not pattern.startswith("\\A"):
        return False
    rest = pattern[2:]
    if rest.startswith("["):
        end = rest.find("]", 1)
        if end < 0 or not _NON_WORD_CLASS.fullmatch(rest[1:end]) or rest[end + 1 : end + 2] not in ("*", "+"):
            return False
        rest = rest[end + 2 :]
        if rest.startswith(("?", "+", "*", "{")):
            return False
    return rest[:1] == "(" or rest[:1].isalpha()


def starts(pattern: str) -> frozenset[str] | None:
    """For a pattern :func:`anchored` at the start: the ASCII letters and digits (lower case) of
    which every match begins with one, right after its run of white space and symbols; ``None``
    when that is not known (the group may begin with anything else, or with nothing).

    A text whose first character is an ASCII letter or digit has no such run (the run's class
    holds no letter or digit), so when that character (in either case) is none of these, the
    pattern cannot match it: a cold command line need not compile it.

    >>> sorted(starts(r"\\A[\\s\\p{So}]*(?:hi|Hello|good (?:morning|day))\\b"))
    ['g', 'h']
    >>> sorted(starts(r"\\A[\\s]*(?:(?:well, )?it's|ok)"))
    ['i', 'o', 'w']
    >>> starts(r"\\A[\\s]*(?:hi|\\d+)"), starts(r"\\A[\\s]*(?:x?)"), starts(r"\\b(?:hi)")
    (None, None, None)
    >>> starts(r"\\A[\\s\\w]*(?:hi)"), starts(r"\\A[a-z ]*(?:hi)"), starts(r"\\A[\\s]{0,3}(?:hi)")
    (None, None, None)
    """
    if not anchored(pattern):
        return None
    try:
        if _scan_to(pattern, 0, "|") < len(pattern):
            return None  # an alternative outside every group need not be anchored
        rest = pattern[2:]
        if rest.startswith("["):
            end = _Reader(rest)._class_end(0)  # the run's class, then its * or +
            if not _no_letters(rest[1 : end - 1]) or rest[end : end + 1] not in ("*", "+"):
                return None
            rest = rest[end + 1 :]
        return _branch_starts(rest)
    except (_Unsupported, IndexError):
        return None


#: the class escapes and property names a leading run may hold: none matches a letter or digit
_RUN_ESCAPES = frozenset({"s", "t", "n", "r", "f", "v"})
_RUN_PROPERTIES = frozenset(
    {"So", "Sk", "Sm", "Sc", "S", "P", "Po", "Pd", "Ps", "Pe", "Pi", "Pf", "Pc", "Zs", "Z"}
)


def _no_letters(body: str) -> bool:
    """True when a character class's ``body`` can match no ASCII letter or digit: white space,
    symbol and punctuation properties, and literal characters that are neither (a negated class,
    a range or anything else unknown is not trusted)."""
    if body.startswith("^"):
        return False
    i = 0
    while i < len(body):
        c = body[i]
        if c == "\\":
            e = body[i + 1 : i + 2]
            if e in ("p", "P") and body[i + 2 : i + 3] == "{":
                close = body.find("}", i + 3)
                if e == "P" or close < 0 or body[i + 3 : close] not in _RUN_PROPERTIES:
                    return False
                i = close + 1
                continue
            if e not in _RUN_ESCAPES:
                return False
            i += 2
            continue
        if c == "-" or (c.isascii() and c.isalnum()):
            return False
        i += 1
    return True


def _scan_to(p: str, i: int, stops: str) -> int:
    """The index of the first of ``stops`` (``|``, ``)``) outside groups and classes from ``i``
    on, or ``len(p)``."""
    depth = 0
    reader = _Reader(p)
    while i < len(p):
        c = p[i]
        if c == "\\":
            i += 2
            continue
        if c == "[":
            i = reader._class_end(i)
            continue
        if c == "(":
            depth += 1
        elif c == ")":
            if depth == 0 and ")" in stops:
                return i
            depth -= 1
        elif c == "|" and depth == 0 and "|" in stops:
            return i
        i += 1
    return len(p)


def _alternation_starts(p: str) -> frozenset[str] | None:
    out: set[str] = set()
    i = 0
    while True:
        j = _scan_to(p, i, "|")
        got = _branch_starts(p[i:j])
        if got is None:
            return None
        out |= got
        if j >= len(p):
            return frozenset(out)
        i = j + 1


def _branch_starts(b: str) -> frozenset[str] | None:
    """The letters a sequence ``b`` begins with: a literal letter or digit, or a group of
    alternatives that each begin so; when that is optional (``?``, ``*``), also what follows."""
    if b.startswith("("):
        prefix = next((x for x in ("(?:", "(?i:") if b.startswith(x)), "(" if b[1:2] != "?" else None)
        if prefix is None:
            return None  # look-arounds, named groups, flags: not followed
        end = _scan_to(b, len(prefix), ")")
        if end >= len(b):
            return None
        got = _alternation_starts(b[len(prefix) : end])
    else:
        c = b[:1]
        if not (c.isascii() and c.isalnum()):
            return None
        got, end = frozenset(c.lower()), 0
    after = b[end + 1 : end + 2]
    if after == "{":
        return None
    if got is None or after not in ("?", "*"):
        return got
    k = end + 2 + (b[end + 2 : end + 3] in ("?", "+"))  # lazy or possessive
    rest = _branch_starts(b[k:])
    return None if rest is None else got | rest


def needs(pattern: str) -> tuple[str, ...] | None:
    """Case-folded strings of which every match of ``pattern`` contains one, or ``None``.

    Only strings of two or more characters are worth checking for; shorter ones give ``None``.
    """
    reader = _Reader(pattern)
    try:
        got = reader.alternation()
    except (_Unsupported, IndexError, ValueError):
        return None
    if reader.i != len(pattern) or not got or min(len(s) for s in got) < 2:
        return None
    return got


# -- the built-in packs' prefilters, computed ahead -------------------------------------------
#: Where :func:`cached_needs` finds the prefilters of the built-in packs' patterns, written by
#: ``scripts/precompile_data.py`` (reading the 26 patterns costs a cold command line 3.5 ms).
TABLE = "data/prefilters.json"
TABLE_FORMAT = 1


def table_key() -> dict[str, str]:
    """What the table must have been computed with: this module's source (its fingerprint)
    and the Unicode version of ``str.casefold``; any other table is ignored."""
    return {
        "code": fingerprint(package_data("postcraft.rules", "prefilter.py")),
        "unicode": unicodedata.unidata_version,
    }


@lru_cache(maxsize=1)
def _table() -> dict[str, tuple[str, ...] | None]:
    try:
        data = json.loads(package_data("postcraft.rules", TABLE))
        key = table_key()
    except (OSError, ValueError):  # no table, or no source to compare it with
        return {}
    if not isinstance(data, dict) or data.get("format") != TABLE_FORMAT or data.get("key") != key:
        return {}
    return {p: tuple(v) if v is not None else None for p, v in data.get("needs", {}).items()}


def cached_needs(pattern: str) -> tuple[str, ...] | None:
    """:func:`needs` of ``pattern``: from the table when it holds the pattern (and was computed
    by this very code), else computed."""
    table = _table()
    if pattern in table:
        return table[pattern]
    return needs(pattern)


def make_table(patterns: list[str]) -> str:
    """The table (JSON text) of ``patterns``' prefilters, for ``scripts/precompile_data.py``."""
    data = {
        "format": TABLE_FORMAT,
        "key": table_key(),
        "needs": {p: needs(p) for p in sorted(set(patterns))},
    }
    return json.dumps(data, ensure_ascii=False, indent=0, sort_keys=True) + "\n"
