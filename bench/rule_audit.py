"""Which attribution rules earn their place: every rule that fires, counted on every labelled set.

    .venv/bin/python bench/rule_audit.py --corpus /work/realcorpus/tune
    .venv/bin/python bench/rule_audit.py --corpus DIR --polnear ../shared/corpus/polnear \\
        --split train --ablate candidates
    .venv/bin/python bench/rule_audit.py --corpus DIR --ablate all --json > audit.json

The real sets (``--corpus``, default ``$VERIFIER_REAL_CORPUS``: ``<set>.labels.jsonl`` beside
``<set>/<doc>.txt``, as ``bench/real.py`` reads them) and PolNeAR (``--polnear``, default
``../shared/corpus/polnear``; ``--polnear none`` leaves it out) are read at run time; nothing of
them is written into the repository.

An attribution's ``rule`` is a chain (``attr.say+spk.office_title+attr.content.denial``): the
frame or cue rule that found it, the descriptor rule or name strategy that chose its kind, the
content rule that turned it into a refusal or denial. Each part is a **component**; every
component of a predicted attribution is credited with what the attribution did
(``--level chain`` counts whole chains instead):

- ``correct``: the aligned gold sentence has the attribution's kind (counted with
  multiplicity: two predicted ``official`` against one gold ``official`` is one correct);
- ``wrong``: the gold sentence is sourced, but not (or not that often) with this kind;
- ``unsrc``: the gold sentence has no sourcing (or no gold sentence is aligned).

``net`` is correct - wrong - unsrc: what the component adds to the micro (sentence, kind)
true positives minus the false positives, if the sentence would otherwise get nothing.
``P`` is correct / fires, ``P-top`` the same on every set but the one where it fires most
(leave-one-set-out: does it hold beyond the set it was probably written for), ``P-min`` its
worst set with at least ``--min-fires`` fires. On PolNeAR (sentence level: a gold Cue
overlaps the sentence) ``pn`` counts fires, ``pn+`` fires in a gold-cued sentence, ``pn-``
fires in a sentence with no gold cue and no gold Content (a sentence inside a Content span,
a quotation going on, is PolNeAR's scope, not a wrong attribution, and is left out of both).

``--ablate all`` (or a comma-separated list of ids) measures what the sentence would get
without a rule: each lexicon rule that fired is removed in turn (the lexicon is filtered
before it is compiled, nothing is written), the documents where it fired are analysed again,
and the change of the sourcing counts is reported per set (``dTP``/``dFP``: the rule's
contribution, i.e. with the rule minus without it) with the F1 change on all sets and the
PolNeAR sentence-level change. Required single rules (the one ``continuation`` rule, the name
rules) and name strategies that are code, not lexicon entries, are not ablated.
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import subprocess
import sys
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

import polnear  # noqa: E402  (bench/polnear.py: the PolNeAR reader)
from real import labelled_texts  # noqa: E402

from verifier import analyse_text  # noqa: E402
from verifier.analysis.analyse import clear_caches  # noqa: E402
from verifier.analysis.results import ArticleAnalysis, SentenceAnalysis  # noqa: E402
from verifier.errors import ConfigError  # noqa: E402
from verifier.evaluation.labels import GoldSentence, align, locate  # noqa: E402
from verifier.rules import lexicon  # noqa: E402

#: the module (the package exports its ``rules`` function under the same name)
attribution_rules = importlib.import_module("verifier.analysis.attribution.rules")

OUTCOMES = ("correct", "wrong", "unsrc")
#: Rule types of which a lexicon must hold exactly one (or one per role): never ablated.
REQUIRED_TYPES = frozenset({"split", "headline", "headline_credit", "credit", "continuation",
                            "report_object", "claim_object", "introduced_quote", "name",
                            "interview", "signature", "document", "rumour_object",
                            "stance_split"})
ATTRIBUTION_LEXICONS = (attribution_rules.FRAMES, attribution_rules.SPEAKERS)


# ---------------------------------------------------------------- counting


@dataclass
class Tally:
    """What one component did on one set."""

    correct: int = 0
    wrong: int = 0
    unsrc: int = 0
    #: PolNeAR only: fires in a gold-cued sentence / in a sentence with no gold at all
    pos: int = 0
    neg: int = 0
    aside: int = 0
    #: the wrong fires: "predicted kind -> the gold kinds" (or "-" for none) -> how often
    confusions: Counter[str] = field(default_factory=Counter)

    @property
    def fires(self) -> int:
        return self.correct + self.wrong + self.unsrc

    @property
    def net(self) -> int:
        return self.correct - self.wrong - self.unsrc

    def add(self, other: Tally) -> None:
        self.correct += other.correct
        self.wrong += other.wrong
        self.unsrc += other.unsrc
        self.pos += other.pos
        self.neg += other.neg
        self.aside += other.aside
        self.confusions.update(other.confusions)


def components(rule: str, level: str) -> list[str]:
    """The parts of an attribution's rule chain a fire is credited to (each once)."""
    if level == "chain":
        return [rule]
    return list(dict.fromkeys(rule.split("+")))


