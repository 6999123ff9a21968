"""One name for an article everywhere: a scoring explanation names an untitled article with
no outlet as the listings and the desk do, by its file ("(untitled) velm_b.txt"), through
``review.names.article_label``, never as a bare "article 1"."""

from __future__ import annotations

import json
from pathlib import Path

from starlette.testclient import TestClient
from typer.testing import CliRunner

from tests.web_helpers import PASSWORD, sign_in
from verifier.cli import app
from verifier.web.app import create_app

TEXT = ("The Velm harbour ferry will stop running in March, ending a route that has run for "
        "sixty years.\n\nHarbour master Ann Holt said the ferry lost money in each of the "
        "last three years.\n")
NAME = "article 1: (untitled) velm_b.txt"


def test_an_untitled_articles_name_in_explanations_is_its_listing_name(tmp_path: Path) -> None:
    runner = CliRunner()
    db = str(tmp_path / "v.db")
    (tmp_path / "velm_b.txt").write_text(TEXT, encoding="utf-8")
    assert runner.invoke(app, ["ingest", str(tmp_path / "velm_b.txt"), "--db", db]).exit_code == 0
    listed = runner.invoke(app, ["articles", "list", "--db", db]).output
    assert "(untitled) velm_b.txt" in listed
    shown = " ".join(runner.invoke(app, ["stories", "show", "1", "--db", db],
                                   env={"COLUMNS": "300"}).output.split())
    assert f"{NAME} states it as fact in its own voice" in shown, shown
    assert f"asserts it in {NAME} (no date)" in shown, shown
    report = json.loads(runner.invoke(app, ["report", "--story", "1", "--db", db,
                                            "--format", "json"]).output)
    assert NAME in json.dumps(report) and "article 1 " not in json.dumps(report)
    added = runner.invoke(app, ["users", "add", "ann", "--role", "viewer", "--password-stdin",
                                "--db", db], input=PASSWORD + "\n")
    assert added.exit_code == 0, added.output
    desk = sign_in(TestClient(create_app(db)), "ann")
    page = " ".join(desk.get("/stories/1").text.split())
    assert f"{NAME} states it as fact" in page and "(untitled) velm_b.txt</a>" in page
