"""The scoring terms: each one a pure function of a story's evidence and its own parameters.

A term reads the ``StoryEvidence`` (the claims, the supporting ones, the strongest source and
the independent origins, worked out once) and its section of ``data/scoring.yaml`` (a frozen
parameter class validated by ``verifier.scoring.weights``), and returns the contributions it
makes, each a log-odds ``delta`` with the sentence and words it rests on.

Adding a term: write its parameter class and function here, add one ``Term`` to ``TERMS`` and
its section to ``scoring.yaml`` (documented there). Nothing else branches on term names.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Callable, Collection, Hashable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any, Generic, TypeVar

from verifier.memo import remembered
from verifier.scoring.corroboration import (
    Origin,
    Searcher,
    identifiable,
    not_right_after,
    pattern_gate,
    pattern_key,
    phrase_pattern,
    searched,
    statement_names,
    taken_as_one,
    unopened,
    words_apart,
)
from verifier.scoring.evidence import AttributionEvidence, ClaimEvidence, Reliability, Words
from verifier.scoring.weights import Certainties, Phrases, PriorPerLabel, Speakers
from verifier.vocab import UNATTRIBUTED, Certainty, Stance

#: Keep a probability away from 0 and 1 before taking its logit.
_EPS = 1e-6


@dataclass(frozen=True, slots=True)
class Contribution:
    """One reason: ``delta`` is its log-odds contribution to the score."""

    factor: str
    reason: str
    delta: float
    evidence: tuple[Words, ...]

    def to_dict(self) -> dict[str, object]:
        return {
            "factor": self.factor,
            "reason": self.reason,
            "delta": round(self.delta, 4),
            "evidence": [w.to_dict() for w in self.evidence],
        }


@dataclass(frozen=True, slots=True)
class StrongestSource:
    """The supporting statement with the strongest sourcing, and who stands behind it.

    ``attribution`` is ``None`` when the strongest support is the reporter's own voice.
    """

    claim: ClaimEvidence
    attribution: AttributionEvidence | None
    reliability: Reliability

    @property
    def kind(self) -> str:
        return self.attribution.speaker if self.attribution is not None else UNATTRIBUTED

    @property
    def name(self) -> str:
        """Who a reader should see: the resolved source's name, its words, or the outlet."""
        if self.attribution is None:
            return self.claim.carrier_name
        return self.attribution.source_name or self.attribution.source_text

    @property
    def words(self) -> Words:
        if self.attribution is None:
            return self.claim.sentence_words()
        a = self.attribution
        return self.claim.words(a.source_start, a.source_end, a.source_text)

    def to_dict(self) -> dict[str, object]:
        return {"kind": self.kind, "name": self.name, "words": self.words.to_dict(),
                "reliability": round(self.reliability.mean, 4)}


@dataclass(frozen=True, slots=True)
class OwnVoice:
    """The report that states the event most often as fact in its own voice: its
    statements that do (no attribution, no hedge), the share of its supporting statements
    that are hedged, and whether it stands behind the event (``own_voice`` in
    ``scoring.yaml``: enough such statements, a hedged share under the limit, and no
    statement of that report calling the event a rumour)."""

    statements: tuple[ClaimEvidence, ...]
    hedged_share: float
    stands_behind: bool
    min_statements: int
    max_hedged_share: float
    #: Of the story's supporting statements, how many a report states in its own voice
    #: (``own_statements``), and how many there are (``own_voice.by_share``).
    own_count: int = 0
    supporting_count: int = 0

    @property
    def share(self) -> float:
        """The share of the story's supporting statements that a report states in its own
        voice (0 when it has none)."""
        return self.own_count / self.supporting_count if self.supporting_count else 0.0

    def describe(self) -> str:
        if not self.statements:
            return "no report states it unattributed and unhedged, outside a rumour"
        n = len(self.statements)
        said = (f"{self.statements[0].carrier_name} states it as fact in its own voice in "
                f"{n} statement{'' if n == 1 else 's'} and hedges {self.hedged_share:.0%} of "
                "what it says of it")
        if self.stands_behind:
            return (f"{said} (at least {self.min_statements}, under "
                    f"{self.max_hedged_share:.0%}; none of its statements calls it a rumour)")
        return (f"{said}: it needs at least {self.min_statements} and under "
                f"{self.max_hedged_share:.0%}")


@dataclass(frozen=True, slots=True)
class Settlement:
    """The statement that settles the story (``status.settled_*`` in ``scoring.yaml``): in a
    report published at least ``after_days`` days after the story's first dated report, a
    party a reader can identify (or a public record: court documents) states the outcome
    unhedged with one of ``status.settled_words`` ("has confirmed", "has filed for"). What
    reports published at least ``after_days`` days before it said (rumours, denials) is
    overtaken by it."""

    claim: ClaimEvidence
    #: Who settles it: the party's name, or the record's words.
    party: str
    #: The settling words found in the statement.
    words: str
    after_days: int
    #: Every word of the settling statement (``status.same_names``, ``statement_words``;
    #: empty: it overtakes whatever came before it), and the words that name nobody.
    statement_words: frozenset[str] = frozenset()
    nameless: frozenset[str] = frozenset()

    @property
    def day(self) -> str:
        assert self.claim.published is not None
        return self.claim.published.date().isoformat()

    def overtakes(self, claim: ClaimEvidence) -> bool:
        """Whether ``claim`` came in a report published at least ``after_days`` days before
        the settling one (an undated report cannot be ordered: never) and tells of what it
        settles: with ``statement_words``, a statement naming anyone has a name among them
        (``status.same_names``: a denial "that the university was pursuing Alabama coach
        Nick Saban" is no denial of what "Brown announced his resignation" settles)."""
        assert self.claim.published is not None
        return claim.published is not None and (
            self.claim.published.date() - claim.published.date()).days >= self.after_days \
            and same_subject(claim, self.statement_words, self.nameless)


def same_subject(claim: ClaimEvidence, later: frozenset[str],
                 nameless: frozenset[str]) -> bool:
    """Whether ``claim`` may tell of what a later statement of the words ``later``
    (``statement_words``) tells of: ``claim`` names nobody outside its speakers' words
    (``statement_names``), or the later statement holds one of its names."""
    if not later:
        return True
    own = statement_names(claim, nameless)
    return not own or bool(own & later)


