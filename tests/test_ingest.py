"""Ingest: one transaction per article, duplicates skipped, bad files reported, interruptions
leave each article whole or absent."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select
from typer.testing import CliRunner

from tests.conftest import SAMPLE_TEXT, sample_analysis
from verifier.analysis.results import ArticleAnalysis
from verifier.cli import app
from verifier.errors import InputError
from verifier.ingest.pipeline import ArticleResult, IngestDefaults, Ingester, ingest_paths
from verifier.ingest.readers import iter_articles, parse_published
from verifier.registry import Registry
from verifier.store.database import Database, open_database
from verifier.store.models import Article, Attribution, Claim, StoryClaim
from verifier.store.models import Source as SourceRow
from verifier.store.sources import SourceResolver

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def fake_analyser(text: str, registry: Registry, outlet: str | None) -> ArticleAnalysis:
    """The hand-labelled analysis of SAMPLE_TEXT, for any text that starts with it."""
    return sample_analysis(text)


def _write_articles(folder: Path, count: int) -> list[Path]:
    folder.mkdir(exist_ok=True)
    paths = []
    for n in range(count):
        path = folder / f"{n:03d}.txt"
        path.write_text(SAMPLE_TEXT + f"\nEdition {n}.", encoding="utf-8")
        paths.append(path)
    return paths


@pytest.fixture
def database(db_url: str) -> Iterator[Database]:
    with open_database(db_url) as database:
        yield database


def _counts(database: Database) -> tuple[int, int, int]:
    with database.session_scope(write=False) as session:
        return tuple(  # type: ignore[return-value]
            session.scalar(select(func.count()).select_from(table)) or 0
            for table in (Article, Claim, Attribution)
        )


def test_ingest_stores_reports_and_skips(
    database: Database, registry: Registry, tmp_path: Path
) -> None:
    _write_articles(tmp_path / "in", 3)
    (tmp_path / "in" / "broken.txt").write_bytes(b"\xff\xfe\x00binary")
    seen: list[ArticleResult] = []
    summary = ingest_paths(
        database, [tmp_path / "in"], registry, analyser=fake_analyser, on_article=seen.append
    )
    assert (summary.stored, summary.skipped, summary.failed) == (3, 0, 1)
    assert summary.claims == 18 and summary.kinds["media"] == 3
    assert summary.failures[0].origin.endswith("broken.txt")
    assert [r.outcome for r in seen] == ["stored", "stored", "stored", "failed"]
    assert _counts(database) == (3, 21, 15)
    again = ingest_paths(database, [tmp_path / "in"], registry, analyser=fake_analyser)
    assert (again.stored, again.skipped, again.failed) == (0, 3, 1)
    assert _counts(database) == (3, 21, 15)


def test_defaults_fill_what_files_lack(
    database: Database, registry: Registry, tmp_path: Path
) -> None:
    plain = tmp_path / "plain.txt"
    plain.write_text(SAMPLE_TEXT, encoding="utf-8")
    marked = tmp_path / "marked.md"
    marked.write_text(
        "---\ntitle: Own title\noutlet: Reuters\n---\n" + SAMPLE_TEXT + "\nMore.", encoding="utf-8"
    )
    defaults = IngestDefaults(
        outlet="yonhap",
        published=parse_published("2018-03-27", "--published"),
        url="https://x.test",
        title="Default title",
    )
    summary = ingest_paths(
        database, [plain, marked], registry, defaults=defaults, analyser=fake_analyser
    )
    assert summary.stored == 2
    with database.session_scope(write=False) as session:
        rows = session.execute(
            select(Article.title, Article.outlet, Article.url, Article.published_at).order_by(
                Article.id
            )
        ).all()
    assert [(r.title, r.outlet, r.url) for r in rows] == [
        ("Default title", "Yonhap News Agency", "https://x.test"),
        ("Own title", "Reuters", "https://x.test"),
    ]
    assert all(r.published_at is not None and r.published_at.year == 2018 for r in rows)


def test_unknown_default_outlet_writes_nothing(
    database: Database, registry: Registry, tmp_path: Path
) -> None:
    path = tmp_path / "a.txt"
    path.write_text(SAMPLE_TEXT, encoding="utf-8")
    with pytest.raises(InputError, match="unknown outlet 'daily-planet'"):
        ingest_paths(database, [path], registry, defaults=IngestDefaults(outlet="daily-planet"))
    assert _counts(database) == (0, 0, 0)
    with database.session_scope(write=False) as session:
        assert session.scalar(select(func.count()).select_from(SourceRow)) == 0


def test_html_site_names_are_used_only_when_the_registry_knows_them(
    database: Database, registry: Registry, tmp_path: Path
) -> None:
    page = (
        '<html><head><meta property="og:site_name" content="{site}"></head><body><article>'
        "<p>{text}</p></article></body></html>"
    )
    body = " ".join(SAMPLE_TEXT.split("\n")[1:3])
    (tmp_path / "a.html").write_text(page.format(site="Yonhap", text=body), encoding="utf-8")
    (tmp_path / "b.html").write_text(page.format(site="Daily Planet", text=body + " Two."),
                                     encoding="utf-8")
    summary = ingest_paths(database, [tmp_path], registry,
                           defaults=IngestDefaults(outlet="reuters"))
    assert (summary.stored, summary.failed) == (2, 0)
    with database.session_scope(write=False) as session:
        outlets = session.scalars(select(Article.outlet).order_by(Article.path)).all()
    assert outlets == ["Yonhap News Agency", "Reuters"]


def test_unknown_outlet_in_a_file_fails_that_file_only(
    database: Database, registry: Registry, tmp_path: Path
) -> None:
    bad = tmp_path / "a.md"
    bad.write_text("---\noutlet: Daily Planet\n---\n" + SAMPLE_TEXT, encoding="utf-8")
    good = tmp_path / "b.txt"
    good.write_text(SAMPLE_TEXT + "\nOther.", encoding="utf-8")
    summary = ingest_paths(database, [bad, good], registry, analyser=fake_analyser)
    assert (summary.stored, summary.failed) == (1, 1)
    assert str(bad) in str(summary.failures[0].message)
    assert "Daily Planet" in str(summary.failures[0].message)


@pytest.mark.parametrize(("chunk_size", "left"), [(1, (1, 7, 5)), (64, (0, 0, 0))])
def test_an_interruption_mid_article_leaves_it_absent(
    database: Database,
    registry: Registry,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    chunk_size: int,
    left: tuple[int, int, int],
) -> None:
    """Interrupted while storing the second article (inside its write transaction): what
    was reported stored is stored, whole; the rest is absent."""
    paths = _write_articles(tmp_path / "in", 3)
    calls = {"n": 0}
    original = SourceResolver.source_key

    def flaky(self: SourceResolver, *args: object, **kwargs: object) -> object:
        calls["n"] += 1
        if calls["n"] == 8:  # the second article's third attribution
            raise KeyboardInterrupt
        return original(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(SourceResolver, "source_key", flaky)
    reported: list[ArticleResult] = []
    ingester = Ingester(database, registry, analyser=fake_analyser, chunk_size=chunk_size)
    with pytest.raises(KeyboardInterrupt):
        ingester.run(iter_articles(paths), reported.append)
    assert _counts(database) == left
    assert sum(r.outcome == "stored" for r in reported) == left[0]
    monkeypatch.setattr(SourceResolver, "source_id_for", original)
    summary = ingest_paths(database, paths, registry, analyser=fake_analyser)
    assert (summary.stored, summary.skipped) == (3 - left[0], left[0])
    assert _counts(database) == (3, 21, 15)


def test_a_conflicting_writer_sends_the_chunk_one_by_one(
    database: Database, registry: Registry, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another process stores one of the texts between the check and the write: the bulk
    insert fails on the unique index, and the chunk is stored again article by article."""
    paths = _write_articles(tmp_path / "in", 3)
    ingest_paths(database, paths[1:2], registry, analyser=fake_analyser)
    monkeypatch.setattr(Ingester, "_stored", lambda self, digests: set())
    summary = ingest_paths(database, paths, registry, analyser=fake_analyser)
    assert (summary.stored, summary.skipped, summary.failed) == (2, 1, 0)
    assert _counts(database) == (3, 21, 15)


