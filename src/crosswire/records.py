"""The records every stage reads and writes: the contract of the pipeline.

Records are plain frozen dataclasses. Identifiers derive from content (``content_id``), so the
same input always yields the same ids and every write can be an idempotent upsert.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Literal

from crosswire.errors import DateError

Modality = Literal["asserted", "intended", "hypothetical", "denied"]
Precision = Literal["day", "week", "month", "year"]

_SPACE = re.compile(r"\s+")
#: Letters that Unicode decomposition does not reduce to ASCII.
_LATIN = str.maketrans(
    {
        "ø": "o",
        "Ø": "O",
        "æ": "ae",
        "Æ": "AE",
        "ß": "ss",
        "ł": "l",
        "Ł": "L",
        "đ": "d",
        "Đ": "D",
        "ı": "i",
        "œ": "oe",
        "Œ": "OE",
        "þ": "th",
        "ð": "d",
    }
)


_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_WEB_URL = re.compile(r"^https?://[^\s/?#\x00-\x1f\x7f-\x9f]+[^\s\x00-\x1f\x7f-\x9f]*$", re.I)


def printable(text: str) -> str:
    """``text`` without control characters (terminal escapes among them): for metadata taken
    in, and for anything printed to a terminal or written to CSV."""
    return _CONTROLS.sub("", text)


def web_url(text: str) -> bool:
    """An absolute http(s) URL with a host, and no spaces or control characters: the only
    links crosswire stores or fetches."""
    return bool(_WEB_URL.match(text))


_ISO_DATE = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})(?!\d)")


def parse_date(value: Any) -> dt.date | None:
    """A date from ISO text, an RFC 2822 date, a datetime or a date.

    Raises ``DateError`` (a ``ValueError``) for a value that is present but not a possible
    date; a date is never rewritten into another one.
    """
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    iso = _ISO_DATE.match(text)
    if iso:
        try:
            return dt.date(int(iso.group(1)), int(iso.group(2)), int(iso.group(3)))
        except ValueError as exc:
            raise DateError(f"Not a possible date: {text[:40]!r} ({exc}).") from exc
    from email.utils import parsedate_to_datetime

    try:
        return parsedate_to_datetime(text).date()
    except (TypeError, ValueError, IndexError):
        pass
    for fmt in ("%d %B %Y", "%B %d, %Y", "%d %b %Y", "%b %d, %Y", "%Y/%m/%d", "%d.%m.%Y"):
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise DateError(
        f"Not a date: {text[:40]!r}.",
        fix="Write dates as YYYY-MM-DD (or an RFC 2822 date, as feeds do).",
    )


def normalise_text(text: str) -> str:
    """Canonical form of an article body for hashing: NFKC, unified quotes, collapsed space."""
    text = unicodedata.normalize("NFKC", text)
    text = text.replace("\u2019", "'").replace("\u2018", "'")
    text = text.replace("\u201c", '"').replace("\u201d", '"')
    return _SPACE.sub(" ", text).strip().lower()


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Lower-case ASCII folding used to compare names: 'Nguyễn' and 'nguyen' fold alike."""
    if text.isascii():  # nothing to decompose: the common case, kept fast
        return _SPACE.sub(" ", text.replace("-", " ").replace("'", "")).strip().lower()
    decomposed = unicodedata.normalize("NFKD", text.translate(_LATIN))
    ascii_only = "".join(c for c in decomposed if not unicodedata.combining(c))
    ascii_only = ascii_only.replace("-", " ").replace("'", "").replace("\u2019", "")
    return _SPACE.sub(" ", ascii_only).strip().lower()


def similar_names(a: str, b: str) -> bool:
    """Two spellings of one person's name: a subset of the other's words ("Krasnov", "Igor
    Krasnov"), or the same number of words each nearly identical ("Otieno", "Otiyeno")."""
    from difflib import SequenceMatcher

    wa, wb = fold(a).split(), fold(b).split()
    if not wa or not wb:
        return False
    if set(wa) <= set(wb) or set(wb) <= set(wa):
        return True
    if len(wa) != len(wb):
        return False
    return all(
        x == y or SequenceMatcher(None, x, y).ratio() >= 0.75 for x, y in zip(wa, wb, strict=True)
    )


