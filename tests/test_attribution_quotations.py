"""Quotations that span sentences and paragraphs: every sentence of one is its speaker's, and
the reporter's own sentences after it are not (sentences written for these tests)."""

from __future__ import annotations

from verifier.analysis.analyse import analyse_text
from verifier.analysis.attribution.filler import restore_filler, use_filler
from verifier.analysis.results import SentenceAnalysis


def _kinds(text: str) -> list[tuple[str, ...]]:
    return [s.kinds for s in analyse_text(text).sentences]


def _rules_alone(text: str) -> list[SentenceAnalysis]:
    """The sentences as the rules read them, the learned filler off: quoted words in the
    reporter's sentence after a speaker's are no quotation to the rules; the filler may still
    carry the speaker on (labellers mostly do: tests/test_filler.py, bench/real/README.md)."""
    use_filler(None)
    try:
        return list(analyse_text(text).sentences)
    finally:
        restore_filler()


def test_a_long_quotation_reopened_paragraph_by_paragraph_keeps_its_speaker() -> None:
    text = (
        'Mayor Ana Ruiz said: "The ward will reopen in May. We hired twelve nurses. '
        "The beds are ready. The lifts work again.\n\n"
        '"The kitchen is new. The garden is planted. The staff are trained.\n\n'
        '"Patients will be told by letter. The first come on Monday.\n\n'
        '"Visitors may come every day."\n\n'
        "The ward closed in January."
    )
    kinds = _kinds(text)
    assert kinds[:-1] == [("official",)] * (len(kinds) - 1)
    assert kinds[-1] == ()  # the reporter's narration after the quotation


def test_an_unclosed_quotation_mark_does_not_run_on_for_ever() -> None:
    text = (
        'Mayor Ana Ruiz said: "The ward will reopen in May. We hired twelve nurses. '
        "The beds are ready. The lifts work again. The kitchen is new. The garden is planted. "
        "The staff are trained. The roof was mended in June. The car park is larger."
    )
    kinds = _kinds(text)
    assert kinds[:6] == [("official",)] * 6
    assert kinds[-1] == ()


def test_an_exclamation_inside_a_quotation_tagged_at_its_end_does_not_break_it() -> None:
    text = (
        "The minister spoke on Friday.\n\n"
        '"Some people spread stories about me. Nonsense! I am staying here," said '
        "Finance Minister Tom Reyes."
    )
    sentences = analyse_text(text).sentences
    assert [s.claim for s in sentences] == [True, True, False, True]
    assert [s.kinds for s in sentences] == [(), ("official",), (), ("official",)]
    assert sentences[1].attributions[0].source.text == "Finance Minister Tom Reyes"


def test_a_tag_with_an_adverb_ends_a_quotation_that_opened_a_paragraph() -> None:
    text = (
        '"We sold the plant," Acme Steel chairman Ben Ortiz said in a statement.\n\n'
        '"The buyers paid in cash. The workers keep their jobs," he further added.'
    )
    assert _kinds(text) == [("official",), ("official",), ("official",)]


def test_a_statement_read_out_at_the_end_of_a_quotation_is_its_speaker() -> None:
    text = (
        "The cabinet changed on Wednesday.\n\n"
        '"The president has named two new ministers. The cabinet is now at full strength," '
        "read a statement from Chief of Staff Tom Reyes."
    )
    sentences = analyse_text(text).sentences
    assert [s.kinds for s in sentences] == [(), ("official",), ("official",)]
    assert sentences[1].attributions[0].source.text == "Chief of Staff Tom Reyes"


def test_it_continues_goes_on_in_the_voice_of_the_statement() -> None:
    text = (
        'The harbour police said in a statement: "We know of the reports."\n\n'
        'It continues: "No details have been passed to us. There is no police action."'
    )
    assert _kinds(text) == [("official",), ("official",), ("official",)]



def test_a_quotation_in_single_marks_inside_a_double_one_does_not_close_it() -> None:
    text = (
        "Mayor Ana Ruiz spoke after the vote.\n\n"
        "She said: “We lost twice in May. As they say, ‘Third time lucky,’ so we try again. "
        "The voters are with us. We will win in June.”\n\n"
        "The vote is in June."
    )
    assert _kinds(text) == [()] + [("official",)] * 4 + [()]