@dataclass(frozen=True, slots=True)
class StoryEvidence:
    """What every term reads, worked out once per assessment."""

    claims: tuple[ClaimEvidence, ...]
    supporting: tuple[ClaimEvidence, ...]
    strongest: StrongestSource | None
    origins: tuple[Origin, ...]
    own_voice: OwnVoice
    #: The origins of statements stated firmly enough for the status (none hedged as one
    #: of ``status.on_record_hedges``: a party or a report saying what could happen
    #: corroborates nothing).
    firm_origins: tuple[Origin, ...] = ()
    #: Statements that say the event did not come about or that its report was withdrawn
    #: (``denials.outcome_words``), each with the words that say so: the report carrying
    #: it denies the event in its own voice. They are not among ``supporting``.
    outcomes: tuple[tuple[ClaimEvidence, Words], ...] = ()
    #: Outlets of supporting statements that vouch for nothing of their own (they relay
    #: another source, credit a picture or received a statement), with why and their words.
    set_aside: tuple[tuple[str, str, Words], ...] = ()
    #: Words that name nobody and heads of institutions (``scoring.yaml``, ``identity``).
    nameless: frozenset[str] = frozenset()
    institutions: frozenset[str] = frozenset()
    indefinite: frozenset[str] = frozenset()
    heading_letters: int = 0
    #: Words naming a public record (``identity.record_words``).
    records: frozenset[str] = frozenset()
    #: What a body issues (``identity.issued_words``).
    issued: frozenset[str] = frozenset()
    #: Supporting statements set aside as the strongest source (``sourcing.negated_speakers``):
    #: the party's name and the negation word, in the statement.
    negated: tuple[tuple[str, Words], ...] = ()
    #: Denials read in statements holding one of ``denials.outcome_exceptions`` ("this has
    #: never happened before"): the party says the event is new, so its statement asserts
    #: it (``novel_statements``); the party's name and those words.
    novel: tuple[tuple[str, Words], ...] = ()
    #: Parties that deny the event in a statement they also assert something in, set aside
    #: there as sourcing and origins (``sourcing.denying_speakers``): name, the statement.
    deniers: tuple[tuple[str, Words], ...] = ()
    #: Denials of a detail (``denials.detail_words``: a motive, reason or purpose), by claim
    #: id, with the party's name and the words: they deny no event the story's other
    #: statements tell of, so they contest nothing and weigh nothing.
    details: Mapping[int, tuple[tuple[str, Words, str], ...]] = field(default_factory=dict)
    #: Denying statements (by claim id) a later report answers: another outlet stating the
    #: event as fact in its own voice, on the record, at least ``status.answered_after_days``
    #: days after (``verifier.scoring.score``), with that report's statement.
    answers: Mapping[int, ClaimEvidence] = field(default_factory=dict)
    #: The later statement that settles the story on the record, if any
    #: (``status.settled_words``): what came before it is overtaken.
    settled: Settlement | None = None
    #: Statements telling that the pursuit the story is about ended, in the reports of the
    #: earliest day any says so when that day is at least ``reversal.after_days`` days after
    #: the story's first dated report (``ended_pursuits``), each with the words that say so,
    #: in article order.
    reversals: tuple[tuple[ClaimEvidence, Words], ...] = ()

    def overtaken(self, claim: ClaimEvidence) -> bool:
        """Whether a settling statement came at least ``status.settled_after_days`` days
        after ``claim``'s report (``Settlement.overtakes``)."""
        return self.settled is not None and self.settled.overtakes(claim)

    def identifies(self, claim: ClaimEvidence, attribution: AttributionEvidence) -> bool:
        """A reader can tell who the source is (``corroboration.identifiable``)."""
        return identifiable(claim, attribution, self.nameless, self.institutions,
                            self.indefinite, self.heading_letters, self.records, self.issued)


# --- parameter classes (one section of scoring.yaml each) ------------------------------


@dataclass(frozen=True, slots=True)
class SourcingParams:
    """``sourcing``: the weight of the strongest sourcing label among supporting statements."""

    official: float
    named: float
    media: float
    unnamed_official: float
    unnamed: float
    unattributed: float
    #: A statement of one of these speakers holding a negation word (``own_voice``'s
    #: ``negation_words`` outside its ``affirming_phrases``) is no strongest source: it may
    #: be the party's flat denial read as its assertion (the status rule sets it aside too).
    negated_speakers: Speakers
    #: A party of one of these speakers that denies the event in a statement does not stand
    #: behind what it asserts after the denial in it ("X rejected the report, saying the
    #: leader was in good health"): its denial's reasons, no strongest source and no origin.
    denying_speakers: Speakers

    def weight(self, label: str) -> float:
        value = getattr(self, label)
        assert isinstance(value, float)
        return value


@dataclass(frozen=True, slots=True)
class ReliabilityParams:
    """``reliability``: weight x logit(the strongest source's posterior mean)."""

    weight: float
    default_prior: PriorPerLabel


@dataclass(frozen=True, slots=True)
class CorroborationParams:
    """``corroboration``: each independent origin beyond the first, up to a cap."""

    per_origin: float
    max_origins: int
    origin_speakers: Speakers
    relay_cues: Phrases
    credit_words: Phrases
    receiving_cues: Phrases
    #: 1: a report telling the story through its own anonymous sources is an origin of its
    #: own (when several reports carry it); 0: only a report stating it in its own voice is.
    anonymous_reports: int


@dataclass(frozen=True, slots=True)
class OnRecordParams:
    """``on_record``: each further distinct on-record source asserting the event."""

    per_source: float
    max_sources: int
    speakers: Speakers


@dataclass(frozen=True, slots=True)
class OwnVoiceParams:
    """``own_voice``: a report stating the event as fact in its own voice adds ``weight``
    (and corroborates it: the status rule) when at least ``min_statements`` of its
    statements do and under ``max_hedged_share`` of its supporting statements are hedged."""

    weight: float
    min_statements: int
    max_hedged_share: float
    #: 1: when a report stands behind the event, the weight times the share of the story's
    #: supporting statements stated in a report's own voice (as ``secondhand`` weighs its
    #: share): a background sentence joining or leaving the story moves it by its share,
    #: not by the whole weight. 0: the whole weight whenever a report stands behind it.
    by_share: int
    min_words: int
    doubt_words: Phrases
    #: The certainties that hedge a statement for a report's own voice: a statement stated
    #: with one of them is not the report's own voice and counts in its hedged share.
    hedges: Certainties
    #: ... as does a statement holding one of these words, which hedge the event inside a
    #: statement stated as certain ("China attentive to Ban's possible visit").
    hedge_words: Phrases
    #: A statement opening on one of these continues somebody's quotation (the guide: it
    #: takes that speaker's attribution): it is not the report's own voice.
    opening_quotes: Phrases
    #: A statement whose first word is one of these ("I", "we") is somebody speaking.
    first_person: Phrases
    #: A statement holding one of these ("are not merging", "has not replaced") may be a
    #: flat denial read as the report's assertion: it is not the report's own voice.
    negation_words: Phrases
    #: ... unless the word is part of one of these, which negate nothing of the event ("not
    #: only", "no longer", "it wasn't until Monday that").
    affirming_phrases: Phrases
    #: ... but an affirming phrase telling that a state has ended ("no longer", one of
    #: ``ending_phrases``) before a state of pursuit (one of ``pursuit_words``, perhaps after
    #: an adverb in -ly: "is no longer in discussions", "no longer actively considering")
    #: negates: the pursuit the report told of is over, so what it was to bring is not
    #: coming ("are no longer together" still affirms: the state ended is no pursuit).
    ending_phrases: Phrases
    pursuit_words: Phrases


@dataclass(frozen=True, slots=True)
class SecondhandParams:
    """``secondhand``: weight x the share of supporting statements resting only on sources
    not on the record (no identifiable ``firsthand`` speaker among those asserting them)."""

    weight: float
    firsthand: Speakers


@dataclass(frozen=True, slots=True)
class HedgingParams:
    """``hedging``: weight x the share of supporting statements stated as probable/possible."""

    probable: float
    possible: float
    #: A statement whose speaker's cue holds one of these only hints at the event ("Antigua's
    #: PM hints at early election"): it counts as stated possible, wherever certainty weighs
    #: (``hinted_statements``).
    hint_cues: Phrases
    #: A statement holding one of these tells of a promise, pledge or prediction ("Minnis
    #: made bold promises of a fixed election date", "Predicting that his party would win
    #: every seat"): what a party said would happen, stated possible as a hint is
    #: (``promised_statements``).
    promise_words: Phrases


@dataclass(frozen=True, slots=True)
class DenialsParams:
    """``denials``: each distinct party that denies the event, up to a cap; a party a reader
    cannot identify (``StoryEvidence.identifies``: no registry entry, proper name or public
    institution) weighs ``unidentified_weight`` times as much. A statement holding one of
    ``outcome_words`` ("did not materialise", "backtracked") is its report's own denial; so
    is one holding ``later_outcome_words`` ("talks came to nothing", "cleared of") in a
    report published at least ``later_after_days`` days after the story's first dated report,
    when no report before it says any of them (the event itself is no ending). With
    ``outcome_voids_report`` (1), none of the statements of a report that says so supports
    the event (0: only the statement saying so)."""

    per_party: float
    max_parties: int
    unidentified_weight: float
    outcome_words: Phrases
    later_outcome_words: Phrases
    #: Phrases inside which an outcome word tells nothing of the event ("this has never
    #: happened before": it is new, not undone).
    outcome_exceptions: Phrases
    later_after_days: int
    outcome_voids_report: int
    #: A party's denial in a report the story's settlement overtakes (``status.settled_*``:
    #: a later on-record confirmation) weighs this share of ``per_party`` (0: nothing).
    overtaken_weight: float
    #: A denial a later report answers (``StoryEvidence.answers``: another outlet stating
    #: the event as fact, or a party a reader can identify announcing it, at least
    #: ``status.answered_after_days`` days after the denial: "denied, then confirmed")
    #: weighs this share of ``per_party`` (1: all of it).
    answered_weight: float
    #: A denial whose statement holds one of these denies a motive, reason or purpose of the
    #: event ("denied that he replaced her as a means of striking out at ...", "reports that
    #: he resigned because of disagreements ... do not correspond to reality"), not the
    #: event: in a story whose other statements tell of the event, it contests nothing and
    #: weighs nothing (``detail_statements``).
    detail_words: Phrases
    #: A denial whose statement holds one of these says the event is not decided yet ("no
    #: final decisions have been made"): a refusal to say, not a denial; set aside as a
    #: detail denial is (``detail_statements``).
    pending_words: Phrases


