"""Speakers that hold more than one sentence: transcript turns, quotations tagged at their end,
quotations in mixed or single quotation marks (sentences written for these tests)."""

from __future__ import annotations

import pytest

from verifier.analysis.analyse import analyse_text


def _kinds(text: str) -> list[tuple[str, ...]]:
    return [s.kinds for s in analyse_text(text).sentences]


def test_a_transcript_speaker_holds_the_turn_until_the_next_label() -> None:
    text = (
        "MS LUND: Good afternoon.\n"
        "MS LUND: The talks will resume on Monday. We expect a deal by June.\n"
        "QUESTION: Will the minister attend?\n"
        "The talks are over."
    )
    sentences = analyse_text(text).sentences
    assert not sentences[0].claim  # a greeting is not a claim, but it opens the turn
    assert sentences[1].kinds == ("official",)
    assert sentences[2].kinds == ("official",)
    assert sentences[2].attributions[0].source.text == "MS LUND"
    assert sentences[-1].kinds == ()  # the questioner's label ended the turn


def test_a_quotation_tagged_at_its_end_is_the_speakers_throughout() -> None:
    kinds = _kinds(
        'The talks stalled. "No deal was signed. Talks ended in May," the minister said.'
    )
    # the denial is its own sentence's; the rest of the quotation asserts
    assert kinds == [(), ("denied",), ("official",)]
    kinds = _kinds(
        'The talks stalled. "Talks ended in May. No deal was signed," the minister said.'
    )
    assert kinds == [(), ("official",), ("denied",)]
    kinds = _kinds('"We will win. The voters are with us," said Mayor Ann Cole.')
    assert kinds == [("official",), ("official",)]


def test_mixed_and_single_quotation_marks_close_a_quotation() -> None:
    assert _kinds('"I have no answer to your question,” the coach said.') == [("declined",)]
    assert _kinds("'We will win,' said Mayor Ann Cole.") == [("official",)]


def test_a_headline_label_names_the_speaker_but_a_section_label_does_not() -> None:
    assert _kinds("Mayor: bridge will reopen in May\n\nThe bridge closed in March.")[0] == (
        "official",
    )
    assert _kinds("Analysis: the bridge may reopen in May\n\nIt closed in March.")[0] == ()


def test_an_office_given_once_applies_to_later_mentions() -> None:
    kinds = _kinds(
        "The Environment Minister, Tony Burke, says he is optimistic. "
        "Burke says he will not send the documents."
    )
    assert kinds == [("official",), ("official",)]


def test_a_lone_section_label_holds_no_speaker_in_a_live_blog() -> None:
    text = (
        "TOP STORY: Rovers eye a move for the striker\n"
        "Rovers want a forward, sources told the Daily Courier.\n"
        "The striker scored ten goals last season.\n"
        "21.30 BST: The winger is closing in on a move to Leeds."
    )
    kinds = _kinds(text)
    assert kinds[0] == ()  # one capitalised label is a section label, not a transcript turn
    assert "unnamed" in kinds[1]
    assert kinds[2:] == [(), ()]  # the reporter's own entries


def test_an_entry_time_ends_a_transcript_turn() -> None:
    text = (
        "ROE: We will not attend the summit.\n"
        "LUND: Nor will we. The talks are over.\n"
        "ROE: Then we agree.\n"
        "10.45 BST: The summit opened without them.\n"
        "The hall was half empty."
    )
    kinds = _kinds(text)
    assert kinds[:4] == [("official",)] * 4
    assert kinds[4:] == [(), ()]


def test_labels_that_never_return_are_no_transcript() -> None:
    # a masthead's roles and a dateline in capitals: each labels one line, nobody speaks again
    text = (
        "PUBLISHER: ANA RUIZ\n"
        "EDITOR-IN-CHIEF: TOM VALE\n"
        "OSLO: The two carmakers ended their merger talks on Monday.\n"
        "The talks had lasted a year."
    )
    assert _kinds(text)[-2:] == [(), ()]