def outcomes(gold: GoldSentence | None, predicted: SentenceAnalysis | None) -> list[str]:
    """Each predicted attribution's outcome against its gold sentence, in order: correct
    (the gold has that kind, with multiplicity), wrong (the gold is sourced otherwise) or
    unsrc (the gold has no sourcing)."""
    if predicted is None:
        return []
    left = Counter(gold.kinds if gold else ())
    sourced = bool(gold and gold.kinds)
    found = []
    for a in predicted.attributions:
        if left[a.kind] > 0:
            left[a.kind] -= 1
            found.append("correct")
        else:
            found.append("wrong" if sourced else "unsrc")
    return found


def tally_document(
    doc: str, gold: Sequence[GoldSentence], analysis: ArticleAnalysis, level: str
) -> dict[str, Tally]:
    """Component -> what it did in one labelled document."""
    found: dict[str, Tally] = defaultdict(Tally)
    matched, unmatched = align(locate(analysis.text, gold, doc), analysis.sentences)
    pairs: list[tuple[GoldSentence | None, SentenceAnalysis | None]] = list(
        zip(gold, matched, strict=True))
    pairs += [(None, p) for p in unmatched]
    for g, p in pairs:
        if p is None:
            continue
        for a, outcome in zip(p.attributions, outcomes(g, p), strict=True):
            for part in components(a.rule, level):
                tally = found[part]
                setattr(tally, outcome, getattr(tally, outcome) + 1)
                if outcome != "correct":
                    wanted = ",".join(sorted(g.kinds)) if g and g.kinds else "-"
                    tally.confusions[f"{a.kind} -> {wanted}"] += 1
    return found


def sourcing_counts(gold: Sequence[GoldSentence], analysis: ArticleAnalysis,
                    doc: str) -> Counter[str]:
    """The document's micro (sentence, kind) tp / fp / fn, as ``bench/real.py`` scores them."""
    counts: Counter[str] = Counter()
    matched, unmatched = align(locate(analysis.text, gold, doc), analysis.sentences)
    for g, p in zip(gold, matched, strict=True):
        gk: Counter[str] = Counter(g.kinds)
        pk: Counter[str] = Counter(p.kinds if p else ())
        both = sum(min(gk[k], pk[k]) for k in gk)
        counts["tp"] += both
        counts["fp"] += sum(pk.values()) - both
        counts["fn"] += sum(gk.values()) - both
    for p in unmatched:
        counts["fp"] += len(p.kinds)
    return counts


def polnear_document(art: polnear.Article, level: str) -> tuple[dict[str, Tally], Counter[str]]:
    """Component -> what it did in one PolNeAR article (sentence level), and the article's
    sentence-level tp / fp / fn (fp_aside: false positives inside a gold Content span)."""
    cues = [g.cue for g in art.gold]
    contents = [g.content for g in art.gold if g.content]
    found: dict[str, Tally] = defaultdict(Tally)
    counts: Counter[str] = Counter()
    for sent in art.sentences:
        window = ((sent.start, sent.end),)
        gold_pos = any(polnear.overlap(c, window) for c in cues)
        in_content = not gold_pos and any(polnear.overlap(c, window) for c in contents)
        pred_pos = bool(sent.attributions)
        if gold_pos:
            counts["tp" if pred_pos else "fn"] += 1
        elif pred_pos:
            counts["fp"] += 1
            counts["fp_aside"] += in_content
        for a in sent.attributions:
            for part in components(a.rule, level):
                tally = found[part]
                if gold_pos:
                    tally.pos += 1
                elif in_content:
                    tally.aside += 1
                else:
                    tally.neg += 1
    return found, counts


