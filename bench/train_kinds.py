"""A learned kind chooser for detected attributions, trained and measured on the real sets.

    .venv/bin/python bench/train_kinds.py --corpus /work/realcorpus/tune [--epochs 10]
        [--min-docs 3] [--margins 0,1,2,4,8] [--features NAMES] [--out FILE]

Issue 7 asks whether a model that chooses the kind of each attribution the rules detect
(official, named, media, unnamed_official, unnamed) beats the rules' own choice on real text.
This script builds one and measures it by leave-one-set-out; it is not shipped with the
analyser because it does not win (see bench/real/README.md, "Kind chooser"). Everything the
analyser would need is here: the features, the model, and the relabelling an analyser hook
after ``attribute`` would run (``choose``).

The real sets are third-party text and are never committed; the script reads them at run time.
A model written with ``--out`` holds feature weights only: no sentence, and no word but
lower-case words seen in at least ``--min-docs`` training documents (names are never word
features). Training is deterministic (a fixed shuffle seed, sorted features).

What it does:

1. Runs the analyser on every labelled text of ``--corpus`` (``<set>.labels.jsonl`` +
   ``<set>/<doc>.txt``) and aligns its sentences with the gold sentences as the scorer does
   (``verifier.evaluation.labels``).
2. Aligns each predicted attribution with a gold sourcing entry of its sentence. Only an
   attribution the chooser may relabel counts: not carried over from an earlier sentence (it
   follows its source words), stance ``asserts`` (a refusal's or denial's label is its
   stance), a speaker kind. Its label is the kind of the gold entry (declined and denied
   entries left out) that shares the most words with its source words (and the words that
   stand for it here, "he"); a tie goes to the entry of the rule's kind, then to the first.
   When it shares no word with any, it is labelled only if the sentence has exactly one such
   gold entry and one such predicted attribution (the scorer counts kinds, not words);
   otherwise it is left out, and so is an attribution in a sentence the gold leaves
   unattributed (the chooser chooses a kind; it does not drop an attribution).
3. Trains a multiclass averaged perceptron (``bench/train_attribution.Trainer``, shared with
   the learned attribution finder) over the attributions' features (``features``) for
   ``--epochs`` passes. A feature must occur twice; a word feature (``WORD_PREFIXES``) in
   ``--min-docs`` documents. ``--features`` keeps only the named features.
4. Leave-one-set-out over the sets: for each set, the margin (how much the model's kind must
   outscore the rule's kind to replace it) is chosen among ``--margins`` by leave-one-set-out
   inside the other six sets, a model is trained on those six, and the held-out set is scored
   with the bench/real.py scorer, rules alone and rules + model. Prints per-set and pooled
   sourcing micro-F1 and per-kind F1, and how many aligned attributions each gets right.
5. ``--out FILE``: trains on all the sets (margin by leave-one-set-out) and writes the model as
   JSON (metadata, cross-validated scores, weights), for inspection.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import re
import sys
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Protocol

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from real import labelled_texts  # noqa: E402
from train_attribution import Trainer  # noqa: E402

from verifier import analyse_text  # noqa: E402
from verifier.analysis.analyse import default_registry  # noqa: E402
from verifier.analysis.attribution import detect_outlet  # noqa: E402
from verifier.analysis.attribution.rules import Rules, lower, rules, word_list  # noqa: E402
from verifier.analysis.attribution.speakers import find_names, person_name  # noqa: E402
from verifier.analysis.results import ArticleAnalysis, Attribution, Speaker  # noqa: E402
from verifier.evaluation.labels import (  # noqa: E402
    Evaluation,
    GoldSentence,
    align,
    locate,
    score,
)
from verifier.registry import Registry, Source  # noqa: E402
from verifier.vocab import KINDS  # noqa: E402

SEED = 7
RETRAIN = "python bench/train_kinds.py --corpus DIR  (the labelled real sets)"
_WORD = re.compile(r"\w+")
_STANCE_KINDS = ("declined", "denied")



# ================================================================ the chooser: features, model,
# relabelling (what an analyser hook after ``attribute`` would run; kept here, not in the
# package, because it does not win by measurement: see the module's docstring)

MODEL_FORMAT = 1
#: the kinds the chooser chooses between (a refusal's or a denial's label is its stance)
CHOICES: tuple[Speaker, ...] = ("official", "named", "media", "unnamed_official", "unnamed")
RULE_SUFFIX = "+model.kind"
#: the word-identity feature prefixes: kept only for words seen in several documents (and
#: they are lower-case words, never names)
WORD_PREFIXES = ("head=", "sw=", "cue=")

_WORD = re.compile(r"[^\W\d_][\w'’.&-]*")
_FUNCTION = word_list("function_words")
_INDEFINITE = re.compile(
    r"(?:a|an|one|two|three|four|five|several|some|many|multiple|other|another|various|"
    r"numerous|\d+)\b", re.IGNORECASE)
_QUOTES = "\"“”"
#: a first-person word in a quoted sentence: the speaker talks about their own acts
_FIRST_PERSON = re.compile(r"\b(?:I|I'm|I’m|I've|I’ve|my|me|we|our|us)\b")
_OFFICE_ROLES = frozenset({"title", "role", "agent", "institution"})
_OUTSIDE_ROLES = frozenset({"expert", "organisation", "study", "group"})
#: how far before a name's other mentions a descriptor word is looked for (characters)
_NEAR_BEFORE = 60
#: the words of the same phrase just before a name (no punctuation between)
_PHRASE_BEFORE = re.compile(r"(?:[\w.'’&-]+[ \t]+){1,4}$")
#: an appositive just after a name (its other name words first): ", a partner at X,"
_APPOSITIVE = re.compile(r"(?:[ \t]+[A-Z][\w.'’-]*){0,2},[ \t]+([^,.;:()\"“”\n]{2,80})")


class SentenceLike(Protocol):
    @property
    def text(self) -> str: ...
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...


@dataclass(frozen=True, slots=True)
class KindModel:
    """Feature weights (one per choice) and the metadata of their training."""

    weights: dict[str, tuple[float, ...]]
    meta: dict[str, Any]

    def scores(self, feats: Sequence[str]) -> list[float]:
        total = [0.0] * len(CHOICES)
        for name in feats:
            row = self.weights.get(name)
            if row is not None:
                for k, value in enumerate(row):
                    total[k] += value
        return total


# ---------------------------------------------------------------- features


class Article:
    """What the features of one article's attributions read: its text, sentences and rules."""

    def __init__(self, text: str, sentences: Sequence[SentenceLike],
                 result: Sequence[Sequence[Attribution]], lexicon: Rules,
                 registry: Registry, outlet: Source | None) -> None:
        self.text = text
        self.sentences = sentences
        self.result = result
        self.rules = lexicon
        self.registry = registry
        self.outlet = outlet
        self._near: dict[str, tuple[int, frozenset[str]]] = {}
        self._narrated: dict[str, int] = {}
        self._spoken = sorted({(a.source.start, a.source.end) for found in result for a in found})
        self._headline = lower(sentences[0].text) if sentences else ""
        self._headline_start = " ".join(sentences[0].text.split()[:4]) if sentences else ""
        self._lead = lower(" ".join(s.text for s in sentences[:3]))

    def roles(self, words: str) -> list[tuple[str, int]]:
        """The descriptor roles in ``words`` (lower-cased), with their start."""
        by_group = self.rules.descriptor_by_group
        return [(by_group[m.lastgroup or ""].role, m.start())
                for m in self.rules.descriptor_scan.finditer(lower(words))]

    def around(self, name: str) -> tuple[int, frozenset[str]]:
        """How often ``name`` occurs in the article, and the descriptor roles that introduce
        any of its occurrences: the words just before it in the same phrase ("Health
        Secretary Jane Roe") or an appositive just after it ("Roe, an analyst at ...")."""
        found = self._near.get(name)
        if found is None:
            count = 0
            roles: set[str] = set()
            text = self.text
            for m in re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", text):
                count += 1
                before = _PHRASE_BEFORE.search(text, max(0, m.start() - _NEAR_BEFORE),
                                               m.start())
                if before is not None:
                    roles.update(role for role, _ in self.roles(before.group()))
                after = _APPOSITIVE.match(text, m.end())
                if after is not None:
                    roles.update(role for role, _ in self.roles(after.group(1)))
            found = self._near[name] = (count, frozenset(roles))
        return found


    def narrated(self, name: str) -> int:
        """How many of ``name``'s occurrences are not the source words of an attribution:
        a party to the story is narrated about, an outside voice mostly only speaks."""
        found = self._narrated.get(name)
        if found is None:
            found = 0
            for m in re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", self.text):
                if not any(a <= m.start() < b for a, b in self._spoken):
                    found += 1
            self._narrated[name] = found
        return found


