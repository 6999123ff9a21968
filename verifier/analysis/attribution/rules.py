"""The attribution lexicons compiled once: frames, hearsay, refusals, denials, descriptors.

Rules live in ``data/lexicons/attribution_frames.yaml`` and ``attribution_speakers.yaml``.
This module knows the closed set of rule types and turns the rule mappings into a few
combined regular expressions: one alternation finds every cue of a sentence in one pass.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from typing import Any, Literal

from verifier.analysis.attribution.verbs import VerbsRule, compose
from verifier.analysis.results import Stance
from verifier.errors import ConfigError
from verifier.rules.alternation import Alternation, KeyedAlternation, WordAlternation
from verifier.rules.lexicon import load_data, rule_where
from verifier.rules.reach import word_reach
from verifier.rules.regex_gate import Gate, first_class, gate, prefixes
from verifier.rules.schema import Examples, Pattern, load_rules
from verifier.rules.trie import substring_trie
from verifier.vocab import KINDS, SpeakerName, StanceName

FRAMES = "attribution_frames"
SPEAKERS = "attribution_speakers"

#: The labels an attribution example may state (plus "unattributed").
EXAMPLE_LABELS = frozenset({*KINDS, "unattributed"})

#: Where a frame finds its speaker; each is a small strategy in ``plan`` (tried in this order):
#: ``inverted`` the words after a quote tag (`"...," said X`), ``left`` the subject before the
#: cue, ``between`` the words between the cue and the rule's ``until`` verb ("a charge they
#: deny"), ``right`` the words after the cue ("according to X"), ``object`` a news
#: organisation after the cue ("told Reuters"), ``cue`` the cue's own words ("reportedly").
Look = Literal["inverted", "left", "between", "right", "object", "cue"]
LOOK_ORDER: tuple[Look, ...] = ("inverted", "left", "between", "right", "object", "cue")

#: What a descriptor word class does (each a strategy in ``speakers``): ``pronoun`` and
#: ``backref`` take an earlier speaker; ``source`` an anonymous source; ``media`` a news
#: organisation; ``study`` a piece of work; ``group`` an anonymous group; ``role`` an official
#: role; ``title`` an office; ``agent`` one who speaks on the record for a party (a
#: spokesperson, a representative: their words are the party's own); ``expert`` an independent
#: person; ``organisation`` an independent body; ``institution`` an official body.
Role = Literal["pronoun", "backref", "source", "media", "study", "group", "role", "title",
               "agent", "expert", "organisation", "institution"]
#: The carried-over roles: they name no speaker of their own.
CARRIED_ROLES = frozenset({"pronoun", "backref"})


# -- the schemas: one frozen dataclass per rule type; every key of a rule is a field ----------
@dataclass(frozen=True, slots=True)
class FrameRule:
    """A reporting frame ("said", "declined to comment", "according to")."""

    id: str
    type: Literal["frame"]
    pattern: Pattern
    examples: Examples
    stance: StanceName = "asserts"
    #: where the speaker's words are (see ``Look``)
    speaker_at: tuple[Look, ...] = ("left",)
    #: for ``between``: the verb that ends the speaker's words
    until: Pattern | None = None
    #: for ``between``: the ``until`` verb is the cue, not the pattern's words ("which X
    #: considers": "considers"; the pattern only opens the clause)
    until_is_cue: bool = False
    #: for ``left``: what the subject must hold ("Court records show", not "the leader showed")
    subject: Pattern | None = None
    #: for ``right``: the words may run on over an appositive (", a Y at Z")
    appositive: bool = False
    #: whether an untagged quotation in the next sentence goes on in this speaker's voice
    carries_speaker: bool = True
    #: the kind of a speaker named only by a proper name that neither the registry nor the
    #: article describes (a name that "reported" something is a news organisation); None
    #: keeps the name's own kind
    name_kind: SpeakerName | None = None
    #: the same for the cue's object only (``object``: the one told or written to); the
    #: speaker before the cue keeps its own kind
    object_name_kind: SpeakerName | None = None
    #: for ``object``: the words told follow the one told ("told Reuters (that) it would not
    #: comment"): a subject there ("it") opens the frame's reported clause, the teller's
    #: words, not a speaker of its own, and is never read with the one told ("reporters he")
    reported_after_object: bool = False
    #: only where no word can be read from the pattern: words every match holds
    keywords: tuple[str, ...] = ()
    #: the kind when the speaker is the publishing outlet itself ("this newspaper
    #: understands": its own unnamed sources); None: the outlet itself is no source
    own_outlet: SpeakerName | None = None
    #: words that, right before a cue ending in "-ed", make it a participle modifying a noun
    #: ("the alleged poisoning", "an estimated £55 million"): no frame there ("the claims
    #: of ..." is no participle)
    participle_not_after: tuple[str, ...] = ()
    #: for ``right``: the kind of words after the cue that no descriptor rule classifies
    #: ("according to complete but unofficial returns", "according to his Facebook profile":
    #: guide 2, whoever published it, unnamed when the words do not say); None: such words
    #: give no attribution
    unclassified: SpeakerName | None = None
    #: for ``right``: right after another speaker's tag ("..., Arab News reported, citing X"),
    #: the words that tag reports are X's: X takes their denial or refusal, and the teller
    #: only tells them (asserts)
    cited_words: bool = False
    #: the frame reads a state of mind ("wants to", "intends to", "is considering"): nobody
    #: hears it but through someone, so when the same sentence names an anonymous teller (a
    #: source's words, "people familiar with ...", "reportedly") the state is the teller's
    #: claim about the party, no words of the party's own ("X is considering Y, according to
    #: sources": the sources alone)
    inner_state: bool = False
    #: words that open a clause of time or circumstance ("when", "since", "as"): a cue whose
    #: clause one of them opens, within seven words before it and no punctuation between, is
    #: the reporter's background ("since the prince first announced his intention to sell"),
    #: no frame
    not_in_clause: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class HearsayRule:
    """Hearsay with no source ("reportedly", "is said to"): the cue words are the source."""

    id: str
    type: Literal["hearsay"]
    pattern: Pattern
    examples: Examples
    speaker: SpeakerName = "unnamed"
    stance: StanceName = "asserts"
    carries_speaker: bool = False
    keywords: tuple[str, ...] = ()
    #: the phrase counts only in a sentence where a frame takes one of these stances ("denied
    #: claims of a rift": the claims a party denies are hearsay; "claims of a rift" alone may
    #: be the reporter's own account); empty: anywhere
    only_with: tuple[StanceName, ...] = ()
    #: the phrase counts inside a quotation too, when the sentence tags the quotation's speaker
    #: ('"Rumours of a coup are circulating," the minister said': the rumours are hearsay
    #: besides the minister's words); false: a quotation's words are its speaker's alone
    in_quotation: bool = False


@dataclass(frozen=True, slots=True)
class PassiveRule:
    """A non-confirmation with no agent ("could not be verified"): the phrase is the source."""

    id: str
    type: Literal["passive"]
    pattern: Pattern
    examples: Examples
    speaker: SpeakerName = "unnamed"
    stance: StanceName = "declines"
    carries_speaker: bool = False
    keywords: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ContentRule:
    """What a speaker's own words do: refuse ("no comment") or deny ("not true")."""

    id: str
    type: Literal["content"]
    pattern: Pattern
    stance: StanceName
    examples: Examples
    keywords: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class PatternRule:
    """One of the single-pattern rules: ``split`` (a speaker who also asserts), ``headline``
    (a shorthand tag "...: sources"), ``headline_credit`` (a news organisation credited at the
    end of a headline, "... - CNBC": its first group), ``continuation`` (an untagged
    quotation), ``report_object`` (the report a party answers),
    ``claim_object`` (the author of a claim a party answers: the pattern's first group that
    takes part), ``introduced_quote`` (the colon before a quotation whose speaker is the
    subject of the clause before it), ``interview`` (a question paragraph of an interview
    with no speaker labels: the paragraphs after it are the interviewee's answer) and
    ``signature`` (an author's name signing the words before it: its first group signs any
    words, its second only words in the first person) and ``document`` (a heading naming a
    document of a speaker's words, ending with a colon: the first group that takes part is
    the speaker) and ``rumour_object`` (a rumour a party denies, named with no source of its
    own: hearsay, ``unnamed``) and ``stance_split`` (a clause boundary in a speaker's words
    after which a part counts only for a refusal or a denial it takes: ", but the rest of it
    isn't true"; the writer's own clause may follow it, ", but it is believed ...") and
    ``caption`` (a line naming a person, as a broadcaster's transcript prints the name shown
    on screen, right before a quoted paragraph with no tag of its own: its first group is the
    paragraph's speaker)."""

    id: str
    type: Literal["split", "headline", "headline_credit", "continuation",
                  "report_object", "claim_object", "introduced_quote", "interview",
                  "signature", "document", "rumour_object", "stance_split", "caption"]
    pattern: Pattern
    examples: Examples
    ignore_case: bool = True


