"""Fault injection: a real `verifier ingest` process killed with SIGKILL at random points
leaves a database that `db verify` passes (schema, triggers, history chain, statuses, every
claim in a story, no orphans) with every stored article whole, and re-running the ingest
completes the set exactly once."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from verifier.cli import app
from verifier.ingest.pipeline import CHUNK_ARTICLES

runner = CliRunner()
#: Each of the three killed runs is seen commit a chunk and is killed during the next one, or
#: at once if that one commits first (the watcher polls): so it stores at most two chunks, the
#: three at most six, and at least part of a seventh is still to go: none can finish before it
#: is killed, however busy the machine. (Five chunks were too few: a run storing two chunks
#: each time left the third run only the last chunk, killed after its commit, 232 of 232.)
ARTICLES = 7 * CHUNK_ARTICLES - 8
SENTENCES = 4
PLACES = ["Seoul", "Beijing", "Tokyo", "Geneva", "Oslo", "Lima", "Cairo", "Delhi"]
ACTORS = ["The foreign ministry", "A senior official", "The defence ministry", "Police",
          "The central bank", "A government source"]
VERBS = ["said", "reported", "announced", "confirmed", "denied"]


def _articles(folder: Path) -> Path:
    rng = random.Random(7)
    folder.mkdir()
    for n in range(ARTICLES):
        body = " ".join(
            f"{rng.choice(ACTORS)} {rng.choice(VERBS)} on Monday that talks on trade round "
            f"{rng.randint(1, 40)} would resume in {rng.choice(PLACES)} next week."
            for _ in range(SENTENCES)
        )
        (folder / f"a{n:04d}.txt").write_text(f"Headline {n}\n{body}\n", encoding="utf-8")
    return folder


def _ingest(folder: Path, db: str) -> subprocess.Popen[bytes]:
    env = {**os.environ, "VERIFIER_DB": db}
    return subprocess.Popen(
        [sys.executable, "-m", "verifier", "ingest", str(folder)],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )


def _kill_after_progress(folder: Path, db: str, rng: random.Random) -> int:
    """Start an ingest, wait until it has committed a chunk, then SIGKILL it at a random
    moment of the next one (at once if that one commits first: the ingest cannot finish
    unseen, however fast or busy the machine); how many articles are stored after the kill."""
    from sqlalchemy import create_engine, text

    engine = create_engine(db)  # one for the whole watch: polling takes little CPU

    def stored() -> int:
        with engine.connect() as connection:
            return int(connection.execute(text("SELECT count(*) FROM articles")).scalar_one())

    try:
        before = stored()
        process = _ingest(folder, db)
        deadline = time.monotonic() + 120  # a busy machine can be slow to start it
        while (seen := stored()) == before:
            assert process.poll() is None, f"the ingest ended ({process.returncode}) unseen"
            assert time.monotonic() < deadline, "the ingest did not store a chunk"
            time.sleep(0.02)
        moment = time.monotonic() + rng.uniform(0.0, 0.2)
        while time.monotonic() < moment and stored() == seen:
            time.sleep(0.01)
        assert process.poll() is None, "the ingest finished: it had a whole chunk to go"
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=60)
        with engine.connect() as connection:  # every stored article whole: all its sentences
            per_article = connection.execute(text(
                "SELECT count(*) FROM claims GROUP BY article_id")).scalars().all()
        assert set(per_article) == {SENTENCES + 1}, per_article  # a headline and the body
        assert len(per_article) == stored()
        return len(per_article)
    finally:
        engine.dispose()


def _verify(db: str) -> dict:
    result = runner.invoke(app, ["db", "verify", "--db", db, "--json"])
    report = json.loads(result.stdout)
    assert result.exit_code == 0 and report["ok"], report
    return report


@pytest.mark.postgres
def test_kill_9_during_ingest_leaves_a_database_db_verify_passes(
    db_url: str, tmp_path: Path
) -> None:
    folder = _articles(tmp_path / "in")
    first = tmp_path / "first"
    first.mkdir()
    for name in ("a0000.txt", "a0001.txt"):
        (first / name).write_bytes((folder / name).read_bytes())
    assert runner.invoke(app, ["ingest", str(first), "--db", db_url]).exit_code == 0
    claims = json.loads(runner.invoke(app, ["claims", "list", "--json", "--db", db_url]).stdout)
    marked = runner.invoke(app, ["claims", "mark", str(claims[0]["id"]), "confirmed",
                                 "--evidence", "Transcript", "--by", "Ana", "--db", db_url])
    assert marked.exit_code == 0
    head = _verify(db_url)["head"]

    rng = random.Random(2026)
    counts = [2]
    for _ in range(3):
        counts.append(_kill_after_progress(folder, db_url, rng))
        report = _verify(db_url)
        assert report["head"] == head  # the history is untouched by ingest
    assert counts == sorted(set(counts)) and counts[-1] < ARTICLES, counts  # each got further

    completed = runner.invoke(app, ["ingest", str(folder), "--db", db_url])  # in this process:
    assert completed.exit_code == 0, completed.output  # no kill, so nothing a child adds
    _verify(db_url)
    articles = json.loads(runner.invoke(
        app, ["articles", "list", "--json", "--limit", "1000", "--db", db_url]).stdout)
    assert len(articles) == ARTICLES and len({a["id"] for a in articles}) == ARTICLES
