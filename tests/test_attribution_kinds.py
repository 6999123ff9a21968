"""Who a speaker is: office-holders, spokespeople and the voices of parties, independent
bodies and news organisations, and the writer's own "we" (sentences written for these tests).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from verifier.analysis.analyse import analyse_text, default_registry
from verifier.analysis.attribution.rules import rules
from verifier.analysis.attribution.speakers import classify
from verifier.cli import app


def _last(text: str) -> tuple[str, ...]:
    return tuple(sorted(analyse_text(text).sentences[-1].kinds))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a spokesperson speaks for the party on the record, whatever body they serve
        ('"The strikes missed," said Ivan Petrenko, spokesman for the northern group of the '
         "armed forces.", ("official",)),
        # ... but an independent body's spokesperson is that body's voice
        ('"Nobody asked us," said Lea Ortiz, a spokeswoman for the River Defence Network.',
         ("named",)),
        # a film house or an armed force is a body speaking for itself, and no "she"
        # (session 23)
        ("Eon Productions said the casting was open.", ("official",)),
        ("Eon Productions said the casting was open. She told the paper it was.", ("media",)),
        ("The Harbour Air Force wants to make sure the fault is fixed.", ("official",)),
        # a private person's representative, lawyer or team is that person's own voice
        ("Ana Ruiz's representative said the tour would go ahead.", ("official",)),
        ("Her lawyer said she would appeal.", ("official",)),
        ("Her team said she was resting at home.", ("official",)),
        # one who speaks for a party named after "for" is the party's voice; an anonymous
        # spokesperson with no party stays an anonymous office-holder, and so does the bare
        # word ("a spokeswoman": corpus README 2, session 30)
        # an unnamed person speaking for a body (labelling brief, convention 2; session 32)
        ("A spokeswoman for the airline said the flights would resume.", ("unnamed_official",)),
        ("A lawyer for the family said the appeal had been filed.", ("official",)),
        ("A spokesman at the airline said the flights would resume.", ("unnamed_official",)),
        ("A spokeswoman said the store would stay open.", ("unnamed_official",)),
        ("A spokesman, who asked not to be named, said the talks had stalled.",
         ("unnamed_official",)),
        ("A spokeswoman said on condition of anonymity that the talks had stalled.",
         ("unnamed_official",)),
        ("Representatives of the Harbour Group told him the sale was off.",
         ("unnamed_official",)),
        ("The Prime Minister's official spokesperson said the plan was on track.",
         ("unnamed_official",)),
        ("A lawyer at the firm said the ruling could be appealed.", ("unnamed",)),
        # a programme or a publication told by its title in quotation marks is media
        ('"We had no choice," Lena Berg told "Morning Live" on Sunday.', ("media", "named")),
        # a club that confirms speaks for itself; "a legend at" the club describes the
        # player, not the club
        ('"Lena Berg will always be a legend at Harbour United," the coach said. Harbour '
         "United can confirm that Berg has left the club.", ("official",)),
        # an outlet's own office-holder speaks for the outlet as a party, its journalists
        # are the outlet's reporting
        ("Guardian editor Jane Roe said the paper had destroyed the drives.", ("official",)),
        # (the reports he calls accurate are news reports too: attr.hearsay.confirmed_report)
        ("BBC political correspondent Tom Hale said the reports were accurate.",
         ("media", "media")),
        # ... and an analyst it employs is an analyst, named; its hosts stay its voice
        ("BBC Research analyst Jane Roe said the audience had shrunk.", ("named",)),
        ("BBC host Tom Hale said the show would end.", ("media",)),
        # an officer of an independent body the registry knows takes the body's kind
        ("Ipsos senior vice president Chris Lane said voters were tired.", ("named",)),
        # "the" + an office title is an office, not a person's name
        ("The Business and Trade Secretary said the tariffs would stay.", ("official",)),
        ("The Harbour Minister told reporters the quay would reopen.", ("official",)),
        # a report a body made is the body's, not a news organisation's
        ("The commission's report found that the checks had failed.", ("official",)),
        ("The Senate Ethics Committee report found that the rules had been broken.",
         ("official",)),
        ("The Daily Courier's report said the bridge was unsafe.", ("media",)),
        ("A report in the Harbour Times said the bridge was unsafe.", ("media",)),
    ],
)
def test_speaker_kinds(text: str, expected: tuple[str, ...]) -> None:
    assert _last(text) == expected


def test_an_office_given_in_an_appositive_carries_to_the_surname() -> None:
    text = (
        '"It is false," Ivan Petrenko, spokesman for the northern group of the armed forces, '
        "told reporters. Petrenko said the strikes had missed."
    )
    assert _last(text) == ("official",)


def test_an_office_set_off_between_dashes_carries_to_the_surname() -> None:
    # the appositive's dashes stand for its commas; a relative clause there is no office
    text = (
        "Ana Ruiz - global head of Harbour Studios - gave an update on Monday. "
        "Ruiz said there were many ideas."
    )
    assert _last(text) == ("official",)
    text = "Tom Vale - who played the spy in four films - visited the set. Vale said it was good."
    assert _last(text) == ("named",)


def test_a_she_passes_on_through_narration_opening_with_she() -> None:
    # the narration before "She told ..." opens with "She" itself: its referent is the one
    # the sentence before names as its subject, after an opening clause, not a name in its
    # object or in that clause
    text = (
        "With bosses looking for the next person to play Tom Vale's famous spy, Ana Ruiz - "
        "global head of Harbour Studios - gave an update. "
        "She is working closely with Harbour Productions and producers Ben and Lars Lind. "
        'She told the Harbour Post: "There are a lot of ideas. We are taking their lead."'
    )
    last = analyse_text(text).sentences[-1]
    assert [(a.kind, a.source.text) for a in last.attributions] == [("official", "Ana Ruiz")]


def test_the_writer_s_we_and_i_are_no_source() -> None:
    text = (
        "The council met on Monday. We reported last week that the bridge would close. "
        "I think the vote will be close."
    )
    assert [s.kinds for s in analyse_text(text).sentences] == [(), (), ()]
    # inside a quotation the speaker's "we" is still the speaker
    assert _last('"We think the vote will be close," the mayor said.') == ("official",)


def test_kinds_through_the_cli(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("Her lawyer said she would appeal.\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["analyze", str(path), "--json"])
    assert result.exit_code == 0, result.output
    sentence = json.loads(result.stdout)[0]["sentences"][0]
    assert [a["kind"] for a in sentence["attributions"]] == ["official"]


def test_a_piece_of_work_speaks_for_its_author() -> None:
    text = (
        "The economy will slow, a report by a senior analyst at the Lindqvist Institute "
        "warned. Exports have stalled, the analyst said."
    )
    assert [s.kinds for s in analyse_text(text).sentences] == [("named",), ("named",)]
    assert _last("Rates will rise, a report from the finance ministry said.") == ("official",)
    assert _last("Rates will rise, a report by the Daily Courier said.") == ("media",)


def test_an_office_a_body_only_qualifies_is_the_head_of_the_description() -> None:
    """"a hospital vice president" holds an office at the party; "a professor at the
    university" and "a spokeswoman for a campaign group" speak for an independent body."""
    kinds = [
        analyse_text(text).sentences[0].kinds
        for text in (
            "Ana Ruiz, a hospital vice president, said two patients had fallen ill.",
            "Lena Ford, the university's director of admissions, said fees would rise.",
            "Tom Reyes, a professor at the university, said fees would rise.",
            '"Nobody asked us," said Kim Lowe, a spokeswoman for the River Defence Network.',
        )
    ]
    assert kinds == [("official",), ("official",), ("named",), ("named",)]


