"""``verifier scoring show``: the scoring weights in force and the file that set each."""

from __future__ import annotations

import json
from typing import Annotated, Any

import typer

from verifier.cli.output import JsonOption, ScoringOption
from verifier.cli.shared import print_json

scoring_app = typer.Typer(
    rich_markup_mode=None,
    help="The scoring weights: show the values in force and which file set each.",
    no_args_is_help=True,
)


@scoring_app.command("show")
def show_command(
    scoring: ScoringOption = None,
    changed: Annotated[bool, typer.Option(
        "--changed", help="Only the values the --scoring file changes.")] = False,
    json_output: JsonOption = False,
) -> None:
    """Every scoring value in force (the packaged defaults with the --scoring file merged
    over them, key by key), and the file that set it."""
    from verifier.scoring.weights import effective_weights, scoring_path

    effective = effective_weights(scoring_path(scoring))
    rows = [(key, value, effective.set_by[key]) for key, value in effective.values.items()
            if not changed or effective.set_by[key] != "default"]
    if json_output:
        print_json({"defaults": effective.default_file, "overrides": effective.user_file,
                    "values": [{"key": key, "value": value, "set_by": by}
                               for key, value, by in rows]})
        return
    changes = sum(by != "default" for by in effective.set_by.values())
    if effective.user_file is None:
        typer.echo(f"scoring: the packaged defaults ({effective.default_file})")
    else:
        typer.echo(f"scoring: {effective.user_file} ({changes} value"
                   f"{'' if changes == 1 else 's'} changed) over the packaged defaults "
                   f"({effective.default_file})")
    width = max((len(key) for key, _, _ in rows), default=0)
    for key, value, by in rows:
        typer.echo(f"{key:<{width}}  {_shown(value)}  [{by}]")


def _shown(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)
