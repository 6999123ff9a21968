"""Source words as data (``verifier/data/lexicons/source_words.yaml``): every example is keyed
as the party it states, the store reads its word classes from the file (none is left in
code), and the file is checked like a lexicon: a key the schema does not declare, a class no
code reads, a missing class, a word twice or not in lower case, and an example's speaker,
stance or party that is none of the vocabulary are errors naming the file, the class and the
field."""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.lexicon_helpers import edited_classes
from verifier.errors import ConfigError
from verifier.rules import source_words
from verifier.rules.source_words import MARK, NOBODY, UNNAMED, said_parts, said_starts
from verifier.store import party_keys, source_reads, sources
from verifier.vocab import NAME_KEY, UNNAMED_VIA_OUTLET

PACKAGE = Path(__file__).resolve().parent.parent / "verifier"


#: The article an example's sources are keyed in.
ARTICLE = party_keys.ArticleKey("0123456789abcdef", "example.txt")


def party_of(said: tuple[str, ...], text: str | None = None) -> tuple[str, str | None]:
    """The party the last of one article's sources is keyed as, and its key's name (no
    registry: each source resolved in reading order as ingest resolves them; ``text``: the
    article, each source's words found in it in reading order). A key of the article's own
    ends in ``@article``."""
    starts = said_starts(text, said) if text is not None else None
    lookups = sources.article_lookups(lambda words: None, (), [said_parts(s) for s in said],
                                      text, starts)
    derived = party_keys.derive_source(*lookups[-1], None, ARTICLE)
    if derived is None:
        return NOBODY, None
    if derived.kind == UNNAMED_VIA_OUTLET:
        return UNNAMED, None
    key = derived.key.removeprefix(NAME_KEY).replace(
        f"{party_keys.ARTICLE_MARK}{ARTICLE.key}", "@article")
    return f"{derived.kind}{MARK}{derived.name}", key


def _examples() -> list[Any]:
    return [pytest.param(example.said, example.party,
                         None if example.key is None else example.key + (
                             "@article" if example.article else ""),
                         example.text, id=f"{name}-{number}")
            for name, found in source_words.source_word_classes().items()
            for number, example in enumerate(found.examples, start=1)]


@pytest.mark.parametrize(("said", "party", "key", "text"), _examples())
def test_every_example_is_keyed_as_the_party_it_states(
    said: tuple[str, ...], party: str, key: str | None, text: str | None,
) -> None:
    found, found_key = party_of(said, text)
    assert found == party, f"{said!r} is keyed as {found!r}"
    if key is not None:
        assert found_key == key, f"{said!r} is keyed by {found_key!r}"


def test_every_declared_class_is_read_from_the_file() -> None:
    words = source_words.source_words
    assert set(source_words.source_word_classes()) == set(source_words.CLASSES)
    assert source_reads._leading_words() == words("determiners") | words("honorifics")
    for name, value in [
        ("determiners", party_keys._DETERMINERS), ("pronouns", party_keys._PRONOUNS),
        ("organisation_words", party_keys._ORGANISATION_WORDS),
        ("hearsay_nouns", party_keys._HEARSAY_NOUNS),
        ("hearsay_modifiers", party_keys._HEARSAY_MODIFIERS),
        ("indefinite", party_keys._INDEFINITE), ("title_words", party_keys._TITLE_WORDS),
        ("name_numbers", party_keys._NAME_NUMBERS), ("name_links", party_keys._NAME_LINKS),
        ("name_particles", party_keys._NAME_PARTICLES),
        ("spokes_roles", party_keys._SPOKES), ("anonymous_officials", party_keys._OFFICIALS),
        ("body_heads", party_keys._BODY_HEADS),
        ("not_before_a_person", party_keys._NOT_BEFORE_A_PERSON),
    ]:
        assert value == words(name), name
    assert party_keys._alternation(words("outlet_nouns")) == party_keys._OUTLET_NOUN


def test_an_alternation_is_deterministic_longest_first_and_spans_white_space() -> None:
    built = party_keys._alternation(frozenset({"press office", "press officer", "ceo", "aide"}))
    assert built == r"press\s+officer|press\s+office|aide|ceo"
    assert re.fullmatch(f"(?:{built})", "press \n officer")
    # the roles' pattern matches what it matched when it was written in code
    old = (r"spokes(?:person|man|woman|people|men|women)|representatives?"
           r"|press\s+office(?:rs?)?|chief\s+executive|ceo|chairman|chairwoman")
    new = party_keys._alternation(party_keys._SPOKES)
    for role in ["spokesperson", "spokeswomen", "representatives", "press  officers",
                 "press office", "chief executive", "CEO", "chairwoman", "spokes", "officer",
                 "press officerss", "executive", "representativ"]:
        assert (re.fullmatch(f"(?i:{old})", role) is None) == (
            re.fullmatch(f"(?i:{new})", role) is None), role


