"""Actor phrases resolved with the shipped knowledge base and the data tables behind it, on
hand-built parses (no model): dated offices, former office holders, names the recogniser
mislabelled, regions, peoples, intergovernmental bodies' functions, weapons of a nation."""

from __future__ import annotations

from datetime import date

from crosswire.records import ActorRef
from crosswire.resolve import DocActors, resolve_actor
from tests.test_frames import Row, make_doc


def resolved(rows: list[Row], indices: list[int], when: date | None = None) -> ActorRef:
    actor = resolve_actor(make_doc(rows), indices, DocActors(when=when))
    assert actor is not None
    return actor


FORMER = [  # Former president Boris Yeltsin spoke .
    ("Former", "former", "ADJ", "JJ", "amod", 1, ""),
    ("president", "president", "NOUN", "NN", "compound", 3, ""),
    ("Boris", "Boris", "PROPN", "NNP", "compound", 3, "B-PERSON"),
    ("Yeltsin", "Yeltsin", "PROPN", "NNP", "nsubj", 4, "I-PERSON"),
    ("spoke", "speak", "VERB", "VBD", "ROOT", 4, ""),
    (".", ".", "PUNCT", ".", "punct", 4, ""),
]


TITLED = [  # president Boris Yeltsin spoke .
    ("president", "president", "NOUN", "NN", "compound", 2, ""),
    ("Boris", "Boris", "PROPN", "NNP", "compound", 2, "B-PERSON"),
    ("Yeltsin", "Yeltsin", "PROPN", "NNP", "nsubj", 3, "I-PERSON"),
    ("spoke", "speak", "VERB", "VBD", "ROOT", 3, ""),
    (".", ".", "PUNCT", ".", "punct", 3, ""),
]
BARE = [  # Boris Yeltsin spoke .
    ("Boris", "Boris", "PROPN", "NNP", "compound", 1, "B-PERSON"),
    ("Yeltsin", "Yeltsin", "PROPN", "NNP", "nsubj", 2, "I-PERSON"),
    ("spoke", "speak", "VERB", "VBD", "ROOT", 2, ""),
    (".", ".", "PUNCT", ".", "punct", 2, ""),
]


def test_a_named_person_takes_country_and_dated_office_from_the_base() -> None:
    in_office = resolved(TITLED, [0, 1, 2], when=date(1996, 7, 1))
    assert (in_office.name, in_office.country, in_office.sector) == ("Boris Yeltsin", "RUS", "GOV")
    assert in_office.kb_id is not None and in_office.evidence
    # the sentence calls him former: an elite, whatever the title says
    former = resolved(FORMER, [0, 1, 2, 3], when=date(1996, 7, 1))
    assert (former.country, former.sector) == ("RUS", "ELI")


def test_the_base_dates_an_office_the_sentence_does_not_name() -> None:
    assert resolved(BARE, [0, 1], when=date(1996, 7, 1)).sector == "GOV"
    assert resolved(BARE, [0, 1], when=date(2003, 1, 1)).sector == "ELI"


MISREAD = [  # Joko Widodo spoke . (the recogniser took the name for an organisation)
    ("Joko", "Joko", "PROPN", "NNP", "compound", 1, "B-ORG"),
    ("Widodo", "Widodo", "PROPN", "NNP", "nsubj", 2, "I-ORG"),
    ("spoke", "speak", "VERB", "VBD", "ROOT", 2, ""),
    (".", ".", "PUNCT", ".", "punct", 2, ""),
]


def test_an_office_holder_misread_as_an_organisation_is_a_person() -> None:
    actor = resolved(MISREAD, [0, 1], when=date(2019, 6, 1))
    assert (actor.kind, actor.country, actor.sector) == ("person", "IDN", "GOV")


CLERIC = [  # Ayatollah Ali Khamenei spoke .
    ("Ayatollah", "Ayatollah", "PROPN", "NNP", "compound", 2, ""),
    ("Ali", "Ali", "PROPN", "NNP", "compound", 2, "B-PERSON"),
    ("Khamenei", "Khamenei", "PROPN", "NNP", "nsubj", 3, "I-PERSON"),
    ("spoke", "speak", "VERB", "VBD", "ROOT", 3, ""),
    (".", ".", "PUNCT", ".", "punct", 3, ""),
]


def test_an_office_held_outranks_a_religious_title() -> None:
    actor = resolved(CLERIC, [0, 1, 2], when=date(2020, 1, 8))
    assert (actor.country, actor.sector, actor.sectors) == ("IRN", "GOV", ("REL",))


