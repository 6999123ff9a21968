"""``Matcher.expect`` (a story's or an article's claims matched one at a time, their names
read once): the same matches as one claim at a time, also for a claim it was not told of."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from verifier.cli import app
from verifier.store.database import open_database
from verifier.store.reading import SessionRows
from verifier.stories.matching import Matcher, past_verdicts

#: Invented articles: two reviewed claims, and a later article restating both.
ARTICLES = {
    "terminal.md": "---\ntitle: Ferry terminal\npublished: 2024-05-02\n---\n"
    "The Vestby city council approved a new ferry terminal for Lake Morrow on Monday, the "
    "mayor said.\n",
    "mine.md": "---\ntitle: Copper mine\npublished: 2024-05-03\n---\n"
    "Orlan Mining said its Kessit copper mine would reopen in June after the flooding.\n",
    "later.md": "---\ntitle: Week in review\npublished: 2024-05-09\n---\n"
    "The new ferry terminal for Lake Morrow was approved by the Vestby city council on "
    "Monday.\n\nThe Kessit copper mine of Orlan Mining will reopen in June after the "
    "flooding, the company said.\n",
}


def _run(*args: str) -> None:
    result = CliRunner().invoke(app, list(args))
    assert result.exit_code == 0, result.output


def _claim_ids(rows: SessionRows, compare: str) -> list[int]:
    """The claims of the 'Week in review' article (``=``) or of the others (``<>``)."""
    return [c for (c,) in rows.all(
        "SELECT claims.id FROM claims JOIN articles ON articles.id = claims.article_id "
        f"WHERE articles.title {compare} 'Week in review' AND is_claim = 1 ORDER BY claims.id")]


def test_expecting_claims_gives_the_matches_of_one_claim_at_a_time(tmp_path: Path) -> None:
    db = str(tmp_path / "m.db")
    for name, text in ARTICLES.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
        _run("ingest", str(tmp_path / name), "--db", db)
    with open_database(db, create=False) as database, \
            database.session_scope(write=False) as session:
        rows = SessionRows(session)
        first = _claim_ids(rows, "<>")
    assert len(first) == 2
    for claim_id, status in zip(first, ("refuted", "confirmed"), strict=True):
        _run("claims", "mark", str(claim_id), status, "--evidence", "checked", "--by", "t",
             "--db", db)
    with open_database(db, create=False) as database, \
            database.session_scope(write=False) as session:
        rows = SessionRows(session)
        later = _claim_ids(rows, "=")
        alone = {c: past_verdicts(rows, c, limit=10) for c in later}
        assert [[m.ref for m in alone[c]] for c in later] == [[f"claim:{first[0]}"],
                                                             [f"claim:{first[1]}"]]
        for told in (later, later[:1], later[1:], []):
            matcher = Matcher(rows, many=False)
            matcher.expect(told)
            # the claims it was told of, and the other (other names: every one is read)
            assert {c: matcher.matches(c, limit=10) for c in later} == alone, told
