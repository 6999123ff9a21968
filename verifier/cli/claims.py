"""``verifier claims list|show|mark``: the review queue."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from verifier.cli.output import ByOption, DbOption, JsonOption
from verifier.cli.shared import plural, print_json
from verifier.errors import UsageError

if TYPE_CHECKING:
    pass

claims_app = typer.Typer(
    rich_markup_mode=None, no_args_is_help=True,
    help="Review stored claims: list, show, mark, adopt an earlier verdict.",
)

DateOption = Annotated[str | None, typer.Option(metavar="YYYY-MM-DD")]


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
    article: Annotated[int | None, typer.Option(help="Article id.", metavar="ID")] = None,
    story: Annotated[int | None, typer.Option(help="Story id.", metavar="ID")] = None,
    since: DateOption = None,
    until: DateOption = None,
    search: Annotated[str | None, typer.Option(help="Words the claim contains.")] = None,
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
                      search, sort, limit, offset, db, json_output, csv_output, matches)


@claims_app.command("show")
def show_command(
    claim_id: Annotated[int, typer.Argument(help="Claim id.")],
    db: DbOption = None,
    json_output: JsonOption = False,
) -> None:
    """One claim in its paragraph, with its sourcing, resolved sources and verdict history."""
    from verifier.cli import reads

    reads.claims_show(claim_id, db, json_output)


@claims_app.command("mark")
def mark_command(
    claim_ids: Annotated[list[int], typer.Argument(help="Claim ids.", metavar="ID...")],
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

    Every id is checked first; if one is unknown nothing is written.
    """
    from verifier.cli.output import refresh_scores
    from verifier.cli.shared import weights_for
    from verifier.store import audit
    from verifier.store.database import open_database
    from verifier.store.verdicts import check_verdict
    from verifier.stories.store import mark_claims

    check_verdict(status, evidence, by)
    assert evidence is not None and by is not None  # checked above
    with open_database(db, create=False) as database:
        with database.session_scope() as session:
            verdict_ids = mark_claims(
                session, claim_ids, status, evidence=evidence, reviewer=by, url=url, note=note
            )
            for claim_id, verdict_id in zip(dict.fromkeys(claim_ids), verdict_ids,
                                            strict=False):
                audit.record(session, by, "mark", f"claim {claim_id}",
                             {"verdict": verdict_id, "status": status, "via": "cli"})
        refresh_scores(database, weights_for(None))
    if json_output:
        print_json({"status": status, "claims": list(dict.fromkeys(claim_ids)),
                    "verdicts": verdict_ids})
        return
    ids = ", ".join(str(i) for i in dict.fromkeys(claim_ids))
    typer.echo(f"Marked {plural(len(verdict_ids), 'claim')} {status}: {ids}")


@claims_app.command("retract")
def retract_command(
    claim_id: Annotated[int, typer.Argument(help="Claim id.")],
    evidence: Annotated[str | None, typer.Option(help="Why it is withdrawn (required).")]
    = None,
    by: ByOption = None,
    verdict: Annotated[int | None, typer.Option(
        help="The verdict to retract [default: the one in force].")] = None,
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
    claim_id: Annotated[int, typer.Argument(help="Claim id.")],
    source: Annotated[str | None, typer.Option(
        "--from", help="The match to take: story:ID, claim:ID or fact-check:ID "
                       "[default: the best match].")] = None,
    by: Annotated[str | None, typer.Option("--by", help="Reviewer's name (required).")] = None,
    note: Annotated[str | None, typer.Option(help="A note for other reviewers.")] = None,
    db: DbOption = None,
    json_output: JsonOption = False,
) -> None:
    """Give a claim the earlier verdict it matches (see `claims show`): one action, with
    the earlier verdict's evidence and where it came from."""
    from verifier.cli.output import refresh_scores
    from verifier.cli.shared import weights_for
    from verifier.store.database import open_database
    from verifier.store.trackrecords import verdict_counts
    from verifier.stories.matching import adopt
    from verifier.stories.scores import after_verdicts

    if not by or not by.strip():
        raise UsageError("--by: give the reviewer's name")
    with open_database(db, create=False) as database:
        with database.session_scope() as session:
            before = verdict_counts(session)
            chosen = adopt(session, claim_id, reviewer=by, ref=source, note=note)
            after_verdicts(session, before)
        refresh_scores(database, weights_for(None))
    if json_output:
        print_json({"claim": claim_id, "status": chosen.verdict, "from": chosen.to_dict()})
        return
    typer.echo(f"claim {claim_id} marked {chosen.verdict}, adopted from {chosen.ref}")
