"""Grouping claims into stories by what they share: pure functions over claim texts.

No NLP model. ``verifier.stories.terms`` gives each sentence its terms (names, event words,
numbers; initials of multi-word names), weighted by rarity across articles and stored
stories; ``verifier.stories.cues`` reads what its wording says (another time, a separate
report, a back-reference, its subject).

1. **Within an article** (``verifier.stories.article.group_article``): the headline and lead
   seed the main story; side events, background and their follow-ups split off by the rules
   described there.
2. **Across articles** (``merge_into``, this module): each story of a new article joins the
   most similar story of another article (cosine of IDF-weighted terms at least ``merge``)
   when they share *distinctive* names (used by few documents: at least two, or one of
   ``link`` weight) and the same subject: one of each story's most used names (of those not
   every document uses; all within ``subject_share`` of the most used, so a tie or a name
   repeated by one quotation does not decide) occurs in the other (Ban's visit and Kim's
   trip share names, not their subject), unless they are very similar
   (``strong_merge`` with ``strong_names`` distinctive names; thresholds: the ``merge``
   section of ``data/grouping.yaml``). Candidates come from an
   inverted index of distinctive names, so matching stays fast against thousands of stories.
   Publication dates, where known (``dates``), take part: stories published more than
   ``weeks`` apart never join, and between two stories both dated and near a name more
   documents use (``dated_share``) is still distinctive; between two published within
   ``near_days`` (one news cycle), a name up to ``near_share`` of them use, and one
   distinctive name weighing ``near_link`` is enough (``link`` elsewhere). An undated story
   compared with a dated one is taken as of the other's news cycle (its grouping date, said
   in the join's reason, never stored), but a join that rests on that needs a cosine of
   ``undated_merge`` (a side remark ``undated_contain`` contained). A story does
   not join one that already holds another story of its article (which pass 1 told apart
   from it) unless it shares as much with what the other articles brought to it
   (``again``). Once an
   article's stories are placed, one that joined nothing joins a story another of them
   joined when what the other articles brought to it holds most of its weight (``glue``):
   a piece pass 1 split off the article's part of a story another outlet told whole.
   Then the pieces that still joined nothing and the stories of one article each, of an
   article the others were joined with, pair when they share a distinctive name and are
   each other's closest by the share of weight each uses of the other (``mutual``): the
   same side event told by two reports of one event, which pass 1 set apart in both.
   A learned joiner (``verifier.stories.joiner``, ``data/models/joiner.yaml``), when
   enabled, weighs the same signals of every candidate and of "no story" together and may
   choose otherwise than these tests; its reason (``joined_learned``) names the features.

``group`` runs both passes over a corpus; ``assign`` runs them for new articles against
existing stories, which is what ingest uses (existing memberships never change).
"""

from __future__ import annotations

import heapq
import math
from collections import Counter
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from datetime import datetime
from itertools import repeat
from operator import itemgetter, mul

from verifier.stories import reasons
from verifier.stories.article import group_article
from verifier.stories.joiner import RULE_IDS as JOIN_RULES
from verifier.stories.joiner import JoinDecision, joiner
from verifier.stories.params import MergeParams, grouping_params
from verifier.stories.reasons import Number, Why
from verifier.stories.terms import (
    Group,
    Item,
    document_frequencies,
    documents_of,
    idf_table,
    top_of,
    words,
)

__all__ = ["Group", "Item", "assign", "assign_stored", "corpus_idf", "group", "group_article",
           "merge_into", "words"]

def _documents(idf: Mapping[str, float]) -> float:
    """How many documents the IDF table was made from."""
    return documents_of(idf)


def distinctive_floor(idf: Mapping[str, float], dated: bool = False, near: bool = False
                      ) -> float:
    """The IDF a name needs to be distinctive (``dated``: for two stories published within
    ``weeks`` of each other, ``dated_share`` of the documents instead of
    ``distinctive_share``; ``near``: within ``near_days``, ``near_share`` of them, or
    ``dated_share`` if that is more)."""
    total = _documents(idf)
    p = grouping_params().merge
    share = (max(p.near_share, p.dated_share) if near else p.dated_share if dated
             else p.distinctive_share)
    most = max(p.distinctive_min, share * total)
    return math.log((total + 1) / (most + 0.5)) + 0.5 - 1e-9 if idf else 0.0


def everywhere_ceiling(idf: Mapping[str, float]) -> float:
    """The IDF of a name every document uses (it cannot tell two stories' subjects apart)."""
    total = _documents(idf)
    return math.log((total + 1) / (total + 0.5)) + 0.5 + 1e-9 if idf else 0.0


#: Stored stories of at most this many claims have their articles read together, the first
#: time ``mutual`` needs any (one statement a chunk instead of one an article).
ARTICLES_READ_AT_ONCE = 60

#: The first and last publication time of a story's articles.
Span = tuple[datetime, datetime]

#: (vector, norm, names, distinctive names, subjects) of a story.
_Facts = tuple[dict[str, float], float, set[str], set[str], frozenset[str]]