def test_a_quotation_left_open_keeps_its_speaker_and_hides_its_own_verbs() -> None:
    text = (
        'Asked about the post, Mayor Ann Cole said, "I was not called by the council. '
        "I have said what I had to say. "
        'I have nothing to add."\n'
        "The council meets on Friday."
    )
    sentences = analyse_text(text).sentences
    # "I have said what I had to say" is nothing more to say: a refusal (the guide, section 2)
    assert [s.kinds for s in sentences] == [
        ("official",), ("declined",), ("declined",), (),
    ]
    # "I have said" inside the open quotation is not a frame of its own: the mayor speaks
    assert sentences[1].attributions[0].source.text == "Mayor Ann Cole"
    assert sentences[1].attributions[0].carried


def test_the_outlet_told_is_not_the_speaker_of_the_next_quotation() -> None:
    text = (
        '"We will sell the plant," the chairman of Acme Steel, Ben Ortiz, told the Daily '
        'Courier. "The buyers are ready."'
    )
    sentences = analyse_text(text).sentences
    assert sorted(sentences[0].kinds) == ["media", "official"]
    assert sentences[1].kinds == ("official",)


def test_a_carried_speaker_keeps_the_words_that_name_it_here() -> None:
    text = ("Mayor Ann Cole said the bridge would reopen in May. "
            '"The repairs are on budget," she added. '
            '"The crews worked through the winter."')
    sentences = analyse_text(text).sentences
    (own,) = sentences[0].attributions
    assert own.mention is None and "mention" not in own.to_dict()
    (pronoun,) = sentences[1].attributions
    assert pronoun.carried and pronoun.source.text == "Mayor Ann Cole"
    assert pronoun.mention is not None and pronoun.mention.text == "she"
    assert text[pronoun.mention.start:pronoun.mention.end] == "she"
    # an untagged quotation going on names nobody in its own words
    assert [a.mention for a in sentences[2].attributions] == [None]


def test_a_pronoun_skips_a_speaker_of_the_other_gender() -> None:
    text = (
        '"The order is needed," Mr Hale told the court. '
        "Magistrate Ana Ruiz agreed with the defence. "
        "The risk was real, she told the court."
    )
    last = analyse_text(text).sentences[-1].attributions
    assert [(a.kind, a.source.text) for a in last] == [("official", "Magistrate Ana Ruiz")]


def test_an_abbreviated_title_carries_to_the_surname() -> None:
    # the full stop of "Gov." or "Sen." does not cut the title off the name
    assert _kinds("Gov. Tom Hale won the primary. Hale said the levy would stay.")[-1] == (
        "official",)
    assert _kinds("Florida Sen. Ana Ruiz won. Mrs. Ruiz said she would stay.")[-1] == (
        "official",)


def test_a_later_bare_full_name_does_not_hide_the_office_given_earlier() -> None:
    text = ("Sen. Ana Ruiz won the caucuses. Ana Ruiz, speaking at a rally, thanked her staff. "
            "Ruiz said the result was a turning point.")
    assert _kinds(text)[-1] == ("official",)


def test_a_namesake_with_another_first_name_is_somebody_else() -> None:
    text = ("Rep. Alan Hale faces a primary. Hale said he would win. "
            "Lola Hale wrote in an email that he had misled voters.")
    assert _kinds(text)[1:] == [("official",), ("named",)]


def test_he_or_she_is_a_person_rather_than_a_group_or_several_officials() -> None:
    text = ("Ana Ruiz, the mayor, opened the meeting. Sixty percent of voters said they backed "
            "the levy. She urged the council to act.")
    assert _kinds(text)[-1] == ("official",)
    text = "Tom Hale, an analyst, spoke first. Officials said the plan would fail. He said no."
    assert _kinds(text)[-1] == ("named",)
    # ... but one official is
    assert _kinds("A senior official said the plan would fail. He said it would work.")[-1] == (
        "unnamed_official",)


