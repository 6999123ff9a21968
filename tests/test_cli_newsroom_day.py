"""A newsroom fact-checker's first day on the command line (session 21's walk): a rumour, a
refusal, a denial and another outlet's report ingested as .txt, .md and .html, verdicts,
corrections, a returning claim adopted. Each test is a place the walk tripped; the articles
are ours."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from verifier.cli import app

runner = CliRunner()

pytestmark = pytest.mark.usefixtures("wide_console")

MAYOR_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Carrow mayor to step down, aides say - Velm Courier</title>
<meta property="og:site_name" content="Velm Courier">
<meta property="article:published_time" content="2026-11-04T08:00:00Z">
</head><body><article>
<h1>Carrow mayor to step down, aides say</h1>
<p>Carrow Mayor Petra Lund will announce her resignation on Friday, according to two aides
who asked not to be named.</p>
<p>Lund's office denied the report.</p>
<p>City council leader Mira Sand refused to say whether she had been told of the plan.</p>
</article></body></html>
"""

HARBOUR = (
    "Port of Carrow to close north harbour, sources say\n\n"
    "The Port of Carrow is expected to close its north harbour to cargo ships next month, "
    "two people familiar with the plans said on Monday.\n\n"
    "A spokesperson for the Carrow Port Authority declined to comment on the report.\n\n"
    "Harbour master Ines Valdor denied that any decision had been taken.\n"
)

def _run(*args: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args), env=env)
    assert result.exception is None or isinstance(result.exception, SystemExit), (
        f"{args}: {result.exception!r}")
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def desk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("VERIFIER_SOURCES", raising=False)
    monkeypatch.delenv("VERIFIER_REVIEWER", raising=False)
    return tmp_path


def test_a_page_naming_a_site_the_registry_lacks_is_named_and_registered(desk: Path) -> None:
    """An HTML page's site name (og:site_name) the registry does not know: the warning said
    "no outlet found (no ... site metadata ...)" as if the page named none, and
    --add-outlets registered nothing, so the page was stored with no outlet either way."""
    page = desk / "mayor.html"
    page.write_text(MAYOR_PAGE, encoding="utf-8")
    code, _, err = _run("ingest", str(page), "--db", "plain.db")
    assert code == 0, err
    flat = " ".join(err.split())
    assert "the page names its site 'Velm Courier', which the registry does not know" in flat
    assert "verifier sources add velm-courier --name 'Velm Courier' --kind newspaper" in flat

    code, _, err = _run("ingest", "--add-outlets", str(page), "--db", "added.db")
    assert code == 0, err
    assert "added 1 outlet" in err and "Velm Courier (velm-courier)" in err
    assert "no outlet found" not in err
    code, out, _ = _run("articles", "list", "--json", "--db", "added.db")
    assert [a["outlet"] for a in json.loads(out)] == ["Velm Courier"]


def test_a_page_whose_site_the_registry_knows_adds_no_outlet(desk: Path) -> None:
    page = desk / "known.html"
    page.write_text(MAYOR_PAGE.replace("Velm Courier", "Reuters"), encoding="utf-8")
    code, _, err = _run("ingest", "--add-outlets", str(page), "--db", "known.db")
    assert code == 0, err
    assert "added" not in err and "no outlet found" not in err
    assert not (desk / "sources.yaml").exists()


@pytest.mark.parametrize("day", ["2026-13-45", "2026-02-30", "2026-11-31T10:00:00"])
def test_an_impossible_front_matter_date_is_one_line_and_the_rest_are_stored(
    desk: Path, day: str,
) -> None:
    """`published: 2026-13-45` in a .md file's front matter: YAML reads it as a date and
    raised ValueError, a traceback that ended the whole ingest (and `analyze`)."""
    bad = desk / "bad.md"
    bad.write_text(f"---\ntitle: Bad date\npublished: {day}\n---\nThe mayor said so.\n",
                   encoding="utf-8")
    good = desk / "harbour.txt"
    good.write_text(HARBOUR, encoding="utf-8")
    code, out, err = _run("ingest", str(bad), str(good), "--outlet", "none", "--db", "d.db")
    assert code == 1
    errors = [line for line in err.splitlines() if line.startswith("verifier: error:")]
    why = "month must be in 1..12" if "-13-" in day else "day is out of range for month"
    assert errors == [f"verifier: error: {bad}: front matter holds an impossible date ({why})"]
    assert "Stored 1 article" in out
    code, _, err = _run("analyze", str(bad))
    assert code == 3 and "front matter holds an impossible date" in err
    assert "Traceback" not in err


