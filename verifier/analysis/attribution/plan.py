"""One sentence's attributions before the article's memory: cues, source words, stances.

``plan_sentence`` depends on the sentence's words alone (and the outlet), so its result is
cached: copy that repeats across articles ("the company said in a statement") is read once.
What needs the rest of the article (a pronoun's speaker, what a bare surname was introduced
as) is left to ``verifier.analysis.attribution``, which replays the plan against the memory.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from dataclasses import dataclass, replace

from verifier.analysis.attribution.rules import (
    FRAMES,
    LOOK_ORDER,
    Cue,
    Label,
    Look,
    Rules,
    lower,
    rules,
    word_list,
)
from verifier.analysis.attribution.source_words import (
    case_ok,
    clause_like,
    coordinated,
    ends_quote,
    inside,
    inverted_descriptor,
    is_tag,
    joined_clause,
    left_descriptor,
    parties,
    quote_spans,
    right_descriptor,
    writer_and_publication,
)
from verifier.analysis.attribution.speakers import (
    CARRIED,
    LOOKUP_HOWS,
    NONE,
    Descriptor,
    classify,
    find_names,
)
from verifier.analysis.results import Stance
from verifier.analysis.segment import DATELINE, sentence_openers
from verifier.registry import Registry, Source
from verifier.rules.alternation import Alternation, KeyedAlternation
from verifier.rules.word_classes import word_class

#: The press at large as the one told ("told reporters", "told Australian reporters",
#: "speaking to the throngs of reporters"): no news organisation's report, unless the words
#: name one ("told CNN reporters").
_NOT_MEDIA_OBJECT = re.compile(
    r"(?:the\s+)?(?:news\s+)?(?:media|press|reporters|journalists|correspondents)\b"
    r"|(?:the\s+)?(?:[\w'’-]+\s+){1,3}?(?:reporters|journalists|correspondents)\b",
    re.IGNORECASE,
)
#: A capitalised word that names no one: a day, a month, a time, a possessive alone ("in an
#: interview on Monday", "in an interview on CBS's").
_NOT_A_NAME = re.compile(
    r"(?:on\s+)?(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|january|february|march|april|"
    r"may|june|july|august|september|october|november|december|today|tonight|yesterday)\b"
    r"|[^\s]+['’]s?\s*$",
    re.IGNORECASE,
)
#: Every split of a speaker's words has one of these words or marks, or ``_MAY_SPLIT``.
_MAY_SPLIT_WORD = re.compile(
    r";|saying|noting|adding|stressing|without|only that|stating|claiming|arguing|explaining"
    r"|to say|to note|to confirm"
    # (session 23: the other participles of saying attr.also_asserts reads)
    r"|confirming|vowing|insisting|asserting|assuring|maintaining|emphasi[sz]ing|underlining"
    r"|reiterating|pledging|promising|clarifying|pointing out")
_MAY_SPLIT = re.compile(r"\s(?:but|and)\s")
_HAS_WORD = re.compile(r"\w")
#: A word of at least three letters: right-hand words that may name a publisher or a document
_CONTENT = re.compile(r"[^\W\d_]{3,}")
#: A pronoun as an object ("according to him"): a speaker the memory resolves, or none
_OBJECT_PRONOUN = re.compile(r"(?i:him|her|them|us|me|it|you)")
#: An object pronoun after a cue ("according to him") read as the subject it stands for.
_SUBJECT_PRONOUN = {"him": "he", "her": "she", "them": "they"}
#: Words that may open the clause after "according to X" written with no comma ("According to
#: Ruiz the bridge will reopen"): a determiner, a subject pronoun, "there".
_CLAUSE_OPENER = re.compile(
    r"(?:the|a|an|this|these|those|its|his|her|their|our|he|she|it|they|we|i|there|no|all)$",
    re.IGNORECASE)
_WORD_SPAN = re.compile(r"[^\s]+")
_FINITE = re.compile(r"\b(?i:is|are|was|were|has|have|had|will|would|said|says)\b")
#: Words a source does not end on (its noun phrase goes on after them).
_OPEN_ENDS = word_class("source_open_ends")
#: The descriptor rule of right-hand words no descriptor rule classifies (a frame's
#: ``unclassified`` kind: "according to his Facebook profile")
UNCLASSIFIED_RULE = "spk.unclassified"
_WORDS = re.compile(r"[^\W\d_][\w'’-]*")
#: A title in quotation marks right after a cue: a few capitalised words ("told “Morning
#: Live,” ...", "told the “Today” show").
_QUOTED_TITLE = re.compile(
    r"\s+(?:the\s+)?[\"“‘]((?:[A-Z0-9][\w'’./&!-]*)(?:\s+(?:[A-Z0-9][\w'’./&!-]*|of|the|and|&)){0,5})"
    r"[,.]?[\"”’](?:\s+(?:show|programme|program|podcast|broadcast))?"
)
#: The descriptor rule id given to such a title.
_QUOTED_TITLE_RULE = "spk.quoted_title"
#: A participle after a quote tag that goes on with the speaker's words (", calling ...").
_TRAILING_PARTICIPLE = re.compile(
    r"\s*,\s*(?:calling|terming|describing|branding|labell?ing|dismissing|rejecting|denying|"
    r"insisting|adding|saying|claiming|stating|arguing|explaining)\b"
)
_BY = re.compile(r"[\s,]*(?:(?:first\s+)?(?:published|carried|aired|broadcast)\s+)?by\s+")
_AUTHORED = re.compile(r"[\s,]*(?:\w+\s+){0,2}by\s+")
_REPORTED_CLAUSE = re.compile(
    r"\s*(?:(?:on|last|this|late|early)\s+\w+\s+|\w+day\s+|in\s+a\s+(?:\w+\s+)?statement\s+)?"
    r"(?:that\s+)?",
    re.IGNORECASE,
)
#: A verb in the passive ("had been warned", "were told") has no speaker before it.
_PASSIVE = re.compile(r"\b(?:been|be|being|was|were|is|are|am|get|got)$", re.IGNORECASE)
#: An adverb of manner opening a cue ("categorically denying", "strongly denied").
_MANNER = re.compile(r"[a-z]+ly\Z", re.IGNORECASE)


def _verb_word(cue: str) -> str:
    """A cue's first word after the adverbs of manner that open it ("categorically
    denying": "denying"): whether it is a progressive form ("is categorically denying" is
    no passive)."""
    words = cue.split()
    while len(words) > 1 and _MANNER.match(words[0]):
        words.pop(0)
    return words[0] if words else ""
#: The end of the words before a participle set off by a comma (", declining to comment",
#: ", even declining ...").
_SET_OFF = re.compile(r",(?:\s+(?:even|also|only|again|then|while|thus|thereby))?$")
#: A verb of answering ending the words before a participle of saying with no comma ("Ruiz
#: agreed saying"): where the subject's words end (``response_verbs``).
_RESPONSE_END = re.compile(
    r"\s(?:" + "|".join(sorted(sorted(map(re.escape, word_list("response_verbs", FRAMES))),
                               key=len, reverse=True))
    + r")$",
    re.IGNORECASE,
)
#: An infinitive cue after a verb and its object ("asked the directors to deny"): the object
#: would speak, not the subject (``object_control_verbs``).
_OBJECT_CONTROL = re.compile(
    r"\b(?:" + "|".join(sorted(sorted(map(re.escape, word_list("object_control_verbs", FRAMES))),
                               key=len, reverse=True))
    + r")\s+(?:[\w'’.-]+\s+){1,6}?to$",
    re.IGNORECASE,
)
#: The participles that go on with an earlier speaker's words ("..., saying that ...").
_SAYING = (r"(?:saying|adding|noting|insisting|arguing|claiming|stressing|suggesting|stating|"
           r"explaining|warning|indicating|asserting|alleging)(?:\s+that)?")
#: A subject right after "saying (that)" belongs to the words of an earlier speaker.
_PARTICIPLE = re.compile(r"\b" + _SAYING + r"\s+$")
#: The words before a report that make it the speaker's own ("said in a preliminary report").
_OWN_REPORT = re.compile(r"\bin\s+(?:a|an|its|their|his|her)\s+(?:[\w-]+\s+){0,2}$", re.I)
#: A descriptor that opens with the participle is the earlier speaker's words, not a subject.
_OPENING_PARTICIPLE = re.compile(_SAYING + r"\s")
#: The noun a relative clause hangs on ("referring questions to the FSB, which did not ...").
_ANTECEDENT = re.compile(
    r"(?:^|[,;]\s*|\b(?:to|from|by|with|for|of|at|on|in|about|and|asked|contacted|told)\s+)"
    r"((?:the\s+|a\s+|an\s+)?(?:[\w.&'’-]+\s+){0,3}?[\w.&'’-]+)\s*,\s*(?:which|who)\s*$"
)
#: How a descriptor of anyone at all was read ("the man", "a woman"): picked out by a
#: restrictive "who" only in the plural ("people who say"); an office ("a retired general
#: who suggested") or a party speaks in the singular too.
_ANYONE = frozenset({"expert", "person", "proper_name", "group"})
#: A noun phrase ending in a plural or a share ("business leaders", "64 percent").
_PLURAL_END = re.compile(r"(?:[^s\W]s|people|percent|majority|minority|half|third|quarter)$")
#: A capitalised word.
_CAPITALISED = re.compile(r"\b[A-Z]")
#: Words that may stand between a relative pronoun and its verb ("who today confirmed",
#: "who has long argued"): time adverbs and auxiliaries.
_RELATIVE_FILLER = (
    r"(?:(?:today|yesterday|tonight|now|then|also|later|earlier|recently|previously|once|"
    r"still|already|long|often|repeatedly|publicly|has|have|had)\s+)*")
#: The relative pronoun of a non-restrictive clause right before a cue ("X, who said"), a
#: short parenthetical before its comma allowed ("Ana Ruiz (pictured), who said").
_RELATIVE_END = re.compile(r"(?:\s*\([^()]{1,30}\))?,\s*(who|which)\s*" + _RELATIVE_FILLER + "$")
#: Pronouns for anyone at all, no name even when capitalised ("Anyone who wants ...").
_INDEFINITE_PRONOUNS = word_list("indefinite_pronouns", FRAMES)
#: A "who" right after a capitalised word with no comma before it, right before a cue
#: ("President Ana Ruiz who said"): a name takes no restrictive clause, so the comma was
#: left out and the name is the antecedent.
_BARE_WHO = re.compile(r"(?<=[\w.'’])\s+(who)\s*" + _RELATIVE_FILLER + "$")
#: A noun phrase a determiner opens right before the comma of ", who" ("met the farmers,
#: who ..."): the relative's antecedent, not the clause that ends with it; not the object of
#: a preposition inside a longer noun phrase ("a teacher at the school, who").
_COMMON_ANTECEDENT = re.compile(
    r"(?<![\w'’-])(?<!\bat\s)(?<!\bin\s)(?<!\bof\s)(?<!\bfor\s)(?<!\bfrom\s)(?<!\bwith\s)"
    r"(?<!\bon\s)(?<!\bby\s)(?<!\bto\s)(?<!\bnear\s)"
    r"(?:the|a|an|some|many|several|other|local|two|three|four|five)\s+"
    r"(?:[\w'’-]+\s+){0,2}[\w'’-]+\s*(?=$)", re.IGNORECASE)
#: A restrictive "who" right before a cue, after the noun phrase it restricts ("business
#: leaders who say", "the 30 percent of voters who said"): (1) the noun phrase (after a
#: preposition, a conjunction or the sentence start; a comma's would be an appositive's),
#: (2) the relative pronoun.
_RESTRICTIVE_WHO = re.compile(
    r"(?:^|\b(?:to|from|by|with|for|of|at|on|in|about|among|between|like|and|or|are|"
    r"were|is|was)\s+)((?:the\s+|a\s+|an\s+|those\s+|many\s+|some\s+)?"
    r"(?:(?!(?:to|from|by|with|for|of|at|on|in|about|among|between|like|and|or)\s)"
    r"[\w.&'’-]+\s+){0,3}?[\w.&'’-]+)\s+(who)\s+(?:(?:have|has|had|also|still|now|"
    r"long|often|once|already|repeatedly|publicly)\s+)*$")
#: A run of capitalised words ending where a text ends ("met Jane Hollis" -> "Jane Hollis").
_NAME_BEFORE = re.compile(r"(?<![\w'’.&-])(?:[A-Z][\w.'’&-]*\s+){0,4}[A-Z][\w.'’&-]*\s*$")
#: A capitalised title joined by "for" or "of" to the capitalised words after it ("High
#: Commissioner for", "Minister of"), ending a text: (1) the title word before the joint.
_TITLE_OF = re.compile(
    r"(?<![\w'’.&-])(?:[A-Z][\w.'’&-]*\s+)*?([A-Z][\w.'’&-]*)\s+(?:for|of)\s+(?:the\s+)?$")
#: The comma that opens an appositive ("Ana Ruiz, the mayor of Harbour").
_APPOSITIVE_OPEN = re.compile(r",\s+(?:the|a|an)\s")
#: A preposition ending a text: what follows it is its object, not a phrase's head.
_PREPOSITION_BEFORE = re.compile(r"\b(?:of|in|at|for|from|with|on|by|to|about)\s+$", re.I)
#: What may stand between a reporting verb and the pronoun subject of its clause ("told
#: Reuters that it ...", "said that it ...").
_EMBEDDED_GAP = re.compile(r"\s+(?:[\w.'’&-]+\s+){0,4}?that\s+|\s+(?:that\s+)?")
_NEGATIVE_SUBJECT = re.compile(r"(?:neither|no|none\s+of)\b", re.IGNORECASE)
#: A negation right before a denial verb ("has not denied", "failed to refute"): the party has
#: not denied, which is a refusal to, not a denial; "did little to dispel", "has done nothing to
#: refute" are the writer's judgement of what a party did not do: no denial and no refusal.
_NEGATED = re.compile(
    r"(?:\b(?:not|never|failed\s+to|fails\s+to|no\s+(?:attempt|effort)\s+to)|n['’]t)\s+"
    r"(?:(?:yet|publicly|officially|immediately|explicitly|directly|formally|specifically|"
    r"outright|even)\s+)*$"
)
_UNDONE = re.compile(r"\b(?:nothing|little|not\s+much)\s+to\s+$")
_SUBJECT = re.compile(r"(?:(?:But|And|Yet)\s+)?(?:The\s+)?((?:[A-Z][\w'’.&-]*\s?)+)")
#: A connective set off by a comma before a sentence's subject ("However, Acme was quick to
#: ..."): the lexicon's ``leading_words`` and ``sentence_adverbs``.
_LEADING_COMMA = re.compile(
    r"(?:" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(sorted(
        word_list("leading_words", FRAMES) | word_list("sentence_adverbs", FRAMES)),
        key=len, reverse=True)) + r")\s*,\s*",
    re.IGNORECASE,
)
_APPOSITIVE_NAME = re.compile(r",\s*([A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3})\s*[.!?]?\s*$")
#: A news organisation owning the programme a cue's object names ("the BBC's Nolan Show",
#: "BBC Radio 4's Today programme": "the BBC", "BBC Radio 4"); not one of its journalists
#: (its own reporter, when it is the publisher: "sources told ESPN's Rob Dawson").
_OWNER = re.compile(r"((?:the\s+)?[A-Z][\w.&-]*(?:\s+[A-Z\d][\w.&-]*){0,3})['’]s\s+"
                    r"(?:[A-Z\d][\w.&'’-]*\s+){0,3}(?:[Ss]how|[Pp]rogram(?:me)?|[Pp]odcast|"
                    r"[Bb]reakfast|[Hh]our|[Bb]ulletin|[Ss]ession)\b")
_PARTY = re.compile(
    r"(?:the|his|her|their|its|(?:[Bb]oth|[Nn]either|[Ee]ither)(?:\s+(?:of\s+)?the)?"
    r"|(?:[Tt]he\s+)?(?:[Tt]wo|[Tt]hree|[Ff]our))\s+(?:[A-Z][\w'’-]*\s+)?"
    r"(?:[a-z][\w'’-]*\s+){0,2}[a-z][\w'’-]*"
)
_CACHE: dict[tuple[str, bool, str | None, int], tuple[Registry, tuple[Step, ...]]] = {}
_CACHE_LIMIT = 20_000
#: Where a word starts (a cue starts at one); how many words before one of its rule's words a
#: cue may start ("speculation over the minister's health has been rife": 8 words).
_WORD_START = re.compile(r"(?<![\w-])(?<!\w['’])[\w'’\"“‘]")  # after an opening quote too
_REACH = 13
_SPACES = re.compile(r"\s+")
#: The last word of a text that ends in spaces.
_LAST_WORD = re.compile(r"(?<![\w'’-])([\w'’-]+)\s+$")
#: A quoted fragment of at most this many words ('“categorically rejected” the report') is
#: the reporter's sentence quoting a word or two, and a cue in it still counts.
_SCARE_QUOTE = 3
#: A quotation opened right after a subject's name, the cue its first word: a headline quoting
#: the predicate ("Barcelona ‘deny pre-contract agreement with ...’"): the cue is the frame.
_QUOTE_OPENS_PREDICATE = re.compile(r"^(?:[A-Z][\w.'’&-]*\s+){0,3}[A-Z][\w.'’&-]*\s+[‘“\"']$")


#: A dash between a quotation's close (a comma or the closing mark) and its inverted tag
#: ('"We will stay", - said the minister'), as some copy sets it: no part of the tag.
_TAG_DASHES = ("-", "–", "—")
_DASHED_AFTER = (",", '"', "”", "’")

@dataclass(frozen=True, slots=True)
class Step:
    """One attribution to be: who (a descriptor), where (sentence offsets), what it does."""

    desc: Descriptor
    source: tuple[int, int]
    cue: tuple[int, int]
    rule: str
    stances: tuple[tuple[Stance, str], ...]
    fixed: bool = False
    antecedent: tuple[Descriptor, tuple[int, int]] | None = None
    #: whether an untagged quotation in the next sentence goes on in this speaker's voice
    carries: bool = True
    #: the frame's ``name_kind``: the kind of a speaker named by a proper name the registry and
    #: the article do not describe
    name_kind: str | None = None
    #: a transcript label: the speaker holds the next sentences until another label
    holds: bool = False
    #: the speaker-label rule that made the step (its ``min_turns`` is checked on the text)
    label: Label | None = None
    #: the words that stand for the speaker in the clause of the cue, when the source words
    #: are elsewhere in the sentence (the "who" of "X, who said ...")
    mention: tuple[int, int] | None = None
    #: the speaker counts only when the article named it before (a capitalised word that
    #: opens a sentence and may be any word)
    known_only: bool = False
    #: a photo credit: the registry ids it names (the publishing outlet's own picture is no
    #: source, when the user names the outlet; a dateline's wire is not the page's publisher)
    credited: tuple[str, ...] = ()
    #: whether the speaker becomes one later pronouns and back-references may stand for (not
    #: the noun phrase a restrictive "who" picks out: "voters who said ..." is no "they")
    remembered: bool = True


def clear_plan_cache() -> None:
    """Forget every cached plan (the state of a fresh process)."""
    _CACHE.clear()


def cached_plan(
    text: str, headline: bool, registry: Registry, outlet: Source | None
) -> tuple[Step, ...] | None:
    """The steps ``plan_sentence`` returned for these words before, if it did."""
    held = _CACHE.get((text, headline, outlet.id if outlet is not None else None, id(registry)))
    return held[1] if held is not None and held[0] is registry else None


def plan_sentence(
    text: str,
    headline: bool,
    lexicon: Rules,
    registry: Registry,
    outlet: Source | None,
    low: str | None = None,
) -> tuple[Step, ...]:
    """The attribution steps of one sentence (cached on its words).

    ``low`` may hand over ``lower(text)``, when the caller has it from the whole article.
    """
    key = (text, headline, outlet.id if outlet is not None else None, id(registry))
    held = _CACHE.get(key)
    if held is not None and held[0] is registry:
        return held[1]
    if len(_CACHE) > _CACHE_LIMIT:
        _CACHE.clear()
    if low is None:
        low = lower(text)
    hits = lexicon.triggers.hits(low)
    if not hits and not headline and not _may_hold_credit(text) and ":" not in text[:60]:
        steps: tuple[Step, ...] = ()  # no cue, no headline, no caption credit: nothing to do
    else:
        steps = tuple(_Planner(text, lexicon, registry, outlet, low, hits).plan(headline))
    _CACHE[key] = (registry, steps)
    return steps


def _hearsay(cue: Cue) -> bool:
    """Whether a cue is hearsay whose own words are its source and that counts inside a
    tagged quotation ("rumours of a merger", "reportedly": guide 2, every attribution of the
    sentence), where a verb of saying would be the quoted speaker's own words, no frame."""
    return cue.in_quotation and cue.looks("cue") and cue.stance == "asserts"