def test_a_lawyer_a_party_owns_speaks_for_the_party_also_with_a_name() -> None:
    sentences = analyse_text(
        "Her lawyer Tom Reyes argued that the charges should be dropped. "
        "The case had been rushed, he argued."
    ).sentences
    assert [s.kinds for s in sentences] == [("official",), ("official",)]


def test_an_office_held_stated_after_the_name_carries_to_later_mentions() -> None:
    sentences = analyse_text(
        "Ana Duarte has dismissed rumours that she is leaving her post as finance minister. "
        "Duarte said the budget was on track. "
        '"We will balance the books," she added.'
    ).sentences
    assert [s.kinds for s in sentences[1:]] == [("official",), ("official",)]
    assert any("spk.office_held" in a.rule for a in sentences[0].attributions)  # the evidence


def test_a_role_as_something_else_is_no_office() -> None:
    sentences = analyse_text(
        "Tom Reyes praised the plan in his role as a football fan. "
        "Reyes said the stadium would be full."
    ).sentences
    assert sentences[1].kinds == ("named",)


def test_a_commentator_writing_in_a_newspaper_is_named_and_the_newspaper_media() -> None:
    text = ('"It can well be called dramatic," wrote political commentator Tom Vale in '
            "newspaper Harbourposten. He noted that the minister had wanted the post for years.")
    kinds = [tuple(sorted(s.kinds)) for s in analyse_text(text).sentences]
    # the writer goes on speaking in the next sentence, not the newspaper
    assert kinds == [("media", "named"), ("named",)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # outlets of the packaged registry from several countries, named without a descriptor
        ("According to The Punch, the minister resigned on Friday.", ("media",)),
        ("The striker will join in July, Marca reported.", ("media",)),
        ("The deal is worth 40 million euros, according to La Gazzetta dello Sport.", ("media",)),
        ("The Jerusalem Post said the talks had stalled.", ("media",)),
        # an outlet named by what it is ("sports daily", "radio presenter")
        ("Sports daily Harbour Gol reported that the striker had signed.", ("media",)),
        ("Radio presenter Tom Hale said the coach would be sacked.", ("media",)),
        # a time word capitalised inside a name is the name's ("Harbour Today")
        ("According to Harbour Today writer Bob Vale, the player is not in Toronto.",
         ("media",)),
    ],
)
def test_news_organisations_by_registry_and_by_shape(text: str, expected: tuple[str, ...]) -> None:
    assert _last(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a common word capitalised only to open its sentence is no name: the article writes
        # it in lower case elsewhere, or it ends like a common word
        ("Bond markets fell on Monday. Markets believe the central bank will cut rates.",
         ("unnamed",)),
        ("The claim could not be checked. Unverified, it said the mayor had quit.", ()),
        # ... but a name is a name wherever it stands: capitalised inside a sentence elsewhere
        ("The board met Halvorsen on Monday. Halvorsen said the mine would close.",
         ("official",)),
        # a word the article never writes in lower case and that does not end like a
        # common word is taken as a name
        ("Daejin said the mine would close in May.", ("official",)),
        # and an acronym is a name at the start of a sentence too
        ("NHF said the mine would close in May.", ("official",)),
    ],
)
def test_sentence_initial_capitals(text: str, expected: tuple[str, ...]) -> None:
    assert _last(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a name its own sentence does not describe takes what another mention says, also
        # a later one: an outside voice ...
        ('"The sale is a mistake," Lena Berg said. Berg, a professor of economics at '
         "Northfield University, has opposed it for years. Berg added that the price was low.",
         ("named",)),
        # ... a news organisation named by what it is ...
        ('The story was first carried by the sports daily Goleada. "The striker has signed," '
         "Goleada added.", ("media",)),
        # ... but not an outlet whose words merely come before the name
        ("The newspaper claims that several Hale allies met on Monday. Hale said he would "
         "stay.", ("official",)),
        # the name's possessive before an office it holds or a voice that speaks for it
        ("Critics said Tomas Hale's government had misled voters. Hale said he would not "
         "resign.", ("official",)),
        ("Tomas Hale's aides met the donors. Hale said the bill would pass.", ("official",)),
        # ... not a private person's lawyer or former club: no office
        ("Tomas Hale's lawyers filed the appeal. Hale said he would be cleared.", ("named",)),
        ("Lena Berg left Harbour Rovers, her former club, in May. Berg said she was happy.",
         ("named",)),
        # what only a company has (its shares, its board) says a bare name is a company's
        ("Harbour Tinto's shares fell on Friday. Harbour Tinto said the talks had ended.",
         ("official",)),
        ("Lena Berg's savings were lost. Berg said she would start again.", ("named",)),
        # a common noun coordinated with a name is no title of it; a plural title is
        ("Tom Vale helped the club win the cup. The exit sparked criticism of the team and "
         'Tom Vale. "I am sorry," Vale said.', ("named",)),
        ("Senators Ana Ruiz and Tom Vale said the bill would pass. \"It will pass,\" Vale "
         "said.", ("official",)),
        # an acronym the article spells out takes the full name's kind
        ("The Harbour Fans' Association (HFA) met the league on Monday. The HFA said ticket "
         "prices were too high.", ("named",)),
        # an author is an outside voice
        ("Ron Vale, author of The Bank Book, said the sale was a mistake.", ("named",)),
    ],
)
def test_article_evidence_for_undescribed_names(text: str, expected: tuple[str, ...]) -> None:
    assert _last(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a full name nothing in the article describes holds no office the reader is told
        # of: a private person speaking for themselves (guide 2: named) ...
        ("Halvard Lund said the mine would close in May.", ("named",)),
        ('Sofia Marten has confirmed her split from her husband. "We remain friends," Marten '
         "told the magazine.", ("media", "named")),
        # ... while an office or a voice for a party, given anywhere, makes it official: a
        # title, an appositive before the name (after a comma), a back-reference to either
        ("In a statement, the Director of Communications at the Presidency, Ruth Addo, said "
         "the minister had been dismissed.", ("official",)),
        ("The Director of Communications at the Presidency, Ruth Addo, signed the letter. "
         "Addo said the minister had been dismissed.", ("official",)),
        ("Addressing reporters, ADG Zone Ravi Kant said the man was arrested. The ADG said "
         "he had confessed.", ("official",)),
        ("In a statement, Ruth Addo said the minister had been dismissed.", ("named",)),
        # a name that is the whole subject of a plural verb is a body, not one person
        ('Sporting Talvik have signed the striker. "He is a fine player," Sporting Talvik '
         "said.", ("official",)),
        ("Tomas Hale and Lena Berg have married. Lena Berg said the wedding was small.",
         ("named",)),
        # an outside voice is introduced by what it is: an appositive, a relative clause, an
        # expert's or a witness's words, or a role the article gives it anywhere
        ("Halvard Lund, 72, who lives across the street, said he heard two bangs.", ("named",)),
        ("Halvard Lund, a geologist at Northfield University, said the mine was unsafe.",
         ("named",)),
        ("Tom Reyes praised the plan in his role as a football fan. "
         "Reyes said the stadium would be full.", ("named",)),
    ],
)
def test_party_or_outside_voice(text: str, expected: tuple[str, ...]) -> None:
    assert _last(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a source word inside an outlet's registry name is part of the name
        ("The deal is off, according to a report by Business Insider.", ("media",)),
        # "attorney general" is an office, not a lawyer
        ("Attorney General Ana Ruiz said the charges would stand.", ("official",)),
        # a board and a club called an outfit speak for themselves
        ("The Bundesliga outfit said the striker had passed his medical.", ("official",)),
        ("The Financial Stability Board said the rules would be tightened.", ("official",)),
    ],
)
def test_bodies_and_offices_by_their_words(text: str, expected: tuple[str, ...]) -> None:
    assert _last(text) == expected


