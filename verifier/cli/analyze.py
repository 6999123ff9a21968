"""``verifier analyze FILE... [--json]``: label every sentence of articles (no database)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from verifier.cli.output import JsonOption, SourcesOption
from verifier.cli.shared import console, print_json
from verifier.errors import ExitCode
from verifier.report.styles import CERTAINTY_STYLE, KIND_STYLE
from verifier.textsafe import one_line
from verifier.vocab import UNATTRIBUTED

if TYPE_CHECKING:
    from rich.text import Text

    from verifier.analysis.results import ArticleAnalysis, SentenceAnalysis



app = typer.Typer(add_completion=False, rich_markup_mode=None)


@app.command("analyze")
def analyze_command(
    files: Annotated[
        list[Path],
        typer.Argument(
            help="Article files: .md (front matter skipped), .html, .jsonl, or plain text.",
            metavar="FILE...", readable=False,  # unreadable: the reader's one line, exit 3
        ),
    ],
    json_output: JsonOption = False,
    outlet: Annotated[
        str | None,
        typer.Option("--outlet", help="The publishing outlet (a registry id or name)."),
    ] = None,
    sources: SourcesOption = None,
) -> None:
    """Label each sentence: claim or not, who stands behind it, how firmly it is stated.

    Nothing is stored. A file that cannot be read is reported on one line and the others are
    still analysed; the exit code is then non-zero.

    --json prints a list with one object per file:
    {"file", "outlet", "sentences": [{"index", "start", "end", "text", "claim",
    "claim_rule", "certainty" (certain|probable|possible|null), "certainty_evidence":
    {"value", "cue": {"text", "start", "end"} | null, "rule"} | null, "attributions":
    [{"kind", "speaker", "stance", "source": {"text", "start", "end"}, "cue": {...},
    "rule", "carried", "mention"?, "reason"?, "evidence"?}]}]}. Offsets are character
    offsets into the article's text (for .md, the text after the front matter; for HTML, the
    extracted text); a carried source (a pronoun or back-reference) may point into an earlier
    sentence, and "mention" then holds the words of this sentence that stand for it ("she").
    "evidence" holds the words elsewhere in the article that showed the speaker's kind when
    its own words do not ("Finance Minister Jane Roe" for a later "Roe"). "reason" is given
    for a learned attribution (its score and the features that weighed most) and for a kind
    no words showed (the name rule's declared fallback: "no office evidence: ..."). A JSONL
    file gives one object per line, its "file" being FILE:LINE.
    """
    from verifier.analysis.analyse import analyse_text, default_registry
    from verifier.config import sources_path
    from verifier.ingest.readers import ReadFailure, read_any
    from verifier.registry import load_registry

    registry = load_registry(sources_path(sources)) if sources else default_registry()
    results: list[dict[str, Any]] = []
    failed = False
    for path in files:
        for article in read_any(path):
            if isinstance(article, ReadFailure):
                typer.echo(one_line(f"verifier: error: {article.message}"), err=True)
                failed = True
                continue
            analysis = analyse_text(
                article.text, registry=registry, outlet=outlet or article.outlet
            )
            if json_output:
                results.append({"file": article.origin, **analysis.to_dict()})
            else:
                _render(article.origin, analysis)
    if json_output:
        print_json(results)
    if failed:
        raise typer.Exit(int(ExitCode.INPUT))


def _render(name: str, analysis: ArticleAnalysis) -> None:
    """Each sentence as a list item: its number and labels on one line, the sentence under
    them at the terminal's width (a table gave it a fifth of 80 columns)."""
    from rich.text import Text

    out = console()
    claims = sum(s.claim for s in analysis.sentences)
    out.print(Text(f"{name}: {len(analysis.sentences)} sentences, {claims} claims"
                   + (f" (outlet: {analysis.outlet})" if analysis.outlet else ""),
                   style="bold"))
    for sentence in analysis.sentences:
        head = Text(f"{sentence.index:>3}  ")
        if sentence.claim:
            head.append("claim")
            certainty = _certainty(sentence)
            if certainty.plain:
                head.append(" · ")
                head.append_text(certainty)
            head.append(" · ")
            head.append_text(_sourcing(sentence, "; "))
        else:
            head.append(f"not a claim ({sentence.claim_rule})", style="dim")
        for n, line in enumerate(head.wrap(out, out.width - 5 if out.width > 25 else 20)):
            out.print(line if n == 0 else Text("     ") + line)  # a long label line's rest
        body = _highlighted(sentence)
        if not sentence.claim:
            body.stylize("dim")
        for line in body.wrap(out, max(out.width - 5, 20)):  # no padding to the width
            out.print(Text("     ") + line)


def _sourcing(sentence: SentenceAnalysis, between: str = "\n") -> Text:
    from rich.text import Text

    out = Text()
    if not sentence.claim:
        return out
    if not sentence.attributions:
        out.append(UNATTRIBUTED, style="dim")
    for n, a in enumerate(sentence.attributions):
        if n:
            out.append(between)
        out.append(a.kind, style=KIND_STYLE.get(a.kind, ""))
        out.append(f": {a.source.text}")
        if a.carried:
            said = f' "{a.mention.text}"' if a.mention is not None else ""
            out.append(f" (carried{said})", style="dim")
        if a.evidence is not None:
            out.append(f" (as: {a.evidence.text})", style="dim")
    return out


def _certainty(sentence: SentenceAnalysis) -> Text:
    from rich.text import Text

    label = sentence.certainty
    if label is None:
        return Text("")
    out = Text(label.value, style=CERTAINTY_STYLE.get(label.value, ""))
    if label.cue is not None:
        # a cue that leaves the claim certain is a hedge-like word the rules set aside ("his
        # visit may open a path": a hedge in a clause of its own), not what made it certain
        shown = (f"“{label.cue.text}” not counted" if label.value == "certain"
                 else label.cue.text)
        out.append(f" ({shown})", style="dim")
    return out


def _highlighted(sentence: SentenceAnalysis) -> Text:
    """The sentence with source words underlined in their kind's colour and cues in italics."""
    from rich.text import Text

    text = Text(sentence.text)
    size = len(sentence.text)

    def mark(start: int, end: int, style: str) -> None:
        a, b = start - sentence.start, end - sentence.start
        if 0 <= a < b <= size:
            text.stylize(style, a, b)

    for a in sentence.attributions:
        mark(a.source.start, a.source.end, f"underline {KIND_STYLE.get(a.kind, '')}")
        mark(a.cue.start, a.cue.end, "italic")
    if sentence.certainty is not None and sentence.certainty.cue is not None:
        cue = sentence.certainty.cue
        mark(cue.start, cue.end, f"reverse {CERTAINTY_STYLE.get(sentence.certainty.value, '')}")
    return text
