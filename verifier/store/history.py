"""The tamper-evident history log: every append-only row (verdicts, retractions, and any
other kind registered here) is recorded in ``history_log`` with a hash chained to the row
before it, like a transparency log.

Each entry holds ``seq`` (1, 2, 3, ... with no gaps), the row's ``kind`` and id, its
``payload`` (a canonical JSON serialisation of the row: sorted keys, UTC timestamps with
microseconds, ``repr`` of floats) and ``hash = sha256(previous hash + "\\n" + kind + "\\n" +
payload)``; the first entry's previous hash is ``GENESIS``. ``verify_chain`` recomputes the
chain and compares each payload with the live row, so it can say which row of which table
changed, and which field: an edited verdict, a deleted one, one inserted behind verifier's
back, a rewritten log entry. Only someone who rewrites every later entry too goes unseen by the
chain alone; ``db verify`` prints the head hash so a reviewer can note it and later check it
with ``--expect-head``.

Verdicts, the web desk's corrections and the audit log's entries are chained. A new
append-only kind joins by adding a ``HistoryKind``
to ``KINDS`` (its table and the columns that make up its canonical form) and calling
``append(session, kind, row_id)`` in the transaction that inserts the row.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, cast

from sqlalchemy import Table, func, insert, select
from sqlalchemy.orm import Session

from verifier.store.models import AuditEntry, Correction, HistoryEntry, Verdict

GENESIS = "0" * 64
#: PostgreSQL: appends take this transaction-scoped advisory lock, so two reviewers' writes
#: cannot both chain onto the same entry (SQLite's write transactions are already serial).
ADVISORY_LOCK = 7_201_012
HISTORY = cast(Table, HistoryEntry.__table__)


@dataclass(frozen=True, slots=True)
class HistoryKind:
    """An append-only table whose rows join the chain: ``columns`` make up the payload."""

    name: str
    table: Table
    columns: tuple[str, ...]
    label: str  # how reports name a row: "verdict 12"


VERDICT_COLUMNS = (
    "id", "claim_id", "story_id", "status", "origin", "refers_to", "evidence", "url", "note",
    "reviewer", "score", "created_at",
)
CORRECTION_COLUMNS = (
    "id", "article_sha256", "start", "end", "text", "is_claim", "certainty", "sourcing", "note",
    "reviewer", "created_at",
)
AUDIT_COLUMNS = ("id", "actor", "action", "target", "detail", "created_at")
KINDS: dict[str, HistoryKind] = {
    "verdict": HistoryKind("verdict", cast(Table, Verdict.__table__), VERDICT_COLUMNS, "verdict"),
    "correction": HistoryKind("correction", cast(Table, Correction.__table__),
                              CORRECTION_COLUMNS, "correction"),
    "audit": HistoryKind("audit", cast(Table, AuditEntry.__table__), AUDIT_COLUMNS,
                         "audit entry"),
}


def _plain(value: Any) -> Any:
    if isinstance(value, datetime):
        if value.tzinfo is None:
            value = value.replace(tzinfo=UTC)
        return value.astimezone(UTC).isoformat(timespec="microseconds")
    if isinstance(value, float):
        return repr(value)
    return value


def canonical(kind: HistoryKind, row: Mapping[str, Any]) -> str:
    """The row as canonical JSON: the kind's columns only, sorted keys, no spaces."""
    data = {name: _plain(row[name]) for name in kind.columns}
    return json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def chain_hash(previous: str, kind: str, payload: str) -> str:
    data = f"{previous}\n{kind}\n{payload}".encode()
    return hashlib.sha256(data).hexdigest()


def _row(session: Session, kind: HistoryKind, row_id: int) -> Mapping[str, Any] | None:
    columns = [kind.table.c[name] for name in kind.columns]
    found = session.execute(select(*columns).where(kind.table.c.id == row_id)).first()
    return None if found is None else dict(found._mapping)


def _lock(session: Session) -> None:
    if session.get_bind().dialect.name == "postgresql":
        session.execute(select(func.pg_advisory_xact_lock(ADVISORY_LOCK)))


def head(session: Session) -> tuple[int, str]:
    """The last entry's (seq, hash), or (0, GENESIS) for an empty log."""
    last = session.execute(
        select(HISTORY.c.seq, HISTORY.c.hash).order_by(HISTORY.c.seq.desc()).limit(1)
    ).first()
    return (0, GENESIS) if last is None else (int(last[0]), str(last[1]))


