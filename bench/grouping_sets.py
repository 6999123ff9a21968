"""Story membership per labelled set, where grouping loses it, and leave-one-set-out tuning.

    .venv/bin/python bench/grouping_sets.py /work/realcorpus/tune/set?.stories.jsonl \
        [--set KEY=VALUE ...] [--gold-article] [--gold-cross] [--fix CLASS[:RULES] ...]
        [--gates] [--rules]
        [--merges] [--adjacent] [--pairs] [--causes] [--lost] [--loso KEY=V1,V2 ...] [--json]

Membership as ``verifier eval-stories --no-scores`` measures it (the labelled claims grouped
with the gold segmentation; ``verifier/evaluation/stories.py`` says how stories are matched),
one row per set and the sets pooled: macro and micro F1, cross-article precision and recall
(macro over the stories labelled in several articles) and how many of those were not joined.

- ``--set merge.link=2.0``: group with a value of ``data/grouping.yaml`` changed (dotted
  keys as in the file; validated as the file is).
- ``--gold-article``: pass 1 replaced by the labels (each article's stories as labelled, each
  background claim alone), pass 2 as it is: what grouping across articles reaches when the
  stories of each article are right, i.e. how much of the loss is pass 1's.
- ``--gold-cross``: the other way round: pass 1 as it is, pass 2 from the labels (each
  article's pass-1 story holding most of a labelled story's claims there joins the other
  articles' such stories of it; every other pass-1 story stays alone): what grouping reaches
  when only the cross-article step is perfect, i.e. how much of the loss is pass 2's with
  the stories pass 1 makes.
- ``--gates``: for each story labelled in several articles whose articles' stories were not
  joined, which test of pass 2 (``verifier.stories.grouping``) kept the story of its later
  article (the first whose piece went elsewhere than the first article's) from the story
  of its first one (both as pass 1 made them): no distinctive name
  shared, one name lighter than ``link``, a side remark not ``contain``-ed, another subject,
  a cosine under ``merge``, ... ``OK`` when the pair passes every test alone (so another
  story was preferred, or the two were compared in another order); and what the later
  piece was grouped with instead (``with``: other articles' labelled stories, background,
  or nothing: it stands apart). With ``--gold-article``, pass 1 is the labels here too: the
  cross-article step's own losses.
- ``--rules``: for each rule of pass 1 (``verifier.stories.article``: the reason each claim
  carries), how the claims it placed fared against the labels within their article: kept in
  their story's home (``home``: the pass-1 story holding most of that story's claims there),
  split off it, background put in some story's home (absorbed) or background kept out of
  every home; pooled over the sets. Which rule loses a story's claims, which takes in
  background.
- ``--fix stories``, ``--fix background``, ``--fix splits`` (optionally ``:RULE,RULE``, the
  pass-1 rules whose claims are fixed; several ``--fix`` combine): pass 1 as it is, then one
  class of its errors mended by the labels before pass 2 runs: claims of another labelled
  story than their pass-1 story's (its majority) moved to that story's pass-1 story in the
  article (or one of their own); background claims taken out of stories holding labelled
  claims, each alone; the pass-1 stories of one labelled story put together. What fixing
  a class is worth, i.e. where pass 1 loses membership (``bench/real/grouping.md``).
  ``stories`` and ``splits`` move whole pass-1 stories or their majorities, so they mend
  some of the other classes too; two classes mend one thing each, as ``eval-stories``
  counts it: ``--fix members`` moves each labelled claim off its story's home in the
  article (the pass-1 story holding most of it there) into that home, and nothing else
  (the sentences split off); ``--fix others`` takes the claims of every labelled story
  whose home is also another's (the one holding most claims there) out of it, one story
  each (the stories merged in their article).
- ``--merges``: each pass-1 story holding claims of two labelled stories of its article (a
  merged story scores 0 for one of them): the story that came in, the story whose home it
  is, whether it is the article's main story, how many claims came in, and the rule that
  placed the first of them (the entry: the claims after it mostly follow by ``back`` or
  ``quotation``); tallied per entry rule. Which decision lets a second story in.
- ``--adjacent``: every two labelled claims that follow one another in an article (both of
  a labelled story), by the pass-1 rule that placed the later: of one story, kept in one
  pass-1 story or split; of two stories, merged or kept apart. Where pass 1 breaks a
  story's run and where it runs two stories together.
- ``--pairs``: every two labelled stories' pieces in different articles that share a name
  (pass 1 from the labels), pooled, by the distinctive names they share and whether they
  have the same subject: how many are one story and how many two, in all and at each cosine
  of ``PAIR_COSINES``. How far pass 2's signals can tell a rumour and its outcome from two
  stories of the same parties.
- ``--causes``: for each story labelled in several articles that was not joined, why: the
  ``--gates`` test on its two articles' pieces as pass 1 made them and as labelled. Pass 1 is
  the cause when the labelled pieces pass every test and the real ones do not (a piece
  holding part of the story's claims in its article: split; holding other claims: mixed);
  pass 2 when the labelled pieces fail too (no candidate: no distinctive name shared, or
  published more than ``weeks`` apart, so pass 2 never compares them; under a threshold:
  another test); another story when both pass alone; pass 2's causes also by class (no
  candidate: published too far apart, no name shared at all, only names too many documents
  use; under a threshold: which test). Then where the cross-article stories'
  sentences are against the predicted story holding most of them: held, split off in an
  article whose home it is, in a home pass 2 did not join, elsewhere (macro over stories).
- ``--lost``: every sentence of a story labelled in several articles, by where it is
  (``recall_losses``'s places: held, or lost and where), pooled over the sets: the pass-1
  rule that placed it, what its predicted story holds besides it (nothing, its own story's
  claims, another story's, both, background) and how it reads (``LOST_KINDS``: the article's
  headline or lead, an undated article, no name, a name the held story uses or only as an
  opening word or spelled differently, an event word it uses, an opening pronoun). The held
  row is the base rate each lost row compares with (``bench/real/grouping.md``, session 28).
- ``--loso merge.merge=0.15,0.2,0.25``: leave-one-set-out. For each set, the values (the grid
  of every key given) with the best pooled macro F1 on the other sets are chosen, and that
  set is scored with them: a value that only fits the sets it was chosen on shows here as a
  held-out loss. Prints per set the macro F1 with the values in force and with the chosen
  ones, and both pooled.

Grouping is the pure ``verifier.stories.grouping.group`` (no database); every set is
grouped on its own (rarity over its articles).
"""

from __future__ import annotations

import argparse
import itertools
import json
import math
import sys
from collections import Counter
from collections.abc import Callable, Collection, Hashable, Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, cast

from verifier.errors import ConfigError, InputError
from verifier.evaluation.labels import read_label_rows
from verifier.evaluation.stories import (
    StoryEval,
    evaluate_stories,
    manifest_path_for,
    pool,
    read_manifest_dates,
    read_story_rows,
)
from verifier.stories.article import group_article
from verifier.stories.grouping import (
    _cosine,
    _Index,
    _merge,
    corpus_idf,
    group,
    spans,
)
from verifier.stories.params import (
    GroupingParams,
    grouping_params,
    overriding,
    with_changes,
)
from verifier.stories.terms import Group, Item, stem, word_list, words

Grouper = Callable[[Sequence[Item]], list[list[Hashable]]]


def set_name(path: Path) -> str:
    """``.../setJ.stories.jsonl`` -> ``J``."""
    name = path.name.removesuffix(".stories.jsonl")
    return name.removeprefix("set") or name


def labels_path(stories: Path) -> Path:
    return stories.with_name(stories.name.replace(".stories.jsonl", ".labels.jsonl"))


