"""No input can stop a run: hostile files, a thousand ordinary articles and minutes of fuzzing
through the code path that ships, with the slowest document and the peak memory.

    .venv/bin/python bench/robustness.py --articles 1000 --fuzz-minutes 5

1. About 300 hostile files in one folder (binary, empty, invalid UTF-8, UTF-16/32 with a BOM,
   NUL bytes, truncated gzip, 50 MB lines, JSON and HTML nested 100,000 deep, XML entity bombs,
   CSV with 10,000 columns, impossible dates, gzip bombs, links out of the folder, ...) are
   ingested with ``crosswire.ingest_sources``; every file must end as stored articles or a
   reject row naming it, and the run must not raise.
2. Every article read from them, and ``--articles`` synthetic news articles (bench/corpus.py),
   are coded one at a time, timed, with the process's peak resident memory.
3. The hypothesis property of tests/test_fuzz.py runs for ``--fuzz-minutes``.

Prints one JSON object; docs/benchmarks.md keeps the figures.
"""

from __future__ import annotations

import argparse
import gzip
import io
import json
import os
import platform
import random
import resource
import sys
import tempfile
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import crosswire  # noqa: E402
from corpus import articles as synthetic  # type: ignore[import-not-found]  # noqa: E402
from crosswire.coding import Limits, code_articles  # noqa: E402
from crosswire.config import load_config  # noqa: E402
from crosswire.ingest import read  # noqa: E402
from crosswire.records import Article, parse_date  # noqa: E402

BODY = (
    "The foreign minister of Chile met her Peruvian counterpart in Lima on Monday to discuss "
    "border trade, officials said. "
)


def _warc(html: bytes) -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    out = io.BytesIO()
    writer = WARCWriter(out, gzip=True)
    headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.0")
    record = writer.create_warc_record(
        "https://news.example/a", "response", payload=io.BytesIO(html), http_headers=headers
    )
    writer.write_record(record)
    return out.getvalue()


