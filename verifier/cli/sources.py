"""``verifier sources list|show|check``: the source registry (sources.yaml)."""

from __future__ import annotations

from collections import Counter
from typing import Annotated

import typer

from verifier.cli.output import DbOption, JsonOption, SourcesOption, print_json
from verifier.errors import NotFoundError

sources_app = typer.Typer(
    rich_markup_mode=None, help="The source registry: list, show, check.", no_args_is_help=True
)


@sources_app.command("list")
def list_command(
    kind: Annotated[str | None, typer.Option(help="Only this kind (e.g. news_agency).")] = None,
    sources: SourcesOption = None,
    json_output: JsonOption = False,
) -> None:
    """Every registry entry with its kind, prior and aliases."""
    from verifier.config import sources_path
    from verifier.registry import load_registry
    from verifier.store.sources import registry_stats

    registry = load_registry(sources_path(sources))
    entries = [s for s in registry if kind is None or s.kind == kind]
    if json_output:
        print_json([registry_stats(s).to_dict() for s in entries])
        return
    from verifier.cli import review_render

    review_render.sources_table(entries, f"{len(entries)} sources in {registry.path}")


@sources_app.command("show")
def show_command(
    source: Annotated[str, typer.Argument(help="Registry id, name or alias, or a stored key.")],
    sources: SourcesOption = None,
    db: DbOption = None,
    json_output: JsonOption = False,
) -> None:
    """One source: registry entry and prior, and how often the database cites it."""
    from verifier.config import database_url, sources_path
    from verifier.errors import InputError
    from verifier.registry import load_registry
    from verifier.store.reading import sqlite_file
    from verifier.store.source_reads import find_outlet, registry_stats, source_stats

    registry = load_registry(sources_path(sources))
    try:
        entry = find_outlet(registry, source)
    except InputError:
        entry = None
    key = entry.id if entry is not None else source
    url = database_url(db)
    stats = registry_stats(entry) if entry is not None else None
    path = sqlite_file(url)
    if not url.startswith("sqlite") or path is None or path.is_file():
        from verifier.store.reading import open_reader

        with open_reader(db) as rows:
            stats = source_stats(rows, key, entry) or stats
    if stats is None:
        raise NotFoundError(f"no source {source!r} in {registry.path} or the database")
    if json_output:
        print_json(stats.to_dict())
        return
    from verifier.cli import review_render

    review_render.source_detail(stats)


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