def content_id(prefix: str, *parts: object) -> str:
    """A short stable id from content: ``prefix_`` plus 16 hex digits of a SHA-256."""
    digest = hashlib.sha256("\x1f".join(str(p) for p in parts).encode("utf-8")).hexdigest()
    return f"{prefix}_{digest[:16]}"


@dataclass(frozen=True, slots=True)
class Article:
    """One news report, as read by ``ingest``."""

    id: str
    text: str
    url: str | None = None
    outlet: str | None = None
    original_outlet: str | None = None
    title: str | None = None
    published: dt.date | None = None
    language: str = "en"
    source: str | None = None
    reprint_of: str | None = None

    @classmethod
    def create(cls, text: str, **meta: Any) -> Article:
        """Build an article whose id derives from its normalised text."""
        return cls(id=content_id("art", normalise_text(text)), text=text, **meta)

    @property
    def independent_outlet(self) -> str:
        """The outlet this report counts for: the original one for reprints."""
        return (self.original_outlet or self.outlet or self.url or self.id).strip().lower()


@dataclass(frozen=True, slots=True)
class CodedArticle:
    """An article ready to store: the key of the source it counts as (reprints share their
    original's), its near-duplicate bands and signature, and the event mentions coded from it."""

    article: Article
    source_key: str
    bands: tuple[str, ...]
    signature: str
    mentions: tuple[Mention, ...]


@dataclass(frozen=True, slots=True)
class Reject:
    """Something that could not be processed, and why."""

    source: str
    stage: str
    reason: str
    detail: str = ""
    article_id: str = ""  # set when a stage failed on an article read from ``source``
    code: str = ""  # the error code (errors.py) of a failure; "" for notes and input rejects

    @property
    def id(self) -> str:
        if self.article_id:
            return content_id("rej", self.source, self.stage, self.reason, self.article_id)
        return content_id("rej", self.source, self.stage, self.reason)


@dataclass(frozen=True, slots=True)
class ActorRef:
    """An actor as it takes part in one event: a country, a person, an organisation or a group."""

    name: str
    kind: Literal["country", "person", "organisation", "group"]
    country: str | None = None
    sector: str | None = None
    role: str | None = None
    text: str = ""
    actor_id: str = ""
    #: secondary sectors (a defence minister is GOV, and MIL too)
    sectors: tuple[str, ...] = ()
    #: the knowledge-base entry the actor was matched to, and why (docs/actors.md)
    kb_id: str | None = None
    evidence: tuple[str, ...] = ()

    def with_id(self) -> ActorRef:
        if self.kind == "country":
            key = self.country or fold(self.name)
        elif self.kind == "person" and (self.role is None or fold(self.role) != fold(self.name)):
            key = fold(self.name)
        else:
            key = f"{fold(self.name)}|{self.country or ''}"
        return dataclasses.replace(self, actor_id=content_id("ac", self.kind, key))

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "kind": self.kind,
            "country": self.country,
            "sector": self.sector,
            "role": self.role,
            "actor_id": self.actor_id,
            "text": self.text,
            "sectors": list(self.sectors),
            "kb_id": self.kb_id,
            **({"evidence": list(self.evidence)} if self.evidence else {}),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ActorRef:
        return cls(
            name=str(data["name"]),
            kind=data["kind"],
            country=data.get("country"),
            sector=data.get("sector"),
            role=data.get("role"),
            text=data.get("text") or "",
            actor_id=data.get("actor_id") or "",
            sectors=tuple(data.get("sectors") or ()),
            kb_id=data.get("kb_id"),
            evidence=tuple(data.get("evidence") or ()),
        )


@dataclass(frozen=True, slots=True)
class Place:
    """A resolved place: name, country, coordinates and how precise they are."""

    name: str
    country: str | None = None
    lat: float | None = None
    lon: float | None = None
    precision: Literal["city", "region", "country", "venue"] | None = None

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any] | None) -> Place | None:
        return cls(**data) if data else None