def test_the_real_analyser_on_the_seed_examples(
    database: Database, registry: Registry
) -> None:
    summary = ingest_paths(database, [EXAMPLES], registry)
    assert (summary.stored, summary.failed) == (2, 0)
    assert summary.claims > 30
    with database.session_scope(write=False) as session:
        outlets = session.scalars(select(Article.outlet).order_by(Article.id)).all()
        texts = session.execute(select(Article.text, Claim.start, Claim.end, Claim.text).join(
            Claim, Claim.article_id == Article.id)).all()
    assert outlets == [None, "The Korea Times"]
    assert all(text[start:end] == claim for text, start, end, claim in texts)


@pytest.mark.parametrize("jobs", [1, 2])
def test_killing_an_ingest_leaves_whole_articles(tmp_path: Path, jobs: int) -> None:
    """A real process, stopped with SIGTERM while it writes: every stored article has all its
    sentences and its claims in stories (with worker processes too, which end with it), and
    it says what it kept. SIGKILL at random points: tests/test_fault_injection.py."""
    _write_articles(tmp_path / "in", 1200)  # several chunks: still busy when killed
    db_path = tmp_path / "kill.db"
    with open_database(str(db_path)):
        pass  # migrated here (from the tests' template): the process goes straight to work
    env = {**os.environ, "VERIFIER_DB": str(db_path)}
    process = subprocess.Popen(
        [sys.executable, "-m", "verifier", "ingest", str(tmp_path / "in"), "--jobs", str(jobs)],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )
    stored = 0
    watcher = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True, timeout=5)
    try:  # a plain read-only count: the polling takes little from the process it watches
        # No deadline to tune to the machine's load: it stores 20 of its 1200 articles, or
        # it ends (and the test fails below); either comes, however slowly.
        while process.poll() is None and stored < 20:
            time.sleep(0.05)
            stored = watcher.execute("SELECT count(*) FROM articles").fetchone()[0]
    finally:
        watcher.close()
    process.send_signal(signal.SIGTERM)
    _, stderr = process.communicate(timeout=600)  # a hang guard only
    assert stored >= 20, f"the ingest ended before it was stopped: {stderr.decode()[-2000:]}"
    with open_database(str(db_path), create=False) as database:
        articles, claims, _ = _counts(database)
        with database.session_scope(write=False) as session:
            per_article = session.execute(
                select(Claim.article_id, func.count()).group_by(Claim.article_id)
            ).all()
    assert articles >= 20
    assert len(per_article) == articles
    expected = {count for _, count in per_article}
    assert len(expected) == 1, f"articles with partial claims: {per_article}"
    assert claims == articles * expected.pop()
    with database.session_scope(write=False) as session:
        ungrouped = session.scalar(
            select(func.count()).select_from(Claim).where(
                Claim.is_claim.is_(True), ~Claim.id.in_(select(StoryClaim.claim_id))
            )
        )
    assert ungrouped == 0, "stored claims left out of stories"
    message = stderr.decode()
    assert process.returncode == 130, message[-2000:]
    assert f"kept {articles} articles stored with their claims grouped" in message
    assert "of the 1200 articles found were not stored" in message


