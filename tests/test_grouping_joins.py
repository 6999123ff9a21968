"""Pass 2 of grouping (one event's stories joined across articles): publication dates, an
article's stories kept apart."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import select

from verifier.registry import Registry
from verifier.store.database import open_database
from verifier.store.models import Claim, StoryClaim
from verifier.stories.grouping import (
    Group,
    Item,
    _Index,
    _merge,
    corpus_idf,
    group,
    group_article,
    merge_into,
    spans,
)
from verifier.stories.params import grouping_params, overriding, with_changes
from verifier.stories.reasons import Number, Why, load
from verifier.stories.replay import ingest_labelled

# Two reports of one resignation, and a filler article so that the names are rare.
FIRST = [
    "Harbour minister Dora Velkic resigns over Brantmoor ferry contract",
    "Dora Velkic resigned as harbour minister on Monday over the Brantmoor ferry contract, "
    "her office said.",
]
SECOND = [
    "Velkic quits harbour ministry over Brantmoor ferries",
    "Harbour minister Dora Velkic has resigned over the Brantmoor ferry contract.",
    "Velkic signed the contract with Kestrel Lines of Osterby in 2019.",
]
FILLER = [
    "Orlen Valley farmers report a record apple harvest",
    "Farmers in the Orlen Valley picked a record apple harvest this autumn, their union said.",
]


def _items(doc: str, sentences: list[str]) -> list[Item]:
    return [Item((doc, i), doc, i, text) for i, text in enumerate(sentences)]


def _fillers(count: int) -> list[Item]:
    """``count`` one-line articles about other things, so that the tests' names are rare."""
    return [item for n in range(count) for item in _items(
        f"f{n}", [f"Farmers of Orlen{n}vale report record harvest number {100 + n}"])]


def _corpus() -> list[Item]:
    return _items("a", FIRST) + _items("b", SECOND) + _items("c", FILLER)


def _joined(stories: list[list[object]]) -> bool:
    return any(("a", 1) in s and ("b", 1) in s for s in stories)


def test_one_event_reported_twice_is_one_story() -> None:
    assert _joined(group(_corpus()))


def test_reports_published_further_apart_than_weeks_never_join() -> None:
    day = datetime(2024, 3, 4, tzinfo=UTC)
    near = {"a": day, "b": datetime(2024, 3, 6, tzinfo=UTC)}
    far = {"a": day, "b": datetime(2025, 3, 6, tzinfo=UTC)}
    assert _joined(group(_corpus(), near))
    assert not _joined(group(_corpus(), far))
    assert _joined(group(_corpus(), {"a": day}))  # a date unknown: no gate
    nine_months = {"a": day, "b": datetime(2024, 12, 4, tzinfo=UTC)}
    assert not _joined(group(_corpus(), nine_months))
    with overriding(with_changes(grouping_params(), {"merge.weeks": 50})):
        assert _joined(group(_corpus(), nine_months))


def _story(items: list[Item]) -> Group:
    found = Group()
    for item in items:
        found.add(item, item.words())
    return found


#: A second story of article b, told apart from its first by pass 1.
AGAIN = Item(("b", 3), "b", 3, "Kestrel Lines of Osterby will keep running the Brantmoor "
             "ferries, its owner said.")


def _merged(again: Item = AGAIN) -> list[Group]:
    idf = corpus_idf([*_corpus(), again])
    return merge_into([_story(_items("b", SECOND)), _story([again])],
                      [_story(_items("a", FIRST)), _story(_items("c", FILLER))], idf)


def test_an_articles_second_story_does_not_join_a_story_holding_its_first() -> None:
    """Pass 1 told the article's two stories apart: the second joins the story its first
    joined only when it shares more with the other article's part than with its own
    (``merge.again``)."""
    stories = _merged()
    assert [s.members for s in stories] == [[("a", 0), ("a", 1), ("b", 0), ("b", 1), ("b", 2)],
                                            [("c", 0), ("c", 1)], [("b", 3)]]
    with overriding(with_changes(grouping_params(), {"merge.again": 0.0})):
        stories = _merged()
    assert stories[0].members == [("a", 0), ("a", 1), ("b", 0), ("b", 1), ("b", 2), ("b", 3)]


