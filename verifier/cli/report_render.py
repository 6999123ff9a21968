"""``verifier report``'s text format, written by the plain terminal writer
(``verifier.cli.plain``), not Rich: the stories with status, score and reasons, each
article's sourcing and unconfirmed claims, the sources' track records.

Rich's import and table layout were about a third of ``report --story``'s CPU time; its
story table also cropped a long title at 80 columns, which this one wraps.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from verifier.cli.plain import Cell, Column, Span, Terminal, paragraph, table
from verifier.report.styles import STATUS_STYLE
from verifier.templating import http_url
from verifier.textsafe import printable, shown_url

if TYPE_CHECKING:
    from verifier.report.model import ArticleReport, Report
    from verifier.scoring.trackrecord import TrackRecord
    from verifier.stories.view import StoryView

#: Reasons shown per story (strongest first).
REASONS = 6
#: Claims whose verdicts a story's row lists (when they are not the story's own).
CLAIM_VERDICTS = 6
#: Unconfirmed claims listed per article.
UNCONFIRMED = 8
#: Claims listed with the earlier verdict they match (the Markdown, HTML and JSON reports
#: list every one).
PAST_VERDICTS = 10
STORY_COLUMNS = (
    Column("id", right=True),
    Column("story", wrap=True, min_width=16, max_width=40),
    Column("status"),
    Column("score", right=True),
    Column("why (log-odds, strongest first)", wrap=True, flex=True, min_width=30),
)
SOURCE_COLUMNS = (
    Column("id", right=True), Column("source", wrap=True, flex=True, min_width=14),
    Column("prior", right=True), Column("confirmed", right=True),
    Column("refuted", right=True), Column("mean", right=True),
    Column("90% interval", right=True),
)


def render_text(report: Report, terminal: Terminal) -> None:
    """The report as terminal text, a part at a time."""
    nothing = report.nothing_matched()
    if nothing is not None:
        terminal.write([nothing])
        return
    stories = list(report.stories)
    if stories:
        # a selection's heading says which stories it holds, as the Markdown and HTML
        # titles and the JSON scope do (one story's report needs none)
        title = ("Stories" if report.scope == "all" or report.scope.startswith("story ")
                 else f"Stories: {report.scope}")
        terminal.write(table(terminal, STORY_COLUMNS, [_story(s) for s in stories], title,
                             spaced=True))
    else:
        terminal.write([report.no_stories()])
    if report.past_verdicts:  # as the Markdown, HTML and JSON reports list them
        terminal.write(["", *_past_verdicts(report, terminal)])
    for article in report.articles:
        terminal.write(["", *_article(article, terminal)])
    if report.sources:
        terminal.write(["", *table(terminal, SOURCE_COLUMNS, [_source(r) for r in report.sources],
                             "Source track records (Beta posterior over the registry prior)")])


def _story(story: StoryView) -> list[Cell]:
    reasons: list[Span] = []
    for c in story.assessment.contributions[:REASONS]:
        if reasons:
            reasons.append(("\n", ""))
        reasons += [(f"{c.delta:+.2f}", "green" if c.delta > 0 else "red"), (f" {c.reason}", "")]
    if story.verdicts:
        last = story.verdicts[-1]
        reasons += [("\n" if reasons else "", ""),
                    (f"verdict by {last.reviewer}: {last.evidence}", "italic")]
    own = story.status if story.reviewed else None  # claims marked with the story: no news
    differing = [m for m in story.members if m.verdict is not None and m.verdict.status != own]
    for m in differing[:CLAIM_VERDICTS]:
        if m.verdict is not None:
            v = m.verdict
            url = f" {shown_url(v.url)}" if v.url and http_url(v.url) else ""
            reasons += [("\n" if reasons else "", ""),
                        (f"claim #{m.claim_id} {v.status}", STATUS_STYLE.get(v.status, "")),
                        (f" by {v.reviewer} on {v.created_at:%Y-%m-%d}: {v.evidence}{url}",
                         "italic")]
    if len(differing) > CLAIM_VERDICTS:
        reasons.append((f"\n… and {len(differing) - CLAIM_VERDICTS} more claim verdicts", "dim"))
    size = f"{_n(len(story.members), 'claim')}, {_n(len(story.articles), 'article')}"
    heading: list[Span] = [(story.title, ""), (f"\n{size}", "dim")]
    if story.claims_reviewed:
        heading.append((f"\n{story.claims_reviewed}", "yellow"))
    return [str(story.id), heading,
            [(story.status, STATUS_STYLE.get(story.status, ""))],
            f"{story.assessment.score:.2f}", reasons]


def _past_verdicts(report: Report, terminal: Terminal) -> list[str]:
    """The unreviewed claims that match an earlier verdict, each with the verdict, why it
    matches, its evidence and how to take it."""
    lines = paragraph(terminal, [("Earlier verdicts these claims match", "bold")])
    for m in report.past_verdicts[:PAST_VERDICTS]:
        match = m.match
        lines += paragraph(terminal, [(f"claim #{m.claim_id} ", ""), (m.text, "")], "  ",
                           "      ")
        how = f" ({match.how_adopted})" if match.how_adopted else ""
        lines += paragraph(terminal, [
            (f"matches {match.ref}, ", ""),
            (match.verdict, STATUS_STYLE.get(match.verdict, "")),
            (f": {match.reason}{how}", "")], "    ", "      ")
        if match.evidence.strip():
            lines += paragraph(terminal, [(f"evidence: {match.evidence.strip()}", "dim")],
                               "    ", "      ")
        if match.url and http_url(match.url):  # on a line of its own, never folded
            lines.append("      " + terminal.paint(
                printable(shown_url(match.url)).replace("\t", " "), "dim"))
        if match.takes:
            lines += paragraph(terminal, [(f"take it with: verifier claims adopt {m.claim_id}"
                                           f" --from {match.ref} --by NAME", "dim")],
                               "    ", "      ")
    if len(report.past_verdicts) > PAST_VERDICTS:  # found no further than one more
        lines += paragraph(terminal, [(
            "… and more claims that match one (`--format md` lists every one)", "dim")], "  ")
    return lines


def _article(article: ArticleReport, terminal: Terminal) -> list[str]:
    head: list[Span] = [(f"Article {article.id}: ", "bold"), (article.label, "")]
    if article.outlet:
        head.append((f" — {article.outlet}", "dim"))
    shares = ", ".join(f"{k} {v:.0%}" for k, v in article.kind_shares.items()) or "none"
    lines = paragraph(terminal, head, "", "  ")
    lines += paragraph(terminal, [(f"claims by sourcing: {shares}", ""),
                                  (f"  ({_n(article.claims, 'claim')})", "dim")], "  ")
    unconfirmed = article.unconfirmed
    if unconfirmed:
        lines += paragraph(terminal, [(f"unconfirmed claims ({len(unconfirmed)}):", "yellow")],
                           "  ")
        for u in unconfirmed[:UNCONFIRMED]:
            lines += paragraph(terminal, [(f"#{u.claim_id} (score {u.score:.2f}) {u.text}", "")],
                               "    ", "      ")
        if len(unconfirmed) > UNCONFIRMED:
            lines += paragraph(terminal, [(f"… and {len(unconfirmed) - UNCONFIRMED} more",
                                           "dim")], "    ")
    return lines


def _source(record: TrackRecord) -> Sequence[Cell]:
    low, high = record.interval()
    return [str(record.source_id), record.name,
            f"{record.prior_confirmed:g}/{record.prior_refuted:g}", str(record.confirmed),
            str(record.refuted), f"{record.mean:.2f}", f"{low:.2f}–{high:.2f}"]


def _n(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"
