"""Scoring the analyser against a labelled corpus (``../shared/corpus`` format, the guide §4).

Gold sentences are located in the article text in order (each gold text is a verbatim
substring) and aligned to the analyser's sentences by character overlap: a gold sentence is
matched to the predicted sentence that overlaps it most, when that prediction overlaps no other
gold sentence more. An unmatched gold sentence counts as predicted "no claim, no sourcing";
an unmatched predicted sentence still counts its claim and attributions as false positives.
So a split error costs what it should.

Metrics: claim precision/recall/F1; sourcing micro-F1 over (sentence, kind) pairs counted with
multiplicity, and per kind; certainty accuracy over gold claims and per-class P/R/F1 (a
non-claim is the class ``none``), with a confusion table; exact sentence-boundary accuracy.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from verifier.analysis.results import CERTAINTIES, KINDS, ArticleAnalysis, SentenceAnalysis
from verifier.errors import InputError
from verifier.ingest.textfile import read_article_text

NONE = "none"
CERTAINTY_CLASSES: tuple[str, ...] = (*CERTAINTIES, NONE)


@dataclass(frozen=True, slots=True)
class GoldSentence:
    """One labelled sentence of a corpus."""

    doc: str
    i: int
    text: str
    claim: bool
    kinds: tuple[str, ...]
    sources: tuple[str, ...]
    certainty: str | None


@dataclass(frozen=True, slots=True)
class Score:
    """Precision, recall and F1 from counts; ``support`` is the number of gold items.

    With nothing predicted precision is 1.0 (nothing wrong was said), and with nothing to
    find recall is 1.0, so a kind absent from both gold and prediction scores 1.0, not 0.
    """

    tp: int
    fp: int
    fn: int

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def support(self) -> int:
        return self.tp + self.fn

    def to_dict(self) -> dict[str, Any]:
        return {
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "support": self.support,
            # False: no gold example, so recall and F1 measure nothing (1.0 and 0 by rule)
            "measured": self.support > 0,
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
        }


@dataclass(frozen=True, slots=True)
class Disagreement:
    """A sentence where the analyser and the labels differ on one field."""

    doc: str
    i: int | None
    field: str
    gold: str
    predicted: str
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "doc": self.doc, "i": self.i, "field": self.field,
            "gold": self.gold, "predicted": self.predicted, "text": self.text,
        }


@dataclass(frozen=True, slots=True)
class Evaluation:
    """All the scores of one corpus."""

    documents: int
    gold_sentences: int
    predicted_sentences: int
    exact_boundaries: int
    claim: Score
    sourcing: Score
    per_kind: dict[str, Score]
    certainty_correct: int
    certainty_total: int
    per_class: dict[str, Score]
    confusion: dict[str, dict[str, int]]
    errors: tuple[Disagreement, ...] = field(default=())

    @property
    def boundary_accuracy(self) -> float:
        return self.exact_boundaries / self.gold_sentences if self.gold_sentences else 0.0

    @property
    def certainty_accuracy(self) -> float:
        return self.certainty_correct / self.certainty_total if self.certainty_total else 0.0

    def to_dict(self, *, errors: bool = False) -> dict[str, Any]:
        data: dict[str, Any] = {
            "documents": self.documents,
            "sentences": {
                "gold": self.gold_sentences,
                "predicted": self.predicted_sentences,
                "exact_boundaries": self.exact_boundaries,
                "boundary_accuracy": round(self.boundary_accuracy, 4),
            },
            "claim": self.claim.to_dict(),
            "sourcing": {
                "micro": self.sourcing.to_dict(),
                "per_kind": {k: s.to_dict() for k, s in self.per_kind.items()},
            },
            "certainty": {
                "accuracy": round(self.certainty_accuracy, 4),
                "correct": self.certainty_correct,
                "total": self.certainty_total,
                "per_class": {k: s.to_dict() for k, s in self.per_class.items()},
                "confusion": self.confusion,
            },
        }
        if errors:
            data["errors"] = [e.to_dict() for e in self.errors]
        return data


def read_label_rows(path: Path | str) -> list[dict[str, Any]]:
    """The rows of a labels JSONL file, each checked against the guide's format (§4): an
    object with ``doc`` (a file name), ``i`` (a whole number >= 0), ``text``, ``claim``
    (true/false), ``sourcing`` (a list of ``{"kind", "source"}``) and ``certainty`` (one of
    the certainties, or null). ``InputError`` names the file, the line and the field."""
    path = Path(path)
    rows = []
    seen: dict[tuple[str, int], int] = {}
    for number, line in enumerate(read_article_text(path).splitlines(), start=1):
        if not line.strip():
            continue
        row = label_row(_json_line(line, path, number), f"{path}: line {number}")
        key = (row["doc"], row["i"])
        if key in seen:
            raise InputError(f"{path}: line {number}: sentence {row['i']} of {row['doc']!r} "
                             f"is labelled twice (also line {seen[key]})")
        seen[key] = number
        rows.append(row)
    if not rows:
        raise InputError(f"{path}: no labels")
    return rows


def read_labels(path: Path | str) -> dict[str, list[GoldSentence]]:
    """A labels JSONL file as gold sentences per document, in reading order."""
    docs: dict[str, list[GoldSentence]] = {}
    for row in read_label_rows(path):
        gold = GoldSentence(
            doc=row["doc"],
            i=row["i"],
            text=row["text"],
            claim=row["claim"],
            kinds=tuple(s["kind"] for s in row["sourcing"]),
            sources=tuple(s["source"] for s in row["sourcing"]),
            certainty=row["certainty"],
        )
        docs.setdefault(gold.doc, []).append(gold)
    for sentences in docs.values():
        sentences.sort(key=lambda g: g.i)
    return docs


def _json_line(line: str, path: Path, number: int) -> Any:
    try:
        return json.loads(line)
    except ValueError as exc:
        raise InputError(f"{path}: line {number}: not JSON ({exc})") from None
    except RecursionError:  # Python's parser recurses once per level
        raise InputError(f"{path}: line {number}: not JSON (nested too deeply)") from None


def doc_name(value: Any, where: str) -> str:
    """A labelled document's name: ``<texts>/<name>.txt`` is its file, so no folders."""
    if (not isinstance(value, str) or not value.strip() or value in (".", "..")
            or "/" in value or "\\" in value or "\0" in value):
        raise InputError(f"{where}: field 'doc': expected a file name without folders, "
                         f"got {_show_value(value)}")
    return value