def test_a_common_word_opening_its_sentence_is_no_collective_body() -> None:
    # "Controversies have ...": a plural noun capitalised for its place, not a club's name
    text = ("Controversies have continued to emerge about the resignation of the minister, "
            "Tim Sol, in the pursuit of his ambition.")
    rules = [a.rule for s in analyse_text(text).sentences for a in s.attributions]
    assert not any("spk.evidence.collective" in rule for rule in rules)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a sports club's name is a body's, not a person's: the club speaking for itself
        ("Grimsby Hotspur said the striker would stay.", ("official",)),
        ("Sporting Talvik confirmed the signing on Monday.", ("official",)),
        # the same shape without a club word is a person's name
        ("Grimsby Holt said the striker would stay.", ("named",)),
    ],
)
def test_club_names_are_bodies(text: str, expected: tuple[str, ...]) -> None:
    assert _last(text) == expected


def _attributions(text: str) -> list[dict[str, object]]:
    return [a.to_dict() for s in analyse_text(text).sentences for a in s.attributions]


def test_a_kind_shown_elsewhere_keeps_the_words_that_showed_it() -> None:
    text = ("Harbour Minister Lina Osei opened the quay on Monday. Osei said the ferries "
            'would return in May. "It is a good day," she added.')
    first, second = _attributions(text)
    shown = {"text": "Harbour Minister Lina Osei", "start": 0, "end": 26}
    assert (first["kind"], first["source"]) == ("official", {"text": "Osei", "start": 54,
                                                             "end": 58})
    assert first["evidence"] == shown and "reason" not in first
    # a pronoun carries the speaker, and with it the words that showed its kind
    assert second["kind"] == "official" and second["evidence"] == shown


def test_an_office_shown_by_a_possessive_is_evidence_too() -> None:
    text = ("Critics said Tomas Hale's government had misled voters. Hale said he would not "
            "resign.")
    attribution = _attributions(text)[-1]
    assert attribution["kind"] == "official"
    assert attribution["rule"] == "attr.say+spk.evidence.possesses"
    assert attribution["evidence"] == {"text": "Hale's government", "start": 19, "end": 36}


def test_a_kind_the_article_never_shows_is_the_declared_fallback_and_says_so() -> None:
    text = 'Halvard Lund said the mine would close in May. "It is over," Lund added.'
    for attribution in _attributions(text):
        assert attribution["kind"] == "named"
        assert "evidence" not in attribution
        assert str(attribution["reason"]).startswith("no office evidence")


def test_a_kind_the_speakers_own_words_show_needs_no_evidence_or_reason() -> None:
    (attribution,) = _attributions("Finance Minister Ana Duarte said the budget would "
                                   "be balanced.")
    assert attribution["kind"] == "official"
    assert "evidence" not in attribution and "reason" not in attribution


def test_a_name_after_a_nameless_office_holder_is_that_office_holder() -> None:
    text = ("The club's chairman told the local paper that the ground would be sold. "
            '"We have no choice," Tomas Hale said.')
    attribution = _attributions(text)[-1]
    assert (attribution["kind"], attribution["rule"]) == (
        "official", "attr.say+spk.evidence.named_after")
    assert attribution["evidence"] == {"text": "The club's chairman", "start": 0, "end": 19}


def test_only_the_words_right_before_a_name_can_be_its_title() -> None:
    # a clause before the name ("a poll found") says nothing of what the name's bearer is
    text = ('A ministry poll found Tomas Hale ahead in May. "It will be close," Hale said.')
    attribution = _attributions(text)[-1]
    assert attribution["kind"] == "named" and "evidence" not in attribution
    # a name inside a body's name is not the person ("the Hale Foundation")
    text = ('The Hale Foundation said the grants would rise. "It will be close," Tomas Hale '
            "said.")
    assert _attributions(text)[-1]["kind"] == "named"


