"""In-document person memory: names that absorb shorter names leave no stale index entries."""

import pytest

from crosswire.records import ActorRef
from crosswire.resolve import DocActors
from tests.builders import coded_by_trigger


def person(name: str, role: str | None = None, country: str | None = None) -> ActorRef:
    return ActorRef(name=name, kind="person", role=role, country=country)


def test_absorbed_name_leaves_no_dangling_surname() -> None:
    memory = DocActors()
    for name in ["Cruz Maria Ortiz", "Chela", "Cruz De", "Cruz"]:
        memory.remember(person(name))
        for word in name.split():
            memory.full_person(word)
    assert set(memory.people) == {"cruz maria ortiz", "chela"}
    assert memory.full_person("Ortiz") == person("Cruz Maria Ortiz")
    assert memory.full_person("De") is None
    for names in memory.surnames.values():
        assert names <= set(memory.people)


def test_longer_name_takes_over_shorter_one_with_its_title() -> None:
    memory = DocActors()
    memory.remember(person("Krasnov", role="Prosecutor General", country="RUS"))
    memory.remember(person("Igor Krasnov"))
    assert set(memory.people) == {"igor krasnov"}
    found = memory.full_person("Krasnov")
    assert found is not None and found.country == "RUS" and found.role == "Prosecutor General"
    assert memory.by_title("RUS", "prosecutor general") == found
    assert set(memory.surnames) == {"igor", "krasnov"}


def test_office_holders_of_no_known_state_name_no_one() -> None:
    from crosswire.resolve.mentions import _names_no_one

    def group(name: str, country: str | None, sector: str) -> ActorRef:
        return ActorRef(name, "group", country, sector, text=name).with_id()

    assert _names_no_one(group("prosecutor", None, "JUD"))
    assert _names_no_one(group("official", None, "GOV"))
    assert not _names_no_one(group("prosecutor", "RUS", "JUD"))  # Russia's prosecutors
    assert not _names_no_one(group("protester", None, "CVL"))  # people, whoever they are
    assert not _names_no_one(group("soldier", None, "MIL"))  # armed men act, named or not


@pytest.mark.slow
def test_an_object_pronoun_takes_the_group_told_before_not_its_subject_or_a_place() -> None:

    text = (
        "The Peruvian delegation, led by Luis Ortega, arrived in Santiago on Monday. "
        "Interior Minister Omar Haddad of Chile greeted them at the airport."
    )
    greeted = coded_by_trigger(text)["greeted"]
    assert [(a.name, a.country) for a in greeted.actors] == [("Omar Haddad", "CHL")]
    # not Chile (the greeter's own country) nor Santiago (where they arrived)
    assert [(a.name, a.country) for a in greeted.recipients] == [("Luis Ortega", "PER")]


@pytest.mark.slow
def test_a_title_cut_from_its_holder_by_the_parse_finds_the_name() -> None:
    import crosswire

    text = (
        "Interior Minister Omar Haddad and French Ambassador to Morocco Christophe Lecourtier "
        "welcomed the delegation in Rabat on Monday."
    )
    (event,) = crosswire.code(text)
    found = {(a.name, a.country, a.role) for a in event.actors}
    assert ("Christophe Lecourtier", "FRA", "Ambassador") in found


JOINT_OFFICES = [  # an accord between the Chilean and Peruvian Prosecutor's Offices
    ("accord", "accord", "NOUN", "NN", "ROOT", 0, ""),
    ("between", "between", "ADP", "IN", "prep", 0, ""),
    ("the", "the", "DET", "DT", "det", 8, ""),
    ("Chilean", "chilean", "ADJ", "JJ", "amod", 6, "B-NORP"),
    ("and", "and", "CCONJ", "CC", "cc", 3, ""),
    ("Peruvian", "peruvian", "ADJ", "JJ", "conj", 3, "B-NORP"),
    ("Prosecutor", "Prosecutor", "PROPN", "NNP", "poss", 8, ""),
    ("'s", "'s", "PART", "POS", "case", 6, ""),
    ("Offices", "Offices", "PROPN", "NNPS", "pobj", 1, ""),
]