def claim_items(stories: Path) -> list[Item]:
    """The labelled claims of a set as ``evaluate_stories`` groups them."""
    return [
        Item(key=(row["doc"], row["i"]), doc=row["doc"], position=row["i"], text=row["text"],
             kinds=tuple(a["kind"] for a in row["sourcing"]),
             sources=tuple(a["source"] for a in row["sourcing"]))
        for row in read_label_rows(labels_path(stories)) if row.get("claim")
    ]


def gold_owner(stories: Path) -> dict[tuple[str, int], str]:
    """Each labelled sentence of a story -> the story's name."""
    return {(str(row["doc"]), int(i)): str(row["story"])
            for row in read_story_rows(stories) for i in row["sentences"]}


#: Whether groupers are given the articles' publication days (``--no-dates``: not).
USE_DATES = True


def article_dates(stories: Path) -> dict[Hashable, datetime]:
    """Each article's publication day from the manifest beside the stories (``X.manifest.tsv``,
    as ``eval-stories`` reads it), when there is one (and no ``--no-dates``)."""
    manifest = manifest_path_for(stories)
    if not USE_DATES or not manifest.is_file():
        return {}
    return dict(read_manifest_dates(manifest))


def plain_grouper(items: Sequence[Item]) -> list[list[Hashable]]:
    return group(items)


def dated_grouper(stories: Path) -> Grouper:
    """``group`` with the publication days of the articles of ``stories``."""
    dates = article_dates(stories)
    return lambda items: group(items, dates)


def items_by_doc(items: list[Item]) -> dict[Hashable, list[Item]]:
    """The claim items of each article, in their order."""
    by_doc: dict[Hashable, list[Item]] = {}
    for item in items:
        by_doc.setdefault(item.doc, []).append(item)
    return by_doc


def gold_article_grouper(owner: Mapping[tuple[str, int], str],
                         dates: Mapping[Hashable, datetime] | None = None) -> Grouper:
    """Pass 1 from the labels (each article's labelled stories; a background claim alone),
    then pass 2 as ``assign`` runs it (``dates``: the articles' publication days)."""
    def grouper(items: Sequence[Item]) -> list[list[Hashable]]:
        index = _Index([], corpus_idf(items), dates=spans(dates))
        by_doc = items_by_doc(items)
        for doc_items in by_doc.values():
            _merge(labelled_article(doc_items, owner), index)
        return [g.members for g in index.groups]
    return grouper


def gold_cross_grouper(owner: Mapping[tuple[str, int], str]) -> Grouper:
    """Pass 1 as it is, then pass 2 from the labels: in each article, the pass-1 story
    holding most claims of a labelled story (the first such on a tie) joins that story's
    pieces from the other articles; every other pass-1 story stays alone."""
    def grouper(items: Sequence[Item]) -> list[list[Hashable]]:
        idf = corpus_idf(items)
        alone: list[list[Hashable]] = []
        joined: dict[str, list[Hashable]] = {}
        for doc_items in items_by_doc(list(items)).values():
            groups = group_article(doc_items, idf)
            homes = _homes([g.members for g in groups], owner)
            home_of = {number: story for story, number in sorted(homes.items())}
            for number, g in enumerate(groups):
                story = home_of.get(number)
                if story is None:
                    alone.append(list(g.members))
                else:
                    joined.setdefault(story, []).extend(g.members)
        return [*alone, *joined.values()]
    return grouper


#: The classes of pass-1 errors ``--fix`` mends, in the order they are mended.
FIXES = ("stories", "background", "splits", "members", "others")


def _majority(members: Sequence[Hashable], owner: Mapping[tuple[str, int], str]) -> str | None:
    found = Counter(owner[k] for k in members if k in owner)  # type: ignore[index]
    return found.most_common(1)[0][0] if found else None


def _homes(members: Sequence[Sequence[Hashable]], owner: Mapping[tuple[str, int], str]
           ) -> dict[str, int]:
    """Each labelled story's home among one article's pass-1 stories (``members``): the one
    holding most of its claims, the first on a tie (as ``evaluate_stories`` counts)."""
    counts: dict[str, Counter[int]] = {}
    for number, keys in enumerate(members):
        for key in keys:
            story = owner.get(key)  # type: ignore[call-overload]
            if story is not None:
                counts.setdefault(story, Counter())[number] += 1
    return {story: min(c, key=lambda n: (-c[n], n)) for story, c in counts.items()}


def fixed_article(items: Sequence[Item], groups: Sequence[Group],
                  reasons: Mapping[Hashable, Any], owner: Mapping[tuple[str, int], str],
                  fixes: Mapping[str, frozenset[str] | None]) -> list[Group]:
    """One article's pass-1 ``groups`` with the classes of errors in ``fixes`` (class -> the
    rules whose claims are mended, None for all) mended by the labels (``--fix``)."""
    def fixing(kind: str, key: Hashable) -> bool:
        rules = fixes.get(kind, frozenset())
        return kind in fixes and (rules is None or reasons[key].rule in rules)

    members = [list(g.members) for g in groups]
    if "stories" in fixes:
        majority = [_majority(m, owner) for m in members]
        moved: list[list[Hashable]] = []
        for number, keys in enumerate(members):
            for key in list(keys):
                story = owner.get(key)  # type: ignore[call-overload]
                if story is None or story == majority[number] or not fixing("stories", key):
                    continue
                keys.remove(key)
                if story in majority:
                    members[majority.index(story)].append(key)
                else:
                    majority.append(story)
                    moved.append([key])
                    members.append(moved[-1])
    if "background" in fixes:
        for keys in list(members):
            if _majority(keys, owner) is None:
                continue
            for key in list(keys):
                if key not in owner and fixing("background", key):
                    keys.remove(key)
                    members.append([key])
    if "splits" in fixes:
        first: dict[str, list[Hashable]] = {}
        for keys in members:
            story = _majority(keys, owner)
            if story is None:
                continue
            if story in first:
                taken = [k for k in keys if fixing("splits", k)]
                first[story].extend(taken)
                keys[:] = [k for k in keys if k not in taken]
            else:
                first[story] = keys
    if "members" in fixes:
        home = _homes(members, owner)
        for number, keys in enumerate(members):
            for key in list(keys):
                story = owner.get(key)  # type: ignore[call-overload]
                if story is not None and home[story] != number and fixing("members", key):
                    keys.remove(key)
                    members[home[story]].append(key)
    if "others" in fixes:
        home = _homes(members, owner)
        for number, keys in enumerate(list(members)):
            own = _majority(keys, owner)
            leaving: dict[str, list[Hashable]] = {}
            for key in keys:
                story = owner.get(key)  # type: ignore[call-overload]
                if (story is not None and story != own and home[story] == number
                        and fixing("others", key)):
                    leaving.setdefault(story, []).append(key)
            for story_keys in leaving.values():
                keys[:] = [k for k in keys if k not in story_keys]
                members.append(story_keys)
    by_key = {item.key: item for item in items}
    fixed = []
    for keys in members:
        if keys:
            story = Group()
            for key in sorted(keys, key=lambda k: by_key[k].position):
                story.add(by_key[key], by_key[key].words())
            fixed.append(story)
    return fixed


