"""Attribution through the registry: agencies, data providers and trade outlets it names.

The sentences are written for these tests in general English news style; the bodies named
are real institutions, what they say here is invented.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from verifier.analyse import analyse_text
from verifier.registry import SOURCE_KINDS, Registry, load_registry

SOURCES = Path(__file__).resolve().parent.parent / "sources.yaml"


@pytest.fixture(scope="module")
def registry() -> Registry:
    return load_registry(SOURCES)


def kinds(text: str, registry: Registry) -> list[str]:
    """The printed sourcing labels of the text's last sentence, sorted."""
    sentences = analyse_text(text, registry=registry).sentences
    return sorted(a.kind for a in sentences[-1].attributions)


CASES = [
    # a registry name decides over the common nouns in or around it
    ("Flu cases doubled in a week, according to the Centers for Disease Control and Prevention.",
     ["official"]),
    ("Bond yields fell after the auction, according to LSEG data.", ["named"]),
    ("The ferry changed course at dawn, according to tracking data from MarineTraffic.",
     ["named"]),
    ("ECB board member Hanna Berg said on Monday that inflation was easing.", ["official"]),
    ("The Japan Coast Guard said the trawler had left the area.", ["official"]),
    # a news name is capitalised as a name, and "The X" is not the start of a longer name
    ("The merger talks were first reported by The Information.", ["media"]),
    ("Fines rose sharply, according to the Information Commissioner's Office.", ["official"]),
    ("The clinic declined to share the information with reporters.", ["declined"]),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_registry_names_decide(text: str, expected: list[str], registry: Registry) -> None:
    assert kinds(text, registry) == expected


def test_data_providers_speak_as_named(registry: Registry) -> None:
    assert SOURCE_KINDS["data_provider"] == "named"
    assert SOURCE_KINDS["government_agency"] == "official"
    providers = [s for s in registry if s.kind == "data_provider"]
    assert providers and all(s.speaker == "named" for s in providers)
