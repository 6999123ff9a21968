"""Pass 1 of story grouping: the stories of one article, claims in reading order.

An article reports one main event (headline and lead) and, around it, side events and
background. The first body claim seeds the main story (the headline frames it when they
share terms); every later claim joins the main story unless its wording or terms say
otherwise:

- it names another report or party ("a separate report", "two other shipbuilders"): a story
  of its own; it opens on another time ("In May, ...", "Since 2011, ..."): a side story it
  clearly continues, else its own;
- it goes on with a quotation the claim before left open (or closes one it did not open):
  the story of the claim before, the same speaker's words;
- it refers back ("He added", "The official said", a quotation continued, or "The plane ..."
  after a side story about a plane): the story of the claim before, unless it shares clearly
  more with another; a definite description whose noun the main story uses ("The deal ...")
  is about the main story; but one that quotes no one and brings names the article has not
  used while repeating little of the main story ("He was jailed in Tolsen in 2009") is news
  or context, placed as a claim bringing new names is (below);
- it only says who said or reported it ("The Journal first reported on the matter"): the
  main story, the one the article reports (a refusal, "X did not respond to requests for
  comment", answers the claim before instead);
- it dates what it says before the article's latest year ("founded in 1987"): background,
  like a claim that opens on another time;
- its subject is a name the main story does not recur to, sharing no other names with it;
  or it brings names the article has not used yet, another time, or follows a break in the
  page (a timestamp, a byline), while repeating little of the main story; or, after the
  article's lead, it repeats little of the main story and no unnamed source, refusal or
  denial stands behind it (context: background is stated on the record or by no one), or,
  far into the article, only such sources do and it quotes no one (``far``: another
  matter's rumour or report, "Bloomberg News reported on Tuesday the two were in merger
  talks"; an on-record source beside them keeps it): it joins the
  side story it shares most with, or starts one;
- otherwise it joins a side story only when it shares clearly more with it than with the
  main story; one that shares nothing with the main story starts a story of its own, or,
  when it shares nothing with any story, goes on with the claim before.

When the learned linker in force carries a rejoin step (``verifier.stories.rejoin``), once
every body claim is placed each small story other than the main one may join an earlier
story of the article it continues. A headline joins the story it shares most with, at its
front. Weights are IDF relative to
the rarest term (a rare word weighs 1, a name ``name_boost``), so thresholds do not depend on
how many articles the database holds; the article's running names (``protagonists``: those
most of its claims use) weigh nothing, as they cannot tell its events apart. Each decision
carries its rule (``group_article``'s ``reasons``: why a claim went where it did). The
thresholds (``join``, ``cover``, ...) are the ``article`` section of ``data/grouping.yaml``
(``verifier.stories.params``).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass, replace
from itertools import repeat

from verifier.stories import cues as cues
from verifier.stories.linker import Chooser, Decision, linker
from verifier.stories.params import ArticleParams, grouping_params
from verifier.stories.reasons import Number, Why, heaviest
from verifier.stories.rejoin import rejoin
from verifier.stories.terms import (
    Group,
    Item,
    acronyms,
    named_openings,
    stem,
    stopwords,
    top_of,
    words,
)


@dataclass(frozen=True, slots=True)
class Claim:
    """A claim's terms and weights, and what its wording says about its place."""

    item: Item
    terms: Counter[str]
    weights: dict[str, float]  # plain term -> weight
    speaker: frozenset[str]  # terms of who said it (not of what happened), and initials
    subject: str | None  # the name it opens on, when that is not who said it
    refers_back: bool
    on_event: bool  # it opens on the event itself ("The deal ...")
    subhead: bool  # a heading inside the body: it introduces what follows
    quiet: bool  # it only refuses or denies
    shift: int  # see verifier.stories.cues.shift
    heads: frozenset[str] = frozenset()  # stems after an opening "The" (a definite description)
    epithet: bool = False  # it describes a party already named ("the Norway striker")
    sourcing_only: bool = False  # it says who said or reported, nothing else
    describes: bool = False  # it describes a party (what it is or does): background
    quotes: bool = False  # it holds a quotation: a speaker's own words

    @property
    def total(self) -> float:
        return sum(self.weights.values()) or 1.0


