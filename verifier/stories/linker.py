"""A learned linker for pass 1: which of an article's stories a claim joins, or none.

Pass 1's rules (``verifier.stories.article._choose``) decide where each claim goes from a
handful of signals compared with thresholds. The linker weighs the same signals together:
for each story the article holds so far, and for "a story of its own", it adds up the
weights of the features that fire (shared names and words, the main story, the claim
before, a back-reference or a quotation going on, the rules' own choice and its rule,
names new to the article, another time, an anchored source, how far into the article ...),
and the claim goes where the sum is highest (a conditional logit: the weights are
``verifier/data/models/linker.yaml``, trained by ``bench/train_linker.py`` on the labelled
sets and measured leave-one-set-out). When it agrees with the rules the rules' reason is
kept; when it overrides them its reason (``linker.main``, ``linker.side``,
``linker.before``, ``linker.own``) names the features that weighed most for its choice
against the rules' one.

Pure: no database, no randomness; features are plain numbers named in ``FEATURES``.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence, Set
from dataclasses import dataclass, field
from itertools import repeat
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from verifier.errors import ConfigError
from verifier.model_files import ModelSlot, check_fields, check_margin, check_meta, check_weights
from verifier.stories.reasons import Number, Why, top_gains
from verifier.stories.rejoin import Rejoiner, parse_rejoiner

if TYPE_CHECKING:
    from verifier.stories.article import Claim
    from verifier.stories.params import ArticleParams
    from verifier.stories.terms import Group

MODEL_FILE = "models/linker.yaml"
FORMAT = 1

#: The rules' ids, as the linker's features see them (``rule:<id>`` fires on the candidate
#: the rules chose).
RULE_IDS = (
    "quotation", "separate", "other_time", "other_time_side", "description",
    "description_side", "back", "back_jump", "sourcing", "side", "nothing", "apart", "main",
    "heading", "answer", "answer_before",
    *(f"{key}.{where}" for key in ("subject", "new_names", "inner_time", "after_break",
                                   "context", "back_news", "far")
      for where in ("side", "own")),
)

#: Features of a story of the article as the claim's candidate (what each measures).
LINK_FEATURES: dict[str, str] = {
    "link": "an existing story (constant)",
    "main": "it is the main story",
    "previous": "it is the story of the claim before",
    "rule_pick": "the rules chose it",
    "cover": "share of the claim's weight the story uses",
    "shared": "log(1 + weight the claim shares with the story)",
    "best": "the story the claim shares most with (something)",
    "names": "log(1 + weight of names the claim shares with the story)",
    "seed": "share of the story's first claim the claim repeats",
    "distance": "log(1 + body claims since the story's last, at most `deep`)",
    "size": "log(1 + the story's claims)",
    "back_previous": "the claim refers back and it is the story of the claim before",
    "quote_previous": "the claim goes on with a quotation the claim before left open",
    "quotes_previous": "the claim quotes someone and it is the story of the claim before",
    "speaker": "a source of the claim speaks in the story",
    "heads": "the claim's definite description names a word of the story",
    "anchored_main": "an unnamed source, report, refusal or denial stands behind the claim "
                     "and it is the main story",
    "lead_main": "the claim is in the article's lead and it is the main story",
    "fresh_main": "log(1 + weight of names new to the article), toward the main story",
    "side_fresh": "log(1 + weight of names new to the article), toward a side story",
    "since": "log(1 + sentences since the story's last claim, non-claims counted)",
    "adjacent": "the story's last claim is the sentence right before it",
    "previous_main": "it is the main story and the story of the claim before",
    "back_main": "the claim refers back and it is the main story",
    "share": "share of the article's body claims so far the story holds",
    "overlap": "share of the claim's terms the story uses, each counted once (running names "
               "too)",
}

#: Features of "a story of its own" as the claim's candidate.
OWN_FEATURES: dict[str, str] = {
    "own": "a story of its own (constant)",
    "own_rule_pick": "the rules started a story",
    "fresh": "log(1 + weight of names new to the article)",
    "fresh_new": "the names new to the article weigh at least `new`",
    "low": "it repeats less than `cover` of the main story",
    "covered": "share of the main story it repeats",
    "shift_inner": "it speaks of another time or adds a point (shift 1)",
    "shift_other": "it opens on another time, or dates what it says earlier (shift 2)",
    "shift_separate": "it names another report or matter (shift 3)",
    "opening": "it is in the article's opening",
    "deep": "it is far into the article (`deep` claims before)",
    "placed": "log(1 + body claims before it, at most `deep`)",
    "anchored": "an unnamed source, report, refusal or denial stands behind it",
    "unsourced": "no one stands behind it",
    "quotes": "it holds a quotation",
    "refers_back": "it refers back",
    "quiet": "it only refuses or denies",
    "gap": "it follows a break in the page",
    "new_subject": "its subject is a name the main story does not recur to",
    "subhead": "it is a heading inside the body",
    "on_event": "it names the main story's event",
    "describes": "it describes a party",
    "nothing": "it shares nothing with any story",
    "stories": "log(1 + the stories the article holds so far)",
    "relative": "how far into the article's body claims it is (0 first, 1 last)",
    "through": "how far through the article it is: body claims before it over the "
               "article's (at least `deep`)",
    "main_share": "share of the article's body claims so far the main story holds",
    "main_since": "log(1 + sentences since the main story's last claim)",
    "previous_own": "the claim before started a story of its own",
    "main_names": "log(1 + weight of names the claim shares with the main story)",
    "main_overlap": "share of the claim's terms the main story uses, each counted once "
                    "(running names too)",
    "main_subject": "its subject is a name the main story recurs to",
    "main_speaker": "a source of the claim speaks in the main story",
    "quote_run": "it quotes someone and so did the claim before",
}

RULE_FEATURES: dict[str, str] = {f"rule:{rule}": f"the rules chose it by `{rule}`"
                                 for rule in RULE_IDS}

#: Every feature the model may weigh, and what it measures.
FEATURES: dict[str, str] = {**LINK_FEATURES, **OWN_FEATURES, **RULE_FEATURES}

#: Where an override may send a claim (``Linker.overrides``).
OVERRIDES = ("own", "main", "side", "before")
_ONLY_OWN = frozenset({"own"})

#: How many features a reason names.
SHOWN = 4
#: Before a feature's name in a reason: the rules' choice has it (and it weighs against it).
AGAINST = "rules:"


@dataclass(frozen=True, slots=True)
class Decision:
    """Everything the linker weighs for one claim: the article's stories so far, the rules'
    choice (``rule_target``, None for a story of its own) and its reason, and the claim's
    place (``placed``: body claims before it; ``last``: each story's last body claim's
    place, by ``id``; ``at``: its last claim's position in the article, sentences counted;
    ``body``: the article's body claims; ``sizes``: each story's body claims so far)."""

    claim: Claim
    groups: Sequence[Group]
    previous: Group
    scores: Mapping[int, float]
    rule_target: Group | None
    rule_why: Why
    continues: bool
    gap: bool
    placed: int
    last: Mapping[int, int]
    fresh: float
    covered: float
    names: Set[str]
    params: ArticleParams
    at: Mapping[int, int] = field(default_factory=dict)
    body: int = 0
    #: the claim before holds a quotation
    previous_quotes: bool = False


Features = dict[str, float]


class Chooser(Protocol):
    """What places a claim given the rules' choice: the ``Linker``, or a trainer's oracle."""

    def choose(self, d: Decision) -> tuple[Group | None, Why]: ...


def _rule(why: Why) -> str:
    return f"rule:{why.rule}" if why.rule in RULE_IDS else ""


def candidates(d: Decision) -> list[Features]:
    """The features of each candidate: the article's stories in order, then a story of its
    own (last)."""
    c = _Context(d)
    return [*(_link(d, c, g) for g in d.groups), _own(d, c)]


class _Context:
    """What every candidate's features read of a decision, worked out once."""

    __slots__ = ("anchored", "fresh", "named", "placed_before", "rule", "top", "total")

    def __init__(self, d: Decision) -> None:
        claim = d.claim
        self.anchored = any(k in d.params.anchor_kinds for k in claim.item.kinds)
        self.top = max(d.scores.values(), default=0.0)
        self.rule = _rule(d.rule_why)
        self.fresh = math.log1p(d.fresh)
        self.placed_before = max(d.placed, 1)
        self.total = claim.total
        #: the claim's weighed names the article knows, in the claim's order (``names``)
        self.named = [("N:" + t, w) for t, w in claim.weights.items() if t in d.names]


