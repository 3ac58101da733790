"""Event frames and resolution on hand-built parses: no model, milliseconds."""

from __future__ import annotations

from datetime import date

import spacy
from spacy.tokens import Doc

from crosswire.events import find_frames
from crosswire.records import Article
from crosswire.resolve import build_mentions

VOCAB = spacy.blank("en").vocab

# token: (text, lemma, pos, tag, dep, head index, entity IOB-label or "")
Row = tuple[str, str, str, str, str, int, str]


def make_doc(rows: list[Row]) -> Doc:
    words = [r[0] for r in rows]
    spaces = [i + 1 < len(rows) and rows[i + 1][2] != "PUNCT" for i in range(len(rows))]
    return Doc(
        VOCAB,
        words=words,
        spaces=spaces,
        lemmas=[r[1] for r in rows],
        pos=[r[2] for r in rows],
        tags=[r[3] for r in rows],
        deps=[r[4] for r in rows],
        heads=[r[5] for r in rows],
        ents=[r[6] or "O" for r in rows],
        sent_starts=[i == 0 for i in range(len(rows))],
    )


ACTIVE = [  # Poland expelled three Russian diplomats on Wednesday.
    ("Poland", "Poland", "PROPN", "NNP", "nsubj", 1, "B-GPE"),
    ("expelled", "expel", "VERB", "VBD", "ROOT", 1, ""),
    ("three", "three", "NUM", "CD", "nummod", 4, "B-CARDINAL"),
    ("Russian", "russian", "ADJ", "JJ", "amod", 4, "B-NORP"),
    ("diplomats", "diplomat", "NOUN", "NNS", "dobj", 1, ""),
    ("on", "on", "ADP", "IN", "prep", 1, ""),
    ("Wednesday", "Wednesday", "PROPN", "NNP", "pobj", 5, "B-DATE"),
    (".", ".", "PUNCT", ".", "punct", 1, ""),
]
PASSIVE_NEGATED = [  # The talks were not held by Chile and Peru.
    ("The", "the", "DET", "DT", "det", 1, ""),
    ("talks", "talk", "NOUN", "NNS", "nsubjpass", 4, ""),
    ("were", "be", "AUX", "VBD", "auxpass", 4, ""),
    ("not", "not", "PART", "RB", "neg", 4, ""),
    ("held", "hold", "VERB", "VBN", "ROOT", 4, ""),
    ("by", "by", "ADP", "IN", "agent", 4, ""),
    ("Chile", "Chile", "PROPN", "NNP", "pobj", 5, "B-GPE"),
    ("and", "and", "CCONJ", "CC", "cc", 6, ""),
    ("Peru", "Peru", "PROPN", "NNP", "conj", 6, "B-GPE"),
    (".", ".", "PUNCT", ".", "punct", 4, ""),
]
FUTURE_VISIT = [  # Japan 's minister will visit Seoul tomorrow .
    ("Japan", "Japan", "PROPN", "NNP", "poss", 2, "B-GPE"),
    ("'s", "'s", "PART", "POS", "case", 0, ""),
    ("minister", "minister", "NOUN", "NN", "nsubj", 4, ""),
    ("will", "will", "AUX", "MD", "aux", 4, ""),
    ("visit", "visit", "VERB", "VB", "ROOT", 4, ""),
    ("Seoul", "Seoul", "PROPN", "NNP", "dobj", 4, "B-GPE"),
    ("tomorrow", "tomorrow", "NOUN", "NN", "npadvmod", 4, "B-DATE"),
    (".", ".", "PUNCT", ".", "punct", 4, ""),
]


def _mentions(rows: list[Row], published: date = date(2025, 8, 21)):  # type: ignore[no-untyped-def]
    doc = make_doc(rows)
    article = Article.create(doc.text, published=published, outlet="Test")
    return find_frames(doc), build_mentions(doc, find_frames(doc), article)


def test_active_sentence_with_target_and_date() -> None:
    frames, (mention,) = _mentions(ACTIVE)
    assert len(frames) == 1
    assert (mention.event, mention.mode, mention.cameo) == ("SANCTION", "expel", "166")
    assert [(a.name, a.country) for a in mention.actors] == [("Poland", "POL")]
    assert [(a.name, a.kind, a.country, a.sector) for a in mention.recipients] == [
        ("diplomats", "group", "RUS", "GOV")
    ]
    assert (mention.date, mention.date_text) == (date(2025, 8, 20), "Wednesday")
    assert mention.trigger == "expelled" and mention.modality == "asserted"


def test_negated_passive_with_coordinated_agents() -> None:
    _, mentions = _mentions(PASSIVE_NEGATED)
    (mention,) = mentions
    assert mention.event == "CONSULT" and mention.negated
    assert {a.country for a in (*mention.actors, *mention.recipients)} == {"CHL", "PER"}
    assert mention.date_rule == "inferred:publication"


def test_future_visit_becomes_intent_and_capital_resolves_to_country() -> None:
    _, (mention,) = _mentions(FUTURE_VISIT)
    assert (mention.event, mention.modality, mention.cameo) == ("AGREE", "intended", "036")
    (minister,) = mention.actors
    assert (minister.country, minister.sector, minister.role) == ("JPN", "GOV", "minister")
    assert [a.country for a in mention.recipients] == ["KOR"]
    assert mention.date == date(2025, 8, 22)
    assert mention.place is not None and mention.place.name == "Seoul"


def test_sentences_without_events() -> None:
    rows: list[Row] = [
        ("Rain", "rain", "NOUN", "NN", "nsubj", 1, ""),
        ("fell", "fall", "VERB", "VBD", "ROOT", 1, ""),
        ("in", "in", "ADP", "IN", "prep", 1, ""),
        ("Oslo", "Oslo", "PROPN", "NNP", "pobj", 2, "B-GPE"),
        (".", ".", "PUNCT", ".", "punct", 1, ""),
    ]
    frames, mentions = _mentions(rows)
    assert frames == [] and mentions == []


NUMBERED = [  # Two Somali gunmen shot three Kenyan police officers .
    ("Two", "two", "NUM", "CD", "nummod", 2, "B-CARDINAL"),
    ("Somali", "somali", "ADJ", "JJ", "amod", 2, "B-NORP"),
    ("gunmen", "gunman", "NOUN", "NNS", "nsubj", 3, ""),
    ("shot", "shoot", "VERB", "VBD", "ROOT", 3, ""),
    ("three", "three", "NUM", "CD", "nummod", 7, "B-CARDINAL"),
    ("Kenyan", "kenyan", "ADJ", "JJ", "amod", 7, "B-NORP"),
    ("police", "police", "NOUN", "NN", "compound", 7, ""),
    ("officers", "officer", "NOUN", "NNS", "dobj", 3, ""),
    (".", ".", "PUNCT", ".", "punct", 3, ""),
]


def test_numbered_people_are_new_actors_not_the_previous_parties() -> None:
    _, (mention,) = _mentions(NUMBERED)
    assert [(a.country, a.sector) for a in mention.actors] == [("SOM", "REB")]
    assert [(a.country, a.sector) for a in mention.recipients] == [("KEN", "COP")]


MISREAD = [  # Zambian farmers blocked a road near Lusaka .  ("Zambian" misread as a person)
    ("Zambian", "Zambian", "PROPN", "NNP", "amod", 1, "B-PERSON"),
    ("farmers", "farmer", "NOUN", "NNS", "nsubj", 2, ""),
    ("blocked", "block", "VERB", "VBD", "ROOT", 2, ""),
    ("a", "a", "DET", "DT", "det", 4, ""),
    ("road", "road", "NOUN", "NN", "dobj", 2, ""),
    ("near", "near", "ADP", "IN", "prep", 2, ""),
    ("Lusaka", "Lusaka", "PROPN", "NNP", "pobj", 5, "B-GPE"),
    (".", ".", "PUNCT", ".", "punct", 2, ""),
]


