"""What a report says, line by line, as a fact-checker reads it: a sentence in which two
parties refuse is one evidence line, not the same line twice; the earlier verdicts a report
lists are other stories', claims' and fact-checks' (a claim's own story's verdict is in the
report with the story); Markdown escapes only what it would read as markup where it stands,
and hostile text still cannot become a link or HTML. The texts are ours."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from starlette.testclient import TestClient
from typer.testing import CliRunner

from tests.web_helpers import PASSWORD
from verifier.cli import app
from verifier.report.markdown import escape, escape_cell

runner = CliRunner()
#: CommonMark with raw HTML allowed (the preset's default), GitHub's tables and strikethrough.
MARKDOWN = MarkdownIt("commonmark").enable(["table", "strikethrough"])

PIER = (
    "---\ntitle: Velm pier (east) to close\noutlet: reuters\npublished: 2026-04-02\n---\n"
    "The Velm pier will close for repairs in June, the harbour board said on Tuesday.\n\n"
    "The pier has been open since 1921, and the closure will last "
    "three months, the board said.\n\n"
    "The mayor refused to talk, and the union refused to talk as well.\n\n"
    "The port authority declined to comment and the ferry company did not respond to requests "
    "for comment.\n\n"
    "A notice on the gate said: [details](javascript:alert(1)) <img src=x onerror=alert(2)> "
    "&amp; <https://evil.example/> and *more*.\n"
)


def _run(*args: str) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.fixture
def pier(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.delenv("VERIFIER_SOURCES", raising=False)
    monkeypatch.setenv("COLUMNS", "200")
    path = tmp_path / "pier.md"
    path.write_text(PIER, encoding="utf-8")
    db = str(tmp_path / "pier.db")
    _run("ingest", str(path), "--db", db)
    return db


def _story(db: str) -> int:
    stories = json.loads(_run("stories", "list", "--min-claims", "1", "--json", "--db", db))
    return int(next(s["id"] for s in stories if s["claims"] >= 4))


def _refusals(text: str) -> str:
    """The refusals term and its evidence lines (up to the next term)."""
    found = re.search(r"refusals\W.*?(?=\n\S|\n *[•-] [+-]\d\.\d\d |\Z)", text, re.S)
    assert found, text
    return found.group()


def test_two_parties_refusing_in_one_sentence_are_one_evidence_line(pier: str) -> None:
    story = _story(pier)
    shown = _refusals(_run("stories", "show", str(story), "--db", pier))
    assert shown.count("“refused to talk”") == 1, shown
    assert shown.count("The mayor refused to talk, and") == 1, shown
    # "the union" is a party of its own, not a back-reference to "The mayor"
    assert "4 parties declined" in shown and "(as " not in shown, shown
    # two refusals of one sentence in other words: both words, the sentence once
    flat = " ".join(shown.split())
    assert "“declined to comment”, “did not respond” in: The port authority declined" in flat
    md = _run("report", "--story", str(story), "--format", "md", "--db", pier)
    assert _refusals(md).count("“refused to talk”") == 1
    assert _refusals(md).count("The mayor refused to talk, and") == 1
    page = _run("report", "--story", str(story), "--format", "html", "--db", pier)
    reasons = page[page.index("refusals"):page.index("</ul>", page.index("refusals"))]
    assert reasons.count("<q>refused to talk</q>") == 1, reasons
    assert "<q>declined to comment</q>, <q>did not respond</q> in" in reasons
    # JSON keeps every piece of evidence, one a party
    data = json.loads(_run("stories", "show", str(story), "--json", "--db", pier))
    terms = {c["factor"]: c for c in data["contributions"]}
    assert [w["words"] for w in terms["refusals"]["evidence"]].count("refused to talk") >= 1


def test_desk_story_page_gives_a_sentence_once(
    pier: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
) -> None:
    from verifier.web.app import create_app

    monkeypatch.chdir(tmp_path)
    runner.invoke(app, ["users", "add", "ana", "--role", "reviewer", "--password-stdin",
                        "--db", pier], input=PASSWORD + "\n")
    client = TestClient(create_app(pier), base_url="http://testserver")
    from tests.web_helpers import sign_in

    sign_in(client, "ana")
    page = client.get(f"/stories/{_story(pier)}").text
    reasons = page[page.index("<b>refusals</b>"):]
    reasons = reasons[:reasons.index("</ul>")]
    assert reasons.count("<q>refused to talk</q>") == 1, reasons


def test_reports_list_no_claim_s_own_story_verdict_as_an_earlier_one(pier: str) -> None:
    """A story marked confirmed: its claims left unreviewed matched "story:N, confirmed:
    grouped into story N" under "Earlier verdicts these claims match", the story the report
    has just shown with its verdict."""
    story = _story(pier)
    _run("stories", "mark", str(story), "confirmed", "--evidence", "the board's notice",
         "--by", "Ana", "--db", pier)
    for fmt in ("md", "html"):
        out = _run("report", "--all", "--format", fmt, "--db", pier)
        assert "Earlier verdicts these claims match" not in out, fmt
        assert f"story:{story}" not in out
    data = json.loads(_run("report", "--all", "--format", "json", "--db", pier))
    assert data["past_verdicts"] == []
    # the claim's own page still says its story's verdict (and how adopting it works)
    unreviewed = json.loads(_run("claims", "list", "--json", "--db", pier))
    assert unreviewed
    shown = _run("claims", "show", str(unreviewed[0]["id"]), "--db", pier)
    assert f"story:{story}" in shown


def _rendered_text(markdown: str) -> tuple[set[str], str]:
    rendered = MARKDOWN.render(markdown)
    tags = {t.lstrip("/") for t in re.findall(r"<(/?\w+)", rendered)}
    return tags, html.unescape(re.sub(r"<[^>]+>", "", rendered)).strip()


#: Where the report puts a piece of text, and the tags its Markdown may render to there.
PLACES = {
    "Why: {}": {"p"},
    "- {}": {"ul", "li"},
    "### Story 1: {}": {"h3"},
    "> {} `official`": {"blockquote", "p", "code"},
    "{}": {"p"},
}
PIECES = [*"ab1 _*`~[]()<>!#&;:/\\-+=.|\"'", "&amp;", "&#65;", "http://", "javascript:",
          "<img ", "</b>", "<!--", "1. ", "---", "\n"]


def _shown(place: str, flat: str) -> str:
    return {"Why: {}": f"Why: {flat}", "### Story 1: {}": f"Story 1: {flat}",
            "> {} `official`": f"{flat} official"}.get(place, flat)


@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.lists(st.sampled_from(PIECES), max_size=12).map("".join))
def test_escaped_text_renders_as_itself_wherever_it_stands(text: str) -> None:
    flat = " ".join(text.split())
    if not flat:
        return
    for place, allowed in PLACES.items():
        tags, shown = _rendered_text(place.format(escape(text)))
        assert tags <= allowed, (place, text, MARKDOWN.render(place.format(escape(text))))
        assert shown == _shown(place, flat), (place, text)
    table = f"| source | prior |\n|---|---:|\n| {escape_cell(text)} | 1 |\n"
    cell = re.search(r"<td>(.*?)</td>", MARKDOWN.render(table), re.S)
    assert cell and html.unescape(cell.group(1)) == flat, text


@pytest.mark.parametrize(("text", "escaped"), [
    ("Talks (in Seoul) resume!", "Talks (in Seoul) resume!"),
    ("Pier #3 reopens + more", "Pier #3 reopens + more"),
    ("snake_case", "snake_case"),
    ("[x](javascript:alert(1))", "\\[x\\](javascript\\:alert(1))"),
    ("<img src=x onerror=alert(1)>", "\\<img src=x onerror=alert(1)>"),
    ("<https://evil.example/>", "\\<https\\://evil\\.example/>"),
    ("see www.evil.test or mail press@evil.test",
     "see www\\.evil\\.test or mail `press@evil.test`"),
    ("U.S. e.g. 3.5 10:30 Update: done", "U.S. e.g. 3.5 10:30 Update: done"),
    ("&amp; &#65;", "\\&amp; \\&#65;"),
    ("# Not a heading", "\\# Not a heading"),
    ("1. Not a list", "1\\. Not a list"),
    ("Velm wins #", "Velm wins \\#"),
    ("*not* _emphasis_", "\\*not\\* \\_emphasis\\_"),
])
def test_escape_only_what_markdown_would_read_there(text: str, escaped: str) -> None:
    assert escape(text) == escaped


def test_a_markdown_report_reads_as_typed_and_links_nothing_hostile(pier: str) -> None:
    md = _run("report", "--all-stories", "--min-claims", "1", "--format", "md", "--db", pier)
    assert "Velm pier (east) to close" in md
    assert "\\(" not in md and "\\)" not in md
    tags, text = _rendered_text(md)
    assert not tags & {"a", "img", "script", "em"}, tags  # no link, no HTML, no emphasis
    assert "[details](javascript:alert(1)) <img src=x onerror=alert(2)> &amp; " \
        "<https://evil.example/> and *more*." in text