def read_claim(item: Item, idf: Mapping[str, float], names: set[str], top: float,
               text: str | None = None, protagonists: frozenset[str] = frozenset()) -> Claim:
    """``names``: the article's names; ``top``: the rarest term's IDF; ``protagonists``: the
    names most of the article's claims use (they weigh nothing here: see ``protagonists``)."""
    terms = item.words() if text is None else words(text)
    text = item.text if text is None else text
    weights: dict[str, float] = {}
    params = grouping_params().article
    name_boost = params.name_boost
    said_by = {t[2:] for source in item.sources for t in words(" " + source)}
    beyond = 0.0  # the weight of its terms that do not name who said it
    for term in terms:
        plain = term[2:]
        boost = name_boost if plain in names else 1.0
        weight = idf.get(plain, top) / top * boost
        if plain not in said_by:
            beyond += weight
        if plain in protagonists:
            weight = 0.0
        weights[plain] = max(weights.get(plain, 0.0), weight)
    attributions = list(zip(item.kinds, item.sources, strict=False))
    opens = cues.subject_start(text)
    speaker = frozenset(
        t[2:] for kind, source in attributions
        if not (kind in params.actor_kinds and 0 <= text.find(source) - opens <= 4)
        for t in words(" " + source)
    ) | acronyms(text)  # initials are not new names either
    titled = cues.titled_opening(text)
    for name in ([titled] if titled else []) + cues.titled_names(text):
        # a party introduced by title ("Mayor Ann Cole ...") is not news of its own
        speaker |= {t[2:] for t in words(" " + name)}
    epithets = cues.epithets(text)
    for epithet in epithets:
        # "the Norway striker": the names describe a party already named, they are no news
        speaker |= {t[2:] for t in words(" " + epithet)}
    quiet = bool(item.kinds) and all(k in params.quiet_kinds for k in item.kinds)
    refers_back = not weights or cues.refers_back(text)
    # the words of who said it name no event ("The ministry said ..."), even as its actor
    heads = frozenset(stem(w) for w in cues.definite_heads(text)) - said_by
    subject = None
    opening = cues.opening_name(text)
    if opening and not refers_back and not quiet and not titled:
        plain = stem(opening)
        if plain in names and plain not in said_by and plain not in stopwords():
            subject = plain
    sourcing_only = bool(said_by) and beyond < params.sourcing_only
    return Claim(item, terms, weights, speaker, subject, refers_back, cues.names_the_event(text),
                 cues.is_subheading(text), quiet, cues.shift(text), heads, bool(epithets),
                 sourcing_only, quotes=cues.quotes(text))


def affinity(claim: Claim, group: Group) -> float:
    """The weight of the claim's terms the story uses: fully when its seed or two of its
    members use a term, half when one member does."""
    get, seed = group.words.get, group.seed  # Group.uses and Group.recurs, inlined
    return sum(
        weight * (1.0 if used > 1 or plain in seed else 0.5)
        for plain, weight in claim.weights.items()
        if (used := get("N:" + plain, 0) + get("W:" + plain, 0))
    )


