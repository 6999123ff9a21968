"""Defects a fact-checker met using verifier on real copy (sessions 31 and 32), each pinned
with sentences written for this file: a site's name between separator dots read as a claim, a
clause before ", the ministry said" taken into the speaker's words, a near-copy's statement
told in the first copy's outlet's name; an outlet's accented letters dropped from the id
`--add-outlets` gave it, a page's own stamp, paywall meter or control stored as its title."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli_helpers import run
from verifier import analyse_text

pytestmark = pytest.mark.usefixtures("wide_console")


def _sources(text: str) -> list[list[tuple[str, str]]]:
    return [[(a.kind, a.source.text) for a in s.attributions]
            for s in analyse_text(text).sentences]


def test_a_site_name_between_separator_dots_is_no_claim() -> None:
    text = (". Harbour 24/7 Radio .\n\nFerry service resumes after storm\n\n"
            "The ferry resumed its crossings on Monday, the port said.\n")
    sentences = analyse_text(text).sentences
    label = next(s for s in sentences if "Radio" in s.text)
    assert not label.claim and label.claim_rule == "claims.dotted-label"
    # a real sentence closed by a loose stop stays a claim
    loose = analyse_text("The ferry resumed its crossings at 10:30 .\n").sentences[0]
    assert loose.claim


def test_a_clause_before_the_tag_is_no_appositive_of_its_speaker() -> None:
    for text, source in [
        ("The bridge reopened on Tuesday, the ministry said.", "the ministry"),
        ("The lander touched down in March, the agency said.", "the agency"),
        ("The ferry sank near New Harbour, the port authority said.", "the port authority"),
    ]:
        assert _sources(text) == [[("official", source)]], text


def test_a_name_and_its_appositive_closed_by_a_comma_stay_one_speaker() -> None:
    assert _sources("Ana Ruiz, the harbour mayor, said the bridge would reopen.") == [
        [("official", "Ana Ruiz, the harbour mayor")]]


_BRIDGE = [
    "Harbour bridge to close for repairs",
    "The Harbour bridge will close for three weeks from Monday for repairs to its deck.",
    "Engineers found cracks in two of the steel beams during an inspection last month.",
    "Ferries will run every twenty minutes while the bridge is closed to traffic.",
    "Night buses will also cross the river by the old tunnel until the work is done.",
    "The bridge opened in 1974 and carries about forty thousand cars a day.",
    "Shops near the bridge fear they will lose trade during the closure.",
]


def _page(outlet: str, published: str, lines: list[str]) -> str:
    return (f"---\ntitle: {lines[0]}\noutlet: {outlet}\npublished: {published}\n---\n"
            + "\n\n".join(lines) + "\n")


def test_a_near_copys_statement_is_told_in_its_own_outlets_name(tmp_path: Path) -> None:
    """Copies of one text are one report (one key, counted once), but a reason quoting the
    later copy's own statement names the outlet that printed it, not the first copy's."""
    copy = list(_BRIDGE)
    copy[1] = ("The Harbour bridge will close for three weeks from Monday for repairs to its "
               "deck, the city council said.")
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.md").write_text(_page("reuters", "2026-11-02", _BRIDGE), encoding="utf-8")
    (folder / "b.md").write_text(_page("afp", "2026-11-03", copy), encoding="utf-8")
    db = str(tmp_path / "desk.db")
    assert run("ingest", str(folder), "--db", db)[0] == 0
    code, out, err = run("stories", "list", "--db", db, "--json", "--min-claims", "1")
    assert code == 0, err
    heads = sorted(s["id"] for s in json.loads(out)
                   if s["title"] == _BRIDGE[0])
    if len(heads) > 1:  # the two reports' headline stories, put together as a reviewer does
        assert run("stories", "merge", *map(str, heads), "--db", db, "--by", "A. Tester")[0] == 0
    code, out, err = run("stories", "show", str(heads[0]), "--db", db, "--json")
    assert code == 0, err
    reason = json.loads(out)["evidence_status_reason"]
    assert "the city council asserts it in Agence France-Presse (2026-11-03" in reason


@pytest.mark.parametrize(("sentence", "words", "known"), [
    # what a body issues is the body's, whatever determiner or case opens the words
    ("An HRU statement said the match would go ahead.", "An HRU statement", True),
    ("The match would go ahead, a statement from the Velmoran Embassy said.",
     "a statement from the Velmoran Embassy", True),
    ("a press release issued by Harbour Rugby said the match would go ahead.",
     "a press release issued by Harbour Rugby", True),
    # ... and names no one when nothing beside it names the body, or names it left unnamed
    ("A statement said the match would go ahead.", "A statement", False),
    ("A statement issued on Monday said the match would go ahead.", "A statement issued",
     False),
    ("The match would go ahead, a statement from a club official said.",
     "a statement from a club official", False),
    # an indefinite person stays unnamed, whatever names qualify them
    ("A Velmoran official said the match would go ahead.", "A Velmoran official", False),
])
def test_what_a_body_issues_names_the_body(sentence: str, words: str, known: bool) -> None:
    from verifier.scoring.corroboration import identifiable
    from verifier.scoring.evidence import AttributionEvidence, ClaimEvidence
    from verifier.scoring.weights import load_weights

    identity = load_weights().identity
    at = sentence.index(words)
    said = AttributionEvidence("official", "asserts", words, 50 + at, 50 + at + len(words),
                               "said", 0, 0, "name:" + words.lower(), None, 3)
    claim = ClaimEvidence(1, 1, sentence, 50, 50 + len(sentence), None, None, None, None,
                          (said,), "article:1", "article 1")
    assert identifiable(claim, said, identity.nameless_words, identity.institution_heads,
                        identity.indefinite_words, identity.heading_letters,
                        identity.record_words, identity.issued_words) is known


def test_a_body_read_inside_its_statement_is_one_speaker() -> None:
    """"a statement from X said": X is not read a second time by "statement from"."""
    for text, source in [
        ("The fee was unfair, a statement from the Velmoran Embassy said.",
         "a statement from the Velmoran Embassy"),
        ("A statement from the harbour council said the roof was mended.",
         "A statement from the harbour council"),
    ]:
        assert _sources(text) == [[("official", source)]], text


def test_the_learned_finder_takes_no_speaker_from_its_cues_own_words() -> None:
    """A noun that opens the sentence and the cue the finder proposes ("Calls for") is no
    speaker; a report that is its own cue ("Reports that ...") still is one."""
    for text in ["Calls for a ceasefire grew on Monday as the fighting spread.",
                 "Calls for an inquiry grew louder after the ferry sank."]:
        assert _sources(text) == [[]], text


def test_a_dated_wire_credit_with_no_dash_is_left_out_of_a_story_title() -> None:
    from verifier.stories.update import story_title

    assert story_title("Harbour City, Jan 3 (HNS) Mayor Ana Ruiz on Friday accepted the "
                       "resignation of the port director.") == (
        "Mayor Ana Ruiz on Friday accepted the resignation of the port director.")
    # a credit after a name, with no date, is the sentence's own
    assert story_title("Ana Ruiz (HNS) said the ferry sank.") == (
        "Ana Ruiz (HNS) said the ferry sank.")


def test_a_claimreview_of_an_undated_story_without_addresses_has_no_empty_parts(
        tmp_path: Path) -> None:
    """An article stored with no address and no date gives a story's ClaimReview no bare
    ``firstAppearance`` (a claim's own review had none); its ``appearance`` list stays,
    empty, as readers of the story's review expect it."""
    text = tmp_path / "bridge.txt"
    text.write_text("\n\n".join(_BRIDGE) + "\n", encoding="utf-8")
    db = str(tmp_path / "desk.db")
    assert run("ingest", str(text), "--db", db, "--outlet", "none")[0] == 0
    marked = run("stories", "mark", "1", "confirmed", "--evidence", "Seen on the site.",
                 "--by", "ana", "--db", db)  # a ClaimReview is written for a verdict
    assert marked[0] == 0, marked
    code, out, err = run("report", "--story", "1", "--format", "claimreview", "--db", db,
                         "--publisher-url", "https://checks.example.org")
    assert code == 0, err
    item = json.loads(out)[0]["itemReviewed"]
    assert item["appearance"] == [] and "firstAppearance" not in item


def test_a_names_abbreviation_or_a_date_in_parentheses_is_no_wire_credit() -> None:
    from verifier.ingest.metadata import credited_name

    for text in ["Harbour University (HU) Vice-Chancellor Ana Ruiz has resigned.\n",
                 "VELM CITY (May 21): The Harbour Group said the offer was final.\n"]:
        assert credited_name(text) is None, text
    found = credited_name("VELM CITY (HNS) — The Harbour Group said the offer was final.\n")
    assert found is not None and found.name == "HNS"


def test_a_date_stamp_sharing_its_line_with_a_headline_is_shown_alone() -> None:
    from verifier.ingest.metadata import shown_date

    found = shown_date(" date 2026-01-28 Harbour ferry service resumes after the long storm\n\n"
                       "The ferry resumed on Monday.\n")
    assert found is not None and (found.day, found.evidence) == ("2026-01-28", "date 2026-01-28")
    stamp = shown_date("May 9, 2026 at 3:43 PM\n\nThe ferry resumed on Monday.\n")
    assert stamp is not None and stamp.evidence == "May 9, 2026 at 3:43 PM"


def test_an_added_outlets_accented_letters_are_written_plain_in_its_id(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`ingest --add-outlets` gave "Diário da Manhã" the id 'di-rio-da-manh': each accented
    letter a break. The id now spells the name in plain letters, and names the outlet."""
    monkeypatch.chdir(tmp_path)
    records = tmp_path / "desk.jsonl"
    names = ["Diário da Manhã", "Łódź Straße Post"]
    records.write_text("".join(json.dumps({"text": "\n\n".join(_BRIDGE) + "\n", "outlet": name,
                                           "published": f"2026-11-0{n}"}) + "\n"
                               for n, name in enumerate(names, 1)), encoding="utf-8")
    db = str(tmp_path / "desk.db")
    code, _, err = run("ingest", str(records), "--db", db, "--add-outlets")
    assert code == 0, err
    assert "Diário da Manhã (diario-da-manha)" in err
    assert "Łódź Straße Post (lodz-strasse-post)" in err
    code, out, err = run("sources", "show", "diario-da-manha", "--db", db)
    assert code == 0, err
    assert "Diário da Manhã" in out and "published 1 stored article" in out
    # the command an unknown outlet's error offers spells its id the same way
    code, _, err = run("ingest", str(records), "--db", db, "--outlet", "Jornal Económico")
    assert code == 2 and "verifier sources add jornal-economico" in err


@pytest.mark.parametrize("furniture", [
    "This story is from May 9, 2026",
    "This article was first published on 3 May 2026",
    "This is the last article you can read this month",
    "You have /5 articles left.",
    "Hit enter to search or ESC to close",
    "Link copied to clipboard",
    "Site icon Harbour News",
])
def test_a_pages_stamp_or_paywall_meter_is_neither_its_title_nor_a_claim(
        tmp_path: Path, furniture: str) -> None:
    """A pasted page opening on its own stamp ("This story is from ..."), its paywall's
    meter or a control's words (a search box, a share button, the site's icon) took that
    line as the article's title and queued it as a claim; the headline under it is the
    title, and the line is page furniture."""
    text = tmp_path / "page.txt"
    text.write_text(furniture + "\n\n" + "\n\n".join(_BRIDGE) + "\n", encoding="utf-8")
    db = str(tmp_path / "desk.db")
    assert run("ingest", str(text), "--db", db, "--outlet", "none")[0] == 0
    code, out, err = run("articles", "list", "--db", db, "--json")
    assert code == 0, err
    assert [a["title"] for a in json.loads(out)] == [_BRIDGE[0]]
    code, out, err = run("claims", "list", "--db", db, "--json", "--limit", "100")
    assert code == 0, err
    assert furniture not in [c["text"] for c in json.loads(out)]
    # the same words inside a sentence stay a claim
    assert analyse_text("This story is from the harbour council's own records.\n"
                        ).sentences[0].claim


@pytest.mark.parametrize("opening", [
    # a stamp, or a close button's cross, on the headline's own line
    "date 2026-11-02 Harbour bridge to close for repairs",
    "2026-11-02 – Harbour bridge to close for repairs",
    "× Harbour bridge to close for repairs",
    # a caption and its credit above the headline
    "Crews are inspecting the bridge at dawn. PHOTO BY ANA LEE\n\n"
    "Harbour bridge to close for repairs",
    "Mayor Ana Ruiz inspects the bridge © Example montage\n\n"
    "Harbour bridge to close for repairs",
    "Harbour CAO Ana Ruiz visits the bridge/via Tom Hale\n\nHarbour bridge to close for repairs",
    # page controls, each a paragraph of its own: blank lines are no lines of furniture
    "Skip to content\n\nMenu\n\nHarbour bridge to close for repairs",
])
def test_the_headline_under_a_pages_stamp_caption_or_controls_is_the_title(
        tmp_path: Path, opening: str) -> None:
    """A pasted page's title was its stamp and headline together ("date 2026-11-02 Harbour
    ..."), a photo's caption with its credit, or nothing when blank lines between controls
    used up the lines the headline is looked for in; the headline alone is the title."""
    text = tmp_path / "page.txt"
    text.write_text(opening + "\n\n" + "\n\n".join(_BRIDGE[1:]) + "\n", encoding="utf-8")
    db = str(tmp_path / "desk.db")
    assert run("ingest", str(text), "--db", db, "--outlet", "none")[0] == 0
    code, out, err = run("articles", "list", "--db", db, "--json")
    assert code == 0, err
    assert [a["title"] for a in json.loads(out)] == [_BRIDGE[0]]
