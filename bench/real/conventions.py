"""How each labelled set applied the contested conventions: counts per set and wording class.

    python bench/real/conventions.py --corpus /work/realcorpus/tune            # every class
    python bench/real/conventions.py --corpus DIR --class bare_report          # one class
    python bench/real/conventions.py --corpus DIR --rows bare_report [--text]  # its row ids
    python bench/real/conventions.py --corpus DIR --markdown   # a row per sub-class and set

Reads ``<set>.labels.jsonl``, ``<set>.manifest.tsv`` and ``<set>.stories.jsonl`` of every set in
``--corpus`` at run time (labels only: no analyser). Each class finds the sentences that hold
one contested wording (a denied rumour, a report with no outlet, "told <outlet>" on another
outlet's page, ...) by the words of the sentence and its labels, and sorts each by how the
labeller labelled it (``unnamed`` added or not, ``media`` or ``unnamed``, ...). The table gives
each set's count per outcome and the share of the first outcome; ``drift`` is a permutation
test over the labellers' parts (the documents of one labeller, ``P1``, ``P2``, ...: each part
keeps its rows, parts are dealt to sets at random, set sizes in parts kept), so a small ``p``
says the sets differ by more than their labellers do among themselves. ``within`` is the same
test among the parts of one set, pooled over sets: a small ``p`` there says labellers of one
session differ too.

``--rows CLASS`` lists the row ids (``doc:i``), their outcome and the cue found; ``--text``
adds the sentence, for reading in the terminal only. The sets are third-party text: nothing
this script prints goes into the repository beyond counts and row ids.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

Row = dict[str, Any]

#: Speaker kinds (who), as against the stances.
SPEAKERS = ("official", "named", "media", "unnamed_official", "unnamed")
STANCES = ("declined", "denied")
WIRES = ("AP", "AFP", "Reuters", "Xinhua", "Bloomberg", "IANS", "PTI", "ANI", "Yonhap", "dpa",
         "UPI", "Anadolu", "EFE", "Kyodo", "TASS", "ANSA", "Bernama", "Antara", "NNA", "APA",
         "CNA", "Interfax", "Sputnik", "KUNA", "WAM", "SPA", "Lusa", "Efe", "AAP", "PA", "CP",
         "RIA Novosti", "Tass", "Press Association", "Associated Press", "Agence France-Presse",
         "Agence France Presse")


@dataclass
class Hit:
    """One sentence of a class: its row, the outcome the labels give it and the cue found."""

    row: Row
    outcome: str
    cue: str
    sub: str = ""


@dataclass
class Corpus:
    sets: list[str] = field(default_factory=list)
    rows: list[Row] = field(default_factory=list)
    by_doc: dict[str, list[Row]] = field(default_factory=dict)
    outlet: dict[str, str] = field(default_factory=dict)
    in_story: set[tuple[str, int]] = field(default_factory=set)
    #: (doc, i) -> the stories the sentence belongs to; story -> its outcome
    stories_of: dict[tuple[str, int], set[str]] = field(default_factory=dict)
    story_outcome: dict[str, str] = field(default_factory=dict)
    media_names: set[str] = field(default_factory=set)


def _set_key(path: Path) -> tuple[bool, str]:
    name = path.name.removesuffix(".labels.jsonl")
    return (name[3:4].islower(), name)


def load(corpus: Path) -> Corpus:
    c = Corpus()
    for labels in sorted(corpus.glob("set*.labels.jsonl"), key=_set_key):
        name = labels.name.removesuffix(".labels.jsonl")
        letter = name[3:]
        c.sets.append(letter)
        docs: dict[str, list[Row]] = defaultdict(list)
        for line in labels.read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                row["set"] = letter
                row["part"] = letter + row["doc"][len(letter):len(letter) + 1]
                c.rows.append(row)
                docs[row["doc"]].append(row)
        for doc, rows in docs.items():
            rows.sort(key=lambda r: r["i"])
            c.by_doc[doc] = rows
        manifest = corpus / f"{name}.manifest.tsv"
        if manifest.is_file():
            for line in manifest.read_text(encoding="utf-8").splitlines():
                cols = line.split("\t")
                if len(cols) >= 3:
                    c.outlet[cols[1]] = cols[2]
        stories = corpus / f"{name}.stories.jsonl"
        if stories.is_file():
            for line in stories.read_text(encoding="utf-8").splitlines():
                if line.strip():
                    story = json.loads(line)
                    c.in_story.update((story["doc"], i) for i in story["sentences"])
                    c.story_outcome[story["story"]] = story.get("outcome") or ""
                    for i in story["sentences"]:
                        c.stories_of.setdefault((story["doc"], i), set()).add(story["story"])
    for row in c.rows:
        for a in row["sourcing"]:
            if a["kind"] == "media":
                for name in _outlet_names(a["source"]):
                    c.media_names.add(name)
    c.media_names.update(w.lower() for w in WIRES)
    return c


_CAPS = re.compile(r"(?:[A-Z][\w&’'.-]*|[A-Z]{2,})(?:\s+(?:[A-Z][\w&’'.-]*|of|de|al|el))*")
_NOT_OUTLET = frozenset({"the", "a", "an", "he", "she", "it", "they", "we", "i", "in", "on",
                         "according", "reports", "report", "media", "local", "state"})


def _outlet_names(source: str) -> Iterator[str]:
    for m in _CAPS.finditer(source):
        name = m.group(0).strip(" .’'")
        if name.lower() not in _NOT_OUTLET and len(name) > 1:
            yield name.lower()


def _kinds(row: Row) -> list[str]:
    return [a["kind"] for a in row["sourcing"]]


def _sources_with(row: Row, rx: re.Pattern[str]) -> list[dict[str, str]]:
    return [a for a in row["sourcing"] if rx.search(a["source"])]


def _words(text: str) -> set[str]:
    return {w.lower() for w in re.findall(r"[\w’'-]+", text)} - {
        "the", "a", "an", "of", "for", "to", "in", "on", "and", "its", "his", "her", "their",
        "said", "says", "s"}


def _publisher(c: Corpus, doc: str) -> str:
    return c.outlet.get(doc, "")


_COPY = re.compile(r"([A-Z][\w&.’'/ -]{1,40}?)(?:-sourced|-style)?\s+(?:copy|report credited)")


def _copy_of(c: Corpus, doc: str) -> str:
    """The wire or outlet whose copy the page carries, as the manifest's note says ("Reuters
    copy, credited"), else ""."""
    m = _COPY.search(_publisher(c, doc).split(" (", 1)[-1])
    if not m:
        return ""
    name = m.group(1).split(";")[-1].split(",")[-1].strip()
    name = re.sub(r"^(?:carrying|reproducing|uncredited|quotes|wording suggests|text reads like|"
                  r"regional paper's AAP finance feed,)\s+", "", name).strip()
    return "" if name.lower() in ("wire", "archive", "agency", "syndicated") else name


# ---------------------------------------------------------------------------------------
# The classes. Each yields a Hit per sentence (or per source) it concerns.

