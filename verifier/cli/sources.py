"""``verifier sources list|show|check|add|rekey``: the source registry (sources.yaml), and
the stored attributions keyed again to their sources."""

from __future__ import annotations

from collections import Counter
from typing import Annotated

import typer

from verifier.cli.output import DbOption, JsonOption, ScoringOption, SourcesOption
from verifier.cli.shared import print_json

sources_app = typer.Typer(
    rich_markup_mode=None,
    help="The source registry: list, show, check, add; rekey the stored sources after an "
         "upgrade.",
    no_args_is_help=True,
)


@sources_app.command("list")
def list_command(
    kind: Annotated[str | None, typer.Option(help="Only this kind (e.g. news_agency).")] = None,
    limit: Annotated[int, typer.Option(help="At most this many sources.")] = 100,
    offset: Annotated[int, typer.Option(help="Skip this many first.")] = 0,
    sources: SourcesOption = None,
    json_output: JsonOption = False,
) -> None:
    """Registry entries with their kind, prior and aliases, a page at a time (in the
    registry file's order)."""
    from verifier.config import sources_path
    from verifier.errors import UsageError
    from verifier.limits import check_page
    from verifier.registry import SOURCE_KINDS, load_registry
    from verifier.store.queue_sql import MAX_LIMIT
    from verifier.store.source_reads import registry_stats

    if kind is not None and kind not in SOURCE_KINDS:  # listed none, exit 0, as the desk refuses
        raise UsageError(f"unknown kind {kind!r} (choose from {', '.join(sorted(SOURCE_KINDS))})")
    check_page(limit, offset, most=MAX_LIMIT)  # in the words of the other lists
    registry = load_registry(sources_path(sources))
    entries, total = registry.page(kind, limit, offset)
    if json_output:
        print_json([registry_stats(s).to_dict() for s in entries])
        return
    from verifier.cli import review_render

    review_render.sources_table(entries, _list_title(len(entries), total, offset, limit,
                                                     registry.path))


def _list_title(shown: int, total: int, offset: int, limit: int, path: str) -> str:
    """'1315 sources in FILE', or a page of them as the other lists say it."""
    if shown == total:
        return f"{total} source{'' if total == 1 else 's'} in {path}"
    from verifier.limits import page_notes

    notes = page_notes(offset, shown, offset + limit if offset + shown < total else None)
    return f"{shown} of {total} sources in {path} ({'; '.join(notes)})"


@sources_app.command("show")
def show_command(
    source: Annotated[str, typer.Argument(help="Registry id, name or alias, or a stored key.")],
    sources: SourcesOption = None,
    db: DbOption = None,
    json_output: JsonOption = False,
) -> None:
    """One source: registry entry and prior, and how often the database cites it."""
    from verifier.cli import reads

    reads.sources_show(source, sources, db, json_output)


@sources_app.command("check")
def check_command(sources: SourcesOption = None) -> None:
    """Validate the registry; errors name the file, the entry and the field."""
    from verifier.config import sources_path
    from verifier.registry import load_registry

    registry = load_registry(sources_path(sources))
    kinds = Counter(s.kind for s in registry)
    names = sum(len(s.names) for s in registry)
    typer.echo(f"{registry.path}: {len(registry)} sources, {names} names and aliases, valid")
    typer.echo(", ".join(f"{kind} {count}" for kind, count in sorted(kinds.items())))


@sources_app.command("add")
def add_command(
    source_id: Annotated[str, typer.Argument(
        metavar="ID", help="New registry id (lower-case letters, digits, _ - .).")],
    name: Annotated[str, typer.Option(help="The outlet's or body's name.")],
    kind: Annotated[str, typer.Option(help="Registry kind, e.g. newspaper, news_agency, "
                                           "ministry (see sources check).")],
    alias: Annotated[list[str] | None, typer.Option(
        "--alias", metavar="NAME", help="Another name it goes by (repeatable).")] = None,
    country: Annotated[str | None, typer.Option(help="Country code, e.g. GB.")] = None,
    url: Annotated[str | None, typer.Option(help="Home page (http or https).")] = None,
    confirmed: Annotated[float, typer.Option(help="Prior: confirmed pseudo-count.")] = 1.0,
    refuted: Annotated[float, typer.Option(help="Prior: refuted pseudo-count.")] = 1.0,
    note: Annotated[str | None, typer.Option(help="Where the prior comes from.")] = None,
    replace: Annotated[bool, typer.Option(
        "--replace", help="Replace the entry with this id instead of adding one.")] = False,
    sources: SourcesOption = None,
) -> None:
    """Add (or with --replace, edit) an outlet in your sources.yaml (--sources,
    $VERIFIER_SOURCES, or ./sources.yaml, which starts as the packaged registry if missing).
    The new file is validated before it is written; an invalid entry changes nothing."""
    from verifier.review.registry_file import (
        DEFAULT_NOTE,
        OutletEntry,
        add_outlet,
        edit_outlet,
        user_sources_path,
    )

    entry = OutletEntry(source_id, name, kind, tuple(alias or ()), country, url, confirmed,
                        refuted, note or DEFAULT_NOTE)
    path = user_sources_path(sources)
    registry = (edit_outlet if replace else add_outlet)(path, entry)
    verb = "replaced" if replace else "added"
    typer.echo(f"{verb} {source_id} in {path} ({len(registry)} sources, valid)")


@sources_app.command("rekey")
def rekey_command(
    db: DbOption = None,
    sources: SourcesOption = None,
    scoring: ScoringOption = None,
) -> None:
    """Key the stored attributions' sources again as ingest keys them now (re-ingesting a
    stored article changes nothing): e.g. one article's "the company" read back to the
    company it names, or kept as that article's own rather than pooled across articles.
    Verdicts stay; track records are counted again and the stories touched rescored."""
    from verifier.cli.output import refresh_scores
    from verifier.cli.shared import weights_for
    from verifier.config import sources_path
    from verifier.registry import load_registry
    from verifier.store.database import open_database
    from verifier.store.source_rekey import rekey_sources

    registry = load_registry(sources_path(sources))
    with open_database(db, create=False) as database:
        with database.session_scope() as session:
            done = rekey_sources(session, registry)
        refresh_scores(database, weights_for(scoring), everything=True)
    typer.echo(f"{database.name}: {done.changed} of {done.attributions} attributions in "
               f"{done.articles} articles keyed to another source ({done.sources_added} "
               f"sources added, {done.sources_removed} no longer cited removed); track "
               f"records counted again; {done.stories} stories rescored")
