"""``verifier stories list|show|rename|merge|split|move|mark|group`` and ``eval-stories``."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from verifier.cli.output import (
    ByOption,
    DbOption,
    JsonOption,
    ScoringOption,
    SourcesOption,
    refresh_scores,
)
from verifier.cli.shared import console, plural, print_json, weights_for

if TYPE_CHECKING:
    from rich.table import Table
    from sqlalchemy.orm import Session

    from verifier.evaluation.stories import OutcomeEval, StoryEval
    from verifier.store.database import Database
    from verifier.store.verdicts import Decision

stories_app = typer.Typer(rich_markup_mode=None,
    help="Stories: claims about one event. List, show, correct the grouping, mark.",
    no_args_is_help=True,
)



SORT_HELP = ("score (best supported first), status (reviewed, then corroborated, unconfirmed, "
             "contested), date (latest first), size or id.")
STATUS_HELP = ("confirmed, refuted, disputed (reviewed); unverified (every open story); "
               "corroborated, unconfirmed, contested (open stories by their evidence); "
               "emptied (stories an article's deletion left with no claim, kept with their "
               "verdict history; no other status lists them); any (every story but emptied "
               "ones, the default).")


def _audit(session: Session, action: str, story_id: int, detail: dict[str, object],
           by: str | None = None) -> None:
    """The audit entry of a story edit made on the command line (``--by``, else
    $VERIFIER_REVIEWER, else the login name)."""
    from verifier.store import audit

    audit.record(session, _actor(by), action, f"story {story_id}", {**detail, "via": "cli"})


def _actor(by: str | None) -> str:
    """Who edits a story on the command line: ``--by``, else $VERIFIER_REVIEWER, else the
    login name."""
    import getpass
    import os

    return by or os.environ.get("VERIFIER_REVIEWER") or f"cli:{getpass.getuser()}"


@stories_app.command("list")
def list_command(
    min_claims: Annotated[int, typer.Option(
        help="Only stories with this many claims (one-claim stories are hidden by default).")
    ] = 2,
    status: Annotated[str | None, typer.Option(help=STATUS_HELP)] = None,
    article: Annotated[int | None, typer.Option(help="Stories with claims of this article.", min=1)]
    = None,
    since: Annotated[str | None, typer.Option(
        metavar="YYYY-MM-DD", help="Stories with articles on or after this date.")] = None,
    until: Annotated[str | None, typer.Option(
        metavar="YYYY-MM-DD", help="Stories with articles on or before this date.")] = None,
    search: Annotated[str | None, typer.Option(
        help="Words a claim of the story contains, each as the start of a word (as claims "
             "list --search: 'resign' finds 'resignation').")] = None,
    min_score: Annotated[float | None, typer.Option(
        metavar="0-1", help="Stories scoring at least this (0 to 1; the stored score the "
                            "list shows).")] = None,
    max_score: Annotated[float | None, typer.Option(
        metavar="0-1", help="Stories scoring at most this (0 to 1).")] = None,
    sort: Annotated[str, typer.Option(help=SORT_HELP)] = "score",
    limit: Annotated[int, typer.Option(help="At most this many stories.")] = 50,
    offset: Annotated[int, typer.Option(help="Skip this many first.")] = 0,
    db: DbOption = None,
    scoring: ScoringOption = None,
    json_output: JsonOption = False,
    csv_output: Annotated[bool, typer.Option("--csv", help="Print CSV.")] = False,
) -> None:
    """Stories with their status, score and size, best supported first, a page at a time.

    Scores, statuses and counts are kept in the database as stories change, so a page is one
    query however many stories there are; `stories show ID` gives a story's reasons.
    """
    from verifier.cli import reads

    reads.stories_list(min_claims, status, article, since, until, search, min_score,
                       max_score, sort, limit, offset, db, scoring, json_output, csv_output)


@stories_app.command("show")
def show_command(
    story_id: Annotated[int, typer.Argument(help="Story id.", min=1)],
    db: DbOption = None,
    scoring: ScoringOption = None,
    json_output: JsonOption = False,
    limit: Annotated[int, typer.Option(
        help="At most this many claims (and sentences under each reason, and articles); "
             "--json lists every one.")] = 200,
    offset: Annotated[int, typer.Option(help="Skip this many first claims.")] = 0,
) -> None:
    """A story: score and reasons, its claims (200 at a time) with why grouping put each
    there, and its verdict history."""
    from verifier.cli import reads

    reads.stories_show(story_id, db, scoring, json_output, limit=limit, offset=offset)


@stories_app.command("group")
def group_command(db: DbOption = None, scoring: ScoringOption = None) -> None:
    """Group claims that no story holds yet (ingest does this for new articles, and for any
    an earlier run left ungrouped; this also finds claims whose membership was removed by
    hand, as `verifier db verify` reports them)."""
    from verifier.store.database import open_database
    from verifier.stories.update import group_all

    with open_database(db, create=False) as database:
        articles, touched = group_all(database)
        refresh_scores(database, weights_for(scoring))
    typer.echo(f"grouped the claims of {articles} articles: {touched} stories created or "
               "extended")


@stories_app.command("rescore")
def rescore_command(db: DbOption = None, scoring: ScoringOption = None) -> None:
    """Rescore every story whose score is out of date (after verdicts moved its sources'
    track records, or with other weights). Lists show the previous score until then."""
    from verifier.store.database import open_database
    from verifier.stories.scores import refresh

    with open_database(db, create=False) as database:
        done = refresh(database, weights_for(scoring))
    typer.echo(f"{done} stories rescored")


EditorOption = Annotated[str | None, typer.Option(
    "--by", envvar="VERIFIER_REVIEWER", show_envvar=True,
    help="Reviewer's name for the audit log (else the login name).")]


@stories_app.command("rename")
def rename_command(
    story_id: Annotated[int, typer.Argument(help="Story id.", min=1)],
    title: Annotated[str, typer.Argument(help="The new title.")],
    by: EditorOption = None,
    db: DbOption = None,
) -> None:
    """Give a story a title of your own."""
    from verifier.review.actions import rename_story
    from verifier.store.database import database_session

    with database_session(db, write=True) as session:
        rename_story(session, story_id, title, actor=_actor(by), via="cli")
    typer.echo(f"story {story_id} renamed")


StatusOption = Annotated[str | None, typer.Option(
    "--status", help="When the stories' verdicts differ: which stands (confirmed, refuted or "
    "disputed), recorded as a new verdict with --evidence and --by.")]
EvidenceOption = Annotated[str | None, typer.Option(help="What shows it.")]
UrlOption = Annotated[str | None, typer.Option(help="Where the evidence is.")]


def _decision(status: str | None, evidence: str | None, by: str | None,
              url: str | None) -> Decision | None:
    from verifier.errors import UsageError
    from verifier.store.verdicts import Decision, check_verdict

    if status is None:
        if evidence is not None:
            raise UsageError("--evidence goes with --status (which verdict stands)")
        return None
    check_verdict(status, evidence, by)
    return Decision(status, evidence or "", by or "", url)


def _carried(session: Session, verdict_ids: list[int]) -> None:
    from verifier.store.stories import verdict_records

    for record in verdict_records(session, verdict_ids):
        typer.echo(f"story {record.story_id} is now {record.status}: verdict {record.id}, "
                   f"{record.describe()}")


@stories_app.command("merge")
def merge_command(
    target: Annotated[int, typer.Argument(help="The story that keeps the claims.", min=1)],
    others: Annotated[list[int], typer.Argument(help="Stories merged into it.",
                                                metavar="ID...", min=1)],
    status: StatusOption = None,
    evidence: EvidenceOption = None,
    url: UrlOption = None,
    by: ByOption = None,
    db: DbOption = None,
    scoring: ScoringOption = None,
) -> None:
    """Merge stories into the first one. Their verdicts come along: a story's verdict is
    carried to the target if it has none; if verdicts differ, say which stands (--status)."""
    from verifier.store.database import open_database
    from verifier.stories.store import merge_stories

    decision = _decision(status, evidence, by, url)
    with open_database(db, create=False) as database:
        with database.session_scope() as session:
            written = merge_stories(session, target, others, decision)
            _carried(session, written)
            _audit(session, "story-merge", target, {"merged": others, "verdicts": written},
                   by)
        refresh_scores(database, weights_for(scoring))
        standing = _standing(database, [target])
    typer.echo(f"merged {', '.join(map(str, others))} into story {target}")
    typer.echo(standing)


@stories_app.command("split")
def split_command(
    story_id: Annotated[int, typer.Argument(help="Story id.", min=1)],
    claim_ids: Annotated[list[int], typer.Argument(help="Claims that form the new story.",
                                                   metavar="ID...", min=1)],
    title: Annotated[str | None, typer.Option(help="Title of the new story.")] = None,
    by: EditorOption = None,
    db: DbOption = None,
    scoring: ScoringOption = None,
) -> None:
    """Move some claims of a story into a new story (which carries the story's verdict:
    `verifier stories retract NEW` if it does not apply)."""
    from verifier.store.database import open_database
    from verifier.stories.store import split_story

    with open_database(db, create=False) as database:
        with database.session_scope() as session:
            new_id, written = split_story(session, story_id, claim_ids, title)
            _carried(session, written)
            _audit(session, "story-split", story_id,
                   {"claims": claim_ids, "new_story": new_id}, by)
        refresh_scores(database, weights_for(scoring))
        standing = _standing(database, [story_id, new_id])
    typer.echo(standing)
    typer.echo(f"new story {new_id}")  # last: scripts read the new id from it


@stories_app.command("move")
def move_command(
    claim_ids: Annotated[list[int], typer.Argument(help="Claim ids.", metavar="ID...", min=1)],
    to: Annotated[int, typer.Option("--to", help="The story that receives them.", min=1)],
    status: StatusOption = None,
    evidence: EvidenceOption = None,
    url: UrlOption = None,
    by: ByOption = None,
    db: DbOption = None,
    scoring: ScoringOption = None,
) -> None:
    """Move claims into a story. A story left empty counts as merged into it (its verdict
    comes along, as with merge)."""
    from verifier.store.database import open_database
    from verifier.stories.store import move_claims

    decision = _decision(status, evidence, by, url)
    with open_database(db, create=False) as database:
        with database.session_scope() as session:
            written = move_claims(session, claim_ids, to, decision)
            _carried(session, written)
            _audit(session, "story-move", to, {"claims": claim_ids, "verdicts": written}, by)
        refresh_scores(database, weights_for(scoring))
        standing = _standing(database, [to])
    typer.echo(f"moved {'1 claim' if len(claim_ids) == 1 else f'{len(claim_ids)} claims'} "
               f"to story {to}")
    typer.echo(standing)


def _standing(database: Database, story_ids: list[int]) -> str:
    """Where stories stand after a grouping edit: size, status and score, one a line."""
    from verifier.store.stories import story_records

    with database.session_scope(write=False) as session:
        records = story_records(session, story_ids)
    lines = []
    for story_id in story_ids:
        r = records.get(story_id)
        if r is None:
            continue
        score = "" if r.score is None else f", score {r.score:.2f}"
        lines.append(f"story {story_id}: {plural(r.claims, 'claim')} in "
                     f"{plural(r.articles, 'article')}, {r.shown_status}{score}")
    return "\n".join(lines)


@stories_app.command("retract")
def retract_command(
    story_id: Annotated[int, typer.Argument(help="Story id.", min=1)],
    evidence: Annotated[str | None, typer.Option(help="Why it is withdrawn (required).")]
    = None,
    by: ByOption = None,
    verdict: Annotated[int | None, typer.Option(
        help="The verdict to retract [default: the one in force].", min=1)] = None,
    note: Annotated[str | None, typer.Option(help="A note.")] = None,
    db: DbOption = None,
    json_output: JsonOption = False,
) -> None:
    """Withdraw a story's verdict (and the claim verdicts written with it) by appending a
    retraction; the status falls back to the verdict before it, or unverified."""
    from verifier.cli.output import refresh_scores
    from verifier.cli.shared import weights_for
    from verifier.store.database import open_database
    from verifier.stories.store import retract_verdict

    with open_database(db, create=False) as database:
        with database.session_scope() as session:
            result = retract_verdict(session, story_id=story_id, evidence=evidence or "",
                                     reviewer=by or "", verdict_id=verdict, note=note)
            _audit(session, "retract", story_id, {**result.to_dict(), "reason": evidence},
                   by)
        refresh_scores(database, weights_for(None))
    if json_output:
        print_json(result.to_dict())
        return
    typer.echo(f"retracted verdict {result.retracted[0]} on story {story_id}: now "
               f"{result.status}" + (f"; {plural(len(result.claims), 'claim')} retracted "
                                     "with it" if result.claims else ""))


@stories_app.command("mark")
def mark_command(
    story_id: Annotated[int, typer.Argument(help="Story id.", min=1)],
    status: Annotated[str, typer.Argument(help="confirmed, refuted or disputed.")],
    evidence: Annotated[str | None, typer.Option(help="What shows it (required).")] = None,
    url: Annotated[str | None, typer.Option(help="Where the evidence is.")] = None,
    note: Annotated[str | None, typer.Option(help="A note.")] = None,
    by: ByOption = None,
    db: DbOption = None,
    scoring: ScoringOption = None,
    json_output: JsonOption = False,
) -> None:
    """Append a verdict on a story (with its current score) and mark its claims."""
    from verifier.review.actions import marked_claims
    from verifier.store.database import open_database
    from verifier.stories.store import mark_story

    weights = weights_for(scoring)
    with open_database(db, create=False) as database:
        with database.session_scope() as session:
            view = mark_story(session, story_id, status, evidence=evidence or "",
                              reviewer=by or "", weights=weights, url=url, note=note)
            _audit(session, "mark", story_id, {"status": status}, by)
        refresh_scores(database, weights)
    if json_output:
        print_json(view.to_dict())
        return
    typer.echo(f"story {story_id} marked {status} (score at review {view.verdicts[-1].score:.2f})"
               f"; its claims: {marked_claims(view, status)}")


app = typer.Typer(add_completion=False, rich_markup_mode=None)


@app.command("eval-stories")
def eval_stories_command(
    files: Annotated[list[Path], typer.Argument(
        help="*.stories.jsonl files; several are measured one by one and pooled.",
        readable=False)],
    labels: Annotated[Path | None, typer.Option(
        help="Its sentence labels [default: the matching *.labels.jsonl].", readable=False)]
    = None,
    texts: Annotated[Path | None, typer.Option(
        help="The labelled articles (DIR/<doc>.txt) [default: the folder named like the "
             "stories file, if there is one].", readable=False)] = None,
    scores: Annotated[bool, typer.Option(
        "--scores/--no-scores",
        help="Also replay the texts through ingest, grouping and scoring: score AUC and "
             "status agreement on stories with an outcome.")] = True,
    errors: Annotated[int, typer.Option(
        "--errors", min=0,
        help="Also list, for the N stories of lowest F1, the sentences each lost (and where "
             "they went) and took in (and whose they are).")] = 0,
    sources: SourcesOption = None,
    scoring: ScoringOption = None,
    json_output: JsonOption = False,
) -> None:
    """Measure stories: membership per labelled story, and scores against outcomes.

    Membership groups the labelled claims (gold segmentation); gold and predicted stories
    are matched one to one (best F1 first); see verifier/evaluation/stories.py for how
    unmatched stories count. With the texts, the articles are also ingested into a
    temporary database as a user would (each with its publication date from the matching
    *.manifest.tsv, column 5, when there is one), and each gold story with an outcome reads
    the score and open status of the story most of its sentences landed in."""
    from verifier.errors import UsageError
    from verifier.evaluation.stories import OutcomeEval, pool

    if len(files) > 1 and (labels is not None or texts is not None):
        raise UsageError("--labels and --texts go with one stories file; with several, each "
                         "file's labels and texts are found next to it")
    results: list[StoryEval] = []
    measured: list[OutcomeEval] = []
    for stories in files:
        result, outcomes = _eval_one(stories, labels, texts, scores, sources, scoring)
        results.append(result)
        if outcomes is not None:
            measured.append(outcomes)
    result = pool(results)
    outcomes = OutcomeEval(tuple(o for m in measured for o in m.stories)) if measured else None
    stories = files[0] if len(files) == 1 else Path(f"{len(files)} files pooled")
    if json_output:
        data = result.to_dict()
        data["outcomes"] = outcomes.to_dict() if outcomes is not None else None
        print_json(data)
        return
    _print_story_eval(result, outcomes, stories.name, errors)


def _print_story_eval(result: StoryEval, outcomes: OutcomeEval | None, name: str,
                      errors: int) -> None:
    """The terminal form of ``eval-stories``: membership per story, the stories with an
    outcome, the macro and micro lines, the worst stories (``errors``), the errors by class
    and the summary."""
    console().print(_membership_table(result, name))
    if outcomes is not None and outcomes.stories:
        console().print(_outcomes_table(outcomes))
    has_cross = any(len(s.docs) > 1 for s in result.stories)
    for label, cross in (("all stories", False), ("cross-article stories", True)):
        if cross and not has_cross:
            continue
        console().print(
            f"{label}: macro P {result.macro('precision', cross_only=cross):.3f} "
            f"R {result.macro('recall', cross_only=cross):.3f} "
            f"F1 {result.macro('f1', cross_only=cross):.3f}"
        )
    micro = result.micro()
    console().print(f"micro P {micro['precision']:.3f} R {micro['recall']:.3f} "
                    f"F1 {micro['f1']:.3f}")
    console().print(
        f"gold stories {len(result.stories)}, predicted {result.predicted_stories} "
        f"(unmatched: {result.unmatched_fragments} holding gold sentences, "
        f"{result.unmatched_background} background only)"
    )
    if errors:
        _print_errors(result, errors)
    console().print(_classes_table(result))
    console().print(_summary_table(result, outcomes, micro["f1"], has_cross))


def _membership_table(result: StoryEval, name: str) -> Table:
    """Each labelled story: its articles, gold and predicted sentences, shared, P, R, F1."""
    from rich.table import Table

    table = Table(title=f"Story membership: {name}")
    for column in ("story", "articles", "gold", "predicted", "shared", "P", "R", "F1"):
        table.add_column(column, justify="left" if column == "story" else "right")
    for s in result.stories:
        table.add_row(s.story, str(len(s.docs)), str(s.gold), str(s.predicted), str(s.shared),
                      f"{s.precision:.2f}", f"{s.recall:.2f}", f"{s.f1:.2f}")
    return table


def _outcomes_table(outcomes: OutcomeEval) -> Table:
    """Each story with an outcome: the story it landed in, its score and status."""
    from rich.table import Table

    scored_table = Table(title="Stories with an outcome: the score a reader sees")
    for column in ("story", "outcome", "predicted", "score", "status", "agrees"):
        scored_table.add_column(column, justify="left" if column in ("story", "status")
                                else "right")
    for o in outcomes.stories:
        scored_table.add_row(
            o.story, o.outcome, str(o.predicted) if o.predicted is not None else "-",
            f"{o.score:.2f}" if o.score is not None else "-", o.status or "-",
            "yes" if o.agrees else "no")
    return scored_table


def _classes_table(result: StoryEval) -> Table:
    """The membership errors by class (from the gold side)."""
    from rich.table import Table

    from verifier.evaluation.stories import MISMATCH_LABELS

    classes = Table(title="Membership errors by class (from the gold side)")
    classes.add_column("class")
    classes.add_column("count", justify="right")
    for field, count in result.mismatches.to_dict().items():
        classes.add_row(MISMATCH_LABELS[field], str(count))
    return classes


def _summary_table(result: StoryEval, outcomes: OutcomeEval | None, micro_f1: float,
                   has_cross: bool) -> Table:
    """Membership F1, cross-article P / R, and (with the texts) score AUC and status
    agreement."""
    from rich.table import Table

    summary = Table(title="Summary")
    summary.add_column("measure")
    summary.add_column("value", justify="right")
    summary.add_row("membership F1 macro (micro)", f"{result.macro('f1'):.3f} ({micro_f1:.3f})")
    summary.add_row("cross-article membership P / R",
                    f"{result.macro('precision', cross_only=True):.3f} / "
                    f"{result.macro('recall', cross_only=True):.3f}" if has_cross else "n/a")
    if outcomes is None:
        summary.add_row("score AUC, confirmed vs refuted", "not run (no texts)")
        summary.add_row("status agrees with outcome", "not run (no texts)")
        return summary
    n_conf, n_ref = outcomes.count("confirmed"), outcomes.count("refuted")
    n_disputed = outcomes.count("disputed")
    value = outcomes.auc
    summary.add_row(f"score AUC, confirmed vs refuted ({n_conf} vs {n_ref})",
                    f"{value:.3f}" if value is not None else "n/a (needs both)")
    if n_disputed:
        summary.add_row("disputed stories (not in the AUC)", str(n_disputed))
    agreement = outcomes.agreement
    summary.add_row(f"status agrees with outcome ({len(outcomes.stories)} stories"
                    + (f", {n_disputed} disputed)" if n_disputed else ")"),
                    f"{agreement:.3f}" if agreement is not None else "n/a")
    return summary


def _print_errors(result: StoryEval, limit: int) -> None:
    """The ``limit`` stories of lowest F1 (most gold sentences first on a tie): the sentences
    each lost and where they went, those it took in and whose they are."""
    worst = sorted((s for s in result.stories if s.missing or s.extra),
                   key=lambda s: (s.f1, -s.gold, s.story))[:limit]
    for s in worst:
        matched = (f"{s.shared} of its {s.gold} sentences in its match of {s.predicted}"
                   if s.predicted else f"none of its {s.gold} sentences matched")
        console().print(f"{s.story}: F1 {s.f1:.2f} ({matched})", markup=False,
                        highlight=False, soft_wrap=True)
        for p in s.missing:
            where = f"in the match of {p.other}" if p.other else "in a story matching none"
            console().print(f"  lost  {p.doc}#{p.i} {where}: {p.text[:100]}{_why(p.why)}",
                            markup=False, highlight=False, soft_wrap=True)
        for p in s.extra:
            whose = f"of {p.other}" if p.other else "background"
            console().print(f"  took  {p.doc}#{p.i} ({whose}): {p.text[:100]}{_why(p.why)}",
                            markup=False, highlight=False, soft_wrap=True)


def _why(reason: str) -> str:
    return f"\n        why: {reason}" if reason else ""


def _eval_one(
    stories: Path, labels: Path | None, texts: Path | None, scores: bool,
    sources: str | None, scoring: str | None,
) -> tuple[StoryEval, OutcomeEval | None]:
    """One labelled corpus: membership, and (with its texts) the outcomes' scores."""
    from verifier.evaluation.labels import read_label_rows
    from verifier.evaluation.stories import (
        evaluate_outcomes,
        evaluate_stories,
        labels_path_for,
        manifest_path_for,
        read_manifest_dates,
    )

    if texts is None:
        guess = stories.with_name(stories.name.removesuffix(".stories.jsonl"))
        texts = guess if guess.is_dir() else None
    result = evaluate_stories(stories, labels, texts)
    if not (scores and texts is not None):
        return result, None
    from verifier.config import sources_path
    from verifier.registry import load_registry
    from verifier.stories.replay import replay_scores

    label_rows = read_label_rows(labels or labels_path_for(stories))
    manifest = manifest_path_for(stories)
    dates = read_manifest_dates(manifest) if manifest.is_file() else None
    scored = replay_scores(texts, label_rows, load_registry(sources_path(sources)),
                           weights_for(scoring), dates)
    return result, evaluate_outcomes(stories, scored)
