"""Desk accounts read without SQLAlchemy (``users list``'s fast path): the account record
and the list of accounts, plain SQL through ``verifier.store.reading.Rows``."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from verifier.store.reading import Rows, converter, select_list

ROLES = ("viewer", "reviewer", "editor", "admin")



@dataclass(frozen=True, slots=True)
class UserRecord:
    id: int
    name: str
    role: str
    disabled: bool
    created_at: datetime
    password_changed_at: datetime
    #: Sessions issued before this are refused ("sign out everywhere"); None: never.
    signed_out_at: datetime | None = None

    def can(self, role: str) -> bool:
        """Whether this user has ``role`` or a stronger one."""
        return not self.disabled and ROLES.index(self.role) >= ROLES.index(role)

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name, "role": self.role, "disabled": self.disabled,
                "created_at": self.created_at.isoformat()}


def user_list(rows: Rows) -> list[UserRecord]:
    """Every account, by name."""
    record = converter(UserRecord, "users")
    return [record(row) for row in rows.all(
        f"SELECT {select_list(UserRecord, 'users')} FROM users ORDER BY name")]
