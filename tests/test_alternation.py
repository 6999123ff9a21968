"""Named rules in one alternation scanned by each place's first character, rule by rule
where a text holds a rule's keys, or rule by rule where each place's word may start one
(verifier/rules/alternation.py, regex_gate.alternatives): the same matches as the whole
pattern's scan."""

from __future__ import annotations

import re

import pytest

from verifier.analysis.attribution.rules import rules
from verifier.rules.alternation import Alternation, KeyedAlternation, WordAlternation
from verifier.rules.regex_gate import (
    ANY,
    AT_START,
    CHARS,
    DIGITS,
    alternatives,
    opening,
    top_level_split,
)


def found(matches: object) -> list[tuple[tuple[int, int], str | None, str]]:
    return [(m.span(), m.lastgroup, m.group()) for m in matches]  # type: ignore[attr-defined]


def test_top_level_split_keeps_groups_sets_and_escapes() -> None:
    assert top_level_split(r"a|(b|c)d|[|x]|\|e") == ["a", "(b|c)d", "[|x]", r"\|e"]
    assert top_level_split("(a|b") is None
    assert top_level_split("a)|b") is None


def test_alternatives_read_what_each_part_opens_with() -> None:
    assert alternatives(r"no\s+comment|(?:not|never)\s+said", 0) == (
        (r"no\s+comment", CHARS, "n"), (r"(?:not|never)\s+said", CHARS, "n"))
    parts = alternatives(r"^\W*on\s+the\s+contrary|[\w-]+'s\s+lies|(?<=\bthe\s)claims?", 0)
    assert parts is not None
    assert [how for _, how, _ in parts] == [AT_START, ANY, CHARS]
    assert parts[2][2] == "c"
    assert alternatives(r"(a)\1|b", 0) is None  # a backreference
    assert alternatives(r"a|b?", 0) is None  # an alternative that matches nothing
    assert alternatives(r"(?i)a|b", 0) is None  # flags for the whole pattern


RULES = [
    ("refusal", r"no\s+comment|(?:not|n't)\s+(?:comment|say)|^\s*pass"),
    ("denial", r"(?:is|was)\s+(?:false|untrue)|[\w-]+['’]s\s+lies|deny"),
    ("quoted", r"[\"“]false[\"”]"),
]

TEXTS = [
    "",
    "pass on that, she said: no comment",
    "  pass",
    "the report was false and the minister's lies, we deny it; no  comment",
    "bypass no-comment; \"false\" or “false” was untrue",
    "it wasn't false, was false",
    "the rival's lies and don't comment, nocomment, no comments",
]


@pytest.mark.parametrize("text", TEXTS)
def test_same_matches_as_the_whole_pattern(text: str) -> None:
    scan = Alternation(RULES)
    assert scan.compiled.pattern == (
        r"(?<!\w)(?:(?P<refusal>" + RULES[0][1] + r")|(?P<denial>" + RULES[1][1]
        + r")|(?P<quoted>" + RULES[2][1] + r"))(?!\w)")
    assert found(scan.finditer(text)) == found(scan.compiled.finditer(text))
    hyphen = Alternation(RULES, r"\w-")
    assert found(hyphen.finditer(text)) == found(hyphen.compiled.finditer(text))


def test_a_match_is_found_where_the_text_starts_and_after_an_edge_only() -> None:
    scan = Alternation(RULES)
    assert found(scan.finditer("pass, then deny")) == [
        ((0, 4), "refusal", "pass"), ((11, 15), "denial", "deny")]
    assert found(scan.finditer("undeny denying")) == []
    assert scan.search("x deny") is not None and scan.match("deny") is not None
    assert scan.fullmatch("no comment") is not None


def test_unsplittable_rules_scan_as_the_whole_pattern() -> None:
    scan = Alternation([("twice", r"(?P<x>ab)(?P=x)"), ("one", "c")])
    assert found(scan.finditer("abab c")) == [((0, 4), "twice", "abab"), ((5, 6), "one", "c")]


SPEAKERS_WORDS = [
    "the ministry did not comment on the report and declined to say more",
    "he said it was not true and would not comment further",
    "“there is no truth in it,” the spokesman said, adding nothing has been decided yet",
    "she would neither confirm nor deny the claims, calling them baseless nonsense",
    "no comment. it's not yet decided; we are not in a position to discuss it",
]


@pytest.mark.parametrize("words", SPEAKERS_WORDS)
def test_the_content_cues_scan_as_their_whole_pattern(words: str) -> None:
    content = rules().content
    assert found(content.finditer(words)) == found(content.compiled.finditer(words))


def test_the_content_cues_are_dispatched() -> None:
    assert rules().content.dispatched
    assert Alternation(RULES).dispatched
    assert not Alternation([("twice", r"(?P<x>ab)(?P=x)")]).dispatched


