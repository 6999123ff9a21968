"""The report as Markdown: stories with their reasons and evidence, each article's text with
every sentence labelled by its sourcing kind (legend first), and the track records.

Nothing from outside can become markup: every piece of text is escaped (``escape``: raw
HTML, emphasis, links and entities are shown as typed), and a url becomes a link only when it
is http(s) (``link``); any other url is shown as text. Nor can text become a link in a
renderer that links bare text (GitHub's autolink extension: "www.", "http://", e-mail
addresses, "mailto:"; linkify: bare domains too): a scheme's colon and a host name's dots are
escaped, and an e-mail address, which GFM links whatever is escaped in it, is a code span.
Only what Markdown would read as markup where it stands is escaped: a parenthesis, a "#"
inside a line or a "!" stays as typed, so the Markdown file reads as the article does."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING

from verifier.report.lines import EvidenceLine, by_sentence
from verifier.review.names import article_label
from verifier.store.stories import EMPTIED
from verifier.templating import http_url
from verifier.textsafe import printable
from verifier.vocab import UNATTRIBUTED

if TYPE_CHECKING:  # the report's model is not needed for a story (``stories show``)
    from verifier.report.model import ArticleReport, Report
    from verifier.store.verdict_record import VerdictRecord
    from verifier.stories.reasons import Membership
    from verifier.stories.view import StoryView

#: An e-mail address as GitHub's autolink extension finds one (a "@" with letters, digits or
#: ".+-_" before it and a dotted name after it): GFM links it (``mailto:``) whatever is
#: escaped inside it, so it is shown in a code span, where nothing links.
_EMAIL = r"[A-Za-z0-9.+_-]+@[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)+"
#: What Markdown reads as markup wherever it stands: a backslash that escapes what follows it
#: (or the next piece's first character, at the end, or the code span of an e-mail address
#: after it), code spans, emphasis and strikethrough (a "_" inside a word is neither), link
#: and image brackets, raw HTML and autolinks ("<" before a letter, "/", "!" or "?"),
#: entities ("&amp;"); and what a renderer that links bare text (GFM's autolink extension,
#: linkify) would read as a link: an e-mail address (``email``), a scheme's colon ("http:",
#: "mailto:", "javascript:"; ``scheme``), the dot of "www." (``www``) and a dot between a
#: name and two letters ("evil.test", "Amazon.com"). Each is escaped by a backslash, which
#: Markdown shows as nothing: the text reads as typed.
_INLINE = re.compile(
    rf"(?P<email>(?<![A-Za-z0-9.+_-]){_EMAIL})"
    r"|(?P<scheme>(?<![A-Za-z0-9+_-])[A-Za-z][A-Za-z0-9+-]{0,31}):(?=\S)"
    r"|(?P<www>(?<![^\W_])[Ww]{3})\.|(?<=[^\W_])\.(?=[^\W\d_]{2})"
    rf"|\\(?=[!-/:-@\[-`{{-~]|$|{_EMAIL})|[`*~\[\]]|(?<![^\W_])_|_(?![^\W_])"
    r"|<(?=[A-Za-z/!?])|&(?=#[0-9]{1,7};|#[xX][0-9a-fA-F]{1,6};|[A-Za-z][A-Za-z0-9]{0,31};)")
#: What Markdown reads as markup at a line's start (a piece may start a line: an article's
#: meta line, a quoted sentence after "> "): a heading, a quote, a list item ("-", "+", "*",
#: "1." or "1)" before a space), a setext underline or thematic break ("=", "-"; a "- "
#: item's text that starts "--" is a break; "*" and "_" are escaped anywhere).
_LINE_START = re.compile(r"^(?:[#>=-]|[+*](?=\s|$)|\d{1,9}(?=[.)](?:\s|$)))")
#: A heading's closing "#"s ("Talks resume #": the "#" would be dropped from a title).
_CLOSING_HASHES = re.compile(r"(?<=\s)#+$")
#: Characters an autolink cannot hold as typed.
_URL_UNSAFE = {ord(c): f"%{ord(c):02X}" for c in "<>`\"\\ "}
LEGEND = {
    "official": "an office-holder or institution on the record",
    "named": "a named person or body without an official role",
    "media": "another news organisation or its report",
    "unnamed_official": "an anonymous official",
    "unnamed": "an anonymous source or hearsay",
    "declined": "a party declined or failed to confirm",
    "denied": "a party denied it",
    UNATTRIBUTED: "the reporter's own voice",
}


def escape(text: str) -> str:
    """Text shown as itself, whatever Markdown characters it holds, in any place the report
    puts it (within a line, or at its start): only the characters Markdown would read as
    markup there are escaped."""
    flat = " ".join(printable(text).split())
    out = _INLINE.sub(_escaped, flat)
    out = _CLOSING_HASHES.sub(lambda m: "\\" + m.group(), out)
    start = _LINE_START.match(out)
    if start is not None:
        marker = start.group()
        if marker[0].isdigit():  # "1. ": the dot (or bracket) after the number
            out = f"{marker}\\{out[len(marker):]}"
        elif not out.startswith("\\"):
            out = "\\" + out
    return out


def _escaped(found: re.Match[str]) -> str:
    if found["email"]:
        return f"`{found['email']}`"
    if found["scheme"]:
        return f"{found['scheme']}\\:"
    if found["www"]:
        return f"{found['www']}\\."
    return "\\" + found.group()


def escape_cell(text: str) -> str:
    """``escape`` for a table's cell, where "|" ends the cell."""
    return escape(text).replace("|", "\\|")


