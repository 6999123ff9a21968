"""The report as one self-contained HTML file: inline CSS, no scripts, no network, and every
piece of article or reviewer text escaped."""

from __future__ import annotations

from collections.abc import Iterator
from html import escape

from verifier.report.markdown import LEGEND
from verifier.report.model import KIND_ORDER, ArticleReport, Report
from verifier.stories.view import StoryView
from verifier.vocab import UNATTRIBUTED

COLOURS = {
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
}


def _css() -> str:
    kinds = "\n".join(f".k-{k} {{ background: {c}; }}" for k, c in COLOURS.items())
    return f"""
body {{ font: 16px/1.5 system-ui, sans-serif; max-width: 60rem; margin: 2rem auto;
       padding: 0 1rem; color: #222; }}
h1, h2, h3 {{ line-height: 1.2; }}
.story {{ border: 1px solid #ccc; border-radius: 6px; padding: 0.5rem 1rem; margin: 1rem 0; }}
.status {{ color: #fff; padding: 0.1rem 0.5rem; border-radius: 4px; font-weight: bold; }}
.score {{ font-weight: bold; }}
.plus {{ color: #2d6a4f; }} .minus {{ color: #c1121f; }}
.article-text span {{ padding: 0.05rem 0.1rem; border-radius: 3px; }}
.legend span {{ display: inline-block; padding: 0.1rem 0.4rem; margin: 0.1rem;
                border-radius: 3px; }}
.nonclaim {{ color: #777; }}
table {{ border-collapse: collapse; }} td, th {{ border: 1px solid #ccc; padding: 0.2rem 0.5rem; }}
q {{ font-style: italic; }}
{kinds}
"""


def _status(status: str) -> str:
    colour = STATUS_COLOURS.get(status, "#555")
    return f'<span class="status" style="background:{colour}">{escape(status)}</span>'


def _story(story: StoryView) -> str:
    parts = [
        f'<section class="story" id="story-{story.id}">',
        f"<h3>Story {story.id}: {escape(story.title)}</h3>",
        f"<p>{_status(story.status)} score <span class=\"score\">"
        f"{story.assessment.score:.2f}</span> · {len(story.members)} claims in "
        f"{len(story.articles)} article(s)</p>",
        "<ol class=\"reasons\">",
    ]
    for c in story.assessment.contributions:
        sign = "plus" if c.delta >= 0 else "minus"
        quotes = "".join(
            f"<li><q>{escape(w.words)}</q> in “{escape(w.sentence)}”</li>" for w in c.evidence[:3]
        )
        parts.append(
            f'<li><span class="{sign}">{c.delta:+.2f}</span> <b>{escape(c.factor)}</b>: '
            f"{escape(c.reason)}<ul>{quotes}</ul></li>"
        )
    parts.append("</ol><details><summary>Claims</summary><ul>")
    for m in story.members:
        kinds = ", ".join(m.kinds) or UNATTRIBUTED
        parts.append(f"<li>#{m.claim_id} [{escape(m.role)} · {escape(kinds)}] "
                     f"{escape(m.text)}</li>")
    parts.append("</ul></details>")
    for v in story.verdicts:
        link = f' <a href="{escape(v.url)}">{escape(v.url)}</a>' if v.url else ""
        parts.append(
            f"<p class=\"verdict\">Verdict {_status(v.status)} by {escape(v.reviewer)} on "
            f"{v.created_at:%Y-%m-%d}: {escape(v.evidence)}{link}</p>"
        )
    parts.append("</section>")
    return "\n".join(parts)


def _article(article: ArticleReport) -> str:
    title = escape(article.title or "(untitled)")
    meta = " · ".join(
        escape(x) for x in (
            article.outlet,
            article.published_at.date().isoformat() if article.published_at else None,
        ) if x
    )
    shares = ", ".join(f"{escape(k)} {v:.0%}" for k, v in article.kind_shares.items())
    text: list[str] = []
    cursor = 0
    for s in article.sentences:
        text.append(escape(article.text[cursor:s.start]).replace("\n", "<br>\n"))
        kind = s.main_kind
        label = ("+".join(s.kinds) or UNATTRIBUTED) if s.claim else "not a claim"
        css = f"k-{kind}" if kind else "nonclaim"
        text.append(
            f'<span class="{css}" title="{escape(label)}" data-kind="{escape(label)}">'
            f"{escape(article.text[s.start:s.end])}</span>"
        )
        cursor = s.end
    text.append(escape(article.text[cursor:]).replace("\n", "<br>\n"))
    url = f' · <a href="{escape(article.url)}">{escape(article.url)}</a>' if article.url else ""
    return "\n".join([
        f'<section class="article" id="article-{article.id}">',
        f"<h3>Article {article.id}: {title}</h3>",
        f"<p>{meta}{url}</p>",
        f"<p>Claims by sourcing ({article.claims} claims): {shares or 'none'}; "
        f"unconfirmed claims: {len(article.unconfirmed)}</p>",
        f'<div class="article-text">{"".join(text)}</div>',
        "</section>",
    ])


def render_html(report: Report) -> str:
    return "".join(html_parts(report))


def html_parts(report: Report) -> Iterator[str]:
    """The HTML file a piece at a time (a story or an article each), for streaming."""
    legend = "".join(
        f'<span class="k-{k}" title="{escape(LEGEND[k])}">{escape(k)}</span>' for k in KIND_ORDER
    )
    yield (
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n"
        f"<title>Credibility report ({escape(report.scope)})</title>\n"
        f"<style>{_css()}</style></head>\n<body>\n"
        f"<h1>Credibility report ({escape(report.scope)})</h1>\n"
        f"<p>Generated {report.generated_at:%Y-%m-%d %H:%M} UTC by verifier.</p>\n"
        "<h2>Stories</h2>\n"
    )
    for s in report.stories:
        yield _story(s) + "\n"
    yield f'<h2>Articles</h2>\n<p class="legend">Legend: {legend}</p>\n'
    for a in report.articles:
        yield _article(a) + "\n"
    rows = []
    for r in report.sources:
        low, high = r.interval()
        rows.append(
            f"<tr><td>{escape(r.name)}</td><td>{r.prior_confirmed:g}/{r.prior_refuted:g}</td>"
            f"<td>{r.confirmed}</td><td>{r.refuted}</td><td>{r.mean:.2f}</td>"
            f"<td>{low:.2f}–{high:.2f}</td></tr>"
        )
    yield "\n".join([
        "<h2>Source track records</h2>",
        "<table><thead><tr><th>source</th><th>prior</th><th>confirmed</th><th>refuted</th>"
        "<th>mean</th><th>90% interval</th></tr></thead><tbody>",
        *rows,
        "</tbody></table>",
    ]) + "\n</body></html>\n"
