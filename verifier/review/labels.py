"""``verifier labels export``: the reviewed labels of stored articles in the labelling guide's
format (``*.labels.jsonl``, §4), with each article's text as ``<doc>.txt``, so ``verifier eval``
measures the analyser on what reviewers corrected.

Every sentence of an exported article is written with its current labels: a reviewer's
correction where there is one, the analyser's labels for the sentences nobody touched.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.orm import Session

from verifier.errors import InputError
from verifier.store.articles import get_article
from verifier.store.corrections import corrected_articles, corrections_of
from verifier.store.desk import article_sentences

LABELS_FILE = "reviewed.labels.jsonl"
TEXTS_DIR = "texts"


@dataclass(frozen=True, slots=True)
class ExportSummary:
    labels: Path
    texts: Path
    articles: int
    sentences: int
    corrected: int


def doc_name(article_id: int) -> str:
    return f"article-{article_id}"


def export_labels(session: Session, directory: Path,
                  article_ids: Sequence[int] | None = None) -> ExportSummary:
    """Write ``directory/reviewed.labels.jsonl`` and ``directory/texts/<doc>.txt`` for the
    given articles (default: every article a reviewer corrected)."""
    ids = list(article_ids) if article_ids is not None else corrected_articles(session)
    texts = directory / TEXTS_DIR
    try:
        texts.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputError(f"{directory}: cannot create ({exc.strerror})") from None
    lines: list[str] = []
    corrected = 0
    for article_id in ids:
        article = get_article(session, article_id)
        fixed = corrections_of(session, article.sha256)
        doc = doc_name(article_id)
        (texts / f"{doc}.txt").write_text(article.text, encoding="utf-8")
        for i, s in enumerate(article_sentences(session, article_id)):
            corrected += s.start in fixed
            lines.append(json.dumps({
                "doc": doc, "i": i, "text": s.text, "claim": s.claim,
                "sourcing": [{"kind": k, "source": src} for k, src in s.labels]
                if s.claim else [],
                "certainty": s.certainty if s.claim else None,
            }, ensure_ascii=False))
    labels = directory / LABELS_FILE
    labels.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return ExportSummary(labels, texts, len(ids), len(lines), corrected)