class _Uses:
    """How often each story of an article uses each plain term (as name or word), kept as
    claims join, so a claim's affinity with every story (``scores``) costs a look-up per term
    it holds rather than two per term per story."""

    def __init__(self) -> None:
        self.uses: dict[str, dict[int, int]] = {}
        self.groups: dict[int, Group] = {}

    def add(self, group: Group, terms: Mapping[str, int]) -> None:
        """``group.words`` was just updated with ``terms``."""
        number = id(group)
        self.groups[number] = group
        uses = self.uses
        for term, count in terms.items():
            counts = uses.setdefault(term[2:], {})
            counts[number] = counts.get(number, 0) + count

    def scores(self, claim: Claim, groups: Sequence[Group]) -> dict[int, float]:
        """``affinity(claim, g)`` for each of the article's stories, by ``id``: the same
        terms added in the same order, so the same floats."""
        found: dict[int, float] = dict.fromkeys(map(id, groups), 0)
        every = self.groups
        for plain, weight in claim.weights.items():
            users = self.uses.get(plain)
            if users:
                for number, used in users.items():
                    found[number] += weight * (
                        1.0 if used > 1 or plain in every[number].seed else 0.5)
        return found


def protagonists(items: Sequence[Item], names: set[str], p: ArticleParams) -> frozenset[str]:
    """The names at least ``protagonist_claims`` and more than ``protagonist_share`` of an
    article's claims use: its running parties ("Fernandes" in every sentence of a transfer
    story). Every story of the article uses them, so they cannot tell its events apart:
    within the article they weigh nothing (across articles they count)."""
    spread = Counter(plain for item in items
                     for plain in {t[2:] for t in item.words() if t[2:] in names})
    most = max(p.protagonist_share * len(items), p.protagonist_claims - 1)
    return frozenset(name for name, count in spread.items() if count > most)


def group_article(items: Sequence[Item], idf: Mapping[str, float],
                  reasons: dict[Hashable, Why] | None = None,
                  chooser: Chooser | None = None) -> list[Group]:
    """The stories of one article; the first group is its main story. ``reasons``, when
    given, is filled with why each claim went where it did (claim key -> the rule, with its
    numbers and terms: ``verifier.stories.reasons``). ``chooser``: what places each body
    claim after the first given the rules' choice (default: the learned linker in force,
    ``verifier.stories.linker``, if any; else the rules decide)."""
    if chooser is None:
        chooser = linker()
    ordered, names = _named(items)
    latest = max((y for item in ordered for y in cues.years(item.text)), default=None)
    top = top_of(idf)
    p = grouping_params().article
    running = protagonists(ordered, names, p)
    headline = None
    if len(ordered) > 2 and cues.is_headline(ordered[0].text):
        headline, ordered = ordered[0], ordered[1:]
    # names the headline holds beyond its lead's announce another event of the article
    # ("Velmont sign Brandt, Tolsen deny Osei bid"): in the opening they still take a claim
    # away (`opening_new`)
    announced = frozenset(
        t[2:] for t in (headline.words() if headline is not None else ()) if t.startswith("N:")
    ) - frozenset(t[2:] for t in (ordered[0].words() if ordered else ()))
    captions = [item for item in ordered if cues.is_caption(item.text)]
    if captions:
        ordered = [item for item in ordered if item not in captions]
    body = _Body(idf, names, top, p, running, latest, announced, headline, chooser,
                 len(ordered), _later_names(ordered, names))
    for earlier, item in enumerate(ordered):  # earlier: body claims placed before it
        body.place(earlier, item)
    groups = body.groups
    rejoiner = getattr(chooser, "rejoin", None)
    if rejoiner is not None and len(groups) > 1:
        # small stories joined to an earlier story they continue (``verifier.stories.rejoin``)
        groups = rejoin(groups, body.claims, [item.key for item in ordered], body.rules, names,
                        rejoiner, rejoiner.small, body.rules)
    if reasons is not None:
        reasons.update(body.rules)
    for caption in captions:
        placed_caption = _place_caption(read_claim(caption, idf, names, top), groups, p)
        if reasons is not None:
            reasons[caption.key] = placed_caption
    if headline is not None:
        placed = _place_headline(
            read_claim(headline, idf, names, top, _headline_clause(headline)), groups, p)
        if reasons is not None:
            reasons[headline.key] = placed
    return groups