#: (name, pattern, keys): the keys are words one of which every match of the rule holds;
#: "report" and "reports" share a start (the key scan finds the shorter, tries both rules)
KEYED = [
    ("refusal", r"(?:no|not)\s+comment", ("comment",)),
    ("report", r"(?:the|a)\s+reports?\s+(?:is|was)\s+false", ("report",)),
    ("reports", r"reports\s+(?:are|were)\s+(?:false|wrong)", ("reports",)),
    ("denial", r"(?:is|was)\s+(?:false|untrue)|deny", ("false", "untrue", "deny")),
    ("anything", r"(?=\w+\s+lies)\w+", ()),  # no keys: tried on every text
]

KEYED_TEXTS = [
    "",
    "no comment",
    "the report was false, reports were wrong, the claim is untrue",
    "reports are false; the reports is false and no  comment",
    "it was false: deny, deny, undeny, denying",
    "everyone lies, he lies, the report was false",
    "nothing here at all",
]


@pytest.mark.parametrize("text", KEYED_TEXTS)
def test_keyed_rules_find_what_the_whole_pattern_does(text: str) -> None:
    scan = KeyedAlternation(KEYED)
    assert scan.pattern == (r"(?<!\w)(?:" + "|".join(
        f"(?P<{name}>{source})" for name, source, _ in KEYED) + r")(?!\w)")
    assert found(scan.finditer(text)) == found(scan.compiled.finditer(text))
    first = scan.search(text)
    whole = scan.compiled.search(text)
    assert (first is None) == (whole is None)
    assert first is None or whole is None or found([first]) == found([whole])
    hyphen = KeyedAlternation(KEYED, r"\w-")
    assert found(hyphen.finditer(text)) == found(hyphen.compiled.finditer(text))


def test_at_one_start_the_first_rule_listed_wins() -> None:
    scan = KeyedAlternation([("short", "the report", ("report",)),
                             ("long", "the report was false", ("false",))])
    assert found(scan.finditer("the report was false")) == [((0, 10), "short", "the report")]
    assert found(scan.finditer("so the report was false")) == found(
        scan.compiled.finditer("so the report was false"))


def test_a_rule_that_may_match_nothing_scans_the_whole_pattern() -> None:
    scan = KeyedAlternation([("maybe", "x?", ("x",)), ("deny", "deny", ("deny",))])
    assert found(scan.finditer("a deny x")) == found(scan.compiled.finditer("a deny x"))


@pytest.mark.parametrize("words", [
    *SPEAKERS_WORDS,
    "the report is fake news, a total fabrication, he said",
    "i have not been told anything about it and we have no knowledge of the talks",
])
def test_the_readings_scan_as_their_whole_pattern(words: str) -> None:
    readings = rules().readings
    assert readings is not None
    assert found(readings.finditer(words)) == found(readings.compiled.finditer(words))


#: Rules of every shape a word scan reads: parts of known starts (an optional word before the
#: one every match starts with, a group alone split into its alternatives), a part of known
#: first characters held back by its gate, a part known only by the words it holds, one
#: that may match anywhere, one at the start of the text only, and a look-behind before
#: its start.
WORD_RULES = [
    ("refusal", r"(?:no|not)\s+comment|(?:would\s+)?(?:decline|refuse)[sd]?"),
    ("domain", r"[a-z0-9][a-z0-9-]*\.(?:com|org)(?![\w.])|dail(?:y|ies)"),
    ("share", r"\d[\d.,]*\s*(?:%|percent)|(?:[\w-]+\s+)?groups"),
    ("anything", r"\w+(?=\s+lies)|(?:one|\d+)\s+in\s+(?:three|\d+)"),
    ("opening", r"^\W*pass"),
    ("after_the", r"(?<=\bthe\s)(?:[\w-]+\s+)?ministers"),
    ("cut", r"decline"),  # after "refusal": never the first to match
]

WORD_TEXTS = [
    "",
    "pass: no comment, she would decline; they declined and refused",
    "  pass",
    "see example.com or news-site.org. and the daily dailies, ex.com.au",
    "40% of groups, 12.5 percent, aid groups and one in three, 2 in 10",
    "he lies; everyone lies; the foreign ministers and the ministers met",
    "undecline no-comment non comment nocomment; “no comment” (declined)",
    "Ⅻ٣ in ٤ groups; ٥٠ percent",  # digits and numerals of other scripts
    "bypass pass- -pass the-ministers lies",
]


