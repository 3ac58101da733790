"""Who, when, where: time expressions and their TempEval scoring, the place index and the
geoparser with both gold XML schemas, event locations, the actor dictionary, spelling variants,
and `crosswire actor`. Gold files here are written by us; floors on the dev files are skipped
when ../shared is absent."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest

import crosswire
from crosswire.config import load_config
from crosswire.errors import ConfigError, EvalError
from crosswire.eval.georeaders import read_event_locations, read_geo_xml
from crosswire.eval.timex import TimexCounts, parse_timeml
from crosswire.link.identity import canonical_people
from crosswire.records import ActorRef
from crosswire.resolve.dictionary import ActorDictionary
from crosswire.resolve.geoparse import find_toponyms
from crosswire.resolve.locate import event_toponym
from crosswire.resolve.placeindex import CITY, REGION
from crosswire.resolve.places import dateline_place, event_place
from crosswire.resolve.timex import find_timexes
from tests.builders import coded_by_trigger
from tests.conftest import gold, write
from tests.test_cli import db, run  # noqa: F401  (the module fixture is reused)
from tests.test_frames import make_doc

DCT = date(2024, 3, 14)  # a Thursday


def _values(text: str, dct: date | None = DCT) -> dict[str, str]:
    return {t.text: t.value for t in find_timexes(text, dct)}


def test_absolute_and_relative_expressions_resolve_against_the_document_date() -> None:
    found = _values(
        "The envoys met on March 12, 2024 and again yesterday; talks resume next Monday. "
        "Trade fell in the third quarter and rose a year earlier. Fighting lasted three weeks."
    )
    assert found["March 12, 2024"] == "2024-03-12"
    assert found["yesterday"] == "2024-03-13"
    assert found["next Monday"] == "2024-03-18"
    assert found["the third quarter"] == "2023-Q3"  # Q3 2024 has not happened by 14 March
    assert found["a year earlier"] == "2022-Q3"  # anchored on the quarter just named
    assert found["three weeks"] == "P3W"


def test_a_decade_is_written_as_timeml_writes_it() -> None:
    found = _values("Growth of the 1980s faded a decade ago.")
    assert found["the 1980s"] == "198"
    assert found["a decade ago"] == "201"  # 2014, ten years before 2024, at a decade's width


def test_weekday_direction_follows_the_tense_cue() -> None:
    past = _values("Ministers signed the accord on Monday.")
    future = _values("Ministers will sign the accord on Monday.")
    assert past["Monday"] == "2024-03-11"
    assert future["Monday"] == "2024-03-18"
    # a verb in the past just before the day tells a done act, whatever was said of the future
    done = _values("They will appeal the ruling, announced Monday by the court.")
    ahead = _values("They will be sentenced on Monday, the court said.")
    assert (done["Monday"], ahead["Monday"]) == ("2024-03-11", "2024-03-18")
    planned = _values("A vote is planned for Monday; talks are set for Tuesday.")
    assert (planned["Monday"], planned["Tuesday"]) == ("2024-03-18", "2024-03-19")


def test_dates_without_a_year_look_back_unless_close_ahead() -> None:
    assert _values("It began on Nov. 25.")["Nov. 25"] == "2023-11-25"
    assert _values("It ends on April 2.")["April 2"] == "2024-04-02"


def test_ages_and_counts_are_not_time_expressions() -> None:
    text = "The 44-year-old mayor, 44 years old, led 2000 workers."
    assert find_timexes(text, DCT) == []


def test_no_anchor_means_no_value_for_relative_expressions() -> None:
    found = _values("The vote was on Friday, 12 July 2019, not yesterday.", None)
    assert found == {"Friday, 12 July 2019": "2019-07-12"}


TML = """<?xml version="1.0" ?>
<TimeML>
<DCT><TIMEX3 tid="t0" type="DATE" value="2024-03-14" functionInDocument="CREATION_TIME">
2024-03-14</TIMEX3></DCT>
<TEXT>
Talks ended <TIMEX3 tid="t1" type="DATE" value="2024-03-13">yesterday</TIMEX3> after
<TIMEX3 tid="t2" type="DURATION" value="P3D">three days</TIMEX3> &amp; will resume in
<TIMEX3 tid="t3" type="DATE" value="2024-04">the spring fortnight</TIMEX3>.
</TEXT>
</TimeML>
"""


def test_timeml_reader_keeps_offsets_into_the_plain_text() -> None:
    doc = parse_timeml(TML, "x.tml")
    assert doc.dct == DCT
    assert [doc.text[g.start : g.end] for g in doc.timexes] == [
        "yesterday",
        "three days",
        "the spring fortnight",
    ]
    assert "&amp;" not in doc.text and " & " in doc.text


@pytest.mark.slow
def test_timex_scores_by_hand(tmp_path: Path) -> None:
    write(tmp_path / "a" / "one.tml", TML)
    done = run("eval", "timex", str(tmp_path))
    scores = json.loads(done.stdout.strip().splitlines()[-1])
    # We find "yesterday" and "three days" with the right values and miss the invented third.
    counts = TimexCounts()
    doc = parse_timeml(TML)
    counts.add(doc.timexes, find_timexes(doc.text, doc.dct))
    assert counts.n_system == 2 and counts.strict == 2 and counts.value == 2
    assert scores["n_gold"] == 3
    assert scores["strict_f1"] == pytest.approx(2 * 1.0 * (2 / 3) / (1.0 + 2 / 3), abs=1e-4)
    assert scores["value_f1"] == scores["strict_f1"]


@pytest.mark.slow
def test_timex_reader_errors(tmp_path: Path) -> None:
    with pytest.raises(EvalError):
        parse_timeml("<TimeML>no text element</TimeML>", "bad.tml")
    done = run("eval", "timex", str(write(tmp_path / "x.tml", "<TimeML/>")), check=False)
    assert done.returncode != 0 and "TEXT" in done.stderr


GWN = """<?xml version="1.0" ?>
<articles>
  <article file="0"><title>t</title><link>l</link>
    <text>Protesters gathered in Nairobi while officials in Kampala waited, and Zqxville