def _link(d: Decision, c: _Context, g: Group) -> Features:
    """The features of one of the article's stories as the claim's candidate (in this order:
    a reason's ties go to the feature named first)."""
    number = id(g)
    is_main = g is d.groups[0]
    f: Features = {"link": 1.0}
    _where_it_stands(f, d, c, g, is_main)
    _what_it_shares(f, d, c, g, d.scores[number])
    _how_near(f, d, c, g, number)
    _its_words(f, d.claim, g, is_main)
    return f


def _where_it_stands(f: Features, d: Decision, c: _Context, g: Group, is_main: bool) -> None:
    """The main story (with an anchored source, early in the article, fresh names) or a
    side story (fresh names), the story of the claim before, the rules' pick."""
    fresh = c.fresh
    if is_main:
        f["main"] = 1.0
        if c.anchored:
            f["anchored_main"] = 1.0
        if d.placed < d.params.lead:
            f["lead_main"] = 1.0
        if fresh:
            f["fresh_main"] = fresh
    elif fresh:
        f["side_fresh"] = fresh
    if g is d.previous:
        _as_previous(f, d, is_main)
    if d.rule_target is g:
        f["rule_pick"] = 1.0
        if c.rule:
            f[c.rule] = 1.0


def _as_previous(f: Features, d: Decision, is_main: bool) -> None:
    """The story of the claim before: the main one too, and whether the claim refers back,
    goes on with a quotation or quotes."""
    claim = d.claim
    f["previous"] = 1.0
    if is_main:
        f["previous_main"] = 1.0
    if claim.refers_back:
        f["back_previous"] = 1.0
    if d.continues:
        f["quote_previous"] = 1.0
    if claim.quotes:
        f["quotes_previous"] = 1.0


