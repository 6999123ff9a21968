"""An assessment works out the overtaken reports, the disputes and the denying statements of
a story once (``verifier.scoring.score._once``), not once for each of the five or six rules
that ask, and never answers one story with another's. The sentences are written for these
tests."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from tests.test_scoring import attribution, claim
from verifier.scoring import score
from verifier.scoring.evidence import ClaimEvidence
from verifier.scoring.score import assess
from verifier.scoring.weights import load_weights

W = load_weights()
ACCUSED = "Governor Ana Ruiz said the rebels shelled the depot at Marsa."
REJECTED = "The rebels rejected the claim as baseless."
OVERTAKEN = "The ministry initially denied the shelling, but now the minister confirms it."
DENIED = "The rebels denied shelling the depot."


def _story(size: int) -> list[ClaimEvidence]:
    return ([claim(1, ACCUSED, attribution(ACCUSED, "Governor Ana Ruiz", "official"))]
            + [claim(n, REJECTED) for n in range(2, size + 1)])


def _counting(monkeypatch: pytest.MonkeyPatch) -> dict[str, int]:
    calls = {"_overtaken_in": 0, "_disputes_in": 0, "_denying_in": 0}
    for name in calls:
        real: Callable[..., Any] = getattr(score, name)

        def counted(*args: Any, _real: Callable[..., Any] = real, _name: str = name) -> Any:
            calls[_name] += 1
            return _real(*args)

        monkeypatch.setattr(score, name, counted)
    return calls


def test_each_walk_is_taken_once_an_assessment(monkeypatch: pytest.MonkeyPatch) -> None:
    calls = _counting(monkeypatch)
    for size in (2, 30):
        for name in calls:
            calls[name] = 0
        assert assess(_story(size), W).status == "contested"
        assert calls == {"_overtaken_in": 1, "_disputes_in": 1, "_denying_in": 1}


def test_stories_assessed_in_turns_keep_their_own_answers() -> None:
    overtaken = [claim(1, OVERTAKEN, attribution(OVERTAKEN, "The ministry", "official",
                                                 "denies", cue="denied")),
                 claim(2, ACCUSED, attribution(ACCUSED, "Governor Ana Ruiz", "official"))]
    denied = [claim(1, ACCUSED, attribution(ACCUSED, "Governor Ana Ruiz", "official")),
              claim(2, DENIED, attribution(DENIED, "The rebels", "official", "denies",
                                           cue="denied"))]
    stories = [_story(3), overtaken, denied, _story(5)]
    alone = []
    for story in stories:
        score._KEPT.clear()
        alone.append(assess(story, W))
    in_turns = [assess(story, W) for story in stories + stories]
    assert in_turns == alone + alone
    assert {a.status for a in alone} >= {"contested"}
    assert "tells of a denial as overtaken" in alone[1].status_reason
