"""Line breaks as sentence ends, on the tokenizer alone (no model)."""

from __future__ import annotations

import spacy

from crosswire.nlp.lines import line_breaks


def _starts(text: str) -> list[str]:
    doc = line_breaks(spacy.blank("en").make_doc(text))
    return [t.text for t in doc if t.is_sent_start and t.i > 0]


def test_headings_finished_lines_and_paragraphs_end_sentences() -> None:
    text = "Talks in Lima\nThe envoys met on Monday.\nThey agreed to meet again\n\nPeru said so."
    assert _starts(text) == ["The", "They", "Peru"]


def test_a_hard_wrapped_paragraph_reads_on() -> None:
    text = (
        "The foreign ministers of the two neighbouring countries met in the capital of\n"
        "Chile on Monday to discuss the border."
    )
    assert _starts(text) == []