def test_an_office_held_is_read_only_near_the_name_and_not_past_someone_else() -> None:
    text = ("Tomas Hale has criticised Lena Berg, a lawyer appointed as deputy minister in "
            'May. "The plan will fail," Hale said.')
    assert _attributions(text)[-1]["kind"] == "named"
    text = ('Tomas Hale on Thursday said he will step down as party leader. "It is time," '
            "Hale said.")
    attribution = _attributions(text)[-1]
    assert attribution["kind"] == "official"
    assert attribution["evidence"]["text"] == "step down as party leader"  # type: ignore[index]


def test_a_name_with_particles_is_one_person_and_keeps_its_office() -> None:
    text = ("Trade Minister Karin van der Berg arrived on Monday. "
            '"We are close," van der Berg said. Omar al-Harbi told reporters that the deal '
            'would close in May. "It is done," Al-Harbi said.')
    first, second, third = _attributions(text)
    assert (first["kind"], first["source"]["text"]) == ("official",  # type: ignore[index]
                                                       "van der Berg")
    assert first["evidence"]["text"] == "Trade Minister Karin van der Berg"  # type: ignore[index]
    # (it was no name at all: an unclassified source, "unnamed")
    assert (second["kind"], second["source"]["text"]) == ("named",  # type: ignore[index]
                                                         "Omar al-Harbi")
    # and the same person when a sentence capitalises the particle
    assert (third["kind"], third["rule"]) == ("named", "attr.say+spk.known_name")


@pytest.mark.parametrize(
    ("outlet", "expected"),
    [
        # another news organisation that understands is that organisation's reporting
        (None, ("media",)),
        # the publishing outlet that understands speaks for its own unnamed sources
        ("reuters", ("unnamed",)),
    ],
)
def test_the_outlet_that_understands(outlet: str | None, expected: tuple[str, ...]) -> None:
    text = "Reuters understands that the club will bid again for the striker."
    assert tuple(sorted(analyse_text(text, outlet=outlet).sentences[-1].kinds)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a person's lawyer is their voice also when another word of the expert class
        # stands between the possessive and "lawyer" ("family")
        ("Ana Ruiz's family lawyer Tom Reyes says the appeal has been filed.", ("official",)),
        ("Ana Ruiz's family attorney said the appeal had been filed.", ("official",)),
        # ... while a family member speaking is a private person
        ("Tom Reyes, a family friend, said the appeal had been filed.", ("named",)),
        # an event's organiser speaks for it on the record; a later surname keeps the office
        ("Festival organiser Ana Ruiz said the gates would open at noon.", ("official",)),
        ("Harbour Fest co-organiser Ana Ruiz confirmed the line-up on Monday. Ruiz said the "
         "gates would open at noon.", ("official",)),
        ("An organiser said the gates would open at noon.", ("unnamed_official",)),
        # bare authorities are anonymous office-holders (guide 2: official is an
        # identifiable body), authorities a word identifies are that body (session 36); a
        # body named by its title is official; a member of a body is an office-holder
        ("The authorities said the ship would sail on Friday.", ("unnamed_official",)),
        ("Italian authorities said the ship would sail on Friday.", ("official",)),
        ("The Italian Port Authority said the ship would sail on Friday.", ("official",)),
        ("One Cabinet member said the minister would resign.", ("unnamed_official",)),
        ("Cabinet member Ana Ruiz said the minister would resign.", ("official",)),
        # a surname alone before an appositive is a person the appositive describes
        ("Vale, head of the Harbour Party, said he would resign.", ("official",)),
        ("Vale, a midfielder, said he was grateful.", ("named",)),
        ("Vale, a lawyer at a Harbour firm, said the ruling could be appealed.", ("named",)),
        # "official" before what a body publishes is an adjective: the body's voice; an
        # account nobody owns is anonymous
        ("The club's official Twitter account said the striker had signed.", ("official",)),
        ("A Twitter account claimed the striker had signed.", ("unnamed",)),
        ("A senior official said the striker had signed.", ("unnamed_official",)),
        # a place made an adjective is no part of the name: the office given earlier carries
        ("Finance Minister Tom Vale ruled out a bid on Monday. Oslo-raised Mr Vale said he "
         "would not stand again.", ("official",)),
        ("Harbour United sacked coach Ana Ruiz on Monday. London-born Ruiz said she was "
         "surprised.", ("official",)),
    ],
)
def test_the_kind_of_a_described_speaker(text: str, expected: tuple[str, ...]) -> None:
    assert _last(text) == expected


def test_a_title_joined_by_for_or_of_is_part_of_the_antecedent_of_who() -> None:
    """"met Minister for Harbours Ana Ruiz, who said": the whole title and name are the
    speaker, so the title gives its kind; a place before "of" is no title."""
    sentence = analyse_text(
        "Tom Vale met Minister for Harbours Ana Ruiz, who told him that the quay would reopen."
    ).sentences[0]
    assert [(a.kind, a.source.text) for a in sentence.attributions] == [
        ("official", "Minister for Harbours Ana Ruiz")]
    sentence = analyse_text(
        "Tom Vale met the High Commissioner of Northland Ana Ruiz, who said the quay would "
        "reopen."
    ).sentences[0]
    assert [(a.kind, a.source.text) for a in sentence.attributions] == [
        ("official", "High Commissioner of Northland Ana Ruiz")]


def test_a_headline_label_s_bare_name_is_what_the_article_shows_it_is() -> None:
    """"Ruiz: ..." in a headline is the Ruiz the article describes: a player speaks for
    herself, a minister for her office; a name nothing describes keeps the label's kind."""
    player = analyse_text(
        "Ruiz: I am staying at Harbour United\n\nAna Ruiz, a midfielder, has vowed to stay "
        "at the club next season.\n"
    )
    assert player.sentences[0].kinds == ("named",)
    shown = player.sentences[0].attributions[0].evidence
    assert shown is not None and shown.text.startswith("Ana Ruiz, a midfielder")
    minister = analyse_text(
        # (a headline's negation is the party's denial since session 27: an assertion here)
        "Vale: taxes will rise in May\n\nFinance Minister Tom Vale announced a tax rise on "
        "Monday.\n"
    )
    assert minister.sentences[0].kinds == ("official",)


def test_an_appositive_after_a_name_ends_at_its_line() -> None:
    """"Tom Vale, the boy from Harbour" ending a line is all that describes Vale; the next
    line's "The ministry said" is no description of him."""
    text = (
        "Related: Tom Vale, the boy from Harbour\nThe ministry said the fee was a record.\n"
        '"I am happy," Vale said.'
    )
    vale = analyse_text(text).sentences[-1].attributions[0]
    assert vale.kind == "named"
    assert vale.evidence is None or "\n" not in vale.evidence.text


