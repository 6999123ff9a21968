"""The database schema: SQLAlchemy 2.0 typed models.

Alembic revisions in ``alembic/versions`` are the schema's truth; a test checks that these
models and the migrations agree. Full-text search (FTS5 on SQLite, a GIN expression index on
PostgreSQL) and the append-only guard on verdicts live only in the migrations.

Times are stored in UTC and always read back as timezone-aware values (``UTCDateTime``), on
SQLite (which keeps no zone) as on PostgreSQL.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
    false,
    true,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}



class UTCDateTime(TypeDecorator[datetime]):
    """A timezone-aware datetime stored as UTC; naive values are taken to be UTC."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            value = value.replace(tzinfo=UTC)
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if isinstance(value, str):
            value = datetime.fromisoformat(value)
        if not isinstance(value, datetime):
            raise TypeError(f"expected a datetime, got {value!r}")
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class Source(Base):
    """Who stands behind claims: a registry entry, a named person or body, or a derived
    entry such as "unnamed sources via Yonhap" (``key`` ``unnamed-via:yonhap``)."""

    __tablename__ = "sources"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(String(200), unique=True)
    name: Mapped[str] = mapped_column(String(300))
    kind: Mapped[str] = mapped_column(String(40))
    speaker: Mapped[str] = mapped_column(String(20))
    country: Mapped[str | None] = mapped_column(String(10))
    url: Mapped[str | None] = mapped_column(String(500))
    in_registry: Mapped[bool] = mapped_column(Boolean, default=False)
    prior_confirmed: Mapped[float] = mapped_column(Float)
    prior_refuted: Mapped[float] = mapped_column(Float)
    prior_note: Mapped[str] = mapped_column(Text, default="")