@dataclass(frozen=True, slots=True)
class RefusalsParams:
    """``refusals``: each distinct party that declined, up to a cap; a party the story's
    supporting statements never mention (an outside party asked for comment) weighs
    ``outside_weight`` times as much."""

    per_party: float
    max_parties: int
    outside_weight: float
    #: A party's refusal holding none of ``ignorance_words`` (it declined to comment, did
    #: not respond) weighs this share of ``per_party``; one whose statement holds one (it
    #: says it does not know of the event: "was not aware of any discussions", "had not
    #: been informed") weighs all of it.
    comment_weight: float
    ignorance_words: Phrases


@dataclass(frozen=True, slots=True)
class ReversalParams:
    """``reversal``: a later report tells that the pursuit the story is about ended ("the
    two firms have terminated discussions", "it is no longer in discussions"): the story
    weighs ``weight`` once (``ended_pursuits``)."""

    weight: float
    #: The report telling so was published at least this many days after the story's first
    #: dated report (0: off).
    after_days: int
    #: At most this many words between one of ``ending_words`` and one of
    #: ``pursuit_nouns``, in either order.
    max_between: int
    #: Verbs that end, call off or put off a process ("terminated", "called off").
    ending_words: Phrases
    #: Nouns for a negotiation or what it pursues ("talks", "merger", "bid").
    pursuit_nouns: Phrases


@dataclass(frozen=True, slots=True)
class RumourParams:
    """``rumour``: each supporting statement that itself calls the event a rumour, speculation
    or unverified (up to a cap)."""

    per_statement: float
    max_statements: int
    words: Phrases
    #: A statement holding one of these tells of the rumour come true ("confirming
    #: speculation", "ending weeks of speculation"): it calls the event no rumour.
    confirmed_words: Phrases
    #: A statement in a report the story's settlement overtakes (``status.settled_*``: a
    #: later on-record confirmation) weighs this share of ``per_statement`` (0: nothing).
    overtaken_weight: float


@dataclass(frozen=True, slots=True)
class RumourWords:
    """A statement calling the event a rumour: one of ``rumour.words``, in a statement
    holding none of ``rumour.confirmed_words``."""

    words: re.Pattern[str]
    confirmed: re.Pattern[str] | None = None

    def __hash__(self) -> int:
        """Equal searchers have equal patterns, hence equal sources and flags (hashing a
        compiled pattern itself reads all its compiled code, at every ``searched``)."""
        return hash((pattern_key(self.words),
                     None if self.confirmed is None else pattern_key(self.confirmed)))

    def search(self, text: str) -> re.Match[str] | None:
        """The rumour words of ``text``, or None (none, or the rumour told as come true)."""
        found = self.words.search(text) if pattern_gate(self.words).admits(text) else None
        if found is None or (self.confirmed is not None and self.confirmed.search(text)):
            return None
        return found


def rumour_words(p: RumourParams) -> RumourWords | None:
    """``rumour.words`` with their exception, or None when the list is empty."""
    if not p.words:
        return None
    return RumourWords(phrase_pattern(p.words),
                       phrase_pattern(p.confirmed_words) if p.confirmed_words else None)


# --- the terms ---------------------------------------------------------------------------


def logit(p: float) -> float:
    p = min(max(p, _EPS), 1 - _EPS)
    return math.log(p / (1 - p))


def sourcing(ev: StoryEvidence, p: SourcingParams) -> list[Contribution]:
    aside = ""
    if ev.negated:
        shown = "; ".join(dict.fromkeys(f"{name} ('{w.words}')" for name, w in ev.negated))
        aside = (f"; not counted: {shown} (a negated statement may be a denial read as "
                 "an assertion)")
    if ev.deniers:
        shown = "; ".join(dict.fromkeys(name for name, _ in ev.deniers))
        aside += (f"; not counted: {shown} (denied the event in the same statement: what "
                  "it says there is no sourcing for it)")
    if ev.strongest is None:
        if not aside:
            return []
        return [Contribution("sourcing", f"no supporting statement names a source{aside}",
                             0.0, tuple(w for _, w in (*ev.negated, *ev.deniers))[:3])]
    strongest = ev.strongest
    if strongest.attribution is None:
        who = f"the reporter's own voice ({strongest.claim.carrier_name})"
    else:
        who = f"{strongest.kind.replace('_', ' ')} source: {strongest.attribution.source_text}"
    return [Contribution("sourcing", f"strongest sourcing is {who}{aside}",
                         p.weight(strongest.kind), (strongest.words,))]


def reliability(ev: StoryEvidence, p: ReliabilityParams) -> list[Contribution]:
    if ev.strongest is None:
        return []
    r = ev.strongest.reliability
    if r.learned:
        record = (f"{r.label}: reliability {r.mean:.2f} (prior {r.prior_mean:.2f}, "
                  f"then {r.verdicts_confirmed:g} confirmed, {r.verdicts_refuted:g} refuted)")
    else:
        record = f"{r.label}: reliability {r.mean:.2f} (prior only, no verdicts yet)"
    return [Contribution("reliability", record, p.weight * logit(r.mean),
                         (ev.strongest.words,))]


def corroboration(ev: StoryEvidence, p: CorroborationParams) -> list[Contribution]:
    origins = ev.origins
    extra = min(max(len(origins) - 1, 0), p.max_origins)
    names = ", ".join(o.label for o in origins)
    if not origins:
        reason = "no independent origin: only unnamed sources or the reporter's own voice"
    elif len(origins) == 1:
        reason = f"one origin only ({names}); no independent corroboration"
    else:
        reason = f"{len(origins)} independent origins: {names}"
    counted = {o.label.split(" (as ")[0] for o in origins}
    aside = [f"{label} ({why})" for label, why, _ in ev.set_aside if label not in counted]
    if aside:
        reason += "; not counted: " + ", ".join(aside)
    evidence = tuple(o.evidence for o in origins)
    return [Contribution("corroboration", reason, p.per_origin * extra, evidence)]


def party_key(attribution: AttributionEvidence) -> str:
    return attribution.source_key or " ".join(attribution.source_text.lower().split())


#: Source keys of anonymous sources (``verifier.store.party_keys``): one record per outlet or
#: per article, so two copies of one text would count one anonymous refusal twice.
_ANONYMOUS_PREFIX = "unnamed-via:"
_NAME_WORD = re.compile(r"[A-Z][\w-]+")
_WORDS = re.compile(r"[^\W\d_]+")


def refusing_party(claim: ClaimEvidence, attribution: AttributionEvidence) -> str:
    """Who refused, counted once: the resolved party, or for anonymous sources the report
    that carried them (copies of one text share one carrier): a reader cannot tell one
    report's "a spokesperson" from its "officials", so however many of its statements tell
    of a refusal by someone unnamed, they are one party. Words naming nobody the analyser
    took for a speaker (no key) stay apart by their words."""
    key = attribution.source_key
    if key is None:
        return f"{claim.carrier}|{' '.join(attribution.source_text.lower().split())}"
    if key.startswith(_ANONYMOUS_PREFIX):
        return f"{claim.carrier}|{_ANONYMOUS_PREFIX}"
    return key