# ---------------------------------------------------------------- the corpora


@dataclass
class LabelledDoc:
    group: str  # the set's name
    doc: str
    text: str
    gold: list[GoldSentence]
    analysis: ArticleAnalysis | None = None
    fired: set[str] = field(default_factory=set)


def read_sets(corpus: Path) -> list[LabelledDoc]:
    return [LabelledDoc(name.removeprefix("set"), doc, text, gold)
            for name, doc, gold, text in labelled_texts(corpus)]


def read_polnear(corpus: Path, split: str) -> tuple[list[polnear.Article], dict[str, str | None]]:
    articles = polnear.load_split(corpus, split)
    codes = polnear.publishers(corpus)
    outlets = {a.name: polnear.PUBLISHERS.get(codes[a.name], codes[a.name])
               if a.name in codes else None for a in articles}
    return articles, outlets


def chain_parts(analysis: ArticleAnalysis | Sequence[SentenceAnalysis]) -> set[str]:
    sentences = analysis.sentences if isinstance(analysis, ArticleAnalysis) else analysis
    return {part for s in sentences for a in s.attributions for part in a.rule.split("+")}


# ---------------------------------------------------------------- ablation


def lexicon_types() -> dict[str, str]:
    """Every attribution lexicon rule id -> its type."""
    return {r["id"]: r["type"] for name in ATTRIBUTION_LEXICONS
            for r in lexicon.load_lexicon(name)}


@contextmanager
def without(ids: Iterable[str]) -> Iterator[None]:
    """The analyser with these lexicon rules left out (the loaded lexicon filtered before the
    attribution rules are compiled; the files are not touched)."""
    drop = frozenset(ids)
    original: Callable[[str], tuple[dict[str, Any], ...]] = lexicon.load_lexicon

    def filtered(name: str) -> tuple[dict[str, Any], ...]:
        return tuple(r for r in original(name) if r["id"] not in drop)

    lexicon.load_lexicon = filtered  # type: ignore[assignment]
    attribution_rules.rules.cache_clear()
    clear_caches()
    try:
        yield
    finally:
        lexicon.load_lexicon = original  # type: ignore[assignment]
        attribution_rules.rules.cache_clear()
        clear_caches()


def f1(c: Counter[str] | dict[str, int]) -> float:
    tp, fp, fn = c["tp"], c["fp"], c["fn"]
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def ablate(rule: str, docs: Sequence[LabelledDoc], articles: Sequence[polnear.Article],
           outlets: dict[str, str | None]) -> dict[str, Any]:
    """What removing one rule changes: per set (and on PolNeAR) the counts with the rule
    minus the counts without it, over the documents where it fired."""
    delta: dict[str, Counter[str]] = defaultdict(Counter)
    with without([rule]):
        for d in docs:
            if rule not in d.fired or d.analysis is None:
                continue
            before = sourcing_counts(d.gold, d.analysis, d.doc)
            after = sourcing_counts(d.gold, analyse_text(d.text), d.doc)
            delta[d.group].update(before)
            delta[d.group].subtract(after)
        pn: Counter[str] = Counter()
        for art in articles:
            if rule not in chain_parts(art.sentences):
                continue
            _, before = polnear_document(art, "component")
            kept = art.sentences
            art.sentences = analyse_text(art.text, outlet=outlets.get(art.name)).sentences
            _, after = polnear_document(art, "component")
            art.sentences = kept
            pn.update(before)
            pn.subtract(after)
    return {"sets": {k: dict(v) for k, v in delta.items()}, "polnear": dict(pn)}


# ---------------------------------------------------------------- reporting


