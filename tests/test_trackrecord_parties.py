"""Who a verdict credits or blames (issue 9, "a word is taken for a party"): the party who
asserted, not the outlet that relayed its claim or a party's denial; and what counts as a
party. Sentences written for these tests."""

from __future__ import annotations

import json
from pathlib import Path

from tests.cli_helpers import cli, ingest_text

ARTICLE = """Talks on the Pakistan border

KABUL, March 3 (Arab News) - Officials in Islamabad said on Monday that the Taliban \
government had signed a border agreement with Pakistan.

The Taliban denied that it had signed any border agreement with Pakistan.
"""

OWN_VOICE = """Border deal signed

KABUL, March 4 (Arab News) - The Taliban government signed a border agreement with \
Pakistan on Monday.
"""


def _records(db: str) -> dict[str, tuple[int, int]]:
    data = json.loads(cli("report", "--all", "--format", "json", "--db", db))
    return {s["key"]: (s["confirmed"], s["refuted"]) for s in data["sources"]}


def _refute_all(db: str) -> None:
    listed = json.loads(cli("stories", "list", "--json", "--db", db))
    rows = listed["stories"] if isinstance(listed, dict) else listed
    for story in rows:
        cli("stories", "mark", str(story["id"]), "refuted", "--evidence", "test",
            "--by", "tester", "--db", db)


def _ingested(tmp_path: Path, article: str) -> str:
    """A fresh database holding ``article`` ingested through the CLI; returns its path."""
    db = str(tmp_path / "t.db")
    ingest_text(db, tmp_path / "article.txt", article)
    return db


def _records_refuted(tmp_path: Path, article: str) -> dict[str, tuple[int, int]]:
    """The track records once ``article`` is ingested and every story marked refuted."""
    db = _ingested(tmp_path, article)
    _refute_all(db)
    return _records(db)


def test_an_outlet_relaying_a_claim_and_a_denial_is_not_blamed(tmp_path: Path) -> None:
    records = _records_refuted(tmp_path, ARTICLE)
    # the officials it quoted answer for the claim (as the outlet's anonymous sources), the
    # party that denied it is credited; the outlet only reported both, correctly
    assert records["unnamed-via:arabnews"] == (0, 1)
    assert records["name:taliban"] == (1, 0)
    assert records.get("arabnews", (0, 0)) == (0, 0)


def test_an_outlet_stating_a_claim_in_its_own_voice_is_blamed(tmp_path: Path) -> None:
    assert _records_refuted(tmp_path, OWN_VOICE)["arabnews"][1] >= 1


def test_sources_behind_counts_the_outlet_only_for_its_own_voice() -> None:
    from verifier.scoring.trackrecord import ReviewedUnit, learn

    # claim 1: officials (source 5) assert, the outlet (9) relays; claim 2: a party (6)
    # denies; claim 3: the outlet's own voice
    behind = {1: [(5, "asserts")], 2: [(6, "denies")], 3: [(9, "asserts")]}
    assert learn([ReviewedUnit("refuted", (1, 2))], behind) == {5: (0, 1), 6: (1, 0)}
    assert learn([ReviewedUnit("refuted", (3,))], behind) == {9: (0, 1)}


DENIAL = """Leader's health questioned

Several senior commanders of the group said on Tuesday that its leader Haibat Noorzai had \
died of a lung infection.

Spokesman Zabihullah Karimi rejected the report, saying Noorzai was in good health.
"""


def _story(db: str) -> dict[str, object]:
    data: dict[str, object] = json.loads(cli("stories", "show", "1", "--json", "--db", db))
    return data


def test_a_party_that_denies_is_not_the_strongest_sourcing(tmp_path: Path) -> None:
    db = _ingested(tmp_path, DENIAL)
    story = _story(db)
    sourcing = next(c for c in story["contributions"]  # type: ignore[attr-defined]
                    if c["factor"] == "sourcing")
    # what the spokesman says after rejecting the report gives his reasons: it is not the
    # event's sourcing, nor an origin of it; the explanation says so
    assert "Karimi" not in sourcing["reason"].split("not counted")[0]
    assert "not counted: Zabihullah Karimi (denied the event in the same statement" in (
        sourcing["reason"])
    assert all("karimi" not in o["key"] for o in story["origins"])  # type: ignore[attr-defined]


def test_what_a_party_asserts_after_its_denial_is_set_aside_in_the_library() -> None:
    from verifier.scoring.evidence import AttributionEvidence, ClaimEvidence
    from verifier.scoring.terms import denying_parties, without_deniers

    text = "Karimi rejected the report, saying Noorzai was in good health."

    def said(stance: str, cue: str) -> AttributionEvidence:
        at = text.index(cue)
        return AttributionEvidence("official", stance, "Karimi", 0, 6, cue, at, at + len(cue),
                                   source_key="name:zabihullah karimi")

    denial, reasons = said("denies", "rejected"), said("asserts", "saying")
    claim = ClaimEvidence(1, 1, text, 0, len(text), None, None, None, None,
                          (denial, reasons), "outlet", "Outlet")
    assert without_deniers([claim], ["official"]) == ()
    assert [name for name, _ in denying_parties([claim], ["official"])] == ["Karimi"]
    # asserted before the denial ("said the mayor resigned and that it was not related to
    # ..."): it stays; and [] turns the rule off
    before = ClaimEvidence(1, 1, text, 0, len(text), None, None, None, None,
                           (reasons, said("denies", "health")), "outlet", "Outlet")
    assert without_deniers([before], ["official"]) == (before,)
    assert without_deniers([claim], []) == (claim,)



