"""Case restored on text that arrives all lower-case or all capitals (feeds, wires, scraped
headlines), so that the parser and the entity recogniser, which lean on capitals, can read it
(the encoder is uncased and reads either).

Only the case of letters changes (the text keeps its length, so every offset still points into
the article): sentence starts, "I", and the names crosswire knows (countries, their adjectives
and capitals, cities of 100,000 people or more that are not common words, days and months) get
their capitals. Text with ordinary mixed case is returned as it is.
"""

from __future__ import annotations

import re
from functools import lru_cache

from crosswire.data import stopwords
from crosswire.records import fold
from crosswire.resolve.gazetteer import gazetteer
from crosswire.resolve.kb import knowledge_base
from crosswire.resolve.organisations import organisation_names

MIN_LETTERS = 40
#: Below this share of capitals a text is taken as lower-cased, above ALL_CAPS as capitals.
LOWER = 0.02
ALL_CAPS = 0.7
MIN_CITY = 100_000
#: Day and month names ("may" and "march" are left alone: as words they are far commoner).
CALENDAR = frozenset(
    [
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "january",
        "february",
        "april",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ]
)
_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
#: Initials that name a state or a body: "the us", "a us offer", "three us soldiers",
#: "us-led" are the United States, never the pronoun; "u.s.", "uk", "eu", "uae", "nato"
#: anywhere.
_COUNTED = r"(?:the|a|an|\d+|one|two|three|four|five|six|seven|eight|nine|ten|dozens|hundreds)"
_ACRONYM = re.compile(
    rf"(?i)\b{_COUNTED}\s+(us)\b|\bthe\s+(un)\b|\b(us)(?=-\w)"
    r"|\b(u\.s\.|u\.n\.|u\.k\.|uk|eu|uae|nato)(?!\w)"
)
#: Words after which a known head of state or government is named by surname alone.
_TITLES = frozenset(
    {"president", "minister", "premier", "chancellor", "king", "queen", "emir", "sheikh"}
    | {"leader", "general", "secretary", "ayatollah", "prince", "sultan", "dictator"}
)
_POSSESSIVE = re.compile(r"['’]s$", re.I)
#: Abbreviations whose period ends no sentence.
_ABBREVIATIONS = frozenset(
    {"u.s.", "u.n.", "u.k.", "e.u.", "mr.", "mrs.", "ms.", "dr.", "gen.", "col.", "lt.", "sgt."}
    | {"st.", "no.", "vs.", "gov.", "sen.", "rep.", "maj.", "capt.", "prof.", "rev.", "jr."}
)
_SENTENCE_START = re.compile(r"(^|[.!?]['\"”’)]*\s+|\n\s*)([^\W\d_])")


def case_kind(text: str) -> str:
    """``lower``, ``upper`` or ``mixed``."""
    letters = [c for c in text if c.isalpha()]
    if len(letters) < MIN_LETTERS:
        return "mixed"
    share = sum(c.isupper() for c in letters) / len(letters)
    return "lower" if share < LOWER else "upper" if share > ALL_CAPS else "mixed"


@lru_cache(maxsize=1)
def _names() -> tuple[frozenset[str], int]:
    """Folded names to capitalise (one or more words) and the most words in one: countries,
    their adjectives (and peoples: "albanians"), capitals and large cities; bodies and movements
    (``data/organisations.tsv``, ``data/igos.tsv``); persons of the knowledge base by their full
    names (two words or more: a lone "rice" or "may" stays a word)."""
    gaz = gazetteer()
    common = stopwords()
    names = set(gaz.country_names) | set(gaz.capitals)
    names |= {f"{n}s" for n in gaz.country_names if n.endswith(("an", "i", "b", "k"))}
    for key, cities in gaz.cities.items():
        if cities and cities[0].population >= MIN_CITY and key not in common and len(key) > 3:
            names.add(key)
    names |= organisation_names()[0]  # intergovernmental bodies are among country_names
    names |= {n for n in knowledge_base().names() if " " in n and len(n) > 6}
    names = {n for n in names if n and n not in common} | CALENDAR
    return frozenset(names), max((n.count(" ") + 1 for n in names), default=1)


#: Initials in the tables that are also English words, or too short to tell apart.
_NOT_INITIALS = frozenset({"us", "un", "who", "mend", "gam", "ap", "rt", "dw", "eta"})


@lru_cache(maxsize=1)
def _initials() -> frozenset[str]:
    """Folded initials written in capitals by the gazetteer and the organisation table ("prc",
    "dprk", "unita", "pkk", "opec"), restored in capitals whole."""
    common = stopwords() | _NOT_INITIALS
    written = set(gazetteer().exact_names) | organisation_names()[1]
    found = {fold(w) for w in written if re.fullmatch(r"[A-Z][A-Z.-]+", w)}
    return frozenset(f for f in found if len(f.replace(".", "")) > 1 and f not in common)


def _head_of_state(word: str) -> bool:
    return bool(knowledge_base().by_surname(word))


def restore_case(text: str) -> str:
    """``text`` with capitals restored when it has none (or nothing but capitals)."""
    kind = case_kind(text)
    if kind == "mixed":
        return text
    chars = list(text.lower() if kind == "upper" else text)
    names, longest = _names()
    words = list(_WORD.finditer(text))
    n = 0
    while n < len(words):
        for size in range(min(longest, len(words) - n), 0, -1):
            group = words[n : n + size]
            phrase = _POSSESSIVE.sub("", " ".join(w.group() for w in group))  # "belarus's"
            if fold(phrase) in _initials():  # "the prc", "unita's wing": capitals whole
                for at in range(group[0].start(), group[0].start() + len(phrase)):
                    chars[at] = chars[at].upper()
                n += size
                break
            if fold(phrase) in names:
                for word in group:
                    chars[word.start()] = chars[word.start()].upper()
                n += size
                break
        else:
            lowered = words[n].group().lower()
            if lowered == "i":
                chars[words[n].start()] = "I"
            elif n and words[n - 1].group().lower() in _TITLES and _head_of_state(lowered):
                chars[words[n].start()] = chars[words[n].start()].upper()  # "president mugabe"
            n += 1
    for found in _ACRONYM.finditer(text):
        which = next(g for g in range(1, 5) if found.group(g))
        for at in range(found.start(which), found.end(which)):
            chars[at] = chars[at].upper()
    for found in _SENTENCE_START.finditer(text):
        before = text[max(0, found.start() - 12) : found.start() + 1].lower().split()
        if found.group(1) and before and before[-1] in _ABBREVIATIONS:
            continue  # "the u.s. soldier": no new sentence after an abbreviation
        chars[found.start(2)] = chars[found.start(2)].upper()
    restored = "".join(chars)
    assert len(restored) == len(text)
    return restored
