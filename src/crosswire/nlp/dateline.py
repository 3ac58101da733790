"""Datelines ("HANOI, March 11 (Continental Wire) —"): found, kept aside, and blanked before
parsing so the parser does not read the city as the subject of the first sentence."""

from __future__ import annotations

import re
from dataclasses import dataclass

_DATELINE = re.compile(
    r"\A(?P<lead>\s*)(?P<city>[A-Z][A-Z'.-]++(?:[ -][A-Z][A-Z'.-]++){0,3})"
    # a state or province as news agencies abbreviate it: "Calif.", "N.Y.", "W.Va."
    r"(?:,\s*(?P<region>[A-Z][A-Za-z]{0,5}\.(?:\s?[A-Z][a-z]{0,2}\.)?)(?=\s*[-—–(:,]))?"
    r"(?:,\s*(?P<date>[A-Z][a-z]{2,8}\.? \d{1,2}(?:,? \d{4})?))?"
    r"(?:\s*\((?P<agency>[^)]{1,60})\))?"
    # a dash or colon ends it ("(APP):Chief", "Calif.--(BUSINESS WIRE)--"); a hyphen only
    # with a space after it ("WASHINGTON-BASED" is no dateline)
    r"\s*(?:(?:—|–|--|:)\s*|-\s+)"
)


_HEAD = 160  # characters: the longest dateline with its lead, city, date and agency


@dataclass(frozen=True, slots=True)
class Dateline:
    city: str
    date_text: str | None
    agency: str | None
    end: int
    region: str | None = None  # "Calif." in "PLEASANTON, Calif. --"
    city_span: tuple[int, int] = (0, 0)  # character offsets of the city in the text


def find_dateline(text: str) -> Dateline | None:
    """The dateline at the start of ``text``, if there is one. Only the head is searched: a
    dateline is short, and the pattern backtracks hard on long runs like "A-B-B-B-…"."""
    match = _DATELINE.match(text[:_HEAD])
    if not match or len(match.group("city")) < 3:
        return None
    return Dateline(
        match.group("city").title(),
        match.group("date"),
        match.group("agency"),
        match.end(),
        match.group("region"),
        match.span("city"),
    )


def mask_dateline(text: str) -> tuple[str, Dateline | None]:
    """``text`` with its dateline replaced by spaces (offsets unchanged), and the dateline."""
    found = find_dateline(text)
    if found is None:
        return text, None
    return " " * found.end + text[found.end :], found