def _named(items: Sequence[Item]) -> tuple[list[Item], set[str]]:
    """The article's claims in reading order (a possessive opening one names a party:
    "Biya's disappearance ..."), and the names they use (a sentence's first word too when an
    apposition describes it: "Brask, a rival carmaker, ...")."""
    ordered = sorted(items, key=lambda i: i.position)
    names = {t[2:] for item in ordered for t in item.words() if t.startswith("N:")}
    # a sentence's first word says nothing by its capital, unless an apposition describes it
    # ("Brask, a rival carmaker, ..."): then it names a party
    names |= {stem(found) for item in ordered
              if (found := cues.introduced_name(item.text)) is not None}
    # ... and so does a possessive ("Biya's disappearance ...")
    ordered = named_openings(ordered)
    names |= {t[2:] for item in ordered for t in item.words() if t.startswith("N:")}
    return ordered, names


def _later_names(ordered: Sequence[Item], names: set[str]) -> dict[Hashable, frozenset[str]]:
    """Per claim of an article (in reading order), the names its later claims use."""
    later: dict[Hashable, frozenset[str]] = {}
    seen: frozenset[str] = frozenset()
    for item in reversed(ordered):
        later[item.key] = seen
        seen = seen | {t[2:] for t in item.words() if t[2:] in names}
    return later


class _Body:
    """Pass 1 over an article's body claims in reading order: the stories so far and what
    the claim before left (its story, place, quotation), each claim placed by the rules
    (``_choose``) and then the chooser in force."""

    def __init__(self, idf: Mapping[str, float], names: set[str], top: float,
                 p: ArticleParams, running: frozenset[str], latest: int | None,
                 announced: frozenset[str], headline: Item | None, chooser: Chooser | None,
                 body: int, later: Mapping[Hashable, frozenset[str]]) -> None:
        self.idf, self.names, self.top, self.p = idf, names, top, p
        self.running, self.latest, self.announced = running, latest, announced
        self.headline, self.chooser = headline, chooser
        self.body = body  # how many body claims the article has
        self.later = later  # the names later claims use, per claim
        self.groups: list[Group] = []
        self.seen: set[str] = set()
        self.previous: Group | None = None
        self.last = 0
        self.quoting = False  # the claim before left a quotation open
        self.quoted = False  # the claim before holds a quotation
        self.uses = _Uses()
        self.claims: dict[Hashable, Claim] = {}  # each body claim read, for the rejoin step
        self.rules: dict[Hashable, Why] = {}  # ... and the reason it was placed by
        self.ends: dict[int, int] = {}  # each story's last body claim's place (by id)
        self.at: dict[int, int] = {}  # ... and its position in the article, sentences counted

    def place(self, earlier: int, item: Item) -> None:
        """Place one body claim (``earlier``: how many were placed before it)."""
        claim = self.background(read_claim(item, self.idf, self.names, self.top,
                                           protagonists=self.running), item.text)
        continues, self.quoting = cues.quotation(
            item.text, self.quoting and item.position == self.last + 1)
        target: Group | None = None
        reason = _FIRST
        if self.previous is not None:
            target, reason = self.choice(claim, item, earlier, continues, self.previous)
        if target is None:
            target = Group()
            self.groups.append(target)
        target.add(item, claim.terms)
        self.uses.add(target, claim.terms)
        self.claims[item.key] = claim
        self.rules[item.key] = reason
        if self.headline is not None and len(self.groups) == 1 and len(target.members) == 1:
            self.framed(target, self.headline)
        self.seen.update(claim.weights)
        self.previous, self.last, self.quoted = target, item.position, claim.quotes
        self.ends[id(target)] = earlier
        self.at[id(target)] = item.position

    def background(self, claim: Claim, text: str) -> Claim:
        """The claim as background (shift 2) when its dated years are before the article's
        latest, or when it says what a party is (``describes``)."""
        if claim.shift < 2 and self.latest is not None and any(
                y < self.latest for y in cues.dated_years(text)):
            return replace(claim, shift=2)
        if claim.shift < 2 and cues.describes(text):
            return replace(claim, shift=2, describes=True)
        return claim

    def choice(self, claim: Claim, item: Item, earlier: int, continues: bool,
               previous: Group) -> tuple[Group | None, Why]:
        """Where a claim after the first goes: the story of a quotation it goes on with, else
        the rules' choice; then the chooser's, unless it says it would keep the rules'."""
        groups, p = self.groups, self.p
        scores = self.uses.scores(claim, groups)
        gap = item.position > self.last + 1
        target: Group | None = previous
        reason = _QUOTATION
        if not continues:
            target, reason = _choose(claim, groups, previous, self.seen, gap, self.names, p,
                                     scores, earlier, self.announced,
                                     self.later.get(item.key, frozenset()))
        chooser = self.chooser
        weighs = getattr(chooser, "weighs", None)
        if chooser is not None and (weighs is None or weighs(target, reason)):
            fresh, covered = _fresh_cover(claim, groups[0], self.seen, self.names,
                                          scores[id(groups[0])])
            target, reason = chooser.choose(Decision(
                claim, groups, previous, scores, target, reason, continues, gap,
                earlier, self.ends, fresh, covered, self.names, p, self.at, self.body,
                self.quoted))
        return target, reason

    def framed(self, target: Group, headline: Item) -> None:
        """The headline frames the main story (its first claim's) when it shares ``join``
        with it: the headline's first clause's terms added to the story's."""
        frame = read_claim(headline, self.idf, self.names, self.top,
                           cues.first_clause(headline.text))
        if affinity(frame, target) >= self.p.join:
            target.words.update(frame.terms)  # the headline frames the main story
            self.uses.add(target, frame.terms)


