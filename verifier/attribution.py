"""Attribution: who stands behind each sentence, with the words and offsets that say so.

One combined pattern finds every cue of a claim sentence (reporting frames, hearsay,
agentless non-confirmations); only sentences with a cue get detailed work. Each frame points
at its source words (before or after the cue), ``attribution_speakers.classify`` names the
speaker kind, the speaker's own words decide the stance (asserts, declines, denies), and the
article's memory carries speakers over to pronouns, back-references and quote continuations.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from verifier.attribution_memory import Entry, Memory
from verifier.attribution_phrases import (
    clause_like,
    inside,
    inverted_descriptor,
    left_descriptor,
    is_tag,
    quote_spans,
    right_descriptor,
)
from verifier.attribution_rules import Cue, Rules, rules
from verifier.attribution_speakers import CARRIED, NONE, Descriptor, classify
from verifier.registry import Registry, Source
from verifier.results import Attribution, Sentence, Span, Speaker, Stance

_DATELINE = re.compile(
    r"^[^\n]{0,80}?\(\s*([A-Z][\w.&' -]{1,40}?)\s*\)\s*(?:--|[-–—:])", re.MULTILINE
)
_REUTERS_LINE = re.compile(r"\(Reporting by [^)]*\)")
_TERMINAL = re.compile(r"[.!?\"”’)]\s*\|?\s*$")
_NOT_MEDIA_OBJECT = re.compile(
    r"(?:the\s+)?(?:news\s+)?(?:media|press|reporters|journalists|correspondents)\b",
    re.IGNORECASE,
)
_BY = re.compile(r"[\s,]*(?:(?:first\s+)?(?:published|carried|aired|broadcast)\s+)?by\s+")
_REPORTED_CLAUSE = re.compile(
    r"\s*(?:(?:on|last|this|late|early)\s+\w+\s+|\w+day\s+|in\s+a\s+(?:\w+\s+)?statement\s+)?"
    r"(?:that\s+)?",
    re.IGNORECASE,
)
_NEGATIVE_SUBJECT = re.compile(r"^(?:neither|no|none\s+of)\b", re.IGNORECASE)
_SPEAKERS: frozenset[str] = frozenset(
    {"official", "named", "media", "unnamed_official", "unnamed"}
)


def detect_outlet(text: str, registry: Registry) -> Source | None:
    """The publishing outlet named by a dateline or a wire's closing line, if any."""
    head = text[:600]
    for match in _DATELINE.finditer(head):
        source = registry.resolve(match.group(1))
        if source is not None and source.is_media:
            return source
    if _REUTERS_LINE.search(text[-600:]):
        return registry.get("reuters")
    return None


@dataclass(frozen=True, slots=True)
class _Speaker:
    desc: Descriptor
    span: tuple[int, int]
    content: tuple[int, int]


_Found = tuple[Descriptor, tuple[int, int], str]


def _case_ok(text: str, start: int) -> bool:
    """A capitalised cue only counts at the start of a sentence or a quotation."""
    if not text[start].isupper():
        return True
    return not text[:start].strip(" \"“‘'(") or text[:start].rstrip().endswith((":", "--", "—"))


def attribute(
    text: str,
    sentences: Sequence[Sentence],
    claims: Sequence[bool],
    *,
    registry: Registry,
    outlet: Source | None = None,
) -> list[tuple[Attribution, ...]]:
    """One tuple of attributions per sentence (non-claims get none)."""
    lexicon = rules()
    if outlet is None:
        outlet = detect_outlet(text, registry)
    memory = Memory(text, lexicon, registry, outlet)
    result: list[tuple[Attribution, ...]] = []
    previous: tuple[int, Sentence, Entry | None] | None = None
    for index, (sentence, is_claim) in enumerate(zip(sentences, claims, strict=False)):
        if not is_claim:
            result.append(())
            continue
        reader = _SentenceReader(text, sentence, lexicon, registry, outlet, memory)
        found = reader.read(index == 0 or _is_headline(text, sentence))
        if not found and previous is not None:
            found = reader.continuation(previous, index)
        result.append(tuple(found))
        spoke = any(a.rule.startswith(("attr.", "attr")) and a.source != a.cue for a in found)
        previous = (index, sentence, memory.entries[-1] if spoke and memory.entries else None)
    result.extend(() for _ in range(len(sentences) - len(result)))
    return result


def _is_headline(text: str, sentence: Sentence) -> bool:
    """A line on its own with no closing punctuation (headline, sub-heading)."""
    before = text[: sentence.start].rstrip(" \t")
    after = text[sentence.end :].lstrip(" \t")
    own_line = (not before or before.endswith("\n")) and (not after or after.startswith("\n"))
    return own_line and not _TERMINAL.search(sentence.text)


