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
    # a bare credit after the place and date, also after a date stamp
    ("VELM, MAY 2, ARMENPRESS. The ministry said the bridge would reopen in June.\n",
     "armenpress"),
    ("2 May 2026 VELM, May 2, ARMENPRESS - The ministry said the bridge would reopen.\n",
     "armenpress"),
    # spaces and punctuation aside: "Kurdistan 24" is the registry's Kurdistan24
    ("ERBIL (Kurdistan 24) – The ministry said the bridge would reopen in June.\n",
     "kurdistan24"),
    # a closing credit after the last sentence
    ("The council voted to close the bridge.\nIt reopens in May. (Kyodo)\n", "kyodo"),
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
    # a picture's credit is not the copy's
    "Mayor Ana Lind (AP Photo) - The council voted to close the bridge.\n",
    "The council voted to close the bridge.\nThe bridge in May. (Reuters/File)\n",
    # a party's initials inside a sentence are no credit
    "VELM, May 2, Ana Lind of the Velm Party (AP) said the bridge would close.\n",
])
def test_no_outlet_is_guessed(registry: Registry, text: str) -> None:
    assert found_outlet(text, registry) is None


@pytest.mark.parametrize(("text", "name"), [
    ("HARBOURTON (Velm Gazette) — The port will raise its fees.\n", "Velm Gazette"),
    ("Velm, May 2 (VNA)-- The port will raise its fees.\n", "VNA"),
    ("The port will raise its fees.\nThe board agreed on Monday. (Velm Courier)\n",
     "Velm Courier"),
    ("The port will raise its fees.\nThe board agreed (VBC) on Monday.\n", None),
    ("On Monday, before the Velm Party's (VP) congress, the port raised fees.\n", None),
    ("Mayor Ana Lind (Velm Photo) – The port will raise its fees.\n", None),
    ("The port will raise its fees.\nThe board agreed. ( CLICK TO READ THE FULL PLAN)\n", None),
])
def test_a_credit_the_registry_does_not_know_is_named(text: str, name: str | None) -> None:
    from verifier.ingest.metadata import credited_name

    found = credited_name(text)
    assert (found.name if found else None) == name
    if found is not None:
        assert found.evidence in text


def test_ingest_names_an_unknown_credit_and_add_outlets_registers_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A fact-checker pastes a local station's wire copy: ingest says which credit it saw
    and gives the two commands; --add-outlets registers the name and the article gets it."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("VERIFIER_SOURCES", raising=False)
    paper = tmp_path / "in" / "station.txt"
    paper.parent.mkdir()
    paper.write_text("HARBOURTON (KVLM) — The port of Harbourton will raise its fees next "
                     "year, two people familiar with the plan said.\n\nThe board meets in "
                     "May.\n", encoding="utf-8")
    runner = CliRunner()
    result = runner.invoke(app, ["ingest", str(paper), "--db", "a.db"])
    assert result.exit_code == 0, result.output
    assert "its credit 'HARBOURTON (KVLM) —' names 'KVLM'" in result.output
    assert "`verifier sources add kvlm --name KVLM --kind newspaper`" in result.output
    assert "`verifier articles set 1 --outlet kvlm --by NAME`" in result.output
    result = runner.invoke(app, ["ingest", str(paper.parent), "--db", "b.db", "--add-outlets"])
    assert result.exit_code == 0, result.output
    assert "KVLM (kvlm)" in result.output and "no outlet found" not in result.output
    listed = runner.invoke(app, ["articles", "list", "--db", "b.db", "--json"])
    assert json.loads(listed.output)[0]["outlet"] == "KVLM"


def test_the_headline_is_the_first_line_that_reads_like_one() -> None:
    text = ("Skip to content\nPort of Velm to raise harbour fees next year\n"
            "The port of Velm will raise its fees by a tenth, its board said.\n")
    assert headline(text) == "Port of Velm to raise harbour fees next year"
    assert headline("The port of Velm will raise its fees, its board said.\n") is None
    assert headline("Port of Velm to raise harbour fees next year\n") is None
    # a byline the headline line carries is not the title
    assert headline("Port of Velm to raise harbour fees – by Ana Lind and Tom Reyes (Velm "
                    "Courier – May 2, 2026)\nThe port will raise its fees.\n") == \
        "Port of Velm to raise harbour fees"
    # a caption closed by its picture's credit is a sentence, not the title (a pasted page's
    # table cells: the seed article's title was its photo's caption)
    assert headline("![]() |\nA ferry leaves the port of Velm on Tuesday. / Velm Courier |\n"
                    "Port of Velm to raise harbour fees\nThe port will raise its fees.\n") == \
        "Port of Velm to raise harbour fees"
    assert headline("Port of Velm to raise harbour fees / Velm Courier\nThe port will "
                    "raise its fees.\n") == "Port of Velm to raise harbour fees / Velm Courier"


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


