"""Reading articles from .txt, .md (front matter), .html, .jsonl files and folders."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from verifier.ingest.readers import (
    RawArticle,
    ReadFailure,
    count_articles,
    iter_articles,
    iter_files,
    parse_published,
)

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
BODY = "Officials said on Monday that talks would resume.\nA second paragraph follows.\n"


def _one(path: Path) -> RawArticle | ReadFailure:
    items = list(iter_articles([path]))
    assert len(items) == 1
    return items[0]


def test_plain_text(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(BODY, encoding="utf-8")
    article = _one(path)
    assert article == RawArticle(text=BODY, origin=str(path))


def test_markdown_front_matter(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_text(
        "---\ntitle: Talks resume\noutlet: yonhap\nurl: https://x.test/a\n"
        "published: 2018-03-27\nbyline: Kim Min-ji\ntags: [ignored]\n---\n" + BODY,
        encoding="utf-8",
    )
    article = _one(path)
    assert isinstance(article, RawArticle)
    assert article.text == BODY
    assert (article.title, article.outlet, article.url, article.byline) == (
        "Talks resume", "yonhap", "https://x.test/a", "Kim Min-ji"
    )
    assert article.published == datetime(2018, 3, 27, tzinfo=UTC)


def test_markdown_without_front_matter_keeps_everything(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_text("# Headline\n\n" + BODY, encoding="utf-8")
    article = _one(path)
    assert isinstance(article, RawArticle) and article.text.startswith("# Headline")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("---\ntitle: x\n" + BODY, "no closing '---'"),
        ("---\ntitle: [unclosed\n---\n" + BODY, "not valid YAML"),
        ("---\n- a list\n---\n" + BODY, "must be a mapping"),
        ("---\npublished: next week\n---\n" + BODY, "field 'published'"),
        ("---\ntitle: x\n---\n\n", "no article text"),
        ("---\ntitle: {a: 1}\n---\n" + BODY, "field 'title'"),
    ],
)
def test_bad_front_matter_names_the_file(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "bad.md"
    path.write_text(content, encoding="utf-8")
    failure = _one(path)
    assert isinstance(failure, ReadFailure)
    assert str(path) in failure.message and message in failure.message


def test_the_seed_examples_read_with_their_metadata() -> None:
    article = _one(EXAMPLES / "kim-beijing.md")
    assert isinstance(article, RawArticle)
    assert article.outlet == "koreatimes" and article.byline == "Lee Min-hyung"
    assert article.published == datetime(2018, 3, 27, tzinfo=UTC)
    assert not article.text.startswith("---")


def test_html_main_text_and_metadata(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(
        "<html><head><title>Talks resume | Site</title>"
        '<meta property="og:site_name" content="Yonhap">'
        '<meta name="author" content="Kim Min-ji">'
        '<meta property="article:published_time" content="2018-03-27T09:00:00+09:00">'
        '<link rel="canonical" href="https://x.test/talks"></head><body>'
        "<nav>Home | World | Sports</nav><article><h1>Talks resume</h1>"
        "<p>The foreign ministry said on Monday that talks would resume in May, according "
        "to a statement released to reporters in Seoul.</p>"
        "<p>A senior official is expected to attend the first round, said a government "
        "source familiar with the plans.</p></article>"
        "<footer>Copyright 2018. All rights reserved.</footer></body></html>",
        encoding="utf-8",
    )
    article = _one(path)
    assert isinstance(article, RawArticle)
    assert "talks would resume in May" in article.text
    assert "Home | World" not in article.text and "Copyright" not in article.text
    assert (article.site_name, article.byline, article.url) == (
        "Yonhap", "Kim Min-ji", "https://x.test/talks"
    )
    assert article.outlet is None  # a hint only: see test_ingest
    assert article.published is not None and article.published.date().isoformat() == "2018-03-27"


def test_html_without_article_text(tmp_path: Path) -> None:
    path = tmp_path / "empty.html"
    path.write_text("<html><head><title>x</title></head><body></body></html>", encoding="utf-8")
    failure = _one(path)
    assert isinstance(failure, ReadFailure) and "no article text" in failure.message


def test_jsonl_one_article_per_line_and_bad_lines_reported(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    good = {"text": BODY, "title": "T", "outlet": "reuters", "published": "2020-01-02T03:04:05Z"}
    lines = [
        json.dumps(good).encode(),
        b"",
        b"{not json",
        json.dumps({"title": "no text"}).encode(),
        b'{"text": "caf\xe9 latte"}',
        json.dumps(["a", "list"]).encode(),
        json.dumps({"text": "Second article.", "byline": "AP staff"}).encode(),
    ]
    path.write_bytes(b"\n".join(lines) + b"\n")
    items = list(iter_articles([path]))
    assert [type(i).__name__ for i in items] == [
        "RawArticle", "ReadFailure", "ReadFailure", "ReadFailure", "ReadFailure", "RawArticle"
    ]
    first, last = items[0], items[-1]
    assert isinstance(first, RawArticle) and isinstance(last, RawArticle)
    assert first.origin == f"{path}:1" and first.outlet == "reuters"
    assert first.published == datetime(2020, 1, 2, 3, 4, 5, tzinfo=UTC)
    assert last.origin == f"{path}:7" and last.byline == "AP staff"
    messages = [i.message for i in items if isinstance(i, ReadFailure)]
    assert messages[0].startswith(f"{path}:3: not valid JSON")
    assert "field 'text'" in messages[1]
    assert "UTF-8" in messages[2] and "JSON object" in messages[3]
    assert count_articles([path]) == 6


def test_folders_are_walked_recursively_in_order(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / ".hidden").mkdir()
    for name in ("b/2.txt", "a.md", "b/1.html", "notes.pdf", ".x.txt", "README.md",
                 ".hidden/c.txt", "b/feed.jsonl"):
        (tmp_path / name).write_text("text", encoding="utf-8")
    found = [p.relative_to(tmp_path).as_posix() for p in iter_files([tmp_path])]
    assert found == ["a.md", "b/1.html", "b/2.txt", "b/feed.jsonl"]


def test_missing_unsupported_and_unreadable_files_become_failures(tmp_path: Path) -> None:
    binary = tmp_path / "image.txt"
    binary.write_bytes(b"\x89PNG\x00\x00\x00binary")
    latin = tmp_path / "latin.txt"
    latin.write_bytes("café".encode("latin-1"))
    empty = tmp_path / "empty.txt"
    empty.write_text("   \n")
    pdf = tmp_path / "doc.pdf"
    pdf.write_text("x")
    paths = [tmp_path / "missing.txt", pdf, binary, latin, empty]
    items = list(iter_articles(paths))
    assert all(isinstance(i, ReadFailure) for i in items)
    messages = [i.message for i in items if isinstance(i, ReadFailure)]
    for path, message in zip(paths, messages, strict=True):
        assert message.startswith(str(path))
    assert "no such file" in messages[0] and "unsupported" in messages[1]
    assert "binary" in messages[2] and "UTF-8" in messages[3] and "empty" in messages[4]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2018-03-27", datetime(2018, 3, 27, tzinfo=UTC)),
        ("2018-03-27T09:00:00+09:00", datetime(2018, 3, 27, 0, 0, tzinfo=UTC)),
        ("2018-03-27 10:30", datetime(2018, 3, 27, 10, 30, tzinfo=UTC)),
        (None, None),
        ("", None),
    ],
)
def test_parse_published(value: str | None, expected: datetime | None) -> None:
    assert parse_published(value, "x") == expected


def test_an_html_page_in_the_encoding_its_meta_declares_is_read(tmp_path: Path) -> None:
    """A page saved from an older site (Windows-1252 bytes, <meta charset="iso-8859-1">, or
    the http-equiv form naming KOI8-R) was refused as 'not valid UTF-8' though a browser
    reads it: it is read in the encoding it declares (Latin-1 read as Windows-1252, as
    browsers do: its curly quotes). A page declaring none, or no text encoding, is read as
    Windows-1252 with a warning, as a browser reads it (it was refused); a .txt is never
    read by a declaration."""
    from typer.testing import CliRunner

    from verifier.cli import app

    latin = ('<html><head><meta charset="iso-8859-1"><title>Café owners protest</title>'
             '</head><body><article><h1>Café owners protest</h1><p>The mayor said the café '
             'tax would rise next year, a council statement said.</p><p>“We cannot pay,” '
             'said owner Ana Lopes.</p></article></body></html>')
    (tmp_path / "latin.html").write_bytes(latin.encode("cp1252"))
    koi = ('<html><head><meta http-equiv="Content-Type" content="text/html; charset=KOI8-R">'
           '</head><body><article><p>Мэр заявил, что мост закроют в июне, сообщил городской '
           'совет.</p></article></body></html>')
    (tmp_path / "koi.htm").write_bytes(koi.encode("koi8-r"))
    (tmp_path / "none.html").write_bytes(b"<html><body><p>The mayor said caf\xe9 tax rises."
                                         b"</p></body></html>")
    (tmp_path / "rot.html").write_bytes(b'<meta charset="rot13"><p>The caf\xe9 closed.</p>')
    (tmp_path / "latin.txt").write_bytes(b'<meta charset="latin1">The caf\xe9 closed.')
    runner = CliRunner()
    db = str(tmp_path / "v.db")
    result = runner.invoke(app, ["ingest", *(str(tmp_path / n) for n in (
        "latin.html", "koi.htm", "none.html", "rot.html", "latin.txt")), "--outlet", "none",
        "--db", db])
    assert result.exit_code == 1, result.output
    assert result.stdout.startswith("Stored 4 articles")
    assert "latin.txt: not valid UTF-8" in result.stderr
    for name in ("none.html", "rot.html"):
        assert (f"verifier: warning: {tmp_path / name}: not UTF-8 (byte " in result.stderr
                and "read as Windows-1252" in result.stderr), name
    listed = runner.invoke(app, ["claims", "list", "--db", db, "--json"])
    texts = {c["text"] for c in json.loads(listed.stdout)}
    assert "“We cannot pay,” said owner Ana Lopes." in texts
    assert "Мэр заявил, что мост закроют в июне, сообщил городской совет." in texts
    titles = runner.invoke(app, ["articles", "list", "--db", db]).stdout
    assert "Café owners protest" in titles
