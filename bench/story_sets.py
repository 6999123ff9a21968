"""``verifier eval-stories`` per labelled set and pooled, in one run: one row per set.

    .venv/bin/python bench/story_sets.py /work/realcorpus/tune/set?.stories.jsonl \
        [--no-scores] [--policy NAME] [--json FILE]

Each set is measured as ``verifier eval-stories SET.stories.jsonl`` measures it (membership
with the gold segmentation; with its texts, the articles replayed through ingest, grouping
and scoring, and each gold story with an outcome read against the predicted story most of
its sentences landed in), and the sets are pooled as ``eval-stories`` pools several files
(the outcomes' AUC over every set's scored stories together). Per row: macro and micro F1,
cross-article P / R, AUC (confirmed vs refuted), status agreement, and the error classes
(split off, background absorbed, stories merged, cross-article not joined). Whatever
grouping is in force is measured, or, with ``--policy``, a simple pass-1 policy applied to
what pass 1 makes of each article before pass 2 (membership and the replay through ingest
alike; ``verifier.stories.grouping.group_article`` is wrapped while the run lasts):

- ``whole``: every article one story, all its claims (headline and captions too);
- ``main-background:RULES``: every claim in the article's main story except those pass 1
  placed by a background rule, each of which stands alone (``RULES``: ``time`` for
  ``other_time`` and ``description`` with their ``_side`` forms; ``context`` adds
  ``context.own`` / ``context.side``; ``starts`` adds ``far`` and ``separate``);
- ``absorb:N:names`` / ``absorb:N:weighted``: pass 1 as it is, then each other story of at
  most N claims joins the article's largest story when one of its names occurs there or its
  subject (the name a claim opens on) recurs there (``weighted``: only names that weigh
  something in the article, its running names left out).

``--constructions`` counts instead, per set and pooled, the claims pass 1 placed outside
their article's main story (the first story it makes) by what the labels say of them and by
the construction of the sentence: S, a claim of the labelled story whose home in the article
(the pass-1 story holding most of it) is the main story, i.e. split off it; B, background;
O, a claim of another labelled story. The constructions, tried in this order (the first that
fits): a statement continued (a quotation or reporting verb, and an opening pronoun or
"the company / ministry ...", "added", "also said", or a source the claim before has too); a
party's reaction (a sourced claim with a reaction verb, or with a reporting verb and a source
no earlier claim has); numbers and consequences (a figure, or "will", "would", "expected
to", "as a result"); background facts (unsourced); other sourced claims. A construction
could keep its claims in the main story only where S outweighs B and O together.
"""

from __future__ import annotations

import argparse
import json
import re
from collections import Counter
from collections.abc import Callable, Hashable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import verifier.stories.grouping as grouping_module
from verifier.cli.stories import _eval_one
from verifier.evaluation.stories import OutcomeEval, StoryEval, pool
from verifier.stories import cues
from verifier.stories.article import protagonists
from verifier.stories.params import grouping_params
from verifier.stories.reasons import Why
from verifier.stories.terms import Group, Item, stem

#: Pass-1 rules whose claims ``main-background`` leaves out of the main story.
BACKGROUND_RULES: dict[str, frozenset[str]] = {
    "time": frozenset({"other_time", "other_time_side", "description", "description_side"}),
}
BACKGROUND_RULES["context"] = BACKGROUND_RULES["time"] | {"context.own", "context.side"}
BACKGROUND_RULES["starts"] = BACKGROUND_RULES["context"] | {"far.own", "far.side",
                                                            "separate"}

POLICIES = ("whole", "main-background:time", "main-background:context",
            "main-background:starts", "absorb:N:names", "absorb:N:weighted")


def _rebuilt(keys: Sequence[Hashable], items: Mapping[Hashable, Item]) -> Group:
    story = Group()
    for key in sorted(keys, key=lambda k: items[k].position):
        story.add(items[key], items[key].words())
    return story