def _bucket(n: int, edges: Sequence[int]) -> str:
    for edge in edges:
        if n <= edge:
            return str(edge)
    return f">{edges[-1]}"


def features(article: Article, index: int, attribution: Attribution) -> list[str]:
    """The feature names of one attribution of sentence ``index``."""
    sentence = article.sentences[index]
    source = attribution.source
    words = source.text.strip(" ,.;:\"“”'‘’")
    kind = attribution.speaker
    frame, _, rest = attribution.rule.partition("+")
    desc = rest.split("+")[0] if rest else "-"
    feats = ["b", "rk=" + kind, "frame=" + frame, "desc=" + desc, f"rk|desc={kind}|{desc}"]
    tokens = _WORD.findall(words)
    content = [t for t in tokens if t.lower() not in _FUNCTION]
    caps = [t for t in content if t[0].isupper()]
    feats.append("n=" + _bucket(len(tokens), (1, 2, 3, 5, 8)))
    feats.append("caps=" + ("all" if content and len(caps) == len(content)
                            else "some" if caps else "none"))
    if any(len(t) > 1 and t.isupper() for t in tokens):
        feats.append("acronym")
    if _INDEFINITE.match(words):
        feats.append("indefinite")
    if words.lower().startswith("the "):
        feats.append("the")
    if "," in words:
        feats.append("appositive")
    if re.search(r"\w['’]s?\s", words):
        feats.append("possessive")
    if tokens and tokens[-1].islower() and tokens[-1].endswith("s") and len(tokens[-1]) > 3:
        feats.append("plural")
    if attribution.carried:
        feats.append("carried")
        if attribution.mention is not None:
            m = attribution.mention.text.lower()
            feats.append("mention=" + ("pronoun" if len(m.split()) == 1 and m.isalpha()
                                       and len(m) <= 4 else "phrase"))
    if source.start == sentence.start and tokens and tokens[0][0].isupper():
        feats.append("sentence_initial")
    roles = article.roles(words)
    for role in sorted({r for r, _ in roles}):
        feats.append("role=" + role)
        feats.append(f"rk|role={kind}|{role}")
    if roles:
        feats.append("first_role=" + roles[0][0])
    found = find_names(article.registry, words) if words else []
    for reg, _, _ in found[:1]:
        feats.append("reg=" + reg.speaker)
        feats.append(f"rk|reg={kind}|{reg.speaker}")
    named = person_name(words, article.rules, [(a, b) for _, a, b in found]) if words else None
    if named is not None:
        feats.append("person_name")
    if any(t.lower().rstrip(".") in article.rules.org_name_words for t in tokens):
        feats.append("org_word")
    # the party: how often its last name word occurs, and what describes it elsewhere
    last = caps[-1] if caps else ""
    last = re.sub(r"['’]s?$", "", last)
    if len(last) > 1:
        count, near = article.around(last)
        feats.append("mentions=" + _bucket(count, (1, 2, 4)))
        office = bool(near & _OFFICE_ROLES)
        outside = bool(near & _OUTSIDE_ROLES)
        feats.append(f"elsewhere={'office' if office else '-'}|{'outside' if outside else '-'}")
        feats.append(f"rk|elsewhere={kind}|{office}|{outside}")
        narrated = _bucket(article.narrated(last), (0, 1, 3))
        feats.append("narrated=" + narrated)
        feats.append(f"rk|narrated={kind}|{narrated}")
        if last and last.lower() in article._headline:
            feats.append("in_headline")
            feats.append(f"rk|in_headline={kind}")
        if last and last in article._headline_start:
            feats.append("headline_subject")
        if last and last.lower() in article._lead:
            feats.append("in_lead")
            feats.append(f"rk|in_lead={kind}")
    # word identities: lower-case words only (the trainer keeps the frequent ones)
    lows = [t.lower() for t in tokens if t.islower() and t not in _FUNCTION]
    if lows and tokens[-1].islower():
        feats.append("head=" + tokens[-1])
    feats.extend("sw=" + w for w in sorted(set(lows)))
    cue = attribution.cue.text.lower().split()
    if cue:
        feats.append("cue=" + cue[0].strip(".,:;\"“”"))
    # where the sentence stands and how it is quoted
    feats.append("pos=" + _bucket(index, (0, 2, 6, 15)))
    text = sentence.text
    if any(q in text for q in _QUOTES):
        feats.append("quoted")
        if _FIRST_PERSON.search(text):
            feats.append("first_person")
            feats.append(f"rk|first_person={kind}")
        cue_at = attribution.cue.start - sentence.start
        if any(q in text[:cue_at] for q in _QUOTES):
            feats.append("cue_after_quote")
    if sentence.start <= source.start < sentence.end:
        feats.append("source_before_cue" if source.start < attribution.cue.start
                     else "source_after_cue")
    else:
        feats.append("source_elsewhere")
    return feats


