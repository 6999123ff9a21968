"""Reports: one data structure (``model.build_report``) and its renderers.

``markdown``, ``html`` (one self-contained file), ``jsonout`` and ``claimreview``
(schema.org JSON-LD); the terminal's text is the CLI's (``verifier.cli.report_render``).
``render(report, fmt)`` returns the text of any format but the terminal one; with a
publisher, the HTML report also embeds its stories' ClaimReview JSON-LD.

May import: storage, stories, scoring, vocab, errors. Never Rich, the CLI or the web.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from verifier.report.claimreview import Publisher
    from verifier.report.model import Report

FORMATS = ("text", "md", "html", "json", "claimreview")


def render(report: Report, fmt: str, publisher: Publisher | None = None) -> str:
    """The report as Markdown, HTML, JSON or ClaimReview JSON-LD text."""
    if fmt == "md":
        from verifier.report.markdown import render_markdown

        return render_markdown(report)
    if fmt == "html":
        from verifier.report.html import render_html

        return render_html(report, publisher)
    if fmt == "json":
        from verifier.report.jsonout import render_json

        return render_json(report)
    if fmt == "claimreview":
        from verifier.report.claimreview import render_claimreview

        return render_claimreview(report, publisher)
    raise ValueError(f"no text renderer for {fmt!r}")


def render_parts(report: Report, fmt: str, publisher: Publisher | None = None) -> Iterator[str]:
    """The report's text a piece at a time (HTML, Markdown and JSON stream a story or an
    article per piece, so a report over thousands of stories is never whole in memory)."""
    if fmt == "md":
        from verifier.report.markdown import markdown_parts

        yield from markdown_parts(report)
    elif fmt == "html":
        from verifier.report.html import html_parts

        yield from html_parts(report, publisher)
    elif fmt == "json":
        from verifier.report.jsonout import json_parts

        yield from json_parts(report)
    else:
        yield render(report, fmt, publisher)
