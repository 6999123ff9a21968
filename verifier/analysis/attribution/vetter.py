"""The learned finder's vetter: which of the tagger's proposals become attributions.

The tagger (``learned.py``, trained on PolNeAR) proposes cues and their sources; the rules'
speaker reading gives each proposal a kind. On real articles about half of the proposals
the tagger's own threshold keeps are wrong (session 25: 131 of 265 right over the twelve
labelled sets), and the cues it does not propose at all are where most of its misses are.
The vetter is a logistic over named features of each proposal as the analyser would label
it (its kind, the tagger's score, the cue word, where the source stands, quotation marks,
...; ``FAMILIES`` says what each measures), trained on the labelled real sets by
``bench/train_finder.py``, leave-one-set-out. A proposal is accepted when its probability of
being right (its kind one of the labellers' kinds for the sentence) reaches ``threshold``.
With ``forced`` the tagger also proposes each word of its accepted cue words that is not
part of the best tagging's cues, forcing it to be one (its score then falls below the
tagger's own threshold; ``floor`` is the least score a proposal needs to be vetted at all).

Session 26 added features that read the sentence's construction rather than its words (the
cue's class from the file's ``cue_classes``, how the speaker reading found the source, the
source as the sentence's subject, the kind the sentence before was given, the quotation
marks around the cue, the paragraph) and a per-kind gate (``kind_thresholds``: the
probability a kind needs; 1.0 shuts it out; with no weights every other proposal is kept).

Model: ``verifier/data/models/attribution_vetter.yaml`` (typed and validated like the other
learned pieces' files: unknown keys or feature names are errors; weights only, no word of
any text but the tagger's own closed list of cue words). Pure; no numpy.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from verifier.errors import ConfigError
from verifier.model_files import (
    ModelSlot,
    check_fields,
    check_meta,
    check_weights,
    finite,
    yaml_reader,
)
from verifier.vocab import KINDS

MODEL_FILE = "models/attribution_vetter.yaml"
FORMAT = 1

#: The feature families (what each measures); a feature is a family's name, or a family
#: ending in ":" followed by a value.
FAMILIES: dict[str, str] = {
    "bias": "constant",
    "kind:": "the kind the proposal would be labelled (official, denied, ...)",
    "speaker:": "the speaker's kind when the stance makes the kind a refusal or denial",
    "forced": "the cue is not in the tagger's best tagging (forced to be one)",
    "score:": "the tagger's score, in bands of .1 (forced cues score below .54)",
    "carried": "the source is a pronoun or back-reference the article's memory resolved",
    "guessed": "no speaker rule classifies the source words (the unclassified kind)",
    "relative": "the source is a relative pronoun's antecedent (', who said ...')",
    "cue:": "the cue's last word, lower-cased (one of the tagger's cue words)",
    "order:": "whether the source stands before the cue or after it",
    "gap:": "how many tokens lie between source and cue (0, 1, 2-3, 4-7, 8+)",
    "quotes:": "quotation marks in the sentence: none, or some",
    "cue_quoted": "the cue lies inside a quotation",
    "src_words:": "how many words the source has (1, 2, 3, 4+)",
    "src:": "the source's first word: pronoun, determiner, capital, lower",
    "next:": "the token after the cue when it is one of a few (that, to, a comma, ...)",
    "prev:": "the token before the cue when it is one of a few (a comma, a quote mark, ...)",
    "at:": "where the cue stands in the sentence: start, middle, end",
    "proposals:": "how many proposals the sentence has (1, 2+)",
    "narration": "the claim sentence before is the reporter's own (no source, no quotation)",
    "headline": "the sentence has no closing punctuation (a headline, a caption, a tag line)",
    # constructions (session 26)
    "verb:": "the cue's class (``cue_classes`` of the model file: speech, report, ...) or other",
    "how:": "how the rules' speaker reading found the source (its role: title, media, "
            "source, pronoun, ...; or a name strategy: person, registry, ...)",
    "subject": "the source opens the sentence (after a quotation mark or a dash at most)",
    "before:": "the kind the sentence before was given (none: no source)",
    "same_before": "the kind is the one the sentence before was given (a speaker going on)",
    "quote:": "the sentence's quotation marks: opens (it starts with one), closes_before "
              "(one closes before the cue: '\"...,\" she said'), opens_after (one opens "
              "after the cue), open (an odd count: it leaves one open), closes_only (it "
              "closes one an earlier sentence opened)",
    "par:": "where the sentence stands: first (of its paragraph), lead (in the article's "
            "first two paragraphs)",
}

_KINDS = frozenset(KINDS)
_PRONOUNS = frozenset({"he", "she", "they", "it", "we", "i", "you", "who", "which", "that"})
_DETERMINERS = frozenset({"the", "a", "an", "this", "that", "these", "those", "its", "their",
                          "his", "her", "our", "some", "several", "many", "one", "two"})
_NEXT = frozenset({"that", "to", ",", ":", ".", "on", "in", "the", "a", "it", "he", "she",
                   "they", "\"", "“", "”", "by", "of", "about", "for", "with"})
_PREV = frozenset({",", "\"", "“", "”", "and", "has", "had", "have", "was", "were", "is",
                   "also", "not", "who", "which"})


def known(name: str) -> bool:
    """Whether ``name`` is a feature of a declared family."""
    if name in FAMILIES:
        return not name.endswith(":")
    head, colon, value = name.partition(":")
    return bool(colon) and bool(value) and head + ":" in FAMILIES


def _score_band(score: float) -> str:
    return f"{min(9, max(0, int(score * 10))) / 10:.1f}"


def _gap(n: int) -> str:
    return str(n) if n <= 1 else ("2-3" if n <= 3 else ("4-7" if n <= 7 else "8+"))


@dataclass(frozen=True, slots=True)
class Candidate:
    """What the vetter reads of one proposal as the analyser would label it: the sentence,
    its tokens' offsets, the cue's and the source's offsets in it, and the labels."""

    text: str
    offsets: Sequence[tuple[int, int]]
    cue: tuple[int, int]
    source: tuple[int, int]
    score: float
    forced: bool
    kind: str
    speaker: str
    carried: bool
    guessed: bool
    relative: bool
    proposals: int
    narration: bool
    headline: bool = False
    #: how the source was found (``Descriptor.how``)
    how: str = ""
    #: the kinds the sentence before was given (empty: none)
    before: tuple[str, ...] = ()
    #: the sentence opens its paragraph; it stands in the article's first two paragraphs
    first: bool = False
    lead: bool = False


