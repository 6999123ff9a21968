"""Word classes as data (``verifier/data/lexicons/word_classes.yaml``): every example yields
the sourcing it states, and the file is checked like a lexicon: a key the schema does not
declare, a class no code reads, a missing class, a word twice or not in lower case, and an
example's label that is no kind are errors naming the file, the class and the field."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.lexicon_helpers import edited_classes
from verifier.analysis.analyse import analyse_text
from verifier.errors import ConfigError
from verifier.rules import word_classes
from verifier.rules.word_classes import KIND_MARK


def _examples() -> list[Any]:
    return [pytest.param(name, example.text, example.sourcing, id=f"{name}-{number}")
            for name, found in word_classes.word_classes().items()
            for number, example in enumerate(found.examples, start=1)]


@pytest.mark.parametrize(("name", "text", "sourcing"), _examples())
def test_every_example_yields_the_sourcing_it_states(
    name: str, text: str, sourcing: tuple[str, ...],
) -> None:
    last = analyse_text(text).sentences[-1]
    found = tuple(f"{a.kind}{KIND_MARK}{a.source.text}" for a in last.attributions)
    assert found == sourcing, f"{name}: {text!r} yields {found or 'unattributed'}"


def test_every_declared_class_is_read_from_the_file() -> None:
    from verifier.analysis.attribution import plan

    assert set(word_classes.word_classes()) == set(word_classes.CLASSES)
    assert word_classes.word_class("source_open_ends") == plan._OPEN_ENDS


@pytest.fixture
def edited(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    """``edit(change)``: the classes read from a copy of the package's file changed by
    ``change`` (a function of the loaded mapping); the real file is read again after."""
    yield from edited_classes(tmp_path, monkeypatch, word_classes.FILE,
                              word_classes.word_classes)


def _ends(data: dict[str, Any]) -> dict[str, Any]:
    found: dict[str, Any] = data["classes"]["source_open_ends"]
    return found


@pytest.mark.parametrize(("change", "message"), [
    (lambda d: _ends(d).update(wrods=["of"]),
     "class 'source_open_ends': unknown field 'wrods'"),
    (lambda d: _ends(d).pop("examples"), "class 'source_open_ends': field 'examples' is required"),
    (lambda d: _ends(d)["examples"][0].update(sourcing="unnamed"),
     "field 'examples'[0]: field 'sourcing': expected a list"),
    (lambda d: _ends(d)["examples"][0].update(text_="x"),
     "field 'examples'[0]: unknown field 'text_'"),
    (lambda d: _ends(d)["examples"][0].update(sourcing=["anonymous: people"]),
     "example 1: sourcing 'anonymous: people' is not 'KIND: SOURCE WORDS'"),
    (lambda d: _ends(d).update(words=["of", "Of"]), "'Of' is not lower case"),
    (lambda d: _ends(d).update(words=["of", "of"]), "'of' is listed twice"),
    (lambda d: _ends(d).update(words=[]), "field 'words': none given"),
    (lambda d: _ends(d).update(words=["of", True]), "field 'words'[1]: expected a non-empty"),
    (lambda d: d["classes"].update(source_open_endz=d["classes"]["source_open_ends"]),
     "class 'source_open_endz': no code reads it"),
    (lambda d: d["classes"].pop("source_open_ends"), "class 'source_open_ends' is missing"),
    (lambda d: d.update(extra=1), "expected one key, 'classes'"),
])
def test_a_bad_file_is_an_error_naming_the_class_and_field(
    edited: Any, change: Any, message: str,
) -> None:
    with pytest.raises(ConfigError, match=r"word_classes\.yaml: ") as error:
        edited(change)
    assert message in str(error.value)