def link(url: str) -> str:
    """An http(s) url as an autolink; any other url as escaped text (never a link)."""
    safe = http_url(url)
    if safe is None:
        return escape(url)
    from verifier.textsafe import shown_url

    return f"<{shown_url(safe).translate(_URL_UNSAFE)}>"


def story_lines(story: StoryView,
                reasons: Mapping[int, Membership | None] | None = None,
                articles: bool = False,
                paths: Mapping[int, str | None] | None = None,
                window: tuple[int, int] | None = None) -> list[str]:
    """A story in Markdown; with ``reasons`` (``membership_reasons``), each claim also says
    why grouping put it there; with ``articles`` (``stories show``, where no article section
    follows and the reasons are to be checked), every term's evidence is given, not the first
    three, and its articles are listed after its claims (id, title, outlet, date, link; an
    untitled one by its file's name, from ``paths``). With ``window`` (offset, limit:
    ``stories show``), the claims from ``offset``, at most ``limit`` of them, at most
    ``limit`` sentences under each reason and ``limit`` articles, each cut said with how to
    see the rest."""
    offset, limit = window if window is not None else (0, None)
    members = story.members[offset:None if limit is None else offset + limit]
    lines = [
        f"### Story {story.id}: {escape(story.title)}",
        "",
        f"**Status:** {story.status} · **Score:** {story.assessment.score:.2f} · "
        f"{len(story.members)} claim{'' if len(story.members) == 1 else 's'} in "
        f"{len(story.articles)} article{'' if len(story.articles) == 1 else 's'}"
        + (f" · **{story.claims_reviewed}**" if story.claims_reviewed else ""),
        "",
        f"Open status {story.assessment.status}: {escape(story.assessment.status_reason)}",
        "",
        "Why (log-odds contributions, strongest first):",
        "",
    ]
    if story.merged_into is not None:
        lines[4:4] = [f"Merged into story {story.merged_into}: its claims are there, and this "
                      "story's verdicts are shown with it.", ""]
    if story.emptied is not None:  # no claim: no score, no reasons; its history stays
        lines[2:] = [f"**Status:** {EMPTIED} · 0 claims", "",
                     f"Emptied: its last claims went with {escape(story.emptied.describe())}. "
                     f"Kept with its verdict history; listed only by `verifier stories list "
                     f"--status {EMPTIED}`.", ""]
    for c in () if story.emptied is not None else story.assessment.contributions:
        lines.append(f"- {c.delta:+.2f} **{escape(c.factor)}**: {escape(c.reason)}")
        evidence = by_sentence(c.evidence)  # one line a sentence
        # ``stories show``: every one, up to its --limit
        shown = (evidence[:limit] if limit is not None else evidence) if articles \
            else evidence[:3]
        lines.extend(f"  - {words_in(line)}" for line in shown)
        if len(shown) < len(evidence):
            lines.append(f"  - … and {len(evidence) - len(shown):,} more "
                         + (f"(`verifier stories show {story.id}`)" if not articles else
                            f"(`verifier stories show {story.id} --json` lists every one)"))
    if story.emptied is None:
        lines += ["", "Claims:", ""]
    if limit is not None and len(members) < len(story.members):
        lines += [_window_note(story, offset, len(members), limit), ""]
    for m in members:
        kinds = ", ".join(m.kinds) or UNATTRIBUTED
        lines.append(f"- #{m.claim_id} \\[{m.role} · {kinds} · {m.certainty}\\] {escape(m.text)}"
                     + _claim_verdict(m.verdict))
        if reasons is not None:
            why = reasons.get(m.claim_id)
            said = why.describe() if why is not None else ["no reason stored (grouped before "
                                                           "reasons were kept)"]
            lines.extend(f"  - *grouped:* {escape(line)}" for line in said)
    if articles and story.articles:
        undated = [a.id for a in story.articles if a.published_at is None]
        lines += ["", "Articles:", ""]
        if undated:  # the story's dates (`stories list --since`) come from the dated ones
            lines += [f"Publication date unknown for {len(undated)} of "
                      f"{len(story.articles)} articles ({', '.join(map(str, undated))}): the "
                      "story's dates are those of the others"
                      if len(undated) < len(story.articles) else
                      "Publication date unknown for every article: the story has no dates "
                      "(`--since`/`--until` leave it out; `verifier articles set ID "
                      "--published YYYY-MM-DD --by NAME` gives one)", ""]
        for a in story.articles[:limit]:
            meta = ", ".join([escape(x) for x in (
                a.outlet or "no outlet",
                a.published_at.date().isoformat() if a.published_at else "date unknown",
            )] + ([link(a.url)] if a.url else []))
            label = article_label(a.title, (paths or {}).get(a.id))
            lines.append(f"- article {a.id}: {escape(label)} ({meta})")
        if limit is not None and len(story.articles) > limit:
            lines.append(f"- … and {len(story.articles) - limit:,} more articles "
                         f"(`verifier stories show {story.id} --json` lists every one)")
    for v in story.verdicts:
        url = f" ({link(v.url)})" if v.url else ""
        where = f" on story {v.story_id}" if v.story_id != story.id else ""
        how = f" ({escape(v.describe())})" if v.describe() else ""
        what = (f"**Retraction {v.id}**" if v.is_retraction
                else f"**Verdict {v.id}** {v.status}")
        then = "" if v.score is None else f" (score then {v.score:.2f})"  # none: a retraction
        lines.append(
            f"\n{what}{where}{how} by {escape(v.reviewer)} on {v.created_at:%Y-%m-%d}"
            f"{then}: {escape(v.evidence)}{url}"
        )
    lines.append("")
    return lines