class _SentenceReader:
    """The attributions of one sentence."""

    def __init__(
        self,
        text: str,
        sentence: Sentence,
        lexicon: Rules,
        registry: Registry,
        outlet: Source | None,
        memory: Memory,
    ) -> None:
        self.text = text
        self.s = sentence.text
        self.base = sentence.start
        self.sentence = sentence
        self.rules = lexicon
        self.registry = registry
        self.outlet = outlet
        self.memory = memory
        self.quotes = quote_spans(self.s)
        self.out: list[Attribution] = []
        self.last: tuple[Descriptor, tuple[int, int]] | None = None
        self.said_end: int | None = None

    # -- helpers -------------------------------------------------------------------------------
    def span(self, start: int, end: int) -> Span:
        return Span(self.s[start:end], self.base + start, self.base + end)

    def classify(self, start: int, end: int) -> Descriptor | None:
        words = self.s[start:end]
        return classify(
            words,
            self.rules,
            self.registry,
            self.outlet,
            lambda names: self.memory.lookup(names, self.base + start),
        )

    def add(
        self,
        speaker: str,
        stance: Stance,
        source: Span,
        cue: Span,
        rule: str,
        carried: bool = False,
    ) -> None:
        if speaker not in _SPEAKERS:
            return
        kind: Speaker = speaker  # type: ignore[assignment]
        attribution = Attribution(kind, stance, source, cue, rule, carried)
        for other in self.out:
            if other.kind == attribution.kind and other.source == source:
                return
        self.out.append(attribution)

    # -- the sentence --------------------------------------------------------------------------
    def read(self, headline: bool) -> list[Attribution]:
        matches = [
            m
            for m in self.rules.scan.finditer(self.s)
            if not inside(self.quotes, m.start()) and _case_ok(self.s, m.start())
        ]
        plans: list[tuple[Cue, re.Match[str], int, list[_Found]]] = []
        prev_end = 0
        for match in matches:
            cue = self.rules.cues[match.lastgroup or ""]
            cue_span = self.span(*match.span())
            if cue.type == "hearsay":
                self.add("unnamed", "asserts", cue_span, cue_span, cue.id)
                continue
            if cue.type == "passive":
                self.add("unnamed", "declines", cue_span, cue_span, cue.id)
                continue
            found = self.speakers(cue, match, prev_end)
            plans.append((cue, match, prev_end, found))
            if found or cue.stance != "asserts":
                prev_end = match.end()
        productive = [m.start() for _, m, _, found in plans if found]
        for cue, match, limit, found in plans:
            later = [p for p in productive if p > match.start()]
            next_start = later[0] if later else len(self.s)
            for desc, span, mode in found:
                if mode in ("inverted", "right") or (
                    mode == "left" and is_tag(self.s, limit, span[0], match.end())
                ):
                    content = (limit, match.start() if mode != "left" else span[0])
                else:
                    content = (match.end(), next_start)
                self.speak(cue, self.span(*match.span()), _Speaker(desc, span, content))
        if headline:
            self.headline_tag()
        self.caption_credit()
        self.report_objects()
        return self.out

    def speakers(self, cue: Cue, match: re.Match[str], prev_end: int) -> list[_Found]:
        """Who a frame points at: (descriptor, span, where) for each speaker."""
        found: list[_Found] = []
        before = self.s[prev_end : match.start()]
        if cue.inverted and re.search(r"[,!?]?[\"”’]\s*$|,\s*$", before):
            inverted = inverted_descriptor(self.s, match.end())
            quoted = re.search(r"[\"”’]\s*$", before) is not None
            if inverted is not None:
                left = None if quoted else left_descriptor(self.s, prev_end, match.start())
                left_desc = self.classify(*left) if left is not None else None
                if (
                    left is not None
                    and left_desc is not None
                    and not clause_like(self.s[left[0] : left[1]])
                ):
                    found.append((left_desc, left, "left"))
                else:
                    desc = self.classify(*inverted)
                    if desc is not None:
                        found.append((desc, inverted, "inverted"))
        if not found and cue.left:
            left = left_descriptor(self.s, prev_end, match.start())
            if left is not None and self.embedded(left[0]):
                left = None
            if left is not None:
                for part in _parties(self.s, left):
                    desc = self.classify(*part)
                    if desc is not None:
                        found.append((desc, part, "left"))
            elif self.last is not None and re.search(
                r"(?:\band|\bbut|\balso|\bthen)\s*$", before
            ):
                found.append((self.last[0], self.last[1], "coordinated"))
        if cue.right:
            opening = not self.s[: match.start()].strip(" \"“")
            according = cue.id == "attr.according_to" and not opening
            right = right_descriptor(self.s, match.end(), according=according)
            if right is not None:
                for part in _coordinated(self.s, right):
                    desc = self.classify(*part)
                    if desc is not None:
                        found.append((desc, part, "right"))
        if cue.object:
            obj = right_descriptor(self.s, match.end())
            if obj is not None and not _NOT_MEDIA_OBJECT.match(self.s[obj[0] : obj[1]]):
                desc = self.classify(*obj)
                if desc is not None and desc.kind == "media":
                    span = self.span(*obj)
                    self.add("media", "asserts", span, self.span(*match.span()),
                             f"{cue.id}+{desc.rule}")
        for desc, span, mode in found:
            if mode in ("left", "inverted") and desc.kind != NONE:
                self.last = (desc, span)
        if found and cue.stance == "asserts" and cue.left:
            self.said_end = match.end()
        return found

    def embedded(self, start: int) -> bool:
        """Whether a subject opens the reported clause of an earlier "X said (that) ..."."""
        if self.said_end is None or start < self.said_end:
            return False
        return _REPORTED_CLAUSE.fullmatch(self.s[self.said_end : start]) is not None

    def speak(self, cue: Cue, cue_span: Span, speaker: _Speaker) -> None:
        desc = speaker.desc
        source = self.span(*speaker.span)
        carried = False
        rule = f"{cue.id}+{desc.rule}"
        kind = desc.kind
        if kind == NONE:
            return
        if kind == CARRIED:
            entry = self.resolve(desc, speaker.span)
            if entry is None:
                fallback = classify(source.text.split()[-1], self.rules, self.registry,
                                    self.outlet) if desc.rule == "spk.backref" else None
                if fallback is None or fallback.kind in (CARRIED, NONE):
                    return
                kind = fallback.kind
                self.memory.remember(fallback, source)
            else:
                kind, source, carried = entry.kind, entry.span, True
                self.memory.touch(entry)
        else:
            self.memory.remember(desc, source)
        stances = self.stances(cue, speaker.content)
        if _NEGATIVE_SUBJECT.match(self.s[speaker.span[0] : speaker.span[1]]):
            stances = [("declines", rule)] + [s for s in stances if s[0] != "asserts"]
        for stance, extra in stances:
            speaker_kind = kind
            self.add(speaker_kind, stance, source, cue_span, rule + extra, carried)

    def resolve(self, desc: Descriptor, span: tuple[int, int]) -> Entry | None:
        words = self.s[span[0] : span[1]]
        if desc.rule == "spk.pronoun":
            before = self.s[: span[0]].rstrip().lower()
            if before.endswith(("which", "that", "who", " and", " but")):
                subject = re.match(r"(?:The\s+)?((?:[A-Z][\w'’.&-]*\s?)+)", self.s)
                if subject:
                    sd = self.classify(*subject.span(1))
                    if sd is not None and sd.kind not in (CARRIED, NONE):
                        sub_span = self.span(*_strip_span(self.s, subject.span(1)))
                        return Entry(sd.kind, sub_span, sd.person, sd.names, sub_span.text.lower())
            entry = self.memory.pronoun(desc.head or words)
            if entry is None and desc.person:
                entry = self.memory.last_person(self.base + span[0])
            return entry
        return self.memory.backref(desc.head or words)

    def stances(self, cue: Cue, content: tuple[int, int]) -> list[tuple[Stance, str]]:
        """The stances of a speaker's words: the cue's own, and what the content adds."""
        text = self.s[content[0] : content[1]]
        parts = self.rules.split.split(text) if text else [""]
        found: list[tuple[Stance, str]] = []
        for number, part in enumerate(parts):
            if part is None:
                continue
            stance, rule = self.content_stance(part)
            if number == 0:
                if cue.stance != "asserts":
                    found.append((cue.stance, ""))
                else:
                    found.append((stance or "asserts", rule))
            elif stance is not None:
                found.append((stance, rule))
            elif len(part.split()) >= 2:
                found.append(("asserts", "+" + self.rules.split_id))
        seen: set[Stance] = set()
        unique = []
        for stance, rule in found:
            if stance not in seen:
                seen.add(stance)
                unique.append((stance, rule))
        return unique

    def content_stance(self, text: str) -> tuple[Stance | None, str]:
        match = self.rules.content.search(text)
        if match is None:
            return None, ""
        rule_id, stance = self.rules.content_rules[match.lastgroup or ""]
        return stance, "+" + rule_id

    # -- special sentences ---------------------------------------------------------------------
    def headline_tag(self) -> None:
        match = self.rules.headline.search(self.s)
        if match is None:
            return
        desc = self.classify(*match.span(1))
        if desc is not None and desc.kind not in (CARRIED, NONE):
            source = self.span(*match.span(1))
            self.add(desc.kind, "asserts", source, source, f"{self.rules.headline_id}+{desc.rule}")

    def caption_credit(self) -> None:
        match = self.rules.credit.search(self.s)
        if match is None:
            return
        group = next(g for g in range(1, (match.lastindex or 0) + 1) if match.group(g))
        credit = self.s[match.start(group) : match.end(group)]
        source = self.registry.resolve(credit)
        if source is not None and self.outlet is not None and source.id == self.outlet.id:
            return
        span = self.span(*_strip_span(self.s, match.span(group)))
        self.add("media", "asserts", span, span, self.rules.credit_id)

    def report_objects(self) -> None:
        """The report a party denies or will not confirm is ``media`` (unless its outlet is)."""
        media = [a for a in self.out if a.kind == "media"]
        generic = [a for a in media if self.rules.report_object.fullmatch(a.source.text)]
        for report in generic:
            if any(self.authored(report.source.end, other) for other in media if other is not report):
                self.out.remove(report)
        if not any(a.stance != "asserts" for a in self.out):
            return
        for match in self.rules.report_object.finditer(self.s):
            if inside(self.quotes, match.start()):
                continue
            if any(a.source.start <= self.base + match.start() < a.source.end for a in self.out):
                continue
            if any(self.authored(self.base + match.end(), other) for other in media):
                return
            author = _BY.match(self.s, match.end())
            if author is not None:
                obj = right_descriptor(self.s, author.end())
                desc = self.classify(*obj) if obj is not None else None
                if obj is not None and desc is not None and desc.kind == "media":
                    span = self.span(*obj)
                    self.add("media", "asserts", span, span,
                             f"{self.rules.report_object_id}+{desc.rule}")
                    return
            span = self.span(*match.span())
            self.add("media", "asserts", span, span, self.rules.report_object_id)
            return

    def authored(self, report_end: int, outlet: Attribution) -> bool:
        """Whether ``outlet`` is named as the author of a report ending at ``report_end``."""
        between = self.text[report_end : outlet.source.start]
        return outlet.source.start >= report_end and bool(
            re.fullmatch(r"[\s,]*(?:\w+\s+){0,2}by\s+", between)
        )

    def continuation(
        self, previous: tuple[int, Sentence, Entry | None], index: int
    ) -> list[Attribution]:
        """An untagged quotation that goes on from the previous sentence's speaker."""
        prev_index, prev_sentence, entry = previous
        if entry is None or prev_index != index - 1:
            return []
        if not self.rules.continuation.match(self.s):
            return []
        if "\n" in self.text[prev_sentence.end : self.sentence.start]:
            return []
        if not quote_spans(prev_sentence.text):
            return []
        stance, rule = self.content_stance(self.s)
        cue = self.span(0, 1)
        self.memory.touch(entry)
        kind: Speaker = entry.kind  # type: ignore[assignment]
        return [
            Attribution(kind, stance or "asserts", entry.span, cue,
                        self.rules.continuation_id + rule, True)
        ]


