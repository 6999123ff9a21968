"""Scoring against labels: alignment by overlap, multiplicity, per-kind and per-class scores."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from verifier.analysis.results import (
    ArticleAnalysis,
    Attribution,
    CertaintyLabel,
    SentenceAnalysis,
    Span,
)
from verifier.errors import InputError
from verifier.evaluation.labels import GoldSentence, Score, evaluate_corpus, read_labels, score

TEXT = "Talks resumed. The source said a deal may come. By Ann Lee"


def gold(i: int, text: str, claim: bool = True, kinds: tuple[str, ...] = (),
         certainty: str | None = "certain") -> GoldSentence:
    return GoldSentence("d", i, text, claim, kinds, tuple("x" for _ in kinds),
                        certainty if claim else None)


def predicted(index: int, start: int, end: int, *, claim: bool = True,
              kinds: tuple[str, ...] = (), value: str = "certain") -> SentenceAnalysis:
    span = Span(TEXT[start:end], start, end)
    stances = {"declined": "declines", "denied": "denies"}
    attributions = tuple(
        Attribution(
            "unnamed" if k in stances else k,  # type: ignore[arg-type]
            stances.get(k, "asserts"),  # type: ignore[arg-type]
            span, span, "r",
        )
        for k in kinds
    )
    label = CertaintyLabel(value, None, "t") if claim else None  # type: ignore[arg-type]
    return SentenceAnalysis(index, TEXT[start:end], start, end, claim, "c", label, attributions)


GOLD = [
    gold(0, "Talks resumed."),
    gold(1, "The source said a deal may come.", kinds=("unnamed",), certainty="possible"),
    gold(2, "By Ann Lee", claim=False),
]


def test_perfect_analysis_scores_one() -> None:
    analysis = ArticleAnalysis(TEXT, (
        predicted(0, 0, 14),
        predicted(1, 15, 47, kinds=("unnamed",), value="possible"),
        predicted(2, 48, 58, claim=False),
    ))
    result = score([("d", GOLD, analysis)])
    assert result.claim.f1 == 1.0
    assert result.sourcing.f1 == 1.0
    assert result.certainty_accuracy == 1.0
    assert result.boundary_accuracy == 1.0
    assert result.errors == ()
    assert result.per_class["possible"].support == 1


def test_split_error_costs_what_it_should() -> None:
    # The analyser merges the first two sentences: one gold sentence loses its match.
    analysis = ArticleAnalysis(TEXT, (
        predicted(0, 0, 47, kinds=("unnamed",), value="possible"),
        predicted(1, 48, 58, claim=False),
    ))
    result = score([("d", GOLD, analysis)])
    assert result.exact_boundaries == 1
    assert result.claim.fn == 1
    assert result.certainty_correct == 1  # only the sentence that kept the match
    assert any(e.field == "claim" for e in result.errors)


def test_extra_predicted_sentence_counts_as_false_positive() -> None:
    analysis = ArticleAnalysis(TEXT, (
        predicted(0, 0, 6),
        predicted(1, 6, 14, kinds=("media",)),
        predicted(2, 15, 47, kinds=("unnamed",), value="possible"),
        predicted(3, 48, 58, claim=False),
    ))
    result = score([("d", GOLD, analysis)])
    assert result.claim.fp == 1
    assert result.per_kind["media"].fp == 1


def test_kinds_count_with_multiplicity() -> None:
    two = [gold(0, "Talks resumed.", kinds=("declined", "declined"))]
    analysis = ArticleAnalysis(TEXT, (predicted(0, 0, 14, kinds=("declined",)),))
    result = score([("d", two, analysis)])
    assert (result.per_kind["declined"].tp, result.per_kind["declined"].fn) == (1, 1)
    assert result.per_kind["declined"].support == 2


def test_score_arithmetic() -> None:
    s = Score(tp=3, fp=1, fn=2)
    assert s.precision == 0.75
    assert s.recall == 0.6
    assert s.f1 == pytest.approx(2 * 0.75 * 0.6 / 1.35)
    assert Score(0, 0, 0).f1 == 1.0  # nothing to find and nothing found
    assert Score(0, 0, 2).f1 == 0.0  # missed everything
    assert Score(0, 3, 0).f1 == 0.0  # found only what was not there


def write_corpus(tmp_path: Path, rows: list[dict[str, object]], text: str) -> tuple[Path, Path]:
    labels = tmp_path / "c.labels.jsonl"
    labels.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    texts = tmp_path / "texts"
    texts.mkdir()
    (texts / "a.txt").write_text(text, encoding="utf-8")
    return labels, texts


def test_evaluate_corpus_reads_files(tmp_path: Path) -> None:
    rows: list[dict[str, object]] = [
        {"doc": "a", "i": 0, "text": "Rates may rise.", "claim": True, "sourcing": [],
         "certainty": "possible"},
        {"doc": "a", "i": 1, "text": "By Ann Lee", "claim": False, "sourcing": [],
         "certainty": None},
    ]
    labels, texts = write_corpus(tmp_path, rows, "Rates may rise.\nBy Ann Lee\n")
    result = evaluate_corpus(labels, texts)
    assert result.claim.f1 == 1.0
    assert result.certainty_accuracy == 1.0
    data = result.to_dict(errors=True)
    assert {"claim", "sourcing", "certainty", "errors"} <= set(data)
    assert set(data["sourcing"]) == {"micro", "per_kind"}


def test_bad_labels_are_input_errors(tmp_path: Path) -> None:
    labels, texts = write_corpus(tmp_path, [{"doc": "a", "i": 0, "text": "Gone."}], "Here.")
    with pytest.raises(InputError, match="line 1"):
        read_labels(labels)
    rows: list[dict[str, object]] = [
        {"doc": "a", "i": 0, "text": "Missing.", "claim": True, "sourcing": [],
         "certainty": "certain"}
    ]
    labels.write_text(json.dumps(rows[0]), encoding="utf-8")
    with pytest.raises(InputError, match="not in the text"):
        evaluate_corpus(labels, texts)


def test_eval_shows_a_kind_without_gold_examples_as_not_measured(tmp_path: Path) -> None:
    """A kind the labels never use has no recall to measure: `verifier eval` printed it
    as recall 1.000 beside precision 0 and F1 0 (it found one, wrongly)."""
    from typer.testing import CliRunner

    from verifier.cli import app

    rows: list[dict[str, object]] = [
        {"doc": "a", "i": 0, "text": "Rates will rise, Governor Ann Lee said.", "claim": True,
         "sourcing": [], "certainty": "certain"},
    ]
    labels, texts = write_corpus(tmp_path, rows, "Rates will rise, Governor Ann Lee said.\n")
    result = CliRunner().invoke(app, ["eval", str(labels), "--texts", str(texts)],
                                env={"COLUMNS": "120"})
    assert result.exit_code == 0, result.output
    line = next(x for x in result.output.splitlines() if "official" in x)
    assert "1.000" not in line, line
    assert "not measured" in line, line
    data = json.loads(CliRunner().invoke(
        app, ["eval", str(labels), "--texts", str(texts), "--json"]).output)
    assert data["sourcing"]["per_kind"]["official"]["support"] == 0
    assert data["sourcing"]["per_kind"]["official"]["measured"] is False
    assert data["claim"]["measured"] is True
