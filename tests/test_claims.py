"""The claim filter: page furniture is not a claim, everything else is."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from verifier.analysis.claim_filter import DEFAULT_RULE, build_rule, classify, decide
from verifier.analysis.segment import segment
from verifier.errors import ConfigError


@pytest.mark.parametrize(
    ("sentence", "rule"),
    [
        ("By Maria Lopez and Kenji Ito", "claims.byline"),
        ("(Reporting by Jane Roe; Editing by John Doe)", "claims.credit-line"),
        ("Copyright © Example Media.", "claims.copyright"),
        ("Read more: Five things to know about the vote", "claims.link"),
        ("14:05", "claims.timestamp"),
        ("(END)", "claims.end-mark"),
        ("Share this article", "claims.page-navigation"),
        ("Follow us on Twitter for the latest updates!", "claims.promotion"),
        ("Japanese Prime Minister Fumio Kishida", "claims.bare-label"),
    ],
)
def test_furniture(sentence: str, rule: str) -> None:
    decision = decide(sentence)
    assert decision.claim is False
    assert decision.rule == rule


@pytest.mark.parametrize(
    "sentence",
    [
        "The minister resigned on Tuesday.",
        "Kim-Xi summit bodes well for inter-Korea talks",
        "By Friday, officials had counted 300 ballots.",
        "Police said the suspect was arrested at 14:05 on Monday.",
        "Prime Minister resigns",
        '"No comment."',
    ],
)
def test_claims(sentence: str) -> None:
    assert decide(sentence).claim is True
    assert decide(sentence).rule == DEFAULT_RULE


def test_classify_keeps_order() -> None:
    sentences = segment("By Ann Lee\nThe council approved the fee.\nAll rights reserved.")
    assert [d.claim for d in classify(sentences)] == [False, True, False]


def test_unknown_rule_type_is_a_config_error() -> None:
    examples = {"match": ["Back to top"]}
    with pytest.raises(ConfigError, match="type"):
        build_rule({"id": "x", "type": "magic", "examples": examples})
    with pytest.raises(ConfigError, match="regular expression"):
        build_rule({"id": "x", "type": "pattern", "pattern": "(", "examples": examples})
    with pytest.raises(ConfigError, match=r"claims\.yaml: rule 'x': unknown field 'shrot'"):
        build_rule({"id": "x", "type": "pattern", "pattern": "a", "shrot": True,
                    "examples": examples})
    with pytest.raises(ConfigError, match="field 'flags'"):
        build_rule({"id": "x", "type": "pattern", "pattern": "a", "flags": "x",
                    "examples": examples})


@pytest.mark.parametrize(
    ("sentence", "rule"),
    [
        ("By Mia Chen, Health reporter", "claims.byline"),
        ("By Ola Berg – Senior Reporter, Oslo Business Journal", "claims.byline"),
        ("Tom Hale Political correspondent", "claims.byline-role"),
        ("Wed 5 Mar 2025 09.15 GMT", "claims.timestamp"),
        ("Updated April 2, 2025 at 6:10 p.m.", "claims.stamp"),
        ("Published On 3 May 2025", "claims.stamp"),
        ("— With assistance from Jo Park", "claims.credit-line"),
        ("==Kyodo", "claims.desk-slug"),
        ("09/29/2025 06:00 PM EDT", "claims.dateline-only"),
        ("Jo Park covers energy and climate policy.", "claims.reporter-bio"),
    ],
)
def test_furniture_of_other_house_styles(sentence: str, rule: str) -> None:
    decision = decide(sentence)
    assert (decision.claim, decision.rule) == (False, rule)


@pytest.mark.parametrize(
    "sentence",
    [
        "Published in 2019, the study found no link between the two.",
        "The company posted a $3 million loss in the second quarter.",
        "Medicare covers the cost of the test.",
        "Tom Hale is our political correspondent in Brussels.",
    ],
)
def test_claims_that_look_like_furniture(sentence: str) -> None:
    assert decide(sentence).claim is True


@pytest.mark.parametrize(
    ("sentence", "rule"),
    [
        # site navigation, players, galleries, captions
        ("Skip to main navigation", "claims.widget"),
        ("Listen now", "claims.widget"),
        ("Expand image", "claims.widget"),
        ("Image source, Example Agency", "claims.widget"),
        ("3 min read", "claims.reading-time"),
        ("This story is over 2 years old", "claims.reading-time"),
        ("VIDEO0:4500:45", "claims.video-duration"),
        # stamps, bylines, labels, credits
        ("June 3, 2024 08:10 am | Updated June 4, 2024 10:00 pm IST - Pune", "claims.stamp-line"),
        ("April 9, 2021|Example Wire", "claims.stamp-line"),
        ("Sport | 45 minutes ago", "claims.section-stamp"),
        ("By Rosa Vidal June 2, 2023", "claims.byline-stamp"),
        ("By Rosa Vidal | rvidal@example.org", "claims.byline-stamp"),
        ("Categories: Local News", "claims.section-label"),
        ("Data: Example Bureau; Chart: Ann Lee/Example", "claims.data-credit"),
        ("The statement issued by the Example Council on 5 May 2024.", "claims.publication-credit"),
        ("Ola Berg/Example Pictures/Agency via Getty Images", "claims.caption-credit"),
        ("Example Herald, file image", "claims.caption-credit"),
        ("Editor: Mia Chen (mchen@example.com)", "claims.staff-line"),
        ("Send story ideas to news@example.org", "claims.staff-line"),
        ("(Updates with police statement in paragraph 4)", "claims.wire-note"),
        # embeds, teasers, links, appeals, transcripts, comments
        ("— Example Town FC (@ExampleTownFC) March 1, 2023", "claims.embed-residue"),
        ("https://t.co/Zx81 April 2, 2023", "claims.embed-residue"),
        ("Everything you need to know about the vote", "claims.teaser"),
        ("(See the full list of winners)", "claims.link"),
        ("Please donate today.", "claims.donation"),
        ("Fund independent reporting!", "claims.donation"),
        ("MS ROE: Good morning, everyone.", "claims.transcript-greeting"),
        ("With that, I'll take your questions.", "claims.transcript-procedure"),
        ("Join the discussion", "claims.comment-prompt"),
        ("“Storm warning”", "claims.quoted-label"),
        ("PARIS (Example Radio) -- Will the mayor run again?", "claims.question-lede"),
        ("river crossing aerial view", "claims.keyword-residue"),
        ("When the lights go out", "claims.subordinate-fragment"),
        # UI symbols before furniture, controls, boilerplate, breadcrumbs, credits
        ("⚠️ Read our flood live blog for the latest updates", "claims.promotion"),
        ("• Subscribe to the morning briefing", "claims.promotion"),
        ("Story continues below advertisement", "claims.page-navigation"),
        ("Please turn on JavaScript to play this video", "claims.technical-notice"),
        ("By signing up you agree to our Privacy Policy.", "claims.reader-boilerplate"),
        ("News • Europe • Oslo", "claims.breadcrumb"),
        ("Staff and wire reports", "claims.credit-line"),
        ("Picture courtesy of the Example Museum", "claims.photo-credit"),
        ("Posted by Newsdesk on May 2, 2024", "claims.publication-credit"),
        ("- 4 Mar 2025, 09:12", "claims.timestamp"),  # a list marker opens the line
        ("/ 7 June 2024", "claims.dateline-only"),
        ("Were the patients moved to another ward?", "claims.direct-question"),
        ("Mayor under house arrest?", "claims.bare-question"),
    ],
)
def test_page_furniture_by_line_shape(sentence: str, rule: str) -> None:
    assert (decide(sentence).claim, decide(sentence).rule) == (False, rule)


@pytest.mark.parametrize(
    "sentence",
    [
        "Update: Rescuers reached the last village on Tuesday, officials said.",
        "Update, May 3, 2 p.m.: The toll rose to 40.",
        "Watch footage showed the guards leaving, the lawyer said.",
        "Is the minister right? Economists are divided.",
        '"We need your help," the fire chief told residents.',
        "Source: the mill will close in May, a manager said.",
        "Sources: Carmaker in talks to buy rival",
        "14:05 Police said the motorway had reopened.",
        "The broadcaster's data showed 3 million viewers.",
        "If confirmed, the deal would be the largest this year.",
        "Police said the suspect e-mailed ann@example.com twice.",
        "Thank you notes were found at the scene, police said.",
        "• The council approved the budget on Tuesday.",
        "- The council approved the budget on Tuesday.",
        '"Why did the council vote for it?" a resident asked.',
        "Flood Leaves Town Without Water",
        "The firm said it broke no privacy policy, a spokesman told you.",
    ],
)
def test_claims_near_the_furniture_rules(sentence: str) -> None:
    assert decide(sentence).claim is True


def test_every_claims_rule_example_is_a_non_claim_by_that_rule() -> None:
    """A rule's `match` examples state the label they must yield: not a claim, by that rule."""
    from verifier.rules.lexicon import load_lexicon

    for rule in load_lexicon("claims"):
        for sentence in rule["examples"]["match"]:
            # a rule for a text's last sentence is shown a text
            # ... and a rule for a run of lines, the text's lines
            decision = (classify(segment(sentence), sentence)[-1]
                        if rule.get("ends_text") or rule.get("run") else decide(sentence))
            assert (decision.claim, decision.rule) == (False, rule["id"]), (rule["id"], sentence)


