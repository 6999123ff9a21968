"""The list pages (``stories list``, ``claims list``, ``articles list``) as plain text or
CSV, without Rich.

A page is a table (``verifier.cli.plain``): every column of the stored rows, the long text
wrapped to the terminal's width, statuses and sourcing kinds in their colours on a terminal.
"""

from __future__ import annotations

import sys
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from verifier.cli.plain import Cell, Column, Span, Terminal, day, paragraph, table
from verifier.report.styles import KIND_STYLE, STATUS_STYLE
from verifier.review.undated import DATE_COMMAND, UNDATED
from verifier.textsafe import printable
from verifier.vocab import SOURCING_LABELS, UNATTRIBUTED

if TYPE_CHECKING:
    from verifier.store.articles import ArticleSummary
    from verifier.store.queue_sql import ClaimRow
    from verifier.store.stories import StoryPage, StoryRecord

STORY_CSV_FIELDS = (
    "id", "status", "reviewed", "score", "evidence_status", "claims", "articles",
    "first_seen", "last_seen", "title",
)
CSV_FIELDS = (
    "id", "article_id", "position", "status", "certainty", "sourcing", "outlet",
    "published_at", "story", "score", "title", "text",
)
#: The wide column (a claim, a story's title) goes under its row when narrower than this.
TEXT_MIN = 30
#: The longest sourcing kind's width ("unnamed_official").
SOURCING_WIDTH = max(len(kind) for kind in SOURCING_LABELS)
CLAIM_COLUMNS = (
    Column("id", right=True), Column("status"),
    # as wide as the longest kind, so one is never folded ("unnamed_offici" / "al")
    Column("sourcing", wrap=True, min_width=SOURCING_WIDTH, max_width=SOURCING_WIDTH),
    Column("certainty"),
    Column("story", right=True), Column("score", right=True),
    Column("outlet, date", wrap=True, min_width=10, max_width=16),
    Column("claim", wrap=True, flex=True, min_width=TEXT_MIN),
)
STORY_COLUMNS = (
    Column("id", right=True), Column("status"), Column("score", right=True),
    Column("claims", right=True), Column("articles", right=True), Column("latest"),
    Column("story", wrap=True, flex=True, min_width=TEXT_MIN),
)
ARTICLE_COLUMNS = (
    Column("id", right=True), Column("published"),
    Column("outlet", wrap=True, min_width=10, max_width=24),
    Column("claims", right=True), Column("unverified", right=True),
    Column("title", wrap=True, flex=True, min_width=TEXT_MIN),
)


def _status(status: str) -> list[Span]:
    return [(status, STATUS_STYLE.get(status, ""))]


def _kinds(kinds: Sequence[str]) -> list[Span]:
    out: list[Span] = []
    for n, kind in enumerate(kinds or (UNATTRIBUTED,)):
        if n:
            out.append((", ", ""))
        out.append((kind, KIND_STYLE.get(kind, "")))
    return out


def claims_table(rows: Sequence[ClaimRow], title: str, terminal: Terminal | None = None,
                 notes: Mapping[int, str] | None = None) -> None:
    """A page of claims: id, status, sourcing, certainty, story and its score, outlet and
    date, text (and
    under it the claim's note: the earlier verdict it matches, with ``--matches``)."""
    terminal = terminal or Terminal()
    notes = notes or {}
    cells: list[list[Cell]] = [[
        str(row.id), _status(row.status), _kinds(row.kinds), row.certainty or "",
        "" if row.story_id is None else str(row.story_id),
        "" if row.score is None else f"{row.score:.2f}",
        f"{row.outlet or '-'}\n{day(row.published_at)}".strip(),
        [(row.text, ""), (f"\n{notes[row.id]}", "dim")] if row.id in notes else row.text,
    ] for row in rows]
    terminal.write(table(terminal, CLAIM_COLUMNS, cells, title))