def test_ingest_reads_publication_dates_for_the_gate(
    sqlite_url: str, registry: Registry, tmp_path: Path
) -> None:
    paths = {}
    for doc, sentences in (("a", FIRST), ("b", SECOND), ("c", FILLER)):
        paths[doc] = tmp_path / f"{doc}.txt"
        paths[doc].write_text(sentences[0] + "\n\n" + " ".join(sentences[1:]) + "\n",
                              encoding="utf-8")
    for when, together in ((datetime(2024, 3, 6, tzinfo=UTC), True),
                           (datetime(2025, 6, 6, tzinfo=UTC), False)):
        url = sqlite_url.replace(".db", f"-{when.year}.db")
        with open_database(url) as database:
            article = ingest_labelled(database, paths, registry,
                                      {"a": datetime(2024, 3, 4, tzinfo=UTC), "b": when})
            with database.session_scope(write=False) as session:
                stories = {
                    article_id: set(session.scalars(
                        select(StoryClaim.story_id).join(Claim, Claim.id == StoryClaim.claim_id)
                        .where(Claim.article_id == article_id)))
                    for article_id in (article["a"], article["b"])}
            assert bool(stories[article["a"]] & stories[article["b"]]) is together


def test_a_piece_pass_1_split_off_still_joins_its_story() -> None:
    """Closer to what the other article told than to its own article's story there: one
    event's piece, which joins."""
    piece = Item(("b", 3), "b", 3, "Dora Velkic resigned on Monday, her office said.")
    assert _merged(piece)[0].members == [("a", 0), ("a", 1), ("b", 0), ("b", 1), ("b", 2),
                                         ("b", 3)]


def test_names_more_articles_use_tie_only_stories_published_close_together() -> None:
    """A name a third article uses as well is distinctive (``dated_share``) only between two
    stories whose publication dates are known and near."""
    fillers = _fillers(22)
    elsewhere = _items("d", ["Dora Velkic opened the Brantmoor bridge in 2019."])
    corpus = _items("a", FIRST) + _items("b", SECOND) + elsewhere + fillers
    day = datetime(2024, 3, 4, tzinfo=UTC)
    dates = {"a": day, "b": datetime(2024, 3, 5, tzinfo=UTC), "d": datetime(2019, 5, 1, tzinfo=UTC)}
    assert _joined(group(corpus, dates))
    assert not _joined(group(corpus))
    with overriding(with_changes(grouping_params(), {"merge.dated_share": 0.05,
                                                     "merge.near_days": 0})):
        assert not _joined(group(corpus, dates))


def test_a_piece_that_joined_nothing_joins_the_story_the_other_article_told_it_in() -> None:
    """A piece of article b that joins no story on its own (it shares more with b's part of
    the story than with a's, and names too little) joins the story b's other piece joined
    when what article a told of it holds most of its weight (``merge.glue``); a piece about
    something a did not tell (``AGAIN``: the ferry operator) stays apart."""
    piece = Item(("b", 3), "b", 3, "Velkic resigned as minister on Monday, her office said.")
    everything = [("a", 0), ("a", 1), ("b", 0), ("b", 1), ("b", 2), ("b", 3)]
    assert _merged(piece)[0].members == everything
    assert [s.members for s in _merged()][-1] == [("b", 3)]
    with overriding(with_changes(grouping_params(), {"merge.glue": 2.0})):
        assert [s.members for s in _merged(piece)][-1] == [("b", 3)]


