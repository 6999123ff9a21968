"""Stored grouping terms re-read with accents folded.

``verifier.stories.terms.words`` now reads a name the same whether an outlet keeps its
diacritics or drops them ("Tolušić" = Tolusic, "Lomé" = Lome, "Jakobsdóttir" = Jakobsdottir:
``terms.fold``); before, a token ended at the first letter outside A-Z ("Katrín" -> katr).
The database keeps what the tokeniser made, so this revision re-reads every stored term of a
claim whose text is not plain ASCII (the only texts whose terms change):

- ``claims.terms`` and ``claims.content_terms`` (where kept) worked out again;
- ``reviewed_stems`` of those claims (where written) replaced by the stems of the new terms;
- ``fact_checks.terms`` of non-ASCII claims worked out again;
- each story holding such a claim: ``stories.terms`` (the sum of its members' terms) and its
  ``story_names`` set afresh, as a reviewer's move does (``refresh_story_terms``);
- ``term_frequencies``: each grouped article holding such a claim counted under the terms it
  uses now instead of those it used.

So a database made before the change and upgraded holds what one made after holds. Pure data:
no schema changes. Downgrade leaves the terms as they are (the older tokeniser reads folded
terms as terms; re-ingesting is the way back).

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-06
"""

from __future__ import annotations

from collections import Counter

import sqlalchemy as sa
from alembic import op

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None

#: Claims read per statement.
BATCH = 2000


def upgrade() -> None:
    refold(op.get_bind())


def _plain(packed: str | None) -> set[str]:
    from verifier.stories.terms import unpack

    return {t[2:] for t in unpack(packed)}


def refold(connection: sa.Connection) -> None:
    """Re-read the stored terms of every claim whose text is not ASCII (see above)."""
    from verifier.stories.matching import candidate_stems, packed_content, packed_terms
    from verifier.stories.terms import pack, unpack, words

    stories: set[int] = set()
    articles: dict[int, dict[int, str | None]] = {}  # article -> changed claim -> old terms
    after = 0
    while True:
        rows = connection.execute(sa.text(
            "SELECT id, article_id, text, start, terms, content_terms FROM claims "
            "WHERE id > :after ORDER BY id LIMIT :n"), {"after": after, "n": BATCH}).all()
        if not rows:
            break
        after = rows[-1][0]
        changed = [r for r in rows if not r[2].isascii()]
        if not changed:
            continue
        ids = [r[0] for r in changed]
        spans: dict[int, list[tuple[int, int]]] = {}
        for claim_id, s_start, s_end, c_start, c_end in connection.execute(sa.text(
                "SELECT claim_id, source_start, source_end, cue_start, cue_end "
                "FROM attributions WHERE claim_id IN :ids ORDER BY claim_id, position"
        ).bindparams(sa.bindparam("ids", expanding=True)), {"ids": ids}):
            spans.setdefault(claim_id, []).extend([(s_start, s_end), (c_start, c_end)])
        stemmed = {claim_id for (claim_id,) in connection.execute(sa.text(
            "SELECT DISTINCT claim_id FROM reviewed_stems WHERE claim_id IN :ids"
        ).bindparams(sa.bindparam("ids", expanding=True)), {"ids": ids})}
        for claim_id, article_id, text, start, terms, content_terms in changed:
            new_terms = terms if terms is None else pack(words(text))
            if new_terms != terms:
                connection.execute(sa.text("UPDATE claims SET terms = :t WHERE id = :id"),
                                   {"t": new_terms, "id": claim_id})
                articles.setdefault(article_id, {})[claim_id] = terms
            if content_terms is not None:
                connection.execute(
                    sa.text("UPDATE claims SET content_terms = :t WHERE id = :id"),
                    {"t": packed_content(text, start, spans.get(claim_id, [])), "id": claim_id})
            if claim_id in stemmed:
                connection.execute(sa.text("DELETE FROM reviewed_stems WHERE claim_id = :id"),
                                   {"id": claim_id})
                connection.execute(sa.text(
                    "INSERT INTO reviewed_stems (stem, claim_id) VALUES (:stem, :claim)"),
                    [{"stem": s, "claim": claim_id}
                     for s in sorted(candidate_stems(text, new_terms))])
        stories.update(story_id for (story_id,) in connection.execute(sa.text(
            "SELECT DISTINCT story_id FROM story_claims WHERE claim_id IN :ids"
        ).bindparams(sa.bindparam("ids", expanding=True)), {"ids": ids}))
    for check_id, claim in connection.execute(sa.text(
            "SELECT id, claim FROM fact_checks WHERE terms IS NOT NULL")).all():
        if not claim.isascii():
            connection.execute(sa.text("UPDATE fact_checks SET terms = :t WHERE id = :id"),
                               {"t": packed_terms(claim), "id": check_id})
    _recount(connection, articles)
    for story_id in sorted(stories):
        total: Counter[str] = Counter()
        for text, packed in connection.execute(sa.text(
                "SELECT c.text, c.terms FROM story_claims m JOIN claims c ON c.id = m.claim_id "
                "WHERE m.story_id = :s ORDER BY c.id"), {"s": story_id}):
            total.update(unpack(packed if packed is not None else pack(words(text))))
        connection.execute(sa.text("UPDATE stories SET terms = :t WHERE id = :id"),
                           {"t": pack(total), "id": story_id})
        connection.execute(sa.text("DELETE FROM story_names WHERE story_id = :id"),
                           {"id": story_id})
        names = sorted(t[2:] for t in total if t.startswith("N:"))
        if names:
            connection.execute(sa.text(
                "INSERT INTO story_names (name, story_id) VALUES (:name, :story)"),
                [{"name": n, "story": story_id} for n in names])


def _recount(connection: sa.Connection, articles: dict[int, dict[int, str | None]]) -> None:
    """Move each grouped article's document count from the terms it used to those it uses."""
    delta: Counter[str] = Counter()
    for article_id, old in sorted(articles.items()):
        if not connection.execute(sa.text("SELECT grouped FROM articles WHERE id = :id"),
                                  {"id": article_id}).scalar():
            continue
        before: set[str] = set()
        now: set[str] = set()
        for claim_id, terms in connection.execute(sa.text(
                "SELECT id, terms FROM claims WHERE article_id = :a AND is_claim = :yes"),
                {"a": article_id, "yes": True}):
            now |= _plain(terms)
            before |= _plain(old.get(claim_id, terms))
        delta.update(dict.fromkeys(now - before, 1))
        delta.subtract(dict.fromkeys(before - now, 1))
    for term, change in sorted(delta.items()):
        if not change:
            continue
        found = connection.execute(sa.text(
            "SELECT documents FROM term_frequencies WHERE term = :t"), {"t": term}).scalar()
        if found is None:
            if change > 0:
                connection.execute(sa.text(
                    "INSERT INTO term_frequencies (term, documents) VALUES (:t, :d)"),
                    {"t": term, "d": change})
        elif found + change > 0:
            connection.execute(sa.text(
                "UPDATE term_frequencies SET documents = :d WHERE term = :t"),
                {"t": term, "d": found + change})
        else:
            connection.execute(sa.text("DELETE FROM term_frequencies WHERE term = :t"),
                               {"t": term})


def downgrade() -> None:
    """Nothing to undo in the schema; the terms stay folded (see above)."""
