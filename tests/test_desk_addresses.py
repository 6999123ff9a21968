"""A list page's address a person typed or pasted: a field the page does not read
(``?page=2``, a misspelt filter), a page size or start it cannot give, a sort or kind it does
not know is a 400 page that says so in one line, never a page that silently ignored it and
looked like an answer; the command line says the same words for ``--limit`` and
``--offset``."""

from __future__ import annotations

import html
import re

import pytest
from typer.testing import CliRunner

from tests.test_web import client_for
from verifier.cli import app as cli


def _said(page: str) -> str:
    found = re.search(r'<p class="[^"]*error[^"]*"[^>]*>(.*?)</p>', page, re.S)
    assert found, page[:500]
    return html.unescape(re.sub(r"<[^>]+>", "", found.group(1))).strip()


REFUSED = [
    ("/queue?page=-1", "unknown field 'page' in the address: this page reads status, "),
    ("/queue?page=2", "pages go by offset"),
    ("/queue?sourcng=unnamed", "unknown field 'sourcng'"),
    ("/queue?offset=-1", "offset must not be negative"),
    ("/queue?limit=0", "limit must be between 1 and 200"),
    ("/queue?limit=100000", "limit must be between 1 and 200"),
    ("/queue?limit=-5", "limit must be between 1 and 200"),
    ("/queue?limit=ten", "limit: 'ten' is not a number"),
    ("/queue?sort=bogus", "unknown sort 'bogus'"),
    ("/queue?status=bogus", "unknown status 'bogus'"),
    ("/stories?page=-1", "unknown field 'page'"),
    ("/stories?offset=-3", "offset must not be negative"),
    ("/stories?limit=201", "limit must be between 1 and 200"),
    ("/stories?sort=bogus", "unknown sort 'bogus'"),
    ("/stories?status=bogus", "unknown status 'bogus'"),
    ("/articles?page=2", "unknown field 'page'"),
    ("/articles?limit=10", "unknown field 'limit'"),
    ("/articles?offset=-1", "offset must not be negative"),
    ("/sources?page=-1", "unknown field 'page'"),
    ("/sources?offset=-1", "offset must not be negative"),
    ("/sources?kind=bogus", "unknown kind 'bogus'"),
    ("/audit?offset=-1", "unknown field 'offset'"),
    ("/audit?action=bogus", "unknown action 'bogus'"),
    ("/audit?before=-1", "before must be at least 1"),
    ("/orphaned?page=2", "this page reads no field"),
    ("/users?page=2", "this page reads no field"),
    ("/reports/download?scope=all&page=2", "unknown field 'page'"),
]


@pytest.mark.parametrize(("path", "said"), REFUSED, ids=[p for p, _ in REFUSED])
def test_a_bad_list_address_is_a_400_page_that_says_why(desk: str, path: str,
                                                        said: str) -> None:
    response = client_for(desk, "admin").get(path)
    assert response.status_code == 400, (path, response.text[:300])
    assert said in _said(response.text), _said(response.text)
    assert "Traceback" not in response.text


def test_the_addresses_the_pages_make_are_still_read(desk: str) -> None:
    """Every link and filter form of the list pages sends only fields its page reads."""
    client = client_for(desk, "admin")
    for path in ("/queue?status=any&sort=oldest&limit=25&offset=0&done=marked",
                 "/queue?status=any&story=1", "/stories?status=emptied",
                 "/stories?min_claims=1&sort=id&limit=1&offset=1",
                 "/articles?outlet=reuters&offset=0", "/sources?q=reu&kind=newspaper&offset=0",
                 "/audit?actor=admin&action=mark&before=5", "/orphaned", "/users?done=x",
                 "/reports/download?scope=story&id=1&format=html"):
        response = client.get(path)
        assert response.status_code == 200, (path, response.text[:300])
    page = client.get("/queue?status=any&limit=25").text
    links = re.findall(r'href="(/(?:queue|stories|articles|sources|audit)\?[^"]*)"', page)
    for link in links:
        assert client.get(html.unescape(link)).status_code == 200, link


@pytest.mark.parametrize("command", [["claims", "list"], ["stories", "list"],
                                     ["articles", "list"]])
def test_the_command_line_says_the_same_words(desk: str, command: list[str]) -> None:
    runner = CliRunner()
    for option, value, said in (("--offset", "-1", "--offset must not be negative"),
                                ("--limit", "0", "--limit must be between 1 and 100000")):
        result = runner.invoke(cli, [*command, option, value, "--db", desk])
        assert result.exit_code == 2, result.output
        assert result.stderr.strip() == f"verifier: error: {said}", result.stderr