def test_an_impossible_date_in_the_registry_or_scoring_file_is_one_line(desk: Path) -> None:
    (desk / "reg.yaml").write_text(
        "sources:\n  - id: velm\n    name: Velm\n    kind: newspaper\n    note: 2026-13-45\n",
        encoding="utf-8")
    code, _, err = _run("sources", "check", "--sources", "reg.yaml")
    assert code == 4
    assert err.strip() == ("verifier: error: reg.yaml: source registry holds an impossible "
                           "date (month must be in 1..12)")
    (desk / "weights.yaml").write_text("sourcing: 2026-02-30\n", encoding="utf-8")
    code, _, err = _run("scoring", "show", "--scoring", "weights.yaml")
    assert code == 4 and "holds an impossible date" in err and len(err.splitlines()) == 1


def test_a_reading_command_never_writes_a_database_into_an_empty_file(desk: Path) -> None:
    """`--db notes.txt` naming an empty file: SQLite took it for an empty database and
    `claims list` migrated it, writing 250 KB of schema into the user's file."""
    notes = desk / "notes.txt"
    notes.write_bytes(b"")
    for command in (["claims", "list"], ["stories", "list"], ["claims", "show", "1"],
                    ["db", "verify"], ["report", "--all"]):
        code, out, err = _run(*command, "--db", str(notes))
        assert code == 5, (command, out, err)
        assert err.strip() == (f"verifier: error: {notes} is an empty file, not a verifier "
                               "database (`verifier ingest` or `verifier db upgrade` makes one)")
        assert notes.stat().st_size == 0
    # a writing command may still make its database there
    assert _run("db", "upgrade", "--db", str(notes))[0] == 0
    assert notes.stat().st_size > 0


@pytest.fixture
def harbour(desk: Path) -> str:
    text = desk / "harbour.txt"
    text.write_text(HARBOUR, encoding="utf-8")
    code, _, err = _run("ingest", str(text), "--outlet", "reuters", "--published",
                        "2026-11-03", "--db", "h.db")
    assert code == 0, err
    return "h.db"


def _claim(db: str, words: str) -> int:
    _, out, _ = _run("claims", "list", "--status", "any", "--json", "--db", db)
    return int(next(c["id"] for c in json.loads(out) if words in c["text"]))


def test_adopting_an_earlier_verdict_takes_the_reviewer_from_the_environment(
    harbour: str, desk: Path,
) -> None:
    """Every verdict command takes the reviewer from $VERIFIER_REVIEWER; `claims adopt`
    alone said "--by: give the reviewer's name"."""
    env = {"VERIFIER_REVIEWER": "Rita Fact"}
    rumour = _claim(harbour, "expected to close")
    code, _, err = _run("claims", "mark", str(rumour), "confirmed", "--evidence",
                        "Notice to mariners NM-114", "--db", harbour, env=env)
    assert code == 0, err
    again = desk / "again.txt"
    again.write_text(
        "Carrow harbour closing\n\nThe Port of Carrow is expected to close its north harbour "
        "to cargo ships next month, two people familiar with the plans said on Monday.\n",
        encoding="utf-8")
    assert _run("ingest", str(again), "--outlet", "none", "--db", harbour)[0] == 0
    returning = _returning(harbour, rumour)
    code, out, err = _run("claims", "adopt", str(returning), "--db", harbour, env=env)
    assert code == 0, err
    assert f"claim {returning} marked confirmed, adopted from claim:{rumour}" in out
    code, out, _ = _run("claims", "show", str(returning), "--json", "--db", harbour)
    assert json.loads(out)["verdicts"][-1]["reviewer"] == "Rita Fact"
    code, out, _ = _run("claims", "adopt", "--help")
    assert "VERIFIER_REVIEWER" in out


