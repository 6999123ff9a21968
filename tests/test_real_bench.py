"""bench/real.py's loader of labelled sets (``labelled_texts``), which the trainers and the
rule audit read the real sets through: sets in name order, texts in their labels' order."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))

from real import labelled_texts, main


def _set(corpus: Path, name: str, texts: dict[str, str]) -> None:
    (corpus / name).mkdir()
    rows = []
    for doc, text in texts.items():
        (corpus / name / f"{doc}.txt").write_text(text, encoding="utf-8")
        rows.append({"doc": doc, "i": 0, "text": text.strip(), "claim": True, "sourcing": [],
                     "certainty": "certain"})
    (corpus / f"{name}.labels.jsonl").write_text(
        "".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")


def test_every_labelled_text_with_its_set_gold_and_text(tmp_path: Path) -> None:
    _set(tmp_path, "setB", {"b2": "Quillford council met on Monday.\n",
                            "b1": "The Harrow bridge reopened in May.\n"})
    _set(tmp_path, "setA", {"a1": "Fenmoor school closed for a week.\n"})
    found = list(labelled_texts(tmp_path))
    assert [(name, doc, text) for name, doc, _, text in found] == [
        ("setA", "a1", "Fenmoor school closed for a week.\n"),
        ("setB", "b2", "Quillford council met on Monday.\n"),
        ("setB", "b1", "The Harrow bridge reopened in May.\n")]
    assert [[g.text for g in gold] for _, _, gold, _ in found] == [
        ["Fenmoor school closed for a week."], ["Quillford council met on Monday."],
        ["The Harrow bridge reopened in May."]]


def test_errors_say_when_more_disagreements_than_listed(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    texts = {"c1": "The Lorrin ferry will sail again in June, the harbour board said.\n",
             "c2": "Mayor Ida Venn said the Tollbrook road would close, an aide said.\n"}
    _set(tmp_path, "setC", texts)
    assert main(["--corpus", str(tmp_path), "--errors", "1"]) == 0
    out, err = capsys.readouterr()
    listed = [line for line in out.splitlines() if line.startswith("{")]
    assert len(listed) == 1
    assert "the first 1 of 2 disagreements (--errors 2 lists all)" in err
    assert main(["--corpus", str(tmp_path), "--errors", "5"]) == 0
    assert "disagreements" not in capsys.readouterr().err
