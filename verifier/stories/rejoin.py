"""Pass 1's rejoin step: an article's small stories joined to a story they continue.

Pass 1 places each claim in reading order and cannot read the claims after it, so a run of
claims about one event that departs from the main story ("Kim then extended the peace
momentum to the U.S. ...", "Kim plans to meet with Trump ...", "However, Trump remains firm
...") can end up as several stories of one claim each, and a sub-event told in two places
of the article as two stories. Once the article's claims are placed, the rejoin step looks
at each story other than the main one that holds at most ``Rejoiner.small`` claims, in the
order the stories were started, and either leaves it apart or joins it to one of the
stories started before it: for each of those it adds up the weights of the features that
fire (names and words the two share, the same speaker, how close they lie, whether the
other holds the claim right before it, the rule that started the small story ...), and
for "apart" the weights of what the small story is (its size, its first claim's rule, a
quiet or unsourced claim, another time ...). It joins the story scoring highest when that
scores ``margin`` more than "apart" (a conditional logit: the weights are the ``rejoin``
section of ``verifier/data/models/linker.yaml``, trained by ``bench/train_linker.py
--rejoin`` on the labelled sets, measured leave-one-set-out). The first claim of a story
rejoined carries the reason ``rejoin`` with its score against "apart" and the features
that weighed most. The packaged linker file carries no ``rejoin`` section: measured
leave-one-set-out on the nine labelled sets no trained step held in every fold
(``bench/real/grouping.md``, session 22), so grouping is the rules' and the linker's.

Pure: no database, no randomness; features are plain numbers named in ``FEATURES``.
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

from verifier.errors import ConfigError
from verifier.model_files import check_margin, check_weights
from verifier.stories.reasons import Number, Why, top_gains

if TYPE_CHECKING:
    from verifier.stories.article import Claim
    from verifier.stories.terms import Group

#: Features of an earlier story of the article as the small story's candidate.
JOIN_FEATURES: dict[str, str] = {
    "join": "an earlier story of the article (constant)",
    "adjacent": "it holds the claim right before the small story's first",
    "follows": "it holds the claim right after the small story's last",
    "between": "log(1 + body claims between the two stories' nearest claims)",
    "sentences": "log(1 + sentences between the two stories' nearest claims)",
    "names": "log(1 + weight of names the small story shares with it)",
    "two_names": "the small story shares two names or more with it",
    "words": "log(1 + weight of other words the small story shares with it)",
    "cover": "share of the small story's weight it uses",
    "overlap": "share of the small story's terms it uses, each counted once (running names too)",
    "seed": "share of its first claim the small story repeats",
    "main": "it is the main story",
    "size": "log(1 + its claims)",
    "single": "it holds one claim",
    "speaker": "a source of the small story speaks in it",
    "heads": "the small story's definite description names a word of it",
    "subject": "the small story's subject is a name it uses",
    "closest": "of the earlier stories, the one the small story shares most with",
}

#: Features of "apart": the small story left as it is.
APART_FEATURES: dict[str, str] = {
    "apart": "the small story stays apart (constant)",
    "apart_size": "log(1 + the small story's claims)",
    "apart_through": "how far through the article its first claim is (0 first, 1 last)",
    "apart_unsourced": "no one stands behind its first claim",
    "apart_quiet": "its first claim only refuses or denies",
    "apart_quotes": "its first claim holds a quotation",
    "apart_other_time": "its first claim opens on another time or dates what it says earlier",
    "apart_describes": "its first claim describes a party",
    "apart_subhead": "its first claim is a heading inside the body",
    "apart_refers_back": "its first claim refers back",
    "apart_lonely": "it shares nothing with any earlier story",
    "apart_stories": "log(1 + the stories the article holds)",
}

#: The rules (pass 1's and the linker's) that can start a story, as "apart" features
#: (``apart_rule:<id>`` fires when that rule placed the small story's first claim).
START_RULES = (
    "separate", "other_time", "description", "apart",
    *(f"{key}.own" for key in ("subject", "new_names", "inner_time", "after_break",
                               "context", "back_news", "far")),
    "linker.own",
)

RULE_FEATURES: dict[str, str] = {f"apart_rule:{rule}": f"the rules started it by `{rule}`"
                                 for rule in START_RULES}

#: Every feature the rejoin step may weigh, and what it measures.
FEATURES: dict[str, str] = {**JOIN_FEATURES, **APART_FEATURES, **RULE_FEATURES}

#: The reason's id on the first claim of a story rejoined.
RULE = "rejoin"
#: How many features a reason names.
SHOWN = 4

Features = dict[str, float]


@dataclass(frozen=True, slots=True)
class Small:
    """One small story's decision: the story (``group``), the earlier stories it may join
    (``earlier``, in the order they were started), and each one's features, then "apart"'s
    (last)."""

    group: Group
    earlier: Sequence[Group]
    found: Sequence[Features]


class Decider(Protocol):
    """What decides a small story: the ``Rejoiner``, or a trainer's recorder."""

    def decide(self, small: Small) -> tuple[int | None, Why | None]:
        """The earlier story it joins (its index in ``small.earlier``; None: apart), and
        the reason its first claim carries then."""
        ...


