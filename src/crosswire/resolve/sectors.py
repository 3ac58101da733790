"""Role words and sectors: which PLOVER sector a phrase's words give (``data/sectors.tsv``), the
canonical names of unnamed groups, and the word classes the actor rules share (leading roles,
weapons, settlements, former-office words)."""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache

from spacy.tokens import Token

from crosswire.data import table


@lru_cache(maxsize=1)
def group_names() -> dict[str, str]:
    return {row[0]: row[1] for row in table("group_names")}


@lru_cache(maxsize=1)
def sector_phrases() -> dict[tuple[str, ...], str]:
    return {tuple(phrase.split()): sector for phrase, sector in table("sectors")}


def lemma(token: Token) -> str:
    """Lower-case lemma; capitalised plurals the tagger left alone lose their 's'."""
    value = token.lemma_.lower()
    if value == token.lower_ and value.endswith("s") and token.tag_ in ("NNS", "NNPS", "NNP"):
        single = value[:-1]
        if single in group_names() or (single,) in sector_phrases():
            return single
    return value


def _role_phrases(tokens: list[Token]) -> Iterator[tuple[int, int, str]]:
    """Every role phrase among ``tokens`` as (start, size, sector), by lemma or as written,
    left to right and longest first at each place."""
    phrases = sector_phrases()
    lemmas = [lemma(t) for t in tokens]
    lowers = [t.lower_ for t in tokens]
    for start in range(len(tokens)):
        for size in (3, 2, 1):
            for words in (lemmas, lowers):
                key = tuple(words[start : start + size])
                if len(key) == size and key in phrases:
                    yield start, size, phrases[key]


def find_sector(tokens: list[Token]) -> tuple[str | None, int]:
    """The sector of the longest role phrase among ``tokens``, and where it ends."""
    best: tuple[int, int, str] | None = None
    for start, size, sector in _role_phrases(tokens):
        if best is None or size > best[0]:
            best = (size, start + size, sector)
    return (best[2], best[1]) if best else (None, -1)


def phrase_sector(tokens: list[Token], head: Token) -> str | None:
    """The sector of a phrase: the head noun with its pre-modifiers decides ("doctors from two
    aid groups" are MED; "the military government" is GOV), the head's own role word first
    among equally long ones, except that a generic head (a leading role, plain people) takes its
    modifier's ("rebel leaders" are REB); what follows the head counts only when nothing before
    it does."""
    before = [t for t in tokens if t.i <= head.i]
    # a generic head gives way to a modifier: "rebel leaders" are REB, "opposition activists" OPP
    leading = lemma(head) in LEADING or sector_phrases().get((lemma(head),)) == "CVL"
    best: tuple[int, bool, str] | None = None
    for start, size, sector in _role_phrases(before):
        covers_head = start + size == len(before) and before[-1].i == head.i
        rank = (size, covers_head != leading, sector)
        if best is None or rank[:2] > best[:2]:
            best = rank
    if best is not None:
        return best[2]
    return find_sector(tokens)[0]


#: Roles that take the side of what they lead or speak for ("leaders of the opposition").
LEADING = frozenset(
    {
        "leader",
        "head",
        "chief",
        "chairman",
        "chairwoman",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "member",
        "representative",
        "commander",
        "official",
    }
)


#: Weapons and armed operations: a nation's are its armed forces' ("Russian aircraft").
ARMS = frozenset(
    {
        "aircraft",
        "airplane",
        "plane",
        "warplane",
        "jet",
        "fighter",
        "bomber",
        "helicopter",
        "gunship",
        "drone",
        "tank",
        "warship",
        "ship",
        "submarine",
        "vessel",
        "gunboat",
        "missile",
        "rocket",
        "artillery",
        "gun",
        "mortar",
        "shell",
        "raid",
        "airstrike",
        "strike",
        "bombardment",
        "shelling",
        "offensive",
        "incursion",
        "patrol",
        "convoy",
        "unit",
        "battery",
    }
)


#: Places where people live: a nation's are its civilians' ("shelled Iraqi towns").
SETTLEMENTS = frozenset(
    {
        "town",
        "city",
        "village",
        "neighbourhood",
        "neighborhood",
        "home",
        "house",
        "settlement",
        "suburb",
        "district",
        "hamlet",
        "market",
        "school",
        "hospital",
        "farm",
        "population",
        "community",
        "minority",
        "majority",
        "populace",
        "citizenry",
    }
)


#: Words that make a title a former one ("former president X", "ousted leader Y").
FORMER_WORDS = frozenset(
    {
        "former",
        "ex",
        "ousted",
        "deposed",
        "toppled",
        "overthrown",
        "exiled",
        "erstwhile",
        "onetime",
        "one-time",
        "retired",
    }
)


#: Sectors of office: someone who held one and no longer does is an elite (ELI).
OFFICE_SECTORS = frozenset({"GOV", "LEG", "MIL", "JUD", "COP", "SPY"})


def former_office(tokens: list[Token], name_start: int) -> bool:
    """A former-office word before the name ("Former Socialist prime minister X")."""
    return any(
        t.i < name_start and (t.lower_ in FORMER_WORDS or t.lower_.startswith("ex-"))
        for t in tokens
    )


#: Singular nouns that name a body of people, not one person.
COLLECTIVE = frozenset(
    {
        "police",
        "government",
        "military",
        "army",
        "navy",
        "authority",
        "parliament",
        "opposition",
        "administration",
        "cabinet",
        "ministry",
        "delegation",
        "court",
        "assembly",
        "congress",
        "senate",
        "judiciary",
        "embassy",
        "media",
        "regime",
        "coalition",
        "junta",
        "group",
        "council",
        "committee",
        "commission",
        "agency",
        "union",
        "party",
        "alliance",
        "front",
        "movement",
        "organisation",
        "organization",
        "militia",
        "gang",
        "cartel",
        "church",
        "clergy",
        "company",
        "firm",
        "tribunal",
        "legislature",
        "presidency",
        "force",
        "guard",
        "brigade",
        "battalion",
        "charity",
        "crowd",
        "mob",
        "tribe",
        "clan",
    }
)