# ---------------------------------------------------------------- choosing


@dataclass(frozen=True, slots=True)
class Choice:
    """The model's kind for one attribution and why."""

    kind: Speaker
    margin: float
    probability: float
    evidence: tuple[str, ...]

    def reason(self, was: str) -> str:
        return (f"kind model: rules said {was}, model says {self.kind} (margin "
                f"{self.margin:.2f}, p {self.probability:.2f}); weighed most: "
                f"{', '.join(self.evidence)}")


def decide(tagger: KindModel, feats: Sequence[str], rule_kind: str,
           evidence: int = 3) -> Choice:
    """The model's best kind for an attribution, its margin over the rule's kind, a softmax
    probability, and the features that weighed most for it against the rule's kind."""
    scores = tagger.scores(feats)
    best = max(range(len(CHOICES)), key=lambda k: (scores[k], -k))
    rule_at = CHOICES.index(rule_kind) if rule_kind in CHOICES else best
    top = max(scores)
    exp = [math.exp(s - top) for s in scores]
    weighed: list[tuple[float, str]] = []
    for name in feats:
        row = tagger.weights.get(name)
        if row is not None and name != "b":
            weighed.append((row[best] - row[rule_at], name))
    weighed.sort(key=lambda x: (-x[0], x[1]))
    shown = tuple(f"{name} ({value:+.1f})" for value, name in weighed[:evidence] if value > 0)
    return Choice(CHOICES[best], scores[best] - scores[rule_at], exp[best] / sum(exp), shown)