@dataclass(frozen=True, slots=True)
class CreditRule:
    """A photo credit after a caption ("... / Yonhap", "(AP Photo/...)"): the pattern's first
    group that takes part is the credit, a ``media`` attribution of the caption (guide, Unit)
    when it names a news organisation."""

    id: str
    type: Literal["credit"]
    pattern: Pattern
    examples: Examples
    ignore_case: bool = True
    #: words that show a credit names a picture agency or a news organisation ("Getty",
    #: "Images", "Photo"), matched case-sensitively; a credit with none of them in which no
    #: part ("/", "via", a comma between) is a news organisation the registry knows or has a
    #: news name's shape ("Harbour Gazette") is a photographer's or a body's own ("Image: Ana
    #: Roe", "Credit: Harbour Gold"): no source. None: every credit is media.
    organisations: Pattern | None = None


@dataclass(frozen=True, slots=True)
class LabelRule:
    """A speaker label: a transcript line ("ROE: We will not attend.") or a headline
    "Mayor: bridge will reopen in May". The pattern's first group that takes part is the
    speaker; it is matched case-sensitively at the start of a sentence."""

    id: str
    type: Literal["label"]
    pattern: Pattern
    examples: Examples
    #: only in a headline (a line of its own with no closing punctuation)
    headline_only: bool = False
    #: the speaker holds the sentences after the label until the next label (a transcript)
    until_next_label: bool = False
    #: the kind of a person the label names and the article does not describe (a transcript
    #: is the record of a party speaking: official); None keeps the descriptor's own kind
    person: SpeakerName | None = None
    #: labels that name no source (the questioner, the moderator): they end the speaker's turn;
    #: a label that starts with one of them and a space names nobody either ("LIVE Transfer
    #: Talk:")
    not_speakers: tuple[str, ...] = ()
    #: with ``until_next_label``: a line that starts so ends the current turn without naming a
    #: speaker (a live blog's entry time "23.00 BST:"); matched ignoring case
    ends_turn: Pattern | None = None
    #: how many lines of the text this rule must label before a label counts: a transcript
    #: has turns, while a lone "TOP STORY:" line is a section label that names nobody
    min_turns: int = 1
    #: whether only lines whose label names a speaker (none of ``not_speakers``) count as
    #: turns ("Photo:" and "Source:" lines make no interview)
    turns_name_speakers: bool = False
    #: with ``until_next_label``: the speaker holds only the rest of the label's own line
    #: (an interview's answer), not the lines after it up to the next label
    turn_ends_with_line: bool = False
    #: with ``min_turns``: the turns must name some speaker twice (an interview's answerer
    #: speaks again; labels that each name something once are a list's headings, "Current
    #: Ownership: ...", "Distribution Rights: ...")
    speakers_return: bool = False
    #: whether a name no rule describes (a bare proper name: "Daejin:") counts when the article
    #: says nothing more of it; false: it counts only when the article describes it
    #: elsewhere, since a dateline ("Islamabad: On Friday, ...") names a place, no speaker
    undescribed_names: bool = True
    #: with ``min_turns``: in a headline, a label of at most this many words is read by the
    #: headline-only rules too, whose speaker counts when the text has too few turns (an
    #: acronym, "IMF: talks go on"); a longer label in capitals is a kicker ("HUGE LAYOFF
    #: REPORT:"); 0: never
    headline_words: int = 0


@dataclass(frozen=True, slots=True)
class NegationRule:
    """A negation that opens what a party says did not or will not happen ("has no plans
    to", "have not", "never"): the first content word after the match (within ``reach``
    words, before the next stop) is the negated event's head. It denies only an event another
    sentence of the article reports (hearsay, a news report, a denial or a refusal naming
    it): the head and one of its arguments shared with that report (the same verb and
    object: "would not sell the stadium" / "plans to sell its stadium"), or the head and the
    report's word in one ``event`` family."""

    id: str
    type: Literal["negation"]
    pattern: Pattern
    examples: Examples
    #: how many words after the negation the negated event's head may be
    reach: int = 4
    #: how many words after the head its arguments may be (the subject before the negation,
    #: in its clause, is one too); 0: a report holding the head alone will do
    argument_reach: int = 4


@dataclass(frozen=True, slots=True)
class EventRule:
    """A family of reported events told apart by their words ("resign", "quit", "step
    down"): a party's negation of any of them denies a report of any other ("I am not
    quitting" answers rumours that she will step down), and so do the ``counter`` words, a
    statement that the opposite holds ("I am staying", "he will remain in office")."""

    id: str
    type: Literal["event"]
    words: tuple[Pattern, ...]
    examples: Examples
    counter: tuple[Pattern, ...] = ()


