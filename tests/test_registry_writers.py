"""Several writers of one ``sources.yaml`` at once (``verifier sources add`` on the command
line, the desk's *Add an outlet*, ``ingest --add-outlets``): every entry each one reported
added is in the file afterwards.

The processes are let go together at a barrier (``tests.test_concurrent_ingest``), so their
read-edit-write of the file runs side by side every time: before the edit took a lock, each
read the file, appended its entry and replaced the file, and the last one's copy stood:
of three outlets reported added, one was in the file."""

from __future__ import annotations

import stat
from pathlib import Path

from tests.cli_helpers import run
from tests.test_concurrent_ingest import _together
from verifier.config import DEFAULT_SOURCES_FILE, data_path
from verifier.registry import load_registry

_CLI = ("from verifier.cli import main", "sys.argv = ['verifier', *sys.argv[3:]]\nmain()")


def test_outlets_added_at_once_are_all_kept(tmp_path: Path) -> None:
    registry = tmp_path / "sources.yaml"
    registry.write_text(data_path(DEFAULT_SOURCES_FILE).read_text(encoding="utf-8"),
                        encoding="utf-8")
    ids = [f"velm-courier-{n}" for n in range(3)]
    results = _together(tmp_path, [
        (*_CLI, ["sources", "add", ident, "--name", f"Velm Courier {n}", "--kind",
                 "newspaper", "--sources", str(registry)])
        for n, ident in enumerate(ids)])
    assert [r.returncode for r in results] == [0] * 3, [r.stderr[-400:] for r in results]
    kept = {source.id for source in load_registry(registry)}
    assert [ident for ident in ids if ident not in kept] == []


def test_an_outlet_added_through_a_linked_registry_is_written_to_the_file_it_links(
        tmp_path: Path) -> None:
    """A desk's ``sources.yaml`` that links to a newsroom's shared registry: the edit goes
    into the shared file and the link stays (the new file had replaced the link, so the
    shared registry never saw the outlet)."""
    shared = tmp_path / "shared" / "registry.yaml"
    shared.parent.mkdir()
    shared.write_text(data_path(DEFAULT_SOURCES_FILE).read_text(encoding="utf-8"),
                      encoding="utf-8")
    shared.chmod(0o640)
    desk = tmp_path / "desk"
    desk.mkdir()
    link = desk / "sources.yaml"
    link.symlink_to(Path("..") / "shared" / "registry.yaml")
    code, _, err = run("sources", "add", "velm-courier", "--name", "Velm Courier",
                         "--kind", "newspaper", "--sources", str(link))
    assert code == 0, err
    assert link.is_symlink() and link.resolve() == shared.resolve()
    assert "velm-courier" in {source.id for source in load_registry(shared)}
    assert stat.S_IMODE(shared.stat().st_mode) == 0o640
    assert sorted(p.name for p in desk.iterdir()) == ["sources.yaml"]
