from datetime import date

import pytest

from crosswire.resolve.dates import document_times, interval, resolve_time, text_anchor
from tests.builders import coded_by_trigger

REF = date(2024, 7, 24)  # a Wednesday


@pytest.mark.parametrize(
    ("text", "value", "precision"),
    [
        ("2024-07-22", date(2024, 7, 22), "day"),
        ("July 22, 2024", date(2024, 7, 22), "day"),
        ("22 July 2024", date(2024, 7, 22), "day"),
        ("on July 22", date(2024, 7, 22), "day"),
        ("yesterday", date(2024, 7, 23), "day"),
        ("the day before", date(2024, 7, 23), "day"),
        ("on Monday", date(2024, 7, 22), "day"),
        ("Wednesday", date(2024, 7, 24), "day"),
        ("last Wednesday", date(2024, 7, 17), "day"),
        ("last week", date(2024, 7, 15), "week"),
        ("this week", date(2024, 7, 22), "week"),
        ("last month", date(2024, 6, 1), "month"),
        ("in April", date(2024, 4, 1), "month"),
        ("in December", date(2023, 12, 1), "month"),
        ("September last year", date(2023, 9, 1), "month"),
        ("March 2022", date(2022, 3, 1), "month"),
        ("2010", date(2010, 1, 1), "year"),
        ("three days ago", date(2024, 7, 21), "day"),
    ],
)
def test_resolves_past_expressions(text: str, value: date, precision: str) -> None:
    found = resolve_time(text, REF)
    assert found is not None
    assert (found.value, found.precision) == (value, precision)
    assert found.text == text and found.rule


def test_future_weekdays_and_ranges() -> None:
    assert resolve_time("on Friday", REF, future=True).value == date(2024, 7, 26)  # type: ignore[union-attr]
    span = resolve_time("from Tuesday to Friday", date(2024, 7, 22), future=True)
    assert span is not None
    assert (span.value, span.until) == (date(2024, 7, 23), date(2024, 7, 26))


def test_unreadable_and_impossible() -> None:
    assert resolve_time("31 February 2024", REF) is None
    assert resolve_time("the golden age", REF) is None
    assert resolve_time("yesterday", None) is None  # no anchor: never guess


def test_interval_and_anchor() -> None:
    assert interval(date(2024, 2, 1), "month") == (date(2024, 2, 1), date(2024, 2, 29))
    assert interval(date(2024, 7, 15), "week") == (date(2024, 7, 15), date(2024, 7, 21))
    assert text_anchor("Filed March 3, 2024; updated 5 March 2024.") == date(2024, 3, 5)
    assert text_anchor("no dates here") is None


def test_anaphoric_days_take_the_day_named_before_them() -> None:
    text = "The envoys landed on July 9. The same day they met the mayor; at that time talks began."
    found = [(t.text, t.value, t.rule) for t in document_times(text, REF)]
    assert found == [
        ("July 9", date(2024, 7, 9), "full-date"),
        ("The same day", date(2024, 7, 9), "anaphoric-day"),
        ("at that time", date(2024, 7, 9), "that-time"),
    ]
    # with nothing named before, "the day before" counts back from the reference date
    assert resolve_time("the day before", REF).value == date(2024, 7, 23)  # type: ignore[union-attr]
    # "the day before the vote" is anchored on the vote, which no date names: not read
    assert resolve_time("the day before the vote", REF) is None


def test_values_of_every_precision_become_dated_spans() -> None:
    def one(text: str) -> tuple[object, ...]:
        found = resolve_time(text, REF)
        assert found is not None, text
        return found.value, found.precision, found.until

    assert one("the third quarter of 2023") == (date(2023, 7, 1), "month", date(2023, 9, 30))
    assert one("last weekend") == (date(2024, 7, 20), "day", date(2024, 7, 21))
    assert one("last summer") == (date(2023, 6, 1), "month", date(2023, 8, 31))
    assert resolve_time("for three years", REF) is None  # a duration names no date
    assert resolve_time("in the 1990s", REF) is None  # a decade is wider than a year


def test_eval_scores_the_recogniser_the_pipeline_dates_events_with() -> None:
    from crosswire.eval import timex as scored
    from crosswire.resolve import dates, mentions, timex

    assert scored.find_timexes is timex.find_timexes is dates.find_timexes
    assert mentions.document_times is dates.document_times


@pytest.mark.slow
def test_a_range_that_describes_the_object_does_not_date_the_event() -> None:
    import crosswire

    text = "Chile will sign a fishing accord with Peru for the period 2026 to 2029, officials said."
    (event,) = [e for e in crosswire.code(text, published="2025-05-14") if e.event == "AGREE"]
    # not 2029, the plan's last year: no time of the signing is said, so publication stands in
    assert event.date is not None and event.date.isoformat() == "2025-05-14"


@pytest.mark.slow
def test_an_undated_past_act_takes_the_day_the_report_just_named() -> None:
    import crosswire

    text = (
        "Opposition supporters marched on parliament in Tbilisi on March 3. "
        "Georgian police detained twelve protesters. "
        "Georgia has accused Russia of meddling in the protests."
    )
    events = {e.event: e for e in crosswire.code(text, published="2025-03-05")}
    assert events["COERCE"].date is not None and events["COERCE"].date.isoformat() == "2025-03-03"
    accused = events["ACCUSE"].date  # the present perfect names no day: publication stands in
    assert accused is not None and accused.isoformat() == "2025-03-05"


@pytest.mark.slow
def test_a_month_named_just_before_sets_the_scene_but_a_year_does_not() -> None:

    text = (
        "In March, Chile's trade minister Rosa Vidal visited Lima. "
        "She signed a fishing accord with Peru. "
        "In 2019, Chile and Peru ended a dispute over their sea border. "
        "Peru expelled two Chilean diplomats."
    )
    events = coded_by_trigger(text, published="2025-05-14")
    signed = events["signed"].date  # the month told a sentence up is the signing's scene
    assert signed is not None and signed.isoformat() == "2025-03-01"
    assert events["signed"].date_precision == "month"
    expelled = events["expelled"].date
    # a year is background, not a scene: no time is said, so publication stands in
    assert expelled is not None and expelled.isoformat() == "2025-05-14"


@pytest.mark.slow
def test_an_intent_is_dated_when_it_was_stated() -> None:

    text = (
        "Chile and Peru held a summit in Lima in March. The two discussed fishing. "
        "Under a treaty announced at their summit, Chile and Peru agreed to offer each other "
        "naval help."
    )
    events = coded_by_trigger(text, published="2024-07-23")
    offer = events["offer"]  # intended: dated by the agreement that stated it, in March
    assert offer.modality == "intended"
    assert offer.date is not None and offer.date.isoformat() == "2024-03-01"
    # done by each to the other: one side each, not two sources and no recipient
    assert ([a.country for a in offer.actors], [a.country for a in offer.recipients]) == (
        ["CHL"],
        ["PER"],
    )