@dataclass(frozen=True, slots=True)
class DescriptorRule:
    """A word class of source descriptors and the speaker kind it gives."""

    id: str
    type: Literal["descriptor"]
    role: Role
    words: tuple[Pattern, ...]
    #: the kind it gives ("carried": an earlier speaker's)
    speaker: Literal["official", "named", "media", "unnamed_official", "unnamed", "carried"]
    examples: Examples
    #: the kind when the descriptor names nobody in particular ("a lawyer", "an official")
    anonymous: SpeakerName | None = None
    #: the kind of a personal name described by these words ("Jane Roe, a lawyer")
    with_name: SpeakerName | None = None
    #: for a body's words: the kind when an indefinite article opens them and no proper
    #: name says which body it is ("a cybersecurity firm", "a research group based in
    #: Oslo"): a body named by nobody's name is nobody in particular
    indefinite: SpeakerName | None = None
    #: whether the words are a title before a name ("Foreign Minister Jane Roe")
    title: bool = False
    #: the kind when a person's possessive owns the words ("her lawyer", "Roe's team"): the
    #: party's own voice on the record
    owned: SpeakerName | None = None
    #: whether "of" and a named owner after the words own them as a possessive does (``owned``
    #: then gives the kind): "the youngest daughter of Tom Vale" is "Tom Vale's daughter"
    owned_of: bool = False
    #: the kind when "for" and the party follow the words ("a spokesperson for the BBC", "a
    #: lawyer for the family"): one who speaks for a party on the record, the party's own voice
    speaks_for: SpeakerName | None = None
    #: the kind when a surname stands right before the words ("the Ogden family", "the
    #: founding Ito family"): a family by its name speaks for itself as a party
    surnamed: SpeakerName | None = None
    #: the kind when the proper name of the party it works for stands right before the words
    #: ("an Orrick spokeswoman", "a BLM spokesperson"): as with ``speaks_for``, the party's
    #: own voice on the record
    party_before: SpeakerName | None = None
    #: the kind, instead of ``speaks_for`` / ``party_before``, when no personal name goes
    #: with the words ("a Harbourline spokeswoman", "a spokesperson for the airline"): an
    #: unnamed person speaking for a body (corpus convention 2); named ("Harbourline
    #: spokeswoman Ana Ruiz") the party's voice stays ``speaks_for`` / ``party_before``
    nameless: SpeakerName | None = None
    #: the kind of a named person the words describe after one of the file's
    #: ``former_words`` ("former director Jane Roe"): no longer holds the office
    former: SpeakerName | None = None
    #: of the words (pronouns only), those that outside a quotation are the writer or the
    #: publisher ("we reported", "I think"): no source
    narrator: tuple[str, ...] = ()


#: The strategies of a name its own sentence does not describe (``speakers``): ``person`` a
#: personal name ("Wael Sawan"), ``proper_name`` a bare proper name ("Daejin", "Marca"),
#: ``party_tag`` a personal name with a party's tag in capitals after it ("Ana Ruiz, SNP").
NameRole = Literal["person", "proper_name", "party_tag"]
#: What the rest of an article may say about such a name (each a strategy of ``memory``):
#: ``described`` another mention with a title, a role or an appositive ("chief executive Wael
#: Sawan", "Ron Suskind, author of ..."), anywhere in the article; ``possesses`` the name's
#: possessive before one of the rule's ``words`` ("Johnson's government", "Roe's lawyer");
#: ``acronym`` an acronym the article spells out ("the Harbour Fans' Association (HFA)");
#: ``collective`` the name as the whole subject of one of the rule's ``words``, a plural verb
#: ("Harbour United have signed ..."): a body, not one person; ``named_after`` the office of
#: the nameless speaker just before the name's first mention; ``holds`` an office another
#: mention's sentence says the name holds or takes up ("Harbour United confirmed Tom Vale will
#: take over as manager", "announced Tom Vale as the club's new head coach"); ``referred_to``
#: a definite office that opens a later sentence as its subject with nobody else named since
#: the name ("Vaughan Gething denied ... In a heated exchange, the first minister raised ...");
#: ``modifies`` the whole name with no possessive right before one of the rule's ``words``, a
#: noun it modifies ("Harbour Farms products", "Harbour Underground managing director"): what
#: only a body has, so a body speaking for itself.
EvidenceStrategy = Literal["described", "possesses", "acronym", "collective", "named_after",
                           "holds", "referred_to", "reports", "modifies"]


@dataclass(frozen=True, slots=True)
class NameRule:
    """The kind of a speaker named only by a name (no title, role or registry entry)."""

    id: str
    type: Literal["name"]
    role: NameRole
    speaker: SpeakerName
    examples: Examples
    #: ``speaker`` is a fallback: the kind when nothing in the article shows what the name's
    #: bearer is (no title, role or appositive at any mention, no office held, no evidence
    #: rule). Every such label says so in its reason, with these words ("no office evidence:
    #: ..."), so a reader can tell a guess from a kind the article showed
    reason: str
    #: a one-word name capitalised only because it opens its sentence (or a clause after a
    #: colon or a dash), which the article never capitalises inside a sentence, is a common
    #: word and names nobody when the article also writes it in lower case or it ends with
    #: one of these endings ("Unverified", "Controversies"); empty: every name is a name
    common_endings: tuple[str, ...] = ()
    #: the kind such a common word gives as a source: it names nobody in particular
    #: ("Unverified reports" cut to "Unverified"); None: no source at all
    anonymous: SpeakerName | None = None


@dataclass(frozen=True, slots=True)
class EvidenceRule:
    """What the rest of the article says about a name its own sentence does not describe."""

    id: str
    type: Literal["evidence"]
    strategy: EvidenceStrategy
    examples: Examples
    #: for ``possesses``: the words the name's possessive must come before; for
    #: ``collective``: the verbs that must follow the name (matched case-sensitively); for
    #: ``reports``: what only a news organisation is the subject or owner of after the name;
    #: for ``modifies``: the nouns the whole name modifies (matched case-sensitively)
    words: tuple[Pattern, ...] = ()
    #: for ``possesses``, ``collective`` and ``modifies``: the kind the name then has
    kind: SpeakerName | None = None


FRAME_SCHEMAS = {
    "frame": FrameRule, "hearsay": HearsayRule, "passive": PassiveRule, "content": ContentRule,
    "label": LabelRule, "negation": NegationRule, "event": EventRule,
    "credit": CreditRule, "verbs": VerbsRule,
    **{t: PatternRule for t in ("split", "headline", "headline_credit", "continuation",
                                "report_object", "claim_object", "introduced_quote",
                                "interview", "signature", "document", "rumour_object",
                                "stance_split", "caption")},
}
SPEAKER_SCHEMAS = {"descriptor": DescriptorRule, "name": NameRule, "evidence": EvidenceRule}


