"""The desk's read commands on a large database, timed as a reviewer runs them.

    .venv/bin/python bench/desk.py [--db PATH|URL | --articles 10000] [--runs 3] [--marks 20]
                                   [--all-stories] [--json] [--skip COMMAND]

1. The database: ``--db PATH`` reuses one (any revision: it is migrated), and ``--db URL``
   a PostgreSQL one (copied from a SQLite benchmark database by ``bench/sqlite_to_pg.py``,
   so already signed); otherwise ``--articles`` articles are written with
   ``bench/ingest.py``'s corpus builder (paragraphs of ../shared/corpus recombined, read at
   run time, never copied) and stored with ``verifier ingest`` into ``bench-desk-<N>.db`` in
   the system's temporary folder (kept for the next run). Articles ingested before revision
   0007 get their MinHash signatures here, as ingest now computes them.
2. Preparation, timed once: the first ``stories list`` (a database from before revision
   0005 scores every story once, which later commands never repeat); then ``--marks``
   stories are marked confirmed or refuted with ``verifier stories mark`` (each rescoring
   the stories whose sources' track records move), so the default ``report --all`` (the
   reviewed stories) has something to cover.
3. Each command of issue 11's table runs as a whole process (start-up included), ``--runs``
   times; the table gives the median wall and CPU (user + system) time and the largest peak
   RSS (``/usr/bin/time``), with the target. On a shared, busy machine the CPU time is the
   steadier figure.
   ``--all-stories`` adds ``report --all-stories --format html`` (every story; large).
"""

from __future__ import annotations

import argparse
import json
import os
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
VERIFIER = Path(sys.executable).parent / "verifier"
TIME = "/usr/bin/time"
sys.path.insert(0, str(ROOT / "bench"))


def run(args: list[str], output: Path | None = None) -> tuple[float, float, int, float]:
    """Wall seconds, peak RSS (MB), exit code and CPU seconds of one ``verifier`` process
    (measured by ``/usr/bin/time``; CPU time is what a busy shared machine disturbs least)."""
    with tempfile.NamedTemporaryFile("r", suffix=".time") as stats, open(
        output or os.devnull, "w"
    ) as sink:
        started = time.perf_counter()
        code = subprocess.run(
            [TIME, "-f", "%U %S %M", "-o", stats.name, str(VERIFIER), *args],
            stdout=sink, stderr=subprocess.DEVNULL, check=False,
        ).returncode
        wall = time.perf_counter() - started
        user, system, peak_kb = stats.read().split()[-3:]
    return wall, int(peak_kb) / 1024, code, float(user) + float(system)


def build(articles: int) -> Path:
    """A database of ``articles`` ingested articles (kept in the temporary folder)."""
    from ingest import write_corpus  # bench/ingest.py

    db = Path(tempfile.gettempdir()) / f"bench-desk-{articles}.db"
    if db.exists():
        return db
    with tempfile.TemporaryDirectory(prefix="verifier-desk-") as tmp:
        folder = Path(tmp) / "articles"
        folder.mkdir()
        write_corpus(folder, articles)
        started = time.perf_counter()
        subprocess.run([str(VERIFIER), "ingest", str(folder), "--db", str(db)], check=True,
                       stdout=subprocess.DEVNULL)
        print(f"ingested {articles} articles in {time.perf_counter() - started:.0f} s",
              file=sys.stderr)
    return db


def is_url(db: str | Path) -> bool:
    return "://" in str(db)


