"""One article's anonymous sources named by the article's one name everywhere.

When an article's outlet is unknown its anonymous sources are a record of their own, named
'unnamed sources of the article “<label>” (outlet unknown)'. The label was the title, or the
file's bare name for an untitled article ("velm_b.txt"), while every listing, page and
report names that article "(untitled) velm_b.txt" (``verifier.review.names.article_label``);
a title with a slash was cut to what followed its last one ("Q1/Q2 results" read "Q2
results"). The label is now ``article_label``'s; this revision renames the stored records
whose name is the one the older code gave their article (any other name is left as it is).
The keys (``unnamed-via:unknown:<digest>``) are unchanged. Data only: the schema is
unchanged. Downgrade gives back the older names.

Revision ID: 0024
Revises: 0023
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0024"
down_revision = "0023"
branch_labels = None
depends_on = None

_PREFIX = "unnamed-via:unknown:"


def _name(label: str) -> str:
    return f"unnamed sources of the article “{label}” (outlet unknown)"[:300]


def _old_label(title: str | None, path: str | None, sha256: str) -> str:
    label = title or path
    return label.replace("\\", "/").rsplit("/", 1)[-1] if label else sha256[:12]


def _new_label(title: str | None, path: str | None, sha256: str) -> str:
    if title:
        return title
    name = path.replace("\\", "/").rsplit("/", 1)[-1] if path else ""
    if name:
        return f"(untitled) {name}"
    return "(untitled)" if path else sha256[:12]


def _rename(newer: bool) -> None:
    connection = op.get_bind()
    records = connection.execute(sa.text(
        f"SELECT id, key, name FROM sources WHERE key LIKE '{_PREFIX}%'")).all()
    if not records:
        return
    articles = {sha256[:16]: (title, path, sha256) for sha256, title, path in connection.execute(
        sa.text("SELECT sha256, title, path FROM articles"))}
    renamed = []
    for source_id, key, name in records:
        found = articles.get(key[len(_PREFIX):])
        if found is None:  # its article deleted: the name stays as it was
            continue
        old, new = _name(_old_label(*found)), _name(_new_label(*found))
        before, after = (old, new) if newer else (new, old)
        if name == before and before != after:
            renamed.append({"id": source_id, "name": after})
    if renamed:
        connection.execute(sa.text("UPDATE sources SET name = :name WHERE id = :id"), renamed)


def upgrade() -> None:
    _rename(newer=True)


def downgrade() -> None:
    _rename(newer=False)
