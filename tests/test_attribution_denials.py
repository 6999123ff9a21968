"""Denials in other words: flat negations, denial verbs said of a claim, a claim denied by its
party, and the author of the claim a party answers (sentences written for these tests)."""

from __future__ import annotations

import pytest

from verifier.analysis.analyse import analyse_text


def _last(text: str) -> tuple[str, ...]:
    return tuple(sorted(analyse_text(text).sentences[-1].kinds))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a flat statement that the event did not or will not happen
        ("The firm told investors that no such talks had taken place.", ("denied",)),
        ("The bank confirmed it has no intention of making an offer for its rival.",
         ("denied",)),
        ("The embassy said there was no question of any pressure being put on the families.",
         ("denied",)),
        # what the speaker grants before ", but" is an assertion of theirs besides
        ('"The minister did meet him, but the rest of this isn\'t true," his aide said.',
         ("denied", "unnamed_official")),
        # a denial verb said of a claim, and the claim's own wording
        ("The coach's team shut down allegations of a row with the owner.",
         ("denied", "unnamed")),
        ("The minister hit back at claims that she had misled parliament.",
         ("denied", "unnamed")),
        # a denial in the progressive is not a passive
        ("The governor's press secretary is denying reports that the budget will be cut.",
         ("denied", "media")),
        # the participle goes on with the clause's speaker
        ("The ministry said the bridge was safe, denying reports that it would close.",
         ("denied", "media", "official")),
        # a claim denied by its party, and the claim's author
        ("The general said his troops had taken the town, a claim quickly denied by the "
         "defence ministry.", ("denied", "official")),
        ("The army rejected Russia's claim about the strike.", ("denied", "official")),
    ],
)
def test_denials(text: str, expected: tuple[str, ...]) -> None:
    assert _last(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "The ministry said it had no plans to change its guidelines.",
        "An analyst said the note appeared to have been fabricated.",
        "His request for bail was denied by the court.",
        "Police shut down the road on Monday.",
        "The opposition slammed the decision to close the depot.",
    ],
)
def test_not_denials(text: str) -> None:
    assert "denied" not in _last(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a refusal to deny is a refusal, not a denial
        ("Asked about the bid, the chairman refused to deny that talks were under way.",
         ("declined",)),
        ('"I won\'t deny we have spoken," the coach said of the striker.', ("declined",)),
        ("Lena Berg all but confirmed the move, refusing to deny the fee had been agreed.",
         ("declined", "named")),
        ("The ministry would neither confirm nor deny that the envoy had been recalled.",
         ("declined",)),
        # a statement put out to deny, with or without "to"
        ("The ferry operator issued a statement on Sunday denying reports of a merger.",
         ("denied", "media")),
        ("The ferry operator released a short statement to deny reports of a merger.",
         ("denied", "media")),
        ("The ferry operator has moved quickly to deny that it plans to merge.",
         ("denied",)),
        # a denial verb after an adverb, a denial in other words, a denial by a party
        ("However, Ruiz strenuously denied any such plan.", ("denied",)),
        ("The owner has again discounted the possibility that the club could be sold.",
         ("denied",)),
        ("Stories that the striker would retire were debunked by his club on Monday.",
         ("denied", "media")),
        ('"Despite reports to the contrary, no one has been charged," the police said.',
         ("denied", "media")),
        ('"That is not what we agreed and isn\'t remotely true," the union said.', ("denied",)),
        # an opener before "X said," does not make the quotation after it a tag's
        ('Likewise, a spokeswoman for the carrier said, "There is no truth to this rumour."',
         ("denied",)),
    ],
)
def test_refusals_to_deny_and_denials_in_other_words(text: str,
                                                      expected: tuple[str, ...]) -> None:
    assert _last(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "According to X, ...": X's words are after X, not before the cue
        ("According to the mayor's spokesman, the meeting had nothing to do with the deal.",
         ("denied",)),
        ("The meeting had nothing to do with the deal. The two met on Monday, according to "
         "the mayor's spokesman.", ("unnamed_official",)),
        # a participle after a quote tag is the speaker's too, and asserts apart from the quote
        # (the talk it calls baseless is hearsay the denial names: unnamed)
        ('"We met for dinner," Tom Hale added, calling talk of a rift baseless.',
         ("denied", "named", "unnamed")),
        ('"We met for dinner," Tom Hale added, calling on the press to wait.', ("named",)),
    ],
)
def test_where_the_speakers_words_are(text: str, expected: tuple[str, ...]) -> None:
    assert _last(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a predicate that hands its subject to an infinitive cue: the subject denies
        ("Mayor Ana Ruiz has been forced to dismiss the rumours about her health.",
         ("denied", "unnamed")),
        ("The ministry sought to dispel rumours about the minister's health.",
         ("denied", "unnamed")),
        # ... but the one who asks someone else to deny does not deny
        ("The president asked the two directors to deny the report.", ()),
        # "the first time X did": X is the subject, not "the first time X"
        ("It is not the first time Mayor Ana Ruiz has had to pour cold water on a rumour.",
         ("denied",)),
        # a lead-in before the speaker ("Asked whether ..., X said"): the speaker's words are
        # the quotation after the cue
        ("Asked whether the claim was true, the minister's spokesman said in a text message, "
         "“No.”", ("denied",)),
        ("The bridge will reopen in May, the minister's spokesman said on Monday.",
         ("unnamed_official",)),
        # a second verb of the same speaker: not a verb of the first verb's object
        ("Mayor Ana Ruiz denied rumours of a deal with the council and said “absolutely not.”",
         ("denied", "unnamed")),
    ],
)
def test_the_speaker_of_a_denial(text: str, expected: tuple[str, ...]) -> None:
    assert _last(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a purpose infinitive: the sentence's subject denies
        ('Mayor Ana Ruiz stamped the letter "FAKE" to dismiss its claims about her health.',
         ("denied", "unnamed")),
        # the object of "asked" would dismiss, not the one who asked
        ("The president asked the two directors to dismiss the report.", ()),
        # an infinitive "to say" is no statement of the subject's
        ("It is safe to say that the mayor will run again.", ()),
    ],
)
def test_an_infinitive_denial(text: str, expected: tuple[str, ...]) -> None:
    assert _last(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a denial verb under a negation: the party has not denied (a refusal to)
        ("The harbour authority has not denied the report.", ("declined", "media")),
        ("The harbour authority failed to refute the report.", ("declined", "media")),
        # what a party did little to do is the writer's judgement: no source
        ("The harbour authority did little to dispel the rumours.", ()),
        ("The harbour authority denied the report.", ("denied", "media")),
    ],
)
def test_a_negated_denial(text: str, expected: tuple[str, ...]) -> None:
    assert _last(text) == expected
