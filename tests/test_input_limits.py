"""Inputs that used to hang, crash or exhaust memory: each is now read, or refused with one
line naming the file, entry or field (through the CLI, as a user meets them)."""

from __future__ import annotations

import json
import os
import re
import signal
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from verifier.analysis.segment import _rules, segment
from verifier.cli import app

runner = CliRunner()
MAX_SENTENCE = _rules().max_chars
SENTENCE = "The ministry said on Monday that talks would resume in May."
TOO_BIG = str(2**63)


def run(*args: str, code: int = 0) -> tuple[str, str]:
    result = runner.invoke(app, list(args))
    assert result.exit_code == code, (result.stdout, result.stderr)
    return result.stdout, result.stderr


@pytest.fixture
def deadline() -> Iterator[None]:
    """Fail (instead of hanging the suite) if a read blocks."""

    def expired(*_: object) -> None:
        raise TimeoutError("the command blocked")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.alarm(30)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, previous)


def test_a_fifo_and_a_device_in_a_folder_are_refused_and_the_rest_stored(
    tmp_path: Path, deadline: None
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    os.mkfifo(folder / "a-pipe.jsonl")
    (folder / "b-zero.jsonl").symlink_to("/dev/zero")
    (folder / "c-zero.txt").symlink_to("/dev/zero")
    (folder / "d-good.jsonl").write_text(json.dumps({"text": SENTENCE}) + "\n")
    db = str(tmp_path / "v.db")
    out, err = run("ingest", str(folder), "--db", db, code=1)
    assert "Stored 1 article" in out
    assert "a-pipe.jsonl: not a regular file (a FIFO); only regular files are read" in err
    assert "b-zero.jsonl: not a regular file (a device)" in err
    assert "c-zero.txt: not a regular file (a device)" in err
    _, err = run("analyze", str(folder / "a-pipe.jsonl"), code=3)
    assert "not a regular file (a FIFO)" in err and err.count("\n") == 1


def test_a_jsonl_line_over_the_limit_is_skipped_without_being_held(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import verifier.ingest.readers as readers

    monkeypatch.setattr(readers, "MAX_BYTES", 5000)
    path = tmp_path / "big.jsonl"
    with path.open("w", encoding="utf-8") as handle:
        handle.write(json.dumps({"text": SENTENCE}) + "\n")
        handle.write(json.dumps({"text": "x " * 40_000}) + "\n")
        handle.write(json.dumps({"text": SENTENCE.replace("May", "June")}) + "\n")
    out, err = run("ingest", str(path), "--db", str(tmp_path / "v.db"), code=1)
    assert "Stored 2 articles" in out
    assert "big.jsonl:2: line is too large (the limit is 0 MB per article)" in err


def test_a_text_file_over_the_limit_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import verifier.ingest.textfile as textfile

    monkeypatch.setattr(textfile, "MAX_BYTES", 1000)
    path = tmp_path / "big.txt"
    path.write_text(SENTENCE * 100)
    _, err = run("analyze", str(path), code=3)
    assert "big.txt: file is too large" in err


def test_a_bad_jsonl_line_says_what_and_where_in_full(tmp_path: Path) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_bytes(b'{"text": "a \x01 b"}\n{"text": \n')
    _, err = run("ingest", str(path), "--db", str(tmp_path / "v.db"), code=3)  # none read
    assert "bad.jsonl:1: not valid JSON (Invalid control character at column 13)" in err
    assert "bad.jsonl:2: not valid JSON (Expecting value at column 11)" in err


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-32"])
def test_utf16_and_utf32_with_a_byte_order_mark_are_read(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "a.txt"
    bom = {"utf-16-le": b"\xff\xfe", "utf-16-be": b"\xfe\xff"}.get(encoding, b"")
    path.write_bytes(bom + SENTENCE.encode(encoding))
    out, _ = run("analyze", str(path), "--json")
    assert json.loads(out)[0]["sentences"][0]["text"] == SENTENCE
    db = str(tmp_path / "v.db")
    run("ingest", str(path), "--db", db)
    shown = json.loads(run("articles", "show", "1", "--json", "--db", db)[0])
    assert SENTENCE in json.dumps(shown)


def test_broken_utf16_and_real_binary_are_still_refused(tmp_path: Path) -> None:
    broken = tmp_path / "broken.txt"
    broken.write_bytes(b"\xff\xfe" + "ok".encode("utf-16-le") + b"\x00\xd8")  # lone surrogate
    _, err = run("analyze", str(broken), code=3)
    assert "not valid UTF-16" in err
    binary = tmp_path / "binary.txt"
    binary.write_bytes(b"\x89PNG\x00\x00\x00")
    _, err = run("analyze", str(binary), code=3)
    assert "looks like a binary file" in err


@pytest.mark.parametrize("depth", [300, 5000])
def test_deeply_nested_html_is_read(tmp_path: Path, depth: int) -> None:
    path = tmp_path / "deep.html"
    path.write_text("<html><head><title>Deep page</title><script>var x = 1;</script></head>"
                    "<body>" + "<div>" * depth + f"<p>{SENTENCE}</p>" + "</div>" * depth +
                    "</body></html>")
    out, _ = run("analyze", str(path), "--json")
    assert [s["text"] for s in json.loads(out)[0]["sentences"]] == [SENTENCE]
    db = str(tmp_path / "v.db")
    run("ingest", str(path), "--db", db)
    shown = json.dumps(json.loads(run("articles", "show", "1", "--json", "--db", db)[0]))
    assert "Deep page" in shown and "var x" not in shown


def test_deep_html_without_text_says_so(tmp_path: Path) -> None:
    path = tmp_path / "empty.html"
    path.write_text("<html><body>" + "<div>" * 400 + "</div>" * 400 + "</body></html>")
    _, err = run("analyze", str(path), code=3)
    assert "no article text found in the HTML (nested 402 levels deep)" in err


def test_an_unpunctuated_run_is_cut_into_bounded_sentences() -> None:
    words = ("officials said talks " * 20_000).strip()
    text = "Intro line.\n" + words + "\nLast line."
    sentences = segment(text)
    assert all(len(s.text) <= MAX_SENTENCE for s in sentences)
    assert all(text[s.start:s.end] == s.text for s in sentences)
    middle = [s for s in sentences if s.text not in ("Intro line.", "Last line.")]
    assert len(middle) >= len(words) // MAX_SENTENCE
    assert " ".join(s.text for s in middle) == words  # cut at spaces: nothing lost
    no_spaces = "x" * (MAX_SENTENCE * 3 + 5)
    assert [len(s.text) for s in segment(no_spaces)] == [MAX_SENTENCE] * 3 + [5]


def test_a_long_unpunctuated_article_is_analysed_and_stored(tmp_path: Path) -> None:
    path = tmp_path / "long.txt"
    # 91 KB, 76 times the sentence limit: long enough for what is tested (5,000 repeats cost
    # 4.6 s of CPU, the suite's slowest analysis)
    path.write_text("the ministry said talks would resume according to officials " * 1500)
    out, _ = run("analyze", str(path), "--json")
    sentences = json.loads(out)[0]["sentences"]
    assert len(sentences) > 50 and max(len(s["text"]) for s in sentences) <= MAX_SENTENCE
    run("ingest", str(path), "--db", str(tmp_path / "v.db"))


@pytest.fixture(scope="module")
def one_article(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("one")
    article = folder / "a.txt"
    article.write_text(SENTENCE)
    run("ingest", str(article), "--db", str(folder / "v.db"))
    return folder / "v.db"


@pytest.mark.parametrize("command", [
    ["claims", "show", TOO_BIG], ["claims", "mark", TOO_BIG, "confirmed", "--evidence", "e",
                                  "--by", "a"],
    ["claims", "retract", TOO_BIG, "--evidence", "e", "--by", "a"],
    ["claims", "list", "--offset", TOO_BIG], ["stories", "show", TOO_BIG],
    ["stories", "mark", TOO_BIG, "confirmed", "--evidence", "e", "--by", "a"],
    ["report", "--article", TOO_BIG], ["report", "--story", TOO_BIG],
    ["articles", "show", TOO_BIG],
])
def test_ids_past_64_bits_are_a_clear_error(one_article: Path, command: list[str]) -> None:
    db = one_article  # refused before anything is written: one database for them all
    result = runner.invoke(app, [*command, "--db", str(db)])
    assert result.exit_code == 2, (result.stdout, result.stderr)
    assert "a number is too large" in result.stderr and "Traceback" not in result.stderr


PRIOR = "    prior: {{confirmed: {value}, refuted: 2, note: test}}\n"


@pytest.mark.parametrize("value", [".nan", ".inf", "-.inf", "0", "-1", "1e9", "'many'"])
def test_registry_priors_must_be_finite_and_in_range(tmp_path: Path, value: str) -> None:
    path = tmp_path / "sources.yaml"
    path.write_text("sources:\n  - id: wire\n    name: Wire\n    kind: news_agency\n"
                    + PRIOR.format(value=value))
    _, err = run("sources", "check", "--sources", str(path), code=4)
    assert f"{path}: entry 1 (wire): field 'prior.confirmed'" in err
    assert "is not a number above 0 and at most 1e+06" in err
    article = tmp_path / "a.txt"
    article.write_text(SENTENCE)
    _, err = run("ingest", str(article), "--sources", str(path), "--db",
                 str(tmp_path / "v.db"), code=4)
    assert "field 'prior.confirmed'" in err


def test_registry_prior_unknown_keys_are_errors(tmp_path: Path) -> None:
    path = tmp_path / "sources.yaml"
    path.write_text("sources:\n  - id: wire\n    name: Wire\n    kind: news_agency\n"
                    "    prior: {confirmed: 1, refuted: 2, note: test, weight: 3}\n")
    _, err = run("sources", "check", "--sources", str(path), code=4)
    assert "field 'prior': unknown key 'weight'" in err


@pytest.mark.parametrize("value", ["-1000", ".nan", ".inf", "1e308"])
def test_scoring_numbers_must_be_finite_and_in_range(tmp_path: Path, value: str) -> None:
    from verifier.config import data_path

    scoring = tmp_path / "scoring.yaml"
    text = data_path("scoring.yaml").read_text(encoding="utf-8")
    changed, count = re.subn(r"\nbase: [^\n]*", f"\nbase: {value}", text, count=1)
    assert count == 1
    scoring.write_text(changed)
    article = tmp_path / "a.txt"
    article.write_text(SENTENCE)
    db = str(tmp_path / "v.db")
    run("ingest", str(article), "--db", db)
    _, err = run("stories", "list", "--scoring", str(scoring), "--db", db, code=4)
    assert f"{scoring}: field 'base'" in err and err.count("\n") == 1


@pytest.mark.parametrize("url", [
    "postgresql+psycopg://u@[::1", "postgresql+psycopg://u:secret@host:notaport/db",
])
def test_a_malformed_database_url_is_one_line(url: str) -> None:
    for command in (["claims", "list"], ["db", "current"], ["ingest", "x.txt"]):
        result = runner.invoke(app, [*command, "--db", url])
        assert result.exit_code == 5, (command, result.stdout, result.stderr)
        assert "is not a valid database URL" in result.stderr
        assert result.stderr.count("\n") == 1 and "secret" not in result.stderr


def test_a_run_of_letters_is_no_claim_and_is_read_at_once(tmp_path: Path) -> None:
    """A single line of 300,000 "x" became 250 claims (cut at the sentence limit, each a
    "claim"); a run of 100+ characters with no space that is no web address is not a claim
    (claims.no-words), and the whole file is read in well under a second."""
    import time

    path = tmp_path / "run.txt"
    path.write_text("Harbour bridge to close\n\n" + "x" * 300_000
                    + " The ferry will run every hour, the operator said.\n", encoding="utf-8")
    started = time.process_time()
    out, _ = run("analyze", str(path), "--json")
    spent = time.process_time() - started
    sentences = json.loads(out)[0]["sentences"]
    assert len(sentences) > 250
    claims = [s["text"] for s in sentences if s["claim"]]
    assert claims == ["Harbour bridge to close",
                      "The ferry will run every hour, the operator said."], claims[:3]
    assert {s["claim_rule"] for s in sentences if not s["claim"]} == {"claims.no-words"}
    assert spent < 1.0, spent
