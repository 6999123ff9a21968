"""Story grouping speed: new claims grouped against existing stories, as after an ingest.

    .venv/bin/python bench/stories.py [--claims 10000] [--existing 2000] [--json]

Articles are made from the sentences of the bundled examples with invented names swapped in
(each article gets its own people, places and organisations, so rarity varies as in a real
database). First ``--existing`` stories are built (the database's most recent stories, as
``update_stories`` loads them), then ``--claims`` new claims are grouped against them with
``assign``; the time reported is that second step, words counting included.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import time
from pathlib import Path

from verifier.stories.grouping import Group, Item, assign

ROOT = Path(__file__).resolve().parent.parent
_SPLIT = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“])")
_NAME = re.compile(r"\b[A-Z][a-z]+(?:-[a-z]+)?\b")
_SYLLABLES = ["ka", "lo", "mi", "ren", "sa", "tor", "vel", "qu", "ian", "ost", "bri", "dun"]


def _sentences() -> list[str]:
    found: list[str] = []
    for path in sorted((ROOT / "examples").glob("*.md")):
        body = path.read_text(encoding="utf-8").split("---")[-1]
        for line in body.splitlines():
            found.extend(s.strip() for s in _SPLIT.split(line) if len(s.split()) > 3)
    return found


def _invented(rng: random.Random) -> str:
    return "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()


def articles(claims: int, seed: int, per_article: int = 20) -> list[Item]:
    """``claims`` claims in articles of ``per_article``, names swapped per article."""
    rng = random.Random(seed)
    pool = _sentences()
    items: list[Item] = []
    doc = 0
    while len(items) < claims:
        doc += 1
        swap: dict[str, str] = {}
        start = rng.randrange(len(pool))
        def rename(match: re.Match[str], swap: dict[str, str] = swap) -> str:
            name = match.group(0)
            if name in swap or rng.random() < 0.7:
                return swap.setdefault(name, _invented(rng))
            return name

        for position in range(per_article):
            text = _NAME.sub(rename, pool[(start + position) % len(pool)])
            items.append(Item((seed, doc, position), (seed, doc), position, text))
            if len(items) == claims:
                break
    return items


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=10_000)
    parser.add_argument("--existing", type=int, default=2_000)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()

    existing: list[Group] = []
    batch = 0
    while len(existing) < args.existing:
        batch += 1
        existing = assign(articles(5_000, seed=batch), existing)
    existing = existing[-args.existing:]
    new = articles(args.claims, seed=1000)
    started = time.perf_counter()
    groups = assign(new, existing)
    seconds = time.perf_counter() - started
    report = {
        "claims": len(new),
        "existing_stories": len(existing),
        "stories_after": len(groups),
        "seconds": round(seconds, 3),
        "claims_per_second": round(len(new) / seconds),
    }
    if args.json:
        print(json.dumps(report))
        return
    print(f"grouped {report['claims']} claims against {report['existing_stories']} stories "
          f"in {report['seconds']} s ({report['claims_per_second']} claims/s); "
          f"{report['stories_after']} stories after")


if __name__ == "__main__":
    main()
