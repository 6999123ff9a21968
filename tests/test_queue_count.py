"""The desk's queue says how many claims its filters select when counting is cheap: exactly
up to a cap ("of 12 matching the filters"), "more than" past it, and nothing more than the
page when counting would take longer than its budget (the page never waits for it)."""

from __future__ import annotations

import re
import sqlite3

import pytest
from sqlalchemy import func, select

from tests.test_web import client_for, query
from verifier.store.bounded import within
from verifier.store.claims import count_claims
from verifier.store.database import open_database
from verifier.store.models import Claim
from verifier.store.queue_sql import ClaimFilter
from verifier.store.reading import SqliteRows


def _count(page: str) -> str:
    found = re.search(r'<p class="count">(.*?)</p>', page)
    assert found, page[:500]
    return found.group(1)


def test_the_queue_counts_what_its_filters_select(desk: str,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    client = client_for(desk, "viewer")
    total = query(desk, select(func.count()).select_from(Claim).where(Claim.is_claim))[0][0]
    assert isinstance(total, int) and total > 4
    assert _count(client.get("/queue?status=any&limit=200").text) == f"{total} claims."
    assert _count(client.get("/queue?status=any&limit=2").text) == (
        f"2 claims of {total} matching the filters.")
    assert _count(client.get("/queue?status=any&limit=2&offset=2").text) == (
        f"2 claims from #3 of {total} matching the filters.")
    declined = client.get("/queue?status=any&sourcing=declined&limit=200").text
    assert _count(declined) == "1 claim."
    monkeypatch.setattr("verifier.store.claims.COUNT_CAP", 3)  # past the cap: "more than"
    assert _count(client.get("/queue?status=any&limit=2").text) == (
        "2 claims of more than 3 matching the filters.")
    monkeypatch.setattr("verifier.store.bounded.within", lambda *args: None)  # too slow
    assert _count(client.get("/queue?status=any&limit=2").text) == (
        "2 claims (more on the next page).")


def test_count_claims_matches_the_list_and_stops_at_its_cap(desk: str) -> None:
    with open_database(desk, create=False) as database, \
            database.session_scope(write=False) as session:
        for claim_filter in (ClaimFilter(status="any"), ClaimFilter(),
                             ClaimFilter(status="any", sourcing="official"),
                             ClaimFilter(status="any", search="ferry")):
            listed = len(_all(session, claim_filter))
            assert count_claims(session, claim_filter) == listed, claim_filter
        assert count_claims(session, ClaimFilter(status="any"), cap=2) == 3


def _all(session: object, claim_filter: ClaimFilter) -> list[object]:
    from dataclasses import replace

    from verifier.store.claims import list_claims

    return list(list_claims(session, replace(claim_filter, limit=100_000)))  # type: ignore[arg-type]


def test_a_read_past_its_budget_is_given_up_and_the_connection_goes_on() -> None:
    connection = sqlite3.connect(":memory:")
    endless = ("WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n) "
               "SELECT count(*) FROM (SELECT x FROM n LIMIT 1000000000)")
    assert within(SqliteRows(connection), endless, {}, 0.02) is None
    assert connection.execute("SELECT 1").fetchall() == [(1,)]  # no handler left behind
    assert within(SqliteRows(connection), "SELECT 2", {}, 0.02) == [(2,)]


def test_a_read_past_its_budget_is_given_up_on_either_backend(db_url: str) -> None:
    from verifier.store.reading import SessionRows

    slow = ("SELECT count(*) FROM (SELECT 1 FROM (WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL "
            "SELECT x + 1 FROM n) SELECT x FROM n LIMIT 200000000) AS xs) AS counted")
    with open_database(db_url, create=True) as database, \
            database.session_scope(write=False) as session:
        rows = SessionRows(session)
        assert within(rows, slow, {}, 0.05) is None
        assert within(rows, "SELECT 2", {}, 0.05) == [(2,)]
        assert rows.all("SELECT count(*) FROM claims") == [(0,)]  # the transaction goes on
        assert count_claims(session, ClaimFilter(status="any")) == 0