_RUMOUR = re.compile(
    r"\b(?:rumou?rs?|rumou?red|speculations?|(?:(?:false|baseless|unfounded|online|media|"
    r"wild|viral|social media)\s+)claims?|claims?\s+(?:that|circulating|made on|on social))\b",
    re.I)
_CONTENT = re.compile(
    r"\s*(?:that|of|about|regarding|on|surrounding|concerning|linking|suggesting|circulat\w*|"
    r"making|alleging|which|claiming|spreading|in the media|on social)\b", re.I)


def rumour_denied(c: Corpus) -> Iterator[Hit]:
    """A rumour, speculation or anonymous claims a party denies or dismisses: is the rumour
    also ``unnamed`` (the words carry the claim), or only the object of ``denied``?"""
    for row in c.rows:
        kinds = _kinds(row)
        if "denied" not in kinds:
            continue
        m = _RUMOUR.search(row["text"])
        if not m:
            continue
        cue = m.group(0)
        owned = re.search(r"(’s|'s|by [A-Z]\w+|of [A-Z]\w+)\s*$", row["text"][:m.start()]) or \
            re.match(r"\s*(by|from|made by)\s+[A-Z]", row["text"][m.end():])
        if owned:
            continue
        rx = re.compile(r"\b(rumou?r|speculat|claim|reports?)", re.I)
        on_cue = {a["kind"] for a in _sources_with(row, rx) if a["kind"] in SPEAKERS}
        if "unnamed" in on_cue:
            outcome = "unnamed"
        elif "media" in on_cue:
            outcome = "media"
        elif "unnamed" in kinds:
            outcome = "unnamed"
        else:
            outcome = "denied only"
        content = _CONTENT.match(row["text"][m.end():]) or cue.lower().startswith(
            ("claim", "rumoured", "rumored"))
        yield Hit(row, outcome, cue, "with content" if content else "bare")


_MODS = (r"media|news|press|newspaper|online|unconfirmed|recent|earlier|local|several|some|"
         r"numerous|various|conflicting|initial|previous|widespread|multiple|these|those|such|"
         r"other|foreign|international|social media|latest|persistent|repeated|fresh|new|"
         r"false|the|a|an")
_REPORT_NOUN = re.compile(
    r"\b(?:(?:according to|amid|after|following|despite|follow(?:s|ed)|den(?:y|ies|ied)|"
    r"dismiss(?:ed|es)?|reject(?:ed|s)?|refut(?:ed|es)|on|to|about|by) (?:the )?reports\b|"
    r"there (?:were|have been|are|had been|was|has been) (?:\w+ )?reports?\b|"
    r"^\W*reports?\s+(?:that|say|said|suggest\w*|claim\w*|indicat\w*|circulat\w*|"
    r"emerged|have|had)\b|"
    r"(?:\b(?:" + _MODS + r")\s+)+reports?\b)", re.I)
_REPORT_PASSIVE = re.compile(
    r"\b(?:it|as) (?:was|has been|had been|is being|is) (?:widely |earlier |previously |also )?"
    r"reported\b|\b(?:were|was|is|are) (?:also )?reported to\b", re.I)
_COMMON = frozenset({
    "According", "Media", "Reports", "Report", "Local", "The", "Earlier", "Unconfirmed",
    "Several", "Some", "A", "An", "There", "These", "Those", "Such", "Recent", "News", "Press",
    "But", "And", "However", "Meanwhile", "Other", "Newspaper", "Online", "Amid", "After",
    "Following", "Despite", "In", "On", "Last", "Previous", "Initial", "Multiple", "It", "As",
    "Earlier,", "Foreign", "International", "Latest", "Fresh", "New", "Persistent", "Various",
    "Numerous", "Conflicting", "Widespread", "Social", "False", "This", "That", "Repeated"})


def _named_near(text: str, start: int, end: int) -> bool:
    """An outlet named with the report: a capitalised word just before it ("a Dawn report",
    "Reuters reports") or after it ("reports in the Times", "reported by Yonhap")."""
    before = text[max(0, start - 40):start]
    after = text[end:end + 45]
    for w in before.split()[-3:]:
        w = w.strip(",.:;“”\"'()")
        if w[:1].isupper() and w not in _COMMON:
            return True
    return bool(re.match(r"[\s,]*(?:\w+\s+)?(?:by|in|from|on|of|carried by|published (?:by|in)|"
                         r"aired (?:by|on))\s+(?:the\s+)?[A-Z]", after))


def bare_report(c: Corpus) -> Iterator[Hit]:
    """A report with no outlet named: ``media`` (a news report, guide section 2), ``unnamed``
    (hearsay: "was reported" is in the guide's hearsay list) or nothing. "The report"
    (singular, definite: a back-reference to a named report) is left out."""
    for row in c.rows:
        if not row["claim"]:
            continue
        text = row["text"]
        sub = "noun"
        m = None
        for cand in _REPORT_NOUN.finditer(text):
            phrase = cand.group(0).lower().split()
            if phrase[-1] == "report" and phrase[-2:-1] in (["the"], ["this"], ["that"]):
                continue
            m = cand
            break
        if not m:
            m = _REPORT_PASSIVE.search(text)
            sub = "passive"
        if not m:
            continue
        if _named_near(text, m.start(), m.end()):
            continue
        rx = re.compile(r"\breport", re.I)
        on = _sources_with(row, rx)
        if any(re.search(r"\b[A-Z]", a["source"][1:]) and
               not re.fullmatch(r"(?i)(media|news|press|local|according to) reports?", a["source"])
               for a in on):
            continue  # the labeller's source names an outlet with the report
        kinds = {a["kind"] for a in on}
        if "media" in kinds:
            outcome = "media"
        elif "unnamed" in kinds:
            outcome = "unnamed"
        elif on:
            outcome = "other"
        else:
            outcome = "none"
        if sub == "noun":
            content = bool(_CONTENT.match(text[m.end():]) or re.match(
                r"\s*(?:say|said|says|suggest\w*|claim\w*|indicat\w*|stat\w*|allege\w*|"
                r"have (?:said|suggested|claimed)|had (?:said|suggested|claimed|stated))\b",
                text[m.end():]) or re.search(r"(?i)according to|there (?:were|have been|are|had "
                                             r"been|was|has been)", m.group(0)) or
                (re.match(r"\s*,", text[m.end():]) and m.start() < 25))
            sub = "carries claim" if content else "topic"
            if "denied" in _kinds(row):
                sub = "denied"
            if re.search(r"(?i)\b(media|news|press|newspaper|online|tabloid|television|tv)\b",
                         m.group(0) + " " + text[m.end():m.end() + 12]):
                sub = "media word"
            else:
                sub = "plain, " + sub
        yield Hit(row, outcome, m.group(0), sub)


_TOLD = re.compile(
    r"\b(?:told|telling|tells|speaking to|spoke to|speaking with|spoke with|said to|"
    r"in an interview with|an interview with|interview with|interviewed by|in comments to|"
    r"in a statement to|in remarks to|confirmed to|said in an interview with)\s+(?:the\s+)?"
    r"((?:[A-Z][\w&’'.-]*|[A-Z]{2,})(?:\s+(?:[A-Z][\w&’'.-]*|de|al|el|of))*)")


