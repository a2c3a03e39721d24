"""The sandbox every template body is compiled and rendered in.

Templates come from organisations and packages, so they are treated as untrusted code.
Three layers keep them harmless:

1. **At load**, the parsed template is checked: no ``include``/``import``/``extends``,
   no macros, blocks, call or filter blocks, block ``set``, or recursive loops; no
   attribute or item whose name starts with ``_``; only the declared fields (plus
   ``range``, ``dict`` and ``loop``) may be referred to. Violations raise
   :class:`~postcraft.templates.errors.TemplateSecurityError` or
   :class:`~postcraft.errors.ConfigError` with the file and line.
2. **At render**, Jinja2's :class:`~jinja2.sandbox.ImmutableSandboxedEnvironment` refuses
   unsafe attributes and mutation; on top of it only a short list of filters and methods
   exist, ``range`` is capped, every loop draws on a per-render iteration budget, and
   ``+``, ``*``, ``**``, ``%``, ``~``, ``join`` and ``replace`` check the size of what they
   would build *before* building it.
3. **The output** is counted as it streams; rendering stops at :data:`MAX_OUTPUT_CHARS`.
4. **Time**: a render may take at most :data:`MAX_RENDER_SECONDS`; the clock is checked at
   every loop iteration, call, operator and filter, so a body that stays inside every other
   limit but does expensive work over and over (nested loops sorting a thousand strings each
   time) stops with :class:`~postcraft.templates.errors.TemplateRenderError` instead of
   running for minutes. Real templates render in milliseconds.

Undefined names raise (``StrictUndefined``); output is plain text (no autoescaping).
"""

from __future__ import annotations

import functools
import re
import time
import traceback
import types
from collections.abc import Callable, Generator, Iterable, Iterator, Mapping
from contextvars import ContextVar
from typing import TYPE_CHECKING, Any, cast

from jinja2 import StrictUndefined, Undefined, nodes
from jinja2.exceptions import SecurityError, TemplateSyntaxError, UndefinedError
from jinja2.filters import FILTERS
from jinja2.runtime import Context, LoopContext
from jinja2.sandbox import ImmutableSandboxedEnvironment
from jinja2.visitor import NodeTransformer

from ..errors import ConfigError
from ..langs import LANGUAGES
from .errors import TemplateRenderError, TemplateSecurityError

if TYPE_CHECKING:
    from jinja2 import Template as JinjaTemplate

    from .model import Template

#: Most characters a rendered draft, or any string built while rendering, may hold.
MAX_OUTPUT_CHARS = 10_000
#: Most items in a list built while rendering, and in a ``range()``.
MAX_ITEMS = 1_000
#: Most loop iterations in one render, all loops together.
MAX_LOOP_ITERATIONS = 10_000
#: Largest integer (in bits) ``*`` and ``**`` may produce.
MAX_INT_BITS = 1_024
#: Longest a render may run, in seconds (wall clock); the built-in templates take milliseconds.
MAX_RENDER_SECONDS = 1.0

#: Names a template may use besides its own fields.
GLOBAL_NAMES = frozenset({"range", "dict", "loop"})

_FORBIDDEN_NODES: dict[type[nodes.Node], str] = {
    nodes.Extends: "'extends'",
    nodes.Include: "'include'",
    nodes.Import: "'import'",
    nodes.FromImport: "'from … import'",
    nodes.Macro: "macros",
    nodes.CallBlock: "'call' blocks",
    nodes.Block: "'block'",
    nodes.FilterBlock: "'filter' blocks",
    nodes.AssignBlock: "block 'set' (write {% set name = … %} instead)",
}

_SAFE_FILTERS = (
    "abs capitalize count d default dictsort first float int items join last length list lower "
    "map max min reject replace reverse round select sort string sum title trim truncate unique "
    "upper wordcount"
).split()

