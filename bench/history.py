"""How the hash-chained history scales: append N verdicts and retractions (``claims mark`` /
``claims retract`` through the library), then time ``db verify``.

Run by hand: ``.venv/bin/python bench/history.py [N] [--db URL]`` (default 2000 pairs, a
temporary SQLite file). Prints appends per second and the verify time.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from verifier import demo
from verifier.store.database import open_database
from verifier.store.integrity import verify_database
from verifier.store.models import Claim
from verifier.store.verdicts import mark_claims, retract


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("pairs", nargs="?", type=int, default=2000)
    parser.add_argument("--db", default=None)
    args = parser.parse_args()
    db = args.db or str(Path(tempfile.mkdtemp(prefix="verifier-bench-")) / "history.db")
    demo.run(db)
    with open_database(db) as database:
        with database.session_scope(write=False) as session:
            claim_ids = [c for (c,) in session.query(Claim.id).filter(
                Claim.status == "unverified").all()]
        started = time.perf_counter()
        for n in range(args.pairs):
            claim_id = claim_ids[n % len(claim_ids)]
            with database.session_scope() as session:
                mark_claims(session, [claim_id], "confirmed", evidence=f"e{n}", reviewer="bench")
            with database.session_scope() as session:
                retract(session, claim_id=claim_id, evidence=f"r{n}", reviewer="bench")
        elapsed = time.perf_counter() - started
        started = time.perf_counter()
        report = verify_database(database)
        verify_time = time.perf_counter() - started
    rows = 2 * args.pairs
    print(f"{rows} rows appended in {elapsed:.2f} s ({rows / elapsed:.0f}/s, one transaction "
          f"each); db verify over {report.head_seq} entries: {verify_time:.2f} s, "
          f"ok={report.ok}")


if __name__ == "__main__":
    main()