def _topical(days_apart: int) -> tuple[list[Item], dict[str, datetime]]:
    """A desk's corpus that follows one minister: four older articles use her name and the
    ferry company's, so at ``dated_share`` neither is distinctive any more; the two reports
    of her resignation are ``days_apart``."""
    older = [_items(f"d{n}", [f"Dora Velkic visited the Brantmoor yard on visit number {n}."])
             for n in range(4)]
    fillers = _fillers(12)
    corpus = _items("a", FIRST) + _items("b", SECOND) + [i for d in older for i in d] + fillers
    day = datetime(2024, 3, 4, tzinfo=UTC)
    dates = {"a": day, "b": datetime(2024, 3, 4 + days_apart, tzinfo=UTC),
             **{f"d{n}": datetime(2023, 1 + n, 2, tzinfo=UTC) for n in range(4)}}
    return corpus, dates


def test_names_a_topical_corpus_uses_still_tie_reports_of_the_same_days() -> None:
    """Names that more than ``dated_share`` of the documents use (a desk that follows one
    minister) tie two stories published within ``near_days`` of each other, up to
    ``near_share`` of the documents; a week apart they do not, nor with ``near_days`` 0."""
    corpus, dates = _topical(1)
    assert _joined(group(corpus, dates))
    corpus, far = _topical(8)
    assert not _joined(group(corpus, far))
    with overriding(with_changes(grouping_params(), {"merge.near_days": 0})):
        assert not _joined(group(corpus, dates))
    with overriding(with_changes(grouping_params(), {"merge.near_share": 0.12})):
        assert not _joined(group(corpus, dates))


def test_a_join_that_rests_on_the_near_floor_says_so() -> None:
    """The join's reason gives the days between the publications against ``near_days``."""
    corpus, dates = _topical(1)
    by_doc: dict[object, list[Item]] = {}
    for item in corpus:
        by_doc.setdefault(item.doc, []).append(item)
    idf = corpus_idf(corpus)
    joins: dict[object, Why] = {}
    index = _Index([], idf, dates=spans(dates))
    for doc_items in by_doc.values():
        _merge(group_article(doc_items, idf), index, joins=joins)
    why = joins[("b", 1)]
    days = next(n for n in why.numbers if n.name == "days")
    assert (days.value, days.op, days.threshold) == (1.0, "<=", "near_days")
    assert "days between their publications 1 <= near_days 3" in why.describe()


def _articles(folder: Path, texts: dict[str, list[str]]) -> dict[str, Path]:
    """Each document's sentences as an article file: the first its headline, the rest one
    paragraph."""
    paths = {}
    for doc, sentences in texts.items():
        paths[doc] = folder / f"{doc}.txt"
        paths[doc].write_text(sentences[0] + "\n\n" + " ".join(sentences[1:]) + "\n",
                              encoding="utf-8")
    return paths


def _ingested_pair(sqlite_url: str, registry: Registry, tmp_path: Path,
                   corpus: list[Item], dates: dict[str, datetime]
                   ) -> tuple[dict[str, int], bool, list[Why]]:
    """Ingest a two-article corpus (articles "a" and "b"): the articles' ids, whether they
    share a story, and the merges the stored reasons of b's claims record."""
    by_doc: dict[str, list[str]] = {}
    for item in corpus:
        by_doc.setdefault(str(item.doc), []).append(item.text)
    paths = _articles(tmp_path, by_doc)
    with open_database(sqlite_url) as database:
        article = ingest_labelled(database, paths, registry, dates)
        with database.session_scope(write=False) as session:
            rows = session.execute(
                select(Claim.article_id, StoryClaim.story_id, StoryClaim.reason)
                .join(Claim, Claim.id == StoryClaim.claim_id)
                .where(Claim.article_id.in_([article["a"], article["b"]]))).all()
    stories = {a: {s for a2, s, _ in rows if a2 == a} for a in (article["a"], article["b"])}
    joined = [load(r) for a, _, r in rows if a == article["b"]]
    merges = [why.merge for why in joined if why is not None and why.merge is not None]
    return article, bool(stories[article["a"]] & stories[article["b"]]), merges


