"""Linking mentions into events: one event per real event, counts, discrepancies, order."""

from __future__ import annotations

import random
from datetime import date

from crosswire.link import link
from crosswire.records import Mention, Place
from tests.builders import actor, info, mention

NOR, VNM = actor("Norway", "NOR"), actor("Vietnam", "VNM")
POL, RUS = actor("Poland", "POL"), actor("Russia", "RUS")
DAHL = actor("Ingrid Dahl", "NOR", "person", "GOV", "Foreign Minister")
HANOI = Place("Hanoi", "VNM", 21.0, 105.8, "city")


def test_reports_of_one_event_become_one_event_with_counts() -> None:
    mentions = [
        mention("a1", actors=(NOR,), recipients=(VNM,)),
        mention("a1", actors=(DAHL,), recipients=(VNM,), start=50),
        mention("a2", actors=(VNM,), recipients=(NOR,)),  # "Vietnam hosted Norway's minister"
        mention("a3", actors=(NOR,), recipients=(VNM,), day=date(2025, 3, 11)),
        mention(
            "a4",
            actors=(NOR,),
            recipients=(VNM,),
            day=date(2025, 3, 11),
            rule="inferred:publication",
        ),
    ]
    articles = {
        "a1": info("a1", "Meridian"),
        "a2": info("a2", "Wire"),
        "a3": info("a3", "Harbor"),
        "a4": info("a4", "Eastgate", key="wire"),
    }
    (event,) = link(mentions, articles)
    assert (event.n_mentions, event.n_articles, event.n_sources) == (5, 4, 3)
    assert event.date == date(2025, 3, 10)  # two articles say the 10th, one the 11th
    assert [d.field for d in event.discrepancies] == ["date"]
    assert event.discrepancies[0].values == {"2025-03-10": ["a1", "a2"], "2025-03-11": ["a3"]}
    assert {a.country for a in event.actors} | {a.country for a in event.recipients} == {
        "NOR",
        "VNM",
    }
    assert event.first_reported == date(2025, 3, 11)


def test_different_events_of_one_dyad_stay_apart() -> None:
    june = mention(
        "a1",
        actors=(NOR,),
        recipients=(VNM,),
        day=date(2025, 6, 1),
        precision="month",
        rule="last month",
    )
    july = mention("a2", actors=(DAHL,), recipients=(VNM,), day=date(2025, 7, 22))
    july_far = mention("a3", actors=(NOR,), recipients=(VNM,), day=date(2025, 7, 25))
    other_type = mention(
        "a4", event="ACCUSE", actors=(NOR,), recipients=(VNM,), day=date(2025, 7, 22)
    )
    intended = mention(
        "a5", actors=(NOR,), recipients=(VNM,), day=date(2025, 7, 22), modality="intended"
    )
    other_people = mention(
        "a6",
        actors=(actor("Jon Berg", "NOR", "person", "GOV"),),
        recipients=(VNM,),
        day=date(2025, 7, 22),
    )
    events = link(
        [june, july, july_far, other_type, intended, other_people],
        {k: info(k, k) for k in ("a1", "a2", "a3", "a4", "a5", "a6")},
    )
    assert len(events) == 6


def test_partial_reports_join_and_numbers_disagree() -> None:
    full = mention(
        "a1",
        event="ASSAULT",
        actors=(actor("militants", "MLI", "group", "REB"),),
        recipients=(actor("soldiers", "MLI", "group", "MIL"),),
        numbers=(("killed", 12),),
        place=HANOI,
    )
    partial = mention(
        "a2",
        event="ASSAULT",
        actors=(actor("militants", "MLI", "group", "REB"),),
        numbers=(("killed", 14),),
    )
    (event,) = link([full, partial], {"a1": info("a1", "A"), "a2": info("a2", "B")})
    assert event.n_sources == 2
    assert event.event_loc == HANOI
    assert {d.field: d.values for d in event.discrepancies} == {
        "killed": {"12": ["a1"], "14": ["a2"]}
    }