def _window_note(story: StoryView, offset: int, shown: int, limit: int) -> str:
    """What a page of a story's claims leaves out, and how to see the rest."""
    total = len(story.members)
    more = []
    if offset:
        more.append(f"`--offset {max(0, offset - limit)}` the previous {limit:,}")
    if offset + shown < total:
        more.append(f"`--offset {offset + shown}` the next {min(limit, total - offset - shown):,}")
    return (f"*Claims {offset + 1:,}–{offset + shown:,} of {total:,} shown; "
            f"{', '.join(more)}; `--json` lists every one.*")


def _claim_verdict(verdict: VerdictRecord | None) -> str:
    """A claim's standing verdict beside it: " — **refuted** by NAME on DATE: evidence
    (<link>)", the link only when http(s); "" for a claim without one."""
    if verdict is None:
        return ""
    url = f" ({link(verdict.url)})" if verdict.url and http_url(verdict.url) else ""
    return (f" — **{verdict.status}** by {escape(verdict.reviewer)} on "
            f"{verdict.created_at:%Y-%m-%d}: {escape(verdict.evidence)}{url}")


def _article(article: ArticleReport) -> list[str]:
    meta = ", ".join(
        [escape(x) for x in (
            article.outlet,
            article.published_at.date().isoformat() if article.published_at else None,
        ) if x] + ([link(article.url)] if article.url else [])
    )
    lines = [f"### Article {article.id}: {escape(article.label)}", ""]
    if meta:
        lines += [meta, ""]
    shares = ", ".join(f"{k} {v:.0%}" for k, v in article.kind_shares.items())
    lines += [f"Claims by sourcing ({article.claims} claims): {shares or 'none'}", ""]
    if article.unconfirmed:
        lines.append(f"Unconfirmed claims: {len(article.unconfirmed)}")
        lines.append("")
    for s in article.sentences:
        label = f" `{'+'.join(s.kinds) or 'unattributed'}`" if s.claim else " `not a claim`"
        lines.append(f"> {escape(s.text)}{label}")
        lines += [f"> - why: {escape(w.words())}" for w in s.whys]
        lines.append(">")
    lines.append("")
    return lines


