"""A quotation of several sentences: one speaker's words, and the denial they make.

News copy quotes a speaker over several sentences and tags only one of them ("No deal was
signed. Talks ended in May," the minister said / “That report is false,” she said. “No
letter was ever written.”). The attribution pass carries the speaker over the quotation's
sentences (the ``continuation`` rule's attributions, and a quotation tagged at its end);
this pass reads what the quotation does as a whole, after the article is attributed:

- a *quotation* is a run of sentences one speaker's words join: each sentence after the
  first shares a party's source words (the same offsets) with the one before it, and one of
  the two is an untagged continuation (the ``continuation`` rule's); sentences with no
  attribution between (a non-claim, "Va tamba!", or the reporter's narration a quoted
  paragraph goes on after) do not break it;
- where one of its sentences takes the ``quotation`` rule's stance (``denies``), the
  speaker goes on with it in the quotation's other sentences that negate: one of the
  lexicon's ``negation`` rules before an event's head ("I've never talked to him"), or a
  word of absence that is its own head ("we have zero interest", "there's nothing else
  there"); not in a question, a clause a subordinator opens, or the reporting cue;
- the quotation's other sentences keep their own stance. The guide makes a flat statement
  that the event did not happen a denial "also when the quote spans several sentences";
  the background a denial gives ("I was just with the president in the Oval Office.") is
  the speaker's assertion, as the labelled real articles have it, so a whole quotation is
  not made a denial for one of its sentences. A refusal does not go on either (the rule
  declares only ``denies``): what follows "we do not comment on rumours" is the speaker's
  own account of what it does.

Each denial so made names the ``quotation`` rule (and the negation rule, when one of them
read it) in its chain, and the sentence whose denial it goes on with in its reason.

The ``party`` rule does the same over the whole article for one party: a party that denies
in one sentence (it answers the report there) answers it too where it goes on to negate an
event in another sentence of the article, quoted or not ("The ministry denied the report. It
said no talks had taken place."; the guide: a flat statement that the event did not happen
is a denial when it answers a report or rumour). The party is known by the last word of its
source words, or by the initials of a name of several capitalised words (its acronym; a
carried "he" or "the ministry" holds its first mention's words); another party's negation
stays its assertion, and so do the party's sentences that negate nothing.

The ``insistence`` rule reads a party's reporting verb: one that insists, maintains or
reiterates holds a position against a contrary account, so its words that say the event does
not exist deny it ("the firm insisted it had no changes planned"); emphasis ("stressed") is no
such verb.

The ``clause`` rule reads one party in its own sentence: where it denies there, its assertion
in another clause that negates an event is that denial, no assertion besides it ("refuted the
reports, stating that no such request had been made"; guide 1: a party's own kind only when
it also asserts something else there). The assertion's words are those after its cue up to
the next cue, or those its cue tags before the party; one cue a stance split divides
("confirmed it had met them, but made clear there were no talks") is divided already.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from verifier.analysis.attribution.events import (
    PARTIES,
    asks,
    cue_offsets,
    in_cues,
    is_party,
    negated_event,
    party_name,
    subordinate,
)
from verifier.analysis.attribution.readings import (
    Quotation,
    clause_rule,
    headline_rule,
    insistence_rule,
    party_rule,
    quotation_rule,
)
from verifier.analysis.attribution.rules import Rules, lower
from verifier.analysis.attribution.source_words import quote_spans
from verifier.analysis.results import Attribution, Sentence

#: What each stance a quotation may go on with is called in a reason (``quotation_rule``
#: refuses "asserts").
_ACT = {"denies": "denial", "declines": "refusal"}
#: A quotation: its speaker's source offsets and its sentences' indexes, in order.
Quoted = tuple[tuple[int, int], list[int]]


def _key(a: Attribution) -> tuple[int, int]:
    return a.source.start, a.source.end


def _continues(a: Attribution, continuation: str) -> bool:
    """Whether an attribution is an untagged continuation (the ``continuation`` rule's)."""
    return a.rule.split("+")[0] == continuation


def quotations(result: Sequence[tuple[Attribution, ...]], continuation: str) -> list[Quoted]:
    """The article's quotations of two sentences or more."""
    found: list[Quoted] = []
    keys: set[tuple[int, int]] = set()  # the speakers the current quotation may be of
    indexes: list[int] = []
    last = -1  # the latest sentence with attributions
    for index, row in enumerate(result):
        if not row:
            continue
        # each party's source words, and whether its attribution continues a quotation
        parties = {_key(a): _continues(a, continuation) for a in row if is_party(a)}
        before = {_key(b) for b in result[last] if is_party(b)
                  and _continues(b, continuation)} if last >= 0 else set()
        shared = {k for k, going in parties.items() if k in keys and (going or k in before)}
        if shared:
            keys = shared
            indexes.append(index)
        else:
            if len(indexes) > 1 and len(keys) == 1:
                found.append((next(iter(keys)), indexes))
            keys, indexes = set(parties), [index]
        last = index
    if len(indexes) > 1 and len(keys) == 1:
        found.append((next(iter(keys)), indexes))
    return found


def _spoken(words: str) -> list[tuple[int, int]]:
    """The parts of a sentence that are the speaker's quoted words (the whole of one with
    no double quotation mark: a quotation's untagged sentence)."""
    if not any(mark in words for mark in "\"“”"):
        return [(0, len(words))]
    return quote_spans(words) or [(0, len(words))]


def _negates(sentence: Sentence, cues: list[tuple[int, int]], lexicon: Rules,
             rule: Quotation) -> str | None:
    """The rule chain of a negation in a sentence's quoted words ("" after the quotation
    rule's own id when its words of absence read it), or None."""
    text, low = sentence.text, lower(sentence.text)
    for start, end in _spoken(text):
        negation = negated_event(text, low, start, end, cues, lexicon, rule.negations,
                                 rule.coordinated, rule.not_after)
        if negation is not None:
            return f"+{negation}"
        if asks(text[start:end]):
            continue
        for match in rule.absence.finditer(low, start, end) if rule.absence else ():
            if rule.not_after is not None and rule.not_after.search(low, start, match.start()):
                continue
            if not subordinate(low, match.start(), lexicon) and not in_cues(
                    match.start(), match.end(), cues):
                return ""
    return None


def go_on(sentences: Sequence[Sentence], result: list[tuple[Attribution, ...]],
          lexicon: Rules, headlines: frozenset[int] = frozenset()) -> None:
    """Give a party's assertion the stance its quotation takes where it negates (the
    ``quotation`` rule), the stance its insisting takes where its words negate (the
    ``insistence`` rule), the stance a headline gives its negation (the ``headline`` rule,
    in the sentences ``headlines`` names), then the stance the party takes elsewhere in the
    article (the ``party`` rule); then a party's assertion that negates in the sentence where
    it denies goes into the denial (the ``clause`` rule; ``result`` changed in place)."""
    for rule, apply in ((quotation_rule(), _in_quotations), (insistence_rule(), _insisting)):
        if rule is not None:
            apply(sentences, result, lexicon, rule)
    rule = headline_rule()
    if rule is not None and headlines:
        _in_headlines(sentences, result, lexicon, rule, headlines)
    for rule, apply in ((party_rule(), _across), (clause_rule(), _within)):
        if rule is not None:
            apply(sentences, result, lexicon, rule)


#: A word of four letters or more (what a title-case headline capitalises).
_LONG_WORD = re.compile(r"[^\W\d_][\w'’-]{3,}")


def _title_case(text: str) -> bool:
    """Whether nearly every word of four letters or more is capitalised (a title-case
    headline), three such words at least."""
    words = _LONG_WORD.findall(text)
    return len(words) >= 3 and sum(w[0].isupper() for w in words) >= 0.8 * len(words)


def _in_headlines(sentences: Sequence[Sentence], result: list[tuple[Attribution, ...]],
                  lexicon: Rules, rule: Quotation, headlines: frozenset[int]) -> None:
    """A party's assertion in a headline (a sentence of ``headlines``) takes ``rule``'s stance
    where the headline's words negate an event (not in a cue, a question or a subordinate
    clause): "Health ministry says no Ebola cases in the country" (session 27)."""
    for index in sorted(headlines):
        if index >= len(result):
            continue
        found = result[index]
        if any(a.stance != "asserts" for a in found):
            continue  # (a refusal or denial read already: the headline says what it is)
        asserting = [a for a in found if a.speaker in PARTIES and not a.carried]
        if not asserting:
            continue
        sentence = sentences[index]
        text, low = sentence.text, lower(sentence.text)
        cues = cue_offsets(found, sentence, lexicon.continuation.id)
        # (in a headline written in title case a capital letter marks no name: "Firm Says
        # Breach Not Caused By Hackers")
        shown = low if _title_case(text) else text
        negation = negated_event(shown, low, 0, len(text), cues, lexicon, rule.negations,
                                 rule.coordinated, rule.not_after)
        if negation is None:
            continue
        result[index] = _taking(found, asserting, rule, f"+{negation}",
                                "a headline gives the party's negation: its answer to a "
                                "report")


def _party_keys(a: Attribution) -> frozenset[str]:
    """The names a party goes by in its source words: the last word ("Tom Vale": "vale"),
    and the initials of a name of several capitalised words ("The World Health
    Organization": "who"), which its acronym elsewhere in the article is; and the same of
    the earlier mention its kind was known by (its ``evidence``, up to a comma: "Acme" known
    as "Acme Corporation" is "corporation" too, as its denial there has it)."""
    names = [a.source.text]
    if a.evidence is not None:
        names.append(a.evidence.text.split(",", 1)[0])
    keys = {party_name(a)}
    for name in names:
        words = lower(name).split()
        if words:
            keys.add(words[-1].strip(".,'’\"”"))
        initials = "".join(word[0] for word in _CAPITALISED.findall(name))
        if len(initials) >= 2:
            keys.add(initials.lower())
    keys.discard("")
    return frozenset(keys)


#: A capitalised word of a name (not "The" opening it, nor "of", "and" within it).
_CAPITALISED = re.compile(r"(?<![\w'’-])(?!The\b)[A-Z][a-z]+(?![\w'’-])")


def _across(sentences: Sequence[Sentence], result: list[tuple[Attribution, ...]],
            lexicon: Rules, rule: Quotation) -> None:
    """A party's assertion that negates takes the stance the same party takes in another
    sentence of the article (``rule``: the ``party`` rule)."""
    taking: dict[str, list[int]] = {}
    for index, found in enumerate(result):
        for a in found:
            if a.stance == rule.stance and a.speaker in PARTIES:
                for key in _party_keys(a):
                    taking.setdefault(key, []).append(index)
    if not taking:
        return

    def elsewhere(a: Attribution, index: int) -> list[int]:
        return sorted({i for key in _party_keys(a) for i in taking.get(key, ()) if i != index})

    for index, found in enumerate(result):
        if any(a.stance == rule.stance for a in found):
            continue
        asserting = [a for a in found if a.stance == "asserts" and a.speaker in PARTIES
                     and elsewhere(a, index)]
        if not asserting:
            continue
        sentence = sentences[index]
        chain = _negates(sentence, cue_offsets(found, sentence, lexicon.continuation.id),
                         lexicon, rule)
        if chain is None:
            continue
        nearest = min((i for a in asserting for i in elsewhere(a, index)),
                      key=lambda i: abs(i - index))
        result[index] = _taking(found, asserting, rule, chain,
                                f"goes on with the party's {_ACT[rule.stance]}: "
                                f"“{sentences[nearest].text.strip()}”")


def _own_words(a: Attribution, sentence: Sentence,
               cues: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The words of a sentence that are an assertion's own (offsets in the sentence): those
    after its cue up to the next cue ("denied the report, *saying no request was made*"),
    and those before its speaker when its cue is the first after the speaker and no cue
    comes before ("*No site was targeted*, a spokesman said, describing ...")."""
    start, end = a.cue.start - sentence.start, a.cue.end - sentence.start
    after = min((at for at, _ in cues if at >= end), default=len(sentence.text))
    words = [(end, after)]
    who = a.mention if a.carried and a.mention is not None else a.source
    first, last = who.start - sentence.start, who.end - sentence.start
    if 0 < first < start and min((at for at, _ in cues if at >= last), default=-1) == start \
            and not any(at < first for at, _ in cues):
        words.append((0, first))
    return words


def _speaker_cues(found: tuple[Attribution, ...], sentence: Sentence,
                  continuation: str) -> list[tuple[int, int]]:
    """The cues of a sentence's speakers, which end another speaker's own words: not those
    of a report or hearsay the words name with no speaker of its own (its words its source:
    "clarified that *contrary to reports* there was no incident", "said *rumours* that she
    had quit were false"), which are part of the words that answer it (session 27)."""
    return cue_offsets((a for a in found if a.source != a.cue), sentence, continuation)


def _insisting(sentences: Sequence[Sentence], result: list[tuple[Attribution, ...]],
               lexicon: Rules, rule: Quotation) -> None:
    """A party's assertion whose reporting verb insists (``rule``: the ``insistence`` rule)
    takes the rule's stance where its own words negate an event."""
    assert rule.cues is not None
    for index, found in enumerate(result):
        if any(a.stance == rule.stance for a in found):
            continue
        sentence = sentences[index]
        text, low = sentence.text, lower(sentence.text)
        cues = cue_offsets(found, sentence, lexicon.continuation.id)
        bounds = _speaker_cues(found, sentence, lexicon.continuation.id)
        changed = list(found)
        for number, a in enumerate(found):
            if (a.stance != "asserts" or a.speaker not in PARTIES
                    or rule.cues.fullmatch(lower(a.cue.text)) is None):
                continue
            for start, end in _own_words(a, sentence, bounds):
                negation = negated_event(text, low, start, end, cues, lexicon, rule.negations,
                                         True, rule.not_after)
                if negation is not None:
                    why = (f"“{a.cue.text}” holds a position against another account: its "
                           f"negation is a {_ACT[rule.stance]}")
                    changed[number] = replace(
                        a, stance=rule.stance, rule=f"{a.rule}+{rule.id}+{negation}",
                        reason=f"{a.reason}; {why}" if a.reason else why)
                    break
        result[index] = tuple(changed)


def _within(sentences: Sequence[Sentence], result: list[tuple[Attribution, ...]],
            lexicon: Rules, rule: Quotation) -> None:
    """A party's assertion in the sentence where the same party takes ``rule``'s stance (the
    ``clause`` rule) is part of that stance where its own words negate an event: the
    assertion goes, and the party's denial names the rule, the negation and the words."""
    for index, found in enumerate(result):
        taking = [a for a in found if a.stance == rule.stance and a.speaker in PARTIES]
        if not taking:
            continue
        keys = {key for a in taking for key in _party_keys(a)}
        sentence = sentences[index]
        text, low = sentence.text, lower(sentence.text)
        cues = cue_offsets(found, sentence, lexicon.continuation.id)
        bounds = _speaker_cues(found, sentence, lexicon.continuation.id)
        gone: list[Attribution] = []
        chain, shown = "", ""
        for a in found:
            if (a.stance != "asserts" or a.speaker not in PARTIES
                    or _continues(a, lexicon.continuation.id)
                    or keys.isdisjoint(_party_keys(a))
                    or any(a.cue == t.cue for t in taking)):
                continue  # (one cue's words a stance split divides: divided already)
            for start, end in _own_words(a, sentence, bounds):
                negation = negated_event(text, low, start, end, cues, lexicon, rule.negations,
                                         rule.coordinated, rule.not_after)
                if negation is not None:
                    gone.append(a)
                    chain = chain or f"+{rule.id}+{negation}"
                    shown = shown or text[start:end].strip(" ,;:.\"“”")
                    break
        if not gone:
            continue
        denial = next(a for a in taking if not _party_keys(a).isdisjoint(_party_keys(gone[0])))
        why = f"its own words “{shown}” are the same {_ACT[rule.stance]}, no assertion besides it"
        result[index] = tuple(
            replace(a, rule=f"{a.rule}{chain}", reason=f"{a.reason}; {why}" if a.reason else why)
            if a is denial else a
            for a in found if all(a is not g for g in gone))


def _in_quotations(sentences: Sequence[Sentence], result: list[tuple[Attribution, ...]],
                   lexicon: Rules, rule: Quotation) -> None:
    """A party's assertion that negates takes the stance its quotation takes (``rule``: the
    ``quotation`` rule)."""
    for key, indexes in quotations(result, lexicon.continuation.id):
        taking = [i for i in indexes
                  if any(_key(a) == key and a.stance == rule.stance for a in result[i])]
        if not taking:
            continue
        for index in indexes:
            found = result[index]
            asserting = [a for a in found
                         if _key(a) == key and a.stance == "asserts" and a.speaker in PARTIES]
            if index in taking or not asserting:
                continue
            sentence = sentences[index]
            cues = cue_offsets(found, sentence, lexicon.continuation.id)
            chain = _negates(sentence, cues, lexicon, rule)
            if chain is None:
                continue
            nearest = min(taking, key=lambda i: abs(i - index))
            result[index] = _taking(found, asserting, rule, chain,
                                    f"goes on with its quotation's {_ACT[rule.stance]}: "
                                    f"“{sentences[nearest].text.strip()}”")


def _taking(found: tuple[Attribution, ...], asserting: list[Attribution], rule: Quotation,
            chain: str, why: str) -> tuple[Attribution, ...]:
    """``found`` with each of ``asserting`` taking ``rule``'s stance: ``chain`` (the
    negation's rule chain) after the rule's id, ``why`` after its reason."""
    return tuple(
        replace(a, stance=rule.stance, rule=f"{a.rule}+{rule.id}{chain}",
                reason=f"{a.reason}; {why}" if a.reason else why)
        if a in asserting else a
        for a in found)