def test_a_pronoun_with_no_speaker_takes_the_whole_name_before_it() -> None:
    sentences = analyse_text("Mayor Ana Ruiz spoke first. Senior officials said the plan would "
                             "fail. She said it would work.").sentences
    assert sentences[-1].kinds == ("official",)
    assert sentences[-1].attributions[0].source.text == "Mayor Ana Ruiz"


def test_he_after_a_surname_alone_is_the_person_the_surname_names() -> None:
    # the last full name before "He" is a building; the surname alone mentions the minister
    text = ("Prime Minister Tom Reyes took the oath at Government House on Friday.\n\n"
            "Reyes was escorted by his wife Ana Reyes and two ministers.\n\n"
            "He said the country had seen a calm handover.")
    sentences = analyse_text(text).sentences
    assert sentences[-1].kinds == ("official",)
    assert sentences[-1].attributions[0].source.text == "Prime Minister Tom Reyes"


def test_he_or_she_after_a_one_word_name_nothing_describes_is_that_name() -> None:
    # the name rule takes "Vale" for a body speaking for itself; the pronoun says it is a
    # person's surname, and the attribution goes on with the name's own kind
    text = ("Speaking at the conference, Vale said the plan would go ahead.\n"
            "He added that the line would still reach the harbour.\n"
            "“We have to get this right,” he said.")
    sentences = analyse_text(text).sentences
    assert [s.kinds for s in sentences] == [("official",)] * 3
    assert [s.attributions[0].source.text for s in sentences] == ["Vale"] * 3
    # not a name after "the": a team, a band
    assert _kinds("The Falcons said the match would go ahead. He added that it was sold out."
                  )[1] == ()


def test_he_or_she_is_never_several_people_a_plural_noun_names() -> None:
    # "sources" and "voices" are several people: "he" is the one person named before them
    text = ("Mayor Tom Vale spoke at the launch. Two sources said the plan was late. "
            "He said the bridge would open in May.")
    sentences = analyse_text(text).sentences
    assert sentences[-1].kinds == ("official",)
    assert sentences[-1].attributions[0].source.text == "Mayor Tom Vale"
    assert _kinds("Forceful voices demanded entry before dawn. "
                  "He said he was frustrated.")[-1] == ()


def test_he_is_not_a_speaker_joined_to_another_party() -> None:
    text = ("Driver Tom Hale has signed a new deal with Acme Racing. "
            "The champion and the team made the announcement that the deal runs to 2027. "
            "Hale will race on into his forties.\n\n"
            "“We dream of winning every day,” he said.")
    sentences = analyse_text(text).sentences
    assert sentences[-1].attributions[0].source.text == "Driver Tom Hale"


def test_a_straight_mark_typed_for_an_apostrophe_opens_no_quotation() -> None:
    text = (
        'The club"s chairman said the talks with the buyer had ended. '
        "While the talks have stopped, the striker may still leave in January."
    )
    assert _kinds(text) == [("official",), ()]


@pytest.mark.parametrize("outlet", ["Daily Courier", "BBC"])
def test_a_news_organisations_journalist_is_a_person_later_mentions_refer_to(outlet: str) -> None:
    text = (
        f"{outlet} reporter Ana Ruiz said the club had made an offer. "
        "She said the offer had been rejected. Ruiz added that talks would resume."
    )
    sentences = analyse_text(text).sentences
    assert [s.kinds for s in sentences] == [("media",), ("media",), ("media",)]
    assert sentences[1].attributions[0].source.text == f"{outlet} reporter Ana Ruiz"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "the star", "the 41-year-old": the named person the article is about, as "she" is
        ("Sofia Marten has confirmed her split. The 41-year-old said they remained friends.",
         [("named",), ("named",)]),
        ("Tom Reyes said he would stay. The Brazilian superstar added that he was happy.",
         [("named",), ("named",)]),
        # with no named person before it, what the noun says: an anonymous outside voice
        ("The singer said the tour would go ahead.", [("unnamed",)]),
        # not an anonymous source ("the source" is no one the article names)
        ("A source said the deal was done. The actress said it was not.",
         [("unnamed",), ("unnamed",)]),
    ],
)
def test_a_person_by_an_epithet(text: str, expected: list[tuple[str, ...]]) -> None:
    assert _kinds(text) == expected