class _Index:
    """Stories by the distinctive names they use, with their weighted vectors cached.

    Stored stories come with their ``postings`` (by number) and are made ready (``prepare``:
    their terms read, their terms' IDFs known) only when a new group gets as far as comparing
    vectors with one; their facts are worked out then.
    """

    def __init__(
        self,
        groups: list[Group],
        idf: Mapping[str, float],
        postings: Mapping[str, Iterable[int]] | None = None,
        prepare: Callable[[Group], None] | None = None,
        dates: Mapping[Hashable, Span] | None = None,
        articles: Callable[[Sequence[Hashable]], Mapping[Hashable, frozenset[Hashable]]]
        | None = None,
    ) -> None:
        self.groups = groups
        self.idf = idf
        #: Each article's (or stored story's) first and last publication time, where known.
        self.dates = dates if dates is not None else {}
        self.params = grouping_params().merge
        self.name_boost = grouping_params().article.name_boost
        #: Distinctive names are those above ``floor`` (the lowest, for stories published
        #: within ``near_days``: stories are found by them); two stories published further
        #: apart must share names above ``dated``, two not both dated above ``undated``.
        self.floor = distinctive_floor(idf, near=True)
        self.dated = distinctive_floor(idf, dated=True)
        self.undated = distinctive_floor(idf)
        self.ceiling = everywhere_ceiling(idf)
        self.top = top_of(idf)
        self.postings: dict[str, set[int]] = {}
        self._facts: dict[int, _Facts] = {}
        #: Per story whose facts were worked out here: how often it uses each name not every
        #: document uses (what its subjects are read from), kept current as it absorbs groups.
        self._counts: dict[int, dict[str, int]] = {}
        self._spans: dict[int, Span | None] = {}
        #: Per story, the terms each article that joined it in this run brought (``again``).
        self.parts: dict[int, dict[Hashable, Counter[str]]] = {}
        self.prepare = prepare
        #: Reads the articles of stored stories (by their ``story``), when they are needed
        #: (``mutual``); kept in ``_articles``.
        self.articles = articles
        self._articles: dict[Hashable, frozenset[Hashable]] = {}
        if postings is not None:
            self.postings = {name: set(numbers) for name, numbers in postings.items()}
        else:
            for number in range(len(groups)):
                self._post(number)

    def facts_of(self, number: int) -> _Facts:
        """The facts of story ``number``, worked out the first time they are needed."""
        found = self._facts.get(number)
        if found is None:
            group = self.groups[number]
            if self.prepare is not None:
                self.prepare(group)
            found, self._counts[number] = self._facts_counts(group)
            self._facts[number] = found
        return found

    def vector(self, terms: Mapping[str, int]) -> tuple[dict[str, float], float]:
        """Terms weighted as ``facts`` weighs a story's, and the vector's length."""
        idf_get, name_boost = self.idf.get, self.name_boost
        vector: dict[str, float] = {}
        for term, count in terms.items():
            plain = term[2:]
            boost = name_boost if term.startswith("N:") else 1.0
            vector[plain] = vector.get(plain, 0.0) + count * idf_get(plain, 1.0) * boost
        return vector, math.sqrt(sum(v * v for v in vector.values()))

    def closer_to_others(self, number: int, group: Group, vector: dict[str, float],
                         norm: float) -> bool:
        """Whether a group shares more with what other articles brought to story ``number``
        than with what its own article brought (a story pass 1 told apart from it), by
        ``again`` times the cosine."""
        own = Counter[str]()
        parts = self.parts.get(number, {})
        for doc in group.docs:
            own.update(parts.get(doc, {}))
        rest = Counter(self.groups[number].words)
        rest.subtract(own)
        o_vector, o_norm = self.vector(own)
        r_vector, r_norm = self.vector(+rest)
        return (_cosine(vector, norm, r_vector, r_norm)
                >= self.params.again * _cosine(vector, norm, o_vector, o_norm))

    def facts(self, group: Group) -> _Facts:
        """(vector, norm, names, distinctive names, subjects) of a group not in the index."""
        return self._facts_counts(group)[0]

    def _facts_counts(self, group: Group) -> tuple[_Facts, dict[str, int]]:
        """``facts``, and how often the group uses each name not every document uses."""
        idf_get = self.idf.get
        ceiling = self.ceiling
        name_boost = self.name_boost
        vector: dict[str, float] = {}
        names: set[str] = set()
        counts: dict[str, int] = {}
        for term, count in group.words.items():
            plain = term[2:]
            if term.startswith("N:"):
                # one look-up for both defaults (a stored story's facts: thousands of terms)
                weight = idf_get(plain)
                vector[plain] = vector.get(plain, 0.0) + count * (
                    1.0 if weight is None else weight) * name_boost
                names.add(plain)
                if weight is None or weight > ceiling:  # (unknown: as everywhere's ceiling+1)
                    counts[plain] = counts.get(plain, 0) + count
            else:
                vector[plain] = vector.get(plain, 0.0) + count * idf_get(plain, 1.0)
        values = vector.values()
        norm = math.sqrt(sum(map(mul, values, values)))
        floor = self.floor
        distinctive = {n for n in names if idf_get(n, 0.0) > floor}
        return (vector, norm, names, distinctive, self.subjects(counts)), counts

    def _post(self, number: int, known: _Facts | None = None) -> None:
        self._facts[number] = facts = known or self.facts(self.groups[number])
        for name in facts[3]:
            self.postings.setdefault(name, set()).add(number)

    def append(self, group: Group, known: _Facts | None = None) -> None:
        """Add a group as a story of its own (``known``: its facts, when already made)."""
        self.groups.append(group)
        self._part(len(self.groups) - 1, group)
        self._post(len(self.groups) - 1, known)

    def _part(self, number: int, group: Group) -> None:
        """Keep what a group of one article (pass 1's story) brings to story ``number``."""
        if len(group.docs) == 1:
            doc = next(iter(group.docs))
            self.parts.setdefault(number, {}).setdefault(doc, Counter()).update(group.words)

    def absorb(self, number: int, group: Group) -> None:
        """Merge a group into story ``number``, updating its facts for the terms the group
        brings only (the same values and orders ``facts`` would give from scratch)."""
        target = self.groups[number]
        vector, _, names, distinctive, subjects = self.facts_of(number)
        self._part(number, group)
        target.absorb(group)
        self._spans.pop(number, None)
        words_get, idf_get, ceiling = target.words.get, self.idf.get, self.ceiling
        name_boost = self.name_boost
        for term in group.words:
            plain = term[2:]
            weight = idf_get(plain, 1.0)
            named, worded = words_get("N:" + plain), words_get("W:" + plain)
            if named is not None and worded is not None:
                vector[plain] = named * weight * name_boost + worded * weight
            elif named is not None:
                vector[plain] = named * weight * name_boost
            else:
                vector[plain] = (worded or 0) * weight
            if term.startswith("N:"):
                names.add(plain)
        values = vector.values()
        norm = math.sqrt(sum(map(mul, values, values)))
        floor = self.floor
        counts = self._counts.get(number)
        if counts is None:  # facts made elsewhere (pass 1's): counted over every name
            distinctive = {n for n in names if idf_get(n, 0.0) > floor}
            counts = self._counts[number] = {
                n: words_get("N:" + n, 0) for n in names if idf_get(n, ceiling + 1.0) > ceiling}
            subjects = self.subjects(counts)
        else:  # only the names the group uses change (their counts grow; none leaves)
            distinctive = set(distinctive)
            most = max(counts.values(), default=0)
            grown: list[str] = []
            for term in group.words:
                if term.startswith("N:"):
                    plain = term[2:]
                    if idf_get(plain, 0.0) > floor:
                        distinctive.add(plain)
                    if idf_get(plain, ceiling + 1.0) > ceiling:
                        counts[plain] = words_get(term, 0)
                        grown.append(plain)
            subjects = self._grown_subjects(counts, most, grown, subjects)
        self._post(number, (vector, norm, names, distinctive, subjects))

    def _grown_subjects(self, counts: Mapping[str, int], most: int, grown: Sequence[str],
                        subjects: frozenset[str]) -> frozenset[str]:
        """``subjects(counts)`` after the counts of ``grown`` rose (from those of
        ``subjects``, when the most used name was used ``most`` times): while no count passes
        ``most``, the subjects are the same plus the grown names that now reach the share
        (a count only rises, so none leaves); otherwise they are read again."""
        if not grown:
            return subjects
        if max(counts[n] for n in grown) > most:
            return self.subjects(counts)
        limit = self.params.subject_share * most
        added = [n for n in grown if counts[n] >= limit and n not in subjects]
        return subjects | frozenset(added) if added else subjects

    def subjects(self, counts: Mapping[str, int]) -> frozenset[str]:
        """A story's subjects: the names it uses most (``counts``: how often it uses each
        name not every document uses), those used at least ``subject_share`` as often as
        the most used one."""
        if not counts:
            return frozenset()
        limit = self.params.subject_share * max(counts.values())
        return frozenset([n for n, c in counts.items() if c >= limit])

    def lends(self) -> bool:
        """Whether an undated story compared with a dated one is taken as of the other's
        news cycle (``undated_merge`` at most 1)."""
        return self.params.undated_merge <= 1

    def apart_of(self, span: Span | None, o_span: Span | None) -> tuple[float | None, bool]:
        """Days between two stories' publication spans (None: not both known), and whether
        one was lent its grouping date: an undated story compared with a dated one is taken
        as of the other's news cycle (0 days; never stored as its publication date)."""
        if span is not None and o_span is not None:
            return _apart(span, o_span), False
        if (span is None) != (o_span is None) and self.lends():
            return 0.0, True
        return None, False

    def floor_for(self, span: Span | None, o_span: Span | None) -> float:
        """The IDF the names two stories (of these publication spans) share need to be
        distinctive: ``undated`` unless both are dated (or one is lent a grouping date by
        the other, ``apart_of``), ``floor`` (``near_share``) when published within
        ``near_days`` of each other, else ``dated``."""
        return self.floor_at(self.apart_of(span, o_span)[0])

    def floor_at(self, apart: float | None) -> float:
        """``floor_for`` of two stories ``apart`` days apart (None: not known)."""
        if apart is None:
            return self.undated
        return self.floor if apart <= self.params.near_days else self.dated

    def best_match(self, group: Group, facts: _Facts, first: bool
                   ) -> tuple[int | None, Why | None]:
        """The index of the story of another article the group (of these ``facts``; ``first``:
        its article's first story) should join, if any, and why: the rules' choice, or the
        learned joiner's when one is in force (``verifier.stories.joiner``)."""
        best, why = self.rules_match(group, facts)
        chooser = joiner()
        if chooser is None:
            return best, why
        decision = self.decision(group, facts, best, why, first)
        if best is not None and best not in decision.numbers:
            return best, why
        return chooser.choose(decision)

    def decision(self, group: Group, facts: _Facts, rule_number: int | None,
                 rule_why: Why | None, first: bool) -> JoinDecision:
        """What the joiner weighs for a group: every story of other articles sharing a
        name distinctive for the two (the rules' candidates, published within ``weeks``),
        each with its features, and "no story" last."""
        span = self.span(group)
        numbers: list[int] = []
        stories: list[Group] = []
        features: list[dict[str, float]] = []
        for number, _ in self.posted(facts[3], span).most_common(self.params.candidates):
            f = self.candidate(group, facts, span, number, first, rule_number, rule_why)
            if f is not None:
                numbers.append(number)
                stories.append(self.groups[number])
                features.append(f)
        if features:
            top = max(f["cosine"] for f in features)
            for f in features:
                if f["cosine"] >= top:
                    f["best_cosine"] = 1.0
        alone: dict[str, float] = {"alone": 1.0, "alone_size": math.log1p(group.size),
                                   "alone_names": math.log1p(len(facts[3])),
                                   "alone_candidates": math.log1p(len(numbers))}
        if rule_number is None:
            alone["alone_rule"] = 1.0
        features.append(alone)
        return JoinDecision(group, numbers, stories, features, rule_number, rule_why)

    def candidate(self, group: Group, facts: _Facts, span: Span | None, number: int,
                  first: bool, rule_number: int | None, rule_why: Why | None
                  ) -> dict[str, float] | None:
        """The joiner's features of story ``number`` as the group's candidate (in this order:
        a reason's ties go to the feature named first); None when it is none: it holds only
        the group's own articles, was published more than ``weeks`` apart, or shares no name
        distinctive for the two."""
        p = self.params
        other = self.groups[number]
        if other.docs <= group.docs:
            return None
        o_span = self.span_of(number)
        apart = _apart(span, o_span) if span is not None else 0.0
        if apart > 7 * p.weeks:
            return None
        vector, norm, names, distinctive, subjects = facts
        floor = self.floor_for(span, o_span)
        o_vector, o_norm, o_names, o_distinctive, o_subjects = self.facts_of(number)
        idf_get = self.idf.get
        common = {n for n in distinctive & o_distinctive if idf_get(n, 0.0) > floor}
        if not common:
            return None
        cosine = _cosine(vector, norm, o_vector, o_norm)
        f = self.shared(vector, names, o_vector, o_names, common, other, cosine)
        _subject_features(f, p, len(common), bool(subjects & o_names),
                          bool(o_subjects & names), cosine, group.size, other.size)
        _time_features(f, p, span is not None and o_span is not None, apart, first)
        if group.docs & other.docs:
            f["again"] = 1.0
            if self.closer_to_others(number, group, vector, norm):
                f["again_closer"] = 1.0
        if number == rule_number:
            f["rule_pick"] = 1.0
            if rule_why is not None and rule_why.rule in JOIN_RULES:
                f["rule:" + rule_why.rule] = 1.0
        return f

    def shared(self, vector: dict[str, float], names: set[str], o_vector: dict[str, float],
               o_names: set[str], common: set[str], other: Group, cosine: float
               ) -> dict[str, float]:
        """What a group and a candidate share: their cosine, the distinctive names (how many,
        how rare), any names, each one's weight the other holds; the candidate's size."""
        idf_get = self.idf.get
        total = sum(vector.values()) or 1.0
        o_total = sum(o_vector.values()) or 1.0
        return {"join": 1.0, "cosine": cosine, "names": math.log1p(len(common)),
                "link": math.fsum(idf_get(n, 0.0) for n in common) / self.top,
                "any_names": math.log1p(len(names & o_names)),
                "contained": sum(v for t, v in vector.items() if t in o_vector) / total,
                "covers": sum(v for t, v in o_vector.items() if t in vector) / o_total,
                "other_size": math.log1p(other.size),
                "other_docs": math.log1p(len(other.docs))}

    def posted(self, distinctive: set[str], span: Span | None) -> Counter[int]:
        """The candidates of a group with these distinctive names (``span``: its publication
        times, None when undated): each story posted under one of them, with how many."""
        # an undated story's names tie nothing below the dated floor (``near_share`` needs
        # both dates) unless a dated story lends it its date: its candidates are found by
        # the names above the floor it may have
        found: Counter[int] = Counter()
        for name in sorted(self._lookup(distinctive, span)):  # sorted: ties in most_common
            found.update(self.postings.get(name, ()))  # break the same way
        return found

    def _lookup(self, distinctive: set[str], span: Span | None) -> set[str]:
        """The names ``posted`` finds a group's candidates by."""
        if span is not None:
            return distinctive
        idf_get = self.idf.get
        least = self.floor if self.lends() else self.dated
        return {n for n in distinctive if idf_get(n, 0.0) > least}

    def one_name_ties(self, distinctive: set[str], span: Span | None) -> set[int] | None:
        """The only stories ``posted`` counts under one name that ``tie`` can tie to a group
        (None: not known): those posted under a name of it weighing ``link`` or
        ``near_link`` (``top``'s share). Such a candidate shares at most that one name above
        any floor ``tie`` uses (undated, only while ``undated`` is at least the floor
        ``posted`` looks names up above), so the name alone must weigh that much."""
        if span is None and self.undated < (self.floor if self.lends() else self.dated):
            return None
        idf_get, top, p = self.idf.get, self.top, self.params
        least = min(p.link, p.near_link)
        heavy = [self.postings.get(n, ()) for n in self._lookup(distinctive, span)
                 if idf_get(n, 0.0) / top >= least]
        return set().union(*heavy)

    def tie(self, number: int, distinctive: set[str], shared: int, floor: float,
            known: float | None, above: dict[float, list[set[int]]]
            ) -> tuple[int, float] | None:
        """Whether a group's ``distinctive`` names tie it to story ``number`` (``shared`` of
        them are its, counted above ``self.floor``) at ``floor``, the IDF the names of two
        stories ``known`` days apart (None: not known) must pass: how many of them pass it
        and, if only one, its weight (``top``'s share), which must reach ``link``, or
        ``near_link`` within ``near_days`` (one news cycle); None when they do not tie.
        ``above`` keeps, per floor above ``self.floor``, the postings of the names above it
        (for the group's next candidates)."""
        postings = self.postings
        idf_get = self.idf.get
        p = self.params
        if floor > self.floor:
            posted = above.get(floor)
            if posted is None:
                posted = above[floor] = [postings.get(n, set()) for n in distinctive
                                         if idf_get(n, 0.0) > floor]
            shared = sum(1 for ids in posted if number in ids)
            if not shared:
                return None
        one_name = 0.0
        if shared < 2:
            common = {n for n in distinctive if number in postings.get(n, ())
                      and idf_get(n, 0.0) > floor}
            one_name = math.fsum(idf_get(n, 0.0) for n in common) / self.top
            if one_name < p.link and not (
                    one_name >= p.near_link and known is not None and known <= p.near_days):
                return None
        return shared, one_name

    def rules_match(self, group: Group, facts: _Facts) -> tuple[int | None, Why | None]:
        """The rules' choice for ``best_match``. Scores are only worked out for candidates
        they can decide."""
        vector, norm, names, distinctive, subjects = facts
        total = sum(vector.values()) or 1.0
        idf_get = self.idf.get
        span = self.span(group)
        found = self.posted(distinctive, span)
        members = group.size
        p = self.params
        best, best_score = None, p.merge
        best_rule, best_common, best_apart, best_one = "", frozenset[str](), None, 0.0
        best_lent = False
        # per floor above ``self.floor``: the postings of the distinctive names above it
        above: dict[float, list[set[int]]] = {}
        # ``span_of`` read inline: a batch's candidates run to tens of thousands, most turned
        # away before their facts are read
        groups, kept_spans, furthest = self.groups, self._spans, 7 * p.weeks
        # a candidate counted under one name ties only by that name's weight: those no heavy
        # name of the group posts are passed over (or, with none, not ranked at all)
        ties = self.one_name_ties(distinctive, span)
        for number, shared in (found.most_common(p.candidates) if ties is None or ties
                               else _most_common_shared(found, p.candidates)):
            other = groups[number]
            if other.docs <= group.docs or (
                    shared < 2 and ties is not None and number not in ties):
                continue
            o_span = kept_spans[number] if number in kept_spans else self.span_of(number)
            known, lent = self.apart_of(span, o_span)
            apart = 0.0 if known is None else known
            if apart > furthest:
                continue  # published too far apart to report one event
            # names used by more documents tie only stories of a time
            floor = self.floor_at(known)
            tie = self.tie(number, distinctive, shared, floor, known, above)
            if tie is None:
                continue
            shared, one_name = tie
            o_vector, o_norm, o_names, o_distinctive, o_subjects = self.facts_of(number)
            common = {n for n in distinctive & o_distinctive if idf_get(n, 0.0) > floor}
            o_members = other.size
            # one undated: the join rests on the lent date when the names it shares would
            # not tie the two undated (two above ``undated``, or one weighing ``link``)
            lent = lent and sum(1 for n in common if idf_get(n, 0.0) > self.undated) < 2 and (
                one_name < p.link)
            # published within near_days and sharing fewer than two names the dated floor
            # would take: the join rests on ``near_share`` (its reason says so; with a lent
            # date, ``undated`` does)
            near = apart if not lent and ((floor < self.dated and sum(
                1 for n in common if idf_get(n, 0.0) > self.dated) < 2) or (
                len(common) < 2 and one_name < p.link)) else None
            # the other holds a story of this article pass 1 told apart from this one: only
            # if it shares more with the other articles' (``again``)
            again = bool(group.docs & other.docs)
            if members < p.small <= o_members and shared >= 2:
                # a side remark joins a larger story that holds most of its weight
                contained = sum(v for t, v in vector.items() if t in o_vector) / total
                if lent and contained < p.undated_contain:
                    continue  # resting on a lent date, it must hold more of its weight
                if contained >= p.contain and contained > best_score and not (
                        again and not self.closer_to_others(number, group, vector, norm)):
                    best, best_score, best_apart = number, contained, near
                    best_rule, best_common = "joined_contained", frozenset(common)
                    best_one, best_lent = one_name, lent
                continue
            same_subject = bool(subjects & o_names) and bool(o_subjects & names)
            if not same_subject and len(common) < p.strong_names:
                continue  # no score can make it join
            score = _cosine(vector, norm, o_vector, o_norm)
            if min(members, o_members) < p.small and score < p.strong_merge:
                continue
            if score < best_score or not (
                same_subject or (score >= p.strong_merge and len(common) >= p.strong_names)
            ) or (again and not self.closer_to_others(number, group, vector, norm)):
                continue
            if lent and score < p.undated_merge:
                continue  # resting on a lent date, it must be more similar
            best, best_score, best_apart = number, score, near
            best_rule = "joined_subject" if same_subject else "joined_strong"
            best_common, best_one, best_lent = frozenset(common), one_name, lent
        if best is None:
            return None, None
        return best, self._why(best_rule, best_score, best_common, subjects, best, best_apart,
                               best_one, best_lent)

    def glue(self, group: Group, facts: _Facts, joined: Sequence[int]
             ) -> tuple[int | None, Why | None]:
        """For a group of one article that joined no story: of the stories ``joined`` by
        its article's other groups, the one whose other articles' part (what they brought
        to it) holds most of its weight, at least ``glue`` (``contain``'s measure), and why."""
        vector = facts[0]
        total = sum(vector.values()) or 1.0

        def brought(number: int) -> float:
            """The share of the group's weight in terms the other articles used: the story
            holds more of it than this article brought (as ``N:`` name or ``W:`` word)."""
            words_get = self.groups[number].words.get
            own = Counter[str]()
            parts = self.parts.get(number, {})
            for doc in group.docs:
                own.update(parts.get(doc, {}))
            own_get = own.get  # not ``own[...]``: a Counter's missing key calls __missing__
            return sum(v for t, v in vector.items()
                       if words_get("N:" + t, 0) > own_get("N:" + t, 0)
                       or words_get("W:" + t, 0) > own_get("W:" + t, 0)) / total

        # the largest share, the first such story on a tie
        found = max(((brought(number), number) for number in joined),
                    key=lambda f: f[0], default=None)
        if found is None or found[0] < self.params.glue:
            return None, None
        share, best = found
        measured = (Number("contained", share, ">=", "glue", self.params.glue),)
        return best, Why("joined_glued", measured, ())

    def why_mutual(self, score: float, common: frozenset[str]) -> Why:
        """Why a side piece joined the story ``mutual`` paired it with."""
        measured = (Number("overlap", score, ">=", "mutual", self.params.mutual),
                    Number("distinctive", len(common)))
        return Why("joined_mutual", measured,
                   reasons.heaviest({n: self.idf.get(n, 0.0) for n in common}))

    def articles_of(self, numbers: Sequence[int]) -> dict[int, frozenset[Hashable]]:
        """The articles each story of ``numbers`` holds claims of: a story of this run, its
        ``docs``; a stored one, the articles its stored members are of (read through
        ``articles``, once) and those of the groups it absorbed since."""
        wanted = [self.groups[n].story for n in numbers if self.groups[n].story is not None
                  and self.groups[n].story not in self._articles]
        if wanted and self.articles is not None:
            if not self._articles:  # the first time: every small stored story at once
                wanted = list(dict.fromkeys([*wanted, *(
                    g.story for g in self.groups if g.story is not None
                    and g.held <= ARTICLES_READ_AT_ONCE)]))
            self._articles.update(self.articles(wanted))
        found = {}
        for number in numbers:
            group = self.groups[number]
            if group.story is None:
                found[number] = frozenset(group.docs)
            elif len(group.docs) == 1:  # only ("story", id): it took in nothing in this run
                found[number] = self._articles.get(group.story, frozenset())
            else:
                found[number] = self._articles.get(group.story, frozenset()) | frozenset(
                    doc for doc in group.docs if doc != ("story", group.story))
        return found

    def mutual(self, alone: Sequence[tuple[Group, _Facts]], joined: Sequence[int]
               ) -> dict[int, tuple[int, float, frozenset[str]]]:
        """The side pieces of one article that joined no story (``alone``, in order) paired
        with stories of one other article each, when that article is one the article's other
        stories were joined with (``joined``: the stories they joined): a piece and a story
        that share a distinctive name and are each other's closest by ``overlap`` (the
        smaller of the share of the piece's weight the story uses and of the story's weight
        the piece uses), at least ``mutual``. By the piece's place in ``alone``: the story's
        number, the overlap and the distinctive names shared."""
        limit = self.params.mutual
        if limit > 1 or not alone or not joined:
            return {}
        docs: set[Hashable] = set().union(*(group.docs for group, _ in alone))
        floor, idf_get, groups = self.floor, self.idf.get, self.groups
        # the stories sharing a distinctive name with a piece that may be of one other
        # article (a story of this run of one article; a stored one that took in nothing in
        # this run: its articles are read)
        postings = self.postings
        posted: set[int] = set().union(*(postings[name] for _, facts in alone
                                         for name in facts[3] if name in postings))
        posted.difference_update(joined)
        near = sorted(number for number in posted if len(groups[number].docs) == 1
                      and not groups[number].docs & docs)  # sorted after: fewer to sort
        # (a stored story published at two times holds two articles: not read)
        near = [number for number in near if groups[number].story is None
                or (span := self.span_of(number)) is None or span[0] == span[1]]
        if not near:
            return {}
        known = self.articles_of(near)
        near = [number for number in near if len(known[number]) == 1]
        if not near:
            return {}
        known.update(self.articles_of(joined))
        tied = set().union(*(known[number] for number in joined)) - docs
        candidates = [number for number in near if known[number] <= tied]
        overlap: dict[tuple[int, int], tuple[float, frozenset[str]]] = {}
        others = []  # each candidate's vector, distinctive names and weight, once
        for number in candidates:
            o_vector, _, _, o_distinctive, _ = self.facts_of(number)
            others.append((number, o_vector, o_distinctive, sum(o_vector.values()) or 1.0))
        for at, (_, facts) in enumerate(alone):
            vector, _, _, distinctive, _ = facts
            total = sum(vector.values()) or 1.0
            for number, o_vector, o_distinctive, o_total in others:
                common = frozenset(n for n in distinctive & o_distinctive
                                   if idf_get(n, 0.0) > floor)
                if not common:
                    continue
                overlap[(at, number)] = (min(
                    sum(v for t, v in vector.items() if t in o_vector) / total,
                    sum(v for t, v in o_vector.items() if t in vector) / o_total), common)
        paired: dict[int, tuple[int, float, frozenset[str]]] = {}
        for at in range(len(alone)):
            mine = [(overlap[(at, n)][0], -n) for n in candidates if (at, n) in overlap]
            if not mine:
                continue
            score, number = max(mine)  # the first story on a tie
            number = -number
            if score < limit:
                continue
            back = max((overlap[(other, number)][0], -other) for other in range(len(alone))
                       if (other, number) in overlap)
            if -back[1] == at:  # ... and no piece closer to it (the first on a tie)
                paired[at] = (number, score, overlap[(at, number)][1])
        return paired

    def span_of(self, number: int) -> Span | None:
        """``span`` of story ``number``, kept until it absorbs a group."""
        if number in self._spans:
            return self._spans[number]
        found = self._spans[number] = self.span(self.groups[number])
        return found

    def span(self, group: Group) -> Span | None:
        """The first and last publication time of a group's articles (None: none known)."""
        known = [found for doc in group.docs if (found := self.dates.get(doc)) is not None]
        if not known:
            return None
        return min(lo for lo, _ in known), max(hi for _, hi in known)

    def _why(self, rule: str, score: float, common: frozenset[str], subjects: frozenset[str],
             number: int, apart: float | None = None, one_name: float = 0.0,
             lent: bool = False) -> Why:
        """Why a group joins story ``number``: the rule, its numbers and the names shared
        (``apart``: the days between their publications, when the names count as
        distinctive only because they are within ``near_days``, or the one name they share
        weighs ``near_link`` only; ``one_name``: that name's weight, when they share one)."""
        p = self.params
        shared = reasons.heaviest({n: self.idf.get(n, 0.0) for n in common})
        measured: tuple[Number, ...]
        if rule == "joined_contained":
            measured = (Number("contained", score, ">=", "contain", p.contain),
                        Number("distinctive", len(common), ">=", "at least", 2))
        elif rule == "joined_subject":
            both = subjects & self.facts_of(number)[2]
            measured = (Number("cosine", score, ">=", "merge", p.merge),
                        Number("distinctive", len(common), ">=", "at least", 2))
            shared = tuple(dict.fromkeys([*sorted(both)[:2], *shared]))[:reasons.TERMS_KEPT]
        else:
            measured = (Number("cosine", score, ">=", "strong_merge", p.strong_merge),
                        Number("distinctive", len(common), ">=", "strong_names",
                               p.strong_names))
        if len(common) < 2 and one_name:  # one name: its weight, not a count, let it through
            threshold, limit = ("link", p.link) if one_name >= p.link else ("near_link",
                                                                            p.near_link)
            measured = tuple(Number("name_weight", one_name, ">=", threshold, limit)
                             if n.name == "distinctive" else n for n in measured)
        if apart is not None:
            measured += (Number("days", apart, "<=", "near_days", p.near_days),)
        if lent:  # one of the two undated, taken as of the other's news cycle: more needed
            measured += ((Number("undated", score, ">=", "undated_contain", p.undated_contain),)
                         if rule == "joined_contained" else
                         (Number("undated", score, ">=", "undated_merge", p.undated_merge),))
        return Why(rule, measured, shared)