def test_pasted_page_through_the_cli(tmp_path: Path) -> None:
    from verifier.cli import app

    page = (
        "Skip to main menu\n"
        "Ferry service to resume on Monday\n"
        "May 5, 2024 11:02 am | Updated May 6, 2024 09:18 pm IST - Oslo\n"
        "2 View gallery The harbour in Oslo on Sunday ( Photo: Example Agency )\n"
        "The operator said the ferries would run twice a day.The port reopened at noon.\n"
        "Also Read - Harbour Works: Who Pays? All You Need To Know\n"
        "— Example Port (@ExamplePort) May 5, 2024\n"
    )
    path = tmp_path / "page.txt"
    path.write_text(page, encoding="utf-8")
    result = CliRunner().invoke(app, ["analyze", str(path), "--json"])
    assert result.exit_code == 0, result.output
    got = [(s["text"], s["claim"]) for s in json.loads(result.stdout)[0]["sentences"]]
    assert got == [
        ("Skip to main menu", False),
        ("Ferry service to resume on Monday", True),
        ("May 5, 2024 11:02 am | Updated May 6, 2024 09:18 pm IST - Oslo", False),
        ("2 View gallery", False),
        # a caption with no verb states nothing (claims.verbless)
        ("The harbour in Oslo on Sunday ( Photo: Example Agency )", False),
        ("The operator said the ferries would run twice a day.", True),
        ("The port reopened at noon.", True),
        ("Also Read - Harbour Works: Who Pays? All You Need To Know", False),
        ("— Example Port (@ExamplePort) May 5, 2024", False),
    ]