_STR_METHODS = frozenset(
    (
        "capitalize casefold count endswith find index isalnum isalpha isdecimal isdigit islower "
        "isnumeric isspace istitle isupper lower lstrip partition removeprefix removesuffix rfind "
        "rindex rpartition rsplit rstrip split splitlines startswith strip swapcase title upper"
    ).split()
)
_DICT_METHODS = frozenset({"items", "keys", "values", "get"})
_SEQ_METHODS = frozenset({"count", "index"})
_LOOP_METHODS = frozenset({"cycle", "changed"})


# -- budgets -------------------------------------------------------------------------------------
class _Budget:
    __slots__ = ("iterations", "deadline")

    def __init__(self) -> None:
        self.iterations = 0
        self.deadline = time.monotonic() + MAX_RENDER_SECONDS


class _OutOfTime(Exception):
    """The render ran past :data:`MAX_RENDER_SECONDS` (reported as a TemplateRenderError)."""


_BUDGET: ContextVar[_Budget | None] = ContextVar("postcraft_template_budget", default=None)


def _tick() -> None:
    """Stop the render when its time is up."""
    budget = _BUDGET.get()
    if budget is not None and time.monotonic() > budget.deadline:
        raise _OutOfTime(f"the draft took longer than {MAX_RENDER_SECONDS:g} s to render")


def _refuse(message: str) -> SecurityError:
    return SecurityError(message)


def _check_size(value: Any) -> Any:
    _tick()
    if isinstance(value, str) and len(value) > MAX_OUTPUT_CHARS:
        raise _refuse(f"a text of {len(value):,} characters is longer than templates may build")
    if isinstance(value, (list, tuple)) and len(value) > MAX_ITEMS:
        raise _refuse(f"a list of {len(value):,} items is longer than templates may build")
    return value


def _weight(value: Any) -> int:
    """Rough size of a value once turned into text, for checks made before building it."""
    if isinstance(value, str):
        return len(value)
    if isinstance(value, (list, tuple)):
        return sum(_weight(v) for v in value) + 2 * len(value)
    return 24


def safe_range(*args: int) -> range:
    """``range()`` limited to :data:`MAX_ITEMS` numbers."""
    rng = range(*args)
    if len(rng) > MAX_ITEMS:
        raise _refuse(f"range() of {len(rng):,} numbers; templates may use at most {MAX_ITEMS:,}")
    return rng


def _loop_guard(iterable: Iterable[Any]) -> Iterator[Any]:
    """Wraps the iterable of every ``for`` loop: counts iterations against the render's budget."""
    budget = _BUDGET.get()
    for item in iterable:
        if budget is not None:
            budget.iterations += 1
            if budget.iterations > MAX_LOOP_ITERATIONS:
                raise _refuse(f"loops ran more than {MAX_LOOP_ITERATIONS:,} times in one draft")
            if time.monotonic() > budget.deadline:
                raise _OutOfTime(f"the draft took longer than {MAX_RENDER_SECONDS:g} s to render")
        yield item


# -- filters -------------------------------------------------------------------------------------
_ENDS_SENTENCE = tuple('.!?…:"”»)')


def hashtag(value: Any) -> str:
    """Turn words into one CamelCase hashtag: ``"grøn omstilling"`` → ``"#GrønOmstilling"``.

    An empty value gives ``""``; a leading ``#`` and punctuation are dropped; letters
    after the first of each word keep their case (``"AI act"`` → ``"#AIAct"``).

    >>> hashtag("employee advocacy"), hashtag("#Ledelse"), hashtag("")
    ('#EmployeeAdvocacy', '#Ledelse', '')
    """
    words = re.findall(r"[^\W_]+", str(value))
    return "#" + "".join(w[:1].upper() + w[1:] for w in words) if words else ""