@dataclass(frozen=True, slots=True)
class TimeRef:
    """A resolved time expression: ISO value, precision, the raw text and the rule used."""

    value: dt.date | None
    precision: Precision | None
    text: str
    rule: str
    start: int = -1
    end: int = -1
    until: dt.date | None = None


@dataclass(frozen=True, slots=True)
class Mention:
    """One report of an event in one sentence of one article."""

    article_id: str
    sentence: str
    sent_start: int
    sent_end: int
    trigger: str
    trigger_start: int
    trigger_end: int
    event: str
    cameo: str
    mode: str | None = None
    context: tuple[str, ...] = ()
    actors: tuple[ActorRef, ...] = ()
    recipients: tuple[ActorRef, ...] = ()
    date: dt.date | None = None
    date_precision: Precision | None = None
    date_text: str | None = None
    date_rule: str | None = None
    enddate: dt.date | None = None
    place: Place | None = None
    negated: bool = False
    modality: Modality = "asserted"
    attribution: str | None = None
    confidence: float = 0.5
    reciprocal: bool = False  # a symmetric event ("A and B met"): each side did it to the other
    numbers: tuple[tuple[str, int], ...] = ()
    lemma: str = (
        ""  # the word naming the act ("met" -> "meet", "hosted a reception" -> "reception")
    )
    another: bool = False  # the report tells it as one more act of its kind ("also met")

    @property
    def id(self) -> str:
        return content_id("mn", self.article_id, self.trigger_start, self.event)

    @property
    def countries(self) -> frozenset[str]:
        return frozenset(a.country for a in (*self.actors, *self.recipients) if a.country)


@dataclass(frozen=True, slots=True)
class Discrepancy:
    """A field whose value differs between reports: value -> ids of the articles giving it."""

    field: str
    values: dict[str, list[str]]

    def to_dict(self) -> dict[str, Any]:
        return {"field": self.field, "values": self.values}


@dataclass(frozen=True, slots=True)
class Event:
    """One real-world event, merged from every mention that reports it."""

    id: str
    event: str
    cameo: str
    quad_code: int
    event_scale: float
    date: dt.date | None
    date_precision: Precision | None
    actors: tuple[ActorRef, ...]
    recipients: tuple[ActorRef, ...]
    mode: str | None = None
    context: tuple[str, ...] = ()
    enddate: dt.date | None = None
    event_loc: Place | None = None
    negated: bool = False
    modality: Modality = "asserted"
    confidence: float = 0.5
    n_mentions: int = 0
    n_articles: int = 0
    n_sources: int = 0
    first_reported: dt.date | None = None
    mention_ids: tuple[str, ...] = ()
    discrepancies: tuple[Discrepancy, ...] = ()
    block: str = ""
    mentions: tuple[dict[str, Any], ...] = field(default=(), compare=False)

    def to_plover(self) -> dict[str, Any]:
        """The PLOVER JSON record, extended with crosswire's corroboration fields."""
        return {
            "id": self.id,
            "date": _iso(self.date),
            "date_precision": self.date_precision,
            "enddate": _iso(self.enddate),
            "event": [self.event],
            "mode": [self.mode] if self.mode else [],
            "context": list(self.context),
            "cameo": self.cameo,
            "quad_code": self.quad_code,
            "event_scale": self.event_scale,
            "actor": [_public_actor(a) for a in self.actors],
            "recipient": [_public_actor(a) for a in self.recipients],
            "event_loc": self.event_loc.to_dict() if self.event_loc else None,
            "negated": self.negated,
            "modality": self.modality,
            "confidence": round(self.confidence, 3),
            "n_mentions": self.n_mentions,
            "n_articles": self.n_articles,
            "n_sources": self.n_sources,
            "first_reported": _iso(self.first_reported),
            "mentions": list(self.mentions),
            "discrepancies": [d.to_dict() for d in self.discrepancies],
        }


def _public_actor(actor: ActorRef) -> dict[str, Any]:
    data = actor.to_dict()
    data.pop("text", None)
    return data


def _iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None
