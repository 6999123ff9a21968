"""The outlet a bare text names (datelines, wire credits, copyright lines) and its headline."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from verifier.cli import app
from verifier.ingest.metadata import found_outlet, headline
from verifier.registry import Registry


@pytest.mark.parametrize(("text", "outlet"), [
    ("Harbour fees to rise\nBRUSSELS, March 4 (Reuters) - The port of Velm will raise fees.\n",
     "reuters"),
    ("WASHINGTON (AP) — The council voted on Tuesday to close the bridge.\n", "ap"),
    ("SEOUL, March 3 (Yonhap) -- The ministry announced a new plan on Monday.\n", "yonhap"),
    ("MOSCOW, March 4. /TASS/. The ministry said the talks would resume.\n", "tass"),
    ("The council voted to close the bridge.\nIt reopens in May.\n"
     "© 2025 Agence France-Presse. All rights reserved.\n", "afp"),
    ("The council voted to close the bridge.\n(Reporting by Ana Lind; Editing by Tom Reyes)\n",
     "reuters"),
])
def test_wire_credits_and_copyright_lines_name_the_outlet(
    registry: Registry, text: str, outlet: str
) -> None:
    found = found_outlet(text, registry)
    assert found is not None and found.source.id == outlet
    assert found.evidence in text


@pytest.mark.parametrize("text", [
    "The council voted to close the bridge (for repairs) - it said.\n",
    "LONDON, May 2 (Velm Gazette) - A paper the registry does not know.\n",
])
def test_no_outlet_is_guessed(registry: Registry, text: str) -> None:
    assert found_outlet(text, registry) is None


def test_the_headline_is_the_first_line_that_reads_like_one() -> None:
    text = ("Skip to content\nPort of Velm to raise harbour fees next year\n"
            "The port of Velm will raise its fees by a tenth, its board said.\n")
    assert headline(text) == "Port of Velm to raise harbour fees next year"
    assert headline("The port of Velm will raise its fees, its board said.\n") is None
    assert headline("Port of Velm to raise harbour fees next year\n") is None


def test_ingest_finds_outlet_and_title_and_warns_when_there_is_none(tmp_path: Path) -> None:
    wire = tmp_path / "wire.txt"
    wire.write_text("Port of Velm to raise harbour fees\nVELM, March 4 (Reuters) - The port of "
                    "Velm will raise its fees next year, two people familiar with the plan "
                    "said.\n", encoding="utf-8")
    bare = tmp_path / "bare.txt"
    bare.write_text("Velm ferry to stop in winter\nThe Velm ferry will stop running in "
                    "winter, a person familiar with the timetable said.\n", encoding="utf-8")
    other = tmp_path / "other.txt"
    other.write_text("Velm bridge to close for repairs\nThe Velm bridge will close for "
                     "repairs in May, sources said.\n", encoding="utf-8")
    db = str(tmp_path / "v.db")
    runner = CliRunner()
    result = runner.invoke(app, ["ingest", str(wire), str(bare), str(other), "--db", db])
    assert result.exit_code == 0, result.output
    assert f"warning: {bare}: no outlet found" in result.output
    assert f"warning: {wire}" not in result.output
    result = runner.invoke(app, ["articles", "list", "--db", db, "--json"])
    assert result.exit_code == 0, result.output
    articles = {a["title"]: a for a in json.loads(result.output)}
    assert articles["Port of Velm to raise harbour fees"]["outlet"] == "Reuters"
    assert articles["Velm ferry to stop in winter"]["outlet"] is None

    from sqlalchemy import select

    from verifier.store.database import open_database
    from verifier.store.models import Source

    with open_database(db) as database, database.session_scope(write=False) as session:
        unnamed = set(session.scalars(select(Source.key).where(
            Source.kind == "unnamed_via_outlet")))
    # Reuters' anonymous sources, and one record for each outlet-less article: never pooled
    assert "unnamed-via:reuters" in unnamed
    assert len([k for k in unnamed if k.startswith("unnamed-via:unknown:")]) == 2
