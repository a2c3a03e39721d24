"""GitHub Actions workflow commands: one ``::error``/``::warning``/``::notice`` line per
finding, which GitHub shows as an annotation on the file and line of the pull request.

``::error file=NAME,line=L,col=C,endLine=L2,endColumn=C2,title=RULE::MESSAGE``; a ``suggestion``
is a ``notice``. Values are escaped as the Actions runner expects: in the message ``%``, CR
and LF become ``%25``, ``%0D``, ``%0A``; in a property also ``:`` and ``,`` (``%3A``, ``%2C``).

>>> escape_property("a,b: 50%")
'a%2Cb%3A 50%25'
>>> import postcraft
>>> print(dumps(postcraft.review("Stor dag i dag 🎉 #grønomstilling"), "post.txt"), end="")
::notice file=post.txt,line=1,col=18,endLine=1,endColumn=33,title=linkedin.hashtags.camelcase::...
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from .report import FileResult

COMMANDS = {"error": "error", "warning": "warning", "suggestion": "notice"}


def escape_data(text: str) -> str:
    """Escape a workflow command's message."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Escape a workflow command's property value."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(name: str, f: Any) -> str:
    """The workflow command of one finding in the file ``name``."""
    props = {
        "file": name,
        "line": f.line,
        "col": f.column,
        "endLine": f.end_line,
        "endColumn": f.end_column,
        "title": f.rule,
    }
    head = ",".join(f"{k}={escape_property(str(v))}" for k, v in props.items())
    return f"::{COMMANDS.get(str(f.severity), 'notice')} {head}::{escape_data(f.message)}\n"


def dumps_files(files: Sequence[FileResult]) -> str:
    """Every finding of every file as a workflow command; a file that could not be checked is
    an ``::error file=NAME::`` line."""
    out: list[str] = []
    for fr in files:
        if fr.error is not None:
            out.append(f"::error file={escape_property(fr.name)},title=postcraft::{escape_data(fr.error)}\n")
            continue
        out.extend(annotation(fr.name, f) for f in fr.findings)
    return "".join(out)


def dumps(review: Any, name: str = "draft.txt") -> str:
    """The findings of one review as workflow commands, in the file ``name``."""
    return "".join(annotation(name, f) for f in review.findings)
