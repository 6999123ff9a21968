"""One party, one key (issue 9, session 23): a bare office is the holder its article names
("The PM" is Prime Minister Tom Vale, even in a headline above the name), an article's
parties are read in reading order (an attribution carried to a later sentence is keyed as
where it stands), and a derived row is named by its use of the highest kind ("Kesselco" a
body in one article, a bare name in another: an organisation whichever came first), so a
database rekeyed is keyed as a fresh ingest in any order. Sentences written for these
tests, ingested and read through the library and the CLI as a user does."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from tests.cli_helpers import cli
from verifier.store import party_keys, sources

ARTICLES = {
    "mayor.txt": """Ortiz to step down in May

Mayor Dana Ortiz said on Monday that she would step down in May after six years in office.

The mayor said the council would choose an interim leader before the summer.
""",
    "pm.txt": """PM hints at early election

Prime Minister Tom Vale said on Tuesday that a general election could be held in the spring.

The PM said his party was ready for a vote at any time.
""",
    "fares.txt": """Ferry fares to rise

Kesselco said on Monday that fares on the Northgate route would rise by a tenth in April.
""",
    "sailings.txt": """Northgate sailings cancelled

Kesselco, the ferry operator, said on Friday that all sailings to Northgate were cancelled \
after a storm.
""",
}


def _ingest(tmp_path: Path, names: list[str], db: str) -> None:
    for name in names:
        folder = tmp_path / name.removesuffix(".txt")
        folder.mkdir(exist_ok=True)
        (folder / name).write_text(ARTICLES[name], encoding="utf-8")
        cli("ingest", str(folder), "--db", db, "--outlet", "none")


def _rows(db: str) -> dict[str, tuple[str, str, int]]:
    """Each derived source's key -> its name, kind and attributions."""
    with sqlite3.connect(db) as connection:
        return {key: (name, kind, n) for key, name, kind, n in connection.execute(
            "SELECT s.key, s.name, s.kind, count(a.id) FROM sources s "
            "JOIN attributions a ON a.source_id = s.id WHERE NOT s.in_registry "
            "GROUP BY s.id")}


def test_a_bare_office_is_the_holder_its_article_names(tmp_path: Path) -> None:
    db = str(tmp_path / "o.db")
    _ingest(tmp_path, ["mayor.txt", "pm.txt"], db)
    rows = _rows(db)
    # "The mayor" is Dana Ortiz; "PM" in the headline, above the name, and "The PM" Tom Vale
    assert rows["name:dana ortiz"] == ("Dana Ortiz", "person", 2)
    assert rows["name:tom vale"][1:] == ("person", 3)
    assert not [k for k in rows if k.startswith(("name:mayor", "name:pm", "name:prime"))]
    shown = json.loads(cli("sources", "show", "Tom Vale", "--db", db, "--json"))
    assert (shown["key"], shown["kind"], shown["attributions"]) == (
        "name:tom vale", "person", 3)


@pytest.mark.parametrize("order", [["fares.txt", "sailings.txt"],
                                   ["sailings.txt", "fares.txt"]])
def test_a_row_is_named_by_its_use_of_the_highest_kind_in_any_order(
        tmp_path: Path, order: list[str]) -> None:
    db = str(tmp_path / "k.db")
    _ingest(tmp_path, order, db)
    # "Kesselco said" alone reads as a name; "Kesselco, the ferry operator," as a body
    assert _rows(db)["name:kesselco"] == ("Kesselco", "organisation", 2)
    shown = json.loads(cli("sources", "show", "Kesselco", "--db", db, "--json"))
    assert (shown["kind"], shown["attributions"]) == ("organisation", 2)
    # the older way (the first use's kind) is keyed again as a fresh ingest, once
    with sqlite3.connect(db) as connection:
        connection.execute("UPDATE sources SET kind = 'person' WHERE key = 'name:kesselco'")
    cli("sources", "rekey", "--db", db)
    assert _rows(db)["name:kesselco"] == ("Kesselco", "organisation", 2)
    assert cli("sources", "rekey", "--db", db).split(": ", 1)[1].startswith("0 of")


def test_an_article_is_read_in_reading_order() -> None:
    """An attribution carried to a later sentence holds the words and place of the first:
    it is keyed as that one is, however late it is listed ("the company" with nothing
    before it is the article's own, though "Kesselco" is named as a source after it)."""
    text = ("Sailings were cancelled on Friday, the company said. Kesselco said the pier "
            "was damaged. Crews would inspect it, it added.")
    first = text.index("the company")
    said = [("official", "the company", "asserts"), ("official", "Kesselco", "asserts"),
            ("official", "the company", "asserts")]
    starts = [first, text.index("Kesselco"), first]
    looked = sources.article_lookups(lambda words: None, (), said, text, starts)
    assert looked[0] == looked[2] == ("official", "the company")
    assert looked[1] == ("official", "Kesselco")


def test_a_nations_adjective_names_its_article_own_party_before_a_head() -> None:
    article = party_keys.ArticleKey("0123456789abcdef", "x.txt")
    media = party_keys.derive_source("media", "Velmish and Western media", None, article)
    assert media is not None and (media.key, media.kind) == (
        "name:velmish and western media@0123456789abcdef", "media")
    described = party_keys.derive_source("official", "a Velmish union", None, article)
    assert described is not None and described.key == "name:velmish union@0123456789abcdef"
    alone = party_keys.derive_source("official", "Russian", None, article)
    assert alone is not None and (alone.key, alone.kind) == ("name:russian", "organisation")
    organ = party_keys.derive_source("official", "the German government", None, article)
    assert organ is not None and organ.key == "name:german government"
