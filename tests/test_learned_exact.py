"""The learned finder's fast paths give exactly what their plain forms give: Viterbi with the
five tags written out against a loop over them (same floats, same ties), and the feature rows
of sentences against the features' names looked up one by one."""

from __future__ import annotations

import random
from collections.abc import Sequence

import numpy as np
import pytest

from verifier.analysis.attribution import learned


def reference_viterbi(emissions: np.ndarray, transitions: np.ndarray,
                      forbid: Sequence[tuple[int, int]] = ()) -> tuple[list[int], float]:
    rows = [list(r) for r in emissions.tolist()]
    for i, t in forbid:
        rows[i][t] = -1e9
    table = transitions.tolist()
    score = [table[5][t] + rows[0][t] for t in range(5)]
    back = []
    for row in rows[1:]:
        ptr, new = [], []
        for t in range(5):
            best_p, best_v = 0, score[0] + table[0][t]
            for p in range(1, 5):
                v = score[p] + table[p][t]
                if v > best_v:
                    best_v, best_p = v, p
            ptr.append(best_p)
            new.append(best_v + row[t])
        back.append(ptr)
        score = new
    last = max(range(5), key=score.__getitem__)
    path = [last]
    for ptr in reversed(back):
        path.append(ptr[path[-1]])
    return path[::-1], score[last]


def test_viterbi_is_the_loop_over_tags_with_its_ties() -> None:
    rnd = random.Random(7)
    for _ in range(300):
        n = rnd.randrange(1, 14)
        # few distinct values: many ties, which go to the lower tag
        emissions = np.array([[rnd.choice([0.0, 0.5, 1.0, -1.0]) for _ in range(5)]
                              for _ in range(n)])
        transitions = np.array([[rnd.choice([0.0, 0.5, -1e9]) for _ in range(5)]
                                for _ in range(6)])
        assert learned.viterbi(emissions, transitions) == reference_viterbi(emissions,
                                                                             transitions)
        i = rnd.randrange(n)
        forbid = [(k, t) for k in range(i, min(n, i + 2)) for t in (learned.B_CUE,
                                                                     learned.I_CUE)]
        assert learned.viterbi(emissions, transitions, forbid) == reference_viterbi(
            emissions, transitions, forbid)
    assert learned.viterbi(np.zeros((0, 5)), np.zeros((6, 5))) == ([], 0.0)


SENTENCES = [
    "The minister said on Tuesday that the plan “would not work”, aides said.",
    "\"We will see,\" she told reporters, adding that talks would go on.",
    "According to officials, the ship sank; the company declined to comment.",
    "Critics say the law, which was passed in 2019, is unfair",
    "He said. She said. They said, said, said.",
]


def test_feature_rows_are_the_named_features_looked_up() -> None:
    model = learned.model()
    unknown = len(model.index)
    for _ in range(2):  # the second time from the model's memories
        for sentence in SENTENCES:
            words = [sentence[a:b] for a, b in learned.tokens(sentence)]
            flat, starts = learned._rows(model, words)
            expected: list[int] = []
            expected_starts: list[int] = []
            for names in learned.features(words, model.cue_words):
                expected_starts.append(len(expected))
                expected.extend(model.index.get(name, unknown) for name in names)
            assert (flat, starts) == (expected, expected_starts)
            assert model.emissions_of(words).tobytes() == model.emissions(
                learned.features(words, model.cue_words)).tobytes()


def reference_with_source(emissions: np.ndarray, transitions: np.ndarray) -> list[int]:
    """The best tagging with a source tag, with numpy's ``max`` and ``argmax``."""
    n = emissions.shape[0]
    step = transitions[:5]
    is_source = np.array([t in (learned.B_SRC, learned.I_SRC) for t in range(5)])
    none = np.where(is_source, -1e9, transitions[5] + emissions[0])
    seen = np.where(is_source, transitions[5] + emissions[0], -1e9)
    back = []
    for i in range(1, n):
        from_none = none[:, None] + step
        from_seen = seen[:, None] + step
        best_none, best_seen = from_none.max(axis=0), from_seen.max(axis=0)
        take_none = is_source & (best_none > best_seen)
        back.append((from_none.argmax(axis=0), from_seen.argmax(axis=0), take_none))
        none, seen = (np.where(is_source, -1e9, best_none + emissions[i]),
                      np.where(take_none, best_none, best_seen) + emissions[i])
    tag = int(seen.argmax())
    path, state_seen = [tag], True
    for ptr_none, ptr_seen, taken in reversed(back):
        prev = int(ptr_none[tag]) if (not state_seen or taken[tag]) else int(ptr_seen[tag])
        state_seen = state_seen and not taken[tag]
        path.append(prev)
        tag = prev
    return path[::-1]