# -- the compiled form -------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Cue:
    """One scanned rule compiled: a reporting frame, a hearsay phrase or an agentless refusal."""

    id: str
    stance: Stance
    look: tuple[Look, ...]
    #: for ``cue``: the speaker kind of the cue's own words
    speaker: str
    carries: bool
    #: the pattern on whole words of lower-cased text
    pattern: re.Pattern[str]
    until: re.Pattern[str] | None = None
    #: ``FrameRule.until_is_cue``
    until_is_cue: bool = False
    subject: re.Pattern[str] | None = None
    appositive: bool = False
    #: what every match starts with (None: not known), tested before the pattern is tried
    starts: tuple[str, ...] | None = None
    #: how many runs of white space a match crosses at most before one of the rule's words
    #: (``verifier.rules.reach``; None: not known)
    reach: int | None = None
    #: the kind of a speaker named by an undescribed proper name (``FrameRule.name_kind``)
    name_kind: str | None = None
    #: ... for the cue's object only (``FrameRule.object_name_kind``)
    object_name_kind: str | None = None
    #: the reported clause follows the cue's object (``FrameRule.reported_after_object``)
    reported_after_object: bool = False
    #: a hearsay phrase counts only beside a frame of one of these stances
    #: (``HearsayRule.only_with``); empty: anywhere
    only_with: frozenset[str] = frozenset()
    #: a hearsay phrase counts inside a tagged quotation too (``HearsayRule.in_quotation``)
    in_quotation: bool = False
    #: the kind of the publishing outlet as the speaker (``FrameRule.own_outlet``)
    own_outlet: str | None = None
    #: words right before a cue ending in "-ed" that make it no frame
    #: (``FrameRule.participle_not_after``)
    participle_not_after: frozenset[str] = frozenset()
    #: the kind of right-hand words no descriptor rule classifies (``FrameRule.unclassified``)
    unclassified: str | None = None
    #: the cited party takes the stance of the words the tag before it reports
    #: (``FrameRule.cited_words``)
    cited_words: bool = False
    #: a state of mind an anonymous teller of the sentence tells (``FrameRule.inner_state``)
    inner_state: bool = False
    #: words opening a clause in which the cue is background (``FrameRule.not_in_clause``)
    not_in_clause: frozenset[str] = frozenset()

    def looks(self, where: Look) -> bool:
        return where in self.look


@dataclass(frozen=True, slots=True)
class Single:
    """A single-pattern rule compiled."""

    id: str
    pattern: re.Pattern[str]
    gate: Gate


@dataclass(frozen=True, slots=True)
class Credit:
    """The photo-credit rule compiled."""

    id: str
    pattern: re.Pattern[str]
    gate: Gate
    #: words that show a credit names a picture agency or a news organisation (None: any
    #: credit is one)
    organisations: re.Pattern[str] | None


@dataclass(frozen=True, slots=True)
class Label:
    """A speaker-label rule compiled."""

    id: str
    pattern: re.Pattern[str]
    headline_only: bool
    holds: bool
    person: str | None
    not_speakers: frozenset[str]
    ends_turn: re.Pattern[str] | None = None
    min_turns: int = 1
    turns_name_speakers: bool = False
    turn_ends_with_line: bool = False
    undescribed_names: bool = True
    speakers_return: bool = False
    headline_words: int = 0

    def names_nobody(self, words: str) -> bool:
        """Whether the label's words name no source (the questioner, a section label)."""
        upper = words.upper()
        return upper in self.not_speakers or upper.split(" ", 1)[0] in self.not_speakers


@dataclass(frozen=True, slots=True)
class Negation:
    """A negation rule compiled (on lower-cased text)."""

    id: str
    pattern: re.Pattern[str]
    reach: int
    argument_reach: int


@dataclass(frozen=True, slots=True)
class Event:
    """An event family compiled: its words, and its counter statements (on lower-cased
    text)."""

    id: str
    words: re.Pattern[str]
    counter: re.Pattern[str] | None


@dataclass(frozen=True, slots=True)
class Gates:
    """Cheap tests run before patterns that most sentences fail."""

    self_reference: Gate
    #: The name word alone: a text without one has no media name (found much faster).
    media_name: re.Pattern[str]


#: A trie node: the children by character, and the rules of the word ending there.
_Node = tuple[dict[str, "_Node"], frozenset[int]]


class Triggers:
    """Which scanned rules a text may fire: the words the compile step read from each rule's
    pattern (a rule none of whose words occurs cannot match). Each token of the text is looked
    up once per process: the rules whose words occur inside it."""

    def __init__(self, words: dict[str, set[int]]) -> None:
        self.words = words
        inner = {w: ids for w, ids in words.items() if _TOKEN.fullmatch(w)}
        #: the one-token words as a trie: each node's children by character, and the rules of
        #: the word that ends there
        self._trie: _Node = ({}, frozenset())
        for word, ids in inner.items():
            node = self._trie
            for char in word:
                child = node[0].get(char)
                if child is None:
                    child = node[0][char] = ({}, frozenset())
                node = child
            parent = self._trie
            for char in word[:-1]:
                parent = parent[0][char]
            parent[0][word[-1]] = (node[0], frozenset(ids))
        #: words that reach beyond one token ("in a statement"): tested on the whole text
        self._spanning = tuple((w, frozenset(ids)) for w, ids in words.items() if w not in inner)
        self._memo: dict[str, frozenset[int]] = {}
        self._silent: set[str] = set()

    def _token(self, token: str) -> frozenset[int]:
        rules = self._memo.get(token)
        if rules is None:
            if len(self._memo) > 200_000:
                self._memo.clear()
                self._silent.clear()
            rules = self._memo[token] = self._inside(token)
            if not rules:
                self._silent.add(token)
        return rules

    def _inside(self, token: str) -> frozenset[int]:
        """The rules of every word that occurs inside ``token``: from each of its characters,
        the trie walked as far as the token's characters go (not every word tested, nor every
        substring of a word's length looked up)."""
        found: set[int] = set()
        root = self._trie[0]
        size = len(token)
        for start in range(size):
            children = root
            for at in range(start, size):
                node = children.get(token[at])
                if node is None:
                    break
                children, ids = node
                if ids:
                    found.update(ids)
        return frozenset(found)

    def hits(self, low: str) -> list[tuple[int, frozenset[int]]]:
        """Where the rules' words occur in lower-cased ``low``: (the start of the token that
        holds one, the rule indices), left to right."""
        found = []
        size = len(low)
        for token in set(_TOKEN.findall(low)) - self._silent:  # most tokens fire nothing
            rules = self._token(token)
            if not rules:
                continue
            at = low.find(token)
            while at >= 0:
                end = at + len(token)
                if not (at and _joined(low, at - 1, -1)) and not (
                        end < size and _joined(low, end, 1)):
                    found.append((at, rules))
                at = low.find(token, end)
        for word, ids in self._spanning:
            at = low.find(word)
            while at >= 0:
                found.append((_token_start(low, at), ids))
                at = low.find(word, at + 1)
        found.sort(key=lambda hit: hit[0])
        return found

    @staticmethod
    def fired(hits: list[tuple[int, frozenset[int]]]) -> frozenset[int]:
        """The indices of the rules of some hits."""
        found: set[int] = set()
        for _, rules in hits:
            found |= rules
        return frozenset(found)


