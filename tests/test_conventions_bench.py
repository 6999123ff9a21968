"""bench/real/conventions.py on two small sets written here: each contested wording is found
and sorted by how its labels read it, the publishing outlet's own "told" is left out, a
speaker carried down a quotation is counted once, and ``--rows`` lists row ids."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench" / "real"))

import conventions


def _row(doc: str, i: int, text: str, *sources: tuple[str, str],
         claim: bool = True) -> dict[str, Any]:
    return {"doc": doc, "i": i, "text": text, "claim": claim,
            "sourcing": [{"kind": k, "source": s} for k, s in sources],
            "certainty": "certain" if claim else None}


#: Set X (labellers' parts X1 and X2) and set Y: invented outlets, people and events.
SETS: dict[str, list[dict[str, Any]]] = {
    "X": [
        _row("X101_velmorapost_dock", 0,
             "The Velmora port authority has denied rumours that the dock will close.",
             ("denied", "The Velmora port authority"), ("unnamed", "rumours")),
        _row("X101_velmorapost_dock", 1,
             "Harbour chief Ines Doral dismissed the rumours as baseless.",
             ("denied", "Harbour chief Ines Doral")),
        _row("X101_velmorapost_dock", 2,
             "A Kestrel Docks spokesperson said the bid stands.",
             ("official", "A Kestrel Docks spokesperson")),
        _row("X101_velmorapost_dock", 3, "“The bid stands.",
             ("official", "A Kestrel Docks spokesperson")),
        _row("X101_velmorapost_dock", 4, "We will not withdraw,” the spokesperson said.",
             ("official", "A Kestrel Docks spokesperson")),
        _row("X201_quenbyherald_bridge", 0,
             "Engineer Tomas Rell told the Velmora Post the bridge would close in May.",
             ("official", "Engineer Tomas Rell"), ("media", "the Velmora Post")),
        _row("X201_quenbyherald_bridge", 1,
             "Rell told the Quenby Herald the work would take a month.",
             ("official", "Rell")),
        _row("X201_quenbyherald_bridge", 2,
             "There were reports that the council had cut the budget.",
             ("unnamed", "There were reports")),
    ],
    "Y": [
        _row("Y101_marlowtimes_merger", 0,
             "Marlow Steel rejected speculation that it would merge with Brant Iron.",
             ("denied", "Marlow Steel")),
        _row("Y101_marlowtimes_merger", 1,
             "A company spokesperson said no talks were taking place.",
             ("unnamed_official", "A company spokesperson")),
        _row("Y101_marlowtimes_merger", 2,
             "It is understood that the board met on Friday.",
             ("unnamed", "It is understood")),
        _row("Y101_marlowtimes_merger", 3,
             "Media reports said that a deal was close.",
             ("media", "Media reports")),
        _row("Y101_marlowtimes_merger", 4, "The claim could not be verified.",
             ("declined", "could not be verified")),
    ],
}
STORIES = {
    "X": [{"story": "x-dock", "doc": "X101_velmorapost_dock", "event": "Dock closes",
           "sentences": [0, 1], "outcome": "refuted", "outcome_note": "invented"}],
    "Y": [{"story": "y-merger", "doc": "Y101_marlowtimes_merger", "event": "Merger",
           "sentences": [0, 1, 3], "outcome": "refuted", "outcome_note": "invented"}],
}
OUTLETS = {"X101_velmorapost_dock": "Velmora Post (velmorapost.example; daily)",
           "X201_quenbyherald_bridge": "Quenby Herald (quenbyherald.example; weekly)",
           "Y101_marlowtimes_merger": "Marlow Times (marlowtimes.example; daily)"}


@pytest.fixture()
def corpus(tmp_path: Path) -> Path:
    for name, rows in SETS.items():
        (tmp_path / f"set{name}.labels.jsonl").write_text(
            "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
        (tmp_path / f"set{name}.stories.jsonl").write_text(
            "".join(json.dumps(s) + "\n" for s in STORIES[name]), encoding="utf-8")
        docs = sorted({r["doc"] for r in rows})
        (tmp_path / f"set{name}.manifest.tsv").write_text(
            "".join(f"set{name}\t{d}\t{OUTLETS[d]}\thttps://x.example/{d}\n" for d in docs),
            encoding="utf-8")
    return tmp_path


def _hits(corpus: Path, name: str) -> list[tuple[str, str]]:
    c = conventions.load(corpus)
    k = next(k for k in conventions.CLASSES if k.name == name)
    return [(f"{h.row['doc'][:4]}:{h.row['i']}", h.outcome) for h in k.find(c)]


def test_load_reads_sets_parts_and_stories(corpus: Path) -> None:
    c = conventions.load(corpus)
    assert c.sets == ["X", "Y"]
    assert {r["part"] for r in c.rows} == {"X1", "X2", "Y1"}
    assert c.stories_of[("Y101_marlowtimes_merger", 3)] == {"y-merger"}
    assert "velmora post" in c.media_names


def test_rumours_a_party_denies(corpus: Path) -> None:
    assert _hits(corpus, "rumour_denied") == [
        ("X101:0", "unnamed"), ("X101:1", "denied only"), ("Y101:0", "denied only")]


def test_reports_with_no_outlet(corpus: Path) -> None:
    assert _hits(corpus, "bare_report") == [("X201:2", "unnamed"), ("Y101:3", "media")]


def test_told_another_outlet_but_not_the_publisher(corpus: Path) -> None:
    # X201 is the Quenby Herald's page: "told the Quenby Herald" is its own, not counted
    assert _hits(corpus, "told_outlet") == [("X201:0", "media")]


def test_spokesperson_counted_once_per_text(corpus: Path) -> None:
    c = conventions.load(corpus)
    k = next(k for k in conventions.CLASSES if k.name == "indefinite_spokesperson")
    hits = list(k.find(c))
    assert len(hits) == 4
    once = conventions.speakers_once(hits)
    assert [(h.row["i"], h.outcome, h.sub) for h in once] == [
        (2, "official", "body named"), (1, "unnamed_official", "body unnamed")]


def test_quotation_tagged_later_understood_and_passive(corpus: Path) -> None:
    assert _hits(corpus, "later_tag") == [("X101:3", "carried")]
    assert _hits(corpus, "understood") == [("Y101:2", "unnamed")]
    assert _hits(corpus, "passive_nonconfirmation") == [("Y101:4", "declined")]


def test_flat_negation_in_a_denial_story(corpus: Path) -> None:
    assert _hits(corpus, "flat_negation") == [("Y101:1", "own kind only")]


def test_main_prints_every_class_and_rows(corpus: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    assert conventions.main(["--corpus", str(corpus)]) == 0
    out = capsys.readouterr().out
    for k in conventions.CLASSES:
        assert f"## {k.name}:" in out
    assert "## Summary" in out
    assert conventions.main(["--corpus", str(corpus), "--rows", "rumour_denied",
                             "--outcome", "unnamed"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines() == ["X101_velmorapost_dock:0\tunnamed\twith content\trumours"]
    assert conventions.main(["--corpus", str(corpus), "--rows", "nope"]) == 1


def test_drift_p_between_and_within(corpus: Path) -> None:
    c = conventions.load(corpus)
    hits = [conventions.Hit(r, "a" if r["set"] == "X" else "b", "cue") for r in c.rows]
    p_between, p_within = conventions.drift_p(hits, ["a", "b"], trials=50)
    assert 0 < p_between <= 1 and 0 < p_within <= 1
    r, p = conventions.trend_p(hits, "a", c.sets, trials=50)
    assert r < 0 and 0 < p <= 1