def test_a_name_does_not_run_on_into_the_next_line() -> None:
    # "Tags ... Lena Berg" then "City News" on the next line: no news organisation's name
    text = ('"The sale is a mistake," Lena Berg said.\n\nTags Economy Lena Berg\nCity News')
    assert _kinds(text)[0] == ("named",)


def test_a_relative_pronoun_stands_for_the_noun_it_hangs_on() -> None:
    text = "The council met Jane Hollis, who said the levy would be repealed in May."
    (a,) = analyse_text(text).sentences[0].attributions
    assert a.source.text == "Jane Hollis" and not a.carried
    assert a.mention is not None and a.mention.text == "who"
    assert text[a.mention.start:a.mention.end] == "who"


def test_a_relative_after_a_quote_tag_goes_back_to_the_tagged_speaker() -> None:
    # once: the relative clause's cue names the same party as the tag, not a second speaker
    text = ('"The figures are sound," said Tom Reyes, an economist at a Lisbon bank, who '
            "added that the deficit would narrow.")
    (a,) = analyse_text(text).sentences[0].attributions
    assert a.source.text.startswith("Tom Reyes, an economist at a Lisbon bank")
    assert a.cue.text == "said" and a.mention is None


@pytest.mark.parametrize("pronoun", ["She’s", "She's"])
def test_a_pronoun_with_a_verb_contracted_onto_it_is_still_a_pronoun(pronoun: str) -> None:
    text = f"Mayor Ann Cole opened the bridge. {pronoun} said the repairs would take a year."
    (a,) = analyse_text(text).sentences[1].attributions
    assert a.carried and a.source.text == "Mayor Ann Cole"
    assert a.mention is not None and a.mention.text == "She"


def test_a_relayed_quotation_goes_on_in_its_speakers_voice_not_the_relays() -> None:
    # a news organisation that passes the words on is no speaker of the next quotation
    sentences = analyse_text(
        "Acme is in talks with a rival. \"We see a large market,\" Acme said in a statement, "
        "according to the Daily Courier. \"Our plan is to grow in the region.\""
    ).sentences
    assert sorted(sentences[1].kinds) == ["media", "official"]
    assert sentences[2].kinds == ("official",)
    assert sentences[2].attributions[0].source.text == "Acme"


def test_a_quotation_tagged_at_its_end_is_the_speakers_not_the_medium_told() -> None:
    sentences = analyse_text(
        "The minister spoke on Monday. \"We will not sell the port. The state keeps it,\" "
        "Finance Minister Ana Ruiz told the Daily Courier."
    ).sentences
    assert sentences[1].kinds == ("official",)
    assert sentences[1].attributions[0].source.text == "Finance Minister Ana Ruiz"


def test_a_pronoun_stands_for_the_one_the_narration_just_before_names() -> None:
    # the person or body the sentence before names, not a speaker further back
    sentences = analyse_text(
        "Tom Vale, a council member, said the vote was close. Mayor Ana Ruiz has long backed "
        "the stadium. She said the deal was good for the city."
    ).sentences
    assert sentences[-1].kinds == ("official",)
    assert sentences[-1].attributions[0].source.text == "Mayor Ana Ruiz"
    sentences = analyse_text(
        "The Daily Courier reported that the talks had stalled. Acme was quick to calm the "
        "fears. It said the talks would go on."
    ).sentences
    assert sentences[-1].kinds == ("official",)
    assert sentences[-1].attributions[0].source.text == "Acme"


def test_a_pronoun_keeps_its_speaker_when_the_narration_names_a_group() -> None:
    sentences = analyse_text(
        "Mayor Ana Ruiz said the vote was close. If Harbour MPs back the deal, the stadium "
        "will open in May. She said the city would gain."
    ).sentences
    assert sentences[-1].attributions[0].source.text == "Mayor Ana Ruiz"


