"""The scoring weights: ``data/scoring.yaml``, with a desk's own overrides, loaded and validated.

Which file: ``--scoring`` option > ``$VERIFIER_SCORING`` > the packaged default. The packaged
file has ``base`` and one section per scoring term (``verifier.scoring.terms``) plus
``status`` and ``identity``; each section is read into the term's own frozen parameter class,
whose field types say what is valid: a finite number, a whole number >= 0, one weight or one
Beta prior per sourcing label, a list of speaker kinds, a list of lower-case words or phrases.

A desk's file is a layered override: it states only what it changes, merged key by key over
the packaged defaults (a mapping merges into the default's mapping, down to one sourcing label
of a section; any other value, a list included, replaces the default's whole). So a key the
package adds later takes its default in an old copy. A key the defaults do not have is an
error, as is a value of the wrong type, and every error names the file that gave it and the
field (``my.yaml: field 'denials.per_party': expected a finite number``).
``effective_weights`` says which file set each value (``verifier scoring show``).
"""

from __future__ import annotations

import math
import os
import typing
from collections.abc import Callable, Mapping
from dataclasses import dataclass, fields, is_dataclass
from pathlib import Path
from typing import Any, NewType, TypeVar

from verifier.config import data_path
from verifier.errors import ConfigError
from verifier.vocab import KINDS, SPEAKERS, UNATTRIBUTED, Certainty
from verifier.yamlio import read_yaml

SCORING_ENV = "VERIFIER_SCORING"
#: The sourcing labels a weight or a default prior is given for.
SOURCING_KEYS = (*SPEAKERS, UNATTRIBUTED)
#: The largest weight accepted: beyond it a logistic saturates and explains nothing.
MAX_WEIGHT = 50.0

P = TypeVar("P")

#: The declared field types a section may use.
PerLabel = dict[str, float]
PriorPerLabel = dict[str, tuple[float, float]]
Speakers = tuple[str, ...]
#: A list of the guide's sourcing kinds (speakers, ``declined`` and ``denied``).
Kinds = NewType("Kinds", tuple[str, ...])
#: Words or phrases a term looks for in a sentence (lower case, matched as whole words).
Phrases = NewType("Phrases", tuple[str, ...])
#: A list of the analyser's certainty labels (``certain``, ``probable``, ``possible``).
Certainties = NewType("Certainties", tuple[str, ...])
#: Names a party goes by, per the name it is counted under ({pakistan: [pakistani, pak]}).
Aliases = NewType("Aliases", tuple[tuple[str, tuple[str, ...]], ...])
#: The longest list of phrases accepted, and the longest phrase.
MAX_PHRASES, MAX_PHRASE = 500, 80