def hashtags(value: Any, limit: int = 3) -> str:
    """Comma-separated topics (or ``#tags``) → at most ``limit`` CamelCase hashtags.

    >>> hashtags("grøn omstilling, ledelse, #Ledelse, AI act, fourth")
    '#GrønOmstilling #Ledelse #AIAct'
    """
    text = str(value)
    parts = re.split(r"[,;\n]|(?=#)", text)
    out: list[str] = []
    seen: set[str] = set()
    for part in parts:
        tag = hashtag(part)
        if tag and tag.casefold() not in seen:
            seen.add(tag.casefold())
            out.append(tag)
    return " ".join(out[: max(0, min(int(limit), 3))])


def sentence(value: Any) -> str:
    """A field written as a sentence: first letter upper-case, ends in ``.`` unless it has an end.

    >>> sentence("kunderne læser fakturaen først"), sentence("Why not?")
    ('Kunderne læser fakturaen først.', 'Why not?')
    """
    text = str(value).strip()
    if not text:
        return ""
    text = text[:1].upper() + text[1:]
    return text if text.endswith(_ENDS_SENTENCE) else text + "."


def clause(value: Any) -> str:
    """A field used inside a sentence: trailing white space and one final ``.`` or ``!`` removed.

    >>> clause("our customers never noticed a thing."), clause("wait for it...")
    ('our customers never noticed a thing', 'wait for it...')
    """
    text = str(value).strip()
    if text.endswith((".", "!")) and not text.endswith(".."):
        text = text[:-1].rstrip()
    return text


def capfirst(value: Any) -> str:
    """First letter upper-case, the rest untouched (unlike ``capitalize``).

    >>> capfirst("my team at IKEA")
    'My team at IKEA'
    """
    text = str(value)
    return text[:1].upper() + text[1:]


def question(value: Any) -> str:
    """A field used as a question: first letter upper-case, ends in ``?``.

    >>> question("how do you onboard remote colleagues.")
    'How do you onboard remote colleagues?'
    """
    text = clause(value).rstrip("?").rstrip()
    return text[:1].upper() + text[1:] + "?" if text else ""


#: Lower-case words that, at the start of an organisation's name, are a preposition the writer chose
#: (in any language: each language's module lists its own).
_WRITTEN_PREPOSITIONS = frozenset[str]().union(*(lang.prepositions for lang in LANGUAGES.values()))
#: The language of ``at_org`` when a template does not say (the Danish templates rely on it).
_AT_ORG_LANG = "da"


def at_org(value: Any, preposition: Any = "", lang: str = _AT_ORG_LANG) -> str:
    """The organisation with the preposition a native speaker puts before it.

    A name that already starts with a lower-case preposition ("i Novo Nordisk") is kept as
    written; a ``preposition`` (e.g. a field ``org_preposition``) wins when it is not empty. Otherwise
    Danish goes by the head word of the name: *i* for municipalities, regions, ministries,
    agencies (``-styrelsen``), the police and the armed forces; *på* for hospitals, schools,
    universities, libraries and museums; *hos* for everything else (companies). English: *at*.

    >>> at_org("Aarhus Kommune"), at_org("Rigshospitalet"), at_org("Novo Nordisk A/S")
    ('i Aarhus Kommune', 'på Rigshospitalet', 'hos Novo Nordisk A/S')
    >>> at_org("Region Midtjylland"), at_org("Novo Nordisk", "i"), at_org("Novo Nordisk", lang="en")
    ('i Region Midtjylland', 'i Novo Nordisk', 'at Novo Nordisk')
    >>> at_org("på Novo Nordisk"), at_org("for Northwind", lang="en")
    ('på Novo Nordisk', 'for Northwind')
    """
    name = " ".join(str(value).split())
    word = " ".join(str(preposition).split())
    first = name.split(" ", 1)[0]
    if first in _WRITTEN_PREPOSITIONS and " " in name:
        return name  # "i Novo Nordisk": the writer chose the preposition already
    if not word:
        code = str(lang).strip().lower().replace("_", "-").split("-")[0]
        word = (LANGUAGES.get(code) or LANGUAGES[_AT_ORG_LANG]).org_preposition(name)
    return f"{word} {name}" if name else ""


