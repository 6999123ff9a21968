"""bench/kinds.py --why on an invented article: the cells between two speaker kinds counted by
why the analyser's kind differs (carried, another speaker, evidence, the descriptor's rule);
a stance cell and the diagonal are left out."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))

import kinds

from verifier import analyse_text

TEXT = ('Harbour Weil chief executive Tom Vale said the plant would close. '
        '"Nobody will lose a job," he said. Vale said the talks went well.')


def test_causes_of_kinds_off_the_diagonal() -> None:
    sentences = analyse_text(TEXT).sentences
    titled, carried, surname = (s.attributions[0] for s in sentences)
    assert titled.kind == carried.kind == surname.kind == "official"
    vale = {"kind": "named", "source": "Tom Vale"}
    rows = [
        ("setX", "d1", "", TEXT, vale, titled),
        ("setX", "d1", "", TEXT, vale, carried),
        ("setX", "d1", "", TEXT, {"kind": "named", "source": "Vale"}, surname),
        # no source word shared with the gold entry: another speaker
        ("setX", "d1", "", TEXT, {"kind": "named", "source": "Ana Ruiz"}, titled),
        # the diagonal, a stance, a source not found: not counted
        ("setX", "d1", "", TEXT, {"kind": "official", "source": "Tom Vale"}, titled),
        ("setX", "d1", "", TEXT, {"kind": "denied", "source": "Tom Vale"}, titled),
        ("setX", "d1", "", TEXT, vale, None),
    ]
    assert kinds.causes(rows) == {
        ("named", "official", "descriptor spk.office_title"): 1,
        ("named", "official", "carried"): 1,
        ("named", "official", "evidence"): 1,
        ("named", "official", "other speaker"): 1,
    }
    assert kinds.cell_documents(rows)[("named", "official")] == {"d1"}


def test_sets_keep_only_the_named_sets_and_none_is_a_one_line_error(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert kinds.main(["--corpus", str(tmp_path), "--sets", "setQ"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "no labelled text" in err
    assert kinds.collect(tmp_path, frozenset({"setQ"})) == []
