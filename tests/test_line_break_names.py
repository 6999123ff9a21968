"""A file whose name holds a line break (a shell allows one: ``touch $'a\\nb.txt'``): every
error, warning, table row and detail line naming it stays one line, the break shown as
``\\n``. Each was two lines (an error read as an error and a stray line after it)."""

from __future__ import annotations

from pathlib import Path

from tests.cli_helpers import run
from verifier.review.names import article_label
from verifier.textsafe import one_line


def test_a_line_break_in_a_name_is_shown_not_obeyed(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "harbour\nnotes.txt").write_text("", encoding="utf-8")
    (folder / "ferry\nreport.txt").write_text(
        "The harbour master said the ferry would sail on Monday.\n", encoding="utf-8")
    db = str(tmp_path / "desk.db")
    code, _, err = run("ingest", str(folder), "--db", db)
    assert code == 1
    errors = [line for line in err.splitlines() if line.startswith("verifier: error:")]
    assert errors == [f"verifier: error: {folder}/harbour\\nnotes.txt: file is empty"]
    warned = [line for line in err.splitlines() if "no outlet found" in line]
    assert len(warned) == 1 and "ferry\\nreport.txt: no outlet found" in warned[0]
    assert all(line.startswith("verifier: ") for line in err.splitlines()
               if "notes" in line or "report.txt" in line)
    code, out, _ = run("articles", "list", "--db", db)
    assert code == 0 and "(untitled) ferry\\nreport.txt" in out, out
    assert not any(line.strip() == "report.txt" for line in out.splitlines())
    code, out, _ = run("articles", "show", "1", "--db", db)
    assert code == 0 and "ferry\\nreport.txt" in out.replace("\n", ""), out
    assert not any(line.strip().startswith("report.txt") for line in out.splitlines())
    code, _, err = run("analyze", str(folder / "harbour\nnotes.txt"))
    assert code != 0 and err.strip() == (
        f"verifier: error: {folder}/harbour\\nnotes.txt: file is empty")


def test_one_line_and_the_label_keep_everything_else() -> None:
    assert one_line("a\tb\nc\r") == "a\tb\\nc\\r"
    assert article_label(None, "/in/plain name.txt") == "(untitled) plain name.txt"
    assert article_label(None, "/in/two\nlines.txt") == "(untitled) two\\nlines.txt"
    assert article_label("A title", "/in/two\nlines.txt") == "A title"
