"""bench/polnear.py's counting, on an invented article with hand-made PolNeAR-style gold."""

from __future__ import annotations

import sys
from pathlib import Path

from verifier import analyse_text

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))

import polnear

TEXT = ('"The bridge will reopen in May," the mayor said. "Traffic will be light."\n\n'
        '"We are ready," she said. "Nobody will wait long."\n\n'
        "Critics say the plan will fail.\n\nThe council met on Tuesday.")


def _span(word: str, nth: int = 0) -> polnear.Frags:
    start = -1
    for _ in range(nth + 1):
        start = TEXT.index(word, start + 1)
    return ((start, start + len(word)),)


def _article() -> polnear.Article:
    # the first quotation's Content runs over both its sentences, its Cue is in the first;
    # the second's Content is its first sentence only; "Critics say" has no annotation
    first = (_span("The bridge will reopen in May")[0], _span("Traffic will be light.")[0])
    gold = [
        polnear.GoldAttribution(_span("said"), _span("the mayor"), first),
        polnear.GoldAttribution(_span("said", 1), _span("she"), _span("We are ready")),
    ]
    art = polnear.Article("invented", TEXT, gold)
    art.sentences = analyse_text(TEXT).sentences
    return art


def test_scoped_line_sets_aside_quotations_going_on_only() -> None:
    out = polnear.result_dict(polnear.evaluate([_article()]))
    sentence = out["sentence"]
    assert (sentence["tp"], sentence["fp"], sentence["fn"]) == (2, 3, 0)
    # "Traffic will be light." lies inside the first Content span; "Nobody will wait long."
    # goes on with the second quotation, untagged; "Critics say ..." is a false positive
    assert sentence["fp_aside_in_content"] == 1
    assert sentence["fp_aside_quote_going_on"] == 1
    scoped = sentence["scoped"]
    assert (scoped["tp"], scoped["fp"], scoped["fn"]) == (2, 1, 0)
    assert scoped["p"] == round(2 / 3, 4) and scoped["r"] == 1.0
    assert "Content span" in out["scoped_rule"]


def test_mostly_inside_needs_half_of_the_words() -> None:
    content = _span("The bridge will reopen in May")
    assert polnear.mostly_inside(TEXT, _span('"The bridge will reopen'), [content])
    assert not polnear.mostly_inside(TEXT, _span("May,\" the mayor said."), [content])
    assert not polnear.mostly_inside(TEXT, _span("Critics say"), [])


def test_a_medium_told_is_set_aside_as_a_source_only() -> None:
    text = "Mayor Ana Ruiz told the Daily Courier that the bridge will reopen in May."
    cue = text.index("told")
    speaker = ((0, len("Mayor Ana Ruiz")),)
    gold = [polnear.GoldAttribution(((cue, cue + 4),), speaker,
                                    ((text.index("the bridge"), len(text) - 1),))]
    art = polnear.Article("told", text, gold)
    art.sentences = analyse_text(text).sentences
    medium = text.index("the Daily Courier")
    assert polnear.scope_sources(art) == {((medium, medium + len("the Daily Courier")),)}
    source = polnear.result_dict(polnear.evaluate([art]))["source"]
    assert (source["tp"], source["fp"]) == (1, 1)
    assert source["fp_set_aside"] == 1 and source["scoped"]["p"] == 1.0


def test_a_source_that_is_its_own_cue_is_set_aside() -> None:
    text = "The minister will reportedly resign on Friday."
    cue = text.index("reportedly")
    gold = [polnear.GoldAttribution(((cue, cue + len("reportedly")),), None,
                                    ((0, len(text) - 1),))]
    art = polnear.Article("hearsay", text, gold)
    art.sentences = analyse_text(text).sentences
    assert polnear.scope_sources(art) == {((cue, cue + len("reportedly")),)}
    source = polnear.result_dict(polnear.evaluate([art]))["source"]
    assert (source["tp"], source["fp"], source["fp_set_aside"]) == (0, 1, 1)