def test_a_country_and_a_city_in_it_are_one_event_placed_at_the_city() -> None:
    vietnam = Place("Vietnam", "VNM", 16.0, 106.0, "country")
    laos = Place("Laos", "LAO", 18.0, 105.0, "country")
    country = mention("a1", actors=(NOR,), recipients=(VNM,), place=vietnam)
    city = mention("a2", actors=(NOR,), recipients=(VNM,), place=HANOI)
    again = mention("a3", actors=(NOR,), recipients=(VNM,), place=vietnam)
    articles = {k: info(k, k.upper()) for k in ("a1", "a2", "a3", "a4")}
    (event,) = link([country, city, again], articles)
    assert event.event_loc == HANOI  # the country most reports name, at its finest place
    assert not event.discrepancies
    elsewhere = mention("a4", actors=(NOR,), recipients=(VNM,), place=laos)
    (event,) = link([country, city, again, elsewhere], articles)
    assert event.event_loc == HANOI  # Laos is named once, Vietnam three times


def test_spelling_variants_are_one_person_and_a_discrepancy() -> None:
    police = actor("police", "KEN", "group", "COP")
    one = mention(
        "a1",
        event="COERCE",
        actors=(police,),
        recipients=(actor("Daniel Otieno", "KEN", "person", "OPP"),),
    )
    two = mention(
        "a2",
        event="COERCE",
        actors=(police,),
        recipients=(actor("Daniel Otiyeno", "KEN", "person", "OPP"),),
    )
    (event,) = link([one, two], {"a1": info("a1", "A"), "a2": info("a2", "B")})
    assert len(event.recipients) == 1
    assert [d.field for d in event.discrepancies] == ["actor_name"]


def test_result_does_not_depend_on_order() -> None:
    mentions = [
        mention(f"a{i}", actors=(POL,), recipients=(RUS,), day=date(2025, 8, 20 + (i % 3) * 4))
        for i in range(12)
    ]
    mentions += [mention(f"b{i}", actors=(NOR,), recipients=(VNM,)) for i in range(5)]
    articles = {m.article_id: info(m.article_id, m.article_id) for m in mentions}
    baseline = link(mentions, articles)
    for seed in range(5):
        shuffled = mentions[:]
        random.Random(seed).shuffle(shuffled)
        assert link(shuffled, articles) == baseline
    assert len(baseline) == 4


def test_interchangeable_types_join_and_the_disagreement_is_shown() -> None:
    """One outlet calls the talks CONSULT, two call them COOPERATE: one event, typed as most
    articles type it, with the type as a discrepancy. A CONSULT and an AGREE (not interchangeable)
    stay apart, and so do two types read off one sentence."""
    talks = [
        mention("a1", event="CONSULT", actors=(NOR,), recipients=(VNM,)),
        mention("a2", event="COOPERATE", actors=(NOR,), recipients=(VNM,)),
        mention("a3", event="COOPERATE", actors=(VNM,), recipients=(NOR,)),
    ]
    signing = mention("a4", event="AGREE", actors=(NOR,), recipients=(VNM,))
    same_sentence = mention("a1", event="COOPERATE", actors=(NOR,), recipients=(VNM,))
    articles = {k: info(k, k) for k in ("a1", "a2", "a3", "a4")}
    events = link([*talks, signing], articles)
    by_type = {e.event: e for e in events}
    assert sorted(by_type) == ["AGREE", "COOPERATE"]
    joined = by_type["COOPERATE"]
    assert joined.n_articles == 3
    assert joined.discrepancies[0].field == "event"
    assert joined.discrepancies[0].values == {"CONSULT": ["a1"], "COOPERATE": ["a2", "a3"]}
    apart = link([talks[0], same_sentence], {"a1": info("a1", "a1")})
    assert sorted(e.event for e in apart) == ["CONSULT", "COOPERATE"]


