"""Why grouping put a claim in its story: the rule that fired, the numbers it compared with
their thresholds, and the terms it rested on; stored with each membership, shown by
``verifier stories show``.

A membership's reason has two parts: ``article`` (pass 1, ``verifier.stories.article``: why
the claim went where it did within its article) and ``merge`` (pass 2,
``verifier.stories.grouping``: why its article's story joined a story of other articles;
absent when it started one). A reviewer's move, split or merge is stored as such instead.
Stored as compact JSON (``dump``/``load``): a bounded number of numbers and terms per row,
so ingest writes stay small. Pure.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, NamedTuple

#: How many terms a reason keeps (heaviest first).
TERMS_KEPT = 6

# --- pass 1: within an article (the texts ``verifier.stories.article`` gives) -------------
FIRST = "the article's first body claim: it seeds the main story"
HEADLINE = "a headline: it joins the story it shares most with, at its front"
HEADLINE_MAIN = ("a headline sharing too little with any story to join it, but something: it "
                 "names the article's event in other words and joins the main story")
CAPTION = ("a photo caption: it joins the story it shares most with, if enough, else stands "
           "apart (it does not seed the main story)")
QUOTATION = "it goes on with a quotation the claim before left open: the same speaker's words"
SEPARATE = ("it names another report, party or matter ('a separate report', 'Separately'): "
            "a story of its own")
OTHER_TIME_SIDE = "it opens on another time and shares most with a side story"
OTHER_TIME = ("it opens on another time, or dates what it says before the article's latest "
              "year: background, a story of its own")
DESCRIPTION = ("it describes a party (what it is or does by standing): background, a story "
               "of its own")
DESCRIPTION_SIDE = "it describes a party and shares most with a side story"
BACK = "it refers back ('He added', 'The plane ...'): the story of the claim before"
BACK_JUMP = "it refers back but shares clearly more with another story"
SOURCING = ("it only says who said or reported it (no refusal): the story the article "
            "reports, the main one")
#: Why a claim leaves the main story (each followed by DEPARTS_SIDE or DEPARTS).
ON_ITS_SUBJECT = "its subject is a name the main story does not recur to, sharing few names"
NEW_NAMES = "it brings names the article has not used, repeating little of the main story"
INNER_TIME = ("it speaks of another time ('last year') or adds a point ('Additionally'), "
              "repeating little of the main story")
AFTER_BREAK = "it follows a break in the page, repeating little of the main story"
BACK_NEWS = ("it refers back but quotes no one and brings names the article has not used, "
             "repeating little of the main story: news, not more of the claim before")
CONTEXT = ("after the article's lead it repeats little of the main story, and no unnamed "
           "source, refusal or denial stands behind it: context")
FAR = ("far into the article it repeats little of the main story and quotes no one: an "
       "unnamed source, a report, a refusal or a denial alone behind it does not keep it in "
       "the main story")
DEPARTS_SIDE = ": it joins the side story it shares most with"
DEPARTS = ": a story of its own"
SIDE = "it shares clearly more with a side story than with the main story"
NOTHING = "it shares nothing with any story: it goes on with the claim before"
APART = ("it shares nothing with the main story and too little with a side story to join it: "
         "a story of its own")
MAIN = "it shares most with the main story (or is about its event)"
HEADING = ("a heading inside the body that would depart (the numbers after the first say "
           "why): it introduces what follows, so it stays in the main story")
ANSWER = ("it denies the report the article is about ('denied the story'): the names it "
          "brings do not take it away; it shares most with the main story")
ANSWER_BEFORE = ("it denies the report the article is about ('denied the story'): the names "
                 "it brings do not take it away; sharing nothing with any story, it goes on "
                 "with the claim before")

#: The learned linker's overrides of the rules (``verifier.stories.linker``), by where the claim
#: went; the numbers are its score against the rules' choice and the features that weighed
#: most for its own.
LINKED = ("the learned linker weighed its features and placed it otherwise than the rules "
          "would")
LINKER = {"linker.main": LINKED + ": in the main story",
          "linker.side": LINKED + ": in a side story",
          "linker.before": LINKED + ": with the claim before",
          "linker.own": LINKED + ": a story of its own"}

#: The rejoin step (``verifier.stories.rejoin``): a small story joined to an earlier story of
#: its article; the numbers are its score against "apart" and the features that weighed most.
REJOINED = ("its story (one or two claims, once the article's claims were placed) was joined "
            "to an earlier story of the article it continues: the learned rejoin step "
            "weighed what the two share and how close they lie")

#: Departure rules (pass 1) by id; ``<id>.side`` joins a side story, ``<id>.own`` starts one.
DEPARTURES = {"subject": ON_ITS_SUBJECT, "new_names": NEW_NAMES, "inner_time": INNER_TIME,
              "after_break": AFTER_BREAK, "context": CONTEXT, "back_news": BACK_NEWS,
              "far": FAR}

# --- pass 2: across articles ----------------------------------------------------------------
JOINED_SUBJECT = ("its article's story joined a story of other articles: the same subject "
                  "(each uses one of the other's most used names), similar enough")
JOINED_STRONG = ("its article's story joined a story of other articles: very similar, "
                 "sharing several distinctive names")
JOINED_GLUED = ("its article's story joined no story, but what other articles said of a "
                "story another of its article's stories joined holds most of its weight")
JOINED_CONTAINED = ("its article's story (a side remark) joined a larger story of other "
                    "articles that uses most of its weight")
JOINED_MUTUAL = ("its article's story (a side piece that joined nothing) joined the story of "
                 "one article its article's other stories were joined with: the two share a "
                 "distinctive name and are each other's closest")
JOINED_LEARNED = ("the learned joiner weighed its features and joined its article's story to "
                  "a story of other articles the rules would not have chosen")

#: Every rule id and its text.
RULES: dict[str, str] = {
    "first": FIRST, "headline": HEADLINE, "headline_main": HEADLINE_MAIN, "caption": CAPTION,
    "quotation": QUOTATION,
    "separate": SEPARATE,
    "other_time_side": OTHER_TIME_SIDE, "other_time": OTHER_TIME, "back": BACK,
    "description": DESCRIPTION, "description_side": DESCRIPTION_SIDE,
    "back_jump": BACK_JUMP, "sourcing": SOURCING, "side": SIDE, "nothing": NOTHING,
    "apart": APART, "main": MAIN, "heading": HEADING, "answer": ANSWER,
    "answer_before": ANSWER_BEFORE,
    **{f"{key}.side": text + DEPARTS_SIDE for key, text in DEPARTURES.items()},
    **{f"{key}.own": text + DEPARTS for key, text in DEPARTURES.items()},
    **LINKER,
    "rejoin": REJOINED,
    "joined_subject": JOINED_SUBJECT, "joined_strong": JOINED_STRONG,
    "joined_contained": JOINED_CONTAINED, "joined_glued": JOINED_GLUED,
    "joined_mutual": JOINED_MUTUAL,
    "joined_learned": JOINED_LEARNED,
    "reviewer_move": "a reviewer moved it here",
    "reviewer_split": "a reviewer split it off into this story",
    "reviewer_merge": "a reviewer merged its story into this one",
}

#: What each number measures (a number's ``name``), as shown.
MEASURES: dict[str, str] = {
    "main": "shares with the main story",
    "side": "shares with the closest side story",
    "story": "shares with the story it joined",
    "before": "shares with the story of the claim before",
    "cover": "repeats of the main story (share)",
    "fresh": "weight of names new to the article",
    "names": "weight of other names shared with the main story",
    "shift": "another-time/matter cue (0-3)",
    "cosine": "similarity of terms (cosine)",
    "contained": "share of its weight the story uses",
    "overlap": "share of weight the two use of each other (the smaller)",
    "distinctive": "distinctive names shared",
    "name_weight": "weight of the one distinctive name shared",
    "days": "days between their publications",
    "undated": ("one of the two has no publication date: taken as of the other's news cycle "
                "(a grouping date, never stored), so it must be closer"),
    "linker": "the learned linker's score",
    "joiner": "the learned joiner's score",
    "rejoin": "the rejoin step's score",
}


def _measure(name: str) -> str:
    """What a number measures: ``MEASURES``, else a joiner feature's text (``joiner:<feature>``),
    else a linker feature's (for both, its weight times its value is the number)."""
    found = MEASURES.get(name)
    if found is not None:
        return found
    from verifier.stories.joiner import describe_feature
    from verifier.stories.linker import AGAINST, FEATURES
    from verifier.stories.rejoin import FEATURES as REJOIN_FEATURES

    if name.startswith("rejoin:"):
        text = REJOIN_FEATURES.get(name.removeprefix("rejoin:"))
        return name if text is None else f"{text} (weighs, rejoin step)"

    joined = describe_feature(name)
    if joined is not None:
        return joined

    against = name.startswith(AGAINST)
    text = FEATURES.get(name.removeprefix(AGAINST))
    if text is None:
        return name
    return f"the rules' choice: {text} (weighs)" if against else f"{text} (weighs)"