def outside_party(attribution: AttributionEvidence, supporting: Sequence[ClaimEvidence],
                  said: str | None = None) -> bool:
    """A party the supporting statements never name (none of its proper-name words occur
    in them): its silence says less about the event. Anonymous sources are never outside.
    ``said``: the statements' text joined and lower-cased, when the caller has it."""
    key = attribution.source_key or ""
    if key.startswith(_ANONYMOUS_PREFIX) or not supporting:
        return False
    name = attribution.source_name or attribution.source_text
    words = {w.lower().removesuffix("'s").removesuffix("’s") for w in _NAME_WORD.findall(name)}
    if not words:
        return False
    if said is None:
        said = " ".join(c.text for c in supporting).lower()
    return not any(_starts_a_word(w, said) for w in words)


def _starts_a_word(word: str, text: str) -> bool:
    """Whether ``word`` (opening on a letter) occurs in ``text`` at the start of a word, as a
    word boundary followed by the word would match (a word character is alphanumeric or
    ``_``, as for ``re``), by ``str.find``: several times faster on a large story's statements
    than the pattern, which is tried at every position."""
    at = text.find(word)
    while at >= 0:
        if at == 0 or not (text[at - 1].isalnum() or text[at - 1] == "_"):
            return True
        at = text.find(word, at + 1)
    return False


def on_record(ev: StoryEvidence, p: OnRecordParams) -> list[Contribution]:
    if not p.per_source:
        return []  # off: corroboration counts each on-record party as an origin already
    strongest = ev.strongest
    skip = party_key(strongest.attribution) if strongest and strongest.attribution else None
    found: dict[str, Words] = {}
    for claim in ev.supporting:
        for a in claim.asserting:
            key = party_key(a)
            if (a.speaker in p.speakers and key != skip and key not in found
                    and ev.identifies(claim, a)):
                found[key] = claim.words(a.source_start, a.source_end, a.source_text)
    if not found:
        return []
    count = min(len(found), p.max_sources)
    names = ", ".join(w.words for w in found.values())
    return [Contribution("on_record", f"{len(found)} more on-record source(s) assert it: {names}",
                         p.per_source * count, tuple(found.values()))]


def rumour(ev: StoryEvidence, p: RumourParams) -> list[Contribution]:
    """Statements asserting the event that call it a rumour, speculation or unverified:
    however many outlets repeat it, it is not yet established. Copies of one report (one
    carrier) saying the same words count once."""
    pattern = rumour_words(p)
    if pattern is None:
        return []
    found: list[tuple[Words, bool]] = []
    seen: set[tuple[str, str]] = set()
    for claim in ev.supporting:
        match = searched(pattern, claim.text)
        if match is None:
            continue
        said = (claim.carrier, " ".join(_WORDS.findall(claim.text.lower())))
        if said not in seen:  # copies of one report say it once
            seen.add(said)
            found.append((claim.words(claim.start + match.start(),
                                      claim.start + match.end(), match.group(0)),
                          ev.overtaken(claim)))
    if not found:
        return []
    # the statements a later settlement overtakes count last, so the cap keeps the others
    found.sort(key=lambda f: f[1])
    counted = found[: p.max_statements]
    delta = sum(p.per_statement * (p.overtaken_weight if late else 1.0)
                for _, late in counted)
    words = ", ".join(dict.fromkeys(f"'{w.words.lower()}'" for w, _ in found))
    verb = "statements call" if len(found) > 1 else "statement calls"
    reason = f"{len(found)} supporting {verb} it a rumour or unverified ({words})"
    overtaken = sum(late for _, late in found)
    if overtaken and ev.settled is not None:
        reason += (f"; {overtaken} of them before it was {_settled_words(ev.settled)}: "
                   f"each weighs {p.overtaken_weight:g}")
    return [Contribution("rumour", reason, delta, tuple(w for w, _ in found))]


def _settled_words(settled: Settlement) -> str:
    """How a settlement reads in a reason: "confirmed on the record by Fulham on
    2024-08-30 ('have confirmed')"."""
    return (f"settled on the record by {settled.party} on {settled.day} "
            f"('{settled.words}')")


def own_voice(supporting: Sequence[ClaimEvidence], p: OwnVoiceParams,
              rumour: Searcher | None) -> OwnVoice:
    """The report that states the event most often as fact in its own voice (reporters
    attribute or hedge what is not yet established and state in their own voice what their
    outlet stands behind). A report any of whose statements calls the event a rumour
    (``rumour``) passes it on and stands behind nothing. A fragment of fewer than
    ``min_words`` words (a list number, a caption credit) states nothing; nor does a
    statement opening on a quotation mark (``opening_quotes``) or on a word of the first
    person (``first_person``: "I'm staying"): it continues somebody's quotation. Nor does
    a statement holding one of ``negation_words`` ("the two lenders are not merging")
    outside ``affirming_phrases`` ("not only"): it may be a flat denial the analyser read as
    an assertion."""
    doubt = phrase_pattern(p.doubt_words) if p.doubt_words else None
    by_carrier: dict[str, list[ClaimEvidence]] = {}
    for claim in supporting:
        by_carrier.setdefault(claim.carrier, []).append(claim)
    best: tuple[list[ClaimEvidence], float] = ([], 0.0)
    counted = 0  # the story's statements in a report's own voice
    for claims in by_carrier.values():
        own = own_statements(claims, p, doubt)
        counted += len(own)
        if rumour is not None and any(searched(rumour, c.text) for c in claims):
            continue
        if len(own) > len(best[0]):
            best = own, hedged_share(claims, p)
    statements, share = best
    return OwnVoice(tuple(statements), share, stands_behind(statements, share, p),
                    p.min_statements, p.max_hedged_share, counted, len(supporting))


def own_statements(claims: Sequence[ClaimEvidence], p: OwnVoiceParams,
                   doubt: re.Pattern[str] | None) -> list[ClaimEvidence]:
    """The statements of ``claims`` in the report's own voice: no attribution, no hedge, at
    least ``min_words`` words, none of ``doubt`` (``doubt_words``) or of ``negation_words``,
    not continuing a quotation."""
    negation = phrase_pattern(p.negation_words) if p.negation_words else None
    affirming = affirming_pattern(p)
    return [c for c in claims if not c.attributions
            and not hedged(c, p)
            and len(_WORDS.findall(c.text)) >= p.min_words
            and (doubt is None or doubt.search(c.text) is None)
            and (negation is None or found_outside(c.text, negation, affirming) is None)
            and not c.text.lstrip().startswith(tuple(p.opening_quotes))
            and _first_word(c.text) not in p.first_person]


def denying_parties(claims: Sequence[ClaimEvidence],
                    speakers: Sequence[str]) -> tuple[tuple[str, Words], ...]:
    """The parties of ``speakers`` that deny the event in a statement and then assert
    something in it ("X rejected the report, saying the leader was in good health"), each with
    the words of its denial, once per party (``without_deniers`` sets those assertions
    aside)."""
    found: dict[str, tuple[str, Words]] = {}
    for claim in claims:
        for a in _denied_in(claim, speakers):
            found.setdefault(a.source_key or "", (
                a.source_name or a.source_text, claim.sentence_words()))
    return tuple(found.values())


def _denied_in(claim: ClaimEvidence,
               speakers: Sequence[str]) -> tuple[AttributionEvidence, ...]:
    """The assertions of ``claim`` by a party of ``speakers`` after its denial of the event
    in it ("rejected the report, saying ..."): what a party says after denying gives its
    reasons; what it says before ("X said the mayor resigned, and that it was not related
    to ...") may be the event, the denial of another part of it."""
    denying: dict[str, int] = {}
    for a in claim.attributions:
        if a.stance == Stance.DENIES and a.speaker in speakers and a.source_key:
            denying[a.source_key] = min(a.cue_start, denying.get(a.source_key, a.cue_start))
    if not denying:
        return ()
    return tuple(a for a in claim.asserting
                 if a.source_key in denying and a.cue_start > denying[a.source_key])


