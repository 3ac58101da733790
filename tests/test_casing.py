"""Case restored on lower-cased and all-capital text: offsets kept, names and starts capitalised."""

from __future__ import annotations

import pytest

from crosswire.resolve.casing import case_kind, restore_case

LOWER = (
    "police in nairobi detained two journalists on tuesday, officials said. the kenyan "
    "interior ministry gave no reason. i asked the police in the capital about it."
)


def test_lower_case_text_gets_its_capitals_back_with_the_same_length() -> None:
    restored = restore_case(LOWER)
    assert len(restored) == len(LOWER) and restored.lower() == LOWER
    assert restored.startswith("Police in Nairobi detained")
    assert "on Tuesday" in restored and "The Kenyan interior" in restored
    assert " I asked the police" in restored
    assert case_kind(LOWER) == "lower"


def test_all_capitals_are_read_as_lower_case_first() -> None:
    shouting = LOWER.upper()
    assert case_kind(shouting) == "upper"
    assert restore_case(shouting) == restore_case(LOWER)


def test_mixed_and_short_texts_are_left_alone() -> None:
    text = "Police in Nairobi detained two journalists on Tuesday, officials said in a statement."
    assert case_kind(text) == "mixed" and restore_case(text) == text
    assert restore_case("short text") == "short text"


@pytest.mark.slow
def test_names_and_abbreviations_are_not_split_as_contractions() -> None:
    from crosswire.nlp import load_pipeline

    nlp = load_pipeline()
    words = [t.text for t in nlp.make_doc("Busan, Wed (Wire) - Vice Minister Im Ha Na met him.")]
    assert "Wed" in words and "Im" in words  # not "We d", "I m"
    assert [t.text for t in nlp.make_doc("I can't go")] == ["I", "ca", "n't", "go"]


def test_initials_of_states_and_bodies_get_their_capitals_the_pronoun_does_not() -> None:
    from crosswire.resolve.casing import restore_case

    text = "they told us that the us, the eu and nato would act, and the un agreed on monday."
    restored = restore_case(text)
    assert (
        restored
        == "They told us that the US, the EU and NATO would act, and the UN agreed on Monday."
    )
    assert restore_case(text.upper()) == restored


def test_known_persons_bodies_and_peoples_get_their_capitals_a_lone_surname_does_not() -> None:
    from crosswire.resolve.casing import restore_case
    from crosswire.resolve.kb import knowledge_base

    person = next(
        n
        for n in knowledge_base().names()
        if n.count(" ") == 1 and n.replace(" ", "").isascii() and n.replace(" ", "").isalpha()
    )
    text = f"the taliban and {person} met albanians in kabul; may rice prices fall, he said."
    restored = restore_case(text)
    assert restored.startswith(f"The Taliban and {person.title()} met Albanians in Kabul; may rice")
    assert len(restored) == len(text)


def test_a_us_offer_and_a_head_of_state_named_by_title_and_surname() -> None:
    from crosswire.resolve.casing import restore_case
    from crosswire.resolve.kb import knowledge_base

    kb = knowledge_base()
    surname = next(
        last
        for n in kb.names()
        if n.count(" ") == 1
        and (last := n.split()[1]).isascii()
        and last.isalpha()
        and len(last) > 4
        and kb.by_surname(last)
    )
    text = f"three us soldiers backed a us-led plan, president {surname} told us on friday."
    assert restore_case(text) == (
        f"Three US soldiers backed a US-led plan, president {surname.title()} told us on Friday."
    )


def test_an_abbreviation_ends_no_sentence() -> None:
    from crosswire.resolve.casing import restore_case

    text = "a bomb killed one u.s. soldier near the base on monday. the army said so."
    assert restore_case(text) == (
        "A bomb killed one U.S. soldier near the base on Monday. The army said so."
    )


def test_a_name_with_a_possessive_gets_its_capital() -> None:
    from crosswire.resolve.casing import restore_case

    text = "berlin rejected calls by belarus's rulers for aid on monday, officials said."
    assert restore_case(text) == (
        "Berlin rejected calls by Belarus's rulers for aid on Monday, officials said."
    )
    assert restore_case(text.upper()) == restore_case(text)


def test_initials_the_tables_write_in_capitals_get_them_whole() -> None:
    from crosswire.resolve.casing import restore_case

    text = "the prc warned unita and the pkk, and the dprk's envoy met opec officials on friday."
    assert restore_case(text) == (
        "The PRC warned UNITA and the PKK, and the DPRK's envoy met OPEC officials on Friday."
    )
