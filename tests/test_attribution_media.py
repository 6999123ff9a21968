"""A news report named in an untagged quotation whose denial is carried from its speaker is
``media`` besides the denial (attribution/media.py; sentences written for these tests)."""

from __future__ import annotations

import pytest

from verifier.analysis.analyse import analyse_text


def _last(text: str) -> tuple[str, ...]:
    return tuple(sorted(analyse_text(text).sentences[-1].kinds))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the quotation goes on: its denial is the mayor's, the report it names is media
        ('"The bridge will stay open," the mayor said. "Reports of its closure are flat out '
         'wrong."', ("denied", "media")),
        ('"We have made no offer," the club said. "The newspaper\'s story is pure '
         'invention."', ("denied", "media")),
        # "news" alone is a verdict's word as often as a report: no media
        ('"The bridge will stay open," the mayor said. "This news is false."', ("denied",)),
        # a body's own document is no news report
        ('"The bridge will stay open," the mayor said. "The figures in the annual report are '
         'false."', ("denied",)),
    ],
)
def test_a_report_named_in_a_carried_denial(text: str, expected: tuple[str, ...]) -> None:
    assert _last(text) == expected


def test_a_report_named_where_the_denial_is_tagged_is_the_planners() -> None:
    # the tag is in the sentence: the sentence planner names the report (report_object)
    found = analyse_text('"This report is false," the spokesman said.').sentences[-1]
    assert sorted(found.kinds) == ["denied", "media"]
    assert [a.rule for a in found.attributions if a.kind == "media"] == ["attr.report_object"]


@pytest.mark.parametrize(
    ("text", "source"),
    [
        # a report named with a news organisation the registry knows, or a news name's shape
        ("The denial came after a Bloomberg report on Monday that the miner had made an "
         "approach.", "Bloomberg"),
        ("While The Harbour Times' report went viral, the actor went on holiday.",
         "Harbour Times"),
        ("The plant will close, confirming a report by the Harbour Gazette.",
         "Harbour Gazette"),
        ("The pope dismissed the idea in a recent Reuters interview.", "Reuters"),
    ],
)
def test_a_report_named_with_its_news_organisation_is_media(text: str, source: str) -> None:
    found = analyse_text(text).sentences[-1].attributions
    named = [a.source.text for a in found if a.rule.startswith("media.outlet_report")]
    assert len(named) == 1 and named[0].removeprefix("The ") == source


@pytest.mark.parametrize(
    "text",
    [
        # a question, a name that is no news organisation's, a person's interview
        "Is the Harbour Times story accurate?",
        "An investigative report by Albany County District Attorney Ann Lee named two aides.",
        "President Ana Ruiz's interview with the paper ran on Sunday.",
    ],
)
def test_no_news_organisation_no_outlet_report(text: str) -> None:
    found = analyse_text(text).sentences[-1].attributions
    assert not [a for a in found if a.rule.startswith("media.outlet_report")]


def test_the_publishers_own_report_is_no_source() -> None:
    text = "A Harbour Times report on Monday said the plant would close."
    found = analyse_text(text, outlet="Harbour Times").sentences[-1].attributions
    assert not [a for a in found if a.rule.startswith("media.outlet_report")]


@pytest.mark.parametrize(
    ("text", "source"),
    [
        # inside a news organisation's reported clause, after provenance words, past a
        # relative clause
        ("The paper reported on Wednesday that four senior industry sources said the listing "
         "was off.", "four senior industry sources"),
        ("It was reported by the Ledger with reference to four sources familiar with the "
         "matter.", "four sources"),
        ("But the agency said its source, who spoke on condition of anonymity, stood by the "
         "information.", "its source"),
        # a person referred back to with no name
        ('"The float has been shelved," that person said.', "that person"),
        # people described by what they know, speaking inside a quoted headline's words
        ('The paper ran the headline "People close to the coach say he will stay".',
         "People close to the coach"),
        # a source placed by what it knows or where it is before its verb, and the sources a
        # writer credits (session 26)
        ("As reported by the Ledger, sources familiar with the matter revealed the fund's "
         "part in the deal.", "sources familiar with the matter"),
        ("Reliable sources from the capital indicate that the president is seriously ill.",
         "Reliable sources from the capital"),
        ("The columnist credited four unnamed sources close to the matter.",
         "four unnamed sources"),
    ],
)
def test_anonymous_sources_named_as_people_are_unnamed(text: str, source: str) -> None:
    found = analyse_text(text).sentences[-1].attributions
    assert [a.source.text for a in found if a.rule == "media.anonymous_source"] == [source]


@pytest.mark.parametrize(
    "text",
    [
        # sources talked about, used, or outlets
        "The problem with using unnamed sources is that we never know what they know.",
        "It is impossible to know how many sources were used.",
        "Several media sources reported the decision.",
        # no verb after a source placed in the government: a noun after a determiner
        "The paper said none of its sources in government could back up the claims.",
    ],
)
def test_sources_talked_about_are_no_source(text: str) -> None:
    found = analyse_text(text).sentences[-1].attributions
    assert not [a for a in found if a.rule == "media.anonymous_source"]