def test_a_nationality_misread_as_a_person_gives_the_country() -> None:
    from crosswire.resolve import DocActors, resolve_actor

    doc = make_doc(MISREAD)
    actor = resolve_actor(doc, [0, 1], DocActors())
    assert actor is not None
    assert (actor.kind, actor.country, actor.sector) == ("group", "ZMB", "AGR")


def test_plural_nationalities_and_old_names_are_countries() -> None:
    from crosswire.resolve.gazetteer import gazetteer

    gaz = gazetteer()
    assert gaz.country_at(["Iraqis"], 0) == ("IRQ", 1)
    assert gaz.country_at(["Croats"], 0) == ("HRV", 1)
    assert gaz.country_at(["PRC"], 0) == ("CHN", 1)
    assert gaz.country_at(["Kampuchean"], 0) == ("KHM", 1)
    assert gaz.country_at(["Upper", "Volta"], 0) == ("BFA", 2)
    assert gaz.country_at(["iraqis"], 0) is None  # lower case is no name


def test_a_state_named_by_its_official_name_is_that_country() -> None:
    from crosswire.resolve.gazetteer import gazetteer

    gaz = gazetteer()
    # as the tokenizer splits it: "People 's"
    dprk = ["Democratic", "People", "'s", "Republic", "of", "Korea", "said"]
    assert gaz.country_at(dprk, 0) == ("PRK", 6)
    assert gaz.country_at(["Republic", "of", "Korea"], 0) == ("KOR", 3)
    assert gaz.country_at(["the", "Syrian", "Arab", "Republic"], 1) == ("SYR", 3)
    assert gaz.country_at(["T&T"], 0) == ("TTO", 1)


OBLIGED = [  # Ghana said Togo must return the trucks .
    ("Ghana", "Ghana", "PROPN", "NNP", "nsubj", 1, "B-GPE"),
    ("said", "say", "VERB", "VBD", "ROOT", 1, ""),
    ("Togo", "Togo", "PROPN", "NNP", "nsubj", 4, "B-GPE"),
    ("must", "must", "AUX", "MD", "aux", 4, ""),
    ("return", "return", "VERB", "VB", "ccomp", 1, ""),
    ("the", "the", "DET", "DT", "det", 6, ""),
    ("trucks", "truck", "NOUN", "NNS", "dobj", 4, ""),
    (".", ".", "PUNCT", ".", "punct", 1, ""),
]


def test_a_reported_obligation_is_a_demand_on_the_obliged() -> None:
    _, mentions = _mentions(OBLIGED)
    demand = next(m for m in mentions if m.event == "REQUEST")
    assert demand.trigger == "said" and demand.modality == "asserted"
    assert [a.country for a in demand.actors] == ["GHA"]
    assert [a.country for a in demand.recipients] == ["TGO"]
    assert all(m.modality == "hypothetical" for m in mentions if m is not demand)


DEMANDED_THAT = [  # Chile demanded that Peru free the fishermen .
    ("Chile", "Chile", "PROPN", "NNP", "nsubj", 1, "B-GPE"),
    ("demanded", "demand", "VERB", "VBD", "ROOT", 1, ""),
    ("that", "that", "SCONJ", "IN", "mark", 4, ""),
    ("Peru", "Peru", "PROPN", "NNP", "nsubj", 4, "B-GPE"),
    ("free", "free", "VERB", "VB", "ccomp", 1, ""),
    ("the", "the", "DET", "DT", "det", 6, ""),
    ("fishermen", "fisherman", "NOUN", "NNS", "dobj", 4, ""),
    (".", ".", "PUNCT", ".", "punct", 1, ""),
]


def test_a_demand_is_made_of_the_subject_of_its_clause() -> None:
    _, mentions = _mentions(DEMANDED_THAT)
    demand = next(m for m in mentions if m.trigger == "demanded")
    assert demand.event == "REQUEST"
    assert [a.country for a in demand.recipients] == ["PER"]


HE_SAID = [  # Kenyan President Ruto said he met Museveni .
    ("Kenyan", "Kenyan", "ADJ", "JJ", "amod", 2, "B-NORP"),
    ("President", "President", "PROPN", "NNP", "compound", 2, ""),
    ("Ruto", "Ruto", "PROPN", "NNP", "nsubj", 3, "B-PERSON"),
    ("said", "say", "VERB", "VBD", "ROOT", 3, ""),
    ("he", "he", "PRON", "PRP", "nsubj", 5, ""),
    ("met", "meet", "VERB", "VBD", "ccomp", 3, ""),
    ("Museveni", "Museveni", "PROPN", "NNP", "dobj", 5, "B-PERSON"),
    (".", ".", "PUNCT", ".", "punct", 3, ""),
]


def test_he_is_the_person_named_before_it_in_the_sentence() -> None:
    from crosswire.resolve import DocActors, resolve_actor

    doc = make_doc(HE_SAID)
    actor = resolve_actor(doc, [4], DocActors())
    assert actor is not None
    assert (actor.kind, actor.name, actor.country) == ("person", "Ruto", "KEN")


ACCUSING = [  # Chad expelled two Sudanese envoys on Monday , accusing them of espionage .
    ("Chad", "Chad", "PROPN", "NNP", "nsubj", 1, "B-GPE"),
    ("expelled", "expel", "VERB", "VBD", "ROOT", 1, ""),
    ("two", "two", "NUM", "CD", "nummod", 4, "B-CARDINAL"),
    ("Sudanese", "sudanese", "ADJ", "JJ", "amod", 4, "B-NORP"),
    ("envoys", "envoy", "NOUN", "NNS", "dobj", 1, ""),
    ("on", "on", "ADP", "IN", "prep", 1, ""),
    ("Monday", "Monday", "PROPN", "NNP", "pobj", 5, "B-DATE"),
    (",", ",", "PUNCT", ",", "punct", 1, ""),
    ("accusing", "accuse", "VERB", "VBG", "advcl", 1, ""),
    ("them", "they", "PRON", "PRP", "dobj", 8, ""),
    ("of", "of", "ADP", "IN", "prep", 8, ""),
    ("espionage", "espionage", "NOUN", "NN", "pobj", 10, ""),
    (".", ".", "PUNCT", ".", "punct", 1, ""),
]


def test_a_participle_shares_the_date_of_the_verb_it_hangs_on() -> None:
    _, mentions = _mentions(ACCUSING)
    dated = {m.event: (m.date, m.date_text) for m in mentions}
    assert dated["SANCTION"] == (date(2025, 8, 18), "Monday")
    assert dated["ACCUSE"] == (date(2025, 8, 18), "Monday")


FOLLOWERS = [  # Hundreds of his supporters marched .
    ("Hundreds", "hundred", "NOUN", "NNS", "nsubj", 4, "B-CARDINAL"),
    ("of", "of", "ADP", "IN", "prep", 0, ""),
    ("his", "his", "PRON", "PRP$", "poss", 3, ""),
    ("supporters", "supporter", "NOUN", "NNS", "pobj", 1, ""),
    ("marched", "march", "VERB", "VBD", "ROOT", 4, ""),
    (".", ".", "PUNCT", ".", "punct", 4, ""),
]


def test_a_leaders_supporters_are_a_group_in_the_leaders_camp() -> None:
    from crosswire.records import ActorRef
    from crosswire.resolve import DocActors, resolve_actor

    memory = DocActors()
    memory.last_person = ActorRef("Ama Boateng", "person", "GHA", "OPP").with_id()
    actor = resolve_actor(make_doc(FOLLOWERS), [0, 1, 2, 3], memory)
    assert actor is not None
    assert (actor.kind, actor.country, actor.sector) == ("group", "GHA", "OPP")