def _headline_clause(headline: Item) -> str:
    """What a headline is placed by: the whole of it, or, when it joins two events ("Kang
    completes Fulham move, Everton deny Okafor bid"), the clause that holds its source (the
    party whose words it reports) when that is the second."""
    text = headline.text
    first = cues.first_clause(text)
    if first != text and any(source and text.find(source) >= len(first)
                             for source in headline.sources):
        return text[len(first):].lstrip(", ")
    return text


def _place_headline(claim: Claim, groups: list[Group], p: ArticleParams) -> Why:
    """A headline joins the story it shares most with, at its front, when that is at least
    ``join``; one that shares less with every story, but something, names the article's event
    in other words ("Impending government reshuffle" over "the PM could announce a reshuffle
    ...") and joins the main story; one sharing nothing stands apart."""
    best = max(groups, key=lambda g: affinity(claim, g), default=None)
    score = affinity(claim, best) if best is not None else 0.0
    rule = "headline"
    if best is not None and 0 < score < p.join:
        best, rule = groups[0], "headline_main"
    elif best is None or score < p.join:
        best = Group()
        groups.insert(0, best)
    best.members.insert(0, claim.item.key)
    best.words.update(claim.terms)
    best.docs.add(claim.item.doc)
    return Why(rule, (Number("story", score, ">=" if score >= p.join else "<", "join",
                             p.join),))


def _place_caption(claim: Claim, groups: list[Group], p: ArticleParams) -> Why:
    """A photo caption joins the story it shares most with when that is at least ``join``,
    else stands apart (what a picture shows is background)."""
    best = max(groups, key=lambda g: affinity(claim, g), default=None)
    score = affinity(claim, best) if best is not None else 0.0
    if best is None or score < p.join:
        best = Group()
        groups.append(best)
    best.add(claim.item, claim.terms)
    return Why("caption", (Number("story", score, ">=" if score >= p.join else "<", "join",
                                  p.join),))


_FIRST = Why("first")
_QUOTATION = Why("quotation")
_SEPARATE = Why("separate", (Number("shift", 3),))