@dataclass(frozen=True, slots=True)
class StatusParams:
    """``status``: when an unreviewed story counts as corroborated."""

    corroborated_min_origins: int
    #: A cited outlet or on-record source whose reliability (registry prior plus track
    #: record) is at least this, stating the event unhedged, corroborates it.
    corroborated_min_reliability: float
    #: A denial is answered by a report of another outlet published at least this many days
    #: after it that states the event as fact in its own voice and reports no denial
    #: (0: never).
    answered_after_days: int
    #: ... and names one of these speakers, a reader can identify, asserting the event
    #: (empty: its own voice suffices).
    answered_on_record: Speakers
    #: A later report (same terms) that does not state the event in its own voice answers a
    #: denial too when one of these speakers, a reader can identify, asserts the event in it
    #: unhedged (the party's own announcement; empty: off).
    answered_by_party: Speakers
    #: A report holding one of these ("initially denied", "but now") tells of a denial as
    #: overtaken: the denials it carries are no denials of its own, and it may answer one.
    overtaken_words: Phrases
    #: A statement denying the event that holds one of these ("had denied", "at the time",
    #: "earlier") retells a denial told before the report: when the same report answers a
    #: denial (it states the event in its own voice or has a party announce it), it answers
    #: the denial it retells too, and the denial contests nothing (empty: off).
    retold_words: Phrases
    #: A party's statement answering a denial (``answered_by_party``) that holds one of these
    #: ("allegedly", "reportedly") passes on what others say the party said: no announcement
    #: (empty: off).
    answered_hearsay_words: Phrases
    #: A story the other rules call corroborated whose score is under this is unconfirmed
    #: (0: off).
    corroborated_min_score: float
    #: A party's announcement answering a denial (``answered_by_party``) or a statement
    #: settling the story (``settled_*``) holding one of these ("has not confirmed", "is no
    #: longer considering") answers and settles nothing: it may tell the outcome the other
    #: way.
    negation_words: Phrases
    #: An on-record statement holding one of these ("did not lead to an agreement", "has
    #: not accepted any proposal") corroborates nothing: it may be its speaker's denial
    #: read as an assertion (empty: the analyser's stance decides, as in the packaged file).
    on_record_negation_words: Phrases
    #: An on-record party whose speaker cue holds one of these ("claimed", "alleged",
    #: "accused", "insists") states its side of a dispute, not the event: its statement
    #: corroborates nothing by the on-record rule (empty: off).
    on_record_contention_cues: Phrases
    #: ... a cue's form in -ing only right after one of these (a progressive: "is
    #: claiming"); a bare participle tells what the party's act holds ("filed a lawsuit
    #: alleging that ...", "sued the exchange, accusing it of ..."): the act is on the
    #: record (empty: every form is a side).
    on_record_contention_auxiliaries: Phrases
    #: A statement with one of ``dispute_verbs`` before one of ``dispute_objects`` (at most
    #: ``dispute_max_between`` words apart: "rejected the claim", "disputing the figures"),
    #: or after it in the passive ("the allegation has been rejected"), tells that someone
    #: disputes the event, whether or not a reader can identify who: a denial, which a
    #: later report may answer as any other (empty: off).
    dispute_verbs: Phrases
    dispute_objects: Phrases
    dispute_max_between: int
    #: ... and not right after one of these ("did not deny the claim", "didn't admit or
    #: deny the allegations", "neither confirmed nor denied the report": no dispute).
    dispute_not_after: Phrases
    #: 1: a report of the same day as the denial answers it too (the order within a day is
    #: unknown, and the reason says so); 0: only reports ``answered_after_days`` or more
    #: days later.
    answered_same_day: int
    #: An on-record statement stated with one of these certainties ("could", "may")
    #: corroborates nothing: a party saying what could happen does not assert that it did.
    on_record_hedges: Certainties
    #: A story is settled by a statement, in a report published at least this many days
    #: after its first dated report, that states the outcome unhedged with one of
    #: ``settled_words`` ("has confirmed", "has filed for"), asserted by one of
    #: ``settled_by`` a reader can identify or resting on one of ``settled_records``
    #: ("court documents"); it holds no negation and calls the event no rumour. Denials in
    #: reports at least as many days before it are overtaken: they contest nothing, and
    #: the story is corroborated ("settled"). 0 turns it off.
    settled_after_days: int
    settled_words: Phrases
    settled_by: Speakers
    settled_records: Phrases
    #: A statement holding one of these settles nothing: what a party "initially" or
    #: "originally" announced was overtaken, and an announcement that it will "stay on" or
    #: "continue" announces the contrary of a change (empty: off).
    settled_exceptions: Phrases
    #: 1: a settling statement overtakes only the denials and rumours that name nobody
    #: outside their speakers' words or hold a name it holds (a story holding several
    #: claims: "Brown announced his resignation" overtakes no denial of reports that "the
    #: university was pursuing Alabama coach Nick Saban"); 0: all of them before it.
    same_names: int


