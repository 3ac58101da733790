"""Actor phrases -> canonical actors: country, PLOVER sector, person with role, organisation.

``DocActors`` holds what one document has said about its people (full names, countries, titles)
so that "Krasnov", "he" and "the Prosecutor General" resolve to the person named earlier.
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc, Token

from crosswire.data import igo_sectors
from crosswire.nlp import doc_ents, ents_from
from crosswire.records import ActorRef, fold
from crosswire.resolve.entities import (
    all_demonyms,
    country_entity,
    entity_of,
    ethnic,
    in_country_name,
    is_where,
    mistaken_demonym,
    named_organisation,
    opposed,
    posted_to,
    region_of,
    without_article,
)
from crosswire.resolve.gazetteer import gazetteer
from crosswire.resolve.geoparse import BOUNDS, LOCATIVE
from crosswire.resolve.kb import party_country
from crosswire.resolve.organisations import Organisation, organisation_in
from crosswire.resolve.people import (
    DocActors,
    known_names,
    looked_up,
    strip_title,
    whole_names,
)
from crosswire.resolve.persons import known_name
from crosswire.resolve.sectors import (
    ARMS,
    COLLECTIVE,
    LEADING,
    OFFICE_SECTORS,
    SETTLEMENTS,
    find_sector,
    former_office,
    group_names,
    lemma,
    phrase_sector,
)

_SKIP_ROLE = frozenset({"DET", "PUNCT", "PART", "CCONJ", "ADP", "PRON"})
_PLURAL_TAGS = frozenset({"NNS", "NNPS"})
_PRONOUNS = frozenset({"he", "she", "him", "her", "his", "hers"})
#: Entity labels a person's name is sometimes given ("Joko Widodo" read as an organisation).
_MISREAD_PERSON = frozenset({"ORG", "GPE", "NORP", "LOC", "FAC"})
_GROUP_WORDS = frozenset({"side", "sides", "both", "two"})
#: Pronouns that stand for a country, organisation or group named shortly before. A possessive
#: stands for it only as a side of its own ("the agency repeated its demand"); the owner of a
#: noun is left alone: in "Poland expelled its diplomats" it is often another country.
_COLLECTIVE_PRONOUNS = frozenset({"it", "they", "them", "its", "their"})
_POSSESSIVE_PRONOUNS = frozenset({"its", "their"})
_ANTECEDENT_TYPES = frozenset({"GPE", "NORP", "ORG"})


#: Heads that stand for the armed forces holding them ("an army post", "a military base").
_FACILITIES = frozenset({"post", "base", "outpost", "barracks", "checkpoint", "camp", "garrison"})
_QUANTITIES = frozenset(
    {
        "thousand",
        "thousands",
        "hundred",
        "hundreds",
        "dozen",
        "dozens",
        "score",
        "scores",
        "crowd",
        "group",
        "number",
        "million",
        "millions",
    }
)


def span_head(doc: Doc, indices: list[int]) -> Token:
    """The highest token of a group (the least deep in the parse, then the first). Only the
    tokens whose head lies outside the group can be it, so depths are counted for those alone
    (counting every token's made a 10,000-token run quadratic)."""
    inside = set(indices)
    roots = [doc[i] for i in indices if doc[i].head.i == i or doc[i].head.i not in inside]
    return min(roots or [doc[i] for i in indices], key=lambda t: (sum(1 for _ in t.ancestors), t.i))


def is_group_reference(doc: Doc, indices: list[int]) -> bool:
    """ "they", "the two sides", "both ministers": the parties of the previous event."""
    if not indices:
        return False
    head = span_head(doc, indices)
    if head.lower_ in _GROUP_WORDS:
        return True
    if head.tag_ not in _PLURAL_TAGS:
        return False
    children = {c.lower_ for c in head.children}
    # "both ministers", "the two leaders"; "two Palestinian bombers" introduces new people
    return "both" in children or ("two" in children and bool(children & {"the", "these"}))


def _depth(token: Token, head: Token) -> int:
    depth = 0
    while token != head and token.head != token and depth < 12:
        token = token.head
        depth += 1
    return depth


def _countries(
    tokens: list[Token],
    head: Token,
    regional: dict[str, str],
    known_org: tuple[Organisation, set[int]] | None,
) -> tuple[list[str], set[int]]:
    """Countries named in the phrase, nearest the head first, and the positions they use."""
    gaz = gazetteer()
    words = [t.text for t in tokens]
    found: list[tuple[int, int, int, str]] = []
    used: set[int] = set()
    start = 0
    while start < len(words):
        token = tokens[start]
        if (
            token.ent_type_ == "PERSON"
            and not mistaken_demonym(token)
            and not in_country_name(token)
            and not all_demonyms(entity_of(token))
        ):
            start += 1
            continue
        hit = gaz.country_at(words, start)
        if hit is not None and (ethnic(token) or opposed(token) or posted_to(tokens[start])):
            # "ethnic Albanians in Serbia" are not of Albania, an "anti-Syria journalist" not
            # of Syria
            start += hit[1]
            continue
        if (
            hit is None
            and token.lower_ in regional
            and start > 0
            and tokens[start - 1].lower_ == "the"
        ):
            hit = (regional[token.lower_], 1)
        if hit is None and token.ent_iob_ == "B":  # "Texas lawmakers": the region's state
            region = region_of(token)
            if region is not None:
                size = 1
                while start + size < len(tokens) and tokens[start + size].ent_iob_ == "I":
                    size += 1
                hit = (region[1], size)
        if hit:
            iso3, size = hit
            span = tokens[start : start + size]
            depth = min(_depth(t, head) for t in span)
            proper = 0 if any(t.ent_type_ == "GPE" for t in span) else 1
            found.append((depth, proper, start, iso3))
            used.update(range(start, start + size))
            start += size
        else:
            start += 1
    if known_org is not None:  # "Hamas fighters", "a Taliban commander"
        movement, taken = known_org
        depth = min(_depth(tokens[i], head) for i in taken)
        found.append((depth, 1, min(taken), movement.country))
        used.update(taken)
    ordered: list[str] = []
    for *_, iso3 in sorted(found):
        if iso3 not in ordered:
            ordered.append(iso3)
    return ordered, used


def _apposed(doc: Doc, head: Token, memory: DocActors) -> ActorRef | None:
    """What an apposition names ("the main Hutu rebel group, Forces for Defence of Democracy"),
    when it is not a person (a person in apposition is the same phrase's name, read above)."""
    for other in head.children:
        if other.dep_ == "appos" and other.pos_ in ("PROPN", "NOUN"):
            found = resolve_actor(doc, actor_tokens_of(other), memory)
            if found is not None and found.kind != "person":
                return found
    return None


def _own_text(doc: Doc, tokens: list[Token], head: Token) -> str:
    """The words that name this actor: the head's own phrase, without the other sides
    coordinated with it ("the United States" of "the United States and Israel") or words the
    side's span took from elsewhere in the sentence."""
    others = {
        t.i
        for c in head.children
        if c.dep_ in ("conj", "cc") or (c.dep_ == "punct" and c.i > head.i and c.text == ",")
        for t in (c.subtree if c.dep_ == "conj" else [c])
    }
    inside = {t.i for t in head.subtree}
    # the phrase ends where what is coordinated with it begins ("the United States and
    # Israel, a weekly reports": not the words after "and")
    end = min((i for i in others if i > head.i), default=len(doc))
    kept = [t for t in tokens if t.i in inside and t.i not in others and t.i < end] or tokens
    return doc[kept[0].i : kept[-1].i + 1].text


def _facility_of(doc: Doc, head: Token, memory: DocActors) -> ActorRef | None:
    """ "a camp for Congolese refugees" is the refugees'; a facility of no one named is no one."""
    return _whose(doc, head, memory, ("of", "for"))


def _whose(doc: Doc, head: Token, memory: DocActors, preps: tuple[str, ...]) -> ActorRef | None:
    """The actor named after one of ``preps`` on ``head`` ("positions of the army")."""
    held = [
        p
        for c in head.children
        if c.dep_ == "prep" and c.lower_ in preps
        for p in c.children
        if p.dep_ == "pobj" and p.pos_ in ("NOUN", "PROPN")
    ]
    return resolve_actor(doc, actor_tokens_of(held[0]), memory) if held else None


def _movement(known: Organisation, text: str) -> ActorRef:
    return ActorRef(
        name=known.name, kind="organisation", country=known.country, sector=known.sector, text=text
    ).with_id()


def _owner_of(token: Token, head: Token) -> bool:
    return token.dep_ == "poss" and token.head.i == head.i


def _located(head: Token, *, of: bool = False) -> str | None:
    """The country of the place a group is said to be in or from ("rebels in the Ivory
    Coast", "police in Nairobi"); with ``of``, also of ("the Albanians of southern Serbia")."""
    gaz = gazetteer()
    preps = ("in", "from", "of") if of else ("in", "from")
    for prep in head.children:
        if prep.dep_ != "prep" or prep.lower_ not in preps:
            continue
        for place in prep.children:
            if place.dep_ != "pobj" or place.ent_type_ not in ("GPE", "LOC"):
                continue
            words = [t.text for t in place.subtree if t.pos_ == "PROPN" and not opposed(t)]
            hit = gaz.country_at(words, 0) if words else None
            if hit is not None:
                return hit[0]
            city = gaz.city(" ".join(words)) if words else None
            if city is not None:
                return city.country
    return None


def _role_text(tokens: list[Token], skip: set[int]) -> str | None:
    kept = [
        t
        for n, t in enumerate(tokens)
        if n not in skip
        and t.pos_ not in _SKIP_ROLE
        and t.tag_ != "POS"
        and t.ent_type_ != "PERSON"
    ]
    if not kept:
        return None
    first, last = kept[0].i, kept[-1].i
    doc = tokens[0].doc
    words = [
        t
        for t in doc[first : last + 1]
        if t.i in {k.i for k in tokens}
        and (t.i - tokens[0].i) not in skip
        and t.tag_ != "POS"
        and t.ent_type_ != "PERSON"
    ]
    text = " ".join(t.text for t in words).strip(" ,")
    return text or None


def may_name_actor(doc: Doc, head: Token, indices: list[int]) -> bool:
    """False when the phrase headed by ``head`` can neither name an actor nor teach the
    document's memory anything: no name, no role word, no quantity, no possessor. A fast
    filter for scanning every noun phrase; ``resolve_actor`` is the authority."""
    tokens = [doc[i] for i in indices]
    if any(t.ent_type_ or t.pos_ == "PROPN" or t.is_title for t in tokens):
        return True
    if lemma(head) in _QUANTITIES or any(c.dep_ == "poss" for c in head.children):
        return True
    return find_sector(tokens)[0] is not None


def resolve_actor(doc: Doc, indices: list[int], memory: DocActors) -> ActorRef | None:
    """The actor named by the tokens ``indices`` of ``doc``, or None when there is none."""
    actor = _resolve(doc, indices, memory) or _nationals(doc, indices)
    return actor.with_id() if actor is not None else None


def _nationals(doc: Doc, indices: list[int]) -> ActorRef | None:
    """A phrase that is only a nation's name for its people, split by the parse ("scores of
    Sierra Leonean", "Sierra" read as a body): that people."""
    tokens = [doc[i] for i in indices if doc[i].pos_ not in ("DET", "NUM", "ADP")]
    while tokens and lemma(tokens[0]) in _QUANTITIES:
        tokens = tokens[1:]
    if len(tokens) < 2 or not all_demonyms(tokens):
        return None
    hit = gazetteer().country_at([t.text for t in tokens], 0)
    if hit is None or hit[1] != len(tokens):
        return None
    text = " ".join(t.text for t in tokens)
    return ActorRef(name=text, kind="group", country=hit[0], sector="CVL", text=text)


def _title_before_name(doc: Doc, indices: list[int]) -> list[int]:
    """A title the parse cut from its holder ("Russian Ambassador | to North Korea Alexander
    Matsegora", the name read as the place's object): the title with the name after the
    place. Other phrases are returned as they are."""
    last = max(indices)
    if last + 2 >= len(doc) or doc[last].lower_ in _PRONOUNS:
        return indices
    if find_sector([doc[last]])[0] is None or doc[last + 1].lower_ != "to":
        return indices
    ents = ents_from(doc, last + 2, min(len(doc), last + 12))
    place = next((e for e in ents if e.start in (last + 2, last + 3)), None)
    if place is None or place.label_ not in ("GPE", "ORG", "LOC"):
        return indices
    objects = [c for c in doc[last + 1].children if c.dep_ == "pobj"]
    if not objects or objects[0].i < place.end:
        return indices
    name = doc[place.end : objects[0].i + 1]  # the rest of the object: the holder's name
    if not all(t.pos_ == "PROPN" and t.ent_type_ in ("", "PERSON") for t in name):
        return indices
    return [*indices, *range(name.start, name.end)]


def _both_sides_in_one(head: Token, tokens: list[Token]) -> bool:
    """One plural phrase holding both sides of a "between" ("an agreement between
    prosecutors' offices"): several parties of no nation the phrase tells, never one actor."""
    whole = head.head if head.dep_ == "poss" else head  # "prosecutors' offices"
    return (
        whole.tag_ in _PLURAL_TAGS
        and whole.dep_ == "pobj"
        and whole.head.lower_ == "between"
        and not any(c.dep_ == "conj" for c in whole.children)
        and not any(t.ent_type_ in ("GPE", "NORP", "ORG", "PERSON") for t in tokens)
    )


def _resolve(doc: Doc, indices: list[int], memory: DocActors) -> ActorRef | None:
    if indices:
        indices = _title_before_name(doc, indices)
    tokens = [doc[i] for i in indices]
    if not tokens:
        return None
    head = span_head(doc, indices)
    text = _own_text(doc, tokens, head)
    lower = head.lower_
    if len(tokens) <= 2 and lower in _PRONOUNS:
        return _person_before(doc, head, memory) or memory.last_person
    if len(tokens) <= 2 and lower in _COLLECTIVE_PRONOUNS:
        return _antecedent(doc, head, memory)
    if _both_sides_in_one(head, tokens):
        return None
    if lower in _GROUP_WORDS or (head.lemma_ == "side" and len(tokens) <= 3):
        return None
    if is_group_reference(doc, indices):
        return None
    possessed = head.head
    if (
        head.dep_ == "poss"
        and possessed.i not in indices
        and possessed.pos_ == "NOUN"
        and find_sector([possessed])[0] is not None
    ):  # only the owner was taken ("calls by Belarus's rulers"): the rulers are meant
        return resolve_actor(doc, actor_tokens_of(possessed), memory)
    if lemma(head) in _QUANTITIES:  # "thousands of protesters" -> the protesters
        inner = [
            p
            for c in head.children
            if c.dep_ == "prep" and c.lower_ == "of"
            for p in c.children
            if p.dep_ == "pobj"
        ]
        if inner:
            return resolve_actor(doc, actor_tokens_of(inner[0]), memory)
        if find_sector(tokens)[0] is None:  # "a group", "the crowd" alone: nobody we can name
            return None
    index_set = set(indices)
    people = [
        (e.start, e.end)
        for e in ents_from(doc, min(indices), max(indices) + 1)
        if (e.label_ == "PERSON" or (e.label_ in _MISREAD_PERSON and known_name(e.text)))
        and e.start in index_set
        and e.root.i in index_set
        and not e.text.islower()
        and not mistaken_demonym(e.root)
        and organisation_in(list(e)) is None  # "ZANU-PF" read as a person
        and country_entity(e.root) is None  # "Sri Lanka" read as a person
        and not all_demonyms(list(e))  # "Bosnian Serbs" read as a person
    ]
    people = whole_names(doc, people, index_set)
    if not people:
        people = known_names(tokens, memory, head)
    head_lemma = lemma(head)
    known_org = organisation_in(tokens)
    whole = named_organisation(head)
    if known_org is None and whole is not None and not people:
        # the parse cut a known name short ("National Union" of "National Union for the Total
        # Independence of Angola"): the entity it lies in names the organisation
        return _movement(whole, text)
    head_has_sector = find_sector([head])[0] is not None
    plain_noun = head.pos_ == "NOUN" and not head_has_sector
    # "Osama bin Laden's al-Qaeda network": the movement, not the man it is said to be his
    owned = bool(people) and all(_owner_of(doc[a:b].root, head) for a, b in people)
    if known_org is not None and (not people or (plain_noun and owned)):
        movement, taken = known_org
        # "Hamas", "the UNITA militarist wing": the movement itself; "Hamas fighters" are a
        # group of it, resolved below with its country
        if tokens.index(head) in taken or not head_has_sector:
            return _movement(movement, text)
    if plain_noun and owned:
        # "President Reagan's latest statement": the statement's owner
        return resolve_actor(doc, actor_tokens_of(doc[people[0][0] : people[0][1]].root), memory)
    named_head = head.ent_type_ != "" and not head.text.islower()
    if (
        not people
        and head.pos_ == "NOUN"
        and not named_head
        and head_lemma not in _FACILITIES
        and find_sector([t for t in tokens if t.i <= head.i])[0] is None  # "opposition candidates"
        and head_lemma not in group_names()
        and head_lemma not in _QUANTITIES
    ):
        owners = [
            c for c in head.children if c.dep_ == "poss" and c.lower_ not in _POSSESSIVE_PRONOUNS
        ]
        if owners:
            owner = resolve_actor(doc, actor_tokens_of(owners[0]), memory)
            if head_lemma in _PARTISANS and owner is not None:  # "his supporters": a crowd
                return _partisans(owner, head_lemma, text)
            return owner
        # "an Australian ultimatum", "Israeli air raids": the nation whose act it is
        national = [
            c
            for c in head.children
            if c.dep_ in ("amod", "compound")
            and (c.ent_type_ in ("NORP", "GPE") or mistaken_demonym(c))
        ]
        if national:
            nation = resolve_actor(doc, [national[0].i], memory)
            held_by, _ = find_sector([c for c in head.children if c.dep_ == "compound"])
            if nation is not None and nation.sector is None:
                if held_by is not None:  # "Israeli police custody": the police's
                    nation = replace(nation, sector=held_by).with_id()
                elif head_lemma in ARMS:  # "Israeli helicopters": the nation's armed forces
                    nation = replace(nation, sector="MIL").with_id()
                elif head_lemma in SETTLEMENTS:  # "Iraqi towns": the people living there
                    nation = replace(nation, sector="CVL").with_id()
            return nation
        # "positions of the security forces", "a camp for refugees", "an offer from Kabul",
        # "violations by the army": those it belongs to, comes from or is done by
        return _whose(doc, head, memory, ("of", "for", "from", "by"))
    countries, used = _countries(tokens, head, memory.regional, known_org)
    if ethnic(head):  # a people: placed by the phrase ("in Serbia") or else by the event
        return ActorRef(
            name=head.text,
            kind="group",
            country=next(iter(countries), None),
            sector="CVL",
            text=text,
        ).with_id()
    # "the European Union", "the International Criminal Court": a name's words are no role
    sector = phrase_sector([t for n, t in enumerate(tokens) if n not in used], head)
    # a body named by itself has its own function's sector ("NATO" is a military alliance)
    own_sector = (
        igo_sectors().get(countries[0]) if countries and tokens.index(head) in used else None
    )
    if (
        known_org is not None
        and sector in OFFICE_SECTORS
        and known_org[0].sector not in OFFICE_SECTORS
    ):
        sector = known_org[0].sector  # "Taliban commanders" are of the movement, not an army
    gaz = gazetteer()
    head_country = (
        gaz.country_names.get(fold(head.text))
        if head.ent_type_ in ("GPE", "NORP", "LOC", "", "DATE", "TIME")  # "Kyiv overnight"
        # "Oxfam Canada" is an organisation; "Sri Lanka" misread as a person is a country
        else country_entity(head)
        if head.ent_type_ in ("ORG", "PERSON")
        else None
    )
    if people:
        start, end = min(people, key=lambda se: min(abs(i - head.i) for i in range(*se)))
        name = strip_title(doc[start:end].text)
        known = memory.full_person(name)
        # the role is said next to the name: not "removal of" in "the removal of President X"
        cut = max(
            (
                t.i
                for t in tokens
                if t.pos_ == "ADP" and t.i < start and find_sector([t.head])[0] is None
            ),
            default=-1,
        )
        skip = used | {n for n, t in enumerate(tokens) if start <= t.i < end or t.i <= cut}
        role = _role_text(tokens, skip) if sector else None
        actor = ActorRef(
            name=known.name if known and len(known.name) >= len(name) else name,
            kind="person",
            country=(countries[0] if countries else None) or (known.country if known else None),
            sector=sector or (known.sector if known else None),
            role=role or (known.role if known else None),
            text=text,
            sectors=known.sectors if known else (),
            kb_id=known.kb_id if known else None,
            evidence=known.evidence if known else (),
        )
        actor = looked_up(actor, memory, former=former_office(tokens, start))
        memory.remember(actor)
        return actor.with_id()
    if (
        not sector
        and head.tag_ in _PLURAL_TAGS
        and (head.ent_type_ == "NORP" or all_demonyms([head]))
    ):
        # "Libyans", "the Palestinians", "Iraqi Kurds": a people, not a state; of the country a
        # modifier names ("Bosnian Serbs" are of Bosnia), else of their own name's
        named = gaz.country_at([head.text], 0)
        own = named[0] if named is not None else None
        others = [c for c in countries if c != own]
        people_of = (others[0] if others else None) or _located(head, of=True) or own
        if people_of is not None:
            return ActorRef(
                name=head.text, kind="group", country=people_of, sector="CVL", text=text
            ).with_id()
    if head_country and not sector and fold(head.text) not in gaz.capitals:
        name = gaz.countries[head_country].name if head_country in gaz.countries else head.text
        return ActorRef(
            name=name, kind="country", country=head_country, sector=own_sector, text=text
        ).with_id()
    if head_country and fold(head.text) in gaz.capitals and not sector:
        name = gaz.countries[head_country].name
        return ActorRef(
            name=name, kind="country", country=head_country, sector="GOV", text=text
        ).with_id()
    if sector is None:
        if head_lemma in _FACILITIES:
            return _facility_of(doc, head, memory)
        # "Chechnya", "Texas" as a side: the region's people, in its state; "in Texas" is where
        region = None if is_where(head) else region_of(head)
        if region is not None:
            return ActorRef(name=region[0], kind="group", country=region[1], text=text).with_id()
        if countries and head.ent_type_ in ("GPE", "NORP", "LOC"):
            iso3 = countries[0]
            name = gaz.countries[iso3].name if iso3 in gaz.countries else head.text
            return ActorRef(
                name=name, kind="country", country=iso3, sector=own_sector, text=text
            ).with_id()
        if head.ent_type_ == "ORG":
            org = next(e for e in doc_ents(doc) if e.start <= head.i < e.end)
            party = party_country(" ".join(t.text for t in without_article(org)), memory.countries)
            if party is not None and not countries:  # a party a legislature seated ("the CDU")
                return ActorRef(
                    name=org.text, kind="organisation", country=party, sector="PTY", text=text
                ).with_id()
            return ActorRef(
                name=org.text,
                kind="organisation",
                country=countries[0] if countries else None,
                sector=own_sector,
                text=text,
            ).with_id()
        return None
    led = _led_by(doc, head, memory) if lemma(head) in LEADING else None
    if led is not None:  # "leaders of the opposition coalition" are of it
        sector = led.sector
        countries = [led.country] if led.country else countries
    role = _role_text(tokens, used) or head.text
    country = countries[0] if countries else _located(head)
    if country is None:
        apposed = _apposed(doc, head, memory)
        if apposed is not None and apposed.kind == "organisation":
            return apposed  # "the main rebel group, the FDD,": the FDD
        country = apposed.country if apposed is not None else None
    if country and head.tag_ not in _PLURAL_TAGS:
        memory.note_role(role, country)
    titled = memory.by_title(country, role)
    if titled is not None:
        return titled
    if head.ent_type_ == "ORG":
        org = next(e for e in doc_ents(doc) if e.start <= head.i < e.end)
        return ActorRef(
            name=org.text, kind="organisation", country=country, sector=sector, text=text
        ).with_id()
    head_lemma = lemma(head)
    if head.tag_ in _PLURAL_TAGS or head_lemma in COLLECTIVE or head_lemma in _FACILITIES:
        # a capitalised plural keeps what qualifies it ("Prosecutor General Offices")
        own = role if head.pos_ == "PROPN" and role != head.text else head_lemma
        name = group_names().get(head_lemma) or own
        if head_lemma in _FACILITIES and sector != "MIL":
            return _facility_of(doc, head, memory)
        return ActorRef(
            name=name, kind="group", country=country, sector=sector, text=text
        ).with_id()
    if any(t.ent_type_ == "ORG" for t in tokens):
        return ActorRef(
            name=role, kind="organisation", country=country, sector=sector, role=role, text=text
        ).with_id()
    # a bare title ("the Ambassador", "his counterpart") names no one: it stands for its
    # country in that role, or for nobody we can name; someone outside the state described by
    # what they do ("a prominent journalist") is one such person, placed later by the event
    if country is None:
        if sector in OFFICE_SECTORS:
            return None
        name = group_names().get(head_lemma) or head_lemma
        return ActorRef(name=name, kind="group", sector=sector, text=text).with_id()
    name = gaz.countries[country].name if country in gaz.countries else country
    return ActorRef(
        name=name, kind="country", country=country, sector=sector, role=role, text=text
    ).with_id()


def _led_by(doc: Doc, head: Token, memory: DocActors) -> ActorRef | None:
    """The group, party or movement a leading role is "of", when it has a sector of its own
    that is not the state's."""
    for prep in head.children:
        if prep.dep_ != "prep" or prep.lower_ != "of":
            continue
        for body in prep.children:
            if body.dep_ != "pobj" or body.pos_ not in ("NOUN", "PROPN"):
                continue
            found = resolve_actor(doc, actor_tokens_of(body), memory)
            if (
                found is not None
                and found.kind != "person"
                and found.sector
                not in (
                    None,
                    "GOV",
                )
            ):
                return found
    return None


#: Followers of someone: a group of their own, on their side ("his supporters gathered").
_PARTISANS = frozenset(
    {"supporter", "follower", "loyalist", "backer", "sympathiser", "sympathizer", "partisan"}
)
#: A leader's following shares the leader's camp when that camp is outside the state.
_CAMPS = frozenset({"OPP", "PTY", "REB", "REL", "LAB"})


def _partisans(owner: ActorRef, word: str, text: str) -> ActorRef:
    camp = owner.sector if owner.sector in _CAMPS else "CVL"
    return ActorRef(
        name=group_names().get(word) or f"{word}s",
        kind="group",
        country=owner.country,
        sector=camp,
        text=text,
    ).with_id()


def _person_before(doc: Doc, pronoun: Token, memory: DocActors) -> ActorRef | None:
    """ "he"/"she" after a person named earlier in the same sentence ("President X said he
    would ..."): the nearest such person."""
    people = [
        e
        for e in ents_from(doc, pronoun.sent.start, pronoun.i)
        if e.label_ == "PERSON" and e.end <= pronoun.i
    ]
    for ent in reversed(people):
        found = resolve_actor(doc, actor_tokens_of(ent.root), memory)
        if found is not None and found.kind == "person":
            return found
    return None


def _antecedent(doc: Doc, pronoun: Token, memory: DocActors) -> ActorRef | None:
    """What "it"/"they" stands for: the nearest country or organisation named before it, in
    the same or the previous sentence ("Syria says it will withdraw" -> Syria)."""
    sentence = pronoun.sent
    start = doc[sentence.start - 1].sent.start if sentence.start > 0 else sentence.start
    plural = pronoun.lower_ not in ("it", "its")
    own_subject = _clause_subject(pronoun)
    for ent in reversed([e for e in doc_ents(doc) if start <= e.start and e.end <= pronoun.i]):
        if ent.label_ not in _ANTECEDENT_TYPES or (ent.label_ == "NORP" and not plural):
            continue
        if ent.start in own_subject:
            continue  # "the envoy to Korea greeted them": an object is never its own subject
        if ent.label_ == "GPE" and _where_something_is(ent.root):
            continue  # "arrived in Pyongyang ... greeted them": a place, not a party
        root = ent.root
        if root.dep_ in ("amod", "compound", "nmod") and root.head.pos_ == "NOUN":
            root = root.head  # "the Fijian rebels ... they": the rebels, not Fiji
        found = resolve_actor(doc, actor_tokens_of(root), memory)
        if found is not None and (found.kind != "person" or root != ent.root):
            return found  # a group stands for itself or for the one it names as its leader
    return None


def _where_something_is(token: Token) -> bool:
    """``token`` names where something happens or goes ("in Pyongyang", "to Lima")."""
    return token.dep_ == "pobj" and (token.head.lower_ in LOCATIVE or token.head.lower_ in BOUNDS)


def _clause_subject(pronoun: Token) -> set[int]:
    """Tokens of the subject of the clause an object pronoun belongs to (empty for a subject
    or a possessive)."""
    if pronoun.dep_ not in ("dobj", "dative", "pobj", "iobj"):
        return set()
    verb = pronoun.head.head if pronoun.dep_ == "pobj" else pronoun.head
    return {
        t.i
        for child in verb.children
        if child.dep_ in ("nsubj", "nsubjpass")
        for t in child.subtree
    }


def actor_tokens_of(token: Token) -> list[int]:
    from crosswire.events.frames import actor_tokens

    return actor_tokens(token)


def with_country(actor: ActorRef, country: str | None) -> ActorRef:
    if actor.country or not country:
        return actor
    return replace(actor, country=country).with_id()
