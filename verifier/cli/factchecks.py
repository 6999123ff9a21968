"""``verifier factchecks import|list``: other fact-checkers' verdicts from ClaimReview."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from verifier.cli.output import DbOption, JsonOption
from verifier.cli.shared import err_console, plural, print_json
from verifier.errors import ExitCode, InputError
from verifier.limits import page_notes
from verifier.textsafe import one_line

factchecks_app = typer.Typer(
    rich_markup_mode=None,
    help="Fact-checks published elsewhere (ClaimReview): import them, list them. New claims "
         "are matched against them like the desk's own verdicts (`claims show`).",
    no_args_is_help=True,
)


@factchecks_app.command("import")
def import_command(
    files: Annotated[list[Path], typer.Argument(
        help="ClaimReview JSON-LD: .json files (one object, an array, or @graph) or HTML "
             'pages embedding <script type="application/ld+json">; a folder: its .json, '
             ".jsonld and .html files.", readable=False)],
    db: DbOption = None,
    json_output: JsonOption = False,
) -> None:
    """Store each ClaimReview as an external verdict (publisher, rating, url).

    A malformed record or file is reported and skipped; the rest are stored (exit code 1
    when anything was skipped; 3, and no summary, when nothing could be read). Importing
    the same record again adds nothing."""
    from verifier.ingest.factchecks import (
        FactCheck,
        FactCheckError,
        fact_check_files,
        read_fact_checks,
    )
    from verifier.store.database import database_session
    from verifier.store.factchecks import save_fact_checks
    from verifier.stories.matching import packed_terms

    good: list[FactCheck] = []
    errors: list[str] = []
    for path in fact_check_files(files, errors):
        try:
            for item in read_fact_checks(path):
                if isinstance(item, FactCheckError):
                    errors.append(item.message)
                else:
                    good.append(item)
        except InputError as exc:  # a file that cannot be read: say so, go on
            errors.append(str(exc))
    if errors and not good and not json_output:  # nothing to store: no summary of nothing
        from verifier.cli.ingest import nothing_stored

        nothing_stored(errors, inputs=[str(path) for path in files])  # records, not files
    added = already = 0
    if good:
        with database_session(db, write=True, create=True) as session:
            added, already = save_fact_checks(
                session, [(check, packed_terms(check.claim)) for check in good])
    if json_output:
        print_json({"stored": added, "already_stored": already, "skipped": len(errors),
                    "errors": errors})
    else:
        for message in errors:
            err_console().print(one_line(f"verifier: error: {message}"), markup=False,
                                highlight=False, soft_wrap=True)
        typer.echo(f"{plural(added, 'fact-check')} stored, {already} already stored, "
                   f"{len(errors)} skipped")
    if errors:
        raise typer.Exit(int(ExitCode.FAILURE if good else ExitCode.INPUT))


@factchecks_app.command("list")
def list_command(
    limit: Annotated[int, typer.Option(help="At most this many.")] = 50,
    offset: Annotated[int, typer.Option(help="Skip this many first.", min=0)] = 0,
    db: DbOption = None,
    json_output: JsonOption = False,
) -> None:
    """Imported fact-checks, oldest first, a page at a time: claim, rating, verdict,
    publisher, url."""
    from verifier.errors import UsageError
    from verifier.store.fact_check_reads import fact_check_count, list_fact_checks
    from verifier.store.queue_sql import MAX_LIMIT
    from verifier.store.reading import open_reader

    if not 1 <= limit <= MAX_LIMIT:  # 0 listed none as "no fact-checks imported", -1 all
        raise UsageError(f"--limit must be between 1 and {MAX_LIMIT}")
    with open_reader(db) as rows:  # the stdlib driver on a SQLite file, else SQLAlchemy
        checks = list_fact_checks(rows, limit=limit, offset=offset)
        total = (fact_check_count(rows) if offset or len(checks) == limit
                 else len(checks))
    if json_output:
        print_json([c.to_dict() for c in checks])
        return
    from verifier.cli.plain import Terminal, paragraph
    from verifier.report.styles import STATUS_STYLE
    from verifier.textsafe import printable, shown_url

    terminal = Terminal()
    # a page of them as the other lists say it (--limit N "lists them all" was no way past
    # the largest --limit)
    notes = page_notes(offset, len(checks), offset + len(checks)
                       if checks and offset + len(checks) < total else None)
    notes.insert(bool(offset), "oldest first")
    shown = (f"{len(checks)} of {total} fact-checks ({'; '.join(notes)})"
             if total > len(checks)
             else f"{len(checks)} fact-check{'' if len(checks) == 1 else 's'}")
    lines = paragraph(terminal, [(shown if total else "no fact-checks imported", "bold")])
    for c in checks:  # the url on a line of its own, never folded: it must open
        lines += paragraph(terminal, [(f"{c.id}  ", ""),
                                      (c.verdict, STATUS_STYLE.get(c.verdict, "")),
                                      (f"  rated {c.rating!r} by {c.publisher}",
                                       "")], "", "    ")
        lines += paragraph(terminal, [(c.claim, "")], "    ")
        if c.url:
            lines.append("    " + terminal.paint(printable(shown_url(c.url)).replace("\t", " "),
                                               "dim"))
    terminal.write(lines)