def test_two_nations_sharing_one_plural_office_are_two_actors() -> None:
    from crosswire.resolve.mentions import DocContext, _actors
    from tests.test_frames import make_doc

    doc = make_doc(JOINT_OFFICES)
    found = _actors(DocContext(doc, None), [[2, 3, 6, 7, 8]])
    assert [(a.country, a.kind) for a in found] == [("CHL", "group"), ("PER", "group")]
    assert found[0].name == found[1].name != "offices"  # the office keeps what qualifies it


BETWEEN_ONE_PLURAL = [  # an accord between prosecutors' offices
    ("accord", "accord", "NOUN", "NN", "ROOT", 0, ""),
    ("between", "between", "ADP", "IN", "prep", 0, ""),
    ("prosecutors", "prosecutor", "NOUN", "NNS", "poss", 4, ""),
    ("'", "'", "PART", "POS", "case", 2, ""),
    ("offices", "office", "NOUN", "NNS", "pobj", 1, ""),
]


def test_one_plural_holding_both_sides_of_a_between_is_no_actor() -> None:
    from crosswire.resolve.mentions import DocContext, _actors
    from tests.test_frames import make_doc

    doc = make_doc(BETWEEN_ONE_PLURAL)
    assert _actors(DocContext(doc, None), [[2, 3]]) == []
    assert _actors(DocContext(doc, None), [[2, 3, 4]]) == []
    # the same words as the object of "with" are one party: prosecutors
    with_rows = [BETWEEN_ONE_PLURAL[0], ("with", "with", "ADP", "IN", "prep", 0, "")]
    with_doc = make_doc(with_rows + BETWEEN_ONE_PLURAL[2:])
    assert [a.name for a in _actors(DocContext(with_doc, None), [[2, 3]])] == ["prosecutor"]


@pytest.mark.slow
def test_they_after_a_meeting_are_the_two_sides_that_met() -> None:

    text = (
        "In May, Chilean Foreign Minister Rosa Vidal visited Lima and met Peruvian Foreign "
        "Minister Luis Ortega. They agreed to expand fishing patrols."
    )
    agreed = coded_by_trigger(text)["agreed"]
    assert [a.name for a in agreed.actors] == ["Rosa Vidal"]  # not "Chile" for the adjective
    assert "Luis Ortega" in [a.name for a in agreed.recipients]


@pytest.mark.slow
def test_a_host_met_on_a_visit_is_of_the_country_visited() -> None:
    import crosswire

    text = (
        "Bolivia and Chile have quarrelled over water for years. Bolivia says Chile owes Bolivia "
        "access to the sea, and Bolivia wants talks. In May, Chilean Foreign Minister Rosa "
        "Vidal visited Peru and met Vice Minister Mateo Quispe."
    )
    (visit,) = crosswire.code(text, published="2024-07-23")
    # not Bolivia, the country the report names most, nor a town called May
    assert {(a.name, a.country) for a in visit.recipients} == {
        ("Mateo Quispe", "PER"),
        ("Peru", "PER"),
    }


ALSO_MET = [  # Krasnov also met Choe .
    ("Krasnov", "Krasnov", "PROPN", "NNP", "nsubj", 2, "B-PERSON"),
    ("also", "also", "ADV", "RB", "advmod", 2, ""),
    ("met", "meet", "VERB", "VBD", "ROOT", 2, ""),
    ("Choe", "Choe", "PROPN", "NNP", "dobj", 2, "B-PERSON"),
    (".", ".", "PUNCT", ".", "punct", 2, ""),
]


def test_an_act_told_with_also_is_one_more_of_its_kind() -> None:
    from crosswire.resolve.discourse import one_more
    from tests.test_frames import make_doc

    assert one_more(make_doc(ALSO_MET)[2])
    plain = make_doc(  # Krasnov met Choe .
        [
            ("Krasnov", "Krasnov", "PROPN", "NNP", "nsubj", 1, "B-PERSON"),
            ("met", "meet", "VERB", "VBD", "ROOT", 1, ""),
            ("Choe", "Choe", "PROPN", "NNP", "dobj", 1, "B-PERSON"),
            (".", ".", "PUNCT", ".", "punct", 1, ""),
        ]
    )
    assert not one_more(plain[1])


@pytest.mark.slow
def test_a_count_of_people_of_two_nations_is_both_groups() -> None:

    arrested = coded_by_trigger("Police arrested dozens of Hungarian and Romanian students.")[
        "arrested"
    ]
    assert {a.country for a in arrested.recipients} == {"HUN", "ROU"}
