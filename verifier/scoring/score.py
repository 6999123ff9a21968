"""Credibility with reasons: a story's (or one claim's) evidence -> a score in [0, 1].

Pure. The model is a sum of log-odds contributions, one list from each registered term of
``verifier.scoring.terms`` (weights in ``data/scoring.yaml``), each naming the sentence and
words it rests on::

    score = logistic(base + sum of every term's contributions)

The status without a verdict follows the same evidence: ``contested`` when a denial stands
against the event (a party's, or a dispute a statement tells of: ``status.dispute_*``; one
that a later on-record statement settling the story overtakes stands not:
``status.settled_*``), ``corroborated`` when such a statement settles it, with an on-record
source a reader can identify (``verifier.scoring.corroboration.identifiable``) in a statement
that neither negates (``status.on_record_negation_words``) nor calls the event a rumour, and
that does not state the party's side of a dispute (``status.on_record_contention_cues``),
several independent origins, or a report standing behind it in its own voice (the
``own_voice`` term's rule), else ``unconfirmed``; ``Assessment.status_reason`` says which rule
decided it and names the statement it rests on.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Any, TypeVar, cast

from verifier.scoring.corroboration import (
    Origin,
    Searcher,
    doubting_reports,
    independent_origins,
    not_right_after,
    outlets_set_aside,
    phrase_pattern,
    relayed,
    searched,
    statement_words,
    unopened,
    words_apart,
)
from verifier.scoring.evidence import AttributionEvidence, ClaimEvidence, Reliability, Words
from verifier.scoring.parties import fold_parties
from verifier.scoring.terms import (
    TERMS,
    Contribution,
    CorroborationParams,
    DenialsParams,
    HedgingParams,
    OnRecordParams,
    OwnVoiceParams,
    ReliabilityParams,
    ReversalParams,
    RumourParams,
    Settlement,
    SourcingParams,
    StoryEvidence,
    StrongestSource,
    denying_parties,
    detail_reasons,
    detail_statements,
    ended_pursuit,
    ended_pursuits,
    found_outside,
    hedged_share,
    hinted_statements,
    negated_statements,
    novel_statements,
    outcome_denier,
    outcome_statements,
    own_statements,
    own_voice,
    promised_statements,
    pursuit_ended,
    rumour_words,
    stands_behind,
    without_deniers,
)
from verifier.scoring.weights import Weights
from verifier.vocab import UNATTRIBUTED, Certainty, Stance, StoryStatus

T = TypeVar("T")

__all__ = ["STATUS_RULES", "Assessment", "Contribution", "StrongestSource", "assess",
           "logistic"]

#: The rules of ``scoring.yaml``'s ``status`` that decide an open status
#: (``Assessment.status_rule``), in the order they are tried: an identifiable party's denial
#: (contested), a denial every one of which a later report answers, a later statement on the
#: record settling the story (``status.settled_*``: the denials before it overtaken), an
#: on-record source, enough
#: independent origins, a source with a good record, a report's own voice (corroborated),
#: nothing that corroborates (unconfirmed), and a corroboration outweighed by what stands
#: against it (``corroborated_min_score``: unconfirmed).
DENIED, ANSWERED, ON_RECORD, ORIGINS = "denied", "answered", "on_record", "origins"
RELIABLE, OWN_VOICE, NOTHING, MIN_SCORE = "reliable", "own_voice", "nothing", "min_score"
SETTLED = "settled"
STATUS_RULES = (DENIED, ANSWERED, SETTLED, ON_RECORD, ORIGINS, RELIABLE, OWN_VOICE, NOTHING,
                MIN_SCORE)


@dataclass(frozen=True, slots=True)
class Assessment:
    """A score with the contributions that produced it, strongest first."""

    score: float
    status: str
    base: float
    contributions: tuple[Contribution, ...]
    origins: tuple[Origin, ...]
    strongest: StrongestSource | None = None
    #: Why the open status is what it is: the rule of ``scoring.yaml``'s ``status`` that
    #: decided it, with the words it rests on.
    status_reason: str = ""
    #: That rule, by name (``STATUS_RULES``).
    status_rule: str = ""

    def to_dict(self) -> dict[str, object]:
        return {
            "score": round(self.score, 4),
            "status": self.status,
            "status_reason": self.status_reason,
            "status_rule": self.status_rule,
            "base": self.base,
            "strongest_source": self.strongest.to_dict() if self.strongest else None,
            "contributions": [c.to_dict() for c in self.contributions],
            "origins": [o.to_dict() for o in self.origins],
        }


def logistic(x: float) -> float:
    """1 / (1 + e^-x), without overflow for any finite ``x``."""
    if x >= 0:
        return 1.0 / (1.0 + math.exp(-x))
    z = math.exp(x)
    return z / (1.0 + z)


def assess(claims: Sequence[ClaimEvidence], weights: Weights) -> Assessment:
    """Score the evidence of one story (or one claim) and explain the score."""
    evidence = gather(claims, weights)
    contributions = [c for term in TERMS
                     for c in term.compute(evidence, weights.sections[term.name])]
    contributions.sort(key=lambda c: -abs(c.delta))
    total = weights.base + sum(c.delta for c in contributions)
    status, rule, reason = _status(evidence, weights)
    score = logistic(total)
    least = weights.status.corroborated_min_score
    if status == StoryStatus.CORROBORATED.value and score < least:
        status, rule, reason = StoryStatus.UNCONFIRMED.value, MIN_SCORE, (
            f"{reason}; but the evidence scores {score:.2f}, under {least:.2f}: what stands "
            "against it outweighs what corroborates it")
    return Assessment(score, status, weights.base, tuple(contributions),
                      evidence.origins, evidence.strongest, reason, rule)


def _pattern(phrases: Sequence[str]) -> re.Pattern[str] | None:
    """``phrase_pattern`` of a list of words, None when the list is empty (the rule off)."""
    return phrase_pattern(phrases) if phrases else None


def gather(claims: Sequence[ClaimEvidence], weights: Weights) -> StoryEvidence:
    """What every term reads: supporting claims, the strongest source, independent origins
    (parties folded across the story's articles first: ``verifier.scoring.parties``)."""
    claims = fold_parties(claims, weights.identity)
    hedging = weights.term("hedging", HedgingParams)
    claims = hinted_statements(claims, hedging.hint_cues)
    claims = promised_statements(claims, hedging.promise_words)
    denial = weights.term("denials", DenialsParams)
    claims, novel = novel_statements(claims, _pattern(denial.outcome_exceptions))
    outcomes = outcome_statements(
        claims, _pattern(denial.outcome_words), _pattern(denial.later_outcome_words),
        denial.later_after_days, _pattern(denial.outcome_exceptions))
    ended = weights.term("reversal", ReversalParams)
    reversals = ended_pursuits(
        claims, pursuit_ended(ended, ended_pursuit(weights.term("own_voice", OwnVoiceParams))),
        ended.after_days)
    contrary = {c.claim_id for c, _ in outcomes}
    voided: dict[int, tuple[str, str, Words]] = {}
    if denial.outcome_voids_report:
        for c, words in outcomes:
            voided.setdefault(c.article_id, (
                c.carrier_name, f"says the event did not come about ('{words.words}'): none "
                "of its statements supports it", words))
        contrary |= {c.claim_id for c in claims if c.article_id in voided}
    supporting = tuple(c for c in claims if c.supports and c.claim_id not in contrary)
    corroboration = weights.term("corroboration", CorroborationParams)
    rumour_pattern = rumour_words(weights.term("rumour", RumourParams))
    doubt_words = weights.term("own_voice", OwnVoiceParams).doubt_words
    kept = [c for c in claims if c.claim_id not in contrary]
    doubted = doubting_reports(kept, _pattern(doubt_words),
                               bool(corroboration.anonymous_reports))
    negated = negated_statements(
        supporting, weights.term("sourcing", SourcingParams).negated_speakers,
        weights.term("own_voice", OwnVoiceParams))
    set_apart = {c.claim_id for c, _, _ in negated}
    speakers = weights.term("sourcing", SourcingParams).denying_speakers
    deniers = denying_parties(kept, speakers)
    nameless = frozenset(weights.identity.nameless_words)
    institutions = frozenset(weights.identity.institution_heads)
    indefinite = frozenset(weights.identity.indefinite_words)
    records = frozenset(weights.identity.record_words)
    issued = frozenset(weights.identity.issued_words)
    contention = _pattern(weights.status.on_record_contention_cues)
    auxiliaries = frozenset(weights.status.on_record_contention_auxiliaries)

    def origins(claims: Sequence[ClaimEvidence]) -> tuple[Origin, ...]:
        return independent_origins(
            claims, corroboration.origin_speakers, corroboration.relay_cues, rumour_pattern,
            nameless, institutions, indefinite, corroboration.credit_words,
            corroboration.receiving_cues, weights.identity.heading_letters, doubted, records,
            bool(corroboration.anonymous_reports), issued)

    firm = [c for c in kept if c.certainty not in weights.status.on_record_hedges
            and not _one_side(c, contention, auxiliaries)]
    every_origin = origins(without_deniers(kept, speakers))
    evidence = StoryEvidence(
        claims=tuple(claims),
        supporting=supporting,
        strongest=_strongest(without_deniers(
            [c for c in supporting if c.claim_id not in set_apart], speakers), weights),
        origins=every_origin,
        # all of them firm (a part of ``kept``, in its order): the same origins, not read again
        firm_origins=(every_origin if len(firm) == len(kept)
                      else origins(without_deniers(firm, speakers))),
        own_voice=own_voice(supporting, weights.term("own_voice", OwnVoiceParams),
                            rumour_pattern),
        outcomes=outcomes,
        reversals=reversals,
        negated=tuple((name, words) for _, name, words in negated),
        deniers=deniers,
        novel=novel,
        details=detail_statements(
            claims, supporting, _pattern(denial.detail_words), _pattern(denial.pending_words)),
        set_aside=outlets_set_aside(
            kept, corroboration.relay_cues, corroboration.credit_words,
            corroboration.receiving_cues) + tuple(
            (next(c.carrier_name for c in kept if c.carrier == carrier),
             f"tells of a denial or of what is not known: '{words.words}'", words)
            for carrier, words in doubted.items()) + tuple(voided.values()) + tuple(
            (name, "denied the event in the same statement", words)
            for name, words in deniers),
        nameless=nameless,
        institutions=institutions,
        indefinite=indefinite,
        heading_letters=weights.identity.heading_letters,
        records=records,
        issued=issued,
    )
    settled = _settlement(evidence, weights)
    if settled is not None:
        evidence = replace(evidence, settled=settled)
    answers = _answers(evidence, weights)
    return replace(evidence, answers=answers) if answers else evidence


def _settlement(evidence: StoryEvidence, weights: Weights) -> Settlement | None:
    """The earliest statement that settles the story (``status.settled_*``): in a report
    published at least ``settled_after_days`` days after the story's first dated report,
    stated unhedged (certain), holding one of ``settled_words`` and no negation
    (``status.negation_words`` outside ``denials.outcome_exceptions``), calling the event no
    rumour and telling of no denial (``own_voice.doubt_words``), asserted by a party of
    ``settled_by`` a reader can identify or by a source whose words hold one of
    ``settled_records`` (a public record: "according to court documents")."""
    rule = weights.status
    days = [c.published.date() for c in evidence.claims if c.published is not None]
    if not rule.settled_after_days or not rule.settled_words or not days:
        return None
    first = min(days)
    words = phrase_pattern(rule.settled_words)
    records = _pattern(rule.settled_records)
    exceptions = _pattern(rule.settled_exceptions)
    negation = _pattern(rule.negation_words)
    novel = weights.term("denials", DenialsParams).outcome_exceptions
    new = _pattern(novel)
    rumour = rumour_words(weights.term("rumour", RumourParams))
    doubt_words = weights.term("own_voice", OwnVoiceParams).doubt_words
    doubt = _pattern(doubt_words)
    doubting = {c.article_id for c in evidence.claims
                if doubt is not None and searched(doubt, c.text) is not None}
    found: list[tuple[date, int, Settlement]] = []
    for claim in evidence.supporting:
        if (claim.published is None or claim.article_id in doubting
                or (claim.published.date() - first).days < rule.settled_after_days
                or claim.certainty not in (None, Certainty.CERTAIN)):
            continue
        match = searched(words, claim.text)
        if match is None or (negation is not None and found_outside(
                claim.text, negation, new) is not None) or (
                rumour is not None and searched(rumour, claim.text) is not None) or (
                exceptions is not None and searched(exceptions, claim.text) is not None):
            continue
        party = next((a.source_name or a.source_text for a in claim.asserting
                      if a.speaker in rule.settled_by and evidence.identifies(claim, a)), None)
        if party is None and records is not None:
            party = next((record.group(0) for a in claim.asserting
                          if (record := searched(records, a.source_text)) is not None), None)
        if party is not None:
            names = statement_words(claim) if rule.same_names else frozenset()
            found.append((claim.published.date(), claim.claim_id, Settlement(
                claim, party, match.group(0), rule.settled_after_days, names,
                evidence.nameless)))
    if not found:
        return None
    return min(found, key=lambda f: (f[0], f[1]))[2]


def _status(evidence: StoryEvidence, weights: Weights) -> tuple[str, str, str]:
    """The open status and the rule that decided it (``scoring.yaml``: ``status``), with
    the reports whose denials tell of an earlier one overtaken (``_overtaken``)."""
    told = [(c, words) for c, words in _overtaken(evidence, weights).values()
            if any(a.stance == Stance.DENIES for d in evidence.claims
                   if d.article_id == c.article_id for a in d.attributions)]
    status, rule, reason = _open_status(evidence, weights)
    details = [d for ds in evidence.details.values() for d in ds]
    if details:
        reason += "; not counted as denials: " + detail_reasons(details)
    if told:
        reason += "; " + "; ".join(
            f"{_report(c)} tells of a denial as overtaken ('{words}'): not counted as one"
            for c, words in told)
    return status, rule, reason


def _overtaken(evidence: StoryEvidence, weights: Weights) -> dict[int, tuple[ClaimEvidence, str]]:
    """The reports telling of a denial as overtaken (``status.overtaken_words``: "the company
    initially denied it", "but now the minister confirms"), by article id, with a statement
    saying so and its words: a denial they carry tells of an earlier one, not their own."""
    return _once("overtaken", (evidence.claims, weights.status), _overtaken_in,
                 evidence, weights)


def _overtaken_in(evidence: StoryEvidence,
                  weights: Weights) -> dict[int, tuple[ClaimEvidence, str]]:
    words = weights.status.overtaken_words
    if not words:
        return {}
    pattern = phrase_pattern(words)
    found: dict[int, tuple[ClaimEvidence, str]] = {}
    for claim in evidence.claims:
        if claim.article_id not in found and (
                match := searched(pattern, claim.text)) is not None:
            found[claim.article_id] = (claim, match.group(0))
    return found


#: The last answer of each of ``_overtaken``, ``_disputes`` and ``_denying``, with the
#: objects it was worked out from (held, so their ids are not reused while kept).
_KEPT: dict[str, tuple[tuple[object, ...], Any]] = {}


def _once(name: str, inputs: tuple[object, ...], compute: Callable[..., T],
          *args: Any) -> T:
    """``compute(*args)``, answered again without working it out while ``inputs`` are the
    very objects of the last call under ``name``: an assessment asks ``_overtaken`` five or
    six times, ``_disputes`` and ``_denying`` several times, of one story's statements (each
    a walk over every statement; gather's ``replace`` keeps the statements, details and
    outcomes as they are). The answers are read, never changed, by their callers."""
    kept = _KEPT.get(name)
    if kept is not None and len(kept[0]) == len(inputs) and all(
            a is b for a, b in zip(kept[0], inputs, strict=True)):
        return cast(T, kept[1])
    value = compute(*args)
    _KEPT[name] = (inputs, value)
    return value


def _open_status(evidence: StoryEvidence, weights: Weights) -> tuple[str, str, str]:
    rule = weights.status
    found, overtaken = _denial_status(evidence, weights)
    if found is not None:
        return found
    if evidence.settled is not None:
        return StoryStatus.CORROBORATED.value, SETTLED, _settled_reason(
            evidence, evidence.settled, overtaken, weights)
    set_aside: dict[str, str] = {}
    found = _on_record_status(evidence, weights, set_aside)
    if found is not None:
        return found
    origins = evidence.firm_origins
    if len(origins) >= rule.corroborated_min_origins:
        return (StoryStatus.CORROBORATED.value, ORIGINS,
                f"{len(origins)} independent origins (at least "
                f"{rule.corroborated_min_origins}): "
                + "; ".join(f"{o.label}: '{o.evidence.sentence}'" for o in origins))
    reliable = _reliable_source(evidence, weights)
    if reliable is not None:
        return StoryStatus.CORROBORATED.value, RELIABLE, reliable
    own = evidence.own_voice
    if own.stands_behind:
        return (StoryStatus.CORROBORATED.value, OWN_VOICE,
                f"{own.describe()}: '{own.statements[0].text}'")
    aside = "; ".join(f"{name}'s statement {why}" for name, why in set_aside.items())
    return StoryStatus.UNCONFIRMED.value, NOTHING, (
        "no on-record source, fewer than "
        f"{rule.corroborated_min_origins} independent origins, and no report stating it "
        f"as fact in its own voice ({own.describe()})"
        + (f"; set aside: {aside}" if aside else "") + _resting(evidence))


def _denial_status(evidence: StoryEvidence, weights: Weights) -> tuple[
        tuple[str, str, str] | None, list[tuple[ClaimEvidence, str]]]:
    """The status the story's denials give it (corroborated when every denial was answered,
    else contested by those a later settlement does not overtake), if any; and the denials
    a settlement overtakes."""
    told = _overtaken(evidence, weights)
    denials = [(c, a.source_name or a.source_text) for c in evidence.claims
               if c.article_id not in told and c.claim_id not in evidence.details
               for a in c.attributions
               if a.stance == Stance.DENIES and evidence.identifies(c, a)]
    denials += [(c, outcome_denier(c, w)) for c, w in evidence.outcomes]
    # a dispute told in a statement no identifiable party denies in (``status.dispute_*``)
    named = {c.claim_id for c, _ in denials}
    disputes = _disputes(evidence, weights)
    denials += [(c, f"a dispute its report tells of ('{disputes[c.claim_id]}')")
                for c in evidence.claims if c.claim_id in disputes and c.claim_id not in named]
    overtaken = [(c, n) for c, n in denials if evidence.overtaken(c)]
    if denials:
        answered, note = _answered(denials, evidence, weights)
        if answered is not None:
            return (StoryStatus.CORROBORATED.value, ANSWERED, answered), overtaken
        # what a later settlement overtakes contests nothing (``status.settled_*``)
        standing = [(c, n) for c, n in denials if not evidence.overtaken(c)]
        if standing:
            if len(standing) < len(denials):
                note = _answered(standing, evidence, weights)[1]
            return ((StoryStatus.CONTESTED.value, DENIED, f"denied by {_denied(standing)}{note}"),
                    overtaken)
    return None, overtaken


def _on_record_status(evidence: StoryEvidence, weights: Weights,
                      set_aside: dict[str, str]) -> tuple[str, str, str] | None:
    """Corroborated on the record: the first supporting statement an identifiable on-record
    speaker asserts without doubt or a side of a dispute, if any; the speakers set aside on
    the way are added to ``set_aside`` with why."""
    rule = weights.status
    on_record = weights.term("on_record", OnRecordParams).speakers
    rumour = rumour_words(weights.term("rumour", RumourParams))
    negation = _pattern(rule.on_record_negation_words)
    ended = ended_pursuit(weights.term("own_voice", OwnVoiceParams))
    novel = weights.term("denials", DenialsParams).outcome_exceptions
    new = _pattern(novel)
    contention = _pattern(rule.on_record_contention_cues)
    auxiliaries = frozenset(rule.on_record_contention_auxiliaries)
    for claim in evidence.supporting:
        speakers = [a for a in claim.asserting
                    if a.speaker in on_record and evidence.identifies(claim, a)]
        if not speakers:
            continue
        doubt = _doubted(claim, rumour, negation, rule.on_record_hedges, new, ended)
        if doubt is not None:
            for a in speakers:
                set_aside.setdefault(a.source_name or a.source_text, doubt)
            continue
        sides = _contending(speakers, contention, auxiliaries)
        for a, cue in sides.items():
            set_aside.setdefault(a.source_name or a.source_text,
                                 f"states its side of a dispute ('{cue}'): '{claim.text}'")
        speakers = [a for a in speakers if a not in sides]
        if not speakers:
            continue
        a = speakers[0]
        # the statement it rests on, as the settled and answered reasons quote theirs: a
        # reader sees whether it asserts the event ("They also discussed the possibility
        # of ...") without opening the report
        return (StoryStatus.CORROBORATED.value, ON_RECORD,
                f"on the record: {a.source_name or a.source_text} asserts it in "
                f"{_report(claim)}: '{claim.text}'")
    return None


def _resting(evidence: StoryEvidence) -> str:
    """What an unconfirmed story rests on at best: its strongest supporting statement, named
    with its source's kind (or the report's own words) and its report ("; the strongest
    support: a diplomatic source (unnamed) in Gazette (2024-03-01): '...'"), or that no
    statement supports it."""
    best = evidence.strongest
    if best is None:
        return "; no statement supports it"
    who = ("its own words" if best.attribution is None
           else f"{best.name} ({best.kind})")
    return f"; the strongest support: {who} in {_report(best.claim)}: '{best.claim.text}'"


def _denied(denials: Sequence[tuple[ClaimEvidence, str]]) -> str:
    """The parties denying the event, each with the first statement of its denial and the
    report that carries it: "Harwick Rail in Courier (2024-03-01): '...'"."""
    first: dict[str, ClaimEvidence] = {}
    for claim, name in denials:
        first.setdefault(name, claim)
    return "; ".join(f"{name} in {_report(c)}: '{c.text}'" for name, c in first.items())


def _settled_reason(evidence: StoryEvidence, settled: Settlement,
                    overtaken: Sequence[tuple[ClaimEvidence, str]], weights: Weights) -> str:
    """The settlement as a fact-checker reads it: "settled on the record on 2024-08-21 by
    court documents ('has filed for') in Express (2024-08-21, ...): '...', after the rumours
    in Marie Claire (2024-05-24, ...)", naming the denials it overtakes."""
    claim = settled.claim
    said = (f"settled on the record on {settled.day} by {settled.party} "
            f"('{settled.words}') in {_report(claim)}: '{claim.text}'")
    rumour = rumour_words(weights.term("rumour", RumourParams))
    before: dict[str, list[str]] = {}
    for c, name in overtaken:
        before.setdefault(_report(c), []).append(f"the denial by {name}")
    for c in evidence.claims:
        if settled.overtakes(c):
            kind = ("the rumours" if rumour is not None and searched(rumour, c.text)
                    else "the reports")
            before.setdefault(_report(c), []).append(kind)
    if not before:
        return said
    told = "; ".join(f"{' and '.join(_told(kinds))} in {report}"
                     for report, kinds in before.items())
    return f"{said}, after {told}"


def _told(kinds: Sequence[str]) -> list[str]:
    """What an overtaken report told, once each: its denials and rumours, or its report."""
    told = list(dict.fromkeys(kinds))
    return [k for k in told if k != "the reports"] or told


def _doubted(claim: ClaimEvidence, rumour: Searcher | None,
             negation: re.Pattern[str] | None, hedges: Collection[str] = (),
             new: re.Pattern[str] | None = None,
             ended: re.Pattern[str] | None = None) -> str | None:
    """Why an on-record statement corroborates nothing, or None: it is hedged as one of
    ``hedges`` (``status.on_record_hedges``: what could happen is not asserted), calls the
    event a rumour (``rumour.words``) or holds a negation (``status.on_record_negation_words``:
    it may be its speaker's denial read as an assertion) outside ``new``
    (``denials.outcome_exceptions``: "this has never happened before" says the event is
    new), or says that a pursuit has ended (``ended``, ``terms.ended_pursuit``: "it is no
    longer in discussions": what the story tells of is not coming), with the words."""
    if claim.certainty in hedges:
        cue = f" ('{claim.certainty_cue}')" if claim.certainty_cue else ""
        return f"is hedged as {claim.certainty}{cue}"
    if rumour is not None and (match := searched(rumour, claim.text)) is not None:
        return f"calls it a rumour ('{match.group(0)}')"
    if negation is not None and (match := found_outside(claim.text, negation, new)) is not None:
        return f"holds a negation ('{match.group(0)}')"
    if ended is not None and (match := searched(ended, claim.text)) is not None:
        return f"says the pursuit it tells of has ended ('{match.group(0)}')"
    return None


def _contending(speakers: Sequence[AttributionEvidence], contention: re.Pattern[str] | None,
                auxiliaries: Collection[str] = frozenset(),
                ) -> dict[AttributionEvidence, str]:
    """The on-record speakers whose cue holds one of ``status.on_record_contention_cues``
    ("claimed", "alleged", "accused", "insists"), each with the words: a party stating its
    side of a dispute, which the on-record rule does not take for the event. With
    ``auxiliaries`` (``status.on_record_contention_auxiliaries``), a cue's form in -ing
    counts only right after one of them (a progressive: "is claiming"): a bare participle
    tells what the party's act holds ("filed a lawsuit ..., alleging that", "sued the
    exchange, accusing it of"), and the act is on the record."""
    if contention is None:
        return {}
    sides: dict[AttributionEvidence, str] = {}
    for a in speakers:
        match = searched(contention, a.cue_text)
        if match is not None and not _participle(a.cue_text, match, auxiliaries):
            sides[a] = match.group(0)
    return sides


def _participle(cue: str, match: re.Match[str], auxiliaries: Collection[str]) -> bool:
    """Whether the contention word ``match`` found in ``cue`` is a bare participle: a form
    in -ing with none of ``auxiliaries`` among the two words before it ("is claiming", "'s
    now claiming" are progressives; empty: never, every form is a side)."""
    if not auxiliaries or not match.group(0).lower().endswith("ing"):
        return False
    before = re.findall(r"['’]?\w+", cue[:match.start()].lower())
    return not set(before[-2:]) & set(auxiliaries)


def _one_side(claim: ClaimEvidence, contention: re.Pattern[str] | None,
              auxiliaries: Collection[str] = frozenset()) -> bool:
    """Whether every party asserting ``claim`` states its side of a dispute
    (``_contending``): the statement is no independent origin for the status either."""
    asserting = claim.asserting
    return bool(asserting) and \
        len(_contending(asserting, contention, auxiliaries)) == len(asserting)


def _day(claim: ClaimEvidence) -> str:
    return claim.published.date().isoformat() if claim.published is not None else "no date"


def _report(claim: ClaimEvidence) -> str:
    """A report as a reader finds it: its outlet, date and title (unless the name holds it:
    an article without a known outlet is named by its title)."""
    title = (f", '{claim.article_title}'" if claim.article_title
             and claim.article_title not in claim.carrier_name else "")
    return f"{claim.carrier_name} ({_day(claim)}{title})"


def _denying(evidence: StoryEvidence, weights: Weights) -> list[ClaimEvidence]:
    """The statements denying the event: a party denies it (outside a report telling of a
    denial as overtaken: ``_overtaken``), or it says it did not come about."""
    return _once("denying", (evidence.claims, evidence.details, evidence.outcomes,
                             evidence.indefinite, weights.status), _denying_in,
                 evidence, weights)


def _denying_in(evidence: StoryEvidence, weights: Weights) -> list[ClaimEvidence]:
    told = _overtaken(evidence, weights)
    disputes = _disputes(evidence, weights)
    return ([c for c in evidence.claims if c.article_id not in told
             and c.claim_id not in evidence.details
             and (any(a.stance == Stance.DENIES for a in c.attributions)
                  or c.claim_id in disputes)]
            + [c for c, _ in evidence.outcomes])


def _disputes(evidence: StoryEvidence, weights: Weights) -> dict[int, str]:
    """The statements telling that someone disputes the event (``status.dispute_*``:
    "the rebels rejected the claim", "disputing the figures", "the allegation has been
    rejected"), outside a report telling of a denial as overtaken, the denials of a detail
    and the statements whose denying party is left unnamed (``_indefinite_denier``), by
    claim id, with the words."""
    return _once("disputes", (evidence.claims, evidence.details, evidence.indefinite,
                              weights.status), _disputes_in, evidence, weights)


def _disputes_in(evidence: StoryEvidence, weights: Weights) -> dict[int, str]:
    rule = weights.status
    if not rule.dispute_verbs or not rule.dispute_objects:
        return {}
    pattern = _dispute_pattern(rule.dispute_verbs, rule.dispute_objects,
                               rule.dispute_max_between, rule.dispute_not_after)
    told = _overtaken(evidence, weights)
    return {c.claim_id: match.group(0) for c in evidence.claims
            if c.article_id not in told and c.claim_id not in evidence.details
            and not _indefinite_denier(c, evidence.indefinite)
            and (match := searched(pattern, c.text)) is not None}


def _indefinite_denier(claim: ClaimEvidence, indefinite: Collection[str]) -> bool:
    """Whether a party the analyser reads as denying in ``claim`` opens on one of
    ``identity.indefinite_words`` ("one of his lawyers", "some coaches"): someone left
    unnamed, whose dispute is no party's, as an unidentified denial contests nothing."""
    for a in claim.attributions:
        words = a.source_text.split()
        if a.stance == Stance.DENIES and words and words[0].lower() in indefinite:
            return True
    return False


_PASSIVE = ("is", "are", "was", "were", "has been", "have been", "had been", "being")


@functools.lru_cache(maxsize=8)
def _dispute_pattern(verbs: tuple[str, ...], objects: tuple[str, ...], between: int,
                     not_after: tuple[str, ...]) -> re.Pattern[str]:
    """One of ``verbs`` (not right after a word of ``not_after``) before one of ``objects``
    with at most ``between`` words between, or one of ``objects`` then a passive auxiliary
    and one of ``verbs``."""
    verb = "".join(not_right_after(w) for w in not_after) + unopened(verbs)
    thing = unopened(objects)
    gap = words_apart(between)
    passive = unopened(_PASSIVE)
    return re.compile(rf"(?<![\w'’]){verb}{gap}{thing}|(?<![\w'’]){thing}\s+{passive}\s+"
                      rf"(?:\w+ly\s+)?{verb}", re.IGNORECASE)


def _retold(evidence: StoryEvidence, weights: Weights) -> dict[int, str]:
    """The statements denying the event (``_denying``) that place the denial before their
    report (``status.retold_words``: "had denied", "at the time", "earlier"), by claim id,
    with the words: a report of the outcome recalling the party's denial."""
    words = weights.status.retold_words
    if not words:
        return {}
    pattern = phrase_pattern(words)
    return {c.claim_id: match.group(0) for c in _denying(evidence, weights)
            if (match := searched(pattern, c.text)) is not None}


def _answering_reports(evidence: StoryEvidence, weights: Weights,
                       retold: Collection[int] = ()) -> list[ClaimEvidence]:
    """Per article that answers a denial, the statement that does: the article reports no
    denial of the event (no party denying it, no statement saying it did not come about,
    whether or not a reader can identify who denies, and no statement telling of one;
    the statements of ``retold``, retelling an earlier denial, left aside:
    ``own_voice.doubt_words``, "the club going on to issue a denial"), calls it no rumour,
    and either stands behind it in its own voice (``own_voice``'s rule) naming an on-record
    speaker asserting it (``status.answered_on_record``): its first own-voice statement; or
    hedges under ``own_voice.max_hedged_share`` of what it says of it and has a party a
    reader can identify (``status.answered_by_party``) assert it unhedged, in a statement
    holding no negation (``status.negation_words``): the party's own announcement, that
    statement."""
    p = weights.term("own_voice", OwnVoiceParams)
    doubt = _pattern(p.doubt_words)
    rumour = rumour_words(weights.term("rumour", RumourParams))
    rule = weights.status
    negation = _pattern(rule.negation_words)
    denying = {c.article_id for c in _denying(evidence, weights)
               if c.claim_id not in retold}
    by_article: dict[int, list[ClaimEvidence]] = {}
    for claim in evidence.supporting:
        if claim.article_id not in denying and claim.claim_id not in retold:
            by_article.setdefault(claim.article_id, []).append(claim)
    speakers = rule.answered_on_record
    found = []
    for claims in by_article.values():
        if rumour is not None and any(searched(rumour, c.text) for c in claims):
            continue
        if doubt is not None and any(searched(doubt, c.text) for c in claims):
            continue
        own = own_statements(claims, p, doubt)
        share = hedged_share(claims, p)
        if stands_behind(own, share, p) and (not speakers or any(
                a.speaker in speakers and evidence.identifies(c, a)
                for c in claims for a in c.asserting)):
            found.append(own[0])
            continue
        if share >= p.max_hedged_share:
            continue
        announced = next((c for c in claims if _announcing(c, evidence, weights, negation)
                          is not None), None)
        if announced is not None:
            found.append(announced)
    return found


def _announcing(claim: ClaimEvidence, evidence: StoryEvidence, weights: Weights,
                negation: re.Pattern[str] | None) -> AttributionEvidence | None:
    """The party (``status.answered_by_party``, a reader can identify) that asserts the
    event unhedged in ``claim``, in a statement holding no negation and none of
    ``status.answered_hearsay_words`` ("had allegedly stated": hearsay), or None."""
    hearsay = _pattern(weights.status.answered_hearsay_words)
    if claim.certainty not in (None, Certainty.CERTAIN) or (
            negation is not None and searched(negation, claim.text) is not None) or (
            hearsay is not None and searched(hearsay, claim.text) is not None):
        return None
    return next((a for a in claim.asserting if a.speaker in weights.status.answered_by_party
                 and evidence.identifies(claim, a)), None)


def _announcer(answer: ClaimEvidence, evidence: StoryEvidence, weights: Weights) -> str | None:
    """Who announces the event in a report answering a denial (``_answering_reports``), or
    None when the report answers it in its own voice."""
    if not answer.attributions:
        return None
    negation = _pattern(weights.status.negation_words)
    party = _announcing(answer, evidence, weights, negation)
    return None if party is None else party.source_name or party.source_text


def _answer(claim: ClaimEvidence, reports: Sequence[ClaimEvidence], days: int,
            how: Callable[[ClaimEvidence], str], same_day: bool = False,
            ) -> tuple[ClaimEvidence | None, str]:
    """The later report that answers the denial in ``claim`` (``_answering_reports``, another
    outlet, at least ``days`` days after it, or with ``same_day`` on the denial's day too;
    the latest of them), or None with a note on why the denial stands (no such report, or no
    date to order them by); ``how`` words how a report answers."""
    others = [r for r in reports if r.carrier != claim.carrier]
    if not days or not others:
        return None, ""
    if claim.published is not None:
        denied = claim.published.date()
        later = sorted((r.published.date(), n) for n, r in enumerate(others)
                       if r.published is not None and _after(
                           (r.published.date() - denied).days, days, same_day))
        if later:
            return others[later[-1][1]], ""
    undated = [claim] if claim.published is None else []
    undated += [r for r in others if r.published is None]
    if undated:
        return None, (
            f"; whether {_report(others[0])}, which {how(others[0])}, came "
            f"after the denial in {_report(claim)} is unknown (no publication date for "
            f"{', '.join(dict.fromkeys(_report(c) for c in undated))})")
    return None, (f"; {_report(others[0])} {how(others[0])}, but not at "
                  f"least {days} day{'' if days == 1 else 's'} after the denial in "
                  f"{_report(claim)}" + (" nor the same day" if same_day else ""))


def _answers(evidence: StoryEvidence, weights: Weights) -> dict[int, ClaimEvidence]:
    """Each statement denying the event (a party denies it, or it says it did not come
    about) that a later report answers (``_answer``), or that retells an earlier denial in
    a report answering it (``_retold``), by claim id, with that report's statement."""
    days = weights.status.answered_after_days
    denying = _denying(evidence, weights)
    if not days or not denying:
        return {}
    reports = _answering_reports(evidence, weights)
    retold = _retold(evidence, weights)
    # a report retelling a denial answers that one only (its retold statements aside);
    # it still answers no other report's denial
    own = ({r.article_id: r for r in _answering_reports(evidence, weights, retold)}
           if retold else {})
    found = {}
    for claim in denying:
        if claim.claim_id in retold and claim.article_id in own:
            found[claim.claim_id] = own[claim.article_id]
            continue
        answer, _ = _answer(claim, reports, days, lambda r: "",
                            bool(weights.status.answered_same_day))
        if answer is not None:
            found[claim.claim_id] = answer
    return found


def _answered(denials: Sequence[tuple[ClaimEvidence, str]], evidence: StoryEvidence,
              weights: Weights) -> tuple[str | None, str]:
    """Whether every denial was answered by a later report (``evidence.answers``): (the
    reason the story is corroborated, None if a denial stands; a note on a denial left
    standing for want of dates or of a later report)."""
    parts: dict[str, str] = {}

    def how(report: ClaimEvidence) -> str:
        party = _announcer(report, evidence, weights)
        return ("states it as fact in its own voice" if party is None
                else f"has {party} assert it on the record")

    for claim, name in denials:
        answer = evidence.answers.get(claim.claim_id)
        if answer is None:
            return None, _answer(claim, _answering_reports(evidence, weights),
                                 weights.status.answered_after_days, how,
                                 bool(weights.status.answered_same_day))[1]
        party = _announcer(answer, evidence, weights)
        if answer.article_id == claim.article_id:
            retold = _retold(evidence, weights).get(claim.claim_id, "")
            said = ("which states it as fact in its own voice" if party is None
                    else f"where {party} asserts it on the record")
            parts[name] = (f"denied by {name}, a denial {_report(claim)} retells as told "
                           f"before it ('{retold}'): '{claim.text}', {said}: '{answer.text}'")
            continue
        then = (f"stated as fact in its own voice by {_report(answer)}" if party is None
                else f"asserted on the record by {party} in {_report(answer)}")
        when = ("and the same day (which came first is unknown)" if _same_day(claim, answer)
                else "then")
        parts[name] = f"denied by {name} in {_report(claim)}, {when} {then}: '{answer.text}'"
    return "; ".join(parts.values()), ""


def _after(gap: int, days: int, same_day: bool) -> bool:
    """Whether a report ``gap`` days after a denial answers it: at least ``days`` later, or
    the same day when ``same_day`` (``status.answered_same_day``)."""
    return gap >= days or (same_day and gap == 0)


def _same_day(claim: ClaimEvidence, answer: ClaimEvidence) -> bool:
    """Whether the answering report ran the day of the denial (``status.answered_same_day``)."""
    return (claim.published is not None and answer.published is not None
            and claim.published.date() == answer.published.date())


def _reliable_source(evidence: StoryEvidence, weights: Weights) -> str | None:
    """Why a source with a good record corroborates the story, or None: a cited outlet or
    an on-record speaker (``corroboration.origin_speakers``) a reader can identify, whose
    reliability is at least ``status.corroborated_min_reliability``, stating the event
    unhedged (no certainty of ``own_voice.hedges``: "is expected to" is no hedge, as for
    the report's own voice and an on-record source), in a statement that calls it no rumour
    and relays no other outlet, in a report that hedges under ``own_voice.max_hedged_share``
    of what it says of the event (``own_voice``'s hedged share: a report crediting an outlet
    and saying what could happen passes on a hedge, not a fact)."""
    threshold = weights.status.corroborated_min_reliability
    own_voice = weights.term("own_voice", OwnVoiceParams)
    max_hedged = own_voice.max_hedged_share
    by_carrier: dict[str, list[ClaimEvidence]] = {}
    for claim in evidence.supporting:
        by_carrier.setdefault(claim.carrier, []).append(claim)
    hedged = {carrier: hedged_share(claims, own_voice)
              for carrier, claims in by_carrier.items()}
    corroboration = weights.term("corroboration", CorroborationParams)
    priors = weights.term("reliability", ReliabilityParams).default_prior
    rumour = rumour_words(weights.term("rumour", RumourParams))
    for claim in evidence.supporting:
        if claim.certainty in own_voice.hedges or (
                rumour is not None and searched(rumour, claim.text)
                ) or hedged[claim.carrier] >= max_hedged:
            continue
        asserting = claim.asserting
        relays = relayed(claim, asserting, corroboration.relay_cues,
                         corroboration.credit_words, corroboration.receiving_cues)
        for number, a in enumerate(asserting):
            if (number in relays or a.speaker not in corroboration.origin_speakers
                    or not evidence.identifies(claim, a)):
                continue
            record = _reliability(claim, a, priors)
            if record.mean >= threshold:
                return (f"{a.source_name or a.source_text} states it unhedged, with "
                        f"reliability {record.mean:.2f} (at least {threshold:.2f}), in "
                        f"{_report(claim)}: '{claim.text}'")
    return None


def _strongest(supporting: Sequence[ClaimEvidence], weights: Weights) -> StrongestSource | None:
    """The supporting statement with the strongest sourcing (first one wins a tie)."""
    sourcing = weights.term("sourcing", SourcingParams)
    priors = weights.term("reliability", ReliabilityParams).default_prior
    best: StrongestSource | None = None
    best_key: tuple[float, float] | None = None
    corroboration = weights.term("corroboration", CorroborationParams)
    for claim in supporting:
        asserting = claim.asserting
        relays = relayed(claim, asserting, corroboration.relay_cues,
                         corroboration.credit_words, corroboration.receiving_cues)
        # a caption whose only source is a picture credit is the report's own statement
        kept = [a for n, a in enumerate(asserting) if n not in relays]
        for attribution in kept or (None,):
            kind = attribution.speaker if attribution is not None else UNATTRIBUTED
            reliability = _reliability(claim, attribution, priors)
            key = (sourcing.weight(kind), reliability.mean)
            if best_key is None or key > best_key:
                best, best_key = StrongestSource(claim, attribution, reliability), key
    return best


def _reliability(
    claim: ClaimEvidence,
    attribution: AttributionEvidence | None,
    priors: dict[str, tuple[float, float]],
) -> Reliability:
    if attribution is None:
        if claim.carrier_reliability is not None:
            return claim.carrier_reliability
        confirmed, refuted = priors[UNATTRIBUTED]
        return Reliability(confirmed, refuted, claim.carrier_name)
    if attribution.reliability is not None:
        return attribution.reliability
    confirmed, refuted = priors[attribution.speaker]
    return Reliability(confirmed, refuted, attribution.source_name or attribution.source_text)