def append(session: Session, kind_name: str, row_id: int) -> str:
    """Record row ``row_id`` of ``kind_name`` (already inserted) as the next entry; returns
    its hash. Call in the transaction that inserted the row."""
    kind = KINDS[kind_name]
    _lock(session)
    row = _row(session, kind, row_id)
    if row is None:
        raise LookupError(f"no {kind.label} {row_id} to record")
    seq, previous = head(session)
    payload = canonical(kind, row)
    digest = chain_hash(previous, kind.name, payload)
    session.execute(insert(HISTORY).values(
        seq=seq + 1, kind=kind.name, row_id=row_id, payload=payload, hash=digest
    ))
    return digest


def chain_rows(connection: Any, kind: HistoryKind) -> Iterator[tuple[int, str]]:
    """(id, payload) of every row of a kind in id order, for a migration that starts the log
    over rows that already exist (``connection`` is a SQLAlchemy Connection; the kind names
    the columns as of that migration)."""
    columns = [kind.table.c[name] for name in kind.columns]
    for found in connection.execute(select(*columns).order_by(kind.table.c.id)):
        yield int(found._mapping["id"]), canonical(kind, found._mapping)


@dataclass(frozen=True, slots=True)
class ChainProblem:
    """One finding of ``verify_chain``: what, where, and (for an edit) which fields."""

    seq: int | None
    kind: str
    row_id: int | None
    message: str

    def to_dict(self) -> dict[str, Any]:
        return {"seq": self.seq, "kind": self.kind, "row_id": self.row_id,
                "message": self.message}


def _changed_fields(recorded: str, live: str) -> str:
    try:
        before, after = json.loads(recorded), json.loads(live)
    except ValueError:
        return "the recorded payload is not valid JSON"
    changed = [
        f"{key}: {before.get(key)!r} -> {after.get(key)!r}"
        for key in sorted(set(before) | set(after))
        if before.get(key) != after.get(key)
    ]
    return "; ".join(changed)


def verify_chain(session: Session) -> tuple[list[ChainProblem], int, str]:
    """Recompute the chain; returns the problems, the number of entries and the head hash."""
    problems: list[ChainProblem] = []
    previous = GENESIS
    expected_seq = 1
    seen: dict[str, set[int]] = {name: set() for name in KINDS}
    count = 0
    for seq, kind_name, row_id, payload, stored in session.execute(
        select(HISTORY.c.seq, HISTORY.c.kind, HISTORY.c.row_id, HISTORY.c.payload,
               HISTORY.c.hash).order_by(HISTORY.c.seq)
    ):
        count += 1
        if seq != expected_seq:
            problems.append(ChainProblem(
                seq, kind_name, row_id,
                f"history entries {expected_seq}..{seq - 1} are missing (deleted from the log)"
                if seq > expected_seq else f"history entry {seq} is out of order",
            ))
        expected_seq = seq + 1
        if chain_hash(previous, kind_name, payload) != stored:
            problems.append(ChainProblem(
                seq, kind_name, row_id,
                f"history entry {seq} ({kind_name} {row_id}) does not match its hash: the "
                "entry or the one before it was rewritten",
            ))
        previous = stored
        kind = KINDS.get(kind_name)
        if kind is None:
            problems.append(ChainProblem(seq, kind_name, row_id,
                                         f"history entry {seq} has unknown kind {kind_name!r}"))
            continue
        seen[kind_name].add(row_id)
        row = _row(session, kind, row_id)
        if row is None:
            problems.append(ChainProblem(
                seq, kind_name, row_id,
                f"{kind.label} {row_id} was deleted (recorded in history entry {seq})",
            ))
            continue
        live = canonical(kind, row)
        if live != payload:
            problems.append(ChainProblem(
                seq, kind_name, row_id,
                f"{kind.label} {row_id} was altered after it was recorded (history entry "
                f"{seq}): {_changed_fields(payload, live)}",
            ))
    for kind in KINDS.values():
        for (row_id,) in session.execute(select(kind.table.c.id).order_by(kind.table.c.id)):
            if row_id not in seen[kind.name]:
                problems.append(ChainProblem(
                    None, kind.name, int(row_id),
                    f"{kind.label} {row_id} is not in the history log (inserted behind "
                    "verifier's back)",
                ))
    return problems, count, previous
