"""``verifier sources list|show|check`` through the CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.cli_helpers import run
from tests.conftest import sample_analysis
from verifier.cli import app
from verifier.registry import Registry
from verifier.store import ArticleMeta, save_article
from verifier.store.database import open_database

runner = CliRunner()


def test_list_all_and_by_kind() -> None:
    code, out, _ = run("sources", "list", "--json", "--limit", "5000")  # 100 by default
    assert code == 0
    entries = json.loads(out)
    assert {"yonhap", "kcna", "kr-presidential-office"} <= {e["key"] for e in entries}
    code, out, _ = run("sources", "list", "--kind", "news_agency", "--json")
    assert {e["kind"] for e in json.loads(out)} == {"news_agency"}
    code, out, _ = run("sources", "list", "--kind", "ministry")
    assert code == 0 and "sources in" in out


def test_show_by_id_alias_and_with_database_counts(tmp_path: Path, registry: Registry) -> None:
    code, out, _ = run("sources", "show", "Blue House", "--db", str(tmp_path / "none.db"),
                       "--json")
    assert code == 0
    data = json.loads(out)
    assert data["key"] == "kr-presidential-office" and data["attributions"] is None
    assert not (tmp_path / "none.db").exists()
    db = str(tmp_path / "v.db")
    with open_database(db) as database, database.session_scope() as session:
        save_article(session, sample_analysis(), ArticleMeta(outlet=registry.get("yonhap")),
                     registry=registry)
    data = json.loads(run("sources", "show", "yonhap", "--db", db, "--json")[1])
    assert (data["attributions"], data["claims"], data["articles"]) == (1, 1, 1)
    data = json.loads(run("sources", "show", "unnamed-via:yonhap", "--db", db, "--json")[1])
    assert data["name"] == "unnamed sources via Yonhap News Agency"
    assert (data["prior_confirmed"], data["prior_refuted"]) == (1.0, 1.0)
    code, out, _ = run("sources", "show", "yonhap", "--db", db)
    assert code == 0 and "Beta(8, 2)" in out
    code, _, err = run("sources", "show", "Daily Planet", "--db", db)
    assert code == 6 and "no source 'Daily Planet'" in err


def test_show_reports_the_track_record_learned_from_verdicts(
    tmp_path: Path, registry: Registry
) -> None:
    from sqlalchemy import select

    from verifier.store import add_verdict
    from verifier.store.models import Claim

    db = str(tmp_path / "v.db")
    with open_database(db) as database, database.session_scope() as session:
        save_article(session, sample_analysis(), ArticleMeta(outlet=registry.get("yonhap")),
                     registry=registry)
    before = json.loads(run("sources", "show", "yonhap", "--db", db, "--json")[1])["record"]
    assert (before["confirmed"], before["refuted"]) == (0, 0)
    with open_database(db) as database, database.session_scope() as session:
        claim_id = session.scalars(select(Claim.id).where(Claim.is_claim)).first()
        assert claim_id is not None
        add_verdict(session, status="confirmed", evidence="Checked the filing.",
                    reviewer="Tester", claim_id=claim_id)
    after = json.loads(run("sources", "show", "yonhap", "--db", db, "--json")[1])["record"]
    assert after["confirmed"] == 1 and after["mean"] > before["mean"]
    assert after["interval"]["low"] < after["mean"] < after["interval"]["high"]
    code, out, _ = run("sources", "show", "yonhap", "--db", db)
    assert code == 0 and "1 confirmed, 0 refuted" in out


def test_check_reports_valid_and_broken_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    code, out, _ = run("sources", "check")
    assert code == 0 and "valid" in out
    broken = tmp_path / "sources.yaml"
    broken.write_text(
        "sources:\n  - id: paper\n    name: Paper\n    kind: blog\n"
        "    prior: {confirmed: 1, refuted: 1, note: x}\n"
    )
    code, _, err = run("sources", "check", "--sources", str(broken))
    assert code == 4
    assert f"{broken}: entry 1 (paper): field 'kind'" in err and err.count("\n") == 1
    monkeypatch.setenv("VERIFIER_SOURCES", str(broken))
    assert run("sources", "list")[0] == 4
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("VERIFIER_SOURCES")
    assert run("sources", "check")[0] == 4  # ./sources.yaml wins over the packaged copy


def test_sources_of_an_ingested_article_are_keyed_as_the_parties_a_reader_sees(
        tmp_path: Path) -> None:
    """A body's "of"-phrase, a two-word body with a plural head and a titled name after "of"
    are keyed as the parties they are (not "Ports", nor people), and "the company" counts
    for the body it refers back to."""
    text = tmp_path / "ports.txt"
    text.write_text(
        "Velm harbour fees to rise next year\n\n"
        "The Ministry of Ports said on Monday that harbour fees would rise by ten percent "
        "next year.\n\n"
        "Northgate Ferries said the rise would force it to cut two routes. The company said "
        "it would announce the routes in March.\n\n"
        "Mayor of Velmora Ana Ruiz said the city would ask the ministry to delay the rise.\n",
        encoding="utf-8")
    db = str(tmp_path / "k.db")
    assert runner.invoke(app, ["ingest", str(text), "--db", db]).exit_code == 0
    shown = {}
    for name in ("Ministry of Ports", "Northgate Ferries", "Ana Ruiz"):
        code, out, _ = run("sources", "show", name, "--db", db, "--json")
        assert code == 0, name
        shown[name] = json.loads(out)
    assert (shown["Ministry of Ports"]["key"], shown["Ministry of Ports"]["kind"]) == (
        "name:ministry of ports", "organisation")
    assert (shown["Northgate Ferries"]["kind"], shown["Northgate Ferries"]["attributions"]) == (
        "organisation", 2)
    assert (shown["Ana Ruiz"]["key"], shown["Ana Ruiz"]["kind"]) == ("name:ana ruiz", "person")
    for wrong in ("Ports", "Velmora Ana Ruiz"):
        assert run("sources", "show", wrong, "--db", db)[0] != 0
