"""The accurate profile's decisions on hand-built parses and hand-set heads: no model loaded."""

from __future__ import annotations

import numpy as np
import pytest

from crosswire.config import Config, load_config
from crosswire.eval.learned import bio_spans, span_scores
from crosswire.events import decide as decide_module
from crosswire.events import find_frames
from crosswire.events.decide import _complete, _governor, _orient, _type, _where, decide
from crosswire.events.frames import Frame
from crosswire.events.heads import (
    DYAD_INPUTS,
    ROLE_LABELS,
    Heads,
    between,
    decode,
    spans,
    viterbi,
)
from crosswire.events.learned import Roles
from crosswire.events.lexicon import Trigger
from crosswire.nlp.encoder import WIDTH, Encoded
from crosswire.resolve import build_mentions
from tests.test_frames import make_doc

SENT = [  # Japan sent relief supplies to the Philippines .
    ("Japan", "Japan", "PROPN", "NNP", "nsubj", 1, "B-GPE"),
    ("sent", "send", "VERB", "VBD", "ROOT", 1, ""),
    ("relief", "relief", "NOUN", "NN", "compound", 3, ""),
    ("supplies", "supply", "NOUN", "NNS", "dobj", 1, ""),
    ("to", "to", "ADP", "IN", "prep", 1, ""),
    ("the", "the", "DET", "DT", "det", 6, ""),
    ("Philippines", "Philippines", "PROPN", "NNP", "pobj", 4, "B-GPE"),
    (".", ".", "PUNCT", ".", "punct", 1, ""),
]
SAID = [  # Wrona said Poland would act .
    ("Wrona", "Wrona", "PROPN", "NNP", "nsubj", 1, "B-PERSON"),
    ("said", "say", "VERB", "VBD", "ROOT", 1, ""),
    ("Poland", "Poland", "PROPN", "NNP", "nsubj", 4, "B-GPE"),
    ("would", "would", "AUX", "MD", "aux", 4, ""),
    ("act", "act", "VERB", "VB", "ccomp", 1, ""),
    (".", ".", "PUNCT", ".", "punct", 1, ""),
]
KILLED = [  # Three civilians were killed in Basra .
    ("Three", "three", "NUM", "CD", "nummod", 1, "B-CARDINAL"),
    ("civilians", "civilian", "NOUN", "NNS", "nsubjpass", 3, ""),
    ("were", "be", "AUX", "VBD", "auxpass", 3, ""),
    ("killed", "kill", "VERB", "VBN", "ROOT", 3, ""),
    ("in", "in", "ADP", "IN", "prep", 3, ""),
    ("Basra", "Basra", "PROPN", "NNP", "pobj", 4, "B-GPE"),
    (".", ".", "PUNCT", ".", "punct", 3, ""),
]


def _heads(labels: tuple[str, ...], favourite: str, roles: np.ndarray | None = None) -> Heads:
    """Heads whose dyad typer always prefers ``favourite`` (bias only) and whose role tagger
    reads each word's first vector components as the role logits."""
    bias = np.array([4.0 if label == favourite else 0.0 for label in labels], np.float32)
    role_w = np.zeros((WIDTH, len(ROLE_LABELS)), np.float32)
    role_w[: len(ROLE_LABELS), :] = np.eye(len(ROLE_LABELS), dtype=np.float32)
    return Heads(
        role_w=role_w if roles is None else roles,
        role_b=np.zeros(len(ROLE_LABELS), np.float32),
        dyad_labels=labels,
        dyad_w=np.zeros((DYAD_INPUTS * WIDTH, len(labels)), np.float32),
        dyad_b=bias,
        penta_w=np.zeros((WIDTH, 5), np.float32),
        penta_b=np.zeros(5, np.float32),
    )


def _encoded(tags: list[str]) -> Encoded:
    """Word vectors whose first components one-hot encode the wanted role tag."""
    words = np.zeros((len(tags), WIDTH), np.float32)
    for n, tag in enumerate(tags):
        words[n, ROLE_LABELS.index(tag)] = 5.0
    return Encoded(words, np.ones(WIDTH, np.float32))


