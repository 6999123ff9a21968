"""Hardening found by walking the CLI and the desk as a user and an attacker would (session
35): files replaced whole and through links, a database in a folder nobody may write, a
page in Windows-1252 without a charset, the desk's Host header and duplicate form fields."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from tests.cli_helpers import claim_id, cli, ingest_text, run
from verifier import wholefile

ARTICLE = ("The water board said on Monday that the reservoir near Ostrava was full again.\n"
           "A spokesman for the board said rationing would end next week.\n")


@pytest.fixture
def stored(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """A database holding one article, one of its claims corrected by a reviewer."""
    monkeypatch.chdir(tmp_path)
    db = str(tmp_path / "v.db")
    ingest_text(db, tmp_path / "water.txt", ARTICLE, "--outlet", "none")
    claim = claim_id(db, "rationing")
    cli("claims", "correct", str(claim), "--sourcing", "unnamed_official:A spokesman",
        "--by", "Ann Reviewer", "--evidence", "the spokesman is not named", "--db", db)
    return db


# -- files written whole, through links ------------------------------------------------

def test_report_output_through_a_symlink_writes_the_linked_file(stored: str,
                                                                tmp_path: Path) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    real = shared / "report.md"
    real.write_text("an older report\n", encoding="utf-8")
    link = tmp_path / "latest.md"
    link.symlink_to(real)
    cli("report", "--all", "--format", "md", "-o", str(link), "--db", stored)
    assert link.is_symlink() and link.resolve() == real.resolve()
    assert real.read_text(encoding="utf-8").startswith("# Credibility report")
    assert sorted(p.name for p in shared.iterdir()) == ["report.md"]  # no temporary left


def test_labels_export_through_a_symlink_keeps_the_link(stored: str, tmp_path: Path) -> None:
    out = tmp_path / "out"
    elsewhere = tmp_path / "kept"
    elsewhere.mkdir()
    (elsewhere / "reviewed.labels.jsonl").write_text("old\n", encoding="utf-8")
    out.mkdir()
    (out / "reviewed.labels.jsonl").symlink_to(elsewhere / "reviewed.labels.jsonl")
    cli("labels", "export", str(out), "--db", stored)
    assert (out / "reviewed.labels.jsonl").is_symlink()
    first = (elsewhere / "reviewed.labels.jsonl").read_text(encoding="utf-8").splitlines()[0]
    assert json.loads(first)["doc"] == "article-1"


def test_labels_export_interrupted_leaves_the_previous_file_whole(
        stored: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "out"
    cli("labels", "export", str(out), "--db", stored)
    before = (out / "reviewed.labels.jsonl").read_bytes()

    real_fsync = os.fsync

    def full_disk(fd: int) -> None:  # the disk fills as the labels file is flushed
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(wholefile.os, "fsync", full_disk)
    code, _, err = run("labels", "export", str(out), "--db", stored)
    monkeypatch.setattr(wholefile.os, "fsync", real_fsync)
    assert code == 3 and "No space left on device" in err and "Traceback" not in err
    assert (out / "reviewed.labels.jsonl").read_bytes() == before
    assert not [p for p in out.rglob(".*") if p.suffix == ".part"]


def test_a_new_whole_file_gets_the_mode_open_would_give(tmp_path: Path) -> None:
    mask = os.umask(0o022)
    try:
        wholefile.write_whole(tmp_path / "new.txt", "text\n")
    finally:
        os.umask(mask)
    assert (tmp_path / "new.txt").stat().st_mode & 0o777 == 0o644


# -- a database in a folder nobody may write ----------------------------------------------

def _folder_read_only(monkeypatch: pytest.MonkeyPatch, folder: Path) -> None:
    """``os.access`` as for a user who may not write ``folder`` nor the files in it (the
    tests may run as root, whom no mode stops)."""
    real = os.access

    def access(path: object, mode: int, **kwargs: object) -> bool:
        inside = Path(str(path)).absolute() in (folder, *folder.iterdir())
        return False if inside and mode & os.W_OK else real(path, mode)  # type: ignore

    monkeypatch.setattr(os, "access", access)


def test_reading_a_database_in_a_read_only_folder_writes_nothing_there(
        stored: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    before = sorted(p.name for p in tmp_path.iterdir())
    _folder_read_only(monkeypatch, tmp_path)
    assert "rationing" in cli("claims", "list", "--db", stored)
    assert "rationing" in cli("claims", "list", "--db", stored, "--json")
    cli("claims", "show", "1", "--db", stored)
    cli("stories", "list", "--db", stored, "--min-claims", "1")
    cli("report", "--all", "--format", "json", "--db", stored)
    # WAL reading made -wal and -shm files beside the database: where none can be made,
    # every read failed as a write would
    assert sorted(p.name for p in tmp_path.iterdir()) == before


def test_writing_a_database_in_a_read_only_folder_is_one_line_exit_5(
        stored: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _folder_read_only(monkeypatch, tmp_path)
    code, _, err = run("claims", "mark", "1", "refuted", "--evidence", "a later notice",
                       "--by", "Ann Reviewer", "--db", stored)
    assert code == 5, err
    assert err.strip().splitlines() == [
        f"verifier: error: cannot write to {stored}: the file or its directory is read-only"]
    monkeypatch.undo()
    assert "unverified" in cli("claims", "show", "1", "--db", stored)  # nothing was marked


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0,
                    reason="root writes whatever the modes say")
def test_a_database_in_a_folder_made_read_only_is_read(stored: str, tmp_path: Path) -> None:
    os.chmod(stored, 0o444)
    tmp_path.chmod(0o555)
    try:
        assert "rationing" in cli("claims", "list", "--db", stored)
        code, _, err = run("claims", "mark", "1", "refuted", "--evidence", "a notice",
                           "--by", "Ann Reviewer", "--db", stored)
        assert code == 5 and "read-only" in err
    finally:
        tmp_path.chmod(0o755)


# -- the desk: its Host header, a field sent twice ----------------------------------------

def _desk_client(desk: str, **options: object) -> TestClient:
    from verifier.web.app import create_app

    return TestClient(create_app(desk, **options))  # type: ignore[arg-type]


def test_the_desk_refuses_a_host_it_does_not_serve(desk: str) -> None:
    client = _desk_client(desk, allowed_hosts=("127.0.0.1", "localhost", "::1"))
    for host in ("evil.example", "127.0.0.1.evil.example", "localhost:8000:1", "[::1",
                 "attacker.test:8000"):
        response = client.get("/login", headers={"host": host})
        assert response.status_code == 400, host
        assert "Bad Host header" in response.text and host not in response.text
        assert response.headers["x-frame-options"] == "DENY"
    for host in ("127.0.0.1:8000", "localhost", "LOCALHOST:8000", "[::1]:8000"):
        assert client.get("/login", headers={"host": host}).status_code == 200, host


def test_a_claimreview_link_is_built_on_an_allowed_host_only(
        desk: str, monkeypatch: pytest.MonkeyPatch) -> None:
    from tests.web_helpers import sign_in

    monkeypatch.delenv("VERIFIER_PUBLISHER_URL", raising=False)
    client = sign_in(_desk_client(desk, allowed_hosts=("desk.example.org", "testserver")),
                     "viewer")
    link = "/reports/download?scope=story&id=1&format=claimreview"
    assert client.get(link).status_code in (200, 400)  # answered (a story unreviewed: 400)
    forged = client.get(link, headers={"host": "phish.example"})
    assert forged.status_code == 400 and "phish.example" not in forged.text
    assert "Bad Host header" in forged.text


@pytest.mark.parametrize(("given", "refused"), [
    (["serve", "--host", "0.0.0.0"], "--allowed-host NAME"),
    (["serve", "--allowed-host", "desk.example.org:8000"], "is not a host name"),
    (["serve", "--allowed-host", "http://desk.example.org"], "is not a host name"),
    (["serve", "--allowed-host", "*x.example.org"], "is not a host name"),
])
def test_serve_checks_its_allowed_hosts_before_listening(
        desk: str, given: list[str], refused: str) -> None:
    code, _, err = run(*given, "--port", "1", "--db", desk)
    assert code == 2 and refused in err and "Traceback" not in err


def test_the_host_check_reads_names_as_a_browser_sends_them() -> None:
    from verifier.web.security import host_allowed

    allowed = ("desk.example.org", "*.news.example", "10.0.0.5", "::1")
    assert host_allowed("Desk.Example.Org.:443", allowed)
    assert host_allowed("a.news.example", allowed) and not host_allowed("news.example",
                                                                          allowed)
    assert not host_allowed("evilnews.example", allowed)
    assert host_allowed("[::1]:80", allowed) and not host_allowed("[::1]x", allowed)
    assert not host_allowed("", allowed) and not host_allowed("10.0.0.5:http", allowed)
    assert host_allowed("anything", ("*",))


def test_a_form_field_sent_twice_is_refused_not_guessed(desk: str) -> None:
    from tests.cli_helpers import claim_id as _claim
    from tests.web_helpers import sign_in, token

    client = sign_in(_desk_client(desk), "reviewer")
    claim = _claim(desk, "harbour bridge will close")
    form = {"csrf": token(client), "status": ["confirmed", "refuted"],
            "evidence": "the ministry's notice"}
    response = client.post(f"/claims/{claim}/mark", data=form)
    assert response.status_code == 400
    assert "status field is sent 2 times" in response.text
    assert "unverified" in cli("claims", "show", str(claim), "--db", desk)
    listed = client.get("/reports/download?scope=all&format=md&format=json")
    assert listed.status_code == 400 and "2 times" in listed.text


def test_a_password_sent_twice_signs_no_one_in(desk: str) -> None:
    from tests.web_helpers import PASSWORD, csrf_of

    client = _desk_client(desk)
    csrf = csrf_of(client.get("/login").text)
    response = client.post("/login", data={
        "csrf": csrf, "name": "admin", "password": ["wrong", PASSWORD]}, follow_redirects=False)
    assert response.status_code == 400 and "password field is sent 2 times" in response.text
    assert client.get("/queue", follow_redirects=False).status_code == 303


# -- a page in Windows-1252 that declares no charset ----------------------------------------

def test_an_undeclared_windows_1252_page_is_read_as_a_browser_reads_it(tmp_path: Path) -> None:
    page = ("<html><head><title>Pier repairs</title></head><body><article><p>The harbour "
            "master said the pier at Lindqvist Bay would reopen in \u201cearly spring\u201d, "
            "the caf\u00e9 beside it a week later.</p></article></body></html>")
    path = tmp_path / "pier.html"
    path.write_bytes(page.encode("cp1252"))
    code, out, err = run("analyze", str(path))
    assert code == 0, err
    assert "\u201cearly" in out and "caf\u00e9" in out
    assert err.strip().splitlines() == [
        f"verifier: warning: {path}: not UTF-8 (byte {page.index(chr(0x201C))}) and no "
        "charset declared: read as Windows-1252, as a browser would (check its curly quotes "
        "and accents)"]


def test_windows_1252_bytes_python_leaves_unassigned_are_read_as_browsers_do() -> None:
    from verifier.ingest.textfile import decode_text

    with pytest.warns(UserWarning, match="read as Windows-1252"):
        text = decode_text(b"<p>A \x93quote\x94 and \x81 \x8d \x8f \x90 \x9d</p>", "x.html",
                           html=True)
    assert text == "<p>A \u201cquote\u201d and \x81 \x8d \x8f \x90 \x9d</p>"
    declared = b'<meta charset="windows-1252"><p>caf\xe9 \x9d</p>'
    assert decode_text(declared, "y.html", html=True).endswith("caf\u00e9 \x9d</p>")


def test_a_text_file_not_in_utf8_is_still_refused(tmp_path: Path) -> None:
    path = tmp_path / "note.txt"
    path.write_bytes("The caf\u00e9 closed on Friday, its owner said.".encode("cp1252"))
    code, _, err = run("analyze", str(path))
    assert code == 3 and "not valid UTF-8" in err


def test_serve_answers_to_its_own_names_only(desk: str, monkeypatch: pytest.MonkeyPatch) -> None:
    import socket

    import uvicorn

    started: list[object] = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **k: started.append(app))
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = str(probe.getsockname()[1])
    for options, good, bad in (
            ((), ("127.0.0.1:8000", "localhost:8000"), ("evil.example:8000", "testserver")),
            (("--allowed-host", "desk.example.org,*.newsroom.example"),
             ("desk.example.org", "a.newsroom.example"), ("localhost", "newsroom.example"))):
        started.clear()
        cli("serve", "--port", port, "--db", desk, *options)
        client = TestClient(started[0])  # type: ignore[arg-type]
        for host in good:
            assert client.get("/login", headers={"host": host}).status_code == 200, host
        for host in bad:
            assert client.get("/login", headers={"host": host}).status_code == 400, host
