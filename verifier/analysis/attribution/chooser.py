"""A learned kind chooser: the kind of a speaker the rules found, re-decided among the kinds
the rules' own kind allows.

When the rules find the right speaker they often give it the wrong kind: a party speaking on
its own affairs read as an outside voice (``named``) or the other way round, an outlet the
registry lacks read as an ``official`` body, an anonymous official read as a plain source.
The chooser looks at each attribution the rules give a sentence of their own (not carried
from an earlier sentence: a carried one follows its source), of any stance (a refusal's or
denial's label is its stance, but its speaker kind is what the sentences going on with its
quotation carry), and weighs named features of it: the rules' kind
and the rule parts that gave it, the shape of its source words (a personal name, a surname
alone, capitals, an indefinite or plural head), the descriptor roles in them and around the
same name elsewhere in the article (an office given once carries to later mentions, per the
guide), whether the person is the story's subject (in the headline, in the lead, narrated
about rather than only quoted), the registry's kind for a name in the source, the cue (a
reporting verb: an outlet's report) and the quotation (first person: a party about its own
affairs). A multinomial logit restricted to the kinds the rules' kind allows (``allowed``:
a name is official or named, an outlet or body official or media, an anonymous descriptor
unnamed or unnamed_official ...) gives each a probability; the kind changes when the best
kind's probability exceeds the rules' kind's by the model's ``margin``.

The weights are ``verifier/data/models/chooser.yaml``, trained by ``bench/train_chooser.py``
on the labelled real sets and measured leave-one-set-out; ``enabled: false`` leaves the
rules' kinds as they are. The file holds weights of named features only: no word of the
training text.

A changed attribution says why: ``+model.kind`` is added to its rule id, and its ``reason``
gives the rules' kind, the model's, the probabilities and the features that weighed most for
the change with their weights. The attributions carried from it (pronouns, quotation going
on) take the same kind with the same reason.

Pure: no database, no randomness.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from itertools import pairwise
from typing import Any

from verifier.analysis.attribution.rules import Rules, lower, rules, word_list
from verifier.analysis.attribution.speakers import find_names, person_name
from verifier.analysis.results import Attribution, Sentence, Speaker
from verifier.analysis.wordindex import Spans, word_index
from verifier.errors import ConfigError
from verifier.model_files import (
    ModelSlot,
    check_class_weights,
    check_fields,
    check_meta,
    finite,
    yaml_reader,
)
from verifier.registry import Registry

MODEL_FILE = "models/chooser.yaml"
FORMAT = 1
RULE_SUFFIX = "+model.kind"
#: The kinds the chooser chooses between (a refusal's or a denial's label is its stance).
CHOICES: tuple[Speaker, ...] = ("official", "named", "media", "unnamed_official", "unnamed")

#: Descriptor roles (``attribution_speakers.yaml``) grouped as the features name them.
ROLE_GROUPS: dict[str, frozenset[str]] = {
    "office": frozenset({"title", "role", "agent", "institution"}),
    "outside": frozenset({"expert", "organisation", "study", "group"}),
    "media": frozenset({"media"}),
    "source": frozenset({"source"}),
}
#: Cue words of an outlet's own work: its report, broadcast or publication.
REPORT_CUES = frozenset({"report", "reported", "reports", "reporting", "wrote", "writes",
                         "published", "publishes", "broadcast", "aired", "revealed",
                         "reveals", "ran", "carried", "quoted", "quoting", "cited", "citing"})

FIXED: dict[str, str] = {
    "bias": "constant",
    "src:person_name": "the source words hold a personal name",
    "src:surname_only": "the source words are one capitalised word",
    "src:all_capitals": "every content word of the source is capitalised",
    "src:no_capitals": "no word of the source is capitalised",
    "src:acronym": "the source holds a word in capitals (an acronym)",
    "src:indefinite": "the source opens with an indefinite (a, one, several, some ...)",
    "src:the": "the source opens with 'the'",
    "src:plural": "the source ends with a lower-case plural noun",
    "src:possessive": "the source holds a possessive",
    "src:appositive": "the source holds a comma (an appositive)",
    "src:long": "the source has more than five words",
    "src:org_word": "the source holds an organisation-name word (Group, Council ...)",
    "src:relative": "the source is named before a relative pronoun ('X, who said')",
    "src:evidence": "the rules typed the source by words elsewhere in the article",
    "registry:none": "no registry name in the source",
    "cue:report": "the cue is an outlet's own work (reported, wrote, broadcast ...)",
    "cue:according": "the cue is 'according to'",
    "cue:told": "the cue is 'told'",
    "quote:marks": "the sentence holds a double quotation mark",
    "quote:first_person": "the sentence is a quotation in the first person",
    "subject:headline": "the source's last name word is in the headline",
    "subject:lead": "the source's last name word is in the first three sentences",
    "subject:narrated": "the source's last name word occurs outside any attribution's source",
    "subject:narrated_often": "... three times or more",
    "mentions:once": "the source's last name word occurs once in the article",
    "mentions:many": "the source's last name word occurs five times or more",
    "position:headline": "the attribution is the headline's",
    "position:lead": "the attribution is in the first three sentences",
    "doc:offices": "the article (100 words or more) names offices often (office descriptors "
                   "per 1,000 words >= 50, the real sets' median)",
    "doc:offices_dense": "... very often (>= 75, their upper quartile)",
    "doc:outside": "the article names outside roles often (trade and expert descriptors per "
                   "1,000 words >= 10, the median)",
    "src:fallback": "no words showed the rules' kind: a name rule's declared fallback",
    "fallback:offices": "src:fallback in an article that names offices often (doc:offices)",
    "fallback:bare": "src:fallback with no comma in the source: the name alone, not a name "
                     "with a description the rules could not read ('X, who heads ...')",
    "party:fallback_subject": "fallback:bare for a name the headline or the lead holds "
                              "(subject:headline, subject:lead): a party the story is about, "
                              "named bare as the news names its protagonists, not an outside "
                              "voice brought in later to comment; in an article of 100 "
                              "words or more (in a shorter text every name is in the lead)",
    "party:office_org": "the words describing the speaker (the source's, or the evidence the "
                        "rules found for the name elsewhere) hold an office word and a "
                        "capitalised name besides the speaker's that the article narrates "
                        "outside every source: the office of a body that is a party to the "
                        "story (guide 2), not of an outside one named once",
    "party:headline_offices": "the headline holds the speaker's own name (the last capitalised "
                              "word before any comma of the source: not a place or a body of an "
                              "appositive) in an article that names offices often "
                              "(doc:offices): the party a story of public affairs is about, "
                              "not a celebrity or an athlete in a story of their own",
    "body:definite": "the source is 'the' and lower-case words holding a body's descriptor "
                     "('the charity', 'the university', 'the NGO'; not a study's, 'the "
                     "survey'): a body the article named before, named again as the party it "
                     "is about",
}
#: Office and outside descriptors per 1,000 words of an article above which ``doc:`` fires.
DENSITY = {"doc:offices": ("office", 50.0), "doc:offices_dense": ("office", 75.0),
           "doc:outside": ("outside", 10.0)}
#: Fewer words than this say nothing of what an article is about (a line, a headline alone).
DENSITY_MIN_WORDS = 100
KINDS_FEATURES: dict[str, str] = {
    **{f"rule:{k}": f"the rules' kind is {k}" for k in CHOICES},
    **{f"registry:{k}": f"a registry name in the source speaks as {k}" for k in CHOICES},
    **{f"same:{k}": f"the rules give kind {k} to another source holding the same name"
       for k in CHOICES},
}
ROLE_FEATURES: dict[str, str] = {
    f"{where}:{group}": f"{text} a descriptor of role {group}"
    for group in ROLE_GROUPS
    for where, text in (("here", "the source words hold"),
                        ("earlier", "an earlier mention of the same name has"),
                        ("later", "a later mention of the same name has"))
}
FEATURES: dict[str, str] = {**FIXED, **KINDS_FEATURES, **ROLE_FEATURES}
#: The features ``_doc_features`` may give, and ``_party_features``.
_DOC_FEATURES = frozenset(DENSITY)
_FALLBACK_OFFICES = frozenset({"fallback:offices"})
_OFFICE_ORG = "party:office_org"
_PARTY_FEATURES = frozenset(
    {"mentions:once", "mentions:many", "subject:narrated", "subject:narrated_often",
     "subject:headline", "subject:lead"}
    | {f"{where}:{group}" for where in ("earlier", "later") for group in ROLE_GROUPS}
    | {f"same:{k}" for k in CHOICES})
#: The features ``_subject_features`` may give (read from the others: always computed last).
_SUBJECT_FEATURES = frozenset({"party:headline_offices", "body:definite",
                               "party:fallback_subject"})
#: The features ``_lookup_features`` may give.
_LOOKUP_FEATURES = frozenset(
    {"registry:none", "src:person_name"} | {f"here:{group}" for group in ROLE_GROUPS}
    | {f"registry:{k}" for k in CHOICES})
#: ``Chooser.cannot_change``: the slack of a score's lead for rounding, and the margin above
#: which it never says a kind cannot change (tanh is too flat there for the slack).
_SLACK = 1e-6
_MARGIN_BOUNDED = 0.99
_PART_NAME = re.compile(r"part:[a-z][\w.:-]*")

_WORD = re.compile(r"[^\W\d_][\w'’.&-]*")
_RUN = re.compile(r"\w+")
_INDEFINITE = re.compile(
    r"(?:a|an|one|two|three|four|five|several|some|many|multiple|other|another|various|"
    r"numerous|\d+)\b", re.IGNORECASE)
_QUOTES = "\"“”"
_FIRST_PERSON = re.compile(r"\b(?:I|I'm|I’m|I've|I’ve|my|me|we|our|us)\b")
#: how far before a name's other mentions a descriptor word is looked for (characters)
_NEAR_BEFORE = 60
#: the words of the same phrase just before a name (no punctuation between)
_PHRASE_BEFORE = re.compile(r"(?:[\w.'’&-]+[ \t]+){1,4}$")
#: an appositive just after a name (its other name words first): ", a partner at X,"
_APPOSITIVE = re.compile(r"(?:[ \t]+[A-Z][\w.'’-]*){0,2},[ \t]+([^,.;:()\"“”\n]{2,80})")


def known(name: str) -> bool:
    """Whether ``name`` is a feature the model may weigh: a fixed one or a rule part."""
    return name in FEATURES or _PART_NAME.fullmatch(name) is not None


def choosable(attribution: Attribution) -> bool:
    """Whether the chooser decides this attribution's speaker kind (its own source, a speaker
    kind). A refusing or denying party is chosen too: its label is its stance, but its
    speaker kind is the one the sentences that go on with its quotation carry (a minister's
    denial is an official's, and so is the quotation's next, asserting sentence)."""
    return not attribution.carried and attribution.speaker in CHOICES


class Article:
    """What the features of one article's attributions read."""

    def __init__(self, text: str, sentences: Sequence[Sentence],
                 found: Sequence[Sequence[Attribution]], registry: Registry,
                 lexicon: Rules | None = None) -> None:
        self.text = text
        self.sentences = sentences
        self.registry = registry
        self.rules = lexicon if lexicon is not None else rules()
        self.function = word_list("function_words")
        self._spoken = Spans((a.source.start, a.source.end) for row in found for a in row)
        self._words = word_index(text)
        #: (source start, source end, source words, kind) of every asserting attribution
        self._kinds = sorted({(a.source.start, a.source.end, a.source.text, a.speaker)
                              for row in found for a in row if a.stance == "asserts"})
        self.headline = lower(sentences[0].text) if sentences else ""
        self.lead = lower(" ".join(s.text for s in sentences[:3]))
        self._mentions: dict[str, list[tuple[int, frozenset[str]]]] = {}
        self._narrated: dict[str, int] = {}
        #: each asserting source's kind by the words of its text (``same``)
        self._kinds_by_word: dict[str, list[tuple[int, int, str, Speaker]]] | None = None
        #: where each phrase ``office_org`` looks for occurs outside every source
        self._unspoken: dict[str, list[int]] = {}
        self._density: dict[str, float] | None = None
        self._office_org: dict[tuple[int, int], bool] = {}

    def density(self) -> dict[str, float]:
        """Descriptors of each role group (``ROLE_GROUPS``) per 1,000 words of the article:
        how much it is about office-holders, how much about outside voices (0 for a text
        shorter than ``DENSITY_MIN_WORDS``)."""
        if self._density is None:
            by_group = self.rules.descriptor_by_group
            counts = dict.fromkeys(ROLE_GROUPS, 0)
            for m in self.rules.descriptor_scan.finditer(lower(self.text)):
                role = by_group[m.lastgroup or ""].role
                for group, members in ROLE_GROUPS.items():
                    if role in members:
                        counts[group] += 1
            words = len(self.text.split())
            self._density = {g: n * 1000 / words if words >= DENSITY_MIN_WORDS else 0.0
                             for g, n in counts.items()}
        return self._density

    def groups(self, words: str) -> set[str]:
        """The role groups (``ROLE_GROUPS``) of the descriptors in ``words``."""
        by_group = self.rules.descriptor_by_group
        roles = {by_group[m.lastgroup or ""].role
                 for m in self.rules.descriptor_scan.finditer(lower(words))}
        return {g for g, members in ROLE_GROUPS.items() if roles & members}

    def mentions(self, name: str) -> list[tuple[int, frozenset[str]]]:
        """Each occurrence of ``name``: its start and the role groups of the descriptors that
        introduce it (the words just before it in its phrase, "Health Secretary Jane Roe", or
        an appositive just after it, "Roe, an analyst at ...")."""
        found = self._mentions.get(name)
        if found is None:
            found = []
            pattern = re.compile(rf"(?<!\w){re.escape(name)}(?!\w)")
            for m in self._words.finditer(pattern, (name,), bounded=True):
                groups: set[str] = set()
                before = _PHRASE_BEFORE.search(self.text, max(0, m.start() - _NEAR_BEFORE),
                                               m.start())
                if before is not None:
                    groups |= self.groups(before.group())
                after = _APPOSITIVE.match(self.text, m.end())
                if after is not None:
                    groups |= self.groups(after.group(1))
                found.append((m.start(), frozenset(groups)))
            self._mentions[name] = found
        return found

    def same(self, name: str, start: int, end: int) -> set[str]:
        """The rules' kinds of the other sources that hold ``name``."""
        pattern = re.compile(rf"(?<!\w){re.escape(name)}(?!\w)")
        head = _RUN.match(name)
        if head is None:
            kinds = self._kinds
        else:
            if self._kinds_by_word is None:
                by_word: dict[str, list[tuple[int, int, str, Speaker]]] = {}
                for entry in self._kinds:
                    for word in {m.group() for m in _RUN.finditer(entry[2])}:
                        by_word.setdefault(word, []).append(entry)
                self._kinds_by_word = by_word
            # a whole-word match starts a word run that is exactly the name's first run
            kinds = self._kinds_by_word.get(head.group(), [])
        return {kind for a, b, words, kind in kinds
                if (a, b) != (start, end) and pattern.search(words)}

    def office_org(self, words: str, start: int, end: int) -> bool:
        """Whether ``words`` (at ``start``-``end`` of the text) hold an office descriptor and
        a capitalised word, outside every descriptor and the personal name, that occurs in the
        text outside them and outside every source (``party:office_org``)."""
        key = (start, end)
        held = self._office_org.get(key)
        if held is not None:
            return held
        held = False
        low = lower(words)
        scan = list(self.rules.descriptor_scan.finditer(low))
        by_group = self.rules.descriptor_by_group
        if any(by_group[m.lastgroup or ""].role in ROLE_GROUPS["office"] for m in scan):
            name = person_name(words, self.rules, [])
            for phrase in _org_phrases(words, name, [m.span() for m in scan], self.function):
                if any(not start <= at < end for at in self._outside_sources(phrase)):
                    held = True
                    break
        self._office_org[key] = held
        return held

    def _outside_sources(self, phrase: str) -> list[int]:
        """Where ``phrase`` occurs (no word character or hyphen either side) outside every
        attribution's source words."""
        found = self._unspoken.get(phrase)
        if found is None:
            pattern = re.compile(rf"(?<![\w-]){re.escape(phrase)}(?![\w-])")
            found = [m.start() for m in self._words.finditer(pattern, (phrase,), bounded=True)
                     if m.start() not in self._spoken]
            self._unspoken[phrase] = found
        return found

    def narrated(self, name: str) -> int:
        """How many occurrences of ``name`` are in no attribution's source words."""
        count = self._narrated.get(name)
        if count is None:
            count = sum(1 for at, _ in self.mentions(name) if at not in self._spoken)
            self._narrated[name] = count
        return count


