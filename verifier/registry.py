"""The source registry: ``sources.yaml`` loaded into validated ``Source`` entries.

The registry lists outlets and institutions with their aliases and a reliability prior
(Beta pseudo-counts of confirmed and refuted claims). ``Registry.resolve`` maps the words an
attribution uses ("Cheong Wa Dae", "South Korea's presidential office") to one entry.
Validation errors name the file, the entry and the field.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

from verifier.errors import ConfigError
from verifier.parsecache import read_yaml_cached

#: Registry kinds and the speaker kind an entry has when it speaks for itself.
SOURCE_KINDS: dict[str, str] = {
    "news_agency": "media",
    "newspaper": "media",
    "broadcaster": "media",
    "magazine": "media",
    "news_website": "media",
    "government_office": "official",
    "government_agency": "official",
    "ministry": "official",
    "government": "official",
    "legislature": "official",
    "intergovernmental_body": "official",
    "central_bank": "official",
    "regulator": "official",
    "exchange": "official",
    "military": "official",
    "company": "official",
    "sports_body": "official",
    "research_body": "named",
    "think_tank": "named",
    "ngo": "named",
    "association": "named",
    "data_provider": "named",
}

#: The largest prior count accepted: a prior worth more than a million reviews is a typo.
MAX_PRIOR = 1e6
_FIELDS = {"id", "name", "kind", "aliases", "country", "url", "prior"}
_ID = re.compile(r"^[a-z0-9][a-z0-9_.-]*$")


@dataclass(frozen=True, slots=True)
class Prior:
    """Beta pseudo-counts for how often this source's claims turn out confirmed or refuted."""

    confirmed: float
    refuted: float
    note: str

    @property
    def mean(self) -> float:
        return self.confirmed / (self.confirmed + self.refuted)


@dataclass(frozen=True, slots=True)
class Source:
    """One registry entry."""

    id: str
    name: str
    kind: str
    aliases: tuple[str, ...]
    country: str | None
    url: str | None
    prior: Prior

    @property
    def speaker(self) -> str:
        """The attribution kind this source has when it speaks for itself."""
        return SOURCE_KINDS[self.kind]

    @property
    def is_media(self) -> bool:
        return self.speaker == "media"

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


class Registry:
    """Validated registry entries with name and alias resolution."""

    def __init__(self, sources: Iterable[Source], path: str = "<memory>") -> None:
        self.path = path
        self.sources: tuple[Source, ...] = tuple(sources)
        self._by_id = {s.id: s for s in self.sources}

    def __iter__(self) -> Iterator[Source]:
        return iter(self.sources)

    def __len__(self) -> int:
        return len(self.sources)

    def get(self, source_id: str) -> Source | None:
        return self._by_id.get(source_id)

    def page(self, kind: str | None, limit: int, offset: int = 0) -> tuple[list[Source], int]:
        """At most ``limit`` entries (of ``kind``, if given) from the ``offset``-th, in file
        order, and how many there are in all: what ``sources list`` shows, not a copy of
        every entry (1,315 once ``--add-outlets`` has read a few hundred texts)."""
        if kind is None:
            return list(self.sources[offset : offset + limit]), len(self.sources)
        page: list[Source] = []
        total = 0
        for source in self.sources:
            if source.kind != kind:
                continue
            if offset <= total < offset + limit:
                page.append(source)
            total += 1
        return page, total

    @cached_property
    def _alias_index(self) -> tuple[re.Pattern[str], dict[str, Source]]:
        """One alternation over every name, longest first, matched on word boundaries.

        Names of up to five capitals (AP, AFP, KCNA) match only in capitals; a news name's
        capitalised words keep their capital ("The National", "The Star": "the national
        media" names no outlet, as ``find_names`` has it); other names match regardless of
        case and of straight versus curly apostrophes.
        """
        table: dict[str, Source] = {}
        for source in self.sources:
            for name in source.names:
                table.setdefault(_normalise(name), source)
        parts = []
        for key in sorted(table, key=len, reverse=True):
            is_acronym = len(key) <= 5 and key.replace(".", "").isupper()
            if is_acronym:
                parts.append(re.escape(key))
            elif table[key].is_media:
                parts.append(_cased_name(key))
            else:
                parts.append(f"(?i:{_apostrophes(re.escape(key))})")
        pattern = re.compile(r"(?<![\w])(?:" + ("|".join(parts) or "(?!)") + r")(?![\w])")
        lowered = {k.lower(): v for k, v in table.items()}
        lowered.update(table)
        return pattern, lowered

    def find(self, text: str) -> Iterator[tuple[Source, int, int]]:
        """Every registry name in ``text``, left to right, as (source, start, end)."""
        pattern, table = self._alias_index
        for match in pattern.finditer(text):
            key = _normalise(match.group(0))
            source = table.get(key) or table.get(key.lower())
            if source is not None:
                yield source, match.start(), match.end()

    def resolve(self, text: str) -> Source | None:
        """The entry named in ``text`` (the longest name wins), or None."""
        best: tuple[int, Source] | None = None
        for source, start, end in self.find(text):
            if best is None or end - start > best[0]:
                best = (end - start, source)
        return best[1] if best else None


