"""Readers: every supported input, and every kind of bad input, become Articles or Rejects."""

from __future__ import annotations

import io
import json
from datetime import date
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from crosswire.config import Config
from crosswire.ingest import Defaults, read, reader_for, stated_original
from crosswire.ingest.meta import split_front_matter
from crosswire.ingest.reprints import signature, similarity
from crosswire.records import Article, Reject
from tests.conftest import write
from tests.httpd import serve

BODY = (
    "The foreign minister of Chile met her Peruvian counterpart in Lima on Monday to "
    "discuss border trade and fisheries, officials said. "
)
HTML = f"""<html><head><title>Talks in Lima</title>
<meta property="og:site_name" content="Andes Courier">
<meta property="article:published_time" content="2025-02-03T10:00:00Z"></head>
<body><nav>Home | World</nav><article><h1>Talks in Lima</h1><p>{BODY}</p>
<p>{BODY.replace("Monday", "Tuesday")}</p></article>
<footer>(c) Andes Courier</footer></body></html>"""
RSS = f"""<?xml version="1.0"?><rss version="2.0"><channel><title>Andes Courier</title>
<item><title>Talks in Lima</title><link>https://courier.example/lima</link>
<pubDate>Mon, 03 Feb 2025 10:00:00 GMT</pubDate><description>{BODY}</description></item>
<item><title>Short</title><link>https://courier.example/short</link><description>tiny</description></item>
</channel></rss>"""


def items(sources: list[str], config: Config, **kw: object) -> tuple[list[Article], list[Reject]]:
    found = list(read(sources, config=config, **kw))  # type: ignore[arg-type]
    return (
        [i for i in found if isinstance(i, Article)],
        [i for i in found if isinstance(i, Reject)],
    )


def test_front_matter_and_header_lines() -> None:
    meta, body = split_front_matter("---\ntitle: A\noutlet: B\npublished: 2025-01-02\n---\nText")
    assert meta == {"title": "A", "outlet": "B", "published": "2025-01-02"} and body == "Text"
    meta, body = split_front_matter("Outlet: X\nTitle: Y\n\nBody here")
    assert meta == {"outlet": "X", "title": "Y"} and body == "Body here"
    meta, body = split_front_matter("Warning: not a header block\nBody")
    assert meta == {} and body.startswith("Warning")


def test_text_markdown_and_folder(tmp_path: Path, config: Config) -> None:
    write(
        tmp_path / "a" / "one.md", f"---\noutlet: Andes Courier\npublished: 2025-02-03\n---\n{BODY}"
    )
    write(tmp_path / "a" / "b" / "two.txt", BODY.replace("Lima", "Quito"))
    write(tmp_path / "a" / "ignored.bin", b"\x00\x01")
    write(tmp_path / "a" / ".hidden.txt", BODY)
    articles, rejects = items([str(tmp_path / "a")], config, defaults=Defaults(outlet="Default"))
    assert not rejects
    assert len(articles) == 2
    first = next(a for a in articles if "Lima" in a.text)
    assert (first.outlet, first.published) == ("Andes Courier", date(2025, 2, 3))
    second = next(a for a in articles if "Quito" in a.text)
    assert second.outlet == "Default" and second.published is None


def test_jsonl_and_csv_with_bad_lines(tmp_path: Path, config: Config) -> None:
    good = {
        "id": "1",
        "url": "https://x.example/1",
        "outlet": "X",
        "title": "T",
        "published": "2025-02-03",
        "text": BODY,
    }
    lines = [
        json.dumps(good),
        "{not json",
        json.dumps([1, 2]),
        json.dumps({**good, "text": "", "html": HTML}),
        json.dumps({**good, "published": "2025-13-45", "text": BODY + " Again."}),
    ]
    write(tmp_path / "a.jsonl", "\n".join(lines) + "\n")
    articles, rejects = items([str(tmp_path / "a.jsonl")], config)
    assert len(articles) == 2
    assert {r.reason for r in rejects} == {"malformed JSON line", "impossible date"}
    assert all(r.source.startswith(str(tmp_path / "a.jsonl") + ":") for r in rejects)

    csv_text = (
        "id,url,outlet,title,published,text\n"
        f'1,https://x.example/1,X,T,2025-02-03,"{BODY}"\n'
        f'2,https://x.example/2,X,T,2025-02-03,"{BODY} More.",extra\n'
    )
    write(tmp_path / "a.csv", csv_text)
    articles, rejects = items([str(tmp_path / "a.csv")], config)
    assert len(articles) == 1 and [r.reason for r in rejects] == ["malformed CSV line"]
    write(tmp_path / "b.csv", "name,value\nx,1\n")
    _, rejects = items([str(tmp_path / "b.csv")], config)
    assert [r.reason for r in rejects] == ["malformed CSV"]