MOVEMENT = [  # The armed FARC wing fired on troops .
    ("The", "the", "DET", "DT", "det", 3, ""),
    ("armed", "armed", "ADJ", "JJ", "amod", 3, ""),
    ("FARC", "FARC", "PROPN", "NNP", "compound", 3, "B-ORG"),
    ("wing", "wing", "NOUN", "NN", "nsubj", 4, ""),
    ("fired", "fire", "VERB", "VBD", "ROOT", 4, ""),
    ("on", "on", "ADP", "IN", "prep", 4, ""),
    ("troops", "troop", "NOUN", "NNS", "pobj", 5, ""),
    (".", ".", "PUNCT", ".", "punct", 4, ""),
]
MEMBERS = [  # Hezbollah fighters fired on troops .
    ("Hezbollah", "Hezbollah", "PROPN", "NNP", "compound", 1, "B-ORG"),
    ("fighters", "fighter", "NOUN", "NNS", "nsubj", 2, ""),
    ("fired", "fire", "VERB", "VBD", "ROOT", 2, ""),
    ("on", "on", "ADP", "IN", "prep", 2, ""),
    ("troops", "troop", "NOUN", "NNS", "pobj", 3, ""),
    (".", ".", "PUNCT", ".", "punct", 2, ""),
]


def test_known_movements_have_their_country_and_sector() -> None:
    from crosswire.resolve import DocActors, resolve_actor

    wing = resolve_actor(make_doc(MOVEMENT), [0, 1, 2, 3], DocActors())
    assert wing is not None
    assert (wing.kind, wing.name, wing.country, wing.sector) == (
        "organisation",
        "Revolutionary Armed Forces of Colombia",
        "COL",
        "REB",
    )
    fighters = resolve_actor(make_doc(MEMBERS), [0, 1], DocActors())
    assert fighters is not None
    assert (fighters.kind, fighters.country, fighters.sector) == ("group", "LBN", "REB")


ITS_DEMAND = [  # Oxfam Canada repeated its call for aid .
    ("Oxfam", "Oxfam", "PROPN", "NNP", "compound", 1, "B-ORG"),
    ("Canada", "Canada", "PROPN", "NNP", "nsubj", 2, "I-ORG"),
    ("repeated", "repeat", "VERB", "VBD", "ROOT", 2, ""),
    ("its", "its", "PRON", "PRP$", "poss", 4, ""),
    ("call", "call", "NOUN", "NN", "dobj", 2, ""),
    ("for", "for", "ADP", "IN", "prep", 4, ""),
    ("aid", "aid", "NOUN", "NN", "pobj", 5, ""),
    (".", ".", "PUNCT", ".", "punct", 2, ""),
]


def test_its_as_a_side_is_the_organisation_named_before() -> None:
    from crosswire.resolve import DocActors, resolve_actor

    actor = resolve_actor(make_doc(ITS_DEMAND), [3], DocActors())
    assert actor is not None and actor.name == "Oxfam Canada"


STRIKE = [  # Dockers struck in Mombasa .
    ("Dockers", "docker", "NOUN", "NNS", "nsubj", 1, ""),
    ("struck", "strike", "VERB", "VBD", "ROOT", 1, ""),
    ("in", "in", "ADP", "IN", "prep", 1, ""),
    ("Mombasa", "Mombasa", "PROPN", "NNP", "pobj", 2, "B-GPE"),
    (".", ".", "PUNCT", ".", "punct", 1, ""),
]
CURFEW = [  # Ghanaian police imposed a curfew .
    ("Ghanaian", "ghanaian", "ADJ", "JJ", "amod", 1, "B-NORP"),
    ("police", "police", "NOUN", "NNS", "nsubj", 2, ""),
    ("imposed", "impose", "VERB", "VBD", "ROOT", 2, ""),
    ("a", "a", "DET", "DT", "det", 4, ""),
    ("curfew", "curfew", "NOUN", "NN", "dobj", 2, ""),
    (".", ".", "PUNCT", ".", "punct", 2, ""),
]


def test_a_protest_or_curfew_with_no_one_named_is_aimed_at_the_state() -> None:
    from crosswire.events.frames import Frame
    from crosswire.events.lexicon import Trigger

    doc = make_doc(STRIKE)
    strike = Frame(1, Trigger("strike", False, "PROTEST", None, "143", frozenset()), [[0]], [])
    (mention,) = build_mentions(doc, [strike], None)
    assert [(a.kind, a.country) for a in mention.recipients] == [("country", "KEN")]
    doc = make_doc(CURFEW)
    curfew = Frame(4, Trigger("curfew", True, "COERCE", None, "172", frozenset()), [[0, 1]], [])
    (mention,) = build_mentions(doc, [curfew], None)
    assert [a.country for a in mention.actors] == ["GHA"]
    assert [(a.kind, a.country) for a in mention.recipients] == [("country", "GHA")]


ETHNIC = [  # Ethnic Hungarians in Slovakia rallied .
    ("ethnic", "ethnic", "ADJ", "JJ", "amod", 1, ""),
    ("Hungarians", "Hungarians", "PROPN", "NNPS", "nsubj", 4, "B-NORP"),
    ("in", "in", "ADP", "IN", "prep", 1, ""),
    ("Slovakia", "Slovakia", "PROPN", "NNP", "pobj", 2, "B-GPE"),
    ("rallied", "rally", "VERB", "VBD", "ROOT", 4, ""),
    (".", ".", "PUNCT", ".", "punct", 4, ""),
]


def test_an_ethnic_group_belongs_to_the_country_it_lives_in() -> None:
    from crosswire.resolve import DocActors, resolve_actor

    actor = resolve_actor(make_doc(ETHNIC), [0, 1, 2, 3], DocActors())
    assert actor is not None
    assert (actor.kind, actor.country, actor.sector) == ("group", "SVK", "CVL")


def _resolved(rows: list[Row], indices: list[int]):  # type: ignore[no-untyped-def]
    from crosswire.resolve import DocActors, resolve_actor

    actor = resolve_actor(make_doc(rows), indices, DocActors())
    assert actor is not None
    return actor


LOCATED = [  # Rebels in Mali seized a town .
    ("Rebels", "rebel", "NOUN", "NNS", "nsubj", 3, ""),
    ("in", "in", "ADP", "IN", "prep", 0, ""),
    ("Mali", "Mali", "PROPN", "NNP", "pobj", 1, "B-GPE"),
    ("seized", "seize", "VERB", "VBD", "ROOT", 3, ""),
    ("a", "a", "DET", "DT", "det", 5, ""),
    ("town", "town", "NOUN", "NN", "dobj", 3, ""),
    (".", ".", "PUNCT", ".", "punct", 3, ""),
]
BELONGING = [  # Jets hit positions of Yemeni rebels .
    ("Jets", "jet", "NOUN", "NNS", "nsubj", 1, ""),
    ("hit", "hit", "VERB", "VBD", "ROOT", 1, ""),
    ("positions", "position", "NOUN", "NNS", "dobj", 1, ""),
    ("of", "of", "ADP", "IN", "prep", 2, ""),
    ("Yemeni", "yemeni", "ADJ", "JJ", "amod", 5, "B-NORP"),
    ("rebels", "rebel", "NOUN", "NNS", "pobj", 3, ""),
    (".", ".", "PUNCT", ".", "punct", 1, ""),
]
OWNED = [  # Senator Okafor 's speech angered Lagos .
    ("Senator", "Senator", "PROPN", "NNP", "compound", 1, ""),
    ("Okafor", "Okafor", "PROPN", "NNP", "poss", 3, "B-PERSON"),
    ("'s", "'s", "PART", "POS", "case", 1, ""),
    ("speech", "speech", "NOUN", "NN", "nsubj", 4, ""),
    ("angered", "anger", "VERB", "VBD", "ROOT", 4, ""),
    ("Lagos", "Lagos", "PROPN", "NNP", "dobj", 4, "B-GPE"),
    (".", ".", "PUNCT", ".", "punct", 4, ""),
]


