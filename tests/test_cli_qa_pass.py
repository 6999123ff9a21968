"""Rough edges a fresh user's pass over the command line found (session 33), each checked
through the CLI on a temporary database with sentences written for this test."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from verifier.cli import app

TEXT = ("The Orrin valley tram will close for repairs in May, the city transport office "
        "said on Tuesday.\n\nDeputy mayor Lena Quist said the work would take six weeks.\n")
runner = CliRunner()


def test_a_folder_of_links_to_folders_is_read_through_them(tmp_path: Path) -> None:
    """A scratch folder of links to article folders (one way to pick a few sets) reads
    as those folders (was "no article files in ...": links to folders were not followed);
    a link back up the tree is read once, no loop."""
    articles = tmp_path / "articles"
    articles.mkdir()
    (articles / "tram.txt").write_text(TEXT, encoding="utf-8")
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    (scratch / "set-a").symlink_to(articles, target_is_directory=True)
    (scratch / "again").symlink_to(articles, target_is_directory=True)
    (articles / "up").symlink_to(scratch, target_is_directory=True)  # a loop
    result = runner.invoke(app, ["ingest", str(scratch), "--outlet", "none",
                                 "--db", str(tmp_path / "v.db")])
    assert result.exit_code == 0, result.output
    assert "Stored 1 article" in result.stdout, result.stdout


def test_a_command_option_given_before_the_command_says_where_it_goes() -> None:
    """`verifier --scoring F stories list` was "No such option: --scoring" although
    `stories list` takes it: only --db and --sources go either side of the command."""
    result = runner.invoke(app, ["--scoring", "mine.yaml", "stories", "list"],
                           env={"COLUMNS": "300"})
    assert result.exit_code == 2, result.output
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("verifier: error: --scoring goes after the command: "
                               "`verifier stories list --scoring ...`"), lines[0]
    elsewhere = runner.invoke(app, ["--limit", "5", "calibrate"])  # a command that does not
    assert "--limit goes after the command, not before it" in elsewhere.stderr
    assert "`verifier claims list`" in elsewhere.stderr, elsewhere.stderr
    nothing = runner.invoke(app, ["--no-such-thing", "claims", "list"])  # nobody takes it
    assert "No such option: --no-such-thing" in nothing.stderr, nothing.stderr


def test_a_bad_account_name_is_said_before_the_password_is_read(tmp_path: Path) -> None:
    """`users add 'copy desk'` asked for the password (twice, at a terminal), then said the
    name was bad; with nothing on standard input it said only that no password came."""
    result = runner.invoke(app, ["users", "add", "copy desk", "--password-stdin",
                                 "--db", str(tmp_path / "v.db")], input="")
    assert result.exit_code == 2, result.output
    assert "'copy desk' is not a user name" in result.stderr, result.stderr
    assert not (tmp_path / "v.db").exists()


def test_a_link_naming_a_user_before_its_host_says_why_it_is_refused(tmp_path: Path) -> None:
    """An https address with a user before its host was "is not an http(s) url", which it
    plainly looks like: the line now says what is wrong with it."""
    (tmp_path / "tram.jsonl").write_text(
        '{"text": "The tram office said the line reopens in June.", '
        '"url": "https://www.example.org@orrin.example/tram"}\n', encoding="utf-8")
    db = str(tmp_path / "v.db")
    result = runner.invoke(app, ["ingest", str(tmp_path / "tram.jsonl"), "--db", db])
    assert result.exit_code == 3, result.output
    assert ("is not an http(s) url (it names a user before its host with '@'"
            in result.stderr), result.stderr
    (tmp_path / "tram.txt").write_text(TEXT, encoding="utf-8")
    stored = runner.invoke(app, ["ingest", str(tmp_path / "tram.txt"), "--outlet", "none",
                                 "--db", db])
    assert stored.exit_code == 0, stored.output
    marked = runner.invoke(app, ["claims", "mark", "1", "confirmed", "--evidence",
                                 "The office's notice", "--by", "Ann", "--url",
                                 "https://notices.example\u200b/tram", "--db", db])
    assert marked.exit_code == 2, marked.output
    assert "it holds a space, a control or an invisible character" in marked.stderr
    plain = runner.invoke(app, ["claims", "mark", "1", "confirmed", "--evidence", "x",
                                "--by", "Ann", "--url", "ftp://notices.example/t", "--db", db])
    assert plain.stderr.strip().endswith("is not an http(s) url"), plain.stderr