def apply_policy(policy: str, items: Sequence[Item], groups: list[Group],
                 reasons: Mapping[Hashable, Why]) -> list[Group]:
    """One article's pass-1 ``groups`` (the first its main story) under ``policy``."""
    by_key = {item.key: item for item in items}
    kind, _, rest = policy.partition(":")
    if kind == "whole":
        return [_rebuilt([k for g in groups for k in g.members], by_key)]
    if kind == "main-background":
        background = BACKGROUND_RULES[rest]
        main = [k for k in groups[0].members]
        alone: list[list[Hashable]] = []
        for g in groups[1:]:
            for key in g.members:
                if reasons[key].rule in background or reasons[key].rule == "caption":
                    alone.append([key])
                else:
                    main.append(key)
        return [_rebuilt(main, by_key), *(_rebuilt(a, by_key) for a in alone)]
    if kind == "absorb":
        size, _, how = rest.partition(":")
        names = {t[2:] for item in items for t in item.words() if t.startswith("N:")}
        running = (protagonists(list(items), names, grouping_params().article)
                   if how == "weighted" else frozenset())
        largest = max(groups, key=lambda g: len(g.members))
        taken = list(largest.members)
        kept: list[Group] = []
        for g in groups:
            if g is not largest and len(g.members) <= int(size):
                used = {t[2:] for k in g.members for t in by_key[k].words()
                        if t.startswith("N:")} - running
                subjects = {stem(found) for k in g.members
                            if (found := cues.opening_name(by_key[k].text))}
                if any(largest.uses(t) for t in used) or any(
                        largest.recurs(t) for t in subjects):
                    taken.extend(g.members)
                    continue
            kept.append(g)
        return [_rebuilt(taken, by_key) if g is largest else g for g in kept]
    raise SystemExit(f"--policy {policy!r}: expected one of {', '.join(POLICIES)}")


@contextmanager
def policy_in_force(policy: str | None) -> Iterator[None]:
    """Pass 1 followed by ``policy`` wherever grouping runs (``group``, ``assign``)."""
    if policy is None:
        yield
        return
    original: Callable[..., list[Group]] = grouping_module.group_article

    def wrapped(items: Sequence[Item], idf: Mapping[str, float],
                reasons: dict[Hashable, Why] | None = None, *args: Any) -> list[Group]:
        found: dict[Hashable, Why] = {} if reasons is None else reasons
        groups = original(items, idf, found, *args)
        return apply_policy(policy, items, groups, found)

    grouping_module.group_article = wrapped  # type: ignore[assignment]
    try:
        yield
    finally:
        grouping_module.group_article = original


#: The constructions ``--constructions`` counts (see the module docstring), in order.
CONSTRUCTIONS = ("statement continued", "a party reacts", "numbers, consequences",
                 "background facts (unsourced)", "other sourced")
_QUOTE = re.compile(r"[\"“”]")
_REPORTING = re.compile(
    r"\b(?:said|says|say|told|tells|stated|states|added|adding|noted|explained|according to|"
    r"statement|insisted|argued|warned|confirmed|announced)\b", re.IGNORECASE)
_CONTINUED = re.compile(
    r"^\W*(?:He|She|It|They|The (?:company|ministry|minister|statement|spokes\w+|official|"
    r"government|president|prime minister|report|group|firm|bank|club|party))\b"
    r"|\b(?:added|adding|continued|went on|further|also said|also told)\b", re.IGNORECASE)
_REACTION = re.compile(
    r"\b(?:welcom\w*|criticis\w*|criticiz\w*|condemn\w*|react\w*|respond\w*|praise\w*|"
    r"slam\w*|hail\w*|dismiss\w*|reject\w*|disappoint\w*|concern\w*|urg\w+|"
    r"call\w* (?:on|for)|oppos\w*|support\w*|applaud\w*|blam\w*)\b", re.IGNORECASE)
_FIGURE = re.compile(r"\d|\b(?:percent|million|billion|thousand|hundreds|dozens)\b",
                     re.IGNORECASE)
_CONSEQUENCE = re.compile(
    r"\b(?:will|would|could|expected to|as a result|means|meaning|led to|lead to|leading to|"
    r"result\w*|impact|affect\w*)\b", re.IGNORECASE)


def construction(item: Item, before: Item | None, heard: set[str]) -> str:
    """The construction of a claim (``CONSTRUCTIONS``); ``before``: the claim before it,
    ``heard``: the sources (lower case) of the article's earlier claims."""
    text = item.text
    sources = {s.lower() for s in item.sources}
    said = bool(_QUOTE.search(text) or _REPORTING.search(text))
    if said and (_CONTINUED.search(text) or (
            before is not None and sources & {s.lower() for s in before.sources})):
        return CONSTRUCTIONS[0]
    if item.kinds and (_REACTION.search(text) or (
            _REPORTING.search(text) and not sources & heard)):
        return CONSTRUCTIONS[1]
    if _FIGURE.search(text) or _CONSEQUENCE.search(text):
        return CONSTRUCTIONS[2]
    return CONSTRUCTIONS[3] if not item.kinds else CONSTRUCTIONS[4]


