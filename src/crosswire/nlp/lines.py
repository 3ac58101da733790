"""Line breaks that end a sentence: a heading ("Minister from Belarus"), a byline or a list item
stands alone, while a paragraph hard-wrapped at a fixed width reads on across its breaks."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Token

LINES = "crosswire_lines"
#: A line of at most this many words without closing punctuation is a heading or a label.
HEADING_WORDS = 8
_CLOSING = frozenset({".", "!", "?", ":", '"', "”", "’", "'", ")"})


@Language.component(LINES)
def line_breaks(doc: Doc) -> Doc:
    """Mark the first token after a line break as a sentence start when the line before it is
    complete (closing punctuation), a heading (short, no closing punctuation) or a paragraph
    end (a blank line). Runs before the parser, which keeps these starts."""
    line_start = 0
    for token in doc:
        if not token.is_space or "\n" not in token.text:
            continue
        words = [t for t in doc[line_start : token.i] if not t.is_space and not t.is_punct]
        last = _last_visible(doc, token)
        nxt = token.i + 1
        if (
            nxt < len(doc)
            and words
            and (
                token.text.count("\n") > 1
                or (last is not None and last.text in _CLOSING)
                or len(words) <= HEADING_WORDS
            )
        ):
            doc[nxt].is_sent_start = True
        line_start = nxt
    return doc


def _last_visible(doc: Doc, space: Token) -> Token | None:
    for i in range(space.i - 1, -1, -1):
        if not doc[i].is_space:
            return doc[i]
    return None
