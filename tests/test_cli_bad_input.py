"""A new user's mistakes on the command line: each is one line on stderr, starting
'verifier: error:', with a non-zero exit and no traceback (a mistyped option or command
was click's three lines: usage, hint, error; an unknown story filtered on listed nothing
and exited 0). A batch command (ingest, factchecks import) whose every input fails says so
in that line, prints no summary of nothing stored, and leaves no database behind."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from verifier.cli import app

TEXT = ("The Velm harbour ferry will stop running in March, ending a route that has run for "
        "sixty years.\n\nHarbour master Ann Holt said the ferry lost money in each of the "
        "last three years.\n")
runner = CliRunner()

CASES = [
    (["nonsense"], "No such command 'nonsense' (see `verifier --help`)"),
    (["--nonsense"], "No such option: --nonsense (see `verifier --help`)"),
    (["claims", "nonsense"], "No such command 'nonsense' (see `verifier claims --help`)"),
    (["claims", "show"], "Missing argument 'CLAIM_ID' (see `verifier claims show --help`)"),
    (["articles", "show", "abc", "--db", "{db}"],
     "Invalid value for 'ARTICLE_ID': 'abc' is not a whole number"),
    (["claims", "retract", "1", "--by", "Ann", "--reason", "x", "--db", "{db}"],
     "No such option: --reason"),
    (["eval", "labels.jsonl"], "Missing option '--texts' (see `verifier eval --help`)"),
    (["ingest", "{tmp}/missing.txt", "--db", "{db}"],
     "missing.txt: no such file or directory"),
    (["factchecks", "import", "{tmp}/missing.json", "--db", "{db}"], "missing.json: no such file"),
    # every input unreadable: the one line says nothing was stored, no summary of nothing
    (["ingest", "{tmp}/missing.txt", "--db", "{tmp}/new.db"],
     "missing.txt: no such file or directory; nothing was stored"),
    (["ingest", "{tmp}/empty.md", "--db", "{tmp}/new.db"], "empty.md: file is empty; nothing"),
    (["ingest", "{tmp}/blank.txt", "--db", "{tmp}/new.db"], "blank.txt: file is empty; nothing"),
    (["ingest", "{tmp}/binary.txt", "--db", "{tmp}/new.db"],
     "binary.txt: looks like a binary file, not text; nothing was stored"),
    (["ingest", "{tmp}/huge.txt", "--db", "{tmp}/new.db"],
     "huge.txt: file is too large (51.0 MB; the limit is 50 MB); nothing was stored"),
    (["ingest", "{tmp}/folder.md", "--db", "{tmp}/new.db"],
     "no article files (.htm .html .jsonl .markdown .md .text .txt) in "),
    (["ingest", "{tmp}/v.db", "--db", "{tmp}/new.db"], "v.db: unsupported file type"),
    (["ingest", "{tmp}/velm.txt", "--db", "{tmp}"], "is a directory, not a database file"),
    (["ingest", "{tmp}/velm.txt", "--db", "{tmp}/binary.txt"], "is not a SQLite database"),
    (["ingest", "{tmp}/velm.txt", "--db", "{tmp}/new.db", "--published", "2024-13-01"],
     "--published: '2024-13-01' is not a date"),
    (["ingest", "{tmp}/velm.txt", "--db", "{tmp}/new.db", "--sources", "{tmp}/broken.yaml"],
     "is not valid YAML at line"),
    (["ingest", "{tmp}/velm.txt", "--db", "{tmp}/new.db", "--sources", "{tmp}"],
     "source registry is a directory, not a file"),
    (["ingest", "{tmp}/velm.txt", "--db", "{tmp}/new.db", "--sources", "{tmp}/binary.txt"],
     "binary.txt: source registry is not UTF-8 text (byte 128)"),
    # a registry broken before the edit is said as such (was "the edited registry would
    # not be valid YAML")
    (["sources", "add", "velm-news", "--name", "Velm News", "--kind", "newspaper",
      "--sources", "{tmp}/broken.yaml"], "broken.yaml: source registry is not valid YAML at "),
    (["factchecks", "import", "{tmp}/binary.txt", "--db", "{tmp}/new.db"],
     "binary.txt: looks like a binary file, not text; nothing was stored"),
    (["factchecks", "import", "{tmp}/empty.md", "--db", "{tmp}/new.db"],
     "empty.md: file is empty; nothing was stored"),
    # an id that is not one: negative (read as an option), zero, past the end
    (["claims", "show", "-5", "--db", "{db}"],
     "-5 is not an id: ids are whole numbers from 1 (see `verifier claims show --help`)"),
    (["stories", "show", "--db", "{db}", "-1"], "-1 is not an id: ids are whole numbers"),
    (["articles", "delete", "-2", "--reason", "x", "--by", "Ann", "--db", "{db}"],
     "-2 is not an id"),
    (["claims", "mark", "-3", "refuted", "--evidence", "x", "--by", "Ann", "--db", "{db}"],
     "-3 is not an id"),
    (["claims", "show", "0", "--db", "{db}"], "0 is not an id: ids are whole numbers from 1"),
    (["claims", "show", "999999", "--db", "{db}"], "no claim with id 999999"),
    (["claims", "show", "--db", "{db}", "--", "-5"], "-5 is not an id: ids are whole"),
    (["report", "--story", "-1", "--db", "{db}"], "-1 is not an id: ids are whole"),
    (["claims", "list", "--article", "0", "--db", "{db}"], "0 is not an id: ids are whole"),
    (["claims", "list", "--since", "2024-02-30", "--db", "{db}"],
     "--since: '2024-02-30' is not a date (YYYY-MM-DD)"),
    (["claims", "list", "--story", "999", "--db", "{db}"], "no story with id 999"),
    (["claims", "list", "--article", "999", "--db", "{db}"], "no article with id 999"),
    (["stories", "show", "999", "--db", "{db}"], "no story with id 999"),
    (["articles", "list", "--db", "notaurl://x"], "unknown kind of database 'notaurl'"),
    (["articles", "list", "--db", "{tmp}/none/x.db"], "no database at"),
    (["sources", "check", "--sources", "{tmp}/broken.yaml"], "is not valid YAML at line"),
    (["sources", "check", "--sources", "{tmp}/kindless.yaml"], "field 'kind': required: one of"),
    # an evidence link that is no address (was urllib's ValueError, a traceback), or one
    # whose bidi override shows another address than it leads to
    (["claims", "mark", "1", "refuted", "--evidence", "x", "--by", "Ann", "--url",
      "http://[::1", "--db", "{db}"], "evidence link 'http://[::1' is not an http(s) url"),
    (["claims", "mark", "1", "refuted", "--evidence", "x", "--by", "Ann", "--url",
      "https://evil.example/\u202egro.sretuer.www//:sptth", "--db", "{db}"],
     "evidence link 'https://evil.example/\\u202egro.sretuer.www//:sptth' is not an http(s) "
     "url"),
    (["articles", "set", "1", "--url", "https://evil.example/\u2067x", "--by", "Ann", "--db",
      "{db}"], "is not an http(s) url"),
]


@pytest.fixture(scope="module")
def place(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("bad-input")
    (tmp / "velm.txt").write_text(TEXT, encoding="utf-8")
    (tmp / "broken.yaml").write_text("sources:\n  - id: x\n    name: [unclosed\n",
                                     encoding="utf-8")
    (tmp / "kindless.yaml").write_text("sources:\n  - id: a\n    name: A\n", encoding="utf-8")
    (tmp / "empty.md").write_text("", encoding="utf-8")
    (tmp / "blank.txt").write_text("  \n\n\t\n", encoding="utf-8")
    (tmp / "binary.txt").write_bytes(bytes(range(256)) * 40)
    with (tmp / "huge.txt").open("wb") as huge:  # sparse: 51 MB that take no disk
        huge.truncate(51 * 1024 * 1024)
    (tmp / "folder.md").mkdir()
    stored = runner.invoke(app, ["ingest", str(tmp / "velm.txt"), "--db", str(tmp / "v.db")])
    assert stored.exit_code == 0, stored.output
    return tmp


@pytest.mark.parametrize(("args", "said"), CASES, ids=[" ".join(a[:3]) for a, _ in CASES])
def test_a_mistake_is_one_line_and_a_non_zero_exit(place: Path, args: list[str],
                                                    said: str) -> None:
    filled = [a.format(db=place / "v.db", tmp=place) for a in args]
    result = runner.invoke(app, filled, env={"COLUMNS": "300"})
    assert result.exit_code not in (0, None), result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("verifier: error: "), result.stderr
    assert said in lines[0], lines[0]
    assert "Traceback" not in result.output
    assert not result.stdout.strip(), result.stdout  # no summary of nothing stored
    assert not (place / "new.db").exists()  # nothing half-written: no database left behind


def test_a_group_alone_still_shows_its_help() -> None:
    result = runner.invoke(app, ["claims"])
    assert "Usage: verifier claims" in result.output and "Commands" in result.output


def test_an_ingest_whose_every_input_fails_prints_no_summary(place: Path) -> None:
    """Several unreadable inputs: a line each, then one that none could be read; exit 3.
    One invalid past its first 8 KB (UTF-8 broken there) is read whole by the first look
    too: one line, that nothing was stored; no summary either way. One good file among
    them is stored as before (summary, exit 1)."""
    late = place / "late.txt"
    late.write_bytes(b"The ferry will stop in March. " * 400 + b"\xff\xfe broken\n")
    several = runner.invoke(app, ["ingest", str(place / "missing.txt"), str(place / "empty.md"),
                                  str(place / "binary.txt"), "--db", str(place / "new.db")])
    assert several.exit_code == 3
    assert [line.split(": ", 2)[-1] for line in several.stderr.splitlines()] == [
        f"{place / 'missing.txt'}: no such file or directory",
        f"{place / 'empty.md'}: file is empty",
        f"{place / 'binary.txt'}: looks like a binary file, not text",
        "none of the 3 inputs could be read; nothing was stored"]
    assert not several.stdout and not (place / "new.db").exists()
    read_late = runner.invoke(app, ["ingest", str(late), "--db", str(place / "late.db")])
    assert read_late.exit_code == 3, read_late.output
    lines = read_late.stderr.splitlines()
    assert len(lines) == 1 and "late.txt: not valid UTF-8" in lines[0], lines
    assert lines[0].endswith("; nothing was stored")
    assert not read_late.stdout
    assert not list(place.glob("late.db*"))
    mixed = runner.invoke(app, ["ingest", str(place / "missing.txt"), str(place / "velm.txt"),
                                "--db", str(place / "mixed.db")])
    assert mixed.exit_code == 1
    assert mixed.stdout.startswith("Stored 1 article")
    assert "missing.txt: no such file or directory" in mixed.stderr


def test_an_ingest_whose_every_record_fails_leaves_no_database(place: Path) -> None:
    """Inputs that pass the first look and fail when read in full (every line of a .jsonl
    malformed, front matter that is not YAML) leave no database behind, with --json too;
    a database that was there before is kept as it was."""
    records = place / "records.jsonl"
    records.write_text('{"text": 5}\nnot json\n', encoding="utf-8")
    front = place / "front.md"
    front.write_text("---\ntitle: [unclosed\n---\nThe ferry will stop in March.\n",
                     encoding="utf-8")
    for args in ([str(records)], [str(front)], [str(records), str(front)],
                 [str(records), "--json"]):
        result = runner.invoke(app, ["ingest", *args, "--db", str(place / "made.db")])
        assert result.exit_code == 3, result.output
        assert not list(place.glob("made.db*")), args
    before = (place / "v.db").read_bytes()
    kept = runner.invoke(app, ["ingest", str(records), "--db", str(place / "v.db")])
    assert kept.exit_code == 3 and (place / "v.db").read_bytes() == before


def test_add_outlets_registers_nothing_when_no_input_reads(place: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    """`ingest FILE --add-outlets --outlet NAME` whose every file fails when read in full
    wrote sources.yaml (the whole packaged registry and NAME) and left the database, then
    said the outlet was unknown; now it says why the file failed and leaves neither. With
    one good file the outlet is registered and the article stored under it."""
    monkeypatch.chdir(place)
    late = place / "late.txt"
    late.write_bytes(b"The ferry will stop in March. " * 400 + b"\xff\xfe broken\n")
    result = runner.invoke(app, ["ingest", str(late), "--add-outlets", "--outlet",
                                 "Dorn Daily", "--db", str(place / "made.db")])
    assert result.exit_code == 3, result.output
    assert "late.txt: not valid UTF-8" in result.stderr and "unknown outlet" not in result.stderr
    assert not (place / "sources.yaml").exists() and not list(place.glob("made.db*"))
    mixed = runner.invoke(app, ["ingest", str(place / "velm.txt"), str(late), "--add-outlets",
                                "--outlet", "Dorn Daily", "--db", str(place / "made.db")])
    assert mixed.exit_code == 1, mixed.output
    assert "Dorn Daily (dorn-daily)" in mixed.stderr
    assert "id: dorn-daily" in (place / "sources.yaml").read_text(encoding="utf-8")


def test_a_refusal_after_the_database_is_made_leaves_none(place: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """A sources.yaml that cannot be written (--add-outlets) is refused once the database
    is open: the database made for the ingest is removed again."""
    from verifier.errors import ConfigError

    def refuse(*_: object) -> None:
        raise ConfigError("sources.yaml: cannot write the source registry (read-only)")

    monkeypatch.chdir(place)
    monkeypatch.setattr("verifier.review.registry_file.add_outlets", refuse)
    article = place / "dorn.md"
    article.write_text(f"---\noutlet: Velm Weekly\n---\n{TEXT}", encoding="utf-8")
    result = runner.invoke(app, ["ingest", str(article), "--add-outlets",
                                 "--db", str(place / "refused.db")])
    assert result.exit_code == 4, result.output
    assert "cannot write the source registry" in result.stderr
    assert not list(place.glob("refused.db*"))


@pytest.mark.parametrize("args", [
    ["--db", "", "claims", "list"], ["claims", "list", "--db", ""], ["claims", "list", "--db="],
    ["--db=", "claims", "show", "1"], ["ingest", "{tmp}/velm.txt", "--db", ""],
    ["users", "list", "--db", ""], ["sources", "list", "--sources", ""],
    ["--sources", "", "sources", "show", "reuters"], ["stories", "list", "--scoring", ""],
], ids=lambda a: " ".join(a))
def test_an_empty_database_or_file_option_is_bad_usage(place: Path, args: list[str],
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """`--db ""` (a variable that expanded to nothing) named no database and read or wrote
    ./verifier.db in its place; `--sources ""`, `--scoring ""` read the defaults. Each is
    bad usage now, in one line naming the option, and no database is made. An empty
    $VERIFIER_DB is no value (the default stands), as click reads every variable."""
    work = place / "empty-option"
    work.mkdir(exist_ok=True)
    monkeypatch.chdir(work)
    filled = [a.format(tmp=place) for a in args]
    result = runner.invoke(app, filled, env={"COLUMNS": "300"})
    assert result.exit_code == 2, result.output
    option = next(a.split("=")[0] for a in args if a.startswith("--") and a.split("=")[0] in (
        "--db", "--sources", "--scoring"))
    assert result.stderr.splitlines() == [
        f"verifier: error: {option} is empty: " + {
            "--db": "give a database path or URL, or leave --db out for $VERIFIER_DB or "
                    "./verifier.db",
            "--sources": "give a registry file, or leave --sources out for $VERIFIER_SOURCES, "
                         "./sources.yaml or the packaged registry",
            "--scoring": "give a scoring file, or leave --scoring out for the packaged "
                         "weights"}[option]]
    assert not result.stdout and not list(work.iterdir())


def test_an_empty_database_option_is_refused_on_the_quick_reads_too(place: Path) -> None:
    """The reads that run without Typer leave an empty --db to it (they read ./verifier.db)."""
    import subprocess
    import sys

    work = place / "empty-fast"
    work.mkdir(exist_ok=True)
    for args in (["--db", "", "claims", "list"], ["claims", "show", "1", "--db", ""],
                 ["--db=", "articles", "list"], ["report", "--story", "1", "--db="]):
        done = subprocess.run([sys.executable, "-m", "verifier", *args], cwd=work,
                              capture_output=True, text=True, timeout=120, check=False)
        assert done.returncode == 2, (args, done.stderr)
        assert done.stderr.startswith("verifier: error: --db is empty: "), done.stderr
        assert len(done.stderr.splitlines()) == 1 and not list(work.iterdir())


def test_every_record_of_one_file_failing_counts_records_not_inputs(place: Path) -> None:
    """A JSON Lines file whose three records fail was said as 'none of the 3 inputs could
    be read' (one input was given): the records are counted as records, and inputs as
    inputs when several files' records failed. A 'text' that is not a string says what it
    is (was 'missing or empty')."""
    records = place / "three.jsonl"
    records.write_text('{"text": 5}\nnot json\n{"title": "x"}\n', encoding="utf-8")
    one = runner.invoke(app, ["ingest", str(records), "--db", str(place / "counted.db")])
    assert one.exit_code == 3, one.output
    assert one.stderr.splitlines() == [
        f"verifier: error: {records}:1: field 'text': expected text, not a number",
        f"verifier: error: {records}:2: not valid JSON (Expecting value at column 1)",
        f"verifier: error: {records}:3: field 'text' is missing or empty",
        f"verifier: error: none of the 3 records in {records} could be read; nothing was "
        "stored"]
    two = runner.invoke(app, ["ingest", str(records), str(place / "missing.txt"), "--db",
                              str(place / "counted.db")])
    assert two.exit_code == 3, two.output
    assert two.stderr.splitlines()[-1] == ("verifier: error: none of the 2 inputs could be "
                                           "read (4 failures); nothing was stored")
    assert not list(place.glob("counted.db*"))


def test_fact_checks_whose_every_record_fails_count_records_not_inputs(place: Path) -> None:
    """`factchecks import` of one file of three bad ClaimReviews said 'none of the 3 inputs
    could be read', as ingest did for a JSON Lines file's records."""
    reviews = place / "three.json"
    reviews.write_text('[{"@type": "ClaimReview", "claimReviewed": ""}, '
                       '{"@type": "ClaimReview", "claimReviewed": "x"}, '
                       '{"@type": "ClaimReview", "claimReviewed": "y", '
                       '"reviewRating": {"alternateName": "False"}}]', encoding="utf-8")
    one = runner.invoke(app, ["factchecks", "import", str(reviews), "--db",
                              str(place / "checks.db")])
    assert one.exit_code == 3, one.output
    assert one.stderr.splitlines()[-1] == (f"verifier: error: none of the 3 records in "
                                           f"{reviews} could be read; nothing was stored")
    two = runner.invoke(app, ["factchecks", "import", str(reviews), str(place / "missing.json"),
                              "--db", str(place / "checks.db")])
    assert two.exit_code == 3, two.output
    assert two.stderr.splitlines()[-1] == ("verifier: error: none of the 2 inputs could be "
                                           "read (4 failures); nothing was stored")
    assert not list(place.glob("checks.db*"))


def test_one_input_failing_when_read_in_full_is_one_line(place: Path) -> None:
    """A Markdown file with nothing after its front matter passes the first look and fails
    when read: it was said in two lines (the failure, then 'it could not be read; nothing
    was stored'); now in one, as a file the first look refuses. With --json the failure is
    still said on stderr; among other inputs each failure keeps its own line."""
    bodyless = place / "bodyless.md"
    bodyless.write_text("---\ntitle: x\n---\n", encoding="utf-8")
    alone = runner.invoke(app, ["ingest", str(bodyless), "--db", str(place / "alone.db")])
    assert alone.exit_code == 3, alone.output
    assert alone.stderr.splitlines() == [
        f"verifier: error: {bodyless}: no article text after the front matter; nothing was "
        "stored"]
    assert not alone.stdout and not list(place.glob("alone.db*"))
    as_json = runner.invoke(app, ["ingest", str(bodyless), "--json", "--db",
                                  str(place / "alone.db")])
    assert as_json.exit_code == 3
    assert as_json.stderr.splitlines() == [
        f"verifier: error: {bodyless}: no article text after the front matter"]
    mixed = runner.invoke(app, ["ingest", str(bodyless), str(place / "velm.txt"), "--db",
                                str(place / "alone.db")])
    assert mixed.exit_code == 1, mixed.output
    assert mixed.stderr.splitlines()[0] == (f"verifier: error: {bodyless}: no article text "
                                            "after the front matter")
