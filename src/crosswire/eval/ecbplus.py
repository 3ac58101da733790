"""Read ECB+ (CAT XML) for event coreference: documents, ACTION mentions and their gold chains.

Layout: ``DIR/ECB+/<topic>/<topic>_<n>ecb.xml`` and ``..._<n>ecbplus.xml`` plus
``DIR/ECBplus_coreference_sentences.csv`` (the sentences whose annotation was validated). Event
mentions are the ``ACTION_*`` and ``NEG_ACTION_*`` markables with token anchors inside validated
sentences. A mention's gold cluster is its ``CROSS_DOC_COREF`` instance, else its
``INTRA_DOC_COREF`` chain (local to the document), else the mention alone.
"""

from __future__ import annotations

import csv
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from crosswire.errors import InputError

_DOC = re.compile(r"^(\d+)_(\d+)(ecbplus|ecb)\.xml$")


@dataclass(frozen=True, slots=True)
class EcbMention:
    id: str  # "<doc>:<m_id>"
    doc: str
    sentence: int
    tokens: tuple[int, ...]  # token positions in the document (0-based)
    text: str
    gold: str  # gold cluster id


@dataclass(frozen=True, slots=True)
class EcbDocument:
    name: str  # e.g. "1_10ecbplus"
    topic: str
    subtopic: str  # topic plus which half ("1" or "1+"): one seminal event each
    words: tuple[str, ...]
    sentences: tuple[int, ...]  # sentence number of each token
    mentions: tuple[EcbMention, ...]

    @property
    def text(self) -> str:
        return " ".join(self.words)


def parse_topics(spec: str | None) -> set[str] | None:
    """``"36-45"`` or ``"2,5,12"`` or ``"1-3,7"`` -> the topic numbers as strings."""
    if not spec:
        return None
    chosen: set[str] = set()
    for part in spec.split(","):
        part = part.strip()
        match = re.fullmatch(r"(\d+)(?:-(\d+))?", part)
        if not match:
            raise InputError(
                f"Bad topic list {spec!r}.", fix="Use numbers and ranges such as 36-45 or 2,5,12."
            )
        low, high = int(match[1]), int(match[2] or match[1])
        chosen.update(str(n) for n in range(low, high + 1))
    return chosen


def _validated(root: Path) -> dict[str, set[int]]:
    path = root / "ECBplus_coreference_sentences.csv"
    if not path.is_file():
        raise InputError(
            f"No ECBplus_coreference_sentences.csv in {root}.",
            fix="Pass the ECB+ release folder (it holds ECB+/ and that CSV).",
        )
    chosen: dict[str, set[int]] = {}
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            name = f"{row['Topic'].strip()}_{row['File'].strip()}"
            chosen.setdefault(name, set()).add(int(row["Sentence Number"]))
    return chosen


def read_document(path: Path, validated: set[int]) -> EcbDocument:
    match = _DOC.match(path.name)
    if not match:
        raise InputError(f"{path.name} is not an ECB+ file name.", fix="Expect <t>_<n>ecb.xml.")
    topic, half = match[1], match[3]
    root = ET.parse(path).getroot()
    words: list[str] = []
    sentences: list[int] = []
    position: dict[str, int] = {}
    for token in root.iter("token"):
        position[token.get("t_id", "")] = len(words)
        words.append(token.text or "")
        sentences.append(int(token.get("sentence", "0")))
    anchored: dict[str, tuple[int, ...]] = {}
    markables = root.find("Markables")
    for markable in markables if markables is not None else ():
        tag = markable.tag
        if not (tag.startswith("ACTION") or tag.startswith("NEG_ACTION")):
            continue
        anchors = [position[a.get("t_id", "")] for a in markable.findall("token_anchor")]
        if anchors:
            anchored[markable.get("m_id", "")] = tuple(sorted(anchors))
    name = path.stem
    gold: dict[str, str] = {}
    relations = root.find("Relations")
    for relation in relations if relations is not None else ():
        if relation.tag == "CROSS_DOC_COREF":
            chain = relation.get("note", "") or f"{name}:{relation.get('r_id')}"
        elif relation.tag == "INTRA_DOC_COREF":
            chain = f"{name}:intra:{relation.get('r_id')}"
        else:
            continue
        for source in relation.findall("source"):
            gold.setdefault(source.get("m_id", ""), chain)
    mentions = []
    for m_id, tokens in sorted(anchored.items(), key=lambda item: item[1]):
        sentence = sentences[tokens[0]]
        if sentence not in validated:
            continue
        mentions.append(
            EcbMention(
                id=f"{name}:{m_id}",
                doc=name,
                sentence=sentence,
                tokens=tokens,
                text=" ".join(words[t] for t in tokens),
                gold=gold.get(m_id, f"{name}:single:{m_id}"),
            )
        )
    return EcbDocument(
        name=name,
        topic=topic,
        subtopic=topic + ("+" if half == "ecbplus" else ""),
        words=tuple(words),
        sentences=tuple(sentences),
        mentions=tuple(mentions),
    )


def read_ecbplus(root: str | Path, *, topics: set[str] | None = None) -> Iterator[EcbDocument]:
    """Every document of the chosen topics (all when ``topics`` is None) that has a validated
    sentence, in topic then file order."""
    root = Path(root)
    corpus = root / "ECB+" if (root / "ECB+").is_dir() else root
    validated = _validated(root if (root / "ECB+").is_dir() else root.parent)
    paths = []
    for path in corpus.glob("*/*.xml"):
        match = _DOC.match(path.name)
        if match and (topics is None or match[1] in topics):
            paths.append((int(match[1]), int(match[2]), match[3], path))
    if not paths:
        raise InputError(f"No ECB+ documents under {corpus}.", fix="Check the folder and --topics.")
    for _, _, _, path in sorted(paths):
        chosen = validated.get(path.stem)
        if chosen:
            yield read_document(path, chosen)