@dataclass(frozen=True, slots=True)
class IdentityParams:
    """``identity``: who a reader can identify beyond a proper name or a registry source."""

    #: Words that name nobody though capitalised (they open a source's words).
    nameless_words: Phrases
    #: Heads of a definite description of a public institution ("the commerce ministry").
    institution_heads: Phrases
    #: Determiners that leave whoever they describe unnamed ("a Saudi official").
    indefinite_words: Phrases
    #: Words all in capitals of at least this many letters, unknown to the registry, are a
    #: heading, kicker or dateline, not a name ("UPDATE:", "BAGHDAD -"); 0 turns it off.
    heading_letters: int
    #: Offices a party holds ("prime minister", "pm"): "the prime minister" is the holder
    #: the story names ("Prime Minister Gaston Browne"), ``verifier.scoring.parties``.
    offices: Aliases
    #: What a party issues or speaks through ("text", "statement", "office"): "Petri's text"
    #: is Petri, "Gov. Newsom's office" is Newsom.
    document_words: Phrases
    #: Lower-case words inside a name or a description of a party ("of", "the": "the leader
    #: of the Socialist Party"); any other lower-case word after a capitalised one that
    #: starts no office and no document ends the party's words ("President Trump in a tweet").
    name_connectors: Phrases
    #: Lower-case words that open a tail after a party's name however short it is (a
    #: preposition, a date: "Prime Minister Majaliwa in a speech", "... office yesterday").
    tail_openers: Phrases
    #: Offices that whoever leads holds ("the leader of the Socialist Party"): the one holder
    #: of any office the article names ("Spanish PM Pedro Sánchez").
    leading_offices: Phrases
    #: Heads that make a country's name its state ("the Pakistani authorities").
    state_heads: Phrases
    #: Countries with the words that stand for them (demonyms, short forms, capitals).
    countries: Aliases
    #: Titles before a name, no part of it ("Prime Minister Dr. Hubert Minnis"), lower case.
    name_titles: Phrases
    #: Words naming a public record a reader can look up ("official gazette", "court
    #: documents"): a source holding one is identifiable.
    record_words: Phrases
    #: What a body issues ("statement", "press release"): words whose head is one name the
    #: body that issued it ("An RFU statement", "a statement from the council").
    issued_words: Phrases


@dataclass(frozen=True, slots=True)
class Weights:
    """``base``, the status rule, who a reader can identify, and each registered term's
    validated parameters."""

    base: float
    status: StatusParams
    identity: IdentityParams
    sections: dict[str, Any]

    def term(self, name: str, kind: type[P]) -> P:
        """The parameters of term ``name`` (of class ``kind``)."""
        params = self.sections[name]
        if not isinstance(params, kind):
            raise TypeError(f"term {name!r} has parameters of {type(params).__name__}")
        return params


def weights_digest(weights: Weights) -> str:
    """A short digest of the weights (stored with the scores computed with them)."""
    import hashlib

    return hashlib.sha256(repr(weights).encode("utf-8")).hexdigest()[:16]


def scoring_path(option: str | None = None) -> Path:
    value = option or os.environ.get(SCORING_ENV)
    return Path(value).expanduser() if value else data_path("scoring.yaml")


class Provenance(str):
    """The file that gave each value, for errors: the packaged defaults' name (the string
    itself) unless ``set_by`` names another file for the field or one of its parents."""

    set_by: Mapping[str, str]

    def __new__(cls, default: str, set_by: Mapping[str, str]) -> Provenance:
        made = super().__new__(cls, default)
        made.set_by = set_by
        return made


def _file(where: str, dotted: str) -> str:
    """Which file to name in an error about field ``dotted``."""
    if isinstance(where, Provenance):
        parts = dotted.split(".")
        for end in range(len(parts), 0, -1):
            found = where.set_by.get(".".join(parts[:end]))
            if found is not None:
                return found
    return str(where)