#: The words between a clause's opening word and a cue: no punctuation, at most seven.
_CLAUSE_RUN = re.compile(r"(?<![\w'’-])([a-z]+)\s+(?:[^\s,;:.!?\"“”()]+\s+){1,7}$")
#: Where such an opening word may start (a run of letters no word character goes before).
_CLAUSE_WORD = re.compile(r"(?<![\w'’-])[a-z]+")


def _in_clause(cue: Cue, match: re.Match[str], low: str) -> bool:
    """Whether a cue stands in a clause one of its rule's ``not_in_clause`` words opens
    ("since the prince first announced his intention"): such a word within seven words before
    the cue, no punctuation between."""
    if not cue.not_in_clause:
        return False
    before = low[max(0, match.start() - 120) : match.start()]
    return any(word.group() in cue.not_in_clause and _CLAUSE_RUN.match(before, word.start())
               for word in _CLAUSE_WORD.finditer(before))


def background(lexicon: Rules, text: str) -> list[tuple[int, int]]:
    """The spans of a sentence's cues that stand in a clause their rule reads as the
    reporter's background (``not_in_clause``, "since X announced his intention"): no frame,
    and no cue for the learned finder either (offsets within ``text``)."""
    low = lower(text)
    return [match.span() for cue in lexicon.cues if cue.not_in_clause
            for match in cue.pattern.finditer(low) if _in_clause(cue, match, low)]