def _wordish(char: str) -> bool:
    return char.isalnum() or char in "_'’-"


def _joined(low: str, at: int, step: int) -> bool:
    """Whether the character at ``at`` joins a token to the next one in direction ``step``:
    a word character, or an apostrophe inside a word ("don't"), not a quotation mark."""
    char = low[at]
    if char in "'’":
        beyond = at + step
        return 0 <= beyond < len(low) and (low[beyond].isalnum() or low[beyond] == "_")
    return _wordish(char)


#: A token of lower-cased text, as the triggers see it: apostrophes inside it ("don't"), not
#: quotation marks around it ("Barcelona 'deny' ...").
_TOKEN = re.compile(r"[\w-](?:[\w'’-]*[\w-])?")


def _token_start(low: str, at: int) -> int:
    """The start of the token holding position ``at``."""
    while at > 0 and (low[at - 1].isalnum() or low[at - 1] in "_'’-"):
        at -= 1
    return at


@dataclass(frozen=True, slots=True)
class Rules:
    """Every compiled pattern the attribution pass needs."""

    cues: tuple[Cue, ...]
    triggers: Triggers
    content: Alternation
    content_keys: re.Pattern[str]
    content_rules: dict[str, tuple[str, Stance]]
    split: Single
    headline: Single
    headline_credit: Single
    credit: Credit
    continuation: Single
    report_object: Single
    claim_object: Single
    introduced_quote: Single
    labels: tuple[Label, ...]
    #: descriptor rules by role, in file order
    descriptors: dict[str, tuple[DescriptorRule, ...]]
    #: the whole-descriptor patterns of the carried roles (pronoun, backref)
    carried: dict[str, re.Pattern[str]]
    #: one scan of every other word class; groups named by ``group_name(rule.id)``
    descriptor_scan: WordAlternation
    descriptor_by_group: dict[str, DescriptorRule]
    titles: re.Pattern[str]
    self_reference: re.Pattern[str]
    org_name_words: frozenset[str]
    media_name: re.Pattern[str]
    gates: Gates
    #: the name rules by role (``NameRole``)
    names: dict[str, NameRule]
    #: the evidence rules in the order they decide, with the compiled ``words`` of each
    evidence: tuple[tuple[EvidenceRule, re.Pattern[str] | None], ...]
    #: the negations of a reported event, and the event families
    negations: tuple[Negation, ...] = ()
    events: tuple[Event, ...] = ()
    #: words skipped between a negation and the head of the event it negates ("the", "any",
    #: "plans to"), and heads that negate no event ("no guarantee", "not only")
    event_function_words: frozenset[str] = frozenset()
    event_empty_heads: frozenset[str] = frozenset()
    #: the cues of news a party makes itself ("announced"): its negation denies nothing
    event_announcing_cues: frozenset[str] = frozenset()
    #: words that open a clause whose negation is no denial ("if", "who", "why")
    event_subordinators: frozenset[str] = frozenset()
    #: words that name a report inside a party's own denial ("reports of a plot were false")
    event_report_nouns: frozenset[str] = frozenset()
    #: the compositional readings of refusals and denials (``readings.py``) that read a
    #: speaker's words: tried only where ``content`` finds nothing, each only on words that
    #: hold one of its keys (None: none)
    readings: KeyedAlternation | None = None
    #: a question paragraph of an interview with no speaker labels (None: no such rule)
    interview: Single | None = None
    #: an author's name signing the words before it (None: no such rule)
    signature: Single | None = None
    #: a heading naming a document of a speaker's words (None: no such rule)
    document: Single | None = None
    #: a caption line naming the speaker of the quoted paragraph after it (None: no such rule)
    caption: Single | None = None
    #: the auxiliaries of a passive ("would not *be* sacked"): its subject is the event's
    #: object, an argument a report must share
    event_passive_auxiliaries: frozenset[str] = frozenset()
    #: the verbs whose subject speaks for itself also inside another speaker's reported
    #: clause ("a paper said the minister *had told* MPs ...")
    nested_speaker_cues: frozenset[str] = frozenset()
    #: an irregular verb's forms, each to its base form ("sold": "sell")
    event_verb_forms: dict[str, str] = field(default_factory=dict)
    #: the commonest English words: a quotation with none of them is in another language
    english_words: frozenset[str] = frozenset()
    #: quotation marks of other typographies and the curly double mark each is read as
    other_quotation_marks: tuple[tuple[str, str], ...] = ()
    #: whether a closing double mark that opens a paragraph or a sentence opens a quotation
    closing_mark_as_opening: bool = False
    #: the marks that open an item of a list a speaker's colon introduces ("•", "-")
    list_item_marks: frozenset[str] = frozenset()
    #: a rumour a party denies, named with no source of its own (None: no such rule)
    rumour_object: Single | None = None
    #: a clause boundary after which a part of a speaker's words counts only for its stance
    stance_split: Single | None = None


def group_name(rule_id: str) -> str:
    """The regular-expression group name of a rule id."""
    return re.sub(r"\W", "_", rule_id)


_group = group_name
#: A match may start after an opening quotation mark, not after an apostrophe inside a word.
_WORD_START = r"(?<![\w-])(?<!\w['’])"
_WORD_END = r"(?![\w-])"


def _trigger_words(rule: FrameRule | HearsayRule | PassiveRule | ContentRule) -> tuple[str, ...]:
    """The words one of which every match of the rule holds: read from the pattern, or the
    rule's ``keywords`` where the pattern gives none (and only there)."""
    where = rule_where(FRAMES, rule.id)
    found = gate(re.compile(rule.pattern)).words
    if rule.keywords:
        if found is not None:
            raise ConfigError(
                f"{where}: field 'keywords': not needed, the pattern gives "
                f"{', '.join(sorted(w for w, _ in found))}"
            )
        return tuple(k.lower() for k in rule.keywords)
    if found is None:
        raise ConfigError(
            f"{where}: field 'keywords' is required: no word every match holds could be read "
            "from the pattern"
        )
    return tuple(w for w, _ in found)


