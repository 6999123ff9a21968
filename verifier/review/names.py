"""Sources and articles as a reader names them. An article whose outlet is unknown keeps its
anonymous sources in a record of its own (``store.party_keys.unnamed_source``: key
``unnamed-via:unknown:<digest>``, name "unnamed sources via an unknown outlet (<title or
file>)" before session 19, "unnamed sources in <title or file>" until session 22, which read
as an outlet named after the article's title ("unnamed sources in U.N. chief Ban Ki-moon
expected to visit ..."), and 'unnamed sources of the article “<title or file>” (outlet
unknown)' since (migration 0020 renames the stored ones), the article named by
``article_label`` as every page names it ("(untitled) velm_b.txt", a title whole) since
session 25 (migration 0024); the key is internal, so ``claims show`` and the desk leave it
out and say an older name the newer way."""

from __future__ import annotations

from typing import TYPE_CHECKING

from verifier.vocab import UNNAMED_VIA

if TYPE_CHECKING:
    from verifier.store.source_reads import SourceStats

#: The stored key's start and name's start for one article's anonymous sources.
ARTICLE_KEY = f"{UNNAMED_VIA}unknown:"
_LONG = "unnamed sources via an unknown outlet ("
_IN = "unnamed sources in "


def article_sources_name(label: str) -> str:
    """The name of one article's anonymous sources when its outlet is unknown: the article
    quoted, so its title is never read as an outlet's name."""
    return f"unnamed sources of the article “{label}” (outlet unknown)"


def article_record(key: str | None) -> bool:
    """Whether ``key`` is one article's own record of its anonymous sources."""
    return bool(key) and str(key).startswith(ARTICLE_KEY)


def plain_source_name(name: str | None) -> str | None:
    """The name a reader sees: ``article_sources_name`` for one article's anonymous sources
    under an older name, any other name as stored."""
    if name and name.startswith(_LONG) and name.endswith(")"):
        return article_sources_name(name[len(_LONG):-1])
    if name and name.startswith(_IN):
        return article_sources_name(name[len(_IN):])
    return name


def article_label(title: str | None, path: str | None) -> str:
    """An article as a reader names it: its title, or for an untitled one its file's name
    ("(untitled) U101_story.txt"), or "(untitled)" when it came from no file."""
    if title:
        return title
    name = path.replace("\\", "/").rsplit("/", 1)[-1] if path else ""
    # a line break in the name (``new<LF>line.txt``) as ``\\n``: a label is one line
    name = name.replace("\r", "\\r").replace("\n", "\\n")
    return f"(untitled) {name}" if name else "(untitled)"


def _count(number: int, noun: str) -> str:
    return f"{number:,} {noun}{'' if number == 1 else 's'}"


def source_use(stats: SourceStats) -> str | None:
    """What a stored source does in the database, said the same way by ``sources show``,
    the desk's and the command line's reports: an outlet's own articles, and the articles
    quoting it ("not an outlet" for a party, never "0 articles published"). None for a
    registry entry not stored yet."""
    if stats.articles is None:
        return None
    claims, times = stats.claims or 0, stats.attributions or 0
    if claims:
        how_often = f"{_count(times, 'time')} " if times > claims else ""
        quoted = (f"quoted {how_often}in {_count(claims, 'claim')} of "
                  f"{_count(stats.quoted_articles or 0, 'article')}")
    else:
        quoted = "quoted in no stored article"
    if stats.is_outlet:
        published = (f"published {_count(stats.articles, 'stored article')}" if stats.articles
                     else "published no stored article")
        return f"an outlet: {published}; {quoted}"
    return f"not an outlet: {quoted}"
