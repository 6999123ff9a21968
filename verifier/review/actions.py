"""The reviewers' actions, each written to the audit log with its actor."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy.orm import Session

from verifier.errors import UsageError
from verifier.registry import Registry
from verifier.store import audit
from verifier.store.article_edits import ArticleChange, delete_article, edit_article
from verifier.store.corrections import CorrectionRecord, SourcingLabel, add_correction
from verifier.store.desk import verdict_target
from verifier.store.stories import stories_of_article, stories_of_claims
from verifier.store.story_writes import mark_stale
from verifier.store.trackrecords import verdict_counts
from verifier.store.verdicts import (
    Decision,
    check_claims,
    check_link,
    check_reviewer,
    check_unclaim,
    check_verdict,
)
from verifier.store.verdicts import retract as retract_verdict
from verifier.stories.scores import after_verdicts

if TYPE_CHECKING:
    from verifier.scoring.weights import Weights
    from verifier.stories.matching import PastVerdict
    from verifier.stories.view import StoryView

_UNSET: Any = object()
#: What a correction without evidence is told (the desk and ``claims correct`` alike).
CORRECTION_NEEDS_EVIDENCE = "a correction needs evidence: say why the analyser is wrong"
#: The kinds that name who said it: their track record is kept by the source's words, so a
#: label of one of them needs those words (``unnamed``, ``unnamed_official``, ``declined``
#: and ``denied`` may have none: "reportedly", a passive non-confirmation).
KINDS_NEEDING_WORDS: tuple[str, ...] = ("official", "named", "media")


def check_source_words(sourcing: Sequence[SourcingLabel]) -> None:
    """``UsageError`` for an ``official``, ``named`` or ``media`` label with no source words
    (the desk's form and ``claims correct --sourcing`` alike)."""
    from verifier.textsafe import blank

    for label in sourcing:
        if label.kind in KINDS_NEEDING_WORDS and blank(label.source):
            article = "an" if label.kind[0] in "aeiou" else "a"  # "an official label"
            raise UsageError(
                f"{article} {label.kind} label needs the source's words as the article writes them "
                f"(e.g. {label.kind}:the finance ministry): {', '.join(KINDS_NEEDING_WORDS)} "
                "name who said it, and their track record is kept by those words")


def mark_claims(session: Session, claim_ids: Sequence[int], status: str, *, evidence: str,
                actor: str, url: str | None = None, note: str | None = None,
                via: str | None = None) -> list[int]:
    """Append the same verdict to each claim, every id checked first
    (``stories.store.mark_claims``), and audit each; returns the verdict ids. The one path
    of ``claims mark`` and the desk's claim page."""
    from verifier.stories.store import mark_claims as store_mark_claims

    verdict_ids = store_mark_claims(session, claim_ids, status, evidence=evidence,
                                    reviewer=actor, url=url, note=note)
    for claim_id, verdict_id in zip(dict.fromkeys(claim_ids), verdict_ids, strict=True):
        audit.record(session, actor, "mark", f"claim {claim_id}",
                     {"verdict": verdict_id, "status": status, **({"via": via} if via else {})})
    return verdict_ids


def mark_claim(session: Session, claim_id: int, status: str, *, evidence: str, actor: str,
               url: str | None = None, note: str | None = None) -> int:
    """Append a verdict on one claim (``mark_claims``); returns its id."""
    return mark_claims(session, [claim_id], status, evidence=evidence, actor=actor, url=url,
                       note=note)[0]


def adopt(session: Session, claim_id: int, *, actor: str, ref: str | None = None,
          note: str | None = None, via: str | None = None) -> PastVerdict:
    """Give a claim the earlier verdict it matches (``ref``: ``story:4``, ``claim:12``,
    ``fact-check:3``; default the best match), as ``claims adopt`` does; stories whose
    sources' track records move are marked for rescoring."""
    from verifier.stories.matching import adopt as adopt_match

    check_reviewer(actor, "an adopted verdict")
    _check_ref(ref)
    check_claims(session, [claim_id])  # before matching: a non-claim matches nothing
    _check_source_kept(session, claim_id, ref)
    before = verdict_counts(session)
    chosen = adopt_match(session, claim_id, reviewer=actor, ref=ref, note=note)
    after_verdicts(session, before)
    audit.record(session, actor, "mark", f"claim {claim_id}",
                 {"status": chosen.verdict, "adopted_from": chosen.ref,
                  **({"via": via} if via else {})})
    return chosen


def _check_ref(ref: str | None) -> None:
    """``UsageError`` for a match to adopt that names none (``wizard:1``, ``story:0``,
    ``claim``): it was "claim 6 does not match wizard:1", an unknown id's exit 6."""
    import re

    from verifier.errors import UsageError

    if ref is not None and re.fullmatch(r"\s*(?:story|claim|fact-check):0*[1-9][0-9]{0,17}\s*",
                                        ref, flags=re.IGNORECASE) is None:
        raise UsageError(f"{ref[:100]!r} names no match to adopt: give story:ID, claim:ID or "
                         "fact-check:ID (ids from 1), as `claims show` lists them")


def _check_source_kept(session: Session, claim_id: int, ref: str | None) -> None:
    """A ``claim:N`` to adopt from whose claim has been deleted: say so (its verdicts are
    kept as orphaned, and are no longer offered to match or adopt)."""
    import re

    from verifier.errors import NotFoundError
    from verifier.review.provenance import gone_claim_note

    found = re.fullmatch(r"\s*claim:([0-9]{1,18})\s*", ref or "", flags=re.IGNORECASE)
    if found is None:
        return
    from verifier.store.deleted import deleted_with

    claim = int(found.group(1))
    note = gone_claim_note(session, claim)
    # a claim never stored is no match ("does not match claim:99"), not a deleted one
    if note is not None and deleted_with(session, claim) is not None:
        raise NotFoundError(f"{note}; its verdicts are kept as orphaned (`verifier articles "
                            "orphaned`) and are no longer offered to adopt: mark claim "
                            f"{claim_id} with your own evidence")


def mark_story(session: Session, story_id: int, status: str, *, evidence: str, actor: str,
               url: str | None = None, note: str | None = None) -> None:
    """Append a verdict on a story and its claims (see ``stories.store.mark_story``)."""
    from verifier.scoring.weights import load_weights
    from verifier.stories.store import mark_story as store_mark_story

    store_mark_story(session, story_id, status, evidence=evidence, reviewer=actor,
                     weights=load_weights(), url=check_link(url), note=note)
    audit.record(session, actor, "mark", f"story {story_id}", {"status": status})


def marked_claims(view: StoryView, status: str) -> str:
    """What a story verdict did to its claims: those asserting the event take its status,
    those denying it the opposite; refusals, background and conjecture are left as they
    were (``verifier.stories.background``), each named by its claim id."""
    from collections import Counter

    from verifier.stories.background import background_reason
    from verifier.vocab import OPPOSITE_VERDICT, Role

    opposite = OPPOSITE_VERDICT.get(status)
    opposite = opposite if opposite != status else None  # a dispute marks denials disputed
    refusals = [m.claim_id for m in view.members if m.role == Role.DECLINES]
    background = [m.claim_id for m in view.members if m.role == Role.SUPPORTS
                  and background_reason(m.evidence) is not None]
    left = set(refusals) | set(background)
    counts = Counter(m.status for m in view.members if m.claim_id not in left)
    same = counts[status]
    other = counts[opposite] if opposite else 0
    parts = [f"{same} claim{'' if same == 1 else 's'} {status}"]
    if other:
        denies = "it denies" if other == 1 else "they deny"
        parts.append(f"{other} {opposite} ({denies} the story)")
    for ids, what in ((refusals, "refusal" if len(refusals) == 1 else "refusals"),
                      (background, "background or conjecture")):
        if ids:
            named = ", ".join(f"#{i}" for i in ids)
            parts.append(f"{len(ids)} left as {'it was' if len(ids) == 1 else 'they were'} "
                         f"({what}: {named})")
    return ", ".join(parts)


def retract(session: Session, verdict_id: int, *, actor: str, reason: str) -> list[int]:
    """Withdraw a verdict by appending a retraction (for a story verdict, the claim verdicts
    written with it too); returns the retracted verdict ids."""
    claim_id, story_id = verdict_target(session, verdict_id)
    before = verdict_counts(session)
    done = retract_verdict(session, evidence=reason, reviewer=actor, verdict_id=verdict_id,
                           claim_id=claim_id, story_id=None if claim_id else story_id)
    after_verdicts(session, before, [story_id] if story_id and not claim_id else [])
    audit.record(session, actor, "retract", f"verdict {verdict_id}",
                 {"retractions": list(done.retraction_ids), "status": done.status,
                  "reason": reason.strip()})
    return list(done.retracted)


def decision(status: str | None, evidence: str | None, actor: str,
             url: str | None) -> Decision | None:
    """Which verdict stands when a merge or move brings verdicts that disagree (None when the
    reviewer gave no status)."""
    if not status:
        return None
    check_verdict(status, evidence, actor)
    return Decision(status, evidence or "", actor, check_link(url))


def correct(session: Session, claim_id: int, *, claim: bool, certainty: str | None,
            sourcing: Sequence[SourcingLabel], actor: str, registry: Registry,
            evidence: str | None) -> CorrectionRecord:
    """Relabel one sentence (its story is rescored: its claims and sourcing changed; so are
    the stories citing a source whose track record moved, when a reviewed claim's sources
    changed). ``evidence`` (why the analyser is wrong) is required, as for a verdict; it is
    kept as the correction's note."""
    from verifier.textsafe import blank

    if blank(evidence):
        raise UsageError(CORRECTION_NEEDS_EVIDENCE)
    if claim:
        check_source_words(sourcing)
    if not claim:
        check_unclaim(session, claim_id)
    before = verdict_counts(session)
    record = add_correction(session, claim_id, claim=claim, certainty=certainty,
                            sourcing=sourcing, reviewer=actor, registry=registry,
                            note=evidence)
    after_verdicts(session, before, sorted(stories_of_claims(session, [claim_id])))
    audit.record(session, actor, "correct", f"claim {claim_id}",
                 {"correction": record.id, "claim": record.claim,
                  "certainty": record.certainty,
                  "sourcing": [s.to_dict() for s in record.sourcing]})
    return record


def verdict_against_role(session: Session, claim_id: int, weights: Weights) -> str | None:
    """What a reviewer should know when the verdict a claim took with its story's no longer
    fits what the claim does in it: a correction turned an assertion into a denial (or back),
    so "marked with story 3" now says the opposite of what the story's verdict gives a claim
    in its role. None when it fits, or the claim's verdict is its own (a reviewer's call)."""
    from verifier.store.verdict_record import standing
    from verifier.store.verdicts import verdict_history
    from verifier.stories.view import get_story
    from verifier.vocab import OPPOSITE_VERDICT, Role

    current = standing(verdict_history(session, claim_id=claim_id))
    if current is None or current.origin != "story" or current.story_id is None:
        return None
    if current.story_id not in stories_of_claims(session, [claim_id]):
        return None  # moved out of that story since: its verdict is the reviewer's to weigh
    view = get_story(session, current.story_id, weights)
    member = next((m for m in view.members if m.claim_id == claim_id), None)
    if member is None or not view.reviewed or view.status not in OPPOSITE_VERDICT:
        return None
    if member.role == Role.SUPPORTS:
        fits, does = view.status, "asserts"
    elif member.role == Role.DENIES:
        fits, does = OPPOSITE_VERDICT[view.status], "denies"
    else:
        fits, does = None, "only declines to confirm"
    if current.status == fits:
        return None
    then = (f"retract it and mark the claim {fits}" if fits is not None
            else "retract it (a refusal takes no verdict)")
    return (f"claim {claim_id} now {does} story {current.story_id}, which is {view.status}, "
            f"yet the verdict it took with the story (verdict {current.id}) has it "
            f"{current.status}: {then}")


def edit(session: Session, article_id: int, registry: Registry, *, actor: str,
         title: str | None = _UNSET, url: str | None = _UNSET, outlet: str | None = _UNSET,
         published_at: datetime | None = _UNSET) -> ArticleChange:
    """Edit an article's metadata; the url, if any, must be http(s). Its stories are
    rescored (their dates and outlets moved), and so are those citing a source whose track
    record moved (a new outlet re-resolves its claims' sources)."""
    values: dict[str, Any] = {}
    if title is not _UNSET:
        values["title"] = title
    if url is not _UNSET:
        try:
            values["url"] = check_link(url)
        except UsageError as error:  # its words name an evidence link: this is the article's
            raise UsageError(str(error).replace("evidence link", "the article's url")
                             .replace("an the article's", "the article's")) from None
    if outlet is not _UNSET:
        values["outlet"] = outlet
    if published_at is not _UNSET:
        values["published_at"] = published_at
    before = verdict_counts(session)
    change = edit_article(session, article_id, registry, **values)
    if change.changes:  # its outlet or date may move its stories' scores and dates
        after_verdicts(session, before, stories_of_article(session, article_id))
        audit.record(session, actor, "article-edit", f"article {article_id}",
                     {k: list(v) for k, v in change.changes.items()})
    return change


@dataclass(frozen=True, slots=True)
class Deletion:
    """What deleting an article did: the verdicts on its claims now orphaned (kept), and
    the stories it left with no claim (kept, ``emptied``, with their verdict history)."""

    article_id: int
    claims: int
    orphaned: int
    emptied: tuple[int, ...]


def delete(session: Session, article_id: int, *, actor: str, reason: str) -> Deletion:
    """Delete an article. The verdicts on its claims are kept (orphaned) and so are the
    stories it empties (``stories.emptied_by``), with their verdict history."""
    from verifier.store.stories import story_records
    from verifier.stories.update import refresh_story_terms

    stories = stories_of_article(session, article_id)
    orphaned, claims = delete_article(session, article_id, reviewer=actor, reason=reason)
    # their members changed: what grouping compares them by (an emptied story's terms go,
    # so no new claim joins it) and their scores
    refresh_story_terms(session, stories)
    mark_stale(session, stories)
    emptied = tuple(sorted(s for s, r in story_records(session, stories).items()
                           if r.emptied_by == article_id))
    audit.record(session, actor, "article-delete", f"article {article_id}",
                 {"reason": reason.strip(), "orphaned_verdicts": orphaned,
                  "emptied_stories": list(emptied)})
    return Deletion(article_id, claims, orphaned, emptied)


def merge_stories(session: Session, target: int, others: Sequence[int], *, actor: str,
                  decided: Decision | None = None) -> list[int]:
    """Merge stories into ``target``; returns the verdicts written (carried or decided)."""
    from verifier.stories.store import merge_stories as store_merge

    written = store_merge(session, target, list(others), decided)
    audit.record(session, actor, "story-merge", f"story {target}",
                 {"merged": list(others), "verdicts": written})
    return written


def rename_story(session: Session, story_id: int, title: str, *, actor: str,
                 via: str | None = None) -> None:
    """Give a story a reviewer's title (the desk's Rename and ``stories rename``, ``via``
    "cli"): one audit entry of the same shape from both, its title as stored."""
    from verifier.stories.store import rename_story as store_rename

    store_rename(session, story_id, title)
    audit.record(session, actor, "story-rename", f"story {story_id}",
                 {"title": " ".join(title.split()), **({"via": via} if via else {})})


def split_story(session: Session, story_id: int, claim_ids: Sequence[int], *, actor: str,
                title: str | None = None) -> int:
    from verifier.stories.store import split_story as store_split

    new_id, _ = store_split(session, story_id, list(claim_ids), title)
    audit.record(session, actor, "story-split", f"story {story_id}",
                 {"claims": list(claim_ids), "new_story": new_id})
    return new_id


def move_claims(session: Session, claim_ids: Sequence[int], story_id: int, *,
                actor: str, decided: Decision | None = None) -> None:
    from verifier.stories.store import move_claims as store_move

    store_move(session, list(claim_ids), story_id, decided)
    audit.record(session, actor, "story-move", f"story {story_id}", {"claims": list(claim_ids)})
