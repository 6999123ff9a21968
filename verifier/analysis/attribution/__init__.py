"""Attribution: who stands behind each sentence, with the words and offsets that say so.

Each claim sentence is planned on its own words
(``verifier.analysis.attribution.plan``: reporting frames,
hearsay, agentless non-confirmations, the source words each frame points at, the speaker
kind of those words, and the stance the speaker's own words take). The plan is then replayed
in reading order against the article's memory, which carries speakers over to pronouns,
back-references and untagged quote continuations and knows what a bare surname was
introduced as. ``attribute`` is the entry point.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from verifier.analysis.attribution.chooser import chosen
from verifier.analysis.attribution.events import (
    deny_reported_events,
    name_denied_rumours,
    tellers_tell,
)
from verifier.analysis.attribution.filler import filled
from verifier.analysis.attribution.learned import learned_attributions
from verifier.analysis.attribution.media import (
    let_sources_tell,
    name_anonymous_sources,
    name_outlet_reports,
    name_reports_in_carried_denials,
)
from verifier.analysis.attribution.memory import Entry, Memory, title_line
from verifier.analysis.attribution.plan import (
    Step,
    background,
    cached_plan,
    content_stance,
    plan_sentence,
    split_stances,
)
from verifier.analysis.attribution.publisher import detect_outlet, unregistered_outlet
from verifier.analysis.attribution.quotations import go_on
from verifier.analysis.attribution.rules import Label, Rules, Single, lower, rules
from verifier.analysis.attribution.source_words import (
    apostrophes_mended,
    closing_mark,
    open_quote,
    quote_spans,
)
from verifier.analysis.attribution.speakers import (
    CARRIED,
    LOOKUP_HOWS,
    NONE,
    Descriptor,
    classify,
    kept_anonymous,
    with_modifiers,
)
from verifier.analysis.attribution.states import states_told
from verifier.analysis.results import Attribution, Sentence, Span, Speaker, Stance
from verifier.analysis.segment import after_line_residue
from verifier.registry import Registry, Source
from verifier.vocab import SPEAKERS

_TERMINAL = re.compile(r"[.!?\"”’)]\s*\|?\s*$")
#: A headline's end may be a quotation mark closing a quoted word or phrase right after it
#: ("Spokesman: Ruiz ‘did not hint at leaving’"); after a stop or a comma it closes a sentence.
_HEADLINE_CLOSED = re.compile(r"(?:[.!?)]|(?<!\w)[\"”’])\s*\|?\s*$")
_SPEAKERS: frozenset[str] = frozenset(SPEAKERS)


def attribute(
    text: str,
    sentences: Sequence[Sentence],
    claims: Sequence[bool],
    *,
    registry: Registry,
    outlet: Source | None = None,
) -> list[tuple[Attribution, ...]]:
    """One tuple of attributions per sentence (non-claims get none).

    ``outlet`` is the publishing outlet; when None it is read from a dateline ("SEOUL,
    March 3 (Yonhap) --") or a wire's reporting line, so the outlet's own name is not media.
    A photo credit naming the outlet is media unless the outlet was given: a wire's copy is
    often another site's page, whose pictures the wire took.
    """
    lexicon = rules()
    read = _marks_read(text, lexicon)
    if read != text:
        # guillemets and the like read as the curly double marks (one character for one:
        # offsets hold); the words shown are the text's own again after
        found = _attribute(read, [Sentence(read[s.start : s.end], s.start, s.end)
                                  if s.text == text[s.start : s.end] else s
                                  for s in sentences], claims, lexicon, registry, outlet)
        found = [tuple(_text_words(text, a) for a in row) for row in found]
    else:
        found = _attribute(text, sentences, claims, lexicon, registry, outlet)
    # the learned kind chooser: a found speaker's kind re-decided (a no-op while it is off)
    found = chosen(text, sentences, found, registry)
    # the learned filler: a kind for a claim sentence every rule leaves without a source
    return _filled_quotations(text, sentences, claims, found,
                              filled(text, sentences, claims, found), lexicon.continuation.id)


def _filled_quotations(text: str, sentences: Sequence[Sentence], claims: Sequence[bool],
                       before: list[tuple[Attribution, ...]],
                       after: list[tuple[Attribution, ...]], going_on: str,
                       ) -> list[tuple[Attribution, ...]]:
    """``after`` with the speaker the filler gave a sentence that opens a quotation going on
    through the quotation's untagged claim sentences, as a rule's speaker does ('He told the
    paper, "The supply is back. Everything is fine now."': the second sentence is his too).
    """
    changed = [i for i, (was, now) in enumerate(zip(before, after, strict=True)) if was != now]
    if not changed:
        return after
    inside = _inside_quotation(text, sentences)
    result = list(after)
    for index in changed:
        added = [a for a in after[index] if a not in before[index] and a.stance == "asserts"]
        going = index + 1
        while added and going < len(sentences) and inside[going] and not result[going]:
            words = sentences[going].text
            close = closing_mark(words)
            if close >= 0 and re.search(r"\w", words[close + 1 :]):
                break  # words after the closing mark: a tag the rules did not read
            if claims[going]:
                result[going] = tuple(replace(a, rule=f"{going_on}+{a.rule}", carried=True)
                                      for a in added)
            going += 1
    return result


#: A closing double mark typed to open a quotation: at the start of a paragraph or a
#: sentence, before a capital letter or an ellipsis ('”Denmark is donating ...', '” … My
#: priority ...').
_CLOSING_AS_OPENING = re.compile(r"(?:^|(?<=\n)|(?<=[.!?]\s))”(?=\s*(?:…\s*)?[A-Z])",
                                 re.MULTILINE)


def _marks_read(text: str, lexicon: Rules) -> str:
    """``text`` with the quotation marks of other typographies (``other_quotation_marks``)
    and closing marks typed to open a quotation (``closing_mark_as_opening``) written as the
    curly double marks they stand for, one character for one."""
    marks = lexicon.other_quotation_marks
    if marks and any(mark in text for mark, _ in marks):
        pairs: dict[str, str | int | None] = dict(marks)
        text = text.translate(str.maketrans(pairs))
    if lexicon.closing_mark_as_opening and "”" in text:
        text = _CLOSING_AS_OPENING.sub("“", text)
    return text


def _text_words(text: str, attribution: Attribution) -> Attribution:
    """An attribution whose spans show the words of ``text`` at their offsets."""
    def own(span: Span | None) -> Span | None:
        if span is None or text[span.start : span.end] == span.text:
            return span
        return Span(text[span.start : span.end], span.start, span.end)

    source, cue = own(attribution.source), own(attribution.cue)
    assert source is not None and cue is not None
    return replace(attribution, source=source, cue=cue, mention=own(attribution.mention),
                   evidence=own(attribution.evidence))


def _attribute(
    text: str,
    sentences: Sequence[Sentence],
    claims: Sequence[bool],
    lexicon: Rules,
    registry: Registry,
    outlet: Source | None,
) -> list[tuple[Attribution, ...]]:
    publisher = outlet  # the page's publisher, as the user names it
    if outlet is None:
        outlet = detect_outlet(text, registry) or unregistered_outlet(
            text, registry, lexicon.media_name)
    memory = Memory(text, lexicon, registry, outlet)
    reading = _Reading(text, sentences, claims, lexicon, registry, outlet, publisher, memory)
    for index, (sentence, is_claim) in enumerate(zip(sentences, claims, strict=False)):
        reading.read(index, sentence, is_claim)
    result = reading.result
    result.extend(() for _ in range(len(sentences) - len(result)))
    _signed(text, sentences, claims, result, lexicon, registry, outlet, memory)
    _captioned(text, sentences, claims, result, lexicon, registry, outlet, memory)
    _quotes_tagged_at_the_end(text, sentences, claims, result, lexicon)
    tellers_tell(sentences, result, lexicon)  # a teller of another's words takes no stance
    deny_reported_events(text, sentences, result, lexicon)
    go_on(sentences, result, lexicon, _headlines(text, sentences))  # a quotation's denial
    # goes on in its negations, a headline gives a party's negation as its denial
    name_denied_rumours(sentences, result, lexicon)
    name_reports_in_carried_denials(sentences, result, lexicon)
    name_outlet_reports(sentences, result, lexicon, registry, outlet)
    name_anonymous_sources(sentences, result)
    let_sources_tell(result)
    states_told(result, lexicon)  # a party's state of mind an anonymous teller tells
    return [_once(found) for found in result]


class _Reading:
    """An article's sentences read in order, and what each leaves the next: the speaker a
    quotation goes on with, a transcript's floor, an open statement or interview."""

    def __init__(
        self,
        text: str,
        sentences: Sequence[Sentence],
        claims: Sequence[bool],
        lexicon: Rules,
        registry: Registry,
        outlet: Source | None,
        publisher: Source | None,
        memory: Memory,
    ) -> None:
        self.text = text
        self.sentences = sentences
        self.claims = claims
        self.lexicon = lexicon
        self.registry = registry
        self.outlet = outlet
        self.publisher = publisher  # the page's publisher, as the user names it
        self.memory = memory
        self.result: list[tuple[Attribution, ...]] = []
        #: the sentence before, and the speaker an untagged quotation in this one goes on with
        self.previous: tuple[int, Sentence, Entry | None] | None = None
        self.low = ""  # the article lower-cased (on first need)
        self.floor: Attribution | None = None  # a transcript's speaker, from its label to the next
        #: unquoted paragraphs after "X said in a statement:"
        self.statement: _Statement | None = None
        self.turns = _Turns(sentences)
        self.spoke: tuple[int, Entry] | None = None  # the latest sentence whose speaker goes on
        self.inside = _inside_quotation(text, sentences)
        self.interview = _Interview.find(text, sentences, lexicon.interview)

    def read(self, index: int, sentence: Sentence, is_claim: bool) -> None:
        """Append the attributions of one sentence to ``result``."""
        text, lexicon, interview = self.text, self.lexicon, self.interview
        if interview is not None and index == interview.first:
            interview.speaker = _Interview.interviewee(self.memory)
        if self.floor is not None and _turn_over(text, self.floor, sentence, lexicon):
            self.floor = None
        if self.statement is not None and not self.statement.goes_on(text, sentence, is_claim,
                                                                     lexicon):
            self.statement = None
        heading = _Statement.headed(text, sentence, lexicon, self.registry, self.outlet,
                                    self.memory)
        if heading is not None:  # "Transcript of remarks by X:": no one's claim, X's words next
            self.statement, self.previous = heading, None
            self.result.append(())
        elif not is_claim:
            self.result.append(())
            self.no_claim(index, sentence)
        else:
            self.claim(index, sentence)

    def no_claim(self, index: int, sentence: Sentence) -> None:
        """A sentence that is no claim may open a transcript's turn, or go on with the
        quotation before it."""
        if ":" in sentence.text[:60]:  # a transcript label opens a turn on a greeting too
            self.floor = _label_turn(self.text, sentence, self.lexicon, self.registry,
                                     self.outlet, self.memory, self.floor, self.turns)
        previous = self.previous
        if previous is not None and previous[2] is not None and _continues(
            self.text, self.lexicon, previous, sentence, index, self.inside[index]
        ):  # a question or an exclamation inside the quotation: its speaker goes on
            self.previous = (index, sentence, previous[2])
        elif self.statement is None and sentence.text.rstrip().endswith(":"):
            self.tag(index, sentence)

    def tag(self, index: int, sentence: Sentence) -> None:
        """A speaker's tag that is no claim of its own and ends with a colon ("Said Ruiz:"):
        the words after it are the speaker's, quoted (the quotation it opens) or not (the
        statement it opens), as after a tag that is a claim ("Ruiz said:")."""
        steps = self.plan(index, sentence)
        if not steps:
            return
        replay = _Replay(self.text, sentence, self.lexicon, self.registry, self.outlet,
                         self.memory)
        found = replay.run(steps)
        if not found or not replay.carrier or not self.memory.entries:
            return
        speaker = _quoting(self.memory, found)
        self.previous = (index, sentence, speaker)
        self.spoke = (index, _first_speaker(self.memory, found, speaker))
        self.statement = _Statement.opened(self.text, sentence, speaker)

    def claim(self, index: int, sentence: Sentence) -> None:
        """A claim sentence: its rules' attributions, else a speaker that goes on (a
        quotation's, a statement's, an interviewee's), else the learned finder's."""
        steps = self.plan(index, sentence)
        replay = _Replay(self.text, sentence, self.lexicon, self.registry, self.outlet,
                         self.memory)
        sentences, claims, inside = self.sentences, self.claims, self.inside
        if index and not self.result[index - 1] and claims[index - 1] and not inside[
                index - 1] and not any(mark in sentences[index - 1].text for mark in "\"“”"):
            replay.narration = sentences[index - 1]  # (not words of a quotation)
        found = self.told(index, sentence, steps, replay)
        carrier = replay.carrier
        if not found and not (inside[index] and not any(
                mark in sentence.text for mark in "\"“”")):
            # the learned finder's proposals, for what the rules miss (not in the words of a
            # quotation an earlier sentence opened: a verb there is the quoted speaker's)
            found, carrier = self.learned(index, sentence, replay)
        if not found:
            self.result.append(())
            self.previous = (index, sentence, None)
            return
        self.result.append(tuple(found))
        # the speaker an untagged quotation in the next sentence goes on with
        speaker = _quoting(self.memory, found) if self.memory.entries and carrier else None
        self.previous = (index, sentence, speaker)
        if speaker is not None:
            self.spoke = (index, _first_speaker(self.memory, found, speaker))
        if speaker is not None and self.statement is None:
            self.statement = _Statement.opened(self.text, sentence, speaker)

    def plan(self, index: int, sentence: Sentence) -> tuple[Step, ...]:
        """The sentence's planned steps (cached), less labels the transcript does not admit,
        the publisher's own pictures and frames inside a quotation an earlier sentence
        opened."""
        text, lexicon, registry, outlet = self.text, self.lexicon, self.registry, self.outlet
        headline = index == 0 or _is_headline(text, sentence)
        steps = cached_plan(sentence.text, headline, registry, outlet)
        if steps is None:
            start, end = sentence.start, sentence.end
            if text[start:end] != sentence.text:
                steps = plan_sentence(sentence.text, headline, lexicon, registry, outlet)
            else:
                if not self.low:
                    self.low = lower(text)
                steps = plan_sentence(sentence.text, headline, lexicon, registry, outlet,
                                      self.low[start:end])
        if steps and any(step.label is not None for step in steps):
            steps = self.turns.admitted(steps)
        publisher = self.publisher
        if publisher is not None and any(publisher.id in step.credited for step in steps):
            # the publisher's own picture ("Photograph: Ana Roe/The Courier" in the Courier)
            steps = tuple(step for step in steps if publisher.id not in step.credited)
        if (steps and self.inside[index] and not any(mark in sentence.text for mark in "\"“”")
                and closing_mark(sentence.text) < 0):
            steps = ()  # the words of a quotation an earlier sentence opened: no frame
        # (a sentence that closes the quotation has its quoted words' cues dropped by the plan)
        return steps

    def told(self, index: int, sentence: Sentence, steps: tuple[Step, ...],
             replay: _Replay) -> list[Attribution]:
        """The attributions the rules' steps give, a transcript speaker's holding; else a
        speaker that goes on: the quotation's before, the speaker of a quoted paragraph after
        narration, an open statement's, an interview's answerer."""
        found: list[Attribution] = replay.run(steps) if steps else []
        if any(step.holds for step in steps):
            self.floor = replay.held
        elif not replay.carrier and self.floor is not None:
            # (a hearsay phrase or a report named in the speaker's turn is no other speaker)
            found = [*found, *_holding(self.floor, sentence, self.lexicon)]
        if found:
            self.statement = None  # a sentence with a speaker of its own ends a statement
            return found
        previous, spoke = self.previous, self.spoke
        if previous is not None and previous[2] is not None:
            found = replay.continuation(previous, index, self.inside[index])
        if not found and spoke is not None and _after_narration(
                self.text, self.sentences, self.result, spoke[0], index):
            # a quoted paragraph after the speaker's paragraph ended in narration ("He said
            # they would try again. The vote is in May." / "“We will win.”"): the speaker's
            found = replay.continuation((index - 1, self.sentences[index - 1], spoke[1]), index,
                                        False)
        if not found and self.statement is not None:
            found = self.statement.attribution(self.text, sentence, self.lexicon, self.memory)
            replay.carrier = True
        interview = self.interview
        if not found and interview is not None and index in interview.answers:
            found = interview.attribution(self.text, sentence, index, self.lexicon, self.memory)
            replay.carrier = bool(found)
        return found

    def learned(self, index: int, sentence: Sentence,
                replay: _Replay) -> tuple[list[Attribution], bool]:
        """The learned finder's proposals, and whether its speaker goes on in a quotation (as
        a rule's does, when a speaker rule typed it); not a cue the rules read as the
        reporter's background ("since X announced")."""
        found, carrier = learned_attributions(sentence, self.lexicon, self.registry,
                                              self.outlet, self.memory, replay.narration,
                                              self.result[index - 1] if index else ())
        behind = background(self.lexicon, sentence.text) if found else []
        if behind:
            found = [a for a in found if not any(
                a.cue.start - sentence.start < end and start < a.cue.end - sentence.start
                for start, end in behind)]
        return found, carrier



def _once(found: tuple[Attribution, ...]) -> tuple[Attribution, ...]:
    """A sentence's attributions with each source counted once: the same words standing
    twice for one speaker doing one thing with the same cue (a phrase a page repeats, "the
    allegations circulated by some media ... the allegations circulated by some media") are
    one attribution, the first."""
    if len(found) < 2:
        return found
    seen: set[tuple[str, str, str, str]] = set()
    kept = []
    for attribution in found:
        key = (attribution.speaker, attribution.stance, attribution.source.text.lower(),
               attribution.cue.text.lower())
        if key not in seen:
            seen.add(key)
            kept.append(attribution)
    return tuple(kept) if len(kept) < len(found) else found


def _quoting(memory: Memory, found: Sequence[Attribution]) -> Entry:
    """The speaker whose quotation a sentence's attributions tag: the latest remembered, but
    not a news organisation that only passes on another speaker's words ("“...,” Acme said,
    according to the Courier" / "he told the Courier"): the other speaker the sentence names
    (the medium counts only when it alone is named)."""
    latest = memory.entries[-1]
    if latest.kind != "media":
        return latest
    spoken = {(a.source.start, a.source.end) for a in found if a.kind != "media"}
    for entry in reversed(memory.entries[-_RELAY_REACH:]):
        if (entry.span.start, entry.span.end) in spoken:
            return entry
    return latest


def _first_speaker(memory: Memory, found: Sequence[Attribution], latest: Entry) -> Entry:
    """The speaker of a sentence's first attribution (the clause's own: "He said they are
    still encouraged" is his, not theirs), as the memory holds it; else ``latest``."""
    first = found[0].source
    for entry in reversed(memory.entries[-_RELAY_REACH:]):
        if (entry.span.start, entry.span.end) == (first.start, first.end):
            return entry
    return latest


#: How many of the latest speakers are looked through for a relayed quotation's own speaker.
_RELAY_REACH = 4


def _inside_quotation(text: str, sentences: Sequence[Sentence]) -> list[bool]:
    """Whether each sentence starts inside a quotation an earlier sentence opened and has not
    closed ("He said: “We will win. The voters are with us.”"). A paragraph that opens no
    quotation ends it, and so do ``_QUOTE_REACH`` sentences in a row without a quotation
    mark (a paragraph that reopens the quotation with a mark counts afresh) unless the
    paragraph goes on to close it."""
    inside: list[bool] = []
    state = False
    run = 0
    prev_end = 0
    for sentence in sentences:
        words = apostrophes_mended(sentence.text)
        if not state and '"' not in words and "“" not in words and "”" not in words and (
            not words.lstrip().startswith(("'", "‘")) and ": ‘" not in words and ", ‘" not in words
        ):  # most sentences: no quotation opens or closes here
            inside.append(False)
            prev_end = sentence.end
            continue
        if state and ((run >= _QUOTE_REACH and not _closed_later(text, sentence)) or (
            "\n" in text[prev_end : sentence.start]
            and not words.lstrip().startswith(('"', "“", "‘", "'"))
            and not _closed_ahead(text, sentence.start)
        )):
            state = False
        inside.append(state)
        close = closing_mark(words)
        marked = any(mark in words for mark in "\"“”")
        if close >= 0:  # it closes a quotation: what comes after may open another
            state = open_quote(words[close + 1 :])
        elif not state or marked:
            state = open_quote(words)
        run = (1 if marked or not inside[-1] else run + 1) if state else 0
        prev_end = sentence.end
    return inside


#: How many paragraphs ahead the closing mark of a quotation that runs on without
#: reopening marks is looked for.
_CLOSE_REACH = 3


def _closed_ahead(text: str, start: int) -> bool:
    """Whether the quotation open at ``start`` (a paragraph that opens no new one) is
    closed within ``_CLOSE_REACH`` paragraphs: one of them has a closing mark left over
    after its own pairs ("... of Benfica.\"" after a statement quoted over three paragraphs
    with no reopening marks), before any paragraph that opens a quotation of its own."""
    for number, paragraph in enumerate(_LINE.finditer(text, start)):
        if number >= _CLOSE_REACH:
            return False
        words = apostrophes_mended(paragraph.group()).strip()
        if number and words.startswith(('"', "“")):
            return False  # a new quotation
        if words.count("”") > words.count("“") or (
                words.count('"') % 2 and _STRAIGHT_CLOSE.search(words) is not None):
            return True
    return False


#: A straight mark that closes (after a word or a full stop, before a space or the end).
_STRAIGHT_CLOSE = re.compile(r"[\w.,!?…]\"(?=[\s.,;:)]|$)")


def _closed_later(text: str, sentence: Sentence) -> bool:
    """Whether the paragraph a sentence starts closes a quotation at or after it (a single
    mark that opens a later sentence of it reopens the same quotation, as British copy marks
    each of its paragraphs, run together here: "... economy. ‘It is a loss. ... result?’")."""
    end = text.find("\n", sentence.start)
    words = _REOPENING.sub(" ", text[sentence.start : end if end >= 0 else len(text)])
    return closing_mark(words) >= 0


#: A single opening mark at the start of a sentence inside a paragraph.
_REOPENING = re.compile(r"(?<=[.!?]\s)‘(?=[A-Z])|(?<=[.!?]\s\s)‘(?=[A-Z])")


def _label_turn(
    text: str,
    sentence: Sentence,
    lexicon: Rules,
    registry: Registry,
    outlet: Source | None,
    memory: Memory,
    floor: Attribution | None,
    turns: _Turns,
) -> Attribution | None:
    """The speaker whose turn a non-claim sentence opens ("MR PRICE: Good afternoon."),
    or the current one if it opens none."""
    steps = turns.admitted(plan_sentence(sentence.text, False, lexicon, registry, outlet))
    if not any(step.holds for step in steps):
        return floor
    replay = _Replay(text, sentence, lexicon, registry, outlet, memory)
    replay.run([step for step in steps if step.holds])
    return replay.held


class _Turns:
    """How many lines of the text each speaker-label rule labels (counted on first need): a
    label counts only in a text with at least its rule's ``min_turns`` of them."""

    def __init__(self, sentences: Sequence[Sentence]) -> None:
        self.sentences = sentences
        self.counts: dict[str, int] = {}

    def count(self, label: Label) -> int:
        found = self.counts.get(label.id)
        if found is None:
            names = [name for s in self.sentences
                     if ":" in s.text[:60] and (name := _turn(label, s.text)) is not None]
            returns = len({name.upper() for name in names}) < len(names)
            found = self.counts[label.id] = (
                len(names) if returns or not label.speakers_return else 0)
        return found

    def admitted(self, steps: Sequence[Step]) -> tuple[Step, ...]:
        """The steps without those of a label whose rule labels too few lines of the text; a
        headline label read on the words of a transcript's turn that counts gives way to it."""
        kept = [step for step in steps
                if step.label is None or step.label.min_turns <= 1
                or self.count(step.label) >= step.label.min_turns]
        turns = {step.source for step in kept
                 if step.label is not None and step.label.min_turns > 1}
        return tuple(step for step in kept if not (
            step.label is not None and step.label.headline_only and step.source in turns))


def _turn(label: Label, text: str) -> str | None:
    """The label's words when a line counts as one of a speaker-label rule's turns, else
    None."""
    match = label.pattern.match(text)
    if match is None:
        return None
    words = next((g for g in match.groups() if g), "")
    if label.turns_name_speakers and label.names_nobody(words):
        return None
    return words


def _turn_over(text: str, floor: Attribution, sentence: Sentence, lexicon: Rules) -> bool:
    """Whether a labelled speaker's turn has ended before this sentence: its label's rule
    holds only the label's own line and a line break came after the label."""
    rule = floor.rule.split("+")[0]
    return any(label.id == rule and label.turn_ends_with_line for label in lexicon.labels) and (
        "\n" in text[floor.cue.end : sentence.start])


def _holding(floor: Attribution, sentence: Sentence, lexicon: Rules) -> list[Attribution]:
    """A transcript sentence after a speaker label: the labelled speaker's words (one
    attribution per stance they take)."""
    return _per_stance(replace(floor, rule=floor.rule.split("+")[0], carried=True),
                       lexicon, sentence.text)


def _signed(
    text: str,
    sentences: Sequence[Sentence],
    claims: Sequence[bool],
    result: list[tuple[Attribution, ...]],
    lexicon: Rules,
    registry: Registry,
    outlet: Source | None,
    memory: Memory,
) -> None:
    """Words signed at their end by their author ("... He was the perfect choice. - Ana Roe",
    an embedded post's "— Acme FC (@AcmeFC) May 1, 2024" line): the untagged claims of the
    signed paragraph, or of the paragraph before a signature on a line of its own, are the
    signer's. A name after a dash signs only words in the first person."""
    rule = lexicon.signature
    if rule is None:
        return
    for line_match in _LINE.finditer(text):  # a line, not a sentence: "~Atty." ends none
        line = Sentence(line_match.group(), line_match.start(), line_match.end())
        match = rule.pattern.search(line.text) if rule.gate.admits(line.text) else None
        if match is None:
            continue
        group = 1 if match.group(1) else 2
        at = line.start + match.start()
        start = line.start
        if not text[start:at].strip():  # a line of its own: it signs the paragraph before
            end = len(text[:start].rstrip())
            start = text.rfind("\n", 0, end) + 1
        if group == 2 and not _FIRST_PERSON.search(text[start:at]):
            continue
        signed = [i for i, s in enumerate(sentences)
                  if s.end > start and s.start < at and claims[i] and not result[i]]
        if not signed:
            continue
        desc = classify(match.group(group), lexicon, registry, outlet)
        if desc is None or desc.kind in (CARRIED, NONE):
            continue
        mark = match.start() + len(match.group()) - len(match.group().lstrip())
        step = Step(desc, match.span(group), (mark, mark + 1), rule.id, (("asserts", ""),))
        found = _Replay(text, line, lexicon, registry, outlet, memory).run([step])
        if not found:
            continue
        tag = found[0]
        for i in signed:
            result[i] = tuple(_per_stance(replace(tag, carried=sentences[i].end <= at),
                                          lexicon, sentences[i].text))


def _captioned(
    text: str,
    sentences: Sequence[Sentence],
    claims: Sequence[bool],
    result: list[tuple[Attribution, ...]],
    lexicon: Rules,
    registry: Registry,
    outlet: Source | None,
    memory: Memory,
) -> None:
    """A caption line naming a person (the ``caption`` rule: "Ana Ruiz, Minister of
    Transport" on a line of its own) right before a paragraph that opens with a quotation
    mark: the paragraph's claims are that person's words, when nothing in it tags a speaker
    of its own (only a quotation going on, or nothing, was found there) and the article's
    own sentences name the person too (a caption names someone the story is about)."""
    rule = lexicon.caption
    if rule is None or "\n" not in text:
        return
    going_on = lexicon.continuation.id
    for line_match in _LINE.finditer(text):
        match = rule.pattern.match(line_match.group())
        after = _LINE.search(text, line_match.end()) if match is not None else None
        if match is None or after is None or not after.group().lstrip().startswith(
                ("“", '"')):
            continue
        inside = [i for i, s in enumerate(sentences)
                  if after.start() <= s.start < after.end() and claims[i]]
        if not inside or any(a.rule.split("+", 1)[0] != going_on
                             for i in inside for a in result[i]):
            continue
        name = match.group(1)
        if not any(claims[i] and name in s.text and not line_match.start() <= s.start
                   < line_match.end() for i, s in enumerate(sentences)):
            continue
        line = Sentence(line_match.group(), line_match.start(), line_match.end())
        span = (match.start(1), len(line.text.rstrip()))  # the name and its office
        desc = classify(line.text[span[0] : span[1]], lexicon, registry, outlet)
        if desc is None or desc.kind not in _CAPTIONED:
            continue
        step = Step(desc, span, match.span(1), rule.id, (("asserts", ""),))
        found = _Replay(text, line, lexicon, registry, outlet, memory).run([step])
        if not found or found[0].speaker not in _CAPTIONED:
            continue
        for i in inside:
            result[i] = tuple(_per_stance(replace(found[0], carried=True), lexicon,
                                          sentences[i].text))


#: The kinds a caption's person may speak as (no news organisation, no hearsay).
_CAPTIONED = frozenset({"official", "named", "unnamed_official"})


def _per_stance(said: Attribution, lexicon: Rules, words: str) -> list[Attribution]:
    """``said`` once per stance the speaker's ``words`` take (a refusal and an assertion
    besides: both, as in a tagged sentence), each with its content cue's rule after ``said``'s
    rule."""
    return [replace(said, stance=stance, rule=said.rule + rule)
            for stance, rule in split_stances(lexicon, lower(words))]


#: How many sentences back a quotation tagged at its end is followed.
_QUOTE_REACH = 6
#: ... and how many, when its opening mark is found in the paragraph of its closing one (a
#: speaker's words of eight sentences quoted in one paragraph, tagged at the end).
_OPENING_REACH = 14


def _quotes_tagged_at_the_end(
    text: str,
    sentences: Sequence[Sentence],
    claims: Sequence[bool],
    result: list[tuple[Attribution, ...]],
    lexicon: Rules,
) -> None:
    """A quotation of several sentences whose speaker is named only at its end ("No deal was
    signed. Talks ended in May," the minister said): every sentence of it is the speaker's;
    a refusal or a denial is the stance of the sentences that say it, not of the whole
    quotation (the rest asserts: "It is a lie. I was at work," he said)."""
    for index, sentence in enumerate(sentences):
        close = closing_mark(sentence.text) if result[index] else -1
        if close < 0:
            continue
        # the speakers tagged after the closing mark; a named speaker before a hearsay phrase
        # whose own words are its source ('..." he added, calling the rumours baseless')
        # (a news organisation the speaker told the words to, or that passes them on, last)
        tags = sorted((a for a in result[index] if a.cue.start >= sentence.start + close),
                      key=lambda a: (a.source == a.cue, a.kind == "media"))
        if not tags:
            continue
        opened = _opening(text, sentences, claims, result, index, lexicon.continuation.id)
        if opened is None:
            continue
        for i in range(opened, index):
            if not claims[i]:
                continue
            stance, extra = content_stance(lexicon, sentences[i].text)
            result[i] = tuple(
                Attribution(tag.speaker, stance or "asserts", tag.source, tag.cue,
                            lexicon.continuation.id + (extra if stance else ""), True,
                            tag.reason, evidence=tag.evidence)
                for tag in tags[:1]
            )


def _opening(
    text: str,
    sentences: Sequence[Sentence],
    claims: Sequence[bool],
    result: list[tuple[Attribution, ...]],
    index: int,
    continuation: str,
) -> int | None:
    """The earlier sentence that opens the quotation sentence ``index`` closes, when every
    sentence between is an untagged claim or no claim at all (an exclamation, "Va tamba!");
    the opening sentence may have been taken for the quotation before it going on (the
    ``continuation`` rule's): the tag at the end says whose it is;
    or, when no mark opens it, the first sentence of the closing sentence's paragraph (pasted
    copy that lost the opening mark: '... Egypt. ... Giaufret", the statement concludes.')."""
    for back in range(index - 1, max(-1, index - 1 - _OPENING_REACH), -1):
        if "\n" in text[sentences[back].end : sentences[back + 1].start]:
            return back + 1 if back + 1 < index and index - back <= _QUOTE_REACH + 1 else None
        words = sentences[back].text
        if result[back] and not (open_quote(words) and all(
                a.rule.split("+")[0] == continuation for a in result[back])):
            return None
        if open_quote(words):
            return back
        if any(mark in words for mark in "“”\""):
            return None
    return None


#: First-person words: a statement's own voice ("We are delighted", "our fans").
_FIRST_PERSON = re.compile(r"\b(?:I|[Ww]e|[Oo]ur|[Oo]urs|us|[Mm]y|me)\b")
#: How many sentences of a statement in a row may go without a first-person word.
_STATEMENT_REACH = 3
#: A paragraph that opens in the first person ("We want to make it clear ...").
_FIRST_PERSON_OPENING = re.compile(r"\s*(?:We|I|Our|My)\b")


class _Statement:
    """A speaker's words given as unquoted paragraphs after an introduction that ends its
    paragraph with a colon or a comma ("In a statement, the club said:" / "We are delighted
    ..."): they are the speaker's until a sentence with a quotation mark or a speaker of its
    own, a heading, or ``_STATEMENT_REACH`` sentences in a row with no first-person word."""

    def __init__(self, entry: Entry, colon: Span, rule: str = "",
                 until: int | None = None) -> None:
        self.entry = entry
        self.colon = colon
        self.run = 0
        #: the rule that opened it, when not a speaker's sentence (the continuation rule's)
        self.rule = rule
        #: where it ends at the latest (the end of the one paragraph it can hold), or None
        self.until = until

    @staticmethod
    def opened(text: str, sentence: Sentence, entry: Entry) -> _Statement | None:
        """The statement a speaker's sentence introduces, if it ends with a colon that ends
        its paragraph too (nothing quoted after it on the line), or with a comma the
        paragraph break cuts off ("Ruiz said that," / "Quick delivery is our priority.")."""
        words = sentence.text.rstrip()
        end = text.find("\n", sentence.end)
        if end < 0 or text[sentence.end : end].strip():
            return None
        if words.endswith((":", ",")):
            at = sentence.start + len(words) - 1
            return _Statement(entry, Span(words[-1], at, at + 1))
        # a quotation closed and tagged at the end of its paragraph ('..., ” he added.'), the
        # next paragraph the speaker's own first person with no quotation mark of its own
        # ("We want to make it clear ...": the speaker goes on, the marks lost in the copy);
        # that one paragraph only
        spans = quote_spans(words)
        close = spans[-1][1] - 1 if spans else -1
        if close < 0 or words[close] not in "\"”" or any(
                mark in words[close + 1 :] for mark in "\"“”"):
            return None
        line = _LINE.search(text, end)
        if line is None or not _FIRST_PERSON_OPENING.match(line.group()) or any(
                mark in line.group() for mark in "\"“”‘"):
            return None
        at = sentence.start + close
        return _Statement(entry, Span(words[close], at, at + 1), until=line.end())

    @staticmethod
    def headed(text: str, sentence: Sentence, lexicon: Rules, registry: Registry,
               outlet: Source | None, memory: Memory) -> _Statement | None:
        """The statement a heading introduces that names a document of a speaker's words and
        ends its paragraph with a colon ("Transcript of remarks by X, ...:", "X's statement:",
        the ``document`` rule)."""
        rule = lexicon.document
        words = sentence.text.rstrip()
        if rule is None or not words.endswith(":") or not rule.gate.admits(words):
            return None
        end = text.find("\n", sentence.end)
        if end < 0 or text[sentence.end : end].strip():
            return None
        match = rule.pattern.search(words)
        if match is None:
            return None
        group = next(g for g in range(1, (match.lastindex or 0) + 1) if match.group(g))
        desc = classify(match.group(group), lexicon, registry, outlet)
        if desc is None or desc.kind in (CARRIED, NONE):
            return None
        colon = len(words) - 1
        step = Step(desc, match.span(group), (colon, colon + 1), rule.id, (("asserts", ""),))
        if not _Replay(text, sentence, lexicon, registry, outlet, memory).run([step]):
            return None
        at = sentence.start + colon
        return _Statement(memory.entries[-1], Span(":", at, at + 1), rule.id)

    def goes_on(self, text: str, sentence: Sentence, is_claim: bool, lexicon: Rules) -> bool:
        """Whether a sentence is still the statement's: an item of the list a colon opens
        goes on (marked, or a line of its own in sentence case with no full stop), and so
        does a first-person sentence, or a few others in a row."""
        if self.until is not None and sentence.start >= self.until:
            return False
        words = sentence.text
        if any(mark in words for mark in "\"“”") or words.lstrip().startswith(("'", "‘")):
            return False
        headline = _is_headline(text, sentence)
        item = self.colon.text == ":" and _list_item(text, sentence, headline, lexicon)
        if headline and not item:
            return False
        if item or _FIRST_PERSON.search(words):
            self.run = 0
        elif is_claim:
            self.run += 1
        return self.run <= _STATEMENT_REACH

    def attribution(self, text: str, sentence: Sentence, lexicon: Rules,
                    memory: Memory) -> list[Attribution]:
        """The sentence as the statement's speaker's words, its cue the introduction's colon
        (or comma): one attribution per stance they take."""
        memory.touch(self.entry)
        kind: Speaker = self.entry.kind  # type: ignore[assignment]
        said = Attribution(kind, "asserts", self.entry.span, self.colon,
                           self.rule or lexicon.continuation.id, True, self.entry.reason,
                           evidence=_shown(text, self.entry))
        return _per_stance(said, lexicon, sentence.text)


#: How many words a list item with no full stop has at least (fewer: a heading).
_ITEM_WORDS = 4


def _list_item(text: str, sentence: Sentence, own_line: bool, lexicon: Rules) -> bool:
    """Whether a sentence is an item of a list: its line opens with a list mark
    (``list_item_marks``, before the sentence or in it), or it is a line of its own with no
    full stop, in sentence case and not too short to be more than a heading ("A spark in
    the welding shop")."""
    words = sentence.text
    line = text[text.rfind("\n", 0, sentence.start) + 1 : sentence.start] + words
    opening = line.lstrip().split(maxsplit=1)
    if opening and opening[0] in lexicon.list_item_marks:
        return True
    return own_line and len(opening) > 1 and len(words.split()) >= _ITEM_WORDS and (
        words.lstrip()[:1].isupper() and not title_line(words))


#: How many questions an interview with no speaker labels must have whose answers speak in
#: the first person (one question paragraph alone is a rhetorical question or a heading).
_INTERVIEW_QUESTIONS = 2
#: How many words a question paragraph may have (a longer one is narrative that ends asking).
_QUESTION_WORDS = 50
#: The kinds an interviewee may have (not a news organisation, not hearsay).
_INTERVIEWEES = frozenset({"official", "named", "unnamed_official"})


class _Interview:
    """An interview printed as question paragraphs (the ``interview`` rule: "Why did the
    league reject the plan?", "Q: ...") and answer paragraphs, with no speaker labels. Each
    answer is the paragraph after a question, and the paragraphs after that up to the next
    question while they speak in the first person; the speaker is the one the article named
    last before the first question (the interviewee introduced in the lead)."""

    def __init__(self, first: int, answers: dict[int, Span]) -> None:
        #: the index of the first question's first sentence
        self.first = first
        #: each answer sentence's index -> the words that make its paragraph an answer (the
        #: question's mark or label)
        self.answers = answers
        self.speaker: Entry | None = None

    @staticmethod
    def find(text: str, sentences: Sequence[Sentence], rule: Single | None) -> _Interview | None:
        """The interview of a text, if it has one."""
        if rule is None or "?" not in text:
            return None
        paragraphs = [(m.start(), m.end()) for m in _LINE.finditer(text)]
        marks = [_Interview.question(text, a, b, rule) for a, b in paragraphs]
        if sum(mark is not None for mark in marks) < _INTERVIEW_QUESTIONS:
            return None
        answered: list[tuple[Span, int, int]] = []  # each answer's cue and paragraph range
        for number, mark in enumerate(marks):
            if mark is None:
                continue
            end = number + 1
            while end < len(paragraphs) and marks[end] is None and (
                end == number + 1 or _answer_goes_on(text, *paragraphs[end])
            ):
                end += 1
            if end > number + 1:
                answered.append((mark, number + 1, end))
        spoken = [(mark, a, b) for mark, a, b in answered
                  if _first_person_answer(text, *paragraphs[a])]
        if len(spoken) < _INTERVIEW_QUESTIONS:
            return None
        answers: dict[int, Span] = {}
        for mark, a, b in answered:
            start, end = paragraphs[a][0], paragraphs[b - 1][1]
            for index, sentence in enumerate(sentences):
                if start <= sentence.start < end:
                    answers[index] = mark
        first_at = next(paragraphs[n][0] for n, mark in enumerate(marks) if mark is not None)
        first = next((i for i, s in enumerate(sentences) if s.end > first_at), len(sentences))
        return _Interview(first, answers)

    @staticmethod
    def question(text: str, start: int, end: int, rule: Single) -> Span | None:
        """The words that make a paragraph a question (not a quoted one), if they do."""
        words = text[start:end].rstrip()
        if (words.lstrip().startswith(("“", '"', "‘")) or len(words.split()) > _QUESTION_WORDS
                or not rule.gate.admits(words)):
            return None  # a quoted question; a narrative paragraph that ends asking one
        match = rule.pattern.search(words)
        if match is None:
            return None
        a, b = start + match.start(), start + match.end()
        return Span(text[a:b], a, b)

    @staticmethod
    def interviewee(memory: Memory) -> Entry | None:
        """The speaker the article named last by name, when it may be an interviewee."""
        return next((e for e in reversed(memory.entries)
                     if e.kind in _INTERVIEWEES and e.names), None)

    def attribution(self, text: str, sentence: Sentence, index: int, lexicon: Rules,
                    memory: Memory) -> list[Attribution]:
        """An answer sentence as the interviewee's words, its cue the question's words."""
        entry = self.speaker
        if entry is None:
            return []
        memory.touch(entry)
        kind: Speaker = entry.kind  # type: ignore[assignment]
        rule_id = lexicon.interview.id if lexicon.interview is not None else ""
        said = Attribution(kind, "asserts", entry.span, self.answers[index], rule_id, True,
                           entry.reason, evidence=_shown(text, entry))
        return _per_stance(said, lexicon, sentence.text)


#: A paragraph: a line with words on it.
_LINE = re.compile(r"[^\n]*\S[^\n]*")


def _first_person_answer(text: str, start: int, end: int) -> bool:
    """Whether a paragraph answers in its own voice: a first-person word, not a quotation."""
    words = text[start:end].strip()
    return not words.startswith(("“", '"', "‘")) and _FIRST_PERSON.search(words) is not None


def _answer_goes_on(text: str, start: int, end: int) -> bool:
    """Whether a paragraph after an answer's first goes on with it: it speaks in the first
    person and is no heading (a line with no closing punctuation)."""
    words = text[start:end].strip()
    return _TERMINAL.search(words) is not None and _first_person_answer(text, start, end)


#: A list item's bullet before a paragraph's words.
_BULLET = re.compile(r"^[•▪‣·]\s*")
#: A paragraph's last closing quotation mark and what may follow it to the paragraph's end.
_QUOTE_END = re.compile(r"[”\"][\s.,;]*$")


def _quoted_paragraph(text: str, sentence: Sentence) -> bool:
    """Whether a sentence opens a paragraph that is all quotation: it starts with an opening
    mark and the paragraph ends at a closing mark with no tag after it, or with none at all
    (a quotation running on into the next paragraph). Such a paragraph after a speaker's
    sentence goes on in that speaker's voice (news style tags the first paragraph only)."""
    start = sentence.start
    if start and text[start - 1] not in "\n\t ":
        return False
    line_start = text.rfind("\n", 0, start) + 1
    words = _BULLET.sub("", sentence.text, count=1)
    # (a list bullet before it on its line is markup the segmenter dropped: "• “...”")
    lead = text[line_start:start].strip()
    if (lead and _BULLET.sub("", lead) != "") or not words.startswith(("“", '"')):
        return False
    start += len(sentence.text) - len(words)
    end = text.find("\n", start)
    paragraph = text[start : end if end >= 0 else len(text)].rstrip()
    if paragraph.count('"') % 2 or paragraph.count("“") > paragraph.count("”"):
        return True  # a mark left open: the quotation runs on ("... the report "X", ...)
    closing = max(paragraph.rfind("”"), paragraph.rfind('"', 1))
    return closing < 0 or _QUOTE_END.match(paragraph, closing) is not None


def _continues(
    text: str,
    lexicon: Rules,
    previous: tuple[int, Sentence, Entry | None],
    sentence: Sentence,
    index: int,
    opened: bool,
) -> bool:
    """Whether sentence ``index`` goes on with the quotation of the sentence right before it
    (``previous``): it starts inside a quotation an earlier sentence left open (``opened``),
    or it opens one that is its paragraph's, or that follows a quotation."""
    prev_index, prev_sentence, _ = previous
    if prev_index != index - 1:
        return False
    if opened:
        return True
    if not lexicon.continuation.pattern.match(sentence.text):
        return False
    if sentence.text.lstrip().startswith("("):  # a translation of the quotation before it
        return _foreign_quotation(prev_sentence.text, lexicon)
    if _quoted_paragraph(text, sentence):
        return True
    # a quotation that is not a paragraph of its own may be anyone's: a new paragraph's only
    # when its paragraph is all quote; in the speaker's own paragraph, one that follows a
    # quotation, or a sentence that is all quotation
    if "\n" in text[prev_sentence.end : sentence.start]:
        return False
    return any(q in prev_sentence.text for q in "\"“”") or _quoted_sentence(sentence.text)


#: How many untagged sentences may end a speaker's paragraph before a quoted paragraph that
#: goes on in the speaker's voice.
_NARRATION_REACH = 2


def _after_narration(
    text: str,
    sentences: Sequence[Sentence],
    result: Sequence[tuple[Attribution, ...]],
    spoke: int,
    index: int,
) -> bool:
    """Whether sentence ``index`` opens a paragraph that is all quotation after the
    paragraph of sentence ``spoke``, whose speaker goes on, with at most
    ``_NARRATION_REACH`` sentences with no speaker between, in that paragraph or in
    paragraphs of their own (the reporter's paraphrase of the same speaker, or where it
    spoke: "Vale spoke after the meeting."): news style gives an untagged quoted paragraph
    to the speaker before it."""
    if not 1 < index - spoke <= _NARRATION_REACH + 1:
        return False
    end = text.find("\n", sentences[spoke].end)
    sentence = sentences[index]
    if end < 0 or end >= sentence.start:
        return False
    if text[sentence.start - 1 : sentence.start] not in ("\n", ""):
        return False  # not a paragraph's start
    if any(result[i] for i in range(spoke + 1, index)):
        return False  # another speaker between
    return _quoted_paragraph(text, sentence)


def _foreign_quotation(words: str, lexicon: Rules) -> bool:
    """Whether a sentence quotes words in another language than English: two words or more
    in quotation marks, none of them one of the commonest English words."""
    quoted = [w.lower() for a, b in quote_spans(words) for w in _WORD.findall(words[a:b])]
    return len(quoted) >= 2 and lexicon.english_words.isdisjoint(quoted)


_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")


def _quoted_sentence(words: str) -> bool:
    """Whether a sentence is all quotation: it opens with a quotation mark and closes it at
    its end or not at all (not a word or two in scare quotes, "“Outstanding” value is the
    aim", nor a quotation with a tag after it the rules did not read)."""
    words = _BULLET.sub("", words.strip(), count=1)
    close = _CLOSING.get(words[:1])
    if close is None:
        return False
    found = close.search(words, 1)
    return found is None or not _HAS_WORD.search(words, found.end())


_HAS_WORD = re.compile(r"\w")
#: The closing mark of each opening one (a single one not inside a word: "don’t").
_CLOSING = {"“": re.compile("”"), '"': re.compile('"'), "‘": re.compile(r"’(?!\w)"),
            "'": re.compile(r"'(?!\w)")}


#: A sentence of the body: it ends in a full stop, a question or an exclamation mark (a
#: closing quotation mark or bracket after it).
_BODY_END = re.compile(r"[.!?][\"”’')]*\s*$")


def _headlines(text: str, sentences: Sequence[Sentence]) -> frozenset[int]:
    """The article's headlines: the lines on their own with no closing punctuation before its
    first sentence of body text (not a sub-heading further down, nor a paragraph whose
    quotation closes in a typeface the headline test does not know, nor a line ending in a
    colon before a quotation)."""
    found = set()
    for index, sentence in enumerate(sentences):
        if _BODY_END.search(sentence.text):
            break
        if _is_headline(text, sentence) and not sentence.text.rstrip().endswith(":"):
            found.add(index)
    return frozenset(found)


def _is_headline(text: str, sentence: Sentence) -> bool:
    """A line on its own with no closing punctuation (headline, sub-heading); a page's date
    stamp split off before it (segment's line residue) leaves it on its own line."""
    start = sentence.start
    while start > 0 and text[start - 1] in " \t":
        start -= 1
    if start > 0 and text[start - 1] != "\n" and not after_line_residue(text, sentence.start):
        return False
    end = sentence.end
    while end < len(text) and text[end] in " \t":
        end += 1
    own_line = end == len(text) or text[end] == "\n"
    return own_line and not _HEADLINE_CLOSED.search(sentence.text)


def _shown(text: str, entry: Entry) -> Span | None:
    """The words elsewhere that showed a speaker's kind, when not its own."""
    where = entry.shown()
    if where is None or where == (entry.span.start, entry.span.end):
        return None
    return Span(text[where[0] : where[1]], where[0], where[1])


#: The name strategies of a proper name nothing describes (no title, no registry entry).
_UNDESCRIBED = frozenset({"person", "proper_name"})


def _subject_later(text: str, source: Span) -> bool:
    """Whether a label's name stands later in the article where no preposition governs it
    ("Daejin said ..." after "Daejin: mine to close"; not "a letter to Islamabad")."""
    name = re.compile(rf"(?<![\w'’-]){re.escape(source.text)}(?![\w'’-])")
    for match in name.finditer(text, source.end):
        before = text[max(0, match.start() - 12) : match.start()].split()
        if text[match.end() :].lstrip(" ").startswith(":"):
            continue  # the label again ("Rio: a City ... Rio: a City ...")
        if not before or before[-1].lower() not in _PREPOSITIONS:
            return True
    return False


#: Words before a place's name that make it no subject ("to Islamabad", "in Lahore", "the
#: Rio de Janeiro court").
_PREPOSITIONS = frozenset({"in", "to", "from", "at", "of", "near", "into", "via", "for", "on",
                           "outside", "across", "around", "towards", "toward", "between",
                           "the", "a", "an"})


def _stance_only(desc: Descriptor, step: Step) -> Descriptor | None:
    """A pronoun nobody earlier stands for ("The mayor opened the bridge. She declined to
    comment."), whose only words are a refusal or a denial: the label is the stance whoever
    the party is (guide 2: such a party gets only ``declined`` or ``denied``), so it counts,
    with the pronoun as its words; its kind, which no label shows, is ``unnamed`` (nobody
    named it). None when it also asserts something (that label would need the kind)."""
    if desc.how != "pronoun" or not step.stances or any(
            stance == "asserts" for stance, _ in step.stances):
        return None
    return Descriptor("unnamed", desc.rule, desc.person, (), head=desc.head, how=desc.how,
                      reason="a pronoun no earlier words stand for: its refusal or denial "
                             "is labelled by the stance alone")


def _undescribed(desc: Descriptor) -> bool:
    """Whether a speaker is named only by a proper name that neither the registry nor the
    article describes: the name strategies, or a name the article introduced as independent
    (an office-holder introduced earlier keeps the office), or one whose kind only its name
    rule's fallback gave ("al-Jadeed said ...", then "al-Jadeed reported ...")."""
    return desc.how in _UNDESCRIBED or (desc.how == "known_name" and (
        desc.kind == "named" or (bool(desc.reason) and desc.evidence is None)))


class _Replay:
    """A sentence's planned steps made into attributions, in the article's context."""

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
        self.sentence = sentence
        self.base = sentence.start
        self.rules = lexicon
        self.registry = registry
        self.outlet = outlet
        self.memory = memory
        self.out: list[Attribution] = []
        #: whether a step whose rule carries its speaker forward gave an attribution
        self.carrier = False
        #: the attribution of a transcript label (it holds the sentences after it)
        self.held: Attribution | None = None
        #: the sentence before, when it is a claim with no speaker (the reporter's narration)
        self.narration: Sentence | None = None

    def span(self, offsets: tuple[int, int]) -> Span:
        start, end = offsets
        return Span(self.sentence.text[start:end], self.base + start, self.base + end)

    def add(self, speaker: str, stance: Stance, source: Span, cue: Span, rule: str,
            carried: bool = False, carries: bool = True, mention: Span | None = None,
            shown: tuple[tuple[int, int] | None, str] = (None, "")) -> None:
        """One attribution; ``shown``: where the words are (article offsets) that showed the
        speaker's kind elsewhere, and why it has its kind when no words did."""
        if speaker not in _SPEAKERS:
            return
        kind: Speaker = speaker  # type: ignore[assignment]
        where, reason = shown
        evidence = (Span(self.text[where[0] : where[1]], where[0], where[1])
                    if where is not None and where != (source.start, source.end) else None)
        attribution = Attribution(kind, stance, source, cue, rule, carried, reason,
                                  mention, evidence)
        if self.out:
            label = attribution.kind
            for other in self.out:
                if other.kind == label and (other.source == source or (
                    stance != "asserts" and other.source.text == source.text
                )):  # one party's refusal tagged twice ("Cuomo himself said ..., Cuomo said")
                    return
        self.out.append(attribution)
        self.carrier = self.carrier or carries

    def run(self, steps: Sequence[Step]) -> list[Attribution]:
        words, base = self.sentence.text, self.base
        for step in steps:
            (a, b), (c, d) = step.source, step.cue
            source = Span(words[a:b], base + a, base + b)
            cue = Span(words[c:d], base + c, base + d)
            if step.fixed:
                before = len(self.out)
                kind, rule = step.desc.kind, step.rule
                shown: tuple[tuple[int, int] | None, str] = (None, "")
                if step.label is not None and _undescribed(step.desc):
                    # a label's bare name ("Ruiz: we will win") is what words elsewhere in
                    # the article show it is, when they do (not a name rule's fallback)
                    known = self.known(step.desc, source)
                    if step.known_only and (known is None or known.kind == NONE) and not (
                            _subject_later(self.memory.text, source)):
                        continue  # a dateline's place ("Islamabad: On Friday, ...")
                    if known is not None and known.kind != NONE and known.evidence is not None:
                        kind, shown = known.kind, (known.evidence, known.reason)
                        rule = rule.replace(f"+{step.desc.rule}", f"+{known.rule}", 1)
                for stance, extra in step.stances:
                    self.add(kind, stance, source, cue, rule + extra,
                             carries=step.carries, shown=shown)
                if step.holds:
                    self.held = self.out[-1] if len(self.out) > before else None
                continue
            self.speak(step, source, cue)
        return self.out

    def speak(self, step: Step, source: Span, cue: Span) -> None:
        desc = step.desc
        carried = False
        mention: Span | None = None
        if desc.kind == CARRIED:
            entry = self.resolve(step)
            if entry is None:
                fallback = self.fallback(desc, source)
                if fallback is not None:
                    self.memory.remember(fallback, source)
                else:  # (not remembered: no later pronoun is taken to stand for it)
                    fallback = _stance_only(desc, step)
                if fallback is None:
                    return
                desc = fallback
            else:
                desc = Descriptor(entry.kind, desc.rule, entry.person, entry.names, how=desc.how,
                                  evidence=entry.shown(), reason=entry.reason)
                if entry.span != source:
                    mention = source
                source, carried = entry.span, True
                self.memory.touch(entry)
        else:
            if step.mention is not None:  # "X, who said ...": the relative stands for X
                mention = self.span(step.mention)
            known = self.known(desc, source)
            if known is None and step.known_only:
                return  # a capitalised sentence opener the article never named
            if known is not None:
                if known.kind == NONE:
                    return  # "Markets", "Younger": capitalised only to open the sentence
                desc = known
            if step.name_kind is not None and _undescribed(desc):
                # the frame's words showed the kind ("X reported": a news organisation)
                desc = Descriptor(step.name_kind, desc.rule, desc.person, desc.names,
                                  how=desc.how)
            desc = kept_anonymous(desc, self.rules, self.sentence.text[source.start - self.base :])
            if step.remembered:
                self.memory.remember(desc, source)
        rule = f"{step.rule}+{desc.rule}"
        for stance, extra in step.stances:
            self.add(desc.kind, stance, source, cue, rule + extra, carried, step.carries,
                     mention, (desc.evidence, desc.reason))

    def known(self, desc: Descriptor, source: Span) -> Descriptor | None:
        """What the article says a bare name is (remembered by its full name, "Hale" for
        "Alan Hale", or shown by its evidence), or a descriptor of kind "none" for a common
        word capitalised only to open its sentence; None when it says nothing more."""
        office = self.memory.office_of(desc, source.start)
        if office is not None:  # "Ruiz, the founder of ..." after "President Ana Ruiz"
            return office
        if not desc.names or not (desc.bare or desc.how in LOOKUP_HOWS):
            return None
        known = self.memory.lookup(desc.names, source.start)
        if known is not None and known.how == "evidence" and desc.how not in _UNDESCRIBED:
            known = None  # its own words describe it ("Gov. Ana Ruiz")
        if known is not None:
            return Descriptor(known.kind, known.rule, desc.person or known.person,
                              known.names or desc.names, how=known.how,
                              evidence=known.evidence, reason=known.reason)
        return self.memory.common_word(desc, source.start)

    def resolve(self, step: Step) -> Entry | None:
        """The earlier speaker a pronoun or a back-reference stands for."""
        desc = step.desc
        if desc.how != "pronoun" or step.antecedent is None:
            narration = (None if self.narration is None
                         else (self.narration.start, self.narration.end))
            return self.memory.refers_to(desc, self.base + step.source[0], narration)
        sub_desc, offsets = step.antecedent
        span = self.span(offsets)
        known = self.known(sub_desc, span)  # "Mr Robinson" after "First Minister Robinson"
        if known is not None and known.kind != NONE:
            sub_desc = known
        return Entry(sub_desc.kind, span, sub_desc.person, sub_desc.names, span.text.lower(),
                     sub_desc.how, sub_desc.evidence, sub_desc.reason)

    def fallback(self, desc: Descriptor, source: Span) -> Descriptor | None:
        """A back-reference with nobody to refer to speaks for its own head noun."""
        if desc.how != "backref":
            return None
        own = classify(source.text.split()[-1], self.rules, self.registry, self.outlet)
        if own is None or own.kind in (CARRIED, NONE):
            return None
        return with_modifiers(own, self.rules, source.text)

    def continuation(
        self, previous: tuple[int, Sentence, Entry | None], index: int, opened: bool
    ) -> list[Attribution]:
        """An untagged quotation that goes on from the previous sentence's speaker.

        ``opened``: the sentence starts inside a quotation an earlier sentence left open ("He
        said: “We will win. The voters are with us.”"), across a paragraph break too.
        """
        entry = previous[2]
        if entry is None or not _continues(self.text, self.rules, previous, self.sentence,
                                           index, opened):
            return []
        self.memory.touch(entry)
        self.carrier = True
        kind: Speaker = entry.kind  # type: ignore[assignment]
        cue = self.span((0, 1))
        said = Attribution(kind, "asserts", entry.span, cue, self.rules.continuation.id, True,
                           entry.reason, evidence=_shown(self.text, entry))
        return _per_stance(said, self.rules, self.sentence.text)