def _cue(rule: FrameRule | HearsayRule | PassiveRule) -> Cue:
    body = f"{_WORD_START}(?:{rule.pattern}){_WORD_END}"
    reach = word_reach(str(rule.pattern), 0, _trigger_words(rule))
    first = first_class(str(rule.pattern))
    pattern = re.compile(f"(?={first}){body}" if first else body)
    if isinstance(rule, FrameRule):
        where = rule_where(FRAMES, rule.id)
        if ("between" in rule.speaker_at) != (rule.until is not None):
            raise ConfigError(f"{where}: field 'until' goes with speaker_at 'between' (only)")
        if rule.subject is not None and "left" not in rule.speaker_at:
            raise ConfigError(f"{where}: field 'subject' goes with speaker_at 'left'")
        if rule.until_is_cue and rule.until is None:
            raise ConfigError(f"{where}: field 'until_is_cue' goes with field 'until'")
        if rule.appositive and "right" not in rule.speaker_at:
            raise ConfigError(f"{where}: field 'appositive' goes with speaker_at 'right'")
        if rule.unclassified is not None and "right" not in rule.speaker_at:
            raise ConfigError(f"{where}: field 'unclassified' goes with speaker_at 'right'")
        if rule.cited_words and "right" not in rule.speaker_at:
            raise ConfigError(f"{where}: field 'cited_words' goes with speaker_at 'right'")
        if "cue" in rule.speaker_at:
            raise ConfigError(f"{where}: field 'speaker_at': 'cue' is for hearsay and passive")
        if rule.object_name_kind and "object" not in rule.speaker_at:
            raise ConfigError(f"{where}: field 'object_name_kind' goes with speaker_at 'object'")
        if rule.reported_after_object and "object" not in rule.speaker_at:
            raise ConfigError(
                f"{where}: field 'reported_after_object' goes with speaker_at 'object'")
        return Cue(
            id=rule.id, stance=rule.stance, look=rule.speaker_at, speaker="", pattern=pattern,
            carries=rule.carries_speaker, starts=prefixes(re.compile(rule.pattern)), reach=reach,
            until=re.compile(rule.until, re.IGNORECASE) if rule.until else None,
            until_is_cue=rule.until_is_cue,
            subject=re.compile(rule.subject, re.IGNORECASE) if rule.subject else None,
            appositive=rule.appositive, name_kind=rule.name_kind, own_outlet=rule.own_outlet,
            object_name_kind=rule.object_name_kind,
            reported_after_object=rule.reported_after_object,
            participle_not_after=frozenset(w.lower() for w in rule.participle_not_after),
            unclassified=rule.unclassified, cited_words=rule.cited_words,
            inner_state=rule.inner_state,
            not_in_clause=frozenset(w.lower() for w in rule.not_in_clause),
        )
    return Cue(id=rule.id, stance=rule.stance, look=("cue",), speaker=rule.speaker,
               carries=rule.carries_speaker, pattern=pattern,
               starts=prefixes(re.compile(rule.pattern)), reach=reach,
               only_with=frozenset(rule.only_with) if isinstance(rule, HearsayRule)
               else frozenset(),
               in_quotation=isinstance(rule, HearsayRule) and rule.in_quotation)


def verb_frame(rule: VerbsRule) -> FrameRule:
    """A ``verbs`` rule as the frame it declares (its pattern composed from its verbs)."""
    return FrameRule(
        id=rule.id, type="frame", pattern=compose(rule), examples=rule.examples,
        stance=rule.stance, speaker_at=rule.speaker_at,
        participle_not_after=rule.participle_not_after, not_in_clause=rule.not_in_clause,
        inner_state=rule.inner_state, carries_speaker=rule.carries_speaker,
    )


def _single(found: list[PatternRule | CreditRule], kind: str) -> Single:
    if len(found) != 1:
        raise ConfigError(f"{FRAMES}.yaml: expected one rule of type {kind!r}")
    rule = found[0]
    pattern = re.compile(rule.pattern, re.IGNORECASE if rule.ignore_case else 0)
    return Single(rule.id, pattern, gate(pattern))


def _credit(found: list[PatternRule | CreditRule]) -> Credit:
    if len(found) != 1 or not isinstance(found[0], CreditRule):
        raise ConfigError(f"{FRAMES}.yaml: expected one rule of type 'credit'")
    rule = found[0]
    pattern = re.compile(rule.pattern, re.IGNORECASE if rule.ignore_case else 0)
    organisations = re.compile(rule.organisations) if rule.organisations else None
    return Credit(rule.id, pattern, gate(pattern), organisations)


def _label(rule: LabelRule) -> Label:
    """A speaker-label rule compiled, its fields checked."""
    if rule.min_turns < 1:
        raise ConfigError(f"{rule_where(FRAMES, rule.id)}: field 'min_turns': at least 1")
    for name, value in (("ends_turn", rule.ends_turn),
                        ("turn_ends_with_line", rule.turn_ends_with_line)):
        if value and not rule.until_next_label:
            raise ConfigError(f"{rule_where(FRAMES, rule.id)}: field '{name}' goes with "
                              "until_next_label")
    turn_fields = {"speakers_return": rule.speakers_return,
                   "headline_words": rule.headline_words > 0}
    for name, used in turn_fields.items():
        if used and rule.min_turns < 2:
            raise ConfigError(f"{rule_where(FRAMES, rule.id)}: field '{name}' goes with "
                              "min_turns of at least 2")
    ends = re.compile(rule.ends_turn, re.IGNORECASE) if rule.ends_turn else None
    return Label(rule.id, re.compile(rule.pattern), rule.headline_only, rule.until_next_label,
                 rule.person, frozenset(w.upper() for w in rule.not_speakers), ends,
                 rule.min_turns, rule.turns_name_speakers, rule.turn_ends_with_line,
                 rule.undescribed_names, rule.speakers_return, rule.headline_words)


def _negation(rule: NegationRule) -> Negation:
    """A negation rule compiled, its reach checked."""
    if rule.reach < 1:
        raise ConfigError(f"{rule_where(FRAMES, rule.id)}: field 'reach': at least 1")
    return Negation(rule.id, re.compile(rf"{_WORD_START}(?:{rule.pattern}){_WORD_END}\s*"),
                    rule.reach, rule.argument_reach)


def _event(rule: EventRule) -> Event:
    """An event rule compiled: its words and its counter-words each one alternation."""
    if not rule.words:
        raise ConfigError(f"{rule_where(FRAMES, rule.id)}: field 'words': none given")
    words_re = re.compile(_WORD_START + "(?:" + "|".join(
        f"(?:{w})" for w in rule.words) + ")" + r"(?!\w)")
    counter = (re.compile(_WORD_START + "(?:" + "|".join(
        f"(?:{w})" for w in rule.counter) + ")" + r"(?!\w)") if rule.counter else None)
    return Event(rule.id, words_re, counter)