def _word_sets(path: Path) -> list[str]:
    """Module-level sets, frozensets, tuples and lists of three or more lower-case words."""
    found = []
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        value = node.value if isinstance(node, ast.Assign | ast.AnnAssign) else None
        if isinstance(value, ast.Call) and value.args:
            value = value.args[0]
        if isinstance(value, ast.Set | ast.Tuple | ast.List):
            words = [e.value for e in value.elts
                     if isinstance(e, ast.Constant) and isinstance(e.value, str)]
            if len(words) >= 3 and all(re.fullmatch(r"[a-z][a-z ]*", w) for w in words):
                found.append(f"{path.name}:{node.lineno}")
    return found


def test_the_source_modules_hold_no_word_set() -> None:
    for name in ("sources.py", "party_keys.py", "source_reads.py"):
        assert _word_sets(PACKAGE / "store" / name) == [], name


@pytest.fixture
def edited(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    """``edit(change)``: the classes read from a copy of the package's file changed by
    ``change`` (a function of the loaded mapping); the real file is read again after."""
    yield from edited_classes(tmp_path, monkeypatch, source_words.FILE,
                              source_words.source_word_classes)


def _heads(data: dict[str, Any]) -> dict[str, Any]:
    found: dict[str, Any] = data["classes"]["body_heads"]
    return found


@pytest.mark.parametrize(("change", "message"), [
    (lambda d: _heads(d).update(wrods=["bank"]), "class 'body_heads': unknown field 'wrods'"),
    (lambda d: _heads(d).pop("examples"), "class 'body_heads': field 'examples' is required"),
    (lambda d: _heads(d)["examples"][0].update(said="named: Kessel Bank"),
     "field 'examples'[0]: field 'said': expected a list"),
    (lambda d: _heads(d)["examples"][0].update(sayd=["named: x"]),
     "field 'examples'[0]: unknown field 'sayd'"),
    (lambda d: _heads(d)["examples"][0].update(said=["anonymous: people"]),
     "example 1: said 'anonymous: people' is not 'SPEAKER: WORDS'"),
    (lambda d: _heads(d)["examples"][0].update(said=["named refuses: Tom Vale"]),
     "example 1: said 'named refuses: Tom Vale' is not"),
    (lambda d: _heads(d)["examples"][0].update(said=["named Tom Vale"]),
     "example 1: said 'named Tom Vale' is not"),
    (lambda d: _heads(d)["examples"][0].update(said=[]), "example 1: field 'said': none given"),
    (lambda d: _heads(d)["examples"][0].update(party="body: Kessel Bank"),
     "example 1: party 'body: Kessel Bank' is not 'KIND: NAME'"),
    (lambda d: _heads(d)["examples"][0].update(party="unnamed", key="x"),
     "example 1: field 'key': a party 'unnamed' has no key"),
    (lambda d: _heads(d).update(words=["bank", "Bank"]), "'Bank' is not lower case"),
    (lambda d: _heads(d).update(words=["press  office"]), "'press  office' is not lower case"),
    (lambda d: _heads(d).update(words=["bank", "bank"]), "'bank' is listed twice"),
    (lambda d: _heads(d).update(words=[]), "field 'words': none given"),
    (lambda d: _heads(d).update(examples=[]), "field 'examples': none given"),
    (lambda d: _heads(d).update(words=["bank", True]), "field 'words'[1]: expected a non-empty"),
    (lambda d: d["classes"].update(body_headz=d["classes"]["body_heads"]),
     "class 'body_headz': no code reads it"),
    (lambda d: d["classes"].pop("body_heads"), "class 'body_heads' is missing"),
    (lambda d: d.update(extra=1), "expected one key, 'classes'"),
])
def test_a_bad_file_is_an_error_naming_the_class_and_field(
    edited: Any, change: Any, message: str,
) -> None:
    with pytest.raises(ConfigError, match=r"source_words\.yaml: ") as error:
        edited(change)
    assert message in str(error.value)


def test_the_packaged_file_loads_unchanged_through_the_checks(edited: Any) -> None:
    assert edited(lambda d: None) == source_words.source_word_classes()
