"""Certainty: how firmly each claim states its main claim (certain / probable / possible).

The cue rules of ``data/lexicons/certainty.yaml`` compile into one regular expression with a
named group per rule, run once over the whole text; matches are bucketed by sentence. For each
claim, the first hedge that belongs to the main clause decides (see ``verifier.scope`` for the
checks that set a hedge aside); a sentence with no such hedge is certain.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from verifier.errors import ConfigError
from verifier.lexicon import load_lexicon
from verifier.results import Certainty, CertaintyLabel, Sentence, Span
from verifier.scope import Scopes, compile_scopes

LEXICON = "certainty"
#: The rule of a plain assertion with no hedge at all.
PLAIN_RULE = "certainty.plain"
_VALUES = ("certain", "probable", "possible")


@dataclass(frozen=True, slots=True)
class CueRule:
    """A compiled cue rule: its id, the value it signals, and the regex it contributes."""

    id: str
    value: Certainty
    source: str


@dataclass(frozen=True, slots=True)
class _Lexicon:
    pattern: re.Pattern[str]
    rules: dict[str, CueRule]
    scopes: Scopes


def _phrase_regex(phrases: Sequence[str]) -> str:
    body = "|".join(
        re.escape(p).replace(r"\ ", r"\s+").replace("'", "['’]")
        for p in sorted(phrases, key=len, reverse=True)
    )
    return rf"\b(?:{body})\b"


def _cue_rule(rule: dict[str, Any]) -> CueRule:
    where = f"{LEXICON}.yaml: rule {rule['id']!r}"
    value = rule.get("value")
    if value not in _VALUES:
        raise ConfigError(f"{where}: field 'value' must be one of {', '.join(_VALUES)}")
    if rule["type"] == "phrase":
        phrases = rule.get("phrases")
        if not isinstance(phrases, list) or not all(isinstance(p, str) for p in phrases):
            raise ConfigError(f"{where}: field 'phrases' must be a list of strings")
        source = _phrase_regex(phrases)
    elif rule["type"] == "pattern":
        pattern = rule.get("pattern")
        if not isinstance(pattern, str):
            raise ConfigError(f"{where}: field 'pattern' must be a string")
        source = pattern
    else:
        raise ConfigError(f"{where}: type {rule['type']!r} is not phrase, pattern or scope")
    try:
        re.compile(source)
    except re.error as exc:
        raise ConfigError(f"{where}: invalid pattern ({exc})") from None
    if not rule.get("case_sensitive"):
        source = f"(?i:{source})"
    return CueRule(rule["id"], value, source)


@cache
def _lexicon() -> _Lexicon:
    rules = load_lexicon(LEXICON)
    cues = [_cue_rule(r) for r in rules if r["type"] != "scope"]
    by_group = {f"c{n}": cue for n, cue in enumerate(cues)}
    pattern = "|".join(f"(?P<{g}>{c.source})" for g, c in by_group.items()) or "(?!)"
    scopes = compile_scopes([r for r in rules if r["type"] == "scope"], LEXICON)
    return _Lexicon(re.compile(pattern), by_group, scopes)


def label_certainty(
    text: str, sentences: Sequence[Sentence], claims: Sequence[bool]
) -> list[CertaintyLabel | None]:
    """One label per sentence: None for a non-claim, else the value with its cue and rule."""
    lex = _lexicon()
    starts = [s.start for s in sentences]
    buckets: list[list[tuple[int, int, CueRule]]] = [[] for _ in sentences]
    for match in lex.pattern.finditer(text):
        index = bisect_right(starts, match.start()) - 1
        if index >= 0 and match.end() <= sentences[index].end and match.lastgroup:
            buckets[index].append((match.start(), match.end(), lex.rules[match.lastgroup]))
    plain = CertaintyLabel("certain", None, PLAIN_RULE)
    out: list[CertaintyLabel | None] = []
    for sentence, is_claim, cues in zip(sentences, claims, buckets, strict=True):
        if not is_claim:
            out.append(None)
        elif not cues:
            out.append(plain)
        else:
            out.append(_judge(text, sentence, cues, lex.scopes))
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
        blocker = scopes.blocker(
            sentence.text, start - sentence.start, end - sentence.start, rule.id
        )
        if blocker is None:
            return CertaintyLabel(rule.value, Span(text[start:end], start, end), rule.id)
        fallback = fallback or (start, end, blocker)
    if fallback is None:
        return CertaintyLabel("certain", None, PLAIN_RULE)
    start, end, rule_id = fallback
    return CertaintyLabel("certain", Span(text[start:end], start, end), rule_id)
