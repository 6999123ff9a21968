"""The command line fed bad input: every case is one line on stderr, a fixed exit code, no
traceback, and nothing written."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from verifier.cli import app
from verifier.errors import ExitCode

TEXT = "The council said the bridge will reopen on Monday.\nFerries will run until then.\n"
GOOD = {"doc": "a", "i": 0, "text": "The council said the bridge will reopen on Monday.",
        "claim": True, "sourcing": [{"kind": "official", "source": "The council"}],
        "certainty": "certain"}
STORY = {"story": "bridge", "doc": "a", "sentences": [0], "outcome": None}


def run(args: list[str]) -> tuple[int, str]:
    result = CliRunner().invoke(app, args)
    assert result.exception is None or isinstance(result.exception, SystemExit), (
        f"{args}: {result.exception!r}")
    return result.exit_code, result.output


def one_error_line(output: str) -> str:
    lines = [line for line in output.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("verifier: error: "), output
    assert "Traceback" not in output
    return lines[0]


def corpus(tmp_path: Path, label_lines: list[str], story_lines: list[str] | None = None) -> Path:
    (tmp_path / "c").mkdir()
    (tmp_path / "c" / "a.txt").write_text(TEXT, encoding="utf-8")
    labels = tmp_path / "c.labels.jsonl"
    labels.write_text("".join(line + "\n" for line in label_lines), encoding="utf-8")
    stories = tmp_path / "c.stories.jsonl"
    stories.write_text("".join(line + "\n" for line in story_lines or [json.dumps(STORY)]),
                       encoding="utf-8")
    return stories


@pytest.mark.parametrize(("line", "says"), [
    ("[1, 2]", "line 1: expected a label object, got [1, 2]"),
    ("null", "line 1: expected a label object, got null"),
    ('"text"', "expected a label object"),
    (json.dumps({**GOOD, "i": "zero"}), "field 'i': expected a sentence number"),
    (json.dumps({**GOOD, "i": -1}), "field 'i': expected a sentence number"),
    ('{"doc": "a", "i": 1e400, "text": "x", "claim": true}', "got inf"),
    (json.dumps({**GOOD, "claim": "yes"}), "field 'claim': expected true or false"),
    (json.dumps({**GOOD, "certainty": "sure"}), "field 'certainty': \"sure\" is not one of"),
    (json.dumps({**GOOD, "sourcing": "official"}), "field 'sourcing': expected a list"),
    (json.dumps({**GOOD, "sourcing": [{"kind": "wizard"}]}), "kind \"wizard\" is not one of"),
    (json.dumps({**GOOD, "sourcing": ["official"]}), "kind \"official\" is not one of"),
    (json.dumps({**GOOD, "doc": "../../etc/passwd"}), "field 'doc': expected a file name"),
    (json.dumps({**GOOD, "doc": 5}), "field 'doc': expected a file name"),
    (json.dumps({k: v for k, v in GOOD.items() if k != "text"}), "field 'text': missing"),
])
def test_eval_refuses_a_malformed_label_line_by_line_and_field(
    tmp_path: Path, line: str, says: str
) -> None:
    corpus(tmp_path, [line])
    code, output = run(["eval", str(tmp_path / "c.labels.jsonl"), "--texts",
                        str(tmp_path / "c")])
    assert code == ExitCode.INPUT
    message = one_error_line(output)
    assert "c.labels.jsonl: line 1: " in message and says in message, message


def test_eval_refuses_a_sentence_labelled_twice_and_an_empty_file(tmp_path: Path) -> None:
    corpus(tmp_path, [json.dumps(GOOD), json.dumps(GOOD)])
    labels = str(tmp_path / "c.labels.jsonl")
    code, output = run(["eval", labels, "--texts", str(tmp_path / "c")])
    assert code == ExitCode.INPUT
    assert "line 2: sentence 0 of 'a' is labelled twice (also line 1)" in one_error_line(output)
    Path(labels).write_text("", encoding="utf-8")
    code, output = run(["eval", labels, "--texts", str(tmp_path / "c")])
    assert code == ExitCode.INPUT and "file is empty" in one_error_line(output)


def test_eval_of_good_labels_still_scores(tmp_path: Path) -> None:
    corpus(tmp_path, [json.dumps(GOOD)])
    code, output = run(["eval", str(tmp_path / "c.labels.jsonl"), "--texts",
                        str(tmp_path / "c"), "--json"])
    assert code == 0, output
    assert json.loads(output)["sentences"]["gold"] == 1


@pytest.mark.parametrize(("line", "says"), [
    ("[1]", "line 1: expected a story object"),
    ("null", "line 1: expected a story object"),
    (json.dumps({"story": 5, "doc": "a", "sentences": [0]}), "field 'story'"),
    (json.dumps({"story": "s", "doc": "a"}), "field 'sentences': expected a list"),
    (json.dumps({"story": "s", "doc": "a", "sentences": "all"}), "field 'sentences'"),
    (json.dumps({"story": "s", "doc": "a", "sentences": [0.5]}), "got 0.5"),
    (json.dumps({"story": "s", "doc": "a", "sentences": [True]}), "got true"),
    (json.dumps({"story": "s", "sentences": [0]}), "field 'doc'"),
    (json.dumps({"story": "s", "doc": "a", "sentences": [7]}),
     "story 's': sentence 7 of 'a' is not in the labels"),
    (json.dumps({"story": "s", "doc": "a", "sentences": [0], "outcome": "maybe"}),
     "outcome 'maybe' (expected confirmed, refuted, disputed or null)"),
    (json.dumps({"story": "s", "doc": "a", "sentences": [0], "outcome": ["refuted"]}),
     "outcome ['refuted']"),
])
def test_eval_stories_refuses_a_malformed_story_line(tmp_path: Path, line: str, says: str) -> None:
    stories = corpus(tmp_path, [json.dumps(GOOD)], [line])
    code, output = run(["eval-stories", str(stories), "--no-scores"])
    assert code == ExitCode.INPUT
    message = one_error_line(output)
    assert "c.stories.jsonl" in message and says in message, message


def test_eval_stories_names_the_file_that_is_missing_or_bad(tmp_path: Path) -> None:
    code, output = run(["eval-stories", str(tmp_path / "none.stories.jsonl")])
    assert code == ExitCode.INPUT
    assert "none.stories.jsonl: no such file" in one_error_line(output)
    stories = corpus(tmp_path, ["[1]"])
    code, output = run(["eval-stories", str(stories), "--no-scores"])
    assert code == ExitCode.INPUT
    assert "c.labels.jsonl: line 1: expected a label object" in one_error_line(output)
    stories.write_text("\n", encoding="utf-8")
    code, output = run(["eval-stories", str(stories), "--no-scores"])
    assert code == ExitCode.INPUT and "file is empty" in one_error_line(output)


def _add(registry: Path | str, source_id: str = "harbour-news") -> tuple[int, str]:
    name = source_id.replace("-", " ").title()
    return run(["sources", "add", source_id, "--name", name, "--kind", "newspaper",
                "--sources", str(registry)])


def test_sources_add_on_an_unreadable_or_unwritable_registry_is_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "folder"
    folder.mkdir()
    binary = tmp_path / "binary.yaml"
    binary.write_bytes(b"\x99\xff\x00" * 10)
    for registry, says in ((folder, "source registry is a directory, not a file"),
                           (binary, "is not UTF-8 text"),
                           (tmp_path / "no" / "s.yaml",
                            "cannot write the source registry (No such file or directory)")):
        code, output = _add(registry)
        assert code == ExitCode.CONFIG and says in one_error_line(output), output
    assert binary.read_bytes() == b"\x99\xff\x00" * 10
    assert not (tmp_path / "no").exists()

    registry = tmp_path / "sources.yaml"
    assert _add(registry, "first-news")[0] == 0
    registry.chmod(0o644)
    before = registry.read_bytes()

    def refuse(*args: object) -> None:
        raise OSError(30, "Read-only file system")

    monkeypatch.setattr("os.replace", refuse)
    code, output = _add(registry)
    assert code == ExitCode.CONFIG
    assert "cannot write the source registry (Read-only file system); it is unchanged" in (
        one_error_line(output))
    assert registry.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".sources-")] == []


def test_an_invalid_first_edit_creates_no_registry_file(tmp_path: Path) -> None:
    """With no sources.yaml yet, an edit starts from the packaged registry; an invalid one
    writes nothing (before, the copy was made first and left behind)."""
    registry = tmp_path / "sources.yaml"
    code, output = _add(registry, "Bad Id!")
    assert code == ExitCode.USAGE and "id 'Bad Id!': an id is lower-case" in one_error_line(output)
    assert not registry.exists() and list(tmp_path.iterdir()) == []
    assert _add(registry, "first-news")[0] == 0
    assert registry.stat().st_mode & 0o777 == 0o644
    assert "first-news" in registry.read_text(encoding="utf-8")


def test_sources_add_keeps_the_registry_file_mode(tmp_path: Path) -> None:
    registry = tmp_path / "sources.yaml"
    assert _add(registry, "first-news")[0] == 0
    registry.chmod(0o644)
    assert _add(registry)[0] == 0
    assert registry.stat().st_mode & 0o777 == 0o644


ENTRY = """sources:
  - id: harbour-news
    name: Harbour News
    kind: newspaper
    url: {url}
    prior: {{confirmed: 1, refuted: 1, note: "invented for a test"}}