@pytest.mark.parametrize(
    ("text", "source"),
    [
        ("The original report cited several anonymous U.S. officials who said the president "
         "was weighing the deployment.", "several anonymous U.S. officials"),
        ("Some outlets cited Presidential Office officials saying that the president is "
         "weighing the move.", "Presidential Office officials"),
        ('The paper ran the headline "Former opposition officials say they will meet".',
         "Former opposition officials"),
        # "a" and up to three words before the role noun, inside another's quotation
        # (session 25)
        ('The Harbour Courier added: "A senior harbour authority official also said that the '
         'berth would close."', "A senior harbour authority official"),
    ],
)
def test_anonymous_officials_named_so_are_unnamed_officials(text: str, source: str) -> None:
    found = analyse_text(text).sentences[-1].attributions
    assert [(a.kind, a.source.text) for a in found if a.rule == "media.anonymous_source"] == [
        ("unnamed_official", source)]


def test_an_official_with_a_name_is_no_anonymous_one() -> None:
    text = "The report cited official Ana Ruiz, who said the plant would close."
    found = analyse_text(text).sentences[-1].attributions
    assert not [a for a in found if a.rule == "media.anonymous_source"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # an anonymous source telling that nothing is decided tells it; it declines nothing
        ("However, sources said both parties are undecided about the merger.", ("unnamed",)),
        ('The source said, "Nothing was concrete."', ("unnamed",)),
        ("The club has not made a decision yet, according to people familiar with the talks.",
         ("unnamed",)),
        # its refusal in its cue stays a refusal, and its denial stays a denial
        ("Sources at the club declined to comment.", ("declined",)),
        ("The minister said nothing was concrete.", ("declined",)),
        # a rumour's words the descriptor reads as the source name no source
        ("The speculation originated from a news portal and the minister said he was unaware "
         "of any such plans.", ("declined",)),
    ],
)
def test_an_anonymous_source_tells_what_parties_have_not_done(
        text: str, expected: tuple[str, ...]) -> None:
    assert _last(text) == expected


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        # "she" stands for no plural sources: the last one person who spoke
        ("Sources said the vote would be in May.", ("official",)),
        ("Two of his sources said the vote would be in May.", ("official",)),
        ("People familiar with the talks said the vote would be in May.", ("official",)),
        # one source may be "she"
        ("A source said the vote would be in May.", ("unnamed",)),
    ],
)
def test_a_singular_pronoun_stands_for_no_plural_sources(
        source: str, expected: tuple[str, ...]) -> None:
    text = (f'Minister Ana Ruiz said the plan was ready. {source} '
            '"After the election, God willing," she said.')
    assert _last(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a name the registry does not know, shown a news organisation by what it does
        # elsewhere in the article, before or after: its "according to" and "said" are media
        ('The quay will close in May, according to Harbourline. The council met on Monday. '
         'Harbourline had reported on Monday that the vote was delayed.', ("media",)),
        ('Harbourline ran a story about the quay on Monday. The council met in the evening. '
         '"It will close," the mayor told Harbourline.', ("media", "official")),
        ('Harbourline\'s correspondent was at the quay on Monday. The council met in the '
         'evening. The quay will close in May, Harbourline said.', ("media",)),
        # the name written with its particle in lower case ("al-Harbour" after "Al-Harbour")
        ('Al-Harbour TV said the talks had stalled. "Both sides want a deal," al-Harbour '
         'said.', ("media",)),
        # nothing shows it: a body speaking for itself (the name rule's fallback)
        ('The council met on Monday. The quay will close in May, according to Harbourline.',
         ("official",)),
        # a person who reports is no outlet, nor is a company reporting its results
        ('President Tomas Hale reported that the talks went well. "It was a good day," Hale '
         'said.', ("official",)),
    ],
)
def test_a_name_shown_a_news_organisation_anywhere_is_one_throughout(
        text: str, expected: tuple[str, ...]) -> None:
    assert _last(text) == expected


def test_a_title_before_an_outlet_s_name_makes_it_the_person() -> None:
    # "Mayor ... Bloomberg": the registry's news organisation is the person's surname here
    text = "Yesterday afternoon, Mayor Michael Bloomberg warned residents to plan for a strike."
    (found,) = analyse_text(text).sentences[-1].attributions
    assert (found.speaker, found.source.text) == ("official", "Mayor Michael Bloomberg")
    told = analyse_text("The mayor told Bloomberg on Monday that the strike was illegal.")
    assert "media" in told.sentences[-1].kinds


def test_a_title_before_a_middle_name_that_is_an_outlet_s_makes_it_the_person() -> None:
    # a registry outlet's name inside a personal name set off by a comma after the title
    text = "Harbour Party Vice-President, Tomas Rai Vale, said there were no plans."
    (found,) = analyse_text(text).sentences[-1].attributions
    assert found.speaker != "media"


def test_a_headline_after_a_pages_date_stamp_is_a_headline() -> None:
    # a stored page's date stamp glued to the first line is split off as furniture; the
    # headline after it still opens its line, so its "Report:" tag reads (session 25)
    text = " date 2023-08-14 Report: Acme backed out of its deal with Beta\nThe deal is off."
    headline = analyse_text(text).sentences[1]
    assert headline.text.startswith("Report:")
    assert [a.kind for a in headline.attributions] == ["media"]


def test_after_line_residue() -> None:
    from verifier.analysis.segment import after_line_residue

    text = "Intro line.\n date 2023-08-14 Report: Acme quits\nAnother line."
    assert after_line_residue(text, text.index("Report"))
    assert not after_line_residue(text, text.index("Acme"))
    assert not after_line_residue(text, text.index("Another"))