def _what_it_shares(f: Features, d: Decision, c: _Context, g: Group, score: float) -> None:
    """The weight the claim shares with the story (its share of the claim's, the most of
    any story), the names the article knows in both, the story's seed words the claim holds."""
    if score:
        f["cover"] = score / c.total
        f["shared"] = math.log1p(score)
        if score >= c.top:
            f["best"] = 1.0
    get = g.words.get
    named = sum(w for t, w in c.named if get(t))
    if named:
        f["names"] = math.log1p(named)
    weight = d.claim.weights.get
    # the seed is a set (hash order): ``fsum`` adds exactly, whatever the order
    seed = math.fsum(map(weight, g.seed, repeat(0.0)))
    whole = math.fsum(map(weight, g.seed, repeat(1.0)))
    if seed and whole:
        f["seed"] = seed / whole


def _how_near(f: Features, d: Decision, c: _Context, g: Group, number: int) -> None:
    """How far back the story's last claim is (in claims placed, and in the article's
    positions), how large the story is and its share of the claims placed so far."""
    p = d.params
    f["distance"] = math.log1p(min(max(d.placed - d.last.get(number, 0) - 1, 0), p.deep))
    f["size"] = math.log1p(len(g.members))
    f["share"] = min(len(g.members) / c.placed_before, 1.0)
    if number in d.at:
        since = max(d.claim.item.position - d.at[number] - 1, 0)
        f["since"] = math.log1p(since)
        if since == 0:
            f["adjacent"] = 1.0