def _choose(claim: Claim, groups: Sequence[Group], previous: Group, seen: set[str],
            gap: bool, names: set[str], p: ArticleParams,
            scores: dict[int, float] | None = None, placed: int = 0,
            announced: frozenset[str] = frozenset(), later: frozenset[str] = frozenset()
            ) -> tuple[Group | None, Why]:
    """The story a claim joins (None when it starts one of its own), and why (``scores``:
    the claim's ``affinity`` with each story, by ``id``, when known; ``placed``: how many of
    the article's body claims come before it; ``announced``: the names the headline holds
    beyond the lead's; ``later``: the names the article's later claims use)."""
    if scores is None:
        scores = {id(g): affinity(claim, g) for g in groups}
    return _Choice(claim, groups, previous, gap, names, p, scores, placed, announced,
                   later).made(seen)


class _Choice:
    """Pass 1's rules for one claim (``_choose``): what they read of the claim and of the
    article's stories so far, and their decisions in the order they are taken."""

    __slots__ = ("announced", "claim", "gap", "groups", "later", "main", "names", "on_main",
                 "p", "placed", "previous", "scores", "side", "side_score")

    def __init__(self, claim: Claim, groups: Sequence[Group], previous: Group, gap: bool,
                 names: set[str], p: ArticleParams, scores: dict[int, float], placed: int,
                 announced: frozenset[str], later: frozenset[str]) -> None:
        self.claim, self.groups, self.previous, self.gap = claim, groups, previous, gap
        self.names, self.p, self.scores = names, p, scores
        self.placed, self.announced, self.later = placed, announced, later
        self.main = groups[0]
        self.on_main = scores[id(self.main)]
        #: the side story the claim shares most with (the first of equals), and how much
        side: tuple[float, Group | None] = max(((scores[id(g)], g) for g in groups[1:]),
                                               key=lambda sg: sg[0], default=(0.0, None))
        self.side_score, self.side = side

    def made(self, seen: set[str]) -> tuple[Group | None, Why]:
        """The choice (``seen``: the names the article used before the claim)."""
        claim, p, main = self.claim, self.p, self.main
        if claim.shift == 3:
            return None, _SEPARATE
        if claim.shift == 2:
            return self.other_time()
        fresh_names = _fresh_names(claim, seen, self.names)
        fresh = sum(claim.weights[t] for t in fresh_names)
        covered = _cover(claim, main, self.on_main)
        low = covered < p.cover
        # a denial of the report the article is about answers its story: its names are no news
        answers = (low and fresh >= p.new and any(k in p.answer_kinds for k in claim.item.kinds)
                   and cues.names_the_report(claim.item.text))
        # "He was arrested in Rawalpindi in 2003": a back-reference that quotes no one and
        # brings new names is news or context (what a party did before, figures), not more of
        # the claim before
        news = (claim.refers_back and not claim.quotes and low and fresh >= p.back_new
                and not answers)
        if not news and (claim.refers_back or (self.previous is not main and any(
                self.previous.words.get("W:" + h) for h in claim.heads))):
            # "He added ...", or "The plane ..." after a sentence about a plane
            return self.back()
        if claim.sourcing_only and not claim.quiet:
            return main, Why("sourcing")
        why = self.departure(fresh_names, fresh, covered, news, answers)
        on_event = claim.on_event or any(main.words.get("W:" + h) for h in claim.heads)
        if why is not None and not on_event and not claim.subhead:
            return self.departed(why)
        return self.stayed(why, on_event, fresh, answers)

    def other_time(self) -> tuple[Group | None, Why]:
        """A claim of another time (or a description): the side story it shares most with,
        if at least ``stay`` and as much as the main story, else a story of its own."""
        claim, p, side, side_score, on_main = (self.claim, self.p, self.side, self.side_score,
                                               self.on_main)
        kind = "description" if claim.describes else "other_time"
        if side is not None and side_score >= max(p.stay, on_main):
            return side, Why(kind + "_side", (
                Number("side", side_score, ">=", "stay", p.stay), Number("main", on_main)))
        return None, Why(kind, (Number("shift", 2),) if not claim.describes else ())

    def back(self) -> tuple[Group | None, Why]:
        """A claim that refers back: the story of the claim before, unless another shares
        ``jump`` more with it."""
        scores, previous, p = self.scores, self.previous, self.p
        stay = scores[id(previous)]
        best_score, best = max(((scores[id(g)], g) for g in self.groups), key=lambda sg: sg[0])
        if best is not previous and best_score - stay >= p.jump:
            return best, Why("back_jump", (
                Number("story", best_score, ">=", "before + jump", stay + p.jump),
                Number("before", stay)))
        return previous, Why("back", (Number("before", stay),))

    def departure(self, fresh_names: list[str], fresh: float, covered: float, news: bool,
                  answers: bool) -> Why | None:
        """Why the claim would leave the main story, if it would: news a back-reference
        brings, a subject of its own, or (repeating little of the main story) what
        ``thin`` finds."""
        claim, p, main = self.claim, self.p, self.main
        cover = Number("cover", covered, "<", "cover", p.cover)
        if news:
            return Why("back_news", (Number("fresh", fresh, ">=", "back_new", p.back_new),
                                     cover), heaviest(claim.weights, fresh_names))
        if (claim.subject is not None and not main.recurs(claim.subject)
                and (shared := _shared_names(claim, main, self.names)) < p.subject):
            return Why("subject", (Number("names", shared, "<", "subject", p.subject),),
                       (claim.subject,))
        if covered >= p.cover:
            return None
        return self.thin(fresh_names, fresh, cover, answers)

    def thin(self, fresh_names: list[str], fresh: float, cover: Number,
             answers: bool) -> Why | None:
        """Why a claim that repeats little of the main story would leave it: names new to
        the article (more needed in the opening, unless the headline announced them),
        another time inside it, a break before it, context after the lead, or far into the
        article what only an unnamed source or a report adds."""
        claim, p, placed = self.claim, self.p, self.placed
        # in the opening a claim brings in the main story's parties: one new name is no news,
        # unless the headline announced it as another event
        needed, needed_name = ((p.opening_new, "opening_new")
                               if placed < p.opening and not self.announced.intersection(
                                   fresh_names)
                               else (p.new, "new"))
        if fresh >= needed and not answers and self.news_names(fresh_names, cover.value):
            return Why("new_names", (Number("fresh", fresh, ">=", needed_name, needed), cover),
                       heaviest(claim.weights, fresh_names))
        if claim.shift:
            return Why("inner_time", (Number("shift", claim.shift), cover))
        if self.gap:
            return Why("after_break", (cover,))
        if not self.on_main:
            return None
        if placed >= p.lead and not any(k in p.anchor_kinds for k in claim.item.kinds):
            return Why("context", (Number("claims before", placed, ">=", "lead", p.lead), cover))
        if (placed >= p.deep and not claim.quotes
                and all(k in p.anchor_kinds for k in claim.item.kinds)):
            # far into the article, what only an unnamed source or a report adds, repeating
            # little of the main story, is a side matter's or context, as an unsourced claim
            # is after the lead ("Bloomberg News reported on Tuesday the companies were in
            # talks")
            return Why("far", (Number("claims before", placed, ">=", "deep", p.deep), cover))
        return None

    def news_names(self, fresh_names: list[str], covered: float) -> bool:
        """Whether the names new to the article a claim brings take it away: always when it
        repeats less than ``new_cover`` of the main story or has no source; else only when
        a later claim of the article uses one of them again (a thread of their own), not
        when it tells the main event with a party named once."""
        return (covered < self.p.new_cover or not self.claim.item.kinds
                or any(name in self.later for name in fresh_names))

    def departed(self, why: Why) -> tuple[Group | None, Why]:
        """A claim that leaves the main story: the side story it shares more with than with
        the main one (at least ``join``), else a story of its own."""
        side, side_score, p = self.side, self.side_score, self.p
        if side is not None and side_score >= p.join and side_score > self.on_main:
            return side, Why(why.rule + ".side", (
                *why.numbers, Number("side", side_score, ">=", "join", p.join)), why.terms)
        return None, Why(why.rule + ".own", why.numbers, why.terms)

    def stayed(self, why: Why | None, on_event: bool, fresh: float,
               answers: bool) -> tuple[Group | None, Why]:
        """A claim with no reason to leave (or a heading, or on the main event): a side story
        it shares ``margin`` times more with (and at least ``join``, ``quiet_join`` for a
        claim that only refuses or denies), else the main story; when it shares nothing
        with the main story, the claim before's story or one of its own."""
        claim, p, main, side, side_score, on_main = (self.claim, self.p, self.main, self.side,
                                                     self.side_score, self.on_main)
        join, named = (p.quiet_join, "quiet_join") if claim.quiet else (p.join, "join")
        if side is not None and side_score >= join and side_score > on_main * p.margin:
            return side, Why("side", (Number("side", side_score, ">=", named, join),
                                      Number("main", on_main, "x", "margin", p.margin)),
                             _shared_terms(claim, side))
        if on_main == 0:
            if side_score == 0:
                if answers:
                    return self.previous, Why("answer_before", (
                        Number("fresh", fresh, ">=", "new", p.new),))
                return self.previous, Why("nothing")
            return None, Why("apart", (Number("side", side_score, "<", named, join),))
        if answers:
            return main, Why("answer", (Number("fresh", fresh, ">=", "new", p.new),
                                        Number("main", on_main)), _shared_terms(claim, main))
        if why is not None and claim.subhead and not on_event:
            # a heading inside the body would depart, but it introduces what follows: the
            # main story, whose next part it heads ("China attentive to Ban's possible visit")
            return main, Why("heading", (Number("main", on_main), *why.numbers), why.terms)
        return main, Why("main", (Number("main", on_main),
                                  *((Number("side", side_score),) if side_score else ())),
                         _shared_terms(claim, main))