def without_deniers(claims: Sequence[ClaimEvidence],
                    speakers: Sequence[str]) -> tuple[ClaimEvidence, ...]:
    """The claims without the assertions of a party of ``speakers`` after its denial of the
    event in the same statement (``_denied_in``): its reasons, not the event's sourcing. A
    statement only such a party asserted is left out (it is not the reporter's own voice).
    Parties are told apart by their keys, so anonymous sources (one key per outlet) are
    left out of ``speakers``; a party that denies in one statement and asserts in another
    (it may have changed its word: "the letter has now been received") keeps those."""
    if not speakers:
        return tuple(claims)
    kept: list[ClaimEvidence] = []
    for claim in claims:
        dropped = _denied_in(claim, speakers)
        if not dropped:
            kept.append(claim)
        elif len(dropped) < len(claim.asserting):
            kept.append(replace(claim, attributions=tuple(
                a for a in claim.attributions if a not in dropped)))
    return tuple(kept)


def negated_statements(supporting: Sequence[ClaimEvidence], speakers: Sequence[str],
                       p: OwnVoiceParams) -> tuple[tuple[ClaimEvidence, str, Words], ...]:
    """The supporting statements a party of ``speakers`` asserts holding one of
    ``p.negation_words`` outside ``p.affirming_phrases`` ("but no, we haven't"), each with the
    party's name and the negation word: the analyser may have read the party's flat denial as
    its assertion."""
    if not speakers or not p.negation_words:
        return ()
    negation = phrase_pattern(p.negation_words)
    affirming = affirming_pattern(p)
    found = []
    for claim in supporting:
        party = next((a for a in claim.asserting if a.speaker in speakers), None)
        if party is None:
            continue
        match = found_outside(claim.text, negation, affirming)
        if match is not None:
            found.append((claim, party.source_name or party.source_text,
                          claim.words(claim.start + match.start(), claim.start + match.end(),
                                      match.group(0))))
    return tuple(found)


def affirming_pattern(p: OwnVoiceParams) -> re.Pattern[str] | None:
    """The affirming phrases of ``p`` (``phrase_pattern``), an ending phrase among them not
    before a state of pursuit (``p.pursuit_words``, perhaps after an adverb in -ly): "no
    longer together" affirms, "no longer in discussions" negates. None when there are
    none."""
    if not p.affirming_phrases:
        return None
    return _affirming_pattern(p.affirming_phrases, p.ending_phrases, p.pursuit_words)


@functools.lru_cache(maxsize=16)
def _affirming_pattern(phrases: tuple[str, ...], ending: tuple[str, ...],
                       pursuit: tuple[str, ...]) -> re.Pattern[str]:
    plain = phrase_pattern(phrases)
    if not ending or not pursuit:
        return plain
    return re.compile(rf"(?!{_ended_pursuit(ending, pursuit).pattern}){plain.pattern}",
                      re.IGNORECASE)


def ended_pursuit(p: OwnVoiceParams) -> re.Pattern[str] | None:
    """An ending phrase before a state of pursuit ("no longer in discussions", "no longer
    actively considering"; ``p.ending_phrases``, ``p.pursuit_words``), or None when either
    list is empty."""
    if not p.ending_phrases or not p.pursuit_words:
        return None
    return _ended_pursuit(p.ending_phrases, p.pursuit_words)


@functools.lru_cache(maxsize=16)
def _ended_pursuit(ending: tuple[str, ...], pursuit: tuple[str, ...]) -> re.Pattern[str]:
    ended = unopened(ending)
    states = unopened(pursuit)
    return re.compile(rf"(?<![\w'’]){ended}\s+(?:\w+ly\s+)?{states}", re.IGNORECASE)


def found_outside(text: str, words: re.Pattern[str],
             exceptions: re.Pattern[str] | None) -> re.Match[str] | None:
    """A match of ``words`` in ``text`` outside the ``exceptions`` phrases (a negation word
    outside ``own_voice.affirming_phrases``, an outcome word outside
    ``denials.outcome_exceptions``), or None. Blanking the exceptions out cannot give the
    text a word it did not hold, so a text the pattern's gate turns away is not blanked; nor
    is one the exceptions' own gate turns away (it holds none of them)."""
    if exceptions is not None:
        if _gated_without_spaces(words) and not pattern_gate(words).admits(text):
            return None
        if pattern_gate(exceptions).admits(text):
            text = exceptions.sub(lambda m: " " * len(m.group(0)), text)
    return searched(words, text)


def _gated_without_spaces(pattern: re.Pattern[str]) -> bool:
    """Whether the pattern's gate has words and none holds a space (the exceptions are blanked
    with spaces: a word without one found in the blanked text is in the text as it was).
    Kept by the pattern's source and flags (``pattern_key``)."""
    return remembered(_WITHOUT_SPACES, pattern_key(pattern), 64, _words_without_spaces, pattern)


def _words_without_spaces(pattern: re.Pattern[str]) -> bool:
    words = pattern_gate(pattern).words
    return words is not None and all(" " not in word for word, _ in words)


_WITHOUT_SPACES: dict[Hashable, bool] = {}


def hedged(claim: ClaimEvidence, p: OwnVoiceParams,
           hedges: Collection[str] | None = None) -> bool:
    """Whether ``claim`` is hedged for a report's own voice: stated with one of
    ``own_voice.hedges`` (or of ``hedges``, when given) or holding one of
    ``own_voice.hedge_words``."""
    return claim.certainty in (p.hedges if hedges is None else hedges) or (
        bool(p.hedge_words) and searched(phrase_pattern(p.hedge_words), claim.text) is not None)


def hedged_share(claims: Sequence[ClaimEvidence], p: OwnVoiceParams,
                 hedges: Collection[str] | None = None) -> float:
    """The share of ``claims`` hedged for a report's own voice (``hedged``)."""
    return sum(hedged(c, p, hedges) for c in claims) / len(claims)


def stands_behind(own: Sequence[ClaimEvidence], share: float, p: OwnVoiceParams) -> bool:
    """A report stands behind the event: at least ``min_statements`` (0: never) of its own
    voice and under ``max_hedged_share`` of what it says of the event hedged."""
    return bool(p.min_statements) and len(own) >= p.min_statements \
        and share < p.max_hedged_share


def _first_word(text: str) -> str:
    found = _WORDS.search(text)
    return found.group(0).lower() if found else ""


def own_voice_term(ev: StoryEvidence, p: OwnVoiceParams) -> list[Contribution]:
    own = ev.own_voice
    if not own.stands_behind:
        return []
    reason, delta = own.describe(), p.weight
    if p.by_share:
        delta = p.weight * own.share
        reason += (f"; {own.own_count} of the story's {own.supporting_count} supporting "
                   f"statements are stated so: {p.weight:g} x {own.own_count}/"
                   f"{own.supporting_count}")
    return [Contribution("own_voice", reason, delta,
                         tuple(c.sentence_words() for c in own.statements[:3]))]


def secondhand(ev: StoryEvidence, p: SecondhandParams) -> list[Contribution]:
    """The sourcing mix: the share of the supporting statements that rest only on sources a
    reader cannot hold to their words (anonymous sources, another outlet's report, words
    naming nobody), rather than on an identifiable party on the record or the report's own
    voice. The strongest source alone hides the mix: one official line in a story told by
    unnamed sources and relayed reports."""
    if not p.weight or not ev.supporting:
        return []
    found = []
    for claim in ev.supporting:
        asserting = claim.asserting
        if asserting and not any(a.speaker in p.firsthand and ev.identifies(claim, a)
                                 for a in asserting):
            found.append(claim.words(asserting[0].source_start, asserting[0].source_end,
                                     asserting[0].source_text))
    if not found:
        return []
    share = len(found) / len(ev.supporting)
    names = ", ".join(dict.fromkeys(f"'{w.words}'" for w in found[:4]))
    reason = (f"{len(found)} of {len(ev.supporting)} supporting statements rest only on "
              f"sources not on the record ({names}{', ...' if len(found) > 4 else ''}): "
              f"{p.weight:g} x {len(found)}/{len(ev.supporting)}")
    return [Contribution("secondhand", reason, p.weight * share, tuple(found))]