def test_a_long_quotation_closed_in_its_own_paragraph_is_followed_to_its_end() -> None:
    text = (
        'Mayor Ana Ruiz said: "The ward will reopen in May. We hired twelve nurses. '
        "The beds are ready. The lifts work again. The kitchen is new. The garden is planted. "
        'The staff are trained. The car park is larger."\n\n'
        "The ward closed in January."
    )
    kinds = _kinds(text)
    assert kinds == [("official",)] * 8 + [()]


def test_a_quoted_paragraph_with_a_title_in_quotation_marks_still_goes_on() -> None:
    text = (
        "In a statement, presidential spokesman Tom Reyes said the minister had been dismissed."
        '\n\n"After the report "Cash for Access" was aired, the President spoke to the minister '
        "and dismissed him.\n\n"
        '"The President thanked him for his service," the statement ended.\n\n'
        "The minister has not commented."
    )
    sentences = analyse_text(text).sentences
    speaker = ["presidential spokesman Tom Reyes"]
    assert [a.source.text for a in sentences[1].attributions] == speaker
    assert [a.source.text for a in sentences[2].attributions] == speaker


def test_a_question_opening_a_quoted_paragraph_does_not_break_its_speaker() -> None:
    text = (
        "Finance Minister Tom Reyes spoke to reporters on Friday.\n\n"
        "“Where is the cabinet meeting today? I am at home with my family and the budget is "
        "ready.\n\n"
        "Parliament meets on Tuesday."
    )
    sentences = analyse_text(text).sentences
    assert [s.claim for s in sentences] == [True, False, True, True]
    assert [s.kinds for s in sentences] == [("official",), (), ("official",), ()]
    assert sentences[2].attributions[0].carried


def test_unquoted_paragraphs_after_a_speaker_and_a_colon_are_the_speaker_statement() -> None:
    text = (
        "Harbour United sold its stadium to the city on Monday.\n\n"
        "In a statement, the club said:\n\n"
        "We are delighted to have reached an agreement with the city council.\n\n"
        "The stadium will remain open to fans until the end of next season.\n\n"
        "Transfer news\n\n"
        "The striker Ben Ode is expected to leave in May."
    )
    sentences = analyse_text(text).sentences
    kinds = [s.kinds for s in sentences]
    assert kinds[1:4] == [("official",)] * 3
    assert kinds[-1] == ()  # a heading ends the statement: the reporter's words again
    colon = text.index(":")
    assert sentences[2].attributions[0].cue.start == colon  # the introduction's colon
    assert sentences[2].attributions[0].carried


def test_a_statement_without_quotation_marks_ends_where_its_voice_does() -> None:
    text = (
        "Mayor Ana Ruiz said in a statement:\n\n"
        "We will reopen the bridge in May.\n\n"
        "The bridge carries 9,000 cars a day. It was built in 1961. It closed in June. "
        "Its repairs cost 4 million euros. The council approved them in July."
    )
    kinds = [s.kinds for s in analyse_text(text).sentences]
    # three sentences in a row with no first-person word may still be the statement's;
    # the fourth is the reporter's again
    assert kinds == [("official",)] * 5 + [(), ()]


def test_a_colon_before_a_quotation_leaves_the_quotation_to_the_quotation_rules() -> None:
    text = (
        "Mayor Ana Ruiz said in a statement:\n\n"
        '"We will reopen the bridge in May."\n\n'
        "The bridge carries 9,000 cars a day."
    )
    kinds = [s.kinds for s in analyse_text(text).sentences]
    assert kinds == [("official",), ("official",), ()]


def test_a_quotation_after_a_colon_is_the_subject_of_the_clause_before_it() -> None:
    text = (
        "The awards ceremony takes place in March.\n\n"
        'Tom Hale took to his social media account to break the news: "I will host the '
        'show next year. Looking forward to it."'
    )
    sentences = analyse_text(text).sentences
    assert [s.kinds for s in sentences] == [(), ("named",), ("named",)]
    first = sentences[1].attributions[0]
    assert (first.source.text, first.cue.text) == ("Tom Hale", ":")


