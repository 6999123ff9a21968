"""Sources in the database: registry entries, and rows derived from attributions.

Every attribution resolves to one ``sources`` row, so track records can be learned per source:

- a registry entry matched by name or alias (``Registry.resolve`` on the source words);
- ``unnamed sources via <outlet>`` for unnamed speakers (key ``unnamed-via:<outlet id>``,
  kind ``unnamed_via_outlet``): an outlet's anonymous sources are judged as one record;
- a named person, body or outlet missing from the registry, keyed by its normalised name
  (``name:<normalised>``, kind ``person``, ``organisation`` or ``media``).

Derived rows get a uniform prior (1, 1).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from verifier.analysis.results import Attribution
from verifier.registry import Registry
from verifier.registry import Source as RegistrySource
from verifier.store.columns import LENGTHS
from verifier.store.models import Source as SourceRow
from verifier.store.source_reads import (
    _DETERMINERS,
    _ORGANISATION_WORDS,
    _PRONOUNS,
    _WORD,
    normalise_name,
)
from verifier.store.source_reads import SourceStats as SourceStats
from verifier.store.source_reads import find_outlet as find_outlet
from verifier.store.source_reads import registry_stats as registry_stats

DERIVED_PRIOR = (1.0, 1.0)
DERIVED_NOTE = "not in the registry: uniform prior"
UNNAMED_VIA = "unnamed-via:"
NAME_KEY = "name:"
UNKNOWN_OUTLET = "unknown"

@dataclass(frozen=True, slots=True)
class DerivedSource:
    """A source row that is not a registry entry."""

    key: str
    name: str
    kind: str
    speaker: str


def outlet_source_key(outlet: RegistrySource | None) -> str:
    return outlet.id if outlet is not None else UNKNOWN_OUTLET


def derive_source(
    speaker: str, words: str, outlet: RegistrySource | None
) -> DerivedSource | None:
    """The derived row for a speaker (kind and words) that no registry entry covers (None
    for a bare pronoun, which names nobody)."""
    if speaker in ("unnamed", "unnamed_official"):
        via = outlet.name if outlet is not None else "an unknown outlet"
        return DerivedSource(
            key=f"{UNNAMED_VIA}{outlet_source_key(outlet)}",
            name=f"unnamed sources via {via}",
            kind="unnamed_via_outlet",
            speaker="unnamed",
        )
    name = normalise_name(words)
    if not name or name in _PRONOUNS:
        return None
    if speaker == "media":
        kind = "media"
    elif _looks_like_person(words):
        kind = "person"
    else:
        kind = "organisation"
    display = " ".join(words.split()).strip(" ,.;:")
    return DerivedSource(key=clip("sources", "key", f"{NAME_KEY}{name}"),
                         name=clip("sources", "name", display), kind=kind,
                         speaker=speaker)


def _looks_like_person(words: str) -> bool:
    tokens = [t for t in _WORD.findall(words) if t.lower() not in _DETERMINERS]
    if not 1 <= len(tokens) <= 4:
        return False
    if any(t.lower().strip(".") in _ORGANISATION_WORDS for t in tokens):
        return False
    return all(t[0].isupper() for t in tokens)


def sync_registry(session: Session, registry: Registry) -> dict[str, int]:
    """Insert or update a row per registry entry; returns ``{registry id: row id}``.

    Rows of entries no longer in the registry stay (attributions point at them) but are
    marked ``in_registry = False``.
    """
    existing = {row.key: row for row in session.scalars(select(SourceRow))}
    for entry in registry:
        values = {
            "name": entry.name,
            "kind": entry.kind,
            "speaker": entry.speaker,
            "country": entry.country,
            "url": entry.url,
            "in_registry": True,
            "prior_confirmed": entry.prior.confirmed,
            "prior_refuted": entry.prior.refuted,
            "prior_note": entry.prior.note,
        }
        row = existing.get(entry.id)
        if row is None:
            session.add(SourceRow(key=entry.id, **values))
        else:
            for field, value in values.items():
                if getattr(row, field) != value:
                    setattr(row, field, value)
    gone = [k for k, row in existing.items() if row.in_registry and registry.get(k) is None]
    if gone:
        session.execute(
            update(SourceRow).where(SourceRow.key.in_(gone)).values(in_registry=False)
        )
    session.flush()
    return {
        key: row_id
        for key, row_id in session.execute(
            select(SourceRow.key, SourceRow.id).where(SourceRow.in_registry)
        )
    }


class SourceResolver:
    """Resolves attributions to ``sources`` row ids, creating derived rows on demand.

    Ids of rows created in a transaction that is later rolled back must not be reused: call
    ``keep_pending()`` after a commit and ``forget_pending()`` after a rollback.
    """

    def __init__(self, registry: Registry, registry_ids: dict[str, int]) -> None:
        self.registry = registry
        self._ids: dict[str, int] = dict(registry_ids)
        self._pending: dict[str, int] = {}
        self._resolved: dict[str, str | None] = {}
        self._keys: dict[tuple[str, str, str], DerivedSource | str | None] = {}

    def source_id(
        self, session: Session, attribution: Attribution, outlet: RegistrySource | None
    ) -> int | None:
        """The row id for this attribution's source."""
        return self.source_id_for(session, attribution.speaker, attribution.source.text, outlet)

    def source_id_for(
        self, session: Session, speaker: str, words: str, outlet: RegistrySource | None
    ) -> int | None:
        """The row id for the source a ``speaker`` of kind described by ``words`` is."""
        memo = (speaker, words, outlet_source_key(outlet))
        if memo not in self._keys:
            self._keys[memo] = self._source_key(speaker, words, outlet)
        found = self._keys[memo]
        if found is None:
            return None
        if isinstance(found, str):
            return self._ids[found]
        return self.derived_id(session, found)

    def _source_key(
        self, speaker: str, words: str, outlet: RegistrySource | None
    ) -> DerivedSource | str | None:
        """A registry id (with a row) or the derived source for an attribution."""
        if speaker not in ("unnamed", "unnamed_official"):
            entry_id = self._registry_match(words)
            if entry_id is not None and entry_id in self._ids:
                return entry_id
        return derive_source(speaker, words, outlet)

    def registry_id(self, entry: RegistrySource) -> int | None:
        return self._ids.get(entry.id)

    def derived_id(self, session: Session, derived: DerivedSource) -> int:
        """Get or create the row for a derived source (safe against a concurrent insert)."""
        known = self._ids.get(derived.key) or self._pending.get(derived.key)
        if known is not None:
            return known
        connection = session.connection()
        row_id = connection.scalar(select(SourceRow.id).where(SourceRow.key == derived.key))
        if row_id is None:
            row_id = connection.execute(
                insert(SourceRow).returning(SourceRow.id),
                {
                    "key": derived.key,
                    "name": derived.name,
                    "kind": derived.kind,
                    "speaker": derived.speaker,
                    "in_registry": False,
                    "prior_confirmed": DERIVED_PRIOR[0],
                    "prior_refuted": DERIVED_PRIOR[1],
                    "prior_note": DERIVED_NOTE,
                },
            ).scalar_one()
            self._pending[derived.key] = row_id
        else:
            self._ids[derived.key] = row_id
        return row_id

    def keep_pending(self) -> None:
        self._ids.update(self._pending)
        self._pending.clear()

    def forget_pending(self) -> None:
        self._pending.clear()

    def _registry_match(self, words: str) -> str | None:
        if words not in self._resolved:
            entry = self.registry.resolve(words)
            self._resolved[words] = entry.id if entry is not None else None
        return self._resolved[words]


def clip(table: str, column: str, value: str) -> str:
    """``value`` cut to its column's ``String(n)`` length."""
    limit = LENGTHS[table].get(column)
    return value if limit is None else value[:limit]
