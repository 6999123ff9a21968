"""The desk at scale: story summaries kept in the database, the paginated story list, the
streamed report over a selection, and reads through the stdlib driver answering like
SQLAlchemy."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.report_helpers import reviewed_db
from verifier import demo
from verifier.cli import app

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def desk(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, demo.DemoStories]:
    """The demo database (two seed articles, Kim's story confirmed, Ban's refuted) plus an
    unreviewed article of my own."""
    folder = tmp_path_factory.mktemp("desk")
    db, stories = reviewed_db(folder, "desk.db")
    extra = folder / "extra.md"
    extra.write_text(
        "---\ntitle: Port strike\npublished: 2024-03-02\n---\n"
        "Dock workers in Busan walked off the job on Monday, the union said.\n"
        "The strike could last a week, according to a union official who asked not to be "
        "named.\nThe port authority declined to comment on the strike.\n",
        encoding="utf-8",
    )
    assert _run("ingest", str(extra), "--db", db)[0] == 0
    return db, stories


def _run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.output


def _json(*args: str) -> object:
    code, output = _run(*args, "--json")
    assert code == 0, output
    return json.loads(output)


def _fresh(db: str) -> dict[int, dict[str, object]]:
    """Every story as computed now from its evidence (``stories show``)."""
    rows = _json("stories", "list", "--min-claims", "0", "--limit", "1000", "--db", db)
    assert isinstance(rows, list)
    shown = {}
    for row in rows:
        view = _json("stories", "show", str(row["id"]), "--db", db)
        assert isinstance(view, dict)
        shown[row["id"]] = {"stored": row, "fresh": view}
    return shown


def _record(view: object) -> str | None:
    """The track record a story's reliability term reads (its strongest source)."""
    assert isinstance(view, dict)
    for contribution in view["contributions"]:
        if contribution["factor"] == "reliability":
            return str(contribution["reason"]).rsplit(": reliability", 1)[0]
    return None


def _assert_current(db: str) -> None:
    for story_id, pair in _fresh(db).items():
        stored, fresh = pair["stored"], pair["fresh"]
        assert isinstance(stored, dict) and isinstance(fresh, dict)
        assert stored["score"] == fresh["score"], story_id
        assert stored["status"] == fresh["status"], story_id
        assert stored["claims"] == len(fresh["claims"]), story_id  # type: ignore[arg-type]
        assert stored["articles"] == len(fresh["articles"]), story_id  # type: ignore[arg-type]


def test_the_stored_summaries_match_the_stories(desk: tuple[str, demo.DemoStories]) -> None:
    db, _ = desk
    _assert_current(db)


def test_edits_and_verdicts_keep_the_summaries_current(
    desk: tuple[str, demo.DemoStories], tmp_path: Path
) -> None:
    source, stories = desk
    db = str(tmp_path / "copy.db")
    Path(db).write_bytes(Path(source).read_bytes())
    big = _json("stories", "show", str(stories.ban), "--db", db)
    assert isinstance(big, dict)
    claims = [str(c["claim_id"]) for c in big["claims"]]
    code, output = _run("stories", "split", str(stories.ban), claims[0], "--db", db)
    assert code == 0, output
    new_id = output.split()[-1]
    _assert_current(db)
    code, output = _run("stories", "merge", str(stories.kim), new_id, "--status", "confirmed",
                        "--evidence", "kept", "--by", "tester", "--db", db)
    assert code == 0, output
    _assert_current(db)
    code, output = _run("stories", "retract", str(stories.kim), "--evidence", "oops",
                        "--by", "tester", "--db", db)
    assert code == 0, output
    code, output = _run("stories", "rescore", "--db", db)
    assert code == 0, output
    _assert_current(db)


