from datetime import date

from crosswire.records import ActorRef, Article, content_id, fold, normalise_text, similar_names


def test_article_id_derives_from_normalised_text() -> None:
    a = Article.create("Poland  expelled\nthree diplomats.", outlet="A")
    b = Article.create("poland expelled three diplomats.", outlet="B", published=date(2025, 1, 1))
    c = Article.create("Poland expelled four diplomats.")
    assert a.id == b.id
    assert a.id != c.id
    assert a.id.startswith("art_")


def test_normalise_unifies_quotes_and_space() -> None:
    assert normalise_text("\u201cHi\u201d  it\u2019s") == '"hi" it\'s'


def test_content_id_is_stable_and_sensitive() -> None:
    assert content_id("ev", "a", 1) == content_id("ev", "a", 1)
    assert content_id("ev", "a", 1) != content_id("ev", "a", 2)
    assert content_id("ev", "ab", "") != content_id("ev", "a", "b")


def test_fold_removes_diacritics_and_special_letters() -> None:
    assert fold("Dahl-Sørensen") == fold("Dahl Sorensen") == "dahl sorensen"
    assert fold("Nguyễn") == "nguyen"


def test_similar_names() -> None:
    assert similar_names("Krasnov", "Igor Krasnov")
    assert similar_names("Daniel Mwangi Otieno", "Daniel Mwangi Otiyeno")
    assert not similar_names("Igor Krasnov", "Kim Chol Won")
    assert not similar_names("Daniel Otieno", "Daniel Mwangi Kamau")


def test_actor_ids() -> None:
    person = ActorRef("Igor Krasnov", "person", "RUS", "JUD", "Prosecutor General").with_id()
    same = ActorRef("igor krasnov", "person", None, None).with_id()
    country = ActorRef("Russia", "country", "RUS").with_id()
    police_ken = ActorRef("police", "group", "KEN", "COP").with_id()
    police_geo = ActorRef("police", "group", "GEO", "COP").with_id()
    assert person.actor_id == same.actor_id
    assert country.actor_id == ActorRef("Russian Federation", "country", "RUS").with_id().actor_id
    assert police_ken.actor_id != police_geo.actor_id
