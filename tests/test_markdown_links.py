"""Markdown reports link only what they mean to, and only over http(s): text from outside
(claims, titles, outlets, verdict evidence, source names) never becomes a link, not even in a
renderer that links bare text. The reports are rendered as GitHub renders them (cmark-gfm
with its autolink extension: bare "www.", "http://", e-mail addresses and "mailto:") and
by markdown-it with linkify (which also links bare domains such as "evil.com"), with raw
HTML passed through, and every link of the page is checked."""

from __future__ import annotations

import html
import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from typer.testing import CliRunner

from verifier.cli import app
from verifier.report.markdown import escape, escape_cell, link

runner = CliRunner()
#: The article's and the verdict's urls the report means to link (http(s) only).
MEANT = {"https://example.org/news/7", "https://checks.example.org/evidence/7"}
#: Text that a renderer linking bare text would read as a link, or that is link syntax.
HOSTILE = [
    "<https://evil.example/x>", "[x](javascript:alert(1))", "[y](data:text/html,hi)",
    "www.evil.test", "http://evil.test/a", "HTTPS://EVIL.TEST", "press@evil.test",
    "mailto:press@evil.test", "xmpp:desk@evil.test", "evil.com", "ftp://evil.test",
    "javascript:alert(1)", "data:text/html;base64,PHNjcmlwdD4=", "(www.evil.test/path)",
    "//evil.com/x", "news.bbc.co.uk", "a_b+c@mail.evil.co.uk",
]


def _markdown_it() -> Callable[[str], str]:
    pytest.importorskip("linkify_it")
    md = MarkdownIt("commonmark", {"linkify": True, "html": True}).enable(
        ["table", "strikethrough", "linkify"])
    return md.render


def _github() -> Callable[[str], str]:
    cmarkgfm = pytest.importorskip("cmarkgfm")
    from cmarkgfm.cmark import Options

    def render(text: str) -> str:  # raw HTML on: what the text holds is seen as it is
        return str(cmarkgfm.github_flavored_markdown_to_html(
            text, options=Options.CMARK_OPT_UNSAFE))

    return render


RENDERERS = {"github": _github, "markdown-it+linkify": _markdown_it}


@pytest.fixture(params=sorted(RENDERERS))
def render(request: pytest.FixtureRequest) -> Callable[[str], str]:
    return RENDERERS[request.param]()


def _links(rendered: str) -> list[str]:
    return [html.unescape(u) for u in re.findall(r"<a\s[^>]*href=\"([^\"]*)\"", rendered)]


def _text(rendered: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", rendered)).split())


@pytest.mark.parametrize("hostile", HOSTILE)
def test_no_text_becomes_a_link_wherever_the_report_puts_it(
    render: Callable[[str], str], hostile: str,
) -> None:
    for place in ("{}", "- {}", "### Story 1: {}", "> {} `official`", "Why: x {} y",
                  "| {} | 1 |"):
        piece = escape_cell(hostile) if place.startswith("|") else escape(hostile)
        markdown = place.format(piece)
        if place.startswith("|"):
            markdown = "| source | n |\n|---|---:|\n" + markdown
        rendered = render(markdown)
        assert _links(rendered) == [], (place, hostile, markdown, rendered)
        assert hostile in _text(rendered), (place, hostile, rendered)  # shown as typed


@pytest.mark.parametrize("url", ["javascript:alert(1)", "data:text/html,<b>x</b>",
                                 "mailto:press@evil.test", "ftp://evil.test/x", "www.evil.test",
                                 "//evil.com/x", "https://evil.example/a b", "http://"])
def test_a_url_that_is_not_http_is_shown_not_linked(
    render: Callable[[str], str], url: str,
) -> None:
    rendered = render(f"Where: {link(url)}")
    assert _links(rendered) == [], (url, rendered)
    assert " ".join(url.split()) in _text(rendered)


def test_an_http_url_is_the_one_link(render: Callable[[str], str]) -> None:
    for url in ("https://example.org/news/7?a=1&b=2", "http://example.org/x_(y)"):
        assert _links(render(f"see {link(url)} now")) == [url]


PIECES = ["www.", "http", "https", "mailto", "javascript", "data", ":", "//", "/", "@", ".",
          "evil", "com", "test", "co", "uk", "x", "_", "-", "+", "\\", "`", "<", ">", "[", "]",
          "(", ")", " ", "1", "*", "~", "&", "#"]


@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.lists(st.sampled_from(PIECES), max_size=14).map("".join))
def test_escaped_text_never_links_and_reads_as_typed(text: str) -> None:
    flat = " ".join(text.split())
    if not flat:
        return
    renders = [factory() for factory in RENDERERS.values()]
    for rendered in (r(f"Why: {escape(text)}") for r in renders):
        assert _links(rendered) == [], (text, escape(text), rendered)
        assert _text(rendered) == f"Why: {flat}", (text, escape(text), rendered)