def choose(text: str, sentences: Sequence[SentenceLike],
           result: list[tuple[Attribution, ...]], lexicon: Rules, registry: Registry,
           outlet: Source | None, tagger: KindModel, margin: float, evidence: int = 3) -> None:
    """Relabel, in ``result``, the attributions whose kind the model chooses otherwise by at
    least ``margin`` (as an analyser hook after ``attribute`` would: the carried attributions
    follow their source words)."""
    article = Article(text, sentences, result, lexicon, registry, outlet)
    moved: dict[tuple[int, int, str], tuple[Speaker, str]] = {}
    for index, found in enumerate(result):  # the attributions whose source words are here
        for attribution in found:
            if attribution.carried or attribution.stance != "asserts" or (
                    attribution.speaker not in CHOICES):
                continue
            choice = decide(tagger, features(article, index, attribution),
                            attribution.speaker, evidence)
            if choice.kind != attribution.speaker and choice.margin >= margin:
                key = (attribution.source.start, attribution.source.end, attribution.speaker)
                moved.setdefault(key, (choice.kind, choice.reason(attribution.speaker)))
    if not moved:
        return
    for index, found in enumerate(result):  # relabelled, and the carried ones follow them
        if any(a.stance == "asserts" and (a.source.start, a.source.end, a.speaker) in moved
               for a in found):
            result[index] = tuple(_relabelled(a, moved) for a in found)


