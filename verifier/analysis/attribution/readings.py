"""Refusals and denials read compositionally: closed word classes composed into readings.

A refusal is a party and a head from a few closed classes (guide 2): not speaking ("would not
discuss", "was not in a position to say"), not knowing ("was unaware of", "had no
information", "had heard nothing"), putting it off ("no decision has been taken", "in due
course", "too early to say"); a denial is a report, or the words standing for it, said to be
false ("that's false", "the claims are totally without foundation") or to have nothing behind
it ("there is no truth in", "nothing to back up"). The wordings vary in negation, tense,
modal, adverb and object; listing each is what did not carry to new text. So the classes are
data (``data/lexicons/stance_readings.yaml``), and each reading there is a short sequence of
slots naming them; this module composes the sequence into one pattern and hands it to the
attribution lexicon as an ordinary rule: a ``content`` rule (what a speaker's words do), a
``frame`` (a cue whose speaker is the subject before it) or a ``passive`` rule (words with no
speaker, the source themselves). The rule id is the reading's, so every label it makes names
the reading in its evidence. One rule of type ``quotation`` composes words of absence the
same way for ``quotations.py`` (a quotation's denial going on in its other sentences) and
makes no rule of the lexicon.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from typing import Any, Literal

from verifier.errors import ConfigError
from verifier.rules.class_files import check_word_forms
from verifier.rules.lexicon import load_data, rule_where
from verifier.rules.regex_gate import group_end
from verifier.rules.schema import Examples, Pattern, load_rules
from verifier.vocab import StanceName

READINGS = "stance_readings"

#: One slot of a composition (the header of ``stance_readings.yaml`` lists them): a class name
#: with an optional quantifier, a gap, the end, a class that must not follow (``!``, ``-``),
#: the class just before the match (``<``) or one that must not be (``^``), or where the words
#: that must follow, not held by the match, start (``>``).
_SLOT = re.compile(
    r"(?P<name>[a-z_]+)(?P<quantity>[?*]?)|~(?P<gap>[1-9])|(?P<end>\$)|!(?P<not>[a-z_]+)"
    r"|<(?P<after>[a-z_]+)|\^(?P<notafter>[a-z_]+)|-(?P<notword>[a-z_]+)|(?P<ahead>>)")
#: The slots built from several classes rather than named by one.
_NEG = "neg"
_NEG_TOLD = "neg_told"
#: A gap's word: no punctuation between the words a gap skips, but a word may be quoted
#: ("dismissed as “nonsense” reports").
_GAP_WORD = r"[\"“‘']?[\w'’-]+[\"”’']?"
#: Between two slots: white space, or none before a word written onto the last ("that's");
#: a quotation mark may close the word before and open the next (a word quoted is still the
#: word: "the claims were “laughable”", "'false' and 'malicious' rumours").
_JOIN = r"(?:[\"”’']?\s+[\"“‘']?|(?=['’]))"
#: Either apostrophe (the one written stands for both).
_APOSTROPHE = re.compile("['’]")
#: Where a word of a slot ends: no word goes on after it ("elaborate" is not the start of
#: "elaborated"; a class matches its own forms, whole, and no longer word, at every slot).
_WHOLE = r"(?![\w-])"
#: Where a clause ends, besides the words of the class ``clause_end``.
_END_MARKS = r"[.,;:!?\"“”’')\]—–]"


@dataclass(frozen=True, slots=True)
class _ComposedRule:
    """The keys every rule of ``stance_readings.yaml`` has: its id and type (each rule type
    narrows ``type`` to its own name), the stance it reads, the classes it composes
    (``compose``) and its examples."""

    id: str
    type: str
    stance: StanceName
    compose: tuple[str, ...]
    examples: Examples


@dataclass(frozen=True, slots=True)
class ReadingRule(_ComposedRule):
    """A reading: the classes it composes (``compose``), what the words do (``stance``), and
    where the party is: in the words it reads (a ``content`` rule), or the subject before
    them (``frame: true``)."""

    type: Literal["reading"]
    #: the words are a cue whose speaker is the subject before it, not a speaker's words
    frame: bool = False
    #: the words have no speaker: they are the source themselves ("calls to the ministry went
    #: unanswered"), like the lexicon's ``passive`` rules
    passive: bool = False


@dataclass(frozen=True, slots=True)
class QuotationRule(_ComposedRule):
    """What a quotation of several sentences does as a whole (``quotations.py``): where one
    of its sentences takes ``stance``, its other sentences that negate take it too; a
    negation is one of the lexicon's ``negation`` rules (a negated event) or a word of the
    classes ``compose`` names (words of absence that are their own head: "zero interest",
    "nothing else there")."""

    type: Literal["quotation"]
    #: the ids of the lexicon's ``negation`` rules it reads (none: every one)
    negations: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class _PartyStanceRule:
    """The keys of the rules that carry a party's stance to its negations (``quotations.py``:
    ``party``, ``clause``, ``insistence``, ``headline``): id, type, stance and examples as a
    composed rule's; only a ``party`` rule composes words of absence (``compose``): the others
    read the lexicon's negations alone, so a ``compose`` there is an unknown field, not words
    silently never read."""

    id: str
    type: str
    stance: StanceName
    examples: Examples
    #: the ids of the lexicon's ``negation`` rules it reads (none: every one)
    negations: tuple[str, ...] = ()
    #: a class of words after which a negation is not read: what the party wants or will
    #: take ("wants no revenge", "will accept no interference") is its own stance
    not_after: str = ""


@dataclass(frozen=True, slots=True)
class PartyRule(_PartyStanceRule):
    """What a party's stance does over the whole article (``quotations.py``): where a party
    takes ``stance`` in one sentence (a denial of a report, by any rule), its assertions in
    the article's other sentences that negate take it too, as a quotation's do (a negation
    is one of the lexicon's ``negation`` rules, or a word of the classes ``compose`` names).
    The party is known by the last word of its source words or the initials of a name of
    several capitalised words, so a pronoun or a back-reference carrying it, or its
    acronym, is the same party."""

    type: Literal["party"]
    #: the classes of its words of absence (required: keyword-only, as it follows the
    #: optional keys of the base)
    compose: tuple[str, ...] = field(kw_only=True)
    #: false: a negation in a clause coordinated after another of the words ("the tender
    #: stays open and no offers will be read before June") is not read: the first clause
    #: says what the words are
    coordinated: bool = True


@dataclass(frozen=True, slots=True)
class ClauseRule(_PartyStanceRule):
    """What a party's stance does in its own sentence (``quotations.py``): where a party
    takes ``stance`` there (a denial, by any rule), its assertion in another clause of the
    sentence that negates (one of the lexicon's ``negation`` rules) is part of that stance,
    no assertion besides it: "denied the report, saying no such request had been made"
    yields the denial alone (guide 1: a party's own kind only when it asserts something
    else there)."""

    type: Literal["clause"]


@dataclass(frozen=True, slots=True)
class InsistenceRule(_PartyStanceRule):
    """What a party's reporting verb does to its words (``quotations.py``): a party that
    insists, maintains or reiterates (a verb of the class ``cues`` names) holds a position
    against a contrary account, so where its words negate an event (one of the lexicon's
    ``negation`` rules) they take ``stance``: "the firm insisted it had no plans to cut the
    route" denies the cuts said to come."""

    type: Literal["insistence"]
    #: the class of the reporting verbs read (required: keyword-only, as it follows the
    #: optional keys of the base)
    cues: str = field(kw_only=True)


@dataclass(frozen=True, slots=True)
class HeadlineRule(_PartyStanceRule):
    """What a party's words do in the article's headline (``quotations.py``, session 27): a
    headline that gives a party's words negating an event ("Ministry: no cholera in the
    city", "Club says coach not leaving") compresses the party's answer to a report, so the
    negation (one of the lexicon's ``negation`` rules) takes ``stance``; the same words in
    the article's body stay the party's assertion unless another rule reads them."""

    type: Literal["headline"]


#: The rule types of ``stance_readings.yaml`` and their schemas.
SCHEMAS: dict[str, type[Any]] = {"reading": ReadingRule, "quotation": QuotationRule,
                                 "party": PartyRule, "clause": ClauseRule,
                                 "insistence": InsistenceRule, "headline": HeadlineRule}


@dataclass(frozen=True, slots=True)
class Quotation:
    """The quotation rule compiled: its id, the stance that goes on, and its words of
    absence (on lower-cased text; None: a rule that reads the lexicon's negations alone)."""

    id: str
    stance: StanceName
    absence: re.Pattern[str] | None
    #: the ids of the ``negation`` rules that read a negation (empty: every one)
    negations: frozenset[str] = frozenset()
    #: whether a negation in a clause coordinated after another is read
    coordinated: bool = True
    #: the words after which a negation is not read (ending at the negation), or None
    not_after: re.Pattern[str] | None = None
    #: the reporting verbs read (an ``insistence`` rule's), or None
    cues: re.Pattern[str] | None = None


def _phrase(words: str) -> str:
    """One word or phrase of a class as a pattern: white space any run of it, both
    apostrophes alike."""
    parts = []
    for word in words.split():
        parts.append(_APOSTROPHE.sub("['’]", re.escape(word.lower())))
    return r"\s+".join(parts)


def _alternation(words: list[str]) -> str:
    """A class as one alternation, longest first (deterministic order)."""
    return "(?:" + "|".join(_phrase(w) for w in sorted(sorted(words), key=len,
                                                          reverse=True)) + ")"


def _classes(where: str) -> dict[str, list[str]]:
    raw = load_data(READINGS).get("classes")
    if not isinstance(raw, dict):
        raise ConfigError(f"{where}: expected a mapping 'classes'")
    classes: dict[str, list[str]] = {}
    for name, words in raw.items():
        if not isinstance(words, list) or not words or not all(
                isinstance(w, str) and w.strip() for w in words):
            raise ConfigError(f"{where}: class {name!r}: expected a list of words")
        check_word_forms([str(w) for w in words], f"{where}: class {name!r}")
        classes[str(name)] = [str(w) for w in words]
    return classes


def _negated(classes: dict[str, list[str]], where: str, slot: str) -> str:
    """The ``neg`` slot: an auxiliary negated ("would not", "didn't", "has never"), a fused
    form ("won't", "cannot"), or a negator alone ("we never comment", "we're not aware").
    The ``neg_told`` slot, for a party the words are told of: an auxiliary of class
    ``told_aux`` negated (what it did or does, not what it should do: "the judges shouldn't
    weigh in" is no refusal), or a fused form; no negator alone ("Why not just say ...")."""
    aux_class = "aux" if slot == _NEG else "told_aux"
    for name in (aux_class, "negator", "negated_forms"):
        if name not in classes:
            raise ConfigError(f"{where}: slot {slot!r} needs the class {name!r}")
    aux, negator = _alternation(classes[aux_class]), _alternation(classes["negator"])
    fused = _alternation(classes["negated_forms"])
    alone = f"|{negator}" if slot == _NEG else ""
    return rf"(?:{aux}(?:\s+{negator}|n['’]t)|{fused}{alone})"


def _after(words: list[str]) -> str:
    """A lookbehind: right after one word or phrase of a class and one space (each its own
    fixed-width lookbehind)."""
    return "(?:" + "|".join(
        f"(?<=(?<![\\w'’-]){_phrase(w).replace(chr(92) + 's+', ' ')} )"
        for w in sorted(sorted(words), key=len, reverse=True)) + ")"


def _not_after(words: list[str]) -> str:
    """A negative lookbehind: not right after one word or phrase of a class and one space."""
    return "".join(
        f"(?<!(?<![\\w'’-]){_phrase(w).replace(chr(92) + 's+', ' ')} )"
        for w in sorted(sorted(words), key=len, reverse=True))


#: How the lookbehinds of a ``<`` slot open a composed pattern (``_after``).
_AFTER_OPENS = "(?:(?<="


def scan_form(pattern: str) -> str:
    """A composed pattern as a scan over a whole text runs it: the words after a ``<`` slot
    looked for first (a look-ahead), so that slot's lookbehinds (one for each word of its
    class) are tried only where those words are, not at every word of the text. The same
    matches: both parts are tried at the same position and neither takes characters the other
    reads. (The content readings' scan in ``_content_stances``: half its time.)"""
    if not pattern.startswith(_AFTER_OPENS):
        return pattern
    end = group_end(pattern)
    if end is None:
        raise ValueError(f"no group opens {pattern[:40]!r}")
    return f"(?={pattern[end:]}){pattern[:end]}{pattern[end:]}"


def compose(slots: tuple[str, ...], classes: dict[str, list[str]], where: str) -> str:
    """The pattern a reading's slots compose (lower-case text, whole words). ``<NAME`` opens
    it: the words right after one of class NAME, which the match does not hold (the party's
    pronoun before its verb group: the match is the verb group, like the lexicon's own
    content rules'). ``>`` between two slots makes the slots after it words that must follow,
    which the match does not hold either (a dismissal's report: the cue is the verb)."""
    if not slots:
        raise ConfigError(f"{where}: field 'compose': no slots")
    composition = _Composition(classes, where, last=len(slots) - 1)
    for number, slot in enumerate(slots):
        composition.add(number, slot)
    return composition.pattern_made()


class _Composition:
    """A reading's pattern as its slots are added one by one (``compose``)."""

    def __init__(self, classes: dict[str, list[str]], where: str, *, last: int) -> None:
        self.classes = classes
        self.where = where
        self.last = last  # the number of the last slot
        self.pattern = ""
        self.opened = False  # whether a word has been matched (the next slot joins onto it)
        self.ahead = -1  # where the words that must follow, not held, start in ``pattern``
        self.ahead_required = False  # whether a required word follows the ``>``

    def error(self, message: str) -> ConfigError:
        return ConfigError(f"{self.where}: field 'compose': {message}")

    def add(self, number: int, slot: str) -> None:
        """Add slot ``number`` (the kinds of ``_SLOT``)."""
        match = _SLOT.fullmatch(slot)
        if match is None:
            raise self.error(f"{slot!r} is no slot")
        kind = match.lastgroup  # ("quantity" for a class's name, with or without one)
        if kind in ("end", "not", "notword", "gap") and not self.opened:
            raise self.error(f"{slot!r} follows a word")
        if kind == "ahead":
            self.words_ahead(number)
        elif kind in ("after", "notafter"):
            self.first_after(number, slot, match.group(kind), negative=kind == "notafter")
        elif kind == "end":
            self.clause_ends(number)
        elif kind in ("not", "notword"):
            self.not_followed(slot, match.group(kind), by_more_words=kind == "not")
        elif kind == "gap":
            self.pattern += f"(?:\\s+{_GAP_WORD}){{0,{match.group('gap')}}}"
        else:
            self.word(match.group("name"), match.group("quantity"))

    def words_ahead(self, number: int) -> None:
        """``>``: the slots after it are words that must follow, not held by the match."""
        if not self.opened or self.ahead >= 0 or number == self.last:
            raise self.error("'>' once, between words")
        self.ahead = len(self.pattern)

    def first_after(self, number: int, slot: str, name: str, *, negative: bool) -> None:
        """``<NAME`` (``^NAME``, ``negative``): the match starts right after a word of class
        NAME (not right after one)."""
        if number != 0 or name not in self.classes:
            raise self.error(f"{slot!r}: only first, a class")
        self.pattern = (_not_after if negative else _after)(self.classes[name])

    def clause_ends(self, number: int) -> None:
        """``$``: the clause ends here (a mark, or a word of class ``clause_end``)."""
        if number != self.last:
            raise self.error("'$' ends the composition")
        ends = _alternation(self.classes.get("clause_end", ["and"]))
        self.pattern += rf"(?=\s*(?:{_END_MARKS}|$)|\s+{ends}(?![\w'’-]))"

    def not_followed(self, slot: str, name: str, *, by_more_words: bool) -> None:
        """``!NAME``: no word of class NAME follows with more words after it ("can't say that
        he ...", not "can't go into that."); ``-NAME`` (not ``by_more_words``): none follows."""
        if name not in self.classes:
            raise self.error(f"{slot!r}: no such class")
        words = _alternation(self.classes[name])
        self.pattern += (rf"(?!\s+{words}\s+[\w'’])" if by_more_words
                         else rf"(?!\s+{words}(?![\w'’-]))")

    def word(self, name: str, quantity: str) -> None:
        """A word of class ``name`` (``neg``, ``neg_told``: a negated auxiliary), optional
        (``?``) or repeated (``*``) when ``quantity`` says so."""
        if name in (_NEG, _NEG_TOLD):
            body = _negated(self.classes, self.where, name)
        elif name in self.classes:
            body = _alternation(self.classes[name])
        else:
            raise self.error(f"no class {name!r}")
        body += _WHOLE
        if self.ahead >= 0 and not quantity:
            self.ahead_required = True
        if self.opened:
            # (a word written onto the one before it, "that's", joins with no space)
            self.pattern += f"(?:{_JOIN}{body}){quantity}"
        elif quantity:  # optional before the first word: it brings its own join
            self.pattern += f"(?:{body}{_JOIN}){quantity}"
        else:
            self.pattern += body
            self.opened = True

    def pattern_made(self) -> str:
        """The pattern of the slots added (at least one of them a required word)."""
        if not self.opened:
            raise self.error("no slot is required")
        if self.ahead >= 0:
            if not self.ahead_required:
                # (optional words only: the look-ahead holds everywhere, the slots never bind)
                raise self.error("'>': no required word after it")
            # (the cue is the words before it: as long as a lexicon rule's on the same verb,
            # which, listed first, wins)
            return f"{self.pattern[: self.ahead]}(?={self.pattern[self.ahead :]})"
        return self.pattern


#: The classes the slots built from several classes read (``_negated``).
_SLOT_CLASSES = {_NEG: ("aux", "negator", "negated_forms"),
                 _NEG_TOLD: ("told_aux", "negator", "negated_forms")}
#: The classes read by name besides the rules' slots: ``lead_in`` (``lead_in``), and
#: ``clause_end`` (the ``$`` slot; its absence is no error, a clause then ends at "and").
_NAMED_CLASSES = ("lead_in", "opener", "clause_end")


def _classes_read(rule: Any) -> set[str]:
    """The classes a rule reads: its slots' (``compose``) and its fields' (``not_after``,
    ``cues``)."""
    read = {str(getattr(rule, key)) for key in ("not_after", "cues") if getattr(rule, key, "")}
    for slot in getattr(rule, "compose", ()):
        match = _SLOT.fullmatch(slot)
        if match is None:
            continue  # (``compose`` says what is wrong with it)
        for kind in ("name", "not", "after", "notafter", "notword"):
            name = match.group(kind)
            if name:
                read.update(_SLOT_CLASSES.get(name, (name,)))
    return read


def check_classes_read(rules: Any, classes: dict[str, list[str]]) -> None:
    """Every class is read by a rule or by name (``_NAMED_CLASSES``): a class no slot or field
    names is words that never match anything, an error rather than silently dead."""
    read = set(_NAMED_CLASSES).union(*(_classes_read(rule) for rule in rules))
    unread = sorted(set(classes) - read)
    if unread:
        raise ConfigError(f"{READINGS}.yaml: class {unread[0]!r}: no rule reads it (no slot "
                          "or field names it)")


def _named_class(name: str) -> re.Pattern[str]:
    """One of ``_NAMED_CLASSES`` as a pattern of whole words (required in the file)."""
    classes = _classes(f"{READINGS}.yaml")
    if name not in classes:
        raise ConfigError(f"{READINGS}.yaml: class {name!r} is required")
    return re.compile(_alternation(classes[name]) + r"(?![\w'’-])", re.IGNORECASE)


@cache
def lead_in() -> re.Pattern[str]:
    """The words that open a lead-in clause before a speaker ("When contacted, the club said
    ...", "Asked about the report, she said ..."): the class ``lead_in``. Such a clause is no
    quotation a tag ("..., X said") ends: the speaker's words are those after the cue."""
    return _named_class("lead_in")


@cache
def opener() -> re.Pattern[str]:
    """The words that open an adverbial opener before a speaker ("On Monday, the minister
    said ...", "However, the spokeswoman said ..."): the class ``opener``. Such a phrase is
    no quotation a tag ends (unlike a noun phrase before the speaker's apposition, "Two
    senators, A and B, said ..."): the speaker's words are the clause after the cue."""
    return _named_class("opener")


@cache
def reading_rules() -> tuple[Any, ...]:
    """The readings as rules of the attribution lexicon: ``ContentRule``, ``FrameRule`` or
    ``PassiveRule`` (built here so the lexicon compiles them with its own)."""
    from verifier.analysis.attribution.rules import (
        EXAMPLE_LABELS,
        ContentRule,
        FrameRule,
        PassiveRule,
    )

    raw_rules = load_rules(READINGS, SCHEMAS, EXAMPLE_LABELS)
    classes = _classes(f"{READINGS}.yaml")
    check_classes_read(raw_rules, classes)
    built: list[Any] = []
    for raw in raw_rules:
        if not isinstance(raw, ReadingRule):
            continue  # (``quotation_rule``, ``party_rule``, ``clause_rule``, ``insistence_rule``,
            # ``headline_rule``)
        where = rule_where(READINGS, raw.id)
        pattern = Pattern(compose(raw.compose, classes, where))
        if raw.stance == "asserts":
            raise ConfigError(f"{where}: field 'stance': a reading declines or denies")
        if raw.frame and raw.passive:
            raise ConfigError(f"{where}: fields 'frame' and 'passive': one or the other")
        if raw.frame:
            built.append(FrameRule(raw.id, "frame", pattern, raw.examples, raw.stance,
                                   ("left",)))
        elif raw.passive:
            built.append(PassiveRule(raw.id, "passive", pattern, raw.examples,
                                     stance=raw.stance))
        else:
            built.append(ContentRule(raw.id, "content", pattern, raw.stance, raw.examples))
    return tuple(built)


@cache
def quotation_rule() -> Quotation | None:
    """The ``quotation`` rule of ``stance_readings.yaml`` compiled (None: there is none; more
    than one is an error)."""
    return _going_on(QuotationRule, "quotation")


@cache
def party_rule() -> Quotation | None:
    """The ``party`` rule of ``stance_readings.yaml`` compiled, as a quotation rule is (None:
    there is none; more than one is an error)."""
    return _going_on(PartyRule, "party")


@cache
def clause_rule() -> Quotation | None:
    """The ``clause`` rule of ``stance_readings.yaml`` compiled, as a quotation rule is (None:
    there is none; more than one is an error)."""
    return _going_on(ClauseRule, "clause")


@cache
def insistence_rule() -> Quotation | None:
    """The ``insistence`` rule of ``stance_readings.yaml`` compiled, as a quotation rule is
    (None: there is none; more than one is an error)."""
    return _going_on(InsistenceRule, "insistence")


@cache
def headline_rule() -> Quotation | None:
    """The ``headline`` rule of ``stance_readings.yaml`` compiled, as a quotation rule is
    (None: there is none; more than one is an error)."""
    return _going_on(HeadlineRule, "headline")


def _going_on(kind: type[Any], name: str) -> Quotation | None:
    """The one rule of type ``kind`` (``name`` in the file) compiled, or None."""
    from verifier.analysis.attribution.rules import EXAMPLE_LABELS

    found = [r for r in load_rules(READINGS, SCHEMAS, EXAMPLE_LABELS) if isinstance(r, kind)]
    if not found:
        return None
    if len(found) > 1:
        raise ConfigError(f"{READINGS}.yaml: expected at most one rule of type {name!r}")
    raw = found[0]
    where = rule_where(READINGS, raw.id)
    if raw.stance == "asserts":
        raise ConfigError(f"{where}: field 'stance': a {name} goes on declining or denying")
    negations = frozenset(getattr(raw, "negations", ()))
    if negations:
        from verifier.analysis.attribution.rules import rules

        unknown = negations - {n.id for n in rules().negations}
        if unknown:
            raise ConfigError(f"{where}: field 'negations': no negation rule "
                              f"{sorted(unknown)[0]!r}")
    classes = _classes(f"{READINGS}.yaml")
    slots = getattr(raw, "compose", None)
    absence = None if slots is None else re.compile(
        rf"(?<![\w'’-])(?:{compose(slots, classes, where)})(?![\w'’-])")
    not_after = None
    if getattr(raw, "not_after", ""):
        if raw.not_after not in classes:
            raise ConfigError(f"{where}: field 'not_after': no class {raw.not_after!r}")
        not_after = re.compile(rf"(?<![\w'’-]){_alternation(classes[raw.not_after])}\s+\Z")
    cues = None
    if getattr(raw, "cues", ""):
        if raw.cues not in classes:
            raise ConfigError(f"{where}: field 'cues': no class {raw.cues!r}")
        cues = re.compile(rf"{_alternation(classes[raw.cues])}\Z", re.IGNORECASE)
    return Quotation(raw.id, raw.stance, absence, negations,
                     bool(getattr(raw, "coordinated", True)), not_after, cues)
