"""One article's anonymous sources are named as the article's, not as an outlet.

When an article's outlet is unknown its anonymous sources are a record of their own, named
"unnamed sources in <title or file>": in a report or a score's reasons that read as an
outlet named after the title ("unnamed sources in U.N. chief Ban Ki-moon expected to visit
Pyongyang this week"). They are now 'unnamed sources of the article “<title or file>”
(outlet unknown)' (``verifier.review.names.article_sources_name``); this revision renames
the stored ones (and those still under the name used before session 19, "unnamed sources
via an unknown outlet (<title or file>)"). Data only: the schema is unchanged.

Revision ID: 0020
Revises: 0019
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0020"
down_revision = "0019"
branch_labels = None
depends_on = None

_KEYS = "key LIKE 'unnamed-via:unknown:%'"
_IN = "unnamed sources in "
_LONG = "unnamed sources via an unknown outlet ("


def _name(label: str) -> str:
    return f"unnamed sources of the article “{label}” (outlet unknown)"[:300]


def upgrade() -> None:
    connection = op.get_bind()
    rows = connection.execute(sa.text(f"SELECT id, name FROM sources WHERE {_KEYS}")).all()
    renamed = []
    for source_id, name in rows:
        if name.startswith(_IN):
            renamed.append({"id": source_id, "name": _name(name[len(_IN):])})
        elif name.startswith(_LONG) and name.endswith(")"):
            renamed.append({"id": source_id, "name": _name(name[len(_LONG):-1])})
    if renamed:
        connection.execute(sa.text("UPDATE sources SET name = :name WHERE id = :id"), renamed)


def downgrade() -> None:
    connection = op.get_bind()
    head, tail = "unnamed sources of the article “", "” (outlet unknown)"
    rows = connection.execute(sa.text(f"SELECT id, name FROM sources WHERE {_KEYS}")).all()
    renamed = [{"id": source_id, "name": (_IN + name[len(head):-len(tail)])[:300]}
               for source_id, name in rows if name.startswith(head) and name.endswith(tail)]
    if renamed:
        connection.execute(sa.text("UPDATE sources SET name = :name WHERE id = :id"), renamed)
