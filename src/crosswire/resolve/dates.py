"""Time expressions -> ISO dates with precision, the raw text and the rule that resolved them.

Relative expressions ("yesterday", "on Monday", "last week") are anchored on a reference date:
the article's publication date or, without one, the latest complete date written in the text.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

from crosswire.records import Precision, TimeRef

MONTHS = {name.lower(): n for n, name in enumerate(calendar.month_name) if name}
MONTHS.update({name.lower(): n for n, name in enumerate(calendar.month_abbr) if name})
MONTHS["sept"] = 9
WEEKDAYS = {name.lower(): n for n, name in enumerate(calendar.day_name)}
_MONTH = "(" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(\d{4})"
_WEEKDAY = "(" + "|".join(WEEKDAYS) + ")"
_NUMBERS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "a": 1,
    "an": 1,
}

_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("iso", re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")),
    ("month-day-year", re.compile(rf"^{_MONTH} {_DAY},? {_YEAR}$")),
    ("day-month-year", re.compile(rf"^{_DAY} {_MONTH},? {_YEAR}$")),
    ("month-day", re.compile(rf"^{_MONTH} {_DAY}$")),
    ("day-month", re.compile(rf"^{_DAY} {_MONTH}$")),
    ("month-year", re.compile(rf"^{_MONTH},? {_YEAR}$")),
    ("month-last-year", re.compile(rf"^{_MONTH} (?:of )?last year$")),
    ("month", re.compile(rf"^(?:early |mid-?|late )?{_MONTH}$")),
    ("year", re.compile(rf"^{_YEAR}$")),
    ("from-to", re.compile(rf"^(?:from )?{_WEEKDAY} (?:to|through|until|till) {_WEEKDAY}$")),
    (
        "weekday",
        re.compile(
            rf"^(last |next |this |on )?{_WEEKDAY}(?: (?:morning|afternoon|evening|night))?$"
        ),
    ),
    (
        "ago",
        re.compile(r"^(\d+|one|two|three|four|five|six|seven|a|an) (day|week|month|year)s? ago$"),
    ),
]
_SIMPLE = {
    "today": 0,
    "tonight": 0,
    "this morning": 0,
    "this afternoon": 0,
    "this evening": 0,
    "yesterday": -1,
    "last night": -1,
    "yesterday morning": -1,
    "yesterday evening": -1,
    "tomorrow": 1,
    "the day before": -1,
    "the previous day": -1,
    "the next day": 1,
    "the following day": 1,
    "the same day": 0,
    "that day": 0,
}
_LEADING = re.compile(r"^(?:on|in|at|since|during|by|for|of|the|earlier|later|this past)\s+")


def _clean(text: str) -> str:
    text = re.sub(r"\s+", " ", text.lower().replace("\u2019", "'")).strip(" .,;")
    previous = None
    while previous != text:
        previous = text
        text = _LEADING.sub("", text)
    return text


EARLIEST, LATEST = 1800, 2200  # the years an event date in the news can have


def _safe(year: int, month: int, day: int) -> date | None:
    """The date, or None when it does not exist or lies outside the years news reports on
    (a count like "1649 rounds" is no date, and 9999 breaks date arithmetic downstream)."""
    if not EARLIEST <= year <= LATEST:
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None


def guess_year(month: int, day: int, ref: date, future: bool = False) -> int:
    """The year of a date written without one. News looks back: the date falls in the
    reference year unless that puts it more than two months ahead, then in the year before
    ("Nov. 25" in a February article is last November). With a future verb, mirror it."""
    candidate = _safe(ref.year, month, day) or date(ref.year, month, 1)
    if not future and candidate > ref + timedelta(days=61):
        return ref.year - 1
    if future and candidate < ref - timedelta(days=61):
        return ref.year + 1
    return ref.year


def _weekday(target: int, ref: date, *, future: bool, strict: bool) -> date:
    if future:
        delta = (target - ref.weekday()) % 7
        return ref + timedelta(days=delta or (7 if strict else 0))
    delta = (ref.weekday() - target) % 7
    return ref - timedelta(days=delta or (7 if strict else 0))


def _result(
    value: date | None, precision: Precision, text: str, rule: str, until: date | None = None
) -> TimeRef | None:
    if value is None:
        return None
    return TimeRef(value, precision, text, rule, until=until)


def resolve_time(text: str, ref: date | None, *, future: bool = False) -> TimeRef | None:
    """Normalise one time expression; None when it is not one we can read."""
    raw = re.sub(r"\s+", " ", text.lower()).strip(" .,;")
    if ref is not None and raw in _SIMPLE:
        return _result(ref + timedelta(days=_SIMPLE[raw]), "day", text, f"relative:{raw}")
    key = _clean(text)
    if not key:
        return None
    for rule, pattern in _PATTERNS:
        match = pattern.match(key)
        if not match:
            continue
        g = match.groups()
        if rule == "iso":
            return _result(_safe(int(g[0]), int(g[1]), int(g[2])), "day", text, rule)
        if rule == "month-day-year":
            return _result(_safe(int(g[2]), MONTHS[g[0]], int(g[1])), "day", text, rule)
        if rule == "day-month-year":
            return _result(_safe(int(g[2]), MONTHS[g[1]], int(g[0])), "day", text, rule)
        if rule == "month-year":
            return _result(_safe(int(g[1]), MONTHS[g[0]], 1), "month", text, rule)
        if rule == "year":
            return _result(_safe(int(g[0]), 1, 1), "year", text, rule)
        if ref is None:
            return None
        if rule in ("month-day", "day-month"):
            month, day = (
                (MONTHS[g[0]], int(g[1])) if rule == "month-day" else (MONTHS[g[1]], int(g[0]))
            )
            year = guess_year(month, day, ref, future)
            return _result(_safe(year, month, day), "day", text, f"{rule}+reference-year")
        if rule == "month-last-year":
            return _result(_safe(ref.year - 1, MONTHS[g[0]], 1), "month", text, rule)
        if rule == "month":
            month = MONTHS[g[0]]
            return _result(
                _safe(guess_year(month, 1, ref, future), month, 1),
                "month",
                text,
                "month+reference-year",
            )
        if rule == "from-to":
            start = _weekday(WEEKDAYS[g[0]], ref, future=future, strict=False)
            end = start + timedelta(days=(WEEKDAYS[g[1]] - WEEKDAYS[g[0]]) % 7)
            return _result(start, "day", text, rule, until=end)
        if rule == "weekday":
            modifier = (g[0] or "").strip()
            ahead = future or modifier == "next"
            strict = modifier in ("last", "next")
            value = _weekday(WEEKDAYS[g[1]], ref, future=ahead, strict=strict)
            return _result(value, "day", text, f"weekday{'-' + modifier if modifier else ''}")
        if rule == "ago":
            count = int(g[0]) if g[0].isdigit() else _NUMBERS[g[0]]
            unit = g[1]
            if unit == "day":
                return _result(ref - timedelta(days=count), "day", text, rule)
            if unit == "week":
                return _week(ref - timedelta(weeks=count), text, rule)
            if unit == "month":
                return _month(ref, -count, text, rule)
            return _result(_safe(ref.year - count, 1, 1), "year", text, rule)
    if ref is None:
        return None
    if key in _SIMPLE:
        return _result(ref + timedelta(days=_SIMPLE[key]), "day", text, f"relative:{key}")
    for word, offset in (("last", -1), ("this", 0), ("next", 1), ("past", -1)):
        if key == f"{word} week":
            return _week(ref + timedelta(weeks=offset), text, key)
        if key in (f"{word} month", f"earlier {word} month"):
            return _month(ref, offset, text, key)
        if key == f"{word} year":
            return _result(_safe(ref.year + offset, 1, 1), "year", text, key)
    if key in ("earlier this week", "this past week"):
        return _week(ref, text, key)
    return None


def _week(day: date, text: str, rule: str) -> TimeRef | None:
    return _result(day - timedelta(days=day.weekday()), "week", text, rule)


def _month(ref: date, offset: int, text: str, rule: str) -> TimeRef | None:
    index = ref.year * 12 + (ref.month - 1) + offset
    return _result(date(index // 12, index % 12 + 1, 1), "month", text, rule)


def interval(value: date, precision: str | None, until: date | None = None) -> tuple[date, date]:
    """The days a date of some precision may stand for."""
    if until is not None:
        return value, until
    if precision == "week":
        return value, value + timedelta(days=6)
    if precision == "month":
        last = calendar.monthrange(value.year, value.month)[1]
        return value, value.replace(day=last)
    if precision == "year":
        return value, value.replace(month=12, day=31)
    return value, value


_FULL_DATE = re.compile(
    rf"\b(?:{_MONTH} {_DAY},? {_YEAR}|{_DAY} {_MONTH},? {_YEAR}|\d{{4}}-\d{{2}}-\d{{2}})\b", re.I
)


def text_anchor(text: str) -> date | None:
    """The latest complete date written in ``text``, used when there is no publication date."""
    found = []
    for match in _FULL_DATE.finditer(text):
        resolved = resolve_time(match.group(0), None)
        if resolved and resolved.value:
            found.append(resolved.value)
    return max(found) if found else None