@dataclass(frozen=True, slots=True)
class Effective:
    """The weights in force, and which file set each value (dotted key -> file)."""

    weights: Weights
    values: dict[str, Any]
    set_by: dict[str, str]
    default_file: str
    user_file: str | None
    #: The merged mapping the weights were read from.
    raw: dict[str, Any]

    def changed(self, values: Mapping[str, Any], where: str = "changed values") -> Weights:
        """These weights with the values of some dotted keys replaced (validated; an
        unknown key is an error naming ``where``)."""
        import copy

        raw = copy.deepcopy(self.raw)
        for dotted, value in values.items():
            if dotted not in self.values:
                raise ConfigError(f"{where}: field '{dotted}': unknown")
            node = raw
            *parents, last = dotted.split(".")
            for key in parents:
                node = node[key]
            node[last] = value
        return parse_weights(raw, where)


def load_weights(path: Path | None = None) -> Weights:
    """Read and validate a scoring file merged over the packaged defaults (the defaults
    alone when ``path`` is None or the packaged file)."""
    default, merged, set_by = merged_weights(path)
    return parse_weights(merged, Provenance(str(default), set_by))


def merged_weights(path: Path | None = None) -> tuple[Path, dict[str, Any], dict[str, str]]:
    """The packaged defaults' path, the mapping ``load_weights`` validates (``path``'s file
    merged over the defaults) and which dotted key that file set."""
    default, _user, merged, set_by = _merged(path)
    return default, merged, set_by


def effective_weights(path: Path | None = None) -> Effective:
    """The packaged defaults with ``path``'s overrides merged key by key (see the module's
    docstring), validated, with the file that set each value."""
    default, user, merged, set_by = _merged(path)
    weights = parse_weights(merged, Provenance(str(default), set_by))
    values = dict(_leaves(merged, ""))
    return Effective(weights, values,
                     {key: _file(Provenance("default", set_by), key) for key in values},
                     str(default), user, merged)


def _merged(path: Path | None) -> tuple[Path, str | None, dict[str, Any], dict[str, str]]:
    """The packaged defaults' path, the user's file (None when it is the defaults), the
    merged mapping and which user-set dotted key came from that file."""
    default = data_path("scoring.yaml")
    path = path or scoring_path()
    raw = read_yaml(default, "scoring file")
    if not isinstance(raw, dict):
        raise ConfigError(f"{default}: expected a mapping of weights")
    set_by: dict[str, str] = {}
    if _same_file(path, default):
        return default, None, raw, set_by
    user = str(path)
    overrides = read_yaml(path, "scoring file")
    if overrides is None:
        overrides = {}  # an empty file changes nothing
    if not isinstance(overrides, dict):
        raise ConfigError(f"{user}: expected a mapping of weights (the keys it changes)")
    return default, user, _merge(raw, overrides, user, "", set_by), set_by


def _same_file(path: Path, default: Path) -> bool:
    try:
        return path.resolve() == default.resolve()
    except OSError:
        return False


def _merge(default: dict[str, Any], override: dict[str, Any], file: str, prefix: str,
           set_by: dict[str, str]) -> dict[str, Any]:
    """``override`` merged over ``default``: mappings key by key, any other value whole;
    every key of ``override`` must be one of ``default``'s (recorded in ``set_by``)."""
    merged = dict(default)
    for key, value in override.items():
        dotted = f"{prefix}{key}"
        if key not in default:
            known = ", ".join(sorted(str(k) for k in default))
            if not prefix:
                raise ConfigError(f"{file}: unknown section {str(key)!r} (sections: {known})")
            raise ConfigError(f"{file}: field '{dotted}': unknown (expected one of {known})")
        if isinstance(default[key], dict):
            if not isinstance(value, dict):
                raise ConfigError(f"{file}: field '{dotted}': expected a mapping")
            merged[key] = _merge(default[key], value, file, f"{dotted}.", set_by)
        else:
            merged[key] = value
            set_by[dotted] = file
    return merged


