"""``claims list`` pages at their edges: ``--limit`` 0, 1, exactly the number of claims,
more than it, the largest allowed (100,000: it was refused, the page's look-ahead row
counted against the bound), and ``--offset`` up to and past the end, through the CLI,
the library and the desk's queue, each against the database's own count."""

from __future__ import annotations

import json
import sqlite3

from starlette.testclient import TestClient
from typer.testing import CliRunner

from tests.web_helpers import sign_in
from verifier.cli import app
from verifier.store.claims import list_claims
from verifier.store.database import open_database
from verifier.store.queue_sql import MAX_LIMIT, ClaimFilter
from verifier.web.app import create_app

runner = CliRunner()


def _count(db: str) -> int:
    with sqlite3.connect(db) as connection:
        return int(connection.execute(
            "SELECT count(*) FROM claims WHERE is_claim").fetchone()[0])


def _list(db: str, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["claims", "list", "--db", db, "--status", "any", *args])
    return result.exit_code, result.stdout, result.stderr


def _ids(db: str, *args: str) -> list[int]:
    code, out, err = _list(db, "--json", *args)
    assert code == 0, err
    return [int(row["id"]) for row in json.loads(out)]


def test_limit_edges_against_the_database_count(desk: str) -> None:
    total = _count(desk)
    assert total >= 3
    every = _ids(desk, "--limit", str(MAX_LIMIT))  # the largest allowed: every claim
    assert len(every) == len(set(every)) == total
    assert _ids(desk, "--limit", "1") == every[:1]
    assert _ids(desk, "--limit", str(total)) == every
    assert _ids(desk, "--limit", str(total + 1)) == every
    assert _ids(desk, "--limit", str(total - 1)) == every[:-1]
    for bad in ("0", "-1", str(MAX_LIMIT + 1)):
        code, out, err = _list(desk, f"--limit={bad}")
        assert code == 2 and out == ""
        assert err.strip() == f"verifier: error: --limit must be between 1 and {MAX_LIMIT}"


def test_offset_pages_tile_the_list_and_an_offset_past_the_end_lists_none(desk: str) -> None:
    total = _count(desk)
    every = _ids(desk, "--limit", str(MAX_LIMIT))
    pages = [_ids(desk, "--limit", "2", "--offset", str(start))
             for start in range(0, total, 2)]
    assert [claim for page in pages for claim in page] == every
    assert _ids(desk, "--limit", str(MAX_LIMIT), "--offset", str(total - 1)) == every[-1:]
    assert _ids(desk, "--limit", str(MAX_LIMIT), "--offset", str(total)) == []
    code, _, err = _list(desk, "--offset", "-1")
    assert code == 2 and "--offset must not be negative" in err


def test_the_heading_says_where_the_page_starts_and_whether_more_follow(desk: str) -> None:
    total = _count(desk)
    heading = {args: _list(desk, *args)[1].splitlines()[0] for args in (
        ("--limit", str(total)), ("--limit", str(MAX_LIMIT)),
        ("--limit", str(total - 1)), ("--limit", "1", "--offset", "1"),
        ("--offset", str(total)),
    )}
    assert heading[("--limit", str(total))] == f"{total} claims"  # exactly all: no "more"
    assert heading[("--limit", str(MAX_LIMIT))] == f"{total} claims"
    assert heading[("--limit", str(total - 1))] == (
        f"{total - 1} claims (more with --offset {total - 1})")
    assert heading[("--limit", "1", "--offset", "1")] == "1 claim (from 2; more with --offset 2)"
    # past the end it says so ("0 claims" alone read as an empty queue)
    assert heading[("--offset", str(total))] == (
        f"0 claims (from {total + 1}; the list ends before it)")


def test_the_library_peeks_one_row_past_the_largest_limit(desk: str) -> None:
    total = _count(desk)
    with open_database(desk, create=False) as database, database.session_scope() as session:
        largest = ClaimFilter(status="any", limit=MAX_LIMIT, peek=True)
        largest.validate()  # the look-ahead row is not the caller's limit
        assert len(list_claims(session, largest)) == total
        one = ClaimFilter(status="any", limit=1)
        assert len(list_claims(session, one)) == 1
        assert len(list_claims(session, ClaimFilter(status="any", limit=1, peek=True))) == 2
        exact = ClaimFilter(status="any", limit=total, peek=True)
        assert len(list_claims(session, exact)) == total  # no row past: no next page


def test_the_desk_queue_pages_at_the_same_edges(desk: str) -> None:
    total = _count(desk)
    client = sign_in(TestClient(create_app(desk), raise_server_exceptions=False), "viewer")
    first = client.get("/queue", params={"status": "any", "limit": "25"})
    assert first.status_code == 200
    assert first.text.count('href="/claims/') >= total
    assert "offset=25" not in first.text  # fewer than a page: no next link
    page = client.get("/queue", params={"status": "any", "limit": "25",
                                        "offset": str(total)})
    assert page.status_code == 200 and "offset=25" not in page.text
