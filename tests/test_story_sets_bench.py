"""bench/story_sets.py on invented articles: the simple pass-1 policies it measures against
the rules, the construction count of the claims pass 1 sends off the main story, and a row
per set."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))

import story_sets

from verifier.stories.reasons import Why
from verifier.stories.terms import Group, Item

TEXTS = (
    "Zorvak Motors agreed to buy Plenta Bikes on Monday, the companies said.",
    "The purchase of Plenta Bikes values the maker at 40 million euros.",
    "In 2009, Plenta Bikes opened a plant in Quillford.",
    "Harrow Cycles chief Mo Brant said Zorvak Motors would face more rivals.",
)


def _items() -> list[Item]:
    return [Item(("a1", n), "a1", n, text) for n, text in enumerate(TEXTS)]


def _groups(items: list[Item], parts: list[list[int]]) -> list[Group]:
    groups = []
    for part in parts:
        story = Group()
        for n in part:
            story.add(items[n], items[n].words())
        groups.append(story)
    return groups


REASONS = {("a1", 0): Why("first"), ("a1", 1): Why("new_names.own"),
           ("a1", 2): Why("other_time"), ("a1", 3): Why("new_names.own")}


def test_whole_makes_the_article_one_story() -> None:
    items = _items()
    found = story_sets.apply_policy("whole", items, _groups(items, [[0], [1, 2], [3]]),
                                    REASONS)
    assert [g.members for g in found] == [[k.key for k in items]]


def test_main_background_leaves_only_the_background_rules_claims_apart() -> None:
    items = _items()
    found = story_sets.apply_policy("main-background:time", items,
                                    _groups(items, [[0], [1, 2], [3]]), REASONS)
    assert [g.members for g in found] == [[("a1", 0), ("a1", 1), ("a1", 3)], [("a1", 2)]]


def test_absorb_takes_a_small_story_sharing_a_name_into_the_largest() -> None:
    items = _items()
    # the story of claim 3 shares "Zorvak Motors" with the largest; claim 2's none of its own
    groups = _groups(items, [[0, 1], [2], [3]])
    found = story_sets.apply_policy("absorb:1:names", items, groups, REASONS)
    assert sorted(found[0].members) == [("a1", 0), ("a1", 1), ("a1", 2), ("a1", 3)]
    with pytest.raises(SystemExit):
        story_sets.apply_policy("everything", items, groups, REASONS)


@pytest.mark.parametrize(("text", "sources", "before", "expected"), [
    ('"We will keep the plant open," he added.', ("Ana Velt",), (), "statement continued"),
    ("Harrow Cycles criticised the deal.", ("Harrow Cycles",), (), "a party reacts"),
    ("The deal would cut 200 jobs.", (), (), "numbers, consequences"),
    ("Plenta Bikes makes folding bicycles.", (), (), "background facts (unsourced)"),
    ("Plenta Bikes makes folding bicycles, Ana Velt said.", ("Ana Velt",), ("Ana Velt",),
     "statement continued"),
])
def test_constructions(text: str, sources: tuple[str, ...], before: tuple[str, ...],
                       expected: str) -> None:
    item = Item(("a1", 1), "a1", 1, text, kinds=("official",) * len(sources), sources=sources)
    earlier = Item(("a1", 0), "a1", 0, "Zorvak Motors bought Plenta Bikes.",
                   kinds=("official",) * len(before), sources=before)
    assert story_sets.construction(item, earlier, {s.lower() for s in before}) == expected


def _write_set(folder: Path) -> Path:
    labels = [{"doc": "a1", "i": n, "text": text, "claim": True,
               "sourcing": [{"kind": "official", "source": "the companies"}] if n == 0 else [],
               "certainty": "certain"} for n, text in enumerate(TEXTS)]
    (folder / "setX.labels.jsonl").write_text(
        "\n".join(json.dumps(row) for row in labels) + "\n", encoding="utf-8")
    path = folder / "setX.stories.jsonl"
    path.write_text(json.dumps({"story": "zorvak-buys-plenta", "doc": "a1",
                                "sentences": [0, 1, 3], "outcome": None}) + "\n",
                    encoding="utf-8")
    return path


def test_a_row_per_set_and_the_pool_under_a_policy(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    stories = _write_set(tmp_path)
    out = tmp_path / "rows.json"
    assert story_sets.main([str(stories), "--no-scores", "--policy", "whole",
                            "--json", str(out)]) == 0
    rows = json.loads(out.read_text(encoding="utf-8"))
    assert [r["set"] for r in rows] == ["X", "pooled"]
    assert rows[0]["split"] == 0 and rows[0]["auc"] is None
    assert "| X |" in capsys.readouterr().out
    # the policy is undone after the run
    import verifier.stories.grouping as grouping_module
    from verifier.stories.article import group_article
    assert grouping_module.group_article is group_article


def test_the_construction_count(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    stories = _write_set(tmp_path)
    assert story_sets.main([str(stories), "--constructions"]) == 0
    table = capsys.readouterr().out
    assert table.startswith("| construction | S | B | O |")
    assert table.count("\n") == 2 + len(story_sets.CONSTRUCTIONS)