@dataclass(slots=True)
class _FrameParts:
    """The frames file's rules (and the readings' frames and passives), each compiled into the
    part of ``Rules`` its type makes, in the file's order."""

    cues: list[Cue] = field(default_factory=list)
    #: each trigger word and the cues (by index) that hold it
    words: dict[str, set[int]] = field(default_factory=dict)
    content_parts: list[tuple[str, str]] = field(default_factory=list)
    content_rules: dict[str, tuple[str, Stance]] = field(default_factory=dict)
    content_keys: set[str] = field(default_factory=set)
    #: the rules of the types that have exactly one (``_single``)
    singles: dict[str, list[PatternRule | CreditRule]] = field(default_factory=dict)
    labels: list[Label] = field(default_factory=list)
    negations: list[Negation] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)

    def add(self, rule: Any) -> None:
        if isinstance(rule, FrameRule | HearsayRule | PassiveRule):
            for word in _trigger_words(rule):
                self.words.setdefault(word, set()).add(len(self.cues))
            self.cues.append(_cue(rule))
        elif isinstance(rule, LabelRule):
            self.labels.append(_label(rule))
        elif isinstance(rule, NegationRule):
            self.negations.append(_negation(rule))
        elif isinstance(rule, EventRule):
            self.events.append(_event(rule))
        elif isinstance(rule, ContentRule):
            self.content_keys.update(_trigger_words(rule))
            self.content_rules[_group(rule.id)] = (rule.id, rule.stance)
            self.content_parts.append((_group(rule.id), rule.pattern))
        else:
            self.singles.setdefault(rule.type, []).append(rule)

    def single(self, kind: str) -> Single:
        """The one rule of type ``kind``, compiled."""
        return _single(self.singles.get(kind, []), kind)


def _check_descriptor(desc: DescriptorRule) -> None:
    """A descriptor rule's fields that go together, checked (the schema checks each alone)."""
    where = rule_where(SPEAKERS, desc.id)
    if (desc.role in CARRIED_ROLES) != (desc.speaker == "carried"):
        raise ConfigError(f"{where}: field 'speaker': 'carried' goes with roles pronoun and "
                          "backref (only)")
    if desc.narrator and desc.role != "pronoun":
        raise ConfigError(f"{where}: field 'narrator' goes with role pronoun (only)")
    if desc.owned_of and desc.owned is None:
        raise ConfigError(f"{where}: field 'owned_of' goes with 'owned'")
    if desc.nameless is not None and desc.speaks_for is None and desc.party_before is None:
        raise ConfigError(f"{where}: field 'nameless' goes with 'speaks_for' or 'party_before'")
    if desc.role in CARRIED_ROLES:
        for name in ("owned", "speaks_for", "surnamed", "party_before", "nameless"):
            if getattr(desc, name) is not None:
                raise ConfigError(f"{where}: field '{name}' does not go with a carried role")


def _descriptor_body(desc: DescriptorRule) -> str:
    return "|".join(f"(?:{w})" for w in desc.words)


def _self_reference() -> re.Pattern[str]:
    """The words by which an outlet refers to itself ("this newspaper"), one pattern."""
    patterns = load_data(SPEAKERS).get("self_reference")
    if not isinstance(patterns, list) or not all(isinstance(w, str) for w in patterns):
        raise ConfigError("attribution_speakers.yaml: 'self_reference' must be a list of patterns")
    return re.compile("|".join(f"(?:{w})" for w in patterns))


def _media_word() -> str:
    """A news organisation's name-word ("Times", "TV"), capitalised, as a pattern."""
    media_words = _word_list("media_name_words")
    return (
        "(?:"
        + "|".join(sorted(sorted(w.capitalize() for w in media_words), key=len, reverse=True))
        + r"|TV|FM)(?:-[A-Z][\w'’.&]*)?(?![\w-])"
        # an office named after the word is no news organisation ("White House Press
        # Secretary", "the Press Office"), nor is a body's name that goes on to its own
        # last word ("the Independent Electoral Commission", "Star Alliance")
        + r"(?!\s+(?:" + "|".join(sorted(sorted(w.capitalize() for w in _word_list(
            "media_name_offices")), key=len, reverse=True)) + r")\b)"
        + r"(?!(?:\s+[A-Z][\w'’.&-]*){0,2}\s+(?:" + "|".join(sorted(sorted(
            w.capitalize() for w in set(_word_list("org_name_words")) - set(media_words)),
            key=len, reverse=True)) + r")\b)"
    )


@cache
def rules() -> Rules:
    """Compile the attribution lexicons (once per process)."""
    from verifier.analysis.attribution.readings import reading_rules, scan_form

    # the compositional readings of refusals and denials (readings.py): their frames and
    # passives after the frames file's; their content rules a second alternation, tried
    # where the first finds nothing
    readings = reading_rules()
    parts = _FrameParts()
    for rule in (*load_rules(FRAMES, FRAME_SCHEMAS, EXAMPLE_LABELS),
                 *(r for r in readings if not isinstance(r, ContentRule))):
        parts.add(verb_frame(rule) if isinstance(rule, VerbsRule) else rule)
    content = Alternation(parts.content_parts)
    content_rules = parts.content_rules
    reading_parts: list[tuple[str, str, tuple[str, ...]]] = []
    for rule in readings:
        if isinstance(rule, ContentRule):
            content_rules[_group(rule.id)] = (rule.id, rule.stance)
            reading_parts.append((_group(rule.id), scan_form(rule.pattern),
                                  _trigger_words(rule)))

    all_speaker_rules = load_rules(SPEAKERS, SPEAKER_SCHEMAS, EXAMPLE_LABELS)
    speaker_rules: tuple[DescriptorRule, ...] = tuple(
        r for r in all_speaker_rules if isinstance(r, DescriptorRule))
    names, evidence = _name_rules(all_speaker_rules)
    by_role: dict[str, list[DescriptorRule]] = {}
    for desc in speaker_rules:
        by_role.setdefault(desc.role, []).append(desc)
        _check_descriptor(desc)
    missing = {"pronoun", "backref"} - set(by_role)
    if missing:
        raise ConfigError(f"{SPEAKERS}.yaml: no descriptor rule with role {sorted(missing)}")

    carried = {
        role: re.compile("|".join(f"(?:{_descriptor_body(d)})" for d in by_role[role]))
        for role in CARRIED_ROLES
    }
    scanned = [d for d in speaker_rules if d.role not in CARRIED_ROLES]
    descriptor_scan = WordAlternation(
        [(_group(d.id), _descriptor_body(d)) for d in scanned], edge=r"\w-")
    titles = re.compile("|".join(_descriptor_body(d) for d in scanned if d.title))
    self_reference = _self_reference()
    media_word = _media_word()
    return Rules(
        cues=tuple(parts.cues),
        triggers=Triggers(parts.words),
        content=content,
        content_keys=re.compile(substring_trie(sorted(parts.content_keys))),
        content_rules=content_rules,
        readings=KeyedAlternation(reading_parts) if reading_parts else None,
        split=parts.single("split"),
        headline=parts.single("headline"),
        headline_credit=parts.single("headline_credit"),
        credit=_credit(parts.singles.get("credit", [])),
        continuation=parts.single("continuation"),
        report_object=parts.single("report_object"),
        claim_object=parts.single("claim_object"),
        introduced_quote=parts.single("introduced_quote"),
        labels=tuple(parts.labels),
        descriptors={role: tuple(found) for role, found in by_role.items()},
        carried=carried,
        descriptor_scan=descriptor_scan,
        descriptor_by_group={_group(d.id): d for d in scanned},
        titles=titles,
        self_reference=self_reference,
        org_name_words=_word_list("org_name_words"),
        # capitalised words, or "the" alone ("told the Post"), before the word; the word may
        # be joined to another by a hyphen ("The Journal-Constitution", "the Chicago Sun-Times")
        media_name=re.compile(r"(?<![\w-])(?:(?:[A-Z][\w'’.&-]*|the)\s+)+(?:[A-Z][\w'’.&]*-)?"
                              + media_word),
        gates=Gates(self_reference=gate(self_reference), media_name=re.compile(media_word)),
        names=names,
        evidence=evidence,
        negations=tuple(parts.negations),
        events=tuple(parts.events),
        event_function_words=word_list("event_function_words", FRAMES),
        event_empty_heads=word_list("event_empty_heads", FRAMES),
        event_announcing_cues=word_list("event_announcing_cues", FRAMES),
        event_subordinators=word_list("event_subordinators", FRAMES),
        event_report_nouns=word_list("event_report_nouns", FRAMES),
        interview=parts.single("interview"),
        signature=parts.single("signature"),
        document=parts.single("document"),
        event_passive_auxiliaries=word_list("event_passive_auxiliaries", FRAMES),
        nested_speaker_cues=word_list("nested_speaker_cues", FRAMES),
        event_verb_forms=verb_forms(),
        english_words=word_list("english_words", FRAMES),
        other_quotation_marks=_quotation_marks(),
        closing_mark_as_opening=_flag("closing_mark_as_opening"),
        list_item_marks=word_list("list_item_marks", FRAMES),
        rumour_object=parts.single("rumour_object"),
        stance_split=parts.single("stance_split"),
        caption=parts.single("caption"),
    )