def show_fires(d: LabelledDoc, component: str, level: str) -> None:
    """Print every fire of ``component`` in one document: set, doc, outcome, gold kinds,
    the attribution's kind, source and rule, and the sentence (cut to 160 characters)."""
    analysis = analyse_text(d.text)
    matched, unmatched = align(locate(analysis.text, d.gold, d.doc), analysis.sentences)
    pairs: list[tuple[GoldSentence | None, SentenceAnalysis | None]] = list(
        zip(d.gold, matched, strict=True))
    pairs += [(None, p) for p in unmatched]
    for g, p in pairs:
        if p is None:
            continue
        for a, outcome in zip(p.attributions, outcomes(g, p), strict=True):
            if component in components(a.rule, level):
                gold = ",".join(g.kinds) if g and g.kinds else "-"
                text = " ".join(p.text.split())[:160]
                print(f"{d.group} {d.doc[:28]:28} {outcome:7} gold={gold:18} got={a.kind:16} "
                      f"src={a.source.text[:30]!r} cue={a.cue.text[:20]!r} {a.rule}\n    {text}")


def precision(t: Tally) -> float | None:
    return t.correct / t.fires if t.fires else None


def _p(value: float | None) -> str:
    return "  -  " if value is None else f"{value:5.2f}"


def summarise(per_set: dict[str, dict[str, Tally]], pn: dict[str, Tally],
              sets: Sequence[str], min_fires: int) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    for comp in sorted(set(per_set) | set(pn)):
        by_set = per_set.get(comp, {})
        total = Tally()
        for t in by_set.values():
            total.add(t)
        top = max(by_set, key=lambda s: (by_set[s].fires, s), default=None)
        rest = Tally()
        for s, t in by_set.items():
            if s != top:
                rest.add(t)
        worst = [precision(t) for t in by_set.values() if t.fires >= min_fires]
        p = pn.get(comp, Tally())
        rows.append({
            "component": comp,
            "fires": total.fires, "correct": total.correct, "wrong": total.wrong,
            "unsrc": total.unsrc, "net": total.net, "p": precision(total),
            "sets_fired": sum(1 for t in by_set.values() if t.fires),
            "top_set": top, "p_without_top": precision(rest), "fires_without_top": rest.fires,
            "p_min": min((w for w in worst if w is not None), default=None),
            "per_set": {s: [by_set[s].correct, by_set[s].wrong, by_set[s].unsrc]
                        for s in sets if s in by_set and by_set[s].fires},
            "polnear": {"fires": p.pos + p.neg + p.aside, "gold_cued": p.pos,
                        "no_gold": p.neg, "in_content": p.aside},
            "confusions": dict(total.confusions.most_common()),
        })
    rows.sort(key=lambda r: (r["net"], -r["fires"], r["component"]))
    return rows


def suspect(row: dict[str, Any], floor: float = 0.75) -> bool:
    """Whether a component is worth ablating (``--ablate candidates``): it fires in at most
    two sets, or its precision is below ``floor`` on the sets, on the sets but its top one,
    or on PolNeAR (the gold-cued share of its fires outside gold Content). A rule that fires
    right across the sets with good precision is not: it stays whatever one set says."""
    pn = row["polnear"]
    judged = pn["gold_cued"] + pn["no_gold"]
    return bool(
        row["sets_fired"] <= 2
        or (row["p"] is not None and row["p"] < floor)
        or (row["p_without_top"] is not None and row["p_without_top"] < floor)
        or (judged and pn["gold_cued"] / judged < floor))


def print_table(rows: Sequence[dict[str, Any]], sets: Sequence[str], limit: int) -> None:
    print(f"{'component':44} {'fires':>5} {'ok':>4} {'wrong':>5} {'unsrc':>5} {'net':>4} "
          f"{'P':>5} {'sets':>4} {'top':>3} {'P-top':>5} {'P-min':>5} {'pn':>5} {'pn+':>5} "
          f"{'pn-':>4}  per set ok/wrong/unsrc")
    for r in rows[:limit] if limit else rows:
        per = " ".join(f"{s}:{'/'.join(map(str, r['per_set'][s]))}" for s in sets
                       if s in r["per_set"])
        pn = r["polnear"]
        print(f"{r['component'][:44]:44} {r['fires']:5} {r['correct']:4} {r['wrong']:5} "
              f"{r['unsrc']:5} {r['net']:4} {_p(r['p'])} {r['sets_fired']:4} "
              f"{r['top_set'] or '-':>3} {_p(r['p_without_top'])} {_p(r['p_min'])} "
              f"{pn['fires']:5} {pn['gold_cued']:5} {pn['no_gold']:4}  {per}")


