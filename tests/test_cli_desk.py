"""The desk's command-line side: users, labels export, sources add, --db before the command."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import select
from typer.testing import CliRunner

from tests.web_helpers import PASSWORD, build_db
from verifier.cli import app
from verifier.store.database import open_database
from verifier.store.models import Claim

runner = CliRunner()


def run(*args: str, input: str | None = None, code: int = 0) -> str:
    result = runner.invoke(app, list(args), input=input)
    assert result.exit_code == code, result.output
    return result.output


def test_users_lifecycle(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from verifier import passwords

    monkeypatch.setattr(passwords, "N", 2**10)  # the hash records its cost; the production
    db = str(tmp_path / "u.db")                 # cost is tested below
    out = run("users", "add", "ann", "--role", "editor", "--password-stdin", "--db", db,
              input=PASSWORD + "\n")
    assert "added user ann (editor)" in out
    assert "'ANN' can be taken for the user 'ann': it differs from it only by case" in run(
        "users", "add", "ANN", "--password-stdin", "--db", db, input=PASSWORD + "\n", code=2)
    assert "already exists" in run("users", "add", "ann", "--password-stdin", "--db", db,
                                   input=PASSWORD + "\n", code=2)
    assert "at least 10" in run("users", "add", "bob", "--password-stdin", "--db", db,
                                input="short\n", code=2)
    assert "no password on standard input" in run("users", "add", "bob", "--password-stdin",
                                                  "--db", db, input="", code=2)
    assert "unknown role" in run("users", "add", "bob", "--role", "boss", "--password-stdin",
                                 "--db", db, input=PASSWORD + "\n", code=2)
    assert "not a user name" in run("users", "add", "<b>", "--password-stdin", "--db", db,
                                    input=PASSWORD + "\n", code=2)
    run("users", "disable", "ann", "--db", db)
    listed = json.loads(run("users", "list", "--json", "--db", db))
    assert listed[0]["name"] == "ann" and listed[0]["disabled"] is True
    run("users", "enable", "ann", "--db", db)
    run("users", "role", "ann", "admin", "--db", db)
    run("users", "reset-password", "ann", "--password-stdin", "--db", db,
        input="a brand new password\n")
    assert "ann\tadmin" in run("users", "list", "--db", db)
    assert "no user named" in run("users", "disable", "zed", "--db", db, code=6)
    from verifier.review.accounts import authenticate

    with open_database(db) as database, database.session_scope(write=False) as session:
        assert authenticate(session, "ann", "a brand new password") is not None
        assert authenticate(session, "ann", PASSWORD) is None
        assert authenticate(session, "nobody", PASSWORD) is None
    audit = run("--db", db, "users", "list")  # --db before the command
    assert "ann" in audit


def test_password_hash_is_memory_hard_and_salted() -> None:
    from verifier.passwords import hash_password, verify_password

    first, second = hash_password(PASSWORD), hash_password(PASSWORD)
    assert first != second and first.startswith("scrypt$32768$8$1$")
    assert verify_password(PASSWORD, first) and not verify_password(PASSWORD + "x", first)
    assert not verify_password(PASSWORD, "garbage") and not verify_password(PASSWORD, "")


def test_labels_export_round_trips_through_eval(tmp_path: Path, monkeypatch:
                                                pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    db = build_db(tmp_path)
    from verifier.review.actions import correct
    from verifier.store.corrections import SourcingLabel

    registry_path = Path(__file__).resolve().parent.parent / "sources.yaml"
    from verifier.registry import load_registry

    with open_database(db) as database, database.session_scope() as session:
        claim = session.scalar(select(Claim).where(Claim.text.contains("Repairs could cost")))
        assert claim is not None
        correct(session, claim.id, claim=True, certainty="possible",
                sourcing=[SourcingLabel("unnamed_official", "a senior official")],
                actor="ann", registry=load_registry(registry_path), evidence="two sources")
        article_id = claim.article_id
    out = run("labels", "export", str(tmp_path / "export"), "--db", db)
    assert "1 article" in out and "(1 corrected by reviewers)" in out
    lines = [json.loads(x) for x in (tmp_path / "export" / "reviewed.labels.jsonl")
             .read_text(encoding="utf-8").splitlines()]
    assert {x["doc"] for x in lines} == {f"article-{article_id}"}
    assert [x["i"] for x in lines] == list(range(len(lines)))
    fixed = next(x for x in lines if "Repairs could cost" in x["text"])
    assert fixed == {"doc": f"article-{article_id}", "i": fixed["i"], "text": fixed["text"],
                     "claim": True, "certainty": "possible",
                     "sourcing": [{"kind": "unnamed_official", "source": "a senior official"}]}
    result = json.loads(run("eval", str(tmp_path / "export" / "reviewed.labels.jsonl"),
                            "--texts", str(tmp_path / "export" / "texts"), "--json"))
    assert result  # the analyser is measured against the reviewed labels


def test_sources_add_writes_a_validated_entry(tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("VERIFIER_SOURCES", raising=False)
    out = run("sources", "add", "harbour-herald", "--name", "Harbour Herald", "--kind",
              "newspaper", "--alias", "The Herald", "--url", "https://herald.example.org",
              "--confirmed", "3")
    assert "added harbour-herald" in out
    text = (tmp_path / "sources.yaml").read_text(encoding="utf-8")
    assert text.startswith("#") and "id: harbour-herald" in text
    assert "Harbour Herald" in run("sources", "show", "The Herald")
    before = text
    assert "duplicate id" in run("sources", "add", "harbour-herald", "--name", "X",
                                 "--kind", "newspaper", code=4)
    assert "unknown kind" in run("sources", "add", "x", "--name", "X", "--kind", "blog",
                                 code=2)
    assert "not an http(s) url" in run("sources", "add", "y", "--name", "Y", "--kind",
                                       "newspaper", "--url", "javascript:alert(1)", code=2)
    assert (tmp_path / "sources.yaml").read_text(encoding="utf-8") == before
    run("sources", "add", "harbour-herald", "--name", "Harbour Herald Daily", "--kind",
        "newspaper", "--replace")
    assert "Harbour Herald Daily" in run("sources", "show", "harbour-herald")
    run("sources", "check")


def test_terminal_workflow_fixes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("VERIFIER_SOURCES", raising=False)
    db = build_db(tmp_path)
    # --db before the command
    listed = json.loads(run("--db", db, "claims", "list", "--status", "any", "--json"))
    assert listed and all("story" in row for row in listed)
    # outlet by name or alias, as ingest accepts it
    by_alias = json.loads(run("claims", "list", "--outlet", "Associated Press", "--json",
                              "--db", db))
    by_name = json.loads(run("claims", "list", "--outlet", "The Associated Press", "--json",
                             "--db", db))
    assert by_alias == by_name and by_name and {r["outlet"] for r in by_name} == {
        "The Associated Press"}
    # --story filter and the story column
    story = listed[0]["story"]
    in_story = json.loads(run("claims", "list", "--story", str(story), "--json", "--db", db))
    assert in_story and {r["story"] for r in in_story} == {story}
    assert "story" in run("claims", "list", "--csv", "--db", db).splitlines()[0]
    # plurals and "(more with --offset)" only when there is more
    one = run("claims", "list", "--limit", "1", "--db", db)
    assert "1 unverified claim " in one + " " and "(more with --offset 1)" in one
    total = len(listed)
    everything = run("claims", "list", "--status", "any", "--limit", str(total), "--db", db)
    assert f"{total} claims" in everything and "more with" not in everything
    # VERIFIER_REVIEWER stands in for --by
    claim = str(listed[0]["id"])
    monkeypatch.setenv("VERIFIER_REVIEWER", "Rita Reviewer")
    run("claims", "mark", claim, "confirmed", "--evidence", "seen it", "--db", db)
    shown = json.loads(run("claims", "show", claim, "--json", "--db", db))
    assert shown["verdicts"][-1]["reviewer"] == "Rita Reviewer"
    # report --source by registry id or name
    by_id = json.loads(run("report", "--source", "reuters", "--format", "json", "--db", db))
    by_source_name = json.loads(run("report", "--source", "Reuters", "--format", "json",
                                    "--db", db))
    assert by_id["scope"] == by_source_name["scope"]
    assert "no source" in run("report", "--source", "Nowhere Gazette", "--db", db, code=2)
    # help: exit codes and shell completion
    helped = run("--help")
    assert "Exit codes" in helped and "--install-completion" in helped


def test_cli_review_actions_reach_the_audit_log(tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    db = build_db(tmp_path)
    rows = json.loads(run("claims", "list", "--json", "--db", db))
    claim = str(rows[0]["id"])
    run("claims", "mark", claim, "refuted", "--evidence", "records", "--by", "Ola", "--db", db)
    run("claims", "retract", claim, "--evidence", "too early", "--by", "Ola", "--db", db)
    from verifier.store.audit import list_audit

    with open_database(db) as database, database.session_scope(write=False) as session:
        entries = [(e.actor, e.action, e.target) for e in list_audit(session)]
    assert ("Ola", "mark", f"claim {claim}") in entries
    assert any(e[:2] == ("Ola", "retract") for e in entries)


def test_serve_answers_over_http(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import os
    import socket
    import subprocess
    import sys
    import time
    import urllib.request

    monkeypatch.chdir(tmp_path)
    db = build_db(tmp_path)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {**os.environ, "VERIFIER_DB": db}
    server = subprocess.Popen(
        [sys.executable, "-m", "verifier", "serve", "--port", str(port)], env=env,
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.time() + 30
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/login") as response:
                    page = response.read().decode()
                    headers = response.headers
                break
            except OSError:
                assert server.poll() is None, server.stderr.read() if server.stderr else ""
                assert time.time() < deadline, "verifier serve did not answer"
                time.sleep(0.2)
        assert "Sign in" in page and "default-src 'none'" in headers["content-security-policy"]
        assert headers.get("server") is None  # no server banner
    finally:
        server.terminate()
        server.wait(timeout=10)