_ALIAS = {"ap": "associated press", "afp": "agence france", "associated press": "associated press",
          "agence france-presse": "agence france", "agence france presse": "agence france",
          "pa": "press association", "nyt": "new york times", "wsj": "wall street journal"}


def _same_outlet(name: str, publisher: str) -> bool:
    """``name`` ("The Post", "AFP") names the outlet ``publisher`` describes."""
    pub = publisher.lower()
    name = re.sub(r"^the\s+", "", name.lower().strip(".’'"))
    name = _ALIAS.get(name, name)
    pub = _ALIAS.get(pub, pub)
    if not name or not pub:
        return False
    head = pub.split(" (")[0]
    if name in head or name in pub.split(";")[0]:
        return True
    words = [w for w in re.findall(r"[\w&-]+", name) if len(w) > 2]
    return bool(words) and all(re.search(r"\b" + re.escape(w) + r"\b", head) for w in words)


_DAYS = frozenset({"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday",
                   "Sunday", "Parliament", "Congress"})
_OUTLET_WORD = re.compile(
    r"\b(News|Times|Post|Press|Herald|Tribune|Guardian|Journal|Radio|TV|FM|Sun|Standard|"
    r"Gazette|Express|Mail|Telegraph|Independent|Daily|Weekly|Online|Recorder|Sanomat|"
    r"Magazine|Agency|Television|Broadcasting|Network|Chronicle|Observer|Courier|Courant|"
    r"Mirror|Star|Insider|Report|Review|Wire|Today|Sports|Week|Voice|Monitor|Business|"
    r"Al-Awsat|Nikkei|Xinhua|Kyodo|Yonhap|Reuters|Bloomberg)\b")


def _is_outlet(c: Corpus, name: str) -> bool:
    """A news organisation: one the labels call ``media`` somewhere, a manifest's outlet,
    a wire, or a name with a newspaper's or broadcaster's word in it."""
    low = name.lower()
    words = low.split()
    if low in c.media_names or any(" ".join(words[:k]) in c.media_names
                                   for k in range(len(words), 0, -1)):
        return True
    if any(low == o.split(" (")[0].lower() for o in c.outlet.values()):
        return True
    return bool(_OUTLET_WORD.search(name))


def _credits(text: str, name: str) -> bool:
    """The text credits ``name`` as its source: a dateline "(Reuters)", a credit line
    "- Reuters", "By Reuters", "Source: Reuters"."""
    names = {name, _ALIAS.get(name.lower(), name)}
    if name.lower() in ("associated press", "the associated press"):
        names.add("AP")
    for n in names:
        e = re.escape(n.removeprefix("The ").removeprefix("the "))
        if re.search(r"\(" + e + r"(?:/[^)]*)?\)|^\W{0,3}(?:By|Source:?)?\s*" + e
                     + r"\W{0,3}$|[-—–]\s*" + e + r"\s*$", text.strip(), re.I):
            return True
    return False


def told_outlet(c: Corpus) -> Iterator[Hit]:
    """A speaker telling another news organisation ("told AFP", "in an interview with the
    BBC") on a page that outlet did not publish: does the outlet get ``media``? The
    publishing outlet's own "told <us>" is excluded (convention 4: not media)."""
    for row in c.rows:
        if not row["claim"]:
            continue
        for m in _TOLD.finditer(row["text"]):
            name = m.group(1).strip(".’',")
            if name.split()[0] in _DAYS:
                continue
            if not _is_outlet(c, name):
                continue
            if _same_outlet(name, _publisher(c, row["doc"]).split(" (")[0]):
                continue
            media = [a for a in row["sourcing"] if a["kind"] == "media"
                     and (_words(a["source"]) & _words(name))]
            copy = _copy_of(c, row["doc"])
            if copy and (_same_outlet(name, copy) or _same_outlet(copy, name)):
                credited = any(_credits(r["text"], name) or _credits(r["text"], copy)
                               for r in c.by_doc[row["doc"]])
                sub = "the copy's own wire, " + ("credited" if credited else "not credited")
            elif any(name.startswith(w) for w in WIRES):
                sub = "a wire"
            else:
                sub = "another outlet"
            yield Hit(row, "media" if media else "no media", m.group(0)[:40], sub)
            break


def media_carried(c: Corpus) -> Iterator[Hit]:
    """The sentences that go on with a speaker introduced as telling another outlet ("X
    told AFP", then "he added", a quotation going on): does ``media`` go on with the speaker
    (the second labellers of session 16 added it) or stay on the sentence naming the outlet
    (the session 17 brief, dev 09)?"""
    told = {(h.row["doc"], h.row["i"]): h for h in told_outlet(c)}
    for doc, rows in c.by_doc.items():
        active: tuple[set[str], set[str]] | None = None
        for row in rows:
            h = told.get((doc, row["i"]))
            if h is not None:
                outlet = _words(re.sub(r"^(?:told|telling|tells|speaking to|spoke to|speaking "
                                       r"with|spoke with|said to|in an interview with|an "
                                       r"interview with|interview with|interviewed by|in "
                                       r"comments to|in a statement to|in remarks to|confirmed "
                                       r"to|said in an interview with)\s+", "", h.cue))
                speaker = _words(" ".join(a["source"] for a in row["sourcing"]
                                          if a["kind"] != "media"))
                active = (outlet, speaker) if speaker else None
                continue
            if active is None:
                continue
            outlet, speaker = active
            carried = [a for a in row["sourcing"] if a["kind"] != "media"
                       and _words(a["source"]) & speaker
                       and a["source"] not in row["text"]]
            if not carried or _TOLD.search(row["text"]):
                active = None
                continue
            media = [a for a in row["sourcing"] if a["kind"] == "media"
                     and _words(a["source"]) & outlet]
            yield Hit(row, "media carried" if media else "speaker only",
                      "/".join(sorted(outlet))[:30])


_CREDIT_LINE = re.compile(
    r"(?:\b(?:AP|AFP|Reuters|Getty Images|EPA|Xinhua|Bloomberg|Shutterstock|PA|Yonhap|"
    r"ANI|PTI|IANS|Kyodo|Anadolu)(?: Photo)?\s*/\s*[A-Z][\w .’'-]{1,40}|\b(?:Photo|Picture|"
    r"Image|Credit)s?\s*:\s*[A-Z][\w .’'/-]{1,40}|[A-Z][\w .’'-]{1,30}/(?:AP|AFP|Reuters|"
    r"Getty Images|EPA|Xinhua|Bloomberg|Shutterstock|PA Wire|Yonhap)\b)")


def photo_credit(c: Corpus) -> Iterator[Hit]:
    """A photo credit ("AP Photo/Name", "Name/Getty Images", "Photo: Reuters"): ``media``
    (convention 6, in the caption's sentence) or nothing (furniture)? Split by whether the
    credit is part of a caption sentence (a claim) or a line on its own (a non-claim)."""
    for row in c.rows:
        m = _CREDIT_LINE.search(row["text"])
        if not m:
            continue
        credit = m.group(0)
        media = [a for a in row["sourcing"] if a["kind"] == "media"
                 and (_words(a["source"]) & _words(credit))]
        sub = "in a caption (claim)" if row["claim"] else "a line on its own (non-claim)"
        yield Hit(row, "media" if media else "no media", credit[:30], sub)