def _subject_features(f: dict[str, float], p: MergeParams, common: int, subject_in: bool,
                      subject_out: bool, cosine: float, size: int, other_size: int) -> None:
    """A joiner candidate's names and subjects (``common``: the distinctive names shared;
    ``subject_in``: the group's subject among the candidate's names, ``subject_out`` the
    other way round), whether the rules could join the two at all, and which is small."""
    small = size < p.small
    if common >= 2:
        f["two_names"] = 1.0
    if subject_in:
        f["subject_in"] = 1.0
    if subject_out:
        f["subject_out"] = 1.0
    if subject_in and subject_out:
        f["same_subject"] = 1.0
        f["cosine_subject"] = cosine
    if (subject_in and subject_out) or common >= p.strong_names or (
            small and common >= 2 and other_size >= p.small):
        f["eligible"] = 1.0
    if small:
        f["small"] = 1.0
    if other_size < p.small:
        f["other_small"] = 1.0


def _time_features(f: dict[str, float], p: MergeParams, dated: bool, apart: float,
                   first: bool) -> None:
    """A joiner candidate's days apart (both dated), and whether the group is its article's
    first story."""
    if dated:
        f["dated"] = 1.0
        f["days"] = math.log1p(apart)
        if apart <= p.near_days:
            f["near"] = 1.0
    if first:
        f["first"] = 1.0


