"""Analyser speed, side by side with a reference spaCy pipeline, in one run on one core.

    .venv/bin/python bench/analyze.py [--mb 5] [--rounds 5] [--no-fetch] [--json]

Text: the labelled corpora in ../shared/corpus (seeds, dev), the bundled examples, and real
news the analyser has never seen: ``gensim/test/test_data/lee_background.cor`` (the Lee
corpus, one story a line) read out of the gensim wheel, which is downloaded once into
``bench/.cache`` with ``pip download gensim --no-deps`` (skipped with --no-fetch or when
offline; the bench then runs on the rest). Two runs:

- ``unseen``: every distinct document once, each pipeline starting cold on it (each round
  empties the analyser's caches and builds a new spaCy pipeline, outside the timing);
- ``repeated``: documents repeated until the text reaches --mb megabytes (both start the
  run fresh; their caches then fill as they go, the analyser's plan and descriptor caches as
  spaCy's tokenizer cache and vocabulary).

Each run is timed --rounds times, the two pipelines taking turns; the best round counts (the
ratio of the medians is printed too). Both get the same warm-up sentence before any timing.

The reference is ``spacy.blank("en")`` + ``sentencizer`` + a ``PhraseMatcher`` (attr LOWER)
over every cue phrase and cue keyword of the lexicons and every registry name: it does less
work than the analyser (no claim filter, no scopes, no attribution frames). spaCy comes with
the ``bench`` extra. Also timed: ``verifier --help`` start-up (best and median of 10 runs).
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import statistics
import subprocess
import sys
import time
import zipfile
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "corpus"
CACHE = Path(__file__).resolve().parent / ".cache"
LEE = "gensim/test/test_data/lee_background.cor"
#: One sentence each pipeline reads before it is timed (lexicons compile, caches set up).
WARM_UP = "Warm-up: the lexicons compile once, officials said."


def lee_corpus(fetch: bool) -> list[str]:
    """The Lee news corpus out of a gensim wheel in bench/.cache (downloaded if allowed)."""
    wheels = sorted(CACHE.glob("gensim-*.whl"))
    if not wheels and fetch:
        CACHE.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            [sys.executable, "-m", "pip", "download", "gensim", "--no-deps", "-q", "-d",
             str(CACHE)],
            check=False, capture_output=True, timeout=300,
        )
        wheels = sorted(CACHE.glob("gensim-*.whl"))
    for wheel in wheels:
        try:
            with zipfile.ZipFile(wheel) as archive:
                raw = archive.read(LEE).decode("utf-8", errors="replace")
        except (KeyError, zipfile.BadZipFile, OSError):
            continue
        return [line.strip() for line in raw.splitlines() if line.strip()]
    return []


def local_documents() -> list[str]:
    docs = []
    for folder in (SHARED / "seeds", SHARED / "dev"):
        docs.extend(p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt")))
    docs.extend(p.read_text(encoding="utf-8") for p in sorted((ROOT / "examples").glob("*.md"))
                if p.name != "README.md")
    return docs


def cue_phrases() -> list[str]:
    """Every phrase and cue word of every lexicon rule, and every registry name."""
    from verifier.analysis.analyse import default_registry
    from verifier.rules.lexicon import lexicon_files, load_data

    phrases: set[str] = set()

    def collect(value: Any) -> None:
        if isinstance(value, dict):
            for key, item in value.items():
                if key in ("phrases", "words", "keywords", "cues", "verbs", "nouns") and isinstance(
                    item, list
                ):
                    phrases.update(p for p in item if isinstance(p, str))
                elif key != "examples":
                    collect(item)
        elif isinstance(value, list):
            for item in value:
                collect(item)

    for path in lexicon_files():
        collect(load_data(path.stem))
    for source in default_registry():
        phrases.update(source.names)
    return sorted(p for p in phrases if p.strip())


def run_analyser(docs: Sequence[str]) -> tuple[float, int]:
    from verifier.analysis.analyse import analyse_text

    sentences = 0
    start = time.perf_counter()
    for doc in docs:
        sentences += len(analyse_text(doc).sentences)
    return time.perf_counter() - start, sentences


def run_core(docs: Sequence[str]) -> tuple[float, int]:
    """Segmentation + claim filter + certainty only (the analyser without attribution)."""
    from verifier.analysis.certainty import label_certainty
    from verifier.analysis.claim_filter import classify
    from verifier.analysis.segment import segment

    sentences = 0
    start = time.perf_counter()
    for doc in docs:
        found = segment(doc)
        claims = [d.claim for d in classify(found, doc)]
        label_certainty(doc, found, claims)
        sentences += len(found)
    return time.perf_counter() - start, sentences


SpacyFactory = Callable[[], Callable[[Sequence[str]], tuple[float, int]]]


def spacy_reference(phrases: Iterable[str]) -> Callable[[Sequence[str]], tuple[float, int]]:
    import spacy
    from spacy.matcher import PhraseMatcher

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
    matcher.add("CUE", list(nlp.tokenizer.pipe(list(phrases))))
    matcher(nlp(WARM_UP))  # the same warm-up the analyser gets, outside the timing

    def run(docs: Sequence[str]) -> tuple[float, int]:
        sentences = 0
        start = time.perf_counter()
        for doc in nlp.pipe(docs, batch_size=64):
            matcher(doc)
            sentences += sum(1 for _ in doc.sents)
        return time.perf_counter() - start, sentences

    return run


def help_startup(runs: int = 10) -> tuple[float, float]:
    exe = Path(sys.executable).with_name("verifier")
    command = [str(exe), "--help"] if exe.exists() else [sys.executable, "-m", "verifier", "--help"]
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return min(times), statistics.median(times)


def measure(name: str, docs: Sequence[str], spacy_factory: SpacyFactory | None, *,
            rounds: int, cold: bool) -> dict[str, Any]:
    """Best of ``rounds`` timings of each pipeline on ``docs``, the two taking turns.

    ``cold``: each round starts both pipelines fresh (the analyser's plan and descriptor caches
    emptied, a new spaCy pipeline and vocabulary), as on text neither has seen.
    """
    from verifier.analysis.analyse import clear_caches

    words = sum(len(d.split()) for d in docs)
    size = sum(len(d.encode("utf-8")) for d in docs)
    core_seconds = min(run_core(docs)[0] for _ in range(rounds))
    times: list[float] = []
    ref_times: list[float] = []
    sentences = ref_sentences = 0
    # Both start the run fresh (cold runs: every round); warm runs keep their caches between
    # rounds, so the best round is the warm one for both.
    spacy_run = spacy_factory() if spacy_factory is not None and not cold else None
    clear_caches()
    for _ in range(rounds):
        if cold:
            clear_caches()
        seconds, sentences = run_analyser(docs)
        times.append(seconds)
        if spacy_factory is not None:
            run = spacy_factory() if cold or spacy_run is None else spacy_run
            ref_seconds, ref_sentences = run(docs)
            ref_times.append(ref_seconds)
    seconds = min(times)
    row: dict[str, Any] = {
        "run": name, "documents": len(docs), "megabytes": round(size / 1e6, 2), "words": words,
        "rounds": rounds,
        "analyser": {"seconds": round(seconds, 3), "words_per_s": round(words / seconds),
                     "sentences_per_s": round(sentences / seconds), "sentences": sentences,
                     "median_seconds": round(statistics.median(times), 3)},
        "core": {"seconds": round(core_seconds, 3), "words_per_s": round(words / core_seconds),
                 "share_of_analyser": round(core_seconds / seconds, 3)},
    }
    if ref_times:
        ref_seconds = min(ref_times)
        row["spacy"] = {"seconds": round(ref_seconds, 3),
                        "words_per_s": round(words / ref_seconds),
                        "sentences_per_s": round(ref_sentences / ref_seconds),
                        "sentences": ref_sentences,
                        "median_seconds": round(statistics.median(ref_times), 3)}
        row["ratio"] = round(ref_seconds / seconds, 2)
        row["ratio_of_medians"] = round(statistics.median(ref_times) / statistics.median(times), 2)
    return row


def set_learned(switch: str | None) -> None:
    """Turn the learned attribution finder on or off for this run (None: as its settings say)."""
    if switch is not None:
        from dataclasses import replace

        from verifier.analysis.attribution import learned

        learned.use_settings(replace(learned.settings(), enabled=switch == "on"))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mb", type=float, default=5.0, help="size of the repeated run")
    parser.add_argument("--no-fetch", action="store_true", help="do not download gensim")
    parser.add_argument("--json", action="store_true", help="print JSON")
    parser.add_argument("--rounds", type=int, default=5, help="timings per run (best is shown)")
    parser.add_argument("--learned", choices=("on", "off"), default=None,
                        help="consult the learned attribution finder or not (default: as "
                             "verifier/data/models/attribution.yaml says)")
    args = parser.parse_args(argv)
    for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(var, "1")
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})

    set_learned(args.learned)
    start = time.perf_counter()
    from verifier.analysis.analyse import analyse_text

    analyse_text(WARM_UP)
    warm = time.perf_counter() - start
    lee = lee_corpus(not args.no_fetch)
    unseen = [*lee, *local_documents()]
    repeated: list[str] = []
    target = args.mb * 1e6
    size = 0
    while size < target:
        for doc in unseen:
            repeated.append(doc)
            size += len(doc.encode("utf-8"))
    phrases = cue_phrases()
    spacy_factory: SpacyFactory | None = None
    try:
        spacy_reference(phrases)
        spacy_factory = functools.partial(spacy_reference, phrases)
    except ImportError:
        pass
    rounds = max(1, args.rounds)
    results = {
        "import_and_compile_seconds": round(warm, 3),
        "lee_corpus_documents": len(lee),
        "runs": [measure("unseen", unseen, spacy_factory, rounds=rounds, cold=True),
                 measure("repeated", repeated, spacy_factory, rounds=rounds, cold=False)],
    }
    best, median = help_startup()
    results["verifier_help_seconds"] = {"best": round(best, 3), "median": round(median, 3)}
    if args.json:
        print(json.dumps(results, indent=2))
        return 0
    print(f"analyser import + lexicon compile: {warm * 1000:.0f} ms; "
          f"Lee corpus: {len(lee)} stories" + ("" if lee else " (not available)"))
    for row in results["runs"]:
        a = row["analyser"]
        print(f"\n[{row['run']}] {row['documents']} docs, {row['megabytes']} MB, "
              f"{row['words']:,} words; best of {row['rounds']}"
              + (" (each round starts both cold)" if row["run"] == "unseen" else ""))
        print(f"  analyser  {a['words_per_s']:>10,} words/s {a['sentences_per_s']:>8,} "
              f"sentences/s ({a['seconds']} s)")
        c = row["core"]
        print(f"  of which segmentation + claims + certainty: {c['words_per_s']:,} words/s "
              f"({c['seconds']} s, {c['share_of_analyser']:.0%} of the analyser's time)")
        if "spacy" in row:
            s = row["spacy"]
            print(f"  spaCy ref {s['words_per_s']:>10,} words/s {s['sentences_per_s']:>8,} "
                  f"sentences/s ({s['seconds']} s)")
            print(f"  ratio (analyser speed / spaCy speed): {row['ratio']} "
                  f"(of the medians: {row['ratio_of_medians']})")
        else:
            print("  spaCy reference skipped: install the bench extra (pip install spacy)")
    print(f"\nverifier --help: best {best * 1000:.0f} ms, median {median * 1000:.0f} ms")
    return 0


if __name__ == "__main__":
    from _entry import run

    raise SystemExit(run(main))
