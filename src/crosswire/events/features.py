"""Features of a sentence, and of a (source, target) pair in it, for the learned event coder.

Features are sparse ``{name: weight}`` maps built from the parse: the words on the dependency
path that links the two actors, the verbs that govern them, what the trigger lexicon says about
those words, negation and future markers, and (weighted lower) every content word.
"""

from __future__ import annotations

import itertools

import numpy as np
from spacy.tokens import Doc, Span, Token

from crosswire.events.frames import Frame
from crosswire.events.lexicon import lookup
from crosswire.events.modality import FUTURE_AUX, HEDGE_AUX

_CONTENT = frozenset({"VERB", "NOUN", "ADJ", "ADV", "PROPN", "AUX"})
_PATH_POS = frozenset({"VERB", "NOUN", "ADJ", "ADV", "ADP", "PART", "AUX"})


def _lemma(token: Token) -> str:
    return token.lemma_.lower() if token.pos_ != "PROPN" else "<propn>"


def _lexicon(token: Token) -> str | None:
    nominal = token.pos_ in ("NOUN", "PROPN")
    spec = lookup(token.lemma_, nominal=nominal) or lookup(token.lemma_, nominal=not nominal)
    return spec.event if spec else None


def _ancestors(token: Token) -> list[Token]:
    chain = [token]
    while chain[-1].head.i != chain[-1].i and len(chain) < 40:
        chain.append(chain[-1].head)
    return chain


def _path(a: Token, b: Token) -> tuple[list[Token], Token | None]:
    up_a, up_b = _ancestors(a), _ancestors(b)
    in_b = {t.i: n for n, t in enumerate(up_b)}
    for n, token in enumerate(up_a):
        if token.i in in_b:
            return up_a[1 : n + 1] + list(reversed(up_b[1 : in_b[token.i]])), token
    return up_a[1:] + up_b[1:], None


def _governor(token: Token) -> Token | None:
    current = token
    while current.head.i != current.i:
        current = current.head
        if current.pos_ in ("VERB", "AUX"):
            return current
    return None


def _marks(tokens: list[Token], prefix: str, feats: dict[str, float], weight: float) -> None:
    for token in tokens:
        for child in token.children:
            if child.dep_ == "neg":
                feats[f"{prefix}neg"] = weight
            if child.dep_ == "aux" and child.lower_ in FUTURE_AUX:
                feats[f"{prefix}future"] = weight
            if child.dep_ == "aux" and child.lower_ in HEDGE_AUX:
                feats[f"{prefix}modal"] = weight


def sentence_features(doc: Doc | Span, *, weight: float = 1.0) -> dict[str, float]:
    """Bag of content lemmas, the root verb, lexicon votes and markers of a whole sentence."""
    feats: dict[str, float] = {}
    for token in doc:
        if token.pos_ in _CONTENT and not token.is_stop:
            feats[f"w:{_lemma(token)}"] = weight
        kind = _lexicon(token)
        if kind:
            feats[f"lex:{kind}"] = feats.get(f"lex:{kind}", 0.0) + weight
    roots = [t for t in doc if t.dep_ == "ROOT"]
    for root in roots:
        feats[f"root:{_lemma(root)}"] = weight
        for child in root.children:
            if child.dep_ in ("xcomp", "ccomp", "dobj"):
                feats[f"rootc:{_lemma(child)}"] = weight
    _marks(roots, "s:", feats, weight)
    return feats


def dyad_features(doc: Doc, source: Span | None, target: Span | None) -> dict[str, float]:
    """Features for "what did ``source`` do to ``target``" in one sentence."""
    sentence = (source or target or doc[:]).sent if doc.has_annotation("SENT_START") else doc[:]
    feats = sentence_features(sentence, weight=0.3)
    inside: set[int] = set()
    for span in (source, target):
        if span is not None:
            inside.update(range(span.start, span.end))
            feats[f"{'src' if span is source else 'tgt'}:{_lemma(span.root)}"] = 1.0
    if source is not None and target is not None:
        path, top = _path(source.root, target.root)
        tokens = [t for t in path if t.i not in inside and t.pos_ in _PATH_POS]
        for token in tokens:
            feats[f"p:{_lemma(token)}"] = 1.0
            kind = _lexicon(token)
            if kind:
                feats[f"plex:{kind}"] = feats.get(f"plex:{kind}", 0.0) + 1.0
        for left, right in itertools.pairwise(tokens):
            feats[f"pp:{_lemma(left)}_{_lemma(right)}"] = 1.0
        if top is not None:
            feats[f"top:{_lemma(top)}"] = 1.0
            feats[f"topdep:{source.root.dep_}>{target.root.dep_}"] = 1.0
        _marks(tokens + ([top] if top is not None else []), "p:", feats, 1.0)
    verbs = []
    for span, name in ((source, "sv"), (target, "tv")):
        if span is None:
            continue
        verb = _governor(span.root)
        if verb is not None:
            verbs.append(verb)
            feats[f"{name}:{_lemma(verb)}"] = 1.0
            kind = _lexicon(verb)
            if kind:
                feats[f"{name}lex:{kind}"] = 1.0
    if source is not None and target is not None:
        feats.update(_between(doc, source, target))
    feats.update(_context_vector(doc, verbs or [t for t in sentence if t.dep_ == "ROOT"]))
    return feats


def _between(doc: Doc, source: Span, target: Span) -> dict[str, float]:
    """The words written between the two actors, and their bigrams."""
    first, second = sorted((source, target), key=lambda span: span.start)
    words = [_lemma(t) for t in doc[first.end : second.start] if not t.is_punct]
    feats = {f"b:{w}": 0.5 for w in words}
    feats.update({f"bb:{a}_{b}": 0.5 for a, b in itertools.pairwise(words)})
    return feats


def _context_vector(doc: Doc, tokens: list[Token]) -> dict[str, float]:
    """The parser's contextual vectors of the governing verbs, averaged and unit-length, so
    that verbs the training data never saw still land near ones it did."""
    if not tokens or doc.tensor is None or not len(doc.tensor):
        return {}
    vector = np.mean([doc.tensor[t.i] for t in tokens], axis=0)
    norm = float(np.linalg.norm(vector)) or 1.0
    return {f"vec:{i}": float(v) / norm for i, v in enumerate(vector)}


def rule_features(
    frames: list[Frame], source: Span | None, target: Span | None
) -> dict[str, float]:
    """What the rule coder says: the types of frames whose participants overlap the dyad."""
    feats: dict[str, float] = {}
    wanted = [set(range(s.start, s.end)) if s is not None else set() for s in (source, target)]
    for frame in frames:
        kind = frame.spec.event
        feats[f"rule_any:{kind}"] = 1.0
        src = {i for tokens in frame.sources for i in tokens}
        tgt = {i for tokens in frame.targets for i in tokens}
        overlap = (
            bool(src & wanted[0])
            + bool(tgt & wanted[1])
            + bool(tgt & wanted[0] and src & wanted[1])
        )
        if overlap:
            feats[f"rule:{kind}"] = feats.get(f"rule:{kind}", 0.0) + overlap
            if frame.negated:
                feats["rule:negated"] = 1.0
            if frame.modality != "asserted":
                feats[f"rule:{frame.modality}"] = 1.0
    return feats
