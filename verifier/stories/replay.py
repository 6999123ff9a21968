"""Replay a labelled corpus through the whole pipeline and read each sentence's story score.

``eval-stories`` measures membership on the gold segmentation (grouping alone); the score a
fact-checker reads depends on everything before it too: the analyser's sentences and sourcing,
outlet detection, source resolution, grouping and scoring. ``replay_scores`` ingests the
labelled texts (``DIR/<doc>.txt``, as a user would ingest them) into a temporary database,
lets ingest group them, and returns for every labelled sentence the story its claim landed
in, with that story's score and open status (no verdicts: the database is new).

A labelled sentence is found in the stored article text (in order, like
``verifier.evaluation.stories.check_texts``) and takes the claim that overlaps it most; a
sentence the analyser did not keep as a claim has no story.

Each text is stored with its publication date when one is given (``dates``: read from the
``*.manifest.tsv`` next to the stories, ``verifier.evaluation.stories.read_manifest_dates``),
as ``ingest --published`` would store it: the status rule reads which report came first.
"""

from __future__ import annotations

import tempfile
from collections.abc import Mapping, Sequence
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from verifier.errors import InputError
from verifier.evaluation.stories import Key, ScoredSentence
from verifier.registry import Registry
from verifier.scoring.weights import Weights

if TYPE_CHECKING:
    from verifier.store.database import Database


def label_spans(text: str, sentences: Sequence[tuple[int, str]]) -> dict[int, tuple[int, int]]:
    """Label index -> (start, end) in the stored text; sentences not found are left out."""
    found: dict[int, tuple[int, int]] = {}
    cursor = 0
    for index, sentence in sentences:
        start = text.find(sentence, cursor)
        if start < 0:
            start = text.find(sentence)
        if start < 0:
            continue
        found[index] = (start, start + len(sentence))
        cursor = start + len(sentence)
    return found


def ingest_labelled(
    database: Database, paths: Mapping[str, Path], registry: Registry,
    dates: Mapping[str, datetime] | None = None,
) -> dict[str, int]:
    """Ingest each doc's text (``paths``), with its publication date from ``dates`` when
    there is one, as a user would (grouping included); returns doc -> article id."""
    from verifier.ingest.pipeline import Ingester
    from verifier.ingest.readers import RawArticle
    from verifier.ingest.textfile import read_article_text

    dates = dates or {}
    origin_doc = {str(path): doc for doc, path in paths.items()}
    article_of: dict[str, int] = {}

    def on_article(result: Any) -> None:
        if result.article_id is not None and result.origin in origin_doc:
            article_of[origin_doc[result.origin]] = result.article_id

    items = (RawArticle(text=read_article_text(path), origin=str(path), published=dates.get(doc))
             for doc, path in paths.items())
    Ingester(database, registry).run(items, on_article)
    return article_of


def replay_scores(
    texts: Path,
    labels: Sequence[Mapping[str, Any]],
    registry: Registry,
    weights: Weights,
    dates: Mapping[str, datetime] | None = None,
) -> dict[Key, ScoredSentence]:
    """Ingest ``texts/<doc>.txt`` for every labelled doc (with its date from ``dates``) into
    a temporary database and return, per labelled sentence, its story's id, score and open
    status."""
    from verifier.store.articles import get_article
    from verifier.store.database import open_database
    from verifier.store.stories import selected_story_ids
    from verifier.stories.view import list_stories

    by_doc: dict[str, list[tuple[int, str]]] = {}
    for row in labels:
        by_doc.setdefault(str(row["doc"]), []).append((int(row["i"]), str(row["text"])))
    paths = {doc: texts / f"{doc}.txt" for doc in by_doc}
    for doc, path in paths.items():
        if not path.is_file():
            raise InputError(f"{path}: no text for the labelled doc {doc}")
    found: dict[Key, ScoredSentence] = {}
    with (
        tempfile.TemporaryDirectory(prefix="verifier-eval-") as folder,
        open_database(str(Path(folder) / "replay.db")) as database,
    ):
        article_of = ingest_labelled(database, paths, registry, dates)
        with database.session_scope(write=False) as session:
            story_ids = list(selected_story_ids(session, min_claims=1, since=None, until=None,
                                                reviewed_or_active=False))
            views = list_stories(session, weights, story_ids=story_ids, min_claims=1)
            claims: dict[int, list[tuple[int, int, int]]] = {}
            scored: dict[int, ScoredSentence] = {}
            for view in views:
                for member in view.members:
                    ev = member.evidence
                    claims.setdefault(ev.article_id, []).append(
                        (ev.start, ev.end, member.claim_id))
                    scored[member.claim_id] = ScoredSentence(
                        view.id, view.assessment.score, view.assessment.status)
            for doc, article_id in article_of.items():
                text = get_article(session, article_id).text
                for index, (start, end) in label_spans(text, by_doc[doc]).items():
                    best, overlap = None, 0
                    for c_start, c_end, claim_id in claims.get(article_id, ()):
                        shared = min(end, c_end) - max(start, c_start)
                        if shared > overlap:
                            best, overlap = claim_id, shared
                    if best is not None:
                        found[(doc, index)] = scored[best]
    return found