def _relabelled(attribution: Attribution,
                moved: dict[tuple[int, int, str], tuple[Speaker, str]]) -> Attribution:
    key = (attribution.source.start, attribution.source.end, attribution.speaker)
    if attribution.stance != "asserts" or key not in moved:
        return attribution
    kind, reason = moved[key]
    return replace(attribution, speaker=kind, rule=attribution.rule + RULE_SUFFIX,
                   reason="; ".join(r for r in (attribution.reason, reason) if r))


# ================================================================ training and measuring


@dataclass
class Doc:
    """One labelled text: its gold sentences, the rules' analysis, and its examples."""

    set: str
    name: str
    gold: list[GoldSentence]
    analysis: ArticleAnalysis
    #: (features, gold kind index) of each attribution the chooser may relabel, aligned
    examples: list[tuple[list[str], int]]


def _words(text: str) -> set[str]:
    return {w.lower() for w in _WORD.findall(text)}


def gold_kind(attribution: Attribution, gold: GoldSentence, alone: bool) -> str | None:
    """The gold kind an attribution aligns with (see the module's step 2), or None."""
    entries = [(k, s) for k, s in zip(gold.kinds, gold.sources, strict=True)
               if k not in _STANCE_KINDS]
    if not entries:
        return None
    mine = _words(attribution.source.text)
    if attribution.mention is not None:
        mine |= _words(attribution.mention.text)
    best: tuple[int, int, int] | None = None
    for i, (kind, source) in enumerate(entries):
        shared = len(mine & _words(source))
        if shared:
            key = (shared, kind == attribution.speaker, -i)
            if best is None or key > best:
                best = key
    if best is not None:
        return entries[-best[2]][0]
    return entries[0][0] if alone and len(entries) == 1 else None


def chooseable(a: Attribution) -> bool:
    return not a.carried and a.stance == "asserts" and a.speaker in CHOICES


def load(corpus: Path) -> list[Doc]:
    registry = default_registry()
    lexicon = rules()
    docs: list[Doc] = []
    for name, doc, gold, text in labelled_texts(corpus):
        analysis = analyse_text(text)
        result = [s.attributions for s in analysis.sentences]
        article = Article(text, analysis.sentences, result, lexicon, registry,
                          detect_outlet(text, registry))
        matched, _ = align(locate(text, gold, doc), analysis.sentences)
        examples = []
        for g, p in zip(gold, matched, strict=True):
            if p is None:
                continue
            mine = [a for a in p.attributions if chooseable(a)]
            for a in mine:
                kind = gold_kind(a, g, len(mine) == 1)
                if kind is not None:
                    examples.append((features(article, p.index, a),
                                     CHOICES.index(kind)))
        docs.append(Doc(name, doc, gold, analysis, examples))
    return docs