def _most_common_shared(found: Counter[int], most: int) -> list[tuple[int, int]]:
    """``found.most_common(most)`` less the entries counted once (they rank last, and
    ``nlargest`` keeps the order of equal counts, as ``most_common`` does)."""
    return heapq.nlargest(most, [(k, v) for k, v in found.items() if v >= 2],
                          key=itemgetter(1))


def _apart(span: Span, other: Span | None) -> float:
    """Days between two spans of publication times (0 when they overlap or one is unknown)."""
    if other is None:
        return 0.0
    if other[0] > span[1]:
        return (other[0] - span[1]).total_seconds() / 86400
    if span[0] > other[1]:
        return (span[0] - other[1]).total_seconds() / 86400
    return 0.0


def _cosine(vector: dict[str, float], norm: float, o_vector: dict[str, float],
            o_norm: float) -> float:
    if not (norm and o_norm):
        return 0.0
    dot: float
    if len(o_vector) < len(vector):
        dot = sum(map(mul, o_vector.values(), map(vector.get, o_vector, repeat(0.0))))
    else:
        dot = sum(map(mul, vector.values(), map(o_vector.get, vector, repeat(0.0))))
    return dot / (norm * o_norm)


def merge_into(
    new: Sequence[Group], existing: list[Group], idf: Mapping[str, float]
) -> list[Group]:
    """Pass 2: each new group joins the most similar group of another article, else is
    appended as a story of its own. Returns ``existing`` (extended in place)."""
    index = _Index(existing, idf)
    _merge(new, index)
    return existing


