"""A posting plan for a roster: who posts which template in which week, and why.

Leaders go first (week 1: why I am here → a colleague's story → a lesson learned), then
managers and experts, then employees. Each slot fits the person's level, purpose, topics and
language; nobody posts twice in a week; public holidays (Danish, or UK for English posts) are
never suggested as posting days. The rules are data: ``data/plan.yaml``.

>>> import datetime as dt
>>> p = plan({"people": [{"name": "Sofie Lund", "level": "top_leader", "languages": ["da"]},
...                      {"name": "Emil Sørensen", "level": "employee", "topics": ["el"]}]},
...          weeks=4, start=dt.date(2025, 4, 14), lang="da")
>>> [(s.person, s.week.isoformat(), s.template) for s in p.slots][:3]
[('Sofie Lund', '2025-04-14', 'leader-why-linkedin.da'), ('Sofie Lund', '2025-04-21', 'thank-colleague.da'), ('Sofie Lund', '2025-04-28', 'mistake-lesson.da')]
>>> p.slots[1].date.isoformat()  # Tuesday 22 April; Monday 21 April is 2. påskedag
'2025-04-22'
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, Any

from ..errors import InputError
from ..langs import DEFAULT, SUPPORTED, lookup
from ..yamlsrc import load_yaml
from .holidays import Holiday, between, is_holiday

if TYPE_CHECKING:
    from ..tags.roster import Person
    from ..templates import Template

RosterSource = "str | os.PathLike[str] | Mapping[str, Any] | Roster"
LEVEL_ORDER = ("top_leader", "middle_manager", "internal_expert", "employee", "new_employee")


@dataclass(frozen=True)
class PostIdea:
    """A post that fits a person: the template, its purpose, a topic and why."""

    template: str
    purpose: str
    lang: str
    topic: str | None
    why: str

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict."""
        return {
            "template": self.template,
            "purpose": self.purpose,
            "lang": self.lang,
            "topic": self.topic,
            "why": self.why,
        }


@dataclass(frozen=True)
class Slot:
    """One planned post: who, which template, the week (its Monday) and the suggested day."""

    person: str
    level: str
    number: int
    week: dt.date
    date: dt.date
    template: str
    purpose: str
    lang: str
    topic: str | None
    why: str

    @property
    def first(self) -> bool:
        """True for the person's first three posts."""
        return self.number <= 3

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict."""
        return {
            "person": self.person,
            "level": self.level,
            "number": self.number,
            "week": self.week.isoformat(),
            "date": self.date.isoformat(),
            "template": self.template,
            "purpose": self.purpose,
            "lang": self.lang,
            "topic": self.topic,
            "why": self.why,
        }


@dataclass(frozen=True)
class Plan:
    """A posting plan: ``slots`` by week, then by level (leaders first), then by day.

    ``holidays`` are the public holidays in the plan's weeks that no slot uses; ``notes`` say
    who could not be planned and why.
    """

    start: dt.date
    weeks: int
    lang: str
    slots: tuple[Slot, ...]
    holidays: tuple[Holiday, ...] = ()
    notes: tuple[str, ...] = ()
    source: str | None = None

    @property
    def end(self) -> dt.date:
        """The last day of the plan (a Sunday)."""
        return _monday(self.start) + dt.timedelta(weeks=self.weeks, days=-1)

    @property
    def people(self) -> tuple[str, ...]:
        """Everyone with a slot, in the order they start."""
        return tuple(dict.fromkeys(s.person for s in self.slots))

    def week_starts(self) -> tuple[dt.date, ...]:
        """The Monday of every week of the plan."""
        first = _monday(self.start)
        return tuple(first + dt.timedelta(weeks=i) for i in range(self.weeks))

    def in_week(self, week: dt.date) -> tuple[Slot, ...]:
        """The slots of the week starting on Monday ``week``."""
        return tuple(s for s in self.slots if s.week == week)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict."""
        return {
            "start": self.start.isoformat(),
            "weeks": self.weeks,
            "lang": self.lang,
            "slots": [s.to_dict() for s in self.slots],
            "holidays": [h.to_dict() for h in self.holidays],
            "notes": list(self.notes),
        }

    def _repr_html_(self) -> str:
        from ..formats.html.programme import plan_html

        return plan_html(self)


