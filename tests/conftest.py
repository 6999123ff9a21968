"""Shared fixtures: temporary databases (SQLite always, PostgreSQL when configured), the
packaged registry, and hand-built analyses for storage tests.

Set ``VERIFIER_TEST_DB_URL`` (e.g. ``postgresql+psycopg://postgres@127.0.0.1/verifier_test``)
to run every test that uses ``db_url`` on PostgreSQL as well; each test gets its own schema,
dropped afterwards. Without it those parameters skip with the reason.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest
from hypothesis import settings

from verifier.analysis.results import (
    ArticleAnalysis,
    Attribution,
    CertaintyLabel,
    SentenceAnalysis,
    Span,
)
from verifier.registry import Registry, load_registry

# The property tests draw the same examples on every run (a failure found once is found
# again, and a passing suite stays passing): no random seed, no example database.
settings.register_profile("deterministic", derandomize=True, database=None)
settings.load_profile("deterministic")

TEST_DB_ENV = "VERIFIER_TEST_DB_URL"
PACKAGED_SOURCES = Path(__file__).resolve().parent.parent / "sources.yaml"


_MIGRATIONS = {"real": False}


@pytest.fixture(autouse=True, scope="session")
def migrated_template(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """A new SQLite database starts as a copy of one migrated once per test run (SQLite's
    backup API, into the file ``open_database`` just opened): running the nine migrations
    for every test's fresh database took a third of the suite. The template is built by the
    real migrations; tests of the migrations themselves (``real_migrations``) and every
    database a subprocess or PostgreSQL opens take the real path."""
    import sqlite3

    from verifier.store import database as store_database

    real = store_database.ensure_schema
    template = tmp_path_factory.mktemp("template") / "migrated.db"
    with store_database.open_database(str(template)):
        pass

    def from_template(database: store_database.Database) -> None:
        if (_MIGRATIONS["real"] or not database.is_sqlite or database.revision() is not None
                or database.url.endswith(":memory:")):
            real(database)
            return
        with database.engine.connect() as connection:
            tables = connection.exec_driver_sql(
                "SELECT count(*) FROM sqlite_master WHERE type = 'table'").scalar()
            connection.rollback()  # a backup needs the destination outside a transaction
            if tables:
                real(database)  # not empty: the real check says why it cannot be used
                return
            target = connection.connection.driver_connection
            source = sqlite3.connect(template)
            try:
                source.backup(target)
            finally:
                source.close()

    store_database.ensure_schema = from_template
    yield
    store_database.ensure_schema = real


@pytest.fixture(autouse=True, scope="session")
def parse_cache_in_a_temporary_folder(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Parsed data files and the weights are kept (``verifier.parsecache``,
    ``verifier.scoring.weights_cache``) in a folder of the test session,
    not the user's cache, for in-process commands and subprocesses alike."""
    from verifier.parsecache import CACHE_ENV

    before = os.environ.get(CACHE_ENV)
    os.environ[CACHE_ENV] = str(tmp_path_factory.mktemp("parse-cache"))
    yield
    if before is None:
        os.environ.pop(CACHE_ENV, None)
    else:
        os.environ[CACHE_ENV] = before


@pytest.fixture(autouse=True)
def fresh_consoles() -> None:
    """The CLI's consoles made afresh for each test, as each command line's process makes
    them: a console is sized when it is made, so one made by an earlier test (another
    ``COLUMNS``) would lay out this test's output at that test's width."""
    from verifier.cli.shared import console, err_console

    console.cache_clear()
    err_console.cache_clear()


@pytest.fixture(autouse=True, scope="session")
def registry_parsed_once_per_content() -> Iterator[None]:
    """Every command a test runs in-process reads its registry file as the product does, but
    a file whose bytes were parsed before gives back that parse (a ``Registry`` is never
    changed after it is built): parsing the packaged 700-entry registry again for each of
    the suite's hundred-odd commands took a tenth of its CPU. A changed file, a missing one
    or one that does not validate takes the real path every time."""
    import hashlib

    from verifier import registry as registry_module

    real = registry_module.load_registry
    parsed: dict[tuple[str, bytes], Registry] = {}

    def load_registry(path: Path) -> Registry:
        if not Path(path).is_file():  # a FIFO or a device: the product refuses it unread
            return real(path)
        try:
            key = (str(path), hashlib.sha256(Path(path).read_bytes()).digest())
        except OSError:
            return real(path)
        if key not in parsed:
            parsed[key] = real(path)
        return parsed[key]

    registry_module.load_registry = load_registry
    yield
    registry_module.load_registry = real


@pytest.fixture
def real_migrations() -> Iterator[None]:
    """Fresh databases in this test are migrated for real (tests of the migrations)."""
    _MIGRATIONS["real"] = True
    yield
    _MIGRATIONS["real"] = False


