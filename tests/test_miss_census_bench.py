"""bench/real/miss_census.py on a small set written here: each missed source lands in the
bucket that says why (its stance, its kind, a second party, a cue with no speaker, no cue at
all, words outside the sentence, no predicted sentence), and the counts add up."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench" / "real"))

import miss_census

#: One text of invented places and people, each sentence written for one bucket.
ROWS: list[tuple[str, list[tuple[str, str]]]] = [
    ("Harbour bridge to reopen in May", []),
    ("The Velmora harbour board said on Monday that the bridge would reopen in May.",
     [("official", "The Velmora harbour board")]),
    # untagged: its speaker is the board of the line above
    ("The bridge will carry trams again by the summer.",
     [("official", "The Velmora harbour board")]),
    # the denial and the report found, the works' hearsay not
    ("The board denied a report that the works had stalled.",
     [("denied", "The board"), ("media", "a report"), ("unnamed", "the works")]),
    # a known verb whose speaker no rule types
    ("The harbour's volunteer guard cautioned that a ship could be held.",
     [("official", "The harbour's volunteer guard")]),
    # labelled as an assertion, read as a denial
    ("The harbour board said the report of a closure was false.",
     [("official", "The harbour board")]),
    # found, but as another kind
    ("Skipper Ana Lund said the ferry was late.",
     [("unnamed_official", "Skipper Ana Lund")]),
    # no cue any rule knows
    ("The harbour board is mulling a fare rise.", [("official", "The harbour board")]),
]

EXPECTED = {2: "outside", 3: "second_party", 4: "cue_no_speaker", 5: "stance", 6: "kind",
            7: "no_cue"}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("census")
    (root / "setQ").mkdir()
    (root / "setQ" / "Q101_harbour.txt").write_text(
        "\n\n".join(text for text, _ in ROWS) + "\n", encoding="utf-8")
    lines = [json.dumps({"doc": "Q101_harbour", "i": i, "text": text, "claim": True,
                         "sourcing": [{"kind": k, "source": s} for k, s in sources],
                         "certainty": "certain"})
             for i, (text, sources) in enumerate(ROWS)]
    (root / "setQ.labels.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return root


def test_each_miss_in_the_bucket_that_says_why(corpus: Path) -> None:
    misses = miss_census.census(corpus)
    assert {m.i: m.bucket for m in misses} == EXPECTED
    second = next(m for m in misses if m.i == 3)
    assert (second.kind, second.predicted) == ("unnamed", ("denied", "media"))


def test_no_predicted_sentence_is_a_boundary_miss() -> None:
    assert miss_census.bucket("official", "The board", None, "The board met.") == "boundary"


def test_counts_add_up_per_bucket_and_kind(corpus: Path) -> None:
    counts = miss_census.table(miss_census.census(corpus))
    assert list(counts) == list(miss_census.BUCKETS)
    assert counts["boundary"] == {"all": 0}
    assert counts["second_party"] == {"all": 1, "unnamed": 1}
    assert sum(row["all"] for row in counts.values()) == len(EXPECTED)


def test_cli_json_rows_and_a_missing_corpus(corpus: Path, tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    assert miss_census.main(["--corpus", str(corpus), "--json"]) == 0
    data: dict[str, Any] = json.loads(capsys.readouterr().out)
    assert data["misses"] == len(EXPECTED)
    assert miss_census.main(["--corpus", str(corpus), "--rows", "no_cue"]) == 0
    assert capsys.readouterr().out.split("\t")[:3] == ["Q101_harbour:7", "official", "-"]
    assert miss_census.main(["--corpus", str(tmp_path / "none")]) == 2
    assert "give --corpus" in capsys.readouterr().err
