"""Find time expressions in running text and give each a TimeML (TIMEX3) type and value.

``find_timexes`` is a rule-based recogniser: a set of regular expressions for dates, times,
durations, sets and reference words, longest match first, then a normaliser that works through
the document in order, anchoring relative expressions on the document date (``dct``) or on the
expression mentioned before (``"a year earlier"`` after ``"the third quarter"``). Values follow
TIMEX3: ``1998-11-20``, ``1998-W47``, ``1998-11``, ``1998-Q3``, ``1998-SU``, ``199`` (the
1990s), ``P3Y``, ``PT5H``, ``PRESENT_REF``; parts of the day add ``TMO``/``TAF``/``TEV``/``TNI``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from crosswire.resolve.timerules import (
    DAY,
    DAYPART,
    MONTH_CAP,
    MONTH_SAFE,
    MONTHS,
    NUM,
    UNIT,
    WEEKDAY_CAP,
    WEEKDAYS,
    YEAR,
    Context,
    Rule,
    TimexType,
    absolute,
    ago,
    anaphoric_day,
    anaphoric_period,
    decade,
    guess_year,
    holiday,
    named_quarter,
    numeric,
    range_end,
    recurring,
    reference,
    relative_day,
    safe_date,
    span_duration,
    that_time,
    this_last_next,
    time_of_day,
    vague_duration,
    value_of,
    weekday,
    weekday_range,
    weekend,
    year_earlier,
)


@dataclass(frozen=True, slots=True)
class Timex:
    """One time expression: character offsets into the text, TIMEX3 type and value; ``until``
    closes a range of days ("from Tuesday to Friday")."""

    start: int
    end: int
    text: str
    type: TimexType
    value: str
    rule: str
    until: date | None = None


_MAY_CUES = ("in", "In", "since", "until", "by", "of", "last", "next", "this", "early", "late")
_NOT_AGE = r"(?![- ](?:old|olds)\b)"
_PATTERNS: list[tuple[str, str, int, Rule]] = [
    (
        "full-date",
        rf"(?:{WEEKDAY_CAP},?\s+)?(?:{MONTH_CAP}\s+{DAY},?\s+{YEAR}|{DAY}\s+{MONTH_CAP},?\s+"
        rf"{YEAR}|{MONTH_CAP},?\s+{YEAR}|{MONTH_CAP}\s+{DAY}|{DAY}\s+{MONTH_CAP})(?!\d)",
        0,
        absolute,
    ),
    (
        "month",
        rf"(?:(?:early|mid|late)[- ]?|(?:the )?(?:end|beginning|start) of |(?:last|this|next)\s+)?"
        rf"{MONTH_SAFE}(?![\w-])(?:\s+(?:of\s+)?(?:last|this|next)\s+year)?"
        r"|(?:" + "|".join(f"(?<=\\b{w} )" for w in _MAY_CUES) + r")(?:May|March)\b",
        0,
        absolute,
    ),
    ("iso-date", r"\b\d{4}-\d{2}-\d{2}\b", 0, absolute),
    ("numeric-date", r"\b(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<y>\d{2}|\d{4})\b", 0, numeric),
    (
        "year",
        rf"(?<![\d$,.])(?:(?:fiscal|calendar|the end of|early|late|mid-?)\s*)?{YEAR}"
        r"(?!\d|,\d|%|\.\d|'?s\b)"
        r"(?!\s+(?:percent|people|troops|men|women|workers|soldiers|students|residents|shares"
        r"|tons|jobs|members|votes|dollars|miles|feet|meters|kilometers|km|acres|units)\b)"
        + _NOT_AGE,
        re.I,
        absolute,
    ),
    ("decade", r"(?:the\s+)?(?:(?:1[6-9]|20)\d0s|'\d0s)\b", re.I, decade),
    (
        "relative-day",
        rf"\b(?:(?:late|early)\s+)?(?:today|tonight|yesterday|tomorrow)(?:\s+{DAYPART})?\b"
        rf"|\bthis\s+{DAYPART}\b",
        re.I,
        relative_day,
    ),
    (
        "weekday",
        rf"\b(?:(?:last|next|this|coming|early|late)\s+)?{WEEKDAY_CAP}(?:\s+{DAYPART})?\b",
        0,
        weekday,
    ),
    (
        "weekday-range",
        rf"\b(?:from\s+)?(?P<a>{WEEKDAY_CAP})\s+(?:to|through|until|till)\s+(?P<b>{WEEKDAY_CAP})\b",
        0,
        weekday_range,
    ),
    (
        "anaphoric-day",
        r"\b(?:(?:on\s+)?the\s+same\s+(?:day|morning|evening|night)|that\s+(?:same\s+)?"
        r"(?:day|morning|afternoon|evening|night)|the\s+(?:day|night|evening)\s+(?:before|after)"
        r"|the\s+(?:previous|next|following)\s+(?:day|morning|evening|night))\b"
        # "the day before the vote", "the day after last Tuesday": anchored on what follows
        r"(?!\s+(?:(?:the|a|an|his|her|their|its|last|next|this)\b|\d|(?-i:[A-Z])))",
        re.I,
        anaphoric_day,
    ),
    ("that-time", r"\bat\s+that\s+time\b", re.I, that_time),
    ("weekend", r"\b(?:the|this|over the)\s+weekend\b", re.I, weekend),
    (
        "clock",
        r"\b(?:(?P<h>\d{1,2})(?::(?P<m>\d\d))?\s*(?P<ap>[ap]\.?m\b\.?)|(?P<word>noon|midnight))"
        rf"(?:\s+(?:[A-Z]{{3}}\s+)?(?P<wd>{WEEKDAY_CAP}))?",
        re.I,
        time_of_day,
    ),
    (
        "this-last-next",
        r"\b(?:(?:earlier|later|early|late)\s+)?(?:this|last|next|the\s+past|the\s+previous"
        r"|the\s+coming|the\s+current|the\s+following)\s+(?:week|weekend|month|quarter|year"
        r"|spring|summer|fall|autumn|winter|decade|century)\b(?!\s+(?:of|'s))",
        re.I,
        this_last_next,
    ),
    (
        "named-quarter",
        rf"\b(?:(?:this|last) year's\s+|the\s+)?(?:fiscal\s+)?(?:first|second|third|fourth|1st"
        rf"|2nd|3rd|4th)[- ](?:fiscal[- ])?(?:quarter|half)(?:\s+of\s+(?:{YEAR}|this year"
        rf"|last year)|\s+{YEAR})?\b",
        re.I,
        named_quarter,
    ),
    (
        "anaphoric-period",
        r"\bthe\s+(?:latest\s+|current\s+|same\s+|most\s+recent\s+)?(?:quarter|period)\b",
        re.I,
        anaphoric_period,
    ),
    (
        "year-earlier",
        r"\b(?:the\s+)?year[- ](?:earlier|ago)(?:\s+(?:quarter|period|nine months|months))?\b",
        re.I,
        year_earlier,
    ),
    (
        "ago",
        rf"\b(?:(?:about|almost|nearly|more than|some|roughly|just|only)\s+)?(?P<n>{NUM})\s+"
        rf"(?P<u>{UNIT})\s+(?P<dir>ago|earlier|later)\b",
        re.I,
        ago,
    ),
    (
        "duration",
        rf"\b(?:(?:the\s+)?(?:past|last|next|first|previous|coming|following)\s+)?(?:(?:about"
        rf"|almost|nearly|more than|less than|at least|up to|some|roughly|over)\s+)?"
        rf"(?:the\s+)?(?P<n>{NUM})[- ](?:(?:more|additional|other|full)\s+)?(?P<u>{UNIT})"
        r"(?:-long)?\b" + _NOT_AGE,
        re.I,
        span_duration,
    ),
    (
        "past-unit",
        rf"\b(?:the\s+)?(?:past|last|next|previous|coming)\s+(?P<u>{UNIT})\b(?!\s+(?:of|'s))",
        re.I,
        span_duration,
    ),
    (
        "vague-duration",
        r"\b(?:the\s+past\s+|the\s+last\s+|coming\s+|the\s+coming\s+)?"
        r"(?P<u>(?:years|months|weeks|decades|centuries))\b(?!\s+(?:of|old|ago))",
        re.I,
        vague_duration,
    ),
    (
        "reference",
        r"\b(?:now|currently|current|at present|the present|nowadays|recently"
        r"|formerly|in the past|the past|the future|a later date|recent years)\b",
        re.I,
        reference,
    ),
    (
        "set",
        rf"\b(?:daily|weekly|monthly|yearly|nightly|every\s+(?:{NUM}\s+)?"
        rf"{UNIT}|each\s+{UNIT}|per\s+{UNIT})\b",
        re.I,
        recurring,
    ),
    (
        "holiday",
        rf"\b(?:Christmas(?:\s+(?:Day|Eve))?|New Year[’']s\s+(?:Day|Eve)|Thanksgiving(?:\s+Day)?"
        rf"|Independence Day|Valentine[’']s Day|Halloween)(?:,?\s+{YEAR})?\b",
        0,
        holiday,
    ),
]
_COMPILED = [(name, re.compile(p, flags), rule) for name, p, flags, rule in _PATTERNS]
# Words the "reference" rule must not read as times when they are part of a longer phrase.
_NOT_TIME_AFTER = re.compile(
    r"^\s+(?:account|accounts|events|affairs|price|prices|rate|rates|law|contract|contracts)\b",
    re.I,
)
#: Rules whose value is computed from the previous expression; they do not become the anchor.
ANAPHORIC = frozenset({"year-earlier", "ago", "anaphoric-period", "anaphoric-day", "that-time"})
_VAGUE_RULES = frozenset({"reference", "vague-duration"})


def _candidates(text: str) -> list[tuple[re.Match[str], str, Rule]]:
    """Every pattern's matches; where matches overlap the longest wins (then the earliest)."""
    found = []
    for name, pattern, rule in _COMPILED:
        for m in pattern.finditer(text):
            if m.end() <= m.start():
                continue
            if name in _VAGUE_RULES and _NOT_TIME_AFTER.match(text[m.end() :]):
                continue
            found.append((m, name, rule))
    chosen: list[tuple[re.Match[str], str, Rule]] = []
    for candidate in sorted(found, key=lambda c: (c[0].start() - c[0].end(), c[0].start())):
        m = candidate[0]
        if any(m.start() < c.end() and c.start() < m.end() for c, *_ in chosen):
            continue
        chosen.append(candidate)
    return sorted(chosen, key=lambda c: c[0].start())


def find_timexes(text: str, dct: date | None, *, future: bool | None = None) -> list[Timex]:
    """Every time expression in ``text`` with its TIMEX3 type and value, in text order.
    Expressions that may point either way ("Friday", "in May") look back from ``dct`` unless
    their sentence speaks of the future; ``future`` decides that for the whole text."""
    ctx = Context(dct, text, ahead=future)
    out: list[Timex] = []
    for match, name, rule in _candidates(text):
        result = rule(match, ctx)
        if result is None:
            continue
        kind, value = result
        if kind == "DATE" and re.search(r"T\d\d:\d\d$", value):
            kind = "TIME"
        start, end = match.span()
        until = range_end(match, value) if name == "weekday-range" else None
        out.append(Timex(start, end, text[start:end], kind, value, name, until))
        if kind == "DATE" and re.match(r"\d{4}", value) and name not in ANAPHORIC:
            ctx.previous = value
            if re.fullmatch(r"\d{4}-\d\d-\d\d", value[:10]):
                ctx.previous_day = date.fromisoformat(value[:10])
    return out


__all__ = [
    "ANAPHORIC",
    "MONTHS",
    "WEEKDAYS",
    "Timex",
    "find_timexes",
    "guess_year",
    "safe_date",
    "value_of",
]
