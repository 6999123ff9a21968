"""The schema revision this code expects (kept apart so fast paths need not import Alembic or
SQLAlchemy; a test checks it is the head of the shipped migrations)."""

from __future__ import annotations

SCHEMA_REVISION = "0025"