def hedging(ev: StoryEvidence, p: HedgingParams) -> list[Contribution]:
    stated = [c for c in ev.supporting if c.certainty is not None]
    weight: dict[str | None, float] = {
        Certainty.PROBABLE: p.probable, Certainty.POSSIBLE: p.possible,
    }
    hedged = [c for c in stated if c.certainty in weight]
    if not hedged:
        return []
    delta = sum(weight[c.certainty] for c in hedged) / len(stated)
    evidence = tuple(
        c.words(c.certainty_start, c.certainty_end, c.certainty_cue)
        if c.certainty_cue is not None and c.certainty_start is not None
        and c.certainty_end is not None
        else c.sentence_words()
        for c in hedged
    )
    cues = ", ".join(dict.fromkeys(f"'{w.words}'" for w in evidence))
    return [Contribution(
        "hedging", f"{len(hedged)} of {len(stated)} supporting statements are hedged ({cues})",
        delta, evidence,
    )]


def hinted_statements(claims: Sequence[ClaimEvidence], cues: Collection[str],
                      ) -> tuple[ClaimEvidence, ...]:
    """The claims with those stated certain (or with no certainty) whose asserting
    speaker's cue holds one of ``cues`` (``hedging.hint_cues``: "hints", "hinted") stated
    possible instead, the cue their hedge: a party hinting at an early election has not
    announced one (the on-record status rule and own voice pass over it as over "could",
    and it counts in the hedged share). Matched as whole words, case-blind."""
    if not cues:
        return tuple(claims)
    pattern = phrase_pattern(tuple(cues))

    def hint(claim: ClaimEvidence) -> tuple[str, int, int] | None:
        cue = next((a for a in claim.asserting if searched(pattern, a.cue_text) is not None),
                   None)
        return None if cue is None else (cue.cue_text, cue.cue_start, cue.cue_end)

    return _stated_possible(claims, hint)


def promised_statements(claims: Sequence[ClaimEvidence], words: Collection[str],
                        ) -> tuple[ClaimEvidence, ...]:
    """The claims with those stated certain (or with no certainty) that hold one of
    ``words`` (``hedging.promise_words``: "promised", "pledged", "predicting") stated
    possible instead, those words their hedge: a promise or a prediction tells of what a
    party said would happen, not that it did (the on-record status rule and own voice pass
    over it as over "could", and it counts in the hedged share). Whole words, case-blind."""
    if not words:
        return tuple(claims)
    pattern = phrase_pattern(tuple(words))

    def promise(claim: ClaimEvidence) -> tuple[str, int, int] | None:
        match = searched(pattern, claim.text)
        return None if match is None else (
            match.group(0), claim.start + match.start(), claim.start + match.end())

    return _stated_possible(claims, promise)


def _stated_possible(claims: Sequence[ClaimEvidence],
                     hedge: Callable[[ClaimEvidence], tuple[str, int, int] | None],
                     ) -> tuple[ClaimEvidence, ...]:
    """The claims, each stated certain (or with no certainty) for which ``hedge`` finds
    words (their text, start and end in the document) stated possible instead, those words
    its hedge; a claim the analyser hedged keeps its own certainty."""
    found: list[ClaimEvidence] = []
    for claim in claims:
        words = hedge(claim) if claim.certainty in (None, Certainty.CERTAIN) else None
        found.append(claim if words is None else replace(
            claim, certainty=Certainty.POSSIBLE.value, certainty_cue=words[0],
            certainty_start=words[1], certainty_end=words[2]))
    return tuple(found)


def outcome_statements(claims: Sequence[ClaimEvidence], pattern: re.Pattern[str] | None,
                       later: re.Pattern[str] | None = None,
                       after_days: int = 0, exceptions: re.Pattern[str] | None = None,
                       ) -> tuple[tuple[ClaimEvidence, Words], ...]:
    """The statements that say the event did not come about or that a report of it was
    withdrawn ("did not materialise", "backtracked": ``denials.outcome_words``), each with
    the words that say so; and, with ``later`` (``denials.later_outcome_words``: "talks came
    to nothing", "cleared of"), the statements holding one of those in a report published at
    least ``after_days`` days after the story's first dated report, when no statement of a
    report published before it holds one (a story whose event is itself an ending, "the
    board calls off the merger", says so from its first report on): told after the rumour,
    the words tell its outcome. A report without a date cannot be ordered and tells none."""
    found = []
    days: tuple[date | None, date | None] | None = None  # read once, when first needed
    for claim in claims:
        match = (found_outside(claim.text, pattern, exceptions) if pattern is not None else None)
        if match is None and later is not None and after_days and claim.published is not None:
            if days is None:
                days = _outcome_days(claims, later)
            match = _later_outcome(claim, days, later, after_days)
        if match is not None:
            found.append((claim, claim.words(claim.start + match.start(),
                                             claim.start + match.end(), match.group(0))))
    return tuple(found)


def _outcome_days(claims: Sequence[ClaimEvidence], later: re.Pattern[str],
                  ) -> tuple[date | None, date | None]:
    """The day of the first dated report of ``claims``, and the first day a dated report
    says one of the ``later`` words (None: none does). Read once for a story: read for each
    of its statements, a story of 60,000 claims took minutes to score."""
    first: date | None = None
    said: date | None = None
    for c in claims:
        if c.published is None:
            continue
        day = c.published.date()
        first = day if first is None or day < first else first
        if (said is None or day < said) and searched(later, c.text) is not None:
            said = day
    return first, said


def _later_outcome(claim: ClaimEvidence, days: tuple[date | None, date | None],
                   later: re.Pattern[str], after_days: int) -> re.Match[str] | None:
    """The ``later`` words of ``claim`` when its report came at least ``after_days`` days
    after the first dated report of its story and no report before it says any of them
    (``days``: ``_outcome_days`` of the story's claims)."""
    if claim.published is None:
        return None
    day = claim.published.date()
    first, said = days
    if first is None or (day - first).days < after_days:
        return None
    match = searched(later, claim.text)
    if match is None or (said is not None and said < day):
        return None
    return match


def outcome_denier(claim: ClaimEvidence, words: Words) -> str:
    """How a report denying the event in its own words is named ("The Herald, which says
    'did not materialise'"), in the denials term and the status alike."""
    return f"{claim.carrier_name}, which says '{words.words}'"


def denials(ev: StoryEvidence, p: DenialsParams) -> list[Contribution]:
    """Each distinct party that denies or contradicts the event. Whoever a reader cannot
    identify ("sources close to", words the analyser took for a speaker) weighs less: an
    anonymous denial is as hard to check as an anonymous claim. A report that says in a
    statement of its own that the event did not come about ("did not materialise") or that
    a report of it was withdrawn ("backtracked") denies it (the guide: a flat statement
    that the event did not happen is a denial), once per report (copies share one). A
    denial a later report answers (``StoryEvidence.answers``: "denied, then confirmed")
    weighs ``answered_weight`` of it, the line naming the answering report's words."""
    aside = ""
    found, overtaken, answered, answer_of = _denying_parties(ev, p)
    if overtaken and ev.settled is not None:
        shown = "; ".join(dict.fromkeys(name for name, _, _ in overtaken.values()))
        aside += (f"; overtaken: {shown} (denied before it was "
                  f"{_settled_words(ev.settled)}: weighs {p.overtaken_weight:g})")
    if answered:
        aside += f"; answered by a later report (weighs {p.answered_weight:g}): " + \
            _answered_reasons([(name, *answer_of[key]) for key, (name, _, _) in answered.items()])
    if ev.novel:
        shown = "; ".join(dict.fromkeys(f"{name} ('{w.words}')" for name, w in ev.novel))
        aside += f"; not counted: {shown} (says the event is new, not that it did not happen)"
    details = [d for ds in ev.details.values() for d in ds]
    if details:
        aside += "; not counted: " + detail_reasons(details)
    if not found and not overtaken and not answered:
        if not aside:
            return []
        return [Contribution("denials", f"no party denied it{aside}", 0.0,
                             tuple(w for _, w in ev.novel[:3])
                             + tuple(w for _, w, _ in details[:3]))]
    # standing denials first, then overtaken, then answered ones, up to ``max_parties`` in
    # all; in each, identified parties first, so the cap keeps them
    delta: float = 0
    room = p.max_parties
    for parties, share in ((found, 1.0), (overtaken, p.overtaken_weight),
                           (answered, p.answered_weight)):
        counted = sorted(parties.values(), key=lambda f: not f[2])[:room]
        delta += sum(p.per_party * share * (1.0 if known else p.unidentified_weight)
                     for _, _, known in counted)
        room -= len(counted)
    if not found:
        whole = "" if delta == 0 else " in full"
        return [Contribution("denials", f"no denial stands{whole}{aside}", delta,
                             tuple(w for _, w, _ in overtaken.values())
                             + tuple(w for _, w, _ in answered.values())
                             + tuple(answer_of[k][1].sentence_words() for k in answered)[:1])]
    names = "; ".join(name if known else
                      f"{name} (not identifiable: weighs {p.unidentified_weight:g})"
                      for name, _, known in found.values())
    reason = (f"{len(found)} {'party' if len(found) == 1 else 'parties'} denied it: "
              f"{names}{aside}")
    return [Contribution("denials", reason, delta, tuple(w for _, w, _ in found.values())
                         + tuple(w for _, w, _ in answered.values()))]