was quiet.</text>
    <toponyms>
      <toponym><extractedName>Nairobi</extractedName><type>Literal</type>
        <nonLocational>No</nonLocational><start>23</start><end>30</end>
        <latitude>-1.28333</latitude><longitude>36.81667</longitude></toponym>
      <toponym><extractedName>Kampala</extractedName><type>Literal</type>
        <nonLocational>No</nonLocational><start>50</start><end>57</end>
        <latitude>0.31628</latitude><longitude>32.58219</longitude></toponym>
      <toponym><extractedName>Zqxville</extractedName><type>Literal</type>
        <nonLocational>No</nonLocational><start>70</start><end>78</end>
        <latitude>10.0</latitude><longitude>10.0</longitude></toponym>
      <toponym><extractedName>officials</extractedName><type>Non_Toponym</type>
        <nonLocational>No</nonLocational><start>37</start><end>46</end></toponym>
    </toponyms>
  </article>
</articles>
"""
LGL = """<articles>
  <article docid="7"><title>t</title><url>u</url><domain>d</domain><dltime>2016-12-19</dltime>
    <text><![CDATA[Aid reached Aleppo and Beirut on Monday.]]></text>
    <toponyms>
      <toponym><phrase>Aleppo</phrase><start>12</start><end>18</end>
        <gaztag geonameid="170063"><name>Aleppo</name><lat>36.20</lat><lon>37.16</lon>
        <country geonameid="163843">Syria</country></gaztag></toponym>
      <toponym><phrase>Beirut</phrase><start>23</start><end>29</end></toponym>
    </toponyms>
  </article>
</articles>
"""


def test_both_geo_schemas_are_read(tmp_path: Path) -> None:
    gwn = list(read_geo_xml(write(tmp_path / "g.xml", GWN)))
    lgl = list(read_geo_xml(write(tmp_path / "l.xml", LGL)))
    assert [t.name for t in gwn[0].toponyms] == ["Nairobi", "officials", "Kampala", "Zqxville"]
    assert gwn[0].text[23:30] == "Nairobi"
    assert lgl[0].id == "7" and lgl[0].toponyms[0].lat == pytest.approx(36.20)
    assert lgl[0].toponyms[1].lat is None  # unresolved: no gaztag
    with pytest.raises(EvalError):
        list(read_geo_xml(write(tmp_path / "bad.xml", "<root><x/></root>")))


@pytest.mark.slow
def test_geo_eval_counts_unrecognised_toponyms_as_wrong(tmp_path: Path) -> None:
    done = run("eval", "geo", str(write(tmp_path / "g.xml", GWN)))
    scores = json.loads(done.stdout.strip().splitlines()[-1])
    assert scores["n"] == 3
    # the invented town, unknown to the index, stands at Kampala, named before it: far off
    assert scores["acc161"] == pytest.approx(2 / 3, abs=1e-4)
    assert scores["resolved_acc161"] == pytest.approx(2 / 3, abs=1e-4)
    # "officials", a span GeoWebNews types as no toponym, counts only among all spans
    assert scores["recognition_recall"] == 1.0
    assert scores["recognition_recall_all_spans"] == pytest.approx(3 / 4, abs=1e-4)
    lgl = json.loads(run("eval", "geo", str(write(tmp_path / "l.xml", LGL))).stdout.split("\n")[-2])
    assert lgl["n"] == 1 and lgl["acc161"] == 1.0 and lgl["recognition_recall"] == 1.0


@pytest.mark.slow
def test_event_location_reader_and_eval(tmp_path: Path) -> None:
    records = [
        {
            "text": "Gunmen attacked a convoy near Kandahar on Sunday.",
            "spans": [
                {"start": 7, "end": 15, "label": "VERB"},
                {"start": 30, "end": 38, "label": "LOCATION"},
            ],
        },
        {
            "text": "The ministry condemned the attack.",
            "spans": [{"start": 13, "end": 22, "label": "VERB"}],
        },
    ]
    path = write(tmp_path / "ev.jsonl", "\n".join(json.dumps(r) for r in records))
    read = list(read_event_locations(path))
    assert [r.locations for r in read] == [((30, 38),), ()]
    # some published records carry token numbers in start/end: the span's own words decide
    text = "Rebels shelled a market in Tulkarm, officials said."
    words = [{"start": m.start(), "end": m.end()} for m in re.finditer(r"\w+|[^\w\s]", text)]
    broken = {
        "text": text,
        "tokens": words,
        "spans": [
            {"start": 7, "end": 14, "label": "VERB", "text": "shelled"},
            {
                "start": 5,
                "end": 5,
                "label": "LOCATION",
                "text": "Tulkarm",
                "token_start": 5,
                "token_end": 5,
            },
            {
                "start": 0,
                "end": 6,
                "label": "LOCATION",
                "text": "market",
                "token_start": 9,
                "token_end": 9,
            },
        ],
    }
    lost = {
        **broken,
        "spans": [
            *broken["spans"][:1],
            {"start": 3, "end": 3, "label": "LOCATION", "text": "Jenin"},
        ],
    }
    fixed = write(tmp_path / "fixed.jsonl", "\n".join(json.dumps(r) for r in (broken, lost)))
    (only,) = read_event_locations(fixed)  # a span that cannot be placed leaves its record out
    assert [text[s:e] for s, e in only.locations] == ["Tulkarm", "market"]
    scores = json.loads(run("eval", "event-location", str(path)).stdout.strip().splitlines()[-1])
    assert scores["n"] == 2 and scores["accuracy"] == 1.0


YAML = """
- name: Igor Krasnov
  aliases: [Krasnov]
  country: RUS
  kind: person
  wikidata: Q4115123
  roles:
    - {role: Prosecutor General, sector: JUD, start: 2020-01-22}
    - {role: investigator, sector: COP, start: 2006-01-01, end: 2020-01-21}
