"""Verb inventories: a frame rule's reporting verbs declared by the frame they take, each verb
written once as its base form, its inflections derived here.

A ``verbs`` rule of ``attribution_frames.yaml`` lists verbs under the frames of ``VerbFrames``
("warn" under ``that_clause`` reads "warn that", "warns that", "warned that" and ", warning
that"). An entry is a base form, then any forms the spelling rules below get wrong ("admit
admitted admitting", "write wrote written"): a given form ending in "-ing" replaces the derived
present participle, any other replaces the derived past. The rule becomes a ``FrameRule``
whose pattern is composed from its frames, so the attribution pass reads it like any frame.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, fields
from typing import Literal

from verifier.errors import ConfigError
from verifier.rules.lexicon import rule_where
from verifier.rules.schema import Examples, Pattern
from verifier.vocab import StanceName

_ENTRY = re.compile(r"[a-z]+(?: [a-z]+)*")
_SIBILANT = ("s", "sh", "ch", "x", "z", "o")
_VOWELS = "aeiou"

#: A determiner, a possessive or a preposition before a cue ending in "-ed" or "-s": a noun or
#: a participle modifying one ("the alleged plot", "his pledges"), no frame.
_WORDY = r"[\w'’.&-]+"
#: The words that may stand between a verb and its "that" (a day, "again", "publicly").
_BEFORE_THAT = (r"(?:\s+(?:(?:on|last|this|late|early|earlier)\s+\w+|yesterday|today|again|also|"
                r"repeatedly|publicly|privately|firmly|strongly|once\s+more|monday|tuesday|"
                r"wednesday|thursday|friday|saturday|sunday))?")
#: A possessive right before a word makes it a noun ("the mayor's remarks that"), no verb.
_NOT_POSSESSED = r"(?<!['’]s\s)(?<!s['’]\s)"


@dataclass(frozen=True, slots=True)
class VerbFrames:
    """Verbs by the frame that makes them a report (an entry: see the module's docstring)."""

    #: before a that-clause, "that" written: "warned that", ", stressing that"
    that_clause: tuple[str, ...] = ()
    #: before one told and a that-clause: "informed customers that", "assured investors that"
    object_that: tuple[str, ...] = ()
    #: a past form closing a clause or a quotation's tag ('..." the mayor narrated.')
    clause_end: tuple[str, ...] = ()
    #: a commitment or a threat before a to-infinitive: "pledged to", "vows to"
    to_infinitive: tuple[str, ...] = ()
    #: an appeal to someone before a to-infinitive: "urged voters to", "implored them to"
    object_to_infinitive: tuple[str, ...] = ()
    #: an appeal before "for": "appealed for calm"
    for_object: tuple[str, ...] = ()
    #: a demand or an avowal whose object is what is said: "demanded an apology", "affirmed
    #: its support" (a determiner, a possessive or a name's possessive after the verb)
    direct_object: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class VerbsRule:
    """A reporting frame given as a verb inventory (``VerbFrames``) instead of a pattern."""

    id: str
    type: Literal["verbs"]
    verbs: VerbFrames
    examples: Examples
    stance: StanceName = "asserts"
    speaker_at: tuple[Literal["inverted", "left"], ...] = ("inverted", "left")
    #: words right before a verb that make it no frame (an entry may be two words): a
    #: passive's auxiliary ("was warned that", "is also expected": the one warned), a
    #: determiner ("the pledges to", "with a promise to"); a possessive never goes before one
    not_after: tuple[str, ...] = ()
    #: as ``FrameRule.participle_not_after``
    participle_not_after: tuple[str, ...] = ()
    #: as ``FrameRule.not_in_clause``
    not_in_clause: tuple[str, ...] = ()
    #: as ``FrameRule.inner_state``
    inner_state: bool = False
    #: as ``FrameRule.carries_speaker``
    carries_speaker: bool = True


@dataclass(frozen=True, slots=True)
class Forms:
    """A verb's forms: base, third person singular, past (one or two), present participle."""

    base: str
    third: str
    past: tuple[str, ...]
    ing: str


def inflect(entry: str, where: str) -> Forms:
    """The forms of one entry ("warn", "admit admitted admitting"); a bad entry is a
    ``ConfigError`` naming ``where``."""
    if not isinstance(entry, str) or not _ENTRY.fullmatch(entry):
        raise ConfigError(f"{where}: {entry!r} is not a verb entry (lower-case words)")
    base, *given = entry.split()
    ing = next((g for g in given if g.endswith("ing")), _ing(base))
    past = tuple(g for g in given if not g.endswith("ing")) or (_past(base),)
    return Forms(base, _third(base), past, ing)


def _consonant_y(base: str) -> bool:
    return len(base) > 1 and base.endswith("y") and base[-2] not in _VOWELS


def _third(base: str) -> str:
    if _consonant_y(base):
        return base[:-1] + "ies"
    return base + ("es" if base.endswith(_SIBILANT) else "s")


def _past(base: str) -> str:
    if _consonant_y(base):
        return base[:-1] + "ied"
    return base + ("d" if base.endswith("e") else "ed")


def _ing(base: str) -> str:
    if base.endswith("ie"):
        return base[:-2] + "ying"
    if base.endswith("e") and not base.endswith(("ee", "ye", "oe")):
        return base[:-1] + "ing"
    return base + "ing"


def _alt(words: list[str]) -> str:
    return "(?:" + "|".join(sorted(set(words), key=lambda w: (-len(w), w))) + ")"


def _frame(name: str, verbs: list[Forms], guard: str) -> str:
    """One frame's part of the pattern."""
    finite = _alt([w for f in verbs for w in (f.base, f.third, *f.past)])
    if name == "that_clause":
        ing = _alt([f.ing for f in verbs])
        return (f"{guard}(?<!\\bto\\s){finite}(?={_BEFORE_THAT}\\s+that\\b)"
                f"|(?<=,\\s){ing}(?=\\s+that\\b)")
    if name == "object_that":
        return f"{guard}{finite}(?=\\s+(?:{_WORDY}\\s+){{1,5}}?that\\b)"
    if name == "clause_end":
        past = _alt([w for f in verbs for w in f.past])
        return f"{guard}(?<!\\bnot\\s)(?<!n['’]t\\s){past}(?=\\s*[.,;:!?]|\\s*[\"”’]|\\s*$)"
    if name == "to_infinitive":
        return f"{guard}(?<!\\bto\\s){finite}(?=\\s+to\\s+[a-z])"
    if name == "object_to_infinitive":
        return (f"{guard}{finite}(?=\\s+(?:{_WORDY}\\s+){{1,4}}?(?:not\\s+)?to\\s+"
                "(?!(?:the|a|an|his|her|their|its|our)\\b)[a-z])")
    if name == "for_object":
        return f"{guard}{finite}(?=\\s+for\\s+[a-z])"
    # direct_object
    return (f"{guard}{finite}(?=\\s+(?:a|an|the|its|their|his|her|our|more|further|"
            r"[\w.-]+['’]s)\s+[a-z])")


def compose(rule: VerbsRule) -> Pattern:
    """The rule's pattern: each frame's verbs in their forms, with the frame's context."""
    where = rule_where("attribution_frames", rule.id)
    guard = _NOT_POSSESSED + "".join(
        "(?<!\\b" + "\\s".join(re.escape(p) for p in w.lower().split()) + "\\s)"
        for w in rule.not_after)
    parts: list[str] = []
    for item in fields(VerbFrames):
        entries: tuple[str, ...] = getattr(rule.verbs, item.name)
        at = f"{where}: field 'verbs.{item.name}'"
        bases = [e.split()[0] if isinstance(e, str) else e for e in entries]
        twice = sorted({b for b in bases if bases.count(b) > 1})
        if twice:
            raise ConfigError(f"{at}: {twice[0]!r} is listed twice")
        if entries:
            parts.append(_frame(item.name, [inflect(e, at) for e in entries], guard))
    if not parts:
        raise ConfigError(f"{where}: field 'verbs': no verbs in any frame")
    return Pattern("|".join(f"(?:{p})" for p in parts))
