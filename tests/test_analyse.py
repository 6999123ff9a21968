"""The orchestrator: one call, every sentence labelled, evidence pointing into the text."""

from __future__ import annotations

from pathlib import Path

from verifier import analyse_text as public_analyse_text
from verifier.analysis.analyse import analyse_text, default_registry, resolve_outlet
from verifier.registry import Registry

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"

ARTICLE = """Council approves parking fee
By Ann Lee
The city council voted 5-2 on Tuesday to charge $2 an hour for downtown parking.
The fee is expected to raise $1.4 million a year.
Copyright © Example Media."""


def test_every_sentence_is_labelled() -> None:
    result = analyse_text(ARTICLE)
    assert [s.claim for s in result.sentences] == [True, False, True, True, False]
    assert [s.index for s in result.sentences] == list(range(5))
    values = [s.certainty.value if s.certainty else None for s in result.sentences]
    assert values == ["certain", None, "certain", "probable", None]
    for s in result.sentences:
        assert ARTICLE[s.start : s.end] == s.text
        if not s.claim:
            assert s.attributions == ()
            assert s.claim_rule.startswith("claims.")


def test_public_api_is_the_same_function() -> None:
    assert public_analyse_text(ARTICLE).to_dict() == analyse_text(ARTICLE).to_dict()


def test_outlet_resolves_by_id_or_name() -> None:
    registry = default_registry()
    yonhap = resolve_outlet("Yonhap", registry)
    assert yonhap is not None
    assert resolve_outlet(yonhap.id, registry) == yonhap
    assert resolve_outlet(None, registry) is None
    assert analyse_text("Talks resumed.", outlet="Yonhap").outlet == yonhap.id
    assert analyse_text("Talks resumed.", outlet="Nowhere Gazette").outlet == "Nowhere Gazette"


def test_an_outlet_the_registry_does_not_know_is_still_no_source_of_its_own_story() -> None:
    text = "The deal was signed on Monday, the minister told the Harbour Ledger."
    kinds = [a.kind for a in analyse_text(text).sentences[0].attributions]
    assert kinds == ["media", "official"]
    own = analyse_text(text, outlet="Harbour Ledger")
    assert [a.kind for a in own.sentences[0].attributions] == ["official"]
    assert own.outlet == "Harbour Ledger"
    other = analyse_text(text, outlet="Valley Courier")
    assert [a.kind for a in other.sentences[0].attributions] == ["media", "official"]


def test_explicit_registry_is_used() -> None:
    result = analyse_text("Talks resumed on Monday.", registry=Registry([]), outlet="Yonhap")
    assert result.outlet == "Yonhap"


def test_seed_example_runs_end_to_end() -> None:
    text = (EXAMPLES / "ban-pyongyang.md").read_text(encoding="utf-8")
    result = analyse_text(text)
    expected = [s for s in result.sentences if "is expected to go to Pyongyang" in s.text]
    assert expected and expected[0].certainty is not None
    assert expected[0].certainty.value == "probable"
    assert any(not s.claim for s in result.sentences)


def test_to_dict_shape() -> None:
    data = analyse_text(ARTICLE).to_dict()
    assert set(data) == {"outlet", "sentences"}
    first = data["sentences"][0]
    assert set(first) >= {"index", "start", "end", "text", "claim", "claim_rule", "certainty",
                          "certainty_evidence", "attributions"}