_WIRE_RX = "|".join(re.escape(w) for w in sorted(WIRES, key=len, reverse=True))
_DATELINE = re.compile(r"^(?P<pre>.{0,70}?)\((" + _WIRE_RX
                       + r")(?:[/ ][\w /-]{0,20})?\)(?!\S)")
_DATELINE_PRE = re.compile(r"^(?:date [\d-]+\s+)?(?:(?:[A-Z][\w.’'-]*|\d+|\([A-Z][a-z]+\)),?\s*)*$")
_CREDIT = re.compile(r"^\W{0,3}(?:(?:Source|By)\s*:?\s*)?\(?(" + _WIRE_RX
                     + r")(?:/[\w ]{0,20})?\)?\W{0,3}$")


def wire_copy(c: Corpus) -> Iterator[Hit]:
    """Wire copy another outlet republished: the wire's dateline ("CITY (AP) --", "Jan 3
    (IANS)") or credit line ("-- IANS", "(ANI)") on a page the wire did not publish. Is the
    wire ``media`` there (the claim came from it), or nothing, like the publisher's own
    dateline (convention 4)? Photo credits ("AP Photo/...") are not counted here."""
    for row in c.rows:
        text = row["text"].strip()
        m = _DATELINE.match(text)
        sub = "dateline"
        if m and (not _DATELINE_PRE.match(m.group("pre")) or re.search(
                r"\b(Agency|News|Press|Service|Times|Post)\b", m.group("pre"))):
            m = None
        if not m:
            m = _CREDIT.match(text)
            sub = "credit line"
        if not m:
            continue
        wire = m.group(2) if sub == "dateline" else m.group(1)
        pub = _publisher(c, row["doc"]).split(" (")[0]
        if _same_outlet(wire, pub):
            continue
        media = [a for a in row["sourcing"] if a["kind"] == "media"
                 and (re.search(r"\b" + re.escape(wire) + r"\b", a["source"])
                      or _same_outlet(wire, a["source"]))]
        yield Hit(row, "media" if media else "no media", m.group(0)[-30:], sub)


_SPOKES = re.compile(
    r"^(?:an?|one)\s+(?:[\w’'.&-]+\s+){0,4}?(?:spokes(?:person|man|woman)|representative|"
    r"press officer|press secretary)\b", re.I)


def indefinite_spokesperson(c: Corpus) -> Iterator[Hit]:
    """"a company spokesperson", "a spokesman for the ministry", "a club representative":
    ``unnamed_official`` (convention 2) or ``official`` (the body's own voice)?"""
    for row in c.rows:
        for a in row["sourcing"]:
            if a["kind"] not in SPEAKERS:
                continue
            if not _SPOKES.match(a["source"]):
                continue
            rest = a["source"][_SPOKES.match(a["source"]).end():]  # type: ignore[union-attr]
            if re.search(r",\s+[A-Z][a-z]+\s+[A-Z]", rest):
                continue  # a spokesperson named in apposition
            body = "body named" if re.search(r"\b[A-Z]", a["source"][1:]) else "body unnamed"
            yield Hit(row, a["kind"], a["source"][:40], body)


_AUTH = re.compile(r"\b(authorities|officials|the government|police)\b", re.I)
_PERSON = re.compile(r"\b[A-Z][a-z]+\s+[A-Z][a-z]+\b")


def authorities_officials(c: Corpus) -> Iterator[Hit]:
    """Plural "authorities" / "officials" with no name ("Pakistani officials", "the
    authorities", "health officials"): ``unnamed_official`` (role noun), ``official`` (an
    identifiable institution) or ``unnamed``?"""
    for row in c.rows:
        for a in row["sourcing"]:
            if a["kind"] not in SPEAKERS:
                continue
            src = a["source"]
            m = re.search(r"\b(authorities|officials)\b", src, re.I)
            if not m or re.search(r"(?i)\bsources?\b|\bspokes|\bminist(er|ry)\b", src):
                continue
            if len(src.split()) > 7 or _PERSON.search(src):
                continue
            yield Hit(row, a["kind"], src[:40], m.group(1).lower())


_FORMER = re.compile(
    r"(?i)\b(?:former|ex-|erstwhile|one-time|onetime|retired)\s*(?:[\w.’'-]+\s+){0,3}?"
    r"(?:minister|president|prime minister|pm|pms|premier|lawmaker|legislator|mp|senator|"
    r"mayor|governor|leader|deputy|chief|chairman|chairwoman|secretary|ambassador|official|"
    r"officials|politician|head|director|commissioner|ceo|speaker|attorney general|"
    r"general|councillor|councilor|state minister|president’s|president's)\b")


def former_office(c: Corpus) -> Iterator[Hit]:
    """A former office-holder ("former prime minister X", "ex-minister"): ``official`` or
    ``named`` (holds no office in the matter)?"""
    for row in c.rows:
        for a in row["sourcing"]:
            if a["kind"] not in SPEAKERS:
                continue
            if _FORMER.search(a["source"]):
                yield Hit(row, a["kind"], a["source"][:40])


_ACT = re.compile(
    r"(?P<subj>(?:(?:[A-Z][\w’'.&-]*|[A-Z]{2,})(?:\s+(?:[A-Z][\w’'.&-]*|of|de|the|and|for))*)|"
    r"(?:the|The)\s+(?:government|ministry|company|club|council|party|board|firm|police|"
    r"president|prime minister|minister|army|military|group|airline|bank|court|union))"
    r"(?:,[^,]{3,60},)?\s+(?:has\s+|have\s+|had\s+|on \w+\s+|also\s+|earlier\s+|later\s+|"
    r"formally\s+|officially\s+)?(?P<verb>announced|wished|rejected|congratulated|thanked|"
    r"welcomed|condemned|appointed|approved|signed|launched|unveiled|ordered|urged|"
    r"called for|pledged|vowed|demanded|criticised|criticized|accused|praised|slammed|"
    r"threatened|proposed|revealed|warned|promised|agreed)\b")
_TAG = re.compile(r"\b(said|says|say|told|tells|according to|added|stated|statement|wrote|"
                  r"explained|noted|insisted|argued|tweeted|posted|quoted)\b|[“”\"]", re.I)


_DEEDS = frozenset({"appointed", "approved", "signed", "launched", "unveiled", "ordered",
                    "agreed"})
_SUBORDINATE = frozenset({"after", "when", "since", "before", "until", "as", "while",
                          "following", "if", "because", "once", "where", "that", "which"})


