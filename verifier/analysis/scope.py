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
from typing import Any

from verifier.errors import ConfigError

SCOPES = ("relative", "noun-complement", "noun-phrase", "coordination", "reported-would")
_I = re.IGNORECASE
#: ", who ... ," and the like: a non-restrictive relative clause (its own commas included).
#: The characters a noun-complement clause does not cross.
_STOPS = ",;:\"“”"
_COMMA_RELATIVE = re.compile(r",\s*(?:who|which|whose|whom|where)\b[^,;]*(?:,|$)", _I)


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
    tail = re.compile(
        rf"(?<=[\w,])\s+(?:{_alt(_words(rule, 'pronouns', where))})\s+"
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
    tail = re.compile(
        rf"\b(?:{_alt(_words(rule, 'nouns', where))})\s+that\b[^,;:\"“”]*$", _I
    )
    # an indirect question ("declined to comment on whether X would ...") asserts nothing
    question = re.compile(rf"\b(?:{_alt(_words(rule, 'questions', where))})\b[^,;:\"“”]*$", _I)

    def test(text: str, start: int, end: int) -> bool:
        head = text[:start]
        # The match runs to the end without these characters: search after the last one.
        after = max(head.rfind(c) for c in _STOPS) + 1
        if "that" in head[after:].lower() and tail.search(head, after) is not None:
            return True
        return "whether" in head[after:].lower() and question.search(head, after) is not None

    return test


def _noun_phrase(rule: dict[str, Any], where: str) -> Callable[[str, int, int], bool]:
    adjectives = {w.lower() for w in _words(rule, "adjectives", where)}
    tail = re.compile(
        rf"(?:\b(?:{_alt(_words(rule, 'determiners', where))})|\w['’]s)\s+"
        r"(?:(?:most|more|very|highly|less|least|quite)\s+)?$",
        _I,
    )

    def test(text: str, start: int, end: int) -> bool:
        words = text[start:end].split()
        if not words or words[-1].lower() not in adjectives:
            return False
        return tail.search(text[:start]) is not None

    return test


def _coordination(rule: dict[str, Any], where: str) -> Callable[[str, int, int], bool]:
    after_comma = _alt(_words(rule, "after_comma", where))
    bare = _alt(_words(rule, "bare", where))
    starts = _alt(_words(rule, "clause_starts", where))
    not_after = re.compile(rf"(?:{_alt(_words(rule, 'not_after', where))})\b", _I)
    breaks = re.compile(
        rf"[,;]\s*(?P<w1>(?:{after_comma})\b)|;|\s(?P<w2>(?:{bare}))\s+(?=[\"“‘]?(?:{starts})\b)",
        _I,
    )

    def test(text: str, start: int, end: int) -> bool:
        masked: list[tuple[int, int]] | None = None
        for match in breaks.finditer(text, 0, end):
            at = match.start()
            if at >= start:
                break
            if len(text[:at].split(None, 1)) < 2:  # fewer than two words before it
                continue
            if masked is None:
                masked = [(m.start(), m.end()) for m in _COMMA_RELATIVE.finditer(text, 0, start)]
            if any(a <= at < b for a, b in masked):
                continue
            word = match.start("w1") if match.group("w1") else match.start("w2")
            if word >= 0 and not_after.match(text, word):
                continue
            return True
        return False

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
        if not (cue.startswith("would") or cue.startswith(("'d", "’d"))):
            return False
        opened = _in_quote(text, start)
        found = None
        for found in reporting.finditer(text, 0 if opened is None else opened + 1, start):  # noqa: B007
            pass
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
        where = f"{lexicon}.yaml: rule {rule['id']!r}"
        factory = _FACTORIES.get(rule.get("scope", ""))
        if factory is None:
            raise ConfigError(f"{where}: field 'scope' must be one of {', '.join(SCOPES)}")
        checks.append(_Check(rule["id"], factory(rule, where)))
    return Scopes(tuple(checks))
