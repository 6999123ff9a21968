"""Registers every command group on the root app (one module per group)."""

from __future__ import annotations

from verifier.cli import (
    analyze,  # noqa: F401
    articles,  # noqa: F401
    claims,  # noqa: F401
    db,  # noqa: F401
    evaluate,  # noqa: F401
    factchecks,  # noqa: F401
    ingest,  # noqa: F401
    labels,  # noqa: F401
    report,  # noqa: F401
    serve,  # noqa: F401
    sources,  # noqa: F401
    stories,  # noqa: F401
    users,  # noqa: F401
)
