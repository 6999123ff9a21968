"""bench/agreement.py on two invented labellers' files: sentence alignment across different
segmentations, per-kind agreement, story membership and outcomes."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))

import agreement

TEXT = ("Zorvak Motors will buy Plenta Bikes, people familiar with the talks said. "
        "Plenta Bikes declined to comment. The deal closes in May, chief Ana Velt said.")
FIRST = [
    ("Zorvak Motors will buy Plenta Bikes, people familiar with the talks said.", "unnamed"),
    ("Plenta Bikes declined to comment.", "declined"),
    ("The deal closes in May, chief Ana Velt said.", "official"),
]
#: The second labeller joins the first two sentences and calls Ana Velt an outside voice.
SECOND = [
    ("Zorvak Motors will buy Plenta Bikes, people familiar with the talks said. "
     "Plenta Bikes declined to comment.", "unnamed"),
    ("The deal closes in May, chief Ana Velt said.", "named"),
]


def _labels(path: Path, sentences: list[tuple[str, str]]) -> Path:
    rows = [{"doc": "d1", "i": i, "text": text, "claim": True,
             "sourcing": [{"kind": kind, "source": "x"}], "certainty": "certain"}
            for i, (text, kind) in enumerate(sentences)]
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def _stories(path: Path, sentences: list[int], outcome: str) -> Path:
    row = {"story": "deal", "doc": "d1", "event": "the deal", "sentences": sentences,
           "outcome": outcome}
    path.write_text(json.dumps(row) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def files(tmp_path: Path) -> dict[str, Path]:
    (tmp_path / "texts").mkdir()
    (tmp_path / "texts" / "d1.txt").write_text(TEXT, encoding="utf-8")
    return {
        "first": _labels(tmp_path / "a.labels.jsonl", FIRST),
        "second": _labels(tmp_path / "b.labels.jsonl", SECOND),
        "first_stories": _stories(tmp_path / "a.stories.jsonl", [0, 1, 2], "confirmed"),
        "second_stories": _stories(tmp_path / "b.stories.jsonl", [0], "refuted"),
        "texts": tmp_path / "texts",
    }


def test_agreement_aligns_segmentations_and_counts_kinds(
        files: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:
    code = agreement.main([str(files["first"]), str(files["second"]), "--texts",
                           str(files["texts"]), "--disagreements", "5"])
    out = capsys.readouterr().out
    assert code == 0
    # unnamed agrees, declined is missed (the joined sentence), official vs named differ
    assert "sourcing P 0.500 R 0.333 F1 0.400" in out
    assert "unnam 1.00 (1/1)" in out and "decl 0.00 (1/0)" in out
    assert "d1:2  first official | second named" in out


def test_agreement_is_symmetric_in_f1(files: dict[str, Path],
                                      capsys: pytest.CaptureFixture[str]) -> None:
    agreement.main([str(files["second"]), str(files["first"]), "--texts", str(files["texts"])])
    assert "sourcing P 0.333 R 0.500 F1 0.400" in capsys.readouterr().out


def test_story_membership_maps_sentences_and_compares_outcomes(
        files: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:
    agreement.main([str(files["first"]), str(files["second"]), "--texts", str(files["texts"]),
                    "--stories", str(files["first_stories"]), str(files["second_stories"])])
    out = capsys.readouterr().out
    # the second labeller's sentence 0 covers the first's 0 (most overlap): 1 of 3 members
    assert "membership F1 macro 0.500" in out
    assert "same outcome 0/1" in out


def test_a_label_not_in_its_text_is_one_line_error(
        files: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:
    (files["texts"] / "d1.txt").write_text("Something else entirely.", encoding="utf-8")
    code = agreement.main([str(files["first"]), str(files["second"]), "--texts",
                           str(files["texts"])])
    err = capsys.readouterr().err
    assert code == 1 and err.startswith("error: ") and err.count("\n") == 1
