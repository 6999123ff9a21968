"""bench/ingest_phases.py: the phases it wraps exist, are unwrapped afterwards, and sum up."""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))

import ingest_phases

ARTICLES = (
    "Harbour vote in Tarvel\n"
    "The Tarvel council approved the harbour plan on Tuesday, council member Dana Ortiz said. "
    "Officials who asked not to be named said the vote was close.\n",
    "Tarvel harbour plan approved\n"
    "Tarvel's council backed the harbour plan, Dana Ortiz said on Tuesday. The Ministry of "
    "Ports declined to comment.\n",
)


def _function(module: str, attribute: str, cls: str | None) -> object:
    owner = importlib.import_module(module)
    return getattr(getattr(owner, cls) if cls else owner, attribute, None)


def test_every_phase_names_a_function_of_this_checkout() -> None:
    """(A phase may name functions some checkouts lack, as long as one is there.)"""
    labels = [label for label, *_ in ingest_phases.PHASES]
    assert len(labels) == len(set(labels))
    for label, module, attributes, cls, parent, owner in ingest_phases.PHASES:
        assert any(callable(_function(module, attribute, cls))
                   for attribute in attributes.split(",")), label
        assert parent is None or parent in labels, label
        assert owner, label


def test_measure_sums_the_phases_and_unwraps_them(tmp_path: Path) -> None:
    before = {(m, a, c): _function(m, a, c) for _, m, names, c, _, _ in ingest_phases.PHASES
              for a in names.split(",")}
    for number, text in enumerate(ARTICLES):
        (tmp_path / f"a{number}.txt").write_text(text, encoding="utf-8")
    run = ingest_phases.measure(tmp_path)
    assert run["articles"] == 2 and run["claims"] > 0
    phases = run["phases"]
    assert phases["analysis"] >= phases["analyser (analyse_text)"] >= phases["attribution"]
    assert phases["update_stories"] >= phases["pass 1 + pass 2 (assign_stored)"]
    assert run["calls"]["update_stories"] == 1 and run["calls"]["analysis"] == 2
    assert run["calls"]["end-of-run rescore (refresh)"] == 1
    top = sum(phases[label] for label, *_, parent, _ in ingest_phases.PHASES if parent is None)
    assert top <= run["cpu"] + 0.05
    assert {key: _function(*key) for key in before} == before  # every wrapper removed
    lines = ingest_phases.table([run])
    assert lines[2].startswith("| whole ingest") and any("own (less" in line for line in lines)
    rows = ingest_phases.compare([run], [run])
    assert rows[2].endswith("| +0% |")
