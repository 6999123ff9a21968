"""Certainty: how firmly each claim states its main claim (certain / probable / possible).

The cue phrases of ``data/lexicons/certainty.yaml`` compile into one trie-shaped regular
expression (``verifier.rules.trie``), run once over the lower-cased text; each match is checked
against its rules' context (before/after patterns, exact case) and bucketed by sentence. For each
claim, the first hedge that belongs to the main clause decides (see
``verifier.analysis.scope`` for the
checks that set a hedge aside); a sentence with no such hedge is certain.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from verifier.analysis.results import CERTAINTIES, Certainty, CertaintyLabel, Sentence, Span
from verifier.analysis.scope import Scopes, compile_scopes
from verifier.errors import ConfigError
from verifier.rules.lexicon import load_lexicon
from verifier.rules.trie import compile_phrases, normalise

LEXICON = "certainty"
#: The rule of a plain assertion with no hedge at all.
PLAIN_RULE = "certainty.plain"


@dataclass(frozen=True, slots=True)
class CueRule:
    """A compiled cue rule: its id, the value it signals, and its context checks."""

    id: str
    value: Certainty
    before: re.Pattern[str] | None
    after: re.Pattern[str] | None
    forms: frozenset[str] | None  # exact spellings, for a case-sensitive rule


@dataclass(frozen=True, slots=True)
class _Lexicon:
    pattern: re.Pattern[str]
    ascii_pattern: re.Pattern[str]  # the same, for ASCII text
    by_phrase: dict[str, tuple[CueRule, ...]]
    scopes: Scopes


def _regex(rule: dict[str, Any], field: str, where: str) -> re.Pattern[str] | None:
    source = rule.get(field)
    if source is None:
        return None
    if not isinstance(source, str):
        raise ConfigError(f"{where}: field {field!r} must be a string")
    try:
        return re.compile(source)
    except re.error as exc:
        raise ConfigError(f"{where}: invalid {field!r} pattern ({exc})") from None


def _cue_rule(rule: dict[str, Any]) -> tuple[CueRule, list[str]]:
    where = f"{LEXICON}.yaml: rule {rule['id']!r}"
    if rule["type"] != "cue":
        raise ConfigError(f"{where}: type {rule['type']!r} is not cue or scope")
    value = rule.get("value")
    if value not in CERTAINTIES:
        raise ConfigError(f"{where}: field 'value' must be one of {', '.join(CERTAINTIES)}")
    phrases = rule.get("phrases")
    if not isinstance(phrases, list) or not phrases or not all(
        isinstance(p, str) and p.strip() for p in phrases
    ):
        raise ConfigError(f"{where}: field 'phrases' must be a non-empty list of strings")
    forms = frozenset(normalise(p) for p in phrases) if rule.get("case_sensitive") else None
    cue = CueRule(
        rule["id"], value, _regex(rule, "before", where), _regex(rule, "after", where), forms
    )
    return cue, phrases


@cache
def _lexicon() -> _Lexicon:
    rules = load_lexicon(LEXICON)
    by_phrase: dict[str, list[CueRule]] = {}
    entries: list[tuple[str, str | None]] = []
    for rule in rules:
        if rule["type"] == "scope":
            continue
        cue, phrases = _cue_rule(rule)
        lookahead = cue.after.pattern if cue.after is not None else None
        for phrase in phrases:
            key = normalise(phrase).lower()
            by_phrase.setdefault(key, []).append(cue)
            entries.append((key, lookahead))
    scopes = compile_scopes([r for r in rules if r["type"] == "scope"], LEXICON)
    frozen = {k: tuple(v) for k, v in by_phrase.items()}
    return _Lexicon(
        compile_phrases(entries), compile_phrases(entries, ascii_text=True), frozen, scopes
    )


def _lower(text: str) -> str:
    """``text`` lower-cased with every character keeping its offset."""
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


def find_cues(text: str) -> list[tuple[int, int, CueRule]]:
    """Every cue in ``text``: (start, end, rule), left to right."""
    lex = _lexicon()
    lowered = _lower(text)
    found: list[tuple[int, int, CueRule]] = []
    pattern = lex.ascii_pattern if text.isascii() else lex.pattern
    for match in pattern.finditer(lowered):
        start, end = match.span()
        key = normalise(match.group())
        for rule in lex.by_phrase.get(key, ()):
            if rule.forms is not None and normalise(text[start:end]) not in rule.forms:
                continue
            if rule.after is not None and not rule.after.match(lowered, end):
                continue
            if rule.before is not None:
                context = rule.before.search(lowered, max(0, start - 80), start)
                if context is None:
                    continue
                start = context.start()
            found.append((start, end, rule))
            break
    return found


def label_certainty(
    text: str, sentences: Sequence[Sentence], claims: Sequence[bool]
) -> list[CertaintyLabel | None]:
    """One label per sentence: None for a non-claim, else the value with its cue and rule."""
    if len(claims) != len(sentences):
        raise ValueError("one claim flag per sentence is needed")
    plain = CertaintyLabel("certain", None, PLAIN_RULE)
    out: list[CertaintyLabel | None] = [plain if claim else None for claim in claims]
    cues = find_cues(text)
    if not cues:
        return out
    scopes = _lexicon().scopes
    starts = [s.start for s in sentences]
    buckets: dict[int, list[tuple[int, int, CueRule]]] = {}
    for start, end, rule in cues:
        index = bisect_right(starts, start) - 1
        if index >= 0 and end <= sentences[index].end and claims[index]:
            buckets.setdefault(index, []).append((start, end, rule))
    for index, found in buckets.items():
        out[index] = _judge(text, sentences[index], found, scopes)
    return out


def _judge(
    text: str, sentence: Sentence, cues: list[tuple[int, int, CueRule]], scopes: Scopes
) -> CertaintyLabel:
    """The first hedge of the main clause decides; otherwise certain, citing what was set aside."""
    fallback: tuple[int, int, str] | None = None
    for start, end, rule in cues:
        if rule.value == "certain":
            fallback = fallback or (start, end, rule.id)
            continue
        blocker = scopes.blocker(sentence.text, start - sentence.start, end - sentence.start)
        if blocker is None:
            return CertaintyLabel(rule.value, Span(text[start:end], start, end), rule.id)
        fallback = fallback or (start, end, blocker)
    if fallback is None:
        return CertaintyLabel("certain", None, PLAIN_RULE)
    start, end, rule_id = fallback
    return CertaintyLabel("certain", Span(text[start:end], start, end), rule_id)
