"""Who has spoken so far in an article: the memory that carries speakers over.

Pronouns ("he added"), back-references ("the official said", "one of the people") and
untagged quote continuations take the speaker of an earlier sentence; a bare surname ("Bae
said") keeps its own words but takes the kind its bearer was introduced with.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from verifier.analysis.attribution.rules import Rules, word_list
from verifier.analysis.attribution.speakers import Descriptor, classify
from verifier.analysis.results import Span
from verifier.analysis.segment import inner_period
from verifier.registry import Registry, Source

_FAMILY = {
    "official": ("official",),
    "officials": ("official",),
    "source": ("source",),
    "sources": ("source",),
    "people": ("people", "person"),
    "person": ("person", "people"),
    "diplomat": ("diplomat",),
    "diplomats": ("diplomat",),
    "spokesman": ("spokes", "representative"),
    "spokeswoman": ("spokes", "representative"),
    "spokesperson": ("spokes", "representative"),
    "representative": ("representative", "spokes"),
    "study": ("study", "research", "author"),
    "authors": ("study", "research", "author"),
    "author": ("study", "research", "author"),
    "researchers": ("study", "research", "author"),
    "analyst": ("analyst",),
    "expert": ("expert",),
}
#: The family words as word starts ("person" is not the end of "spokesperson").
_FAMILY_WORDS = {
    head: re.compile(r"\b(?:" + "|".join(keys) + ")") for head, keys in _FAMILY.items()
}
_ORG_HEADS = word_list("body_heads")
#: Back-references that may point at any body named by its proper name ("the company").
_BODY_HEADS = word_list("named_body_heads")
_NAMED_BODY = frozenset({"proper_name", "known_name", "registry"})
_INTRO_STOPS = ",.;:\"“”()\n"  # the characters an introduction's words do not cross
_FULL_NAME = re.compile(
    r"(?<![\w.-])[A-Z][a-z][\w'’-]*(?:\s+[A-Z]\.)?"
    r"\s+[A-Z][a-z][\w'’-]*(?:-[a-z]+)?(?:[ \t]+[A-Z][a-z][\w'’-]*(?:-[a-z]+)?){0,2}(?![\w-])"
)
#: How far back (characters) a bare name's introduction is looked for; how many speakers
#: the memory keeps. Both bound the work on very long texts.
_LOOK_BACK = 20_000
_MAX_ENTRIES = 200
_NAME_RUN = re.compile(r"(?:[\s-]+[A-Z][\w'’.-]*)+")
#: A given name before a surname ("Diego Ferraz" for "Ferraz said").
_GIVEN_NAME = re.compile(r"(?<![\w'’.-])[A-Z][a-z][\w'’-]*\s+$")
_LAST_WORDS = re.compile(r"(?:\S+\s+){0,6}$")
_HONORIFICS = frozenset({"mr", "mrs", "ms", "dr", "sir", "dame", "lord", "lady"})
_APPOSITIVE = re.compile(r",\s+(?:a|an|the)\s[^,.;\"“”]{1,90}")
_SENTENCE_END = re.compile(r"[.!?](?=\s)|\n")
#: "his post as finance minister", "her role as club captain": the office its owner holds.
_OFFICE_HELD = re.compile(
    r"\b(?:his|her|their)\s+(?:(?:current|new)\s+)?(?:"
    + "|".join(sorted(word_list("office_nouns"), key=len, reverse=True))
    + r")\s+as\s+((?:the\s+)?(?:[\w.'’-]+\s+){0,3}[\w.'’-]+)"
)
#: Words in a speaker's description that rule a personal pronoun out ("Mr" for "she").
_OTHER_GENDER = {
    pronoun: re.compile(r"(?<![\w'’-])(?:" + "|".join(sorted(word_list(key), key=len, reverse=True))
                        + r")(?![\w'’-])")
    for pronoun, key in (("he", "female_words"), ("she", "male_words"))
}


def _window_start(text: str, low: int, end: int) -> int:
    """The earliest start from which up to 80 characters without a stop reach ``end`` (or a
    line break just before it). The full stop of a title or an initial is no stop ("Florida
    Sen. Marco Rubio", "U.S. Rep. Ana Ruiz")."""
    if end > low and text[end - 1] == "\n":
        end -= 1  # "$" also matches before a final line break
    floor = max(end - 80, low)
    at = end
    while True:
        last = max(text.rfind(stop, floor, at) for stop in _INTRO_STOPS)
        if last < 0 or text[last] != "." or not inner_period(text, last):
            return max(last + 1, floor)
        at = last


def _proper(names: tuple[str, ...]) -> frozenset[str]:
    """The words of a name that identify its bearer: no titles or initials ("Mr.", "J.")."""
    return frozenset(n for n in names if n[:1].isupper() and not n.endswith(".")
                     and n.lower() not in _HONORIFICS)


def _same_person(proper: frozenset[str], other: tuple[str, ...]) -> bool:
    """Whether two names may be one person's: one's words hold the other's ("Ruiz" and "Ana
    Ruiz"), not two different first names ("Lola Ruiz" and "Alan Ruiz")."""
    theirs = _proper(other)
    return not proper or not theirs or proper <= theirs or theirs <= proper


def _plural(entry: Entry) -> bool:
    """Whether a speaker is several people: a group ("critics", "most voters") or a short
    plural role ("officials", "senior U.S. officials")."""
    if entry.how == "group":
        return True
    words = entry.span.text.split()
    if entry.how != "role" or not words or len(words) > 3:
        return False
    head = words[-1]
    common = head.islower() or (len(words) == 1 and head[1:].islower())  # "Officials said"
    return common and head.endswith("s") and not head.endswith(("ss", "us", "is"))


@dataclass(slots=True, eq=False)
class Entry:
    """A speaker seen earlier: its kind and the latest words that tagged it."""

    kind: str
    span: Span
    person: bool
    names: tuple[str, ...]
    lower: str
    #: the strategy that found it (``Descriptor.how``)
    how: str = ""


@dataclass(slots=True)
class Memory:
    """Speakers of one article in reading order."""

    text: str
    rules: Rules
    registry: Registry
    outlet: Source | None
    entries: list[Entry] = field(default_factory=list)
    intros: dict[tuple[str, int, int], list[tuple[int, int]]] = field(default_factory=dict)
    #: a full name's span -> what its words make it, and whether they say more than that it
    #: is a person (a title, a role)
    described: dict[tuple[int, int], tuple[Descriptor | None, bool]] = field(
        default_factory=dict)

    def remember(self, desc: Descriptor, span: Span) -> None:
        """Record a speaker and the words that tagged it (replacing its earlier entry)."""
        names = set(desc.names)
        for i in range(len(self.entries) - 1, max(-1, len(self.entries) - 41), -1):
            entry = self.entries[i]
            if entry.span.start == span.start or (names and not names.isdisjoint(entry.names)):
                del self.entries[i]
                break
        entry = Entry(desc.kind, span, desc.person, desc.names, span.text.lower(), desc.how)
        self.entries.append(entry)
        if len(self.entries) > _MAX_ENTRIES:
            del self.entries[0]

    def touch(self, entry: Entry) -> None:
        """Move a carried-over speaker to the front of the memory."""
        for i in range(len(self.entries) - 1, -1, -1):
            if self.entries[i] is entry:
                del self.entries[i]
                break
        self.entries.append(entry)

    def pronoun(self, word: str, plural: bool = False) -> Entry | None:
        """The latest speaker a pronoun may stand for; "he" and "she" skip groups ("critics",
        "officials", "60 percent of voters") unless ``plural`` (a last resort)."""
        word = word.lower()
        for entry in reversed(self.entries):
            if word in ("he", "she") and entry.person:
                if not plural and _plural(entry):
                    continue
                if _OTHER_GENDER[word].search(entry.lower):
                    continue  # "she" is not "Mr Williamson"
                return entry
            if word == "it" and not entry.person:
                return entry
            if word in ("they", "we"):
                return entry
        return None

    def last_person(self, before: int) -> Entry | None:
        """The last person named in the text before ``before`` (for a pronoun with no speaker)."""
        names_before = list(_FULL_NAME.finditer(self.text, max(0, before - 600), before))
        if not names_before:
            return None
        last = names_before[-1]
        end = last.end()
        run = _NAME_RUN.match(self.text, end)
        if run is not None and run.end() <= before:
            end = run.end()  # "Mayor Ana Ruiz": the whole run, not "Mayor Ana"
        words = self.text[last.start() : end]
        names = tuple(words.split())
        desc = self.lookup(names, end)
        if desc is None:
            desc = self.lookup(names[-1:], end + 1)
        if desc is None:
            return None
        span = Span(words, last.start(), end)
        return Entry(desc.kind, span, True, names, span.text.lower())

    def backref(self, phrase: str) -> Entry | None:
        head = phrase.lower().split()[-1]
        if head == "them":
            return self.entries[-1] if self.entries else None
        keys = _FAMILY_WORDS.get(head)
        if keys is not None:
            matching = (e for e in reversed(self.entries) if keys.search(e.lower))
            return next(matching, None)
        if head not in _ORG_HEADS:
            return None
        for entry in reversed(self.entries):
            if head in entry.lower and not entry.person:
                return entry
        if head not in _BODY_HEADS:
            return None
        for entry in reversed(self.entries):
            if not entry.person and entry.kind == "official" and entry.how in _NAMED_BODY:
                return entry
        return None

    def lookup(self, names: tuple[str, ...], before: int) -> Descriptor | None:
        """The kind a bare name was introduced with, from the memory or the text before."""
        wanted = set(names)
        proper = _proper(names)
        for entry in reversed(self.entries):
            if not wanted.isdisjoint(entry.names) and _same_person(proper, entry.names):
                if entry.how == "person" and entry.kind == "named":
                    held = self.office_held(entry.span.end)
                    if held is not None:
                        return held
                return Descriptor(entry.kind, "spk.known_name", entry.person, entry.names,
                                  how="known_name")
        for name in names:
            known = self.introduced(name, before, proper)
            if known is not None:
                return known
        at = self.text.find(names[-1], before) if names else -1
        return self.office_held(at + len(names[-1])) if at >= 0 else None

    def office_held(self, name_end: int) -> Descriptor | None:
        """The office the rest of a name's sentence says its bearer holds ("Tito Roe has
        dismissed rumours that he is resigning from his post as finance minister")."""
        end = _SENTENCE_END.search(self.text, name_end, name_end + 300)
        held = _OFFICE_HELD.search(self.text, name_end, end.start() if end else name_end + 300)
        if held is None:
            return None
        desc = classify(held.group(1), self.rules, self.registry, self.outlet, None)
        if desc is None or desc.kind != "official":
            return None
        return Descriptor("official", "spk.office_held", True, desc.names, how="known_name")

    def introduced(self, name: str, before: int,
                   proper: frozenset[str] = frozenset()) -> Descriptor | None:
        """What the latest full name containing ``name`` before ``before`` was introduced as:
        the latest mention with a title or a role ("Sen. Ana Ruiz", "Ana Ruiz, an analyst")
        rather than a later bare "Ana Ruiz", which only says it is a person. A full name that
        gives another first name ("Alan Ruiz" for "Lola Ruiz") is somebody else."""
        bare: Descriptor | None = None
        for start, end in reversed(self.full_names(name, max(0, before - _LOOK_BACK), before)):
            if not _same_person(proper, tuple(self.text[start:end].split())):
                continue
            key = (start, end)
            if key not in self.described:
                self.described[key] = self.describe(start, end)
            desc, titled = self.described[key]
            if desc is not None:
                if titled:
                    return desc
                bare = bare or desc
        return bare

    def full_names(self, name: str, start: int, before: int) -> list[tuple[int, int]]:
        """Full names starting or ending with ``name`` ("Bae" -> "Bae Jun-ho", "Ferraz" ->
        "Diego Ferraz") in ``[start, before)``."""
        key = (name, start, before)
        cached = self.intros.get(key)
        if cached is not None:
            return cached
        text = self.text
        spans: list[tuple[int, int]] = []
        at = text.find(name, start, before)
        while at >= 0:
            end = at + len(name)
            if at == 0 or not (text[at - 1].isalnum() or text[at - 1] in "-_"):
                run = _NAME_RUN.match(text, end)
                if run is not None:
                    spans.append((at, run.end()))
                else:
                    given = _GIVEN_NAME.search(text, max(0, at - 30), at)
                    if given is not None:
                        spans.append((given.start(), end))
            at = text.find(name, end, before)
        self.intros[key] = spans
        return spans

    def describe(self, name_start: int, name_end: int) -> tuple[Descriptor | None, bool]:
        """The kind the words around a full name give it (its title, its appositive), and
        whether any words besides the name gave it."""
        start = _window_start(self.text, max(0, name_start - 100), name_start)
        last_words = _LAST_WORDS.search(self.text, start, name_start)
        if last_words:
            start = last_words.start()
        end = name_end
        appositive = _APPOSITIVE.match(self.text, end)
        if appositive:
            end = appositive.end()
        desc = classify(self.text[start:end], self.rules, self.registry, self.outlet, None)
        if desc is not None and desc.kind in ("official", "named"):
            return Descriptor(desc.kind, "spk.known_name", desc.person, desc.names,
                              how="known_name"), desc.how != "person"
        return None, False
