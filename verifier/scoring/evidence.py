"""What scoring reads: a story's claims with their sourcing, as small immutable values.

These are built from the database (``verifier.stories.evidence``) or from an analysis in memory,
and read by the pure functions of ``verifier.scoring.corroboration`` and
``verifier.scoring.score``. Offsets
are into the article text, like the analyser's spans.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from verifier.vocab import Kind, Stance

_ASSERTS = Stance.ASSERTS


@dataclass(frozen=True, slots=True)
class Reliability:
    """A source's Beta pseudo-counts: the registry prior plus the verdicts counted for it."""

    prior_confirmed: float
    prior_refuted: float
    label: str
    verdicts_confirmed: int = 0
    verdicts_refuted: int = 0

    @property
    def confirmed(self) -> float:
        return self.prior_confirmed + self.verdicts_confirmed

    @property
    def refuted(self) -> float:
        return self.prior_refuted + self.verdicts_refuted

    @property
    def mean(self) -> float:
        return self.confirmed / (self.confirmed + self.refuted)

    @property
    def prior_mean(self) -> float:
        return self.prior_confirmed / (self.prior_confirmed + self.prior_refuted)

    @property
    def learned(self) -> bool:
        """Whether any verdict has moved it from its prior."""
        return bool(self.verdicts_confirmed or self.verdicts_refuted)


@dataclass(frozen=True, slots=True)
class Words:
    """The sentence and the words a contribution rests on (offsets into the article)."""

    claim_id: int
    article_id: int
    sentence: str
    sentence_start: int
    words: str
    start: int
    end: int

    def to_dict(self) -> dict[str, object]:
        return {
            "claim_id": self.claim_id,
            "article_id": self.article_id,
            "sentence": self.sentence,
            "words": self.words,
            "start": self.start,
            "end": self.end,
        }


@dataclass(frozen=True, slots=True)
class AttributionEvidence:
    """One attribution of a claim: who (speaker), what they do (stance), and their words.

    ``source_key`` identifies the source for counting origins (a registry or sources-table
    key when resolved, else ``None``); ``reliability`` is that source's record, if known.
    """

    speaker: str
    stance: str
    source_text: str
    source_start: int
    source_end: int
    cue_text: str
    cue_start: int
    cue_end: int
    source_key: str | None = None
    source_name: str | None = None
    source_id: int | None = None
    reliability: Reliability | None = None

    @property
    def kind(self) -> str:
        """The guide's printed label."""
        if self.stance == Stance.DECLINES:
            return Kind.DECLINED.value
        if self.stance == Stance.DENIES:
            return Kind.DENIED.value
        return self.speaker


@dataclass(frozen=True, slots=True)
class ClaimEvidence:
    """One claim of a story with everything scoring needs.

    ``carrier`` identifies the report that published it: the outlet's key when known, else
    its near-duplicate cluster (``article:<id of the first copy>``); ``carrier_name`` is what a
    reader sees. ``published`` is when its article was published (None: not known; the
    status rule then cannot tell which of two reports came first), ``article_title`` the
    article's title.
    """

    claim_id: int
    article_id: int
    text: str
    start: int
    end: int
    certainty: str | None
    certainty_cue: str | None
    certainty_start: int | None
    certainty_end: int | None
    attributions: tuple[AttributionEvidence, ...]
    carrier: str
    carrier_name: str
    carrier_reliability: Reliability | None = None
    published: datetime | None = None
    article_title: str | None = None

    @property
    def asserting(self) -> tuple[AttributionEvidence, ...]:
        if not self.attributions:  # asked a dozen times a statement in an assessment
            return ()
        return tuple([a for a in self.attributions if a.stance == _ASSERTS])

    @property
    def supports(self) -> bool:
        """It asserts the event: someone asserts it, or the reporter does in their own voice."""
        return bool(self.asserting) or not self.attributions

    def words(self, start: int, end: int, text: str) -> Words:
        """``Words`` for a span of this claim's article."""
        return Words(self.claim_id, self.article_id, self.text, self.start, text, start, end)

    def sentence_words(self) -> Words:
        return self.words(self.start, self.end, self.text)
