"""Event frames: a trigger with its source and target phrases, found from the dependency parse.

A frame still points into the ``Doc`` (token indices); ``resolve`` turns it into a ``Mention``
with canonical actors, a date and a place.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from crosswire.events.lexicon import Trigger, contexts, lookup
from crosswire.events.modality import SPEECH_VERBS, read_trigger
from crosswire.records import Modality

#: Verbs whose object noun carries the event ("held talks", "paid a visit", "launched an attack").
LIGHT_VERBS = frozenset(
    {
        "hold",
        "have",
        "pay",
        "make",
        "conduct",
        "launch",
        "stage",
        "carry",
        "begin",
        "start",
        "open",
        "resume",
        "continue",
        "sign",
        "impose",
        "deliver",
        "send",
        "provide",
        "give",
        "announce",
        "complete",
        "wrap",
        "host",
        "organize",
        "organise",
        "lead",
        "attend",
        "join",
        "reach",
        "renew",
        "undertake",
        "establish",
        "strike",
        "conclude",
        "exchange",
    }
)
#: Verbs that report a demand when their clause says someone must act.
DEMAND_SPEECH = SPEECH_VERBS | {"reiterate", "stress", "conclude", "argue", "maintain"}
#: Verbs for which a nominal subject event happened ("a meeting took place").
HAPPEN_VERBS = frozenset({"take", "occur", "happen", "begin", "end", "start", "conclude"})
#: Verbs that stop what their object names: "a plan to stop the war" makes no war.
ENDING_VERBS = frozenset({"end", "stop", "halt", "cease"})
#: Triggers that describe an interaction of equals: "A and B met" is one event between them.
RECIPROCAL = frozenset(
    {
        "fire",  # "A and B exchanged fire"
        "meet",
        "meeting",
        "talk",
        "discuss",
        "discussion",
        "negotiate",
        "negotiation",
        "summit",
        "agree",
        "sign",
        "signing",
        "agreement",
        "accord",
        "treaty",
        "pact",
        "clash",
        "cooperate",
        "ceasefire",
        "truce",
        "consult",
    }
)
#: Verbs that need one of their prepositions to be an event ("call on" but not "call").
#: Prepositions whose object phrase may name the recipient inside it ("protested against X's plan").
_OBJECT_PREPS = frozenset({"against", "on", "over", "to", "for"})
NEEDS_PREP = frozenset({"call", "appeal"})
#: Groups that stand for the person leading them ("a delegation led by X").
LED_GROUPS = frozenset({"delegation", "team", "group", "mission", "contingent", "party"})
#: Nouns that are never actors.
NON_ACTORS = frozenset(
    {
        "issue",
        "cooperation",
        "relation",
        "agreement",
        "plan",
        "detail",
        "statement",
        "report",
        "time",
        "day",
        "week",
        "month",
        "year",
        "way",
        "importance",
        "necessity",
        "visit",
        "talk",
        "meeting",
        "program",
        "programme",
        "measure",
        "treaty",
        "deal",
        "sector",
        "field",
        "assistance",
        "aid",
        "help",
        "support",
        "weapon",
        "sanction",
        "website",
        "reception",
        "atmosphere",
        "conversation",
        "exchange",
        "contact",
        "dialogue",
        "phase",
        "crime",
        "talks",
        "security",
        "economy",
        "trade",
        "defiance",
        "invasion",
        "war",
        "partnership",
        "summit",
        "attack",
        "strike",
        "protest",
        "rally",
        "decision",
        "proposal",
        "call",
        "demand",
        "idea",
    }
)


def adjunct_act(trigger: Token) -> bool:
    """A noun trigger inside a prepositional phrase ("suggested a pact during a meeting with
    Putin"): the sentence reports another act, so a classifier of whole sentences cannot type
    this one."""
    return trigger.pos_ in ("NOUN", "PROPN") and trigger.dep_ == "pobj"


PRONOUNS = frozenset({"he", "she", "him", "her", "his", "hers"})
GROUP_PRONOUNS = frozenset({"they", "them", "their", "it", "its"})
_ACTOR_DEPS = frozenset(
    {
        "compound",
        "amod",
        "poss",
        "case",
        "det",
        "nmod",
        "flat",
        "nummod",
        "appos",
        "prep",
        "pobj",
        "acl",
        "agent",
        "punct",
        "quantmod",
        "npadvmod",
    }
)


@dataclass(slots=True)
class Frame:
    """A coded event trigger and the token sets of its participants."""

    trigger: int
    spec: Trigger
    sources: list[list[int]] = field(default_factory=list)
    targets: list[list[int]] = field(default_factory=list)
    negated: bool = False
    modality: Modality = "asserted"
    attribution: str | None = None
    inherited: bool = False
    contexts: tuple[str, ...] = ()
    learned: float | None = None  # the learned coder's probability of this frame's type
    #: found by the role tagger as a pair of sides, not by the lexicon: both must stand
    dyad: bool = False

    def token(self, doc: Doc) -> Token:
        return doc[self.trigger]


MAX_PHRASE = 60  # tokens: no actor is named at greater length; a garbled parse can chain more


def actor_tokens(head: Token) -> list[int]:
    """The tokens of the actor phrase headed by ``head``, without coordinated siblings (at
    most ``MAX_PHRASE``: a run-on "sentence" of 20,000 words made every phrase the whole of it,
    and the prescan of a document quadratic)."""
    keep = [head.i]
    stack = [head]
    while stack and len(keep) < MAX_PHRASE:
        current = stack.pop()
        for child in current.children:
            if child.dep_ not in _ACTOR_DEPS:
                continue
            if child.dep_ == "prep" and child.lower_ not in ("of", "by", "from"):
                continue
            if child.dep_ == "acl" and child.lemma_ != "lead":
                continue
            if (
                child.dep_ == "punct"
                and child.i > head.i
                and not any(c.dep_ == "appos" for c in current.children)
            ):
                continue
            keep.append(child.i)
            stack.append(child)
            if len(keep) >= MAX_PHRASE:
                break
    return sorted(set(keep))


def _expand(head: Token) -> list[list[int]]:
    """One token list per coordinated actor: "Russia and China" -> two actors."""
    heads = [head, *[c for c in head.conjuncts if c.i > head.i]]
    for appos in [c for c in head.children if c.dep_ == "appos"]:
        heads.extend(c for c in appos.conjuncts if c.i > appos.i and c not in heads)
    return [actor_tokens(h) for h in heads if _could_be_actor(h)]


def _could_be_actor(token: Token) -> bool:
    if token.ent_type_ in ("DATE", "TIME"):
        return False  # "on Wednesday"
    if token.lower_ == "two" and any(c.lower_ in ("the", "these") for c in token.children):
        return True  # "the two discussed ...": the parties just named
    if token.pos_ in ("PROPN", "PRON"):
        return token.pos_ != "PRON" or token.lower_ in PRONOUNS | GROUP_PRONOUNS
    return token.pos_ == "NOUN" and token.lemma_.lower() not in NON_ACTORS


def _subjects(verb: Token) -> tuple[list[Token], list[Token]]:
    """Active subjects and passive subjects of ``verb``, inherited through conj/xcomp/relcl."""
    current = verb
    for _ in range(4):
        active = [c for c in current.children if c.dep_ in ("nsubj", "csubj")]
        passive = [c for c in current.children if c.dep_ == "nsubjpass"]
        agents = [
            p for c in current.children if c.dep_ == "agent" for p in c.children if p.dep_ == "pobj"
        ]
        if active or passive or agents:
            return active + agents, passive
        if current.dep_ in ("relcl", "acl") and current.head.pos_ in ("NOUN", "PROPN"):
            return [current.head], []
        if current.dep_ in ("conj", "xcomp", "advcl", "acomp") and current.head != current:
            if _passive_participle(current):  # "(when) asked about ...": the main subject
                inherited, also = _subjects(current.head)  # is the one asked, not the asker
                return [], inherited + also
            current = current.head
            continue
        break
    return [], []


def _passive_participle(verb: Token) -> bool:
    """A past participle heading an adverbial clause of its own ("when asked about the talks",
    "accused of spying, he ..."): its subject is the main clause's, as the one acted on."""
    return (
        verb.dep_ == "advcl"
        and verb.tag_ == "VBN"
        and not any(c.dep_ in ("aux", "auxpass", "nsubj") for c in verb.children)
    )


def _prep_objects(token: Token, preps: Iterable[str]) -> list[Token]:
    wanted = set(preps)
    found: list[Token] = []
    for child in token.children:
        if child.dep_ in ("prep", "dative") and child.lower_ in wanted:
            found.extend(p for p in child.children if p.dep_ == "pobj")
    return found


#: Verbs of telling: to decline them is to say nothing ("declined to comment"); responding to
#: a demand, discussing a plan or giving aid are acts, and refusing them is a rejection.
_ANSWER_VERBS = frozenset(
    {"comment", "say", "elaborate", "speak", "confirm", "disclose", "specify", "reveal"}
    | {"identify"}
)


def no_comment(token: Token) -> bool:
    """ "declined to comment", "refused to say", "offered no comment": a reporter's question
    left unanswered, no act of the speaker towards anyone."""
    if token.lemma_.lower() in ("decline", "refuse", "fail") and any(
        c.dep_ == "xcomp" and c.lemma_.lower() in _ANSWER_VERBS for c in token.children
    ):
        return True
    return any(
        c.dep_ == "dobj"
        and c.lemma_.lower() == "comment"
        and any(t.lower_ == "no" for t in c.subtree)
        for c in token.children
    )


def _verbal(token: Token, spec: Trigger) -> Frame | None:
    if spec.lemma in NEEDS_PREP and not _prep_objects(token, spec.recipient_preps):
        return None
    if no_comment(token):
        return None
    subjects, passive = _subjects(token)
    direct = [_quantified(c) for c in token.children if c.dep_ in ("dobj", "dative")]
    # what is mobilised is the source's own force, never whom it is aimed at
    objects = [d for d in direct if _could_be_actor(d)] if spec.event != "MOBILIZE" else []
    objects += _prep_objects(token, spec.recipient_preps)
    for obj in direct:  # "delivered 40 tonnes of supplies to Bangladesh"
        objects += _prep_objects(obj, spec.recipient_preps - {"of"})
    if passive:
        objects = passive + objects
    frame = Frame(token.i, spec)
    for head in subjects:
        frame.sources.extend(_expand(head))
    for head in objects:
        frame.targets.extend(_expand(head))
    if not frame.targets:
        frame.targets.extend(_owner_in_object(direct + _prep_objects(token, _OBJECT_PREPS)))
    if not frame.targets and spec.event == "REQUEST":  # "demanded that the US cancel ..."
        for clause in (c for c in token.children if c.dep_ == "ccomp"):
            frame.targets.extend(g for s in _clause_subjects(clause) for g in _expand(s))
    return frame


def _clause_subjects(clause: Token) -> list[Token]:
    return [c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass") and _could_be_actor(c)]


#: Auxiliaries of obligation: "X said Y must withdraw" reports a demand of X on Y.
OBLIGATION_AUX = frozenset({"must", "should"})


def _obligation(token: Token) -> Frame | None:
    """A demand reported as an obligation: "Russia said Sudan must return the helicopter"."""
    if token.pos_ != "VERB" or token.lemma_.lower() not in DEMAND_SPEECH:
        return None
    sources = [s for s in _subjects(token)[0] if _could_be_actor(s)]
    for clause in (c for c in token.children if c.dep_ == "ccomp"):
        obliged = any(c.dep_ == "aux" and c.lower_ in OBLIGATION_AUX for c in clause.children)
        targets = _clause_subjects(clause)
        spec = lookup("demand", nominal=False)
        if obliged and sources and targets and spec is not None:
            frame = Frame(token.i, spec)
            frame.sources = [g for s in sources for g in _expand(s)]
            frame.targets = [g for t in targets for g in _expand(t)]
            return frame
    return None


def _quantified(token: Token) -> Token:
    """ "three of its diplomats" -> diplomats: the counted noun, not the number."""
    if token.pos_ == "NUM" or token.lemma_.lower() in ("dozen", "dozens", "hundreds", "some"):
        counted = _prep_objects(token, ("of",))
        if counted:
            return counted[0]
    return token


def _owner_in_object(objects: list[Token]) -> list[list[int]]:
    """The country or group named inside an object phrase: "rejected Israeli proposals",
    "shelled Iraqi towns", "condemned the court's decision" (the owner is the recipient)."""
    for obj in objects:
        for token in obj.subtree:
            if token.i == obj.i:
                continue
            if token.dep_ == "poss" and _could_be_actor(token) and token.pos_ != "PRON":
                return [actor_tokens(token)]
            if token.ent_type_ in ("GPE", "NORP") and token.dep_ in ("amod", "compound", "pobj"):
                return [[token.i]]
    return []


#: Nouns that report an act only as the object of a light verb: "opened fire", "exchanged fire"
#: (a fire on its own is a blaze).
LIGHT_ONLY = frozenset({"fire"})


def _nominal(token: Token, spec: Trigger) -> Frame | None:
    if spec.lemma in LIGHT_ONLY and not (
        token.dep_ == "dobj" and token.head.lemma_.lower() in LIGHT_VERBS
    ):
        return None
    frame = Frame(token.i, spec)
    for child in token.children:
        if child.dep_ == "poss":
            frame.sources.extend(_expand(child))
        elif child.dep_ == "compound" and child.ent_type_ in ("GPE", "NORP", "ORG", "PERSON"):
            frame.sources.append([child.i])
    frame.sources.extend(a for h in _prep_objects(token, ("by", "from")) for a in _expand(h))
    frame.targets.extend(
        a for h in _prep_objects(token, spec.recipient_preps - {"between"}) for a in _expand(h)
    )
    head = token.head
    between = _prep_objects(token, ("between", "among"))
    if not between and token.dep_ == "nsubj" and head.lemma_ in HAPPEN_VERBS:
        between = _prep_objects(head, ("between", "among"))
        if not between:  # "took place at the Hall between A and B": the parse hangs the
            # parties on the place, one phrase down
            between = [
                o
                for place in _prep_objects(head, ("at", "in", "on"))
                for o in _prep_objects(place, ("between", "among"))
            ]
        frame.targets.extend(
            a for h in _prep_objects(head, spec.recipient_preps - {"between"}) for a in _expand(h)
        )
    for obj in between:
        parties = _expand(obj)
        if parties:
            frame.sources.append(parties[0])
            frame.targets.extend(parties[1:])
    if (
        not frame.sources
        and token.dep_ in ("dobj", "pobj", "attr", "nsubjpass")
        and head.lemma_ in LIGHT_VERBS | HAPPEN_VERBS
        and head.lemma_ not in ENDING_VERBS
    ):
        subjects, _ = _subjects(head)
        for subject in subjects:
            frame.sources.extend(_expand(subject))
        for receiver in (c for c in head.children if c.dep_ in ("dative", "iobj")):
            if receiver.pos_ == "ADP":
                frame.targets.extend(a for p in receiver.children for a in _expand(p))
            else:
                frame.targets.extend(_expand(receiver))
        if not frame.targets:
            frame.targets.extend(
                a
                for h in _prep_objects(head, spec.recipient_preps)
                if _could_be_actor(h)
                for a in _expand(h)
            )
    if not frame.sources and not frame.targets:
        return None
    return frame


def _reciprocal(frame: Frame) -> None:
    """ "A and B met" -> source A, target B (one event, not two)."""
    if frame.spec.lemma in RECIPROCAL and len(frame.sources) > 1 and not frame.targets:
        frame.targets = frame.sources[1:]
        frame.sources = frame.sources[:1]


def _contexts(sentence: Span) -> tuple[str, ...]:
    table = contexts()
    found = {table[t.lemma_.lower()] for t in sentence if t.lemma_.lower() in table}
    return tuple(sorted(found))


#: Light verbs that carry no event of their own ("held talks": the event is the talks).
_EMPTY_LIGHT_VERBS = LIGHT_VERBS - {"sign", "impose", "launch", "deliver"}


def _object_of_trigger(token: Token) -> bool:
    """ "signed an agreement", "imposed sanctions": the verb is the event, not its object."""
    head = token.head
    return (
        token.dep_ in ("dobj", "nsubjpass")
        and head.pos_ == "VERB"
        and head.lemma_.lower() not in _EMPTY_LIGHT_VERBS
        and lookup(head.lemma_, nominal=False) is not None
    )


#: Prepositions that set a scene rather than report an act ("amid deepening cooperation").
_SCENE_PREPS = frozenset({"amid", "amidst", "despite"})


def negation_kept(negated: bool, new_type: str) -> bool:
    """Whether a negated act stays negated once a typer has re-typed it: a refusal type
    already says "not" ("did not accept the plan" typed REJECT is a rejection, not a rejection
    that did not happen)."""
    return negated and new_type != "REJECT"


def backdrop(token: Token) -> bool:
    """A noun naming the circumstances of what the sentence reports ("Amid the deepening
    cooperation between A and B, ..."): a state of affairs, not an event of its own."""
    return token.dep_ == "pobj" and token.head.lower_ in _SCENE_PREPS


def frames_in(sentence: Span) -> Iterator[Frame]:
    """Every event frame in one sentence."""
    sentence_contexts: tuple[str, ...] | None = None
    for token in sentence:
        nominal = token.pos_ in ("NOUN", "PROPN")
        if not nominal and token.pos_ not in ("VERB",):
            continue
        spec = lookup(token.lemma_, nominal=nominal)
        if spec is None and nominal and token.lower_.endswith("s"):
            spec = lookup(token.lower_[:-1], nominal=True)
        if spec is None and not nominal:
            frame = _obligation(token)
        elif spec is None or (nominal and (_object_of_trigger(token) or backdrop(token))):
            continue
        else:
            frame = _nominal(token, spec) if nominal else _verbal(token, spec)
        if frame is None:
            continue
        _reciprocal(frame)
        reading = read_trigger(token)
        frame.negated = reading.negated
        frame.modality = reading.modality
        frame.attribution = reading.attribution
        if sentence_contexts is None:
            sentence_contexts = _contexts(sentence)
        frame.contexts = sentence_contexts
        yield frame


def find_frames(
    doc: Doc, max_sentences: int | None = None, max_tokens: int | None = None
) -> list[Frame]:
    """All frames of a document's first ``max_sentences`` sentences (all when None), skipping
    sentences of more than ``max_tokens`` tokens."""
    frames: list[Frame] = []
    for number, sentence in enumerate(doc.sents):
        if max_sentences is not None and number >= max_sentences:
            break
        if max_tokens is None or len(sentence) <= max_tokens:
            frames.extend(frames_in(sentence))
    return frames
