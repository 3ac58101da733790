"""In-document person memory: names that absorb shorter names leave no stale index entries."""

from crosswire.records import ActorRef
from crosswire.resolve import DocActors


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