def sentence_number(value: Any, where: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value < 2**31:
        raise InputError(f"{where}: expected a sentence number (a whole number >= 0), got "
                         f"{_show_value(value)}")
    return value


def label_row(row: Any, where: str) -> dict[str, Any]:
    """One label record checked and normalised (``sourcing`` a list of ``{"kind", "source"}``
    with ``source`` text; other keys are kept as they are)."""
    if not isinstance(row, dict):
        raise InputError(f"{where}: expected a label object, got {_show_value(row)}")
    for key in ("doc", "i", "text", "claim"):
        if key not in row:
            raise InputError(f"{where}: field {key!r}: missing")
    doc_name(row["doc"], where)
    sentence_number(row["i"], f"{where}: field 'i'")
    if not isinstance(row["text"], str):
        raise InputError(f"{where}: field 'text': expected text, got {_show_value(row['text'])}")
    if not isinstance(row["claim"], bool):
        raise InputError(f"{where}: field 'claim': expected true or false, got "
                         f"{_show_value(row['claim'])}")
    sourcing = row.get("sourcing") or []
    if not isinstance(sourcing, list):
        raise InputError(f"{where}: field 'sourcing': expected a list, got "
                         f"{_show_value(sourcing)}")
    entries = []
    for entry in sourcing:
        if not isinstance(entry, dict) or entry.get("kind") not in KINDS:
            kind = entry.get("kind") if isinstance(entry, dict) else entry
            raise InputError(f"{where}: field 'sourcing': kind {_show_value(kind)} is not one "
                             f"of {', '.join(KINDS)}")
        source = entry.get("source")
        if source is not None and not isinstance(source, str):
            raise InputError(f"{where}: field 'sourcing': source {_show_value(source)} is not "
                             "text")
        entries.append({**entry, "source": source or ""})
    certainty = row.get("certainty")
    if certainty is not None and certainty not in CERTAINTIES:
        raise InputError(f"{where}: field 'certainty': {_show_value(certainty)} is not one of "
                         f"{', '.join(CERTAINTIES)} or null")
    return {**row, "sourcing": entries, "certainty": certainty}


def _show_value(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False) if _is_json(value) else repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _is_json(value: Any) -> bool:
    try:
        json.dumps(value, allow_nan=False)
    except (TypeError, ValueError):
        return False
    return True


def locate(text: str, gold: Sequence[GoldSentence], doc: str) -> list[tuple[int, int]]:
    """The character span of each gold sentence, found in order."""
    spans = []
    pos = 0
    for g in gold:
        start = text.find(g.text, pos)
        if start < 0:
            start = text.find(g.text)
        if start < 0:
            raise InputError(f"{doc}: label {g.i} is not in the text: {g.text[:60]!r}")
        spans.append((start, start + len(g.text)))
        pos = start + len(g.text)
    return spans


def align(
    spans: Sequence[tuple[int, int]], predicted: Sequence[SentenceAnalysis]
) -> tuple[list[SentenceAnalysis | None], list[SentenceAnalysis]]:
    """Each gold span's matched prediction (or None), and the predictions matched to none."""

    def overlap(a: tuple[int, int], s: SentenceAnalysis) -> int:
        return max(0, min(a[1], s.end) - max(a[0], s.start))

    best_gold: dict[int, int] = {}
    for p_index, sentence in enumerate(predicted):
        scores = [overlap(span, sentence) for span in spans]
        if scores and max(scores) > 0:
            best_gold[p_index] = scores.index(max(scores))
    matched: list[SentenceAnalysis | None] = []
    used: set[int] = set()
    for g_index, span in enumerate(spans):
        candidates = [
            (overlap(span, predicted[p]), p) for p, g in best_gold.items() if g == g_index
        ]
        if candidates:
            _, p = max(candidates)
            matched.append(predicted[p])
            used.add(p)
        else:
            matched.append(None)
    unmatched = [s for p, s in enumerate(predicted) if p not in used]
    return matched, unmatched


def _kinds(sentence: SentenceAnalysis | None) -> Counter[str]:
    return Counter(sentence.kinds) if sentence is not None else Counter()


def _certainty(sentence: SentenceAnalysis | None) -> str:
    if sentence is None or sentence.certainty is None:
        return NONE
    return sentence.certainty.value


class _Tally:
    def __init__(self) -> None:
        self.claim = Counter[str]()
        self.kind: dict[str, Counter[str]] = {k: Counter() for k in KINDS}
        self.confusion = {g: dict.fromkeys(CERTAINTY_CLASSES, 0) for g in CERTAINTY_CLASSES}
        self.correct = self.total = self.exact = self.gold_n = self.pred_n = 0
        self.errors: list[Disagreement] = []

    def add(self, doc: str, g: GoldSentence | None, p: SentenceAnalysis | None) -> None:
        gold_claim = g.claim if g else False
        pred_claim = p.claim if p else False
        text = g.text if g else (p.text if p else "")
        i = g.i if g else None
        key = ("tp" if pred_claim else "fn") if gold_claim else ("fp" if pred_claim else "tn")
        self.claim[key] += 1
        if gold_claim != pred_claim:
            self.errors.append(
                Disagreement(doc, i, "claim", str(gold_claim), str(pred_claim), text)
            )
        gold_kinds = Counter(g.kinds) if g else Counter()
        pred_kinds = _kinds(p)
        for kind in KINDS:
            both = min(gold_kinds[kind], pred_kinds[kind])
            self.kind[kind]["tp"] += both
            self.kind[kind]["fp"] += pred_kinds[kind] - both
            self.kind[kind]["fn"] += gold_kinds[kind] - both
        if gold_kinds != pred_kinds:
            self.errors.append(Disagreement(
                doc, i, "sourcing", _show(gold_kinds, g.kinds if g else ()),
                _show(pred_kinds, p.kinds if p else ()), text,
            ))
        gold_c = (g.certainty or NONE) if g else NONE
        pred_c = _certainty(p)
        self.confusion[gold_c][pred_c] += 1
        if g is not None and g.certainty is not None:
            self.total += 1
            self.correct += gold_c == pred_c
        if gold_c != pred_c:
            self.errors.append(Disagreement(doc, i, "certainty", gold_c, pred_c, text))


def _show(counts: Counter[str], order: Iterable[str]) -> str:
    return ", ".join(order) if counts else "unattributed"


def score(pairs: Iterable[tuple[str, Sequence[GoldSentence], ArticleAnalysis]]) -> Evaluation:
    """Score analyses against gold labels; each item is (doc, its gold sentences, analysis)."""
    tally = _Tally()
    documents = 0
    for doc, gold, analysis in pairs:
        documents += 1
        spans = locate(analysis.text, gold, doc)
        matched, unmatched = align(spans, analysis.sentences)
        tally.gold_n += len(gold)
        tally.pred_n += len(analysis.sentences)
        for g, span, p in zip(gold, spans, matched, strict=True):
            tally.exact += p is not None and (p.start, p.end) == span
            tally.add(doc, g, p)
        for p in unmatched:
            tally.add(doc, None, p)
    per_kind = {k: Score(c["tp"], c["fp"], c["fn"]) for k, c in tally.kind.items()}
    micro = Score(*(sum(c[x] for c in tally.kind.values()) for x in ("tp", "fp", "fn")))
    per_class = {}
    for value in CERTAINTY_CLASSES:
        tp = tally.confusion[value][value]
        fp = sum(tally.confusion[g][value] for g in CERTAINTY_CLASSES) - tp
        fn = sum(tally.confusion[value].values()) - tp
        per_class[value] = Score(tp, fp, fn)
    return Evaluation(
        documents=documents,
        gold_sentences=tally.gold_n,
        predicted_sentences=tally.pred_n,
        exact_boundaries=tally.exact,
        claim=Score(tally.claim["tp"], tally.claim["fp"], tally.claim["fn"]),
        sourcing=micro,
        per_kind=per_kind,
        certainty_correct=tally.correct,
        certainty_total=tally.total,
        per_class=per_class,
        confusion=tally.confusion,
        errors=tuple(tally.errors),
    )


def evaluate_corpus(
    labels: Path | str,
    texts: Path | str,
    analyse: Callable[[str], ArticleAnalysis] | None = None,
) -> Evaluation:
    """Read a labels file and its texts (``<texts>/<doc>.txt``), analyse and score them."""
    if analyse is None:
        from verifier.analysis.analyse import analyse_text

        analyse = analyse_text
    gold = read_labels(labels)
    texts = Path(texts)
    if not texts.is_dir():
        raise InputError(f"{texts}: not a directory of texts")
    pairs = [
        (doc, sentences, analyse(read_article_text(texts / f"{doc}.txt")))
        for doc, sentences in gold.items()
    ]
    return score(pairs)