def _hostile_report(directory: Path) -> str:
    """A desk whose article, outlet, claims, sources and verdict hold link-like text."""
    db, registry = str(directory / "links.db"), str(directory / "sources.yaml")
    hostile = " ".join(HOSTILE[:6])
    assert runner.invoke(app, ["sources", "add", "evil-wire", "--name",
                               "Evil Wire www.evil.test", "--kind", "newspaper",
                               "--sources", registry]).exit_code == 0
    article = directory / "a.jsonl"
    article.write_text(json.dumps({
        "title": f"Talks resume {hostile}", "url": "https://example.org/news/7",
        "outlet": "evil-wire",
        "text": ("According to www.evil.test, talks resume on Monday in Seoul. "
                 "Officials at evil.com said the talks would resume, press@evil.test said. "
                 f"The ministry said {hostile} were fake. "
                 "Dana Ortiz, the mayor, said mailto:press@evil.test holds the details."),
    }) + "\n", encoding="utf-8")
    other = directory / "b.jsonl"
    other.write_text(json.dumps({
        "title": "Bad link", "url": "javascript:alert(1)",
        "text": "The ministry said talks resume on Monday in Seoul, evil.com reported.",
    }) + "\n", encoding="utf-8")
    with pytest.MonkeyPatch.context() as patch:  # b's url as an older version stored it
        patch.setattr("verifier.ingest.readers.http_url", lambda url: url)
        result = runner.invoke(app, ["ingest", str(article), str(other), "--db", db,
                                     "--sources", registry])
    assert result.exit_code == 0, result.output
    stories = json.loads(runner.invoke(app, ["stories", "list", "--min-claims", "1", "--json",
                                             "--db", db]).stdout)
    result = runner.invoke(app, [
        "stories", "mark", str(stories[0]["id"]), "confirmed", "--evidence",
        f"Seen at www.evil.test, ask press@evil.test; {hostile}",
        "--url", "https://checks.example.org/evidence/7", "--by", "Ana www.evil.test",
        "--db", db])
    assert result.exit_code == 0, result.output
    result = runner.invoke(app, ["report", "--all-stories", "--min-claims", "1", "--format",
                                 "md", "--db", db])
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.fixture(scope="module")
def report_md(tmp_path_factory: pytest.TempPathFactory) -> str:
    return _hostile_report(tmp_path_factory.mktemp("links"))


def test_a_markdown_report_links_only_the_urls_it_means(
    report_md: str, render: Callable[[str], str],
) -> None:
    rendered = render(report_md)
    links = _links(rendered)
    assert set(links) == MEANT, sorted(set(links))
    text = _text(rendered)
    for shown in ("www.evil.test", "press@evil.test", "<https://evil.example/x>",
                  "[x](javascript:alert(1))", "javascript:alert(1)", "Evil Wire www.evil.test",
                  "Ana www.evil.test"):
        assert shown in text, shown
    assert not re.search(r"<(img|script)\b", rendered)
