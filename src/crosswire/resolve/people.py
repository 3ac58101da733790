"""Named people in actor phrases: the document's memory of who was named how (``DocActors``),
names the recogniser missed or split, and what the knowledge base adds (country, dated office).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date

from spacy.tokens import Doc, Token

from crosswire.records import ActorRef, fold
from crosswire.resolve.gazetteer import gazetteer
from crosswire.resolve.organisations import organisation_in
from crosswire.resolve.persons import known_name, known_person
from crosswire.resolve.sectors import COLLECTIVE, OFFICE_SECTORS, find_sector, lemma


@dataclass
class DocActors:
    """What one document says about its actors, for in-document coreference."""

    people: dict[str, ActorRef] = field(default_factory=dict)  # folded full name -> person
    surnames: dict[str, set[str]] = field(default_factory=dict)  # folded token -> full names
    titles: dict[tuple[str | None, str], str] = field(default_factory=dict)
    last_person: ActorRef | None = None
    regional: dict[str, str] = field(default_factory=dict)  # "north" -> PRK in a Korea story
    role_countries: dict[str, set[str]] = field(default_factory=dict)
    when: date | None = None  # the date the document's events are read against
    countries: frozenset[str] = frozenset()  # every country the document names

    def remember(self, actor: ActorRef) -> None:
        if actor.kind != "person" or not is_named(actor):
            return
        key = fold(actor.name)
        words = set(key.split())
        for other in [
            k
            for k in self.people
            if k != key and (set(k.split()) <= words or words <= set(k.split()))
        ]:
            if len(other) > len(key):
                key, actor = (
                    other,
                    replace(
                        self.people[other], country=self.people[other].country or actor.country
                    ),
                )
            else:
                old = self._forget(other)
                actor = replace(
                    actor,
                    country=actor.country or old.country,
                    sector=actor.sector or old.sector,
                    role=actor.role or old.role,
                )
        known = self.people.get(key)
        if actor.country is None and actor.role:
            options = self.role_countries.get(fold(actor.role), set())
            if len(options) == 1:
                actor = replace(actor, country=next(iter(options)))
        merged = (
            actor
            if known is None
            else replace(
                known,
                country=known.country or actor.country,
                sector=known.sector or actor.sector,
                role=known.role or actor.role,
                kb_id=known.kb_id or actor.kb_id,
                sectors=known.sectors or actor.sectors,
                evidence=known.evidence or actor.evidence,
            )
        )
        self.people[key] = merged
        for part in key.split():
            self.surnames.setdefault(part, set()).add(key)
        if merged.role:
            self.titles[(merged.country, fold(merged.role))] = key

    def _forget(self, key: str) -> ActorRef:
        """Drop a person absorbed by a longer name, with its surname and title entries."""
        old = self.people.pop(key)
        for part in key.split():
            names = self.surnames.get(part)
            if names is not None:
                names.discard(key)
                if not names:
                    del self.surnames[part]
        for title in [t for t, k in self.titles.items() if k == key]:
            del self.titles[title]
        return old

    def note_role(self, role: str, country: str) -> None:
        """An unnamed office holder of a known country ("the foreign minister of Belarus")."""
        self.role_countries.setdefault(fold(role), set()).add(country)

    def full_person(self, name: str) -> ActorRef | None:
        key = fold(name)
        if key in self.people:
            return self.people[key]
        parts = key.split()
        if len(parts) == 1:
            names = self.surnames.get(parts[0], set())
            return self.people.get(next(iter(names))) if len(names) == 1 else None
        wanted = set(parts)
        matches = [k for k in self.people if set(k.split()) <= wanted or wanted <= set(k.split())]
        return self.people[matches[0]] if len(matches) == 1 else None

    def by_title(self, country: str | None, role: str) -> ActorRef | None:
        key = self.titles.get((country, fold(role)))
        return self.people.get(key) if key else None


def is_named(actor: ActorRef) -> bool:
    return actor.role is None or fold(actor.name) != fold(actor.role)


TITLE_WORDS = frozenset(
    {
        "president",
        "minister",
        "prime",
        "foreign",
        "general",
        "gen.",
        "dr.",
        "mr.",
        "mrs.",
        "ms.",
        "prosecutor",
        "ambassador",
        "deputy",
        "vice",
        "chairman",
        "leader",
        "senator",
        "judge",
        "king",
        "queen",
        "secretary",
    }
)


def strip_title(name: str) -> str:
    words = name.split()
    while len(words) > 2 and words[0].lower() in TITLE_WORDS:
        words = words[1:]
    return " ".join(words)


def proper_runs(tokens: list[Token]) -> list[list[Token]]:
    """Runs of adjacent proper nouns, joined across hyphens ("Dahl - Sørensen")."""
    runs: list[list[Token]] = []
    for token in tokens:
        if token.pos_ != "PROPN":
            continue
        doc = token.doc
        if runs and (
            runs[-1][-1].i == token.i - 1
            or (runs[-1][-1].i == token.i - 2 and doc[token.i - 1].text in ("-", "‐"))
        ):
            runs[-1].append(token)
        else:
            runs.append([token])
    return runs


def known_names(
    tokens: list[Token], memory: DocActors, head: Token | None = None
) -> list[tuple[int, int]]:
    """Person names in a phrase that NER missed: names the document gave elsewhere, proper-noun
    runs next to a personal title ("Norway's top diplomat, Ingrid Dahl-Sørensen")."""
    titled = (
        head is not None
        and head.tag_ == "NN"
        and find_sector([head])[0] is not None
        and lemma(head) not in COLLECTIVE
    )
    found = []
    gaz = gazetteer()
    for run in proper_runs(tokens):
        while run and lemma(run[0]) in TITLE_WORDS:
            run = run[1:]
        if len(run) < 2 or lemma(run[-1]) in COLLECTIVE:  # "Interior Ministry" is no one
            continue
        text = run[0].doc[run[0].i : run[-1].i + 1].text
        if memory.full_person(text) is not None:
            found.append((run[0].i, run[-1].i + 1))
            continue
        if len(run) > 4 or gaz.country_at([t.text for t in run], 0) is not None:
            continue
        known_org = organisation_in(run)
        if known_org is not None and len(known_org[1]) == len(run):  # "Downing Street"
            continue
        appositive = titled and any(t.dep_ == "appos" and t.head == head for t in run)
        if appositive or all(t.ent_type_ in ("", "PERSON") for t in run):
            found.append((run[0].i, run[-1].i + 1))
    return found


def whole_names(doc: Doc, people: list[tuple[int, int]], inside: set[int]) -> list[tuple[int, int]]:
    """Person spans joined when they touch ("Zine El" + "Abidine Ben Ali") and stretched over
    neighbouring proper nouns of the phrase when that makes a name the knowledge base knows
    ("Aung Hlaing" -> "Min Aung Hlaing")."""
    joined: list[tuple[int, int]] = []
    for start, end in sorted(people):
        if joined and joined[-1][1] == start:
            joined[-1] = (joined[-1][0], end)
        else:
            joined.append((start, end))
    stretched = []
    for start, end in joined:
        best = (start, end)
        for left in range(start, max(start - 3, -1), -1):
            if left < start and (left not in inside or doc[left].pos_ != "PROPN"):
                break
            for right in range(end, min(end + 3, len(doc)) + 1):
                if right > end and (right - 1 not in inside or doc[right - 1].pos_ != "PROPN"):
                    break
                if (left, right) != (start, end) and known_name(doc[left:right].text):
                    best = (left, right)
        stretched.append(best)
    return stretched


def looked_up(actor: ActorRef, memory: DocActors, *, former: bool) -> ActorRef:
    """A named person completed from the knowledge base. The sentence's country wins (a KB
    entry of another country is another person); the KB fills the sector the sentence leaves
    open, and an office the KB says was held that day outranks a title of another kind
    ("Ayatollah X" as head of state is GOV, with REL kept as a secondary sector). A former-office
    word makes an elite (ELI)."""
    if actor.kb_id is None:
        found = known_person(actor.name, when=memory.when, countries=memory.countries)
        if found is not None and actor.country in (None, found.country):
            sector, sectors = actor.sector or found.sector, found.sectors
            if found.sector == "GOV" and actor.sector not in (None, "GOV", "ELI"):
                sector, sectors = "GOV", (actor.sector or "", *found.sectors)
            actor = replace(
                actor,
                country=found.country,
                sector=sector,
                sectors=sectors,
                role=actor.role or found.role,
                kb_id=found.person.kb_id,
                evidence=found.evidence,
            )
    if former and actor.sector in OFFICE_SECTORS | {None}:
        actor = replace(actor, sector="ELI", sectors=())
    return actor
