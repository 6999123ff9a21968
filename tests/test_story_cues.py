"""The quick word tests before grouping's slow pattern searches change no answer."""

from __future__ import annotations

import re

import pytest

from verifier.stories import cues

SENTENCES = [
    "Mayor Ann Cole said the plan would go ahead.",
    "MAYOR ANN COLE said the plan would go ahead.",
    "The deal was hosted by President Han Seung-woo in Tarvel.",
    "The deal was hosted by PRESİDENT Han in Tarvel.",  # dotted capital I folds onto i
    "The deal was hosted by presıdent Han in Tarvel.",  # dotless i folds onto I
    "It was signed by the preſident Lee.",  # long s folds onto s
    "Former vice-president Moon Jae-kyu spoke, as did ex-Sen. Dana Ortiz.",
    "The reporter was making sense of the representative's remarks.",
    "In a separate report, the ministry said costs rose.",
    "In a ſeparate report, the ministry said costs rose.",
    "Two other shipbuilders, “Hallbright” and Kessa, said so.",
    "Its rivals were unrelated to the probe, the council said.",
    "Nothing here names a title or a second thing.",
    "Le président Morel a dit non.",
    "",
]


def test_no_other_character_folds_onto_an_ascii_letter() -> None:
    """The characters ``_may_hold`` leaves to the pattern are all those a case-insensitive
    pattern matches with an ASCII letter, and lower-casing makes no other character a word
    character or not (the word runs of a lower-cased text are the text's runs)."""
    letter, word = re.compile("(?i)[a-z]"), re.compile(r"\w")
    folding, unsteady = set(), set()
    for code in range(0x80, 0x110000):
        char = chr(code)
        if char.lower() == char == char.upper():
            continue  # no case: nothing to fold
        if letter.fullmatch(char):
            folding.add(char)
        if bool(word.fullmatch(char)) != all(word.fullmatch(c) for c in char.lower()):
            unsteady.add(char)
    assert folding == cues.FOLDS_TO_ASCII
    assert unsteady <= cues.FOLDS_TO_ASCII


@pytest.mark.parametrize("text", SENTENCES)
def test_titled_names_are_the_patterns_matches(text: str) -> None:
    assert cues.titled_names(text) == [m.group(1) for m in cues._titled_name().finditer(text)]


def test_titled_names_found_in_any_case() -> None:
    assert cues.titled_names(SENTENCES[3]) == [" Han"]
    assert cues.titled_names(SENTENCES[5]) == [" Lee."]
    assert cues.titled_names(SENTENCES[7]) == []


@pytest.mark.parametrize("text", SENTENCES)
def test_a_separate_matter_is_found_as_the_pattern_finds_it(text: str) -> None:
    found = bool(cues._patterns()[0].search(text))
    assert (cues.shift(text) == 3) == (found or bool(cues._adverb_openings()[0].match(text)))


def test_separate_matters_in_any_case() -> None:
    assert cues.shift(SENTENCES[8]) == 3
    assert cues.shift(SENTENCES[9]) == 3
    assert cues.shift(SENTENCES[10]) == 3
    assert cues.shift(SENTENCES[12]) == 0


CUED = [
    "However, Mayor Ann Cole said in May that the deal, signed in 2019, would go ahead.",
    "“We will not wait,” he said. “Nor will they.",
    "The Norway striker was pictured at training ahead of the match",
    "FILE PHOTO: The plant in Tarvel is seen at dusk",
    "Separately, the 30-year-old forward joined in 2012.",
]


def test_cues_read_ahead_are_the_cues_and_are_looked_up_by_text() -> None:
    """``read_ahead`` gives each kept cue's value; within ``known`` a cue of a text read
    ahead is looked up (a reading that differs is what it returns), other texts and other
    arguments are read as before, and after it the text is read again."""
    direct = {text: (cues.shift(text), cues.titled_names(text), cues.quotation(text, True),
                     cues.quotation(text, False), cues.years(text), cues.is_caption(text))
              for text in CUED}
    readings = cues.read_ahead(CUED)
    with cues.known(readings):
        assert {text: (cues.shift(text), cues.titled_names(text), cues.quotation(text, True),
                       cues.quotation(text, False), cues.years(text), cues.is_caption(text))
                for text in CUED} == direct
    text = CUED[0]
    marker = object()
    with cues.known({text: (marker,) * len(readings[text])}):
        assert cues.shift(text) is marker  # looked up, not read
        assert cues.titled_names(text) is marker
        assert cues.shift(text + " ") == direct[text][0]  # another text: read
    assert cues.shift(text) == direct[text][0]
    assert cues.epithets(CUED[2]) == ["The Norway striker"]


@pytest.mark.parametrize(("text", "name"), [
    ("Brask, a rival carmaker, is likely to announce job cuts.", "Brask"),
    ("However, Orvia, a lender in Arvik, said it would wait.", "Orvia"),
    ("Brask said it would cut jobs.", None),  # no apposition: its capital says nothing
    ("The, a word.", None),  # a function word
    ("Yesterday a court ruled.", None),
    ("Tolsen Mills, the buyer, said so.", None),  # "the" refers back, it introduces no one
])
def test_a_sentence_opening_on_a_described_word_introduces_a_party(
        text: str, name: str | None) -> None:
    assert cues.introduced_name(text) == name
