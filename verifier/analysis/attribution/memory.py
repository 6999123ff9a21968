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
_INTRO_WINDOW = re.compile(r"[^,.;:\"“”()\n]{0,80}$")
_INTRO_STOPS = ",.;:\"“”()\n"  # the characters _INTRO_WINDOW's run does not cross
_FULL_NAME = re.compile(
    r"(?<![\w.-])[A-Z][a-z][\w'’-]*(?:\s+[A-Z]\.)?\s+[A-Z][a-z][\w'’-]*(?:-[a-z]+)?(?![\w-])"
)
#: How far back (characters) a bare name's introduction is looked for; how many speakers
#: the memory keeps. Both bound the work on very long texts.
_LOOK_BACK = 20_000
_MAX_ENTRIES = 200
_NAME_RUN = re.compile(r"(?:[\s-]+[A-Z][\w'’.-]*)+")
#: A given name before a surname ("Diego Ferraz" for "Ferraz said").
_GIVEN_NAME = re.compile(r"(?<![\w'’.-])[A-Z][a-z][\w'’-]*\s+$")
_LAST_WORDS = re.compile(r"(?:\S+\s+){0,6}$")
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
    """Where ``_INTRO_WINDOW.search(text, low, end)`` matches: the earliest start from which
    up to 80 characters without a stop reach ``end`` (or a line break just before it)."""
    if end > low and text[end - 1] == "\n":
        end -= 1  # "$" also matches before a final line break
    last = max(text.rfind(stop, low, end) for stop in _INTRO_STOPS)
    return max(last + 1, end - 80, low)


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
    described: dict[tuple[int, int], Descriptor | None] = field(default_factory=dict)

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

    def pronoun(self, word: str) -> Entry | None:
        word = word.lower()
        for entry in reversed(self.entries):
            if word in ("he", "she") and entry.person and entry.kind != "media":
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
        names = tuple(last.group(0).split())
        desc = self.lookup(names, last.end())
        if desc is None:
            desc = self.lookup(names[-1:], last.end() + 1)
        if desc is None:
            return None
        span = Span(last.group(0), last.start(), last.end())
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
        for entry in reversed(self.entries):
            if not wanted.isdisjoint(entry.names):
                if entry.how == "person" and entry.kind == "named":
                    held = self.office_held(entry.span.end)
                    if held is not None:
                        return held
                return Descriptor(entry.kind, "spk.known_name", entry.person, entry.names,
                                  how="known_name")
        for name in names:
            known = self.introduced(name, before)
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

    def introduced(self, name: str, before: int) -> Descriptor | None:
        """What the latest full name containing ``name`` before ``before`` was introduced as."""
        for start, end in reversed(self.full_names(name, max(0, before - _LOOK_BACK), before)):
            key = (start, end)
            if key not in self.described:
                self.described[key] = self.describe(start, end)
            desc = self.described[key]
            if desc is not None:
                return desc
        return None

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

    def describe(self, name_start: int, name_end: int) -> Descriptor | None:
        """The kind the words around a full name give it (its title, its appositive)."""
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
                              how="known_name")
        return None