def hostile(folder: Path, rng: random.Random) -> int:
    """Write the hostile files; returns how many."""
    files: dict[str, bytes] = {}
    for n in range(20):
        files[f"random-{n}.txt"] = rng.randbytes(rng.randint(1, 20_000))
        files[f"random-{n}.html"] = rng.randbytes(rng.randint(1, 20_000))
    for n in range(10):
        files[f"empty-{n}{['.txt', '.md', '.jsonl', '.csv', '.rss'][n % 5]}"] = b""
        files[f"blank-{n}.txt"] = b" \n\t " * n
    for n in range(20):
        files[f"bad-utf8-{n}.txt"] = BODY.encode() + bytes([0xC3, 0x28, 0xFF, 0xFE][n % 4 :])
    for n, (bom, codec) in enumerate(
        [(b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"), (b"\xff\xfe\x00\x00", "utf-32-le")]
    ):
        files[f"bom-{n}.txt"] = bom + (BODY * 3).encode(codec)
        files[f"bom-{n}.html"] = bom + f"<html><body><p>{BODY * 3}</p></body></html>".encode(codec)
        files[f"bom-{n}.csv"] = bom + f'text,outlet\n"{BODY}",Wire\n'.encode(codec)
        files[f"bom-odd-{n}.txt"] = bom + (BODY * 3).encode(codec)[:-1]
        files[f"bom-bad-{n}.txt"] = bom + rng.randbytes(301)
    for n in range(10):
        files[f"nul-{n}.txt"] = BODY.encode() + b"\x00" * (n + 1) + BODY.encode()
    good_warc = _warc(f"<html><body><article><p>{BODY * 4}</p></article></body></html>".encode())
    for n in range(10):
        files[f"truncated-{n}.warc.gz"] = good_warc[: rng.randint(1, len(good_warc) - 1)]
        files[f"garbage-{n}.warc"] = rng.randbytes(5_000)
    files["long-line.txt"] = b"x" * 50_000_000
    files["long-line.jsonl"] = b'{"text": "' + b"y" * 50_000_000 + b'"}\n'
    files["repeated.txt"] = b"Poland accused Russia. " * 200_000
    files["million-words.jsonl"] = json.dumps({"text": "word " * 900_000}).encode() + b"\n"
    for n, depth in enumerate([1_000, 10_000, 100_000, 1_000_000]):
        files[f"nested-{n}.jsonl"] = b'{"text": ' + b"[" * depth + b"]" * depth + b"}\n"
        files[f"nested-obj-{n}.jsonl"] = b'{"a":' * depth + b"1" + b"}" * depth + b"\n"
        files[f"nested-{n}.html"] = b"<div>" * depth + BODY.encode() + b"</div>" * depth
    for n in range(5):
        files[f"digits-{n}.jsonl"] = (
            b'{"text": "' + BODY.encode() + b'", "n": ' + b"9" * 5000 * (n + 1) + b"}\n"
        )
    laughs = '<!ENTITY l0 "lol">' + "".join(
        f'<!ENTITY l{i} "{f"&l{i - 1};" * 10}">' for i in range(1, 10)
    )
    for n in range(5):
        files[f"laughs-{n}.rss"] = (
            f'<?xml version="1.0"?><!DOCTYPE rss [{laughs}]><rss version="2.0"><channel>'
            f"<item><title>&l9;</title><description>{BODY}&l9;</description></item>"
            "</channel></rss>"
        ).encode()
        files[f"external-{n}.rss"] = (
            '<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
            f'<rss version="2.0"><channel><item><title>&x;</title><description>{BODY}'
            "</description></item></channel></rss>"
        ).encode()
    for n in range(5):
        header = ",".join(f"c{i}" for i in range(10_000)) + ",text\n"
        row = ",".join("v" for _ in range(10_000)) + f',"{BODY}"\n'
        files[f"wide-{n}.csv"] = (header + row * (n + 1)).encode()
        files[f"header-only-{n}.csv"] = b"id,text,outlet\n"
        files[f"no-text-column-{n}.csv"] = b"id,body\n1,hello\n"
    dates = ["2025-02-30", "10000-01-01", "0000-00-00", "1066-10-14", "2025-13-01", "yesterday"]
    for n, bad in enumerate(dates):
        files[f"date-{n}.md"] = f"---\npublished: {bad}\n---\n{BODY}".encode()
        files[f"date-{n}.rss"] = (
            '<?xml version="1.0"?><rss version="2.0"><channel><title>W</title><item>'
            f"<link>https://w.example/{n}</link><pubDate>{bad}</pubDate>"
            f"<description>{BODY}</description></item></channel></rss>"
        ).encode()
        files[f"date-{n}.jsonl"] = json.dumps({"text": BODY, "published": bad}).encode() + b"\n"
        files[f"in-text-{n}.txt"] = f"On 31 December 9999 and {bad}, {BODY}".encode()
    for n in range(3):
        bomb = io.BytesIO()
        with gzip.GzipFile(fileobj=bomb, mode="wb", compresslevel=9) as handle:
            handle.write(b"WARC/1.0\r\n")
            for _ in range(1000):
                handle.write(b"\0" * (1 << 20))
        files[f"bomb-{n}.warc.gz"] = bomb.getvalue()
    for n in range(10):
        files[f"escapes-{n}.md"] = (
            f"---\ntitle: \x1b[2J\x1b]0;pwned\x07 title {n}\nurl: javascript:alert({n})\n"
            f"outlet: \x1b[31mRed\n---\n{BODY}"
        ).encode()
        files[f"urls-{n}.urls"] = (
            f"http://exa\x07mple.com/{n}\nnot a url\nftp://x.example/\n".encode()
        )
    for n in range(10):
        files[f"quotes-{n}.txt"] = ('"' * 5000 + BODY + "\u201d" * 5000).encode()
        files[f"punct-{n}.txt"] = ("?!.;" * 20_000).encode()
    for name, data in files.items():
        (folder / name).write_bytes(data)
    outside = folder.parent / "outside.txt"
    outside.write_text(BODY * 2, "utf-8")
    for n in range(5):
        (folder / f"link-out-{n}.txt").symlink_to(outside)
    return len(files) + 5


def peak_mb() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024


def resident_mb() -> int:
    with open("/proc/self/statm") as handle:
        return int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") // (1 << 20)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--fuzz-minutes", type=float, default=5.0)
    parser.add_argument("--seed", type=int, default=11)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    config = load_config(environ={})
    model, limits = str(config.get("nlp.model")), Limits.from_config(config)
    result: dict[str, object] = {"machine": f"{platform.node()} {os.cpu_count()} cores"}
    crashes: list[str] = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "hostile"
        folder.mkdir()
        result["hostile_files"] = hostile(folder, rng)
        started = time.perf_counter()
        try:
            with crosswire.open(Path(tmp) / "h.duckdb") as db:
                report = crosswire.ingest_sources([str(folder)], db, config=config)
                result["hostile_consistency_problems"] = db.check()
        except Exception:  # noqa: BLE001  (a crash is what this bench counts)
            crashes.append(traceback.format_exc())
        else:
            result["hostile_ingest"] = report.to_dict()
        result["hostile_seconds"] = round(time.perf_counter() - started, 1)
        result["rss_mb_after_hostile_ingest"] = peak_mb()
        items = list(read([str(folder)], config=config))
        # every file ends as an article or a reject naming it (identical texts are one article)
        named = {Path(i.source.split(":")[0].split("#")[0]).name for i in items if i.source}
        result["hostile_files_without_article_or_reject"] = sorted(
            p.name for p in folder.iterdir() if p.name not in named
        )
        docs = [a for a in items if isinstance(a, Article)]
    docs += [
        Article.create(r["text"], outlet=r["outlet"], published=parse_date(r["published"]))
        for r in synthetic(args.articles, seed=args.seed)
    ]
    slowest, failures, growth = 0.0, [], 0
    for article in docs:
        started, before = time.perf_counter(), resident_mb()
        try:
            (coded,) = code_articles([article], model=model, limits=limits)
            if coded.failure is not None:
                failures.append(f"{article.source}: {coded.failure.detail}")
        except Exception:  # noqa: BLE001
            crashes.append(traceback.format_exc())
        slowest = max(slowest, time.perf_counter() - started)
        growth = max(growth, resident_mb() - before)
    result["documents"] = len(docs)
    result["stage_failures"] = len(failures)
    result["stage_failure_examples"] = failures[:5]
    result["largest_rss_growth_one_document_mb"] = growth
    result["rss_mb_after_documents"] = peak_mb()
    result["slowest_document_seconds"] = round(slowest, 2)
    fuzzed = fuzz(args.fuzz_minutes, crashes)
    result["fuzz_examples"] = fuzzed
    result["crashes"] = len(crashes)
    result["peak_rss_mb"] = peak_mb()
    result["peak_rss_mb_worker_processes"] = (
        resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024
    )
    print(json.dumps(result, indent=1))
    for crash in crashes[:3]:
        print(crash, file=sys.stderr)


def fuzz(minutes: float, crashes: list[str]) -> int:
    """The property of tests/test_fuzz.py, run until ``minutes`` are spent."""
    from hypothesis import HealthCheck, given, settings

    from tests.test_fuzz import newsish, test_code_answers_whatever_the_text

    prop = test_code_answers_whatever_the_text.hypothesis.inner_test  # type: ignore[attr-defined]
    deadline = time.monotonic() + minutes * 60
    count = 0

    @settings(
        max_examples=25, deadline=None, database=None, suppress_health_check=list(HealthCheck)
    )
    @given(newsish())
    def run(text: str) -> None:
        nonlocal count
        count += 1
        prop(text)

    while time.monotonic() < deadline:  # fresh random examples each round
        try:
            run()
        except Exception:  # noqa: BLE001
            crashes.append(traceback.format_exc())
    return count


if __name__ == "__main__":
    main()
