"""Does a hedge belong to the sentence's main claim? The scope checks of the certainty rules.

A closed set of checks, each configured by a ``type: scope`` rule of
``data/lexicons/certainty.yaml`` (its word lists) and reported by that rule's id:

- ``relative``: the hedge sits in a relative clause ("a figure that is expected to grow",
  "The mayor, who may run again, ...");
- ``noun-complement``: in a clause completing a noun ("speculation that the summit may ...");
- ``noun-phrase``: an adjective hedge inside a noun phrase ("the likely winner");
- ``coordination``: after the first main clause ("... at a sensitive stage and may fall apart");
- ``reported-would``: a reported future rather than a conditional ("said the president would
  travel", "would travel ..., according to the report").
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from verifier.errors import ConfigError
from verifier.rules.lexicon import rule_where
from verifier.rules.schema import Examples, build

SCOPES = ("relative", "noun-complement", "noun-phrase", "coordination", "reported-would")
_I = re.IGNORECASE
#: ", who ... ," and the like: a non-restrictive relative clause (its own commas included).
#: The characters a noun-complement clause does not cross.
_STOPS = ",;:\"“”"
_COMMA_RELATIVE = re.compile(r",\s*(?:who|which|whose|whom|where)\b[^,;]*(?:,|$)", _I)


# -- the schemas: one frozen dataclass per scope check; a rule's every key is a field ----------
@dataclass(frozen=True, slots=True)
class RelativeScope:
    """A relative pronoun (and up to two of ``between``) right before the hedge; one of
    ``ambiguous`` (pronouns that are also other words: "that") right after one of
    ``not_after`` is no relative pronoun (a complementiser after a verb of saying, "adding
    that he believes ..."; a demonstrative after a preposition, "to that")."""

    id: str
    type: Literal["scope"]
    scope: Literal["relative"]
    pronouns: tuple[str, ...]
    between: tuple[str, ...]
    examples: Examples
    not_after: tuple[str, ...] = ()
    ambiguous: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class NounComplementScope:
    """A clause completing one of ``nouns`` ("speculation that ..."; a sentence-initial noun
    with its clause and no "that"), or an indirect question opened by ``questions``."""

    id: str
    type: Literal["scope"]
    scope: Literal["noun-complement"]
    nouns: tuple[str, ...]
    subject_modifiers: tuple[str, ...]
    questions: tuple[str, ...]
    examples: Examples
    #: "there <one of these> (two words at most) <noun> that ...": the sentence asserts that
    #: the speculation exists and conveys its content as open ("There had been speculation
    #: that X could be replaced": possible), so the hedge counts
    existential: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class NounPhraseScope:
    """One of ``adjectives`` after one of ``determiners`` or a possessive; or, before "to",
    after a noun phrase that a comma or one of ``postmodified_after`` opens ("according to a
    report likely to raise tensions", "..., a gadget likely to lift sales")."""

    id: str
    type: Literal["scope"]
    scope: Literal["noun-phrase"]
    adjectives: tuple[str, ...]
    determiners: tuple[str, ...]
    examples: Examples
    postmodified_after: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class CoordinationScope:
    """The end of the first main clause: a conjunction, a semicolon, or a colon after a clause
    of ``colon_min_words`` words that holds none of ``colon_not_after``."""

    id: str
    type: Literal["scope"]
    scope: Literal["coordination"]
    after_comma: tuple[str, ...]
    bare: tuple[str, ...]
    clause_starts: tuple[str, ...]
    not_after: tuple[str, ...]
    subordinators: tuple[str, ...]
    colon_min_words: int
    colon_not_after: tuple[str, ...]
    examples: Examples
    #: words opening a sentence with a subordinate clause ("While he may talk about it, the
    #: studio stays silent"): a hedge before that clause's first comma is not the main claim's
    openers: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ReportedWouldScope:
    """A "would" after a reporting word or in a sentence with a report tag, not conditional."""

    id: str
    type: Literal["scope"]
    scope: Literal["reported-would"]
    reporting: tuple[str, ...]
    report_tags: tuple[str, ...]
    conditionals: tuple[str, ...]
    not_conditional_after: tuple[str, ...]
    examples: Examples


SCOPE_SCHEMAS: dict[str, type[Any]] = {
    "relative": RelativeScope,
    "noun-complement": NounComplementScope,
    "noun-phrase": NounPhraseScope,
    "coordination": CoordinationScope,
    "reported-would": ReportedWouldScope,
}


def _words(rule: dict[str, Any], field: str, where: str) -> list[str]:
    value = rule.get(field)
    if not isinstance(value, list) or not value or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{where}: field {field!r} must be a non-empty list of strings")
    return sorted(value, key=len, reverse=True)


def _alt(words: Sequence[str]) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"\s+").replace("'", "['’]") for w in words)


