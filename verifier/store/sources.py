"""Sources in the database: registry entries, and rows derived from attributions.

Every attribution resolves to one ``sources`` row, so track records can be learned per source:
a registry entry matched by name or alias, or a row derived from the words, keyed as
``verifier.store.party_keys`` reads them (an outlet's anonymous sources, a named party
missing from the registry, an article's own undescribed "the company"), the parties of an
article read in reading order (``ArticleParties``). Across articles the same registry entry
or the same key is one row, named by its use of the highest kind (``preferred``), whatever
order the articles come in. ``verifier sources rekey`` (``verifier.store.source_rekey``)
keys a database's stored attributions again this way.

Derived rows get a uniform prior (1, 1).
"""

from __future__ import annotations

from collections.abc import Callable, Container, Iterable
from typing import TYPE_CHECKING

from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from verifier.analysis.results import Attribution
from verifier.registry import Registry
from verifier.registry import Source as RegistrySource
from verifier.store.models import Source as SourceRow
from verifier.store.party_keys import (
    UNKNOWN_OUTLET,
    ArticleKey,
    ArticleParties,
    DerivedSource,
    derive_source,
    describes,
    outlet_source_key,
    outranks,
    preferred,
)
from verifier.store.source_reads import SourceStats as SourceStats
from verifier.store.source_reads import find_outlet as find_outlet
from verifier.store.source_reads import registry_stats as registry_stats
from verifier.vocab import ARTICLE_MARK

if TYPE_CHECKING:
    from verifier.store.rows import ArticleRows

DERIVED_PRIOR = (1.0, 1.0)
DERIVED_NOTE = "not in the registry: uniform prior"
#: The columns a derived source is written with (``add_derived`` on SQLite).
DERIVED_COLUMNS = ("id", "key", "name", "kind", "speaker", "in_registry", "prior_confirmed",
                   "prior_refuted", "prior_note")


