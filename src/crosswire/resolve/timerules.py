"""The normalisers of ``resolve.timex``: calendar tables, number words, and one rule per kind of
time expression, each turning a regular-expression match into a TIMEX3 type and value against
the document date and the expressions read before it (``Context``)."""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

TimexType = Literal["DATE", "TIME", "DURATION", "SET"]

MONTHS = {name.lower(): n for n, name in enumerate(calendar.month_name) if name}
MONTHS.update({name.lower(): n for n, name in enumerate(calendar.month_abbr) if name})
MONTHS["sept"] = 9
WEEKDAYS = {name.lower(): n for n, name in enumerate(calendar.day_name)}
EARLIEST, LATEST = 1800, 2200  # the years an event date in the news can have


def safe_date(year: int, month: int, day: int) -> date | None:
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
    candidate = safe_date(ref.year, month, day) or date(ref.year, month, 1)
    if not future and candidate > ref + timedelta(days=61):
        return ref.year - 1
    if future and candidate < ref - timedelta(days=61):
        return ref.year + 1
    return ref.year


_UNITS = {
    "second": "S",
    "minute": "M",
    "hour": "H",
    "day": "D",
    "week": "W",
    "month": "M",
    "year": "Y",
    "decade": "DE",
    "century": "CE",
    "quarter": "Q",
}
_SMALL = (
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
    "twenty",
)
_TENS = {"thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80}
_TENS.update({"ninety": 90, "twenty": 20})
_VAGUE = ("several", "a few", "few", "some", "many", "a couple of", "couple of")
_NUMBER_WORDS = {w: n for n, w in enumerate(_SMALL)} | _TENS | {"a": 1, "an": 1, "a half": 0}
NUM = (
    r"(?:\d+(?:\.\d+)?|(?:"
    + "|".join(_TENS)
    + r")(?:[- ](?:"
    + "|".join(_SMALL[1:10])
    + r"))?|"
    + "|".join(sorted((*_SMALL[1:], "an", "a", *_VAGUE), key=len, reverse=True))
    + r")"
)
UNIT = r"(?:second|minute|hour|day|week|month|year|decade|centur(?:y|ie))s?"
MONTH_CAP = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept\.?|Sep\.?|Oct\.?|Nov\.?|Dec\.?)"
)
MONTH_SAFE = MONTH_CAP.replace("|May|", "|").replace("|March|", "|")
WEEKDAY_CAP = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
DAYPART = r"(?:morning|afternoon|evening|night)"
DAY = r"\d{1,2}(?:st|nd|rd|th)?"
YEAR = r"(?:1[6-9]|20)\d\d"
_ORDINAL_Q = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3}
_ORDINAL_Q["4th"] = 4
_SEASONS = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}
_PARTS = {"morning": "TMO", "afternoon": "TAF", "evening": "TEV", "night": "TNI"}
_REFS = {
    "now": "PRESENT_REF",
    "currently": "PRESENT_REF",
    "current": "PRESENT_REF",
    "at present": "PRESENT_REF",
    "the present": "PRESENT_REF",
    "nowadays": "PRESENT_REF",
    "recently": "PAST_REF",
    "formerly": "PAST_REF",
    "the past": "PAST_REF",
    "in the past": "PAST_REF",
    "recent years": "PAST_REF",
    "the future": "FUTURE_REF",
    "a later date": "FUTURE_REF",
}
_SETS = {"daily": "P1D", "weekly": "P1W", "monthly": "P1M", "yearly": "P1Y", "nightly": "P1D"}
_HOLIDAYS = {
    "christmas day": (12, 25),
    "christmas eve": (12, 24),
    "christmas": (12, 25),
    "new year's day": (1, 1),
    "new year's eve": (12, 31),
    "independence day": (7, 4),
    "valentine's day": (2, 14),
    "halloween": (10, 31),
}
_FUTURE_CUE = re.compile(
    r"(?:\bwill|'ll|\bshall|\bwould|\bscheduled|\bupcoming|\bto be held|\bplan(?:s|ned|ning)? to"
    r"|\bas (?:soon|early) as|\buntil|\b(?:is|are|set) to (?:resume|leave|meet|begin|start)"
    r"|\bexpected to|\beffective|\bpayable|\bdue (?:on|by|in)|\bexpires?"
    r"|\bplann(?:ed|ing) for|\bslated|\b(?:is|are|was|were) set for|\bdeadline)\b",
    re.I,
)
_DECADE = re.compile(r"(\d\d\d)0s$")
#: A verb in the past tense just before the time ("announced Wednesday", "said on Friday",
#: "met late Tuesday"): what it tells is done, whatever the sentence says will come.
_DONE_BEFORE = re.compile(
    r"(?<!\bbe )(?<!\bbeen )(?<!\bbeing )(?<!\bis )(?<!\bare )"  # "will be sentenced" is ahead
    r"\b(?:(?!(?:need|feed|speed|seed|bleed|breed|proceed|succeed|exceed)\b)[a-z]{2,}ed"
    r"|said|told|met|held|made|took|gave|began|left|came|went|saw|won|lost|fought|struck|sent"
    r"|spoke|wrote|led|fled|shot|hit|broke|rose|fell|stood|sought|brought|bought|caught|ran"
    r"|flew|drew|threw|chose|froze|found|kept|paid|laid|read|heard|built|spent|felt|sold)"
    r"(?:\s+(?:on|late|early|by))?\s*$",
    re.I,
)


