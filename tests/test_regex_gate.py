"""regex_gate: the cheap test before a search never turns away a text the pattern matches."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from verifier.analysis.attribution.rules import rules
from verifier.rules.regex_gate import OPEN, gate, prefixes

PATTERNS = [
    re.compile(r"(?:the\s+)?(?:reports?|story|stories)\b", re.IGNORECASE),
    re.compile(r"\b(?:told|interview\s+with)\s+([A-Z]\w*)"),
    re.compile(r"(?i:said)|(?-i:Photo)\s*/"),
    re.compile(r"[,;]\s*(?:but\s+)?saying|;\s+"),
    re.compile(r"(?:ab){2,}c[xy]"),
    re.compile(r"a?b*"),  # can match the empty string: no gate
]


def test_words_come_from_the_pattern() -> None:
    found = gate(PATTERNS[0])
    assert found.words is not None
    assert {w for w, _ in found.words} == {"report", "story", "stories"}
    assert not found.admits("Nothing here about it.")
    assert found.admits("A REPORT said so.")


def test_case_sensitive_parts_stay_case_sensitive() -> None:
    found = gate(PATTERNS[2])
    assert found.admits("SAID")
    assert not found.admits("photo / Reuters")
    assert found.admits("Photo / Reuters")


def test_case_insensitive_words_admit_any_non_ascii_text() -> None:
    # Case folding outside ASCII is the regex engine's business: the gate steps aside.
    assert gate(PATTERNS[0]).admits("ſtory without a match")


def test_a_pattern_that_can_match_nothing_is_open() -> None:
    assert gate(PATTERNS[5]) is OPEN
    assert OPEN.admits("")


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="abcxyABC ,;:/\nPhotSrpeyitdlsaw()ſ", max_size=40))
def test_a_gate_admits_every_text_the_pattern_matches(text: str) -> None:
    for pattern in PATTERNS:
        if pattern.search(text):
            assert gate(pattern).admits(text), (pattern.pattern, text)


def test_lexicon_gates_admit_their_own_matches() -> None:
    lexicon = rules()
    samples = [
        "The ministry dismissed the report as groundless.",
        "Officials say: talks to resume",
        "Kim meets Xi - sources",
        "He declined to comment, saying only that talks continue; no date was set.",
        "A reporter for this newspaper was told so.",
        "Editors at the Evening Standard said so.",
    ]
    singles = [lexicon.split, lexicon.headline, lexicon.report_object]
    checks = [(s.pattern, s.gate) for s in singles]
    checks.append((lexicon.self_reference, lexicon.gates.self_reference))
    for text in samples:
        for pattern, found in checks:
            for variant in (text, text.lower()):
                assert found.admits(variant) or not pattern.search(variant)


def test_triggers_fire_every_rule_that_matches() -> None:
    lexicon = rules()
    samples = [
        "The ministry dismissed the report as groundless.",
        "He declined to comment, saying only that talks continue.",
        "The club reportedly paid $10 million, it is understood.",
        "Prosecutors accused him of taking bribes, a charge he denies.",
        "There was no official confirmation of the transfer.",
        "Exports fell, according to data compiled by the statistics office.",
    ]
    for text in samples:
        low = text.lower()
        fired = lexicon.triggers.fired(lexicon.triggers.hits(low))
        for index, cue in enumerate(lexicon.cues):
            if cue.pattern.search(low):
                assert index in fired, (cue.id, text)


def test_prefixes_are_what_every_match_starts_with() -> None:
    found = prefixes(re.compile(r"(?<![\w])(?:(?P<a>is\s+said)|(?P<b>was|were)\s+told)"))
    assert found is not None
    assert all(p in ("is", "w", "was", "were") for p in found)
    # an optional part read both ways: "ac", "b..." or (no b) "c"
    assert prefixes(re.compile(r"(?:a|b*)c")) == ("ac", "b", "c")
    assert prefixes(re.compile(r"(?:ab)+c|(?:x)?yz")) == ("ab", "xyz", "yz")
    assert prefixes(re.compile(r"abc", re.IGNORECASE)) is None
    assert prefixes(re.compile(r"(?:x(?i:b))?c|d")) == ("c", "d", "x")
    assert prefixes(re.compile(r"(?i:x)?c|d")) is None  # a part folding case: not read
    assert prefixes(re.compile(r"(?:a|b)*")) is None  # may match nothing
    # look-behinds (and a branch of them) match no character; optional words before "to"
    assert prefixes(re.compile(r"(?:(?<=said\s)|(?<=told\s))(?:(?:also|later)\s+)?to")) == (
        "also", "later", "to")
    assert prefixes(re.compile(r"(?:^|(?<=[,;]\s))in(?=\s)")) == ("in",)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="abcwsiedt ", max_size=30), st.integers(min_value=0, max_value=30))
def test_a_match_starts_with_a_prefix(text: str, pos: int) -> None:
    patterns = [
        re.compile(r"(?<![\w])(?:(?P<a>is\s+said)|(?P<b>was|were)\s+(?:a|b)+)"),
        re.compile(r"(?:ab|ac)+d?|w(?:e|i)"),
        re.compile(r"\bsa(?:id|w)\b"),
        re.compile(r"(?:(?<=w\s)|(?<=s\s)|^)(?:(?:a|be)\s+)?(?:is|ed)"),
        re.compile(r"(?:a|b*)c(?:d\s)?|(?:(?=t)|(?<=e))(?:wi|(?:s\s)?te)"),
    ]
    for pattern in patterns:
        starts = prefixes(pattern)
        assert starts is not None
        if pattern.match(text, pos):
            assert text.startswith(starts, pos)