def print_confusions(rows: Sequence[dict[str, Any]], top: int = 15, each: int = 4) -> None:
    """The components with the most false positives, and what they got wrong."""
    worst = sorted(rows, key=lambda r: -(r["wrong"] + r["unsrc"]))[:top]
    print("\nMost false positives (predicted kind -> gold kinds of the sentence, '-' none):")
    for r in worst:
        pairs = list(r.get("confusions", {}).items())[:each]
        print(f"{r['component'][:40]:40} {r['wrong'] + r['unsrc']:4}  "
              + "; ".join(f"{k} x{v}" for k, v in pairs))


def print_ablation(results: dict[str, dict[str, Any]], base: dict[str, Counter[str]],
                   sets: Sequence[str]) -> None:
    total = Counter[str]()
    for c in base.values():
        total.update(c)
    rows: list[tuple[Any, ...]] = []
    for rule, res in results.items():
        d = Counter[str]()
        for c in res["sets"].values():
            d.update(c)
        without_rule = Counter({k: total[k] - d.get(k, 0) for k in ("tp", "fp", "fn")})
        gain = f1(total) - f1(without_rule)
        per_set = {s: res["sets"][s].get("tp", 0) - res["sets"][s].get("fp", 0)
                   for s in sets if s in res["sets"]}
        helped = sum(1 for v in per_set.values() if v > 0)
        hurt = sum(1 for v in per_set.values() if v < 0)
        top = max(per_set, key=lambda s: abs(per_set[s]), default=None)
        rest = sum(v for s, v in per_set.items() if s != top)
        pn = res["polnear"]
        rows.append((gain, rule, d.get("tp", 0), d.get("fp", 0), helped, hurt, top, rest,
                     pn.get("tp", 0), pn.get("fp", 0) - pn.get("fp_aside", 0), per_set))
    rows.sort()
    print("\nAblation: the rule's contribution (with it minus without it), documents where it "
          "fired")
    print(f"{'rule':40} {'dF1all':>7} {'dTP':>4} {'dFP':>4} {'sets+':>5} {'sets-':>5} "
          f"{'top':>3} {'net-top':>7} {'pnTP':>5} {'pnFP':>5}  per set dTP-dFP")
    for gain, rule, tp, fp, helped, hurt, top, rest, ptp, pfp, per_set in rows:
        per = " ".join(f"{s}:{v:+d}" for s, v in per_set.items() if v)
        print(f"{rule[:40]:40} {gain:+7.4f} {tp:+4d} {fp:+4d} {helped:5} {hurt:5} "
              f"{top or '-':>3} {rest:+7d} {ptp:+5d} {pfp:+5d}  {per}")


def show_polnear_fires(art: polnear.Article, outlet: str | None, component: str,
                       level: str) -> None:
    """Print every fire of ``component`` in one PolNeAR article: gold-cued (+), inside a gold
    Content span (c) or neither (-), the source and rule, and the sentence."""
    art.sentences = analyse_text(art.text, outlet=outlet).sentences
    cues = [g.cue for g in art.gold]
    contents = [g.content for g in art.gold if g.content]
    for sent in art.sentences:
        window = ((sent.start, sent.end),)
        mark = ("+" if any(polnear.overlap(c, window) for c in cues) else
                "c" if any(polnear.overlap(c, window) for c in contents) else "-")
        for a in sent.attributions:
            if component in components(a.rule, level):
                text = " ".join(sent.text.split())[:160]
                print(f"PN {art.name[:30]:30} {mark} got={a.kind:16} "
                      f"src={a.source.text[:30]!r} cue={a.cue.text[:20]!r} {a.rule}\n    {text}")