#: A denying party: its name, the words of its denial, whether a reader can identify it.
_Party = tuple[str, Words, bool]


def _denying_parties(ev: StoryEvidence, p: DenialsParams) -> tuple[
        dict[str, _Party], dict[str, _Party], dict[str, _Party],
        dict[str, tuple[ClaimEvidence, ClaimEvidence]]]:
    """The parties that deny the event for ``denials``, by party key, in three piles: those
    whose denial stands (with each report that says the event did not come about), those a
    settled event overtook (``ev.overtaken``, when ``overtaken_weight`` is below 1) and those
    a later report answers (``ev.answers``, when ``answered_weight`` is below 1; the last
    pile maps each to its denial and the answer). A party is in the first pile that holds
    it, under its first identified denial (else its first)."""
    found: dict[str, _Party] = {}
    overtaken: dict[str, _Party] = {}
    answered: dict[str, _Party] = {}
    answer_of: dict[str, tuple[ClaimEvidence, ClaimEvidence]] = {}
    texts: dict[str, list[str]] = {}  # the words each party's denials name it by
    for claim in ev.claims:
        if claim.claim_id in ev.details:
            continue
        for a in claim.attributions:
            if a.stance == Stance.DENIES:
                key = party_key(a)
                texts.setdefault(key, []).append(a.source_text)
                known = ev.identifies(claim, a)
                words = claim.words(a.cue_start, a.cue_end, a.cue_text)
                into = (overtaken if ev.overtaken(claim) and p.overtaken_weight < 1
                        else answered if claim.claim_id in ev.answers and p.answered_weight < 1
                        else found)
                if key not in into or (known and not into[key][2]):
                    into[key] = (a.source_name or a.source_text, words, known)
                    if into is answered:
                        answer_of[key] = (claim, ev.answers[claim.claim_id])
    for parties in (found, overtaken, answered):  # which words were taken for each party
        for key, (name, words, known) in parties.items():  # ("Voltaro (as 'The company')")
            parties[key] = (taken_as_one(name, texts[key]), words, known)
    for claim, words in ev.outcomes:
        found.setdefault(f"report:{claim.carrier}", (outcome_denier(claim, words), words, True))
    overtaken = {k: v for k, v in overtaken.items() if k not in found}
    answered = {k: v for k, v in answered.items() if k not in found and k not in overtaken}
    return found, overtaken, answered, answer_of


def _answered_reasons(answered: Sequence[tuple[str, ClaimEvidence, ClaimEvidence]]) -> str:
    """The answered denials as a reader checks them, by the statement answering them: who
    denied it where, then which report stated it, and its words."""
    by_answer: dict[int, list[tuple[str, ClaimEvidence]]] = {}
    said: dict[int, ClaimEvidence] = {}
    for name, denial, answer in answered:
        by_answer.setdefault(answer.claim_id, []).append((name, denial))
        said[answer.claim_id] = answer
    return "; ".join(
        ", ".join(dict.fromkeys(f"{name} denied it in {_report_day(denial)}"
                                for name, denial in denials))
        + f", then {_report_day(said[cid])} reported it: '{said[cid].text}'"
        for cid, denials in by_answer.items())


def _report_day(claim: ClaimEvidence) -> str:
    """A report as a reader finds it: its name and publication date."""
    day = claim.published.date().isoformat() if claim.published is not None else "no date"
    return f"{claim.carrier_name} ({day})"


DETAIL = "denies a motive, reason or purpose, not the event the story's other statements tell of"
PENDING = "says it is not decided yet: a refusal to say, not a denial"


def detail_reasons(details: Sequence[tuple[str, Words, str]]) -> str:
    """The set-aside denials as a reader checks them: each party with its words and why."""
    return "; ".join(dict.fromkeys(f"{name} ('{w.words}': {why})" for name, w, why in details))


def detail_statements(claims: Sequence[ClaimEvidence], supporting: Sequence[ClaimEvidence],
                      pattern: re.Pattern[str] | None, pending: re.Pattern[str] | None = None,
                      ) -> dict[int, tuple[tuple[str, Words, str], ...]]:
    """The denials that deny a detail of the event, not the event (``denials.detail_words``:
    "denied that he replaced her as a means of striking out at his rival", "reports that
    he resigned because of disagreements with the President do not correspond to
    reality"), by claim id, each with its parties' names and the words: a denying statement
    holding one of ``pattern``, in a story holding another supporting statement that denies
    nothing (the story tells of the event apart from the denial; a story told only by the
    denial may be the detail itself, and the denial stands). With ``pending``
    (``denials.pending_words``: "no final decisions have been made"), the same for a denial
    saying the event is not decided yet: a refusal to say, not a denial."""
    found: dict[int, tuple[tuple[str, Words, str], ...]] = {}
    for claim in claims:
        deniers = [a for a in claim.attributions if a.stance == Stance.DENIES]
        if not deniers:
            continue
        why, match = DETAIL, None
        if pattern is not None:
            match = searched(pattern, claim.text)
        if match is None and pending is not None:
            why, match = PENDING, searched(pending, claim.text)
        if match is None:
            continue
        if not any(c.claim_id != claim.claim_id
                   and not any(a.stance == Stance.DENIES for a in c.attributions)
                   for c in supporting):
            continue
        words = claim.words(claim.start + match.start(), claim.start + match.end(),
                            match.group(0))
        found[claim.claim_id] = tuple((a.source_name or a.source_text, words, why)
                                      for a in deniers)
    return found


def novel_statements(claims: Sequence[ClaimEvidence], exceptions: re.Pattern[str] | None,
                     ) -> tuple[tuple[ClaimEvidence, ...], tuple[tuple[str, Words], ...]]:
    """The claims with the denials of statements holding one of ``exceptions``
    (``denials.outcome_exceptions``: "this has never happened before") read as assertions:
    the analyser reads the outcome words inside them as the party's denial, but the party
    says the event is new, not that it did not happen. Also each such party's name and the
    words, for the explanation."""
    if exceptions is None:
        return tuple(claims), ()
    out: list[ClaimEvidence] = []
    found: list[tuple[str, Words]] = []
    for claim in claims:
        match = None
        if any(a.stance == Stance.DENIES for a in claim.attributions):
            match = searched(exceptions, claim.text)
        if match is None:
            out.append(claim)
            continue
        words = claim.words(claim.start + match.start(), claim.start + match.end(),
                            match.group(0))
        found.extend((a.source_name or a.source_text, words) for a in claim.attributions
                     if a.stance == Stance.DENIES)
        out.append(replace(claim, attributions=tuple(
            replace(a, stance=Stance.ASSERTS.value) if a.stance == Stance.DENIES else a
            for a in claim.attributions)))
    return tuple(out), tuple(found)


