"""Story grouping as ingest does it (in the database, a chunk of articles at a time), scored
against labelled stories exactly as ``verifier eval-stories`` scores the in-memory grouping.

    .venv/bin/python bench/grouping_db.py [--chunk 48] [--json] STORIES.jsonl...

The labelled sentences (``*.labels.jsonl``, gold segmentation and sourcing, read at run time)
become analyses stored with ``store_articles`` into a temporary SQLite database, a chunk of
``--chunk`` articles per transaction, and ``update_stories`` groups each chunk as ingest
does; the stored stories are then matched to the gold ones (``verifier.evaluation.stories``).
``eval-stories`` measures ``group`` over the whole corpus at once; this measures what a user's
database holds. It runs against whichever verifier is importable (for a before/after, put an
older checkout first on PYTHONPATH).
"""

from __future__ import annotations

import argparse
import json
import tempfile
from collections.abc import Hashable, Sequence
from pathlib import Path
from typing import Any

from verifier.analysis.results import ArticleAnalysis, Attribution, SentenceAnalysis, Span
from verifier.evaluation.stories import evaluate_stories
from verifier.stories.grouping import Item

#: The guide's kinds as a (speaker, stance) the analyser would give.
SPEAKER_STANCE = {"declined": ("official", "declines"), "denied": ("official", "denies")}


def analysis_of(items: Sequence[Item]) -> ArticleAnalysis:
    """An article made of the labelled sentences, one a line, with their sourcing."""
    text, sentences, offset = [], [], 0
    for item in sorted(items, key=lambda i: i.position):
        start, end = offset, offset + len(item.text)
        attributions = []
        for kind, source in zip(item.kinds, item.sources, strict=True):
            speaker, stance = SPEAKER_STANCE.get(kind, (kind, "asserts"))
            at = item.text.find(source) if source else -1
            span = (Span(source, start + at, start + at + len(source)) if at >= 0
                    else Span("", start, start))
            attributions.append(Attribution(speaker=speaker, stance=stance,  # type: ignore[arg-type]
                                            source=span, cue=Span("", start, start),
                                            rule="bench"))
        sentences.append(SentenceAnalysis(
            index=item.position, text=item.text, start=start, end=end, claim=True,
            claim_rule="bench", certainty=None, attributions=tuple(attributions)))
        text.append(item.text)
        offset = end + 1
    return ArticleAnalysis(text="\n".join(text), sentences=tuple(sentences))


def db_grouper(chunk: int) -> Any:
    def grouper(items: Sequence[Item]) -> list[list[Hashable]]:
        from sqlalchemy import select

        from verifier.analysis.analyse import default_registry
        from verifier.store import ArticleMeta, SourceResolver, store_articles, sync_registry
        from verifier.store.database import open_database
        from verifier.store.models import Article, Claim, StoryClaim
        from verifier.stories.store import update_stories

        docs: dict[Hashable, list[Item]] = {}
        for item in items:
            docs.setdefault(item.doc, []).append(item)
        order = list(docs)
        with tempfile.TemporaryDirectory() as tmp, open_database(
            f"sqlite:///{tmp}/grouping.db"
        ) as database:
            registry = default_registry()
            with database.session_scope() as session:
                sources = SourceResolver(registry, sync_registry(session, registry))
            for start in range(0, len(order), chunk):
                batch = order[start : start + chunk]
                with database.session_scope() as session:
                    saved = store_articles(
                        session, [(analysis_of(docs[d]), ArticleMeta(title=str(d)))
                                  for d in batch], sources)
                    update_stories(session, [s.id for s in saved])
                sources.keep_pending()
            with database.session_scope(write=False) as session:
                rows = session.execute(
                    select(StoryClaim.story_id, Article.title, Claim.position)
                    .join(Claim, Claim.id == StoryClaim.claim_id)
                    .join(Article, Article.id == Claim.article_id)
                ).all()
        stories: dict[int, list[Hashable]] = {}
        for story_id, doc, position in rows:
            stories.setdefault(story_id, []).append((doc, position))
        return list(stories.values())

    return grouper


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("stories", nargs="+", type=Path)
    parser.add_argument("--chunk", type=int, default=48)
    parser.add_argument("--json", action="store_true")
    options = parser.parse_args()
    results = {}
    for path in options.stories:
        found = evaluate_stories(path, grouper=db_grouper(options.chunk)).to_dict()
        del found["stories"]
        results[path.name] = found
    if options.json:
        print(json.dumps(results, indent=2))
        return
    for name, found in results.items():
        print(f"{name}: macro F1 {found['macro']['f1']:.3f} (P {found['macro']['precision']:.3f}"
              f" R {found['macro']['recall']:.3f}), cross-article F1 "
              f"{found['cross_article']['f1']:.3f}, micro F1 {found['micro']['f1']:.3f}; "
              f"{found['predicted_stories']} predicted for {found['gold_stories']} gold")


if __name__ == "__main__":
    main()