def test_live_blog_and_press_release_furniture_is_not_a_claim() -> None:
    text = (
        "Rovers want a new striker, sources said.\n"
        "Follow Harbour News on WhatsApp\n"
        "- Stream Rovers Daily on Harbour+ (U.S. only)\n"
        "21.00 BST: That will do it for the latest edition of our transfer blog.\n"
        "Goodnight!\n"
        "This is an archived article and the information in the article may be outdated.\n"
        "NOT FOR RELEASE, PUBLICATION OR DISTRIBUTION IN ANY JURISDICTION\n"
        "LEI number of Acme plc: 21380068P1DRHMJ8KU70\n"
        "Media enquiries: +44 20 7946 0000\n"
        "The striker scored ten goals last season."
    )
    from verifier.analysis.analyse import analyse_text

    claims = [s.claim for s in analyse_text(text).sentences]
    assert claims == [True, False, False, False, False, False, False, False, False, True]


def test_a_text_cut_off_mid_sentence_ends_in_no_claim() -> None:
    text = "The council approved the fee on Monday. But the sources say it"
    assert [(d.claim, d.rule) for d in classify(segment(text))] == [
        (True, DEFAULT_RULE), (False, "claims.cut-off"),
    ]
    # the same words alone are a headline, and a finished last sentence stays a claim
    assert decide("But the sources say it").claim is True
    finished = segment("The council approved the fee on Monday. The fee will stay.")
    assert [d.claim for d in classify(finished)] == [True, True]


