"""Attribution: who stands behind each sentence (placeholder until the rules land)."""

from __future__ import annotations

from collections.abc import Sequence

from verifier.registry import Registry, Source
from verifier.results import Attribution, Sentence


def attribute(
    text: str,
    sentences: Sequence[Sentence],
    claims: Sequence[bool],
    *,
    registry: Registry,
    outlet: Source | None = None,
) -> list[tuple[Attribution, ...]]:
    """One tuple of attributions per sentence (non-claims get none)."""
    return [() for _ in sentences]