def _in_quote(text: str, pos: int) -> int | None:
    """Where the quotation containing ``pos`` opens, or None outside quotation marks."""
    head = text[:pos]
    if head.count('"') % 2:
        return head.rfind('"')
    opening, closing = head.rfind("“"), head.rfind("”")
    return opening if opening > closing else None


@dataclass(frozen=True, slots=True)
class _Check:
    rule_id: str
    test: Callable[[str, int, int], bool]


def _relative(rule: dict[str, Any], where: str) -> Callable[[str, int, int], bool]:
    # The pronoun follows a word (its noun): a sentence-initial "That would ..." is a subject.
    pronouns = _words(rule, "pronouns", where)
    ambiguous = {w.lower() for w in _words(rule, "ambiguous", where)} if rule.get(
        "ambiguous") else set()
    others = [p for p in pronouns if p.lower() not in ambiguous]
    # an ambiguous one ("that") right after one of ``not_after`` is a complementiser or a
    # demonstrative
    not_after = "".join(
        rf"(?<!\b{re.escape(w)})"
        for w in (_words(rule, "not_after", where) if rule.get("not_after") else [])
    )
    heads = [rf"\s+(?:{_alt(others)})"] if others else []
    if len(others) < len(pronouns):
        heads.append(rf"{not_after}\s+(?:{_alt([p for p in pronouns if p not in others])})")
    tail = re.compile(
        rf"(?<=[\w,])(?:{'|'.join(heads)})\s+"
        rf"(?:(?:{_alt(_words(rule, 'between', where))})\s+){{0,2}}$",
        _I,
    )

    def test(text: str, start: int, end: int) -> bool:
        head = text[:start]
        # A match is a pronoun and at most two more words at the end: search those only.
        words = head.rsplit(None, 3)
        if tail.search(head, len(words[0]) if len(words) == 4 else 0):
            return True
        if "," not in head:  # a clause set off by commas opens with one before the hedge
            return False
        for clause in _COMMA_RELATIVE.finditer(text):
            if clause.start() >= start:
                return False
            if start < clause.end():
                return True
        return False

    return test


def _noun_complement(rule: dict[str, Any], where: str) -> Callable[[str, int, int], bool]:
    nouns = _alt(_words(rule, "nouns", where))
    tail = re.compile(rf"\b(?P<noun>{nouns})\s+that\b[^,;:\"“”]*$", _I)
    # "there had been (recent) speculation that ...": the hedge counts
    existential = re.compile(
        rf"\bthere\s+(?:{_alt(_words(rule, 'existential', where))})\s+(?:[\w-]+\s+){{0,2}}$", _I
    ) if rule.get("existential") else None
    # "Jeremy Fowler reports that ...", "he claims that ...": the word is a verb of saying
    # after its subject (a name or a pronoun), and a hedge of what it reports counts
    verb_subject = re.compile(r"(?:\b(?:he|she|it|who)|(?<=\w)\s+(?-i:[A-Z])[\w.-]*)\s+$", _I)

    def complement(head: str, after: int) -> bool:
        match = tail.search(head, after)
        if match is None:
            return False
        before = head[: match.start()]
        if existential is not None and existential.search(before) is not None:
            return False
        noun = match.group("noun")
        return not (noun.lower().endswith("s") and verb_subject.search(before) is not None)
    # The noun as the sentence's subject with its clause but no "that" ("Speculation the
    # Kremlin may have been involved has been rife"): a clause subject follows the noun.
    subject = re.compile(
        rf"^[\W]*(?:(?:{_alt(_words(rule, 'subject_modifiers', where))})\s+){{0,2}}(?:{nouns})\s+"
        r"(?!that\b)(?:the|a|an|his|her|its|their|this|these|those|he|she|it|they|we|i|"
        r"(?-i:[A-Z])[\w'’-]*)\b"
        # no finite verb before the hedge ("Reports the mayor resigned may be premature": the
        # clause has ended and the hedge is the main verb's)
        r"(?:(?!\s(?:is|are|was|were|has|had|have|will|did|does|\w{3,}ed)\b)[^,;:\"“”])*$",
        _I,
    )
    # Anywhere, the noun with a pronoun subject and no "that" ("fuelling talk she might lose
    # her job", "denied reports it would close"), no finite verb before the hedge.
    pronoun = re.compile(
        rf"\b(?:{nouns})\s+(?:he|she|they|it|we)\b"
        r"(?:(?!\s(?:is|are|was|were|has|had|have|will|did|does|\w{3,}ed)\b)[^,;:\"“”])*$",
        _I,
    )
    # an indirect question ("declined to comment on whether X would ...", "It is unclear how
    # many people may be trapped", "a timeline as to when talks could end") asserts nothing
    question = re.compile(rf"\b(?:{_alt(_words(rule, 'questions', where))})\b[^,;:\"“”]*$", _I)

    def test(text: str, start: int, end: int) -> bool:
        head = text[:start]
        # The match runs to the end without these characters: search after the last one.
        after = max(head.rfind(c) for c in _STOPS) + 1
        if "that" in head[after:].lower() and complement(head, after):
            return True
        if after == 0 and subject.search(head) is not None:
            return True
        if pronoun.search(head, after) is not None:
            return True
        return question.search(head, after) is not None

    return test


