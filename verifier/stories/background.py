"""Which members of a story a confirmed verdict does not confirm: background and conjecture.

A story groups the claims about one event, but around the event an article also carries
conjecture about what it may lead to ("Analysts said the fine could encourage Brussels to
open further cases") and background from another time ("In 2019, the company was fined for
..."), or describes a party ("GitHub is an open source coding site"). Confirming the event
confirms none of them. Pure: reads a claim's certainty and wording.
"""

from __future__ import annotations

from verifier.scoring.evidence import ClaimEvidence
from verifier.stories import cues
from verifier.vocab import Certainty

#: ``cues.shift`` from which a claim is about another time or another matter.
OTHER_TIME = 2


def background_reason(claim: ClaimEvidence) -> str | None:
    """Why a supporting claim is not confirmed with its story, or None when it is."""
    if claim.certainty == Certainty.POSSIBLE:
        cue = f" ('{claim.certainty_cue}')" if claim.certainty_cue else ""
        return f"a conjecture{cue}, not the event itself"
    text = claim.text[cues.subject_start(claim.text):]
    if cues.shift(text) >= OTHER_TIME:
        return "about another time or matter: background to the event"
    if cues.describes(text):
        return "a description of a party (what it is or does): background to the event"
    return None