def _returning(db: str, first: int) -> int:
    _, out, _ = _run("claims", "list", "--status", "any", "--json", "--db", db)
    return int(next(c["id"] for c in json.loads(out)
                    if "expected to close" in c["text"] and c["id"] != first))


def test_claims_show_names_the_story_the_queue_lists(harbour: str) -> None:
    """The queue lists each claim's story; `claims show` (where a reviewer reads the claim
    before marking it or its story) did not say which story it is in."""
    claim = _claim(harbour, "declined to comment")
    code, out, _ = _run("claims", "list", "--status", "any", "--json", "--db", harbour)
    story = next(c["story"] for c in json.loads(out) if c["id"] == claim)
    code, out, _ = _run("claims", "show", str(claim), "--db", harbour)
    assert code == 0
    assert out.splitlines()[0].endswith(f"article 1, sentence 2, story {story}")


@pytest.mark.parametrize("link", ["javascript:alert(1)", "ftp://example.org/x"])
def test_a_bad_article_url_is_called_the_articles_url(harbour: str, link: str) -> None:
    """`articles set --url javascript:...` said "evidence link ... is not an http(s) url":
    no evidence is involved in an article's address."""
    code, _, err = _run("articles", "set", "1", "--url", link, "--by", "Rita Fact",
                        "--db", harbour)
    assert code == 2
    assert err.strip() == f"verifier: error: the article's url {link!r} is not an http(s) url"


@pytest.mark.parametrize(("args", "said"), [
    (["Velm Courier", "--name", "Velm Courier"],
     "id 'Velm Courier': an id is lower-case letters, digits, _ - . only, starting with a "
     "letter or digit (e.g. 'velm-courier')"),
    (["velm-courier", "--name", " "], "the outlet's name is empty: give the name it goes by"),
    (["velm-courier", "--name", "Velm Courier", "--confirmed", "-1"],
     "prior confirmed count: -1 is not a number above 0 and at most 1e+06"),
    (["velm-courier", "--name", "Velm Courier", "--refuted", "nan"],
     "prior refuted count: nan is not a number above 0 and at most 1e+06"),
])
def test_a_bad_value_given_to_sources_add_is_a_usage_error_naming_it(
    desk: Path, args: list[str], said: str,
) -> None:
    """`sources add "Velm Courier" ...` said "sources.yaml: entry 901: field 'id': required"
    (exit 4, an invalid registry file) of an id the user did give: the file was fine, the
    argument was not."""
    code, _, err = _run("sources", "add", *args, "--kind", "newspaper")
    assert code == 2
    assert err.strip() == f"verifier: error: {said}"
    assert not (desk / "sources.yaml").exists()


@pytest.mark.parametrize(("extra", "code", "said"), [
    (["--published", "2026-02-30"], 2,
     "--published: '2026-02-30' is not a date (YYYY-MM-DD; a month or year alone is not one)"),
    (["--outlet", "Velm Courier", "--db", "/nonexistent-folder/desk.db"], 5,
     "cannot create database /nonexistent-folder/desk.db: directory /nonexistent-folder does "
     "not exist"),
])
def test_a_refused_ingest_with_add_outlets_leaves_the_registry_as_it_was(
    desk: Path, extra: list[str], code: int, said: str,
) -> None:
    """`ingest --add-outlets page.html --published 2026-02-30` registered the page's site
    in sources.yaml, then refused the date: half done."""
    page = desk / "mayor.html"
    page.write_text(MAYOR_PAGE, encoding="utf-8")
    result = _run("ingest", "--add-outlets", str(page), *extra)
    assert result[0] == code
    assert result[2].strip() == f"verifier: error: {said}"
    assert not (desk / "sources.yaml").exists()


