"""The report in the terminal (Rich): stories side by side with status, score and reasons;
per-article summaries; source track records."""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Console, Group
from rich.table import Table
from rich.text import Text

from verifier.report.model import ArticleReport, Report
from verifier.report.styles import STATUS_STYLE
from verifier.scoring.trackrecord import TrackRecord
from verifier.stories.view import StoryView

REASONS = 6


def story_table(stories: Sequence[StoryView]) -> Table:
    table = Table(title="Stories", show_lines=True, expand=True)
    table.add_column("id", justify="right", no_wrap=True)
    table.add_column("story", ratio=3)
    table.add_column("status", no_wrap=True)
    table.add_column("score", justify="right", no_wrap=True)
    table.add_column("why (log-odds, strongest first)", ratio=5)
    for story in stories:
        reasons = Text()
        for c in story.assessment.contributions[:REASONS]:
            reasons.append(f"{c.delta:+.2f} ", style="green" if c.delta > 0 else "red")
            reasons.append(f"{c.reason}\n")
        if story.verdicts:
            last = story.verdicts[-1]
            reasons.append(f"verdict by {last.reviewer}: {last.evidence}", style="italic")
        title = Text(story.title)
        title.append(f"\n{_n(len(story.members), 'claim')}, {_n(len(story.articles), 'article')}",
                     style="dim")
        table.add_row(
            str(story.id),
            title,
            Text(story.status, style=STATUS_STYLE.get(story.status, "")),
            f"{story.assessment.score:.2f}",
            reasons,
        )
    return table


def article_summary(article: ArticleReport) -> Group:
    head = Text(f"Article {article.id}: ", style="bold")
    head.append(article.title or "(untitled)")
    if article.outlet:
        head.append(f" — {article.outlet}", style="dim")
    shares = Text("  claims by sourcing: ")
    shares.append(", ".join(f"{k} {v:.0%}" for k, v in article.kind_shares.items()) or "none")
    shares.append(f"  ({_n(article.claims, 'claim')})", style="dim")
    lines = [head, shares]
    if article.unconfirmed:
        lines.append(Text(f"  unconfirmed claims ({len(article.unconfirmed)}):", style="yellow"))
        for u in article.unconfirmed[:8]:
            lines.append(Text(f"    #{u.claim_id} ({u.score:.2f}) {u.text}"))
        if len(article.unconfirmed) > 8:
            lines.append(Text(f"    … and {len(article.unconfirmed) - 8} more", style="dim"))
    return Group(*lines)


def source_table(sources: Sequence[TrackRecord]) -> Table:
    table = Table(title="Source track records (Beta posterior over the registry prior)")
    table.add_column("id", justify="right")
    table.add_column("source")
    table.add_column("prior", justify="right")
    table.add_column("confirmed", justify="right")
    table.add_column("refuted", justify="right")
    table.add_column("mean", justify="right")
    table.add_column("90% interval", justify="right")
    for record in sources:
        low, high = record.interval()
        table.add_row(
            str(record.source_id),
            record.name,
            f"{record.prior_confirmed:g}/{record.prior_refuted:g}",
            str(record.confirmed),
            str(record.refuted),
            f"{record.mean:.2f}",
            f"{low:.2f}–{high:.2f}",
        )
    return table


def render_terminal(report: Report, console: Console) -> None:
    if report.stories:
        console.print(story_table(report.stories))
    else:
        console.print("No stories (ingest articles first).")
    for article in report.articles:
        console.print(article_summary(article))
    if report.sources:
        console.print(source_table(report.sources))


def _n(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"