REGION = [  # Texas lawmakers voted .
    ("Texas", "Texas", "PROPN", "NNP", "compound", 1, "B-GPE"),
    ("lawmakers", "lawmaker", "NOUN", "NNS", "nsubj", 2, ""),
    ("voted", "vote", "VERB", "VBD", "ROOT", 2, ""),
    (".", ".", "PUNCT", ".", "punct", 2, ""),
]


def test_a_region_names_its_country() -> None:
    group = resolved(REGION, [0, 1])
    assert (group.country, group.sector) == ("USA", "LEG")
    region = resolved(REGION, [0])
    assert (region.name, region.kind, region.country, region.sector) == (
        "Texas",
        "group",
        "USA",
        None,
    )


PEOPLE = [  # Iraqi Kurds marched .
    ("Iraqi", "iraqi", "ADJ", "JJ", "amod", 1, "B-NORP"),
    ("Kurds", "Kurds", "PROPN", "NNPS", "nsubj", 2, "B-NORP"),
    ("marched", "march", "VERB", "VBD", "ROOT", 2, ""),
    (".", ".", "PUNCT", ".", "punct", 2, ""),
]


def test_a_people_is_civilians_of_the_country_their_modifier_names() -> None:
    actor = resolved(PEOPLE, [0, 1])
    assert (actor.name, actor.kind, actor.country, actor.sector) == ("Kurds", "group", "IRQ", "CVL")


ALLIANCE = [  # NATO warned .
    ("NATO", "NATO", "PROPN", "NNP", "nsubj", 1, "B-ORG"),
    ("warned", "warn", "VERB", "VBD", "ROOT", 1, ""),
    (".", ".", "PUNCT", ".", "punct", 1, ""),
]
UNION = [  # The European Union warned .
    ("The", "the", "DET", "DT", "det", 2, "B-ORG"),
    ("European", "European", "PROPN", "NNP", "compound", 2, "I-ORG"),
    ("Union", "Union", "PROPN", "NNP", "nsubj", 3, "I-ORG"),
    ("warned", "warn", "VERB", "VBD", "ROOT", 3, ""),
    (".", ".", "PUNCT", ".", "punct", 3, ""),
]


def test_a_body_has_its_function_and_its_name_is_no_role() -> None:
    nato = resolved(ALLIANCE, [0])
    assert (nato.country, nato.sector) == ("NATO", "MIL")
    union = resolved(UNION, [0, 1, 2])
    assert (union.country, union.sector) == ("EUR", None)  # "union" is no trade union here


ARMS = [  # Israeli helicopters struck .
    ("Israeli", "israeli", "ADJ", "JJ", "amod", 1, "B-NORP"),
    ("helicopters", "helicopter", "NOUN", "NNS", "nsubj", 2, ""),
    ("struck", "strike", "VERB", "VBD", "ROOT", 2, ""),
    (".", ".", "PUNCT", ".", "punct", 2, ""),
]


def test_a_nations_weapons_are_its_armed_forces() -> None:
    actor = resolved(ARMS, [0, 1])
    assert (actor.country, actor.sector) == ("ISR", "MIL")


LEADERS = [  # Leaders of the opposition marched .
    ("Leaders", "leader", "NOUN", "NNS", "nsubj", 4, ""),
    ("of", "of", "ADP", "IN", "prep", 0, ""),
    ("the", "the", "DET", "DT", "det", 3, ""),
    ("opposition", "opposition", "NOUN", "NN", "pobj", 1, ""),
    ("marched", "march", "VERB", "VBD", "ROOT", 4, ""),
    (".", ".", "PUNCT", ".", "punct", 4, ""),
]


def test_leaders_take_the_side_of_what_they_lead() -> None:
    assert resolved(LEADERS, [0, 1, 2, 3]).sector == "OPP"
    alone = [  # Leaders marched .
        ("Leaders", "leader", "NOUN", "NNS", "nsubj", 1, ""),
        ("marched", "march", "VERB", "VBD", "ROOT", 1, ""),
        (".", ".", "PUNCT", ".", "punct", 1, ""),
    ]
    assert resolved(alone, [0]).sector == "GOV"  # leaders of nothing named: the state's


def test_a_capital_attacked_is_its_people_a_capital_spoken_to_its_government() -> None:
    from crosswire.resolve.unsaid import city_as_people

    capital = ActorRef(name="Iraq", kind="country", country="IRQ", sector="GOV", text="Baghdad")
    named = ActorRef(name="Iraq", kind="country", country="IRQ", sector="GOV", text="Iraq")
    (shelled,) = city_as_people("ASSAULT", [capital])
    assert (shelled.country, shelled.sector) == ("IRQ", "CVL")
    assert shelled.actor_id == capital.with_id().actor_id  # the id follows country, not sector
    assert city_as_people("REQUEST", [capital]) == [capital]
    assert city_as_people("ASSAULT", [named]) == [named]


