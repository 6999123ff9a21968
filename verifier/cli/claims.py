"""``verifier claims list|show|mark``: the review queue."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from verifier.cli.output import ByOption, DbOption, JsonOption, SourcesOption
from verifier.cli.shared import plural, print_json
from verifier.errors import UsageError

if TYPE_CHECKING:
    from verifier.store.corrections import CorrectionRecord, SourcingLabel

#: What a claim's score is, as the queue shows it and its filter reads it.
SCORE_HELP = ("Claims whose story scores {bound} this (0 to 1): a claim's score is its "
              "story's stored score, the evidence for the event it reports from every "
              "article (`stories show` explains it), not the sentence's own sourcing.")

claims_app = typer.Typer(
    rich_markup_mode=None, no_args_is_help=True,
    help="Review stored claims: list, show, mark, retract a verdict, adopt an earlier "
         "verdict, correct the analyser's labels.",
)



@claims_app.command("list")
def list_command(
    status: Annotated[
        str, typer.Option(help="unverified, confirmed, refuted, disputed, or any.")
    ] = "unverified",
    sourcing: Annotated[
        str | None,
        typer.Option(help="official, named, media, unnamed_official, unnamed, declined, "
                          "denied, or unattributed."),
    ] = None,
    certainty: Annotated[
        str | None, typer.Option(help="certain, probable or possible.")
    ] = None,
    outlet: Annotated[str | None, typer.Option(
        help="Outlet: registry id, name or alias (e.g. \"The Guardian\").")] = None,
    article: Annotated[int | None, typer.Option(help="Article id.", metavar="ID", min=1)] = None,
    story: Annotated[int | None, typer.Option(help="Story id.", metavar="ID", min=1)] = None,
    since: Annotated[str | None, typer.Option(
        metavar="YYYY-MM-DD", help="Claims of articles published on or after this date.")] = None,
    until: Annotated[str | None, typer.Option(
        metavar="YYYY-MM-DD", help="Claims of articles published on or before this date.")] = None,
    search: Annotated[str | None, typer.Option(
        help="Words the claim contains, each as the start of a word: 'resign' finds "
             "'resignation' and 'resigned'.")] = None,
    min_score: Annotated[float | None, typer.Option(
        metavar="0-1", help=SCORE_HELP.format(bound="at least"))] = None,
    max_score: Annotated[float | None, typer.Option(
        metavar="0-1", help=SCORE_HELP.format(bound="at most"))] = None,
    sort: Annotated[str, typer.Option(help="newest, oldest, published or article.")] = "newest",
    limit: Annotated[int, typer.Option(help="At most this many claims.")] = 50,
    offset: Annotated[int, typer.Option(help="Skip this many first.")] = 0,
    db: DbOption = None,
    json_output: JsonOption = False,
    csv_output: Annotated[bool, typer.Option("--csv", help="Print CSV.")] = False,
    matches: Annotated[bool, typer.Option(
        "--matches", help="Show the earlier verdict each claim matches (reviewed claims and "
                          "stories, imported fact-checks).")] = False,
) -> None:
    """List claims to review (unverified ones by default, newest first).

    --since and --until filter on the article's publication date (inclusive).
    """
    from verifier.cli import reads

    reads.claims_list(status, sourcing, certainty, outlet, article, story, since, until,
                      search, min_score, max_score, sort, limit, offset, db, json_output,
                      csv_output, matches)


@claims_app.command("show")
def show_command(
    claim_id: Annotated[int, typer.Argument(help="Claim id.", min=1)],
    db: DbOption = None,
    json_output: JsonOption = False,
) -> None:
    """One claim in its paragraph, with its sourcing, resolved sources and verdict history."""
    from verifier.cli import reads

    reads.claims_show(claim_id, db, json_output)


@claims_app.command("mark")
def mark_command(
    claim_ids: Annotated[list[int], typer.Argument(help="Claim ids.", metavar="ID...", min=1)],
    status: Annotated[str, typer.Argument(help="confirmed, refuted or disputed.")],
    evidence: Annotated[
        str | None, typer.Option(help="What shows it (required).")
    ] = None,
    url: Annotated[str | None, typer.Option(help="Where the evidence is.")] = None,
    note: Annotated[str | None, typer.Option(help="A note for other reviewers.")] = None,
    by: ByOption = None,
    db: DbOption = None,
    json_output: JsonOption = False,
) -> None:
    """Append a verdict to each claim. History is never edited: the latest verdict counts.

    Every id is checked first; if one is unknown, or is a sentence read as not a claim
    (correct it to a claim first with `claims correct ID --claim`), nothing is written.
    """
    from verifier.cli.output import refresh_scores
    from verifier.cli.shared import weights_for
    from verifier.review.actions import mark_claims
    from verifier.store.database import open_database
    from verifier.store.verdicts import check_verdict

    check_verdict(status, evidence, by)
    assert evidence is not None and by is not None  # checked above
    with open_database(db, create=False) as database:
        with database.session_scope() as session:
            verdict_ids = mark_claims(session, claim_ids, status, evidence=evidence, actor=by,
                                      url=url, note=note, via="cli")
        refresh_scores(database, weights_for(None))
    if json_output:
        print_json({"status": status, "claims": list(dict.fromkeys(claim_ids)),
                    "verdicts": verdict_ids})
        return
    ids = ", ".join(str(i) for i in dict.fromkeys(claim_ids))
    typer.echo(f"Marked {plural(len(verdict_ids), 'claim')} {status}: {ids}")


@claims_app.command("retract")
def retract_command(
    claim_id: Annotated[int, typer.Argument(help="Claim id.", min=1)],
    evidence: Annotated[str | None, typer.Option(help="Why it is withdrawn (required).")]
    = None,
    by: ByOption = None,
    verdict: Annotated[int | None, typer.Option(
        help="The verdict to retract [default: the one in force].", min=1)] = None,
    note: Annotated[str | None, typer.Option(help="A note for other reviewers.")] = None,
    db: DbOption = None,
    json_output: JsonOption = False,
) -> None:
    """Withdraw a claim's verdict by appending a retraction (history is never edited); the
    status falls back to the verdict before it, or unverified."""
    from verifier.cli.output import refresh_scores
    from verifier.cli.shared import weights_for
    from verifier.store import audit
    from verifier.store.database import open_database
    from verifier.stories.store import retract_verdict

    with open_database(db, create=False) as database:
        with database.session_scope() as session:
            result = retract_verdict(session, claim_id=claim_id, evidence=evidence or "",
                                     reviewer=by or "", verdict_id=verdict, note=note)
            audit.record(session, by or "", "retract", f"verdict {result.retracted[0]}",
                         {**result.to_dict(), "reason": evidence, "via": "cli"})
        refresh_scores(database, weights_for(None))
    if json_output:
        print_json(result.to_dict())
        return
    typer.echo(f"retracted verdict {result.retracted[0]} on claim {claim_id}: now "
               f"{result.status}")


@claims_app.command("adopt")
def adopt_command(
    claim_id: Annotated[int, typer.Argument(help="Claim id.", min=1)],
    source: Annotated[str | None, typer.Option(
        "--from", help="The match to take: story:ID, claim:ID or fact-check:ID "
                       "[default: the best match].")] = None,
    by: ByOption = None,
    note: Annotated[str | None, typer.Option(help="A note for other reviewers.")] = None,
    db: DbOption = None,
    json_output: JsonOption = False,
) -> None:
    """Give a claim the earlier verdict it matches (see `claims show`): one action, with
    the earlier verdict's evidence and where it came from."""
    from verifier.cli.output import refresh_scores
    from verifier.cli.shared import weights_for
    from verifier.review.actions import adopt
    from verifier.store.database import open_database
    from verifier.store.verdicts import check_reviewer

    by = check_reviewer(by, "an adopted verdict")
    with open_database(db, create=False) as database:
        with database.session_scope() as session:
            chosen = adopt(session, claim_id, actor=by, ref=source, note=note, via="cli")
        refresh_scores(database, weights_for(None))
    if json_output:
        print_json({"claim": claim_id, "status": chosen.adopts, "from": chosen.to_dict()})
        return
    how = f" ({chosen.how_adopted})" if chosen.how_adopted else ""
    typer.echo(f"claim {claim_id} marked {chosen.adopts}, adopted from {chosen.ref}{how}")