def test_a_groups_place_a_things_owner_and_those_it_belongs_to() -> None:
    rebels = _resolved(LOCATED, [0, 1, 2])
    assert (rebels.kind, rebels.country, rebels.sector) == ("group", "MLI", "REB")
    positions = _resolved(BELONGING, [2, 3, 4, 5])
    assert (positions.kind, positions.country, positions.sector) == ("group", "YEM", "REB")
    owner = _resolved(OWNED, [0, 1, 2, 3])
    assert (owner.kind, owner.name, owner.role) == ("person", "Okafor", "Senator")


JOINT = [  # Czech and Slovak envoys met .
    ("Czech", "czech", "ADJ", "JJ", "amod", 3, "B-NORP"),
    ("and", "and", "CCONJ", "CC", "cc", 0, ""),
    ("Slovak", "slovak", "ADJ", "JJ", "conj", 0, "B-NORP"),
    ("envoys", "envoy", "NOUN", "NNS", "nsubj", 4, ""),
    ("met", "meet", "VERB", "VBD", "ROOT", 4, ""),
    (".", ".", "PUNCT", ".", "punct", 4, ""),
]


def test_a_group_of_two_nations_is_two_actors() -> None:
    from crosswire.resolve.mentions import DocContext, _actors

    doc = make_doc(JOINT)
    found = _actors(DocContext(doc, None), [[0, 1, 2, 3]])
    assert [(a.name, a.country) for a in found] == [("envoy", "CZE"), ("envoy", "SVK")]


OFFICE = [  # President Mensah banned Ghanaian opposition parties .
    ("President", "President", "PROPN", "NNP", "compound", 1, ""),
    ("Mensah", "Mensah", "PROPN", "NNP", "nsubj", 2, "B-PERSON"),
    ("banned", "ban", "VERB", "VBD", "ROOT", 2, ""),
    ("Ghanaian", "ghanaian", "ADJ", "JJ", "amod", 5, "B-NORP"),
    ("opposition", "opposition", "NOUN", "NN", "compound", 5, ""),
    ("parties", "party", "NOUN", "NNS", "dobj", 2, ""),
    (".", ".", "PUNCT", ".", "punct", 2, ""),
]


def test_an_office_holder_in_a_report_about_one_country_holds_office_there() -> None:
    _, (mention,) = _mentions(OFFICE)
    assert [(a.name, a.country, a.sector) for a in mention.actors] == [("Mensah", "GHA", "GOV")]
    assert [a.country for a in mention.recipients] == ["GHA"]


READY = [  # Chad is willing to release the prisoners .
    ("Chad", "Chad", "PROPN", "NNP", "nsubj", 1, "B-GPE"),
    ("is", "be", "AUX", "VBZ", "ROOT", 1, ""),
    ("willing", "willing", "ADJ", "JJ", "acomp", 1, ""),
    ("to", "to", "PART", "TO", "aux", 4, ""),
    ("release", "release", "VERB", "VB", "xcomp", 2, ""),
    ("the", "the", "DET", "DT", "det", 6, ""),
    ("prisoners", "prisoner", "NOUN", "NNS", "dobj", 4, ""),
    (".", ".", "PUNCT", ".", "punct", 1, ""),
]
WOULD = [  # Mali said it would free the hostages .
    ("Mali", "Mali", "PROPN", "NNP", "nsubj", 1, "B-GPE"),
    ("said", "say", "VERB", "VBD", "ROOT", 1, ""),
    ("it", "it", "PRON", "PRP", "nsubj", 4, ""),
    ("would", "would", "AUX", "MD", "aux", 4, ""),
    ("free", "free", "VERB", "VB", "ccomp", 1, ""),
    ("the", "the", "DET", "DT", "det", 6, ""),
    ("hostages", "hostage", "NOUN", "NNS", "dobj", 4, ""),
    (".", ".", "PUNCT", ".", "punct", 1, ""),
]
COULD = [  # Mali would free the hostages .
    ("Mali", "Mali", "PROPN", "NNP", "nsubj", 2, "B-GPE"),
    ("would", "would", "AUX", "MD", "aux", 2, ""),
    ("free", "free", "VERB", "VB", "ROOT", 2, ""),
    ("the", "the", "DET", "DT", "det", 4, ""),
    ("hostages", "hostage", "NOUN", "NNS", "dobj", 2, ""),
    (".", ".", "PUNCT", ".", "punct", 2, ""),
]


def test_readiness_and_reported_would_are_intentions_a_bare_would_is_not() -> None:
    from crosswire.events.modality import read_trigger

    assert read_trigger(make_doc(READY)[4]).modality == "intended"
    assert read_trigger(make_doc(WOULD)[4]).modality == "intended"
    assert read_trigger(make_doc(COULD)[2]).modality == "hypothetical"
    _, (mention,) = _mentions(READY)  # an intended release is an offer to yield
    assert (mention.event, mention.modality) == ("AGREE", "intended")


THREAT = [  # Iran threatened to halt talks if Britain acts .
    ("Iran", "Iran", "PROPN", "NNP", "nsubj", 1, "B-GPE"),
    ("threatened", "threaten", "VERB", "VBD", "ROOT", 1, ""),
    ("to", "to", "PART", "TO", "aux", 3, ""),
    ("halt", "halt", "VERB", "VB", "xcomp", 1, ""),
    ("talks", "talk", "NOUN", "NNS", "dobj", 3, ""),
    ("if", "if", "SCONJ", "IN", "mark", 7, ""),
    ("Britain", "Britain", "PROPN", "NNP", "nsubj", 7, "B-GPE"),
    ("acts", "act", "VERB", "VBZ", "advcl", 3, ""),
    (".", ".", "PUNCT", ".", "punct", 1, ""),
]


def test_a_threat_is_aimed_at_the_actor_named_inside_it() -> None:
    from crosswire.events.frames import Frame
    from crosswire.events.lexicon import Trigger

    doc = make_doc(THREAT)
    threat = Frame(1, Trigger("threaten", False, "THREATEN", None, "130", frozenset()), [[0]], [])
    (mention,) = build_mentions(doc, [threat], None)
    assert [a.country for a in mention.actors] == ["IRN"]
    assert [a.country for a in mention.recipients] == ["GBR"]


SPOKEN_UNDER = [  # Iran threatened to halt talks , Ghana said .  (the parse hangs "said" low)
    ("Iran", "Iran", "PROPN", "NNP", "nsubj", 1, "B-GPE"),
    ("threatened", "threaten", "VERB", "VBD", "ROOT", 1, ""),
    ("to", "to", "PART", "TO", "aux", 3, ""),
    ("halt", "halt", "VERB", "VB", "xcomp", 1, ""),
    ("talks", "talk", "NOUN", "NNS", "dobj", 3, ""),
    (",", ",", "PUNCT", ",", "punct", 7, ""),
    ("Ghana", "Ghana", "PROPN", "NNP", "nsubj", 7, "B-GPE"),
    ("said", "say", "VERB", "VBD", "advcl", 3, ""),
    (".", ".", "PUNCT", ".", "punct", 1, ""),
]