def sync_registry(session: Session, registry: Registry) -> dict[str, int]:
    """Insert or update a row per registry entry; returns ``{registry id: row id}``.

    Rows of entries no longer in the registry stay (attributions point at them) but are
    marked ``in_registry = False``. New rows go in as one bulk insert (a fresh database
    gets ~700: 0.2 s CPU built as ORM objects one by one, 0.03 s so); existing rows are
    read as plain tuples and only the changed ones are updated. Only the rows this can touch
    are read: those marked in the registry and those of its entries' keys, not the derived
    rows a grown database holds by the ten thousand (44,000 at 50,000 articles).
    """
    columns = [getattr(SourceRow, field) for field in _SYNCED]
    query = select(SourceRow.key, *columns)
    existing = {
        key: dict(zip(_SYNCED, values, strict=True))
        for key, *values in session.execute(query.where(SourceRow.in_registry))
    }
    others = [entry.id for entry in registry if entry.id not in existing]
    for start in range(0, len(others), 900):  # entries marked out of the registry before
        existing.update(
            (key, dict(zip(_SYNCED, values, strict=True)))
            for key, *values in session.execute(
                query.where(SourceRow.key.in_(others[start : start + 900])))
        )
    added: list[dict[str, object]] = []
    for entry in registry:
        values: dict[str, object] = {
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
            added.append({"key": entry.id, **values})
            continue
        changed = {field: value for field, value in values.items() if row[field] != value}
        if changed:
            session.execute(
                update(SourceRow).where(SourceRow.key == entry.id).values(**changed)
            )
    if added:
        session.execute(insert(SourceRow), added)
    gone = [k for k, row in existing.items() if row["in_registry"] and registry.get(k) is None]
    if gone:
        session.execute(
            update(SourceRow).where(SourceRow.key.in_(gone)).values(in_registry=False)
        )
    return {
        key: row_id
        for key, row_id in session.execute(
            select(SourceRow.key, SourceRow.id).where(SourceRow.in_registry)
        )
    }


#: The ``sources`` columns ``sync_registry`` writes from a registry entry.
_SYNCED = (
    "name", "kind", "speaker", "country", "url", "in_registry",
    "prior_confirmed", "prior_refuted", "prior_note",
)


class SourceResolver:
    """Resolves attributions to ``sources`` row ids, creating derived rows on demand.

    Ids of rows created in a transaction that is later rolled back must not be reused: call
    ``keep_pending()`` after a commit and ``forget_pending()`` after a rollback.

    What it remembers is bounded, so an ingest's memory does not grow with the database: the
    derived rows' ids and kinds (``MAX_DERIVED``, forgotten after a commit past it and read
    again from their rows when used, as for a row another process made), the source keys of
    attributions (``MAX_KEYS``: most are an article's own, "a spokesman" there) and registry
    matches (``MAX_MATCHES``), each a pure function of the words and the registry, emptied
    when full.
    """

    MAX_DERIVED = 100_000
    MAX_KEYS = 20_000
    MAX_MATCHES = 50_000

    def __init__(self, registry: Registry, registry_ids: dict[str, int]) -> None:
        self.registry = registry
        self._registry_ids = dict(registry_ids)
        self._ids: dict[str, int] = dict(registry_ids)
        self._pending: dict[str, int] = {}
        self._resolved: dict[str, str | None] = {}
        self._keys: dict[tuple[str, str, str], DerivedSource | str | None] = {}
        #: the kind of each derived row known, so a use of a higher kind renames it
        self._kinds: dict[str, str] = {}

    def source_id(
        self, session: Session, attribution: Attribution, outlet: RegistrySource | None
    ) -> int | None:
        """The row id for this attribution's source."""
        return self.source_id_for(session, attribution.speaker, attribution.source.text, outlet)

    def source_id_for(
        self, session: Session, speaker: str, words: str, outlet: RegistrySource | None,
        article: ArticleKey | None = None,
    ) -> int | None:
        """The row id for the source a ``speaker`` of kind described by ``words`` is
        (``article`` keeps an unknown outlet's anonymous sources to that article)."""
        found = self.source_key(speaker, words, outlet, article)
        if found is None:
            return None
        if isinstance(found, str):
            return self._ids[found]
        return self.derived_id(session, found)

    def source_key(
        self, speaker: str, words: str, outlet: RegistrySource | None,
        article: ArticleKey | None = None,
    ) -> DerivedSource | str | None:
        """What ``source_id_for`` looks up: a registry id with a row, the derived source, or
        None (no one is named). No database."""
        where = outlet_source_key(outlet) if outlet is not None or article is None else (
            f"{UNKNOWN_OUTLET}:{article.key}")
        if article is not None and describes(words):
            where = f"{where}{ARTICLE_MARK}{article.key}"
        memo = (speaker, words, where)
        found = self._keys.get(memo, False)
        if found is False:
            if len(self._keys) >= self.MAX_KEYS:
                self._keys.clear()
            found = self._keys[memo] = self._source_key(speaker, words, outlet, article)
        return found  # type: ignore[return-value]

    def id_of(self, session: Session, found: DerivedSource | str | None) -> int | None:
        """The row id for what ``source_key`` returned."""
        if found is None:
            return None
        if isinstance(found, str):
            return self._ids[found]
        return self.derived_id(session, found)

    def add_derived(self, session: Session, derived: Iterable[DerivedSource]) -> None:
        """Find or create the rows of these derived sources with a few statements (an
        ingest chunk's new anonymous and named sources), so ``derived_id`` knows them. A
        row's name, kind and speaker are those of its use of the highest kind (``preferred``:
        an organisation over an outlet over a person), whichever article came first."""
        wanted: dict[str, DerivedSource] = {}
        for source in derived:
            wanted[source.key] = preferred(wanted.get(source.key), source)
        known = {k: d for k, d in wanted.items() if k in self._ids or k in self._pending}
        for key in known:
            del wanted[key]
        connection = session.connection()
        keys = sorted(wanted)
        for start in range(0, len(keys), 900):
            for key, row_id, kind in connection.execute(
                select(SourceRow.key, SourceRow.id, SourceRow.kind)
                .where(SourceRow.key.in_(keys[start : start + 900]))
            ):
                self._ids[key] = row_id
                self._kinds[key] = kind
                known[key] = wanted.pop(key)
        self._upgrade(session, known.values())
        missing = list(wanted.values())  # in first use order
        if not missing:
            return
        if connection.dialect.name != "sqlite":
            for source in missing:
                self.derived_id(session, source)
            return
        # SQLite: ids given here as SQLite would (the largest plus one); the write
        # transaction is BEGIN IMMEDIATE, so no one else inserts meanwhile
        from verifier.store.sqlite_bulk import insert_rows

        next_id = int(connection.exec_driver_sql(
            "SELECT coalesce(max(id), 0) FROM sources").scalar_one()) + 1
        values: list[object] = []
        for number, source in enumerate(missing, next_id):
            values += (number, source.key, source.name, source.kind, source.speaker, 0,
                       DERIVED_PRIOR[0], DERIVED_PRIOR[1], DERIVED_NOTE)
            self._pending[source.key] = number
            self._kinds[source.key] = source.kind
        insert_rows(connection, "sources", DERIVED_COLUMNS, values)

    def _upgrade(self, session: Session, derived: Iterable[DerivedSource]) -> None:
        """Rename the stored rows these uses outrank (``preferred``): "TC Energy" first kept
        as a person is an organisation once an article reads it as a body."""
        for source in derived:
            kind = self._kinds.get(source.key)
            if kind is not None and outranks(source.kind, kind):
                session.execute(update(SourceRow).where(
                    SourceRow.key == source.key, ~SourceRow.in_registry).values(
                        name=source.name, kind=source.kind, speaker=source.speaker))
                self._kinds[source.key] = source.kind

    def _source_key(
        self, speaker: str, words: str, outlet: RegistrySource | None,
        article: ArticleKey | None,
    ) -> DerivedSource | str | None:
        """A registry id (with a row) or the derived source for an attribution."""
        if speaker not in ("unnamed", "unnamed_official"):
            entry_id = self.registry_match(words)
            if entry_id is not None and entry_id in self._ids:
                return entry_id
        return derive_source(speaker, words, outlet, article)

    def for_article(
        self, outlet: RegistrySource | None, sha256: str, title: str | None,
        path: str | None, text: str | None = None,
    ) -> ArticleSources:
        """Resolves one article's attributions, in reading order, to source row ids
        (``text``: the article's, where "the company" is read back to the company named).
        The article is named as everywhere else (``review.names.article_label``: its title
        whole, else "(untitled) <its file>"), or by its digest when it has neither."""
        from verifier.review.names import article_label

        name = article_label(title, path) if title or path else sha256[:12]
        return ArticleSources(self, outlet, ArticleKey(sha256[:16], name), text)

    def registry_id(self, entry: RegistrySource) -> int | None:
        return self._ids.get(entry.id)

    def derived_id(self, session: Session, derived: DerivedSource) -> int:
        """Get or create the row for a derived source (safe against a concurrent insert)."""
        known = self._ids.get(derived.key) or self._pending.get(derived.key)
        if known is not None:
            self._upgrade(session, [derived])
            return known
        connection = session.connection()
        found = connection.execute(select(SourceRow.id, SourceRow.kind)
                                   .where(SourceRow.key == derived.key)).first()
        if found is not None:
            row_id, kind = found
            self._ids[derived.key], self._kinds[derived.key] = row_id, kind
            self._upgrade(session, [derived])
            return row_id
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
        self._kinds[derived.key] = derived.kind
        return row_id

    def keep_pending(self) -> None:
        self._ids.update(self._pending)
        self._pending.clear()
        if len(self._ids) > len(self._registry_ids) + self.MAX_DERIVED:
            # in place: ``known`` hands this dict out
            self._ids.clear()
            self._ids.update(self._registry_ids)
            self._kinds.clear()

    def forget_pending(self) -> None:
        self._pending.clear()
        self._kinds.clear()  # a rename rolled back: none is known to be stored

    @property
    def known(self) -> dict[str, int]:
        """Row ids by source key, of the rows known to exist."""
        return self._ids

    def registry_match(self, words: str) -> str | None:
        if words not in self._resolved:
            if len(self._resolved) >= self.MAX_MATCHES:
                self._resolved.clear()
            entry = self.registry.resolve(words)
            self._resolved[words] = entry.id if entry is not None else None
        return self._resolved[words]


class ArticleSources:
    """One article's source resolution: its text and its outlet."""

    def __init__(self, resolver: SourceResolver, outlet: RegistrySource | None,
                 article: ArticleKey, text: str | None = None) -> None:
        self.resolver = resolver
        self.outlet = outlet
        self.article = article
        self.text = text

    def lookups(self, rows: ArticleRows) -> tuple[tuple[str, str], ...]:
        """The speaker and words each of the article's attributions is looked up by: those
        its analysis worked out (``rows.lookups``), else ``article_lookups`` now."""
        if rows.lookups is not None:
            return rows.lookups
        return article_lookups(self.resolver.registry_match, self.resolver.known,
                               rows.attribution_parties(), self.text, rows.source_starts())

    def key(self, speaker: str, words: str) -> DerivedSource | str | None:
        """``source_key`` for a looked-up attribution (from ``lookups`` or ``article_lookups``)."""
        return self.resolver.source_key(speaker, words, self.outlet, self.article)


def party_lookup(
    parties: ArticleParties, registry_match: Callable[[str], str | None],
    known: Container[str], speaker: str, words: str, stance: str, start: int | None = None,
) -> tuple[str, str]:
    """The speaker and words an attribution is looked up by: its own words when they name a
    registry entry with a row (the party is still seen in the article), else the party
    ``parties`` resolves them to."""
    if speaker not in ("unnamed", "unnamed_official"):
        entry_id = registry_match(words)
        if entry_id is not None and entry_id in known:
            parties.resolve(speaker, words, stance, start)  # still seen in the article
            return speaker, words
    return parties.resolve(speaker, words, stance, start)


class RegistryMatch:
    """``Registry.resolve``'s entry id for source words, remembered (bounded)."""

    LIMIT = 100_000

    def __init__(self, registry: Registry) -> None:
        self.registry = registry
        self.found: dict[str, str | None] = {}

    def __call__(self, words: str) -> str | None:
        found = self.found.get(words, False)
        if found is False:
            if len(self.found) >= self.LIMIT:
                self.found.clear()
            entry = self.registry.resolve(words)
            found = self.found[words] = entry.id if entry is not None else None
        return found  # type: ignore[return-value]


def article_lookups(
    match: Callable[[str], str | None], known: Container[str],
    attributions: Iterable[tuple[str, str, str]], text: str | None = None,
    starts: Iterable[int] | None = None,
) -> tuple[tuple[str, str], ...]:
    """``party_lookup`` for each of an article's attributions (speaker, words, stance) in
    reading order (``match``: a ``RegistryMatch``; ``known``: the registry ids with rows;
    ``text`` and ``starts``: the article's text and where each source starts in it): the
    text work of resolving sources, done where the article is analysed (ingest's
    worker processes), so the writer only finds ids."""
    items = list(attributions)
    at = list(starts) if starts is not None else [None] * len(items)
    parties = ArticleParties(text)
    parties.foresee(items, at)
    # in reading order: an attribution carried to a later sentence ("the company added")
    # holds the words, and the place, of the first
    order = sorted(range(len(items)), key=lambda n: (at[n] if at[n] is not None else -1, n))
    found: dict[int, tuple[str, str]] = {}
    for n in order:
        speaker, words, stance = items[n]
        found[n] = party_lookup(parties, match, known, speaker, words, stance, at[n])
    return tuple(found[n] for n in range(len(items)))