def refusals(ev: StoryEvidence, p: RefusalsParams) -> list[Contribution]:
    """Each distinct party that declined or gave no answer (outside parties weigh less). A
    party that also asserts or denies the event has taken a side: what it declines to say
    is a detail, and its assertion or denial already counts. A refusal to comment weighs
    ``comment_weight`` of a party's weight; a party saying it does not know of the event
    (a statement of its refusals holding one of ``ignorance_words``) weighs all of it."""
    sided = {party_key(a) for claim in ev.claims for a in claim.attributions
             if a.stance in (Stance.ASSERTS, Stance.DENIES) and a.source_key is not None
             and not a.source_key.startswith(_ANONYMOUS_PREFIX)}
    found: dict[str, tuple[str, Words, bool]] = {}
    texts: dict[str, list[str]] = {}
    unaware: set[str] = set()
    ignorance = phrase_pattern(p.ignorance_words) if p.ignorance_words else None
    said = None  # the supporting statements' text, joined once (a large story's is long)
    for claim in ev.claims:
        for a in claim.attributions:
            if a.stance == Stance.DECLINES and party_key(a) not in sided:
                party = refusing_party(claim, a)
                texts.setdefault(party, []).append(a.source_text)
                if ignorance is not None and searched(ignorance, claim.text) is not None:
                    unaware.add(party)
                if party in found:
                    continue  # the first statement of a party stands for it
                if said is None:
                    said = " ".join(c.text for c in ev.supporting).lower()
                found[party] = (a.source_name or a.source_text,
                                claim.words(a.cue_start, a.cue_end, a.cue_text),
                                outside_party(a, ev.supporting, said))
    if not found:
        return []
    counted = list(found.items())[: p.max_parties]
    delta = sum(p.per_party * (p.outside_weight if outside else 1.0)
                * (1.0 if party in unaware else p.comment_weight)
                for party, (_, _, outside) in counted)
    shown = {party: taken_as_one(name, texts[party]) for party, (name, _, _) in found.items()}

    def named(party: str, outside: bool) -> str:
        notes = [] if party in unaware or p.comment_weight == 1.0 else [
            f"declined or gave no answer, says nothing of the event: weighs "
            f"{p.comment_weight:g}"]
        if party in unaware and p.ignorance_words:
            notes.append("says it does not know of the event")
        if outside:
            notes.append(f"not named in the story: weighs {p.outside_weight:g}")
        return shown[party] + (f" ({'; '.join(notes)})" if notes else "")

    names = "; ".join(named(party, outside) for party, (_, _, outside) in found.items())
    reason = (f"{len(found)} {'party' if len(found) == 1 else 'parties'} declined or gave "
              f"no answer: {names}")
    return [Contribution("refusals", reason, delta, tuple(w for _, w, _ in found.values()))]


def pursuit_ended(p: ReversalParams, ended_state: re.Pattern[str] | None
                  ) -> re.Pattern[str] | None:
    """One of ``p.ending_words`` before or after one of ``p.pursuit_nouns`` with at most
    ``p.max_between`` words between ("terminated discussions", "ended merger talks", "talks
    were called off"), or ``ended_state`` ("no longer in discussions":
    ``ended_pursuit`` of ``own_voice``); None when neither can match."""
    if not p.ending_words or not p.pursuit_nouns:
        return ended_state
    return _pursuit_ended(p.ending_words, p.pursuit_nouns, p.max_between,
                          None if ended_state is None else ended_state.pattern)


#: Words before which an ending word is a noun ("in the end", "its end").
_DETERMINERS = ("a", "an", "the", "its", "their", "his", "her", "this")
#: Words before which an ending word tells that nothing ended ("will not end").
_NEGATIONS = ("not", "never", "n't", "n’t")


@functools.lru_cache(maxsize=16)
def _pursuit_ended(ending: tuple[str, ...], nouns: tuple[str, ...], between: int,
                   state: str | None) -> re.Pattern[str]:
    verbs = unopened(ending)
    things = unopened(nouns)
    gap = words_apart(between)
    # a word after a determiner is a noun ("in the end", "by the end of the talks"); after a
    # negation nothing ended ("the talks will not end"); after "to", following the noun, it
    # is the pursuit's purpose ("peace talks to end the war", "plans to terminate")
    verb = "".join(not_right_after(d) for d in (*_DETERMINERS, *_NEGATIONS)) \
        + rf"(?<![\w'’]){verbs}"
    purpose = not_right_after("to") + verb
    # and the nouns right after it ("ended merger talks")
    found = [rf"{verb}{gap}{things}(?:\s+{things})*", rf"(?<![\w'’]){things}{gap}{purpose}"]
    if state is not None:
        found.append(state)
    return re.compile("|".join(f"(?:{f})" for f in found), re.IGNORECASE)


def ended_pursuits(claims: Sequence[ClaimEvidence], pattern: re.Pattern[str] | None,
                   after_days: int) -> tuple[tuple[ClaimEvidence, Words], ...]:
    """The statements telling that the pursuit ended (``pattern``: ``pursuit_ended``),
    stated unhedged, in the reports of the earliest day any statement of the story says so,
    when that day comes at least ``after_days`` days after the story's first dated report
    (a story whose event is itself the ending says so from its first report on), each with
    its words, in article order. A report without a date cannot be ordered and tells
    none."""
    if pattern is None or not after_days:
        return ()
    dated = [(c.published.date(), c) for c in claims if c.published is not None]
    if not dated:
        return ()
    first = min(day for day, _ in dated)
    hits: list[tuple[date, ClaimEvidence, re.Match[str]]] = []
    for day, claim in dated:
        if claim.certainty in (Certainty.PROBABLE, Certainty.POSSIBLE) or not claim.supports:
            continue
        match = searched(pattern, claim.text)
        if match is not None:
            hits.append((day, claim, match))
    if not hits:
        return ()
    earliest = min(day for day, _, _ in hits)
    if (earliest - first).days < after_days:
        return ()
    return tuple((claim, claim.words(claim.start + match.start(), claim.start + match.end(),
                                     match.group(0)))
                 for day, claim, match in hits if day == earliest)


def reversal(ev: StoryEvidence, p: ReversalParams) -> list[Contribution]:
    """A later report tells that the pursuit the story is about ended or was put off (talks
    called off, a bid or an appeal lost or withdrawn, a return postponed): ``weight``,
    once."""
    if not ev.reversals or not p.weight:
        return []
    claim, words = ev.reversals[0]
    first = min(c.published.date() for c in ev.claims if c.published is not None)
    day = claim.published.date() if claim.published is not None else first
    reports = list(dict.fromkeys(c.carrier_name for c, _ in ev.reversals))
    more = f" (and {', '.join(reports[1:])})" if len(reports) > 1 else ""
    days = (day - first).days
    reason = (f"a later report tells that the talks, bid, plan or trip ended or was put off: "
              f"{claim.carrier_name} "
              f"({day.isoformat()}, {days} day{'' if days == 1 else 's'} after the story's "
              f"first report, {first.isoformat()}){more}: '{words.words}'")
    return [Contribution("reversal", reason, p.weight, tuple(w for _, w in ev.reversals[:3]))]


# --- the registry ------------------------------------------------------------------------

Params = TypeVar("Params")


@dataclass(frozen=True, slots=True)
class Term(Generic[Params]):
    """A registered term: its ``scoring.yaml`` section, parameter class and function."""

    name: str
    params: type[Params]
    compute: Callable[[StoryEvidence, Params], Sequence[Contribution]]


TERMS: tuple[Term[Any], ...] = (
    Term("sourcing", SourcingParams, sourcing),
    Term("reliability", ReliabilityParams, reliability),
    Term("corroboration", CorroborationParams, corroboration),
    Term("on_record", OnRecordParams, on_record),
    Term("own_voice", OwnVoiceParams, own_voice_term),
    Term("secondhand", SecondhandParams, secondhand),
    Term("hedging", HedgingParams, hedging),
    Term("rumour", RumourParams, rumour),
    Term("refusals", RefusalsParams, refusals),
    Term("denials", DenialsParams, denials),
    Term("reversal", ReversalParams, reversal),
)
