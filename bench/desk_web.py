"""The review desk's server time on a large database, measured by hand.

    .venv/bin/python bench/desk_web.py [--claims 1000000] [--runs 15] [--db PATH] [--json]

1. Ingests 60 template articles through the real pipeline (analysis, storage, story grouping)
   into a fresh SQLite database: paragraphs of the labelled corpora in ../shared/corpus and
   the bundled examples, recombined at random with a fixed seed (read at run time, never
   copied into the project).
2. Doubles every article with its claims, attributions, stories and story memberships by
   ``INSERT ... SELECT`` (new ids, hashes and publication times) until the database holds at
   least ``--claims`` claims, then gives the planner its statistics as ingest does.
3. Signs in through the desk (Starlette's test client, in process: server time, no network)
   and times each page ``--runs`` times: the queue (default, filtered by sourcing, outlet,
   certainty, words, story; a deep page), the stories list, an article page and a claim
   page, the stories list (sorts, filters, a deep page), story pages (a typical one and the
   largest), the articles list, orphaned verdicts, the audit log and a story's report.
   Targets: queue <= 300 ms, article <= 200 ms at 1,000,000 claims; every page well under
   a second.

``--db`` reuses (or keeps) the built database.
"""

from __future__ import annotations

import argparse
import json
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from bench.ingest import paragraphs  # noqa: E402

TEMPLATES = 60
PASSWORD = "bench password 1"


def build(db_path: Path, claims: int) -> dict[str, Any]:
    from verifier.analysis.analyse import default_registry
    from verifier.ingest.pipeline import IngestDefaults, ingest_paths
    from verifier.review.accounts import create
    from verifier.store.database import open_database, refresh_statistics

    rng = random.Random(5)
    pool = paragraphs()
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as folder:
        paths = []
        outlets = ("Yonhap", "Reuters", "AFP", "The Associated Press", "Xinhua")
        for n in range(TEMPLATES):
            body = rng.sample(pool, k=min(len(pool), rng.randint(8, 16)))
            path = Path(folder) / f"t{n:03d}.md"
            path.write_text(f"---\ntitle: Bench dispatch {n}\noutlet: {rng.choice(outlets)}\n"
                            f"published: 2020-01-{1 + n % 28:02d}\n---\n" + "\n".join(body)
                            + "\n", encoding="utf-8")
            paths.append(path)
        with open_database(str(db_path)) as database:
            ingest_paths(database, paths, default_registry(), defaults=IngestDefaults())
            with database.session_scope() as session:
                create(session, "bench", "reviewer", PASSWORD, actor="bench")
    templated = time.perf_counter() - started
    connection = sqlite3.connect(db_path)
    connection.execute("PRAGMA journal_mode = WAL")
    connection.execute("PRAGMA synchronous = OFF")

    def columns(table: str) -> list[str]:
        return [row[1] for row in connection.execute(f"PRAGMA table_info({table})")]

    def count(table: str) -> int:
        return int(connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0])

    while count("claims") < claims:
        a_off = connection.execute("SELECT max(id) FROM articles").fetchone()[0]
        c_off = connection.execute("SELECT max(id) FROM claims").fetchone()[0]
        s_off = connection.execute("SELECT coalesce(max(id), 0) FROM stories").fetchone()[0]
        wanted = claims - count("claims")
        limit_articles = connection.execute(
            "SELECT coalesce(max(article_id), 0) FROM (SELECT article_id FROM claims "
            "ORDER BY id LIMIT ?)", (wanted,)).fetchone()[0] or a_off
        with connection:
            copy = {
                "articles": {"id": f"id + {a_off}", "sha256": f"printf('%064d', id + {a_off})",
                             "title": f"title || ' #{a_off}'",
                             "published_at": f"strftime('%Y-%m-%d %H:%M:%f', published_at, "
                                             f"'+{a_off % 5000} hours')"},
                "claims": {"id": f"id + {c_off}", "article_id": f"article_id + {a_off}"},
                "stories": {"id": f"id + {s_off}"},
            }
            copied = f"(SELECT id FROM claims WHERE article_id <= {limit_articles})"
            where = {"articles": f"id <= {limit_articles}",
                     "claims": f"article_id <= {limit_articles}",
                     "stories": "id IN (SELECT story_id FROM story_claims WHERE claim_id IN "
                                f"{copied})"}
            for table in ("articles", "claims", "stories"):
                cols = [c for c in columns(table) if not (table == "stories"
                                                          and c == "merged_into")]
                exprs = [copy[table].get(c, f'"{c}"') for c in cols]
                connection.execute(
                    f"INSERT INTO {table} ({', '.join(chr(34) + c + chr(34) for c in cols)}) "
                    f"SELECT {', '.join(exprs)} FROM {table} WHERE {where[table]}")
            cols = [c for c in columns("attributions") if c != "id"]
            exprs = [f"claim_id + {c_off}" if c == "claim_id" else f'"{c}"' for c in cols]
            connection.execute(
                f"INSERT INTO attributions ({', '.join(chr(34) + c + chr(34) for c in cols)}) "
                f"SELECT {', '.join(exprs)} FROM attributions WHERE claim_id IN "
                f"(SELECT id FROM claims WHERE article_id <= {limit_articles})")
            connection.execute(
                f"INSERT INTO story_claims (story_id, claim_id, pinned) SELECT story_id + "
                f"{s_off}, claim_id + {c_off}, pinned FROM story_claims WHERE claim_id IN "
                f"(SELECT id FROM claims WHERE article_id <= {limit_articles})")
    connection.close()
    with open_database(str(db_path)) as database:
        refresh_statistics(database)
    conn = sqlite3.connect(db_path)
    sizes = {t: int(conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0])
             for t in ("articles", "claims", "attributions", "stories", "story_claims")}
    conn.close()
    return {"seconds": round(time.perf_counter() - started, 1),
            "template_seconds": round(templated, 1), "rows": sizes}


