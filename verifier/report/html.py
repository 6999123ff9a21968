"""The report as one self-contained HTML file, rendered from the autoescaping Jinja2
templates in ``verifier/templates/report/`` (never built from strings here).

The page loads nothing and runs nothing: its Content-Security-Policy allows no script, no
network, no forms, and only the one ``<style>`` block, by its SHA-256. Urls become links only
when they are http(s) (the ``href`` filter); anything else (``javascript:``, ``data:``...)
is shown as text. Sentence shading, the legend and status badges come from the partials
``templates/_*.html`` that the web desk shares.
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from verifier.report.markdown import LEGEND
from verifier.report.model import KIND_ORDER, ArticleReport, Report
from verifier.vocab import UNATTRIBUTED

if TYPE_CHECKING:
    from verifier.report.claimreview import Publisher

KIND_COLOURS = {
    "official": "#b7e4c7",
    "named": "#d8f3dc",
    "media": "#bde0fe",
    "unnamed_official": "#ffe5a3",
    "unnamed": "#ffc8a2",
    "declined": "#e0c3fc",
    "denied": "#ffadad",
    UNATTRIBUTED: "#eeeeee",
}
STATUS_COLOURS = {
    "confirmed": "#2d6a4f", "corroborated": "#40916c", "unconfirmed": "#b08900",
    "contested": "#9d4edd", "disputed": "#9d4edd", "refuted": "#c1121f",
    "unverified": "#555555",
}


@dataclass(frozen=True, slots=True)
class Piece:
    """A run of article text: a sentence (``label`` set; ``kind`` None if not a claim) or
    the text between sentences (both None)."""

    text: str
    kind: str | None
    label: str | None


def pieces(article: ArticleReport) -> list[Piece]:
    """The article text cut into sentences and the text between them, in order."""
    found: list[Piece] = []
    cursor = 0
    for s in article.sentences:
        if s.start < cursor:  # overlapping offsets: show the text once
            continue
        if s.start > cursor:
            found.append(Piece(article.text[cursor:s.start], None, None))
        label = ("+".join(s.kinds) or UNATTRIBUTED) if s.claim else "not a claim"
        found.append(Piece(article.text[s.start:s.end], s.main_kind, label))
        cursor = s.end
    if cursor < len(article.text):
        found.append(Piece(article.text[cursor:], None, None))
    return found


def _article(article: ArticleReport) -> dict[str, Any]:
    meta = [x for x in (
        article.outlet,
        article.published_at.date().isoformat() if article.published_at else None,
    ) if x]
    return {
        "id": article.id,
        "title": article.label,
        "url": article.url,
        "meta": meta,
        "claims": article.claims,
        "shares": ", ".join(f"{k} {v:.0%}" for k, v in article.kind_shares.items()),
        "unconfirmed": len(article.unconfirmed),
        "pieces": pieces(article),
        # why sources have their kinds, per sentence that says so: (claim id, words)
        "whys": [(s.claim_id, w.words()) for s in article.sentences for w in s.whys],
    }


def stylesheet() -> str:
    """The report's CSS, as it goes into its ``<style>`` block."""
    from verifier.templating import render

    return render("report/style.css.html", kind_colours=KIND_COLOURS,
                  status_colours=STATUS_COLOURS).strip()


def content_security_policy(css: str) -> str:
    """No script, no network, no forms; the one style block by its hash."""
    digest = base64.b64encode(hashlib.sha256(css.encode("utf-8")).digest()).decode("ascii")
    return (
        "default-src 'none'; script-src 'none'; object-src 'none'; base-uri 'none'; "
        f"form-action 'none'; img-src 'none'; style-src 'sha256-{digest}'"
    )


def render_html(report: Report, publisher: Publisher | None = None) -> str:
    return "".join(html_parts(report, publisher))


def html_parts(report: Report, publisher: Publisher | None = None) -> Iterator[str]:
    """The page a piece at a time as the template renders it (Jinja2's ``generate``): a
    report over thousands of stories and articles is never whole in memory. With a
    ``publisher``, the page ends with the ClaimReview JSON-LD of its reviewed stories (as
    ``--format claimreview`` writes it) in a ``<script type="application/ld+json">`` block:
    data, not code (the policy still runs no script), escaped so that no text in it can
    close the block."""
    from markupsafe import Markup

    from verifier.templating import environment

    css = stylesheet()
    stories: Iterable[Any] = report.stories
    claimreview: Callable[[], Markup] | None = None
    if publisher is not None:
        from verifier.report.claimreview import ReviewsAsRendered

        reviews = ReviewsAsRendered(report, publisher)
        stories = reviews.stories()

        def claimreview() -> Markup:
            return Markup(reviews.script())  # json_for_script: no "<", ">" or "&" in it

    yield from environment().get_template("report/report.html").generate(
        report=report,
        stories=stories,
        claimreview=claimreview,
        articles=(_article(a) for a in report.articles),
        legend=[(k, LEGEND[k]) for k in KIND_ORDER],
        css=Markup(css),
        csp=content_security_policy(css),
    )