def _org_phrases(words: str, name: tuple[int, int] | None, described: Sequence[tuple[int, int]],
                 function: frozenset[str]) -> list[str]:
    """The phrases of ``words`` that may name the body an office belongs to: two capitalised
    words in a row ("Harbour Trust", "President's Office"; a place alone, "China", says
    nothing of which body) of which one is no descriptor's word, and acronyms ("NHS"); none
    inside the personal name ``name``."""
    tokens = [t for t in _WORD.finditer(words)
              if t.group()[0].isupper() and t.group().lower() not in function
              and (name is None or not (name[0] <= t.start() < name[1]))]
    out: list[str] = []
    for token in tokens:
        word = token.group().rstrip(".")
        if len(word) > 1 and word.isupper() and not _inside(token.span(), described):
            out.append(word)
    for one, two in pairwise(tokens):
        if (words[one.end():two.start()].strip() == "" and not (
                _inside(one.span(), described) and _inside(two.span(), described))):
            out.append(words[one.start():two.end()].rstrip("."))
    return out


def _inside(span: tuple[int, int], spans: Sequence[tuple[int, int]]) -> bool:
    return any(a < span[1] and span[0] < b for a, b in spans)


def _party_word(caps: Sequence[str]) -> str:
    """The party's word for ``_party_features``: the source's last capitalised word without
    a possessive ending ("" when it is shorter than two characters)."""
    last = re.sub(r"['’]s?$", "", caps[-1]) if caps else ""
    return last if len(last) > 1 else ""