def measure(db_path: Path, runs: int) -> dict[str, Any]:
    import re

    from starlette.testclient import TestClient

    from verifier.web.app import create_app

    client = TestClient(create_app(str(db_path)))
    page = client.get("/login").text
    token = re.search(r'name="csrf" value="([^"]+)"', page)
    assert token
    client.post("/login", data={"csrf": token.group(1), "name": "bench",
                                "password": PASSWORD})
    conn = sqlite3.connect(db_path)
    last_article = conn.execute("SELECT max(id) FROM articles").fetchone()[0]
    middle_claim = conn.execute("SELECT id FROM claims WHERE is_claim ORDER BY id LIMIT 1 "
                                "OFFSET (SELECT count(*) / 2 FROM claims)").fetchone()[0]
    story = conn.execute("SELECT story_id FROM story_claims WHERE claim_id = ?",
                         (middle_claim,)).fetchone()
    largest = conn.execute("SELECT story_id FROM story_claims GROUP BY story_id "
                           "ORDER BY count(*) DESC LIMIT 1").fetchone()
    articles = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    middle_article = conn.execute("SELECT article_id FROM claims WHERE id = ?",
                                  (middle_claim,)).fetchone()[0]
    conn.close()
    cases = {
        "queue (default)": "/queue",
        "queue --sourcing unnamed": "/queue?sourcing=unnamed",
        "queue --sourcing unattributed": "/queue?sourcing=unattributed",
        "queue --outlet Reuters (name)": "/queue?outlet=Reuters",
        "queue --certainty possible, oldest": "/queue?certainty=possible&sort=oldest",
        "queue --search ministry": "/queue?search=ministry",
        "queue --story": f"/queue?status=any&story={story[0] if story else 1}",
        "queue page 200 (offset 10000)": "/queue?offset=10000",
        "queue 200 rows": "/queue?limit=200",
        "stories list": "/stories",
        "stories by date": "/stories?sort=date",
        "stories by size, 200 a page": "/stories?sort=size&limit=200",
        "stories open, contested": "/stories?status=contested",
        "stories confirmed": "/stories?status=confirmed",
        "stories of 1+ claims, deep page": "/stories?min_claims=1&offset=20000",
        "stories 2020-03": "/stories?since=2020-03-01&until=2020-03-31",
        "story page": f"/stories/{story[0] if story else 1}",
        "story page (largest)": f"/stories/{largest[0] if largest else 1}",
        "articles list": "/articles",
        "articles list (middle)": f"/articles?offset={articles // 2}",
        "orphaned verdicts": "/orphaned",
        "audit": "/audit",
        "report download (story)": "/reports/download?scope=story&format=html&id="
                                   f"{story[0] if story else 1}",
        "article page": f"/articles/{last_article}",
        "article page, a sentence's link": (f"/articles/{middle_article}"
                                            f"?sentence={middle_claim}"),
        "article page (middle)": f"/articles/{last_article // 2}",
        "claim page": f"/claims/{middle_claim}",
    }
    results: dict[str, Any] = {}
    for name, path in cases.items():
        times, cpu = [], []
        for _ in range(runs):
            started, used = time.perf_counter(), time.process_time()
            response = client.get(path)
            times.append((time.perf_counter() - started) * 1000)
            cpu.append((time.process_time() - used) * 1000)  # a busy machine's steadier figure
            assert response.status_code == 200, (path, response.status_code)
        times.sort()
        results[name] = {"median_ms": round(statistics.median(times), 1),
                         "p90_ms": round(times[int(len(times) * 0.9) - 1], 1),
                         "min_ms": round(times[0], 1),
                         "cpu_median_ms": round(statistics.median(cpu), 1),
                         "bytes": len(response.content)}
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--claims", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--db", type=Path)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        db_path = args.db or Path(folder) / "desk-bench.db"
        built = None
        if not db_path.exists():
            built = build(db_path, args.claims)
        timings = measure(db_path, args.runs)
        result = {"built": built, "pages": timings}
        if args.json:
            print(json.dumps(result, indent=2))
            return
        if built:
            print(f"built in {built['seconds']} s: " + ", ".join(
                f"{k} {v:,}" for k, v in built["rows"].items()))
        for name, found in timings.items():
            print(f"{name:40s} median {found['median_ms']:7.1f} ms  p90 {found['p90_ms']:7.1f}"
                  f" ms  CPU {found['cpu_median_ms']:7.1f} ms  ({found['bytes']:,} bytes)")


if __name__ == "__main__":
    main()
