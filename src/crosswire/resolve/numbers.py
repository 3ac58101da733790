"""Counts that reports often disagree on: killed, injured, arrested, attendees."""

from __future__ import annotations

import re

_WORDS = {
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "dozen": 12,
    "twenty": 20,
    "hundred": 100,
    "a hundred": 100,
    "thousand": 1000,
    "a thousand": 1000,
}
_NUMBER = r"(\d{1,3}(?:,\d{3})+|\d+|" + "|".join(sorted(_WORDS, key=len, reverse=True)) + ")"
_PEOPLE = (
    r"(?:\w+\s+){0,2}?(?:people|persons|soldiers|civilians|troops|police(?:men)?|officers|"
    r"protesters|demonstrators|students|militants|fighters|workers|villagers|residents|"
    r"others|children|women|men|journalists|activists|members)"
)
_PATTERNS = {
    "killed": re.compile(
        rf"{_NUMBER}\s+{_PEOPLE}?\s*(?:were\s+|have\s+been\s+|had\s+been\s+)?"
        r"(?:killed|dead|died|slain)|kill(?:ed|ing)\s+(?:at\s+least\s+)?"
        rf"{_NUMBER}\b|death toll\s+(?:\w+\s+){{0,3}}?{_NUMBER}",
        re.I,
    ),
    "injured": re.compile(
        rf"{_NUMBER}\s+{_PEOPLE}?\s*(?:were\s+|have\s+been\s+)?"
        r"(?:injured|wounded|hurt)|(?:injur|wound)(?:ed|ing)\s+"
        rf"(?:at\s+least\s+)?{_NUMBER}\b",
        re.I,
    ),
    "arrested": re.compile(
        rf"{_NUMBER}\s+{_PEOPLE}?\s*(?:were\s+|have\s+been\s+)?"
        r"(?:arrested|detained)|(?:arrest|detain)(?:ed|ing)\s+"
        rf"(?:at\s+least\s+)?{_NUMBER}\b",
        re.I,
    ),
    "attendees": re.compile(
        rf"(?:some|about|around|nearly|more than|over|at least|roughly)?\s*"
        rf"{_NUMBER}\s+(?:people|protesters|demonstrators|marchers|"
        r"supporters|students|workers)\s+(?:\w+\s+)?(?:rallied|marched|gathered|"
        r"protested|demonstrated|took part|joined|attended)",
        re.I,
    ),
}


def _value(text: str) -> int | None:
    key = text.lower().replace(",", "")
    if key.isdigit():
        return int(key)
    return _WORDS.get(key)


def numbers_in(sentence: str) -> tuple[tuple[str, int], ...]:
    """(field, value) pairs stated in a sentence, e.g. (('killed', 12),)."""
    found: list[tuple[str, int]] = []
    for name, pattern in _PATTERNS.items():
        match = pattern.search(sentence)
        if not match:
            continue
        raw = next((g for g in match.groups() if g), None)
        value = _value(raw) if raw else None
        if value is not None:
            found.append((name, value))
    return tuple(found)
