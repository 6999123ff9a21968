"""The learned finder's vetter (``verifier/analysis/attribution/vetter.py``) and the tagger's
forced proposals: sentences written for these tests."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from verifier import analyse_text
from verifier.analysis.attribution import learned, vetter
from verifier.analysis.attribution.vetter import Candidate, Vetter
from verifier.errors import ConfigError
from verifier.evaluation.labels import GoldSentence

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))

import train_finder

FOUND = ("The library will close for a week in May. "
         "Governor Alan Brooks bemoaned the new jobs figures at a rally in Dayton on Friday.")


@pytest.fixture
def in_force() -> Iterator[list[Vetter | None]]:
    """Put vetters in force for a test (each ``append``ed one in turn), and none after."""

    class Slot(list[Vetter | None]):
        def append(self, item: Vetter | None) -> None:
            super().append(item)
            vetter.use_vetter(item)
            learned.clear_proposal_cache()

    slot = Slot()
    yield slot
    for _ in slot:
        vetter.restore_vetter()
    learned.clear_proposal_cache()


def _model_attributions(text: str) -> list[object]:
    return [a for s in analyse_text(text).sentences for a in s.attributions
            if a.rule.startswith(learned.RULE_ID)]


def test_the_packaged_vetter_is_an_off_per_kind_gate_and_valid() -> None:
    packaged = vetter.read_vetter(learned.data_path(vetter.MODEL_FILE))
    # session 26: a per-kind gate alone (no weights; every proposal kept but the kinds shut
    # out), the tagger's own threshold as its floor; off (PolNeAR dev falls with it on)
    assert packaged.enabled is False
    assert vetter.vetter() is None  # off: the tagger's own threshold decides
    assert packaged.weights == {} and packaged.threshold == 0.0
    assert packaged.kinds == {"unnamed_official": 1.0}
    assert packaged.floor == learned.model().threshold and not packaged.forced
    assert all(vetter.known(name) for name in packaged.weights)
    assert "bench/train_finder.py" in packaged.meta["retrain"]
    assert packaged.classes["said"] == "say" and packaged.classes[":"] == "colon"


@pytest.mark.parametrize(("change", "message"), [
    ({"colour": 1}, "field 'colour': unknown"),
    ({"threshold": 1.5}, "field 'threshold'"),
    ({"forced": "yes"}, "field 'forced'"),
    ({"weights": {"cue_colour:red": 1.0}}, "unknown feature"),
    ({"weights": {"kind:": 1.0}}, "unknown feature"),
    ({"kind_thresholds": {"rumour": 0.5}}, "field 'kind_thresholds'"),
    ({"kind_thresholds": {"named": 2}}, "kind_thresholds.named"),
    ({"cue_classes": {"Say": ["said"]}}, "lower-case name"),
    ({"cue_classes": {"other": ["said"]}}, "lower-case name"),
    ({"cue_classes": {"say": []}}, "expected a list of words"),
    ({"cue_classes": {"say": ["Said"]}}, "lower-case word"),
    ({"cue_classes": {"say": ["said"], "report": ["said"]}}, "'said' is in say and report"),
])
def test_a_bad_vetter_file_is_an_error(change: dict[str, object], message: str) -> None:
    raw: dict[str, object] = {"format": 1, "enabled": True, "threshold": 0.5, "floor": 0.5,
                              "forced": False, "headlines": False, "meta": {},
                              "weights": {"bias": 0.1}}
    raw.update(change)
    with pytest.raises(ConfigError, match=message):
        vetter.parse_vetter(raw, "test.yaml")


def test_the_features_name_what_the_proposal_is() -> None:
    text = "The port authority said on Friday that the cranes were working again."
    offsets = learned.tokens(text)
    names = vetter.features(Candidate(
        text, offsets, (19, 23), (0, 18), 0.93, False, "official", "official", False, False,
        False, 1, True))
    assert {"bias", "kind:official", "score:0.9", "cue:said", "order:source_first", "gap:0",
            "src:determiner", "src_words:3", "quotes:none", "next:on", "narration",
            "at:middle", "proposals:1", "verb:other", "subject", "before:none"} == set(names)
    assert all(vetter.known(n) for n in names)
    quoted = '"We will reopen," the mayor said, adding that the repairs were done.'
    cue, source = quoted.index("adding"), quoted.index("the mayor")
    names = vetter.features(Candidate(
        quoted, learned.tokens(quoted), (cue, cue + 6), (source, source + 9), 0.4, True,
        "denied", "official", True, False, False, 2, False, headline=True))
    assert {"kind:denied", "speaker:official", "forced", "carried", "headline",
            "quotes:some", "cue:adding", "order:source_first", "gap:2-3", "prev:,",
            "proposals:2+"} <= set(names)


def test_a_vetter_rejects_or_keeps_a_proposal_and_says_why(
        in_force: list[Vetter | None]) -> None:
    assert len(_model_attributions(FOUND)) == 1  # the tagger alone finds "bemoaned"
    in_force.append(Vetter(True, 0.5, 0.55, False, {"bias": -5.0}))
    assert _model_attributions(FOUND) == []
    in_force.append(Vetter(True, 0.5, 0.55, False, {"bias": 1.0, "kind:official": 2.0}))
    (a,) = _model_attributions(FOUND)
    assert a.kind == "official" and a.cue.text == "bemoaned"  # type: ignore[attr-defined]
    reason = a.reason  # type: ignore[attr-defined]
    assert reason.startswith("model score 0.")
    assert "vetter 0.95 >= 0.50 (kind:official (+2.00))" in reason


def test_forced_proposals_are_cue_words_the_best_tagging_left_out() -> None:
    text = ("Officials at the port said on Tuesday that the cranes were working again, and "
            "they also expected more ships.")
    plain = learned.propose(text, threshold=0.0)
    forced = learned.propose(text, threshold=0.0, forced=True)
    assert [p for p in forced if not p.forced] == plain
    extra = [p for p in forced if p.forced]
    assert extra and all(p.margin < 0 and p.score < min(q.score for q in plain) for p in extra)
    assert any("expected" in text[p.cue[0]:p.cue[1]] for p in extra)
    # a floor the forced ones do not reach keeps them out
    assert [p for p in learned.propose(text, threshold=0.9, forced=True) if p.forced] == []


def test_a_forced_proposal_says_so_in_its_reason() -> None:
    proposal = learned.Proposal((0, 4), (5, 9), 0.31, ("w=said (+1.0)",), -20.0, True)
    assert proposal.reason(0.55).startswith("model score 0.31 (a cue word the best tagging")
    below = learned.Proposal((0, 4), (5, 9), 0.52, ("w=said (+1.0)",), 2.0)
    assert below.reason(0.55).startswith("model score 0.52 < 0.55")


def test_headlines_are_weighed_only_when_the_vetter_says_so(
        in_force: list[Vetter | None]) -> None:
    headline = "Intro line.\nGovernor Alan Brooks bemoaned new jobs figures"
    keep_all = {"bias": 5.0}
    in_force.append(Vetter(True, 0.5, 0.0, False, keep_all))
    assert _model_attributions(headline) == []
    in_force.append(Vetter(True, 0.5, 0.0, False, keep_all, {}, True))
    found: list[learned.Recorded] = []
    learned.recording(found)
    try:
        assert _model_attributions(headline)
    finally:
        learned.recording(None)
    assert found and all("headline" in names for _, _, _, names, _, _ in found)


def test_the_trainer_writes_a_file_the_analyser_reads(tmp_path: Path) -> None:
    path = tmp_path / "vetter.yaml"
    made = Vetter(False, 0.3, 0.55, False, {"bias": -0.2, "cue:said": 1.5, "kind:unnamed": -1.0})
    train_finder.write(path, made, {"trained": "2026-12-06", "retrain": "x"})
    assert vetter.read_vetter(path) == replace(made, meta={"trained": "2026-12-06",
                                                            "retrain": "x"})
    classes = {f"word{n}": "say" for n in range(40)} | {":": "colon", "according": "report"}
    gate = Vetter(True, 0.0, 0.55, False, {}, {}, False, classes, {"unnamed_official": 1.0})
    train_finder.write(path, gate, {"retrain": "y"})
    assert vetter.read_vetter(path) == replace(gate, meta={"retrain": "y"})
    assert max(len(line) for line in path.read_text(encoding="utf-8").splitlines()
               if not line.startswith("  retrain")) <= 100


CLASSES = {"said": "say", "told": "say", "according": "report", "denied": "reject"}


def _candidate(text: str, cue: str, source: str, **given: object) -> Candidate:
    c, s = text.index(cue), text.index(source)
    fields: dict[str, object] = {"kind": "official", "speaker": "official", "carried": False,
                                 "guessed": False, "relative": False, "proposals": 1,
                                 "narration": False}
    fields.update(given)
    return Candidate(text, learned.tokens(text), (c, c + len(cue)), (s, s + len(source)), 0.8,
                     False, **fields)  # type: ignore[arg-type]


def test_the_construction_features_read_the_sentence_not_its_words() -> None:
    closed = '"The bridge is safe," the minister told reporters on Monday.'
    names = vetter.features(_candidate(closed, "told", "the minister", how="title",
                                       before=("official",), first=True, lead=True), CLASSES)
    assert {"verb:say", "how:title", "before:official", "same_before", "quote:opens",
            "quote:closes_before", "par:first", "par:lead"} <= set(names)
    assert "subject" not in names and "quote:open" not in names
    assert all(vetter.known(n) for n in names)
    # the source opens the sentence; a quotation opened after the cue and left open
    opened = 'Union leaders denied it: "We never agreed to any of the claims'
    names = vetter.features(_candidate(opened, "denied", "Union leaders", kind="denied",
                                       before=("media",)), CLASSES)
    assert {"verb:reject", "subject", "before:media", "quote:opens_after",
            "quote:open"} <= set(names)
    assert "same_before" not in names and "par:first" not in names
    # a sentence that closes a quotation an earlier one opened; a cue word of no class
    closes = 'all of it,” the mayor insisted.'
    names = vetter.features(_candidate(closes, "insisted", "the mayor"), CLASSES)
    assert {"verb:other", "quote:closes_only", "quote:closes_before"} <= set(names)


def test_where_a_sentence_stands_in_its_paragraph() -> None:
    text = "Headline\n\nFirst line. Second line.\n\nThird\n\nFourth\n\nFifth."
    assert learned._placed(text, 0) == (True, True)
    assert learned._placed(text, text.index("First")) == (True, True)
    assert learned._placed(text, text.index("Second")) == (False, True)
    assert learned._placed(text, text.index("Fourth")) == (True, True)
    assert learned._placed(text, text.index("Fifth")) == (True, False)


def test_a_per_kind_gate_shuts_a_kind_out_and_says_nothing_else(
        in_force: list[Vetter | None]) -> None:
    in_force.append(Vetter(True, 0.0, 0.55, False, {}))
    (a,) = _model_attributions(FOUND)  # every proposal kept: the tagger's own, its reason
    assert a.kind == "official" and "vetter" not in a.reason  # type: ignore[attr-defined]
    in_force.append(Vetter(True, 0.0, 0.55, False, {}, kinds={"official": 1.0}))
    assert _model_attributions(FOUND) == []
    in_force.append(Vetter(True, 0.0, 0.55, False, {}, kinds={"unnamed_official": 1.0}))
    assert len(_model_attributions(FOUND)) == 1


def test_the_gate_shuts_out_the_kinds_seldom_right(tmp_path: Path) -> None:
    def example(s: str, kind: str, right: bool) -> train_finder.Example:
        return train_finder.Example(s, "d", 0, kind, ["bias", "kind:" + kind], right)

    examples = ([example("A", "unnamed_official", False)] * 12
                + [example("A", "unnamed_official", True)]
                + [example("A", "official", True)] * 6 + [example("A", "official", False)] * 4
                + [example("A", "named", False)] * 2)
    base = {"A": (80, 20, 30)}  # F1 .76: an addition pays above .38 right
    assert train_finder.confident_gates(examples, base, 1.64) == {"unnamed_official": 1.0}
    # two wrong of two is too few to shut a kind out; at z 0 the share itself decides
    assert train_finder.confident_gates(examples, base, 0.0) == {
        "unnamed_official": 1.0, "named": 1.0}
    assert 0.0 < train_finder.upper(1, 13, 1.64) < 0.3 and train_finder.upper(0, 0, 1.0) == 1.0


def test_tagger_targets_take_the_cue_word_nearest_the_labelled_source() -> None:
    accept = learned.model().accept_words
    gold = GoldSentence("d", 0, "The bridge will close, the port authority said on Friday.", True,
                        ("official",), ("the port authority",), "certain")
    words, tags = train_finder.tagger_targets(gold, accept, 5) or ([], [])
    tagged = {w: t for w, t in zip(words, tags, strict=True) if t != learned.O}
    assert tagged == {"the": learned.B_SRC, "port": learned.I_SRC,
                      "authority": learned.I_SRC, "said": learned.B_CUE}
    # no kind: every word O; a source named elsewhere: no target
    plain = replace(gold, kinds=(), sources=())
    assert set(train_finder.tagger_targets(plain, accept, 5)[1]) == {learned.O}  # type: ignore[index]
    elsewhere = replace(gold, sources=("the mayor",))
    assert train_finder.tagger_targets(elsewhere, accept, 5) is None