def test_add_outlets_with_an_outlet_and_no_article_files_registers_nothing(desk: Path) -> None:
    (desk / "empty").mkdir()
    code, _, err = _run("ingest", "--add-outlets", "--outlet", "Velm Courier", "empty",
                        "--db", "d.db")
    assert code == 3 and "no article files" in err and "added" not in err
    assert not (desk / "sources.yaml").exists()


def _story_of(db: str, claim: int) -> int:
    _, out, _ = _run("claims", "show", str(claim), "--json", "--db", db)
    return int(json.loads(out)["stories"][0])


def test_a_correction_that_turns_a_claim_against_its_story_verdict_says_so(
    harbour: str,
) -> None:
    """A story marked refuted marks its assertions refuted and its denials confirmed. A
    reviewer then corrected an assertion the analyser misread to a denial: the claim kept
    "refuted" (taken with the story), now the opposite of what the story's verdict gives a
    denial, and neither `claims correct` nor `claims show` nor the desk said so."""
    rumour = _claim(harbour, "expected to close")
    story = _story_of(harbour, rumour)
    code, _, err = _run("stories", "mark", str(story), "refuted", "--evidence",
                        "The port authority's board minutes: no closure", "--by", "Rita Fact",
                        "--db", harbour)
    assert code == 0, err
    code, _, err = _run("claims", "correct", str(rumour), "--sourcing",
                          "denied:two people familiar with the plans", "--evidence",
                          "read as a denial for this test", "--by", "Rita Fact",
                          "--db", harbour)
    assert code == 0, err
    flat = " ".join(err.split())
    assert (f"verifier: note: claim {rumour} now denies story {story}, which is refuted, yet "
            "the verdict it took with the story") in flat
    assert ("has it refuted: retract it and mark the claim confirmed (`verifier claims "
            f"retract {rumour} --evidence ... --by NAME`, then `verifier claims mark`)") in flat
    # a correction that leaves the claim's role alone says nothing of it
    other = _claim(harbour, "Ines Valdor denied")
    code, _, err = _run("claims", "correct", str(other), "--certainty", "probable",
                        "--evidence", "hedged", "--by", "Rita Fact", "--db", harbour)
    assert code == 0 and "now denies" not in err and "now asserts" not in err


@pytest.mark.parametrize("fmt", ["html", "md", "json", "text"])
def test_a_report_interrupted_midway_leaves_the_previous_report_whole(
    harbour: str, desk: Path, monkeypatch: pytest.MonkeyPatch, fmt: str,
) -> None:
    """`report -o report.html` wrote straight into the file: Ctrl-C (or a full disk, or a
    database error) half-way through a large report left half a report where the last
    whole one had been."""
    target = desk / f"report.{fmt}"
    code, _, err = _run("report", "--all-stories", "--format", fmt, "-o", str(target),
                        "--db", harbour)
    assert code == 0, err
    before = target.read_bytes()
    assert len(before) > 500

    import verifier.cli.report_render as text_render
    import verifier.report as report

    def interrupted(*args: object, **kwargs: object) -> object:
        yield "<partial>"
        raise KeyboardInterrupt

    def interrupted_text(report_: object, terminal: object) -> None:
        terminal.write(["partial"])  # type: ignore[attr-defined]
        raise KeyboardInterrupt

    monkeypatch.setattr(report, "render_parts", interrupted)
    monkeypatch.setattr(text_render, "render_text", interrupted_text)
    result = runner.invoke(app, ["report", "--all-stories", "--format", fmt, "-o", str(target),
                                 "--db", harbour])
    assert result.exit_code == 130  # interrupted, as Ctrl-C ends any command
    assert target.read_bytes() == before
    assert sorted(p.name for p in desk.iterdir() if p.name.startswith(".")) == []


