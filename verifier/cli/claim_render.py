"""``claims show`` (one claim in its paragraph, its sourcing and verdicts, and the earlier
verdicts it matches) and ``sources show`` (one source), written by the plain terminal
writer (``verifier.cli.plain``).

Rich's import was about a fifth of these commands' CPU time; its tables also cropped long
rule names and source keys at 80 columns, which these wrap.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from itertools import pairwise
from typing import TYPE_CHECKING

from verifier.cli.plain import Cell, Column, Span, Terminal, day, paragraph, table
from verifier.report.styles import KIND_STYLE, STATUS_STYLE
from verifier.store.verdict_record import non_claim_fixes
from verifier.textsafe import printable, shown_url

if TYPE_CHECKING:
    from verifier.store.claims import ClaimDetail
    from verifier.store.correction_reads import CorrectionRecord
    from verifier.store.source_reads import SourceStats
    from verifier.stories.matching import PastVerdict

SOURCING_COLUMNS = (
    Column("kind"), Column("source words", wrap=True, min_width=10, max_width=24),
    Column("cue", wrap=True, min_width=8, max_width=16),
    Column("resolved source", wrap=True, flex=True, min_width=14),
    Column("prior"), Column("rule", wrap=True, min_width=10, max_width=32, breaks="+"),
)



def claim_detail(detail: ClaimDetail, terminal: Terminal | None = None,
                 path: str | None = None, gone: Mapping[int, str] | None = None) -> None:
    """The claim's header, paragraph (the sentence in bold, source words underlined in
    their kind's colour, cues in italics, the certainty cue reversed), certainty, sourcing
    table, why each source has its kind, and verdict history. ``path``: the file the article
    was read from, to name it when it has no title. ``gone``: verdict id -> what to say of
    the claim it was adopted from, deleted since (``verifier.review.provenance``)."""
    from verifier.review.names import article_label

    terminal = terminal or Terminal()
    row = detail.row
    # its story too, as the queue lists it: where a verdict on the event is given
    stories = "".join(f", story {s}" for s in detail.story_ids)
    lines = paragraph(terminal, [
        (f"Claim {row.id}  ", "bold"), (row.status, STATUS_STYLE.get(row.status, "")),
        (f"   article {row.article_id}, sentence {row.position}{stories}", "")])
    source = ", ".join(x for x in (row.outlet, day(row.published_at)) if x)
    if row.title or path or source:
        lines += paragraph(terminal, [(article_label(row.title, path)
                                       + (f" — {source}" if source else ""), "dim")])
    spans = _paragraph(detail)
    context = detail.start > detail.paragraph.start or detail.end < detail.paragraph.end
    if context and not terminal.styled:
        # no bold to pick the claim out of its paragraph (a pipe, a file, TERM=dumb): the
        # sentence between marks, said once, so a reader never takes a neighbour for it
        spans = _bracketed(spans)
        lines += paragraph(terminal, [(f"The claim is the sentence between {CLAIM_MARKS[0]} "
                                       f"and {CLAIM_MARKS[1]}:", "")])
    lines += ["", *paragraph(terminal, spans), ""]
    certainty: list[Span] = [("certainty: ", "bold"),
                             (row.certainty or "none (not a claim)", "")]
    if detail.certainty_cue is not None:
        certainty.append((f'  cue "{detail.certainty_cue.text}"', "reverse"))
    if row.certainty is not None:
        certainty.append((f"  [{detail.certainty_rule}]", "dim"))
    lines += paragraph(terminal, certainty)
    if not detail.is_claim:
        lines += paragraph(terminal, [(f"not a claim [{detail.claim_rule}]", "dim")])
        if row.status != "unverified":  # recorded before such verdicts were refused
            lines += paragraph(terminal, [(
                f"It is {row.status}, yet a sentence that is not a claim takes no verdict: "
                f"{non_claim_fixes(row.id)}.", "bold")])
    lines += _attributions(detail, terminal)
    for a in detail.attributions:
        if a.why:  # why the source has its kind, when its own words do not say
            lines += paragraph(terminal, [("why ", "dim"),
                                          (f"“{a.source.text}”", KIND_STYLE.get(a.kind, "")),
                                          (f" is {a.why}", "")])
    lines += _verdicts(detail, terminal, gone)
    terminal.write(lines)


def corrections(records: Sequence[CorrectionRecord], terminal: Terminal | None = None) -> None:
    """A sentence's corrections, oldest first (the latest is in force)."""
    terminal = terminal or Terminal()
    lines = paragraph(terminal, [("Corrections (the latest counts):", "bold")])
    for c in records:
        labels = ("claim, " + (c.certainty or "?") + ", " + ("; ".join(
            s.kind + (f" ({s.source})" if s.source else "") for s in c.sourcing)
            or "unattributed")) if c.claim else "not a claim"
        lines += paragraph(terminal, [(f"#{c.id} ", ""), (labels, ""),
                                      (f"  by {c.reviewer} {c.created_at:%Y-%m-%d %H:%M}", "dim")],
                           "  ", "      ")
        if c.note:
            lines += paragraph(terminal, [(f"evidence: {c.note}", "dim")], "    ", "      ")
    terminal.write(lines)


