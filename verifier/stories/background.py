"""Which members of a story a story verdict does not reach: background and conjecture.

A story groups the claims about one event, but around the event an article also carries
conjecture about what it may lead to ("Analysts said the fine could encourage Brussels to
open further cases") and background from another time ("In 2019, the company was fined for
..."), or describes a party ("GitHub is an open source coding site"). Confirming the event
confirms none of them, and refuting it refutes none of them either (the mayor's resignation
can be false while "Lund, 58, has faced criticism over the deal for months" stays true): a
story verdict marks the claims that state the event, its denials the opposite, and leaves
refusals, background and conjecture as they were. Pure: reads a claim's certainty and wording.
"""

from __future__ import annotations

import re

from verifier.scoring.evidence import ClaimEvidence
from verifier.stories import cues
from verifier.vocab import Certainty

#: ``cues.shift`` from which a claim is about another time or another matter.
OTHER_TIME = 2

#: A state that has held over a long span before the event: a perfect ("has faced", "have
#: been", "had drawn") with "for months", "for several years", "since 2019", "since March",
#: "over the past decade" after it. Days, weeks and a counted run of months ("prices have
#: risen for three months") stay the event's own time.
_LONG_STATE = re.compile(
    r"\b(?:has|have|had)\s+(?:long\s+|been\s+)?\w+\b.{0,120}?\b(?:"
    r"for\s+(?:(?:many|several)\s+)?months"
    r"|for\s+(?:(?:many|several|a\s+few|two|three|\d+)\s+)?(?:years|decades)"
    r"|since\s+(?:(?:early|late|mid-)\s*)?(?:(?:19|20)\d\d|January|February|March|April|May"
    r"|June|July|August|September|October|November|December)"
    r"|over\s+the\s+(?:past|last)\s+(?:(?:few|two|three|\d+)\s+)?(?:months|years|decades?))"
    r"\b", re.IGNORECASE)
#: A person profiled by age after their name ("Lund, 58," "The 58-year-old"), with a perfect
#: after it: who they are and what they have done, not the event.
_PROFILE = re.compile(
    r"^\W*(?:[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*,\s+\d{2},|The\s+\d{2}-year-old)\s+"
    r"(?:who\s+[^,]+,\s+)?(?:has|have|had)\s+(?:long\s+|been\s+)?\w+")


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
    if _PROFILE.match(text) or _LONG_STATE.search(text):
        return ("what has held for a long time (a profile or a past state): background to "
                "the event")
    return None