def test_ingest_ties_a_topical_corpus_s_reports_of_one_news_cycle(
    sqlite_url: str, registry: Registry, tmp_path: Path
) -> None:
    """Ingest (stored stories, dates from the articles) joins the two reports a day apart
    on names the older articles use too, and the joined claims' reason gives the days."""
    corpus, dates = _topical(1)
    _, shared, merges = _ingested_pair(sqlite_url, registry, tmp_path, corpus, dates)
    assert shared
    assert merges and any(n.name == "days" and n.threshold == "near_days"
                          for merge in merges for n in merge.numbers)


# Two reports of one resignation that name one party only ("Velkic"), a day apart or not.
ONE_NAME_A = [
    "The harbour minister, Velkic, resigns over the ferry contract",
    "On Monday the harbour minister, Velkic, resigned over the ferry contract, her office said.",
    "Auditors said the ferry contract was signed by Velkic without a tender.",
]
ONE_NAME_B = [
    "Ferry contract row: harbour minister quits",
    "The harbour minister, Velkic, quit on Monday over the ferry contract, officials said.",
    "Calls for the harbour minister to quit grew after auditors faulted the ferry contract "
    "signed by Velkic.",
]


def _one_name(days_apart: int) -> tuple[list[Item], dict[str, datetime]]:
    fillers = _fillers(12)
    corpus = _items("a", ONE_NAME_A) + _items("b", ONE_NAME_B) + fillers
    day = datetime(2024, 3, 4, tzinfo=UTC)
    return corpus, {"a": day, "b": datetime(2024, 3, 4 + days_apart, tzinfo=UTC)}


def test_one_name_ties_two_reports_of_one_news_cycle() -> None:
    """Two stories sharing one distinctive name (under ``link``) join when both were
    published within ``near_days`` of each other and it weighs ``near_link`` (the other
    tests holding); a week apart, undated, or with ``near_link`` off they stay apart."""
    corpus, dates = _one_name(1)
    assert _joined(group(corpus, dates))
    corpus, far = _one_name(8)
    assert not _joined(group(corpus, far))
    assert not _joined(group(corpus))
    with overriding(with_changes(grouping_params(), {"merge.near_link": 1.5})):
        assert not _joined(group(corpus, dates))


def test_a_join_on_one_name_gives_its_weight_and_the_days() -> None:
    """The reason of a join on one name says the name's weight against ``near_link`` and the
    days between the publications, not a count of names."""
    corpus, dates = _one_name(1)
    idf = corpus_idf(corpus)
    joins: dict[object, Why] = {}
    index = _Index([], idf, dates=spans(dates))
    for doc in ("a", "b"):
        _merge(group_article([i for i in corpus if i.doc == doc], idf), index, joins=joins)
    why = joins[("b", 1)]
    weight = next(n for n in why.numbers if n.name == "name_weight")
    assert (weight.op, weight.threshold, weight.limit) == (">=", "near_link", 0.75)
    assert not any(n.name == "distinctive" for n in why.numbers)
    assert "weight of the one distinctive name shared" in why.describe()
    assert "days between their publications 1 <= near_days 3" in why.describe()
    # the measure's name is not one of the linker's features ("link": an existing story)
    assert Number("link", 1.0).describe().startswith("an existing story (constant)")


# Two reports of one resignation that also tell, apart from it, one side event in other
# words: the operator fined over ballast (one name, "Kestrel", and a few words in common).
TWIN_A = [
    "Harbour minister Dora Velkic resigns over Brantmoor ferry contract",
    "Dora Velkic resigned as harbour minister on Monday over the Brantmoor ferry contract, "
    "her office said.",
    "Separately, Kestrel Lines was fined for dumping ballast water off Osterby last year.",
]
TWIN_B = [
    "Velkic quits harbour ministry over Brantmoor ferries",
    "Harbour minister Dora Velkic has resigned over the Brantmoor ferry contract.",
    "Separately, regulators fined the operator Kestrel over a ballast spill near the port.",
]
#: Another side piece of b naming the operator, about something a did not tell.
TWIN_OTHER = "Separately, Kestrel ordered two new ferries from a Gdansk yard."
#: A report of something else that tells the same side event.
UNTIED_B = [
    "Orlen Valley farmers report a record apple harvest",
    "Farmers in the Orlen Valley picked a record apple harvest this autumn, their union said.",
    TWIN_B[2],
]