def test_html_file_uses_trafilatura_metadata(tmp_path: Path, config: Config) -> None:
    write(tmp_path / "page.html", HTML)
    articles, rejects = items([str(tmp_path / "page.html")], config)
    assert not rejects
    (article,) = articles
    assert article.title == "Talks in Lima"
    assert article.published == date(2025, 2, 3)
    assert "Home | World" not in article.text and "Peruvian counterpart" in article.text


def test_feed_file(tmp_path: Path, config: Config) -> None:
    write(tmp_path / "feed.rss", RSS)
    articles, rejects = items([str(tmp_path / "feed.rss")], config)
    assert [a.url for a in articles] == ["https://courier.example/lima"]
    assert articles[0].outlet == "Andes Courier" and articles[0].published == date(2025, 2, 3)
    assert [r.reason for r in rejects] == ["too short"]


def test_warc(tmp_path: Path, config: Config) -> None:
    path = tmp_path / "crawl.warc.gz"
    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=True)
        for url, kind, body in [
            ("https://courier.example/lima", "text/html", HTML.encode()),
            ("https://courier.example/logo.png", "image/png", b"\x89PNG"),
        ]:
            headers = StatusAndHeaders("200 OK", [("Content-Type", kind)], protocol="HTTP/1.1")
            writer.write_record(
                writer.create_warc_record(
                    url, "response", payload=io.BytesIO(body), http_headers=headers
                )
            )
    articles, rejects = items([str(path)], config)
    assert not rejects
    assert [a.url for a in articles] == ["https://courier.example/lima"]
    broken = write(tmp_path / "broken.warc", b"this is not a warc file at all\n" * 3)
    _, rejects = items([str(broken)], config)
    assert [r.reason for r in rejects] == ["malformed WARC"]


def test_urls_feeds_and_url_lists_over_real_http(tmp_path: Path, config: Config) -> None:
    pages = {
        "/article": (200, "text/html; charset=utf-8", HTML.encode()),
        "/feed": (200, "application/rss+xml", RSS.encode()),
        "/huge": (200, "text/html", b"<p>" + b"x" * 3000 + b"</p>"),
        "/slow": (200, "text/html", HTML.encode()),
    }
    config.set("fetch.max_bytes", 2000 + len(HTML.encode()) + len(RSS.encode()))
    config.set("fetch.timeout", 0.5)
    config.set("fetch.allow_private", True)  # the test server listens on loopback
    with serve(pages) as base:
        articles, rejects = items([f"{base}/article", f"{base}/feed", f"{base}/missing"], config)
        assert [a.url for a in articles] == [f"{base}/article", "https://courier.example/lima"]
        assert [r.reason for r in rejects] == ["too short", "HTTP 404"]
        assert all(agent.startswith("crosswire/") for agent in serve.agents)  # type: ignore[attr-defined]
        config.set("fetch.max_bytes", 1000)
        _, rejects = items([f"{base}/huge", f"{base}/slow"], config)
        assert [r.reason for r in rejects] == ["too large", "timeout"]
        config.set("fetch.max_bytes", 100_000)
        listing = write(tmp_path / "urls.txt", f"# my list\n{base}/article\n{base}/missing\n")
        assert reader_for(str(listing)).name == "url-list"
        articles, rejects = items([str(listing)], config)
        assert len(articles) == 1 and [r.reason for r in rejects] == ["HTTP 404"]
    _, rejects = items(["http://127.0.0.1:9/nothing-listens-here"], config)
    assert [r.reason for r in rejects] == ["unreachable"]