@dataclass(frozen=True, slots=True)
class Rejoiner:
    """The learned weights of the rejoin step and how far it reaches."""

    weights: Mapping[str, float]
    #: It joins a story only when the join scores this much more than "apart" ...
    margin: float = 0.0
    #: ... and only stories of at most this many claims.
    small: int = 2

    def score(self, features: Features) -> float:
        get = self.weights.get
        return math.fsum(get(name, 0.0) * value for name, value in features.items())

    def decide(self, small: Small) -> tuple[int | None, Why | None]:
        scores = [self.score(f) for f in small.found]
        apart = scores[-1]
        best = max(range(len(scores) - 1), key=lambda n: (scores[n], -n), default=None)
        if best is None or scores[best] - apart < self.margin:
            return None, None
        return best, self.why(small.found[best], scores[best], small.found[-1], apart)

    def why(self, chosen: Features, score: float, apart: Features, apart_score: float) -> Why:
        """The reason: the join's score against "apart"'s, and the features that made the
        difference (weight x value, largest first; one only "apart" has weighs against
        it)."""
        gain, top = top_gains(self.weights, chosen, apart, SHOWN)
        return Why(RULE, (Number("rejoin", score, ">", "apart", apart_score),
                          *(Number("rejoin:" + name, gain[name]) for name in top)))


def rejoin(groups: list[Group], claims: Mapping[Hashable, Claim], body: Sequence[Hashable],
           rules: Mapping[Hashable, Why], names: set[str], decider: Decider, small: int,
           reasons: dict[Hashable, Why] | None = None) -> list[Group]:
    """``groups`` (the article's stories, the main one first, each with its body claims in
    reading order) with each small story ``decider`` joins merged into the earlier story it
    chose; ``claims``: each body claim read; ``body``: the body claims' keys in reading
    order; ``rules``: the reason each was placed by; ``names``: the article's names."""
    place = {key: n for n, key in enumerate(body)}
    alive = list(groups)  # the stories not joined to another (by identity: ``is``)
    for group in groups[1:]:
        if len(group.members) > small:
            continue
        at = next(n for n, g in enumerate(alive) if g is group)
        earlier = alive[:at]
        weights = _terms(group, claims)
        joins = [_join(group, weights, other, groups[0], claims, place, names)
                 for other in earlier]
        top = max(shared for _, shared in joins)
        for f, shared in joins:
            if shared and shared >= top:
                f["closest"] = 1.0
        found = [*(f for f, _ in joins),
                 _apart(group, weights, earlier, claims, place, rules, len(alive))]
        chosen, why = decider.decide(Small(group, earlier, found))
        if chosen is None:
            continue
        target = earlier[chosen]
        target.members.extend(group.members)
        target.members.sort(key=place.__getitem__)
        target.words.update(group.words)
        target.docs |= group.docs
        del alive[at]
        if reasons is not None and why is not None:
            reasons[group.members[0]] = why
    return alive


def _terms(group: Group, claims: Mapping[Hashable, Claim]) -> dict[str, float]:
    """A story's plain terms with the greatest weight any of its claims gives each."""
    found: dict[str, float] = {}
    for key in group.members:
        for term, weight in claims[key].weights.items():
            if weight > found.get(term, 0.0):
                found[term] = weight
            else:
                found.setdefault(term, weight)
    return found


def _join(group: Group, weights: Mapping[str, float], other: Group, main: Group,
          claims: Mapping[Hashable, Claim], place: Mapping[Hashable, int],
          names: set[str]) -> tuple[Features, float]:
    """The features of an earlier story (``other``) as the small story's (``group``, its
    terms ``weights``) candidate, and the weight the two share (in this order: a reason's
    ties go to the feature named first)."""
    f: Features = {"join": 1.0}
    _how_far(f, group, other, claims, place)
    shared = _what_is_shared(f, group, weights, other, claims, names)
    if other is main:
        f["main"] = 1.0
    f["size"] = math.log1p(len(other.members))
    if len(other.members) == 1:
        f["single"] = 1.0
    _same_parties(f, group, other, claims)
    return f, shared


def _how_far(f: Features, group: Group, other: Group, claims: Mapping[Hashable, Claim],
             place: Mapping[Hashable, int]) -> None:
    """Whether the small story comes right after the other's claim or right before one, and
    how many body claims and sentences stand between the two."""
    first, last = place[group.members[0]], place[group.members[-1]]
    theirs = [place[k] for k in other.members]
    if first - 1 in theirs:
        f["adjacent"] = 1.0
    if last + 1 in theirs:
        f["follows"] = 1.0
    mine = [place[k] for k in group.members]
    between = min(abs(a - b) for a in mine for b in theirs) - 1
    f["between"] = math.log1p(max(between, 0))
    positions = [claims[k].item.position for k in group.members]
    other_positions = [claims[k].item.position for k in other.members]
    gap = min(abs(a - b) for a in positions for b in other_positions) - 1
    f["sentences"] = math.log1p(max(gap, 0))