def test_a_name_with_a_joined_particle_keeps_its_appositives() -> None:
    """"Hadi al-Tamimi, the head of the committee," and "X, a lawmaker of the Harbour
    Party, the largest party," are each one speaker: the name and what describes it."""
    sentence = analyse_text(
        "Hadi al-Tamimi, the head of the Harbour parliament's security committee, told "
        "reporters that the plot was real."
    ).sentences[0]
    assert [(a.kind, a.source.text) for a in sentence.attributions] == [
        ("official", "Hadi al-Tamimi, the head of the Harbour parliament's security committee")]
    sentence = analyse_text(
        "Omar el-Sayed, a senior lawmaker of the Harbour Party, the largest party, told "
        "reporters that the plot was real."
    ).sentences[0]
    assert [(a.kind, a.source.text) for a in sentence.attributions] == [
        ("official", "Omar el-Sayed, a senior lawmaker of the Harbour Party, the largest party")]


def test_a_relative_after_an_appositive_hangs_on_the_name_it_describes() -> None:
    """"a statement from Tom Vale, the former high commissioner to Northland, who said":
    Vale and his appositive are the speaker, not Northland."""
    sentence = analyse_text(
        "The report quoted a statement from Tom Vale, the former high commissioner to "
        "Northland, who said the talks had failed."
    ).sentences[0]
    vale = [a for a in sentence.attributions if "Vale" in a.source.text]
    assert [(a.kind, a.source.text) for a in vale] == [
        ("named", "Tom Vale, the former high commissioner to Northland")]
    sentence = analyse_text(
        "Roe met Ana Ruiz, the mayor of Harbour, who said the vote was fair."
    ).sentences[0]
    assert [(a.kind, a.source.text) for a in sentence.attributions] == [
        ("official", "Ana Ruiz, the mayor of Harbour")]


def test_an_office_another_mention_takes_up_types_a_later_bare_name() -> None:
    # a club's new manager, announced in one sentence, speaks as that office-holder later
    text = ('Harbour United confirmed Tom van Dijk will take over as manager in June. '
            '"It is an honour," Van Dijk said.')
    attribution = _attributions(text)[-1]
    assert (attribution["kind"], attribution["rule"]) == ("official",
                                                          "attr.say+spk.evidence.holds")
    assert attribution["evidence"]["text"] == "take over as manager in June"
    # the name right before "as" and the office: the office is the name's
    text = ('Harbour United announced Tom Vale as the club\'s new head coach.\n\nShare\n\n'
            '"I am proud," Vale said.')
    attribution = _attributions(text)[-1]
    assert attribution["kind"] == "official"
    assert attribution["evidence"]["text"] == "as the club's new head coach"
    # ... not a role nobody holds for a party ("as a signing"), nor "as well"
    for text in ('Harbour United announced Tom Vale as a signing for the youth team. '
                 '"I am proud," Vale said.',
                 'Fans cheered Tom Vale as well as the coach. "I am proud," Vale said.'):
        assert _attributions(text)[-1]["kind"] == "named"


def test_an_office_holder_stays_one_when_later_words_say_what_else_they_are() -> None:
    # guide 2: a party to the story who holds office is official, also when a later
    # appositive calls them the founder of a movement or an economist
    text = ("President Ana Ruiz on Monday visited the port. Ruiz, the founder and "
            "leader of the Harbour Movement, said the port would grow.")
    attribution = _attributions(text)[-1]
    assert attribution["kind"] == "official"
    assert attribution["evidence"]["text"] == "President Ana Ruiz"
    # ... and with no office before, the appositive decides
    text = "Ruiz, the founder and leader of the Harbour Movement, said the port would grow."
    assert _attributions(text)[-1]["kind"] == "named"
    # a former office-holder is no office-holder now
    text = ("President Ana Ruiz visited the port in May. Former president Lena Berg said the "
            "port would grow.")
    assert _attributions(text)[-1]["kind"] == "named"


def test_he_with_nobody_who_spoke_is_not_a_name_the_article_calls_a_wife() -> None:
    # the last person named before "He" is introduced as someone's wife: not him
    text = ("Tom Vale was sworn in as mayor on Monday. Vale was escorted by his wife Lena "
            "Vale. He said the city would grow.")
    attribution = _attributions(text)[-1]
    assert (attribution["kind"], attribution["source"]["text"]) == ("official", "Tom Vale")
    # past a name of the other gender only a person will do: a building is nobody
    text = ("Tom Vale was sworn in as mayor on Monday. The convoy headed to Harbour House. "
            "Vale was escorted by his wife Lena Vale. He said the city would grow.")
    assert all(a["source"]["text"] != "Harbour House" for a in _attributions(text))
    text = "Lena Vale arrived with her husband Tom Vale. She said the city would grow."
    assert _attributions(text)[-1]["source"]["text"] == "Lena Vale"


def test_a_bodys_acronym_in_parentheses_does_not_lengthen_an_appositive_before_a_name() -> None:
    text = ("A spokesperson for the Harbour Football Association (HFA), Tom Vale has dismissed "
            'the claims. "There were no plans," he told the radio.')
    attribution = _attributions(text)[-1]
    assert attribution["kind"] == "denied"
    assert attribution["evidence"]["text"] == (
        "A spokesperson for the Harbour Football Association (HFA), Tom Vale")
    # a tail of six real words after the role word is a clause, not the title
    text = ("A spokesperson for the club met fans in the Harbour Arena car park, Tom Vale "
            "said on Monday.")
    assert _attributions(text)[-1]["kind"] == "named"


def test_pm_written_short_is_an_office_a_later_bare_name_keeps() -> None:
    text = ("Fans expect Deputy PM Ana Ruiz to replace PM Tom Vale. On Monday, Vale wrote on "
            "Twitter that the country came first.")
    attribution = _attributions(text)[-1]
    assert (attribution["kind"], attribution["evidence"]["text"]) == ("official", "PM Tom Vale")
    # a clock's "pm" before a name describes nobody
    text = 'The gates opened at 3 pm. Tom Vale said the queue was long.'
    assert _attributions(text)[-1]["kind"] == "named"