def _its_words(f: Features, claim: Claim, g: Group, is_main: bool) -> None:
    """The claim's terms, speaker and heads among the story's words; a back-reference to
    the main story."""
    get = g.words.get
    if claim.terms:
        used = sum(1 for t in claim.terms if get("N:" + t[2:]) or get("W:" + t[2:]))
        if used:
            f["overlap"] = used / len(claim.terms)
    if is_main and claim.refers_back:
        f["back_main"] = 1.0
    if any(get("N:" + t) or get("W:" + t) for t in claim.speaker):
        f["speaker"] = 1.0
    if any(get("W:" + h) for h in claim.heads):
        f["heads"] = 1.0


#: The features of a story of its own that read the main story's words (worked out only
#: when weighed, or for a trainer: ``candidates``).
AGAINST_MAIN = ("main_names", "main_overlap", "main_subject", "main_speaker", "quote_run")


def _own(d: Decision, c: _Context, against_main: bool = True) -> Features:
    """The features of a story of its own as the claim's candidate (``against_main``: with
    ``AGAINST_MAIN``)."""
    claim, p = d.claim, d.params
    main = d.groups[0]
    kinds = claim.item.kinds
    own: Features = {"own": 1.0}
    if d.rule_target is None:
        own["own_rule_pick"] = 1.0
        if c.rule:
            own[c.rule] = 1.0
    flags = {
        "fresh_new": d.fresh >= p.new, "low": d.covered < p.cover,
        "shift_inner": claim.shift == 1, "shift_other": claim.shift == 2,
        "shift_separate": claim.shift == 3, "opening": d.placed < p.opening,
        "deep": d.placed >= p.deep, "anchored": c.anchored, "unsourced": not kinds,
        "quotes": claim.quotes, "refers_back": claim.refers_back, "quiet": claim.quiet,
        "gap": d.gap, "new_subject": claim.subject is not None and not main.recurs(
            claim.subject), "subhead": claim.subhead, "on_event": claim.on_event,
        "describes": claim.describes, "nothing": c.top == 0,
    }
    own.update({name: 1.0 for name, on in flags.items() if on})
    if c.fresh:
        own["fresh"] = c.fresh
    own["covered"] = d.covered
    own["placed"] = math.log1p(min(d.placed, p.deep))
    own["stories"] = math.log1p(len(d.groups))
    if d.body > 1:
        own["relative"] = d.placed / (d.body - 1)
    own["through"] = d.placed / max(d.body - 1, p.deep)
    own["main_share"] = min(len(main.members) / c.placed_before, 1.0)
    if id(main) in d.at:
        own["main_since"] = math.log1p(max(claim.item.position - d.at[id(main)] - 1, 0))
    if len(d.previous.members) == 1 and d.previous is not main:
        own["previous_own"] = 1.0
    if not against_main:
        return own
    get = main.words.get
    named = sum(w for t, w in c.named if get(t))
    if named:
        own["main_names"] = math.log1p(named)
    if claim.terms:
        used = sum(1 for t in claim.terms if get("N:" + t[2:]) or get("W:" + t[2:]))
        if used:
            own["main_overlap"] = used / len(claim.terms)
    if claim.subject is not None and main.recurs(claim.subject):
        own["main_subject"] = 1.0
    if any(get("N:" + t) or get("W:" + t) for t in claim.speaker):
        own["main_speaker"] = 1.0
    if claim.quotes and d.previous_quotes:
        own["quote_run"] = 1.0
    return own