def fixed_grouper(owner: Mapping[tuple[str, int], str],
                  fixes: Mapping[str, frozenset[str] | None],
                  dates: Mapping[Hashable, datetime] | None = None) -> Grouper:
    """Pass 1 as it is with ``fixes`` mended by the labels (``fixed_article``), then pass 2
    as ``assign`` runs it."""
    def grouper(items: Sequence[Item]) -> list[list[Hashable]]:
        idf = corpus_idf(items)
        index = _Index([], idf, dates=spans(dates))
        by_doc = items_by_doc(items)
        for doc_items in by_doc.values():
            reasons: dict[Hashable, Any] = {}
            groups = group_article(doc_items, idf, reasons)
            _merge(fixed_article(doc_items, groups, reasons, owner, fixes), index)
        return [g.members for g in index.groups]
    return grouper


def parse_fix(text: str) -> tuple[str, frozenset[str] | None]:
    """``stories:main,back`` -> (``stories``, those rules); ``splits`` -> (``splits``, None)."""
    kind, _, rules = text.partition(":")
    if kind not in FIXES:
        raise InputError(f"--fix {text!r}: expected one of {', '.join(FIXES)}, optionally "
                         f"followed by ':' and pass-1 rules")
    names = frozenset(r.strip() for r in rules.split(",") if r.strip())
    return kind, names or None


def measure(paths: Sequence[Path], grouper_for: Callable[[Path], Grouper]
            ) -> dict[str, StoryEval]:
    return {set_name(p): evaluate_stories(p, grouper=grouper_for(p)) for p in paths}


def row_of(name: str, result: StoryEval) -> dict[str, Any]:
    found = result.to_dict()
    cross = [s for s in result.stories if len(s.docs) > 1]
    return {
        "set": name, "stories": len(result.stories), "cross": len(cross),
        "macro": found["macro"]["f1"], "micro": found["micro"]["f1"],
        "cross_p": found["cross_article"]["precision"],
        "cross_r": found["cross_article"]["recall"],
        "not_joined": found["mismatches"]["cross_not_joined"],
    }


def table(results: Mapping[str, StoryEval]) -> list[dict[str, Any]]:
    rows = [row_of(name, result) for name, result in results.items()]
    if len(results) > 1:
        rows.append(row_of("pooled", pool(list(results.values()))))
    return rows


def short_row(name: str, result: StoryEval) -> dict[str, Any]:
    """``row_of``'s membership measures alone (the learned passes' trainers print these)."""
    found = result.to_dict()
    return {"set": name, "macro": found["macro"]["f1"], "micro": found["micro"]["f1"],
            "cross_p": found["cross_article"]["precision"],
            "cross_r": found["cross_article"]["recall"]}


def short_rows(results: Mapping[str, StoryEval]) -> list[dict[str, Any]]:
    """A ``short_row`` per set, and the pooled one last (even for one set)."""
    return ([short_row(n, r) for n, r in results.items()]
            + [short_row("pooled", pool(list(results.values())))])


def show_short(title: str, found: Sequence[Mapping[str, Any]]) -> None:
    print(title)
    for r in found:
        print(f"  {r['set']:>7} macro {r['macro']:.3f} micro {r['micro']:.3f} "
              f"cross {r['cross_p']:.3f} / {r['cross_r']:.3f}")


def print_table(rows: Sequence[Mapping[str, Any]], title: str) -> None:
    print(title)
    print(f"{'set':>7} {'stories':>7} {'macro':>6} {'micro':>6} {'cross':>5} "
          f"{'P':>6} {'R':>6} {'unjoined':>8}")
    for r in rows:
        print(f"{r['set']:>7} {r['stories']:>7} {r['macro']:>6.3f} {r['micro']:>6.3f} "
              f"{r['cross']:>5} {r['cross_p']:>6.3f} {r['cross_r']:>6.3f} {r['not_joined']:>8}")


# --- gates: which test of pass 2 kept a labelled story's articles apart ---------------------

@dataclass(frozen=True, slots=True)
class Gate:
    story: str
    first: str
    later: str
    test: str
    shared: tuple[str, ...]
    #: What the later article's piece was grouped with from other articles instead: their
    #: labelled stories, ``background`` for claims of none (empty: it stands apart).
    joined: tuple[str, ...] = ()


def gate(index: _Index, later: Group, first: Group) -> str:
    """The first test of ``_Index.best_match`` that keeps ``later`` from joining ``first``
    (the same tests in the same order), or ``OK``."""
    p = index.params
    vector, norm, names, distinctive, subjects = index.facts(later)
    o_vector, o_norm, o_names, o_distinctive, o_subjects = index.facts(first)
    common = distinctive & o_distinctive
    later_span, first_span = index.span(later), index.span(first)
    # (one undated: taken as of the other's news cycle, ``undated_merge``)
    apart, lent = index.apart_of(later_span, first_span)
    if apart is not None and apart > 7 * p.weeks:
        return "published more than weeks apart"
    floor = index.floor_for(later_span, first_span)  # undated or further apart: stricter
    common = {n for n in common if index.idf.get(n, 0.0) > floor}
    if not common:
        return "no distinctive name shared"
    weight = math.fsum(index.idf.get(n, 0.0) for n in common) / index.top
    if len(common) < 2:
        near = apart is not None and apart <= p.near_days
        if weight < p.link and not (near and weight >= p.near_link):
            if near:
                return f"one distinctive name, weight {weight:.2f} < near_link {p.near_link:g}"
            return f"one distinctive name, weight {weight:.2f} < link {p.link:g}"
    # the join rests on the lent date unless the names would tie two undated stories
    lent = lent and sum(1 for n in common if index.idf.get(n, 0.0) > index.undated) < 2 and (
        len(common) >= 2 or weight < p.link)
    members, o_members = later.size, first.size
    if members < p.small <= o_members:
        total = sum(vector.values()) or 1.0
        contained = sum(v for t, v in vector.items() if t in o_vector) / total
        if lent and contained < p.undated_contain:
            return (f"undated, side remark contained {contained:.2f} < undated_contain "
                    f"{p.undated_contain:g}")
        return "OK" if contained >= p.contain else (
            f"side remark, contained {contained:.2f} < contain {p.contain:g}")
    same_subject = bool(subjects & o_names) and bool(o_subjects & names)
    if not same_subject and len(common) < p.strong_names:
        return f"another subject, {len(common)} distinctive < strong_names {p.strong_names}"
    score = _cosine(vector, norm, o_vector, o_norm)
    if min(members, o_members) < p.small and score < p.strong_merge:
        return f"small story, cosine {score:.2f} < strong_merge {p.strong_merge:g}"
    if score < p.merge:
        return f"cosine {score:.2f} < merge {p.merge:g}"
    if not same_subject and score < p.strong_merge:
        return f"another subject, cosine {score:.2f} < strong_merge {p.strong_merge:g}"
    if lent and score < p.undated_merge:
        return f"undated, cosine {score:.2f} < undated_merge {p.undated_merge:g}"
    return "OK"


def labelled_article(doc_items: Sequence[Item], owner: Mapping[tuple[str, int], str]
                     ) -> list[Group]:
    """One article's stories as labelled (a background claim alone), in reading order: pass
    1 as ``gold_article_grouper`` replaces it."""
    groups: dict[object, Group] = {}
    for item in sorted(doc_items, key=lambda i: i.position):
        key = cast("tuple[str, int]", item.key)
        groups.setdefault(owner.get(key, key), Group()).add(item, item.words())
    return list(groups.values())


def _placed(grouped: Sequence[Sequence[Hashable]]) -> dict[Hashable, int]:
    """Each claim's key -> the number of the predicted story holding it."""
    return {key: n for n, members in enumerate(grouped) for key in members}