def party_acts(c: Corpus) -> Iterator[Hit]:
    """A party's narrated act with no verb of saying ("X announced ...", "X wished ...",
    "X rejected the demands"): the party's own kind (its act is its statement) or
    unattributed (the reporter narrates an event)? Stances and non-claims left out."""
    for row in c.rows:
        if not row["claim"] or set(_kinds(row)) & set(STANCES):
            continue
        text = row["text"]
        if _TAG.search(text):
            continue
        m = _ACT.search(text)
        if not m:
            continue
        subj = m.group("subj")
        if subj.split()[0] in ("The", "the") and len(subj.split()) == 1:
            continue
        if subj in ("He", "She", "It", "They", "We", "I", "But", "And", "On", "In", "After"):
            continue
        kinds = [a["kind"] for a in row["sourcing"] if a["kind"] in SPEAKERS]
        on_subj = [a["kind"] for a in row["sourcing"] if _words(a["source"]) & _words(subj)]
        if on_subj:
            outcome = "party's kind"
        elif kinds:
            outcome = "other source"
        else:
            outcome = "unattributed"
        verb = m.group("verb")
        before = text[:m.start()].split()[-3:]
        if any(w.lower().strip(",") in _SUBORDINATE for w in before):
            sub = "in a subordinate clause"
        elif verb in _DEEDS:
            sub = "deed"
        elif verb == "announced":
            sub = "announced"
        else:
            sub = "other act of speech"
        yield Hit(row, outcome, f"{subj[:25]} {verb}", sub)


_OPEN = "“\"‘"
_CLOSE = "”\"’"
_SAYTAG = re.compile(r"\b(said|says|say|added|adds|told|tells|stated|explained|insisted|wrote|"
                     r"continued|noted|according to|argued|asked|concluded|stressed|"
                     r"declared|warned|tweeted|posted)\b", re.I)


def _quote_state(text: str) -> tuple[bool, bool]:
    """(opens with a quotation mark, leaves a quotation open at its end)."""
    t = text.strip()
    opens = t[:1] in "“\""
    curly_open = t.count("“") > t.count("”")
    straight_odd = t.count("\"") % 2 == 1
    return opens, curly_open or (straight_odd and opens)


def later_tag(c: Corpus) -> Iterator[Hit]:
    """A quotation's first sentence whose speaker is tagged only in a later sentence (“...
    first.” “... second,” X said.): the speaker's kind carried back (stand-off: "a quotation
    tagged after it") or unattributed?"""
    for _doc, rows in c.by_doc.items():
        for k, row in enumerate(rows):
            if not row["claim"]:
                continue
            opens, left_open = _quote_state(row["text"])
            if not opens or _SAYTAG.search(row["text"]):
                continue
            if k and _quote_state(rows[k - 1]["text"])[1]:
                continue  # a continuation of a quotation opened earlier
            # the quotation closes in this sentence or runs on; find the tagging sentence
            j = k + 1
            tag_row = None
            while j < len(rows) and j <= k + 4:
                nxt = rows[j]["text"]
                if _SAYTAG.search(nxt):
                    tag_row = rows[j]
                    break
                if not _quote_state(nxt)[1] and not left_open:
                    break
                left_open = _quote_state(nxt)[1]
                j += 1
            if tag_row is None or not tag_row["sourcing"]:
                continue
            if not (left_open or rows[j]["text"].strip()[:1] in _OPEN):
                continue  # the tag belongs to a new quotation, not to this one
            spk = _words(" ".join(a["source"] for a in tag_row["sourcing"]))
            own = row["sourcing"]
            if any(_words(a["source"]) & spk for a in own):
                outcome = "carried"
            elif own:
                outcome = "other source"
            else:
                outcome = "unattributed"
            yield Hit(row, outcome, f"tag in i={tag_row['i']}", f"+{j - k}")


_UNDERSTOOD = re.compile(
    r"\b(?:it(?:’s|'s| is| was| has been) (?:also )?(?:understood|learnt|learned)|"
    r"(?:is|are|was|were) (?:also )?understood to|understands|(?:has|have|had) (?:also )?"
    r"(?:learnt|learned)|can (?:exclusively )?(?:reveal|confirm))\b", re.I)
_OUTLET_SUBJECT = re.compile(
    r"((?:[A-Z][\w&’'!.-]*|[A-Z]{2,}|\d+)(?:\s+(?:[A-Z][\w&’'!.-]*|\d+))*)\s*,?\s*"
    r"(?:(?:has|have|had|can)\s+(?:also\s+|exclusively\s+)?)?$")


def understood(c: Corpus) -> Iterator[Hit]:
    """"It is understood" / "is understood to" (impersonal), and "X understands", "X has
    learnt", "X can reveal" where X is a news organisation (the publisher itself or another):
    hearsay (``unnamed``, convention 11), the outlet's own voice (nothing), or ``media``?
    A person's "I can confirm" / "we understand" is a speaker, not counted."""
    for row in c.rows:
        if not row["claim"]:
            continue
        text = row["text"]
        m = _UNDERSTOOD.search(text)
        if not m:
            continue
        cue = m.group(0)
        low = cue.lower()
        if low.startswith("it") or "understood to" in low:
            sub = "it is understood"
        else:
            sm = _OUTLET_SUBJECT.search(text[:m.start()])
            if not sm or sm.group(1).split()[0] in ("I", "We", "He", "She", "They", "It"):
                continue
            subj = sm.group(1)
            pub = _publisher(c, row["doc"]).split(" (")[0]
            if _same_outlet(subj, pub) or _same_outlet(pub, subj):
                sub = "the publisher"
            elif _is_outlet(c, subj):
                sub = "another outlet"
            else:
                continue
            cue = f"{subj[:20]} {cue}"
        kinds = set(_kinds(row))
        on = _sources_with(row, re.compile(
            r"(?i)understood|understands|learnt|learned|reveal|confirm|" +
            re.escape(cue.split()[0])))
        on_kinds = {a["kind"] for a in on}
        if "unnamed" in on_kinds:
            outcome = "unnamed"
        elif "media" in on_kinds:
            outcome = "media"
        elif not (kinds & set(SPEAKERS)):
            outcome = "nothing"
        else:
            outcome = "other source only"
        yield Hit(row, outcome, cue, sub)


_PASSIVE_NC = re.compile(
    r"\b(?:could ?n[o’']t (?:be )?(?:immediately |independently )?(?:be )?(?:verified|"
    r"confirmed|established|ascertained)|can ?n[o’']t (?:be )?(?:independently )?(?:verified|"
    r"confirmed)|(?:has|have|had) ?n[o’']t (?:yet )?(?:been )?(?:officially |independently |"
    r"publicly )?(?:been )?(?:confirmed|verified|announced|disclosed|made public|revealed|"
    r"decided|finali[sz]ed)|(?:was|were|is|are) not (?:immediately |yet |entirely )?(?:clear|"
    r"known|confirmed|verified|disclosed)(?: (?:whether|if|when|why|how|who|what))?|"
    r"no (?:official |final |formal |firm )?(?:decision|confirmation|announcement|date|"
    r"details|word)s? (?:has |have |had |was |were )?(?:yet )?(?:been )?(?:made|taken|set|given|"
    r"released|reached|announced|confirmed|issued|finali[sz]ed)|there (?:was|has been|is|"
    r"had been) no (?:official |immediate |independent )?(?:confirmation|word|comment|"
    r"response|announcement)|remains? unconfirmed|(?:is|was|were|are) unconfirmed|"
    r"yet to be (?:officially )?(?:confirmed|verified|announced|decided|finali[sz]ed)|"
    r"(?:unable|not able) to (?:independently )?(?:verify|confirm))\b", re.I)


