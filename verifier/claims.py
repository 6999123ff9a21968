"""The claim filter: is a sentence something a fact-checker could check?

Every sentence is a claim unless a rule of ``data/lexicons/claims.yaml`` says it is page
furniture (navigation, bylines, credits, timestamps, links, promotion, copyright, bare labels).
The rules compile into one regular expression with a named group per rule, matched once at the
start of each sentence; the group that matched names the decision.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from verifier.errors import ConfigError
from verifier.lexicon import load_lexicon
from verifier.results import Sentence

LEXICON = "claims"
#: The claim rule of a sentence no furniture rule matched.
DEFAULT_RULE = "claims.default"
RULE_TYPES = ("line", "prefix", "pattern")


@dataclass(frozen=True, slots=True)
class ClaimDecision:
    """Whether a sentence is a claim, and the id of the rule that decided."""

    claim: bool
    rule: str


@dataclass(frozen=True, slots=True)
class _Filter:
    pattern: re.Pattern[str]
    rule_ids: dict[str, str]


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
        return f"(?{flags}:{source})" if flags else f"(?:{source})"
    raise ConfigError(f"{where}: type {kind!r} is not one of {', '.join(RULE_TYPES)}")


@cache
def _filter() -> _Filter:
    parts = []
    ids: dict[str, str] = {}
    for number, rule in enumerate(load_lexicon(LEXICON)):
        group = f"r{number}"
        ids[group] = rule["id"]
        parts.append(f"(?P<{group}>{_compile_rule(rule)})")
    return _Filter(re.compile("|".join(parts) or "(?!)"), ids)


def decide(text: str) -> ClaimDecision:
    """The claim decision for one sentence's text."""
    flt = _filter()
    match = flt.pattern.match(text)
    if match is None or match.lastgroup is None:
        return ClaimDecision(True, DEFAULT_RULE)
    return ClaimDecision(False, flt.rule_ids[match.lastgroup])


def classify(sentences: Iterable[Sentence]) -> list[ClaimDecision]:
    """The claim decision for each sentence, in order."""
    flt = _filter()
    match = flt.pattern.match
    ids = flt.rule_ids
    claim = ClaimDecision(True, DEFAULT_RULE)
    out: list[ClaimDecision] = []
    for sentence in sentences:
        found = match(sentence.text)
        if found is None or found.lastgroup is None:
            out.append(claim)
        else:
            out.append(ClaimDecision(False, ids[found.lastgroup]))
    return out


def claim_flags(decisions: Sequence[ClaimDecision]) -> list[bool]:
    """Just the yes/no of each decision."""
    return [d.claim for d in decisions]
