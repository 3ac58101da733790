"""WARC files (plain or gzipped), as news crawls such as CC-NEWS ship them: one article per
HTML response record."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from crosswire.config import Config
from crosswire.ingest.registry import Defaults, Item, register
from crosswire.records import Reject


def _is_warc(source: str) -> bool:
    name = source.lower()
    return Path(source).is_file() and (name.endswith(".warc") or name.endswith(".warc.gz"))


@register("warc", accepts=_is_warc, priority=15)
def read_warc(source: str, *, config: Config, defaults: Defaults) -> Iterator[Item]:
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    from crosswire.ingest.html import html_items

    limit = int(config.get("ingest.max_bytes"))
    records = 0
    try:
        with open(source, "rb") as handle:
            for record in ArchiveIterator(handle):
                if record.format != "warc":
                    continue
                records += 1
                if record.rec_type != "response":
                    continue
                url = record.rec_headers.get_header("WARC-Target-URI") or source
                kind = (
                    record.http_headers.get_header("Content-Type") or ""
                    if record.http_headers
                    else ""
                )
                if "html" not in kind:
                    continue
                body = record.content_stream().read(limit + 1)
                if len(body) > limit:
                    yield Reject(url, "ingest", "too large", f"over {limit} bytes")
                    continue
                yield from html_items(body, url, url=url, config=config, defaults=defaults)
    except (ArchiveLoadFailed, OSError, ValueError) as exc:
        yield Reject(source, "ingest", "malformed WARC", str(exc))
        return
    if records == 0:
        yield Reject(source, "ingest", "malformed WARC", "no WARC records found")