def _shown(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:.2f}"


class Number(NamedTuple):
    """A measure, and the threshold it was compared with (``op``: ``>=``, ``<``, ...).
    (Named tuples: made for every claim grouped, they must be cheap to build.)"""

    name: str
    value: float
    op: str = ""
    threshold: str = ""
    limit: float = 0.0

    def describe(self) -> str:
        said = f"{_measure(self.name)} {_shown(self.value)}"
        if self.op:
            said += f" {self.op} {self.threshold} {_shown(self.limit)}"
        return said

    def to_list(self) -> list[Any]:
        found: list[Any] = [self.name, round(self.value, 3)]
        if self.op:
            found += [self.op, self.threshold, round(self.limit, 3)]
        return found

    @staticmethod
    def from_list(raw: list[Any]) -> Number:
        if len(raw) >= 5:
            return Number(str(raw[0]), float(raw[1]), str(raw[2]), str(raw[3]), float(raw[4]))
        return Number(str(raw[0]), float(raw[1]))

    def to_dict(self) -> dict[str, Any]:
        found: dict[str, Any] = {"name": self.name, "value": round(self.value, 3)}
        if self.op:
            found.update(op=self.op, threshold=self.threshold, limit=round(self.limit, 3))
        return found


class Why(NamedTuple):
    """One rule's decision: its id (a key of ``RULES``), numbers and terms."""

    rule: str
    numbers: tuple[Number, ...] = ()
    terms: tuple[str, ...] = ()

    @property
    def text(self) -> str:
        return RULES.get(self.rule, self.rule)

    def describe(self) -> str:
        said = self.text
        details = [n.describe() for n in self.numbers]
        if self.terms:
            details.append("on: " + ", ".join(self.terms))
        return f"{said} ({'; '.join(details)})" if details else said

    def to_json(self) -> dict[str, Any]:
        found: dict[str, Any] = {"r": self.rule}
        if self.numbers:
            found["n"] = [n.to_list() for n in self.numbers]
        if self.terms:
            found["t"] = list(self.terms)
        return found

    @staticmethod
    def from_json(raw: Mapping[str, Any]) -> Why:
        return Why(str(raw["r"]), tuple(Number.from_list(n) for n in raw.get("n", ())),
                   tuple(str(t) for t in raw.get("t", ())))

    def to_dict(self) -> dict[str, Any]:
        return {"rule": self.rule, "text": self.text,
                "numbers": [n.to_dict() for n in self.numbers], "terms": list(self.terms)}