#: ``verifier`` in a process that signals itself (``{signum}``) on first importing
#: ``{module}``. Ctrl-C is given Python's own handler first, as a terminal's process has it:
#: a suite started as a background job (``make test &``) passes its children SIGINT ignored.
SIGNAL_AT_IMPORT = """
import os, signal, sys
signal.signal(signal.SIGINT, signal.default_int_handler)

class Stop:
    def find_spec(self, name, path=None, target=None):
        if name == {module!r} and sys.meta_path[0] is self:
            sys.meta_path.remove(self)
            os.kill(os.getpid(), {signum})
        return None

sys.meta_path.insert(0, Stop())
from verifier.cli import main
sys.argv[0] = "verifier"
main()
"""


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
@pytest.mark.parametrize("module", ["typer", "verifier.registry"])
def test_a_signal_while_an_ingest_starts_is_a_clean_exit(
    tmp_path: Path, signum: int, module: str,
) -> None:
    """SIGTERM or Ctrl-C while the process loads its modules (Typer's, before any command
    runs; the registry's, inside ``ingest`` before its own handler): exit 130 and one line,
    no traceback, and the database as it was. The moment is fixed by the process itself
    (it signals itself on that import), not guessed with a sleep."""
    _write_articles(tmp_path / "in", 3)
    db_path = tmp_path / "start.db"
    with open_database(str(db_path)):
        pass
    code = SIGNAL_AT_IMPORT.format(module=module, signum=int(signum))
    process = subprocess.run(
        [sys.executable, "-c", code, "ingest", str(tmp_path / "in"), "--db", str(db_path)],
        capture_output=True, timeout=600, check=False,
    )
    message = process.stderr.decode()
    assert process.returncode == 130, message
    assert "Traceback" not in message
    assert message == "verifier: interrupted\n"
    with open_database(str(db_path), create=False) as database:
        assert _counts(database) == (0, 0, 0)


def test_a_forked_worker_ends_on_sigterm_before_its_own_handlers() -> None:
    """A worker forked while the ingest's handler is installed keeps it until its
    initializer runs: SIGTERM then ends it as by default (no KeyboardInterrupt traceback,
    never deferred, even if forked inside a chunk's write), and Ctrl-C is ignored there."""
    from verifier.ingest.pipeline import Interrupts

    interrupts = Interrupts()
    interrupts.depth = 1  # forked while a chunk was being written
    pid = os.fork()
    if pid == 0:  # the worker
        try:
            interrupts.handler(signal.SIGINT, None)  # ignored: the parent's to handle
            interrupts.handler(signal.SIGTERM, None)  # ends this process
        finally:
            os._exit(3)  # reached only if SIGTERM did not end it
    _, status = os.waitpid(pid, 0)
    assert os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGTERM
    assert not interrupts.pending
    with pytest.raises(KeyboardInterrupt):  # in this process: as before
        Interrupts().handler(signal.SIGTERM, None)