@dataclass(frozen=True, slots=True)
class Linker:
    """The learned weights (``weights``: feature -> weight, those absent weigh nothing) and
    what the file says of them (``meta``: the sets trained on, the scores measured)."""

    weights: Mapping[str, float]
    meta: Mapping[str, Any]
    enabled: bool = True
    #: It overrides the rules only when its choice scores this much more than theirs ...
    margin: float = 0.0
    #: ... and only toward these (``own``: a story of its own; ``main``, ``side``,
    #: ``before``: the main story, a side story, the claim before's), all when empty.
    overrides: frozenset[str] = frozenset()
    #: The rules whose decisions it never overrides (``back``, ``quotation``: a claim that
    #: refers back or goes on with a quotation goes on with the claim before, by design).
    keeps: frozenset[str] = frozenset()
    #: ... and only decisions of the rules placing a claim in these (``main``, ``side``,
    #: ``own``; all when empty): a side story's claims go on with it by the rules' reading.
    reconsiders: frozenset[str] = frozenset()
    #: The rejoin step after the article's claims are placed (``verifier.stories.rejoin``;
    #: None: none).
    rejoin: Rejoiner | None = None
    #: How much more an override toward the main story must score (None: ``margin``).
    main_margin: float | None = None

    def score(self, features: Features) -> float:
        get = self.weights.get
        return math.fsum(get(name, 0.0) * value for name, value in features.items())

    def weighs(self, rule_target: Group | None, rule_why: Why) -> bool:
        """Whether ``choose`` may place a claim elsewhere than the rules did (False: it
        would keep their choice, so pass 1 need not work out what it weighs): not for the
        rules it keeps, nor, when it may only start stories, for a claim they start one
        with."""
        return rule_why.rule not in self.keeps and not (
            self.overrides == _ONLY_OWN and rule_target is None)

    def choose(self, d: Decision) -> tuple[Group | None, Why]:
        """The story the claim joins (None: one of its own), and why."""
        if d.rule_why.rule in self.keeps or (
                self.reconsiders and _place(d, d.rule_target) not in self.reconsiders):
            return d.rule_target, d.rule_why
        if self.overrides == _ONLY_OWN:
            # it may only send a claim to a story of its own: when the rules did, or when a
            # story of its own does not score ``margin`` more than the rules' choice, it
            # leaves their choice whatever the other stories score (not worked out)
            if d.rule_target is None:
                return d.rule_target, d.rule_why
            c = _Context(d)
            against_main = any(name in self.weights for name in AGAINST_MAIN)
            if (self.score(_own(d, c, against_main))
                    - self.score(_link(d, c, d.rule_target)) < self.margin):
                return d.rule_target, d.rule_why
        return self.weighed(d)

    def weighed(self, d: Decision) -> tuple[Group | None, Why]:
        """The choice with every candidate worked out (what ``choose``'s shortcut for a linker
        that may only start stories must agree with)."""
        found = candidates(d)
        scores = [self.score(f) for f in found]
        best = max(range(len(found)), key=lambda n: (scores[n], -n))
        target = d.groups[best] if best < len(d.groups) else None
        if target is d.rule_target:
            return target, d.rule_why
        rule_number = (len(d.groups) if d.rule_target is None
                       else next(n for n, g in enumerate(d.groups) if g is d.rule_target))
        if scores[best] - scores[rule_number] < self.margin:
            return d.rule_target, d.rule_why
        why = self.why(d, target, found[best], scores[best], found[rule_number],
                       scores[rule_number])
        if self.overrides and why.rule.removeprefix("linker.") not in self.overrides:
            return d.rule_target, d.rule_why
        if (self.main_margin is not None and why.rule == "linker.main"
                and scores[best] - scores[rule_number] < self.main_margin):
            return d.rule_target, d.rule_why
        return target, why

    def why(self, d: Decision, target: Group | None, chosen: Features, score: float,
            ruled: Features, rule_score: float) -> Why:
        """The reason of an override: the linker's score for its choice and for the rules'
        one, and the features that made the difference (weight x value, largest first)."""
        if target is None:
            rule = "linker.own"
        elif target is d.groups[0]:
            rule = "linker.main"
        elif target is d.previous:
            rule = "linker.before"
        else:
            rule = "linker.side"
        gain, top = top_gains(self.weights, chosen, ruled, SHOWN)
        # a feature only the rules' choice has weighs against it: shown as it weighs there
        return Why(rule, (Number("linker", score, ">", "rules' choice", rule_score),
                          *(Number(name, gain[name]) if name in chosen else
                            Number(AGAINST + name, -gain[name]) for name in top)))