def heaviest(weights: Mapping[str, float], among: Iterable[str] | None = None) -> tuple[str, ...]:
    """The ``TERMS_KEPT`` heaviest terms (of ``among``, default all), heaviest first."""
    keys = weights if among is None else [t for t in among if t in weights]
    return tuple(sorted(keys, key=lambda t: (-weights[t], t))[:TERMS_KEPT])


@dataclass(frozen=True, slots=True)
class Membership:
    """Why a claim is in its story: pass 1 (``article``) and pass 2 (``merge``)."""

    article: Why | None = None
    merge: Why | None = None

    def dump(self) -> str:
        parts = []
        if self.article is not None:
            parts.append('"a":' + _fragment(self.article))
        if self.merge is not None:
            parts.append('"m":' + _fragment(self.merge))
        return "{" + ",".join(parts) + "}"

    def describe(self) -> list[str]:
        lines = []
        if self.article is not None:
            lines.append(self.article.describe())
        if self.merge is not None:
            lines.append(self.merge.describe())
        elif self.article is not None and not self.article.rule.startswith("reviewer"):
            lines.append("its article's story started this story: it joined no earlier "
                         "story of other articles")
        return lines

    def to_dict(self) -> dict[str, Any]:
        return {"article": self.article.to_dict() if self.article else None,
                "merge": self.merge.to_dict() if self.merge else None,
                "text": self.describe()}


@lru_cache(maxsize=4096)
def _fragment(why: Why) -> str:
    """A reason's JSON (kept: a group's merge reason is every member's, and many pass 1
    reasons carry no numbers)."""
    return json.dumps(why.to_json(), separators=(",", ":"), ensure_ascii=False)


def load(stored: str | None) -> Membership | None:
    """A stored reason (None when the row has none: grouped before reasons were stored, or
    unreadable)."""
    if not stored:
        return None
    try:
        raw = json.loads(stored)
        if not isinstance(raw, dict):
            return None
        return Membership(Why.from_json(raw["a"]) if "a" in raw else None,
                          Why.from_json(raw["m"]) if "m" in raw else None)
    except (ValueError, KeyError, TypeError, IndexError):
        return None


def reviewer(action: str) -> str:
    """The stored reason of a reviewer's ``move``, ``split`` or ``merge``."""
    return Membership(Why(f"reviewer_{action}")).dump()


def top_gains(weights: Mapping[str, float], chosen: Mapping[str, float],
              other: Mapping[str, float], shown: int) -> tuple[dict[str, float], list[str]]:
    """What made a learned choice: each feature's weight x value for the choice less the
    same for the alternative it beat (``gain``), and the ``shown`` features that gained most
    (largest first, ties by name)."""
    get = weights.get
    gain = {name: get(name, 0.0) * value for name, value in chosen.items()}
    for name, value in other.items():
        gain[name] = gain.get(name, 0.0) - get(name, 0.0) * value
    top = sorted((n for n in gain if gain[n] > 0), key=lambda n: (-gain[n], n))[:shown]
    return gain, top
