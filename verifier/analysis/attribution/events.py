"""A party's negation of an event another sentence of the article reports: a denial.

"Rumours Ruiz was planning to leave her role circulated this month. ... Ruiz said she has
no plans to step down." The second sentence denies what the first reports, though it holds
no word of denial: its speaker negates the reported event. Sentence by sentence that is an
assertion with a "no" in it, which most such sentences are ("the ministry said no one was
hurt"); what makes it a denial is the report it answers. So this runs over the whole article
after the attributions are made:

- the *reports* are the sentences that carry hearsay or a news organisation's report
  (``unnamed``, ``media``), or that deny or decline; the *rumours* among them are hearsay in
  the phrase's own words ("rumours that", "reportedly"), an outlet's report with no party
  speaking in it, or a denial, refusal or outlet's words naming a report ("denied reports
  that"): a party's refusal or denial naming none ("it is unclear whether") is no rumour;
- a party's assertion (``official``, ``named``, ``unnamed_official``) denies when one of the
  ``negation`` rules negates the event a rumour of another party is about: its head and one
  of its arguments (the words after the head; a passive's subject) both in the rumour ("would
  not *sell* the *stadium*" / "rumours the club will *sell* its *stadium*"; the party that
  named the report in its own denial needs no argument: it goes on denying), or the head
  and the rumour's word in one ``event`` family ("not *quitting*" / "will *step down*"; in a
  family that declares ``counter`` words the family's word may be any other party's saying it
  happened, as for those words: "she will not *resign*" / the ministry's "the director had
  *resigned*", the guide's party that contradicts the claim, session 25; not in the families
  of talks or cases, whose words any political story holds: "never met me", "cases of"), or
  it says the opposite of a family's event holds against any report of it (its ``counter``
  words: "I am still here" / "reports that he had *resigned*", or any other party's words
  that it did: "the minister remains the office holder" / the minister's "I have
  resigned"). A party's refusal denies
  that way as well, beside the refusal ("we have no plans to close the centre and are not
  aware of any plans": declined and denied).
- the report may be in the party's own sentence, in a clause a contrast sets apart ("CNN
  reported that a suspect was arrested, but the police said no arrest had been made"): its
  words are the rumour's, and a negation with no argument of its own answers it by its head;
- no denial: a question, a negation in the reporting cue ("did not mention"), in a clause
  a subordinator opens ("if the coach is not sacked"), of an empty head ("no guarantee"),
  or after a cue of news the party makes ("announced"); a report in which the party itself
  speaks is its own voice, none it answers.

Each denial names its rules in the attribution's chain and the report's word in its reason.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import replace
from itertools import pairwise

from verifier.analysis.attribution.rules import Event, Negation, Rules, lower
from verifier.analysis.results import Attribution, Sentence, Span
from verifier.rules.regex_gate import Gate, gate

#: The speakers whose assertion may be a denial: a party speaking for itself.
PARTIES = frozenset({"official", "named", "unnamed_official"})
#: The kinds of a report (hearsay, another outlet's report).
_REPORTS = frozenset({"unnamed", "media"})
#: A word; a stop ends the negated words (a clause, a quotation, a sentence).
_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_STOP = re.compile(r"[,.;:!?\"“”()\[\]—–]|\s-\s|\b(?:but|and|because|while|although|as)\b")
#: What ends the clause before a negation, looking back ("..., if they don't").
_CLAUSE_START = re.compile(r"[,.;:!?\"“”()\[\]—–]|\s-\s|\b(?:but|and|or)\b")
#: Endings cut before words are compared ("resigning", "resignation", "resigned": "resign").
_ENDINGS = ("ations", "ation", "ings", "ing", "ions", "ion", "ments", "ment", "ed", "es", "s",
            "e")
_STEM = 6
#: The modals and "do" before a negation: the word after it is a verb ("will not *close*").
_MODALS = ("will", "would", "shall", "should", "can", "could", "may", "might", "must", "did",
           "does", "do", "won", "wo")
#: The fewest letters an ending leaves ("coming" stays "comin", not "com" like "comment").
_SHORTEST = 4
#: A verb's endings, and the fewest letters they leave ("buying": "buy"; "being" stays).
_VERB_ENDINGS = frozenset({"ing", "ed"})
_SHORTEST_VERB = 3
#: Doubled consonants a word has of its own ("selling", "passed": "sell", "pass").
_KEPT_DOUBLES = frozenset("lsfzaeiou")


def stem(word: str, forms: Mapping[str, str] | None = None) -> str:
    """A crude stem: an ending cut, then the first six letters ("interested" and
    "interview" apart). A verb's "-ing" or "-ed" may leave three letters ("buying": "buy"),
    and a consonant the ending doubled goes ("quitting", "stepped": "quit", "step"). An
    irregular form of ``forms`` (the lexicon's ``event_verb_forms``) is its base first
    ("sold": "sell")."""
    word = word.lower().strip("'’-")
    if forms:
        word = forms.get(word, word)
    for ending in _ENDINGS:
        shortest = _SHORTEST_VERB if ending in _VERB_ENDINGS else _SHORTEST
        if word.endswith(ending) and len(word) - len(ending) >= shortest:
            word = word[: -len(ending)]
            if (ending in _VERB_ENDINGS and len(word) >= 4 and word[-1] == word[-2]
                    and word[-1] not in _KEPT_DOUBLES):
                word = word[:-1]
            break
    return word[:_STEM]


def _content_words(text: str, low: str, start: int, end: int,
                   skipped: frozenset[str]) -> list[tuple[str, int, int]]:
    """The content words of ``low[start:end]``: (the word, start, end), none of ``skipped``
    and none written with a capital (a name: the parties, not the event)."""
    found = []
    for match in _WORD.finditer(low, start, end):
        word = match.group()
        if len(word) < 3 or word in skipped or text[match.start()].isupper():
            continue
        found.append((word, match.start(), match.end()))
    return found


#: "no" ending the words before a negated event's head; a word after a participle.
_NO_BEFORE = re.compile(r"\bno\s*\Z")
_NOUN_AFTER = re.compile(r"\s+[a-z][\w'’-]*")


def _negated(text: str, low: str, start: int, reach: int,
             lexicon: Rules) -> tuple[str, int, int] | None:
    """The head of the event a negation ending at ``start`` negates: its first content word
    among the next ``reach`` words before the next stop, where it starts and where its clause
    ends; None when there is none or it negates no event ("no guarantee", "not only"). After
    "no", an empty head ending in "-ed" with a word after it is a participle modifying that
    word ("no confirmed cases": the head is "cases"), not the head; and a word with a capital
    right after "no" is the head when no other follows ("there is no Ebola in Ghana": a
    disease, a product, no party), while one before a head modifies it ("no Russian
    troops")."""
    stop = _STOP.search(low, start)
    end = stop.start() if stop is not None else len(low)
    after_no = _NO_BEFORE.search(low, 0, start) is not None
    named = _named_head(text, low, start, end) if after_no else None
    for number, match in enumerate(_WORD.finditer(low, start, end)):
        word = match.group()
        if number >= reach:
            return named
        if word in lexicon.event_empty_heads:
            if after_no and word.endswith("ed") and _NOUN_AFTER.match(low, match.end()):
                continue  # a participle before its noun ("no confirmed cases"): a modifier
            return None
        if len(word) < 3 or word in lexicon.event_function_words or text[
                match.start()].isupper():
            continue
        return word, match.start(), end
    return named


def _named_head(text: str, low: str, start: int, end: int) -> tuple[str, int, int] | None:
    """The word right after "no" at ``start`` when it is written with a capital and is three
    letters or more ("no Ebola"), as a head: where it starts and where its clause ends."""
    match = _WORD.search(low, start, end)
    if match is None or low[start:match.start()].strip() or len(match.group()) < 3:
        return None
    if not text[match.start()].isupper():
        return None
    return match.group(), match.start(), end


def _arguments(text: str, low: str, negation: tuple[int, int], head: tuple[str, int, int],
               reach: int, cues: list[tuple[int, int]], lexicon: Rules) -> frozenset[str]:
    """The stems of the negated event's arguments: the next ``reach`` content words after its
    head (in its clause) and, when the negated verb is a passive ("the *coach* would not be
    sacked", "*16 people* were not arrested") or has no object ("the *library* is not
    closing"), the content words of its subject: its clause before the negation, after any
    reporting cue there."""
    word, at, end = head
    skipped = lexicon.event_function_words | lexicon.event_empty_heads
    forms = lexicon.event_verb_forms
    found = [stem(w, forms) for number, (w, _, _) in enumerate(
        _content_words(text, low, at + len(word), end, skipped)) if number < reach]
    before = [w.group() for w in _WORD.finditer(low, max(0, negation[0] - 12), negation[0])]
    between = [w.group() for w in _WORD.finditer(low, negation[1], at)]
    passive = not lexicon.event_passive_auxiliaries.isdisjoint(between) or (
        before and before[-1] in lexicon.event_passive_auxiliaries
        and word.endswith(("ed", "en")))
    # a verb with no object after it is intransitive: its subject is what the event is
    # about ("the *library* is not closing" / "rumours the council will close the library");
    # a party's own pronoun or name there is skipped like any other (no content word)
    # (a verb form: "-ing", or after a modal; "the election is not *due*" is a state)
    verb = word.endswith("ing") or (before and before[-1] in _MODALS) or low[
        negation[0] : negation[1]].startswith(_MODALS)
    if passive or (not found and verb):
        start = 0
        for stop in _CLAUSE_START.finditer(low, 0, negation[0]):
            start = stop.end()
        for cue_start, cue_end in cues:
            if cue_start < negation[0]:
                start = max(start, cue_end)
        found += [stem(w, forms)
                  for w, _, _ in _content_words(text, low, start, negation[0], skipped)]
    return frozenset(found) - {stem(word, forms)}


def party_name(a: Attribution) -> str:
    """The last word of a speaker's words ("Finance Minister Tom Vale", "Vale": "vale")."""
    words = lower(a.source.text).split()
    return words[-1].strip(".,'’\"”") if words else ""


def _rumour(found: tuple[Attribution, ...], low: str, lexicon: Rules) -> bool:
    """Whether a sentence carries a rumour or a report a party may answer: hearsay in the
    phrase's own words ("rumours that", "reportedly"), a news organisation's report with no
    party speaking in it ("the paper reported that ..."; in "X told CNN" the party speaks),
    or a denial, a refusal or an outlet's words that name a report ("denied reports that",
    "would not comment on speculation that"). A party's denial or refusal naming none ("it
    is unclear whether", "Roe rejected the plan") is its own word, no rumour to answer."""
    if any(a.speaker == "unnamed" and a.source == a.cue and a.stance == "asserts"
           for a in found):
        return True
    if any(a.speaker == "media" for a in found) and not any(
            a.speaker in PARTIES for a in found):
        return True
    return any(a.stance != "asserts" or a.speaker == "media" for a in found) and any(
        word.group() in lexicon.event_report_nouns for word in _WORD.finditer(low))


def subordinate(low: str, at: int, lexicon: Rules) -> bool:
    """Whether the clause a negation at ``at`` is in opens with a subordinator."""
    start = 0
    for stop in _CLAUSE_START.finditer(low, 0, at):
        start = stop.end()
    return any(word.group() in lexicon.event_subordinators
               for word in _WORD.finditer(low, start, at))


class _Reports:
    """The words of the article's reports, by sentence (read on first need)."""

    def __init__(self, sentences: Sequence[Sentence], reports: list[int], rumours: list[int],
                 skipped: frozenset[str], forms: Mapping[str, str] | None = None) -> None:
        self.sentences = sentences
        self.reports = reports
        self.rumours = rumours
        #: of a report that is only parties speaking for themselves (a denial or refusal and
        #: what else they say, no hearsay or outlet's report named): their names
        self.own: dict[int, frozenset[str]] = {}
        #: of a rumour: the names of the parties denying or declining in it
        self.deniers: dict[int, frozenset[str]] = {}
        #: the speakers of the sentence being read (their own denials are no report to it)
        self.speakers: frozenset[str] = frozenset()
        self.skipped = skipped
        #: an irregular verb's forms to its base (``stem``)
        self.forms = forms
        self._stems: dict[int, dict[str, tuple[int, int]]] = {}
        self._low: dict[int, str] = {}
        self.claimed: list[int] = []
        self.claimers: dict[int, frozenset[str]] = {}
        self._by_stem: tuple[list[int], dict[str, list[int]]] | None = None

    def low(self, index: int) -> str:
        """Report sentence ``index`` lower-cased."""
        found = self._low.get(index)
        if found is None:
            found = self._low[index] = lower(self.sentences[index].text)
        return found

    def stems(self, index: int) -> dict[str, tuple[int, int]]:
        """The content-word stems of report sentence ``index`` and where each first is."""
        found = self._stems.get(index)
        if found is None:
            sentence = self.sentences[index]
            low = self.low(index)
            found = {}
            for word, start, end in _content_words(sentence.text, low, 0, len(low),
                                                   self.skipped):
                found.setdefault(stem(word, self.forms),
                                 (sentence.start + start, sentence.start + end))
            self._stems[index] = found
        return found

    def shared(self, index: int, word: str,
               arguments: frozenset[str] | None) -> tuple[int, int] | None:
        """A report (not sentence ``index``) that holds ``word`` (a stem) and, unless
        ``arguments`` is None, one of ``arguments`` (stems) too (a denial of the same speaker
        naming a report needs no argument: the speaker goes on denying): where the word
        is."""
        for other in self._holding(word):
            if other == index or not self.own.get(other, frozenset()).isdisjoint(self.speakers):
                continue
            stems = self.stems(other)
            if (where := stems.get(word)) is not None and (
                    arguments is None or not arguments.isdisjoint(stems)
                    or not self.deniers.get(other, frozenset()).isdisjoint(self.speakers)):
                return where
        return None

    def _holding(self, word: str) -> list[int]:
        """The rumours (in their order) whose stems hold ``word``: ``shared`` looks at no
        other (a stem index of the rumours, built on first need)."""
        if self._by_stem is None or self._by_stem[0] is not self.rumours:
            by_stem: dict[str, list[int]] = {}
            for other in self.rumours:
                for held in self.stems(other):
                    by_stem.setdefault(held, []).append(other)
            self._by_stem = (self.rumours, by_stem)
        return self._by_stem[1].get(word, [])

    def in_family(self, index: int, event: Event, among: list[int]) -> tuple[int, int] | None:
        """A report of ``among`` (not sentence ``index``) that holds a word of ``event``:
        where it is."""
        for other in among:
            if other == index or not self.own.get(other, frozenset()).isdisjoint(self.speakers):
                continue
            low = self.low(other)
            match = event.words.search(low) if _gate_of(event.words).admits(low) else None
            if match is not None:
                start = self.sentences[other].start
                return start + match.start(), start + match.end()
        return None


#: The gate of each negation and event pattern (by the pattern's id, the pattern kept so the
#: id stays its own): words one of which every match holds, tested before the pattern runs.
_GATES: dict[int, tuple[re.Pattern[str], Gate]] = {}


def _gate_of(pattern: re.Pattern[str]) -> Gate:
    found = _GATES.get(id(pattern))
    if found is None or found[0] is not pattern:
        found = _GATES[id(pattern)] = (pattern, gate(pattern))
    return found[1]


def deny_reported_events(
    text: str,
    sentences: Sequence[Sentence],
    result: list[tuple[Attribution, ...]],
    lexicon: Rules,
) -> None:
    """Make a party's assertion a denial where it negates an event another sentence of the
    article reports (``result`` changed in place)."""
    if not lexicon.negations and not lexicon.events:
        return
    reports = [i for i, found in enumerate(result)
               if any(a.speaker in _REPORTS or a.stance != "asserts" for a in found)]
    if not any(result):
        return
    known = _Reports(sentences, reports, [], lexicon.event_function_words,
                     lexicon.event_verb_forms)
    # what another party says happened: a counter statement answers it too ("the minister
    # remains the office holder" / the minister's "I have resigned")
    known.claimed = [i for i, found in enumerate(result) if found]
    known.claimers = {i: frozenset(party_name(a) for a in result[i]) for i in known.claimed}
    known.rumours = [i for i in reports if _rumour(result[i], known.low(i), lexicon)]
    known.deniers = {i: frozenset(party_name(a) for a in result[i] if a.stance != "asserts")
                     for i in known.rumours}
    for i in reports:  # a party's own denial ("Roe ruled out a tax rise") answers nobody
        if not any(a.speaker in _REPORTS for a in result[i]) and not any(
                word.group() in lexicon.event_report_nouns
                for word in _WORD.finditer(known.low(i))):
            known.own[i] = frozenset(party_name(a) for a in result[i] if is_party(a))

    def answering(a: Attribution) -> bool:  # a party's assertion, not news it announces
        return (a.speaker in PARTIES and a.stance == "asserts"
                and lower(a.cue.text).split(" ", 1)[0] not in lexicon.event_announcing_cues)

    def declining(a: Attribution) -> bool:  # a party's refusal may deny as well
        return a.speaker in PARTIES and a.stance == "declines"

    for index, found in enumerate(result):
        if not any(answering(a) or declining(a) for a in found) or any(
                a.stance == "denies" for a in found):
            continue
        sentence = sentences[index]
        known.speakers = frozenset(party_name(a) for a in found if answering(a) or declining(a))
        cues = cue_offsets(found, sentence, lexicon.continuation.id)
        # a report of another party in the sentence itself, in a clause of its own ("CNN
        # reported that a suspect was arrested, but the police said no arrest had been made")
        told = cue_offsets((a for a in found if a.speaker in _REPORTS and a.stance == "asserts"),
                           sentence)
        denial = _denial(sentence, index, cues, known, lexicon, told)
        if denial is None:
            continue
        rules, (start, end) = denial
        why = f"denies what another sentence reports: “{text[start:end]}”"
        # an assertion turns into the denial; a refusal stays and the party denies as well
        # ("we have no plans to close the centre and are not aware of any plans")
        changed: list[Attribution] = []
        for a in found:
            denying = replace(a, stance="denies", rule=a.rule + rules,
                              reason=f"{a.reason}; {why}" if a.reason else why)
            if answering(a):
                changed.append(denying)
            elif declining(a):
                changed.extend((a, denying))
            else:
                changed.append(a)
        result[index] = tuple(changed)


#: What sets a contrasting clause apart in one sentence ("..., but ...", "...; ...").
_CONTRAST = re.compile(r";|\b(?:but|however|while|whereas|although|though)\b")


def _clause_report(text: str, low: str, at: int, told: list[tuple[int, int]],
                   skipped: frozenset[str], forms: Mapping[str, str] | None = None
                   ) -> dict[str, tuple[int, int]]:
    """The content-word stems (and where each is) of the clauses of a sentence that hold a
    report's cue (``told``) and not the negation at ``at``: the report a party answers in
    the same sentence, set apart from its answer by a contrast ("but", "while", ";")."""
    if not told:
        return {}
    bounds = [0, *(m.start() for m in _CONTRAST.finditer(low)), len(low)]
    found: dict[str, tuple[int, int]] = {}
    for start, end in pairwise(bounds):
        if start <= at < end or not any(start <= cue < end for cue, _ in told):
            continue
        for word, a, b in _content_words(text, low, start, end, skipped):
            found.setdefault(stem(word, forms), (a, b))
    return found


def _denial(sentence: Sentence, index: int, cues: list[tuple[int, int]], known: _Reports,
            lexicon: Rules, told: list[tuple[int, int]] | None = None
            ) -> tuple[str, tuple[int, int]] | None:
    """The rule chain of a sentence's denial of a reported event and the report's words it
    answers, if it denies one. A question denies nothing, and neither does a negation in
    the reporting cue itself ("did not mention") or in a clause a subordinator opens ("if
    they don't", "which are not")."""
    text = sentence.text
    if asks(text):
        return None
    low = lower(text)
    for negation, match, head in _negations(text, low, 0, len(text), cues, lexicon):
        arguments = (_arguments(text, low, match.span(), head, negation.argument_reach,
                                cues, lexicon) if negation.argument_reach else None)
        head_stem = stem(head[0], lexicon.event_verb_forms)
        where = known.shared(index, head_stem, arguments)
        if where is not None:
            return f"+{negation.id}", where
        own = _clause_report(text, low, match.start(), told or [],
                             lexicon.event_function_words, lexicon.event_verb_forms)
        # (a negation with no argument of its own, "no arrest had been made", answers
        # the report it is set against by its head alone)
        if head_stem in own and (not arguments or not arguments.isdisjoint(own)):
            at = own[head_stem]
            return (f"+{negation.id}",
                    (sentence.start + at[0], sentence.start + at[1]))
        for event in lexicon.events:
            if event.words.match(low, head[1]) is None:
                continue
            where = known.in_family(index, event, known.rumours)
            if where is None and event.counter is not None:  # (what another party says happened)
                where = known.in_family(index, event, [
                    i for i in known.claimed if known.claimers[i].isdisjoint(known.speakers)])
            if where is not None:
                return f"+{negation.id}+{event.id}", where
    for event in lexicon.events:
        if event.counter is None or not _gate_of(event.counter).admits(low) or (
                event.counter.search(low) is None):
            continue
        where = known.in_family(index, event, known.reports)
        if where is None:
            where = known.in_family(index, event, [
                i for i in known.claimed if known.claimers[i].isdisjoint(known.speakers)])
        if where is not None:
            return f"+{event.id}", where
    return None


def is_party(a: Attribution) -> bool:
    """Whether an attribution is a party's own words (or any refusal or denial), not
    hearsay or a news organisation's report."""
    return a.speaker in PARTIES or a.stance != "asserts"


def cue_offsets(found: Iterable[Attribution], sentence: Sentence,
                continuation: str = "") -> list[tuple[int, int]]:
    """Where each attribution's reporting cue is in its sentence's text; none for an untagged
    quotation going on (rule ``continuation``), whose cue only marks where its words start
    (the first letter of "Nobody came": no reporting cue, the words are all the speaker's)."""
    return [(a.cue.start - sentence.start, a.cue.end - sentence.start) for a in found
            if not continuation or a.rule.split("+")[0] != continuation]


def in_cues(start: int, end: int, cues: list[tuple[int, int]]) -> bool:
    """Whether the words at ``start:end`` overlap one of ``cues`` (a negation in the
    reporting cue itself: "did not mention")."""
    return any(a < end and start < b for a, b in cues)


def asks(words: str) -> bool:
    """Whether words (a sentence, or a speaker's quoted words) ask a question."""
    return words.rstrip(" \"”’'").endswith("?")


def negated_event(text: str, low: str, start: int, end: int, cues: list[tuple[int, int]],
                  lexicon: Rules, only: frozenset[str], coordinated: bool,
                  not_after: re.Pattern[str] | None) -> str | None:
    """The rule of the first negation of an event in ``text[start:end]`` (a speaker's words):
    one of the ``negation`` rules (those of ``only`` when it names any), not in a reporting
    cue, not in a clause a subordinator opens, before a head that names an event ("no
    guarantee" names none); None when there is none, or the words ask a question. With
    ``coordinated`` false, not in a clause coordinated after another ("the tender stays open
    and no offers will be read before June": the first clause says what the words are); not
    right after words ``not_after`` matches (ending where the negation starts)."""
    if asks(text[start:end]):
        return None
    for negation, match, _ in _negations(text, low, start, end, cues, lexicon, only):
        if not coordinated and _coordinated(low, start, match.start()):
            continue
        if not_after is not None and not_after.search(low, start, match.start()):
            continue
        return negation.id
    return None


def _negations(text: str, low: str, start: int, end: int, cues: list[tuple[int, int]],
               lexicon: Rules, only: frozenset[str] = frozenset()
               ) -> Iterator[tuple[Negation, re.Match[str], tuple[str, int, int]]]:
    """Each negation of an event in ``text[start:end]``, rule by rule, with the head of the
    event it negates (``_negated``): one of the ``negation`` rules (those of ``only`` when it
    names any), not in a reporting cue ("did not mention"), not in a clause a subordinator
    opens ("if they don't"), before a head that names an event."""
    for negation in lexicon.negations:
        if only and negation.id not in only:
            continue
        if not _gate_of(negation.pattern).admits(low):
            continue  # (none of the words every match holds: no match)
        for match in negation.pattern.finditer(low, start, end):
            if in_cues(match.start(), match.end(), cues):
                continue
            if subordinate(low, match.start(), lexicon):
                continue
            head = _negated(text, low, match.end(), negation.reach, lexicon)
            if head is not None:
                yield negation, match, head


#: The conjunctions that coordinate a clause after another ("... and that no offers ...").
_COORDINATOR = re.compile(r"\b(?:and|or)\b")


def _coordinated(low: str, start: int, at: int) -> bool:
    """Whether the clause holding the words at ``at`` is coordinated after another clause of
    the words from ``start``: the stop that opens it is "and" or "or"."""
    opening = None
    for stop in _CLAUSE_START.finditer(low, start, at):
        opening = stop
    return opening is not None and _COORDINATOR.fullmatch(opening.group()) is not None


def name_denied_rumours(
    sentences: Sequence[Sentence],
    result: list[tuple[Attribution, ...]],
    lexicon: Rules,
) -> None:
    """A rumour a party denies, named in the denial's sentence with no source of its own
    ("insisted the rumour was baseless", "“All the speculation is rubbish,” he said"), is
    hearsay: an ``unnamed`` attribution besides the denial, as the report a party denies is
    ``media``. None when the sentence already names a report or hearsay (``media``,
    ``unnamed``), or the rumour's words are a speaker's (``result`` changed in place)."""
    rule = lexicon.rumour_object
    if rule is None:
        return
    for index, found in enumerate(result):
        if not any(a.stance == "denies" for a in found) or any(
                a.speaker in _REPORTS and a.stance == "asserts" for a in found):
            continue
        sentence = sentences[index]
        if not rule.gate.admits(sentence.text):
            continue
        for match in rule.pattern.finditer(sentence.text):
            start, end = sentence.start + match.start(), sentence.start + match.end()
            if any(not a.carried and a.source.start < end and start < a.source.end
                   for a in found):
                continue
            words = Span(match.group(), start, end)
            rumour = Attribution("unnamed", "asserts", words, words, rule.id)
            at = next((n for n, a in enumerate(found) if a.cue.start > start), len(found))
            result[index] = (*found[:at], rumour, *found[at:])
            break


#: What may stand before the first speaker of a sentence: an opening quotation mark.
_OPENING = re.compile(r"[\s\"“‘'(\[]*")
#: A tag set after the words it reports: a comma or a dash (and a closing quotation mark)
#: right before the teller's name or cue ("..., said the spokesman", "...,” the paper reported").
_TAG_AFTER = re.compile(r"(?:,|\s[–—-])[\"”’']?\s*\Z")


def tellers_tell(sentences: Sequence[Sentence], result: list[tuple[Attribution, ...]],
                 lexicon: Rules) -> None:
    """A speaker whose reported words open with another speaker's own frame ("President Roe
    dismissed the report as false, *said the spokesman*"; "Ruiz said no deal was signed,
    *according to the Courier*"; "Sources called the rumours baseless, *the Courier
    reported*") only tells what that speaker does: a refusal or denial its content rules read
    in those words is the first speaker's (who keeps its own), not the teller's, who asserts
    (guide 2: label every attribution; the teller is its own kind). Only a stance read from
    the words (a ``content`` rule or a reading in the chain), never the teller's own cue's
    ("X denied it, said Y" is no such case: the cue "said" takes no stance of its own). Then
    an outlet the words are credited to, with no such frame in them, reports them
    (``_outlets_report``). ``result`` changed in place."""
    content = {rule_id for rule_id, _ in lexicon.content_rules.values()}
    for index, found in enumerate(result):
        if len(found) < 2:
            continue
        sentence = sentences[index]
        opening = _OPENING.match(sentence.text)
        first = sentence.start + (opening.end() if opening is not None else 0)
        inner = [a for a in found if not a.carried and a.source.start == first
                 and a.source != a.cue and a.cue.start > a.source.start]
        if not inner:
            continue
        changed: list[Attribution] = []
        for a in found:
            chain = a.rule.split("+")
            told = (a.stance != "asserts" and not a.carried and a.source != a.cue
                    and any(part in content for part in chain[1:])
                    and _TAG_AFTER.search(sentence.text, 0, min(a.source.start, a.cue.start)
                                          - sentence.start) is not None
                    and any(b.source != a.source and b.cue.end <= a.cue.start for b in inner))
            if not told:
                changed.append(a)
                continue
            if any(b.source == a.source and b.cue == a.cue and b.stance == "asserts"
                   for b in found):
                continue  # (its assertion is there already: the stance goes, nothing else)
            kept = [part for part in chain if part not in content]
            why = "tells another speaker's words: their stance is that speaker's"
            changed.append(replace(a, stance="asserts", rule="+".join(kept),
                                   reason=f"{a.reason}; {why}" if a.reason else why))
        result[index] = tuple(changed)
    for index, found in enumerate(result):
        result[index] = _outlets_report(found, content)


#: The frame of a source the words are credited to ("..., according to the Journal").
_ACCORDING_TO = "attr.according_to"


def _outlets_report(found: tuple[Attribution, ...], content: set[str]) -> tuple[Attribution, ...]:
    """A news organisation the words are credited to ("Sprint had made no decision, according
    to the Journal") reports them: a refusal or denial its content rules read in them is the
    party's the report is about, not the outlet's, which is ``media`` (guide 2: a news report
    that carries the claim is media) (session 26)."""
    changed: list[Attribution] = []
    for a in found:
        chain = a.rule.split("+")
        if (a.speaker == "media" and a.stance != "asserts" and not a.carried
                and chain[0] == _ACCORDING_TO and any(part in content for part in chain[1:])):
            if any(b.source == a.source and b.cue == a.cue and b.stance == "asserts"
                   for b in found):
                continue  # (its report is there already: the stance goes, nothing else)
            why = "an outlet credited with the words reports them: the stance is the party's"
            a = replace(a, stance="asserts",
                        rule="+".join(part for part in chain if part not in content),
                        reason=f"{a.reason}; {why}" if a.reason else why)
        changed.append(a)
    return tuple(changed)
