"""HTML pages: main text with trafilatura, metadata (title, outlet, date) with htmldate."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from crosswire.config import Config
from crosswire.ingest.files import read_bytes
from crosswire.ingest.meta import article_items, decode
from crosswire.ingest.registry import Defaults, Item, register
from crosswire.records import Reject


def extract_html(
    html: str, source: str, *, url: str | None = None
) -> tuple[str, dict[str, Any]] | Reject:
    """The article text of a page and its metadata, or a Reject when no text is found."""
    import trafilatura

    raw = trafilatura.extract(
        html,
        output_format="json",
        with_metadata=True,
        url=url,
        include_comments=False,
        include_tables=False,
    )
    if not raw:
        return Reject(source, "ingest", "no article text in HTML", "trafilatura found no main text")
    found = json.loads(raw)
    text = str(found.get("text") or "")
    title = found.get("title")
    if title and text.startswith(title):
        text = text[len(title) :].lstrip("\n ")
    meta: dict[str, Any] = {
        "title": title,
        "published": found.get("date"),
        "outlet": found.get("source-hostname") or found.get("hostname"),
        "url": url or found.get("source"),
        "language": found.get("language"),
    }
    return text, meta


def _is_html(source: str) -> bool:
    path = Path(source)
    return path.suffix.lower() in {".html", ".htm"} and path.is_file()


@register("html", accepts=_is_html, priority=30)
def read_html(source: str, *, config: Config, defaults: Defaults) -> Iterator[Item]:
    data, notes = read_bytes(Path(source), config=config)
    yield from notes
    if data is None:
        return
    yield from html_items(data, source, url=None, config=config, defaults=defaults)


def html_items(
    data: bytes, source: str, *, url: str | None, config: Config, defaults: Defaults
) -> Iterator[Item]:
    """The article of one page (or why there is none)."""
    page = decode(data, source, lenient=True)
    if isinstance(page, Reject):
        yield page
        return
    extracted = extract_html(page, source, url=url)
    if isinstance(extracted, Reject):
        yield extracted
        return
    text, meta = extracted
    yield from article_items(source, text, meta, config=config, defaults=defaults)
