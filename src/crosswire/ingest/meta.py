"""Turning raw text and metadata into an Article, or a Reject that says why not."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from crosswire.config import Config
from crosswire.ingest.registry import Defaults, Item
from crosswire.records import Article, Reject, parse_date, printable, web_url

_FRONT = re.compile(r"\A---\s*\n(.*?)\n---\s*\n", re.S)
_HEADER = re.compile(r"^([A-Za-z][A-Za-z _-]{0,20}):[ \t]*(.*)$")
_HEADER_KEYS = {"title", "outlet", "source", "published", "date", "url", "language", "author"}
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def split_front_matter(text: str) -> tuple[dict[str, str], str]:
    """Metadata from a ``---`` block or from leading ``Key: value`` lines, and the body."""
    match = _FRONT.match(text)
    if match:
        return _parse_headers(match.group(1).splitlines()), text[match.end() :]
    lines = text.splitlines()
    headers: list[str] = []
    for line in lines:
        if not line.strip():
            break
        found = _HEADER.match(line)
        if not found or found.group(1).strip().lower() not in _HEADER_KEYS:
            return {}, text
        headers.append(line)
    if not headers or len(headers) == len(lines):
        return {}, text
    return _parse_headers(headers), "\n".join(lines[len(headers) + 1 :])


def _parse_headers(lines: list[str]) -> dict[str, str]:
    meta: dict[str, str] = {}
    for line in lines:
        found = _HEADER.match(line.strip())
        if found:
            key = found.group(1).strip().lower().replace(" ", "_")
            meta[key] = found.group(2).strip().strip("\"'")
    return meta


def clean_text(text: str) -> str:
    """Text as a reader would see it: mojibake repaired (``â€™`` -> ``’``, by ftfy; quotes and
    the rest are kept as written), line ends unified, control characters removed."""
    import ftfy

    text = ftfy.fix_text(text, uncurl_quotes=False, fix_latin_ligatures=False, normalization=None)
    text = _CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
    return re.sub(r"[ \t]+\n", "\n", text).strip()


def article_items(
    source: str,
    text: str | None,
    meta: dict[str, Any],
    *,
    config: Config,
    defaults: Defaults,
) -> Iterator[Item]:
    """Validate one record: its Article, or a Reject saying what is wrong (and a "truncated"
    note before an article that was cut to the size limit)."""
    if text is None or not str(text).strip():
        yield Reject(source, "ingest", "empty", "no text")
        return
    body = clean_text(str(text))
    min_chars = int(config.get("ingest.min_chars"))
    if len(body) < min_chars:
        yield Reject(source, "ingest", "too short", f"{len(body)} characters < {min_chars}")
        return
    raw_date = meta.get("published") or meta.get("date") or defaults.published
    try:
        published = parse_date(raw_date)
    except ValueError:
        yield Reject(source, "ingest", "impossible date", f"published = {raw_date!r}")
        return
    if published is not None and not (1900 <= published.year <= 2100):
        yield Reject(source, "ingest", "impossible date", f"published = {raw_date!r}")
        return
    max_bytes = int(config.get("ingest.max_bytes"))
    if len(body.encode("utf-8")) > max_bytes:
        if not config.get("ingest.truncate"):
            yield Reject(
                source,
                "ingest",
                "too large",
                f"over {max_bytes} bytes; set ingest.truncate=true to keep the start",
            )
            return
        size = len(body.encode("utf-8"))
        body = body.encode("utf-8")[:max_bytes].decode("utf-8", "ignore")
        yield Reject(source, "ingest", "truncated", f"kept the first {max_bytes} of {size} bytes")
    url = _opt(meta.get("url"))
    yield Article.create(
        body,
        url=url if url and web_url(url) else None,  # only http(s) links are kept
        outlet=_opt(meta.get("outlet") or meta.get("source")) or defaults.outlet,
        title=_opt(meta.get("title")),
        published=published,
        language=_opt(meta.get("language")) or "en",
        source=source,
    )


def _opt(value: Any) -> str | None:
    if value is None:
        return None
    text = printable(str(value)).strip()[:2000]
    return text or None


_BOMS = (
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)


def decode(data: bytes, source: str, *, lenient: bool = False) -> str | Reject:
    """Text from bytes: UTF-8 (with or without a BOM), or UTF-16/32 with a BOM; a Reject for
    binary or undecodable input. ``lenient`` (web pages, often in legacy encodings) replaces
    bytes that are not UTF-8 instead of rejecting the text."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(encoding)
            except UnicodeDecodeError as exc:
                if exc.reason in ("truncated data", "unexpected end of data"):
                    return data[len(bom) : len(bom) + exc.start].decode(encoding)
                return Reject(source, "ingest", "undecodable", f"{encoding}: {exc.reason}")
    if b"\x00" in data[:8192]:
        return Reject(source, "ingest", "binary file", "contains NUL bytes")
    try:
        return data.decode("utf-8-sig", "replace" if lenient else "strict")
    except UnicodeDecodeError as exc:
        if exc.reason == "unexpected end of data":  # a multi-byte letter cut by a size limit
            return data[: exc.start].decode("utf-8-sig")
        return Reject(source, "ingest", "not UTF-8", f"byte {exc.start}: {exc.reason}")
