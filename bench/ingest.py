"""Ingest speed and the review queue's latency, measured by hand.

    .venv/bin/python bench/ingest.py [--articles 10000] [--claims 1000000] [--rounds 1]
                                     [--no-group] [--json]

1. Builds ``--articles`` distinct articles (paragraphs of the labelled corpora in
   ../shared/corpus and the bundled examples, recombined at random with a fixed seed; read at
   run time, never copied into the project) as .txt files in a temporary folder.
2. Times, in the same process: the analyser alone over them (read + ``analyse_text``);
   ``ingest_paths`` into a fresh SQLite database without story grouping (read + analyse +
   store, as ``--no-group``), whose excess over the analyser is the storage cost, reported as
   (ingest - analyser) / analyser, target <= 0.5; then story grouping on its own: the
   ``update_stories`` calls ingest makes after each chunk, replayed over the stored articles
   chunk by chunk, each in its own transaction. Both timed runs start with the analyser's
   caches emptied; the storage cost is also given in CPU time, which another busy process on
   the machine disturbs less, and ``--rounds`` repeats the pair and keeps the best of each.
   Peak RSS is sampled as the ingest goes, to show it stays flat.
3. Builds a database of ``--claims`` claims with bulk inserts (sqlite3 executemany, then the
   FTS5 index in one statement, as ``store_articles`` does, and the planner's statistics as
   ingest leaves them) and times ``verifier claims list`` as a fresh process, wall clock
   including start-up, for several filters. Target < 350 ms. ``--claims 0`` skips this part.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "corpus"
VERIFIER = Path(sys.executable).parent / "verifier"
KINDS = ("official", "named", "media", "unnamed_official", "unnamed", "declined", "denied")
LIST_CASES: tuple[tuple[str, list[str]], ...] = (
    ("default (unverified, newest)", []),
    ("--sourcing unnamed", ["--sourcing", "unnamed"]),
    ("--sourcing unattributed", ["--sourcing", "unattributed"]),
    ("--status confirmed", ["--status", "confirmed"]),
    ("--outlet yonhap", ["--outlet", "yonhap"]),
    ("--certainty possible --json", ["--certainty", "possible", "--json"]),
    ("--search ministry", ["--search", "ministry"]),
    ("--since 2020-06-01 --until 2020-06-30", ["--since", "2020-06-01", "--until", "2020-06-30"]),
)


def paragraphs() -> list[str]:
    """Every non-empty paragraph of the corpora and examples (read at run time)."""
    found: list[str] = []
    for path in sorted(SHARED.glob("*/*.txt")) + sorted((ROOT / "examples").glob("*.md")):
        text = path.read_text(encoding="utf-8")
        if text.startswith("---"):
            text = text.split("\n---\n", 1)[-1]
        found.extend(line.strip() for line in text.splitlines() if len(line.split()) > 3)
    if not found:
        sys.exit(f"no text found under {SHARED}")
    return found


def articles(count: int, pool: list[str], seed: int = 7) -> Iterator[str]:
    rng = random.Random(seed)
    for n in range(count):
        body = rng.sample(pool, k=min(len(pool), rng.randint(6, 14)))
        yield f"Bench dispatch {n}\n" + "\n".join(body) + "\n"


def write_corpus(folder: Path, count: int) -> int:
    words = 0
    for n, text in enumerate(articles(count, paragraphs())):
        sub = folder / f"{n // 1000:03d}"
        sub.mkdir(exist_ok=True)
        (sub / f"{n:06d}.txt").write_text(text, encoding="utf-8")
        words += len(text.split())
    return words


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def time_analyser(folder: Path) -> tuple[float, float, int]:
    """Wall and CPU seconds of the analyser alone over the corpus, and its sentences."""
    from verifier.analysis.analyse import analyse_text, clear_caches, default_registry
    from verifier.ingest.textfile import read_article_text

    registry = default_registry()
    clear_caches()  # as cold as the ingest that follows
    started, cpu = time.perf_counter(), time.process_time()
    sentences = 0
    for path in sorted(folder.rglob("*.txt")):
        sentences += len(analyse_text(read_article_text(path), registry=registry).sentences)
    return time.perf_counter() - started, time.process_time() - cpu, sentences


def time_ingest(folder: Path, db_path: Path) -> dict[str, Any]:
    from verifier.analysis.analyse import clear_caches, default_registry
    from verifier.ingest.pipeline import ArticleResult, ingest_paths
    from verifier.store.database import open_database

    samples: list[tuple[int, float]] = []
    done = {"n": 0}

    def on_article(result: ArticleResult) -> None:
        done["n"] += 1
        if done["n"] % 1000 == 0:
            samples.append((done["n"], round(rss_mb(), 1)))

    with open_database(str(db_path)) as database:
        clear_caches()  # the analyser starts as cold as it did alone
        started, cpu = time.perf_counter(), time.process_time()
        summary = ingest_paths(database, [folder], default_registry(), on_article=on_article,
                               group_stories=False)
        seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    return {"seconds": seconds, "cpu": cpu, "summary": summary, "rss_mb": samples}


def time_grouping(db_path: Path) -> dict[str, Any]:
    """``update_stories`` as ingest calls it: per chunk of stored articles, in order."""
    from sqlalchemy import func, select

    from verifier.ingest.pipeline import CHUNK_ARTICLES
    from verifier.store.database import open_database
    from verifier.store.models import Article, Story
    from verifier.stories.store import update_stories

    with open_database(str(db_path)) as database:
        with database.session_scope(write=False) as session:
            ids = list(session.scalars(select(Article.id).order_by(Article.id)))
        started = time.perf_counter()
        for start in range(0, len(ids), CHUNK_ARTICLES):
            with database.session_scope() as session:
                update_stories(session, ids[start : start + CHUNK_ARTICLES])
        seconds = time.perf_counter() - started
        with database.session_scope(write=False) as session:
            stories = session.scalar(select(func.count()).select_from(Story)) or 0
    return {"seconds": seconds, "stories": stories}


def build_million(db_path: Path, claims: int, per_article: int = 40) -> float:
    """A migrated database with ``claims`` claims, by bulk insert."""
    from verifier.analysis.analyse import default_registry
    from verifier.store import sync_registry
    from verifier.store.database import open_database, refresh_statistics

    with open_database(str(db_path)) as database, database.session_scope() as session:
        ids = sync_registry(session, default_registry())
    outlets = [ids[k] for k in ("yonhap", "reuters", "koreatimes", "afp", "ap", "xinhua")]
    sentences = [s.strip() + "." for p in paragraphs() for s in p.split(". ") if len(s) > 30]
    rng = random.Random(11)
    started = time.perf_counter()
    connection = sqlite3.connect(db_path)
    connection.execute("PRAGMA journal_mode = WAL")
    connection.execute("PRAGMA synchronous = NORMAL")
    day0 = datetime(2019, 1, 1, tzinfo=UTC)
    n_articles = claims // per_article
    with connection:
        connection.executemany(
            "INSERT INTO articles (id, sha256, outlet_id, outlet, title, text, word_count, "
            "published_at, ingested_at) VALUES (?, ?, ?, 'bench', ?, '', 0, ?, ?)",
            (
                (
                    a + 1, f"{a:064x}", rng.choice(outlets), f"Bench {a}",
                    (day0 + timedelta(hours=a)).strftime("%Y-%m-%d %H:%M:%S.%f"),
                    day0.strftime("%Y-%m-%d %H:%M:%S.%f"),
                )
                for a in range(n_articles)
            ),
        )

        def claim_rows() -> Iterator[tuple[Any, ...]]:
            for c in range(claims):
                status = "confirmed" if c % 97 == 0 else "unverified"
                yield (c + 1, c // per_article + 1, c % per_article, 0, 10,
                       rng.choice(sentences), 1, "bench", rng.choice(("certain", "probable",
                       "possible")), status)

        connection.executemany(
            'INSERT INTO claims (id, article_id, position, start, "end", text, is_claim, '
            "claim_rule, certainty, status) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            claim_rows(),
        )
        connection.executemany(
            "INSERT INTO attributions (claim_id, position, kind, speaker, stance, source_text, "
            "source_start, source_end, cue_text, cue_start, cue_end, rule, carried) "
            "VALUES (?, 0, ?, 'unnamed', 'asserts', 'a source', 0, 1, 'said', 0, 1, 'bench', 0)",
            ((c + 1, rng.choice(KINDS)) for c in range(claims) if c % 5 < 3),
        )
        connection.execute("INSERT INTO claims_fts(rowid, text) SELECT id, text FROM claims")
    connection.close()
    with open_database(str(db_path)) as database:
        refresh_statistics(database)  # as ingest does after each chunk
    return time.perf_counter() - started


def time_command(db_path: Path, args: list[str], runs: int = 7) -> dict[str, float]:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run([str(VERIFIER), "claims", "list", "--db", str(db_path), *args],
                       check=True, stdout=subprocess.DEVNULL)
        times.append(time.perf_counter() - started)
    return {"best_ms": min(times) * 1000, "median_ms": statistics.median(times) * 1000}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--claims", type=int, default=1_000_000)
    parser.add_argument("--rounds", type=int, default=1,
                        help="time the analyser and the ingest this many times each, in "
                        "turns, and keep the best of each (a busy machine is noisy)")
    parser.add_argument("--no-group", dest="group", action="store_false",
                        help="skip timing story grouping")
    parser.add_argument("--json", action="store_true")
    options = parser.parse_args()
    result: dict[str, Any] = {}
    with tempfile.TemporaryDirectory(prefix="verifier-bench-") as tmp:
        folder = Path(tmp) / "articles"
        folder.mkdir()
        words = write_corpus(folder, options.articles)
        analyser_s = analyser_cpu = float("inf")
        ingest: dict[str, Any] = {}
        for n in range(options.rounds):  # taking turns; the best of each
            seconds, cpu, sentences = time_analyser(folder)
            analyser_s, analyser_cpu = min(analyser_s, seconds), min(analyser_cpu, cpu)
            db_path = Path(tmp) / f"ingest{n}.db"
            run = time_ingest(folder, db_path)
            if not ingest or run["seconds"] < ingest["seconds"]:
                ingest = {**run, "db": db_path, "cpu": min(run["cpu"], ingest.get("cpu", 1e9))}
            else:
                ingest["cpu"] = min(run["cpu"], ingest["cpu"])
        grouping = time_grouping(ingest["db"]) if options.group else {"seconds": 0.0,
                                                                       "stories": 0}
        summary = ingest["summary"]
        store_s = ingest["seconds"] - analyser_s
        overhead = store_s / analyser_s
        store_cpu = ingest["cpu"] - analyser_cpu
        result["ingest"] = {
            "articles": options.articles,
            "words": words,
            "sentences": sentences,
            "stored": summary.stored,
            "failed": summary.failed,
            "claims": summary.claims,
            "analyser_s": round(analyser_s, 2),
            "analyser_articles_per_s": round(options.articles / analyser_s),
            "analyser_words_per_s": round(words / analyser_s),
            "ingest_s": round(ingest["seconds"], 2),
            "ingest_articles_per_s": round(options.articles / ingest["seconds"]),
            "ingest_words_per_s": round(words / ingest["seconds"]),
            "store_s": round(store_s, 2),
            "store_ms_per_article": round(store_s / options.articles * 1000, 3),
            "storage_overhead": round(overhead, 3),
            "target_overhead": 0.5,
            "rounds": options.rounds,
            "analyser_cpu_s": round(analyser_cpu, 2),
            "store_cpu_s": round(store_cpu, 2),
            "store_cpu_ms_per_article": round(store_cpu / options.articles * 1000, 3),
            "storage_overhead_cpu": round(store_cpu / analyser_cpu, 3),
            "group_s": round(grouping["seconds"], 2),
            "group_ms_per_article": round(grouping["seconds"] / options.articles * 1000, 3),
            "group_vs_analyser": round(grouping["seconds"] / analyser_s, 3),
            "stories": grouping["stories"],
            "peak_rss_mb_by_articles": ingest["rss_mb"],
        }
        if options.claims <= 0:
            return finish(result, options.json)
        million = Path(tmp) / "million.db"
        build_s = build_million(million, options.claims)
        result["claims_list"] = {
            "claims": options.claims,
            "build_s": round(build_s, 1),
            "target_ms": 350,
            "cases": {name: time_command(million, args) for name, args in LIST_CASES},
        }
        result["claims_list"]["baseline_help"] = time_command_help()
    finish(result, options.json)


def finish(result: dict[str, Any], as_json: bool) -> None:
    if as_json:
        print(json.dumps(result, indent=2))
    else:
        report(result)


def time_command_help(runs: int = 7) -> dict[str, float]:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run([str(VERIFIER), "--help"], check=True, stdout=subprocess.DEVNULL)
        times.append(time.perf_counter() - started)
    return {"best_ms": min(times) * 1000, "median_ms": statistics.median(times) * 1000}


def report(result: dict[str, Any]) -> None:
    i = result["ingest"]
    print(f"Ingest: {i['articles']} articles, {i['words']} words, {i['sentences']} sentences "
          f"({i['stored']} stored, {i['failed']} failed, {i['claims']} claims)")
    print(f"  analyser alone        : {i['analyser_s']:8.2f} s  {i['analyser_articles_per_s']:6d} "
          f"articles/s  {i['analyser_words_per_s']:8d} words/s")
    print(f"  ingest, no grouping   : {i['ingest_s']:8.2f} s  {i['ingest_articles_per_s']:6d} "
          f"articles/s  {i['ingest_words_per_s']:8d} words/s")
    print(f"  store (ingest - analyser): {i['store_s']:6.2f} s  {i['store_ms_per_article']:.3f} "
          f"ms/article = {i['storage_overhead']:.0%} of the analyser's time "
          f"(target <= {i['target_overhead']:.0%})")
    print(f"  store in CPU time     : {i['store_cpu_s']:8.2f} s  "
          f"{i['store_cpu_ms_per_article']:.3f} ms/article = {i['storage_overhead_cpu']:.0%} of "
          f"the analyser's {i['analyser_cpu_s']:.2f} s (best of {i['rounds']} rounds)")
    print(f"  story grouping        : {i['group_s']:8.2f} s  {i['group_ms_per_article']:.3f} "
          f"ms/article = {i['group_vs_analyser']:.0%} of the analyser's time "
          f"({i['stories']} stories)")
    print(f"  peak RSS (MB) by articles done: {i['peak_rss_mb_by_articles']}")
    if "claims_list" not in result:
        return
    c = result["claims_list"]
    print(f"claims list on {c['claims']} claims (built in {c['build_s']} s), wall incl. "
          f"start-up, target < {c['target_ms']} ms:")
    for name, t in c["cases"].items():
        print(f"  {name:40s} best {t['best_ms']:6.0f} ms  median {t['median_ms']:6.0f} ms")
    h = c["baseline_help"]
    print(f"  {'(verifier --help, for reference)':40s} best {h['best_ms']:6.0f} ms  median "
          f"{h['median_ms']:6.0f} ms")


if __name__ == "__main__":
    main()
