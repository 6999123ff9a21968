"""The article-wide look-ups through a text's word index find what scanning the whole text
found: the index itself, the span test, and each look-up that uses them against the scan it
replaced (written out here as it was)."""

from __future__ import annotations

import random
import re

import pytest

from verifier import analyse_text
from verifier.analysis import wordindex
from verifier.analysis.analyse import default_registry
from verifier.analysis.attribution import publisher
from verifier.analysis.attribution.chooser import Article
from verifier.analysis.attribution.events import _Reports
from verifier.analysis.attribution.memory import Memory, _whole_word
from verifier.analysis.attribution.rules import rules
from verifier.analysis.results import Sentence
from verifier.analysis.segment import _line_start
from verifier.analysis.wordindex import Spans, WordIndex, word_index


@pytest.fixture(autouse=True, params=["indexed", "scanned"])
def indexed(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every test twice: with every text looked up in through its index, and with every
    text scanned (as a text shorter than ``SCAN_BELOW`` is)."""
    monkeypatch.setattr(wordindex, "SCAN_BELOW", 0 if request.param == "indexed" else 10**9)

TEXT = ("Ana Roe said the plan would pass. Roe's aide, Tom Vale, said Roes and Roe-Smith "
        "disagreed. ANA ROE, Ana Roe and ana roe met Vale; Vale Vale Vale spoke. "
        "_Roe and Roe_ and 'Roe' and Roe2 stood by. Ana  Roe ended it.\n"
        "Harbour Radio reported it; harbour radios did not. The Al-Harbour channel and "
        "al-Harbour TV agreed, as did Harbour Radio.com and Élise Dubois of Ökobank.")


def _names(text: str) -> list[str]:
    found = {m.group() for m in re.finditer(r"\w+(?:[ '’-]\w+)?", text)}
    return sorted(found | {"Vale Vale", "Roe's", "Ana  Roe", "'Roe'", "-Smith", "R"})


@pytest.mark.parametrize("name", _names(TEXT))
def test_a_whole_word_pattern_finds_what_a_scan_finds(name: str) -> None:
    index = WordIndex(TEXT)
    bounded = re.compile(rf"(?<!\w){re.escape(name)}(?!\w)")
    assert [m.span() for m in index.finditer(bounded, (name,), bounded=True)] == [
        m.span() for m in bounded.finditer(TEXT)]
    # no bound after the name: a run that only begins with it is a place to try too
    open_end = re.compile(rf"(?<![\w'’.-])(?:{re.escape(name[0].upper())}|"
                          rf"{re.escape(name[0].lower())}){re.escape(name[1:])}")
    cases = (name[0].upper() + name[1:], name[0].lower() + name[1:])
    assert [m.span() for m in index.finditer(open_end, cases, bounded=False)] == [
        m.span() for m in open_end.finditer(TEXT)]


def test_overlapping_mentions_are_found_left_to_right_as_a_scan_finds_them() -> None:
    text = "Vale Vale Vale Vale spoke"
    pattern = re.compile(r"(?<!\w)Vale Vale(?!\w)")
    found = list(WordIndex(text).finditer(pattern, ("Vale Vale",), bounded=True))
    assert [m.span() for m in found] == [(0, 9), (10, 19)]


def test_the_index_is_kept_for_the_same_text() -> None:
    text = "Ana Roe said so. " * 3
    assert WordIndex(text).scanned is (len(text) < wordindex.SCAN_BELOW)
    assert word_index(text) is word_index(text)
    assert word_index(text).starts("Roe") == [4, 21, 38]
    assert word_index(text).prefixed("Ro") == [4, 21, 38]
    assert word_index(text).starts("Ro") == []


def test_spans_answer_as_every_span_tried_would() -> None:
    rng = random.Random(30)
    for _ in range(200):
        spans = [(a, a + rng.randint(-2, 12)) for a in (rng.randint(0, 80) for _ in range(8))]
        inside = Spans(spans)
        for at in range(-3, 100):
            assert (at in inside) == any(a <= at < b for a, b in spans), (spans, at)


def test_memory_mentions_are_the_whole_words_a_search_finds() -> None:
    memory = Memory(TEXT, rules(), default_registry(), None)

    def searched(name: str) -> list[int]:  # each search going on from the last one's end
        found, at = [], TEXT.find(name)
        while at >= 0:
            found.append(at)
            at = TEXT.find(name, at + len(name))
        return found

    for name in [*_names(TEXT), "Vale Vale", "aa"]:
        for possessive in (False, True):
            whole = [at for at in searched(name)
                     if _whole_word(TEXT, at, at + len(name), possessive)]
            assert [at for at in memory._found(name)
                    if _whole_word(TEXT, at, at + len(name), possessive)] == whole, name


def _cited_before(text: str, name: str) -> bool:
    """``_cited`` as one scan of the whole text (before session 30)."""
    words = re.escape(name.strip()).replace(r"\ ", r"\s+")
    return re.search(rf"\b{words}\s+(?:reported|reports|was\s+reporting)\b"
                     rf"|(?:according\s+to|(?<=,\s)per|\bas\s+per)\s+(?:the\s+)?{words}\b"
                     rf"|\b(?:outlets|media|newspapers|broadcasters)\s+(?:including|such\s+as)"
                     rf"\s+(?:[\w.'’&-]+,?\s+){{0,6}}?{words}\b", text) is not None


CITING = [
    "The talks failed, Harbour Radio reported on Monday.",
    "The talks failed, according to the Harbour Times.",
    "The talks failed, according to  Harbour Times sources.",
    "The talks failed, per Harbour Radio.",
    "The talks failed,  per Harbour Radio.",
    "The talks failed, as per the Harbour Radio report.",
    "Outlets including the Argus, Harbour Radio and the Courier said so.",
    "Media such as Argus, Courier, Post, Herald, Star, Sun and Harbour Radio said so.",
    "Media such as Argus, Courier, Post, Herald, Star, Sun, Mail and Harbour Radio said so.",
    "newspapers including (the) Harbour Radio ran it.",
    "Harbour Radioreported nothing; Harbour Radio was reporting live.",
    "Disaccording to Harbour Radio, the vote was lost.",
    "Harbour Radio's reporters said it; the reports of Harbour Radio agree.",
    "AP reported it, the A.P. reported it, according to A.P. it was so.",
    "“Harbour Radio” reported that, according to “Harbour Radio”.",
]
OUTLETS = ["Harbour Radio", "Harbour Times", "Argus", "Courier", "AP", "A.P.", "Harbour",
           "“Harbour Radio”", " Harbour Radio ", "Radio", "the Courier", "Sun"]


@pytest.mark.parametrize("text", CITING)
def test_an_outlet_is_cited_where_the_one_scan_found_it(text: str) -> None:
    publisher._CITATIONS.clear()
    for name in OUTLETS:
        assert publisher._cited(text, name) == _cited_before(text, name), (text, name)
    joined = " ".join(CITING)
    for name in OUTLETS:
        assert publisher._cited(joined, name) == _cited_before(joined, name), name


def test_the_chooser_reads_names_across_the_article_as_the_scans_did() -> None:
    text = ("Harbour Minister Ana Roe backs the plan\n\n"
            "Harbour Minister Ana Roe said the plan would pass. Roe, a lawyer at Harbour "
            "Trust, said it was fair. Critics of Roe disagreed, said Tom Vale, an analyst at "
            "the Harbour Trust. The Harbour Trust chief executive Jane Doe said Roe was "
            "right. Vale said Roe's plan failed. Roe met Vale and Doe at the Harbour Trust.")
    analysis = analyse_text(text)
    sentences = [Sentence(s.text, s.start, s.end) for s in analysis.sentences]
    found = [tuple(s.attributions) for s in analysis.sentences]
    article = Article(text, sentences, found, default_registry())
    spoken = sorted({(a.source.start, a.source.end) for row in found for a in row})
    assert spoken
    asserting = sorted({(a.source.start, a.source.end, a.source.text, a.speaker)
                        for row in found for a in row if a.stance == "asserts"})
    for name in ("Roe", "Vale", "Doe", "Ana Roe", "Harbour Trust", "Harbour", "Trust", "Jane"):
        pattern = re.compile(rf"(?<!\w){re.escape(name)}(?!\w)")
        assert [at for at, _ in article.mentions(name)] == [
            m.start() for m in pattern.finditer(text)]
        assert article.narrated(name) == sum(
            1 for m in pattern.finditer(text) if not any(a <= m.start() < b for a, b in spoken))
        for start, end, _, _ in asserting:
            assert article.same(name, start, end) == {
                kind for a, b, words, kind in asserting
                if (a, b) != (start, end) and pattern.search(words)}
    for phrase in ("Harbour Trust", "Harbour Minister", "Jane Doe"):
        pattern = re.compile(rf"(?<![\w-]){re.escape(phrase)}(?![\w-])")
        assert article._outside_sources(phrase) == [
            m.start() for m in pattern.finditer(text)
            if not any(a <= m.start() < b for a, b in spoken)]


def test_the_rumours_holding_a_stem_are_those_in_order() -> None:
    text = "Rumours say the club will sell the stadium. The club sold its shirts. It sells."
    sentences = [Sentence(m.group(), m.start(), m.end())
                 for m in re.finditer(r"[^.]+\.", text)]
    reports = _Reports(sentences, [0, 1, 2], [0, 1, 2], frozenset({"the", "its", "will"}))
    for word in ("stadium", "club", "shirt", "nothing"):
        assert reports._holding(word) == [i for i in reports.rumours
                                          if word in reports.stems(i)]
    reports.rumours = [2]  # a new list of rumours: the index is built again
    assert reports._holding("club") == [i for i in [2] if "club" in reports.stems(i)]


@pytest.mark.parametrize("text", ["one\ntwo\r\nthree", "a\rb\nc", "no breaks at all",
                                  "\r\n\r\n", "x\r\ry\n\nz"])
def test_a_line_starts_after_its_last_break(text: str) -> None:
    for low in range(len(text)):
        for at in range(low, len(text) + 1):
            assert _line_start(text, at, low) == max(text.rfind("\n", low, at),
                                                     text.rfind("\r", low, at)) + 1


def test_an_analysis_keeps_no_index_of_its_text() -> None:
    analyse_text("Harbour Radio reported the vote. Ana Roe said it was lost, Roe added.")
    assert word_index.cache_info().currsize == 0
