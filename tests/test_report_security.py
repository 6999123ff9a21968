"""Reports that cannot run an attacker's code: hostile titles, texts and urls (article urls,
verdict urls) in HTML, ClaimReview, Markdown and the terminal. The HTML cases also run in
headless Chromium (tests/test_html_browser.py)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from verifier.cli import app

runner = CliRunner()
PWN = "document.title='pwned'"
HOSTILE_URLS = [
    f"javascript:{PWN}", f"JaVaScRiPt:{PWN}", f" javascript:{PWN}",
    f"data:text/html,<script>{PWN}</script>", "vbscript:msgbox(1)",
]
#: Every story (the default selection is the reviewed ones; the hostile text is in others).
ALL = ["report", "--all-stories", "--min-claims", "1"]
ESCAPES = "\x1b[2J\x1b]0;owned\x07\x1b]8;;http://evil.example/\x1b\\link\x1b]8;;\x1b\\\x9b1m"


def run(*args: str, code: int = 0) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code == code, (result.stdout, result.stderr)
    return result.stdout + result.stderr


def hostile_db(directory: Path) -> str:
    """Articles whose title, text and url attack each format, one story marked with a
    hostile verdict url, another with an http one."""
    db = str(directory / "hostile.db")
    paths = []
    for n, url in enumerate(HOSTILE_URLS):
        path = directory / f"a{n}.jsonl"
        path.write_text(json.dumps({
            "title": f"<script>{PWN}</script> Talks {n}",
            "url": url,
            "text": f"The ministry said <img src=x onerror=\"{PWN}\"> talks resume on "
                    f"Monday {ESCAPES}. Officials said the talks would resume in Seoul.",
        }) + "\n", encoding="utf-8")
        paths.append(str(path))
    safe = directory / "safe.jsonl"
    safe.write_text(json.dumps({
        "title": "Talks resume", "url": "https://example.org/news/1",
        "text": "The foreign ministry said talks resume on Monday in Seoul.",
    }) + "\n", encoding="utf-8")
    with pytest.MonkeyPatch.context() as patch:  # urls as an older version stored them
        patch.setattr("verifier.ingest.readers.http_url", lambda url: url)
        run("ingest", *paths, str(safe), "--db", db)
    stories = json.loads(run("stories", "list", "--min-claims", "1", "--json", "--db", db))
    assert len(stories) >= 2
    hostile = ("stories", "mark", str(stories[0]["id"]), "confirmed", "--evidence",
               f"<img src=x onerror=\"{PWN}\"> {ESCAPES}", "--url",
               f"data:text/html,<b>{PWN}</b>", "--by", "<b>Eve</b>", "--db", db)
    assert "is not an http(s) url" in run(*hostile, code=2)  # refused now
    first = json.loads(run("claims", "list", "--status", "any", "--json", "--db", db))[0]["id"]
    with pytest.MonkeyPatch.context() as patch:  # links as an older version stored them
        patch.setattr("verifier.store.verdicts.check_link", lambda url: url)
        run(*hostile)
        run("claims", "mark", str(first), "disputed", "--evidence", "x", "--url",
            "<img src=x onerror=alert(1)>", "--by", "Ana", "--db", db)
    run("stories", "mark", str(stories[1]["id"]), "refuted", "--evidence", "ok",
        "--url", "https://example.org/check", "--by", "Ana", "--db", db)
    return db


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    return hostile_db(tmp_path_factory.mktemp("hostile"))


def _links(html: str) -> list[str]:
    return re.findall(r"<a\s[^>]*href=\"([^\"]*)\"", html, flags=re.IGNORECASE)


def test_html_links_only_http_and_escapes_everything(db: str) -> None:
    html = run(*ALL, "--format", "html", "--db", db)
    assert _links(html) and all(u.startswith(("http://", "https://")) for u in _links(html))
    assert "https://example.org/news/1" in _links(html)
    assert "https://example.org/check" in _links(html)
    lowered = html.lower()
    assert "<script" not in lowered and "<img" not in lowered
    assert "&lt;script&gt;" in html and "&lt;img src=x onerror=" in html
    assert "javascript:document.title" in lowered  # shown as text
    assert "\x1b" not in html


def test_html_has_a_csp_that_forbids_script(db: str) -> None:
    html = run(*ALL, "--format", "html", "--db", db)
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', html)
    assert csp is not None
    policy = csp.group(1).replace("&#39;", "'")
    assert "script-src 'none'" in policy and "default-src 'none'" in policy
    assert "unsafe-inline" not in policy and 'style="' not in html
    import base64
    import hashlib

    style = re.search(r"<style>(.*?)</style>", html, flags=re.DOTALL)
    assert style is not None
    digest = base64.b64encode(hashlib.sha256(style.group(1).encode()).digest()).decode()
    assert f"style-src 'sha256-{digest}'" in policy


def test_html_report_of_one_story_and_one_article(db: str) -> None:
    for scope in (["--story", "1"], ["--article", "1"]):
        html = run("report", *scope, "--format", "html", "--db", db)
        assert "<script" not in html.lower()
        assert all(u.startswith(("http://", "https://")) for u in _links(html))


def test_claimreview_is_safe_in_a_script_block(db: str) -> None:
    out = run(*ALL, "--format", "claimreview", "--publisher-url",
              "https://checks.example.org", "--db", db)
    assert "<" not in out and ">" not in out and "&" not in out
    reviews = json.loads(out)
    assert reviews and any("<img src=x" in r["claimReviewed"] for r in reviews)
    urls = [a["url"] for r in reviews for a in r["itemReviewed"]["appearance"]]
    urls += [r["itemReviewed"].get("firstAppearance", {}).get("url") for r in reviews]
    assert all(u is None or u.startswith(("http://", "https://")) for u in urls)
    assert "javascript" not in out.lower() and "data:" not in out and "vbscript" not in out
    for bad in ("javascript:alert(1)", "http://[::1", "data:x"):
        err = run(*ALL, "--format", "claimreview", "--publisher-url", bad,
                  "--db", db, code=2)
        assert "is not an http(s) URL" in err and "Traceback" not in err


def test_markdown_escapes_html_and_links_only_http(db: str) -> None:
    md = run(*ALL, "--format", "md", "--db", db)
    assert not re.search(r"(?<!\\)<(img|script|b>)", md)
    assert "\\<img src=x onerror=" in md and "\\<script>" in md
    autolinks = re.findall(r"(?<!\\)<([^>\s]+)>", md)
    assert autolinks and all(u.startswith(("http://", "https://")) for u in autolinks)
    assert not re.search(r"\]\((?!https?://)", md)  # no [text](non-http) links
    assert "\x1b" not in md and "\x07" not in md
    # rendered as CommonMark with raw HTML on: the only links are the http(s) ones
    from markdown_it import MarkdownIt

    rendered = MarkdownIt("commonmark").enable(["table", "strikethrough"]).render(md)
    assert not re.search(r"<(img|script|b)\b", rendered)
    assert _links(rendered) and all(u.startswith(("http://", "https://"))
                                    for u in _links(rendered))


@pytest.mark.parametrize("command", [
    ["claims", "list", "--status", "any"], ["claims", "show", "1"], ["articles", "show", "1"],
    ["articles", "list"], ALL, ["stories", "list", "--min-claims", "1"],
    ["stories", "show", "1"], [*ALL, "--format", "md"],
    [*ALL, "--format", "html"],
])
def test_terminal_output_has_no_control_characters(db: str, command: list[str]) -> None:
    out = run(*command, "--db", db)
    assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]", out), command
    assert "owned" in out or command[0] in ("claims", "stories") or "list" in command


def test_analyze_and_errors_strip_control_characters(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text(f"The ministry said talks resume on Monday {ESCAPES}.\n",
                       encoding="utf-8")
    for args in (["analyze", str(article)], ["analyze", str(article), "--json"]):
        out = run(*args)
        assert "\x1b" not in out and "\x07" not in out and "ministry" in out
    missing = tmp_path / "no\x1b[2Jsuch.txt"
    result = runner.invoke(app, ["analyze", str(missing)])
    assert result.exit_code != 0 and "\x1b" not in result.stderr


def test_terminal_prints_markup_and_emoji_codes_as_written(tmp_path: Path) -> None:
    """Rich's markup and ``:emoji:`` codes in an article are text, not instructions."""
    article = tmp_path / "a.jsonl"
    article.write_text(json.dumps({
        "title": "Codes :warning:", "url": "https://example.org/codes",
        "text": "The ministry said :warning: talks [bold red]resume[/bold red] on Monday.",
    }) + "\n", encoding="utf-8")
    db = str(tmp_path / "codes.db")
    run("ingest", str(article), "--db", db)
    story = json.loads(run("stories", "list", "--min-claims", "1", "--json", "--db", db))[0]
    for args in (["claims", "show", "1"], ["stories", "show", str(story["id"])],
                 ["articles", "list"], ["articles", "show", "1"]):
        out = run(*args, "--db", db)
        assert ":warning:" in out and "⚠" not in out, args
        assert "[bold red]resume[/bold red]" in out or args[0] == "articles", args