def features(article: Article, index: int, attribution: Attribution) -> dict[str, float]:
    """The named features of an attribution of sentence ``index``."""
    out, caps = _source_features(article, attribution)
    _lookup_features(article, attribution, out)
    _cue_features(article, index, attribution, out)
    _doc_features(article, out)
    _fallback_features(article, attribution, out)
    _position_features(index, out)
    _party_features(article, attribution, caps, out)
    _office_org_features(article, attribution, out)
    _subject_features(article, attribution, out)
    return out


def _source_words(attribution: Attribution) -> str:
    return attribution.source.text.strip(" ,.;:\"“”'‘’")


def _source_features(article: Article, attribution: Attribution
                     ) -> tuple[dict[str, float], list[str]]:
    """The features of the source words' shape and of the rule (and the source's
    capitalised words, for ``_party_features``), in this order (the model's sums add them
    in it)."""
    words = _source_words(attribution)
    out: dict[str, float] = {"bias": 1.0, f"rule:{attribution.speaker}": 1.0}
    for part in attribution.rule.split("+"):
        if part:
            out[f"part:{part}"] = 1.0
    tokens = _WORD.findall(words)
    content = [t for t in tokens if t.lower() not in article.function]
    caps = [t for t in content if t[0].isupper()]
    _capitals(out, tokens, content, caps)
    _source_shape(out, words, tokens, article.rules.org_name_words)
    if attribution.mention is not None:
        out["src:relative"] = 1.0
    if attribution.evidence is not None:
        out["src:evidence"] = 1.0
    return out, caps


