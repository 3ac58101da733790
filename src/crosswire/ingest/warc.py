"""WARC files (plain or gzipped), as news crawls such as CC-NEWS ship them: one article per
HTML response record."""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from crosswire.config import Config
from crosswire.errors import LimitError
from crosswire.ingest.registry import Defaults, Item, register
from crosswire.records import Reject

_RATIO_AFTER = 10_000_000  # decompressed bytes before the compression ratio is judged


class Inflated:
    """A gzip file (one member or many, as WARC writers make them) read through a bound:
    more than ``max_total`` decompressed bytes, or a ratio over ``max_ratio`` once 10 MB are
    out, raises LimitError instead of filling memory (a gzip bomb). Plain files pass through."""

    def __init__(self, handle: BinaryIO, *, max_total: int, max_ratio: float) -> None:
        self.handle, self.max_total, self.max_ratio = handle, max_total, max_ratio
        self.gzipped = handle.read(2) == b"\x1f\x8b"
        handle.seek(0)
        self.inflater = zlib.decompressobj(zlib.MAX_WBITS | 16)
        self.pending = b""
        self.read_in = self.given = 0

    def read(self, size: int = -1) -> bytes:
        if not self.gzipped:
            return self.handle.read(size)
        want = size if size >= 0 else 1 << 20
        while len(self.pending) < want:
            raw = self.inflater.unconsumed_tail or self.handle.read(1 << 16)
            if not raw and not self.inflater.unused_data:
                break
            if self.inflater.eof:  # the next gzip member
                raw = self.inflater.unused_data + raw
                self.inflater = zlib.decompressobj(zlib.MAX_WBITS | 16)
            if not self.inflater.unconsumed_tail:
                self.read_in += len(raw)
            self.pending += self.inflater.decompress(raw, max(want, 1 << 16))
            self._check(len(self.pending))
        out, self.pending = self.pending[:want], self.pending[want:]
        self.given += len(out)
        return out

    def _check(self, buffered: int) -> None:
        total = self.given + buffered
        if total > self.max_total:
            raise LimitError(f"decompresses to more than {self.max_total} bytes")
        if total > _RATIO_AFTER and total > self.max_ratio * max(self.read_in, 1):
            raise LimitError(
                f"compression ratio over {self.max_ratio:g} (a gzip bomb?): "
                f"{total} bytes out of {self.read_in}"
            )


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
        with open(source, "rb") as raw:
            handle = Inflated(
                raw,
                max_total=int(config.get("ingest.max_decompressed_bytes")),
                max_ratio=float(config.get("ingest.max_compression_ratio")),
            )
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
    except LimitError as exc:
        yield Reject(source, "ingest", "too large", exc.message, code=exc.code)
        return
    except (ArchiveLoadFailed, OSError, ValueError, EOFError, zlib.error) as exc:
        yield Reject(source, "ingest", "malformed WARC", str(exc) or type(exc).__name__)
        return
    if records == 0:
        yield Reject(source, "ingest", "malformed WARC", "no WARC records found")