def test_a_pronoun_with_no_speaker_before_stands_for_the_one_the_narration_names() -> None:
    # nobody has spoken: the person the sentence before names by a surname alone, introduced
    # by title and name in the lead (the latest name, "Harbour Party Committee", is no person)
    sentences = analyse_text(
        "Labour Minister Ana Ruiz has resigned from the cabinet and the party.\n\n"
        "Ruiz lost her seat in a vote by the Harbour Party Committee.\n\n"
        "She said she had been pushed out without reason."
    ).sentences
    assert sentences[-1].kinds == ("official",)
    assert sentences[-1].attributions[0].source.text == "Labour Minister Ana Ruiz"
    sentences = analyse_text(
        "Prime Minister (PM) Tom Vale has resigned after ten months. "
        "He announced his resignation in a speech to the nation."
    ).sentences
    assert sentences[-1].attributions[0].source.text == "Prime Minister (PM) Tom Vale"


def test_a_pronoun_the_learned_finder_tags_stands_for_the_narrations_person_too() -> None:
    # the learned finder's pronoun resolves as the rules' does (one Memory.refers_to)
    sentences = analyse_text(
        "Lola Diaz, a council member, said the vote was close.\n\n"
        "Mayor Tom Vale was at the stadium on Friday. He released a statement after the vote:"
        "\n\n“I thank the council for its careful work on this deal.”"
    ).sentences
    assert [a.source.text for a in sentences[2].attributions] == ["Mayor Tom Vale"]
    assert [a.source.text for a in sentences[3].attributions] == ["Mayor Tom Vale"]


def test_the_words_of_a_quotation_are_no_narration_for_its_closing_pronoun() -> None:
    # the sentences of a quotation tagged at its end name nobody the tag's "he" stands for
    sentences = analyse_text(
        "Club secretary Tom Vale denied the claims on Monday.\n\n\"We have not talked to any "
        "coach. Coach Ian Reyes has our full support. Maybe the coach has been talking to "
        "someone else,\" he said."
    ).sentences
    assert {a.source.text for s in sentences[1:] for a in s.attributions} == {
        "Club secretary Tom Vale"}


def test_a_participle_set_off_goes_on_with_the_pronoun_that_opens_the_sentence() -> None:
    # "He updated reporters ..., saying": he speaks, not the reporters inside his clause
    sentences = analyse_text(
        "Prime Minister Ana Ruiz spoke on Monday. He updated reporters at a briefing, saying "
        "officials had talks with a buyer."
    ).sentences
    assert sentences[-1].kinds == ("official",)
    assert sentences[-1].attributions[0].source.text == "Prime Minister Ana Ruiz"


def test_a_pronoun_nothing_else_resolves_stands_for_the_person_the_article_is_about() -> None:
    # nobody has spoken and the last name is no person: the article has been calling its
    # subject "she" since it named her ("her future", "She was absent")
    text = (
        "Chief executive Ana Ruiz has resigned.\n\nSpeculation about her future had grown for "
        "weeks.\n\nShe was absent from the council meeting on Tuesday.\n\nNo-one would comment "
        "as they left the council’s Guardsman Tom Vale House.\n\nBut in a statement, she said: "
        "“I will lead the pension fund from May.\n\n“I am proud of the work we did.”"
    )
    sentences = analyse_text(text).sentences
    assert [s.kinds for s in sentences[-2:]] == [("official",), ("official",)]
    assert sentences[-1].attributions[0].source.text == "Ana Ruiz"
    # another person named between: the article has not told who "she" is
    other = text.replace("She was absent", "Lola Diaz was absent").replace(
        "Speculation about her future", "Speculation")
    assert "Ana Ruiz" not in {a.source.text for a in analyse_text(other).sentences[-1].attributions}


def test_a_photo_credit_is_nobody_an_epithet_refers_to() -> None:
    # "the actor" is the person the caption names, not the photographer or the agency after
    # the slash (set T, session 17)
    sentences = analyse_text(
        "Tomas Hale. Ana Ruiz/Getty Images\nThe actor said he was busy."
    ).sentences
    assert not sentences[0].claim
    assert sentences[-1].kinds == ("named",)
    assert sentences[-1].attributions[0].source.text == "Tomas Hale"