def words_in(line: EvidenceLine) -> str:
    """A term's evidence words in their sentence (escaped), each distinct words once; words
    that are the whole sentence (a report's own voice) are quoted once."""
    if line.whole:
        return f"“{escape(line.sentence)}”"
    words = ", ".join(f"“{escape(w)}”" for w in line.words)
    return f"{words} in: {escape(line.sentence)}"


def past_verdict_lines(report: Report) -> list[str]:
    """Unreviewed claims that match an earlier verdict, with its evidence."""
    if not report.past_verdicts:
        return []
    lines = ["## Earlier verdicts these claims match", ""]
    for m in report.past_verdicts:
        match = m.match
        source = f" ({link(match.url)})" if match.url else ""
        lines.append(f"- Claim {m.claim_id}: {escape(m.text)}  ")
        how = f" ({escape(match.how_adopted)})" if match.how_adopted else ""
        lines.append(f"  matches {match.ref}, **{match.verdict}**: {escape(match.reason)}{how}; "
                     f"{escape(match.evidence)}{source}." + (
                         f" Take it with `verifier claims adopt {m.claim_id} --from {match.ref}"
                         " --by NAME`." if match.takes else ""))
    lines.append("")
    return lines


def render_markdown(report: Report) -> str:
    return "".join(markdown_parts(report))


def markdown_parts(report: Report) -> Iterator[str]:
    """The Markdown text a piece at a time (a story or an article each), for streaming."""
    lines = [f"# Credibility report ({escape(report.scope)})", "",
             f"Generated {report.generated_at:%Y-%m-%d %H:%M} UTC by verifier.", ""]
    nothing = report.nothing_matched()
    if nothing is not None:  # one plain line: no legend, no empty tables
        yield "\n".join([*lines, escape(nothing)]) + "\n"
        return
    lines += ["## Stories", ""]
    yield "\n".join(lines) + "\n"
    for story in report.stories:
        yield "\n".join(story_lines(story)) + "\n"
    lines = []
    if not report.stories:
        lines += [escape(report.no_stories()), ""]
    lines += past_verdict_lines(report)
    if report.articles:
        lines += ["## Articles", "", "Legend (each sentence is labelled by who stands behind it):",
                  ""]
        from verifier.report.model import KIND_ORDER

        lines += [f"- `{k}`: {LEGEND[k]}" for k in KIND_ORDER] + [""]
    yield "\n".join(lines) + "\n"
    for article in report.articles:
        yield "\n".join(_article(article)) + "\n"
    if not report.sources:
        return
    lines = ["## Source track records", "",
             "| source | prior | confirmed | refuted | mean | 90% interval |",
             "|---|---:|---:|---:|---:|---:|"]
    for r in report.sources:
        low, high = r.interval()
        lines.append(
            f"| {escape_cell(r.name)} | {r.prior_confirmed:g}/{r.prior_refuted:g} | "
            f"{r.confirmed} | {r.refuted} | {r.mean:.2f} | {low:.2f}–{high:.2f} |"
        )
    yield "\n".join(lines) + "\n"
