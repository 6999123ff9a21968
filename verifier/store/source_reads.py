"""Reading sources without SQLAlchemy: what scoring needs of a source (``SourceRecord``),
``source_stats`` for ``sources show``, and small lookups (plain SQL through
``verifier.store.reading.Rows``)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, NamedTuple

from verifier.errors import InputError
from verifier.scoring.trackrecord import TrackRecord
from verifier.store.reading import Rows, converter, query_in, rows_of, select_list
from verifier.vocab import Speaker, Stance

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from verifier.registry import Registry
    from verifier.registry import Source as RegistrySource


_WORD = re.compile(r"[\w'’.-]+")


def normalise_name(words: str) -> str:
    """Lower-case words without determiners, honorifics, quotes or trailing punctuation."""
    cleaned = unicodedata.normalize("NFKC", words).replace("’", "'")
    tokens = [t.strip(".,;:'\"") for t in _WORD.findall(cleaned)]
    tokens = [t for t in tokens if t]
    leading = _leading_words()
    while tokens and tokens[0].lower().rstrip(".") in leading:
        tokens.pop(0)
    return " ".join(tokens).lower()


@cache
def _leading_words() -> frozenset[str]:
    """The words a name is keyed without when it opens with them: the classes
    ``determiners`` and ``honorifics`` of ``data/lexicons/source_words.yaml``, read at first
    use (a read that keys no name loads no rules)."""
    from verifier.rules.source_words import source_words

    return source_words("determiners") | source_words("honorifics")


def find_outlet(registry: Registry, value: str) -> RegistrySource:
    """The registry entry an ``--outlet``/front-matter value names: its id, name or alias."""
    wanted = value.strip()
    found = registry.get(wanted) or registry.get(wanted.lower())
    if found is not None:
        return found
    key = normalise_name(wanted)
    for source in registry if key else ():  # "The", "Dr.", ".": no words, no outlet
        if any(normalise_name(name) == key for name in source.names):
            return source
    what = (f"unknown outlet {value!r}: not an id, name or alias in {registry.path}"
            f"{_near_outlet(registry, key)}")
    raise UnknownOutletError(f"{what}; add it with `{_add_command(wanted)}`", wanted, what)


class UnknownOutletError(InputError):
    """An outlet the registry does not know: ``name`` as given, ``what`` the message without
    the command-line hint (the desk links its own form instead). Built from a message alone
    too, as callers that prefix the message do (``type(error)(...)``)."""

    def __init__(self, message: str, name: str = "", what: str | None = None) -> None:
        super().__init__(message)
        self.name = name
        self.what = message if what is None else what


#: Latin letters that no decomposition splits into a base letter and a mark.
_LATIN_LETTERS = str.maketrans({"ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "ł": "l", "đ": "d",
                                "ð": "d", "þ": "th", "ı": "i", "ħ": "h"})


def outlet_id_for(name: str) -> str:
    """A registry id for an outlet by this name ('The Velm Courier' -> 'velm-courier'), its
    accented letters written plain ('Ogres Ziņas' -> 'ogres-zinas', not 'ogres-zi-as').

    A leading determiner or honorific is dropped only when two words or more are left: when
    one is, that word alone would not tell the outlet apart ('A News' -> 'a-news', not
    'news'). Letters with no plain Latin form (another script) are not dropped without a
    trace: the id ends in six hex digits of the name's key, the same for the same name
    every time ('Новости' -> 'outlet-' and those digits; 'Радио Free' -> 'free-' and them),
    so two such names do not come out as one id. Only new entries get ids so: no entry a
    registry has is renamed."""
    import hashlib

    key = normalise_name(name)
    if len(key.split()) < 2:  # "A News": the determiner is the distinguishing word
        key = " ".join(t.strip(".,;:'\"") for t in _WORD.findall(
            unicodedata.normalize("NFKC", name).replace("’", "'"))).lower().strip() or key
    folded = unicodedata.normalize("NFKD", key.translate(_LATIN_LETTERS))
    plain = "".join(c for c in folded if not unicodedata.combining(c)).translate(_SCRIPTS)
    ident = re.sub(r"[^a-z0-9]+", "-", plain).strip("-")
    if any(c.isalnum() and not c.isascii() for c in plain):  # another script's letters
        digest = hashlib.blake2s(key.encode("utf-8"), digest_size=3).hexdigest()
        return f"{ident or 'outlet'}-{digest}"
    return ident or "outlet"


#: Cyrillic and Greek lower-case letters written in Latin ones (after NFKD has split off
#: their marks: 'й' is 'и' and a breve, 'ά' is 'α' and an accent), for ``outlet_id_for``.
_SCRIPTS = str.maketrans({
    **dict(zip("абвгдезиклмнопрстуфыэіґ", "abvgdeziklmnoprstufyeig", strict=True)),
    "ж": "zh", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ь": "",
    "ю": "yu", "я": "ya", "є": "ye",
    **dict(zip("αβγδεζηικλμνξοπρστυφω", "avgdeziiklmnxoprstyfo", strict=True)),
    "θ": "th", "ς": "s", "χ": "ch", "ψ": "ps",
})

_NUMBERS = re.compile(r"[0-9]+")


def _near_outlet(registry: Registry, key: str) -> str:
    """'; did you mean ...?' naming the registry entry whose id, name or alias is a close
    spelling of ``key``, if one is: the same numbers ('12news' is not '1News': a number
    names a different channel or paper) and the same words but for a slip in their letters
    (difflib's ratio >= 0.85)."""
    import difflib

    names: dict[str, RegistrySource] = {}
    for source in registry:
        for name in (*source.names, source.id):
            names.setdefault(normalise_name(name), source)
    numbers = _NUMBERS.findall(key)
    near = difflib.get_close_matches(
        key, sorted(n for n in names if n and _NUMBERS.findall(n) == numbers), n=1,
        cutoff=0.85) if key else []
    if not near:
        return ""
    source = names[near[0]]
    return f"; did you mean {source.name!r} ({source.id})?"


def _add_command(name: str) -> str:
    """The ``sources add`` command that registers an outlet by this name."""
    import shlex

    return (f"verifier sources add {outlet_id_for(name)} --name {shlex.quote(name)} "
            "--kind newspaper")


@dataclass(frozen=True, slots=True)
class SourceStats:
    """A source as ``sources show`` prints it; the counts are None without a database row."""

    key: str
    name: str
    kind: str
    speaker: str
    in_registry: bool
    aliases: tuple[str, ...]
    country: str | None
    url: str | None
    prior_confirmed: float
    prior_refuted: float
    prior_note: str
    attributions: int | None = None
    claims: int | None = None
    articles: int | None = None
    record: TrackRecord | None = None
    #: The articles quoting it (``claims`` are in these); None without a database row.
    quoted_articles: int | None = None

    @property
    def is_outlet(self) -> bool:
        """Whether it publishes: a news organisation, or the outlet of a stored article."""
        return self.speaker == "media" or bool(self.articles)

    def to_dict(self) -> dict[str, object]:
        data = {name: getattr(self, name) for name in self.__slots__}
        data["record"] = self.record.to_dict() if self.record is not None else None
        data["outlet"] = self.is_outlet
        return data


class SourceRecord(NamedTuple):
    """A ``sources`` row as scoring reads it (fields named as the columns)."""

    id: int
    key: str
    name: str
    kind: str
    prior_confirmed: float
    prior_refuted: float


class _SourceRow(NamedTuple):
    id: int
    key: str
    name: str
    kind: str
    speaker: str
    in_registry: bool
    country: str | None
    url: str | None
    prior_confirmed: float
    prior_refuted: float
    prior_note: str


_ROW = converter(_SourceRow, "sources")


def source_records(db: Session | Rows, source_ids: Iterable[int]) -> list[SourceRecord]:
    return [SourceRecord(*row) for row in query_in(
        rows_of(db), f"SELECT {select_list(SourceRecord, 'sources')} FROM sources "
        "WHERE id IN {ids}", set(source_ids))]


def source_row_id(db: Session | Rows, key: str) -> int | None:
    """The ``sources`` row of a registry id or stored key."""
    found = rows_of(db).all("SELECT id FROM sources WHERE key = :key", {"key": key})
    return int(found[0][0]) if found else None


def stored_source_key(db: Session | Rows, value: str) -> str | None:
    """The stored source a reader's words name: its key ("name:afghan taliban"), the name
    it was derived from as reports and stories print it ("Afghan Taliban", "the Afghan
    Taliban") or its exact display name ("unnamed sources via Pakistan Today"), or the
    words of a description keyed per article ("city council": ``name:city council@<article>``);
    None if none does. ``UsageError`` when the display name or the description is several
    sources' (one per article)."""
    from verifier.errors import UsageError
    from verifier.vocab import ARTICLE_MARK, NAME_KEY

    rows = rows_of(db)
    wanted = " ".join(value.split())
    name = normalise_name(wanted)
    for key in dict.fromkeys((wanted, f"{NAME_KEY}{name}" if name else wanted)):
        if rows.all("SELECT id FROM sources WHERE key = :key", {"key": key}):
            return key
    found = [str(r[0]) for r in rows.all(
        "SELECT key FROM sources WHERE lower(name) = :name ORDER BY id LIMIT 6",
        {"name": wanted.lower()})]
    words = normalise_name(wanted.removeprefix(NAME_KEY))
    if not found and words:  # a description keyed per article: "name:city council@<article>"
        prefix = f"{NAME_KEY}{words}{ARTICLE_MARK}"
        like = prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        found = [str(r[0]) for r in rows.all(
            "SELECT key FROM sources WHERE key LIKE :like ESCAPE '\\' ORDER BY id LIMIT 6",
            {"like": like + "%"}) if _ARTICLE_END.fullmatch(str(r[0])[len(prefix):])]
    if len(found) > 1:
        raise UsageError(f"{value!r} names several stored sources ({', '.join(found[:5])}"
                         f"{', ...' if len(found) > 5 else ''}): give one of their keys")
    return found[0] if found else None


#: What follows a described party's words and the article mark in its key: the article.
_ARTICLE_END = re.compile(r"[0-9a-f]{16}")


def source_exists(db: Session | Rows, source_id: int) -> bool:
    return bool(rows_of(db).all("SELECT id FROM sources WHERE id = :id", {"id": source_id}))


def stories_of_source(db: Session | Rows, source_id: int) -> list[int]:
    """Stories with a claim attributed to the source or published by it."""
    from verifier.store.stories import stories_citing

    return sorted(stories_citing(db, [source_id]))


def source_stats(
    db: Session | Rows, key: str, entry: RegistrySource | None = None
) -> SourceStats | None:
    """The stored source ``key`` with how often it is cited and publishes (None if unknown)."""
    from verifier.store.trackrecords import track_records

    rows = rows_of(db)
    found = rows.all(f"SELECT {select_list(_SourceRow, 'sources')} FROM sources "
                     "WHERE key = :key", {"key": key})
    if not found:
        return registry_stats(entry) if entry is not None else None
    row = _ROW(found[0])
    attributions, claims = rows.all(
        "SELECT count(*), count(DISTINCT claim_id) FROM attributions WHERE source_id = :id",
        {"id": row.id})[0]
    articles = rows.all("SELECT count(*) FROM articles WHERE outlet_id = :id", {"id": row.id})
    quoted = rows.all("SELECT count(DISTINCT claims.article_id) FROM attributions JOIN claims "
                      "ON claims.id = attributions.claim_id WHERE attributions.source_id = :id",
                      {"id": row.id})
    return SourceStats(
        key=row.key,
        name=row.name,
        kind=row.kind,
        speaker=row.speaker,
        in_registry=row.in_registry,
        aliases=entry.aliases if entry is not None else (),
        country=row.country,
        url=row.url,
        prior_confirmed=row.prior_confirmed,
        prior_refuted=row.prior_refuted,
        prior_note=row.prior_note,
        attributions=int(attributions),
        claims=int(claims),
        articles=int(articles[0][0]),
        record=track_records(rows, [row.id])[0],
        quoted_articles=int(quoted[0][0]),
    )


def registry_stats(entry: RegistrySource) -> SourceStats:
    """A registry entry as ``SourceStats`` without database counts."""
    return SourceStats(
        key=entry.id,
        name=entry.name,
        kind=entry.kind,
        speaker=entry.speaker,
        in_registry=True,
        aliases=entry.aliases,
        country=entry.country,
        url=entry.url,
        prior_confirmed=entry.prior.confirmed,
        prior_refuted=entry.prior.refuted,
        prior_note=entry.prior.note,
    )


#: A story's most cited named source (by member claims; registry entries before derived
#: ones, then by id). Unnamed sources are left out.
_LEADING_SOURCE = (
    "SELECT sources.key FROM story_claims "
    "JOIN attributions ON attributions.claim_id = story_claims.claim_id "
    "JOIN sources ON sources.id = attributions.source_id "
    "WHERE story_claims.story_id = :story AND sources.key NOT LIKE 'unnamed-via:%' "
    "AND attributions.stance = :asserts "
    "GROUP BY sources.id, sources.key, sources.in_registry "
    "ORDER BY max(CASE WHEN attributions.speaker = :media THEN 0 ELSE 1 END) DESC, "
    "count(DISTINCT story_claims.claim_id) DESC, sources.in_registry DESC, "
    "min(story_claims.claim_id), sources.id LIMIT 1")


def leading_source_key(db: Session | Rows, story_id: int) -> str | None:
    """The key of the named source a story leans on most (``make demo`` shows its track
    record), or None when it cites none: of the sources asserting its claims (one that
    declines to comment vouches for nothing), an on-record party before an outlet (a
    picture's credit, a report relayed), then the one cited in most claims, a registry
    entry before a name, the first cited."""
    found = rows_of(db).all(_LEADING_SOURCE, {
        "story": story_id, "asserts": Stance.ASSERTS.value, "media": Speaker.MEDIA.value})
    return str(found[0][0]) if found else None