def test_who_says_so_is_never_the_recipient_named_inside_an_act() -> None:
    from crosswire.events.frames import Frame
    from crosswire.events.lexicon import Trigger

    doc = make_doc(SPOKEN_UNDER)
    threat = Frame(1, Trigger("threaten", False, "THREATEN", None, "130", frozenset()), [[0]], [])
    assert build_mentions(doc, [threat], None) == []  # no recipient: Ghana only reports it


MISREAD_COUNTRY = [  # Costa Rica recalled its envoy .  (the country read as a person)
    ("Costa", "Costa", "PROPN", "NNP", "compound", 1, "B-PERSON"),
    ("Rica", "Rica", "PROPN", "NNP", "nsubj", 2, "I-PERSON"),
    ("recalled", "recall", "VERB", "VBD", "ROOT", 2, ""),
    ("its", "its", "PRON", "PRP$", "poss", 4, ""),
    ("envoy", "envoy", "NOUN", "NN", "dobj", 2, ""),
    (".", ".", "PUNCT", ".", "punct", 2, ""),
]
FOREIGN = [  # President Mensah warned Togo .
    ("President", "President", "PROPN", "NNP", "compound", 1, ""),
    ("Mensah", "Mensah", "PROPN", "NNP", "nsubj", 2, "B-PERSON"),
    ("warned", "warn", "VERB", "VBD", "ROOT", 2, ""),
    ("Togo", "Togo", "PROPN", "NNP", "dobj", 2, "B-GPE"),
    (".", ".", "PUNCT", ".", "punct", 2, ""),
]


def test_a_country_misread_as_a_person_and_a_leader_facing_another_country() -> None:
    country = _resolved(MISREAD_COUNTRY, [0, 1])
    assert (country.kind, country.country) == ("country", "CRI")
    _, (mention,) = _mentions(FOREIGN)  # the report names only Togo: Mensah is not its leader
    assert [(a.name, a.country) for a in mention.actors] == [("Mensah", None)]


FIRED = [  # Troops in Chad fired .
    ("Troops", "troop", "NOUN", "NNS", "nsubj", 3, ""),
    ("in", "in", "ADP", "IN", "prep", 0, ""),
    ("Chad", "Chad", "PROPN", "NNP", "pobj", 1, "B-GPE"),
    ("fired", "fire", "VERB", "VBD", "ROOT", 3, ""),
    (".", ".", "PUNCT", ".", "punct", 3, ""),
]


def test_the_place_of_the_source_is_never_its_recipient() -> None:
    from crosswire.events.frames import Frame
    from crosswire.events.lexicon import Trigger

    doc = make_doc(FIRED)
    fire = Frame(3, Trigger("fire", False, "ASSAULT", None, "190", frozenset()), [[0]], [])
    (mention,) = build_mentions(doc, [fire], None)
    assert [(a.sector, a.country) for a in mention.actors] == [("MIL", "TCD")]
    assert mention.recipients == ()


def test_mentions_below_the_confidence_floor_are_dropped() -> None:
    from crosswire.coding import Limits
    from crosswire.resolve.component import resolve_component

    kept = []
    for floor in (0.0, 0.99):
        doc = make_doc(ACTIVE)
        doc._.cw_frames = find_frames(doc)
        doc._.cw_limits = Limits(min_confidence=floor)
        doc._.cw_notes = []
        kept.append(len(resolve_component(doc)._.cw_mentions))
    assert kept == [1, 0]


STORM = [  # Rebels threatened to storm Bamako .
    ("Rebels", "rebel", "NOUN", "NNS", "nsubj", 1, ""),
    ("threatened", "threaten", "VERB", "VBD", "ROOT", 1, ""),
    ("to", "to", "PART", "TO", "aux", 3, ""),
    ("storm", "storm", "VERB", "VB", "xcomp", 1, ""),
    ("Bamako", "Bamako", "PROPN", "NNP", "dobj", 3, "B-GPE"),
    (".", ".", "PUNCT", ".", "punct", 1, ""),
]


def test_what_is_threatened_is_no_event_of_its_own() -> None:
    from crosswire.events.frames import Frame
    from crosswire.events.lexicon import Trigger

    doc = make_doc(STORM)
    threat = Frame(1, Trigger("threaten", False, "THREATEN", None, "130", frozenset()), [[0]])
    storm = Frame(3, Trigger("storm", False, "ASSAULT", None, "190", frozenset()), [[0]], [[4]])
    assert [m.event for m in build_mentions(doc, [threat, storm], None)] == ["THREATEN"]
    # with no one named as threatening, the act itself is reported
    nameless = Frame(1, Trigger("threaten", False, "THREATEN", None, "130", frozenset()), [])
    assert [m.trigger for m in build_mentions(doc, [nameless, storm], None)] == ["storm"]


OWNED_MOVEMENT = [  # Marulanda 's FARC network attacked .
    ("Marulanda", "Marulanda", "PROPN", "NNP", "poss", 3, "B-PERSON"),
    ("'s", "'s", "PART", "POS", "case", 0, ""),
    ("FARC", "FARC", "PROPN", "NNP", "compound", 3, "B-ORG"),
    ("network", "network", "NOUN", "NN", "nsubj", 4, ""),
    ("attacked", "attack", "VERB", "VBD", "ROOT", 4, ""),
    (".", ".", "PUNCT", ".", "punct", 4, ""),
]


def test_a_movement_said_to_be_someones_is_still_the_movement() -> None:
    actor = _resolved(OWNED_MOVEMENT, [0, 1, 2, 3])
    assert (actor.kind, actor.country, actor.sector) == ("organisation", "COL", "REB")


def _blocked(subject: tuple[str, str]) -> list[Row]:  # <subject> blocked the road .
    return [
        (subject[0], subject[1], "NOUN", "NNS", "nsubj", 1, ""),
        ("blocked", "block", "VERB", "VBD", "ROOT", 1, ""),
        ("the", "the", "DET", "DT", "det", 3, ""),
        ("road", "road", "NOUN", "NN", "dobj", 1, ""),
        ("near", "near", "ADP", "IN", "prep", 1, ""),
        ("Accra", "Accra", "PROPN", "NNP", "pobj", 4, "B-GPE"),
        (".", ".", "PUNCT", ".", "punct", 1, ""),
    ]


def test_blocking_by_the_governed_is_a_protest_by_police_coercion() -> None:
    from crosswire.events.frames import Frame
    from crosswire.events.lexicon import Trigger

    events = []
    for subject in (("Farmers", "farmer"), ("Police", "police")):
        doc = make_doc(_blocked(subject))
        read = Trigger("block", False, "COERCE", None, "170", frozenset())  # the typer's reading
        (mention,) = build_mentions(doc, [Frame(1, read, [[0]], [])], None)
        events.append(mention.event)
    assert events == ["PROTEST", "COERCE"]


MISHUNG = [  # Chile will visit Peru , Ansa reported .  (the parser hung Ansa on "visit")
    ("Chile", "Chile", "PROPN", "NNP", "nsubj", 2, "B-GPE"),
    ("will", "will", "AUX", "MD", "aux", 2, ""),
    ("visit", "visit", "VERB", "VB", "ccomp", 6, ""),
    ("Peru", "Peru", "PROPN", "NNP", "dobj", 2, "B-GPE"),
    (",", ",", "PUNCT", ",", "punct", 2, ""),
    ("Ansa", "Ansa", "PROPN", "NNP", "dobj", 2, "B-ORG"),
    ("reported", "report", "VERB", "VBD", "ROOT", 6, ""),
    (".", ".", "PUNCT", ".", "punct", 6, ""),
]


def test_the_speaker_of_a_subjectless_report_is_no_participant() -> None:
    from crosswire.events.frames import Frame
    from crosswire.events.lexicon import Trigger

    doc = make_doc(MISHUNG)
    visit = Frame(
        2, Trigger("visit", False, "CONSULT", "visit", "042", frozenset()), [[0]], [[3], [5]]
    )
    (mention,) = build_mentions(doc, [visit], None)
    assert [a.name for a in mention.recipients] == ["Peru"]


