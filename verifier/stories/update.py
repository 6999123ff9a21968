"""Grouping new claims into the stored stories, at a cost that does not grow with the database.

``update_stories(session, article_ids)`` runs in the caller's transaction (ingest's: the
chunk it stores, so an article is never stored without its claims grouped). It reads what
ingest stored once and keeps current (``verifier.store.grouping``):

1. the new claims with their terms (tokenised at ingest; older rows are tokenised now);
2. the document frequencies of their terms, grown by the new articles with one upsert, so
   each term weighs by its rarity over every grouped article;
3. each article's own stories (pass 1, ``verifier.stories.article``);
4. the stored stories among the ``CANDIDATE_STORIES`` most recent that share a distinctive
   name with them, found through the ``story_names`` index, with their stored terms and
   what their rows keep of their members (fingerprint, publication span: migration 0017);
5. pass 2 (``verifier.stories.grouping.assign_stored``), then the new and grown stories,
   their memberships, terms and names, and the articles marked grouped.

A database from before this code (stories but no frequencies) is indexed once, on first use.
"""

from __future__ import annotations

from collections import Counter, OrderedDict
from collections.abc import Hashable, Iterable, Sequence
from datetime import datetime
from typing import cast

from sqlalchemy.orm import Session

from verifier.store import grouping as stored
from verifier.store.database import Database
from verifier.stories.grouping import assign_stored
from verifier.stories.reasons import Membership, Why
from verifier.stories.terms import Group, Idf, Item, names_of, pack, unpack, words

#: How many of the most recent stories new claims may join.
CANDIDATE_STORIES = 2000
TITLE_LENGTH = 120
#: Articles grouped per transaction when catching up on ungrouped ones.
REPAIR_BATCH = 256
#: Claims read per statement when indexing an older database.
REBUILD_BATCH = 20_000


