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
from verifier.wholefile import write_whole

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
    given articles (default: every article a reviewer corrected). Every article is read
    before anything is written: an unknown id, or nothing to export, writes nothing."""
    from verifier.errors import UsageError

    ids = list(dict.fromkeys(article_ids)) if article_ids is not None \
        else corrected_articles(session)
    if not ids:
        raise UsageError("nothing to export: no article has a reviewer's correction yet "
                         "(`verifier claims correct` or the desk's correction form makes one; "
                         "--article ID exports an article with the analyser's labels)")
    texts: dict[str, str] = {}
    lines: list[str] = []
    corrected = 0
    for article_id in ids:
        article = get_article(session, article_id)
        fixed = corrections_of(session, article.sha256)
        doc = doc_name(article_id)
        texts[doc] = article.text
        for i, s in enumerate(article_sentences(session, article_id)):
            corrected += s.start in fixed
            lines.append(json.dumps({
                "doc": doc, "i": i, "text": s.text, "claim": s.claim,
                "sourcing": [{"kind": k, "source": src} for k, src in s.labels]
                if s.claim else [],
                "certainty": s.certainty if s.claim else None,
            }, ensure_ascii=False))
    folder = directory / TEXTS_DIR
    labels = directory / LABELS_FILE
    # what is in the way, before anything is made: a failed export left an empty texts/
    # (its labels file a folder), or blamed the folder for a file named texts in it
    for path, kind in ((directory, "a folder"), (folder, "a folder"), (labels, "a file")):
        if path.exists() and path.is_dir() != (kind == "a folder"):
            raise InputError(f"{path}: cannot write there: it is "
                             f"{'a file' if kind == 'a folder' else 'a folder'}, not {kind}")
    target = directory
    try:
        folder.mkdir(parents=True, exist_ok=True)
        # each file whole or not at all, through a link (``wholefile``): an export
        # interrupted midway left half a labels file that ``verifier eval`` then read
        for doc, text in texts.items():
            target = folder / f"{doc}.txt"
            write_whole(target, text)
        target = labels
        write_whole(labels, "".join(line + "\n" for line in lines))
    except OSError as exc:
        verb = "create" if target == directory else "write"
        raise InputError(f"{target}: cannot {verb} ({exc.strerror})") from None
    return ExportSummary(labels, folder, len(ids), len(lines), corrected)
