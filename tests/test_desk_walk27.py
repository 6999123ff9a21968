"""Session 27's mends for a newsroom desk: what a new user walking the README, a reviewer and
an admin at the desk, and an attacker found. Each is a test here (the command line through
CliRunner, the desk through its test client)."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from verifier.cli import app as cli

runner = CliRunner()

LINE = b"The harbour ferry will stop running in March, the harbour master said.\n"


def _one_error(result: object) -> str:
    lines = [line for line in result.stderr.splitlines() if line.strip()]  # type: ignore[attr-defined]
    assert len(lines) == 1 and lines[0].startswith("verifier: error: "), lines
    return lines[0]


def test_a_text_with_nul_bytes_past_its_first_8_kb_is_refused_as_binary(tmp_path: Path) -> None:
    """A NUL byte only after the first 8 KB was stored (only the first 8 KB were sniffed);
    now refused as one with NUL at its start: one line, nothing stored, no database left."""
    late = tmp_path / "late.txt"
    late.write_bytes(LINE * 200 + b"\x00\x01\x02\x03 binary tail")
    db = tmp_path / "v.db"
    result = runner.invoke(cli, ["ingest", str(late), "--db", str(db)])
    assert result.exit_code == 3, result.output
    said = _one_error(result)
    assert "late.txt: looks like a binary file, not text" in said and "nothing was stored" in said
    assert not db.exists()
    analysed = runner.invoke(cli, ["analyze", str(late)])
    assert analysed.exit_code == 3 and "looks like a binary file" in _one_error(analysed)


def test_a_json_lines_record_holding_a_nul_is_refused_and_the_rest_stored(tmp_path: Path) -> None:
    """A JSON Lines record whose text or title held "\\u0000" was stored on SQLite and, on
    PostgreSQL, failed the whole ingest (exit 5, the good records lost with it)."""
    text = LINE.decode()
    records = [{"text": text + "It held\u0000 a NUL."}, {"text": text, "title": "A\u0000B"},
               {"text": text.replace("March", "April")}]
    jsonl = tmp_path / "three.jsonl"
    jsonl.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    db = tmp_path / "v.db"
    result = runner.invoke(cli, ["ingest", str(jsonl), "--db", str(db), "--outlet", "none"])
    assert result.exit_code == 1, result.output
    assert "three.jsonl:1: field 'text' holds a NUL character" in result.stderr
    assert "three.jsonl:2: field 'title' holds a NUL character" in result.stderr
    assert "Stored 1 article" in result.stdout