@pytest.mark.parametrize(
    ("sentence", "claim"),
    [
        # no word that can be a verb: a heading, a caption without its credit, a stamp
        ("Harbour board reaction", False),
        ("The new ferry terminal at dusk. Photo: Ann Lee / Example Agency", False),
        ("Tom Hale 11:05 02/03/2024", False),
        ("Objections against the harbour fee", False),
        # a headline keeps its verb, its infinitive, its predicate adjective or its number
        ("Harbour board resigns", True),
        ("Ferry operator to cut crossings", True),
        ("Minister silent on harbour fee", True),
        ("Harbour fee up 12%", True),
        ("Two ferries sold", True),
        ("Ferries Collide Near Harbour Mouth", True),
        ("Quits Board After Row", True),
        # a question, a quotation, a speaker's label are left to their own rules
        ("“A good day for the harbour”", True),
        ("Harbour fee not fair: union", True),
    ],
)
def test_a_short_line_without_a_verb_is_no_claim(sentence: str, claim: bool) -> None:
    decision = decide(sentence)
    assert decision.claim is claim, decision
    if not claim:
        assert decision.rule == "claims.verbless"


def test_a_verbless_sentence_inside_a_running_quotation_stays_a_claim() -> None:
    text = ("The captain said: “We will sail at dawn. A new era for the harbour. "
            "Nobody can stop us.”")
    decisions = classify(segment(text))
    assert [d.claim for d in decisions] == [True, True, True]
    # the same words outside a quotation are a heading
    assert decide("A new era for the harbour.").rule == "claims.verbless"



def test_a_quotation_left_open_does_not_run_into_the_next_paragraph() -> None:
    # an unbalanced mark on one line: the heading on the next line is no speaker's words
    text = ("“We will sail at dawn,” the captain said, “and nobody can stop us.\n"
            "A new era for the harbour.")
    decisions = classify(segment(text), text)
    assert [(d.claim, d.rule) for d in decisions] == [
        (True, DEFAULT_RULE), (False, "claims.verbless")]
    # on the same line, or with no article to read the lines from, the quotation runs on
    same_line = text.replace("\n", " ")
    assert [d.claim for d in classify(segment(same_line), same_line)] == [True, True]
    assert [d.claim for d in classify(segment(text))] == [True, True]

def test_a_verbless_rule_with_a_misspelt_field_is_a_config_error() -> None:
    from verifier.rules.lexicon import load_lexicon

    raw = next(r for r in load_lexicon("claims") if r["type"] == "verbless")
    with pytest.raises(ConfigError, match=r"claims\.verbless.*unknown field 'max_word'"):
        build_rule({**{k: v for k, v in raw.items() if k != "max_words"}, "max_word": 8})


def test_a_paragraph_rule_carries_to_the_end_of_its_line() -> None:
    text = ("Disclaimer: Investing carries risk. This is not financial advice. The harbour fund "
            "assumes no responsibility.\nThe harbour fund grew 3 percent in May.")
    decisions = classify(segment(text), text)
    assert [(d.claim, d.rule) for d in decisions] == [
        (False, "claims.disclaimer"), (False, "claims.disclaimer"),
        (False, "claims.disclaimer"), (True, DEFAULT_RULE)]
    # without the article's lines only the label itself is furniture
    assert [d.claim for d in classify(segment(text))] == [False, True, True, True]