def test_role_spans_merge_touching_pieces_of_one_role() -> None:
    probs = np.full((6, len(ROLE_LABELS)), 0.01, np.float32)
    for n, tag in enumerate(["B-S", "O", "B-T", "B-T", "I-T", "O"]):
        probs[n, ROLE_LABELS.index(tag)] = 0.9
    best = decode(probs)
    assert [s[:2] for s in spans(probs, best, "S")] == [(0, 1)]
    assert [s[:2] for s in spans(probs, best, "T")] == [(2, 5)]
    assert between((0, 1), (2, 5)) == (1, 2) and between((0, 2), (2, 4)) is None


def test_decode_reads_a_span_whole_where_word_by_word_would_cut_it() -> None:
    probs = np.full((4, len(ROLE_LABELS)), 0.01, np.float32)
    rows = {0: {"O": 0.9}, 1: {"I-T": 0.5, "B-T": 0.4}, 2: {"I-T": 0.9}, 3: {"O": 0.9}}
    for n, row in rows.items():
        for tag, p in row.items():
            probs[n, ROLE_LABELS.index(tag)] = p
    # word by word the span starts with an I- after an O; the best well-formed reading is B I
    assert [ROLE_LABELS[i] for i in probs.argmax(axis=1)] == ["O", "I-T", "I-T", "O"]
    assert [ROLE_LABELS[i] for i in decode(probs)] == ["O", "B-T", "I-T", "O"]
    # an I- of another role cannot continue a span: the stronger reading wins as a whole
    probs[2] = 0.01
    probs[2, ROLE_LABELS.index("I-S")] = 0.6
    probs[2, ROLE_LABELS.index("I-T")] = 0.3
    assert [ROLE_LABELS[i] for i in decode(probs)] == ["O", "B-T", "I-T", "O"]
    assert decode(probs[:0]) == []


def test_decode_takes_each_words_best_tag_only_when_that_is_well_formed() -> None:
    rng = np.random.default_rng(3)
    shortcut = 0
    for _ in range(300):
        n = int(rng.integers(1, 12))
        logits = rng.normal(0, 1, (n, len(ROLE_LABELS)))
        logits[:, 0] += rng.uniform(0, 3)  # mostly O, as in news sentences
        probs = (np.exp(logits) / np.exp(logits).sum(axis=1, keepdims=True)).astype(np.float32)
        found = decode(probs)
        assert found == viterbi(probs)
        shortcut += found == list(probs.argmax(axis=1))
    assert 0 < shortcut < 300  # both ways were taken


def test_bio_spans_and_span_scores() -> None:
    gold = [["B-S", "I-S", "O", "B-T"], ["B-R", "O"]]
    predicted = [["B-S", "I-S", "O", "B-S"], ["I-R", "O"]]
    assert bio_spans(gold[0]) == {("S", 0, 2), ("T", 3, 4)}
    assert bio_spans(predicted[1]) == {("R", 0, 1)}
    scores = span_scores(gold, predicted)
    assert scores["span_precision"] == round(2 / 3, 4) and scores["span_recall"] == round(2 / 3, 4)
    assert scores["T_span_f1"] == 0.0 and scores["R_span_f1"] == 1.0


def test_orient_swaps_sides_the_tagger_reads_the_other_way() -> None:
    doc = make_doc(KILLED)
    frame = Frame(3, Trigger("kill", False, "ASSAULT", None, "190", frozenset()))
    frame.sources, frame.targets = [[0, 1]], [[5]]
    tagged = Roles(sources=[(5, 6, 0.9)], targets=[(0, 2, 0.9)], both=[])
    _orient(doc[:], frame, tagged)
    assert frame.sources == [[5]] and frame.targets == [[0, 1]]
    _orient(doc[:], frame, tagged)  # already in the tagger's order: unchanged
    assert frame.sources == [[5]]