def test_a_colon_quotation_keeps_its_own_frame_and_names_no_non_speaker() -> None:
    text = (
        'Mayor Ann Cole told the council: "Every other option was worse."\n\n'
        'The bridge had one flaw: "rust in every joint."'
    )
    sentences = _rules_alone(text)
    assert [a.rule.split("+")[0] for a in sentences[0].attributions] == ["attr.told"]
    assert sentences[1].kinds == ()


def test_an_introduction_cut_off_by_a_paragraph_break_after_a_comma_opens_a_statement() -> None:
    text = (
        "Acme chief executive Ana Ruiz said that,\n\n"
        "Fast delivery has been our priority for a year. We have seen the market grow.\n\n"
        "Acme shares rose 4% on Monday. The index fell. Bond yields rose. Oil was flat."
    )
    kinds = [s.kinds for s in analyse_text(text).sentences]
    assert kinds[:3] == [("official",)] * 3
    assert kinds[-1] == ()


def test_it_in_a_tag_after_a_joint_statement_is_the_statement_speaker() -> None:
    text = (
        "Mayor Ana Ruiz and Governor Tom Hale said in a joint statement that the bridge "
        "will reopen.\n\n"
        "“We have agreed to share the cost. The work starts in May,” it said.\n\n"
        "“We thank the residents for their patience.”"
    )
    sentences = analyse_text(text).sentences
    assert [s.kinds for s in sentences] == [("official", "official")] + [("official",)] * 3
    tag = sentences[2].attributions[0]
    assert (tag.source.text, tag.carried) == ("Governor Tom Hale", True)


def test_it_in_a_tag_far_from_any_statement_names_nobody() -> None:
    text = (
        "Mayor Ana Ruiz said in a statement that the bridge will reopen.\n\n"
        "The bridge carries 9,000 cars a day.\n\n"
        "“The work starts in May,” it said."
    )
    assert analyse_text(text).sentences[-1].kinds == ()


def test_a_quoted_sentence_in_the_speakers_own_paragraph_goes_on_in_their_voice() -> None:
    text = (
        "The final will be played in May.\n\n"
        "Mayor Ana Ruiz praised the choice of the harbour stadium. “We have waited ten years "
        "for a final here. The city is ready.”\n\n"
        "The stadium holds 40,000 people."
    )
    assert _kinds(text) == [(), ("official",), ("official",), ("official",), ()]


def test_a_scare_quote_or_a_tag_the_rules_miss_is_no_quoted_sentence() -> None:
    text = (
        "Mayor Ana Ruiz praised the choice of the stadium. “Outstanding” value is what the "
        "league wanted."
    )
    assert _rules_alone(text)[-1].kinds == ()


def test_a_sentence_in_parentheses_translates_a_quotation_in_another_language() -> None:
    text = (
        "Mayor Ana Ruiz met reporters in Manila.\n\n"
        "“Wala pa kaming desisyon,” she said.\n\n"
        "(We have made no decision yet.)"
    )
    sentences = analyse_text(text).sentences
    assert [s.kinds for s in sentences] == [(), ("official",), ("official",)]
    assert sentences[-1].attributions[0].rule == "attr.quote_continuation"
    # after an English quotation, a sentence in parentheses is the reporter's aside
    text = "“We will win,” Mayor Ana Ruiz said. (She now chairs the campaign.)"
    assert _kinds(text)[-1] == ()


def test_a_tag_whose_speaker_goes_on_with_a_second_verb_ends_a_quoted_paragraph() -> None:
    text = (
        "The minister says he met the president.\n\n"
        '"We talked about the team. I am replacing two deputies. The rest stay," explained '
        "Defence Minister Tom Reyes and added that his own post was not discussed."
    )
    sentences = analyse_text(text).sentences
    assert [s.kinds[:1] for s in sentences] == [("official",)] * 4
    assert sentences[-1].attributions[0].source.text == "Defence Minister Tom Reyes"


def test_a_quotation_run_on_over_paragraphs_without_reopening_marks_until_it_closes() -> None:
    # the writer left out the reopening marks; the closing mark two paragraphs on shows the
    # quotation went on through the paragraphs between
    text = (
        "In a statement on its website, Harbour United denied the reports.\n\n"
        "\"The club clarifies that no talks are under way over the striker.\n\n"
        "The terms of his contract are public and known to every club.\n\n"
        "We repeat: this story is false and damages the club's good name.\"\n\n"
        "The striker scored twice on Sunday."
    )
    sentences = analyse_text(text).sentences
    assert sentences[2].kinds == ("official",)
    assert sentences[2].attributions[0].source.text == "Harbour United"
    assert sentences[-1].kinds == ()
    # with no closing mark ahead the quotation ends with its paragraph
    assert analyse_text(text.replace("name.\"", "name.")).sentences[2].kinds == ()