def test_url_ingest_refuses_non_public_addresses(tmp_path: Path, config: Config) -> None:
    pages = {
        "/article": (200, "text/html; charset=utf-8", HTML.encode()),
        "/to-article": (302, "text/plain", b"/article"),
        "/to-script": (302, "text/plain", b"javascript:alert(1)"),
        "/to-file": (301, "text/plain", b"file:///etc/passwd"),
    }
    with serve(pages) as base:
        sources = [f"{base}/article", "http://169.254.169.254/latest/meta-data", "http://[::1]/"]
        articles, rejects = items(sources, config)
        assert not articles and not serve.agents  # type: ignore[attr-defined]
        assert [(r.reason, r.detail.split(",")[-1]) for r in rejects] == [
            ("refused address", " a non-public address"),
        ] * 3
        config.set("fetch.allow_private", True)
        sources = [f"{base}/to-article", f"{base}/to-script", f"{base}/to-file"]
        articles, rejects = items(sources, config)
        assert [a.url for a in articles] == [f"{base}/to-article"]
        assert [(r.source, r.reason) for r in rejects] == [
            (f"{base}/to-script", "invalid URL"),
            (f"{base}/to-file", "invalid URL"),
        ]
    listing = write(tmp_path / "list.urls", "https://ok.example/a\nhttps://bad\x07.example/\n")
    config.set("fetch.allow_private", False)
    _, rejects = items([str(listing)], config)
    assert [(r.source, r.reason) for r in rejects][-1] == (f"{listing}:2", "invalid URL")


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("empty.txt", b"", "empty"),
        ("blank.txt", b"   \n\n  ", "empty"),
        ("short.txt", b"Too short.", "too short"),
        ("binary.txt", b"\x00\x01\x02binary" * 20, "binary file"),
        ("latin1.txt", ("Caf\xe9 society " * 10).encode("latin-1"), "not UTF-8"),
        ("baddate.md", f"---\npublished: 2025-02-30\n---\n{BODY}".encode(), "impossible date"),
        ("olddate.md", f"---\npublished: 1066-10-14\n---\n{BODY}".encode(), "impossible date"),
    ],
)
def test_bad_files_become_rejects(
    tmp_path: Path, config: Config, name: str, content: bytes, reason: str
) -> None:
    path = write(tmp_path / name, content)
    articles, rejects = items([str(path)], config)
    assert not articles
    assert [r.reason for r in rejects] == [reason]


def test_huge_files_rejected_or_truncated(tmp_path: Path, config: Config) -> None:
    path = write(tmp_path / "huge.txt", BODY * 100)
    config.set("ingest.max_bytes", 1000)
    articles, rejects = items([str(path)], config)
    assert not articles and rejects[0].reason == "too large"
    config.set("ingest.truncate", True)
    articles, rejects = items([str(path)], config)
    assert [r.reason for r in rejects] == ["truncated"]
    assert "of 13" in rejects[0].detail and len(articles[0].text.encode()) <= 1000
    write(tmp_path / "rows.jsonl", '{"text": "' + BODY * 30 + '"}\n')
    articles, rejects = items([str(tmp_path / "rows.jsonl")], config)
    assert [r.reason for r in rejects] == ["truncated"] and len(articles) == 1


def test_unknown_and_missing_sources(config: Config) -> None:
    _, rejects = items(["/no/such/path.txt", "/etc"], config, reader="no-such-reader")
    assert {r.reason for r in rejects} == {"no reader"}
    _, rejects = items(["/no/such/file.xyz"], config)
    assert [(r.reason, r.detail, r.code) for r in rejects] == [
        ("not found", "no such file or folder", "E200")
    ]
    _, rejects = items([__file__], config)
    assert [(r.reason, r.code) for r in rejects] == [("no reader", "E201")]
    assert "Fix:" not in rejects[0].detail


