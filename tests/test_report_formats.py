"""Reports: JSON content, Markdown and terminal text, HTML escaping, CLI options."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.report_helpers import report_of, reviewed_db
from verifier.cli import app
from verifier.report import render


@pytest.fixture(scope="module")
def reviewed(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    return reviewed_db(tmp_path_factory.mktemp("report"))


def test_json_has_stories_articles_and_sources(reviewed) -> None:  # type: ignore[no-untyped-def]
    db, stories = reviewed
    data = json.loads(render(report_of(db), "json"))
    by_id = {s["id"]: s for s in data["stories"]}
    assert by_id[stories.kim]["status"] == "confirmed"
    assert by_id[stories.ban]["status"] == "refuted"
    for story in by_id.values():  # the open status says which rule decided it, as in Markdown
        assert story["evidence_status"] and story["evidence_status_reason"]
        for c in story["contributions"]:
            if c["delta"]:
                assert c["evidence"] and all(e["words"] for e in c["evidence"])
    assert len(data["articles"]) == 2
    shares = data["articles"][0]["claims_by_sourcing"]
    assert all(0 < v <= 1 for v in shares.values())
    assert any(s["confirmed"] for s in data["sources"])


def test_markdown_and_terminal(reviewed, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    db, stories = reviewed
    md = render(report_of(db, story_id=stories.ban), "md")
    assert "## Source track records" in md and "refuted" in md and "`unattributed`" in md
    out = tmp_path / "r.txt"
    result = CliRunner().invoke(app, ["report", "--all", "--db", db, "-o", str(out)])
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    assert "Stories" in text and "claims by sourcing" in text and "90% interval" in text


def test_html_escapes_article_text(tmp_path: Path) -> None:
    runner = CliRunner()
    db = str(tmp_path / "x.db")
    article = tmp_path / "x.md"
    article.write_text(
        "---\ntitle: \"<script>alert(1)</script>\"\n---\n"
        "The ministry said the <b>plan</b> & budget were approved on Monday.\n",
        encoding="utf-8",
    )
    assert runner.invoke(app, ["ingest", str(article), "--db", db]).exit_code == 0
    assert runner.invoke(app, ["stories", "group", "--db", db]).exit_code == 0
    out = tmp_path / "r.html"
    result = runner.invoke(app, ["report", "--all-stories", "--min-claims", "1", "--format",
                                 "html", "-o", str(out), "--db", db])
    assert result.exit_code == 0, result.output
    html = out.read_text(encoding="utf-8")
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "&lt;b&gt;plan&lt;/b&gt; &amp; budget" in html
    assert "http://" not in html.replace('href="http', "") and "<link" not in html


def test_report_errors(tmp_path: Path, reviewed) -> None:  # type: ignore[no-untyped-def]
    db, _ = reviewed
    runner = CliRunner()
    result = runner.invoke(app, ["report", "--format", "pdf", "--db", db])
    assert result.exit_code == 2 and "unknown format" in result.output
    result = runner.invoke(app, ["report", "--story", "999", "--db", db])
    assert result.exit_code == 6
    result = runner.invoke(app, ["report", "--all", "--article", "1", "--db", db])
    assert result.exit_code == 2


def test_source_date_epoch_pins_the_time_of_writing(
    reviewed, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,  # type: ignore[no-untyped-def]
) -> None:
    """A report's only clock reading is its time of writing; ``SOURCE_DATE_EPOCH`` pins it,
    so the same database gives the same bytes in every format (a minute turning between two
    runs changed Markdown's and HTML's "Generated ... UTC" line), and a value that is no
    whole number of seconds is refused, never replaced by the clock."""
    db, stories = reviewed
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")  # 2023-11-14 22:13:20 UTC
    for fmt, stamp in (("md", "Generated 2023-11-14 22:13 UTC"),
                       ("html", "Generated 2023-11-14 22:13 UTC"),
                       ("json", '"generated_at": "2023-11-14T22:13:20+00:00"')):
        written = []
        for run in range(2):
            out = tmp_path / f"r{run}.{fmt}"
            result = CliRunner().invoke(
                app, ["report", "--story", str(stories.ban), "--format", fmt, "--db", db,
                      "-o", str(out)])
            assert result.exit_code == 0, result.output
            written.append(out.read_bytes())
        assert written[0] == written[1] and stamp in written[0].decode("utf-8"), fmt
    for bad in ("soon", "-5", "1.5", "99999999999999999999"):
        monkeypatch.setenv("SOURCE_DATE_EPOCH", bad)
        result = CliRunner().invoke(app, ["report", "--story", str(stories.ban), "--format",
                                          "md", "--db", db])
        assert result.exit_code == 2, (bad, result.output)
        assert "SOURCE_DATE_EPOCH" in result.stderr and "Traceback" not in result.output