class Article(Base):
    """One ingested article; ``sha256`` of its text makes re-ingesting a no-op.

    ``signature``: the MinHash of its text (``verifier.scoring.signatures``), computed once at
    ingest, so corroboration finds copies without reading texts. ``grouped``: its claims have
    been grouped into stories (in the transaction that stored it, unless ingest ran with
    ``--no-group``); the next ingest and ``stories group`` group the articles that are not.
    """

    __tablename__ = "articles"
    __table_args__ = (
        Index("ix_articles_published_at_id", "published_at", "id"),
        Index("ix_articles_grouped", "grouped"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    outlet_id: Mapped[int | None] = mapped_column(ForeignKey("sources.id"), index=True)
    outlet: Mapped[str | None] = mapped_column(String(300))
    title: Mapped[str | None] = mapped_column(String(1000))
    url: Mapped[str | None] = mapped_column(String(2000))
    byline: Mapped[str | None] = mapped_column(String(500))
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    path: Mapped[str | None] = mapped_column(String(2000))
    text: Mapped[str] = mapped_column(Text)
    word_count: Mapped[int] = mapped_column(Integer, default=0)
    ingested_at: Mapped[datetime] = mapped_column(UTCDateTime)
    signature: Mapped[bytes | None] = mapped_column(LargeBinary)
    grouped: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())

    claims: Mapped[list[Claim]] = relationship(
        back_populates="article", order_by="Claim.position", cascade="all, delete-orphan"
    )


class Claim(Base):
    """One sentence of an article (``is_claim`` says whether it asserts something).

    ``status`` is the latest verdict's status, kept in the same transaction as the verdict
    so the review queue is one index scan; the verdicts table holds the history. ``terms``:
    a claim's story-grouping terms (``verifier.stories.terms.words``, serialised), computed
    once at ingest. ``content_terms``: the terms of its wording without its attributions'
    words (``verifier.stories.matching.packed_content``), kept when it gets a verdict, so
    matching another claim against it reads them instead of working them out (None: not
    kept; a correction of its sourcing drops them).
    """

    __tablename__ = "claims"
    __table_args__ = (
        UniqueConstraint("article_id", "position", name="uq_claims_article_position"),
        Index("ix_claims_status_id", "status", "id"),
        # Not ``status IN (...)``: SQLite evaluates an IN list of four in a CHECK by building
        # a temporary table for every inserted row (migration 0003).
        CheckConstraint(
            "status = 'unverified' OR status = 'confirmed' OR status = 'refuted' "
            "OR status = 'disputed'",
            name="status",
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    is_claim: Mapped[bool] = mapped_column(Boolean)
    claim_rule: Mapped[str] = mapped_column(String(80))
    certainty: Mapped[str | None] = mapped_column(String(10))
    certainty_rule: Mapped[str | None] = mapped_column(String(80))
    certainty_cue: Mapped[str | None] = mapped_column(String(300))
    certainty_start: Mapped[int | None] = mapped_column(Integer)
    certainty_end: Mapped[int | None] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(
        String(12), default="unverified", server_default="unverified"
    )
    terms: Mapped[str | None] = mapped_column(Text)
    content_terms: Mapped[str | None] = mapped_column(Text)

    article: Mapped[Article] = relationship(back_populates="claims")
    attributions: Mapped[list[Attribution]] = relationship(
        back_populates="claim", order_by="Attribution.position", cascade="all, delete-orphan"
    )


class Attribution(Base):
    """Who stands behind a claim (speaker kind and stance), with source and cue offsets
    into the article text, the rule that fired and the registry entry it resolved to."""

    __tablename__ = "attributions"
    #: Every query finds attributions by claim; the sourcing filter probes (claim, kind); a
    #: source's attributions are counted and their claims found from the index alone.
    __table_args__ = (
        Index("ix_attributions_claim_id_kind", "claim_id", "kind"),
        Index("ix_attributions_source_id_claim_id", "source_id", "claim_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    claim_id: Mapped[int] = mapped_column(ForeignKey("claims.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(20))
    speaker: Mapped[str] = mapped_column(String(20))
    stance: Mapped[str] = mapped_column(String(10))
    source_text: Mapped[str] = mapped_column(String(1000))
    source_start: Mapped[int] = mapped_column(Integer)
    source_end: Mapped[int] = mapped_column(Integer)
    cue_text: Mapped[str] = mapped_column(String(500))
    cue_start: Mapped[int] = mapped_column(Integer)
    cue_end: Mapped[int] = mapped_column(Integer)
    rule: Mapped[str] = mapped_column(String(80))
    carried: Mapped[bool] = mapped_column(Boolean, default=False)
    source_id: Mapped[int | None] = mapped_column(ForeignKey("sources.id"))
    #: Why the source has its kind, when the rule chain does not say it all (migration
    #: 0012; NULL in rows stored before): the analyser's ``reason`` (a name rule's declared
    #: fallback, "no office evidence: ...") and its ``evidence``, the words elsewhere in the
    #: article (offsets into its text) that showed the kind ("Finance Minister Jane Roe"
    #: for a later "Roe").
    reason: Mapped[str | None] = mapped_column(String(500))
    evidence_text: Mapped[str | None] = mapped_column(String(500))
    evidence_start: Mapped[int | None] = mapped_column(Integer)
    evidence_end: Mapped[int | None] = mapped_column(Integer)

    claim: Mapped[Claim] = relationship(back_populates="attributions")
    source: Mapped[Source | None] = relationship()


class Story(Base):
    """Claims about one event, within and across articles. ``terms``: its members' grouping
    terms with their counts (serialised), kept current as claims join it or move.

    Besides the title and the reviewed ``status``, a story row holds what lists sort and
    filter on, kept current by ``verifier.stories.scores`` whenever a story's members,
    verdicts or sources' track records change (migration 0005): ``claims`` and ``articles``
    (member counts), ``first_seen``/``last_seen`` (its articles' publication, else ingest,
    times), ``score`` and ``evidence_status`` (the assessment under the weights whose digest
    is ``scored_with``; NULL when the story awaits rescoring) and ``updated_at`` (its last
    change of members or verdicts).

    What grouping compares a stored story by, kept by triggers on ``story_claims``,
    ``claims`` and ``articles`` whatever writes them (migration 0017), so it is read from
    the row instead of added up over every member at every ingest chunk: ``member_count``
    and ``member_sum`` (how many membership rows it has and the sum of their claim ids: its
    membership's fingerprint), and ``published_first``/``published_last`` (the first and
    last publication time of its members' articles; NULL when none is dated), which are
    exact unless ``span_stale`` says a member left or an article's date or a claim's
    article changed since (a trigger cannot narrow a span cheaply; grouping works such a
    span out again and stores it).
    """

    __tablename__ = "stories"
    __table_args__ = (
        CheckConstraint(
            "status IN ('unverified', 'confirmed', 'refuted', 'disputed')", name="status"
        ),
        Index("ix_stories_score_id", "score", "id"),
        # the score filter's count (``stories list --min-score``, the desk's stories page):
        # a score range with its status and claim floor read from the index alone
        Index("ix_stories_score_status", "score", "status", "claims"),
        Index("ix_stories_claims_id", "claims", "id"),
        Index("ix_stories_last_seen_id", "last_seen", "id"),
        Index("ix_stories_status_claims", "status", "claims"),
        Index("ix_stories_evidence_status", "evidence_status", "status", "claims"),
        Index("ix_stories_seen", "last_seen", "first_seen", "claims"),
        Index("ix_stories_merged_into", "merged_into"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    title: Mapped[str] = mapped_column(String(500))
    title_locked: Mapped[bool] = mapped_column(Boolean, default=False)
    status: Mapped[str] = mapped_column(String(12), default="unverified")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    claims: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    articles: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    first_seen: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_seen: Mapped[datetime | None] = mapped_column(UTCDateTime)
    score: Mapped[float | None] = mapped_column(Float)
    evidence_status: Mapped[str | None] = mapped_column(String(12))
    scored_with: Mapped[str | None] = mapped_column(String(16), index=True)
    updated_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    #: Set when a merge emptied this story into another: its verdicts live on there.
    merged_into: Mapped[int | None] = mapped_column(ForeignKey("stories.id"))
    #: Set when deleting an article took this story's last claims (the deleted article's
    #: id, a ``deleted_articles`` row): the story is kept with its verdict history, listed
    #: only by ``--status emptied`` (migration 0018).
    emptied_by: Mapped[int | None] = mapped_column(Integer)
    terms: Mapped[str | None] = mapped_column(Text)
    member_count: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    member_sum: Mapped[int] = mapped_column(BigInteger, default=0, server_default="0")
    published_first: Mapped[datetime | None] = mapped_column(UTCDateTime)
    published_last: Mapped[datetime | None] = mapped_column(UTCDateTime)
    span_stale: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())

    members: Mapped[list[StoryClaim]] = relationship(
        back_populates="story", cascade="all, delete-orphan"
    )


class StoryClaim(Base):
    """A claim's membership in a story; ``pinned`` marks a reviewer's decision, which
    automatic grouping never changes. ``reason``: why it joined (compact JSON: the rule that
    fired, its numbers and thresholds, the terms it rested on; ``verifier.stories.reasons``;
    NULL for memberships stored before migration 0011)."""

    __tablename__ = "story_claims"

    story_id: Mapped[int] = mapped_column(
        ForeignKey("stories.id", ondelete="CASCADE"), primary_key=True
    )
    claim_id: Mapped[int] = mapped_column(
        ForeignKey("claims.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    pinned: Mapped[bool] = mapped_column(Boolean, default=False)
    reason: Mapped[str | None] = mapped_column(Text)

    story: Mapped[Story] = relationship(back_populates="members")
    claim: Mapped[Claim] = relationship()


class StoryName(Base):
    """The names a story's members use: the inverted index new claims find candidate
    stories by (only the few stories that share a rare name with them are read)."""

    __tablename__ = "story_names"

    name: Mapped[str] = mapped_column(Text, primary_key=True)
    story_id: Mapped[int] = mapped_column(
        ForeignKey("stories.id", ondelete="CASCADE"), primary_key=True, index=True
    )


class ReviewedStem(Base):
    """The stems of a reviewed claim's grouping terms (``claims.terms``, or its text's terms
    when it has none), written with its verdict: the index a claim's past-verdict candidates
    are found by (the reviewed claims using one of its names or rarest words). A claim whose
    ``content_terms`` is NULL is not counted as indexed: its candidates are found by its
    terms, as before (migration 0014)."""

    __tablename__ = "reviewed_stems"

    stem: Mapped[str] = mapped_column(Text, primary_key=True)
    claim_id: Mapped[int] = mapped_column(
        ForeignKey("claims.id", ondelete="CASCADE"), primary_key=True, index=True
    )


class TermFrequency(Base):
    """How many grouped articles use each grouping term (names and words pooled): the
    document frequencies story grouping weighs terms by, kept current as articles are
    grouped. The empty term counts the grouped articles themselves."""

    __tablename__ = "term_frequencies"

    term: Mapped[str] = mapped_column(Text, primary_key=True)
    documents: Mapped[int] = mapped_column(Integer)


class Verdict(Base):
    """A reviewer's verdict on a claim or a story, or the retraction of one. Append-only:
    never updated or deleted (the migrations add triggers that refuse both, and REPLACE), and
    each row is recorded in the hash-chained ``history_log``.

    ``origin`` says how the row came to be: ``review`` (a reviewer marked the target),
    ``story`` (a claim's verdict written with its story's; ``refers_to`` is the story verdict),
    ``merge``/``split``/``move`` (a story verdict carried with the claims by a grouping edit;
    ``refers_to`` is the verdict carried), ``decision`` (which verdict stands after a merge
    of stories with different verdicts) or ``retraction`` (status ``retracted``;
    ``refers_to`` is the verdict withdrawn). A target's status is its latest verdict not
    retracted, else ``unverified``.
    """

    __tablename__ = "verdicts"
    __table_args__ = (
        CheckConstraint(
            "status IN ('confirmed', 'refuted', 'disputed', 'retracted')", name="status"
        ),
        CheckConstraint("claim_id IS NOT NULL OR story_id IS NOT NULL", name="target"),
        CheckConstraint(
            "origin IN ('review', 'story', 'merge', 'split', 'move', 'decision', 'retraction')",
            name="origin",
        ),
        CheckConstraint(
            "(status = 'retracted') = (origin = 'retraction') "
            "AND (origin = 'review' OR origin = 'decision' OR origin = 'story' "
            "OR refers_to IS NOT NULL)",
            name="refers",
        ),
        Index("ix_verdicts_claim_id_id", "claim_id", "id"),
        Index("ix_verdicts_story_id_id", "story_id", "id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    #: No foreign key: a verdict outlives its claim's article (shown as orphaned).
    claim_id: Mapped[int | None] = mapped_column(Integer)
    story_id: Mapped[int | None] = mapped_column(ForeignKey("stories.id"))
    status: Mapped[str] = mapped_column(String(12))
    origin: Mapped[str] = mapped_column(String(12), default="review", server_default="review")
    refers_to: Mapped[int | None] = mapped_column(ForeignKey("verdicts.id"))
    evidence: Mapped[str] = mapped_column(Text)
    url: Mapped[str | None] = mapped_column(String(2000))
    note: Mapped[str | None] = mapped_column(Text)
    reviewer: Mapped[str] = mapped_column(String(200))
    score: Mapped[float | None] = mapped_column(Float)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


class User(Base):
    """A desk account. ``password_hash`` is a self-describing scrypt hash; a disabled user
    cannot sign in and keeps their history."""

    __tablename__ = "users"
    __table_args__ = (
        CheckConstraint("role IN ('viewer', 'reviewer', 'editor', 'admin')", name="role"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    role: Mapped[str] = mapped_column(String(10))
    password_hash: Mapped[str] = mapped_column(String(300))
    disabled: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    password_changed_at: Mapped[datetime] = mapped_column(UTCDateTime)
    #: "Sign out everywhere": sessions issued before this time are refused (None: never).
    signed_out_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class RevokedSession(Base):
    """A desk session signed out before its cookie expired, by the SHA-256 of its token
    (one per session): refused until ``expires_at``, when the cookie is dead anyway and the
    row is pruned. Kept in the database so a restart or another worker refuses it too."""

    __tablename__ = "revoked_sessions"

    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)


class SignInFailure(Base):
    """A failed sign-in at the desk, by the SHA-256 of what it is counted under (``name:``
    the account name typed, lower-cased; ``address:`` the client's address): the sign-in
    throttle (``verifier.store.sign_ins``) counts these within its window, so a restart or
    another worker counts them too. Rows older than the window are pruned."""

    __tablename__ = "sign_in_failures"
    __table_args__ = (Index("ix_sign_in_failures_key_failed_at", "key_hash", "failed_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key_hash: Mapped[str] = mapped_column(String(64))
    failed_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)


class Correction(Base):
    """A reviewer's relabelling of one sentence. Append-only; the latest correction of a
    sentence overrides the analyser's labels. Keyed by the article's text hash and the
    sentence's offsets so it survives re-analysis and re-ingesting."""

    __tablename__ = "corrections"
    __table_args__ = (Index("ix_corrections_article_sha256_start", "article_sha256", "start"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    article_sha256: Mapped[str] = mapped_column(String(64))
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    is_claim: Mapped[bool] = mapped_column(Boolean)
    certainty: Mapped[str | None] = mapped_column(String(10))
    #: JSON list of {"kind", "source"} objects, in the sentence's order.
    sourcing: Mapped[str] = mapped_column(Text)
    note: Mapped[str | None] = mapped_column(Text)
    reviewer: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


class DeletedArticle(Base):
    """What remains of a deleted article: its metadata and its claims' ids and text, so the
    verdicts on them are shown as orphaned, never silently lost."""

    __tablename__ = "deleted_articles"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    title: Mapped[str | None] = mapped_column(String(1000))
    outlet: Mapped[str | None] = mapped_column(String(300))
    url: Mapped[str | None] = mapped_column(String(2000))
    #: JSON object {claim id: sentence text}.
    claims: Mapped[str] = mapped_column(Text)
    #: The largest claim id the article held (None: none): ids are never given again.
    last_claim: Mapped[int | None] = mapped_column(Integer)
    reason: Mapped[str] = mapped_column(Text)
    deleted_by: Mapped[str] = mapped_column(String(200))
    deleted_at: Mapped[datetime] = mapped_column(UTCDateTime)


class DeletedStory(Base):
    """A story id a merge deleted (its claims went to ``merged_into``). SQLite numbers a new
    row from the largest stored id: deleting the newest story gave its id to the next one,
    and ``stories show`` of the merged id showed the new story instead of "merged into".
    New stories are numbered after these too (``verifier.store.story_writes.next_story_id``),
    so a story id names one story for good."""

    __tablename__ = "deleted_stories"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    merged_into: Mapped[int | None] = mapped_column(Integer)
    deleted_at: Mapped[datetime] = mapped_column(UTCDateTime)


class AuditEntry(Base):
    """One action on the desk or the command line: who did what to which object, when."""

    __tablename__ = "audit_log"
    __table_args__ = (Index("ix_audit_log_actor_id", "actor", "id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    actor: Mapped[str] = mapped_column(String(200))
    action: Mapped[str] = mapped_column(String(40))
    target: Mapped[str] = mapped_column(String(60))
    detail: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


class HistoryEntry(Base):
    """One entry of the tamper-evident history log (``verifier.store.history``): an
    append-only row of another table, its canonical payload and a hash chained to the entry
    before it. Append-only like verdicts."""

    __tablename__ = "history_log"
    __table_args__ = (UniqueConstraint("kind", "row_id", name="uq_history_log_kind_row_id"),)

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    kind: Mapped[str] = mapped_column(String(20))
    row_id: Mapped[int] = mapped_column(Integer)
    payload: Mapped[str] = mapped_column(Text)
    hash: Mapped[str] = mapped_column(String(64))


class FactCheck(Base):
    """Another fact-checker's verdict, imported from ClaimReview JSON-LD
    (``verifier factchecks import``): the claim it reviewed, the publisher's rating and the
    verdict it maps to (``data/ratings.yaml``; ``unrated`` is shown, never adopted).
    ``key`` identifies the record, so importing a file again adds nothing; ``terms`` are the
    claim's grouping terms, for matching new claims against it."""

    __tablename__ = "fact_checks"
    __table_args__ = (
        CheckConstraint(
            "verdict = 'confirmed' OR verdict = 'refuted' OR verdict = 'disputed' "
            "OR verdict = 'unrated'",
            name="verdict",
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(String(64), unique=True)
    claim: Mapped[str] = mapped_column(Text)
    rating: Mapped[str] = mapped_column(String(200))
    verdict: Mapped[str] = mapped_column(String(12))
    publisher: Mapped[str] = mapped_column(String(300))
    url: Mapped[str | None] = mapped_column(String(2000))
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    claim_author: Mapped[str | None] = mapped_column(String(300))
    rating_value: Mapped[float | None] = mapped_column(Float)
    origin: Mapped[str] = mapped_column(String(2000))
    terms: Mapped[str | None] = mapped_column(Text)
    imported_at: Mapped[datetime] = mapped_column(UTCDateTime)


class TrackRecordCount(Base):
    """The verdicts counted for a source (``verifier.store.trackrecords.verdict_counts``),
    kept so a scoring read need not recount every reviewed claim. Valid only while
    ``track_record_state.stale`` is false: the migrations add triggers that set it when a
    verdict is added or a reviewed claim's membership, attributions or outlet change."""

    __tablename__ = "track_record_counts"

    source_id: Mapped[int] = mapped_column(
        ForeignKey("sources.id", ondelete="CASCADE"), primary_key=True
    )
    confirmed: Mapped[int] = mapped_column(Integer)
    refuted: Mapped[int] = mapped_column(Integer)


class TrackRecordState(Base):
    """One row: whether ``track_record_counts`` is stale (a trigger saw a change it does not
    count yet; readers then count from the verdicts) and when it was last counted."""

    __tablename__ = "track_record_state"
    __table_args__ = (CheckConstraint("id = 1", name="one_row"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    stale: Mapped[bool] = mapped_column(Boolean)
    counted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