def _cased_name(name: str) -> str:
    """A pattern for a news name whose capitalised words keep their first capital (a
    leading "The" may be either), the rest of it matched regardless of case."""
    words = []
    for n, word in enumerate(name.split(" ")):
        if word[:1].isupper() and not (n == 0 and word == "The"):
            words.append(f"{re.escape(word[0])}(?i:{_apostrophes(re.escape(word[1:]))})")
        else:
            words.append(f"(?i:{_apostrophes(re.escape(word))})")
    return r"\ ".join(words)


def _apostrophes(pattern: str) -> str:
    """An escaped name's apostrophes matched straight or curly."""
    return pattern.replace("'", "['’]")


def _normalise(name: str) -> str:
    return " ".join(name.replace("’", "'").split())


def load_registry(path: Path) -> Registry:
    """Read and validate a registry file; raises ``ConfigError`` naming file, entry and field."""
    raw = read_yaml_cached(path, "source registry")
    return parse_registry(raw, str(path))


def parse_registry(raw: Any, path: str) -> Registry:
    """Validate the parsed YAML of a registry file."""
    if not isinstance(raw, dict) or not isinstance(raw.get("sources"), list):
        raise ConfigError(f"{path}: expected a mapping with a 'sources' list")
    unknown_sections = sorted(str(key) for key in raw if key != "sources")
    if unknown_sections:
        raise ConfigError(f"{path}: unknown section {unknown_sections[0]!r} (a registry holds "
                          "only 'sources')")
    sources: list[Source] = []
    seen_ids: set[str] = set()
    seen_names: dict[str, str] = {}
    for number, entry in enumerate(raw["sources"], start=1):
        source = _parse_entry(entry, f"{path}: entry {number}")
        where = f"{path}: entry {number} ({source.id})"
        if source.id in seen_ids:
            raise ConfigError(f"{where}: field 'id': duplicate id")
        seen_ids.add(source.id)
        for name in source.names:
            key = _normalise(name).lower()
            if key in seen_names and seen_names[key] != source.id:
                raise ConfigError(
                    f"{where}: field 'aliases': {name!r} is already a name of {seen_names[key]!r}"
                )
            seen_names[key] = source.id
        sources.append(source)
    return Registry(sources, path)


def valid_id(ident: str) -> bool:
    """Whether ``ident`` can be a registry id (lower-case letters, digits, _ - .)."""
    return bool(_ID.match(ident))


def _parse_entry(entry: Any, where: str) -> Source:
    if not isinstance(entry, dict):
        raise ConfigError(f"{where}: expected a mapping")
    sid = entry.get("id")
    if not isinstance(sid, str) or not _ID.match(sid):
        raise ConfigError(f"{where}: field 'id': required; lower-case letters, digits, _ - .")
    where = f"{where} ({sid})"
    unknown = set(entry) - _FIELDS
    if unknown:
        raise ConfigError(f"{where}: unknown field {sorted(unknown)[0]!r}")
    name = _text(entry, "name", where, required=True)
    kind = entry.get("kind")
    if kind not in SOURCE_KINDS:
        raise ConfigError(
            f"{where}: field 'kind': "
            + ("required: " if kind is None else f"{kind!r} is not ") + "one of "
            + ", ".join(sorted(SOURCE_KINDS)))
    aliases = entry.get("aliases", [])
    if not isinstance(aliases, list) or not all(isinstance(a, str) and a.strip() for a in aliases):
        raise ConfigError(f"{where}: field 'aliases': expected a list of names")
    prior = entry.get("prior")
    if not isinstance(prior, dict):
        raise ConfigError(f"{where}: field 'prior': required mapping with confirmed, refuted, note")
    unknown_prior = set(prior) - {"confirmed", "refuted", "note"}
    if unknown_prior:
        raise ConfigError(f"{where}: field 'prior': unknown key {sorted(unknown_prior)[0]!r}")
    counts = []
    for field in ("confirmed", "refuted"):
        value = prior.get(field)
        if (isinstance(value, bool) or not isinstance(value, int | float)
                or not math.isfinite(value) or not 0 < value <= MAX_PRIOR):
            raise ConfigError(
                f"{where}: field 'prior.{field}': {value!r} is not a number above 0 and at "
                f"most {MAX_PRIOR:g}"
            )
        counts.append(float(value))
    note = prior.get("note")
    if not isinstance(note, str) or not note.strip():
        raise ConfigError(f"{where}: field 'prior.note': say where the prior comes from")
    return Source(
        id=sid,
        name=name or sid,
        kind=kind,
        aliases=tuple(aliases),
        country=_text(entry, "country", where),
        url=_url(entry, where),
        prior=Prior(counts[0], counts[1], note.strip()),
    )


def _url(entry: dict[str, Any], where: str) -> str | None:
    from verifier.templating import http_url
    from verifier.textsafe import not_http_url

    url = _text(entry, "url", where)
    if url is not None and http_url(url) is None:
        raise ConfigError(f"{where}: " + not_http_url("field 'url':", url))
    return url


def _text(entry: dict[str, Any], field: str, where: str, *, required: bool = False) -> str | None:
    value = entry.get(field)
    if value is None and not required:
        return None
    if not isinstance(value, str) or not value.strip():
        raise ConfigError(f"{where}: field {field!r}: expected text")
    return value.strip()