def _capitals(out: dict[str, float], tokens: list[str], content: list[str],
              caps: list[str]) -> None:
    """The source's content words all capitalised, none, a lone capitalised one (a surname),
    an acronym among its words."""
    if content and len(caps) == len(content):
        out["src:all_capitals"] = 1.0
    if not caps:
        out["src:no_capitals"] = 1.0
    if len(content) == 1 and caps:
        out["src:surname_only"] = 1.0
    if any(len(t) > 1 and t.isupper() for t in tokens):
        out["src:acronym"] = 1.0


def _source_shape(out: dict[str, float], words: str, tokens: list[str],
                  org_name_words: frozenset[str]) -> None:
    """The source words: indefinite, opening with "the", a plural at the end, a possessive,
    an appositive, long, an organisation's name-word."""
    if _INDEFINITE.match(words):
        out["src:indefinite"] = 1.0
    if words.lower().startswith("the "):
        out["src:the"] = 1.0
    if tokens and tokens[-1].islower() and tokens[-1].endswith("s") and len(tokens[-1]) > 3:
        out["src:plural"] = 1.0
    if re.search(r"\w['’]s?\s", words):
        out["src:possessive"] = 1.0
    if "," in words:
        out["src:appositive"] = 1.0
    if len(tokens) > 5:
        out["src:long"] = 1.0
    if any(t.lower().rstrip(".") in org_name_words for t in tokens):
        out["src:org_word"] = 1.0