HOSTED = [  # Mali 's envoy Traore met Justice Minister Dembele .  (a report about Senegal)
    ("Mali", "Mali", "PROPN", "NNP", "poss", 2, "B-GPE"),
    ("'s", "'s", "PART", "POS", "case", 0, ""),
    ("envoy", "envoy", "NOUN", "NN", "compound", 3, ""),
    ("Traore", "Traore", "PROPN", "NNP", "nsubj", 4, "B-PERSON"),
    ("met", "meet", "VERB", "VBD", "ROOT", 4, ""),
    ("Justice", "Justice", "PROPN", "NNP", "compound", 7, ""),
    ("Minister", "Minister", "PROPN", "NNP", "compound", 7, ""),
    ("Dembele", "Dembele", "PROPN", "NNP", "dobj", 4, "B-PERSON"),
    (".", ".", "PUNCT", ".", "punct", 4, ""),
]


def test_an_office_holder_met_by_a_foreign_visitor_is_of_the_country_reported_on() -> None:
    from crosswire.resolve.mentions import DocContext, _fill_countries

    doc = make_doc(HOSTED)
    ctx = DocContext(doc, None)
    ctx.ranked = ["SEN", "MLI"]  # the rest of the report is about Senegal
    ctx.dominant = "SEN"
    visitor = _resolved(HOSTED, [0, 1, 2, 3])
    host = _resolved(HOSTED, [5, 6, 7])
    assert (visitor.country, host.country, host.sector) == ("MLI", None, "JUD")
    (met,) = _fill_countries([host], ctx, None, [visitor], meeting=True)
    assert met.country == "SEN"
    (other,) = _fill_countries([host], ctx, None, [visitor], meeting=False)
    assert other.country is None


HELD_AT = [  # A meeting took place on May 4 at the palace between Ruto and Museveni .
    ("A", "a", "DET", "DT", "det", 1, ""),
    ("meeting", "meeting", "NOUN", "NN", "nsubj", 2, ""),
    ("took", "take", "VERB", "VBD", "ROOT", 2, ""),
    ("place", "place", "NOUN", "NN", "dobj", 2, ""),
    ("on", "on", "ADP", "IN", "prep", 2, ""),
    ("May", "May", "PROPN", "NNP", "pobj", 4, "B-DATE"),
    ("4", "4", "NUM", "CD", "nummod", 5, "I-DATE"),
    ("at", "at", "ADP", "IN", "prep", 2, ""),
    ("the", "the", "DET", "DT", "det", 9, ""),
    ("palace", "palace", "NOUN", "NN", "pobj", 7, ""),
    ("between", "between", "ADP", "IN", "prep", 9, ""),  # misattached to the place
    ("Ruto", "Ruto", "PROPN", "NNP", "pobj", 10, "B-PERSON"),
    ("and", "and", "CCONJ", "CC", "cc", 11, ""),
    ("Museveni", "Museveni", "PROPN", "NNP", "conj", 11, "B-PERSON"),
    (".", ".", "PUNCT", ".", "punct", 2, ""),
]


def test_the_parties_of_an_event_that_took_place_somewhere_are_read_off_the_place() -> None:
    frames, (mention,) = _mentions(HELD_AT)
    (frame,) = frames
    assert (frame.spec.event, frame.sources, frame.targets) == ("CONSULT", [[11]], [[13]])
    assert (mention.date, mention.date_text) == (date(2025, 5, 4), "May 4")


POSTED = [  # The Chilean ambassador to Peru Soto left .
    ("The", "the", "DET", "DT", "det", 2, ""),
    ("Chilean", "chilean", "ADJ", "JJ", "amod", 2, "B-NORP"),
    ("ambassador", "ambassador", "NOUN", "NN", "nsubj", 6, ""),
    ("to", "to", "ADP", "IN", "prep", 2, ""),
    ("Peru", "Peru", "PROPN", "NNP", "pobj", 3, "B-GPE"),
    ("Soto", "Soto", "PROPN", "NNP", "appos", 2, "B-PERSON"),
    ("left", "leave", "VERB", "VBD", "ROOT", 6, ""),
    (".", ".", "PUNCT", ".", "punct", 6, ""),
]


def test_an_envoy_is_of_the_country_that_sends_them_not_the_one_they_are_sent_to() -> None:
    envoy = _resolved(POSTED, [0, 1, 2, 3, 4, 5])
    assert envoy.country == "CHL"


def test_an_office_holder_a_visitor_meets_is_of_the_other_country_the_report_names() -> None:
    from crosswire.resolve.mentions import DocContext, _fill_countries

    doc = make_doc(HOSTED)
    ctx = DocContext(doc, None)
    visitor = _resolved(HOSTED, [0, 1, 2, 3])
    host = _resolved(HOSTED, [5, 6, 7])
    ctx.ranked = ["MLI", "SEN"]  # the visitor's country is named most: the host is the next
    (met,) = _fill_countries([host], ctx, None, [visitor], meeting=True)
    assert met.country == "SEN"
    ctx.ranked = ["MLI"]  # no other country named: a meeting at home
    (alone,) = _fill_countries([host], ctx, None, [visitor], meeting=True)
    assert alone.country == "MLI"


PLANNED = [  # Chile signed a 2024 plan on Monday in the 2010 summit .
    ("Chile", "Chile", "PROPN", "NNP", "nsubj", 1, "B-GPE"),
    ("signed", "sign", "VERB", "VBD", "ROOT", 1, ""),
    ("a", "a", "DET", "DT", "det", 4, ""),
    ("2024", "2024", "NUM", "CD", "nummod", 4, "B-DATE"),
    ("plan", "plan", "NOUN", "NN", "dobj", 1, ""),
    ("on", "on", "ADP", "IN", "prep", 1, ""),
    ("Monday", "Monday", "PROPN", "NNP", "pobj", 5, "B-DATE"),
    ("in", "in", "ADP", "IN", "prep", 1, ""),
    ("the", "the", "DET", "DT", "det", 10, ""),
    ("2010", "2010", "NUM", "CD", "nummod", 10, "B-DATE"),
    ("summit", "summit", "NOUN", "NN", "pobj", 7, ""),
    (".", ".", "PUNCT", ".", "punct", 1, ""),
]


def test_a_time_inside_a_phrase_about_another_thing_does_not_date_the_event() -> None:
    from crosswire.resolve.eventdates import _describes_a_thing

    doc = make_doc(PLANNED)
    assert _describes_a_thing(doc[3], doc[1])  # "a 2024 plan": the plan's years
    assert not _describes_a_thing(doc[6], doc[1])  # "on Monday": the signing's day
    assert not _describes_a_thing(doc[9], doc[10])  # "the 2010 summit", the summit the event
    _, (mention,) = _mentions(PLANNED_WITH)
    assert (mention.date, mention.date_text) == (date(2025, 8, 18), "Monday")


PLANNED_WITH = [  # Chile signed a 2024 plan with Peru on Monday .
    ("Chile", "Chile", "PROPN", "NNP", "nsubj", 1, "B-GPE"),
    ("signed", "sign", "VERB", "VBD", "ROOT", 1, ""),
    ("a", "a", "DET", "DT", "det", 4, ""),
    ("2024", "2024", "NUM", "CD", "nummod", 4, "B-DATE"),
    ("plan", "plan", "NOUN", "NN", "dobj", 1, ""),
    ("with", "with", "ADP", "IN", "prep", 1, ""),
    ("Peru", "Peru", "PROPN", "NNP", "pobj", 5, "B-GPE"),
    ("on", "on", "ADP", "IN", "prep", 1, ""),
    ("Monday", "Monday", "PROPN", "NNP", "pobj", 7, "B-DATE"),
    (".", ".", "PUNCT", ".", "punct", 1, ""),
]


