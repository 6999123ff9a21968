"""A learned filler: a kind of source for a claim sentence the rules leave without one.

The rules find no source for some sentences the labellers attribute: a paragraph that goes
on with the previous sentence's speaker in words no carrying rule reads, or a sentence whose
own words (a hearsay word, an outlet's "reported") say who stands behind it in a way no
rule was written for. The filler looks at each claim sentence the rules leave without an
attribution, after every rule has run, and weighs named features of it: the kinds the
rules gave the sentences around it (``prev:official``, ``next:nothing`` ...), its quotation
marks, where it stands in the article and its paragraph, and the lower-case words it holds
(only words seen in at least three training documents; a name is never a feature: names are
capitalised). A multinomial logit over "no source" and the seven kinds gives each kind a
probability; the most likely kind is added when its probability reaches the model's
``threshold``.

The weights are ``verifier/data/models/filler.yaml``, trained by ``bench/train_filler.py``
on the labelled real sets and measured leave-one-set-out (a set is scored by a model
trained on the others); ``enabled: false`` leaves the rules' attributions as they are. The
file holds weights only: no sentence of the training text, no word seen in fewer than three
training documents.

Every attribution it adds says why: its rule id is ``RULE_ID``, its ``reason`` gives the
probability and the features that weighed most with their weights. When the kind is one the
previous sentence's source has (or a refusal or denial after a sentence with a speaker),
that source is carried (``carried``, its words and offsets in the earlier sentence) and so
is its cue: the words that said whose the earlier sentence is (its "said", or the opening
quotation mark of a quote going on) are the evidence the kind was carried from, unless a
word of the sentence weighed for the kind (then that word is the cue); otherwise the source
and cue are the word of the sentence that weighed most for the kind.

Quoted words written on an object (a banner, sign or placard "reading" them, a slogan, a
headline, an inscription) are no speaker going on: the model file declares that
construction (``written``: the objects, the verbs that introduce the words, examples that
state their labels) and the filler adds nothing to a sentence that holds it.

Pure: no database, no randomness. Features are computed from the rules' attributions
alone, so the model's own additions never feed its next decision.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from verifier.analysis.results import Attribution, Sentence, Span, Speaker, Stance
from verifier.errors import ConfigError
from verifier.model_files import (
    ModelSlot,
    check_class_weights,
    check_fields,
    check_meta,
    yaml_reader,
)
from verifier.vocab import KINDS, SPEAKERS

MODEL_FILE = "models/filler.yaml"
FORMAT = 1
RULE_ID = "model.filler"
#: The classes of the logit, in order: no source, then each kind.
NONE = "none"
CLASSES: tuple[str, ...] = (NONE, *KINDS)

#: The fixed features (what each measures); ``prev:``, ``prev2:`` and ``next:`` are followed by
#: a kind or ``nothing``, and ``word:`` by a lower-case word.
FIXED: dict[str, str] = {
    "bias": "constant",
    "quote:opens": "the sentence opens with a quotation mark",
    "quote:marks": "the sentence holds a double quotation mark",
    "quote:odd": "the sentence holds an odd number of double quotation marks",
    "quote:prev_open": "the previous sentence leaves a quotation open (odd marks)",
    "prev:quote": "the previous sentence holds a double quotation mark",
    "prev:carried": "the previous sentence's source is carried from earlier",
    "prev:nonclaim": "the previous sentence is no claim",
    "paragraph": "the sentence opens a paragraph",
    "prev:same_paragraph": "the previous sentence ends in the sentence's paragraph",
    "headline": "the article's first sentence",
    "lead": "one of the article's first four sentences",
    "late": "in the second half of the article",
    "short": "fewer than 10 words",
    "long": "more than 35 words",
    "colon": "the sentence holds a colon",
    "question": "the sentence ends with a question mark",
}
NEIGHBOURS = ("self", "prev", "prev2", "next")
KIND_FEATURES: dict[str, str] = {
    f"{where}:{kind}": f"the {where} sentence has a source of kind {kind}"
    for where in NEIGHBOURS for kind in (*KINDS, "nothing")
}
FEATURES: dict[str, str] = {**FIXED, **KIND_FEATURES, "self:carried":
                            "the sentence's source is carried from earlier"}
#: Where the filler looks: ``empty`` (claim sentences the rules give no source) or ``all``
#: (every claim sentence: a kind the rules' attributions lack may be added).
SCOPES = ("empty", "all")
_WORD_NAME = re.compile(r"word:[a-z][a-z'-]*|rule:[\w.:-]+")
_WORD = re.compile(r"(?<![\w'’-])[a-z][a-z'’-]*[a-z]|(?<![\w'’-])[a-z](?![\w'’-])")
_DOUBLE = re.compile(r"[\"“”]")
_OPENING = re.compile(r"^\s*[\"“‘']")


def known(name: str) -> bool:
    """Whether ``name`` is a feature the model may weigh."""
    return name in FEATURES or _WORD_NAME.fullmatch(name) is not None


def words(sentence: Sentence) -> list[tuple[str, Span]]:
    """The sentence's lower-case words as written (a capitalised word, a name or a sentence's
    first word, is never one), each with its span in the article."""
    return [(m.group().replace("’", "'"),
             Span(m.group(), sentence.start + m.start(), sentence.start + m.end()))
            for m in _WORD.finditer(sentence.text)]


def features(text: str, sentences: Sequence[Sentence], claims: Sequence[bool],
             found: Sequence[Sequence[Attribution]], index: int) -> dict[str, float]:
    """The named features of sentence ``index`` (its words not included: ``words``), in
    this order (the model's sums add them in it)."""
    sentence = sentences[index]
    out: dict[str, float] = {"bias": 1.0}
    _quotation_marks(out, sentence.text)
    starts = index == 0 or "\n" in text[sentences[index - 1].end : sentence.start]
    _place(out, starts, index, len(sentences))
    _shape(out, sentence.text)
    _kinds_around(out, found, index, len(sentences))
    if index:
        _previous(out, sentences[index - 1].text, claims[index - 1], found[index - 1], starts)
    return out


def _quotation_marks(out: dict[str, float], words: str) -> None:
    """The sentence opens with a quotation mark, holds a double one, an odd number of them."""
    marks = len(_DOUBLE.findall(words))
    if _OPENING.match(words):
        out["quote:opens"] = 1.0
    if marks:
        out["quote:marks"] = 1.0
    if marks % 2:
        out["quote:odd"] = 1.0


def _place(out: dict[str, float], starts: bool, index: int, sentences: int) -> None:
    """Where the sentence stands: opening a paragraph (``starts``), the headline, the lead,
    the second half of the article."""
    if starts:
        out["paragraph"] = 1.0
    if index == 0:
        out["headline"] = 1.0
    if index < 4:
        out["lead"] = 1.0
    if index * 2 >= sentences:
        out["late"] = 1.0


def _shape(out: dict[str, float], words: str) -> None:
    """The sentence is short or long, holds a colon, asks a question."""
    count = len(words.split())
    if count < 10:
        out["short"] = 1.0
    if count > 35:
        out["long"] = 1.0
    if ":" in words:
        out["colon"] = 1.0
    if words.rstrip(" \"”’'").endswith("?"):
        out["question"] = 1.0


def _kinds_around(out: dict[str, float], found: Sequence[Sequence[Attribution]], index: int,
                  sentences: int) -> None:
    """The kinds the rules found in the sentence and its neighbours (``nothing``: none),
    the rules that found the sentence's own, whether one of them is carried."""
    for where, other in (("self", index), ("prev", index - 1), ("prev2", index - 2),
                         ("next", index + 1)):
        if not 0 <= other < sentences:
            continue
        kinds: set[str] = {a.kind for a in found[other]}
        for kind in kinds or {"nothing"}:
            out[f"{where}:{kind}"] = 1.0
    for attribution in found[index]:
        out[f"rule:{attribution.rule}"] = 1.0
        if attribution.carried:
            out["self:carried"] = 1.0


def _previous(out: dict[str, float], before: str, claim: bool, found: Sequence[Attribution],
              starts: bool) -> None:
    """The sentence before: no claim, with a quotation mark, leaving a quotation open, with
    a carried source, in the same paragraph (the sentence does not start one)."""
    if not claim:
        out["prev:nonclaim"] = 1.0
    if _DOUBLE.search(before):
        out["prev:quote"] = 1.0
    if len(_DOUBLE.findall(before)) % 2:
        out["quote:prev_open"] = 1.0
    if any(a.carried for a in found):
        out["prev:carried"] = 1.0
    if not starts:
        out["prev:same_paragraph"] = 1.0


@dataclass(frozen=True)
class Written:
    """Quoted words written on an object: one of ``objects`` (singular or plural), at most
    ``reach`` words before one of ``verbs`` ("reading", "that read"), then (after a comma or
    colon) a double quotation mark: 'A banner reading "Jobs now" hung from the window.'"""

    objects: tuple[str, ...]
    verbs: tuple[str, ...]
    reach: int

    @property
    def pattern(self) -> re.Pattern[str]:
        return _written_pattern(self.objects, self.verbs, self.reach)

    def holds(self, text: str) -> bool:
        """Whether ``text`` quotes words written on an object."""
        return self.pattern.search(text) is not None


@cache
def _written_pattern(objects: tuple[str, ...], verbs: tuple[str, ...], reach: int
                     ) -> re.Pattern[str]:
    nouns = "|".join(re.escape(o) for o in sorted(objects, key=len, reverse=True))
    says = "|".join(r"\s+".join(re.escape(w) for w in v.split())
                    for v in sorted(verbs, key=len, reverse=True))
    return re.compile(
        rf"(?<![\w-])(?:{nouns})(?:s|es)?(?![\w-])(?:[\s,]+[^\s\"“”.?!]+){{0,{reach}}}?"
        rf"[\s,]+(?:{says})[,:]?\s*[\"“]", re.IGNORECASE)


@dataclass(frozen=True)
class Filler:
    """Weights per class (``CLASSES``) of named features; ``threshold``: the probability the
    most likely kind must reach to be added."""

    weights: Mapping[str, Mapping[str, float]]
    meta: Mapping[str, Any] = field(default_factory=dict)
    enabled: bool = True
    threshold: float = 0.5
    scope: str = "empty"
    #: quoted words written on an object: sentences the filler leaves alone (None: none)
    written: Written | None = None

    def looks_at(self, sentence: Sentence, claim: bool, found: Sequence[Attribution]) -> bool:
        """Whether the filler weighs the sentence: a claim in its scope (without a source,
        or any) whose quoted words are not written on an object."""
        return claim and not (found and self.scope == "empty") and not (
            self.written is not None and self.written.holds(sentence.text))

    def probabilities(self, named: Mapping[str, float]) -> dict[str, float]:
        scores = {c: sum(self.weights.get(c, {}).get(n, 0.0) * v for n, v in named.items())
                  for c in CLASSES}
        top = max(scores.values())
        exp = {c: math.exp(s - top) for c, s in scores.items()}
        total = sum(exp.values())
        return {c: e / total for c, e in exp.items()}

    def fill(self, text: str, sentences: Sequence[Sentence], claims: Sequence[bool],
             found: Sequence[tuple[Attribution, ...]]) -> list[tuple[Attribution, ...]]:
        """``found`` with an attribution added to each claim sentence in scope (empty ones,
        or all) where the model's most likely kind reaches the threshold."""
        result = list(found)
        for index in range(len(sentences)):
            if not self.looks_at(sentences[index], claims[index], found[index]):
                continue
            added = self.propose(text, sentences, claims, found, index)
            if added is not None:
                result[index] = (*found[index], added)
        return result

    def propose(self, text: str, sentences: Sequence[Sentence], claims: Sequence[bool],
                found: Sequence[Sequence[Attribution]], index: int) -> Attribution | None:
        named = features(text, sentences, claims, found, index)
        spans: dict[str, Span] = {}
        for word, span in words(sentences[index]):
            name = f"word:{word}"
            if name not in spans and any(name in w for w in self.weights.values()):
                spans[name] = span
                named[name] = 1.0
        p = self.probabilities(named)
        kind = max(KINDS, key=lambda k: (p[k], -KINDS.index(k)))
        if p[kind] < self.threshold:
            return None
        weights = self.weights.get(kind, {})
        fired = sorted(((n, weights.get(n, 0.0) - self.weights.get(NONE, {}).get(n, 0.0))
                        for n in named), key=lambda nw: (-nw[1], nw[0]))
        why = ", ".join(f"{n} {w:+.2f}" for n, w in fired[:5] if w > 0)
        reason = f"learned filler: {kind} p={p[kind]:.2f} ({why})"
        stance: Stance = "denies" if kind == "denied" else "declines" if kind == "declined" \
            else "asserts"
        cue_word = next((spans[n] for n, w in fired if n in spans and w > 0), None)
        for own in found[index]:  # the sentence's own speaker refuses, denies or asserts too
            if own.speaker == kind or (stance != "asserts" and own.stance == "asserts"):
                return Attribution(own.speaker, stance, own.source, own.cue, RULE_ID,
                                   own.carried, reason, own.mention, own.evidence)
        if index:
            for earlier in found[index - 1]:
                if earlier.kind == kind or (stance != "asserts" and earlier.stance == "asserts"):
                    # the earlier sentence's cue: the words the kind was carried from
                    return Attribution(earlier.speaker, stance, earlier.source,
                                       cue_word or earlier.cue, RULE_ID, True, reason,
                                       evidence=earlier.evidence)
        if cue_word is None:
            return None  # nothing in the sentence or before it to show for the kind
        speaker: Speaker = next((s for s in SPEAKERS if s == kind), "unnamed")
        return Attribution(speaker, stance, cue_word, cue_word, RULE_ID, False, reason)


def _words_list(raw: Any, where: str) -> tuple[str, ...]:
    if not isinstance(raw, list) or not raw or not all(
            isinstance(w, str) and w == w.lower() and w.strip() == w and w for w in raw):
        raise ConfigError(f"{where}: expected a non-empty list of lower-case words")
    return tuple(raw)


def parse_written(raw: Any, where: str) -> Written:
    """Validate the ``written`` construction: ``objects`` and ``verbs`` (lists of lower-case
    words), ``reach`` (0-6 words between them) and ``examples`` (each a ``text`` and whether
    it is ``written``: every example must get its label)."""
    if not isinstance(raw, dict):
        raise ConfigError(f"{where}: expected a mapping")
    unknown = sorted(str(k) for k in raw if k not in {"objects", "verbs", "reach", "examples"})
    if unknown:
        raise ConfigError(f"{where}: field {unknown[0]!r}: unknown")
    for key in ("objects", "verbs", "reach", "examples"):
        if key not in raw:
            raise ConfigError(f"{where}: field {key!r}: missing")
    reach = raw["reach"]
    if isinstance(reach, bool) or not isinstance(reach, int) or not 0 <= reach <= 6:
        raise ConfigError(f"{where}.reach: expected a whole number from 0 to 6")
    written = Written(_words_list(raw["objects"], f"{where}.objects"),
                      _words_list(raw["verbs"], f"{where}.verbs"), reach)
    examples = raw["examples"]
    if not isinstance(examples, list) or not examples:
        raise ConfigError(f"{where}.examples: expected a non-empty list")
    labels = set()
    for n, example in enumerate(examples):
        here = f"{where}.examples[{n}]"
        if not isinstance(example, dict) or set(example) != {"text", "written"} or \
                not isinstance(example["text"], str) or not isinstance(example["written"], bool):
            raise ConfigError(f"{here}: expected a text and written: true or false")
        if written.holds(example["text"]) != example["written"]:
            raise ConfigError(f"{here}: {example['text']!r} is "
                              f"{'not ' if example['written'] else ''}read as written words")
        labels.add(example["written"])
    if labels != {True, False}:
        raise ConfigError(f"{where}.examples: expected examples of both labels")
    return written


def parse_filler(raw: Any, where: str) -> Filler:
    """Validate a parsed filler file: ``format``, ``enabled``, ``threshold`` (a number in
    (0, 1]), ``meta`` (a mapping: what it was trained on and scored), ``weights`` (each
    class of ``CLASSES`` -> known feature names -> finite numbers) and, optionally,
    ``written`` (``parse_written``). Unknown keys are errors."""
    raw = check_fields(raw, where, FORMAT,
                       {"format", "enabled", "threshold", "scope", "meta", "weights"},
                       {"written"})
    threshold = raw["threshold"]
    if isinstance(threshold, bool) or not isinstance(threshold, int | float) or \
            not 0 < threshold <= 1:
        raise ConfigError(f"{where}: field 'threshold': expected a number in (0, 1]")
    if raw["scope"] not in SCOPES:
        raise ConfigError(f"{where}: field 'scope': expected one of {', '.join(SCOPES)}")
    meta = check_meta(raw, where)
    parsed = check_class_weights(raw, where, CLASSES, known, "class", "classes")
    written = parse_written(raw["written"], f"{where}: field 'written'") \
        if "written" in raw else None
    return Filler(parsed, dict(meta), raw["enabled"], float(threshold), raw["scope"], written)


read_filler = yaml_reader(parse_filler, "filler model")
#: Fillers in force instead of the packaged one, innermost last: ``use_filler`` (None: the
#: rules alone) until ``restore_filler`` (measuring and training: ``bench/train_filler.py``);
#: ``filler``: the one in force (an override, else the packaged one when it is enabled).
_SLOT: ModelSlot[Filler, Filler] = ModelSlot(MODEL_FILE, read_filler)
use_filler, restore_filler, filler = _SLOT.use, _SLOT.restore, _SLOT.current


def filled(text: str, sentences: Sequence[Sentence], claims: Sequence[bool],
           found: list[tuple[Attribution, ...]]) -> list[tuple[Attribution, ...]]:
    """``found`` as the filler in force completes it (unchanged when none is)."""
    model = filler()
    return found if model is None else model.fill(text, sentences, claims, found)