def _what_is_shared(f: Features, group: Group, weights: Mapping[str, float], other: Group,
                    claims: Mapping[Hashable, Claim], names: set[str]) -> float:
    """The names and words the two share (two names or more), the share of the small
    story's terms the other uses and of its weight, the other's seed it repeats; returns
    the weight shared."""
    get = other.words.get
    total = math.fsum(weights.values()) or 1.0
    # a name of the article, however the other story spells it (a sentence's opening word
    # reads as a plain word)
    shared_names = [w for t, w in weights.items()
                    if t in names and (get("N:" + t) or get("W:" + t))]
    shared_words = [w for t, w in weights.items()
                    if t not in names and (get("W:" + t) or get("N:" + t))]
    named = math.fsum(shared_names)
    if named:
        f["names"] = math.log1p(named)
    if sum(1 for w in shared_names if w > 0) >= 2:
        f["two_names"] = 1.0
    worded = math.fsum(shared_words)
    if worded:
        f["words"] = math.log1p(worded)
    plain = {t[2:] for k in group.members for t in claims[k].terms}
    if plain:
        used = sum(1 for t in plain if get("N:" + t) or get("W:" + t))
        if used:
            f["overlap"] = used / len(plain)
    shared = math.fsum(w for t, w in weights.items() if get("N:" + t) or get("W:" + t))
    if shared:
        f["cover"] = shared / total
    seed = other.seed
    if seed:
        whole = math.fsum(weights.get(t, 0.0) for t in seed)
        all_seed = math.fsum(claims[other.members[0]].weights.get(t, 0.0) for t in seed)
        if whole and all_seed:
            f["seed"] = min(whole / all_seed, 1.0)
    return shared


def _same_parties(f: Features, group: Group, other: Group,
                  claims: Mapping[Hashable, Claim]) -> None:
    """The small story's speakers, heads and subject among the other's words."""
    get = other.words.get
    speakers = {t for k in group.members for t in claims[k].speaker}
    if any(get("N:" + t) or get("W:" + t) for t in speakers):
        f["speaker"] = 1.0
    if any(get("W:" + h) for k in group.members for h in claims[k].heads):
        f["heads"] = 1.0
    subject = claims[group.members[0]].subject
    if subject is not None and other.recurs(subject):
        f["subject"] = 1.0


def _apart(group: Group, weights: Mapping[str, float], earlier: Sequence[Group],
           claims: Mapping[Hashable, Claim], place: Mapping[Hashable, int],
           rules: Mapping[Hashable, Why], stories: int) -> Features:
    """The features of "apart" for the small story (``group``, its terms ``weights``)."""
    key = group.members[0]
    claim = claims[key]
    f: Features = {"apart": 1.0, "apart_size": math.log1p(len(group.members))}
    body = len(place)
    f["apart_through"] = place[key] / (body - 1) if body > 1 else 0.0
    flags = {"apart_unsourced": not claim.item.kinds, "apart_quiet": claim.quiet,
             "apart_quotes": claim.quotes, "apart_other_time": claim.shift == 2,
             "apart_describes": claim.describes, "apart_subhead": claim.subhead,
             "apart_refers_back": claim.refers_back}
    f.update({name: 1.0 for name, on in flags.items() if on})
    why = rules.get(key)
    if why is not None and why.rule in START_RULES:
        f["apart_rule:" + why.rule] = 1.0
    if not any(g.words.get("N:" + t) or g.words.get("W:" + t)
               for g in earlier for t, w in weights.items() if w):
        f["apart_lonely"] = 1.0
    f["apart_stories"] = math.log1p(stories)
    return f


def parse_rejoiner(raw: Any, where: str) -> Rejoiner:
    """Validate the ``rejoin`` section of the linker file: ``margin`` (a number >= 0),
    ``small`` (the largest story it may join, a whole number >= 1) and ``weights`` (known
    feature names -> finite numbers)."""
    if not isinstance(raw, dict) or set(raw) != {"margin", "small", "weights"}:
        raise ConfigError(f"{where}: field 'rejoin': expected a mapping with margin, small "
                          f"and weights")
    margin = check_margin(raw, where)
    small = raw["small"]
    if not isinstance(small, int) or isinstance(small, bool) or small < 1:
        raise ConfigError(f"{where}: field 'rejoin.small': expected a whole number >= 1")
    weights = check_weights(raw["weights"], where, "rejoin.weights", FEATURES.__contains__)
    return Rejoiner(weights, margin, small)
