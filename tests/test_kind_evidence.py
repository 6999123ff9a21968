"""Why a source has its kind is stored at ingest (``attributions.reason`` and
``evidence_*``, migration 0012) and shown where a claim's sourcing is: ``claims show``
(terminal and JSON), the reports (Markdown, HTML, JSON) and the desk's claim page. Rows
without it (stored before 0012) show nothing extra. Invented sentences throughout."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
from sqlalchemy import inspect, text
from starlette.testclient import TestClient
from typer.testing import CliRunner

from tests.conftest import SAMPLE_TEXT, attribution, sample_analysis, span_of
from tests.web_helpers import build_db, sign_in
from verifier.analysis.results import ArticleAnalysis
from verifier.cli import app
from verifier.registry import Registry
from verifier.store import database as dbmod
from verifier.store import get_claim, save_article
from verifier.store.database import open_database
from verifier.store.rows import ATTRIBUTION_WIDTH, WHY_COLUMNS, flatten
from verifier.web.app import create_app

runner = CliRunner()

ARTICLE = (
    "Parliament will vote on the budget next week.\n\n"
    "Finance Minister Jane Roe said on Monday that the deficit would shrink by half.\n\n"
    "The opposition has called the plan reckless.\n\n"
    '"We have the votes to pass it," Roe said.\n\n'
    '"Nobody will lose their pension," said Marta Quill, who runs a bakery in the capital.\n'
)
TITLED = "Finance Minister Jane Roe"
FALLBACK = "no office evidence"


pytestmark = pytest.mark.usefixtures("wide_console")


def invoke(*args: str) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.output


def claim_id(db: str, words: str) -> int:
    rows = json.loads(invoke("claims", "list", "--db", db, "--json"))
    return next(int(r["id"]) for r in rows if words in r["text"])


@pytest.fixture
def ingested(tmp_path: Path) -> str:
    """The invented article ingested through the CLI into a fresh SQLite database."""
    path = tmp_path / "budget.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    db = str(tmp_path / "why.db")
    invoke("ingest", str(path), "--db", db)
    return db


def attribution_rows(db: str) -> list[tuple[object, ...]]:
    with open_database(db, create=False) as database, database.engine.connect() as c:
        return [tuple(r) for r in c.execute(text("SELECT * FROM attributions ORDER BY id"))]


def test_claims_show_says_which_words_showed_the_kind(ingested: str) -> None:
    later = claim_id(ingested, "We have the votes")
    shown = json.loads(invoke("claims", "show", str(later), "--db", ingested, "--json"))
    (roe,) = shown["attributions"]
    assert (roe["source"]["text"], roe["kind"]) == ("Roe", "official")
    evidence = roe["evidence"]
    assert evidence["text"] == TITLED
    assert ARTICLE[evidence["start"]:evidence["end"]] == TITLED  # offsets into the article
    assert "reason" not in roe
    terminal = invoke("claims", "show", str(later), "--db", ingested)
    assert (f"why “Roe” is official as shown by “{TITLED}” at "
            f"{evidence['start']}–{evidence['end']}") in terminal


def test_claims_show_gives_a_name_rules_fallback_reason(ingested: str) -> None:
    quill = claim_id(ingested, "Nobody will lose")
    shown = json.loads(invoke("claims", "show", str(quill), "--db", ingested, "--json"))
    (named,) = shown["attributions"]
    assert named["kind"] == "named"
    assert named["reason"].startswith(FALLBACK)
    assert "evidence" not in named
    terminal = invoke("claims", "show", str(quill), "--db", ingested)
    assert "is named: no office evidence" in terminal


def test_a_source_whose_own_words_decide_shows_nothing_extra(ingested: str) -> None:
    first = claim_id(ingested, "deficit would shrink")
    shown = json.loads(invoke("claims", "show", str(first), "--db", ingested, "--json"))
    (minister,) = shown["attributions"]
    assert minister["source"]["text"] == TITLED
    assert "evidence" not in minister and "reason" not in minister
    assert "why “" not in invoke("claims", "show", str(first), "--db", ingested)


def test_reingesting_is_a_no_op(ingested: str, tmp_path: Path) -> None:
    before = attribution_rows(ingested)
    assert any(row[-4] is not None for row in before)  # some reason is stored
    output = invoke("ingest", str(tmp_path / "budget.txt"), "--db", ingested)
    assert "Stored 0 articles" in output and "skipped 1" in output
    assert attribution_rows(ingested) == before


def test_reports_show_why_in_each_format(ingested: str) -> None:
    later = claim_id(ingested, "We have the votes")
    quill = claim_id(ingested, "Nobody will lose")
    md = invoke("report", "--article", "1", "--format", "md", "--db", ingested)
    assert f"> - why: “Roe”: official as shown by “{TITLED}” at" in md
    assert "> - why: “Marta Quill, who runs a bakery in the capital”: named: no office" in md
    assert md.count("- why:") == 2
    report = json.loads(invoke("report", "--article", "1", "--format", "json", "--db", ingested))
    sentences = {s["claim_id"]: s for s in report["articles"][0]["sentences"]}
    (why,) = sentences[later]["sourcing_why"]
    assert why["kind"] == "official" and why["source"] == "Roe"
    assert ARTICLE[why["evidence"]["start"]:why["evidence"]["end"]] == TITLED
    assert sentences[quill]["sourcing_why"][0]["reason"].startswith(FALLBACK)
    assert sum("sourcing_why" in s for s in sentences.values()) == 2
    html = invoke("report", "--article", "1", "--format", "html", "--db", ingested)
    assert f"<li>#{later} “Roe”: official as shown by “{TITLED}” at" in html


def test_rows_without_why_show_nothing_extra(ingested: str) -> None:
    """Rows stored before migration 0012 hold NULLs: every view leaves the why out."""
    with open_database(ingested, create=False) as database, database.engine.begin() as c:
        c.execute(text("UPDATE attributions SET reason = NULL, evidence_text = NULL, "
                       "evidence_start = NULL, evidence_end = NULL"))
    for words in ("We have the votes", "Nobody will lose"):
        found = claim_id(ingested, words)
        shown = json.loads(invoke("claims", "show", str(found), "--db", ingested, "--json"))
        assert all("evidence" not in a and "reason" not in a for a in shown["attributions"])
        assert "why “" not in invoke("claims", "show", str(found), "--db", ingested)
    assert "- why:" not in invoke("report", "--article", "1", "--format", "md", "--db", ingested)
    report = invoke("report", "--article", "1", "--format", "json", "--db", ingested)
    assert "sourcing_why" not in report
    html = invoke("report", "--article", "1", "--format", "html", "--db", ingested)
    assert 'class="whys"' not in html


def hostile_analysis() -> tuple[str, int, ArticleAnalysis]:
    """``sample_analysis`` with a back-reference whose evidence and reason hold markup."""
    analysis = sample_analysis()
    t = SAMPLE_TEXT
    cha = replace(attribution(t, "named", "Victor Cha", "said the plan"),
                  reason="<b>fallback</b> & more", evidence=span_of(t, "Yonhap"))
    sentences = list(analysis.sentences)
    sentences[4] = replace(sentences[4], attributions=(cha,))
    return t, 4, replace(analysis, sentences=tuple(sentences))


def test_library_stores_evidence_and_reason(
    db_url: str, registry: Registry
) -> None:
    """Through ``save_article`` on each database (SQLite's bulk path, the generic one)."""
    t, position, analysis = hostile_analysis()
    rows = flatten(analysis)
    widths = sorted({len(r) for r in rows.attributions})
    assert widths == [ATTRIBUTION_WIDTH, ATTRIBUTION_WIDTH + len(WHY_COLUMNS)]
    with open_database(db_url) as database, database.session_scope() as session:
        article_id = save_article(session, analysis, registry=registry)
        found = session.execute(text(
            "SELECT id FROM claims WHERE article_id = :a AND position = :p"),
            {"a": article_id, "p": position}).scalar_one()
        detail = get_claim(session, found)
        others = [get_claim(session, cid) for (cid,) in session.execute(text(
            "SELECT id FROM claims WHERE article_id = :a AND position <> :p"),
            {"a": article_id, "p": position})]
    (cha,) = detail.attributions
    assert cha.reason == "<b>fallback</b> & more"
    assert cha.evidence is not None
    assert t[cha.evidence.start:cha.evidence.end] == cha.evidence.text == "Yonhap"
    assert cha.to_dict()["evidence"] == {"text": "Yonhap", "start": cha.evidence.start,
                                        "end": cha.evidence.end}
    assert all(a.reason is None and a.evidence is None and a.why == ""
               for other in others for a in other.attributions)


def test_desk_claim_page_shows_why_escaped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, registry: Registry
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("VERIFIER_SOURCES", raising=False)
    db = build_db(tmp_path)
    path = tmp_path / "budget.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    invoke("ingest", str(path), "--db", db)
    _, position, analysis = hostile_analysis()
    with open_database(db) as database, database.session_scope() as session:
        article_id = save_article(session, analysis, registry=registry)
        hostile = session.execute(text(
            "SELECT id FROM claims WHERE article_id = :a AND position = :p"),
            {"a": article_id, "p": position}).scalar_one()
    client = sign_in(TestClient(create_app(db), base_url="http://testserver"), "viewer")
    page = client.get(f"/claims/{claim_id(db, 'We have the votes')}").text
    assert f"official as shown by <q>{TITLED}</q>" in page
    quill = client.get(f"/claims/{claim_id(db, 'Nobody will lose')}").text
    assert "why: no office evidence" in quill
    page = client.get(f"/claims/{hostile}").text
    assert "why: &lt;b&gt;fallback&lt;/b&gt; &amp; more" in page
    assert "<b>fallback</b>" not in page


@pytest.mark.usefixtures("real_migrations")
def test_migration_0012_adds_and_drops_the_columns_keeping_rows(
    db_url: str, registry: Registry
) -> None:
    *_, analysis = hostile_analysis()
    with open_database(db_url) as database:
        with database.session_scope() as session:
            save_article(session, analysis, registry=registry)
        keep = "SELECT id, claim_id, kind, source_text, rule FROM attributions ORDER BY id"
        with database.engine.connect() as c:
            before = c.execute(text(keep)).all()
        dbmod.downgrade(database, "0011")
        with database.engine.connect() as c:
            columns = {col["name"] for col in inspect(c).get_columns("attributions")}
            assert not columns & set(WHY_COLUMNS)
            assert c.execute(text(keep)).all() == before
        dbmod.upgrade(database)
        with database.engine.connect() as c:
            assert c.execute(text(keep)).all() == before
            whys = c.execute(text("SELECT reason, evidence_text FROM attributions")).all()
        assert set(whys) == {(None, None)}  # nothing backfilled: older rows say nothing