def test_governor_is_the_verb_of_both_sides_never_a_verb_of_saying() -> None:
    doc = make_doc(SENT)
    assert _governor(doc[:], [0], [5, 6]) == doc[1]
    said = make_doc(SAID)
    assert _governor(said[:], [0], [2]) is None


JOINED = [  # Chile and Peru signed a treaty .
    ("Chile", "Chile", "PROPN", "NNP", "nsubj", 3, "B-GPE"),
    ("and", "and", "CCONJ", "CC", "cc", 0, ""),
    ("Peru", "Peru", "PROPN", "NNP", "conj", 0, "B-GPE"),
    ("signed", "sign", "VERB", "VBD", "ROOT", 3, ""),
    ("a", "a", "DET", "DT", "det", 5, ""),
    ("treaty", "treaty", "NOUN", "NN", "dobj", 3, ""),
    (".", ".", "PUNCT", ".", "punct", 3, ""),
]
OWN = [  # Oslo said it would fund schools in Chad .
    ("Oslo", "Oslo", "PROPN", "NNP", "nsubj", 1, "B-GPE"),
    ("said", "say", "VERB", "VBD", "ROOT", 1, ""),
    ("it", "it", "PRON", "PRP", "nsubj", 4, ""),
    ("would", "would", "AUX", "MD", "aux", 4, ""),
    ("fund", "fund", "VERB", "VB", "ccomp", 1, ""),
    ("schools", "school", "NOUN", "NNS", "dobj", 4, ""),
    ("in", "in", "ADP", "IN", "prep", 5, ""),
    ("Chad", "Chad", "PROPN", "NNP", "pobj", 6, "B-GPE"),
    (".", ".", "PUNCT", ".", "punct", 1, ""),
]
CARRIED = [  # Iran continued to ship fuel to Syria .
    ("Iran", "Iran", "PROPN", "NNP", "nsubj", 1, "B-GPE"),
    ("continued", "continue", "VERB", "VBD", "ROOT", 1, ""),
    ("to", "to", "PART", "TO", "aux", 3, ""),
    ("ship", "ship", "VERB", "VB", "xcomp", 1, ""),
    ("fuel", "fuel", "NOUN", "NN", "dobj", 3, ""),
    ("to", "to", "ADP", "IN", "prep", 3, ""),
    ("Syria", "Syria", "PROPN", "NNP", "pobj", 5, "B-GPE"),
    (".", ".", "PUNCT", ".", "punct", 1, ""),
]


def test_coordinated_sides_share_their_verb() -> None:
    doc = make_doc(JOINED)
    assert _governor(doc[:], [0], [2]) == doc[3]


def test_a_speakers_own_reported_act_is_its_verb_another_speakers_is_not() -> None:
    doc = make_doc(OWN)
    assert _governor(doc[:], [0], [7]) == doc[4]
    said = make_doc(SAID)  # the reported clause has its own subject: a statement only
    assert _governor(said[:], [0], [2]) is None


def test_a_verb_that_carries_another_hands_the_act_down() -> None:
    doc = make_doc(CARRIED)
    assert _governor(doc[:], [0], [6]) == doc[3]


def test_intended_acts_keep_their_type_when_the_model_says_agree(monkeypatch: object) -> None:
    doc = make_doc(SENT)
    heads = _heads(("AGREE", "CONSULT"), "AGREE")
    visit = Trigger("visit", False, "CONSULT", "visit", "042", frozenset())
    intended = Frame(1, visit, sources=[[0]], targets=[[6]], modality="intended")
    _type(heads, doc[:], intended, _encoded(["O"] * len(doc)), set())
    assert intended.spec.event == "CONSULT" and intended.learned is not None
    asserted = Frame(1, visit, sources=[[0]], targets=[[6]])
    _type(heads, doc[:], asserted, _encoded(["O"] * len(doc)), set())
    assert asserted.spec.event == "AGREE" and asserted.spec.cameo.startswith("03")