@pytest.mark.parametrize("text", WORD_TEXTS)
def test_word_scan_finds_what_the_whole_pattern_does(text: str) -> None:
    scan = WordAlternation(WORD_RULES)
    assert scan.pattern == (r"(?<![\w])(?:" + "|".join(
        f"(?P<{name}>{source})" for name, source in WORD_RULES) + r")(?![\w])")
    for words in (text, text.upper(), text.replace(" ", "-"), text.replace(" ", "\n")):
        assert found(scan.finditer(words)) == found(scan.compiled.finditer(words))
        hyphen = WordAlternation(WORD_RULES, r"\w-")
        assert found(hyphen.finditer(words)) == found(hyphen.compiled.finditer(words))


def test_word_scan_reads_each_rule_part() -> None:
    scan = WordAlternation(WORD_RULES)
    # the refusal's starts, its group's alternatives split; the domain's first characters
    assert set(scan._starts[0]) == {"no", "would", "decline", "refuse"}  # "not": "no"
    assert [chars for chars, _ in scan._chars[1]] == ["0123456789abcdefghijklmnopqrstuvwxyz"]
    assert scan._always == frozenset({3})  # "\w+(?=...)": no start, no word known
    # "groups" is known by its words only; "\d...%" opens with a digit (of any script),
    # held back by its gate ("%"/"percent")
    assert len(scan._gates[2]) == 1
    assert [chars for chars, _ in scan._chars[2]] == [DIGITS]
    assert found(scan.finditer("٥٠ percent and 7% x")) == [
        ((0, 10), "share", "٥٠ percent"), ((15, 17), "share", "7%")]
    assert found(scan.finditer("the daily said no comment")) == [
        ((4, 9), "domain", "daily"), ((15, 25), "refusal", "no comment")]
    assert scan.match("decline") is not None and scan.match("x") is None
    assert scan.fullmatch("no comment") is not None
    assert scan.search("a decline") is not None
    assert scan._by_word  # the words met, kept for the next text
    scan.forget()
    assert not scan._by_word
    assert found(scan.finditer("the daily said no comment")) == [
        ((4, 9), "domain", "daily"), ((15, 25), "refusal", "no comment")]


def test_word_scan_keeps_short_texts_and_word_orders_by_what_the_gates_admit() -> None:
    scan = WordAlternation(WORD_RULES)
    # texts whose gates admit different rules ("groups", "%", ".com" present or not), each
    # scanned twice, in turns: every time the whole pattern's matches
    texts = ["aid groups said no comment", "she would decline 40% of it",
             "see example.com, no comment", "a decline", "aid groups said no comment",
             "x" * 250 + " declined", "she would decline 40% of it"]
    for text in texts * 2:
        assert found(scan.finditer(text)) == found(scan.compiled.finditer(text))
    assert "a decline" in scan._found and "x" * 250 + " declined" not in scan._found  # long
    assert len(scan._orders) >= 3  # one per set of rules the gates let in
    scan.forget()
    assert not scan._found and not scan._orders and not scan._by_word
    assert found(scan.finditer("a decline")) == [((2, 9), "refusal", "decline")]


def test_word_scan_of_unreadable_rules_is_the_whole_pattern() -> None:
    twice = WordAlternation([("twice", r"(?P<x>ab)(?P=x)"), ("one", "c")])
    assert found(twice.finditer("abab c")) == [((0, 4), "twice", "abab"), ((5, 6), "one", "c")]
    assert twice._always == frozenset({0})
    empty = WordAlternation([("maybe", "x?"), ("deny", "deny")])
    assert found(empty.finditer("a deny x")) == found(empty.compiled.finditer("a deny x"))
    folded = WordAlternation([("deny", "deny"), ("comment", "no comment")], flags=re.IGNORECASE)
    assert found(folded.finditer("DENY it; No Comment")) == [
        ((0, 4), "deny", "DENY"), ((9, 19), "comment", "No Comment")]


@pytest.mark.parametrize("words", [
    *SPEAKERS_WORDS,
    "a senior official at the health ministry and two sources familiar with the talks",
    "the 12 ministers, an analyst at example.com, 40% of voters and local media groups",
    "state-run media, the company's lawyer and her family told the daily newspaper",
])
def test_the_descriptor_scan_finds_what_its_whole_pattern_does(words: str) -> None:
    scan = rules().descriptor_scan
    for text in (words, " ".join([words] * 3), words.title()):
        assert found(scan.finditer(text)) == found(scan.compiled.finditer(text))


def test_opening_knows_the_decimal_digits() -> None:
    assert opening(r"(?:one|\d+)\s+in", 0) == DIGITS + "o"
    assert opening(r"[\d.]x|ab", 0) == DIGITS + ".a"
    assert opening(r"\w+", 0) is None  # any word character: not known
    assert opening(r"(?i:one)", 0) is None  # case-blind: not read
    assert opening(r"x?", 0) is None  # may be empty
