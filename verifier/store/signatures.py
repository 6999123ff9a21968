"""Reading articles as corroboration needs them: carrier fields and stored text signatures,
never the texts (``articles.signature`` is computed once at ingest)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from verifier.store.models import Article

#: Ids per ``IN (...)`` list.
BATCH = 900


@dataclass(frozen=True, slots=True)
class CarrierArticle:
    """What names an article's carrier, and its text signature (None before revision 0007)."""

    id: int
    outlet_id: int | None
    outlet: str | None
    title: str | None
    signature: bytes | None


def carrier_articles(session: Session, article_ids: Iterable[int]) -> dict[int, CarrierArticle]:
    ids = sorted(set(article_ids))
    found: dict[int, CarrierArticle] = {}
    for start in range(0, len(ids), BATCH):
        for row in session.execute(
            select(Article.id, Article.outlet_id, Article.outlet, Article.title,
                   Article.signature).where(Article.id.in_(ids[start : start + BATCH]))
        ):
            found[row.id] = CarrierArticle(row.id, row.outlet_id, row.outlet, row.title,
                                           row.signature)
    return found


def article_texts(session: Session, article_ids: Iterable[int]) -> dict[int, str]:
    """The texts of articles stored without a signature."""
    ids = sorted(set(article_ids))
    found: dict[int, str] = {}
    for start in range(0, len(ids), BATCH):
        found.update(session.execute(
            select(Article.id, Article.text).where(Article.id.in_(ids[start : start + BATCH]))
        ).all())
    return found