# a capitalised word, not the sentence's first, then a comma: where an apposition starts
_NAME_AND_COMMA = re.compile(r"(?<=\S\s)[A-Z][\w.'’-]*,\s*\Z")


def _clause_before_tag(text: str, left: tuple[int, int], cue_start: int) -> bool:
    """Whether the words before a comma and an inverted tag are the clause the tag closes,
    not its subject ("..., left 78 dead, said the agency"): they run up to that comma and
    hold none, nor follow a name and a comma (a subject set off by commas is an apposition:
    "Ana Ruiz, the lawyer, said", "Ana Ruiz, lawyer for the port, said")."""
    if text[left[1] : cue_start].strip() != "," or "," in text[left[0] : left[1]]:
        return False
    return _NAME_AND_COMMA.search(text, 0, left[0]) is None


def _modifies_noun(cue: Cue, match: re.Match[str], low: str) -> bool:
    """Whether a cue ending in "-ed" is a participle modifying a noun: right after one of its
    rule's ``participle_not_after`` words ("the alleged poisoning")."""
    if not cue.participle_not_after or not match.group().endswith("ed"):
        return False
    found = _LAST_WORD.search(low, max(0, match.start() - 40), match.start())
    return found is not None and found.group(1) in cue.participle_not_after


#: Where a credit's parts meet: "Ana Roe/Example Images", "AFC Vixen via Example Commons",
#: "Jon Vale, Example News/File".
_CREDIT_PARTS = re.compile(r"\s*(?:/+|,|\bvia\b)\s*")


def _organisation_credited(words: str, rules: Rules, registry: Registry) -> bool:
    """Whether a photo credit names a picture agency or a news organisation: one of the credit
    rule's ``organisations`` words, or a part that is a news organisation the registry knows
    or has a news name's shape ("The Harbour Star"); every credit does when the rule declares
    no such words."""
    organisations = rules.credit.organisations
    if organisations is None or organisations.search(words):
        return True
    for part in _CREDIT_PARTS.split(words.strip()):
        part = part.strip(" .")
        if part and (rules.media_name.fullmatch(part) or any(
                source.is_media for source, _, _ in find_names(registry, part))):
            return True
    return False


def _may_hold_credit(text: str) -> bool:
    """Whether a sentence may end in a photo credit ("... / Yonhap", "(AP Photo/...)",
    "(Picture: Getty)", "... [Getty]", "Pic: Getty", "Source: UGC", "(Shutterstock)"): the
    cheap test before the credit rule's pattern."""
    tail = text[-80:]
    return ("/" in text[-60:] or "Photo" in text or "Picture" in text or "Image" in text
            or "PHOTO" in text or "redit" in tail or "Pic" in tail or "PIC" in tail
            or "ource" in tail or "OURCE" in tail or text.rstrip().endswith(("]", ")")))


def ends_in_credit(text: str) -> bool:
    """Whether a sentence ends in a photo credit (``attr.caption_credit``: "... / Yonhap",
    "(AP Photo/...)", "Photo: Reuters"): a caption, whose picture is no lead of a story."""
    return _may_hold_credit(text) and rules().credit.pattern.search(text) is not None


def content_stance(lexicon: Rules, text: str) -> tuple[Stance | None, str]:
    """Whether words refuse or deny (and by which rule), from the content cue lexicon."""
    return _content_stance(lexicon, lower(text))


def _content_stance(lexicon: Rules, low: str) -> tuple[Stance | None, str]:
    """``content_stance`` of words already lower-cased."""
    for pattern in _content_layers(lexicon, low):
        match = pattern.search(low)
        if match is not None:
            rule_id, stance = lexicon.content_rules[match.lastgroup or ""]
            return stance, "+" + rule_id
    return None, ""


def _content_layers(lexicon: Rules, low: str) -> list[Alternation | KeyedAlternation]:
    """The content cue alternations that may match words already lower-cased: the lexicon's
    own, then the compositional readings (``readings.py``), each tried where the one before
    finds nothing."""
    layers: list[Alternation | KeyedAlternation] = []
    if lexicon.content_keys.search(low) is not None:
        layers.append(lexicon.content)
    if lexicon.readings is not None:  # (it tries only the rules whose keys ``low`` holds)
        layers.append(lexicon.readings)
    return layers


def _content_stances(lexicon: Rules, low: str) -> list[tuple[Stance, str]]:
    """Every stance the content cues of words already lower-cased take, in order, each once
    with its first rule: a speaker that denies and also will not say more does both ("has
    not signed any deal, and there can be no assurance that one will follow"). A later cue
    in a clause a subordinator opens gives the reason or the condition of the first, not a
    stance of its own ("were not true because nothing is signed")."""
    found: dict[Stance, str] = {}
    for pattern in _content_layers(lexicon, low):
        end = 0
        for match in pattern.finditer(low):
            rule_id, stance = lexicon.content_rules[match.lastgroup or ""]
            if found and any(word in lexicon.event_subordinators
                             for word in _WORDS.findall(low, end, match.start())):
                break
            found.setdefault(stance, "+" + rule_id)
            end = match.end()
        if found:
            break
    return list(found.items())


def split_stances(lexicon: Rules, text: str, own: Stance = "asserts") -> list[tuple[Stance, str]]:
    """The stances of a speaker's words (lower-cased) and the rule of each: the cue's own
    (``own``) or the first part's content cue, and those of the parts the ``split`` rule cuts
    off ("..., adding that", "..., without naming the buyer"), one per stance."""
    may_split = (
        _MAY_SPLIT_WORD.search(text)
        or _MAY_SPLIT.search(text)
        or _TRAILING_PARTICIPLE.search(text)
    )
    split = lexicon.split
    parts = split.pattern.split(text) if may_split and split.gate.admits(text) else [text]
    found: list[tuple[Stance, str]] = []
    for number, part in enumerate(parts):
        if number == 0 and own != "asserts":
            # the cue's own refusal or denial, and what a clause after ", but" does ("denied
            # the claims, but did not rule out a partnership": a refusal as well)
            found.append((own, ""))
            found.extend(_stance_parts(lexicon, part)[1])
            continue
        part, later = _stance_parts(lexicon, part)
        stances = _content_stances(lexicon, part)
        if number == 0 and not stances:
            found.append(("asserts", ""))
        elif stances:
            found.extend(stances)
        elif len(part.split()) >= 2:
            found.append(("asserts", "+" + split.id))
        found.extend(later)
    unique: dict[Stance, str] = {}
    for stance, rule in found:
        unique.setdefault(stance, rule)
    return list(unique.items())


def _stance_parts(lexicon: Rules, part: str) -> tuple[str, list[tuple[Stance, str]]]:
    """A part of a speaker's words before the ``stance_split`` rule's boundaries, and the
    stances the parts after them take, when one does ("the mayor did call, but the rest of
    this isn't true": "the mayor did call" and a denial); the whole part and none when none
    does (", but it is believed ...": the writer's clause, no words of the speaker's)."""
    rule = lexicon.stance_split
    if rule is None or not rule.gate.admits(part):
        return part, []
    pieces = rule.pattern.split(part)
    later = [(stance, f"+{rule.id}{extra}") for piece in pieces[1:]
             for stance, extra in _content_stances(lexicon, piece)]
    return (pieces[0], later) if later else (part, [])


_Found = tuple[Descriptor, tuple[int, int], str]
#: A word of a speaker's own besides a refusal's ("that" and "and" join, say nothing).
_REST_WORD = re.compile(r"(?<![\w'’-])(?!(?:that|and|but|said|says)(?![\w'’-]))[^\W\d_][\w'’-]*")
#: A negation: words that hold one are a clause, no speaker's descriptor.
_NEGATION = re.compile(r"(?<![\w'’-])(?:not|no|never)(?![\w'’-])|n['’]t(?![\w'’-])")


def _longest_at(cues: tuple[Cue, ...], candidates: list[tuple[int, re.Match[str]]]
                ) -> dict[int, tuple[int, re.Match[str]]]:
    """At each start the longest candidate, then the rule listed first; not a phrase that
    counts only beside a denial (``only_with``) when no candidate is one."""
    stances = {cues[index].stance for index, _ in candidates}
    found: dict[int, tuple[int, re.Match[str]]] = {}
    for index, match in candidates:
        if cues[index].only_with and not cues[index].only_with & stances:
            continue  # a phrase that counts only beside a denial, with none here
        start = match.start()
        held = found.get(start)
        if held is None or (-match.end(), index) < (-held[1].end(), held[0]):
            found[start] = (index, match)  # the longest, then the first rule
    return found


