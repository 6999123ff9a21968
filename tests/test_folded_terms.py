"""Names story grouping can see: accented names read as one term whatever the outlet's
spelling (``terms.fold``; migration 0015 re-reads the terms a database kept before), and a
name that opens a sentence with a possessive read as a name (``terms.named_openings``).
Invented sentences."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from tests.test_ingest_grouping import check_grouping_state
from verifier.ingest.pipeline import ingest_paths
from verifier.registry import Registry
from verifier.store import add_verdict
from verifier.store import database as dbmod
from verifier.store.models import Claim, ReviewedStem
from verifier.stories import terms
from verifier.stories.terms import Item, fold, named_openings, words


def test_an_accented_name_is_one_term_spelled_either_way() -> None:
    accented = words("The talks with Marta Jónsdóttir and Ivo Kovačić ended in Lomé on Friday.")
    plain = words("The talks with Marta Jonsdottir and Ivo Kovacic ended in Lome on Friday.")
    assert accented == plain
    assert {"N:jonsdottir", "N:kovacic", "N:lome"} <= set(accented)
    assert fold("Støre, Łódź, Straße") == "Store, Lodz, Strasse"
    assert fold("plain ASCII") == "plain ASCII"


def test_fold_is_the_texts_nfkd_without_its_combining_marks() -> None:
    """``fold`` works a character at a time: the same as decomposing the whole text and
    dropping every combining mark, also where marks stack, come loose or are reordered."""
    import random
    import unicodedata

    def whole(text: str) -> str:
        decomposed = unicodedata.normalize("NFKD", text.translate(terms._LETTERS))
        return "".join(c for c in decomposed if not unicodedata.combining(c))

    pool = ("a", "Z", " ", "-", "é", "ø", "Æ", "ß", "ﬁ", "①", "Ǆ", "한", "ệ", "\u0301", "\u0323",
            "\u0308", "\u05b0", "\u0e38", "’", "“", "Ω", "Å", "İ", "ı")
    rng = random.Random(18)
    for _ in range(2000):
        text = "".join(rng.choice(pool) for _ in range(rng.randrange(1, 12)))
        assert fold(text) == whole(text), text
    assert fold("Tolušić in Lomé, Ålesund: “Họ” ﬁnal") == "Tolusic in Lome, Alesund: “Ho” final"


def _items(*texts: str) -> list[Item]:
    return [Item(n, "doc", n, text) for n, text in enumerate(texts)]


@pytest.mark.parametrize(("texts", "named", "worded"), [
    # a possessive: a name though nothing else in the article says so
    (("Orvath's absence from the summit has raised questions.",),
     {"orvath"}, {"absence"}),
    (("Delmaro’s bridge plan was approved.", "The council met Delmaro on Monday."),
     {"delmaro"}, {"bridge"}),
    # a name elsewhere in the article alone does not make the opening word one (measured)
    (("Delmaro said the bridge would reopen.", "Engineers told Delmaro it was safe."),
     set(), {"delmaro"}),
    # a word the article also uses in lower case stays a word
    (("Government's plans were delayed.", "The government said the vote would wait."),
     set(), {"government"}),
    # a sentence-opening word with no possessive stays a word
    (("Officials said the vote was delayed.",), set(), {"official"}),
])
def test_a_name_that_opens_a_sentence(
    texts: tuple[str, ...], named: set[str], worded: set[str]
) -> None:
    items = _items(*texts)
    read = named_openings(items)
    first = read[0].words()
    assert {t[2:] for t in first if t.startswith("N:")} >= named
    assert not {t[2:] for t in first if t.startswith("N:")} & worded
    for plain in named:  # the count moves from word to name, nothing is added
        assert first["N:" + plain] + first["W:" + plain] == (
            items[0].words()["N:" + plain] + items[0].words()["W:" + plain])
    if not named:
        assert read[0] is items[0]


ARTICLES = {
    "summit.txt": "Summit on the lake in Lomé\nMinister Katrín Jónsdóttir said on Monday that "
    "the Lomé summit would open on the lake shore, the foreign ministry said. Jónsdóttir "
    "met mayor Ivo Kovačić there, according to the city council.\n",
    "port.txt": "Port of Tórshavn expands\nThe Tórshavn port authority said the new quay "
    "would cost 40 million kroner. Engineers from Ålesund began the work on Tuesday, the "
    "authority said.\n",
}


def _kept(database: dbmod.Database) -> tuple[dict[str, tuple[str | None, str | None]],
                                               set[tuple[str, str]]]:
    """Per claim text: its terms and content terms; and (claim text, stem) reviewed."""
    with database.session_scope(write=False) as session:
        claims = {text: (t, c) for text, t, c in session.execute(
            select(Claim.text, Claim.terms, Claim.content_terms)).all()}
        stems = set(session.execute(select(Claim.text, ReviewedStem.stem)
                                    .join(ReviewedStem, ReviewedStem.claim_id == Claim.id)))
    return claims, {(str(t), str(s)) for t, s in stems}


def _ingest_and_review(database: dbmod.Database, folder: Path, registry: Registry) -> None:
    ingest_paths(database, [folder], registry)
    with database.session_scope() as session:
        for claim_id, text in session.execute(select(Claim.id, Claim.text)).all():
            if "Jónsdóttir met" in text:
                add_verdict(session, claim_id=claim_id, status="confirmed", evidence="e",
                            reviewer="r")


@pytest.mark.usefixtures("real_migrations")
def test_migration_0015_rereads_the_terms_kept_before_folding(
    db_url: str, registry: Registry, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for name, text in ARTICLES.items():
        folder.joinpath(name).write_text(text, encoding="utf-8")

    def clear() -> None:
        for cached in (terms._read, terms.stem, terms._base, terms.acronyms):
            cached.cache_clear()

    with dbmod.open_database(f"sqlite:///{tmp_path / 'fresh.db'}") as fresh:
        _ingest_and_review(fresh, folder, registry)
        expected = _kept(fresh)
    with dbmod.open_database(db_url) as database:
        # the tokeniser as it was: a token ends at the first letter outside A-Z
        monkeypatch.setattr(terms, "fold", lambda text: text)
        clear()
        _ingest_and_review(database, folder, registry)
        before = _kept(database)
        assert before != expected
        assert any("N:katr" in terms.unpack(t) for t, _ in before[0].values())
        dbmod.downgrade(database, "0014")
        monkeypatch.undo()
        clear()
        dbmod.upgrade(database)
        check_grouping_state(database)  # terms, frequencies, story terms and names agree
        after = _kept(database)
    assert after == expected  # terms, content terms and reviewed stems as if made now
    assert any(c is not None for _, c in after[0].values()) and after[1]