def _fresh_names(claim: Claim, seen: set[str], names: set[str]) -> list[str]:
    """The names new to the article a claim brings, its speaker's aside (none when it only
    refuses or denies)."""
    if claim.quiet:
        return []
    return [t for t in claim.weights if t in names and t not in seen and t not in claim.speaker]


def _cover(claim: Claim, main: Group, on_main: float) -> float:
    """The share of the main story a claim repeats (or of its seed, if more)."""
    return max(on_main / claim.total, _seed_cover(claim, main))


def _fresh_cover(claim: Claim, main: Group, seen: set[str], names: set[str],
                 on_main: float) -> tuple[float, float]:
    """The weight of the names new to the article a claim brings and the share of the main
    story it repeats, as ``_choose`` weighs them (for the linker's features)."""
    fresh = sum(claim.weights[t] for t in _fresh_names(claim, seen, names))
    return fresh, _cover(claim, main, on_main)


def _shared_terms(claim: Claim, group: Group) -> tuple[str, ...]:
    """The heaviest terms a claim shares with a story."""
    get = group.words.get
    return heaviest(claim.weights, [t for t in claim.weights
                                    if claim.weights[t] and (get("N:" + t) or get("W:" + t))])


def _shared_names(claim: Claim, group: Group, names: set[str]) -> float:
    """The weight of names other than its subject a claim shares with a story."""
    return sum(
        w for t, w in claim.weights.items()
        if t in names and t != claim.subject and t not in claim.speaker and group.recurs(t)
    )


def _seed_cover(claim: Claim, group: Group) -> float:
    """The share of the story's first claim (its seed: headline or lead) the claim repeats."""
    # the seed is a set, iterated in hash order: ``fsum`` adds exactly, so the share is the
    # same whatever the order (PYTHONHASHSEED)
    weight = claim.weights.get
    seed = math.fsum(map(weight, group.seed, repeat(0.0)))
    whole = math.fsum(map(weight, group.seed, repeat(1.0)))
    return seed / whole if whole else 0.0
