"""Where one ingest job's CPU goes, by phase and by the code that owns it, measured in process.

    .venv/bin/python bench/ingest_phases.py [--articles 1000 | --folder DIR] [--rounds 1]
                                            [--jobs 1] [--json] [--against CHECKOUT]
                                            [--into DATABASE]

Ingests ``--articles`` bench articles (``bench/ingest.py``'s builder: recombined paragraphs
of ../shared/corpus, read at run time) or the texts under ``--folder`` (say the first 400 of
PolNeAR's train split copied to a folder) into a fresh SQLite database with
``ingest_paths``, one job, after ``warm_up`` (lexicons, rules and models loaded; the
analyser's caches emptied), and sums the CPU time (user + system, this process) spent in
each phase by wrapping the functions that start them. A nested row is inside the row above
it; "own" rows are a phase less its nested rows. ``--against CHECKOUT`` (say a
``git archive`` of main unpacked in /tmp) alternates that checkout's runs with this one's,
``--rounds`` each, every run a fresh process started outside both checkouts so
``PYTHONPATH`` picks its ``verifier`` (a name a checkout lacks is left out), and tables
every run of both. On a shared machine CPU seconds move with the load (the same ingest
took about three times the CPU at load 9 as at load 3), so only runs taken in turns compare.

The owners are the project's subsystems: the analyser (``verifier.analysis``), ingest and
storage (``verifier.ingest``, ``verifier.store``: flattening to rows, grouping terms,
source look-ups, inserts), grouping's decisions (``verifier.stories.grouping``
and ``article``: pass 1 and pass 2), grouping's bookkeeping (``verifier.stories.update``:
reading the new claims, frequencies, candidates, writing stories), scoring
(``verifier.scoring``: ``assess``, the MinHash signature) and the rescore's bookkeeping
(``verifier.stories.scores`` and ``evidence``: stale stories, evidence read back, summaries
written).
"""

from __future__ import annotations

import argparse
import importlib
import json
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

#: (label, module, attributes (comma-separated), class or None, parent label or None, owner)
PHASES: tuple[tuple[str, str, str, str | None, str | None, str], ...] = (
    ("analysis", "verifier.ingest.pipeline", "analyse_article", None, None, "ingest/store"),
    ("analyser (analyse_text)", "verifier.analysis.analyse", "analyse_text", None,
     "analysis", "analyser"),
    ("segmentation", "verifier.analysis.analyse", "segment", None,
     "analyser (analyse_text)", "analyser"),
    ("claim filter", "verifier.analysis.analyse", "classify", None,
     "analyser (analyse_text)", "analyser"),
    ("attribution", "verifier.analysis.analyse", "attribute", None,
     "analyser (analyse_text)", "analyser"),
    ("certainty", "verifier.analysis.analyse", "label_certainty", None,
     "analyser (analyse_text)", "analyser"),
    ("rows and grouping terms (flatten)", "verifier.ingest.pipeline", "flatten", None,
     "analysis", "ingest/store"),
    ("MinHash signature", "verifier.scoring.signatures", "signature", None, "analysis",
     "scoring"),
    ("source look-ups", "verifier.ingest.pipeline", "article_lookups", None, "analysis",
     "ingest/store"),
    ("storing (store_articles)", "verifier.ingest.pipeline", "store_articles", None, None,
     "ingest/store"),
    ("corrections re-applied", "verifier.store.corrections", "reapply_for_articles", None,
     None, "ingest/store"),
    ("update_stories", "verifier.stories.update", "update_stories", None, None,
     "grouping bookkeeping"),
    ("new claims read (claims_to_group)", "verifier.store.grouping", "claims_to_group", None,
     "update_stories", "grouping bookkeeping"),
    ("document frequencies (add_frequencies, mark_grouped)", "verifier.store.grouping",
     "add_frequencies,mark_grouped", None, "update_stories", "grouping bookkeeping"),
    ("stories written (save_grown)", "verifier.store.grouping", "save_grown", None,
     "update_stories", "grouping bookkeeping"),
    ("pass 1 + pass 2 (assign_stored)", "verifier.stories.update", "assign_stored", None,
     "update_stories", "grouping decisions"),
    ("pass 1 (group_article)", "verifier.stories.grouping", "group_article", None,
     "pass 1 + pass 2 (assign_stored)", "grouping decisions"),
    ("claims read (read_claim)", "verifier.stories.article", "read_claim", None,
     "pass 1 (group_article)", "grouping decisions"),
    ("pass 2 (_merge)", "verifier.stories.grouping", "_merge", None,
     "pass 1 + pass 2 (assign_stored)", "grouping decisions"),
    ("candidate stories read (postings, fingerprints, terms, dates)",
     "verifier.store.grouping",
     "story_postings,story_fingerprints,stories_terms,publication_spans,story_facts,"
     "article_dates", None,
     "pass 1 + pass 2 (assign_stored)", "grouping bookkeeping"),
    ("planner statistics", "verifier.ingest.pipeline", "refresh_statistics", None, None,
     "ingest/store"),
    ("end-of-run rescore (refresh)", "verifier.stories.scores", "refresh", None, None,
     "rescore bookkeeping"),
    ("assess", "verifier.stories.scores", "assess", None, "end-of-run rescore (refresh)",
     "scoring"),
    ("evidence read back", "verifier.stories.evidence", "groups", "EvidenceReader",
     "end-of-run rescore (refresh)", "rescore bookkeeping"),
    ("summaries written", "verifier.store.story_writes", "save_summaries", None,
     "end-of-run rescore (refresh)", "rescore bookkeeping"),
)