def test_guillemets_open_and_close_a_quotation_as_double_marks_do() -> None:
    text = (
        "The minister spoke on Friday.\n\n"
        "Finance Minister Tom Reyes added: «The budget is balanced. The levy stays. "
        "We will not borrow.»\n\n"
        "The vote is in May."
    )
    sentences = analyse_text(text).sentences
    assert [s.kinds for s in sentences] == [(), ("official",), ("official",), ("official",), ()]
    # the words shown are the text's own, marks included
    for sentence in sentences:
        for attribution in sentence.attributions:
            for span in (attribution.source, attribution.cue):
                assert text[span.start : span.end] == span.text


def test_a_single_curly_mark_after_a_colon_opens_a_quotation_of_several_sentences() -> None:
    text = (
        "The firm spoke on Monday.\n\n"
        "Acme chairman Ben Ortiz said: ‘We talk to many firms. Most talks come to nothing.’\n\n"
        "The deal was not done."
    )
    assert _kinds(text) == [(), ("official",), ("official",), ()]


def test_a_straight_mark_between_a_word_and_a_comma_closes_a_quotation() -> None:
    text = (
        "Coach Tom Vale spoke on Monday.\n\n"
        '"Over 100 coaches have applied. We get new letters every day", Tom Vale said.'
    )
    assert _kinds(text) == [(), ("official",), ("official",)]


def test_a_paragraph_closed_and_tagged_with_no_opening_mark_is_the_quotation() -> None:
    text = (
        "The ministry answered the reports on Friday.\n\n"
        "The levy stays. No bridge will close. Every school opens on time\", "
        "the ministry said.\n\n"
        "The vote is in May."
    )
    assert _kinds(text) == [(), ("official",), ("official",), ("official",), ()]


def test_a_first_person_paragraph_after_a_tagged_quotation_goes_on_in_its_voice() -> None:
    text = (
        "The spokesman answered the reports on Tuesday.\n\n"
        '"There were thefts, but no attacks," Harbour police spokesman Tom Vale added.\n\n'
        "We want to make it clear that the harbour is safe. Order has been restored.\n\n"
        "The ferry sailed on Wednesday."
    )
    assert _kinds(text)[2:] == [("official",), ("official",), ()]


def test_a_narrated_paragraph_after_a_tagged_quotation_is_the_reporters() -> None:
    text = (
        '"There were thefts, but no attacks," Harbour police spokesman Tom Vale added.\n\n'
        "Order has been restored. The ferry sailed on Wednesday."
    )
    assert _kinds(text)[1:] == [(), ()]


def test_a_closing_mark_typed_to_open_a_quotation_opens_it() -> None:
    text = (
        "The minister spoke on Friday.\n\n"
        "”The old jets will be sold. The new ones arrive in May,” Defence Minister Tom Vale "
        "said."
    )
    sentences = analyse_text(text).sentences
    assert [s.kinds for s in sentences] == [(), ("official",), ("official",)]
    assert sentences[1].attributions[0].source.text == "Defence Minister Tom Vale"


def test_a_quotation_in_guillemets_tagged_at_its_end_is_the_speakers() -> None:
    text = (
        "The minister spoke on Friday.\n\n"
        "«The ward will reopen in May. We hired twelve nurses. "
        "The beds are ready,» Mayor Ana Ruiz said.\n\n"
        "The ward closed in January."
    )
    kinds = _kinds(text)
    assert kinds[1:4] == [("official",)] * 3
    assert kinds[-1] == ()


def test_a_denial_in_a_quotation_tagged_at_its_end_is_only_its_own_sentences() -> None:
    text = (
        "The minister spoke on Friday.\n\n"
        "“That story is a lie. I was at work all week. "
        "I met the farmers on Tuesday,” Mayor Ana Ruiz said.\n\n"
        "The ward closed in January."
    )
    kinds = _kinds(text)
    assert kinds[1] == ("denied",)
    assert kinds[2:4] == [("official",)] * 2