"""


def test_actor_dictionary_overrides_with_dated_roles(tmp_path: Path) -> None:
    dictionary = ActorDictionary.load(write(tmp_path / "actors.yaml", YAML))
    seen = ActorRef(name="Krasnov", kind="person", text="Krasnov").with_id()
    now = dictionary.apply(seen, date(2024, 7, 22))
    then = dictionary.apply(seen, date(2015, 5, 1))
    assert (now.name, now.country, now.sector, now.role) == (
        "Igor Krasnov",
        "RUS",
        "JUD",
        "Prosecutor General",
    )
    assert then.sector == "COP" and then.role == "investigator"
    assert now.actor_id == then.actor_id == "wd:Q4115123"
    other = ActorRef(name="Sergei Lavrov", kind="person").with_id()
    assert dictionary.apply(other, None) == other


def test_actor_dictionary_csv_and_errors(tmp_path: Path) -> None:
    csv_text = (
        "name,aliases,country,sector,role,start,end\n"
        "Kim Chol Won,Kim Chol-won|Kim Cholwon,PRK,JUD,Prosecutor General,2019-01-01,\n"
    )
    dictionary = ActorDictionary.load(write(tmp_path / "a.csv", csv_text))
    found = dictionary.apply(ActorRef(name="Kim Chol-won", kind="person").with_id(), None)
    assert found.name == "Kim Chol Won" and found.country == "PRK"
    with pytest.raises(ConfigError):
        ActorDictionary.load(write(tmp_path / "b.csv", "who,country\nX,RUS\n"))
    with pytest.raises(ConfigError):
        ActorDictionary.load(write(tmp_path / "c.yaml", "- name: X\n  roles: [{start: soon}]\n"))
    with pytest.raises(ConfigError):
        ActorDictionary.load(tmp_path / "missing.yaml")


def _person(name: str, country: str | None, sector: str | None, role: str | None) -> ActorRef:
    return ActorRef(name=name, kind="person", country=country, sector=sector, role=role).with_id()


def test_spelling_variants_join_only_with_country_and_role_evidence() -> None:
    known = [_person("Choe Son Hui", "PRK", "GOV", "foreign minister")]
    same = _person("Choi Son Hui", "PRK", "GOV", "foreign minister")
    other_country = _person("Choi Son Hui", "KOR", "GOV", "foreign minister")
    no_role = _person("Choi Son Hui", "PRK", None, None)
    different = _person("Pak Pong Ju", "PRK", "GOV", "foreign minister")
    mapping = canonical_people([same, other_country, no_role, different], known, 0.8)
    assert mapping == {same.actor_id: known[0]}


def test_dictionary_applies_in_the_pipeline(tmp_path: Path) -> None:
    config = load_config()
    config.set("actors.dictionary", str(write(tmp_path / "actors.yaml", YAML)))
    events = crosswire.code(
        "Russian Prosecutor General Igor Krasnov met North Korean officials in Pyongyang on "
        "Tuesday and signed a cooperation agreement with them.",
        published="2024-07-23",
        config=config,
    )
    people = [a for e in events for a in (*e.actors, *e.recipients) if a.kind == "person"]
    assert people and all(a.actor_id == "wd:Q4115123" and a.sector == "JUD" for a in people)


@pytest.mark.slow
def test_actor_command_shows_spellings_roles_and_events(db: Path) -> None:  # noqa: F811
    rows = [json.loads(x) for x in run("actors", "--format", "jsonl", db=db).stdout.splitlines()]
    person = next(r for r in rows if r["kind"] == "person" and r["role"])
    record = json.loads(run("actor", person["id"], "--format", "jsonl", db=db).stdout)
    assert record["id"] == person["id"] and record["aliases"] and record["events"]
    assert sum(a["n"] for a in record["aliases"]) >= 1
    assert any(r["role"] == person["role"] for r in record["roles"])
    assert all(r["articles"] for r in record["roles"])
    missing = run("actor", "ac-nope", db=db, check=False)
    assert missing.returncode != 0 and "No actor" in missing.stderr


@pytest.mark.slow
def test_floors_on_the_dev_files() -> None:
    from crosswire.eval.timex import eval_timex

    timex = eval_timex(gold("tempeval3"))
    assert timex.scores["value_f1"] >= 0.77 and timex.scores["relaxed_f1"] >= 0.9


def test_the_place_index_is_an_sqlite_file_read_name_by_name(tmp_path: Path) -> None:
    from crosswire.resolve.placeindex import COUNTRY, PlaceIndex, PlaceTable, save_index

    table = PlaceTable(
        rows=[
            ("Utopia", COUNTRY, "UTO", "", 1.0, 2.0, 5_000_000),
            ("Port Amber", CITY, "UTO", "UT.North", 1.5, 2.5, 80_000),
            ("Port Amber", CITY, "ZZZ", "", 40.0, 40.0, 900),
        ],
        names={"utopia": (0,), "port amber": (1, 2), "amberton": (1,)},
    )
    index = PlaceIndex(save_index(table, tmp_path / "places.sqlite"))
    assert [(e.country, e.population) for e in index.lookup("Port Amber")] == [
        ("UTO", 80_000),
        ("ZZZ", 900),
    ]
    assert [e.name for e in index.lookup("AMBERTON")] == ["Port Amber"]  # names are folded
    assert index.lookup("Atlantis") == []
    assert index.size() == (3, 3)
    assert sorted(index.cities()) == [(1.5, 2.5, "UTO"), (40.0, 40.0, "ZZZ")]


def test_eval_scores_the_geoparser_the_pipeline_places_events_with() -> None:
    from crosswire.eval import eventplace, geo
    from crosswire.resolve import geoparse, locate, mentions, places

    assert geo.find_toponyms is mentions.find_toponyms is geoparse.find_toponyms
    assert eventplace.find_toponyms is geoparse.find_toponyms
    assert eventplace.event_toponym is places.event_toponym is locate.event_toponym


def test_a_venue_named_after_its_city_stands_in_that_city() -> None:

    doc = make_doc(
        [  # They landed at Hanoi International Airport .
            ("They", "they", "PRON", "PRP", "nsubj", 1, ""),
            ("landed", "land", "VERB", "VBD", "ROOT", 1, ""),
            ("at", "at", "ADP", "IN", "prep", 1, ""),
            ("Hanoi", "Hanoi", "PROPN", "NNP", "compound", 5, "B-FAC"),
            ("International", "International", "PROPN", "NNP", "compound", 5, "I-FAC"),
            ("Airport", "Airport", "PROPN", "NNP", "pobj", 2, "I-FAC"),
            (".", ".", "PUNCT", ".", "punct", 1, ""),
        ]
    )
    (venue,) = find_toponyms(doc)
    assert venue.text == "Hanoi International Airport"
    assert venue.place is not None and (venue.place.name, venue.place.country) == ("Hanoi", "VNM")


def test_a_place_name_that_only_labels_an_affair_is_no_event_place() -> None:

    rows = [  # Russia used the shells in its Ukraine war .
        ("Russia", "Russia", "PROPN", "NNP", "nsubj", 1, "B-GPE"),
        ("used", "use", "VERB", "VBD", "ROOT", 1, ""),
        ("the", "the", "DET", "DT", "det", 3, ""),
        ("shells", "shell", "NOUN", "NNS", "dobj", 1, ""),
        ("in", "in", "ADP", "IN", "prep", 1, ""),
        ("its", "its", "PRON", "PRP$", "poss", 7, ""),
        ("Ukraine", "Ukraine", "PROPN", "NNP", "compound", 7, "B-GPE"),
        ("war", "war", "NOUN", "NN", "pobj", 4, ""),
        (".", ".", "PUNCT", ".", "punct", 1, ""),
    ]
    doc = make_doc(rows)
    assert event_toponym(doc, 1, find_toponyms(doc), frozenset({0})) is None
    placed = make_doc([*rows[:5], ("Kyiv", "Kyiv", "PROPN", "NNP", "pobj", 4, "B-GPE"), rows[-1]])
    found = event_toponym(placed, 1, find_toponyms(placed), frozenset({0}))
    assert found is not None and found.text == "Kyiv"


def test_a_name_the_sentence_marks_as_a_place_is_a_toponym() -> None:

    doc = make_doc(
        [  # Troops entered Zqxabad town and clashed near Herat .
            ("Troops", "troop", "NOUN", "NNS", "nsubj", 1, ""),
            ("entered", "enter", "VERB", "VBD", "ROOT", 1, ""),
            ("Zqxabad", "Zqxabad", "PROPN", "NNP", "compound", 3, "B-PERSON"),
            ("town", "town", "NOUN", "NN", "dobj", 1, ""),
            ("and", "and", "CCONJ", "CC", "cc", 1, ""),
            ("clashed", "clash", "VERB", "VBD", "conj", 1, ""),
            ("near", "near", "ADP", "IN", "prep", 5, ""),
            ("Herat", "Herat", "PROPN", "NNP", "pobj", 6, "B-ORG"),
            (".", ".", "PUNCT", ".", "punct", 1, ""),
        ]
    )
    found = {t.text: t for t in find_toponyms(doc)}
    assert set(found) == {"Zqxabad", "Herat"}  # the tagger's person and body are places here
    assert found["Zqxabad"].place is None  # unknown to the index, and no city named to stand at
    herat = found["Herat"].place
    assert herat is not None and herat.country == "AFG"


def test_the_learned_chooser_picks_where_not_what_or_who() -> None:

    rows = [  # Iraqi troops killed two gunmen in Mosul .
        ("Iraqi", "iraqi", "ADJ", "JJ", "amod", 1, "B-NORP"),
        ("troops", "troop", "NOUN", "NNS", "nsubj", 2, ""),
        ("killed", "kill", "VERB", "VBD", "ROOT", 2, ""),
        ("two", "two", "NUM", "CD", "nummod", 4, "B-CARDINAL"),
        ("gunmen", "gunman", "NOUN", "NNS", "dobj", 2, ""),
        ("in", "in", "ADP", "IN", "prep", 2, ""),
        ("Mosul", "Mosul", "PROPN", "NNP", "pobj", 5, "B-GPE"),
        (".", ".", "PUNCT", ".", "punct", 2, ""),
    ]
    doc = make_doc(rows)
    found = event_toponym(doc, 2, find_toponyms(doc))
    assert found is not None and found.text == "Mosul"
    silent = make_doc([*rows[:5], (".", ".", "PUNCT", ".", "punct", 2, "")])
    assert event_toponym(silent, 2, find_toponyms(silent)) is None  # "Iraqi" says who, not where


def test_a_venue_the_index_does_not_know_stands_in_the_city_the_article_names() -> None:

    doc = make_doc(
        [  # Envoys arrived in Hanoi and met at the Zqx Assembly Hall .
            ("Envoys", "envoy", "NOUN", "NNS", "nsubj", 1, ""),
            ("arrived", "arrive", "VERB", "VBD", "ROOT", 1, ""),
            ("in", "in", "ADP", "IN", "prep", 1, ""),
            ("Hanoi", "Hanoi", "PROPN", "NNP", "pobj", 2, "B-GPE"),
            ("and", "and", "CCONJ", "CC", "cc", 1, ""),
            ("met", "meet", "VERB", "VBD", "conj", 1, ""),
            ("at", "at", "ADP", "IN", "prep", 5, ""),
            ("the", "the", "DET", "DT", "det", 10, "B-ORG"),
            ("Zqx", "Zqx", "PROPN", "NNP", "compound", 10, "I-ORG"),
            ("Assembly", "Assembly", "PROPN", "NNP", "compound", 10, "I-ORG"),
            ("Hall", "Hall", "PROPN", "NNP", "pobj", 6, "I-ORG"),
            (".", ".", "PUNCT", ".", "punct", 1, ""),
        ]
    )
    toponyms = find_toponyms(doc)
    venue = next(t for t in toponyms if t.text == "Zqx Assembly Hall")
    assert venue.label == "FAC" and venue.stand_in  # a venue, though tagged a body
    assert venue.place is not None and venue.place.name == "Hanoi"  # unknown: at the city
    place = event_place(doc, doc[5], toponyms, actor_tokens={0}, visit=False)
    assert place is not None and (place.name, place.country, place.precision) == (
        "Hanoi",
        "VNM",
        "city",
    )


def test_a_bearing_is_no_place_to_stand_at_a_city() -> None:

    doc = make_doc(
        [  # Envoys met officials in Hanoi and toured the North .
            ("Envoys", "envoy", "NOUN", "NNS", "nsubj", 1, ""),
            ("met", "meet", "VERB", "VBD", "ROOT", 1, ""),
            ("officials", "official", "NOUN", "NNS", "dobj", 1, ""),
            ("in", "in", "ADP", "IN", "prep", 1, ""),
            ("Hanoi", "Hanoi", "PROPN", "NNP", "pobj", 3, "B-GPE"),
            ("and", "and", "CCONJ", "CC", "cc", 1, ""),
            ("toured", "tour", "VERB", "VBD", "conj", 1, ""),
            ("the", "the", "DET", "DT", "det", 8, "B-LOC"),
            ("North", "North", "PROPN", "NNP", "dobj", 6, "I-LOC"),
            (".", ".", "PUNCT", ".", "punct", 1, ""),
        ]
    )
    found = {t.text: t for t in find_toponyms(doc)}
    assert found["North"].place is None and not found["North"].stand_in
    west = make_doc(  # Envoys toured the West .  (Cameroon has a province named West)
        [
            ("Envoys", "envoy", "NOUN", "NNS", "nsubj", 1, ""),
            ("toured", "tour", "VERB", "VBD", "ROOT", 1, ""),
            ("the", "the", "DET", "DT", "det", 3, "B-LOC"),
            ("West", "West", "PROPN", "NNP", "dobj", 1, "I-LOC"),
            (".", ".", "PUNCT", ".", "punct", 1, ""),
        ]
    )
    assert [(t.text, t.place) for t in find_toponyms(west)] == [("West", None)]
    hanoi = found["Hanoi"].place
    assert hanoi is not None and hanoi.name == "Hanoi"


def test_a_capital_is_its_city_a_part_of_a_country_its_region_a_county_a_place() -> None:

    rows = [  # Envoys flew from Washington to Wales and toured Orange County .
        ("Envoys", "envoy", "NOUN", "NNS", "nsubj", 1, ""),
        ("flew", "fly", "VERB", "VBD", "ROOT", 1, ""),
        ("from", "from", "ADP", "IN", "prep", 1, ""),
        ("Washington", "Washington", "PROPN", "NNP", "pobj", 2, "B-GPE"),
        ("to", "to", "ADP", "IN", "prep", 1, ""),
        ("Wales", "Wales", "PROPN", "NNP", "pobj", 4, "B-GPE"),
        ("and", "and", "CCONJ", "CC", "cc", 1, ""),
        ("toured", "tour", "VERB", "VBD", "conj", 1, ""),
        ("Orange", "Orange", "PROPN", "NNP", "compound", 9, "B-GPE"),
        ("County", "County", "PROPN", "NNP", "dobj", 7, "I-GPE"),
        (".", ".", "PUNCT", ".", "punct", 1, ""),
    ]
    found = {t.text: t.place for t in find_toponyms(make_doc(rows))}
    capital, wales, county = found["Washington"], found["Wales"], found["Orange County"]
    assert capital is not None and (capital.kind, capital.country) == (CITY, "USA")
    assert wales is not None and (wales.name, wales.kind, wales.country) == ("Wales", REGION, "GBR")
    assert county is not None and (county.kind, county.country) == (REGION, "USA")
    assert county.region == "US.California"


def test_a_capital_by_another_spelling_is_the_city_a_former_name_is_not_the_capital() -> None:

    left = [  # Envoys left Kiev .
        ("Envoys", "envoy", "NOUN", "NNS", "nsubj", 1, ""),
        ("left", "leave", "VERB", "VBD", "ROOT", 1, ""),
        ("Kiev", "Kiev", "PROPN", "NNP", "dobj", 1, "B-GPE"),
        (".", ".", "PUNCT", ".", "punct", 1, ""),
    ]
    (kyiv,) = [t.place for t in find_toponyms(make_doc(left))]
    # "Kiev" also stands for Ukraine's government and names its province: the place is the city
    assert kyiv is not None and (kyiv.kind, kyiv.country, kyiv.name) == (CITY, "UKR", "Kyiv")
    flew = [  # British envoys flew to Salisbury .
        ("British", "British", "ADJ", "JJ", "amod", 1, "B-NORP"),
        ("envoys", "envoy", "NOUN", "NNS", "nsubj", 2, ""),
        ("flew", "fly", "VERB", "VBD", "ROOT", 2, ""),
        ("to", "to", "ADP", "IN", "prep", 2, ""),
        ("Salisbury", "Salisbury", "PROPN", "NNP", "pobj", 3, "B-GPE"),
        (".", ".", "PUNCT", ".", "punct", 2, ""),
    ]
    salisbury = {t.text: t.place for t in find_toponyms(make_doc(flew))}["Salisbury"]
    # Harare was once called Salisbury; in a report about Britain the English city is meant
    assert salisbury is not None and (salisbury.country, salisbury.kind) == ("GBR", CITY)


def test_a_feature_named_like_one_small_town_is_that_town_like_many_only_in_context() -> None:

    def loc(name: str) -> list[tuple[str, str, str, str, str, int, str]]:
        words = name.split()
        return [  # Teams searched near <name> .
            ("Teams", "team", "NOUN", "NNS", "nsubj", 1, ""),
            ("searched", "search", "VERB", "VBD", "ROOT", 1, ""),
            ("near", "near", "ADP", "IN", "prep", 1, ""),
            *[
                (
                    w,
                    w,
                    "PROPN",
                    "NNP",
                    "pobj" if n == len(words) - 1 else "compound",
                    2 if n == len(words) - 1 else 3 + len(words) - 1,
                    ("B-" if n == 0 else "I-") + "LOC",
                )
                for n, w in enumerate(words)
            ],
            (".", ".", "PUNCT", ".", "punct", 1, ""),
        ]

    # the one place of that name, though small, is where a LOC name points
    (port,) = find_toponyms(make_doc(loc("Portree")))
    assert port.place is not None and (port.place.name, port.place.country) == ("Portree", "GBR")
    # a name several small towns share stays unplaced without the document's country
    (many,) = find_toponyms(make_doc(loc("Dolores")))
    assert many.place is None


def test_a_venue_followed_by_its_town_is_in_that_town() -> None:

    rows = [  # He teaches at Washington University in St. Louis .
        ("He", "he", "PRON", "PRP", "nsubj", 1, ""),
        ("teaches", "teach", "VERB", "VBZ", "ROOT", 1, ""),
        ("at", "at", "ADP", "IN", "prep", 1, ""),
        ("Washington", "Washington", "PROPN", "NNP", "compound", 4, "B-ORG"),
        ("University", "University", "PROPN", "NNP", "pobj", 2, "I-ORG"),
        ("in", "in", "ADP", "IN", "prep", 4, ""),
        ("St.", "St.", "PROPN", "NNP", "compound", 7, "B-GPE"),
        ("Louis", "Louis", "PROPN", "NNP", "pobj", 5, "I-GPE"),
        (".", ".", "PUNCT", ".", "punct", 1, ""),
    ]
    found = {t.text: t for t in find_toponyms(make_doc(rows))}
    venue, city = found["Washington University"], found["St. Louis"].place
    # its name begins with the capital's, but the text says where it is
    assert city is not None and (city.name, city.country) == ("St. Louis", "USA")
    assert venue.place == city and venue.stand_in


def test_a_region_named_with_its_kind_of_division_is_the_region() -> None:

    rows = [  # Troops arrived in Borno State .
        ("Troops", "troop", "NOUN", "NNS", "nsubj", 1, ""),
        ("arrived", "arrive", "VERB", "VBD", "ROOT", 1, ""),
        ("in", "in", "ADP", "IN", "prep", 1, ""),
        ("Borno", "Borno", "PROPN", "NNP", "compound", 4, "B-GPE"),
        ("State", "State", "PROPN", "NNP", "pobj", 2, "I-GPE"),
        (".", ".", "PUNCT", ".", "punct", 1, ""),
    ]
    (state,) = find_toponyms(make_doc(rows))
    assert state.place is not None
    assert (state.place.name, state.place.kind, state.place.country) == ("Borno", REGION, "NGA")


def test_a_place_the_index_lacks_stands_at_a_city_named_close_by_else_the_most_named() -> None:

    def row(word: str, ent: str = "") -> tuple[str, str, str, str, str, int, str]:
        return (word, word, "PROPN" if ent else "ADV", "NNP" if ent else "RB", "dep", 0, ent)

    far = [row("Lisbon", "B-GPE"), row("Lisbon", "B-GPE"), row("Madrid", "B-GPE")]
    far += [row("then")] * 15 + [row("Zorbalu", "B-FAC"), row("Hall", "I-FAC")]
    venue = find_toponyms(make_doc(far))[-1]
    # no city within a dozen words: the city the article names most, not the last one named
    assert venue.text == "Zorbalu Hall" and venue.stand_in
    assert venue.place is not None and venue.place.name == "Lisbon"
    near = far[:3] + [row("then")] * 4 + [row("Zorbalu", "B-FAC"), row("Hall", "I-FAC")]
    venue = find_toponyms(make_doc(near))[-1]
    assert venue.place is not None and venue.place.name == "Madrid"


def test_a_seat_of_government_is_in_its_city_an_abbreviated_state_is_the_state() -> None:

    rows = [  # Aides met at the White House and in Fairfax , Va .
        ("Aides", "aide", "NOUN", "NNS", "nsubj", 1, ""),
        ("met", "meet", "VERB", "VBD", "ROOT", 1, ""),
        ("at", "at", "ADP", "IN", "prep", 1, ""),
        ("the", "the", "DET", "DT", "det", 5, "B-ORG"),
        ("White", "White", "PROPN", "NNP", "compound", 5, "I-ORG"),
        ("House", "House", "PROPN", "NNP", "pobj", 2, "I-ORG"),
        ("and", "and", "CCONJ", "CC", "cc", 2, ""),
        ("in", "in", "ADP", "IN", "conj", 2, ""),
        ("Fairfax", "Fairfax", "PROPN", "NNP", "pobj", 7, "B-GPE"),
        (",", ",", "PUNCT", ",", "punct", 8, ""),
        ("Va.", "Va.", "PROPN", "NNP", "appos", 8, "B-GPE"),
    ]
    found = {t.text: t.place for t in find_toponyms(make_doc(rows))}
    seat, state = found["White House"], found["Va."]
    assert seat is not None and (seat.name, seat.kind, seat.country) == ("Washington", CITY, "USA")
    assert state is not None and (state.name, state.kind) == ("Virginia", REGION)


def test_a_body_named_for_its_building_is_a_venue_in_the_city_near_it() -> None:

    rows = [  # A researcher at Zqx University in Lisbon spoke to Zqx Partners .
        ("A", "a", "DET", "DT", "det", 1, ""),
        ("researcher", "researcher", "NOUN", "NN", "nsubj", 7, ""),
        ("at", "at", "ADP", "IN", "prep", 1, ""),
        ("Zqx", "Zqx", "PROPN", "NNP", "compound", 4, "B-ORG"),
        ("University", "University", "PROPN", "NNP", "pobj", 2, "I-ORG"),
        ("in", "in", "ADP", "IN", "prep", 4, ""),
        ("Lisbon", "Lisbon", "PROPN", "NNP", "pobj", 5, "B-GPE"),
        ("spoke", "speak", "VERB", "VBD", "ROOT", 7, ""),
        ("to", "to", "ADP", "IN", "prep", 7, ""),
        ("Zqx", "Zqx", "PROPN", "NNP", "compound", 10, "B-ORG"),
        ("Partners", "Partners", "PROPN", "NNPS", "pobj", 8, "I-ORG"),
        (".", ".", "PUNCT", ".", "punct", 7, ""),
    ]
    found = {t.text: t for t in find_toponyms(make_doc(rows))}
    assert set(found) == {"Zqx University", "Lisbon"}  # a firm's name is no building
    venue = found["Zqx University"]
    assert venue.label == "FAC" and venue.stand_in
    assert venue.place is not None and venue.place.name == "Lisbon"


def test_the_north_of_a_report_on_north_korea_is_that_country_and_a_visit_goes_there() -> None:

    rows = [  # North Korea said envoys visited the North .
        ("North", "North", "PROPN", "NNP", "compound", 1, "B-GPE"),
        ("Korea", "Korea", "PROPN", "NNP", "nsubj", 2, "I-GPE"),
        ("said", "say", "VERB", "VBD", "ROOT", 2, ""),
        ("envoys", "envoy", "NOUN", "NNS", "nsubj", 4, ""),
        ("visited", "visit", "VERB", "VBD", "ccomp", 2, ""),
        ("the", "the", "DET", "DT", "det", 6, "B-LOC"),
        ("North", "North", "PROPN", "NNP", "dobj", 4, "I-LOC"),
        (".", ".", "PUNCT", ".", "punct", 2, ""),
    ]
    doc = make_doc(rows)
    toponyms = find_toponyms(doc)
    north = next(t for t in toponyms if t.text == "North")
    assert north.place is not None and north.place.name == "North Korea" and not north.stand_in
    place = event_place(doc, doc[4], toponyms, actor_tokens={3}, visit=True)
    assert place is not None and (place.name, place.precision) == ("North Korea", "country")
    said = event_place(doc, doc[2], toponyms, actor_tokens={0, 1}, visit=True)
    assert said is None  # the one who speaks is not where a visit went


def test_a_venue_named_for_a_state_stands_in_it_an_english_town_in_england() -> None:

    rows = [  # Students of Colorado State University toured English towns .
        ("Students", "student", "NOUN", "NNS", "nsubj", 5, ""),
        ("of", "of", "ADP", "IN", "prep", 0, ""),
        ("Colorado", "Colorado", "PROPN", "NNP", "compound", 4, "B-ORG"),
        ("State", "State", "PROPN", "NNP", "compound", 4, "I-ORG"),
        ("University", "University", "PROPN", "NNP", "pobj", 1, "I-ORG"),
        ("toured", "tour", "VERB", "VBD", "ROOT", 5, ""),
        ("English", "english", "ADJ", "JJ", "amod", 7, "B-NORP"),
        ("towns", "town", "NOUN", "NNS", "dobj", 5, ""),
        (".", ".", "PUNCT", ".", "punct", 5, ""),
    ]
    found = {t.text: t.place for t in find_toponyms(make_doc(rows))}
    campus, england = found["Colorado State University"], found["English"]
    assert campus is not None and (campus.name, campus.kind) == ("Colorado", REGION)
    assert england is not None and (england.name, england.kind) == ("England", REGION)


def test_a_dateline_state_picks_its_town_among_towns_of_one_name() -> None:

    east = dateline_place("SPRINGFIELD, Mass. (AP) — The mayor said on Monday")
    west = dateline_place("SPRINGFIELD, Ill. (AP) — The mayor said on Monday")
    assert east is not None and west is not None and east.country == west.country == "USA"
    assert east.lon > -75 > -85 > west.lon  # Massachusetts lies east of Illinois


def test_a_city_the_tagger_read_into_a_time_is_a_place_and_an_attack_on_it_is_there() -> None:

    rows = [  # Jets struck Lisbon overnight .
        ("Jets", "jet", "NOUN", "NNS", "nsubj", 1, ""),
        ("struck", "strike", "VERB", "VBD", "ROOT", 1, ""),
        ("Lisbon", "Lisbon", "PROPN", "NNP", "dobj", 1, "B-TIME"),
        ("overnight", "overnight", "ADV", "RB", "advmod", 1, "I-TIME"),
        (".", ".", "PUNCT", ".", "punct", 1, ""),
    ]
    doc = make_doc(rows)
    toponyms = find_toponyms(doc)
    assert [(t.text, t.place and t.place.country) for t in toponyms] == [("Lisbon", "PRT")]
    at = event_place(doc, doc[1], toponyms, actor_tokens={0, 2}, visit=False, struck=frozenset({2}))
    assert at is not None and (at.name, at.precision) == ("Lisbon", "city")
    said = event_place(doc, doc[1], toponyms, actor_tokens={0, 2}, visit=False)
    assert said is None  # a target of an act not done where its target is places nothing


def test_a_city_attacked_is_the_place_whatever_else_the_sentence_names() -> None:

    rows = [  # Rebels shelled Lisbon , officials in Madrid said .
        ("Rebels", "rebel", "NOUN", "NNS", "nsubj", 1, ""),
        ("shelled", "shell", "VERB", "VBD", "ccomp", 7, ""),
        ("Lisbon", "Lisbon", "PROPN", "NNP", "dobj", 1, "B-GPE"),
        (",", ",", "PUNCT", ",", "punct", 7, ""),
        ("officials", "official", "NOUN", "NNS", "nsubj", 7, ""),
        ("in", "in", "ADP", "IN", "prep", 4, ""),
        ("Madrid", "Madrid", "PROPN", "NNP", "pobj", 5, "B-GPE"),
        ("said", "say", "VERB", "VBD", "ROOT", 7, ""),
        (".", ".", "PUNCT", ".", "punct", 7, ""),
    ]
    doc = make_doc(rows)
    toponyms = find_toponyms(doc)
    assert [t.text for t in toponyms] == ["Lisbon", "Madrid"]
    at = event_place(doc, doc[1], toponyms, actor_tokens={0, 2}, visit=False, struck=frozenset({2}))
    assert at is not None and at.name == "Lisbon"


def test_an_embassy_named_for_its_nation_stands_abroad_a_bank_of_a_land_is_no_village() -> None:

    rows = [  # Envoys left the Russian Embassy in Lisbon at the Bank of England .
        ("Envoys", "envoy", "NOUN", "NNS", "nsubj", 1, ""),
        ("left", "leave", "VERB", "VBD", "ROOT", 1, ""),
        ("the", "the", "DET", "DT", "det", 4, "B-FAC"),
        ("Russian", "Russian", "PROPN", "NNP", "compound", 4, "I-FAC"),
        ("Embassy", "Embassy", "PROPN", "NNP", "dobj", 1, "I-FAC"),
        ("in", "in", "ADP", "IN", "prep", 4, ""),
        ("Lisbon", "Lisbon", "PROPN", "NNP", "pobj", 5, "B-GPE"),
        ("at", "at", "ADP", "IN", "prep", 1, ""),
        ("the", "the", "DET", "DT", "det", 9, ""),
        ("Bank", "Bank", "PROPN", "NNP", "pobj", 7, ""),
        ("of", "of", "ADP", "IN", "prep", 9, ""),
        ("England", "England", "PROPN", "NNP", "pobj", 10, "B-GPE"),
        (".", ".", "PUNCT", ".", "punct", 1, ""),
    ]
    found = {t.text: t.place for t in find_toponyms(make_doc(rows))}
    assert "Bank" not in found
    embassy = found["Russian Embassy"]
    assert embassy is not None and (embassy.name, embassy.country) == ("Lisbon", "PRT")


def test_an_ocean_never_stands_at_a_city_named_near_it() -> None:

    rows = [  # Ships left Lisbon for the Zqx Ocean .
        ("Ships", "ship", "NOUN", "NNS", "nsubj", 1, ""),
        ("left", "leave", "VERB", "VBD", "ROOT", 1, ""),
        ("Lisbon", "Lisbon", "PROPN", "NNP", "dobj", 1, "B-GPE"),
        ("for", "for", "ADP", "IN", "prep", 1, ""),
        ("the", "the", "DET", "DT", "det", 6, "B-LOC"),
        ("Zqx", "Zqx", "PROPN", "NNP", "compound", 6, "I-LOC"),
        ("Ocean", "Ocean", "PROPN", "NNP", "pobj", 3, "I-LOC"),
        (".", ".", "PUNCT", ".", "punct", 1, ""),
    ]
    found = {t.text: t for t in find_toponyms(make_doc(rows))}
    assert found["Zqx Ocean"].place is None and not found["Zqx Ocean"].stand_in
    lisbon = found["Lisbon"].place
    assert lisbon is not None and lisbon.country == "PRT"


def test_a_time_the_tagger_knows_is_never_a_place() -> None:

    rows = [  # Talks resumed in May near Herat .
        ("Talks", "talk", "NOUN", "NNS", "nsubj", 1, ""),
        ("resumed", "resume", "VERB", "VBD", "ROOT", 1, ""),
        ("in", "in", "ADP", "IN", "prep", 1, ""),
        ("May", "May", "PROPN", "NNP", "pobj", 2, "B-DATE"),
        ("near", "near", "ADP", "IN", "prep", 1, ""),
        ("Herat", "Herat", "PROPN", "NNP", "pobj", 4, "B-ORG"),
        (".", ".", "PUNCT", ".", "punct", 1, ""),
    ]
    assert [t.text for t in find_toponyms(make_doc(rows))] == ["Herat"]


def test_a_region_the_tagger_calls_a_person_is_a_place_a_surname_is_not() -> None:

    rows = [  # Floods hit Tamil Nadu ; Willie Nelson said Nelson was safe .
        ("Floods", "flood", "NOUN", "NNS", "nsubj", 1, ""),
        ("hit", "hit", "VERB", "VBD", "ROOT", 1, ""),
        ("Tamil", "Tamil", "PROPN", "NNP", "compound", 3, "B-PERSON"),
        ("Nadu", "Nadu", "PROPN", "NNP", "dobj", 1, "I-PERSON"),
        (";", ";", "PUNCT", ":", "punct", 1, ""),
        ("Willie", "Willie", "PROPN", "NNP", "compound", 6, "B-PERSON"),
        ("Nelson", "Nelson", "PROPN", "NNP", "nsubj", 7, "I-PERSON"),
        ("said", "say", "VERB", "VBD", "conj", 1, ""),
        ("Nelson", "Nelson", "PROPN", "NNP", "nsubj", 9, "B-PERSON"),
        ("was", "be", "AUX", "VBD", "ccomp", 7, ""),
        ("safe", "safe", "ADJ", "JJ", "acomp", 9, ""),
        (".", ".", "PUNCT", ".", "punct", 1, ""),
    ]
    found = find_toponyms(make_doc(rows))
    assert [t.text for t in found] == ["Tamil Nadu"]
    assert found[0].place is not None and found[0].place.country == "IND"


@pytest.mark.slow
def test_an_act_tied_to_the_day_just_told_happened_where_that_day_did() -> None:

    text = (
        "Chilean Foreign Minister Rosa Vidal met Peruvian Foreign Minister Mateo Quispe in Lima "
        "on Monday. The Peruvian foreign ministry hosted a reception for the Chilean delegation "
        "that day. Chile accused Bolivia of smuggling."
    )
    events = coded_by_trigger(text, published="2024-07-24")
    reception = events["hosted"].event_loc
    assert reception is not None and reception.name == "Lima"
    assert events["accused"].event_loc is None  # Lima is no place of Chile's and Bolivia's


def test_a_date_due_or_taking_effect_looks_ahead() -> None:
    november = date(2023, 11, 2)

    def value(text: str) -> str:
        (found,) = find_timexes(text, november)
        return found.value

    assert value("The dividend is payable Jan. 2 to holders.") == "2024-01-02"
    assert value("The new wage pact is effective Feb. 1, the union said.") == "2024-02-01"
    assert value("The firm changed its fiscal year in January.") == "2023-01"  # told as past