def test_outlet_none_says_the_publisher_is_not_known(tmp_path: Path) -> None:
    """A forwarded text whose publisher nobody knows: the warning says how to set an outlet
    later and how to say there is none; ``--outlet none`` stores it without one and quietly,
    but still names a text whose own credit the registry does not know."""
    bare = tmp_path / "forwarded.txt"
    bare.write_text("Velm ferry to stop in winter\nThe Velm ferry will stop running in "
                    "winter, a person familiar with the timetable said.\n", encoding="utf-8")
    station = tmp_path / "station.txt"
    station.write_text("HARBOURTON (KVLM) — The port of Harbourton will raise its fees next "
                       "year, two people familiar with the plan said.\n", encoding="utf-8")
    runner = CliRunner()
    result = runner.invoke(app, ["ingest", str(bare), "--db", str(tmp_path / "a.db")])
    assert result.exit_code == 0, result.output
    assert f"warning: {bare}: no outlet found" in result.output
    assert "`verifier articles set 1 --outlet OUTLET --by NAME`" in result.output
    assert "`--outlet none`" in result.output
    db = str(tmp_path / "b.db")
    result = runner.invoke(app, ["ingest", str(bare), str(station), "--outlet", "None",
                                 "--db", db])
    assert result.exit_code == 0, result.output
    assert str(bare) not in result.output
    assert f"warning: {station}: no outlet found: its credit" in result.output
    listed = runner.invoke(app, ["articles", "list", "--db", db, "--json"])
    assert [a["outlet"] for a in json.loads(listed.output)] == [None, None]


def test_a_files_own_outlet_none_means_what_outlet_none_means(tmp_path: Path) -> None:
    """A file's front matter (or JSON Lines field) ``outlet: none`` is taken as ``--outlet
    none`` is: none is known, stored without one and not warned about; --outlet does not
    fill it, but the text's own credit still names its outlet, and one the registry does
    not know is still said. An outlet nobody knows is refused in one line, as before."""
    forwarded = tmp_path / "forwarded.md"
    forwarded.write_text("---\ntitle: Velm ferry to stop in winter\noutlet: none\n---\nThe "
                         "Velm ferry will stop running in winter, a person familiar with the "
                         "timetable said.\n", encoding="utf-8")
    wire = tmp_path / "wire.md"
    wire.write_text("---\noutlet: None\n---\nVELM, March 4 (Reuters) - The port of Velm will "
                    "raise its fees next year, two people familiar with the plan said.\n",
                    encoding="utf-8")
    station = tmp_path / "station.md"
    station.write_text("---\noutlet: none\n---\nHARBOURTON (KVLM) — The port of Harbourton "
                       "will close its second quay, two people familiar with the plan "
                       "said.\n", encoding="utf-8")
    lines = tmp_path / "lines.jsonl"
    lines.write_text(json.dumps({"text": "The Velm bridge will close for repairs in May, "
                                 "a person familiar with the works said.", "outlet": "none"})
                     + "\n", encoding="utf-8")
    runner = CliRunner()
    db = str(tmp_path / "a.db")
    result = runner.invoke(app, ["ingest", str(forwarded), str(wire), str(station), str(lines),
                                 "--outlet", "guardian", "--db", db])
    assert result.exit_code == 0, result.output
    assert str(forwarded) not in result.output and str(lines) not in result.output
    assert f"warning: {station}: no outlet found: its credit" in result.output
    assert "not --outlet guardian" not in result.output  # the file's word, not --outlet's
    listed = runner.invoke(app, ["articles", "list", "--db", db, "--json"])
    outlets = {Path(a["path"]).name: a["outlet"] for a in json.loads(listed.output)}
    assert outlets == {"forwarded.md": None, "wire.md": "Reuters", "station.md": None,
                       "lines.jsonl:1": None}
    bad = tmp_path / "bad.md"
    bad.write_text("---\noutlet: Velm Nonesuch\n---\nThe Velm ferry will stop running in "
                   "winter, the operator said.\n", encoding="utf-8")
    result = runner.invoke(app, ["ingest", str(bad), "--db", str(tmp_path / "b.db")])
    assert result.exit_code == 3
    assert f"error: {bad}: unknown outlet 'Velm Nonesuch'" in result.output
    assert len(result.output.strip().splitlines()) == 1
