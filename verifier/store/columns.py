"""The tables' columns as plain data, generated from ``verifier.store.models`` by
``verifier.store.tables.columns_module()`` (``python -m verifier.store.tables`` rewrites
this file; a test fails while it is out of date). For the code paths that must not
import SQLAlchemy."""

from __future__ import annotations

#: Every table's columns, in table order.
COLUMNS: dict[str, tuple[str, ...]] = {
    "articles": (
        "id", "sha256", "outlet_id", "outlet", "title", "url", "byline", "published_at",
        "path", "text", "word_count", "ingested_at", "signature", "grouped",
    ),
    "attributions": (
        "id", "claim_id", "position", "kind", "speaker", "stance", "source_text",
        "source_start", "source_end", "cue_text", "cue_start", "cue_end", "rule", "carried",
        "source_id", "reason", "evidence_text", "evidence_start", "evidence_end",
    ),
    "audit_log": (
        "id", "actor", "action", "target", "detail", "created_at",
    ),
    "claims": (
        "id", "article_id", "position", "start", "end", "text", "is_claim", "claim_rule",
        "certainty", "certainty_rule", "certainty_cue", "certainty_start", "certainty_end",
        "status", "terms", "content_terms",
    ),
    "corrections": (
        "id", "article_sha256", "start", "end", "text", "is_claim", "certainty", "sourcing",
        "note", "reviewer", "created_at",
    ),
    "deleted_articles": (
        "id", "sha256", "title", "outlet", "url", "claims", "last_claim", "reason",
        "deleted_by", "deleted_at",
    ),
    "deleted_stories": (
        "id", "merged_into", "deleted_at",
    ),
    "fact_checks": (
        "id", "key", "claim", "rating", "verdict", "publisher", "url", "published_at",
        "claim_author", "rating_value", "origin", "terms", "imported_at",
    ),
    "history_log": (
        "seq", "kind", "row_id", "payload", "hash",
    ),
    "reviewed_stems": (
        "stem", "claim_id",
    ),
    "revoked_sessions": (
        "token_hash", "user_id", "expires_at",
    ),
    "sign_in_failures": (
        "id", "key_hash", "failed_at",
    ),
    "sources": (
        "id", "key", "name", "kind", "speaker", "country", "url", "in_registry",
        "prior_confirmed", "prior_refuted", "prior_note",
    ),
    "stories": (
        "id", "title", "title_locked", "status", "created_at", "claims", "articles",
        "first_seen", "last_seen", "score", "evidence_status", "scored_with", "updated_at",
        "merged_into", "emptied_by", "terms", "member_count", "member_sum", "published_first",
        "published_last", "span_stale",
    ),
    "story_claims": (
        "story_id", "claim_id", "pinned", "reason",
    ),
    "story_names": (
        "name", "story_id",
    ),
    "term_frequencies": (
        "term", "documents",
    ),
    "track_record_counts": (
        "source_id", "confirmed", "refuted",
    ),
    "track_record_state": (
        "id", "stale", "counted_at",
    ),
    "users": (
        "id", "name", "role", "password_hash", "disabled", "created_at", "password_changed_at",
        "signed_out_at",
    ),
    "verdicts": (
        "id", "claim_id", "story_id", "status", "origin", "refers_to", "evidence", "url",
        "note", "reviewer", "score", "created_at",
    ),
}
#: ``String(n)`` lengths: values are clipped to these when stored.
LENGTHS: dict[str, dict[str, int]] = {
    "articles": {
        "sha256": 64, "outlet": 300, "title": 1000, "url": 2000, "byline": 500, "path": 2000,
    },
    "attributions": {
        "kind": 20, "speaker": 20, "stance": 10, "source_text": 1000, "cue_text": 500,
        "rule": 80, "reason": 500, "evidence_text": 500,
    },
    "audit_log": {
        "actor": 200, "action": 40, "target": 60,
    },
    "claims": {
        "claim_rule": 80, "certainty": 10, "certainty_rule": 80, "certainty_cue": 300,
        "status": 12,
    },
    "corrections": {
        "article_sha256": 64, "certainty": 10, "reviewer": 200,
    },
    "deleted_articles": {
        "sha256": 64, "title": 1000, "outlet": 300, "url": 2000, "deleted_by": 200,
    },
    "deleted_stories": {},
    "fact_checks": {
        "key": 64, "rating": 200, "verdict": 12, "publisher": 300, "url": 2000,
        "claim_author": 300, "origin": 2000,
    },
    "history_log": {
        "kind": 20, "hash": 64,
    },
    "reviewed_stems": {},
    "revoked_sessions": {
        "token_hash": 64,
    },
    "sign_in_failures": {
        "key_hash": 64,
    },
    "sources": {
        "key": 200, "name": 300, "kind": 40, "speaker": 20, "country": 10, "url": 500,
    },
    "stories": {
        "title": 500, "status": 12, "evidence_status": 12, "scored_with": 16,
    },
    "story_claims": {},
    "story_names": {},
    "term_frequencies": {},
    "track_record_counts": {},
    "track_record_state": {},
    "users": {
        "name": 100, "role": 10, "password_hash": 300,
    },
    "verdicts": {
        "status": 12, "origin": 12, "url": 2000, "reviewer": 200,
    },
}
#: Columns that may hold NULL.
NULLABLE: dict[str, tuple[str, ...]] = {
    "articles": (
        "outlet_id", "outlet", "title", "url", "byline", "published_at", "path", "signature",
    ),
    "attributions": (
        "source_id", "reason", "evidence_text", "evidence_start", "evidence_end",
    ),
    "audit_log": (),
    "claims": (
        "certainty", "certainty_rule", "certainty_cue", "certainty_start", "certainty_end",
        "terms", "content_terms",
    ),
    "corrections": (
        "certainty", "note",
    ),
    "deleted_articles": (
        "title", "outlet", "url", "last_claim",
    ),
    "deleted_stories": (
        "merged_into",
    ),
    "fact_checks": (
        "url", "published_at", "claim_author", "rating_value", "terms",
    ),
    "history_log": (),
    "reviewed_stems": (),
    "revoked_sessions": (),
    "sign_in_failures": (),
    "sources": (
        "country", "url",
    ),
    "stories": (
        "first_seen", "last_seen", "score", "evidence_status", "scored_with", "updated_at",
        "merged_into", "emptied_by", "terms", "published_first", "published_last",
    ),
    "story_claims": (
        "reason",
    ),
    "story_names": (),
    "term_frequencies": (),
    "track_record_counts": (),
    "track_record_state": (
        "counted_at",
    ),
    "users": (
        "signed_out_at",
    ),
    "verdicts": (
        "claim_id", "story_id", "refers_to", "url", "note", "score",
    ),
}
#: Columns a driver may return as text or 0/1: times (UTC) and booleans.
DATETIMES: dict[str, tuple[str, ...]] = {
    "articles": (
        "published_at", "ingested_at",
    ),
    "attributions": (),
    "audit_log": (
        "created_at",
    ),
    "claims": (),
    "corrections": (
        "created_at",
    ),
    "deleted_articles": (
        "deleted_at",
    ),
    "deleted_stories": (
        "deleted_at",
    ),
    "fact_checks": (
        "published_at", "imported_at",
    ),
    "history_log": (),
    "reviewed_stems": (),
    "revoked_sessions": (
        "expires_at",
    ),
    "sign_in_failures": (
        "failed_at",
    ),
    "sources": (),
    "stories": (
        "created_at", "first_seen", "last_seen", "updated_at", "published_first",
        "published_last",
    ),
    "story_claims": (),
    "story_names": (),
    "term_frequencies": (),
    "track_record_counts": (),
    "track_record_state": (
        "counted_at",
    ),
    "users": (
        "created_at", "password_changed_at", "signed_out_at",
    ),
    "verdicts": (
        "created_at",
    ),
}
BOOLEANS: dict[str, tuple[str, ...]] = {
    "articles": (
        "grouped",
    ),
    "attributions": (
        "carried",
    ),
    "audit_log": (),
    "claims": (
        "is_claim",
    ),
    "corrections": (
        "is_claim",
    ),
    "deleted_articles": (),
    "deleted_stories": (),
    "fact_checks": (),
    "history_log": (),
    "reviewed_stems": (),
    "revoked_sessions": (),
    "sign_in_failures": (),
    "sources": (
        "in_registry",
    ),
    "stories": (
        "title_locked", "span_stale",
    ),
    "story_claims": (
        "pinned",
    ),
    "story_names": (),
    "term_frequencies": (),
    "track_record_counts": (),
    "track_record_state": (
        "stale",
    ),
    "users": (
        "disabled",
    ),
    "verdicts": (),
}