def _merge(new: Sequence[Group], index: _Index, known: Sequence[_Facts] | None = None,
           joins: dict[Hashable, Why] | None = None) -> None:
    """Each group joins its best match or becomes a story (``known``: the groups' facts;
    ``joins``, when given, gets why each member of a group that joined a story did)."""
    alone: list[tuple[Group, _Facts]] = []  # those that joined no story, in order
    joined: list[tuple[int, set[Hashable]]] = []  # the stories others joined, and their docs

    def join(group: Group, best: int, why: Why | None) -> None:
        if joins is not None and why is not None:
            joins.update(zip(group.members, repeat(why)))
        index.absorb(best, group)

    for number, group in enumerate(new):
        facts = known[number] if known is not None else index.facts(group)
        best, why = index.best_match(group, facts, first=number == 0)
        if best is None:
            alone.append((group, facts))
            continue
        join(group, best, why)
        joined.append((best, group.docs))
    # side pieces and the stories of an article the others were joined with: each other's
    # closest (``mutual``)
    paired = index.mutual(alone, list(dict.fromkeys(n for n, _ in joined)))
    for at, (group, facts) in enumerate(alone):  # a piece of a story its article's other
        # pieces joined
        mine = list(dict.fromkeys(n for n, docs in joined if docs & group.docs))
        best, why = index.glue(group, facts, mine) if mine else (None, None)
        if best is None and at in paired:
            best, score, common = paired[at]
            why = index.why_mutual(score, common)
        if best is None:
            index.append(group, facts)
        else:
            join(group, best, why)