def passive_nonconfirmation(c: Corpus) -> Iterator[Hit]:
    """A non-confirmation with no agent ("could not be verified", "no decision has been
    made", "has not been confirmed"): ``declined`` (the guide's passive rule) or nothing?
    Sentences where a named party also declines are left out."""
    for row in c.rows:
        if not row["claim"]:
            continue
        m = _PASSIVE_NC.search(row["text"])
        if not m:
            continue
        kinds = _kinds(row)
        on = _sources_with(row, re.compile(re.escape(m.group(0)[:12]), re.I))
        if any(a["kind"] == "declined" for a in on):
            outcome = "declined"
        elif "declined" in kinds:
            if any(a["kind"] == "declined" and _words(a["source"]) & {
                    "no", "not", "confirmation", "unconfirmed", "yet", "decision", "verified",
                    "confirmed", "clear"} for a in row["sourcing"]):
                outcome = "declined"
            else:
                continue  # a party declines in its own words; not the passive class
        elif "denied" in kinds:
            outcome = "denied"
        else:
            outcome = "nothing" if not any(k in SPEAKERS for k in kinds) else "speaker only"
        speaker = set(kinds) & {"official", "named", "unnamed_official", "denied"}
        yield Hit(row, outcome, m.group(0)[:40],
                  "in a party's words" if speaker and outcome != "declined" else "agentless")


_NEG = re.compile(r"\b(no|not|never|nothing|none|n’t|n't|neither|nor|without)\b", re.I)
_DENY_WORD = re.compile(
    r"\b(den(y|ied|ies|ial)|dismiss\w*|reject\w*|refut\w*|rebuff\w*|false|fake|untrue|"
    r"baseless|groundless|unfounded|rubbish\w*|lies?|nonsense|fabricat\w*|misleading|"
    r"incorrect|inaccurate|wrong|deny|quash\w*|debunk\w*|no truth|not true|contradict\w*)\b",
    re.I)


_FLAT = re.compile(
    r"(?i)\b(?:there (?:is|was|are|were|has been|had been|will be|would be) (?:absolutely )?no\b|"
    r"(?:has|had|have|is|are|was|were|will|would|did|does|do|could|can)(?:n[’']t| not| never)\b|"
    r"\bno (?:plans?|intention|truth|move|request|decision|offer|approach|talks|discussions?|"
    r"contact|deal|agreement|bid|case|cases|change|changes)\b|not (?:true|the case|correct)|"
    r"\bnever\b|\bnothing\b)")


def flat_negation(c: Corpus) -> Iterator[Hit]:
    """A party's flat statement that the event did not or will not happen ("X said there
    was no plan to ...", "it has not ..."), with no word of denial, in a sentence of a story
    where the labels also hold a ``denied`` sentence (or the story was refuted): ``denied``
    (the guide's last rule of section 2), the party's own kind, or both?"""
    denial_story: set[str] = set()
    for row in c.rows:
        if "denied" in _kinds(row):
            denial_story.update(c.stories_of.get((row["doc"], row["i"]), ()))
    denial_story.update(s for s, o in c.story_outcome.items() if o == "refuted")
    for row in c.rows:
        if not row["claim"]:
            continue
        if not c.stories_of.get((row["doc"], row["i"]), set()) & denial_story:
            continue
        text = row["text"]
        if _DENY_WORD.search(text):
            continue
        m = _FLAT.search(text)
        if not m:
            continue
        kinds = set(_kinds(row))
        if "declined" in kinds:
            continue
        own = kinds & {"official", "named", "unnamed_official"}
        if not (own or "denied" in kinds):
            continue
        outcome = "denied" if "denied" in kinds else "own kind only"
        yield Hit(row, outcome, m.group(0))


def denied_own_kind(c: Corpus) -> Iterator[Hit]:
    """Every ``denied`` source: alone, or with the same party's own kind beside it (the
    guide: own kind only when the party also asserts something else there)?"""
    for row in c.rows:
        for a in row["sourcing"]:
            if a["kind"] != "denied":
                continue
            w = _words(a["source"])
            own = [b for b in row["sourcing"] if b["kind"] in SPEAKERS and b["kind"] != "media"
                   and (_words(b["source"]) & w)]
            yield Hit(row, "with own kind" if own else "denied alone", a["source"][:30])


def declined_own_kind(c: Corpus) -> Iterator[Hit]:
    """Every ``declined`` source: alone, or with the same party's own kind beside it?"""
    for row in c.rows:
        for a in row["sourcing"]:
            if a["kind"] != "declined":
                continue
            w = _words(a["source"])
            own = [b for b in row["sourcing"] if b["kind"] in SPEAKERS and b["kind"] != "media"
                   and (_words(b["source"]) & w)]
            yield Hit(row, "with own kind" if own else "declined alone", a["source"][:30])


@dataclass
class Klass:
    name: str
    find: Callable[[Corpus], Iterator[Hit]]
    outcomes: tuple[str, ...]  #: the order of the columns; the first is the share's
    #: count a speaker once per text (its first labelled row), not once per row it is
    #: carried to: the same call repeated down a quotation is one decision
    per_speaker: bool = False


def speakers_once(hits: list[Hit]) -> list[Hit]:
    seen: set[tuple[str, str]] = set()
    out = []
    for h in hits:
        key = (h.row["doc"], h.cue.lower())
        if key not in seen:
            seen.add(key)
            out.append(h)
    return out


CLASSES: list[Klass] = [
    Klass("rumour_denied", rumour_denied, ("unnamed", "denied only", "media")),
    Klass("bare_report", bare_report, ("media", "unnamed", "none", "other")),
    Klass("told_outlet", told_outlet, ("media", "no media")),
    Klass("media_carried", media_carried, ("media carried", "speaker only")),
    Klass("wire_copy", wire_copy, ("media", "no media")),
    Klass("photo_credit", photo_credit, ("media", "no media")),
    Klass("indefinite_spokesperson", indefinite_spokesperson,
          ("unnamed_official", "official", "named", "unnamed", "media"), per_speaker=True),
    Klass("authorities_officials", authorities_officials,
          ("unnamed_official", "official", "unnamed", "named", "media"), per_speaker=True),
    Klass("former_office", former_office, ("official", "named", "unnamed_official", "unnamed",
                                           "media"), per_speaker=True),
    Klass("party_acts", party_acts, ("party's kind", "unattributed", "other source")),
    Klass("later_tag", later_tag, ("carried", "unattributed", "other source")),
    Klass("understood", understood, ("unnamed", "nothing", "media", "other source only")),
    Klass("passive_nonconfirmation", passive_nonconfirmation,
          ("declined", "nothing", "speaker only", "denied")),
    Klass("flat_negation", flat_negation, ("denied", "own kind only")),
    Klass("denied_own_kind", denied_own_kind, ("denied alone", "with own kind")),
    Klass("declined_own_kind", declined_own_kind, ("declined alone", "with own kind")),
]