def _coordinated(text: str, span: tuple[int, int]) -> list[tuple[int, int]]:
    """Split "two U.S. officials and a Gulf diplomat" into its coordinated descriptors."""
    words = text[span[0] : span[1]]
    match = re.search(r"\s+and\s+(?=(?:a|an|the|two|three|several|some|other)\b)", words)
    if match is None:
        return [span]
    return [(span[0], span[0] + match.start()), (span[0] + match.end(), span[1])]


_SHORT_NAME = re.compile(r"(?!The\b)(?:[A-Z][\w.&-]*\s+){0,2}[A-Z][\w.&-]*")


def _parties(text: str, span: tuple[int, int]) -> list[tuple[int, int]]:
    """Split "X, as well as Y" and "Daesung Marine and Goryeo Shipbuilding" into parties."""
    words = text[span[0] : span[1]]
    match = re.search(r",?\s+as\s+well\s+as\s+", words)
    if match is None:
        match = re.search(r"\s+and\s+", words)
        if match is None or not (
            _SHORT_NAME.fullmatch(words[: match.start()])
            and _SHORT_NAME.fullmatch(words[match.end() :])
        ):
            return [span]
    return [(span[0], span[0] + match.start()), (span[0] + match.end(), span[1])]


def _strip_span(text: str, span: tuple[int, int]) -> tuple[int, int]:
    start, end = span
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
