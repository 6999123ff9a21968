"""The audit log: one appended row per action (verdict, retraction, correction, edit,
deletion, account change), listed newest first by actor, action or target. Append-only
(triggers refuse UPDATE, DELETE and REPLACE) and hash-chained in ``history_log``, so
``verifier db verify`` finds an entry edited, deleted or slipped in."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from verifier.limits import check_length
from verifier.store.models import AuditEntry

ACTIONS = (
    "mark", "retract", "correct", "article-edit", "article-delete", "story-merge",
    "story-split", "story-move", "story-rename", "source-add", "source-edit", "user-add",
    "user-disable", "user-enable", "user-password", "user-role", "user-signout", "user-unlock",
    "address-unlock", "sign-in", "sign-in-failed",
)


@dataclass(frozen=True, slots=True)
class AuditRecord:
    id: int
    actor: str
    action: str
    target: str
    detail: dict[str, Any]
    created_at: datetime

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "actor": self.actor, "action": self.action,
                "target": self.target, "detail": self.detail,
                "created_at": self.created_at.isoformat()}


def record(session: Session, actor: str, action: str, target: str,
           detail: dict[str, Any] | None = None) -> None:
    """Append one entry in the caller's transaction, recorded in the hash-chained history
    log (``verifier.store.history``) like a verdict."""
    from verifier.store import history

    if action not in ACTIONS:
        raise ValueError(f"unknown audit action {action!r}")
    check_length("reviewer name", actor)
    entry_id = session.execute(insert(AuditEntry).returning(AuditEntry.id).values(
        actor=actor, action=action, target=target[:60],
        detail=json.dumps(detail or {}, ensure_ascii=False, sort_keys=True),
        created_at=datetime.now(UTC),
    )).scalar_one()
    history.append(session, "audit", int(entry_id))


def list_audit(session: Session, *, actor: str | None = None, action: str | None = None,
               target: str | None = None, limit: int = 100,
               before: int | None = None) -> list[AuditRecord]:
    """Entries newest first; ``before`` (an entry id) pages back."""
    query = select(AuditEntry).order_by(AuditEntry.id.desc()).limit(limit)
    if actor:
        query = query.where(AuditEntry.actor == actor)
    if action:
        query = query.where(AuditEntry.action == action)
    if target:
        query = query.where(AuditEntry.target == target)
    if before is not None:
        query = query.where(AuditEntry.id < before)
    return [
        AuditRecord(row.id, row.actor, row.action, row.target, json.loads(row.detail),
                    row.created_at)
        for row in session.scalars(query)
    ]