def test_the_tagging_with_a_source_is_numpys_with_its_ties() -> None:
    rnd = random.Random(11)
    for _ in range(300):
        n = rnd.randrange(1, 12)
        emissions = np.array([[rnd.choice([0.0, 0.5, 1.0, -1.0]) for _ in range(5)]
                              for _ in range(n)])
        transitions = np.array([[rnd.choice([0.0, 1.0, -1e9]) for _ in range(5)]
                                for _ in range(6)])
        assert learned.viterbi_with_source(emissions, transitions) == reference_with_source(
            emissions, transitions)
    model = learned.model()
    for sentence in SENTENCES:
        words = [sentence[a:b] for a, b in learned.tokens(sentence)]
        emissions = model.emissions_of(words)
        path = learned.viterbi_with_source(emissions, model.transitions)
        assert path == reference_with_source(emissions, model.transitions)
        assert any(tag in (learned.B_SRC, learned.I_SRC) for tag in path)


def test_one_step_takes_the_best_way_into_each_tag_and_the_lower_tag_on_ties() -> None:
    # into tag 0 from tag 2 (1 + 5); into tag 1, tags 0 and 1 tie at 2: the lower, 0
    score = [1.0, 2.0, 1.0, -1e9, 0.0]
    columns = [(0.0, 0.0, 5.0, 0.0, 0.0), (1.0, 0.0, 0.0, 0.0, 0.0), (0.0,) * 5,
               (-1.0, -1.0, -1.0, -1.0, -1.0), (0.0, 0.0, 0.0, 0.0, 3.0)]
    best, back = learned._advance(score, columns, [0.5, 0.0, 0.0, 0.0, -1.0])
    assert back == [2, 0, 1, 1, 4]
    assert best == [6.5, 2.0, 2.0, 1.0, 2.0]


def test_near_cues_are_the_nearest_on_each_side_within_reach() -> None:
    low = ["the", "mayor", ",", "who", "said", "it", "twice", ",", "told", "us"]
    near = learned._near_cues(low, frozenset({"said", "told"}))
    # "the": "said" 4 to its right, across the comma
    assert near[0] == ((0, 4, "4-5", True),)
    # "who": "said" next to it; nothing to its left
    assert near[3] == ((0, 4, "1", False),)
    # "it": "told" 3 to its right across the second comma, "said" 1 to its left
    assert near[5] == ((0, 8, "3", True), (1, 4, "1", False))
    # "us": "told" 1 to its left, "said" is not the nearest
    assert near[9] == ((1, 8, "1", False),)
    far = ["said", *(["x"] * 9)]
    assert learned._near_cues(far, frozenset({"said"}))[-1] == ()
    assert learned._near_cues(far, frozenset({"said"}))[8] == ((1, 0, "6+", False),)


def test_joined_rows_are_the_pair_features_looked_up_and_remembered() -> None:
    model = learned.model()
    unknown = len(model.index)
    padded = ["<s>", "officials", "said", "</s>"]
    known: dict[tuple[str, str], tuple[int, int]] = {}
    rows = learned._joined_rows(model, known, padded, "w-1w=", "ww+1=")
    assert rows == [(model.index.get(f"w-1w={a}|{b}", unknown),
                     model.index.get(f"ww+1={a}|{b}", unknown))
                    for a, b in [("<s>", "officials"), ("officials", "said"), ("said", "</s>")]]
    assert list(known) == [("<s>", "officials"), ("officials", "said"), ("said", "</s>")]
    known["officials", "said"] = (-1, -2)  # a remembered pair is not looked up again
    assert learned._joined_rows(model, known, padded, "w-1w=", "ww+1=")[1] == (-1, -2)


def test_every_memo_table_starts_again_when_one_passes_the_limit(
        monkeypatch: pytest.MonkeyPatch) -> None:
    model = learned.model()
    learned._rows(model, ["Officials", "said", "the", "talks", "would", "resume", "."])
    memo, around, pairs, shape_pairs, near_cue, _ = model.memo
    assert memo and pairs and shape_pairs  # the sentence's rows are remembered
    monkeypatch.setattr(learned, "_MEMO_LIMIT", len(memo) - 1)
    learned._memo_ready(model)
    assert not (memo or around or pairs or shape_pairs or near_cue)  # the shape pairs too
