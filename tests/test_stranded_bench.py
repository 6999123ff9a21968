"""bench/stranded.py on invented articles: which pieces are stranded, how they are told apart
by the labels, their cover, and what taking them back does to the partition."""

from __future__ import annotations

import json
import sys
from collections.abc import Hashable
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))

import stranded

from verifier.stories.terms import Item

FIRST = [
    "Zorvak Motors is in talks to buy Plenta Bikes, two people familiar with the matter said.",
    "The offer values Plenta Bikes at Dorvel Capital's asking price of 90 million crowns.",
    "Plenta Bikes was founded in Quillford in 1987 by two brothers.",
]
LATER = [
    "Zorvak Motors agreed to buy Plenta Bikes on Monday, the companies said.",
    "The deal meets Dorvel Capital's asking price of 90 million crowns, Zorvak Motors said.",
]
#: An article of its own: no story of several articles holds its claims.
ALONE = ["Harrow Street will get a new cycle lane in spring, councillor Mo Brant said."]


def _items() -> list[Item]:
    return [Item(key=(doc, i), doc=doc, position=i, text=text)
            for doc, texts in (("a1", FIRST), ("a2", LATER), ("a3", ALONE))
            for i, text in enumerate(texts)]


GROUPED = [[("a1", 0), ("a2", 0), ("a2", 1)], [("a1", 1)], [("a1", 2)], [("a3", 0)]]
OWNER: dict[Hashable, str] = {("a1", 0): "deal", ("a1", 1): "deal", ("a2", 0): "deal",
                              ("a2", 1): "deal", ("a3", 0): "lane"}


def test_pieces_of_a_joined_article_are_stranded_and_told_apart_by_the_labels() -> None:
    found = stranded.stranded_pieces(_items(), GROUPED, OWNER)
    assert [(p.story, p.piece, p.claims, p.kind) for p in found] == [
        (0, 1, 1, "same"), (0, 2, 1, "background")]
    price, founding = found
    # the price the later article told too is covered; the founding nobody else told only
    # through the parties' names (background shares them: why cover alone is a weak signal)
    assert 0.5 < price.cover < 1.0
    assert 0.0 < founding.cover < 0.5


def test_taking_back_by_the_labels_moves_only_the_story_s_own_piece() -> None:
    pieces = stranded.stranded_pieces(_items(), GROUPED, OWNER)
    assert stranded.taken_back(GROUPED, pieces, None) == [
        [("a1", 0), ("a2", 0), ("a2", 1), ("a1", 1)], [("a1", 2)], [("a3", 0)]]


@pytest.mark.parametrize(("cover", "moved"), [(0.0, 2), (0.5, 1), (1.0, 0)])
def test_taking_back_by_cover_moves_the_pieces_covered_that_much(cover: float,
                                                                 moved: int) -> None:
    pieces = stranded.stranded_pieces(_items(), GROUPED, OWNER)
    after = stranded.taken_back(GROUPED, pieces, cover)
    assert len(after[0]) == 3 + moved
    assert len(after) == len(GROUPED) - moved


def _write_set(folder: Path) -> Path:
    rows = [{"doc": item.doc, "i": item.position, "text": item.text, "claim": True,
             "sourcing": [], "certainty": "certain"} for item in _items()]
    (folder / "setX.labels.jsonl").write_text(
        "".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    stories = [("deal", "a1", [0, 1]), ("deal", "a2", [0, 1]), ("lane", "a3", [0])]
    path = folder / "setX.stories.jsonl"
    path.write_text("".join(json.dumps({"story": s, "doc": d, "sentences": i, "outcome": None})
                            + "\n" for s, d, i in stories), encoding="utf-8")
    return path


def test_the_report_prints_the_grouping_the_ceiling_and_each_cover(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _write_set(tmp_path)
    assert stranded.main([str(path), "--covers", "0.5"]) == 0
    out = capsys.readouterr().out
    assert "stranded pieces (same / background / other)" in out
    assert "taken back by the labels" in out
    assert "taken back at cover >= 0.5" in out
    assert stranded.main([str(path), "--json"]) == 0
    found = json.loads(capsys.readouterr().out)
    assert set(found) == {"membership", "labels", "covers", "stranded"}
    assert found["labels"]["macro"] >= found["membership"]["macro"]


@pytest.mark.parametrize("covers", ["high", "1.5", ","])
def test_bad_covers_and_missing_files_are_one_line_errors(
        tmp_path: Path, covers: str, capsys: pytest.CaptureFixture[str]) -> None:
    path = _write_set(tmp_path)
    assert stranded.main([str(path), "--covers", covers]) == 1
    assert capsys.readouterr().err.startswith("error: --covers")
    assert stranded.main([str(tmp_path / "setQ.stories.jsonl")]) == 1
    assert "no such file" in capsys.readouterr().err
