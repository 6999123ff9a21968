"""Session 33 (sentences with more than one source): a second speaker whose clause "and" joins
to the first speaker's reported clause speaks for itself ("X said there were no charges and
the mayor added ..."); a subject inside the reported clause still is no speaker."""

from __future__ import annotations

from verifier import analyse_text
from verifier.analysis.attribution.source_words import joined_clause


def _sources(text: str) -> list[tuple[str, str]]:
    return [(a.kind, a.source.text) for s in analyse_text(text).sentences
            for a in s.attributions]


def test_the_subject_of_a_clause_joined_by_and_is_the_words_after_it() -> None:
    text = "The auditor said there were no gaps and the mayor added"
    start = text.index("there")
    span = joined_clause(text, start, text.index(" added"))
    assert span is not None and text[span[0]:span[1]] == "the mayor"
    # a list of names holds no clause before its "and"
    names = "Ruiz and Vale"
    assert joined_clause(names, 0, len(names)) is None


def test_a_second_speaker_joined_by_and_is_its_own_attribution() -> None:
    assert _sources("The finance minister said there were no gaps in the accounts and the "
                    "mayor added that the review had been routine.") == [
        ("official", "The finance minister"), ("official", "the mayor")]
    assert _sources("The finance minister said the accounts had been audited and a ministry "
                    "spokesman confirmed that no funds were missing.") == [
        ("official", "The finance minister"), ("unnamed_official", "a ministry spokesman")]


def test_a_subject_inside_the_reported_clause_is_still_no_speaker() -> None:
    assert _sources("The finance minister said the mayor had approved the accounts.") == [
        ("official", "The finance minister")]