#: The evidence strategies that read ``words``, and where the words stand (matched right
#: after the name): after its possessive ("Roe's lawyer"), or as the verb it is the subject
#: of ("Harbour United have").
_WORDED_EVIDENCE = {
    "possesses": r"['’]s?\s+(?:[\w-]+\s+)?(?:{})\b",
    "collective": r"[ \t]+(?:{})(?![\w'’-])",
    "modifies": r"[ \t]+(?:{})(?![\w'’-])",
    "reports": r"(?:['’]s?)?[ \t]+(?:{})(?![\w'’-])",
}


def _name_rules(
    found: tuple[object, ...],
) -> tuple[dict[str, NameRule], tuple[tuple[EvidenceRule, re.Pattern[str] | None], ...]]:
    """The name rules by role (one for each role, both required) and the evidence rules
    with their words compiled, checked field by field."""
    names: dict[str, NameRule] = {}
    evidence: list[tuple[EvidenceRule, re.Pattern[str] | None]] = []
    for rule in found:
        if isinstance(rule, NameRule):
            if rule.role in names:
                raise ConfigError(f"{rule_where(SPEAKERS, rule.id)}: field 'role': a second "
                                  f"name rule for {rule.role!r}")
            names[rule.role] = rule
        elif isinstance(rule, EvidenceRule):
            where = rule_where(SPEAKERS, rule.id)
            worded = rule.strategy in _WORDED_EVIDENCE
            if worded != bool(rule.words) or worded != (rule.kind is not None):
                raise ConfigError(f"{where}: fields 'words' and 'kind' go with the strategies "
                                  f"{' and '.join(map(repr, _WORDED_EVIDENCE))} (only, and both)")
            alternatives = "|".join(f"(?:{w})" for w in rule.words)
            words = (re.compile(_WORDED_EVIDENCE[rule.strategy].format(alternatives))
                     if worded else None)
            evidence.append((rule, words))
    missing = sorted({"person", "proper_name"} - set(names))
    if missing:
        raise ConfigError(f"{SPEAKERS}.yaml: no name rule with role {missing[0]!r}")
    return names, tuple(evidence)


_LOWER = str.maketrans(
    "ABCDEFGHIJKLMNOPQRSTUVWXYZ’‘", "abcdefghijklmnopqrstuvwxyz''"
)


def lower(text: str) -> str:
    """Lower-casing that keeps every offset (the lexicons match lower-case text):
    ``text.translate(_LOWER)``, ASCII capitals lower-cased and ’ ‘ read as '. Outside ASCII
    the same through UTF-8 bytes (whose ``lower`` changes ASCII letters only, every byte of
    another character being above 127), many times faster than ``translate``."""
    if text.isascii():
        return text.lower()
    return (text.encode("utf-8", "surrogatepass").lower().decode("utf-8", "surrogatepass")
            .replace("’", "'").replace("‘", "'"))


def _flag(key: str) -> bool:
    """A true/false setting of the frames file (false when absent)."""
    value = load_data(FRAMES).get(key, False)
    if not isinstance(value, bool):
        raise ConfigError(f"{FRAMES}.yaml: {key!r} must be true or false")
    return value


def _quotation_marks() -> tuple[tuple[str, str], ...]:
    """``other_quotation_marks`` of the frames file: (mark, the curly double mark it reads
    as) pairs, each a single character (so offsets hold)."""
    marks = load_data(FRAMES).get("other_quotation_marks", {})
    if not isinstance(marks, dict) or not all(
        isinstance(k, str) and isinstance(v, str) and len(k) == 1 and v in ("“", "”")
        for k, v in marks.items()
    ):
        raise ConfigError(f"{FRAMES}.yaml: 'other_quotation_marks' must map single "
                          "characters to “ or ”")
    return tuple(sorted(marks.items()))


def word_list(key: str, lexicon: str = SPEAKERS) -> frozenset[str]:
    """A plain word list of an attribution lexicon file, lower-cased."""
    words = load_data(lexicon).get(key)
    if not isinstance(words, list) or not all(isinstance(w, str) for w in words):
        raise ConfigError(f"{lexicon}.yaml: {key!r} must be a list of words")
    return frozenset(w.lower() for w in words)


def verb_forms() -> dict[str, str]:
    """The frames lexicon's ``event_verb_forms``: each irregular form to its verb's base form
    (an entry is the base, then its other forms: "sell sold"); a form given twice is an
    error naming the file and the key."""
    found: dict[str, str] = {}
    for entry in sorted(word_list("event_verb_forms", FRAMES)):
        base, *forms = entry.split()
        for form in forms:
            if form != base and found.setdefault(form, base) != base:
                raise ConfigError(f"{FRAMES}.yaml: 'event_verb_forms': {form!r} is a form of "
                                  f"both {found[form]!r} and {base!r}")
    return found


def anonymous_heads() -> frozenset[str]:
    """The head words of an anonymous source's or person's phrase ("sources", "people
    familiar with ..."), from the frames lexicon."""
    return word_list("anonymous_source_heads", FRAMES) | word_list("anonymous_person_heads", FRAMES)


_word_list = word_list