def test_a_report_from_the_hosts_side_is_turned_to_agree_with_the_others() -> None:
    envoy = actor("Ingrid Dahl", "NOR", "person", "GOV", "Foreign Minister")
    ministry = actor("Vietnamese foreign ministry", "VNM", "organization", "GOV")
    host = actor("Tran Quoc Hai", "VNM", "person", "GOV", "Foreign Minister")
    mentions = [
        mention("a1", actors=(envoy,), recipients=(VNM,)),  # "Dahl visited Vietnam"
        mention("a2", actors=(NOR,), recipients=(VNM,)),
        mention("a3", actors=(ministry,), recipients=(envoy,)),  # "the ministry hosted Dahl"
        mention("a3", actors=(host, NOR), recipients=(VNM,), start=80),  # a mixed-up report
    ]
    articles = {k: info(k, k.upper()) for k in ("a1", "a2", "a3")}
    (event,) = link(mentions, articles)
    assert {a.country for a in event.actors} == {"NOR"}
    assert {a.country for a in event.recipients} == {"VNM"}
    assert {a.name for a in event.recipients} == {"Vietnam", ministry.name, host.name}
    assert envoy in event.actors and ministry in event.recipients


def test_one_article_tells_each_act_of_a_visit_as_its_own_event() -> None:
    # "Dahl arrived in Hanoi. She visited Vietnam's premier and held talks. Vietnam hosted a
    # dinner for her. She also met the speaker of parliament."
    def told(word: str, start: int, lemma: str, **more: object) -> Mention:
        return mention(
            "a1", actors=(DAHL,), recipients=(VNM,), trigger=word, start=start, lemma=lemma, **more
        )  # type: ignore[arg-type]

    arrived = told("arrived", 0, "arrive")
    visited = told("visited", 40, "visit")
    talks = told("talks", 60, "talk")
    dinner = told("hosted", 80, "dinner")  # a support verb: the act is what it hosted
    also = told("met", 120, "meet", another=True)
    # another outlet: "Norway's minister held talks in Hanoi"
    other = mention("a2", actors=(NOR,), recipients=(VNM,), trigger="talks", lemma="talk")
    articles = {"a1": info("a1", "Meridian"), "a2": info("a2", "Wire")}
    events = link([arrived, visited, talks, dinner, also, other], articles)
    groups = sorted(sorted(m["trigger"] for m in e.mentions) for e in events)
    assert groups == [["arrived"], ["hosted"], ["met"], ["talks", "talks", "visited"]]


def test_one_stance_restated_in_one_article_is_one_event() -> None:
    def told(event: str, word: str, lemma: str, start: int) -> Mention:
        return mention(
            "a1",
            event=event,
            actors=(POL,),
            recipients=(RUS,),
            trigger=word,
            lemma=lemma,
            start=start,
        )

    accused = told("ACCUSE", "accused", "accuse", 0)
    protest = told("ACCUSE", "protest", "protest", 40)  # "... and lodged a protest over it"
    fired = told("ASSAULT", "fired", "fire", 80)
    shelled = told("ASSAULT", "shelled", "shell", 120)  # acts done are told one by one
    events = link([accused, protest, fired, shelled], {"a1": info("a1", "Meridian")})
    groups = sorted(sorted(m["trigger"] for m in e.mentions) for e in events)
    assert groups == [["accused", "protest"], ["fired"], ["shelled"]]


def test_a_week_is_taken_at_its_word_when_dates_are_compared() -> None:
    last_week = mention(  # "last week" in a report of Monday 10 March: 3-9 March
        "a1", actors=(NOR,), recipients=(VNM,), day=date(2025, 3, 3), precision="week"
    )
    monday = mention("a2", actors=(NOR,), recipients=(VNM,), day=date(2025, 3, 10))
    sunday = mention("a3", actors=(NOR,), recipients=(VNM,), day=date(2025, 3, 9))
    articles = {a: info(a, a.upper()) for a in ("a1", "a2", "a3")}
    assert len(link([last_week, monday], articles)) == 2
    assert len(link([last_week, sunday], articles)) == 1