def _labelled_docs(stories: Path) -> dict[str, dict[str, list[int]]]:
    """Each labelled story -> each article it is labelled in -> its sentences there."""
    labelled: dict[str, dict[str, list[int]]] = {}
    for row in read_story_rows(stories):
        labelled.setdefault(row["story"], {}).setdefault(row["doc"], []).extend(row["sentences"])
    return labelled


def _article_pair(docs: Mapping[str, object], home_of: Mapping[str, int]) -> tuple[str, str]:
    """The first article of a story, and the first later one whose piece went elsewhere (the
    two first articles may well have joined)."""
    first = next(iter(docs))
    return first, next(doc for doc in docs if home_of[doc] != home_of[first])


def _most_held(made: Sequence[Group], sentences: Collection[int]) -> tuple[int, int]:
    """The piece of an article's pass 1 (``made``) holding most of a story's ``sentences``
    there, the first on a tie, and how many it holds."""
    counts = Counter({n: sum(1 for key in g.members if key[1] in sentences)  # type: ignore[index]
                      for n, g in enumerate(made)})
    return counts.most_common(1)[0]


def gates(stories: Path, gold_article: bool = False) -> list[Gate]:
    """For each story labelled in several articles that grouping did not join: the test that
    kept the story pass 1 made of it in its second article from the one in its first, and
    what that piece was grouped with instead. ``gold_article``: pass 1 from the labels (the
    cross-article step's own losses)."""
    items = claim_items(stories)
    idf = corpus_idf(items)
    owner = gold_owner(stories)
    by_doc = items_by_doc(items)
    dates = article_dates(stories)
    if gold_article:
        firsts = {doc: labelled_article(doc_items, owner) for doc, doc_items in by_doc.items()}
        grouped = gold_article_grouper(owner, dates)(items)
    else:
        firsts = {doc: group_article(doc_items, idf) for doc, doc_items in by_doc.items()}
        grouped = group(items, dates)
    where = _placed(grouped)
    index = _Index([], idf, dates=spans(dates))
    found = []
    for story, docs in _labelled_docs(stories).items():
        if len(docs) < 2:
            continue
        home_of = {doc: Counter(where[(doc, i)] for i in sentences if (doc, i) in where)
                   .most_common(1)[0][0] for doc, sentences in docs.items()}
        if len(set(home_of.values())) == 1:
            continue
        first_doc, later_doc = _article_pair(docs, home_of)
        first, later = (firsts[doc][_most_held(firsts[doc], docs[doc])[0]]
                        for doc in (first_doc, later_doc))
        shared = sorted(index.facts(first)[2] & index.facts(later)[2],
                        key=lambda n: -idf.get(n, 0.0))
        home = grouped[Counter(where[key] for key in later.members).most_common(1)[0][0]]
        others = [cast("tuple[str, int]", key) for key in home]
        joined = sorted({owner.get(key, "background") for key in others
                         if key[0] != later_doc} - {story})
        found.append(Gate(story, first_doc, later_doc, gate(index, later, first),
                          tuple(shared[:6]), tuple(joined)))
    return found


# --- causes: why a cross-article story was not joined, and where its recall went ----------

#: The causes ``--causes`` counts (``Cause.cause``), in the order they are printed.
CAUSES = ("pass 1: split", "pass 1: split and mixed", "pass 1: mixed",
          "pass 2: no candidate", "pass 2: under a threshold", "both pass: another story")


@dataclass(frozen=True, slots=True)
class Cause:
    """Why one story labelled in several articles was not joined (``causes``)."""
    story: str
    first: str
    later: str
    #: One of ``CAUSES``.
    cause: str
    #: ``gate`` on the two articles' pieces as pass 1 made them, and as labelled.
    real: str
    labelled: str
    #: Whether pass 2 joins the story when pass 1 is the labels (``--gold-article``).
    labelled_joined: bool
    #: Per piece (first, later): the share of the story's claims in its article it holds, and
    #: the share of its claims that are the story's.
    share: tuple[float, float]
    purity: tuple[float, float]
    #: The cause's finer class (``DETAILS``): for pass 2, the test the labelled pieces fail
    #: (no candidate: published too far apart, no name shared at all, or only names too many
    #: documents use; under a threshold: which one); else the cause itself.
    detail: str = ""


#: The finer classes ``--causes`` counts (``Cause.detail``) of the two pass-2 causes.
DETAILS = ("no candidate: published more than weeks apart", "no candidate: no name shared",
           "no candidate: only names too many documents use",
           "under a threshold: one distinctive name", "under a threshold: side remark",
           "under a threshold: small story", "under a threshold: another subject",
           "under a threshold: cosine")


def _detail(cause: str, labelled: str, names_shared: bool) -> str:
    """``Cause.detail`` of a cause whose labelled pieces' gate says ``labelled``
    (``names_shared``: whether they share any name, distinctive or not)."""
    if cause == "pass 2: no candidate":
        if labelled.startswith("published"):
            return DETAILS[0]
        return DETAILS[2] if names_shared else DETAILS[1]
    if cause == "pass 2: under a threshold":
        return next((d for d in DETAILS[3:] if labelled.startswith(d.split(": ")[1])),
                    "under a threshold: " + labelled.split(",")[0])
    return cause


def _gate_kind(test: str) -> str:
    """A ``gate`` result as a cause: ``candidate`` when pass 2 never compares the two (no
    distinctive name, or published more than ``weeks`` apart), ``threshold`` when a test
    fails, ``OK``."""
    if test == "OK":
        return "OK"
    if test.startswith(("no distinctive", "published")):
        return "candidate"
    return "threshold"


def _home(placed: Mapping[Hashable, int], doc: str, sentences: Collection[int]) -> int:
    """The story holding most of a labelled story's claims in ``doc``, the first on a tie
    (as ``evaluate_stories`` counts)."""
    counts = Counter(placed[(doc, i)] for i in set(sentences) if (doc, i) in placed)
    return min(counts, key=lambda number: (-counts[number], number))


def causes(stories: Path) -> list[Cause]:
    """For each story labelled in several articles whose homes are not one story: the pair of
    articles ``gates`` tests (the first, and the first later one whose piece went elsewhere),
    the gate on their pieces as pass 1 made them and as labelled, and the cause: pass 1 when
    the labelled pieces pass every test and the real ones do not (``split``: a piece holds
    part of the story's claims in its article; ``mixed``: a piece holds other claims too);
    pass 2 when the labelled pieces fail too (``no candidate``: no distinctive name shared or
    more than ``weeks`` apart, so pass 2 never compares them; ``under a threshold``: another
    test); ``another story`` when both pairs pass alone (another story was preferred, or
    ``again``)."""
    items = claim_items(stories)
    idf = corpus_idf(items)
    owner = gold_owner(stories)
    by_doc = items_by_doc(items)
    dates = article_dates(stories)
    real = {doc: group_article(doc_items, idf) for doc, doc_items in by_doc.items()}
    gold = {doc: labelled_article(doc_items, owner) for doc, doc_items in by_doc.items()}
    grouped = group(items, dates)
    gold_grouped = gold_article_grouper(owner, dates)(items)
    where = _placed(grouped)
    gold_where = _placed(gold_grouped)
    index = _Index([], idf, dates=spans(dates))
    found = []
    for story, docs in _labelled_docs(stories).items():
        if len(docs) < 2:
            continue
        home_of = {doc: _home(where, doc, docs[doc]) for doc in docs}
        if len(set(home_of.values())) == 1:
            continue
        first_doc, later_doc = _article_pair(docs, home_of)
        pieces: dict[str, list[Group]] = {"real": [], "gold": []}
        share, purity = [], []
        for doc in (first_doc, later_doc):
            sentences = docs[doc]
            claims = sum(1 for item in by_doc[doc] if item.position in sentences)
            for kind, made in (("real", real[doc]), ("gold", gold[doc])):
                number, held = _most_held(made, sentences)
                pieces[kind].append(made[number])
                if kind == "real":
                    share.append(held / max(claims, 1))
                    purity.append(held / len(made[number].members))
        real_test = gate(index, pieces["real"][1], pieces["real"][0])
        gold_test = gate(index, pieces["gold"][1], pieces["gold"][0])
        split, mixed = min(share) < 1, min(purity) < 1
        if _gate_kind(gold_test) == "OK":
            if _gate_kind(real_test) == "OK":
                cause = "both pass: another story"
            else:
                cause = ("pass 1: split and mixed" if split and mixed else
                         "pass 1: split" if split else "pass 1: mixed")
        else:
            cause = ("pass 2: no candidate" if _gate_kind(gold_test) == "candidate"
                     else "pass 2: under a threshold")
        labelled_joined = len({_home(gold_where, doc, docs[doc]) for doc in docs}) == 1
        names_shared = bool(index.facts(pieces["gold"][0])[2] & index.facts(pieces["gold"][1])[2])
        found.append(Cause(story, first_doc, later_doc, cause, real_test, gold_test,
                           labelled_joined, (share[0], share[1]), (purity[0], purity[1]),
                           _detail(cause, gold_test, names_shared)))
    return found