def _lookup_features(article: Article, attribution: Attribution,
                     out: dict[str, float]) -> None:
    """The features the descriptor words, the registry and the personal names find in the
    source words."""
    words = _source_words(attribution)
    for group in article.groups(words):
        out[f"here:{group}"] = 1.0
    names = find_names(article.registry, words) if words else []
    if names:
        kind = names[0][0].speaker
        if kind in CHOICES:
            out[f"registry:{kind}"] = 1.0
    else:
        out["registry:none"] = 1.0
    if words and person_name(words, article.rules, [(a, b) for _, a, b in names]) is not None:
        out["src:person_name"] = 1.0


def _cue_features(article: Article, index: int, attribution: Attribution,
                  out: dict[str, float]) -> None:
    """The features of the cue and of the sentence's quotation."""
    sentence = article.sentences[index]
    cue = attribution.cue.text.lower().split()
    first = cue[0].strip(".,:;\"“”") if cue else ""
    if first in REPORT_CUES:
        out["cue:report"] = 1.0
    elif first == "according":
        out["cue:according"] = 1.0
    elif first == "told":
        out["cue:told"] = 1.0
    if any(q in sentence.text for q in _QUOTES):
        out["quote:marks"] = 1.0
        if _FIRST_PERSON.search(sentence.text):
            out["quote:first_person"] = 1.0


def _doc_features(article: Article, out: dict[str, float]) -> None:
    """The article's density features (``DENSITY``)."""
    density = article.density()
    for name, (group, floor) in DENSITY.items():
        if density[group] >= floor:
            out[name] = 1.0


def _fallback_features(article: Article, attribution: Attribution,
                       out: dict[str, float]) -> None:
    """``src:fallback``, ``fallback:bare`` (after ``_source_features``) and
    ``fallback:offices`` (after ``_doc_features``)."""
    if attribution.reason and any(rule.reason and rule.reason in attribution.reason
                                  for rule in article.rules.names.values()):
        out["src:fallback"] = 1.0
        if "src:appositive" not in out:
            out["fallback:bare"] = 1.0
        if "doc:offices" in out:
            out["fallback:offices"] = 1.0


def _office_org_features(article: Article, attribution: Attribution,
                         out: dict[str, float]) -> None:
    """``party:office_org``: an office word in the words describing the speaker (the
    source's, or the evidence span the rules found for the name) beside a capitalised word
    that is neither the speaker's name nor a descriptor's and that the article's own
    narration repeats (outside that description and every source): "David Wilson, area
    director at the Harbour Trust" in an article about the Harbour Trust's plans."""
    spans = [attribution.source]
    if attribution.evidence is not None:
        spans.append(attribution.evidence)
    for span in spans:
        if article.office_org(span.text, span.start, span.end):
            out[_OFFICE_ORG] = 1.0
            return


#: "the" and lower-case words (an acronym among them: "the NGO"), no name: a definite
#: description
_DEFINITE = re.compile(r"[Tt]he(?:\s+(?:[a-z][\w'’-]*|[A-Z]{2,}s?))+")
#: The descriptor roles of a body that speaks (not a study's, an outlet's or a source's)
_BODY_ROLES = frozenset({"organisation", "institution", "group"})


