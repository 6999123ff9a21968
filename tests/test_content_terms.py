"""A reviewed claim's content terms and stems kept with its verdict (``claims.content_terms``,
``reviewed_stems``, migration 0014): what matching finds and compares candidates by instead
of testing and working them out, the same counter in the same order, so every match is the
same with them kept or not. Invented sentences."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import delete, select, update
from typer.testing import CliRunner

from tests.conftest import sample_analysis
from verifier.cli import app
from verifier.registry import Registry
from verifier.store import add_verdict, save_article
from verifier.store import database as dbmod
from verifier.store.corrections import SourcingLabel, add_correction
from verifier.store.database import open_database
from verifier.store.models import Claim, ReviewedStem
from verifier.store.past_reads import source_spans
from verifier.store.reading import SessionRows
from verifier.stories.matching import (
    Matcher,
    candidate_stems,
    content,
    packed_content,
    past_verdicts,
    terms_of,
)
from verifier.stories.terms import unpack

ATTRIBUTED = "The foreign ministry said on Monday that talks would resume in May."

#: Invented articles: two reviewed claims (one attributed), and a later one restating both.
ARTICLES = {
    "terminal.md": "---\ntitle: Ferry terminal\npublished: 2024-05-02\n---\n"
    "The Vestby city council approved a new ferry terminal for Lake Morrow on Monday, the "
    "mayor of Vestby said.\n",
    "mine.md": "---\ntitle: Copper mine\npublished: 2024-05-03\n---\n"
    "Orlan Mining said its Kessit copper mine would reopen in June after the flooding.\n",
    "later.md": "---\ntitle: Week in review\npublished: 2024-05-09\n---\n"
    "The new ferry terminal for Lake Morrow was approved by the Vestby city council on "
    "Monday.\n\nThe Kessit copper mine of Orlan Mining will reopen in June after the "
    "flooding, the company said.\n",
}


def _kept(session: object, claim_id: int) -> str | None:
    return session.scalar(select(Claim.content_terms).where(Claim.id == claim_id))  # type: ignore[attr-defined, no-any-return]


def _claim(session: object, text: str) -> int:
    found = session.scalar(select(Claim.id).where(Claim.text == text))  # type: ignore[attr-defined]
    assert found is not None
    return int(found)


def test_a_verdict_keeps_the_content_terms_in_the_tokenisers_order(
    sqlite_url: str, registry: Registry
) -> None:
    with open_database(sqlite_url) as database, database.session_scope() as session:
        save_article(session, sample_analysis(), registry=registry)
        claim_id = _claim(session, ATTRIBUTED)
        assert _kept(session, claim_id) is None  # not at ingest: only reviewed claims
        add_verdict(session, claim_id=claim_id, status="confirmed", evidence="e", reviewer="r")
        kept = _kept(session, claim_id)
        row = session.get_one(Claim, claim_id)
        spans = source_spans(session, [claim_id])[claim_id]
        worked_out = terms_of(content(row.text, row.start, spans))
    assert kept is not None and kept == packed_content(row.text, row.start, spans)
    assert list(unpack(kept).items()) == list(worked_out.items())
    assert "W:talk" in unpack(kept) and not {"N:foreign", "W:foreign", "N:ministry",
                                              "W:ministry"} & set(unpack(kept))


def test_a_correction_of_its_sourcing_drops_the_kept_terms(
    sqlite_url: str, registry: Registry
) -> None:
    with open_database(sqlite_url) as database, database.session_scope() as session:
        save_article(session, sample_analysis(), registry=registry)
        claim_id = _claim(session, ATTRIBUTED)
        add_verdict(session, claim_id=claim_id, status="refuted", evidence="e", reviewer="r")
        assert _kept(session, claim_id) is not None
        add_correction(session, claim_id, claim=True, certainty="certain",
                       sourcing=[SourcingLabel("unnamed", "")], reviewer="r",
                       registry=registry)
        assert _kept(session, claim_id) is None


def _run(*args: str) -> None:
    result = CliRunner().invoke(app, list(args))
    assert result.exit_code == 0, result.output


def _matches(rows: SessionRows, later: list[int]) -> list[object]:
    """Every way of matching: one claim at a time, told of the claims first, many."""
    alone = [past_verdicts(rows, c, limit=10) for c in later]
    told = Matcher(rows, many=False)
    told.expect(later)
    many = Matcher(rows, many=True)
    return [alone, [told.matches(c, limit=10) for c in later],
            [many.matches(c, limit=10) for c in later]]


def test_matches_read_the_kept_terms_and_equal_those_worked_out(tmp_path: Path) -> None:
    db = str(tmp_path / "m.db")
    for name, text in ARTICLES.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
        _run("ingest", str(tmp_path / name), "--db", db)
    with open_database(db, create=False) as database, \
            database.session_scope(write=False) as session:
        claims = dict(session.execute(select(Claim.id, Claim.text)).all())
    reviewed = [c for c, t in claims.items() if "approved a" in t
                or t.startswith("Orlan")]
    later = sorted(set(claims) - set(reviewed))
    assert len(reviewed) == 2 and len(later) >= 2
    for claim_id in reviewed:
        _run("claims", "mark", str(claim_id), "refuted", "--evidence", "checked", "--by", "t",
             "--db", db)
    with open_database(db, create=False) as database:
        with database.session_scope(write=False) as session:
            kept = _matches(SessionRows(session), later)
            assert all(_kept(session, c) for c in reviewed)
            stems = session.execute(select(ReviewedStem.claim_id, ReviewedStem.stem)).all()
            assert {c for c, _ in stems} == set(reviewed)
            assert {s for c, s in stems if c == reviewed[0]} == candidate_stems(
                claims[reviewed[0]], session.get_one(Claim, reviewed[0]).terms)
        assert sum(len(m) for m in kept[0]) == 2  # each later claim matches one
        with database.session_scope() as session:  # not indexed: found by their terms
            session.execute(delete(ReviewedStem))
            session.execute(update(Claim).values(content_terms=None))
        with database.session_scope(write=False) as session:
            assert _matches(SessionRows(session), later) == kept  # worked out: the same
        with database.session_scope() as session:  # said to be indexed, but no stems: the
            session.execute(update(Claim).where(Claim.id.in_(reviewed))  # index is read
                            .values(content_terms="W:ferry W:copper"))
        with database.session_scope(write=False) as session:
            assert _matches(SessionRows(session), later)[0] == [[]] * len(later)
        with database.session_scope() as session:  # kept terms sharing nothing: no match
            session.execute(update(Claim).where(Claim.id.in_(reviewed))
                            .values(content_terms="W:unrelated"))
        with database.session_scope(write=False) as session:
            assert _matches(SessionRows(session), later) == [[[]] * len(later)] * 3


@pytest.mark.usefixtures("real_migrations")
def test_migration_0014_backfills_the_reviewed_claims(db_url: str, registry: Registry) -> None:
    with dbmod.open_database(db_url) as database:
        with database.session_scope() as session:
            save_article(session, sample_analysis(), registry=registry)
            reviewed = _claim(session, ATTRIBUTED)
            add_verdict(session, claim_id=reviewed, status="confirmed", evidence="e",
                        reviewer="r")
            written = dict(session.execute(select(Claim.id, Claim.content_terms)).all())
            stems = set(session.execute(select(ReviewedStem.claim_id, ReviewedStem.stem)))
        assert written[reviewed] and sum(v is not None for v in written.values()) == 1
        assert stems and {c for c, _ in stems} == {reviewed}
        dbmod.downgrade(database, "0013")
        dbmod.upgrade(database)
        with database.session_scope(write=False) as session:
            assert dict(session.execute(select(Claim.id, Claim.content_terms)).all()) == written
            assert set(session.execute(select(ReviewedStem.claim_id, ReviewedStem.stem))) == stems