def test_the_official_with_no_speaker_called_one_is_the_named_office_holder_who_spoke() -> None:
    text = ("Police information chief Colonel Ana Ruiz said the arrest went smoothly. The "
            "official added that 300 officers were deployed.")
    attribution = _attributions(text)[-1]
    assert (attribution["kind"], attribution["source"]["text"]) == (
        "official", "Police information chief Colonel Ana Ruiz")
    # ... but an anonymous official before is the one it means (guide 2)
    text = ("Police chief Ana Ruiz said the arrest went smoothly. A senior official said the "
            "road was closed. The official added that 300 officers were deployed.")
    assert _attributions(text)[-1]["kind"] == "unnamed_official"
    # ... and a person the article never described is no office-holder
    text = ("Ana Ruiz said the arrest went smoothly. The official added that 300 officers "
            "were deployed.")
    assert _attributions(text)[-1]["kind"] == "unnamed_official"


def test_he_with_nobody_who_spoke_alone_is_never_a_body_named_last() -> None:
    # the last capitalised name before "He" is an army: no "he"; the official of the group
    # that spoke is the one it can mean
    text = ("Two security officials said soldiers had been detained. One of the officials said "
            "the buses of the Harbour National Army were the target. He said six soldiers "
            "were held.")
    attribution = _attributions(text)[-1]
    assert (attribution["kind"], attribution["source"]["text"]) == (
        "unnamed_official", "Two security officials")


def test_a_time_word_opening_the_sentence_is_no_part_of_the_speakers_name() -> None:
    # "Yesterday Mr Robinson" is Mr Robinson, whom a title showed an office-holder
    text = ("Harbour Party leader Tom Robinson met the party on Monday. Yesterday Mr Robinson "
            "said that he would go. Last night Robinson said he was fine.")
    found = [(a["kind"], a["source"]["text"]) for a in _attributions(text)]
    assert found == [("official", "Mr Robinson"), ("official", "Robinson")]


def test_a_title_of_several_capitalised_words_is_no_personal_name() -> None:
    # the office alone, as a tag's words may give it ("Vice President of Sales, Music and
    # Events, highlighted ..."): an office-holder, not a person called "Vice President"
    desc = classify("Vice President of Sales, Music and Events,", rules(), default_registry(),
                    None)
    assert desc is not None
    assert (desc.kind, desc.names) == ("official", ())
    # words that only qualify an office before its title word ("Assistant Foreign Minister",
    # as in "HE Ana Ruiz, Assistant Foreign Minister, told AFP"), not a person so called
    for office in ("Assistant Foreign Minister", "Prime Minister", "Chief Operating Officer"):
        desc = classify(office, rules(), default_registry(), None)
        assert desc is not None and (desc.kind, desc.how) == ("official", "title"), office
    # a given name before a surname that is also a title word is a person
    for person in ("Stephen King", "Julie Bishop"):
        desc = classify(person, rules(), default_registry(), None)
        assert desc is not None and (desc.kind, desc.how) == ("named", "person"), person


def test_a_former_office_in_an_appositive_before_the_name_is_no_office_now() -> None:
    # the office a comma sets off before the name carries to the surname, and so does its
    # "former" (guide 2: an outside voice now, as "former minister Carlos Ruiz" is)
    text = ("Former Finance Minister, Carlos Ruiz, was at the launch. "
            "Ruiz claimed the minister had conflicts of interest.")
    assert _last(text) == ("named",)
    text = ("The Finance Minister, Carlos Ruiz, was at the launch. "
            "Ruiz claimed the bank had conflicts of interest.")
    assert _last(text) == ("official",)


def test_a_former_office_holder_taking_up_a_new_office_in_the_same_sentence_holds_it() -> None:
    # the outside voice a "former" title makes is an office-holder again when its sentence
    # says the subject takes up an office now ("as the newly appointed team director")
    text = ("Former Harbour captain Tom Vale has made it clear he will call the shots on the "
            "tour of Ruritania as the newly appointed team director.\n"
            '"My role is to oversee everything," Vale told the website.')
    assert _last(text) == ("official",)
    # ... not when the office is somebody else's, named in between
    text = ("Former Harbour captain Tom Vale watched as Ana Ruiz was unveiled as the new team "
            'director.\n"She will do well," Vale told the website.')
    assert _last(text) == ("named",)


def test_the_name_after_an_office_of_a_field_is_the_office_holder_s() -> None:
    # "Title of Field Name": the office's field, then the person holding it, who may be
    # looked up later; a body after a preposition alone is still no person
    registry = default_registry()
    for text, kind, names in (
            ("Secretary of State Ana Ruiz", "official", ("Ana", "Ruiz")),
            ("The mayor's top spokesperson, Deputy Mayor of Communications Tom Vale",
             "official", ("Tom", "Vale")),
            # (unnamed, a body's spokesman: labelling brief, convention 2)
            ("a spokesman for Harbour Street", "unnamed_official", ()),
    ):
        desc = classify(text, rules(), registry, None)
        assert desc is not None and (desc.kind, desc.names) == (kind, names), text


def test_a_former_in_an_editor_s_brackets_still_makes_the_title_former() -> None:
    text = ('The palace said that "[Former] king Tomas Hale has informed the house of his '
            'decision." A decision, he said, which he had made to protect his son.')
    assert _last(text) == ("named",)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # words that open the sentence are no part of the name after them: a later "Mr
        # Hale" is the First Minister named earlier, also when "he" in a relative clause
        # stands for him
        ("First Minister Tom Hale met the board. Yesterday Mr Hale, who is 60 next month, said "
         "the plan, which he said would start in May, was his own.", ("official", "official")),
        ("First Minister Tom Hale met the board. Last year Mr Hale said the plan was his own.",
         ("official",)),
        # a name after "the" that no title describes is a body's (a team), not a person's
        ("The Harbour Falcons called his actions unacceptable.", ("official",)),
        # ... unless an honorific opens it
        ("The Rev. Tom Hale called his actions unacceptable.", ("named",)),
    ],
)
def test_opening_words_and_names_after_the(text: str, expected: tuple[str, ...]) -> None:
    assert _last(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a person's relative speaks for that person (guide 2: a party's own voice)
        ("His youngest daughter, Lena Vale, announced that her father would return in May.",
         ("official",)),
        ("Tom Vale's father, Jim Vale, said the move was agreed.", ("official",)),
        # ... an unowned relative is a private voice
        ("A mother of three said the school would close.", ("unnamed",)),
        # ... and a later bare "Vale" is the owner, not the relative whose words gave the
        # name as somebody's possessive
        ("Harbour United striker Tom Vale has left the club. Vale's father, Jim Vale, said "
         "the move was agreed. In May, Vale said he was happy.", ("named",)),
        # ... also when the family name comes first
        ("Striker Kang Tae-yang may move. Kang's father, Kang Myung-soo, said no deal was "
         "signed. In May, Kang said England had been a dream.", ("named",)),
        # "the daughter of Tom Vale" is owned as "Tom Vale's daughter" is, and the name set
        # off after the owner's is hers: a later "Lena" is the same voice
        ("The youngest daughter of former mayor Tom Vale, Lena Vale, said her father would "
         "return in May. Lena wrote that he missed home.", ("official",)),
        # a later mention of a relative the article introduced by an owner's pronoun keeps
        # the owned kind ("his daughter Lena Vale" ... "Lena")
        ("Tom Vale will return in May, according to his daughter Lena Vale. Lena said he "
         "would land at noon.", ("official",)),
        # so does an owned lawyer's surname
        ("Tom Vale denies the charge, his lawyer, Ana Ruiz, said. Ruiz said he would appeal.",
         ("official",)),
    ],
)
def test_relatives_speak_for_their_owner(text: str, expected: tuple[str, ...]) -> None:
    assert _last(text) == expected