def assign(
    items: Sequence[Item], existing: Sequence[Group] = (), idf: Mapping[str, float] | None = None,
    dates: Mapping[Hashable, datetime] | None = None,
) -> list[Group]:
    """Group new claims (any number of articles, in article order) against existing stories.

    ``existing`` groups keep their members; new claims only ever add to them or form new
    groups. ``idf`` defaults to rarity over the new articles and existing stories together.
    ``dates``: the articles' publication times, where known (by ``Item.doc``).
    """
    by_doc: dict[Hashable, list[Item]] = {}
    for item in items:
        by_doc.setdefault(item.doc, []).append(item)
    if idf is None:
        idf = corpus_idf(items, existing)
    index = _Index(list(existing), idf, dates=spans(dates))
    for doc_items in by_doc.values():
        _merge(group_article(doc_items, idf), index)
    return index.groups


def assign_stored(
    docs: Sequence[Sequence[Item]],
    idf: Mapping[str, float],
    postings: Callable[[set[str]], Mapping[str, Iterable[int]]],
    stories: Callable[[Sequence[int]], Sequence[Group]],
    prepare: Callable[[Group], None],
    reasons: dict[Hashable, Why] | None = None,
    joins: dict[Hashable, Why] | None = None,
    dates: Mapping[Hashable, Span] | None = None,
    articles: Callable[[Sequence[Hashable]], Mapping[Hashable, frozenset[Hashable]]]
    | None = None,
) -> list[Group]:
    """``assign`` against stored stories read on demand, so its cost does not depend on how
    many are stored. Each article's own stories are made first (pass 1); ``postings`` gets
    their distinctive names and returns, per name, the stored stories that use it; of those,
    the ``candidates`` sharing most names with each new story (the only ones pass 2 can
    compare it with) are read by ``stories`` (in id order, terms not yet read, ``held``
    member counts), and ``prepare`` reads a story's terms (and makes ``idf`` cover them)
    when a new story is about to be compared with it. Then pass 2 runs as in ``assign``.
    ``reasons`` and ``joins``, when given, get why each claim went where it did in pass 1
    and, for those whose article's story joined another, in pass 2. ``dates``: the first
    and last publication time of the new articles and stored stories (by their ``docs``),
    read when ``stories`` is (the same mapping, filled in by the caller), where known.
    ``articles`` reads the articles stored stories hold claims of (by story id), for the
    few ``mutual`` looks at."""
    firsts = [group_article(items, idf, reasons) for items in docs]
    probe = _Index([], idf)
    facts = [[probe.facts(group) for group in groups] for groups in firsts]
    wanted = [found[3] for per_doc in facts for found in per_doc]
    by_name = postings(set().union(*wanted))
    chosen: set[int] = set()
    most = grouping_params().merge.candidates
    ordered: dict[str, list[int]] = {}  # each name's stories in id order, sorted once
    # (each set of names once: the same names choose the same stories, and ``chosen`` is
    # their union, whatever the order)
    for names in {frozenset(names) for names in wanted}:
        lists = []
        for name in sorted(names):
            ids = ordered.get(name)
            if ids is None:
                ids = ordered[name] = sorted(by_name.get(name, ()))
            lists.append(ids)
        every = set().union(*lists)
        if len(every) <= most:  # ``most_common`` would give them all
            chosen |= every
            continue
        found: Counter[int] = Counter()
        for ids in lists:
            found.update(ids)
        chosen.update(story for story, _ in found.most_common(most))
    stored = list(stories(sorted(chosen)))
    number_of = {group.story: number for number, group in enumerate(stored)}
    index = _Index(stored, idf, {
        name: [number_of[s] for s in ids if s in number_of] for name, ids in by_name.items()
    }, prepare, dates, articles)
    for groups, known in zip(firsts, facts, strict=True):
        _merge(groups, index, known, joins)  # a group's facts are as pass 1 left it
    return index.groups


def corpus_idf(items: Sequence[Item], existing: Sequence[Group] = ()) -> dict[str, float]:
    """Rarity of each word over the articles of ``items`` plus each existing story."""
    per_doc: dict[Hashable, set[str]] = {}
    for item in items:
        per_doc.setdefault(item.doc, set()).update(item.words())
    docs: list[Iterable[str]] = list(per_doc.values())
    docs.extend(group.words.keys() for group in existing)
    return idf_table(*document_frequencies(docs))


def spans(dates: Mapping[Hashable, datetime] | None) -> dict[Hashable, Span]:
    """Each article's publication time as the span ``_Index`` compares."""
    return {doc: (when, when) for doc, when in (dates or {}).items()}


def group(items: Sequence[Item], dates: Mapping[Hashable, datetime] | None = None
          ) -> list[list[Hashable]]:
    """Every claim of a corpus grouped into stories: a list of member keys per story
    (``dates``: the articles' publication times, where known)."""
    return [g.members for g in assign(items, dates=dates)]