#: Where a cross-article story's sentences are, against the predicted story holding most of
#: them (``recall_losses``).
RECALL_PLACES = ("held", "split off, article joined", "home not joined",
                 "split off, article not joined")


def recall_losses(stories: Path) -> list[dict[str, float]]:
    """For each story labelled in several articles, the share of its sentences in each of
    ``RECALL_PLACES``: in the predicted story holding most of them (``held``); in an article
    whose home is that story but outside it (pass 1 split them off a piece pass 2 joined); in
    their article's home, which pass 2 did not join to it; outside both."""
    items = claim_items(stories)
    claims = {item.key for item in items}
    where = _placed(dated_grouper(stories)(items))
    found = []
    for labelled in _labelled_docs(stories).values():
        docs = {doc: [(doc, i) for i in sentences if (doc, i) in claims]
                for doc, sentences in labelled.items()}
        keys = [key for doc_keys in docs.values() for key in doc_keys]
        if len(docs) < 2 or not keys:
            continue
        held = Counter(where[key] for key in keys).most_common(1)[0][0]
        counts = Counter({place: 0 for place in RECALL_PLACES})
        for doc_keys in docs.values():
            if not doc_keys:
                continue
            home = Counter(where[key] for key in doc_keys).most_common(1)[0][0]
            for key in doc_keys:
                counts[RECALL_PLACES[0] if where[key] == held else
                       RECALL_PLACES[1] if home == held else
                       RECALL_PLACES[2] if where[key] == home else RECALL_PLACES[3]] += 1
        found.append({place: counts[place] / len(keys) for place in RECALL_PLACES})
    return found


#: What a lost sentence's predicted story holds besides it (``lost_sentences``): nothing,
#: only claims of its own story (a fragment), only another story's, both, only background.
LOST_WITH = ("alone", "own fragment", "another story", "own and another", "background only")

#: The kinds of wording ``lost_sentences`` counts among the lost sentences, each against the
#: predicted story holding most of its story (the held story): the article's first claim
#: (headline) or its second or third (lead); an article with no publication day; no name at
#: all; a name the held story uses; none, but a name of the held story as a plain word here
#: (opening the sentence); none, but a name of the held story spelled differently (the same
#: consonants: "Afwerki" / "Afewerki"); an event word (``event_words``) the held story uses;
#: a sentence opening on a pronoun or "the" (it refers back); in the held story's first
#: article (the first grouped of those whose home is the held story: a piece split off there
#: was set apart before any other article of the story came, so no step of pass 2 that
#: leaves stored memberships alone can bring it back); attributed to a source named as a
#: source of the held story in another article (the same party speaking in two reports).
LOST_KINDS = ("headline", "lead", "article undated", "names nothing",
              "a name the held story uses", "its name as an opening word only",
              "its name spelled differently only", "an event word the held story uses",
              "opens on a pronoun or 'the'", "in the held story's first article",
              "a source the held story cites in another article")

_OPENING_REFERENCES = frozenset(("he", "she", "it", "they", "the", "this", "that", "his", "her",
                                 "their", "its", "these", "those"))


def _consonants(name: str) -> str:
    """A name's consonant skeleton ("afewerki" -> afwrk), or the name when it is short."""
    if not name.isalpha() or len(name) < 5:
        return name
    name = name.replace("ph", "f").replace("ck", "k")
    skeleton = name[0] + "".join(c for c in name[1:] if c not in "aeiouy")
    skeleton = "".join(c for i, c in enumerate(skeleton) if i == 0 or c != skeleton[i - 1])
    return skeleton if len(skeleton) >= 4 else name


def source_names(items: Iterable[Item]) -> set[str]:
    """The names (``terms.words``' ``N:`` terms) in the sources these claims are attributed to."""
    return {term for item in items for source in item.sources for term in words(source)
            if term.startswith("N:")}


def lost_sentences(stories: Path) -> dict[str, dict[str, Counter[str]]]:
    """For each sentence of a story labelled in several articles, by ``RECALL_PLACES`` (in
    the predicted story holding most of the story, the held story, or lost): the pass-1 rule
    that placed it (``rules``), what its predicted story holds besides it (``with``,
    ``LOST_WITH``) and which of ``LOST_KINDS`` it is (``kinds``); ``sentences`` counts them."""
    items = claim_items(stories)
    by_key = {item.key: item for item in items}
    story_of: dict[Hashable, str] = {key: name for key, name in gold_owner(stories).items()}
    idf = corpus_idf(items)
    by_doc = items_by_doc(items)
    dates = article_dates(stories)
    grouped = group(items, dates)
    where = _placed(grouped)
    reasons: dict[Hashable, Any] = {}
    for doc_items in by_doc.values():
        group_article(doc_items, idf, reasons)
    rank = {item.key: n for doc_items in by_doc.values() for n, item in enumerate(doc_items)}
    order = {doc: n for n, doc in enumerate(by_doc)}  # the order ``group`` takes articles in
    event_words = {stem(entry.split()[0]) for entry in word_list("event_words")}
    found: dict[str, dict[str, Counter[str]]] = {
        place: {"sentences": Counter(), "rules": Counter(), "with": Counter(),
                "kinds": Counter()} for place in RECALL_PLACES}
    for story, labelled in _labelled_docs(stories).items():
        docs = {doc: [(doc, i) for i in sentences if (doc, i) in where]
                for doc, sentences in labelled.items()}
        keys = [key for doc_keys in docs.values() for key in doc_keys]
        if len(docs) < 2 or not keys:
            continue
        held = Counter(where[key] for key in keys).most_common(1)[0][0]
        held_terms: Counter[str] = Counter()
        for key in grouped[held]:
            held_terms.update(by_key[key].words())
        held_names = {t[2:] for t in held_terms if t.startswith("N:")}
        held_plain = {t[2:] for t in held_terms}
        skeletons = {_consonants(n) for n in held_names}
        homes = {doc: Counter(where[key] for key in doc_keys).most_common(1)[0][0]
                 for doc, doc_keys in docs.items() if doc_keys}
        first = min((doc for doc, home in homes.items() if home == held),
                    key=order.__getitem__, default=None)
        for doc, doc_keys in docs.items():
            if not doc_keys:
                continue
            home = homes[doc]
            cited = source_names(by_key[m] for m in grouped[held] if by_key[m].doc != doc)
            for key in doc_keys:
                place = (RECALL_PLACES[0] if where[key] == held else
                         RECALL_PLACES[1] if home == held else
                         RECALL_PLACES[2] if where[key] == home else RECALL_PLACES[3])
                tally = found[place]
                tally["sentences"]["all"] += 1
                tally["rules"][reasons[key].rule] += 1
                mates = [m for m in grouped[where[key]] if m != key]
                own = any(story_of.get(m) == story for m in mates)
                other = any(story_of.get(m) not in (None, story) for m in mates)
                tally["with"][LOST_WITH[0] if not mates else
                              LOST_WITH[3] if own and other else LOST_WITH[1] if own else
                              LOST_WITH[2] if other else LOST_WITH[4]] += 1
                terms = by_key[key].words()
                names = {t[2:] for t in terms if t.startswith("N:")}
                plain = {t[2:] for t in terms if t.startswith("W:")}
                shared = bool(names & held_names)
                text = by_key[key].text.split()
                kinds = {
                    "headline": rank[key] == 0,
                    "lead": rank[key] in (1, 2),
                    "article undated": doc not in dates,
                    "names nothing": not names,
                    "a name the held story uses": shared,
                    "its name as an opening word only": not shared and bool(plain & held_names),
                    "its name spelled differently only": not shared and any(
                        _consonants(n) in skeletons for n in names),
                    "an event word the held story uses": bool(
                        (names | plain) & held_plain & event_words),
                    "opens on a pronoun or 'the'": bool(text)
                    and text[0].lower().strip("“\"'‘") in _OPENING_REFERENCES,
                    "in the held story's first article": doc == first,
                    "a source the held story cites in another article": bool(
                        source_names((by_key[key],)) & cited),
                }
                tally["kinds"].update(kind for kind, hit in kinds.items() if hit)
    return found


