"""Independent corroboration: count the origins of a story's support, not the outlets.

Two reports are one origin when one is a copy of the other (near-duplicate text: MinHash
signatures of word shingles, ``verifier.scoring.signatures``, stored at ingest) or when a
report only passes on what another outlet said (it cites that outlet and adds no source of
its own). Named, on-record speakers and cited outlets are origins of their own, each counted
once however many reports quote them, provided a reader can tell who they are: a source the
registry knows, or words holding a proper name ("formal genetic analysis", "a report
surfaced" name nobody). An outlet that relays another ("Bloomberg reported, citing the
magazine Bilanz") is one origin with the outlet it relays: the one it cites.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Collection, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Protocol, cast

from verifier.memo import remembered
from verifier.rules.regex_gate import Gate, gate
from verifier.scoring.evidence import AttributionEvidence, ClaimEvidence, Words
from verifier.scoring.signatures import DUPLICATE_THRESHOLD, shingles, signature
from verifier.scoring.signatures import near_duplicate_groups as signature_groups
from verifier.vocab import NAME_KEY, UNNAMED_VIA, Speaker

__all__ = ["DUPLICATE_THRESHOLD", "Origin", "Searcher", "clear_searches", "doubting_reports",
           "identifiable",
           "independent_origins",
           "near_duplicate_groups", "outlets_set_aside", "pattern_gate", "relayed", "searched",
           "set_aside",
           "shingles"]

_WORD = re.compile(r"\w+")


class Searcher(Protocol):
    """What ``searched`` asks (hashable, for its memory): a compiled pattern, or words with
    an exception (``verifier.scoring.terms.RumourWords``)."""

    def search(self, text: str) -> re.Match[str] | None: ...

    def __hash__(self) -> int: ...


def searched(pattern: Searcher, text: str) -> re.Match[str] | None:
    """``pattern.search(text)``, remembered: an assessment asks the rumour pattern about each
    supporting statement up to five times (origins twice, own voice, the rumour term, the
    reliable source), and a rescore after ingest meets thousands of statements (a third of
    ``assess``'s time). A compiled pattern whose gate (``verifier.rules.regex_gate``: words
    one of which every match holds) turns the text away is not run.

    Remembered (``verifier.memo.remembered``) by the pattern's source and flags
    (``pattern_key``) and the text, not by the pattern: hashing a compiled pattern hashes its
    whole compiled code again at every look-up (1-10 us for the phrase lists of
    ``scoring.yaml``), and equal patterns have equal sources and flags."""
    # ``remembered`` and ``pattern_key`` written out: an assessment of a story of hundreds
    # of statements asks this tens of thousands of times
    key = ((pattern.pattern, pattern.flags) if isinstance(pattern, re.Pattern) else pattern,
           text)
    found = _SEARCHES.get(key, _UNSEEN)
    if found is not _UNSEEN:
        return cast("re.Match[str] | None", found)
    if len(_SEARCHES) >= _SEARCHES_KEPT:
        _SEARCHES.clear()
    match = _SEARCHES[key] = _search(pattern, text)
    return match


def pattern_key(pattern: Searcher) -> Hashable:
    """What a searcher is remembered by: a compiled pattern's source and flags (two compiled
    patterns are equal when these are), any other searcher itself."""
    if isinstance(pattern, re.Pattern):
        return pattern.pattern, pattern.flags
    return pattern


#: What ``searched`` found, by (``pattern_key``, text), emptied when this many are held.
_SEARCHES: dict[tuple[Hashable, str], re.Match[str] | None] = {}
_SEARCHES_KEPT = 4096
_UNSEEN = object()
#: The patterns whose gates (and the phrase lists whose patterns) are kept at once.
_SEARCHERS_KEPT = 512


def _search(pattern: Searcher, text: str) -> re.Match[str] | None:
    if isinstance(pattern, re.Pattern) and not pattern_gate(pattern).admits(text):
        return None
    return pattern.search(text)


def clear_searches() -> None:
    """Forget what ``searched`` remembers."""
    _SEARCHES.clear()


def pattern_gate(pattern: re.Pattern[str]) -> Gate:
    """A pattern's gate, read from its syntax once: ``admits(text)`` is False only when the
    pattern cannot match anywhere in ``text`` (kept by source and flags, as ``searched``
    keeps its searches)."""
    return remembered(_GATES, pattern_key(pattern), _SEARCHERS_KEPT, gate, pattern)


_GATES: dict[Hashable, Gate] = {}


@dataclass(frozen=True, slots=True)
class Origin:
    """One independent origin of support: ``kind`` is outlet, on-record or report."""

    key: str
    label: str
    kind: str
    evidence: Words

    def to_dict(self) -> dict[str, object]:
        return {
            "key": self.key,
            "label": self.label,
            "kind": self.kind,
            "evidence": self.evidence.to_dict(),
        }


def near_duplicate_groups(
    texts: Mapping[int, str], threshold: float = DUPLICATE_THRESHOLD
) -> dict[int, int]:
    """Map each id to the smallest id of its group of near-duplicate texts (signatures made
    now; stored articles have theirs already, see ``verifier.scoring.signatures``)."""
    return signature_groups({key: signature(text) for key, text in texts.items()}, threshold)


def taken_as_one(name: str, texts: Sequence[str]) -> str:
    """A party's name and, when its statements name it in other words, those words: which
    strings were taken as one party ("Gaston Browne (as 'Antigua's PM', 'the prime
    minister')"). Words holding the name ("Prime Minister Gaston Browne") are not shown."""
    named = " ".join(name.lower().split())
    seen = {named}
    others: list[str] = []
    for text in texts:
        norm = " ".join(text.lower().split())
        if norm not in seen and named not in norm:
            seen.add(norm)
            others.append(f"'{' '.join(text.split())}'")
    return f"{name} (as {', '.join(others)})" if others else name


def _normalise(words: str) -> str:
    return " ".join(_WORD.findall(words.lower()))


#: Source keys the registry did not give: derived from the words (``verifier.store.party_keys``).
_DERIVED_PREFIXES = (NAME_KEY, UNNAMED_VIA)


def identifiable(claim: ClaimEvidence, attribution: AttributionEvidence,
                 nameless: Collection[str], institutions: Collection[str] = (),
                 indefinite: Collection[str] = (), heading_letters: int = 0,
                 records: Collection[str] = (), issued: Collection[str] = ()) -> bool:
    """Whether a reader can tell who the source is: a registry source, words holding a
    proper name, or a definite description of a public institution ("the commerce
    ministry": the one of the article's country or city; ``institutions`` are the heads,
    ``identity.institution_heads``). A capital that only opens the sentence names nobody
    ("Formal genetic analysis showed ..."), unless the word stands alone ("Reuters reported
    ..."); nor does one of the ``nameless`` words (``identity.nameless_words``). Words that
    open on an indefinite determiner (``indefinite``, ``identity.indefinite_words``: "a
    senior analyst at a Washington think tank", "a Saudi official") describe someone left
    unnamed, whatever names qualify them. Anonymous sources (their record is kept per outlet:
    "unnamed sources via <outlet or title>") name nobody. A stored party's name counts as
    a name of its own only when it was resolved from other words ("The company" ->
    "Voltaro"): one that is only its words opens on a capital no more than they do ("Contrary
    to reports"), unless that word is a possessive, an acronym or a place before an
    institution's head (``_opening_name``). Nor do words all in capitals of
    at least ``heading_letters`` letters the registry does not know (a heading, a kicker or a
    dateline taken for a speaker: "UPDATE:", "BIGGER PICTURE:", "BAGHDAD -"). Words naming
    a public record (``records``, ``identity.record_words``: "a presidential decree published
    in the official gazette", "court documents") name one a reader can look up. Words
    whose head is what a body issues (``issued``, ``identity.issued_words``: "An RFU
    statement", "a statement from the Harbour Council") are that body's, named or not by the
    same tests, whatever determiner opens them."""
    key = attribution.source_key
    if key is not None and key.startswith(UNNAMED_VIA):
        return False  # anonymous, whatever the outlet or title its record is named after
    if key is not None and not key.startswith(_DERIVED_PREFIXES):
        return True
    # the rest reads the claim only for whether the source's words open the sentence: an
    # answer remembered by that and the words (a rescore asks of the same parties' words
    # thousands of times: a fifth of ``assess``'s time); lists (unhashable) are not kept
    opens = attribution.source_start <= claim.start + _opening(claim.text)
    asked = (key, attribution.source_name, attribution.source_text, opens, nameless,
             institutions, indefinite, heading_letters, records, issued)
    try:
        found = _IDENTIFIED.get(asked)
    except TypeError:
        return _identifiable(attribution, opens, nameless, institutions, indefinite,
                             heading_letters, records, issued)
    if found is None:
        if len(_IDENTIFIED) >= _IDENTIFIED_KEPT:
            _IDENTIFIED.clear()
        found = _IDENTIFIED[asked] = _identifiable(
            attribution, opens, nameless, institutions, indefinite, heading_letters, records,
            issued)
    return found


#: What ``identifiable`` answered, by the words and lists it read; emptied when this many
#: are held.
_IDENTIFIED: dict[tuple[object, ...], bool] = {}
_IDENTIFIED_KEPT = 8192


def _identifiable(attribution: AttributionEvidence, opens: bool, nameless: Collection[str],
                  institutions: Collection[str], indefinite: Collection[str],
                  heading_letters: int, records: Collection[str],
                  issued: Collection[str]) -> bool:
    """``identifiable`` of a source without a registry key (``opens``: its words open the
    sentence)."""
    if records and phrase_pattern(tuple(records)).search(attribution.source_text):
        return True
    words = (attribution.source_name or attribution.source_text).split()
    issuer = _issuer(words, issued, nameless)
    if issuer is not None:
        words, opens = issuer, False
    letters = [ch for ch in "".join(words) if ch.isalpha()]
    if heading_letters and len(letters) >= heading_letters and all(
            ch.isupper() for ch in letters):
        return False
    the, _, tail = _normalise(" ".join(words)).partition(" ")
    if the in indefinite:
        return False
    if the == "the" and any(tail == head or tail.endswith(" " + head) for head in institutions):
        return True
    # a name resolved from other words ("The company" -> "Voltaro") is the party's own; a
    # stored name that is only the words ("Contrary to reports") names no more than they do
    own_words = attribution.source_name is None or (
        _normalise(attribution.source_name) == _normalise(attribution.source_text))
    for number, word in enumerate(words):
        if not word[:1].isupper() or word.lower().strip(".,") in nameless:
            continue
        if (number == 0 and opens and len(words) > 1 and own_words
                and not _opening_name(word, tail, institutions)):
            continue
        return True
    return False


#: What joins an issued thing to the body that issued it ("a statement from the council").
_ISSUED_BY = frozenset({"from", "by", "of"})
#: A participle between an issued thing and its issuer ("a statement released by ...").
_ISSUING = frozenset({"released", "issued", "posted", "published", "sent", "signed"})


def _issuer(words: Sequence[str], issued: Collection[str],
            nameless: Collection[str]) -> list[str] | None:
    """The words naming the body that issued what a source's words name, when their head
    is one of ``issued`` ("statement", "press release"): the words before a last issued
    word, an opening ``nameless`` word dropped ("An RFU statement" -> "RFU"), else those
    after an issued word and "from", "by" or "of" ("a statement from the Orlenian Embassy"
    -> "the Orlenian Embassy"); None when the words name no issued thing or nothing beside
    it."""
    if not issued:
        return None
    low = [w.lower().strip(".,;:'’\"“”") for w in words]
    for size in (2, 1):
        for at in range(len(low) - size + 1):
            if " ".join(low[at:at + size]) not in issued:
                continue
            after = at + size
            if after < len(low) and low[after] in _ISSUING:
                after += 1  # "a statement issued by the council"
            elif after == len(low):
                before = list(words[1:at] if low[0] in nameless else words[:at])
                return before or None
            if after + 1 < len(low) and low[after] in _ISSUED_BY:
                return list(words[after + 1:])
    return None


def _opening_name(word: str, tail: str, institutions: Collection[str]) -> bool:
    """Whether a capitalised word opening the sentence and its source's words is a name
    all the same: a possessive ("Zimbabwe's government", "Coyotes' ownership"), letters all
    in capitals ("PIF boss"), or a place before an institution's head ("Greek government",
    "Dallas police"); not "Contrary to reports", "Test results"."""
    letters = [ch for ch in word if ch.isalpha()]
    return (word.endswith(("'s", "’s", "s'", "s’")) or (len(letters) > 1 and all(
        ch.isupper() for ch in letters)) or any(
        tail == head or tail.endswith(" " + head) for head in institutions))


def statement_names(claim: ClaimEvidence, nameless: Collection[str]) -> frozenset[str]:
    """The names a statement tells of: its capitalised words outside its speakers' words
    (who says it is not what it is about: "Texas president Bill Powers denied reports that
    the university was pursuing Alabama coach Nick Saban" tells of Alabama and Nick Saban)
    and after its opening word (a capital there names nobody: "Earlier", "Reports"),
    lower-cased (any script's capitals: "Şimşek"), a possessive's "'s" dropped, but the
    ``nameless`` ones
    (``identity.nameless_words``: "Officials", "Tuesday") and single letters."""
    spans = [(a.source_start - claim.start, a.source_end - claim.start)
             for a in claim.attributions]
    opening = _opening(claim.text)
    found: set[str] = set()
    for match in _ANY_WORD.finditer(claim.text):
        if not match.group(0)[0].isupper() or match.start() <= opening or any(
                start <= match.start() < end for start, end in spans):
            continue
        word = _name_word(match.group(0))
        if len(word) > 1 and word not in nameless:
            found.add(word)
    return frozenset(found)


def statement_words(claim: ClaimEvidence) -> frozenset[str]:
    """Every word of a statement, as ``statement_names`` spells a name (lower-cased, a
    possessive's "'s" dropped): "entered the transfer portal" holds "Transfer Portal"."""
    return frozenset(_name_word(w) for w in _ANY_WORD.findall(claim.text))


_ANY_WORD = re.compile(r"(?<![\w'’])\w[\w'’&.-]*")


def _name_word(word: str) -> str:
    return re.sub(r"['’]s$", "", word.rstrip(".,'’-&")).lower()


def phrase_pattern(phrases: Sequence[str]) -> re.Pattern[str]:
    """Whole-word, case-blind alternatives of ``phrases`` (longest first); an apostrophe
    matches a typographic one too ("wasn't", "wasn’t").

    A tuple met before (the same object: the weights' lists, asked for every statement) is
    answered by its id without hashing its phrases again; the tuple is held with its
    pattern, so its id is not reused while remembered. Others are remembered by value."""
    if type(phrases) is tuple:
        return remembered(_BY_TUPLE, id(phrases), _SEARCHERS_KEPT, _held, phrases)[1]
    return _phrase_pattern(tuple(phrases))


_BY_TUPLE: dict[int, tuple[tuple[str, ...], re.Pattern[str]]] = {}
_PHRASE_PATTERNS: dict[tuple[str, ...], re.Pattern[str]] = {}


def _held(phrases: tuple[str, ...]) -> tuple[tuple[str, ...], re.Pattern[str]]:
    return phrases, _phrase_pattern(phrases)


def _phrase_pattern(phrases: tuple[str, ...]) -> re.Pattern[str]:
    return remembered(_PHRASE_PATTERNS, phrases, 32, _compile_phrases, phrases)


def _compile_phrases(phrases: tuple[str, ...]) -> re.Pattern[str]:
    alternatives = "|".join(
        r"\s+".join(re.escape(w).replace("'", "['’]") for w in p.split())
        for p in sorted(sorted(phrases), key=len, reverse=True))
    return re.compile(rf"(?<![\w'’])(?:{alternatives})(?![\w'’])", re.IGNORECASE)


def unopened(phrases: Sequence[str]) -> str:
    """``phrase_pattern``'s alternation without the word boundary it opens with (it still
    closes with one), for a pattern that puts its own lookbehinds before the phrases or
    joins them after other words."""
    return phrase_pattern(phrases).pattern.removeprefix("(?<![\\w'’])")


def not_right_after(word: str) -> str:
    """A lookbehind: not right after ``word`` and a space (the whole word; "n't" ends one)."""
    start = "" if word[:1] == "n" and word[1:2] in ("'", "’") else r"\b"
    return rf"(?<!{start}{re.escape(word)}\s)"


def words_apart(most: int) -> str:
    """White space and at most ``most`` words between two parts of a pattern (fewest
    first)."""
    return rf"\s+(?:[\w'’&-]+\s+){{0,{most}}}?"


def _opening(text: str) -> int:
    """Where the sentence's first word starts (after quotation marks and the like)."""
    found = re.search(r"\w", text)
    return found.start() if found else 0


def relayed(claim: ClaimEvidence, attributions: Sequence[AttributionEvidence],
            relay_cues: Collection[str], credit_words: Collection[str] = (),
            receiving_cues: Collection[str] = ()) -> set[int]:
    """Indexes of the media attributions that vouch for nothing of the statement's own
    (``set_aside``)."""
    return set(set_aside(claim, attributions, relay_cues, credit_words, receiving_cues))


#: Why ``set_aside`` sets an outlet aside, as a reader sees it.
RELAYS, CREDITS, RECEIVED = "relays another source", "credits a picture", "received a statement"


def set_aside(claim: ClaimEvidence, attributions: Sequence[AttributionEvidence],
              relay_cues: Collection[str], credit_words: Collection[str] = (),
              receiving_cues: Collection[str] = ()) -> dict[int, str]:
    """The media attributions that vouch for nothing of the statement's own, by index, with
    why: those that only relay another source in the same sentence (a relay cue, "citing",
    "according to", stands between the outlet and the next source: "Bloomberg reported,
    citing Bilanz"; "Reuters reported, citing people familiar with the matter": the people
    are the source, whoever they are); picture credits (one of ``credit_words`` and a colon
    before the outlet, or a slash after the word in its words: "(Picture: Getty)",
    "Photograph: Jo Bloggs/The Herald", "AAP Image/Jo Bloggs"; or an outlet after a slash
    that ends the sentence, the guide's caption credit: "... Tuesday. / Yonhap"): they
    vouch for a picture;
    and outlets that only received the statement of another source of the sentence (their
    cue is one of ``receiving_cues``: "sources told ESPN", "Yoshio Tamura told Bloomberg",
    "in a statement to CNN"): whoever told them is the source."""
    if not any(a.speaker == Speaker.MEDIA for a in attributions):
        return {}
    found = {n: CREDITS for n, a in enumerate(attributions)
             if a.speaker == Speaker.MEDIA and _credit(claim, a, tuple(credit_words))}
    receiving = _normalised_set(tuple(receiving_cues))
    if receiving and len(attributions) > 1:
        for n, a in enumerate(attributions):
            if (a.speaker == Speaker.MEDIA and n not in found
                    and " ".join(a.cue_text.lower().split()) in receiving):
                found[n] = RECEIVED
    pattern = _relay_pattern(tuple(relay_cues))
    ordered = sorted((a.source_start, n) for n, a in enumerate(attributions))
    for (_, n), (next_start, _) in itertools.pairwise(ordered):
        if pattern is None or attributions[n].speaker != Speaker.MEDIA or n in found:
            continue
        between = claim.text[max(attributions[n].source_end - claim.start, 0):
                             max(next_start - claim.start, 0)].lower()
        if pattern.search(between):
            found[n] = RELAYS
    return found


@lru_cache(maxsize=16)
def _normalised_set(phrases: tuple[str, ...]) -> frozenset[str]:
    return frozenset(" ".join(p.lower().split()) for p in phrases)


@lru_cache(maxsize=16)
def _relay_pattern(cues: tuple[str, ...]) -> re.Pattern[str] | None:
    if not cues:
        return None
    return re.compile("|".join(rf"\b{re.escape(cue)}\b" for cue in cues))


@lru_cache(maxsize=16)
def _credit_patterns(words: tuple[str, ...]) -> tuple[re.Pattern[str], re.Pattern[str]]:
    alternatives = "|".join(re.escape(w) for w in words)
    return (re.compile(rf"\b(?:{alternatives})s?\s*:\s*$", re.IGNORECASE),
            re.compile(rf"\b(?:{alternatives})\s*/", re.IGNORECASE))


def outlets_set_aside(claims: Sequence[ClaimEvidence], relay_cues: Collection[str],
                      credit_words: Collection[str] = (),
                      receiving_cues: Collection[str] = ()) -> tuple[tuple[str, str, Words], ...]:
    """The outlets of the statements supporting the event that ``set_aside`` left out of the
    origins and the strongest source, once each: who, why, and their words (the reader sees
    them, so can disagree)."""
    found: dict[str, tuple[str, str, Words]] = {}
    for claim in claims:
        if not claim.supports:
            continue
        asserting = claim.asserting
        for n, why in set_aside(claim, asserting, relay_cues, credit_words,
                                receiving_cues).items():
            a = asserting[n]
            label = a.source_name or a.source_text
            found.setdefault(a.source_key or _normalise(label), (label, why, claim.words(
                a.source_start, a.source_end, a.source_text)))
    return tuple(found.values())


def _credit(claim: ClaimEvidence, attribution: AttributionEvidence,
            credit_words: tuple[str, ...]) -> bool:
    if not credit_words:
        return False
    label, slash = _credit_patterns(credit_words)
    before = claim.text[:max(attribution.source_start - claim.start, 0)]
    return bool(label.search(before) or slash.search(attribution.source_text)
                or (before.rstrip().endswith("/") and claim.text[
                    attribution.source_end - claim.start:].strip(" .)|") == ""))


def independent_origins(
    claims: Sequence[ClaimEvidence], origin_speakers: Collection[str],
    relay_cues: Collection[str] = (), rumour: Searcher | None = None,
    nameless: Collection[str] = (), institutions: Collection[str] = (),
    indefinite: Collection[str] = (), credit_words: Collection[str] = (),
    receiving_cues: Collection[str] = (), heading_letters: int = 0,
    doubted: Collection[str] = (), records: Collection[str] = (),
    anonymous_reports: bool = True, issued: Collection[str] = (),
) -> tuple[Origin, ...]:
    """The distinct origins behind the claims that support a story, in order of appearance.

    - each source whose speaker kind is one of ``origin_speakers`` (``scoring.yaml``: cited
      outlets and on-record speakers) and that a reader can identify (``identifiable``) is an
      origin (``nameless`` words name nobody; ``institutions``, ``indefinite``: see
      ``identifiable``),
      identified by its resolved source, else by its words; an outlet that relays
      another in the same sentence (``relay_cues`` between them) or credits a picture
      (``credit_words``: see ``relayed``) is not one of its own;
    - when more than one report carries the story, each report (copies already share one
      carrier) is an origin too when it has reporting of its own: a statement in its own
      voice or, with ``anonymous_reports``, from its own anonymous sources (without it, a
      report telling the story only through its anonymous sources adds no origin, as they
      add none: a reader cannot tell one outlet's "people familiar" from another's). A
      report that only quotes parties or cites outlets (each already an origin, counted
      once) adds none: five reports of one statement by Voltaro are one origin, Voltaro;
    - unnamed sources and hearsay add no origin: a reader cannot tell them apart;
    - a statement that calls the event a rumour (``rumour`` matches it) passes the rumour on
      and vouches for nothing: its sources are no origins, and a report holding one is no
      origin of its own;
    - nor is a report in ``doubted`` (``doubting_reports``: it tells of a denial or of what
      is not known), though the parties it quotes are.
    """
    supporting = [c for c in claims if c.supports]
    rumoured = {c.carrier for c in supporting
                if rumour is not None and searched(rumour, c.text) is not None}
    supporting = [c for c in supporting if c.carrier not in rumoured
                  or rumour is None or searched(rumour, c.text) is None]
    origins: dict[str, Origin] = {}
    texts: dict[str, list[str]] = {}  # the words each party's statements name it by
    for claim in supporting:
        asserting = claim.asserting
        relays = relayed(claim, asserting, relay_cues, credit_words, receiving_cues)
        for number, attribution in enumerate(asserting):
            if (attribution.speaker in origin_speakers and number not in relays
                    and identifiable(claim, attribution, nameless, institutions,
                                     indefinite, heading_letters, records, issued)):
                key = attribution.source_key or (
                    f"{attribution.speaker}:{_normalise(attribution.source_text)}"
                )
                if key == claim.carrier:
                    continue
                label = attribution.source_name or attribution.source_text
                kind = "outlet" if attribution.speaker == Speaker.MEDIA else "on-record"
                words = claim.words(
                    attribution.source_start, attribution.source_end, attribution.source_text
                )
                origins.setdefault(key, Origin(key, label, kind, words))
                texts.setdefault(key, []).append(attribution.source_text)
    for key, said in texts.items():  # which strings were taken as one party
        origin = origins[key]
        origins[key] = replace(origin, label=taken_as_one(origin.label, said))
    for carrier, first in _own_reports(supporting, anonymous_reports).items():
        if carrier in rumoured or carrier in doubted:
            continue
        origins.setdefault(carrier, Origin(carrier, first.carrier_name, "report",
                                           first.sentence_words()))
    return tuple(origins.values())


def doubting_reports(claims: Sequence[ClaimEvidence],
                     doubt: re.Pattern[str] | None,
                     anonymous_reports: bool = True) -> dict[str, Words]:
    """The reports (carriers) among those with reporting of their own on the story (see
    ``independent_origins``) holding a statement with ``doubt`` words (``own_voice.doubt_words``:
    "denied", "not immediately clear"), each with the first such words: a report telling of a
    denial or of what is not known does not vouch for the event as an origin of its own."""
    if doubt is None:
        return {}
    reporting = _own_reports([c for c in claims if c.supports], anonymous_reports)
    found: dict[str, Words] = {}
    for claim in claims:
        if claim.carrier in reporting and claim.carrier not in found:
            match = searched(doubt, claim.text)
            if match is not None:
                found[claim.carrier] = claim.words(claim.start + match.start(),
                                                   claim.start + match.end(), match.group(0))
    return found


def _own_reports(supporting: Iterable[ClaimEvidence],
                 anonymous: bool = True) -> dict[str, ClaimEvidence]:
    """Reports that carry the story with reporting of their own (a statement in their own
    voice or, with ``anonymous``, from their own anonymous sources), when there is more than
    one report."""
    kinds = (Speaker.UNNAMED, Speaker.UNNAMED_OFFICIAL) if anonymous else ()
    by_carrier: dict[str, list[ClaimEvidence]] = {}
    for claim in supporting:
        by_carrier.setdefault(claim.carrier, []).append(claim)
    if len(by_carrier) < 2:
        return {}
    own: dict[str, ClaimEvidence] = {}
    for carrier, claims in by_carrier.items():
        first = next((c for c in claims if not c.attributions or any(
            a.speaker in kinds for a in c.asserting)), None)
        if first is not None:
            own[carrier] = first
    return own