_YES = frozenset({"ja", "j", "yes", "y", "true", "1", "team", "hold", "gruppe", "group", "x"})
_NO = frozenset({"nej", "n", "no", "false", "0", "person", "en person", "one person"})
#: First words that make a name plural: "hele lageret", "alle på B4", "mine kolleger", "team Ørn".
_GROUP_STARTS = frozenset({"hele", "alle", "mine", "everyone", "all", "team"})
#: Word ends of group nouns, looked for in the words before the first preposition.
_GROUP_ENDS = tuple(
    (
        "holdet teamet afdelingen afsnittet gruppen vagten kontoret sekretariatet enheden kollegerne "
        "erne folkene udvalget ledelsen redaktionen klassen "
        "team crew shift department squad staff colleagues folks"
    ).split()
)
_NAME_PREPOSITIONS = frozenset("på i fra hos ved til for af med under on at in from of with".split())


def is_team(value: Any, answer: Any = "") -> bool:
    """Whether a name stands for a group (thank *I/jer*, not *du/dig*).

    A value is a team when it names several people ("Mette og Jonas", "Priya, Sam"), starts
    with "hele", "alle", "mine" or "team", or has a group noun before its first preposition:
    a word ending in *-holdet*, *-teamet*, *-afdelingen*, *-gruppen*, *-vagten*, *-erne*, *shift*,
    *crew*, *team* … ("Nattevagten på afdeling B", "Sygeplejerskerne på B4", "the night shift
    on ward B"; but "Mette fra IT-afdelingen" is a person). ``answer`` (e.g. an organisation
    template's own field: ``ja``/``nej``, ``yes``/``no``) decides when not empty.

    >>> is_team("Mette"), is_team("Karen"), is_team("Nattevagten på afdeling B"), is_team("Mette og Jonas")
    (False, False, True, True)
    >>> is_team("Mette fra IT-afdelingen"), is_team("Kvalitetsholdet", "nej"), is_team("Mette", "ja")
    (False, False, True)
    """
    flag = " ".join(str(answer).split()).casefold()
    if flag in _YES:
        return True
    if flag in _NO:
        return False
    text = " ".join(str(value).split())
    if re.search(r",|&|\+|\b(og|and)\b", text):  # lower-case: "Anders And" is one person
        return True
    words = text.casefold().split(" ") if text else []
    head: list[str] = []
    for word in words:
        if word in _NAME_PREPOSITIONS:
            break
        head.append(word.strip(".,;:()»«\"'"))
    if words and words[0] in _GROUP_STARTS:
        return True
    return any(word.endswith(_GROUP_ENDS) for word in head)