@cache
def rules() -> dict[str, Any]:
    """The planning rules (``data/plan.yaml``), read once."""
    text = (resources.files("postcraft.programme") / "data" / "plan.yaml").read_text("utf-8")
    data: dict[str, Any] = load_yaml(text, "<postcraft>/programme/data/plan.yaml")
    return data


def level_of(person: Person) -> str:
    """The person's level: ``level`` from the roster, else guessed from ``role`` (the insights
    leader heuristic, top leaders by title words) and ``expert``.

    >>> from postcraft.tags.roster import Person
    >>> level_of(Person("A", role="Økonomidirektør")), level_of(Person("B", role="HR-chef"))
    ('top_leader', 'middle_manager')
    >>> level_of(Person("C", role="Udvikler", expert=True)), level_of(Person("D"))
    ('internal_expert', 'employee')
    """
    if person.level:
        return person.level
    from ..insights.history import is_leader

    if is_leader(person.role):
        role = (person.role or "").casefold()
        top = any(w in role for w in rules()["top_leader_words"])
        return "top_leader" if top else "middle_manager"
    return "internal_expert" if person.expert else "employee"


def lang_of(person: Person, lang: str) -> str:
    """The language the person posts in: ``lang`` when they write it (or list none), else their first."""
    return lang if not person.languages or lang in person.languages else person.languages[0]


def _templates(lang: str, level: str, folder: Any) -> dict[str, list[Template]]:
    from ..templates import list_templates

    out: dict[str, list[Template]] = {}
    for t in list_templates(lang=lang, role=level, folder=folder):
        out.setdefault(t.purpose, []).append(t)
    return out


def _purpose_score(purpose_text: str | None, purpose: str) -> int:
    if not purpose_text:
        return 0
    words = purpose_text.casefold().split()
    hints = rules()["purpose_words"].get(purpose, [])
    return sum(
        1 for h in hints if any(w.startswith(h) for w in words) or (" " in h and h in purpose_text.casefold())
    )


def _why(purpose: str, lang: str, topic: str | None, person: Person) -> str:
    texts = rules()["why"]
    line = str(texts.get(purpose, texts["behind_the_scenes"])[lang])
    line = line.format(topic=topic or person.team or str(lookup(rules()["your_work"], lang)))
    if person.purpose and _purpose_score(person.purpose, purpose):
        line += " " + str(texts["fits"][lang]).format(purpose=person.purpose)
    return line


def ideas(person: Person, lang: str = DEFAULT, *, count: int = 3, folder: Any = None) -> tuple[PostIdea, ...]:
    """The person's next ``count`` posts: their first three (by level, chosen by purpose), then
    the level's later posts in turn. Topics rotate through the person's topics.

    >>> from postcraft.tags.roster import Person
    >>> [i.template for i in ideas(Person("Lars", level="top_leader", languages=("da",)))]
    ['leader-why-linkedin.da', 'thank-colleague.da', 'mistake-lesson.da']
    """
    level = level_of(person)
    post_lang = lang_of(person, lang)
    available = _templates(post_lang, level, folder)
    data = rules()
    steps: list[list[str]] = [list(s) for s in data["first_posts"][level]]
    later = list(data["later_posts"][level])
    out: list[PostIdea] = []
    used: list[str] = []
    topics = person.topics
    k = 0
    while len(out) < count:
        if k < len(steps):
            options = steps[k]
        else:
            n = k - len(steps)
            options = later[n % len(later) :] + later[: n % len(later)]
        k += 1
        if k > len(steps) + 2 * len(later) + count:
            break
        fitting = [p for p in options if p in available]
        if not fitting:
            continue
        if k <= len(steps):
            # first three: the step's order, unless the purpose speaks for another option
            best = max(fitting, key=lambda p: (_purpose_score(person.purpose, p), -fitting.index(p)))
        else:
            fresh = [p for p in fitting if p not in used[-2:]] or fitting
            best = fresh[0]
        template = available[best][0]
        topic = topics[len(out) % len(topics)] if topics else None
        out.append(PostIdea(template.id, best, post_lang, topic, _why(best, lang, topic, person)))
        used.append(best)
    return tuple(out)