@claims_app.command("correct")
def correct_command(
    claim_id: Annotated[int, typer.Argument(help="Claim (sentence) id.", min=1)],
    is_claim: Annotated[bool | None, typer.Option(
        "--claim/--not-claim", help="Whether the sentence is a claim [default: as it is].",
        show_default=False)] = None,
    certainty: Annotated[str | None, typer.Option(
        help="certain, probable or possible [default: as it is].")] = None,
    sourcing: Annotated[list[str] | None, typer.Option(
        "--sourcing", metavar="KIND:SOURCE WORDS",
        help="A sourcing label (repeat for more): the kind, a colon and the source's words "
             "as the article writes them, e.g. 'official:the finance ministry' or "
             "'unnamed:' (official, named and media need the words; unnamed, "
             "unnamed_official, declined and denied may have none). The labels given "
             "replace the sentence's [default: as they are].",
    )] = None,
    clear_sourcing: Annotated[bool, typer.Option(
        "--clear-sourcing", help="The claim has no sourcing (unattributed).")] = False,
    evidence: Annotated[str | None, typer.Option(
        help="Why the analyser is wrong (required; kept with the correction).")] = None,
    by: ByOption = None,
    sources: SourcesOption = None,
    db: DbOption = None,
    json_output: JsonOption = False,
) -> None:
    """Correct the analyser's labels of one sentence, as the desk does: claim or not, its
    certainty, its sourcing. Labels not given stay as they are.

    The correction is appended (history is never edited; the latest counts), outlives
    re-analysis, and its story and the track records it moves are rescored.
    """
    from verifier.cli.output import refresh_scores
    from verifier.cli.shared import weights_for
    from verifier.config import sources_path
    from verifier.registry import load_registry
    from verifier.review.actions import (
        CORRECTION_NEEDS_EVIDENCE,
        correct,
        verdict_against_role,
    )
    from verifier.store.claims import get_claim
    from verifier.store.database import open_database
    from verifier.store.verdicts import check_reviewer

    by = check_reviewer(by, "a correction")
    if not evidence or not evidence.strip():
        raise UsageError(f"--evidence: {CORRECTION_NEEDS_EVIDENCE}")
    if sourcing and clear_sourcing:
        raise UsageError("give --sourcing or --clear-sourcing, not both")
    from verifier.vocab import CERTAINTIES

    if certainty is not None and certainty not in CERTAINTIES:
        raise UsageError(f"--certainty: unknown {certainty!r} (choose from "
                         f"{', '.join(CERTAINTIES)})")
    given = [_sourcing_label(value) for value in sourcing or []]
    registry = load_registry(sources_path(sources))
    with open_database(db, create=False) as database:
        with database.session_scope() as session:
            current = get_claim(session, claim_id)
            now = (current.is_claim, current.certainty if current.is_claim else None,
                   [(a.kind, " ".join(a.source.text.split())) for a in current.attributions])
            claim = current.is_claim if is_claim is None else is_claim
            labels = ([] if clear_sourcing or not claim
                      else given if sourcing else [_label(k, s) for k, s in now[2]])
            if not claim and (sourcing or certainty):
                raise UsageError(f"claim {claim_id} would not be a claim, so it has no "
                                 "certainty or sourcing (give --claim to make it one)")
            wanted = (claim, (certainty or now[1]) if claim else None,
                      [(lb.kind, lb.source) for lb in labels])
            if wanted == now:
                raise UsageError(f"nothing to change: claim {claim_id} already has these "
                                 "labels (give --claim/--not-claim, --certainty, --sourcing "
                                 "or --clear-sourcing)")
            record = correct(session, claim_id, claim=claim, certainty=wanted[1],
                             sourcing=labels, actor=by, registry=registry,
                             evidence=evidence)
            from verifier.store.article_reads import article_texts

            text = article_texts(session, [current.row.article_id]).get(
                current.row.article_id, "")
            absent = [lb.source for lb in labels if lb.source and lb.source not in text]
            against = verdict_against_role(session, claim_id, weights_for(None))
        refresh_scores(database, weights_for(None))
    if json_output:
        print_json({"claim": claim_id, "correction": record.to_dict()})
        return
    typer.echo(f"claim {claim_id} corrected (correction {record.id}): {_labels_line(record)}")
    from verifier.cli.shared import err_console

    for words in absent:  # a typo, or a name the reviewer knows from elsewhere
        err_console().print(
            f"verifier: note: {words!r} is not in the article's text: kept as the source's "
            "name, with no place in the text to underline (check the spelling if it should "
            "be there)", markup=False, highlight=False, soft_wrap=True)
    if against is not None:
        err_console().print(
            f"verifier: note: {against} (`verifier claims retract {claim_id} --evidence ... "
            "--by NAME`, then `verifier claims mark`)", markup=False, highlight=False,
            soft_wrap=True)


def _label(kind: str, source: str) -> SourcingLabel:
    from verifier.store.corrections import SourcingLabel

    return SourcingLabel(kind, source)


def _sourcing_label(value: str) -> SourcingLabel:
    """``KIND:SOURCE WORDS`` (``KIND`` alone, or ``KIND:``, for no source words)."""
    from verifier.vocab import KINDS

    kind, _, source = value.partition(":")
    kind = kind.strip()
    if kind not in KINDS:
        raise UsageError(f"--sourcing: unknown kind {kind!r} in {value!r} (choose from "
                         f"{', '.join(KINDS)}; write KIND:SOURCE WORDS)")
    from verifier.review.actions import check_source_words

    label = _label(kind, " ".join(source.split()))
    check_source_words([label])
    return label


def _labels_line(record: CorrectionRecord) -> str:
    from verifier.cli.shared import safe

    if not record.claim:
        return "not a claim"
    kinds = "; ".join(f"{s.kind}" + (f" ({safe(s.source)})" if s.source else "")
                      for s in record.sourcing) or "unattributed"
    return f"claim, {record.certainty}, {kinds}"
