"""The :class:`Language` record: what postcraft's *code* needs to know about one language.

A language's words (lemmas, lexicons, messages, labels, templates, hashtags) are data files
found by language code; only the differences that are behaviour, not text, live here.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Language:
    """One supported language. Each module of :mod:`postcraft.langs` (``da.py``, ``en.py``, …)
    defines one as ``LANGUAGE``; the registry in :mod:`postcraft.langs` finds them."""

    #: ISO 639-1 code, the module's name: ``"da"``.
    code: str
    #: Its name in English (used in messages and error texts): ``"Danish"``.
    name: str
    #: Its name in itself: ``"dansk"``.
    native: str
    #: Decimal separator in numbers: ``","`` → ``3,5``.
    decimal: str
    #: Thousands separator in numbers: ``"."`` → ``1.234``.
    thousands: str
    #: The language whose messages and labels stand in for ones missing here; ``None`` for the
    #: one language every message exists in (:data:`postcraft.langs.DEFAULT`).
    fallback: str | None
    #: The preposition before an organisation's name in a template (``at_org``): ``"at"``,
    #: or chosen by the name's head word ("i Aarhus Kommune", "på Rigshospitalet").
    org_preposition: Callable[[str], str]
    #: Lower-case prepositions that, at the start of an organisation's name, show the writer
    #: already chose one ("i Novo Nordisk", "at Northwind").
    prepositions: frozenset[str] = frozenset()
    #: Flesch Reading Ease (English constants) is meaningful for this language.
    flesch: bool = False
    #: Word forms the lemma table gets wrong for LinkedIn prose: form → lemma.
    lemma_overrides: Mapping[str, str] = field(default_factory=dict)
    #: Inflectional endings tried when a compound's head is inflected and not in the lemma
    #: table ("cybersikkerheden" → "cybersikkerhed"), longest first.
    noun_endings: tuple[str, ...] = ()
    #: The word before the last item of a list: "Mette og Jonas".
    and_word: str = "and"
    #: How a percentage is written after the number: ``" %"`` (Danish) or ``"%"`` (English).
    percent_sign: str = "%"
    #: Compounds are written as one word ("skolebyggeri"), so a hashtag made of them is not split.
    closed_compounds: bool = False

    def join(self, items: Sequence[str]) -> str:
        """``["a", "b", "c"]`` → ``"a, b and c"`` in this language."""
        if len(items) <= 1:
            return "".join(items)
        return ", ".join(items[:-1]) + f" {self.and_word} " + items[-1]

    def percent(self, value: float, digits: int = 0) -> str:
        """A share (0–1) as a percentage: ``"34 %"`` (Danish), ``"34%"`` (English)."""
        return self.number(100 * value, digits) + self.percent_sign

    def number(self, value: float, digits: int = 1) -> str:
        """``value`` with ``digits`` decimals and this language's separators."""
        return self.formatted(value, f",.{digits}f")

    def formatted(self, value: float, spec: str = "") -> str:
        """``value`` formatted by a format ``spec`` (as in ``"{x:.2f}"``; no spec: thousands
        grouped, decimals as they are), written with this language's separators.

        >>> from postcraft.langs import get
        >>> get("da").formatted(3640), get("da").formatted(52.3), get("da").formatted(0.0, ".2f")
        ('3.640', '52,3', '0,00')
        >>> get("en").formatted(3640), get("en").formatted(0.08, ".2f")
        ('3,640', '0.08')
        """
        s = format(value, spec or ",")
        return s.replace(",", "\x00").replace(".", self.decimal).replace("\x00", self.thousands)

    def plural(self, n: float, forms: Sequence[str]) -> str:
        """The form of a count word for ``n``: ``forms`` is (one, other), as in the label data.

        >>> from postcraft.langs import get
        >>> get("en").plural(1, ("error", "errors")), get("en").plural(0, ("error", "errors"))
        ('error', 'errors')
        """
        return forms[0] if n == 1 or len(forms) == 1 else forms[1]
