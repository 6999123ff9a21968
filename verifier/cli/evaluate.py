"""``verifier eval LABELS.jsonl --texts DIR``: score the analyser against a labelled corpus."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from verifier.cli.output import JsonOption
from verifier.cli.shared import console, print_json

if TYPE_CHECKING:
    from verifier.evaluation.labels import Evaluation, Score


app = typer.Typer(add_completion=False, rich_markup_mode=None)


@app.command("eval")
def eval_command(
    labels: Annotated[
        Path,
        typer.Argument(help="Labels file (JSON Lines, one sentence a line).", metavar="LABELS",
                       readable=False),
    ],
    texts: Annotated[
        Path, typer.Option("--texts", help="Directory holding <doc>.txt for every labelled doc.",
                     readable=False)
    ],
    json_output: JsonOption = False,
    errors: Annotated[
        bool, typer.Option("--errors", help="List every disagreement with its sentence.")
    ] = False,
) -> None:
    """Score the analyser against labelled sentences (the sourcing guide's format).

    Gold sentences are aligned to the analyser's by character overlap. Reports claim
    precision/recall/F1, sourcing micro-F1 over (sentence, kind) pairs and per kind, certainty
    accuracy and per-class F1 with a confusion table, and sentence-boundary accuracy.

    --json prints {"documents", "sentences": {...}, "claim": {"precision", "recall", "f1", ...},
    "sourcing": {"micro": {...}, "per_kind": {KIND: {"precision", "recall", "f1", "support"}}},
    "certainty": {"accuracy", "per_class": {VALUE: {...}}, "confusion": {GOLD: {PRED: n}}}}
    and, with --errors, "errors": [{"doc", "i", "field", "gold", "predicted", "text"}].
    """
    from verifier.evaluation.labels import evaluate_corpus

    result = evaluate_corpus(labels, texts)
    if json_output:
        print_json(result.to_dict(errors=errors))
        return
    _render(result, errors)


def _render(result: Evaluation, errors: bool) -> None:
    from rich.table import Table

    out = console()
    out.print(
        f"{result.documents} documents, {result.gold_sentences} gold sentences, "
        f"{result.predicted_sentences} predicted; exact boundaries "
        f"{result.exact_boundaries}/{result.gold_sentences} ({result.boundary_accuracy:.1%})"
    )
    table = Table(title="Scores", title_justify="left")
    for column in ("label", "precision", "recall", "F1", "support"):
        table.add_column(column, justify="left" if column == "label" else "right")

    def row(name: str, k: Score, style: str = "") -> None:
        if k.support:
            table.add_row(name, f"{k.precision:.3f}", f"{k.recall:.3f}", f"{k.f1:.3f}",
                          str(k.support), style=style)
            return
        # no gold example: recall and F1 are not measured (Score counts them 1.0 and 0.0);
        # precision is, when something was predicted
        shown = f"{k.precision:.3f}" if k.tp + k.fp else "-"
        table.add_row(name, shown, "-", "-", "0 (not measured)", style=style)

    row("claim", result.claim, "bold")
    row("sourcing (micro)", result.sourcing, "bold")
    for kind, k in result.per_kind.items():
        row(f"  {kind}", k)
    table.add_row(
        "certainty accuracy", "", "", f"{result.certainty_accuracy:.3f}",
        str(result.certainty_total), style="bold",
    )
    for value, k in result.per_class.items():
        row(f"  {value}", k)
    out.print(table)
    confusion = Table(title="Certainty confusion (rows gold, columns predicted)",
                      title_justify="left")
    confusion.add_column("gold")
    classes = list(result.confusion)
    for value in classes:
        confusion.add_column(value, justify="right")
    for gold in classes:
        confusion.add_row(gold, *(str(result.confusion[gold][p]) for p in classes))
    out.print(confusion)
    if errors:
        listing = Table(title=f"Disagreements ({len(result.errors)})", title_justify="left")
        for column in ("doc", "i", "field", "gold", "predicted", "sentence"):
            listing.add_column(column, overflow="fold")
        for e in result.errors:
            listing.add_row(
                e.doc, "" if e.i is None else str(e.i), e.field, e.gold, e.predicted, e.text
            )
        out.print(listing)