def _size_checked(f: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(f)  # also copies Jinja's pass_context/pass_eval_context marker
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        return _check_size(f(*args, **kwargs))

    return wrapper


def _take(iterable: Iterable[Any]) -> list[Any]:
    items: list[Any] = []
    _tick()
    for item in iterable:
        items.append(item)
        if len(items) > MAX_ITEMS:
            raise _refuse(f"a list of more than {MAX_ITEMS:,} items is longer than templates may build")
    return items


def _join(f: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(f)
    def wrapper(eval_ctx: Any, value: Iterable[Any], d: str = "", attribute: Any = None) -> Any:
        if attribute is not None:
            raise _refuse("join(attribute=…) is not available in templates")
        items = _take(value)
        if _weight(items) + len(str(d)) * max(0, len(items) - 1) > MAX_OUTPUT_CHARS:
            raise _refuse(f"join() would build more than {MAX_OUTPUT_CHARS:,} characters")
        return _check_size(f(eval_ctx, items, d))

    return wrapper


def _replace(f: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(f)
    def wrapper(eval_ctx: Any, s: Any, old: Any, new: Any, count: int | None = None) -> Any:
        text, old_s, new_s = str(s), str(old), str(new)
        hits = text.count(old_s) if old_s else len(text) + 1
        if count is not None and count >= 0:
            hits = min(hits, count)
        if len(text) + hits * (len(new_s) - len(old_s)) > MAX_OUTPUT_CHARS:
            raise _refuse(f"replace() would build more than {MAX_OUTPUT_CHARS:,} characters")
        return f(eval_ctx, s, old, new, count)

    return wrapper


def _build_filters() -> dict[str, Callable[..., Any]]:
    out: dict[str, Callable[..., Any]] = {}
    for name in _SAFE_FILTERS:
        f = FILTERS[name]
        if name == "join":
            out[name] = _join(f)
        elif name == "replace":
            out[name] = _replace(f)
        else:
            out[name] = _size_checked(f)
    out.update(
        hashtag=hashtag,
        hashtags=hashtags,
        sentence=sentence,
        clause=clause,
        question=question,
        capfirst=capfirst,
        at_org=at_org,
        is_team=is_team,
    )
    out["_pc_loop"] = _loop_guard
    out["_pc_size"] = _check_size
    return out


# -- the environment -----------------------------------------------------------------------------
class PostcraftSandbox(ImmutableSandboxedEnvironment):
    """Jinja2's immutable sandbox, narrowed for plain-text post templates (see module docs)."""

    intercepted_binops = frozenset({"+", "*", "**", "%"})

    def __init__(self) -> None:
        super().__init__(
            undefined=StrictUndefined,
            autoescape=False,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=False,
            optimized=False,
            cache_size=0,
            auto_reload=False,
        )
        self.globals = {"range": safe_range, "dict": dict}
        self.filters = _build_filters()

    def call_binop(self, context: Context, operator: str, left: Any, right: Any) -> Any:
        """Check ``+ * ** %`` before computing them."""
        _tick()
        if operator == "*":
            for seq, n in ((left, right), (right, left)):
                if isinstance(seq, (str, list, tuple)) and isinstance(n, int):
                    if _weight(seq) * max(n, 0) > MAX_OUTPUT_CHARS or (
                        not isinstance(seq, str) and len(seq) * max(n, 0) > MAX_ITEMS
                    ):
                        raise _refuse(f"'*' would build more than {MAX_OUTPUT_CHARS:,} characters")
            if isinstance(left, int) and isinstance(right, int):
                if abs(left).bit_length() + abs(right).bit_length() > MAX_INT_BITS:
                    raise _refuse(f"'*' would build a number over {MAX_INT_BITS} bits")
        elif operator == "**":
            if isinstance(left, int) and isinstance(right, int) and right > 0:
                if abs(left) > 1 and abs(left).bit_length() * right > MAX_INT_BITS:
                    raise _refuse(f"'**' would build a number over {MAX_INT_BITS} bits")
        elif operator == "%" and isinstance(left, str):
            raise _refuse("'%' string formatting is not available in templates; write the text out")
        return _check_size(super().call_binop(context, operator, left, right))

    def call(__self, __context: Context, __obj: Any, *args: Any, **kwargs: Any) -> Any:  # noqa: N805
        """Allow calls only to ``range``, ``dict`` and a few methods that cannot grow text."""
        obj = __obj
        _tick()
        if isinstance(obj, Undefined):
            obj._fail_with_undefined_error()  # says why it is undefined (e.g. an unsafe attribute)
        allowed = obj is safe_range or obj is dict
        if not allowed and isinstance(obj, (types.BuiltinMethodType, types.MethodType)):
            owner = getattr(obj, "__self__", None)
            name = getattr(obj, "__name__", "")
            allowed = (
                (isinstance(owner, str) and name in _STR_METHODS)
                or (isinstance(owner, dict) and name in _DICT_METHODS)
                or (isinstance(owner, (list, tuple)) and name in _SEQ_METHODS)
                or (isinstance(owner, LoopContext) and name in _LOOP_METHODS)
            )
        if not allowed:
            name = getattr(obj, "__name__", type(obj).__name__)
            raise _refuse(f"calling {name!r} is not allowed in templates")
        return _check_size(__context.call(obj, *args, **kwargs))


_ENV: PostcraftSandbox | None = None


def environment() -> PostcraftSandbox:
    """The shared sandbox (created on first use)."""
    global _ENV
    if _ENV is None:
        _ENV = PostcraftSandbox()
    return _ENV


# -- load-time checks and compilation ------------------------------------------------------------
class _Guard(NodeTransformer):
    """Route every loop's iterable through ``_pc_loop`` and every ``~`` through ``_pc_size``."""

    def visit_For(self, node: nodes.For) -> nodes.Node:  # noqa: N802
        self.generic_visit(node)
        node.iter = nodes.Filter(node.iter, "_pc_loop", [], [], None, None, lineno=node.lineno)
        return node

    def visit_Concat(self, node: nodes.Concat) -> nodes.Node:  # noqa: N802
        self.generic_visit(node)
        return nodes.Filter(node, "_pc_size", [], [], None, None, lineno=node.lineno)


def _where(body_line: int, lineno: int | None) -> int:
    return body_line + (lineno or 1) - 1


def check_body(source: str, *, fields: Iterable[str], path: str, line: int) -> nodes.Template:
    """Parse one variant's source and apply the load-time checks; return the parsed tree.

    ``line`` is the file line the body starts on, so errors point into the file.
    """
    env = environment()
    try:
        tree = env.parse(source)
    except TemplateSyntaxError as exc:
        raise ConfigError(
            f"template syntax error: {exc.message}", path=path, line=_where(line, exc.lineno)
        ) from None
    except RecursionError:
        raise TemplateSecurityError(
            "the template is nested too deeply to read", path=path, line=line
        ) from None
    for node in tree.find_all(nodes.Node):
        what = _FORBIDDEN_NODES.get(type(node))
        if what is None and isinstance(node, nodes.For) and node.recursive:
            what = "recursive loops"
        if what is not None:
            raise TemplateSecurityError(
                f"{what} not allowed in templates: a template is one self-contained post",
                path=path,
                line=_where(line, node.lineno),
            )
    private: dict[str, int] = {}
    for node in tree.find_all((nodes.Getattr, nodes.Getitem)):
        name = None
        if isinstance(node, nodes.Getattr):
            name = node.attr
        elif isinstance(node, nodes.Getitem) and isinstance(node.arg, nodes.Const):
            name = node.arg.value if isinstance(node.arg.value, str) else None
        if name is not None and name.startswith("_"):
            private.setdefault(name, node.lineno)
    if private:
        names = sorted(private, key=lambda n: (private[n], n))
        raise TemplateSecurityError(
            f"access to {', '.join(repr(n) for n in names)} is not allowed in templates "
            "(names starting with '_' are internal)",
            path=path,
            line=_where(line, min(private.values())),
        )
    for node in tree.find_all((nodes.Filter, nodes.Test)):
        table = env.filters if isinstance(node, nodes.Filter) else env.tests
        if node.name not in table or node.name.startswith("_"):
            kind = "filter" if isinstance(node, nodes.Filter) else "test"
            names = sorted(n for n in table if not n.startswith("_"))
            raise ConfigError(
                f"templates have no {kind} {node.name!r}; the {kind}s are {', '.join(names)}",
                path=path,
                line=_where(line, node.lineno),
            )
    allowed = set(fields) | GLOBAL_NAMES
    unknown = sorted(used_names(tree) - allowed)
    if unknown:
        first = min((n.lineno for n in tree.find_all(nodes.Name) if n.name in unknown), default=1)
        raise ConfigError(
            f"the template uses {', '.join(unknown)}, which "
            + ("are" if len(unknown) > 1 else "is")
            + " not among its fields ("
            + (", ".join(sorted(fields)) or "none")
            + "); declare "
            + ("them" if len(unknown) > 1 else "it")
            + " under 'fields:' in the front matter or fix the name",
            path=path,
            line=_where(line, first),
        )
    return tree


def used_names(tree: nodes.Template) -> set[str]:
    """Names a parsed template reads and never assigns (fields and globals it needs)."""
    names = list(tree.find_all(nodes.Name))
    stored = {n.name for n in names if n.ctx in ("store", "param")}
    return {n.name for n in names if n.ctx == "load"} - stored


def _filename(template: Template, index: int) -> str:
    return f"<postcraft template {template.id} variant {index}>"


def compile_body(template: Template, index: int) -> JinjaTemplate:
    """Compile variant ``index`` of ``template`` (cached on the template)."""
    cached = template._compiled.get(index)
    if cached is not None:
        return cached  # type: ignore[no-any-return]
    body = template.bodies[index]
    env = environment()
    tree = check_body(
        body.source, fields=[f.name for f in template.fields], path=template.path, line=body.line
    )
    tree = _Guard().visit(tree)
    try:
        code = env.compile(tree, name=template.id, filename=_filename(template, index))
        compiled = env.template_class.from_code(env, code, env.make_globals(None), None)
    except TemplateSyntaxError as exc:
        raise ConfigError(
            f"template error: {exc.message}", path=template.path, line=_where(body.line, exc.lineno)
        ) from None
    except (RecursionError, MemoryError, SyntaxError) as exc:
        raise TemplateSecurityError(
            f"the template cannot be compiled ({type(exc).__name__}); it is nested too deeply",
            path=template.path,
            line=body.line,
        ) from None
    template._compiled[index] = compiled
    return compiled


def _error_line(exc: BaseException, filename: str) -> int | None:
    line = None
    for frame in traceback.extract_tb(exc.__traceback__):
        if frame.filename == filename:
            line = frame.lineno
    return line


def _tidy(text: str) -> str:
    """Trailing spaces off every line, at most one blank line in a row, no blank start or end."""
    lines = [ln.rstrip() for ln in text.split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def render_body(template: Template, index: int, values: Mapping[str, str]) -> str:
    """Render variant ``index`` with checked ``values``; raise PostcraftErrors for any failure.

    The result is tidied: trailing spaces removed, runs of blank lines (left by optional
    fields that are empty) collapsed to one, and leading and trailing blank lines dropped.
    """
    compiled = compile_body(template, index)
    filename = _filename(template, index)
    body_line = template.bodies[index].line
    token = _BUDGET.set(_Budget())
    size = 0
    parts: list[str] = []
    stream = cast("Generator[str, None, None]", compiled.generate(dict(values)))
    try:
        for chunk in stream:
            size += len(chunk)
            if size > MAX_OUTPUT_CHARS:
                stream.close()  # stop the template now, not when the generator is collected
                raise _refuse(f"the draft grew past {MAX_OUTPUT_CHARS:,} characters")
            parts.append(chunk)
    except SecurityError as exc:
        line = _error_line(exc, filename)
        raise TemplateSecurityError(
            f"template {template.id!r} variant {index} was stopped: {exc}",
            path=template.path,
            line=None if line is None else _where(body_line, line),
        ) from None
    except _OutOfTime as exc:
        line = _error_line(exc, filename)
        raise TemplateRenderError(
            f"template {template.id!r} variant {index} was stopped: {exc} (at most "
            f"{MAX_RENDER_SECONDS:g} s; a template that repeats expensive work in loops needs rewriting)",
            path=template.path,
            line=None if line is None else _where(body_line, line),
        ) from None
    except UndefinedError as exc:
        line = _error_line(exc, filename)
        raise TemplateRenderError(
            f"template {template.id!r} variant {index}: {exc}",
            path=template.path,
            line=None if line is None else _where(body_line, line),
        ) from None
    except Exception as exc:  # user template code: report, never crash
        line = _error_line(exc, filename)
        raise TemplateRenderError(
            f"template {template.id!r} variant {index} failed: {type(exc).__name__}: {exc}",
            path=template.path,
            line=None if line is None else _where(body_line, line),
        ) from None
    finally:
        _BUDGET.reset(token)
    return _tidy("".join(parts))