def departed(stories: Path) -> Counter[tuple[str, str]]:
    """(construction, S / B / O) of each claim pass 1 placed outside its article's main
    story in the labelled set ``stories`` (see the module docstring)."""
    from grouping_sets import _homes, claim_items, gold_owner, items_by_doc

    from verifier.stories.grouping import corpus_idf

    items = claim_items(stories)
    owner = gold_owner(stories)
    idf = corpus_idf(items)
    found: Counter[tuple[str, str]] = Counter()
    for doc_items in items_by_doc(items).values():
        groups = grouping_module.group_article(doc_items, idf)
        home = _homes([g.members for g in groups], owner)
        where = {key: n for n, g in enumerate(groups) for key in g.members}
        before: Item | None = None
        heard: set[str] = set()
        for item in sorted(doc_items, key=lambda i: i.position):
            story = owner.get(item.key)  # type: ignore[call-overload]
            if where[item.key] != 0:
                kind = "B" if story is None else "S" if home[story] == 0 else "O"
                found[construction(item, before, heard), kind] += 1
            heard |= {s.lower() for s in item.sources}
            before = item
    return found


def show_constructions(counts: dict[str, Counter[tuple[str, str]]]) -> None:
    names = list(counts)
    print("| construction | S | B | O | S / (S+B+O) | " + " | ".join(names) + " |")
    print("|---|---|---|---|---|" + "---|" * len(names))
    pooled: Counter[tuple[str, str]] = sum(counts.values(), Counter())
    for kind in CONSTRUCTIONS:
        s, b, o = (pooled[kind, c] for c in "SBO")
        shares = []
        for name in names:
            c = counts[name]
            total = sum(c[kind, k] for k in "SBO")
            shares.append(f"{c[kind, 'S'] / total:.2f}" if total else "-")
        print(f"| {kind} | {s} | {b} | {o} | {s / max(1, s + b + o):.2f} | "
              + " | ".join(shares) + " |")


def row(name: str, result: StoryEval, outcomes: OutcomeEval | None) -> dict[str, Any]:
    found = result.to_dict()
    errors = result.mismatches.to_dict()
    return {
        "set": name,
        "macro": round(result.macro("f1"), 3),
        "micro": round(found["micro"]["f1"], 3),
        "cross_p": round(result.macro("precision", cross_only=True), 3),
        "cross_r": round(result.macro("recall", cross_only=True), 3),
        "auc": None if outcomes is None or outcomes.auc is None else round(outcomes.auc, 3),
        "status": (None if outcomes is None or outcomes.agreement is None
                   else round(outcomes.agreement, 3)),
        "split": errors["split_off"], "absorbed": errors["background_absorbed"],
        "merged": errors["stories_merged"], "unjoined": errors["cross_not_joined"],
    }


def set_name(path: Path) -> str:
    """``.../setJ.stories.jsonl`` -> ``J``."""
    return path.name.removesuffix(".stories.jsonl").removeprefix("set")


def show(rows: Sequence[dict[str, Any]]) -> None:
    print("| set | macro | micro | cross P | cross R | AUC | status | split | absorbed "
          "| merged | unjoined |")
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    for r in rows:
        cells = [r["set"], *(f"{r[k]:.3f}" if r[k] is not None else "-" for k in
                             ("macro", "micro", "cross_p", "cross_r", "auc", "status")),
                 *(str(r[k]) for k in ("split", "absorbed", "merged", "unjoined"))]
        print("| " + " | ".join(cells) + " |")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("stories", nargs="+", type=Path)
    parser.add_argument("--no-scores", action="store_true")
    parser.add_argument("--policy", default=None, help=", ".join(POLICIES))
    parser.add_argument("--constructions", action="store_true")
    parser.add_argument("--json", type=Path, default=None)
    args = parser.parse_args(argv)
    if args.constructions:
        counts = {set_name(p): departed(p) for p in args.stories}
        show_constructions(counts)
        if args.json is not None:
            args.json.write_text(json.dumps(
                {name: {f"{k[0]}|{k[1]}": v for k, v in c.items()}
                 for name, c in counts.items()}, indent=1) + "\n")
        return 0
    results: list[StoryEval] = []
    measured: list[OutcomeEval] = []
    rows = []
    for stories in args.stories:
        with policy_in_force(args.policy):
            result, outcomes = _eval_one(stories, None, None, not args.no_scores, None, None)
        results.append(result)
        if outcomes is not None:
            measured.append(outcomes)
        rows.append(row(set_name(stories), result, outcomes))
    pooled = OutcomeEval(tuple(o for m in measured for o in m.stories)) if measured else None
    rows.append(row("pooled", pool(results), pooled))
    show(rows)
    if args.json is not None:
        args.json.write_text(json.dumps(rows, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