@dataclass(frozen=True, slots=True)
class _Left:
    """The words before a cue, as the left strategy reads them (``_Planner.look_left``)."""

    cue: Cue
    match: re.Match[str]
    #: where the words before the cue start (the end of the frame before)
    prev_end: int
    #: those words, trailing white space stripped
    before: str
    #: the cue opens with a participle or a progressive form ("saying", "is denying")
    progressive: bool
    #: the comma in ``before`` that sets a participle off (", declining", ", even declining")
    comma: re.Match[str] | None
    #: a relative pronoun that ends the words before the cue (", who", ", which")
    relative: re.Match[str] | None


def _goes_on(left: _Left) -> bool:
    """Whether the cue's verb goes on with the sentence's subject ("Ruiz has disputed the
    critique, but says ...", "Ruiz is more cautious, saying ...", "Ruiz stamped it 'fake' to
    dismiss it")."""
    return left.before.endswith((" and", " but", " also", " and has", " and have")) or (
        left.progressive and left.comma is not None
    ) or (left.before.endswith(" to") and left.cue.stance != "asserts")


class _Planner:
    """Reads one sentence: its cues, the source words they point at, and the stances."""

    def __init__(
        self,
        text: str,
        lexicon: Rules,
        registry: Registry,
        outlet: Source | None,
        low: str,
        hits: list[tuple[int, frozenset[int]]],
    ) -> None:
        self.s = text
        self.low = low
        self.hits = hits  # where the scanned rules' words are in the sentence
        self.rules = lexicon
        self.registry = registry
        self.outlet = outlet
        self._quotes: list[tuple[int, int]] | None = None
        self.steps: list[Step] = []
        self.last: tuple[Descriptor, tuple[int, int]] | None = None
        self.said_end: int | None = None
        #: the last word of the cue that ends at ``said_end`` ("reported")
        self.said_verb = ""
        #: where the one a frame's words are told to ends ("told Reuters"), when one is named
        self.told_end: int | None = None
        #: the words of each speaker's step (by its place in ``steps``)
        self.words: dict[int, tuple[int, int]] = {}

    @property
    def quotes(self) -> list[tuple[int, int]]:
        """The sentence's quoted passages (found on first use)."""
        if self._quotes is None:
            self._quotes = quote_spans(self.s)
        return self._quotes

    def classify(self, span: tuple[int, int]) -> Descriptor | None:
        return classify(self.s[span[0] : span[1]], self.rules, self.registry, self.outlet)

    def fixed(self, kind: str, stance: Stance, source: tuple[int, int],
              cue: tuple[int, int], rule: str, carries: bool = False) -> None:
        desc = Descriptor(kind, rule, person=False)
        self.steps.append(Step(desc, source, cue, rule, ((stance, ""),), fixed=True,
                               carries=carries))

    def plan(self, headline: bool) -> list[Step]:
        frames = self.frames(self.cue_matches())
        productive = [m.start() for _, m, _, found in frames if found]
        for cue, match, limit, found in frames:
            later = [p for p in productive if p > match.start()]
            next_start = later[0] if later else len(self.s)
            before = len(self.steps)
            for desc, span, mode in found:
                content = self.content(mode, limit, span, match, next_start)
                mention = None
                if mode == "relative":
                    relative = _RELATIVE_END.search(self.s, 0, match.start()) or (
                        _BARE_WHO.search(self.s, 0, match.start()))
                    mention = relative.span(1) if relative is not None else None
                elif mode == "restricted":
                    restricted = _RESTRICTIVE_WHO.search(self.s, 0, match.start())
                    mention = restricted.span(2) if restricted is not None else None
                had = len(self.steps)
                self.speak(cue, self.cue_span(cue, match, span), desc, span, content, mention,
                           remembered=mode != "restricted")
                if len(self.steps) > had:
                    self.words[had] = content
            if cue.cited_words and len(self.steps) > before:
                self.cited(match.start(), before)
        if headline:
            self.headline_tag()
            self.headline_credit()
        if ":" in self.s[:60]:
            self.speaker_label(headline)
        if not productive and ":" in self.s and not any(s.label for s in self.steps):
            self.introduced_quote()  # (a label's colon is no clause's: "Police chief Vale:")
        self.caption_credit()
        self.report_objects()
        self.claim_objects()
        self.embedded_refusals()
        self.passives_in_words()
        self.hearsay_in_sources()
        self.drop_nested()
        return self.steps

    def drop_nested(self) -> None:
        """A speaker read inside another speaker's words by a cue that is part of them ("a
        statement from the embassy said": "the embassy" by "statement from", inside "a
        statement from the embassy" by "said"), with the same kind and stances, is that
        speaker read twice: the outer words stand (session 31)."""
        if len(self.steps) < 2:
            return
        kept = [step for step in self.steps if not any(
            other is not step and other.desc.kind == step.desc.kind
            and other.stances == step.stances
            and other.source[0] <= step.source[0] and step.source[1] <= other.source[1]
            and other.source != step.source
            and other.source[0] <= step.cue[0] and step.cue[1] <= other.source[1]
            for other in self.steps)]
        if len(kept) < len(self.steps):
            self.steps[:] = kept

    def passives_in_words(self) -> None:
        """A speakerless refusal inside a speaker's reported words ("The spokesman said the
        matter was under review and no comment was available") is the speaker's: no second
        refusal beside the speaker's, and the speaker's own when its words say nothing else
        ("The spokesman said no details have been confirmed": declined, not the spokesman's
        assertion besides)."""
        dropped: set[int] = set()
        for at, step in enumerate(self.steps):
            passive = (step.fixed and step.source == step.cue
                       and any(stance != "asserts" for stance, _ in step.stances))
            owner = next((i for i, (start, end) in self.words.items()
                          if passive and start <= step.cue[0] and step.cue[1] <= end
                          and i < len(self.steps) and not self.steps[i].fixed), None)
            if owner is None:
                continue
            dropped.add(at)
            speaker = self.steps[owner]
            stance = step.stances[0][0]
            if not any(own == stance for own, _ in speaker.stances):
                start, end = self.words[owner]
                rest = self.low[start : step.cue[0]] + " " + self.low[step.cue[1] : end]
                alone = len(_REST_WORD.findall(rest)) < 3  # (the passive's subject: "the fee")
                stances = ((stance, f"+{step.rule}"),) + (() if alone else tuple(
                    s for s in speaker.stances))
                self.steps[owner] = replace(speaker, stances=stances)
        self.steps = [step for at, step in enumerate(self.steps) if at not in dropped]

    def introduced_quote(self) -> None:
        """A quotation after a colon that closes a clause with no frame, its subject a speaker
        ("Ruiz made her position plain: “We had no choice.”"): the subject's words."""
        rule = self.rules.introduced_quote
        match = rule.pattern.search(self.s) if rule.gate.admits(self.s) else None
        subject = self.sentence_subject() if match is not None else None
        if match is None or subject is None:
            return
        desc, span = subject
        colon = match.start()
        if span[1] >= colon or not self.s[span[1] : colon].strip():
            return  # "Ruiz: “...”" is a speaker label's, not a clause's
        words = self.s[span[0] : span[1]]
        if words.upper() == words or words.endswith(("'s", "’s")):
            return  # a kicker in capitals ("NOW OPEN—"), a possessive ("Hoff's letter")
        stances = split_stances(self.rules, self.low[colon + 1 :])
        # a lone capitalised word opening the sentence may be any word ("Famed fight doctor
        # X once said:", "Thanks to ..."): a speaker only when the article named it before
        self.steps.append(Step(desc, span, (colon, colon + 1), rule.id, tuple(stances),
                               known_only=desc.how in _GUESSED_NAMES))

    def cited(self, cue_start: int, first: int) -> None:
        """"..., Arab News reported, citing X": the stances the tag before the cue took from
        the words it reports (a denial, a refusal) are those of the cited steps (from
        ``first`` on); the teller only tells them."""
        teller_at = next((i for i in range(first - 1, -1, -1)
                          if not self.steps[i].fixed and self.steps[i].cue[1] <= cue_start
                          and self.s[self.steps[i].cue[1] : cue_start].strip() == ","), None)
        if teller_at is None:
            return
        teller = self.steps[teller_at]
        moved = tuple((stance, extra) for stance, extra in teller.stances
                      if extra and stance != "asserts")
        if not moved:
            return
        self.steps[teller_at] = replace(teller, stances=(("asserts", ""),))
        for i in range(first, len(self.steps)):
            self.steps[i] = replace(self.steps[i], stances=moved)

    def hearsay_in_sources(self) -> None:
        """A hearsay phrase inside the words of a speaker of its own kind is that speaker named
        again ("Rumours of a merger are circulating": the rumours spread, once)."""
        spoken = [s for s in self.steps if not s.fixed]
        if not spoken:
            return
        # "X was reported to ..., according to local media": the report's teller is named
        # (guide: hearsay words are unnamed only with no source), the report no one else's;
        # "X reportedly ..., the Courier reported, citing a source" keeps both (the Courier
        # relays reports: its own source is another's)
        tellers = [s for s in spoken if s.desc.kind == "media" and s.source[0] >= s.cue[1]]
        self.steps = [
            step for step in self.steps
            if not (step.fixed and step.source == step.cue and step.desc.kind == "unnamed"
                    and "report" in self.low[step.cue[0] : step.cue[1]]  # not "linked with"
                    and all(stance == "asserts" for stance, _ in step.stances)
                    and any(step.cue[1] < t.cue[0]
                            and "," in self.s[step.cue[1] : t.cue[0]] for t in tellers))
        ]
        self.steps = [
            step for step in self.steps
            if not (step.fixed and step.source == step.cue and any(
                other.desc.kind == step.desc.kind and other.source[0] <= step.source[0]
                and step.source[1] <= other.source[1] for other in spoken
            ))
        ]

    def frames(
        self, matches: list[tuple[Cue, re.Match[str]]]
    ) -> list[tuple[Cue, re.Match[str], int, list[_Found]]]:
        """Each frame with its speakers (and where the words before it start); a cue whose own
        words are the source becomes a step at once."""
        frames: list[tuple[Cue, re.Match[str], int, list[_Found]]] = []
        prev_end = 0
        taken: list[tuple[int, int]] = []
        for cue, match in matches:
            if cue.looks("cue"):
                self.fixed(cue.speaker, cue.stance, match.span(), match.span(), cue.id,
                           cue.carries)
                continue
            found = self.speakers(cue, match, prev_end)
            if taken and cue.stance == "asserts":  # "according to data compiled by X"
                found = [f for f in found if not any(a <= f[1][0] and f[1][1] <= b
                                                     for a, b in taken)]
            taken.extend(f[1] for f in found if f[2] == "right")
            frames.append((cue, match, prev_end, found))
            if (found and (cue.looks("left") or cue.looks("inverted"))) or cue.stance != "asserts":
                prev_end = match.end()
        return frames

    def content(self, mode: str, limit: int, span: tuple[int, int], match: re.Match[str],
                next_start: int) -> tuple[int, int]:
        """Where a speaker's words are: before a tag ("..., X said"), else after the cue."""
        if mode == "right" and not _HAS_WORD.search(self.s, limit, match.start()):
            return span[1], next_start  # "According to X, ...": the words after X
        if mode in ("inverted", "right") or (
            mode == "left" and is_tag(self.s, limit, span[0], match.end())
        ):
            if _TRAILING_PARTICIPLE.match(self.s, max(span[1], match.end())):
                # '"...," he added, calling the reports baseless': the participle's words
                # after the tag are the speaker's too
                return limit, next_start
            return limit, (match.start() if mode != "left" else span[0])
        return match.end(), next_start

    def cue_matches(self) -> list[tuple[Cue, re.Match[str]]]:
        """The cues of the sentence, leftmost first (at one position the longest, then the
        rule listed first), none inside another or inside a quote; only the rules whose words
        the sentence holds are tried."""
        cues = self.rules.cues
        low = self.low
        found = _longest_at(cues, self.candidates(self.windows()))
        matches: list[tuple[Cue, re.Match[str]]] = []
        quoted: list[tuple[Cue, re.Match[str]]] = []
        end = 0
        for position in sorted(found):
            if position < end:
                continue
            index, match = found[position]
            if _in_clause(cues[index], match, low):
                end = match.end()
                continue  # an act told as background in a clause of time ("since X announced")
            if not self.counts(match.start()):
                if _hearsay(cues[index]) and self.counts(match.start(), quoted=True):
                    quoted.append((cues[index], match))
                    end = match.end()
                continue
            matches.append((cues[index], match))
            end = match.end()
        if quoted and any(not cue.looks("cue") for cue, _ in matches):
            # hearsay in the words of a speaker the sentence tags ('"Rumours of a coup are
            # false," the minister said'): the quotation's own attribution, besides the tag's
            matches = sorted(matches + quoted, key=lambda found: found[1].start())
        return matches

    def windows(self) -> dict[int, set[int]]:
        """Each scanned rule (by index) and the word starts to try it at, once each: a match
        holds one of its rule's words, so it starts at most _REACH words before one, and
        across at most its rule's ``reach`` runs of white space (the order tried decides
        nothing)."""
        cues = self.rules.cues
        low = self.low
        starts = [m.start() for m in _WORD_START.finditer(low)]
        spaces: list[int] = []  # where each run of white space ends (read when needed)
        windows: dict[int, set[int]] = {}
        for position, indices in self.hits:
            last = bisect_right(starts, position)
            first = last - _REACH if last > _REACH else 0
            runs = -1
            for index in indices:
                start = first
                reach = cues[index].reach
                if reach is not None:
                    if runs < 0:
                        if not spaces:
                            # (none: one before the text, which bounds no window)
                            spaces = [m.end() for m in _SPACES.finditer(low)] or [-1]
                        runs = bisect_right(spaces, position)
                    if runs > reach:
                        start = bisect_left(starts, spaces[runs - reach - 1])
                        if start < first:
                            start = first
                tried = windows.get(index)
                if tried is None:
                    windows[index] = set(starts[start:last])
                else:
                    tried.update(starts[start:last])
        return windows

    def candidates(self, windows: dict[int, set[int]]) -> list[tuple[int, re.Match[str]]]:
        """Each rule's matches at the starts of its window (not one that modifies a noun)."""
        cues = self.rules.cues
        low = self.low
        candidates: list[tuple[int, re.Match[str]]] = []
        for index, positions in windows.items():
            cue = cues[index]
            prefix, match_at = cue.starts, cue.pattern.match
            for start in positions:
                if prefix is not None and not low.startswith(prefix, start):
                    continue
                match = match_at(low, start)
                if match is not None and not _modifies_noun(cue, match, low):
                    candidates.append((index, match))
        return candidates

    def counts(self, start: int, *, quoted: bool = False) -> bool:
        """Whether a cue at ``start`` is a frame: outside quotes (``quoted``: anywhere), and
        capitalised only where a sentence, a quotation or a title-case headline starts."""
        if not quoted and self.quotes and any(
                a < start < b and len(self.s[a:b].split()) > _SCARE_QUOTE
                and not _QUOTE_OPENS_PREDICATE.search(self.s, 0, a + 1)
                for a, b in self.quotes):
            return False  # a cue in a quotation is the quoted speaker's, not a frame
        return not self.s[start].isupper() or case_ok(self.s, start)

    def speakers(self, cue: Cue, match: re.Match[str], prev_end: int) -> list[_Found]:
        """Who a frame points at: (descriptor, span, where) for each speaker, each place the
        rule's ``speaker_at`` names tried by its strategy in ``LOOK_ORDER``."""
        found: list[_Found] = []
        for where in LOOK_ORDER:
            if cue.looks(where):
                had = len(found)
                _LOOKS[where](self, cue, match, prev_end, found)
                if where == "left" and cue.subject is not None:
                    # a rule's ``subject`` holds for whoever the left strategy found: the
                    # subject, a relative pronoun's antecedent or a coordinated verb's speaker
                    # ("Spaniards who asked him" is no letter)
                    found[had:] = [f for f in found[had:]
                                   if cue.subject.search(self.s, f[1][0], f[1][1])]
        for desc, span, mode in found:
            if mode in ("left", "inverted") and desc.kind != NONE:
                self.last = (desc, span)
        if found and cue.stance == "asserts" and cue.looks("left"):
            self.said_end = match.end()
            self.said_verb = (match.group(0).lower().split() or [""])[-1]
        return found

    # -- the strategies of ``speaker_at`` ------------------------------------------------------
    def look_inverted(self, cue: Cue, match: re.Match[str], prev_end: int,
                      found: list[_Found]) -> None:
        """`"...," said X, a Y` (after a closing quote or a comma): the words after the cue,
        unless a descriptor before it speaks ("..., the ministry said")."""
        before = self.s[prev_end : match.start()].rstrip()
        if before.endswith(_TAG_DASHES) and before[:-1].rstrip().endswith(_DASHED_AFTER):
            before = before[:-1].rstrip()  # '...”, - concluded the minister' (session 25)
        quoted = ends_quote(before)
        opening = not before  # a tag that opens its sentence and ends at a colon ("Said X:")
        if not (quoted or before.endswith(",") or opening):
            return
        if match.group().split(maxsplit=1)[0].endswith("ing"):
            return  # ", saying ...": a participle goes on with the clause's subject (left)
        inverted = inverted_descriptor(self.s, match.end())
        if inverted is None or (opening and not self.s[inverted[1] :].lstrip().startswith(":")):
            return
        left = None if quoted else left_descriptor(self.s, prev_end, match.start())
        if left is not None and _clause_before_tag(self.s, left, match.start()):
            left = None  # "..., left 78 dead, said the agency": the clause before the tag
        left_desc = self.classify(left) if left is not None else None
        if left is not None and left_desc is not None and not clause_like(
            self.s[left[0] : left[1]]
        ) and not _NEGATION.search(self.low, left[0], left[1]) and _content_stance(
            self.rules, self.low[left[0] : left[1]]
        )[0] is None:  # (words that negate, refuse or deny are the words said: "Coach not
            # leaving, says club", "No truth in reports, says ministry")
            found.append((left_desc, left, "left"))
            return
        split = writer_and_publication(self.s, inverted)
        if split is not None:
            # "wrote commentator Ana Ruiz in newspaper Harbourposten": the writer and the
            # publication, each its own kind (the writer last: the one "he" goes on with)
            writer, publication = self.classify(split[0]), self.classify(split[1])
            if (writer is not None and publication is not None
                    and publication.kind == "media" and writer.kind not in ("media", NONE)):
                found.append((publication, split[1], "inverted"))
                found.append((writer, split[0], "inverted"))
                return
        desc = self.classify(inverted)
        if desc is not None:
            found.append((desc, inverted, "inverted"))

    def look_left(self, cue: Cue, match: re.Match[str], prev_end: int,
                  found: list[_Found]) -> None:
        """The subject before the cue ("the ministry said"), or the one a coordinated verb or
        a relative pronoun goes back to ("and added", "the FSB, which declined"): the first of
        the readings below that finds a speaker, else the subject of the words before."""
        before = self.s[prev_end : match.start()].rstrip()
        progressive = _verb_word(match.group()).endswith("ing")  # "is (strongly) denying"
        if found or (not progressive and _PASSIVE.search(before, max(0, len(before) - 6))):
            return
        left = _Left(cue, match, prev_end, before, progressive, _SET_OFF.search(before),
                     _RELATIVE_END.search(self.s, prev_end, match.start()))
        speaker = (self.participle_goes_on(left) or self.restricted_noun(left)
                   or self.relative_antecedent(left) or self.name_before_who(left)
                   or self.second_verb(left))
        if speaker is not None:
            found.append(speaker)
        elif not (before.endswith(" to") and _OBJECT_CONTROL.search(before)):
            # (object control: "asked the directors to deny the report": the directors would
            # deny, no one here)
            found.extend(self.left_subject(left))

    def participle_goes_on(self, left: _Left) -> _Found | None:
        """A participle set off by a comma (", denying the report"): it goes on with the
        clause's speaker, the last one, else a pronoun that opens the sentence ("He updated
        reporters at a briefing, saying ...": not a noun inside its clause, "reporters")."""
        if not left.progressive or left.comma is None:
            return None
        if self.last is not None:
            return (self.last[0], self.last[1], "coordinated")
        subject = self.sentence_subject()
        clause_end = left.prev_end + left.comma.start()
        if subject is not None and subject[0].how == "pronoun" and subject[1][1] <= clause_end:
            return (subject[0], subject[1], "coordinated")
        return None

    def restricted_noun(self, left: _Left) -> _Found | None:
        """The noun phrase a restrictive clause picks out ("business leaders who say ..."),
        before an asserting cue with no relative pronoun, participle or subject rule; not a
        name's clause ("Ana Ruiz of Lyon who said") nor anyone picked out ("the man who said
        he saw it": no source)."""
        if (left.relative is not None or left.progressive or left.cue.stance != "asserts"
                or left.cue.subject is not None):
            return None
        restricted = _RESTRICTIVE_WHO.search(self.s, left.prev_end, left.match.start())
        if restricted is None or (restricted.start(1) and _CAPITALISED.search(
                self.s, restricted.start(1), restricted.end(1))):
            return None
        desc = self.classify(restricted.span(1))
        if desc is None or desc.kind in (CARRIED, NONE) or (desc.how in _ANYONE and (
                not _PLURAL_END.search(self.s, restricted.start(1), restricted.end(1)))):
            return None
        return (desc, restricted.span(1), "restricted")

    def relative_antecedent(self, left: _Left) -> _Found | None:
        """What a relative pronoun before the cue goes back to: the speaker of the frame
        before ('"...," said X, who added ...'), a proper name ("the council met Jane Hollis,
        who said ..."), or a common noun phrase ("the mayor met the farmers, who told her
        ...": the farmers, not the clause)."""
        relative = left.relative
        if relative is None:
            return None
        if self.last is not None and self.ends_at(relative.start()):
            return (self.last[0], self.last[1], "relative")
        named = self.named_antecedent(left.prev_end, relative.start())
        if named is not None:
            return (named[0], named[1], "relative")
        common = _COMMON_ANTECEDENT.search(self.s, left.prev_end, relative.start())
        desc = self.classify(common.span()) if common is not None else None
        if common is not None and desc is not None and desc.kind not in (CARRIED, NONE):
            return (desc, common.span(), "relative")
        return None

    def name_before_who(self, left: _Left) -> _Found | None:
        """A name right before "who", no comma ("President Ana Ruiz who said ..."); not a
        capitalised pronoun opening the sentence ("Anyone who wants ...")."""
        if left.relative is not None or left.progressive:
            return None
        bare = _BARE_WHO.search(self.s, left.prev_end, left.match.start())
        named = self.named_antecedent(left.prev_end, bare.start()) if bare is not None else None
        if named is None or lower(self.s[named[1][0] : named[1][1]]) in _INDEFINITE_PRONOUNS:
            return None
        return (named[0], named[1], "relative")

    def second_verb(self, left: _Left) -> _Found | None:
        """"Ruiz denied the rumours and said ...": the second verb of the speaker of the cue
        before it, not of that cue's object."""
        if left.prev_end and self.last is not None and left.before.endswith(
                (" and", " but", " and also", " but also")):
            return (self.last[0], self.last[1], "coordinated")
        return None

    def left_subject(self, left: _Left) -> list[_Found]:
        """The subject of the words before the cue, each of its parties ("Ruiz and Vale
        said"); else the last speaker after "and", "but", "also" or "then", or what "which" or
        "who" goes back to; and when none, for a verb that goes on with the sentence (``_goes_on``),
        the sentence's subject."""
        found: list[_Found] = []
        cue, before = left.cue, left.before
        how = "left" if left.relative is None else "relative"
        span = left_descriptor(self.s, self.subject_start(left), self.subject_end(left))
        # the subject of a reported clause ("X said (that) Y ...") is no speaker of its own,
        # unless it refuses or denies: "the paper noted that officials had yet to comment"
        # (a pronoun there, or the reporting speaker's own body, is that speaker's own
        # refusal: "X said it was unaware", "a bank official ..., saying the bank does not");
        # nor does it assert, unless its own verb is one of ``nested_speaker_cues`` ("a paper
        # said the minister had told MPs ...": the minister speaks too, guide 2)
        nested = span is not None and self.embedded(span[0])
        joined = joined_clause(self.s, *span) if span is not None and nested else None
        if joined is not None:
            # "X said there were no charges and the mayor added ...": the second clause's
            # subject speaks for itself, it is no subject inside X's reported clause
            span, nested = joined, False
        if span is not None and nested and (self.same_party(span) or (
                cue.stance == "asserts" and not self.nested_speaker(left))):
            span = None
        if (span is not None and cue.subject is not None
                and not cue.subject.search(self.s, span[0], span[1])):
            span = None
        if span is not None:
            for part in parties(self.s, span):
                desc = self.classify(part) or _party(self.s[part[0] : part[1]])
                if desc is not None and not (nested and (desc.how == "pronoun" or (
                        cue.stance == "asserts" and desc.kind == "unnamed"))):
                    # an anonymous source inside a report is the hearsay rules' ("reported
                    # a club source confirmed ...": attr.hearsay.cited_sources)
                    found.append((desc, part, how))
        elif self.last is not None and before.endswith((" and", " but", " also", " then")):
            found.append((self.last[0], self.last[1], "coordinated"))
        elif before.endswith((" which", " who")):
            antecedent = _ANTECEDENT.search(self.s, left.prev_end, left.match.start())
            desc = self.classify(antecedent.span(1)) if antecedent is not None else None
            if antecedent is not None and desc is not None:
                found.append((desc, antecedent.span(1), how))
        if not found and cue.subject is None and _goes_on(left):
            # "Ruiz has disputed the critique, but says ...", "Ruiz is more cautious, saying
            # ...": the verb goes on with the sentence's subject, also when no cue came first
            subject = self.sentence_subject()
            if subject is not None:
                found.append((subject[0], subject[1], "coordinated"))
        return found

    def nested_speaker(self, left: _Left) -> bool:
        """Whether the cue's verb is one whose subject speaks for itself inside another
        speaker's reported clause, a verb of saying inside a verb of saying
        (``Rules.nested_speaker_cues``: "the paper reported the minister had told MPs ..."),
        not negated ("has never told")."""
        cues = self.rules.nested_speaker_cues
        words = left.match.group(0).lower().split()
        if not words or words[-1] not in cues or self.said_verb not in cues:
            return False
        return _NEGATION.search(self.low, left.prev_end, left.match.start()) is None

    def subject_start(self, left: _Left) -> int:
        """Where the subject's words before the cue may start: after the one the frame
        before told its words to ("told reporters he would not comment": "he", not
        "reporters he")."""
        told = self.told_end
        if (told is not None and left.prev_end <= told < left.match.start()
                and "," not in self.s[told : left.match.start()]):
            return told
        return left.prev_end

    def subject_end(self, left: _Left) -> int:
        """Where the subject's words before the cue end: before a scare quote that opens the
        cue (“rejected”), at the comma that sets a participle off (", even declining": the
        words before "even"), before a response verb ("Ruiz agreed(,) saying": "Ruiz")."""
        cue_start = left.match.start()
        if cue_start and self.s[cue_start - 1] in "“\"‘'":
            cue_start -= 1
        head = left.before
        if left.progressive and left.comma is not None:
            cue_start = left.prev_end + left.comma.start() + 1
            head = left.before[: left.comma.start()]
        if left.progressive and (response := _RESPONSE_END.search(head)) is not None:
            cue_start = left.prev_end + response.start()
        return cue_start

    def same_party(self, span: tuple[int, int]) -> bool:
        """Whether the last word of the words at ``span`` ("the bank") is one of the last
        speaker's words ("A bank official")."""
        if self.last is None:
            return False
        words = lower(self.s[span[0] : span[1]]).split()
        return bool(words) and words[-1] in lower(self.s[self.last[1][0] : self.last[1][1]]).split()

    def named_antecedent(self, limit: int, comma: int) -> tuple[Descriptor, tuple[int, int]] | None:
        """The proper name right before the comma of ", who": the noun the relative clause
        hangs on, unless a preposition makes it part of a longer phrase ("the leader of the
        opposition in Hesse, who")."""
        name = _NAME_BEFORE.search(self.s, limit, comma)
        if name is None:
            return None
        start = name.start()
        titled = _TITLE_OF.search(self.s, limit, start)
        if titled is not None and self.rules.titles.fullmatch(lower(titled.group(1))):
            # "UN High Commissioner for Human Rights Michelle Bachelet, who": "for" joins
            # the words of the title before the name, which are all the antecedent
            start = titled.start()
        elif _PREPOSITION_BEFORE.search(self.s, limit, start):
            # "met Ana Ruiz, the mayor of Harbour, who said": the relative hangs on the name
            # the appositive describes, not on the appositive's last noun
            return self.described_antecedent(limit, comma)
        desc = self.classify((start, name.end()))
        if desc is None or desc.kind in (NONE, CARRIED):
            return None
        return desc, (start, name.end())

    def described_antecedent(
        self, limit: int, comma: int
    ) -> tuple[Descriptor, tuple[int, int]] | None:
        """A person's name and its appositive right before the comma of ", who" ("met Ana
        Ruiz, the mayor of Harbour, who"): the relative hangs on them, whatever governs the
        name."""
        opened = max(_APPOSITIVE_OPEN.finditer(self.s, limit, comma),
                     key=lambda m: m.start(), default=None)
        if opened is None or "," in self.s[opened.end() : comma]:
            return None
        name = _NAME_BEFORE.search(self.s, limit, opened.start())
        if name is None or not name.group().strip():
            return None
        desc = self.classify((name.start(), comma))
        if desc is None or desc.kind in (NONE, CARRIED) or not desc.person:
            return None
        return desc, (name.start(), comma)

    def ends_at(self, comma: int) -> bool:
        """Whether the last speaker's words end at ``comma`` or run on over it (a descriptor
        after a quote tag runs to the sentence's end: "said X, a Y, who ...")."""
        if self.last is None:
            return False
        start, end = self.last[1]
        return start < comma and (end > comma or not self.s[end:comma].strip(" ,"))

    def look_between(self, cue: Cue, match: re.Match[str], prev_end: int,
                     found: list[_Found]) -> None:
        """"a charge (that) they deny": the words between the cue and the ``until`` verb."""
        assert cue.until is not None
        verb = cue.until.search(self.s, match.end())
        start = match.end()
        while verb is not None and start < verb.start() and self.s[start].isspace():
            start += 1
        if verb is not None and verb.start() > start:
            span = (start, verb.start())
            desc = self.classify(span)
            if desc is not None:
                found.append((desc, span, "right"))

    def cue_span(self, cue: Cue, match: re.Match[str], span: tuple[int, int]) -> tuple[int, int]:
        """The cue's words: the match, or for ``until_is_cue`` the verb after the speaker's
        words ("which Ana Ruiz considers": "considers")."""
        if cue.until_is_cue and cue.until is not None:
            verb = cue.until.search(self.s, span[1])
            if verb is not None:
                words = verb.group()
                return verb.start() + len(words) - len(words.lstrip()), verb.end()
        return match.span()

    def look_right(self, cue: Cue, match: re.Match[str], prev_end: int,
                   found: list[_Found]) -> None:
        """The words after the cue ("according to X", "citing X and Y")."""
        opening = not self.s[: match.start()].strip(" \"“")
        right = right_descriptor(self.s, match.end(), according=cue.appositive and not opening)
        if right is not None and cue.appositive and clause_like(self.s[right[0] : right[1]]):
            right = self.uncommaed_source(right)
        for part in coordinated(self.s, right) if right is not None else []:
            subject = _SUBJECT_PRONOUN.get(self.low[part[0] : part[1]])
            # "according to him": the person "he" stands for
            desc = self.classify(part) if subject is None else classify(
                subject, self.rules, self.registry, self.outlet)
            if desc is None and cue.unclassified is not None and _CONTENT.search(
                    self.s, part[0], part[1]) and not _OBJECT_PRONOUN.fullmatch(
                    self.s, part[0], part[1]):
                # "according to his Facebook profile": whoever published it, unnamed
                desc = Descriptor(cue.unclassified, UNCLASSIFIED_RULE, person=False)
            if desc is not None:
                found.append((desc, part, "right"))

    def uncommaed_source(self, right: tuple[int, int]) -> tuple[int, int]:
        """The source of "according to X" when no comma ends it ("According to Ruiz the bridge
        will reopen"): the shortest words a descriptor rule reads, followed by a clause that
        opens with a determiner, a pronoun or a name (after a lower-case word); else all."""
        words = [(m.start(), m.end()) for m in _WORD_SPAN.finditer(self.s, right[0], right[1])]
        for k in range(1, min(len(words) - 1, 8)):
            first = self.s[words[k][0] : words[k][1]]
            last = self.s[words[k - 1][0] : words[k - 1][1]]
            opens = bool(_CLAUSE_OPENER.match(first)) or (
                first[:1].isupper() and not last[:1].isupper())
            prefix = (right[0], words[k - 1][1])
            if (not opens or _FINITE.search(self.s, prefix[0], prefix[1])
                    or not clause_like(self.s[words[k][0] : right[1]])):
                continue
            if last.lower() in _OPEN_ENDS:
                continue  # "people familiar with | the matter"
            if _OBJECT_PRONOUN.fullmatch(last) or self.classify(prefix) is not None:
                return prefix
        return right

    def look_object(self, cue: Cue, match: re.Match[str], prev_end: int,
                    found: list[_Found]) -> None:
        """A news organisation as the object of the cue ("told Reuters", "interview with")."""
        self.media_object(cue, match)

    def look_cue(self, cue: Cue, match: re.Match[str], prev_end: int,
                 found: list[_Found]) -> None:
        """The cue's own words are the source (handled in ``frames``)."""

    def media_object(self, cue: Cue, match: re.Match[str]) -> None:
        """A news organisation as the object of the cue ("told Reuters", "interview with")."""
        title = _QUOTED_TITLE.match(self.s, match.end())
        if title is not None:
            # a title in quotation marks told or interviewed ('told "Morning Live"') is a
            # programme or a publication
            self.fixed("media", "asserts", title.span(1), match.span(),
                       f"{cue.id}+{_QUOTED_TITLE_RULE}")
            return
        obj = right_descriptor(self.s, match.end())
        if obj is None:
            return
        if cue.reported_after_object:
            self.told_end = obj[1]
        press = _NOT_MEDIA_OBJECT.match(self.s, obj[0], obj[1])
        if press is not None and not self.rules.media_name.search(press.group()) and not any(
                source.is_media for source, _, _ in find_names(self.registry, press.group())):
            return
        named = _APPOSITIVE_NAME.match(self.s, obj[1])
        if named is not None:
            obj = (obj[0], named.end(1) - (self.s[named.end(1) - 1] == "."))
        desc = self.classify(obj)
        if desc is None or desc.kind != "media":
            # a programme or a presenter of a news organisation ("told the BBC's Nolan Show",
            # "told ITV's Peston"): the organisation
            owner = _OWNER.match(self.s, obj[0], obj[1])
            if owner is not None:
                obj = owner.span(1)
                desc = self.classify(obj)
        name_kind = cue.object_name_kind or cue.name_kind
        if (desc is not None and desc.kind != "media" and name_kind is not None
                and desc.how in LOOKUP_HOWS and not _NOT_A_NAME.match(self.s, obj[0], obj[1])
                and not self.low.endswith(" on", 0, match.end())):
            # a name nothing describes, where the cue's words show its kind ("in a statement
            # to Vexler": a news organisation); not after "on", which may name a topic ("in
            # an interview on Brexit")
            desc = Descriptor(name_kind, desc.rule, desc.person, desc.names, how=desc.how)
        if desc is not None and desc.kind == "media":  # the one told speaks no next sentence
            self.fixed("media", "asserts", obj, match.span(), f"{cue.id}+{desc.rule}")

    def embedded(self, start: int) -> bool:
        """Whether a subject opens the reported clause of an earlier "X said (that) ..."."""
        if _PARTICIPLE.search(self.low, max(0, start - 24), start):
            return True
        if _OPENING_PARTICIPLE.match(self.low, start):  # ", saying the company does not ..."
            return True
        if self.said_end is None or start < self.said_end:
            return False
        return _REPORTED_CLAUSE.fullmatch(self.s[self.reported_start(start) : start]) is not None

    def reported_start(self, start: int) -> int:
        """Where the reported clause of the last "X said" may start: after the one told
        ("X told Reuters (that) it would not comment"), else right after the cue."""
        told = self.told_end
        said = self.said_end if self.said_end is not None else 0
        return told if told is not None and said <= told <= start else said

    def speak(self, cue: Cue, cue_span: tuple[int, int], desc: Descriptor,
              span: tuple[int, int], content: tuple[int, int],
              mention: tuple[int, int] | None = None, remembered: bool = True) -> None:
        if desc.kind == NONE and desc.how == "self_reference" and cue.own_outlet is not None:
            # the publishing outlet itself understands: its own unnamed sources
            desc = Descriptor(cue.own_outlet, desc.rule, False, (), how=desc.how)
        if desc.kind == NONE:
            return
        stances = self.stances(cue, content)
        if desc.how == "party":  # a common noun's party counts for its refusal or denial only
            stances = [(stance, extra) for stance, extra in stances if stance != "asserts"]
            if not stances:
                return
        if cue.stance == "denies" and _UNDONE.search(self.low, 0, cue_span[0]):
            return
        if cue.stance == "denies" and _NEGATED.search(self.low, 0, cue_span[0]):
            stances = [("declines", "+negated") if stance == "denies" else (stance, extra)
                       for stance, extra in stances]
        if _NEGATIVE_SUBJECT.match(self.s, span[0]):
            stances = [("declines", ""), *(s for s in stances if s[0] != "asserts")]
        antecedent = None
        if desc.how == "pronoun":
            antecedent = self.subject_before(span[0])
        self.steps.append(Step(desc, span, cue_span, cue.id, tuple(stances),
                               antecedent=antecedent, carries=cue.carries and remembered,
                               name_kind=cue.name_kind, mention=mention,
                               remembered=remembered))
        if desc.how == "source":
            self.sources_outlet(cue, cue_span, span)

    def sources_outlet(self, cue: Cue, cue_span: tuple[int, int], span: tuple[int, int]) -> None:
        """The news organisation whose sources speak ("Bloomberg sources", "Reuters' sources",
        "a source for People"): it carries what they say (media), besides the sources."""
        for source, start, end in find_names(self.registry, self.s[span[0] : span[1]]):
            if source.is_media and (self.outlet is None or source.id != self.outlet.id):
                at = (span[0] + start, span[0] + end)
                self.fixed("media", "asserts", at, cue_span, f"{cue.id}+spk.registry")
                return

    def subject_before(self, start: int) -> tuple[Descriptor, tuple[int, int]] | None:
        """The sentence's own subject, for "..., which it also denied"."""
        before = self.s[:start].rstrip().lower()
        if not before.endswith(("which", "that", "who", " and", " but")):
            return None
        subject = self.sentence_subject()
        if subject is None or subject[0].kind == CARRIED:
            return None
        return subject

    def sentence_subject(self) -> tuple[Descriptor, tuple[int, int]] | None:
        """The proper name or pronoun that opens the sentence, as its subject ("Ruiz", "The
        Harbour Authority", "She"): a speaker when its words name one."""
        lead = _LEADING_COMMA.match(self.s)
        subject = _SUBJECT.match(self.s, lead.end() if lead is not None else 0)
        if subject is None:
            return None
        start, end = subject.span(1)
        end = start + len(self.s[start:end].rstrip())
        if DATELINE.match(self.s, start):
            return None  # "BAGHDAD - ...", "LONDON (Reuters) -": a place, not the subject
        desc = self.classify((start, end))
        if desc is None or desc.kind == NONE or (desc.kind == CARRIED and desc.how != "pronoun"):
            return None
        first = self.s[start:end].split(maxsplit=1)[0]
        if desc.how != "pronoun" and (first in sentence_openers() or first.endswith("ing")):
            return None  # "In the interview, ...", "Speaking in Ohio, ...": no subject
        return desc, (start, end)

    def stances(self, cue: Cue, content: tuple[int, int]) -> list[tuple[Stance, str]]:
        """The stances of a speaker's words: the cue's own, and what the content adds."""
        return split_stances(self.rules, self.low[content[0] : content[1]], cue.stance)

    # -- headlines, captions, the reports a party answers ---------------------------------------
    def headline_tag(self) -> None:
        """A headline's tag after a colon or a dash ("...: sources", "... – mayor"): who told
        the headline's words; when a frame of the headline names its speaker already ("Acme
        denies report: lawyer"), the tag is the one who told that speaker's words, no other."""
        headline = self.rules.headline
        if not headline.gate.admits(self.s) or any(not s.fixed for s in self.steps):
            return
        match = headline.pattern.search(self.s)
        if match is None:
            return
        group = match.lastindex or 1  # the pattern's one group that took part
        span = match.span(group)
        desc = self.classify(span)
        # the headline's words before the tag are the teller's: a denial or refusal there is
        # its stance ("Reports of a rift 'fake' - diplomat") (session 26)
        stance, extra = _content_stance(self.rules, self.low[: span[0]])
        if group == headline.pattern.groups:
            # a name after a dash ("... - Kuleba"): the article's person, or no one (a place,
            # a byline); a news organisation there is the headline credit's
            if desc is not None and desc.how in LOOKUP_HOWS:
                self.steps.append(Step(desc, span, span, headline.id + extra,
                                       ((stance or "asserts", ""),), known_only=True))
            return
        if desc is not None and desc.kind not in (CARRIED, NONE):
            rule = f"{headline.id}+{desc.rule}{extra}"
            self.fixed(desc.kind, stance or "asserts", span, span, rule)

    def headline_credit(self) -> None:
        """A news organisation credited at the end of a headline ("Acme to buy Beta - CNBC");
        any other name there (a place, a person) is no credit."""
        credit = self.rules.headline_credit
        if not credit.gate.admits(self.s):
            return
        match = credit.pattern.search(self.s)
        if match is None or any(s.source[0] <= match.start(1) < s.source[1] for s in self.steps):
            return
        span = match.span(1)
        desc = self.classify(span)
        if desc is not None and desc.kind == "media":
            self.fixed("media", "asserts", span, span, f"{credit.id}+{desc.rule}")

    def speaker_label(self, headline: bool) -> None:
        """A transcript's "ROE:" or a headline's "Mayor:" names who speaks. In a headline, a
        turn's label of at most its rule's ``headline_words`` ("ACME: ...") is read as a
        transcript's turn and as the headline's speaker both: the article's turns decide
        which counts (``_Turns.admitted``)."""
        turn = False
        for label in self.rules.labels:
            if (label.headline_only and not headline) or (turn and not label.headline_only):
                continue
            match = label.pattern.match(self.s)
            if match is None:
                ended = label.ends_turn.match(self.s) if label.ends_turn is not None else None
                if ended is not None:  # an entry time ends the turn and names nobody
                    nobody = Descriptor(NONE, label.id, person=True)
                    self.steps.append(Step(nobody, ended.span(), ended.span(), label.id,
                                           (("asserts", ""),), fixed=True, holds=True))
                    return
                continue
            group = next(g for g in range(1, (match.lastindex or 0) + 1) if match.group(g))
            span = match.span(group)
            if label.names_nobody(match.group(group)):  # the questioner's turn, an entry time
                nobody = Descriptor(NONE, label.id, person=True)
                self.steps.append(Step(nobody, span, span, label.id, (("asserts", ""),),
                                       fixed=True, holds=label.holds, label=label))
                return
            step = self._label_step(label, span, match.end())
            if step is None:
                continue
            self.steps.append(step)
            if not (headline and len(self.s[span[0] : span[1]].split()) <= label.headline_words):
                return
            turn = True

    def _label_step(self, label: Label, span: tuple[int, int], end: int) -> Step | None:
        """The step of a speaker label's words at ``span`` (its content from ``end``), or None
        when they name no speaker."""
        desc = self.classify(span)
        if desc is None or desc.kind in (CARRIED, NONE):
            return None
        if label.person is not None and desc.how in LOOKUP_HOWS:
            desc = Descriptor(label.person, desc.rule, True, desc.names, how=desc.how)
        stance, extra = _content_stance(self.rules, self.low[end:])
        rule = f"{label.id}+{desc.rule}{extra}"
        colon = self.s.find(":", span[1])
        cue = (colon, colon + 1) if colon >= 0 else span  # the label's colon is its cue
        guessed = not label.undescribed_names and desc.how in _GUESSED_NAMES
        return Step(desc, span, cue, rule, ((stance or "asserts", ""),), fixed=True,
                    carries=True, holds=label.holds, label=label, known_only=guessed)

    def caption_credit(self) -> None:
        if not _may_hold_credit(self.s):
            return
        match = self.rules.credit.pattern.search(self.s)
        if match is None:
            return
        group = next(g for g in range(1, (match.lastindex or 0) + 1) if match.group(g))
        start, end = match.span(group)
        names = find_names(self.registry, self.s[start:end])
        kind = "media" if any(source.is_media for source, _, _ in names) or (
            _organisation_credited(self.s[start:end], self.rules, self.registry)) else NONE
        # (a photographer's or a body's own picture, "Image: Ana Roe", names no source, and
        # its name is no speaker a later "he" stands for)
        end = start + len(self.s[start:end].rstrip())
        rule = self.rules.credit.id
        self.steps.append(Step(Descriptor(kind, rule, person=False), (start, end),
                               (start, end), rule, (("asserts", ""),), fixed=True,
                               credited=tuple(source.id for source, _, _ in names)))

    def report_objects(self) -> None:
        """The report a party denies or will not confirm is ``media`` (unless its outlet is)."""
        if not self.steps:
            return
        report_object = self.rules.report_object
        media = [s for s in self.steps if s.desc.kind == "media"]
        # (and "the report" that stands for an earlier one, whoever's: its author here says
        # whose it is, and words that hold it are no second report)
        reports = media + [s for s in self.steps if s.desc.kind == CARRIED
                           and s.desc.how == "backref"
                           and report_object.pattern.fullmatch(self.s, *s.source)]
        for report in reports:
            if (report_object.pattern.fullmatch(self.s, *report.source) and any(
                self.authored(report.source[1], other) for other in media if other is not report
            )) or (report.desc.kind == "media" and len(reports) > 1 and any(  # "a copy
                # reviewed by X" holds the outlet "X"
                other is not report and report.source[0] <= other.source[0]
                and other.source[1] <= report.source[1] and other.source != report.source
                and not (other.fixed and other.source == other.cue)  # a hearsay phrase
                for other in reports
            )):
                self.steps.remove(report)
        if not any(stance != "asserts" for s in self.steps for stance, _ in s.stances):
            return
        if not report_object.gate.admits(self.s):
            return
        # a denial or a refusal in the speaker's own quoted words ("'This story has been
        # fabricated,' she said") is about the report those words name
        quoted_stance = any(extra for s in self.steps for stance, extra in s.stances
                            if stance != "asserts")
        for match in report_object.pattern.finditer(self.s):
            if _OWN_REPORT.search(self.s, max(0, match.start() - 40), match.start()):
                continue  # "said in a preliminary report": the party's own document
            named = [  # the news report a hearsay phrase named ("a local media report"): this
                s for s in self.steps  # rule's words for it say more ("the report by X")
                if s.fixed and s.source == s.cue and s.desc.kind == "media"
                and s.source[0] < match.end() and match.start() < s.source[1]
            ]
            if (inside(self.quotes, match.start()) and not quoted_stance) or any(
                s.source[0] <= match.start() < s.source[1]
                or (not s.fixed and s.cue[0] <= match.start() < s.cue[1])  # "CNN reports"
                for s in self.steps if s not in named
            ):
                continue
            for step in named:
                self.steps.remove(step)
            if any(self.authored(match.end(), other) for other in media):
                return
            author = _BY.match(self.s, match.end())
            obj = right_descriptor(self.s, author.end()) if author is not None else None
            desc = self.classify(obj) if obj is not None else None
            if obj is not None and desc is not None and desc.kind == "media":
                rule = f"{report_object.id}+{desc.rule}"
                self.fixed("media", "asserts", obj, obj, rule)
            else:
                rule = report_object.id
                self.fixed("media", "asserts", match.span(), match.span(), rule)
            return

    def embedded_refusals(self) -> None:
        """"X told Reuters that it does not comment": the pronoun's refusal is X's whole
        content, so X's own step (an assertion with no words of its own) goes, and the
        pronoun is X."""
        steps = self.steps
        for i in range(len(steps) - 1):
            said, refused = steps[i], steps[i + 1]
            if (said.fixed or refused.fixed or refused.desc.how != "pronoun"
                    or any(stance != "asserts" for stance, _ in said.stances)
                    or all(stance == "asserts" for stance, _ in refused.stances)):
                continue
            if _EMBEDDED_GAP.fullmatch(self.s, said.cue[1], refused.source[0]) is None:
                continue
            steps[i + 1] = replace(refused, antecedent=(said.desc, said.source))
            del steps[i]
            return

    def claim_objects(self) -> None:
        """The author of a claim a party denies or will not confirm speaks for it ("rejected
        Russia's claim"): its own kind, through the article's memory like any speaker."""
        if not any(stance != "asserts" for s in self.steps for stance, _ in s.stances):
            return
        claim_object = self.rules.claim_object
        if not claim_object.gate.admits(self.s):
            return
        for match in claim_object.pattern.finditer(self.s):
            group = next((g for g in range(1, (match.lastindex or 0) + 1) if match.group(g)), 0)
            span = match.span(group)
            if not group or inside(self.quotes, span[0]) or any(
                s.source[0] <= span[0] < s.source[1] for s in self.steps
            ):
                continue
            desc = self.classify(span)
            if desc is None or desc.kind in (CARRIED, NONE) or desc.how == "party":
                continue
            self.steps.append(Step(desc, span, span, claim_object.id, (("asserts", ""),),
                                   carries=False))

    def authored(self, report_end: int, outlet: Step) -> bool:
        """Whether ``outlet`` is named as the author of a report ending at ``report_end``."""
        start = outlet.source[0]
        return start >= report_end and bool(_AUTHORED.fullmatch(self.s, report_end, start))


def _party(words: str) -> Descriptor | None:
    """A party named by a common noun ("the agent"): counts only when it refuses or denies."""
    if _PARTY.fullmatch(words):
        return Descriptor("unnamed", "spk.party", person=True, how="party")
    return None


#: Name strategies that guess from capitals alone: a sentence's first word may be any word.
_GUESSED_NAMES = frozenset({"proper_name"})

_Look = Callable[[_Planner, Cue, re.Match[str], int, list[_Found]], None]
#: The strategy of each place a frame's ``speaker_at`` may name.
_LOOKS: dict[Look, _Look] = {
    "inverted": _Planner.look_inverted,
    "left": _Planner.look_left,
    "between": _Planner.look_between,
    "right": _Planner.look_right,
    "object": _Planner.look_object,
    "cue": _Planner.look_cue,
}