def lost_table(paths: Sequence[Path]) -> dict[str, dict[str, dict[str, int]]]:
    """``lost_sentences`` pooled over the sets (counts, most first)."""
    pooled: dict[str, dict[str, Counter[str]]] = {}
    for path in paths:
        for place, parts in lost_sentences(path).items():
            into = pooled.setdefault(place, {})
            for part, counts in parts.items():
                into.setdefault(part, Counter()).update(counts)
    return {place: {part: dict(counts.most_common()) for part, counts in parts.items()}
            for place, parts in pooled.items()}


def joined_kind(joined: Sequence[str]) -> str:
    """What a not-joined piece was grouped with: nothing (``apart``), only background,
    another labelled story (``other story``)."""
    if not joined:
        return "apart"
    return "background only" if set(joined) == {"background"} else "other story"


# --- pairs: how well pass 2's signals tell one story's pieces from two stories' ------------

#: The cosines at which ``--pairs`` counts the pairs.
PAIR_COSINES = (0.2, 0.3, 0.4, 0.5)


def story_pairs(stories: Path) -> list[dict[str, Any]]:
    """Every two labelled stories' pieces in different articles that share a name (pass 1
    from the labels): whether they are one story, how many distinctive names they share,
    whether they have the same subject (as pass 2 tests them) and their cosine."""
    items = claim_items(stories)
    idf = corpus_idf(items)
    owner = gold_owner(stories)
    index = _Index([], idf)
    pieces: dict[tuple[str, str], Group] = {}
    for item in sorted(items, key=lambda i: (str(i.doc), i.position)):
        story = owner.get(cast("tuple[str, int]", item.key))
        if story is not None:
            pieces.setdefault((str(item.doc), story), Group()).add(item, item.words())
    facts = {key: index.facts(piece) for key, piece in pieces.items()}
    found = []
    for (a, fa), (b, fb) in itertools.combinations(facts.items(), 2):
        if a[0] == b[0] or not fa[2] & fb[2]:
            continue
        found.append({
            "same": a[1] == b[1], "distinctive": len(fa[3] & fb[3]),
            "same_subject": bool(fa[4] & fb[2]) and bool(fb[4] & fa[2]),
            "cosine": _cosine(fa[0], fa[1], fb[0], fb[1])})
    return found


def pairs_table(paths: Sequence[Path]) -> list[dict[str, Any]]:
    """``story_pairs`` pooled over the sets, by distinctive names shared (0, 1, 2, 3 or
    more) and same subject: pairs of one story and of two, and of each at ``PAIR_COSINES``."""
    rows: dict[tuple[int, bool], dict[str, Any]] = {}
    for path in paths:
        for pair in story_pairs(path):
            key = (min(pair["distinctive"], 3), pair["same_subject"])
            row = rows.setdefault(key, {
                "distinctive": key[0], "same_subject": key[1], "one": 0, "two": 0,
                **{f"one_{c}": 0 for c in PAIR_COSINES}, **{f"two_{c}": 0 for c in PAIR_COSINES}})
            kind = "one" if pair["same"] else "two"
            row[kind] += 1
            for c in PAIR_COSINES:
                row[f"{kind}_{c}"] += pair["cosine"] >= c
    return [rows[k] for k in sorted(rows, key=lambda k: (k[0], not k[1]))]


# --- rules: how the claims each pass-1 rule placed fared -----------------------------------

#: What became of a claim pass 1 placed, against the labels (``rule_outcomes``).
OUTCOMES = ("home", "split", "absorbed", "apart")


def rule_outcomes(stories: Path) -> dict[str, Counter[str]]:
    """Per pass-1 rule, its claims by ``OUTCOMES``: a story's claim in its home in the article
    (the pass-1 story holding most of that story's claims there) or split off it; a
    background claim in some story's home (absorbed) or in none (apart)."""
    items = claim_items(stories)
    owner = gold_owner(stories)
    idf = corpus_idf(items)
    by_doc = items_by_doc(items)
    found: dict[str, Counter[str]] = {}
    for doc_items in by_doc.values():
        reasons: dict[Hashable, Any] = {}
        groups = group_article(doc_items, idf, reasons)
        where = {key: n for n, g in enumerate(groups) for key in g.members}
        counts: dict[str, Counter[int]] = {}
        for key, number in where.items():
            story = owner.get(key)  # type: ignore[arg-type]
            if story is not None:
                counts.setdefault(story, Counter())[number] += 1
        home = {story: c.most_common(1)[0][0] for story, c in counts.items()}
        homes = set(home.values())
        for key, number in where.items():
            story = owner.get(key)  # type: ignore[arg-type]
            if story is None:
                outcome = "absorbed" if number in homes else "apart"
            else:
                outcome = "home" if home[story] == number else "split"
            found.setdefault(reasons[key].rule, Counter())[outcome] += 1
    return found


def rules_table(paths: Sequence[Path]) -> list[dict[str, Any]]:
    """``rule_outcomes`` pooled over the sets, one row per rule, most claims first."""
    pooled: dict[str, Counter[str]] = {}
    for path in paths:
        for rule, counts in rule_outcomes(path).items():
            pooled.setdefault(rule, Counter()).update(counts)
    return [{"rule": rule, "claims": sum(counts.values()),
             **{outcome: counts[outcome] for outcome in OUTCOMES}}
            for rule, counts in sorted(pooled.items(),
                                       key=lambda rc: (-sum(rc[1].values()), rc[0]))]


# --- adjacent: how pass 1 treats two labelled claims that follow one another -------------

#: What pass 1 made of two labelled claims in a row (``adjacent_outcomes``): of one story,
#: kept in one pass-1 story or split; of two stories, merged or kept apart.
ADJACENT = ("kept", "split", "merged", "apart")