# ---------------------------------------------------------------------------------------
# Drift: a permutation test over the labellers' parts.

def _chi2(table: dict[str, Counter[str]], outcomes: list[str]) -> float:
    groups = [g for g in table if sum(table[g].values())]
    total = sum(sum(table[g].values()) for g in groups)
    if not total:
        return 0.0
    col = {o: sum(table[g][o] for g in groups) for o in outcomes}
    stat = 0.0
    for g in groups:
        n = sum(table[g].values())
        for o in outcomes:
            e = n * col[o] / total
            if e:
                stat += (table[g][o] - e) ** 2 / e
    return stat


def trend_p(hits: list[Hit], first: str, order: list[str], trials: int = 2000,
            seed: int = 29) -> tuple[float, float]:
    """(r, p): the correlation of a set's place in labelling order with the first outcome
    (each row's 0/1 centred within its sub-class), and how often parts dealt to sets at
    random reach it: a drift that grows or shrinks from session to session."""
    place = {s: i for i, s in enumerate(order)}
    mean = {sub: sum(h.outcome == first for h in hits if h.sub == sub)
            / sum(1 for h in hits if h.sub == sub) for sub in {h.sub for h in hits}}
    parts: dict[str, list[float]] = defaultdict(list)
    part_set: dict[str, str] = {}
    for h in hits:
        parts[h.row["part"]].append((h.outcome == first) - mean[h.sub])
        part_set[h.row["part"]] = h.row["set"]
    names = sorted(parts)

    def corr(assign: dict[str, str]) -> float:
        xs = [place[assign[p]] for p in names for _ in parts[p]]
        ys = [y for p in names for y in parts[p]]
        n = len(xs)
        mx = sum(xs) / n
        sxx = sum((x - mx) ** 2 for x in xs)
        syy = sum(y * y for y in ys)
        if not sxx or not syy:
            return 0.0
        cov = sum((x - mx) * y for x, y in zip(xs, ys, strict=True))
        return float(cov / (sxx * syy) ** 0.5)

    observed = corr(part_set)
    rng = random.Random(seed)
    labels = [part_set[p] for p in names]
    hi = 0
    for _ in range(trials):
        rng.shuffle(labels)
        if abs(corr(dict(zip(names, labels, strict=True)))) >= abs(observed) - 1e-12:
            hi += 1
    return observed, (hi + 1) / (trials + 1)


def drift_p(hits: list[Hit], outcomes: list[str], trials: int = 2000,
            seed: int = 29) -> tuple[float, float]:
    """(p between sets, p within sets). Between: the chi-square of sets against outcomes,
    summed over the sub-classes (so a set with more of one sub-class is not drift), against
    the same with the labellers' parts dealt to sets at random. Within: the chi-square of
    the parts of each set against outcomes, summed, against the same with each set's texts
    dealt to its parts at random."""
    parts: dict[str, dict[str, Counter[str]]] = defaultdict(lambda: defaultdict(Counter))
    part_set: dict[str, str] = {}
    for h in hits:
        parts[h.row["part"]][h.sub][h.outcome] += 1
        part_set[h.row["part"]] = h.row["set"]
    names = sorted(parts)
    subs = sorted({h.sub for h in hits})
    rng = random.Random(seed)

    def stat(assign: dict[str, str]) -> float:
        total = 0.0
        for sub in subs:
            t: dict[str, Counter[str]] = defaultdict(Counter)
            for p in names:
                t[assign[p]].update(parts[p][sub])
            total += _chi2(t, outcomes)
        return total

    observed = stat(part_set)
    labels = [part_set[p] for p in names]
    hi = 0
    for _ in range(trials):
        rng.shuffle(labels)
        if stat(dict(zip(names, labels, strict=True))) >= observed - 1e-9:
            hi += 1
    p_between = (hi + 1) / (trials + 1)
    # within: the texts of one set dealt at random to that set's parts (each part keeps its
    # number of texts, each text its rows), so a text's repeated call stays one unit
    docs: dict[str, dict[str, Counter[str]]] = defaultdict(lambda: defaultdict(Counter))
    doc_part: dict[str, str] = {}
    for h in hits:
        docs[h.row["doc"]][h.sub][h.outcome] += 1
        doc_part[h.row["doc"]] = h.row["part"]
    by_set_docs: dict[str, list[str]] = defaultdict(list)
    for d in sorted(docs):
        by_set_docs[part_set[doc_part[d]]].append(d)

    def within(assign: dict[str, str]) -> float:
        total = 0.0
        for _sset, ds in by_set_docs.items():
            for sub in subs:
                t: dict[str, Counter[str]] = defaultdict(Counter)
                for d in ds:
                    t[assign[d]].update(docs[d][sub])
                total += _chi2(t, outcomes)
        return total

    observed_w = within(doc_part)
    hi = 0
    rounds = trials // 2
    for _ in range(rounds):
        assign: dict[str, str] = {}
        for _sset, ds in by_set_docs.items():
            labels_d = [doc_part[d] for d in ds]
            rng.shuffle(labels_d)
            assign.update(zip(ds, labels_d, strict=True))
        if within(assign) >= observed_w - 1e-9:
            hi += 1
    return p_between, (hi + 1) / (rounds + 1)


SUMMARY: list[tuple[str, int, str, float, int, float, float, float, float, float, float]] = []