def test_an_office_in_capitals_is_no_name() -> None:
    # "Special Assistant" before "to the Governor" is an office, not a person called so: the
    # name after the comma holds it, and a later bare "Vale" keeps it
    text = ("Senior Special Assistant to the Governor on Media and Publicity, Tom Vale, said "
            "the bridge would reopen. Vale added that the works were finished.")
    assert [s.kinds for s in analyse_text(text).sentences] == [("official",), ("official",)]
    desc = classify("Special Assistant", rules(), default_registry(), None)
    assert desc is not None and desc.kind == "unnamed_official"


def test_a_preposition_before_a_surname_is_no_given_name() -> None:
    # "Under Vale, the team ..." is no person called "Under Vale" whom the team describes:
    # the later "Vale" is still the coach the article introduced
    text = ("National coach Tom Vale met the board on Monday. Under Vale, the senior team won "
            "five games. Vale said the team would improve.")
    assert analyse_text(text).sentences[-1].kinds == ("official",)


def test_a_title_in_capitals_that_ends_the_sentence_describes_the_name_before_it() -> None:
    text = ("The bill was drafted by Lena Osei, Harbour MP in the regional parliament. "
            "\"We are close,\" Osei told reporters.")
    assert analyse_text(text).sentences[-1].kinds == ("official",)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a relative clause that gives the name an office held now
        ("Tom Vale, who became the MP after winning the by-election, has posted a video "
         "declaring that the club was sold.", ("official",)),
        ("Tom Vale, who is the club's chairman, said the ground would be sold.", ("official",)),
        # ... not an office left, nor words that are no office
        ("Tom Vale, who was mayor when the bridge opened, said the ground would be sold.",
         ("named",)),
        ("Tom Vale, who is 67 next month, said the ground would be sold.", ("named",)),
    ],
)
def test_a_relative_clause_gives_the_office_held_now(text: str, expected: tuple[str, ...]) -> None:
    assert _last(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a family by its own name speaks for itself as a party; "the family" later is it
        ("The Harbour family said it would make funds available to the club.", ("official",)),
        ("The Vale family said it had met the board. The family said it would make an "
         "offer.", ("official",)),
        # ... a person's family keeps a name's kind, an unnamed family is anonymous
        ("Ms Berg's family said in a statement that she loved the sea.", ("named",)),
        ("A family in the valley said the water was brown.", ("unnamed",)),
    ],
)
def test_a_family_by_its_name_speaks_for_itself(text: str, expected: tuple[str, ...]) -> None:
    assert _last(text) == expected


def test_capitals_between_a_given_name_and_a_surname_are_initials() -> None:
    # "RT" between "Andrew" and "Davies" is a middle initial, not the broadcaster RT
    registry = default_registry()
    desc = classify("Tom RT Vale, leader of the Harbour group in the assembly", rules(),
                    registry, None)
    assert desc is not None and desc.kind == "official"
    alone = classify("RT reported", rules(), registry, None)
    assert alone is not None and alone.kind == "media"


def test_a_source_run_on_into_its_clause_is_the_name_s() -> None:
    """A frame's source that runs on past the name into the clause it heads: the name decides
    ("executives", "King" in the clause describe nobody), not a past office verb or a name's
    adjective ("elected mayor" says what he is; "Catalan based outlet" is no verb)."""
    registry = default_registry()
    lexicon = rules()

    def kind(words: str) -> str | None:
        desc = classify(words, lexicon, registry, None)
        return None if desc is None else desc.kind

    assert kind("Ana Ruiz also addressed the departures of senior executives") == "named"
    assert kind("King addressed the issue on CBS") == "official"  # a bare name: a body
    assert kind("Leaders had nominated Tom Vale") != "unnamed_official"
    assert kind("Tom Vale elected mayor in 2019") == "official"


def test_common_words_capitalised_for_a_title_case_headline_are_no_name() -> None:
    """"Preliminary Talks Confirmed ..." on a headline line: words the article writes in lower
    case elsewhere and never capitalises inside a sentence are common words, no person; a
    real name on a headline stays one."""
    talks = analyse_text(
        "Preliminary Talks Confirmed by Harbour Mining Board\n\nHarbour Mining said on Friday "
        "that it was in preliminary talks with a rival miner.\n"
    )
    assert "Preliminary Talks" not in [a.source.text for a in talks.sentences[0].attributions]
    poll = analyse_text(
        "New Poll Shows Wide Lead for Harbour Mayor\n\nA new poll shows the mayor has a wide "
        "lead.\n"
    )
    assert poll.sentences[0].kinds == ("unnamed",)  # a poll, read in lower case
    name = analyse_text(
        "Ana Ruiz Confirms Move to Harbour United\n\nAna Ruiz confirmed on Friday that she "
        "would join the club after talks with the coach.\n"
    )
    assert name.sentences[0].kinds == ("named",)


def test_a_body_s_name_in_a_title_case_headline_makes_no_person_of_it() -> None:
    """"Harbourlink Train Derails Near Ridgefield": a run of capitals in a title-case headline
    is no full name, so a later bare "Harbourlink" is a body speaking for itself (the
    one-word name's fallback, official), not a person the article never describes (named);
    a person the headline names with a verb of their own keeps their kind (session 33)."""
    body = analyse_text(
        "Harbourlink Train Derails Near Ridgefield\n\nSixty passengers were aboard, according "
        "to Harbourlink.\n"
    )
    assert body.sentences[-1].kinds == ("official",)
    person = analyse_text(
        "Tomas Hale Denies Resignation Rumours\n\nHale said on Monday he would stay.\n"
    )
    assert person.sentences[-1].kinds == ("named",)