def _leaves(raw: dict[str, Any], prefix: str) -> list[tuple[str, Any]]:
    """Every value of ``raw`` that is no mapping, by dotted key, in the file's order."""
    out: list[tuple[str, Any]] = []
    for key, value in raw.items():
        if isinstance(value, dict):
            out.extend(_leaves(value, f"{prefix}{key}."))
        else:
            out.append((f"{prefix}{key}", value))
    return out


def parse_weights(raw: Any, where: str) -> Weights:
    from verifier.scoring.terms import TERMS

    if not isinstance(raw, dict):
        raise ConfigError(f"{where}: expected a mapping of weights")
    known = {"base", "status", "identity", *(term.name for term in TERMS)}
    unknown = sorted(str(k) for k in raw if k not in known)
    if unknown:
        raise ConfigError(
            f"{where}: unknown section {unknown[0]!r} (sections: {', '.join(sorted(known))})"
        )
    base = _value(raw, "base", float, where, "base")
    sections = {term.name: read_section(raw, term.name, term.params, where) for term in TERMS}
    status = read_section(raw, "status", StatusParams, where)
    identity = read_section(raw, "identity", IdentityParams, where)
    return Weights(base=base, status=status, identity=identity, sections=sections)


def read_section(raw: dict[str, Any], name: str, kind: type[P], where: str) -> P:
    """Section ``name`` of ``raw`` as an instance of the dataclass ``kind``, validated."""
    assert is_dataclass(kind)
    section = raw.get(name)
    if not isinstance(section, dict):
        raise ConfigError(f"{_file(where, name)}: field '{name}': expected a mapping")
    names = [f.name for f in fields(kind)]
    unknown = sorted(str(k) for k in section if k not in names)
    if unknown:
        dotted = f"{name}.{unknown[0]}"
        raise ConfigError(
            f"{_file(where, dotted)}: field '{dotted}': unknown "
            f"(expected one of {', '.join(names)})"
        )
    hints = typing.get_type_hints(kind)
    values = {n: _value(section, n, hints[n], where, f"{name}.{n}") for n in names}
    return kind(**values)


def _value(section: dict[str, Any], key: str, kind: Any, given: str, dotted: str) -> Any:
    """The value of field ``key`` of a section, read as its declared ``kind`` by that kind's
    reader (``_READERS``); a missing field or a value of the wrong shape is an error naming
    the file and the dotted field."""
    where = _file(given, dotted)
    if key not in section:
        raise ConfigError(f"{where}: field '{dotted}': missing")
    for known, read in _READERS:
        if kind == known:
            return read(section[key], where, given, dotted)
    raise TypeError(f"no reader for {kind!r}")  # a programming error, caught by the tests


def _float_value(value: Any, where: str, given: str, dotted: str) -> float:
    return _number(value, where, dotted)


def _int_value(value: Any, where: str, given: str, dotted: str) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= 1000:
        raise ConfigError(f"{where}: field '{dotted}': expected a whole number 0-1000")
    return value


def _phrases_value(value: Any, where: str, given: str, dotted: str) -> Phrases:
    if (not isinstance(value, list) or len(value) > MAX_PHRASES
            or any(not isinstance(v, str) or not v.strip() or len(v) > MAX_PHRASE
                   or v != v.lower() for v in value)):
        raise ConfigError(
            f"{where}: field '{dotted}': expected a list of lower-case words or phrases "
            f"(at most {MAX_PHRASES}, each 1-{MAX_PHRASE} characters)"
        )
    return Phrases(tuple(" ".join(v.split()) for v in value))


def _speakers_value(value: Any, where: str, given: str, dotted: str) -> Speakers:
    if not isinstance(value, list) or any(v not in SPEAKERS for v in value):
        raise ConfigError(
            f"{where}: field '{dotted}': expected a list of {', '.join(SPEAKERS)}"
        )
    return tuple(value)