def _monday(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def _next_monday(today: dt.date) -> dt.date:
    return today + dt.timedelta(days=(7 - today.weekday()) % 7)


def plan(
    roster: Any,
    weeks: int = 8,
    start: dt.date | str | None = None,
    lang: str = DEFAULT,
    *,
    people: Sequence[str] | None = None,
    folder: Any = None,
) -> Plan:
    """Plan ``weeks`` weeks of posts for everyone in ``roster`` (a path, dict or Roster).

    ``start`` (a date or ``YYYY-MM-DD``; default the coming Monday) opens week 1; ``lang``
    (``"da"``/``"en"``) is the plan's language and the language of posts for people who write
    it; ``people`` limits the plan to those names. See ``docs/programme.md``.
    """
    from ..tags.roster import load_roster

    if lang not in SUPPORTED:
        raise InputError(f"lang must be one of {', '.join(SUPPORTED)}, not {lang!r}")
    if isinstance(weeks, bool) or not isinstance(weeks, int) or not 1 <= weeks <= 104:
        raise InputError(f"weeks must be a whole number from 1 to 104, not {weeks!r}")
    if start is None:
        start = _next_monday(dt.date.today())
    elif isinstance(start, str):
        try:
            start = dt.date.fromisoformat(start)
        except ValueError:
            raise InputError(f"start must be a date written YYYY-MM-DD, not {start!r}") from None
    r = load_roster(roster)
    chosen = list(r.people)
    notes: list[str] = []
    if people:
        wanted = {n.casefold() for n in people}
        chosen = [p for p in chosen if p.name.casefold() in wanted]
        missing = wanted - {p.name.casefold() for p in chosen}
        if missing:
            raise InputError(f"not in the roster: {', '.join(sorted(missing))}")
    data = rules()
    order = {lv: i for i, lv in enumerate(LEVEL_ORDER)}
    chosen.sort(key=lambda p: order[level_of(p)])  # stable: roster order within a level
    first_week = _monday(start)
    days: list[int] = [int(d) for d in data["days"]]
    every = int(data["later_every"])
    slots: list[Slot] = []
    used_days: set[tuple[dt.date, str]] = set()
    for index, person in enumerate(chosen):
        level = level_of(person)
        begin = int(data["levels"][level]["start_week"]) - 1
        weeks_for: list[int] = []
        w = begin
        while w < weeks:
            weeks_for.append(w)
            w += 1 if len(weeks_for) < 3 else every
        if not weeks_for:
            notes.append(_note("late", lang, name=person.name, week=begin + 1))
            continue
        found = ideas(person, lang, count=len(weeks_for), folder=folder)
        if not found:
            notes.append(_note("no_template", lang, name=person.name, level=level))
            continue
        for number, (w, idea) in enumerate(zip(weeks_for, found, strict=False), start=1):
            monday = first_week + dt.timedelta(weeks=w)
            day = _pick_day(monday, start, idea.lang, days, index, used_days, person.name)
            if day is None:
                notes.append(_note("holiday_week", lang, name=person.name, week=monday.isoformat()))
                continue
            used_days.add((day, person.name))
            slots.append(
                Slot(
                    person.name,
                    level,
                    number,
                    monday,
                    day,
                    idea.template,
                    idea.purpose,
                    idea.lang,
                    idea.topic,
                    idea.why,
                )  # fmt: skip
            )
    slots.sort(key=lambda s: (s.week, order[s.level], s.date))
    end = first_week + dt.timedelta(weeks=weeks, days=-1)
    calendars = sorted({s.lang for s in slots} or {lang})
    hols = tuple(
        sorted((h for c in calendars for h in between(first_week, end, c, lang)), key=lambda h: h.date)
    )
    return Plan(start, weeks, lang, tuple(slots), hols, tuple(notes), r.source)


def _pick_day(
    monday: dt.date,
    start: dt.date,
    calendar: str,
    days: list[int],
    index: int,
    used: set[tuple[dt.date, str]],
    name: str,
) -> dt.date | None:
    # spread people over the three best days, then fall back to the others
    best = days[:3]
    shift = index % len(best)
    order = best[shift:] + best[:shift] + days[3:]
    for d in order:
        day = monday + dt.timedelta(days=d)
        if day >= start and is_holiday(day, calendar) is None and (day, name) not in used:
            return day
    return None


def _note(key: str, lang: str, **values: Any) -> str:
    text: str = rules()["notes"][key][lang]
    return text.format(**values)