def train(docs: Sequence[Doc], epochs: int, min_docs: int) -> KindModel:
    """A kind model trained on ``docs`` (deterministic)."""
    counts: Counter[str] = Counter()
    in_docs: Counter[str] = Counter()
    for doc in docs:
        seen: set[str] = set()
        for feats, _ in doc.examples:
            counts.update(feats)
            seen.update(feats)
        in_docs.update(seen)
    names = sorted(n for n, c in counts.items() if c >= 2 and (
        not n.startswith(WORD_PREFIXES) or in_docs[n] >= min_docs))
    index = {n: i for i, n in enumerate(names)}
    data = [(np.array([index[f] for f in feats if f in index], dtype=np.int64), label)
            for doc in docs for feats, label in doc.examples]
    trainer = Trainer(len(names), len(CHOICES))
    rng = random.Random(SEED)
    for _ in range(epochs):
        trainer.classify_epoch(data, rng)
    w, _ = trainer.averaged()
    weights = {n: tuple(round(float(x), 4) for x in w[i]) for n, i in index.items()
               if np.abs(w[i]).max() >= 1e-4}
    meta: dict[str, Any] = {
        "format": MODEL_FORMAT, "labels": list(CHOICES), "corpus": "",
        "trained": "", "epochs": epochs, "min_docs": min_docs, "scores": {}, "retrain": RETRAIN,
    }
    return KindModel(weights, meta)


def relabelled(docs: Sequence[Doc], model: KindModel | None,
               margin: float) -> list[tuple[str, list[GoldSentence], ArticleAnalysis]]:
    """Each doc's analysis with the chooser applied as an analyser hook would apply it."""
    registry = default_registry()
    lexicon = rules()
    out = []
    for doc in docs:
        an = doc.analysis
        if model is not None:
            result = [s.attributions for s in an.sentences]
            choose(an.text, an.sentences, result, lexicon, registry,
                   detect_outlet(an.text, registry), model, margin)
            an = replace(an, sentences=tuple(
                replace(s, attributions=found) for s, found in zip(an.sentences, result,
                                                                   strict=True)))
        out.append((doc.name, doc.gold, an))
    return out


def loso_margin(docs: Sequence[Doc], margins: Sequence[float], epochs: int,
                min_docs: int) -> float:
    """The margin with the best pooled micro-F1 in leave-one-set-out over ``docs``' sets
    (ties to the larger margin: fewer relabels)."""
    sets = sorted({d.set for d in docs})
    models = {s: train([d for d in docs if d.set != s], epochs, min_docs) for s in sets}
    best: tuple[float, float] | None = None
    for margin in margins:
        pooled = []
        for s in sets:
            pooled += relabelled([d for d in docs if d.set == s], models[s], margin)
        f1 = score(pooled).sourcing.f1
        if best is None or (f1, margin) > best:
            best = (f1, margin)
    assert best is not None
    return best[1]


def _row(name: str, ev: Evaluation) -> str:
    per = " ".join(f"{ev.per_kind[k].f1:5.2f}" for k in KINDS)
    return f"{name:6} {ev.sourcing.f1:5.3f}  {per}"


def cross_validate(docs: Sequence[Doc], margins: Sequence[float], epochs: int,
                   min_docs: int) -> dict[str, Any]:
    sets = sorted({d.set for d in docs})
    rules_all: list[tuple[str, list[GoldSentence], ArticleAnalysis]] = []
    model_all: list[tuple[str, list[GoldSentence], ArticleAnalysis]] = []
    totals: Counter[str] = Counter(n=0, rules=0, model=0)
    header = " ".join(f"{k[:5]:>5}" for k in KINDS)
    print(f"{'set':6} {'F1':>5}  {header}   (rules / rules + model, margin)")
    out: dict[str, Any] = {}
    for s in sets:
        train_docs = [d for d in docs if d.set != s]
        held = [d for d in docs if d.set == s]
        margin = loso_margin(train_docs, margins, epochs, min_docs)
        model = train(train_docs, epochs, min_docs)
        base = relabelled(held, None, 0.0)
        mine = relabelled(held, model, margin)
        rules_all += base
        model_all += mine
        a, b = score(base), score(mine)
        right = _right(held, model, margin)
        for key in right:
            totals[key] += right[key]
        print(_row(s, a) + f"   {right['rules']}/{right['n']} right")
        print(_row("", b) + f"   {right['model']}/{right['n']} right, margin {margin:g}")
        out[s] = {"rules": round(a.sourcing.f1, 4), "model": round(b.sourcing.f1, 4),
                  "margin": margin, **right}
    a, b = score(rules_all), score(model_all)
    print(_row("pooled", a) + f"   {totals['rules']}/{totals['n']} right")
    print(_row("", b) + f"   {totals['model']}/{totals['n']} right")
    out["pooled"] = {"rules": round(a.sourcing.f1, 4), "model": round(b.sourcing.f1, 4),
                     "per_kind": {k: [round(a.per_kind[k].f1, 4), round(b.per_kind[k].f1, 4)]
                                  for k in KINDS}, **totals}
    return out