def adjacent_outcomes(stories: Path) -> dict[str, Counter[str]]:
    """Per pass-1 rule of the later claim, every two claims of one article that follow one
    another (no claim between them) and both belong to a labelled story, by ``ADJACENT``."""
    items = claim_items(stories)
    owner = gold_owner(stories)
    idf = corpus_idf(items)
    found: dict[str, Counter[str]] = {}
    for doc_items in items_by_doc(items).values():
        reasons: dict[Hashable, Any] = {}
        groups = group_article(doc_items, idf, reasons)
        where = {key: n for n, g in enumerate(groups) for key in g.members}
        ordered = sorted(doc_items, key=lambda i: i.position)
        for before, after in itertools.pairwise(ordered):
            first = owner.get(cast("tuple[str, int]", before.key))
            second = owner.get(cast("tuple[str, int]", after.key))
            if first is None or second is None:
                continue
            together = where[before.key] == where[after.key]
            if first == second:
                outcome = "kept" if together else "split"
            else:
                outcome = "merged" if together else "apart"
            found.setdefault(reasons[after.key].rule, Counter())[outcome] += 1
    return found


def adjacent_table(paths: Sequence[Path]) -> list[dict[str, Any]]:
    """``adjacent_outcomes`` pooled over the sets, one row per rule (most pairs first) and
    a last row ``all``."""
    pooled: dict[str, Counter[str]] = {}
    for path in paths:
        for rule, counts in adjacent_outcomes(path).items():
            pooled.setdefault(rule, Counter()).update(counts)
    total: Counter[str] = Counter()
    for counts in pooled.values():
        total.update(counts)
    rows = [{"rule": rule, **{o: counts[o] for o in ADJACENT}}
            for rule, counts in sorted(pooled.items(),
                                       key=lambda rc: (-sum(rc[1].values()), rc[0]))]
    return [*rows, {"rule": "all", **{o: total[o] for o in ADJACENT}}]


# --- merges: how a second labelled story got into a pass-1 story -------------------------

@dataclass(frozen=True)
class Merge:
    """A labelled story (``story``) whose claims pass 1 put in another's home (``home``)."""

    doc: str
    story: str
    home: str
    main: bool  # the pass-1 story is the article's main story (its first)
    claims: int  # the story's claims there
    rule: str  # the pass-1 rule that placed the first of them
    text: str  # that claim


def article_merges(items: Sequence[Item], groups: Sequence[Group],
                   reasons: Mapping[Hashable, Any],
                   owner: Mapping[tuple[str, int], str]) -> list[Merge]:
    """The ``Merge``s of one article's pass-1 ``groups``: in each story holding claims of
    several labelled stories, every labelled story but the one holding most of it."""
    by_key = {item.key: item for item in items}
    found = []
    for number, g in enumerate(groups):
        members = sorted(g.members, key=lambda k: by_key[k].position)
        counts = Counter(owner[k] for k in members if k in owner)  # type: ignore[index]
        home = _majority(members, owner)
        for story, claims in counts.items():
            if story == home:
                continue
            entry = next(k for k in members if owner.get(k) == story)  # type: ignore[call-overload]
            found.append(Merge(str(by_key[entry].doc), story, str(home), number == 0, claims,
                               reasons[entry].rule, by_key[entry].text))
    return found


def merges(stories: Path) -> list[Merge]:
    """``article_merges`` over a set's articles, grouped as ``evaluate_stories`` groups."""
    items = claim_items(stories)
    owner = gold_owner(stories)
    idf = corpus_idf(items)
    by_doc = items_by_doc(items)
    found = []
    for doc_items in by_doc.values():
        reasons: dict[Hashable, Any] = {}
        found.extend(article_merges(doc_items, group_article(doc_items, idf, reasons), reasons,
                                    owner))
    return found


# --- leave-one-set-out ---------------------------------------------------------------------

def parse_setting(text: str) -> tuple[str, str]:
    key, eq, value = text.partition("=")
    if not eq or not key or not value:
        raise InputError(f"expected KEY=VALUE, got {text!r}")
    return key.strip(), value.strip()


def number(text: str) -> float | int:
    try:
        return int(text)
    except ValueError:
        try:
            return float(text)
        except ValueError:
            raise InputError(f"{text!r} is not a number") from None


