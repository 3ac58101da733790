"""URLs fetched with httpx: timeouts, a size limit and an identifying user agent.

A page is read as a feed when its content type or body says so, otherwise as HTML.
"""

from __future__ import annotations

from collections.abc import Iterator

import httpx

from crosswire.config import Config
from crosswire.ingest.registry import Defaults, Item, register
from crosswire.records import Reject


def fetch(url: str, *, config: Config) -> tuple[bytes, str] | Reject:
    """The body and content type of ``url``, or a Reject with the reason it failed."""
    limit = int(config.get("fetch.max_bytes"))
    headers = {"User-Agent": str(config.get("fetch.user_agent"))}
    try:
        with (
            httpx.Client(
                timeout=float(config.get("fetch.timeout")), headers=headers, follow_redirects=True
            ) as client,
            client.stream("GET", url) as response,
        ):
            if response.status_code >= 400:
                return Reject(url, "fetch", f"HTTP {response.status_code}", response.reason_phrase)
            chunks: list[bytes] = []
            size = 0
            for chunk in response.iter_bytes():
                size += len(chunk)
                if size > limit:
                    return Reject(url, "fetch", "too large", f"over {limit} bytes")
                chunks.append(chunk)
            return b"".join(chunks), response.headers.get("content-type", "")
    except httpx.TimeoutException:
        return Reject(url, "fetch", "timeout", f"no answer within {config.get('fetch.timeout')} s")
    except httpx.HTTPError as exc:
        return Reject(url, "fetch", "unreachable", str(exc) or type(exc).__name__)


def _looks_like_feed(body: bytes, content_type: str) -> bool:
    if any(kind in content_type for kind in ("rss", "atom")):
        return True
    head = body[:2048].lower()
    return b"<rss" in head or (b"<feed" in head and b"<html" not in head)


@register("url", accepts=lambda s: s.startswith(("http://", "https://")), priority=5)
def read_url(source: str, *, config: Config, defaults: Defaults) -> Iterator[Item]:
    from crosswire.ingest.feeds import parse_feed
    from crosswire.ingest.html import html_items

    fetched = fetch(source, config=config)
    if isinstance(fetched, Reject):
        yield fetched
        return
    body, content_type = fetched
    if _looks_like_feed(body, content_type):
        yield from parse_feed(body, source, config=config, defaults=defaults)
        return
    yield from html_items(body, source, url=source, config=config, defaults=defaults)