def _subject_features(article: Article, attribution: Attribution,
                      out: dict[str, float]) -> None:
    """The party the story is about (``_SUBJECT_FEATURES``), read after the other features:
    the speaker's own name in the headline of an article of offices, a body named by a
    definite description with a descriptor's word."""
    words = _source_words(attribution)
    if "doc:offices" in out:
        head = words.split(",", 1)[0]
        caps = [t for t in _WORD.findall(head)
                if t[0].isupper() and t.lower() not in article.function]
        name = _party_word(caps)
        if name and re.search(rf"(?<!\w){re.escape(name.lower())}(?!\w)", article.headline):
            out["party:headline_offices"] = 1.0
    if _DEFINITE.fullmatch(words) and ("src:org_word" in out or _BODY_ROLES & {
            article.rules.descriptor_by_group[m.lastgroup or ""].role
            for m in article.rules.descriptor_scan.finditer(lower(words))}):
        out["body:definite"] = 1.0
    if "fallback:bare" in out and ("subject:headline" in out or "subject:lead" in out) and \
            len(article.text.split()) >= DENSITY_MIN_WORDS:
        out["party:fallback_subject"] = 1.0


def _position_features(index: int, out: dict[str, float]) -> None:
    """The attribution's place: the headline's, the lead's."""
    if index == 0:
        out["position:headline"] = 1.0
    if index < 3:
        out["position:lead"] = 1.0


def _party_features(article: Article, attribution: Attribution, caps: Sequence[str],
                    out: dict[str, float]) -> None:
    """The party: its last capitalised word, where else it occurs and what describes it
    there."""
    source = attribution.source
    last = _party_word(caps)
    if last:
        mentions = article.mentions(last)
        if len(mentions) <= 1:
            out["mentions:once"] = 1.0
        elif len(mentions) >= 5:
            out["mentions:many"] = 1.0
        for at, groups in mentions:
            if source.start <= at < source.end:
                continue
            where = "earlier" if at < source.start else "later"
            for group in groups:
                out[f"{where}:{group}"] = 1.0
        for kind in article.same(last, source.start, source.end):
            if kind in CHOICES:
                out[f"same:{kind}"] = 1.0
        narrated = article.narrated(last)
        if narrated:
            out["subject:narrated"] = 1.0
        if narrated >= 3:
            out["subject:narrated_often"] = 1.0
        low = last.lower()
        if re.search(rf"(?<!\w){re.escape(low)}(?!\w)", article.headline):
            out["subject:headline"] = 1.0
        if re.search(rf"(?<!\w){re.escape(low)}(?!\w)", article.lead):
            out["subject:lead"] = 1.0


@dataclass(frozen=True)
class Choice:
    """The model's kind for one attribution, its probability and the rules' kind's, and the
    features that weighed most for it against the rules' kind."""

    kind: Speaker
    p: float
    p_rule: float
    weighed: tuple[tuple[str, float], ...]

    def reason(self, was: str) -> str:
        why = ", ".join(f"{n} {w:+.2f}" for n, w in self.weighed)
        return (f"kind model: rules said {was} (p={self.p_rule:.2f}), model says {self.kind} "
                f"(p={self.p:.2f}); weighed most: {why}")


