"""A link naming a user before its host ("https://www.reuters.com@evil.example/") reads as
the site before the "@" and leads to the one after it: refused as an evidence link (command
line and desk) and as an article's url, and never made a link where one is shown."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from tests.test_web import client_for, first_claim
from tests.web_helpers import token
from verifier.cli import app
from verifier.templating import http_url
from verifier.textsafe import has_user_info

SPOOF = "https://www.reuters.com@evil.example/2026/bridge"


@pytest.mark.parametrize(("url", "named"), [
    (SPOOF, True), ("http://user:pw@example.org/", True), ("https://a.example/x@y", False),
    ("https://a.example/?q=a@b", False), ("https://a.example#x@y", False),
])
def test_user_info_is_found_before_the_host_only(url: str, named: bool) -> None:
    assert has_user_info(url) is named
    assert (http_url(url) is None) is named


def test_the_command_line_refuses_such_a_link(desk: str) -> None:
    runner = CliRunner()
    claim = first_claim(desk, "harbour bridge")
    for args in (["claims", "mark", str(claim), "confirmed", "--evidence", "the ministry",
                  "--url", SPOOF, "--by", "ann"],
                 ["articles", "set", "1", "--url", SPOOF, "--by", "ann"]):
        result = runner.invoke(app, [*args, "--db", desk])
        assert result.exit_code == 2, result.output
        assert "names a user before its host" in result.output, result.output


def test_the_desk_refuses_such_an_evidence_link(desk: str) -> None:
    client = client_for(desk, "reviewer")
    claim = first_claim(desk, "harbour bridge")
    page = f"/claims/{claim}"
    response = client.post(f"{page}/mark", data={
        "csrf": token(client, page), "status": "confirmed", "evidence": "the ministry",
        "url": SPOOF}, headers={"referer": "http://testserver" + page})
    assert response.status_code == 400
    assert "names a user before its host" in response.text


LOOKALIKE = "https://www.r\u0435uters.com/2026/bridge"  # a Cyrillic "е"


def test_a_host_beyond_ascii_is_shown_in_its_ascii_form() -> None:
    from verifier.textsafe import shown_url

    assert shown_url(LOOKALIKE) == "https://www.xn--ruters-3of.com/2026/bridge"
    assert shown_url("https://example.org/caf\u00e9") == "https://example.org/caf\u00e9"
    assert shown_url("https://\u4f8b\u3048.jp:8080/a") == "https://xn--r8jz45g.jp:8080/a"


def test_a_lookalike_host_reads_as_what_it_is_on_the_desk_and_the_terminal(desk: str) -> None:
    runner = CliRunner()
    claim = first_claim(desk, "harbour bridge")
    marked = runner.invoke(app, ["claims", "mark", str(claim), "confirmed", "--evidence",
                                 "the ministry", "--url", LOOKALIKE, "--by", "ann",
                                 "--db", desk])
    assert marked.exit_code == 0, marked.output
    shown = runner.invoke(app, ["claims", "show", str(claim), "--db", desk]).output
    assert "https://www.xn--ruters-3of.com/2026/bridge" in shown and "r\u0435uters" not in shown
    page = client_for(desk, "viewer").get(f"/claims/{claim}").text
    assert ">https://www.xn--ruters-3of.com/2026/bridge</a>" in page
    assert "r\u0435uters.com/2026/bridge</a>" not in page
    md = runner.invoke(app, ["report", "--article", "1", "--format", "md", "--db", desk]).output
    assert "r\u0435uters" not in md
