"""Certainty: how firmly each claim states its main claim (certain / probable / possible).

The cue phrases of ``data/lexicons/certainty.yaml`` compile into one trie-shaped regular
expression (``verifier.rules.trie``), run once over the lower-cased text; each match is checked
against its rules' context (before/after patterns, exact case) and bucketed by sentence. Mark
rules (``type: mark``) look at a claim's own shape instead of its words (a question mark
ending a headline that raises a claim, "Mayor under house arrest?"); their pattern is searched
in the sentence and the scope checks do not apply to them. For each claim, the first hedge that
belongs to the main clause decides (see ``verifier.analysis.scope`` for the checks that set a
hedge aside); a sentence with no such hedge is certain.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any, Literal

from verifier.analysis.results import Certainty, CertaintyLabel, Sentence, Span
from verifier.analysis.scope import Scopes, compile_scopes
from verifier.errors import ConfigError
from verifier.rules.lexicon import load_lexicon, rule_where
from verifier.rules.schema import Examples, Pattern, build
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
    scoped: bool = True  # whether the scope checks may set it aside
    #: a hedge on a reported clause: a hedge of that clause that counts decides instead
    defers: bool = False


@dataclass(frozen=True, slots=True)
class MarkRule:
    """A compiled mark rule: a pattern searched in a claim's text (after a literal gate)."""

    cue: CueRule
    pattern: re.Pattern[str]
    requires: tuple[str, ...]


# -- the schemas: one frozen dataclass per rule type; a rule's every key is a field -----------
@dataclass(frozen=True, slots=True)
class CueSpec:
    """``type: cue``: phrases found in one pass over the text, with their context checks."""

    id: str
    type: Literal["cue"]
    value: Literal["certain", "probable", "possible"]
    phrases: tuple[str, ...]
    examples: Examples
    #: must end right where the phrase starts; the cue's span then starts where it starts
    before: Pattern | None = None
    #: must match right after the phrase
    after: Pattern | None = None
    #: the text must read exactly as one of the phrases ("may", not "May")
    case_sensitive: bool = False
    #: the cue hedges the clause it reports ("studies suggested that ..."): when a later
    #: hedge of the sentence counts (the scope checks keep it), that one decides, since the
    #: guide judges how the conveyed claim is hedged ("... suggested that X may Y": possible)
    defers: bool = False


@dataclass(frozen=True, slots=True)
class MarkSpec:
    """``type: mark``: a pattern searched in a claim that holds one of ``requires``; the cue
    is the pattern's first group when it has one (so a pattern may read the whole sentence
    and still cite, and rank by, its mark), else the whole match."""

    id: str
    type: Literal["mark"]
    value: Literal["certain", "probable", "possible"]
    pattern: Pattern
    examples: Examples
    requires: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ScopeSpec:
    """``type: scope``: the word lists of one scope check. Every field any check reads is
    declared here; ``verifier.analysis.scope`` then checks each rule against the stricter
    schema of its own check (``SCOPE_SCHEMAS``), which requires its fields and no others."""

    id: str
    type: Literal["scope"]
    scope: Literal["relative", "noun-complement", "noun-phrase", "coordination",
                   "reported-would"]
    examples: Examples
    pronouns: tuple[str, ...] = ()
    between: tuple[str, ...] = ()
    nouns: tuple[str, ...] = ()
    subject_modifiers: tuple[str, ...] = ()
    questions: tuple[str, ...] = ()
    adjectives: tuple[str, ...] = ()
    determiners: tuple[str, ...] = ()
    after_comma: tuple[str, ...] = ()
    bare: tuple[str, ...] = ()
    clause_starts: tuple[str, ...] = ()
    not_after: tuple[str, ...] = ()
    subordinators: tuple[str, ...] = ()
    colon_min_words: int = 0
    colon_not_after: tuple[str, ...] = ()
    reporting: tuple[str, ...] = ()
    report_tags: tuple[str, ...] = ()
    conditionals: tuple[str, ...] = ()
    not_conditional_after: tuple[str, ...] = ()
    postmodified_after: tuple[str, ...] = ()
    existential: tuple[str, ...] = ()
    ambiguous: tuple[str, ...] = ()
    openers: tuple[str, ...] = ()


SCHEMAS: dict[str, type[Any]] = {"cue": CueSpec, "mark": MarkSpec, "scope": ScopeSpec}


@dataclass(frozen=True, slots=True)
class _Lexicon:
    pattern: re.Pattern[str]
    ascii_pattern: re.Pattern[str]  # the same, for ASCII text
    by_phrase: dict[str, tuple[CueRule, ...]]
    marks: tuple[MarkRule, ...]
    scopes: Scopes


