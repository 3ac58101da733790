"""Bounds on the work one text can cause, without the model: long runs, datelines, limits."""

from __future__ import annotations

import pytest

from crosswire.coding import MAX_RUN, break_long_runs
from crosswire.errors import RequestError
from crosswire.nlp.dateline import find_dateline
from crosswire.store.queries import MAX_ROWS, EventFilter, paging


def test_long_runs_are_broken_and_offsets_kept() -> None:
    text = "Chile met Peru. " + "?!" * 100 + " https://news.example/" + "a" * 40
    broken = break_long_runs(text)
    assert len(broken) == len(text)
    assert broken.startswith("Chile met Peru. ")
    assert max(len(run) for run in broken.split()) == MAX_RUN - 1
    assert break_long_runs("Ordinary words stay as they are.") == "Ordinary words stay as they are."
    assert [i for i, c in enumerate(break_long_runs("x" * 70)) if c == " "] == [31, 63]


def test_dateline_pattern_does_not_backtrack() -> None:
    # each of these kept the old pattern busy for minutes; now they answer at once
    for hostile in ("A" + "-B" * 5000, "A " * 5000, "NEW-" * 3000 + ": x"):
        assert find_dateline(hostile) is None
    found = find_dateline("PORT-AU-PRINCE, Jan. 5 (AP) — Haiti's government said")
    assert found is not None
    assert (found.city, found.date_text, found.agency) == ("Port-Au-Prince", "Jan. 5", "AP")


def test_datelines_with_a_state_a_tight_colon_or_a_wire_dash() -> None:
    wire = find_dateline("PLEASANTON, Calif.--(BUSINESS WIRE)--DeltaTrak said on Monday")
    assert wire is not None and (wire.city, wire.region, wire.agency) == (
        "Pleasanton",
        "Calif.",
        None,
    )
    text = "SOUTH WAZIRISTAN, April 5 (APP):Chief of Army Staff visited"
    tight = find_dateline(text)
    assert tight is not None
    assert (tight.city, tight.date_text, tight.agency) == ("South Waziristan", "April 5", "APP")
    assert text[slice(*tight.city_span)] == "SOUTH WAZIRISTAN" and text[tight.end :].startswith(
        "Chief"
    )
    assert find_dateline("NATO-LED forces said on Monday") is None  # a hyphen needs a space


def test_limits_and_filters_refuse_impossible_values() -> None:
    assert paging(None) == ""
    assert paging(10, 20) == " LIMIT 10 OFFSET 20"
    for limit, offset in ((-1, 0), (10**30, 0), (5, -2), (MAX_ROWS + 1, 0)):
        with pytest.raises(RequestError):
            paging(limit, offset)
    with pytest.raises(RequestError, match="'MEET' is not a PLOVER event type"):
        EventFilter(type="MEET")
    with pytest.raises(RequestError, match="'North Korea' is not an ISO-3166"):
        EventFilter(country="North Korea")
    where = EventFilter(type="consult", country="prk")
    assert (where.type, where.country) == ("CONSULT", "PRK")
