"""Event dates from time expressions: ``resolve.timex`` finds and normalises them (the one
recogniser, also scored by ``crosswire eval timex``); here their values become dates with a
precision, the raw text and the rule that read them.

Relative expressions ("yesterday", "on Monday", "last week") are anchored on a reference date:
the dateline's or the publication date or, without one, the latest complete date written in
the text; anaphoric ones ("the same day", "at that time") on the date named before them.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

from crosswire.records import Precision, TimeRef
from crosswire.resolve.timex import Timex, find_timexes, safe_date

_DAY = re.compile(r"^(\d{4})-(\d\d)-(\d\d)")
_WEEK = re.compile(r"^(\d{4})-W(\d\d)(-WE)?$")
_MONTH = re.compile(r"^(\d{4})-(\d\d)$")
_PERIOD = re.compile(r"^(\d{4})-(Q[1-4]|H[12]|SP|SU|FA|WI)$")
_YEAR = re.compile(r"^(\d{4})$")
#: First and last month of the named parts of a year (winter runs into the next year).
_PERIODS = {"Q1": (1, 3), "Q2": (4, 6), "Q3": (7, 9), "Q4": (10, 12), "H1": (1, 6)}
_PERIODS |= {"H2": (7, 12), "SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 14)}


def _month_end(year: int, month: int) -> date:
    year, month = year + (month - 1) // 12, (month - 1) % 12 + 1
    return date(year, month, calendar.monthrange(year, month)[1])


def time_ref(timex: Timex, text: str | None = None) -> TimeRef | None:
    """The date a time expression stands for, with its precision; None for what names no
    stretch of the calendar (durations, sets, "now", a decade, a year outside the news)."""
    value = timex.value
    found: tuple[date | None, Precision, date | None] | None = None
    if timex.type in ("DATE", "TIME") and (m := _DAY.match(value)):
        found = safe_date(int(m[1]), int(m[2]), int(m[3])), "day", timex.until
    elif m := _WEEK.match(value):
        monday = date.fromisocalendar(int(m[1]), int(m[2]), 1)
        if m[3]:  # a weekend: its Saturday and Sunday
            found = monday + timedelta(days=5), "day", monday + timedelta(days=6)
        else:
            found = monday, "week", None
    elif m := _MONTH.match(value):
        found = safe_date(int(m[1]), int(m[2]), 1), "month", None
    elif m := _PERIOD.match(value):
        first, last = _PERIODS[m[2]]
        start = safe_date(int(m[1]), first, 1)
        found = start, "month", _month_end(int(m[1]), last) if start else None
    elif m := _YEAR.match(value):
        found = safe_date(int(m[1]), 1, 1), "year", None
    if found is None or found[0] is None:
        return None
    day, precision, until = found
    return TimeRef(
        day,
        precision,
        timex.text if text is None else text,
        timex.rule,
        timex.start,
        timex.end,
        until,
    )


def document_times(text: str, ref: date | None) -> list[TimeRef]:
    """Every dated time expression of a document, in order, with character offsets."""
    return [t for t in map(time_ref, find_timexes(text, ref)) if t is not None]


def resolve_time(text: str, ref: date | None, *, future: bool = False) -> TimeRef | None:
    """One time expression read on its own ("on July 22", "last week"); None when it names no
    date we can place (a relative one needs ``ref``)."""
    found = [t for t in find_timexes(text, ref, future=future or None) if t.type != "DURATION"]
    if not found:
        return None
    longest = max(found, key=lambda t: t.end - t.start)
    return time_ref(longest, text)


def interval(value: date, precision: str | None, until: date | None = None) -> tuple[date, date]:
    """The days a date of some precision may stand for."""
    if until is not None:
        return value, until
    if precision == "week":
        return value, value + timedelta(days=6)
    if precision == "month":
        return value, _month_end(value.year, value.month)
    if precision == "year":
        return value, value.replace(month=12, day=31)
    return value, value


def text_anchor(text: str) -> date | None:
    """The latest complete date written in ``text``, used when there is no publication date."""
    days = [t.value for t in document_times(text, None) if t.precision == "day" and t.value]
    return max(days) if days else None