"""


@pytest.mark.parametrize(("text", "says"), [
    (ENTRY.format(url="https://harbour.example") + "extra: 1\n",
     "unknown section 'extra' (a registry holds only 'sources')"),
    (ENTRY.format(url="'javascript:alert(1)'"),
     "entry 1 (harbour-news): field 'url': 'javascript:alert(1)' is not an http(s) url"),
    (ENTRY.format(url="'data:text/html,x'"), "field 'url': 'data:text/html,x' is not"),
    (ENTRY.format(url="harbour.example"), "field 'url': 'harbour.example' is not"),
])
def test_sources_check_refuses_unknown_sections_and_non_http_urls(
    tmp_path: Path, text: str, says: str
) -> None:
    registry = tmp_path / "sources.yaml"
    registry.write_text(text, encoding="utf-8")
    code, output = run(["sources", "check", "--sources", str(registry)])
    assert code == ExitCode.CONFIG and says in one_error_line(output), output
    registry.write_text(ENTRY.format(url="https://harbour.example"), encoding="utf-8")
    assert run(["sources", "check", "--sources", str(registry)])[0] == 0


def test_a_key_given_twice_in_a_yaml_file_is_an_error_that_says_where(tmp_path: Path) -> None:
    registry = tmp_path / "sources.yaml"
    registry.write_text(ENTRY.format(url="https://harbour.example").replace(
        "    kind: newspaper\n", "    kind: newspaper\n    kind: news_agency\n"),
        encoding="utf-8")
    code, output = run(["sources", "check", "--sources", str(registry)])
    assert code == ExitCode.CONFIG
    assert "is not valid YAML at line 5: key 'kind' is given twice" in one_error_line(output)

    from verifier.config import data_path

    weights = data_path("scoring.yaml").read_text(encoding="utf-8")
    scoring = tmp_path / "scoring.yaml"
    scoring.write_text(weights.replace("\nbase: ", "\nbase: 0.1\nbase: ", 1), encoding="utf-8")
    code, output = run(["report", "--scoring", str(scoring), "--db", str(tmp_path / "x.db")])
    assert code == ExitCode.CONFIG and "key 'base' is given twice" in one_error_line(output)


def test_invalid_yaml_says_what_is_wrong(tmp_path: Path) -> None:
    registry = tmp_path / "sources.yaml"
    registry.write_text("sources: [\n", encoding="utf-8")
    code, output = run(["sources", "check", "--sources", str(registry)])
    assert code == ExitCode.CONFIG
    assert "not valid YAML at line 2: did not find expected node content" in one_error_line(
        output)
    registry.write_text("sources:\n  - !!python/object/apply:os.system ['true']\n",
                        encoding="utf-8")
    code, output = run(["sources", "check", "--sources", str(registry)])
    assert code == ExitCode.CONFIG and "could not determine a constructor" in output


def test_ingest_of_folders_without_an_article_file_says_so(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    (tmp_path / "scans").mkdir()
    (tmp_path / "scans" / "page.pdf").write_bytes(b"%PDF-1.4")
    db = tmp_path / "v.db"
    code, output = run(["ingest", "--db", str(db), str(tmp_path / "empty"),
                        str(tmp_path / "scans")])
    assert code == ExitCode.INPUT
    message = one_error_line(output)
    assert "no article files (" in message and ".txt" in message and "nothing was stored" in (
        message)
    assert not db.exists()


@pytest.mark.parametrize("content", [b"\x99garbage\x00" * 500, b"SQLite format 3\x00garbage"])
def test_db_verify_on_a_file_that_is_not_a_database_is_one_line(
    tmp_path: Path, content: bytes,
) -> None:
    """`db verify` opened its own connection outside the one-line translation: a traceback."""
    bad = tmp_path / "bad.db"
    bad.write_bytes(content)
    code, output = run(["db", "verify", "--db", str(bad)])
    assert code == ExitCode.DATABASE
    assert "is not a SQLite database" in one_error_line(output)
    assert bad.read_bytes() == content


def test_sources_show_with_a_folder_as_database_is_one_line(tmp_path: Path) -> None:
    """No database file: the registry entry alone; a folder given as --db is an error (it
    was taken for a missing file and ignored)."""
    code, output = run(["sources", "show", "reuters", "--db", str(tmp_path / "none.db")])
    assert code == 0 and "Reuters" in output
    code, output = run(["sources", "show", "reuters", "--db", str(tmp_path)])
    assert code == ExitCode.DATABASE
    assert "is a directory, not a database file" in one_error_line(output)


def test_users_add_without_a_terminal_is_one_line(tmp_path: Path) -> None:
    """No terminal to ask the password on (a script, a cron job): one line saying what to use
    instead; before, getpass warned twice and read standard input with echo."""
    import subprocess
    import sys

    process = subprocess.run(
        [sys.executable, "-m", "verifier", "users", "add", "bob", "--db", str(tmp_path / "u.db")],
        stdin=subprocess.DEVNULL, capture_output=True, timeout=600, check=False,
        start_new_session=True,  # no controlling terminal
    )
    message = process.stderr.decode()
    assert process.returncode == ExitCode.USAGE, message
    assert message == ("verifier: error: no terminal to ask the password on (use "
                       "--password-stdin in scripts)\n")
