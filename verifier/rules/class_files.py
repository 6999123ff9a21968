"""What the word-class lexicon files share: ``{classes: {NAME: {words, examples}}}`` read
into one checked schema object per class (``verifier.rules.source_words`` and
``verifier.rules.word_classes``).

Each class is built by ``verifier.rules.schema.build`` and checked by the caller's ``check``;
its name must be one of the caller's ``classes`` (the code that reads it), and every one of
those must be in the file.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TypeVar

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