def test_a_party_tag_after_a_name_is_a_member_of_that_party() -> None:
    """"Ana Ruiz, SNP" and "Tom Vale, R-Texas": the party a member sits for (official); an
    honour's letters after a name are none ("Ana Ruiz, OBE": named)."""
    assert _last("Ana Ruiz, SNP, said the closure was a blow to the town.") == ("official",)
    assert _last("Tom Vale, R-Texas, said the bill would fail.") == ("official",)
    assert _last("Ana Ruiz, OBE, said the closure was a blow to the town.") == ("named",)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a title is no given name: "President Hale" is "Tomas J. Hale"
        ('"The talks went well," wrote Tomas J. Hale on Monday. President Hale met the '
         'envoy later. "We will meet again," Tomas J. Hale added.', ("official",)),
        # an office in lower case after the name, its field after a preposition
        ("Tomas Hale, senior secretary for civil affairs, was named on Monday. Hale said "
         "the plan was ready.", ("official",)),
        # ... not lower-case words that hold no office's word (", born in")
        ("Tom Vale, born in Harbour City, said the plan was ready. Vale said it was costly.",
         ("named",)),
        # a title in capitals closed by a bracket
        ("The note was issued by Lina Osei, Special Assistant to the Premier on Media "
         "(Office of the Deputy Premier), on Saturday. Osei said the plan was ready.",
         ("official",)),
        # the noun phrase a preposition governs before the comma; a verb after the name
        # makes the name the clause's subject, not the appositive's
        ("The trip came after the head of a health agency travelled to Harbouria at the "
         "direction of the country's health secretary, Tomas Hale. Hale said the delay was "
         "costly.", ("official",)),
        # an office with a hyphenated prefix
        ("Harbour Juniors vice-president Tom Vale said the club had lost its sponsor.",
         ("official",)),
        # a lawyer by a definite description where the article gives such a one a party;
        # an indefinite one, or one no mention gives a party, is an outside voice
        ("The lawyer for Tom Vale denied the claim. Lawyer Ana Ruiz said the claim was "
         "part of an extortion attempt.", ("official",)),
        ("His lawyer filed the appeal. Ana Ruiz, a lawyer who has followed the case, said "
         "the appeal would fail.", ("named",)),
        # a lawyer by title is the case's lawyer, a party's voice (guide 2; session 31)
        ("Lawyer Ana Ruiz said the ruling could be appealed.", ("official",)),
        # who runs the body the article refers back to by a common noun speaks for it; a
        # body by its proper name or an indefinite one may be an outside voice's
        ("Youth worker Julie Roe, who runs the centre, said the building would close.",
         ("official",)),
        ('"Orders may move abroad," said Tom Vale, who heads the Harbour Metal Workers\' '
         "Union's local branch.", ("named",)),
        ("Tom Vale, who runs a consultancy in Oslo, said the shares were cheap.", ("named",)),
        # a party's name of several capitalised words ending with a body's word
        ("A Harbour Borders Council spokesperson said the route would stay.",
         ("unnamed_official",)),
        # words that keep a speaker anonymous
        ("An unnamed player from Team Harbour told the agency that the captain had lost "
         "respect.", ("unnamed",)),
        ("An unidentified law firm said the filing was ready.", ("unnamed",)),
        # "the organization" refers back to the body named before it
        ("The Harbour Health Organization said the vaccine was safe. The organization said "
         "it supports the move.", ("official",)),
        # a body's possessive and its title referring back to the name just before
        ("Tomas Hale was offered a new deal. Harbour's manager, however, refused to discuss "
         'it. "I am focused on the cup," Hale said.', ("official",)),
        ("Tomas Hale was offered a new deal. Hale's manager, however, refused to discuss "
         'it. "I am focused on the cup," Hale said.', ("named",)),
    ],
)
def test_offices_read_from_appositions_clauses_and_other_mentions(
    text: str, expected: tuple[str, ...]
) -> None:
    assert _last(text) == expected


def test_a_lawyer_by_title_speaks_for_a_party_whether_or_not_it_is_named() -> None:
    """Guide 2: a lawyer speaking on the record for a party is its voice; the title before
    the name says so, with or without the party named elsewhere (session 31)."""
    for text in ("The lawyer for Harbour Basketball Association player Tom Vale on Sunday "
                 "denied the claim. Lawyer Ana Ruiz said the claim was part of an extortion "
                 "attempt.",
                 "Lawyer Ana Ruiz said the claim was part of an extortion attempt."):
        attribution = _attributions(text)[-1]
        assert (attribution["kind"], attribution["rule"]) == ("official", "attr.say+spk.counsel")


def test_a_lawyer_one_of_many_is_an_independent_voice() -> None:
    """"X, a lawyer ..." introduces one of many: named, as an expert is; "a lawyer for" a
    party is the party's voice (session 31)."""
    assert _last("Tom Reyes, a human rights lawyer, said the law would be challenged.") == (
        "named",)
    assert _last("A lawyer for the family said the appeal had been filed.") == ("official",)


@pytest.mark.parametrize("words", ["World Cup", "the Monaco Grand Prix", "Super Lig",
                                   "the World Series"])
def test_a_competition_s_name_is_nobody_s_personal_name(words: str) -> None:
    """The words of competitions' names (org_name_words): no person a later "he" could stand
    for."""
    desc = classify(words, rules(), default_registry(), None)
    assert desc is not None and not desc.person


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Tom Vale said the fares would rise. Vale is the agency's spokesperson. "
         '"It is the only way," Vale added.', ("official",)),
        ("Tom Vale said the fares would rise. Vale serves as the agency's spokesperson. "
         '"It is the only way," Vale added.', ("official",)),
        ("Tom Vale said the fares would rise. Vale is a former minister. "
         '"It is the only way," Vale added.', ("named",)),
        ("Tom Vale said the fares would rise. Vale is a lawyer. "
         '"It is the only way," Vale added.', ("named",)),
    ],
)
def test_an_office_a_verb_gives_the_name_in_another_sentence(
    text: str, expected: tuple[str, ...]
) -> None:
    """"Vale is the agency's spokesperson": the office holds for every mention of the name;
    a former one, or a trade, makes no office-holder."""
    assert _last(text) == expected