@pytest.mark.parametrize("columns", ["²", "0", "80x", " "])
def test_a_terminal_width_that_is_no_positive_number_is_ignored(
    harbour: str, monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest,
    columns: str,
) -> None:
    """$COLUMNS is "²" (a digit to str.isdigit, not to int()): `articles list`, `sources
    list`, `analyze`, `ingest` and `calibrate` ended in a traceback from Rich; "0" printed
    the articles table as nothing at all."""
    from verifier.cli.shared import console, err_console

    monkeypatch.setenv("COLUMNS", columns)
    monkeypatch.setenv("LINES", columns)
    fresh_consoles = (console.cache_clear, err_console.cache_clear)  # as a new process has
    for clear in fresh_consoles:
        clear()
    request.addfinalizer(lambda: [clear() for clear in fresh_consoles])
    for command in (["articles", "list"], ["sources", "list", "--kind", "news_agency"],
                    ["calibrate"], ["claims", "list"], ["stories", "list"]):
        code, out, err = _run(*command, "--db", harbour) if command[0] != "sources" else \
            _run(*command)
        assert code == 0, (command, err)
        assert out.strip(), command
    code, out, _ = _run("articles", "list", "--db", harbour)
    assert "Port of Carrow" in out


def test_a_source_report_by_a_digit_int_refuses_is_a_usage_error(harbour: str) -> None:
    code, _, err = _run("report", "--source", "²", "--db", harbour)
    assert code == 2  # a name nobody knows: a bad option value
    assert err.strip() == ("verifier: error: --source: no source '²' in the registry or the "
                           "database")


def test_labels_export_writes_nothing_for_an_unknown_article_or_nothing_to_export(
    harbour: str, desk: Path,
) -> None:
    """`labels export out --article 1 --article 99` wrote out/texts/article-1.txt and then
    said "no article with id 99"; with no correction yet it wrote an empty labels file that
    `eval` then refused ("file is empty"); a labels path that is a folder was a traceback."""
    code, _, err = _run("labels", "export", "out", "--article", "1", "--article", "99",
                        "--db", harbour)
    assert code == 6 and err.strip() == "verifier: error: no article with id 99"
    assert not (desk / "out").exists()
    code, _, err = _run("labels", "export", "out", "--db", harbour)
    assert code == 2
    assert "nothing to export: no article has a reviewer's correction yet" in err
    assert not (desk / "out").exists()
    (desk / "taken" / "reviewed.labels.jsonl").mkdir(parents=True)
    code, _, err = _run("labels", "export", "taken", "--article", "1", "--db", harbour)
    assert code == 3
    assert err.strip() == ("verifier: error: taken/reviewed.labels.jsonl: cannot write there: "
                           "it is a folder, not a file")
    assert not (desk / "taken" / "texts").exists()  # nothing made before it was refused
    code, out, _ = _run("labels", "export", "out", "--article", "1", "--db", harbour)
    assert code == 0 and "of 1 article (0 corrected by reviewers)" in out


def _claim_review(claim: str, rating: dict[str, object], url: str) -> dict[str, object]:
    return {"@context": "https://schema.org", "@type": "ClaimReview", "claimReviewed": claim,
            "author": {"@type": "Organization", "name": "Harbour Check"}, "url": url,
            "reviewRating": {"@type": "Rating", **rating}}