def _right(docs: Sequence[Doc], model: KindModel, margin: float) -> Counter[str]:
    """Of the aligned attributions of ``docs``: how many there are, and how many the rules'
    kind and the model's (with ``margin``) get right."""
    right: Counter[str] = Counter(n=0, rules=0, model=0)
    for doc in docs:
        for feats, label in doc.examples:
            was = next(f[3:] for f in feats if f.startswith("rk="))
            choice = decide(model, feats, was)
            kind = choice.kind if choice.margin >= margin else was
            right["n"] += 1
            right["rules"] += was == CHOICES[label]
            right["model"] += kind == CHOICES[label]
    return right


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, required=True)
    parser.add_argument("--epochs", type=int, default=10)
    parser.add_argument("--min-docs", type=int, default=3)
    parser.add_argument("--margins", default="0,1,2,4,8")
    parser.add_argument("--features", default="",
                        help="keep only the features of these names (comma-separated: 'rk' "
                             "keeps rk=..., 'person_name' that flag); default all")
    parser.add_argument("--out", type=Path, help="write the model trained on all the sets")
    args = parser.parse_args(argv)
    if not args.corpus.is_dir() or not any(args.corpus.glob("*.labels.jsonl")):
        print(f"bench/train_kinds.py: {args.corpus}: no <set>.labels.jsonl there",
              file=sys.stderr)
        return 2
    margins = [float(m) for m in args.margins.split(",")]
    t0 = time.perf_counter()
    docs = load(args.corpus)
    if args.features:
        keep = set(args.features.split(","))
        for doc in docs:
            doc.examples = [([f for f in feats if f.split("=")[0] in keep], y)
                            for feats, y in doc.examples]
    labels = Counter(CHOICES[y] for d in docs for _, y in d.examples)
    print(f"{len(docs)} texts, {sum(len(d.examples) for d in docs)} aligned attributions "
          f"{dict(sorted(labels.items()))} ({time.perf_counter() - t0:.0f}s)", flush=True)
    scores = {"leave_one_set_out": cross_validate(docs, margins, args.epochs, args.min_docs)}
    if args.out is not None:
        margin = loso_margin(docs, margins, args.epochs, args.min_docs)
        model = train(docs, args.epochs, args.min_docs)
        sets = sorted({d.set for d in docs})
        model.meta.update(corpus=f"real sets {', '.join(sets)} ({len(docs)} texts)",
                          trained=datetime.now(UTC).strftime("%Y-%m-%d"),
                          scores={**scores, "margin": margin})
        body = {"meta": model.meta, "weights": {n: list(w) for n, w in
                                                sorted(model.weights.items())}}
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps(body, indent=0, sort_keys=True) + "\n", encoding="utf-8")
        print(f"wrote {args.out}: {len(model.weights)} features, margin {margin:g}")
    print(f"({time.perf_counter() - t0:.0f}s)")
    return 0


if __name__ == "__main__":
    from _entry import run

    raise SystemExit(run(main))