def _certainties_value(value: Any, where: str, given: str, dotted: str) -> Certainties:
    labels = [c.value for c in Certainty]
    if not isinstance(value, list) or any(v not in labels for v in value):
        raise ConfigError(
            f"{where}: field '{dotted}': expected a list of {', '.join(labels)}"
        )
    return Certainties(tuple(value))


def _kinds_value(value: Any, where: str, given: str, dotted: str) -> Kinds:
    if not isinstance(value, list) or any(v not in KINDS for v in value):
        raise ConfigError(
            f"{where}: field '{dotted}': expected a list of {', '.join(KINDS)}"
        )
    return Kinds(tuple(value))


def _aliases_value(value: Any, where: str, given: str, dotted: str) -> Aliases:
    if (not isinstance(value, dict) or len(value) > MAX_PHRASES or any(
            not isinstance(k, str) or k != k.lower() or not k.strip()
            or not isinstance(v, list) or any(
                not isinstance(w, str) or w != w.lower() or not w.strip()
                or len(w) > MAX_PHRASE for w in v)
            for k, v in value.items())):
        raise ConfigError(
            f"{where}: field '{dotted}': expected a mapping of lower-case names to lists "
            "of lower-case words they go by"
        )
    return Aliases(tuple((" ".join(k.split()), tuple(" ".join(w.split()) for w in v))
                         for k, v in value.items()))


def _per_label_value(value: Any, where: str, given: str, dotted: str) -> PerLabel:
    mapping = _per_label(value, where, dotted)
    return {k: _number(mapping[k], given, f"{dotted}.{k}") for k in SOURCING_KEYS}


def _prior_per_label_value(value: Any, where: str, given: str, dotted: str) -> PriorPerLabel:
    mapping = _per_label(value, where, dotted)
    return {k: _prior(mapping[k], given, f"{dotted}.{k}") for k in SOURCING_KEYS}


#: Each field kind of ``scoring.yaml``'s sections and its reader (value, the file and field
#: as an error names them, the file given, the dotted field), tried in order with ``==``.
_READERS: tuple[tuple[Any, Callable[[Any, str, str, str], Any]], ...] = (
    (float, _float_value), (int, _int_value), (Phrases, _phrases_value),
    (Speakers, _speakers_value), (Certainties, _certainties_value), (Kinds, _kinds_value),
    (Aliases, _aliases_value), (PerLabel, _per_label_value),
    (PriorPerLabel, _prior_per_label_value),
)


def _number(value: Any, where: str, dotted: str) -> float:
    where = _file(where, dotted)
    if (
        not isinstance(value, int | float)
        or isinstance(value, bool)
        or not math.isfinite(value)
        or abs(value) > MAX_WEIGHT
    ):
        raise ConfigError(
            f"{where}: field '{dotted}': expected a finite number between "
            f"-{MAX_WEIGHT:g} and {MAX_WEIGHT:g}"
        )
    return float(value)


def _per_label(value: Any, where: str, dotted: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise ConfigError(f"{where}: field '{dotted}': expected a mapping")
    for key in value:
        if key not in SOURCING_KEYS:
            raise ConfigError(
                f"{where}: field '{dotted}.{key}': unknown "
                f"(expected one of {', '.join(SOURCING_KEYS)})"
            )
    for key in SOURCING_KEYS:
        if key not in value:
            raise ConfigError(f"{where}: field '{dotted}.{key}': missing")
    return value


def _prior(value: Any, where: str, dotted: str) -> tuple[float, float]:
    where = _file(where, dotted)
    if (
        not isinstance(value, list)
        or len(value) != 2
        or not all(
            isinstance(v, int | float) and not isinstance(v, bool) and math.isfinite(v)
            and 0 < v <= 1e6
            for v in value
        )
    ):
        raise ConfigError(
            f"{where}: field '{dotted}': expected [confirmed, refuted], finite and > 0"
        )
    return (float(value[0]), float(value[1]))
