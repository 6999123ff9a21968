"""Attribution through the registry: agencies, data providers and trade outlets it names.

The sentences are written for these tests in general English news style; the bodies named
are real institutions, what they say here is invented.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from verifier.analysis.analyse import analyse_text
from verifier.registry import SOURCE_KINDS, Registry, load_registry

SOURCES = Path(__file__).resolve().parent.parent / "sources.yaml"


@pytest.fixture(scope="module")
def registry() -> Registry:
    return load_registry(SOURCES)


def kinds(text: str, registry: Registry) -> list[str]:
    """The printed sourcing labels of the text's last sentence, sorted."""
    sentences = analyse_text(text, registry=registry).sentences
    return sorted(a.kind for a in sentences[-1].attributions)


CASES = [
    # a registry name decides over the common nouns in or around it
    ("Flu cases doubled in a week, according to the Centers for Disease Control and Prevention.",
     ["official"]),
    ("Bond yields fell after the auction, according to LSEG data.", ["named"]),
    ("The ferry changed course at dawn, according to tracking data from MarineTraffic.",
     ["named"]),
    ("ECB board member Hanna Berg said on Monday that inflation was easing.", ["official"]),
    ("The Japan Coast Guard said the trawler had left the area.", ["official"]),
    # a short news acronym between two capitalised words is part of a personal name
    ("Ana RT Vale, leader of the opposition group, argued the budget would hurt farmers.",
     ["official"]),
    ("Speaking to RT Arabic, the minister said the talks had ended.", ["media", "official"]),
    # a news name is capitalised as a name, and "The X" is not the start of a longer name
    ("The merger talks were first reported by The Information.", ["media"]),
    ("Fines rose sharply, according to the Information Commissioner's Office.", ["official"]),
    ("The clinic declined to share the information with reporters.", ["declined"]),
    # what data and records show; a person showing a quality is not a source
    ("Police records show the driver had two earlier convictions.", ["official"]),
    # records nothing says whose are unnamed (guide: "according to ... court documents")
    ("Court records show the driver had two earlier convictions.", ["unnamed"]),
    ("Gas flows fell by a third in March, official statistics showed.", ["official"]),
    ("Gas flows fell by a third in March, data from Vortexa showed.", ["named"]),
    ("The governor has in recent weeks showed a willingness to compromise.", []),
    ("Sales beat the average analyst estimate of 2 billion euros compiled by LSEG.", ["named"]),
    ("Turnout rose, according to figures compiled by the research group Vote Watch.", ["named"]),
    # common nouns as whole words; unnamed groups
    ("The lender declined to comment on the client's credit history.", ["declined"]),
    ("Patient advocates have long said the drug is too expensive.", ["unnamed"]),
    ("Neighbours said the house had been empty for years.", ["unnamed"]),
    ("The rebel movement did not comment.", ["declined"]),
    ("The suspect is accused of fraud, the complaint alleges.", ["official"]),
    ("Moscow has long rejected Kyiv's position on the talks.", ["denied"]),
    # denials worded as content; a refusal after "saying" is the same party's
    ("An aide to the governor said the story was pure speculation.", ["denied", "media"]),
    ("The coach's lawyer said he denies any wrongdoing and will plead not guilty.", ["denied"]),
    ("The monitoring mission said in an interim report that it found no evidence of fraud.",
     ["denied"]),
    ("A bank official declined to confirm the deal, saying the bank does not comment on clients.",
     ["declined"]),
    # bodies, documents and acts
    ("Norway's mission to the U.N. said in a statement that the vote was delayed.", ["official"]),
    ("Kenya's electoral body rejects rigging claims", ["denied"]),
    ("Ministry to cut farm subsidies, draft shows", ["official"]),
    ("Seoul lodges protest over Japanese textbooks", ["official"]),
    ("The Evening Courier corrected its report on Monday.", ["media"]),
    ("Turnout was 61 percent, according to the commission's website.", ["official"]),
    ("The plan is set out in a draft seen by the Evening Courier.", ["media"]),
    # one study is a piece of work with authors; earlier studies with no name are not
    ("Short naps may sharpen memory, study suggests", ["named"]),
    ("Previous studies have suggested a link between naps and memory.", ["unnamed"]),
    ("Study finds link between naps and memory", ["named"]),
    ("Economists polled last month expected the bank to cut rates twice.", ["unnamed"]),
    ("Rates will stay on hold, though some traders see a chance of a cut.", ["unnamed"]),
    # this round: headline tags, appositives with "that", more denials and refusals
    ("Sources: Drugmaker in talks to buy rival", ["unnamed"]),
    ("Coffee may protect the liver, study finds", ["named"]),
    ("Acme, the state-owned carrier that flies to Paris, said fares would rise.", ["official"]),
    ("The ruling party has dismissed the complaint as politically motivated.", ["denied"]),
    ("The senator said his remarks had been twisted by opponents.", ["denied"]),
    ("The army has not publicly commented on the raid.", ["declined"]),
    ('"I\'m not going to talk about other clubs\' players," the coach said.', ["declined"]),
    ("Aid agencies have warned that the camps are overcrowded.", ["unnamed"]),
    ("The Athletic reported that the club had held talks with the striker.", ["media"]),
    # agencies and rating firms, passive agents, allegations, bodies versus people
    ("Prosecutors allege that he took bribes worth $2 million.", ["unnamed_official"]),
    ("The quake struck at a depth of 10 km, the U.S. Geological Survey said.", ["official"]),
    ("Ratings agency Moody's said the downgrade reflected rising debt.", ["named"]),
    ("The regulator said in a filing that the probe was closed.", ["official"]),
    ("The figures were confirmed by the health ministry.", ["official"]),
    ("Eyewitnesses said soldiers opened fire on the crowd.", ["unnamed"]),
    ("Shares fell 5% after the company warned on profits.", []),
    ("The move was welcomed by environmental groups.", ["unnamed"]),
    # denials and refusals in other words; NGOs from the registry
    ("The company said the claims were without merit.", ["denied"]),
    ('The ministry called the allegations "absurd".', ["denied"]),
    ("A spokesperson for the firm said it did not recognise the figures.", ["denied"]),
    ("The group has not claimed responsibility for the attack.", []),
    ("The company has yet to comment publicly.", ["declined"]),
    ("Officials were tight-lipped about the plan.", ["declined"]),
    ("Experts warn the virus could spread further.", ["unnamed"]),
    ("Greenpeace said the spill was the worst in a decade.", ["named"]),
    ("Army and RSF delegations met in Jeddah on Sunday.", []),
    ("The ministry said it would review the case. It did not give a timeline.", ["declined"]),
    ("CNN, quoting two officials, said the strike had been delayed.",
     ["media", "unnamed_official"]),
    ("Hanmi Motor said it was not aware of any injuries.", ["declined"]),
    ("The carmaker has recalled more than 5 million vehicles this year.", []),
    ("NHS England said 50,000 appointments were moved.", ["official"]),
    # a union's officer speaks for it (guide 2: a union representative is official)
    ("Dr Ana Ruiz, co-chair of the nurses' union, told Sky News the talks had failed.",
     ["media", "official"]),
    ("The White House welcomed the report, saying it showed a strong economy.", ["official"]),
    ("Governor Ann Cole told CNN's State of the Union that the bill would pass.",
     ["media", "official"]),
    ('Opposition leader Anna Berg said the figures were "fiction".', ["denied"]),
    ("The Treasury is scheduled to sell $40 billion of 10-year notes on Wednesday.", []),
    ("Some investors worry that borrowing will keep yields high.", ["unnamed"]),
    ("Traders now see about a 40% chance of a cut in December.", ["unnamed"]),
    ("The driver was speeding, an inquest has heard.", ["official"]),
    ("Ms Berg's family said in a statement that she loved the sea.", ["named"]),
    ("Transport for London said it was reviewing the junction.", ["official"]),
    ("A spokeswoman for the airline, Elena Ruiz, said flights would resume.", ["official"]),
    ("The talks, reported earlier by Axios, are at an early stage.", ["media"]),
    ("A UN panel of experts said in a report that the sanctions were being broken.",
     ["official"]),
    ("The Kyiv Independent reported that power had been restored.", ["media"]),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_registry_names_decide(text: str, expected: list[str], registry: Registry) -> None:
    assert kinds(text, registry) == expected


def test_data_providers_speak_as_named(registry: Registry) -> None:
    assert SOURCE_KINDS["data_provider"] == "named"
    assert SOURCE_KINDS["government_agency"] == "official"
    providers = [s for s in registry if s.kind == "data_provider"]
    assert providers and all(s.speaker == "named" for s in providers)


CERTAINTY = [
    ("The senator said any cut to the program would hurt rural hospitals.", "possible"),
    ("The budget office has warned that a strike would close most schools.", "possible"),
    ("The minister said a delegation would travel to Seoul next week.", "certain"),
    ("The spokesman declined to comment on whether the minister would attend.", "certain"),
    ("Fed expected to hold rates steady", "probable"),
    ("The merger would create the largest carrier in Asia, the report said.", "certain"),
    ("Nurses have warned that another strike would close wards.", "possible"),
    ("Stronger-than-expected data led traders to cut their bets.", "certain"),
    ("Economists had forecast sales would climb 0.4%.", "certain"),
    ("The deal, worth an estimated $4 billion, would make the firm the largest.", "possible"),
    ("The number of people expected to attend has doubled.", "certain"),
]


@pytest.mark.parametrize(("text", "expected"), CERTAINTY)
def test_certainty_scopes(text: str, expected: str, registry: Registry) -> None:
    label = analyse_text(text, registry=registry).sentences[-1].certainty
    assert label is not None and label.value == expected


def test_dateline_without_a_dash_names_the_publisher(registry: Registry) -> None:
    text = (
        "NEW DELHI, March 4 (PTI) The minister told PTI that the bill would be passed.\n"
        "The opposition told Reuters it would vote against the bill.\n"
    )
    sentences = analyse_text(text, registry=registry).sentences
    assert sorted(a.kind for a in sentences[0].attributions) == ["official"]
    assert sorted(a.kind for a in sentences[1].attributions) == ["media", "official"]


@pytest.mark.parametrize(
    "footer",
    [
        "Associated Press writer Jo Park in Miami contributed to this report.",
        "Copyright 2025 The Associated Press. All rights reserved.",
    ],
)
def test_a_footer_names_the_publisher(footer: str, registry: Registry) -> None:
    text = (
        "Storm hits coast\nThe mayor told The Associated Press that roads were shut.\n"
        f"{footer}\n"
    )
    sentences = analyse_text(text, registry=registry).sentences
    assert [a.kind for a in sentences[1].attributions] == ["official"]


def test_another_outlets_footer_leaves_media_alone(registry: Registry) -> None:
    text = (
        "Storm hits coast\nThe mayor told Reuters that roads were shut.\n"
        "Copyright 2025 Example Media.\n"
    )
    sentences = analyse_text(text, registry=registry).sentences
    assert sorted(a.kind for a in sentences[1].attributions) == ["media", "official"]


def test_the_publishers_own_journalist_by_name(registry: Registry) -> None:
    """A journalist by name is a news organisation's voice (media), the publisher's own
    ("the Associated Press's Jo Park explained" in an AP story) as another's; the publisher
    alone is nobody (no attribution: "told The Associated Press")."""
    text = (
        "\"The deal is done,\" the Associated Press's Jo Park explained.\n"
        "\"The deal is done,\" CNN's Jo Park explained.\n"
        "The mayor told The Associated Press that roads were shut.\n"
    )
    sentences = analyse_text(text, registry=registry, outlet="The Associated Press").sentences
    assert [[a.kind for a in s.attributions] for s in sentences] == [
        ["media"], ["media"], ["official"]]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the publisher's own idioms name an outlet the registry does not know: its name
        # elsewhere in the text is no media source of its own story
        ("The coach will stay, The Harbour Argus understands.\n"
         "As previously reported by The Harbour Argus, talks began in May.\n", [[], []]),
        ("The mayor sacked his deputy, Harbour Online can confirm.\n"
         "The deputy was also approached by Harbour Online to clarify the plan.\n", [[], []]),
        ("When approached by Harbour-Courier Online, the minister denied it.\n"
         "His deputy was also approached by Harbour-Courier Online to clarify the plan.\n",
         [["denied"], []]),
        # once told, or cited as another's, it stays a media source
        ("The minister told Harbour-Courier Online that the plan was ready.\n",
         [["media", "official"]]),
        ("The coach will stay, The Harbour Argus understands.\n"
         "The talks began in May, The Harbour Argus reported.\n", [[], ["media"]]),
    ],
)
def test_an_unregistered_publisher_by_its_own_idioms(
    text: str, expected: list[list[str]], registry: Registry
) -> None:
    sentences = analyse_text(text, registry=registry).sentences
    assert [sorted(a.kind for a in s.attributions) for s in sentences] == expected