OCCUPIED = [  # Palestinians of the Israeli - occupied West Bank marched .
    ("Palestinians", "Palestinians", "PROPN", "NNPS", "nsubj", 8, "B-NORP"),
    ("of", "of", "ADP", "IN", "prep", 0, ""),
    ("the", "the", "DET", "DT", "det", 7, ""),
    ("Israeli", "Israeli", "PROPN", "NNP", "npadvmod", 5, "B-NORP"),
    ("-", "-", "PUNCT", "HYPH", "punct", 5, ""),
    ("occupied", "occupy", "VERB", "VBN", "amod", 7, ""),
    ("West", "West", "PROPN", "NNP", "compound", 7, "B-GPE"),
    ("Bank", "Bank", "PROPN", "NNP", "pobj", 1, "I-GPE"),
    ("marched", "march", "VERB", "VBD", "ROOT", 8, ""),
    (".", ".", "PUNCT", ".", "punct", 8, ""),
]
AGAINST = [  # an anti - Syria journalist died .
    ("an", "an", "DET", "DT", "det", 4, ""),
    ("anti", "anti", "ADJ", "JJ", "amod", 4, ""),
    ("-", "-", "PUNCT", "HYPH", "punct", 1, ""),
    ("Syria", "Syria", "PROPN", "NNP", "compound", 4, "B-GPE"),
    ("journalist", "journalist", "NOUN", "NN", "nsubj", 5, ""),
    ("died", "die", "VERB", "VBD", "ROOT", 5, ""),
    (".", ".", "PUNCT", ".", "punct", 5, ""),
]


def test_a_country_that_occupies_or_is_opposed_is_not_the_actors() -> None:
    people = resolved(OCCUPIED, list(range(8)))
    assert (people.name, people.country, people.sector) == ("Palestinians", "PSE", "CVL")
    journalist = resolved(AGAINST, [0, 1, 2, 3, 4])
    assert (journalist.kind, journalist.country, journalist.sector) == ("group", None, "JRN")


SPLIT_PEOPLE = [  # Bosnian Serbs marched . (the recogniser took the people for a person)
    ("Bosnian", "Bosnian", "PROPN", "NNP", "compound", 1, "B-PERSON"),
    ("Serbs", "Serbs", "PROPN", "NNPS", "nsubj", 2, "I-PERSON"),
    ("marched", "march", "VERB", "VBD", "ROOT", 2, ""),
    (".", ".", "PUNCT", ".", "punct", 2, ""),
]
CAMP = [  # a camp for refugees burned .
    ("a", "a", "DET", "DT", "det", 1, ""),
    ("camp", "camp", "NOUN", "NN", "nsubj", 4, ""),
    ("for", "for", "ADP", "IN", "prep", 1, ""),
    ("refugees", "refugee", "NOUN", "NNS", "pobj", 2, ""),
    ("burned", "burn", "VERB", "VBD", "ROOT", 4, ""),
    (".", ".", "PUNCT", ".", "punct", 4, ""),
]
PAIR = [  # Kenya and Uganda signed .
    ("Kenya", "Kenya", "PROPN", "NNP", "nsubj", 3, "B-GPE"),
    ("and", "and", "CCONJ", "CC", "cc", 0, ""),
    ("Uganda", "Uganda", "PROPN", "NNP", "conj", 0, "B-GPE"),
    ("signed", "sign", "VERB", "VBD", "ROOT", 3, ""),
    (".", ".", "PUNCT", ".", "punct", 3, ""),
]


def test_a_people_misread_as_a_person_is_of_its_modifiers_country() -> None:
    actor = resolved(SPLIT_PEOPLE, [0, 1])
    assert (actor.kind, actor.country, actor.sector) == ("group", "BIH", "CVL")


def test_a_facility_is_the_group_it_is_for() -> None:
    # only "a camp" was taken as the side: the refugees it is for are meant
    actor = resolved(CAMP, [0, 1])
    assert (actor.kind, actor.name, actor.sector) == ("group", "refugee", "REF")


def test_an_actors_text_leaves_out_its_coordinated_partners() -> None:
    actor = resolved(PAIR, [0, 1, 2])
    assert (actor.country, actor.text) == ("KEN", "Kenya")