@dataclass(frozen=True)
class Chooser:
    """Weights per kind (``CHOICES``) of named features; ``allowed``: for each rules' kind,
    the kinds the model may choose instead; ``requires``: for a change "rules' kind>kind",
    features one of which must fire for the change to be weighed at all (the guide's
    evidence: a name becomes official only with an office or a body's word); ``margin``: how
    far the chosen kind's probability must exceed the rules' kind's."""

    weights: Mapping[str, Mapping[str, float]]
    allowed: Mapping[str, tuple[str, ...]]
    meta: Mapping[str, Any] = field(default_factory=dict)
    enabled: bool = True
    margin: float = 0.0
    requires: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    #: ``cannot_change``'s most a kind can gain over the rules' kind from features not yet
    #: computed, by (rules' kind, kind, those features)
    _room: dict[tuple[str, str, frozenset[str]], float] = field(
        default_factory=dict, init=False, repr=False, compare=False)

    def kinds(self, named: Mapping[str, float], rule_kind: str) -> tuple[str, ...]:
        """The kinds weighed for an attribution: the rules' kind, then each kind it allows
        whose required features (if any) include one that fires."""
        out = [rule_kind]
        for kind in self.allowed.get(rule_kind, ()):
            need = self.requires.get(f"{rule_kind}>{kind}")
            if kind != rule_kind and (need is None or any(n in named for n in need)):
                out.append(kind)
        return tuple(out)

    def gated_out(self, attribution: Attribution) -> bool:
        """Whether every change the rules' kind allows requires features that cannot fire for
        this attribution, as its rule's reason alone shows (the fallback features need the
        name rule's fallback kind): its kind stays, and its features are not computed (the
        same decisions, sooner)."""
        kind = attribution.speaker
        needs = [self.requires.get(f"{kind}>{k}") for k in self.allowed.get(kind, ())
                 if k != kind]
        if not needs or any(need is None for need in needs):
            return False
        return not any(_may_fire(name, attribution) for need in needs if need is not None
                       for name in need)

    def cannot_change(self, named: Mapping[str, float], rule_kind: str,
                      later: frozenset[str]) -> bool:
        """Whether no kind can replace the rules' kind, whichever of the binary features
        ``later`` (not computed yet) fire besides ``named``: for each kind ``kinds`` may weigh
        (a required feature among ``named`` or ``later``), its score's lead over the rules'
        kind's, each feature of ``later`` counted where it helps, stays below what the margin
        asks (``p - p_rule <= tanh(lead / 2)``, however many kinds are weighed), with a slack
        for rounding: the decision is the one ``decide`` takes on all the features."""
        if self.margin > _MARGIN_BOUNDED:
            return False
        theirs = self.weights.get(rule_kind, {})
        for kind in self.allowed.get(rule_kind, ()):
            need = self.requires.get(f"{rule_kind}>{kind}")
            if kind == rule_kind or (need is not None and not any(
                    n in named or n in later for n in need)):
                continue
            mine = self.weights.get(kind, {})
            lead = sum((mine.get(n, 0.0) - theirs.get(n, 0.0)) * v for n, v in named.items())
            key = (rule_kind, kind, later)
            room = self._room.get(key)
            if room is None:
                room = self._room[key] = sum(max(0.0, mine.get(n, 0.0) - theirs.get(n, 0.0))
                                             for n in sorted(later))
            lead += room
            if lead + _SLACK >= 2 * math.atanh(self.margin):
                return False
        return True

    def choice(self, article: Article, index: int, attribution: Attribution) -> Choice | None:
        """``decide`` on the features of an attribution of sentence ``index``, or None when
        no kind can replace the rules' kind (``cannot_change``): the features of the source
        words' shape, the rule, the cue and the place first, the descriptor, registry and
        name look-ups in the source words only when those leave a change possible, the
        party's mentions only when those do too, the article's density
        (``Article.density``, once an article) last."""
        kind = attribution.speaker
        early, caps = _source_features(article, attribution)
        _cue_features(article, index, attribution, early)
        _fallback_features(article, attribution, early)
        _position_features(index, early)
        _office_org_features(article, attribution, early)
        later = _DOC_FEATURES | _FALLBACK_OFFICES if "src:fallback" in early else _DOC_FEATURES
        later |= _SUBJECT_FEATURES
        party = _party_word(caps)
        if party:
            later |= _PARTY_FEATURES
        if self.cannot_change(early, kind, later | _LOOKUP_FEATURES):
            return None
        _lookup_features(article, attribution, early)
        if self.cannot_change(early, kind, later):
            return None
        later -= _PARTY_FEATURES
        if party:
            _party_features(article, attribution, caps, early)
            if self.cannot_change(early, kind, later):
                return None
        return self.decide(features(article, index, attribution), kind)

    def probabilities(self, named: Mapping[str, float], rule_kind: str) -> dict[str, float]:
        """A probability for each kind weighed (``kinds``: the rules' kind included)."""
        kinds = self.kinds(named, rule_kind)
        scores = {k: sum(self.weights.get(k, {}).get(n, 0.0) * v for n, v in named.items())
                  for k in kinds}
        top = max(scores.values())
        exp = {k: math.exp(s - top) for k, s in scores.items()}
        total = sum(exp.values())
        return {k: e / total for k, e in exp.items()}

    def decide(self, named: Mapping[str, float], rule_kind: str, shown: int = 4) -> Choice:
        p = self.probabilities(named, rule_kind)
        best = max(p, key=lambda k: (p[k], k == rule_kind, -CHOICES.index(k)))
        kind = next(k for k in CHOICES if k == best)
        mine, theirs = self.weights.get(best, {}), self.weights.get(rule_kind, {})
        fired = sorted(((n, (mine.get(n, 0.0) - theirs.get(n, 0.0)) * v)
                        for n, v in named.items()), key=lambda nw: (-nw[1], nw[0]))
        return Choice(kind, p[best], p[rule_kind],
                      tuple((n, w) for n, w in fired[:shown] if w > 0))

    def choose(self, text: str, sentences: Sequence[Sentence],
               found: Sequence[tuple[Attribution, ...]], registry: Registry
               ) -> list[tuple[Attribution, ...]]:
        """``found`` with the kinds the model changes (and the attributions carried from a
        changed one following it)."""
        article: Article | None = None
        moved: dict[tuple[int, int, str], tuple[Speaker, str]] = {}
        for index, row in enumerate(found):
            for attribution in row:
                if not choosable(attribution) or len(self.allowed.get(
                        attribution.speaker, ())) < 2 or self.gated_out(attribution):
                    continue
                if article is None:
                    article = Article(text, sentences, found, registry)
                choice = self.choice(article, index, attribution)
                if choice is not None and choice.kind != attribution.speaker and \
                        choice.p - choice.p_rule >= self.margin:
                    key = (attribution.source.start, attribution.source.end,
                           attribution.speaker)
                    moved.setdefault(key, (choice.kind, choice.reason(attribution.speaker)))
        if not moved:
            return list(found)
        return [tuple(_relabelled(a, moved) for a in row) for row in found]