def features(c: Candidate, classes: Mapping[str, str] | None = None) -> list[str]:
    """The named features of a candidate (``FAMILIES``); ``classes`` maps a cue word to its
    class (``Vetter.classes``)."""
    text, offsets = c.text, c.offsets
    words = [text[a:b].lower().replace("’", "'") for a, b in offsets]
    cue_tokens = [k for k, (a, b) in enumerate(offsets) if a < c.cue[1] and b > c.cue[0]]
    src_tokens = [k for k, (a, b) in enumerate(offsets) if a < c.source[1] and b > c.source[0]]
    out = ["bias", "kind:" + c.kind, "score:" + _score_band(c.score)]
    if c.speaker != c.kind:
        out.append("speaker:" + c.speaker)
    for flag, name in ((c.forced, "forced"), (c.carried, "carried"), (c.guessed, "guessed"),
                       (c.relative, "relative"), (c.narration, "narration"),
                       (c.headline, "headline")):
        if flag:
            out.append(name)
    out.append("proposals:" + ("1" if c.proposals <= 1 else "2+"))
    has_quote = any(w in ("\"", "“", "”") for w in words)
    out.append("quotes:" + ("some" if has_quote else "none"))
    if cue_tokens:
        first, last = cue_tokens[0], cue_tokens[-1]
        out.append("cue:" + words[last])
        if has_quote and _inside_quotes(words, first):
            out.append("cue_quoted")
        after = words[last + 1] if last + 1 < len(words) else "</s>"
        if after in _NEXT:
            out.append("next:" + after)
        before = words[first - 1] if first else "<s>"
        if before in _PREV or before == "<s>":
            out.append("prev:" + before)
        n = len(words)
        out.append("at:" + ("start" if first <= 1 else ("end" if last >= n - 2 else "middle")))
        if src_tokens:
            if src_tokens[-1] < first:
                out += ["order:source_first", "gap:" + _gap(first - src_tokens[-1] - 1)]
            elif src_tokens[0] > last:
                out += ["order:cue_first", "gap:" + _gap(src_tokens[0] - last - 1)]
    out += _constructions(c, words, cue_tokens, src_tokens, classes or {})
    if src_tokens:
        src_words = [w for w in (words[k] for k in src_tokens) if any(ch.isalnum() for ch in w)]
        if src_words:
            n = len(src_words)
            out.append("src_words:" + (str(n) if n <= 3 else "4+"))
            head = src_words[0]
            first_word = text[offsets[src_tokens[0]][0]:offsets[src_tokens[0]][1]]
            out.append("src:" + ("pronoun" if head in _PRONOUNS else
                                 "determiner" if head in _DETERMINERS else
                                 "capital" if first_word[:1].isupper() else "lower"))
    return out