def _spec(rule: Mapping[str, Any]) -> CueSpec | MarkSpec:
    where = rule_where(LEXICON, str(rule.get("id")))
    schema = SCHEMAS.get(str(rule.get("type")))
    if schema is None or schema is ScopeSpec:
        raise ConfigError(f"{where}: field 'type': {rule.get('type')!r} is not cue, mark or scope")
    spec: CueSpec | MarkSpec = build(schema, rule, where)
    return spec


def _mark_rule(rule: Mapping[str, Any]) -> MarkRule:
    spec = _spec(rule)
    if not isinstance(spec, MarkSpec):
        raise ConfigError(f"{rule_where(LEXICON, spec.id)}: field 'type' must be mark")
    cue = CueRule(spec.id, spec.value, None, None, None, scoped=False)
    return MarkRule(cue, re.compile(spec.pattern), spec.requires)


def _cue_rule(rule: Mapping[str, Any]) -> tuple[CueRule, tuple[str, ...]]:
    spec = _spec(rule)
    if not isinstance(spec, CueSpec):
        raise ConfigError(f"{rule_where(LEXICON, spec.id)}: field 'type' must be cue")
    if not spec.phrases or not all(p.strip() for p in spec.phrases):
        raise ConfigError(f"{rule_where(LEXICON, spec.id)}: field 'phrases' must be a "
                          "non-empty list of phrases")
    forms = frozenset(normalise(p) for p in spec.phrases) if spec.case_sensitive else None
    before = re.compile(spec.before) if spec.before is not None else None
    after = re.compile(spec.after) if spec.after is not None else None
    return CueRule(spec.id, spec.value, before, after, forms, defers=spec.defers), spec.phrases


@cache
def _lexicon() -> _Lexicon:
    rules = load_lexicon(LEXICON)
    by_phrase: dict[str, list[CueRule]] = {}
    entries: list[tuple[str, str | None]] = []
    marks: list[MarkRule] = []
    for rule in rules:
        if rule["type"] == "scope":
            continue
        if rule["type"] == "mark":
            marks.append(_mark_rule(rule))
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
        compile_phrases(entries), compile_phrases(entries, ascii_text=True), frozen,
        tuple(marks), scopes,
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
    lex = _lexicon()
    cues = find_cues(text)
    starts = [s.start for s in sentences]
    buckets: dict[int, list[tuple[int, int, CueRule]]] = {}
    for start, end, rule in cues:
        index = bisect_right(starts, start) - 1
        if index >= 0 and end <= sentences[index].end and claims[index]:
            buckets.setdefault(index, []).append((start, end, rule))
    if lex.marks:
        for index, sentence in enumerate(sentences):
            if claims[index]:
                found = _marks(sentence, lex.marks)
                if found:
                    buckets.setdefault(index, []).extend(found)
    for index, found in buckets.items():
        found.sort(key=lambda cue: cue[0])
        out[index] = _judge(text, sentences[index], found, lex.scopes)
    return out


def _marks(sentence: Sentence, marks: Sequence[MarkRule]) -> list[tuple[int, int, CueRule]]:
    """The mark rules whose pattern is found in a claim, as cues with offsets in the text."""
    found = []
    for mark in marks:
        if mark.requires and not any(r in sentence.text for r in mark.requires):
            continue
        match = mark.pattern.search(sentence.text)
        if match is not None:
            start, end = match.span(1) if mark.pattern.groups else match.span()
            found.append((sentence.start + start, sentence.start + end, mark.cue))
    return found


def _judge(
    text: str, sentence: Sentence, cues: list[tuple[int, int, CueRule]], scopes: Scopes
) -> CertaintyLabel:
    """The first hedge of the main clause decides; otherwise certain, citing what was set aside."""
    fallback: tuple[int, int, str] | None = None
    for number, (start, end, rule) in enumerate(cues):
        if rule.value == "certain":
            fallback = fallback or (start, end, rule.id)
            continue
        blocker = None if not rule.scoped else scopes.blocker(
            sentence.text, start - sentence.start, end - sentence.start
        )
        if blocker is None:
            if rule.defers:  # "studies suggested that X may ...": the clause's own hedge
                inner = _first_hedge(sentence, cues[number + 1 :], scopes)
                if inner is not None:
                    start, end, rule = inner
            return CertaintyLabel(rule.value, Span(text[start:end], start, end), rule.id)
        fallback = fallback or (start, end, blocker)
    if fallback is None:
        return CertaintyLabel("certain", None, PLAIN_RULE)
    start, end, rule_id = fallback
    return CertaintyLabel("certain", Span(text[start:end], start, end), rule_id)


def _first_hedge(
    sentence: Sentence, cues: Sequence[tuple[int, int, CueRule]], scopes: Scopes
) -> tuple[int, int, CueRule] | None:
    """The first of ``cues`` that is a hedge (not a shield) the scope checks keep."""
    for start, end, rule in cues:
        if rule.value == "certain":
            continue
        if not rule.scoped or scopes.blocker(
            sentence.text, start - sentence.start, end - sentence.start
        ) is None:
            return start, end, rule
    return None