def test_reprint_signals() -> None:
    assert (
        stated_original(
            "This article was originally published by Radio Free Asia and is "
            "reprinted with permission."
        )
        == "Radio Free Asia"
    )
    assert stated_original("Reprinted from The Andes Courier.") == "Andes Courier"
    assert stated_original("Nothing to see.") is None
    words = [
        "minister",
        "border",
        "trade",
        "talks",
        "river",
        "port",
        "council",
        "vote",
        "budget",
        "farmers",
        "election",
        "court",
        "rally",
        "bridge",
        "treaty",
        "army",
        "fuel",
        "tax",
    ]
    long = " ".join(
        f"The {words[i % 18]} of region {i} was discussed with {words[(i * 7) % 18]} "
        f"officials on day {i}."
        for i in range(40)
    )
    edited = long.replace("region 3 ", "district 3 ", 1) + " Copyright the other outlet."
    other = " ".join(
        f"A {words[(i * 5) % 18]} story number {i} about {words[i % 18]}." for i in range(40)
    )
    assert similarity(signature(long), signature(edited)) >= 0.8
    assert similarity(signature(long), signature(other)) < 0.5


def _feed(date_text: str) -> bytes:
    return (
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>Courier</title><item>'
        f"<title>T</title><link>https://courier.example/x</link><pubDate>{date_text}</pubDate>"
        f"<description>{BODY}</description></item></channel></rss>"
    ).encode()


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("zero.rss", _feed("0000-00-00"), [("#1", "impossible date")]),
        ("feb30.rss", _feed("2025-02-30"), [("#1", "impossible date")]),
        ("y10k.rss", _feed("10000-01-01"), [("#1", "impossible date")]),
        (
            "deep.jsonl",
            b'{"text": ' + b"[" * 1000 + b"]" * 1000 + b"}\n",
            [(":1", "malformed JSON line")],
        ),
        (
            "digits.jsonl",
            b'{"text": "a", "n": ' + b"7" * 5000 + b"}\n",
            [(":1", "malformed JSON line")],
        ),
        ("empty.jsonl", b"", [("", "no articles")]),
        ("empty.rss", b"", [("", "no articles")]),
        ("header.csv", b"id,text,outlet\n", [("", "no articles")]),
        ("garbage.warc", bytes(range(256)) * 20, [("", "malformed WARC")]),
        ("utf16.csv", b"\xff\xfe" + f'text,outlet\n"{BODY}",Courier\n'.encode("utf-16-le"), []),
        ("utf32.txt", b"\xff\xfe\x00\x00" + BODY.encode("utf-32-le"), []),
        ("utf16.html", b"\xfe\xff" + HTML.encode("utf-16-be"), []),
    ],
)
def test_hostile_inputs_become_rejects(
    tmp_path: Path, config: Config, name: str, content: bytes, expected: list[tuple[str, str]]
) -> None:
    path = write(tmp_path / name, content)
    articles, rejects = items([str(path)], config)
    got = [(r.source.removeprefix(str(path)), r.reason) for r in rejects]
    assert got == expected
    assert len(articles) == (0 if expected else 1)
    if not expected:
        assert articles[0].text.startswith(BODY[:30])


def test_gzip_bomb_stops_early(tmp_path: Path, config: Config) -> None:
    import gzip

    with gzip.open(tmp_path / "bomb.warc.gz", "wb") as handle:
        handle.write(b"WARC/1.0\r\n")
        for _ in range(200):
            handle.write(b"A" * (1 << 20))
    _, rejects = items([str(tmp_path / "bomb.warc.gz")], config)
    assert [(r.reason, r.code) for r in rejects] == [("too large", "E203")]
    assert rejects[0].detail.startswith("compression ratio over 100")


def test_folder_walk_never_leaves_the_folder(tmp_path: Path, config: Config) -> None:
    outside = write(tmp_path / "secret" / "passwd.txt", BODY.replace("Chile", "Bolivia"))
    inside = write(tmp_path / "news" / "a.txt", BODY)
    (tmp_path / "news" / "link.txt").symlink_to(outside)
    (tmp_path / "news" / "linked-folder").symlink_to(outside.parent)
    (tmp_path / "news" / "same.txt").symlink_to(inside)
    write(tmp_path / "news" / "deep.jsonl", b'{"text": ' + b"[" * 5000 + b"\n")
    articles, rejects = items([str(tmp_path / "news")], config)
    assert [a.source for a in articles] == [str(inside), str(tmp_path / "news" / "same.txt")]
    assert sorted((Path(r.source).name, r.reason) for r in rejects) == [
        ("deep.jsonl:1", "malformed JSON line"),
        ("link.txt", "outside the folder"),
        ("linked-folder", "outside the folder"),
    ]