@dataclass
class Context:
    dct: date | None
    text: str
    previous: str | None = None  # the last DATE value, for "a year earlier", "the quarter"
    previous_day: date | None = None  # the last day named, for "the same day", "that day"
    ahead: bool | None = None  # the caller knows the tense: it overrides the cues

    def future(self, start: int) -> bool:
        if self.ahead is not None:
            return self.ahead
        window = self.text[max(0, self.text.rfind(".", 0, start) + 1, start - 80) : start]
        if _DONE_BEFORE.search(window):
            return False  # "would appeal the ruling, announced Wednesday": the ruling is past
        return bool(_FUTURE_CUE.search(window))


def _number(words: str) -> int | None:
    """An integer from digits or English number words; None for vague amounts ("several")."""
    words = words.lower().strip()
    if words in _VAGUE:
        return None
    if re.fullmatch(r"\d+", words):
        return int(words)
    if re.fullmatch(r"\d+\.\d+", words):
        return None
    if "-" in words or " " in words:
        tens, _, ones = words.replace("-", " ").partition(" ")
        return _TENS.get(tens, 0) + _NUMBER_WORDS.get(ones, 0)
    return _NUMBER_WORDS.get(words)


def _unit(word: str) -> str:
    word = word.lower().rstrip("s")
    return "century" if word.startswith("centur") else word


def _duration(amount: int | None, unit: str) -> str:
    """TIMEX3 duration: P3Y, PT5H, P2W, P10Y for a decade, PXY for a vague count."""
    if unit == "decade":
        return f"P{amount * 10}Y" if amount is not None else "PXDE"
    if unit == "century":
        return f"P{amount * 100}Y" if amount is not None else "PXCE"
    if unit == "quarter":
        return f"P{amount * 3}M" if amount is not None else "PXQ"
    count = "X" if amount is None else str(amount)
    code = _UNITS[unit]
    return f"PT{count}{code}" if unit in ("second", "minute", "hour") else f"P{count}{code}"


