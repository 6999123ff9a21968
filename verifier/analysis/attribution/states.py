"""States of mind told by someone else: the teller's claim, not the party's words.

A frame that reads a state of mind ("wants to", "intends to", "is considering", "views X as":
``FrameRule.inner_state``) attributes the sentence to the one who holds the state when
nothing else says who tells it ("The mayor wants to reopen the bridge"). Nobody hears a
state of mind but through someone, though: when the same sentence names an anonymous teller
(a source, "people familiar with the plan", a hearsay phrase such as "reportedly"), the
state is what the teller says of the party, and the party has said nothing here ("The club is
considering a move, according to people familiar with the talks": the people alone; guide
2, anything a source says is unnamed). Read after the whole article is attributed, so a
teller that stands for an earlier one ("the people said") counts with its resolved kind.
"""

from __future__ import annotations

from verifier.analysis.attribution.rules import Rules
from verifier.analysis.results import Attribution

#: The kinds of an anonymous teller.
_TELLERS = frozenset({"unnamed", "unnamed_official"})


def _frame(attribution: Attribution) -> str:
    return attribution.rule.split("+", 1)[0]


def states_told(result: list[tuple[Attribution, ...]], lexicon: Rules) -> None:
    """Drop a party's state of mind that an anonymous teller of its sentence tells (``result``
    changed in place)."""
    inner = frozenset(cue.id for cue in lexicon.cues if cue.inner_state)
    if not inner:
        return
    for index, found in enumerate(result):
        if len(found) < 2 or not any(_frame(a) in inner for a in found):
            continue
        if not any(a.speaker in _TELLERS and _frame(a) not in inner for a in found):
            continue
        result[index] = tuple(
            a for a in found
            if not (_frame(a) in inner and a.speaker not in _TELLERS and a.stance == "asserts")
        )