SPLIT_PEOPLE = [  # Guards beat scores of Sierra Leonean .  ("Sierra" read as a body)
    ("Guards", "guard", "NOUN", "NNS", "nsubj", 1, ""),
    ("beat", "beat", "VERB", "VBD", "ROOT", 1, ""),
    ("scores", "score", "NOUN", "NNS", "dobj", 1, ""),
    ("of", "of", "ADP", "IN", "prep", 2, ""),
    ("Sierra", "Sierra", "PROPN", "NNP", "compound", 5, "B-ORG"),
    ("Leonean", "Leonean", "PROPN", "NNP", "pobj", 3, ""),
    (".", ".", "PUNCT", ".", "punct", 1, ""),
]
JOINED = [  # They warned the United States and Israel , a weekly said .
    ("They", "they", "PRON", "PRP", "nsubj", 1, ""),
    ("warned", "warn", "VERB", "VBD", "ROOT", 1, ""),
    ("the", "the", "DET", "DT", "det", 4, "B-GPE"),
    ("United", "United", "PROPN", "NNP", "compound", 4, "I-GPE"),
    ("States", "States", "PROPN", "NNP", "dobj", 1, "I-GPE"),
    ("and", "and", "CCONJ", "CC", "cc", 4, ""),
    ("Israel", "Israel", "PROPN", "NNP", "conj", 4, "B-GPE"),
    (",", ",", "PUNCT", ",", "punct", 4, ""),
    ("a", "a", "DET", "DT", "det", 9, ""),
    ("weekly", "weekly", "NOUN", "NN", "appos", 4, ""),
    ("said", "say", "VERB", "VBD", "parataxis", 1, ""),
    (".", ".", "PUNCT", ".", "punct", 1, ""),
]


def test_a_nation_named_for_its_people_is_that_people_even_when_the_parse_splits_it() -> None:
    people = _resolved(SPLIT_PEOPLE, [2, 3, 4, 5])
    assert (people.name, people.kind, people.country, people.sector) == (
        "Sierra Leonean",
        "group",
        "SLE",
        "CVL",
    )


def test_an_actors_text_ends_where_what_is_coordinated_with_it_begins() -> None:
    first = _resolved(JOINED, [2, 3, 4, 5, 6, 7, 8, 9])
    assert (first.country, first.text) == ("USA", "the United States")


REPORTED_VISIT = [  # On Monday media reported Chile 's visit to Peru .
    ("On", "on", "ADP", "IN", "prep", 3, ""),
    ("Monday", "Monday", "PROPN", "NNP", "pobj", 0, "B-DATE"),
    ("media", "medium", "NOUN", "NNS", "nsubj", 3, ""),
    ("reported", "report", "VERB", "VBD", "ROOT", 3, ""),
    ("Chile", "Chile", "PROPN", "NNP", "poss", 6, "B-GPE"),
    ("'s", "'s", "PART", "POS", "case", 4, ""),
    ("visit", "visit", "NOUN", "NN", "dobj", 3, ""),
    ("to", "to", "ADP", "IN", "prep", 6, ""),
    ("Peru", "Peru", "PROPN", "NNP", "pobj", 7, "B-GPE"),
    (".", ".", "PUNCT", ".", "punct", 3, ""),
]


def test_the_day_a_visit_was_reported_is_not_the_day_of_the_visit() -> None:
    _, mentions = _mentions(REPORTED_VISIT)
    visit = next(m for m in mentions if m.trigger == "visit")
    assert visit.date_text is None and (visit.date_rule or "").startswith("inferred")


def test_a_support_verb_names_the_act_its_object_names() -> None:
    from crosswire.events.lexicon import act_word

    assert act_word("host", [("reception", "NOUN")]) == "reception"
    assert act_word("hold", [("talk", "NOUN")]) == "talk"  # a trigger noun of the lexicon
    assert act_word("host", [("minister", "NOUN")]) == "host"  # hosted a person: a hosting
    assert act_word("Met", []) == "met"


FAILED = [  # Police failed to arrest the suspect .
    ("Police", "police", "NOUN", "NNS", "nsubj", 1, ""),
    ("failed", "fail", "VERB", "VBD", "ROOT", 1, ""),
    ("to", "to", "PART", "TO", "aux", 3, ""),
    ("arrest", "arrest", "VERB", "VB", "xcomp", 1, ""),
    ("the", "the", "DET", "DT", "det", 5, ""),
    ("suspect", "suspect", "NOUN", "NN", "dobj", 3, ""),
    (".", ".", "PUNCT", ".", "punct", 1, ""),
]


def test_an_act_that_failed_or_was_refused_did_not_happen() -> None:
    from crosswire.events.modality import read_trigger

    assert read_trigger(make_doc(FAILED)[3]).negated  # no arrest
    managed = [(w, "manage" if w == "failed" else lem, *rest) for w, lem, *rest in FAILED]
    assert not read_trigger(make_doc(managed)[3]).negated  # "managed to arrest": an arrest


def test_declining_to_comment_is_no_act_being_asked_makes_no_asker() -> None:
    from crosswire.events.frames import find_frames

    declined = [  # The ministry declined to comment .
        ("The", "the", "DET", "DT", "det", 1, ""),
        ("ministry", "ministry", "NOUN", "NN", "nsubj", 2, ""),
        ("declined", "decline", "VERB", "VBD", "ROOT", 2, ""),
        ("to", "to", "PART", "TO", "aux", 4, ""),
        ("comment", "comment", "VERB", "VB", "xcomp", 2, ""),
        (".", ".", "PUNCT", ".", "punct", 2, ""),
    ]
    assert [f for f in find_frames(make_doc(declined)) if f.trigger == 2] == []
    attend = [(w, "attend" if w == "comment" else lem, *rest) for w, lem, *rest in declined]
    assert [f.trigger for f in find_frames(make_doc(attend))] == [2]  # declining to attend
    asked = [  # When asked about the raid , the minister accused Chile .
        ("When", "when", "SCONJ", "WRB", "advmod", 1, ""),
        ("asked", "ask", "VERB", "VBN", "advcl", 8, ""),
        ("about", "about", "ADP", "IN", "prep", 1, ""),
        ("the", "the", "DET", "DT", "det", 4, ""),
        ("raid", "raid", "NOUN", "NN", "pobj", 2, ""),
        (",", ",", "PUNCT", ",", "punct", 8, ""),
        ("the", "the", "DET", "DT", "det", 7, ""),
        ("minister", "minister", "NOUN", "NN", "nsubj", 8, ""),
        ("accused", "accuse", "VERB", "VBD", "ROOT", 8, ""),
        ("Chile", "Chile", "PROPN", "NNP", "dobj", 8, "B-GPE"),
        (".", ".", "PUNCT", ".", "punct", 8, ""),
    ]
    frames = {f.trigger: (f.sources, f.targets) for f in find_frames(make_doc(asked))}
    assert frames[8] == ([[6, 7]], [[9]])
    assert frames[1] == ([], [[6, 7]])  # the minister was asked, and asked no one


