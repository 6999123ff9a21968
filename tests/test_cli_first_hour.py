"""A fact-checker's first hour on the command line: a pasted text ingested, the queue read,
verdicts marked and retracted, sources looked up by the names the reports print. Each test
is a rough edge a first user met (the sentences are ours)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import func, select
from typer.testing import CliRunner

from tests.cli_helpers import run
from tests.db_files import checkpoint, copy_of
from tests.desk_texts import HARBOUR_BRIDGE
from verifier.cli import app
from verifier.store.database import open_database
from verifier.store.models import Verdict

runner = CliRunner()

pytestmark = pytest.mark.usefixtures("wide_console")



@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One pasted article ingested through the CLI, once for the module."""
    folder = tmp_path_factory.mktemp("first-hour")
    text = folder / "bridge.txt"
    text.write_text(HARBOUR_BRIDGE, encoding="utf-8")
    path = folder / "desk.db"
    with pytest.MonkeyPatch.context() as patch:
        patch.delenv("VERIFIER_SOURCES", raising=False)
        code, _, err = run("ingest", str(text), "--db", str(path), "--outlet", "reuters",
                           "--published", "2026-05-04")
    assert code == 0, err
    return checkpoint(path)


@pytest.fixture
def db(built: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.delenv("VERIFIER_SOURCES", raising=False)
    return copy_of(built, tmp_path / "desk.db")


def _claim(db: str, kind: str) -> int:
    code, out, err = run("claims", "list", "--db", db, "--sourcing", kind, "--json")
    assert code == 0, err
    return int(json.loads(out)[0]["id"])


def _story(db: str) -> int:
    code, out, err = run("stories", "list", "--db", db, "--json")
    assert code == 0, err
    return int(json.loads(out)[0]["id"])


def _verdicts(db: str) -> list[tuple[str, str | None]]:
    with open_database(db) as database, database.session_scope(write=False) as session:
        return [(s, u) for s, u in session.execute(
            select(Verdict.status, Verdict.url).order_by(Verdict.id))]


def test_the_queue_prints_a_sourcing_kind_whole(db: str) -> None:
    """The sourcing column was 14 cells at most, so "unnamed_official" came out folded
    ("unnamed_offici" over "al") on the widest terminal."""
    code, out, _ = run("claims", "list", "--db", db, "--sourcing", "unnamed_official")
    assert code == 0
    assert "unnamed_official" in out and "unnamed_offici\n" not in out


@pytest.mark.parametrize("link", ["javascript:alert(1)", "file:///etc/passwd", "the minutes",
                                  "https://example.org/a b"])
def test_marking_refuses_an_evidence_link_that_is_not_http(db: str, link: str) -> None:
    """The desk refused such links; `claims mark` and `stories mark` stored them."""
    claim = _claim(db, "official")
    code, _, err = run("claims", "mark", str(claim), "refuted", "--db", db, "--by", "Ana",
                       "--evidence", "The council minutes say June.", "--url", link)
    assert code == 2 and "is not an http(s) url" in err and len(err.strip().splitlines()) == 1
    code, _, err = run("stories", "mark", str(_story(db)), "confirmed", "--db", db,
                       "--by", "Ana", "--evidence", "The council confirmed it.", "--url", link)
    assert code == 2 and "is not an http(s) url" in err
    assert _verdicts(db) == []
    code, _, err = run("claims", "mark", str(claim), "refuted", "--db", db, "--by", "Ana",
                       "--evidence", "The council minutes say June.",
                       "--url", " https://example.org/minutes ")
    assert code == 0, err
    assert _verdicts(db) == [("refuted", "https://example.org/minutes")]


def test_a_derived_source_is_found_by_the_name_reports_print(db: str) -> None:
    """Reports and stories print a derived source by its name ("The Tolsen Ferry Guild");
    `sources show` and `report --source` only took its stored key."""
    for name in ("The Tolsen Ferry Guild", "tolsen  ferry guild", "name:tolsen ferry guild"):
        code, out, err = run("sources", "show", name, "--db", db, "--json")
        assert code == 0, err
        assert json.loads(out)["key"] == "name:tolsen ferry guild"
    code, out, err = run("sources", "show", "unnamed sources via Reuters", "--db", db)
    assert code == 0 and "unnamed-via:reuters" in out, err
    code, out, err = run("report", "--source", "The Tolsen Ferry Guild", "--db", db,
                         "--format", "md")
    assert code == 0 and "Tolsen Ferry Guild" in out, err
    code, _, err = run("sources", "show", "The Harbour Guild", "--db", db)
    assert code == 6 and "no source 'The Harbour Guild'" in err


def test_stories_list_takes_status_any_as_claims_list_does(db: str) -> None:
    code, out, err = run("stories", "list", "--db", db, "--status", "any", "--json",
                         "--min-claims", "1")
    assert code == 0, err
    code, everything, _ = run("stories", "list", "--db", db, "--json", "--min-claims", "1")
    assert json.loads(out) == json.loads(everything)


def test_stories_show_names_its_articles_and_a_retraction_has_no_score(db: str) -> None:
    """`stories show` said "3 claims in 1 article" but never which article; a retraction
    printed "(score then None)"."""
    story = _story(db)
    code, _, err = run("stories", "mark", str(story), "confirmed", "--db", db, "--by", "Ana",
                       "--evidence", "The council confirmed it.")
    assert code == 0, err
    code, _, err = run("stories", "retract", str(story), "--db", db, "--by", "Ana",
                       "--evidence", "Marked the wrong story.")
    assert code == 0, err
    code, out, err = run("stories", "show", str(story), "--db", db)
    assert code == 0, err
    assert "article 1: Harbour bridge to close for repairs (Reuters, 2026-05-04)" in out
    assert "None" not in out and "Retraction" in out
    with open_database(db) as database, database.session_scope(write=False) as session:
        assert session.scalar(select(func.count()).select_from(Verdict)) > 0


def test_articles_list_takes_an_outlet_by_name_and_says_how_many_there_are(
    db: str, tmp_path: Path
) -> None:
    """`articles list --outlet` took only a registry id: a name printed "0 articles", as did
    an unknown outlet; a page never said how many articles there were in all, and an untitled
    text showed its path cut short."""
    code, out, err = run("articles", "list", "--db", db, "--outlet", "Reuters")
    assert code == 0 and out.startswith("1 article (newest ingested first)"), err
    code, _, err = run("articles", "list", "--db", db, "--outlet", "Harbour Gazette")
    assert code == 2 and "--outlet: no outlet 'Harbour Gazette' in the database" in err
    second = tmp_path / "ferries.txt"
    second.write_text("the ferry guild said crossings would double in may.\n", encoding="utf-8")
    code, _, err = run("ingest", str(second), "--db", db)
    assert code == 0, err
    code, out, _ = run("articles", "list", "--db", db, "--limit", "1")
    assert out.startswith("1 of 2 articles (newest ingested first; more with --offset 1)")
    assert "(untitled) ferries.txt" in out and str(tmp_path) not in out
    code, out, _ = run("articles", "list", "--db", db, "--limit", "1", "--offset", "1")
    assert out.startswith("1 of 2 articles (newest ingested first)")


def test_a_text_report_written_to_a_file_says_so(db: str, tmp_path: Path) -> None:
    target = tmp_path / "story.txt"
    code, out, err = run("report", "--story", str(_story(db)), "--db", db, "-o", str(target))
    assert code == 0 and err == f"wrote {target}\n" and out == ""
    assert "Harbour bridge" in target.read_text(encoding="utf-8")


@pytest.mark.parametrize("link", ["javascript:alert(1)", "example.org/bridge", "ftp://x/y"])
def test_ingest_refuses_an_article_url_that_is_not_http(tmp_path: Path, link: str) -> None:
    """`ingest --url` stored any text as the article's url (the desk's article edit refuses
    it); now nothing is stored, the database is not even created."""
    text = tmp_path / "bridge.txt"
    text.write_text(HARBOUR_BRIDGE, encoding="utf-8")
    db = tmp_path / "new.db"
    code, _, err = run("ingest", str(text), "--db", str(db), "--url", link)
    assert code == 2 and err == f"verifier: error: --url {link!r} is not an http(s) url\n"
    assert not db.exists()


FOUR = """Harbour bridge to close for repairs in May

The city council said on Monday that the harbour bridge would close in May for repairs.
Mayor Dana Ortiz said the harbour bridge would close in May for repairs.
The transport ministry said the harbour bridge would close for repairs in May.
Engineer Rui Alves said the harbour bridge repairs in May would take six weeks.
"""


def test_every_origin_a_score_counts_can_be_checked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A term's reason named four origins but showed the words of three: the fourth could
    not be checked anywhere but in --json. `stories show` now gives every one; the reports
    and the desk fold the rest under "N more" (the Markdown report says how many)."""
    from starlette.testclient import TestClient

    from tests.web_helpers import PASSWORD, sign_in
    from verifier import passwords
    from verifier.web.app import create_app

    monkeypatch.delenv("VERIFIER_SOURCES", raising=False)
    text = tmp_path / "bridge.txt"
    text.write_text(FOUR, encoding="utf-8")
    db = str(tmp_path / "four.db")
    assert run("ingest", str(text), "--db", db, "--outlet", "reuters")[0] == 0
    story = _story(db)
    code, out, _ = run("stories", "show", str(story), "--db", db, "--json")
    corroboration = next(c for c in json.loads(out)["contributions"]
                         if c["factor"] == "corroboration")
    fourth = corroboration["evidence"][3]["words"]
    assert len(corroboration["evidence"]) == 4
    code, out, _ = run("stories", "show", str(story), "--db", db)
    assert code == 0 and f"“{fourth}” in:" in out
    code, out, _ = run("report", "--story", str(story), "--db", db, "--format", "md")
    assert f"“{fourth}” in:" not in out and f"… and 1 more (`verifier stories show {story}`)" in out
    code, out, _ = run("report", "--story", str(story), "--db", db, "--format", "html")
    assert "<summary>1 more</summary>" in out and f"<q>{fourth}</q>" in out
    monkeypatch.setattr(passwords, "N", 2**10)
    runner.invoke(app, ["users", "add", "vera", "--role", "viewer", "--password-stdin",
                        "--db", db], input=PASSWORD + "\n")
    client = sign_in(TestClient(create_app(db), base_url="http://testserver"), "vera")
    page = client.get(f"/stories/{story}").text
    assert "<summary>1 more</summary>" in page and f"<q>{fourth}</q>" in page


def test_adding_an_outlet_whose_id_is_taken_says_what_to_do(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`sources add reuters ...` said "entry 957 (reuters): field 'id': duplicate id", the
    number of the entry it would have written; now which file holds the id and what to do."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("VERIFIER_SOURCES", raising=False)
    code, _, err = run("sources", "add", "reuters", "--name", "Reuters Wire Desk",
                       "--kind", "news_agency")
    assert code == 4 and len(err.strip().splitlines()) == 1
    assert "duplicate id 'reuters'" in err and "entry 9" not in err
    assert "sources add --replace" in err


def test_stories_are_found_by_the_words_of_their_claims(
    db: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The first thing a desk asks, "which story is the one about the ferry guild?", had no
    answer in `stories list` or on the desk's Stories page (only claims could be searched)."""
    from starlette.testclient import TestClient

    from tests.web_helpers import PASSWORD, sign_in
    from verifier import passwords
    from verifier.web.app import create_app

    code, out, err = run("stories", "list", "--db", db, "--min-claims", "1", "--json",
                         "--search", "ferry guild")
    assert code == 0, err
    found = json.loads(out)
    assert [s["title"] for s in found] == [
        "The Tolsen Ferry Guild said the closure would double crossing times."]
    code, out, _ = run("stories", "list", "--db", db, "--min-claims", "1", "--json",
                       "--search", "bridge")
    assert found[0]["id"] not in {s["id"] for s in json.loads(out)} and json.loads(out)
    code, _, err = run("stories", "list", "--db", db, "--search", " ,; ")
    assert code == 2 and "--search needs at least one word" in err
    monkeypatch.setattr(passwords, "N", 2**10)
    runner.invoke(app, ["users", "add", "vera", "--role", "viewer", "--password-stdin",
                        "--db", db], input=PASSWORD + "\n")
    client = sign_in(TestClient(create_app(db), base_url="http://testserver"), "vera")
    page = client.get("/stories", params={"search": "ferry guild", "min_claims": "1"}).text
    assert 'name="search" type="search" value="ferry guild"' in page
    assert "Tolsen Ferry Guild said" in page and "Harbour bridge to close" not in page


def test_a_report_of_no_reviewed_story_says_why_it_is_empty(db: str) -> None:
    """`report --all` covers the reviewed stories; with stories in the database but none
    reviewed it said "No stories (ingest articles first)."."""
    code, out, err = run("report", "--all", "--db", db)
    assert code == 0, err
    assert "ingest articles first" not in out
    assert out.startswith("No reviewed stories of 2+ claims yet: mark one")
    code, out, _ = run("report", "--all-stories", "--db", db)
    assert "Harbour bridge" in out


def test_a_reviewed_claims_matches_do_not_offer_an_adopt_that_fails(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`claims show` of a claim with a verdict of its own listed the earlier verdicts it
    matches and ended "Take one with: verifier claims adopt ...", which then failed ("is
    already confirmed")."""
    monkeypatch.delenv("VERIFIER_SOURCES", raising=False)
    db = str(tmp_path / "mayor.db")
    for name, outlet, text in (
        ("a.txt", "reuters", "Vasterby quits Tolsen council\n\nMayor Quillon Vasterby has "
         "resigned from the Tolsen council, a spokesman said on Monday.\nVasterby led the "
         "council for nine years.\n"),
        ("b.txt", "ap", "Tolsen mayor Vasterby resigns\n\nQuillon Vasterby resigned as mayor "
         "of Tolsen, the council spokesman said.\nHe had led Tolsen since 2017.\n"),
    ):
        (tmp_path / name).write_text(text, encoding="utf-8")
        assert run("ingest", str(tmp_path / name), "--db", db, "--outlet", outlet)[0] == 0
    story = _story(db)
    assert run("stories", "mark", str(story), "confirmed", "--evidence", "Council minutes",
               "--by", "Ana", "--db", db)[0] == 0
    code, out, _ = run("claims", "show", "2", "--db", db, "--json")
    match = json.loads(out)["past_verdicts"][0]["ref"]
    code, out, _ = run("claims", "show", "2", "--db", db)
    assert code == 0 and f"{match}  confirmed" in out
    assert "Take one with" not in out
    assert "It is confirmed already: retract its verdict first (`verifier claims retract " \
           "2`) to take one." in " ".join(out.split())
    code, _, err = run("claims", "adopt", "2", "--from", match, "--by", "Ana", "--db", db)
    assert code == 2 and "already confirmed" in err
    code, out, _ = run("claims", "list", "--status", "any", "--matches", "--db", db)
    flat = " ".join(out.split())  # the match is under its claim, wrapped with the text
    assert f"matches {match}, confirmed" in flat and "adopt 2 " not in flat
    assert "it is confirmed already (retract its verdict first to take one)" in flat


def test_csv_exports_cannot_run_a_formula_from_an_article(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An article's line "=HYPERLINK(...)" went into `claims list --csv` and `stories list
    --csv` as it was: a spreadsheet opening the export runs it."""
    monkeypatch.delenv("VERIFIER_SOURCES", raising=False)
    text = tmp_path / "formula.txt"
    text.write_text('=HYPERLINK("http://evil.example/","Bridge closes") said the council.\n'
                    "+The council said the harbour bridge would close in May.\n",
                    encoding="utf-8")
    db = str(tmp_path / "f.db")
    assert run("ingest", str(text), "--db", db, "--outlet", "reuters")[0] == 0
    import csv
    import io

    for command in (["claims", "list"], ["stories", "list", "--min-claims", "1"]):
        code, out, err = run(*command, "--db", db, "--csv")
        assert code == 0, err
        cells = [cell for row in csv.reader(io.StringIO(out)) for cell in row]
        assert not [c for c in cells if c.startswith(("=", "+", "@"))], cells
        assert any(c.startswith("'=HYPERLINK(") or c.startswith("'+The council") for c in cells)