def _place(d: Decision, target: Group | None) -> str:
    """Where a choice puts the claim: ``own`` (a story of its own), ``main`` or ``side``."""
    if target is None:
        return "own"
    return "main" if target is d.groups[0] else "side"


#: Where the rules may have placed a claim the linker reconsiders (``Linker.reconsiders``).
PLACES = ("main", "side", "own")


def parse_linker(raw: Any, where: str) -> Linker:
    """Validate a parsed linker file: ``format``, ``enabled``, ``margin`` (a number >= 0: how
    much more its choice must score than the rules' one to override it), ``overrides`` (where
    it may send a claim against the rules: ``OVERRIDES``, empty for all), ``keeps`` (the
    rules whose decisions it leaves alone), ``reconsiders`` (optional: where the rules'
    placements it may change lie, ``PLACES``, empty or absent for all), ``weights`` (known
    feature names -> finite numbers), ``meta`` (a mapping: what it was trained on and
    scored) and ``rejoin`` (optional: the rejoin step's model, ``parse_rejoiner``)."""
    raw = check_fields(raw, where, FORMAT,
                       {"format", "enabled", "margin", "overrides", "keeps", "weights", "meta"},
                       {"reconsiders", "rejoin", "main_margin"})
    margin = check_margin(raw, where)
    main_margin = (check_margin({"margin": raw["main_margin"]}, f"{where} (main_margin)")
                   if "main_margin" in raw else None)
    overrides = raw["overrides"]
    if not isinstance(overrides, list) or any(o not in OVERRIDES for o in overrides):
        raise ConfigError(f"{where}: field 'overrides': expected a list of "
                          f"{', '.join(OVERRIDES)} (empty: all)")
    keeps = raw["keeps"]
    if not isinstance(keeps, list) or any(k not in RULE_IDS for k in keeps):
        raise ConfigError(f"{where}: field 'keeps': expected a list of pass-1 rule ids")
    reconsiders = raw.get("reconsiders", [])
    if not isinstance(reconsiders, list) or any(r not in PLACES for r in reconsiders):
        raise ConfigError(f"{where}: field 'reconsiders': expected a list of "
                          f"{', '.join(PLACES)} (empty: all)")
    weights = check_weights(raw["weights"], where, "weights", FEATURES.__contains__)
    meta = check_meta(raw, where)
    rejoin = parse_rejoiner(raw["rejoin"], where) if "rejoin" in raw else None
    return Linker(weights, dict(meta), raw["enabled"], margin, frozenset(overrides),
                  frozenset(keeps), frozenset(reconsiders), rejoin, main_margin)


def read_linker(path: Path) -> Linker:
    from verifier.parsecache import read_yaml_cached

    return parse_linker(read_yaml_cached(path, "linker model"), str(path))


#: Linkers in force instead of the packaged one (``use_linker``), innermost last.
_SLOT: ModelSlot[Linker, Linker] = ModelSlot(MODEL_FILE, read_linker)


def use_linker(replacement: Linker | None) -> None:
    """Group with ``replacement`` (None: the rules alone) instead of the packaged linker, until
    ``restore_linker`` (measuring and training: ``bench/train_linker.py``)."""
    _SLOT.use(replacement)


def restore_linker() -> None:
    _SLOT.restore()


def linker() -> Linker | None:
    """The linker in force: an override, else the packaged one when it is enabled."""
    return _SLOT.current()