def story_title(text: str, *later: str) -> str:
    """A story's title from its claims in order: the first that is no photo caption (a
    picture's label, or a sentence ending in its credit, "... / Yonhap": what a picture
    shows is no lead) and does not open with a pronoun, without the dateline or list marker
    it opens with, cut to ``TITLE_LENGTH``; a story of captions only is titled by them."""
    from verifier.analysis.attribution.plan import ends_in_credit
    from verifier.analysis.dateline import title_text
    from verifier.stories.cues import is_caption

    texts = [t.strip() for t in (text, *later)]
    leads = [t for t in texts if not (is_caption(t) or ends_in_credit(t))]
    text = " ".join(title_text(leads or texts).split())
    if len(text) <= TITLE_LENGTH:
        return text
    cut = text[: TITLE_LENGTH - 1]
    space = cut.rfind(" ")  # at a word's end ("for a Ban Ki-Moon…", not "Ki-Moon v…")
    return (cut[:space] if space > TITLE_LENGTH // 2 else cut).rstrip(" ,;:") + "…"


class GroupingCache:
    """What one ingest process read for grouping and would otherwise read again: stored
    stories' terms (checked against their membership's fingerprint, so a reviewer's move is
    seen) and document frequencies (exact while this process is the only one grouping, and
    dropped whenever the article count shows another did). Bounded, so memory stays flat."""

    MAX_STORIES = 4000
    MAX_TERMS = 300_000

    def __init__(self) -> None:
        self.documents: int | None = None
        self.stories: OrderedDict[int, tuple[tuple[int, int], Counter[str]]] = OrderedDict()
        self.frequency: dict[str, int] = {}
        #: Stored stories' articles (pass 2's ``mutual``), checked against the fingerprint.
        self.articles: OrderedDict[int, tuple[tuple[int, int], frozenset[Hashable]]] = (
            OrderedDict())

    def check(self, documents_before: int | None) -> None:
        """Drop everything unless the article count is what this process left."""
        if documents_before != self.documents:
            self.stories.clear()
            self.frequency.clear()
            self.articles.clear()
        elif len(self.frequency) > self.MAX_TERMS:
            self.frequency.clear()

    def story(self, story_id: int, fingerprint: tuple[int, int]) -> Counter[str] | None:
        found = self.stories.get(story_id)
        if found is None or found[0] != fingerprint:
            return None
        self.stories.move_to_end(story_id)
        return found[1]

    def story_articles(self, story_id: int, fingerprint: tuple[int, int]
                       ) -> frozenset[Hashable] | None:
        found = self.articles.get(story_id)
        return None if found is None or found[0] != fingerprint else found[1]

    def keep_articles(self, story_id: int, fingerprint: tuple[int, int],
                      articles: frozenset[Hashable]) -> None:
        self.articles[story_id] = (fingerprint, articles)
        self.articles.move_to_end(story_id)
        while len(self.articles) > self.MAX_STORIES:
            self.articles.popitem(last=False)

    def keep(self, story_id: int, fingerprint: tuple[int, int], terms: Counter[str]) -> None:
        self.stories[story_id] = (fingerprint, terms)
        self.stories.move_to_end(story_id)
        while len(self.stories) > self.MAX_STORIES:
            self.stories.popitem(last=False)


def update_stories(
    session: Session, article_ids: Iterable[int] | None = None,
    cache: GroupingCache | None = None,
) -> list[int]:
    """Group the claims of ``article_ids`` that no story holds (default: of every article not
    grouped yet, up to ``REPAIR_BATCH``); returns the ids of the stories created or extended.
    Existing memberships never change. ``cache``: an ingest's reads kept between chunks."""
    cache = cache or GroupingCache()
    ensure_index(session)
    ids = (list(article_ids) if article_ids is not None
           else stored.ungrouped_articles(session, REPAIR_BATCH))
    if not ids:
        return []
    claims, fresh = stored.claims_to_group(session, ids)
    by_doc = _items_by_article(session, claims)
    documents = _count_documents(session, by_doc, fresh, cache)
    if not by_doc:
        return []
    return _StoredGrouping(session, cache, by_doc, documents or 1).run()


def _items_by_article(
    session: Session, claims: Sequence[stored.ClaimToGroup]
) -> dict[int, list[Item]]:
    """The claims as grouping items, by article; the terms of claims stored without them
    are worked out and stored now."""
    missing = [(c.id, pack(words(c.text))) for c in claims if c.terms is None]
    stored.set_claim_terms(session, missing)
    computed = dict(missing)
    by_doc: dict[int, list[Item]] = {}
    for c in claims:
        packed = c.terms if c.terms is not None else computed[c.id]
        by_doc.setdefault(c.article_id, []).append(
            Item(c.id, c.article_id, c.position, c.text, c.kinds, c.sources, unpack(packed))
        )
    return by_doc


def _count_documents(
    session: Session, by_doc: dict[int, list[Item]], fresh: set[int], cache: GroupingCache
) -> int:
    """The document frequencies grown by the articles not grouped before (one upsert),
    those articles marked grouped, and the cache checked against the article count;
    returns the number of articles counted."""
    counts: Counter[str] = Counter()
    for article_id, items in by_doc.items():
        if article_id in fresh:
            counts.update({t[2:] for item in items for t in item.words()})
            counts[stored.DOCUMENTS] += 1
    frequency = stored.add_frequencies(session, counts)
    stored.mark_grouped(session, fresh)
    if stored.DOCUMENTS in frequency:
        documents = frequency[stored.DOCUMENTS]
        cache.check(documents - counts[stored.DOCUMENTS])
    else:
        documents = stored.document_count(session) or 0
        cache.check(documents)
    cache.documents = documents
    cache.frequency.update(frequency)
    return documents


class _StoredGrouping:
    """Pass 2 over the stored stories for one batch of articles: what it reads through the
    cache (``stories``, ``prepare``, ``articles``, ``frequencies``), then the new and grown
    stories written (``run``)."""

    def __init__(self, session: Session, cache: GroupingCache,
                 by_doc: dict[int, list[Item]], documents: int) -> None:
        self.session = session
        self.cache = cache
        self.by_doc = by_doc
        self.documents = documents
        self.known = cache.frequency
        self.old_terms: dict[int, Counter[str]] = {}
        self.fingerprints: dict[int, tuple[int, int]] = {}
        self.dates: dict[Hashable, tuple[datetime, datetime]] = {}  # filled in by ``stories``
        self.idf = self.frequencies(
            {t[2:] for items in by_doc.values() for i in items for t in i.words()})

    def fingerprint(self, story_id: int) -> tuple[int, int]:
        """A stored story's member count and claim id sum as read (``(0, 0)``: not read)."""
        return self.fingerprints.get(story_id, (0, 0))

    def frequencies(self, terms: set[str]) -> Idf:
        # not ``terms - known.keys()``: a set minus a dict's keys walks every known term
        known = self.known
        wanted = {t for t in terms if t not in known}
        if wanted:
            known.update(stored.frequencies(self.session, wanted))
        return Idf.from_counts({t: known[t] for t in terms if t in known}, self.documents)

    def postings(self, names: set[str]) -> dict[str, set[int]]:
        return stored.story_postings(self.session, names, CANDIDATE_STORIES)

    def stories(self, ids: Sequence[int]) -> list[Group]:
        """Candidates: their terms read (once per process while unchanged), and the
        frequencies of those terms, with a few statements."""
        session, cache, known = self.session, self.cache, self.known
        kept, spans = stored.story_facts(session, ids)
        self.fingerprints.update(kept)
        unknown = [s for s in ids if cache.story(s, self.fingerprint(s)) is None]
        new_terms: set[str] = set()
        for story_id, packed in stored.stories_terms(session, unknown).items():
            terms = unpack(packed)
            cache.keep(story_id, self.fingerprint(story_id), terms)
            new_terms.update(t[2:] for t in terms)
        wanted = {t for t in new_terms if t not in known}
        if wanted:
            known.update(stored.frequencies(session, wanted))
        self.dates.update(stored.article_dates(session, list(self.by_doc)))
        self.dates.update(spans)
        return [Group(docs={("story", s)}, story=s, held=self.fingerprint(s)[0]) for s in ids]

    def prepare(self, group: Group) -> None:
        story_id = cast(int, group.story)
        terms = self.cache.story(story_id, self.fingerprint(story_id))
        if terms is None:  # evicted since read (a cache smaller than the candidates)
            terms = unpack(stored.stories_terms(self.session, [story_id]).get(story_id))
        self.old_terms[story_id] = terms  # pass 2 adds to the group's own copy
        group.words.update(terms)
        idf = self.idf
        idf.update(self.frequencies({plain for t in terms if (plain := t[2:]) not in idf}))

    def articles(self, ids: Sequence[Hashable]) -> dict[Hashable, frozenset[Hashable]]:
        """Stored stories' articles (kept while their membership is unchanged)."""
        found: dict[Hashable, frozenset[Hashable]] = {}
        wanted: list[int] = []
        for story_id in (cast(int, s) for s in ids):
            known = self.cache.story_articles(story_id, self.fingerprint(story_id))
            if known is None:
                wanted.append(story_id)
            else:
                found[story_id] = known
        for story_id, read in stored.story_articles(self.session, wanted).items():
            found[story_id] = read
            self.cache.keep_articles(story_id, self.fingerprint(story_id), read)
        return found

    def run(self) -> list[int]:
        """Pass 2, then the stories it created or extended written; their ids."""
        items_by_key: dict[Hashable, Item] = {
            i.key: i for items in self.by_doc.values() for i in items}
        grown: list[stored.GrownStory] = []
        kept: list[tuple[int | None, tuple[int, int], Counter[str]]] = []
        placed: dict[Hashable, Why] = {}
        joined: dict[Hashable, Why] = {}
        for group in assign_stored(list(self.by_doc.values()), self.idf, self.postings,
                                   self.stories, self.prepare, placed, joined, self.dates,
                                   self.articles):
            if not group.members:
                continue
            added: Counter[str] = Counter()
            for key in group.members:
                added.update(items_by_key[key].words())
            # stored terms are the members' own (not the headline frames pass 1 adds)
            story_id = cast(int | None, group.story)
            before = self.old_terms.get(story_id, Counter()) if story_id is not None else Counter()
            members = tuple(cast(int, k) for k in group.members)
            size, total = self.fingerprint(story_id) if story_id is not None else (0, 0)
            after = Counter(before)  # ``before + added`` (every count positive), in the same
            after.update(added)  # order, without going through a large story's terms in Python
            kept.append((story_id, (size + len(members), total + sum(members)), after))
            grown.append(stored.GrownStory(
                id=story_id,
                members=members,
                terms=pack(after),
                new_names=tuple(sorted(n for n in names_of(added) if "N:" + n not in before)),
                # (only a new story is written with a title: a stored one keeps its own)
                title=story_title(*(items_by_key[key].text for key in group.members))
                if story_id is None else "",
                reasons=tuple(Membership(placed.get(key), joined.get(key)).dump()
                              for key in group.members),
            ))
        touched = stored.save_grown(self.session, grown)
        for story_id, (_, fingerprint, terms) in zip(touched, kept, strict=True):
            self.cache.keep(story_id, fingerprint, terms)
        return touched


def group_all(database: Database, cache: GroupingCache | None = None) -> tuple[int, int]:
    """Group every claim no story holds, a batch of articles per transaction: the articles
    not grouped yet, then (a full scan) any with a claim whose membership was removed by
    hand. Returns (articles grouped, stories created or extended)."""
    cache = cache or GroupingCache()
    articles = stories = 0
    for find in (stored.ungrouped_articles, stored.articles_with_unstoried_claims):
        while True:
            with database.session_scope() as session:
                stored.lock_writes(session)
                ids = find(session, REPAIR_BATCH)
                if ids:
                    stories += len(update_stories(session, ids, cache))
            if not ids:
                break
            articles += len(ids)
    return articles, stories


def ensure_index(session: Session) -> None:
    """Index a database grouped before frequencies were stored (once)."""
    if stored.document_count(session) is not None or not stored.has_stories(session):
        return
    rebuild_index(session)


def rebuild_index(session: Session) -> None:
    """Recompute claims' terms, document frequencies and stories' terms and names."""
    frequency: Counter[str] = Counter()
    current: int | None = None
    seen: set[str] = set()
    after = 0
    while True:
        rows = stored.grouped_claim_terms(session, after, REBUILD_BATCH)
        if not rows:
            break
        missing = []
        for claim_id, article_id, text, packed in rows:
            if packed is None:
                packed = pack(words(text))
                missing.append((claim_id, packed))
            if article_id != current:
                frequency.update(seen)
                frequency[stored.DOCUMENTS] += 1
                current, seen = article_id, set()
            seen.update(t[2:] for t in unpack(packed))
        stored.set_claim_terms(session, missing)
        after = rows[-1][0]
    frequency.update(seen)
    stored.set_frequencies(session, frequency)
    refresh_story_terms(session, stored.all_story_ids(session))


def refresh_story_terms(session: Session, story_ids: Sequence[int]) -> None:
    """Recompute stories' stored terms and names from their members (after a reviewer's
    move, split or merge)."""
    for start in range(0, len(story_ids), 500):
        batch = story_ids[start : start + 500]
        members = stored.member_terms(session, batch)
        missing = []
        terms: dict[int, tuple[str, Sequence[str]]] = {}
        for story_id, claims in members.items():
            total: Counter[str] = Counter()
            for claim_id, text, packed in claims:
                if packed is None:
                    packed = pack(words(text))
                    missing.append((claim_id, packed))
                total.update(unpack(packed))
            terms[story_id] = (pack(total), sorted(names_of(total)))
        stored.set_claim_terms(session, missing)
        stored.replace_story_terms(session, terms)