def test_exchanged_fire_is_one_clash_between_both_a_fire_alone_is_a_blaze() -> None:
    from crosswire.events.frames import find_frames

    exchanged = [  # India and Pakistan exchanged fire on Wednesday .
        ("India", "India", "PROPN", "NNP", "nsubj", 3, "B-GPE"),
        ("and", "and", "CCONJ", "CC", "cc", 0, ""),
        ("Pakistan", "Pakistan", "PROPN", "NNP", "conj", 0, "B-GPE"),
        ("exchanged", "exchange", "VERB", "VBD", "ROOT", 3, ""),
        ("fire", "fire", "NOUN", "NN", "dobj", 3, ""),
        ("on", "on", "ADP", "IN", "prep", 3, ""),
        ("Wednesday", "Wednesday", "PROPN", "NNP", "pobj", 5, "B-DATE"),
        (".", ".", "PUNCT", ".", "punct", 3, ""),
    ]
    (clash,) = find_frames(make_doc(exchanged))
    assert (clash.trigger, clash.spec.event) == (4, "ASSAULT")
    assert (clash.sources, clash.targets) == ([[0]], [[2]])  # not "Wednesday"
    blaze = [  # A fire destroyed homes .
        ("A", "a", "DET", "DT", "det", 1, ""),
        ("fire", "fire", "NOUN", "NN", "nsubj", 2, ""),
        ("destroyed", "destroy", "VERB", "VBD", "ROOT", 2, ""),
        ("homes", "home", "NOUN", "NNS", "dobj", 2, ""),
        (".", ".", "PUNCT", ".", "punct", 2, ""),
    ]
    assert 1 not in {f.trigger for f in find_frames(make_doc(blaze))}


def test_foreign_journalists_are_not_of_the_country_they_are_held_in() -> None:
    held = [  # Police detained foreign journalists in Kabul .
        ("Police", "police", "NOUN", "NNS", "nsubj", 1, ""),
        ("detained", "detain", "VERB", "VBD", "ROOT", 1, ""),
        ("foreign", "foreign", "ADJ", "JJ", "amod", 3, ""),
        ("journalists", "journalist", "NOUN", "NNS", "dobj", 1, ""),
        ("in", "in", "ADP", "IN", "prep", 1, ""),
        ("Kabul", "Kabul", "PROPN", "NNP", "pobj", 4, "B-GPE"),
        (".", ".", "PUNCT", ".", "punct", 1, ""),
    ]
    _, (mention,) = _mentions(held)
    assert [(a.name, a.country) for a in mention.actors] == [("police", "AFG")]
    assert [(a.name, a.country) for a in mention.recipients] == [("journalists", None)]
    local = [row for row in held if row[0] != "foreign"]
    local = [
        (w, lem, pos, tag, dep, head - (head > 2), ent)
        for w, lem, pos, tag, dep, head, ent in local
    ]
    _, (mention,) = _mentions(local)
    assert [(a.name, a.country) for a in mention.recipients] == [("journalists", "AFG")]
    office = [  # Police detained foreign ministry officials in Kabul .
        *held[:3],
        ("ministry", "ministry", "NOUN", "NN", "compound", 4, ""),
        ("officials", "official", "NOUN", "NNS", "dobj", 1, ""),
        ("in", "in", "ADP", "IN", "prep", 1, ""),
        ("Kabul", "Kabul", "PROPN", "NNP", "pobj", 5, "B-GPE"),
        (".", ".", "PUNCT", ".", "punct", 1, ""),
    ]
    office[2] = ("foreign", "foreign", "ADJ", "JJ", "amod", 3, "")
    _, (mention,) = _mentions(office)
    assert [a.country for a in mention.recipients] == ["AFG"]  # an office, not strangers


def test_the_force_mobilised_is_the_sources_own_the_target_is_whom_it_is_against() -> None:
    from crosswire.events.frames import find_frames

    rows = [  # Britain mobilized reservists against Iraq .
        ("Britain", "Britain", "PROPN", "NNP", "nsubj", 1, "B-GPE"),
        ("mobilized", "mobilize", "VERB", "VBD", "ROOT", 1, ""),
        ("reservists", "reservist", "NOUN", "NNS", "dobj", 1, ""),
        ("against", "against", "ADP", "IN", "prep", 1, ""),
        ("Iraq", "Iraq", "PROPN", "NNP", "pobj", 3, "B-GPE"),
        (".", ".", "PUNCT", ".", "punct", 1, ""),
    ]
    (frame,) = find_frames(make_doc(rows))
    assert (frame.spec.event, frame.sources, frame.targets) == ("MOBILIZE", [[0]], [[4]])


def test_ending_a_fight_is_no_fight_halting_aid_is_a_sanction() -> None:
    from crosswire.events.frames import find_frames

    ending = [  # Envoys backed a plan to end the fighting .
        ("Envoys", "envoy", "NOUN", "NNS", "nsubj", 1, ""),
        ("backed", "back", "VERB", "VBD", "ROOT", 1, ""),
        ("plan", "plan", "NOUN", "NN", "dobj", 1, ""),
        ("to", "to", "PART", "TO", "aux", 4, ""),
        ("end", "end", "VERB", "VB", "acl", 2, ""),
        ("the", "the", "DET", "DT", "det", 6, ""),
        ("fighting", "fighting", "NOUN", "NN", "dobj", 4, ""),
        (".", ".", "PUNCT", ".", "punct", 1, ""),
    ]
    assert [f for f in find_frames(make_doc(ending)) if f.spec.event == "ASSAULT"] == []
    halted = [  # Norway halted aid to Chad .
        ("Norway", "Norway", "PROPN", "NNP", "nsubj", 1, "B-GPE"),
        ("halted", "halt", "VERB", "VBD", "ROOT", 1, ""),
        ("aid", "aid", "NOUN", "NN", "dobj", 1, ""),
        ("to", "to", "ADP", "IN", "prep", 1, ""),
        ("Chad", "Chad", "PROPN", "NNP", "pobj", 3, "B-GPE"),
        (".", ".", "PUNCT", ".", "punct", 1, ""),
    ]
    frames = {f.trigger: f.spec.event for f in find_frames(make_doc(halted))}
    assert frames.get(1) == "SANCTION"


def test_the_dead_of_an_attack_are_where_the_attack_was() -> None:
    from crosswire.events.frames import Frame
    from crosswire.events.lexicon import Trigger

    rows = [  # Rebels shelled Lisbon , killing twenty people , officials in Madrid said .
        ("Rebels", "rebel", "NOUN", "NNS", "nsubj", 1, ""),
        ("shelled", "shell", "VERB", "VBD", "ccomp", 11, ""),
        ("Lisbon", "Lisbon", "PROPN", "NNP", "dobj", 1, "B-GPE"),
        (",", ",", "PUNCT", ",", "punct", 1, ""),
        ("killing", "kill", "VERB", "VBG", "advcl", 1, ""),
        ("twenty", "twenty", "NUM", "CD", "nummod", 6, "B-CARDINAL"),
        ("people", "people", "NOUN", "NNS", "dobj", 4, ""),
        (",", ",", "PUNCT", ",", "punct", 11, ""),
        ("officials", "official", "NOUN", "NNS", "nsubj", 11, ""),
        ("in", "in", "ADP", "IN", "prep", 8, ""),
        ("Madrid", "Madrid", "PROPN", "NNP", "pobj", 9, "B-GPE"),
        ("said", "say", "VERB", "VBD", "ROOT", 11, ""),
        (".", ".", "PUNCT", ".", "punct", 11, ""),
    ]
    doc = make_doc(rows)

    def attack(trigger: int, lemma: str, target: list[int]) -> Frame:
        return Frame(
            trigger, Trigger(lemma, False, "ASSAULT", None, "190", frozenset()), [[0]], [target]
        )

    mentions = build_mentions(doc, [attack(1, "shell", [2]), attack(4, "kill", [5, 6])], None)
    assert {m.place.name for m in mentions if m.place} == {"Lisbon"}
    dead = [a for m in mentions for a in m.recipients if a.kind == "group"]
    assert dead and {a.country for a in dead} == {"PRT"}  # not Spain, where the speakers are
