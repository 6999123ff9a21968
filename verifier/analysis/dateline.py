"""The dateline that opens a wire story, in a module of its own: ``verifier.stories.terms``
(grouping and matching, also on the desk's read commands) needs this one pattern, not the
segmenter's lexicon and its compiled rules. Pure; imports ``re`` only."""

from __future__ import annotations

import re

_MONTHS = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
#: A dateline or label that opens a text ("LONDON, Aug 21 (Reuters) -", "BERLIN –", "NEW
#: DELHI:", "FLUSHING, Queens —", "(AP) —", "TOP STORY:"): where and by whom, not what
#: happened, and no sentence's subject. Use ``match`` at where the text opens.
DATELINE = re.compile(
    r"\W*(?:[A-Z][A-Z.'’-]+(?:\s+[A-Z][A-Z.'’-]+){0,3}"
    r"(?:,\s*[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,2})?"
    rf"(?:,?\s*{_MONTHS}\s+\d{{1,2}}\.?)?"
    r"(?:\s*\(\s*[A-Z][\w.&' -]{0,40}?\s*\))?"
    r"|\(\s*[A-Z][\w.&' -]{0,40}?\s*\))\s*(?:--|[-–—:])\s+"
)
