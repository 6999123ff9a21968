"""The publishing outlet of an article, when its text names it: a dateline's credit
("SEOUL (Reuters) -"), a wire's or a copyright closing line, a contributor or "Source:" line,
an outlet that "can confirm" or "can reveal" what it states, or an outlet the registry does
not know that was told or approached twice ("When approached by Post-Courier Online"). A
cited outlet ("..., Reuters reported") is another's story, not the publisher; nor is a
registry outlet told things twice ("told Reuters"): a wire or network is told things in the
copy every page that carries it prints, and a wire the page does not credit is another
outlet (``media``; session 33: on the fit sets that guess named the publisher in 5 texts and
was wrong in all 5)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from verifier.analysis.attribution.speakers import UNREGISTERED, find_names
from verifier.analysis.wordindex import word_index
from verifier.registry import Prior, Registry, Source
from verifier.rules.regex_gate import gate

_DATELINE = re.compile(
    r"^[^\n]{0,80}?\(\s*([A-Z][\w.&' -]{1,40}?)\s*\)\s*(?:--|[-–—:]|(?=[A-Z]))", re.MULTILINE
)
_REUTERS_LINE = re.compile(r"\(Reporting by [^)]*\)")
#: A footer naming the publisher: a copyright line, a wire's contributor line, a staff
#: contributor ("Courier's Ana Roe contributed to this report"), or a "Source:" line closing the
#: text that credits the whole story ("Source: Xinhua").
_FOOTER = re.compile(
    r"(?:©|ⓒ|\([cC]\)|Copyright)\s*(?:\d{4}\s*)?([A-Z][\w.&'’ -]{1,60})"
    r"|\b((?:The\s+)?Associated\s+Press)\s+(?:writers?|reporters?|correspondents?)\b"
    r"|\b([A-Z][\w.&-]*(?:\s+[A-Z][\w.&-]*){0,3})['’]s\s+(?:[A-Z][\w.'’-]*\s+){1,3}"
    r"(?:contributed|also\s+contributed)\s+to\s+this\s+(?:report|story|article)"
    r"|(?:^|\n|(?<=[.!?])[ \t])[ \t]*\[?(?:Source|SOURCE)\s*:\s*([A-Z][\w.&'’ -]{1,40}?)\]?"
    r"[ \t.]*\s*$"
)
#: An outlet as the one who was told or shown ("approached by Post-Courier Online", "in an
#: interview with the Argus"): one the registry does not know, named so twice in one
#: article, is the publisher (``unregistered_outlet``).
_RECIPIENT_CUES = ("told", "telling", "tell", "tells", "interview with", "reviewed by",
                   "seen by", "obtained by", "spoke to", "speaking to", "comment to",
                   "statement to", "approached by", "contacted by")
_RECIPIENT = re.compile(
    r"\b(?:" + "|".join(cue.replace(" ", r"\s+") for cue in _RECIPIENT_CUES) + r")"
    r"\s+((?:the\s+)?[A-Z][\w.&'’-]*(?:\s+[A-Z][\w.&'’-]*){0,3})"
)
#: Every match of ``_RECIPIENT`` starts with one of these: it is tried only there.
_RECIPIENT_WORDS = tuple(sorted({cue.split()[0] for cue in _RECIPIENT_CUES}))
#: An outlet that "can confirm" or "can reveal" what it states speaks of itself: the news idiom
#: is the publisher's own ("..., DNG Online can confirm."); a cited outlet "reported" or
#: "confirmed" it. Once is enough.
_SELF_CLAIM = re.compile(
    r"\b((?:The\s+)?[A-Z][\w.&'’-]*(?:\s+[A-Z][\w.&'’-]*){0,3})\s+(?:can|is\s+able\s+to)\s+"
    r"(?:now\s+)?(?:confirm|reveal|disclose|exclusively\s+reveal)\b"
)
#: The British idiom of a publisher's own knowledge ("The Argus understands that ...").
_UNDERSTANDS = re.compile(
    r"\b((?:The\s+)?[A-Z][\w.&'’-]*(?:\s+[A-Z][\w.&'’-]*){0,3})\s+understands\b")
_POSSESSIVE = re.compile(r"['’]s\b")
#: A web address's ending after an outlet's name ("Source: Reuters.com").
_DOMAIN = re.compile(r"\.(?:com|net|org|co|news)(?:\.[a-z]{2})?$", re.IGNORECASE)


def detect_outlet(text: str, registry: Registry) -> Source | None:
    """The publishing outlet named by a dateline, a wire's closing line or a footer, or that
    "can confirm" what it states, if any."""
    head = text[:600]
    found = _media_named(registry, (match.group(1) for match in _DATELINE.finditer(head))
                         if "(" in head else ())
    if found is not None:
        return found
    tail = text[-600:]
    if _REUTERS_LINE.search(tail):
        return registry.get("reuters")
    # "Copyright 2025 The Associated Press", "AP writer"
    found = _media_named(registry, (
        _DOMAIN.sub("", next(group for group in match.groups() if group).strip())
        for match in _FOOTER.finditer(tail)))
    if found is not None:
        return found
    claims, _ = _read(text)
    return _media_named(registry, claims, most=1)


def _media_named(registry: Registry, names: Iterable[str], most: int | None = None
                 ) -> Source | None:
    """The first news organisation among the registry sources ``names`` name (the first
    ``most`` of each name's), if any."""
    for name in names:
        for source, _, _ in find_names(registry, name)[:most]:
            if source.is_media:
                return source
    return None


#: The last text read by ``_read`` and what it found (``detect_outlet`` and then
#: ``unregistered_outlet`` read the same article).
_LAST: list[tuple[str, tuple[tuple[str, ...], tuple[str, ...]]]] = []


def _read(text: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The names that "can confirm" (``_SELF_CLAIM``, group 1 of each match) and the names
    told or approached (``_recipients``) in ``text``, left to right; kept for the last text."""
    held = _LAST[-1:]  # (one read: another thread may replace it)
    if held and held[0][0] is text:
        return held[0][1]
    claims: tuple[str, ...] = ()
    if (" can " in text or " able to " in text) and gate(_SELF_CLAIM).admits(text):
        claims = tuple(m.group(1) for m in _SELF_CLAIM.finditer(text))
    found = claims, tuple(m.group(1) for m in _recipients(text))
    _LAST[:] = [(text, found)]
    return found


#: ``_cited``'s three ways of citing an outlet, each with ``{words}`` where the name goes:
#: before "reported", after "according to" (or ", per", "as per"), in a list of outlets.
_CITED_AFTER = r"\b{words}\s+(?:reported|reports|was\s+reporting)\b"
_CITED_ACCORDING = r"(?:according\s+to|(?<=,\s)per|\bas\s+per)\s+(?:the\s+)?{words}\b"
_CITED_AMONG = (r"\b(?:outlets|media|newspapers|broadcasters)\s+(?:including|such\s+as)"
                r"\s+(?:[\w.'’&-]+,?\s+){{0,6}}?{words}\b")
#: The words before a name ``_CITED_ACCORDING`` and ``_CITED_AMONG`` allow (without "the"
#: and the listed outlets before it) and the one word more of a list.
_ACCORDING_HEAD = re.compile(r"(?:according\s+to|(?<=,\s)per|\bas\s+per)\s+")
_THE = re.compile(r"the\s+")
_AMONG_HEAD = re.compile(
    r"\b(?:outlets|media|newspapers|broadcasters)\s+(?:including|such\s+as)\s+")
_LISTED = re.compile(r"[\w.'’&-]+,?\s+")
_FIRST_WORD = re.compile(r"\w+")


class _Citations:
    """Where in one text a name may stand after "according to" or in a list of outlets:
    for each such place, the starts of the phrases that may reach it (found once per text,
    so that each name's ``_cited`` tries only its own mentions)."""

    def __init__(self, text: str) -> None:
        self.text = text
        index = word_index(text)  # (not kept: the analysis lets a long text's index go)
        reach: dict[int, list[tuple[int, bool]]] = {}
        self.reach = reach
        self.scanned = index.scanned
        if self.scanned:
            return  # (a short text is scanned)
        starts: list[int] = []
        at = text.find("according")
        while at >= 0:
            starts.append(at)
            at = text.find("according", at + 1)
        for start in sorted({*starts, *index.starts("per"), *index.starts("as")}):
            head = _ACCORDING_HEAD.match(text, start)
            if head is not None:
                reach.setdefault(head.end(), []).append((start, False))
                the = _THE.match(text, head.end())
                if the is not None:
                    reach.setdefault(the.end(), []).append((start, False))
        for word in ("outlets", "media", "newspapers", "broadcasters"):
            for start in index.starts(word):
                head = _AMONG_HEAD.match(text, start)
                if head is None:
                    continue
                at = head.end()
                reach.setdefault(at, []).append((start, True))
                for _ in range(6):
                    listed = _LISTED.match(text, at)
                    if listed is None:
                        break
                    at = listed.end()
                    reach.setdefault(at, []).append((start, True))

    def cited(self, name: str) -> bool:
        """``_cited(self.text, name)``: each way of citing tried only where the name's first
        word starts (a name's every match there starts a word run that is its first run),
        those after "according to" and in lists from the phrases that reach it."""
        words = re.escape(name.strip()).replace(r"\ ", r"\s+")
        ways = [way.format(words=words) for way in (_CITED_AFTER, _CITED_ACCORDING, _CITED_AMONG)]
        first = _FIRST_WORD.match(name.strip())
        if first is None or self.scanned:
            return re.search("|".join(ways), self.text) is not None
        after, according, among = (re.compile(way) for way in ways)
        for at in word_index(self.text).starts(first.group()):
            if after.match(self.text, at) is not None:
                return True
            for start, listed in self.reach.get(at, ()):
                if (among if listed else according).match(self.text, start) is not None:
                    return True
        return False


#: The last text ``_cited`` read and its ``_Citations``.
_CITATIONS: list[_Citations] = []


def _cited(text: str, name: str) -> bool:
    """Whether the text cites the outlet it names as another's ("..., Reuters reported",
    "according to Reuters", "according to outlets including the BBC"): a relaying outlet's
    copy, or another outlet's story, not the outlet's own story."""
    held = _CITATIONS[-1:]  # (one read: another thread may replace it)
    if held and held[0].text is text:
        citations = held[0]
    else:
        citations = _Citations(text)
        _CITATIONS[:] = [citations]
    return citations.cited(name)


def _recipients(text: str) -> Iterator[re.Match[str]]:
    """``_RECIPIENT.finditer(text)``, tried only where one of its words starts."""
    starts: list[int] = []
    for word in _RECIPIENT_WORDS:
        at = text.find(word)
        while at >= 0:
            starts.append(at)
            at = text.find(word, at + 1)
    starts.sort()
    end = 0
    for at in starts:
        if at >= end and (match := _RECIPIENT.match(text, at)) is not None:
            yield match
            end = match.end()


#: The prior of a publisher the registry does not know (never scored: it only marks the
#: outlet's own name in its text as no source).
_UNKNOWN_PRIOR = Prior(1.0, 1.0, "an outlet the registry does not know")


def named_outlet(name: str) -> Source:
    """The publishing outlet a user names that the registry does not know (``verifier
    analyze --outlet``, an HTML page's site name): a made-up entry, as ``unregistered_outlet``
    makes one, so that its name in the text ("told The Argus" in The Argus) is no media
    source of the outlet's own story."""
    name = name.strip()
    return Source(f"{UNREGISTERED}{name.lower()}", name, "news_website", (), None, None,
                  _UNKNOWN_PRIOR)


def unregistered_outlet(
    text: str, registry: Registry, media_name: re.Pattern[str]
) -> Source | None:
    """The publishing outlet the registry does not know, named by the publisher's own idioms:
    a news organisation's name (``media_name``: "DNG Online", "The Argus") that "can confirm"
    or "can reveal" what it states, that "understands" something, or that was told or
    approached twice ("When approached by Post-Courier Online ..."), and that the text does
    not cite as another's ("..., The Argus reported"). A made-up entry, so that its name in
    the text is no media source of the outlet's own story."""
    claims, recipients = _read(text)
    names = list(claims)
    if " understands" in text:
        names += [m.group(1) for m in _UNDERSTANDS.finditer(text)]
    heard: dict[str, int] = {}
    for name in recipients:
        told = _POSSESSIVE.sub("", name)
        heard[told] = heard.get(told, 0) + 1
        if heard[told] == 2:
            names.append(told)
    for name in names:
        name = name.strip()
        if (media_name.fullmatch(name) is None or _cited(text, name)
                or any(source.is_media for source, _, _ in find_names(registry, name))):
            continue
        return named_outlet(name)
    return None