class Meter:
    """CPU seconds and calls per label, summed by wrappers around the phases' functions.
    A function wrapped under one label that calls itself is counted once."""

    def __init__(self) -> None:
        self.cpu: dict[str, float] = {}
        self.calls: dict[str, int] = {}
        self.active: set[str] = set()
        self.undo: list[Callable[[], None]] = []

    def wrap(self, label: str, module: str, attribute: str, cls: str | None) -> bool:
        try:
            owner: Any = importlib.import_module(module)
        except ImportError:
            return False
        if cls is not None:
            owner = getattr(owner, cls, None)
        function = getattr(owner, attribute, None) if owner is not None else None
        if function is None:
            return False

        def timed(*args: Any, **kwargs: Any) -> Any:
            if label in self.active:
                return function(*args, **kwargs)
            self.active.add(label)
            started = time.process_time()
            try:
                return function(*args, **kwargs)
            finally:
                self.cpu[label] = self.cpu.get(label, 0.0) + time.process_time() - started
                self.calls[label] = self.calls.get(label, 0) + 1
                self.active.discard(label)

        setattr(owner, attribute, timed)
        self.undo.append(lambda: setattr(owner, attribute, function))
        self.cpu.setdefault(label, 0.0)
        self.calls.setdefault(label, 0)
        return True

    def restore(self) -> None:
        while self.undo:
            self.undo.pop()()


def measure(folder: Path, jobs: int = 1, into: Path | None = None) -> dict[str, Any]:
    """One ingest of ``folder`` into a fresh database (or a copy of ``into``), phases
    metered."""
    from verifier.analysis.analyse import clear_caches, default_registry
    from verifier.ingest import pipeline
    from verifier.store.database import open_database

    registry = default_registry()
    pipeline.warm_up(pipeline.default_analyser, registry, True)
    meter = Meter()
    for label, module, attributes, cls, _, _ in PHASES:
        for attribute in attributes.split(","):
            meter.wrap(label, module, attribute, cls)
    words = sum(len(p.read_text(encoding="utf-8").split()) for p in folder.rglob("*.txt"))
    tmp = Path(tempfile.mkdtemp(prefix="verifier-phases-"))
    if into is not None:
        shutil.copyfile(into, tmp / "phases.db")
    try:
        with open_database(str(tmp / "phases.db")) as database:
            clear_caches()
            started, wall = time.process_time(), time.perf_counter()
            summary = pipeline.ingest_paths(database, [folder], registry, jobs=jobs)
            cpu, wall = time.process_time() - started, time.perf_counter() - wall
    finally:
        meter.restore()
        shutil.rmtree(tmp)
    return {"articles": summary.stored, "claims": summary.claims, "words": words,
            "cpu": cpu, "wall": wall, "phases": dict(meter.cpu), "calls": dict(meter.calls)}


def table(runs: list[dict[str, Any]]) -> list[str]:
    """The phases as Markdown rows: CPU s of each run, the share of the last."""
    last = runs[-1]
    lines = ["| CPU s (share of the ingest, last run) | owner | "
             + " | ".join(f"run {n + 1}" for n in range(len(runs))) + " |",
             "|---|---|" + "---:|" * len(runs)]

    def row(label: str, values: list[float], owner: str) -> str:
        share = values[-1] / last["cpu"] if last["cpu"] else 0.0
        return (f"| {label} | {owner} | "
                + " | ".join(f"{v:.2f}" for v in values[:-1])
                + ("" if len(values) == 1 else " | ") + f"{values[-1]:.2f} ({share:.0%}) |")

    lines.append(row(f"whole ingest ({last['words'] / last['cpu']:,.0f} words/CPU s)",
                     [r["cpu"] for r in runs], ""))
    for label, *_, parent, owner in PHASES:
        if label not in last["phases"]:
            continue
        depth = 0
        up = parent
        while up is not None:
            depth += 1
            up = next(p[4] for p in PHASES if p[0] == up)
        lines.append(row("- " * depth + label, [r["phases"].get(label, 0.0) for r in runs],
                         owner))
        children = [p[0] for p in PHASES if p[4] == label and p[0] in last["phases"]]
        if children and owner:
            own = [r["phases"].get(label, 0.0) - sum(r["phases"].get(c, 0.0) for c in children)
                   for r in runs]
            lines.append(row("- " * (depth + 1) + "own (less the rows below)", own, owner))
    known = sum(last["phases"].get(p[0], 0.0) for p in PHASES if p[4] is None)
    lines.append(row("the rest (reading files, digests, chunks, start of the rescore)",
                     [r["cpu"] - sum(r["phases"].get(p[0], 0.0) for p in PHASES
                                     if p[4] is None) for r in runs], "")
                 if known else "")
    return [line for line in lines if line]


