"""bench/real/labelkit.py on a part written here: excerpts decoded byte for byte, a clean part
passes, and each kind of labelling slip is named on a line of its own."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench" / "real"))

import labelkit

ROOT = Path(__file__).resolve().parent.parent

T01 = ("Ferry line to close\n\nThe Orlen ferry line will close in May, transport minister Ada "
       "Voss said on Monday. The operator declined to comment.\n")
T02 = ("Orlen ferries stop in May\n\nThe ferry service across the Orlen strait ends in May, "
       "the Tidewater Gazette reported.\n")
ROWS: list[dict[str, Any]] = [
    {"doc": "x101_harbour_ferry", "i": 0, "text": "Ferry line to close", "claim": True,
     "sourcing": [], "certainty": "certain"},
    {"doc": "x101_harbour_ferry", "i": 1,
     "text": "The Orlen ferry line will close in May, transport minister Ada Voss said on Monday.",
     "claim": True, "sourcing": [{"kind": "official", "source": "transport minister Ada Voss"}],
     "certainty": "certain"},
    {"doc": "x101_harbour_ferry", "i": 2, "text": "The operator declined to comment.",
     "claim": True, "sourcing": [{"kind": "declined", "source": "The operator"}],
     "certainty": "certain", "note": "a refusal"},
    {"doc": "x102_gazette_ferry", "i": 0, "text": "Orlen ferries stop in May", "claim": True,
     "sourcing": [], "certainty": "certain"},
    {"doc": "x102_gazette_ferry", "i": 1,
     "text": "The ferry service across the Orlen strait ends in May, the Tidewater Gazette "
             "reported.", "claim": True,
     "sourcing": [{"kind": "media", "source": "the Tidewater Gazette"}], "certainty": "certain"},
]
STORIES: list[dict[str, Any]] = [
    {"story": "x1-ferry", "doc": doc, "event": "the strait's ferry stops running in May",
     "sentences": sentences, "outcome": "confirmed", "outcome_note": "timetable withdrawn"}
    for doc, sentences in (("x101_harbour_ferry", [0, 1, 2]), ("x102_gazette_ferry", [0, 1]))
]
MANIFEST = [
    ["setx", "x101_harbour_ferry", "Harbour Herald (harbourherald.example, Orlen)",
     "https://harbourherald.example/ferry", "2031-03-02", "newspaper", "Orlenia", "ferry"],
    ["setx", "x102_gazette_ferry", "Strait Post (straitpost.example, Orlen)",
     "https://www.straitpost.example/news/1", "2031-03-02", "news site", "Orlenia", "ferry"],
]


def _part(tmp_path: Path, rows: list[dict[str, Any]] | None = None,
          stories: list[dict[str, Any]] | None = None,
          manifest: list[list[str]] | None = None) -> Path:
    part = tmp_path / "x1"
    (part / "texts").mkdir(parents=True)
    (part / "texts" / "x101_harbour_ferry.txt").write_text(T01, encoding="utf-8")
    (part / "texts" / "x102_gazette_ferry.txt").write_text(T02, encoding="utf-8")
    lines = [json.dumps(row, ensure_ascii=False) for row in (ROWS if rows is None else rows)]
    (part / "x1.labels.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    lines = [json.dumps(row) for row in (STORIES if stories is None else stories)]
    (part / "x1.stories.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    lines = ["\t".join(cols) for cols in (MANIFEST if manifest is None else manifest)]
    (part / "x1.manifest.tsv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return part


def test_a_clean_part_passes(tmp_path: Path) -> None:
    report = labelkit.check(_part(tmp_path), {"elsewhere.example"})
    assert report.errors == [] and report.warnings == []


def test_save_decodes_the_copied_literal_byte_for_byte(tmp_path: Path) -> None:
    part = tmp_path / "x1"
    (part / "excerpts").mkdir(parents=True)
    text = "Line one\u00a0with a “quote”\n\nand a \"second\" line"
    (part / "excerpts" / "x101_a.json").write_text(json.dumps(text), encoding="utf-8")
    (part / "excerpts" / "x102_b.json").write_text("no quotes here", encoding="utf-8")
    done = dict(labelkit.save(part))
    assert (part / "texts" / "x101_a.txt").read_text(encoding="utf-8") == text
    assert done["x101_a.json"] == f"{len(text)} characters"
    assert done["x102_b.json"].startswith("not a JSON string literal")
    assert not (part / "texts" / "x102_b.txt").exists()


def test_slips_in_labels_are_named(tmp_path: Path) -> None:
    rows = [dict(row) for row in ROWS]
    rows[1] = {**rows[1], "sourcing": [{"kind": "officer", "source": "Ada Voss"}]}
    rows[2] = {**rows[2], "claim": False}  # keeps its sourcing and certainty
    rows[4] = {**rows[4], "text": "the Tidewater Gazette reported it first."}
    rows[3] = {**rows[3], "extra": 1}
    errors = labelkit.check(_part(tmp_path, rows=rows), set()).errors
    assert any('kind "officer" is not one of' in line for line in errors)
    assert any("a non-claim has sourcing [] and certainty null" in line for line in errors)
    assert any("x102_gazette_ferry i=1: not found" in line for line in errors)
    assert any("fields the format does not have: ['extra']" in line for line in errors)


def test_uncovered_text_and_foreign_sources_are_warned(tmp_path: Path) -> None:
    rows = [dict(row) for row in ROWS if row["i"] != 2 or row["doc"] != "x101_harbour_ferry"]
    rows[1] = {**rows[1], "sourcing": [{"kind": "official", "source": "the minister"}]}
    stories = [{**STORIES[0], "sentences": [0, 1]}, STORIES[1]]
    warnings = labelkit.check(_part(tmp_path, rows=rows, stories=stories), set()).warnings
    assert any("no row covers its end 'The operator declined" in line for line in warnings)
    assert any("source 'the minister' is not words of the text" in line for line in warnings)


def test_notes_and_stories_that_copy_the_article_are_errors(tmp_path: Path) -> None:
    rows = [dict(row) for row in ROWS]
    rows[0] = {**rows[0], "note": "as in: The operator declined to comment."}
    stories = [{**STORIES[0], "event": ROWS[1]["text"]}, STORIES[1]]
    errors = labelkit.check(_part(tmp_path, rows=rows, stories=stories), set()).errors
    assert any("x101_harbour_ferry i=0: the note copies the article" in line for line in errors)
    assert any("story x1-ferry (x101_harbour_ferry): the event" in line for line in errors)


def test_stories_must_place_every_text_and_name_real_sentences(tmp_path: Path) -> None:
    stories = [{**STORIES[0], "sentences": [0, 7]}]
    report = labelkit.check(_part(tmp_path, stories=stories), set())
    assert "story x1-ferry: x101_harbour_ferry has no sentence 7" in report.errors
    assert "x102_gazette_ferry: in no story" in report.errors
    assert any("0 stories run across two texts" in line for line in report.warnings)


def test_manifest_outlets_must_be_new_and_distinct(tmp_path: Path) -> None:
    manifest = [MANIFEST[0], [*MANIFEST[1][:3], "https://harbourherald.example/x",
                              *MANIFEST[1][4:]]]
    errors = labelkit.check(_part(tmp_path, manifest=manifest), set()).errors
    assert "x1.manifest.tsv: line 2: outlet harbourherald.example is used on line 1 too" in errors
    errors = labelkit.check(_part(tmp_path / "b"), {"straitpost.example"}).errors
    assert errors == ["x1.manifest.tsv: line 2: outlet straitpost.example is already in the "
                      "project's manifest"]
    short = [MANIFEST[0], MANIFEST[1][:5]]
    errors = labelkit.check(_part(tmp_path / "c", manifest=short), set()).errors
    assert any("line 2: 5 columns, want 8" in line for line in errors)
    assert "x102_gazette_ferry: no manifest line" in errors


def test_used_domains_reads_the_project_manifest() -> None:
    hosts = labelkit.used_domains(ROOT / "bench" / "real" / "manifest.tsv")
    assert len(hosts) > 1000 and all("/" not in host for host in hosts)


def test_the_script_checks_assembles_and_exits_nonzero_on_errors(tmp_path: Path) -> None:
    part = _part(tmp_path)
    script = str(ROOT / "bench" / "real" / "labelkit.py")
    used = tmp_path / "used.tsv"
    used.write_text("set\tdoc\toutlet\turl\n", encoding="utf-8")
    ok = subprocess.run([sys.executable, script, "check", str(part), "--used", str(used)],
                        capture_output=True, text=True, check=False)
    assert ok.returncode == 0 and ok.stdout.strip() == "x1: 0 errors, 0 warnings"
    (part / "x1.stories.jsonl").write_text("not json\n", encoding="utf-8")
    bad = subprocess.run([sys.executable, script, "check", str(part), "--no-manifest"],
                         capture_output=True, text=True, check=False)
    assert bad.returncode == 1 and "error: " in bad.stdout and "Traceback" not in bad.stderr
    (part / "x1.stories.jsonl").write_text(json.dumps(STORIES[0]) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    done = subprocess.run([sys.executable, script, "assemble", "--set", "setx", "--out",
                           str(out), str(part)], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == f"setx: 1 parts, 2 texts -> {out}"
    assert (out / "setx.labels.jsonl").read_text(encoding="utf-8") == \
        (part / "x1.labels.jsonl").read_text(encoding="utf-8")
    assert sorted(p.name for p in (out / "setx").iterdir()) == [
        "x101_harbour_ferry.txt", "x102_gazette_ferry.txt"]
