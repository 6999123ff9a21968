"""Sentence splitters compared: boundary accuracy on the labelled corpora, and speed.

    .venv/bin/python bench/splitters.py

Accuracy is the share of gold sentences (../shared/corpus/*.labels.jsonl) whose exact span a
splitter reproduces. Library splitters run on each line of the text (the corpora hold one
paragraph, headline or caption per line, so a line break is always a boundary; run on whole
texts they only do worse). Speed is words per second over the bench corpus (see analyze.py).
Libraries that are not installed are skipped: pip install pysbd syntok blingfire spacy.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterator

from analyze import SHARED, lee_corpus, local_documents

Splitter = Callable[[str], list[tuple[int, int]]]


def spans_of(text: str, pieces: list[str], offset: int = 0) -> list[tuple[int, int]]:
    """Offsets of each piece (stripped) found in order in ``text``."""
    out = []
    pos = 0
    for piece in pieces:
        piece = piece.strip()
        if not piece:
            continue
        at = text.find(piece, pos)
        if at < 0:
            continue
        out.append((offset + at, offset + at + len(piece)))
        pos = at + len(piece)
    return out


def per_line(split: Callable[[str], list[str]]) -> Splitter:
    def run(text: str) -> list[tuple[int, int]]:
        out = []
        pos = 0
        for line in text.split("\n"):
            if line.strip():
                out.extend(spans_of(line, split(line), pos))
            pos += len(line) + 1
        return out

    return run


def splitters() -> Iterator[tuple[str, Splitter]]:
    from verifier.analysis.segment import segment

    yield "verifier.analysis.segment", lambda text: [(s.start, s.end) for s in segment(text)]
    try:
        import pysbd

        seg = pysbd.Segmenter(language="en", clean=False)
        yield "pysbd", per_line(seg.segment)
    except ImportError:
        pass
    try:
        from syntok import segmenter

        def syntok_split(line: str) -> list[str]:
            return [
                "".join(t.spacing + t.value for t in sentence).strip()
                for paragraph in segmenter.process(line)
                for sentence in paragraph
            ]

        yield "syntok", per_line(syntok_split)
    except ImportError:
        pass
    try:
        import blingfire

        yield "blingfire", per_line(lambda line: blingfire.text_to_sentences(line).split("\n"))
    except ImportError:
        pass
    try:
        import spacy

        nlp = spacy.blank("en")
        nlp.add_pipe("sentencizer")
        yield "spacy sentencizer", per_line(lambda line: [s.text for s in nlp(line).sents])
    except ImportError:
        pass


def accuracy(split: Splitter, corpus: str) -> tuple[int, int]:
    gold: dict[str, list[str]] = {}
    for line in (SHARED / f"{corpus}.labels.jsonl").read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        gold.setdefault(row["doc"], []).append(row["text"])
    hit = total = 0
    for doc, sentences in gold.items():
        text = (SHARED / corpus / f"{doc}.txt").read_text(encoding="utf-8")
        predicted = set(split(text))
        for span in spans_of(text, sentences):
            hit += span in predicted
        total += len(sentences)
    return hit, total


def main() -> None:
    docs = [*lee_corpus(False), *local_documents()] * 3
    words = sum(len(d.split()) for d in docs)
    print(f"speed corpus: {len(docs)} docs, {words:,} words")
    for name, split in splitters():
        cells = []
        for corpus in ("seeds", "dev"):
            hit, total = accuracy(split, corpus)
            cells.append(f"{corpus} {hit}/{total} ({hit / total:.1%})")
        start = time.perf_counter()
        for doc in docs:
            split(doc)
        speed = words / (time.perf_counter() - start)
        print(f"{name:18} {'  '.join(cells)}  {speed:>12,.0f} words/s")


if __name__ == "__main__":
    main()
