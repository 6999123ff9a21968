"""What grouping and scoring left in a database, as text that does not depend on ids or
times, so two databases built from the same articles (say before and after a change that
should only make ingest faster) can be compared with ``diff``.

    .venv/bin/python bench/stories_dump.py DB > before.txt

One line per claim, in article (text digest) and reading order: the article's digest and the
claim's position, then its story, named by its first member's digest and position, with the
story's member and article counts, score, open status and stored terms (a digest); then one
line per stored document frequency. Read with the stdlib ``sqlite3`` (SQLite files only).
"""

from __future__ import annotations

import hashlib
import sqlite3
import sys


def dump(path: str) -> list[str]:
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    claim_key = {
        claim_id: f"{sha[:12]}:{position}"
        for claim_id, sha, position in connection.execute(
            "SELECT c.id, a.sha256, c.position FROM claims c JOIN articles a "
            "ON a.id = c.article_id")
    }
    first: dict[int, int] = dict(connection.execute(
        "SELECT story_id, min(claim_id) FROM story_claims GROUP BY story_id"))
    stories = {
        story_id: (f"story {claim_key[first[story_id]]} claims={claims} articles={articles} "
                   f"score={'-' if score is None else f'{score:.9f}'} {status} "
                   f"terms={hashlib.sha256((terms or '').encode()).hexdigest()[:12]}")
        for story_id, claims, articles, score, status, terms in connection.execute(
            "SELECT id, claims, articles, score, evidence_status, terms FROM stories")
        if story_id in first
    }
    lines = sorted(
        f"{claim_key[claim_id]} {stories[story_id]}"
        for claim_id, story_id in connection.execute(
            "SELECT claim_id, story_id FROM story_claims")
    )
    lines += [f"df {term!r} {documents}" for term, documents in connection.execute(
        "SELECT term, documents FROM term_frequencies ORDER BY term")]
    lines += [f"unstoried {claim_key[claim_id]}" for (claim_id,) in connection.execute(
        "SELECT id FROM claims WHERE is_claim AND id NOT IN (SELECT claim_id FROM story_claims)"
    )]
    connection.close()
    return lines


def main() -> None:
    if len(sys.argv) != 2:
        sys.exit(__doc__.strip().splitlines()[3].strip())
    sys.stdout.write("".join(line + "\n" for line in dump(sys.argv[1])))


if __name__ == "__main__":
    main()
