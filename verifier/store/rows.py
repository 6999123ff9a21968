"""An analysed article flattened into the plain values its database rows hold.

``flatten`` turns an ``ArticleAnalysis`` into an ``ArticleRows``: tuples of ints and strings
in the column order of ``claims`` and ``attributions``, without the ids the database assigns.
Ingest flattens each article as soon as it is analysed and keeps only the rows until its
chunk is stored: tuples of plain values drop out of the garbage collector's sight, while a
chunk of analyses (hundreds of thousands of small objects) would be scanned again and again.

The rows are shaped for SQLite's driver, which binds an int or a string several times faster
than a ``None`` or a ``bool``: booleans are 0/1, and a claim row stops after its last
non-empty optional column (see ``CLAIM_COLUMNS``). ``full_claim`` restores the full row.
``ArticleMeta`` (what is known besides the text) and ``SavedArticle`` (what was stored) live
here too. Pure: no database.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from verifier.analysis.results import ArticleAnalysis
from verifier.store.columns import COLUMNS, LENGTHS
from verifier.vocab import UNATTRIBUTED

if TYPE_CHECKING:
    from verifier.registry import Source as RegistrySource
    from verifier.store.sources import SourceResolver

#: Columns of ``ArticleRows.claims`` rows (the table's, from its metadata, less those the
#: store fills): ``claims.id`` and ``claims.article_id`` go in front when stored, ``status``
#: takes its default. A row stops after one of ``CLAIM_ROW_ENDS``: no certainty, a
#: certainty without cue, with its cue, or all (a claim with its grouping terms).
CLAIM_COLUMNS = tuple(c for c in COLUMNS["claims"] if c not in ("id", "article_id", "status"))
CLAIM_ROW_ENDS = ("claim_rule", "certainty_rule", "certainty_end", "terms")
IS_CLAIM = CLAIM_COLUMNS.index("is_claim")
TEXT = CLAIM_COLUMNS.index("text")
#: Claim row lengths, shortest first.
CLAIM_WIDTHS = tuple(CLAIM_COLUMNS.index(end) + 1 for end in CLAIM_ROW_ENDS)
#: Why a source has its kind (``Attribution.reason`` and ``evidence``): the columns an
#: attribution row ends with when the analyser gave either, else it stops after
#: ``carried`` (most rows: nothing more to bind). ``None`` fills the half it lacks.
WHY_COLUMNS = ("reason", "evidence_text", "evidence_start", "evidence_end")
#: Columns of ``ArticleRows.attributions`` rows after the number of the claim row they
#: belong to; ``attributions.claim_id`` goes in front and ``source_id`` at the end when
#: stored. A row may go on with ``WHY_COLUMNS`` (see there).
ATTRIBUTION_COLUMNS = tuple(
    c for c in COLUMNS["attributions"]
    if c not in ("id", "claim_id", "source_id", *WHY_COLUMNS)
)
#: Length of an attribution row (claim row number first) without its why.
ATTRIBUTION_WIDTH = 1 + len(ATTRIBUTION_COLUMNS)
#: Where an attribution row (claim row number first) holds the speaker, the stance and the
#: source words.
SPEAKER = 1 + ATTRIBUTION_COLUMNS.index("speaker")
STANCE = 1 + ATTRIBUTION_COLUMNS.index("stance")
SOURCE_TEXT = 1 + ATTRIBUTION_COLUMNS.index("source_text")
SOURCE_START = 1 + ATTRIBUTION_COLUMNS.index("source_start")
#: ``String(n)`` lengths values are cut to (from the tables' metadata).
RULE = LENGTHS["claims"]["claim_rule"]
CERTAINTY_RULE = LENGTHS["claims"]["certainty_rule"]
CUE = LENGTHS["claims"]["certainty_cue"]
SOURCE_WORDS = LENGTHS["attributions"]["source_text"]
CUE_WORDS = LENGTHS["attributions"]["cue_text"]
ATTRIBUTION_RULE = LENGTHS["attributions"]["rule"]
REASON = LENGTHS["attributions"]["reason"]
EVIDENCE_WORDS = LENGTHS["attributions"]["evidence_text"]


@dataclass(frozen=True, slots=True)
class ArticleRows:
    """An article's text and the rows of its claims and attributions, ready to insert.

    ``claims`` rows follow ``CLAIM_COLUMNS`` (shortened, see there); ``attributions`` rows
    are ``(claim row number, *ATTRIBUTION_COLUMNS)``, followed by ``WHY_COLUMNS`` when the
    analyser said why the source has its kind.
    """

    text: str
    sha256: str
    word_count: int
    claims: tuple[tuple[Any, ...], ...]
    attributions: tuple[tuple[Any, ...], ...]
    kinds: dict[str, int]
    claim_count: int
    signature: bytes | None = None
    #: Per attribution, the (speaker, words) its source is looked up by, when worked out
    #: already (``verifier.store.sources.article_lookups``).
    lookups: tuple[tuple[str, str], ...] | None = None
    #: The grouping cues of its claims read ahead, by text (``verifier.stories.cues.read_ahead``:
    #: in an analysis worker process, so the writer only looks them up), when read.
    cues: dict[str, tuple[Any, ...]] | None = None

    def attribution_parties(self) -> list[tuple[str, str, str]]:
        """Each attribution's speaker, source words and stance, as stored."""
        return [(a[SPEAKER], a[SOURCE_TEXT], a[STANCE]) for a in self.attributions]

    def source_starts(self) -> list[int]:
        """Where each attribution's source words start in the text."""
        return [a[SOURCE_START] for a in self.attributions]

    def claim_texts(self) -> list[str]:
        """The texts of its claims (the sentences that are claims)."""
        return [c[TEXT] for c in self.claims if c[IS_CLAIM]]


