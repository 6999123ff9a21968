"""The attribution lexicons compiled once: frames, hearsay, refusals, denials, descriptors.

Rules live in ``data/lexicons/attribution_frames.yaml`` and ``attribution_speakers.yaml``.
This module knows the closed set of rule types and turns the rule mappings into a few
combined regular expressions: one alternation finds every cue of a sentence in one pass.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from verifier.analysis.results import Stance
from verifier.errors import ConfigError
from verifier.rules.lexicon import load_data, load_lexicon
from verifier.rules.regex_gate import Gate, gate, prefixes
from verifier.rules.trie import substring_trie

FRAMES = "attribution_frames"
SPEAKERS = "attribution_speakers"

#: Rule types found by the combined cue scan, in the order they are tried at one position.
SCAN_TYPES = ("hearsay", "passive", "frame")
RULE_TYPES = frozenset(
    {*SCAN_TYPES, "content", "split", "headline", "credit", "continuation", "report_object"}
)
DESCRIPTOR_CLASSES = (
    "spk.pronoun",
    "spk.backref",
    "spk.source_noun",
    "spk.media_noun",
    "spk.study",
    "spk.group_unnamed",
    "spk.role_official",
    "spk.office_title",
    "spk.expert",
    "spk.named_org",
    "spk.institution",
)
_STANCES: frozenset[str] = frozenset({"asserts", "declines", "denies"})


@dataclass(frozen=True, slots=True)
class Cue:
    """One scanned rule: a reporting frame, a hearsay phrase or an agentless refusal."""

    id: str
    type: str
    stance: Stance
    left: bool = False
    right: bool = False
    inverted: bool = False
    object: bool = False
    #: For a frame whose speaker sits between the cue and a closing verb ("a charge they
    #: deny"): the verb that ends the speaker's words.
    verb: re.Pattern[str] | None = None
    #: For a frame that speaks only for some subjects ("Court records show", not "the leader
    #: showed a willingness"): what the words before the cue must hold.
    subject: re.Pattern[str] | None = None


@dataclass(frozen=True, slots=True)
class KeywordRules:
    """The rules one keyword can fire: those that start at it, and those that start before."""

    lead: re.Pattern[str] | None
    back: re.Pattern[str] | None
    reach: int
    #: What every match of ``back`` starts with (None: not known); tested before matching.
    back_starts: tuple[str, ...] | None = None


@dataclass(frozen=True, slots=True)
class Gates:
    """Cheap tests run before the patterns of the same names in ``Rules`` (``regex_gate`` or a
    smaller pattern every match of the big one holds a match of)."""

    split: Gate
    headline: Gate
    report_object: Gate
    self_reference: Gate
    #: The name word alone: a text without one has no media name (found much faster).
    media_name: re.Pattern[str]


@dataclass(frozen=True, slots=True)
class Rules:
    """Every compiled pattern the attribution pass needs."""

    cues: dict[str, Cue]
    keywords: frozenset[str]
    keyword_scan: dict[str, KeywordRules]
    content: re.Pattern[str]
    content_keys: re.Pattern[str]
    content_rules: dict[str, tuple[str, Stance]]
    split: re.Pattern[str]
    split_id: str
    headline: re.Pattern[str]
    headline_id: str
    credit: re.Pattern[str]
    credit_id: str
    continuation: re.Pattern[str]
    continuation_id: str
    report_object: re.Pattern[str]
    report_object_id: str
    descriptors: dict[str, re.Pattern[str]]
    descriptor_speaker: dict[str, str]
    descriptor_scan: re.Pattern[str]
    titles: re.Pattern[str]
    self_reference: re.Pattern[str]
    org_name_words: frozenset[str]
    media_name: re.Pattern[str]
    #: Cheap tests run before the searches above that most sentences fail.
    gates: Gates


def group_name(rule_id: str) -> str:
    """The regular-expression group name of a rule id."""
    return re.sub(r"\W", "_", rule_id)


_group = group_name


def _check_pattern(rule: dict[str, Any]) -> str:
    pattern = rule.get("pattern")
    if not isinstance(pattern, str) or not pattern:
        raise ConfigError(f"attribution rule {rule['id']!r}: field 'pattern' is required")
    try:
        compiled = re.compile(pattern)
    except re.error as exc:
        raise ConfigError(f"attribution rule {rule['id']!r}: bad pattern: {exc}") from exc
    if compiled.groupindex:
        raise ConfigError(f"attribution rule {rule['id']!r}: named groups are not allowed")
    return pattern


def _verb(rule: dict[str, Any], field: str = "verb") -> re.Pattern[str] | None:
    """The compiled ``verb`` (or ``subject``) pattern of a frame, if it has one."""
    verb = rule.get(field)
    if verb is None:
        return None
    if not isinstance(verb, str) or not verb:
        raise ConfigError(f"attribution rule {rule['id']!r}: field {field!r} must be a pattern")
    try:
        return re.compile(verb, re.IGNORECASE)
    except re.error as exc:
        raise ConfigError(f"attribution rule {rule['id']!r}: bad {field}: {exc}") from exc


def _stance(rule: dict[str, Any], default: str) -> Stance:
    value = rule.get("stance", default)
    if value not in _STANCES:
        raise ConfigError(f"attribution rule {rule['id']!r}: unknown stance {value!r}")
    stance: Stance = value
    return stance


@cache
def rules() -> Rules:
    """Compile the attribution lexicons (once per process)."""
    frame_rules = load_lexicon(FRAMES)
    by_type: dict[str, list[dict[str, Any]]] = {t: [] for t in RULE_TYPES}
    for rule in frame_rules:
        if rule["type"] not in RULE_TYPES:
            raise ConfigError(f"attribution rule {rule['id']!r}: unknown type {rule['type']!r}")
        by_type[rule["type"]].append(rule)

    cues: dict[str, Cue] = {}
    by_keyword: dict[str, list[str]] = {}
    bodies: dict[str, str] = {}
    reaches: dict[str, int] = {}
    for kind in SCAN_TYPES:
        for rule in by_type[kind]:
            words = rule.get("keywords")
            if not isinstance(words, list) or not words:
                raise ConfigError(f"attribution rule {rule['id']!r}: field 'keywords' is required")
            pattern = _check_pattern(rule)
            default = {"hearsay": "asserts", "passive": "declines"}.get(kind, "asserts")
            cue = Cue(
                id=rule["id"],
                type=kind,
                stance=_stance(rule, default),
                left=bool(rule.get("left")),
                right=bool(rule.get("right")),
                inverted=bool(rule.get("inverted")),
                object=bool(rule.get("object")),
                verb=_verb(rule),
                subject=_verb(rule, "subject"),
            )
            name = _group(rule["id"])
            cues[name] = cue
            bodies[name] = f"(?P<{name}>{pattern})"
            reach = rule.get("reach", 0)
            if not isinstance(reach, int) or reach < 0:
                raise ConfigError(f"attribution rule {rule['id']!r}: 'reach' is a word count")
            reaches[name] = reach
            for word in words:
                by_keyword.setdefault(str(word).lower(), []).append(name)

    def alternation(names: list[str]) -> re.Pattern[str] | None:
        if not names:
            return None
        return re.compile(r"(?<![\w'’-])(?:" + "|".join(bodies[n] for n in names) + r")(?![\w-])")

    starts: dict[str, tuple[str, ...] | None] = {}  # each rule's first words, parsed once

    def back_starts(names: list[str]) -> tuple[str, ...] | None:
        found: set[str] = set()
        for name in names:
            if name not in starts:
                starts[name] = prefixes(re.compile(bodies[name]))
            rule_starts = starts[name]
            if rule_starts is None:
                return None
            found.update(rule_starts)
        return tuple(sorted(found)) or None

    keyword_scan = {}
    for word, names in by_keyword.items():
        back_names = [n for n in names if reaches[n]]
        keyword_scan[word] = KeywordRules(
            lead=alternation([n for n in names if not reaches[n]]),
            back=alternation(back_names),
            reach=max(reaches[n] for n in names),
            back_starts=back_starts(back_names) if back_names else None,
        )
    keywords = frozenset(by_keyword)

    content_parts = []
    content_rules: dict[str, tuple[str, Stance]] = {}
    content_keys: list[str] = []
    for rule in by_type["content"]:
        keys = rule.get("keywords")
        if not isinstance(keys, list) or not keys:
            raise ConfigError(f"attribution rule {rule['id']!r}: field 'keywords' is required")
        content_keys.extend(str(k).lower() for k in keys)
        name = _group(rule["id"])
        content_rules[name] = (rule["id"], _stance(rule, "asserts"))
        content_parts.append(f"(?P<{name}>{_check_pattern(rule)})")
    content = re.compile(r"(?<!\w)(?:" + "|".join(content_parts) + r")(?!\w)")
    content_key_pattern = re.compile(substring_trie(sorted(set(content_keys))))

    def single(kind: str, flags: int = re.IGNORECASE) -> tuple[re.Pattern[str], str]:
        found = by_type[kind]
        if len(found) != 1:
            raise ConfigError(f"attribution lexicon: expected one rule of type {kind!r}")
        return re.compile(_check_pattern(found[0]), flags), found[0]["id"]

    split, split_id = single("split")
    headline, headline_id = single("headline")
    credit, credit_id = single("credit", 0)
    continuation, continuation_id = single("continuation")
    report_object, report_object_id = single("report_object")

    descriptors: dict[str, re.Pattern[str]] = {}
    descriptor_speaker: dict[str, str] = {}
    descriptor_bodies: dict[str, str] = {}
    for rule in load_lexicon(SPEAKERS):
        words = rule.get("words")
        if rule["type"] != "descriptor" or not isinstance(words, list) or not words:
            raise ConfigError(f"descriptor rule {rule['id']!r}: needs type descriptor and words")
        body = "|".join(f"(?:{w})" for w in words)
        descriptor_bodies[rule["id"]] = body
        descriptors[rule["id"]] = re.compile(rf"(?<![\w-])(?:{body})(?![\w-])")
        descriptor_speaker[rule["id"]] = str(rule.get("speaker", ""))
    scan_order = [c for c in DESCRIPTOR_CLASSES if c not in ("spk.pronoun", "spk.backref")]
    descriptor_scan = re.compile(
        r"(?<![\w-])(?:"
        + "|".join(f"(?P<{_group(c)}>{descriptor_bodies[c]})" for c in scan_order)
        + r")(?![\w-])"
    )
    titles = re.compile(
        "|".join(descriptor_bodies[c] for c in ("spk.office_title", "spk.role_official",
                                                "spk.expert"))
    )
    words = load_data(SPEAKERS).get("self_reference")
    if not isinstance(words, list) or not all(isinstance(w, str) for w in words):
        raise ConfigError("attribution_speakers.yaml: 'self_reference' must be a list of patterns")
    self_reference = re.compile("|".join(f"(?:{w})" for w in words))
    org_words = _word_list("org_name_words")
    media_words = _word_list("media_name_words")
    media_word = (
        "(?:"
        + "|".join(sorted((w.capitalize() for w in media_words), key=len, reverse=True))
        + r"|TV)(?![\w-])"
    )
    media_name = re.compile(r"(?<![\w-])(?:[A-Z][\w'’.&-]*\s+)+" + media_word)
    missing = set(DESCRIPTOR_CLASSES) - set(descriptors)
    if missing:
        raise ConfigError(f"attribution_speakers.yaml: missing descriptor rules {sorted(missing)}")
    return Rules(
        cues=cues,
        keywords=keywords,
        keyword_scan=keyword_scan,
        content=content,
        content_keys=content_key_pattern,
        content_rules=content_rules,
        split=split,
        split_id=split_id,
        headline=headline,
        headline_id=headline_id,
        credit=credit,
        credit_id=credit_id,
        continuation=continuation,
        continuation_id=continuation_id,
        report_object=report_object,
        report_object_id=report_object_id,
        descriptors=descriptors,
        descriptor_speaker=descriptor_speaker,
        descriptor_scan=descriptor_scan,
        titles=titles,
        self_reference=self_reference,
        org_name_words=org_words,
        media_name=media_name,
        gates=Gates(
            split=gate(split),
            headline=gate(headline),
            report_object=gate(report_object),
            self_reference=gate(self_reference),
            media_name=re.compile(media_word),
        ),
    )


_LOWER = str.maketrans(
    "ABCDEFGHIJKLMNOPQRSTUVWXYZ’‘", "abcdefghijklmnopqrstuvwxyz''"
)


def lower(text: str) -> str:
    """Lower-casing that keeps every offset (the lexicons match lower-case text)."""
    return text.lower() if text.isascii() else text.translate(_LOWER)


def word_list(key: str, lexicon: str = SPEAKERS) -> frozenset[str]:
    """A plain word list of an attribution lexicon file, lower-cased."""
    words = load_data(lexicon).get(key)
    if not isinstance(words, list) or not all(isinstance(w, str) for w in words):
        raise ConfigError(f"{lexicon}.yaml: {key!r} must be a list of words")
    return frozenset(w.lower() for w in words)


_word_list = word_list