_QUOTES = frozenset({"\"", "“", "”"})
_LEADERS = frozenset({"\"", "“", "-", "–", "—", "'", "‘"})


def _constructions(c: Candidate, words: Sequence[str], cue_tokens: Sequence[int],
                   src_tokens: Sequence[int], classes: Mapping[str, str]) -> list[str]:
    """The features that read the sentence's construction rather than its words: the cue's
    class, how the source was read, whether it is the sentence's subject, the sentence
    before's kind, the quotation marks around the cue, the paragraph."""
    out: list[str] = []
    if cue_tokens:
        out.append("verb:" + classes.get(words[cue_tokens[-1]], "other"))
    if c.how:
        out.append("how:" + c.how)
    lead = 0
    while lead < len(words) and words[lead] in _LEADERS:
        lead += 1
    if src_tokens and src_tokens[0] <= lead:
        out.append("subject")
    out.append("before:" + (c.before[0] if c.before else "none"))
    if c.kind in c.before:
        out.append("same_before")
    marks = [k for k, w in enumerate(words) if w in _QUOTES]
    if marks:
        if marks[0] == 0:
            out.append("quote:opens")
        if cue_tokens:
            first, last = cue_tokens[0], cue_tokens[-1]
            if any(k < first for k in marks) and _closes_before(words, first):
                out.append("quote:closes_before")
            if any(last < k <= last + 3 for k in marks):
                out.append("quote:opens_after")
        if len(marks) % 2 or (words[marks[0]] == "“") != (words[marks[-1]] == "”"):
            opened = words[marks[0]] != "”"
            out.append("quote:open" if opened else "quote:closes_only")
    if c.first:
        out.append("par:first")
    if c.lead:
        out.append("par:lead")
    return out


def _closes_before(words: Sequence[str], at: int) -> bool:
    """Whether a quotation closes before token ``at`` (the last mark before it shuts one)."""
    inside = False
    closed = False
    for w in words[:at]:
        if w == "“" or (w == "\"" and not inside):
            inside, closed = True, False
        elif w in ("”", "\""):
            inside, closed = False, True
    return closed and not inside


def _inside_quotes(words: Sequence[str], at: int) -> bool:
    inside = False
    for w in words[:at]:
        if w == "\"":
            inside = not inside
        elif w == "“":
            inside = True
        elif w == "”":
            inside = False
    return inside


def probability(weights: Mapping[str, float], names: Sequence[str]) -> float:
    """The logistic of the summed weights of ``names`` (a name without a weight adds 0)."""
    z = sum(weights.get(n, 0.0) for n in names)
    return 1.0 / (1.0 + math.exp(-max(-50.0, min(50.0, z))))