def past_verdicts(claim_id: int, matches: Sequence[PastVerdict],
                  terminal: Terminal | None = None, status: str = "unverified") -> None:
    """The earlier verdicts a claim matches, each with why and its evidence; how to adopt
    one (or, for a claim with a verdict of its own, that it must be retracted first)."""
    terminal = terminal or Terminal()
    lines = paragraph(terminal, [("Earlier verdicts it matches:", "bold")])
    for match in matches:
        lines += paragraph(terminal, [
            (f"{match.ref}  ", ""), (match.verdict, STATUS_STYLE.get(match.verdict, "")),
            (f"  {match.reason}", "")], "  ", "      ")
        if match.how_adopted:
            lines += paragraph(terminal, [(match.how_adopted, "bold")], "    ", "      ")
        if match.text:
            lines += paragraph(terminal, [(f"reviewed: {match.text}", "dim")], "    ",
                               "      ")
        if match.evidence.strip() or match.url:
            lines += paragraph(terminal, [(f"evidence: {match.evidence.strip()} (by {match.by})",
                                           "dim")], "    ", "      ")
        if match.url:  # on a line of its own, never folded
            lines.append("      " + terminal.paint(
                printable(shown_url(match.url)).replace("\t", " "), "dim"))
    if status != "unverified":  # `claims adopt` refuses a claim with a standing verdict
        lines += paragraph(terminal, [(f"It is {status} already: retract its verdict first "
                                       f"(`verifier claims retract {claim_id}`) to take one.",
                                       "dim")])
    elif any(m.takes for m in matches):
        first = next(m for m in matches if m.takes)
        lines += paragraph(terminal, [(f"Take one with: verifier claims adopt {claim_id} "
                                       f"--from {first.ref} --by NAME", "dim")])
    terminal.write(lines)


#: Around the claim in its paragraph where no style can pick it out.
CLAIM_MARKS = ("[[", "]]")


def _bracketed(spans: list[Span]) -> list[Span]:
    """The paragraph's spans with ``CLAIM_MARKS`` around the bold ones (the sentence)."""
    bold = [n for n, (_, style) in enumerate(spans) if "bold" in style.split()]
    if not bold:
        return spans
    first, last = bold[0], bold[-1]
    return [*spans[:first], (CLAIM_MARKS[0], "bold"), *spans[first:last + 1],
            (CLAIM_MARKS[1], "bold"), *spans[last + 1:]]


def _paragraph(detail: ClaimDetail) -> list[Span]:
    """The paragraph's text as spans, each with the styles of every range covering it (the
    sentence bold, the rest dim; source words underlined in their kind's style; cues
    italic; the certainty cue reversed), in that order."""
    paragraph_ = detail.paragraph
    text = paragraph_.text
    marks: list[tuple[int, int, str]] = []

    def mark(start: int, end: int, style: str) -> None:
        a, b = start - paragraph_.start, end - paragraph_.start
        if 0 <= a < b <= len(text) and style:
            marks.append((a, b, style))

    mark(detail.start, detail.end, "bold")
    for attribution in detail.attributions:
        style = KIND_STYLE.get(attribution.kind, "")
        mark(attribution.source.start, attribution.source.end, f"underline {style}".strip())
        mark(attribution.cue.start, attribution.cue.end, "italic")
    if detail.certainty_cue is not None:
        mark(detail.certainty_cue.start, detail.certainty_cue.end, "reverse")
    if detail.start > paragraph_.start or detail.end < paragraph_.end:
        mark(paragraph_.start, detail.start, "dim")
        mark(detail.end, paragraph_.end, "dim")
    cuts = sorted({0, len(text), *(a for a, _, _ in marks), *(b for _, b, _ in marks)})
    spans: list[Span] = []
    for a, b in pairwise(cuts):
        words = dict.fromkeys(w for start, end, style in marks if start <= a and b <= end
                              for w in style.split())
        spans.append((text[a:b], " ".join(words)))
    return spans