def test_a_quotation_tagged_at_its_end_is_its_speakers_from_its_first_sentence() -> None:
    # the new paragraph's opening mark could be read as the quotation before it going on; the
    # tag at the end of the quotation says whose it is
    text = (
        'The Daily Courier reported the couple would split, quoting "a close friend."\n\n'
        "“In recent days my wife and I finalised our divorce. We did so amicably,” "
        "Tom Hale wrote on Instagram. “We are blessed with two children.\n\n"
        "” … We wish only the best for each other.”"
    )
    kinds = _kinds(text)
    assert kinds[1] == kinds[2] == ("named",)


def test_a_quotation_inside_a_quotation_closes_with_it() -> None:
    # the inner quotation's closing mark stands right before the outer one's
    text = (
        "Mayor Ana Ruiz said the rumours had upset her family.\n\n"
        '"I will share what my daughter told me. We explained it to her. '
        "She said, ‘why are people so mean?’\" Ruiz said."
    )
    assert _kinds(text) == [("official",)] * 4


def test_a_quotation_of_eight_sentences_tagged_at_its_end_is_its_speakers() -> None:
    text = (
        "Harbour Mayor Ana Ruiz spoke to reporters on Monday.\n\n"
        "“The bridge will reopen in May. We have the money. The contractor is ready. "
        "The river is low. The weather is fine. The council agrees. The lorries are booked. "
        "Nothing will stop us,” she clarified.\n\n"
        "The bridge closed in January."
    )
    kinds = _kinds(text)
    assert kinds[1:9] == [("official",)] * 8
    assert kinds[-1] == ()


def test_a_curly_single_mark_after_a_comma_opens_a_quotation() -> None:
    text = (
        "Mayor Ana Ruiz opened the ward. Speaking of the old site, she said, ‘I think it "
        "will be sold. Nobody wants to keep it.’ The ward closed in January."
    )
    assert _kinds(text)[2] == ("official",)


def test_a_quoted_paragraph_after_a_speakers_paraphrase_is_the_speakers() -> None:
    text = (
        "Opposition leader Tom Vale said his party would try again.\n\n"
        "“We will push on until we win.”\n\n"
        "He said that the party was still encouraged. For the next round, they will "
        "regroup.\n\n"
        "“The vote showed that we are doing the right thing.”"
    )
    kinds = _kinds(text)
    assert kinds[-1] == ("official",)
    assert analyse_text(text).sentences[-1].attributions[0].source.text == (
        "Opposition leader Tom Vale")


def test_the_learned_finder_proposes_no_frame_inside_an_open_quotation() -> None:
    text = (
        "Interior ministry spokesman Tom Vale rejected the report on Monday.\n\n"
        "“Yes, there may be a meeting. On our side, the president wants no revenge. "
        "He cares about his people,” Vale was quoted as saying."
    )
    kinds = _kinds(text)
    assert kinds[1:] == [("official",)] * 3


def test_a_british_quotation_reopened_sentence_by_sentence_keeps_its_speaker() -> None:
    # paragraphs run together: each of the quotation's paragraphs opens with a single mark,
    # and only the last closes it
    text = (
        "Harbour councillor Ana Ruiz criticised the closure on Monday. ‘They brought in a PR "
        "firm on a Friday. They made it look small. By my count 150 jobs are going. The "
        "town will feel it. The shops will feel it. The schools will feel it. The houses "
        "will be empty. ‘It is a huge loss. Nobody in Dublin cares.’ The plant closed in May."
    )
    kinds = _kinds(text)
    assert kinds[1:-1] == [("official",)] * (len(kinds) - 2)
    assert kinds[-1] == ()


def test_a_quoted_paragraph_after_a_paragraph_of_narration_is_the_speaker_s_before_it() -> None:
    text = (
        "Home Affairs Minister Tom Vale denied the rumours on Wednesday.\n\n"
        "Vale spoke after a meeting of the security council.\n\n"
        '"The government has noted these rumours with concern.\n\n'
        '"This is a bid to taint the image of the president."\n\n'
        "The council meets again in May."
    )
    kinds = _kinds(text)
    assert kinds[2:4] == [("official",), ("official",)]
    assert kinds[-1] == ()
