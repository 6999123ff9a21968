"""How long a reviewer's write waits while a big ingest runs, measured by hand.

    .venv/bin/python bench/mark_latency.py [--articles 3000] [--jobs 1] [--marks 40] [--json]

Builds ``--articles`` articles as bench/ingest.py does (paragraphs of ../shared/corpus
recombined, read at run time), stores a first 50 of them, then starts ``verifier ingest`` on
the rest as a separate process (``--jobs`` workers) and, while it runs, marks a claim every
``--interval`` seconds from this process: the library call ``claims mark`` makes
(``mark_claims`` in a write transaction, which must wait for the ingest's current write
transaction), and, every fourth time, ``verifier claims mark`` as a fresh process. Reports the
median and maximum wait of each, and the same measured with no ingest running (so the
difference is what the ingest costs a reviewer). Target: well under a second (issue 12
item 13: a median of 11 s before).
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from ingest import VERIFIER, write_corpus


def mark_in_process(db: Path, claim_id: int) -> float:
    """Seconds the write took; negative when it gave up (the database stayed busy)."""
    from verifier.errors import VerifierError
    from verifier.store.database import open_database
    from verifier.store.verdicts import mark_claims

    with open_database(str(db), create=False) as database:
        started = time.perf_counter()
        try:
            with database.session_scope() as session:
                mark_claims(session, [claim_id], "disputed", evidence="bench",
                            reviewer="bench")
        except VerifierError as error:
            print(f"mark failed: {error}", file=sys.stderr)
            return -(time.perf_counter() - started)
        return time.perf_counter() - started


def mark_cli(db: Path, claim_id: int) -> float:
    """Seconds ``verifier claims mark`` took; negative when it failed (busy, say)."""
    started = time.perf_counter()
    done = subprocess.run([str(VERIFIER), "claims", "mark", str(claim_id), "disputed",
                           "--evidence", "bench", "--by", "bench", "--db", str(db)],
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        print(f"claims mark failed: {done.stderr.decode().strip()}", file=sys.stderr)
        return -seconds
    return seconds


def summary(values: list[float]) -> dict[str, float]:
    failed = sum(1 for v in values if v < 0)
    values = [abs(v) for v in values]
    if not values:
        return {"n": 0}
    return {"n": len(values), "median_ms": round(statistics.median(values) * 1000, 1),
            "max_ms": round(max(values) * 1000, 1), "failed": failed}


def measure(db: Path, claims: list[int], rounds: int, interval: float,
            running: Any = None) -> tuple[list[float], list[float]]:
    library: list[float] = []
    cli: list[float] = []
    for n in range(rounds):
        if running is not None and running.poll() is not None:
            break
        # a claim of its own each time (a repeated status is refused)
        library.append(mark_in_process(db, claims[(2 * n) % len(claims)]))
        if n % 4 == 0:
            cli.append(mark_cli(db, claims[(2 * n + 1) % len(claims)]))
        time.sleep(interval)
    return library, cli


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=3000)
    parser.add_argument("--jobs", type=int, default=1)
    parser.add_argument("--marks", type=int, default=40)
    parser.add_argument("--interval", type=float, default=0.3)
    parser.add_argument("--json", action="store_true")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="verifier-mark-") as tmp:
        first, rest, db = Path(tmp) / "first", Path(tmp) / "rest", Path(tmp) / "bench.db"
        write_corpus(first, 50)
        words = write_corpus(rest, options.articles - 50, start=50)
        subprocess.run([str(VERIFIER), "ingest", str(first), "--db", str(db)], check=True,
                       stdout=subprocess.DEVNULL)
        from sqlalchemy import select

        from verifier.store.database import open_database
        from verifier.store.models import Claim

        with open_database(str(db)) as database, database.session_scope(write=False) as s:
            claims = list(s.scalars(select(Claim.id).where(Claim.is_claim.is_(True))
                                    .order_by(Claim.id).limit(400)))
        idle = measure(db, claims[-40:], 8, 0.05)
        started = time.perf_counter()
        jobs = ["--jobs", str(options.jobs)] if options.jobs > 1 else []
        ingest = subprocess.Popen([str(VERIFIER), "ingest", str(rest), "--db", str(db), *jobs],
                                  stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        time.sleep(2.0)  # past start-up, into the heavy part
        busy = measure(db, claims, options.marks, options.interval, ingest)
        still_running = ingest.poll() is None
        _, stderr = ingest.communicate()
        seconds = time.perf_counter() - started
        if ingest.returncode != 0:
            sys.exit(f"ingest failed: {stderr.decode()[-500:]}")
    result = {
        "articles": options.articles, "words": words, "jobs": options.jobs,
        "ingest_seconds": round(seconds, 1),
        "ingest_still_running_after_marks": still_running,
        "idle": {"library": summary(idle[0]), "cli": summary(idle[1])},
        "during_ingest": {"library": summary(busy[0]), "cli": summary(busy[1])},
    }
    if options.json:
        print(json.dumps(result, indent=2))
        return
    print(f"claims mark during an ingest of {options.articles} articles ({words} words, "
          f"--jobs {options.jobs}, {seconds:.0f} s; still running after the marks: "
          f"{still_running})")
    for when in ("idle", "during_ingest"):
        for how in ("library", "cli"):
            row = result[when][how]  # type: ignore[index]
            if row["n"]:
                print(f"  {when:14s} {how:8s} n={row['n']:3d}  median {row['median_ms']:8.1f} "
                      f"ms  max {row['max_ms']:8.1f} ms")


if __name__ == "__main__":
    main()
