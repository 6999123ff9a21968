"""Where an adopted verdict came from, when that is gone.

A verdict adopted from an earlier one names its source in its evidence ("adopted from claim
53 (similar wording ...): ..."; ``verifier.stories.matching.adopt``). Verdict history is
append-only, so when claim 53's article is deleted the adopted verdict stays as it was
written; what shows it says the truth beside it: claim 53 has since been deleted, with
the article it went with, instead of leading to a claim that is no longer there. A deleted
claim's own verdicts are kept as orphaned (``verifier articles orphaned``) and are no longer
offered as an earlier verdict to match or adopt.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from verifier.store.reading import Rows
    from verifier.store.verdict_record import VerdictRecord

#: The evidence ``adopt`` writes for a verdict taken from a reviewed claim.
_ADOPTED_CLAIM = re.compile(r"^adopted from claim ([0-9]{1,18}) \(")


def adopted_claim(evidence: str) -> int | None:
    """The claim a verdict was adopted from, by the evidence ``adopt`` wrote; else None."""
    found = _ADOPTED_CLAIM.match(evidence)
    return int(found.group(1)) if found else None


def gone_claim_note(db: Session | Rows, claim_id: int) -> str | None:
    """What to say of claim ``claim_id`` when it is no longer stored (None while it is)."""
    from verifier.store.claims import existing_claim_ids
    from verifier.store.deleted import deleted_with

    if existing_claim_ids(db, [claim_id]):
        return None
    went = deleted_with(db, claim_id)
    if went is None:
        return f"claim {claim_id} is no longer stored"
    return f"claim {claim_id} has since been deleted: {went}"


def gone_sources(db: Session | Rows, verdicts: Iterable[VerdictRecord]) -> dict[int, str]:
    """verdict id -> what to say beside it, for each verdict adopted from a claim that has
    since been deleted."""
    notes: dict[int, str] = {}
    for verdict in verdicts:
        source = adopted_claim(verdict.evidence)
        if source is not None:
            note = gone_claim_note(db, source)
            if note is not None:
                notes[verdict.id] = note
    return notes