def loso(paths: Sequence[Path], base: GroupingParams,
         grid: Mapping[str, Sequence[float | int]]) -> dict[str, Any]:
    """Every combination of the grid scored on every set; for each set, the combination
    with the best pooled macro F1 on the others, scored on it."""
    combos = [dict(zip(grid, values, strict=True)) for values in itertools.product(*grid.values())]
    scored: list[dict[str, StoryEval]] = []
    for combo in combos:
        with overriding(with_changes(base, combo, "--loso")):
            scored.append(measure(paths, dated_grouper))
    with overriding(base):
        current = measure(paths, dated_grouper)
    names = list(current)
    rows, held = [], []
    for name in names:
        others = [n for n in names if n != name]
        best = max(range(len(combos)), key=lambda c: (
            pool([scored[c][n] for n in others]).macro("f1"), -c))
        held.append(scored[best][name])
        rows.append({"set": name, "chosen": combos[best],
                     "current": current[name].macro("f1"),
                     "held_out": scored[best][name].macro("f1")})
    everywhere = max(range(len(combos)), key=lambda c: (
        pool(list(scored[c].values())).macro("f1"), -c))
    return {"sets": rows,
            "pooled_current": pool(list(current.values())).macro("f1"),
            "pooled_held_out": pool(held).macro("f1"),
            "chosen_on_all": combos[everywhere]}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("stories", nargs="+", type=Path)
    parser.add_argument("--set", action="append", default=[], metavar="KEY=VALUE",
                        dest="settings")
    parser.add_argument("--gold-article", action="store_true")
    parser.add_argument("--gold-cross", action="store_true")
    parser.add_argument("--fix", action="append", default=[], metavar="CLASS[:RULES]")
    parser.add_argument("--gates", action="store_true")
    parser.add_argument("--rules", action="store_true")
    parser.add_argument("--merges", action="store_true")
    parser.add_argument("--adjacent", action="store_true")
    parser.add_argument("--pairs", action="store_true")
    parser.add_argument("--causes", action="store_true")
    parser.add_argument("--lost", action="store_true")
    parser.add_argument("--loso", nargs="+", metavar="KEY=V1,V2")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--no-dates", action="store_true")
    args = parser.parse_args(argv)
    global USE_DATES
    USE_DATES = not args.no_dates
    try:
        changes = {k: number(v) for k, v in map(parse_setting, args.settings)}
        fixes = dict(map(parse_fix, args.fix))
        base = with_changes(grouping_params(), changes, "--set")
        grid = {}
        for text in args.loso or ():
            key, values = parse_setting(text)
            grid[key] = [number(v) for v in values.split(",") if v.strip()]
        if grid:
            with_changes(base, {k: v[0] for k, v in grid.items()}, "--loso")
        for path in args.stories:
            if not path.is_file():
                raise InputError(f"{path}: no such file")
        out: dict[str, Any] = {}
        with overriding(base):
            out["membership"] = table(measure(args.stories, dated_grouper))
            if args.gold_article:
                out["gold_article"] = table(measure(
                    args.stories, lambda p: gold_article_grouper(gold_owner(p), article_dates(p))))
            if args.gold_cross:
                out["gold_cross"] = table(measure(
                    args.stories, lambda p: gold_cross_grouper(gold_owner(p))))
            if fixes:
                out["fixed"] = table(measure(
                    args.stories, lambda p: fixed_grouper(gold_owner(p), fixes, article_dates(p))))
            if args.gates:
                out["gates"] = {set_name(p): [asdict(g) for g in gates(p, args.gold_article)]
                                for p in args.stories}
            if args.rules:
                out["rules"] = rules_table(args.stories)
            if args.merges:
                out["merges"] = {set_name(p): [asdict(m) for m in merges(p)]
                                 for p in args.stories}
            if args.adjacent:
                out["adjacent"] = adjacent_table(args.stories)
            if args.pairs:
                out["pairs"] = pairs_table(args.stories)
            if args.causes:
                out["causes"] = {set_name(p): [asdict(c) for c in causes(p)]
                                 for p in args.stories}
                out["recall"] = {set_name(p): recall_losses(p) for p in args.stories}
            if args.lost:
                out["lost"] = lost_table(args.stories)
        if grid:
            out["loso"] = loso(args.stories, base, grid)
    except (ConfigError, InputError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    if args.json:
        print(json.dumps(out, indent=1))
        return 0
    print_table(out["membership"], "membership" + (f" with {changes}" if changes else ""))
    if "gold_article" in out:
        print_table(out["gold_article"], "\nwith each article's stories as labelled (pass 1 "
                    "from the labels, pass 2 as it is)")
    if "gold_cross" in out:
        print_table(out["gold_cross"], "\nwith the cross-article step from the labels (pass 1 "
                    "as it is, each article's home of a labelled story joined to its others)")
    if "fixed" in out:
        print_table(out["fixed"], "\nwith pass 1's " + " and ".join(
            k + (f" (rules {', '.join(sorted(v))})" if v else "") for k, v in fixes.items())
            + " mended by the labels, pass 2 as it is")
    if "gates" in out:
        print("\nstories labelled in several articles, not joined: the test that kept them "
              "apart" + (" (pass 1 from the labels)" if args.gold_article else "")
              + ", and what the later piece was grouped with instead")
        tally: Counter[str] = Counter()
        instead: Counter[str] = Counter()
        for name, found in out["gates"].items():
            for g in found:
                print(f"  {name} {g['story']}: {g['test']} (names shared: "
                      f"{', '.join(g['shared']) or '-'}; with: "
                      f"{', '.join(g['joined'][:3]) or '-'})")
                tally[g["test"].split(",")[0].split(" ")[0] if g["test"] != "OK" else "OK"] += 1
                instead[joined_kind(g["joined"])] += 1
        print("  by test:", ", ".join(f"{t} {n}" for t, n in tally.most_common()))
        print("  grouped with:", ", ".join(f"{t} {n}" for t, n in instead.most_common()))
    if "rules" in out:
        print("\npass-1 rules: the claims each placed, against the labels (home: with their "
              "story's home in the article; split: off it; absorbed: background in a home; "
              "apart: background in none)")
        print(f"{'rule':>22} {'claims':>6} " + " ".join(f"{o:>8}" for o in OUTCOMES))
        for r in out["rules"]:
            print(f"{r['rule']:>22} {r['claims']:>6} "
                  + " ".join(f"{r[o]:>8}" for o in OUTCOMES))
    if "merges" in out:
        print("\nlabelled stories in another's pass-1 story: the rule that let the first in "
              "(claims in / the story's main or side)")
        entries: Counter[str] = Counter()
        for name, found_merges in out["merges"].items():
            for m in found_merges:
                entries[m["rule"]] += 1
                print(f"  {name} {m['doc']} {m['rule']} {m['claims']} in "
                      f"{'main' if m['main'] else 'side'} of {m['home']}: {m['story']} | "
                      f"{m['text'][:100]}")
        print("  by entry rule:", ", ".join(f"{r} {n}" for r, n in entries.most_common()))
    if "adjacent" in out:
        print("\nlabelled claims in a row: of one story kept together or split, of two stories "
              "merged or kept apart, by the pass-1 rule of the later")
        print(f"{'rule':>22} " + " ".join(f"{o:>7}" for o in ADJACENT))
        for r in out["adjacent"]:
            print(f"{r['rule']:>22} " + " ".join(f"{r[o]:>7}" for o in ADJACENT))
    if "pairs" in out:
        print("\npairs of labelled stories' pieces in different articles sharing a name (pass 1 "
              "from the labels): one story / two stories, all and at cosine >= "
              + ", ".join(f"{c:g}" for c in PAIR_COSINES))
        print(f"{'distinctive':>11} {'subject':>7} {'all':>9} "
              + " ".join(f"{c:>9g}" for c in PAIR_COSINES))
        for r in out["pairs"]:
            same = "same" if r["same_subject"] else "other"
            cells = " ".join(f"{r[f'one_{c}']:>4}/{r[f'two_{c}']:<4}" for c in PAIR_COSINES)
            print(f"{r['distinctive']:>10}{'+' if r['distinctive'] == 3 else ' '} {same:>7} "
                  f"{r['one']:>4}/{r['two']:<4} {cells}")
    if "causes" in out:
        print("\nstories labelled in several articles, not joined: why (the gate on the two "
              "articles' pieces as pass 1 made them / as labelled; share of the story's claims "
              "in each article the piece holds, share of the piece that is the story's)")
        by_cause: Counter[str] = Counter()
        for name, found_causes in out["causes"].items():
            for c in found_causes:
                by_cause[c["cause"]] += 1
                print(f"  {name} {c['story']}: {c['cause']}; real: {c['real']}; labelled: "
                      f"{c['labelled']}; joined with labelled pass 1: "
                      f"{'yes' if c['labelled_joined'] else 'no'}; share "
                      f"{c['share'][0]:.2f}/{c['share'][1]:.2f}, purity "
                      f"{c['purity'][0]:.2f}/{c['purity'][1]:.2f}")
        print("  by cause:", ", ".join(f"{c} {by_cause[c]}" for c in CAUSES))
        by_detail = Counter(c["detail"] for found_causes in out["causes"].values()
                            for c in found_causes if c["detail"] in DETAILS)
        print("  pass 2's, by class:", ", ".join(f"{d} {by_detail[d]}" for d in DETAILS))
        stories_found = [r for rows in out["recall"].values() for r in rows]
        print("  where their sentences are (macro over the stories, against the predicted "
              "story holding most):", ", ".join(
                  f"{place} {sum(r[place] for r in stories_found) / max(len(stories_found), 1):.3f}"
                  for place in RECALL_PLACES))
    if "lost" in out:
        print("\nsentences of stories labelled in several articles, in the predicted story "
              "holding most of the story (held) or lost: by place, the pass-1 rule that "
              "placed them, what their predicted story holds besides them, their wording")
        for place, parts in out["lost"].items():
            print(f"  {place}: {parts['sentences'].get('all', 0)} sentences")
            for part in ("rules", "with"):
                print(f"    {part}: " + ", ".join(
                    f"{k} {n}" for k, n in list(parts[part].items())[:12]))
            print("    kinds: " + ", ".join(f"{k} {parts['kinds'].get(k, 0)}" for k in LOST_KINDS))
    if "loso" in out:
        found = out["loso"]
        print("\nleave-one-set-out (chosen on the other sets by pooled macro F1)")
        for r in found["sets"]:
            print(f"  {r['set']:>4} current {r['current']:.3f} held out {r['held_out']:.3f} "
                  f"{r['chosen']}")
        print(f"  pooled current {found['pooled_current']:.3f} held out "
              f"{found['pooled_held_out']:.3f}; chosen on all sets: {found['chosen_on_all']}")
    return 0


if __name__ == "__main__":
    from _entry import run

    raise SystemExit(run(main))
