"""Story grouping (pure) and the stories commands on a temporary database."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from verifier.cli import app
from verifier.stories_grouping import Item, group

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"

ARTICLE_A = [
    "Norfield Bank agrees to buy Castlebay Mutual for $2 billion",
    "Norfield Bank has agreed to buy rival lender Castlebay Mutual, two people said.",
    "The deal could be announced on Friday, the people said.",
    "Castlebay Mutual declined to comment.",
    "In March, the city of Portwell opened a new ferry terminal.",
]
ARTICLE_B = [
    "Norfield Bank confirms purchase of Castlebay Mutual",
    "Norfield Bank said on Friday it had agreed to buy Castlebay Mutual.",
]


def items() -> list[Item]:
    found = [Item(("a", i), "a", i, t) for i, t in enumerate(ARTICLE_A)]
    found[3] = Item(("a", 3), "a", 3, ARTICLE_A[3], ("declined",))
    return found + [Item(("b", i), "b", i, t) for i, t in enumerate(ARTICLE_B)]


def test_groups_one_event_across_articles_and_keeps_others_apart() -> None:
    stories = group(items())
    bank = next(s for s in stories if ("a", 0) in s)
    assert {("a", 1), ("a", 2), ("a", 3), ("b", 0), ("b", 1)} <= set(bank)
    assert ("a", 4) not in bank


def test_eval_stories_on_the_seed_labels() -> None:
    stories = CORPUS / "seeds.stories.jsonl"
    if not stories.is_file():
        pytest.skip(f"labelled corpus not found at {CORPUS}")
    from verifier.stories_eval import evaluate_stories

    result = evaluate_stories(stories)
    ban = next(s for s in result.stories if s.story == "ban-visits-pyongyang")
    kim = next(s for s in result.stories if s.story == "kim-visits-beijing")
    assert ban.recall > 0.8 and kim.recall > 0.8
    assert ban.precision > 0.5 and kim.precision > 0.5


@pytest.fixture
def seeded(tmp_path: Path) -> str:
    db = str(tmp_path / "s.db")
    runner = CliRunner()
    result = runner.invoke(app, ["ingest", str(ROOT / "examples" / "ban-pyongyang.md"),
                                 str(ROOT / "examples" / "kim-beijing.md"), "--db", db])
    assert result.exit_code == 0, result.output
    assert runner.invoke(app, ["stories", "group", "--db", db]).exit_code == 0
    return db


def _stories(db: str, *extra: str) -> list[dict]:  # type: ignore[type-arg]
    import json

    result = CliRunner().invoke(app, ["stories", "list", "--json", "--min-claims", "1",
                                      "--db", db, *extra])
    assert result.exit_code == 0, result.output
    return json.loads(result.output)  # type: ignore[no-any-return]


def test_corrections_survive_another_ingest(seeded: str, tmp_path: Path) -> None:
    runner = CliRunner()
    stories = _stories(seeded)
    big = max(stories, key=lambda s: len(s["claims"]))
    moved = big["claims"][-1]["claim_id"]
    other = next(s for s in stories if s["id"] != big["id"])
    assert runner.invoke(app, ["stories", "move", str(moved), "--to", str(other["id"]),
                               "--db", seeded]).exit_code == 0
    assert runner.invoke(app, ["stories", "rename", str(big["id"]), "My title",
                               "--db", seeded]).exit_code == 0
    extra = tmp_path / "more.md"
    extra.write_text("---\ntitle: More\n---\nKim Jong-un met Xi Jinping in Beijing, "
                     "Xinhua said on Wednesday.\n", encoding="utf-8")
    assert runner.invoke(app, ["ingest", str(extra), "--db", seeded]).exit_code == 0
    assert runner.invoke(app, ["stories", "group", "--db", seeded]).exit_code == 0
    after = {s["id"]: s for s in _stories(seeded)}
    assert after[big["id"]]["title"] == "My title"
    assert moved in [c["claim_id"] for c in after[other["id"]]["claims"]]
    assert moved not in [c["claim_id"] for c in after[big["id"]]["claims"]]


def test_split_merge_and_errors(seeded: str) -> None:
    runner = CliRunner()
    big = max(_stories(seeded), key=lambda s: len(s["claims"]))
    ids = [str(c["claim_id"]) for c in big["claims"][:2]]
    result = runner.invoke(app, ["stories", "split", str(big["id"]), *ids, "--db", seeded])
    assert result.exit_code == 0, result.output
    new_id = int(result.output.split()[-1])
    result = runner.invoke(app, ["stories", "merge", str(big["id"]), str(new_id), "--db", seeded])
    assert result.exit_code == 0, result.output
    assert len(next(s for s in _stories(seeded) if s["id"] == big["id"])["claims"]) == len(
        big["claims"])
    result = runner.invoke(app, ["stories", "show", "99999", "--db", seeded])
    assert result.exit_code == 6 and "no story" in result.output
    result = runner.invoke(app, ["stories", "mark", str(big["id"]), "confirmed", "--db", seeded])
    assert result.exit_code != 0 and "evidence" in result.output