def _attributions(detail: ClaimDetail, terminal: Terminal) -> list[str]:
    from verifier.review.names import article_record, plain_source_name

    if not detail.attributions:
        return paragraph(terminal, [("sourcing: unattributed (the reporter's own voice)",
                                     "bold")])
    rows: list[list[Cell]] = []
    for a in detail.attributions:
        resolved: list[Span] = [(plain_source_name(a.source_name) or "-", "")]
        if a.source_key and not article_record(a.source_key):  # its key is internal
            resolved.append((f"\n{a.source_key}"
                             + (" (registry)" if a.in_registry else " (derived)"), "dim"))
        words: list[Span] = [(a.source.text, "")]
        if a.carried:
            words.append((" (carried over)", "dim"))
        rows.append([
            [(a.kind, KIND_STYLE.get(a.kind, ""))], words, a.cue.text, resolved,
            f"Beta({a.source_prior[0]:g}, {a.source_prior[1]:g})" if a.source_prior else "",
            [(a.rule, "dim")],
        ])
    return table(terminal, SOURCING_COLUMNS, rows, "Sourcing")


def _verdicts(detail: ClaimDetail, terminal: Terminal,
              gone: Mapping[int, str] | None = None) -> list[str]:
    if not detail.verdicts:
        return paragraph(terminal, [("verdicts: none yet", "dim")])
    lines = paragraph(terminal, [("Verdict history (oldest first):", "bold")])
    for v in detail.verdicts:
        lines += verdict_item(terminal, v.id, v.status, v.reviewer,
                              v.created_at.strftime("%Y-%m-%d %H:%M UTC"), v.evidence,
                              v.url, v.note)
        if gone and v.id in gone:
            lines += paragraph(terminal, [(f"({gone[v.id]}; its verdicts: `verifier "
                                           "articles orphaned`)", "dim")], "      ")
    return lines


def verdict_item(terminal: Terminal, ident: int, status: str, by: str, when: str,
                 evidence: str, url: str | None, note: str | None) -> list[str]:
    """One verdict as a list item: its number, status, reviewer and time, the evidence
    wrapped under it, the link on a line of its own and never folded (a folded url cannot be
    opened or copied from a terminal), then the note."""
    lines = paragraph(terminal, [(f"#{ident}  ", ""), (status, STATUS_STYLE.get(status, "")),
                                 (f"  by {by}, {when}", "")], "  ", "      ")
    if evidence.strip():
        lines += paragraph(terminal, [(evidence.strip(), "")], "      ")
    if url:
        lines.append("      " + terminal.paint(printable(shown_url(url)).replace("\t", " "),
                                               "dim"))
    if note:
        lines += paragraph(terminal, [(note, "dim")], "      ")
    return lines


def source_detail(stats: SourceStats, terminal: Terminal | None = None) -> None:
    """A source's registry entry, prior, use in the database and track record, a line a
    field (long values hang under their first line)."""
    from verifier.review.names import source_use

    terminal = terminal or Terminal()
    lines = paragraph(terminal, [(stats.name, "bold"), (f"  ({stats.key})", "dim")])
    rows = (
        ("kind", stats.kind),
        ("speaks as", stats.speaker),
        ("registry", "yes" if stats.in_registry else "no (derived from attributions)"),
        ("aliases", ", ".join(stats.aliases)),
        ("country", stats.country),
        ("url", stats.url),
        ("prior", f"Beta({stats.prior_confirmed:g}, {stats.prior_refuted:g}), mean "
                  f"{stats.prior_confirmed / (stats.prior_confirmed + stats.prior_refuted):.2f}"),
        ("why", stats.prior_note),
        ("in the db", source_use(stats)),
        ("record", _record(stats)),
    )
    for label, value in rows:
        if value:
            lines += paragraph(terminal, [(f"{label}: ", "dim"), (value, "")],
                               " " * (10 - len(label)), " " * 12)
    terminal.write(lines)


def _record(stats: SourceStats) -> str | None:
    record = stats.record
    if record is None:
        return None
    from verifier.scoring.trackrecord import LEVEL

    low, high = record.interval(LEVEL)
    return (f"{record.confirmed} confirmed, {record.refuted} refuted by reviewers; posterior "
            f"mean {record.mean:.2f} ({LEVEL:.0%} interval {low:.2f}-{high:.2f})")
