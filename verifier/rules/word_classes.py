"""Word classes as data: the small closed classes of words that code reads by name (the words
a source's noun phrase does not end on: "people familiar with | the matter"), each with
examples that state what they must produce.

``data/lexicons/word_classes.yaml`` is a mapping ``{classes: {NAME: {words, examples}}}``.
Each class is a ``WordClass`` built by ``verifier.rules.schema.build``: a key the schema does
not declare, a missing key or a bad value is a ``ConfigError`` naming the file, the class and
the field. The names are those ``CLASSES`` declares, with the module that reads each: a class
no code reads (a typo) or one the code reads that the file lacks is an error too. Words are
lower case, trimmed (one space between words), each once. Each example is a sentence (with
the sentences before it, if it needs them) and the sourcing its last sentence must yield, in
order, each ``KIND: SOURCE WORDS`` (none: unattributed); ``tests/test_word_classes.py``
analyses every one.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from verifier.errors import ConfigError
from verifier.rules.class_files import check_words, load_classes
from verifier.vocab import KINDS

#: The lexicon file (``data/lexicons/word_classes.yaml``).
FILE = "word_classes"
#: Every class the code reads, and where.
CLASSES: dict[str, str] = {
    "source_open_ends": "verifier.analysis.attribution.plan (a source found with no comma "
                        "after it does not end on one of these words)",
}
#: Between an example's kind and its source words.
KIND_MARK = ": "


@dataclass(frozen=True, slots=True)
class WordExample:
    """A sentence and the sourcing its last sentence must yield (``KIND: SOURCE WORDS``)."""

    text: str
    sourcing: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class WordClass:
    """The words of one class and the examples that show them at work."""

    words: tuple[str, ...]
    examples: tuple[WordExample, ...]


@cache
def word_classes() -> dict[str, WordClass]:
    """Every class of the file, checked."""
    return load_classes(FILE, CLASSES, WordClass, _check)


def word_class(name: str) -> frozenset[str]:
    """The words of class ``name``."""
    return frozenset(word_classes()[name].words)


def _check(built: WordClass, at: str) -> None:
    check_words(built.words, built.examples, at)
    for number, example in enumerate(built.examples, start=1):
        for label in example.sourcing:
            kind, mark, words = label.partition(KIND_MARK)
            if not mark or kind not in KINDS or not words.strip():
                raise ConfigError(
                    f"{at}: example {number}: sourcing {label!r} is not 'KIND: SOURCE WORDS' "
                    f"with a kind of {', '.join(KINDS)}")


__all__ = ["CLASSES", "FILE", "KIND_MARK", "WordClass", "WordExample", "word_class",
           "word_classes"]
