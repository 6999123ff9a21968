"""What the word-class lexicon files share: ``{classes: {NAME: {words, examples}}}`` read
into one checked schema object per class (``verifier.rules.source_words`` and
``verifier.rules.word_classes``).

Each class is built by ``verifier.rules.schema.build`` and checked by the caller's ``check``
(``check_words`` checks what every class holds: its words and that it has examples); its
name must be one of the caller's ``classes`` (the code that reads it), and every one of
those must be in the file.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any, TypeVar

from verifier.errors import ConfigError
from verifier.rules.lexicon import load_data
from verifier.rules.schema import build

T = TypeVar("T")


def load_classes(file: str, classes: Mapping[str, str], schema: type[T],
                 check: Callable[[T, str], None]) -> dict[str, T]:
    """Every class of the lexicon file ``file``, built as ``schema`` and checked."""
    where = f"{file}.yaml"
    raw = load_data(file)
    if set(raw) != {"classes"} or not isinstance(raw["classes"], dict):
        raise ConfigError(f"{where}: expected one key, 'classes', a mapping of class names")
    found: dict[str, T] = {}
    for name, body in raw["classes"].items():
        at = f"{where}: class {name!r}"
        if name not in classes:
            raise ConfigError(f"{at}: no code reads it (the classes: "
                              f"{', '.join(sorted(classes))})")
        if not isinstance(body, dict):
            raise ConfigError(f"{at}: expected a mapping with 'words' and 'examples'")
        built = build(schema, body, at)
        check(built, at)
        found[name] = built
    missing = sorted(set(classes) - set(found))
    if missing:
        raise ConfigError(f"{where}: class {missing[0]!r} is missing ({classes[missing[0]]})")
    return found


def check_word_forms(words: Sequence[str], at: str) -> None:
    """Each word lower case and trimmed (one space between the words of a word of several),
    and each once (a word written twice is an entry meant as another)."""
    seen: set[str] = set()
    for word in words:
        if word != " ".join(word.split()) or word != word.lower():
            raise ConfigError(f"{at}: {word!r} is not lower case and trimmed (one space "
                              "between words)")
        if word in seen:
            raise ConfigError(f"{at}: {word!r} is listed twice")
        seen.add(word)


def check_words(words: Sequence[str], examples: Sequence[Any], at: str) -> None:
    """A class's words (some, each lower case, trimmed, with one space between the words of
    a word of several, each once) and its examples (some)."""
    if not words:
        raise ConfigError(f"{at}: field 'words': none given")
    check_word_forms(words, f"{at}: field 'words'")
    if not examples:
        raise ConfigError(f"{at}: field 'examples': none given")
