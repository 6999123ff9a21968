"""Story assignments of an ingest, written down or compared: proof that a speed change to
grouping changed no story.

    .venv/bin/python bench/grouping_check.py --write before.json [--articles 2000]
                                             [--real /work/realcorpus] [--jobs 1]
    .venv/bin/python bench/grouping_check.py --compare before.json [same options]

Builds the corpus ``bench/ingest.py`` builds (``--articles`` recombined articles, fixed
seed; read at run time from ../shared/corpus and the examples, never copied into the
project), plus with ``--real`` the texts of the labelled real sets under that folder
(set*/ only: never the sealed set), and ingests it with ``ingest_paths`` (grouping on, as
``verifier ingest`` does) into a temporary SQLite database, or ``--db URL`` (an empty
database, e.g. PostgreSQL). Each story is written as its members, (file, sentence position)
pairs, so runs compare across code versions whatever ids they got; ``--compare`` prints how
many stories differ and exits 1 when any does. Stored scores are compared too.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from ingest import write_corpus


def gather(folder: Path, articles: int, real: Path | None) -> None:
    write_corpus(folder / "bench", articles)
    if real is not None:
        for path in sorted(real.glob("set*/*.txt")):
            if "sealed" in path.parts:
                continue
            target = folder / "real" / path.parent.name / path.name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target)


def stories(url: str, root: Path, jobs: int) -> tuple[dict[str, Any], float]:
    from sqlalchemy import select

    from verifier.analysis.analyse import default_registry
    from verifier.ingest.pipeline import ingest_paths
    from verifier.store.database import open_database
    from verifier.store.models import Article, Claim, Story, StoryClaim

    with open_database(url) as database:
        started = time.process_time()
        ingest_paths(database, [root], default_registry(), jobs=jobs)
        cpu = time.process_time() - started
        with database.session_scope(write=False) as session:
            rows = session.execute(
                select(StoryClaim.story_id, Article.path, Claim.position)
                .join(Claim, Claim.id == StoryClaim.claim_id)
                .join(Article, Article.id == Claim.article_id)
            ).all()
            scores = dict(session.execute(select(Story.id, Story.score)).all())
    members: dict[int, list[tuple[str, int]]] = {}
    for story_id, path, position in rows:
        name = str(Path(path).relative_to(root)) if path else "?"
        members.setdefault(story_id, []).append((name, position))
    found = {
        json.dumps(sorted(found)): round(scores[story_id] or 0.0, 9)
        for story_id, found in members.items()
    }
    return found, cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    action = parser.add_mutually_exclusive_group(required=True)
    action.add_argument("--write", type=Path)
    action.add_argument("--compare", type=Path)
    parser.add_argument("--articles", type=int, default=2_000)
    parser.add_argument("--real", type=Path)
    parser.add_argument("--jobs", type=int, default=1)
    parser.add_argument("--db", help="an empty database URL (default: temporary SQLite)")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="verifier-groupcheck-") as tmp:
        root = Path(tmp) / "in"
        gather(root, options.articles, options.real)
        url = options.db or f"sqlite:///{tmp}/check.db"
        found, cpu = stories(url, root, options.jobs)
    print(f"{len(found)} stories, ingest {cpu:.2f} s CPU (this process)")
    if options.write:
        options.write.write_text(json.dumps(found, indent=0, sort_keys=True), encoding="utf-8")
        return
    before: dict[str, float] = json.loads(options.compare.read_text(encoding="utf-8"))
    lost = before.keys() - found.keys()
    gained = found.keys() - before.keys()
    rescored = [k for k in before.keys() & found.keys() if abs(before[k] - found[k]) > 1e-9]
    print(f"stories only before: {len(lost)}, only now: {len(gained)}, "
          f"same members but another score: {len(rescored)}")
    if lost or gained or rescored:
        sys.exit(1)
    print("same stories, same scores")


if __name__ == "__main__":
    main()