@dataclass(frozen=True, slots=True)
class ArticleMeta:
    """What is known about an article besides its text."""

    title: str | None = None
    outlet: RegistrySource | None = None
    url: str | None = None
    byline: str | None = None
    published: datetime | None = None
    path: str | None = None


@dataclass(frozen=True, slots=True)
class SavedArticle:
    """What ``save_article`` stored: the new id, sentence, claim and word counts, and claims
    by sourcing kind."""

    id: int
    sentences: int
    claims: int
    kinds: dict[str, int]
    words: int = 0


def text_sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def flatten(
    analysis: ArticleAnalysis,
    sha256: str | None = None,
    *,
    terms: Callable[[str], str] | None = None,
    signature: bytes | None = None,
) -> ArticleRows:
    """The rows of an analysed article, and its claims counted by sourcing kind (``sha256``:
    the text's digest, when the caller has it already; ``terms``: a claim's grouping terms,
    packed, from its text; ``signature``: the text's MinHash)."""
    kinds: dict[str, int] = {}
    claims: list[tuple[Any, ...]] = []
    attributions: list[tuple[Any, ...]] = []
    claim_count = 0
    for row, sentence in enumerate(analysis.sentences):
        certainty = sentence.certainty
        if terms is not None and sentence.claim:
            cue = certainty.cue if certainty is not None else None
            claims.append((
                sentence.index, sentence.start, sentence.end, sentence.text, 1,
                sentence.claim_rule[:RULE],
                certainty.value if certainty is not None else None,
                certainty.rule[:CERTAINTY_RULE] if certainty is not None else None,
                cue.text[:CUE] if cue is not None else None,
                cue.start if cue is not None else None,
                cue.end if cue is not None else None,
                terms(sentence.text),
            ))
        elif certainty is None:
            claims.append((sentence.index, sentence.start, sentence.end, sentence.text,
                           1 if sentence.claim else 0, sentence.claim_rule[:RULE]))
        elif (cue := certainty.cue) is None:
            claims.append((sentence.index, sentence.start, sentence.end, sentence.text,
                           1 if sentence.claim else 0, sentence.claim_rule[:RULE],
                           certainty.value, certainty.rule[:CERTAINTY_RULE]))
        else:
            claims.append((sentence.index, sentence.start, sentence.end, sentence.text,
                           1 if sentence.claim else 0, sentence.claim_rule[:RULE],
                           certainty.value, certainty.rule[:CERTAINTY_RULE], cue.text[:CUE],
                           cue.start, cue.end))
        found: set[str] = set()
        for position, a in enumerate(sentence.attributions):
            kind: str = a.kind
            found.add(kind)
            source, said, shown = a.source, a.cue, a.evidence
            if shown is None and not a.reason:
                attributions.append((
                    row, position, kind, a.speaker, a.stance, source.text[:SOURCE_WORDS],
                    source.start, source.end, said.text[:CUE_WORDS], said.start, said.end,
                    a.rule[:ATTRIBUTION_RULE], 1 if a.carried else 0,
                ))
            else:
                attributions.append((
                    row, position, kind, a.speaker, a.stance, source.text[:SOURCE_WORDS],
                    source.start, source.end, said.text[:CUE_WORDS], said.start, said.end,
                    a.rule[:ATTRIBUTION_RULE], 1 if a.carried else 0,
                    a.reason[:REASON] or None,
                    *((None, None, None) if shown is None else
                      (shown.text[:EVIDENCE_WORDS], shown.start, shown.end)),
                ))
        if sentence.claim:
            claim_count += 1
            for kind in found or (UNATTRIBUTED,):
                kinds[kind] = kinds.get(kind, 0) + 1
    text = analysis.text
    return ArticleRows(
        text=text,
        sha256=sha256 or text_sha256(text),
        word_count=len(text.split()),
        claims=tuple(claims),
        attributions=tuple(attributions),
        kinds=kinds,
        claim_count=claim_count,
        signature=signature,
    )


def full_claim(row: tuple[Any, ...]) -> tuple[Any, ...]:
    """A claim row with every ``CLAIM_COLUMNS`` value (``None`` for what it lacks) and
    ``is_claim`` as a bool, for drivers that want them so."""
    padding = (None,) * (len(CLAIM_COLUMNS) - len(row))
    return (*row[:IS_CLAIM], bool(row[IS_CLAIM]), *row[IS_CLAIM + 1 :], *padding)


def article_outlet(
    meta: ArticleMeta, sources: SourceResolver
) -> tuple[int | None, str | None]:
    """The article's ``outlet_id`` and ``outlet`` (name) columns."""
    if meta.outlet is None:
        return None, None
    return sources.registry_id(meta.outlet), meta.outlet.name


def saved_article(article_id: int, rows: ArticleRows) -> SavedArticle:
    """What storing ``rows`` as article ``article_id`` amounts to."""
    return SavedArticle(id=article_id, sentences=len(rows.claims), claims=rows.claim_count,
                        kinds=rows.kinds, words=rows.word_count)