def test_factchecks_import_reads_as_ingest_does_and_refuses_a_rating_off_its_scale(
    desk: Path,
) -> None:
    """`factchecks import` read any path whole: /dev/zero until memory ran out, a FIFO for
    ever; a UTF-16 export (with its byte-order mark) was "cannot read ('utf-8' codec ...)";
    and ratingValue 9 of bestRating 5 was stored as confirmed."""
    records = [
        _claim_review("The Port of Carrow will close its north harbour in December.",
                      {"alternateName": "True"}, "https://check.example.org/1"),
        _claim_review("Mayor Petra Lund resigned in November.",
                      {"ratingValue": 9, "bestRating": 5, "worstRating": 1},
                      "https://check.example.org/2"),
    ]
    export = desk / "export.json"
    export.write_bytes(json.dumps(records).encode("utf-16"))  # with its byte-order mark
    code, out, err = _run("factchecks", "import", str(export), "--db", "f.db")
    assert code == 1
    assert out.strip() == "1 fact-check stored, 0 already stored, 1 skipped"
    assert err.strip() == (f"verifier: error: {export} record 2: 'reviewRating.ratingValue' 9 "
                           "is outside its scale (worstRating 1 to bestRating 5); skipped")
    code, out, err = _run("factchecks", "import", "/dev/zero", "--db", "f.db")
    assert code == 3 and not out  # its only input: nothing stored, no summary
    assert err.strip() == ("verifier: error: /dev/zero: not a regular file (a device); only "
                           "regular files are read; nothing was stored")
    import os

    os.mkfifo(desk / "pipe.json")
    code, _, err = _run("factchecks", "import", str(desk / "pipe.json"), "--db", "f.db")
    assert code == 3 and "not a regular file (a FIFO)" in err


def test_factchecks_list_says_how_many_there_are(desk: Path) -> None:
    """`factchecks list` printed "50 fact-checks" of 60 stored, and --limit 0 printed "no
    fact-checks imported"."""
    many = [_claim_review(f"Berth {n} of the Carrow harbour will close.",
                          {"alternateName": "False"}, f"https://check.example.org/{n}")
            for n in range(60)]
    (desk / "many.json").write_text(json.dumps(many), encoding="utf-8")
    assert _run("factchecks", "import", "many.json", "--db", "f.db")[0] == 0
    code, out, _ = _run("factchecks", "list", "--db", "f.db")
    assert out.splitlines()[0] == "50 of 60 fact-checks (oldest first; more with --offset 50)"
    code, out, _ = _run("factchecks", "list", "--limit", "60", "--db", "f.db")
    assert out.splitlines()[0] == "60 fact-checks"
    # the next page, and a page past the end (past the largest --limit nothing listed them)
    code, out, _ = _run("factchecks", "list", "--offset", "50", "--db", "f.db")
    assert code == 0 and out.splitlines()[0] == "10 of 60 fact-checks (from 51; oldest first)"
    assert "Berth 50 of the Carrow" in out and "Berth 49 of" not in out
    code, out, _ = _run("factchecks", "list", "--offset", "100", "--db", "f.db")
    assert out.splitlines()[0] == ("0 of 60 fact-checks (from 101; oldest first; the list "
                                   "ends before it)")
    code, out, _ = _run("factchecks", "list", "--offset", "58", "--json", "--db", "f.db")
    assert [c["claim"] for c in json.loads(out)] == [
        "Berth 58 of the Carrow harbour will close.", "Berth 59 of the Carrow harbour will close."]
    code, _, err = _run("factchecks", "list", "--offset", "-1", "--db", "f.db")
    assert code == 2, err
    code, _, err = _run("factchecks", "list", "--limit", "0", "--db", "f.db")
    assert code == 2 and err.strip() == "verifier: error: --limit must be between 1 and 100000"


@pytest.mark.parametrize("special", ["/dev/zero", "fifo"])
def test_a_registry_or_scoring_file_that_is_no_regular_file_is_refused(
    desk: Path, special: str,
) -> None:
    """--sources /dev/zero read until memory ran out; --sources or --scoring naming a FIFO
    waited for ever (`sources check`, `sources add`, `scoring show`, every command)."""
    import os

    if special == "fifo":
        os.mkfifo(desk / "fifo")
    path = special if special.startswith("/") else str(desk / special)
    for command, what in ((["sources", "check", "--sources", path], "source registry is"),
                          (["sources", "add", "velm", "--name", "Velm", "--kind", "newspaper",
                            "--sources", path], "the source registry is"),
                          (["scoring", "show", "--scoring", path], "scoring file is")):
        code, _, err = _run(*command)
        assert code == 4, (command, err)
        assert err.strip() == f"verifier: error: {path}: {what} not a regular file"