#: words of degree that may open an adjective cue ("most likely", "very likely")
_DEGREE = frozenset({"most", "more", "very", "highly", "less", "least", "quite", "all", "in"})


def _noun_phrase(rule: dict[str, Any], where: str) -> Callable[[str, int, int], bool]:
    adjectives = {w.lower() for w in _words(rule, "adjectives", where)}
    tail = re.compile(
        rf"(?:\b(?:{_alt(_words(rule, 'determiners', where))})|\w['’]s)\s+"
        r"(?:(?:most|more|very|highly|less|least|quite)\s+)?$",
        _I,
    )

    # the adjective after a noun phrase that a comma or a preposition opens, before "to": a
    # reduced relative clause ("a report [that is] likely to raise tensions")
    openers = _words(rule, "postmodified_after", where) if rule.get("postmodified_after") else []
    phrase = re.compile(
        rf"(?:,|\b(?:{_alt(openers)})\b)\s+(?:{_alt(_words(rule, 'determiners', where))})\s+"
        # the noun phrase's words: no verb ("turnout in the city is likely to ...")
        r"(?:(?!(?:is|are|was|were|be|been|being|seems?|seemed|appears?|appeared|looks?|"
        r"looked|remains?|remained|becomes?|became)\b)[^\s,.;:]+\s+){1,4}$",
        _I,
    ) if openers else None
    to = re.compile(r"\s+to\s")

    def test(text: str, start: int, end: int) -> bool:
        words = text[start:end].split()
        if not words or words[-1].lower() not in adjectives:
            return False
        # a cue that opens with a verb ("would likely") is no adjective in a noun phrase
        # ("This would likely be done in court": probable, set U, session 19)
        if any(w.lower() not in _DEGREE for w in words[:-1]):
            return False
        if tail.search(text[:start]) is not None:
            return True
        return (phrase is not None and to.match(text, end) is not None
                and phrase.search(text, max(0, start - 120), start) is not None)

    return test


def _coordination(rule: dict[str, Any], where: str) -> Callable[[str, int, int], bool]:
    after_comma = _alt(_words(rule, "after_comma", where))
    bare = _alt(_words(rule, "bare", where))
    starts = _alt(_words(rule, "clause_starts", where))
    not_after = re.compile(rf"(?:{_alt(_words(rule, 'not_after', where))})\b", _I)
    # A colon after a complete clause starts an elaboration ("X published a video: the video
    # was apparently filmed in Africa"), unless it introduces speech or follows a label.
    colon_frames = {w.lower() for w in _words(rule, "colon_not_after", where)}
    colon_words = rule.get("colon_min_words")
    if not isinstance(colon_words, int) or colon_words < 1:
        raise ConfigError(f"{where}: field 'colon_min_words' must be a whole number >= 1")
    subordinators = _alt(_words(rule, "subordinators", where))
    breaks = re.compile(
        rf"[,;]\s*(?P<w1>(?:{after_comma})\b)|;|:(?=\s)|"
        rf"\s(?P<w2>(?:{bare}))\s+(?=[\"“‘]?(?:{starts})\b)|"
        rf"\s(?P<w3>(?:{subordinators}))\s+(?=[\"“‘]?\w)",
        _I,
    )

    openers = _words(rule, "openers", where) if rule.get("openers") else []
    opening = re.compile(rf"[\s\"“‘'(]*(?:{_alt(openers)})\s", _I) if openers else None

    def colon_breaks(text: str, at: int) -> bool:
        head = text[:at]
        if len(head.split()) < colon_words or _in_quote(text, at) is not None:
            return False
        clause = head[max(head.rfind(","), head.rfind(";")) + 1 :]  # the clause before it
        return not any(w.lower().strip("\"'“”‘’") in colon_frames for w in clause.split())

    def test(text: str, start: int, end: int) -> bool:
        masked: list[tuple[int, int]] | None = None
        for match in breaks.finditer(text, 0, end):
            at = match.start()
            if at >= start:
                break
            if len(text[:at].split(None, 1)) < 2:  # fewer than two words before it
                continue
            if text[at] == ":" and not colon_breaks(text, at):
                continue
            if masked is None:
                masked = [(m.start(), m.end()) for m in _COMMA_RELATIVE.finditer(text, 0, start)]
            if any(a <= at < b for a, b in masked):
                continue
            word = next((match.start(g) for g in ("w1", "w2", "w3") if match.group(g)), -1)
            if word >= 0 and not_after.match(text, word):
                continue
            return True
        return opening is not None and bool(opening.match(text)) and "," in text[end:] and (
            "," not in text[:start])

    return test