def _stories_of(corpus: list[Item]) -> list[list[object]]:
    return [g for g in group(corpus) if any(k[0] in ("a", "b") for k in g)]  # type: ignore[index]


def test_a_side_event_two_reports_tell_joins_its_twin() -> None:
    """Pass 1 sets the side event apart in both reports; the two pieces share one name and
    a few words (under ``link`` and the small stories' cosine), and their articles' main
    stories were joined: they are each other's closest and join (``merge.mutual``); with
    ``mutual`` above 1 they stay apart."""
    corpus = _items("a", TWIN_A) + _items("b", TWIN_B) + _fillers(12)
    assert _stories_of(corpus) == [[("a", 0), ("a", 1), ("b", 0), ("b", 1)],
                                   [("a", 2), ("b", 2)]]
    with overriding(with_changes(grouping_params(), {"merge.mutual": 2.0})):
        assert _stories_of(corpus) == [[("a", 0), ("a", 1), ("b", 0), ("b", 1)],
                                       [("a", 2)], [("b", 2)]]


def test_only_each_other_s_closest_side_pieces_join() -> None:
    """Of two side pieces of b naming the operator, only the one closer to a's side piece
    joins it; the other (the ferry order a did not tell) stays apart."""
    corpus = _items("a", TWIN_A) + _items("b", [*TWIN_B, TWIN_OTHER]) + _fillers(12)
    assert _stories_of(corpus) == [[("a", 0), ("a", 1), ("b", 0), ("b", 1)],
                                   [("a", 2), ("b", 2)], [("b", 3)]]


def test_a_side_piece_of_an_article_not_joined_with_the_other_stays_apart() -> None:
    """The same side piece in a report of something else (its main story joined nothing
    of a) is not paired: ``mutual`` looks only at the articles an article's other stories
    were joined with."""
    corpus = _items("a", TWIN_A) + _items("b", UNTIED_B) + _fillers(12)
    assert [("b", 2)] in _stories_of(corpus)
    assert [("a", 2)] in _stories_of(corpus)


def test_a_mutual_join_gives_the_overlap_and_the_names() -> None:
    """The reason gives the overlap against ``mutual`` and the distinctive names shared."""
    corpus = _items("a", TWIN_A) + _items("b", TWIN_B) + _fillers(12)
    idf = corpus_idf(corpus)
    joins: dict[object, Why] = {}
    index = _Index([], idf)
    for doc in ("a", "b"):
        _merge(group_article([i for i in corpus if i.doc == doc], idf), index, joins=joins)
    why = joins[("b", 2)]
    assert why.rule == "joined_mutual"
    overlap = next(n for n in why.numbers if n.name == "overlap")
    assert (overlap.op, overlap.threshold) == (">=", "mutual")
    assert overlap.value >= overlap.limit == grouping_params().merge.mutual
    assert "kestrel" in why.terms
    assert "share of weight the two use of each other (the smaller)" in why.describe()


def test_ingest_pairs_a_side_piece_with_a_stored_story_of_a_tied_article(
    sqlite_url: str, registry: Registry, tmp_path: Path
) -> None:
    """Ingest, b after a and the fillers were stored: b's side piece joins the stored story
    of a's side piece (its articles read from the database), with the mutual reason."""
    texts = {"a": TWIN_A, "b": TWIN_B,
             **{f"f{n}": [f"Farmers of Orlen{n}vale report record harvest number {100 + n}.",
                          f"The Orlen{n}vale harvest was the largest since {1990 + n}."]
                for n in range(12)}}
    paths = _articles(tmp_path, texts)
    with open_database(sqlite_url) as database:
        article = ingest_labelled(database, {d: p for d, p in paths.items() if d != "b"},
                                  registry)
        article.update(ingest_labelled(database, {"b": paths["b"]}, registry))
        with database.session_scope(write=False) as session:
            rows = session.execute(
                select(Claim.article_id, Claim.text, StoryClaim.story_id, StoryClaim.reason)
                .join(Claim, Claim.id == StoryClaim.claim_id)
                .where(Claim.article_id.in_([article["a"], article["b"]]))).all()
    side = {a: (s, r) for a, text, s, r in rows if "Kestrel" in text}
    assert side[article["a"]][0] == side[article["b"]][0]
    why = load(side[article["b"]][1])
    assert why is not None and why.merge is not None and why.merge.rule == "joined_mutual"