ROOT = Path(__file__).resolve().parent.parent


def alternate(folder: Path, other: Path, rounds: int, jobs: int, tmp: Path,
              into: Path | None = None) -> tuple[
        list[dict[str, Any]], list[dict[str, Any]]]:
    """``rounds`` runs of each checkout, taking turns (the other first), each in a fresh
    process started outside both checkouts, so ``PYTHONPATH`` decides which ``verifier``
    it imports."""
    import os
    import subprocess

    found: tuple[list[dict[str, Any]], list[dict[str, Any]]] = ([], [])
    for _ in range(rounds):
        for runs, checkout in zip(found, (other, ROOT), strict=True):
            output = subprocess.run(
                [sys.executable, str(Path(__file__).resolve()), "--folder", str(folder),
                 "--jobs", str(jobs), "--json"]
                + ([] if into is None else ["--into", str(into)]),
                cwd=tmp, env={**os.environ, "PYTHONPATH": str(checkout)}, check=True,
                stdout=subprocess.PIPE).stdout
            runs.extend(json.loads(output))
    return found


def compare(before: list[dict[str, Any]], after: list[dict[str, Any]]) -> list[str]:
    """Markdown rows: each phase's CPU s in every run of both, and the change of the means."""
    def cells(runs: list[dict[str, Any]], value: Callable[[dict[str, Any]], float]) -> str:
        return " / ".join(f"{value(r):.2f}" for r in runs)

    def change(value: Callable[[dict[str, Any]], float]) -> str:
        old = sum(map(value, before)) / len(before)
        new = sum(map(value, after)) / len(after)
        return f"{(new - old) / old:+.0%}" if old else ""

    lines = ["| CPU s | owner | against | this checkout | change of the means |",
             "|---|---|---:|---:|---:|"]
    whole: Callable[[dict[str, Any]], float] = lambda r: float(r["cpu"])  # noqa: E731
    lines.append(f"| whole ingest | | {cells(before, whole)} | {cells(after, whole)} | "
                 f"{change(whole)} |")
    for label, *_, owner in PHASES:
        def phase(r: dict[str, Any], label: str = label) -> float:
            return float(r["phases"].get(label, 0.0))

        if any(label in r["phases"] for r in before + after):
            lines.append(f"| {label} | {owner} | {cells(before, phase)} | "
                         f"{cells(after, phase)} | {change(phase)} |")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--folder", type=Path, help="ingest these texts instead of bench "
                        "articles")
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--jobs", type=int, default=1)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--into", type=Path, help="ingest into a copy of this SQLite "
                        "database (say one `verifier ingest` grew to 10,000 articles): a "
                        "day's increment on a large database")
    parser.add_argument("--against", type=Path, help="another checkout (say a `git archive` "
                        "of main): its run and this checkout's alternate, each in a fresh "
                        "process, --rounds times, and both are tabled")
    options = parser.parse_args()
    import verifier

    with tempfile.TemporaryDirectory(prefix="verifier-phases-corpus-") as tmp:
        folder = options.folder
        if folder is None:
            from ingest import write_corpus

            folder = Path(tmp) / "articles"
            write_corpus(folder, options.articles)
        if options.against is not None:
            into = options.into.resolve() if options.into is not None else None
            pairs = alternate(folder.resolve(), options.against.resolve(), options.rounds,
                              options.jobs, Path(tmp), into)
            print(f"{options.against} against {ROOT}, {options.rounds} alternating rounds, "
                  f"jobs {options.jobs}; CPU s, each run")
            print("\n".join(compare(*pairs)))
            return
        runs = [measure(folder, options.jobs, options.into) for _ in range(options.rounds)]
    if options.json:
        print(json.dumps(runs, indent=2))
        return
    last = runs[-1]
    print(f"verifier from {Path(verifier.__file__).parent}; {last['articles']} articles, "
          f"{last['words']:,} words, {last['claims']:,} claims; jobs {options.jobs}; "
          f"wall {last['wall']:.2f} s")
    print("\n".join(table(runs)))


if __name__ == "__main__":
    main()
