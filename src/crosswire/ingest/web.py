"""URLs fetched with httpx: timeouts, a size limit and an identifying user agent.

A page is read as a feed when its content type or body says so, otherwise as HTML. Only
http(s) URLs are fetched, and only from public addresses: a host that resolves to a private,
loopback, link-local, multicast or reserved address is refused (``fetch.allow_private``
lifts that), and every redirect is checked again before it is followed.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Iterator
from urllib.parse import urljoin, urlsplit

import httpx

from crosswire.config import Config
from crosswire.ingest.registry import Defaults, Item, register
from crosswire.records import Reject, web_url

MAX_REDIRECTS = 10


def refused_address(url: str) -> str | None:
    """Why ``url`` must not be fetched under the address policy, or None when it may be."""
    host = urlsplit(url).hostname or ""
    try:
        infos = socket.getaddrinfo(host, None, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError) as exc:
        return f"cannot resolve {host!r}: {exc}"
    for info in infos:
        address = ipaddress.ip_address(str(info[4][0]).split("%")[0])
        if not address.is_global or address.is_multicast:
            return f"{host} resolves to {address}, a non-public address"
    return None


def fetch(url: str, *, config: Config) -> tuple[bytes, str] | Reject:
    """The body and content type of ``url``, or a Reject with the reason it failed."""
    limit = int(config.get("fetch.max_bytes"))
    allow_private = bool(config.get("fetch.allow_private"))
    headers = {"User-Agent": str(config.get("fetch.user_agent"))}
    try:
        with httpx.Client(timeout=float(config.get("fetch.timeout")), headers=headers) as client:
            target = url
            for _ in range(MAX_REDIRECTS + 1):
                if not web_url(target):
                    return Reject(url, "fetch", "invalid URL", f"not an http(s) URL: {target!r}")
                if not allow_private and (why := refused_address(target)):
                    return Reject(url, "fetch", "refused address", why)
                with client.stream("GET", target) as response:
                    if response.is_redirect and "location" in response.headers:
                        target = urljoin(target, response.headers["location"])
                        continue
                    return _body(url, response, limit)
            return Reject(url, "fetch", "too many redirects", f"over {MAX_REDIRECTS}")
    except httpx.TimeoutException:
        return Reject(url, "fetch", "timeout", f"no answer within {config.get('fetch.timeout')} s")
    except (httpx.UnsupportedProtocol, httpx.InvalidURL) as exc:  # a redirect to javascript:...
        return Reject(url, "fetch", "invalid URL", str(exc))
    except httpx.HTTPError as exc:
        return Reject(url, "fetch", "unreachable", str(exc) or type(exc).__name__)


def _body(url: str, response: httpx.Response, limit: int) -> tuple[bytes, str] | Reject:
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
