"""The actor knowledge base: building it from its sources, loading it, and answering who a
named person was on a date. Synthetic sources and a synthetic base keep these tests about the
rules; one test checks that the shipped base loads and holds what its build reported."""

from __future__ import annotations

import gzip
from datetime import date
from pathlib import Path

import pytest

from crosswire.errors import KnowledgeBaseError
from crosswire.eval.readers import _sector
from crosswire.resolve.kb import (
    LEGISLATORS_UNTIL,
    KnowledgeBase,
    _edits,
    knowledge_base,
    load_kb,
    regions,
)
from crosswire.resolve.kbbuild import build_kb, display_name
from crosswire.resolve.persons import known_name, known_person

LEGISLATORS_HEADER = (
    "name\tother_names\tcountry_iso3\tcountry\thouse\tparty\tterm\tstart_date\tend_date"
    "\twikidata\tep_id\n"
)
EXECUTIVES_HEADER = "name\tother_names\tcountry\toffice\tstart\tend\tsource\n"


def write_sources(folder: Path, legislators: list[str], executives: list[str]) -> tuple[Path, Path]:
    leg = folder / "persons.tsv.gz"
    with gzip.open(leg, "wt", encoding="utf-8") as handle:
        handle.write(LEGISLATORS_HEADER + "".join(line + "\n" for line in legislators))
    exe = folder / "executives.tsv"
    exe.write_text(
        "# offices\n" + EXECUTIVES_HEADER + "".join(line + "\n" for line in executives), "utf-8"
    )
    (folder / "regions.tsv").write_text("# curated\nname\tcountry\nNorthmarch\tNLD\n", "utf-8")
    return leg, exe


LEGISLATORS = [
    # the same person in two terms, with a Wikidata id; the source writes "Surname, Given"
    "Vandermeer, Anneke\tAnneke V.\tNLD\tNetherlands\tTweede Kamer\tPartij A\t2010\t2010-06-17"
    "\t2012-09-19\tQ900001\tep-1",
    "Vandermeer, Anneke\t\tNLD\tNetherlands\tTweede Kamer\tPartij A\t2012\t2012-09-20"
    "\t\tQ900001\tep-1",
    # a back-bencher known only from the roll
    "Piet Kloosterman\t\tNLD\tNetherlands\tTweede Kamer\tPartij A\t2012\t2012-09-20"
    "\t2014-01-01\t\tep-2",
    "Piet Kloosterman\t\tBEL\tBelgium\tKamer\tPartij B\t2012\t2012-09-20\t2014-01-01\t\tep-3",
    "Juan Ortega\t\tESP\tSpain\tCongreso\tunknown\t2008\t2008-04-01\t2011-12-13\tQ900002\tep-4",
]
EXECUTIVES = [
    "Anneke Vandermeer\t\tNLD\tHOG\t2013-01-01\t2018-01-01\thttps://example.org/pm-nl",
    "Anneke Vandermeer\t\tNATO\tHOS\t2019-01-01\t\thttps://example.org/nato",
    "Juan Ortega\t\tMEX\tFM\t2009-01-01\t2012-01-01\thttps://example.org/fm-mx",
    "Karel Brandt\tKarl Brandt\tDEU\tDM\t2001-01-01\t2004-06-30\thttps://example.org/dm-de",
]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, KnowledgeBase]:
    folder = tmp_path_factory.mktemp("kb")
    leg, exe = write_sources(folder, LEGISLATORS, EXECUTIVES)
    out = folder / "out"
    report = build_kb(leg, executives=exe, output=out)
    assert (report.persons, report.executives, report.executive_terms) == (6, 3, 4)
    kb = load_kb((out / "kb_persons.tsv.gz").read_bytes())
    return out, kb


def test_names_in_source_styles_read_given_name_first() -> None:
    assert display_name("Vandermeer, Anneke") == "Anneke Vandermeer"
    assert display_name("VANDERMEER Anneke") == "Anneke Vandermeer"
    assert display_name("Anneke Vandermeer") == "Anneke Vandermeer"


def test_build_joins_a_legislator_and_her_offices_into_one_person(
    built: tuple[Path, KnowledgeBase],
) -> None:
    _, kb = built
    (person,) = kb.named("Anneke Vandermeer")
    assert person.kb_id == "kb:Q900001"
    assert sorted(r.office for r in person.roles) == ["HOG", "HOS", "LEG", "LEG"]
    # the intergovernmental office belongs to the same person, and is NATO's
    assert {r.country for r in person.roles if r.office == "HOS"} == {"NATO"}
    assert [p.kb_id for p in kb.named("Anneke V.")] == ["kb:Q900001"]


def test_build_is_deterministic_and_writes_parties_and_regions(
    built: tuple[Path, KnowledgeBase], tmp_path: Path
) -> None:
    out, _ = built
    leg, exe = write_sources(tmp_path, LEGISLATORS, EXECUTIVES)
    build_kb(leg, executives=exe, output=tmp_path / "again")
    for name in ("kb_persons.tsv.gz", "kb_parties.tsv", "kb_regions.tsv"):
        assert (tmp_path / "again" / name).read_bytes() == (out / name).read_bytes(), name
    parties = (out / "kb_parties.tsv").read_text("utf-8")
    assert "Partij A\tNLD\t3" in parties and "unknown" not in parties
    assert "Northmarch\tNLD" in (out / "kb_regions.tsv").read_text("utf-8")


def test_build_refuses_an_office_row_without_a_source(tmp_path: Path) -> None:
    leg, exe = write_sources(
        tmp_path, LEGISLATORS, ["Karel Brandt\t\tDEU\tDM\t2001-01-01\t\tsee the news"]
    )
    with pytest.raises(KnowledgeBaseError, match="no source URL"):
        build_kb(leg, executives=exe, output=tmp_path / "out")


