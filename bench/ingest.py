"""Ingest speed, story grouping's share, a day's increment on a large database, and the
review queue's latency, measured by hand.

    .venv/bin/python bench/ingest.py [--articles 2000] [--jobs 2] [--rounds 1]
                                     [--increments 0,1000,10000] [--claims 1000000] [--json]
                                     [--url postgresql+psycopg://...]

1. Builds ``--articles`` distinct articles (paragraphs of the labelled corpora in
   ../shared/corpus and the bundled examples, recombined at random with a fixed seed, each
   with a unique lead sentence; read at run time, never copied into the project) as .txt
   files in a temporary folder.
2. Times, in the same process: the analyser alone over them (read + ``analyse_text``);
   ``ingest_paths`` into a fresh SQLite database without story grouping (``--no-group``),
   whose excess over the analyser is the storage cost; ``ingest_paths`` end to end with
   grouping (what ``verifier ingest`` does), whose excess over the first is grouping's share
   (target <= 30% of ingest time); and with ``--jobs`` worker processes. Wall and CPU time
   (this process and its workers) are both given: on a shared machine CPU time is the
   steadier measure of the work. Targets: >= 150,000 words/s on one core, >= 250,000 with
   --jobs 2. Peak RSS is sampled as the ingest goes, to show it stays flat.
3. ``--increments``: a day's increment, the same 500 new articles (in no base) ingested by
   ``verifier ingest`` as a fresh process into a copy of a database grown (by ingest, with
   grouping, ``--jobs``) to each of these sizes in turn: wall and CPU seconds and peak RSS
   of that process. Target: at 50,000 articles within 1.2x of the same into an empty
   database; peak memory flat. The same day is also ingested ``--no-group`` into another
   copy: the difference is grouping's cost per article at that size (it should stay flat as
   the database grows).
4. Builds a database of ``--claims`` claims with bulk inserts (sqlite3 executemany, then the
   FTS5 index in one statement, as ``store_articles`` does, and the planner's statistics as
   ingest leaves them) and times ``verifier claims list`` as a fresh process, wall clock
   including start-up, for several filters. Target < 350 ms. ``--claims 0`` skips this part.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
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
    if not SHARED.is_dir():  # else only the examples' 41 paragraphs: far too repetitive
        sys.exit(f"{SHARED}: the labelled corpora are not there (run from a checkout)")
    found: list[str] = []
    for path in sorted(SHARED.glob("*/*.txt")) + sorted((ROOT / "examples").glob("*.md")):
        text = path.read_text(encoding="utf-8")
        if text.startswith("---"):
            text = text.split("\n---\n", 1)[-1]
        found.extend(line.strip() for line in text.splitlines() if len(line.split()) > 3)
    if not found:
        sys.exit(f"no text found under {SHARED}")
    return found


def articles(count: int, pool: list[str], seed: int = 7, start: int = 0) -> Iterator[str]:
    rng = random.Random(seed)
    for n in range(start, start + count):
        body = rng.sample(pool, k=min(len(pool), rng.randint(6, 14)))
        yield f"Bench dispatch {n}\n" + "\n".join(body) + "\n"


def write_corpus(folder: Path, count: int, start: int = 0, seed: int = 7) -> int:
    words = 0
    folder.mkdir(parents=True, exist_ok=True)
    for n, text in enumerate(articles(count, paragraphs(), seed, start), start):
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


def cpu_seconds() -> float:
    """CPU time of this process and of its waited-for children (ingest's worker processes)."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


@contextmanager
def fresh_schema(base: str) -> Iterator[str]:
    """A URL to an empty schema on a PostgreSQL server, dropped afterwards."""
    import uuid
    from urllib.parse import quote

    from sqlalchemy import create_engine, text

    schema = f"bench_{uuid.uuid4().hex[:12]}"
    admin = create_engine(base)
    with admin.begin() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    try:
        separator = "&" if "?" in base else "?"
        yield f"{base}{separator}options={quote(f'-csearch_path={schema}')}"
    finally:
        with admin.begin() as connection:
            connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


def time_ingest(folder: Path, db_path: str, *, group: bool, jobs: int = 1) -> dict[str, Any]:
    from verifier.analysis.analyse import clear_caches, default_registry
    from verifier.ingest.pipeline import ArticleResult, ingest_paths
    from verifier.store.database import open_database

    samples: list[tuple[int, float]] = []
    done = {"n": 0}

    def on_article(result: ArticleResult) -> None:
        done["n"] += 1
        if done["n"] % 1000 == 0:
            samples.append((done["n"], round(rss_mb(), 1)))

    with open_database(db_path) as database:
        clear_caches()  # the analyser starts as cold as it did alone
        started, cpu = time.perf_counter(), cpu_seconds()
        summary = ingest_paths(database, [folder], default_registry(), on_article=on_article,
                               group_stories=group, jobs=jobs)
        seconds, cpu = time.perf_counter() - started, cpu_seconds() - cpu
    return {"seconds": seconds, "cpu": cpu, "summary": summary, "rss_mb": samples}


def run_cli_ingest(folder: Path, db_path: Path, jobs: int, group: bool = True) -> (
    dict[str, float]
):
    """``verifier ingest`` as a fresh process: wall and CPU seconds (with its workers), peak
    RSS in MB (the largest of its processes), articles stored."""
    started = time.perf_counter()
    process = subprocess.Popen(
        [str(VERIFIER), "ingest", str(folder), "--db", str(db_path), "--jobs", str(jobs),
         "--json", "--group" if group else "--no-group"],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    assert process.stdout is not None
    output = process.stdout.read()
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        sys.exit(f"verifier ingest failed ({process.returncode})")
    return {"seconds": seconds, "cpu": usage.ru_utime + usage.ru_stime,
            "rss_mb": usage.ru_maxrss / 1024, "stored": json.loads(output)["stored"]}


def time_increments(tmp: Path, sizes: list[int], jobs: int, day: int = 500) -> list[dict[str, Any]]:
    """Grow one database to each size in turn (by ingest, with grouping) and time a day's
    ``day`` new articles into it: the same articles into every size (none in any base), so
    the sizes differ only in the database."""
    db_path = tmp / "grown.db"
    built = 0
    rows = []
    day_folder = tmp / "day"
    write_corpus(day_folder, day, start=10_000_000, seed=4242)
    for size in sizes:
        if size > built:
            base = tmp / f"base-{size}"
            write_corpus(base, size - built, start=built, seed=size)
            run_cli_ingest(base, db_path, jobs)
            shutil.rmtree(base)
            built = size
        runs: dict[bool, dict[str, float]] = {}
        for group in (False, True):  # each into a copy of the database, which keeps no day
            copy = tmp / "copy.db"
            if size:
                shutil.copyfile(db_path, copy)
            runs[group] = run_cli_ingest(day_folder, copy, 1, group=group)
            for suffix in ("", "-wal", "-shm"):
                Path(f"{copy}{suffix}").unlink(missing_ok=True)
        plain, run = runs[False], runs[True]
        grouping = run["cpu"] - plain["cpu"]
        rows.append({"base_articles": size, "articles_after": size + day, **{
            k: round(v, 3) for k, v in run.items()},
            "no_group_cpu": round(plain["cpu"], 3),
            "group_ms_per_article_cpu": round(grouping / day * 1000, 3),
            "group_share_cpu": round(grouping / run["cpu"], 3)})
    return rows


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
    parser.add_argument("--articles", type=int, default=2_000)
    parser.add_argument("--jobs", type=int, default=2, help="worker processes for the "
                        "parallel ingest and for growing the increment databases")
    parser.add_argument("--increments", default="0,1000,10000",
                        help="database sizes (articles) to time a day's 500 into; '' skips")
    parser.add_argument("--claims", type=int, default=1_000_000)
    parser.add_argument("--rounds", type=int, default=1,
                        help="time each ingest this many times, in turns, and keep the best "
                        "of each (a busy machine is noisy)")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--url", help="time the ingests (part 2) on this database server "
                        "instead, each in a fresh schema dropped afterwards (a "
                        "postgresql+psycopg:// URL; CPU time then leaves out the server's)")
    options = parser.parse_args()
    result: dict[str, Any] = {}
    with tempfile.TemporaryDirectory(prefix="verifier-bench-") as tmp:
        folder = Path(tmp) / "articles"
        words = write_corpus(folder, options.articles)
        runs: dict[str, dict[str, Any]] = {}
        for n in range(options.rounds):  # taking turns; the best of each
            seconds, cpu, sentences = time_analyser(folder)
            keep(runs, "analyser", {"seconds": seconds, "cpu": cpu})
            for name, group, jobs in (("no_group", False, 1), ("grouped", True, 1),
                                      (f"jobs_{options.jobs}", True, options.jobs)):
                if options.url:
                    with fresh_schema(options.url) as url:
                        keep(runs, name, time_ingest(folder, url, group=group, jobs=jobs))
                    continue
                db_path = Path(tmp) / f"{name}{n}.db"
                keep(runs, name, time_ingest(folder, str(db_path), group=group, jobs=jobs))
                db_path.unlink()
        summary = runs["grouped"]["summary"]
        row: dict[str, Any] = {
            "articles": options.articles, "words": words, "sentences": sentences,
            "stored": summary.stored, "failed": summary.failed, "claims": summary.claims,
            "rounds": options.rounds, "jobs": options.jobs,
        }
        for name, run in runs.items():
            row[name] = {
                "seconds": round(run["seconds"], 2), "cpu_s": round(run["cpu"], 2),
                "words_per_s": round(words / run["seconds"]),
                "words_per_cpu_s": round(words / run["cpu"]),
                "ms_per_article_cpu": round(run["cpu"] / options.articles * 1000, 3),
            }
        grouped, plain = runs["grouped"], runs["no_group"]
        row["group_share"] = round((grouped["seconds"] - plain["seconds"]) / grouped["seconds"], 3)
        row["group_share_cpu"] = round((grouped["cpu"] - plain["cpu"]) / grouped["cpu"], 3)
        row["group_ms_per_article_cpu"] = round(
            (grouped["cpu"] - plain["cpu"]) / options.articles * 1000, 3)
        row["store_share_cpu"] = round((plain["cpu"] - runs["analyser"]["cpu"]) / plain["cpu"], 3)
        row["peak_rss_mb_by_articles"] = grouped["rss_mb"]
        result["ingest"] = row
        sizes = [int(x) for x in options.increments.split(",") if x.strip()]
        if sizes:
            result["increments"] = time_increments(Path(tmp), sizes, options.jobs)
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


def keep(runs: dict[str, dict[str, Any]], name: str, run: dict[str, Any]) -> None:
    """The best wall time and the least CPU time of the rounds so far."""
    best = runs.get(name)
    if best is None:
        runs[name] = run
        return
    cpu = min(best["cpu"], run["cpu"])
    if run["seconds"] < best["seconds"]:
        runs[name] = run
    runs[name]["cpu"] = cpu


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
          f"({i['stored']} stored, {i['failed']} failed, {i['claims']} claims); best of "
          f"{i['rounds']} rounds; CPU time includes worker processes")
    labels = {"analyser": "analyser alone", "no_group": "ingest --no-group",
              "grouped": "ingest (grouping), 1 job", f"jobs_{i['jobs']}":
              f"ingest (grouping), --jobs {i['jobs']}"}
    for key, label in labels.items():
        r = i[key]
        print(f"  {label:28s} {r['seconds']:8.2f} s wall {r['words_per_s']:8d} words/s | "
              f"{r['cpu_s']:8.2f} s CPU {r['words_per_cpu_s']:8d} words/CPU-s "
              f"({r['ms_per_article_cpu']:.2f} ms/article)")
    print(f"  grouping: {i['group_ms_per_article_cpu']:.2f} ms/article CPU = "
          f"{i['group_share_cpu']:.0%} of ingest CPU time ({i['group_share']:.0%} of wall), "
          f"target <= 30%; storing {i['store_share_cpu']:.0%} of --no-group CPU time")
    print(f"  peak RSS (MB) by articles done: {i['peak_rss_mb_by_articles']}")
    for row in result.get("increments", ()):
        print(f"  500 articles into {row['base_articles']:6d}: {row['seconds']:7.2f} s wall "
              f"{row['cpu']:7.2f} s CPU  peak RSS {row['rss_mb']:6.1f} MB; grouping "
              f"{row['group_ms_per_article_cpu']:.2f} ms/article CPU "
              f"({row['group_share_cpu']:.0%}; --no-group {row['no_group_cpu']:.2f} s CPU)")
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
