"""The source registry: validation errors that name file, entry and field; resolution; which
file is used; the packaged copy."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from verifier.config import data_path, sources_path
from verifier.errors import ConfigError, InputError
from verifier.registry import SOURCE_KINDS, Registry, load_registry, parse_registry
from verifier.store.sources import find_outlet

TOP_LEVEL = Path(__file__).resolve().parent.parent / "sources.yaml"


def _entry(**fields: Any) -> dict[str, Any]:
    entry: dict[str, Any] = {
        "id": "paper",
        "name": "The Paper",
        "kind": "newspaper",
        "prior": {"confirmed": 2, "refuted": 1, "note": "test"},
    }
    entry.update(fields)
    return {k: v for k, v in entry.items() if v is not None}


@pytest.mark.parametrize(
    ("sources", "message"),
    [
        ([_entry(id="Bad Id")], "entry 1: field 'id'"),
        ([_entry(kind="blog")], "entry 1 (paper): field 'kind': 'blog' is not one of"),
        ([_entry(name="")], "entry 1 (paper): field 'name'"),
        ([_entry(aliases="Paper")], "field 'aliases': expected a list"),
        ([_entry(prior=None)], "field 'prior'"),
        ([_entry(prior={"confirmed": 0, "refuted": 1, "note": "x"})], "field 'prior.confirmed'"),
        ([_entry(prior={"confirmed": 1, "refuted": True, "note": "x"})], "field 'prior.refuted'"),
        ([_entry(prior={"confirmed": 1, "refuted": 1})], "field 'prior.note'"),
        ([_entry(rating=5)], "unknown field 'rating'"),
        ([_entry(), _entry()], "entry 2 (paper): field 'id': duplicate id"),
        (
            [_entry(), _entry(id="other", name="Other", aliases=["the paper"])],
            "entry 2 (other): field 'aliases': 'the paper' is already a name of 'paper'",
        ),
        (["just a string"], "entry 1: expected a mapping"),
    ],
)
def test_validation_names_file_entry_and_field(sources: list[Any], message: str) -> None:
    with pytest.raises(ConfigError) as caught:
        parse_registry({"sources": sources}, "desk.yaml")
    assert str(caught.value).startswith("desk.yaml: ")
    assert message in str(caught.value)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("sources: [", "not valid YAML at line"),
        ("- a list\n", "expected a mapping with a 'sources' list"),
    ],
)
def test_bad_files(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "sources.yaml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ConfigError, match=message):
        load_registry(path)
    with pytest.raises(ConfigError, match="not found"):
        load_registry(tmp_path / "missing.yaml")


def test_the_shipped_registry_is_valid_and_covers_the_beat(registry: Registry) -> None:
    wanted = {
        "yonhap", "koreatimes", "kr-presidential-office", "kr-unification-ministry",
        "kr-foreign-ministry", "un-spokesperson", "us-white-house", "reuters", "ap", "afp",
        "xinhua", "kcna", "kyodo", "tass", "interfax", "bloomberg",
    }
    assert wanted <= {s.id for s in registry}
    assert all(s.kind in SOURCE_KINDS and s.prior.note for s in registry)


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("Cheong Wa Dae", "kr-presidential-office"),
        ("South Korea's presidential office", "kr-presidential-office"),
        ("South Korea’s presidential office", "kr-presidential-office"),
        ("the U.N. spokesman's office in New York", "un-spokesperson"),
        ("South Korea's News agency, Yonhap", "yonhap"),
        ("AFP", "afp"),
        ("a reporter from afp", None),
        ("a government source", None),
        # a news name is spelled as a name: generic words are no outlet ("The National")
        ("Contrary to reports in the national media", None),
        ("according to The National", "thenational"),
        ("according to the New York Times", "nyt"),
        ("the new york times", None),
    ],
)
def test_names_and_aliases_resolve_to_one_entry(
    registry: Registry, words: str, expected: str | None
) -> None:
    found = registry.resolve(words)
    assert (found.id if found else None) == expected


def test_outlets_are_found_by_id_name_or_alias(registry: Registry) -> None:
    assert find_outlet(registry, "koreatimes").id == "koreatimes"
    assert find_outlet(registry, "The Korea Times").id == "koreatimes"
    assert find_outlet(registry, "korea times").id == "koreatimes"
    with pytest.raises(InputError, match="unknown outlet 'Daily Planet'"):
        find_outlet(registry, "Daily Planet")


def test_which_registry_is_used(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("VERIFIER_SOURCES", raising=False)
    assert sources_path() == data_path("sources.yaml")
    (tmp_path / "sources.yaml").write_text("sources: []\n")
    assert sources_path() == Path("sources.yaml")
    monkeypatch.setenv("VERIFIER_SOURCES", "/desk/env.yaml")
    assert sources_path() == Path("/desk/env.yaml")
    assert sources_path("/desk/option.yaml") == Path("/desk/option.yaml")


def test_the_packaged_copy_is_the_top_level_file() -> None:
    packaged = data_path("sources.yaml")
    assert packaged.read_text(encoding="utf-8") == TOP_LEVEL.read_text(encoding="utf-8")