def test_a_verdict_moves_other_stories_scores_through_track_records(
    desk: tuple[str, demo.DemoStories], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Marking one story changes its sources' track records: the other stories citing them
    keep their previous score (and the list says so) until rescored, then match."""
    import verifier.cli.output

    source, stories = desk
    db = str(tmp_path / "copy.db")
    Path(db).write_bytes(Path(source).read_bytes())
    shown = _fresh(db)
    before = {s: pair["stored"] for s, pair in shown.items()}
    # an open story whose strongest source another story also rests on (found from the data)
    records = {s: _record(pair["fresh"]) for s, pair in shown.items()}
    others = [s for s in before if s not in (stories.ban, stories.kim) and records[s]
              and any(records[t] == records[s] for t in before if t != s)]
    assert others
    monkeypatch.setattr(verifier.cli.output, "REFRESH_BUDGET_S", 0.0)
    code, output = _run("stories", "mark", str(others[0]), "confirmed", "--evidence",
                        "a statement on record", "--by", "tester", "--db", db)
    assert code == 0, output
    code, output = _run("stories", "list", "--min-claims", "1", "--db", db)
    assert code == 0
    awaiting = "show their previous score until rescored" in output
    stale = _fresh(db)
    moved = [s for s, pair in stale.items()
             if pair["stored"]["score"] != pair["fresh"]["score"]]  # type: ignore[index]
    assert moved and awaiting  # the verdict moved other stories, and the list says so
    assert stale[others[0]]["stored"]["status"] == "confirmed"  # type: ignore[index]
    code, output = _run("stories", "rescore", "--db", db)
    assert code == 0, output
    _assert_current(db)
    code, output = _run("stories", "list", "--db", db)
    assert "until rescored" not in output


def test_stories_list_pages_sorts_filters_and_says_what_is_hidden(
    desk: tuple[str, demo.DemoStories],
) -> None:
    db, stories = desk
    everything = _json("stories", "list", "--min-claims", "1", "--limit", "1000", "--db", db)
    assert isinstance(everything, list) and len(everything) >= 3
    scores = [row["score"] for row in everything]
    assert scores == sorted(scores, reverse=True)
    first = _json("stories", "list", "--min-claims", "1", "--limit", "2", "--db", db)
    second = _json("stories", "list", "--min-claims", "1", "--limit", "2", "--offset", "2",
                   "--db", db)
    assert first + second == everything[:4]  # type: ignore[operator]
    by_size = _json("stories", "list", "--min-claims", "1", "--sort", "size", "--db", db)
    assert isinstance(by_size, list)
    assert [r["claims"] for r in by_size] == sorted((r["claims"] for r in by_size),
                                                    reverse=True)
    refuted = _json("stories", "list", "--status", "refuted", "--min-claims", "1", "--db", db)
    assert [r["id"] for r in refuted] == [stories.ban]  # type: ignore[union-attr,index]
    # by status: the reviewed first, then the open ones from the best supported, each
    # status best scored first (not the statuses' alphabet: "contested" before "corroborated")
    by_status = _json("stories", "list", "--min-claims", "1", "--sort", "status",
                      "--limit", "1000", "--db", db)
    assert isinstance(by_status, list) and len(by_status) == len(everything)
    rank = {s: n for n, s in enumerate(("confirmed", "refuted", "disputed", "corroborated",
                                        "unconfirmed", "contested"))}
    keys = [(rank[r["status"]], -r["score"]) for r in by_status]
    assert keys == sorted(keys) and by_status[0]["reviewed"], by_status
    open_ones = _json("stories", "list", "--status", "unverified", "--min-claims", "1",
                      "--db", db)
    assert isinstance(open_ones, list)
    assert all(not r["reviewed"] for r in open_ones) and stories.ban not in [
        r["id"] for r in open_ones]
    singles = sum(1 for r in everything if r["claims"] == 1)
    code, output = _run("stories", "list", "--db", db)
    assert code == 0
    if singles:
        assert f"{singles} one-claim stories hidden (--min-claims 1 shows them)" in output
    code, output = _run("stories", "list", "--csv", "--min-claims", "1", "--db", db)
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(output)))
    assert [int(r["id"]) for r in rows] == [r["id"] for r in everything][:50]
    code, output = _run("stories", "list", "--sort", "nonsense", "--db", db)
    assert code == 2 and "unknown sort" in output
    code, output = _run("stories", "list", "--status", "maybe", "--db", db)
    assert code == 2 and "unknown status" in output


def test_report_all_covers_a_bounded_selection(desk: tuple[str, demo.DemoStories]) -> None:
    db, stories = desk
    reviewed = _report(db)
    assert {s["id"] for s in reviewed["stories"]} == {stories.ban, stories.kim}
    assert "reviewed stories" in reviewed["scope"]
    every = _report(db, "--all-stories", "--min-claims", "1")
    assert len(every["stories"]) > len(reviewed["stories"])
    assert reviewed["stories"] == [s for s in every["stories"]
                                   if s["id"] in (stories.ban, stories.kim)]
    dated = _report(db, "--since", "2024-03-01", "--until", "2024-03-31", "--min-claims", "1")
    titles = {a["title"] for a in dated["articles"]}
    assert "Port strike" in titles
    none = _report(db, "--since", "1990-01-01", "--until", "1990-01-02")
    assert none["stories"] == [] and none["articles"] == []
    code, output = _run("report", "--all-stories", "--story", str(stories.ban), "--db", db)
    assert code == 2 and "cannot be combined" in output


def _report(db: str, *args: str) -> dict:  # type: ignore[type-arg]
    code, output = _run("report", "--format", "json", *args, "--db", db)
    assert code == 0, output
    return json.loads(output)  # type: ignore[no-any-return]


def test_the_streamed_report_is_the_report(desk: tuple[str, demo.DemoStories]) -> None:
    from verifier.report.html import html_parts, render_html
    from verifier.report.jsonout import render_json
    from verifier.report.markdown import render_markdown
    from verifier.report.model import Selection, build_report
    from verifier.scoring.weights import load_weights
    from verifier.store.reading import open_reader

    db, _ = desk
    with open_reader(db) as rows:
        report = build_report(rows, load_weights(), selection=Selection(1, all_stories=True))
        assert json.loads(render_json(report)) == json.loads(json.dumps(report.to_dict()))
        assert render_json(report) == json.dumps(report.to_dict(), ensure_ascii=False,
                                                 indent=2) + "\n"
        parts = list(html_parts(report))
        assert len(parts) >= len(report.stories) + len(report.articles)
        assert "".join(parts) == render_html(report)
        assert render_markdown(report).count("### Story") == len(report.stories)
        # the terminal's report, which does not show them, leaves out the matched claims
        plain = build_report(rows, load_weights(), selection=Selection(1, all_stories=True),
                             matches=False)
        # (the demo's unreviewed claims match only their own stories' verdicts, which a
        # report does not list: test_factchecks has a report's fact-check matches)
        assert plain.past_verdicts == ()
        assert {**plain.to_dict(), "generated_at": None} == {
            **report.to_dict(), "past_verdicts": [], "generated_at": None}


def test_the_stdlib_reads_answer_like_sqlalchemy(desk: tuple[str, demo.DemoStories]) -> None:
    from verifier.report.model import build_report
    from verifier.scoring.weights import load_weights
    from verifier.store.claims import get_claim
    from verifier.store.database import open_database
    from verifier.store.reading import SessionRows, SqliteRows, open_reader
    from verifier.store.source_reads import source_stats
    from verifier.store.stories import StoryQuery, story_page
    from verifier.stories.view import get_story

    db, stories = desk
    weights = load_weights()
    with open_reader(db) as fast:
        assert isinstance(fast, SqliteRows)
        with open_database(db) as database, database.session_scope(write=False) as session:
            slow = SessionRows(session)
            for story_id in (stories.ban, stories.kim):
                assert get_story(fast, story_id, weights) == get_story(slow, story_id, weights)
                assert get_story(session, story_id, weights).to_dict() == get_story(
                    fast, story_id, weights).to_dict()
                assert (build_report(fast, weights, story_id=story_id).to_dict()["stories"]
                        == build_report(slow, weights, story_id=story_id).to_dict()["stories"])
            for claim_id in (1, 5, 9):
                assert get_claim(fast, claim_id) == get_claim(slow, claim_id)
            assert source_stats(fast, "yonhap") == source_stats(slow, "yonhap")
            query = StoryQuery(min_claims=1, sort="status")
            assert story_page(fast, query) == story_page(slow, query)


def test_the_columns_file_is_generated_from_the_models() -> None:
    from verifier.store.tables import columns_module

    path = ROOT / "verifier" / "store" / "columns.py"
    assert path.read_text(encoding="utf-8") == columns_module(), (
        "run `python -m verifier.store.tables` to regenerate verifier/store/columns.py")


def test_a_row_type_must_name_real_columns() -> None:
    from typing import NamedTuple

    from verifier.store.reading import select_list

    class Wrong(NamedTuple):
        id: int
        no_such_column: str

    with pytest.raises(KeyError, match="no_such_column"):
        select_list(Wrong, "claims")


def test_a_filtered_story_page_is_the_same_whichever_way_it_is_read(
    desk: tuple[str, demo.DemoStories], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Few matches are read through the filter's index and sorted, many by walking the
    sort's index: both give the page a plain filter-and-sort of every story gives."""
    from datetime import date

    from verifier.store import stories as store
    from verifier.store.reading import open_reader

    db, _ = desk
    shown = {
        "unverified": lambda r: r.evidence_status if r.status == "unverified" else r.status}
    keys = {
        "score": lambda r: (-(r.score if r.score is not None else -1e9), -r.id),
        # the reviewed, then the open statuses from the best supported (not alphabetical)
        "status": lambda r: (store.STATUS_ORDER.index(shown["unverified"](r)),
                             -(r.score or 0), -r.id),
        "date": lambda r: (-(r.last_seen.timestamp() if r.last_seen else -1e18), -r.id),
        "size": lambda r: (-r.claims, -r.id),
        "id": lambda r: r.id,
    }
    with open_reader(db) as rows:
        every = store.story_page(rows, store.StoryQuery(min_claims=0, sort="id",
                                                        limit=100_000)).rows
        assert len(every) > 5
        cases = [{}, {"status": "confirmed"}, {"status": "unverified"},
                 {"status": "corroborated"}, {"since": date(2024, 3, 1)},
                 {"until": date(2020, 1, 1)}, {"min_claims": 1, "offset": 2, "limit": 3}]
        for sort in store.SORTS:
            for case in cases:
                query = store.StoryQuery(sort=sort, **case)  # type: ignore[arg-type]
                pages = []
                for sparse in (0, 10**9):
                    monkeypatch.setattr(store, "SPARSE", sparse)
                    pages.append(store.story_page(rows, query))
                assert pages[0] == pages[1], (sort, case)
                wanted = [r for r in every if r.claims >= query.min_claims
                          and (query.status is None or shown["unverified"](r) == query.status
                               or (query.status == "unverified" and r.status == "unverified"))
                          and (query.since is None or (r.last_seen and r.last_seen.date()
                                                       >= query.since))
                          and (query.until is None or (r.first_seen and r.first_seen.date()
                                                       <= query.until))]
                wanted.sort(key=keys[sort])
                got = pages[0]
                assert got.total == len(wanted), (sort, case)
                assert [r.id for r in got.rows] == [
                    r.id for r in wanted[query.offset:query.offset + query.limit]], (sort, case)


def test_report_matching_and_track_records_agree_on_either_backend(
    db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The batched reads of a report (its unreviewed claims, matched against past verdicts
    a batch at a time; the verdicts counted for track records) give what the one-claim
    reads give, on SQLite and PostgreSQL, and the report is the SQLite file's."""
    from verifier.report.model import Selection, build_report
    from verifier.scoring.weights import load_weights
    from verifier.store.claims import unreviewed_claims_of_articles
    from verifier.store.database import open_database
    from verifier.store.reading import SessionRows
    from verifier.store.trackrecords import latest_verdicts, standing_verdicts
    from verifier.stories.matching import Matcher, past_verdicts, with_roles

    demo.run(db_url)
    file_db, _ = reviewed_db(tmp_path, "file.db")
    capsys.readouterr()
    weights = load_weights()

    def timeless(value: object) -> object:  # the demos ran at different times
        if isinstance(value, dict):
            return {k: timeless(v) for k, v in value.items()
                    if k not in ("generated_at", "created_at")}
        return [timeless(v) for v in value] if isinstance(value, list) else value

    def report_of(rows: SessionRows) -> object:
        return timeless(build_report(rows, weights,
                                     selection=Selection(1, all_stories=True)).to_dict())

    with open_database(db_url, create=False) as database, \
            database.session_scope(write=False) as session:
        rows = SessionRows(session)
        article_ids = [a for (a,) in rows.all("SELECT id FROM articles ORDER BY id")]
        unreviewed = unreviewed_claims_of_articles(rows, article_ids)
        assert unreviewed == [(c, t) for (c, t) in rows.all(
            "SELECT claims.id, claims.text FROM claims JOIN articles ON articles.id = "
            "claims.article_id WHERE claims.is_claim = :yes AND claims.status = 'unverified' "
            "ORDER BY articles.id, claims.position", {"yes": True})]
        one_by_one = {c: past_verdicts(rows, c, limit=10) for c, _ in unreviewed}
        assert any(one_by_one.values())
        few = Matcher(rows, many=False)
        assert {c: with_roles(rows, c, few.matches(c, limit=10))
                for c, _ in unreviewed} == one_by_one
        batched = Matcher(rows)
        batched.prefetch([c for c, _ in unreviewed])
        assert {c: with_roles(rows, c, batched.matches(c, limit=10))
                for c, _ in unreviewed} == one_by_one
        stories, claims = standing_verdicts(rows)
        assert latest_verdicts(rows) == (
            {s: v.status for s, v in stories.items()},
            {c: v.status for c, v in claims.items() if v.story_id is None})
        assert stories
        mine = report_of(rows)
    with open_database(file_db, create=False) as database, \
            database.session_scope(write=False) as session:
        assert report_of(SessionRows(session)) == mine