def test_decide_adds_a_frame_where_the_tagger_finds_both_sides(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    doc = make_doc(SENT)
    tags = ["B-S", "O", "O", "O", "O", "B-T", "I-T", "O"]
    monkeypatch.setattr(decide_module, "bundled_heads", lambda: _heads(("AID", "ASSAULT"), "AID"))
    found = decide(doc, [], {0: _encoded(tags)})
    assert len(found) == 1
    frame = found[0]
    assert frame.trigger == 1 and frame.spec.event == "AID"
    assert frame.sources == [[0]] and frame.targets == [[5, 6]]
    # the same sentence with a rule frame gets no second frame
    rule = Frame(1, Trigger("send", False, "AID", None, "070", frozenset()), [[0]], [[5, 6]])
    assert decide(doc, [rule], {0: _encoded(tags)}) == [rule]


BLAST = [  # A bomb killed two soldiers in Kandahar .
    ("A", "a", "DET", "DT", "det", 1, ""),
    ("bomb", "bomb", "NOUN", "NN", "nsubj", 2, ""),
    ("killed", "kill", "VERB", "VBD", "ROOT", 2, ""),
    ("two", "two", "NUM", "CD", "nummod", 4, "B-CARDINAL"),
    ("soldiers", "soldier", "NOUN", "NNS", "dobj", 2, ""),
    ("in", "in", "ADP", "IN", "prep", 2, ""),
    ("Kandahar", "Kandahar", "PROPN", "NNP", "pobj", 5, "B-GPE"),
    (".", ".", "PUNCT", ".", "punct", 2, ""),
]


def test_violence_with_no_named_attacker_is_by_unidentified_attackers_where_it_happened() -> None:
    for rows, country in ((KILLED, "IRQ"), (BLAST, "AFG")):
        doc = make_doc(rows)
        (mention,) = build_mentions(doc, find_frames(doc), None)
        assert mention.event == "ASSAULT"
        assert [(a.name, a.sector, a.country) for a in mention.actors] == [
            ("unidentified attackers", "UAF", country)
        ]
        assert len(mention.recipients) == 1 and mention.recipients[0].country == country


@pytest.mark.slow
def test_the_accurate_profile_codes_acts_the_lexicon_misses() -> None:
    import crosswire

    sentence = "Norway shipped emergency medical supplies to Sudan on Friday."
    fast = crosswire.code(sentence, published="2025-06-09", config=_profile("fast"))
    accurate = crosswire.code(sentence, published="2025-06-09")
    assert fast == []  # "ship" is no trigger of the lexicon
    assert len(accurate) == 1
    event = accurate[0]
    assert (
        event.event == "AID" and event.date is not None and event.date.isoformat() == "2025-06-06"
    )
    assert [a.country for a in event.actors] == ["NOR"]
    assert [a.country for a in event.recipients] == ["SDN"]


def _profile(name: str) -> Config:
    return load_config(environ={"CROSSWIRE_EVENTS__PROFILE": name})


OFFSHORE = [  # Firms drilled off Ghana 's coast .
    ("Firms", "firm", "NOUN", "NNS", "nsubj", 1, ""),
    ("drilled", "drill", "VERB", "VBD", "ROOT", 1, ""),
    ("off", "off", "ADP", "IN", "prep", 1, ""),
    ("Ghana", "Ghana", "PROPN", "NNP", "poss", 5, "B-GPE"),
    ("'s", "'s", "PART", "POS", "case", 3, ""),
    ("coast", "coast", "NOUN", "NN", "pobj", 2, ""),
    (".", ".", "PUNCT", ".", "punct", 1, ""),
]


def test_the_owner_of_a_place_is_a_place_not_a_participant() -> None:
    doc = make_doc(OFFSHORE)
    assert _where(doc, [3, 4]) and _where(doc, [5])
    assert not _where(make_doc(SENT), [5, 6])  # "to the Philippines": a recipient


PAIR = [  # Peru warned Chile and Bolivia .
    ("Peru", "Peru", "PROPN", "NNP", "nsubj", 1, "B-GPE"),
    ("warned", "warn", "VERB", "VBD", "ROOT", 1, ""),
    ("Chile", "Chile", "PROPN", "NNP", "dobj", 1, "B-GPE"),
    ("and", "and", "CCONJ", "CC", "cc", 2, ""),
    ("Bolivia", "Bolivia", "PROPN", "NNP", "conj", 2, "B-GPE"),
    (".", ".", "PUNCT", ".", "punct", 1, ""),
]


def test_a_side_the_tagger_fills_takes_its_conjuncts() -> None:
    doc = make_doc(PAIR)
    warn = Frame(1, Trigger("warn", False, "THREATEN", None, "130", frozenset()), [[0]], [])
    _complete(doc[:], warn, Roles([(0, 1, 0.9)], [(2, 3, 0.9)], []))
    assert warn.targets == [[2], [4]]


def test_a_visit_stays_a_visit_whatever_the_typer_says() -> None:
    doc = make_doc(SENT)
    heads = _heads(("AID", "CONSULT"), "AID")
    arrive = Trigger("arrive", False, "CONSULT", "visit", "042", frozenset())
    visit = Frame(1, arrive, sources=[[0]], targets=[[6]])
    _type(heads, doc[:], visit, _encoded(["O"] * len(doc)), set())
    assert visit.spec.event == "CONSULT"
    send = Frame(1, Trigger("send", False, "CONSULT", None, "040", frozenset()), [[0]], [[6]])
    _type(heads, doc[:], send, _encoded(["O"] * len(doc)), set())
    assert send.spec.event == "AID"


def test_a_negated_act_the_typer_reads_as_a_refusal_is_a_refusal_not_negated() -> None:
    doc = make_doc(SENT)
    heads = _heads(("AGREE", "REJECT"), "REJECT")
    accept = Trigger("accept", False, "AGREE", None, "030", frozenset())
    refused = Frame(1, accept, sources=[[0]], targets=[[6]], negated=True)
    _type(heads, doc[:], refused, _encoded(["O"] * len(doc)), set())
    assert (refused.spec.event, refused.negated) == ("REJECT", False)  # "did not accept"
    heads = _heads(("AGREE", "REJECT"), "AGREE")
    reject = Trigger("reject", False, "REJECT", None, "120", frozenset())
    kept = Frame(1, reject, sources=[[0]], targets=[[6]], negated=True)
    _type(heads, doc[:], kept, _encoded(["O"] * len(doc)), set())
    assert kept.negated  # "did not reject", whatever its type becomes


def test_a_word_of_violence_is_never_read_as_cooperation() -> None:
    doc = make_doc(SENT)
    heads = _heads(("ASSAULT", "COOPERATE", "COERCE"), "COOPERATE")
    fire = Trigger("fire", True, "ASSAULT", None, "190", frozenset())
    clash = Frame(1, fire, sources=[[0]], targets=[[6]])
    _type(heads, doc[:], clash, _encoded(["O"] * len(doc)), set())
    assert clash.spec.event == "ASSAULT"
    heads = _heads(("ASSAULT", "COOPERATE", "COERCE"), "COERCE")
    _type(heads, doc[:], clash, _encoded(["O"] * len(doc)), set())
    assert clash.spec.event == "COERCE"  # another conflictual reading may still win


EXPELLED = [  # Poland expelled diplomats , accusing them .
    ("Poland", "Poland", "PROPN", "NNP", "nsubj", 1, "B-GPE"),
    ("expelled", "expel", "VERB", "VBD", "ROOT", 1, ""),
    ("diplomats", "diplomat", "NOUN", "NNS", "dobj", 1, ""),
    (",", ",", "PUNCT", ",", "punct", 1, ""),
    ("accusing", "accuse", "VERB", "VBG", "advcl", 1, ""),
    ("them", "they", "PRON", "PRP", "dobj", 4, ""),
    (".", ".", "PUNCT", ".", "punct", 1, ""),
]


def test_a_clause_never_takes_the_type_of_the_sentences_main_act() -> None:
    doc = make_doc(EXPELLED)
    heads = _heads(("ACCUSE", "SANCTION"), "SANCTION")
    accuse = Trigger("accuse", False, "ACCUSE", None, "112", frozenset())
    clause = Frame(4, accuse, sources=[[0]], targets=[[5]])
    _type(heads, doc[:], clause, _encoded(["O"] * len(doc)), {"SANCTION"})
    assert clause.spec.event == "ACCUSE"  # the typer read the expulsion into the clause
    alone = Frame(4, accuse, sources=[[0]], targets=[[5]])
    _type(heads, doc[:], alone, _encoded(["O"] * len(doc)), {"CONSULT"})
    assert alone.spec.event == "SANCTION"  # no main act of that type: the typer is believed


BACKGROUND = [  # Aid reached Basra , where civilians were killed .
    ("Aid", "aid", "NOUN", "NN", "nsubj", 1, ""),
    ("reached", "reach", "VERB", "VBD", "ROOT", 1, ""),
    ("Basra", "Basra", "PROPN", "NNP", "dobj", 1, "B-GPE"),
    (",", ",", "PUNCT", ",", "punct", 2, ""),
    ("where", "where", "SCONJ", "WRB", "advmod", 7, ""),
    ("civilians", "civilian", "NOUN", "NNS", "nsubjpass", 7, ""),
    ("were", "be", "AUX", "VBD", "auxpass", 7, ""),
    ("killed", "kill", "VERB", "VBN", "relcl", 2, ""),
    (".", ".", "PUNCT", ".", "punct", 1, ""),
]


def test_a_killing_told_as_background_gets_no_unidentified_attacker() -> None:
    doc = make_doc(BACKGROUND)
    kill = Frame(7, Trigger("kill", False, "ASSAULT", None, "1823", frozenset()), [], [[5]])
    assert build_mentions(doc, [kill], None) == []


DURING = [  # Ortega suggested patrols during a meeting with Ruiz .
    ("Ortega", "Ortega", "PROPN", "NNP", "nsubj", 1, "B-PERSON"),
    ("suggested", "suggest", "VERB", "VBD", "ROOT", 1, ""),
    ("patrols", "patrol", "NOUN", "NNS", "dobj", 1, ""),
    ("during", "during", "ADP", "IN", "prep", 1, ""),
    ("a", "a", "DET", "DT", "det", 5, ""),
    ("meeting", "meeting", "NOUN", "NN", "pobj", 3, ""),
    ("with", "with", "ADP", "IN", "prep", 5, ""),
    ("Ruiz", "Ruiz", "PROPN", "NNP", "pobj", 6, "B-PERSON"),
    (".", ".", "PUNCT", ".", "punct", 1, ""),
]


def test_an_act_named_in_a_prepositional_phrase_keeps_its_words_type() -> None:
    doc = make_doc(DURING)
    heads = _heads(("ACCUSE", "CONSULT"), "ACCUSE")  # the typer reads the whole sentence
    meeting = Trigger("meeting", True, "CONSULT", None, "040", frozenset({"with"}))
    during = Frame(5, meeting, sources=[[0]], targets=[[7]])
    _type(heads, doc[:], during, _encoded(["O"] * len(doc)), set())
    assert during.spec.event == "CONSULT"
    suggested = Frame(1, Trigger("suggest", False, "CONSULT", None, "040", frozenset()))
    suggested.sources, suggested.targets = [[0]], [[7]]
    _type(heads, doc[:], suggested, _encoded(["O"] * len(doc)), set())
    assert suggested.spec.event == "ACCUSE"  # the clause's own verb is the typer's to type
