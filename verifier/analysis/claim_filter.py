"""The claim filter: is a sentence something a fact-checker could check?

Every sentence is a claim unless a rule of ``data/lexicons/claims.yaml`` says it is page
furniture (navigation, bylines, credits, timestamps, links, promotion, copyright, bare labels).
The rules compile into one regular expression with a named group per rule, matched once at the
start of each sentence (rules for short lines only on short sentences; rules gated by a literal
only where it occurs); the group that matched names the decision.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import Any

from verifier.analysis.results import Sentence
from verifier.errors import ConfigError
from verifier.rules.lexicon import load_lexicon
from verifier.rules.regex_gate import first_class

LEXICON = "claims"
#: The claim rule of a sentence no furniture rule matched.
DEFAULT_RULE = "claims.default"
RULE_TYPES = ("line", "prefix", "pattern")


@dataclass(frozen=True, slots=True)
class ClaimDecision:
    """Whether a sentence is a claim, and the id of the rule that decided."""

    claim: bool
    rule: str


#: Rules marked ``short: true`` apply only to sentences up to this many characters.
SHORT_LIMIT = 100


@dataclass(frozen=True, slots=True)
class _Filter:
    short: re.Pattern[str]  # every ungated rule
    long: re.Pattern[str]  # ungated rules not marked short
    gated: tuple[tuple[tuple[str, ...], re.Pattern[str], str], ...]  # (requires, regex, id)
    rule_ids: dict[str, str]

    def decide(self, text: str) -> str | None:
        """The id of the first furniture rule that matches ``text``, or None."""
        pattern = self.short if len(text) <= SHORT_LIMIT else self.long
        found = pattern.match(text)
        if found is not None and found.lastgroup is not None:
            return self.rule_ids[found.lastgroup]
        for requires, regex, rule_id in self.gated:
            for required in requires:
                if required in text:
                    if regex.match(text):
                        return rule_id
                    break
        return None


def _compile_rule(rule: dict[str, Any]) -> str:
    kind = rule["type"]
    where = f"{LEXICON}.yaml: rule {rule['id']!r}"
    if kind in ("line", "prefix"):
        phrases = rule.get("phrases")
        if not isinstance(phrases, list) or not all(isinstance(p, str) for p in phrases):
            raise ConfigError(f"{where}: field 'phrases' must be a list of strings")
        body = "|".join(
            re.escape(p).replace(r"\ ", r"\s+").replace("'", "['’]")
            for p in sorted(phrases, key=len, reverse=True)
        )
        if kind == "line":
            return rf"(?i:[\"'“‘]?(?:{body})[\"'”’]?[\s.!?:]*$)"
        return rf"(?i:(?:{body})(?![^\W\d_]))"
    if kind == "pattern":
        source = rule.get("pattern")
        if not isinstance(source, str):
            raise ConfigError(f"{where}: field 'pattern' must be a string")
        try:
            re.compile(source)
        except re.error as exc:
            raise ConfigError(f"{where}: invalid pattern ({exc})") from None
        flags = "i" if "i" in str(rule.get("flags", "")) else ""
        source = _rest_first(source)
        return f"(?{flags}:{source})" if flags else f"(?:{source})"
    raise ConfigError(f"{where}: type {kind!r} is not one of {', '.join(RULE_TYPES)}")


def _rest_first(source: str) -> str:
    """``(?!X)R`` as ``(?=R)(?!X)R``: the same matches, but the usually cheap test that ``R``
    matches runs before the usually costly one that ``X`` does not (a negative look-ahead
    like ``(?!.*\\b(?:In|To|...)\\b)`` scans the whole sentence)."""
    if not source.startswith("(?!"):
        return source
    end = _group_end(source)
    rest = source[end:] if end is not None else ""
    try:
        if not rest or re.compile(source).groups:  # capturing groups: keep their numbering
            return source
        re.compile(rest)
    except re.error:
        return source
    return f"(?={rest}){source}"


def _group_end(source: str) -> int | None:
    """Where the parenthesised group that opens ``source`` ends (escapes and sets skipped)."""
    depth = 0
    i = 0
    size = len(source)
    while i < size:
        char = source[i]
        if char == "\\":
            i += 2
            continue
        if char == "[":
            i += 1
            if i < size and source[i] == "^":
                i += 1
            if i < size and source[i] == "]":
                i += 1
            while i < size and source[i] != "]":
                i += 2 if source[i] == "\\" else 1
            i += 1
            continue
        if char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
            if depth == 0:
                return i + 1
        i += 1
    return None


@cache
def _filter() -> _Filter:
    short: list[str] = []
    long: list[str] = []
    gated: list[tuple[tuple[str, ...], re.Pattern[str], str]] = []
    ids: dict[str, str] = {}
    for number, rule in enumerate(load_lexicon(LEXICON)):
        source = _compile_rule(rule)
        requires = rule.get("requires")
        if requires is not None:
            if not isinstance(requires, list) or not all(isinstance(r, str) for r in requires):
                raise ConfigError(f"{LEXICON}.yaml: rule {rule['id']!r}: field 'requires' "
                                  "must be a list of strings")
            gated.append((tuple(requires), re.compile(source), rule["id"]))
            continue
        group = f"r{number}"
        ids[group] = rule["id"]
        part = f"(?P<{group}>{source})"
        first = first_class(source)
        if first is not None:  # a sentence that cannot start a match skips the rule at once
            part = f"(?={first}){part}"
        short.append(part)
        if not rule.get("short"):
            long.append(part)
    return _Filter(
        re.compile("|".join(short) or "(?!)"),
        re.compile("|".join(long) or "(?!)"),
        tuple(gated),
        ids,
    )


def decide(text: str) -> ClaimDecision:
    """The claim decision for one sentence's text."""
    rule = _filter().decide(text)
    return ClaimDecision(True, DEFAULT_RULE) if rule is None else ClaimDecision(False, rule)


def classify(sentences: Iterable[Sentence]) -> list[ClaimDecision]:
    """The claim decision for each sentence, in order."""
    flt = _filter()
    claim = ClaimDecision(True, DEFAULT_RULE)
    out: list[ClaimDecision] = []
    for sentence in sentences:
        rule = flt.decide(sentence.text)
        out.append(claim if rule is None else ClaimDecision(False, rule))
    return out
