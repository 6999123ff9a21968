"""Rich rendering for the review commands' detailed views (an article, the registry,
ingest); the list pages are ``verifier.cli.list_render``'s, a claim and a source
``verifier.cli.claim_render``'s.

Imported only inside command functions: it pulls in Rich's tables.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from rich.table import Table
from rich.text import Text

from verifier.cli.plain import day
from verifier.cli.shared import console
from verifier.report.styles import KIND_STYLE
from verifier.review.names import article_label
from verifier.vocab import UNATTRIBUTED

if TYPE_CHECKING:
    from verifier.ingest.pipeline import IngestSummary
    from verifier.registry import Source
    from verifier.store.article_reads import ArticleDetail
    from verifier.store.queue_sql import ClaimRow



def _kinds(kinds: Sequence[str]) -> Text:
    out = Text()
    for n, kind in enumerate(kinds or (UNATTRIBUTED,)):
        if n:
            out.append(", ")
        out.append(kind, style=KIND_STYLE.get(kind, ""))
    return out


def article_detail(detail: ArticleDetail, claims: Sequence[ClaimRow]) -> None:
    from verifier.textsafe import one_line

    s = detail.summary
    out = console()
    out.print(Text(f"Article {s.id}: {article_label(s.title, s.path)}", style="bold"))
    for label, value in (
        ("outlet", f"{s.outlet} ({detail.outlet_key})" if s.outlet else None),
        ("byline", detail.byline),
        ("published", day(s.published_at) or None),
        ("url", s.url),
        ("file", one_line(s.path) if s.path else None),  # a name may hold a line break
        ("ingested", s.ingested_at.strftime("%Y-%m-%d %H:%M UTC")),
        ("size", f"{detail.word_count} words, {detail.sentences} sentences, {s.claims} claims"),
    ):
        if value:
            out.print(Text(f"{label:>10}: ", style="dim") + Text(value))
    sourcing = Text(f"{'sourcing':>10}: ", style="dim")
    for n, (kind, count) in enumerate(sorted(detail.kinds.items(), key=lambda kv: -kv[1])):
        sourcing.append(", " if n else "")
        sourcing.append(f"{kind} {count}", style=KIND_STYLE.get(kind, ""))
    out.print(sourcing)
    status = ", ".join(f"{k} {v}" for k, v in sorted(detail.statuses.items()))
    out.print(Text(f"{'status':>10}: ", style="dim") + Text(status))
    out.print()
    from verifier.cli.list_render import claims_table

    claims_table(claims, f"Claims of article {s.id}")


def sources_table(sources: Sequence[Source], title: str) -> None:
    if not sources:  # a page past the end: the title says so, no empty table under it
        console().print(title, markup=False, highlight=False)
        return
    table = Table(title=title, title_justify="left")
    for name in ("id", "name", "kind", "speaks as", "country", "prior", "aliases"):
        table.add_column(name)
    for source in sources:
        table.add_row(
            source.id, source.name, source.kind, source.speaker, source.country or "",
            f"{source.prior.confirmed:g}/{source.prior.refuted:g} "
            f"({source.prior.mean:.2f})",
            ", ".join(source.aliases),
        )
    console().print(table)


def ingest_summary(summary: IngestSummary, seconds: float) -> None:
    out = console()
    line = Text("Stored ", style="bold")
    line.append(f"{summary.stored} article{'' if summary.stored == 1 else 's'}",
                style="bold green")
    line.append(f" ({summary.claims} claim{'' if summary.claims == 1 else 's'}, "
                f"{summary.words} words), skipped {summary.skipped}")
    line.append(f", failed {summary.failed}", style="bold red" if summary.failed else "")
    line.append(f" in {seconds:.1f} s.")
    out.print(line)
    if summary.regrouped:
        out.print(f"Grouped the claims of {summary.regrouped} articles an earlier run had "
                  "left out of stories.")
    if summary.kinds:
        table = Table(title="Claims by sourcing kind", title_justify="left",
                      caption="a claim may have several", caption_justify="left")
        table.add_column("sourcing")
        table.add_column("claims", justify="right")
        table.add_column("share", justify="right")
        for kind, count in summary.kinds.items():
            share = count / summary.claims if summary.claims else 0.0
            table.add_row(Text(kind, style=KIND_STYLE.get(kind, "")), str(count),
                          f"{share:.0%}")
        out.print(table)