def _may_fire(name: str, attribution: Attribution) -> bool:
    """Whether the feature ``name`` may fire for ``attribution``: false only for the fallback
    features of an attribution whose reason gives no fallback kind (``features``)."""
    if name == "src:fallback" or name.startswith("fallback:"):
        return bool(attribution.reason) and any(
            rule.reason and rule.reason in attribution.reason for rule in rules().names.values())
    return True


def _relabelled(attribution: Attribution,
                moved: Mapping[tuple[int, int, str], tuple[Speaker, str]]) -> Attribution:
    key = (attribution.source.start, attribution.source.end, attribution.speaker)
    if key not in moved:
        return attribution
    kind, reason = moved[key]
    return replace(attribution, speaker=kind, rule=attribution.rule + RULE_SUFFIX,
                   reason="; ".join(r for r in (attribution.reason, reason) if r))


def parse_chooser(raw: Any, where: str) -> Chooser:
    """Validate a parsed chooser file: ``format``, ``enabled``, ``margin`` (a number in
    [0, 1]), ``allowed`` (each kind of ``CHOICES`` -> a list of kinds of ``CHOICES`` holding
    itself), optionally ``requires`` ("kind>kind" of an allowed change -> a list of known
    feature names), ``meta`` (a mapping) and ``weights`` (each kind -> known feature names ->
    finite numbers). Unknown keys are errors."""
    raw = check_fields(raw, where, FORMAT,
                       {"format", "enabled", "margin", "allowed", "meta", "weights"},
                       {"requires"})
    margin = raw["margin"]
    if not finite(margin) or not 0 <= margin <= 1:
        raise ConfigError(f"{where}: field 'margin': expected a number in [0, 1]")
    allowed = raw["allowed"]
    if not isinstance(allowed, dict):
        raise ConfigError(f"{where}: field 'allowed': expected a mapping of kinds")
    parsed_allowed: dict[str, tuple[str, ...]] = {}
    for kind, kinds in allowed.items():
        if kind not in CHOICES:
            raise ConfigError(f"{where}: field 'allowed.{kind}': unknown kind")
        if not isinstance(kinds, list) or not all(k in CHOICES for k in kinds) or \
                kind not in kinds:
            raise ConfigError(f"{where}: field 'allowed.{kind}': expected a list of kinds "
                              f"({', '.join(CHOICES)}) holding {kind}")
        parsed_allowed[kind] = tuple(kinds)
    requires = raw.get("requires", {})
    if not isinstance(requires, dict):
        raise ConfigError(f"{where}: field 'requires': expected a mapping of changes")
    parsed_requires: dict[str, tuple[str, ...]] = {}
    for change, names in requires.items():
        was, _, kind = str(change).partition(">")
        if kind not in parsed_allowed.get(was, ()) or kind == was:
            raise ConfigError(f"{where}: field 'requires.{change}': not an allowed change "
                              "(rules' kind>kind)")
        if not isinstance(names, list) or not names or not all(
                isinstance(n, str) and known(n) for n in names):
            raise ConfigError(f"{where}: field 'requires.{change}': expected a list of "
                              "known feature names")
        parsed_requires[str(change)] = tuple(names)
    meta = check_meta(raw, where)
    parsed = check_class_weights(raw, where, CHOICES, known, "kind", "kinds")
    return Chooser(parsed, parsed_allowed, dict(meta), raw["enabled"], float(margin),
                   parsed_requires)


read_chooser = yaml_reader(parse_chooser, "kind chooser model")
#: Choosers in force instead of the packaged one, innermost last: ``use_chooser`` (None: the
#: rules' kinds) until ``restore_chooser`` (measuring and training:
#: ``bench/train_chooser.py``); ``chooser``: the one in force (an override, else the packaged
#: one when it is enabled).
_SLOT: ModelSlot[Chooser, Chooser] = ModelSlot(MODEL_FILE, read_chooser)
use_chooser, restore_chooser, chooser = _SLOT.use, _SLOT.restore, _SLOT.current


def chosen(text: str, sentences: Sequence[Sentence], found: list[tuple[Attribution, ...]],
           registry: Registry) -> list[tuple[Attribution, ...]]:
    """``found`` with the kinds the chooser in force changes (unchanged when none is)."""
    model = chooser()
    return found if model is None else model.choose(text, sentences, found, registry)