def _undated(doc: str) -> tuple[list[Item], dict[str, datetime]]:
    """``_topical`` a day apart, with article ``doc`` undated (no publication date known)."""
    corpus, dates = _topical(1)
    return corpus, {d: when for d, when in dates.items() if d != doc}


def test_an_undated_report_is_taken_as_of_a_dated_story_s_news_cycle() -> None:
    """The resignation's names are used by too many documents to tie two undated stories,
    not two of one news cycle: an undated report (either one, whichever comes first) is
    taken as of the dated story's cycle and joins it; with ``undated_merge`` above 1 (none
    lent) it stays apart, as two undated reports do."""
    for doc in ("a", "b"):
        corpus, dates = _undated(doc)
        assert _joined(group(corpus, dates))
        with overriding(with_changes(grouping_params(), {"merge.undated_merge": 1.1})):
            assert not _joined(group(corpus, dates))
    corpus, dates = _undated("a")
    dates.pop("b")
    assert not _joined(group(corpus, dates))


def _joins(corpus: list[Item], dates: dict[str, datetime]) -> dict[object, Why]:
    """Why each claim of a story that joined another did, grouping ``corpus`` in order."""
    by_doc: dict[object, list[Item]] = {}
    for item in corpus:
        by_doc.setdefault(item.doc, []).append(item)
    idf = corpus_idf(corpus)
    joins: dict[object, Why] = {}
    index = _Index([], idf, dates=spans(dates))
    for doc_items in by_doc.values():
        _merge(group_article(doc_items, idf), index, joins=joins)
    return joins


def test_a_join_on_a_lent_date_says_so_and_needs_a_closer_story() -> None:
    """The reason of a join resting on the lent date says one of the two is undated and
    gives the cosine against ``undated_merge`` (no days: there is no publication date to
    count from); a report of another event of the same minister, one a dated report of
    the same days would join, needs ``undated_merge`` too."""
    corpus, dates = _undated("b")
    why = _joins(corpus, dates)[("b", 1)]
    lent = next(n for n in why.numbers if n.name == "undated")
    assert (lent.op, lent.threshold, lent.limit) == (">=", "undated_merge", 0.5)
    assert lent.value > 0.8
    assert not any(n.name == "days" for n in why.numbers)
    assert "has no publication date: taken as of the other's news cycle" in why.describe()
    sibling = _items("b", [
        "Velkic to face questions over Brantmoor ferry contract",
        "Harbour minister Dora Velkic will face questions in parliament next week about "
        "the Brantmoor contract, the speaker said."])
    corpus = [i for i in corpus if i.doc != "b"] + sibling
    found = _joins(corpus, dates)[("b", 1)]
    closeness = next(n for n in found.numbers if n.name == "undated").value
    assert 0.5 <= closeness < 0.6
    with overriding(with_changes(grouping_params(), {"merge.undated_merge": 0.6})):
        assert ("b", 1) not in _joins(corpus, dates)
        corpus, dates = _undated("b")
        assert ("b", 1) in _joins(corpus, dates)  # the resignation itself still joins