@dataclass(frozen=True, slots=True)
class Vetter:
    """A trained vetter: weights of named features, the probability a proposal needs, the
    tagger score it needs to be vetted at all, and whether forced cues are proposed."""

    enabled: bool
    threshold: float
    floor: float
    forced: bool
    weights: dict[str, float]
    meta: dict[str, Any] = field(default_factory=dict)
    #: whether headlines are weighed too (the tagger's settings leave them out)
    headlines: bool = False
    #: a cue word -> its class (the feature ``verb:``; the file's ``cue_classes``)
    classes: dict[str, str] = field(default_factory=dict)
    #: a kind -> the probability a proposal of that kind needs instead of ``threshold``
    #: (the file's ``kind_thresholds``: a per-kind gate; 1.0 shuts the kind out)
    kinds: dict[str, float] = field(default_factory=dict)

    def probability(self, names: Sequence[str]) -> float:
        return probability(self.weights, names)

    def features(self, candidate: Candidate) -> list[str]:
        """The candidate's features, with this vetter's cue classes."""
        return features(candidate, self.classes)

    def needs(self, kind: str) -> float:
        """The probability a proposal of ``kind`` needs."""
        return self.kinds.get(kind, self.threshold)

    def evidence(self, names: Sequence[str], top: int = 3) -> tuple[str, ...]:
        """The features that weighed most for the proposal (the bias left out)."""
        weighed = sorted(((self.weights.get(n, 0.0), n) for n in names if n != "bias"),
                         key=lambda wn: (-wn[0], wn[1]))
        return tuple(f"{n} ({w:+.2f})" for w, n in weighed[:top] if w > 0)


def _unit(value: Any, where: str, key: str) -> float:
    if not finite(value) or not 0.0 <= value <= 1.0:
        raise ConfigError(f"{where}: field {key!r}: expected a number between 0 and 1")
    return float(value)


def _classes(raw: Any, where: str) -> dict[str, str]:
    """``cue_classes``: a class name -> its lower-case cue words (a word in one class only)."""
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        raise ConfigError(f"{where}: field 'cue_classes': expected a mapping")
    out: dict[str, str] = {}
    for name, words in raw.items():
        if not (isinstance(name, str) and name.isidentifier() and name.islower()
                and name != "other"):
            raise ConfigError(f"{where}: field 'cue_classes': {name!r}: expected a lower-case "
                              "name (not 'other')")
        if not isinstance(words, list) or not words:
            raise ConfigError(f"{where}: field 'cue_classes': {name}: expected a list of words")
        for w in words:
            if not isinstance(w, str) or not w.strip() or w != w.lower() or w != w.strip():
                raise ConfigError(f"{where}: field 'cue_classes': {name}: {w!r}: expected a "
                                  "lower-case word")
            if w in out:
                raise ConfigError(f"{where}: field 'cue_classes': {w!r} is in {out[w]} and "
                                  f"{name}")
            out[w] = name
    return out


def parse_vetter(raw: Any, where: str) -> Vetter:
    raw = check_fields(raw, where, FORMAT, ("format", "enabled", "threshold", "floor",
                                            "forced", "headlines", "meta", "weights"),
                       ("cue_classes", "kind_thresholds"))
    threshold, floor = _unit(raw["threshold"], where, "threshold"), _unit(raw["floor"], where,
                                                                          "floor")
    for key in ("forced", "headlines"):
        if not isinstance(raw[key], bool):
            raise ConfigError(f"{where}: field {key!r}: expected true or false")
    kinds = raw.get("kind_thresholds") or {}
    if not isinstance(kinds, dict) or not all(k in _KINDS for k in kinds):
        raise ConfigError(f"{where}: field 'kind_thresholds': expected a mapping of kinds "
                          f"({', '.join(KINDS)}) to numbers")
    gates = {k: _unit(v, where, f"kind_thresholds.{k}") for k, v in kinds.items()}
    weights = check_weights(raw["weights"], where, "weights", known)
    return Vetter(raw["enabled"], threshold, floor, raw["forced"], weights,
                  check_meta(raw, where), raw["headlines"],
                  _classes(raw.get("cue_classes"), where), gates)


read_vetter = yaml_reader(parse_vetter, "the learned finder's vetter")
_SLOT: ModelSlot[Vetter, Vetter] = ModelSlot(MODEL_FILE, read_vetter)
#: ``use_vetter(v)`` puts ``v`` in force (None: the tagger's own threshold) until
#: ``restore_vetter()``; ``vetter()`` is the one in force (None when off).
use_vetter, restore_vetter, vetter = _SLOT.use, _SLOT.restore, _SLOT.current
