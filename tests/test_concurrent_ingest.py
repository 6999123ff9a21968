"""Issue 11: several ingest processes write to one database at once (on PostgreSQL, from one
machine or several) with no duplicate article and no lost one, also when the database is new
or older than the code and each process would migrate it.

Run on SQLite always and on PostgreSQL where the suite has one (``VERIFIER_TEST_DB_URL``,
``.ci/postgres-tests``). Processes are started together and held at a barrier (a file they
wait for), so the part that races (opening and migrating) runs side by side every time:
before the migration took the write lock, two of three processes opening a new PostgreSQL
database failed on a duplicate ``pg_type`` row."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

from sqlalchemy import func, select

from tests.test_ingest_grouping import article_text, check_grouping_state, write_articles
from verifier.store.database import open_database
from verifier.store.models import Article, Claim
from verifier.store.schema import SCHEMA_REVISION

ROOT = Path(__file__).resolve().parent.parent
#: Held at the barrier until every process is ready, then let go at once.
_AT_BARRIER = """
import sys, time
from pathlib import Path
ready, go = Path(sys.argv[1]), Path(sys.argv[2])
{imports}
ready.touch()
deadline = time.time() + 120
while not go.exists():
    if time.time() > deadline:
        sys.exit("the barrier was never lifted")
    time.sleep(0.002)
{body}
"""


def _together(tmp_path: Path, scripts: list[tuple[str, str, list[str]]]
              ) -> list[subprocess.CompletedProcess[str]]:
    """Run each (imports, body, arguments) script in its own process, all let go at once
    once every one has loaded its modules; their results in order."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    go = tmp_path / "go"
    processes = []
    for number, (imports, body, args) in enumerate(scripts):
        ready = tmp_path / f"ready-{number}"
        code = _AT_BARRIER.format(imports=imports, body=body)
        processes.append((ready, subprocess.Popen(
            [sys.executable, "-c", code, str(ready), str(go), *args], env=env,
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)))
    deadline = time.time() + 120
    while not all(ready.exists() for ready, _ in processes):
        assert time.time() < deadline, "a process never reached the barrier"
        assert all(p.poll() is None for _, p in processes), [
            p.communicate() for _, p in processes if p.poll() is not None]
        time.sleep(0.01)
    go.touch()
    results = []
    for _, process in processes:
        out, err = process.communicate(timeout=300)
        results.append(subprocess.CompletedProcess(process.args, process.returncode, out, err))
    return results


def test_processes_opening_a_new_database_at_once_migrate_it_once(
        db_url: str, tmp_path: Path) -> None:
    opening = ("from verifier.store.database import open_database",
               "with open_database(sys.argv[3]) as database:\n"
               "    print(database.revision())", [db_url])
    results = _together(tmp_path, [opening] * 3)
    assert [(r.returncode, r.stdout.strip()) for r in results] == [
        (0, SCHEMA_REVISION)] * 3, [r.stderr[-600:] for r in results]


def test_ingest_processes_at_once_on_a_new_database_store_every_article_once(
        db_url: str, tmp_path: Path) -> None:
    """Three `verifier ingest` processes let go together on a database nobody migrated:
    two over overlapping folders (one with two workers), the third over the first's folder
    again. Every article is stored once (unique content hash, conflict-safe insert), none is
    lost, each process accounts for each of its articles, and every claim is in one story."""
    write_articles(tmp_path / "a", range(0, 36))
    write_articles(tmp_path / "b", range(18, 54))
    ingest = ("from verifier.cli import main", "sys.argv = ['verifier', *sys.argv[3:]]\nmain()")
    runs = [[str(tmp_path / "a")], [str(tmp_path / "b"), "--jobs", "2"], [str(tmp_path / "a")]]
    results = _together(tmp_path, [
        (*ingest, ["ingest", *run, "--db", db_url, "--outlet", "none", "--json"])
        for run in runs])
    assert [r.returncode for r in results] == [0, 0, 0], [r.stderr[-600:] for r in results]
    summaries = [json.loads(r.stdout) for r in results]
    assert [(s["stored"] + s["skipped"], s["failed"]) for s in summaries] == [
        (36, 0), (36, 0), (36, 0)]
    assert sum(s["stored"] for s in summaries) == 54
    with open_database(db_url) as database:
        with database.session_scope(write=False) as session:
            digests = session.scalars(select(Article.sha256)).all()
            texts = set(session.scalars(select(Article.text)))
            sentences = session.scalar(select(func.count()).select_from(Claim))
        assert len(digests) == len(set(digests)) == 54
        assert texts == {article_text(n) for n in range(54)}
        assert sentences == 5 * 54  # each article's sentences once
        check_grouping_state(database)
