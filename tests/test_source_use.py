"""What a source does in the database is said truthfully and alike by `sources show` (text
and JSON), the reports (every format, the command line's and the desk's): an outlet's own
articles, and the articles quoting a party ("not an outlet: quoted in 2 claims of 1
article"), never "0 articles published" for a party that publishes nothing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from starlette.testclient import TestClient
from typer.testing import CliRunner

from tests.web_helpers import PASSWORD, sign_in
from verifier.cli import app as cli
from verifier.review.names import source_use
from verifier.store.source_reads import SourceStats
from verifier.web.app import create_app

ARTICLE = ("---\ntitle: Canal lock to close\noutlet: Reuters\npublished: 2026-05-04\n---\n"
           "The Brenmoor canal lock will close for a month from June, the Brenmoor Canal "
           "Trust said on Monday.\n"
           "Boats will queue at the lower gate, the Brenmoor Canal Trust said, and the "
           "Brenmoor Canal Trust said it regretted the delay.\n")
runner = CliRunner()


def stats(kind: str = "ngo", speaker: str = "named", articles: int | None = 0,
          claims: int = 0, quoted: int = 0, times: int = 0) -> SourceStats:
    return SourceStats("k", "Name", kind, speaker, False, (), None, None, 1.0, 1.0, "",
                       attributions=times, claims=claims, articles=articles,
                       quoted_articles=quoted)


def test_the_wording_of_each_case() -> None:
    assert source_use(stats(claims=2, quoted=1, times=3)) == (
        "not an outlet: quoted 3 times in 2 claims of 1 article")
    assert source_use(stats(claims=1, quoted=1, times=1)) == (
        "not an outlet: quoted in 1 claim of 1 article")
    assert source_use(stats()) == "not an outlet: quoted in no stored article"
    outlet = stats("newspaper", "media", articles=2, claims=1, quoted=1, times=1)
    assert source_use(outlet) == ("an outlet: published 2 stored articles; quoted in 1 claim "
                                  "of 1 article")
    assert source_use(stats("newspaper", "media")) == (
        "an outlet: published no stored article; quoted in no stored article")
    assert source_use(stats(articles=None)) is None  # a registry entry not stored yet


@pytest.fixture
def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    from verifier import passwords

    monkeypatch.setattr(passwords, "N", 2**10)
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("VERIFIER_SOURCES", raising=False)
    database = str(tmp_path / "v.db")
    monkeypatch.setenv("VERIFIER_DB", database)
    (tmp_path / "canal.md").write_text(ARTICLE, encoding="utf-8")
    assert runner.invoke(cli, ["ingest", "canal.md"]).exit_code == 0
    added = runner.invoke(cli, ["users", "add", "ann", "--role", "viewer", "--password-stdin"],
                          input=PASSWORD + "\n")
    assert added.exit_code == 0, added.output
    return database


def _party_key(db: str) -> str:
    listed = json.loads(runner.invoke(cli, ["claims", "show", "1", "--json"]).output)
    return str(next(a["resolved_source"]["key"] for a in listed["attributions"]
                    if "Trust" in a["source"]["text"]))


def test_sources_show_says_a_party_is_quoted_not_published(db: str) -> None:
    key = _party_key(db)
    shown = " ".join(runner.invoke(cli, ["sources", "show", key]).output.split())
    assert "in the db: not an outlet: quoted in 2 claims of 1 article" in shown, shown
    assert "published" not in shown
    data = json.loads(runner.invoke(cli, ["sources", "show", key, "--json"]).output)
    assert data["outlet"] is False and data["quoted_articles"] == 1 and data["articles"] == 0
    assert data["use"] == "not an outlet: quoted in 2 claims of 1 article"
    outlet = " ".join(runner.invoke(cli, ["sources", "show", "reuters"]).output.split())
    assert "in the db: an outlet: published 1 stored article; quoted in no stored article" \
        in outlet, outlet


def test_reports_say_it_alike_on_the_command_line_and_the_desk(db: str) -> None:
    key = _party_key(db)
    use = "not an outlet: quoted in 2 claims of 1 article"
    for fmt in ("md", "html"):
        out = runner.invoke(cli, ["report", "--source", key, "--format", fmt]).output
        assert use in out, out[:400]
    data = json.loads(runner.invoke(cli, ["report", "--source", key, "--format",
                                          "json"]).output)
    assert data["scope"].endswith(f"Brenmoor Canal Trust; {use}"), data["scope"]
    text = " ".join(runner.invoke(cli, ["report", "--source", key]).output.split())
    assert use in text
    client = sign_in(TestClient(create_app(db)), "ann")
    page = client.get("/reports/download", params={"scope": "source", "id": key,
                                                    "format": "html"})
    assert page.status_code == 200 and use in page.text