def test_the_report_is_the_latest_report_or_news_organisation_that_spoke() -> None:
    # a body's report the article named speaks again as "the report": the body's (session 28)
    sentences = analyse_text(
        "The accident investigation report found that both switches had been flipped. "
        '"The other pilot said he did not do so," the report said. '
        "The report noted that the engines had relit."
    ).sentences
    assert [s.kinds for s in sentences] == [("official",), ("official",), ("official",)]
    assert sentences[1].attributions[0].source.text == "The accident investigation report"
    # a news organisation that spoke after it: its report, then
    kinds = _kinds(
        "A health ministry report shows no single cause of the deaths. The Harbour Courier "
        "reported that the lab had been closed. The report said two staff had left."
    )
    assert kinds[-1] == ("media",)
    # no report spoke before: a news report, and one whose author the sentence names is that
    # author's alone
    assert _kinds("The mine will close in May, the report said.") == [("media",)]
    assert _kinds(
        "The report, first published by the Daily Courier, said the mine would close."
    ) == [("media",)]
    # words that hold "the report" are no second report ("according to the report, which
    # cited sources")
    kinds = _kinds(
        "The Harbour Courier reported that Acme is in talks. Acme's income has been stable, "
        "according to the report, which cited anonymous banking sources."
    )
    assert kinds[-1] == ("unnamed", "media")


def test_a_tag_that_is_no_claim_opens_the_speakers_words_after_its_colon() -> None:
    # "Said Ruiz:" states nothing itself, but the lines after it are Ruiz's, as after
    # "Ruiz said:" (guide 2: an untagged continuation takes its speaker's attribution)
    text = (
        "Harbour Mayor Ana Ruiz spoke to reporters on Monday. Said Ruiz:\n"
        "We have moved every crew to the bridge. The crews have worked all week.\n"
        "The mayor left for the capital on Tuesday, the council said."
    )
    sentences = analyse_text(text).sentences
    assert not sentences[1].claim and sentences[1].kinds == ()
    assert [s.kinds for s in sentences[2:4]] == [("official",), ("official",)]
    assert sentences[2].attributions[0].source.text == "Ruiz"
    assert sentences[2].attributions[0].carried
    # a quotation after such a tag is the speaker's too
    quoted = analyse_text(
        "Harbour Mayor Ana Ruiz spoke on Monday.\n\nAdded Ruiz:\n\n"
        '"The bridge will reopen in May."'
    ).sentences
    assert quoted[-1].kinds == ("official",)


def test_the_items_of_a_list_after_a_speakers_colon_are_the_speakers() -> None:
    # items with no full stop are no headings: the list goes on to its last item
    text = (
        "Judge Ana Ruiz spoke on Monday.\n\n"
        "She said the inquiry is weighing three causes of the fire:\n\n"
        "A spark in the welding shop, which reached the fuel store\n\n"
        "A deliberate act inside the port that nobody saw\n\n"
        "A lamp left burning in the hold.\n"
    )
    kinds = _kinds(text)
    assert kinds[2:5] == [("official",), ("official",), ("official",)]
    # a heading in title case after the colon is no item: it ends the speaker's words
    headed = _kinds(
        "Judge Ana Ruiz spoke on Monday.\n\n"
        "She said the inquiry is weighing three causes of the fire:\n\n"
        "What Happens Next For The Harbour Workers\n\n"
        "The port reopened on Friday after repairs.\n"
    )
    assert headed[-1] == ()


def test_marked_items_keep_a_speakers_list_going_past_the_reach_of_plain_sentences() -> None:
    items = "".join(f"• {hour}:00: The van reached stop {hour}.\n" for hour in range(1, 7))
    text = "Police Chief Ana Ruiz said on Monday:\n" + items
    kinds = _kinds(text)
    assert kinds[1:] == [("official",)] * 6