@pytest.mark.parametrize("undated", ["b", "a"])
def test_ingest_joins_an_undated_report_and_leaves_it_undated(
    sqlite_url: str, registry: Registry, tmp_path: Path, undated: str
) -> None:
    """Through ingest (stored stories), whichever is ingested first: the undated report and
    the dated one are joined, the later one's claims' stored reason says one was taken as of
    the other's news cycle, and the undated article keeps no publication date (the grouping
    date is never stored as one)."""
    from verifier.store.models import Article

    corpus, dates = _undated(undated)
    article, shared, merges = _ingested_pair(sqlite_url, registry, tmp_path, corpus, dates)
    with open_database(sqlite_url) as database, \
            database.session_scope(write=False) as session:
        stored = session.get(Article, article[undated])
        assert stored is not None
        published = stored.published_at
    assert shared
    assert merges and any(n.name == "undated" and n.threshold == "undated_merge"
                          for merge in merges for n in merge.numbers)
    assert published is None


def test_the_names_a_group_shares_tie_it_to_a_candidate_at_the_pair_s_floor() -> None:
    """``tie``: two distinctive names tie a pair; one ties it only within ``near_days`` and
    weighing ``near_link``; above the index's own floor the names are counted again there."""
    from verifier.stories.terms import idf

    documents = 200
    table = {"kestrel": idf(1, documents), "velkic": idf(2, documents),
             "harbour": idf(20, documents), "farmers": idf(100, documents)}
    index = _Index([], table, postings={"kestrel": [0, 1], "velkic": [0], "harbour": [2]})
    p = grouping_params().merge
    distinctive = {"kestrel", "velkic", "harbour"}
    above: dict[float, list[set[int]]] = {}
    assert index.tie(0, distinctive, 2, index.floor, None, above) == (2, 0.0)
    # one name: the rarest weighs 1 (of ``top``), enough within near_days only
    assert p.near_link <= 1.0 < p.link
    assert index.tie(1, distinctive, 1, index.floor, 1.0, above) == (1, 1.0)
    assert index.tie(1, distinctive, 1, index.floor, None, above) is None
    assert index.tie(1, distinctive, 1, index.floor, p.near_days + 1, above) is None
    # a commoner name weighs less than near_link: no tie even the same day
    assert table["harbour"] / index.top < p.near_link
    assert index.tie(2, distinctive, 1, index.floor, 0.0, above) is None
    assert above == {}
    # at the dated floor "harbour" is not distinctive: story 2 shares nothing there, while
    # story 0's two names, counted again, tie it
    assert table["harbour"] < index.dated < table["velkic"]
    assert index.tie(2, distinctive, 1, index.dated, 30.0, above) is None
    assert index.tie(0, distinctive, 1, index.dated, 30.0, above) == (2, 0.0)
    assert sorted(len(ids) for ids in above[index.dated]) == [1, 2]


def test_candidates_one_name_cannot_tie_are_passed_over_with_the_same_stories(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """``one_name_ties``: a candidate ``posted`` counts under one name joins only if that
    name weighs ``near_link`` (or ``link``); passing the others over (and not ranking them
    when the group has no such name) leaves every story as it was, dated or not."""
    from collections import Counter

    from verifier.stories.grouping import _most_common_shared

    found = Counter({n: (1 if n % 3 else 2) for n in range(40)})
    for most in (3, 10, 50):
        assert _most_common_shared(found, most) == [
            pair for pair in found.most_common(most) if pair[1] >= 2]
    cases = [_one_name(1), _one_name(8), _undated("a"), _undated("b"),
             (_corpus() + _fillers(6), {}), _topical(1)]
    passed: list[int] = []
    original = _Index.one_name_ties

    def counted(self: _Index, distinctive: set[str], span: object) -> set[int] | None:
        ties = original(self, distinctive, span)  # type: ignore[arg-type]
        passed.append(-1 if ties is None else len(ties))
        return ties

    with monkeypatch.context() as patch:
        patch.setattr(_Index, "one_name_ties", counted)
        fast = [group(corpus, dates) for corpus, dates in cases]
    with monkeypatch.context() as patch:
        patch.setattr(_Index, "one_name_ties", lambda *_: None)
        slow = [group(corpus, dates) for corpus, dates in cases]
    assert fast == slow
    assert _joined(fast[0]) and not _joined(fast[1])
    assert 0 in passed and any(n > 0 for n in passed)