def _reported_would(rule: dict[str, Any], where: str) -> Callable[[str, int, int], bool]:
    reporting = re.compile(rf"\b(?:{_alt(_words(rule, 'reporting', where))})\b", _I)
    tags = re.compile(rf"\b(?:{_alt(_words(rule, 'report_tags', where))})\b", _I)
    conditional = re.compile(rf"\b(?:{_alt(_words(rule, 'conditionals', where))})\b", _I)
    not_conditional = {w.lower() for w in _words(rule, "not_conditional_after", where)}
    # "said ending the freeze would raise ...", "said any such move would ...", "warned that a
    # shutdown would ...": a hypothetical act as the subject
    hypothetical = re.compile(
        r"\s*(?:that\s+)?(?:[a-z]+ing\s+(?:the|a|an|its|their|his|her|this|these|those|"
        r"[a-z]+s)\b|any\b|such\s+an?\b|(?<=warned\s)(?:that\s+)?(?:an?|another)\b|"
        r"(?<=warned\sthat\s)(?:an?|another)\b|(?<=cautioned\s)(?:that\s+)?(?:an?|another)\b)"
        r"[^,;]*$",
        _I,
    )

    def is_conditional(text: str) -> bool:
        for match in conditional.finditer(text):
            before = text[: match.start()].split()
            if not before or before[-1].lower().strip(",") not in not_conditional:
                return True
        return False

    def test(text: str, start: int, end: int) -> bool:
        cue = text[start:end].lower()
        # the conditional "would" itself, not a longer cue that opens with it ("would likely"
        # is a probability, whatever reports it)
        if cue not in ("would", "'d", "’d"):
            return False
        opened = _in_quote(text, start)
        found = None
        first = len(text) - len(text.lstrip(" \"'“‘("))  # where the first word starts
        for match in reporting.finditer(text, 0 if opened is None else opened + 1, start):
            if match.start() != first:  # a sentence-initial "That salary" is no report
                found = match
        if found is None and (opened is not None or tags.search(text) is None):
            return False
        if found is not None and hypothetical.match(text, found.end(), start):
            return False
        return not is_conditional(text)  # "said she would resign if ...": a conditional

    return test


_FACTORIES: dict[str, Callable[[dict[str, Any], str], Callable[[str, int, int], bool]]] = {
    "relative": _relative,
    "noun-complement": _noun_complement,
    "noun-phrase": _noun_phrase,
    "coordination": _coordination,
    "reported-would": _reported_would,
}


@dataclass(frozen=True, slots=True)
class Scopes:
    """The configured scope checks, tried in file order."""

    checks: tuple[_Check, ...]

    def blocker(self, text: str, start: int, end: int) -> str | None:
        """The id of the scope rule that sets the hedge ``text[start:end]`` aside, if any."""
        for check in self.checks:
            if check.test(text, start, end):
                return check.rule_id
        return None


def compile_scopes(rules: Sequence[dict[str, Any]], lexicon: str) -> Scopes:
    """Build the checks of the ``type: scope`` rules of a lexicon."""
    checks = []
    for rule in rules:
        where = rule_where(lexicon, rule["id"])
        factory = _FACTORIES.get(rule.get("scope", ""))
        if factory is None:
            raise ConfigError(f"{where}: field 'scope' must be one of {', '.join(SCOPES)}")
        build(SCOPE_SCHEMAS[rule["scope"]], rule, where)  # unknown keys, bad values
        checks.append(_Check(rule["id"], factory(rule, where)))
    return Scopes(tuple(checks))