OUTLETS = """Border deal reported

KABUL, March 3 (Arab News) - There have been several reports that the border agreement \
was signed in Doha.

The American newspaper Foreign Policy reported that the agreement was signed in Doha last \
week.

The American publication said the border agreement was signed by two deputy ministers.

Foreign Policy also reported that the border agreement covers trade.
"""


def test_descriptions_of_an_outlet_are_the_outlet_and_hearsay_is_no_party(
        tmp_path: Path) -> None:
    records = _records_refuted(tmp_path, OUTLETS)
    # "the American newspaper Foreign Policy", "the American publication" and "Foreign
    # Policy" are one outlet with one record; "there have been several reports" names nobody:
    # it is the article's anonymous sourcing, not a party of its own
    assert records["name:foreign policy"] == (0, 1)
    assert not [k for k in records if "american" in k or "several reports" in k]
    assert set(records) <= {"arabnews", "name:foreign policy", "unnamed-via:arabnews"}, records


def test_article_parties_resolve_an_outlet_described() -> None:
    from verifier.store.party_keys import ArticleParties

    parties = ArticleParties()
    assert parties.resolve("media", "the newspaper") == ("media", "the newspaper")  # none yet
    assert parties.resolve("media", "The American newspaper Foreign Policy") == (
        "media", "Foreign Policy")
    assert parties.resolve("media", "the American publication") == ("media", "Foreign Policy")
    assert parties.resolve("media", "the Paris daily Le Monde") == ("media", "Le Monde")
    assert parties.resolve("media", "the paper") == ("media", "Le Monde")  # the last named
    assert parties.resolve("media", "the report") == ("media", "the report")  # hearsay



def test_an_own_voice_headline_telling_of_a_denial_blames_nobody(tmp_path: Path) -> None:
    records = _records_refuted(
        tmp_path, ARTICLE.replace("Talks on the Pakistan border", "Border deal denied"))
    # the headline is the outlet's own voice, but it tells of a denial
    # (own_voice.doubt_words): it does not state the event, so it counts for nobody
    assert records.get("arabnews", (0, 0)) == (0, 0)



def test_some_of_a_group_is_no_party() -> None:
    from verifier.store.party_keys import names_a_party

    # some of a group names nobody in particular: the outlet's anonymous sources
    assert not names_a_party("several senior members of the group")
    assert not names_a_party("Two ministers")
    assert not names_a_party("Some Taliban leaders")
    # a name that starts with a number word is still a name
    assert names_a_party("Five Star Movement")
    assert names_a_party("Foreign Policy")



RELAYED = """Leader reported dead

KABUL, May 2 (Arab News) - The magazine Foreign Policy reported, citing Mawlawi Jan Ahmad, \
a former commander, that the group's leader had died of a lung infection.
"""


def test_an_outlet_cited_as_relaying_another_source_is_not_blamed(tmp_path: Path) -> None:
    records = _records_refuted(tmp_path, RELAYED)
    # the commander it cites answers for the claim (corroboration.relay_cues: "citing"), as
    # he is its origin when scoring; the magazine and the publishing outlet only relayed it
    assert records["name:mawlawi jan ahmad"] == (0, 1)
    assert records.get("name:foreign policy", (0, 0)) == (0, 0)
    assert records.get("arabnews", (0, 0)) == (0, 0)


def test_answering_reads_who_stands_behind_each_statement() -> None:
    from verifier.scoring.evidence import AttributionEvidence
    from verifier.scoring.trackrecord import Statement, answering

    def said(speaker: str, stance: str) -> AttributionEvidence:
        return AttributionEvidence(speaker, stance, "the ministry", 0, 12, "said", 13, 17)

    found = answering([
        Statement(1, 9, "The bridge will reopen in May.", 0, ()),
        Statement(2, 9, "The ministry denied the bridge would reopen.", 40,
                  ((said("official", "denies"), 6),)),
        Statement(3, 9, "Officials said the bridge would reopen.", 90,
                  ((said("unnamed_official", "asserts"), 5), (said("official", "asserts"), None))),
        Statement(4, 9, "Bridge reopening denied", 140, ()),
    ])
    assert found[1] == [(9, "asserts")]  # the outlet's own voice
    assert found[2] == [(6, "denies")]  # the denier, not the outlet that reported it
    assert found[3] == [(5, "asserts")]  # a source with no registry row answers for nothing
    assert found[4] == []  # own voice telling of a denial states nothing
