"""News reports the sentence names: in a denial it does not tag itself, and with the news
organisation whose report it is (pure, no DB).

A sentence planner names the report a party denies when the denial's tag is in the sentence
("'This report is false,' the minister said": ``media`` besides the denial, the rule
``report_object``). A quotation that goes on untagged ("Reports of a deal are flat out
wrong. This report is false," the minister said, its first sentence) carries its denial
from the speaker only after the whole article is attributed, so the report its words name
is found here, by the same ``report_object`` rule: the guide's "a news report that carries
the claim is media, also when it is the thing being denied" holds in every sentence of the
denial.

A report named with its news organisation ("a Bloomberg report", "The Sun's story", "a
report by Harbour Radio", "in a recent Reuters interview") is that organisation's, ``media``,
wherever the sentence names it, also when no party answers it: the organisation is the
source (rule ``media.outlet_report``, the nouns and links in the frames lexicon's
``outlet_report_nouns`` and ``outlet_report_links``). The name must be a news organisation's:
one the registry knows as media, or a news name's shape ("the Harbour Times"); never the
page's own publisher, and not in a question ("Is the Courier story accurate?").

An anonymous source that speaks has not declined to: "sources said both parties are
undecided", "the source said: 'Nothing was concrete'" tell what the parties have not done, and
the guide's anonymous source is ``unnamed`` whatever it tells. An ``unnamed`` attribution named
by a source word (``spk.source_noun``, ``spk.backref``) whose refusal comes from its words
(a content rule, ``attr.content.*``, ``read.refuse.*``), not from its cue ("declined to
comment"), asserts (``media.source_tells`` added to its rule id). Its denials stay: the fit
sets label "sources close to the club said there is no truth in it" the club's denial.

Anonymous sources the sentence names as people ("four senior industry sources said", "with
reference to four sources familiar with the matter", "its source, who spoke on condition of
anonymity, stood by the information") are ``unnamed`` (guide 2: "the sources said"), also
inside another speaker's words, where a frame's reported clause hides them (rule
``media.anonymous_source``; the words in the frames lexicon's ``anonymous_source_*`` lists).
None when the sentence already has an unnamed or unnamed_official attribution, or another
attribution's source holds the words (a source that only denies is ``denied``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from verifier.analysis.attribution.rules import FRAMES, Rules, anonymous_heads, word_list
from verifier.analysis.attribution.speakers import find_names
from verifier.analysis.results import Attribution, Sentence, Span, Speaker
from verifier.registry import Registry, Source

#: News at large ("this news is baseless", "Kyodo News"): a verdict's word or an outlet's
#: name as often as a report, so a denial carried from elsewhere names no report by it.
_NEWS = re.compile(r"\bnews$", re.I)
#: "That story", "those reports": the account an earlier sentence told, which the denial's
#: own words point back at, as often as a news report.
_POINTED_BACK = re.compile(r"\b(?:that|those)\s+$", re.I)
#: A party's own document ("said in a preliminary report"): no news report.
_OWN_REPORT = re.compile(r"\bin\s+(?:a|an|its|their|his|her)\s+(?:[\w-]+\s+){0,2}$", re.I)


def name_reports_in_carried_denials(
    sentences: Sequence[Sentence],
    result: list[tuple[Attribution, ...]],
    lexicon: Rules,
) -> None:
    """A news report named in a sentence whose every denial is carried from a speaker tagged
    elsewhere (an untagged quotation going on) is ``media`` besides the denial; none when the
    sentence already names a report or hearsay, or the words are a source's (``result``
    changed in place)."""
    rule = lexicon.report_object
    for index, found in enumerate(result):
        denials = [a for a in found if a.stance == "denies"]
        if not denials or not all(a.carried for a in denials) or any(
                a.speaker in ("media", "unnamed") for a in found):
            continue
        sentence = sentences[index]
        if not rule.gate.admits(sentence.text):
            continue
        for match in rule.pattern.finditer(sentence.text):
            before = sentence.text[max(0, match.start() - 40):match.start()]
            if _NEWS.search(match.group()) or _OWN_REPORT.search(before) or (
                    _POINTED_BACK.search(before)):
                continue
            start, end = sentence.start + match.start(), sentence.start + match.end()
            if any(not a.carried and a.source.start < end and start < a.source.end
                   for a in found):
                continue
            words = Span(match.group(), start, end)
            report = Attribution("media", "asserts", words, words, rule.id)
            at = next((n for n, a in enumerate(found) if a.cue.start > start), len(found))
            result[index] = (*found[:at], report, *found[at:])
            break


def let_sources_tell(result: list[tuple[Attribution, ...]]) -> None:
    """An anonymous source (``unnamed``, named by a source word) whose refusal came from the
    words it tells, not from its cue, asserts: it tells that a party has not decided or said
    (``result`` changed in place)."""
    for index, found in enumerate(result):
        if not any(a.speaker == "unnamed" and a.stance == "declines" for a in found):
            continue
        told = []
        for a in found:
            parts = a.rule.split("+")
            if a.speaker == "unnamed" and a.stance == "declines" and any(
                    p in _SOURCE_WORDS for p in parts) and any(
                    p.startswith(_CONTENT) for p in parts[1:]) and _SOURCE_HEAD.search(
                    a.source.text) is not None:
                a = replace(a, stance="asserts", rule=f"{a.rule}+{_TELLS}")
            told.append(a)
        result[index] = tuple(told)


_SOURCE_WORDS = frozenset({"spk.source_noun", "spk.backref"})
#: The source's own words name a source or a person ("sources", "people familiar with ..."),
#: not a rumour the descriptor reads as one ("the speculation originated ...").
_SOURCE_HEAD = re.compile(r"\b(?:" + "|".join(sorted(sorted(anonymous_heads()), key=len,
                                                     reverse=True)) + r")\b", re.IGNORECASE)
_CONTENT = ("attr.content.", "read.refuse.")
_TELLS = "media.source_tells"


#: A capitalised name ("Bloomberg", "Harbour Times", "ESPN", "NBC News"), no possessive "'s".
_WORD = r"[A-Z](?:[\w.&!-]|['’](?!s\b))*"
_NAME = rf"{_WORD}(?:\s+(?:{_WORD}|of|de|la))*?"


def _alternation(words: frozenset[str]) -> str:
    return "|".join(sorted(sorted(words), key=len, reverse=True))


_NOUNS = _alternation(word_list("outlet_report_nouns", FRAMES))
_LINKS = _alternation(word_list("outlet_report_links", FRAMES))
#: "<Name>('s) [one or two words] report" and "report <link> [the] <Name>".
_OUTLET_REPORT = re.compile(
    rf"(?<![\w'’-])(?:(?:[Tt]he|[Aa]n?)\s+)?(?P<before>{_NAME})(?:['’]s?)?\s+"
    rf"(?:[a-z][\w-]*\s+){{0,2}}?(?:{_NOUNS})\b"
    rf"|\b(?:{_NOUNS})\s+(?:(?:published|released|aired|carried|posted)\s+)?"
    rf"(?:{_LINKS})\s+(?:the\s+)?(?P<after>{_WORD}(?:\s+(?:{_WORD}|of|de|la))*)"
)
_RULE = "media.outlet_report"


#: Words that open a sentence or clause and are no part of a name before them.
_OPENERS = (word_list("outlet_report_openers", FRAMES) | word_list("leading_words", FRAMES)
            | word_list("sentence_adverbs", FRAMES))


def _outlet(
    name: str, registry: Registry, media_name: re.Pattern[str]
) -> tuple[int, str] | None:
    """Where in ``name`` a news organisation's name starts (its opening words dropped,
    "While The Sun" -> "The Sun") and how it shows one: ``spk.registry`` (a media name the
    registry knows, with or without "The"), ``spk.media_name`` (a news name's shape,
    "Harbour Gazette"); None when it is none."""
    words = list(re.finditer(r"\S+", name))
    while words and words[0].group().lower() in _OPENERS:
        words.pop(0)
    if not words:
        return None
    at = words[0].start()
    core = name[at:]
    for candidate in (core, f"The {core}"):
        found = find_names(registry, candidate)
        if found:
            source, start, end = found[0]
            if (start, end) == (0, len(candidate)) or (
                    candidate.startswith("The ") and (start, end) == (4, len(candidate))):
                return (at, "spk.registry") if source.is_media else None
    if any(media_name.fullmatch(c) is not None for c in (core, f"the {core}")):
        return at, "spk.media_name"
    return None


def name_outlet_reports(
    sentences: Sequence[Sentence],
    result: list[tuple[Attribution, ...]],
    lexicon: Rules,
    registry: Registry,
    outlet: Source | None,
) -> None:
    """A report named with its news organisation is that organisation's, ``media`` (the
    name is the source); none when the sentence already has a media attribution over the
    same words, the name is the publisher's own, or the sentence is a question (``result``
    changed in place)."""
    for index, found in enumerate(result):
        sentence = sentences[index]
        text = sentence.text
        if text.rstrip().endswith("?") or not any(
                noun in text.lower() for noun in ("report", "stor", "articl", "interview",
                                                   "scoop", "exclusive", "piece", "headline",
                                                   "broadcast", "investigation")):
            continue
        for match in _OUTLET_REPORT.finditer(text):
            group = "before" if match.group("before") is not None else "after"
            start, end = match.span(group)
            while end > start and text[end - 1] in ".'’":  # "Times'", a full stop
                end -= 1
            name = text[start:end]
            shown = _outlet(name, registry, lexicon.media_name)
            while shown is None and group == "after" and " " in name:
                end = start + name.rindex(" ")  # "by CRN Tuesday night": "CRN"
                name = text[start:end]
                shown = _outlet(name, registry, lexicon.media_name)
            if shown is None:
                continue
            start += shown[0]
            name, how = text[start:end], shown[1]
            if (outlet is not None and name.lower() in (
                    outlet.name.lower().removeprefix("the "), outlet.name.lower(),
                    *(a.lower() for a in outlet.aliases))):
                continue
            at, to = sentence.start + match.start(), sentence.start + match.end()
            if any(a.speaker == "media" and a.source.start < to and at < a.source.end
                   for a in found):
                continue
            words = Span(name, sentence.start + start, sentence.start + end)
            report = Attribution("media", "asserts", words,
                                 Span(match.group(), at, to), f"{_RULE}+{how}")
            place = next((n for n, a in enumerate(found) if a.cue.start > at), len(found))
            result[index] = (*found[:place], report, *found[place:])
            break


def _words(key: str) -> str:
    return "|".join(w.replace(" ", r"\s+") for w in sorted(sorted(word_list(key, FRAMES)),
                                                             key=len, reverse=True))


#: "source(s)", "insider(s)", "a person familiar with ..." as people: provenance words before
#: it, or a speaking verb after it (an appositive or relative clause between), not a passive,
#: not "media sources", "source of".
_HEAD = (rf"[\"“]?(?:{_words('anonymous_source_heads')})\b[\"”]?(?!\s+(?:of|for|code)\b)(?!:)"
         # a source placed by what it knows or where it is, before the verb it speaks by
         # ("sources familiar with the matter revealed", "sources from the capital indicate")
         rf"(?:\s+(?:{_words('anonymous_person_links')}|{_words('anonymous_source_links')})"
         # (no modal or negation among its words; the verb no noun after a determiner: "none
         # of its sources in government could back up the claims" speaks by no verb)
         r"(?:\s+(?!(?:could|would|can|will|may|might|should|must|did|does|do|not|and|but)\b)"
         r"[\w'’.-]+){1,5}?(?=\s+(?:(?:have|has|had|were|was|are|is|also|now|later|again)\s+){0,2}"
         r"(?<!\bthe\s)(?<!\ba\s)(?<!\ban\s)(?<!\bits\s)(?<!\btheir\s)"
         rf"(?:{_words('anonymous_source_verbs')})\b))?"
         rf"|(?:{_words('anonymous_person_heads')})\s+(?:{_words('anonymous_person_links')})"
         r"(?:\s+[\w'’.-]+){1,5}?(?=[\s,])"
         rf"|(?<![\w-])(?:{_words('anonymous_person_backrefs')})\b(?=\s+(?:{_words('anonymous_source_verbs')})\b)")
_OFFICIAL = (rf"(?:{_words('anonymous_official_heads')}"
             r"|(?:(?<=\ba\s)|(?<=\ban\s)|(?<=\bthe\s)|(?<=\bone\s))(?:[a-z][\w-]*\s+){0,3}?"
             rf"(?:{_words('anonymous_official_singular')}))\b"
             r"(?!\s+(?-i:[A-Z][\w'’-]*|[a-z]+\s+[A-Z][\w'’-]*))")


def _noun(head: str) -> str:
    """A source's phrase: up to four words before its head (none of them a "not people"
    word)."""
    return (rf"(?<!\w)(?<![-/])(?:(?!(?:{_words('anonymous_source_not_people')}"
            r"|how|what|why|where|whether|which|who|when|that)\s)"
            rf"[\w'’\"“”.-]+\s+){{0,4}}?(?:{head})")


def _anonymous(head: str, *provenance: str) -> re.Pattern[str]:
    """Provenance words before the phrase (``provenance``: the frames lexicon's lists), or a
    speaking verb after it."""
    given = "|".join(_words(key) for key in provenance)
    return re.compile(
        rf"\b(?:{given})\s+(?P<given>{_noun(head)})"
        rf"|(?P<speaks>{_noun(head)})(?:\s*,[^,.;]{{1,90}},|\s+who)?\s+"
        r"(?:(?:have|has|had|were|was|are|is|also|now|later|again)\s+){0,2}"
        rf"(?:{_words('anonymous_source_verbs')})\b",
        re.IGNORECASE,
    )


_ANONYMOUS_SOURCE = _anonymous(_HEAD, "anonymous_source_provenance", "anonymous_source_informed")
_ANONYMOUS_OFFICIAL = _anonymous(_OFFICIAL, "anonymous_source_provenance")
_NOT_PEOPLE = re.compile(rf"\b(?:{_words('anonymous_source_not_people')})\s+[\"“]?sources?\b",
                         re.IGNORECASE)


#: Words that end the phrase before "source(s)" ("the agency said its source": "its source").
_PHRASE_STOP = frozenset({
    "said", "says", "say", "told", "tells", "reported", "that", "and", "but", "or", "which",
    "who", "when", "while", "after", "before", "is", "was", "were", "are", "has", "have", "had",
    "to", "by", "with", "from", "of", "in", "on", "at", "as", "than", "if", "cited", "cites",
    "quoted", "quotes", "citing", "quoting", "headline", "headlines",
}) | word_list("anonymous_source_verbs", FRAMES)


#: The head words a source's phrase is walked back from.
_HEADS = (anonymous_heads() | word_list("anonymous_official_heads", FRAMES)
          | word_list("anonymous_official_singular", FRAMES))


#: A head word of a source's phrase, and a capitalised word right before one (a name).
_HEAD_WORD = re.compile(
    r"\b(?:" + "|".join(sorted(sorted(_HEADS), key=len, reverse=True)) + r")\b", re.I)
_NAME_BEFORE = re.compile(r"\b[A-Z][\w'’.&-]*\s+$")


def _noun_phrase(text: str, start: int, end: int) -> tuple[int, int]:
    """The words of ``text[start:end]`` that make the source's noun phrase: those before
    "source(s)" back to a verb, a conjunction or a preposition."""
    words = list(re.finditer(r"\S+", text[start:end]))
    heads = [n for n, w in enumerate(words) if w.group().lower().strip("\"“”,") in _HEADS]
    keep = heads[0] if heads else len(words) - 1
    while keep > 0 and words[keep - 1].group().lower().strip("\"“”") not in _PHRASE_STOP \
            and not words[keep - 1].group().endswith(",") \
            and not words[keep].group().startswith(("\"", "“")):  # a quotation opens it
        keep -= 1
    if heads and keep == heads[0] and keep > 0 and words[keep - 1].group().lower() in (
            "that", "this", "those"):  # "that person": the determiner of the head itself
        keep -= 1
    word = words[keep]
    return start + word.start() + len(word.group()) - len(word.group().lstrip("\"“")), end


def name_anonymous_sources(
    sentences: Sequence[Sentence],
    result: list[tuple[Attribution, ...]],
) -> None:
    """Anonymous sources the sentence names as people are ``unnamed``, anonymous officials
    ``unnamed_official`` (``result`` changed in place); see the module's docstring."""
    for index in range(len(result)):
        text = sentences[index].text
        low = text.lower()
        if any(word in low for word in ("source", "insider", "person", "people")):
            _name_anonymous(sentences[index], result, index, _ANONYMOUS_SOURCE, "unnamed")
        if any(word in low for word in ("official", "diplomat", "aide")):
            _name_anonymous(sentences[index], result, index, _ANONYMOUS_OFFICIAL,
                            "unnamed_official")


def _name_anonymous(sentence: Sentence, result: list[tuple[Attribution, ...]], index: int,
                    pattern: re.Pattern[str], speaker: Speaker) -> None:
    found = result[index]
    if any(a.speaker in ("unnamed", "unnamed_official") for a in found):
        return
    text = sentence.text
    for match in pattern.finditer(text):
        group = "given" if match.group("given") is not None else "speaks"
        start, end = _noun_phrase(text, *match.span(group))
        if _NOT_PEOPLE.search(text, max(0, start - 20), end):
            continue
        at, to = sentence.start + start, sentence.start + end
        if any(a.source.start < to and at < a.source.end and (
                a.speaker != "media" or (at <= a.source.start and a.source.end <= to))
               for a in found):  # (a medium's words that run on over it do not count)
            continue
        if any(a.mention is not None and a.mention.start < to and at < a.mention.end
               for a in found):  # "The official added": the speaker the article named
            continue
        head = _HEAD_WORD.search(text, start, end)
        if head is not None and head.group()[0].isupper() and _NAME_BEFORE.search(
                text, 0, head.start()):  # "Business Insider": a name's word
            continue
        words = Span(text[start:end], at, to)
        cue_start = start if group == "speaks" else min(start, match.start())
        cue = Span(text[cue_start:match.end()], sentence.start + cue_start,
                   sentence.start + match.end())
        source = Attribution(speaker, "asserts", words, cue, "media.anonymous_source")
        place = next((n for n, a in enumerate(found) if a.cue.start > at), len(found))
        result[index] = (*found[:place], source, *found[place:])
        return
