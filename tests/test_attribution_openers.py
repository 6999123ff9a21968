"""Session 26 readings of official speakers (held out on set b): a date or an occasion before
the subject, an opening single mark typed for an apostrophe, and an act announced in a clause
of time (``FrameRule.not_in_clause``), which the learned finder may not propose either."""

from __future__ import annotations

from verifier import analyse_text
from verifier.analysis.attribution.plan import background
from verifier.analysis.attribution.rules import rules
from verifier.analysis.attribution.source_words import apostrophes_mended, left_descriptor


def _sources(text: str) -> list[list[tuple[str, str]]]:
    return [[(a.kind, a.source.text) for a in s.attributions]
            for s in analyse_text(text).sentences]


def test_a_date_or_an_occasion_before_the_subject_is_no_part_of_it() -> None:
    for text, subject in [
        ("In July Ana Ruiz had said", "Ana Ruiz"),
        ("On 15 July the harbour board said", "the harbour board"),
        ("At a Lyon press conference the coach said", "the coach"),
        ("In an email City Administrator Ana Ruiz said", "City Administrator Ana Ruiz"),
        ("In 2019 the ministry said", "the ministry"),
    ]:
        cue = text.rindex(" said")
        span = left_descriptor(text, 0, cue)
        assert span is not None and text[span[0]:span[1]] == subject, text


def test_a_month_not_followed_by_a_subject_stays() -> None:
    text = "In May alone the ministry said"
    span = left_descriptor(text, 0, text.rindex(" said"))
    assert span is not None and text[span[0]:span[1]].startswith("In May")


def test_an_opening_single_mark_after_a_word_is_an_apostrophe() -> None:
    assert apostrophes_mended("Harbour Stores‘ chairman said") == "Harbour Stores’ chairman said"
    assert apostrophes_mended("He said ‘no’ twice") == "He said ‘no’ twice"
    assert apostrophes_mended("It don‘t matter") == "It don’t matter"


def test_an_act_announced_in_a_clause_of_time_is_background() -> None:
    lexicon = rules()
    assert {cue.id for cue in lexicon.cues if cue.not_in_clause} == {"attr.announced_act"}
    text = "The port has been shut since Mayor Ana Ruiz first announced her intention to sell it."
    assert [text[a:b] for a, b in background(lexicon, text)] == ["announced her intention"]
    assert background(lexicon, "Mayor Ana Ruiz announced her resignation on Monday.") == []


def test_the_learned_finder_proposes_no_background_announcement() -> None:
    text = ("The port has been shut since Mayor Ana Ruiz first announced her intention to sell "
            "it. Ana Ruiz thanked her staff as she announced her resignation on Wednesday.")
    assert _sources(text) == [[], []]
    assert _sources("Mayor Ana Ruiz announced her resignation on Monday.") == [
        [("official", "Mayor Ana Ruiz")]]
