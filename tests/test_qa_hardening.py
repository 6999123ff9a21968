"""Hardening found by walking the CLI and the desk as a user and an attacker would (session
35): files replaced whole and through links, a database in a folder nobody may write, a
page in Windows-1252 without a charset, the desk's Host header and duplicate form fields."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

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