def test_a_damaged_base_is_a_coded_error() -> None:
    with pytest.raises(KnowledgeBaseError) as caught:
        load_kb(b"not gzip at all")
    assert caught.value.code == "E410"
    with pytest.raises(KnowledgeBaseError, match="header"):
        load_kb(gzip.compress(b"name\tcountry\n"))


def test_offices_are_dated(built: tuple[Path, KnowledgeBase]) -> None:
    _, kb = built
    serving = known_person("Anneke Vandermeer", when=date(2015, 5, 1), kb=kb)
    assert serving is not None
    assert (serving.country, serving.sector, serving.role) == ("NLD", "GOV", "head of government")
    # between her offices: out of the Dutch one, not yet at NATO -> an elite of her country
    between = known_person("Anneke Vandermeer", when=date(2018, 6, 1), kb=kb)
    assert between is not None and (between.country, between.sector) == ("NLD", "ELI")
    at_nato = known_person("Anneke Vandermeer", when=date(2021, 1, 1), kb=kb)
    assert at_nato is not None and (at_nato.country, at_nato.sector) == ("NATO", "GOV")
    assert at_nato.role == "head of NATO"
    # without a date: her own country's most senior office
    undated = known_person("Anneke Vandermeer", kb=kb)
    assert undated is not None and (undated.country, undated.role) == ("NLD", "head of government")
    assert any("https://example.org/pm-nl" in line for line in undated.evidence)


def test_a_defence_minister_is_government_and_military(built: tuple[Path, KnowledgeBase]) -> None:
    _, kb = built
    found = known_person("Karl Brandt", when=date(2002, 1, 1), kb=kb)
    assert found is not None and (found.sector, found.sectors) == ("GOV", ("MIL",))
    before = known_person("Karel Brandt", when=date(1995, 1, 1), kb=kb)
    assert before is not None and before.country == "DEU" and before.sector is None


def test_an_open_legislative_term_is_not_guessed_past_the_source(
    built: tuple[Path, KnowledgeBase],
) -> None:
    _, kb = built
    (person,) = kb.named("Anneke Vandermeer")
    open_term = next(r for r in person.roles if r.office == "LEG" and r.end is None)
    assert open_term.held_on(date(2015, 1, 1)) is True
    assert open_term.held_on(date(LEGISLATORS_UNTIL.year + 3, 1, 1)) is None


def test_same_name_in_two_countries_needs_the_document_to_choose(
    built: tuple[Path, KnowledgeBase],
) -> None:
    _, kb = built
    # a back-bencher of two legislatures, with no Wikidata id: only a document naming the
    # country lets us say who it is
    assert known_person("Piet Kloosterman", kb=kb) is None
    found = known_person("Piet Kloosterman", countries=frozenset({"BEL"}), kb=kb)
    assert found is not None and (found.country, found.sector) == ("BEL", "LEG")


def test_the_office_holder_wins_a_tie_between_namesakes(
    built: tuple[Path, KnowledgeBase],
) -> None:
    _, kb = built
    # two people called Juan Ortega: a Spanish legislator and a Mexican foreign minister
    assert len(kb.named("Juan Ortega")) == 2
    found = known_person("Juan Ortega", when=date(2010, 1, 1), kb=kb)
    assert found is not None and (found.country, found.sector) == ("MEX", "GOV")


def test_surnames_and_spellings_of_office_holders(built: tuple[Path, KnowledgeBase]) -> None:
    _, kb = built
    found = known_person("Vandermeer", when=date(2014, 1, 1), kb=kb)
    assert found is not None and found.country == "NLD"
    assert "surname" in found.evidence[0]
    misspelt = known_person("Anneke Vandermer", when=date(2014, 1, 1), kb=kb)
    assert misspelt is not None and misspelt.person.name == "Anneke Vandermeer"
    # a different given name is a different person
    assert known_person("Sofia Vandermer", kb=kb) is None
    # a legislator's surname alone is no one
    assert known_person("Kloosterman", kb=kb) is None
    assert known_name("Karl Brandt", kb=kb) and not known_name("Piet Kloosterman", kb=kb)


def test_edit_distance_with_swaps() -> None:
    assert _edits("gbago", "gbagbo", 2) == 1 and _edits("gbagbo", "gbago", 2) == 1
    assert _edits("mitterand", "mitterrand", 2) == 1
    assert _edits("santso", "santos", 2) == 1  # neighbours swapped
    assert _edits("sontas", "santos", 2) == 2
    assert _edits("putin", "obama", 2) == 3  # past the limit: limit + 1


def test_gold_sector_spellings() -> None:
    assert [_sector(v) for v in ("GOV", "CIV", "***", "", None, "REBkur")] == [
        "GOV",
        "CVL",
        None,
        None,
        None,
        "REB",
    ]


def test_the_shipped_base_loads_with_sources_on_every_office() -> None:
    kb = knowledge_base()
    assert len(kb) > 60_000
    persons = [kb._person(n) for n in range(0, len(kb), 97)]
    for person in persons:
        for role in person.roles:
            assert role.source == "everypolitician" or role.source.startswith("https://")
    assert any(role.office == "LEG" for p in persons for role in p.roles)
    assert regions()  # the GeoNames divisions were built in


def test_a_party_name_gives_its_country_when_the_evidence_does() -> None:
    from crosswire.resolve.kb import party_country

    assert party_country("CDU") == "DEU"  # nine in ten of the name's seats are German
    assert party_country("Labour Party") is None  # three legislatures, none dominant
    assert party_country("Labour Party", frozenset({"NZL"})) == "NZL"
    assert party_country("No Such Party") is None