def articles_table(rows: Sequence[ArticleSummary], total: int | None = None, offset: int = 0,
                   terminal: Terminal | None = None) -> None:
    """A page of ``articles list`` as the other lists draw theirs (a plain table, no Rich
    box): ``total`` is how many there are in all; the title says which page this is and
    how to see the next."""
    from verifier.review.names import article_label

    terminal = terminal or Terminal()
    count = total if total is not None else len(rows)
    shown = f"{len(rows)} of {count}" if count != len(rows) else f"{count}"
    more = f"; more with --offset {offset + len(rows)}" if rows and offset + len(rows) < count \
        else ""
    cells: list[list[Cell]] = [[
        str(row.id), day(row.published_at), row.outlet or "-", str(row.claims),
        str(row.unverified),  # an untitled text by its file's name, not a cut path
        article_label(row.title, row.path),
    ] for row in rows]
    terminal.write(table(terminal, ARTICLE_COLUMNS, cells,
                         f"{shown} article{'' if count == 1 else 's'} (newest ingested "
                         f"first{more})"))


#: What a spreadsheet reads as a formula at the start of a cell.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: Any) -> Any:
    """A CSV cell safe to print and to open in a spreadsheet: text passes through
    ``printable`` as every terminal line does (CSV goes to the terminal unless redirected:
    a title's ``ESC ] 0;...`` retitled the window), and text from an article that starts
    like a formula ("=HYPERLINK(...)") gets a leading apostrophe, so it is shown, never run."""
    if not isinstance(value, str):
        return value
    value = printable(value)
    return "'" + value if value.startswith(FORMULA_START) else value


def claims_csv(rows: Sequence[ClaimRow]) -> None:
    import csv

    writer = csv.DictWriter(sys.stdout, fieldnames=CSV_FIELDS, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        data: dict[str, Any] = row.to_dict()
        data["sourcing"] = ";".join(data["sourcing"])
        writer.writerow({name: _cell(data.get(name)) for name in CSV_FIELDS})


def stories_table(page: StoryPage, terminal: Terminal | None = None) -> None:
    """A page of ``stories list``, with what is hidden and how to see more."""
    terminal = terminal or Terminal()
    query = page.query
    shown = f"{len(page.rows)} of {page.total} stories"
    if query.offset:
        shown += f" (from {query.offset + 1})"
    cells: list[list[Cell]] = []
    for row in page.rows:
        emptied = row.emptied_by is not None  # no claim: no score, no date
        cells.append([
            str(row.id), _status(row.shown_status),
            "" if row.score is None or emptied else f"{row.score:.2f}", str(row.claims),
            str(row.articles), "-" if emptied else day(row.last_seen) or UNDATED, row.title,
        ])
    lines = table(terminal, STORY_COLUMNS, cells, shown)
    notes = []
    if query.offset + len(page.rows) < page.total:
        notes.append(f"more with --offset {query.offset + len(page.rows)}")
    if any(row.emptied_by is not None for row in page.rows):
        notes.append("emptied: deleting an article took the story's last claims "
                     "(`verifier stories show ID` gives which, and its verdict history)")
    if page.hidden:
        below = "one-claim" if query.min_claims == 2 else f"under-{query.min_claims}-claim"
        stories = "story" if page.hidden == 1 else "stories"
        notes.append(f"{page.hidden} {below} {stories} hidden (--min-claims 1 shows them)")
    if any(row.last_seen is None and row.emptied_by is None for row in page.rows):
        notes.append(f"{UNDATED}: no article of the story has a publication date "
                     f"(`{DATE_COMMAND}` gives one)")
    if page.awaiting:
        notes.append(f"{page.awaiting} stories show their previous score until rescored "
                     "(`verifier stories rescore`)")
    if notes:
        lines += paragraph(terminal, [("; ".join(notes), "dim")])
    terminal.write(lines)


def stories_csv(rows: Sequence[StoryRecord]) -> None:
    import csv

    writer = csv.DictWriter(sys.stdout, fieldnames=STORY_CSV_FIELDS, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        data = row.to_dict()
        writer.writerow({name: _cell(data.get(name)) for name in STORY_CSV_FIELDS})