@pytest.fixture
def desk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """The desk's test database (``tests.web_helpers.build_db``: the test articles, their
    stories, one user per role), from a temporary working directory, with the packaged
    registry; returns the --db."""
    from tests.web_helpers import build_db

    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("VERIFIER_SOURCES", raising=False)
    return build_db(tmp_path)


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'verifier.db'}"


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A URL to an empty database: SQLite in tmp_path, or a fresh PostgreSQL schema."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'verifier.db'}"
        return
    base = os.environ.get(TEST_DB_ENV)
    if not base:
        pytest.skip(f"PostgreSQL: set {TEST_DB_ENV} to a postgresql+psycopg:// URL to run")
    from sqlalchemy import create_engine, text

    schema = f"test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(base)
    with admin.begin() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    separator = "&" if "?" in base else "?"
    yield f"{base}{separator}options={quote(f'-csearch_path={schema}')}"
    with admin.begin() as connection:
        connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
    admin.dispose()


@pytest.fixture(scope="session")
def registry() -> Registry:
    return load_registry(PACKAGED_SOURCES)


def span_of(text: str, words: str, after: int = 0) -> Span:
    """The span of ``words`` in ``text`` (first occurrence at or after ``after``)."""
    start = text.index(words, after)
    return Span(words, start, start + len(words))


def sentence(
    text: str,
    body: str,
    index: int,
    *,
    claim: bool = True,
    certainty: str | None = "certain",
    cue: str | None = None,
    attributions: tuple[Attribution, ...] = (),
) -> SentenceAnalysis:
    """A hand-built sentence analysis for ``body``, which must occur in ``text``."""
    start = text.index(body)
    label = None
    if claim and certainty is not None:
        label = CertaintyLabel(
            certainty,  # type: ignore[arg-type]
            span_of(text, cue, start) if cue else None,
            f"test.{certainty}",
        )
    return SentenceAnalysis(
        index=index,
        text=body,
        start=start,
        end=start + len(body),
        claim=claim,
        claim_rule="test.claim" if claim else "test.not_claim",
        certainty=label,
        attributions=attributions,
    )


def attribution(
    text: str, speaker: str, source: str, cue: str, *, stance: str = "asserts"
) -> Attribution:
    return Attribution(
        speaker=speaker,  # type: ignore[arg-type]
        stance=stance,  # type: ignore[arg-type]
        source=span_of(text, source),
        cue=span_of(text, cue),
        rule=f"test.{speaker}.{stance}",
    )


SAMPLE_TEXT = (
    "Ministers meet in Seoul\n"
    "The foreign ministry said on Monday that talks would resume in May. "
    "A senior official is expected to attend, said a government source.\n"
    "Yonhap reported that the meeting could be delayed. "
    "Victor Cha, an analyst, said the plan was sound. "
    "The Unification Ministry declined to comment.\n"
    "Click here to subscribe"
)


def sample_analysis(text: str = SAMPLE_TEXT) -> ArticleAnalysis:
    """A hand-labelled analysis of ``SAMPLE_TEXT`` (or of a text with the same sentences)."""
    t = text
    return ArticleAnalysis(
        text=t,
        sentences=(
            sentence(t, "Ministers meet in Seoul", 0),
            sentence(
                t,
                "The foreign ministry said on Monday that talks would resume in May.",
                1,
                attributions=(attribution(t, "official", "The foreign ministry", "said"),),
            ),
            sentence(
                t,
                "A senior official is expected to attend, said a government source.",
                2,
                certainty="probable",
                cue="is expected to",
                attributions=(attribution(t, "unnamed", "a government source", "said a"),),
            ),
            sentence(
                t,
                "Yonhap reported that the meeting could be delayed.",
                3,
                certainty="possible",
                cue="could",
                attributions=(attribution(t, "media", "Yonhap", "reported"),),
            ),
            sentence(
                t,
                "Victor Cha, an analyst, said the plan was sound.",
                4,
                attributions=(attribution(t, "named", "Victor Cha", "said the plan"),),
            ),
            sentence(
                t,
                "The Unification Ministry declined to comment.",
                5,
                attributions=(
                    attribution(
                        t,
                        "official",
                        "The Unification Ministry",
                        "declined to comment",
                        stance="declines",
                    ),
                ),
            ),
            sentence(t, "Click here to subscribe", 6, claim=False, certainty=None),
        ),
    )


@pytest.fixture
def wide_console(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Rich and the plain writer (``$COLUMNS``) render for a 200-column terminal, so cells
    hold whole phrases."""
    from verifier.cli.shared import console

    monkeypatch.setenv("COLUMNS", "200")
    before = console().width
    console().width = 200
    yield
    console().width = before