def test_cli_ingest_summary_exit_codes_and_outlet_check(tmp_path: Path) -> None:
    runner = CliRunner()
    db = tmp_path / "cli.db"
    (tmp_path / "bad.txt").write_bytes(b"")
    result = runner.invoke(app, ["ingest", str(EXAMPLES), "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert "Stored 2 articles" in result.output
    result = runner.invoke(app, ["ingest", str(EXAMPLES), str(tmp_path / "bad.txt"), "--db",
                                 str(db), "--json"])
    assert result.exit_code == 1
    assert '"skipped": 2' in result.stdout and '"failed": 1' in result.stdout
    assert "bad.txt: file is empty" in result.stderr
    fresh = tmp_path / "fresh.db"
    result = runner.invoke(app, ["ingest", str(EXAMPLES), "--db", str(fresh),
                                 "--outlet", "daily-planet"])
    assert result.exit_code == 2 and "unknown outlet" in result.stderr  # a bad option value
    assert not fresh.exists()
    result = runner.invoke(app, ["ingest", str(EXAMPLES), "--db", str(fresh),
                                 "--published", "yesterday"])
    assert result.exit_code == 2 and "--published" in result.stderr
    result = runner.invoke(app, ["ingest", str(EXAMPLES), "--db", str(tmp_path / "no" / "x.db")])
    assert result.exit_code == 5 and "does not exist" in result.stderr


@pytest.mark.parametrize("group", [True, False])
def test_ingest_groups_new_claims_into_stories(
    database: Database, registry: Registry, group: bool
) -> None:
    from verifier.store.models import StoryClaim

    ingest_paths(database, [EXAMPLES / "kim-beijing.md"], registry, group_stories=group)
    with database.session_scope(write=False) as session:
        grouped = session.scalar(select(func.count()).select_from(StoryClaim)) or 0
    assert (grouped > 0) is group


def test_ingest_leaves_the_query_planner_statistics_current(
    sqlite_url: str, registry: Registry, tmp_path: Path
) -> None:
    paths = _write_articles(tmp_path / "in", 3)
    with open_database(sqlite_url) as database:
        ingest_paths(database, paths, registry, analyser=fake_analyser, group_stories=False)
        with database.engine.connect() as connection:
            stat = connection.exec_driver_sql(
                "SELECT stat FROM sqlite_stat1 WHERE idx = 'ix_claims_status_id'"
            ).scalar()
    assert stat is not None and stat.split()[0] == "21"


def test_ingest_eases_the_collector_and_restores_it(
    database: Database, registry: Registry, tmp_path: Path
) -> None:
    import gc

    from verifier.ingest.pipeline import INGEST_GC_THRESHOLD as YOUNG

    _write_articles(tmp_path / "in", 3)
    threshold = gc.get_threshold()
    during: list[tuple[int, int]] = []
    ingester = Ingester(database, registry, analyser=fake_analyser, chunk_size=1)
    summary = ingester.run(iter_articles([tmp_path / "in"]),
                           lambda _: during.append((gc.get_freeze_count(), gc.get_threshold()[0])))
    assert summary.stored == 3
    # frozen once the first chunk is stored; the young generation scanned less often
    assert during[0] == (0, YOUNG) and all(f > 0 and t == YOUNG for f, t in during[1:])
    assert gc.get_freeze_count() == 0 and gc.get_threshold() == threshold


def test_ingest_leaves_a_callers_frozen_objects_to_the_caller(
    database: Database, registry: Registry, tmp_path: Path
) -> None:
    import gc

    _write_articles(tmp_path / "in", 3)
    during: list[int] = []
    ingester = Ingester(database, registry, analyser=fake_analyser, chunk_size=1)
    gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        summary = ingester.run(iter_articles([tmp_path / "in"]),
                               lambda _: during.append(gc.get_freeze_count()))
        after = gc.get_freeze_count()
    finally:
        gc.unfreeze()
    # nothing more frozen while ingesting (frozen objects that die leave the count: it only
    # falls), and the caller's objects stay frozen after it
    assert summary.stored == 3 and len(during) == 3
    assert all(count <= frozen for count in during) and 0 < after <= frozen