# ---------------------------------------------------------------- main


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", default=os.environ.get("VERIFIER_REAL_CORPUS"))
    parser.add_argument("--polnear", default=str(polnear.DEFAULT_CORPUS),
                        help="PolNeAR folder, or 'none'")
    parser.add_argument("--split", default="train")
    parser.add_argument("--level", choices=("component", "chain"), default="component")
    parser.add_argument("--min-fires", type=int, default=3,
                        help="fires a set needs to count for P-min")
    parser.add_argument("--limit", type=int, default=0, help="print only the first N rows")
    parser.add_argument("--ablate", default="",
                        help="'all' (every lexicon rule that fired), 'candidates' (those "
                        "``suspect`` picks) or comma-separated ids")
    parser.add_argument("--show", default="", metavar="COMPONENT",
                        help="list every fire of one component (set, outcome, gold, sentence)")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--read", metavar="FILE",
                        help="print the tables of an earlier --json run instead of running")
    args = parser.parse_args(argv)
    if args.read:
        saved = json.loads(Path(args.read).read_text(encoding="utf-8"))
        print_report({s: Counter(c) for s, c in saved["sets"].items()},
                     Counter(saved["polnear"]), saved["components"], saved["ablation"],
                     args.split, args.limit)
        return 0
    if not args.corpus or not Path(args.corpus).is_dir():
        print("bench/rule_audit.py: give --corpus DIR (or $VERIFIER_REAL_CORPUS)",
              file=sys.stderr)
        return 2

    docs = read_sets(Path(args.corpus))
    sets = sorted({d.group for d in docs})
    if args.show:
        for d in docs:
            show_fires(d, args.show, args.level)
        if args.polnear != "none":
            shown, names = read_polnear(Path(args.polnear), args.split)
            for art in shown:
                show_polnear_fires(art, names.get(art.name), args.show, args.level)
        return 0
    per_set: dict[str, dict[str, Tally]] = defaultdict(dict)
    base: dict[str, Counter[str]] = defaultdict(Counter)
    for d in docs:
        d.analysis = analyse_text(d.text)
        d.fired = chain_parts(d.analysis)
        base[d.group].update(sourcing_counts(d.gold, d.analysis, d.doc))
        for comp, t in tally_document(d.doc, d.gold, d.analysis, args.level).items():
            per_set[comp].setdefault(d.group, Tally()).add(t)

    articles: list[polnear.Article] = []
    outlets: dict[str, str | None] = {}
    pn: dict[str, Tally] = defaultdict(Tally)
    pn_base: Counter[str] = Counter()
    if args.polnear != "none":
        articles, outlets = read_polnear(Path(args.polnear), args.split)
        for art in articles:
            art.sentences = analyse_text(art.text, outlet=outlets.get(art.name)).sentences
            found, counts = polnear_document(art, args.level)
            pn_base.update(counts)
            for comp, t in found.items():
                pn[comp].add(t)

    rows = summarise(per_set, pn, sets, args.min_fires)
    results: dict[str, dict[str, Any]] = {}
    if args.ablate:
        types = lexicon_types()
        fired = {c for d in docs for c in d.fired} | set(pn)
        if args.ablate == "all":
            wanted = fired
        elif args.ablate == "candidates":
            wanted = {r["component"] for r in rows if suspect(r)}
        else:
            wanted = set(args.ablate.split(","))
        for rule in sorted(wanted):
            if types.get(rule) is None or types[rule] in REQUIRED_TYPES:
                continue
            print(f"ablating {rule}", file=sys.stderr)
            try:
                results[rule] = ablate(rule, docs, articles, outlets)
            except (ConfigError, KeyError) as exc:  # the analyser needs a rule of its role
                print(f"  not ablated: the analyser needs it ({exc!r})", file=sys.stderr)

    if args.json:
        print(json.dumps({"sets": {s: dict(c) for s, c in base.items()},
                          "polnear": dict(pn_base), "components": rows,
                          "ablation": results, "commit": _commit()}, indent=1))
        return 0
    print_report(base, pn_base, rows, results, args.split, args.limit)
    return 0


def print_report(base: dict[str, Counter[str]], pn_base: Counter[str],
                 rows: Sequence[dict[str, Any]], results: dict[str, dict[str, Any]],
                 split: str, limit: int) -> None:
    sets = sorted(base)
    total = Counter[str]()
    for c in base.values():
        total.update(c)
    print("sets: " + "  ".join(f"{s} F1 {f1(base[s]):.3f}" for s in sets)
          + f"  all {f1(total):.3f}")
    if pn_base:
        print(f"PolNeAR {split} sentence: tp {pn_base['tp']} fp {pn_base['fp']} "
              f"(in content {pn_base['fp_aside']}) fn {pn_base['fn']} F1 {f1(pn_base):.3f}")
    print_table(rows, sets, limit)
    print_confusions(rows)
    if results:
        print_ablation(results, base, sets)


def _commit() -> str:
    try:
        return subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"],
                              capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return ""


if __name__ == "__main__":
    from _entry import run

    raise SystemExit(run(main))