def table(c: Corpus, k: Klass, hits: list[Hit], out: Any = None) -> None:
    out = out or sys.stdout
    outcomes = list(k.outcomes) + sorted({h.outcome for h in hits} - set(k.outcomes))
    outcomes = [o for o in outcomes if any(h.outcome == o for h in hits)]
    by: dict[str, Counter[str]] = defaultdict(Counter)
    for h in hits:
        by[h.row["set"]][h.outcome] += 1
    total: Counter[str] = Counter(h.outcome for h in hits)
    first = outcomes[0] if outcomes else "-"
    print(f"\n## {k.name}: {len(hits)} ({', '.join(f'{o} {total[o]}' for o in outcomes)})",
          file=out)
    print(f"   {(k.find.__doc__ or '').split(chr(10))[0].strip()}", file=out)
    subs = Counter(h.sub for h in hits if h.sub)
    if subs:
        print("   by sub-class: " + "; ".join(
            f"{s} " + "/".join(str(sum(1 for h in hits if h.sub == s and h.outcome == o))
                               for o in outcomes) for s, _ in subs.most_common()), file=out)
    big = [sub for sub, n in subs.most_common() if n >= 12 and len(subs) > 1][:3]
    print("   set  " + " ".join(f"{o[:12]:>12}" for o in outcomes) + f"  share {first[:14]:<14}"
          + "".join(f" {sub[:14]:>14}" for sub in big), file=out)
    for s in c.sets:
        n = sum(by[s].values())
        if not n:
            continue
        share = by[s][first] / n
        cells = ""
        for sub in big:
            hs = [h for h in hits if h.row["set"] == s and h.sub == sub]
            cell = f"{sum(1 for h in hs if h.outcome == first)}/{len(hs)}" if hs else "-"
            cells += f" {cell:>14}"
        print(f"   {s:<4} " + " ".join(f"{by[s][o]:>12}" for o in outcomes)
              + f"  {share:5.2f} (n={n:<3})   " + cells, file=out)
    minority = 0  # rows whose outcome is not the majority one of their sub-class
    for sub in {h.sub for h in hits}:
        counts = Counter(h.outcome for h in hits if h.sub == sub)
        minority += sum(counts.values()) - max(counts.values())
    pb = pw = 1.0
    if len(outcomes) > 1 and len(hits) >= 8:
        pb, pw = drift_p(hits, outcomes)
        shares = [by[s][first] / sum(by[s].values()) for s in c.sets
                  if sum(by[s].values()) >= 5]
        spread = (max(shares) - min(shares)) if shares else 0.0
        print(f"   drift: p between sets {pb:.3f}, within sets {pw:.3f}; spread of the share "
              f"over sets with n>=5 {spread:.2f}; rows off their sub-class's majority "
              f"{minority}", file=out)
    half = len(c.sets) // 2
    early, late = c.sets[:half], c.sets[half:]
    e_hits = [h for h in hits if h.row["set"] in early]
    l_hits = [h for h in hits if h.row["set"] in late]
    e_share = sum(h.outcome == first for h in e_hits) / len(e_hits) if e_hits else float("nan")
    l_share = sum(h.outcome == first for h in l_hits) / len(l_hits) if l_hits else float("nan")
    r, pt = 0.0, 1.0
    if len(outcomes) > 1 and len(hits) >= 8:
        r, pt = trend_p(hits, first, c.sets)
    if hits:
        print(f"   share {first}: {early[0]}-{early[-1]} {e_share:.2f} (n={len(e_hits)}), "
              f"{late[0]}-{late[-1]} {l_share:.2f} (n={len(l_hits)}); trend over the "
              f"labelling order r {r:+.2f}, p {pt:.3f}", file=out)
    SUMMARY.append((k.name, len(hits), first, len(hits) and total[first] / len(hits),
                    minority, pb, pw, e_share, l_share, r, pt))


def markdown(c: Corpus, classes: list[Klass], min_n: int = 5) -> None:
    """One table row per class and sub-class (with at least ``min_n`` rows): the count of
    the class's first outcome over the count of rows, per set, then the p of drift between
    sets and of a trend over the labelling order, for the sub-class alone."""
    print("| class, sub-class: first outcome | " + " | ".join(c.sets)
          + " | all | p set | trend r, p |")
    print("|---|" + "---:|" * (len(c.sets) + 1) + "---:|---:|")
    for k in classes:
        hits = list(k.find(c))
        if k.per_speaker:
            hits = speakers_once(hits)
        first = next((o for o in k.outcomes if any(h.outcome == o for h in hits)), "")
        subs = Counter(h.sub for h in hits)
        for sub, n in sorted(subs.items(), key=lambda x: -x[1]):
            if n < min_n:
                continue
            hs = [h for h in hits if h.sub == sub]
            cells = []
            for s in c.sets:
                ss = [h for h in hs if h.row["set"] == s]
                cells.append(f"{sum(h.outcome == first for h in ss)}/{len(ss)}" if ss else "-")
            outcomes = sorted({h.outcome for h in hs})
            if len(outcomes) > 1:
                pb, _ = drift_p(hs, outcomes, trials=1000)
                r, pt = trend_p(hs, first, c.sets, trials=1000)
                tail = f"{pb:.2f} | {r:+.2f}, {pt:.2f}"
            else:
                tail = "- | -"
            label = f"{k.name}{', ' + sub if sub else ''}: {first}"
            print(f"| {label} | " + " | ".join(cells)
                  + f" | {sum(h.outcome == first for h in hs)}/{n} | {tail} |")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", type=Path, default=Path("/work/realcorpus/tune"))
    ap.add_argument("--class", dest="klass", action="append", default=[],
                    help="only these classes (repeatable)")
    ap.add_argument("--rows", metavar="CLASS", help="list the row ids of one class")
    ap.add_argument("--outcome", help="with --rows: only this outcome")
    ap.add_argument("--set", dest="only_set", help="with --rows: only this set (letter)")
    ap.add_argument("--text", action="store_true",
                    help="with --rows: print the sentence and its labels (terminal only)")
    ap.add_argument("--markdown", action="store_true",
                    help="one table row per class and sub-class, counts per set (the README's)")
    args = ap.parse_args(argv)
    c = load(args.corpus)
    if not c.rows:
        print(f"no set*.labels.jsonl in {args.corpus}", file=sys.stderr)
        return 1
    known = {k.name: k for k in CLASSES}
    if args.rows:
        if args.rows not in known:
            print(f"unknown class {args.rows}; one of {', '.join(known)}", file=sys.stderr)
            return 1
        for h in known[args.rows].find(c):
            if args.outcome and h.outcome != args.outcome:
                continue
            if args.only_set and h.row["set"] != args.only_set:
                continue
            line = f"{h.row['doc']}:{h.row['i']}\t{h.outcome}\t{h.sub}\t{h.cue}"
            if args.text:
                labels = "; ".join(f"{a['kind']}={a['source']}" for a in h.row["sourcing"])
                line += f"\n\t{h.row['text']}\n\t[{labels}]"
            print(line)
        return 0
    SUMMARY.clear()
    wanted = args.klass or list(known)
    for name in wanted:
        if name not in known:
            print(f"unknown class {name}; one of {', '.join(known)}", file=sys.stderr)
            return 1
    if args.markdown:
        markdown(c, [known[name] for name in wanted])
        return 0
    print(f"{len(c.sets)} sets ({''.join(c.sets)}), {len(c.rows)} sentences, "
          f"{sum(len(r['sourcing']) for r in c.rows)} labelled sources")
    for name in wanted:
        k = known[name]
        hits = list(k.find(c))
        if k.per_speaker:
            once = speakers_once(hits)
            print(f"\n({k.name}: {len(hits)} labelled rows, {len(once)} speakers counted once "
                  f"per text below)")
            hits = once
        table(c, k, hits)
    if len(wanted) > 1:
        half = len(c.sets) // 2
        print(f"\n## Summary (p set: parts dealt to sets; p within: texts dealt to parts "
              f"within sets; share of the first outcome in {c.sets[0]}-{c.sets[half - 1]} and "
              f"{c.sets[half]}-{c.sets[-1]})")
        print(f"   {'class':<26}{'n':>5}  {'first outcome':<20}{'share':>6}{'off':>5}"
              f"{'p set':>7}{'p within':>9}{'early':>7}{'late':>6}{'trend r':>9}{'p':>7}")
        for name, n, first, share, off, pb, pw, es, ls, r, pt in SUMMARY:
            print(f"   {name:<26}{n:>5}  {first[:19]:<20}{share:>6.2f}{off:>5}{pb:>7.3f}"
                  f"{pw:>9.3f}{es:>7.2f}{ls:>6.2f}{r:>+9.2f}{pt:>7.3f}")
    return 0


if __name__ == "__main__":
    import signal

    signal.signal(signal.SIGPIPE, signal.SIG_DFL)  # `| head` ends quietly
    sys.exit(main())
