"""The analyser's attributions measured against PolNeAR's hand-annotated Source and Cue spans.

    .venv/bin/python bench/polnear.py [eval] [--split dev|train] [--article NAME] [--json]
        [--misses N] [--false-positives N] [--level sentence|source|cue] [--corpus DIR]
    .venv/bin/python bench/polnear.py inventory [--split train] [--min-count 3] [--out FILE]

PolNeAR (``../shared/corpus/polnear``, see its README) is real political news whose
attributions were annotated by others as Source, Cue and Content spans in brat standoff
(``T`` lines with character offsets, possibly discontinuous ``10 20;25 40``; ``E`` lines tie
one attribution's parts). Its text is read at run time and never copied into the project. When
an article has two annotators' files (``<article>_<annotator>.ann``) the first one in sorted
order is used.

``eval`` (the default) runs ``verifier.analyse_text`` on every article of the split, giving it
the publishing outlet from ``metadata.tsv`` as a reader would know it ("told The Huffington
Post" in a Huffington Post story is not an attribution to a medium; ``--no-outlet`` leaves it
out), and reports:

- ``sentence``: the unit is the analyser's sentence. Gold positive when a PolNeAR Cue span
  overlaps it, predicted positive when the analyser gives it at least one attribution.
  ``fp_in_gold_content`` counts the false positives that lie inside a gold Content span (an
  untagged continuation of a quote whose cue is in another sentence, or an attribution nested
  in a quote, which PolNeAR never annotates: a difference of unit or scope rather than a
  wrong attribution). The ``source`` and ``cue`` blocks count them too.
- ``source`` and ``cue``: per article, the distinct gold spans against the distinct predicted
  spans (a source carried over from an earlier sentence counts where its words are). Overlap
  matching (any shared character, one-to-one, greedy by the size of the overlap) gives the
  top-level P/R/F1; ``exact`` gives P/R/F1 for equal spans after stripping surrounding
  punctuation and whitespace.
- ``scoped`` (in each block, printed as a second line): the same counts with the false
  positives set aside that lie mostly (at least half their characters) inside one gold Content
  span (``fp_set_aside``): PolNeAR attributes those words too, through a cue in another
  sentence (a quotation's later sentences: its Content spans them, its Cue is in one, while
  the sourcing guide attributes every sentence of a quote) or as part of another attribution
  (a nested one: each PolNeAR token belongs to at most one attribution); also a sentence with
  a quotation mark whose every attribution is the previous quotation's speaker going on, named
  nowhere in it (``fp_aside_quote_going_on``: the guide attributes a quoted paragraph with no
  tag of its own, PolNeAR often leaves it unannotated); and, for source spans only, a medium
  told or interviewed that shares its cue with the speaker ("X told CNN": media besides the
  speaker's kind by the guide, one source per cue in PolNeAR) or a source that is its own cue
  (a hearsay word or an agentless phrase, "reportedly", "it is unclear": the guide's source,
  no Source in PolNeAR). Recall is unchanged.
  It is the number to read against the sourcing guide; the plain one is PolNeAR's unit.

``--json`` prints ``{"sentence": {"p", "r", "f1", "tp", "fp", "fn", ..., "scoped": {...}},
"source": {..., "exact": {...}, "scoped": {...}}, "cue": {...}, "scoped_rule": "..."}``.
``--misses N`` / ``--false-positives N`` print that many
examples (spread evenly over the split) at ``--level`` (sentence by default), the sentence
with the gold or predicted spans marked: ``<<source>>`` and ``[[cue]]``.

``inventory`` builds the inventory of real cues from a split (train by default): every Cue
span normalised (lowercase, surrounding punctuation gone, a leading adverb or perfect
auxiliary dropped, each word crudely lemmatised by a hand table and suffix rules, so "has said"
and "says" are both "say"; "according to" stays a phrase; a bare ":" speaker label is ":").
For each cue seen at least --min-count times, coverage is the share of its occurrences where
the analyser produced an attribution whose cue overlaps it. It writes ``bench/polnear/
coverage.md``, a table of cue, count, coverage and status: ``covered`` (coverage >= 50%), the
reason given in the hand-kept ``bench/polnear/out_of_scope.yaml`` (cue -> reason, only for
wordings the sourcing guide does not treat as sourcing), or ``MISSING``. Totals go to stdout.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from verifier.analysis.results import SentenceAnalysis

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus" / "polnear"
HERE = Path(__file__).resolve().parent / "polnear"
COVERAGE_MD = HERE / "coverage.md"
OUT_OF_SCOPE = HERE / "out_of_scope.yaml"

#: A span of the article text as (start, end) fragments; gold spans may be discontinuous.
Frags = tuple[tuple[int, int], ...]

_T_LINE = re.compile(r"^(T\d+)\t(\S+) (\d+ \d+(?:;\d+ \d+)*)\t?")
_E_LINE = re.compile(r"^(E\d+)\t(.*)$")


# ---------------------------------------------------------------- the corpus


@dataclass(frozen=True, slots=True)
class GoldAttribution:
    """One PolNeAR attribution: its Cue, and its Source and Content when the text gives them."""

    cue: Frags
    source: Frags | None
    content: Frags | None


@dataclass(slots=True)
class Article:
    name: str
    text: str
    gold: list[GoldAttribution]
    sentences: Sequence[SentenceAnalysis] = ()


def parse_ann(path: Path) -> list[GoldAttribution]:
    """The attributions of one brat standoff file (T and E lines; everything else ignored)."""
    spans: dict[str, Frags] = {}
    events: list[dict[str, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        t = _T_LINE.match(line)
        if t:
            frags = tuple(
                (int(a), int(b))
                for a, b in (part.split() for part in t.group(3).split(";"))
            )
            spans[t.group(1)] = frags
            continue
        e = _E_LINE.match(line)
        if e:
            roles: dict[str, str] = {}
            for arg in e.group(2).split():
                role, _, ref = arg.partition(":")
                roles.setdefault(role, ref)
            events.append(roles)
    gold: list[GoldAttribution] = []
    for roles in events:
        cue = spans.get(roles.get("Cue", ""))
        if cue is None:
            continue
        gold.append(GoldAttribution(
            cue=cue,
            source=spans.get(roles.get("Source", "")),
            content=spans.get(roles.get("Content", "")),
        ))
    return gold


def ann_files(split_dir: Path) -> dict[str, Path]:
    """Article name -> its annotation file (the first annotator's in sorted order)."""
    chosen: dict[str, Path] = {}
    texts = {p.stem for p in (split_dir / "text").glob("*.txt")}
    for path in sorted((split_dir / "attributions").glob("*.ann")):
        name = path.stem
        if name not in texts:
            name = name.rsplit("_", 1)[0]
        if name in texts:
            chosen.setdefault(name, path)
    return chosen


def load_split(corpus: Path, split: str, article: str | None = None) -> list[Article]:
    split_dir = corpus / split
    if not (split_dir / "text").is_dir():
        raise SystemExit(f"no PolNeAR split at {split_dir}")
    articles: list[Article] = []
    for name, ann in sorted(ann_files(split_dir).items()):
        if article and article not in (name, ann.stem):
            continue
        text = (split_dir / "text" / f"{name}.txt").read_text(encoding="utf-8")
        articles.append(Article(name, text, parse_ann(ann)))
    if not articles:
        raise SystemExit(f"no article {article!r} in {split_dir}" if article else
                         f"no annotated articles in {split_dir}")
    return articles


#: PolNeAR's publisher codes (metadata.tsv) -> the outlet's name, given to the analyser.
PUBLISHERS = {
    "breitbart": "Breitbart News", "huff-post": "The Huffington Post",
    "nyt": "The New York Times", "politico": "Politico", "usa-today": "USA Today",
    "wash-post": "The Washington Post", "west-journal": "Western Journalism",
}


def publishers(corpus: Path) -> dict[str, str]:
    """Article name -> publisher code, from metadata.tsv (empty when it is missing)."""
    path = corpus / "metadata.tsv"
    if not path.exists():
        return {}
    lines = path.read_text(encoding="utf-8").splitlines()
    header = lines[0].split("\t")
    name_at, pub_at = header.index("filename"), header.index("publisher")
    return {row[name_at]: row[pub_at] for row in (line.split("\t") for line in lines[1:])
            if len(row) > max(name_at, pub_at)}


def analyse(articles: Iterable[Article], outlets: dict[str, str] | None = None) -> None:
    """Fill in each article's analysed sentences (told the outlet's name when known)."""
    from verifier import analyse_text

    outlets = outlets or {}
    for art in articles:
        outlet = outlets.get(art.name)
        name = PUBLISHERS.get(outlet, outlet) if outlet else None
        art.sentences = analyse_text(art.text, outlet=name).sentences


# ---------------------------------------------------------------- spans and matching


def _is_trim(ch: str) -> bool:
    return ch.isspace() or unicodedata.category(ch)[0] in "PZS"


def trim(text: str, frags: Frags) -> Frags:
    """The fragments without surrounding punctuation and whitespace (kept whole if all is)."""
    out: list[tuple[int, int]] = []
    for a, b in frags:
        while a < b and _is_trim(text[a]):
            a += 1
        while b > a and _is_trim(text[b - 1]):
            b -= 1
        if a < b:
            out.append((a, b))
    return tuple(out) if out else frags


def overlap(x: Frags, y: Frags) -> int:
    return sum(max(0, min(b, d) - max(a, c)) for a, b in x for c, d in y)


def span_text(text: str, frags: Frags) -> str:
    return " … ".join(text[a:b] for a, b in frags)


@dataclass(slots=True)
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    extra: dict[str, int] = field(default_factory=dict)

    def add(self, other: Counts) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn
        for key, value in other.extra.items():
            self.extra[key] = self.extra.get(key, 0) + value

    def to_dict(self) -> dict[str, Any]:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        return {"p": round(p, 4), "r": round(r, 4), "f1": round(f1, 4), "tp": self.tp,
                "fp": self.fp, "fn": self.fn, **self.extra}


def greedy_overlap(gold: Sequence[Frags], pred: Sequence[Frags]) -> dict[int, int]:
    """One-to-one matching by any shared character, largest overlaps first: gold i -> pred j."""
    pairs = sorted(
        ((overlap(g, p), i, j) for i, g in enumerate(gold) for j, p in enumerate(pred)
         if overlap(g, p) > 0),
        key=lambda t: (-t[0], t[1], t[2]),
    )
    match: dict[int, int] = {}
    used: set[int] = set()
    for _, i, j in pairs:
        if i not in match and j not in used:
            match[i] = j
            used.add(j)
    return match


def exact_matches(text: str, gold: Sequence[Frags], pred: Sequence[Frags]) -> dict[int, int]:
    """One-to-one matching of spans equal after trimming: gold i -> pred j."""
    free: dict[Frags, list[int]] = {}
    for j, p in enumerate(pred):
        free.setdefault(trim(text, p), []).append(j)
    match: dict[int, int] = {}
    for i, g in enumerate(gold):
        js = free.get(trim(text, g))
        if js:
            match[i] = js.pop(0)
    return match


def dedupe(spans: Iterable[Frags]) -> list[Frags]:
    return sorted(set(spans))


def gold_spans(art: Article, role: str) -> list[Frags]:
    if role == "cue":
        return dedupe(g.cue for g in art.gold)
    return dedupe(g.source for g in art.gold if g.source)


def pred_spans(art: Article, role: str) -> list[Frags]:
    out: list[Frags] = []
    for sent in art.sentences:
        for att in sent.attributions:
            # a carried speaker counts where this sentence names it ("he said"), as PolNeAR
            # marks it, else where its words are
            span = att.cue if role == "cue" else (att.mention or att.source)
            if span.end > span.start:
                out.append(((span.start, span.end),))
    return dedupe(out)


# ---------------------------------------------------------------- examples


@dataclass(frozen=True, slots=True)
class Example:
    article: str
    note: str
    sentence: str


def mark(text: str, start: int, end: int, sources: Iterable[Frags], cues: Iterable[Frags]) -> str:
    """The text of [start, end) with sources marked <<...>> and cues [[...]]."""
    inserts: list[tuple[int, int, str]] = []
    for spans, left, right in ((set(sources), "<<", ">>"), (set(cues), "[[", "]]")):
        for frags in sorted(spans):
            for a, b in frags:
                if start <= a < end or start < b <= end:
                    inserts += [(max(a, start), 1, left), (min(b, end), 0, right)]
    out, pos = [], start
    for at, _, tag in sorted(inserts):
        out.append(text[pos:at])
        out.append(tag)
        pos = at
    out.append(text[pos:end])
    return " ".join("".join(out).split())


def sentence_of(art: Article, frags: Frags) -> SentenceAnalysis | None:
    for sent in art.sentences:
        if overlap(((sent.start, sent.end),), frags):
            return sent
    return None


def _pred_note(sent: SentenceAnalysis) -> str:
    return "; ".join(
        f"{a.rule}{' (carried)' if a.carried else ''}: {a.source.text!r} / {a.cue.text!r}"
        for a in sent.attributions
    ) or "no attribution"


def _pred_frags(sent: SentenceAnalysis, role: str) -> list[Frags]:
    out: list[Frags] = []
    for a in sent.attributions:
        span = a.cue if role == "cue" else (a.mention or a.source)
        out.append(((span.start, span.end),))
    return out


def gold_example(art: Article, sent: SentenceAnalysis, note: str) -> Example:
    window = ((sent.start, sent.end),)
    golds = [g for g in art.gold if overlap(g.cue, window)]
    text = mark(art.text, sent.start, sent.end, [g.source for g in golds if g.source],
                [g.cue for g in golds])
    return Example(art.name, f"{note}; analyser: {_pred_note(sent)}", text)


def pred_example(art: Article, sent: SentenceAnalysis, note: str) -> Example:
    text = mark(art.text, sent.start, sent.end, _pred_frags(sent, "source"),
                _pred_frags(sent, "cue"))
    return Example(art.name, f"{note}; {_pred_note(sent)}", text)


# ---------------------------------------------------------------- evaluation


@dataclass(slots=True)
class Result:
    sentence: Counts = field(default_factory=Counts)
    source: Counts = field(default_factory=Counts)
    source_exact: Counts = field(default_factory=Counts)
    cue: Counts = field(default_factory=Counts)
    cue_exact: Counts = field(default_factory=Counts)
    misses: dict[str, list[Example]] = field(default_factory=dict)
    false_positives: dict[str, list[Example]] = field(default_factory=dict)


#: How the second ("scoped") line of each block is counted, printed with it.
SCOPED_RULE = (
    "scoped: false positives of these kinds are set aside, recall is unchanged. Sentences, "
    "sources and cues: (1) one mostly (>= half its "
    "characters) inside one gold Content span: PolNeAR attributes those words too, through a "
    "cue elsewhere (a quotation's later sentences: its Content spans sentences, its Cue is "
    "in one), or as part of another attribution (a nested one: each PolNeAR token belongs to "
    "at most one attribution). (2) A sentence with a quotation mark whose every attribution "
    "is the speaker of the quotation before it going on, named nowhere in it (a quoted "
    "paragraph with no tag of its own): the sourcing guide attributes it to that speaker, "
    "PolNeAR often leaves it unannotated (its cue only, at the cue level). Source spans "
    "only: (3) a medium told or "
    "interviewed, sharing its cue with the speaker ('X told CNN'): the guide labels it media "
    "besides the speaker's kind, PolNeAR gives a cue one source; (4) a source that is its own "
    "cue, a hearsay word or an agentless phrase ('reportedly', 'it is unclear'): the guide "
    "takes the phrase as the source, PolNeAR gives such a cue no Source")
#: Quotation marks: a sentence holding one may go on with an earlier quotation.
QUOTE_MARKS = "\"“”«»"


def continues_quote(sent: SentenceAnalysis) -> bool:
    """Whether the sentence holds a quotation mark and its every attribution is an earlier
    sentence's speaker going on, named nowhere in it (scoped class 2)."""
    return bool(sent.attributions) and any(q in sent.text for q in QUOTE_MARKS) and all(
        a.carried and a.mention is None for a in sent.attributions)


def mostly_inside(text: str, frags: Frags, contents: Sequence[Frags]) -> bool:
    """Whether at least half of the span's characters (punctuation trimmed) lie inside one
    of the Content spans: PolNeAR attributes them through a cue elsewhere."""
    core = trim(text, frags)
    size = sum(b - a for a, b in core)
    return any(2 * overlap(core, c) >= size for c in contents) if size else False


def scope_sources(art: Article) -> set[Frags]:
    """The source spans scoped classes 3 and 4 set aside: a media attribution sharing its cue
    with another of the sentence (the medium told or interviewed: "X told CNN"), and a source
    that is its own cue (a hearsay word, an agentless phrase: "reportedly", "it is unclear")."""
    out: set[Frags] = set()
    for sent in art.sentences:
        for a in sent.attributions:
            span = a.mention or a.source
            if span == a.cue or (a.speaker == "media" and any(
                    b is not a and b.cue == a.cue for b in sent.attributions)):
                out.add(((span.start, span.end),))
    return out


def evaluate_sentences(art: Article, res: Result) -> None:
    """Sentence level: a gold cue in the sentence against any predicted attribution."""
    cues = [g.cue for g in art.gold]
    contents = [g.content for g in art.gold if g.content]
    counts = Counts(extra={"fp_in_gold_content": 0, "fp_set_aside": 0,
                           "fp_aside_in_content": 0, "fp_aside_quote_going_on": 0})
    misses = res.misses.setdefault("sentence", [])
    fps = res.false_positives.setdefault("sentence", [])
    for sent in art.sentences:
        window = ((sent.start, sent.end),)
        gold_pos = any(overlap(c, window) for c in cues)
        pred_pos = bool(sent.attributions)
        if gold_pos and pred_pos:
            counts.tp += 1
        elif gold_pos:
            counts.fn += 1
            misses.append(gold_example(art, sent, "sentence miss"))
        elif pred_pos:
            counts.fp += 1
            in_content = any(overlap(c, window) for c in contents)
            if in_content:
                counts.extra["fp_in_gold_content"] += 1
            inside = mostly_inside(art.text, window, contents)
            going_on = not inside and continues_quote(sent)
            counts.extra["fp_set_aside"] += inside or going_on
            counts.extra["fp_aside_in_content"] += inside
            counts.extra["fp_aside_quote_going_on"] += going_on
            fps.append(pred_example(
                art, sent, "set aside: inside gold content" if inside else
                "set aside: a quotation going on" if going_on else
                "touches gold content" if in_content else "no gold attribution"))
    res.sentence.add(counts)


def evaluate_spans(art: Article, res: Result, role: str, loose: Counts, strict: Counts) -> None:
    """Span level: the article's distinct gold spans of a role against the predicted ones."""
    contents = [g.content for g in art.gold if g.content]
    gold = gold_spans(art, role)
    pred = pred_spans(art, role)
    # a quotation going on adds a cue of its own (where it goes on) but no source words
    going_on = {((a.cue.start, a.cue.end),) for sent in art.sentences
                if role == "cue" and continues_quote(sent) for a in sent.attributions}
    told = scope_sources(art) if role == "source" else set()
    overlapping = greedy_overlap(gold, pred)
    for counts, match in ((loose, overlapping), (strict, exact_matches(art.text, gold, pred))):
        used = set(match.values())
        in_content = sum(1 for j, p in enumerate(pred)
                         if j not in used and any(overlap(p, c) for c in contents))
        aside = sum(1 for j, p in enumerate(pred)
                    if j not in used and (mostly_inside(art.text, p, contents)
                                          or p in going_on or p in told))
        counts.add(Counts(tp=len(match), fp=len(pred) - len(match), fn=len(gold) - len(match),
                          extra={"fp_in_gold_content": in_content, "fp_set_aside": aside}))
    used = set(overlapping.values())
    for i, g in enumerate(gold):
        where = sentence_of(art, g)
        if i not in overlapping and where is not None:
            res.misses.setdefault(role, []).append(gold_example(
                art, where, f"{role} miss {span_text(art.text, g)!r}"))
    for j, p in enumerate(pred):
        where = sentence_of(art, p)
        if j not in used and where is not None:
            res.false_positives.setdefault(role, []).append(pred_example(
                art, where, f"{role} false positive {span_text(art.text, p)!r}"))


def evaluate_article(art: Article, res: Result) -> None:
    evaluate_sentences(art, res)
    evaluate_spans(art, res, "source", res.source, res.source_exact)
    evaluate_spans(art, res, "cue", res.cue, res.cue_exact)


def evaluate(articles: Sequence[Article]) -> Result:
    res = Result()
    for art in articles:
        evaluate_article(art, res)
    return res


def scoped(counts: Counts) -> dict[str, Any]:
    """P/R/F1 with the false positives ``SCOPED_RULE`` sets aside left out."""
    aside = counts.extra.get("fp_set_aside", 0)
    return Counts(counts.tp, counts.fp - aside, counts.fn).to_dict()


def result_dict(res: Result) -> dict[str, Any]:
    return {
        "sentence": {**res.sentence.to_dict(), "scoped": scoped(res.sentence)},
        "source": {**res.source.to_dict(), "exact": res.source_exact.to_dict(),
                   "scoped": scoped(res.source)},
        "cue": {**res.cue.to_dict(), "exact": res.cue_exact.to_dict(),
                "scoped": scoped(res.cue)},
        "scoped_rule": SCOPED_RULE,
    }


def spread(items: Sequence[Example], n: int) -> list[Example]:
    """n items spread evenly over the sequence (deterministic), or all when there are fewer."""
    if n <= 0 or not items:
        return []
    if len(items) <= n:
        return list(items)
    return [items[i * len(items) // n] for i in range(n)]


def print_examples(title: str, items: Sequence[Example], n: int) -> None:
    chosen = spread(items, n)
    if not chosen:
        return
    print(f"\n{title} ({len(chosen)} of {len(items)}):")
    for ex in chosen:
        print(f"- {ex.article}: {ex.note}\n    {ex.sentence}")


def fmt(block: dict[str, Any]) -> str:
    return (f"P {block['p']:.3f}  R {block['r']:.3f}  F1 {block['f1']:.3f}  "
            f"(tp {block['tp']}, fp {block['fp']}, fn {block['fn']})")


def run_eval(args: argparse.Namespace) -> None:
    t0 = time.perf_counter()
    articles = load_split(args.corpus, args.split, args.article)
    analyse(articles, None if args.no_outlet else publishers(args.corpus))
    res = evaluate(articles)
    seconds = time.perf_counter() - t0
    out = result_dict(res)
    if args.json:
        out.update(split=args.split, articles=len(articles),
                   gold_attributions=sum(len(a.gold) for a in articles),
                   seconds=round(seconds, 2))
        print(json.dumps(out, indent=2))
        return
    print(f"PolNeAR {args.split}: {len(articles)} articles, "
          f"{sum(len(a.gold) for a in articles)} gold attributions, {seconds:.1f}s")
    s = out["sentence"]
    print(f"sentence       {fmt(s)}  fp inside gold content: {s['fp_in_gold_content']}")
    print(f"sentence scoped {fmt(s['scoped'])}  set aside: {s['fp_set_aside']} "
          f"({s['fp_aside_in_content']} in gold content, {s['fp_aside_quote_going_on']} "
          "a quotation going on)")
    for role in ("source", "cue"):
        print(f"{role:<6} overlap {fmt(out[role])}  "
              f"fp inside gold content: {out[role]['fp_in_gold_content']}")
        print(f"{role:<6} exact   {fmt(out[role]['exact'])}")
        print(f"{role:<6} scoped  {fmt(out[role]['scoped'])}  "
              f"set aside: {out[role]['fp_set_aside']}")
    print(f"({SCOPED_RULE})")
    print_examples(f"{args.level} misses", res.misses.get(args.level, []), args.misses)
    print_examples(f"{args.level} false positives", res.false_positives.get(args.level, []),
                   args.false_positives)


# ---------------------------------------------------------------- cue inventory

#: Irregular forms, and regular ones the suffix rules get wrong ("added" is not "ad").
LEMMAS = {
    "said": "say", "says": "say", "told": "tell", "wrote": "write", "written": "write",
    "thought": "think", "knew": "know", "known": "know", "saw": "see", "seen": "see",
    "felt": "feel", "found": "find", "heard": "hear", "spoke": "speak", "spoken": "speak",
    "gave": "give", "given": "give", "made": "make", "took": "take", "taken": "take",
    "held": "hold", "meant": "mean", "brought": "bring", "put": "put", "read": "read",
    "is": "be", "are": "be", "was": "be", "were": "be", "been": "be", "being": "be",
    "am": "be", "has": "have", "had": "have", "having": "have", "does": "do", "did": "do",
    "done": "do", "doing": "do", "went": "go", "gone": "go", "goes": "go", "began": "begin",
    "begun": "begin", "sought": "seek", "led": "lead", "left": "leave", "kept": "keep",
    "won": "win", "stood": "stand", "taught": "teach", "understood": "understand",
    "became": "become", "came": "come", "fell": "fall", "got": "get", "ran": "run",
    "chose": "choose", "chosen": "choose", "shown": "show", "added": "add", "adding": "add",
    "used": "use", "using": "use", "uses": "use",
    "news": "news", "during": "during", "according": "according", "this": "this",
    "its": "its", "us": "us", "as": "as", "his": "his", "politics": "politics",
}
#: Leading words dropped from a cue: perfect auxiliaries and adverbs of time or manner.
DROP_LEADING = {"has", "have", "had", "also", "later", "then", "further", "previously",
                "recently", "repeatedly", "once", "again", "publicly", "privately", "even",
                "still", "already", "just", "often", "frequently", "now", "first"}
#: Words dropped anywhere in a cue of several words ("said Tuesday" is "say").
DROP_ANYWHERE = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
                 "sunday", "yesterday", "today", "tonight"}
_WORD = re.compile(r"[\w']+|[^\w\s]")


class Lemmatiser:
    """Crude English lemmas: a hand table, then suffix rules checked against a vocabulary.

    For "-ed", "-ing" and "-s" words the candidate stems ("stat", "state", "plann", "plan")
    are tried against the split's own word counts: the one whose "-s" form ("states",
    "plans") or bare form occurs most often wins.
    """

    def __init__(self, vocabulary: Counter[str]) -> None:
        self.vocab = vocabulary

    def _best(self, candidates: Sequence[str]) -> str:
        def score(c: str) -> tuple[int, int]:
            sibilant = c.endswith(("s", "sh", "ch", "x", "z"))
            third = self.vocab[c + "es"] if sibilant else self.vocab[c + "s"]
            return (third, self.vocab[c])

        ranked = sorted(candidates, key=lambda c: score(c), reverse=True)
        return ranked[0] if score(ranked[0]) != (0, 0) else candidates[0]

    def __call__(self, word: str) -> str:
        if word in LEMMAS:
            return LEMMAS[word]
        if len(word) <= 3 or not word.isalpha():
            return word
        for suffix, repl in (("ies", "y"), ("ied", "y"), ("ying", "y")):
            if word.endswith(suffix) and len(word) > len(suffix) + 2:
                return word[: -len(suffix)] + repl
        for suffix in ("ing", "ed"):
            if word.endswith(suffix) and len(word) - len(suffix) >= 2:
                stem = word[: -len(suffix)]
                candidates = [stem, stem + "e"]
                if len(stem) >= 3 and stem[-1] == stem[-2] and stem[-1] not in "slzf":
                    candidates.append(stem[:-1])  # "planned" -> "plan"
                return self._best(candidates)
        if word.endswith("s") and not word.endswith(("ss", "us", "is")):
            candidates = [word[:-1]]
            if word.endswith("es"):
                candidates.append(word[:-2])  # "pushes" -> "push"
            return self._best(candidates)
        return word

    def cue(self, raw: str) -> str:
        """Lowercase, surrounding punctuation gone, leading adverbs dropped, words lemmatised."""
        words = _WORD.findall(raw.lower().replace("’", "'"))
        while words and not words[0][0].isalnum():
            words.pop(0)
        while words and not words[-1][0].isalnum():
            words.pop()
        if not words:
            stripped = "".join(raw.split())
            return stripped[:1]  # a bare speaker-label colon or dash
        while len(words) > 1 and words[0] in DROP_LEADING:
            words.pop(0)
        if len(words) > 1:
            words = [w for w in words if w not in DROP_ANYWHERE] or words
        if words[:2] == ["according", "to"]:
            return " ".join(["according to", *words[2:]])
        return " ".join(self(w) if w[0].isalnum() else w for w in words)


def vocabulary(articles: Iterable[Article]) -> Counter[str]:
    """Lowercase word counts of the articles' texts."""
    counts: Counter[str] = Counter()
    for art in articles:
        counts.update(re.findall(r"[a-z]+", art.text.lower()))
    return counts


def load_out_of_scope(path: Path) -> dict[str, str]:
    if not path.exists():
        return {}
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    if not isinstance(data, dict):
        raise SystemExit(f"{path}: expected a mapping cue -> reason")
    return {str(k): str(v) for k, v in data.items()}


@dataclass(slots=True)
class CueRow:
    cue: str
    count: int
    covered: int
    examples: Counter[str]

    @property
    def coverage(self) -> float:
        return self.covered / self.count if self.count else 0.0


def cue_rows(articles: Sequence[Article]) -> list[CueRow]:
    lemmatiser = Lemmatiser(vocabulary(articles))
    rows: dict[str, CueRow] = {}
    for art in articles:
        pred = pred_spans(art, "cue")
        for frags in dedupe(g.cue for g in art.gold):
            raw = span_text(art.text, frags)
            key = lemmatiser.cue(raw)
            if not key:
                continue
            row = rows.setdefault(key, CueRow(key, 0, 0, Counter()))
            row.count += 1
            row.examples[" ".join(raw.split())] += 1
            if any(overlap(frags, p) for p in pred):
                row.covered += 1
    return sorted(rows.values(), key=lambda r: (-r.count, r.cue))


def status_of(row: CueRow, out_of_scope: dict[str, str]) -> str:
    if row.coverage >= 0.5:
        return "covered"
    if row.cue in out_of_scope:
        return f"out of scope: {out_of_scope[row.cue]}"
    return "MISSING"


def _md_cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def write_coverage(path: Path, rows: Sequence[CueRow], out_of_scope: dict[str, str],
                   split: str, n_articles: int, summary: Sequence[str]) -> None:
    lines = [
        "# PolNeAR cue inventory: the analyser's coverage",
        "",
        f"Written by `bench/polnear.py inventory --split {split}` ({n_articles} articles); do "
        "not edit by hand. A cue is a PolNeAR Cue span, lowercased and crudely lemmatised "
        "(leading perfect auxiliaries and adverbs dropped). Coverage is the share of its "
        "occurrences where the analyser gave an attribution whose cue overlaps it. Status: "
        "`covered` (>= 50%), the reason from `out_of_scope.yaml`, or `MISSING`.",
        "",
        *[f"- {s}" for s in summary],
        "",
        "| cue | count | coverage | status | commonest forms |",
        "|---|---:|---:|---|---|",
    ]
    for row in rows:
        forms = ", ".join(f"{form} ({n})" for form, n in row.examples.most_common(3))
        lines.append(
            f"| {_md_cell(row.cue)} | {row.count} | {100 * row.coverage:.0f}% | "
            f"{_md_cell(status_of(row, out_of_scope))} | {_md_cell(forms)} |"
        )
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def run_inventory(args: argparse.Namespace) -> None:
    articles = load_split(args.corpus, args.split, args.article)
    analyse(articles, None if args.no_outlet else publishers(args.corpus))
    rows = cue_rows(articles)
    out_of_scope = load_out_of_scope(args.out_of_scope)
    frequent = [r for r in rows if r.count >= args.min_count]
    groups: dict[str, list[CueRow]] = {"covered": [], "out of scope": [], "MISSING": []}
    for row in frequent:
        status = status_of(row, out_of_scope)
        groups["out of scope" if status.startswith("out of scope") else status].append(row)
    total_occ = sum(r.count for r in rows)
    freq_occ = sum(r.count for r in frequent)
    summary = [
        f"{len(rows)} distinct cues, {total_occ} occurrences; {len(frequent)} cues seen "
        f">= {args.min_count} times ({freq_occ} occurrences)",
        *(f"{name}: {len(g)} cues, {sum(r.count for r in g)} occurrences "
          f"({100 * sum(r.count for r in g) / max(freq_occ, 1):.1f}% of those)"
          for name, g in groups.items()),
        f"occurrences covered (any cue): {sum(r.covered for r in rows)} of {total_occ} "
        f"({100 * sum(r.covered for r in rows) / max(total_occ, 1):.1f}%)",
    ]
    unused = sorted(set(out_of_scope) - {r.cue for r in frequent})
    if args.out:
        write_coverage(args.out, frequent, out_of_scope, args.split, len(articles), summary)
    if args.json:
        print(json.dumps({
            "summary": {name: {"cues": len(g), "occurrences": sum(r.count for r in g)}
                        for name, g in groups.items()},
            "cues": [{"cue": r.cue, "count": r.count, "coverage": round(r.coverage, 4),
                      "status": status_of(r, out_of_scope)} for r in frequent],
        }, indent=2))
        return
    for line in summary:
        print(line)
    if unused:
        print(f"out_of_scope.yaml entries not among the frequent cues: {', '.join(unused)}")
    print("\nmost frequent MISSING cues (count, coverage):")
    for row in groups["MISSING"][: args.top]:
        forms = ", ".join(f"{form}" for form, _ in row.examples.most_common(3))
        print(f"  {row.count:5d}  {100 * row.coverage:3.0f}%  {row.cue}   [{forms}]")
    if args.out:
        shown = args.out.relative_to(ROOT) if args.out.is_relative_to(ROOT) else args.out
        print(f"\nwrote {shown}")


# ---------------------------------------------------------------- command line


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description="Measure the analyser's attributions against PolNeAR.")
    parser.add_argument("command", nargs="?", choices=("eval", "inventory"), default="eval")
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS,
                        help="the PolNeAR directory (default: ../shared/corpus/polnear)")
    parser.add_argument("--split", choices=("dev", "train"), default=None,
                        help="dev for eval, train for inventory by default")
    parser.add_argument("--article", help="only this article (file name without extension)")
    parser.add_argument("--json", action="store_true", help="print JSON")
    parser.add_argument("--no-outlet", action="store_true",
                        help="do not tell the analyser the publishing outlet (metadata.tsv)")
    parser.add_argument("--misses", type=int, default=0, metavar="N")
    parser.add_argument("--false-positives", type=int, default=0, metavar="N")
    parser.add_argument("--level", choices=("sentence", "source", "cue"), default="sentence",
                        help="what the --misses and --false-positives examples are of")
    parser.add_argument("--min-count", type=int, default=3, help="inventory: rarer cues left out")
    parser.add_argument("--top", type=int, default=15, help="inventory: MISSING cues to print")
    parser.add_argument("--out", type=Path, default=COVERAGE_MD,
                        help="inventory: the coverage table to write")
    parser.add_argument("--no-write", dest="out", action="store_const", const=None,
                        help="inventory: write no coverage table")
    parser.add_argument("--out-of-scope", type=Path, default=OUT_OF_SCOPE)
    parser.add_argument("--learned", choices=("on", "off"), default=None,
                        help="consult the learned attribution finder or not (default: as "
                             "verifier/data/models/attribution.yaml says)")
    args = parser.parse_args(argv)
    if args.split is None:
        args.split = "train" if args.command == "inventory" else "dev"
    return args


def set_learned(switch: str | None) -> None:
    """Turn the learned attribution finder on or off for this run (None: as its settings say)."""
    if switch is not None:
        from dataclasses import replace

        from verifier.analysis.attribution import learned

        learned.use_settings(replace(learned.settings(), enabled=switch == "on"))


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    sys.path.insert(0, str(ROOT))
    set_learned(args.learned)
    if args.command == "inventory":
        run_inventory(args)
    else:
        run_eval(args)
    return 0


if __name__ == "__main__":
    from _entry import run

    raise SystemExit(run(main))