def _week(day: date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def _quarter(day: date) -> str:
    return f"{day.year}-Q{(day.month - 1) // 3 + 1}"


def _shift_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def at(day: date, unit: str, value: date | None = None) -> str:
    """``day`` written at the precision of ``unit``."""
    day = value or day
    if unit == "day":
        return day.isoformat()
    if unit == "week":
        return _week(day)
    if unit == "month":
        return f"{day:%Y-%m}"
    if unit == "quarter":
        return _quarter(day)
    if unit == "decade":
        return str(day.year)[:3]  # TimeML: a decade is its first three digits
    return f"{day.year:04d}"


def _minus(ref: date, amount: int, unit: str) -> date:
    if unit == "day":
        return ref - timedelta(days=amount)
    if unit == "week":
        return ref - timedelta(weeks=amount)
    if unit in ("month", "quarter"):
        return _shift_months(ref, -amount * (3 if unit == "quarter" else 1))
    factor = {"year": 1, "decade": 10, "century": 100}.get(unit, 1)
    return date(ref.year - amount * factor, ref.month, min(ref.day, 28))


# --- normalisers: (match, context) -> (type, value) or None --------------------------------

Result = tuple[TimexType, str] | None
Rule = Callable[[re.Match[str], Context], Result]


_MONTH_WORD = r"(?P<mon>[A-Za-z]+)\.?"
_ABSOLUTE_FORMS = [
    re.compile(rf"^{_MONTH_WORD}\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y>\d{{4}})$"),
    re.compile(rf"^(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+{_MONTH_WORD},?\s+(?P<y>\d{{4}})$"),
    re.compile(rf"^{_MONTH_WORD},?\s+(?P<y>\d{{4}})$"),
    re.compile(rf"^{_MONTH_WORD}\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?$"),
    re.compile(rf"^(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+{_MONTH_WORD}$"),
    re.compile(rf"^{_MONTH_WORD}$"),
    re.compile(r"^(?P<y>\d{4})-(?P<m>\d\d)-(?P<d>\d\d)$"),
    re.compile(r"^(?P<y>\d{4})$"),
]


def _calendar_date(text: str, ctx: Context, start: int) -> tuple[date, str, bool] | None:
    """A written calendar date: (the date, its precision, whether the year was guessed)."""
    for form in _ABSOLUTE_FORMS:
        m = form.match(text)
        if m is None:
            continue
        parts = m.groupdict()
        month = int(parts["m"]) if parts.get("m") else MONTHS.get((parts.get("mon") or "").lower())
        if parts.get("mon") and month is None:
            return None
        day = int(parts["d"]) if parts.get("d") else None
        if parts.get("y"):
            year, guessed = int(parts["y"]), False
        elif ctx.dct is not None and month is not None:
            year, guessed = guess_year(month, day or 1, ctx.dct, ctx.future(start)), True
        else:
            return None
        value = safe_date(year, month or 1, day or 1)
        if value is None:
            return None
        return value, "day" if day else "month" if month else "year", guessed
    return None


def absolute(m: re.Match[str], ctx: Context) -> Result:
    text = re.sub(r"^(?:early|mid|late|the end of|the beginning of|the start of)[- ]*", "", m[0])
    text = re.sub(r"^(?:fiscal|calendar)\s+", "", text, flags=re.I)
    text = re.sub(rf"^{WEEKDAY_CAP},?\s+", "", text)
    modifier = re.match(r"(last|this|next)\s+", text)
    if modifier:
        text = text[modifier.end() :]
    year_word = re.search(r"\s+(?:of\s+)?(last|this|next)\s+year$", text)
    if year_word:
        text = text[: year_word.start()]
    found = _calendar_date(re.sub(r"\s+", " ", text.strip()), ctx, m.start())
    if found is None:
        return None
    value, precision, guessed = found
    if ctx.dct is not None and guessed and (modifier or year_word):
        value = value.replace(year=_relative_year(value.month, ctx.dct, modifier, year_word))
    return "DATE", at(value, precision)


def _relative_year(
    month: int, dct: date, modifier: re.Match[str] | None, year_word: re.Match[str] | None
) -> int:
    """The year of "last May", "next March", "June last year" seen from ``dct``."""
    if year_word is not None:
        return dct.year + {"last": -1, "this": 0, "next": 1}[year_word[1]]
    word = modifier[1] if modifier is not None else "this"
    if word == "last":
        return dct.year if month < dct.month else dct.year - 1
    if word == "next":
        return dct.year if month > dct.month else dct.year + 1
    return dct.year


def numeric(m: re.Match[str], ctx: Context) -> Result:
    first, second, year = int(m["a"]), int(m["b"]), int(m["y"])
    if year < 100:
        year += 1900 if year >= 40 else 2000
    try:
        return "DATE", date(year, first, second).isoformat()
    except ValueError:
        try:
            return "DATE", date(year, second, first).isoformat()
        except ValueError:
            return None


def decade(m: re.Match[str], ctx: Context) -> Result:
    digits = re.search(r"(\d\d)?(\d)0s", m[0])
    if digits is None:
        return None
    century = digits[1] or "19"
    return "DATE", f"{century}{digits[2]}"  # TimeML: "the 1990s" is 199


def relative_day(m: re.Match[str], ctx: Context) -> Result:
    if ctx.dct is None:
        return None
    words = m[0].lower().split()
    word = words[-2] if words[-1] in _PARTS and len(words) > 1 else words[-1]
    if word in ("this", "tonight"):
        offset = 0
    else:
        offset = {"today": 0, "yesterday": -1, "tomorrow": 1}.get(word, 0)
    value = (ctx.dct + timedelta(days=offset)).isoformat()
    if words[-1] in _PARTS:
        value += _PARTS[words[-1]]
    elif words[-1] == "tonight":
        value += "TNI"
    return "DATE", value


def _nearest_weekday(target: int, dct: date, modifier: str, future: bool) -> date:
    """The day named by a weekday: the latest one up to ``dct``, or the next one for the future
    or with "next"/"coming"; "last"/"next" never mean ``dct`` itself."""
    if modifier in ("next", "coming") or (modifier == "" and future):
        delta = (target - dct.weekday()) % 7
        return dct + timedelta(days=delta or (7 if modifier else 0))
    delta = (dct.weekday() - target) % 7
    return dct - timedelta(days=delta or (7 if modifier == "last" else 0))


def weekend(m: re.Match[str], ctx: Context) -> Result:
    if ctx.dct is None:
        return None
    saturday = _nearest_weekday(5, ctx.dct, "", ctx.future(m.start()))
    return "DATE", f"{_week(saturday)}-WE"


def weekday(m: re.Match[str], ctx: Context) -> Result:
    if ctx.dct is None:
        return None
    words = m[0].split()
    modifier = words[0].lower() if words[0].lower() in ("last", "next", "this", "coming") else ""
    name = next(w for w in words if w.lower() in WEEKDAYS)
    target = WEEKDAYS[name.lower()]
    value = _nearest_weekday(target, ctx.dct, modifier, ctx.future(m.start())).isoformat()
    if words[-1].lower() in _PARTS:
        value += _PARTS[words[-1].lower()]
    return "DATE", value


def time_of_day(m: re.Match[str], ctx: Context) -> Result:
    if ctx.dct is None:
        return None
    base = ctx.dct
    if m["wd"]:
        base = _nearest_weekday(WEEKDAYS[m["wd"].lower()], ctx.dct, "", ctx.future(m.start()))
    if m["word"]:
        hour, minute = (12, 0) if m["word"].lower() == "noon" else (0, 0)
    else:
        hour, minute = int(m["h"]) % 12, int(m["m"] or 0)
        if m["ap"].lower().startswith("p"):
            hour += 12
    return "TIME", f"{base.isoformat()}T{hour:02d}:{minute:02d}"


def this_last_next(m: re.Match[str], ctx: Context) -> Result:
    if ctx.dct is None:
        return None
    words = m[0].lower().replace("-", " ").split()
    unit = words[-1]
    shift = 0
    if any(w in ("last", "previous", "past") for w in words):
        shift = -1
    elif any(w in ("next", "coming", "following") for w in words):
        shift = 1
    ref = ctx.dct
    if unit in _SEASONS:
        code = _SEASONS[unit]
        year = ref.year + shift
        if shift < 0 and ref.month >= {"SP": 6, "SU": 9, "FA": 12, "WI": 3}[code] + 0:
            year = ref.year
        return "DATE", f"{year}-{code}"
    if unit == "weekend":
        return "DATE", f"{_week(ref + timedelta(weeks=shift))}-WE"
    if unit == "week":
        return "DATE", _week(ref + timedelta(weeks=shift))
    if unit == "month":
        return "DATE", f"{_shift_months(ref, shift):%Y-%m}"
    if unit == "quarter":
        return "DATE", _quarter(_shift_months(ref, 3 * shift))
    if unit == "decade":
        return "DATE", f"{str(ref.year + 10 * shift)[:3]}X"
    if unit == "century":
        return "DATE", f"{(ref.year // 100) + shift:02d}"
    return "DATE", f"{ref.year + shift:04d}"


def named_quarter(m: re.Match[str], ctx: Context) -> Result:
    """'the third quarter', 'first-half': of the year named, else the latest one by the DCT."""
    text = m[0].lower()
    year_match = re.search(YEAR, text)
    ordinal = next((n for w, n in _ORDINAL_Q.items() if w in text), None)
    half = "half" in text
    if ordinal is None:
        return None
    if year_match:
        year = int(year_match[0])
    elif ctx.dct is not None:
        year = ctx.dct.year - (1 if "last year" in text else 0)
        current = (ctx.dct.month - 1) // (6 if half else 3) + 1
        if "year" not in text and ordinal > current and not ctx.future(m.start()):
            year -= 1
    else:
        return None
    return "DATE", f"{year}-H{ordinal}" if half else f"{year}-Q{ordinal}"


_DAY_SHIFTS = {"same": 0, "that": 0, "before": -1, "previous": -1, "next": 1, "following": 1}
_DAY_SHIFTS["after"] = 1


def anaphoric_day(m: re.Match[str], ctx: Context) -> Result:
    """'the same day', 'that day', 'the day before', 'the next day': the day last named in
    the text (an antecedent), else the document date."""
    anchor = ctx.previous_day or ctx.dct
    if anchor is None:
        return None
    words = m[0].lower().split()
    shift = next((_DAY_SHIFTS[w] for w in words if w in _DAY_SHIFTS), 0)
    value = (anchor + timedelta(days=shift)).isoformat()
    return "DATE", value


def that_time(m: re.Match[str], ctx: Context) -> Result:
    """'at that time': the date last named, at its own precision."""
    if ctx.previous is None:
        return None
    return "DATE", ctx.previous


def weekday_range(m: re.Match[str], ctx: Context) -> Result:
    """'from Tuesday to Friday': the first day (the last is ``range_end``)."""
    if ctx.dct is None:
        return None
    first = WEEKDAYS[m["a"].lower()]
    return "DATE", _nearest_weekday(first, ctx.dct, "", ctx.future(m.start())).isoformat()


def range_end(m: re.Match[str], value: str) -> date:
    start = date.fromisoformat(value)
    return start + timedelta(days=(WEEKDAYS[m["b"].lower()] - start.weekday()) % 7)


def anaphoric_period(m: re.Match[str], ctx: Context) -> Result:
    """'the quarter', 'the latest period': the quarter last mentioned, else (for a quarter) the
    last complete one."""
    if ctx.previous and re.fullmatch(r"\d{4}-Q\d", ctx.previous):
        return "DATE", ctx.previous
    if ctx.dct is None or not re.search(r"quarter", m[0], re.I):
        return None  # "the period" with no quarter named before it is no date
    return "DATE", _quarter(_shift_months(ctx.dct, -3))


def year_earlier(m: re.Match[str], ctx: Context) -> Result:
    """'a year earlier', 'the year-ago quarter': the period last mentioned, one year back."""
    previous = ctx.previous
    if previous and re.fullmatch(r"\d{4}(-(Q\d|H\d|\d\d|SU|SP|FA|WI))?", previous):
        return "DATE", f"{int(previous[:4]) - 1:04d}{previous[4:]}"
    if ctx.dct is None:
        return None
    return "DATE", f"{ctx.dct.year - 1:04d}"


def ago(m: re.Match[str], ctx: Context) -> Result:
    amount = _number(m["n"])
    unit = _unit(m["u"])
    direction = m["dir"].lower()
    if amount is None:
        return "DATE", "PAST_REF" if direction in ("ago", "earlier", "before") else "FUTURE_REF"
    ref = ctx.dct if direction == "ago" else (ctx.previous_day or ctx.dct)
    if ref is None:
        return None
    quarterly = bool(ctx.previous and re.fullmatch(r"\d{4}-[QH]\d", ctx.previous))
    anchored = unit == "year" and amount == 1 and ctx.previous and "-" in ctx.previous
    if anchored and (direction != "ago" or quarterly):
        return year_earlier(m, ctx)
    sign = -1 if direction in ("ago", "earlier", "before") else 1
    value = _minus(ref, amount, unit) if sign < 0 else _plus(ref, amount, unit)
    return "DATE", at(value, unit)


def _plus(ref: date, amount: int, unit: str) -> date:
    if unit in ("day", "week"):
        return ref + timedelta(days=amount * (7 if unit == "week" else 1))
    if unit in ("month", "quarter"):
        return _shift_months(ref, amount * (3 if unit == "quarter" else 1))
    factor = {"year": 1, "decade": 10, "century": 100}.get(unit, 1)
    return date(ref.year + amount * factor, ref.month, min(ref.day, 28))


def span_duration(m: re.Match[str], ctx: Context) -> Result:
    amount = m.groupdict().get("n")
    if amount:
        return "DURATION", _duration(_number(amount), _unit(m["u"]))
    plural = m["u"].lower().endswith("s")
    return "DURATION", _duration(None if plural else 1, _unit(m["u"]))


def vague_duration(m: re.Match[str], ctx: Context) -> Result:
    return "DURATION", _duration(None, _unit(m["u"]))


def reference(m: re.Match[str], ctx: Context) -> Result:
    return "DATE", _REFS[re.sub(r"\s+", " ", m[0].lower())]


def recurring(m: re.Match[str], ctx: Context) -> Result:
    text = m[0].lower()
    if text in _SETS:
        return "SET", _SETS[text]
    unit_match = re.search(UNIT, text)
    if unit_match is None:
        return None
    amount_match = re.search(NUM + r"(?= )", text.split(" ", 1)[-1]) if " " in text else None
    amount = _number(amount_match[0]) if amount_match else 1
    return "SET", _duration(amount or 1, _unit(unit_match[0]))


def _holiday_date(key: str, year: int) -> date:
    if key.startswith("thanksgiving"):  # the fourth Thursday of November
        first = date(year, 11, 1)
        return first + timedelta(days=(3 - first.weekday()) % 7 + 21)
    month, day = _HOLIDAYS[key]
    return date(year, month, day)


def holiday(m: re.Match[str], ctx: Context) -> Result:
    text = m[0].lower().replace("\u2019", "'")
    year_match = re.search(YEAR, text)
    key = re.sub(rf"\s*,?\s*{YEAR}$", "", text)
    if year_match:
        return "DATE", _holiday_date(key, int(year_match[0])).isoformat()
    if ctx.dct is None:
        return None
    dct = ctx.dct
    options = [_holiday_date(key, year) for year in (dct.year - 1, dct.year, dct.year + 1)]
    ahead = ctx.future(m.start())
    eligible = [d for d in options if (d >= dct) == ahead] or options
    return "DATE", min(eligible, key=lambda d: abs((d - dct).days)).isoformat()


def value_of(day: date, precision: str | None) -> str:
    """The TIMEX3 value of a resolved date of some precision."""
    return at(day, precision or "day")