def query(db: str | Path, sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Rows of one query on the SQLite file (sqlite3) or the database URL (SQLAlchemy;
    ``?`` placeholders either way)."""
    if not is_url(db):
        connection = sqlite3.connect(db)
        try:
            return connection.execute(sql, params).fetchall()
        finally:
            connection.close()
    from sqlalchemy import create_engine, text

    engine = create_engine(str(db))
    try:
        names = {f"p{n}": v for n, v in enumerate(params)}
        for name in names:
            sql = sql.replace("?", f":{name}", 1)
        with engine.connect() as url_connection:
            return [tuple(r) for r in url_connection.execute(text(sql), names)]
    finally:
        engine.dispose()


def sign_old_articles(db: str | Path) -> int:
    """MinHash signatures for articles stored before ingest computed them (revision 0007)."""
    from verifier.scoring.signatures import signature

    if is_url(db):
        return 0  # copied from a signed SQLite database (bench/sqlite_to_pg.py)
    connection = sqlite3.connect(db)
    try:
        rows = connection.execute(
            "SELECT id, text FROM articles WHERE signature IS NULL").fetchall()
        with connection:
            connection.executemany("UPDATE articles SET signature = ? WHERE id = ?",
                                   [(signature(text), i) for i, text in rows])
        return len(rows)
    finally:
        connection.close()


def picks(db: str | Path) -> dict[str, Any]:
    """Ids to show: a typical story and claim, the largest story, and counts."""
    counts = {t: query(db, f"SELECT count(*) FROM {t}")[0][0]
              for t in ("articles", "claims", "stories")}
    sizes = query(db, "SELECT id, claims FROM stories WHERE claims >= 2 ORDER BY claims, id")
    typical = sizes[len(sizes) // 2]
    largest = sizes[-1]
    claim = query(db, "SELECT claim_id FROM story_claims WHERE story_id = ? LIMIT 1",
                  (typical[0],))[0][0]
    reviewed = {s for (s,) in query(db, "SELECT DISTINCT story_id FROM verdicts "
                                    "WHERE claim_id IS NULL")}
    return {"counts": counts, "story": typical[0], "story_claims": typical[1],
            "largest": largest[0], "largest_claims": largest[1], "claim": claim,
            "reviewed": len(reviewed),
            "to_mark": [s for s, _ in sizes[-200::10] if s not in reviewed]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", help="a SQLite file or a database URL (PostgreSQL: copy a "
                        "SQLite benchmark database with bench/sqlite_to_pg.py)")
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--marks", type=int, default=20)
    parser.add_argument("--all-stories", action="store_true")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--skip", action="append", default=[], metavar="COMMAND",
                        help="leave out the commands starting with this (repeatable), e.g. "
                        "--skip 'report --all' to time the quick reads alone")
    options = parser.parse_args()
    db = options.db or build(options.articles)
    prepared: dict[str, Any] = {}
    seconds, _, code, _ = run(["db", "upgrade", "--db", str(db)])
    prepared["upgrade_s"] = round(seconds, 1)
    if code:
        sys.exit(f"verifier db upgrade failed on {db}")
    started = time.perf_counter()
    prepared["signed_articles"] = sign_old_articles(db)
    prepared["sign_s"] = round(time.perf_counter() - started, 1)
    seconds, rss, code, _ = run(["stories", "list", "--db", str(db)])
    prepared["first_list_s"] = round(seconds, 1)
    prepared["first_list_rss_mb"] = round(rss)
    chosen = picks(db)
    marked = 0
    mark_times = []
    for n, story in enumerate(chosen["to_mark"][: max(options.marks - chosen["reviewed"], 0)]):
        status = "confirmed" if n % 3 else "refuted"
        seconds, _, code, _ = run(["stories", "mark", str(story), status, "--evidence",
                                "bench verdict", "--by", "bench", "--db", str(db)])
        if code == 0:
            marked += 1
            mark_times.append(seconds)
    prepared["marked"] = marked
    if mark_times:
        prepared["mark_median_s"] = round(statistics.median(mark_times), 2)
    out = Path(tempfile.gettempdir()) / "bench-desk-report.html"
    d = ["--db", str(db)]
    cases: list[tuple[str, list[str], float, Path | None]] = [
        ("stories list", ["stories", "list", *d], 0.4, None),
        ("stories list --sort date --offset 500", ["stories", "list", "--sort", "date",
                                                   "--offset", "500", *d], 0.4, None),
        ("stories list --status contested", ["stories", "list", "--status", "contested", *d],
         0.4, None),
        ("report --all --format html", ["report", "--all", "--format", "html", "-o",
                                        str(out), *d], 60.0, None),
        ("sources show reuters", ["sources", "show", "reuters", *d], 0.4, None),
        (f"report --story {chosen['story']}", ["report", "--story", str(chosen["story"]), *d],
         0.4, None),
        (f"stories show {chosen['story']} ({chosen['story_claims']} claims)",
         ["stories", "show", str(chosen["story"]), *d], 0.4, None),
        (f"stories show {chosen['largest']} (largest, {chosen['largest_claims']} claims)",
         ["stories", "show", str(chosen["largest"]), *d], 1.0, None),
        (f"claims show {chosen['claim']}", ["claims", "show", str(chosen["claim"]), *d], 0.4,
         None),
        ("claims list", ["claims", "list", *d], 0.3, None),
        ("--help", ["--help"], 0.15, None),
    ]
    if options.all_stories:
        cases.append(("report --all-stories --format html",
                      ["report", "--all-stories", "--format", "html", "-o", str(out), *d],
                      60.0, None))
    results: list[dict[str, Any]] = []
    for name, args, target, _ in cases:
        if any(name.startswith(skipped) for skipped in options.skip):
            continue
        times, peaks, cpus = [], [], []
        for _ in range(options.runs):
            seconds, rss, code, cpu = run(args)
            if code:
                sys.exit(f"`verifier {' '.join(args)}` failed (exit {code})")
            times.append(seconds)
            peaks.append(rss)
            cpus.append(cpu)
        results.append({"command": name, "median_s": round(statistics.median(times), 3),
                        "median_cpu_s": round(statistics.median(cpus), 3),
                        "peak_rss_mb": round(max(peaks)), "target_s": target})
    report = {"database": str(db), **chosen["counts"], "prepared": prepared,
              "html_report_mb": round(out.stat().st_size / 1e6, 1) if out.exists() else None,
              "commands": results}
    if options.json:
        print(json.dumps(report, indent=2))
        return
    c = chosen["counts"]
    print(f"{db}: {c['articles']} articles, {c['claims']} sentences, {c['stories']} stories")
    print(f"prepared: {prepared}")
    print(f"{'command':58s} {'wall s':>8s} {'cpu s':>7s} {'peak MB':>8s} {'target s':>9s}")
    for r in results:
        flag = "" if r["median_s"] <= r["target_s"] else "  (over)"
        print(f"{r['command']:58s} {r['median_s']:8.3f} {r['median_cpu_s']:7.3f} "
              f"{r['peak_rss_mb']:8d} {r['target_s']:9.2f}{flag}")


if __name__ == "__main__":
    main()
